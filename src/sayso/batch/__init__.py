"""Batches: inputs through ingest and extraction, printed (``extract``) or stored (``ingest``).

These two functions are the library behind ``sayso extract`` and ``sayso ingest``. The pipeline
runs in this process or in worker processes (``workers``); inputs are read and the store is
written here, by one writer, in input order, so the result is the same either way.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field, replace

from sayso.batch.workers import Result, Work, WorkerPool, annotate, default_workers
from sayso.errors import InputError, InputWarning, PipelineError
from sayso.extract import Pipeline, completing
from sayso.ingest import Source, cut, read
from sayso.model import Document
from sayso.settings import Settings
from sayso.store import FileVersion, Store

__all__ = [
    "BATCH_SIZE",
    "FileReport",
    "InputWriter",
    "ProgressHook",
    "WorkerPool",
    "completing_work",
    "default_workers",
    "extract",
    "ingest",
]

ProgressHook = Callable[[str, int, int], None]
BATCH_SIZE = 200  # documents written to the store in one transaction, at most
FLUSH_S = 5.0  # or those of this many seconds: a killed run loses no more work than that


def extract(
    paths: list[str], settings: Settings | None = None, workers: int | WorkerPool = 0
) -> Iterator[Document | InputError]:
    """Every document of the inputs, annotated by the pipeline, in input order; an input or
    document that fails yields its InputError in its place and the rest goes on. The pipeline
    runs in ``workers`` processes (see ``annotate``), or in this one if ``workers`` is 0."""
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
    """What ingesting one input did; ``errors`` holds its warnings too (InputWarning)."""

    path: str
    documents: int = 0
    new: int = 0
    known: int = 0
    replaced: int = 0  # stored before, extracted again now for the stages they lacked
    version: int | None = None
    unchanged: bool = False
    errors: list[InputError] = field(default_factory=list)


def ingest(
    paths: list[str],
    store: Store,
    settings: Settings | None = None,
    on_progress: ProgressHook | None = None,
    workers: int | WorkerPool = 0,
    batch_size: int = BATCH_SIZE,
) -> Iterator[FileReport]:
    """Store the documents of each input, ``batch_size`` to a transaction (or what a few
    seconds gave); yield a report per input, in input order. The pipeline runs in ``workers``
    processes (see ``annotate``), or in this one if ``workers`` is 0.

    An input already stored in this exact version is skipped; documents whose text is stored
    already are not extracted again, so a run that was stopped goes on where it stopped,
    unless they were made without some of ``settings.stages``: those are extracted again,
    by the stages that made them and the ones they lack (``completing``), and replaced; a
    document that failed in an earlier run (it crashed or overran its worker, or a stage
    failed on it) is skipped, and said to be, unless ``settings.retry_failed``; one that fails
    now is recorded so. ``on_progress(path, done, total)`` follows each document.
    """
    settings = settings or Settings()
    inputs: deque[_Input] = deque()  # read, and waiting for their documents' results

    def works() -> Iterator[Work]:
        for source in read(paths, settings):
            if isinstance(source, InputError):
                inputs.append(_Input(writer(FileReport(source.source, errors=[source]))))
                continue
            report = FileReport(source.path, errors=list(source.errors))
            if store.has_file(source.path, source.digest, settings.stages):
                report.unchanged = True
                inputs.append(_Input(writer(report)))
                continue
            documents = cut(source, settings)
            ids = [doc.id for doc in documents]
            stored = store.stages_of(ids)
            failed = {} if settings.retry_failed else store.failures(ids)
            held = _Input(writer(report, source.digest, len(documents)), source, documents)
            held.failed = failed
            sent: list[Work] = []
            for index, doc in enumerate(documents):
                work = Work.of(source, index, doc)
                if doc.id not in stored:
                    to_do: Work | None = work
                else:
                    before = failed.get(doc.id)
                    to_do = completing_work(work, stored[doc.id], settings, report, before)
                    if to_do is not None:
                        held.again.add(doc.id)
                if to_do is None:
                    held.known.add(doc.id)
                elif doc.id not in failed:
                    sent.append(to_do)
            held.waiting = len(sent)
            inputs.append(held)
            yield from sent

    def writer(report: FileReport, digest: str | None = None, total: int = 0) -> InputWriter:
        return InputWriter(
            report,
            store if digest else None,
            digest,
            batch_size,
            on_progress,
            total,
            stages=settings.stages,
        )

    for result in annotate(works(), settings, workers):
        while not inputs[0].waiting:
            yield inputs.popleft().finish()
        inputs[0].take(result)
    while inputs:
        yield inputs.popleft().finish()


def completing_work(
    work: Work,
    recorded: list[str],
    settings: Settings,
    report: FileReport,
    failed_before: str | None = None,
) -> Work | None:
    """The work of extracting a stored document again, by the stages it was made by and those
    of ``settings`` it lacks; None when it lacks none, or, said so in ``report``, when
    extracting it again failed in an earlier run (``failed_before``: why and when) or a
    stage it was made by is not registered now (a plug-in taken away: running without it
    would lose its annotations)."""
    stages = completing(recorded, settings.stages)
    if not stages:
        return None
    lacking = f"stored already, not extracted again for {', '.join(settings.stages)}"
    if failed_before is not None:
        problem = f"{lacking}: it failed in an earlier run ({failed_before}); --retry-failed"
        report.errors.append(work.warning(f"{problem} tries it again", "failed-before"))
        return None
    try:
        Pipeline.check(replace(settings, stages=stages))
    except PipelineError as error:
        report.errors.append(work.warning(f"{lacking}: {error}", "stages"))
        return None
    return replace(work, stages=stages)


# What a document failed on, recorded so that later runs skip it: the same text fails alike.
DOCUMENT_FAILURES = frozenset({"crashed", "overran", "stage-failed"})


@dataclass
class _Input:
    """An input being ingested: its documents, which are stored already or failed before
    (neither is sent out), and how many are still out for extraction."""

    writer: InputWriter
    source: Source | None = None
    documents: list[Document] = field(default_factory=list)
    known: set[str] = field(default_factory=set)  # stored, and not sent out
    again: set[str] = field(default_factory=set)  # stored, and sent out to be extracted again
    failed: dict[str, str] = field(default_factory=dict)  # id: why it failed before
    waiting: int = 0

    def take(self, result: Result) -> None:
        """The result of the next document sent out (a warning about it comes first, and
        is only reported); documents not sent out before it come along."""
        if isinstance(result, InputWarning):
            self.writer.report.errors.append(result)
            return
        self._not_sent()
        self.waiting -= 1
        doc = self.documents[self.writer.done]
        remember = isinstance(result, InputError) and result.code in DOCUMENT_FAILURES
        if isinstance(result, InputError) and doc.id in self.again:
            self.writer.keep_unextracted(result, doc, self._record(self.writer.done), remember)
        elif isinstance(result, InputError):
            self.writer.fail(result, doc if remember else None)
        else:
            self.writer.keep(result, self._record(self.writer.done))

    def finish(self) -> FileReport:
        """Write what is left, documents not sent out at the end included, and close the
        version."""
        self._not_sent()
        return self.writer.finish()

    def _not_sent(self) -> None:
        """Take the documents from here on that were not sent out: stored ones are noted as
        seen again, ones that failed before are reported skipped."""
        while self.writer.done < len(self.documents):
            index = self.writer.done
            doc = self.documents[index]
            if doc.id in self.known:
                self.writer.keep(doc, self._record(index))
            elif doc.id in self.failed:
                assert self.source is not None
                problem = (
                    f"skipped: it failed in an earlier run ({self.failed[doc.id]});"
                    " --retry-failed tries it again"
                )
                self.writer.fail(Work.of(self.source, index, doc).error(problem, "failed-before"))
            else:
                return

    def _record(self, index: int) -> int:
        return self.source.record(index) if self.source is not None else 0


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
        stages: Collection[str] = (),
    ) -> None:
        self.report = report
        self.stages = stages  # the run's: a version whose documents lack some is written again
        self.before_write = before_write
        self.store = store
        self.digest = digest or ""
        self.batch_size = batch_size
        self.on_progress = on_progress
        self.total = total
        self.done = 0  # documents kept or failed, in input order
        self.failed = 0
        self.batch: list[tuple[Document, int]] = []
        self.began = 0.0  # when the batch began
        self.file: FileVersion | None = None

    def keep(self, doc: Document, record: int = 0) -> None:
        """Store ``doc``, the ``record``-th of its input (0 where an input is not records)."""
        if not self.batch:
            self.began = time.monotonic()
        self.batch.append((doc, record))
        self._step()
        if len(self.batch) >= self.batch_size or time.monotonic() - self.began > FLUSH_S:
            self._flush()

    def fail(self, error: InputError, doc: Document | None = None) -> None:
        """A document the pipeline failed on: reported, and tried again by the next run; or,
        given the ``doc``, recorded as failed, so that later runs skip it."""
        self.report.errors.append(error)
        self.failed += 1
        if doc is not None and self.store is not None:
            self.store.record_failure(doc.id, error)
        self._step()

    def keep_unextracted(
        self, error: InputError, doc: Document, record: int = 0, remember: bool = False
    ) -> None:
        """A stored document that could not be extracted again: reported, kept as it is
        stored (and seen in this input), and, if ``remember``, recorded as failed, so that
        later runs leave it so unless told to retry."""
        self.report.errors.append(error)
        if remember and self.store is not None:
            self.store.record_failure(doc.id, error)
        self.keep(doc, record)

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
            written = self.store.add_documents(
                file, [doc for doc, _ in batch], [record for _, record in batch]
            )
            self.report.documents += len(batch)
            self.report.new += written.new
            self.report.known += written.known
            self.report.replaced += written.replaced

    def _version(self) -> FileVersion | None:
        """The version being written, opened on first use; None when there is nothing to
        store, or another run has stored this version meanwhile."""
        if self.file is None and self.store is not None:
            self.file = self.store.open_file(self.report.path, self.digest, self.stages)
            if self.file is None:
                self.store = None
                self.report.unchanged = True
            else:
                self.report.version = self.file.version
        return self.file if self.store is not None else None
