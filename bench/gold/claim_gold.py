"""Compare and merge the two annotators' labels of the claim pairs of ``CLAIMS.md``.

    python bench/gold/claim_gold.py agree FIRST SECOND
    python bench/gold/claim_gold.py open CANDIDATES FIRST SECOND OUT
    python bench/gold/claim_gold.py build CANDIDATES FIRST SECOND ADJUDICATED OUT

``FIRST`` and ``SECOND`` are each a JSON Lines file of ``{"id", "label", "note"}``, one line per
candidate pair, from two annotators who worked apart. ``agree`` prints how often they gave the
same label, and Cohen's kappa. ``open`` writes the pairs they labelled differently, with both
labels and notes, for an adjudicator. ``build`` writes the gold file: each candidate both
annotators labelled alike, with that label, and each one the adjudicator kept (a line
``{"id", "label", "note"}``; ``"label": "drop"`` drops it), with the two annotators' labels
beside it.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

LABELS = ("agrees", "contradicts", "related")


def read(path: str) -> list[dict[str, Any]]:
    with Path(path).open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def labels(path: str) -> dict[str, dict[str, Any]]:
    """One annotator's labels by pair id; an unknown label or a pair labelled twice is an
    error."""
    found: dict[str, dict[str, Any]] = {}
    for item in read(path):
        if item["label"] not in LABELS:
            raise SystemExit(f"{path}: pair {item['id']}: unknown label {item['label']!r}")
        if item["id"] in found:
            raise SystemExit(f"{path}: pair {item['id']} labelled twice")
        found[item["id"]] = item
    return found


def kappa(first: list[str], second: list[str]) -> float:
    """Cohen's kappa of two annotators' labels of the same items."""
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    counts_a, counts_b = Counter(first), Counter(second)
    expected = sum(counts_a[label] * counts_b[label] for label in LABELS) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def agree(first_path: str, second_path: str) -> None:
    first, second = labels(first_path), labels(second_path)
    both = sorted(set(first) & set(second))
    a = [first[i]["label"] for i in both]
    b = [second[i]["label"] for i in both]
    same = sum(x == y for x, y in zip(a, b, strict=True))
    print(f"{len(both)} pairs labelled by both; the same label for {same} ({same / len(both):.3f})")
    print(f"Cohen's kappa {kappa(a, b):.3f}")
    for label in LABELS:
        print(
            f"  {label:12} first {a.count(label):3}  second {b.count(label):3}"
            f"  both {sum(x == y == label for x, y in zip(a, b, strict=True)):3}"
        )
    pairs = Counter((x, y) for x, y in zip(a, b, strict=True) if x != y)
    for (x, y), count in pairs.most_common():
        print(f"  first {x}, second {y}: {count}")


def open_pairs(candidates_path: str, first_path: str, second_path: str, out: str) -> None:
    first, second = labels(first_path), labels(second_path)
    with Path(out).open("w", encoding="utf-8") as lines:
        for pair in read(candidates_path):
            x, y = first[pair["id"]], second[pair["id"]]
            if x["label"] != y["label"]:
                pair = {**pair, "first": x, "second": y}
                lines.write(json.dumps(pair, ensure_ascii=False) + "\n")


def build(
    candidates_path: str, first_path: str, second_path: str, adjudicated_path: str, out: str
) -> None:
    first, second = labels(first_path), labels(second_path)
    decided = {item["id"]: item for item in read(adjudicated_path)}
    kept: Counter[str] = Counter()
    with Path(out).open("w", encoding="utf-8") as lines:
        for pair in read(candidates_path):
            x, y = first[pair["id"]], second[pair["id"]]
            if x["label"] == y["label"]:
                label, how = x["label"], "both annotators"
            elif pair["id"] in decided:
                label, how = decided[pair["id"]]["label"], "adjudicated"
            else:
                raise SystemExit(f"pair {pair['id']}: the annotators differ and no one decided")
            if label == "drop":
                kept["dropped"] += 1
                continue
            kept[label] += 1
            spans = {
                side: {k: pair[side][k] for k in ("corpus", "line", "start", "end", "text")}
                for side in ("a", "b")
            }
            record = {
                "id": pair["id"],
                **spans,
                "label": label,
                "decided_by": how,
                "annotators": [x["label"], y["label"]],
                "note": (decided[pair["id"]] if how == "adjudicated" else x)["note"],
            }
            lines.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(", ".join(f"{label} {count}" for label, count in sorted(kept.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("agree")
    command.add_argument("files", nargs=2)
    command = commands.add_parser("open")
    command.add_argument("files", nargs=4)
    command = commands.add_parser("build")
    command.add_argument("files", nargs=5)
    args = parser.parse_args()
    if args.command == "agree":
        agree(*args.files)
    elif args.command == "open":
        open_pairs(*args.files)
    else:
        build(*args.files)


if __name__ == "__main__":
    main()
