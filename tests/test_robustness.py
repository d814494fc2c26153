"""Inputs that used to crash or stall a run: each gets one clear line, or is read as well as
it can be, and the rest of the batch is stored; odd texts cost time in proportion to their
size; what a document holds never reaches the terminal as control codes; a database that
cannot be written is said to be, and never damaged."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sayso.batch import extract
from sayso.model import Document
from sayso.present.cli import app
from sayso.settings import Settings
from sayso.store import Store

runner = CliRunner()
GOOD = "Officials said on Monday that the talks in Geneva would resume next week."


def _write(path: Path, data: str | bytes) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return str(path)


def test_inputs_that_crashed_a_run_are_read_or_refused_and_the_batch_goes_on(
    tmp_path: Path,
) -> None:
    record = {"text": GOOD.replace("Geneva", "Vienna"), "outlet": "Wire"}
    inputs = [
        _write(tmp_path / "first.txt", GOOD),
        # a lone surrogate, half of a character, escaped in JSON
        _write(tmp_path / "surrogate.jsonl", '{"text": "Kyiv \\ud800 said no.", "x": "\\udfff"}'),
        # an integer of 5,000 digits, and numbers JSON has no way to write
        _write(tmp_path / "numbers.jsonl", json.dumps(record)[:-1] + ', "n": ' + "7" * 5000 + "}"),
        _write(tmp_path / "nan.jsonl", json.dumps({"text": GOOD[:40], "score": float("nan")})),
        # nested 100,000 deep
        _write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000),
        _write(tmp_path / "deep.jsonl", '{"text": "a"}\n' + "[" * 100_000 + "]" * 100_000),
        _write(tmp_path / "last.txt", GOOD.replace("Monday", "Tuesday")),
    ]
    db = tmp_path / "s.db"
    result = runner.invoke(app, ["ingest", "--workers", "1", "--db", str(db), *inputs])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {inputs[4]}: invalid JSON: nested too deeply",
        f"error: {inputs[5]}:2: invalid JSON: nested too deeply",
    ]
    with Store(db, create=False) as store:
        documents = {Path(doc.source).name: doc for doc in store.documents()}
    assert set(documents) == {
        "first.txt",
        "surrogate.jsonl",
        "numbers.jsonl",
        "nan.jsonl",
        "deep.jsonl",
        "last.txt",
    }
    assert documents["surrogate.jsonl"].text == "Kyiv \ufffd said no."
    assert documents["surrogate.jsonl"].meta == {"x": "\ufffd"}
    assert documents["numbers.jsonl"].meta["n"] == "7" * 5000  # kept, as written
    exported = runner.invoke(app, ["export", "--db", str(db)])
    rows = [json.loads(line) for line in exported.stdout.splitlines()]  # strict JSON
    assert {"score": "NaN"} in [row["meta"] for row in rows]
    assert "NaN" not in exported.stdout.replace('"NaN"', "")


def test_a_record_given_twice_is_seen_twice(tmp_path: Path) -> None:
    line = json.dumps({"text": GOOD}) + "\n"
    path = _write(
        tmp_path / "twice.jsonl", line + json.dumps({"text": "Other news."}) + "\n" + line
    )
    db = tmp_path / "s.db"
    with Store(db) as store:
        assert runner.invoke(app, ["ingest", "-q", "--db", str(db), path]).exit_code == 0
        assert store.count() == 2
    with sqlite3.connect(db) as conn:
        records = conn.execute("SELECT record FROM occurrences ORDER BY record").fetchall()
    assert records == [(1,), (2,), (3,)]


def test_what_a_document_holds_reaches_the_terminal_without_control_codes(
    tmp_path: Path,
) -> None:
    hostile = "Peskov said \x1b]52;c;aGVsbG8=\x07 talks \x1b[2J resumed \x9b31m in Geneva."
    path = _write(tmp_path / "esc.jsonl", json.dumps({"text": hostile, "title": "T\x1b[31m"}))
    db = str(tmp_path / "s.db")
    assert runner.invoke(app, ["ingest", "-q", "--db", db, path]).exit_code == 0
    doc_id = runner.invoke(app, ["docs", "--db", db, "-f", "jsonl"]).stdout[8:16]
    for command in (
        ["show", doc_id],
        ["docs"],
        ["quotes"],
        ["search", "Geneva"],
        ["timeline"],
        ["actors"],
        ["compare"],
    ):
        shown = runner.invoke(app, [*command, "--db", db])
        assert "\x1b" not in shown.stdout and "\x9b" not in shown.stdout, command
    record = runner.invoke(app, ["show", doc_id, "--db", db, "-f", "jsonl"]).stdout
    assert "\\u001b" in record and "\\u009b" in record and json.loads(record)["text"] == hostile


# --- odd texts --------------------------------------------------------------------------------

ODD = st.sampled_from(
    [
        ":",
        "(",
        ")",
        '"',
        "“",
        "”",
        "'",
        "— ",
        "MR. ",
        "said ",
        "“He said ",
        "Spokesman: ",
        "Q ",
        "\n",
        "\n\n",
        " ",
        ".",
        "According to ",
        "Putin",
        "1,000 ",
    ]
)
ODD_TEXT = st.lists(st.tuples(ODD, st.integers(1, 400)), min_size=1, max_size=40).map(
    lambda runs: "".join(piece * times for piece, times in runs)
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ODD_TEXT)
def test_odd_texts_take_time_in_proportion_to_their_size(tmp_path: Path, text: str) -> None:
    """Runs of punctuation, labels, cue words and quote marks: at most a tenth of a second
    a kilobyte (prose takes about a thirtieth), however they are mixed."""
    path = _write(tmp_path / "odd.txt", text)
    started = time.perf_counter()
    found = list(extract([path], Settings(), workers=0))
    seconds = time.perf_counter() - started
    assert seconds < 2 + 0.1 * len(text.encode()) / 1000, (seconds, len(text))
    for item in found:
        if isinstance(item, Document):
            assert all(item.text[q.start : q.end] == q.text for q in item.quotes)


def test_a_megabyte_of_punctuation_is_one_document_parsed_in_seconds(tmp_path: Path) -> None:
    """Dashes and quote marks in one paragraph (once minutes and gigabytes)."""
    path = _write(tmp_path / "dashes.txt", "— “ ” " * 160_000)
    started = time.perf_counter()
    (doc,) = extract([path], Settings(), workers=0)
    assert isinstance(doc, Document) and time.perf_counter() - started < 60


# --- databases that cannot be written ---------------------------------------------------------


# Run as another user than root (root may write any file): the interpreter starts as root,
# imports what it needs, then becomes that user, so that it need not be able to read the
# interpreter's own folder. "add PATH": store a note as a new document; else a command.
_AS_USER = """
import os, sys
from sayso import Document, Store
from sayso.present.cli import app
uid, gid = int(sys.argv[1]), int(sys.argv[2])
if uid != os.geteuid():
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
if sys.argv[3] == "add":
    text = "Officials said on Tuesday that the talks would resume, " + sys.argv[5]
    with Store(sys.argv[4]) as store:
        store.add(sys.argv[5], sys.argv[5], [Document(text, sys.argv[5], 0, len(text))])
