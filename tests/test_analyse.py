"""Analyses across stored documents: actors with their spellings, and the timeline."""

from __future__ import annotations

from pathlib import Path

from sayso.analyse import actors, event_filter
from sayso.model import DateMention, Document, Entity, Mention, Quote, Speaker
from sayso.present.views import actor_page, amount
from sayso.store import Store


def _entity(id_: str, name: str, type_: str, text: str, *spellings: str) -> Entity:
    mentions: list[Mention] = []
    for spelling in spellings:
        start = text.index(spelling, mentions[-1].end if mentions else 0)
        mentions.append(Mention(spelling, start, start + len(spelling)))
    return Entity(id_, name, type_, id_ if id_.startswith("Q") else None, mentions)


def _doc(text: str, entities: list[Entity], date: str | None = None, value: str = "") -> Document:
    doc = Document(text=text, source="t", start=0, end=len(text), outlet="Wire", entities=entities)
    if date is not None:
        start = text.index(date)
        doc.dates = [DateMention(date, start, start + len(date), value, "day", 0, len(text))]
    return doc


def test_actors_count_documents_and_spellings_and_join_surnames(tmp_path: Path) -> None:
    one = "Kiev and Kiev again."
    two = "Kyiv, said Adrienne Watson."
    three = "Watson met Smith."
    with Store(tmp_path / "s.db") as store:
        store.add(
            "a",
            "1",
            [
                _doc(one, [_entity("Q1899", "Kyiv", "place", one, "Kiev", "Kiev")]),
                _doc(
                    two,
                    [
                        _entity("Q1899", "Kyiv", "place", two, "Kyiv"),
                        _entity(
                            "name:adrienne-watson",
                            "Adrienne Watson",
                            "person",
                            two,
                            "Adrienne Watson",
                        ),
                    ],
                ),
                _doc(
                    three,
                    [
                        _entity("name:watson", "Watson", "person", three, "Watson"),
                        _entity("name:smith", "Smith", "person", three, "Smith"),
                    ],
                ),
            ],
        )
        found = actors(store)
        assert [(a.name, a.documents, a.mentions) for a in found] == [
            ("Kyiv", 2, 3),
            ("Adrienne Watson", 2, 2),
            ("Smith", 1, 1),
        ]
        assert found[0].spellings == {"Kiev": 2, "Kyiv": 1}
        assert found[1].spellings == {"Adrienne Watson": 1, "Watson": 1}
        page = actor_page(store, "name:adrienne-watson")
        assert page is not None and page.actor.documents == 2
        assert set(page.actor.spellings) == {"Adrienne Watson", "Watson"}
        assert [a.name for a in actors(store, query="kiev")] == ["Kyiv"]
        assert [a.name for a in actors(store, query="WATSON")] == ["Adrienne Watson"]
        assert actors(store, query="kiev", everyone=found) == [found[0]]
        assert [a.name for a in actors(store, query="Q1899")] == ["Kyiv"]
        assert [a.name for a in actors(store, type_="place")] == ["Kyiv"]
        assert actors(store, query="Zelenskyy") == []


def test_timeline_orders_events_and_names_actors_and_sources(tmp_path: Path) -> None:
    later_text = "Peskov said talks resumed on March 16."
    peskov = _entity("name:dmitry-peskov", "Dmitry Peskov", "person", later_text, "Peskov")
    later = _doc(later_text, [peskov], "March 16", "2022-03-16")
    later.quotes = [
        Quote(
            "talks resumed on March 16",
            12,
            37,
            "indirect",
            "said",
            7,
            11,
            Speaker("Dmitry Peskov", "Peskov", 0, 6, None, "person"),
            0.7,
        )
    ]
    earlier = _doc("Russia invaded on Feb. 24.", [], "Feb. 24", "2022-02-24")
    with Store(tmp_path / "s.db") as store:
        store.add("a", "1", [later, earlier])
        total, events = store.events()
        assert total == 2
        assert [(e.date, e.actors, e.source) for e in events] == [
            ("2022-02-24", (), None),
            ("2022-03-16", ("Dmitry Peskov",), "Dmitry Peskov"),
        ]
        naming_peskov = event_filter(store, "peskov")
        assert [e.date for e in store.events(naming_peskov)[1]] == ["2022-03-16"]
        assert store.events(event_filter(store, "Zelenskyy")) == (0, [])
        assert [e.date for e in store.events(limit=1, offset=1)[1]] == ["2022-03-16"]


def test_figures_are_written_as_people_write_them() -> None:
    assert amount(100_000) == "100,000" and amount(2.5, "km") == "2.5 km"
    assert amount(6.8e12, "USD") == "$6.8 trillion" and amount(3e9, "EUR") == "€3 billion"
    assert amount(12.5, "percent") == "12.5%" and amount(1 / 3) == "0.333"
    assert amount(40e6, "UAH") == "₴40 million" and amount(5e6, "CNY") == "5 million CNY"
    assert amount(None) == ""
