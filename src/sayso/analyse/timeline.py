"""The timeline: every sentence with a resolved date becomes an event, with the actors it
names and on whose say-so it is told, in date order across documents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any

from sayso.model import DateMention, Document


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


def timeline(documents: Iterable[Document], actor: str | None = None) -> list[Event]:
    """The events of ``documents`` in date order (a month before the days of that month);
    with ``actor``, only those naming an actor whose name, spelling or id matches it."""
    events = []
    for doc in documents:
        for mention in doc.dates:
            if mention.value is None or mention.granularity is None:
                continue
            event = _event(doc, mention)
            if actor is None or _names(doc, event, actor):
                events.append(event)
    return sorted(events, key=lambda e: (e.date, e.document_id, e.start))


def _event(doc: Document, mention: DateMention) -> Event:
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
        source=(speaker.name or speaker.descriptor or speaker.mention) if speaker else None,
    )


def _names(doc: Document, event: Event, query: str) -> bool:
    wanted = query.casefold()
    for entity in doc.entities:
        if entity.name not in event.actors:
            continue
        texts = (entity.name, *(m.text for m in entity.mentions))
        if query == entity.id or any(wanted in text.casefold() for text in texts):
            return True
    return False
