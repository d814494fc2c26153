"""Issues: what positions are taken on. Each names the words that bring it up and its two
poles; the bundled ones (``data/issues.yaml``) are about a negotiated end to the war in
Ukraine, and a user's own YAML file replaces them (``--issues``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import Any, Protocol

import yaml

from sayso.errors import InputError


@dataclass(frozen=True, eq=False)
class Issue:
    """What positions are taken on: its two poles, statements that take each, and the words
    that bring it up."""

    id: str
    name: str
    description: str
    for_: str
    against: str
    triggers: tuple[re.Pattern[str], ...]
    for_cues: tuple[re.Pattern[str], ...] = ()
    against_cues: tuple[re.Pattern[str], ...] = ()
    terms: tuple[Term, ...] = ()
    # a context term counts only in a sentence holding a word of each of these groups
    context: tuple[frozenset[str], ...] = ()
    # ... and not in a phrase holding one of these, nor any word they modify ("humanitarian"
    # aid is not arms, "accession" talks not peace talks)
    unless: frozenset[str] = frozenset()
    # ... nor where one of these is what is sent to do it ("send [troops] to aid Ukraine")
    unless_sent: frozenset[str] = frozenset()
    # doing what the issue names takes its "for" side (imposing sanctions, arming, annexing)
    doing_sides: bool = False
    target: str | None = None  # whom it is done to ("Russian sanctions" are on Russia)
    # a sentence raises the issue only where it or one near it names one of these: the war's
    # parties, so that a briefing's "ceasefire" in Gaza is not one in Ukraine
    topic: frozenset[str] = frozenset()
    # statements that take each side, as a user writes them: the issue's words are learned
    # from them, and sentences like them raise it
    for_examples: tuple[str, ...] = ()
    against_examples: tuple[str, ...] = ()

    @property
    def examples(self) -> list[tuple[str, int]]:
        """Each pole and each example statement, with the side it takes (+1 for, -1 against)."""
        return [(text, 1) for text in (self.for_, *self.for_examples)] + [
            (text, -1) for text in (self.against, *self.against_examples)
        ]

    @property
    def lists_words(self) -> bool:
        """Whether the issue names the words that raise it (else: likeness to its examples)."""
        return bool(self.triggers or self.for_cues or self.against_cues or self.terms)

    @property
    def texts(self) -> list[str]:
        """What the issue is, in words: its name, description, poles and examples."""
        return [self.name, self.description, *(text for text, _ in self.examples)]

    @cached_property
    def raising(self) -> re.Pattern[str]:
        """Every trigger and cue as one pattern: one search per sentence, not dozens."""
        return _one_pattern((*self.triggers, *self.for_cues, *self.against_cues))

    def anchors(self, text: str, start: int = 0, end: int | None = None) -> list[Anchor]:
        """Where ``text[start:end]`` raises this issue, in text order: each cue with the side
        it takes, and each trigger that no cue covers."""
        end = len(text) if end is None else end
        if self.raising.search(text, start, end) is None:
            return []
        cues = [
            Anchor(m.start(), m.end(), sign, sides=True)
            for patterns, sign in ((self.for_cues, 1), (self.against_cues, -1))
            for pattern in patterns
            for m in pattern.finditer(text, start, end)
            if m.end() > m.start()
        ]
        triggers = [
            Anchor(m.start(), m.end(), 1, sides=False)
            for pattern in self.triggers
            for m in pattern.finditer(text, start, end)
            if m.end() > m.start() and not any(c.overlaps(m.start(), m.end()) for c in cues)
        ]
        return sorted(
            {(a.start, a.end): a for a in cues + triggers}.values(), key=lambda a: a.start
        )

    def term_anchors(
        self,
        words: Sequence[Word],
        before: Sequence[Word] = (),
        forms: Sequence[set[str]] | None = None,
    ) -> list[Anchor]:
        """Where the words of a sentence raise this issue through its terms: each term
        spelt (or lemmatised) as written; one that needs context, only in a sentence that
        also names one of the ``context`` words (or whose words ``before`` do: the sentence
        before, where this one has a pronoun that may stand for what it named). ``forms``:
        the words' ``word_forms``, where the caller reads one sentence for many issues."""
        if not self.terms:
            return []
        in_context: bool | None = None  # read only for a term that needs it
        found = []
        forms = forms if forms is not None else word_forms(words)
        for i, word in enumerate(words):
            candidates = [t for form in forms[i] for t in self._terms_by_first.get(form, [])]
            for term in candidates:
                if term.needs_context and in_context is None:
                    in_context = self.in_context(words, before)
                if term.needs_context and not in_context:
                    continue
                stretch = forms[i : i + len(term.words)]
                if len(stretch) == len(term.words) and all(
                    want in spelt for want, spelt in zip(term.words, stretch, strict=True)
                ):
                    end = words[i + len(term.words) - 1].end
                    found.append(Anchor(word.start, end, term.sign, term.sides, term.needs_context))
        return found

    def in_context(self, words: Sequence[Word], before: Sequence[Word] = ()) -> bool:
        """Whether ``words`` hold a word of each of the issue's ``context`` groups; the group
        that names the issue's target, or an issue's only group, may be met by the words
        ``before`` instead ("Ukraine …. We will get them the weapons they need"; "NATO … It
        declared its intention to offer membership")."""
        spelt = {w.lower for w in words} | {w.lemma for w in words}
        earlier = {w.lower for w in before} | {w.lemma for w in before}
        target = (self.target or "").lower()
        only = len(self.context) == 1
        return all(
            spelt & group or ((only or target in group) and earlier & group)
            for group in self.context
        )

    def vetoed(self, words: Sequence[Word]) -> bool:
        """Whether ``words`` (a context term's phrase, another word's modifiers) hold one of
        the issue's ``unless`` words: "[humanitarian] assistance", "[accession] talks"."""
        return any(w.lower in self.unless or w.lemma in self.unless for w in words)

    def sent_otherwise(self, words: Sequence[Word]) -> bool:
        """Whether what is sent to do what the issue names (``words``) makes it another
        matter: "send [troops] to aid Ukraine" is no arms."""
        vetoing = self.unless | self.unless_sent
        return any(w.lower in vetoing or w.lemma in vetoing for w in words)

    @cached_property
    def _terms_by_first(self) -> dict[str, list[Term]]:
        by_first: dict[str, list[Term]] = {}
        for term in self.terms:
            by_first.setdefault(term.words[0], []).append(term)
        return by_first


