"""Store: the embedded SQLite database."""

from sayso.store.sqlite import DEFAULT_DB, MARK, Added, Hit, Store, StoredQuote

__all__ = ["DEFAULT_DB", "MARK", "Added", "Hit", "Store", "StoredQuote"]
