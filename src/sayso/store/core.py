"""The store: documents and their annotations in SQLite or PostgreSQL, with full-text search.

Documents are keyed by a hash of their text, so storing the same text twice adds nothing but a
note of where it was seen again. Files are versioned by the hash of their bytes: an unchanged
file is skipped, a changed one becomes the next version of its path. A file's documents are
written in batches, each in one transaction, so an error or Ctrl-C never leaves half a batch
behind; a file counts as stored only once its last batch is in, and the next run goes on from
where the last one stopped.

Every query is written once, here, in SQL both databases read, with ``?`` for parameters. What
they spell differently (JSON, search, locks, the schema's version) is asked of the backend:
``sqlite.SQLite`` or ``postgres.Postgres``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from sayso.errors import InputError, StoreError
from sayso.model import (
    LAYERS,
    Claim,
    DateMention,
    Document,
    Quantity,
    Quote,
    Stance,
    content_id,
)
from sayso.store.records import (
    COUNT,
    Added,
    Citation,
    Condition,
    Event,
    EventFilter,
    FigureFilter,
    FileVersion,
    Hit,
    Kept,
    QuoteFilter,
    StoredClaim,
    StoredMention,
    StoredQuantity,
    StoredQuote,
    Written,
)
from sayso.store.sqlite import SQLite
from sayso.text.layout import title_or_opening

DEFAULT_DB = "sayso.db"
# The tables that hold a document's annotations, or index them: emptied of a document that is
# extracted again, before its new annotations are written.
_ANNOTATION_TABLES = (
    "annotations",
    "mentions",
    "quote_spans",
    "quotes",
    "quote_actors",
    "events",
    "event_actors",
)
POSTGRES_SCHEMES = ("postgresql://", "postgres://")

# The first place each document was seen: its first occurrence by file, then by record and
# offset.
_DOCUMENT_SELECT = """
    SELECT d.id, d.title, d.authors, d.outlet, d.date, d.genre, d.stages, d.text, d.meta,
           f.path, o.source_id, o.start, o."end"
    FROM documents d
    JOIN occurrences o ON o.document_id = d.id AND (o.file_id, o.record, o.start) = (
        SELECT file_id, record, start FROM occurrences WHERE document_id = d.id
        ORDER BY file_id, record, start LIMIT 1
    )
    JOIN files f ON f.id = o.file_id
"""


class Rows(Protocol):
    """A statement's result, as either driver's cursor gives it."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Backend(Protocol):
    """What differs between the databases: connecting, running statements and transactions,
    keeping the schema's version, and the few things the two spell differently."""

    name: str  # the database as messages name it (a URL without its password)
    migrations: Sequence[tuple[int, str]]  # (schema version, the script that brings it)
    no_limit: int | None  # the LIMIT that means every row
    # the condition that keeps the quotes ``q`` (the table) whose words match the one
    # parameter, a query of words and "phrases" (``search_terms``)
    quote_words: str

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Rows:
        """Run one statement with ``?`` parameters; errors come out as StoreError."""
        ...

    @property
    def in_transaction(self) -> bool: ...

    def transaction(self) -> AbstractContextManager[None]:
        """A write transaction, committed at the end, rolled back on any exception."""
        ...

    def time_limit(self, seconds: float) -> AbstractContextManager[None]:
        """Statements run inside stop with a StoreError of code "timeout" after ``seconds``."""
        ...

    @property
    def broken(self) -> bool:
        """The connection is lost and cannot be used again."""
        ...

    def lock(self, key: str) -> None:
        """Within a transaction, wait until no other transaction holds ``key``."""
        ...

    def migration_lock(self) -> AbstractContextManager[None]:
        """Held around the migration's transaction, so that one process migrates at a time
        and each sees what the one before it did."""
        ...

    def json(self, column: str, path: str, *, number: bool = False) -> str:
        """The SQL for the value at the dotted ``path`` in the JSON text of ``column``;
        compared and sorted as a number if ``number``, else as text."""
        ...

    def search(
        self, query: str, limit: int, offset: int = 0, within: Condition = ("1 = 1", ())
    ) -> list[tuple[int, str, float]]:
        """The best ``limit`` matches among the documents ``within`` keeps, after the first
        ``offset``, as (document rowid, snippet with ``MARK``s, rank)."""
        ...

    def count_matches(self, query: str, within: Condition = ("1 = 1", ())) -> int:
        """How many documents ``within`` keeps match ``query``."""
        ...

    def schema_version(self) -> int: ...

    def set_schema_version(self, version: int) -> None: ...

    def has_tables(self) -> bool:
        """Whether the database holds any tables (before its first migration: not ours)."""
        ...

    def run_script(self, script: str) -> None: ...

    def close(self) -> None: ...


