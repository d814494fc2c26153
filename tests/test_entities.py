"""The entities stage and the gazetteer: one actor per name, every spelling, stable ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.errors import InputError
from sayso.extract.entities import find_entities
from sayso.gazetteer import Gazetteer, load
from sayso.model import Entity
from sayso.names import fold, pronoun_fits, sex_of, shortens, strip_titles


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load()


def _by_name(entities: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in entities}


def _spellings(entity: Entity) -> set[str]:
    return {m.text for m in entity.mentions}


def test_names_fold_across_transliterations() -> None:
    assert fold("Zelenskiy") == fold("Zelenskyy") == fold("Zelensky") == "zelensky"
    assert fold("Donbass") == fold("Donbas")
    assert fold(strip_titles("President Vladimir Putin’s")) == "vladimir putin"
    assert fold("Foreign Ministry") != fold("Defense Ministry")  # titles are part of names
    assert fold("the Kremlin’s") == "kremlin"
    assert strip_titles("Mr. Kirby's") == "Kirby"
    assert shortens("Kirby", "John Kirby") and shortens("J. Kirby", "John Kirby")
    assert not shortens("Bill Clinton", "Hillary Clinton")


def test_the_bundled_gazetteer_knows_the_domain(gazetteer: Gazetteer) -> None:
    for spelling in ("Kiev", "Kyiv", "KYIV"):
        actor = gazetteer.lookup(spelling)
        assert actor is not None and actor.qid == "Q1899"
    ukraine = gazetteer.demonym("Ukrainians")
    assert ukraine is not None and ukraine.name == "Ukraine"
    putin = gazetteer.lookup("Putin")
    assert putin is not None and putin.id == "Q7747"
    assert gazetteer.holder("Russian president", "2023-11-03") is None  # not a canonical role
    assert gazetteer.holder("president of Russia", "2023-11-03") == putin


def test_spellings_of_one_actor_are_one_entity(gazetteer: Gazetteer) -> None:
    text = (
        "KYIV (Reuters) — President Volodymyr Zelenskiy met troops near Kharkov on Tuesday. "
        "Zelenskyy told reporters in Kiev that Kharkiv would hold. Vladimir Putin said Russia "
        "would press on; Putin added that the Donbass and the Donbas were Russian."
    )
    entities = _by_name(find_entities(text, gazetteer, "2023-11-03"))
    assert _spellings(entities["Kyiv"]) == {"KYIV", "Kiev"}
    assert _spellings(entities["Volodymyr Zelenskyy"]) == {"Volodymyr Zelenskiy", "Zelenskyy"}
    assert entities["Volodymyr Zelenskyy"].qid == "Q3874799"
    assert _spellings(entities["Kharkiv"]) == {"Kharkov", "Kharkiv"}
    assert _spellings(entities["Vladimir Putin"]) == {"Vladimir Putin", "Putin"}
    assert len(entities["Donbas"].mentions) == 2
    for entity in entities.values():
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_an_office_is_its_holder_on_the_documents_date(gazetteer: Gazetteer) -> None:
    text = "The Russian president met Ukraine's foreign minister. Russia's foreign minister left."
    entities = _by_name(find_entities(text, gazetteer, "2023-11-03"))
    assert _spellings(entities["Vladimir Putin"]) == {"Russian president"}
    assert _spellings(entities["Dmytro Kuleba"]) == {"Ukraine's foreign minister"}
    assert _spellings(entities["Sergey Lavrov"]) == {"Russia's foreign minister"}
    later = _by_name(find_entities(text, gazetteer, "2025-06-01"))
    assert "Dmytro Kuleba" not in later  # Andrii Sybiha held the office by then
    undated = _by_name(find_entities(text, gazetteer))
    assert "Vladimir Putin" not in undated  # no date and no name to tell who held it
    # an undated interview that tells of 2014 and of 2022: the president of 2022
    interview = (
        "In 2014, Viktor Yanukovych fled Kyiv. In 2022, talks began in Istanbul, but the"
        " President of Ukraine has issued a decree banning them."
    )
    told = _by_name(find_entities(interview, gazetteer))
    assert _spellings(told["Volodymyr Zelenskyy"]) == {"President of Ukraine"}
    assert _spellings(told["Viktor Yanukovych"]) == {"Viktor Yanukovych"}
    # a year with two holders: the one the document names
    handover = _by_name(
        find_entities(
            "In 2019, Volodymyr Zelensky won. Then the President of Ukraine spoke.", gazetteer
        )
    )
    assert "President of Ukraine" in _spellings(handover["Volodymyr Zelenskyy"])


def test_unknown_names_get_stable_ids_and_surnames_join_them(gazetteer: Gazetteer) -> None:
    text = (
        "Adrienne Watson, a spokesperson, spoke first. Watson said the talks would go on. "
        "Adrienne Watson's office confirmed it."
    )
    first = _by_name(find_entities(text, gazetteer))
    watson = first["Adrienne Watson"]
    assert watson.id == "name:adrienne-watson" and watson.qid is None
    assert _spellings(watson) == {"Adrienne Watson", "Watson"}
    again = _by_name(find_entities("Adrienne Watson declined to comment.", gazetteer))
    assert again["Adrienne Watson"].id == watson.id


def test_an_editors_brackets_are_no_part_of_a_name(gazetteer: Gazetteer) -> None:
    text = (
        "But the Ukrainians, as James [Heappey] has said, have a right to defend themselves."
        " Mr Heappey added that it was legitimate. Ethiopian and Eritrean forces withdrew."
    )
    entities = _by_name(find_entities(text, gazetteer))
    assert {"James Heappey", "Ethiopia", "Eritrea"} <= set(entities)
    assert _spellings(entities["James Heappey"]) == {"James [Heappey", "Heappey"}


def test_polish_spellings_of_the_wars_names_are_their_actors(gazetteer: Gazetteer) -> None:
    text = "Sergei Ławrow said that Wołodymyr Zełenski could come to Moscow. Pieskow agreed."
    assert {"Sergey Lavrov", "Volodymyr Zelenskyy", "Dmitry Peskov"} <= set(
        _by_name(find_entities(text, gazetteer))
    )


def test_headings_and_capitalised_common_nouns_are_not_actors(gazetteer: Gazetteer) -> None:
    text = (
        "THE QUAGMIRE OF WAR\n\nThe Administration said the administration of aid was slow. "
        "Ukraine needs shells."
    )
    names = set(_by_name(find_entities(text, gazetteer)))
    assert names == {"Ukraine"}


def test_a_user_gazetteer_adds_and_replaces_actors(fixtures: Path) -> None:
    gazetteer = load(str(fixtures / "gazetteer.yaml"))
    text = "Kamyshin visited the Ukrainian capital. Olexandr Kamyshyn met Kyjiw officials."
    entities = _by_name(find_entities(text, gazetteer, "2023-11-03"))
    assert _spellings(entities["Oleksandr Kamyshin"]) == {"Kamyshin", "Olexandr Kamyshyn"}
    assert _spellings(entities["Kyiv"]) == {"Ukrainian capital", "Kyjiw"} or _spellings(
        entities["Kyiv"]
    ) == {"the Ukrainian capital", "Kyjiw"}


@pytest.mark.parametrize(
    ("content", "suffix", "problem"),
    [
        ("- name: X\n  type: planet\n", ".yaml", "type 'planet' is not one of"),
        ("- [not, a, mapping]\n", ".yaml", "a YAML gazetteer is a list of actors"),
        ("qid,type,name\nQ-1,person,X\n", ".csv", "'Q-1' is not a Wikidata id"),
        ("name,type,colour\nX,person,red\n", ".csv", "unknown column(s) colour"),
        ("- name: X\n  type: person\n  titles: [president]\n", ".yml", "role@start/end"),
    ],
)
def test_a_bad_gazetteer_is_refused_with_its_file_and_problem(
    tmp_path: Path, content: str, suffix: str, problem: str
) -> None:
    path = tmp_path / f"mine{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="mine") as raised:
        load(str(path))
    assert problem in str(raised.value)


@pytest.mark.parametrize(
    ("spelling", "type_", "name"),
    [
        ("Charkiw", "place", "Kharkiv"),
        ("Kyjiw", "place", "Kyiv"),
        ("Odessa", "place", "Odesa"),
        ("Wladimir Putin", "person", "Vladimir Putin"),
        ("Zelenskij", "person", "Volodymyr Zelenskyy"),
        ("Sergei Lavrov", "person", "Sergey Lavrov"),
        ("Vladimir Puten", "person", None),  # another surname is another person
        ("Hillary Clinton", "person", None),
    ],
)
def test_transliterations_join_without_joining_different_people(
    gazetteer: Gazetteer, spelling: str, type_: str, name: str | None
) -> None:
    actor = gazetteer.closest(spelling, type_)
    assert (actor.name if actor else None) == name


def test_organisations_named_by_office_words_stay_apart(gazetteer: Gazetteer) -> None:
    text = (
        "The Foreign Ministry and the Defense Ministry disagreed. The Justice Department and "
        "General Motors stayed out. Harrison Ford attended; Ford Motor said Ford would cut jobs."
    )
    entities = find_entities(text, gazetteer)
    names = {e.name for e in entities}
    assert {"Foreign Ministry", "Defense Ministry", "Justice Department"} <= names
    assert "General Motors" in names
    ford = next(e for e in entities if e.name == "Harrison Ford")
    assert _spellings(ford) == {"Harrison Ford"}


@pytest.mark.parametrize(
    ("name", "sex"),
    [
        ("Liz Truss", "female"),
        ("Ms Truss", "female"),
        ("Mr. Zelensky", "male"),
        ("Jake Sullivan", "male"),
        ("Zakharova", "female"),
        ("Truss", None),  # a surname alone says nothing
        ("Volodymyr Zelenskyy", None),  # a name the list does not have
        ("von der Leyen", None),  # "Von" is a first name; "von" is not
    ],
)
def test_a_name_says_its_bearers_sex_only_where_it_can(name: str, sex: str | None) -> None:
    assert sex_of(name) == sex


def test_a_pronoun_fits_names_of_its_sex_and_names_that_do_not_say() -> None:
    assert pronoun_fits("She", "Liz Truss") and not pronoun_fits("she", "Vladimir Putin")
    assert pronoun_fits("his", "Vladimir Putin") and not pronoun_fits("him", "Kaja Kallas")
    assert pronoun_fits("he", "Truss") and pronoun_fits("her", None)
