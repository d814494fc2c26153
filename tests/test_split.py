"""Splitting dumps into the pieces pasted into them."""

from __future__ import annotations

import itertools
from pathlib import Path

from sayso.ingest import split_text
from sayso.ingest.split import boundary_features
from sayso.text import layout

REPORT = (
    "By Anna Kowalczyk, Harbour Gazette, March 3, 2024\n"
    "KYIV (AP) — Ukrainian forces pulled back from two villages west of Avdiivka on "
    "Sunday, the army's general staff said, after days of assaults by Russian "
    "infantry.\n"
    "The withdrawal was ordered to save lives, a military spokesman told reporters, "
    "adding that new defensive lines had been prepared further west.\n"
    "Russia's defence ministry said its troops had taken both villages and were "
    "advancing.\n"
    "Western officials said the shortage of artillery shells was now the main "
    "constraint on Ukraine's army."
)

OPED = (
    "Europe cannot keep outsourcing its security to Washington. For three decades it "
    "has spent too little on its armies and assumed that someone else would always "
    "pay for deterrence.\n"
    "That assumption no longer holds. Whoever sits in the White House, American "
    "attention is moving to the Pacific, and voters there are asking why they should "
    "pay for Europe's defence.\n"
    "The answer is not another summit communiqué. It is a budget: factories for "
    "shells, air defence, and the boring logistics that win long wars.\n"
    "Marta Lindqvist is a columnist at the Harbour Gazette and the author of a book "
    "on NATO's eastern flank."
)

INTERVIEW = (
    "Thank you for finding the time for us today. How are the negotiations going?\n"
    "Minister: Slowly. We meet every week, but the other side keeps changing its "
    "demands.\n"
    "Interviewer: What would a deal need to include?\n"
    "Minister: Guarantees. Without them we would only be buying a pause before the "
    "next war.\n"
    "Interviewer: Do you expect a ceasefire this year?\n"
    "Minister: I hope so, but I would not bet on it. We have been disappointed "
    "before.\n"
    "Interviewer: Thank you, Minister.\n"
    "Minister: Thank you."
)


def _starts(text: str) -> list[str]:
    return [" ".join(text[s.start : s.end].split()[:4]) for s in split_text(text)]


def test_dossier_yields_its_four_pieces(dossier_text: str) -> None:
    segments = split_text(dossier_text)
    openings = [dossier_text[s.start : s.start + 30] for s in segments]
    assert openings == [
        "By Courtney Kube, Carole E. Le",
        "First of all, please accept my",
        "On November 18, 2021, Putin he",
        "There is a growing danger that",
    ]
    assert dossier_text[segments[2].start : segments[2].end].endswith("as well as other outlets.")
    assert segments[-1].end == len(dossier_text.rstrip())


def test_byline_bio_and_transcript_cues_cut_a_dump() -> None:
    dump = "\n".join([OPED, REPORT, INTERVIEW, REPORT.replace("Anna Kowalczyk", "Lena Hartley")])
    assert _starts(dump) == [
        "Europe cannot keep outsourcing",
        "By Anna Kowalczyk, Harbour",
        "Thank you for finding",
        "By Lena Hartley, Harbour",
    ]


def test_blank_line_dumps_split_the_same_way() -> None:
    dump = "\n\n".join(piece.replace("\n", "\n\n") for piece in [OPED, REPORT, INTERVIEW])
    assert _starts(dump) == [
        "Europe cannot keep outsourcing",
        "By Anna Kowalczyk, Harbour",
        "Thank you for finding",
    ]


def test_one_article_stays_one(fixtures: Path, dossier_text: str) -> None:
    for piece in (REPORT, OPED, INTERVIEW, (fixtures / "briefing_excerpt.txt").read_text()):
        assert len(split_text(piece)) == 1
    report = split_text(dossier_text)[0]
    assert len(split_text(dossier_text[report.start : report.end])) == 1


