"""Source profiles: how each document and each outlet frames the story, at a glance.

For each: its genres; who gets quoted (share of voice by type of speaker and by speaker, and
the share of anonymous sources); its spelling choices where the corpus spells one actor in
more than one way (Kiev or Kyiv); the loaded terms it uses, from an editable lexicon
(``data/lexicon.yaml``: "special military operation" or "invasion", "regime", "coup"); and
how often it hedges ("may", "reportedly", "officials fear") per thousand words.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

import yaml
from typing_extensions import TypedDict

from sayso.errors import InputError
from sayso.model import Document
from sayso.names import HONORIFICS, plain, strip_article
from sayso.text.words import HEDGES

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LoadedTerm:
    """A term that frames the story one way, and the words the other side uses instead."""

    term: str
    pattern: re.Pattern[str]
    frame: str
    counterpart: str


class ProfileRecord(TypedDict):
    """A source profile as every list gives it (command line, API, downloads)."""

    name: str
    documents: int
    words: int
    genres: dict[str, int]
    voice_by_type: dict[str, float]  # the share of quoted characters of each type of speaker
    top_speakers: dict[str, int]  # quoted characters, the ten most quoted
    quotes: int
    anonymous_share: float
    spellings: dict[str, dict[str, int]]  # actor -> spelling -> count
    spelling_choices: dict[str, str]
    loaded_terms: dict[str, int]
    hedges_per_thousand_words: float


@dataclass
class Profile:
    """How one document, or all the documents of one outlet, tell the story."""

    name: str  # the document's id, or the outlet
    documents: int = 0
    words: int = 0
    genres: Counter[str] = field(default_factory=Counter)
    voice_by_type: Counter[str] = field(default_factory=Counter)  # quoted characters
    voice_by_speaker: Counter[str] = field(default_factory=Counter)
    quotes: int = 0
    anonymous: int = 0
    spellings: dict[str, Counter[str]] = field(default_factory=dict)  # actor -> spelling
    loaded_terms: Counter[str] = field(default_factory=Counter)
    hedges: int = 0

    @property
    def anonymous_share(self) -> float:
        return self.anonymous / self.quotes if self.quotes else 0.0

    @property
    def hedges_per_thousand_words(self) -> float:
        return 1000 * self.hedges / self.words if self.words else 0.0

    def choices(self) -> dict[str, str]:
        """The spellings this source prefers where they are not the canonical name's: actor ->
        its most used spelling ("Kyiv" -> "Kiev"). A shorter form of the name ("Washington"
        for "Washington, D.C.") is not a spelling choice."""
        chosen = {}
        for actor, spelt in self.spellings.items():
            if spelt:
                preferred = spelt.most_common(1)[0][0]
                canonical = set(plain(actor).split())
                used = set(plain(strip_article(preferred)).split())
                if not (used <= canonical or canonical <= used):  # not a shorter form
                    chosen[actor] = preferred
        return chosen

    def voice_shares(self) -> dict[str, float]:
        total = sum(self.voice_by_type.values())
        return (
            {k: round(v / total, 3) for k, v in self.voice_by_type.most_common()} if total else {}
        )

    def to_dict(self) -> ProfileRecord:
        return {
            "name": self.name,
            "documents": self.documents,
            "words": self.words,
            "genres": dict(self.genres),
            "voice_by_type": self.voice_shares(),
            "top_speakers": dict(self.voice_by_speaker.most_common(10)),
            "quotes": self.quotes,
            "anonymous_share": round(self.anonymous_share, 3),
            "spellings": {actor: dict(c) for actor, c in sorted(self.spellings.items())},
            "spelling_choices": self.choices(),
            "loaded_terms": dict(self.loaded_terms.most_common()),
            "hedges_per_thousand_words": round(self.hedges_per_thousand_words, 2),
        }


def load_lexicon(path: str | None = None) -> list[LoadedTerm]:
    """The bundled lexicon of loaded terms, or the user's YAML file ``path``."""
    source = path or "lexicon.yaml"
    try:
        text = (
            Path(path).read_text(encoding="utf-8")
            if path
            else files("sayso").joinpath("data", "lexicon.yaml").read_text(encoding="utf-8")
        )
        records = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as err:
        raise InputError(source, f"cannot read the lexicon: {err}", code="lexicon") from err
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise InputError(source, "a lexicon is a list of terms", code="lexicon")
    terms = []
    for record in records:
        try:
            pattern = re.compile(str(record["pattern"]), re.IGNORECASE)
        except (KeyError, re.error) as err:
            raise InputError(
                source, f"term {record.get('term')!r}: no usable pattern ({err})", code="lexicon"
            ) from err
        terms.append(
            LoadedTerm(
                str(record.get("term") or record["pattern"]),
                pattern,
                str(record.get("frame", "")),
                str(record.get("counterpart", "")),
            )
        )
    return terms


