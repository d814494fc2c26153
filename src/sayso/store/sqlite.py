"""The SQLite backend: one file, searched with FTS5; the default, and needs no server.

Writers take turns: each write transaction begins IMMEDIATE, and one that finds another
writing waits for it up to ``BUSY_TIMEOUT_MS``. Readers never wait (WAL mode). A connection
may be handed from one thread to another (a web server's requests), but is used by one
thread at a time.
"""

from __future__ import annotations

import heapq
import itertools
import os
import re
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sayso.errors import StoreError
from sayso.store.migrations import MIGRATIONS
from sayso.store.records import MARK, Condition

BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another to finish before giving up
MAX_PREFIX_TERMS = 4  # FTS5 expands each "word*" to every word it begins: a few cost seconds


class SQLite:
    """A connection to the SQLite file ``path``, which must exist unless ``create``. A file
    this process may not write is opened read-only (``create`` then is an error)."""

    migrations: Sequence[tuple[int, str]] = tuple(enumerate(MIGRATIONS, start=1))
    no_limit: int | None = -1
    quote_words = "q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"

    def __init__(self, path: str | Path, *, create: bool) -> None:
        self.name = str(path)
        self.read_only = _check_file(self.name, create)
        try:
            self.conn = sqlite3.connect(
                _read_only_uri(self.name) if self.read_only else self.name,
                isolation_level=None,
                check_same_thread=False,  # lent to one thread at a time (see StorePool)
                uri=self.read_only,
            )
        except sqlite3.Error as err:
            raise StoreError(f"{self.name}: cannot open: {err}") from err
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not self.read_only:
                self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as err:
            self.conn.close()
            raise StoreError(f"{self.name}: cannot open as a sayso database: {_why(err)}") from err
        self._limits: list[float] = []  # the deadlines of the time limits entered, innermost last

    def close(self) -> None:
        _WATCHDOG.forget(self.conn)
        self.conn.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Rows:
        if self._limits and time.monotonic() > self._limits[-1]:  # out of time already
            raise StoreError(f"{self.name}: the query ran out of time", code="timeout")
        try:
            return _Rows(self.conn.execute(sql, params), self._error)
        except sqlite3.Error as err:
            raise self._error(err) from err

    def _error(self, err: sqlite3.Error) -> StoreError:
        if isinstance(err, sqlite3.OperationalError):
            if _busy(err):
                return StoreError(
                    f"{self.name}: the database is busy (another sayso is writing to it); try again"
                )
            if "interrupted" in str(err) and self._limits:
                return StoreError(f"{self.name}: the query ran out of time", code="timeout")
        return StoreError(f"{self.name}: {_why(err)}")

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self.read_only:
            raise StoreError(
                f"{self.name}: read-only (this user may not write it)", code="read-only"
            )
        self.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:  # a failed COMMIT leaves it open too
                self.conn.execute("ROLLBACK")
            raise

    @contextmanager
    def time_limit(self, seconds: float) -> Iterator[None]:
        """Statements run inside are interrupted once ``seconds`` have passed (FTS5 does much
        of its work in one step, so a progress handler would not stop it; an interrupt does)."""
        deadline = time.monotonic() + seconds
        if self._limits:
            deadline = min(deadline, self._limits[-1])
        self._limits.append(deadline)
        _WATCHDOG.watch(self.conn, deadline)
        try:
            yield
        finally:
            self._limits.pop()
            if self._limits:
                _WATCHDOG.watch(self.conn, self._limits[-1])
            else:
                _WATCHDOG.forget(self.conn)

    def lock(self, key: str) -> None:
        """Nothing to do: a transaction that began IMMEDIATE keeps every other writer out."""

    def migration_lock(self) -> AbstractContextManager[None]:
        """Nothing more than the transaction's: it began IMMEDIATE."""
        return nullcontext()

    def json(self, column: str, path: str, *, number: bool = False) -> str:
        """``json_extract`` gives numbers as numbers already."""
        return f"json_extract({column}, '$.{path}')"

    def search(
        self, query: str, limit: int, offset: int = 0, within: Condition = ("1 = 1", ())
    ) -> list[tuple[int, str, float]]:
        where, params = within
        rows = self._match(
            "SELECT documents_fts.rowid, snippet(documents_fts, 1, ?, ?, '…', 16),"
            " documents_fts.rank FROM documents_fts JOIN documents d"
            f" ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ? AND {where}"
            " ORDER BY documents_fts.rank LIMIT ? OFFSET ?",
            (*MARK, query, *params, limit, offset),
            query,
        )
        return [(rowid, snippet, rank) for rowid, snippet, rank in rows]

    def count_matches(self, query: str, within: Condition = ("1 = 1", ())) -> int:
        where, params = within
        rows = self._match(
            "SELECT count(*) FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
            f" WHERE documents_fts MATCH ? AND {where}",
            (query, *params),
            query,
        )
        return int(rows[0][0])

    def _match(self, sql: str, params: Sequence[Any], query: str) -> list[Any]:
        """The rows of a statement that matches ``query`` against the full-text index; a
        query FTS5 cannot read, or one that would cost too much, is a StoreError of code
        ``bad-query``."""
        prefixes = len(_PREFIX_TERM.findall(query))
        if prefixes > MAX_PREFIX_TERMS:
            raise StoreError(
                f"not a valid search query: {prefixes} prefix terms (word*), more than the"
                f" {MAX_PREFIX_TERMS} a search may hold",
                code="bad-query",
            )
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as err:
            if _busy(err) or "interrupted" in str(err):
                raise self._error(err) from err
            # anything else FTS5 says of a MATCH is about the query: syntax, an unterminated
            # string, a column filter naming no column
            raise StoreError(f"not a valid search query: {err}", code="bad-query") from err

    def schema_version(self) -> int:
        return int(self.execute("PRAGMA user_version").fetchone()[0])

    def set_schema_version(self, version: int) -> None:
        self.execute(f"PRAGMA user_version = {int(version)}")

    def has_tables(self) -> bool:
        return bool(self.execute("SELECT count(*) FROM sqlite_master").fetchone()[0])

    def run_script(self, script: str) -> None:
        """Statement by statement: ``executescript`` would commit the transaction first."""
        for statement in _statements(script):
            self.execute(statement)

    @property
    def broken(self) -> bool:
        """A file's connection does not break the way a server's does."""
        return False


