"""Batches: worker processes give the same result as one process, and a stopped or killed
ingest keeps what it stored and goes on from there when run again."""

from __future__ import annotations

import importlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from sayso.batch import FileReport, extract, ingest
from sayso.errors import InputError, InputWarning
from sayso.extract import registered, registry, stage
from sayso.extract.registry import StageFunction
from sayso.model import Document
from sayso.settings import DEFAULT_STAGES, Settings
from sayso.store import Store

PEOPLE = ["Anna Kovalenko", "Mark Ellis", "Olga Petrenko", "James Reid", "Ivan Sokolov"]
PLACES = ["Kherson", "Warsaw", "Odesa", "Brussels", "Kharkiv", "Vienna"]


def _article(n: int, paragraphs: int = 1) -> str:
    person, place = PEOPLE[n % len(PEOPLE)], PLACES[n % len(PLACES)]
    body = (
        f'"We will not give up {place}," {person} told reporters. '
        f"The ministry said {n + 3} soldiers and {10 * n + 7} civilians had been wounded "
        f"since March {n % 27 + 1}, 2023. Critics said the figure was probably too low."
    )
    return f"{place} talks stalled on day {n}, officials said on Monday.\n\n" + "\n\n".join(
        [body] * paragraphs
    )


def _corpus(folder: Path, files: int, per_file: int, paragraphs: int = 1) -> list[str]:
    """``files`` JSON Lines inputs of ``per_file`` articles each, and one bad input."""
    folder.mkdir(exist_ok=True)
    paths = []
    for f in range(files):
        path = folder / f"part{f:02d}.jsonl"
        records = [
            {"text": _article(f * per_file + i, paragraphs), "outlet": "Wire", "id": f"{f}-{i}"}
            for i in range(per_file)
        ]
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        paths.append(str(path))
    bad = folder / "zz_bad.json"
    bad.write_text("{not json", encoding="utf-8")
    return [*paths, str(bad)]


def _contents(db: Path) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    """Every stored document, and every file version with its occurrences."""
    with Store(db, create=False) as store:
        documents = [doc.to_dict() for doc in store.documents()]
    with sqlite3.connect(db) as conn:
        files = conn.execute(
            "SELECT f.path, f.version, f.failed, f.complete, o.document_id, o.start"
            " FROM files f JOIN occurrences o ON o.file_id = f.id ORDER BY 1, 2, 5, 6"
        ).fetchall()
    return documents, files


def test_workers_store_exactly_what_one_process_stores(tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "in", files=3, per_file=7)
    results = {}
    for workers in (0, 1, 2):
        db = tmp_path / f"w{workers}.db"
        with Store(db) as store:
            reports = list(ingest(inputs, store, workers=workers, batch_size=5))
        summary = [(r.path, r.documents, r.new, r.known, r.version, len(r.errors)) for r in reports]
        results[workers] = (summary, _contents(db))
    assert results[0] == results[1] == results[2]
    summary, (documents, _) = results[2]
    assert [row[1:] for row in summary] == [(7, 7, 0, 1, 0)] * 3 + [(0, 0, 0, None, 1)]
    assert len(documents) == 21 and all(doc["quotes"] for doc in documents)


def test_extract_with_workers_keeps_input_order_and_errors_in_place(tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "in", files=2, per_file=10)
    one = list(extract(inputs, workers=0))
    two = list(extract(inputs, workers=2))
    assert [r.to_dict() if isinstance(r, Document) else str(r) for r in one] == [
        r.to_dict() if isinstance(r, Document) else str(r) for r in two
    ]
    assert [r.source_id for r in one if isinstance(r, Document)][:3] == ["0-0", "0-1", "0-2"]
    assert isinstance(one[-1], InputError) and "zz_bad.json" in str(one[-1])


