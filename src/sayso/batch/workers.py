"""Annotating documents in worker processes: the parse is nearly all the cost of a document, so
it runs in parallel while the calling process reads the inputs and writes the store.

Work is sent in chunks of a few documents, and only a few chunks per worker are in flight at
once, so memory does not grow with the number of documents; results come back in input order.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from itertools import chain, islice
from multiprocessing import get_context

from sayso.errors import InputError, SaysoError, StageError
from sayso.extract import Pipeline
from sayso.ingest import Source
from sayso.model import Document
from sayso.settings import Settings

CHUNK_SIZE = 8  # documents sent to a worker at once: a few seconds of work
IN_FLIGHT = 2  # chunks per worker sent ahead, so that no worker waits for the next


@dataclass(frozen=True)
class Work:
    """One document to annotate, and where it came from, for an error that must name it."""

    doc: Document
    path: str
    line: int | None = None

    @classmethod
    def of(cls, source: Source, index: int, doc: Document) -> Work:
        """The work for the ``index``-th document cut from ``source``."""
        line = source.lines[index] if index < len(source.lines) else None
        return cls(doc, source.path, line)


Result = Document | InputError


def default_workers() -> int:
    """All the cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Annotator:
    """The pipeline of one process, applied to works; a failed document becomes its error.
    The pipeline (and its model) is loaded with the first document, not before."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pipeline: Pipeline | None = None

    def __call__(self, works: Sequence[Work | InputError]) -> list[Result]:
        return [work if isinstance(work, InputError) else self._one(work) for work in works]

    def _one(self, work: Work) -> Result:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.settings)
        try:
            # on a copy: the input's own documents, held until their input is written, stay
            # without annotations, so memory does not grow with the size of an input
            return self._pipeline(replace(work.doc, meta=dict(work.doc.meta)))
        except StageError as err:
            doc = work.doc
            where = "" if work.line is not None else f"document at {doc.start}-{doc.end}: "
            return InputError(work.path, f"{where}{err}", code=err.code, line=work.line)


def annotate(
    works: Iterable[Work | InputError],
    settings: Settings,
    workers: int = 1,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Result]:
    """Each work annotated (errors passed through), in order. With ``workers`` > 1 and more
    than one chunk of work, in that many processes; otherwise in this one."""
    chunks = _chunked(works, chunk_size)
    ahead = list(islice(chunks, max(workers, 1)))
    if workers > 1 and len(ahead) > 1:
        yield from _in_processes(chain(ahead, chunks), settings, workers)
        return
    annotator = Annotator(settings)
    for chunk in chain(ahead, chunks):
        yield from annotator(chunk)


_annotator: Annotator | None = None  # the pipeline of a worker process


def _start_worker(settings: Settings) -> None:
    global _annotator
    _annotator = Annotator(settings)


def _run_chunk(chunk: list[Work | InputError]) -> list[Result]:
    assert _annotator is not None, "worker started without its pipeline"
    return _annotator(chunk)


def _in_processes(
    chunks: Iterator[list[Work | InputError]], settings: Settings, workers: int
) -> Iterator[Result]:
    pool = ProcessPoolExecutor(
        workers,
        mp_context=get_context("spawn"),  # a fresh interpreter: no inherited threads or locks
        initializer=_start_worker,
        initargs=(settings,),
    )
    pending: deque[Future[list[Result]]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_run_chunk, chunk))
            if len(pending) >= workers * IN_FLIGHT:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BrokenProcessPool as err:
        raise SaysoError(
            "a worker process died (killed, or out of memory); what was stored is kept, and"
            " running the same command again goes on from there"
        ) from err
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _chunked(works: Iterable[Work | InputError], size: int) -> Iterator[list[Work | InputError]]:
    iterator = iter(works)
    while chunk := list(islice(iterator, size)):
        yield chunk
