"""Read-only views over the store for the web app: what ``query()`` pages cannot answer.

- one row by its key (an event by id; a quote, claim, place or time by article and position),
  shaped exactly like the rows of ``query()``;
- an entity's profile across the corpus (roles, quotes, events, claims it is the source of);
- events counted by day and type (a timeline), event places and countries (a map);
- claims that count the same thing, grouped so that sources can be compared side by side.

Every view takes the same ``Filters`` as ``dateline query`` and reuses the table's query from
``query.py``, so a filter means the same thing in the CLI, the API and the web pages.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import sqlalchemy as sa

from dateline.records import Doc
from dateline.store import schema
from dateline.store.query import Filters, _spec, check_filters, read_sources
from dateline.store.store import Store

# Articles an entity profile looks into at once, and at most (see entity_profile).
_WINDOW = 200
_MOST_ARTICLES = 4000
# Tables whose rows are addressed by (article_id, n).
KEYED_TABLES = {"quotes": schema.quotes, "claims": schema.claims, "places": schema.places,
                "times": schema.times}


def article_doc(store: Store, article_id: str) -> Doc | None:
    """Return the stored Doc of the article with exactly this id, or None."""
    if not store.stored_extractors([article_id]):
        return None
    return store.load(article_id)


def article_info(store: Store, article_id: str) -> dict[str, Any] | None:
    """Return how an article was stored: origin, extractor, stored_at, run id."""
    a = schema.articles
    rows = store.execute(sa.select(a.c.origin, a.c.extractor, a.c.stored_at, a.c.run_id)
                         .where(a.c.id == article_id))
    return rows[0] if rows else None


def rows_where(store: Store, table: str, *conditions: sa.ColumnElement[bool],
               filters: Filters | None = None, limit: int = 50) -> list[dict[str, Any]]:
    """Return ``table`` rows shaped as ``query()`` returns them, with extra conditions, newest first."""
    filters = filters or Filters()
    check_filters(table, filters)
    spec = _spec(table)
    stmt, order = spec.build(read_sources(store, table, filters))
    stmt = stmt.where(*conditions).order_by(*(c.desc() if d else c.asc() for c, d in order))
    rows = store.execute(stmt.limit(limit))
    for row in rows:
        for i in range(len(order)):
            row.pop(f"_k{i}", None)
    if spec.finish:
        spec.finish(store, rows)
    return rows


def event_row(store: Store, event_id: str) -> dict[str, Any] | None:
    """Return the event with this id (as a row of ``query(store, "events")``), or None."""
    rows = rows_where(store, "events", schema.events.c.id == event_id, limit=1)
    return rows[0] if rows else None


def keyed_row(store: Store, table: str, article_id: str, n: int) -> dict[str, Any] | None:
    """Return the ``n``-th quote, claim, place or time of an article, or None."""
    t = KEYED_TABLES[table]
    rows = rows_where(store, table, t.c.article_id == article_id, t.c.n == n, limit=1)
    return rows[0] if rows else None


def stats(store: Store) -> dict[str, Any]:
    """Return row counts and the range of publication days."""
    a = schema.articles
    counts = store.counts()
    span = store.execute(sa.select(sa.func.min(a.c.day).label("first"),
                                   sa.func.max(a.c.day).label("last")).where(a.c.day != ""))
    return {"counts": counts, "first_day": span[0]["first"], "last_day": span[0]["last"]}


# Entities ------------------------------------------------------------------------------------


def entity_profile(store: Store, name: str, label: str, *, limit: int = 50
                   ) -> dict[str, Any] | None:
    """Return what the corpus says about one entity (name and label, as ``query entities`` lists).

    Quotes, events and claims are linked through the per-article entity ids the extractor
    resolved (a speaker, an actor or recipient, a claim's source), not by matching names, so
    "he" quoted after "Gen. Grynkewich" counts for the general. They are the newest ``limit``
    of each, found in the newest 4,000 articles that name the entity (``searched_articles``).
    """
    e, r = schema.entities, schema.roles
    label = label.upper()
    own = sa.and_(e.c.label == label, e.c.name == name)
    summary = store.execute(sa.select(
        sa.func.count(sa.distinct(e.c.article_id)).label("articles"),
        sa.func.sum(e.c.mention_count).label("mentions"),
        sa.func.min(e.c.day).label("first_day"), sa.func.max(e.c.day).label("last_day"),
    ).where(own))[0]
    if not summary["articles"]:
        return None
    details = store.execute(sa.select(e.c.aliases, e.c.affiliation, e.c.nationality)
                            .where(own).limit(500))
    aliases: Counter[str] = Counter()
    affiliations: Counter[str] = Counter()
    nationalities: Counter[str] = Counter()
    for row in details:
        aliases.update(a for a in json.loads(row["aliases"] or "[]") if a != name)
        if row["affiliation"]:
            affiliations[row["affiliation"]] += 1
        if row["nationality"]:
            nationalities[row["nationality"]] += 1
    roles = store.execute(
        sa.select(r.c.kind, r.c.text, sa.func.count().label("count"))
        .join(e, sa.and_(e.c.article_id == r.c.article_id, e.c.n == r.c.n)).where(own)
        .group_by(r.c.kind, r.c.text).order_by(sa.desc("count"), r.c.text).limit(limit))

    m = schema.mentions

    def linked(article_id: sa.ColumnElement[Any], entity_id: sa.ColumnElement[Any],
               start: sa.ColumnElement[Any], end: sa.ColumnElement[Any]
               ) -> sa.ColumnElement[bool]:
        # The resolved entity id, or else a mention of the entity inside the span (an actor
        # "Mr. Lula da Silva" the extractor left unresolved still names him).
        by_id = sa.exists().where(e.c.article_id == article_id, e.c.id == entity_id, own)
        by_span = sa.exists().where(
            e.c.article_id == article_id, own, m.c.article_id == e.c.article_id,
            m.c.n == e.c.n, m.c.start >= start, m.c.end <= end)
        return sa.or_(by_id, sa.and_(entity_id.is_(None), by_span))

    q, c, p, ev = schema.quotes, schema.claims, schema.participants, schema.events
    # Look only in the articles that name the entity, newest first, a window at a time, and in
    # the newest _MOST_ARTICLES of them at most: every lookup is then by article id (the
    # tables' key), and a name in every other article (U.S.) costs a bounded time.
    named = store.execute(sa.select(e.c.article_id).where(own).group_by(e.c.article_id)
                          .order_by(sa.func.max(e.c.day).desc(), e.c.article_id))
    article_ids = [row["article_id"] for row in named][:_MOST_ARTICLES]
    quotes: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for at in range(0, len(article_ids), _WINDOW):
        window = article_ids[at:at + _WINDOW]
        if len(quotes) < limit:
            quotes += rows_where(store, "quotes", q.c.article_id.in_(window),
                                 linked(q.c.article_id, q.c.speaker_entity_id, q.c.speaker_start,
                                        q.c.speaker_end), limit=limit - len(quotes))
        if len(claims) < limit:
            claims += rows_where(store, "claims", c.c.article_id.in_(window),
                                 linked(c.c.article_id, c.c.source_entity_id, c.c.source_start,
                                        c.c.source_end), limit=limit - len(claims))
        if len(events) < limit:
            events += rows_where(store, "events", ev.c.article_id.in_(window), sa.exists().where(
                p.c.article_id == ev.c.article_id, p.c.n == ev.c.n,
                linked(p.c.article_id, p.c.entity_id, p.c.start, p.c.end)),
                limit=limit - len(events))
        if min(len(quotes), len(claims), len(events)) >= limit:
            break
    parts: dict[tuple[str, int], set[str]] = {}
    if events:
        for part in store.execute(
                sa.select(p.c.article_id, p.c.n, p.c.role)
                .where(p.c.article_id.in_({ev["article_id"] for ev in events}),
                       linked(p.c.article_id, p.c.entity_id, p.c.start, p.c.end))):
            parts.setdefault((part["article_id"], part["n"]), set()).add(part["role"])
    for event in events:
        event["entity_roles"] = sorted(parts.get((event["article_id"], event["n"]), ()))
    return {"name": name, "label": label, **summary, "searched_articles": len(article_ids),
            "aliases": [a for a, _ in aliases.most_common(20)],
            "affiliations": [a for a, _ in affiliations.most_common(5)],
            "nationalities": [n for n, _ in nationalities.most_common(5)],
            "roles": roles, "quotes": quotes, "events": events, "claims": claims}


# Events: timeline and map ---------------------------------------------------------------------


def _events_subquery(store: Store, filters: Filters) -> sa.Subquery:
    check_filters("events", filters)
    stmt, _order = _spec("events").build(read_sources(store, "events", filters))
    return stmt.subquery()


def event_timeline(store: Store, filters: Filters | None = None, *, days: int = 60
                   ) -> list[dict[str, Any]]:
    """Count matching events per day and type over the ``days`` most recent days that have any.

    Returns ``[{"day": "2026-03-20", "total": 5, "types": {"ASSAULT": 3, "AGREE": 2}}, ...]``,
    newest day first. Events without a known day are left out.
    """
    sub = _events_subquery(store, filters or Filters())
    recent = (sa.select(sub.c.day).where(sub.c.day != "").distinct()
              .order_by(sub.c.day.desc()).limit(days)).subquery()
    cutoff = sa.select(sa.func.min(recent.c.day)).scalar_subquery()
    rows = store.execute(
        sa.select(sub.c.day, sub.c.type, sa.func.count().label("count"))
        .where(sub.c.day != "", sub.c.day >= cutoff)
        .group_by(sub.c.day, sub.c.type).order_by(sub.c.day.desc(), sub.c.type))
    by_day: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = by_day.setdefault(row["day"], {"day": row["day"], "total": 0, "types": {}})
        entry["types"][row["type"]] = row["count"]
        entry["total"] += row["count"]
    return list(by_day.values())


def event_places(store: Store, filters: Filters | None = None, *, limit: int = 1000
                 ) -> list[dict[str, Any]]:
    """Group matching events by the place they happened at (those with coordinates).

    Returns ``[{"place", "country", "lat", "lon", "events", "types": {TYPE: n}}]``, the places
    with most events first.
    """
    sub = _events_subquery(store, filters or Filters())
    located = sa.and_(sub.c.lat.is_not(None), sub.c.lon.is_not(None))
    top = store.execute(
        sa.select(sub.c.place, sub.c.country, sub.c.lat, sub.c.lon,
                  sa.func.count().label("events"))
        .where(located).group_by(sub.c.place, sub.c.country, sub.c.lat, sub.c.lon)
        .order_by(sa.desc("events"), sub.c.place).limit(limit))
    keys = {(r["place"], r["lat"], r["lon"]): r for r in top}
    for row in top:
        row["types"] = {}
    if top:
        types = store.execute(
            sa.select(sub.c.place, sub.c.lat, sub.c.lon, sub.c.type,
                      sa.func.count().label("count"))
            .where(located).group_by(sub.c.place, sub.c.lat, sub.c.lon, sub.c.type))
        for t in types:
            place = keys.get((t["place"], t["lat"], t["lon"]))
            if place is not None:
                place["types"][t["type"]] = t["count"]
    return top


def event_countries(store: Store, filters: Filters | None = None) -> dict[str, int]:
    """Count matching events per country (ISO alpha-2) where the country is known."""
    sub = _events_subquery(store, filters or Filters())
    rows = store.execute(sa.select(sub.c.country, sa.func.count().label("count"))
                         .where(sub.c.country != "").group_by(sub.c.country))
    return {r["country"]: r["count"] for r in rows}


# Claims: the same quantity from different sources ---------------------------------------------


@dataclass
class ClaimGroup:
    """Claims that count the same thing ("killed" + "people"), for side-by-side comparison."""

    kind: str                  # what happened to what is counted: killed, injured, or the predicate
    what: str                  # what is counted (lower case), "" when the claim does not say
    claims: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0             # matching claims in the store (``claims`` may hold fewer)

    @property
    def label(self) -> str:
        return " ".join(p for p in (self.what, self.kind) if p) or "figures"

    @property
    def sources(self) -> list[str]:
        return sorted({c["source"] or c["publisher"] or "unattributed" for c in self.claims})

    @property
    def articles(self) -> int:
        return len({c["article_id"] for c in self.claims})

    @property
    def spread(self) -> tuple[Decimal, Decimal] | None:
        """The smallest and largest figure stated (values, or range ends)."""
        figures = [_decimal(c[k]) for c in self.claims for k in ("value", "low", "high")]
        known = [f for f in figures if f is not None]
        return (min(known), max(known)) if known else None

    def to_dict(self) -> dict[str, Any]:
        spread = self.spread
        return {"kind": self.kind, "what": self.what, "label": self.label, "total": self.total,
                "articles": self.articles, "sources": self.sources,
                "min": str(spread[0]) if spread else None,
                "max": str(spread[1]) if spread else None, "claims": self.claims}


def _decimal(value: Any) -> Decimal | None:
    try:
        return Decimal(value) if value not in (None, "") else None
    except InvalidOperation:
        return None


def predicate_kind(predicate: str | None) -> str:
    """Map an inflected predicate to the tally it reports ("killing" -> killed), else itself."""
    from dateline.resources.predicates import PREDICATE_KINDS

    word = (predicate or "").strip().lower()
    return PREDICATE_KINDS.get(word, word)


def claim_groups(store: Store, filters: Filters | None = None, *, groups: int = 30,
                 per_group: int = 20, min_claims: int = 2, scan: int = 20_000
                 ) -> list[ClaimGroup]:
    """Group the newest ``scan`` matching claims by what they count and how, largest first.

    Inflections of one tally merge ("killed", "killing", "dead", "deaths" are all *killed*);
    what is counted is compared in lower case. Groups with fewer than ``min_claims`` claims are
    left out: there is nothing to compare. Only the newest ``scan`` claims that match the
    filters are grouped, which bounds the work on a large store; narrow the filters (a story's
    words, dates, a country) to compare older claims.
    """
    filters = filters or Filters()
    check_filters("claims", filters)
    stmt, order = _spec("claims").build(read_sources(store, "claims", filters))
    recent = stmt.order_by(*(k.desc() if d else k.asc() for k, d in order)).limit(scan).subquery()
    what, predicate = sa.func.lower(recent.c.what), sa.func.lower(recent.c.predicate)
    counted = store.execute(
        sa.select(what.label("what"), predicate.label("predicate"),
                  sa.func.count().label("count"))
        .where(sa.or_(recent.c.what.is_not(None), recent.c.predicate.is_not(None)))
        .group_by(what, predicate).order_by(sa.desc("count")).limit(groups * 20))
    merged: dict[tuple[str, str], tuple[int, list[str | None]]] = {}
    for row in counted:
        key = (predicate_kind(row["predicate"]), (row["what"] or "").strip())
        total, forms = merged.get(key, (0, []))
        merged[key] = (total + row["count"], [*forms, row["predicate"]])
    chosen = sorted(((total, key, forms) for key, (total, forms) in merged.items()
                     if total >= min_claims), key=lambda t: (-t[0], t[1]))[:groups]
    out = [ClaimGroup(kind=kind, what=what, total=total) for total, (kind, what), _ in chosen]
    if not out:
        return out
    # Then the newest claims of every chosen group in one pass: ranked within each (what,
    # predicate) pair by the query's own order, the first ``per_group`` of each kept.
    keys = [recent.c[f"_k{i}"] for i in range(len(order))]
    newest_first = [k.desc() if d else k.asc() for k, (_, d) in zip(keys, order, strict=True)]
    what_key = sa.func.coalesce(what, "")
    form_key = sa.func.coalesce(predicate, "")
    rank = sa.func.row_number().over(partition_by=(what_key, form_key), order_by=newest_first)
    wanted = sa.or_(*(sa.and_(_same_what(recent.c.what, w), _predicate_in(recent.c.predicate, f))
                      for _, (_, w), f in chosen))
    ranked = sa.select(recent, what_key.label("_what"), form_key.label("_form"),
                       rank.label("_rank")).where(wanted).subquery()
    rows = store.execute(sa.select(ranked).where(ranked.c._rank <= per_group).order_by(
        *(ranked.c[k.name].desc() if d else ranked.c[k.name].asc()
          for k, (_, d) in zip(keys, order, strict=True))))
    group_of = {(w, form or ""): group for group, (_, (_, w), forms) in zip(out, chosen,
                                                                           strict=True)
                for form in forms}
    for row in rows:
        group = group_of.get((row.pop("_what"), row.pop("_form")))
        for name in ("_rank", *(k.name for k in keys)):
            row.pop(name, None)
        if group is not None and len(group.claims) < per_group:
            group.claims.append(row)
    return out


def _same_what(column: sa.ColumnElement[Any], what: str) -> sa.ColumnElement[bool]:
    return column.is_(None) if not what else sa.func.lower(column) == what


def _predicate_in(column: sa.ColumnElement[Any], forms: Sequence[str | None]
                  ) -> sa.ColumnElement[bool]:
    words = [f for f in forms if f is not None]
    parts = [sa.func.lower(column).in_(words)] if words else []
    if None in forms:
        parts.append(column.is_(None))
    return sa.or_(*parts)
