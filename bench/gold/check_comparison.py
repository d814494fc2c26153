"""Check the claim-pair gold file against the corpus, and print its counts (the stance gold
set has its own checks: ``stance_gold.py verify``).

    python bench/gold/check_comparison.py

Every span must satisfy ``text[start:end] == span["text"]`` in the record named by its ``line``
(0-based) in ukraine_5country/articles.jsonl. Claim pairs need a known label and two spans
from different lines. Exits with status 1 after printing every error.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "ukraine_5country" / "articles.jsonl"
LABELS = {"agrees", "contradicts", "related"}


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def check_span(span: Any, texts: list[str], where: str, errors: list[str]) -> None:
    if not isinstance(span, dict):
        errors.append(f"{where}: span is not an object")
        return
    line, start, end = span.get("line"), span.get("start"), span.get("end")
    if not all(isinstance(value, int) for value in (line, start, end)):
        errors.append(f"{where}: line, start and end must be integers")
        return
    assert isinstance(line, int) and isinstance(start, int) and isinstance(end, int)
    if not 0 <= line < len(texts):
        errors.append(f"{where}: line {line} is not in the corpus")
    elif not 0 <= start < end <= len(texts[line]):
        errors.append(f"{where}: offsets {start}:{end} are out of range")
    elif texts[line][start:end] != span.get("text"):
        errors.append(f"{where}: text[{start}:{end}] does not match {span.get('text')!r}")


def check_pairs(rows: list[dict[str, Any]], texts: list[str]) -> list[str]:
    errors: list[str] = []
    for number, row in enumerate(rows, 1):
        where = f"claim_pairs.jsonl:{number}"
        check_span(row.get("a"), texts, f"{where} a", errors)
        check_span(row.get("b"), texts, f"{where} b", errors)
        a, b = row.get("a"), row.get("b")
        if isinstance(a, dict) and isinstance(b, dict) and a.get("line") == b.get("line"):
            errors.append(f"{where}: a and b come from the same line")
        if row.get("label") not in LABELS:
            errors.append(f"{where}: unknown label {row.get('label')!r}")
        if not row.get("about") or not row.get("note"):
            errors.append(f"{where}: about and note must not be empty")
    return errors


def country(outlet: str) -> str:
    return outlet.split(" ", 1)[0]


def main() -> int:
    records = load(CORPUS)
    texts = [record["text"] for record in records]
    pairs = load(HERE / "claim_pairs.jsonl")
    errors = check_pairs(pairs, texts)
    for error in errors:
        print(error)
    print(f"claim pairs: {len(pairs)}", dict(Counter(r["label"] for r in pairs)))
    crossed = sum(
        country(records[r["a"]["line"]]["outlet"]) != country(records[r["b"]["line"]]["outlet"])
        for r in pairs
    )
    print(f"  pairs across two countries' outlets: {crossed}")
    if errors:
        print(f"{len(errors)} errors")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
