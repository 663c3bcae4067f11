"""Read what the story and incident pages show beyond dateline.store.stories: every figure
report with its evidence offsets, the article incidents merged into a story incident with
their mentions (events), an article's incidents, and the claims and figures compared within a
story or an incident.

Plain reads over the tables the linker fills (store/schema.py, version 3).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from dateline.store import Filters, Store
from dateline.store import schema as s
from dateline.store.query import (
    _any_like,
    _like,
    _since,
    _spec,
    _until,
    _walk_key,
    check_filters,
)
from dateline.store.views import rows_where
from dateline.web.comparisons import Comparison, incident_comparisons, story_comparisons

_LIST_COLUMNS = ("sources", "actors", "recipients")


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    for name in _LIST_COLUMNS:
        if isinstance(row.get(name), str):
            row[name] = json.loads(row[name])
    return row


def _story_columns() -> list[sa.ColumnElement[Any]]:
    t = s.stories
    return [t.c.id, t.c.title, t.c.first_article_id, t.c.first_published, t.c.last_published,
            t.c.first_day, t.c.last_day, t.c.article_count.label("articles"), t.c.sources,
            t.c.type, t.c.country]




def story_row(store: Store, story_id: str) -> dict[str, Any] | None:
    """The story with this id (title, first report, span, sources), or None."""
    rows = store.execute(sa.select(*_story_columns()).where(s.stories.c.id == story_id))
    return _decoded(rows[0]) if rows else None










def figure_reports(store: Store, incident_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Every figure report of these story incidents, in report order, by incident id."""
    if not incident_ids:
        return {}
    f, a = s.story_incident_figures, s.articles
    rows = store.execute(
        sa.select(f.c.incident_id, f.c.k, f.c.predicate, f.c.value, f.c.low, f.c.high,
                  f.c.qualifier, f.c.source, f.c.publisher, f.c.reported, f.c.day,
                  f.c.article_id, f.c.start, f.c.end, f.c.text, a.c.title)
        .join(a, a.c.id == f.c.article_id)
        .where(f.c.incident_id.in_(list(incident_ids)))
        .order_by(f.c.incident_id, f.c.reported, f.c.k))
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row["incident_id"], []).append(row)
    return out


def member_reports(store: Store, incident_id: str) -> list[dict[str, Any]]:
    """The article incidents merged into a story incident, each with its article and the
    events (mentions) merged into it, first published first."""
    i, m, a = s.incidents, s.story_incident_members, s.articles
    rows = store.execute(
        sa.select(i, a.c.title, a.c.source, a.c.published)
        .join(m, sa.and_(m.c.article_id == i.c.article_id, m.c.n == i.c.n))
        .join(a, a.c.id == i.c.article_id).where(m.c.incident_id == incident_id)
        .order_by(a.c.published.is_(None), a.c.published, i.c.article_id, i.c.n))
    _attach_mentions(store, rows)
    return rows


def article_incident(store: Store, incident_id: str) -> dict[str, Any] | None:
    """An article's own incident by its id (``Incident.id``), with its story incident id."""
    i, m, a = s.incidents, s.story_incident_members, s.articles
    rows = store.execute(
        sa.select(i, a.c.title, a.c.source, a.c.published,
                  m.c.incident_id.label("story_incident_id"))
        .join(a, a.c.id == i.c.article_id)
        .outerjoin(m, sa.and_(m.c.article_id == i.c.article_id, m.c.n == i.c.n))
        .where(i.c.id == incident_id).limit(1))
    if not rows:
        return None
    _attach_mentions(store, rows)
    return rows[0]


def _attach_mentions(store: Store, rows: list[dict[str, Any]]) -> None:
    """Give each article incident row its ``mentions``: the events merged into it."""
    if not rows:
        return
    im, e = s.incident_mentions, s.events
    keys = {(r["article_id"], r["n"]) for r in rows}
    found = store.execute(
        sa.select(im.c.article_id, im.c.n, e.c.id, e.c.type, e.c.factuality, e.c.start, e.c.end,
                  e.c.text)
        .join(e, sa.and_(e.c.article_id == im.c.article_id, e.c.id == im.c.event_id))
        .where(im.c.article_id.in_(sorted({k[0] for k in keys})))
        .order_by(im.c.article_id, im.c.n, im.c.m))
    by_key: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for event in found:
        key = (event.pop("article_id"), event.pop("n"))
        if key in keys:
            event["article_id"] = key[0]
            by_key.setdefault(key, []).append(event)
    for row in rows:
        row["context"] = json.loads(row["context"]) if isinstance(row.get("context"), str) \
            else row.get("context")
        row["mentions"] = by_key.get((row["article_id"], row["n"]), [])


