"""Totals and facet counts of a filtered list: how many rows match, and how many of them have
each type, country or publisher.

A facet is counted with every filter but its own, so that each count is what the list would
hold with that value chosen instead (``type=ASSAULT`` shows the other types' counts too).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.visitors import iterate

from dateline.store import schema
from dateline.store.query import Filters, _spec, check_filters
from dateline.store.store import Store


@dataclass(frozen=True, slots=True)
class Facet:
    """Counts of one column's values among the matching rows, the commonest first."""

    column: str                   # the output column counted
    label: str                    # its name on a page
    filter: str | None            # the filter a value narrows to (None: counted only)
    values: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"column": self.column, "filter": self.filter,
                "values": [{"value": v, "count": n} for v, n in self.values]}


# (output column, label, the filter a click sets) per table.
FACETS: dict[str, tuple[tuple[str, str, str | None], ...]] = {
    "events": (("type", "Type", "type"), ("country", "Country", "country"),
               ("factuality", "Factuality", None), ("publisher", "Publisher", "source")),
    "quotes": (("kind", "Kind", "type"), ("publisher", "Publisher", "source")),
    "claims": (("what", "Counts", "what"), ("publisher", "Publisher", "source")),
    "articles": (("source", "Publisher", "source"),),
    "entities": (("label", "Label", "type"),),
    "stories": (("type", "Type", "type"), ("country", "Country", "country")),
    "incidents": (("type", "Type", "type"), ("country", "Country", "country"),
                  ("factuality", "Factuality", None)),
    "places": (("role", "Role", "type"), ("country_code", "Country", "country")),
    "times": (("kind", "Kind", "type"),),
}


def _rows(table: str, filters: Filters) -> sa.Subquery:
    check_filters(table, filters)
    stmt, _order = _spec(table).build(filters)
    return stmt.subquery()


# The table each list reads its rows from, where the filters can be applied to it alone: a
# count then reads one table (or one of its indexes) instead of every row joined to its article.
_BASES: dict[str, sa.Table] = {"events": schema.events, "quotes": schema.quotes,
                               "claims": schema.claims, "incidents": schema.story_incidents,
                               "stories": schema.stories}
# Facet columns that are the article's: counted per article first, then per article value.
_ARTICLE_COLUMNS = {"publisher": "source"}


def _lean(table: str, filters: Filters) -> sa.Select[Any] | None:
    """The list's rows as a select from its own table alone, when no filter needs the joined
    article (``source`` does); None otherwise."""
    base = _BASES.get(table)
    if base is None:
        return None
    check_filters(table, filters)
    stmt, _order = _spec(table).build(filters)
    where = stmt.whereclause
    if where is not None and any(
            getattr(element, "table", None) is schema.articles for element in iterate(where)):
        return None
    lean = sa.select(base)
    return lean if where is None else lean.where(where)


def count_rows(store: Store, table: str, filters: Filters | None = None) -> int:
    """How many rows of ``table`` match ``filters`` (all pages together)."""
    filters = filters or Filters()
    lean = _lean(table, filters)
    sub = lean.subquery() if lean is not None else _rows(table, filters)
    found = store.execute(sa.select(sa.func.count().label("n")).select_from(sub))
    return int(found[0]["n"]) if found else 0


def _facet_counts(store: Store, table: str, filters: Filters, column: str, top: int
                  ) -> list[dict[str, Any]]:
    lean = _lean(table, filters)
    base = _BASES.get(table)
    if lean is not None and base is not None and column in base.c:
        sub = lean.subquery()
        value = sa.func.coalesce(sub.c[column], "")
        return store.execute(sa.select(value.label("value"), sa.func.count().label("n"))
                             .group_by(value).order_by(sa.desc("n"), value).limit(top))
    if lean is not None and column in _ARTICLE_COLUMNS and "article_id" in lean.selected_columns:
        sub = lean.subquery()
        per_article = (sa.select(sub.c.article_id, sa.func.count().label("k"))
                       .group_by(sub.c.article_id).subquery())
        a = schema.articles
        value = sa.func.coalesce(a.c[_ARTICLE_COLUMNS[column]], "")
        return store.execute(
            sa.select(value.label("value"), sa.func.sum(per_article.c.k).label("n"))
            .join(a, a.c.id == per_article.c.article_id)
            .group_by(value).order_by(sa.desc("n"), value).limit(top))
    sub = _rows(table, filters)
    value = sa.func.coalesce(sub.c[column], "")
    return store.execute(sa.select(value.label("value"), sa.func.count().label("n"))
                         .group_by(value).order_by(sa.desc("n"), value).limit(top))


def facets(store: Store, table: str, filters: Filters | None = None, *, top: int = 20
           ) -> list[Facet]:
    """Count the ``top`` commonest values of each facet column of ``table``."""
    filters = filters or Filters()
    out = []
    for column, label, own in FACETS.get(table, ()):
        narrowed = replace(filters, **{own: None}) if own else filters
        found = _facet_counts(store, table, narrowed, column, top)
        out.append(Facet(column, label, own,
                         tuple((str(r["value"]), int(r["n"])) for r in found if r["value"])))
    return out


def day_range(store: Store, filters: Filters | None = None, table: str = "events"
              ) -> tuple[str, str] | None:
    """The first and last day of the matching dated rows, or None when none has a day."""
    sub = _dated(table, filters or Filters())
    found = store.execute(sa.select(sa.func.min(sub.c.day).label("first"),
                                    sa.func.max(sub.c.day).label("last")).where(sub.c.day != ""))
    return (found[0]["first"], found[0]["last"]) if found and found[0]["first"] else None


def day_type_counts(store: Store, filters: Filters | None = None, table: str = "events", *,
                    prefix: int = 10) -> list[tuple[str, str, int]]:
    """Count the matching rows per (day, type), oldest day first ("" for no day); with
    ``prefix`` 7 per month ("2026-03"), with 4 per year."""
    sub = _dated(table, filters or Filters())
    day = sa.func.substr(sub.c.day, 1, prefix) if prefix < 10 else sub.c.day
    found = store.execute(
        sa.select(day.label("day"), sub.c.type, sa.func.count().label("n"))
        .group_by(day, sub.c.type).order_by(day, sub.c.type))
    return [(r["day"], r["type"], int(r["n"])) for r in found]


def _dated(table: str, filters: Filters) -> sa.Subquery:
    lean = _lean(table, filters)
    return lean.subquery() if lean is not None else _rows(table, filters)