class Store:
    """The sayso database ``db``: an SQLite file, or a ``postgresql://`` URL. Created and
    migrated on first use, unless ``create`` is False, when a missing database is an error
    (reading commands must not make one)."""

    def __init__(self, db: str | Path = DEFAULT_DB, *, create: bool = True) -> None:
        self.backend = _connect(db, create)
        try:
            self._migrate()
        except BaseException:
            self.backend.close()
            raise

    def close(self) -> None:
        self.backend.close()

    @property
    def name(self) -> str:
        """The database as messages name it: the file, or the URL without its password."""
        return self.backend.name

    def time_limit(self, seconds: float) -> AbstractContextManager[None]:
        """Queries made inside stop, raising StoreError with code "timeout", once they have
        run ``seconds`` (a server's answers must not wait on one costly query)."""
        return self.backend.time_limit(seconds)

    @property
    def is_file(self) -> bool:
        """Whether the database is a file (SQLite) rather than a server's."""
        return isinstance(self.backend, SQLite)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- schema -------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        return self.backend.schema_version()

    def _migrate(self) -> None:
        """Apply the migrations this database lacks, all in one transaction, under a lock
        taken before the version is read again, so that processes opening a new database at
        once do not collide. An up-to-date database is opened without taking any lock."""
        latest = self.backend.migrations[-1][0]
        if self.backend.schema_version() == latest:
            return
        name = self.backend.name
        with self.backend.migration_lock(), self._transaction():
            current = self.backend.schema_version()
            if current > latest:
                raise StoreError(
                    f"{name}: schema version {current} is newer than this sayso knows "
                    f"({latest}); upgrade sayso"
                )
            if current == 0 and self.backend.has_tables():
                raise StoreError(f"{name}: not a sayso database (it holds other tables)")
            for version, script in self.backend.migrations:
                if version > current:
                    self.backend.run_script(script)
                    self.backend.set_schema_version(version)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One write transaction; one opened inside another joins it."""
        if self.backend.in_transaction:
            yield
            return
        with self.backend.transaction():
            yield

    # --- writing ------------------------------------------------------------------------------

    def has_file(self, path: str, digest: str, stages: Collection[str] = ()) -> bool:
        """Whether this exact version of a file is stored already, all its documents with it,
        each made by the ``stages`` named (and maybe more)."""
        row = self.backend.execute(
            "SELECT id FROM files WHERE path = ? AND digest = ? AND failed = 0 AND complete = 1",
            (path, digest),
        ).fetchone()
        return row is not None and self._made_by(row[0], stages)

    def _made_by(self, file_id: int, stages: Collection[str]) -> bool:
        """Whether every document of the file version ``file_id`` was made by ``stages``."""
        if not stages:
            return True
        made = self.backend.execute(  # a few sets of stages among a file's many documents
            "SELECT DISTINCT d.stages FROM occurrences o JOIN documents d ON d.id = o.document_id"
            " WHERE o.file_id = ?",
            (file_id,),
        )
        return all(set(stages) <= set(json.loads(row[0])) for row in made)

    def stages_of(self, ids: Sequence[str]) -> dict[str, list[str]]:
        """Of these document ids, those stored already, each with the stages that made it."""
        found: dict[str, list[str]] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            rows = self.backend.execute(
                f"SELECT id, stages FROM documents WHERE id IN ({marks})", chunk
            )
            found.update((doc_id, json.loads(stages)) for doc_id, stages in rows)
        return found

    def add(self, path: str, digest: str, documents: list[Document], failed: int = 0) -> Added:
        """Store one file's documents as a new version of ``path``, all or nothing: ``open_file``,
        ``add_documents`` and ``close_file`` in one transaction."""
        with self._transaction():
            made_by = {stage for doc in documents for stage in doc.stages}
            version = self.open_file(path, digest, made_by)
            if version is None:
                return Added(self._file(path, digest)[1], 0, 0, unchanged=True)
            written = self.add_documents(version, documents)
            self.close_file(version, failed)
        return Added(version.version, written.new, written.known, replaced=written.replaced)

    def open_file(self, path: str, digest: str, stages: Collection[str] = ()) -> FileVersion | None:
        """The version of ``path`` that documents of the file with ``digest`` are written to:
        a new one, or the one an interrupted or partly failed run left unfinished, or whose
        documents lack some of ``stages``. None when this version is stored whole already,
        made by ``stages`` (by an earlier or a concurrent run)."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction():
            self.backend.lock(f"file {path}")  # two runs never give two versions one number
            row = self.backend.execute(
                "SELECT id, version, failed, complete FROM files WHERE path = ? AND digest = ?",
                (path, digest),
            ).fetchone()
            if row is not None and row[2] == 0 and row[3] == 1 and self._made_by(row[0], stages):
                return None
            if row is not None:
                self.backend.execute(
                    "UPDATE files SET complete = 0, ingested_at = ? WHERE id = ?", (now, row[0])
                )
                return FileVersion(row[0], path, row[1])
            (previous,) = self.backend.execute(
                "SELECT coalesce(max(version), 0) FROM files WHERE path = ?", (path,)
            ).fetchone()
            self.backend.execute(
                "INSERT INTO files (path, digest, version, ingested_at, failed, complete)"
                " VALUES (?, ?, ?, ?, 0, 0)",
                (path, digest, previous + 1, now),
            )
            return FileVersion(self._file(path, digest)[0], path, previous + 1)

    def add_documents(
        self,
        file: FileVersion,
        documents: Sequence[Document],
        records: Sequence[int] | None = None,
    ) -> Written:
        """Write a batch of a file's documents, all or nothing; a document stored already is
        only noted as seen in this file, unless it now comes made by more stages than it was
        (``Document.stages``): then it is replaced, where it was seen kept. ``records``: which
        record of the file each document was (its line in JSON Lines), so that a record given
        twice is seen twice; 0 for each unless given."""
        kept: Counter[Kept] = Counter()
        numbered = list(zip(documents, records or [0] * len(documents), strict=True))
        with self._transaction():
            # in id order, so that runs writing the same documents at once wait on each other
            # in one order and never deadlock
            for doc, record in sorted(
                numbered, key=lambda pair: (pair[0].id, pair[1], pair[0].start)
            ):
                kept[self._write_document(doc)] += 1
                self.backend.execute(
                    "INSERT INTO occurrences (document_id, file_id, record, source_id, start,"
                    ' "end") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
                    (doc.id, file.id, record, doc.source_id, doc.start, doc.end),
                )
            if kept["replaced"]:  # last: the one row every writer updates is held briefly
                self.backend.execute(
                    "UPDATE reextractions SET count = count + ?", (kept["replaced"],)
                )
        return Written(kept["new"], kept["known"], kept["replaced"])

    def record_failure(self, document_id: str, error: InputError) -> None:
        """Note that extracting the document ``document_id`` failed, and why: later runs skip
        it (see ``failures``) until it is stored."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction():
            self.backend.execute(
                "INSERT INTO failures (document_id, path, line, code, problem, failed_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (document_id) DO UPDATE SET"
                " path = excluded.path, line = excluded.line, code = excluded.code,"
                " problem = excluded.problem, failed_at = excluded.failed_at",
                (document_id, error.source, error.line, error.code, error.problem, now),
            )

    def failures(self, ids: Sequence[str]) -> dict[str, str]:
        """Of these document ids, those whose extraction failed before, with why and when."""
        found: dict[str, str] = {}
        for chunk in _chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            rows = self.backend.execute(
                f"SELECT document_id, problem, failed_at FROM failures"
                f" WHERE document_id IN ({marks})",
                chunk,
            )
            for document_id, problem, failed_at in rows:
                found[document_id] = f"{problem.split(': ', 1)[-1]}, on {failed_at[:10]}"
        return found

    def close_file(self, file: FileVersion, failed: int = 0) -> None:
        """Mark the version written whole. ``failed`` counts its documents that could not be
        extracted: the version is kept, but ``has_file`` will not call it stored, so the next
        run tries them again."""
        with self._transaction():
            self.backend.execute(
                "UPDATE files SET complete = 1, failed = ? WHERE id = ?", (failed, file.id)
            )

    def _file(self, path: str, digest: str) -> tuple[int, int]:
        """The id and version of a stored file version."""
        row = self.backend.execute(
            "SELECT id, version FROM files WHERE path = ? AND digest = ?", (path, digest)
        ).fetchone()
        return int(row[0]), int(row[1])

    def _write_document(self, doc: Document) -> Kept:
        """Store ``doc`` with its annotations: as a new document, or in place of the stored
        one when ``doc`` was made by more stages (keeping what the stored one's input said
        of it: its title, authors, outlet, date and meta, where it said anything, as a text
        seen in two inputs is described by the first); else leave the stored one."""
        cursor = self.backend.execute(
            "INSERT INTO documents (id, text, title, authors, outlet, date, genre, stages, meta)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (
                doc.id,
                doc.text,
                doc.title,
                _json(doc.authors),
                doc.outlet,
                doc.date,
                doc.genre,
                _json(doc.stages),
                _json(doc.meta),
            ),
        )
        if cursor.rowcount == 1:
            self.backend.execute("DELETE FROM failures WHERE document_id = ?", (doc.id,))
            self._insert_annotations(doc)
            return "new"
        title, authors, outlet, date, meta, stages = self.backend.execute(
            "SELECT title, authors, outlet, date, meta, stages FROM documents WHERE id = ?",
            (doc.id,),
        ).fetchone()
        if not set(doc.stages) > set(json.loads(stages)):
            return "known"
        updated = self.backend.execute(  # in place: where it was seen, and its rowid, stay
            "UPDATE documents SET title = ?, authors = ?, outlet = ?, date = ?, genre = ?,"
            " stages = ?, meta = ? WHERE id = ? AND stages = ?",
            (
                title or doc.title,
                authors if json.loads(authors) else _json(doc.authors),
                outlet or doc.outlet,
                date or doc.date,
                doc.genre,
                _json(doc.stages),
                _json({**doc.meta, **json.loads(meta)}),
                doc.id,
                stages,
            ),
        )
        if updated.rowcount == 0:  # another run replaced it meanwhile: its version stays
            return "known"
        self.backend.execute("DELETE FROM failures WHERE document_id = ?", (doc.id,))
        for table in _ANNOTATION_TABLES:
            self.backend.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc.id,))
        self._insert_annotations(doc)
        return "replaced"

    def _insert_annotations(self, doc: Document) -> None:
        """The rows of ``doc``'s annotations: its layers, and the tables that index them."""
        for entity in doc.entities:
            for mention in entity.mentions:
                self.backend.execute(
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
            self.backend.execute(
                'INSERT INTO quote_spans (document_id, position, start, "end") VALUES (?, ?, ?, ?)',
                (doc.id, position, quote.start, quote.end),
            )
            self.backend.execute(
                "INSERT INTO quotes (document_id, position, text, speaker_name,"
                " speaker_mention, speaker_type, kind) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    doc.id,
                    position,
                    quote.text,
                    quote.speaker.name,
                    quote.speaker.mention,
                    quote.speaker.type,
                    quote.kind,
                ),
            )
        for position, actor_id in _quote_actors(doc):
            self.backend.execute(
                "INSERT INTO quote_actors (document_id, position, actor_id) VALUES (?, ?, ?)",
                (doc.id, position, actor_id),
            )
        for position, date, source, named in _events(doc):
            self.backend.execute(
                "INSERT INTO events (document_id, position, value, sentence_start,"
                " sentence_end, source) VALUES (?, ?, ?, ?, ?, ?)",
                (doc.id, position, date.value, date.sentence_start, date.sentence_end, source),
            )
            for actor_id, (first, name) in named.items():
                self.backend.execute(
                    "INSERT INTO event_actors (actor_id, value, document_id, position, name,"
                    " first) VALUES (?, ?, ?, ?, ?, ?)",
                    (actor_id, date.value, doc.id, position, name, first),
                )
        for layer in LAYERS:
            for position, item in enumerate(getattr(doc, layer)):
                self.backend.execute(
                    "INSERT INTO annotations (document_id, layer, position, data)"
                    " VALUES (?, ?, ?, ?)",
                    (doc.id, layer, position, _json(asdict(item))),
                )

    # --- reading ------------------------------------------------------------------------------

    def generation(self) -> tuple[int, int, int]:
        """Changes whenever documents are added or extracted again: for caching what is
        computed from them."""
        (files, documents, reextracted) = self.backend.execute(
            "SELECT (SELECT coalesce(max(id), 0) FROM files), (SELECT count(*) FROM documents),"
            " (SELECT count FROM reextractions)"
        ).fetchone()
        return int(files), int(documents), int(reextracted)

    def count(self, *, genre: str | None = None, outlet: str | None = None) -> int:
        """How many documents are stored, of ``genre`` and ``outlet`` if given."""
        where, params = _filters(genre, outlet)
        sql = "SELECT count(*) FROM documents d" + (
            " WHERE " + " AND ".join(where) if where else ""
        )
        return int(self.backend.execute(sql, params).fetchone()[0])

    def get(self, id_prefix: str, *, layers: Collection[str] = LAYERS) -> Document:
        """The document whose id is or starts with ``id_prefix`` (at least 4 characters), with
        the annotation ``layers`` asked for (all of them unless told)."""
        id_prefix = id_prefix.strip().lower()
        if len(id_prefix) < 4 or not re.fullmatch(r"[0-9a-f]+", id_prefix):
            raise StoreError(f"{id_prefix!r} is not a document id (4 or more hex digits)")
        rows = self.backend.execute(
            _DOCUMENT_SELECT + " WHERE d.id >= ? AND d.id < ? ORDER BY d.id LIMIT 2",
            (id_prefix, id_prefix + "g"),
        ).fetchall()
        if not rows:
            raise StoreError(f"no document with id {id_prefix}")
        if len(rows) > 1:
            raise StoreError(f"id {id_prefix} is ambiguous; give more of it")
        return self._document(rows[0], layers)

    def documents(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        genre: str | None = None,
        outlet: str | None = None,
        layers: Collection[str] = LAYERS,
    ) -> Iterator[Document]:
        """Documents in date order (undated last), then by id; optionally filtered; with the
        annotation ``layers`` asked for (all unless told: a list of documents needs none)."""
        where, params = _filters(genre, outlet)
        order = " ORDER BY d.date IS NULL, d.date, d.id"
        # the page's ids first: sorting whole rows, texts and all, would cost far more
        page = "SELECT d.id FROM documents d" + (" WHERE " + " AND ".join(where) if where else "")
        sql = f"{_DOCUMENT_SELECT} WHERE d.id IN ({page}{order} LIMIT ? OFFSET ?){order}"
        params_all: list[Any] = [*params, self._limit(limit), offset]
        for row in self.backend.execute(sql, params_all):
            yield self._document(row, layers)

    def quotes(
        self, where: QuoteFilter | None = None, *, limit: int | None = None, offset: int = 0
    ) -> Iterator[StoredQuote]:
        """The quotes ``where`` keeps (all, unless given), in date order, then in their order
        in the document: a page of ``limit`` from ``offset``."""
        conditions, params = self._quote_conditions(where or QuoteFilter())
        order = "ORDER BY d.date IS NULL, d.date, q.document_id, q.position"
        # the page's quotes first, then their JSON: a database left to choose the order of the
        # joins may read every quote's JSON to find a few
        page = (
            f"SELECT q.document_id, q.position, d.date, d.outlet FROM {_QUOTES}"
            f" WHERE {conditions} {order} LIMIT ? OFFSET ?"
        )
        sql = (
            f"SELECT q.document_id, q.date, q.outlet, a.data FROM ({page}) q"
            " JOIN annotations a ON a.document_id = q.document_id AND a.layer = 'quotes'"
            " AND a.position = q.position"
            " ORDER BY q.date IS NULL, q.date, q.document_id, q.position"
        )
        rows = self.backend.execute(sql, [*params, self._limit(limit), offset])
        for document_id, date, outlet, data in rows:
            yield StoredQuote(document_id, date, outlet, Quote.from_dict(json.loads(data)))

    def count_quotes(self, where: QuoteFilter | None = None) -> int:
        """How many quotes ``where`` keeps."""
        conditions, params = self._quote_conditions(where or QuoteFilter())
        (total,) = self.backend.execute(
            f"SELECT count(*) FROM {_QUOTES} WHERE {conditions}", params
        ).fetchone()
        return int(total)

    def quote_facets(self, where: QuoteFilter | None = None) -> dict[str, list[tuple[str, int]]]:
        """Of the quotes ``where`` keeps (each facet's own filter aside), how many have each
        speaker type, outlet and kind, most first: what a list of quotes can be narrowed by."""
        facets: dict[str, list[tuple[str, int]]] = {}
        for facet, column in _QUOTE_FACETS.items():
            # each facet counted with the others' filters, not its own: its other values show
            others = replace(where or QuoteFilter(), **{facet: None})
            conditions, params = self._quote_conditions(others)
            rows = self.backend.execute(
                f"SELECT {column} AS value, count(*) AS n FROM {_QUOTES} WHERE {conditions}"
                f" AND {column} IS NOT NULL GROUP BY value ORDER BY n DESC, value",
                params,
            )
            facets[facet] = [(str(value), int(n)) for value, n in rows]
        return facets

    def _quote_conditions(self, where: QuoteFilter) -> tuple[str, list[Any]]:
        """The SQL condition over the quotes ``q`` joined with their documents ``d`` that
        keeps the quotes ``where`` keeps, and its parameters."""
        conditions = ["1 = 1"]
        params: list[Any] = []
        if where.text:
            terms = search_terms(where.text)
            conditions.append(self.backend.quote_words if terms else "1 = 0")  # no words
            params += [terms] if terms else []
        if where.said_by is not None:
            conditions.append(f"q.speaker_name IN ({_marks(where.said_by)})")
            params += where.said_by
        if where.not_said_by:
            conditions.append(
                f"(q.speaker_name IS NULL OR q.speaker_name NOT IN ({_marks(where.not_said_by)}))"
            )
            params += where.not_said_by
        if where.naming is not None:
            conditions.append(
                "(q.document_id, q.position) IN (SELECT document_id, position FROM quote_actors"
                f" WHERE actor_id IN ({_marks(where.naming)}))"
            )
            params += where.naming
        if where.speaker:
            conditions.append(f"({_like('q.speaker_name')} OR {_like('q.speaker_mention')})")
            params += [f"%{where.speaker}%", f"%{where.speaker}%"]
        for facet, column in _QUOTE_FACETS.items():
            if value := getattr(where, facet):
                conditions.append(f"{column} = ?")
                params.append(value)
        on_dates, date_params = _date_range("d.date", where.since, where.until)
        conditions += on_dates
        params += date_params
        document = where.document
        if document and len(document) == len(content_id("")):
            conditions.append("q.document_id = ?")  # a whole id: the key finds it at once
            params.append(document)
        elif document:
            conditions.append("q.document_id >= ? AND q.document_id < ?")
            params += [document, document + "g"]
        return " AND ".join(conditions), params

    def citations(self, ids: Collection[str]) -> dict[str, Citation]:
        """How each of the documents ``ids`` is cited: outlet, date, title or opening words."""
        found = {}
        for chunk in _chunks(sorted(set(ids))):
            marks = ", ".join("?" for _ in chunk)
            rows = self.backend.execute(
                f"SELECT id, outlet, date, title, substr(text, 1, {_OPENING_CHARS})"
                f" FROM documents WHERE id IN ({marks})",
                chunk,
            )
            for doc_id, outlet, date, title, opening in rows:
                found[doc_id] = Citation(doc_id, outlet, date, title_or_opening(title, opening))
        return found

    def layer_counts(self, ids: Sequence[str]) -> dict[str, dict[str, int]]:
        """How many items each annotation layer holds, for each of the documents ``ids``."""
        return self._counts("annotations", "document_id", "layer", ids)

    def outlets(self) -> list[str]:
        """The outlets of the stored documents, by name."""
        rows = self.backend.execute(
            "SELECT DISTINCT outlet FROM documents WHERE outlet IS NOT NULL ORDER BY outlet"
        )
        return [outlet for (outlet,) in rows]

    def document_facets(self) -> dict[str, list[tuple[str, int]]]:
        """How many documents each outlet and each genre has, most first."""
        facets = {}
        for column in ("outlet", "genre"):
            rows = self.backend.execute(
                f"SELECT {column}, count(*) AS n FROM documents WHERE {column} IS NOT NULL"
                f" GROUP BY {column} ORDER BY n DESC, {column}"
            )
            facets[column] = [(str(value), int(n)) for value, n in rows]
        return facets

    def quantities(
        self,
        where: FigureFilter | None = None,
        *,
        order: str = "document",
        descending: bool = False,
        limit: int = 100,
        offset: int = 0,
    ) -> tuple[int, list[StoredQuantity]]:
        """A page of the figures ``where`` keeps, sorted by ``order`` (document, value, unit,
        counted or source; values within their unit: a sum in dollars and a count of troops
        are not compared), and how many there are in all."""
        unit = self.backend.json("a.data", "unit")
        if order == "document":
            keys = ["d.date"]
        elif order == "value":
            keys = [unit, self.backend.json("a.data", "value", number=True)]
        elif order in ("unit", "counted", "source"):
            keys = [self.backend.json("a.data", order)]
        else:
            raise StoreError(f"cannot sort figures by {order!r}", code="bad-query")
        way = " DESC" if descending else ""
        ordering = ", ".join(f"{key} IS NULL, {key}{way}" for key in keys)
        conditions, params = self._figure_conditions(where or FigureFilter())
        sql = (
            "SELECT a.document_id, d.date, d.outlet, a.data FROM annotations a"
            f" JOIN documents d ON d.id = a.document_id WHERE {conditions}"
            f" ORDER BY {ordering}, a.document_id, a.position LIMIT ? OFFSET ?"
        )
        (total,) = self.backend.execute(
            "SELECT count(*) FROM annotations a JOIN documents d ON d.id = a.document_id"
            f" WHERE {conditions}",
            params,
        ).fetchone()
        rows = self.backend.execute(sql, (*params, limit, offset))
        return total, [
            StoredQuantity(doc_id, date, outlet, Quantity.from_dict(json.loads(data)))
            for doc_id, date, outlet, data in rows
        ]

    def figure_units(self, where: FigureFilter | None = None) -> list[tuple[str, int]]:
        """Of the figures ``where`` keeps (its unit aside), how many there are of each unit
        (``COUNT``: of none), most first."""
        conditions, params = self._figure_conditions(replace(where or FigureFilter(), unit=None))
        unit = f"coalesce({self.backend.json('a.data', 'unit')}, '{COUNT}')"
        rows = self.backend.execute(
            f"SELECT {unit} AS value, count(*) AS n FROM annotations a"
            f" JOIN documents d ON d.id = a.document_id WHERE {conditions}"
            " GROUP BY value ORDER BY n DESC, value",
            params,
        )
        return [(str(value), int(n)) for value, n in rows]

    def _figure_conditions(self, where: FigureFilter) -> tuple[str, list[Any]]:
        """The SQL condition over annotations ``a`` joined with documents ``d`` that keeps the
        figures ``where`` keeps, and its parameters."""
        conditions = ["a.layer = 'quantities'"]
        params: list[Any] = []
        for word in (where.about or "").split():
            conditions.append(_like(self.backend.json("a.data", "counted")))
            params.append(f"%{word}%")
        unit = self.backend.json("a.data", "unit")
        if where.unit == COUNT:
            conditions.append(f"{unit} IS NULL")
        elif where.unit:
            conditions.append(f"{unit} = ?")
            params.append(where.unit)
        if where.outlet:
            conditions.append("d.outlet = ?")
            params.append(where.outlet)
        on_dates, date_params = _date_range("d.date", where.since, where.until)
        return " AND ".join(conditions + on_dates), params + date_params

    def quotes_by_month(self) -> list[tuple[str, int]]:
        """How many quotes the documents of each month hold, in date order."""
        rows = self.backend.execute(
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
        for row in self.backend.execute(sql + " ORDER BY document_id, start", params):
            yield StoredMention(*row)

    def actor_counts(self) -> list[tuple[str, str, str, str | None, int, int]]:
        """Every actor with the number of documents naming it and of its mentions:
        ``(id, name, type, qid, documents, mentions)``."""
        rows = self.backend.execute(
            "SELECT actor_id, min(name), min(type), min(qid), count(DISTINCT document_id),"
            " count(*) FROM mentions GROUP BY actor_id"
        )
        return [tuple(row) for row in rows]

    def people_named(self, surname: str) -> list[tuple[str, str, str | None]]:
        """The people whose name is ``surname`` or ends with it: ``(id, name, qid)``."""
        rows = self.backend.execute(
            "SELECT DISTINCT actor_id, name, qid FROM mentions WHERE type = 'person'"
            f" AND (lower(name) = lower(?) OR {_like('name')})",
            (surname, f"% {surname}"),
        )
        return [tuple(row) for row in rows]

    def spellings(self, actor_ids: Sequence[str] | None = None) -> dict[str, dict[str, int]]:
        """How often each spelling of each actor is used (of every actor, unless told)."""
        if actor_ids is not None:
            return self._counts("mentions", "actor_id", "text", actor_ids)
        counts: dict[str, dict[str, int]] = {}
        rows = self.backend.execute(
            "SELECT actor_id, text, count(*) FROM mentions GROUP BY actor_id, text"
            " ORDER BY actor_id, text"
        )
        for actor_id, text, count in rows:
            counts.setdefault(actor_id, {})[text] = count
        return counts

    def _counts(
        self, table: str, key: str, value: str, keys: Sequence[str]
    ) -> dict[str, dict[str, int]]:
        """For each of ``keys``, how many rows of ``table`` hold each ``value``."""
        counts: dict[str, dict[str, int]] = {k: {} for k in keys}
        for chunk in _chunks(list(keys)):
            marks = ", ".join("?" for _ in chunk)
            rows = self.backend.execute(
                f"SELECT {key}, {value}, count(*) FROM {table} WHERE {key} IN ({marks})"
                f" GROUP BY {key}, {value} ORDER BY {key}, {value}",
                chunk,
            )
            for k, v, count in rows:
                counts[k][v] = count
        return counts

    def events(
        self,
        where: EventFilter | None = None,
        limit: int | None = None,
        offset: int = 0,
        *,
        newest_first: bool = False,
    ) -> tuple[int, list[Event]]:
        """A page of the events (the dated sentences) ``where`` keeps, in date order (a month
        before the days of that month), then by document and place, or the other way round
        with ``newest_first``; and how many there are in all."""
        conditions, params = self._event_conditions(where or EventFilter())
        (total,) = self.backend.execute(
            f"SELECT count(*) FROM events e WHERE {conditions}", params
        ).fetchone()
        way = " DESC" if newest_first else ""
        keys = self.backend.execute(
            f"SELECT e.document_id, e.position FROM events e WHERE {conditions}"
            f" ORDER BY e.value{way}, e.document_id{way}, e.position{way} LIMIT ? OFFSET ?",
            [*params, self._limit(limit), offset],
        ).fetchall()
        return int(total), [self._event(document_id, position) for document_id, position in keys]

    def events_by_month(self, where: EventFilter | None = None) -> list[tuple[str, int]]:
        """How many of the events ``where`` keeps fall in each month, in date order (events
        dated by the year alone are in none)."""
        conditions, params = self._event_conditions(where or EventFilter())
        rows = self.backend.execute(
            "SELECT substr(e.value, 1, 7) AS month, count(*) FROM events e"
            f" WHERE {conditions} AND length(e.value) >= 7 GROUP BY month ORDER BY month",
            params,
        )
        return [(month, int(count)) for month, count in rows]

    def _event_conditions(self, where: EventFilter) -> tuple[str, list[Any]]:
        """The SQL condition over events ``e`` that keeps the events ``where`` keeps, and its
        parameters."""
        conditions = [  # a sentence that gives one date twice is one event
            "NOT EXISTS (SELECT 1 FROM events o WHERE o.document_id = e.document_id"
            " AND o.sentence_start = e.sentence_start AND o.value = e.value"
            " AND o.position < e.position)"
        ]
        params: list[Any] = []
        if where.actor_ids is not None:
            ids = sorted(set(where.actor_ids))
            conditions.append(
                "(e.document_id, e.position) IN (SELECT document_id, position"
                f" FROM event_actors WHERE actor_id IN ({_marks(ids)}))"
            )
            params += ids
        if where.outlet:
            conditions.append("e.document_id IN (SELECT id FROM documents WHERE outlet = ?)")
            params.append(where.outlet)
        on_dates, date_params = _date_range("e.value", where.since, where.until)
        return " AND ".join(conditions + on_dates), params + date_params

    def _event(self, document_id: str, position: int) -> Event:
        """The event of the ``position``-th date of a document."""
        outlet, sentence, source, data = self.backend.execute(
            "SELECT d.outlet, substr(d.text, e.sentence_start + 1,"
            " e.sentence_end - e.sentence_start), e.source, a.data FROM events e"
            " JOIN documents d ON d.id = e.document_id"
            " JOIN annotations a ON a.document_id = e.document_id AND a.layer = 'dates'"
            " AND a.position = e.position WHERE e.document_id = ? AND e.position = ?",
            (document_id, position),
        ).fetchone()
        names = self.backend.execute(
            "SELECT name FROM event_actors WHERE document_id = ? AND position = ?"
            " ORDER BY first, name",
            (document_id, position),
        )
        mention = DateMention.from_dict(json.loads(data))
        return Event(
            date=str(mention.value),
            granularity=str(mention.granularity),
            document_id=document_id,
            outlet=outlet,
            sentence=" ".join(sentence.split()),
            start=mention.sentence_start,
            end=mention.sentence_end,
            date_text=mention.text,
            actors=tuple(dict.fromkeys(name for (name,) in names)),
            source=source,
        )

    def stances(self) -> Iterator[tuple[str, Stance]]:
        """Every stance of every document, with the document's id: what positions are added
        up from."""
        rows = self.backend.execute(
            "SELECT document_id, data FROM annotations WHERE layer = 'stances'"
            " ORDER BY document_id, position"
        )
        for document_id, data in rows:
            yield document_id, Stance.from_dict(json.loads(data))

    def claims(self) -> list[StoredClaim]:
        """Every claim of every document, with the document's title, outlet and date."""
        rows = self.backend.execute(
            "SELECT a.document_id, d.title, d.outlet, d.date, a.data FROM annotations a"
            " JOIN documents d ON d.id = a.document_id WHERE a.layer = 'claims'"
            " ORDER BY d.date IS NULL, d.date, a.document_id, a.position"
        )
        claims = []
        words: dict[str, str] = {}  # one copy of each word, name and title: a corpus holds

        # hundreds of thousands of claims, most of their words and all their sources shared
        def shared(value: str | None) -> str | None:
            return None if value is None else words.setdefault(value, value)

        for document_id, title, outlet, date, data in rows:
            claim = Claim.from_dict(json.loads(data))
            claim.terms = [words.setdefault(term, term) for term in claim.terms]
            claim.actors = [words.setdefault(actor, actor) for actor in claim.actors]
            stored = StoredClaim(
                words.setdefault(document_id, document_id),
                shared(title),
                shared(outlet),
                shared(date),
                claim,
            )
            claims.append(stored)
        return claims

    def lenient_search(
        self,
        query: str,
        limit: int = 20,
        offset: int = 0,
        *,
        genre: str | None = None,
        outlet: str | None = None,
    ) -> tuple[list[Hit], int, str | None]:
        """``search`` and ``count_matches``, or, when the database cannot read ``query`` (only
        SQLite refuses any), those of its plain words; and the words searched instead, if it
        came to that."""
        try:
            found = self.search(query, limit, offset, genre=genre, outlet=outlet)
            return found, self.count_matches(query, genre=genre, outlet=outlet), None
        except StoreError as error:
            if error.code != "bad-query":
                raise
        words = plain_words(query)
        if not words:
            return [], 0, words
        found = self.search(words, limit, offset, genre=genre, outlet=outlet)
        return found, self.count_matches(words, genre=genre, outlet=outlet), words

    def count_matches(
        self, query: str, *, genre: str | None = None, outlet: str | None = None
    ) -> int:
        """How many documents ``search`` finds for ``query`` (of ``genre`` and ``outlet``)."""
        return self.backend.count_matches(query, _within(genre, outlet))

    def search(
        self,
        query: str,
        limit: int = 20,
        offset: int = 0,
        *,
        genre: str | None = None,
        outlet: str | None = None,
    ) -> list[Hit]:
        """Full-text search, best matches first, each word matched whole and ignoring case,
        among the documents of ``genre`` and ``outlet`` if given; the documents found come
        without their annotations.

        SQLite reads FTS5 syntax ("peace talks", NEAR, OR, NOT, prefix*) and raises StoreError
        with code ``bad-query`` for a query it cannot read. PostgreSQL reads web-search syntax
        ("peace talks", or, -word), reads any text, and matches accents as written.
        ``plain_words`` turns any text into a query of its words that both read alike."""
        hits = []
        found = self.backend.search(query, limit, offset, _within(genre, outlet))
        for rowid, snippet, rank in found:
            row = self.backend.execute(_DOCUMENT_SELECT + " WHERE d.rowid = ?", (rowid,)).fetchone()
            hits.append(Hit(self._document(row, layers=()), snippet, rank))
        return hits

    def _limit(self, limit: int | None) -> int | None:
        return self.backend.no_limit if limit is None else limit

    def _document(self, row: tuple[Any, ...], layers: Collection[str] = LAYERS) -> Document:
        doc_id, title, authors, outlet, date, genre, stages, text, meta = row[:9]
        path, source_id, start, end = row[9:]
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
            stages=json.loads(stages),
            meta=json.loads(meta),
        )
        if not layers:
            return doc
        wanted = sorted(set(layers))
        marks = ", ".join("?" for _ in wanted)
        rows = self.backend.execute(  # the layers at once: one round trip to a server
            f"SELECT layer, data FROM annotations WHERE document_id = ? AND layer IN ({marks})"
            " ORDER BY layer, position",
            (doc_id, *wanted),
        )
        for layer, data in rows:
            getattr(doc, layer).append(LAYERS[layer].from_dict(json.loads(data)))
        return doc


