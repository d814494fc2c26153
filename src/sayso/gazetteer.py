"""The actors sayso knows by name: a bundled table of states, leaders, institutions, places and
outlets with their Wikidata ids, aliases and offices, which users extend with their own file.

Nothing is fetched at run time: the table is ``data/gazetteer.csv`` in the package (see
``data/README.md`` for how it was built). A user file (``--gazetteer PATH``, CSV with the same
columns or YAML with the same keys) adds actors or, with the same ``qid`` or ``name``, replaces
bundled ones.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from sayso.errors import InputError
from sayso.names import fold, plain, slug

ACTOR_TYPES = ("person", "organization", "outlet", "country", "place", "group")
COLUMNS = ("qid", "type", "name", "aliases", "demonym", "titles", "part_of", "acts_for")
_QID = re.compile(r"Q[1-9][0-9]*")
_FUZZY_CUTOFF = 90  # rapidfuzz ratio at which two spellings are one name; tuned on variants
_ROLE_SYNONYMS = {"spokesman": "spokesperson", "spokeswoman": "spokesperson", "defence": "defense"}


@dataclass(frozen=True)
class Office:
    """An office someone held: ``"president of Russia"`` from ``start`` to ``end`` (ISO dates,
    ``end`` None while in office)."""

    role: str
    start: str | None
    end: str | None

    def held_on(self, date: str) -> bool:
        """Whether the office was held on ``date`` (ISO, of any granularity)."""
        return (self.start is None or self.start[: len(date)] <= date) and (
            self.end is None or date <= self.end[: len(date)]
        )


@dataclass(frozen=True)
class Actor:
    """One actor of the gazetteer."""

    name: str
    type: str
    qid: str | None = None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    part_of: str | None = None
    acts_for: str | None = None  # the state or bloc an institution or a capital stands for

    @property
    def id(self) -> str:
        """Stable across documents and runs: the Wikidata id, else the folded name."""
        return self.qid or actor_id(self.name)

    @property
    def spellings(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def actor_id(name: str) -> str:
    """The id of an actor without a Wikidata id: its name folded (``"name:john-kirby"``), so
    that spellings of one name meet across documents whatever type the tagger gave them."""
    return f"name:{slug(name)}"


# Spelling differences between transliterations and languages, undone for fuzzy matching only:
# Charkiw/Kharkiv, Kyjiw/Kyiv, Wladimir/Vladimir, Odessa/Odesa.
_LOOSE = (
    (re.compile(r"kh|ch"), "h"),
    (re.compile(r"w"), "v"),
    (re.compile(r"j"), "y"),
    (re.compile(r"(.)\1"), r"\1"),
)


def loose(key: str) -> str:
    """A folded name with transliteration differences undone, for fuzzy matching."""
    for pattern, replacement in _LOOSE:
        key = pattern.sub(replacement, key)
    return key


def role_key(role: str) -> str:
    """An office as a lookup key: ``"Defence Minister of Russia"`` -> ``"defense minister of
    russia"``."""
    words = plain(role).split()
    return " ".join(_ROLE_SYNONYMS.get(word, word) for word in words)


