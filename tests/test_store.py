"""The store on both databases: versions, deduplication, transactions, batched writes, search,
the queries behind the analyses, and migrations. Tests that use the ``store`` or ``database``
fixture run on SQLite and on PostgreSQL; those about SQLite's own file run on SQLite only."""

from __future__ import annotations

import sqlite3
from itertools import count
from pathlib import Path

import pytest

from sayso.errors import StoreError
from sayso.model import (
    Claim,
    DateMention,
    Document,
    Entity,
    Mention,
    Quantity,
    Quote,
    Speaker,
)
from sayso.store import (
    COUNT,
    MARK,
    EventFilter,
    FigureFilter,
    QuoteFilter,
    Store,
    Written,
    plain_words,
)
from sayso.store.migrations import MIGRATIONS, POSTGRES_MIGRATIONS
from sayso.store.records import Kept


def _doc(text: str, source: str = "a.txt", start: int = 0, **fields: object) -> Document:
    return Document(text=text, source=source, start=start, end=start + len(text), **fields)  # type: ignore[arg-type]


def _entity(id_: str, name: str, type_: str, text: str, *spellings: str) -> Entity:
    mentions = [Mention(s, text.index(s), text.index(s) + len(s)) for s in spellings]
    return Entity(id_, name, type_, id_ if id_.startswith("Q") else None, mentions)


def _quote(text: str, said: str, name: str | None, mention: str) -> Quote:
    start, at = text.index(said), text.index(mention)
    speaker = Speaker(name, mention, at, at + len(mention), None, "person")
    return Quote(said, start, start + len(said), "direct", "said", None, None, speaker, 0.9)


def _quantity(text: str, figure: str, value: float, unit: str | None) -> Quantity:
    start = text.index(figure)
    return Quantity(figure, start, start + len(figure), value, unit, "troops", None, 0, len(text))


def _date(text: str, written: str, value: str) -> DateMention:
    start = text.index(written)
    return DateMention(written, start, start + len(written), value, "day", 0, len(text))


def test_schema_is_migrated_to_the_same_version_on_both(store: Store) -> None:
    assert store.schema_version == len(MIGRATIONS) == max(POSTGRES_MIGRATIONS)