def test_segments_are_trimmed_ordered_and_cover_all_text() -> None:
    dump = "\n\n  " + "\n".join([REPORT, OPED]) + "\n\n\n"
    segments = split_text(dump)
    assert all(dump[s.start : s.end] == dump[s.start : s.end].strip() for s in segments)
    assert all(a.end <= b.start for a, b in itertools.pairwise(segments))
    assert (
        "".join(dump[s.start : s.end] for s in segments).replace("\n", "")
        == "".join(dump.split("\n")).strip()
    )


def test_empty_text_has_no_segments() -> None:
    assert split_text("") == [] and split_text(" \n\t") == []


def _briefing(host: str, opened: str, closed: str, *, guest_remarks: int = 0) -> str:
    """A press briefing as the White House prints it: title, room, time, turns, time."""
    turns = [f"{host}:  Good afternoon, everybody.  I have one thing at the top."]
    if guest_remarks:
        turns += [f"{host}:  Our guest will say a few words first.", "MR. SMITH:  Thank you."]
        turns += [f"The harbour project number {n} is on schedule." for n in range(guest_remarks)]
    for n in range(4):
        turns += [f"Q    Question {n} about the budget?", f"{host}:  We will see about that."]
    return "\n".join(
        [
            f"Press Briefing by Press Secretary {host.title()}, Deputy National Security Advisor"
            " for International Economics and Another Long Title of Office, January 4, 2022",
            "James S. Brady Press Briefing Room",
            opened,
            *turns,
            "All right.  Thanks so much, everyone.",
            "Thanks.",
            closed,
        ]
    )


def test_a_briefing_is_cut_at_its_title_and_after_its_closing_time() -> None:
    # the room line is no heading to layout.is_heading ("S. Brady": two sentences) and the
    # title is too long for one; the sign-off lines stand between the last turn and the time
    first = _briefing("MS. PSAKI", "12:05 P.M. EST", "12:51 P.M. EST")
    second = _briefing("MS. JEAN-PIERRE", "1:40 P.M. EDT", "2:20 P.M. EDT")
    dump = "\n".join([REPORT, first, second, OPED])
    assert _starts(dump) == [
        "By Anna Kowalczyk, Harbour",
        "Press Briefing by Press",
        "Press Briefing by Press",
        "Europe cannot keep outsourcing",
    ]


def test_a_briefing_resumed_after_a_guests_long_remarks_stays_one() -> None:
    # the guest speaks for longer than a turn may run on, then the questions resume
    briefing = _briefing("MS. PSAKI", "12:05 P.M. EST", "12:51 P.M. EST", guest_remarks=40)
    assert len(split_text(briefing)) == 1


def test_two_interviews_with_an_article_between_stay_three_pieces() -> None:
    # both interviews have "Q" turns; a questioner is no one in particular, so the two runs of
    # turns are not one transcript resumed, and the article between keeps its edges
    def interview(guest: str, topic: str) -> list[str]:
        turns = [f"Interview: {guest.title()} on {topic}"]
        for k in range(6):
            turns += [
                f"Q: What about the {topic} question number {k}, and the costs of it?",
                f"{guest}: We are looking at the {topic} carefully and will decide soon, {k}.",
            ]
        return turns

    article = ["Harbour project delayed again"] + [
        f"Paragraph {k} of the harbour story: the port authority said dredging of basin {k}"
        " resumed after the storm in the Baltic."
        for k in range(40)
    ]
    text = "\n\n".join([*interview("KIRBY", "budget"), *article, *interview("SMITH", "tariffs")])
    assert [text[s.start : s.end].split("\n")[0] for s in split_text(text)] == [
        "Interview: Kirby on budget",
        "Harbour project delayed again",
        "Interview: Smith on tariffs",
    ]


def test_the_first_piece_keeps_its_title_above_its_byline() -> None:
    # the text opens with a piece: no boundary between its title and its byline
    second = REPORT.replace("Anna Kowalczyk", "Lena Hartley")
    dump = "\n".join(["Harbour dredging resumes", REPORT, second])
    assert _starts(dump) == ["Harbour dredging resumes By", "By Lena Hartley, Harbour"]


