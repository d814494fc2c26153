"""The stage registry and sayso's document-level stages: metadata and genre."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from sayso import extract, nlp
from sayso.batch import ingest
from sayso.errors import InputError, PipelineError
from sayso.extract import Pipeline, completing, registered, registry, stage
from sayso.extract.genre import classify
from sayso.extract.metadata import describe
from sayso.extract.registry import StageFunction
from sayso.ingest import split_text
from sayso.model import Document
from sayso.settings import DEFAULT_STAGES, Settings
from sayso.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def registry_restored() -> Iterator[None]:
    """The stages a test registers are gone after it (a test run twice registers anew)."""
    kept = registered()  # sayso's own loaded first, so that they are kept
    yield
    registry._REGISTRY.clear()
    registry._REGISTRY.update(kept)


def _doc(text: str, **fields: object) -> Document:
    return Document(text=text, source="t.txt", start=0, end=len(text), **fields)  # type: ignore[arg-type]


def _dossier_documents(dossier_text: str) -> list[Document]:
    pipeline = Pipeline(Settings())
    return [pipeline(_doc(dossier_text[s.start : s.end])) for s in split_text(dossier_text)]


def test_dossier_metadata_and_genres(dossier_text: str) -> None:
    report, interview, lavrov, collapse = _dossier_documents(dossier_text)
    assert report.authors == ["Courtney Kube", "Carole E. Lee", "Kristen Welker"]
    assert (report.outlet, report.date, report.genre) == ("NBC News", "2023-11-03", "report")
    assert interview.genre == "interview"
    assert (lavrov.authors, lavrov.genre) == (["Ted Snider"], "opinion")
    assert collapse.genre == "opinion"


def test_given_metadata_wins_over_the_text() -> None:
    doc = _doc(
        "By Ann Lee, Wire, 1/2/24\nBody sentence here.",
        title="Given",
        authors=["Bo"],
        date="2020-01-01",
    )
    describe(doc)
    assert (doc.title, doc.authors, doc.date, doc.outlet) == ("Given", ["Bo"], "2020-01-01", "Wire")


def test_title_and_agency_dateline() -> None:
    doc = _doc(
        "Grain talks stall\n"
        "ISTANBUL (AP) — Negotiators failed on Tuesday to agree, two diplomats said."
    )
    describe(doc)
    assert (doc.title, doc.outlet) == ("Grain talks stall", "AP")


def test_briefing_is_a_transcript(fixtures: Path) -> None:
    doc = _doc((fixtures / "briefing_excerpt.txt").read_text())
    assert classify(doc) == "transcript"


def test_report_and_other() -> None:
    report = _doc(
        "Russia fired 40 missiles at Ukrainian cities overnight, officials said on Monday. "
        "The air force said 35 were shot down. Kyiv's mayor said two people were injured."
    )
    assert classify(report) == "report"
    assert classify(_doc("Ukraine")) == "other"


def test_registry_rejects_unknown_and_unsatisfied_stages() -> None:
    with pytest.raises(PipelineError, match="unknown stage 'nope'"):
        Pipeline(Settings(stages=("nope",)))

    @stage("needs_quotes_test", requires=("quotes",), assigns=("meta",))
    def make(settings: Settings) -> StageFunction:
        return lambda doc: None

    with pytest.raises(PipelineError, match="needs quotes, which no earlier stage assigns"):
        Pipeline(Settings(stages=("needs_quotes_test",)))
    assert {"metadata", "genre", "needs_quotes_test"} <= set(registered())


def test_importing_sayso_loads_no_language_model() -> None:
    # sayso's own stages (and spaCy with them) load when the registry is first read
    code = (
        "import sys, sayso, sayso.extract\n"
        "assert 'spacy' not in sys.modules, sorted(m for m in sys.modules if 'spacy' in m)[:5]\n"
        "from sayso.extract import registered\n"
        "assert {'metadata', 'quotes', 'stances'} <= set(registered())\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    # nor does the command line, whose listing commands read only the database
    code = "import sys, sayso.present.cli\nassert 'spacy' not in sys.modules\n"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_stage_names_only_fields_of_a_document() -> None:
    with pytest.raises(PipelineError, match="'speakers', which are no fields of a Document"):

        @stage("misnamed_test", assigns=("speakers",))
        def make(settings: Settings) -> StageFunction:
            return lambda doc: None

    assert "misnamed_test" not in registered()
    with pytest.raises(PipelineError, match="assigns 'stages', which the pipeline makes"):

        @stage("stages_maker_test", assigns=("stages", "meta"))
        def recorder(settings: Settings) -> StageFunction:
            return lambda doc: None

    with pytest.raises(PipelineError, match="assigns 'parse', which the pipeline makes"):

        @stage("parse_maker_test", assigns=("parse",))
        def parser(settings: Settings) -> StageFunction:
            return lambda doc: None

    # a plug-in may not take the name of one of sayso's own stages, whatever loads first
    with pytest.raises(PipelineError, match="'genre' is the name of one of sayso's own stages"):

        @stage("genre", assigns=("genre",))
        def shadow(settings: Settings) -> StageFunction:
            return lambda doc: None

    assert registered()["genre"].requires == ("text", "title")
    for stages, said in (((), "no stage named"), (("genre", "genre"), "named more than once")):
        with pytest.raises(PipelineError, match=said):
            Pipeline.check(Settings(stages=stages))


def test_a_document_records_its_stages_and_a_stored_one_is_completed_by_all() -> None:
    doc = Pipeline(Settings(stages=("metadata", "genre")))(_doc("By Ann Lee\nWords."))
    assert doc.stages == ["metadata", "genre"]
    assert completing(["metadata", "genre"], ["genre"]) == ()
    # sayso's own in their order whatever order made them, then plug-ins' as first named
    assert completing(["quotes", "plug_b", "metadata"], ["plug_a", "genre", "plug_b"]) == (
        "metadata",
        "genre",
        "quotes",
        "plug_b",
        "plug_a",
    )


def test_the_readme_plug_in_runs_beside_sayso_s_own_stages(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = next(b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if "@stage" in b)
    (tmp_path / "examples").mkdir()
    shutil.copy(ROOT / "examples" / "dossier.txt", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    with Store("sayso.db") as store:  # stored before, by every stage of sayso's own
        list(ingest(["examples/dossier.txt"], store))
    printed: list[tuple[object, ...]] = []
    exec(example, {"print": lambda *values: printed.append(values)})
    # the four pieces of the dossier, each with its genre from sayso's stage and the plug-in's
    # count of words in capitals
    assert [genre for genre, _ in printed] == ["report", "interview", "opinion", "opinion"]
    assert all(isinstance(count, int) and count > 0 for _, count in printed)
    with Store("sayso.db") as store:
        stored = list(store.documents())
    counts = sorted(n for _, n in printed if isinstance(n, int))
    assert sorted(doc.meta["shouting"] for doc in stored) == counts
    assert all(doc.stages == [*DEFAULT_STAGES, "shouting"] and doc.quotes for doc in stored)


def test_the_pipeline_parses_once_and_hands_the_parse_to_each_stage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A document is parsed once for every stage that reads the parse; a pipeline of stages
    that read none parses nothing; the parse is no output and does not outlive the run."""
    parses: list[str] = []
    parse = nlp.parse

    def counted(text: str) -> object:
        parses.append(text)
        return parse(text)

    monkeypatch.setattr(nlp, "parse", counted)
    seen: list[object] = []

    @stage("parse_reader_test", assigns=("meta",), requires=("text", "parse", "stances"))
    def make(settings: Settings) -> StageFunction:
        return lambda doc: seen.append(doc.parse)

    text = "“We will never give up Crimea,” Zelensky said in Kyiv on Monday. Russia lost 300 tanks."
    done = Pipeline(Settings(stages=(*Settings().stages, "parse_reader_test")))(_doc(text))
    assert parses == [text]  # once, for the six stages that read it and the plug-in
    assert done.quotes and done.entities and done.quantities and done.dates
    assert len(seen) == 1 and len(seen[0]) > 10  # type: ignore[arg-type]
    assert done.parse is None and "parse" not in done.to_dict()

    parses.clear()
    plain = Pipeline(Settings(stages=("metadata", "genre")))(_doc("By Ann Lee\nSome words."))
    assert parses == [] and plain.authors == ["Ann Lee"]

    handed = _doc(text)
    handed.parse = parse(text)
    assert Pipeline(Settings())(handed).parse is not None and parses == []  # used, left


