"""Party stances in a sample of articles no gold set holds, to be read by hand.

The positions benchmark's dev half has been tuned on for long enough that it no longer
predicts its test half; reading what sayso finds in records outside the stance gold shows
the errors a user meets. The sample is drawn by hashing each record's line with a salt, so
that each salt gives a fresh, repeatable sample; its lines are never the gold's, so reading
them leaves the test half untouched. Nothing is scored: each stance is printed with its
party, issue, side, holder, source and sentence.

    python bench/stance_sample.py [--corpus NAME] [--salt S] [-n N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

from sayso.extract import Pipeline
from sayso.settings import Settings
from sources import documents, lines_of

GOLD = Path(__file__).resolve().parent / "gold" / "stances.jsonl"


def sample(corpus: str, salt: str, size: int) -> list[int]:
    """``size`` lines of ``corpus`` that the stance gold does not hold, drawn by ``salt``."""
    gold = {(g["corpus"], g["line"]) for g in map(json.loads, GOLD.open(encoding="utf-8"))}
    lines = [n for n in range(lines_of(corpus)) if (corpus, n) not in gold]
    return sorted(lines, key=lambda n: hashlib.sha1(f"{salt}{n}".encode()).hexdigest())[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="ukraine_5country")
    parser.add_argument("--salt", default="sample")
    parser.add_argument("-n", type=int, default=40, help="records to read")
    args = parser.parse_args()
    pipeline = Pipeline(Settings())
    for line in sorted(sample(args.corpus, args.salt, args.n)):
        for doc in documents(args.corpus, line):
            for stance in pipeline(doc).stances:
                if stance.party is None:
                    continue
                sentence = " ".join(stance.text.split())
                print(
                    f"{line} {stance.party} | {stance.issue} {stance.side} |"
                    f" [{stance.holder.name}] source {stance.source} | {sentence}"
                )


if __name__ == "__main__":
    main()
