"""The linker's memory in SQL: the story index and the canonical-entity index of dateline.link.

``SQLStoryIndex`` and ``SQLCanonicalIndex`` implement the ``StoryIndex`` and ``CanonicalIndex``
protocols over one open connection (the caller owns the transaction), so that linking an
article reads and writes a few indexed rows and never scans the store:

- candidates: one grouped lookup on the primary key of ``story_keys`` (key, story_id);
- a story: its ``stories`` row and its ``story_articles`` rows (index on story_id);
- an alias key: one primary-key lookup in ``canonical_keys``.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from dateline.ingest.dates import parse_published
from dateline.link.entities import CanonicalEntity
from dateline.link.index import Story
from dateline.store import schema
from dateline.store.store import now

_CHUNK = 500


def upsert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]],
           keys: Sequence[str], update: Sequence[str] = ()) -> None:
    """Insert rows; on a key conflict update ``update`` columns (or keep the row as it is)."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt: Any = pg_insert(table)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(table)
    if update:
        stmt = stmt.on_conflict_do_update(index_elements=list(keys),
                                          set_={c: stmt.excluded[c] for c in update})
    else:
        stmt = stmt.on_conflict_do_nothing(index_elements=list(keys))
    conn.execute(stmt, rows)


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None


def _day(when: datetime | None) -> str:
    return when.date().isoformat() if when else ""


def _pairs(value: str) -> tuple[tuple[str, Any], ...]:
    return tuple((str(k), v) for k, v in json.loads(value))


def _top_key(counts: Sequence[tuple[str, int]], prefix: str = "") -> str:
    """Return the most counted key (without ``prefix``), ties by name; '' when there is none."""
    tally = Counter({k[len(prefix):]: c for k, c in counts if k.startswith(prefix)})
    ranked = sorted(tally.items(), key=lambda item: (-item[1], item[0]))
    return ranked[0][0] if ranked else ""


def story_row(story: Story) -> dict[str, Any]:
    """Return the ``stories`` row of a linker Story."""
    return {"id": story.id, "title": story.title, "first_article_id": story.first_article,
            "first_published": _iso(story.first_published),
            "last_published": _iso(story.last_published),
            "first_day": _day(story.first_published), "last_day": _day(story.last_published),
            "article_count": len(story.articles), "sources": json.dumps(list(story.sources)),
            "type": _top_key(story.incident_types),
            "country": _top_key(story.places, "country:")[:8],
            "terms": json.dumps([list(t) for t in story.terms]),
            "entities": json.dumps([list(t) for t in story.entities]),
            "places": json.dumps([list(t) for t in story.places]),
            "incident_types": json.dumps([list(t) for t in story.incident_types]),
            "dates": json.dumps(list(story.dates)), "updated": now()}


