"""The SQLite store: versions, deduplication, transactions, search, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from sayso.errors import StoreError
from sayso.model import Document, Quote, Speaker
from sayso.store import MARK, Store, plain_words
from sayso.store.migrations import MIGRATIONS


def _doc(text: str, source: str = "a.txt", start: int = 0, **fields: object) -> Document:
    return Document(text=text, source=source, start=start, end=start + len(text), **fields)  # type: ignore[arg-type]


def test_schema_is_migrated_and_in_wal_mode(store: Store) -> None:
    assert store.schema_version == len(MIGRATIONS)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_same_text_is_stored_once_and_versions_count_per_path(store: Store) -> None:
    first = store.add("a.txt", "d1", [_doc("Kyiv said no."), _doc("Moscow said yes.", start=20)])
    assert (first.version, first.new, first.known) == (1, 2, 0)
    assert store.has_file("a.txt", "d1") and not store.has_file("a.txt", "d2")
    second = store.add("a.txt", "d2", [_doc("Kyiv said no."), _doc("Warsaw said maybe.", start=20)])
    assert (second.version, second.new, second.known) == (2, 1, 1)
    assert store.count() == 3
    assert store.known_ids([_doc("Kyiv said no.").id, "0" * 16]) == {_doc("Kyiv said no.").id}


def test_documents_come_back_whole(store: Store) -> None:
    speaker = Speaker("Adrienne Watson", "Adrienne Watson", 0, 15, None, "person")
    quote = Quote(
        "Any decisions are up to Ukraine", 17, 48, "direct", "said", 50, 54, speaker, 0.95
    )
    doc = _doc(
        "Adrienne Watson: “Any decisions are up to Ukraine,” she said.",
        source="x.jsonl",
        source_id="r1",
        title="Talks",
        authors=["Ann Lee"],
        outlet="Wire",
        date="2023-11-03",
        genre="report",
        meta={"url": "https://wire.example"},
        quotes=[quote],
    )
    store.add("x.jsonl", "d", [doc])
    assert store.get(doc.id[:6]) == doc
    assert list(store.documents(genre="report")) == [doc]
    assert list(store.documents(outlet="Other")) == []


def test_get_by_prefix_errors(store: Store) -> None:
    with pytest.raises(StoreError, match="no document with id abcd"):
        store.get("abcd")
    with pytest.raises(StoreError, match="not a document id"):
        store.get("xyz")


def test_a_failed_file_leaves_nothing_behind(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add("old.txt", "d0", [_doc("Already stored.")])
    calls = 0
    original = Store._insert_document

    def failing(self: Store, doc: Document) -> bool:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt
        return original(self, doc)

    monkeypatch.setattr(Store, "_insert_document", failing)
    with pytest.raises(KeyboardInterrupt):
        store.add("new.txt", "d1", [_doc("First new."), _doc("Second new.", start=20)])
    monkeypatch.undo()
    assert store.count() == 1
    assert not store.has_file("new.txt", "d1")
    assert [d.text for d in store.documents()] == ["Already stored."]


def test_search_ranks_and_marks_matches(store: Store) -> None:
    store.add(
        "a.txt",
        "d",
        [
            _doc("Peace talks in Istanbul were close to a deal.", title="Istanbul"),
            _doc("The army fired shells; no talks were planned.", start=100),
        ],
    )
    hits = store.search("Istanbul talks")
    assert [h.document.title for h in hits] == ["Istanbul"]
    assert f"{MARK[0]}Istanbul{MARK[1]}" in hits[0].snippet
    assert len(store.search("talks")) == 2
    with pytest.raises(StoreError, match="not a valid search query") as raised:
        store.search('"U.S." officials OR (')
    assert raised.value.code == "bad-query"
    assert plain_words('"U.S." officials OR (') == '"U.S." "officials" "OR"'
    assert [h.document.title for h in store.search(plain_words("Istanbul's talks OR ("))] == []
    assert [h.document.title for h in store.search(plain_words("Istanbul, talks!"))] == ["Istanbul"]
    hits, words = store.lenient_search("Istanbul OR (")
    assert words == '"Istanbul" "OR"' and hits == []
    hits, words = store.lenient_search("Istanbul talks")
    assert words is None and [h.document.title for h in hits] == ["Istanbul"]


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match="newer than this sayso knows"):
        Store(path)


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are notes, not a database " * 100)
    with pytest.raises(StoreError, match="cannot open as a sayso database"):
        Store(path)


def test_an_older_database_gets_its_mentions_from_its_entities(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        for script in MIGRATIONS[:2]:
            conn.executescript(script)
        conn.execute("PRAGMA user_version = 2")
        conn.execute(
            "INSERT INTO documents (id, authors, genre, text, meta)"
            " VALUES ('d1', '[]', 'report', 'Kiev said.', '{}')"
        )
        entity = (
            '{"id": "Q1899", "name": "Kyiv", "type": "place", "qid": "Q1899",'
            ' "mentions": [{"text": "Kiev", "start": 0, "end": 4}]}'
        )
        conn.execute(
            "INSERT INTO annotations (document_id, layer, position, data)"
            " VALUES ('d1', 'entities', 0, ?)",
            (entity,),
        )
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        assert [(m.actor_id, m.text, m.start) for m in store.mentions(actor="Q1899")] == [
            ("Q1899", "Kiev", 0)
        ]
