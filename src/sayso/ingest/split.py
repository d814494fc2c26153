"""Splitting a text dump into the pieces that were pasted into it.

A boundary can only fall between two paragraphs. Each such place gets a score, a weighted sum
of evidence: cues of how pieces begin and end in general (a byline, a dateline, a title that
speaks of the body below it, an author bio or a credit line, the time line that closes a
transcript, the edges of a run of speaker-labelled turns, with the title, room and time line
above them and the sign-off below), lexical similarity across the place and its drop there
(TextTiling, over a near and a wide window), names never seen before it, and penalties where
a break is unlikely (mid-sentence, inside a transcript, right after a byline or a photo's
caption).
Places scoring at least ``THRESHOLD`` become boundaries, best first, no two closer than
``MIN_PARAGRAPHS``, nor closer than that to the start of the text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from sayso.text import layout
from sayso.text.layout import Paragraph

THRESHOLD = 3.0
MIN_PARAGRAPHS = 2

# Weights of the evidence for a boundary before a paragraph; tuned on synthetic dumps from the
# development half of the corpora (bench/splitting.py reports on the other half).
WEIGHTS: dict[str, float] = {
    "byline": 6.0,  # a byline or a date line opens the piece, after at most two headings
    "dateline": 3.0,  # the piece opens with a dateline ("KYIV (AP) —")
    "editor_note": 3.0,  # the piece opens with an editor's note or "OPINION"
    "title": -1.0,  # the piece opens with a heading (or the piece before ends with a short line)
    "title_fits_before": -4.0,  # that heading shares more words with the text above than below
    "title_fits_after": 1.0,  # ... or more with the body below it than with the text above
    "closed": 4.0,  # the paragraph before is an author bio or an end marker
    "credit_before": 3.5,  # ... or a credit line ("Photo: AA"), as pieces often end with
    "run_edge": 4.0,  # a run of transcript turns starts here, or ended just before
    "inside_run": -5.0,  # inside a run of transcript turns
    "cohesion": 4.5,  # TextTiling depth: how far lexical similarity across the gap dips
    "cohesion_near": 1.25,  # the same over a few paragraphs each side: a short piece's edges
    "similarity": -3.5,  # lexical similarity across the gap itself, not its dip
    "new_names": 0.75,  # share of the names here unseen in the paragraphs before
    "after_head": -4.0,  # the paragraph before is a byline, a date line or an editor's note
    "page_line_before": -3.0,  # the paragraph before is a caption or link inside a piece
    "lowercase": -0.5,  # this paragraph starts in lower case
    "connective": -1.5,  # this paragraph opens with "But", "He", "The official" ...
}

# A run of transcript turns: labels that recur, at most layout.MAX_TURN_GAP paragraphs apart.
MIN_TURNS = 3


@dataclass(frozen=True)
class Segment:
    """One piece found in a text: ``text[start:end]``, trimmed of surrounding whitespace."""

    start: int
    end: int


def split_text(text: str) -> list[Segment]:
    """The pieces of ``text`` in order; one segment for a text that holds one piece."""
    pars = layout.paragraphs(text)
    if not pars:
        return []
    starts = [0, *_select(boundary_scores(pars), layout.piece_title(pars[0].text))]
    ends = [*starts[1:], len(pars)]
    return [Segment(pars[a].start, pars[b - 1].end) for a, b in zip(starts, ends, strict=True)]


def boundary_scores(pars: list[Paragraph]) -> list[float]:
    """``scores[i]``: how strongly the evidence says a new piece starts at paragraph ``i``."""
    return [
        sum(WEIGHTS[name] * value for name, value in f.items()) for f in boundary_features(pars)
    ]


def boundary_features(pars: list[Paragraph]) -> list[dict[str, float]]:
    """The evidence for a boundary before each paragraph (none before the first)."""
    n = len(pars)
    heads = [layout.read_head(pars, i) for i in range(n)]
    # an editor's note that says who the author is heads a piece, where a bio closes one
    bio_notes = [layout.bio_note(p.text) for p in pars]
    closed = [layout.closes_piece(p.text) and not bio_notes[i] for i, p in enumerate(pars)]
    credits = [layout.credit_line(p.text) for p in pars]
    head_lines = [layout.is_head_line(p.text) or bio_notes[i] for i, p in enumerate(pars)]
    breaks = [
        bool(heads[i].byline or heads[i].date or heads[i].dateline)
        or layout.time_line(pars[i].text)
        or (i > 0 and closed[i - 1])
        for i in range(n)
    ]
    inside, edges = _transcript_runs(pars, breaks)
    vectors = [_vector(p.text) for p in pars]
    similarity, depth, near_depth = _cohesion(vectors)
    novelty = _name_novelty(pars)
    features: list[dict[str, float]] = [{}]
    for i in range(1, n):
        here, head = pars[i].text, heads[i]
        affinity = _affinity(pars, vectors, i) if head.headings else 0.0
        ends_too = closed[i] or credits[i]  # closing lines run on: the piece ends after them
        features.append(
            {
                "byline": float(bool(head.byline or head.date)),
                "dateline": float(head.dateline is not None and not (head.byline or head.date)),
                "editor_note": float(
                    head.editor_note and not layout.end_marker(pars[i + len(head.headings)].text)
                ),
                "title": float(bool(head.headings)),
                "title_fits_before": float(affinity < 0),
                "title_fits_after": float(affinity > 0),
                "closed": float(closed[i - 1] and not ends_too),
                "credit_before": float(
                    credits[i - 1] and not ends_too and not _under_title(pars, i - 1)
                ),
                "run_edge": float(i in edges),
                "inside_run": float(inside[i]),
                "cohesion": depth[i],
                "cohesion_near": near_depth[i],
                "similarity": similarity[i],
                "new_names": novelty[i],
                "after_head": float(head_lines[i - 1]),
                "page_line_before": float(layout.page_line(pars[i - 1].text)),
                "lowercase": float(here[:1].islower()),
                "connective": float(_CONNECTIVE.match(here) is not None),
            }
        )
    return features


def _under_title(pars: list[Paragraph], i: int) -> bool:
    """Whether paragraph ``i`` sits right under a heading: a credit there is its photo's, in
    the piece the title opens (read only for the few credit lines: a heading costs regexes)."""
    return i > 0 and layout.is_heading(pars[i - 1].text)


def _select(scores: list[float], titled: bool = False) -> list[int]:
    """Paragraph indexes that start a new piece: best-scoring first, kept apart, and, where
    the text opens with a title (``titled``), from its start too (the first piece's title
    above its byline; else the text may open with the tail of a piece cut off)."""
    taken = [False] * len(scores)  # a flag per paragraph: no scan of all chosen so far
    if scores:
        taken[0] = titled
    for i in sorted(range(1, len(scores)), key=lambda k: (-scores[k], k)):
        if scores[i] < THRESHOLD:
            break
        nearby = range(max(0, i - MIN_PARAGRAPHS + 1), min(len(scores), i + MIN_PARAGRAPHS))
        if not any(taken[j] for j in nearby):
            taken[i] = True
    return [i for i, chosen in enumerate(taken) if chosen and i > 0]


_CONNECTIVE = re.compile(
    r"^(?:But|And|Or|So|Yet|Still|However|Meanwhile|Also|Moreover|Instead|Then|Thus|Therefore"
    r"|He|She|It|They|We|His|Her|Its|Their|This|That|These|Those|Such|Both|Neither|The official"
    r"|The spokesman|The spokeswoman|The minister|The president|The source)\b"
)


_AFFINITY_PARAGRAPHS = 3
_HEAD_LINES = 4  # below a title: a subtitle, bylines, date lines


def _affinity(pars: list[Paragraph], vectors: list[Counter[str]], i: int) -> float:
    """How much closer in words the heading at ``i`` is to the first few paragraphs of the
    body below it (after any byline or date lines) than to the few before it: a title speaks
    of its own piece, a short last line ("What is behind the crisis?") of the one it ends."""
    body = i + 1
    while (
        body < len(pars)
        and body - i <= _HEAD_LINES
        and (layout.is_head_line(pars[body].text) or layout.is_heading(pars[body].text))
    ):
        body += 1
    above: Counter[str] = Counter()
    below: Counter[str] = Counter()
    for k in range(max(0, i - _AFFINITY_PARAGRAPHS), i):
        above.update(vectors[k])
    for k in range(body, min(len(pars), body + _AFFINITY_PARAGRAPHS)):
        below.update(vectors[k])
    return _cosine(vectors[i], below) - _cosine(vectors[i], above)


# --- transcripts ------------------------------------------------------------------------------


def _transcript_runs(pars: list[Paragraph], breaks: list[bool]) -> tuple[list[bool], set[int]]:
    """Where runs of recurring speaker labels are: which paragraphs lie strictly inside one, and
    the indexes at which a run starts or after which it ends. ``breaks`` marks places that end a
    run whatever follows (two briefings back to back share their labels).
    """
    labels = layout.turn_labels(pars)
    runs: list[list[int]] = []
    for i, label in enumerate(labels):
        if label is None:
            continue
        if (
            runs
            and i - runs[-1][-1] <= layout.MAX_TURN_GAP + 1
            and not any(breaks[runs[-1][-1] + 1 : i + 1])
        ):
            runs[-1].append(i)
        else:
            runs.append([i])
    runs = _join_resumed_runs(runs, labels, breaks, pars)
    inside = [False] * len(pars)
    edges: set[int] = set()
    for turns in runs:
        speakers = {labels[i] for i in turns}
        if len(turns) < MIN_TURNS or len(speakers) < 2:
            continue
        first = _extend_start(pars, turns[0])
        last = _closing_time_line(pars, layout.last_turn_end(pars, turns[-1], speakers))
        for i in range(first + 1, last + 1):
            inside[i] = True
        edges.update({first, last + 1})
    return inside, edges


_RESUME_GAP = 3 * layout.MAX_TURN_GAP


def _join_resumed_runs(
    runs: list[list[int]], labels: list[str | None], breaks: list[bool], pars: list[Paragraph]
) -> list[list[int]]:
    """Join a run to the one before when they share a named speaker (not "Q": two interviews
    both have questions) and nothing between them opens a piece or heads one: a transcript
    resumed after a long statement (a guest's remarks at a briefing)."""
    joined: list[list[int]] = []
    speakers: list[set[str | None]] = []  # of each joined run, kept as it grows (no re-reading)
    for turns in runs:
        labelled = {labels[i] for i in turns} - set(layout.QA_LABELS)
        if joined:
            previous = joined[-1]
            between = range(previous[-1] + 1, turns[0])
            if (
                len(between) <= _RESUME_GAP
                and speakers[-1] & labelled
                and not any(breaks[previous[-1] + 1 : turns[0] + 1])
                and not any(_title_line(pars[i].text) for i in between)
            ):
                previous.extend(turns)
                speakers[-1] |= labelled
                continue
        joined.append(list(turns))
        speakers.append(labelled)
    return joined


def _title_line(text: str) -> bool:
    """A heading that may title another piece; not a question, which a speaker's statement
    asks itself ("So, what are we doing?") as often as a title does."""
    return layout.is_heading(text) and not text.rstrip(layout.CLOSING_MARKS).endswith("?")


def _extend_start(pars: list[Paragraph], first_turn: int) -> int:
    """Take in what heads the turns: an unlabelled opening question, and header lines (title,
    byline, place, time) that do not read as sentences. Above the time line a transcript opens
    with, looser header lines count too (a title too long for a heading, the room), but no
    second time line: that one closed the piece before."""
    first = first_turn
    time_lines = loose_lines = 0
    while first > 0 and first_turn - first < 5:
        text = pars[first - 1].text
        question = text.rstrip().endswith("?") and len(text.split()) < 120
        if layout.time_line(text):
            time_lines += 1
            if time_lines > 1:
                break
        elif not (question or layout.is_heading(text) or layout.is_head_line(text)):
            loose_lines += 1
            if not (time_lines and loose_lines <= 2 and _loose_header_line(text)):
                break
        if layout.closes_piece(text):
            break
        first -= 1
    return first


_HEADER_MAX_WORDS = 40


def _loose_header_line(text: str) -> bool:
    """A capitalised line that ends in no sentence stop and holds no label or caption's colon:
    a title too long for ``layout.is_heading``, or the room a briefing is held in ("James S.
    Brady Press Briefing Room", which ``layout.is_heading`` takes for two sentences)."""
    return (
        len(text.split()) <= _HEADER_MAX_WORDS
        and text[:1].isupper()
        and ":" not in text
        and not layout.ends_sentence(text)
    )


_SIGN_OFF_PARAGRAPHS = 4
_CLOSING_MARK = re.compile(r"^(?:END|\\?#{3})\s*$")


def _closing_time_line(pars: list[Paragraph], last: int) -> int:
    """Take in what lies between a transcript's last turn and the time line or the "END" it
    closes with ("Thanks, everybody." then "3:56 P.M. EST"), and an "END" or "###" after that
    line."""
    ahead = 0 if layout.time_line(pars[last].text) else _SIGN_OFF_PARAGRAPHS
    for after in range(last + 1, min(last + 1 + ahead, len(pars))):
        text = pars[after].text
        if layout.time_line(text) or _CLOSING_MARK.match(text):
            last = after
            break
        if layout.is_head_line(text) or (_loose_header_line(text) and len(text.split()) > 3):
            break  # the head of the next piece
    if last + 1 < len(pars) and _CLOSING_MARK.match(pars[last + 1].text):
        last += 1
    return last


# --- cohesion ---------------------------------------------------------------------------------

_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them themselves
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves said says say told
    according one two new also would could may might must shall us mr ms mrs year years time
    """.split()
)
# Each side of a gap is read up to this many content words or paragraphs, whichever comes
# first; the near windows see a short piece's edges that the wider ones blur.
_WINDOW_WORDS = 120
_WINDOW_PARAGRAPHS = 8
_NEAR_WINDOW_WORDS = 60
_NEAR_WINDOW_PARAGRAPHS = 4


def _vector(text: str) -> Counter[str]:
    """Content words of a paragraph; names (capitalised inside a sentence) count double."""
    vector: Counter[str] = Counter()
    previous = "."
    for word in layout.words(text):
        lower = word.lower()
        if len(lower) > 2 and lower not in _STOPWORDS:
            stem = lower[:-1] if lower.endswith("s") and len(lower) > 4 else lower
            vector[stem] += 2 if word[0].isupper() and not previous.endswith(".") else 1
        previous = word
    return vector


def _windows(
    vectors: list[Counter[str]], sizes: list[int], indexes: range
) -> tuple[Counter[str], int, Counter[str], int]:
    """The near and the wide window of content words from a gap, with their sizes, read in
    one walk (the near one is where the wide one starts)."""
    total: Counter[str] = Counter()
    size = 0
    near: tuple[Counter[str], int] | None = None
    for count, i in enumerate(indexes):
        if near is None and (count >= _NEAR_WINDOW_PARAGRAPHS or size >= _NEAR_WINDOW_WORDS):
            near = total.copy(), size
        if count >= _WINDOW_PARAGRAPHS or size >= _WINDOW_WORDS:
            break
        total.update(vectors[i])
        size += sizes[i]
    near_total, near_size = (total.copy(), size) if near is None else near
    return near_total, near_size, total, size


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(value * b[key] for key, value in a.items() if key in b)
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def _cohesion(vectors: list[Counter[str]]) -> tuple[list[float], list[float], list[float]]:
    """For each gap: the similarity of the wide windows either side, its TextTiling depth, and
    the depth over the near windows."""
    n = len(vectors)
    sizes = [vector.total() for vector in vectors]
    sims, near_sims = [1.0] * n, [1.0] * n
    support, near_support = [0.0] * n, [0.0] * n
    for i in range(1, n):
        near_before, near_before_size, before, before_size = _windows(
            vectors, sizes, range(i - 1, -1, -1)
        )
        near_after, near_after_size, after, after_size = _windows(vectors, sizes, range(i, n))
        sims[i] = _cosine(before, after)
        near_sims[i] = _cosine(near_before, near_after)
        support[i] = min(1.0, before_size / _WINDOW_WORDS, after_size / _WINDOW_WORDS)
        near_support[i] = min(
            1.0, near_before_size / _NEAR_WINDOW_WORDS, near_after_size / _NEAR_WINDOW_WORDS
        )
    return sims, _depths(sims, support), _depths(near_sims, near_support)


def _depths(sims: list[float], support: list[float]) -> list[float]:
    """TextTiling depth scores: how far similarity across each gap dips below the peaks around
    it, scaled down near the ends of the text where a window holds too few words to judge."""
    n = len(sims)
    # the peak each gap climbs to on its left and on its right: where the climb from the gap
    # next to it stops, unless the step to it goes down (one pass each way, not a climb from
    # every gap, which on a flat stretch would be quadratic)
    left = list(range(n))
    for i in range(2, n):
        if sims[i - 1] >= sims[i]:
            left[i] = left[i - 1]
    right = list(range(n))
    for i in range(n - 2, 0, -1):
        if sims[i + 1] >= sims[i]:
            right[i] = right[i + 1]
    depths = [0.0] * n
    for i in range(1, n):
        depths[i] = support[i] * ((sims[left[i]] - sims[i]) + (sims[right[i]] - sims[i]))
    return depths


_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")
_NOVELTY_LOOKBACK = 10


def _name_novelty(pars: list[Paragraph]) -> list[float]:
    """For each paragraph, the share of the names in it and the next that the paragraphs
    before it never used: a new piece brings in new people and places."""
    names = [{w.lower() for m in _NAME.finditer(p.text) for w in m.group().split()} for p in pars]
    novelty = [0.0] * len(pars)
    for i in range(1, len(pars)):
        ahead = names[i] | (names[i + 1] if i + 1 < len(pars) else set())
        if not ahead:
            continue
        seen = set().union(*names[max(0, i - _NOVELTY_LOOKBACK) : i])
        novelty[i] = len(ahead - seen) / len(ahead)
    return novelty
