"""The JSON API under ``/api``: every page's data, each answer with its response model
(``schemas``), so that ``/docs`` shows what it holds. A list also comes whole, as a file
(``download=csv`` or ``jsonl``), with the same records as its pages."""

from __future__ import annotations

import functools
import io
import os
from collections.abc import Callable, Mapping, Sequence
from contextlib import nullcontext
from typing import Annotated, Any, ParamSpec

from fastapi import APIRouter, Depends, HTTPException
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response

from sayso import __version__
from sayso.analyse import actors
from sayso.analyse.claims import ClaimGroup, Link, Relation, matching
from sayso.analyse.forecast import ForecastRecord
from sayso.analyse.positions import Position
from sayso.analyse.profiles import ProfileRecord
from sayso.model import Document
from sayso.present import export, views
from sayso.present.web import queries, schemas
from sayso.present.web.queries import (
    SEARCH_S,
    Download,
    EventQuery,
    FigureQuery,
    Page,
    PageNumber,
    PerPage,
    PositionKey,
    ProfileKey,
    QuoteQuery,
)
from sayso.present.web.schemas import DocumentSummary, ListedDocument, Paging, Status
from sayso.present.web.state import App, Db
from sayso.store import Store

router = APIRouter(prefix="/api")
Endpoint = ParamSpec("Endpoint")
# what a list given whole, as a file, comes as
DOWNLOADS: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "A page of the list; with ``download``, the whole list as a file.",
        "content": {"text/csv": {}, "application/x-ndjson": {}},
    }
}


def answered(endpoint: Callable[Endpoint, object]) -> Callable[Endpoint, Response]:
    """An endpoint whose answer is sent as it is: its response model documents it (``/docs``)
    without being checked on each request, so that a value the data model does not list (a
    genre a plug-in stage gave) is served, not refused. The tests hold every answer to its
    model (``tests/test_web.py``)."""

    @functools.wraps(endpoint)
    def answer(*args: Endpoint.args, **kwargs: Endpoint.kwargs) -> Response:
        result = endpoint(*args, **kwargs)
        return result if isinstance(result, Response) else JSONResponse(jsonable_encoder(result))

    return answer


@router.get("/status", response_model=schemas.StatusModel)
@answered
def api_status(app: App, db: Db) -> Status:
    """Whether the server is up, how many documents it holds, whether what the pages read
    from the whole database is computed yet (``ready``), and by which process it answers
    (``sayso serve --workers N`` has several, each ready in its own time)."""
    return {
        "version": __version__,
        "documents": db.count(),
        "ready": app.warm.is_set(),
        "process": os.getpid(),
    }


