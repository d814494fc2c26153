"""The timeline: every sentence with a resolved date becomes an event, with the actors it
names and on whose say-so it is told, in date order across documents."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sayso.analyse.actors import ActorSummary, actors
from sayso.model import DateMention, Document
from sayso.store import Store

MAX_ACTORS = 5_000  # actor ids an actor filter may stand for (one query holds them all)


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
    store: Store,
    actor: str | None = None,
    limit: int | None = None,
    offset: int = 0,
    everyone: list[ActorSummary] | None = None,
) -> tuple[int, list[Event]]:
    """A page of the events in date order (a month before the days of that month), and how
    many there are; with ``actor``, only those whose sentence names an actor whose id is
    ``actor`` or whose name or a spelling holds it (of such actors, the ``MAX_ACTORS`` most
    named). ``everyone``: all the actors, counted before (see ``actors``)."""
    actor_ids = None
    if actor is not None:
        found = actors(store, query=actor, everyone=everyone)
        actor_ids = [i for summary in found for i in summary.ids]
        if not actor_ids:
            return 0, []
        actor_ids = actor_ids[:MAX_ACTORS]
    total, dated = store.dated(actor_ids, limit, offset)
    documents: dict[str, _Sketch] = {}
    events = []
    for document_id, mention in dated:
        if document_id not in documents:
            documents[document_id] = _Sketch.of(store, document_id)
        events.append(documents[document_id].event(store, mention))
    return total, events


@dataclass(frozen=True)
class _Sketch:
    """What the events of one document are told from: its text and outlet, where its actors
    are named and where its quotes lie (from the store's tables, not its annotations)."""

    document: Document
    mentions: list[tuple[int, int, str]]  # (start, end, actor's name)
    quotes: list[tuple[int, int, int]]  # (position, start, end)

    @classmethod
    def of(cls, store: Store, document_id: str) -> _Sketch:
        mentions = [(m.start, m.end, m.name) for m in store.mentions(document=document_id)]
        return cls(store.get(document_id, layers=()), mentions, store.quote_spans(document_id))

    def event(self, store: Store, mention: DateMention) -> Event:
        """The event a date mention of this document dates."""
        start, end = mention.sentence_start, mention.sentence_end
        named = [name for first, last, name in self.mentions if start <= first and last <= end]
        around = [q for q in self.quotes if q[1] <= mention.start and mention.end <= q[2]]
        inner = min(around, key=lambda q: q[2] - q[1]) if around else None
        speaker = store.quote_at(self.document.id, inner[0]).speaker if inner else None
        return Event(
            date=str(mention.value),
            granularity=str(mention.granularity),
            document_id=self.document.id,
            outlet=self.document.outlet,
            sentence=" ".join(self.document.text[start:end].split()),
            start=start,
            end=end,
            date_text=mention.text,
            actors=tuple(dict.fromkeys(named)),
            source=speaker.label if speaker else None,
        )