def test_ingest_by_chosen_stages_then_by_more_extracts_again_what_lacks_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "_REGISTRY", registered())  # the test's stages go after it
    (path,) = _corpus(tmp_path / "in", files=1, per_file=5)[:1]
    db, clean = tmp_path / "s.db", tmp_path / "clean.db"
    bylines = Settings(stages=["metadata", "genre"])  # type: ignore[arg-type]  # as users write

    def run(settings: Settings, workers: int = 0) -> tuple[Any, ...]:
        with Store(db) as store:
            (report,) = ingest([path], store, settings, workers=workers, batch_size=2)
        return report.unchanged, report.version, report.new, report.known, report.replaced

    assert run(bylines) == (False, 1, 5, 0, 0)
    documents, _ = _contents(db)
    assert all(d["stages"] == ["metadata", "genre"] and not d["quotes"] for d in documents)
    assert run(bylines)[0] and run(Settings(stages=("genre",)))[0]  # nothing it lacks
    assert run(Settings(), workers=2) == (False, 1, 0, 0, 5)  # the same version, made whole
    with Store(clean) as store:
        list(ingest([path], store))
    assert _contents(db) == _contents(clean)  # as if every stage had run the first time
    assert run(Settings())[0] and run(bylines)[0]

    def counting(name: str) -> None:
        @stage(name, assigns=["meta"])
        def make(settings: Settings) -> StageFunction:
            def count(doc: Document) -> None:
                doc.meta[name] = sum(word.isupper() for word in doc.text.split())

            return count

    counting("shouting_test")

    # a plug-in's stage alone: run with every stage that made the documents, none lost
    assert run(Settings(stages=("shouting_test",))) == (False, 1, 0, 0, 5)
    documents, _ = _contents(db)
    assert all(d["stages"] == [*DEFAULT_STAGES, "shouting_test"] for d in documents)
    assert all(d["quotes"] and "shouting_test" in d["meta"] for d in documents)

    # a stage that made them taken away: extracting them again would lose its annotations
    del registry._REGISTRY["shouting_test"]
    counting("counting_test")
    with Store(db) as store:
        (report,) = ingest([path], store, Settings(stages=("metadata", "counting_test")))
    assert (report.replaced, report.known) == (0, 5)
    assert len(report.errors) == 5 and all(isinstance(e, InputWarning) for e in report.errors)
    assert "unknown stage 'shouting_test'" in str(report.errors[0])
    assert _contents(db)[0] == documents


def test_a_stored_document_that_fails_to_be_extracted_again_is_kept_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(registry, "_REGISTRY", registered())
    (path,) = _corpus(tmp_path / "in", files=1, per_file=3)[:1]
    db = tmp_path / "s.db"

    @stage("flaky_test", assigns=["meta"])
    def flaky(settings: Settings) -> StageFunction:
        def run(doc: Document) -> None:
            if "day 1," in doc.text:
                raise RuntimeError("flaked")
            doc.meta["flaky"] = True

        return run

    def run(settings: Settings) -> FileReport:
        with Store(db) as store:
            (report,) = ingest([path], store, settings)
        return report

    run(Settings(stages=("metadata", "genre")))
    stored, files = _contents(db)
    report = run(Settings(stages=("metadata", "flaky_test")))
    assert (report.replaced, report.known, report.new) == (2, 1, 0)
    assert [e.code for e in report.errors] == ["stage-failed"]
    after, seen = _contents(db)
    flaked = [d for d in after if "day 1," in d["text"]]
    assert flaked[0] in stored and seen == files  # as it was, and still seen in its file
    assert all(d["meta"].get("flaky") for d in after if d not in flaked)
    # later runs leave it, and say so, unless told to try again
    again = run(Settings(stages=("metadata", "flaky_test")))
    assert (again.replaced, again.known) == (0, 3) and not again.unchanged
    assert [(type(e), e.code) for e in again.errors] == [(InputWarning, "failed-before")]
    assert "--retry-failed tries it again" in str(again.errors[0])
    retried = run(Settings(stages=("metadata", "flaky_test"), retry_failed=True))
    assert [e.code for e in retried.errors] == ["stage-failed"] and retried.known == 3
    assert _contents(db) == (after, seen)


