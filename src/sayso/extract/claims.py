"""The claims stage: the check-worthy statements of a document, each with who holds it, the
words that hedge or negate it, and the figures, dates and actors it gives.

A claim is a sentence, or the part of one that a quote reports ("Lavrov said [more than
1 million people have been evacuated]"), that asserts something one could check: a figure, a
prediction ("will", "could", "is going to"), an evaluation ("is unacceptable", "must") or an
assertion about a named actor, place or date. Questions, fragments and sentences that name
nothing are left out. Its holder is the quote's speaker, else the document's authors, else its
outlet, so that an op-ed's own claims are the writer's and a report's unattributed ones the
outlet's.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Generic, TypeVar

from spacy.tokens import Doc, Span, Token

from sayso import nlp
from sayso.extract.propositions import Resolve, propositions
from sayso.extract.reading import QuoteCover, not_only, sentences
from sayso.extract.registry import StageFunction, stage
from sayso.gazetteer import Gazetteer, load
from sayso.model import Claim, ClaimKind, Document, HolderType, Mention, Proposition, Quote
from sayso.settings import Settings
from sayso.text.words import HEDGES, NEGATIONS, NOBODY

_NEGATING_WORDS = NEGATIONS | NOBODY
_FIRST_PERSON = frozenset({"i", "we"})
# The pronouns by which reported speech names its speaker, by the speaker's type.
_OWN_PRONOUNS = {"person": {"he", "she"}, "organization": {"it"}}
_DENYING_LEMMAS = {"deny", "refute", "dismiss", "reject", "false", "baseless", "groundless"}
_DENYING_LEMMAS |= {"unfounded", "fake", "debunk"}
_EXCLUDING = {"rule", "exclude", "refuse"}  # "not rule out": negated, they affirm
_PREDICTING_MODALS = {"will", "'ll", "would", "could", "may", "might", "shall", "wo"}
_NORMATIVE_MODALS = {"must", "should", "ought"}
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_CONTENT_POS = {"NOUN", "PROPN", "VERB", "ADJ"}
_MIN_WORDS, _MAX_WORDS = 5, 80
_MIN_QUOTED_WORDS = 4  # a quote of fewer words ("a 'smoke veil'") is a phrase, not the claim
T = TypeVar("T")


class _ByStart(Generic[T]):
    """Items of a document (figures, dates, mentions) found by where they start, by bisection:
    reading them all for each sentence would cost the square of a long document's size."""

    def __init__(self, items: Sequence[T], start: Callable[[T], int]) -> None:
        self.items = items
        self.order = sorted(range(len(items)), key=lambda i: start(items[i]))
        self.starts = [start(items[i]) for i in self.order]

    def within(self, low: int, high: int) -> list[T]:
        """The items starting from ``low`` to before ``high``, in their own order."""
        first, last = bisect_left(self.starts, low), bisect_left(self.starts, high)
        return [self.items[i] for i in sorted(self.order[first:last])]


class _Located:
    """What of a document a claim may give, read once for all its sentences."""

    def __init__(self, doc: Document) -> None:
        self.quantities = _ByStart(doc.quantities, lambda q: q.start)
        self.dates = _ByStart(doc.dates, lambda d: d.start)
        mentions = [(n, m) for n, e in enumerate(doc.entities) for m in e.mentions]
        self.mentions = _ByStart(mentions, lambda pair: pair[1].start)
        self.entities = doc.entities

    def actors(self, start: int, end: int) -> list[str]:
        """The ids of the actors named from ``start`` to ``end``, in the document's order."""
        named = sorted({n for n, _ in self.mentions.within(start, end)})
        return [self.entities[n].id for n in named]

    def named_characters(self, start: int, end: int) -> set[int]:
        """The characters of the actors' mentions that start from ``start`` to ``end``."""
        return {i for _, m in self.mentions.within(start, end) for i in range(m.start, m.end)}


@stage(
    "claims",
    assigns=("claims",),
    requires=("text", "parse", "quotes", "entities", "quantities", "dates"),
)
def make_claims(settings: Settings) -> StageFunction:
    nlp.load()
    gazetteer = load(settings.gazetteer)

    def run(doc: Document) -> None:
        doc.claims = find_claims(doc, gazetteer)

    return run


def find_claims(doc: Document, gazetteer: Gazetteer | None = None) -> list[Claim]:
    """The check-worthy claims of ``doc`` in reading order; needs its quotes, entities,
    quantities and dates. The ``gazetteer`` (the bundled one by default) says which state
    or bloc each actor a claim is about acts for."""
    gazetteer = gazetteer or load()
    parties = _parties_at(doc, gazetteer)
    sdoc = nlp.parse_of(doc)
    quotes = QuoteCover(doc.quotes)
    located = _Located(doc)
    found = []
    for sentence in sentences(sdoc):
        claim = _claim(doc, sdoc, sentence, quotes, gazetteer, parties, located)
        if claim is not None:
            found.append(claim)
    return found


