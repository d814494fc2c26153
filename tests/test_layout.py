"""Surface cues: paragraphs, bylines, datelines, labels, bios, headings, dates."""

from __future__ import annotations

import pytest

from sayso import nlp
from sayso.extract.metadata import describe
from sayso.isodate import find_date, to_iso_date
from sayso.model import Document
from sayso.text import layout


def test_paragraphs_keep_offsets_and_join_hard_wrapped_lines() -> None:
    text = (
        "Title line\nBy Ann Lee\n\n"
        "MS. JEAN-PIERRE: All right. Hello, hello. Okay, so we’re on our way, as\n"
        "you know, to Syracuse, New York, where Micron has pledged to invest $100\n"
        "billion over the next 20 years.\n  \n"
        "Q Thank you.\n"
    )
    pars = layout.paragraphs(text)
    assert [p.text for p in pars][:2] == ["Title line", "By Ann Lee"]
    assert pars[2].text.startswith("MS. JEAN-PIERRE") and pars[2].text.endswith("20 years.")
    assert pars[3].text == "Q Thank you."
    assert all(text[p.start : p.end] == p.text for p in pars)


def test_single_line_paragraphs_stay_apart() -> None:
    text = "A first long paragraph that ends here.\nAnother one, pasted right after it.\n"
    assert len(layout.paragraphs(text)) == 2


@pytest.mark.parametrize(
    ("line", "authors", "outlet", "date"),
    [
        (
            "By Courtney Kube, Carole E. Lee, and Kristen Welker, NBC News, 11/3/23",
            ("Courtney Kube", "Carole E. Lee", "Kristen Welker"),
            "NBC News",
            "2023-11-03",
        ),
        (
            "By Anna Smith and Bob Jones | Reuters | Published March 3, 2024",
            ("Anna Smith", "Bob Jones"),
            "Reuters",
            "2024-03-03",
        ),
        ("BY JOHN SMITH", ("John Smith",), None, None),
        ("By AP", (), "AP", None),
        ("Written by Olena Bondarenko, kyivpost.com", ("Olena Bondarenko",), "kyivpost.com", None),
    ],
)
def test_bylines(line: str, authors: tuple[str, ...], outlet: str | None, date: str | None) -> None:
    assert layout.parse_byline(line) == layout.Byline(authors, outlet, date)


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the year, the front had barely moved.",
        "By Reuters' count, 50 people died.",
        "Byline: none",
        "By 2024 the army had run out of shells and men.",
    ],
)
def test_sentences_starting_with_by_are_not_bylines(line: str) -> None:
    assert layout.parse_byline(line) is None


@pytest.mark.parametrize(
    ("text", "place", "outlet"),
    [
        ("WASHINGTON — U.S. and European officials have begun", "WASHINGTON", None),
        ("KYIV, Ukraine (AP) — Russia launched", "KYIV, Ukraine", "AP"),
        ("MINSK, 16 February (BelTA) – Belarusian Minister", "MINSK, 16 February", "BelTA"),
        ("LONDON, Jan 5 (Reuters) - Oil prices", "LONDON, Jan 5", "Reuters"),
        ("BRUSSELS—NATO allies agreed", "BRUSSELS", None),
    ],
)
def test_datelines(text: str, place: str, outlet: str | None) -> None:
    found = layout.parse_dateline(text)
    assert found is not None and (found.place, found.outlet) == (place, outlet)


@pytest.mark.parametrize(
    "text",
    ["MS. JEAN-PIERRE:  Good afternoon.", "NATO allies agreed on Monday.", "U.S. officials said"],
)
def test_not_datelines(text: str) -> None:
    assert layout.parse_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("MS. JEAN-PIERRE:  Good afternoon, everybody.", "MS. JEAN-PIERRE"),
        ("Q    (Inaudible.)", "Q"),
        ("Q Thanks, Karine.", "Q"),
        ("QUESTION: What about the talks?", "QUESTION"),
        ("Vladimir Putin: Thank you very much.", "Vladimir Putin"),
        ("Interviewer: So what now?", "Interviewer"),
        ("THE PRESIDENT: Thank you all.", "THE PRESIDENT"),
        ("SENIOR ADMINISTRATION OFFICIAL: Thanks so much.", "SENIOR ADMINISTRATION OFFICIAL"),
    ],
)
def test_speaker_labels(text: str, label: str) -> None:
    assert layout.speaker_label(text) == label


