"""Positions: issues files, and each party's stance, position and salience added up from the
stances of real sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.analyse.positions import By, Position, positions
from sayso.errors import InputError
from sayso.extract import Pipeline
from sayso.issues import Issue, load_issues
from sayso.model import Document
from sayso.settings import Settings


@pytest.fixture(scope="module")
def issues() -> list[Issue]:
    return load_issues()


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings())


def read(pipeline: Pipeline, text: str, date: str = "2023-10-30") -> Document:
    return pipeline(Document(text=text, source="t", start=0, end=len(text), date=date))


def positions_of(doc: Document, issues: list[Issue], by: By = "party") -> list[Position]:
    return positions([(doc.id, s) for s in doc.stances], issues, by=by)


def test_actors_roll_up_into_the_party_they_speak_for(
    pipeline: Pipeline, issues: list[Issue]
) -> None:
    doc = read(
        pipeline,
        "MOSCOW (Reuters) — Kremlin spokesman Dmitry Peskov said on Monday that Russia was ready"
        " for peace talks with Kyiv. “We are open to negotiations,” Foreign Minister Sergey"
        " Lavrov told reporters. Kyiv refuses to negotiate with Moscow, Lavrov added.",
    )
    by_party = {(p.name, p.issue): p for p in positions_of(doc, issues)}
    russia = by_party[("Russia", "negotiations")]
    assert (russia.stance, russia.position) == ("for", 100.0)
    assert "Russia" in russia.actors
    ukraine = by_party[("Ukraine", "negotiations")]
    assert (ukraine.stance, ukraine.position, ukraine.evidence[0].source) == (
        "against",
        0.0,
        "Sergey Lavrov",
    )
    by_actor = positions_of(doc, issues, by="actor")
    assert {p.name for p in by_actor} >= {"Russia", "Ukraine"}
    for p in by_actor + list(by_party.values()):
        for e in p.evidence:
            assert doc.text[e.start : e.end].split() == e.text.split()


def test_own_words_outweigh_what_others_say_and_conditions_are_kept(
    pipeline: Pipeline, issues: list[Issue]
) -> None:
    doc = read(
        pipeline,
        "KYIV (AP) — Moscow claims that Ukraine refuses any talks. “If Russia withdraws its"
        " troops, we are ready for talks,” Ukrainian President Volodymyr Zelenskyy said on"
        " Friday. “We are ready for talks if the occupiers leave,” Zelenskyy said again.",
    )
    (ukraine,) = [
        p for p in positions_of(doc, issues) if (p.name, p.issue) == ("Ukraine", "negotiations")
    ]
    # two statements in its own words for, on conditions; one reported against
    assert ukraine.stance == "conditional"
    assert 60 < ukraine.position < 100
    assert {e.condition for e in ukraine.evidence if e.side == "for"} == {
        "If Russia withdraws its troops",
        "if the occupiers leave",
    }


def test_salience_is_the_share_of_a_partys_statements(
    pipeline: Pipeline, issues: list[Issue]
) -> None:
    doc = read(
        pipeline,
        "“We support new sanctions against Russia,” EU foreign policy chief Josep Borrell said."
        " “We will keep providing weapons to Ukraine,” Borrell said. “We will send more"
        " artillery shells to Ukraine,” he added.",
    )
    found = positions_of(doc, issues)
    eu = {p.issue: p for p in found if p.name == "European Union"}
    assert eu["sanctions"].stance == "for" and eu["military_aid"].stance == "for"
    assert eu["sanctions"].salience + eu["military_aid"].salience == pytest.approx(100, abs=0.2)
    assert eu["military_aid"].salience > eu["sanctions"].salience


def test_a_users_issues_file_with_terms_and_context(tmp_path: Path) -> None:
    path = tmp_path / "issues.yaml"
    path.write_text(
        "- id: grain\n  name: Grain deal\n  description: Whether the grain deal goes on.\n"
        "  terms: [grain deal, grain corridor]\n  context_terms: [exports]\n"
        "  context: [[grain, wheat], [Black Sea, Odesa]]\n"
        "  for: keep the grain deal\n  against: end the grain deal\n",
        encoding="utf-8",
    )
    (grain,) = load_issues(str(path))

    class Word:
        def __init__(self, text: str, start: int) -> None:
            self.lower = self.lemma = text.lower()
            self.start, self.end = start, start + len(text)

    def anchors(sentence: str) -> list[str]:
        words, at = [], 0
        for text in sentence.split():
            at = sentence.index(text, at)
            words.append(Word(text, at))
            at += len(text)
        return [sentence[a.start : a.end] for a in grain.term_anchors(words)]

    assert anchors("Russia left the grain deal") == ["grain deal"]
    assert anchors("grain exports from Odesa resumed") == ["exports"]  # both groups named
    assert anchors("grain exports fell") == []  # no port named
    broken = tmp_path / "broken.yaml"
    broken.write_text("- id: x\n  name: X\n  triggers: ['(']\n  for: a\n  against: b\n")
    with pytest.raises(InputError, match="bad pattern in triggers"):
        load_issues(str(broken))
    missing = tmp_path / "missing.yaml"
    missing.write_text("- id: x\n  name: X\n")
    with pytest.raises(InputError, match="lacks for, against, triggers or terms"):
        load_issues(str(missing))
    combined = tmp_path / "combined.yaml"
    combined.write_text(
        "- id: x\n  name: X\n  triggers: ['a', '(?i)nato']\n  for: a\n  against: b\n"
    )
    with pytest.raises(InputError, match="patterns do not combine"):
        load_issues(str(combined))


def test_words_that_only_look_like_an_issue_do_not_raise_it(
    pipeline: Pipeline, issues: list[Issue]
) -> None:
    for text in (
        "“We must tighten up fraud protection,” the minister said.",
        "“The tone of the debate was not neutral,” Peskov said.",
        "“Some allies in NATO disagreed about the budget,” Stoltenberg said.",
        "“Putin talks about its exceptionalism,” the analyst said.",
    ):
        assert read(pipeline, text).stances == [], text
