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
import zlib
from collections import Counter, OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

import sqlalchemy as sa

from dateline.ingest.dates import parse_published
from dateline.link.entities import CanonicalEntity
from dateline.link.features import ArticleFeatures
from dateline.link.index import Member, Story
from dateline.store import schema
from dateline.store.store import now

_CHUNK = 500


def upsert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]],
           keys: Sequence[str], update: Sequence[str] = ()) -> None:
    """Insert rows; on a key conflict update ``update`` columns (or keep the row as it is)."""
    if rows:
        conn.execute(_upsert_statement(conn.dialect.name, table, tuple(keys), tuple(update)),
                     rows)


@lru_cache(maxsize=64)
def _upsert_statement(dialect: str, table: sa.Table, keys: tuple[str, ...],
                      update: tuple[str, ...]) -> Any:
    # Built once per shape: building ON CONFLICT clauses costs more than running them.
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        stmt: Any = pg_insert(table)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        stmt = sqlite_insert(table)
    if update:
        return stmt.on_conflict_do_update(index_elements=list(keys),
                                          set_={c: stmt.excluded[c] for c in update})
    return stmt.on_conflict_do_nothing(index_elements=list(keys))


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None


def _day(when: datetime | None) -> str:
    return when.date().isoformat() if when else ""


def _pairs(value: str) -> tuple[tuple[str, Any], ...]:
    return tuple((str(k), v) for k, v in json.loads(value))


def _top_key(counts: Sequence[tuple[str, float]], prefix: str = "") -> str:
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


class LinkCache:
    """What a linking process remembers between transactions, so that hot rows are read once.

    Every part is a bounded cache of the tables, never the truth: stories (with the keys they
    are posted under), members and canonical keys are written through, and an entry pushed
    out is read again from the tables when next needed, so what is linked never depends on
    the bounds. It assumes one linking process per store at a time (ingest has a single
    writer; `dateline link` is alone). Articles arrive roughly in time order and join recent
    stories, so a few thousand stories (each with its term centroid, tens of kB) cover the
    candidates; the canonical keys are kept least recently used first out.
    """

    def __init__(self, stories: int = 2_000, keys: int = 500_000, members: int = 5_000) -> None:
        self.max_stories = stories
        self.max_keys = max(1, keys)
        self.max_members = members
        self.stories: dict[str, tuple[Story, frozenset[str]]] = {}
        # Alias key -> the entity it points to in the tables, least recently used first.
        self.canonical: OrderedDict[str, CanonicalEntity] = OrderedDict()
        self.evicted = 0  # canonical keys pushed out (the tables must then be asked)
        self.members: dict[str, Member] = {}  # article -> what the linker remembers of it

    def keep_story(self, story: Story, keys: frozenset[str]) -> None:
        if len(self.stories) >= self.max_stories:
            self.stories.pop(next(iter(self.stories)))  # the oldest entry first
        self.stories.pop(story.id, None)
        self.stories[story.id] = (story, keys)

    def keep_member(self, member: Member) -> None:
        if len(self.members) >= self.max_members:
            self.members.pop(next(iter(self.members)))  # the oldest entry first
        self.members.pop(member.article_id, None)
        self.members[member.article_id] = member

    def keep_key(self, key: str, entity: CanonicalEntity) -> None:
        """Remember what a stored key points to, pushing out the least recently used key."""
        self.canonical[key] = entity
        self.canonical.move_to_end(key)
        while len(self.canonical) > self.max_keys:
            self.canonical.popitem(last=False)
            self.evicted += 1

    def key(self, key: str) -> CanonicalEntity | None:
        """Return the cached entity of a stored key (marking it recently used), or None."""
        entity = self.canonical.get(key)
        if entity is not None:
            self.canonical.move_to_end(key)
        return entity


# The index's reads, built once (building a statement costs more than running it on SQLite).
_ID: sa.BindParameter[str] = sa.bindparam("id")
_STORY = sa.select(schema.stories).where(schema.stories.c.id == _ID)
_MEMBERS = sa.select(schema.story_articles.c.article_id).where(
    schema.story_articles.c.story_id == _ID)
_KEYS = sa.select(schema.story_keys.c.key).where(schema.story_keys.c.story_id == _ID)
_STORY_OF = sa.select(schema.story_articles.c.story_id).where(
    schema.story_articles.c.article_id == _ID)
_CANDIDATES = (sa.select(schema.story_keys.c.story_id, sa.func.count().label("shared"))
               .where(schema.story_keys.c.key.in_(sa.bindparam("keys", expanding=True)))
               .group_by(schema.story_keys.c.story_id))


