"""The stances stage: who wants or rejects what, on which issue, read from the parse.

Each sentence that raises an issue (``sayso.issues``) is read from the words that raise it up
through the dependency tree: every word on that path that supports ("want", "ready",
"impose") or rejects ("refuse", "unacceptable", "against") what it governs, and every
negation on it ("not", "never", "no"), turns the side round or keeps it, so that "does not
want to enter into any negotiations" is against negotiating and "condemned the supply of
weapons" against arming. The walk stops at a verb of speech or belief ("said", "believes",
"see"): what lies under it is the view of whoever that verb's clause names.

The **holder** is the subject of the highest such word: "Kyiv refuses", "the opposing side
does not want", "Russia's demand that". "I" is the speaker; "we", said by someone who holds
an office, the state or bloc they speak for; a clause with no subject, or one whose subject
is the issue itself ("negotiations are impossible"), is the speaker's own. The **source** is
who says so: the quote's speaker, else the subject of the verb of speech the walk stopped at,
else the document's authors or outlet. A news report's own narration takes no side, so a
stance there needs a holder other than the report; an opinion piece's author holds the
stances it argues.

The stage is read in three parts: ``reading`` (the side a clause takes, up the parse),
``holders`` (whose stance it is and who says so) and ``words`` (every word list they use);
this module finds the sentences that raise each issue and puts the parts together.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from sayso import likeness, nlp
from sayso.extract.issue_words import IssueMatcher
from sayso.extract.reading import QuoteCover, sentences
from sayso.extract.registry import StageFunction, stage
from sayso.extract.salience import Positions, most_salient
from sayso.extract.speakers import QUESTIONER
from sayso.extract.stances.holders import Holders
from sayso.extract.stances.reading import read_clause
from sayso.extract.stances.words import (
    AGENTS,
    ASKING,
    COPULAS,
    DEFINITE,
    FRAMING,
    POINTING_AT_THINGS,
    POINTING_PLURAL,
    POINTING_SINGULAR,
    SIDES,
    STANDING_FOR,
    VIOLENCE,
)
from sayso.gazetteer import Gazetteer, load
from sayso.issues import Anchor, Issue, load_issues, word_forms
from sayso.likeness import Kind
from sayso.model import Document, Quote, Stance
from sayso.settings import Settings

_POINTING_REACH = 60  # tokens from the words that raised an issue to a pronoun for them
_TOPIC_BEFORE = 6  # sentences before one that may name an issue's topic for it (and one after)


@stage(
    "stances",
    assigns=("stances",),
    requires=("text", "parse", "date", "genre", "authors", "outlet", "quotes", "entities"),
)
def make_stances(settings: Settings) -> StageFunction:
    issues = load_issues(settings.issues)
    gazetteer = load(settings.gazetteer)
    nlp.load()
    matcher = issue_matcher(issues, settings.likeness)

    def run(doc: Document) -> None:
        doc.stances = find_stances(doc, issues, gazetteer, matcher)

    return run


def issue_matcher(
    issues: list[Issue], kind: Kind | None, thresholds: tuple[float, float] | None = None
) -> IssueMatcher | None:
    """What finds the sentences that raise those of ``issues`` that list no words of their
    own, by likeness to their examples (None: where there are none, or ``kind`` is None)."""
    unlisted = [issue for issue in issues if not issue.lists_words]
    if kind is None or not unlisted:
        return None
    sides = {lemma: sign for lexicon in SIDES.values() for lemma, sign in lexicon.items()}
    stop = FRAMING | AGENTS | frozenset(SIDES["ADJ"])  # no judgement is an issue's word
    return IssueMatcher(unlisted, likeness.load(kind), _side, sides, stop, thresholds)


def _side(sdoc: Doc, sentence: Span, anchor: Anchor) -> int | None:
    reading = read_clause(sdoc, sentence, anchor, doing_sides=False)
    return None if reading is None else reading.side


def find_stances(
    doc: Document, issues: list[Issue], gazetteer: Gazetteer, matcher: IssueMatcher | None = None
) -> list[Stance]:
    """The stances ``doc`` states on ``issues``, in reading order, one per (sentence, issue,
    holder); needs its quotes and entities. With a ``matcher``, sentences like the examples
    of an issue that lists no words raise it."""
    sdoc = nlp.parse_of(doc)
    cover = QuoteCover(doc.quotes)
    holders = Holders(doc, sdoc, gazetteer)
    found: list[Stance] = []
    parsed = list(sentences(sdoc))
    alike = matcher.likeness_to_issues(parsed) if matcher is not None else {}
    sentence_words = [_words(sentence) for sentence in parsed]
    sentence_forms = [word_forms(words) for words in sentence_words]
    spelt = [{w.lower for w in words} | {w.lemma for w in words} for words in sentence_words]
    # the head word of the last words to raise each issue, and the sign they raised it with
    last_raised: dict[str, tuple[Token, int]] = {}
    # what was last asked for or offered on each issue, the side it took, and where
    last_asked: dict[str, tuple[str, int, int]] = {}
    for n, sentence in enumerate(parsed):
        quote = cover.over(sentence.start_char, sentence.end_char)
        if _asks(sentence) or (quote is not None and quote.speaker.descriptor == QUESTIONER):
            continue  # a question takes no side
        words = sentence_words[n]
        before = sentence_words[n - 1] if n and _has_pronoun(sentence) else []
        supposed_until = _correlative_end(sentence)
        for issue in issues:
            if issue.topic and not any(
                issue.topic & near for near in spelt[max(0, n - _TOPIC_BEFORE) : n + 2]
            ):
                continue  # a ceasefire in Gaza, trade negotiations: another matter
            seen: set[tuple[str | None, str | None]] = set()
            likened = (
                matcher.anchors(issue, sentence, float(alike[issue.id][n]))
                if matcher is not None and issue.id in alike
                else []
            )
            anchors = _anchors(issue, doc.text, sentence, words, before, likened, sentence_forms[n])
            earlier = last_raised.get(issue.id)
            if earlier is not None and earlier[0].i >= sentence.start - _POINTING_REACH:
                anchors += _standing_for(sentence, *earlier, holders.positions)
            asked = last_asked.get(issue.id)
            if asked is not None and asked[2] >= sentence.start - _POINTING_REACH:
                anchors += _asked_again(sentence, *asked)
            for anchor in anchors:
                if anchor.start < supposed_until:
                    continue  # "The farther west Russian forces move, the …": a supposition
                if not anchor.pointing:
                    raised = sdoc.char_span(anchor.start, anchor.end, alignment_mode="expand")
                    if raised is not None:
                        last_raised[issue.id] = (raised.root, anchor.sign)
                reading = read_clause(sdoc, sentence, anchor, issue.doing_sides)
                if reading is None:
                    continue
                inside = quote if quote is not None and _within(quote, anchor) else None
                found_here = holders.stances(reading, issue, inside, sentence)
                top = reading.predicate
                named = _asked(top) if top is not None else None
                if found_here and not anchor.pointing and top is not None and named is not None:
                    last_asked[issue.id] = (named, reading.side, top.i)
                for below in reading.below():
                    found_here += holders.stances(below, issue, inside, sentence, named=True)
                for stance in found_here:
                    key = (stance.holder.label, stance.party)
                    if key not in seen:
                        seen.add(key)
                        found.append(stance)
    return found


class _Word(NamedTuple):  # made for every word of every sentence: a tuple is made fastest
    lower: str
    lemma: str
    start: int
    end: int


def _words(tokens: Iterable[Token]) -> list[_Word]:
    return [_Word(t.lower_, t.lemma_.lower(), t.idx, t.idx + len(t.text)) for t in tokens]


def _clause_words(sentence: Span, anchor: Anchor) -> list[_Word]:
    """The words of the clause an anchor stands in: the subtree of the verb above it (so
    that "tanks" beside "send … to Ukraine" is aid, and "all the weapons we need" in a clause
    of its own is not, whatever else the sentence names), with what a relative clause's
    "which" stands for."""
    words = sentence.doc.char_span(anchor.start, anchor.end, alignment_mode="expand")
    if words is None:
        return []
    verb = words.root
    if verb.pos_ == "VERB" and verb.dep_ == "conj" and _has_subject(verb):
        return _words(verb.subtree)  # "the Kremlin is open to talks, but Kyiv [banned] them"
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ in {"xcomp", "conj", "ccomp"} and verb.head.i != verb.i:
        verb = verb.head  # "sent tanks and [pledged] to keep arming Ukraine"
    elif verb.dep_ == "advcl" and verb.tag_ == "VBG" and not _has_subject(verb):
        verb = verb.head  # "an advocate of the Ukrainian cause, even [providing] equipment"
    if verb.dep_ == "relcl":
        return _words(verb.head.subtree)  # "the [alliance] which Ukraine is seeking to join"
    return _words(verb.subtree)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def _helps_to(sentence: Span, anchor: Anchor) -> bool:
    """Whether an anchor is a verb that helps towards something with no one helped: "help
    [to end the war]", not "help Ukraine" nor "Ukraine needed to be helped"."""
    words = sentence.doc.char_span(anchor.start, anchor.end, alignment_mode="expand")
    if words is None or words.root.pos_ != "VERB":
        return False
    deps = {c.dep_ for c in words.root.children}
    return "xcomp" in deps and not deps & {"dobj", "dative", "nsubjpass"}