def test_a_failing_stage_costs_one_document_not_the_batch(tmp_path: Path) -> None:
    @stage("explodes_on_war_test", assigns=("meta",))
    def make(settings: Settings) -> StageFunction:
        def run(doc: Document) -> None:
            if "war" in doc.text:
                raise ValueError("boom")

        return run

    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "peace"}\n{"text": "war"}\n{"text": "truce"}\n')
    results = list(extract([str(path)], Settings(stages=("explodes_on_war_test",))))
    assert [r.text if isinstance(r, Document) else r.code for r in results] == [
        "peace",
        "stage-failed",
        "truce",
    ]
    error = results[1]
    assert isinstance(error, InputError)
    assert "stage 'explodes_on_war_test' failed: ValueError: boom" in str(error)


def test_a_document_too_long_to_parse_is_refused_with_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(nlp, "MAX_CHARS", 40)
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"text": "Talks resumed, he said."}\n'
        '{"text": "The minister said the talks in Istanbul would resume on Monday."}\n'
    )
    results = list(extract([str(path)], Settings(split=False)))
    assert isinstance(results[0], Document)
    error = results[1]
    assert isinstance(error, InputError)
    assert str(error) == (
        f"{path}:2: stage 'quotes': document of 63 characters is longer than the 40 sayso parses"
    )