else:
    sys.argv = ["sayso", *sys.argv[3:]]
    app()
"""


@pytest.fixture
def other_user() -> Iterator[tuple[tuple[int, int], Path]]:
    """A user without root's powers (as root: nobody) and a folder that user owns."""
    folder = Path(tempfile.mkdtemp(prefix="sayso-ro-"))
    user = (os.geteuid(), os.getegid())
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        user = (nobody.pw_uid, nobody.pw_gid)
        os.chown(folder, *user)
    try:
        yield user, folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _as(user: tuple[int, int], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _AS_USER, str(user[0]), str(user[1]), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_read_only_database_is_read_and_never_left_unwritable(
    other_user: tuple[tuple[int, int], Path],
) -> None:
    user, folder = other_user
    db = str(folder / "s.db")
    assert _as(user, "add", db, "first").returncode == 0
    os.chmod(db, 0o444)
    listed = _as(user, "docs", "--db", db)
    assert listed.returncode == 0 and "1 document(s)" in listed.stdout, listed.stderr
    assert not os.path.exists(f"{db}-shm")  # read as immutable: nothing made beside it
    refused = _as(user, "add", db, "second")
    assert refused.returncode != 0 and "read-only (this user may not write it)" in refused.stderr
    note = _write(folder / "note.txt", GOOD)
    said = _as(user, "ingest", "-q", "--db", db, note)
    assert said.returncode == 2
    assert said.stderr.strip() == f"error: {db}: read-only (this user may not write it)"
    os.chmod(db, 0o644)
    again = _as(user, "add", db, "third")
    assert again.returncode == 0, again.stderr


def test_a_stale_read_only_journal_is_mended_before_a_write(
    other_user: tuple[tuple[int, int], Path],
) -> None:
    user, folder = other_user
    db = str(folder / "s.db")
    assert _as(user, "add", db, "first").returncode == 0
    shm = Path(f"{db}-shm")
    shm.write_bytes(b"")
    os.chown(shm, *user)
    os.chmod(shm, 0o444)  # as a reader of a read-only database used to leave it
    again = _as(user, "add", db, "second")
    assert again.returncode == 0, again.stderr  # once: "attempt to write a readonly database"
    assert not shm.exists() or stat.S_IMODE(shm.stat().st_mode) & stat.S_IWUSR


def test_an_empty_file_is_no_database_and_is_left_as_it_is(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.write_bytes(b"")
    listed = runner.invoke(app, ["docs", "--db", str(db)])
    assert listed.exit_code == 2
    assert listed.stderr.strip() == f"error: {db}: an empty file, not a sayso database"
    assert db.read_bytes() == b""


def test_a_database_in_a_folder_that_cannot_be_written_says_so(
    other_user: tuple[tuple[int, int], Path],
) -> None:
    user, folder = other_user
    locked = folder / "locked"
    locked.mkdir()
    os.chown(locked, *user)
    os.chmod(locked, 0o555)
    made = _as(user, "add", str(locked / "s.db"), "first")
    assert made.returncode != 0
    assert f"{locked / 's.db'}: cannot create it: the folder {locked} is not writable" in (
        made.stderr
    )
