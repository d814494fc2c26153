"""Web app benchmark: how long each page takes on a large corpus (the target is under 1 s).

Run it on a database of the three corpora, ingested once (about 40 minutes on 2 cores):

    sayso ingest --db corpora.db ../shared/data/corpora
    python bench/web.py --db corpora.db

Each page is requested a few times through the app in-process (no network); the slowest time
is the one reported.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from pathlib import Path

from fastapi.testclient import TestClient

from sayso.present.web import create_app
from sayso.store import Store


def pages(db: str) -> list[str]:
    """A sample of every kind of page, on the corpus's biggest document and actor."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        (biggest,) = conn.execute(  # the longest document: the slowest reader page
            "SELECT id FROM documents ORDER BY length(text) DESC LIMIT 1"
        ).fetchone()
        (most_named,) = conn.execute(
            "SELECT actor_id FROM mentions GROUP BY actor_id ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    return [
        "/",
        "/?page=20",
        "/?q=ceasefire",
        "/?genre=transcript",
        f"/documents/{biggest}",
        "/actors",
        "/actors?q=Zelensk",
        f"/actors/{most_named}",
        "/actors/Q7747",
        "/figures",
        "/figures?order=value&desc=true&page=5",
        "/timeline",
        "/timeline?actor=Putin",
        "/positions",
        "/profiles",
        "/profiles?by=document",
        "/api/positions?actor=Lavrov",
        "/api/documents",
        f"/api/documents/{biggest}",
        "/api/actors",
        "/api/timeline?actor=Kyiv",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default="corpora.db")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not Path(args.db).exists():
        raise SystemExit(f"{args.db} not found; see the instructions at the top of this script")
    app = create_app(args.db)
    client = TestClient(app)
    started = time.perf_counter()
    if not app.state.warm.wait(timeout=600):  # pages are timed once the caches are warm
        raise SystemExit("the web app did not warm up in 10 minutes")
    print(f"positions and profiles read once in {time.perf_counter() - started:.1f} s (cached)")
    with Store(args.db, create=False) as store:
        print(f"{store.count()} documents in {args.db}")
    slowest_page = 0.0
    for path in pages(args.db):
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            response = client.get(path)
            times.append(time.perf_counter() - started)
            response.raise_for_status()
        slowest_page = max(slowest_page, max(times))
        print(f"  {max(times) * 1000:7.0f} ms  {len(response.content) / 1000:8.0f} kB  {path}")
    print(f"slowest page: {slowest_page * 1000:.0f} ms")


if __name__ == "__main__":
    main()
