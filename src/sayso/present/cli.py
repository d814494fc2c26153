"""The ``sayso`` command: each command calls one library function and formats its result.

Errors about inputs go to stderr, one line each; the exit status is 1 if any input failed,
2 for a usage or database problem.
"""

from __future__ import annotations

import inspect
import os
import re
import sys
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Protocol, cast

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from typer.models import CommandInfo

from sayso import __version__, likeness
from sayso.analyse import actors, event_filter
from sayso.analyse.challenge import Round
from sayso.analyse.claims import RELATIONS, group_claims, matching
from sayso.analyse.embeddings import EmbeddingSimilarities
from sayso.analyse.forecast import (
    MODELS,
    Forecast,
    forecasts,
    load_capabilities,
    read_smp,
    weighed,
    write_smp,
)
from sayso.analyse.forecast import scenarios as forecast_scenarios
from sayso.analyse.positions import positions, stored_stances
from sayso.analyse.profiles import load_lexicon, profiles
from sayso.batch import FileReport, default_workers, extract, ingest
from sayso.batch.ray_engine import SUFFIXES, ingest_ray
from sayso.errors import InputError, InputWarning, PipelineError, SaysoError
from sayso.extract import Pipeline, registered
from sayso.gazetteer import load as load_gazetteer
from sayso.ingest import KNOWN_SUFFIXES, expand_paths
from sayso.isodate import ISO_PREFIX
from sayso.issues import load_issues
from sayso.likeness import Kind
from sayso.model import GENRES, to_json
from sayso.names import fold
from sayso.present import export as exporters
from sayso.present import views
from sayso.present.pages import title_or_opening
from sayso.settings import (
    DEFAULT_DOCUMENT_MEMORY_MB,
    DEFAULT_DOCUMENT_SECONDS,
    DEFAULT_MAX_BYTES,
    DEFAULT_STAGES,
    Settings,
)
from sayso.store import DEFAULT_DB, MARK, FigureFilter, QuoteFilter, Store

app = typer.Typer(
    help="Who said what: turn a pile of coverage into an evidence-linked map of documents, "
    "speakers and quotes.",
    no_args_is_help=True,
    add_completion=False,
)
out = Console(highlight=False)
SHORT_ID = 8  # enough to tell documents apart; `show` takes any prefix of 4 or more
err = Console(stderr=True, highlight=False)

DbOption = Annotated[
    str, typer.Option("--db", envvar="SAYSO_DB", help="SQLite file or postgresql:// URL.")
]
SplitOption = Annotated[
    bool, typer.Option("--split/--no-split", help="Cut plain-text dumps into the pieces in them.")
]
MaxSizeOption = Annotated[
    float,
    typer.Option("--max-size", min=0.001, help="Refuse inputs larger than this many megabytes."),
]
GazetteerOption = Annotated[
    str | None,
    typer.Option(
        "--gazetteer",
        help="A CSV or YAML file of actors that extends the bundled gazetteer.",
        show_default=False,
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-w",
        min=1,
        help="Processes that run the pipeline (default: all cores), each one document at a"
        " time, so that a document that crashes or overruns one costs that document alone.",
    ),
]
LexiconOption = Annotated[
    str | None,
    typer.Option("--lexicon", help="A YAML file of loaded terms instead of the bundled one."),
]


def _iso_prefix(value: str | None) -> str | None:
    """A date as the filters read it: 2022, 2022-02 or 2022-02-24."""
    if value is not None and not re.fullmatch(ISO_PREFIX, value):
        raise typer.BadParameter(f"{value!r} is not a date: give 2022, 2022-02 or 2022-02-24")
    return value


SinceOption = Annotated[
    str | None,
    typer.Option(help="From this date on (2022, 2022-02 or 2022-02-24).", callback=_iso_prefix),
]
UntilOption = Annotated[
    str | None,
    typer.Option(help="Up to this date, kept (2022, 2022-02 or 2022-02-24).", callback=_iso_prefix),
]
IssuesOption = Annotated[
    str | None,
    typer.Option("--issues", help="A YAML file of issues instead of the bundled ones."),
]


class LikenessKind(StrEnum):
    none = "none"
    words = "words"
    vectors = "vectors"
    embeddings = "embeddings"


LikenessOption = Annotated[
    LikenessKind,
    typer.Option(
        "--likeness",
        help="How sentences like the examples of an issue that lists no words raise it:"
        " by shared words, the md model's word vectors, or sentence embeddings.",
    ),
]
TermsOption = Annotated[
    bool,
    typer.Option(
        "--terms",
        help="Keep the few words quoted with no cue of speech (scare quotes) as quotes of kind"
        " 'term', given to the subject of their clause.",
    ),
]
StagesOption = Annotated[
    str | None,
    typer.Option(
        "--stages",
        help="The extraction stages to run, in this order, comma-separated (`sayso stages`"
        " lists them); by default all of sayso's own. `ingest` also extracts again the stored"
        " documents made without some of them, by those that made them and those they lack.",
    ),
]
PathsArgument = Annotated[list[str], typer.Argument(help="Files, directories, or - for stdin.")]
DocumentTimeOption = Annotated[
    float,
    typer.Option(
        "--document-time-limit",
        min=1,
        help="Seconds a worker may spend on one document before it is stopped and failed.",
    ),
]
DocumentMemoryOption = Annotated[
    int,
    typer.Option(
        "--document-memory-limit",
        min=100,
        help="Megabytes a worker may hold for one document before it is stopped and failed.",
    ),
]


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    json = "json"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


GenreChoice = StrEnum("GenreChoice", {genre: genre for genre in GENRES})  # type: ignore[misc]
RelationChoice = StrEnum("RelationChoice", {r: r for r in RELATIONS})  # type: ignore[misc]


class ProfileBy(StrEnum):
    outlet = "outlet"
    document = "document"


class PositionsBy(StrEnum):
    party = "party"
    actor = "actor"


class TableOrJson(StrEnum):
    table = "table"
    json = "json"


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


