"""The entity page's lists, a page at a time: the articles that name an entity (every name of
its canonical entity where the stories work linked it), and its quotes, events and claims."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from dateline.store import Store
from dateline.store import schema as s

ENTITY_ROWS = 25
PARTS = ("articles", "quotes", "events", "claims")


def entity_articles(store: Store, name: str, label: str, canonical_id: str | None, *,
                    offset: int, limit: int = ENTITY_ROWS) -> tuple[list[dict[str, Any]], int]:
    """One page of the articles naming the entity, newest first, and how many there are.

    With a ``canonical_id`` the articles are those of every name linked to it (U.S., US and
    United States alike); otherwise those that name ``name`` with ``label``."""
    a, e, links, m = s.articles, s.entities, s.entity_links, s.story_articles
    if canonical_id:
        ids = sa.select(links.c.article_id).where(links.c.canonical_id == canonical_id)
    else:
        ids = sa.select(e.c.article_id).where(e.c.label == label.upper(), e.c.name == name)
    named = ids.distinct().subquery()
    total = store.execute(sa.select(sa.func.count().label("n")).select_from(named))[0]["n"]
    rows = store.execute(
        sa.select(a.c.id, a.c.title, a.c.source, a.c.day, m.c.story_id)
        .join(named, named.c.article_id == a.c.id).outerjoin(m, m.c.article_id == a.c.id)
        .order_by(a.c.day.desc(), a.c.id).offset(offset).limit(limit))
    return rows, int(total)


def page_numbers(given: dict[str, str]) -> dict[str, int]:
    """Each list's page (1 when not given), from ``?articles=2&quotes=3``; ValueError names a
    bad one."""
    pages = {}
    for part in PARTS:
        text = given.get(part, "1").strip() or "1"
        if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= 10_000:
            raise ValueError(f"{part} must be a page number from 1 to 10000, not {text!r}.")
        pages[part] = int(text)
    return pages


# How many of a name's mentions decide which canonical entity it is shown as (a name in
# thousands of articles is looked up in bounded time).
CANONICAL_SAMPLE = 200


def canonical_names(store: Store, rows: list[dict[str, Any]]) -> dict[tuple[str, str],
                                                                       dict[str, str]]:
    """The canonical entity (``name``, ``label``) most mentions of each listed (label, name)
    link to, where the stories work linked them: "US" and "U.S." both to "United States"."""
    e, links, c = s.entities, s.entity_links, s.canonical_entities
    chosen: dict[tuple[str, str], str] = {}
    for label, name in sorted({(r["label"], r["name"]) for r in rows}):
        mentions = (sa.select(e.c.article_id, e.c.n).where(e.c.label == label, e.c.name == name)
                    .limit(CANONICAL_SAMPLE).subquery())
        linked = store.execute(
            sa.select(links.c.canonical_id)
            .join(mentions, sa.and_(links.c.article_id == mentions.c.article_id,
                                    links.c.n == mentions.c.n)))
        if linked:
            ids = [r["canonical_id"] for r in linked]
            chosen[(label, name)] = max(sorted(set(ids)), key=ids.count)
    if not chosen:
        return {}
    names = {r["id"]: {"name": r["name"], "label": r["label"]} for r in store.execute(
        sa.select(c.c.id, c.c.name, c.c.label).where(c.c.id.in_(sorted(set(chosen.values())))))}
    return {key: names[cid] for key, cid in chosen.items() if cid in names}
