"""Check, compare and merge the stance annotations of ``STANCES.md``.

    python bench/gold/stance_gold.py check FILE...        # one annotator's labels, as they work
    python bench/gold/stance_gold.py agree A B            # agreement of two annotators
    python bench/gold/stance_gold.py merge A B AGREED OPEN  # items both gave alike; the rest
    python bench/gold/stance_gold.py build MERGED OUT     # the gold file, with offsets
    python bench/gold/stance_gold.py verify GOLD          # its spans, and its counts

``check`` names every line that breaks the guidelines' format: an unknown passage, issue or
party, an evidence text that is not in its passage word for word. ``agree`` matches the two
annotators' items by (passage, party, issue) and by (passage, holder, issue) and prints how
often they found the same items and gave them the same stance (Cohen's kappa on the items both
found). ``merge`` writes the items both annotators gave with the same stance, their evidence
joined, to AGREED, and every other item, with what each annotator said of it, to OPEN, for
an adjudicator to keep (with a stance) or drop. ``build`` turns the merged labels into
``stances.jsonl``: each evidence span with its offsets into the record's text, each item with
its passage's half.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stance_passages import ROOT, Passage, passage_text, passages

ISSUES = (
    "nato_membership",
    "neutrality",
    "territorial_concessions",
    "security_guarantees",
    "negotiations",
    "military_aid",
    "sanctions",
)
STANCES = ("for", "against", "mixed")
KINDS = ("own words", "reported")


def parties() -> set[str]:
    """States and blocs as the gazetteer names them, and the two parties that are neither."""
    with (ROOT / "src" / "sayso" / "data" / "gazetteer.csv").open(encoding="utf-8") as rows:
        names = {
            r["name"] for r in csv.DictReader(rows) if r["type"] in {"country", "organization"}
        }
    return names | {"West", "none"}


def read(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def problems(items: list[dict[str, Any]], by_key: dict[str, Passage]) -> list[str]:
    allowed = parties()
    texts: dict[str, str] = {}
    found = []
    for n, item in enumerate(items, 1):
        key = item.get("passage")
        if key not in by_key:
            found.append(f"line {n}: unknown passage {key!r}")
            continue
        if item.get("none"):
            continue
        text = texts.setdefault(key, passage_text(by_key[key]))
        if item.get("issue") not in ISSUES:
            found.append(f"line {n}: unknown issue {item.get('issue')!r}")
        if item.get("stance") not in STANCES:
            found.append(f"line {n}: stance {item.get('stance')!r} is not one of {STANCES}")
        if item.get("party") not in allowed:
            found.append(f"line {n}: party {item.get('party')!r} is not a gazetteer state or bloc")
        if not isinstance(item.get("holder"), str) or not item["holder"].strip():
            found.append(f"line {n}: no holder")
        evidence = item.get("evidence")
        if not isinstance(evidence, list) or not 1 <= len(evidence) <= 3:
            found.append(f"line {n}: evidence is a list of 1 to 3 spans")
            continue
        for span in evidence:
            words = span.get("text", "")
            if not words or words not in text:
                found.append(f"line {n}: evidence not in the passage word for word: {words!r}")
            elif text.count(words) > 1:
                found.append(f"line {n}: evidence occurs more than once, make it longer: {words!r}")
            if span.get("polarity") not in ("for", "against"):
                found.append(f"line {n}: polarity {span.get('polarity')!r}")
            if span.get("kind") not in KINDS:
                found.append(f"line {n}: kind {span.get('kind')!r}")
            if not span.get("source"):
                found.append(f"line {n}: no source")
            condition = span.get("condition")
            if condition is not None and condition not in text:
                found.append(f"line {n}: condition not in the passage: {condition!r}")
    return found


def _kappa(pairs: list[tuple[str, str]]) -> float:
    if not pairs:
        return float("nan")
    agreed = sum(a == b for a, b in pairs) / len(pairs)
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(left[c] * right[c] for c in left) / len(pairs) ** 2
    return (agreed - chance) / (1 - chance) if chance < 1 else 1.0


def _stances(items: list[dict[str, Any]], field: str) -> dict[tuple[str, str, str], str]:
    """Each (passage, holder or party, issue) with its stance: ``mixed`` where the items of one
    party go both ways."""
    found: dict[tuple[str, str, str], set[str]] = {}
    for item in items:
        if not item.get("none"):
            found.setdefault((item["passage"], item[field], item["issue"]), set()).add(
                item["stance"]
            )
    return {key: s.pop() if len(s) == 1 else "mixed" for key, s in found.items()}


def agreement(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> None:
    for field in ("party", "holder"):
        left, right = _stances(a, field), _stances(b, field)
        both = left.keys() & right.keys()
        pairs = [(left[k], right[k]) for k in sorted(both)]
        same = sum(x == y for x, y in pairs)
        f1 = 2 * len(both) / (len(left) + len(right)) if left or right else float("nan")
        print(
            f"by (passage, {field}, issue): A {len(left)}, B {len(right)}, both {len(both)} "
            f"(F1 {f1:.3f}); same stance {same}/{len(pairs)} ({same / max(len(pairs), 1):.3f}), "
            f"kappa {_kappa(pairs):.3f}"
        )


def _overlaps(a: dict[str, Any], b: dict[str, Any], text: str) -> bool:
    a_start, b_start = text.index(a["text"]), text.index(b["text"])
    return a_start < b_start + len(b["text"]) and b_start < a_start + len(a["text"])


def merge(
    a: list[dict[str, Any]], b: list[dict[str, Any]], by_key: dict[str, Passage]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The items both annotators gave with one stance (A's evidence, then B's spans that
    overlap none of A's), and the others as ``{"key", "A", "B"}`` (an absent side is null)."""
    left = {(i["passage"], i["holder"], i["issue"]): i for i in a if not i.get("none")}
    right = {(i["passage"], i["holder"], i["issue"]): i for i in b if not i.get("none")}
    agreed, open_ = [], []
    for key in sorted(left.keys() | right.keys()):
        x, y = left.get(key), right.get(key)
        if x is not None and y is not None and x["stance"] == y["stance"]:
            text = passage_text(by_key[key[0]])
            extra = [
                e for e in y["evidence"] if not any(_overlaps(e, f, text) for f in x["evidence"])
            ]
            agreed.append({**x, "evidence": x["evidence"] + extra})
        else:
            open_.append({"key": list(key), "A": x, "B": y})
    return agreed, open_


