"""The Ray engine on a local Ray of two workers: the same store as the local engine, Parquet in
and out, and a rerun that goes on where a stopped run stopped."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sayso.batch import FileReport, ingest
from sayso.batch.ray_engine import _read, ingest_ray
from sayso.errors import SaysoError
from sayso.model import ROW_COLUMNS, Document
from sayso.present.cli import app
from sayso.settings import Settings
from sayso.store import FileVersion, Store

ray = pytest.importorskip("ray")
pq = pytest.importorskip("pyarrow.parquet")

ROOT = Path(__file__).resolve().parent.parent
RECORDS = [
    {
        "id": "r-1",
        "title": "Talks resume in Istanbul",
        "outlet": "Wire",
        "date": "2024-03-05",
        "url": "https://example.org/talks",
        "text": 'Negotiators met in Istanbul on Tuesday. "We are ready to talk," the foreign'
        " minister told reporters, adding that 12 prisoners had been exchanged.",
    },
    {
        "id": "007",
        "section": "world",
        "authors": "Ann Lee; Bo Chan",
        "date": "last Tuesday",
        "text": "Kharkiv was shelled overnight, the regional governor said. Three people were"
        " wounded and a school was damaged, according to the emergency service.",
    },
    {
        "text": "The central bank raised its key rate by 0.5 percentage points to 16%, its"
        " governor said, warning that inflation would stay high until 2025.",
        "outlet": "Markets Daily",
    },
]


@pytest.fixture(scope="module", autouse=True)
def local_ray() -> Iterator[None]:
    """One local Ray of two CPUs for the module, which each run joins: starting one takes
    seconds."""
    ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Plain text (one a dump of four pieces), an HTML page, and JSON Lines with a bad line."""
    folder = tmp_path_factory.mktemp("inputs")
    shutil.copy(ROOT / "examples" / "dossier.txt", folder / "dossier.txt")
    shutil.copy(ROOT / "tests" / "fixtures" / "briefing_excerpt.txt", folder / "briefing.txt")
    shutil.copy(ROOT / "tests" / "fixtures" / "article.html", folder / "article.html")
    lines = [json.dumps(record) for record in RECORDS]
    lines.insert(2, '{"text": oops}')
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _summary(reports: list[FileReport]) -> list[tuple[Any, ...]]:
    return [
        (r.path, r.version, r.documents, r.new, r.known, r.unchanged, [str(e) for e in r.errors])
        for r in reports
    ]


def _stored(db: Path) -> list[dict[str, Any]]:
    with Store(db, create=False) as store:
        return [doc.to_dict() for doc in store.documents()]


def _parquet(folder: Path) -> list[dict[str, Any]]:
    table = pq.read_table(folder)
    assert tuple(table.column_names) == ROW_COLUMNS
    return sorted(
        (Document.from_row(row).to_dict() for row in table.to_pylist()), key=lambda d: d["id"]
    )


def test_ray_stores_what_the_local_engine_stores(inputs: Path, tmp_path: Path) -> None:
    too_long = inputs.parent / "too-long.jsonl"  # a document the pipeline refuses
    too_long.write_text(json.dumps({"text": "Talks went on. " * 70_000}) + "\n")
    paths = [str(inputs), str(too_long), str(inputs / "missing.txt")]
    with Store(tmp_path / "local.db") as store:
        local = _summary(list(ingest(paths, store, workers=1)))
    with Store(tmp_path / "ray.db") as store:
        reports = list(ingest_ray(paths, store, workers=2, parquet=str(tmp_path / "parquet")))
    assert _summary(reports) == local
    assert [len(r.errors) for r in reports] == [0, 0, 0, 1, 1, 1]
    assert "records.jsonl:3: invalid JSON" in str(reports[3].errors[0])
    assert "is longer than the 1,000,000 sayso parses" in str(reports[4].errors[0])
    assert str(reports[5].errors[0]).endswith("missing.txt: no such file or directory")
    stored = _stored(tmp_path / "ray.db")
    assert stored == _stored(tmp_path / "local.db")
    assert len(stored) == 9 and sum(bool(doc["quotes"]) for doc in stored) >= 5
    assert _parquet(tmp_path / "parquet") == sorted(stored, key=lambda d: d["id"])


