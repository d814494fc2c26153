"""The dates stage: spans found in the text and normalised against the document's date."""

from __future__ import annotations

import pytest

from sayso.extract.dates import find_dates

NOV_3_2023 = "2023-11-03"  # a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia invaded on Feb. 24, 2022.", [("Feb. 24, 2022", "2022-02-24", "day")]),
        ("By Courtney Kube, NBC News, 11/3/23", [("11/3/23", "2023-11-03", "day")]),
        ("Filed 24/02/2022 in Kyiv.", [("24/02/2022", "2022-02-24", "day")]),
        ("The summit on 24 February 2023 ended.", [("24 February 2023", "2023-02-24", "day")]),
        ("Talks resumed on March 16.", [("March 16", "2023-03-16", "day")]),
        ("Talks were due on December 2.", [("December 2", "2022-12-02", "day")]),
        ("The offensive began in May.", [("May", "2023-05", "month")]),
        ("Shelling was worst in December.", [("December", "2022-12", "month")]),
        (
            "In May and early June 2022 the offensive stalled.",
            [("May", "2022-05", "month"), ("early June 2022", "2022-06", "month")],
        ),
        ("The war has gone on since 2014.", [("2014", "2014", "year")]),
        ("It began with the post-2014 fighting.", [("2014", "2014", "year")]),
        ("Peter sent them to Prussia in 1718.", [("1718", "1718", "year")]),
        ("On Tuesday, officials met.", [("Tuesday", "2023-10-31", "day")]),
        ("On Friday, officials met.", [("Friday", "2023-11-03", "day")]),
        ("They will meet next Monday.", [("next Monday", "2023-11-06", "day")]),
        (
            "Yesterday and this morning were calm.",
            [
                ("Yesterday", "2023-11-02", "day"),
                ("this morning", "2023-11-03", "day"),
            ],
        ),
        ("Last month was the worst.", [("Last month", "2023-10", "month")]),
        ("Next year matters.", [("Next year", "2024", "year")]),
        ("Two weeks ago the line held.", [("Two weeks ago", "2023-10-20", "day")]),
        (
            "Ministers met on April 6 and 7.",
            [
                ("April 6", "2023-04-06", "day"),
                ("7", "2023-04-07", "day"),
            ],
        ),
        (
            "This winter will be hard, as in the 1990s.",
            [
                ("This winter", None, None),
                ("the 1990s", None, None),
            ],
        ),
        ("Over the past three years prices rose.", [("the past three years", None, None)]),
    ],
)
def test_dates_against_the_document_date(
    text: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    found = find_dates(text, NOV_3_2023)
    assert [(d.text, d.value, d.granularity) for d in found] == expected
    for d in found:
        assert text[d.start : d.end] == d.text
        assert d.sentence_start <= d.start < d.end <= d.sentence_end


@pytest.mark.parametrize(
    "text",
    [
        "May I ask a question?",
        "By then 2000 troops had crossed and 1500 men followed.",
        "She appeared on one of the Sunday shows.",
        "The F-16 cost $2014 each.",
    ],
)
def test_words_that_only_look_like_dates(text: str) -> None:
    assert find_dates(text, NOV_3_2023) == []


def test_without_a_document_date_the_latest_full_date_is_the_reference() -> None:
    text = "The invasion of 2022-02-24 led to the summit of 24 February 2023. By March 16 it ended."
    assert [(d.text, d.value) for d in find_dates(text)] == [
        ("2022-02-24", "2022-02-24"),
        ("24 February 2023", "2023-02-24"),
        ("March 16", "2022-03-16"),
    ]


def test_without_any_reference_relative_dates_have_no_value() -> None:
    assert [(d.text, d.value) for d in find_dates("Last month, on Tuesday, it rained.")] == [
        ("Last month", None),
        ("Tuesday", None),
    ]


def test_dates_off_the_calendar_keep_no_value() -> None:
    text = (
        "He left 1000000000 days ago, 3000 years ago and on Feb. 30, 2022. "
        "On 12/31/9999 it ended; 1/1/0000 never was."
    )
    found = {d.text: d.value for d in find_dates(text, "2022-01-01")}
    assert found == {
        "1000000000 days ago": None,
        "3000 years ago": None,
        "Feb. 30, 2022": None,
        "12/31/9999": "9999-12-31",
        "1/1/0000": None,
    }
