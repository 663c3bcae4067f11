"""Counts kept beside the layers, so list pages need not count every row on each view.

``list_counts`` holds, per list (events, quotes, claims, articles), how many rows share a day,
a type, a country, a factuality, a publisher and a wire agency. A list's total, its facet
counts and its time axis under the filters those columns answer (``SUMMARY_FILTERS``) are sums
over it: a few thousand rows on a 100,000-article store instead of 400,000 events. Other
filters (a word of the text, an actor) are counted from the rows themselves.

``source=`` is answered from it too (store/facets.py): the counts whose publisher or agency
holds the value, plus the rows counted from their tables whose own in-text source holds it
while their article's publisher and agency do not (``own_source_counts``: few), so that no
row is counted twice.

The counts are derived and kept exact in the transaction that saves articles: ``subtract``
removes what the old rows of replaced articles counted (before they are deleted), ``add``
counts the rows just stored; migration 5 fills the table of an existing store with ``fill``,
and migration 9 rebuilds it with the agency in its key (``rebuild``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from dateline.store import schema, sources

_CHUNK = 500
KEY = ("day", "type", "country", "factuality", "publisher", "agency")
# The filters each summarized list answers from the counts; any other filter counts the rows.
SUMMARY_FILTERS: dict[str, frozenset[str]] = {
    "events": frozenset({"type", "country", "factuality", "since", "until", "source"}),
    "quotes": frozenset({"type", "since", "until", "source"}),
    "claims": frozenset({"since", "until", "source"}),
    "articles": frozenset({"since", "until", "source"}),
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


LAYERS = {"events": schema.events, "quotes": schema.quotes, "claims": schema.claims}


def _grouped(layer: str, ids: Sequence[str] | None, grain: str,
             where: Sequence[sa.ColumnElement[bool]] = ()) -> sa.Select[Any]:
    """The (layer, grain, key..., n) rows that ``layer``'s rows of articles ``ids`` (all: None)
    count (only those ``where`` keeps: terms on the layer's table and ``schema.articles``)."""
    a = schema.articles
    none = sa.literal("")
    publishers = [_blank(a.c.source), _blank(a.c.dateline_agency)]
    if layer == "articles":
        table: sa.Table = a
        values = [a.c.day, none, none, none, *publishers]
        article_id = a.c.id
    else:
        table = LAYERS[layer]
        kind = table.c[{"events": "type", "quotes": "kind", "claims": "what"}[layer]]
        values = [table.c.day, _blank(kind),
                  _blank(table.c.country) if layer == "events" else none,
                  _blank(table.c.factuality) if layer == "events" else none,
                  *publishers]
        article_id = table.c.article_id
    if grain == "m":
        values[0] = sa.func.substr(values[0], 1, GRAINS[grain])
    columns = [v.label(k) for v, k in zip(values, KEY, strict=True)]
    stmt = sa.select(sa.literal(layer).label("layer"), sa.literal(grain).label("grain"),
                     *columns, sa.func.count().label("n"))
    stmt = stmt.select_from(table if table is a else table.join(a, a.c.id == article_id))
    if ids is not None:
        stmt = stmt.where(article_id.in_(list(ids)))
    if where:
        stmt = stmt.where(*where)
    return stmt.group_by(*values)


def own_source_counts(layer: str, grain: str, where: Sequence[sa.ColumnElement[bool]],
                      names: sa.Select[Any] | sa.CompoundSelect[Any], *, by_rowid: bool
                      ) -> sa.Select[Any] | None:
    """The (layer, grain, key..., n) counts of ``layer``'s rows kept by ``where`` whose own
    in-text source is among ``names`` while their article's publisher and agency are not:
    what a source filter keeps beyond the counts of matching publishers and agencies (None
    for articles, which have no source of their own). ``by_rowid`` (SQLite): read the rows
    through the indexes of their source columns, one per column."""
    table = LAYERS.get(layer)
    if table is None:
        return None
    a = schema.articles
    columns = sources.COLUMNS[layer]
    own: sa.ColumnElement[bool]
    if by_rowid:
        own = sources.rowid(table).in_(sources.rows_named(table, names))
    else:
        own = sa.or_(*(table.c[c].in_(names) for c in columns))
    not_named = [~_blank(a.c.source).in_(names), ~_blank(a.c.dateline_agency).in_(names)]
    return _grouped(layer, None, grain, [*where, own, *not_named])


def rebuild(conn: sa.Connection) -> None:
    """Drop ``list_counts``, create it as schema.py has it now and count every row in
    (migration 9: the agency joined the key)."""
    schema.list_counts.drop(conn, checkfirst=True)
    schema.list_counts.create(conn)
    fill(conn)


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
