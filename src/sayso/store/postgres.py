"""The PostgreSQL backend: one database that several machines and runs can write at once.

Writers do not take turns as in SQLite; what keeps concurrent runs apart is in the SQL: a
document or occurrence stored already is skipped (ON CONFLICT DO NOTHING), documents are
written in id order so that two runs never wait on each other in a circle, and a lock held to
the end of the transaction (an advisory lock on the file's path) keeps two runs from giving two
versions of one path the same number; another, held by a session, from migrating a new
database at once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from sayso.errors import StoreError
from sayso.store.migrations import POSTGRES_MIGRATIONS
from sayso.store.records import MARK, Condition

CONNECT_TIMEOUT_S = 10
LOCKS = 0x73617973  # the first key of sayso's advisory locks ("says"), the second is the key's hash
# ts_headline's options: a snippet of about 16 words around the best match, marked as SQLite marks
_HEADLINE = f"StartSel={MARK[0]}, StopSel={MARK[1]}, MinWords=8, MaxWords=16"


class Postgres:
    """A connection to the PostgreSQL database at ``url``, which must hold a sayso schema
    already unless ``create``."""

    migrations: Sequence[tuple[int, str]] = tuple(sorted(POSTGRES_MIGRATIONS.items()))
    no_limit: int | None = None
    quote_words = "q.fts @@ websearch_to_tsquery('simple', ?)"

    def __init__(self, url: str, *, create: bool) -> None:
        self.name = redact(url)
        try:
            given = conninfo_to_dict(url)
        except psycopg.Error as err:  # libpq's message would quote the URL, password and all
            raise StoreError(f"{self.name}: not a PostgreSQL URL that can be read") from err
        try:
            # a server that does not answer is an error soon, unless the URL sets how soon
            timeout = given.get("connect_timeout", CONNECT_TIMEOUT_S)
            conninfo = make_conninfo(url, connect_timeout=timeout)
            # autocommit: a read holds no transaction open; writes begin their own
            self.conn = psycopg.connect(conninfo, autocommit=True)
        except psycopg.Error as err:
            raise StoreError(f"{self.name}: cannot connect: {_first_line(err)}") from err
        self._limits: list[int] = []  # the time limits entered, in milliseconds, innermost last
        try:
            if not create and self.schema_version() == 0:
                raise StoreError(f"no sayso database at {self.name} (sayso ingest creates one)")
        except StoreError:
            self.conn.close()
            raise

    def close(self) -> None:
        self.conn.close()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        try:
            return self.conn.execute(_placeholders(sql), params)
        except psycopg.Error as err:
            raise self._error(err) from err

    @property
    def in_transaction(self) -> bool:
        return self.conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with self.conn.transaction():
                yield
        except psycopg.Error as err:  # from the COMMIT; the statements' errors are StoreErrors
            raise self._error(err) from err

    @contextmanager
    def time_limit(self, seconds: float) -> Iterator[None]:
        """Each statement inside is cancelled by the server after ``seconds`` (or the limit
        of an enclosing ``time_limit``, if that is shorter)."""
        milliseconds = max(1, round(seconds * 1000))
        if self._limits:
            milliseconds = min(milliseconds, self._limits[-1])
        self._limits.append(milliseconds)
        self.execute(f"SET statement_timeout = {milliseconds}")
        try:
            yield
        finally:
            self._limits.pop()
            if not self.broken:
                self.execute(f"SET statement_timeout = {self._limits[-1] if self._limits else 0}")

    @property
    def broken(self) -> bool:
        """The connection to the server is lost (the server went away or restarted)."""
        return self.conn.closed or self.conn.broken

    def lock(self, key: str) -> None:
        self.execute("SELECT pg_advisory_xact_lock(?, hashtext(?))", (LOCKS, key))

    @contextmanager
    def migration_lock(self) -> Iterator[None]:
        """A lock of the session, taken before the transaction begins: a transaction begun
        earlier would still see the schema as it was (PostgreSQL caches its catalog)."""
        key = (LOCKS, "schema")
        self.execute("SELECT pg_advisory_lock(?, hashtext(?))", key)
        try:
            yield
        finally:
            self.execute("SELECT pg_advisory_unlock(?, hashtext(?))", key)

    def json(self, column: str, path: str, *, number: bool = False) -> str:
        """``#>>`` gives text, so a number is cast; text sorts by code point, as in SQLite."""
        keys = path.replace(".", ",")
        value = f"(({column})::jsonb #>> '{{{keys}}}')"
        return f"({value}::double precision)" if number else f'({value} COLLATE "C")'

    def search(
        self, query: str, limit: int, offset: int = 0, within: Condition = ("1 = 1", ())
    ) -> list[tuple[int, str, float]]:
        """``websearch_to_tsquery`` reads any text; ranks are negated to sort as SQLite's."""
        where, params = within
        rows = self.execute(
            "SELECT d.rowid, ts_headline('simple', d.text, q, ?), -ts_rank(d.fts, q) AS rank"
            " FROM documents d, websearch_to_tsquery('simple', ?) q"
            f" WHERE d.fts @@ q AND {where} ORDER BY rank, d.rowid LIMIT ? OFFSET ?",
            (_HEADLINE, query, *params, limit, offset),
        )
        return [(rowid, snippet, rank) for rowid, snippet, rank in rows]

    def count_matches(self, query: str, within: Condition = ("1 = 1", ())) -> int:
        where, params = within
        (count,) = self.execute(
            "SELECT count(*) FROM documents d, websearch_to_tsquery('simple', ?) q"
            f" WHERE d.fts @@ q AND {where}",
            (query, *params),
        ).fetchall()[0]
        return int(count)

    def schema_version(self) -> int:
        if self._value("SELECT to_regclass('sayso_schema')") is None:
            return 0
        return int(self._value("SELECT version FROM sayso_schema"))

    def set_schema_version(self, version: int) -> None:
        self.execute("UPDATE sayso_schema SET version = ?", (version,))

    def has_tables(self) -> bool:
        return bool(
            self._value(
                "SELECT count(*) FROM information_schema.tables"
                " WHERE table_schema = current_schema()"
            )
        )

    def run_script(self, script: str) -> None:
        """In one go: PostgreSQL runs several statements sent without parameters."""
        try:
            self.conn.execute(script)
        except psycopg.Error as err:
            raise self._error(err) from err

    def _value(self, sql: str) -> Any:
        """The one value ``sql`` selects."""
        row = self.execute(sql).fetchone()
        assert row is not None
        return row[0]

    def _error(self, err: psycopg.Error) -> StoreError:
        # class 40 is a transaction rolled back (deadlock, serialization), 55P03 a lock not got
        if err.sqlstate == "57014":  # query_canceled: by statement_timeout
            return StoreError(f"{self.name}: the query ran out of time", code="timeout")
        if err.sqlstate is not None and (err.sqlstate.startswith("40") or err.sqlstate == "55P03"):
            return StoreError(
                f"{self.name}: the database is busy (another sayso is writing to it); try again"
            )
        return StoreError(f"{self.name}: {_first_line(err)}")


def redact(url: str) -> str:
    """``url`` as messages name it: user, host, port and database, never the password (which
    may hold any character, so the URL is read as libpq reads it, not split by hand)."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.Error:
        return "postgresql://(a URL that cannot be read)"
    user = f"{info['user']}@" if info.get("user") else ""
    port = f":{info['port']}" if info.get("port") else ""
    return f"postgresql://{user}{info.get('host', '')}{port}/{info.get('dbname', '')}"


def _placeholders(sql: str) -> str:
    """psycopg's ``%s`` for each ``?``; a ``%`` written in the SQL itself stays one."""
    return sql.replace("%", "%%").replace("?", "%s")


def _first_line(err: psycopg.Error) -> str:
    """The message without the lines PostgreSQL adds (the statement, a hint)."""
    lines = str(err).strip().splitlines()
    return lines[0] if lines else type(err).__name__
