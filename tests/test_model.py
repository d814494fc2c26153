"""The data model and the output contract."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import sayso
from sayso.model import CONTRACT_FIELDS, Document, Mention, Quote, Speaker, content_id


def test_contract_fields_come_in_order() -> None:
    doc = Document(text="Kyiv said no.", source="a.txt", start=10, end=23)
    assert tuple(doc.to_dict())[: len(CONTRACT_FIELDS)] == CONTRACT_FIELDS


def test_id_is_a_stable_hash_of_the_text_only() -> None:
    one = Document(text="Same words.", source="a.txt", start=0, end=11, title="A")
    two = Document(text="Same words.", source="b.txt", start=5, end=16, title="B")
    assert one.id == two.id == content_id("Same words.")
    assert one.id != Document(text="Other words.", source="a.txt", start=0, end=12).id
    assert len(one.id) == 16


def test_round_trip_keeps_annotations() -> None:
    speaker = Speaker("John Kirby", "Kirby", 0, 5, None, "person")
    doc = Document(
        text="Kirby said it was over.",
        source="-",
        start=0,
        end=23,
        quotes=[Quote("it was over", 11, 22, "indirect", "said", 6, 10, speaker, 0.9)],
        meta={"url": "https://example.org"},
    )
    again = Document.from_dict(doc.to_dict())
    assert again == doc
    assert again.quotes[0].speaker.name == "John Kirby"


def test_mentions_round_trip_inside_entities() -> None:
    data = Document(text="Kyiv, Kiev.", source="-", start=0, end=11).to_dict()
    data["entities"] = [
        {
            "id": "Q1899",
            "name": "Kyiv",
            "type": "place",
            "qid": "Q1899",
            "mentions": [
                {"text": "Kyiv", "start": 0, "end": 4},
                {"text": "Kiev", "start": 6, "end": 10},
            ],
        }
    ]
    doc = Document.from_dict(data)
    assert doc.entities[0].mentions[1] == Mention("Kiev", 6, 10)


def test_the_version_has_one_home_and_the_changelog_names_it() -> None:
    root = Path(__file__).resolve().parent.parent
    assert (
        "version = "
        not in (root / "pyproject.toml")
        .read_text(encoding="utf-8")
        .split("[project.optional-dependencies]")[0]
    )
    changelog = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.split("\n## ")[1].startswith(f"{sayso.__version__} — ")
    assert importlib.metadata.version("sayso") == sayso.__version__