@dataclass(eq=False)  # compared and hashed by identity: one is built per file and cached
class Gazetteer:
    """Actors indexed by the folded forms of every spelling, demonym and office."""

    actors: list[Actor]
    _by_key: dict[str, list[Actor]] = field(default_factory=dict, repr=False)
    _by_demonym: dict[str, Actor] = field(default_factory=dict, repr=False)
    _by_office: dict[str, list[tuple[Actor, Office]]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for actor in self.actors:
            for spelling in actor.spellings:
                if not fold(spelling):
                    continue  # punctuation alone names nobody
                bucket = self._by_key.setdefault(fold(spelling), [])
                if actor not in bucket:
                    bucket.append(actor)
            for demonym in actor.demonyms:
                self._by_demonym[fold(demonym)] = actor
            for office in actor.offices:
                self._by_office.setdefault(role_key(office.role), []).append((actor, office))
        self._loose: dict[str, list[Actor]] = {}
        for key, actors in self._by_key.items():
            self._loose.setdefault(loose(key), []).extend(actors)
        self._loose_keys = list(self._loose)

    def lookup(self, name: str) -> Actor | None:
        """The one actor spelt ``name`` (any alias, any transliteration); None if none or if
        several share that spelling."""
        found = self._by_key.get(fold(name), [])
        return found[0] if len(found) == 1 else None

    def closest(self, name: str, type_: str) -> Actor | None:
        """An actor of ``type_`` spelt like ``name`` but for transliteration ("Charkiw",
        "Kyjiw", "Zelenskij") or a letter or two. People must share the surname, so that two
        people with similar names are never joined."""
        key = loose(fold(name))
        if len(key) < 4:
            return None
        if key in self._loose:
            matched = key
        else:
            match = process.extractOne(
                key, self._loose_keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF
            )
            if match is None:
                return None
            matched = match[0]
        candidates = {a for a in self._loose[matched] if a.type == type_}
        if len(candidates) != 1:
            return None
        if type_ == "person" and key.split()[-1] != matched.split()[-1]:
            return None
        return candidates.pop()

    def person_by_surname(self, name: str) -> Actor | None:
        """The one person of the gazetteer with this surname and first initial: "Pyotr
        Poroshenko" -> Petro Poroshenko."""
        words = fold(name).split()
        if len(words) < 2:
            return None
        found = {
            actor
            for key, actors in self._by_key.items()
            if key.split()[-1] == words[-1] and key.split()[0][0] == words[0][0]
            for actor in actors
            if actor.type == "person" and len(key.split()) >= 2
        }
        return next(iter(found)) if len(found) == 1 else None

    def demonym(self, word: str) -> Actor | None:
        """The country of an adjective or people: "Ukrainian", "Russians" -> Ukraine, Russia."""
        key = fold(word)
        return self._by_demonym.get(key) or self._by_demonym.get(key.removesuffix("s"))

    def holder(self, role: str, date: str | None, present: Iterable[str] = ()) -> Actor | None:
        """Who held the office ``role`` ("president of Russia") on ``date``; with no date, the
        one holder among the actors ``present`` in the document (by id)."""
        holders = self._by_office.get(role_key(role), [])
        if date is not None:
            on_date = {actor for actor, office in holders if office.held_on(date)}
            return next(iter(on_date)) if len(on_date) == 1 else None
        ids = set(present)
        named = {actor for actor, _ in holders if actor.id in ids}
        return next(iter(named)) if len(named) == 1 else None

    def party(self, actor: Actor, date: str | None) -> str | None:
        """The state or bloc ``actor`` acts for: a country or a bloc itself; an institution
        or a capital the one it stands for ("Kremlin", "Moscow" -> Russia; "European
        Commission" -> European Union); a person the state or bloc of the office they held on
        ``date`` (with no date, of their one office, or their latest); else None."""
        if actor.type == "country" or (actor.type == "organization" and not actor.acts_for):
            return actor.name
        if actor.acts_for:
            return self._party_name(actor.acts_for, date)
        if actor.type != "person" or not actor.offices:
            return None
        held = [o for o in actor.offices if date is None or o.held_on(date)]
        if date is None:
            held = sorted(actor.offices, key=lambda o: o.start or "")[-1:]
        owners = {self._party_name(self._owner(o.role), date) for o in held}
        owners.discard(None)
        return owners.pop() if len(owners) == 1 else None

    def _owner(self, role: str) -> str:
        """Whose office ``role`` is: the longest name after an "of" that names an actor
        ("secretary of state of United States" -> United States)."""
        parts = role.split(" of ")
        for i in range(1, len(parts)):
            owner = " of ".join(parts[i:])
            for name in (owner, owner.split(" to ")[0]):  # "representative of Russia to UN"
                if self.lookup(name) is not None:
                    return name
        return parts[-1]

    def _party_name(self, name: str, date: str | None) -> str | None:
        owner = self.lookup(name)
        if owner is None or owner.type in {"person", "place"}:
            return None
        return self.party(owner, date)

    def roles(self) -> set[str]:
        """The role words of every office ("president", "foreign minister"), for finding them."""
        return {key.rsplit(" of ", 1)[0] for key in self._by_office}


def load(extra: str | None = None) -> Gazetteer:
    """The bundled gazetteer, extended by the user's file ``extra`` (CSV or YAML)."""
    return _load(extra)


@lru_cache(maxsize=4)
def _load(extra: str | None) -> Gazetteer:
    bundled = files("sayso").joinpath("data", "gazetteer.csv").read_text(encoding="utf-8")
    actors = _rows(csv.DictReader(bundled.splitlines()), "gazetteer.csv")
    if extra is not None:
        own = _read_user_file(Path(extra))
        replaced = {a.qid for a in own if a.qid} | {fold(a.name) for a in own}
        actors = [a for a in actors if a.qid not in replaced and fold(a.name) not in replaced]
        actors += own
    return Gazetteer(actors)


def _read_user_file(path: Path) -> list[Actor]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot read the gazetteer: {err}", code="gazetteer") from err
    if path.suffix.lower() in {".yaml", ".yml"}:
        try:
            records = yaml.safe_load(text)
        except yaml.YAMLError as err:
            raise InputError(str(path), f"invalid YAML: {err}", code="gazetteer") from err
        if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
            raise InputError(str(path), "a YAML gazetteer is a list of actors", code="gazetteer")
        return _rows(records, str(path))
    return _rows(csv.DictReader(text.splitlines()), str(path))


def _rows(records: Iterable[Mapping[str, Any]], source: str) -> list[Actor]:
    actors = []
    for number, record in enumerate(records, start=2):
        try:
            actors.append(_actor(record))
        except ValueError as err:
            raise InputError(source, str(err), code="gazetteer", line=number) from err
    return actors


def _actor(record: Mapping[str, Any]) -> Actor:
    unknown = set(record) - set(COLUMNS)
    if unknown:
        raise ValueError(f"unknown column(s) {', '.join(sorted(map(str, unknown)))}")
    name = _text(record.get("name"))
    type_ = _text(record.get("type"))
    if not name:
        raise ValueError("an actor needs a name")
    if type_ not in ACTOR_TYPES:
        raise ValueError(f"type {type_!r} is not one of {', '.join(ACTOR_TYPES)}")
    qid = _text(record.get("qid")) or None
    if qid is not None and not _QID.fullmatch(qid):
        raise ValueError(f"{qid!r} is not a Wikidata id (Q followed by digits)")
    return Actor(
        name=name,
        type=type_,
        qid=qid,
        aliases=_many(record.get("aliases"), "|"),
        demonyms=_many(record.get("demonym"), "|"),
        offices=tuple(_office(o) for o in _many(record.get("titles"), ";")),
        part_of=_text(record.get("part_of")) or None,
        acts_for=_text(record.get("acts_for")) or None,
    )


def _office(text: str) -> Office:
    role, at, period = text.partition("@")
    start, _, end = period.partition("/")
    if not at or not role.strip():
        raise ValueError(f"office {text!r} is not written as role@start/end")
    for date in (start, end):
        if date and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", date.strip()):
            raise ValueError(f"office {text!r}: {date!r} is not an ISO date")
    return Office(role.strip(), start.strip() or None, end.strip() or None)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _many(value: Any, separator: str) -> tuple[str, ...]:
    items = value if isinstance(value, list) else _text(value).split(separator)
    return tuple(item for item in (_text(i) for i in items) if item)