@pytest.mark.parametrize(
    "text",
    [
        "Istanbul: Could Have Had Peace",
        "NOTE: this story was updated.",
        "Editor's Note: Timothy Snyder is a historian.",
        "Questions about manpower",
        "The minister said: “We will not retreat.”",
    ],
)
def test_not_speaker_labels(text: str) -> None:
    assert layout.speaker_label(text) is None


def test_author_bios() -> None:
    bio = (
        "Ted Snider is a regular columnist on US foreign policy and history at Antiwar.com and The "
        "Libertarian Institute. He is also a frequent contributor to Responsible Statecraft."
    )
    assert layout.author_bio(bio) == ("Ted Snider",)
    note = (
        "Editor’s Note: Mark Hannah is a senior fellow at the Institute for Global Affairs. "
        "The views expressed in this commentary are his own."
    )
    assert layout.author_bio(note) == ("Mark Hannah",)
    assert layout.author_bio("Jake Sullivan is the national security adviser.") is None
    assert layout.author_bio("Ukraine is a columnist's dream, said nobody.") is None


def test_headings_time_lines_and_captions() -> None:
    assert layout.is_heading("Is Putin ready to negotiate?")
    assert layout.is_heading("COLLAPSE OF THE UKRAINIAN ARMY")
    assert not layout.is_heading("The official said it will not be impossible.")
    assert not layout.is_heading("Photo: EU Satellite Centre")
    assert layout.time_line("3:05 P.M. EST") and layout.time_line("END 4:29 P.M. EDT")
    assert not layout.is_heading("12:57 P.M.\xa0EDT")
    assert layout.end_marker("END 4:29 P.M. EDT") and layout.end_marker(
        "(Reporting by Ann Lee; Editing by Bo Chen)"
    )


def test_read_head_of_a_piece() -> None:
    pars = layout.paragraphs(
        "Grain talks stall\nBy Mira Sandoval, Harbour Gazette\nPublished July 18, 2023\n"
        "ISTANBUL (AP) — Negotiators failed on Tuesday to agree.\nMore text."
    )
    head = layout.read_head(pars, 0)
    assert head.headings == ("Grain talks stall",)
    assert head.byline is not None and head.byline.authors == ("Mira Sandoval",)
    assert head.date == "2023-07-18"
    assert head.dateline is not None and head.dateline.outlet == "AP"


@pytest.mark.parametrize(
    "line",
    [
        "NEW You can now listen to Fox News articles!",
        "Moscow CNN —",
        "New York CNN Business —",
        "VIEW VIDEO",
        "You can track the defense of Ukraine around the clock in our live coverage",
        "Tinkoff speaks in Hong Kong, on October 31, 2018. (Anthony Kwan/Bloomberg/Getty Images)",
        "Advertisement",
    ],
)
def test_lines_of_the_page_are_no_titles(line: str) -> None:
    assert layout.page_line(line)
    text = f"{line}\n\nKyiv refuses talks\n\nUkraine said on Monday it would not negotiate."
    doc = Document(text=text, source="x", start=0, end=len(text))
    describe(doc)
    assert doc.title == "Kyiv refuses talks" or (
        doc.title is None and layout.opening(text).startswith("Kyiv refuses talks")
    )


@pytest.mark.parametrize(
    "line",
    ["Putin refuses to listen to the West", "Why Russia's video war works", "Grain talks stall"],
)
def test_titles_that_mention_listening_or_video_are_titles(line: str) -> None:
    assert not layout.page_line(line)


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("11/3/23", "2023-11-03"),
        ("Nov. 3, 2023", "2023-11-03"),
        ("3 November 2023", "2023-11-03"),
        ("2022-01-25T09:00:00Z", "2022-01-25"),
        ("November 2023", "2023-11"),
        ("Published 3:05 PM EST, Fri November 3, 2023", "2023-11-03"),
        ("last month", None),
        ("16 February", None),
    ],
)
def test_iso_dates(value: str, iso: str | None) -> None:
    assert to_iso_date(value) == iso


