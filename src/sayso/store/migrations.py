"""Schema migrations, applied in order; ``PRAGMA user_version`` records the last one applied.

Never edit a migration that has shipped: add the next one. The migrations a database lacks run
together in one transaction.
"""

from __future__ import annotations

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
)
