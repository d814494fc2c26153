"""``sayso serve``: the corpus in a local web app, each page also a JSON API under ``/api``.

Server-rendered Jinja2 pages (autoescaped: articles can hold ``<script>``), one small script
for the reader, no build step. Requests share a few open connections (``StorePool``), each
request's queries under a time limit; what pages read from the whole database is computed in
the background (``computed``); every request passes the ``Guard`` first (host, origin, body
size, the upload token). The app is read-only unless started with ``allow_ingest``, which adds
an upload form guarded by a token.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import secrets
import threading
from collections.abc import AsyncIterator, Callable, Collection, Iterator
from contextlib import asynccontextmanager, nullcontext, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from swagger_ui_bundle import swagger_ui_path

from sayso import __version__
from sayso.analyse import ActorSummary, actors, event_filter
from sayso.analyse.claims import ClaimGroup, Link, Relation, group_claims, matching
from sayso.analyse.forecast import MODELS as FORECAST_MODELS
from sayso.analyse.forecast import RUNS_SHOWN, Forecast, forecasts
from sayso.analyse.forecast import scenarios as forecast_scenarios
from sayso.analyse.positions import Position, positions, stored_stances
from sayso.analyse.profiles import Profile, load_lexicon, profiles
from sayso.batch import FileReport, WorkerPool, ingest
from sayso.errors import SaysoError, StoreError
from sayso.isodate import ISO_PREFIX
from sayso.issues import load_issues
from sayso.model import Document
from sayso.present import export, views
from sayso.present.cache import PageCache
from sayso.present.computed import Background, Computed, NotReady
from sayso.present.guard import LOCAL_HOSTS, TOKEN_COOKIE, Guard, same_token
from sayso.present.pages import STATIC, environment, server_link
from sayso.settings import Settings
from sayso.store import (
    EventFilter,
    FigureFilter,
    QuoteFilter,
    Store,
)
from sayso.store.pool import StorePool

TEMPLATES = Jinja2Templates(env=environment())
T = TypeVar("T")
QUERY_S = 10.0  # a request's queries together stop after this long (503, try again)
SEARCH_S = 1.5  # a full-text search, whose syntax lets a query cost much, after this long
FRESH_WAIT_S = 5.0  # how long a page waits for what is computed again after documents arrive
RETRY_AFTER_S = 10  # what a "not ready" or "busy" answer tells the client to wait
MAX_PER_PAGE = 500  # the most items a page of a list may ask for
MAX_CHARTED = 5_000  # the most figures of one measured quantity a chart draws


def _store(request: Request) -> Iterator[Store]:
    """A connection of the pool for one request, its queries under the time limit."""
    with request.app.state.pool.store() as opened, opened.time_limit(QUERY_S):
        yield opened


Db = Annotated[Store, Depends(_store)]
ProfileKey = Literal["outlet", "document"]
PositionKey = Literal["party", "actor"]
_SAFE_NAME = re.compile(r"[\w-][\w .-]{0,200}")  # a plain file name: no folders, not hidden


IsoPrefix = Annotated[str | None, Query(pattern=f"^(?:{ISO_PREFIX})?$")]  # or left empty
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE)]
Page = Annotated[int, Query(ge=1)]
Download = Literal["csv", "jsonl"] | None  # a list whole, as a file, instead of a page


@dataclass
class EventQuery:
    """The timeline's filters, as its page and API read them from the address."""

    actor: str | None = None
    outlet: str | None = None
    since: IsoPrefix = None
    until: IsoPrefix = None
    order: Literal["oldest", "newest"] = "oldest"
    page: Page = 1
    per_page: PerPage = views.PAGE_SIZE

    def where(self, store: Store, everyone: list[ActorSummary]) -> EventFilter:
        """The events these filters keep (``everyone``: all the actors, to find the actor
        named among)."""
        return event_filter(
            store,
            self.actor or None,
            outlet=self.outlet or None,
            since=self.since or None,
            until=self.until or None,
            everyone=everyone,
        )


