"""Pick the paragraphs of the figures and dates gold set, reproducibly.

    python bench/gold/sample.py [--corpus NAME] [--json]

Paragraphs are the record's ``text`` split on blank lines (a line holding only whitespace,
no-break spaces included), trimmed of surrounding whitespace. Single newlines do NOT split:
the briefings are hard-wrapped at about 72 characters, so a single newline there is a line
wrap inside a paragraph. Offsets are Python string (code point) offsets into ``text``.

Eligible paragraphs hold 15 to 120 words (split on whitespace); briefing paragraphs that are
only a speaker label ("MS. PSAKI:") or a time stamp ("3:05 P.M. EST") are skipped (they are
also too short). In each corpus about two-thirds of the picks are drawn from the eligible
paragraphs holding a digit, a number word or a month name ("cue" paragraphs), and the other
third from all eligible paragraphs at random, so that precision is also measured on ordinary
text. One random.Random(2026) drives the picks, round after round in the order of ROUNDS; a
round never picks a paragraph an earlier round picked. The second ukraine_5country and
whitehouse_briefings rounds were added after the first rounds had been annotated, because dates
are sparser than figures; appending rounds leaves the earlier picks unchanged.

bbc_news paragraphs go to the figures set only (the corpus has no dates); ukraine_5country and
whitehouse_briefings paragraphs are annotated for both figures and dates.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path
from typing import TypedDict

CORPORA = Path(__file__).resolve().parents[3] / "shared" / "data" / "corpora"
# (corpus, cue picks, random picks)
ROUNDS = [
    ("bbc_news", 24, 12),
    ("ukraine_5country", 40, 20),
    ("whitehouse_briefings", 40, 20),
    ("ukraine_5country", 30, 15),
    ("whitehouse_briefings", 30, 15),
]
MIN_WORDS, MAX_WORDS = 15, 120

BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")
NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundred|thousand|million|billion|trillion|dozen"
)
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\."
)
CUE = re.compile(rf"\d|\b(?i:{NUMBER_WORDS})\b|\b(?:{MONTHS})")
SPEAKER_ONLY = re.compile(r"^(?:(?:MR|MS|MRS|DR)\.\s+)?[A-Z][A-Z.\-' ]*:$|^Q$")
TIME_STAMP = re.compile(r"^\d{1,2}:\d{2}\s*[AP]\.?M\.?(?:\s+[A-Z]{2,4})?$")


Taken = set[tuple[int, int, int]]  # (line, start, end) of the paragraphs already picked


class Pick(TypedDict):
    corpus: str
    line: int
    start: int
    end: int
    pick: str  # "cue" or "random"
    text: str


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: blocks between blank lines, trimmed."""
    spans, position = [], 0
    for separator in [*BLANK_LINES.finditer(text), None]:
        start, end = position, separator.start() if separator else len(text)
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
        position = separator.end() if separator else len(text)
    return spans


def eligible(par: str) -> bool:
    if SPEAKER_ONLY.match(par) or TIME_STAMP.match(par):
        return False
    return MIN_WORDS <= len(par.split()) <= MAX_WORDS


def eligible_paragraphs(corpus: str) -> list[tuple[int, int, int, str]]:
    """(line, start, end, text) of every eligible paragraph of the corpus, in file order."""
    pool = []
    with (CORPORA / corpus / "articles.jsonl").open(encoding="utf-8") as handle:
        for line, raw in enumerate(handle):
            text = json.loads(raw)["text"]
            for start, end in paragraphs(text):
                if eligible(text[start:end]):
                    pool.append((line, start, end, text[start:end]))
    return pool


def pick(
    corpus: str, cue_count: int, random_count: int, taken: Taken, rng: random.Random
) -> list[Pick]:
    pool = [item for item in eligible_paragraphs(corpus) if item[:3] not in taken]
    cued = [item for item in pool if CUE.search(item[3])]
    chosen = rng.sample(cued, cue_count)
    picked = set(chosen)
    rest = [item for item in pool if item not in picked]
    chosen += rng.sample(rest, random_count)
    taken.update(item[:3] for item in chosen)
    kinds = ["cue"] * cue_count + ["random"] * random_count
    return [
        Pick(corpus=corpus, line=line, start=start, end=end, pick=kind, text=par)
        for (line, start, end, par), kind in zip(chosen, kinds, strict=True)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", choices=sorted({r[0] for r in ROUNDS}), help="only this corpus")
    parser.add_argument("--json", action="store_true", help="one JSON object per paragraph")
    args = parser.parse_args()
    rng = random.Random(2026)
    taken: Taken = set()
    for corpus, cue_count, random_count in ROUNDS:
        for item in pick(corpus, cue_count, random_count, taken, rng):
            if args.corpus and item["corpus"] != args.corpus:
                continue
            if args.json:
                print(json.dumps(item, ensure_ascii=False))
            else:
                head = f"{item['corpus']}  line {item['line']}  [{item['start']}:{item['end']}]"
                print(f"== {head}  ({item['pick']})\n{item['text']}\n")


if __name__ == "__main__":
    main()
