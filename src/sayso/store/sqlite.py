"""The SQLite backend: one file, searched with FTS5; the default, and needs no server.

Writers take turns: each write transaction begins IMMEDIATE, and one that finds another
writing waits for it up to ``BUSY_TIMEOUT_MS``. Readers never wait (WAL mode).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from sayso.errors import StoreError
from sayso.store.migrations import MIGRATIONS
from sayso.store.records import MARK

BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another to finish before giving up


class SQLite:
    """A connection to the SQLite file ``path``, which must exist unless ``create``."""

    migrations: Sequence[tuple[int, str]] = tuple(enumerate(MIGRATIONS, start=1))
    no_limit: int | None = -1

    def __init__(self, path: str | Path, *, create: bool) -> None:
        self.name = str(path)
        if not create and not os.path.exists(self.name):
            raise StoreError(f"{self.name}: no such database (sayso ingest creates one)")
        try:
            self.conn = sqlite3.connect(self.name, isolation_level=None)
        except sqlite3.Error as err:
            raise StoreError(f"{self.name}: cannot open: {err}") from err
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.Error as err:
            self.conn.close()
            raise StoreError(f"{self.name}: cannot open as a sayso database: {err}") from err

    def close(self) -> None:
        self.conn.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.OperationalError as err:
            if _busy(err):
                raise StoreError(
                    f"{self.name}: the database is busy (another sayso is writing to it); try again"
                ) from err
            raise StoreError(f"{self.name}: {err}") from err
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.name}: {err}") from err

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:  # a failed COMMIT leaves it open too
                self.conn.execute("ROLLBACK")
            raise

    def lock(self, key: str) -> None:
        """Nothing to do: a transaction that began IMMEDIATE keeps every other writer out."""

    def migration_lock(self) -> AbstractContextManager[None]:
        """Nothing more than the transaction's: it began IMMEDIATE."""
        return nullcontext()

    def json(self, column: str, path: str, *, number: bool = False) -> str:
        """``json_extract`` gives numbers as numbers already."""
        return f"json_extract({column}, '$.{path}')"

    def search(self, query: str, limit: int) -> list[tuple[int, str, float]]:
        try:
            rows = self.conn.execute(
                "SELECT rowid, snippet(documents_fts, 1, ?, ?, '…', 16), rank FROM documents_fts "
                "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
                (*MARK, query, limit),
            ).fetchall()
        except sqlite3.OperationalError as err:
            if _busy(err):
                raise StoreError(f"{self.name}: {err}") from err
            # anything else FTS5 says of a MATCH is about the query: syntax, an unterminated
            # string, a column filter naming no column
            raise StoreError(f"not a valid search query: {err}", code="bad-query") from err
        return [(rowid, snippet, rank) for rowid, snippet, rank in rows]

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


def _busy(err: sqlite3.OperationalError) -> bool:
    return "locked" in str(err) or "busy" in str(err)


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
