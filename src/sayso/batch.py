"""Batches: inputs through ingest and extraction, printed (``extract``) or stored (``ingest``).

These two functions are the library behind ``sayso extract`` and ``sayso ingest``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sayso.errors import InputError, PipelineError
from sayso.extract import Pipeline
from sayso.ingest import Source, cut, read
from sayso.model import Document
from sayso.settings import Settings
from sayso.store import Store

ProgressHook = Callable[[str, int, int], None]


def extract(paths: list[str], settings: Settings | None = None) -> Iterator[Document | InputError]:
    """Every document of the inputs, annotated by the pipeline, in input order; an input or
    document that fails yields its InputError in its place and the rest goes on."""
    settings = settings or Settings()
    pipeline = Pipeline(settings)
    for source in read(paths, settings):
        if isinstance(source, InputError):
            yield source
            continue
        yield from source.errors
        for doc in cut(source, settings):
            yield _annotated(pipeline, source, doc)


@dataclass
class FileReport:
    """What ingesting one input did."""

    path: str
    documents: int = 0
    new: int = 0
    known: int = 0
    version: int | None = None
    unchanged: bool = False
    errors: list[InputError] = field(default_factory=list)


def ingest(
    paths: list[str],
    store: Store,
    settings: Settings | None = None,
    on_progress: ProgressHook | None = None,
) -> Iterator[FileReport]:
    """Store the documents of each input, one transaction per input; yield a report per input.

    An input already stored in this exact version is skipped; documents whose text is stored
    already are not extracted again. ``on_progress(path, done, total)`` follows each document.
    """
    settings = settings or Settings()
    pipeline = Pipeline(settings)
    for source in read(paths, settings):
        if isinstance(source, InputError):
            yield FileReport(source.source, errors=[source])
            continue
        report = FileReport(source.path, errors=list(source.errors))
        if store.has_file(source.path, source.digest):
            report.unchanged = True
            yield report
            continue
        documents = cut(source, settings)
        known = store.known_ids([doc.id for doc in documents])
        kept = []
        for done, doc in enumerate(documents, start=1):
            result = doc if doc.id in known else _annotated(pipeline, source, doc)
            if isinstance(result, InputError):
                report.errors.append(result)
            else:
                kept.append(result)
            if on_progress:
                on_progress(source.path, done, len(documents))
        added = store.add(source.path, source.digest, kept)
        report.documents, report.new, report.known, report.version = (
            len(kept),
            added.new,
            added.known,
            added.version,
        )
        yield report


def _annotated(pipeline: Pipeline, source: Source, doc: Document) -> Document | InputError:
    try:
        return pipeline(doc)
    except PipelineError as err:
        opening = " ".join(doc.text.split()[:6])
        where = f"record {doc.source_id}" if doc.source_id else f"document at {doc.start}-{doc.end}"
        return InputError(source.path, f"{where} ({opening!r}): {err}", code="stage-failed")
