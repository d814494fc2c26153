"""The API's response models, so that ``/docs`` shows what each answer holds.

Each model is made from the one definition of its record, never written out again: a
dataclass of the data model (a quote, a figure, a document, a position, an event) or the
TypedDict its ``to_dict`` returns (an actor, a profile, a claim group, a forecast), with the
envelope of a paged list around them. A record that changes changes its schema; an answer
that strays from its schema (a field missing, a field more) is an error, which the tests see.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields, is_dataclass
from typing import Any, get_type_hints

from pydantic import BaseModel, ConfigDict, create_model
from typing_extensions import TypedDict

from sayso.analyse.actors import ActorRecord
from sayso.analyse.claims import ClaimGroupRecord
from sayso.analyse.forecast import ForecastRecord
from sayso.analyse.positions import Position
from sayso.analyse.profiles import ProfileRecord
from sayso.model import CONTRACT_FIELDS, Claim, Document, Quantity, Quote
from sayso.store.records import Event, Located, LocatedClaim

_STRICT = ConfigDict(extra="forbid")


class Paging(TypedDict):
    """Where a page of a list is: of ``total`` items, page ``page`` of ``pages``."""

    total: int
    page: int
    pages: int
    per_page: int


class DocumentSummary(TypedDict):
    """A document as the list of documents names it."""

    id: str
    title: str | None
    authors: list[str]
    outlet: str | None
    date: str | None
    genre: str


class ListedDocument(DocumentSummary):
    quotes: int
    actors: int
    figures: int


class DocumentHit(DocumentSummary):
    snippet: str  # the matches between the characters \x02 and \x03
    rank: float  # lower first; it compares only within one search


class Status(TypedDict):
    version: str
    documents: int
    ready: bool  # whether what pages read from the whole database is computed
    process: int  # the process that answered: ``sayso serve --workers N`` has several


def model_of(
    name: str, *kinds: type, types: Mapping[str, Any] | None = None, order: Sequence[str] = ()
) -> type[BaseModel]:
    """A response model ``name`` with the fields of ``kinds`` (dataclasses or TypedDicts),
    one after the other, ``types`` adding fields or giving some another type, in ``order``
    where it is given."""
    hints: dict[str, Any] = {}
    for kind in kinds:
        declared = get_type_hints(kind)
        names = [f.name for f in fields(kind)] if is_dataclass(kind) else list(declared)
        hints.update({field: declared[field] for field in names})
    hints.update(types or {})
    return create_model(  # type: ignore[call-overload, no-any-return]
        name, __config__=_STRICT, **{field: (hints[field], ...) for field in order or hints}
    )


def listed(model: type[BaseModel]) -> Any:
    """The type of a list of ``model``, as a field or an answer has it."""
    return list[model]  # type: ignore[valid-type]


QuoteRecord = model_of("QuoteRecord", Located, Quote)
FigureRecord = model_of("FigureRecord", Located, Quantity)
ClaimRecord = model_of("ClaimRecord", LocatedClaim, Claim)
DocumentRecord = model_of(
    "DocumentRecord", Document, types={"id": str}, order=(*CONTRACT_FIELDS, "meta")
)
PositionRecord = model_of("PositionRecord", Position)
EventRecord = model_of("EventRecord", Event)
ActorModel = model_of("Actor", ActorRecord)
ProfileModel = model_of("Profile", ProfileRecord)
ForecastModel = model_of("Forecast", ForecastRecord)
ClaimGroupModel = model_of("ClaimGroup", ClaimGroupRecord, types={"claims": listed(ClaimRecord)})
StatusModel = model_of("Status", Status)

DocumentsPage = model_of(
    "DocumentsPage",
    Paging,
    types={
        "matches": int,  # how many documents match ``q`` (0 without one)
        "documents": listed(model_of("ListedDocument", ListedDocument)),
        "hits": listed(model_of("DocumentHit", DocumentHit)),
    },
)
ActorsPage = model_of("ActorsPage", Paging, types={"actors": listed(ActorModel)})
ActorPage = model_of(
    "ActorPage",
    ActorRecord,
    types={
        "spellings_by_document": dict[str, dict[str, int]],
        "quotes_by": listed(QuoteRecord),
        "quotes_by_total": int,
        "quotes_about": listed(QuoteRecord),
        "quotes_about_total": int,
    },
)
QuotesPage = model_of(
    "QuotesPage",
    Paging,
    types={"facets": dict[str, dict[str, int]], "quotes": listed(QuoteRecord)},
)
FiguresPage = model_of(
    "FiguresPage", Paging, types={"units": dict[str, int], "figures": listed(FigureRecord)}
)
TimelinePage = model_of(
    "TimelinePage", Paging, types={"months": dict[str, int], "events": listed(EventRecord)}
)
ClaimsPage = model_of("ClaimsPage", Paging, types={"groups": listed(ClaimGroupModel)})
