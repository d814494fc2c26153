"""The timeline: every sentence with a resolved date becomes an event, with the actors it
names and on whose say-so it is told, in date order across documents."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sayso.analyse.actors import actors
from sayso.model import DateMention, Document
from sayso.store import Store


@dataclass(frozen=True)
class Event:
    """A dated sentence of a document."""

    date: str  # ISO, of the granularity below
    granularity: str
    document_id: str
    outlet: str | None
    sentence: str
    start: int  # of the sentence, in the document's text
    end: int
    date_text: str  # the words that date it ("last month")
    actors: tuple[str, ...]  # canonical names of the actors the sentence names
    source: str | None  # the speaker when the sentence is inside a quote

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def timeline(
    store: Store, actor: str | None = None, limit: int | None = None, offset: int = 0
) -> tuple[int, list[Event]]:
    """A page of the events in date order (a month before the days of that month), and how
    many there are; with ``actor``, only those whose sentence names an actor whose id is
    ``actor`` or whose name or a spelling holds it."""
    actor_ids = None
    if actor is not None:
        actor_ids = [i for summary in actors(store, query=actor) for i in summary.ids]
        if not actor_ids:
            return 0, []
    total, dated = store.dated(actor_ids, limit, offset)
    documents: dict[str, Document] = {}
    events = []
    for document_id, position in dated:
        if document_id not in documents:
            documents[document_id] = store.get(document_id)
        doc = documents[document_id]
        events.append(event(doc, doc.dates[position]))
    return total, events


def event(doc: Document, mention: DateMention) -> Event:
    """The event a date mention of ``doc`` dates."""
    start, end = mention.sentence_start, mention.sentence_end
    named = [
        e.name for e in doc.entities if any(start <= m.start and m.end <= end for m in e.mentions)
    ]
    quotes = [q for q in doc.quotes if q.start <= mention.start and mention.end <= q.end]
    speaker = min(quotes, key=lambda q: q.end - q.start).speaker if quotes else None
    return Event(
        date=str(mention.value),
        granularity=str(mention.granularity),
        document_id=doc.id,
        outlet=doc.outlet,
        sentence=" ".join(doc.text[start:end].split()),
        start=start,
        end=end,
        date_text=mention.text,
        actors=tuple(dict.fromkeys(named)),
        source=speaker.label if speaker else None,
    )