def _phrase_words(sentence: Span, anchor: Anchor) -> list[_Word]:
    """The words of the phrase an anchor heads: "providers of [humanitarian assistance in
    Ukraine]"."""
    words = sentence.doc.char_span(anchor.start, anchor.end, alignment_mode="expand")
    if words is None:
        return []
    others = {t.i for c in words.root.children if c.dep_ == "conj" for t in c.subtree}
    return _words(t for t in words.root.subtree if t.i not in others)  # not "and [medical] …"


def _modifiers(sentence: Span, anchor: Anchor, issue: Issue) -> list[_Word]:
    """The words that modify an anchor's head from outside it: "[accession] negotiations",
    "talks [about] Russia's attack" (not "talks about Ukraine", the issue's topic), and the
    noun it describes ("diplomatic [functions]"); not one coordinated with a word of the
    anchor ("[humanitarian] and military support" is military support too)."""
    words = sentence.doc.char_span(anchor.start, anchor.end, alignment_mode="expand")
    if words is None:
        return []
    inside = range(anchor.start, anchor.end)
    modifiers = [
        c
        for word in words  # each word's: the parse may hang "[aid] to Ukraine" in two pieces
        for c in word.children
        if (
            c.dep_ in {"compound", "amod", "nmod"}
            or (c.dep_ == "prep" and not _names_the_topic(c, issue))
        )
        and c.idx not in inside
        and not any(other.idx in inside for other in c.conjuncts)
    ]
    # a preposition's object and what names it: "victory over [Nazi Germany]", "talks on the
    # [grain] deal"
    named = [
        w
        for c in modifiers
        if c.dep_ == "prep"
        for o in c.children
        if o.dep_ == "pobj"
        for w in (o, *(m for m in o.children if m.dep_ in {"compound", "amod"}))
    ]
    # the noun a word of the issue describes: "core diplomatic [functions]"
    described = [words.root.head] if words.root.dep_ in {"amod", "compound"} else []
    return _words([*modifiers, *named, *described])


