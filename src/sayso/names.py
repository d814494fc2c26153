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

HONORIFICS = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady the president vice
    secretary minister prime foreign defense defence senator sen sen. rep rep. representative
    governor gov gov. general gen gen. admiral adm adm. ambassador amb. chairman chairwoman chair
    director spokesperson spokesman spokeswoman press national security adviser advisor
    deputy chief mayor judge justice commissioner king queen prince pope rev rev. col col.
    lt lt. capt capt. sgt sgt. former acting senior taoiseach tanaiste""".split()
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
