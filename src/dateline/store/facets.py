"""Totals and facet counts of a filtered list: how many rows match, and how many of them have
each type, country or publisher.

A facet is counted with every filter but its own, so that each count is what the list would
hold with that value chosen instead (``type=ASSAULT`` shows the other types' counts too).

Where the filters are ones the summary counts answer (summary.py: type, country, dates and
source of events, for instance), everything is summed from ``list_counts`` and exact (with
``source=``, plus the few rows whose own in-text source alone matches, ``_counts``). Other
filters (a word of the text, an actor) are counted from the rows, up to ``CAP``: past it
the total is "at least CAP" and the facets and time axis count the first CAP rows in list
order (newest first), so no view counts a whole 100,000-article store row by row.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.sql.visitors import iterate

from dateline.store import schema, sources, summary
from dateline.store.query import (
    Filters,
    _one_of,
    _since,
    _spec,
    _until,
    check_filters,
    read_sources,
)
from dateline.store.store import Store


@dataclass(frozen=True, slots=True)
class Facet:
    """Counts of one column's values among the matching rows, the commonest first."""

    column: str                   # the output column counted
    label: str                    # its name on a page
    filter: str | None            # the filter a value narrows to (None: counted only)
    values: tuple[tuple[str, int], ...]
    newest: int | None = None     # counted among this many newest rows of its list (None: all)

    def to_dict(self) -> dict[str, Any]:
        return {"column": self.column, "filter": self.filter, "newest": self.newest,
                "values": [{"value": v, "count": n} for v, n in self.values]}


# (output column, label, the filter a click sets) per table.
FACETS: dict[str, tuple[tuple[str, str, str | None], ...]] = {
    "events": (("type", "Type", "type"), ("country", "Country", "country"),
               ("factuality", "Factuality", "factuality"), ("publisher", "Publisher", "source")),
    "quotes": (("kind", "Kind", "type"), ("publisher", "Publisher", "source")),
    "claims": (("what", "Counts", "what"), ("publisher", "Publisher", "source")),
    "articles": (("source", "Publisher", "source"),),
    "entities": (("label", "Label", "type"),),
    "stories": (("type", "Type", "type"), ("country", "Country", "country")),
    "incidents": (("type", "Type", "type"), ("country", "Country", "country"),
                  ("factuality", "Factuality", "factuality")),
    "places": (("role", "Role", "type"), ("country_code", "Country", "country")),
    "times": (("kind", "Kind", "type"),),
}


# Past this many matching rows a total counted from the rows stops ("10,000+").
CAP = 10_000
# A facet whose own filter is set, counted from the rows, counts at most this many of the
# newest rows of the list without that filter: that list is wider than the page's (every
# source but the type's), and walking 10,000 of its rows in day order cost seconds.
OTHER_CAP = 1_000


def summarized(table: str, filters: Filters) -> bool:
    """Whether the summary counts answer ``table`` under ``filters`` exactly."""
    allowed = summary.SUMMARY_FILTERS.get(table)
    return allowed is not None and set(filters.given()) <= allowed


def _grain(filters: Filters) -> str:
    """The summary rows that answer ``filters``: per month ("m") unless a date names a day."""
    return "d" if any(v and len(v) > 7 for v in (filters.since, filters.until)) else "m"


def _counts(store: Store, table: str, filters: Filters, grain: str | None = None
            ) -> sa.Subquery:
    """The summary rows (key..., n) that ``filters`` keep, to be summed.

    With ``source=``: the counts whose publisher or agency holds a value, and beside them
    (union all) the rows of the list whose own in-text source holds one while their article's
    publisher and agency hold none, grouped by the same key (summary.own_source_counts).
    The two parts are disjoint and together are every row the filter keeps.

    Built once per filters (``_built_counts``): a page sums it a dozen times (total, each
    facet, the time axis), and building the rows' select each time cost more than summing."""
    check_filters(table, filters)
    bare = replace(filters, source_reading=None)
    return _built_counts(store.backend, table, bare, grain or _grain(filters))


