"""Extract: the registered stages that annotate each document, and the pipeline that runs them.

Each of sayso's own stages lives in a module of its own, registered when the registry is
first read (``registered``), so that importing this package loads no language model.
"""

from sayso.extract.registry import Pipeline, Stage, completing, registered, stage

__all__ = ["Pipeline", "Stage", "completing", "registered", "stage"]
