"""Fit the quotes' ``confidence`` (``sayso.extract.confidence``) and write it to
``src/sayso/data/confidence.json``.

The quotes stage runs over PolNeAR's training split and the dev half of the speakers gold set
(never over their test halves, on which ``bench/attribution.py`` and ``bench/speakers.py``
report the reliability of what is fitted here). Each quote is judged as those benchmarks judge
it: on PolNeAR, right when it matches a gold relation's content and source (quotes matching
only relations without a source are left out); on the speakers set, right when it covers a
gold quote and names its speaker (one covering a stretch that is no quote is wrong). Its
evidence and the way its speaker is mentioned are counted, and ``confidence.fit`` turns the
counts into shares right.

    python bench/calibrate.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

from attribution import judged, load, predicted
from sayso.extract import Pipeline
from sayso.extract.confidence import Mentioned, fit, mentioned
from sayso.extract.quotes import find_quotes
from sayso.model import Quote
from sayso.settings import Settings
from sources import documents
from speakers import GOLD, covering, right_speaker

TABLE = Path(__file__).resolve().parent.parent / "src" / "sayso" / "data" / "confidence.json"
Observation = tuple[str, Mentioned, bool]


def _observed(quote: Quote, right: bool) -> Observation:
    return quote.evidence or "unknown", mentioned(quote.speaker), right


def polnear(limit: int | None) -> Iterator[Observation]:
    for text, golds in load("train", limit):
        for quote in find_quotes(text):
            right = judged(predicted(quote, text), golds)
            if right is not None:
                yield _observed(quote, right)


def speakers_dev() -> Iterator[Observation]:
    gold = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    gold = [g for g in gold if g["half"] == "dev"]
    pipeline = Pipeline(Settings())
    for line in sorted({g["line"] for g in gold}):
        quotes: list[Quote] = []
        for doc in documents("ukraine_5country", line):
            for quote in pipeline(doc).quotes:
                quote.start += doc.start
                quote.end += doc.start
                quotes.append(quote)
        for g in (g for g in gold if g["line"] == line):
            covered = covering(quotes, g["start"], g["end"])
            if covered is not None:
                yield _observed(covered, g["quote"] and right_speaker(covered, g["speaker"]))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=None, help="only N PolNeAR articles")
    args = parser.parse_args()
    observations = [*polnear(args.limit), *speakers_dev()]
    table = fit(observations)
    table["fitted_on"] = "PolNeAR train split and the speakers gold set's dev half"
    TABLE.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{table['quotes']} quotes, {table['overall']:.3f} right; written to {TABLE}")
    for key, (seen, right) in table["counts"].items():
        print(f"  {key:28}{seen:>6}{right:>6}  {table['cells'][key]:.3f}")


if __name__ == "__main__":
    main()