def claim_at(doc: Document, start: int, end: int, gazetteer: Gazetteer | None = None) -> Claim:
    """The claim that ``doc.text[start:end]`` makes, whether or not it is check-worthy (for
    comparing a stretch a reader chose). Its kind is "assertion" when nothing marks another."""
    if not 0 <= start < end <= len(doc.text):
        raise ValueError(f"no stretch of the document between offsets {start} and {end}")
    sdoc = nlp.parse_of(doc)
    whole = sdoc.char_span(start, end, alignment_mode="expand")
    span = _trimmed(whole) if whole is not None else None
    if span is None:
        raise ValueError(f"no words between offsets {start} and {end}")
    quote = QuoteCover(doc.quotes).over(span.start_char, span.end_char)
    located = _Located(doc)
    kind = _kind(span, located, span.start_char, span.end_char) or "assertion"
    gazetteer = gazetteer or load()
    return _build(doc, span, kind, quote, gazetteer, _parties_at(doc, gazetteer), located)


def _claim(
    doc: Document,
    sdoc: Doc,
    sentence: Span,
    quotes: QuoteCover,
    gazetteer: Gazetteer,
    parties: dict[int, str],
    located: _Located,
) -> Claim | None:
    quote = quotes.over(sentence.start_char, sentence.end_char)
    whole = sentence
    if quote is not None:
        part = sdoc.char_span(
            max(quote.start, sentence.start_char),
            min(quote.end, sentence.end_char),
            alignment_mode="contract",
        )
        if part is not None and sum(t.is_alpha for t in part) >= _MIN_QUOTED_WORDS:
            whole = part
        elif quote.kind == "turn":
            return None  # a speaker's label with a word or two of the turn ("Putin: Indeed")
        else:
            quote = None
    span = _trimmed(whole)
    if span is None:
        return None
    kind = _kind(span, located, span.start_char, span.end_char, sentence)
    if kind is None:
        return None
    return _build(doc, span, kind, quote, gazetteer, parties, located)


def _trimmed(span: Span) -> Span | None:
    """The span without the punctuation and spaces around it."""
    first, last = span.start, span.end
    while first < last and (span.doc[first].is_punct or span.doc[first].is_space):
        first += 1
    while last > first and (span.doc[last - 1].is_punct or span.doc[last - 1].is_space):
        last -= 1
    return span.doc[first:last] if last > first else None


def _kind(
    span: Span, located: _Located, start: int, end: int, sentence: Span | None = None
) -> ClaimKind | None:
    """What makes ``span`` check-worthy, or None when nothing does. A quote's words are
    anchored by what their ``sentence`` names: “We do not assess that the conflict is a
    stalemate,” [Jake Sullivan] said."""
    words = sum(t.is_alpha for t in span)
    if not _MIN_WORDS <= words <= _MAX_WORDS:
        return None
    if span.doc[span.end - 1 : span.end + 1].text.strip().endswith("?"):
        return None
    if not any(t.tag_ in _FINITE_TAGS for t in span):
        return None
    if located.quantities.within(start, end):
        return "figure"
    around = sentence or span
    low, high = min(start, around.start_char), max(end, around.end_char)
    anchored = (
        bool(located.dates.within(low, high))
        or bool(located.mentions.within(low, high))
        or any(t.pos_ == "PROPN" for t in around)
    )
    if not anchored:
        return None
    lowered = [t.lower_ for t in span]
    if any(t.tag_ == "MD" and t.lower_ in _PREDICTING_MODALS for t in span) or _going_to(lowered):
        return "prediction"
    if any(t.lower_ in _NORMATIVE_MODALS for t in span) or any(
        t.dep_ == "acomp" and t.pos_ == "ADJ" for t in span
    ):
        return "evaluation"
    return "assertion"


def _going_to(words: list[str]) -> bool:
    return any(
        words[i] in {"going", "about"} and words[i + 1] == "to" for i in range(len(words) - 1)
    )


def _holder(doc: Document, quote: Quote | None) -> tuple[str | None, HolderType]:
    if quote is not None:
        return quote.speaker.label, quote.speaker.type
    if doc.authors:
        return ", ".join(doc.authors), "author"
    if doc.outlet:
        return doc.outlet, "outlet"
    return None, "unknown"