class _Rows:
    """A cursor whose errors, also those met while its rows are read, are StoreErrors."""

    def __init__(self, cursor: sqlite3.Cursor, error: Any) -> None:
        self.cursor = cursor
        self.error = error

    @property
    def rowcount(self) -> int:
        return self.cursor.rowcount

    def fetchone(self) -> Any:
        try:
            return self.cursor.fetchone()
        except sqlite3.Error as err:
            raise self.error(err) from err

    def fetchall(self) -> list[Any]:
        try:
            return self.cursor.fetchall()
        except sqlite3.Error as err:
            raise self.error(err) from err

    def __iter__(self) -> Iterator[Any]:
        try:
            yield from self.cursor
        except sqlite3.Error as err:
            raise self.error(err) from err


class _Watchdog:
    """One thread that interrupts each connection whose deadline has passed."""

    def __init__(self) -> None:
        self.wake = threading.Condition()
        self.deadlines: dict[int, tuple[float, sqlite3.Connection]] = {}
        self.queue: list[tuple[float, int, int]] = []  # (deadline, order, id of the connection)
        self.order = itertools.count()
        self.thread: threading.Thread | None = None

    def watch(self, conn: sqlite3.Connection, deadline: float) -> None:
        with self.wake:
            self.deadlines[id(conn)] = (deadline, conn)
            heapq.heappush(self.queue, (deadline, next(self.order), id(conn)))
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="sayso-sqlite-watchdog")
                self.thread.daemon = True
                self.thread.start()
            self.wake.notify()

    def forget(self, conn: sqlite3.Connection) -> None:
        with self.wake:
            self.deadlines.pop(id(conn), None)

    def _run(self) -> None:
        with self.wake:
            while True:
                now = time.monotonic()
                while self.queue and self.queue[0][0] <= now:
                    deadline, _, key = heapq.heappop(self.queue)
                    watched = self.deadlines.get(key)
                    if watched is not None and watched[0] == deadline:
                        del self.deadlines[key]
                        watched[1].interrupt()  # under the lock: never after it is forgotten
                self.wake.wait(self.queue[0][0] - now if self.queue else None)


