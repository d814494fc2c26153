"""Ingest: from paths to documents with offsets into their sources, before any extraction."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from sayso.errors import InputError
from sayso.ingest.readers import (
    KNOWN_SUFFIXES,
    STDIN,
    Source,
    expand_paths,
    json_lines,
    parse_json,
    read_source,
    record_document,
)
from sayso.ingest.split import split_text
from sayso.model import Document
from sayso.settings import Settings

__all__ = [
    "KNOWN_SUFFIXES",
    "STDIN",
    "Source",
    "cut",
    "expand_paths",
    "json_lines",
    "parse_json",
    "read",
    "record_document",
    "split_text",
]


def read(paths: list[str], settings: Settings) -> Iterator[Source | InputError]:
    """Each input path (directories expanded) read into a Source, or the error that stopped it."""
    for path in expand_paths(paths):
        if isinstance(path, InputError):
            yield path
            continue
        try:
            yield read_source(path, settings.max_bytes)
        except InputError as err:
            yield err
        except Exception as err:  # a reader's bug, or a library's, costs its input alone
            problem = f"could not be read: {type(err).__name__}: {err}"
            yield InputError(path, problem, code="unreadable")


def cut(source: Source, settings: Settings) -> list[Document]:
    """The documents of a source: each whole text split into its pieces where that applies."""
    if not (source.splittable and settings.split):
        return list(source.documents)
    pieces = []
    for whole in source.documents:
        for segment in split_text(whole.text):
            pieces.append(
                replace(
                    whole,
                    text=whole.text[segment.start : segment.end],
                    start=whole.start + segment.start,
                    end=whole.start + segment.end,
                    meta=dict(whole.meta),
                )
            )
    return pieces
