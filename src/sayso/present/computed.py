"""What the web app's pages read from the whole database (positions, profiles, claims, the
list of actors): computed in the background, one at a time, and kept until documents are
added.

A request never computes one itself: it asks for the result for the database as it is now and
waits a little for it; if that takes longer, it gets the result computed before the last
documents arrived, or, before the first result of all, a clear "not ready" (the page says to
try again). One thread computes them in turn, from a connection of its own and with no time
limit, so that at most one such computation is in memory at once.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Generic, TypeVar

from sayso.errors import SaysoError
from sayso.store import Store

T = TypeVar("T")
Generation = tuple[int, int, int]  # ``Store.generation``
_log = logging.getLogger("sayso.web")


class NotReady(SaysoError):
    """A result is still being computed for the first time."""

    code = "not-ready"


class Background:
    """The one thread that computes every ``Computed`` of an app, in the order asked."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.wake = threading.Condition()
        self.queue: deque[Computed[object]] = deque()
        self.thread = threading.Thread(target=self._run, name="sayso-computed", daemon=True)
        self.thread.start()

    def idle(self) -> bool:
        """Whether nothing is being computed or waiting to be."""
        with self.wake:
            return not self.queue

    def ask(self, computed: Computed[T]) -> None:
        """Compute ``computed`` again, unless it is waiting its turn already."""
        with self.wake:
            if computed not in self.queue:
                self.queue.append(computed)  # type: ignore[arg-type]
                self.wake.notify()

    def _run(self) -> None:
        while True:
            with self.wake:
                while not self.queue:
                    self.wake.wait()
                computed = self.queue[0]
            computed.refresh(self.db)
            with self.wake:
                self.queue.popleft()


class Computed(Generic[T]):
    """One result read from the whole database, for the generation of the database (see
    ``Store.generation``) it was computed on."""

    def __init__(self, name: str, compute: Callable[[Store], T], background: Background) -> None:
        self.name = name
        self.compute = compute
        self.background = background
        self.done = threading.Condition()
        self.kept: tuple[Generation, T] | None = None
        self.failed: tuple[Generation, SaysoError] | None = None
        self.asked: Generation | None = None  # the newest generation a request asked for

    def get(self, generation: Generation, wait: float | None) -> T:
        """The result for ``generation``, waiting up to ``wait`` seconds (None: as long as it
        takes) for it; after that,
        the last one computed; NotReady if there is none yet, or the error that stopped the
        first (the next request tries again)."""
        with self.done:
            if self.kept is not None and self.kept[0] >= generation:
                return self.kept[1]
            if self.asked is None or self.asked < generation:
                self.asked = generation
                self.background.ask(self)
            self.done.wait_for(lambda: self._answered(generation), timeout=wait)
            if self.kept is not None:
                return self.kept[1]
            if self.failed is not None:
                error = self.failed[1]
                self.failed, self.asked = None, None
                raise error
            raise NotReady(f"sayso is still reading the corpus for the {self.name}; try again soon")

    def _answered(self, generation: Generation) -> bool:
        return any(done is not None and done[0] >= generation for done in (self.kept, self.failed))

    def refresh(self, db: str) -> None:
        """Compute the result on the database as it is now (called by the background thread);
        a failure is kept for the requests waiting, and logged."""
        with self.done:
            asked = self.asked or (0, 0, 0)
        try:
            with Store(db, create=False) as store:
                generation = store.generation()
                result = self.compute(store)
        except Exception as error:  # any failure must reach the requests that wait for it
            _log.error("computing the %s failed", self.name, exc_info=error)
            failure = (
                error
                if isinstance(error, SaysoError)
                else SaysoError(
                    f"computing the {self.name} failed: {type(error).__name__}: {error}"
                )
            )
            with self.done:
                self.failed = (asked, failure)
                self.done.notify_all()
            return
        with self.done:
            self.kept, self.failed = (generation, result), None
            self.done.notify_all()
