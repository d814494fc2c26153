"""Check the claim-pair gold file against its sources, and print its counts (the stance gold
set has its own checks: ``stance_gold.py verify``).

    python bench/gold/check_comparison.py

Every span must satisfy ``text[start:end] == span["text"]`` in the source its ``corpus`` and
``line`` name: a record (0-based line) of ``ukraine_5country`` or ``whitehouse_briefings``,
or ``dossier`` (line 0: the whole of ``examples/dossier.txt``). A pair needs a known label and
two spans from different documents (the dossier's four pieces count as documents of their
own). Exits with status 1 after printing every error.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CORPORA = ROOT.parent / "shared" / "data" / "corpora"
SOURCES = ("ukraine_5country", "whitehouse_briefings")
DOSSIER = ROOT / "examples" / "dossier.txt"
LABELS = {"agrees", "contradicts", "related"}


def load(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def records() -> dict[tuple[str, int], dict[str, Any]]:
    """Every source a span may name, by (corpus, line): its text, outlet and date."""
    found = {
        (corpus, line): record
        for corpus in SOURCES
        for line, record in enumerate(load(CORPORA / corpus / "articles.jsonl"))
    }
    dossier = DOSSIER.read_text(encoding="utf-8")
    found[("dossier", 0)] = {"text": dossier, "outlet": "dossier", "date": "2023"}
    return found


def check_span(span: Any, sources: dict[tuple[str, int], Any], where: str) -> list[str]:
    if not isinstance(span, dict):
        return [f"{where}: span is not an object"]
    key, start, end = (span.get("corpus"), span.get("line")), span.get("start"), span.get("end")
    if key not in sources:
        return [f"{where}: no source {key}"]
    if not isinstance(start, int) or not isinstance(end, int):
        return [f"{where}: start and end must be integers"]
    text = sources[key]["text"]
    if not 0 <= start < end <= len(text):
        return [f"{where}: offsets {start}:{end} are out of range"]
    if text[start:end] != span.get("text"):
        return [f"{where}: text[{start}:{end}] does not match {span.get('text')!r}"]
    return []


def check_pairs(rows: list[dict[str, Any]], sources: dict[tuple[str, int], Any]) -> list[str]:
    errors: list[str] = []
    for number, row in enumerate(rows, 1):
        where = f"claim_pairs.jsonl:{number}"
        a, b = row.get("a"), row.get("b")
        errors += check_span(a, sources, f"{where} a") + check_span(b, sources, f"{where} b")
        if isinstance(a, dict) and isinstance(b, dict):
            same = (a.get("corpus"), a.get("line")) == (b.get("corpus"), b.get("line"))
            if same and a.get("corpus") != "dossier":
                errors.append(f"{where}: a and b come from the same document")
        if row.get("label") not in LABELS:
            errors.append(f"{where}: unknown label {row.get('label')!r}")
        if not row.get("note"):
            errors.append(f"{where}: the note must not be empty")
    return errors


def main() -> int:
    sources = records()
    pairs = load(HERE / "claim_pairs.jsonl")
    errors = check_pairs(pairs, sources)
    for error in errors:
        print(error)
    print(f"claim pairs: {len(pairs)}", dict(Counter(r["label"] for r in pairs)))
    print("  decided by:", dict(Counter(r.get("decided_by") for r in pairs)))
    corpora = Counter(" + ".join(sorted({r["a"]["corpus"], r["b"]["corpus"]})) for r in pairs)
    print("  sources:", dict(corpora))
    if errors:
        print(f"{len(errors)} errors")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
