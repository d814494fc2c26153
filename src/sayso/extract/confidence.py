"""How likely a quote's speaker is right, given the evidence that found it: a probability
fitted on labelled news, not a fixed score per rule.

A quote's *evidence* is how its speaker was found (a transcript label, a cue verb governing
the quote, the nearest cue, a continuation of the last quote …) and how that speaker is
mentioned at the cue (a name, a pronoun, a description, or nothing). ``bench/calibrate.py``
runs the quotes stage over labelled articles, counts how often the speaker is right for each
pair, and writes ``data/confidence.json``. Each pair's share right is shrunk toward the share
right of its evidence alone, and that toward the share right of all quotes, by ``PRIOR``
quotes' worth, so that a pair seen a few times is not given 0 or 1 (an empirical-Bayes
estimate).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib.resources import files
from typing import Any, Literal

from sayso.extract.speakers import PRONOUNS
from sayso.model import Speaker

Mentioned = Literal["name", "pronoun", "description", "none"]
PRIOR = 20  # quotes' worth of belief in the broader share before a cell's own count


def mentioned(speaker: Speaker) -> Mentioned:
    """How the speaker is mentioned at the cue: "he" is a pronoun, "Mr Putin" and "the
    Kremlin" names (a capital past the first word), "the minister" a description."""
    if not speaker.mention:
        return "none"
    words = speaker.mention.split()
    if len(words) == 1 and words[0].lower() in PRONOUNS | {"one"}:
        return "pronoun"
    if words[0][:1].isupper() and words[0].lower() not in {"the", "a", "an"}:
        return "name"
    if any(word[:1].isupper() for word in words[1:]):
        return "name"
    return "description"


def fit(observations: Iterable[tuple[str, Mentioned, bool]]) -> dict[str, Any]:
    """The table ``confidence`` reads, from (evidence, mention, right) for each quote."""
    seen: Counter[tuple[str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    for evidence, mention, correct in observations:
        seen[(evidence, mention)] += 1
        right[(evidence, mention)] += correct
    total = sum(seen.values())
    if not total:
        raise ValueError("no quotes to fit confidence on")
    overall = sum(right.values()) / total
    by_evidence: dict[str, float] = {}
    for evidence in sorted({e for e, _ in seen}):
        n = sum(c for (e, _), c in seen.items() if e == evidence)
        k = sum(c for (e, _), c in right.items() if e == evidence)
        by_evidence[evidence] = (k + PRIOR * overall) / (n + PRIOR)
    cells = {
        f"{e}/{m}": (right[(e, m)] + PRIOR * by_evidence[e]) / (seen[(e, m)] + PRIOR)
        for e, m in sorted(seen)
    }
    return {
        "quotes": total,
        "overall": round(overall, 3),
        "evidence": {e: round(p, 3) for e, p in by_evidence.items()},
        "cells": {key: round(p, 3) for key, p in cells.items()},
        "counts": {f"{e}/{m}": [seen[(e, m)], right[(e, m)]] for e, m in sorted(seen)},
    }


def confidence(evidence: str, speaker: Speaker) -> float:
    """The share of quotes found with this evidence, and a speaker mentioned this way, whose
    speaker was right on the labelled articles; the evidence's own share for a pair never
    seen, the overall share for evidence never seen."""
    table = _table()
    cell = table["cells"].get(f"{evidence}/{mentioned(speaker)}")
    if cell is not None:
        return float(cell)
    return float(table["evidence"].get(evidence, table["overall"]))


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    text = files("sayso").joinpath("data", "confidence.json").read_text(encoding="utf-8")
    table: dict[str, Any] = json.loads(text)
    return table
