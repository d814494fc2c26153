"""Speakers benchmark: who sayso says spoke the words in quotation marks, against the
speakers gold set (``bench/gold/speakers.jsonl``: 243 stretches between quotation marks in
30 articles of the Ukraine corpus from six countries' outlets, labelled by two annotators,
as ``bench/gold/README.md`` says), on its dev or test half.

Each article goes through the whole pipeline as ``sayso ingest`` reads it. A gold quote is
*found* when a quote sayso reports covers at least half of it; its speaker is *right* when
the name sayso gives (or, for an unnamed source, its description or mention) is the gold
speaker's, or shares its last word ("Zelensky" for "Volodymyr Zelensky"). Printed: found and
right over all gold quotes, and by how the gold says the speaker is mentioned at the cue
(``name``, ``pronoun``, ``description``, ``none``: a quote with no cue of its own); and how
many of the stretches that are not quotes (scare quotes, titles) sayso reports as quotes;
and a reliability table of ``confidence`` over the gold stretches a quote covers (right: a
quote with the right speaker; a stretch that is no quote counts as wrong).

    python bench/speakers.py [--half dev|test|all] [--misses K]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from attribution import reliability
from sayso.extract import Pipeline
from sayso.model import Quote
from sayso.names import fold, strip_titles
from sayso.settings import Settings
from sources import CORPORA, documents

GOLD = Path(__file__).resolve().parent / "gold" / "speakers.jsonl"
MENTIONS = ("name", "pronoun", "description", "none")


def covering(quotes: list[Quote], start: int, end: int) -> Quote | None:
    """The reported quote that covers most of the stretch, if it covers at least half."""
    best, most = None, 0
    for quote in quotes:
        shared = min(quote.end, end) - max(quote.start, start)
        if shared > most:
            best, most = quote, shared
    return best if most * 2 >= end - start else None


def _key(words: str | None) -> list[str]:
    return fold(strip_titles(words or "")).split()


def right_speaker(quote: Quote, gold: str | None) -> bool:
    if gold is None:
        return False
    wanted = _key(gold)
    said = [_key(w) for w in (quote.speaker.name, quote.speaker.descriptor, quote.speaker.mention)]
    return any(s and (s == wanted or s[-1:] == wanted[-1:]) for s in said if wanted)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--half", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--misses", type=int, default=0, help="print K wrong speakers")
    args = parser.parse_args()
    if not CORPORA.exists():
        raise SystemExit(f"corpora not found at {CORPORA}")
    gold = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    gold = [g for g in gold if args.half in {"all", g["half"]}]
    pipeline = Pipeline(Settings())
    quotes: dict[int, list[Quote]] = {}
    for line in sorted({g["line"] for g in gold}):
        quotes[line] = []
        for doc in documents("ukraine_5country", line):
            read = pipeline(doc).quotes
            for said in read:  # offsets into the record, as the gold's
                said.start += doc.start
                said.end += doc.start
            quotes[line] += read
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # gold, found, right
    false_quotes = 0
    misses = []
    judged: list[tuple[float, bool]] = []
    for g in gold:
        quote = covering(quotes[g["line"]], g["start"], g["end"])
        if not g["quote"]:
            false_quotes += quote is not None
            if quote is not None:
                judged.append((quote.confidence, False))
            continue
        right = quote is not None and right_speaker(quote, g["speaker"])
        if quote is not None:
            judged.append((quote.confidence, right))
        for kind in ("all", g["mention"]):
            counts[kind][0] += 1
            counts[kind][1] += quote is not None
            counts[kind][2] += right
        if quote is not None and not right:
            who = quote.speaker.name or quote.speaker.descriptor or quote.speaker.mention
            where = f"{g['line']} {g['unit']} ({g['mention']})"
            misses.append(f"{where}: {g['speaker']!r}, said {who!r}")
    not_quotes = sum(1 for g in gold if not g["quote"])
    print(
        f"speakers, {args.half} half: {counts['all'][0]} quotes and {not_quotes} stretches that"
        f" are not quotes, in {len(quotes)} articles"
    )
    print(f"{'mention':14}{'gold':>6}{'found':>8}{'right':>8}{'right/found':>13}{'right/gold':>12}")
    for kind in ("all", *MENTIONS):
        n, covered, correct = counts[kind]
        print(
            f"{kind:14}{n:>6}{covered:>8}{correct:>8}{correct / max(covered, 1):>13.3f}"
            f"{correct / max(n, 1):>12.3f}"
        )
    print(f"not quotes reported as quotes: {false_quotes} of {not_quotes}")
    print("reliability of confidence:")
    print("\n".join(reliability(judged)))
    for miss in misses[: args.misses]:
        print("   ", miss)


if __name__ == "__main__":
    main()