def _build(
    doc: Document,
    span: Span,
    kind: ClaimKind,
    quote: Quote | None,
    gazetteer: Gazetteer,
    parties: dict[int, str],
    located: _Located,
) -> Claim:
    start, end = span.start_char, span.end_char
    holder, holder_type = _holder(doc, quote)
    negations = _negations(span)
    denial = _denial_cue(span.doc, quote)
    if denial is not None:
        negations.insert(0, denial)
    return Claim(
        text=doc.text[start:end],
        start=start,
        end=end,
        kind=kind,
        holder=holder,
        holder_type=holder_type,
        hedges=[
            Mention(m.group(), m.start(), m.end()) for m in HEDGES.finditer(doc.text, start, end)
        ],
        negations=negations,
        figures=located.quantities.within(start, end),
        dates=located.dates.within(start, end),
        actors=located.actors(start, end),
        terms=_terms(span, located.named_characters(start, end)),
        propositions=_turned(
            propositions(span, _actor_at(doc, gazetteer, quote, parties)),
            denial is not None and not start <= denial.start < end,  # read in the span if there
        ),
    )


def _turned(found: list[Proposition], denied: bool) -> list[Proposition]:
    """The propositions of a quote whose cue denies it ("Moscow denied that [it had …]"),
    each clause's turned round (not what nouns say: "[Ukraine's] forces")."""
    if not denied:
        return found
    return [p if p.nominal else replace(p, polarity=-p.polarity) for p in found]


def _parties_at(doc: Document, gazetteer: Gazetteer) -> dict[int, str]:
    """For each character of an actor's mention, the state or bloc it acts for ("Moscow",
    "Putin": Russia), else the actor's id; read once a document."""
    known = {}
    for entity in doc.entities:
        actor = gazetteer.lookup(entity.name)
        party = gazetteer.party(actor, doc.date) if actor is not None else None
        known[entity.id] = party or entity.id
    return {i: known[e.id] for e in doc.entities for m in e.mentions for i in range(m.start, m.end)}


def _actor_at(
    doc: Document, gazetteer: Gazetteer, quote: Quote | None, parties: dict[int, str]
) -> Resolve:
    """The state or bloc a word names or stands for (``parties``), or that a word it is
    described by names ("the [Russian] side"); for "I" and "we" in a quote, the one its
    speaker acts for, and so for the speaker's own pronoun in reported speech ("Moscow said
    [it] would …", "Putin said [he] …")."""
    speaker = gazetteer.lookup(quote.speaker.name) if quote and quote.speaker.name else None
    speaking_for = gazetteer.party(speaker, doc.date) if speaker is not None else None
    own = set(_FIRST_PERSON)
    if quote is not None and quote.kind == "indirect":
        own |= _OWN_PRONOUNS.get(quote.speaker.type, set())

    def resolve(token: Token) -> str | None:
        if token.lower_ in own:
            return speaking_for
        named = parties.get(token.idx)
        if named is None and token.pos_ == "NOUN":
            describing = (c for c in token.children if c.dep_ in {"amod", "compound", "poss"})
            named = next((parties[c.idx] for c in describing if c.idx in parties), None)
        return named

    return resolve


def _terms(span: Span, named: set[int]) -> list[str]:
    """The lemmas of the content words, without the names of actors (the characters
    ``named``: actors are compared by their ids, so "Vladimir Putin" and "Putin" count once
    and alike)."""
    return sorted(
        {
            t.lemma_.lower()
            for t in span
            if t.pos_ in _CONTENT_POS
            and t.is_alpha
            and not t.is_stop
            and len(t.text) > 1
            and t.idx not in named
        }
    )


def _negations(span: Span) -> list[Mention]:
    """The words that negate or deny: "not", "never", "no evidence", "denied", "baseless".
    A negated denial ("did not rule out", "does not deny") affirms, so it counts for neither."""
    cancelled = {
        token.i
        for token in span
        if token.dep_ == "neg" and token.head.lemma_.lower() in _DENYING_LEMMAS | _EXCLUDING
    }
    cancelled |= {span.doc[i].head.i for i in cancelled}
    found = []
    for token in span:
        negates = token.lower_ in _NEGATING_WORDS and not not_only(token)
        if token.i not in cancelled and (negates or token.lemma_.lower() in _DENYING_LEMMAS):
            found.append(Mention(token.text, token.idx, token.idx + len(token.text)))
    return found


def _denial_cue(sdoc: Doc, quote: Quote | None) -> Mention | None:
    """The cue of a quote that denies what it reports ("Moscow denied that [it had …]"): the
    claim is the content, and the cue turns it round."""
    if quote is None or quote.cue_start is None or quote.cue_end is None:
        return None
    cue = sdoc.char_span(quote.cue_start, quote.cue_end, alignment_mode="expand")
    if cue is None or not any(t.lemma_.lower() in _DENYING_LEMMAS for t in cue):
        return None
    return Mention(sdoc.text[quote.cue_start : quote.cue_end], quote.cue_start, quote.cue_end)
