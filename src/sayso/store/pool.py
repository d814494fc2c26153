"""Stores shared by the threads of a server: a few open connections, each lent to one thread
at a time, rather than a connection opened and closed for every request."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sayso.errors import StoreError
from sayso.store.core import Store

POOL_SIZE = 8  # connections open at once; more threads than this wait their turn
WAIT_S = 10.0  # how long a thread waits for a connection before the server says it is busy


class StorePool:
    """Up to ``size`` open stores of the database ``db`` (never created: it must exist)."""

    def __init__(self, db: str, size: int = POOL_SIZE, wait: float = WAIT_S) -> None:
        self.db = db
        self.wait = wait
        self.idle: list[Store] = []
        self.lock = threading.Lock()
        self.free = threading.BoundedSemaphore(size)
        self.closed = False

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A store for this thread alone until the block ends."""
        if not self.free.acquire(timeout=self.wait):
            raise StoreError(f"{self.db}: every connection is busy; try again", code="busy")
        try:
            with self.lock:
                store = self.idle.pop() if self.idle else None
            if store is None:
                store = Store(self.db, create=False)
            try:
                yield store
            finally:
                self._give_back(store)
        finally:
            self.free.release()

    def _give_back(self, store: Store) -> None:
        if store.backend.broken or store.backend.in_transaction:
            store.close()
            return
        with self.lock:
            if not self.closed:
                self.idle.append(store)
                return
        store.close()

    def close(self) -> None:
        """Close the idle stores; those lent out are closed when given back."""
        with self.lock:
            self.closed = True
            idle, self.idle = self.idle, []
        for store in idle:
            store.close()