def _version(value: bool) -> None:
    if value:
        out.print(f"sayso {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """sayso: documents, speakers and quotes, each pointing back to its source."""


def _settings(
    split: bool,
    max_size: float,
    gazetteer: str | None,
    document_seconds: float = DEFAULT_DOCUMENT_SECONDS,
    document_memory_mb: int = DEFAULT_DOCUMENT_MEMORY_MB,
    retry_failed: bool = False,
    issues: str | None = None,
    likeness_kind: LikenessKind = LikenessKind.words,
    terms: bool = False,
    stages: str | None = None,
) -> Settings:
    """The run's settings; a user gazetteer or issues file that cannot be read, a likeness
    that is not installed, or stages that cannot run in the order given stop the run before
    it starts."""
    kind = _likeness(likeness_kind)
    try:
        if gazetteer is not None:
            load_gazetteer(gazetteer)
        if issues is not None:
            load_issues(issues)
    except InputError as error:
        _report_error(error)
        raise typer.Exit(2) from error
    settings = Settings(
        split=split,
        max_bytes=int(max_size * 1_000_000),
        gazetteer=gazetteer,
        issues=issues,
        likeness=kind,
        document_seconds=document_seconds,
        document_memory_mb=document_memory_mb,
        retry_failed=retry_failed,
        terms=terms,
    )
    if stages is not None:
        settings = replace(settings, stages=tuple(n.strip() for n in stages.split(",")))
        try:
            Pipeline.check(settings)
        except PipelineError as error:
            _report_error(f"--stages: {error}")
            raise typer.Exit(2) from error
    return settings


def _likeness(chosen: LikenessKind) -> Kind | None:
    if chosen is LikenessKind.none:
        return None
    kind = cast(Kind, chosen.value)
    if not likeness.installed(kind):
        _report_error(f"--likeness {kind} needs: {likeness.INSTALL[kind]}")
        raise typer.Exit(2)
    return kind


# Every control character but tab and line feed: a document (or a file's name) may hold an
# escape sequence that a terminal would act on (set its title, write to the clipboard).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


_MARKED = {MARK[0]: "[bold yellow]", MARK[1]: "[/bold yellow]"}  # a match in a snippet


def _shown(text: str) -> str:
    """Text from a document or a file as the terminal is given it: its rich markup escaped,
    and each control character replaced with U+FFFD."""
    return escape(_CONTROLS.sub("\ufffd", text))


def _report_error(error: SaysoError | str, console: Console = err) -> None:
    """One line on stderr, never wrapped, so that each problem stays greppable; a warning
    says it is one."""
    kind = "[yellow]warning:[/yellow]" if isinstance(error, InputWarning) else "[red]error:[/red]"
    console.print(f"{kind} {_shown(str(error))}", soft_wrap=True)


def _failures(errors: Sequence[InputError]) -> list[InputError]:
    """The errors that fail a run: all but warnings."""
    return [error for error in errors if not isinstance(error, InputWarning)]


@contextmanager
def _open_store(db: str, *, create: bool = False) -> Iterator[Store]:
    """The database for a command; only ``ingest`` may create one."""
    try:
        store = Store(db, create=create)
    except SaysoError as error:
        _report_error(error)
        raise typer.Exit(2) from error
    try:
        yield store
    except SaysoError as error:
        _report_error(error)
        raise typer.Exit(2) from error
    finally:
        store.close()


# --- extract ----------------------------------------------------------------------------------


@app.command("stages")
def stages_command(
    format: Annotated[TableOrJson, typer.Option("--format", "-f")] = TableOrJson.table,
) -> None:
    """The registered extraction stages (sayso's own, then plug-ins'), each with the fields of
    a document it reads and those it fills; `extract --stages` and `ingest --stages` run
    those named, and by default sayso's own in the order listed."""
    found = registered()
    ordered = [*(found[n] for n in DEFAULT_STAGES if n in found)]
    ordered += [spec for name, spec in sorted(found.items()) if name not in DEFAULT_STAGES]
    if format is TableOrJson.json:
        rows = [
            {
                "name": spec.name,
                "reads": list(spec.requires),
                "fills": list(spec.assigns),
                "default": spec.name in DEFAULT_STAGES,
            }
            for spec in ordered
        ]
        sys.stdout.write(to_json(rows, indent=2) + "\n")
        return
    grid = Table(title=f"{len(ordered)} stages", box=box.SIMPLE_HEAD)
    for column in ("stage", "reads", "fills", "runs by default"):
        grid.add_column(column)
    for spec in ordered:
        default = "yes" if spec.name in DEFAULT_STAGES else "no"
        grid.add_row(spec.name, ", ".join(spec.requires), ", ".join(spec.assigns), default)
    out.print(grid)


@app.command("extract")
def extract_command(
    paths: PathsArgument,
    format: Annotated[ExtractFormat, typer.Option("--format", "-f")] = ExtractFormat.jsonl,
    split: SplitOption = True,
    max_size: MaxSizeOption = DEFAULT_MAX_BYTES / 1e6,
    gazetteer: GazetteerOption = None,
    workers: WorkersOption = None,
    document_seconds: DocumentTimeOption = DEFAULT_DOCUMENT_SECONDS,
    document_memory_mb: DocumentMemoryOption = DEFAULT_DOCUMENT_MEMORY_MB,
    issues_file: IssuesOption = None,
    likeness_kind: LikenessOption = LikenessKind.words,
    terms: TermsOption = False,
    stages: StagesOption = None,
) -> None:
    """Run the pipeline over PATHS without a database and print the documents as JSON."""
    failed = False
    documents = []
    settings = _settings(
        split,
        max_size,
        gazetteer,
        document_seconds,
        document_memory_mb,
        issues=issues_file,
        likeness_kind=likeness_kind,
        terms=terms,
        stages=stages,
    )
    for item in extract(paths, settings, workers or default_workers()):
        if isinstance(item, InputError):
            _report_error(item)
            failed = failed or not isinstance(item, InputWarning)
        elif format is ExtractFormat.jsonl:
            sys.stdout.write(to_json(item.to_dict()) + "\n")
        else:
            documents.append(item.to_dict())
    if format is ExtractFormat.json:
        sys.stdout.write(to_json(documents, indent=2) + "\n")
    raise typer.Exit(1 if failed else 0)


# --- ingest -----------------------------------------------------------------------------------


class Engine(StrEnum):
    local = "local"
    ray = "ray"


@app.command("ingest")
def ingest_command(
    paths: PathsArgument,
    db: DbOption = DEFAULT_DB,
    split: SplitOption = True,
    max_size: MaxSizeOption = DEFAULT_MAX_BYTES / 1e6,
    gazetteer: GazetteerOption = None,
    workers: WorkersOption = None,
    engine: Annotated[
        Engine,
        typer.Option(help="Run the pipeline in local processes, or on Ray (sayso's ray extra)."),
    ] = Engine.local,
    address: Annotated[
        str | None,
        typer.Option(
            help="With --engine ray: the Ray cluster to join (ray start --head prints it);"
            " default: a Ray started on this machine for the run.",
            show_default=False,
        ),
    ] = None,
    parquet: Annotated[
        str | None,
        typer.Option(
            metavar="DIR",
            help="With --engine ray: also write the documents it extracts as Parquet files"
            " (sayso export's columns) into DIR.",
            show_default=False,
        ),
    ] = None,
    to_store: Annotated[
        bool,
        typer.Option(
            "--store/--no-store",
            help="With --engine ray: --no-store writes only the --parquet files, no database.",
        ),
    ] = True,
    document_seconds: DocumentTimeOption = DEFAULT_DOCUMENT_SECONDS,
    document_memory_mb: DocumentMemoryOption = DEFAULT_DOCUMENT_MEMORY_MB,
    retry_failed: Annotated[
        bool,
        typer.Option(
            "--retry-failed",
            help="Extract again the documents that failed in an earlier run (else skipped).",
        ),
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")
    ] = False,
    issues_file: IssuesOption = None,
    likeness_kind: LikenessOption = LikenessKind.words,
    terms: TermsOption = False,
    stages: StagesOption = None,
) -> None:
    """Read PATHS, extract, and store the documents in the database.

    Stopped midway (Ctrl-C, a crash), the same command goes on where it stopped: what was
    stored is kept, and stored documents are not extracted again. A document that crashes
    its worker process twice, or runs past --document-time-limit or
    --document-memory-limit, is failed, said so, and skipped by later runs unless
    --retry-failed; the rest of its input is stored. Each document records the --stages
    that made it; a stored document made without some of this run's is extracted again.

    With --engine ray the pipeline runs in --workers Ray actors (default: one per CPU) on the
    cluster at --address, or on a Ray started for the run; JSON Lines and Parquet (*.parquet)
    are read a record at a time, however large."""
    settings = _settings(
        split,
        max_size,
        gazetteer,
        document_seconds,
        document_memory_mb,
        retry_failed,
        issues_file,
        likeness_kind,
        terms,
        stages,
    )
    if engine is Engine.local and (address or parquet or not to_store):
        _report_error("--address, --parquet and --no-store need --engine ray")
        raise typer.Exit(2)
    if not (to_store or parquet):
        _report_error("--no-store needs --parquet DIR, or the documents would go nowhere")
        raise typer.Exit(2)
    suffixes = SUFFIXES if engine is Engine.ray else KNOWN_SUFFIXES
    inputs = [p if isinstance(p, str) else p.source for p in expand_paths(paths, suffixes)]
    reports: list[FileReport] = []
    stored: int | None = None
    try:
        with _open_store(db, create=True) if to_store else nullcontext() as store:
            progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err,
                transient=True,
                disable=quiet,
            )
            with progress:
                files = progress.add_task("inputs", total=len(inputs))
                documents = progress.add_task("documents", total=None)

                def on_progress(path: str, done: int, total: int) -> None:
                    progress.update(
                        documents,
                        description=_shown(_short(path)),
                        completed=done,
                        total=total or None,  # 0: not known ahead
                    )

                if engine is Engine.ray:
                    batch = ingest_ray(
                        inputs,
                        store,
                        settings,
                        address=address,
                        workers=workers,
                        parquet=parquet,
                        on_progress=on_progress,
                    )
                else:
                    assert store is not None, "the local engine always stores"
                    batch = ingest(
                        inputs, store, settings, on_progress, workers or default_workers()
                    )
                for report in batch:
                    for error in report.errors:
                        _report_error(error, progress.console)
                    reports.append(report)
                    progress.advance(files)
            stored = store.count() if store is not None else None
    except SaysoError as error:  # without a store; with one, _open_store reports them
        _report_error(error)
        raise typer.Exit(2) from error
    if not quiet:
        out.print(_summary(reports, stored))
    raise typer.Exit(1 if any(_failures(r.errors) for r in reports) else 0)


