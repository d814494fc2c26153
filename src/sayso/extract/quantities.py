"""The quantities stage: every figure of a document with its value, unit, what it counts, the
qualifier that hedges it, and, inside a quote, who gave it.

Figures are read from the text with a small grammar of their own, as news writes them:
"$61 billion", "£600m", "38% of voters", "12,000 civilians killed", "two million", "a third of
the army", "3 million rounds a year", "between 10,000 and 15,000 troops", "more than 500".
Years, dates, times, durations, ages, ordinals and names with digits in them ("F-16", "G7",
"Article 5") are not figures. spaCy's parse only supplies the sentence and what is counted.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from sayso import nlp
from sayso.extract.registry import StageFunction, stage
from sayso.model import Document, Quantity, Quote
from sayso.settings import Settings
from sayso.text.words import CURRENCY_CODES, CURRENCY_SIGNS, SCALES


@stage("quantities", assigns=("quantities",), requires=("text", "quotes", "parse"))
def make_quantities(settings: Settings) -> StageFunction:
    nlp.load()

    def run(doc: Document) -> None:
        doc.quantities = find_quantities(doc.text, doc.quotes, parse=doc.parse)

    return run


def find_quantities(
    text: str, quotes: list[Quote] | None = None, *, parse: Doc | None = None
) -> list[Quantity]:
    """The figures of ``text`` in reading order; a figure inside one of ``quotes`` takes its
    speaker as its source. ``parse``: the text's parse, where it is made already."""
    sdoc = nlp.parse(text) if parse is None else parse
    found = []
    for figure in _figures(text):
        if not all(math.isfinite(v) for v in (figure.value, figure.high) if v is not None):
            continue  # hundreds of digits: too large for a number, no figure of anything
        span = sdoc.char_span(figure.start, figure.end, alignment_mode="expand")
        if span is None or not len(span) or _pronoun_one(span):
            continue
        sent = span.sent
        found.append(
            Quantity(
                text=text[figure.start : figure.end],
                start=figure.start,
                end=figure.end,
                value=figure.value,
                high=figure.high,
                unit=figure.unit,
                counted=_counted(sdoc, text, figure),
                qualifier=figure.qualifier,
                sentence_start=sent.start_char,
                sentence_end=sent.end_char,
                source=_source(figure, quotes or []),
            )
        )
    return found


def _pronoun_one(span: Span) -> bool:
    """A number word the parser reads as a pronoun or a noun: "the appropriate one"."""
    word = span[0]
    return word.lower_ in _SMALL and word.pos_ in {"PRON", "NOUN"}


# --- the grammar of figures -------------------------------------------------------------------

_TOKEN = re.compile(
    r"US\$|[$€£₽₴¥]|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[^\W\d_]+(?:[-‑][^\W\d_]+)*|%|\S"
)

_SMALL = {
    word: number
    for number, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    word: 10 * number
    for number, word in enumerate(
        "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2
    )
}
_ATTACHED_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12}
_FRACTIONS = {"half": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4, "quarters": 1 / 4}
_CURRENCY_WORDS = {
    "dollar": "USD",
    "dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "hryvnia's": "UAH",
    "yuan": "CNY",
    "yen": "JPY",
}
_MEASURES = {
    "km": "km",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "miles": "miles",
    "mile": "miles",
    "metres": "m",
    "meters": "m",
    "tonnes": "tonnes",
    "tons": "tonnes",
    "tonne": "tonnes",
    "ton": "tonnes",
    "kg": "kg",
    "kilograms": "kg",
    "barrels": "barrels",
    "bcm": "bcm",
    "litres": "litres",
    "liters": "litres",
    "mw": "MW",
    "megawatts": "MW",
    "gw": "GW",
    "gigawatts": "GW",
    "hectares": "hectares",
}
_TIME_UNITS = frozenset(
    """second seconds minute minutes hour hours day days week weeks month months year years
    decade decades century centuries year-old years-old""".split()
)
_MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_IDENTIFIER_NOUNS = frozenset(
    """article resolution section chapter no number flight route highway room page item
    paragraph clause protocol amendment phase stage level grade category building""".split()
)
# Qualifiers as written (lowercase word sequences) and the name each is reported under.
_QUALIFIERS = {
    ("more", "than"): "more than",
    ("over",): "more than",
    ("above",): "more than",
    ("upwards", "of"): "more than",
    ("in", "excess", "of"): "more than",
    ("less", "than"): "less than",
    ("fewer", "than"): "less than",
    ("under",): "less than",
    ("below",): "less than",
    ("up", "to"): "up to",
    ("as", "many", "as"): "up to",
    ("as", "much", "as"): "up to",
    ("at", "least"): "at least",
    ("at", "most"): "at most",
    ("about",): "about",
    ("around",): "about",
    ("roughly",): "about",
    ("approximately",): "about",
    ("some",): "about",
    ("nearly",): "nearly",
    ("almost",): "nearly",
    ("close", "to"): "nearly",
    ("an", "estimated"): "estimated",
    ("estimated",): "estimated",
}
_RANGE_WORDS = frozenset({"to", "-", "–", "—"})
_NOT_COUNTING_ONE = frozenset({"no", "any", "every", "each", "the", "this", "that", "which"})


