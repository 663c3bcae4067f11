"""Totals and facet counts of a filtered list: how many rows match, and how many of them have
each type, country or publisher.

A facet is counted with every filter but its own, so that each count is what the list would
hold with that value chosen instead (``type=ASSAULT`` shows the other types' counts too).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa

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


def count_rows(store: Store, table: str, filters: Filters | None = None) -> int:
    """How many rows of ``table`` match ``filters`` (all pages together)."""
    sub = _rows(table, filters or Filters())
    found = store.execute(sa.select(sa.func.count().label("n")).select_from(sub))
    return int(found[0]["n"]) if found else 0


def facets(store: Store, table: str, filters: Filters | None = None, *, top: int = 20
           ) -> list[Facet]:
    """Count the ``top`` commonest values of each facet column of ``table``."""
    filters = filters or Filters()
    out = []
    for column, label, own in FACETS.get(table, ()):
        narrowed = replace(filters, **{own: None}) if own else filters
        sub = _rows(table, narrowed)
        value = sa.func.coalesce(sub.c[column], "")
        found = store.execute(
            sa.select(value.label("value"), sa.func.count().label("n")).group_by(value)
            .order_by(sa.desc("n"), value).limit(top))
        out.append(Facet(column, label, own,
                         tuple((str(r["value"]), int(r["n"])) for r in found if r["value"])))
    return out


def day_type_counts(store: Store, filters: Filters | None = None, table: str = "events"
                    ) -> list[tuple[str, str, int]]:
    """Count the matching rows per (day, type), oldest day first ("" for no day)."""
    sub = _rows(table, filters or Filters())
    found = store.execute(
        sa.select(sub.c.day, sub.c.type, sa.func.count().label("n"))
        .group_by(sub.c.day, sub.c.type)
        .order_by(sub.c.day, sub.c.type))
    return [(r["day"], r["type"], int(r["n"])) for r in found]
