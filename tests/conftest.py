"""Shared fixtures: the example dossier, the test fixtures folder, a fresh database of either
kind, and the PostgreSQL server the PostgreSQL ones live on."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sayso.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOSSIER = ROOT / "examples" / "dossier.txt"
NO_POSTGRES = (
    "the PostgreSQL tests need a server: install PostgreSQL (make postgres installs Debian's) "
    "or set SAYSO_TEST_POSTGRES to the URL of one where databases can be created"
)


WebClient = Callable[[FastAPI], TestClient]
Serve = Callable[[FastAPI], AbstractContextManager[str]]


@pytest.fixture(scope="session")
def web_client() -> WebClient:
    """Makes a client of a web app that asks for it by a name it answers to."""

    def client(app: FastAPI) -> TestClient:
        return TestClient(app, base_url="http://127.0.0.1")

    return client


@pytest.fixture(scope="session")
def serve() -> Serve:
    """Makes a context in which a web app is served by uvicorn on a free local port, as
    ``sayso serve`` serves it, and gives its address."""

    @contextmanager
    def serving(app: FastAPI) -> Iterator[str]:
        port = _free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started, "the test server did not start"
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=10)

    return serving


@pytest.fixture
def dossier_text() -> str:
    return DOSSIER.read_text(encoding="utf-8")


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A new, empty database of each kind in turn, as ``--db`` takes it."""
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "test.db")


@pytest.fixture
def store(database: str) -> Iterator[Store]:
    with Store(database) as opened:
        yield opened


@pytest.fixture
def pg_url(postgres_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database, dropped after the test."""
    psycopg = pytest.importorskip("psycopg")
    name = f"sayso_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield urlunsplit(urlsplit(postgres_url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    with Store(pg_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A PostgreSQL server where the tests may create databases: ``$SAYSO_TEST_POSTGRES``, or
    a throwaway one started from this machine's PostgreSQL and removed at the end."""
    given = os.environ.get("SAYSO_TEST_POSTGRES")
    if given:
        yield given
        return
    with _throwaway_server() as url:
        yield url


@contextmanager
def _throwaway_server() -> Iterator[str]:
    """A cluster in a temporary folder, trusting local connections, on a free TCP port of
    127.0.0.1; fsync off, since nothing in it need survive a crash."""
    bin_dir = _postgres_bin()
    if bin_dir is None:
        pytest.skip(f"no initdb found: {NO_POSTGRES}")
    run_as: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="sayso-pg-"))
    if os.geteuid() == 0:  # initdb refuses to run as root: the cluster is the postgres user's
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root)
            pytest.skip(f"running as root and there is no postgres user: {NO_POSTGRES}")
        os.chown(root, user.pw_uid, user.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", _free_port()

    def run(*command: str | Path) -> None:
        done = subprocess.run([*run_as, *command], cwd=root, capture_output=True, text=True)
        if done.returncode != 0:
            log = (root / "log").read_text() if (root / "log").exists() else ""
            pytest.fail(f"{' '.join(map(str, command))} failed: {done.stderr}{log}")

    try:
        run(bin_dir / "initdb", "-D", data, "-Upostgres", "-Atrust", "-EUTF8", _locale())
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
        run(bin_dir / "pg_ctl", "-D", data, "-l", root / "log", "-o", options, "-w", "start")
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        if (data / "postmaster.pid").exists():
            run(bin_dir / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


def _postgres_bin() -> Path | None:
    """The folder of initdb and pg_ctl: on the PATH, else Debian's newest."""
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    debian = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/initdb"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    return debian[-1].parent if debian else None


def _locale() -> str:
    """C.UTF-8 where this machine has it: text sorted by code point, and words told apart from
    punctuation beyond ASCII (in the plain C locale, "Putin’s" would be one word)."""
    if shutil.which("locale") is None:
        return "--no-locale"
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    return "--locale=C.UTF-8" if {"C.utf8", "C.UTF-8"} & set(listed) else "--no-locale"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port