@functools.lru_cache(maxsize=256)
def _built_counts(backend: str, table: str, filters: Filters, grain: str) -> sa.Subquery:
    lc = schema.list_counts
    where = _summary_where(table, filters, grain)
    stored = sa.select(*(lc.c[k] for k in summary.KEY), lc.c.n)
    if not filters.source:
        return stored.where(*where).subquery("counts")
    names = sources.names_of(filters.source)
    stored = stored.where(*where, sa.or_(lc.c.publisher.in_(names), lc.c.agency.in_(names)))
    rows_where = _spec(table).build(replace(filters, source=None, source_reading=None))[0]
    own = summary.own_source_counts(
        table, grain, [] if rows_where.whereclause is None else [rows_where.whereclause],
        names, by_rowid=backend != "postgresql")
    if own is None:
        return stored.subquery("counts")
    grouped = own.subquery("own_counts")
    return sa.union_all(stored, sa.select(*(grouped.c[k] for k in summary.KEY), grouped.c.n)
                        ).subquery("counts")


def _summary_where(table: str, filters: Filters, grain: str) -> list[sa.ColumnElement[bool]]:
    """The terms on ``list_counts`` of every filter but ``source``."""
    check_filters(table, filters)
    lc = schema.list_counts
    where = [lc.c.layer == table, lc.c.grain == grain]
    if filters.type:
        where.append(_one_of(lc.c.type, filters.type, summary.TYPE_CASE.get(table, str.upper)))
    if filters.country:
        where.append(_one_of(lc.c.country, filters.country))
    if filters.factuality:
        where.append(_one_of(lc.c.factuality, filters.factuality, str.lower))
    # A month row's day is "2026-03": bounds are cut to months (only whole months reach here).
    width = summary.GRAINS[grain]
    if filters.since:
        where.append(lc.c.day >= _since(filters.since)[:width])
    if filters.until:
        where.append(lc.c.day <= _until(filters.until)[:width])
    return where


def _first(stmt: sa.Select[Any], order: Any, cap: int | None) -> sa.Select[Any]:
    """The first ``cap`` rows of ``stmt`` in list order (all of them without a cap)."""
    if cap is None:
        return stmt
    return stmt.order_by(*(c.desc() if desc else c.asc() for c, desc in order)).limit(cap)


def _rows(table: str, filters: Filters, cap: int | None = None) -> sa.Subquery:
    check_filters(table, filters)
    stmt, order = _spec(table).build(filters)
    return _first(stmt, order, cap).subquery()


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


def _matching(table: str, filters: Filters, cap: int | None) -> sa.Subquery:
    """The matching rows (the first ``cap`` in list order), from the lean select if any."""
    lean = _lean(table, filters)
    if lean is None:
        return _rows(table, filters, cap)
    _stmt, order = _spec(table).build(filters)
    return _first(lean, order, cap).subquery()


def count_rows(store: Store, table: str, filters: Filters | None = None) -> int:
    """How many rows of ``table`` match ``filters`` (all pages together)."""
    return count_capped(store, table, filters, cap=None)[0]


def count_capped(store: Store, table: str, filters: Filters | None = None, *,
                 cap: int | None = CAP) -> tuple[int, bool]:
    """How many rows match, and whether counting stopped at ``cap`` (then the count is
    ``cap`` and means "at least"). Exact, whatever the cap, where the summary answers."""
    filters = filters or Filters()
    if not summarized(table, filters):
        filters = read_sources(store, table, filters)
    if summarized(table, filters):
        counts = _counts(store, table, filters)
        summed = sa.func.coalesce(sa.func.sum(counts.c.n), 0)
        found = store.execute(sa.select(summed.label("n")))
        return (int(found[0]["n"]) if found else 0), False
    if cap is None:
        sub = _matching(table, filters, None)
    else:  # no order: any cap + 1 rows tell that there are more
        lean = _lean(table, filters)
        sub = (lean if lean is not None else _spec(table).build(filters)[0]).limit(
            cap + 1).subquery()
    found = store.execute(sa.select(sa.func.count().label("n")).select_from(sub))
    n = int(found[0]["n"]) if found else 0
    return (cap, True) if cap is not None and n > cap else (n, False)


