"""The dates stage: every temporal expression of a document, normalised against the document's
own date, for the timeline.

Spans are found here with a grammar of news dates ("Feb. 24", "24 February 2022", "early June
2022", "since 2014", "last month", "on Tuesday", "two weeks ago") and normalised by calendar
arithmetic, preferring the past as news does: "March" in a piece dated November 2023 is March
2023, "Tuesday" the last Tuesday on or before its date. The reference is the document's date,
else the latest full date it mentions; with neither, relative expressions keep no value.
Periods with no day, month or year of their own ("last week", "this winter", "the 1990s") are
kept with no value.
"""

from __future__ import annotations

import bisect
import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc

from sayso import nlp
from sayso.extract.registry import StageFunction, stage
from sayso.model import DateMention, Document, Granularity
from sayso.settings import Settings


@stage("dates", assigns=("dates",), requires=("text", "date", "parse"))
def make_dates(settings: Settings) -> StageFunction:
    nlp.load()

    def run(doc: Document) -> None:
        doc.dates = find_dates(doc.text, doc.date, parse=doc.parse)

    return run


def find_dates(
    text: str, reference: str | None = None, *, parse: Doc | None = None
) -> list[DateMention]:
    """The temporal expressions of ``text``, normalised against ``reference`` (an ISO date;
    without one, the latest full date in the text). ``parse``: the text's parse, where it is
    made already."""
    found = [f for f in _expressions(text)]
    anchor = _day(reference) or max((f.fixed for f in found if f.fixed), default=None)
    sdoc = nlp.parse(text) if parse is None else parse
    mentions = []
    for item in found:
        span = sdoc.char_span(item.start, item.end, alignment_mode="expand")
        sentence = span.sent if span is not None and len(span) else None
        value, granularity = item.resolve(anchor)
        mentions.append(
            DateMention(
                text=text[item.start : item.end],
                start=item.start,
                end=item.end,
                value=value,
                granularity=granularity,
                sentence_start=sentence.start_char if sentence is not None else item.start,
                sentence_end=sentence.end_char if sentence is not None else item.end,
            )
        )
    return mentions


def _day(value: str | None) -> date | None:
    if value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    return date.fromisoformat(value)


# --- the grammar ------------------------------------------------------------------------------

_MONTHS = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_WEEKDAYS = {
    name: number
    for number, name in enumerate(
        "monday tuesday wednesday thursday friday saturday sunday".split()
    )
}
_NUMBER_WORDS = {
    word: number
    for number, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
} | {"a": 1, "an": 1, "a few": 3, "several": 3}

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November"
    r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1\d\d\d|20\d\d)"
_PART = r"(?:(?P<part>early|mid|late|the end of|the beginning of|the start of|the middle of)[- ])?"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_COUNT = (
    r"(?P<count>\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|a few|several|a|an)"
)
_PERIOD = r"(?P<period>week|weekend|month|year|winter|spring|summer|autumn|fall)"

# Stretches of time that name no day, month or year of their own: kept, with no value.
_STRETCH = (
    r"\b(?:(?:the|these|those)\s+)?(?:past|last|next|previous|coming|recent)\s+"
    r"(?:(?:few|couple\s+of|several|\d+|two|three|four|five|six|seven|eight|nine|ten"
    r"|twelve)\s+)?(?:days|weeks|months|years|decades|quarters)\b"
    r"|\b(?:the\s+)?(?:first|second|third|fourth|last|previous|next)\s+quarter\b"
    r"|\b(?:the\s+)?(?:previous|preceding|following)\s+(?:day|week|month|year)\b"
)
# Each form, most specific first; a later form never takes text an earlier one matched.
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b{_YEAR}-(?P<nmonth>0[1-9]|1[0-2])-(?P<nday>[0-2]\d|3[01])\b")),
    (
        "numeric",
        re.compile(r"(?<![\d/])(?P<first>\d{1,2})/(?P<second>\d{1,2})/(?P<nyear>\d{4}|\d\d)\b"),
    ),
    ("month_day", re.compile(rf"\b{_PART}{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?(?![-/\d])")),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR}\b)?")),
    ("month_year", re.compile(rf"\b{_PART}{_MONTH}(?:\s+of)?,?\s+{_YEAR}\b")),
    ("ago", re.compile(rf"\b{_COUNT}\s+{_UNIT}\s+ago\b", re.IGNORECASE)),
    (
        "relative",
        re.compile(
            rf"\b(?:(?P<earlier>earlier|later)\s+)?(?P<which>last|this|next|past|coming)\s+{_PERIOD}\b",
            re.IGNORECASE,
        ),
    ),
    (
        "deictic",
        re.compile(
            r"\b(?P<deictic>yesterday|today|tonight|tomorrow|this\s+morning|this\s+afternoon"
            r"|this\s+evening|last\s+night)\b",
            re.IGNORECASE,
        ),
    ),
    ("stretch", re.compile(_STRETCH, re.IGNORECASE)),
    ("weekday", re.compile(rf"\b(?:(?P<which>last|this|next)\s+)?{_WEEKDAY}\b")),
    ("decade", re.compile(r"\b(?:the\s+)?(?:early\s+|mid-|late\s+)?(?:1[89]|20)\d0s\b")),
    ("month", re.compile(rf"(?<![\w-]){_PART}{_MONTH}(?![\w-])")),
    ("year", re.compile(rf"(?<![\w$£€.,/])(?<!\d-){_YEAR}(?![\w%-]|,\d|\.\d)")),
]
_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|from|through|during|before|after|of|between|and|to"
    r"|last|this|next|early|late|mid|around|until|for)[\s-]+)$",
    re.IGNORECASE,
)
_OLD_YEAR_BEFORE = re.compile(r"\b(?:in|since|by|until|from|during|before|after)\s+$", re.I)
_PLURAL_NOUN_AFTER = re.compile(
    r"\s+(?!(?:this|its|his|was|has|is|as|thus|plus|less)\b)[a-z]{2,}[^su]s\b"
)


