"""One settings object for a run, instead of long argument lists threaded through calls."""

from __future__ import annotations

from dataclasses import dataclass

from sayso.likeness import Kind

DEFAULT_STAGES: tuple[str, ...] = (
    "metadata",
    "genre",
    "quotes",
    "entities",
    "quantities",
    "dates",
    "claims",
    "stances",
)
DEFAULT_MAX_BYTES = 50_000_000
DEFAULT_LIKENESS: Kind = "words"  # deterministic: needs nothing beyond the base install
# One document's limits in a worker process: far past what the largest document sayso parses
# (a million characters) takes on a slow machine; what runs past them is stopped, and failed.
DEFAULT_DOCUMENT_SECONDS = 300.0
DEFAULT_DOCUMENT_MEMORY_MB = 3_000


@dataclass(frozen=True)
class Settings:
    """How inputs are read and which extraction stages run over each document.

    ``split``: cut plain-text inputs into the pieces pasted into them (JSON records and HTML
    pages are never cut). ``max_bytes``: inputs larger than this are refused, not read.
    ``stages``: registered stage names, run in this order. ``gazetteer``: a CSV or YAML file of
    actors that extends the bundled gazetteer. ``issues``: a YAML file of the issues stances
    are read on, instead of the bundled ones. ``likeness``: how sentences like an issue's
    examples are found to raise it too (``sayso.likeness``; None: by its listed words
    alone). ``document_seconds`` and
    ``document_memory_mb``: how long, and with how much memory, a worker process may extract
    one document before it is stopped and the document failed. ``retry_failed``: extract
    again the documents that failed in an earlier run (else they are skipped, and said to be).
    ``terms``: keep as quotes of kind ``term`` the few words a writer puts in quotation marks
    with no cue of speech ("pushed his promise of “free college”", a scare quote), given to the
    subject of the verb they hang from; else they are no quotes.
    """

    split: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    stages: tuple[str, ...] = DEFAULT_STAGES
    gazetteer: str | None = None
    issues: str | None = None
    likeness: Kind | None = DEFAULT_LIKENESS
    document_seconds: float = DEFAULT_DOCUMENT_SECONDS
    document_memory_mb: int = DEFAULT_DOCUMENT_MEMORY_MB
    retry_failed: bool = False
    terms: bool = False