def test_a_short_last_line_is_no_title_unless_it_speaks_of_the_body_below() -> None:
    # a closing question reads like a heading; with no word in common with the piece whose
    # byline follows, it ends the piece above; a title that shares its words stays a title
    report = REPORT.split("\n", 1)[1]
    council = [
        "By Lena Hartley, Harbour Gazette",
        "The city council voted on Tuesday to close the old fish market by the ferry "
        "terminal and to let a developer build flats on the site.",
        "Traders said the rents offered in the new hall were too high for them.",
    ]
    dump = "\n".join([report, "Who pays for deterrence now?", *council])
    assert _starts(dump) == ["KYIV (AP) — Ukrainian", "By Lena Hartley, Harbour"]
    dump = "\n".join([report, "Council votes to close the fish market", *council])
    assert _starts(dump) == ["KYIV (AP) — Ukrainian", "Council votes to close"]
    # a last line that takes up the words of the piece above counts against a break there
    dump = "\n".join([report, "Will the army find the shells it needs?", *council])
    evidence = boundary_features(layout.paragraphs(dump))
    assert [e.get("title_fits_before") for e in evidence[4:6]] == [1.0, 0.0]
    assert _starts(dump) == ["KYIV (AP) — Ukrainian", "By Lena Hartley, Harbour"]


def test_an_editors_note_on_the_author_opens_the_piece_it_heads() -> None:
    note = (
        "Editor’s Note: Marta Lindqvist is a columnist at the Harbour Gazette. The views "
        "expressed in this commentary are her own."
    )
    dump = "\n".join([REPORT, note, OPED.rsplit("\n", 1)[0]])
    assert _starts(dump) == ["By Anna Kowalczyk, Harbour", "Editor’s Note: Marta Lindqvist"]


def test_a_piece_ends_after_the_last_of_its_closing_lines() -> None:
    # a disclaimer, then the author's bio: both close the op-ed, the next piece opens after
    oped = OPED.replace(
        "Marta Lindqvist is", "The views expressed are the author’s own.\nMarta Lindqvist is"
    )
    report = REPORT.split("\n", 1)[1].replace("KYIV (AP) — ", "")
    dump = "\n".join([oped, report])
    assert _starts(dump) == ["Europe cannot keep outsourcing", "Ukrainian forces pulled back"]


def test_a_credit_line_closes_a_piece() -> None:
    report = REPORT.split("\n", 1)[1]
    follow_up = (
        "Ukraine's army said on Monday that the withdrawal from the villages had been "
        "completed.\nA spokesman said the new lines were holding.\nOfficials said more "
        "shells were expected next month."
    )
    dump = "\n".join([report, "Photo: Harbour Gazette", follow_up])
    assert _starts(dump) == ["KYIV (AP) — Ukrainian", "Ukraine's army said on"]


def test_a_briefing_that_closes_with_end_and_no_time_keeps_its_sign_off() -> None:
    briefing = _briefing("MS. PSAKI", "12:05 P.M. EST", "END")
    dump = "\n".join([briefing, OPED])
    assert _starts(dump) == ["Press Briefing by Press", "Europe cannot keep outsourcing"]


def test_turns_cut_off_or_asking_a_date_stay_inside_their_briefing() -> None:
    # "MS. PSAKI — that —" is no dateline, "Q — in August 2021?" no date line; a question the
    # host asks herself and a line cut off by a dash are no titles between two runs of turns
    briefing = _briefing("MS. PSAKI", "12:05 P.M. EST", "12:51 P.M. EST", guest_remarks=40)
    briefing = briefing.replace(
        "The harbour project number 20 is on schedule.",
        "So, what are we doing about the harbour?\nWith that, Anna —",
    ).replace(
        "Q    Question 2 about the budget?",
        "Q    Question 2 about the budget —\nMS. PSAKI — that —\nQ    — in August 2021?",
    )
    assert len(split_text(briefing)) == 1


