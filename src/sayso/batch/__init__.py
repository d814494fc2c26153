"""Batches: inputs through ingest and extraction, printed (``extract``) or stored (``ingest``).

These two functions are the library behind ``sayso extract`` and ``sayso ingest``. The pipeline
runs in this process or in worker processes (``workers``); inputs are read and the store is
written here, by one writer, in input order, so the result is the same either way.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sayso.batch.workers import Result, Work, annotate, default_workers
from sayso.errors import InputError
from sayso.ingest import Source, cut, read
from sayso.model import Document
from sayso.settings import Settings
from sayso.store import FileVersion, Store

__all__ = ["FileReport", "default_workers", "extract", "ingest"]

ProgressHook = Callable[[str, int, int], None]
BATCH_SIZE = 200  # documents written to the store in one transaction


def extract(
    paths: list[str], settings: Settings | None = None, workers: int = 1
) -> Iterator[Document | InputError]:
    """Every document of the inputs, annotated by the pipeline, in input order; an input or
    document that fails yields its InputError in its place and the rest goes on."""
    settings = settings or Settings()

    def works() -> Iterator[Work | InputError]:
        for source in read(paths, settings):
            if isinstance(source, InputError):
                yield source
                continue
            yield from source.errors
            for index, doc in enumerate(cut(source, settings)):
                yield _work(source, index, doc)

    yield from annotate(works(), settings, workers)


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
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
) -> Iterator[FileReport]:
    """Store the documents of each input, ``batch_size`` to a transaction; yield a report per
    input, in input order.

    An input already stored in this exact version is skipped; documents whose text is stored
    already are not extracted again, so a run that was stopped goes on where it stopped.
    ``on_progress(path, done, total)`` follows each document.
    """
    settings = settings or Settings()
    inputs: deque[_Input] = deque()  # read, and waiting for their documents' results

    def works() -> Iterator[Work]:
        for source in read(paths, settings):
            if isinstance(source, InputError):
                inputs.append(_Input(FileReport(source.source, errors=[source])))
                continue
            report = FileReport(source.path, errors=list(source.errors))
            if store.has_file(source.path, source.digest):
                report.unchanged = True
                inputs.append(_Input(report))
                continue
            documents = cut(source, settings)
            known = store.known_ids([doc.id for doc in documents])
            todo = [index for index, doc in enumerate(documents) if doc.id not in known]
            inputs.append(_Input(report, source, documents, known, waiting=len(todo)))
            for index in todo:
                yield _work(source, index, documents[index])

    sink = _Sink(store, batch_size, on_progress)
    for result in annotate(works(), settings, workers):
        while not inputs[0].waiting:
            yield inputs.popleft().finish(sink)
        inputs[0].take(result, sink)
    while inputs:
        yield inputs.popleft().finish(sink)


@dataclass(frozen=True)
class _Sink:
    """Where ingested documents go, and who hears of each."""

    store: Store
    batch_size: int
    on_progress: ProgressHook | None


@dataclass
class _Input:
    """An input being ingested: its documents, how many are still out for extraction, and
    those back but not yet written."""

    report: FileReport
    source: Source | None = None  # None: nothing to store (unreadable, or stored already)
    documents: list[Document] = field(default_factory=list)
    known: set[str] = field(default_factory=set)
    waiting: int = 0
    done: int = 0  # documents taken, in input order
    batch: list[Document] = field(default_factory=list)
    file: FileVersion | None = None
    failed: int = 0

    def take(self, result: Result, sink: _Sink) -> None:
        """The result of the next document sent out; known documents before it come along."""
        while self.documents[self.done].id in self.known:
            self._keep(self.documents[self.done], sink)
        self.waiting -= 1
        if isinstance(result, InputError):
            self.report.errors.append(result)
            self.failed += 1
            self._step(sink)
        else:
            self._keep(result, sink)

    def finish(self, sink: _Sink) -> FileReport:
        """Write what is left, known documents at the end included, and close the version."""
        while self.source is not None and self.done < len(self.documents):
            self._keep(self.documents[self.done], sink)
        self._flush(sink)
        file = self._version(sink.store)
        if file is not None:
            sink.store.close_file(file, self.failed)
        return self.report

    def _keep(self, doc: Document, sink: _Sink) -> None:
        self.batch.append(doc)
        self._step(sink)
        if len(self.batch) >= sink.batch_size:
            self._flush(sink)

    def _step(self, sink: _Sink) -> None:
        self.done += 1
        if sink.on_progress:
            sink.on_progress(self.report.path, self.done, len(self.documents))

    def _flush(self, sink: _Sink) -> None:
        file = self._version(sink.store) if self.batch else None
        if file is not None:
            new, known = sink.store.add_documents(file, self.batch)
            self.report.documents += len(self.batch)
            self.report.new += new
            self.report.known += known
        self.batch.clear()

    def _version(self, store: Store) -> FileVersion | None:
        """The version being written, opened on first use; None when there is nothing to
        store, or another run has stored this version meanwhile."""
        if self.file is None and self.source is not None:
            self.file = store.open_file(self.source.path, self.source.digest)
            if self.file is None:
                self.source = None
                self.report.unchanged = True
            else:
                self.report.version = self.file.version
        return self.file if self.source is not None else None


def _work(source: Source, index: int, doc: Document) -> Work:
    line = source.lines[index] if index < len(source.lines) else None
    return Work(doc, source.path, line)