def _short(path: str, width: int = 40) -> str:
    return path if len(path) <= width else "…" + path[-(width - 1) :]


_SUMMARY_ROWS = 20


def _summary(reports: list[FileReport], stored: int | None) -> Table:
    held = "no database" if stored is None else f"{stored} document(s) in the database"
    table = Table(title=f"Ingested {len(reports)} input(s); {held}", box=box.SIMPLE_HEAD)
    # a column for documents extracted again only in a run that extracted some again
    replaced = any(r.replaced for r in reports)
    columns = ["input", "version", "documents", "new", "already stored", "errors"]
    if replaced:
        columns.insert(5, "extracted again")
    for column in columns:
        table.add_column(column, justify="left" if column == "input" else "right")

    def counts(report: FileReport) -> list[str]:
        numbers = [report.documents, report.new, report.known]
        return [str(n) for n in numbers + ([report.replaced] if replaced else [])]

    for report in reports[:_SUMMARY_ROWS]:
        errors = str(len(_failures(report.errors)))
        if report.unchanged:
            cells = ["unchanged", *["-"] * (len(columns) - 3)]
        else:
            cells = [str(report.version or "-"), *counts(report)]
        table.add_row(_shown(_short(report.path)), *cells, errors)
    if len(reports) > _SUMMARY_ROWS:
        table.add_row(f"… {len(reports) - _SUMMARY_ROWS} more", *[""] * (len(columns) - 1))
    table.add_section()
    total = FileReport("total")
    for report in reports:
        total.documents += report.documents
        total.new += report.new
        total.known += report.known
        total.replaced += report.replaced
    failures = sum(len(_failures(r.errors)) for r in reports)
    table.add_row("total", "", *counts(total), str(failures))
    return table


