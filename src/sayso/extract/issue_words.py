"""An issue's words learned from its poles and examples, and where a sentence raises the issue
by likeness to them, so that an issue needs no hand-written list of words.

**Learning.** Each content word of each example statement is read up the parse as a stance
is (the caller's ``read``): the side the statement's other words put on it, times the side
the statement takes, is the side the word names. In "Kyiv refuses any dialogue with Moscow"
(against negotiating) "dialogue" is refused, so it names the "for" side; in "We will fight
on until victory" (against) "victory" is wanted, so it names the "against" side. A word that
names both sides across the examples is dropped; a word that only rules over another ("keep
[sending]", "impose [sanctions]"), a verb of speech, a holder ("allies", "Western") or a
name is no issue word.

**Matching.** A sentence raises an issue where it is more like one of the issue's texts
(name, description, poles, examples) than like any other issue's, by at least ``sentence``,
and holds a content word like one of the learned words by at least ``word`` (the same word,
or a noun near it): that word is an anchor, with the side its learned word names, for the
stance reading to start from. The thresholds of each kind of likeness were tuned on the
development half of the stance gold set, its issues stripped of their listed words
(``bench/positions.py --examples-only``).

Only an issue that lists no words of its own is matched so: on the bundled issues, adding
likeness to their listed words found more stances but fewer of them right (dev half,
parties: coverage 0.32 to 0.37, precision 0.81 to 0.75 with embeddings).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Span, Token

from sayso import nlp
from sayso.issues import Anchor, Issue
from sayso.likeness import Kind, Likeness

# The side a stance reading puts on an anchor's words, or None where it reads none.
ReadSide = Callable[[Doc, Span, Anchor], int | None]
_CONTENT = frozenset({"NOUN", "VERB", "ADJ"})
# How a word below another is what it is about: "keep [sending]", "impose [sanctions]".
_ARGUMENTS = frozenset({"dobj", "xcomp", "ccomp", "pobj", "prep", "attr", "acomp"})
_BLOCK = 256  # sentences compared at once
_SHARED_BY = 3  # a word learned for this many issues is no issue's word
_NAMES = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"})
# (sentence, word) likeness thresholds of each kind: tuned on the dev half
THRESHOLDS: dict[Kind, tuple[float, float]] = {
    "words": (0.1, 1.0),
    "vectors": (0.7, 0.7),
    "embeddings": (0.3, 0.7),
}


@dataclass(frozen=True)
class IssueWord:
    """A word learned from an issue's examples: its lemma, and the side it names (+1 the
    issue or its "for" pole, -1 its "against" pole)."""

    lemma: str
    sign: int


def candidate(token: Token, stop: frozenset[str]) -> bool:
    """Whether ``token`` could raise an issue: a common noun, verb or adjective that is not
    a stop word, a word in ``stop`` (verbs of speech, holders) or a word describing one
    ("[Western] allies"), a name ("Russian"), nor a modal."""
    lemma = token.lemma_.lower()
    return (
        token.pos_ in _CONTENT
        and not token.is_stop
        and len(lemma) > 2
        and lemma.isalpha()
        and lemma not in stop
        and token.tag_ != "MD"
        and token.ent_type_ not in _NAMES
        and not (token.dep_ in {"amod", "compound"} and token.head.lemma_.lower() in stop)
    )


def learn(
    issue: Issue, read: ReadSide, sides: dict[str, int], stop: frozenset[str]
) -> list[IssueWord]:
    """The words of ``issue``'s examples that raise it, each with the side it names.
    ``sides``: the lemmas that take a side on what they govern (the stance reading's own
    lexicon); ``stop``: the lemmas that are never issue words."""
    votes: dict[str, set[int]] = defaultdict(set)
    for text, pole in issue.examples:
        parsed = nlp.parse(text)
        for sentence in parsed.sents:
            for token in sentence:
                if not candidate(token, stop) or _rules(token, sides, stop):
                    continue
                anchor = Anchor(token.idx, token.idx + len(token.text), 1, sides=True)
                side = read(parsed, sentence, anchor)
                votes[token.lemma_.lower()].add(pole * (side or 1))
    return [IssueWord(lemma, signs.pop()) for lemma, signs in votes.items() if len(signs) == 1]


def _rules(token: Token, sides: dict[str, int], stop: frozenset[str]) -> bool:
    """Whether ``token`` takes a side on a content word below it rather than naming the
    issue: "[keep] sending", "[impose] sanctions", "[ready] for talks"."""
    if token.lemma_.lower() not in sides:
        return False
    below = [c for c in token.children if c.dep_ in _ARGUMENTS]
    below += [g for c in below if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return any(candidate(c, stop) for c in below)


class IssueMatcher:
    """Where sentences raise issues by likeness to the issues' texts and learned words."""

    def __init__(
        self,
        issues: Sequence[Issue],
        likeness: Likeness,
        read: ReadSide,
        sides: dict[str, int],
        stop: frozenset[str],
        thresholds: tuple[float, float] | None = None,
    ) -> None:
        self.likeness = likeness
        self.stop = stop
        self.sentence_threshold, self.word_threshold = thresholds or THRESHOLDS[likeness.kind]
        learned = {issue.id: learn(issue, read, sides, stop) for issue in issues}
        # a word learned for several issues ("war", "new") tells them apart from none
        issues_of = Counter(w.lemma for words in learned.values() for w in words)
        self.learned = {
            issue_id: [w for w in words if issues_of[w.lemma] < _SHARED_BY]
            for issue_id, words in learned.items()
        }
        self._texts = {issue.id: likeness.sentences(issue.texts) for issue in issues}

    def likeness_to_issues(self, sentences: Sequence[Span]) -> dict[str, np.ndarray]:
        """For each issue, each sentence's likeness to the nearest of the issue's texts, or 0
        where the sentence is more like another issue (sentences compared ``_BLOCK`` at a
        time, so that memory stays bounded however long the document)."""
        alike: dict[str, list[np.ndarray]] = {issue_id: [] for issue_id in self._texts}
        for top in range(0, len(sentences), _BLOCK):
            block = sentences[top : top + _BLOCK]
            rows = self.likeness.sentences([s.text for s in block])
            for issue_id, texts in self._texts.items():
                alike[issue_id].append((rows @ texts.T).max(axis=1))
        joined = {
            issue_id: np.concatenate(rows) if rows else np.zeros(0)
            for issue_id, rows in alike.items()
        }
        if not sentences:
            return joined
        # a sentence raises at most the issue it is most like: all war news is like every
        # issue about the war a little
        nearest = np.max(np.stack(list(joined.values())), axis=0)
        return {issue_id: np.where(row >= nearest, row, 0.0) for issue_id, row in joined.items()}

    def anchors(self, issue: Issue, sentence: Span, likeness: float) -> list[Anchor]:
        """The words of ``sentence`` that raise ``issue``, given the sentence's likeness to
        the issue's texts; none where that is under the threshold."""
        words = self.learned[issue.id]
        if likeness < self.sentence_threshold or not words:
            return []
        tokens = [t for t in sentence if candidate(t, self.stop)]
        if not tokens:
            return []
        lemmas = [t.lemma_.lower() for t in tokens]
        alike = self.likeness.word_likeness(lemmas, [w.lemma for w in words])
        # the same word is alike even where a model has no vector for it; a word like a
        # learned one, not the same, names the issue only as a noun: verbs alike in vectors
        # are events alike ("shelling", "attacked"), not demands
        exact = np.array([[lemma == w.lemma for w in words] for lemma in lemmas], dtype=bool)
        nouns = np.array([t.pos_ == "NOUN" for t in tokens], dtype=bool)[:, None]
        alike = np.where(exact, 1.0, np.where(nouns, alike, 0.0))
        found = []
        for token, row in zip(tokens, alike, strict=True):
            best = int(row.argmax())
            if row[best] >= self.word_threshold:
                end = token.idx + len(token.text)
                found.append(Anchor(token.idx, end, words[best].sign, sides=False))
        return found