@dataclass(frozen=True)
class _Expression:
    """A temporal expression found in the text, before it is normalised."""

    start: int
    end: int
    form: str
    groups: dict[str, str | None]

    @property
    def fixed(self) -> date | None:
        """The day it names on its own, with no reference (a full date with a year)."""
        g = self.groups
        if self.form == "iso":
            return _safe_date(_int(g["year"]), _int(g["nmonth"]), _int(g["nday"]))
        if self.form == "numeric":  # 11/3/23: month first as in US bylines, unless it cannot be
            first, second, year = _int(g["first"]), _int(g["second"]), _int(g["nyear"])
            month, day = (second, first) if first > 12 else (first, second)
            return _safe_date(year + 2000 if len(str(g["nyear"])) == 2 else year, month, day)
        if self.form in {"month_day", "day_month"} and g.get("year"):
            return _safe_date(_int(g["year"]), _month(g["month"]), _int(g["day"]))
        return None

    def resolve(self, anchor: date | None) -> tuple[str | None, Granularity | None]:
        """The ISO value and its granularity, against the reference day ``anchor``; none for
        a day the calendar cannot hold ("10000000 days ago", "tomorrow" after 31/12/9999)."""
        try:
            return self._resolve(anchor)
        except (OverflowError, ValueError):
            return None, None

    def _resolve(self, anchor: date | None) -> tuple[str | None, Granularity | None]:
        g = self.groups
        if self.form in {"iso", "numeric"} or (
            self.form in {"month_day", "day_month"} and g.get("year")
        ):
            day = self.fixed
            return (day.isoformat(), "day") if day else (None, None)
        if self.form in {"month_day", "day_month"}:
            if anchor is None:
                return None, None
            month, day_of_month = _month(g["month"]), _int(g["day"])
            year = (
                anchor.year
                if (month, day_of_month) <= (anchor.month, anchor.day)
                else anchor.year - 1
            )
            day = _safe_date(year, month, day_of_month)
            return (day.isoformat(), "day") if day else (None, None)
        if self.form == "month_year":
            return f"{g['year']}-{_month(g['month']):02d}", "month"
        if self.form == "month":
            if anchor is None:
                return None, None
            month = _month(g["month"])
            year = anchor.year if month <= anchor.month else anchor.year - 1
            return f"{year}-{month:02d}", "month"
        if self.form == "year":
            return str(g["year"]), "year"
        if anchor is None or self.form in {"decade", "stretch"}:
            return None, None
        if self.form == "deictic":
            word = " ".join(str(g["deictic"]).lower().split())
            shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
            return (anchor + timedelta(days=shift)).isoformat(), "day"
        if self.form == "weekday":
            return _weekday(anchor, str(g["weekday"]), g.get("which")), "day"
        if self.form == "ago":
            return _ago(anchor, str(g["count"]).lower(), str(g["unit"]).lower())
        return _relative(anchor, str(g["which"]).lower(), str(g["period"]).lower())


def _expressions(text: str) -> list[_Expression]:
    taken: list[tuple[int, int]] = []  # spans already found, sorted: none overlap
    found = []
    for form, pattern in _FORMS:
        for match in pattern.finditer(text):
            start, end = match.start(), match.end()
            at = bisect.bisect_left(taken, (start, end))
            before = taken[at - 1] if at > 0 else None
            after = taken[at] if at < len(taken) else None
            if (before and before[1] > start) or (after and after[0] < end):
                continue
            if not _plausible(form, match, text):
                continue
            taken.insert(at, (start, end))
            found.append(_Expression(start, end, form, match.groupdict()))
    found += _second_days(found, text)
    return _shared_years(sorted(found, key=lambda f: f.start), text)


