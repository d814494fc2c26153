"""Splitting dumps into the pieces pasted into them."""

from __future__ import annotations

import itertools
from pathlib import Path

from sayso.ingest import split_text

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