def test_an_interrupted_ingest_keeps_its_batches_and_goes_on(tmp_path: Path) -> None:
    (path,) = _corpus(tmp_path / "in", files=1, per_file=9)[:1]
    db = tmp_path / "stopped.db"

    def stop_after_seven(_path: str, done: int, _total: int) -> None:
        if done == 7:
            raise KeyboardInterrupt

    with Store(db) as store, pytest.raises(KeyboardInterrupt):
        list(ingest([path], store, on_progress=stop_after_seven, batch_size=3))
    with Store(db) as store:
        assert store.count() == 6  # two whole batches; the third was never written
        assert not store.has_file(path, _digest(store, path))
        (report,) = ingest([path], store, batch_size=3)
    assert (report.version, report.documents, report.new, report.known) == (1, 9, 3, 6)
    with Store(tmp_path / "clean.db") as store:
        list(ingest([path], store))
    assert _contents(db) == _contents(tmp_path / "clean.db")


def test_a_batch_is_written_after_a_few_seconds_however_small(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run killed between batches loses no more than a few seconds of work."""
    (path,) = _corpus(tmp_path / "in", files=1, per_file=4)[:1]
    monkeypatch.setattr("sayso.batch.FLUSH_S", 0.0)
    seen: list[int] = []
    with Store(tmp_path / "s.db") as store:

        def stored(_path: str, _done: int, _total: int) -> None:
            seen.append(store.count())

        list(ingest([path], store, on_progress=stored, batch_size=100))
    assert seen == [0, 1, 2, 3]  # each document written before the next (none waits 100)


def _digest(store: Store, path: str) -> str:
    (digest,) = store.backend.execute("SELECT digest FROM files WHERE path = ?", (path,)).fetchone()
    return str(digest)


def _ingest(db: Path, inputs: list[str]) -> list[str]:
    return [
        sys.executable,
        "-m",
        "sayso",
        "ingest",
        "--workers",
        "2",
        "-q",
        "--db",
        str(db),
        *inputs,
    ]


@pytest.mark.parametrize("victim", ["a worker", "the whole run"])
def test_a_killed_ingest_loses_nothing_committed(tmp_path: Path, victim: str) -> None:
    inputs = _corpus(tmp_path / "in", files=30, per_file=4, paragraphs=3)
    db = tmp_path / "killed.db"
    run = subprocess.Popen(
        _ingest(db, inputs), start_new_session=True, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 120
    while _complete_files(db) < 2:
        assert run.poll() is None and time.monotonic() < deadline, "ingest ended before the kill"
        time.sleep(0.1)
    if victim == "a worker":  # its document is extracted again in a new one; the run goes on
        os.kill(_workers_of(run.pid)[0], signal.SIGKILL)
        _, stderr = run.communicate(timeout=120)
        assert run.returncode == 1, stderr  # 1: the bad input
        died = [line for line in stderr.splitlines() if "died" in line]
        assert all("(signal 9: SIGKILL); it was extracted again" in line for line in died)
        assert _complete_files(db) == 30
    else:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait(timeout=60)
        assert 2 <= _complete_files(db) < 30
        assert not _workers_of(run.pid)  # the workers ended with the run
    again = subprocess.run(_ingest(db, inputs), capture_output=True, text=True, timeout=300)
    assert again.returncode == 1, again.stderr  # 1: the bad input, reported again
    clean = tmp_path / "clean.db"
    subprocess.run(_ingest(clean, inputs), capture_output=True, timeout=300)
    assert _contents(db) == _contents(clean)


def _complete_files(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db) as conn:
            (count,) = conn.execute("SELECT count(*) FROM files WHERE complete = 1").fetchone()
    except sqlite3.OperationalError:  # not created, or not migrated, yet
        return 0
    return int(count)


def _workers_of(pid: int) -> list[int]:
    """The worker processes ``pid`` started, from /proc (not its resource tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if parent == pid and b"spawn_main" in command:
            found.append(int(entry.name))
    return sorted(found)


# --- documents that crash or overrun their worker ---------------------------------------------

POISON = '''
"""A stage with a bug on some texts: it crashes its process, hangs, or takes all memory."""
import ctypes
import time

from sayso.extract.registry import stage


@stage("poison", assigns=())
def make_poison(settings):
    def run(doc):
        if "SEGFAULT" in doc.text:
            ctypes.string_at(0)
        if "HANG" in doc.text:
            time.sleep(600)
        if "HOG" in doc.text:
            hog = [b"x" * 2**20 for _ in range(3000)]
            time.sleep(600)
            del hog

    return run
'''


@pytest.fixture
def poisoned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings whose pipeline ends with the ``poison`` stage, which worker processes find as
    an installed plug-in (an entry point of a distribution on their path)."""
    plugin = tmp_path / "plugin"
    info = plugin / "sayso_poison-0.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: sayso-poison\nVersion: 0.0\n")
    (info / "entry_points.txt").write_text("[sayso.stages]\npoison = sayso_poison\n")
    (plugin / "sayso_poison.py").write_text(POISON)
    monkeypatch.setenv("PYTHONPATH", str(plugin))
    monkeypatch.syspath_prepend(str(plugin))
    importlib.import_module("sayso_poison")  # registers the stage in this process too

    return Settings(stages=(*Settings().stages, "poison"), document_seconds=8)


def _records(path: Path, texts: list[str]) -> str:
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    return str(path)


def test_a_document_that_crashes_its_worker_fails_alone_and_is_skipped_after(
    tmp_path: Path, poisoned: Settings
) -> None:
    first = _records(
        tmp_path / "a.jsonl",
        [_article(1), "SEGFAULT in this text, said the officials today.", _article(2)],
    )
    second = _records(tmp_path / "b.jsonl", [_article(3)])
    db = tmp_path / "s.db"
    with Store(db) as store:
        reports = list(ingest([first, second], store, poisoned, workers=1))
        assert [(r.documents, r.new) for r in reports] == [(2, 2), (1, 1)]
        (crashed,) = reports[0].errors
        assert crashed.code == "crashed" and crashed.line == 2
        assert "died (signal 11: SIGSEGV), twice" in str(crashed)
        assert store.count() == 3
        (again, _) = ingest([first, second], store, poisoned, workers=1)
        (skipped,) = again.errors
        assert skipped.code == "failed-before" and skipped.line == 2
        assert "--retry-failed" in str(skipped) and "SIGSEGV" in str(skipped)
        retried = replace(poisoned, retry_failed=True)
        (third, _) = ingest([first, second], store, retried, workers=1)
        assert [e.code for e in third.errors] == ["crashed"]


def test_a_document_past_its_time_or_memory_is_stopped_and_failed(
    tmp_path: Path, poisoned: Settings
) -> None:
    texts = ["A HANG here, the ministry said.", _article(4), "A HOG of memory, they said."]
    path = _records(tmp_path / "c.jsonl", texts)
    settings = replace(poisoned, document_seconds=6, document_memory_mb=1500)
    started = time.monotonic()
    found = list(extract([path], settings, workers=2))
    assert time.monotonic() - started < 60
    hang, good, hog = found
    assert isinstance(hang, InputError) and hang.code == "overran" and "6 s" in str(hang)
    assert isinstance(good, Document) and good.quotes
    assert isinstance(hog, InputError) and hog.code == "overran" and "1,500 MB" in str(hog)


def test_workers_end_when_the_run_is_killed(tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "in", files=20, per_file=4, paragraphs=3)
    run = subprocess.Popen(_ingest(tmp_path / "k.db", inputs), stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(_workers_of(run.pid)) < 2:
        assert run.poll() is None and time.monotonic() < deadline
        time.sleep(0.2)
    workers = _workers_of(run.pid)
    os.kill(run.pid, signal.SIGKILL)  # the run alone: its workers are not sent anything
    run.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() and _alive(pid) for pid in workers):
        assert time.monotonic() < deadline, "workers outlived the run"
        time.sleep(0.2)


def _alive(pid: int) -> bool:
    """Still running (a zombie waiting for its parent to be reaped is not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