def test_sqlite_is_in_wal_mode(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        assert store.backend.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_same_text_is_stored_once_and_versions_count_per_path(store: Store) -> None:
    first = store.add("a.txt", "d1", [_doc("Kyiv said no."), _doc("Moscow said yes.", start=20)])
    assert (first.version, first.new, first.known) == (1, 2, 0)
    assert store.has_file("a.txt", "d1") and not store.has_file("a.txt", "d2")
    second = store.add("a.txt", "d2", [_doc("Kyiv said no."), _doc("Warsaw said maybe.", start=20)])
    assert (second.version, second.new, second.known) == (2, 1, 1)
    assert store.add("a.txt", "d1", [_doc("Kyiv said no.")]).unchanged
    assert store.count() == 3
    assert store.stages_of([_doc("Kyiv said no.").id, "0" * 16]) == {_doc("Kyiv said no.").id: []}
    assert store.get(_doc("Kyiv said no.").id).source == "a.txt"


def test_documents_come_back_whole(store: Store) -> None:
    text = "Adrienne Watson: “Any decisions are up to Ukraine,” she said of 1,500 troops on Nov. 3."
    quote = _quote(text, "Any decisions are up to Ukraine", "Adrienne Watson", "Adrienne Watson")
    figure = _quantity(text, "1,500", 1500.0, None)
    date = _date(text, "Nov. 3", "2023-11-03")
    doc = _doc(
        text,
        source="x.jsonl",
        source_id="r1",
        title="Talks — Київ",
        authors=["Ann Lee"],
        outlet="Wire",
        date="2023-11-03",
        genre="report",
        meta={"url": "https://wire.example", "nested": {"score": 0.1 + 0.2, "tags": ["a"]}},
        quotes=[quote],
        entities=[_entity("name:adrienne-watson", "Adrienne Watson", "person", text, "Watson")],
        quantities=[figure],
        dates=[date],
        claims=[
            Claim(
                "Any decisions are up to Ukraine",
                quote.start,
                quote.end,
                "assertion",
                "Adrienne Watson",
                "person",
                [],
                [Mention("Any", quote.start, quote.start + 3)],
                [figure],
                [date],
                ["Q212"],
                ["decision", "ukraine"],
            )
        ],
    )
    store.add("x.jsonl", "d", [doc])
    assert store.get(doc.id[:6]) == doc
    assert store.get(doc.id.upper()) == doc
    assert list(store.documents(genre="report")) == [doc]
    assert list(store.documents(outlet="Other")) == []


def test_get_by_prefix_errors(store: Store) -> None:
    with pytest.raises(StoreError, match="no document with id abcd"):
        store.get("abcd")
    with pytest.raises(StoreError, match="not a document id"):
        store.get("xyz")
    seen: dict[str, str] = {}
    for n in count():  # two texts whose ids begin alike, found in a few hundred tries
        text = f"Statement number {n}."
        prefix = _doc(text).id[:4]
        if prefix in seen:
            break
        seen[prefix] = text
    store.add("two.txt", "d", [_doc(seen[prefix]), _doc(text, start=100)])
    with pytest.raises(StoreError, match="ambiguous; give more of it"):
        store.get(prefix)
    assert store.get(_doc(text).id[:10]).text == text


def test_a_failed_file_leaves_nothing_behind(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.add("old.txt", "d0", [_doc("Already stored.")])
    calls = 0
    original = Store._write_document

    def failing(self: Store, doc: Document) -> Kept:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt
        return original(self, doc)

    monkeypatch.setattr(Store, "_write_document", failing)
    with pytest.raises(KeyboardInterrupt):
        store.add("new.txt", "d1", [_doc("First new."), _doc("Second new.", start=20)])
    monkeypatch.undo()
    assert store.count() == 1
    assert not store.has_file("new.txt", "d1")
    assert [d.text for d in store.documents()] == ["Already stored."]
    assert store.add("new.txt", "d1", [_doc("First new.")]).version == 1


def test_a_file_is_written_in_batches_and_an_unfinished_one_goes_on(store: Store) -> None:
    file = store.open_file("big.txt", "d1")
    assert file is not None and file.version == 1
    assert store.add_documents(file, [_doc("One."), _doc("Two.", start=10)]) == Written(2, 0)
    assert not store.has_file("big.txt", "d1")  # not closed: a run stopped here
    again = store.open_file("big.txt", "d1")
    assert again == file
    written = store.add_documents(again, [_doc("Two.", start=10), _doc("Three.", start=20)])
    assert written == Written(1, 1)
    store.close_file(again, failed=1)
    assert not store.has_file("big.txt", "d1")  # one document failed: tried again next time
    retried = store.open_file("big.txt", "d1")
    assert retried == file
    store.close_file(retried)
    assert store.has_file("big.txt", "d1") and store.open_file("big.txt", "d1") is None
    changed = store.open_file("big.txt", "d2")
    assert changed is not None and changed.version == 2
    assert store.count() == 3 and store.generation() == (changed.id, 3, 0)


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
    assert len(store.search("TALKS")) == 2
    assert [h.document.title for h in store.search('"peace talks"')] == ["Istanbul"]
    assert plain_words('"U.S." officials OR (') == '"U.S." "officials" "OR"'
    assert [h.document.title for h in store.search(plain_words("Istanbul's talks OR ("))] == []
    assert [h.document.title for h in store.search(plain_words("Istanbul, talks!"))] == ["Istanbul"]
    hits, matches, words = store.lenient_search("Istanbul talks")
    assert words is None and [h.document.title for h in hits] == ["Istanbul"] and matches == 1
    store.add("b.txt", "d", [_doc("Istanbul talks, and Istanbul again: talks on talks.")])
    ranks = [hit.rank for hit in store.search("Istanbul talks")]
    assert len(ranks) == 2 and ranks == sorted(ranks)
    assert store.count_matches("Istanbul talks") == 2
    assert store.count_matches("Istanbul talks", genre="opinion") == 0
    assert store.search("Istanbul talks", genre="other")[0].document.genre == "other"
    assert store.search("Istanbul talks", limit=1, offset=1)[0].rank == ranks[1]


def test_sqlite_refuses_a_query_fts5_cannot_read(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        store.add("a.txt", "d", [_doc("Peace talks in Istanbul.", title="Istanbul")])
        with pytest.raises(StoreError, match="not a valid search query") as raised:
            store.search('"U.S." officials OR (')
        assert raised.value.code == "bad-query"
        hits, matches, words = store.lenient_search("Istanbul OR (")
        assert words == '"Istanbul" "OR"' and hits == [] and matches == 0
        with pytest.raises(StoreError, match="not a valid search query"):
            store.count_matches("Istanbul OR (")


def test_queries_behind_the_analyses(store: Store) -> None:
    one = "Kiev and Kiev again, Peskov said on March 16 of 10 tanks."
    two = "Kyiv, said Adrienne Watson of 9 tanks on Feb. 24."
    three = "Watson met smith."
    peskov = _quote(one, "Kiev and Kiev again", "Dmitry Peskov", "Peskov")
    watson = _quote(two, "Kyiv", "Adrienne Watson", "Adrienne Watson")
    first = _doc(
        one,
        outlet="Wire",
        date="2022-03-16",
        entities=[
            _entity("Q1899", "Kyiv", "place", one, "Kiev"),
            _entity("name:dmitry-peskov", "Dmitry Peskov", "person", one, "Peskov"),
        ],
        quotes=[peskov],
        quantities=[_quantity(one, "10", 10, "tanks")],
        dates=[_date(one, "March 16", "2022-03-16")],
    )
    first.entities[0].mentions.append(Mention("Kiev", 9, 13))
    second = _doc(
        two,
        start=100,
        outlet="Agency",
        date="2022-02-24",
        entities=[
            _entity("Q1899", "Kyiv", "place", two, "Kyiv"),
            _entity("name:adrienne-watson", "Adrienne Watson", "person", two, "Adrienne Watson"),
        ],
        quotes=[watson],
        quantities=[_quantity(two, "9", 9, None)],
        dates=[_date(two, "Feb. 24", "2022-02-24")],
    )
    third = _doc(
        three,
        start=200,
        entities=[
            _entity("name:watson", "Watson", "person", three, "Watson"),
            _entity("name:smith", "smith", "person", three, "smith"),
        ],
    )
    store.add("a", "1", [first, second, third])

    assert [q.quote.text for q in store.quotes()] == ["Kyiv", "Kiev and Kiev again"]
    assert [q.document_id for q in store.quotes(QuoteFilter(speaker="PESKOV"))] == [first.id]
    assert [q.quote.text for q in store.quotes(QuoteFilter(said_by=("Adrienne Watson",)))] == [
        "Kyiv"
    ]
    assert [q.quote.text for q in store.quotes(QuoteFilter(document=first.id[:5]))] == [
        "Kiev and Kiev again"
    ]
    assert [q.quote.text for q in store.quotes(QuoteFilter(document=first.id))] == [
        "Kiev and Kiev again"
    ]
    assert len(list(store.quotes(limit=1))) == 1
    assert [q.quote.text for q in store.quotes(limit=1, offset=1)] == ["Kiev and Kiev again"]

    naming_kyiv = QuoteFilter(naming=("Q1899",))
    assert list(store.quotes(naming_kyiv)) == list(store.quotes())
    assert store.count_quotes(naming_kyiv) == 2
    assert _texts(store, QuoteFilter(naming=("Q1899",), not_said_by=("Dmitry Peskov",))) == ["Kyiv"]
    assert _texts(store, QuoteFilter(said_by=("Dmitry Peskov", "Adrienne Watson"))) == [
        "Kyiv",
        "Kiev and Kiev again",
    ]
    assert _texts(store, QuoteFilter(said_by=())) == []
    assert [(m.actor_id, m.text) for m in store.mentions(document=third.id)] == [
        ("name:watson", "Watson"),
        ("name:smith", "smith"),
    ]
    assert sorted(store.actor_counts()) == [
        ("Q1899", "Kyiv", "place", "Q1899", 2, 3),
        ("name:adrienne-watson", "Adrienne Watson", "person", None, 1, 1),
        ("name:dmitry-peskov", "Dmitry Peskov", "person", None, 1, 1),
        ("name:smith", "smith", "person", None, 1, 1),
        ("name:watson", "Watson", "person", None, 1, 1),
    ]
    assert sorted(store.people_named("WATSON")) == [
        ("name:adrienne-watson", "Adrienne Watson", None),
        ("name:watson", "Watson", None),
    ]
    assert store.people_named("Smith") == [("name:smith", "smith", None)]
    assert store.spellings(["Q1899", "name:nobody"]) == {
        "Q1899": {"Kiev": 2, "Kyiv": 1},
        "name:nobody": {},
    }
    assert store.spellings()["Q1899"] == {"Kiev": 2, "Kyiv": 1}
    assert store.layer_counts([first.id]) == {
        first.id: {"quotes": 1, "entities": 2, "quantities": 1, "dates": 1}
    }
    total, events = store.events()
    assert total == 2
    assert [(e.document_id, e.date, e.actors, e.source) for e in events] == [
        (second.id, "2022-02-24", ("Kyiv", "Adrienne Watson"), None),
        (first.id, "2022-03-16", ("Kyiv", "Dmitry Peskov"), None),
    ]
    assert events[1].sentence == one and events[1].date_text == "March 16"
    assert store.events(limit=1, offset=1) == (2, [events[1]])
    assert store.events(EventFilter(("name:dmitry-peskov", "Q1899"))) == (2, events)
    assert store.events(EventFilter(("name:dmitry-peskov",))) == (1, [events[1]])
    assert store.events(EventFilter(("name:smith",))) == (0, [])
    assert store.events(EventFilter(outlet="Wire")) == (1, [events[1]])
    assert store.events(EventFilter(since="2022-03")) == (1, [events[1]])
    assert store.events(EventFilter(until="2022-02")) == (1, [events[0]])
    assert store.events(EventFilter(since="2022-02-24", until="2022-02-24")) == (1, [events[0]])
    assert store.events(EventFilter(since="2022-02-25", until="2022-03-15")) == (0, [])
    assert store.events(newest_first=True) == (2, events[::-1])
    assert store.events(limit=1, newest_first=True) == (2, [events[1]])
    assert store.events_by_month() == [("2022-02", 1), ("2022-03", 1)]
    assert store.events_by_month(EventFilter(outlet="Agency")) == [("2022-02", 1)]
    bare = store.get(first.id, layers=())
    assert bare.text == first.text and not bare.quotes and not bare.entities
    assert store.get(first.id, layers=["quotes"]).quotes == first.quotes
    total, figures = store.quantities(order="value")  # values within their unit
    assert total == 2 and [(f.quantity.unit, f.quantity.value) for f in figures] == [
        ("tanks", 10),
        (None, 9),
    ]
    _, figures = store.quantities(FigureFilter(unit=COUNT), order="value", descending=True)
    assert [f.quantity.value for f in figures] == [9]
    assert store.figure_units() == [("count", 1), ("tanks", 1)]
    assert store.figure_units(FigureFilter(outlet="Wire", unit="tanks")) == [("tanks", 1)]
    assert store.quantities(FigureFilter(about="troops", since="2022-03"))[0] == 1
    _, figures = store.quantities(order="unit")
    assert [f.quantity.unit for f in figures] == ["tanks", None]
    _, figures = store.quantities(order="document")
    assert [f.date for f in figures] == ["2022-02-24", "2022-03-16"]
    with pytest.raises(StoreError, match="cannot sort figures"):
        store.quantities(order="colour")
    assert store.outlets() == ["Agency", "Wire"]
    assert store.quotes_by_month() == [("2022-02", 1), ("2022-03", 1)]
    assert [document_id for document_id, _ in store.stances()] == []
    assert store.claims() == []
    assert [d.text for d in store.documents()] == [two, one, three]
    assert [d.text for d in store.documents(limit=1, offset=1)] == [one]
    assert store.count(outlet="Wire") == 1


def test_a_newer_schema_is_refused(database: str) -> None:
    with Store(database) as store:
        store.backend.set_schema_version(len(MIGRATIONS) + 1)
    with pytest.raises(StoreError, match="newer than this sayso knows"):
        Store(database)


def test_reading_a_missing_database_is_an_error(database: str) -> None:
    with pytest.raises(StoreError, match="sayso ingest creates one"):
        Store(database, create=False)
    with Store(database) as store:
        assert store.count() == 0
    with Store(database, create=False) as store:
        assert store.count() == 0


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


def test_a_version_4_database_gets_its_events_quoted_actors_and_quote_words(
    tmp_path: Path,
) -> None:
    """Migrations 5 and 6 find in a stored corpus what a document stored since gets when
    stored: each quote's actors, each event with its source and actors, the quotes' words."""
    text = "“Kyiv will talk on March 3,” Peskov said. Kyiv said nothing on March 4."
    said = _quote(text, "Kyiv will talk on March 3", "Dmitry Peskov", "Peskov")
    doc = _doc(
        text,
        entities=[
            _entity("Q1899", "Kyiv", "place", text, "Kyiv"),
            _entity("name:dmitry-peskov", "Dmitry Peskov", "person", text, "Peskov"),
        ],
        quotes=[said],
        dates=[
            DateMention("March 3", 18, 25, "2023-03-03", "day", 0, 41),
            DateMention("March 4", 63, 70, "2023-03-04", "day", 42, len(text)),
        ],
    )
    doc.entities[0].mentions.append(Mention("Kyiv", 42, 46))
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.add("a.txt", "d", [doc])
        made = (
            store.events(),
            _texts(store, QuoteFilter(naming=("Q1899",))),
            _texts(store, QuoteFilter("talk")),
        )
    assert made[2] == ["Kyiv will talk on March 3"]
    assert [(e.source, e.actors) for e in made[0][1]] == [
        ("Dmitry Peskov", ("Kyiv", "Dmitry Peskov")),
        (None, ("Kyiv",)),
    ]
    with sqlite3.connect(path) as conn:  # as sayso before migration 5 left it
        for table in ("events", "event_actors", "quote_actors", "failures", "quotes_fts", "quotes"):
            conn.execute(f"DROP TABLE {table}")
        _undo_migration_7(conn)
        conn.execute("PRAGMA user_version = 4")
    with Store(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        found = (
            store.events(),
            _texts(store, QuoteFilter(naming=("Q1899",))),
            _texts(store, QuoteFilter("talk")),
        )
        assert found == made


def _undo_migration_7(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE documents DROP COLUMN stages")
    conn.execute("DROP TABLE reextractions")


def test_a_document_stored_before_stages_were_recorded_was_made_by_all_of_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.add("a.txt", "d", [_doc("Kyiv said no.", stages=["quotes"])])
    with sqlite3.connect(path) as conn:
        _undo_migration_7(conn)
        conn.execute("PRAGMA user_version = 6")
    with Store(path) as store:
        assert store.schema_version == 7 and store.generation()[2] == 0
        # ``ingest`` ran every stage of sayso's own before it could be told which
        assert store.get(_doc("Kyiv said no.").id).stages == [
            "metadata",
            "genre",
            "quotes",
            "entities",
            "quantities",
            "dates",
            "claims",
            "stances",
        ]


def test_a_document_made_by_more_stages_takes_the_place_of_the_stored_one(store: Store) -> None:
    text = "“Kyiv will talk on March 3,” Peskov said in Moscow."
    said = _quote(text, "Kyiv will talk on March 3", "Dmitry Peskov", "Peskov")
    first = _doc(text, stages=["quotes"], quotes=[said], title="Talks", outlet="Wire")
    first.meta = {"url": "https://a.example"}
    store.add("a.txt", "d1", [first])
    store.add("b.txt", "d2", [_doc(text)])  # the same text seen in another file
    doc_id = _doc(text).id
    assert store.has_file("a.txt", "d1", ["quotes"])
    assert not store.has_file("a.txt", "d1", ["quotes", "entities"])
    assert store.open_file("a.txt", "d1", ["quotes"]) is None
    file = store.open_file("a.txt", "d1", ["quotes", "entities"])
    assert file is not None and file.version == 1  # the same version, written again
    before = store.generation()
    moscow = _entity("Q649", "Moscow", "place", text, "Moscow")
    fuller = _doc(
        text,
        stages=["quotes", "entities"],
        entities=[moscow],
        genre="interview",
        title="Another input's title",
        authors=["Ann Lee"],
        meta={"url": "https://b.example", "words": 9},
    )
    assert store.add_documents(file, [fuller]) == Written(replaced=1)
    store.close_file(file)
    assert store.has_file("a.txt", "d1", ["quotes", "entities"])
    after = store.generation()
    assert after != before and after[:2] == before[:2]  # nothing new, yet a change
    stored = store.get(doc_id)
    assert (stored.stages, stored.genre, stored.quotes) == (["quotes", "entities"], "interview", [])
    # what its first input said of it stays; what that did not say comes from the new one
    assert (stored.title, stored.outlet, stored.authors) == ("Talks", "Wire", ["Ann Lee"])
    assert stored.meta == {"url": "https://a.example", "words": 9}
    assert [e.name for e in stored.entities] == ["Moscow"]
    assert _texts(store, QuoteFilter("talk")) == []  # the old quote's words are gone too
    assert [a[0] for a in store.actor_counts()] == ["Q649"]
    (seen,) = store.backend.execute(
        "SELECT count(*) FROM occurrences WHERE document_id = ?", (doc_id,)
    ).fetchone()
    assert seen == 2 and store.count() == 1
    # made by fewer stages, or the same ones: the stored one stays
    for made_by in (["quotes"], ["entities", "quotes"]):
        assert store.add_documents(file, [_doc(text, stages=made_by)]) == Written(known=1)
    assert store.get(doc_id).entities == stored.entities


def test_a_sentence_that_gives_a_date_twice_is_one_event(store: Store) -> None:
    text = "A coup in 2014, Lavrov said, began the war in 2014. Talks resumed in 2015."
    dates = [
        DateMention("2014", 10, 14, "2014", "year", 0, 51),
        DateMention("2014", 46, 50, "2014", "year", 0, 51),
        DateMention("2015", 68, 72, "2015", "year", 52, len(text)),
    ]
    store.add("a", "1", [_doc(text, dates=dates)])
    total, events = store.events()
    assert total == 2 and [(e.date, e.date_text, e.start) for e in events] == [
        ("2014", "2014", 0),
        ("2015", "2015", 52),
    ]
    assert store.events(newest_first=True)[0] == 2
    assert store.events(EventFilter(until="2014-06"))[0] == 0  # "2014" may be after June
    assert store.events(EventFilter(until="2014"))[0] == 1
    assert store.events(EventFilter(since="2014-06"))[0] == 1  # only 2015


def _texts(store: Store, where: QuoteFilter) -> list[str]:
    return [q.quote.text for q in store.quotes(where)]


def test_quotes_are_found_by_their_words_dates_outlet_and_speaker(store: Store) -> None:
    one = "Kiev and Kiev again, Peskov said on March 16."
    two = "Kyiv, said Adrienne Watson on Feb. 24."
    peskov = _quote(one, "Kiev and Kiev again", "Dmitry Peskov", "Peskov")
    watson = _quote(two, "Kyiv", None, "Adrienne Watson")
    watson.kind = "indirect"
    watson.speaker.type = "anonymous"
    store.add(
        "a",
        "1",
        [
            _doc(one, outlet="Wire", date="2022-03-16", quotes=[peskov]),
            _doc(two, start=100, outlet="Agency", date="2022-02-24", quotes=[watson]),
        ],
    )
    assert store.count_quotes() == 2
    assert _texts(store, QuoteFilter(text="AGAIN")) == ["Kiev and Kiev again"]
    assert _texts(store, QuoteFilter(text='"kiev again"')) == ["Kiev and Kiev again"]
    assert _texts(store, QuoteFilter(text='"again kiev"')) == []  # a phrase, in its order
    assert _texts(store, QuoteFilter(text="kiev kyiv")) == []  # every word
    assert _texts(store, QuoteFilter(text="Kiev OR (")) == []  # no operators: "or" is a word
    assert _texts(store, QuoteFilter(text="((")) == []  # words asked for, none given
    assert _texts(store, QuoteFilter(outlet="Wire")) == ["Kiev and Kiev again"]
    assert _texts(store, QuoteFilter(since="2022-03")) == ["Kiev and Kiev again"]
    assert _texts(store, QuoteFilter(until="2022-02")) == ["Kyiv"]
    assert _texts(store, QuoteFilter(since="2022-02-24", until="2022-02-24")) == ["Kyiv"]
    assert _texts(store, QuoteFilter(since="2023")) == []
    assert _texts(store, QuoteFilter(speaker="watson", kind="indirect")) == ["Kyiv"]
    assert _texts(store, QuoteFilter(speaker_type="person")) == ["Kiev and Kiev again"]
    assert store.count_quotes(QuoteFilter(text="kyiv", outlet="Wire")) == 0
    assert store.quote_facets() == {
        "speaker_type": [("anonymous", 1), ("person", 1)],
        "outlet": [("Agency", 1), ("Wire", 1)],
        "kind": [("direct", 1), ("indirect", 1)],
    }
    assert store.quote_facets(QuoteFilter(text="kiev"))["outlet"] == [("Wire", 1)]
    # a facet counts the quotes the other filters keep, so its other values still show
    assert store.quote_facets(QuoteFilter(outlet="Wire"))["outlet"] == [("Agency", 1), ("Wire", 1)]
    assert store.quote_facets(QuoteFilter(outlet="Wire"))["kind"] == [("direct", 1)]
