"""The Ray engine of ``sayso ingest``: the pipeline as Ray Data ``map_batches``, on this machine
or on a cluster.

Ray tasks read the inputs (a file whole, as the local engine reads it; JSON Lines a line and
Parquet a row group at a time) into small blocks of documents; one actor per worker loads the
pipeline once and annotates the blocks it is given, so that even one large input keeps every
worker busy. The results stream back in input order to this process, the one writer, which
stores them as the local engine does and/or writes them as Parquet files: nothing is held
whole, so memory stays flat however large the corpus.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import uuid
import warnings
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from itertools import chain, groupby, islice
from operator import itemgetter
from pathlib import Path
from typing import Any, TextIO

from sayso.batch import BATCH_SIZE, FileReport, InputWriter, ProgressHook, completing_work
from sayso.batch.workers import Annotator, Work, default_workers
from sayso.errors import InputError, SaysoError
from sayso.ingest import (
    KNOWN_SUFFIXES,
    STDIN,
    cut,
    expand_paths,
    json_lines,
    parse_json,
    read,
    record_document,
)
from sayso.model import Document, row_schema
from sayso.settings import Settings
from sayso.store import Store

__all__ = ["SUFFIXES", "ingest_ray"]

SUFFIXES = frozenset({*KNOWN_SUFFIXES, ".parquet"})  # the files taken from a directory
_LINES = {".jsonl", ".ndjson"}  # read a line at a time
BLOCK_BYTES = 64 * 1024  # of documents to a block: seconds of work, many blocks to a large input
PART_ROWS = 1000  # documents to a Parquet file

# What a row of the stream holds (its "status").
_DOC = "doc"  # a document to annotate, then annotated
_KNOWN = "known"  # a document stored already: not annotated again
_FAILED = "failed"  # a document the pipeline failed on: tried again by the next run
_NOT_AGAIN = "not-again"  # a stored document the pipeline failed to extract again: kept
_BAD_RECORD = "bad-record"  # a record that could not be read; the rest of the input goes on
_BAD_INPUT = "bad-input"  # an input that could not be read at all: nothing of it is stored


def ingest_ray(
    paths: list[str],
    store: Store | None,
    settings: Settings | None = None,
    *,
    address: str | None = None,
    workers: int | None = None,
    parquet: str | None = None,
    on_progress: ProgressHook | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[FileReport]:
    """``ingest`` on Ray: store the documents of each input (unless ``store`` is None) and/or
    write them as Parquet files (``sayso export``'s columns) into the folder ``parquet``; yield
    a report per input, in input order.

    Ray is the one this process has joined already, else the cluster at ``address``, else a
    local Ray of ``workers`` CPUs started here and shut down after; ``workers`` actors (default:
    one per CPU of the cluster) run the pipeline. As with ``ingest``, an input stored in this
    exact version is skipped, and documents stored already are not annotated again (nor written
    to Parquet) unless they lack some of ``settings.stages``, which costs a first pass over the
    inputs left when the store is not empty.
    ``on_progress(path, done, 0)`` follows each document (0: the total is not known ahead).
    """
    settings = settings or Settings()
    ray = _import_ray()
    pending = deque(_plan(paths, store, settings))
    todo = {item.report.path: item.report for item in pending if item.todo}
    output = _Output(
        store, _Parquet(parquet) if parquet else None, on_progress, batch_size, settings.stages
    )
    if todo:
        with _session(ray, address, workers) as actors, output:
            rows = _results(ray, todo, store, settings, actors)
            for path, group in groupby(rows, key=itemgetter("input")):
                while pending[0].report.path != path:
                    yield pending.popleft().report
                writer = _Writer(pending.popleft(), output)
                for row in group:
                    writer.take(row)
                yield writer.finish()
    yield from (item.report for item in pending)


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError as err:
        raise SaysoError("the Ray engine needs ray: pip install 'sayso[ray]'") from err
    return ray


# --- on the driver: what to do, and the Ray session ------------------------------------------


@dataclass
class _Planned:
    """An input as planned: done already (its report final), or to do, with the digest its
    version is stored under (None: nothing to store)."""

    report: FileReport
    digest: str | None = None
    todo: bool = False


def _plan(paths: list[str], store: Store | None, settings: Settings) -> Iterator[_Planned]:
    seen: set[str] = set()
    for path in expand_paths(paths, SUFFIXES):
        if isinstance(path, InputError):
            yield _Planned(FileReport(path.source, errors=[path]))
        elif path == STDIN:
            problem = "the Ray engine reads files, not standard input"
            error = InputError(path, problem, code="unreadable")
            yield _Planned(FileReport(path, errors=[error]))
        elif path not in seen:
            seen.add(path)
            digest = _digest(path) if store is not None else None
            if (
                digest is not None
                and store is not None
                and store.has_file(path, digest, settings.stages)
            ):
                yield _Planned(FileReport(path, unchanged=True))
            else:
                yield _Planned(FileReport(path), digest, todo=True)


def _digest(path: str) -> str | None:
    """The sha256 of a file's bytes, which the local engine stores its version under; None for
    what is not a regular file that can be read (the reader will say why)."""
    if not os.path.isfile(path):
        return None
    try:
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


@contextmanager
def _session(ray: Any, address: str | None, workers: int | None) -> Iterator[int]:
    """Ray for one run, and how many workers to start in it: the Ray this process has joined
    already, the cluster at ``address``, or a local Ray started here and shut down after;
    Ray's messages on the console are held back meanwhile."""
    started = not ray.is_initialized()
    if started:
        quiet = {"logging_level": logging.ERROR, "log_to_driver": False}
        try:
            if address:
                ray.init(address=address, **quiet)
            else:
                ray.init(num_cpus=workers or default_workers(), include_dashboard=False, **quiet)
        except ConnectionError as err:
            raise SaysoError(f"cannot join Ray at {address}: {err}") from err
    data_log = logging.getLogger("ray.data")  # "execution finished" and the like
    level = data_log.level
    data_log.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module="ray")  # tuning advice, deprecations
            yield workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
    finally:
        data_log.setLevel(level)
        if started:
            ray.shutdown()