class _Tok(NamedTuple):  # one for every word of the text: a tuple is made fastest
    text: str
    start: int
    end: int
    lower: str


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    value: float
    high: float | None
    unit: str | None
    qualifier: str | None
    follows: int  # where the words after the figure begin (what it counts)


def _figures(text: str) -> Iterator[_Figure]:
    tokens = [_Tok(m[0], m.start(), m.end(), m[0].lower()) for m in _TOKEN.finditer(text)]
    i = 0
    while i < len(tokens):
        figure, next_i = _figure_at(tokens, i, text)
        if figure is not None:
            yield figure
            i = next_i
        else:
            i += 1


def _figure_at(tokens: list[_Tok], i: int, text: str) -> tuple[_Figure | None, int]:
    """The figure that begins at token ``i``, and the token after it."""
    first = i
    unit, i = _currency_before(tokens, i)
    number = _number(tokens, i)
    if number is None:
        return None, first + 1
    value, i = number.value, number.after
    if _pence(tokens, number) and unit is None:
        value, unit, i = number.value / 100, "GBP", i + 1  # "97p"
    elif unit is None and not _is_figure(tokens, first, i, text, number):
        return None, i
    unit, i = _unit_after(tokens, i, unit)
    high = None
    ranged = i + 1 < len(tokens) and (
        tokens[i].lower in _RANGE_WORDS
        or (tokens[i].lower == "and" and first > 0 and tokens[first - 1].lower == "between")
    )
    if ranged and _word_before(tokens, first) != "from":  # "fell from 97p to 44p": two figures
        second_unit, j = _currency_before(tokens, i + 1)
        second = _number(tokens, j)
        if second_unit is not None and unit is not None and second_unit != unit:
            second = None  # "by 1.3% to $33.6 billion"
        if second is not None and second.value > value:
            high, i = second.value, second.after
            if number.scale == 1 and second.scale > 1 and value * second.scale <= high:
                value *= second.scale  # "between 10 and 15 million": the scale is shared
            unit, i = _unit_after(tokens, i, unit or second_unit)
        elif second is not None and tokens[i].text == "-" and tokens[i].start == tokens[i - 1].end:
            return None, second.after  # a score or a code: "1-1", "13-9"
    if i < len(tokens) and tokens[i].lower.rstrip(".") in _MONTHS:
        return None, i  # days of a month: "13-19 February"
    if unit is None and _time_unit_at(tokens, i):
        return None, i  # a duration or an age: "three years", "48 hours", "53-year-old"
    if not math.isfinite(value) or (high is not None and not math.isfinite(high)):
        return None, i  # "999…9" past what a float holds: a code, not a figure
    start = tokens[first].start
    qualifier = _qualifier(tokens, first)
    follows = tokens[i].start if i < len(tokens) else len(text)
    return _Figure(start, tokens[i - 1].end, value, high, unit, qualifier, follows), i


