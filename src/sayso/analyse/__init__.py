"""Analyse: what the stored documents say together: the actors across documents, the timeline."""

from sayso.analyse.actors import ActorSummary, actors
from sayso.analyse.timeline import Event, timeline

__all__ = ["ActorSummary", "Event", "actors", "timeline"]