# --- the pipeline on Ray ----------------------------------------------------------------------


def _results(
    ray: Any, todo: dict[str, FileReport], store: Store | None, settings: Settings, workers: int
) -> Iterator[dict[str, Any]]:
    """The rows of every input to do (by path, with its report), annotated, in input order."""
    known: dict[str, tuple[str, ...]] = {}
    if store is not None and store.count():
        known = _known(ray, todo, store, settings, workers)
    with warnings.catch_warnings():
        # max_restarts has no named parameter yet; without it, Ray prints an error line for
        # each actor, about restarts we do not need (a run that stops goes on where it stopped)
        warnings.filterwarnings("ignore", "`ray_remote_args` is deprecated")
        annotated = _read(ray, list(todo), settings, workers).map_batches(
            _Annotate,
            fn_constructor_kwargs={"settings": settings, "known": known},
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=workers),
            num_cpus=1,
            max_restarts=0,
        )
    for block in annotated.iter_batches(batch_size=None, batch_format="pyarrow"):
        yield from block.to_pylist()


def _known(
    ray: Any, todo: dict[str, FileReport], store: Store, settings: Settings, workers: int
) -> dict[str, tuple[str, ...]]:
    """Which documents of the inputs are stored already, each with the stages to extract it
    again by (none: it has the run's): a first pass that reads them without annotating, so
    that a run that was stopped goes on where it stopped. A document that cannot be extracted
    again (a stage that made it is not registered now) is said so in its input's report."""
    known: dict[str, tuple[str, ...]] = {}
    columns = ["id", "input", "line", "start", "end"]
    rows = _read(ray, list(todo), settings, workers).select_columns(columns)
    for block in rows.iter_batches(batch_size=None, batch_format="pyarrow"):
        located = [row for row in block.to_pylist() if row["id"] is not None]
        ids = [row["id"] for row in located]
        stored = store.stages_of(ids)
        failed = {} if settings.retry_failed else store.failures(ids)
        for row in located:
            if row["id"] in stored:
                path, report = row["input"], todo[row["input"]]
                work = Work(Document("", path, row["start"], row["end"]), path, row["line"])
                again = completing_work(
                    work, stored[row["id"]], settings, report, failed.get(row["id"])
                )
                known[row["id"]] = again.stages if again is not None else ()
    return known


def _read(ray: Any, todo: list[str], settings: Settings, workers: int) -> Any:
    """The dataset of the inputs' rows, in input order and in small blocks. Reading takes
    little CPU, so its tasks ask Ray for none and run beside the workers."""
    inputs = ray.data.from_items([{"input": path} for path in todo])
    context = inputs.context  # this dataset's own, and those made from it
    context.execution_options.preserve_order = True
    context.target_max_block_size = BLOCK_BYTES
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    return inputs.map_batches(
        _read_inputs,
        fn_kwargs={"settings": settings},
        batch_size=1,
        batch_format="pyarrow",
        num_cpus=0,
        compute=ray.data.TaskPoolStrategy(size=workers),
    )


