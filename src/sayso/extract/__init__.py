"""Extract: the registered stages that annotate each document, and the pipeline that runs them.

Importing this package registers sayso's own stages; each lives in a module of its own.
"""

from sayso.extract import (
    claims,
    dates,
    entities,
    genre,
    metadata,
    quantities,
    quotes,
    stances,
)
from sayso.extract.registry import Pipeline, Stage, registered, stage

__all__ = [
    "Pipeline",
    "Stage",
    "claims",
    "dates",
    "entities",
    "genre",
    "metadata",
    "quantities",
    "quotes",
    "registered",
    "stage",
    "stances",
]