def _means(sentence: Span, anchor: Anchor) -> list[_Word]:
    """What is sent or done for the purpose an anchor names: "send [troops] to help
    Ukraine", "sent [food] to help"."""
    words = sentence.doc.char_span(anchor.start, anchor.end, alignment_mode="expand")
    if words is None:
        return []
    root = words.root
    if root.dep_ not in {"advcl", "xcomp"} or not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in root.children
    ):
        return []
    return _words(
        w
        for o in root.head.children
        if o.dep_ == "dobj"
        for w in (o, *(m for m in o.children if m.dep_ in {"compound", "amod"}))
    )


def _names_the_topic(preposition: Token, issue: Issue) -> bool:
    """Whether what a preposition governs names the issue's topic ("talks [about] the future
    of Ukraine"), and is not an act of war ("talks about Russia's [attack]")."""
    objects = [c for c in preposition.children if c.dep_ in {"pobj", "pcomp"}]
    return not any(o.lemma_.lower() in VIOLENCE for o in objects) and any(
        t.lower_ in issue.topic for t in preposition.subtree
    )


def _standing_for(sentence: Span, earlier: Token, sign: int, positions: Positions) -> list[Anchor]:
    """The pronouns of ``sentence`` that stand for the words that raised an issue just before
    (``earlier``): "Ukraine proposed talks. Russia rejected [them]." A pronoun stands for them
    where they are the most salient noun of its number in their sentence and since (not
    counting its own clause's subject, which it cannot stand for), and it is not a doer
    ("[they] sent", which is someone); it raises the issue as they did, with their side."""
    plural = earlier.tag_ in {"NNS", "NNPS"}
    if earlier.pos_ not in {"NOUN", "PROPN"}:
        return []
    pronouns = POINTING_PLURAL if plural else POINTING_SINGULAR
    if earlier.pos_ == "PROPN":
        pronouns = pronouns - POINTING_AT_THINGS  # "this" is never "NATO"
    found = []
    for word in sentence:
        if word.lower_ not in pronouns:
            continue
        if not earlier.i < word.i <= earlier.i + _POINTING_REACH:
            continue
        judged = word.dep_ == "nsubj" and word.head.lemma_ in COPULAS  # "[this] is wrong"
        if word.dep_ in {"nsubj", "poss", "det"} and not judged:
            continue  # a doer ("[it] sent"), a determiner ("[these] talks")
        if any(c.dep_ in {"relcl", "acl"} for c in word.children):
            continue  # "[these] who would think about it": people
        phrase = range(earlier.left_edge.i, earlier.right_edge.i + 1)
        doer = _subject_of_clause(word)
        others = [  # the heads of the other noun phrases, but the pronoun's own subject's
            t
            for t in word.doc[earlier.sent.start : word.i]
            if t.i not in phrase
            and t.pos_ in ({"NOUN"} if word.lower_ in POINTING_AT_THINGS else {"NOUN", "PROPN"})
            and t.dep_ not in {"compound", "poss", "nmod", "amod"}
            and (t.tag_ in {"NNS", "NNPS"}) == plural
            and (doer is None or t.i not in range(doer.left_edge.i, doer.right_edge.i + 1))
        ]
        candidates = [(t.i, t) for t in (earlier, *others)]
        if most_salient(candidates, word, positions) == earlier.i:
            end = word.idx + len(word.text)
            found.append(Anchor(word.idx, end, sign, sides=False, pointing=True))
    return found


