"""The web app's HTML pages: server-rendered Jinja2 (autoescaped: articles can hold
``<script>``), one small script for the reader, no build step. Each page has its JSON twin
in ``api``."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse

from sayso.analyse.claims import Relation
from sayso.analyse.forecast import RUNS_SHOWN
from sayso.present import views
from sayso.present.pages import server_link
from sayso.present.web import queries
from sayso.present.web.queries import (
    EventQuery,
    FigureQuery,
    Page,
    PageNumber,
    PerPage,
    PositionKey,
    ProfileKey,
    QuoteQuery,
)
from sayso.present.web.state import TEMPLATES, App, Db, render

MAX_CHARTED = 5_000  # the most figures of one measured quantity a chart draws

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/")
def corpus_page(
    request: Request,
    app: App,
    db: Db,
    page_number: PageNumber = 1,
    genre: str | None = None,
    outlet: str | None = None,
    q: str | None = None,
) -> HTMLResponse:
    data = queries.corpus(db, page_number, genre, outlet, q, app.fresh(db, app.months))
    return render(
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


@router.get("/documents/{document_id}")
def document_page(request: Request, db: Db, document_id: str) -> HTMLResponse:
    reader = views.reader(queries.document(db, document_id))
    return render(request, "document.html", reader=reader)


@router.get("/actors")
def actors_page(
    request: Request,
    app: App,
    db: Db,
    q: str | None = None,
    page_number: PageNumber = 1,
    per_page: PerPage = views.PAGE_SIZE,
) -> HTMLResponse:
    found, at = views.actor_list(
        db, q or None, page=page_number, per_page=per_page, everyone=app.fresh(db, app.actors)
    )
    return render(request, "actors.html", actors=found, paging=at, q=q or "")


@router.get("/actors/{actor_id}")
def actor_page(
    request: Request, db: Db, actor_id: str, by_page: Page = 1, about_page: Page = 1
) -> HTMLResponse:
    data = views.actor_page(db, actor_id, by_page=by_page, about_page=about_page)
    if data is None:
        raise HTTPException(404, f"no actor with id {actor_id}")
    return render(request, "actor.html", page_data=data)


@router.get("/figures")
def figures_page(
    request: Request, db: Db, filters: Annotated[FigureQuery, Depends()]
) -> HTMLResponse:
    """Figures, filtered and sortable; ``about`` keeps those of one measured quantity and
    charts every one of them over time, by source."""
    found = queries.figures(db, filters)
    chart, charted = "", 0
    if filters.about:
        _, every = db.quantities(filters.where(), limit=MAX_CHARTED)
        chart, charted = views.figures_chart(every, server_link), len(every)
    return render(request, "figures.html", figures=found, figures_chart=chart, charted=charted)


@router.get("/timeline")
def timeline_page(
    request: Request, app: App, db: Db, filters: Annotated[EventQuery, Depends()]
) -> HTMLResponse:
    found = queries.timeline(db, filters, app.fresh(db, app.actors))
    at = found.paging.params
    chart = views.months_chart(
        found.months,
        "events",
        lambda period: "/timeline?" + urlencode({**at, "since": period, "until": period}),
    )
    return render(request, "timeline.html", timeline=found, timeline_chart=chart)


@router.get("/quotes")
def quotes_page(
    request: Request, db: Db, filters: Annotated[QuoteQuery, Depends()]
) -> HTMLResponse:
    return render(request, "quotes.html", quotes=queries.quotes(db, filters))


@router.get("/positions")
def positions_page(
    request: Request,
    app: App,
    db: Db,
    by: PositionKey = "party",
    sort: str = "name",
    party: str | None = None,
) -> HTMLResponse:
    found = app.fresh(db, app.positions[by])
    table = views.positions_table(found, app.issues, by, sort, party or None)
    return render(request, "positions.html", table=table, party=party or "")


@router.get("/positions/{by}/{key}/{issue_id}")
def position_page(
    request: Request, app: App, db: Db, by: PositionKey, key: str, issue_id: str
) -> HTMLResponse:
    found = app.fresh(db, app.positions[by])
    position = next((p for p in found if (p.key, p.issue) == (key, issue_id)), None)
    if position is None:
        raise HTTPException(404, f"no position of {key} on {issue_id}")
    issue = next(i for i in app.issues if i.id == issue_id)
    citations = db.citations({e.document_id for e in position.evidence})
    return render(request, "position.html", position=position, issue=issue, citations=citations)


@router.get("/forecast")
def forecast_page(request: Request, app: App, db: Db) -> HTMLResponse:
    shown = views.issue_forecasts(app.fresh(db, app.forecasts), app.issues)
    return render(request, "forecast.html", forecasts=shown, runs=RUNS_SHOWN)


@router.get("/profiles")
def profiles_page(
    request: Request, app: App, db: Db, by: ProfileKey = "outlet", page_number: PageNumber = 1
) -> HTMLResponse:
    found = app.fresh(db, app.profiles[by])
    at = views.paging(len(found), page_number, params={"by": by})
    shown = found[at.offset : at.offset + at.per_page]
    citations = db.citations({p.name for p in shown}) if by == "document" else {}
    return render(
        request, "profiles.html", found=shown, profile_paging=at, by=by, citations=citations
    )


@router.get("/claims")
def claims_page(
    request: Request,
    app: App,
    db: Db,
    relation: Relation | None = None,
    q: str | None = None,
    page_number: PageNumber = 1,
) -> HTMLResponse:
    groups = app.fresh(db, app.claims)
    data = views.claims_page(groups, relation=relation, query=q, page=page_number)
    citations = db.citations({c.document_id for g in data.groups for c in g.claims})
    return render(
        request, "claims.html", claims=data, relation=relation, q=q or "", citations=citations
    )


@router.get("/docs")
def api_docs(request: Request) -> HTMLResponse:
    """The API's documentation: Swagger UI, its files served from here (it works offline)."""
    return TEMPLATES.TemplateResponse(request, "api_docs.html", {})
