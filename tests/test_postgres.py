"""PostgreSQL's own cases: runs writing one database at once, the command line against a
server, the same answers as SQLite on a real dossier, and connection errors. The behaviours
both databases share are tested in test_store.py, on each."""

from __future__ import annotations

import json
import multiprocessing
import random
import subprocess
import sys
import traceback
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner

from sayso.errors import StoreError
from sayso.model import Document, Entity, Mention, Quote, Speaker
from sayso.present.cli import app
from sayso.present.web import create_app
from sayso.store import EventFilter, FigureFilter, QuoteFilter, Store
from sayso.store.migrations import MIGRATIONS
from sayso.store.postgres import redact

if TYPE_CHECKING:
    from conftest import WebClient

ROOT = Path(__file__).resolve().parent.parent
DOSSIER = ROOT / "examples" / "dossier.txt"
runner = CliRunner()

WRITERS = 4
DOCUMENTS = 120  # documents in all, each file version holding half of them
PATHS = ("a.txt", "b.txt", "c.txt", "d.txt")
DIGESTS = ("first", "second")  # two versions of each path
BATCH = 7


def _document(n: int) -> Document:
    """Document ``n``, the same in every process, with a mention and a quote."""
    text = f"Report {n}: Anna Kovalenko said talks on day {n} had stalled."
    speaker = Speaker("Anna Kovalenko", "Anna Kovalenko", 10, 24, None, "person")
    quote = Quote(
        f"talks on day {n} had stalled", 30, len(text) - 1, "indirect", "said", 25, 29, speaker, 0.8
    )
    entity = Entity(
        "name:anna-kovalenko", "Anna Kovalenko", "person", None, [Mention("Anna Kovalenko", 10, 24)]
    )
    start = 1000 * n
    return Document(text, "x", start, start + len(text), quotes=[quote], entities=[entity])


