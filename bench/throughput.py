"""Throughput benchmark: how fast sayso ingests a news archive, against plain spaCy parsing.

Each configuration runs as its own process over the BBC News corpus (2,225 articles, one JSON
Lines file), timed from start to exit (model loading, reading and, for sayso, writing a fresh
SQLite database included), with the resident memory of its whole process tree (workers
included) sampled every 0.1 s:

- **spaCy nlp.pipe**: the baseline; spaCy's own batched parse with the same model, nothing else;
- **sayso, 1 worker** and **2 workers**: ``sayso ingest --workers N``, all seven stages;
- **sayso, Ray**: ``sayso ingest --engine ray --workers 2`` on a local Ray (skipped when ray is
  not installed);
- **memory, a quarter of the corpus**: ``sayso ingest --workers 1`` on the first quarter, to show
  whether peak memory grows with the corpus (it follows the longest article, which is printed:
  the parse of one long text is the largest thing held at once).

Printed: articles/s, words/s and peak memory for each, and the ratios the README quotes
(sayso 1 worker against the baseline; 2 workers against 1).

With ``--twice CORPUS``, the corpus is also ingested twice into one database, and the second run
must add nothing while the first lost nothing: the counts of documents, versions and occurrences
are printed and checked (the README uses the White House briefings).

    python bench/throughput.py [--limit N] [--skip-ray] [--twice ../shared/data/corpora/...]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

from sayso.errors import InputError
from sayso.ingest import cut, read
from sayso.settings import Settings

BBC = Path(__file__).resolve().parent.parent.parent / "shared/data/corpora/bbc_news/articles.jsonl"

BASELINE = """
import json, sys, spacy
from sayso.nlp import MODEL
nlp = spacy.load(MODEL)
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
for _ in nlp.pipe(texts):
    pass
"""


@dataclass(frozen=True)
class Run:
    name: str
    seconds: float
    peak_mb: float


def measure(name: str, command: list[str]) -> Run:
    """Run ``command`` to its end; its wall time and the peak memory of its process tree."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=log)
        peak = 0
        while process.poll() is None:
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.NoSuchProcess:  # a process ended while being read
                continue
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        if process.returncode not in (0, 1):  # 1: some input had errors, reported and skipped
            log.seek(0)
            stderr = log.read()[-2000:].decode(errors="replace")
            raise SystemExit(f"{name} failed ({process.returncode}): {stderr}")
    return Run(name, seconds, peak / 1e6)


def sayso_ingest(corpus: Path, db: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "sayso", "ingest", "-q", "--db", str(db), *options, str(corpus)]


def first_lines(source: Path, count: int, folder: Path) -> Path:
    target = folder / f"first{count}.jsonl"
    with source.open(encoding="utf-8") as lines, target.open("w", encoding="utf-8") as out:
        for number, line in enumerate(lines):
            if number == count:
                break
            out.write(line)
    return target


def sizes(corpus: Path) -> tuple[int, int, int]:
    """Articles, words, and the characters of the longest article: what peak memory follows."""
    articles = total = longest = 0
    with corpus.open(encoding="utf-8") as lines:
        for line in lines:
            text = json.loads(line)["text"]
            articles += 1
            total += len(text.split())
            longest = max(longest, len(text))
    return articles, total, longest


def twice(corpus: Path, folder: Path) -> None:
    """Ingest ``corpus`` twice into one database; the second run must add nothing."""
    settings = Settings()
    expected = {
        doc.id
        for source in read([str(corpus)], settings)
        if not isinstance(source, InputError)
        for doc in cut(source, settings)
    }
    db = folder / "twice.db"
    counts = []
    for run in (1, 2):
        result = measure(f"run {run}", sayso_ingest(corpus, db))
        with sqlite3.connect(db) as conn:
            stored = {row[0] for row in conn.execute("SELECT id FROM documents")}
            versions, occurrences = conn.execute(
                "SELECT (SELECT count(*) FROM files), (SELECT count(*) FROM occurrences)"
            ).fetchone()
        counts.append((len(stored), versions, occurrences))
        print(
            f"  run {run}: {result.seconds:7.1f} s  {len(stored):,} documents,"
            f" {versions} version(s), {occurrences:,} occurrences;"
            f" lost {len(expected - stored)}, unexpected {len(stored - expected)}"
        )
    ok = counts[0] == counts[1] and counts[0][0] == len(expected)
    print(
        f"  {'OK' if ok else 'FAILED'}: {len(expected):,} documents expected, no duplicate, no loss"
    )
    if not ok:
        raise SystemExit(1)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--skip-ray", action="store_true")
    parser.add_argument("--twice", type=Path, help="a corpus to ingest twice into one database")
    args = parser.parse_args()
    if not args.corpus.exists():
        raise SystemExit(f"{args.corpus}: not found (the corpora are in ../shared/data)")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = first_lines(args.corpus, args.limit, folder) if args.limit else args.corpus
        articles, total_words, longest = sizes(corpus)
        quarter = first_lines(corpus, articles // 4, folder)
        print(f"{corpus.name}: {articles:,} articles, {total_words:,} words")
        runs = [
            measure("spaCy nlp.pipe", [sys.executable, "-c", BASELINE, str(corpus)]),
            measure("sayso, 1 worker", sayso_ingest(corpus, folder / "w1.db", "--workers", "1")),
            measure("sayso, 2 workers", sayso_ingest(corpus, folder / "w2.db", "--workers", "2")),
        ]
        if not args.skip_ray and importlib.util.find_spec("ray"):
            ray = sayso_ingest(corpus, folder / "ray.db", "--engine", "ray", "--workers", "2")
            runs.append(measure("sayso, Ray, 2 workers", ray))
        print(
            f"\n{'configuration':<24}{'articles/s':>12}{'words/s':>10}{'seconds':>9}{'peak MB':>9}"
        )
        for run in runs:
            print(
                f"{run.name:<24}{articles / run.seconds:>12.1f}{total_words / run.seconds:>10,.0f}"
                f"{run.seconds:>9.1f}{run.peak_mb:>9.0f}"
            )
        baseline, one, two = runs[:3]
        print(f"\nsayso 1 worker / spaCy nlp.pipe: {baseline.seconds / one.seconds:.2f}x")
        print(f"sayso 2 workers / 1 worker:      {one.seconds / two.seconds:.2f}x")
        small = measure("a quarter", sayso_ingest(quarter, folder / "q.db", "--workers", "1"))
        print(
            f"peak memory, 1 worker: {small.peak_mb:.0f} MB on {articles // 4:,} articles"
            f" (the longest {sizes(quarter)[2]:,} characters), {one.peak_mb:.0f} MB on"
            f" {articles:,} (the longest {longest:,})"
        )
        if args.twice:
            print(f"\n{args.twice} ingested twice into one database:")
            twice(args.twice, folder)


if __name__ == "__main__":
    main()