def stories_of_articles(store: Store, article_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The story of each of these articles (``id``, ``title``, ``articles``), by article."""
    ids = sorted(set(article_ids))
    if not ids:
        return {}
    t, sa_ = s.stories, s.story_articles
    rows = store.execute(
        sa.select(sa_.c.article_id, t.c.id, t.c.title, t.c.article_count.label("articles"))
        .join(t, t.c.id == sa_.c.story_id).where(sa_.c.article_id.in_(ids)))
    return {r.pop("article_id"): r for r in rows}


def incidents_of_article(store: Store, article_id: str) -> list[dict[str, Any]]:
    """The article's incidents (``n``, ``id``, ``type``, ``sub_event``, ``day``, the story
    incident they belong to), in order."""
    i, m = s.incidents, s.story_incident_members
    return store.execute(
        sa.select(i.c.n, i.c.id, i.c.type, i.c.sub_event, i.c.day, i.c.location_name,
                  i.c.start, i.c.end, m.c.incident_id.label("story_incident_id"))
        .outerjoin(m, sa.and_(m.c.article_id == i.c.article_id, m.c.n == i.c.n))
        .where(i.c.article_id == article_id).order_by(i.c.n))








def features_at(store: Store, spots: Iterable[tuple[float, float]]) -> dict[tuple[float, float],
                                                                          str]:
    """The GeoNames feature code of the place resolved at each (lat, lon), where one is."""
    wanted = {(lat, lon) for lat, lon in spots if lat is not None and lon is not None}
    if not wanted:
        return {}
    p = s.places
    rows = store.execute(
        sa.select(p.c.lat, p.c.lon, sa.func.max(p.c.feature_code).label("code"))
        .where(p.c.lat.in_(sorted({lat for lat, _ in wanted})), p.c.feature_code.is_not(None))
        .group_by(p.c.lat, p.c.lon))
    return {(r["lat"], r["lon"]): r["code"] for r in rows if (r["lat"], r["lon"]) in wanted}


def compared_incidents(store: Store, filters: Filters, *, limit: int = 20
                       ) -> list[dict[str, Any]]:
    """Story incidents with a figure reported at least twice, the most reported first, each
    with its ``figures``. ``filters`` narrow by figure (``what``: the predicate; ``source``),
    by day of report (``since``, ``until``), by the incident's ``country`` and by ``text``
    (words of the figure's evidence)."""
    f, t = s.story_incident_figures, s.story_incidents
    conditions: list[sa.ColumnElement[bool]] = []
    if filters.what:
        conditions.append(_like(f.c.predicate, filters.what))
    if filters.source:
        conditions.append(_any_like([f.c.source, f.c.publisher], filters.source))
    if filters.text:
        conditions.append(_like(f.c.text, filters.text))
    if filters.since:
        conditions.append(f.c.day >= _since(filters.since))
    if filters.until:
        conditions.append(f.c.day <= _until(filters.until))
    if filters.country:
        conditions.append(t.c.country == filters.country.upper())
    counted = (sa.select(f.c.incident_id, sa.func.count().label("reports"))
               .join(t, t.c.id == f.c.incident_id).where(*conditions)
               .group_by(f.c.incident_id, f.c.predicate).having(sa.func.count() >= 2)
               .order_by(sa.func.count(sa.distinct(f.c.article_id)).desc(), sa.desc("reports"),
                         f.c.incident_id).limit(limit * 4))
    ids = list(dict.fromkeys(r["incident_id"] for r in store.execute(counted)))[:limit]
    if not ids:
        return []
    incidents = {r["id"]: r for r in rows_where(store, "incidents", t.c.id.in_(ids),
                                                limit=len(ids))}
    reports = figure_reports(store, ids)
    out = []
    for incident_id in ids:
        incident = incidents.get(incident_id)
        if incident is not None:
            kept = [r for r in reports.get(incident_id, []) if _matches(r, filters)]
            out.append({**incident, "figures": kept})
    return out


def _matches(report: dict[str, Any], filters: Filters) -> bool:
    """Whether a figure report passes the figure filters (the SQL above, in Python)."""
    def has(value: Any, words: str) -> bool:
        return words.lower() in str(value or "").lower()

    if filters.what and not has(report["predicate"], filters.what):
        return False
    if filters.source and not (has(report["source"], filters.source)
                               or has(report["publisher"], filters.source)):
        return False
    if filters.text and not has(report["text"], filters.text):
        return False
    day = report.get("day") or ""
    if filters.since and day < _since(filters.since):
        return False
    return not (filters.until and day > _until(filters.until))


def story_claims(store: Store, filters: Filters, *, scan: int = 5000,
                 batch: int = 200) -> list[dict[str, Any]]:
    """The newest ``scan`` claims matching ``filters`` that belong to a story of two or more
    articles, each with ``story_id`` and ``story_title``.

    Read from the stories down, newest report first, a batch of stories at a time, stopping
    once no older story can hold a newer claim than the ``scan`` kept: a claim's day is its
    article's publication day, never after its story's last day. (Read from the claims down,
    a store with few linked stories scanned every claim to find none: 3.9 s at 100,000
    articles.)"""
    check_filters("claims", filters)
    stmt, order = _spec("claims").build(filters)
    t, m = s.stories, s.story_articles
    c = s.claims
    kept: list[dict[str, Any]] = []
    after: tuple[str, str] | None = None

    while True:
        page = sa.select(t.c.id, t.c.title, t.c.last_day).where(t.c.article_count >= 2)
        if after is not None:
            page = page.where(sa.or_(t.c.last_day < after[0],
                                     sa.and_(t.c.last_day == after[0], t.c.id > after[1])))
        stories = store.execute(page.order_by(t.c.last_day.desc(), t.c.id).limit(batch))
        if not stories:
            break
        titles = {r["id"]: r["title"] for r in stories}
        members = sa.select(m.c.article_id).where(m.c.story_id.in_(list(titles)))
        for row in store.execute(stmt.where(c.c.article_id.in_(members))):
            row["story_title"] = titles.get(row["story_id"])
            kept.append(row)
        kept.sort(key=lambda row: _walk_key(row, order))
        del kept[scan:]
        after = (stories[-1]["last_day"], stories[-1]["id"])
        if len(stories) < batch or (len(kept) == scan and kept[-1]["day"] > after[0]):
            break
    for row in kept:
        for i in range(len(order)):
            row.pop(f"_k{i}", None)
    return kept


def article_links(store: Store, article_id: str) -> dict[str, Any]:
    """What an article page links to across articles: its ``story`` and its ``incidents``."""
    return {"story": stories_of_articles(store, [article_id]).get(article_id),
            "incidents": incidents_of_article(store, article_id)}


def evidence_span(value: str | None) -> tuple[int, int] | None:
    """Read ``?evidence=START-END`` (character offsets); anything else is no span."""
    start, _, end = (value or "").partition("-")
    if not (start.isdigit() and end.isdigit()) or int(end) <= int(start):
        return None
    return int(start), int(end)


def canonical_profile(store: Store, name: str, label: str, *, limit: int = 50
                      ) -> dict[str, Any] | None:
    """The canonical entity most of the articles naming ``name`` (``label``) link to: its
    names across articles, the articles and the stories it appears in; None if not linked."""
    from dateline.store import stories

    ids = stories.canonical_ids(store, name, label)
    return stories.canonical_entity(store, ids[0], limit=limit) if ids else None


def comparisons_within(store: Store, filters: Filters, *, groups: int = 30, per_group: int = 20
                       ) -> list[Comparison]:
    """Figures compared within one incident, then claims compared within one story: at most
    ``groups`` groups of at most ``per_group`` reports each."""
    found = [*incident_comparisons(compared_incidents(store, filters, limit=groups)),
             *story_comparisons(story_claims(store, filters))][:groups]
    for group in found:
        del group.reports[per_group:]
    return found
