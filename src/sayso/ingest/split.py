"""Splitting a text dump into the pieces that were pasted into it.

A boundary can only fall between two paragraphs. Each such place gets a score, a weighted sum
of evidence: cues of how pieces begin and end in general (a byline, a dateline, an author bio,
the time line that closes a transcript, the edges of a run of speaker-labelled turns), a drop
in lexical cohesion across the place (TextTiling) and names never seen before it, and
penalties where a break is unlikely (mid-sentence, inside a transcript, right after a byline).
Places scoring at least ``THRESHOLD`` become boundaries, best first, no two closer than
``MIN_PARAGRAPHS``.
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
    "title": 0.0,  # the piece opens with a heading
    "closed": 4.0,  # the paragraph before is an author bio or an end marker
    "run_edge": 3.0,  # a run of transcript turns starts here, or ended just before
    "inside_run": -5.0,  # inside a run of transcript turns
    "cohesion": 5.0,  # TextTiling depth: how far lexical similarity across the gap dips
    "new_names": 0.5,  # share of the names here unseen in the paragraphs before
    "after_head": -4.0,  # the paragraph before is a byline or date line: it heads this one
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
    starts = [0, *_select(boundary_scores(pars))]
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
    closed = [layout.closes_piece(p.text) for p in pars]
    head_lines = [layout.is_head_line(p.text) for p in pars]
    breaks = [
        bool(heads[i].byline or heads[i].date or heads[i].dateline)
        or layout.time_line(pars[i].text)
        or (i > 0 and closed[i - 1])
        for i in range(n)
    ]
    inside, edges = _transcript_runs(pars, breaks)
    vectors = [_vector(p.text) for p in pars]
    depth = _cohesion_depths(vectors)
    novelty = _name_novelty(pars)
    features: list[dict[str, float]] = [{}]
    for i in range(1, n):
        here, head = pars[i].text, heads[i]
        features.append(
            {
                "byline": float(bool(head.byline or head.date)),
                "dateline": float(head.dateline is not None and not (head.byline or head.date)),
                "editor_note": float(head.editor_note),
                "title": float(bool(head.headings)),
                "closed": float(closed[i - 1]),
                "run_edge": float(i in edges),
                "inside_run": float(inside[i]),
                "cohesion": depth[i],
                "new_names": novelty[i],
                "after_head": float(head_lines[i - 1]),
                "lowercase": float(here[:1].islower()),
                "connective": float(_CONNECTIVE.match(here) is not None),
            }
        )
    return features


def _select(scores: list[float]) -> list[int]:
    """Paragraph indexes that start a new piece: best-scoring first, kept apart."""
    chosen: list[int] = []
    for i in sorted(range(1, len(scores)), key=lambda k: (-scores[k], k)):
        if scores[i] < THRESHOLD:
            break
        if all(abs(i - j) >= MIN_PARAGRAPHS for j in chosen):
            chosen.append(i)
    return sorted(chosen)


_CONNECTIVE = re.compile(
    r"^(?:But|And|Or|So|Yet|Still|However|Meanwhile|Also|Moreover|Instead|Then|Thus|Therefore"
    r"|He|She|It|They|We|His|Her|Its|Their|This|That|These|Those|Such|Both|Neither|The official"
    r"|The spokesman|The spokeswoman|The minister|The president|The source)\b"
)


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
    inside = [False] * len(pars)
    edges: set[int] = set()
    for turns in runs:
        speakers = {labels[i] for i in turns}
        if len(turns) < MIN_TURNS or len(speakers) < 2:
            continue
        first = _extend_start(pars, turns[0])
        last = layout.last_turn_end(pars, turns[-1], speakers)
        for i in range(first + 1, last + 1):
            inside[i] = True
        edges.update({first, last + 1})
    return inside, edges


def _extend_start(pars: list[Paragraph], first_turn: int) -> int:
    """Take in what heads the turns: an unlabelled opening question, and header lines (title,
    byline, place, time) that do not read as sentences."""
    first = first_turn
    while first > 0 and first_turn - first < 5:
        text = pars[first - 1].text
        question = text.rstrip().endswith("?") and len(text.split()) < 120
        header = layout.is_heading(text) or layout.time_line(text) or layout.is_head_line(text)
        if not (question or header) or layout.closes_piece(text):
            break
        first -= 1
    return first


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
_WINDOW_WORDS = 120
_WINDOW_PARAGRAPHS = 8


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


def _window(vectors: list[Counter[str]], indexes: range) -> Counter[str]:
    total: Counter[str] = Counter()
    for count, i in enumerate(indexes):
        if count >= _WINDOW_PARAGRAPHS or total.total() >= _WINDOW_WORDS:
            break
        total.update(vectors[i])
    return total


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(value * b[key] for key, value in a.items() if key in b)
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def _cohesion_depths(vectors: list[Counter[str]]) -> list[float]:
    """TextTiling depth scores: how far similarity across each gap dips below the peaks around
    it, scaled down near the ends of the text where a window holds too few words to judge."""
    n = len(vectors)
    sims = [1.0] * n
    support = [0.0] * n
    for i in range(1, n):
        before = _window(vectors, range(i - 1, -1, -1))
        after = _window(vectors, range(i, n))
        sims[i] = _cosine(before, after)
        support[i] = min(1.0, before.total() / _WINDOW_WORDS, after.total() / _WINDOW_WORDS)
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
