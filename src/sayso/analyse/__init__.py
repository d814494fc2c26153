"""Analyse: what the stored documents say together: the actors across documents, the timeline."""

from sayso.analyse.actors import ActorSummary, actors, summarise, with_spellings
from sayso.analyse.timeline import Event, event, timeline

__all__ = ["ActorSummary", "Event", "actors", "event", "summarise", "timeline", "with_spellings"]
