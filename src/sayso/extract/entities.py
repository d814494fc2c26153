"""The entities stage: the actors and places a document names, one entry per actor with every
mention of it, linked to the gazetteer where it knows them.

Mentions come from spaCy's named entities, from the gazetteer's spellings found in the text
(which the tagger misses or mislabels: "Kiev" as a person, "Lavrov" as an organisation), and
from offices ("the Russian president", "Ukraine's foreign minister") resolved to whoever held
them on the document's date. Within a document a surname joins the full name it shortens
("Putin" -> "Vladimir Putin"); across documents one actor has one id: its Wikidata id when the
gazetteer knows it, else its type and folded name ("person:john-kirby").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from sayso import nlp
from sayso.extract.registry import StageFunction, stage
from sayso.gazetteer import Actor, Gazetteer, load, role_key
from sayso.model import Document, Entity, Mention
from sayso.names import shortens, strip_article, strip_titles
from sayso.settings import Settings

# spaCy labels of actors and places, and the type each becomes when the gazetteer is silent.
LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
_GAZETTEER = "GAZ"
_OFFICE = "OFFICE"


@stage("entities", assigns=("entities",), requires=("text", "date", "parse"))
def make_entities(settings: Settings) -> StageFunction:
    gazetteer = load(settings.gazetteer)
    nlp.load()

    def run(doc: Document) -> None:
        doc.entities = find_entities(doc.text, gazetteer, doc.date, parse=doc.parse)

    return run


@dataclass(frozen=True)
class _Found:
    """A mention before it is resolved: where, the words, and what found it."""

    start: int
    end: int
    text: str
    label: str  # a spaCy label, or _GAZETTEER, or _OFFICE
    actor: Actor | None = None  # the gazetteer's actor for a spelling it knows
    role: str | None = None  # the office, as a gazetteer key, for an _OFFICE


def find_entities(
    text: str, gazetteer: Gazetteer, date: str | None = None, *, parse: Doc | None = None
) -> list[Entity]:
    """The actors of ``text`` in order of first mention; ``date`` (ISO) dates its offices.
    ``parse``: the text's parse, where it is made already."""
    sdoc = nlp.parse(text) if parse is None else parse
    found = _without_overlaps(
        [*_named(sdoc, text), *_spelled(sdoc, gazetteer), *_offices(text, gazetteer)]
    )
    resolver = _Resolver(gazetteer, found)
    entities: dict[str, Entity] = {}
    lowercase_words = set(re.findall(r"\b[a-z]+\b", text))
    for item in found:
        if item.label == _OFFICE:
            continue
        actor = resolver.resolve(item)
        if actor.qid is None and not _is_name(item.text, lowercase_words):
            continue
        _add(entities, actor, item)
    present = set(entities)
    as_of = date or _latest_year(text)
    for item in found:
        if item.label == _OFFICE and item.role is not None:
            holder = gazetteer.holder(item.role, as_of, present)
            if holder is None and date is None:  # the year had two holders, or none yet
                holder = gazetteer.holder(item.role, None, present)
            if holder is not None:
                _add(entities, holder, item)
    return sorted(entities.values(), key=lambda e: e.mentions[0].start)


def _latest_year(text: str) -> str | None:
    """The latest year a text without a date names ("in 2022"), as the year its offices are
    held in: an undated interview that tells of 2022 means the president of 2022, not the one
    of 2014 it also names."""
    years = _YEAR.findall(text)
    return max(years) if years else None


def _is_name(words: str, lowercase_words: set[str]) -> bool:
    """Whether words the gazetteer does not know are a name: not a heading in capitals ("THE
    QUAGMIRE OF WAR") nor a common noun capitalised ("Administration") that the document also
    writes in lowercase."""
    if len(words.split()) > 1 and words.isupper():
        return False
    return not (len(words.split()) == 1 and words.lower() in lowercase_words)


def _unbracketed(words: str) -> str:
    """A name without an editor's brackets: "James [Heappey]" is James Heappey."""
    return " ".join(words.replace("[", " ").replace("]", " ").split())


def _add(entities: dict[str, Entity], actor: Actor, item: _Found) -> None:
    entity = entities.setdefault(actor.id, Entity(actor.id, actor.name, actor.type, actor.qid, []))
    entity.mentions.append(Mention(item.text, item.start, item.end))
    entity.mentions.sort(key=lambda m: m.start)


# --- finding mentions -------------------------------------------------------------------------


def _named(sdoc: Doc, text: str) -> list[_Found]:
    """spaCy's entities of the kinds that are actors, without "the" and a possessive."""
    found = []
    for ent in sdoc.ents:
        if ent.label_ not in LABEL_TYPES:
            continue
        tokens = list(ent)
        while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct):
            tokens.pop(0)
        while tokens and (tokens[-1].lower_ in {"'s", "’s", "'", "’"} or tokens[-1].is_punct):
            tokens.pop()
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        words = text[start:end]
        if "\n" in words or not re.search(r"[A-Z]", words) or len(re.findall(r"\w", words)) < 2:
            continue
        found.append(_Found(start, end, words, ent.label_))
    return found


def _spelled(sdoc: Doc, gazetteer: Gazetteer) -> list[_Found]:
    """Every spelling of a gazetteer actor in the text, as written or in capitals."""
    matcher, actors = _matcher(gazetteer)
    found = []
    for match_id, start, end in matcher(sdoc):
        span = sdoc[start:end]
        found.append(
            _Found(span.start_char, span.end_char, span.text, _GAZETTEER, actors[match_id])
        )
    return found