def _quote_actors(doc: Document) -> Iterator[tuple[int, str]]:
    """Each quote of ``doc`` with each actor it names (a mention of which lies inside it)."""
    mentions = sorted((m.start, m.end, e.id) for e in doc.entities for m in e.mentions)
    starts = [start for start, _, _ in mentions]
    for position, quote in enumerate(doc.quotes):
        inside: set[str] = set()
        for index in range(bisect_left(starts, quote.start), len(mentions)):
            start, end, actor_id = mentions[index]
            if start >= quote.end:
                break
            if end <= quote.end:
                inside.add(actor_id)
        for actor_id in sorted(inside):
            yield position, actor_id


_Named = dict[str, tuple[int, str]]  # an actor's id: where it is first named, and its name


def _events(doc: Document) -> Iterator[tuple[int, DateMention, str | None, _Named]]:
    """Each date of ``doc`` with a value, as an event: the date, on whose say-so it is told
    (the speaker of the innermost quote it lies in), and the actors its sentence names."""
    mentions = sorted((m.start, m.end, e.id, e.name) for e in doc.entities for m in e.mentions)
    starts = [start for start, _, _, _ in mentions]
    quotes = sorted(enumerate(doc.quotes), key=lambda q: (q[1].start, q[0]))
    taken = 0  # the quotes that start before the date now looked at ...
    started: list[tuple[int, Quote]] = []  # ... and of those, the ones still open there
    for position, date in sorted(enumerate(doc.dates), key=lambda d: (d[1].start, d[0])):
        if date.value is None:
            continue
        while taken < len(quotes) and quotes[taken][1].start <= date.start:
            started.append(quotes[taken])
            taken += 1
        started = [(index, quote) for index, quote in started if quote.end > date.start]
        around = [
            (quote.end - quote.start, index, quote)
            for index, quote in started
            if date.end <= quote.end
        ]
        source = min(around, key=lambda q: q[:2])[2].speaker.label if around else None
        named: _Named = {}
        for index in range(bisect_left(starts, date.sentence_start), len(mentions)):
            start, end, actor_id, name = mentions[index]
            if start >= date.sentence_end:
                break
            if end <= date.sentence_end and actor_id not in named:
                named[actor_id] = (start, name)
        yield position, date, source, named


