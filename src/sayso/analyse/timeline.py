"""The timeline: every sentence with a resolved date becomes an event, with the actors it
names and on whose say-so it is told, in date order across documents (the store keeps the
events, and the actors each names, when a document is stored)."""

from __future__ import annotations

from sayso.analyse.actors import ActorSummary, actors
from sayso.store import Event, EventFilter, Store

MAX_ACTORS = 5_000  # actor ids an actor filter may stand for (one query holds them all)

__all__ = ["Event", "event_filter"]


def event_filter(
    store: Store,
    actor: str | None = None,
    *,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    everyone: list[ActorSummary] | None = None,
) -> EventFilter:
    """The events naming ``actor`` (an actor whose id is ``actor`` or whose name or a
    spelling holds it; of such actors, the ``MAX_ACTORS`` most named), of ``outlet``, between
    the ISO dates (or their prefixes) ``since`` and ``until``. ``everyone``: all the actors,
    counted before (see ``actors``)."""
    actor_ids = None
    if actor is not None:
        found = actors(store, query=actor, everyone=everyone)
        actor_ids = tuple(i for summary in found for i in summary.ids)[:MAX_ACTORS]
    return EventFilter(actor_ids, outlet, since, until)
