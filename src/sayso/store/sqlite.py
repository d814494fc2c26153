"""The embedded database: documents and their annotations in SQLite, searchable with FTS5.

Documents are keyed by a hash of their text, so storing the same text twice adds nothing but a
note of where it was seen again. Files are versioned by the hash of their bytes: an unchanged
file is skipped, a changed one becomes the next version of its path. A file's documents are
written in batches, each in one transaction, so an error or Ctrl-C never leaves half a batch
behind; a file counts as stored only once its last batch is in, and the next run goes on from
where the last one stopped.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sayso.errors import StoreError
from sayso.model import (
    LAYERS,
    Claim,
    Document,
    Entity,
    Quantity,
    Quote,
    Statements,
    content_id,
)
from sayso.store.migrations import MIGRATIONS

DEFAULT_DB = "sayso.db"
BUSY_TIMEOUT_MS = 30_000  # how long a writer waits for another to finish before giving up


@dataclass(frozen=True)
class Added:
    """What storing one file did."""

    version: int
    new: int  # documents stored for the first time
    known: int  # documents already stored, now also seen in this file
    unchanged: bool = False  # this version was stored already, by another run


@dataclass(frozen=True)
class FileVersion:
    """A version of an input file that documents are being written to."""

    id: int
    path: str
    version: int


@dataclass(frozen=True)
class StoredQuote:
    """A quote as listed from the store: which document it is in, and the quote itself."""

    document_id: str
    date: str | None
    outlet: str | None
    quote: Quote


@dataclass(frozen=True)
class StoredQuantity:
    """A figure with the document it is in."""

    document_id: str
    date: str | None
    outlet: str | None
    quantity: Quantity


@dataclass(frozen=True)
class StoredClaim:
    """A claim with the document it is in: what is compared across sources."""

    document_id: str
    title: str | None
    outlet: str | None
    date: str | None
    claim: Claim


@dataclass(frozen=True)
class StoredMention:
    """One mention of an actor, where it is."""

    document_id: str
    actor_id: str
    name: str
    type: str
    qid: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Hit:
    """A search result: the document and a snippet with the matches between ``MARK`` pairs."""

    document: Document
    snippet: str
    rank: float


MARK = ("\x02", "\x03")

_DOCUMENT_SELECT = """
    SELECT d.id, d.title, d.authors, d.outlet, d.date, d.genre, d.text, d.meta,
           f.path, o.source_id, o.start, o."end"
    FROM documents d
    JOIN occurrences o ON o.rowid = (
        SELECT rowid FROM occurrences WHERE document_id = d.id ORDER BY file_id, start LIMIT 1
    )
    JOIN files f ON f.id = o.file_id