def _contents() -> dict[tuple[str, str], list[int]]:
    """Which documents each version of each file holds: overlapping sets."""
    chance = random.Random(7)
    return {
        (path, digest): sorted(chance.sample(range(DOCUMENTS), DOCUMENTS // 2))
        for path in PATHS
        for digest in DIGESTS
    }


def _write(url: str, seed: int, start: Barrier) -> None:
    """One run: opens the store (a new database: all migrate at once), then writes every
    version of every file, in its own order, in batches."""
    try:
        start.wait()
        chance = random.Random(seed)
        files = list(_contents().items())
        chance.shuffle(files)
        with Store(url) as store:
            for (path, digest), numbers in files:
                chance.shuffle(numbers)
                file = store.open_file(path, digest)
                if file is None:
                    continue  # another run stored this version whole meanwhile
                for at in range(0, len(numbers), BATCH):
                    store.add_documents(file, [_document(n) for n in numbers[at : at + BATCH]])
                store.close_file(file)
    except BaseException:
        traceback.print_exc()
        raise


def test_runs_writing_at_once_store_each_document_and_version_once(pg_url: str) -> None:
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(WRITERS)
    runs = [context.Process(target=_write, args=(pg_url, seed, start)) for seed in range(WRITERS)]
    for run in runs:
        run.start()
    for run in runs:
        run.join(timeout=120)
    assert [run.exitcode for run in runs] == [0] * WRITERS

    contents = _contents()
    with Store(pg_url, create=False) as store:
        assert store.schema_version == len(MIGRATIONS)
        stored = {n for numbers in contents.values() for n in numbers}
        assert store.count() == len(stored)
        rows = store.backend.execute(
            "SELECT path, digest, version, failed, complete FROM files ORDER BY path, version"
        ).fetchall()
        assert sorted((path, version) for path, _, version, _, _ in rows) == [
            (path, version) for path in PATHS for version in (1, 2)
        ]
        assert {(failed, complete) for *_, failed, complete in rows} == {(0, 1)}
        for path, digest, *_ in rows:
            assert store.has_file(path, digest)
            occurrences = store.backend.execute(
                "SELECT o.document_id FROM occurrences o JOIN files f ON f.id = o.file_id"
                " WHERE f.path = ? AND f.digest = ?",
                (path, digest),
            ).fetchall()
            assert sorted(id_ for (id_,) in occurrences) == sorted(
                _document(n).id for n in contents[path, digest]
            )
        assert len(list(store.mentions())) == len(stored)
        assert len(list(store.quotes(QuoteFilter(said_by=("Anna Kovalenko",))))) == len(stored)
        assert store.get(_document(3).id).quotes == _document(3).quotes


def test_commands_ingest_and_read_a_server_database(pg_url: str) -> None:
    ingested = runner.invoke(app, ["ingest", "--workers", "1", "--db", pg_url, str(DOSSIER)])
    assert ingested.exit_code == 0, ingested.output
    assert "4 document(s) in the database" in ingested.stdout
    again = runner.invoke(app, ["ingest", "--workers", "1", "--db", pg_url, str(DOSSIER)])
    assert "unchanged" in again.stdout
    docs = _jsonl(runner.invoke(app, ["docs", "--db", pg_url, "--format", "jsonl"]).stdout)
    nbc = next(d for d in docs if d["outlet"] == "NBC News")
    found = runner.invoke(app, ["search", "--db", pg_url, "stalemate"])
    assert found.exit_code == 0 and str(nbc["id"])[:8] in found.stdout
    assert runner.invoke(app, ["search", "--db", pg_url, "xylophone"]).exit_code == 1
    unbalanced = runner.invoke(app, ["search", "--db", pg_url, '"U.S." officials OR ('])
    assert unbalanced.exit_code == 0 and "not a valid" not in unbalanced.stderr  # read as words
    quotes = runner.invoke(app, ["quotes", "--db", pg_url, "--speaker", "Sullivan"])
    assert quotes.exit_code == 0 and "Jake Sullivan" in quotes.stdout
    shown = runner.invoke(app, ["show", "--db", pg_url, str(nbc["id"])[:8]])
    assert shown.exit_code == 0 and "Courtney Kube" in shown.stdout


def test_a_record_with_a_nul_is_stored(pg_url: str, tmp_path: Path) -> None:
    path = tmp_path / "nul.jsonl"
    path.write_text(json.dumps({"text": "Kyiv\u0000 said no.", "title": "A\u0000B"}) + "\n")
    ingested = runner.invoke(app, ["ingest", "--workers", "1", "--db", pg_url, str(path)])
    assert ingested.exit_code == 0, ingested.output
    with Store(pg_url, create=False) as store:
        (doc,) = store.documents()
    assert (doc.text, doc.title) == ("Kyiv\ufffd said no.", "A\ufffdB")


def test_sqlite_and_postgresql_give_the_same_answers(pg_url: str, tmp_path: Path) -> None:
    sqlite_db = str(tmp_path / "s.db")
    for db in (sqlite_db, pg_url):
        result = runner.invoke(app, ["ingest", "--workers", "1", "--db", db, str(DOSSIER)])
        assert result.exit_code == 0, result.output
    asks = [
        ["docs", "-f", "jsonl"],
        ["export"],
        ["quotes", "-f", "jsonl", "--limit", "0"],
        ["quotes", "-f", "jsonl", "--speaker", "PUTIN"],
        ["quotes", "-f", "jsonl", "negotiations"],
        ["quotes", "-f", "jsonl", '"peace negotiations"', "--since", "2023", "--type", "anonymous"],
        ["actors", "-f", "jsonl"],
        ["actors", "-f", "jsonl", "kiev"],
        ["timeline", "-f", "jsonl", "--limit", "0"],
        ["timeline", "-f", "jsonl", "--actor", "Lavrov"],
        ["timeline", "-f", "jsonl", "--newest", "--since", "2022-02", "--until", "2023"],
        ["positions", "-f", "json"],
        ["profiles", "-f", "json"],
        ["compare", "-f", "json"],
    ]
    for ask in asks:
        answers = [runner.invoke(app, [*ask, "--db", db]) for db in (sqlite_db, pg_url)]
        assert answers[0].exit_code == 0, answers[0].output
        assert answers[0].stdout == answers[1].stdout, ask
    with Store(sqlite_db) as lite, Store(pg_url) as server:
        for ask_store in (
            lambda s: s.quantities(order="value"),
            lambda s: s.quantities(order="unit", descending=True),
            lambda s: s.events(),
            lambda s: s.events(EventFilter(("Q7747",)), limit=5),
            lambda s: s.quotes_by_month(),
            lambda s: s.quote_facets(),
            lambda s: s.count_quotes(QuoteFilter(text="the war", until="2023-06")),
            lambda s: s.events_by_month(),
            lambda s: s.figure_units(),
            lambda s: s.document_facets(),
            lambda s: s.quantities(FigureFilter(unit="count", since="2023"), order="value"),
            lambda s: s.citations([d.id for d in s.documents(layers=())]),
            lambda s: s.outlets(),
            lambda s: sorted(s.actor_counts()),
        ):
            assert ask_store(lite) == ask_store(server)
        words = ["Ukraine", "talks", "Putin"]
        for word in words:
            assert {h.document.id for h in lite.search(word, 50)} == {
                h.document.id for h in server.search(word, 50)
            }


def test_the_web_app_serves_a_server_database(
    pg_url: str, tmp_path: Path, web_client: WebClient
) -> None:
    sqlite_db = str(tmp_path / "s.db")
    for db in (sqlite_db, pg_url):
        result = runner.invoke(app, ["ingest", "--workers", "1", "--db", db, str(DOSSIER)])
        assert result.exit_code == 0, result.output
    lite, server = web_client(create_app(sqlite_db)), web_client(create_app(pg_url))
    apis = (
        "documents",
        "actors",
        "actors/Q7747",
        "figures",
        "timeline",
        "timeline?order=newest&since=2022",
        "quotes?q=negotiations&speaker_type=person",
        "claims",
        "positions",
    )
    for api in apis:
        answers = [client.get(f"/api/{api}") for client in (lite, server)]
        assert answers[0].status_code == 200 and answers[0].json() == answers[1].json(), api
    pages = (
        "/",
        "/actors",
        "/figures",
        "/timeline",
        "/quotes",
        "/positions",
        "/profiles",
        "/claims",
    )
    for page in pages:
        assert server.get(page).status_code == 200, page
    assert "<mark>stalemate</mark>" in server.get("/", params={"q": "stalemate"}).text


def test_two_commands_ingesting_at_once(pg_url: str, tmp_path: Path) -> None:
    one, two = tmp_path / "one.txt", tmp_path / "two.txt"
    one.write_text(DOSSIER.read_text())
    two.write_text(
        DOSSIER.read_text()
        + "\nBy Ann Lee, Wire, 1/2/24\nKYIV — Shelling resumed overnight, officials said.\n"
    )
    command = [sys.executable, "-m", "sayso", "ingest", "--workers", "1", "--quiet", "--db", pg_url]
    runs = [
        subprocess.Popen([*command, *paths], stderr=subprocess.PIPE, text=True)
        for paths in ([str(one), str(two)], [str(two), str(one)])
    ]
    for run in runs:
        _, errors = run.communicate(timeout=300)
        assert (run.returncode, errors) == (0, "")
    with Store(pg_url, create=False) as store:
        assert store.count() == 5
        rows = store.backend.execute("SELECT path, version, complete FROM files").fetchall()
        assert sorted(rows) == [(str(one), 1, 1), (str(two), 1, 1)]


def test_the_schema_is_sqlites(pg_store: Store, tmp_path: Path) -> None:
    """The same tables with the same columns and indexes; the full-text indexes aside."""
    tables = (
        "files",
        "documents",
        "occurrences",
        "annotations",
        "mentions",
        "quote_spans",
        "quote_actors",
        "failures",
        "quotes",
    )
    with Store(tmp_path / "s.db") as lite:
        for table in tables:
            columns = [row[1] for row in lite.backend.execute(f"PRAGMA table_info({table})")]
            server = pg_store.backend.execute(
                "SELECT column_name FROM information_schema.columns"
                " WHERE table_name = ? AND column_name <> 'fts' ORDER BY ordinal_position",
                (table,),
            )
            assert [name for (name,) in server] == columns, table
        indexes = lite.backend.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        )
        server_indexes = pg_store.backend.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
            " AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key'"
        )
        assert {name for (name,) in indexes} | {"documents_fts", "quotes_fts"} == {
            name for (name,) in server_indexes
        }