def _facet_counts(store: Store, table: str, filters: Filters, column: str, top: int,
                  cap: int | None = None) -> list[dict[str, Any]]:
    if summarized(table, filters) and column in summary.FACET_COLUMNS.get(table, {}):
        counts = _counts(store, table, filters)
        kept = counts.c[summary.FACET_COLUMNS[table][column]]
        total = sa.func.sum(counts.c.n)
        return store.execute(sa.select(kept.label("value"), total.label("n"))
                             .group_by(kept).order_by(total.desc(), kept).limit(top))
    lean = _lean(table, filters)
    base = _BASES.get(table)
    if lean is not None and base is not None and column in base.c:
        sub = _matching(table, filters, cap)
        value = sa.func.coalesce(sub.c[column], "")
        return store.execute(sa.select(value.label("value"), sa.func.count().label("n"))
                             .group_by(value).order_by(sa.desc("n"), value).limit(top))
    if lean is not None and column in _ARTICLE_COLUMNS and "article_id" in lean.selected_columns:
        sub = _matching(table, filters, cap)
        per_article = (sa.select(sub.c.article_id, sa.func.count().label("k"))
                       .group_by(sub.c.article_id).subquery())
        a = schema.articles
        value = sa.func.coalesce(a.c[_ARTICLE_COLUMNS[column]], "")
        return store.execute(
            sa.select(value.label("value"), sa.func.sum(per_article.c.k).label("n"))
            .join(a, a.c.id == per_article.c.article_id)
            .group_by(value).order_by(sa.desc("n"), value).limit(top))
    sub = _rows(table, filters, cap)
    value = sa.func.coalesce(sub.c[column], "")
    return store.execute(sa.select(value.label("value"), sa.func.count().label("n"))
                         .group_by(value).order_by(sa.desc("n"), value).limit(top))


def facets(store: Store, table: str, filters: Filters | None = None, *, top: int = 20,
           cap: int | None = None) -> list[Facet]:
    """Count the ``top`` commonest values of each facet column of ``table`` (with ``cap``,
    among the first ``cap`` matching rows where the summary does not answer)."""
    filters = read_sources(store, table, filters or Filters())
    out = []
    for column, label, own in FACETS.get(table, ()):
        narrowed = replace(filters, **{own: None}) if own else filters
        found = _facet_counts(store, table, narrowed, column, top, cap)
        out.append(Facet(column, label, own,
                         tuple((str(r["value"]), int(r["n"])) for r in found if r["value"])))
    return out


def day_range(store: Store, filters: Filters | None = None, table: str = "events", *,
              cap: int | None = None) -> tuple[str, str] | None:
    """The first and last day of the matching dated rows, or None when none has a day."""
    filters = filters or Filters()
    if not summarized(table, filters):
        filters = read_sources(store, table, filters)
    if summarized(table, filters):
        counts = _counts(store, table, filters)
        found = store.execute(sa.select(sa.func.min(counts.c.day).label("first"),
                                        sa.func.max(counts.c.day).label("last"))
                              .where(counts.c.day != ""))
        if found and found[0]["first"] and _grain(filters) == "m":
            # The first and last months, then their first and last days among the day rows.
            first, last = found[0]["first"], found[0]["last"]

            def edge(month: str, end: Any) -> Any:
                days = _counts(store, table, replace(filters, since=month, until=month), "d")
                return sa.select(end(days.c.day)).where(days.c.day != "").scalar_subquery()

            found = store.execute(sa.select(edge(first, sa.func.min).label("first"),
                                            edge(last, sa.func.max).label("last")))
    else:
        sub = _matching(table, filters, cap)
        found = store.execute(sa.select(sa.func.min(sub.c.day).label("first"),
                                        sa.func.max(sub.c.day).label("last"))
                              .where(sub.c.day != ""))
    return (found[0]["first"], found[0]["last"]) if found and found[0]["first"] else None


