"""Positions benchmark: actors' stances on the issues against the hand-annotated stances of
``bench/gold/stances.jsonl`` (see its README), on the Ukraine-war articles they cite.

The articles cited as evidence go through the whole pipeline; then every gold (actor, issue)
is looked up among the positions found. An actor matches by its name, or by the gazetteer
actor the gold name spells. Printed: how many gold stances sayso finds a stance for
(coverage), how many of those it gets right (precision), and right out of all (accuracy),
with the misses. The gold is split in two halves by a hash of each (actor, issue): the
rules were tuned on the development half; the test half is what the README reports.

    python bench/positions.py [--half dev|test|all] [--misses K]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from pathlib import Path

from sayso.analyse.positions import load_issues, positions
from sayso.extract import Pipeline
from sayso.gazetteer import load as load_gazetteer
from sayso.model import Document
from sayso.names import fold
from sayso.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold" / "stances.jsonl"
CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "ukraine_5country" / "articles.jsonl"


def half(stance: dict[str, str]) -> str:
    key = f"{stance['actor']}:{stance['issue']}".encode()
    return "dev" if hashlib.sha256(key).digest()[0] % 2 == 0 else "test"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--half", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--misses", type=int, default=0, help="print K misses")
    args = parser.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"corpus not found at {CORPUS}")
    gold = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    gold = [g for g in gold if args.half in {"all", half(g)}]
    records = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    lines = sorted({e["line"] for g in gold for e in g["evidence"]})
    pipeline = Pipeline(Settings())
    started = time.perf_counter()
    documents = []
    for line in lines:
        record = records[line]
        text = record["text"]
        doc = Document(text=text, source=f"line {line}", start=0, end=len(text))
        doc.date = (record.get("date") or "")[:10] or None
        documents.append(pipeline(doc))
    seconds = time.perf_counter() - started
    found = positions((d.statements() for d in documents), load_issues())
    gazetteer = load_gazetteer()
    by_key = {(fold(p.actor), p.issue): p for p in found}
    covered = right = 0
    misses = []
    for g in gold:
        known = gazetteer.lookup(g["actor"])
        names = {fold(g["actor"])} | ({fold(known.name)} if known else set())
        position = next((by_key[(n, g["issue"])] for n in names if (n, g["issue"]) in by_key), None)
        stance = position.stance if position is not None else "unclear"
        if stance != "unclear":
            covered += 1
            right += stance == g["stance"]
        if stance != g["stance"]:
            misses.append(f"{g['actor']} on {g['issue']}: gold {g['stance']}, found {stance}")
    n = len(gold)
    print(f"stances: {n} gold (actor, issue) pairs ({args.half} half) over {len(lines)} articles")
    print(f"  coverage  {covered / n:.3f}  ({covered} with a stance found)")
    print(f"  precision {right / covered if covered else 0:.3f}  ({right} right of those)")
    print(f"  accuracy  {right / n:.3f}  (right out of all gold pairs)")
    print(f"  pipeline: {len(lines) / seconds:.1f} articles/s")
    for miss in misses[: args.misses]:
        print("   ", miss)


if __name__ == "__main__":
    main()
