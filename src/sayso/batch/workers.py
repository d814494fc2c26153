"""Annotating documents in worker processes: the parse is nearly all the cost of a document, so
it runs in parallel while the calling process reads the inputs and writes the store.

Each worker is given one document at a time, so that the calling process always knows which
document a worker holds: a document that runs past its time, or past its memory, is stopped
with its worker; a document whose worker dies (a crash in a library, the kernel's
out-of-memory killer) is tried once more in a new worker, and if that one dies too, it is
reported as failed, with the reason. Either way the run goes on with the next document, and
a new worker takes the place of the old. Workers end when the process that started them
does, even one killed with no chance to stop them.

Results come back in input order; only a few documents wait for one slow document before
it, so memory does not grow with the number of documents.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from multiprocessing import get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess

from sayso.errors import InputError, InputWarning, SaysoError, StageError
from sayso.extract import Pipeline
from sayso.ingest import Source
from sayso.model import Document
from sayso.settings import Settings

WAITING = 4  # documents per worker out or done and waiting for one before them to be done
_POLL_S = 0.5  # how often the calling process looks at its workers' time and memory
_STOP_S = 5.0  # how long a worker is given to end when asked, before it is killed


@dataclass(frozen=True)
class Work:
    """One document to annotate, and where it came from, for an error that must name it;
    ``stages``: the ones to run over it, where not the run's (a stored document extracted
    again)."""

    doc: Document
    path: str
    line: int | None = None
    stages: tuple[str, ...] = ()

    @classmethod
    def of(cls, source: Source, index: int, doc: Document) -> Work:
        """The work for the ``index``-th document cut from ``source``."""
        line = source.lines[index] if index < len(source.lines) else None
        return cls(doc, source.path, line)

    def error(self, problem: str, code: str) -> InputError:
        """An error about this document, naming its line or its place in the input."""
        return InputError(self.path, self._located(problem), code=code, line=self.line)

    def warning(self, problem: str, code: str) -> InputWarning:
        return InputWarning(self.path, self._located(problem), code=code, line=self.line)

    def _located(self, problem: str) -> str:
        doc = self.doc
        return problem if self.line is not None else f"document at {doc.start}-{doc.end}: {problem}"


Result = Document | InputError


def default_workers() -> int:
    """All the cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Annotator:
    """The pipelines of one process, applied to works; a failed document becomes its error.
    A pipeline (and its model) is loaded with the first document it runs over, not before."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._pipelines: dict[tuple[str, ...], Pipeline] = {}  # by the stages they run

    def __call__(self, works: Sequence[Work | InputError]) -> list[Result]:
        return [work if isinstance(work, InputError) else self.one(work) for work in works]

    def one(self, work: Work) -> Result:
        stages = tuple(work.stages or self.settings.stages)
        if stages not in self._pipelines:
            self._pipelines[stages] = Pipeline(replace(self.settings, stages=stages))
        try:
            # on a copy: the input's own documents, held until their input is written, stay
            # without annotations, so memory does not grow with the size of an input
            return self._pipelines[stages](replace(work.doc, meta=dict(work.doc.meta)))
        except StageError as err:
            return work.error(str(err), err.code)


def annotate(
    works: Iterable[Work | InputError], settings: Settings, workers: int | WorkerPool = 0
) -> Iterator[Result]:
    """Each work annotated (errors passed through), in order: in ``workers`` processes, or in
    this one if ``workers`` is 0, or in a pool kept open by the caller. A document tried
    again after its worker died is preceded by an InputWarning that says so."""
    if isinstance(workers, WorkerPool):
        yield from workers.run(works)
        return
    if workers < 1:
        annotator = Annotator(settings)
        for work in works:
            yield from annotator([work])
        return
    with WorkerPool(settings, workers) as pool:
        yield from pool.run(works)


# --- the calling process's side ---------------------------------------------------------------


@dataclass
class _Task:
    """A work sent out, or waiting to be: its place in the input order, and how it went."""

    number: int
    work: Work
    tries: int = 0
    started: float = 0.0
    warning: InputWarning | None = None


class _Worker:
    """One worker process and the pipe to it; ``task`` is what it is working on."""

    def __init__(self, settings: Settings) -> None:
        context = get_context("spawn")  # a fresh interpreter: no inherited threads or locks
        self.pipe, theirs = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=_serve, args=(theirs, settings, os.getpid()), daemon=True
        )
        self.process.start()
        theirs.close()
        self.task: _Task | None = None

    def give(self, task: _Task) -> None:
        task.tries += 1
        task.started = time.monotonic()
        self.task = task
        self.pipe.send(task.work)

    def memory(self) -> int:
        """Its resident memory in bytes (0 where /proc does not tell)."""
        try:
            with open(f"/proc/{self.process.pid}/statm") as statm:
                return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            return 0

    def ask_to_stop(self) -> None:
        with contextlib.suppress(OSError):
            self.pipe.send(None)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.pipe.close()


class WorkerPool:
    """Up to ``size`` worker processes running the pipeline of ``settings``, started as work
    comes: for one run (``annotate`` opens and closes one), or kept open by a caller for many
    (a server that ingests uploads). One run at a time."""

    def __init__(self, settings: Settings, size: int) -> None:
        Pipeline.check(settings)  # a wrong stage name is an error now, not in every worker
        self.settings = settings
        self.size = size
        self.workers: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker: an idle one is asked to end, a busy one (its document given
        up: a run stopped midway) is killed; none is waited for longer than a few seconds."""
        for worker in self.workers:
            if worker.task is None:
                worker.ask_to_stop()
            else:
                worker.process.kill()
        deadline = time.monotonic() + _STOP_S
        for worker in self.workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            worker.kill()
        self.workers = []

    def run(self, works: Iterable[Work | InputError]) -> Iterator[Result]:
        """Each work annotated (errors passed through), in order; see ``annotate``."""
        try:
            yield from self._run(iter(works))
        finally:  # a run stopped midway: what its workers still hold is given up
            for worker in [w for w in self.workers if w.task is not None]:
                self._retire(worker)

    def _run(self, upcoming: Iterator[Work | InputError]) -> Iterator[Result]:
        queue: deque[_Task] = deque()  # to be handed out: those to try again first
        done: dict[int, list[Result]] = {}  # results, by their place, waiting for one before
        numbers = iter(range(sys.maxsize))
        emitted = 0
        exhausted = False
        while True:
            while emitted in done:
                yield from done.pop(emitted)
                emitted += 1
            in_flight = sum(w.task is not None for w in self.workers)
            while not exhausted and len(done) + len(queue) + in_flight < self.size * WAITING:
                item = next(upcoming, None)
                if item is None:
                    exhausted = True
                elif isinstance(item, InputError):  # an input's error, kept in its place
                    done[next(numbers)] = [item]
                else:
                    queue.append(_Task(next(numbers), item))
            if emitted in done:
                continue
            self._hand_out(queue)
            if exhausted and not queue and not any(w.task is not None for w in self.workers):
                return
            for task, results in self._collect(queue):
                done[task.number] = results

    def _hand_out(self, queue: deque[_Task]) -> None:
        """Give queued tasks to idle workers, starting workers up to the pool's size."""
        for worker in [w for w in self.workers if w.task is None and not w.process.is_alive()]:
            self._retire(worker)  # died between tasks: nothing of it is lost
        while queue:
            idle = next((w for w in self.workers if w.task is None), None)
            if idle is None and len(self.workers) < self.size:
                idle = _Worker(self.settings)
                self.workers.append(idle)
            if idle is None:
                return
            task = queue.popleft()
            try:
                idle.give(task)
            except OSError:  # it died just now: the task never reached it
                task.tries -= 1
                queue.appendleft(task)
                self._retire(idle)

    def _collect(self, queue: deque[_Task]) -> Iterator[tuple[_Task, list[Result]]]:
        """The tasks finished, failed or given up on since the last look (waiting a little for
        one); a worker that died or overran is replaced, and its task, if it may be tried
        again, queued first."""
        busy = [w for w in self.workers if w.task is not None]
        ready = wait([w.pipe for w in busy] + [w.process.sentinel for w in busy], _POLL_S)
        now = time.monotonic()
        for worker in busy:
            task = worker.task
            assert task is not None
            if worker.pipe in ready:
                try:
                    answer = worker.pipe.recv()
                except (EOFError, OSError):
                    pass  # it died as it answered: below, its end says how
                else:
                    worker.task = None
                    if isinstance(answer, SaysoError) and not isinstance(answer, InputError):
                        raise answer  # the pipeline could not be built (a model missing)
                    yield task, [task.warning, answer] if task.warning else [answer]
                    continue
            limits = self.settings
            if worker.process.sentinel in ready or not worker.process.is_alive():
                worker.process.join(_STOP_S)  # its exit code is known once it is joined
                yield from self._lost(worker, task, queue, _death(worker.process.exitcode))
            elif now - task.started > limits.document_seconds:
                problem = (
                    f"took more than {limits.document_seconds:g} s to extract"
                    " (the limit for one document: --document-time-limit)"
                )
                yield self._given_up(worker, task, problem)
            elif worker.memory() > limits.document_memory_mb * 2**20:
                problem = (
                    f"took more than {limits.document_memory_mb:,} MB to extract"
                    " (the limit for one document: --document-memory-limit)"
                )
                yield self._given_up(worker, task, problem)

    def _lost(
        self, worker: _Worker, task: _Task, queue: deque[_Task], how: str
    ) -> Iterator[tuple[_Task, list[Result]]]:
        """A worker died on ``task``: it is tried once more in a new worker (the death may
        have come from outside: a kill, the kernel short of memory), then given up on."""
        self._retire(worker)
        if task.tries < 2:
            problem = f"the process extracting it died ({how}); it was extracted again"
            task.warning = task.work.warning(problem, "worker-died")
            queue.appendleft(task)
            return
        problem = f"the process extracting it died ({how}), twice"
        yield task, [task.work.error(problem, "crashed")]

    def _given_up(self, worker: _Worker, task: _Task, problem: str) -> tuple[_Task, list[Result]]:
        """A task past its limits: stopped with its worker, and reported as failed."""
        self._retire(worker)
        return task, [task.work.error(problem, "overran")]

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        self.workers.remove(worker)


