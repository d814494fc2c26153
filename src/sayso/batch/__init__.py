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
from sayso.ingest import cut, read
from sayso.model import Document
from sayso.settings import Settings
from sayso.store import FileVersion, Store

__all__ = [
    "BATCH_SIZE",
    "FileReport",
    "InputWriter",
    "ProgressHook",
    "default_workers",
    "extract",
    "ingest",
]

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
                yield Work.of(source, index, doc)

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
                inputs.append(_Input(writer(FileReport(source.source, errors=[source]))))
                continue
            report = FileReport(source.path, errors=list(source.errors))
            if store.has_file(source.path, source.digest):
                report.unchanged = True
                inputs.append(_Input(writer(report)))
                continue
            documents = cut(source, settings)
            known = store.known_ids([doc.id for doc in documents])
            todo = [index for index, doc in enumerate(documents) if doc.id not in known]
            output = writer(report, source.digest, len(documents))
            inputs.append(_Input(output, documents, known, waiting=len(todo)))
            for index in todo:
                yield Work.of(source, index, documents[index])

    def writer(report: FileReport, digest: str | None = None, total: int = 0) -> InputWriter:
        return InputWriter(
            report, store if digest else None, digest, batch_size, on_progress, total
        )

    for result in annotate(works(), settings, workers):
        while not inputs[0].waiting:
            yield inputs.popleft().finish()
        inputs[0].take(result)
    while inputs:
        yield inputs.popleft().finish()


@dataclass
class _Input:
    """An input being ingested: its documents, which are stored already, and how many are
    still out for extraction."""

    writer: InputWriter
    documents: list[Document] = field(default_factory=list)
    known: set[str] = field(default_factory=set)
    waiting: int = 0

    def take(self, result: Result) -> None:
        """The result of the next document sent out; known documents before it come along."""
        while self.documents[self.writer.done].id in self.known:
            self.writer.keep(self.documents[self.writer.done])
        self.waiting -= 1
        if isinstance(result, InputError):
            self.writer.fail(result)
        else:
            self.writer.keep(result)

    def finish(self) -> FileReport:
        """Write what is left, known documents at the end included, and close the version."""
        while self.writer.done < len(self.documents):
            self.writer.keep(self.documents[self.writer.done])
        return self.writer.finish()


class InputWriter:
    """One input's documents into the store, ``batch_size`` to a transaction: the version is
    opened with the first batch and closed by ``finish``, and the input's report kept up to
    date. With no store (nothing of this input is to be stored), documents are only counted.
    Both engines write through it; ``on_progress(path, done, total)`` hears of each document
    (``total`` 0: not known ahead), and ``before_write()`` runs before each batch is stored."""

    def __init__(
        self,
        report: FileReport,
        store: Store | None,
        digest: str | None,
        batch_size: int = BATCH_SIZE,
        on_progress: ProgressHook | None = None,
        total: int = 0,
        before_write: Callable[[], None] | None = None,
    ) -> None:
        self.report = report
        self.before_write = before_write
        self.store = store
        self.digest = digest or ""
        self.batch_size = batch_size
        self.on_progress = on_progress
        self.total = total
        self.done = 0  # documents kept or failed, in input order
        self.failed = 0
        self.batch: list[Document] = []
        self.file: FileVersion | None = None

    def keep(self, doc: Document) -> None:
        self.batch.append(doc)
        self._step()
        if len(self.batch) >= self.batch_size:
            self._flush()

    def fail(self, error: InputError) -> None:
        """A document the pipeline failed on: reported, and tried again by the next run."""
        self.report.errors.append(error)
        self.failed += 1
        self._step()

    def drop(self) -> None:
        """Store nothing of this input: it could not be read."""
        self.store = None

    def finish(self) -> FileReport:
        """Write what is left and close the version."""
        self._flush()
        file = self._version()
        if self.store is not None and file is not None:
            self.store.close_file(file, self.failed)
        return self.report

    def _step(self) -> None:
        self.done += 1
        if self.on_progress:
            self.on_progress(self.report.path, self.done, self.total)

    def _flush(self) -> None:
        batch, self.batch = self.batch, []
        if not batch or self.report.unchanged:
            return
        if self.store is None:
            self.report.documents += len(batch)
            return
        file = self._version()
        if file is not None and self.store is not None:
            if self.before_write:
                self.before_write()
            new, known = self.store.add_documents(file, batch)
            self.report.documents += len(batch)
            self.report.new += new
            self.report.known += known

    def _version(self) -> FileVersion | None:
        """The version being written, opened on first use; None when there is nothing to
        store, or another run has stored this version meanwhile."""
        if self.file is None and self.store is not None:
            self.file = self.store.open_file(self.report.path, self.digest)
            if self.file is None:
                self.store = None
                self.report.unchanged = True
            else:
                self.report.version = self.file.version
        return self.file if self.store is not None else None
