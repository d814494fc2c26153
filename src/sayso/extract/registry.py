"""The stage registry: named steps that each add one kind of annotation to a Document.

A stage is registered with the fields it reads (``requires``) and the fields it fills
(``assigns``), so a pipeline is checked before it runs: a stage whose inputs no earlier stage
provides is an error at assembly, not a wrong result later. What is registered is a factory,
called once per pipeline with the run's Settings, so a stage can load a model once and reuse it.
Other packages add stages through the ``sayso.stages`` entry-point group.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from importlib import import_module
from importlib.metadata import entry_points

from sayso.errors import PipelineError, StageError
from sayso.model import Document
from sayso.settings import DEFAULT_STAGES, Settings

StageFunction = Callable[[Document], None]
StageFactory = Callable[[Settings], StageFunction]

# What every document has before any stage runs: it comes from the readers and the splitter.
INGESTED: frozenset[str] = frozenset({"text", "source", "start", "end", "source_id", "meta"})
# What the pipeline makes itself for the stages that read it: the text's parse, made once,
# before the first of them, and handed to each (``Document.parse``); a pipeline of stages
# that read no parse makes none.
PARSE = "parse"
# What the pipeline records itself: the names of the stages that ran (``Document.stages``).
STAGES = "stages"
# What a stage may read or fill: the fields of the one data model.
FIELDS: frozenset[str] = frozenset(field.name for field in fields(Document))


@dataclass(frozen=True)
class Stage:
    name: str
    factory: StageFactory
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


_REGISTRY: dict[str, Stage] = {}
_plugins_loaded = False
# sayso's own stages, each in the module of its name, imported (and so registered) when the
# registry is first read
OWN_STAGES = DEFAULT_STAGES


def stage(
    name: str, *, assigns: Sequence[str], requires: Sequence[str] = ("text",)
) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under ``name``: ``@stage("genre", assigns=["genre"])``."""

    def register(factory: StageFactory) -> StageFactory:
        if name in OWN_STAGES and factory.__module__ != f"sayso.extract.{name}":
            raise PipelineError(f"{name!r} is the name of one of sayso's own stages")
        if name in _REGISTRY and _REGISTRY[name].factory is not factory:
            raise PipelineError(f"a stage named {name!r} is already registered")
        made = sorted({PARSE, STAGES} & set(assigns))
        if made:
            raise PipelineError(f"stage {name!r} assigns {made[0]!r}, which the pipeline makes")
        unknown = [field for field in (*requires, *assigns) if field not in FIELDS]
        if unknown:
            raise PipelineError(
                f"stage {name!r} names {', '.join(map(repr, unknown))}, which are no fields of"
                f" a Document ({', '.join(sorted(FIELDS))})"
            )
        _REGISTRY[name] = Stage(name, factory, tuple(requires), tuple(assigns))
        return factory

    return register


def registered() -> dict[str, Stage]:
    """All stages: sayso's own and those of installed plug-ins."""
    global _plugins_loaded
    if not _plugins_loaded:
        for module in OWN_STAGES:
            import_module(f"sayso.extract.{module}")
        for entry in entry_points(group="sayso.stages"):
            entry.load()
        _plugins_loaded = True  # only once every one loaded: a failure is raised again
    return dict(_REGISTRY)


class Pipeline:
    """Stages run in order over each document, checked when assembled."""

    def __init__(self, settings: Settings) -> None:
        self.stages: list[tuple[str, bool, StageFunction]] = [
            (spec.name, PARSE in spec.requires, spec.factory(settings))
            for spec in self.check(settings)
        ]

    @staticmethod
    def check(settings: Settings) -> list[Stage]:
        """The stages ``settings`` names, checked (each registered, each given what it
        needs by the ones before), without building any: no model is loaded."""
        stages = registered()
        available = {*INGESTED, PARSE}
        checked = []
        if not settings.stages:
            raise PipelineError("no stage named: a pipeline runs at least one")
        twice = sorted({name for name in settings.stages if settings.stages.count(name) > 1})
        if twice:
            raise PipelineError(f"stage {twice[0]!r} is named more than once")
        for name in settings.stages:
            if name not in stages:
                known = ", ".join(sorted(stages)) or "none"
                raise PipelineError(f"unknown stage {name!r} (registered: {known})")
            spec = stages[name]
            missing = [field for field in spec.requires if field not in available]
            if missing:
                raise PipelineError(
                    f"stage {name!r} needs {', '.join(missing)}, which no earlier stage assigns"
                )
            available.update(spec.assigns)
            checked.append(spec)
        return checked

    def __call__(self, doc: Document) -> Document:
        """Run every stage on ``doc``; a stage that fails raises StageError naming it (a
        parse that fails, the first stage that reads it). The parse made here is dropped
        at the end: it is no output, and is never stored or sent to another process; one
        handed in with ``doc`` is used and left with it. The stages that ran are added to
        ``doc.stages``."""
        handed = doc.parse is not None
        try:
            for name, reads_parse, run in self.stages:
                try:
                    if reads_parse and doc.parse is None:
                        from sayso import nlp  # loaded with the first stage that parses

                        doc.parse = nlp.parse(doc.text)
                    run(doc)
                except StageError as err:  # the stage's own account of why it cannot go on
                    raise StageError(f"stage {name!r}: {err}") from err
                except Exception as err:  # a stage's bug must cost one document, not the batch
                    raise StageError(f"stage {name!r} failed: {type(err).__name__}: {err}") from err
        finally:
            if not handed:
                doc.parse = None
        ran = [name for name, _, _ in self.stages]
        doc.stages = [*doc.stages, *(name for name in ran if name not in doc.stages)]
        return doc


def completing(recorded: Sequence[str], requested: Sequence[str]) -> tuple[str, ...]:
    """The stages to run over a stored document that ``recorded`` made, for it to have the
    ``requested`` ones too and lose none it has: none when it has them all; else every one
    of both, sayso's own in their order, then plug-ins' in the order first named. Where each
    list ran in an order that checks, so does this one."""
    if set(requested) <= set(recorded):
        return ()
    named = list(dict.fromkeys([*recorded, *requested]))
    own = [name for name in DEFAULT_STAGES if name in named]
    return (*own, *(name for name in named if name not in DEFAULT_STAGES))
