"""The only output I/O: a database of articles and their annotations, on SQLite or PostgreSQL.

    >>> from dateline.store import open_store
    >>> store = open_store("sqlite:///corpus.db")      # or postgresql://user@host/db
    >>> store.save(doc)                                 # one transaction; re-saving is a no-op
    >>> page = query(store, "events", Filters(country="IR"), limit=50)
"""

from __future__ import annotations

from dateline.store.query import TABLES, Filters, Page, query
from dateline.store.store import RunCounts, Saved, Store, extractor_id

__all__ = ["TABLES", "Filters", "Page", "RunCounts", "Saved", "Store", "extractor_id",
           "open_store", "query"]


def open_store(url: str | None = None) -> Store:
    """Open (and create or migrate) the store at ``url``; SQLite ``dateline.db`` by default."""
    return Store(url)
