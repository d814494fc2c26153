"""Check the figures and dates gold files against the corpora, and print their counts.

    python bench/gold/check.py

Every paragraph must be one that sample.py picks (same corpus, line and offsets), every span's
``text`` must equal the record's ``text[start:end]`` and lie inside its paragraph, spans must not
overlap, figure values must be numbers and date values ISO forms that match their granularity.
Exits with status 1 on the first file with errors, after printing them all.
"""

from __future__ import annotations

import datetime
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import sample

HERE = Path(__file__).resolve().parent
GOLD = [("figures.jsonl", "figures"), ("dates.jsonl", "dates")]
Place = tuple[str, int, int, int]
QUALIFIERS = {
    None,
    "about",
    "nearly",
    "more than",
    "less than",
    "up to",
    "at least",
    "at most",
    "estimated",
}
FORMATS = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
LENGTHS = {"day": 10, "month": 7, "year": 4}


def picks() -> dict[Place, str]:
    """(corpus, line, start, end) -> 'cue' or 'random', as sample.py draws them."""
    rng = random.Random(2026)
    taken: sample.Taken = set()
    chosen: dict[Place, str] = {}
    for corpus, cue_count, random_count in sample.ROUNDS:
        for item in sample.pick(corpus, cue_count, random_count, taken, rng):
            chosen[(corpus, item["line"], item["start"], item["end"])] = item["pick"]
    return chosen


def texts() -> dict[str, list[dict[str, Any]]]:
    records: dict[str, list[dict[str, Any]]] = {}
    for corpus in sorted({r[0] for r in sample.ROUNDS}):
        path = sample.CORPORA / corpus / "articles.jsonl"
        with path.open(encoding="utf-8") as handle:
            records[corpus] = [json.loads(line) for line in handle]
    return records


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def check_figure(item: dict[str, Any]) -> list[str]:
    errors = []
    if not is_number(item["value"]):
        errors.append(f"value is not a number: {item['value']!r}")
    high = item["high"]
    if high is not None and (not is_number(high) or high < item["value"]):
        errors.append(f"bad high: {high!r}")
    for key in ("unit", "counted"):
        if item[key] is not None and not (isinstance(item[key], str) and item[key]):
            errors.append(f"bad {key}: {item[key]!r}")
    if item["qualifier"] not in QUALIFIERS:
        errors.append(f"bad qualifier: {item['qualifier']!r}")
    return errors


def check_date(item: dict[str, Any]) -> list[str]:
    value, granularity = item["value"], item["granularity"]
    if value is None or granularity is None:
        return [] if value is None and granularity is None else ["value and granularity disagree"]
    if granularity not in FORMATS or not isinstance(value, str):
        return [f"bad granularity or value: {granularity!r} {value!r}"]
    try:
        datetime.datetime.strptime(value, FORMATS[granularity])
    except ValueError:
        return [f"value {value!r} is not a valid {granularity}"]
    return [] if len(value) == LENGTHS[granularity] else [f"value {value!r} is not zero-padded"]


def check_file(
    name: str, key: str, records: dict[str, list[dict[str, Any]]], drawn: dict[Place, str]
) -> bool:
    errors: list[str] = []
    paragraphs: Counter[str] = Counter()
    items: Counter[str] = Counter()
    empty: Counter[str] = Counter()
    by_pick: Counter[str] = Counter()
    with (HERE / name).open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    seen: set[Place] = set()
    for number, row in enumerate(rows, 1):
        where = f"{name}:{number}"
        place = (row["corpus"], row["line"], row["start"], row["end"])
        if place in seen:
            errors.append(f"{where}: paragraph listed twice")
        seen.add(place)
        if place not in drawn:
            errors.append(f"{where}: not a paragraph that sample.py picks")
        record = records[row["corpus"]][row["line"]]
        text = record["text"]
        if key == "dates":
            if row["corpus"] == "bbc_news":
                errors.append(f"{where}: bbc_news has no dates")
            if row["reference"] != (record["date"] or "")[:10]:
                errors.append(f"{where}: reference {row['reference']!r} is not the record's date")
        previous_end = row["start"]
        for item in row[key]:
            span = f"{where} [{item['start']}:{item['end']}] {item['text']!r}"
            if text[item["start"] : item["end"]] != item["text"]:
                errors.append(f"{span}: text differs: {text[item['start'] : item['end']]!r}")
            if not row["start"] <= item["start"] < item["end"] <= row["end"]:
                errors.append(f"{span}: outside its paragraph")
            if item["start"] < previous_end:
                errors.append(f"{span}: overlaps or out of order")
            previous_end = item["end"]
            problems = check_figure(item) if key == "figures" else check_date(item)
            errors.extend(f"{span}: {problem}" for problem in problems)
        paragraphs[row["corpus"]] += 1
        items[row["corpus"]] += len(row[key])
        empty[row["corpus"]] += not row[key]
        by_pick[drawn.get(place, "?")] += len(row[key])
    print(f"{name}: {sum(paragraphs.values())} paragraphs, {sum(items.values())} {key}")
    for corpus in sorted(paragraphs):
        print(
            f"  {corpus:22} {paragraphs[corpus]:4} paragraphs  {items[corpus]:4} {key}"
            f"  ({empty[corpus]} paragraphs with none)"
        )
    print(f"  {key} in cue paragraphs {by_pick['cue']}, in random paragraphs {by_pick['random']}")
    if key == "dates":
        granularity = Counter(d["granularity"] for row in rows for d in row["dates"])
        print("  granularity: " + ", ".join(f"{g}: {n}" for g, n in granularity.most_common()))
    else:
        units = Counter(f["unit"] for row in rows for f in row["figures"])
        print("  units: " + ", ".join(f"{u}: {n}" for u, n in units.most_common()))
    for error in errors:
        print("  ERROR " + error)
    return not errors


def main() -> None:
    records = texts()
    drawn = picks()
    good = [check_file(name, key, records, drawn) for name, key in GOLD]
    sys.exit(0 if all(good) else 1)


if __name__ == "__main__":
    main()
