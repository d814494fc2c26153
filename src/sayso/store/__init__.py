"""Store: the database of documents and annotations, an SQLite file or PostgreSQL."""

from sayso.store.core import DEFAULT_DB, Store, plain_words
from sayso.store.records import (
    COUNT,
    MARK,
    Added,
    Citation,
    Event,
    EventFilter,
    FigureFilter,
    FileVersion,
    Hit,
    QuoteFilter,
    StoredClaim,
    StoredMention,
    StoredQuantity,
    StoredQuote,
    Written,
)

__all__ = [
    "COUNT",
    "DEFAULT_DB",
    "MARK",
    "Added",
    "Citation",
    "Event",
    "EventFilter",
    "FigureFilter",
    "FileVersion",
    "Hit",
    "QuoteFilter",
    "Store",
    "StoredClaim",
    "StoredMention",
    "StoredQuantity",
    "StoredQuote",
    "Written",
    "plain_words",
]
