"""Analyses across documents: actors with their spellings, and the timeline."""

from __future__ import annotations

from sayso.analyse import actors, timeline
from sayso.model import DateMention, Document, Entity, Mention, Quote, Speaker
from sayso.store import StoredMention


def _mentions(
    document_id: str, actor_id: str, name: str, type_: str, *spellings: str
) -> list[StoredMention]:
    qid = actor_id if actor_id.startswith("Q") else None
    return [StoredMention(document_id, actor_id, name, type_, qid, s, 0, len(s)) for s in spellings]


def test_actors_count_documents_and_spellings_and_join_surnames() -> None:
    rows = [
        *_mentions("d1", "Q1899", "Kyiv", "place", "Kiev", "Kiev"),
        *_mentions("d2", "Q1899", "Kyiv", "place", "Kyiv"),
        *_mentions("d2", "name:adrienne-watson", "Adrienne Watson", "person", "Adrienne Watson"),
        *_mentions("d3", "name:watson", "Watson", "person", "Watson"),
        *_mentions("d3", "name:smith", "Smith", "person", "Smith"),
    ]
    found = actors(rows)
    assert [(a.name, len(a.documents), a.mentions) for a in found] == [
        ("Kyiv", 2, 3),
        ("Adrienne Watson", 2, 2),
        ("Smith", 1, 1),
    ]
    assert found[0].spellings == {"Kiev": 2, "Kyiv": 1}
    assert found[0].matches("kiev") and found[0].matches("Q1899") and not found[0].matches("Q1")


def _doc(text: str, date: str, value: str, entities: list[Entity], quotes: list[Quote]) -> Document:
    start = text.index(date)
    mention = DateMention(date, start, start + len(date), value, "day", 0, len(text))
    return Document(
        text=text,
        source="t",
        start=0,
        end=len(text),
        outlet="Wire",
        dates=[mention],
        entities=entities,
        quotes=quotes,
    )


def test_timeline_orders_events_and_names_actors_and_sources() -> None:
    later_text = "Peskov said talks resumed on March 16."
    peskov = Entity(
        "name:dmitry-peskov", "Dmitry Peskov", "person", None, [Mention("Peskov", 0, 6)]
    )
    quote = Quote(
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
    later = _doc(later_text, "March 16", "2022-03-16", [peskov], [quote])
    earlier = _doc("Russia invaded on Feb. 24.", "Feb. 24", "2022-02-24", [], [])
    events = timeline([later, earlier])
    assert [(e.date, e.actors, e.source) for e in events] == [
        ("2022-02-24", (), None),
        ("2022-03-16", ("Dmitry Peskov",), "Dmitry Peskov"),
    ]
    assert [e.date for e in timeline([later, earlier], actor="peskov")] == ["2022-03-16"]
    assert timeline([later, earlier], actor="Zelenskyy") == []
