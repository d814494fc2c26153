"""Web app benchmark: ``sayso serve`` on a large corpus, timed page by page and then under
load from many clients at once (the targets: every page under 1 s, no errors under load).

Run it on a database of the three corpora, ingested once (about 10 minutes on 2 cores):

    sayso ingest --db corpora.db ../shared/data/corpora
    python bench/web.py --db corpora.db [--requests 2000] [--clients 20] [--workers 2]

The server is started as a user starts it (``sayso serve --workers 2``), in a process of its
own, and the benchmark waits until each of its processes has computed what its pages read
from the whole database. Then:

1. **pages**: each kind of page and API route, requested a few times one after the other;
   the slowest time of each is printed;
2. **search**: full-text searches of many prefix terms (``a* a* …``), which FTS5 expands to
   every word they begin: each must answer, or be stopped, within about 2 s;
3. **load**: ``--requests`` requests from ``--clients`` clients at once, each a thread with a
   connection it keeps open, over every page and API route (documents, actors and pages drawn
   at random); the answers by status, the errors (refused or reset connections, timeouts),
   the latency percentiles, and the server's peak memory;
4. **report**: ``sayso report`` of the same database: how long it takes to write, its size,
   and how long Chromium takes to open it (to its load event; the target: under 1.5 s), where
   Playwright and Chromium are installed.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import httpx

REPEAT = 3
PARTIES = ["Russia", "Ukraine", "United States"]  # whose positions the load run asks for
ISSUES = ["negotiations", "military_aid", "sanctions"]
CLIENT_TIMEOUT_S = 30.0


def fixed_pages(db: str) -> list[str]:
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
        "/actors?page=1000",
        "/quotes",
        "/quotes?q=negotiations&speaker_type=anonymous",
        '/quotes?q="peace+talks"&since=2022-02&until=2022-12&page=1000',
        f"/actors/{most_named}",
        "/actors/Q7747",
        "/figures",
        "/figures?order=value&desc=true&page=5",
        "/timeline",
        "/timeline?actor=Putin",
        "/timeline?order=newest",
        "/timeline?since=2022-02&until=2022-03&page=1000",
        "/?q=Ukraine&page=1000",
        "/positions",
        "/positions?by=actor&sort=statements",
        "/positions/party/Russia/negotiations",
        "/forecast",
        "/api/forecast?issue=negotiations",
        "/profiles",
        "/profiles?by=document",
        "/claims",
        "/claims?relation=contradicts&page=2",
        "/api/status",
        "/api/positions?by=actor&name=Lavrov",
        "/api/documents",
        f"/api/documents/{biggest}",
        "/api/actors",
        f"/api/actors/{most_named}",
        "/api/figures?order=value",
        "/api/timeline?actor=Kyiv",
        "/api/quotes?q=sanctions&per_page=500",
        "/api/quotes?q=sanctions&download=csv",
        "/figures?unit=USD&order=value&desc=true",
        "/api/profiles",
        "/api/claims?relation=contradicts",
    ]


def random_pages(db: str, rng: random.Random) -> list[str]:
    """Every route with arguments drawn from the corpus: documents, actors, pages, words."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        documents = [row[0] for row in conn.execute("SELECT id FROM documents")]
        named = [
            row[0]
            for row in conn.execute(
                "SELECT actor_id FROM mentions GROUP BY actor_id ORDER BY count(*) DESC LIMIT 300"
            )
        ]
        outlets = [row[0] for row in conn.execute("SELECT DISTINCT outlet FROM documents")]
    words = ["ceasefire", "Kyiv", "sanctions", "NATO", "talks", "grain", "Bakhmut", "election"]
    pages = len(documents) // 50 + 1
    draws: list[Callable[[], str]] = [
        lambda: "/",
        lambda: f"/?page={rng.randint(1, pages)}",
        lambda: f"/?q={rng.choice(words)}",
        lambda: f"/?outlet={rng.choice(outlets) or ''}",
        lambda: f"/documents/{rng.choice(documents)}",
        lambda: f"/api/documents/{rng.choice(documents)}",
        lambda: "/actors",
        lambda: f"/actors?q={rng.choice(words)}",
        lambda: f"/actors/{rng.choice(named)}",
        lambda: f"/api/actors/{rng.choice(named)}",
        lambda: f"/figures?page={rng.randint(1, 20)}",
        lambda: "/figures?order=value&desc=true",
        lambda: "/timeline",
        lambda: f"/timeline?actor={rng.choice(words)}",
        lambda: f"/timeline?order=newest&page={rng.randint(1, 20)}",
        lambda: f"/quotes?q={rng.choice(words)}",
        lambda: f"/quotes?speaker={rng.choice(words)}&page={rng.randint(1, 3)}",
        lambda: "/positions",
        lambda: f"/positions?by=actor&sort={rng.choice(['name', 'statements', 'sanctions'])}",
        lambda: f"/positions/party/{rng.choice(PARTIES)}/{rng.choice(ISSUES)}",
        lambda: "/forecast",
        lambda: f"/api/forecast?issue={rng.choice(ISSUES)}",
        lambda: "/profiles",
        lambda: "/profiles?by=document",
        lambda: f"/claims?page={rng.randint(1, 20)}",
        lambda: f"/claims?q={rng.choice(words)}",
        lambda: "/api/status",
        lambda: "/api/positions",
        lambda: f"/api/documents?page={rng.randint(1, pages)}",
        lambda: "/api/actors",
        lambda: "/api/figures",
        lambda: "/api/timeline",
        lambda: "/api/profiles",
        lambda: "/api/claims?relation=contradicts",
    ]
    return [rng.choice(draws)() for _ in range(100_000)]


