"""What the store hands out, the same from either database."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from typing_extensions import TypedDict

from sayso.model import Claim, Document, Quantity, Quote

MARK = ("\x02", "\x03")  # around each match in a search snippet
Condition = tuple[str, Sequence[Any]]  # SQL over the documents ``d``, and its parameters


Kept = Literal["new", "known", "replaced"]  # what writing one document did: see ``Written``


@dataclass(frozen=True)
class Written:
    """What writing a batch of documents did."""

    new: int = 0  # documents stored for the first time
    known: int = 0  # documents already stored, now also seen in this file
    replaced: int = 0  # documents already stored, extracted again by more stages


@dataclass(frozen=True)
class Added:
    """What storing one file did."""

    version: int
    new: int  # documents stored for the first time
    known: int  # documents already stored, now also seen in this file
    unchanged: bool = False  # this version was stored already, by another run
    replaced: int = 0  # documents already stored, extracted again by more stages


@dataclass(frozen=True)
class FileVersion:
    """A version of an input file that documents are being written to."""

    id: int
    path: str
    version: int


@dataclass(frozen=True)
class Citation:
    """How a document is named where something in it is cited: its outlet, date and title
    (or, without one, its opening words in brackets), never a bare hash."""

    document_id: str
    outlet: str | None
    date: str | None
    title: str

    def __str__(self) -> str:
        parts = (self.outlet, (self.date or "")[:10], self.title)
        return " · ".join(part for part in parts if part)


class Located(TypedDict):
    """Where an item listed from the store is: the first fields of the record of every
    quote, figure and claim, before the item's own."""

    document_id: str
    outlet: str | None
    date: str | None


class LocatedClaim(Located):
    title: str | None  # the title of the claim's document: claims are compared across them


def _where(document_id: str, outlet: str | None, date: str | None) -> Located:
    return {"document_id": document_id, "outlet": outlet, "date": date}


@dataclass(frozen=True)
class StoredQuote:
    """A quote as listed from the store: which document it is in, and the quote itself."""

    document_id: str
    date: str | None
    outlet: str | None
    quote: Quote

    def to_dict(self) -> dict[str, Any]:
        """The record of a quote everywhere (command line, API, downloads): where it is,
        then the quote's own fields."""
        return {**_where(self.document_id, self.outlet, self.date), **asdict(self.quote)}


@dataclass(frozen=True)
class QuoteFilter:
    """Which quotes a list keeps; every field given must hold. Dates are ISO prefixes of the
    document's date, both ends kept ("2022", "2022-02", "2022-02-24")."""

    text: str | None = None  # words or "a phrase" the quote holds, whole words, any case
    speaker: str | None = None  # a part of the speaker's name or of the words naming them
    said_by: tuple[str, ...] | None = None  # the speaker's resolved name is one of these
    not_said_by: tuple[str, ...] | None = None  # ... is none of these (or is unresolved)
    naming: tuple[str, ...] | None = None  # it names one of these actors (their ids)
    speaker_type: str | None = None
    outlet: str | None = None
    kind: str | None = None
    since: str | None = None
    until: str | None = None
    document: str | None = None  # a document's id or a prefix of one


@dataclass(frozen=True)
class EventFilter:
    """Which events a timeline keeps; every field given must hold. Dates are ISO prefixes of
    the event's date, both ends kept: an event dated only "2022" is not in "2022-02"."""

    actor_ids: tuple[str, ...] | None = None  # its sentence names one of these actors
    outlet: str | None = None
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True)
class FigureFilter:
    """Which figures a list keeps; every field given must hold. Dates are ISO prefixes of the
    document's date, both ends kept."""

    about: str | None = None  # words the counted thing holds, each ("russian killed")
    unit: str | None = None  # "USD", "km"...; ``COUNT`` for figures without a unit
    outlet: str | None = None
    since: str | None = None
    until: str | None = None


COUNT = "count"  # the unit filter that keeps plain counts (figures with no unit)


@dataclass(frozen=True)
class StoredQuantity:
    """A figure with the document it is in."""

    document_id: str
    date: str | None
    outlet: str | None
    quantity: Quantity

    def to_dict(self) -> dict[str, Any]:
        """The record of a figure everywhere: where it is, then the figure's own fields."""
        return {**_where(self.document_id, self.outlet, self.date), **asdict(self.quantity)}


@dataclass(frozen=True)
class StoredClaim:
    """A claim with the document it is in: what is compared across sources."""

    document_id: str
    title: str | None
    outlet: str | None
    date: str | None
    claim: Claim

    def to_dict(self) -> dict[str, Any]:
        """The record of a claim everywhere: where it is (with its document's title), then
        the claim's own fields."""
        where = _where(self.document_id, self.outlet, self.date)
        return {**LocatedClaim(**where, title=self.title), **asdict(self.claim)}


@dataclass(frozen=True)
class StoredMention:
    """One mention of an actor, where it is."""

    document_id: str
    actor_id: str
    name: str
    type: str
    qid: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Hit:
    """A search result: the document and a snippet with the matches between ``MARK`` pairs.
    ``rank`` orders the hits, lower first; it compares only within one search."""

    document: Document
    snippet: str
    rank: float


@dataclass(frozen=True)
class Event:
    """A dated sentence of a document: an event of the timeline."""

    date: str  # ISO, of the granularity below
    granularity: str
    document_id: str
    outlet: str | None
    sentence: str
    start: int  # of the sentence, in the document's text
    end: int
    date_text: str  # the words that date it ("last month")
    actors: tuple[str, ...]  # canonical names of the actors the sentence names
    source: str | None  # the speaker when the sentence is inside a quote

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
