"""Names as news writes them: titles, possessives, and the spelling variants of one name.

Shared by the stages that resolve who is who (speakers, entities). ``fold`` gives the key under
which spellings of one name meet: "Zelenskiy", "Zelensky" and "Zelenskyy" fold alike, as do
"Donbass" and "Donbas". Names that differ by more than that ("Kiev" and "Kyiv", "Artemivsk"
and "Bakhmut") are joined by the gazetteer's aliases instead.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib.resources import files
from typing import Literal

Sex = Literal["female", "male"]

# Titles before a person's name, which also open a speaker's label in a transcript ("SEN.
# RISCH:", "Prime Minister Rutte:"): abbreviations (with or without their full stop), then
# titles in words.
TITLE_ABBREVIATIONS = tuple("Mr Ms Mrs Dr Prof Gen Adm Sen Rep Amb Gov Col Lt Capt Sgt Rev".split())
TITLES = (
    *"Miss Sir Dame Lord Lady President Secretary Minister Senator Ambassador General".split(),
    *"Admiral Chairman Chairwoman Chair Governor Director Judge Justice Commissioner".split(),
    *"Mayor Representative".split(),
    "Vice President",
    "Prime Minister",
)
# The words of a title before a name, lowered: the titles' above, and words that stand there
# only beside one ("the former foreign minister", "press secretary").
HONORIFICS = frozenset(
    {
        *(abbreviation.lower() for abbreviation in TITLE_ABBREVIATIONS),
        *(f"{abbreviation.lower()}." for abbreviation in TITLE_ABBREVIATIONS),
        *(word.lower() for title in TITLES for word in title.split()),
        *"""the former acting senior deputy chief foreign defense defence national security
        press spokesperson spokesman spokeswoman adviser advisor king queen prince pope
        taoiseach tanaiste""".split(),
    }
)
# Titles that make the one or two capitalised words after them a person's name, even where
# the tagger took the whole for an organisation's ("General Pack", "Col. Smith").
PERSONAL_TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. gen gen. general col col. colonel lt lt. lieutenant
    maj maj. major capt capt. captain adm adm. admiral sgt sgt. sergeant""".split()
)
# Words of a title that say its holder acts for a state: "Foreign Ministry spokesman",
# "ambassador", "President".
OFFICES = frozenset(
    """president vice secretary minister ministry prime foreign defense defence senator
    representative governor general admiral ambassador envoy chancellor premier spokesperson
    spokesman spokeswoman adviser advisor deputy chief mayor commissioner king queen official
    diplomat negotiator commander lawmaker parliament government head chairman chairwoman
    chair speaker taoiseach""".split()
)

# Words of an organisation's name that, besides those of OFFICES ("ministry", "government"),
# make it a body of a state: "the Ukrainian Armed Forces", "the Embassy of Hungary".
STATE_BODIES = frozenset("embassy army forces navy cabinet presidency council office".split())

# Words a body's name may end with, before the name of a person who speaks for it ("the
# Ministry of Foreign Affairs Oleh Nikolenko").
BODY_ENDS = OFFICES | STATE_BODIES | frozenset({"affairs", "kremlin", "department", "service"})

# Small words inside surnames: "Ursula von der Leyen", "Staffan de Mistura".
NAME_PARTICLES = frozenset("von van der den de da di du del della la le bin ibn al el".split())
# Words before a name that say whether "she" or "he" can stand for its bearer.
_TITLES_BY_SEX: dict[str, Sex] = {
    **dict.fromkeys(
        "mrs ms miss madam madame dame lady queen princess chairwoman spokeswoman".split(),
        "female",
    ),
    **dict.fromkeys("mr sir lord king prince chairman spokesman".split(), "male"),
}
_FEMININE = frozenset({"she", "her", "hers", "herself"})
# Slavic surnames take the bearer's sex: "Zakharova", "Kuleba" aside, "-ova", "-eva", "-skaya".
_FEMALE_SURNAME = re.compile(r"(?:ova|eva|yeva|skaya|tskaya)$")