def _currency_before(tokens: list[_Tok], i: int) -> tuple[str | None, int]:
    """A currency sign or code before a number ("$", "US$", "EUR"), and the token after it."""
    if i < len(tokens) and tokens[i].text in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[tokens[i].text], i + 1
    if i + 1 < len(tokens) and tokens[i].text in CURRENCY_CODES:
        return tokens[i].text, i + 1
    return None, i


def _pence(tokens: list[_Tok], number: _Number) -> bool:
    after = number.after
    return (
        number.digits
        and after < len(tokens)
        and tokens[after].text == "p"
        and tokens[after].start == tokens[after - 1].end
    )


@dataclass(frozen=True)
class _Number:
    value: float
    after: int  # the token after the number
    digits: bool  # written in digits, not words
    scale: float  # the scale word's factor ("million"), 1 when there is none


_PERCENT_WORDS = {
    ("%",): "percent",
    ("percent",): "percent",
    ("pct",): "percent",
    ("per", "cent"): "percent",
    ("percentage", "points"): "percentage points",
}


def _time_unit_at(tokens: list[_Tok], i: int) -> bool:
    if i < len(tokens) and tokens[i].text in {"-", "‑"} and i + 1 < len(tokens):
        i += 1  # "45-year-old"
    return i < len(tokens) and tokens[i].lower.split("-")[0] in _TIME_UNITS


def _unit_after(tokens: list[_Tok], i: int, unit: str | None) -> tuple[str | None, int]:
    """The unit written after a number, if any, and the token after it: a percent sign or
    word, or, when no currency sign came before, a currency word or code or a measure."""
    for words, name in _PERCENT_WORDS.items():
        if tuple(t.lower for t in tokens[i : i + len(words)]) == words:
            return name, i + len(words)
    if unit is not None or i >= len(tokens):
        return unit, i
    word = tokens[i].lower
    named = _CURRENCY_WORDS.get(word) or _MEASURES.get(word)
    if tokens[i].text in CURRENCY_CODES:
        named = tokens[i].text
    return (named, i + 1) if named else (None, i)


def _number(tokens: list[_Tok], i: int) -> _Number | None:
    """The number at token ``i``, in digits or words, with its scale."""
    if i >= len(tokens):
        return None
    token = tokens[i]
    if not token.text[0].isdigit():
        return _number_words(tokens, i)
    try:
        value = float(token.text.replace(",", ""))
    except ValueError:
        return None
    i += 1
    if i < len(tokens) and tokens[i].start == token.end and tokens[i].text[0].isalpha():
        if tokens[i].text == "p":
            return _Number(value, i, True, 1.0)  # pence, read by the caller
        scale = _ATTACHED_SCALES.get(tokens[i].lower)
        if scale is None:
            return None  # "5G", "1st", "3D": not a figure
        return _Number(value * scale, i + 1, True, scale)
    if i < len(tokens) and tokens[i].lower in SCALES:
        scale = SCALES[tokens[i].lower]
        return _Number(value * scale, i + 1, True, scale)
    return _Number(value, i, True, 1.0)


def _number_words(tokens: list[_Tok], i: int) -> _Number | None:
    """ "two million", "twenty-five", "a dozen", "a third", "two-thirds", "half of"."""
    word = tokens[i].lower
    following = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    if word in {"a", "an", "one"}:
        if following == "dozen":
            return _Number(12.0, i + 2, False, 1.0)
        if following in {"half", "third", "quarter"}:
            return _Number(_FRACTIONS[following], i + 2, False, 1.0)
        if word != "one" and following in {"hundred", "thousand", "million", "billion"}:
            return _Number(SCALES[following], i + 2, False, SCALES[following])
    if word == "half" and following in {"of", "the"}:
        return _Number(0.5, i + 1, False, 1.0)
    parts = word.split("-")
    if len(parts) == 2 and parts[0] in _SMALL and parts[1] in {"thirds", "quarters"}:
        return _Number(_SMALL[parts[0]] * _FRACTIONS[parts[1]], i + 1, False, 1.0)
    total = current = 0.0
    scale = 1.0
    start = i
    while i < len(tokens):
        parts = tokens[i].lower.split("-")
        if len(parts) <= 2 and all(p in _SMALL or p in _TENS for p in parts):
            current += sum(_SMALL.get(p, 0) + _TENS.get(p, 0) for p in parts)
        elif tokens[i].lower == "hundred" and i > start:
            current = (current or 1) * 100
        elif tokens[i].lower in {"thousand", "million", "billion", "trillion"} and i > start:
            scale = SCALES[tokens[i].lower]
            total += (current or 1) * scale
            current = 0
        else:
            break
        i += 1
    if i == start:
        return None
    return _Number(total + current, i, False, scale)


