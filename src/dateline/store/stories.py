"""Read stories, story incidents and canonical entities: what the story pages and `show` need.

Lists of stories and incidents (filtered, paged) are ``query(store, "stories" | "incidents")``;
this module answers the rest, each in a few indexed queries:

    >>> story(store, "sto_4be0...")             # title, span, sources, articles, incidents
    >>> incident(store, "sin_91f2...")          # its reports and every figure's series
    >>> story_of_article(store, article_id)     # the story an article is in
    >>> story_of_event(store, event_id)         # the story and incident an event is part of
    >>> canonical_entity(store, "can_...")      # one referent, its names and articles
    >>> incident_places(store, Filters())       # incidents with coordinates, any precision

A figure's series keeps every report: the value by source and by report time, the spread, the
latest, the revisions and who disagrees with whom (dateline.link.figure_series).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from dateline.errors import InputError
from dateline.link import FigureReport, FigureSeries, IncidentReport, figure_series
from dateline.store import schema, sources
from dateline.store.linking import load_reports
from dateline.store.query import Filters
from dateline.store.store import Store
from dateline.store.views import rows_where

_STORY_COLUMNS = ("id", "title", "first_article_id", "first_published", "last_published",
                  "first_day", "last_day", "article_count", "sources", "type", "country")


def _story_row(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: row[k] for k in _STORY_COLUMNS}
    out["sources"] = json.loads(out["sources"])
    return out


def _stories_where(store: Store, *conditions: sa.ColumnElement[bool], limit: int = 50
                   ) -> list[dict[str, Any]]:
    s = schema.stories
    rows = store.execute(sa.select(s).where(*conditions).order_by(s.c.last_day.desc(), s.c.id)
                         .limit(limit))
    return [_story_row(r) for r in rows]


def _incident_rows(store: Store, *conditions: sa.ColumnElement[bool],
                   filters: Filters | None = None, limit: int = 1000) -> list[dict[str, Any]]:
    """Story incidents shaped as ``query(store, "incidents")`` rows, newest first."""
    return rows_where(store, "incidents", *conditions, filters=filters, limit=limit)


def _resolve(store: Store, column: sa.Column[Any], prefix: str, what: str, listing: str) -> str:
    prefix = prefix.strip()
    if not prefix:
        raise InputError(f"Give a {what} id (or its first characters).")
    pattern = sources.escape_like(prefix) + "%"
    ids = [r["id"] for r in store.execute(sa.select(column.label("id"))
                                          .where(column.like(pattern, escape="\\"))
                                          .order_by(column).limit(6))]
    if not ids:
        raise InputError(f"No {what} with id {prefix!r} in {store.display_url}. List them "
                         f"with: {listing}")
    if len(ids) > 1 and prefix not in ids:
        raise InputError(f"{what.capitalize()} id {prefix!r} is ambiguous: "
                         f"{', '.join(ids[:5])}. Give more characters.")
    return prefix if prefix in ids else ids[0]


def resolve_story_id(store: Store, prefix: str) -> str:
    """Return the full id of the story that ``prefix`` starts."""
    return _resolve(store, schema.stories.c.id, prefix, "story", "dateline query stories")


def resolve_incident_id(store: Store, prefix: str) -> str:
    """Return the full id of the story incident that ``prefix`` starts."""
    return _resolve(store, schema.story_incidents.c.id, prefix, "incident",
                    "dateline query incidents")


# Stories --------------------------------------------------------------------------------------


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    """Return a story with its articles (in time order) and its incidents with their figures."""
    s, m, a = schema.stories, schema.story_articles, schema.articles
    found = _stories_where(store, s.c.id == story_id, limit=1)
    if not found:
        return None
    out = found[0]
    out["articles"] = store.execute(
        sa.select(a.c.id, a.c.title, a.c.source, a.c.url, a.c.published, a.c.day)
        .join(m, m.c.article_id == a.c.id).where(m.c.story_id == story_id)
        .order_by(a.c.day, a.c.published, a.c.id))
    incidents = _incident_rows(store, schema.story_incidents.c.story_id == story_id)
    series = _series_of(store, [i["id"] for i in incidents])
    for row in incidents:
        row["figures"] = series.get(row["id"], [])
    out["incidents"] = incidents
    return out


def story_of_article(store: Store, article_id: str) -> dict[str, Any] | None:
    """Return the story (row) an article is in, or None when it is in none (not linked)."""
    s, m = schema.stories, schema.story_articles
    found = _stories_where(store, s.c.id.in_(sa.select(m.c.story_id)
                                             .where(m.c.article_id == article_id)), limit=1)
    return found[0] if found else None


def story_of_event(store: Store, event_id: str) -> dict[str, Any] | None:
    """Return ``{"story": row, "incident_id": id or None}`` for an event, or None.

    The incident is the story incident whose reports merged the event; an event no incident
    took still belongs to its article's story.
    """
    e, im = schema.events, schema.incident_mentions
    found = store.execute(sa.select(e.c.article_id).where(e.c.id == event_id).limit(1))
    if not found:
        return None
    held = story_of_article(store, found[0]["article_id"])
    if held is None:
        return None
    members = schema.story_incident_members
    incident = store.execute(
        sa.select(members.c.incident_id)
        .join(im, sa.and_(im.c.article_id == members.c.article_id, im.c.n == members.c.n))
        .where(im.c.event_id == event_id, im.c.article_id == found[0]["article_id"]).limit(1))
    return {"story": held, "incident_id": incident[0]["incident_id"] if incident else None}


def stories_of_entity(store: Store, canonical_id: str, *, limit: int = 50
                      ) -> list[dict[str, Any]]:
    """Return the stories whose articles name a canonical entity, newest first."""
    s, m, links = schema.stories, schema.story_articles, schema.entity_links
    named = sa.select(m.c.story_id).join(links, links.c.article_id == m.c.article_id).where(
        links.c.canonical_id == canonical_id)
    return _stories_where(store, s.c.id.in_(named), limit=limit)


# Incidents ------------------------------------------------------------------------------------


def incident(store: Store, incident_id: str) -> dict[str, Any] | None:
    """Return a story incident with each report (article and evidence) and its figure series."""
    rows = _incident_rows(store, schema.story_incidents.c.id == incident_id, limit=1)
    if not rows:
        return None
    out = rows[0]
    members, i, a = schema.story_incident_members, schema.incidents, schema.articles
    out["articles"] = store.execute(
        sa.select(i.c.article_id, i.c.n, a.c.title, a.c.source.label("publisher"), a.c.url,
                  a.c.published, i.c.type, i.c.sub_event, i.c.day, i.c.time_precision,
                  i.c.date_text, i.c.date_found, i.c.location_name, i.c.geo_precision,
                  i.c.location_found, i.c.factuality, i.c.note, i.c.start, i.c.end, i.c.text)
        .join(members, sa.and_(members.c.article_id == i.c.article_id,
                               members.c.n == i.c.n))
        .join(a, a.c.id == i.c.article_id).where(members.c.incident_id == incident_id)
        .order_by(a.c.day, a.c.published, i.c.article_id, i.c.n))
    out["figures"] = _series_of(store, [incident_id]).get(incident_id, [])
    return out


def incident_places(store: Store, filters: Filters | None = None, *, limit: int = 2000
                    ) -> list[dict[str, Any]]:
    """Return story incidents with coordinates, at any geo precision (1 town ... 3 region).

    Each row is an incidents row (``geo_precision`` says how exact the point is: a map marks
    it), newest first.
    """
    x = schema.story_incidents
    return _incident_rows(store, x.c.lat.is_not(None), x.c.lon.is_not(None), filters=filters,
                          limit=limit)


def figure_comparisons(store: Store, filters: Filters | None = None, *, limit: int = 20
                       ) -> list[dict[str, Any]]:
    """Return the newest story incidents reported with figures, each with its figure series.

    Figures are compared only within one incident of one story: never across unrelated events.
    """
    f, x = schema.story_incident_figures, schema.story_incidents
    rows = _incident_rows(store, sa.exists().where(f.c.incident_id == x.c.id), filters=filters,
                          limit=limit)
    series = _series_of(store, [r["id"] for r in rows])
    for row in rows:
        row["figures"] = series.get(row["id"], [])
    return rows


def _series_of(store: Store, incident_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Return incident id -> its figure series as dicts, from the member reports."""
    if not incident_ids:
        return {}
    members = schema.story_incident_members
    rows = store.execute(sa.select(members).where(members.c.incident_id.in_(list(incident_ids))))
    owner = {(r["article_id"], r["n"]): r["incident_id"] for r in rows}
    grouped: dict[str, list[IncidentReport]] = defaultdict(list)
    for n, report in load_reports(store, sorted({aid for aid, _ in owner})):
        held = owner.get((report.article_id, n))
        if held is not None:
            grouped[held].append(report)
    return {iid: [series_dict(s) for s in figure_series(reports)]
            for iid, reports in grouped.items()}


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def report_dict(report: FigureReport) -> dict[str, Any]:
    """Return one figure report as plain values."""
    return {"value": _num(report.value), "low": _num(report.low), "high": _num(report.high),
            "qualifier": report.qualifier, "voice": report.voice, "said_by": report.said_by,
            "outlet": report.outlet, "article_id": report.article_id,
            "reported": report.published.isoformat() if report.published else None,
            "text": report.text}