@router.get("/documents", response_model=schemas.DocumentsPage, responses=DOWNLOADS)
@answered
def api_documents(
    app: App,
    db: Db,
    page_number: PageNumber = 1,
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
    data = queries.corpus(db, page_number, genre, outlet, q, app.fresh(db, app.months))
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


@router.get("/documents/{document_id}", response_model=schemas.DocumentRecord)
@answered
def api_document(db: Db, document_id: str) -> dict[str, Any]:
    """A document whole: its text, what describes it, and every layer found in it."""
    return queries.document(db, document_id).to_dict()


@router.get("/actors", response_model=schemas.ActorsPage, responses=DOWNLOADS)
@answered
def api_actors(
    app: App,
    db: Db,
    q: str | None = None,
    page_number: PageNumber = 1,
    per_page: PerPage = views.PAGE_SIZE,
    download: Download = None,
) -> dict[str, Any] | Response:
    """A page of the actors, most named first; ``q`` keeps those whose name, a spelling
    or id holds it. ``download=csv`` (or ``jsonl``): every one of them, as a file."""
    everyone = app.fresh(db, app.actors)
    if download:
        found = actors(db, query=q or None, everyone=everyone)
        return _download("actors", [a.to_dict() for a in found], download)
    shown, at = views.actor_list(
        db, q or None, page=page_number, per_page=per_page, everyone=everyone
    )
    return {**_paging(at), "actors": [a.to_dict() for a in shown]}


@router.get("/actors/{actor_id}", response_model=schemas.ActorPage)
@answered
def api_actor(
    db: Db,
    actor_id: str,
    by_page: Page = 1,
    about_page: Page = 1,
    per_page: PerPage = views.PAGE_SIZE,
) -> dict[str, Any]:
    """An actor: its spellings by document, a page of the quotes it gave (``by_page``)
    and of those others gave that name it (``about_page``), with how many of each."""
    data = views.actor_page(db, actor_id, by_page=by_page, about_page=about_page, per_page=per_page)
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


@router.get("/quotes", response_model=schemas.QuotesPage, responses=DOWNLOADS)
@answered
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
    found = queries.quotes(db, filters)
    return {
        **_paging(found.paging),
        "facets": {k: dict(v) for k, v in found.facets.items()},
        "quotes": [q.to_dict() for q in found.quotes],
    }


@router.get("/figures", response_model=schemas.FiguresPage, responses=DOWNLOADS)
@answered
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
        _, every = db.quantities(where, order=filters.order, descending=filters.desc, limit=total)
        return _download("figures", [f.to_dict() for f in every], download)
    data = queries.figures(db, filters)
    return {
        **_paging(data.paging),
        "units": dict(data.units),
        "figures": [f.to_dict() for f in data.figures],
    }


@router.get("/timeline", response_model=schemas.TimelinePage, responses=DOWNLOADS)
@answered
def api_timeline(
    app: App, db: Db, filters: Annotated[EventQuery, Depends()], download: Download = None
) -> dict[str, Any] | Response:
    """A page of the dated events, oldest first (``order=newest``: newest first), naming
    ``actor``, of ``outlet``, between the ISO dates (or prefixes: "2022", "2022-02")
    ``since`` and ``until``; with the events per month. ``download=csv`` (or ``jsonl``):
    every event kept, as a file."""
    everyone = app.fresh(db, app.actors)
    if download:
        where = filters.where(db, everyone)
        _, every = db.events(where, newest_first=filters.order == "newest")
        return _download("timeline", [e.to_dict() for e in every], download)
    found = queries.timeline(db, filters, everyone)
    return {
        **_paging(found.paging),
        "months": dict(found.months),
        "events": [e.to_dict() for e in found.events],
    }


@router.get(
    "/positions", response_model=schemas.listed(schemas.PositionRecord), responses=DOWNLOADS
)
@answered
def api_positions(
    app: App,
    db: Db,
    by: PositionKey = "party",
    name: str | None = None,
    issue: str | None = None,
    download: Download = None,
) -> list[dict[str, Any]] | Response:
    """Each party's (or actor's) position on each issue, with its statements; ``name``
    keeps those whose name holds it, ``issue`` one issue. ``download=csv`` (or
    ``jsonl``): the same, as a file."""
    found = [p.to_dict() for p in app.fresh(db, app.positions[by]) if _kept(p, name, issue)]
    return _download("positions", found, download) if download else found


@router.get("/forecast", response_model=schemas.listed(schemas.ForecastModel))
@answered
def api_forecast(app: App, db: Db, issue: str | None = None) -> list[ForecastRecord]:
    """Where each issue's bargaining ends by each model, from the positions map: the
    forecast, the 5-95% range of 300 draws of the inputs and the inputs that move it
    most, and each party's position, salience, capability and statements."""
    found = app.fresh(db, app.forecasts)
    return [f.to_dict() for f in found if issue is None or f.issue == issue]


@router.get("/profiles", response_model=schemas.listed(schemas.ProfileModel), responses=DOWNLOADS)
@answered
def api_profiles(
    app: App, db: Db, by: ProfileKey = "outlet", download: Download = None
) -> list[ProfileRecord] | Response:
    """How each outlet (or document) frames the story; ``download=csv`` (or ``jsonl``):
    the same, as a file."""
    found = [p.to_dict() for p in app.fresh(db, app.profiles[by])]
    return _download("profiles", found, download) if download else found


@router.get("/claims", response_model=schemas.ClaimsPage, responses=DOWNLOADS)
@answered
def api_claims(
    app: App,
    db: Db,
    relation: Relation | None = None,
    q: str | None = None,
    page_number: PageNumber = 1,
    download: Download = None,
) -> dict[str, Any] | Response:
    """Claims compared across sources, a page of groups at a time: every group with a pair
    of ``relation`` and a claim whose text holds ``q``, contradictions first; each pair
    labelled, with its reason. ``download=csv`` (or ``jsonl``): every labelled pair of
    those groups, a row each, both claims beside each other, as a file."""
    groups = app.fresh(db, app.claims)
    if download:
        kept = matching(groups, relation, q)
        pairs = [_pair(group, link) for group in kept for link in group.links]
        return _download("claim-pairs", pairs, download)
    data = views.claims_page(groups, relation=relation, query=q, page=page_number)
    return {**_paging(data.paging), "groups": [g.to_dict() for g in data.groups]}


def _kept(position: Position, name: str | None, issue: str | None) -> bool:
    return (name is None or name.casefold() in position.name.casefold()) and (
        issue is None or position.issue == issue
    )


def _download(name: str, records: Sequence[Mapping[str, Any]], format: str) -> Response:
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
) -> Sequence[Mapping[str, Any]]:
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


def _listed(doc: Document, quotes: int, actors: int, figures: int) -> ListedDocument:
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


def _paging(at: views.Paging) -> Paging:
    return {"total": at.total, "page": at.page, "pages": at.pages, "per_page": at.per_page}


def _summary(doc: Document) -> DocumentSummary:
    return {
        "id": doc.id,
        "title": doc.title,
        "authors": doc.authors,
        "outlet": doc.outlet,
        "date": doc.date,
        "genre": doc.genre,
    }
