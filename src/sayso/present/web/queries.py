"""What the pages and the API read from an address: the filters of each list, and the lists
they keep, the same for a page and for its API."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import HTTPException, Query

from sayso.analyse import ActorSummary, event_filter
from sayso.errors import StoreError
from sayso.isodate import ISO_PREFIX
from sayso.model import Document
from sayso.present import views
from sayso.store import EventFilter, FigureFilter, QuoteFilter, Store

SEARCH_S = 1.5  # a full-text search, whose syntax lets a query cost much, after this long
MAX_PER_PAGE = 500  # the most items a page of a list may ask for

IsoPrefix = Annotated[str | None, Query(pattern=f"^(?:{ISO_PREFIX})?$")]  # or left empty
PerPage = Annotated[int, Query(ge=1, le=MAX_PER_PAGE)]
Page = Annotated[int, Query(ge=1)]
PageNumber = Annotated[int, Query(alias="page", ge=1)]
Download = Literal["csv", "jsonl"] | None  # a list whole, as a file, instead of a page
ProfileKey = Literal["outlet", "document"]
PositionKey = Literal["party", "actor"]


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


def corpus(
    db: Store,
    page: int,
    genre: str | None,
    outlet: str | None,
    q: str | None,
    months: list[tuple[str, int]],
) -> views.Corpus:
    """A page of the documents, or of the documents that match ``q`` (400 for a search the
    index cannot read)."""
    with _bad_query_refused():
        return views.corpus(
            db,
            page=page,
            genre=genre or None,
            outlet=outlet or None,
            query=q,
            search_seconds=SEARCH_S,
            months=months,
        )


def figures(db: Store, filters: FigureQuery) -> views.FiguresPage:
    with _bad_query_refused():
        return views.figures(
            db,
            filters.where(),
            order=filters.order,
            descending=filters.desc,
            page=filters.page,
            per_page=filters.per_page,
        )


@contextmanager
def _bad_query_refused() -> Iterator[None]:
    """A query the store cannot read (a search's syntax, a sort it does not know) answered
    400 with the store's words; any other store error passes on."""
    try:
        yield
    except StoreError as error:
        if error.code != "bad-query":
            raise
        raise HTTPException(400, str(error)) from error


def quotes(db: Store, filters: QuoteQuery) -> views.QuotesPage:
    """A page of quotes; their words searched for at most ``SEARCH_S``."""
    with db.time_limit(SEARCH_S) if filters.q else nullcontext():
        return views.quotes_page(db, filters.where(), page=filters.page, per_page=filters.per_page)


def timeline(db: Store, filters: EventQuery, everyone: list[ActorSummary]) -> views.TimelinePage:
    return views.timeline_page(
        db,
        filters.where(db, everyone),
        params={k: getattr(filters, k) for k in ("actor", "outlet", "since", "until")},
        newest_first=filters.order == "newest",
        page=filters.page,
        per_page=filters.per_page,
    )


def document(db: Store, document_id: str) -> Document:
    """The document of ``document_id``, or 404."""
    try:
        return db.get(document_id)
    except StoreError as error:
        if error.code in {"timeout", "busy"}:
            raise
        raise HTTPException(404, str(error)) from error
