"""Figures and dates benchmark: the quantities and dates stages against the hand-annotated
paragraphs of ``bench/gold/`` (see its README), and what the stages cost in throughput.

Each gold paragraph is run on its own (its record's date is the reference for dates). A found
item matches a gold item when their spans overlap (one to one, in text order). Detection is
scored by precision, recall and F1; the matched pairs are then checked field by field: value
(within 0.1 %), unit, qualifier and what is counted (words shared with the gold phrase) for
figures, value and granularity for dates. The gold is split by a hash of each paragraph into a
development half, used to tune the stages, and a test half, reported in the README.

    python bench/figures_dates.py [--half dev|test|all] [--misses K] [--throughput N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sayso import nlp
from sayso.extract.dates import find_dates
from sayso.extract.quantities import find_quantities
from sayso.model import Document
from sayso.settings import DEFAULT_STAGES, Settings

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold"
CORPORA = ROOT.parent / "shared" / "data" / "corpora"


@dataclass
class Paragraph:
    corpus: str
    line: int
    start: int
    end: int
    text: str
    reference: str | None
    gold: list[dict[str, Any]]

    @property
    def half(self) -> str:
        key = f"{self.corpus}:{self.line}:{self.start}".encode()
        return "dev" if hashlib.sha256(key).digest()[0] % 2 == 0 else "test"


def load(name: str, items: str, half: str) -> list[Paragraph]:
    records: dict[str, list[dict[str, Any]]] = {}
    paragraphs = []
    with (GOLD / name).open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            corpus = row["corpus"]
            if corpus not in records:
                path = CORPORA / corpus / "articles.jsonl"
                records[corpus] = [json.loads(r) for r in path.open(encoding="utf-8")]
            text = records[corpus][row["line"]]["text"]
            gold = [
                {**item, "start": item["start"] - row["start"], "end": item["end"] - row["start"]}
                for item in row[items]
            ]
            paragraph = Paragraph(
                corpus,
                row["line"],
                row["start"],
                row["end"],
                text[row["start"] : row["end"]],
                row.get("reference"),
                gold,
            )
            if half in {"all", paragraph.half}:
                paragraphs.append(paragraph)
    return paragraphs


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    fields: dict[str, list[bool]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def row(self, name: str) -> str:
        p, r, f1 = self.precision, self.recall, self.f1
        parts = [f"  {name:8} P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  ({self.matched} matched"]
        parts[0] += f" of {self.predicted} found, {self.gold} gold)"
        for field_name, checks in self.fields.items():
            if checks:
                parts.append(
                    f"    {field_name:12} {sum(checks) / len(checks):.3f} right ({len(checks)})"
                )
        return "\n".join(parts)


def pairs(
    found: Sequence[Any], gold: Sequence[dict[str, Any]]
) -> Iterator[tuple[Any, dict[str, Any]]]:
    """One-to-one matches of overlapping spans, in text order."""
    used: set[int] = set()
    for item in found:
        for index, expected in enumerate(gold):
            if index not in used and item.start < expected["end"] and expected["start"] < item.end:
                used.add(index)
                yield item, expected
                break


def same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) <= 1e-3 * max(abs(a), abs(b), 1e-9)


def shares_words(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    words_a, words_b = set(a.lower().split()), set(b.lower().split())
    return bool(words_a & words_b)


def score_figures(paragraphs: list[Paragraph], misses: list[str]) -> Score:
    score = Score(fields={"value": [], "unit": [], "qualifier": [], "counted": []})
    for paragraph in paragraphs:
        found = find_quantities(paragraph.text)
        score.predicted += len(found)
        score.gold += len(paragraph.gold)
        matched = list(pairs(found, paragraph.gold))
        score.matched += len(matched)
        for item, expected in matched:
            score.fields["value"].append(same_number(item.value, expected["value"]))
            score.fields["unit"].append(item.unit == expected["unit"])
            score.fields["qualifier"].append(item.qualifier == expected["qualifier"])
            if expected["counted"] is not None:
                score.fields["counted"].append(shares_words(item.counted, expected["counted"]))
        _note_misses(paragraph, found, [e for _, e in matched], [i for i, _ in matched], misses)
    return score


def score_dates(paragraphs: list[Paragraph], misses: list[str]) -> Score:
    score = Score(fields={"value": []})
    for paragraph in paragraphs:
        found = find_dates(paragraph.text, paragraph.reference)
        score.predicted += len(found)
        score.gold += len(paragraph.gold)
        matched = list(pairs(found, paragraph.gold))
        score.matched += len(matched)
        for item, expected in matched:
            if expected["value"] is not None:
                score.fields["value"].append(
                    (item.value, item.granularity) == (expected["value"], expected["granularity"])
                )
                if (item.value, item.granularity) != (expected["value"], expected["granularity"]):
                    misses.append(
                        f"wrong value: {item.text!r} -> {item.value} (gold {expected['value']},"
                        f" reference {paragraph.reference})"
                    )
        _note_misses(paragraph, found, [e for _, e in matched], [i for i, _ in matched], misses)
    return score


def _note_misses(
    paragraph: Paragraph,
    found: Sequence[Any],
    matched_gold: list[dict[str, Any]],
    matched_found: list[Any],
    misses: list[str],
) -> None:
    def around(start: int, end: int) -> str:
        return repr(paragraph.text[max(0, start - 40) : end + 40])

    for expected in paragraph.gold:
        if expected not in matched_gold:
            misses.append(
                f"missed {expected['text']!r}: {around(expected['start'], expected['end'])}"
            )
    for item in found:
        if item not in matched_found:
            misses.append(f"spurious {item.text!r}: {around(item.start, item.end)}")


def throughput(count: int) -> None:
    """Documents per second through the whole pipeline, with and without the stages of
    entities, figures and dates (and the claims stage, which needs them)."""
    from sayso.extract import Pipeline

    path = CORPORA / "bbc_news" / "articles.jsonl"
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")][:count]
    without = tuple(
        s for s in DEFAULT_STAGES if s not in {"entities", "quantities", "dates", "claims"}
    )
    for name, stages in (("without", without), ("with", DEFAULT_STAGES)):
        pipeline = Pipeline(Settings(stages=stages))
        started = time.perf_counter()
        for text in texts:
            pipeline(Document(text=text, source="bbc", start=0, end=len(text)))
        seconds = time.perf_counter() - started
        print(
            f"  {name} entities, quantities and dates: {count / seconds:.1f} documents/s"
            f" ({', '.join(stages)})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--half", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--misses", type=int, default=0, help="print K misses of each")
    parser.add_argument("--throughput", type=int, default=200, help="BBC articles to time")
    args = parser.parse_args()
    if not CORPORA.exists():
        raise SystemExit(f"corpora not found at {CORPORA}")
    nlp.load()
    runs: list[tuple[str, str, str, Callable[[list[Paragraph], list[str]], Score]]] = [
        ("figures", "figures.jsonl", "figures", score_figures),
        ("dates", "dates.jsonl", "dates", score_dates),
    ]
    for name, filename, items, scorer in runs:
        paragraphs = load(filename, items, args.half)
        misses: list[str] = []
        score = scorer(paragraphs, misses)
        print(f"{name}: {len(paragraphs)} gold paragraphs ({args.half} half)")
        print(score.row(name))
        for miss in misses[: args.misses]:
            print("     ", miss)
    if args.throughput:
        print(f"throughput on {args.throughput} BBC articles:")
        throughput(args.throughput)


if __name__ == "__main__":
    main()
