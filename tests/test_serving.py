"""The web app as a server: many clients at once on every route, on both databases; the
guard in front of it (host, origin, body size, the upload token, security headers); uploads
at once; queries and results that take too long; stopping."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from fastapi import FastAPI

from sayso import Settings, Store, ingest
from sayso.errors import StoreError
from sayso.present.computed import Background, Computed, NotReady
from sayso.present.web import create_app
from sayso.store.pool import StorePool

if TYPE_CHECKING:
    from conftest import Serve, WebClient

ROOT = Path(__file__).resolve().parent.parent
DOSSIER = ROOT / "examples" / "dossier.txt"
RECORDS = [
    {
        "title": "Losses at Avdiivka",
        "outlet": "Wire",
        "date": "2023-11-03",
        "text": "Russia has lost 300 tanks near Avdiivka since October, Ukrainian officials "
        "said. “The talks in Geneva may resume next week,” said Dmitry Peskov.",
    },
    {
        "title": "Tanks",
        "outlet": "Courier",
        "date": "2023-11-04",
        "text": "Russia has lost 40 tanks near Avdiivka since October, the defence ministry "
        "said. The talks in Geneva will not resume next week, diplomats said.",
    },
]


def _corpus(database: str, folder: Path) -> str:
    records = folder / "records.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    with Store(database) as store:
        assert all(not r.errors for r in ingest([str(DOSSIER), str(records)], store, Settings()))
    return database


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("served")
    return _corpus(str(folder / "s.db"), folder)


def _routes(client: httpx.Client) -> list[str]:
    """Every page and API route, with arguments taken from the corpus."""
    documents = client.get("/api/documents").json()["documents"]
    actor = client.get("/api/actors").json()["actors"][0]["id"]
    position = client.get("/api/positions").json()[0]
    return [
        "/",
        "/?page=1&genre=report",
        "/?q=stalemate",
        "/?q=negotiat*",
        f"/documents/{documents[0]['id']}",
        "/actors",
        "/actors?q=Putin",
        f"/actors/{actor}",
        "/figures",
        "/figures?order=value&desc=true",
        "/timeline",
        "/timeline?actor=Lavrov",
        "/timeline?order=newest&since=2022&per_page=10&page=2",
        "/quotes",
        "/docs",
        "/quotes?q=negotiations&speaker_type=person&since=2023",
        "/positions",
        "/positions?by=actor&sort=statements",
        f"/positions/party/{position['key']}/{position['issue']}",
        "/profiles",
        "/profiles?by=document",
        "/claims",
        "/claims?relation=contradicts",
        "/api/status",
        "/api/documents?q=tanks",
        f"/api/documents/{documents[-1]['id']}",
        "/api/actors?q=Kyiv",
        f"/api/actors/{actor}",
        "/api/figures",
        "/api/positions?by=actor&name=Lavrov",
        "/api/timeline",
        "/api/quotes?q=%22peace+talks%22&speaker=Putin",
        "/api/profiles?by=document",
        "/api/claims?page=1",
        "/static/sayso.css",
        "/openapi.json",
    ]


def _open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="counts open files in /proc")
def test_many_clients_at_once_on_every_route(database: str, tmp_path: Path, serve: Serve) -> None:
    """20 clients, each with a connection it keeps open, ask for every route in their own
    order: every answer is right, and no connection or file is left open."""
    app = create_app(_corpus(database, tmp_path))
    assert app.state.served.warm.wait(60)
    with serve(app) as address:
        with httpx.Client(base_url=address, timeout=30) as client:
            routes = _routes(client)
            expected = {path: client.get(path).content for path in routes}
        before = _open_files()
        answers: Counter[str] = Counter()
        counting = threading.Lock()  # ``+= 1`` on a Counter is no atomic step across threads
        wrong: list[str] = []

        def client_run(seed: int) -> None:
            order = random.Random(seed).sample(routes, len(routes))
            with httpx.Client(base_url=address, timeout=30) as client:
                for _ in range(2):
                    for path in order:
                        try:
                            response = client.get(path)
                        except httpx.HTTPError as error:  # a reset or refused connection
                            with counting:
                                answers[type(error).__name__] += 1
                            continue
                        with counting:
                            answers[str(response.status_code)] += 1
                        if response.content != expected[path]:
                            wrong.append(path)

        threads = [threading.Thread(target=client_run, args=(n,)) for n in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert answers == {"200": 20 * 2 * len(routes)}
        assert not wrong
        # the pool's connections stay open; nothing else does
        assert _open_files() <= before + 3 * 8


def test_the_host_must_be_one_the_app_serves(db_path: str, web_client: WebClient) -> None:
    client = web_client(create_app(db_path))
    assert client.get("/").status_code == 200
    for host in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert client.get("/api/status", headers={"Host": host}).status_code == 200, host
    rebound = client.get("/api/documents", headers={"Host": "evil.example:8000"})
    assert rebound.status_code == 400 and "--allowed-host" in rebound.json()["detail"]
    allowed = web_client(create_app(db_path, hosts={"sayso.lan"}))
    assert allowed.get("/", headers={"Host": "sayso.lan"}).status_code == 200
    assert allowed.get("/", headers={"Host": "127.0.0.1"}).status_code == 400


def test_every_answer_carries_the_security_headers(db_path: str, web_client: WebClient) -> None:
    client = web_client(create_app(db_path))
    for path in ("/", "/api/documents", "/documents/ffff", "/static/reader.js"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY", path
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        assert "script-src 'self'" in headers["content-security-policy"], path
    refused = client.get("/", headers={"Host": "evil.example"})
    assert refused.headers["x-content-type-options"] == "nosniff"


def test_an_unknown_page_is_a_page_and_an_unknown_api_item_json(
    db_path: str, web_client: WebClient
) -> None:
    client = web_client(create_app(db_path))
    page = client.get("/documents/ffffffffffff")
    assert page.status_code == 404 and "<h1>Not found" in page.text
    assert client.get("/api/documents/ffffffffffff").json()["detail"].startswith("no document")


def test_requests_from_another_sites_pages_are_refused(
    db_path: str, tmp_path: Path, web_client: WebClient
) -> None:
    client = web_client(_uploading(db_path, tmp_path))
    base = "http://127.0.0.1"
    cross = client.post("/login", data={"token": "let-me-in"}, headers={"Origin": "http://evil"})
    assert cross.status_code == 403
    fetched = client.post(
        "/login", data={"token": "let-me-in"}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert fetched.status_code == 403
    same = client.post("/login", data={"token": "let-me-in"}, headers={"Origin": base})
    assert same.status_code == 200 and 'type="file"' in same.text


def _uploading(db_path: str, tmp_path: Path, max_upload: int | None = None) -> FastAPI:
    copy = tmp_path / "copy.db"
    copy.write_bytes(Path(db_path).read_bytes())
    return create_app(str(copy), allow_ingest=True, token="let-me-in", max_upload=max_upload)


def _raw_request(address: str, head: str) -> tuple[str, float]:
    """Send only a request's head (no body) and read the answer's status line."""
    host, port = address.removeprefix("http://").split(":")
    started = time.monotonic()
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head.encode())
        answer = sock.recv(4096).decode("latin-1")
    return answer.split("\r\n", 1)[0], time.monotonic() - started


def test_a_large_or_unauthorised_upload_is_refused_before_its_body_is_read(
    db_path: str, tmp_path: Path, serve: Serve
) -> None:
    app = _uploading(db_path, tmp_path, max_upload=1_000_000)
    with serve(app) as address:
        host = address.removeprefix("http://")
        gibibyte = (
            f"POST /upload HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer let-me-in\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 1073741824\r\n\r\n"
        )
        status, seconds = _raw_request(address, gibibyte)
        assert " 413 " in status and seconds < 5
        guessed = gibibyte.replace("let-me-in", "guess").replace("1073741824", "1000")
        status, seconds = _raw_request(address, guessed)
        assert " 403 " in status and seconds < 5  # the token, before a byte of the body
        chunked = gibibyte.replace("Content-Length: 1073741824", "Transfer-Encoding: chunked")
        status, _ = _raw_request(address, chunked)
        assert " 411 " in status
    assert not (tmp_path / "sayso-uploads").exists()


def test_uploads_at_once_of_one_name_are_each_kept_and_stored(
    db_path: str, tmp_path: Path, serve: Serve
) -> None:
    """Twelve uploads of "note.txt" at once, each with other words: each is stored, and each
    kept in a file of its own that no later upload overwrites."""
    app = _uploading(db_path, tmp_path)
    texts = [
        f"Officials said the talks would resume in city number {n} next week." for n in range(12)
    ]
    with serve(app) as address:
        statuses: list[int] = []

        def upload(text: str) -> None:
            with httpx.Client(base_url=address, timeout=120) as client:
                sent = client.post(
                    "/upload",
                    files={"files": ("note.txt", text.encode())},
                    headers={"Authorization": "Bearer let-me-in"},
                )
                statuses.append(sent.status_code)

        threads = [threading.Thread(target=upload, args=(text,)) for text in texts]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert statuses == [200] * 12
        with httpx.Client(base_url=address) as client:
            found = client.get("/api/documents", params={"q": "city number"}).json()["hits"]
        assert len(found) == 12
    kept = sorted(p.read_text() for p in (tmp_path / "sayso-uploads").glob("*/note.txt"))
    assert kept == sorted(texts)
    with Store(tmp_path / "copy.db", create=False) as store:
        for doc in store.documents():
            if doc.source.endswith("note.txt"):  # every offset checks against its own file
                assert Path(doc.source).read_text()[doc.start : doc.end] == doc.text


def test_an_upload_that_cannot_be_read_says_why_and_is_not_kept(
    db_path: str, tmp_path: Path, web_client: WebClient
) -> None:
    client = web_client(_uploading(db_path, tmp_path))
    bearer = {"Authorization": "Bearer let-me-in"}
    sent = client.post("/upload", files={"files": ("bad.json", b'{"text": ')}, headers=bearer)
    assert sent.status_code == 200 and "invalid JSON" in sent.text
    deep = b"[" * 100_000 + b"]" * 100_000
    sent = client.post("/upload", files={"files": ("deep.json", deep)}, headers=bearer)
    assert sent.status_code == 200 and "nested" in sent.text
    assert not list((tmp_path / "sayso-uploads").glob("*/*"))


def test_queries_that_run_too_long_are_stopped(database: str) -> None:
    endless = (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
        " SELECT count(*) FROM (SELECT x FROM c LIMIT 1000000000) AS n"
    )
    with Store(database) as store:
        started = time.monotonic()
        with pytest.raises(StoreError) as stopped, store.time_limit(0.2):
            store.backend.execute(endless).fetchall()
        assert stopped.value.code == "timeout" and time.monotonic() - started < 2
        with store.time_limit(5):  # the connection is good for the next query
            assert store.count() == 0


def test_a_request_that_runs_out_of_time_is_told_to_try_again(
    db_path: str, web_client: WebClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = web_client(create_app(db_path))
    monkeypatch.setattr("sayso.present.web.state.QUERY_S", 0.0)
    page = client.get("/figures")
    assert page.status_code == 503 and page.headers["retry-after"]
    assert "ran out of time" in page.text
    assert client.get("/api/figures").json()["detail"].endswith("ran out of time")


def test_a_search_of_many_prefixes_is_read_as_its_words(
    db_path: str, web_client: WebClient
) -> None:
    client = web_client(create_app(db_path))
    page = client.get("/", params={"q": " ".join(["a*"] * 12)})
    assert page.status_code == 200


def test_the_pool_lends_each_connection_to_one_thread_at_a_time(db_path: str) -> None:
    pool = StorePool(db_path, size=2, wait=0.2)
    with pool.store() as first, pool.store() as second:
        assert first is not second
        with pytest.raises(StoreError) as busy, pool.store():
            pass
        assert busy.value.code == "busy"
    with pool.store() as again:
        assert again in (first, second)  # given back, lent again
    results: list[int] = []

    def count() -> None:
        with pool.store() as store:
            results.append(store.count())

    threads = [threading.Thread(target=count) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [results[0]] * 10 and results[0] > 0
    pool.close()


def test_a_result_read_from_the_whole_database_is_computed_in_the_background(
    db_path: str,
) -> None:
    background = Background(db_path)
    release = threading.Event()
    calls: list[int] = []

    def compute(store: Store) -> int:
        calls.append(1)
        release.wait(10)
        return store.count() + len(calls)

    counted = Computed("counts", compute, background)
    with pytest.raises(NotReady, match="still reading the corpus for the counts"):
        counted.get((1, 1, 1), wait=0.05)
    release.set()
    first = counted.get((1, 1, 1), wait=10)
    assert counted.get((1, 1, 1), wait=0) == first and len(calls) == 1  # kept
    release.clear()
    assert counted.get((9, 9, 9), wait=0.05) == first  # computing again: the last one meanwhile
    release.set()
    assert counted.get((9, 9, 9), wait=10) == first + 1

    def fail(store: Store) -> int:
        raise RuntimeError("a bug")

    failing = Computed("failures", fail, background)
    with pytest.raises(Exception, match="computing the failures failed: RuntimeError: a bug"):
        failing.get((1, 1, 1), wait=10)


@pytest.mark.parametrize("workers", [1, 2])
def test_sayso_serve_answers_from_each_process_and_stops_soon_on_sigterm(
    db_path: str, workers: int
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = ["serve", "--db", db_path, "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen([sys.executable, "-m", "sayso", *command], stderr=subprocess.PIPE)
    try:
        ready: set[int] = set()
        deadline = time.monotonic() + 120
        while len(ready) < workers:
            assert time.monotonic() < deadline and server.poll() is None, "not ready"
            try:
                status = httpx.get(
                    f"http://127.0.0.1:{port}/api/status", headers={"Connection": "close"}
                ).json()
            except httpx.HTTPError:
                time.sleep(0.2)
                continue
            if status["ready"]:
                ready.add(status["process"])
        assert "stalemate" in httpx.get(f"http://127.0.0.1:{port}/?q=stalemate").text

        def ask() -> None:
            with suppress(httpx.HTTPError):  # cut off by the stop, or answered first
                httpx.get(f"http://127.0.0.1:{port}/claims", timeout=10)

        busy = threading.Thread(target=ask)
        busy.start()
        server.send_signal(signal.SIGTERM)
        started = time.monotonic()
        server.wait(timeout=10)
        assert time.monotonic() - started < 5
        busy.join()
    finally:
        if server.poll() is None:
            server.kill()


def test_a_page_asked_again_is_answered_from_memory_while_the_database_is_unchanged() -> None:
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route
    from starlette.testclient import TestClient

    from sayso.present.cache import PageCache

    made: Counter[str] = Counter()
    state: dict[str, object] = {"generation": (1, 1)}

    def answer(request: object) -> PlainTextResponse:
        path = request.url.path  # type: ignore[attr-defined]
        made[path] += 1
        status = 404 if path == "/missing" else 200
        return PlainTextResponse(f"{path} #{made[path]}", status_code=status)

    app = PageCache(
        Starlette(routes=[Route("/{name}", answer)]),
        generation=lambda: state["generation"],
        skip=("/status",),
    )
    with TestClient(app) as client:
        assert [client.get("/actors").text for _ in range(3)] == ["/actors #1"] * 3
        assert client.get("/actors?page=2").text == "/actors #2"  # another query, another page
        state["generation"] = (1, 2)  # documents arrived
        assert client.get("/actors").text == "/actors #3"
        state["generation"] = None  # pages' results being computed: nothing kept or served
        assert [client.get("/actors").text for _ in range(2)] == ["/actors #4", "/actors #5"]
        state["generation"] = (1, 2)
        assert [client.get("/status").text for _ in range(2)] == ["/status #1", "/status #2"]
        assert [client.get("/missing").status_code for _ in range(2)] == [404, 404]
        assert made["/missing"] == 2  # an error is not kept
        client.get("/positions", headers={"Cookie": "sayso_token=x"})
        client.get("/positions", headers={"Cookie": "sayso_token=x"})
        assert made["/positions"] == 2  # a signed-in reader's pages are their own
