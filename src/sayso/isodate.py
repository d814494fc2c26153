"""Absolute calendar dates in metadata and bylines, normalised to ISO 8601.

Only dates that name their year count here (a byline's "11/3/23", a record's
"2022-01-25T09:00:00Z"); relative expressions ("last month") belong to the dates stage, which
resolves them against the document date found here.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from dateparser.date import DateDataParser

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
# How a date or a stretch of dates is asked for (filters "since" and "until"): a year, a month
# or a day, each written as ISO writes it: 2022, 2022-02, 2022-02-24.
ISO_PREFIX = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d{2}"
# Longest forms first, so that "Nov. 3, 2023" wins over "Nov. 3" or "2023".
DATE_PATTERN = re.compile(
    rf"\b(?:{_MONTH}\s+{_DAY},?\s+{_YEAR}"  # Nov. 3, 2023
    rf"|{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"  # 3 November 2023
    rf"|{_YEAR}-\d{{2}}-\d{{2}}"  # 2023-11-03
    r"|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})"  # 11/3/23
    r"|\d{1,2}\.\d{1,2}\.\d{4}"  # 03.11.2023
    rf"|{_MONTH}\s+{_YEAR})\b",  # November 2023
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    # US bylines write month first (11/3/23); ISO and month-name forms are unambiguous anyway.
    settings = {"DATE_ORDER": "MDY", "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    return DateDataParser(languages=["en"], settings=settings)


def to_iso_date(value: str) -> str | None:
    """``"11/3/23"`` -> ``"2023-11-03"``, ``"November 2023"`` -> ``"2023-11"``; None if no year."""
    value = value.strip()
    iso = _from_iso(value)
    if iso is not None:
        return iso.isoformat()
    match = DATE_PATTERN.search(value)
    if match is None:
        return None
    data = _parser().get_date_data(match.group(0))
    if data.date_obj is None:
        return None
    day: date = data.date_obj.date()
    if data.period == "month":
        return day.strftime("%Y-%m")
    if data.period == "year":
        return day.strftime("%Y")
    return day.isoformat()


def find_date(text: str) -> tuple[int, int, str] | None:
    """The first absolute date written in ``text``: its span and ISO value."""
    for match in DATE_PATTERN.finditer(text):
        iso = to_iso_date(match.group(0))
        if iso is not None:
            return match.start(), match.end(), iso
    return None


def day_number(value: str | None) -> int | None:
    """The day number (``date.toordinal``) of an ISO date of a day ("2023-05-01", or a
    timestamp), to tell how far apart two dates are; None for none, a month or a year."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def _from_iso(value: str) -> date | None:
    """The date of an ISO 8601 timestamp (as in JSON exports and HTML metadata), else None."""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None
