"""Counts kept beside the layers, so list pages need not count every row on each view.

``list_counts`` holds, per list (events, quotes, claims, articles), how many rows share a day,
a type, a country, a factuality and a publisher. A list's total, its facet counts and its time
axis under the filters those columns answer (``SUMMARY_FILTERS``) are sums over it: a few
thousand rows on a 100,000-article store instead of 400,000 events. Other filters (a word of
the text, an actor, a substring of the source) are counted from the rows themselves.

The counts are derived and kept exact in the transaction that saves articles: ``subtract``
removes what the old rows of replaced articles counted (before they are deleted), ``add``
counts the rows just stored; migration 5 fills the table of an existing store with ``fill``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from dateline.store import schema

_CHUNK = 500
KEY = ("day", "type", "country", "factuality", "publisher")
# The filters each summarized list answers from the counts; any other filter counts the rows.
SUMMARY_FILTERS: dict[str, frozenset[str]] = {
    "events": frozenset({"type", "country", "since", "until"}),
    "quotes": frozenset({"type", "since", "until"}),
    "claims": frozenset({"since", "until"}),
    "articles": frozenset({"since", "until"}),
}
# How each list's type filter compares (as query.py does on the rows): event types upper case,
# quote kinds lower case.
TYPE_CASE: dict[str, Callable[[str], str]] = {"events": str.upper, "quotes": str.lower}
# The summary column behind each facet column of a list (facets.py's FACETS).
FACET_COLUMNS: dict[str, dict[str, str]] = {
    "events": {"type": "type", "country": "country", "factuality": "factuality",
               "publisher": "publisher"},
    "quotes": {"kind": "type", "publisher": "publisher"},
    "claims": {"what": "type", "publisher": "publisher"},
    "articles": {"source": "publisher"},
}


def _blank(column: sa.ColumnElement[Any]) -> sa.ColumnElement[Any]:
    return sa.func.coalesce(column, "")


GRAINS = {"d": 10, "m": 7}   # the day column of each grain: a whole day, or its month


def _grouped(layer: str, ids: Sequence[str] | None, grain: str) -> sa.Select[Any]:
    """The (layer, grain, key..., n) rows that ``layer``'s rows of articles ``ids`` (all: None)
    count."""
    a = schema.articles
    none = sa.literal("")
    if layer == "articles":
        table: sa.Table = a
        values = [a.c.day, none, none, none, _blank(a.c.source)]
        article_id = a.c.id
    else:
        table = {"events": schema.events, "quotes": schema.quotes, "claims": schema.claims}[layer]
        kind = table.c[{"events": "type", "quotes": "kind", "claims": "what"}[layer]]
        values = [table.c.day, _blank(kind),
                  _blank(table.c.country) if layer == "events" else none,
                  _blank(table.c.factuality) if layer == "events" else none,
                  _blank(a.c.source)]
        article_id = table.c.article_id
    if grain == "m":
        values[0] = sa.func.substr(values[0], 1, GRAINS[grain])
    columns = [v.label(k) for v, k in zip(values, KEY, strict=True)]
    stmt = sa.select(sa.literal(layer).label("layer"), sa.literal(grain).label("grain"),
                     *columns, sa.func.count().label("n"))
    stmt = stmt.select_from(table if table is a else table.join(a, a.c.id == article_id))
    if ids is not None:
        stmt = stmt.where(article_id.in_(list(ids)))
    return stmt.group_by(*values)


def fill(conn: sa.Connection) -> None:
    """Count every stored row into ``list_counts`` (migration 5; the table is empty)."""
    lc = schema.list_counts
    for layer in SUMMARY_FILTERS:
        for grain in GRAINS:
            conn.execute(lc.insert().from_select(["layer", "grain", *KEY, "n"],
                                                 _grouped(layer, None, grain)))


def add(conn: sa.Connection, article_ids: Sequence[str]) -> None:
    """Count the stored rows of ``article_ids`` in."""
    _change(conn, article_ids, +1)


def subtract(conn: sa.Connection, article_ids: Sequence[str]) -> None:
    """Count the stored rows of ``article_ids`` out (before they are deleted or replaced)."""
    _change(conn, article_ids, -1)


def _change(conn: sa.Connection, article_ids: Sequence[str], sign: int) -> None:
    lc = schema.list_counts
    ids = list(dict.fromkeys(article_ids))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        rows = [dict(r._mapping) for layer in SUMMARY_FILTERS for grain in GRAINS
                for r in conn.execute(_grouped(layer, chunk, grain))]
        if not rows:
            continue
        for row in rows:
            row["n"] *= sign
        insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        stmt = insert(lc)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=["layer", "grain", *KEY], set_={"n": lc.c.n + stmt.excluded.n}),
            rows)
    if sign < 0 and ids:
        conn.execute(lc.delete().where(lc.c.n <= 0))
