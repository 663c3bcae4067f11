"""What every list page and API list answers: one page of rows in the chosen order, the total,
the facet counts, the cursors both ways, and the export links of exactly these rows."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from starlette.datastructures import QueryParams

from dateline.errors import ConfigError
from dateline.store import Filters, Store, query, sources
from dateline.store.facets import (
    CAP,
    OTHER_CAP,
    Counted,
    Facet,
    bounded,
    count_capped,
    count_once,
    day_range,
    day_type_counts,
    facets,
)
from dateline.store.query import read_sources
from dateline.store.sorting import DEFAULT_SORT, sorts_of
from dateline.web.cache import ResponseCache
from dateline.web.charts import axis_unit
from dateline.web.filters import InvalidFilter, ListRequest, read_list_request
from dateline.web.templating import with_params

EXPORT_FORMATS = (("csv", "CSV"), ("jsonl", "JSON Lines"), ("parquet", "Parquet"))
# The tables a list page or /api list shows; each also downloads as /TABLE.csv and so on.
EXPORTABLE = ("events", "articles", "quotes", "claims", "entities", "incidents", "stories",
              "places", "times")


@dataclass
class Listing:
    """One page of a list and everything drawn around it."""

    request: ListRequest
    rows: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0
    facets: list[Facet] = field(default_factory=list)
    next_cursor: str | None = None
    prev_cursor: str | None = None
    error: InvalidFilter | None = None
    capped: bool = False   # more than CAP rows match: ``total`` is CAP, "at least"
    summary: Summary | None = None   # the counts behind total and facets (time axis included
                                     # when asked for)

    @property
    def params(self) -> dict[str, str]:
        return self.request.params

    def context(self) -> dict[str, Any]:
        """The template variables of a list page."""
        table, params = self.request.table, self.params
        return {
            "rows": self.rows, "total": self.total, "capped": self.capped,
            "facets": self.facets,
            "params": params, "next_cursor": self.next_cursor, "prev_cursor": self.prev_cursor,
            "first_page": self.prev_cursor is not None,  # a page before: link the first too
            "error": self.error, "table": table, "sort": self.request.sort or DEFAULT_SORT.get(
                table, ""), "sorts": sorts_of(table),
            "exports": export_links(table, params), "cli": cli_command(table, params),
        }


# Totals, facets and time axes change only when articles are stored; they are kept this long
# (the app's own writes clear them at once), so paging through a list counts it once.
SUMMARY_SECONDS = 60.0


@dataclass(frozen=True)
class Summary:
    """What a list counts over all its pages: the total, the facets and the (day, type)
    counts of its time axis."""

    total: int
    facets: list[Facet]
    days: list[tuple[str, str, int]]
    unit: str | None = None   # what a row of ``days`` counts: a day, week, month or year
    capped: bool = False      # more than CAP match: the counts are of the newest CAP rows


def summarize(store: Store, table: str, filters: Filters, *, cache: ResponseCache | None = None,
              with_days: bool = False) -> Summary:
    """Count ``table`` under ``filters``: from ``cache`` when it holds the answer.

    Exact from the summary counts where they answer the filters (store/summary.py); else
    counted from the rows up to CAP in one pass (facets.count_once), and past it the facets
    and time axis count the newest CAP rows; a facet whose own filter is set counts the
    newest CAP rows of the list without it (store/facets.py)."""
    def compute() -> bytes:
        once = count_once(store, table, filters, cap=CAP, with_days=with_days,
                          other_cap=min(CAP, OTHER_CAP))
        if once is not None:
            return json.dumps({
                "total": once.total, "capped": once.capped,
                "facets": [[f.column, f.label, f.filter, f.values, f.newest]
                           for f in once.facets],
                **(_day_buckets(once) if with_days else {"days": [], "unit": None}),
            }).encode()
        total, capped = count_capped(store, table, filters, cap=CAP)
        cap = CAP if capped else None
        return json.dumps({
            "total": total, "capped": capped,
            "facets": [[f.column, f.label, f.filter, f.values, f.newest]
                       for f in facets(store, table, filters, cap=cap)],
            **(_bucket_counts(store, table, filters, cap) if with_days else {"days": [],
                                                                               "unit": None}),
        }).encode()

    key = json.dumps([table, sorted(filters.given().items()), with_days])
    data = json.loads(cache.get(key, compute) if cache is not None else compute())
    return Summary(data["total"],
                   [Facet(c, label, f, tuple((v, n) for v, n in values), newest)
                    for c, label, f, values, newest in data["facets"]],
                   [(d, t, n) for d, t, n in data["days"]], data["unit"], data["capped"])


def _bucket_counts(store: Store, table: str, filters: Filters, cap: int | None
                   ) -> dict[str, Any]:
    """(day, type, count) rows grouped as finely as the time axis of the range needs (per
    year or month by the database, so a long range is a few hundred rows, not thousands),
    and the axis unit."""
    span = day_range(store, filters, table, cap=cap)
    unit = axis_unit(*span) if span else None
    # No dated row: the undated ones ("") are counted per month as well as per day, and the
    # month counts are 30 times fewer.
    prefix = {"year": 4, "month": 7}.get(unit or "", 10) if span else 7
    return {"days": day_type_counts(store, filters, table, prefix=prefix, cap=cap),
            "unit": unit}


def _day_buckets(once: Counted) -> dict[str, Any]:
    """What _bucket_counts answers, from the per-day counts of one pass over the rows."""
    unit = axis_unit(*once.span) if once.span else None
    prefix = {"year": 4, "month": 7}.get(unit or "", 10)
    grouped: dict[tuple[str, str], int] = {}
    for day, type_, n in once.days:
        key = (day[:prefix], type_)
        grouped[key] = grouped.get(key, 0) + n
    return {"days": [(day, type_, n) for (day, type_), n in sorted(grouped.items())],
            "unit": unit}


def read_listing(store: Store, table: str, given: QueryParams, *, limit: int = 50,
                 extra: frozenset[str] = frozenset(), with_facets: bool = True,
                 cache: ResponseCache | None = None, with_days: bool = False) -> Listing:
    """Check ``given`` and read one page; a bad parameter comes back in ``error`` (with the
    parameters as given, so a page can show its form as it was filled). ``with_days``: count
    the time axis too, in the same summary (``summary.days``)."""
    try:
        return fill(store, read_list_request(table, given, limit=limit, extra=extra),
                    with_facets=with_facets, cache=cache, with_days=with_days)
    except InvalidFilter as exc:
        raw = {k: (sources.join if k == "source" else ",".join)(
                   [v for v in given.getlist(k) if v.strip()])
               for k in given if k not in ("cursor", "before") and k not in extra}
        return Listing(ListRequest(table, Filters(), {k: v for k, v in raw.items() if v}),
                       error=exc)


def fill(store: Store, asked: ListRequest, *, with_facets: bool = True,
         cache: ResponseCache | None = None, with_days: bool = False) -> Listing:
    """Read the page, the total and the facets (and with ``with_days`` the time axis counts)
    of a checked request."""
    asked = replace(asked, filters=bounded(store, asked.table,
                                           read_sources(store, asked.table, asked.filters)))
    try:
        page = query(store, asked.table, asked.filters, limit=asked.limit, cursor=asked.cursor,
                     before=asked.before, sort=asked.sort)
    except ConfigError as exc:  # a cursor this order did not print
        raise InvalidFilter("cursor" if asked.cursor else "before", str(exc)) from None
    counted = summarize(store, asked.table, asked.filters, cache=cache, with_days=with_days)
    return Listing(asked, page.rows, counted.total, counted.facets if with_facets else [],
                   page.next_cursor, page.prev_cursor, capped=counted.capped, summary=counted)


def export_urls(table: str, params: dict[str, str]) -> dict[str, str]:
    """The URL of this list's rows in each download format (csv, jsonl, parquet)."""
    if table not in EXPORTABLE:
        return {}
    query_string = with_params(params)
    return {fmt: f"/{table}.{fmt}" + (f"?{query_string}" if query_string else "")
            for fmt, _label in EXPORT_FORMATS}


