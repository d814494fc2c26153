"""A quote's confidence: a share right fitted on labelled news, per kind of evidence."""

from __future__ import annotations

import json
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sayso.extract.confidence import PRIOR, Mentioned, confidence, fit, mentioned
from sayso.extract.quotes import find_quotes
from sayso.model import Speaker

EVIDENCE = st.sampled_from(["claimed", "nearest", "continued", "turn"])
MENTIONS = st.sampled_from(["name", "pronoun", "description", "none"])


def _speaker(mention: str | None) -> Speaker:
    return Speaker(None, mention, None, None, None, "unknown")


def test_how_a_speaker_is_mentioned() -> None:
    assert [
        mentioned(_speaker(m))
        for m in ("he", "Mr. Putin", "the Kremlin", "the minister", "a senior official", None)
    ] == ["pronoun", "name", "name", "description", "description", "none"]


@given(st.lists(st.tuples(EVIDENCE, MENTIONS, st.booleans()), min_size=1, max_size=200))
def test_fitted_shares_are_probabilities_between_their_evidences_and_their_own(
    observations: list[tuple[str, str, bool]],
) -> None:
    table = fit(observations)  # type: ignore[arg-type]
    for key, share in table["cells"].items():
        seen, right = table["counts"][key]
        evidence = table["evidence"][key.split("/")[0]]
        assert 0.0 <= share <= 1.0
        low, high = sorted((right / seen, evidence))
        assert low - 0.001 <= share <= high + 0.001


def test_a_pair_seen_rarely_keeps_near_its_evidences_share() -> None:
    often: list[tuple[str, Mentioned, bool]] = [("claimed", "name", True)] * 90
    often += [("claimed", "name", False)] * 10
    rarely: list[tuple[str, Mentioned, bool]] = [("claimed", "pronoun", False)] * 2
    table = fit(often + rarely)
    assert table["cells"]["claimed/name"] > 0.85
    # two misses do not make a pronoun after a claiming cue a sure miss
    assert table["cells"]["claimed/pronoun"] > 0.7
    assert table["evidence"]["claimed"] < table["cells"]["claimed/name"]
    # the rare pair sits PRIOR quotes' worth toward its evidence's share
    evidence = table["evidence"]["claimed"]
    assert table["cells"]["claimed/pronoun"] == pytest.approx(
        PRIOR * evidence / (2 + PRIOR), abs=0.001
    )


def test_quotes_carry_their_evidence_and_its_fitted_confidence() -> None:
    text = (
        "In August national security adviser Jake Sullivan told reporters, “We do not assess "
        "that the conflict is a stalemate.” “Ukraine is taking territory every week.”"
    )
    first, second = find_quotes(text)
    assert (first.evidence, second.evidence) == ("claimed", "continued")
    # the shipped table's shares, as fitted by bench/calibrate.py
    table = json.loads(files("sayso").joinpath("data", "confidence.json").read_text())
    assert first.confidence == table["cells"]["claimed/name"]
    assert second.confidence == table["cells"]["continued/name"]
    assert confidence("no such evidence", first.speaker) == table["overall"]
    unknown = find_quotes(
        "“A severely weakened, isolated and smaller Russia might then become more – not less – "
        "dangerous for the world.”"
    )[0]
    assert unknown.evidence == "unattributed" and unknown.confidence < first.confidence