_SECOND_DAY = re.compile(r"\s*(?:and|or|to|-|–)\s*(?P<day>[12]\d|3[01]|0?[1-9])\b(?![\s,]*\d)")


def _second_days(found: list[_Expression], text: str) -> list[_Expression]:
    """The day that follows a month and day: the "7" of "April 6 and 7"."""
    days = []
    for item in found:
        match = _SECOND_DAY.match(text, item.end) if item.form == "month_day" else None
        if match is not None and not text.startswith("%", match.end()):
            groups = {**item.groups, "day": match.group("day")}
            days.append(_Expression(match.start("day"), match.end("day"), "month_day", groups))
    return days


_COORDINATION = re.compile(r"\s*(?:and|or|to|through|until|-|–)\s*$")


def _shared_years(found: list[_Expression], text: str) -> list[_Expression]:
    """A month or day that shares the year of the next date: "in May and early June 2022",
    "March 3 to April 5, 2022"."""
    shared = []
    for item, following in zip(found, [*found[1:], None], strict=False):
        if (
            following is not None
            and item.form in {"month", "month_day", "day_month"}
            and not item.groups.get("year")
            and following.groups.get("year")
            and following.form in {"month_year", "month_day", "day_month"}
            and _COORDINATION.fullmatch(text[item.end : following.start])
        ):
            form = "month_year" if item.form == "month" else item.form
            item = _Expression(
                item.start, item.end, form, {**item.groups, "year": following.groups["year"]}
            )
        shared.append(item)
    return shared


def _plausible(form: str, match: re.Match[str], text: str) -> bool:
    """Words that only look like dates: "May" the verb, a year that counts things ("2000
    troops"), a "March" or "Sunday" that is part of a name."""
    before = text[max(0, match.start() - 30) : match.start()]
    if form == "month" and match.group("month") == "May":
        return _PREPOSITION_BEFORE.search(before) is not None
    if form == "month" and match.group("month").endswith("."):
        return False  # "Jan." alone is an abbreviation ending a sentence as often as a month
    if form == "year":
        if _PLURAL_NOUN_AFTER.match(text, match.end()) is not None:
            return False  # "2000 troops"
        old = int(match.group("year")) < 1800  # "in 1725"; "and 1500 men" is not a year
        return not old or _OLD_YEAR_BEFORE.search(before) is not None
    if form == "weekday":
        return _PLURAL_NOUN_AFTER.match(text, match.end()) is None  # "the Sunday shows"
    return True


# --- calendar arithmetic ----------------------------------------------------------------------


def _month(name: str | None) -> int:
    return _MONTHS[str(name).lower().rstrip(".")]


def _int(value: str | None) -> int:
    return int(str(value))


def _safe_date(year: int, month: int, day: int) -> date | None:
    if not 1 <= year <= 9999 or not 1 <= month <= 12:
        return None
    if not 1 <= day <= monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _weekday(anchor: date, name: str, which: str | None) -> str:
    """The day called ``name`` nearest ``anchor``: on or before it, or after it for "next"."""
    target = _WEEKDAYS[name.lower()]
    if which is not None and which.lower() == "next":
        return (anchor + timedelta(days=(target - anchor.weekday() - 1) % 7 + 1)).isoformat()
    back = (anchor.weekday() - target) % 7
    if which is not None and which.lower() == "last" and back == 0:
        back = 7
    return (anchor - timedelta(days=back)).isoformat()


def _ago(anchor: date, count: str, unit: str) -> tuple[str | None, Granularity | None]:
    n = int(count) if count.isdigit() else _NUMBER_WORDS.get(count, 0)
    if unit == "day":
        return (anchor - timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return (anchor - timedelta(weeks=n)).isoformat(), "day"
    if unit == "month":
        return _shift_month(anchor, -n), "month"
    if not 0 < anchor.year - n <= 9999:
        return None, None
    return str(anchor.year - n), "year"


def _relative(anchor: date, which: str, period: str) -> tuple[str | None, Granularity | None]:
    """ "last month", "this year", "next year"; weeks and seasons have no value of their own."""
    step = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[which]
    if period == "month":
        return _shift_month(anchor, step), "month"
    if period == "year":
        return str(anchor.year + step), "year"
    return None, None


def _shift_month(anchor: date, months: int) -> str:
    index = anchor.year * 12 + anchor.month - 1 + months
    if not 1 <= index // 12 <= 9999:
        raise ValueError(f"{months} months from {anchor} is off the calendar")
    return f"{index // 12:04d}-{index % 12 + 1:02d}"