def bounded(store: Store, table: str, filters: Filters) -> Filters:
    """``filters`` (read_sources done) with the newest day of the rows a source filter keeps
    set in its reading, where the summary answers it: the rows are the same, but a page walks
    the list from that day, not through every newer row of other sources first (a publisher
    whose reports end in 2007 sat below 150,000 newer events)."""
    reading = filters.source_reading
    if reading is None or reading.last_day is not None or not summarized(table, filters):
        return filters
    span = day_range(store, filters, table)
    # No dated row: only undated ones ("", before every day) can match.
    return replace(filters, source_reading=replace(reading, last_day=span[1] if span else ""))


def day_type_counts(store: Store, filters: Filters | None = None, table: str = "events", *,
                    prefix: int = 10, cap: int | None = None) -> list[tuple[str, str, int]]:
    """Count the matching rows per (day, type), oldest day first ("" for no day); with
    ``prefix`` 7 per month ("2026-03"), with 4 per year."""
    filters = filters or Filters()
    if not summarized(table, filters):
        filters = read_sources(store, table, filters)
    if summarized(table, filters):
        grain = _grain(filters) if prefix <= summary.GRAINS["m"] else "d"
        counts = _counts(store, table, filters, grain)
        kept: Any = sa.func.substr(counts.c.day, 1, prefix) if prefix < 10 else counts.c.day
        found = store.execute(sa.select(kept.label("day"), counts.c.type,
                                        sa.func.sum(counts.c.n).label("n"))
                              .group_by(kept, counts.c.type).order_by(kept, counts.c.type))
    else:
        sub = _matching(table, filters, cap)
        day: Any = sa.func.substr(sub.c.day, 1, prefix) if prefix < 10 else sub.c.day
        found = store.execute(
            sa.select(day.label("day"), sub.c.type, sa.func.count().label("n"))
            .group_by(day, sub.c.type).order_by(day, sub.c.type))
    return [(r["day"], r["type"], int(r["n"])) for r in found]


@dataclass(frozen=True)
class Counted:
    """A list's total, facets and dated counts, read in one pass over its matching rows."""

    total: int
    capped: bool                        # more than the cap match: ``total`` is the cap
    facets: list[Facet]
    span: tuple[str, str] | None        # the first and last day (with ``with_days``)
    days: list[tuple[str, str, int]]    # (day, type, n) per day (with ``with_days``)