_WATCHDOG = _Watchdog()
_PREFIX_TERM = re.compile(r"\w\*")


def _check_file(path: str, create: bool) -> bool:
    """Whether the database at ``path`` can only be read; StoreError, with the reason, when it
    cannot be opened as asked (``create``: to be written, and made if missing)."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        status = os.stat(path)
    except FileNotFoundError:
        if not create:
            raise StoreError(f"{path}: no such database (sayso ingest creates one)") from None
        if not os.path.isdir(folder):
            raise StoreError(f"{path}: cannot create it: no folder {folder}") from None
        if not os.access(folder, os.W_OK):
            raise StoreError(
                f"{path}: cannot create it: the folder {folder} is not writable"
            ) from None
        return False
    except OSError as err:
        raise StoreError(f"{path}: cannot open: {err.strerror or err}") from err
    if stat.S_ISDIR(status.st_mode):
        raise StoreError(f"{path}: is a folder, not a database")
    if status.st_size == 0 and not create:
        raise StoreError(f"{path}: an empty file, not a sayso database")
    # writing needs the file, and its journal (-wal, -shm) beside it: made there if missing
    journal = os.path.exists(f"{path}-wal") and os.path.exists(f"{path}-shm")
    if not os.access(path, os.W_OK):
        why = "this user may not write it"
    elif not (journal or os.access(folder, os.W_OK)):
        why = f"its folder {folder} is not writable, and SQLite keeps its journal beside it"
    else:
        _mend_shared_memory(path)
        return False
    if create:
        raise StoreError(f"{path}: read-only ({why})", code="read-only")
    return True


def _mend_shared_memory(path: str) -> None:
    """A ``-shm`` file left read-only by a reader of a read-only database would make every
    write fail ("attempt to write a readonly database"): give it the database's permissions."""
    shm = f"{path}-shm"
    if os.path.exists(shm) and not os.access(shm, os.W_OK):
        try:
            os.chmod(shm, stat.S_IMODE(os.stat(path).st_mode))
        except OSError as err:
            raise StoreError(
                f"{path}: its {shm} is read-only, and SQLite must write it: {err.strerror}"
            ) from err


def _read_only_uri(path: str) -> str:
    """A read-only database: ``immutable`` (no -shm file made beside it) unless a write-ahead
    log holds changes not yet in the file, which only a WAL reader sees."""
    wal = f"{path}-wal"
    immutable = not (os.path.exists(wal) and os.path.getsize(wal) > 0)
    return f"file:{quote(os.path.abspath(path))}?mode=ro" + ("&immutable=1" if immutable else "")


def _busy(err: sqlite3.OperationalError) -> bool:
    return "locked" in str(err) or "busy" in str(err)


def _why(err: sqlite3.Error) -> str:
    """SQLite's message, with the usual cause of a bare "unable to open database file"."""
    message = str(err)
    if "unable to open database file" in message:
        return f"{message} (is its folder writable, and the disk not full?)"
    return message


def _statements(script: str) -> Iterator[str]:
    """Split a migration script into statements (``sqlite3.complete_statement`` knows triggers)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()
