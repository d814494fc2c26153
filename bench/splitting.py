"""Splitting benchmark: how well sayso finds the pieces pasted into one text with no separators.

Builds synthetic dumps from the articles under ../shared/data/corpora: each dump holds 1 to 6
random articles from the three corpora (BBC news, Ukraine-war coverage from five countries,
White House briefings), each rendered with or without a title line, a byline and a date line,
and pasted with single line breaks (like examples/dossier.txt) or blank lines between
paragraphs. Articles are split by a hash of their text into a development half (for tuning)
and a test half (for reporting).

Prints boundary precision, recall and F1 (a boundary counts if it starts at the exact
paragraph), Pk and WindowDiff over words (lower is better), the share of dumps cut into exactly
the right number of pieces, and the splitter's throughput; then checks the example dossier.

    python bench/splitting.py [--half test|dev] [--dumps 400] [--seed 1]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path

from sayso.ingest import split_text

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "data" / "corpora"
# Two kinds of dump: articles on any subject, and the harder case sayso is for, coverage of one
# war (Ukraine-war articles and White House briefings, which all mention Ukraine). The numbers
# say how often each corpus supplies an article.
SCENARIOS = {
    "mixed": {"bbc_news": 0.4, "ukraine_5country": 0.45, "whitehouse_briefings": 0.15},
    "one-topic": {"ukraine_5country": 0.85, "whitehouse_briefings": 0.15},
}
CORPUS_NAMES = ("bbc_news", "ukraine_5country", "whitehouse_briefings")
# Invented bylines: none of these names is in the corpora.
FIRST_NAMES = [
    "Anna",
    "Marek",
    "Olena",
    "David",
    "Sophie",
    "James",
    "Iryna",
    "Tomás",
    "Lena",
    "Paul",
]
LAST_NAMES = ["Kowalczyk", "Hartley", "Moreno", "Bondarenko", "Fischer", "Okafor", "Lindqvist"]
DATE_FORMATS = ["%m/%d/%y", "%B %d, %Y", "%d %B %Y", "%b. %d, %Y", "%Y-%m-%d"]


@dataclass
class Article:
    corpus: str
    outlet: str
    date: str | None
    title: str
    paragraphs: list[str]


def load(half: str) -> dict[str, list[Article]]:
    """Articles of each corpus in the requested half (by a hash of their text)."""
    articles: dict[str, list[Article]] = {}
    for corpus in CORPUS_NAMES:
        rows = []
        for line in (CORPORA / corpus / "articles.jsonl").open(encoding="utf-8"):
            record = json.loads(line)
            text = record["text"].strip()
            digit = int(hashlib.sha256(text.encode()).hexdigest(), 16) % 2
            if ("dev", "test")[digit] != half:
                continue
            paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
            outlet = record["outlet"]
            sites = re.search(r"\(([^)]*)\)", outlet)
            if sites and "." in sites.group(1):
                outlet = sites.group(1).split("|")[0].split(";")[0]
            rows.append(
                Article(corpus, outlet, record.get("date"), record.get("title") or "", paragraphs)
            )
        articles[corpus] = rows
    return articles


def render(article: Article, rng: random.Random, one_line: bool) -> list[str]:
    """An article's paragraphs as pasted: perhaps a title, a byline or a date line first."""
    lines = []
    if article.title and rng.random() < 0.5:
        lines.append(article.title)
    date = None
    if article.date and rng.random() < 0.6:
        date = time.strftime(rng.choice(DATE_FORMATS), time.strptime(article.date[:10], "%Y-%m-%d"))
    if article.corpus != "whitehouse_briefings" and rng.random() < 0.5:
        names = [
            f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}" for _ in range(rng.randint(1, 2))
        ]
        parts = [" and ".join(names)]
        if rng.random() < 0.6:
            parts.append(article.outlet)
        if date and rng.random() < 0.7:
            parts.append(date)
            date = None
        lines.append("By " + ", ".join(parts))
    if date and rng.random() < 0.5:
        lines.append(rng.choice(["Published ", "Updated: ", ""]) + date)
    body = [re.sub(r"\s*\n\s*", " ", p) if one_line else p for p in article.paragraphs]
    return lines + body


