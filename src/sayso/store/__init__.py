"""Store: the embedded SQLite database."""

from sayso.store.sqlite import (
    DEFAULT_DB,
    MARK,
    Added,
    FileVersion,
    Hit,
    Store,
    StoredMention,
    StoredQuantity,
    StoredQuote,
    plain_words,
)

__all__ = [
    "DEFAULT_DB",
    "MARK",
    "Added",
    "FileVersion",
    "Hit",
    "Store",
    "StoredMention",
    "StoredQuantity",
    "StoredQuote",
    "plain_words",
]
