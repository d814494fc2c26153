"""Positions: issues files, and each party's stance, position and salience added up from the
stances of real sentences."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from sayso import likeness
from sayso.analyse.positions import By, Position, positions
from sayso.errors import InputError, PipelineError
from sayso.extract import Pipeline
from sayso.extract.stances import issue_matcher
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
        "  for: keep the grain deal\n  against: end the grain deal\n"
        "  examples: {for: [We want the deal extended.], against: [Russia quit the deal.]}\n",
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
    example = "  description: d\n  examples: {for: [a b], against: [c d]}\n"
    broken.write_text("- id: x\n  name: X\n  triggers: ['(']\n  for: a\n  against: b\n" + example)
    with pytest.raises(InputError, match="bad pattern in triggers"):
        load_issues(str(broken))
    missing = tmp_path / "missing.yaml"
    missing.write_text("- id: x\n  name: X\n")
    with pytest.raises(InputError, match="lacks description, for, against, examples"):
        load_issues(str(missing))
    combined = tmp_path / "combined.yaml"
    combined.write_text(
        "- id: x\n  name: X\n  triggers: ['a', '(?i)nato']\n  for: a\n  against: b\n" + example
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


GRAIN_DEAL = """\
- id: grain_deal
  name: The Black Sea grain deal
  description: Whether the deal that lets Ukraine ship grain across the Black Sea should go on.
  for: The grain deal should be extended
  against: The grain deal should end
  examples:
    for:
      - We want the grain corridor to stay open.
      - The United Nations urged Moscow to extend the grain agreement.
      - Food exports from Odesa must continue.
    against:
      - Russia quit the grain deal.
      - Moscow refuses to renew the grain export agreement.
      - The shipping corridor will be closed.
"""


def test_an_issue_with_examples_alone_is_raised_by_sentences_like_them(tmp_path: Path) -> None:
    path = tmp_path / "grain.yaml"
    path.write_text(GRAIN_DEAL, encoding="utf-8")
    (grain,) = load_issues(str(path))
    assert not grain.lists_words
    matcher = issue_matcher([grain], "words")
    assert matcher is not None
    words = {w.lemma: w.sign for w in matcher.learned["grain_deal"]}
    # learned from the examples, each with the side it names: "end" the deal is against it
    assert {"grain": 1, "agreement": 1, "extend": 1, "renew": 1, "end": -1}.items() <= words.items()
    assert "want" not in words and "refuse" not in words  # they take sides, name no issue
    pipeline = Pipeline(Settings(issues=str(path)))

    def stances(text: str) -> list[tuple[str | None, str, str | None]]:
        doc = read(pipeline, text, "2023-07-20")
        return [(s.party, s.side, s.condition.text if s.condition else None) for s in doc.stances]

    assert stances(
        "“We are ready to extend the grain deal if our demands are met,” Kremlin spokesman"
        " Dmitry Peskov said."
    ) == [("Russia", "for", "if our demands are met")]
    assert stances("“Russia will not renew the grain agreement,” Peskov told reporters.") == [
        ("Russia", "against", None)
    ]
    assert stances(
        "Turkish President Recep Tayyip Erdogan said Turkey wants the grain corridor to reopen."
    ) == [("Turkey", "for", None)]
    # the issue named, no side taken
    assert (
        stances("Ukraine exported 30 million tonnes of grain last year, the ministry said.") == []
    )


def test_words_learned_from_the_bundled_examples_name_the_side_the_examples_take(
    issues: list[Issue],
) -> None:
    bare = [replace(i, triggers=(), for_cues=(), against_cues=(), terms=()) for i in issues]
    matcher = issue_matcher(bare, "words")
    assert matcher is not None
    negotiating = {w.lemma: w.sign for w in matcher.learned["negotiations"]}
    # "refuses any dialogue" is against negotiating, so "dialogue" names negotiating;
    # "fight on until victory" is against, so "victory" names the "against" pole
    assert negotiating["dialogue"] == 1 and negotiating["ceasefire"] == 1
    assert negotiating["victory"] == -1
    # the bundled issues list their words: likeness is left to issues that list none
    assert issue_matcher(issues, "words") is None


def test_likeness_by_shared_words_and_what_the_others_need() -> None:
    shared = likeness.load("words")
    rows = shared.sentences(["Peace talks resumed in Istanbul", "talks on peace", "Tanks rolled"])
    assert rows[0] @ rows[1] > 0.5 > rows[0] @ rows[2]
    assert shared.word_likeness(["talks"], ["talks", "talk"]).tolist() == [[1.0, 0.0]]
    for kind in ("vectors", "embeddings"):
        if likeness.installed(kind):
            alike = likeness.load(kind)
            (to_negotiations,) = alike.word_likeness(["negotiations"], ["talks", "artillery"])
            assert to_negotiations[0] > to_negotiations[1]
        else:
            with pytest.raises(PipelineError, match="needs: pip install"):
                likeness.load(kind)


_YAML_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)
_ISSUE_KEYS = ["id", "name", "description", "for", "against", "examples", "terms", "triggers"]


@given(
    st.lists(st.dictionaries(st.sampled_from(_ISSUE_KEYS), _YAML_VALUES), max_size=3)
    | st.text(max_size=200)
)
@settings(max_examples=150, deadline=None)
def test_any_issues_file_loads_or_is_refused_with_a_reason(
    tmp_path_factory: pytest.TempPathFactory, content: object
) -> None:
    path = tmp_path_factory.mktemp("issues") / "issues.yaml"
    text = content if isinstance(content, str) else yaml.safe_dump(content)
    path.write_text(text, encoding="utf-8")
    try:
        loaded = load_issues(str(path))
    except InputError as error:
        assert str(path) in str(error) and error.code == "issues"
        return
    for issue in loaded:  # what loads is complete: the matcher can learn from it
        assert issue.name and issue.description and issue.for_examples and issue.against_examples