def _connect(db: str | Path, create: bool) -> Backend:
    """The backend for ``db``: PostgreSQL for a postgresql:// URL, else an SQLite file."""
    if not str(db).startswith(POSTGRES_SCHEMES):
        return SQLite(db, create=create)
    try:
        # imported only here: psycopg is an extra, and SQLite users need not install it
        from sayso.store.postgres import Postgres
    except ImportError as err:
        raise StoreError(
            f"a postgresql:// database needs psycopg ({err}): pip install 'sayso[postgres]'"
        ) from err
    return Postgres(str(db), create=create)


_QUOTES = "quotes q JOIN documents d ON d.id = q.document_id"  # what quotes are listed from
# what quotes are counted and filtered by, each with its column
_QUOTE_FACETS = {"speaker_type": "q.speaker_type", "outlet": "d.outlet", "kind": "q.kind"}
_OPENING_CHARS = 2000  # enough of a text to find its opening words after its head lines
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


def _marks(values: Sequence[str]) -> str:
    """The parameters of an IN list of ``values`` (one that matches nothing when empty)."""
    return ", ".join("?" for _ in values) if values else "NULL"


def _date_range(column: str, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    """The conditions that keep an ISO date of ``column`` between the ISO prefixes ``since``
    and ``until``, both kept: "2022-02-24" is in "2022-02"; "2022" is not (it may be any
    month)."""
    conditions: list[str] = []
    params: list[Any] = []
    if since:
        conditions.append(f"{column} >= ?")
        params.append(since)
    if until:
        conditions.append(f"{column} <= ?")
        params.append(until + "~")  # after every longer date that begins with it
        # but not a shorter one it begins with: "2022" may be any month of 2022
        conditions.append(
            f"NOT (length({column}) < ? AND substr(?, 1, length({column})) = {column})"
        )
        params += [len(until), until]
    return conditions, params


def _within(genre: str | None, outlet: str | None) -> Condition:
    """The documents ``d`` of ``genre`` and ``outlet`` (all, where neither is given)."""
    where, params = _filters(genre, outlet)
    return " AND ".join(where) or "1 = 1", params


def _like(expression: str) -> str:
    """``expression`` holds the pattern of the next parameter, ignoring case. Both sides are
    lowered: SQLite's LIKE ignores case (of ASCII, as its lower() does), PostgreSQL's heeds it."""
    return f"lower({expression}) LIKE lower(?)"


def plain_words(query: str) -> str:
    """A search query for the words of ``query``, each quoted, none an operator."""
    return " ".join('"' + word.replace('"', "") + '"' for word in re.findall(r"\w[\w'’.-]*", query))


def search_terms(query: str) -> str:
    """A query that both databases read alike, every one of its terms to be matched: the
    "phrases" of ``query`` kept whole, its other words each quoted, no operators."""
    terms = []
    for phrase, word in re.findall(r'"([^"]*)"|(\w[\w\'’.-]*)', query):
        words = plain_words(phrase) if phrase else plain_words(word)
        if words:
            terms.append('"' + words.replace('"', "") + '"' if phrase else words)
    return " ".join(terms)


def _json(value: Any) -> str:
    """How values are stored as JSON: as written, anything not JSON as its string."""
    return json.dumps(value, ensure_ascii=False, default=str)