class SQLStoryIndex:
    """A StoryIndex over the ``stories``, ``story_keys`` and ``story_articles`` tables."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn

    def get(self, story_id: str) -> Story | None:
        s, m = schema.stories, schema.story_articles
        row = self.conn.execute(sa.select(s).where(s.c.id == story_id)).mappings().first()
        if row is None:
            return None
        members = self.conn.execute(sa.select(m.c.article_id).where(m.c.story_id == story_id)
                                    ).scalars().all()
        # The first report first, the others in a stable order.
        first = row["first_article_id"]
        articles = ([first] if first in members else []) + sorted(a for a in members
                                                                  if a != first)
        return Story(
            id=row["id"], title=row["title"], first_article=first,
            first_published=parse_published(row["first_published"]),
            last_published=parse_published(row["last_published"]), articles=tuple(articles),
            sources=tuple(json.loads(row["sources"])),
            terms=tuple((str(t), float(w)) for t, w in json.loads(row["terms"])),
            entities=_pairs(row["entities"]), places=_pairs(row["places"]),
            incident_types=_pairs(row["incident_types"]),
            dates=tuple(json.loads(row["dates"])))

    def story_of(self, article_id: str) -> str | None:
        m = schema.story_articles
        found = self.conn.execute(sa.select(m.c.story_id).where(m.c.article_id == article_id))
        return found.scalar()

    def candidates(self, keys: Sequence[str], *, limit: int) -> list[str]:
        unique = sorted(set(keys))
        if not unique or limit <= 0:
            return []
        k = schema.story_keys
        shared: Counter[str] = Counter()
        for i in range(0, len(unique), _CHUNK):
            rows = self.conn.execute(
                sa.select(k.c.story_id, sa.func.count().label("shared"))
                .where(k.c.key.in_(unique[i:i + _CHUNK])).group_by(k.c.story_id))
            for story_id, count in rows:
                shared[story_id] += int(count)
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        return [story_id for story_id, _ in ranked[:limit]]

    def put(self, story: Story, keys: Sequence[str]) -> None:
        s, k, m = schema.stories, schema.story_keys, schema.story_articles
        row = story_row(story)
        upsert(self.conn, s, [row], ["id"], [c for c in row if c != "id"])
        wanted = set(keys)
        held = set(self.conn.execute(sa.select(k.c.key).where(k.c.story_id == story.id))
                   .scalars())
        gone = sorted(held - wanted)
        for i in range(0, len(gone), _CHUNK):
            self.conn.execute(k.delete().where(k.c.story_id == story.id,
                                               k.c.key.in_(gone[i:i + _CHUNK])))
        upsert(self.conn, k, [{"key": key, "story_id": story.id}
                              for key in sorted(wanted - held)], ["key", "story_id"])
        members = set(self.conn.execute(sa.select(m.c.article_id)
                                        .where(m.c.story_id == story.id)).scalars())
        joined = [{"article_id": a, "story_id": story.id} for a in story.articles
                  if a not in members]
        upsert(self.conn, m, joined, ["article_id"], ["story_id"])
        left = sorted(members - set(story.articles))
        for i in range(0, len(left), _CHUNK):
            self.conn.execute(m.delete().where(m.c.story_id == story.id,
                                               m.c.article_id.in_(left[i:i + _CHUNK])))

    def delete(self, story_id: str) -> None:
        for table in (schema.story_keys, schema.story_articles):
            self.conn.execute(table.delete().where(table.c.story_id == story_id))
        incidents = schema.story_incidents
        ids = sa.select(incidents.c.id).where(incidents.c.story_id == story_id)
        for table in (schema.story_incident_figures, schema.story_incident_members):
            self.conn.execute(table.delete().where(table.c.incident_id.in_(ids)))
        self.conn.execute(incidents.delete().where(incidents.c.story_id == story_id))
        self.conn.execute(schema.stories.delete().where(schema.stories.c.id == story_id))


class SQLCanonicalIndex:
    """A CanonicalIndex over ``canonical_entities`` and ``canonical_keys``.

    An entity read back carries only the keys it was looked up by (an entity named in many
    stories has many keys, and reading them all at every lookup would grow with the store);
    ``remember`` adds keys without ever moving a key that already points elsewhere, so the
    resolver's answers are the same as with the full list.
    """

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn

    def lookup(self, keys: Sequence[str]) -> CanonicalEntity | None:
        if not keys:
            return None
        k, c = schema.canonical_keys, schema.canonical_entities
        found = dict(self.conn.execute(sa.select(k.c.key, k.c.canonical_id)
                                       .where(k.c.key.in_(list(dict.fromkeys(keys))))).all())
        first = next((key for key in keys if key in found), None)
        if first is None:
            return None
        row = self.conn.execute(sa.select(c).where(c.c.id == found[first])).mappings().first()
        if row is None:
            return None
        known = tuple(key for key in keys if found.get(key) == row["id"])
        return CanonicalEntity(row["id"], row["key"], row["name"], row["label"],
                               tuple(dict.fromkeys([row["key"], *known])))

    def remember(self, entity: CanonicalEntity) -> None:
        upsert(self.conn, schema.canonical_entities,
               [{"id": entity.id, "key": entity.key, "name": entity.name,
                 "label": entity.label}], ["id"])
        keys = list(dict.fromkeys([entity.key, *entity.alias_keys]))
        upsert(self.conn, schema.canonical_keys,
               [{"key": key, "canonical_id": entity.id} for key in keys], ["key"])
