"""Schema migrations, applied in order, the ones a database lacks together in one transaction.

Never edit a migration that has shipped: add the next one, for both databases under the same
version number, so that a version means the same schema in either. SQLite records the last one
applied in ``PRAGMA user_version``: migration n of ``MIGRATIONS`` brings version n.
PostgreSQL records it in the table ``sayso_schema``; ``POSTGRES_MIGRATIONS`` maps each version
to its script. PostgreSQL support came at version 4, so a new PostgreSQL database is made at
version 4 in one go, then brought up to date, and has no scripts for the versions before.
"""

from __future__ import annotations

# The stages every document stored before migration 7 was made by, as JSON.
_STAGES_BEFORE_7 = (
    '["metadata", "genre", "quotes", "entities", "quantities", "dates", "claims", "stances"]'
)

MIGRATIONS: tuple[str, ...] = (
    # 1: files and their versions, documents keyed by content hash, where each document was
    # seen, the annotation layers, and a full-text index over titles and texts.
    """
    CREATE TABLE files (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        digest TEXT NOT NULL,
        version INTEGER NOT NULL,
        ingested_at TEXT NOT NULL,
        UNIQUE (path, digest)
    );
    CREATE TABLE documents (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT,
        authors TEXT NOT NULL,
        outlet TEXT,
        date TEXT,
        genre TEXT NOT NULL,
        text TEXT NOT NULL,
        meta TEXT NOT NULL
    );
    CREATE INDEX documents_date ON documents (date);
    CREATE INDEX documents_outlet ON documents (outlet);
    CREATE INDEX documents_genre ON documents (genre);
    CREATE TABLE occurrences (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
        source_id TEXT,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (document_id, file_id, start)
    );
    CREATE INDEX occurrences_file ON occurrences (file_id);
    CREATE TABLE annotations (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        layer TEXT NOT NULL,
        position INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (document_id, layer, position)
    );
    CREATE VIRTUAL TABLE documents_fts USING fts5 (
        title, text, content = 'documents', content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
        INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    END;
    CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
        INSERT INTO documents_fts (documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
        INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
    END;
    """,
    # 2: a file version whose documents did not all make it through extraction is kept, with
    # the number that failed, and ingested again on the next run.
    """
    ALTER TABLE files ADD COLUMN failed INTEGER NOT NULL DEFAULT 0;
    """,
    # 3: every mention of every actor in its own table, and where each quote lies, so that an
    # actor's documents, spellings and the quotes naming it are found by index rather than by
    # reading every document; and indexes on who said each quote and on the value of each date.
    """
    CREATE TABLE mentions (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        qid TEXT,
        text TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    );
    CREATE INDEX mentions_actor ON mentions (actor_id, document_id, name, type, qid, text);
    CREATE INDEX mentions_document ON mentions (document_id);
    INSERT INTO mentions (document_id, actor_id, name, type, qid, text, start, "end")
    SELECT a.document_id, json_extract(a.data, '$.id'), json_extract(a.data, '$.name'),
           json_extract(a.data, '$.type'), json_extract(a.data, '$.qid'),
           json_extract(m.value, '$.text'), json_extract(m.value, '$.start'),
           json_extract(m.value, '$.end')
    FROM annotations a, json_each(a.data, '$.mentions') m
    WHERE a.layer = 'entities';
    CREATE TABLE quote_spans (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (document_id, position)
    );
    INSERT INTO quote_spans (document_id, position, start, "end")
    SELECT document_id, position, json_extract(data, '$.start'), json_extract(data, '$.end')
    FROM annotations WHERE layer = 'quotes';
    CREATE INDEX annotations_speaker ON annotations (layer, json_extract(data, '$.speaker.name'));
    CREATE INDEX annotations_date ON annotations (layer, json_extract(data, '$.value'));
    """,
    # 4: a file is written in batches of documents, so that an interrupted run keeps what it
    # wrote; the version counts as stored only once its last batch is in.
    """
    ALTER TABLE files ADD COLUMN complete INTEGER NOT NULL DEFAULT 1;
    """,
    # 5: the actors each quote names, found when the document is stored, so that the quotes
    # naming an actor are found by index (before, by comparing each mention with each quote
    # of its document: seconds for an actor named thousands of times); the documents whose
    # extraction failed, and why, so that later runs skip them; and which record of its file
    # each occurrence is, so that a record given twice in a file is seen twice; and the events
    # (dated sentences) with the actors each names, so that the timeline of an actor named in
    # thousands of documents is a look-up, not a search of each of them.
    """
    CREATE TABLE quote_actors (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        actor_id TEXT NOT NULL,
        PRIMARY KEY (actor_id, document_id, position)
    );
    CREATE INDEX quote_actors_document ON quote_actors (document_id);
    INSERT INTO quote_actors (document_id, position, actor_id)
    SELECT DISTINCT q.document_id, q.position, m.actor_id
    FROM mentions m JOIN quote_spans q ON q.document_id = m.document_id
        AND q.start <= m.start AND q."end" >= m."end";
    CREATE TABLE failures (
        document_id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        line INTEGER,
        code TEXT NOT NULL,
        problem TEXT NOT NULL,
        failed_at TEXT NOT NULL
    );
    CREATE TABLE occurrences_by_record (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        file_id INTEGER NOT NULL REFERENCES files (id) ON DELETE CASCADE,
        source_id TEXT,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        record INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (document_id, file_id, record, start)
    );
    INSERT INTO occurrences_by_record (document_id, file_id, source_id, start, "end", record)
    SELECT document_id, file_id, source_id, start, "end", 0 FROM occurrences;
    DROP TABLE occurrences;
    ALTER TABLE occurrences_by_record RENAME TO occurrences;
    CREATE INDEX occurrences_file ON occurrences (file_id);
    CREATE TABLE events (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        value TEXT NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        source TEXT,
        PRIMARY KEY (document_id, position)
    );
    CREATE INDEX events_value ON events (value, document_id, position);
    INSERT INTO events (document_id, position, value, sentence_start, sentence_end, source)
    SELECT a.document_id, a.position, json_extract(a.data, '$.value'),
        json_extract(a.data, '$.sentence_start'), json_extract(a.data, '$.sentence_end'),
        (SELECT coalesce(json_extract(q.data, '$.speaker.name'),
                json_extract(q.data, '$.speaker.descriptor'),
                json_extract(q.data, '$.speaker.mention'))
            FROM quote_spans s JOIN annotations q ON q.document_id = s.document_id
                AND q.layer = 'quotes' AND q.position = s.position
            WHERE s.document_id = a.document_id AND s.start <= json_extract(a.data, '$.start')
                AND s."end" >= json_extract(a.data, '$.end')
            ORDER BY s."end" - s.start, s.position LIMIT 1)
    FROM annotations a WHERE a.layer = 'dates' AND json_extract(a.data, '$.value') IS NOT NULL;
    CREATE TABLE event_actors (
        actor_id TEXT NOT NULL,
        value TEXT NOT NULL,
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        first INTEGER NOT NULL,
        PRIMARY KEY (actor_id, value, document_id, position)
    );
    CREATE INDEX event_actors_event ON event_actors (document_id, position);
    INSERT INTO event_actors (actor_id, value, document_id, position, name, first)
    SELECT m.actor_id, e.value, e.document_id, e.position, min(m.name), min(m.start)
    FROM events e JOIN mentions m ON m.document_id = e.document_id
        AND m.start >= e.sentence_start AND m."end" <= e.sentence_end
    GROUP BY m.actor_id, e.value, e.document_id, e.position;
    """,
    # 6: every quote's words, speaker and kind in a table of their own, with a full-text index
    # over the words, so that quotes are found, counted and faceted without reading the JSON
    # of each one.
    """
    CREATE TABLE quotes (
        rowid INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        speaker_name TEXT,
        speaker_mention TEXT,
        speaker_type TEXT NOT NULL,
        kind TEXT NOT NULL,
        UNIQUE (document_id, position)
    );
    CREATE INDEX quotes_speaker_name ON quotes (speaker_name);
    CREATE VIRTUAL TABLE quotes_fts USING fts5 (
        text, content = 'quotes', content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts (rowid, text) VALUES (new.rowid, new.text);
    END;
    CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END;
    INSERT INTO quotes (document_id, position, text, speaker_name, speaker_mention,
        speaker_type, kind)
    SELECT document_id, position, json_extract(data, '$.text'),
        json_extract(data, '$.speaker.name'), json_extract(data, '$.speaker.mention'),
        json_extract(data, '$.speaker.type'), json_extract(data, '$.kind')
    FROM annotations WHERE layer = 'quotes' ORDER BY document_id, position;
    """,
    # 7: the stages that made each document (those before were made by every stage of sayso's
    # own at the time, ``ingest`` having no choice of them), and a count of documents
    # extracted again in place, for more stages: it tells a cache that they changed.
    f"""
    ALTER TABLE documents ADD COLUMN stages TEXT NOT NULL DEFAULT '{_STAGES_BEFORE_7}';
    CREATE TABLE reextractions (count INTEGER NOT NULL);
    INSERT INTO reextractions (count) VALUES (0);
    """,
)