@dataclass
class QuoteQuery:
    """The quotes' filters, as their page and API read them from the address."""

    q: str | None = None
    speaker: str | None = None
    speaker_type: str | None = None
    outlet: str | None = None
    kind: str | None = None
    since: IsoPrefix = None
    until: IsoPrefix = None
    page: Page = 1
    per_page: PerPage = views.PAGE_SIZE

    def where(self) -> QuoteFilter:
        return QuoteFilter(
            text=self.q or None,
            speaker=self.speaker or None,
            speaker_type=self.speaker_type or None,
            outlet=self.outlet or None,
            kind=self.kind or None,
            since=self.since or None,
            until=self.until or None,
        )


@dataclass
class FigureQuery:
    """The figures' filters and order, as their page and API read them from the address."""

    about: str | None = None
    unit: str | None = None
    outlet: str | None = None
    since: IsoPrefix = None
    until: IsoPrefix = None
    order: str = "document"
    desc: bool = False
    page: Page = 1
    per_page: PerPage = views.PAGE_SIZE

    def where(self) -> FigureFilter:
        return FigureFilter(
            about=self.about or None,
            unit=self.unit or None,
            outlet=self.outlet or None,
            since=self.since or None,
            until=self.until or None,
        )


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
        app_name = store.name
    issues = load_issues(issues_file)
    lexicon = load_lexicon(lexicon_file)
    upload_token = token or secrets.token_urlsafe(16)
    settings = Settings()
    pool = StorePool(db)
    background = Background(db)

    extractors: list[WorkerPool] = []  # the uploads' worker, once started

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.close()
        for extractor in extractors:
            extractor.close()

    app = FastAPI(
        title="sayso",
        version=__version__,
        description="Who said what, on whose say-so.",
        lifespan=lifespan,
        docs_url=None,  # served below from the bundled Swagger UI, not from a CDN
        redoc_url=None,
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/docs/assets", StaticFiles(directory=swagger_ui_path), name="docs-assets")

    def settled_generation() -> tuple[int, int] | None:
        """The database's state, once what pages read from it is computed for it."""
        if not app.state.warm.is_set() or not background.idle():
            return None
        with pool.store() as store:
            return store.generation()

    app.add_middleware(
        PageCache, generation=settled_generation, skip=("/static", "/api/status", "/upload")
    )
    app.add_middleware(  # outermost: every request, kept answers too, passes it first
        Guard,
        hosts=hosts,
        token=upload_token if allow_ingest else None,
        guarded={"/upload"} if allow_ingest else set(),
        max_body=max_upload or settings.max_bytes,
    )
    app.state.db = db
    app.state.pool = pool
    app.state.name = app_name
    # uploaded files are kept beside the database file (for a database server, in the folder
    # the app runs in), each under a folder named for its content, so that every offset stays
    # checkable against the bytes it points into
    uploads = (Path(db).resolve().parent if beside_file else Path.cwd()) / "sayso-uploads"

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.update(allow_ingest=allow_ingest, link=server_link)
        return TEMPLATES.TemplateResponse(request, name, context, status_code=status)

    @app.exception_handler(SaysoError)
    def sayso_error(request: Request, error: SaysoError) -> Response:
        """A database that is busy, a query or a result that takes too long: try again soon;
        anything else the database says: an error, with its message."""
        again = isinstance(error, NotReady) or error.code in {"timeout", "busy"}
        status = 503 if again else 500
        headers = {"Retry-After": str(RETRY_AFTER_S)} if again else None
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(error)}, status, headers=headers)
        response = page(request, "error.html", status, status_code=status, problem=str(error))
        response.headers.update(headers or {})
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/") or error.status_code < 400:
            return await http_exception_handler(request, error)
        return page(
            request,
            "error.html",
            error.status_code,
            status_code=error.status_code,
            problem=str(error.detail),
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
        return page(request, "error.html", 422, status_code=422, problem=problems)

    # What pages read from the whole database, computed in the background, one at a time.
    def computed(name: str, compute: Callable[[Store], T]) -> Computed[T]:
        return Computed(name, compute, background)

    found_positions: dict[str, Computed[list[Position]]] = {
        by: computed(
            f"positions by {by}",
            lambda store, by=by: positions(  # type: ignore[misc]
                stored_stances(store, issues_file), issues, by=by
            ),
        )
        for by in ("party", "actor")
    }
    found_profiles: dict[str, Computed[list[Profile]]] = {
        by: computed(
            f"source profiles by {by}",
            lambda store, by=by: profiles(store.documents(), lexicon, by=by),  # type: ignore[misc]
        )
        for by in ("outlet", "document")
    }
    found_claims: Computed[list[ClaimGroup]] = computed(
        "claims compared", lambda store: group_claims(store.claims())
    )
    # every model's forecasts of every issue from the positions map by party (every party
    # weighing 1 but for its salience), with the spread of RUNS_SHOWN draws
    found_forecasts: Computed[list[Forecast]] = computed(
        "forecasts",
        lambda store: forecasts(
            forecast_scenarios(positions(stored_stances(store, issues_file), issues)),
            list(FORECAST_MODELS),
            runs=RUNS_SHOWN,
        ),
    )
    everyone: Computed[list[ActorSummary]] = computed("actors", lambda store: actors(store))
    months: Computed[list[tuple[str, int]]] = computed(
        "quotes per month", lambda store: store.quotes_by_month()
    )
    app.state.warm = threading.Event()  # set once every one is computed for the first time

    def fresh(db: Store, result: Computed[T], wait: float | None = FRESH_WAIT_S) -> T:
        return result.get(db.generation(), wait)

    def warm_up() -> None:
        results: list[Computed[Any]] = [
            months,
            everyone,
            *found_positions.values(),
            *found_profiles.values(),
            found_claims,
            found_forecasts,
        ]
        try:
            with pool.store() as opened:
                generation = opened.generation()
            for result in results:
                result.get(generation, wait=None)
        except SaysoError as error:  # the pages will say it again when asked
            app.state.warm_error = error
        finally:
            app.state.warm.set()

    threading.Thread(target=warm_up, name="sayso-warm-up", daemon=True).start()

    # --- pages ----------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def corpus_page(
        request: Request,
        db: Db,
        page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
        genre: str | None = None,
        outlet: str | None = None,
        q: str | None = None,
    ) -> HTMLResponse:
        data = _corpus(db, page_number, genre, outlet, q, fresh(db, months))
        return page(
            request,
            "corpus.html",
            corpus=data,
            genre=genre,
            outlet=outlet,
            q=q or "",
            chart=views.months_chart(
                data.months, "quotes", lambda month: f"/quotes?since={month}&until={month}"
            ),
        )

    @app.get("/documents/{document_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, db: Db, document_id: str) -> HTMLResponse:
        return page(request, "document.html", reader=views.reader(_document(db, document_id)))

    @app.get("/actors", response_class=HTMLResponse, include_in_schema=False)
    def actors_page(
        request: Request,
        db: Db,
        q: str | None = None,
        page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
        per_page: PerPage = views.PAGE_SIZE,
    ) -> HTMLResponse:
        found, at = views.actor_list(
            db, q or None, page=page_number, per_page=per_page, everyone=fresh(db, everyone)
        )
        return page(request, "actors.html", actors=found, paging=at, q=q or "")

    @app.get("/actors/{actor_id}", response_class=HTMLResponse, include_in_schema=False)
    def actor_page(
        request: Request, db: Db, actor_id: str, by_page: Page = 1, about_page: Page = 1
    ) -> HTMLResponse:
        data = views.actor_page(db, actor_id, by_page=by_page, about_page=about_page)
        if data is None:
            raise HTTPException(404, f"no actor with id {actor_id}")
        return page(request, "actor.html", page_data=data)

    @app.get("/figures", response_class=HTMLResponse, include_in_schema=False)
    def figures_page(
        request: Request, db: Db, filters: Annotated[FigureQuery, Depends()]
    ) -> HTMLResponse:
        """Figures, filtered and sortable; ``about`` keeps those of one measured quantity and
        charts every one of them over time, by source."""
        found = _figures(db, filters)
        chart, charted = "", 0
        if filters.about:
            _, every = db.quantities(filters.where(), limit=MAX_CHARTED)
            chart, charted = views.figures_chart(every, server_link), len(every)
        return page(request, "figures.html", figures=found, figures_chart=chart, charted=charted)

    def timeline_of(db: Store, filters: EventQuery) -> views.TimelinePage:
        return views.timeline_page(
            db,
            filters.where(db, fresh(db, everyone)),
            params={k: getattr(filters, k) for k in ("actor", "outlet", "since", "until")},
            newest_first=filters.order == "newest",
            page=filters.page,
            per_page=filters.per_page,
        )

    @app.get("/timeline", response_class=HTMLResponse, include_in_schema=False)
    def timeline_page(
        request: Request, db: Db, filters: Annotated[EventQuery, Depends()]
    ) -> HTMLResponse:
        found = timeline_of(db, filters)
        at = found.paging.params
        chart = views.months_chart(
            found.months,
            "events",
            lambda period: "/timeline?" + urlencode({**at, "since": period, "until": period}),
        )
        return page(request, "timeline.html", timeline=found, timeline_chart=chart)

    @app.get("/quotes", response_class=HTMLResponse, include_in_schema=False)
    def quotes_page(
        request: Request, db: Db, filters: Annotated[QuoteQuery, Depends()]
    ) -> HTMLResponse:
        found = _quotes(db, filters)
        return page(request, "quotes.html", quotes=found)

    @app.get("/positions", response_class=HTMLResponse, include_in_schema=False)
    def positions_page(
        request: Request,
        db: Db,
        by: PositionKey = "party",
        sort: str = "name",
        party: str | None = None,
    ) -> HTMLResponse:
        found = fresh(db, found_positions[by])
        table = views.positions_table(found, issues, by, sort, party or None)
        return page(request, "positions.html", table=table, party=party or "")

    @app.get(
        "/positions/{by}/{key}/{issue_id}", response_class=HTMLResponse, include_in_schema=False
    )
    def position_page(
        request: Request, db: Db, by: PositionKey, key: str, issue_id: str
    ) -> HTMLResponse:
        found = fresh(db, found_positions[by])
        position = next((p for p in found if (p.key, p.issue) == (key, issue_id)), None)
        if position is None:
            raise HTTPException(404, f"no position of {key} on {issue_id}")
        issue = next(i for i in issues if i.id == issue_id)
        citations = db.citations({e.document_id for e in position.evidence})
        return page(request, "position.html", position=position, issue=issue, citations=citations)

    @app.get("/forecast", response_class=HTMLResponse, include_in_schema=False)
    def forecast_page(request: Request, db: Db) -> HTMLResponse:
        shown = views.issue_forecasts(fresh(db, found_forecasts), issues)
        return page(request, "forecast.html", forecasts=shown, runs=RUNS_SHOWN)

    @app.get("/api/forecast", response_model=None)
    def api_forecast(db: Db, issue: str | None = None) -> list[dict[str, Any]]:
        """Where each issue's bargaining ends by each model, from the positions map: the
        forecast, the 5-95% range of 300 draws of the inputs and the inputs that move it
        most, and each party's position, salience, capability and statements."""
        found = fresh(db, found_forecasts)
        return [f.to_dict() for f in found if issue is None or f.issue == issue]

    @app.get("/profiles", response_class=HTMLResponse, include_in_schema=False)
    def profiles_page(
        request: Request,
        db: Db,
        by: ProfileKey = "outlet",
        page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
    ) -> HTMLResponse:
        found = fresh(db, found_profiles[by])
        at = views.paging(len(found), page_number, params={"by": by})
        shown = found[at.offset : at.offset + at.per_page]
        citations = db.citations({p.name for p in shown}) if by == "document" else {}
        return page(
            request, "profiles.html", found=shown, profile_paging=at, by=by, citations=citations
        )

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims_page(
        request: Request,
        db: Db,
        relation: Relation | None = None,
        q: str | None = None,
        page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
    ) -> HTMLResponse:
        groups = fresh(db, found_claims)
        data = views.claims_page(groups, relation=relation, query=q, page=page_number)
        citations = db.citations({c.document_id for g in data.groups for c in g.claims})
        return page(
            request, "claims.html", claims=data, relation=relation, q=q or "", citations=citations
        )

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        """The API's documentation: Swagger UI, its files served from here (it works offline)."""
        return TEMPLATES.TemplateResponse(request, "api_docs.html", {})

    # --- the JSON API ---------------------------------------------------------------------

    @app.get("/api/status")
    def api_status(db: Db) -> dict[str, Any]:
        """Whether the server is up, how many documents it holds, whether what the pages read
        from the whole database is computed yet (``ready``), and by which process it answers
        (``sayso serve --workers N`` has several, each ready in its own time)."""
        return {
            "version": __version__,
            "documents": db.count(),
            "ready": app.state.warm.is_set(),
            "process": os.getpid(),
        }

    @app.get("/api/profiles", response_model=None)
    def api_profiles(
        db: Db, by: ProfileKey = "outlet", download: Download = None
    ) -> list[dict[str, Any]] | Response:
        """How each outlet (or document) frames the story; ``download=csv`` (or ``jsonl``):
        the same, as a file."""
        found = [p.to_dict() for p in fresh(db, found_profiles[by])]
        return _download("profiles", found, download) if download else found

    @app.get("/api/claims", response_model=None)
    def api_claims(
        db: Db,
        relation: Relation | None = None,
        q: str | None = None,
        page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
        download: Download = None,
    ) -> dict[str, Any] | Response:
        """Claims compared across sources, a page of groups at a time: every group with a pair
        of ``relation`` and a claim whose text holds ``q``, contradictions first; each pair
        labelled, with its reason. ``download=csv`` (or ``jsonl``): every labelled pair of
        those groups, a row each, both claims beside each other, as a file."""
        if download:
            groups = matching(fresh(db, found_claims), relation, q)
            return _download(
                "claim-pairs", [_pair(g, link) for g in groups for link in g.links], download
            )
        data = views.claims_page(
            fresh(db, found_claims), relation=relation, query=q, page=page_number
        )
        return {**_paging(data.paging), "groups": [g.to_dict() for g in data.groups]}

    @app.get("/api/documents", response_model=None)
    def api_documents(
        db: Db,
        page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
        genre: str | None = None,
        outlet: str | None = None,
        q: str | None = None,
        download: Download = None,
    ) -> dict[str, Any] | Response:
        """A page of the documents in date order (``total`` of them); with ``q``, a page of
        the documents that match it, best first, as ``hits`` (``matches`` of them).
        ``download=csv`` (or ``jsonl``): every one of them, as a file."""
        if download:
            return _download("documents", _every_document(db, genre, outlet, q), download)
        data = _corpus(db, page_number, genre, outlet, q, fresh(db, months))
        return {
            **_paging(data.paging),
            "total": data.total,
            "matches": data.matches,
            "documents": [
                _listed(row.document, row.quotes, row.actors, row.figures) for row in data.rows
            ],
            "hits": [
                {**_summary(hit.document), "snippet": hit.snippet, "rank": hit.rank}
                for hit in data.hits
            ],
        }

    @app.get("/api/documents/{document_id}")
    def api_document(db: Db, document_id: str) -> dict[str, Any]:
        return _document(db, document_id).to_dict()

    @app.get("/api/actors", response_model=None)
    def api_actors(
        db: Db,
        q: str | None = None,
        page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
        per_page: PerPage = views.PAGE_SIZE,
        download: Download = None,
    ) -> dict[str, Any] | Response:
        """A page of the actors, most named first; ``q`` keeps those whose name, a spelling
        or id holds it. ``download=csv`` (or ``jsonl``): every one of them, as a file."""
        if download:
            found = actors(db, query=q or None, everyone=fresh(db, everyone))
            return _download("actors", [a.to_dict() for a in found], download)
        shown, at = views.actor_list(
            db, q or None, page=page_number, per_page=per_page, everyone=fresh(db, everyone)
        )
        return {**_paging(at), "actors": [a.to_dict() for a in shown]}

    @app.get("/api/quotes", response_model=None)
    def api_quotes(
        db: Db, filters: Annotated[QuoteQuery, Depends()], download: Download = None
    ) -> dict[str, Any] | Response:
        """A page of the quotes, in date order, that hold the words of ``q`` (and "phrases")
        and match every other filter given; with how many of them each speaker type, outlet
        and kind has. ``download=csv`` (or ``jsonl``): every quote kept, as a file."""
        if download:
            with db.time_limit(SEARCH_S) if filters.q else nullcontext():
                every = [q.to_dict() for q in db.quotes(filters.where())]
            return _download("quotes", every, download)
        found = _quotes(db, filters)
        return {
            **_paging(found.paging),
            "facets": {k: dict(v) for k, v in found.facets.items()},
            "quotes": [q.to_dict() for q in found.quotes],
        }

    @app.get("/api/actors/{actor_id}")
    def api_actor(
        db: Db,
        actor_id: str,
        by_page: Page = 1,
        about_page: Page = 1,
        per_page: PerPage = views.PAGE_SIZE,
    ) -> dict[str, Any]:
        """An actor: its spellings by document, a page of the quotes it gave (``by_page``)
        and of those others gave that name it (``about_page``), with how many of each."""
        data = views.actor_page(
            db, actor_id, by_page=by_page, about_page=about_page, per_page=per_page
        )
        if data is None:
            raise HTTPException(404, f"no actor with id {actor_id}")
        return {
            **data.actor.to_dict(),
            "spellings_by_document": {k: dict(v) for k, v in data.spellings_by_document.items()},
            "quotes_by": [q.to_dict() for q in data.quotes_by],
            "quotes_by_total": data.by_paging.total,
            "quotes_about": [q.to_dict() for q in data.quotes_about],
            "quotes_about_total": data.about_paging.total,
        }

    @app.get("/api/figures", response_model=None)
    def api_figures(
        db: Db, filters: Annotated[FigureQuery, Depends()], download: Download = None
    ) -> dict[str, Any] | Response:
        """A page of the figures, sorted by ``order`` (document, value within its unit, unit,
        counted, source), that count ``about`` (each word), in ``unit`` ("count": none), from
        ``outlet``, between ``since`` and ``until``; with the units they come in.
        ``download=csv`` (or ``jsonl``): every figure kept, as a file."""
        if download:
            where = filters.where()
            total, _ = db.quantities(where, limit=0)
            _, every = db.quantities(
                where, order=filters.order, descending=filters.desc, limit=total
            )
            return _download("figures", [f.to_dict() for f in every], download)
        data = _figures(db, filters)
        return {
            **_paging(data.paging),
            "units": dict(data.units),
            "figures": [f.to_dict() for f in data.figures],
        }

    @app.get("/api/positions", response_model=None)
    def api_positions(
        db: Db,
        by: PositionKey = "party",
        name: str | None = None,
        issue: str | None = None,
        download: Download = None,
    ) -> list[dict[str, Any]] | Response:
        """Each party's (or actor's) position on each issue, with its statements; ``name``
        keeps those whose name holds it, ``issue`` one issue. ``download=csv`` (or
        ``jsonl``): the same, as a file."""
        found = [
            p.to_dict()
            for p in fresh(db, found_positions[by])
            if (name is None or name.casefold() in p.name.casefold())
            and (issue is None or p.issue == issue)
        ]
        return _download("positions", found, download) if download else found

    @app.get("/api/timeline", response_model=None)
    def api_timeline(
        db: Db, filters: Annotated[EventQuery, Depends()], download: Download = None
    ) -> dict[str, Any] | Response:
        """A page of the dated events, oldest first (``order=newest``: newest first), naming
        ``actor``, of ``outlet``, between the ISO dates (or prefixes: "2022", "2022-02")
        ``since`` and ``until``; with the events per month. ``download=csv`` (or ``jsonl``):
        every event kept, as a file."""
        if download:
            where = filters.where(db, fresh(db, everyone))
            _, every = db.events(where, newest_first=filters.order == "newest")
            return _download("timeline", [e.to_dict() for e in every], download)
        found = timeline_of(db, filters)
        return {
            **_paging(found.paging),
            "months": dict(found.months),
            "events": [e.to_dict() for e in found.events],
        }

    # --- upload, only when allowed ----------------------------------------------------------

    if allow_ingest:
        uploading = threading.Lock()  # one upload is ingested at a time; the others wait
        # uploads are extracted in a worker process (started with the first, then kept), so
        # that a file that crashes the pipeline costs that file alone, not the server

        def signed_in(request: Request) -> bool:
            return same_token(request.cookies.get(TOKEN_COOKIE, ""), upload_token)

        def signed_in_now() -> RedirectResponse:
            """The token is kept in a cookie that this site's own pages alone send back."""
            response = RedirectResponse("/upload", status_code=303)
            response.set_cookie(
                TOKEN_COOKIE, upload_token, httponly=True, samesite="strict", path="/"
            )
            return response

        @app.get(
            "/upload", response_class=HTMLResponse, response_model=None, include_in_schema=False
        )
        def upload_form(request: Request, token: str | None = None) -> Response:
            """With ``?token=`` (the address ``sayso serve`` prints), sign in and come back."""
            if token is not None and same_token(token, upload_token):
                return signed_in_now()
            if token is not None:
                return page(request, "upload.html", 403, signed_in=False, refused=True)
            return page(request, "upload.html", signed_in=signed_in(request))

        @app.post(
            "/login", response_class=HTMLResponse, response_model=None, include_in_schema=False
        )
        def login(request: Request, token: Annotated[str, Form()]) -> Response:
            if same_token(token, upload_token):
                return signed_in_now()
            return page(request, "upload.html", 403, signed_in=False, refused=True)

        @app.post("/upload", response_class=HTMLResponse, include_in_schema=False)
        def upload(request: Request, files: Annotated[list[UploadFile], File()]) -> HTMLResponse:
            """Files already past the Guard: the token was right and the body not too large."""
            contents = []
            for upload_file in files:
                name = upload_file.filename or ""
                if not _SAFE_NAME.fullmatch(name):
                    raise HTTPException(400, f"{name!r} is not a file name sayso accepts")
                contents.append((name, upload_file.file.read()))
            with uploading:
                paths = [_keep(uploads, name, content) for name, content in contents]
                if not extractors:
                    extractors.append(WorkerPool(settings, 1))
                try:
                    with Store(db) as writable:
                        inputs = [str(p) for p in paths]
                        reports = list(ingest(inputs, writable, settings, workers=extractors[0]))
                except StoreError as error:
                    raise HTTPException(503, str(error)) from error
                for path, report in zip(paths, reports, strict=True):
                    _drop_if_unused(path, report)
            return page(request, "upload.html", signed_in=True, reports=reports)

    return app


def _keep(uploads: Path, name: str, content: bytes) -> Path:
    """Where an upload is kept: in a folder named for its content, so that a file is never
    overwritten (another upload of the same name is another file); written whole or not at
    all."""
    folder = uploads / hashlib.sha256(content).hexdigest()[:16]
    path = folder / name
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{name}.{secrets.token_hex(4)}.part"
        partial.write_bytes(content)
        os.replace(partial, path)
    return path


def _drop_if_unused(path: Path, report: FileReport) -> None:
    """An upload nothing was stored from (it could not be read) is not kept."""
    if report.unchanged or report.documents:
        return
    path.unlink(missing_ok=True)
    with suppress(OSError):  # the folder still holds another upload of the same content
        path.parent.rmdir()


def _corpus(
    db: Store,
    page: int,
    genre: str | None,
    outlet: str | None,
    q: str | None,
    months: list[tuple[str, int]],
) -> views.Corpus:
    try:
        return views.corpus(
            db,
            page=page,
            genre=genre or None,
            outlet=outlet or None,
            query=q,
            search_seconds=SEARCH_S,
            months=months,
        )
    except StoreError as error:
        if error.code != "bad-query":
            raise
        raise HTTPException(400, str(error)) from error


def _figures(db: Store, filters: FigureQuery) -> views.FiguresPage:
    try:
        return views.figures(
            db,
            filters.where(),
            order=filters.order,
            descending=filters.desc,
            page=filters.page,
            per_page=filters.per_page,
        )
    except StoreError as error:
        if error.code != "bad-query":
            raise
        raise HTTPException(400, str(error)) from error


def _quotes(db: Store, filters: QuoteQuery) -> views.QuotesPage:
    """A page of quotes; their words searched for at most ``SEARCH_S``."""
    with db.time_limit(SEARCH_S) if filters.q else nullcontext():
        return views.quotes_page(db, filters.where(), page=filters.page, per_page=filters.per_page)


def _download(name: str, records: list[dict[str, Any]], format: str) -> Response:
    """A list whole, as a file to save: CSV or JSON Lines."""
    out = io.StringIO()
    export.write_records(records, out, format)
    media = "text/csv" if format == "csv" else "application/x-ndjson"
    disposition = f'attachment; filename="sayso-{name}.{format}"'
    return Response(
        out.getvalue(),
        media_type=f"{media}; charset=utf-8",
        headers={"Content-Disposition": disposition},
    )


def _every_document(
    db: Store, genre: str | None, outlet: str | None, q: str | None
) -> list[dict[str, Any]]:
    """Every document the corpus page lists (of ``genre`` and ``outlet``), or every one the
    search for ``q`` finds, best first, as the API gives them."""
    genre, outlet = genre or None, outlet or None
    if q:
        with db.time_limit(SEARCH_S):
            matches = db.lenient_search(q, 0, genre=genre, outlet=outlet)[1]  # how many
            hits = db.lenient_search(q, max(matches, 1), genre=genre, outlet=outlet)[0]
        return [{**_summary(hit.document), "rank": hit.rank} for hit in hits]
    documents = list(db.documents(genre=genre, outlet=outlet, layers=()))
    counts = db.layer_counts([d.id for d in documents])
    return [
        _listed(
            d,
            counts[d.id].get("quotes", 0),
            counts[d.id].get("entities", 0),
            counts[d.id].get("quantities", 0),
        )
        for d in documents
    ]


def _listed(doc: Document, quotes: int, actors: int, figures: int) -> dict[str, Any]:
    """A document as the list of documents gives it: its summary and its counts."""
    return {**_summary(doc), "quotes": quotes, "actors": actors, "figures": figures}


def _pair(group: ClaimGroup, link: Link) -> dict[str, Any]:
    """A labelled pair of claims, each with where it is and who holds it."""

    return {
        "group": group.title,
        "relation": link.relation,
        "reason": link.reason,
        "first": group.claims[link.first].to_dict(),
        "second": group.claims[link.second].to_dict(),
    }


def _paging(at: views.Paging) -> dict[str, int]:
    return {"total": at.total, "page": at.page, "pages": at.pages, "per_page": at.per_page}


def _document(db: Store, document_id: str) -> Document:
    try:
        return db.get(document_id)
    except StoreError as error:
        if error.code in {"timeout", "busy"}:
            raise
        raise HTTPException(404, str(error)) from error


def _summary(doc: Document) -> dict[str, Any]:
    data = doc.to_dict()
    return {key: data[key] for key in ("id", "title", "authors", "outlet", "date", "genre")}