# --- reading the database ---------------------------------------------------------------------


@app.command("docs")
def docs_command(
    db: DbOption = DEFAULT_DB,
    genre: Annotated[GenreChoice | None, typer.Option(help="Only this genre.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many; 0 for all.")] = 50,
    offset: Annotated[int, typer.Option(help="Skip this many first.")] = 0,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """List the stored documents, in date order."""
    with _open_store(db) as store:
        documents = store.documents(
            limit=limit or None, offset=offset, genre=genre.value if genre else None, outlet=outlet
        )
        if format is ListFormat.jsonl:
            exporters.write_jsonl(documents, sys.stdout)
            return
        table = Table(title=f"{store.count()} document(s) in {store.name}", box=box.SIMPLE_HEAD)
        table.add_column("id", no_wrap=True)
        table.add_column("date", no_wrap=True)
        table.add_column("genre", no_wrap=True)
        table.add_column("outlet", max_width=16, overflow="ellipsis")
        table.add_column("title or opening", min_width=16, max_width=48)
        table.add_column("authors", min_width=10, max_width=20)
        for doc in documents:
            table.add_row(
                doc.id[:SHORT_ID],
                doc.date or "",
                doc.genre,
                _shown(doc.outlet or ""),
                _shown(title_or_opening(doc)),
                _shown(", ".join(doc.authors)),
            )
        out.print(table)


@app.command("show")
def show_command(
    document_id: Annotated[str, typer.Argument(metavar="ID", help="A document id or its prefix.")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """Show one document: its metadata and text."""
    with _open_store(db) as store:
        doc = store.get(document_id)
    if format is ListFormat.jsonl:
        sys.stdout.write(to_json(doc.to_dict()) + "\n")
        return
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    rows = {
        "id": doc.id,
        "title": doc.title or "",
        "authors": ", ".join(doc.authors),
        "outlet": doc.outlet or "",
        "date": doc.date or "",
        "genre": doc.genre,
        "source": f"{doc.source} [{doc.start}:{doc.end}]"
        + (f" record {doc.source_id}" if doc.source_id else ""),
    }
    for name, value in rows.items():
        table.add_row(name, _shown(value))
    out.print(table)
    out.print()
    out.print(_shown(doc.text))


@app.command("quotes")
def quotes_command(
    text: Annotated[
        str | None,
        typer.Argument(help='Only quotes holding these words (each, whole) and "phrases".'),
    ] = None,
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[
        str | None, typer.Option(help="Only quotes whose speaker's name or mention holds this.")
    ] = None,
    speaker_type: Annotated[
        str | None,
        typer.Option("--type", help="Only quotes of this type of speaker (person, anonymous…)."),
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Only quotes of this outlet.")] = None,
    kind: Annotated[
        str | None, typer.Option(help="Only quotes of this kind (direct, indirect, mixed…).")
    ] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    document: Annotated[
        str | None, typer.Option("--doc", help="Only quotes in this document (id or prefix).")
    ] = None,
    limit: Annotated[int, typer.Option(help="At most this many; 0 for all.")] = 50,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """List who said what: quotes with their speakers, in date order."""
    where = QuoteFilter(
        text=text,
        speaker=speaker,
        speaker_type=speaker_type,
        outlet=outlet,
        kind=kind,
        since=since,
        until=until,
        document=document,
    )
    with _open_store(db) as store:
        total = store.count_quotes(where)
        rows = list(store.quotes(where, limit=limit or None))
    if not rows:
        err.print("no quotes")
        raise typer.Exit(1)
    if format is ListFormat.jsonl:
        for row in rows:
            sys.stdout.write(to_json(row.to_dict()) + "\n")
        return
    table = Table(title=f"{len(rows)} of {total} quote(s)", box=box.SIMPLE_HEAD)
    table.add_column("doc", no_wrap=True)
    table.add_column("speaker", max_width=24)
    table.add_column("kind", no_wrap=True)
    table.add_column("what was said", min_width=30)
    for row in rows:
        quote = row.quote
        said = quote.speaker
        who = said.label or "?"
        if said.type not in {"person", "unknown"}:
            who += f" ({said.type})"
        text = " ".join(quote.text.split())
        table.add_row(
            row.document_id[:SHORT_ID],
            _shown(who),
            quote.kind,
            _shown(text if len(text) <= 240 else text[:239] + "…"),
        )
    out.print(table)


@app.command("figures")
def figures_command(
    db: DbOption = DEFAULT_DB,
    about: Annotated[
        str | None,
        typer.Option(
            help="Only figures of what these words count ('troops', 'russian killed'): one"
            " measured quantity, source by source, over time."
        ),
    ] = None,
    unit: Annotated[
        str | None, typer.Option(help="Only figures in this unit (USD, km…; 'count': none).")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Only figures of this outlet.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int, typer.Option(help="At most this many; 0 for all.")] = 50,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """Figures across documents in date order, with what they count and who gave them."""
    with _open_store(db) as store:
        where = FigureFilter(about=about, unit=unit, outlet=outlet, since=since, until=until)
        total, _ = store.quantities(where, limit=0)
        _, shown = store.quantities(where, limit=limit or max(total, 1))
    if _listed(shown, "no figures", format):
        return
    table = Table(title=f"{len(shown)} of {total} figure(s)", box=box.SIMPLE_HEAD)
    for column in ("date", "doc", "figure", "counted", "given by"):
        table.add_column(column, no_wrap=column in {"date", "doc"})
    for row in shown:
        figure = row.quantity
        table.add_row(
            (row.date or "")[:10],
            f"{row.document_id[:SHORT_ID]}:{figure.start}",
            _shown(figure.text),
            _shown(figure.counted or figure.unit or ""),
            _shown(figure.source or row.outlet or ""),
        )
    out.print(table)


@app.command("actors")
def actors_command(
    name: Annotated[
        str | None, typer.Argument(help="Only actors whose name, spelling or id matches this.")
    ] = None,
    db: DbOption = DEFAULT_DB,
    type: Annotated[str | None, typer.Option("--type", help="Only actors of this type.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many; 0 for all.")] = 50,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """List the actors across documents: one row per actor, with every spelling used for it."""
    with _open_store(db) as store:
        found = actors(store, query=name, type_=type)
        shown = found[:limit] if limit else found
    if _listed(shown, "no actors", format):
        return
    table = Table(title=f"{len(found)} actor(s)", box=box.SIMPLE_HEAD)
    table.add_column("actor", max_width=24)
    table.add_column("type", no_wrap=True)
    table.add_column("id", max_width=16, overflow="ellipsis", no_wrap=True)
    table.add_column("docs", justify="right")
    table.add_column("mentions", justify="right")
    table.add_column("spellings", min_width=24, overflow="fold")
    for actor in shown:
        spellings = ", ".join(f"{text} ({n})" for text, n in actor.spellings.most_common())
        table.add_row(
            _shown(actor.name),
            actor.type,
            _shown(actor.id),
            str(actor.documents),
            str(actor.mentions),
            _shown(spellings),
        )
    out.print(table)


class _Record(Protocol):
    def to_dict(self) -> Mapping[str, Any]: ...


def _listed(items: Sequence[_Record], nothing: str, format: ListFormat) -> bool:
    """Exit with status 1 saying ``nothing`` when there are no items; print them as JSON Lines
    when asked (and say so, so that the caller prints no table)."""
    if not items:
        err.print(nothing)
        raise typer.Exit(1)
    if format is ListFormat.jsonl:
        for item in items:
            sys.stdout.write(to_json(item.to_dict()) + "\n")
        return True
    return False


class ForecastModel(StrEnum):
    compromise = "compromise"
    median = "median"
    challenge = "challenge"
    all = "all"


class ForecastFormat(StrEnum):
    table = "table"
    json = "json"
    smp = "smp"


@app.command("forecast")
def forecast_command(
    db: DbOption = DEFAULT_DB,
    issues_file: IssuesOption = None,
    likeness_kind: LikenessOption = LikenessKind.words,
    issue: Annotated[str | None, typer.Option(help="Only this issue (its id).")] = None,
    model: Annotated[
        ForecastModel, typer.Option(help="The bargaining model, or all of them.")
    ] = ForecastModel.all,
    capabilities: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
            help="Each party's capability (CSV: party,capability; or a YAML mapping);"
            " every party 1 without it.",
            show_default=False,
        ),
    ] = None,
    smp: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
            help="Forecast the scenario of this KTAB SMP file instead of the database's.",
            show_default=False,
        ),
    ] = None,
    runs: Annotated[
        int,
        typer.Option(
            min=0,
            help="Also forecast over N draws of the positions and saliences within what their"
            " statements allow: the 5-95% range and the inputs that move it most.",
        ),
    ] = 0,
    format: Annotated[ForecastFormat, typer.Option("--format", "-f")] = ForecastFormat.table,
) -> None:
    """Where each issue's bargaining ends, by the compromise model (positions weighted by
    capability times salience), the weighted median and Bueno de Mesquita's challenge
    model (round by round), from each party's position and salience in the positions map,
    each with the statements it rests on. --format smp writes the table as a KTAB scenario
    file to edit by hand; --smp reads one back."""
    try:
        capability = load_capabilities(capabilities, load_gazetteer()) if capabilities else None
        if smp is not None:
            try:
                text = Path(smp).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise InputError(smp, f"cannot read it: {error}", code="smp") from error
            tables = [
                weighed(t, capability) for t in read_smp(text, smp) if issue in {None, t.issue}
            ]
            if issue is not None and not tables:
                named = "its issues are 'dimension 1', 'dimension 2' …"
                err.print(f"no issue {_shown(issue)!r} in {_shown(smp)} ({named})")
                raise typer.Exit(2)
        else:
            issues = load_issues(issues_file)
            if issue is not None and issue not in {i.id for i in issues}:
                err.print(f"no issue {_shown(issue)!r}")
                raise typer.Exit(2)
            with _open_store(db) as store:
                found = positions(
                    stored_stances(store, issues_file, likeness_kind=_likeness(likeness_kind)),
                    issues,  # all of them: a salience is a share of a party's statements
                )
            tables = forecast_scenarios(found, capability, issue)
    except InputError as error:
        _report_error(error)
        raise typer.Exit(2) from error
    if not tables:
        err.print("no positions to forecast from")
        raise typer.Exit(1)
    parties = {fold(stake.party) for table in tables for stake in table.stakes}
    for party in sorted(set(capability or {}) - parties):
        err.print(f"{_shown(capabilities or '')}: no party {party!r} to weigh")
    if format is ForecastFormat.smp:
        sys.stdout.write(write_smp(tables, "sayso", "; ".join(t.issue for t in tables)))
        return
    names = list(MODELS) if model is ForecastModel.all else [model.value]
    results = forecasts(tables, names, runs)
    if format is ForecastFormat.json:
        sys.stdout.write(to_json([f.to_dict() for f in results], indent=2))
        sys.stdout.write("\n")
        return
    for table in tables:
        said = "; ".join(_forecast_said(f) for f in results if f.issue == table.issue)
        grid = Table(title=f"{_shown(table.issue)}: {said}", box=box.SIMPLE_HEAD)
        for column in ("party", "position", "salience", "capability", "statements"):
            grid.add_column(column, justify="left" if column == "party" else "right")
        for stake in sorted(table.stakes, key=lambda s: -s.weight):
            grid.add_row(
                _shown(stake.party),
                f"{stake.position:.0f}",
                f"{stake.salience:.0f}",
                f"{stake.capability:g}",
                str(len(stake.evidence)),
            )
        out.print(grid)
        for f in results:
            if f.issue == table.issue and f.spread is not None and f.spread.tornado:
                bars = ", ".join(
                    f"{_shown(party)}'s {name} {low:.0f}-{high:.0f}"
                    for party, name, low, high in f.spread.tornado[:3]
                )
                out.print(f"  {f.model} moves most with: {bars}")
            if f.issue == table.issue and len(f.rounds) > 1:
                out.print(f"  {f.model}, round by round:")
                for played in f.rounds[1:]:
                    out.print(f"    {played.number}: {played.forecast:.0f}  {_moves_said(played)}")
    out.print(
        "position: 0 against .. 100 for the issue; `sayso positions --actor NAME` lists the"
        " statements"
    )


def _moves_said(played: Round, shown: int = 4) -> str:
    """A round's moves, the longest first: "Belgium compromises with France 7 -> 8; …"."""
    moves = sorted(played.moves, key=lambda m: -abs(m.end - m.start))
    said = "; ".join(
        f"{_shown(m.party)} {m.kind} {'with' if m.kind == 'compromises' else 'to'}"
        f" {_shown(m.to)} {m.start:.1f} -> {m.end:.1f}"
        for m in moves[:shown]
    )
    if len(moves) > shown:
        said += f"; {len(moves) - shown} more"
    return said or "nobody moves"


def _forecast_said(forecast: Forecast) -> str:
    if forecast.value is None:
        return f"{forecast.model}: none"
    said = f"{forecast.model} {forecast.value:.0f}"
    if not forecast.settled:
        said += f" (unsettled after {len(forecast.rounds) - 1} rounds)"
    drawn = forecast.spread
    if drawn is not None:  # the draws' own middle: few statements leave much open
        said += f" (drawn: {drawn.middle:.0f}, 5-95% {drawn.low:.0f}-{drawn.high:.0f})"
    return said


@app.command("positions")
def positions_command(
    db: DbOption = DEFAULT_DB,
    issues_file: IssuesOption = None,
    likeness_kind: LikenessOption = LikenessKind.words,
    by: Annotated[
        PositionsBy, typer.Option(help="One row per party (state or bloc), or per actor.")
    ] = PositionsBy.party,
    actor: Annotated[
        str | None,
        typer.Option(help="Only rows whose name holds this, with their statements."),
    ] = None,
    issue: Annotated[str | None, typer.Option(help="Only this issue (its id).")] = None,
    format: Annotated[TableOrJson, typer.Option("--format", "-f")] = TableOrJson.table,
) -> None:
    """Where each party (or actor) stands on each issue: for, against, mixed or conditional,
    its position from 0 (against) to 100 (for) and the salience of the issue to it, from the
    stances read in the documents; with --actor, every statement with its holder and source."""
    try:
        issues = load_issues(issues_file)
    except InputError as error:
        _report_error(error)
        raise typer.Exit(2) from error
    if issue is not None:
        issues = [i for i in issues if i.id == issue]
        if not issues:
            err.print(f"no issue {_shown(issue)!r}")
            raise typer.Exit(2)
    with _open_store(db) as store:
        if issues_file is not None:
            err.print(f"reading the stances on the issues of {_shown(issues_file)} again")
        found = positions(
            stored_stances(store, issues_file, likeness_kind=_likeness(likeness_kind)),
            issues,
            by=by.value,
        )
    if actor:
        found = [p for p in found if actor.casefold() in p.name.casefold()]
    if not found:
        err.print("no positions")
        raise typer.Exit(1)
    if format is TableOrJson.json:
        sys.stdout.write(to_json([p.to_dict() for p in found], indent=2))
        sys.stdout.write("\n")
        return
    table = views.positions_table(found, issues, by.value)
    grid = Table(
        title=f"{len(table.rows)} {by.value}(s) with a stance on {len(issues)} issue(s)",
        box=box.SIMPLE_HEAD,
    )
    grid.add_column(by.value, max_width=24)
    for shown_issue in issues:
        grid.add_column(shown_issue.id.replace("_", " "), max_width=14)
    for key, name in table.rows:
        row = [_shown(name)]
        for shown_issue in issues:
            cell = table.cells.get((key, shown_issue.id))
            row.append(f"{cell.stance} {cell.position:.0f} ({len(cell.evidence)})" if cell else "")
        grid.add_row(*row)
    out.print(grid)
    out.print("each cell: stance, position (0 against .. 100 for), (statements)")
    if actor:
        for p in found:
            out.print(
                f"\n[bold]{_shown(p.name)}[/bold] on {_shown(p.issue)}: {p.stance},"
                f" position {p.position:.0f}, salience {p.salience:.0f}"
            )
            for e in p.evidence:
                where = f"{e.document_id[:SHORT_ID]} at {e.start}"
                said = f"{_shown(e.holder or 'someone unnamed')}: {e.side}"
                condition = f" if {_shown(e.condition)}" if e.condition else ""
                source = _shown(e.source or "the document")
                out.print(f"  {said}{condition} — according to {source}, {where}")
                out.print(f"    {_shown(e.text)}")


@app.command("compare")
def compare_command(
    db: DbOption = DEFAULT_DB,
    relation: Annotated[
        RelationChoice | None,
        typer.Option(help="Only groups with at least one pair so related."),
    ] = None,
    about: Annotated[
        str | None, typer.Option(help="Only groups with a claim holding this text.")
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            help="Only groups with a claim naming this actor (name, spelling or id) or held by"
            " someone so called."
        ),
    ] = None,
    embeddings: Annotated[
        bool,
        typer.Option(
            "--embeddings",
            # the backslash: the help's Rich markup would take "[embeddings]" for a tag
            help="Group by sentence embeddings (pip install 'sayso\\[embeddings]').",
        ),
    ] = False,
    limit: Annotated[int, typer.Option(help="At most this many groups; 0 for all.")] = 20,
    format: Annotated[TableOrJson, typer.Option("--format", "-f")] = TableOrJson.table,
) -> None:
    """Claims grouped across sources, each pair labelled agrees, contradicts or related."""
    with _open_store(db) as store:
        claims = store.claims()
        named = None
        if actor is not None:
            ids = {i for summary in actors(store, query=actor) for i in summary.ids}
            named = (ids, actor)
    if not claims:
        err.print("no claims (documents ingested before sayso 0.3 have none: ingest them again)")
        raise typer.Exit(1)
    try:
        groups = group_claims(claims, EmbeddingSimilarities(claims) if embeddings else None)
    except SaysoError as error:
        _report_error(error)
        raise typer.Exit(2) from error
    groups = matching(groups, relation.value if relation else None, about, named)
    groups = groups[:limit] if limit else groups
    if not groups:
        err.print("no claim groups")
        raise typer.Exit(1)
    if format is TableOrJson.json:
        sys.stdout.write(to_json([g.to_dict() for g in groups], indent=2))
        sys.stdout.write("\n")
        return
    for number, group in enumerate(groups, 1):
        counts = ", ".join(f"{group.count(r)} {r}" for r in RELATIONS if group.count(r))
        documents = len({c.document_id for c in group.claims})
        out.print(
            f"[bold]group {number}[/bold]: {_shown(group.title)}"
            f" — {len(group.claims)} claims in {documents} document{'s' * (documents > 1)};"
            f" {counts}"
        )
        for index, stored in enumerate(group.claims, 1):
            claim = stored.claim
            source = " ".join(x for x in (stored.outlet, stored.date and stored.date[:10]) if x)
            hedged = (
                f" [dim](hedged: {', '.join(h.text for h in claim.hedges)})[/dim]"
                if claim.hedges
                else ""
            )
            out.print(
                f"  [{index}] {stored.document_id[:SHORT_ID]}:{claim.start} {_shown(source)}"
                f" — {_shown(claim.holder or 'unknown')} ({claim.holder_type}):"
                f" {_shown(claim.text)}{hedged}"
            )
        for link in group.links:
            if link.relation != "related":
                out.print(
                    f"    [{link.first + 1}] {link.relation} [{link.second + 1}]:"
                    f" {_shown(link.reason)}"
                )
        out.print()


@app.command("profiles")
def profiles_command(
    db: DbOption = DEFAULT_DB,
    by: Annotated[
        ProfileBy, typer.Option("--by", help="One profile per outlet or per document.")
    ] = ProfileBy.outlet,
    lexicon_file: LexiconOption = None,
    format: Annotated[TableOrJson, typer.Option("--format", "-f")] = TableOrJson.table,
) -> None:
    """How each outlet (or document) frames the story: who it quotes, how many anonymous
    sources, its spelling choices, the loaded terms it uses and how often it hedges."""
    try:
        lexicon = load_lexicon(lexicon_file)
    except InputError as error:
        _report_error(error)
        raise typer.Exit(2) from error
    with _open_store(db) as store:
        found = profiles(store.documents(), lexicon, by=by.value)
    if not found:
        err.print("no documents")
        raise typer.Exit(1)
    if format is TableOrJson.json:
        sys.stdout.write(to_json([p.to_dict() for p in found], indent=2))
        sys.stdout.write("\n")
        return
    table = Table(title=f"{len(found)} profile(s)", box=box.SIMPLE_HEAD)
    table.add_column(by.value, max_width=22)
    table.add_column("docs", justify="right")
    table.add_column("quoted: by type", max_width=22)
    table.add_column("anon.", justify="right")
    table.add_column("spells", max_width=22)
    table.add_column("loaded terms", max_width=22)
    table.add_column("hedges /1k", justify="right")
    for p in found:
        shares = ", ".join(f"{k} {v:.0%}" for k, v in list(p.voice_shares().items())[:3])
        spellings = ", ".join(list(p.choices().values())[:6])
        terms = ", ".join(f"{t} ({n})" for t, n in p.loaded_terms.most_common(4))
        table.add_row(
            _shown(p.name[:SHORT_ID] if by is ProfileBy.document else p.name),
            str(p.documents),
            _shown(shares),
            f"{p.anonymous_share:.0%}",
            _shown(spellings),
            _shown(terms),
            f"{p.hedges_per_thousand_words:.1f}",
        )
    out.print(table)


@app.command("timeline")
def timeline_command(
    db: DbOption = DEFAULT_DB,
    actor: Annotated[
        str | None, typer.Option(help="Only events naming this actor (name, spelling or id).")
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Only events told by this outlet.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    newest: Annotated[bool, typer.Option("--newest", help="Newest first.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many; 0 for all.")] = 50,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """Dated events across documents, in date order: each sentence with a resolved date."""
    with _open_store(db) as store:
        where = event_filter(store, actor, outlet=outlet, since=since, until=until)
        total, shown = store.events(where, limit or None, newest_first=newest)
    if _listed(shown, "no dated events", format):
        return
    table = Table(title=f"{len(shown)} of {total} event(s)", box=box.SIMPLE_HEAD)
    table.add_column("date", no_wrap=True)
    table.add_column("doc", no_wrap=True)
    table.add_column("source", max_width=18)
    table.add_column("what happened", min_width=30)
    for event in shown:
        sentence = event.sentence if len(event.sentence) <= 240 else event.sentence[:239] + "…"
        table.add_row(
            event.date,
            event.document_id[:SHORT_ID],
            _shown(event.source or event.outlet or ""),
            _shown(sentence),
        )
    out.print(table)


@app.command("serve")
def serve_command(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A host name or address the pages may be asked for, besides the --host"
            " address and localhost (others are refused: DNS rebinding); repeatable.",
            show_default=False,
        ),
    ] = None,
    allow_ingest: Annotated[
        bool,
        typer.Option(
            "--allow-ingest", help="Add an upload form, guarded by a token printed at start-up."
        ),
    ] = False,
    issues_file: IssuesOption = None,
    lexicon_file: LexiconOption = None,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            "-w",
            min=1,
            help="Processes that answer requests, each with its own copy of what the pages"
            " read from the whole database (more answer more users at once; each takes"
            " its share of memory).",
        ),
    ] = 1,
) -> None:
    """Open the database in a local web app: corpus and search, reader, actors, quotes,
    figures, timeline, positions, forecasts, source profiles and claims compared, with the
    same lists as JSON under /api/ (documented at /docs)."""
    import secrets

    import uvicorn

    from sayso.present import web
    from sayso.present.guard import LOCAL_HOSTS

    config = web.ServeConfig(
        db=db,
        allow_ingest=allow_ingest,
        token=secrets.token_urlsafe(16) if allow_ingest else None,
        issues_file=issues_file,
        lexicon_file=lexicon_file,
        hosts=sorted({*LOCAL_HOSTS, host, *(allowed_host or [])}),
    )
    try:
        name = config.check()
        served: Any = config.app() if workers == 1 else "sayso.present.web:app_from_environment"
    except SaysoError as error:
        _report_error(error)
        raise typer.Exit(2) from error
    shown = f"[{host}]" if ":" in host else host
    many = f" in {workers} processes" if workers > 1 else ""
    err.print(f"sayso: serving {_shown(name)} at http://{shown}:{port}/{many} (Ctrl-C stops)")
    if host in {"0.0.0.0", "::"} and not allowed_host:
        err.print(
            "sayso: note: pages answer only to the names localhost and the addresses given;"
            " add --allowed-host for the name or address others will use"
        )
    if config.token is not None:
        err.print(f"sayso: to upload, open http://{shown}:{port}/upload?token={config.token}")
    if workers > 1:
        os.environ[web.ENVIRONMENT] = config.to_json()  # what each process builds its app from
    # requests in flight get a few seconds to finish on Ctrl-C or SIGTERM, no more: each
    # request's queries are under a time limit of their own
    uvicorn.run(
        served,
        factory=workers > 1,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        timeout_graceful_shutdown=3,
    )