def member_row(member: Member) -> dict[str, Any]:
    """Return the ``story_members`` row of a linker Member."""
    f = member.features
    features = [f.article_id, _iso(f.published), f.source, f.title,
                [list(t) for t in f.terms], [list(e) for e in f.entities], list(f.places),
                list(f.incident_types), list(f.dates), f.lead_date, [list(m) for m in f.marks]]
    return {"article_id": f.article_id,
            "features": zlib.compress(json.dumps(features, separators=(",", ":")).encode()),
            "ties": json.dumps([list(t) for t in member.ties]), "copy_of": member.copy_of}


def member_of(row: sa.RowMapping | Mapping[str, Any]) -> Member:
    """Return the linker Member a ``story_members`` row holds."""
    (article_id, published, source, title, terms, entities, places, types, dates, lead,
     marks) = json.loads(zlib.decompress(bytes(row["features"])))
    features = ArticleFeatures(
        article_id=article_id, published=parse_published(published), source=source,
        title=title, terms=tuple((str(t), float(v)) for t, v in terms),
        entities=tuple((str(k), int(n)) for k, n in entities), places=tuple(places),
        incident_types=tuple(types), dates=tuple(dates), lead_date=lead,
        marks=tuple((str(k), int(n)) for k, n in marks))
    ties = tuple((str(a), float(v)) for a, v in json.loads(row["ties"]))
    return Member(features, ties, row["copy_of"])


_MEMBER_ROWS = sa.select(schema.story_members).where(
    schema.story_members.c.article_id.in_(sa.bindparam("ids", expanding=True)))


def read_members(conn: sa.Connection, article_ids: Sequence[str]) -> dict[str, Member]:
    """Return the remembered members among these articles."""
    unique = sorted(set(article_ids))
    out: dict[str, Member] = {}
    for i in range(0, len(unique), _CHUNK):
        for row in conn.execute(_MEMBER_ROWS, {"ids": unique[i:i + _CHUNK]}).mappings():
            out[row["article_id"]] = member_of(row)
    return out