@lru_cache(maxsize=4)
def _matcher(gazetteer: Gazetteer) -> tuple[PhraseMatcher, dict[int, Actor]]:
    """A phrase matcher of the gazetteer's unambiguous spellings, built once per gazetteer."""
    language = nlp.load()
    matcher = PhraseMatcher(language.vocab, attr="ORTH")
    actors: dict[int, Actor] = {}
    for actor in gazetteer.actors:
        key = actor.id
        spellings = {s for s in actor.spellings if len(s) > 1 and gazetteer.lookup(s) == actor}
        patterns = {form for s in spellings for form in (s, s.upper())}
        if patterns:
            matcher.add(key, [language.make_doc(p) for p in sorted(patterns)])
            actors[language.vocab.strings[key]] = actor
    return matcher, actors


def _offices(text: str, gazetteer: Gazetteer) -> list[_Found]:
    """Offices named without the holder's name: "the Russian president", "Russia's foreign
    minister", "the Secretary General of NATO". An office followed by a name ("President
    Putin", "Kremlin spokesman Dmitry Peskov") is left to the name."""
    pattern = _office_pattern(frozenset(gazetteer.roles()))
    if pattern is None:
        return []
    found = []
    for match in pattern.finditer(text):
        owner_text = match.group("owner") or match.group("of_owner")
        role = match.group("role") or match.group("of_role")
        owner = gazetteer.demonym(owner_text) or gazetteer.lookup(owner_text)
        if owner is None or _NAME_AFTER.match(text, match.end()):
            continue
        key = f"{role_key(role)} of {role_key(owner.name)}"
        start = match.start("owner") if match.group("owner") else match.start("of_role")
        found.append(_Found(start, match.end(), text[start : match.end()], _OFFICE, role=key))
    return found


_YEAR = re.compile(r"\b(?:19[5-9]\d|20\d\d)\b")
_OWNER = r"[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}"
_NAME_AFTER = re.compile(r",?\s+[A-Z][a-z]+")


@lru_cache(maxsize=4)
def _office_pattern(roles: frozenset[str]) -> re.Pattern[str] | None:
    """The two ways news names an office: "<owner>('s) <role>" and "<role> of <owner>"."""
    if not roles:
        return None
    alternatives = "|".join(_role_regex(role) for role in sorted(roles, key=len, reverse=True))
    return re.compile(
        rf"\b(?:(?:[Tt]he\s+)?(?P<owner>{_OWNER})(?:['’]s)?\s+(?P<role>(?i:{alternatives}))\b"
        rf"|(?P<of_role>(?i:{alternatives}))\s+of\s+(?:the\s+)?(?P<of_owner>{_OWNER}))"
    )


def _role_regex(role: str) -> str:
    spellings = {"defense": "defen[cs]e", "spokesperson": "spokes(?:person|man|woman)"}
    return r"\s+".join(spellings.get(word, re.escape(word)) for word in role.split())


def _without_overlaps(found: list[_Found]) -> list[_Found]:
    """Of overlapping mentions, the longest; at equal length an office, then a gazetteer
    spelling, then spaCy's entity."""
    priority = {_OFFICE: 0, _GAZETTEER: 1}
    kept: list[_Found] = []
    for item in sorted(found, key=lambda f: (f.start - f.end, priority.get(f.label, 2))):
        if all(item.end <= k.start or k.end <= item.start for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


# --- resolving them ---------------------------------------------------------------------------


class _Resolver:
    """Mentions to actors: the gazetteer's where it knows the name, else the document's own,
    with a surname joined to the full name it shortens."""

    def __init__(self, gazetteer: Gazetteer, found: list[_Found]) -> None:
        self.gazetteer = gazetteer
        # the people named in full, in reading order: (name, where the mention ends)
        self.people = [
            (f.actor.name if f.actor is not None else strip_titles(_unbracketed(f.text)), f.end)
            for f in found
            if f.label == "PERSON" or (f.actor is not None and f.actor.type == "person")
        ]
        counts = Counter(name for name, _ in self.people if len(name.split()) >= 2)
        self.full_names = sorted(counts, key=lambda name: -counts[name])

    def resolve(self, item: _Found) -> Actor:
        if item.actor is not None:
            return item.actor
        name = strip_article(_unbracketed(item.text))
        if item.label == "PERSON":
            name = strip_titles(name)
        type_ = LABEL_TYPES[item.label]
        known = self.gazetteer.lookup(name) or self._known_part(name)
        if known is not None:
            return known
        country = self.gazetteer.demonym(name) if len(name.split()) == 1 else None
        if country is not None:  # "Ukrainian", "Russians"
            return country
        if item.label == "NORP":
            return Actor(name, "group", None)
        if item.label == "PERSON":
            full = self._full_name(name, item.start)
            if full is not None:
                return self.gazetteer.lookup(full) or Actor(full, "person", None)
        for candidate_type in (type_, "country") if type_ == "place" else (type_,):
            close = self.gazetteer.closest(name, candidate_type)
            if close is not None:
                return close
        if item.label == "PERSON":
            same_person = self.gazetteer.person_by_surname(name)
            if same_person is not None:
                return same_person
        return Actor(name, type_, None)

    def _known_part(self, name: str) -> Actor | None:
        """A gazetteer actor named by the last words of a longer name ("Ukrainian President
        Volodymyr Zelenskyy")."""
        words = name.split()
        for first in range(1, len(words) - 1):
            known = self.gazetteer.lookup(" ".join(words[first:]))
            if known is not None and known.type == "person":
                return known
        return None

    def _full_name(self, name: str, position: int) -> str | None:
        """The full name a surname stands for: the last one named before it, else the one the
        document names most."""
        fitting = [full for full in self.full_names if shortens(name, full) and full != name]
        if not fitting:
            return None
        before = [name for name, end in self.people if end <= position and name in fitting]
        return before[-1] if before else fitting[0]