def make_dump(
    articles: dict[str, list[Article]], mix: dict[str, float], rng: random.Random
) -> tuple[str, list[int]]:
    """A dump and the offsets at which its pieces start."""
    one_line = rng.random() < 0.5
    separator = "\n" if one_line else "\n\n"
    corpora = list(mix)
    weights = list(mix.values())
    text = ""
    starts = []
    for _ in range(rng.randint(1, 6)):
        corpus = rng.choices(corpora, weights)[0]
        article = rng.choice(articles[corpus])
        if text:
            text += separator
        starts.append(len(text))
        text += separator.join(render(article, rng, one_line))
    return text, starts


def pk_windowdiff(text: str, gold: list[int], found: list[int]) -> tuple[float, float]:
    """Pk and WindowDiff over words, with k half the mean length of a gold piece."""
    positions = [m.start() for m in re.finditer(r"\S+", text)]
    if len(positions) < 2:
        return 0.0, 0.0

    def segment_of(starts: list[int]) -> list[int]:
        ids, current, cut = [], -1, 0
        for position in positions:
            while cut < len(starts) and starts[cut] <= position:
                current, cut = current + 1, cut + 1
            ids.append(current)
        return ids

    gold_ids, found_ids = segment_of(gold), segment_of(found)
    k = max(2, round(len(positions) / max(len(gold), 1) / 2))
    k = min(k, len(positions) - 1)
    pk = wd = 0
    windows = len(positions) - k
    for i in range(windows):
        same_gold = gold_ids[i] == gold_ids[i + k]
        same_found = found_ids[i] == found_ids[i + k]
        pk += same_gold != same_found
        wd += (gold_ids[i + k] - gold_ids[i]) != (found_ids[i + k] - found_ids[i])
    return pk / windows, wd / windows


def evaluate(
    articles: dict[str, list[Article]], mix: dict[str, float], dumps: int, seed: int
) -> dict[str, float]:
    rng = random.Random(seed)
    true_positives = found_total = gold_total = exact = 0
    pks, wds = [], []
    chars = 0
    seconds = 0.0
    for _ in range(dumps):
        text, gold = make_dump(articles, mix, rng)
        started = time.perf_counter()
        found = [segment.start for segment in split_text(text)]
        seconds += time.perf_counter() - started
        chars += len(text)
        gold_boundaries, found_boundaries = set(gold[1:]), set(found[1:])
        true_positives += len(gold_boundaries & found_boundaries)
        found_total += len(found_boundaries)
        gold_total += len(gold_boundaries)
        exact += len(found) == len(gold)
        pk, wd = pk_windowdiff(text, gold, found)
        pks.append(pk)
        wds.append(wd)
    precision = true_positives / found_total if found_total else 1.0
    recall = true_positives / gold_total if gold_total else 1.0
    return {
        "dumps": dumps,
        "boundaries": gold_total,
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "pk": sum(pks) / len(pks),
        "windowdiff": sum(wds) / len(wds),
        "exact_count": exact / dumps,
        "mb_per_s": chars / 1e6 / seconds if seconds else 0.0,
    }


def dossier_pieces() -> list[str]:
    text = (ROOT / "examples" / "dossier.txt").read_text(encoding="utf-8")
    return [" ".join(text[s.start : s.end].split()[:8]) for s in split_text(text)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--half", choices=["dev", "test"], default="test")
    parser.add_argument("--dumps", type=int, default=400)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not CORPORA.exists():
        raise SystemExit(f"corpora not found at {CORPORA}")
    articles = load(args.half)
    print(
        f"Splitting synthetic dumps, {args.half} half of the corpora, {args.dumps} dumps a scenario"
    )
    print(
        f"{'scenario':10} {'bounds':>6}"
        + "".join(f" {name:>6}" for name in ("P", "R", "F1", "Pk", "WD", "exact", "MB/s"))
    )
    for name, mix in SCENARIOS.items():
        s = evaluate(articles, mix, args.dumps, args.seed)
        print(
            f"{name:10} {s['boundaries']:6d} {s['precision']:6.3f} {s['recall']:6.3f}"
            f" {s['f1']:6.3f}"
            f" {s['pk']:6.3f} {s['windowdiff']:6.3f} {s['exact_count']:6.1%} {s['mb_per_s']:6.2f}"
        )
    print("(P, R, F1: boundaries at the exact paragraph; Pk and WindowDiff over words, lower is")
    print(" better; exact: dumps cut into the right number of pieces)")
    pieces = dossier_pieces()
    print(f"examples/dossier.txt: {len(pieces)} pieces")
    for piece in pieces:
        print(f"  - {piece} …")


if __name__ == "__main__":
    main()