"""


class Store:
    """A sayso database at ``path``: created and migrated on first use, unless ``create`` is
    False, when a missing database is an error (reading commands must not make one)."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, create: bool = True) -> None:
        self.path = str(path)
        if not create and not os.path.exists(self.path):
            raise StoreError(f"{self.path}: no such database (sayso ingest creates one)")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None)
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot open: {err}") from err
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except sqlite3.Error as err:
            self.conn.close()
            raise StoreError(f"{self.path}: cannot open as a sayso database: {err}") from err
        except StoreError:
            self.conn.close()
            raise

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema -------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return int(self._execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        """Apply the migrations this database lacks, all in one transaction taken before the
        version is read again, so that processes opening a new database at once do not
        collide. An up-to-date database is opened without taking any lock."""
        if self.schema_version == len(MIGRATIONS):
            return
        with self._transaction():
            current = self.schema_version
            if current > len(MIGRATIONS):
                raise StoreError(
                    f"{self.path}: schema version {current} is newer than this sayso knows "
                    f"({len(MIGRATIONS)}); upgrade sayso"
                )
            if current == 0 and self._execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise StoreError(f"{self.path}: not a sayso database (it holds other tables)")
            for version, script in enumerate(MIGRATIONS[current:], start=current + 1):
                for statement in _statements(script):
                    self._execute(statement)
                self._execute(f"PRAGMA user_version = {version}")

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction; one opened inside another joins it."""
        if self.conn.in_transaction:
            yield
            return
        self._execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self._execute("COMMIT")

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run one statement; SQLite's errors come out as StoreError saying what went wrong."""
        try:
            return self.conn.execute(sql, params)
        except sqlite3.OperationalError as err:
            if "locked" in str(err) or "busy" in str(err):
                raise StoreError(
                    f"{self.path}: the database is busy (another sayso is writing to it); try again"
                ) from err
            raise StoreError(f"{self.path}: {err}") from err
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: {err}") from err

    # --- writing ------------------------------------------------------------------------------

    def has_file(self, path: str, digest: str) -> bool:
        """Whether this exact version of a file is stored already, all its documents with it."""
        row = self._execute(
            "SELECT 1 FROM files WHERE path = ? AND digest = ? AND failed = 0 AND complete = 1",
            (path, digest),
        ).fetchone()
        return row is not None

    def known_ids(self, ids: list[str]) -> set[str]:
        """Which of these document ids are stored already."""
        known: set[str] = set()
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            rows = self._execute(f"SELECT id FROM documents WHERE id IN ({marks})", chunk)
            known.update(row[0] for row in rows)
        return known

    def add(self, path: str, digest: str, documents: list[Document], failed: int = 0) -> Added:
        """Store one file's documents as a new version of ``path``, all or nothing: ``open_file``,
        ``add_documents`` and ``close_file`` in one transaction."""
        with self._transaction():
            version = self.open_file(path, digest)
            if version is None:
                return Added(self._version_of(path, digest), 0, 0, unchanged=True)
            new, known = self.add_documents(version, documents)
            self.close_file(version, failed)
        return Added(version.version, new, known)

    def open_file(self, path: str, digest: str) -> FileVersion | None:
        """The version of ``path`` that documents of the file with ``digest`` are written to:
        a new one, or the one an interrupted or partly failed run left unfinished. None when
        this version is stored whole already (by an earlier or a concurrent run)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction():
            row = self._execute(
                "SELECT id, version, failed, complete FROM files WHERE path = ? AND digest = ?",
                (path, digest),
            ).fetchone()
            if row is not None and row[2] == 0 and row[3] == 1:
                return None
            if row is not None:
                self._execute(
                    "UPDATE files SET complete = 0, ingested_at = ? WHERE id = ?", (now, row[0])
                )
                return FileVersion(row[0], path, row[1])
            (previous,) = self._execute(
                "SELECT coalesce(max(version), 0) FROM files WHERE path = ?", (path,)
            ).fetchone()
            file_id = self._execute(
                "INSERT INTO files (path, digest, version, ingested_at, failed, complete)"
                " VALUES (?, ?, ?, ?, 0, 0)",
                (path, digest, previous + 1, now),
            ).lastrowid
            assert file_id is not None
            return FileVersion(file_id, path, previous + 1)

    def add_documents(self, file: FileVersion, documents: list[Document]) -> tuple[int, int]:
        """Write a batch of a file's documents, all or nothing; a document stored already is
        only noted as seen in this file. How many were new and how many known."""
        new = known = 0
        with self._transaction():
            for doc in documents:
                if self._insert_document(doc):
                    new += 1
                else:
                    known += 1
                self._execute(
                    "INSERT OR IGNORE INTO occurrences (document_id, file_id, source_id, start, "
                    '"end") VALUES (?, ?, ?, ?, ?)',
                    (doc.id, file.id, doc.source_id, doc.start, doc.end),
                )
        return new, known

    def close_file(self, file: FileVersion, failed: int = 0) -> None:
        """Mark the version written whole. ``failed`` counts its documents that could not be
        extracted: the version is kept, but ``has_file`` will not call it stored, so the next
        run tries them again."""
        with self._transaction():
            self._execute(
                "UPDATE files SET complete = 1, failed = ? WHERE id = ?", (failed, file.id)
            )

    def _version_of(self, path: str, digest: str) -> int:
        row = self._execute(
            "SELECT version FROM files WHERE path = ? AND digest = ?", (path, digest)
        ).fetchone()
        return int(row[0])

    def _insert_document(self, doc: Document) -> bool:
        cursor = self._execute(
            "INSERT OR IGNORE INTO documents (id, title, authors, outlet, date, genre, text, meta)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id,
                doc.title,
                _json(doc.authors),
                doc.outlet,
                doc.date,
                doc.genre,
                doc.text,
                _json(doc.meta),
            ),
        )
        if cursor.rowcount == 0:
            return False
        for entity in doc.entities:
            for mention in entity.mentions:
                self._execute(
                    "INSERT INTO mentions (document_id, actor_id, name, type, qid, text, start,"
                    ' "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
                    (
                        doc.id,
                        entity.id,
                        entity.name,
                        entity.type,
                        entity.qid,
                        mention.text,
                        mention.start,
                        mention.end,
                    ),
                )
        for position, quote in enumerate(doc.quotes):
            self._execute(
                'INSERT INTO quote_spans (document_id, position, start, "end") VALUES (?, ?, ?, ?)',
                (doc.id, position, quote.start, quote.end),
            )
        for layer in LAYERS:
            for position, item in enumerate(getattr(doc, layer)):
                self._execute(
                    "INSERT INTO annotations (document_id, layer, position, data)"
                    " VALUES (?, ?, ?, ?)",
                    (doc.id, layer, position, _json(asdict(item))),
                )
        return True

    # --- reading ------------------------------------------------------------------------------

    def generation(self) -> tuple[int, int]:
        """Changes whenever documents are added: for caching what is computed from them."""
        (files, documents) = self._execute(
            "SELECT (SELECT coalesce(max(id), 0) FROM files), (SELECT count(*) FROM documents)"
        ).fetchone()
        return int(files), int(documents)

    def count(self, *, genre: str | None = None, outlet: str | None = None) -> int:
        """How many documents are stored, of ``genre`` and ``outlet`` if given."""
        where, params = _filters(genre, outlet)
        sql = "SELECT count(*) FROM documents d" + (
            " WHERE " + " AND ".join(where) if where else ""
        )
        return int(self._execute(sql, params).fetchone()[0])

    def get(self, id_prefix: str) -> Document:
        """The document whose id is or starts with ``id_prefix`` (at least 4 characters)."""
        id_prefix = id_prefix.strip().lower()
        if len(id_prefix) < 4 or not re.fullmatch(r"[0-9a-f]+", id_prefix):
            raise StoreError(f"{id_prefix!r} is not a document id (4 or more hex digits)")
        rows = self._execute(
            _DOCUMENT_SELECT + " WHERE d.id >= ? AND d.id < ? ORDER BY d.id LIMIT 2",
            (id_prefix, id_prefix + "g"),
        ).fetchall()
        if not rows:
            raise StoreError(f"no document with id {id_prefix}")
        if len(rows) > 1:
            raise StoreError(f"id {id_prefix} is ambiguous; give more of it")
        return self._document(rows[0])

    def documents(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        genre: str | None = None,
        outlet: str | None = None,
    ) -> Iterator[Document]:
        """Documents in date order (undated last), then by id; optionally filtered."""
        where, params = _filters(genre, outlet)
        sql = _DOCUMENT_SELECT
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY d.date IS NULL, d.date, d.id LIMIT ? OFFSET ?"
        params_all: list[Any] = [*params, -1 if limit is None else limit, offset]
        for row in self._execute(sql, params_all):
            yield self._document(row)

    def quotes(
        self,
        *,
        speaker: str | None = None,
        said_by: str | None = None,
        document: str | None = None,
        limit: int | None = None,
    ) -> Iterator[StoredQuote]:
        """Quotes in date order, then in their order in the document. ``speaker`` matches any
        part of the resolved name or of the words used, ignoring case; ``said_by`` is a
        resolved name exactly; ``document`` is an id or a prefix of one."""
        where = ["a.layer = 'quotes'"]
        params: list[Any] = []
        if said_by:
            where.append("json_extract(a.data, '$.speaker.name') = ?")
            params.append(said_by)
        if speaker:
            where.append(
                "(json_extract(a.data, '$.speaker.name') LIKE ?"
                " OR json_extract(a.data, '$.speaker.mention') LIKE ?)"
            )
            params += [f"%{speaker}%", f"%{speaker}%"]
        if document and len(document) == len(content_id("")):
            where.append("a.document_id = ?")  # a whole id: the primary key finds it at once
            params.append(document)
        elif document:
            where.append("a.document_id >= ? AND a.document_id < ?")
            params += [document, document + "g"]
        sql = (
            "SELECT a.document_id, d.date, d.outlet, a.data FROM annotations a"
            " JOIN documents d ON d.id = a.document_id WHERE "
            + " AND ".join(where)
            + " ORDER BY d.date IS NULL, d.date, a.document_id, a.position LIMIT ?"
        )
        params.append(-1 if limit is None else limit)
        for document_id, date, outlet, data in self._execute(sql, params):
            yield StoredQuote(document_id, date, outlet, Quote.from_dict(json.loads(data)))

    def quotes_naming(self, actor_id: str, limit: int = 200) -> tuple[int, list[StoredQuote]]:
        """Quotes that name the actor ``actor_id`` (a mention of it lies inside them), in date
        order, the first ``limit`` of them; and how many there are."""
        found = self._execute(
            "SELECT DISTINCT q.document_id, q.position FROM mentions m"
            " JOIN quote_spans q ON q.document_id = m.document_id"
            ' AND q.start <= m.start AND q."end" >= m."end" WHERE m.actor_id = ?',
            (actor_id,),
        ).fetchall()
        dates = dict(
            self._execute(
                "SELECT d.id, d.date FROM documents d WHERE d.id IN"
                " (SELECT DISTINCT document_id FROM mentions WHERE actor_id = ?)",
                (actor_id,),
            ).fetchall()
        )
        found.sort(key=lambda row: (dates.get(row[0]) is None, dates.get(row[0]) or "", *row))
        quotes = []
        for document_id, position in found[:limit]:
            date, outlet, data = self._execute(
                "SELECT d.date, d.outlet, a.data FROM annotations a JOIN documents d"
                " ON d.id = a.document_id WHERE a.document_id = ? AND a.layer = 'quotes'"
                " AND a.position = ?",
                (document_id, position),
            ).fetchone()
            quotes.append(StoredQuote(document_id, date, outlet, Quote.from_dict(json.loads(data))))
        return len(found), quotes

    def layer_counts(self, ids: Sequence[str]) -> dict[str, dict[str, int]]:
        """How many items each annotation layer holds, for each of the documents ``ids``."""
        return self._counts("annotations", "document_id", "layer", ids)

    def outlets(self) -> list[str]:
        """The outlets of the stored documents, by name."""
        rows = self._execute(
            "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY outlet"
        )
        return [outlet for (outlet,) in rows]

    def quantities(
        self,
        *,
        order: str = "document",
        descending: bool = False,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[int, list[StoredQuantity]]:
        """A page of the figures of all documents, sorted by ``order`` (document, value, unit,
        counted or source), and how many there are in all."""
        keys = {
            "document": "d.date",
            "value": "json_extract(a.data, '$.value')",
            "unit": "json_extract(a.data, '$.unit')",
            "counted": "json_extract(a.data, '$.counted')",
            "source": "json_extract(a.data, '$.source')",
        }
        if order not in keys:
            raise StoreError(f"cannot sort figures by {order!r}", code="bad-query")
        key = keys[order]
        sql = (
            "SELECT a.document_id, d.date, d.outlet, a.data FROM annotations a"
            " JOIN documents d ON d.id = a.document_id WHERE a.layer = 'quantities'"
            f" ORDER BY {key} IS NULL, {key}{' DESC' if descending else ''},"
            " a.document_id, a.position LIMIT ? OFFSET ?"
        )
        (total,) = self._execute(
            "SELECT count(*) FROM annotations WHERE layer = 'quantities'"
        ).fetchone()
        rows = self._execute(sql, (limit, offset))
        return total, [
            StoredQuantity(doc_id, date, outlet, Quantity.from_dict(json.loads(data)))
            for doc_id, date, outlet, data in rows
        ]

    def quotes_by_month(self) -> list[tuple[str, int]]:
        """How many quotes the documents of each month hold, in date order."""
        rows = self._execute(
            "SELECT substr(d.date, 1, 7) AS month, count(*) FROM annotations a"
            " JOIN documents d ON d.id = a.document_id"
            " WHERE a.layer = 'quotes' AND length(d.date) >= 7 GROUP BY month ORDER BY month"
        )
        return [(month, count) for month, count in rows]

    def mentions(
        self, *, actor: str | None = None, document: str | None = None
    ) -> Iterator[StoredMention]:
        """Every mention of an actor, in document order: of one actor (by id) or in one
        document (by id) if asked."""
        where, params = [], []
        if actor is not None:
            where.append("actor_id = ?")
            params.append(actor)
        if document is not None:
            where.append("document_id = ?")
            params.append(document)
        sql = 'SELECT document_id, actor_id, name, type, qid, text, start, "end" FROM mentions'
        if where:
            sql += " WHERE " + " AND ".join(where)
        for row in self._execute(sql + " ORDER BY document_id, start", params):
            yield StoredMention(*row)

    def actor_counts(self) -> list[tuple[str, str, str, str | None, int, int]]:
        """Every actor with the number of documents naming it and of its mentions:
        ``(id, name, type, qid, documents, mentions)``."""
        rows = self._execute(
            "SELECT actor_id, name, type, qid, count(DISTINCT document_id), count(*)"
            " FROM mentions GROUP BY actor_id"
        )
        return [tuple(row) for row in rows]

    def people_named(self, surname: str) -> list[tuple[str, str, str | None]]:
        """The people whose name is ``surname`` or ends with it: ``(id, name, qid)``."""
        rows = self._execute(
            "SELECT DISTINCT actor_id, name, qid FROM mentions WHERE type = 'person'"
            " AND (name = ? COLLATE NOCASE OR name LIKE ?)",
            (surname, f"% {surname}"),
        )
        return [tuple(row) for row in rows]

    def actors_matching(self, query: str) -> set[str]:
        """The ids of the actors whose id is ``query`` or whose name or a spelling holds it."""
        pattern = f"%{query}%"
        rows = self._execute(
            "SELECT DISTINCT actor_id FROM mentions WHERE actor_id = ? OR name LIKE ?"
            " OR text LIKE ?",
            (query, pattern, pattern),
        )
        return {actor_id for (actor_id,) in rows}

    def spellings(self, actor_ids: Sequence[str]) -> dict[str, dict[str, int]]:
        """How often each spelling of each actor is used."""
        return self._counts("mentions", "actor_id", "text", actor_ids)

    def _counts(
        self, table: str, key: str, value: str, keys: Sequence[str]
    ) -> dict[str, dict[str, int]]:
        """For each of ``keys``, how many rows of ``table`` hold each ``value``."""
        counts: dict[str, dict[str, int]] = {k: {} for k in keys}
        for chunk in _chunks(list(keys)):
            marks = ", ".join("?" for _ in chunk)
            rows = self._execute(
                f"SELECT {key}, {value}, count(*) FROM {table} WHERE {key} IN ({marks})"
                f" GROUP BY {key}, {value}",
                chunk,
            )
            for k, v, count in rows:
                counts[k][v] = count
        return counts

    def dated(
        self, actor_ids: Sequence[str] | None = None, limit: int | None = None, offset: int = 0
    ) -> tuple[int, list[tuple[str, int]]]:
        """The dates with a value, in date order, as ``(document id, position)`` in the dates
        layer; with ``actor_ids``, only those whose sentence names one of the actors. Also how
        many there are in all."""
        if actor_ids is None:
            rows = self._execute(
                "SELECT document_id, position, json_extract(data, '$.value') AS v"
                " FROM annotations WHERE layer = 'dates' AND v IS NOT NULL"
            ).fetchall()
        else:
            rows = []
            for chunk in _chunks(list(actor_ids)):
                marks = ", ".join("?" for _ in chunk)
                # from the actors' mentions to the dates of their documents, by primary key
                rows += self._execute(
                    "SELECT DISTINCT a.document_id, a.position, json_extract(a.data, '$.value')"
                    f" AS v FROM mentions m CROSS JOIN annotations a"
                    f" WHERE m.actor_id IN ({marks}) AND a.document_id = m.document_id"
                    " AND a.layer = 'dates' AND v IS NOT NULL"
                    " AND m.start >= json_extract(a.data, '$.sentence_start')"
                    " AND m.\"end\" <= json_extract(a.data, '$.sentence_end')",
                    chunk,
                ).fetchall()
            rows = list(dict.fromkeys(rows))
        rows.sort(key=lambda row: (row[2], row[0], row[1]))
        page = rows[offset:] if limit is None else rows[offset : offset + limit]
        return len(rows), [(document_id, position) for document_id, position, _ in page]

    def statements(self) -> Iterator[Statements]:
        """Each document's quotes and actors, without its text: what positions are read from."""
        rows = self._execute(
            "SELECT document_id, layer, data FROM annotations"
            " WHERE layer IN ('quotes', 'entities') ORDER BY document_id, layer, position"
        )
        current: Statements | None = None
        for document_id, layer, data in rows:
            if current is None or current.document_id != document_id:
                if current is not None:
                    yield current
                current = Statements(document_id, [], [])
            if layer == "quotes":
                current.quotes.append(Quote.from_dict(json.loads(data)))
            else:
                current.entities.append(Entity.from_dict(json.loads(data)))
        if current is not None:
            yield current

    def claims(self) -> list[StoredClaim]:
        """Every claim of every document, with the document's title, outlet and date."""
        rows = self._execute(
            "SELECT a.document_id, d.title, d.outlet, d.date, a.data FROM annotations a"
            " JOIN documents d ON d.id = a.document_id WHERE a.layer = 'claims'"
            " ORDER BY d.date, a.document_id, a.position"
        )
        return [
            StoredClaim(document_id, title, outlet, date, Claim.from_dict(json.loads(data)))
            for document_id, title, outlet, date, data in rows
        ]

    def lenient_search(self, query: str, limit: int = 20) -> tuple[list[Hit], str | None]:
        """``search``, or, when FTS5 cannot read ``query``, a search for its plain words; the
        words searched instead, if it came to that."""
        try:
            return self.search(query, limit), None
        except StoreError as error:
            if error.code != "bad-query":
                raise
        words = plain_words(query)
        return (self.search(words, limit) if words else []), words

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """Full-text search in FTS5 syntax ("peace talks", NEAR, OR, NOT, prefix*), best matches
        first. A query FTS5 cannot read raises StoreError with code ``bad-query``;
        ``plain_words`` turns any text into a query of its words."""
        try:
            rows = self.conn.execute(
                "SELECT rowid, snippet(documents_fts, 1, ?, ?, '…', 16), rank FROM documents_fts "
                "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
                (*MARK, query, limit),
            ).fetchall()
        except sqlite3.OperationalError as err:
            if "locked" in str(err) or "busy" in str(err):
                raise StoreError(f"{self.path}: {err}") from err
            # anything else FTS5 says of a MATCH is about the query: syntax, an unterminated
            # string, a column filter naming no column
            raise StoreError(f"not a valid search query: {err}", code="bad-query") from err
        hits = []
        for rowid, snippet, rank in rows:
            row = self._execute(_DOCUMENT_SELECT + " WHERE d.rowid = ?", (rowid,)).fetchone()
            hits.append(Hit(self._document(row), snippet, rank))
        return hits

    def _document(self, row: tuple[Any, ...]) -> Document:
        doc_id, title, authors, outlet, date, genre, text, meta, path, source_id, start, end = row
        doc = Document(
            text=text,
            source=path,
            start=start,
            end=end,
            source_id=source_id,
            title=title,
            authors=json.loads(authors),
            outlet=outlet,
            date=date,
            genre=genre,
            meta=json.loads(meta),
        )
        for layer, item_class in LAYERS.items():
            rows = self._execute(
                "SELECT data FROM annotations WHERE document_id = ? AND layer = ?"
                " ORDER BY position",
                (doc_id, layer),
            )
            setattr(doc, layer, [item_class.from_dict(json.loads(data)) for (data,) in rows])
        return doc


_MAX_VARIABLES = 900  # under SQLite's smallest limit on "?" in one statement (999)


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _MAX_VARIABLES):
        yield items[start : start + _MAX_VARIABLES]


def _filters(genre: str | None, outlet: str | None) -> tuple[list[str], list[Any]]:
    where, params = [], []
    if genre:
        where.append("d.genre = ?")
        params.append(genre)
    if outlet:
        where.append("d.outlet = ?")
        params.append(outlet)
    return where, params


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


def plain_words(query: str) -> str:
    """A search query for the words of ``query``, each quoted, none an operator."""
    return " ".join('"' + word.replace('"', "") + '"' for word in re.findall(r"\w[\w'’.-]*", query))


def _json(value: Any) -> str:
    """How values are stored as JSON: as written, anything not JSON as its string."""
    return json.dumps(value, ensure_ascii=False, default=str)