def test_cli_joins_a_running_ray_and_a_rerun_stores_nothing_new(
    inputs: Path, tmp_path: Path
) -> None:
    command = ["ingest", "--engine", "ray", "--workers", "2", "--db", str(tmp_path / "s.db")]
    address = ray.get_runtime_context().gcs_address
    env = {**os.environ, "RAY_AUTH_MODE": "token"}  # as a Ray that ray.init started wants
    first = subprocess.run(
        [sys.executable, "-m", "sayso", *command, "--address", address, str(inputs)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert first.returncode == 1, first.stderr
    assert first.stderr.strip().splitlines() == [
        f"error: {inputs / 'records.jsonl'}:3: invalid JSON: Expecting value (column 10)"
    ]
    assert "Ingested 4 input(s); 9 document(s) in the database" in first.stdout
    again = CliRunner().invoke(app, [*command, str(inputs)])  # joins this process's Ray
    assert again.exit_code == 0, again.output
    assert again.stdout.count("unchanged") == 4
    assert "Ingested 4 input(s); 9 document(s) in the database" in again.stdout


def test_a_stopped_run_goes_on_without_annotating_again(inputs: Path, tmp_path: Path) -> None:
    records = [str(inputs / "records.jsonl")]

    def stop_at_the_third(_path: str, done: int, _total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with Store(tmp_path / "stopped.db") as store:
        with pytest.raises(KeyboardInterrupt):
            list(ingest_ray(records, store, on_progress=stop_at_the_third, batch_size=2))
        assert store.count() == 2  # one whole batch; the second was never written
        (report,) = ingest_ray(records, store, parquet=str(tmp_path / "parquet"))
    assert (report.version, report.documents, report.new, report.known) == (1, 3, 1, 2)
    with Store(tmp_path / "clean.db") as store:
        list(ingest(records, store, workers=1))
    assert _stored(tmp_path / "stopped.db") == _stored(tmp_path / "clean.db")
    (annotated,) = _parquet(tmp_path / "parquet")  # the two stored already were not redone
    assert annotated["source_id"] is None and annotated["outlet"] == "Markets Daily"


def test_documents_made_without_a_stage_are_extracted_again_as_locally(
    inputs: Path, tmp_path: Path
) -> None:
    paths = [str(inputs / "records.jsonl"), str(inputs / "dossier.txt")]
    bylines = Settings(stages=("metadata", "genre"))
    for engine in ("local", "ray"):
        with Store(tmp_path / f"{engine}.db") as store:
            list(ingest(paths, store, bylines))
            more = ingest_ray(paths, store) if engine == "ray" else ingest(paths, store)
            reports = list(more)
        assert [(r.version, r.new, r.known, r.replaced) for r in reports] == [
            (1, 0, 0, 3),
            (1, 0, 0, 4),
        ]
    assert _stored(tmp_path / "ray.db") == _stored(tmp_path / "local.db")
    assert all(doc["stages"] == list(Settings().stages) for doc in _stored(tmp_path / "ray.db"))


def test_parquet_is_written_before_each_batch_is_stored(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """So that a run killed between the two leaves in Parquet all it stored (rows may repeat)."""
    out, store_batch = tmp_path / "parquet", Store.add_documents
    in_parquet_first = []

    def add_documents(
        self: Store, file: FileVersion, documents: list[Document], records: list[int]
    ) -> Any:
        written = {doc["id"] for doc in _parquet(out)} if any(out.glob("*.parquet")) else set()
        in_parquet_first.append({doc.id for doc in documents} <= written)
        return store_batch(self, file, documents, records)

    monkeypatch.setattr(Store, "add_documents", add_documents)
    with Store(tmp_path / "s.db") as store:
        list(ingest_ray([str(inputs / "records.jsonl")], store, parquet=str(out), batch_size=2))
    assert in_parquet_first == [True, True]


def test_parquet_records_without_a_database(tmp_path: Path) -> None:
    """Parquet rows are read as the JSON records they hold, a row group at a time."""
    pa = pytest.importorskip("pyarrow")
    (tmp_path / "in").mkdir()
    columns = {key for record in RECORDS for key in record}  # null where a record has none
    table = pa.Table.from_pylist([{key: r.get(key) for key in columns} for r in RECORDS])
    pq.write_table(table, tmp_path / "in" / "part-0.parquet", row_group_size=2)
    (tmp_path / "in" / "broken.parquet").write_bytes(b"PAR1 not really")
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    out = tmp_path / "out"
    options = ["--engine", "ray", "-w", "2", "--no-store", "--parquet", str(out)]
    result = CliRunner().invoke(app, ["ingest", *options, str(tmp_path / "in"), str(jsonl)])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"error: {tmp_path / 'in' / 'broken.parquet'}: cannot read")
    assert "no database" in result.stdout
    by_source: dict[str, list[dict[str, Any]]] = {}
    for doc in _parquet(out):
        by_source.setdefault(Path(doc.pop("source")).suffix, []).append(doc)
    assert by_source[".parquet"] == by_source[".jsonl"]
    assert len(by_source[".jsonl"]) == 3


@pytest.mark.filterwarnings("ignore:The maximum number of concurrent tasks")
def test_one_json_lines_input_is_cut_into_blocks_for_every_worker(tmp_path: Path) -> None:
    """Ray hands an actor a block at a time: one large input must make many."""
    path = tmp_path / "many.jsonl"
    path.write_text("".join(json.dumps(RECORDS[0] | {"id": n}) + "\n" for n in range(1000)))
    blocks = _read(ray, [str(path)], Settings(), 2).iter_batches(batch_size=None)
    sizes = [len(block["id"]) for block in blocks]
    assert sum(sizes) == 1000 and len(sizes) >= 4


def test_usage_errors_and_no_ray(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    for options, problem in [
        (["--parquet", "out"], "--address, --parquet and --no-store need --engine ray"),
        (["--engine", "ray", "--no-store"], "--no-store needs --parquet DIR"),
    ]:
        result = runner.invoke(app, ["ingest", *options, str(tmp_path)])
        assert result.exit_code == 2 and problem in result.stderr
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(SaysoError, match=r"the Ray engine needs ray: pip install 'sayso\[ray\]'"):
        list(ingest_ray([str(tmp_path)], None, parquet=str(tmp_path / "out")))


def test_an_input_unreadable_partway_is_not_called_stored(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    good = "".join(
        json.dumps({"text": f"Kyiv said no for the {n}th time."}) + "\n" for n in range(400)
    )
    path.write_bytes(good.encode() + '{"text": "Caf\xe9 owners said no."}\n'.encode("latin-1"))
    with Store(tmp_path / "s.db") as store:
        (report,) = ingest_ray([str(path)], store, workers=2)
        (digest,) = store.backend.execute("SELECT digest FROM files").fetchone()
        assert not store.has_file(str(path), digest)  # the next run tries it again
    assert 0 < report.documents < 400 and "undecodable bytes" in str(report.errors[-1])
