"""Validate src/sayso/data/gazetteer.csv (standard library only).

Usage: python bench/gazetteer_check.py [path/to/gazetteer.csv]

Exits non-zero and lists every problem found; otherwise prints counts.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "src" / "sayso" / "data" / "gazetteer.csv"
README = ROOT / "src" / "sayso" / "data" / "README.md"

COLUMNS = ["qid", "type", "name", "aliases", "demonym", "titles", "part_of", "acts_for"]
TYPES = {"person", "organization", "outlet", "country", "place", "group"}
QID = re.compile(r"^Q[1-9][0-9]*$")
DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
TITLE = re.compile(r"^(?P<office>[^@;]+?)@(?P<start>[^/]*)/(?P<end>[^/]*)$")


def parse_date(text: str) -> date | None:
    """ISO day or month ("2022-02" counts as the 1st); None when malformed."""
    if not DATE.match(text):
        return None
    parts = [int(p) for p in text.split("-")] + [1]
    try:
        return date(parts[0], parts[1], parts[2])
    except ValueError:
        return None


def ambiguous_from_readme() -> set[str]:
    """Strings listed as intentionally ambiguous in the README (backticked bullets)."""
    if not README.exists():
        return set()
    text = README.read_text(encoding="utf-8")
    section = text.split("## Intentionally ambiguous", 1)
    if len(section) < 2:
        return set()
    body = section[1].split("\n## ", 1)[0]
    return {m.lower() for m in re.findall(r"^- `([^`]+)`", body, flags=re.M)}


def check(path: Path) -> int:
    problems: list[str] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            problems.append(f"header is {reader.fieldnames}, expected {COLUMNS}")
        rows = list(reader)

    names = {r["name"] for r in rows}
    qids = {r["qid"] for r in rows if r["qid"]}
    seen_qid: dict[str, int] = {}
    seen_name: dict[str, int] = {}
    claims: dict[str, set[int]] = defaultdict(set)  # lower-cased string -> rows
    ambiguous = ambiguous_from_readme()

    for i, r in enumerate(rows, start=2):  # line 1 is the header
        where = f"line {i} ({r['name']!r})"
        if r["type"] not in TYPES:
            problems.append(f"{where}: type {r['type']!r} not allowed")
        if r["qid"]:
            if not QID.match(r["qid"]):
                problems.append(f"{where}: bad qid {r['qid']!r}")
            elif r["qid"] in seen_qid:
                problems.append(f"{where}: qid {r['qid']} also on line {seen_qid[r['qid']]}")
            seen_qid.setdefault(r["qid"], i)
        if not r["name"].strip():
            problems.append(f"{where}: empty name")
        if r["name"] in seen_name:
            problems.append(f"{where}: duplicate name (line {seen_name[r['name']]})")
        seen_name.setdefault(r["name"], i)
        if r["demonym"] and r["type"] != "country":
            problems.append(f"{where}: demonym on a non-country")
        if r["titles"] and r["type"] != "person":
            problems.append(f"{where}: titles on a non-person")
        if r["part_of"]:
            if r["type"] != "place":
                problems.append(f"{where}: part_of on a non-place")
            elif r["part_of"] not in names and r["part_of"] not in qids:
                problems.append(f"{where}: part_of {r['part_of']!r} is not a row")

        strings = [r["name"]] + [a for a in r["aliases"].split("|") if a]
        lowered = [s.strip().lower() for s in strings]
        if any(s != s.strip() or not s for s in strings):
            problems.append(f"{where}: empty alias or stray whitespace")
        for s, count in Counter(lowered).items():
            if count > 1:
                problems.append(f"{where}: {s!r} repeated within the row")
        for s in set(lowered):
            claims[s].add(i)
            if s in ambiguous:
                problems.append(f"{where}: {s!r} is listed as ambiguous in the README")

        for title in filter(None, r["titles"].split(";")):
            m = TITLE.match(title)
            if not m or not m["start"]:
                problems.append(f"{where}: title {title!r} is not office@start/end")
                continue
            start = parse_date(m["start"])
            end = parse_date(m["end"]) if m["end"] else None
            if start is None or (m["end"] and end is None):
                problems.append(f"{where}: title {title!r} has a non-ISO date")
            elif end and end < start:
                problems.append(f"{where}: title {title!r} ends before it starts")

    for s, lines in sorted(claims.items()):
        if len(lines) > 1:
            problems.append(f"{s!r} claimed by lines {sorted(lines)}")

    for p in problems:
        print("PROBLEM:", p)
    by_type = Counter(r["type"] for r in rows)
    with_qid = Counter(r["type"] for r in rows if r["qid"])
    print(f"{len(rows)} rows, {len(qids)} with a verified qid")
    for t in sorted(by_type):
        print(f"  {t:<13} {by_type[t]:>4} rows, {with_qid[t]:>4} with qid")
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(check(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT))