def build(merged: list[dict[str, Any]], by_key: dict[str, Passage]) -> list[dict[str, Any]]:
    gold = []
    for item in merged:
        if item.get("none"):
            continue
        passage = by_key[item["passage"]]
        text = passage_text(passage)
        evidence = []
        for span in item["evidence"]:
            at = text.index(span["text"])
            evidence.append(
                {
                    "start": passage.start + at,
                    "end": passage.start + at + len(span["text"]),
                    "text": span["text"],
                    "polarity": span["polarity"],
                    "source": span["source"],
                    "kind": span["kind"],
                    "condition": span.get("condition"),
                }
            )
        gold.append(
            {
                "corpus": passage.corpus,
                "line": passage.line,
                "passage": [passage.start, passage.end],
                "half": passage.half,
                "round": passage.round,
                "holder": item["holder"],
                "party": item["party"],
                "issue": item["issue"],
                "stance": item["stance"],
                "evidence": evidence,
            }
        )
    return gold


def verify(gold: list[dict[str, Any]], by_key: dict[str, Passage]) -> None:
    """Every span of the gold file is its record's text at its offsets; then the counts."""
    wrong = 0
    for item in gold:
        passage = by_key[f"{item['corpus']}:{item['line']}"]
        whole = passage_text(passage)
        for span in item["evidence"]:
            at = span["start"] - passage.start
            wrong += whole[at : at + len(span["text"])] != span["text"]
    by_half = Counter(item["half"] for item in gold)
    by_round = Counter(f"{item['round']} {item['half']}" for item in gold)
    print(f"{len(gold)} items, {wrong} spans not at their offsets; halves {dict(by_half)}")
    print("  by round and half:", dict(sorted(by_round.items())))
    for issue in ISSUES:
        sides = Counter(item["stance"] for item in gold if item["issue"] == issue)
        print(f"  {issue:24} " + ", ".join(f"{s} {sides[s]}" for s in STANCES))
    print("  by corpus:", dict(Counter(item["corpus"] for item in gold)))
    kinds = Counter(span["kind"] for item in gold for span in item["evidence"])
    print("  evidence spans:", dict(kinds))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["check", "agree", "merge", "build", "verify"])
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    by_key = {p.key: p for p in passages()}
    if args.command == "check":
        for path in args.files:
            found = problems(read(path), by_key)
            print(f"{path}: {len(found)} problem(s)")
            for problem in found:
                print("  ", problem)
    elif args.command == "agree":
        agreement(read(args.files[0]), read(args.files[1]))
    elif args.command == "merge":
        agreed, open_ = merge(read(args.files[0]), read(args.files[1]), by_key)
        for path, items in ((args.files[2], agreed), (args.files[3], open_)):
            with open(path, "w", encoding="utf-8") as out:
                out.writelines(json.dumps(i, ensure_ascii=False) + "\n" for i in items)
        print(f"{len(agreed)} items agreed, {len(open_)} open")
    elif args.command == "verify":
        verify(read(args.files[0]), by_key)
    else:
        gold = build(read(args.files[0]), by_key)
        with open(args.files[1], "w", encoding="utf-8") as out:
            for item in gold:
                out.write(json.dumps(item, ensure_ascii=False) + "\n")
        print(f"{len(gold)} items from {len({(g['corpus'], g['line']) for g in gold})} passages")


if __name__ == "__main__":
    main()
