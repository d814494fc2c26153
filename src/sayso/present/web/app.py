"""The web app assembled: its state (``state.Served``), what is computed from the whole
database in the background, the middleware every request passes (the ``Guard`` first: host,
origin, body size, the upload token; then the ``PageCache``), the error pages, and the
routers of the pages, the API and, where allowed, uploads."""

from __future__ import annotations

import json
import os
import secrets
import threading
from collections.abc import AsyncIterator, Callable, Collection
from contextlib import asynccontextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from swagger_ui_bundle import swagger_ui_path

from sayso import __version__
from sayso.analyse import actors
from sayso.analyse.claims import group_claims
from sayso.analyse.forecast import MODELS as FORECAST_MODELS
from sayso.analyse.forecast import RUNS_SHOWN, forecasts
from sayso.analyse.forecast import scenarios as forecast_scenarios
from sayso.analyse.positions import positions, stored_stances
from sayso.analyse.profiles import load_lexicon, profiles
from sayso.errors import SaysoError
from sayso.issues import load_issues
from sayso.present.cache import PageCache
from sayso.present.computed import Background, Computed, Generation, NotReady
from sayso.present.guard import LOCAL_HOSTS, Guard
from sayso.present.pages import STATIC
from sayso.present.web import api, pages, upload
from sayso.present.web.state import Served, render
from sayso.settings import Settings
from sayso.store import Store
from sayso.store.pool import StorePool

T = TypeVar("T")
RETRY_AFTER_S = 10  # what a "not ready" or "busy" answer tells the client to wait


