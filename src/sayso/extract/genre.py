"""Stage ``genre``: report, interview, transcript, opinion or other, from how the text is written.

Transcripts and interviews are runs of speaker-labelled turns; briefings and hearings have
many speakers, a "Q" for the press or honorific labels ("MS. JEAN-PIERRE:"), interviews two
voices, one asking. Reports attribute: datelines, bylines, "said" and "according to" in a good
share of sentences. Opinion pieces argue: an editor's note or an author bio, the writer's own
"I", and few attributions.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sayso.extract.registry import StageFunction, stage
from sayso.model import Document, Genre
from sayso.settings import Settings
from sayso.text import layout

_ATTRIBUTION = re.compile(
    r"\b(said|says|told|according to|stated|added|announced|reported|confirmed|denied|warned"
    r"|noted|claimed|insisted|explained|wrote|tweeted)\b",
    re.IGNORECASE,
)
_FIRST_PERSON_SINGULAR = re.compile(r"\b(I|I'm|I’m|I've|I’ve|I'd|I’d|me|my|myself)\b")
_STANCE = re.compile(
    r"\b(clearly|obviously|of course|indeed|surely|no doubt|undoubtedly|arguably|perhaps|in fact"
    r"|simply|truly|certainly|unfortunately|fortunately|needless to say)\b",
    re.IGNORECASE,
)
_OBLIGATION = re.compile(
    r"\b(should|must|ought to|cannot|can't|can’t|need to|needs to)\b", re.IGNORECASE
)
_NEWS_TIME = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight"
    r"|last week|this week|last month|earlier this)\b"
)
_SENTENCE = re.compile(rf"{layout.STOP}+{layout.CLOSED}(?:\s|$)")
_TRANSCRIPT_TITLE = re.compile(
    r"\b(briefing|press conference|hearing|remarks|transcript|gaggle|testimony|statement by)\b",
    re.IGNORECASE,
)
_INTERVIEW_TITLE = re.compile(r"\binterview|Q\s?&\s?A\b", re.IGNORECASE)
_OPINION_TITLE = re.compile(
    r"^(?:opinion|op-?ed|commentary|comment|column|editorial|analysis)\b", re.IGNORECASE
)
_PRESS_LABELS = {"Q", "QUESTION", "Question"}

# Thresholds, set on the corpora under ../shared/data/corpora (BBC reports, White House
# briefings, Ukraine-war coverage with its op-eds) and the example dossier.
REPORTING_RATE = 0.2  # attributions per sentence at which prose reads as reporting
ARGUING_SCORE = 0.3  # stance, obligation, questions and "I", less news time, per sentence


@stage("genre", assigns=("genre",), requires=("text", "title"))
def make_genre(settings: Settings) -> StageFunction:
    def assign(doc: Document) -> None:
        doc.genre = classify(doc)

    return assign


@dataclass(frozen=True)
class Style:
    """Measures of how a text is written, from which its genre follows. Rates are per sentence
    of the writer's own prose: outside quotation marks and speaker-labelled turns."""

    turns: int  # paragraphs opening with a speaker label that recurs
    speakers: int  # distinct recurring labels
    press_labels: bool  # "Q" or honorific capitals ("MR. KIRBY") among the labels
    asking_share: float  # the largest share of one speaker's turns that are questions
    sentences: int
    attribution_rate: float
    arguing_score: float
    dateline: bool
    opinion_marks: bool  # an editor's note, a disclaimer or an author bio


def measure(doc: Document) -> Style:
    pars = layout.paragraphs(doc.text)
    labels = layout.turn_labels(pars)
    counts = Counter(label for label in labels if label)
    asked = Counter(
        label
        for label, p in zip(labels, pars, strict=True)
        if label and p.text.rstrip().endswith("?")
    )
    asking_share = max((asked[label] / n for label, n in counts.items()), default=0.0)
    prose = layout.unquoted(
        "\n".join(p.text for p, label in zip(pars, labels, strict=True) if label is None)
    )
    sentences = len(_SENTENCE.findall(prose))
    per_sentence = 1 / max(sentences, 1)
    arguing = (
        2 * len(_STANCE.findall(prose))
        + 1.5 * len(_OBLIGATION.findall(prose))
        + 0.5 * prose.count("?")
        + 0.5 * len(_FIRST_PERSON_SINGULAR.findall(prose))
        - len(_NEWS_TIME.findall(prose))
    ) * per_sentence
    head = layout.read_head(pars, 0)
    ends = [p.text for p in pars[-2:]]
    return Style(
        turns=counts.total(),
        speakers=len(counts),
        press_labels=any(
            label in _PRESS_LABELS or (label.isupper() and len(label) > 2) for label in counts
        ),
        asking_share=asking_share,
        sentences=sentences,
        attribution_rate=len(_ATTRIBUTION.findall(prose)) * per_sentence,
        arguing_score=arguing,
        dateline=head.dateline is not None and head.dateline.place is not None,
        opinion_marks=head.editor_note
        or any(layout.opinion_note(text) or layout.author_bio(text) for text in ends),
    )


def classify(doc: Document) -> Genre:
    style = measure(doc)
    title = doc.title or ""
    if style.turns >= 3 and style.speakers >= 2:
        if _INTERVIEW_TITLE.search(title):
            return "interview"
        if _TRANSCRIPT_TITLE.search(title) or style.press_labels or style.speakers > 3:
            return "transcript"
        return "interview" if style.asking_share >= 0.3 else "transcript"
    if style.opinion_marks or _OPINION_TITLE.match(title):
        return "opinion"
    if style.dateline:
        return "report"
    if style.attribution_rate < REPORTING_RATE and style.arguing_score >= ARGUING_SCORE:
        return "opinion"
    return "report" if style.sentences >= 3 else "other"