def test_lines_that_cannot_title_the_piece_below_them() -> None:
    # a quoted sentence, an embedded post, a speaker cut off, a line of the page and the
    # line that closes a piece read like headings, but none titles what follows it
    assert not layout.is_heading("“We will not give up a metre of our land.”")
    assert not layout.is_heading("Talks resume https://t.co/abc123 — Ann Lee (@annlee) May 2, 2024")
    assert not layout.is_heading("With that, Anna —")
    assert layout.is_heading("“Will the talks resume?”")
    for line in ("Talks resume", "Subscribe to our channel", "END", "Advertisement"):
        head = layout.read_head(layout.paragraphs(f"{line}\nBy Ann Lee\nThe talks resumed."), 0)
        assert head.headings == (("Talks resume",) if line == "Talks resume" else ())


def test_a_credit_names_its_source_and_a_caption_keeps_its_piece_whole() -> None:
    assert layout.credit_line("Photo: Harbour Gazette") and layout.credit_line("Source: PAP")
    assert layout.credit_line("Photo: Jan Roe/AFP") and layout.credit_line("Photos: AP via Getty")
    for caption in (
        "Photo: Ukrainian soldiers near Avdiivka",
        "Source: Ukraine's general staff",
        "Video: Zelensky visits troops near Avdiivka",
        "Source: officials in the ministry, who asked not to be named",
    ):
        assert not layout.credit_line(caption)
    report = REPORT.split("\n", 1)[1].split("\n")
    captioned = "\n".join([*report[:2], "Photo: Ukrainian soldiers near Avdiivka", *report[2:]])
    assert len(split_text(captioned)) == 1
    council = (
        "The city council voted on Tuesday to close the old fish market by the ferry terminal."
        "\nTraders said the rents offered in the new hall were too high for them."
        "\nThe mayor said the market had lost money for a decade."
    )
    # a credit under a title is its photo's; a caption's credit closes a piece as any does
    titled = "\n".join([OPED, "Council votes to close the fish market", "Photo: Reuters", council])
    assert _starts(titled) == ["Europe cannot keep outsourcing", "Council votes to close"]
    closing = "\n".join(
        ["\n".join(report), "Soldiers near Avdiivka. Jan Roe/AP", "KYIV (AP) — " + council]
    )
    assert _starts(closing) == ["KYIV (AP) — Ukrainian", "KYIV (AP) — The"]


def test_date_lines_and_datelines_in_capitals() -> None:
    assert layout.date_line("UPDATED ON: MARCH 3, 2024") == "2024-03-03"
    for dateline in ("GENERAL SANTOS, Philippines (AP) — ", "LADY LAKE, Fla. (AP) — "):
        assert layout.parse_dateline(dateline + "Police said.") is not None


def test_a_text_that_opens_with_the_tail_of_a_piece_is_cut_after_it() -> None:
    bio = OPED.rsplit("\n", 1)[1]
    for tail in (bio, "END"):
        assert len(split_text("\n".join([tail, REPORT]))) == 2
    assert not layout.closes_piece("end") and layout.closes_piece("END")


def test_turn_and_question_lines_are_no_date_lines_nor_datelines() -> None:
    assert layout.date_line("Q    — in August 2021?") is None
    assert layout.date_line("Was it in August 2021?") is None
    assert layout.date_line("Updated: August 3, 2021") == "2021-08-03"
    assert layout.parse_dateline("MR. SMITH — that —") is None
    assert layout.parse_dateline("RIGA — The port reopened.") is not None


def test_an_editors_note_bio_is_told_from_a_closing_bio() -> None:
    note = "Editor’s Note: Ann Lee is a columnist at the Harbour Gazette."
    assert layout.bio_note(note) and layout.closes_piece(note)
    assert not layout.bio_note("Ann Lee is a columnist at the Harbour Gazette.")
    assert not layout.bio_note("Editor’s note: this story was updated on Monday.")