def series_dict(series: FigureSeries) -> dict[str, Any]:
    """Return a figure series as plain values: reports by time and by voice, revisions, spread."""
    return {
        "predicate": series.predicate, "lowest": _num(series.lowest),
        "highest": _num(series.highest), "latest": report_dict(series.latest),
        "reports": [report_dict(r) for r in series.reports],
        "by_voice": {voice: [report_dict(r) for r in reports]
                     for voice, reports in series.by_voice().items()},
        "revisions": [{"before": report_dict(r.before), "after": report_dict(r.after)}
                      for r in series.revisions],
        "disagreements": [{"first": report_dict(d.first), "second": report_dict(d.second)}
                          for d in series.disagreements]}


# Canonical entities ---------------------------------------------------------------------------


def canonical_entity(store: Store, canonical_id: str, *, limit: int = 200
                     ) -> dict[str, Any] | None:
    """Return a canonical entity: its names in the articles, its keys, articles and stories."""
    c, k, links = schema.canonical_entities, schema.canonical_keys, schema.entity_links
    e, a, m = schema.entities, schema.articles, schema.story_articles
    found = store.execute(sa.select(c).where(c.c.id == canonical_id))
    if not found:
        return None
    out = dict(found[0])
    out["keys"] = [r["key"] for r in store.execute(
        sa.select(k.c.key).where(k.c.canonical_id == canonical_id).order_by(k.c.key).limit(100))]
    joined = sa.and_(e.c.article_id == links.c.article_id, e.c.n == links.c.n)
    out["names"] = store.execute(
        sa.select(e.c.name, e.c.label, sa.func.count().label("articles")).join(links, joined)
        .where(links.c.canonical_id == canonical_id).group_by(e.c.name, e.c.label)
        .order_by(sa.desc("articles"), e.c.name).limit(50))
    out["articles"] = store.execute(
        sa.select(a.c.id, a.c.title, a.c.source, a.c.day, m.c.story_id)
        .join(links, links.c.article_id == a.c.id).outerjoin(m, m.c.article_id == a.c.id)
        .where(links.c.canonical_id == canonical_id).group_by(
            a.c.id, a.c.title, a.c.source, a.c.day, m.c.story_id)
        .order_by(a.c.day.desc(), a.c.id).limit(limit))
    out["stories"] = stories_of_entity(store, canonical_id)
    return out


def canonical_ids(store: Store, name: str, label: str) -> list[str]:
    """Return the canonical ids of the article entities named ``name`` with ``label``."""
    e, links = schema.entities, schema.entity_links
    rows = store.execute(
        sa.select(links.c.canonical_id, sa.func.count().label("n"))
        .join(e, sa.and_(e.c.article_id == links.c.article_id, e.c.n == links.c.n))
        .where(e.c.name == name, e.c.label == label.upper())
        .group_by(links.c.canonical_id).order_by(sa.desc("n"), links.c.canonical_id))
    return [r["canonical_id"] for r in rows]


def canonical_of(store: Store, article_id: str, n: int) -> str | None:
    """Return the canonical id of an article's ``n``-th entity, or None (not linked)."""
    links = schema.entity_links
    rows = store.execute(sa.select(links.c.canonical_id).where(links.c.article_id == article_id,
                                                               links.c.n == n))
    return rows[0]["canonical_id"] if rows else None