POSTGRES_MIGRATIONS: dict[int, str] = {
    # 4: the schema SQLite has after its migrations 1 to 4. Text sorts by code point
    # (COLLATE "C") as in SQLite; annotations hold their JSON as text, read back exactly as
    # written; the full-text index is a tsvector of title and text in the "simple"
    # configuration: words lowered, neither stemmed nor dropped, as FTS5 does.
    4: """
    CREATE TABLE sayso_schema (version INTEGER NOT NULL);
    INSERT INTO sayso_schema (version) VALUES (0);
    CREATE TABLE files (
        id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        path TEXT COLLATE "C" NOT NULL,
        digest TEXT COLLATE "C" NOT NULL,
        version INTEGER NOT NULL,
        ingested_at TEXT COLLATE "C" NOT NULL,
        failed INTEGER NOT NULL DEFAULT 0,
        complete INTEGER NOT NULL DEFAULT 1,
        UNIQUE (path, digest)
    );
    CREATE TABLE documents (
        rowid BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        id TEXT COLLATE "C" NOT NULL UNIQUE,
        title TEXT COLLATE "C",
        authors TEXT COLLATE "C" NOT NULL,
        outlet TEXT COLLATE "C",
        date TEXT COLLATE "C",
        genre TEXT COLLATE "C" NOT NULL,
        text TEXT COLLATE "C" NOT NULL,
        meta TEXT COLLATE "C" NOT NULL,
        fts TSVECTOR GENERATED ALWAYS AS (
            to_tsvector('simple', coalesce(title, '') || ' ' || text)
        ) STORED
    );
    CREATE INDEX documents_date ON documents (date);
    CREATE INDEX documents_outlet ON documents (outlet);
    CREATE INDEX documents_genre ON documents (genre);
    CREATE INDEX documents_fts ON documents USING gin (fts);
    CREATE TABLE occurrences (
        document_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        file_id BIGINT NOT NULL REFERENCES files (id) ON DELETE CASCADE,
        source_id TEXT COLLATE "C",
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (document_id, file_id, start)
    );
    CREATE INDEX occurrences_file ON occurrences (file_id);
    CREATE TABLE annotations (
        document_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        layer TEXT COLLATE "C" NOT NULL,
        position INTEGER NOT NULL,
        data TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (document_id, layer, position)
    );
    CREATE INDEX annotations_speaker
        ON annotations (layer, ((data::jsonb #>> '{speaker,name}') COLLATE "C"));
    CREATE INDEX annotations_date ON annotations (layer, ((data::jsonb #>> '{value}') COLLATE "C"));
    CREATE TABLE mentions (
        document_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        actor_id TEXT COLLATE "C" NOT NULL,
        name TEXT COLLATE "C" NOT NULL,
        type TEXT COLLATE "C" NOT NULL,
        qid TEXT COLLATE "C",
        text TEXT COLLATE "C" NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL
    );
    CREATE INDEX mentions_actor ON mentions (actor_id, document_id, name, type, qid, text);
    CREATE INDEX mentions_document ON mentions (document_id);
    CREATE TABLE quote_spans (
        document_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        PRIMARY KEY (document_id, position)
    );
    """,
    5: """
    CREATE TABLE quote_actors (
        document_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        actor_id TEXT COLLATE "C" NOT NULL,
        PRIMARY KEY (actor_id, document_id, position)
    );
    CREATE INDEX quote_actors_document ON quote_actors (document_id);
    INSERT INTO quote_actors (document_id, position, actor_id)
    SELECT DISTINCT q.document_id, q.position, m.actor_id
    FROM mentions m JOIN quote_spans q ON q.document_id = m.document_id
        AND q.start <= m.start AND q."end" >= m."end";
    CREATE TABLE failures (
        document_id TEXT COLLATE "C" PRIMARY KEY,
        path TEXT COLLATE "C" NOT NULL,
        line INTEGER,
        code TEXT COLLATE "C" NOT NULL,
        problem TEXT COLLATE "C" NOT NULL,
        failed_at TEXT COLLATE "C" NOT NULL
    );
    ALTER TABLE occurrences ADD COLUMN record INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE occurrences DROP CONSTRAINT occurrences_pkey;
    ALTER TABLE occurrences ADD PRIMARY KEY (document_id, file_id, record, start);
    CREATE TABLE events (
        document_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        value TEXT COLLATE "C" NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        source TEXT COLLATE "C",
        PRIMARY KEY (document_id, position)
    );
    CREATE INDEX events_value ON events (value, document_id, position);
    INSERT INTO events (document_id, position, value, sentence_start, sentence_end, source)
    SELECT a.document_id, a.position, a.data::jsonb #>> '{value}',
        (a.data::jsonb #>> '{sentence_start}')::integer,
        (a.data::jsonb #>> '{sentence_end}')::integer,
        (SELECT coalesce(q.data::jsonb #>> '{speaker,name}',
                q.data::jsonb #>> '{speaker,descriptor}', q.data::jsonb #>> '{speaker,mention}')
            FROM quote_spans s JOIN annotations q ON q.document_id = s.document_id
                AND q.layer = 'quotes' AND q.position = s.position
            WHERE s.document_id = a.document_id
                AND s.start <= (a.data::jsonb #>> '{start}')::integer
                AND s."end" >= (a.data::jsonb #>> '{end}')::integer
            ORDER BY s."end" - s.start, s.position LIMIT 1)
    FROM annotations a WHERE a.layer = 'dates' AND a.data::jsonb #>> '{value}' IS NOT NULL;
    CREATE TABLE event_actors (
        actor_id TEXT COLLATE "C" NOT NULL,
        value TEXT COLLATE "C" NOT NULL,
        document_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT COLLATE "C" NOT NULL,
        first INTEGER NOT NULL,
        PRIMARY KEY (actor_id, value, document_id, position)
    );
    CREATE INDEX event_actors_event ON event_actors (document_id, position);
    INSERT INTO event_actors (actor_id, value, document_id, position, name, first)
    SELECT m.actor_id, e.value, e.document_id, e.position, min(m.name), min(m.start)
    FROM events e JOIN mentions m ON m.document_id = e.document_id
        AND m.start >= e.sentence_start AND m."end" <= e.sentence_end
    GROUP BY m.actor_id, e.value, e.document_id, e.position;
    """,
    6: """
    CREATE TABLE quotes (
        rowid BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        document_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT COLLATE "C" NOT NULL,
        speaker_name TEXT COLLATE "C",
        speaker_mention TEXT COLLATE "C",
        speaker_type TEXT COLLATE "C" NOT NULL,
        kind TEXT COLLATE "C" NOT NULL,
        fts TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED,
        UNIQUE (document_id, position)
    );
    CREATE INDEX quotes_speaker_name ON quotes (speaker_name);
    CREATE INDEX quotes_fts ON quotes USING gin (fts);
    INSERT INTO quotes (document_id, position, text, speaker_name, speaker_mention,
        speaker_type, kind)
    SELECT document_id, position, data::jsonb #>> '{text}', data::jsonb #>> '{speaker,name}',
        data::jsonb #>> '{speaker,mention}', data::jsonb #>> '{speaker,type}',
        data::jsonb #>> '{kind}'
    FROM annotations WHERE layer = 'quotes' ORDER BY document_id, position;
    """,
    7: f"""
    ALTER TABLE documents ADD COLUMN stages TEXT COLLATE "C" NOT NULL
        DEFAULT '{_STAGES_BEFORE_7}';
    CREATE TABLE reextractions (count BIGINT NOT NULL);
    INSERT INTO reextractions (count) VALUES (0);
    """,
}