def _asked(word: Token) -> str | None:
    """What a word that asks for or offers something names, as a verb ("demands", "the
    proposal": "propose"), or None for another word."""
    lemma = word.lemma_.lower()
    if word.pos_ == "VERB" and lemma in ASKING.values():
        return lemma
    if word.pos_ == "NOUN" and lemma in ASKING:
        return ASKING[lemma]
    return None


def _asked_again(sentence: Span, asked: str, side: int, at: int) -> list[Anchor]:
    """The definite nouns of ``sentence`` that name again what was last asked for or offered
    on an issue (``asked``, at token ``at``, taking ``side``): "Washington rejected [the
    demands]", "[Such a decision] is opposed by Germany"; they raise the issue with its side."""
    return [
        Anchor(word.idx, word.idx + len(word.text), side, sides=False, pointing=True)
        for word in sentence
        if word.i > at
        and word.pos_ == "NOUN"
        and _asked(word) == asked
        and any(c.dep_ in {"det", "predet"} and c.lower_ in DEFINITE for c in word.children)
        and not any(c.dep_ in {"prep", "compound"} for c in word.children)  # "[on grain]"
    ]


def _subject_of_clause(word: Token) -> Token | None:
    """The subject of the verb ``word`` hangs from, which a pronoun there cannot stand for:
    "[Hungary] opposed it"."""
    verb = word.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    return next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def _within(quote: Quote, anchor: Anchor) -> bool:
    return quote.start <= anchor.start < quote.end


def _asks(sentence: Span) -> bool:
    return sentence.text.rstrip(" \n\"'”’»)").endswith("?")


def _correlative_end(sentence: Span) -> int:
    """Where the first clause of a sentence that opens "The farther …, the …" ends (it
    supposes, as "if" does), or the sentence's start where it opens otherwise."""
    words = [t for t in sentence if not t.is_space]
    if len(words) > 2 and words[0].lower_ == "the" and words[1].tag_ in {"JJR", "RBR"}:
        comma = next((t for t in words if t.text == ","), None)
        if comma is not None:
            return comma.idx
    return sentence.start_char


def _has_pronoun(sentence: Span) -> bool:
    """Whether a sentence has a pronoun that may stand for a state or people named before:
    "we can get [them] the weapons [they] need"."""
    return any(t.lower_ in STANDING_FOR for t in sentence)


def _anchors(
    issue: Issue,
    text: str,
    sentence: Span,
    words: list[_Word],
    before: list[_Word],
    likened: list[Anchor],
    forms: list[set[str]],
) -> list[Anchor]:
    """Where a sentence raises ``issue``: its patterns, its terms (their context words
    also met by the words ``before``) and the words ``likened`` to its examples, a phrase
    that takes a side before one that only names the issue, and a listed word before a
    likened one, where they overlap."""
    found = issue.anchors(text, sentence.start_char, sentence.end_char) + [
        anchor
        for anchor in issue.term_anchors(words, before, forms)
        if not anchor.needs_context
        or (
            issue.in_context(_clause_words(sentence, anchor), before)
            and not issue.vetoed(_phrase_words(sentence, anchor))
            and not issue.sent_otherwise(_means(sentence, anchor))
            and not _helps_to(sentence, anchor)
        )
    ]
    found = [
        a
        for a in found
        if a.needs_context
        or not (
            issue.vetoed(_modifiers(sentence, a, issue))
            or issue.sent_otherwise(_means(sentence, a))
        )
    ]
    found += likened
    kept: list[Anchor] = []
    for anchor in sorted(found, key=lambda a: (not a.sides, a.start - a.end)):
        if not any(k.overlaps(anchor.start, anchor.end) for k in kept):
            kept.append(anchor)
    return sorted(kept, key=lambda a: a.start)
