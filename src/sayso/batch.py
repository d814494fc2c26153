"""Batches: inputs through ingest and extraction, printed (``extract``) or stored (``ingest``).

These two functions are the library behind ``sayso extract`` and ``sayso ingest``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sayso.errors import InputError, StageError
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
        for index, doc in enumerate(cut(source, settings)):
            yield _annotated(pipeline, source, index, doc)


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
        failed = 0
        for index, doc in enumerate(documents):
            result = doc if doc.id in known else _annotated(pipeline, source, index, doc)
            if isinstance(result, InputError):
                report.errors.append(result)
                failed += 1
            else:
                kept.append(result)
            if on_progress:
                on_progress(source.path, index + 1, len(documents))
        added = store.add(source.path, source.digest, kept, failed)
        report.unchanged = added.unchanged
        report.documents, report.new, report.known, report.version = (
            len(kept),
            added.new,
            added.known,
            added.version,
        )
        yield report


def _annotated(
    pipeline: Pipeline, source: Source, index: int, doc: Document
) -> Document | InputError:
    """The document through the pipeline, or the error that names where it is and what failed."""
    try:
        return pipeline(doc)
    except StageError as err:
        line = source.lines[index] if index < len(source.lines) else None
        where = "" if line is not None else f"document at {doc.start}-{doc.end}: "
        return InputError(source.path, f"{where}{err}", code=err.code, line=line)