def count_once(store: Store, table: str, filters: Filters, *, cap: int = CAP, top: int = 20,
               with_days: bool = False, only: str | None = None,
               other_cap: int = OTHER_CAP) -> Counted | None:
    """Count a list the summary does not answer in one statement; None where it does.

    The first ``cap`` + 1 matching rows in list order are read once (a common table
    expression) and the total, every facet whose own filter is not set, and with
    ``with_days`` the day range and (day, type) counts are grouped from them: a filter that
    scans the rows (a word of the evidence, a substring of the source) scans them once instead
    of once per count. The answers equal count_capped, facets, day_range and day_type_counts
    (prefix 10) with the same cap.

    A facet whose own filter is set counts the list without that filter: from the summary
    where it answers, else by the same one pass over that list's newest ``other_cap`` rows
    (its ``newest`` then says so when more match), so that no facet counts a whole table row
    by row (``source=news`` matches most of a store: its type facet would read 300,000
    events).
    ``only``: count that facet column alone (with the total)."""
    if summarized(table, filters) or table not in FACETS:
        return None
    check_filters(table, filters)
    filters = read_sources(store, table, filters)
    given = filters.given()
    own_free = [(column, own) for column, _label, own in FACETS[table]
                if (not own or own not in given) and only in (None, column)]
    stmt, order = _spec(table).build(filters)
    needed = list(dict.fromkeys([c for c, _own in own_free]
                                + (["day", "type"] if with_days else [])))
    # Only the columns counted (and the sort keys): the rows' evidence and their articles'
    # titles are never read (an article's row is long: its text comes before them).
    wanted = {*needed, *(f"_k{i}" for i in range(len(order)))}
    stmt = stmt.with_only_columns(*(c for c in stmt.selected_columns if c.key in wanted))
    first = _first(stmt, order, cap + 1).subquery("first_rows")
    keys = [first.c[f"_k{i}"].desc() if desc else first.c[f"_k{i}"].asc()
            for i, (_column, desc) in enumerate(order)]
    m = sa.select(*(first.c[c] for c in needed),
                  sa.func.row_number().over(order_by=keys).label("rn")).cte("counted")
    kept = m.c.rn <= cap

    def part(name: str, value: Any, other: Any, n: Any, rank: Any) -> list[Any]:
        return [sa.literal(name, sa.String).label("part"), value.label("value"),
                other.label("other"), n.label("n"), rank.label("rank")]

    blank = sa.literal("", sa.String)
    zero = sa.literal(0, sa.Integer)
    parts: list[sa.Select[Any]] = [sa.select(*part("total", blank, blank, sa.func.count(), zero)
                                             ).select_from(m)]
    for column, _own in own_free:
        value = sa.func.coalesce(m.c[column], "")
        n = sa.func.count()
        grouped = (sa.select(*part(column, value, blank, n, sa.func.row_number().over(
            order_by=(n.desc(), value)))).where(kept).group_by(value)
            .order_by(n.desc(), value).limit(top).subquery())
        parts.append(sa.select(*grouped.c))
    if with_days:
        dated = sa.and_(kept, m.c.day != "")
        parts.append(sa.select(*part("range", sa.func.min(m.c.day), sa.func.max(m.c.day),
                                     zero, zero)).where(dated))
        parts.append(sa.select(*part("day", m.c.day, m.c.type, sa.func.count(), zero))
                     .where(kept).group_by(m.c.day, m.c.type))
    found = store.execute(sa.union_all(*parts))
    total = next(int(r["n"]) for r in found if r["part"] == "total")
    capped = total > cap
    counted: dict[str, list[dict[str, Any]]] = {}
    for row in sorted((r for r in found if r["part"] not in ("total", "range", "day")),
                      key=lambda r: int(r["rank"])):
        counted.setdefault(row["part"], []).append(row)
    out = []
    for column, label, own in FACETS[table]:
        if only not in (None, column):
            continue
        if column in counted or (column, own) in own_free:
            values = tuple((str(r["value"]), int(r["n"])) for r in counted.get(column, [])
                           if r["value"])
            out.append(Facet(column, label, own, values, cap if capped else None))
            continue
        assert own is not None  # a facet without a filter of its own is always own-free
        without = replace(filters, **{own: None})
        other = count_once(store, table, without, cap=min(cap, other_cap), top=top,
                           only=column)
        if other is not None:
            out.append(replace(other.facets[0], label=label))
            continue
        rows = _facet_counts(store, table, without, column, top, None)
        out.append(Facet(column, label, own,
                         tuple((str(r["value"]), int(r["n"])) for r in rows if r["value"])))
    span = next(((r["value"], r["other"]) for r in found
                 if r["part"] == "range" and r["value"]), None)
    days = sorted((r["value"], r["other"], int(r["n"])) for r in found if r["part"] == "day")
    return Counted(cap if capped else total, capped, out, span, days)
