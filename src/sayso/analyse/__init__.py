"""Analyse: what the stored documents say together: the actors across documents, the timeline."""

from sayso.analyse.actors import ActorSummary, actors, joined_ids, summarise
from sayso.analyse.timeline import Event, event_filter

__all__ = [
    "ActorSummary",
    "Event",
    "actors",
    "event_filter",
    "joined_ids",
    "summarise",
]