@app.command("report")
def report_command(
    db: DbOption = DEFAULT_DB,
    output: Annotated[
        str, typer.Option("--output", "-o", help="The HTML file to write.")
    ] = "sayso-report.html",
    issues_file: IssuesOption = None,
    lexicon_file: LexiconOption = None,
) -> None:
    """Write the web app's views as one self-contained HTML file to send on."""
    from sayso.present import report

    with _open_store(db) as store:
        try:
            path = report.write(store, output, issues_file, lexicon_file)
        except InputError as error:
            _report_error(error)
            raise typer.Exit(2) from error
        except OSError as error:
            _report_error(f"{output}: {error.strerror or error}")
            raise typer.Exit(2) from error
    out.print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


@app.command("search")
def search_command(
    query: Annotated[
        str,
        typer.Argument(
            help='Words, "a phrase", OR; SQLite adds prefix* and NEAR, PostgreSQL -word.'
        ),
    ],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, help="At most this many hits.")] = 20,
) -> None:
    """Full-text search over titles and texts, best matches first."""
    with _open_store(db) as store:
        hits, total, words = store.lenient_search(query, limit)
        if words is not None:
            err.print(f"note: not a valid search query; searched for the words {_shown(words)}")
    if not hits:
        out.print("no matches")
        raise typer.Exit(1)
    table = Table(
        title=f"{len(hits)} of {total} match(es) for {_shown(query)}", box=box.SIMPLE_HEAD
    )
    table.add_column("id", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("outlet", max_width=16, overflow="ellipsis")
    table.add_column("title or opening", max_width=22, overflow="ellipsis")
    table.add_column("match", min_width=24)
    for hit in hits:
        pieces = re.split(f"([{MARK[0]}{MARK[1]}])", " ".join(hit.snippet.split()))
        snippet = "".join(_MARKED.get(piece) or _shown(piece) for piece in pieces)
        table.add_row(
            hit.document.id[:SHORT_ID],
            hit.document.date or "",
            _shown(hit.document.outlet or ""),
            _shown(title_or_opening(hit.document)),
            snippet,
        )
    out.print(table)


@app.command("export")
def export_command(
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="File to write; stdout if omitted.")
    ] = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """Export every stored document with its annotations."""
    if format is ExportFormat.parquet and output is None:
        _report_error("Parquet is binary: give a file with --output")
        raise typer.Exit(2)
    with _open_store(db) as store:
        documents = store.documents()
        try:
            if output is None:
                write = (
                    exporters.write_jsonl if format is ExportFormat.jsonl else exporters.write_csv
                )
                write(documents, sys.stdout)
                return
            count = exporters.write(documents, output, format.value)
        except OSError as error:
            _report_error(f"{output}: cannot write: {error.strerror or error}")
            raise typer.Exit(2) from error
    err.print(f"wrote {count} document(s) to {_shown(output)}")


def _flow_help(commands: list[CommandInfo]) -> None:
    """Each paragraph of a command's docstring as one line in its help: Typer keeps the line
    breaks of every paragraph but the first, and the terminal's wrapping then breaks those
    lines a second time."""
    for command in commands:
        if command.help is None and command.callback is not None and command.callback.__doc__:
            paragraphs = inspect.cleandoc(command.callback.__doc__).split("\n\n")
            command.help = "\n\n".join(" ".join(p.split()) for p in paragraphs)


_flow_help(app.registered_commands)