def _is_figure(tokens: list[_Tok], first: int, after: int, text: str, number: _Number) -> bool:
    """Whether a bare number is a figure, not a year, a date, a time, an ordinal, an age or
    part of a name."""
    before = _word_before(tokens, first)
    nxt = tokens[after] if after < len(tokens) else None
    next_word = nxt.lower if nxt is not None else ""
    if (
        first > 0
        and tokens[first - 1].end == tokens[first].start
        and tokens[first - 1].text not in "($"
    ):
        return False  # "F-16", "G7", "MH17"
    if nxt is not None and nxt.text in {":", ".", "/"} and after + 1 < len(tokens):
        following = tokens[after + 1]
        if following.start == nxt.end and following.text[0].isdigit():
            return False  # a time "3:05" or a date "11/3/23" (decimals were read whole)
    if next_word in _CLOCK_WORDS or next_word.rstrip(".") in _MONTHS:
        return False  # "2100 GMT", "24 February"
    if before in _MONTHS or before in _IDENTIFIER_NOUNS or before in {"aged", "age", "#"}:
        return False  # "Feb. 24", "Article 5", "No. 14", "aged 53"
    if before == "of" and _word_before(tokens, first - 1) == "age":
        return False  # "at the age of 87"
    if _second_day(tokens, first) or _in_a_name(tokens, first, after, text):
        return False
    if not number.digits:
        return _counts_in_words(tokens, first, number, next_word)
    year_like = number.scale == 1 and re.fullmatch(r"(1[0-9]|20)\d\d", tokens[first].text)
    if year_like and not _PLURAL.fullmatch(next_word):
        return False  # a year, unless it counts something: "2000 troops"
    line_start = tokens[first].start == 0 or text[tokens[first].start - 1] == "\n"
    if line_start and nxt is not None and nxt.text in {".", ")"}:
        return False  # list numbering
    return not _is_age(tokens, first, after)


_CLOCK_WORDS = frozenset({"a.m", "p.m", "am", "pm", "gmt", "utc", "est", "bst", "cet", "local"})
_PLURAL = re.compile(r"(?!(?:this|its|his|hers|yes|thus|plus|less|unless|across)$)[a-z]{2,}[^su]s")


def _word_before(tokens: list[_Tok], first: int) -> str:
    """The word before token ``first``, past an abbreviation's full stop ("Feb. 24")."""
    index = first - 1
    if index > 0 and tokens[index].text == ".":
        index -= 1
    return tokens[index].lower if index >= 0 else ""


def _second_day(tokens: list[_Tok], first: int) -> bool:
    """The second day of "April 6 and 7"."""
    return (
        first >= 3
        and tokens[first - 1].lower in {"and", "or", "to", "-", "–"}
        and tokens[first - 2].text.isdigit()
        and _word_before(tokens, first - 2).rstrip(".") in _MONTHS
    )


def _in_a_name(tokens: list[_Tok], first: int, after: int, text: str) -> bool:
    """A small number that ends a name inside a sentence: "Nord Stream 2", "Minsk 2 accords",
    but not a count after a name ("gave Kyiv 50 jets")."""
    if first < 2 or tokens[first].end - tokens[first].start > 2:
        return False
    before = tokens[first - 1]
    if not (before.text[0].isupper() and before.text.isalpha()) or before.lower in _MONTHS:
        return False
    if tokens[first - 2].text in {".", "!", "?", "“", '"'}:
        return False
    nxt = tokens[after].text if after < len(tokens) else ""
    return not _PLURAL.fullmatch(nxt)