def profiles(
    documents: Iterable[Document], lexicon: list[LoadedTerm], *, by: str = "outlet"
) -> list[Profile]:
    """The profile of each outlet (``by="outlet"``), the most documents first, or of each
    document (``by="document"``), in the order given (the store's: by date). Spelling choices
    are kept only for actors the corpus spells in more than one way."""
    found: dict[str, Profile] = {}
    for doc in documents:
        key = doc.id if by == "document" else (doc.outlet or "(no outlet)")
        profile = found.setdefault(key, Profile(key))
        _add(profile, doc, lexicon)
    _keep_varied_spellings(list(found.values()))
    if by == "document":
        return list(found.values())
    return sorted(found.values(), key=lambda p: (-p.documents, p.name))


def _add(profile: Profile, doc: Document, lexicon: list[LoadedTerm]) -> None:
    profile.documents += 1
    profile.words += len(_WORD.findall(doc.text))
    profile.genres[doc.genre] += 1
    for quote in doc.quotes:
        speaker = quote.speaker
        characters = quote.end - quote.start
        profile.voice_by_type[speaker.type] += characters
        label = speaker.name or f"unnamed ({speaker.type})"  # not "I", "we", "the statement"
        profile.voice_by_speaker[label] += characters
        if quote.kind != "turn":
            profile.quotes += 1
            profile.anonymous += speaker.type == "anonymous"
    for entity in doc.entities:
        if entity.type in {"person", "place"}:  # country names and demonyms are not spellings
            spelt = profile.spellings.setdefault(entity.name, Counter())
            spelt.update(m.text for m in entity.mentions if _is_a_name(m.text))
    for term in lexicon:
        count = len(term.pattern.findall(doc.text))
        if count:
            profile.loaded_terms[term.term] += count
    profile.hedges += len(HEDGES.findall(doc.text))


def _keep_varied_spellings(found: list[Profile]) -> None:
    """Drop the actors every source spells alike: a spelling choice needs an alternative.
    The last word is what is compared ("Zelenskiy" or "Zelenskyy", "Kiev" or "Kyiv"), in any
    case, with or without an article or a possessive."""
    variants: dict[str, set[str]] = {}
    for profile in found:
        for actor, spelt in profile.spellings.items():
            variants.setdefault(actor, set()).update(_last_word(s) for s in spelt)
    varied = {actor for actor, keys in variants.items() if len(keys) > 1}
    for profile in found:
        profile.spellings = {a: s for a, s in profile.spellings.items() if a in varied}


def _is_a_name(mention: str) -> bool:
    """A name, not a title or a description ("President of Ukraine", "ICC Prosecutor")."""
    words = [w for w in plain(strip_article(mention)).split() if w.isalpha()]
    capitalised = all(w[:1].isupper() for w in strip_article(mention).split() if w[:1].isalpha())
    return bool(words) and capitalised and not any(w in HONORIFICS or w in _ROLES for w in words)


_ROLES = frozenset("prosecutor head leader president chancellor premier spokesman".split())


def _last_word(spelling: str) -> str:
    words = plain(strip_article(spelling)).split()
    return words[-1] if words else ""