class SQLStoryIndex:
    """A StoryIndex over the ``stories``, ``story_keys`` and ``story_articles`` tables."""

    def __init__(self, conn: sa.Connection, cache: LinkCache | None = None) -> None:
        self.conn = conn
        self.cache = cache or LinkCache()

    def get(self, story_id: str) -> Story | None:
        held = self.cache.stories.get(story_id)
        if held is not None:
            return held[0]
        row = self.conn.execute(_STORY, {"id": story_id}).mappings().first()
        if row is None:
            return None
        members = self.conn.execute(_MEMBERS, {"id": story_id}).scalars().all()
        # The first report first, the others in a stable order.
        first = row["first_article_id"]
        articles = ([first] if first in members else []) + sorted(a for a in members
                                                                  if a != first)
        story = Story(
            id=row["id"], title=row["title"], first_article=first,
            first_published=parse_published(row["first_published"]),
            last_published=parse_published(row["last_published"]), articles=tuple(articles),
            sources=tuple(json.loads(row["sources"])),
            terms=tuple((str(t), float(w)) for t, w in json.loads(row["terms"])),
            entities=_pairs(row["entities"]), places=_pairs(row["places"]),
            incident_types=_pairs(row["incident_types"]),
            dates=tuple(json.loads(row["dates"])))
        keys = frozenset(self.conn.execute(_KEYS, {"id": story_id}).scalars())
        self.cache.keep_story(story, keys)
        return story

    def story_of(self, article_id: str) -> str | None:
        return self.conn.execute(_STORY_OF, {"id": article_id}).scalar()

    def candidates(self, keys: Sequence[str], *, limit: int) -> list[str]:
        unique = sorted(set(keys))
        if not unique or limit <= 0:
            return []
        shared: Counter[str] = Counter()
        for i in range(0, len(unique), _CHUNK):
            for story_id, count in self.conn.execute(_CANDIDATES,
                                                     {"keys": unique[i:i + _CHUNK]}):
                shared[story_id] += int(count)
        ranked = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
        return [story_id for story_id, _ in ranked[:limit]]

    def put(self, story: Story, keys: Sequence[str]) -> None:
        s, k, m = schema.stories, schema.story_keys, schema.story_articles
        row = story_row(story)
        upsert(self.conn, s, [row], ["id"], [c for c in row if c != "id"])
        wanted = frozenset(keys)
        before = self.cache.stories.get(story.id)
        if before is None and self.get(story.id) is not None:
            before = self.cache.stories.get(story.id)
        held_keys = before[1] if before else frozenset()
        members = set(before[0].articles) if before else set()
        gone = sorted(held_keys - wanted)
        for i in range(0, len(gone), _CHUNK):
            self.conn.execute(k.delete().where(k.c.story_id == story.id,
                                               k.c.key.in_(gone[i:i + _CHUNK])))
        upsert(self.conn, k, [{"key": key, "story_id": story.id}
                              for key in sorted(wanted - held_keys)], ["key", "story_id"])
        joined = [{"article_id": a, "story_id": story.id} for a in story.articles
                  if a not in members]
        upsert(self.conn, m, joined, ["article_id"], ["story_id"])
        left = sorted(members - set(story.articles))
        for i in range(0, len(left), _CHUNK):
            self.conn.execute(m.delete().where(m.c.story_id == story.id,
                                               m.c.article_id.in_(left[i:i + _CHUNK])))
        self.cache.keep_story(story, wanted)

    def members(self, article_ids: Sequence[str]) -> dict[str, Member]:
        held = self.cache.members
        out = {a: held[a] for a in article_ids if a in held}
        missing = [a for a in article_ids if a not in out]
        if missing:
            found = read_members(self.conn, missing)
            for member in found.values():
                self.cache.keep_member(member)
            out.update(found)
        return out

    def put_members(self, members: Sequence[Member]) -> None:
        upsert(self.conn, schema.story_members, [member_row(m) for m in members],
               ["article_id"], ["features", "ties", "copy_of"])
        for member in members:
            self.cache.keep_member(member)

    def delete(self, story_id: str) -> None:
        self.cache.stories.pop(story_id, None)
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

    A key points to the entity that first claimed it and never moves. Where a key points is
    found in this order: the keys remembered and not yet written (``pending``), the cache of
    stored keys, then the tables (one query for all the keys a lookup or a ``prefetch`` needs).
    ``fresh`` says the tables held no key when the cache started (a rebuild): while the cache
    has pushed nothing out it holds every stored key, and a key it does not know is known
    nowhere. Pending keys are written by ``flush`` (once per linked batch, and whenever
    ``max_pending`` have gathered), so memory stays bounded and a key pushed out of the cache is
    always in the tables: the answers are the same whatever the cache's bound.

    An entity read back carries only the keys it was looked up by (an entity named in many
    stories has many keys, and reading them all at every lookup would grow with the store);
    ``remember`` adds the keys that point nowhere yet, so the resolver's answers are the same
    as with the full list.
    """

    def __init__(self, conn: sa.Connection, cache: LinkCache | None = None, *,
                 fresh: bool = False, max_pending: int = 20_000) -> None:
        self.conn = conn
        self.cache = cache or LinkCache()
        self._fresh = fresh and not self.cache.canonical and self.cache.evicted == 0
        self._evicted_at_start = self.cache.evicted
        self.max_pending = max_pending
        self._entities: dict[str, dict[str, Any]] = {}
        self._pending: dict[str, CanonicalEntity] = {}  # key -> entity, not yet written
        self._absent: set[str] = set()  # keys the tables were asked about and do not hold

    def _complete(self) -> bool:
        """Tell whether the cache holds every stored key (a fresh start, nothing pushed out)."""
        return self._fresh and self.cache.evicted == self._evicted_at_start

    def _held(self, key: str) -> CanonicalEntity | None:
        return self._pending.get(key) or self.cache.key(key)

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read where these keys point in one go, so the lookups that follow need no query."""
        if self._complete():
            return
        self._absent.clear()  # what an earlier batch found absent is pending or moot by now
        found = self._read(self._unknown(keys))
        # ``remember`` asks where an entity's own key points: read those too, in one go.
        self._read(self._unknown(entity.key for entity in found.values()))

    def _unknown(self, keys: Iterable[str]) -> list[str]:
        return [k for k in dict.fromkeys(keys) if k not in self._absent and self._held(k) is None]

    def _read(self, keys: Sequence[str]) -> dict[str, CanonicalEntity]:
        """Ask the tables where ``keys`` point; cache what they hold, note what they do not."""
        found: dict[str, CanonicalEntity] = {}
        if not keys:
            return found
        for i in range(0, len(keys), _CHUNK):
            for r in self.conn.execute(_LOOKUP, {"keys": list(keys[i:i + _CHUNK])}).mappings():
                found[r["key"]] = CanonicalEntity(r["id"], r["own_key"], r["name"], r["label"])
        if len(self._absent) > self.cache.max_keys:
            self._absent.clear()  # only saves queries: asking again gives the same answer
        self._absent.update(k for k in keys if k not in found)
        for key, entity in found.items():
            self.cache.keep_key(key, entity)
        return found

    def _where(self, keys: Sequence[str], *, first_only: bool) -> dict[str, CanonicalEntity]:
        """Return key -> entity for the known ``keys``; with ``first_only``, stop at the first
        key known without a query (the keys after it cannot change which one is first)."""
        out: dict[str, CanonicalEntity] = {}
        unknown: list[str] = []
        complete = self._complete()
        for key in keys:
            entity = self._held(key)
            if entity is not None:
                out[key] = entity
                if first_only:
                    break
            elif not complete and key not in self._absent:
                unknown.append(key)
        if unknown:
            out.update(self._read(unknown))
        return out

    def lookup(self, keys: Sequence[str]) -> CanonicalEntity | None:
        if not keys:
            return None
        where = self._where(keys, first_only=True)
        first = next((key for key in keys if key in where), None)
        if first is None:
            return None
        entity = where[first]
        known = tuple(key for key in keys if key in where and where[key].id == entity.id)
        return CanonicalEntity(entity.id, entity.key, entity.name, entity.label,
                               tuple(dict.fromkeys([entity.key, *known])))

    def remember(self, entity: CanonicalEntity) -> None:
        keys = list(dict.fromkeys([entity.key, *entity.alias_keys]))
        where = self._where(keys, first_only=False)
        if entity.key not in where:  # a new entity: its own key points nowhere yet
            self._entities[entity.id] = {"id": entity.id, "key": entity.key,
                                         "name": entity.name, "label": entity.label}
        bare = CanonicalEntity(entity.id, entity.key, entity.name, entity.label)
        for key in keys:
            if key not in where:
                self._pending[key] = bare
                self._absent.discard(key)
        if len(self._pending) >= self.max_pending:
            self.flush()

    def flush(self) -> None:
        """Write the entities and keys remembered since the last flush."""
        upsert(self.conn, schema.canonical_entities, list(self._entities.values()), ["id"])
        new = list(self._pending.items())
        self._entities.clear()
        self._pending.clear()
        if not new:
            return
        upsert(self.conn, schema.canonical_keys,
               [{"key": key, "canonical_id": entity.id} for key, entity in new], ["key"])
        # A key another writer claimed first keeps pointing there: read back who holds them,
        # and cache only the keys that point where this process put them.
        k = schema.canonical_keys
        for i in range(0, len(new), _CHUNK):
            chunk = dict(new[i:i + _CHUNK])
            for key, holder in self.conn.execute(
                    sa.select(k.c.key, k.c.canonical_id).where(k.c.key.in_(list(chunk)))):
                if holder == chunk[key].id:
                    self.cache.keep_key(key, chunk[key])
                else:
                    self.cache.canonical.pop(key, None)


