"""What every route of the web app reads: the app's own state (its database, its issues, what
is computed from the whole database), a store for each request, and the page renderer."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from sayso.analyse import ActorSummary
from sayso.analyse.claims import ClaimGroup
from sayso.analyse.forecast import Forecast
from sayso.analyse.positions import Position
from sayso.analyse.profiles import Profile
from sayso.issues import Issue
from sayso.present.computed import Background, Computed
from sayso.present.pages import environment, server_link
from sayso.store import Store
from sayso.store.pool import StorePool

TEMPLATES = Jinja2Templates(env=environment())
T = TypeVar("T")
QUERY_S = 10.0  # a request's queries together stop after this long (503, try again)
FRESH_WAIT_S = 5.0  # how long a page waits for what is computed again after documents arrive


@dataclass
class Served:
    """One app's state: its database's connections, the issues positions are read on, and what
    pages read from the whole database, computed in the background (``computed``), each
    recomputed when documents arrive."""

    issues: list[Issue]
    pool: StorePool
    background: Background
    allow_ingest: bool
    positions: dict[str, Computed[list[Position]]]  # by party, by actor
    profiles: dict[str, Computed[list[Profile]]]  # by outlet, by document
    claims: Computed[list[ClaimGroup]]
    forecasts: Computed[list[Forecast]]
    actors: Computed[list[ActorSummary]]
    months: Computed[list[tuple[str, int]]]  # quotes per month
    warm: threading.Event = field(default_factory=threading.Event)  # each computed once

    def fresh(self, db: Store, result: Computed[T], wait: float | None = FRESH_WAIT_S) -> T:
        """``result`` as computed for the database's state now (waiting ``wait`` at most)."""
        return result.get(db.generation(), wait)


def _served(request: Request) -> Served:
    served: Served = request.app.state.served
    return served


def _store(request: Request) -> Iterator[Store]:
    """A connection of the pool for one request, its queries under the time limit."""
    with request.app.state.served.pool.store() as opened, opened.time_limit(QUERY_S):
        yield opened


App = Annotated[Served, Depends(_served)]
Db = Annotated[Store, Depends(_store)]


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """The page of template ``name``, with what every page shows (links, the upload form's
    link where uploads are allowed)."""
    context.update(allow_ingest=_served(request).allow_ingest, link=server_link)
    return TEMPLATES.TemplateResponse(request, name, context, status_code=status)
