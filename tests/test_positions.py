"""Positions: issues, the stance of a sentence, and an actor's stance from its quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.analyse.positions import Issue, load_issues, positions, stance_of
from sayso.errors import InputError
from sayso.extract import Pipeline
from sayso.model import Document
from sayso.settings import Settings


@pytest.fixture(scope="module")
def issues() -> dict[str, Issue]:
    return {issue.id: issue for issue in load_issues()}


@pytest.mark.parametrize(
    ("sentence", "issue", "stance"),
    [
        ("Ukraine will never join NATO, the Kremlin said.", "nato_membership", "against"),
        ("We support Ukraine's membership in NATO.", "nato_membership", "for"),
        ("There can be no negotiations with the aggressor.", "negotiations", "against"),
        ("We are ready for peace talks at any moment.", "negotiations", "for"),
        ("We do not oppose talks with Kyiv.", "negotiations", "for"),
        (
            "There will be no peace talks: the war will end with victory on the battlefield.",
            "negotiations",
            "against",
        ),
        ("There is no military solution, only peace talks.", "negotiations", "for"),
        ("Not only do we support negotiations, we demand them.", "negotiations", "for"),
        ("We do not oppose negotiations and we support a ceasefire.", "negotiations", "for"),
        ("Nobody should rule out negotiations.", "negotiations", "for"),
        ("We will not\nsupport negotiations with Russia.", "negotiations", "against"),
        ("Ukraine must join NATO.", "nato_membership", "for"),
        ("Ukraine must not join NATO.", "nato_membership", "against"),
        ("Ukraine should never join NATO.", "nato_membership", "against"),
        ("There is no alternative to NATO membership for Ukraine.", "nato_membership", "unclear"),
        (
            "Ukraine would be a non-bloc country and would not join any military alliances.",
            "neutrality",
            "for",
        ),
        ("We will not accept any territorial concessions.", "territorial_concessions", "against"),
        (
            "We will stand with Ukraine as long as it takes with military assistance.",
            "military_aid",
            "for",
        ),
        ("These illegal sanctions against Russia must be lifted.", "sanctions", "against"),
        ("The EU adopted a new package of sanctions against Moscow.", "sanctions", "for"),
        ("Ukraine's NATO membership was discussed in Vilnius.", "nato_membership", "unclear"),
    ],
)
def test_the_stance_of_a_sentence(
    issues: dict[str, Issue], sentence: str, issue: str, stance: str
) -> None:
    assert issues[issue].raised_in(sentence)
    assert stance_of(sentence, issues[issue]) == stance


def test_an_actors_own_words_outweigh_what_is_reported_of_it(
    issues: dict[str, Issue],
) -> None:
    text = (
        "MOSCOW (Reuters) — Russian Foreign Minister Sergey Lavrov said on Tuesday that Moscow "
        "was ready for peace talks with Kyiv. “There can be no negotiations while the West "
        "keeps arming Kyiv,” Lavrov told reporters. “We will never agree to peace talks on those "
        "terms,” he added."
    )
    doc = Pipeline(Settings())(Document(text=text, source="t", start=0, end=len(text)))
    found = positions([doc.statements()], list(issues.values()))
    lavrov = next(p for p in found if p.actor == "Sergey Lavrov" and p.issue == "negotiations")
    assert lavrov.stance == "against"
    kinds = sorted((e.stance, e.kind) for e in lavrov.evidence)
    assert kinds == [("against", "own words"), ("against", "own words"), ("for", "reported")]
    for e in lavrov.evidence:
        assert text[e.start : e.end].split() == e.text.split()


def test_a_users_issues_file_replaces_the_bundled_one(tmp_path: Path) -> None:
    path = tmp_path / "issues.yaml"
    path.write_text(
        "- id: grain\n  name: Grain deal\n  triggers: ['grain (?:deal|corridor)']\n"
        "  for: keep the grain deal\n  against: end the grain deal\n",
        encoding="utf-8",
    )
    (grain,) = load_issues(str(path))
    assert grain.raised_in("The Black Sea grain deal expired.")
    broken = tmp_path / "broken.yaml"
    broken.write_text("- id: x\n  name: X\n  triggers: ['(']\n  for: a\n  against: b\n")
    with pytest.raises(InputError, match="bad pattern in triggers"):
        load_issues(str(broken))
    missing = tmp_path / "missing.yaml"
    missing.write_text("- id: x\n  name: X\n")
    with pytest.raises(InputError, match="lacks triggers, for, against"):
        load_issues(str(missing))


def test_words_that_only_look_like_an_issue_do_not_raise_it(issues: dict[str, Issue]) -> None:
    assert not issues["sanctions"].raised_in("We must tighten up fraud protection.")
    assert not issues["neutrality"].raised_in("The tone of the debate was not neutral.")
    assert not issues["nato_membership"].raised_in("Some allies in NATO disagreed.")
    assert not issues["negotiations"].raised_in("Putin talks about its exceptionalism.")


def test_the_words_of_several_actors_are_nobody_s(issues: dict[str, Issue]) -> None:
    text = "The U.S. and Britain said they would never support peace talks with Russia now."
    doc = Pipeline(Settings())(Document(text=text, source="t", start=0, end=len(text)))
    assert positions([doc.statements()], list(issues.values())) == []


def test_combined_triggers_that_cannot_compile_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "issues.yaml"
    path.write_text(
        "- id: x\n  name: X\n  triggers: ['a', '(?i)nato']\n  for: a\n  against: b\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="patterns do not combine"):
        load_issues(str(path))
