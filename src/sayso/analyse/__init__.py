"""Analyse: what the stored documents say together: the actors across documents, the timeline."""

from sayso.analyse.actors import ActorSummary, actors, joined_ids, summarise, with_spellings
from sayso.analyse.timeline import Event, event, timeline

__all__ = [
    "ActorSummary",
    "Event",
    "actors",
    "event",
    "joined_ids",
    "summarise",
    "timeline",
    "with_spellings",
]