_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
# Transliteration variants of Slavic names in English text, applied to each folded word's end:
# Zelenskyy/Zelenskiy/Zelenskyi -> zelensky, Donbass -> donbas. Variants that differ inside a
# word (Kharkov/Kharkiv, Yevgeny/Evgeny) are joined by the gazetteer's aliases and fuzzy match.
_TRANSLITERATIONS = (
    (re.compile(r"(?:yy|iy|yi|ij|ii)\b"), "y"),
    (re.compile(r"ss\b"), "s"),
)


def strip_titles(name: str) -> str:
    """``"President Vladimir Putin's"`` -> ``"Vladimir Putin"``: the name without titles before
    it or a possessive after it (a lone title is kept: "the President")."""
    words = _POSSESSIVE.sub("", " ".join(name.split())).split()
    while len(words) > 1 and words[0].lower() in HONORIFICS:
        words.pop(0)
    return " ".join(words)


def strip_article(name: str) -> str:
    """``"the Kremlin"`` -> ``"Kremlin"``."""
    return re.sub(r"^(?:the|The|THE)\s+", "", name)


@lru_cache(maxsize=8192)
def fold(name: str) -> str:
    """The matching key of a name: no article, possessive, accents, case, punctuation or
    transliteration variants. Titles stay: "Foreign Ministry" is not "Defense Ministry"; a
    person's name is stripped of titles (``strip_titles``) before it is folded."""
    return normalise(strip_article(_POSSESSIVE.sub("", " ".join(name.split()))))


def normalise(words: str) -> str:
    """Words without accents, case, punctuation or transliteration variants."""
    key = plain(words)
    for pattern, replacement in _TRANSLITERATIONS:
        key = pattern.sub(replacement, key)
    return key


def plain(words: str) -> str:
    """Words without accents, case or punctuation: ``"Défense-Minister"`` -> ``"defense
    minister"``."""
    decomposed = unicodedata.normalize("NFKD", words)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w\s-]", "", bare).replace("-", " ").split())


def slug(name: str) -> str:
    """A readable, stable id part: ``"John Kirby"`` -> ``"john-kirby"``."""
    return fold(name).replace(" ", "-")


def shortens(short: str, full: str) -> bool:
    """``short`` can stand for the person named ``full``: the same surname, and any other
    words of it among the full name's ("Kirby", "John Kirby", "J. Kirby" -> "John Kirby")."""
    short_words = fold(short).split()
    full_words = fold(full).split()
    if not short_words or not full_words or short_words[-1] != full_words[-1]:
        return False
    initials = {w[0] for w in full_words}
    return all(w in full_words or (len(w) == 1 and w in initials) for w in short_words[:-1])


@lru_cache(maxsize=8192)
def sex_of(name: str) -> Sex | None:
    """Whether "she" or "he" can stand for the person ``name`` names, where the name says
    so: a title ("Ms Truss"), a first name given to one sex nine times in ten
    (``data/first_names.tsv``), a Slavic surname's ending; None where it does not."""
    words = plain(_POSSESSIVE.sub("", name)).split()
    for word in words[:-1]:
        if word in _TITLES_BY_SEX:
            return _TITLES_BY_SEX[word]
    written = strip_titles(name).split()
    bare = plain(" ".join(written)).split()
    if len(bare) >= 2 and written[0][:1].isupper() and bare[0] in _first_names():
        return _first_names()[bare[0]]
    if bare and _FEMALE_SURNAME.search(bare[-1]):
        return "female"
    return None


def pronoun_fits(pronoun: str, name: str | None) -> bool:
    """Whether a person's pronoun can stand for ``name``: not "he" for "Liz Truss", nor "she"
    for "Jake Sullivan"; any name that does not say is fit."""
    sex = sex_of(name) if name else None
    if sex is None:
        return True
    return (pronoun.lower() in _FEMININE) == (sex == "female")


def first_name_sex(word: str) -> Sex | None:
    """The sex a first name is given nine times in ten (``data/first_names.tsv``), if it is
    one."""
    return _first_names().get(plain(word))


@lru_cache(maxsize=1)
def _first_names() -> dict[str, Sex]:
    text = files("sayso").joinpath("data", "first_names.tsv").read_text(encoding="utf-8")
    return {
        name: "female" if sex == "f" else "male"
        for name, sex in (line.split("\t") for line in text.splitlines())
    }