def start(db: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    """``sayso serve`` in a process of its own, once each of its ``workers`` is ready."""
    sayso = Path(sys.executable).with_name("sayso")
    command = [str(sayso), "serve", "--db", db, "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    ready: set[int] = set()
    with httpx.Client(base_url=base, timeout=5) as client:
        while time.perf_counter() - started < 900:
            if server.poll() is not None:
                assert server.stderr is not None
                raise SystemExit(f"sayso serve stopped: {server.stderr.read().decode()}")
            try:
                status = client.get("/api/status", headers={"Connection": "close"}).json()
            except httpx.HTTPError:
                time.sleep(1)
                continue
            if status["ready"]:
                ready.add(status["process"])
            if len(ready) >= workers:
                print(f"server ready in {time.perf_counter() - started:.0f} s")
                return server
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server was not ready in 15 minutes")


def processes(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    below: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        below.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += below.get(current, [])
    return found


def peak_memory(pid: int) -> str:
    """The peak and present resident memory of the server, all its processes together."""
    peak = now = 0.0
    for process in processes(pid):
        try:
            text = Path(f"/proc/{process}/status").read_text()
        except OSError:
            continue
        status = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        peak += int(status["VmHWM"].split()[0]) / 1024
        now += int(status["VmRSS"].split()[0]) / 1024
    return f"{peak:.0f} MB peak (all processes), now {now:.0f} MB"


def time_pages(base: str, pages: list[str]) -> None:
    print("pages (slowest of each, one client):")
    slowest = 0.0
    with httpx.Client(base_url=base, timeout=CLIENT_TIMEOUT_S) as client:
        for path in pages:
            times, size, status = [], 0, 0
            for _ in range(REPEAT):
                started = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - started)
                size, status = len(response.content), response.status_code
            slowest = max(slowest, max(times))
            print(f"  {max(times) * 1000:7.0f} ms  {size / 1000:8.0f} kB  {status}  {path}")
    print(f"  slowest page: {slowest * 1000:.0f} ms")


def time_searches(base: str) -> None:
    print("prefix-heavy searches:")
    with httpx.Client(base_url=base, timeout=CLIENT_TIMEOUT_S) as client:
        for terms in (3, 4, 12, 30):
            for term in ("a*", "th*"):
                started = time.perf_counter()
                response = client.get("/", params={"q": " ".join([term] * terms)})
                seconds = time.perf_counter() - started
                print(f"  {seconds * 1000:7.0f} ms  {response.status_code}  {terms} x {term}")


def load(base: str, paths: list[str], requests: int, clients: int) -> None:
    statuses: Counter[str] = Counter()
    latencies: list[float] = []
    slowest: list[tuple[float, str, str]] = []
    lock = threading.Lock()
    queue = iter(paths[:requests])

    def client() -> None:
        with httpx.Client(base_url=base, timeout=CLIENT_TIMEOUT_S) as session:
            while True:
                with lock:
                    path = next(queue, None)
                if path is None:
                    return
                started = time.perf_counter()
                try:
                    status = str(session.get(path).status_code)
                except httpx.HTTPError as error:
                    status = type(error).__name__
                with lock:
                    seconds = time.perf_counter() - started
                    latencies.append(seconds)
                    statuses[status] += 1
                    slowest.append((seconds, status, path))

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    latencies.sort()
    quantiles = statistics.quantiles(latencies, n=100)
    errors = sum(n for status, n in statuses.items() if status != "200")
    print(f"load: {len(latencies)} requests from {clients} clients in {seconds:.0f} s")
    print(f"  answers: {dict(sorted(statuses.items()))}; errors: {errors}")
    print(
        f"  latency: p50 {quantiles[49] * 1000:.0f} ms, p95 {quantiles[94] * 1000:.0f} ms,"
        f" p99 {quantiles[98] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
    )
    slowest.sort(reverse=True)
    failed = [(s, status, path) for s, status, path in slowest if status != "200"]
    for seconds, status, path in (failed + [x for x in slowest if x[1] == "200"])[:8]:
        print(f"    {seconds * 1000:6.0f} ms  {status}  {path}")


def time_report(db: str) -> None:
    """Write the report of ``db`` and open it in Chromium, twice; the slower opening counts."""
    path = Path(db).with_suffix(".report.html")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "sayso", "report", "--db", db, "--output", str(path)],
        check=True,
        capture_output=True,
    )
    written = time.perf_counter() - started
    print(f"report: written in {written:.1f} s, {path.stat().st_size / 1e6:.1f} MB")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("report: Playwright is not installed; not opened")
        return
    with sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
        )
        page = browser.new_page()
        times = []
        for _ in range(2):
            started = time.perf_counter()
            page.goto(path.resolve().as_uri(), wait_until="load", timeout=120_000)
            times.append(time.perf_counter() - started)
        browser.close()
    print(f"report: opened in Chromium in {max(times):.2f} s (slower of two)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", default="corpora.db")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--workers", type=int, default=2, help="sayso serve --workers")
    args = parser.parse_args()
    if not Path(args.db).exists():
        raise SystemExit(f"{args.db} not found; see the instructions at the top of this script")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = start(args.db, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    try:
        print(f"server memory when ready: {peak_memory(server.pid)}")
        time_pages(base, fixed_pages(args.db))
        time_searches(base)
        load(base, random_pages(args.db, random.Random(args.seed)), args.requests, args.clients)
        print(f"server memory: {peak_memory(server.pid)}")
        open_files = sum(len(os.listdir(f"/proc/{p}/fd")) for p in processes(server.pid))
        print(f"server's open files after the load (all processes): {open_files}")
    finally:
        server.terminate()
        started = time.perf_counter()
        server.wait(timeout=30)
        print(f"server stopped {time.perf_counter() - started:.1f} s after SIGTERM")
    time_report(args.db)


if __name__ == "__main__":
    main()
