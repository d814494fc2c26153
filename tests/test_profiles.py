"""Source profiles: share of voice, anonymous sources, spelling choices, loaded terms, hedges."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.analyse.profiles import load_lexicon, profiles
from sayso.errors import InputError
from sayso.extract import Pipeline
from sayso.model import Document
from sayso.settings import Settings


def _doc(text: str, outlet: str) -> Document:
    doc = Document(text=text, source="t", start=0, end=len(text), meta={})
    doc = Pipeline(Settings())(doc)
    doc.outlet = outlet
    return doc


def test_profiles_by_outlet() -> None:
    wire = _doc(
        "Officials in Kyiv said the offensive had stalled, two people familiar with the talks "
        "said. The invasion may have cost Russia dearly in the Donbas, according to a Western "
        "official.",
        "Wire",
    )
    state = _doc(
        "The special military operation is going to plan, Dmitry Peskov told reporters in "
        "Moscow. The Kiev regime will fail, he said; the coup of 2014 was its start. The "
        "people of the Donbass will decide.",
        "State TV",
    )
    found = {p.name: p for p in profiles([wire, state], load_lexicon())}
    assert found["Wire"].anonymous_share == 1.0 and found["State TV"].anonymous_share == 0.0
    assert found["Wire"].loaded_terms == {"invasion": 1}
    assert (
        found["Wire"].choices() == {}
    )  # "Kyiv", "the Donbas": the names as the gazetteer has them
    assert found["State TV"].loaded_terms == {
        "special military operation": 1,
        "Kyiv regime": 1,
        "coup": 1,
    }
    assert found["State TV"].choices() == {"Kyiv": "Kiev", "Donbas": "the Donbass"}
    assert (
        found["Wire"].choices() == {}
    )  # "Kyiv", "the Donbas": the names as the gazetteer has them
    assert found["Wire"].hedges_per_thousand_words > 0
    assert set(found["State TV"].voice_shares()) == {"person"}
    by_document = profiles([wire, state], load_lexicon(), by="document")
    assert {p.name for p in by_document} == {wire.id, state.id}


def test_a_lexicon_that_cannot_be_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lexicon.yaml"
    path.write_text("- term: x\n  pattern: '('\n", encoding="utf-8")
    with pytest.raises(InputError, match="no usable pattern"):
        load_lexicon(str(path))
