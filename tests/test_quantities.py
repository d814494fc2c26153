"""The quantities stage on real sentences: money, percentages, counts, ranges, qualifiers, and
the numbers that are not figures."""

from __future__ import annotations

import pytest

from sayso.extract.quantities import find_quantities
from sayso.extract.quotes import find_quotes


def _one(text: str) -> tuple[str, float | None, float | None, str | None, str | None, str | None]:
    figures = find_quantities(text)
    assert len(figures) == 1, figures
    f = figures[0]
    assert text[f.start : f.end] == f.text
    assert f.sentence_start <= f.start < f.end <= f.sentence_end
    return f.text, f.value, f.high, f.unit, f.counted, f.qualifier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Congress has approved $61 billion in military aid for Ukraine.",
            ("$61 billion", 61e9, None, "USD", "military aid", None),
        ),
        (
            "Profits jumped to £600m last year.",
            ("£600m", 6e8, None, "GBP", None, None),
        ),
        (
            "Shares in the firm closed at 97p in London.",
            ("97p", 0.97, None, "GBP", None, None),
        ),
        (
            "Some 38% of voters say the war is going badly.",
            ("38%", 38.0, None, "percent", "voters", "about"),
        ),
        (
            "Inflation rose by 2.5 percentage points in a month.",
            ("2.5 percentage points", 2.5, None, "percentage points", None, None),
        ),
        (
            "At least 12,000 civilians killed since the invasion, the UN said.",
            ("12,000", 12000.0, None, None, "civilians killed", "at least"),
        ),
        (
            "Russia fires 3 million rounds a year, officials said.",
            ("3 million", 3e6, None, None, "rounds a year", None),
        ),
        (
            "Between 10,000 and 15,000 troops massed near the border.",
            ("10,000 and 15,000", 10000.0, 15000.0, None, "troops", None),
        ),
        (
            "Ukraine needs between 10 and 15 million shells.",
            ("10 and 15 million", 1e7, 1.5e7, None, "shells", None),
        ),
        (
            "The package is worth up to $3-5bn over two years.",
            ("$3-5bn", 3e9, 5e9, "USD", None, "up to"),
        ),
        (
            "Nearly two million people have left the region.",
            ("two million", 2e6, None, None, "people", "nearly"),
        ),
        (
            "Officials fear a third of the army is exhausted.",
            ("a third", 1 / 3, None, None, "the army", None),
        ),
        (
            "The front moved 30 km of front line in a week.",
            ("30 km", 30.0, None, "km", "front line", None),
        ),
        (
            "More than 500 tonnes of grain left Odesa.",
            ("500 tonnes", 500.0, None, "tonnes", "grain", "more than"),
        ),
        (
            "One official said the talks had stalled.",
            ("One", 1.0, None, None, "official", None),
        ),
    ],
)
def test_figures(
    text: str,
    expected: tuple[str, float | None, float | None, str | None, str | None, str | None],
) -> None:
    found = _one(text)
    assert found[0] == expected[0]
    assert found[1] == pytest.approx(expected[1])
    assert found[2] == (pytest.approx(expected[2]) if expected[2] is not None else None)
    assert found[3:] == expected[3:]


@pytest.mark.parametrize(
    "text",
    [
        "Russia invaded on Feb. 24, 2022 and again on 24 February.",
        "The briefing began at 3:05 p.m. and the bomb was due at 2100 GMT.",
        "By Courtney Kube and Carole E. Lee, NBC News, 11/3/23",
        "The F-16 jets, G7 leaders, Covid-19 and Article 5 came up, as did page 5.",
        "Ben Wallace, 53, a 45-year-old aide, died at the age of 87.",
        "He spoke for three years and 48 hours in 2014.",
        "The Nord Stream 2 pipeline and building No. 14 were damaged.",
        "No one knows; one of them left, and the score was 1-1.",
        "The talks of April 6 and 7 were held on 13-19 February.",
    ],
)
def test_numbers_that_are_not_figures(text: str) -> None:
    assert find_quantities(text) == []


def test_a_change_is_two_figures_and_units_do_not_make_a_range() -> None:
    figures = find_quantities("Shares fell from 97p to 44p as sales declined by 1.3% to $33.6bn.")
    assert [(f.text, f.unit, f.high) for f in figures] == [
        ("97p", "GBP", None),
        ("44p", "GBP", None),
        ("1.3%", "percent", None),
        ("$33.6bn", "USD", None),
    ]


def test_a_year_can_count_things() -> None:
    assert [f.text for f in find_quantities("By then 2000 troops had crossed.")] == ["2000"]


def test_a_figure_in_a_quote_has_the_speaker_as_source() -> None:
    text = (
        "“We have lost 300 tanks in a month,” said Oleksandr Syrskyi, the commander. "
        "The ministry counted 40 more."
    )
    figures = find_quantities(text, find_quotes(text))
    assert [(f.text, f.source) for f in figures] == [
        ("300", "Oleksandr Syrskyi"),
        ("40", None),
    ]


def test_numbers_too_long_for_a_float_are_not_figures() -> None:
    assert find_quantities("Code " + "9" * 400 + " was used by 5 units.")[0].text == "5"
    assert [f.text for f in find_quantities("We counted 1,234,567 people and 1,2,3 marks.")][
        :1
    ] == ["1,234,567"]