def create_app(
    db: str,
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    issues_file: str | None = None,
    lexicon_file: str | None = None,
    hosts: Collection[str] = LOCAL_HOSTS,
    max_upload: int | None = None,
) -> FastAPI:
    """The web app over the database ``db``, answering requests that name one of ``hosts``;
    with ``allow_ingest``, uploads of up to ``max_upload`` bytes in all (default: the largest
    input sayso reads) need ``token``; positions are read on the issues of ``issues_file``
    (else the bundled ones)."""
    with Store(db, create=False) as store:  # a missing database is an error before the app starts
        beside_file = store.is_file
    served = _served(db, allow_ingest, issues_file, lexicon_file)
    settings = Settings()
    # uploaded files are kept beside the database file (for a database server, in the folder
    # the app runs in)
    uploads = upload.Uploads(
        db,
        token or secrets.token_urlsafe(16),
        (Path(db).resolve().parent if beside_file else Path.cwd()) / "sayso-uploads",
        settings,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        served.pool.close()
        uploads.close()

    app = FastAPI(
        title="sayso",
        version=__version__,
        description="Who said what, on whose say-so.",
        lifespan=lifespan,
        docs_url=None,  # served by the pages from the bundled Swagger UI, not from a CDN
        redoc_url=None,
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs/assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")
    app.state.served = served
    app.state.uploads = uploads

    def settled_generation() -> Generation | None:
        """The database's state, once what pages read from it is computed for it."""
        if not served.warm.is_set() or not served.background.idle():
            return None
        with served.pool.store() as opened:
            return opened.generation()

    app.add_middleware(
        PageCache, generation=settled_generation, skip=("/static", "/api/status", "/upload")
    )
    app.add_middleware(  # outermost: every request, kept answers too, passes it first
        Guard,
        hosts=hosts,
        token=uploads.token if allow_ingest else None,
        guarded={"/upload"} if allow_ingest else set(),
        max_body=max_upload or settings.max_bytes,
    )
    _answer_errors(app)
    app.include_router(pages.router)
    app.include_router(api.router)
    if allow_ingest:
        app.include_router(upload.router)
    threading.Thread(target=_warm_up, args=(app, served), name="sayso-warm-up", daemon=True).start()
    return app


def _served(
    db: str, allow_ingest: bool, issues_file: str | None, lexicon_file: str | None
) -> Served:
    """The app's state: what pages read from the whole database, each computed in the
    background, one at a time, and again when documents arrive."""
    issues = load_issues(issues_file)
    lexicon = load_lexicon(lexicon_file)
    background = Background(db)

    def computed(name: str, compute: Callable[[Store], T]) -> Computed[T]:
        return Computed(name, compute, background)

    return Served(
        issues=issues,
        pool=StorePool(db),
        background=background,
        allow_ingest=allow_ingest,
        positions={
            by: computed(
                f"positions by {by}",
                lambda store, by=by: positions(  # type: ignore[misc]
                    stored_stances(store, issues_file), issues, by=by
                ),
            )
            for by in ("party", "actor")
        },
        profiles={
            by: computed(
                f"source profiles by {by}",
                lambda store, by=by: profiles(store.documents(), lexicon, by=by),  # type: ignore[misc]
            )
            for by in ("outlet", "document")
        },
        claims=computed("claims compared", lambda store: group_claims(store.claims())),
        # every model's forecasts of every issue from the positions map by party (every party
        # weighing 1 but for its salience), with the spread of RUNS_SHOWN draws
        forecasts=computed(
            "forecasts",
            lambda store: forecasts(
                forecast_scenarios(positions(stored_stances(store, issues_file), issues)),
                list(FORECAST_MODELS),
                runs=RUNS_SHOWN,
            ),
        ),
        actors=computed("actors", lambda store: actors(store)),
        months=computed("quotes per month", lambda store: store.quotes_by_month()),
    )


def _warm_up(app: FastAPI, served: Served) -> None:
    """Compute everything pages read from the whole database once, so that the first
    visitor of each page does not wait; ``served.warm`` is set when done."""
    results: list[Computed[Any]] = [
        served.months,
        served.actors,
        *served.positions.values(),
        *served.profiles.values(),
        served.claims,
        served.forecasts,
    ]
    try:
        with served.pool.store() as opened:
            generation = opened.generation()
        for result in results:
            result.get(generation, wait=None)
    except SaysoError as error:  # the pages will say it again when asked
        app.state.warm_error = error
    finally:
        served.warm.set()


def _answer_errors(app: FastAPI) -> None:
    """Errors answered as JSON under ``/api``, as an error page elsewhere."""

    @app.exception_handler(SaysoError)
    def sayso_error(request: Request, error: SaysoError) -> Response:
        """A database that is busy, a query or a result that takes too long: try again soon;
        anything else the database says: an error, with its message."""
        again = isinstance(error, NotReady) or error.code in {"timeout", "busy"}
        status = 503 if again else 500
        headers = {"Retry-After": str(RETRY_AFTER_S)} if again else None
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(error)}, status, headers=headers)
        response = render(request, "error.html", status, status_code=status, problem=str(error))
        response.headers.update(headers or {})
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or error.status_code < 400:
            return await http_exception_handler(request, error)
        problem = str(error.detail)
        return render(
            request, "error.html", error.status_code, status_code=error.status_code, problem=problem
        )

    @app.exception_handler(RequestValidationError)
    async def bad_address(request: Request, error: RequestValidationError) -> Response:
        """A filter the address gives wrongly ("since=last week"): the API answers as FastAPI
        does, a page with the error page, naming each wrong value."""
        if request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, error)
        problems = "; ".join(
            f"{item['loc'][-1]} {item.get('input')!r}: {item['msg']}" for item in error.errors()
        )
        return render(request, "error.html", 422, status_code=422, problem=problems)


ENVIRONMENT = "SAYSO_SERVE"  # where ``sayso serve`` leaves its settings for its processes


@dataclass(frozen=True)
class ServeConfig:
    """What ``sayso serve`` makes its app from (the arguments of ``create_app``): given to
    each of its processes as JSON in the environment variable ``SAYSO_SERVE``."""

    db: str
    allow_ingest: bool = False
    token: str | None = None
    issues_file: str | None = None
    lexicon_file: str | None = None
    hosts: list[str] = field(default_factory=lambda: sorted(LOCAL_HOSTS))

    def check(self) -> str:
        """The database as messages name it; SaysoError if the database, the issues or the
        lexicon cannot be read (before any process starts)."""
        load_issues(self.issues_file)
        load_lexicon(self.lexicon_file)
        with Store(self.db, create=False) as store:
            return store.name

    def app(self) -> FastAPI:
        return create_app(
            self.db,
            allow_ingest=self.allow_ingest,
            token=self.token,
            issues_file=self.issues_file,
            lexicon_file=self.lexicon_file,
            hosts=self.hosts,
        )

    def to_json(self) -> str:
        return json.dumps(asdict(self))


def app_from_environment() -> FastAPI:
    """The app of one of the processes of ``sayso serve --workers N``."""
    return ServeConfig(**json.loads(os.environ[ENVIRONMENT])).app()