def export_links(table: str, params: dict[str, str]) -> list[tuple[str, str]]:
    """(label, URL) of this list's rows as each download format."""
    urls = export_urls(table, params)
    return [(label, urls[fmt]) for fmt, label in EXPORT_FORMATS if fmt in urls]


def cli_command(table: str, params: dict[str, str]) -> str:
    """The ``dateline export`` command that writes the same rows."""
    words = ["dateline", "export", "--table", table, "--format", "csv"]
    for name, value in params.items():
        if name == "sort":
            continue
        for one in sources.values_of(value) if name == "source" else [value]:
            words += [f"--{name}", _shell_word(one)]
    return " ".join([*words, "--out", f"{table}.csv"])


def _shell_word(value: str) -> str:
    safe = value.replace("'", "'\"'\"'")
    return value if value.replace(",", "").replace("-", "").isalnum() else f"'{safe}'"


def chosen(params: dict[str, str], name: str) -> list[str]:
    """The values a filter holds now (``type=ASSAULT,PROTEST`` holds two, and so does
    ``source=AFP&source=Reuters``)."""
    if name == "source":
        return sources.values_of(params.get(name) or "")
    return [v for v in (params.get(name) or "").split(",") if v]


def _joined(name: str, values: list[str]) -> str:
    return sources.join(values) if name == "source" else ",".join(dict.fromkeys(values))


def narrowed(params: dict[str, str], name: str, value: str) -> str:
    """The query string with the filter ``name`` set to ``value`` alone, from the first page."""
    return with_params(params, **{name: value})


def widened(params: dict[str, str], name: str, value: str) -> str:
    """The query string with ``value`` added to the values of ``name`` (either matches)."""
    values = chosen(params, name)
    return with_params(params, **{name: _joined(name, [*values, value])})


def dropped(params: dict[str, str], name: str, value: str) -> str:
    """The query string with ``value`` taken out of the values of ``name``."""
    values = [v for v in chosen(params, name) if v.lower() != value.lower()]
    return with_params(params, **{name: _joined(name, values) or None})


def sort_link(params: dict[str, str], current: str, column: str) -> tuple[str, str]:
    """The query string a column header links to (its order, or the reverse when it is the
    order now) and its ``aria-sort`` value."""
    if current.lstrip("-") != column:
        return with_params(params, sort=column), "none"
    reverse = column if current.startswith("-") else f"-{column}"
    return (with_params(params, sort=reverse),
            "descending" if current.startswith("-") else "ascending")