def test_find_date_gives_the_span() -> None:
    text = "Updated: 12 March 2024 10:15 GMT"
    start, end, iso = find_date(text) or (0, 0, "")
    assert (text[start:end], iso) == ("12 March 2024", "2024-03-12")
    assert layout.date_line(text) == "2024-03-12"
    assert (
        layout.date_line("The talks of 12 March 2024 were said to be the last of the year.") is None
    )


def test_a_line_of_no_break_spaces_is_a_blank_line() -> None:
    # briefing transcripts separate their hard-wrapped paragraphs with such lines
    text = (
        "So I don’t have anything further to — to report on that\ntoday.\xa0\xa0  \n\xa0  \n"
        "My answer to you is no, we do not assess that the conflict is a\nstalemate.\xa0 As I"
        " noted before, we continue to support Ukraine in its\neffort to take territory."
    )
    found = layout.paragraphs(text)
    assert [p.text.split()[0] for p in found] == ["So", "My"]
    assert all(text[p.start : p.end] == p.text for p in found)


def test_a_hard_wrapped_sentence_is_parsed_whole_with_its_offsets() -> None:
    text = (
        "MR. SULLIVAN: Well, we do not assess that the conflict is a\nstalemate.  We are"
        " seeing it continue to take territory on a methodical,\nsystematic basis.\n\nQ Thanks."
    )
    parsed = nlp.parse(text)
    assert len(parsed.text) == len(text)
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in parsed if not t.is_space)
    sentences = [s.text.strip() for s in parsed.sents]
    assert "Well, we do not assess that the conflict is a stalemate." in sentences
    assert nlp.unwrapped("Short line.\nAnother short line.") == "Short line.\nAnother short line."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Other Topics of Interest Estonia’s PM: NATO Troop Training in Ukraine Won't"
            " Trigger War With Russia Kallas said that training would not be escalatory.",
            [
                "Other Topics of Interest",
                "Estonia’s PM: NATO Troop Training in Ukraine Won't Trigger War With Russia",
                "Kallas said that training would not be escalatory.",
            ],
        ),
        (
            "Read more: Russian airstrikes near Kharkiv kill 11 civilians.",
            ["Read more:", "Russian airstrikes near Kharkiv kill 11 civilians."],
        ),
        (  # no link: a long run of capitals is the subject of the sentence
            "The United States Secretary of State Antony Blinken said talks were possible.",
            ["The United States Secretary of State Antony Blinken said talks were possible."],
        ),
    ],
)
def test_a_link_to_another_piece_and_its_headline_are_sentences_of_their_own(
    text: str, expected: list[str]
) -> None:
    assert [s.text.strip() for s in nlp.parse(text).sents] == expected


def test_a_curly_apostrophe_after_a_plural_name_is_parsed_as_a_possessive() -> None:
    text = "This was aggravated by the United States’ attempts to drag Ukraine into NATO."
    parsed = nlp.parse(text)
    states = next(t for t in parsed if t.text == "States")
    assert (states.dep_, states.head.text) == ("poss", "attempts")
    assert len(parsed.text) == len(text) and states.head.idx == text.index("attempts")


def test_a_name_cut_after_its_particle_runs_on_to_the_surname() -> None:
    text = (
        "The President of the European Commission, Ursula von der Leyen, and Brazilian leader"
        " Luiz Inácio Lula da Silva expressed their condemnation."
    )
    people = [e.text for e in nlp.parse(text).ents if e.label_ == "PERSON"]
    assert people == ["Ursula von der Leyen", "Luiz Inácio Lula da Silva"]


@pytest.mark.parametrize(
    ("text", "introduces"),
    [
        ("Read the President’s full address below:", True),
        ("The full text of the speech is provided below:", True),
        ("The text of his statement follows.", True),
        ("Read more below:", False),
        ("He said the full text would be published below the fold in the paper.", False),
    ],
)
def test_a_paragraph_that_introduces_a_speech_in_full(text: str, introduces: bool) -> None:
    assert layout.introduces_full_text(text) is introduces