def _death(exitcode: int | None) -> str:
    """How a process ended, as a user reads it: "signal 11: SIGSEGV", "exit 1"."""
    if exitcode is None:
        return "unknown"
    if exitcode < 0:
        with contextlib.suppress(ValueError):
            return f"signal {-exitcode}: {signal.Signals(-exitcode).name}"
        return f"signal {-exitcode}"
    return f"exit {exitcode}"


# --- a worker's side --------------------------------------------------------------------------


def _serve(pipe: Connection, settings: Settings, parent: int) -> None:
    """A worker: documents in, results out, until told to stop or its parent is gone."""
    _end_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the calling process's to handle
    annotator = Annotator(settings)
    try:
        annotator.one(Work(Document(text="Warm up.", source="", start=0, end=8), ""))
    except SaysoError as err:  # the pipeline cannot be built here: say so, then stop
        pipe.send(err)
        return
    while True:
        try:
            work = pipe.recv()
        except (EOFError, OSError):
            return
        if work is None:
            return
        pipe.send(annotator.one(work))


def _end_with(parent: int) -> None:
    """End this process when ``parent`` ends: at once on Linux (the kernel sends SIGKILL),
    and within a second elsewhere (a thread watches who the parent is)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="sayso-parent-watch", daemon=True).start()
    if os.getppid() != parent:  # it ended before the watch began
        os._exit(1)