def _counts_in_words(tokens: list[_Tok], first: int, number: _Number, next_word: str) -> bool:
    """A number in words counts something only when a word follows it: not "two, three weeks",
    "children under five", "one of them", "no one"."""
    if not next_word[:1].isalpha() or next_word in {"and", "or", "but", "nor", "to"}:
        return False
    if number.value == 1:
        before = tokens[first - 1].lower if first > 0 else ""
        if before in _NOT_COUNTING_ONE or next_word in _NOT_COUNTED_BY_ONE:
            return False
    return number.value > 0


_NOT_COUNTED_BY_ONE = frozenset({"of", "another", "day", "side", "way", "time", "other"})


def _is_age(tokens: list[_Tok], first: int, after: int) -> bool:
    """ ", 53," after a name."""
    if first < 2 or after >= len(tokens):
        return False
    return (
        tokens[first - 1].text == ","
        and tokens[after].text == ","
        and tokens[first - 2].text[:1].isupper()
    )


def _qualifier(tokens: list[_Tok], first: int) -> str | None:
    for words, name in _QUALIFIERS.items():
        n = len(words)
        if first >= n and tuple(t.lower for t in tokens[first - n : first]) == words:
            return name
    return None


# --- what a figure counts, and who gave it ----------------------------------------------------

_RATES = re.compile(
    r"\s+(?:a|per|each|every)\s+(?:year|month|week|day|hour|minute|second|person|head|capita)\b"
    r"|\s+(?:annually|daily|monthly|weekly)\b",
    re.IGNORECASE,
)


def _counted(sdoc: Doc, text: str, figure: _Figure) -> str | None:
    """What a figure counts: the noun phrase after it ("civilians killed"), after "of" ("of
    voters" -> "voters"), or, for money, after "in" or "for" ("in military aid"); with a rate
    if one follows ("rounds a year")."""
    token = _token_at(sdoc, figure.follows)
    if token is None:
        return None
    if token.lower_ == "of" or (figure.unit in CURRENCY_CODES and token.lower_ in {"in", "for"}):
        objects = [c for c in token.children if c.dep_ == "pobj"]
        if not objects or (token.lower_ != "of" and objects[0].pos_ == "PROPN"):
            return None  # "97p in London" is where, not what
        last = _after_participle(objects[0])
        return _with_rate(text, sdoc[token.i + 1].idx, last.idx + len(last))
    if token.pos_ not in {"NOUN", "PROPN", "ADJ"} or figure.unit in {
        "percent",
        "percentage points",
    }:
        return None
    end = token
    while end.i + 1 < len(sdoc) and end.pos_ in {"ADJ", "NOUN", "PROPN"} and end.head.i > end.i:
        if sdoc[end.i + 1].pos_ not in {"ADJ", "NOUN", "PROPN"}:
            break
        end = sdoc[end.i + 1]
    if end.pos_ not in {"NOUN", "PROPN"} or end.lower_.split("-")[0] in _TIME_UNITS:
        return None
    last = _after_participle(end)
    return _with_rate(text, token.idx, last.idx + len(last))


def _after_participle(noun: Token) -> Token:
    """The noun, or the participle right after it that says what befell it ("killed")."""
    doc = noun.doc
    if noun.i + 1 < len(doc):
        nxt = doc[noun.i + 1]
        if nxt.tag_ == "VBN" and nxt.dep_ == "acl" and nxt.head.i == noun.i:
            return nxt
    return noun


def _with_rate(text: str, start: int, end: int) -> str:
    rate = _RATES.match(text, end)
    if rate is not None:
        end = rate.end()
    return " ".join(text[start:end].split())


def _token_at(sdoc: Doc, position: int) -> Token | None:
    span = sdoc.char_span(position, position + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _source(figure: _Figure, quotes: list[Quote]) -> str | None:
    """The speaker of the narrowest quote the figure is in."""
    holding = [q for q in quotes if q.start <= figure.start and figure.end <= q.end]
    if not holding:
        return None
    return min(holding, key=lambda q: q.end - q.start).speaker.label