ROWS_PER_BLOCK = 8  # documents read into one block of rows: a few seconds of work


@cache
def _schema() -> Any:
    """The rows that flow through the pipeline: a document (``Document.to_row``) or a problem,
    with the input it came from."""
    import pyarrow as pa

    extra = [("input", pa.string()), ("status", pa.string()), ("line", pa.int64())]
    extra += [("problem", pa.string()), ("code", pa.string())]
    return pa.schema([*extra, *row_schema()])


def _table(rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    return pa.Table.from_pylist(rows, schema=_schema())


def _read_inputs(batch: Any, settings: Settings) -> Iterator[Any]:
    """Ray task: the rows of each input named in ``batch``."""
    for path in batch["input"].to_pylist():
        rows = (_row(path, status, item) for status, item in _items(path, settings))
        while chunk := list(islice(rows, ROWS_PER_BLOCK)):
            yield _table(chunk)


def _row(path: str, status: str, item: Work | InputError) -> dict[str, Any]:
    if isinstance(item, InputError):
        return {
            "input": path,
            "status": status,
            "line": item.line,
            "problem": item.problem,
            "code": item.code,
        }
    return {"input": path, "status": status, "line": item.line, **item.doc.to_row()}


class _Annotate:
    """Ray actor: one worker's pipelines, loaded once, over blocks of rows; documents stored
    already (``known``) pass through as they are, or are extracted again by the stages given
    them there."""

    def __init__(self, settings: Settings, known: dict[str, tuple[str, ...]]) -> None:
        self.annotator = Annotator(settings)
        self.known = known

    def __call__(self, block: Any) -> Any:
        rows: list[dict[str, Any]] = block.to_pylist()
        for row in rows:
            if row["status"] == _DOC and self.known.get(row["id"]) == ():
                row["status"] = _KNOWN
        todo = [row for row in rows if row["status"] == _DOC]
        works = [
            Work(Document.from_row(row), row["input"], row["line"], self.known.get(row["id"], ()))
            for row in todo
        ]
        for row, result in zip(todo, self.annotator(works), strict=True):
            if isinstance(result, InputError):
                status = _NOT_AGAIN if self.known.get(row["id"]) else _FAILED
                row.update(status=status, problem=result.problem, code=result.code)
            else:
                row.update(result.to_row())
        return _table(rows)


# --- reading one input (in a Ray task) --------------------------------------------------------

_Item = tuple[str, Work | InputError]  # a status and what it is about


def _items(path: str, settings: Settings) -> Iterator[_Item]:
    """What one input holds: its documents, and the problems met reading it."""
    suffix = Path(path).suffix.lower()
    if not (os.path.isfile(path) and os.access(path, os.R_OK)):
        return _whole(path, settings)  # missing, unreadable, a device or a pipe: it says so
    if suffix == ".parquet":
        return _parquet(path)
    if suffix in _LINES:
        return _json_lines(path, settings)
    return _whole(path, settings)


def _whole(path: str, settings: Settings) -> Iterator[_Item]:
    """A file read whole and cut into its documents, as the local engine reads it."""
    for source in read([path], settings):
        if isinstance(source, InputError):
            yield _BAD_INPUT, source
            continue
        for error in source.errors:
            yield _BAD_RECORD, error
        for index, doc in enumerate(cut(source, settings)):
            yield _DOC, Work.of(source, index, doc)


def _json_lines(path: str, settings: Settings) -> Iterator[_Item]:
    """JSON Lines a line at a time, as UTF-8. A file that is not lines of JSON objects (one
    JSON value, another encoding, nothing) is read whole, as the local engine reads it."""
    with open(path, encoding="utf-8-sig") as handle:
        head = _head(handle)
        if head is not None:
            lines = (line.rstrip("\n") for line in chain(head, handle))
            try:
                for number, item in json_lines(path, lines):
                    if isinstance(item, InputError):
                        yield _BAD_RECORD, item
                    else:
                        yield _DOC, Work(item, path, number)
            except UnicodeDecodeError:
                # what follows is unread: failed, so that the version is not called stored
                problem = "undecodable bytes: the Ray engine reads JSON Lines as UTF-8"
                yield _FAILED, InputError(path, problem, code="undecodable")
            return
    yield from _whole(path, settings)


def _head(handle: TextIO) -> list[str] | None:
    """The lines up to the second that is not blank, if the first holds a JSON object: what
    makes a file JSON Lines rather than one JSON value. None if it is not so."""
    head: list[str] = []
    records = 0
    try:
        for line in handle:
            head.append(line)
            if line.strip():
                if not (records or isinstance(parse_json(line), dict)):
                    return None
                records += 1
                if records == 2:
                    return head
    except (UnicodeDecodeError, ValueError):
        return None
    return None


def _parquet(path: str) -> Iterator[_Item]:
    """Parquet rows as JSON records, a row group at a time: null columns are left out, and
    values JSON has no type for (timestamps, bytes) are taken as their text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    position = 0
    try:
        for batch in pq.ParquetFile(path).iter_batches():
            for record in batch.to_pylist():
                position += 1
                try:
                    given = {key: value for key, value in record.items() if value is not None}
                    doc = record_document(path, json.loads(json.dumps(given, default=str)))
                    yield _DOC, Work(doc, path)
                except InputError as err:
                    problem = f"record {position}: {err.problem}"
                    yield _BAD_RECORD, InputError(path, problem, code=err.code)
    except (OSError, pa.ArrowException) as err:
        status = _FAILED if position else _BAD_INPUT  # what follows is unread
        yield status, InputError(path, f"cannot read as Parquet: {err}", code="bad-parquet")
        return
    if not position:
        yield _BAD_INPUT, InputError(path, "the Parquet file holds no records", code="empty")


# --- on the driver: writing the results -------------------------------------------------------


class _Parquet:
    """Annotated documents as Parquet files in a folder, at most ``PART_ROWS`` to a file (with a
    store, a file is written before each batch is stored); the files are named for the run, so
    that runs into the same folder add to it."""

    def __init__(self, folder: str) -> None:
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as err:
            raise SaysoError(f"{folder}: cannot write Parquet files there: {err}") from err
        self.prefix = os.path.join(folder, uuid.uuid4().hex[:12])
        self.rows: list[dict[str, Any]] = []
        self.parts = 0

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= PART_ROWS:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.rows:
            table = pa.Table.from_pylist(self.rows, schema=row_schema())
            pq.write_table(table, f"{self.prefix}-{self.parts:05d}.parquet")
            self.parts += 1
            self.rows.clear()


@dataclass(frozen=True)
class _Output:
    """Where the results go, and who hears of each document; on leaving, what is left for
    Parquet is written, so that what a stopped run stored is there too."""

    store: Store | None
    parquet: _Parquet | None
    on_progress: ProgressHook | None
    batch_size: int
    stages: tuple[str, ...]  # the run's: a version whose documents lack some is written again

    def __enter__(self) -> _Output:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.parquet is not None:
            self.parquet.flush()


class _Writer:
    """One input's rows: documents into the store (through the local engine's InputWriter)
    and, annotated ones, into Parquet; problems into the input's report."""

    def __init__(self, item: _Planned, output: _Output) -> None:
        self.output = output
        store = output.store if item.digest is not None else None  # None: nothing to store
        # Parquet is written before each batch is stored, so that what a stopped run stored
        # is in Parquet too: documents reach Parquet at least once (its rows may repeat)
        parquet = output.parquet.flush if output.parquet else None
        self.input = InputWriter(
            item.report,
            store,
            item.digest,
            output.batch_size,
            output.on_progress,
            0,
            parquet,
            output.stages,
        )

    def take(self, row: dict[str, Any]) -> None:
        status = row["status"]
        if status in (_DOC, _KNOWN):
            if status == _DOC and self.output.parquet is not None:
                self.output.parquet.add(row)
            self.input.keep(Document.from_row(row), row["line"] or 0)  # JSON Lines: its line
            return
        error = InputError(
            self.input.report.path, row["problem"], code=row["code"], line=row["line"]
        )
        if status == _FAILED:
            self.input.fail(error)
            return
        if status == _NOT_AGAIN:
            self.input.keep_unextracted(error, Document.from_row(row), row["line"] or 0)
            return
        self.input.report.errors.append(error)
        if status == _BAD_INPUT:
            self.input.drop()

    def finish(self) -> FileReport:
        return self.input.finish()
