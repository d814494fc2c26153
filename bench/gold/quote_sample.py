"""Pick the quotation marks of the speakers gold set, reproducibly, and write the pages the
annotators read.

    python bench/gold/quote_sample.py [--pages DIR]

The units are the stretches between a pair of quotation marks ("…" or “…”, in one paragraph)
in the opening 5,000 characters of articles of the Ukraine corpus: found by pairing marks,
not by sayso, so that what sayso misses is counted too, scare quotes and titles included.
Articles are taken five from each outlet list (six lists: UK, US, Ukraine, Poland, Russia,
Belarus) among those with at least four units, in the order of a hash of their line, so the
pick does not depend on sayso either. Each article's half (``dev`` or ``test``) is set by
the parity of the same hash, before any label is read.

Without ``--pages`` it prints the units as JSON lines ({"line", "half", "unit", "start",
"end", "excerpt"}); with it, it writes one page per article for the annotators, the units
marked ``[[Q3]]“…”[[/Q3]]`` in the text.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "data" / "corpora" / "ukraine_5country"
PER_OUTLET = 5
OPENING = 5000
MIN_UNITS = 4
# a pair of marks inside one paragraph: straight, or curly opening and closing
PAIR = re.compile(r'"[^"\n]{1,1500}?"|“[^”\n]{1,1500}?”')


def article_hash(line: int) -> int:
    return int(hashlib.sha256(f"ukraine_5country:{line}".encode()).hexdigest()[:8], 16)


def units(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in PAIR.finditer(text[:OPENING])]


def pick() -> list[tuple[int, dict[str, str], list[tuple[int, int]]]]:
    by_outlet: dict[str, list[tuple[int, int, dict[str, str], list[tuple[int, int]]]]]
    by_outlet = defaultdict(list)
    with (CORPUS / "articles.jsonl").open(encoding="utf-8") as handle:
        for line, raw in enumerate(handle):
            record = json.loads(raw)
            found = units(record["text"])
            if len(found) >= MIN_UNITS:
                by_outlet[record["outlet"]].append((article_hash(line), line, record, found))
    chosen = []
    for outlet in sorted(by_outlet):
        for _, line, record, found in sorted(by_outlet[outlet])[:PER_OUTLET]:
            chosen.append((line, record, found))
    return sorted(chosen, key=lambda c: c[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=Path, help="write the annotators' pages here")
    args = parser.parse_args()
    for line, record, found in pick():
        half = "dev" if article_hash(line) % 2 == 0 else "test"
        text = record["text"]
        if args.pages is None:
            for n, (start, end) in enumerate(found, 1):
                unit = {"line": line, "half": half, "unit": f"Q{n}", "start": start, "end": end}
                print(json.dumps({**unit, "excerpt": text[start:end][:60]}, ensure_ascii=False))
            continue
        args.pages.mkdir(parents=True, exist_ok=True)
        marked = []
        at = 0
        for n, (start, end) in enumerate(found, 1):
            marked += [text[at:start], f"[[Q{n}]]", text[start:end], f"[[/Q{n}]]"]
            at = end
        marked.append(text[at:OPENING])
        page = f"ARTICLE {line} ({record['outlet']}, {record['date'][:10]})\n\n" + "".join(marked)
        (args.pages / f"article_{line}.txt").write_text(page + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
