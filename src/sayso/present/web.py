"""``sayso serve``: the corpus in a local web app, each page also a JSON API under ``/api``.

Server-rendered Jinja2 pages (autoescaped: articles can hold ``<script>``), one small script
for the reader, no build step. Every request opens the database afresh, read-only unless the
app was started with ``allow_ingest``, which adds an upload form guarded by a token.
"""

from __future__ import annotations

import re
import secrets
import threading
from collections.abc import Callable, Iterator
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import Depends, FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from sayso import __version__
from sayso.analyse.claims import Relation, group_claims, matching
from sayso.analyse.positions import load_issues, positions
from sayso.analyse.profiles import LoadedTerm, Profile, load_lexicon, profiles
from sayso.batch import ingest
from sayso.errors import SaysoError, StoreError
from sayso.model import Document
from sayso.present import views
from sayso.present.pages import STATIC, environment, server_link
from sayso.settings import Settings
from sayso.store import Store, StoredQuote

TEMPLATES = Jinja2Templates(env=environment())
T = TypeVar("T")


def _store(request: Request) -> Iterator[Store]:
    """The database, opened for one request (SQLite connections stay in their thread)."""
    with Store(request.app.state.db, create=False) as opened:
        yield opened


Db = Annotated[Store, Depends(_store)]
ProfileKey = Literal["outlet", "document"]
_SAFE_NAME = re.compile(r"[\w-][\w .-]{0,200}")  # a plain file name: no folders, not hidden


class PerGeneration(Generic[T]):
    """A result computed from the whole database and kept until documents are added. One
    thread computes it; the others wait for that result rather than compute it again."""

    def __init__(self, compute: Callable[[Store], T]) -> None:
        self.compute = compute
        self.lock = threading.Lock()
        self.kept: tuple[tuple[int, int], T] | None = None

    def __call__(self, db: Store) -> T:
        generation = db.generation()
        kept = self.kept
        if kept is None or kept[0] != generation:
            with self.lock:
                kept = self.kept
                if kept is None or kept[0] != generation:
                    kept = (generation, self.compute(db))
                    self.kept = kept
        return kept[1]


def _profiles(db: Store, *, lexicon: list[LoadedTerm], by: str) -> list[Profile]:
    return profiles(db.documents(), lexicon, by=by)