_LOOKUP = (
    sa.select(schema.canonical_keys.c.key, schema.canonical_entities.c.id,
              schema.canonical_entities.c.key.label("own_key"), schema.canonical_entities.c.name,
              schema.canonical_entities.c.label)
    .join(schema.canonical_entities,
          schema.canonical_entities.c.id == schema.canonical_keys.c.canonical_id)
    .where(schema.canonical_keys.c.key.in_(sa.bindparam("keys", expanding=True))))


class BufferedStoryIndex:
    """A StoryIndex that holds the stories it is given and writes them in bulk (a rebuild).

    ``StoryLinker.rebuild`` puts a story per article and merges stories as ties join them:
    written one by one, each put and delete is a handful of statements. Here stories wait in
    memory and go to the tables in bulk, one statement per table for many stories, once they
    are older than ``settle_days`` behind the newest story put (a batch arrives in time order,
    so an old story rarely changes again) or at ``flush``. A story written already and changed
    later is read back and replaced, so the tables end as the linker left them whatever the
    timing; the timing only bounds memory (about ``max_pending`` stories, and the article ->
    story map). It starts from tables that hold no story (``dateline link`` clears them first),
    so it answers ``story_of`` from memory and reads back only the stories it wrote. Keys are
    read when a story is written: the linker's text model must not change meanwhile (a rebuild
    counts every article first).
    """

    def __init__(self, conn: sa.Connection, *, settle_days: float = 28,
                 max_pending: int = 2_000) -> None:
        self.conn = conn
        self.settle = settle_days * 86400
        self.max_pending = max_pending
        self._sql = SQLStoryIndex(conn, LinkCache())
        self._pending: dict[str, tuple[Story, Sequence[str]]] = {}
        self._member: dict[str, str] = {}  # article -> story
        self._written: set[str] = set()  # ids with rows in the tables
        self._gone: set[str] = set()  # written ids deleted since
        self._newest = float("-inf")
        self._members: list[dict[str, Any]] = []

    def members(self, article_ids: Sequence[str]) -> dict[str, Member]:
        self._write_members()
        return read_members(self.conn, article_ids)

    def put_members(self, members: Sequence[Member]) -> None:
        self._members.extend(member_row(m) for m in members)
        if len(self._members) >= _CHUNK:
            self._write_members()

    def _write_members(self) -> None:
        if self._members:
            upsert(self.conn, schema.story_members, self._members, ["article_id"],
                   ["features", "ties", "copy_of"])
            self._members.clear()

    def get(self, story_id: str) -> Story | None:
        held = self._pending.get(story_id)
        if held is not None:
            return held[0]
        if story_id in self._gone or story_id not in self._written:
            return None
        story = self._sql.get(story_id)
        self._sql.cache.stories.pop(story_id, None)  # the tables, not a cache, are read next time
        return story

    def story_of(self, article_id: str) -> str | None:
        return self._member.get(article_id)

    def candidates(self, keys: Sequence[str], *, limit: int) -> list[str]:
        self.flush()
        return self._sql.candidates(keys, limit=limit)

    def put(self, story: Story, keys: Sequence[str]) -> None:
        self._pending[story.id] = (story, keys)
        for article_id in story.articles:
            self._member[article_id] = story.id
        self._gone.discard(story.id)
        if story.last_published is not None:
            self._newest = max(self._newest, story.last_published.timestamp()
                               if story.last_published.tzinfo else
                               story.last_published.replace(tzinfo=UTC).timestamp())
        if len(self._pending) > self.max_pending:
            self._flush_settled()

    def delete(self, story_id: str) -> None:
        story = self.get(story_id)
        self._pending.pop(story_id, None)
        for article_id in story.articles if story else ():
            if self._member.get(article_id) == story_id:
                del self._member[article_id]
        if story_id in self._written:
            self._gone.add(story_id)

    def flush(self) -> None:
        """Write every story and member held, and delete the stories merged away."""
        self._write(list(self._pending))
        self._write_members()

    def _flush_settled(self) -> None:
        def age(item: tuple[str, tuple[Story, Sequence[str]]]) -> float:
            last = item[1][0].last_published
            if last is None:
                return float("-inf")
            return (last if last.tzinfo else last.replace(tzinfo=UTC)).timestamp()

        ranked = sorted(self._pending.items(), key=age)
        settled = [sid for sid, held in ranked if age((sid, held)) < self._newest - self.settle]
        if len(settled) < len(ranked) // 2:
            settled = [sid for sid, _ in ranked[: len(ranked) // 2]]
        self._write(settled)

    def _write(self, story_ids: list[str]) -> None:
        s, k, m = schema.stories, schema.story_keys, schema.story_articles
        held = [self._pending.pop(sid) for sid in story_ids]
        stale = sorted(self._gone | {story.id for story, _ in held if story.id in self._written})
        for i in range(0, len(stale), _CHUNK):
            chunk = stale[i:i + _CHUNK]
            incidents = schema.story_incidents
            ids = sa.select(incidents.c.id).where(incidents.c.story_id.in_(chunk))
            for table in (schema.story_incident_figures, schema.story_incident_members):
                self.conn.execute(table.delete().where(table.c.incident_id.in_(ids)))
            self.conn.execute(incidents.delete().where(incidents.c.story_id.in_(chunk)))
            for table in (k, m, s):
                column = table.c.id if table is s else table.c.story_id
                self.conn.execute(table.delete().where(column.in_(chunk)))
        self._written -= self._gone
        self._gone.clear()
        if not held:
            return
        self.conn.execute(s.insert(), [story_row(story) for story, _ in held])
        keys = [{"key": key, "story_id": story.id} for story, posted in held
                for key in dict.fromkeys(posted)]
        if keys:
            self.conn.execute(k.insert(), keys)
        self.conn.execute(m.insert(), [{"article_id": a, "story_id": story.id}
                                       for story, _ in held for a in story.articles])
        self._written.update(story.id for story, _ in held)