def test_a_database_with_other_tables_is_refused(pg_url: str) -> None:
    psycopg = pytest.importorskip("psycopg")
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id integer)")
    with pytest.raises(StoreError, match="not a sayso database"):
        Store(pg_url)


def test_errors_name_the_server_without_its_password(postgres_url: str) -> None:
    with pytest.raises(StoreError) as raised:
        Store("postgresql://sayso:s3cret@127.0.0.1:1/news")
    message = str(raised.value)
    assert message.startswith("postgresql://sayso@127.0.0.1:1/news: cannot connect:")
    assert "s3cret" not in message and "\n" not in message
    assert redact("postgres://u@h/db?password=x&sslmode=require") == "postgresql://u@h/db"
    for password in ("se#cret", "se?cret", "se[cret"):
        assert "cret" not in redact(f"postgresql://u:{password}@h:5432/db")
    with pytest.raises(StoreError) as unreadable:
        Store("postgresql://u:se%zzcret@127.0.0.1:1/db")
    assert "zzcret" not in str(unreadable.value)
    missing = postgres_url.rsplit("/", 1)[0] + "/no_such_database"
    with pytest.raises(StoreError, match='database "no_such_database" does not exist'):
        Store(missing)


def test_without_psycopg_a_url_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.delitem(sys.modules, "sayso.store.postgres", raising=False)
    with pytest.raises(StoreError, match=r"pip install 'sayso\[postgres\]'") as raised:
        Store("postgresql://localhost/news")
    assert "\n" not in str(raised.value)


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]
