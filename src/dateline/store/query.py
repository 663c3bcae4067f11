"""Query the store: filtered, newest-first pages of events, quotes, claims, entities and more.

The library functions behind ``dateline query``, ``dateline export`` and the web API:

    >>> page = query(store, "events", Filters(type="ASSAULT", country="IR"), limit=50)
    >>> more = query(store, "events", Filters(type="ASSAULT", country="IR"), cursor=page.next_cursor)

Pages use keyset pagination (a cursor holds the sort key of the last row), so reading page 1,000
costs what page 1 costs and rows inserted meanwhile neither repeat nor vanish. Rows are plain
dicts whose keys are listed in ``COLUMNS``; list values (actors) stay lists.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any, get_args

import sqlalchemy as sa

from dateline.errors import ConfigError
from dateline.records import Factuality
from dateline.store import schema, sources
from dateline.store.columns import COLUMNS
from dateline.store.store import Store

TABLES = ("events", "quotes", "claims", "entities", "articles", "places", "times", "failures",
          "stories", "incidents")
MAX_LIMIT = 10_000
# ASCII digits only, the whole value (``$`` would let "2026\n" through).
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)


@dataclass(frozen=True)
class Filters:
    """What analysts filter on; text filters match case-insensitively anywhere in the field."""

    type: str | None = None      # event type (PLOVER), quote kind, entity label, place role...
    country: str | None = None   # ISO 3166 alpha-2: the event's place, or a place in the article
    since: str | None = None     # YYYY, YYYY-MM or YYYY-MM-DD, inclusive
    until: str | None = None     # inclusive: --until 2026-03 keeps all of March
    actor: str | None = None     # an event actor's name
    speaker: str | None = None   # a quote's speaker (name, words or descriptor)
    what: str | None = None      # what a number counts ("killed"), or an event's quantity kind
    factuality: str | None = None  # asserted, negated, denied, hypothetical, future, historical
    source: str | None = None    # publisher, wire agency or the in-text source ("AFP"); several
                                 # joined by sources.SEPARATOR (a value may hold a comma)
    text: str | None = None      # a word of the evidence (or name, or message)
    article: str | None = None   # one article id
    place: str | None = None     # an event's place, its resolved name exactly ("Europe")
    # Not a filter: how the rows ``source`` keeps are read on this store (a sources.Reading,
    # set by ``read_sources``; the rows are the same either way). Typed Any so that filters
    # built from a form's strings (``Filters(**given)``) type-check.
    source_reading: Any = field(default=None, compare=False, repr=False)

    def given(self) -> dict[str, str]:
        return {f.name: v for f in fields(self)
                if f.name != "source_reading" and (v := getattr(self, f.name)) not in (None, "")}


# The values of the factuality filter: the classes a record holds.
FACTUALITIES: tuple[str, ...] = get_args(Factuality)
# Which filters mean something for which table; anything else is a usage error, never ignored.
APPLIES: dict[str, frozenset[str]] = {
    "events": frozenset({"type", "country", "since", "until", "actor", "what", "source", "text",
                         "article", "place", "factuality"}),
    "quotes": frozenset({"type", "country", "since", "until", "speaker", "source", "text",
                         "article"}),
    "claims": frozenset({"country", "since", "until", "what", "source", "text", "article"}),
    "entities": frozenset({"type", "country", "since", "until", "source", "text", "article"}),
    "articles": frozenset({"country", "since", "until", "source", "text", "article"}),
    "places": frozenset({"type", "country", "since", "until", "source", "text", "article"}),
    "times": frozenset({"type", "since", "until", "source", "text", "article"}),
    "failures": frozenset({"type", "since", "until", "source", "text", "article"}),
    "stories": frozenset({"type", "country", "since", "until", "source", "text", "article"}),
    "incidents": frozenset({"type", "country", "since", "until", "actor", "source", "text",
                            "article", "factuality"}),
}


@dataclass(frozen=True)
class Page:
    """One page of rows and the cursor of the next page (None on the last page)."""

    rows: list[dict[str, Any]]
    next_cursor: str | None
    columns: tuple[str, ...]
    prev_cursor: str | None = None  # the page before (None on the first page)


def query(store: Store, table: str, filters: Filters | None = None, *, limit: int = 50,
          cursor: str | None = None, before: str | None = None, sort: str | None = None
          ) -> Page:
    """Return one page of ``table`` rows matching ``filters``, newest first (or in the
    ``sort`` order of store/sorting.py); ``before`` reads the page that precedes a
    ``prev_cursor`` as ``cursor`` reads the one that follows a ``next_cursor``."""
    from dateline.store.sorting import resort

    filters = filters or Filters()
    spec = _spec(table)
    check_filters(table, filters)
    filters = read_sources(store, table, filters)
    if cursor and before:
        raise ConfigError("Give a cursor or a before cursor, not both.")
    limit = max(1, min(int(limit), MAX_LIMIT))
    rows = []
    order: Order = ()
    split = _each_value(table, filters, sort)
    for one in split:
        stmt, order = resort(table, *spec.build(one), sort)
        walk = [(c, not desc) for c, desc in order] if before else list(order)
        if cursor or before:
            stmt = stmt.where(_after(walk, _decode(cursor or before or "", order)))
        stmt = stmt.order_by(*(c.desc() if desc else c.asc() for c, desc in walk))
        rows += store.execute(stmt.limit(limit + 1))
    if len(split) > 1:  # merge the reads of each value
        rows.sort(key=lambda r: _walk_key(r, order, reverse=bool(before)))
        rows = rows[:limit + 1]
    more = len(rows) > limit
    rows = rows[:limit]

    def key(row: dict[str, Any]) -> str:
        return _encode([row[f"_k{i}"] for i in range(len(order))])

    if before:
        rows.reverse()
        next_cursor = key(rows[-1]) if rows else None
        prev_cursor = key(rows[0]) if more else None
    else:
        next_cursor = key(rows[-1]) if more else None
        prev_cursor = key(rows[0]) if cursor and rows else None
    for row in rows:
        for i in range(len(order)):
            row.pop(f"_k{i}", None)
    if spec.finish:
        spec.finish(store, rows)
    return Page(rows=rows, next_cursor=next_cursor, columns=COLUMNS[table],
                prev_cursor=prev_cursor)


# Filters whose values each have an index in the list's own order (store/schema.py): with
# several values, one index read per value merged beats one read of every match then sorted
# (1.6 s for two event types at 100,000 articles, against a few ms).
_MERGED = {"events": ("type", "country")}


def _each_value(table: str, filters: Filters, sort: str | None) -> list[Filters]:
    """``filters`` split into one per value of an indexed filter that holds several, when the
    page is read in the default order; else ``filters`` alone."""
    if sort and sort != "-day":
        return [filters]
    for name in _MERGED.get(table, ()):
        values = values_of(getattr(filters, name) or "")
        if len(values) > 1:
            return [replace(filters, **{name: v}) for v in dict.fromkeys(v.upper()
                                                                          for v in values)]
    return [filters]


class _Reversed:
    """A sort key that orders its value in reverse (descending keys, merged in Python)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __lt__(self, other: _Reversed) -> bool:
        return bool(self.value > other.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and bool(self.value == other.value)

    def __hash__(self) -> int:
        return hash(self.value)


def _walk_key(row: dict[str, Any], order: Order, *, reverse: bool = False) -> tuple[Any, ...]:
    """The row's place in the list order (in the reverse order with ``reverse``)."""
    return tuple(_Reversed(row[f"_k{i}"]) if desc != reverse else row[f"_k{i}"]
                 for i, (_, desc) in enumerate(order))


def iter_rows(store: Store, table: str, filters: Filters | None = None, *,
              batch: int = 1000, sort: str | None = None) -> Iterator[dict[str, Any]]:
    """Yield every matching row, a page at a time (exports of any size in bounded memory)."""
    check_filters(table, filters or Filters())
    filters = read_sources(store, table, filters or Filters())
    cursor: str | None = None
    while True:
        page = query(store, table, filters, limit=batch, cursor=cursor, sort=sort)
        yield from page.rows
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def check_filters(table: str, filters: Filters) -> None:
    """Raise ConfigError for a filter that has no meaning for ``table`` or a malformed date."""
    wrong = sorted(set(filters.given()) - APPLIES[_spec(table).name])
    if wrong:
        valid = ", ".join(f"--{f}" for f in sorted(APPLIES[table]))
        raise ConfigError(f"Filter {', '.join('--' + w for w in wrong)} does not apply to "
                          f"{table}. Filters for {table}: {valid}.")
    for name, value in filters.given().items():
        if "\x00" in value:  # PostgreSQL refuses NUL in text; no stored text holds one
            raise ConfigError(f"--{name} holds a NUL character (\\x00); give plain text.")
    for name in ("since", "until"):
        value = getattr(filters, name)
        if value and not is_day(value):
            raise ConfigError(f"--{name} must be a date like 2026-03-20, 2026-03 or 2026, "
                              f"not {value!r}.")


def is_day(value: str) -> bool:
    """Whether ``value`` is a real YYYY, YYYY-MM or YYYY-MM-DD (not 2026-13 nor 2026-02-30)."""
    found = _DATE.fullmatch(value)
    if found is None:
        return False
    year, month, day = (int(part) if part else 1 for part in found.groups())
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


# Table specifications -------------------------------------------------------------------------


Order = Sequence[tuple[sa.ColumnElement[Any], bool]]   # (sort key, descending)
Built = tuple[sa.Select[Any], Order]


@dataclass(frozen=True)
class _Spec:
    name: str
    build: Callable[[Filters], Built]
    finish: Callable[[Store, list[dict[str, Any]]], None] | None = None


def _spec(table: str) -> _Spec:
    if table not in _SPECS:
        raise ConfigError(f"Unknown table {table!r}. Tables: {', '.join(TABLES)}.")
    return _SPECS[table]


_like = sources.contains


def _any_like(columns: Sequence[sa.ColumnElement[Any]], value: str) -> sa.ColumnElement[bool]:
    return sa.or_(*(_like(c, value) for c in columns))


def _any_value(column: sa.ColumnElement[Any], source: str) -> sa.ColumnElement[bool]:
    """``column`` contains one of the values of the source filter ``source``."""
    return sa.or_(*(_like(column, v) for v in sources.values_of(source) or [source]))


def values_of(value: str) -> list[str]:
    """Split a filter that may hold several values: ``ASSAULT,PROTEST`` means either."""
    return [v.strip() for v in value.split(",") if v.strip()]


def unknown_factuality(value: str) -> str | None:
    """The first value of a factuality filter that no record holds, or None (case is free)."""
    return next((v for v in values_of(value) if v.lower() not in FACTUALITIES), None)


def _one_of(column: sa.ColumnElement[Any], value: str, case: Callable[[str], str] = str.upper
            ) -> sa.ColumnElement[bool]:
    """Match any of the comma-separated values (``type=ASSAULT,PROTEST``)."""
    found = [case(v) for v in values_of(value)]
    return column == found[0] if len(found) == 1 else column.in_(found)


def _until(value: str) -> str:
    """Pad an inclusive upper bound: ``2026-03`` becomes ``2026-03-31`` (string order)."""
    return value + {4: "-12-31", 7: "-31"}.get(len(value), "")


def _since(value: str) -> str:
    return value + {4: "-01-01", 7: "-01"}.get(len(value), "")


def _common(stmt: sa.Select[Any], f: Filters, *, day: sa.ColumnElement[Any],
            article_id: sa.ColumnElement[Any], text: Sequence[sa.ColumnElement[Any]],
            country: sa.ColumnElement[bool] | None = None) -> sa.Select[Any]:
    """Apply the filters every article-bound table shares."""
    if f.since:
        stmt = stmt.where(day >= _since(f.since))
    if f.until:
        stmt = stmt.where(day <= _until(f.until))
    if f.source_reading is not None and f.source_reading.last_day is not None:
        stmt = stmt.where(day <= f.source_reading.last_day)  # no matching row is newer
    if f.article:
        stmt = stmt.where(article_id == f.article)
    if f.text:
        stmt = stmt.where(_any_like(text, f.text))
    if f.country:
        stmt = stmt.where(country if country is not None else _article_in(article_id, f.country))
    return stmt


def _article_in(article_id: sa.ColumnElement[Any], country: str) -> sa.ColumnElement[bool]:
    """True when the article names a place in ``country`` (for layers without their own place)."""
    p = schema.places
    return sa.exists().where(p.c.article_id == article_id, _one_of(p.c.country_code, country))


def _source(f: Filters, article_id: sa.ColumnElement[Any], row: sa.Table | None = None
            ) -> sa.ColumnElement[bool]:
    """Match the publisher or wire agency of the row's article, or the own in-text sources of
    a ``row`` of events, quotes or claims: the rows LIKE over those strings would match, read
    through the index of distinct source strings (sources.py)."""
    return sources.condition(f.source or "", article_id, row, reading=f.source_reading)


# How read_sources has a source filter read its rows (sources.Reading): by rowid when it
# keeps at most FEW_SOURCE_ROWS articles and rows by their own source; in list order past it,
# checking keys against the sets of matching ones, or each row where a set would hold more
# than MOST_SOURCE_ROWS.
FEW_SOURCE_ROWS = 2_000
MOST_SOURCE_ROWS = 20_000


def read_sources(store: Store, table: str, filters: Filters) -> Filters:
    """``filters`` with the way its source filter reads ``table`` on this store set, from
    how many articles and rows it keeps (counted up to MOST_SOURCE_ROWS: a few index reads
    whatever the store's size). PostgreSQL's planner chooses itself."""
    if (not filters.source or filters.source_reading or store.backend == "postgresql"
            or _spec(table).name in ("failures", "incidents")):  # their own source columns
        return filters
    found = store.execute(sources.counted(_spec(table).name, filters.source, MOST_SOURCE_ROWS))
    articles, own = (int(found[0].get(k) or 0) for k in ("articles", "own"))
    reading = sources.Reading(gather=max(articles, own) <= FEW_SOURCE_ROWS,
                              articles_each=articles > MOST_SOURCE_ROWS,
                              rows_each=own > MOST_SOURCE_ROWS)
    return replace(filters, source_reading=reading)


def _keys(order: Order) -> list[Any]:
    return [c.label(f"_k{i}") for i, (c, _) in enumerate(order)]


def _article_columns() -> list[Any]:
    a = schema.articles
    return [a.c.title, a.c.url, a.c.source.label("publisher"), a.c.published]


def _events(f: Filters) -> Built:
    e, a = schema.events, schema.articles
    stmt = sa.select(
        e.c.article_id, e.c.n, e.c.id, e.c.day, e.c.type, e.c.mode, e.c.factuality,
        e.c.place_name.label("place"), e.c.country, e.c.place_admin1.label("admin1"),
        e.c.place_lat.label("lat"), e.c.place_lon.label("lon"), e.c.time_value.label("time"),
        e.c.time_text, sa.func.coalesce(e.c.source_name, e.c.source_text).label("source"),
        e.c.confidence, e.c.context, e.c.trigger_text.label("trigger"), e.c.start, e.c.end,
        e.c.text,
        *_article_columns(), *_keys(_EVENT_ORDER),
    ).join(a, a.c.id == e.c.article_id)
    if f.type:
        stmt = stmt.where(_one_of(e.c.type, f.type))
    if f.actor:
        p = schema.participants
        stmt = stmt.where(sa.exists().where(
            p.c.article_id == e.c.article_id, p.c.n == e.c.n, p.c.role == "actor",
            _any_like([p.c.name, p.c.text], f.actor)))
    if f.what:
        q = schema.quantities
        stmt = stmt.where(sa.exists().where(
            q.c.article_id == e.c.article_id, q.c.n == e.c.n,
            sa.or_(_any_like([q.c.kind, q.c.text], f.what), *_counted_kinds(q.c.kind, f.what))))
    if f.source:
        stmt = stmt.where(_source(f, e.c.article_id, e))
    if f.place:
        stmt = stmt.where(e.c.place_name == f.place)
    if f.factuality:
        stmt = stmt.where(_one_of(e.c.factuality, f.factuality, str.lower))
    return _common(stmt, f, day=e.c.day, article_id=e.c.article_id, text=[e.c.text],
                   country=_one_of(e.c.country, f.country or "")), _EVENT_ORDER


def _counted_kinds(kind: sa.ColumnElement[Any], what: str) -> list[sa.ColumnElement[bool]]:
    """The quantity kinds a claim's word is stored as on an event ("killed" counts "dead")."""
    from dateline.stages.events.circumstances import QUANTITY_KINDS

    found = QUANTITY_KINDS.get(what.strip().lower())
    return [kind == found[0]] if found else []


_EVENT_ORDER = ((schema.events.c.day, True), (schema.events.c.article_id, False),
                (schema.events.c.n, False))


def _event_parts(store: Store, rows: list[dict[str, Any]]) -> None:
    """Attach actors, recipients and quantities to a page of events in two queries."""
    for row in rows:
        row.update(actors=[], recipients=[], quantities=[], context=json.loads(row["context"]))
    if not rows:
        return
    by_key = {(r["article_id"], r["n"]): r for r in rows}
    ids = sorted({r["article_id"] for r in rows})
    numbers = sorted({r["n"] for r in rows})
    p, q = schema.participants, schema.quantities
    # Only the page's own events: an article's other events would be read and thrown away.
    for part in store.execute(sa.select(p).where(p.c.article_id.in_(ids), p.c.n.in_(numbers))
                              .order_by(p.c.article_id, p.c.n, p.c.m)):
        event = by_key.get((part["article_id"], part["n"]))
        if event is not None:
            event["actors" if part["role"] == "actor" else "recipients"].append(
                part["name"] or part["text"])
    for count in store.execute(sa.select(q).where(q.c.article_id.in_(ids), q.c.n.in_(numbers))
                               .order_by(q.c.article_id, q.c.n, q.c.m)):
        event = by_key.get((count["article_id"], count["n"]))
        if event is not None:
            event["quantities"].append({k: count[k] for k in ("kind", "value", "low", "high",
                                                            "qualifier", "text")})


def _quotes(f: Filters) -> Built:
    q, a = schema.quotes, schema.articles
    stmt = sa.select(
        q.c.article_id, q.c.n, q.c.day, q.c.kind,
        sa.func.coalesce(q.c.speaker_name, q.c.speaker_text, q.c.speaker_descriptor)
        .label("speaker"), q.c.speaker_text, q.c.speaker_descriptor, q.c.cue_text.label("cue"),
        q.c.channel_text.label("channel"), q.c.contents, q.c.confidence, q.c.start, q.c.end,
        q.c.text, *_article_columns(), *_keys(_QUOTE_ORDER),
    ).join(a, a.c.id == q.c.article_id)
    if f.type:
        stmt = stmt.where(_one_of(q.c.kind, f.type, str.lower))
    if f.speaker:
        stmt = stmt.where(_any_like([q.c.speaker_name, q.c.speaker_text, q.c.speaker_descriptor],
                                    f.speaker))
    if f.source:
        stmt = stmt.where(_source(f, q.c.article_id, q))
    return _common(stmt, f, day=q.c.day, article_id=q.c.article_id, text=[q.c.text]), _QUOTE_ORDER


_QUOTE_ORDER = ((schema.quotes.c.day, True), (schema.quotes.c.article_id, False),
                (schema.quotes.c.n, False))


def _quote_contents(_store: Store, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        row["content"] = " … ".join(text for _, _, text in json.loads(row.pop("contents")))


def _claims(f: Filters) -> Built:
    c, a, m = schema.claims, schema.articles, schema.story_articles
    stmt = sa.select(
        c.c.article_id, c.c.n, c.c.day, c.c.value, c.c.low, c.c.high, c.c.qualifier, c.c.what,
        c.c.predicate, c.c.unit, sa.func.coalesce(c.c.source_name, c.c.source_text)
        .label("source"), c.c.cue_text.label("cue"), c.c.start, c.c.end, c.c.text,
        *_article_columns(), m.c.story_id, *_keys(_CLAIM_ORDER),
    ).join(a, a.c.id == c.c.article_id).outerjoin(m, m.c.article_id == c.c.article_id)
    if f.what:
        stmt = stmt.where(_any_like([c.c.what, c.c.predicate, c.c.unit], f.what))
    if f.source:
        stmt = stmt.where(_source(f, c.c.article_id, c))
    return _common(stmt, f, day=c.c.day, article_id=c.c.article_id, text=[c.c.text]), _CLAIM_ORDER


_CLAIM_ORDER = ((schema.claims.c.day, True), (schema.claims.c.article_id, False),
                (schema.claims.c.n, False))


def _articles(f: Filters) -> Built:
    a, sa_ = schema.articles, schema.story_articles
    stmt = sa.select(
        a.c.id, a.c.day, a.c.published, a.c.title, a.c.source, a.c.url, a.c.author,
        a.c.dateline_text.label("dateline"), a.c.origin, a.c.extractor, a.c.stored_at,
        sa.func.length(a.c.text).label("chars"), sa_.c.story_id, *_keys(_ARTICLE_ORDER),
    ).outerjoin(sa_, sa_.c.article_id == a.c.id)
    if f.source:
        stmt = stmt.where(_source(f, a.c.id, a))
    return (_common(stmt, f, day=a.c.day, article_id=a.c.id, text=[a.c.title, a.c.text]),
            _ARTICLE_ORDER)


_ARTICLE_ORDER = ((schema.articles.c.day, True), (schema.articles.c.id, False))


def _layer(table: sa.Table, columns: Callable[[sa.Table], list[Any]], type_column: str,
           text: Callable[[sa.Table], list[Any]]) -> Callable[[Filters], Built]:
    """Build a per-article layer query (places, times) ordered like the articles."""
    a = schema.articles
    order = ((a.c.day, True), (table.c.article_id, False), (table.c.n, False))

    def build(f: Filters) -> Built:
        stmt = sa.select(table.c.article_id, table.c.n, a.c.day, *columns(table),
                         table.c.start, table.c.end, table.c.text, *_article_columns(),
                         *_keys(order)).join(a, a.c.id == table.c.article_id)
        if f.type:
            stmt = stmt.where(_one_of(sa.func.lower(table.c[type_column]), f.type, str.lower))
        if f.source:
            stmt = stmt.where(_source(f, table.c.article_id))
        country = None
        if f.country and "country_code" in table.c:
            country = _one_of(table.c.country_code, f.country)
        return _common(stmt, f, day=a.c.day, article_id=table.c.article_id,
                       text=text(table), country=country), order

    return build


_places = _layer(schema.places, lambda t: [t.c.name, t.c.country_code, t.c.admin1, t.c.lat,
                                           t.c.lon, t.c.geonames_id, t.c.feature_code,
                                           t.c.role, t.c.confidence],
                 "role", lambda t: [t.c.text, t.c.name])
_times = _layer(schema.times, lambda t: [t.c.value, t.c.precision, t.c.kind, t.c.mod],
                "kind", lambda t: [t.c.text])


def _entities(f: Filters) -> Built:
    """One row per (name, label) across the corpus, with how many articles mention it."""
    e = schema.entities
    stmt = sa.select(e.c.name, e.c.label, e.c.article_id, e.c.day, e.c.mention_count)
    if f.type:
        stmt = stmt.where(_one_of(e.c.label, f.type))
    if f.source:
        stmt = stmt.where(_source(f, e.c.article_id))
    stmt = _common(stmt, f, day=e.c.day, article_id=e.c.article_id, text=[e.c.name])
    inner = stmt.subquery()
    articles = sa.func.count(sa.distinct(inner.c.article_id))
    grouped = sa.select(
        inner.c.name, inner.c.label, articles.label("articles"),
        sa.func.sum(inner.c.mention_count).label("mentions"),
        sa.func.min(inner.c.day).label("first_day"), sa.func.max(inner.c.day).label("last_day"),
    ).group_by(inner.c.label, inner.c.name)  # the order of ix_entities_label_name
    # Keyset over an aggregate: wrap it so the sort keys are plain columns of a subquery.
    outer = grouped.subquery()
    order = ((outer.c.articles, True), (outer.c.name, False), (outer.c.label, False))
    return sa.select(outer, *_keys(order)), order


def _failures(f: Filters) -> Built:
    x = schema.failures
    day = sa.func.substr(x.c.created, 1, 10)
    stmt = sa.select(x.c.id, x.c.created, x.c.origin, x.c.article_id, x.c.stage, x.c.error,
                     x.c.message, x.c.run_id, *_keys(_FAILURE_ORDER))
    if f.type:
        stmt = stmt.where(sa.or_(sa.func.lower(x.c.stage) == f.type.lower(),
                                 sa.func.lower(x.c.error) == f.type.lower()))
    if f.source:
        stmt = stmt.where(_any_value(x.c.origin, f.source))
    return (_common(stmt, f, day=day, article_id=x.c.article_id, text=[x.c.message, x.c.origin]),
            _FAILURE_ORDER)


_FAILURE_ORDER = ((schema.failures.c.id, True),)


def _stories(f: Filters) -> Built:
    """Stories whose reports overlap the dates, newest report first."""
    s, sa_ = schema.stories, schema.story_articles
    stmt = sa.select(s.c.id, s.c.first_day, s.c.last_day, s.c.title, s.c.type, s.c.country,
                     s.c.article_count.label("articles"), s.c.sources, s.c.first_published,
                     s.c.first_article_id, *_keys(_STORY_ORDER))
    if f.since:
        stmt = stmt.where(s.c.last_day >= _since(f.since))
    if f.until:
        stmt = stmt.where(s.c.first_day <= _until(f.until), s.c.first_day != "")
    if f.type:
        stmt = stmt.where(_one_of(s.c.type, f.type))
    if f.country:
        stmt = stmt.where(_one_of(s.c.country, f.country))
    if f.text:
        stmt = stmt.where(_like(s.c.title, f.text))
    member = sa.exists().where(sa_.c.story_id == s.c.id)
    if f.article:
        stmt = stmt.where(member.where(sa_.c.article_id == f.article))
    if f.source:
        stmt = stmt.where(member.where(_source(f, sa_.c.article_id)))
    return stmt, _STORY_ORDER


_STORY_ORDER = ((schema.stories.c.last_day, True), (schema.stories.c.id, False))


def _incidents(f: Filters) -> Built:
    """Incidents merged across the articles of a story: one row per real event."""
    i, s, m = schema.story_incidents, schema.stories, schema.story_incident_members
    a = schema.articles
    stmt = sa.select(
        i.c.id, i.c.story_id, i.c.day, i.c.time_precision, i.c.type, i.c.mode, i.c.sub_event,
        i.c.actors, i.c.recipients, i.c.location_name.label("location"), i.c.country,
        i.c.admin1, i.c.lat, i.c.lon, i.c.geo_precision, i.c.factuality, i.c.fatalities,
        i.c.reports, i.c.sources, i.c.note, i.c.context, s.c.title.label("story_title"),
        i.c.article_id, a.c.url, *_keys(_INCIDENT_ORDER),
    ).join(s, s.c.id == i.c.story_id).join(a, a.c.id == i.c.article_id)
    if f.type:
        stmt = stmt.where(_one_of(i.c.type, f.type))
    if f.country:
        stmt = stmt.where(_one_of(i.c.country, f.country))
    if f.factuality:
        stmt = stmt.where(_one_of(i.c.factuality, f.factuality, str.lower))
    if f.since:
        stmt = stmt.where(i.c.day >= _since(f.since))
    if f.until:
        stmt = stmt.where(i.c.day <= _until(f.until))
    if f.actor:
        stmt = stmt.where(_like(i.c.actors, f.actor))
    if f.source:
        stmt = stmt.where(_any_value(i.c.sources, f.source))
    if f.text:
        stmt = stmt.where(_any_like([i.c.note, i.c.location_name, i.c.sub_event], f.text))
    if f.article:
        stmt = stmt.where(sa.exists().where(m.c.incident_id == i.c.id,
                                            m.c.article_id == f.article))
    return stmt, _INCIDENT_ORDER


_INCIDENT_ORDER = ((schema.story_incidents.c.day, True), (schema.story_incidents.c.id, False))


def _json_lists(*names: str) -> Callable[[Store, list[dict[str, Any]]], None]:
    def finish(_store: Store, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            for name in names:
                row[name] = json.loads(row[name])

    return finish


_SPECS: dict[str, _Spec] = {
    "events": _Spec("events", _events, _event_parts),
    "quotes": _Spec("quotes", _quotes, _quote_contents),
    "claims": _Spec("claims", _claims),
    "entities": _Spec("entities", _entities),
    "articles": _Spec("articles", _articles),
    "places": _Spec("places", _places),
    "times": _Spec("times", _times),
    "failures": _Spec("failures", _failures),
    "stories": _Spec("stories", _stories, _json_lists("sources")),
    "incidents": _Spec("incidents", _incidents,
                       _json_lists("actors", "recipients", "sources", "context")),
}


# Keyset pagination ----------------------------------------------------------------------------


def _after(order: Order, values: list[Any]) -> sa.ColumnElement[bool]:
    """Rows strictly after the cursor in the (mixed-direction) sort order."""
    ors = []
    for i, (column, desc) in enumerate(order):
        equal = [c == v for (c, _), v in zip(order[:i], values[:i], strict=True)]
        ors.append(sa.and_(*equal, column < values[i] if desc else column > values[i]))
    first, first_desc = order[0]
    # The redundant bound on the first key lets the database seek the index to the cursor.
    bound = first <= values[0] if first_desc else first >= values[0]
    return sa.and_(bound, sa.or_(*ors))


def _encode(key: list[Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode()


def _decode(cursor: str, order: Order) -> list[Any]:
    """Read a cursor back, refusing one this query did not print (edited, truncated, forged)."""
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError, RecursionError):
        values = None
    if not isinstance(values, list) or len(values) != len(order) or not all(
            _fits(column, value) for (column, _), value in zip(order, values, strict=True)):
        raise ConfigError("The cursor is not valid for this query: pass the next_cursor value "
                          "printed by the previous page unchanged.")
    return values


_INT64 = 2 ** 63


def _fits(column: sa.ColumnElement[Any], value: Any) -> bool:
    """Whether a cursor value can be compared with its sort key in every backend.

    Sort keys are never NULL (a missing day is stored as ""), so neither is a printed cursor.
    """
    if isinstance(column.type, sa.Integer):
        return type(value) is int and -_INT64 <= value < _INT64
    if isinstance(column.type, sa.String):  # Text included
        return isinstance(value, str) and "\x00" not in value
    return isinstance(value, str | int | float) and not isinstance(value, bool)