def create_app(
    db: str,
    *,
    allow_ingest: bool = False,
    token: str | None = None,
    issues_file: str | None = None,
    lexicon_file: str | None = None,
) -> FastAPI:
    """The web app over the database ``db``; with ``allow_ingest``, uploads need ``token``;
    positions are read on the issues of ``issues_file`` (else the bundled ones)."""
    with Store(db, create=False) as store:  # a missing database is an error before the app starts
        beside_file = store.is_file
        app_name = store.name
    app = FastAPI(title="sayso", version=__version__, description="Who said what, on whose say-so.")
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.state.db = db
    issues = load_issues(issues_file)
    lexicon = load_lexicon(lexicon_file)
    upload_token = token or secrets.token_urlsafe(16)
    app.state.name = app_name
    # uploaded files are kept beside the database file (for a database server, in the folder
    # the app runs in), so that every offset stays checkable against the file it points into
    uploads = (Path(db).resolve().parent if beside_file else Path.cwd()) / "sayso-uploads"

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        context.update(allow_ingest=allow_ingest, link=server_link)
        return TEMPLATES.TemplateResponse(request, name, context)

    # --- pages ----------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def corpus_page(
        request: Request,
        db: Db,
        page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
        genre: str | None = None,
        outlet: str | None = None,
        q: str | None = None,
    ) -> HTMLResponse:
        data = _corpus(db, page_number, genre, outlet, q)
        return page(
            request,
            "corpus.html",
            corpus=data,
            genre=genre,
            outlet=outlet,
            q=q or "",
            chart=views.months_chart(data.months),
        )

    @app.get("/documents/{document_id}", response_class=HTMLResponse)
    def document_page(request: Request, db: Db, document_id: str) -> HTMLResponse:
        return page(request, "document.html", reader=views.reader(_document(db, document_id)))

    @app.get("/actors", response_class=HTMLResponse)
    def actors_page(request: Request, db: Db, q: str | None = None) -> HTMLResponse:
        total, found = views.actor_list(db, q or None)
        return page(request, "actors.html", actors=found, total=total, q=q or "")

    @app.get("/actors/{actor_id}", response_class=HTMLResponse)
    def actor_page(request: Request, db: Db, actor_id: str) -> HTMLResponse:
        data = views.actor_page(db, actor_id)
        if data is None:
            raise HTTPException(404, f"no actor with id {actor_id}")
        return page(request, "actor.html", page_data=data)

    @app.get("/figures", response_class=HTMLResponse)
    def figures_page(
        request: Request,
        db: Db,
        order: str = "document",
        desc: bool = False,
        page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
    ) -> HTMLResponse:
        return page(request, "figures.html", figures=_figures(db, order, desc, page_number))

    @app.get("/timeline", response_class=HTMLResponse)
    def timeline_page(request: Request, db: Db, actor: str | None = None) -> HTMLResponse:
        total, events = views.events(db, actor or None)
        return page(request, "timeline.html", events=events, total=total, actor=actor or "")

    # Read from every document: computed once per state of the database (at start-up, in the
    # background, so that the first visit does not wait for them).
    found_positions = PerGeneration(lambda db: positions(db.statements(), issues))
    profiles_by = {
        by: PerGeneration(partial(_profiles, lexicon=lexicon, by=by))
        for by in ("outlet", "document")
    }
    found_claims = PerGeneration(lambda db: group_claims(db.claims()))

    def found_profiles(db: Store, by: str) -> list[Profile]:
        return profiles_by[by](db)

    app.state.warm = threading.Event()  # set once positions, profiles and claims are computed

    def warm_up() -> None:
        try:
            with Store(db, create=False) as opened:
                found_positions(opened)
                found_profiles(opened, "outlet")
                found_profiles(opened, "document")
                found_claims(opened)
        except SaysoError as error:  # the pages will say it again when asked
            app.state.warm_error = error
        finally:
            app.state.warm.set()

    @app.get("/positions", response_class=HTMLResponse)
    def positions_page(request: Request, db: Db) -> HTMLResponse:
        table = views.positions_table(found_positions(db), issues)
        return page(request, "positions.html", table=table)

    @app.get("/positions/{actor_id}/{issue_id}", response_class=HTMLResponse)
    def position_page(request: Request, db: Db, actor_id: str, issue_id: str) -> HTMLResponse:
        position = next(
            (p for p in found_positions(db) if (p.actor_id, p.issue) == (actor_id, issue_id)),
            None,
        )
        if position is None:
            raise HTTPException(404, f"no position of {actor_id} on {issue_id}")
        issue = next(i for i in issues if i.id == issue_id)
        return page(request, "position.html", position=position, issue=issue)

    threading.Thread(target=warm_up, daemon=True).start()

    @app.get("/profiles", response_class=HTMLResponse)
    def profiles_page(request: Request, db: Db, by: ProfileKey = "outlet") -> HTMLResponse:
        found = found_profiles(db, by)
        shown = found[: views.PAGE_SIZE * 4]
        return page(request, "profiles.html", found=shown, total=len(found), by=by)

    @app.get("/api/profiles")
    def api_profiles(db: Db, by: ProfileKey = "outlet") -> list[dict[str, Any]]:
        return [p.to_dict() for p in found_profiles(db, by)]

    @app.get("/claims", response_class=HTMLResponse)
    def claims_page(
        request: Request,
        db: Db,
        relation: Relation | None = None,
        q: str | None = None,
        page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
    ) -> HTMLResponse:
        data = views.claims_page(found_claims(db), relation=relation, query=q, page=page_number)
        return page(request, "claims.html", claims=data, relation=relation, q=q or "")

    @app.get("/api/claims")
    def api_claims(
        db: Db, relation: Relation | None = None, q: str | None = None
    ) -> list[dict[str, Any]]:
        """Claims compared across sources: every group with a pair of ``relation`` and a claim
        whose text holds ``q``, contradictions first; each pair labelled, with its reason."""
        return [g.to_dict() for g in matching(found_claims(db), relation, q)]

    # --- the JSON API ---------------------------------------------------------------------

    @app.get("/api/documents")
    def api_documents(
        db: Db,
        page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
        genre: str | None = None,
        outlet: str | None = None,
        q: str | None = None,
    ) -> dict[str, Any]:
        data = _corpus(db, page_number, genre, outlet, q)
        return {
            "total": data.total,
            "page": data.page,
            "pages": data.pages,
            "documents": [
                {
                    **_summary(row.document),
                    "quotes": row.quotes,
                    "actors": row.actors,
                    "figures": row.figures,
                }
                for row in data.rows
            ],
            "hits": [
                {**_summary(hit.document), "snippet": hit.snippet, "rank": hit.rank}
                for hit in data.hits
            ],
        }

    @app.get("/api/documents/{document_id}")
    def api_document(db: Db, document_id: str) -> dict[str, Any]:
        return _document(db, document_id).to_dict()

    @app.get("/api/actors")
    def api_actors(db: Db, q: str | None = None) -> dict[str, Any]:
        total, found = views.actor_list(db, q or None)
        return {"total": total, "actors": [a.to_dict() for a in found]}

    @app.get("/api/actors/{actor_id}")
    def api_actor(db: Db, actor_id: str) -> dict[str, Any]:
        data = views.actor_page(db, actor_id)
        if data is None:
            raise HTTPException(404, f"no actor with id {actor_id}")
        return {
            **data.actor.to_dict(),
            "spellings_by_document": {k: dict(v) for k, v in data.spellings_by_document.items()},
            "quotes_by": [_stored_quote(q) for q in data.quotes_by],
            "quotes_about": [_stored_quote(q) for q in data.quotes_about],
        }

    @app.get("/api/figures")
    def api_figures(
        db: Db,
        order: str = "document",
        desc: bool = False,
        page_number: Annotated[int, Query(alias="page", ge=1)] = 1,
    ) -> dict[str, Any]:
        data = _figures(db, order, desc, page_number)
        return {
            "total": data.total,
            "page": data.page,
            "pages": data.pages,
            "figures": [
                {"document_id": f.document_id, "date": f.date, **asdict(f.quantity)}
                for f in data.figures
            ],
        }

    @app.get("/api/positions")
    def api_positions(db: Db, actor: str | None = None) -> list[dict[str, Any]]:
        return [
            p.to_dict()
            for p in found_positions(db)
            if actor is None or actor.casefold() in p.actor.casefold()
        ]

    @app.get("/api/timeline")
    def api_timeline(db: Db, actor: str | None = None) -> dict[str, Any]:
        total, events = views.events(db, actor or None)
        return {"total": total, "events": [e.to_dict() for e in events]}

    # --- upload, only when allowed ----------------------------------------------------------

    if allow_ingest:

        @app.get("/upload", response_class=HTMLResponse)
        def upload_form(request: Request) -> HTMLResponse:
            return page(request, "upload.html", reports=None)

        @app.post("/upload", response_class=HTMLResponse)
        def upload(
            request: Request,
            files: Annotated[list[UploadFile], File()],
            token: Annotated[str, Form()],
        ) -> HTMLResponse:
            if not secrets.compare_digest(token.encode(), upload_token.encode()):
                raise HTTPException(403, "wrong upload token")
            settings = Settings()
            paths = []
            for upload_file in files:
                name = upload_file.filename or ""
                if not _SAFE_NAME.fullmatch(name):
                    raise HTTPException(400, f"{name!r} is not a file name sayso accepts")
                content = upload_file.file.read(settings.max_bytes + 1)
                if len(content) > settings.max_bytes:
                    raise HTTPException(413, f"{name}: over the {settings.max_bytes:,}-byte limit")
                uploads.mkdir(exist_ok=True)
                path = uploads / name  # the same name again is the next version of that file
                path.write_bytes(content)
                paths.append(str(path))
            try:
                with Store(db) as writable:
                    reports = list(ingest(paths, writable, settings))
            except StoreError as error:
                raise HTTPException(503, str(error)) from error
            return page(request, "upload.html", reports=reports)

    return app


def _corpus(
    db: Store, page: int, genre: str | None, outlet: str | None, q: str | None
) -> views.Corpus:
    try:
        return views.corpus(db, page=page, genre=genre or None, outlet=outlet or None, query=q)
    except StoreError as error:
        raise HTTPException(400, str(error)) from error


def _figures(db: Store, order: str, desc: bool, page: int) -> views.FiguresPage:
    try:
        return views.figures(db, order=order, descending=desc, page=page)
    except StoreError as error:
        raise HTTPException(400, str(error)) from error


def _document(db: Store, document_id: str) -> Document:
    try:
        return db.get(document_id)
    except StoreError as error:
        raise HTTPException(404, str(error)) from error


def _summary(doc: Document) -> dict[str, Any]:
    data = doc.to_dict()
    return {key: data[key] for key in ("id", "title", "authors", "outlet", "date", "genre")}


def _stored_quote(stored: StoredQuote) -> dict[str, Any]:
    return {"document_id": stored.document_id, "date": stored.date, **asdict(stored.quote)}
