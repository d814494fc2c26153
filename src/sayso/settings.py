"""One settings object for a run, instead of long argument lists threaded through calls."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_STAGES: tuple[str, ...] = (
    "metadata",
    "genre",
    "quotes",
    "entities",
    "quantities",
    "dates",
    "claims",
)
DEFAULT_MAX_BYTES = 50_000_000


@dataclass(frozen=True)
class Settings:
    """How inputs are read and which extraction stages run over each document.

    ``split``: cut plain-text inputs into the pieces pasted into them (JSON records and HTML
    pages are never cut). ``max_bytes``: inputs larger than this are refused, not read.
    ``stages``: registered stage names, run in this order. ``gazetteer``: a CSV or YAML file of
    actors that extends the bundled gazetteer.
    """

    split: bool = True
    max_bytes: int = DEFAULT_MAX_BYTES
    stages: tuple[str, ...] = DEFAULT_STAGES
    gazetteer: str | None = None