@dataclass(frozen=True)
class Term:
    """Words that bring an issue up, as the issue's file writes them ("sanction", "price
    cap"): ``sign`` +1 for words that name the issue or its "for" pole, -1 for words that
    name its "against" pole ("territorial integrity"); ``needs_context`` for a word that
    names the issue only beside the issue's ``context`` words ("ban" beside "Russia")."""

    words: tuple[str, ...]
    sign: int
    sides: bool
    needs_context: bool


class Word(Protocol):
    """A word of a parsed sentence as term matching reads it: its spelling and lemma in
    lower case, and its offsets."""

    @property
    def lower(self) -> str: ...
    @property
    def lemma(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class Anchor:
    """A stretch of text that raises an issue: ``sign`` is +1 for a trigger or a phrase that
    sides with the issue's "for" pole, -1 for one that sides with its "against" pole; ``sides``
    says whether the phrase takes that side by itself ("victory on the battlefield") or only
    names the issue ("peace talks")."""

    start: int
    end: int
    sign: int
    sides: bool
    needs_context: bool = False  # a context term: the clause around it must name the context
    pointing: bool = False  # a pronoun that stands for the words that raised it before

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def word_forms(words: Sequence[Word]) -> list[set[str]]:
    """Each word's forms that a term's words are matched against (see ``_forms``)."""
    return [_forms(word) for word in words]


def _forms(word: Word) -> set[str]:
    """A word as written, its lemma, and, for a name in the plural the tagger left as it is
    ("Patriots", "Leopards"), the name."""
    forms = {word.lower, word.lemma}
    if word.lemma == word.lower and len(word.lower) > 3 and word.lower.endswith("s"):
        forms.add(word.lower[:-1])
    return forms


def _groups(value: Any, source: str, issue: str) -> tuple[frozenset[str], ...]:
    """``context``: a list of words (one group), or a list of lists of words."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise InputError(source, f"issue {issue!r}: context is a list", code="issues")
    groups = value if value and all(isinstance(v, list) for v in value) else [value]
    if not all(isinstance(w, str) for group in groups for w in group):
        raise InputError(source, f"issue {issue!r}: context holds words", code="issues")
    return tuple(frozenset(" ".join(w.lower().split()) for w in group) for group in groups)


def _one_pattern(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)


def load_issues(path: str | None = None) -> list[Issue]:
    """The bundled issues, or those of the user's YAML file ``path``."""
    if path is None:
        text = files("sayso").joinpath("data", "issues.yaml").read_text(encoding="utf-8")
        source = "issues.yaml"
    else:
        source = path
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(path, f"cannot read the issues: {err}", code="issues") from err
    try:
        records = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise InputError(source, f"invalid YAML: {err}", code="issues") from err
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise InputError(source, "an issues file is a list of issues", code="issues")
    return [_issue(record, source) for record in records]


def _issue(record: dict[str, Any], source: str) -> Issue:
    def patterns(key: str) -> tuple[re.Pattern[str], ...]:
        values = record.get(key) or []
        if not isinstance(values, list):
            raise InputError(source, f"issue {record.get('id')!r}: {key} is a list", code="issues")
        try:
            return tuple(re.compile(str(v), re.IGNORECASE) for v in values)
        except re.error as err:
            raise InputError(
                source, f"issue {record.get('id')!r}: bad pattern in {key}: {err}", code="issues"
            ) from err

    needed = ("id", "name", "description", "for", "against")
    missing = [key for key in needed if not record.get(key)]
    examples = record.get("examples")
    if not isinstance(examples, dict) or not all(
        isinstance(examples.get(side), list) and examples[side] for side in ("for", "against")
    ):
        missing.append("examples (a list under each of for and against)")
    if missing:
        raise InputError(
            source, f"issue {record.get('id')!r} lacks {', '.join(missing)}", code="issues"
        )
    triggers, for_cues, against_cues = (
        patterns("triggers"),
        patterns("for_cues"),
        patterns("against_cues"),
    )
    try:
        _one_pattern((*triggers, *for_cues, *against_cues))
    except re.error as err:  # each compiles alone but not together: a global flag mid-way
        raise InputError(
            source, f"issue {record.get('id')!r}: patterns do not combine: {err}", code="issues"
        ) from err

    def words(key: str) -> list[str]:
        values = record.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise InputError(
                source, f"issue {record.get('id')!r}: {key} is a list of words", code="issues"
            )
        return [" ".join(v.lower().split()) for v in values if v.strip()]

    terms = tuple(
        Term(tuple(term.split()), sign, sides, needs_context)
        for key, sign, sides, needs_context in (
            ("terms", 1, False, False),
            ("context_terms", 1, False, True),
            ("against_context_terms", -1, False, True),
            ("for_terms", 1, False, False),
            ("against_terms", -1, False, False),
        )
        for term in words(key)
    )
    return Issue(
        id=str(record["id"]),
        name=str(record["name"]),
        description=str(record.get("description", "")),
        for_=str(record["for"]),
        against=str(record["against"]),
        triggers=triggers,
        for_cues=for_cues,
        against_cues=against_cues,
        terms=terms,
        context=_groups(record.get("context"), source, str(record.get("id"))),
        unless=frozenset(words("unless")),
        unless_sent=frozenset(words("unless_sent")),
        doing_sides=bool(record.get("doing_sides", False)),
        target=str(record["target"]) if record.get("target") else None,
        topic=frozenset(words("topic")),
        for_examples=tuple(str(e) for e in record["examples"]["for"]),
        against_examples=tuple(str(e) for e in record["examples"]["against"]),
    )
