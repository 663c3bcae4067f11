"""Link stored articles across the store: stories, canonical entities and story incidents.

The decisions are dateline.link's (pure); this module gives them the store's memory and writes
what they decide:

    >>> linking = StoreLinking(store)
    >>> linking.link([doc])          # after store.save(doc): its story, entities, incidents
    >>> linking.close()              # keeps the text model's term counts for the next run

    >>> relink(store)                # `dateline link`: rebuild everything derived, from scratch

Linking an article costs a few indexed reads and writes (its candidate stories, its entities'
keys) and rebuilding its story's incidents, never a scan of the store.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import islice
from typing import IO, Any, TypeVar

import sqlalchemy as sa

from dateline.ingest.dates import parse_published
from dateline.link import (
    ArticleFeatures,
    EntityResolver,
    IncidentReport,
    KeyedEntity,
    LinkSettings,
    MemberCache,
    StoryIncident,
    StoryLinker,
    TextModel,
    article_features,
    keyed_entities,
    merge_incidents,
    stories_of,
)
from dateline.link.entities import scoped_keys
from dateline.records import Doc
from dateline.store import schema
from dateline.store.engine import write_transaction
from dateline.store.links import (
    BufferedStoryIndex,
    LinkCache,
    SQLCanonicalIndex,
    SQLStoryIndex,
    upsert,
)
from dateline.store.rows import day_of, incident_from_rows
from dateline.store.store import Store, row_dicts

_MODEL = "text_model"
# The link_state row each link transaction rewrites, and the advisory lock linkers take turns
# on (PostgreSQL): any fixed number; this one spells "dateline" in ASCII.
_GENERATION = "generation"
_LINK_LOCK = 0x646174656C696E65
# What the linker reads of an article (its features and its entities' keys).
LINK_LAYERS = ("entities", "mentions", "times", "places", "events", "incidents")
_CHUNK = 500
_FEATURE_FIELDS = tuple(f.name for f in dataclasses.fields(ArticleFeatures))
# Figure predicates that count the dead (ACLED's fatalities).
DEAD = frozenset({"killed", "dead", "deaths", "death", "fatalities", "died"})


class StoreLinking:
    """Link articles as they are saved, keeping the linker's text model in memory meanwhile."""

    def __init__(self, store: Store, settings: LinkSettings | None = None, *,
                 cache: LinkCache | None = None) -> None:
        self.store = store
        self.settings = settings or LinkSettings()
        self.model = load_model(store)
        self.cache = cache or LinkCache()
        self.members = MemberCache()
        self._dirty = False
        self._generation = b""

    def link(self, docs: Sequence[Doc], *, incidents: bool = True) -> dict[str, str]:
        """Put each Doc (already saved) in a story; return article id -> story id.

        An article already in a story stays there (re-ingesting never duplicates it); its
        entities and its story's incidents are written again from the Doc as saved now.
        """
        if not docs:
            return {}
        with write_transaction(self.store.engine) as conn:
            self._claim(conn)
            index = SQLStoryIndex(conn, self.cache)
            linker = StoryLinker(index, self.settings, self.model, self.members)
            # Each entity's keys are worked out once, for the features and for resolving it.
            keyed = [keyed_entities(doc) for doc in docs]
            assignments = [linker.add(article_features(doc, canonical=_keys_from(entities)))
                           for doc, entities in zip(docs, keyed, strict=True)]
            self._dirty = True
            # Regrouping may move an article linked earlier in the batch: ask the index.
            final = {doc.article.id: index.story_of(doc.article.id) or "" for doc in docs}
            changed = {sid for a in assignments for sid in a.changed}
            canonical = SQLCanonicalIndex(conn, self.cache)
            canonical.prefetch(key for doc, entities in zip(docs, keyed, strict=True)
                               for key in _resolution_keys(
                                   entities, final[doc.article.id] or doc.article.id))
            resolver = EntityResolver(canonical)
            links: list[dict[str, Any]] = []
            for doc, entities in zip(docs, keyed, strict=True):
                resolved = resolver.resolve_keyed(entities,
                                                  scope=final[doc.article.id] or doc.article.id)
                links.extend({"article_id": doc.article.id, "n": n,
                              "canonical_id": resolved[e.id].id}
                             for n, e in enumerate(doc.entities) if e.id in resolved)
            canonical.flush()
            write_entity_links(conn, [doc.article.id for doc in docs], links)
            if incidents:
                rebuild_story_incidents(conn, sorted(set(final.values()) | changed))
        return final

    def _claim(self, conn: sa.Connection) -> None:
        """Link alone, and forget the cached stories if another writer linked since.

        Two ingests into one database each link what they store: on PostgreSQL they take
        turns through a transaction-scoped advisory lock (SQLite writers already take turns),
        and a generation mark written by each link transaction tells a linker whether its
        cache of stories still shows the store as it is.
        """
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LINK_LOCK})
        state = schema.link_state
        row = conn.execute(sa.select(state.c.value).where(state.c.name == _GENERATION)).first()
        if (bytes(row[0]) if row else b"") != self._generation:
            old = self.cache
            self.cache = LinkCache(old.max_stories, old.max_keys, old.max_members)
        self._generation = os.urandom(8)
        upsert(conn, state, [{"name": _GENERATION, "value": self._generation}], ["name"],
               ["value"])

    def close(self) -> None:
        """Save the text model if anything was linked."""
        if self._dirty:
            save_model(self.store, self.model)
            self._dirty = False

    def __enter__(self) -> StoreLinking:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True, slots=True)
class LinkResult:
    """What a rebuild made."""

    articles: int
    stories: int
    incidents: int
    entities: int
    seconds: float


LinkProgress = Callable[[str, int, int], None]  # (phase, done, total)


def relink(store: Store, *, settings: LinkSettings | None = None, batch: int = 200,
           on_progress: LinkProgress | None = None, cache: LinkCache | None = None
           ) -> LinkResult:
    """Rebuild every story, canonical entity and story incident of the store, from scratch.

    Stories come from the linker's batch rebuild (each article tied to its best matching
    articles, a story each group they connect), which does better than linking one article at
    a time and does not depend on the order articles arrived. The store's layers are read
    once, ``batch`` articles at a time in publication order: each article's linker features
    and its entities' keys are counted in the text model and spooled to a temporary file, which
    the rebuild and the entity resolution then read back, so memory holds a few weeks of
    articles and a bounded buffer of stories, never the store. Stories, entity links and story
    incidents are written in bulk. ``cache`` bounds what is held of the canonical keys (the
    result never depends on it).
    """
    import time

    started = time.monotonic()
    with write_transaction(store.engine) as conn:
        for table in schema.LINK_TABLES:
            conn.execute(table.delete())
    a = schema.articles
    # Undated articles first, then by publication time, as the batch rebuild reads them.
    ids = [r["id"] for r in store.execute(
        sa.select(a.c.id).order_by(a.c.published.is_not(None), a.c.day, a.c.published, a.c.id))]
    total = len(ids)
    linking = StoreLinking(store, settings, cache=cache)
    linking.model = TextModel()

    with tempfile.TemporaryFile(prefix="dateline-link-") as spool, \
            tempfile.TemporaryFile(prefix="dateline-link-") as named, \
            write_transaction(store.engine) as conn:
        linking._claim(conn)
        index = BufferedStoryIndex(conn, settle_days=2 * linking.settings.window_days)
        linker = StoryLinker(index, linking.settings, linking.model)
        done = 0
        for chunk in _chunks(ids, batch):
            for doc in store.load_many(chunk, layers=LINK_LAYERS):
                keyed = keyed_entities(doc)
                features = features_of(doc, keyed)
                linker.count(features)
                # Plain tuples: they pickle and load several times faster than dataclasses.
                pickle.dump(tuple(getattr(features, f) for f in _FEATURE_FIELDS), spool,
                            protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump((doc.article.id, [(e.id, e.name, e.label, e.keys) for e in keyed]),
                            named, protocol=pickle.HIGHEST_PROTOCOL)
            done += len(chunk)
            if on_progress:
                on_progress("count", done, total)
        spool.seek(0)

        def spooled_features() -> Iterator[ArticleFeatures]:
            for n, fields in enumerate(_spooled(spool), 1):
                yield ArticleFeatures(*fields)
                if on_progress and (n % batch == 0 or n == total):
                    on_progress("link", n, total)

        final = stories_of(linker.rebuild(spooled_features(), counted=True))
        index.flush()
        if on_progress and not total:
            on_progress("link", 0, 0)
        named.seek(0)
        canonical = SQLCanonicalIndex(conn, linking.cache, fresh=True)
        resolver = EntityResolver(canonical)
        links: list[dict[str, Any]] = []
        for group in _chunks(_spooled(named), _CHUNK):
            articles = [(article_id, tuple(KeyedEntity(*entry) for entry in entries))
                        for article_id, entries in group]
            canonical.prefetch(key for article_id, keyed in articles
                               for key in _resolution_keys(keyed, final[article_id]))
            for article_id, keyed in articles:
                resolved = resolver.resolve_keyed(keyed, scope=final[article_id])
                links.extend({"article_id": article_id, "n": n,
                              "canonical_id": resolved[e.id].id}
                             for n, e in enumerate(keyed) if e.id in resolved)
            if len(links) >= 20 * _CHUNK:
                conn.execute(schema.entity_links.insert(), links)
                links.clear()
        if links:
            conn.execute(schema.entity_links.insert(), links)
        canonical.flush()
    linking._dirty = True
    linking.close()
    s = schema.stories
    story_ids = [r["id"] for r in store.execute(sa.select(s.c.id).order_by(s.c.id))]
    built = 0
    for chunk in _chunks(story_ids, max(batch, _CHUNK)):
        with write_transaction(store.engine) as conn:
            rebuild_story_incidents(conn, chunk)
        built += len(chunk)
        if on_progress:
            on_progress("incidents", built, len(story_ids))
    counts = store.execute(sa.select(
        sa.select(sa.func.count()).select_from(schema.story_incidents).scalar_subquery()
        .label("incidents"),
        sa.select(sa.func.count()).select_from(schema.canonical_entities).scalar_subquery()
        .label("entities")))[0]
    return LinkResult(total, len(story_ids), int(counts["incidents"]), int(counts["entities"]),
                      time.monotonic() - started)


def features_of(doc: Doc, keyed: Sequence[KeyedEntity] | None = None) -> ArticleFeatures:
    """Return the linker's features of a stored article, as the rebuild reads them (its
    entities keyed once, by ``keyed_entities``)."""
    return article_features(doc, canonical=_keys_from(
        keyed_entities(doc) if keyed is None else keyed))


def _keys_from(keyed: Sequence[KeyedEntity]) -> Callable[[Any, Doc], tuple[str, ...]]:
    """Return an ``article_features`` key function answering from keys computed already."""
    keys = {e.id: e.keys for e in keyed}
    return lambda entity, _doc: keys[entity.id]


def _resolution_keys(entities: Sequence[KeyedEntity], scope: str) -> Iterator[str]:
    """Yield every key resolving these entities in ``scope`` may read (to prefetch them)."""
    for entity in entities:
        keys, extra = scoped_keys(entity.keys, scope)
        yield from keys
        yield from extra


def _spooled(spool: IO[bytes]) -> Iterator[Any]:
    """Yield what the read pass spooled, in the order it was written."""
    while True:
        try:
            yield pickle.load(spool)  # our own temporary file, written above
        except EOFError:
            return


T = TypeVar("T")


def _chunks(values: Iterable[T], size: int) -> Iterator[list[T]]:
    """Yield lists of ``size`` values in order (the last one shorter), reading lazily."""
    it = iter(values)
    while chunk := list(islice(it, size)):
        yield chunk


# The text model -------------------------------------------------------------------------------


def load_model(store: Store) -> TextModel:
    """Return the stored text model, or a new one."""
    state = schema.link_state
    rows = store.execute(sa.select(state.c.value).where(state.c.name == _MODEL))
    return TextModel.from_bytes(bytes(rows[0]["value"])) if rows else TextModel()


def save_model(store: Store, model: TextModel) -> None:
    with write_transaction(store.engine) as conn:
        upsert(conn, schema.link_state, [{"name": _MODEL, "value": model.to_bytes()}], ["name"],
               ["value"])


# Entities -------------------------------------------------------------------------------------


def write_entity_links(conn: sa.Connection, article_ids: Sequence[str],
                       rows: list[dict[str, Any]]) -> None:
    """Point the entities of these articles at their canonical entities (replacing links)."""
    links = schema.entity_links
    for chunk in _chunks(list(article_ids), _CHUNK):
        conn.execute(links.delete().where(links.c.article_id.in_(chunk)))
    if rows:
        conn.execute(links.insert(), rows)


# Story incidents ------------------------------------------------------------------------------


def load_reports(conn: sa.Connection | Store, article_ids: Sequence[str]
                 ) -> list[tuple[int, IncidentReport]]:
    """Return (n, report) for every stored incident of these articles."""
    run: Callable[[Any], Iterable[dict[str, Any]]]
    if isinstance(conn, Store):
        run = conn.execute
    else:
        def run(stmt: Any) -> Iterable[dict[str, Any]]:
            return row_dicts(conn.execute(stmt))
    a, i = schema.articles, schema.incidents
    out: list[tuple[int, IncidentReport]] = []
    for chunk in _chunks(list(article_ids), _CHUNK):
        facts = {r["id"]: r for r in run(sa.select(a.c.id, a.c.published, a.c.source)
                                          .where(a.c.id.in_(chunk)))}
        nested: dict[str, dict[tuple[str, int], list[dict[str, Any]]]] = {}
        for table in (schema.incident_mentions, schema.incident_participants,
                      schema.incident_figures):
            groups: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
            for row in run(sa.select(table).where(table.c.article_id.in_(chunk))
                           .order_by(table.c.article_id, table.c.n, table.c.m)):
                groups[(row["article_id"], row["n"])].append(row)
            nested[table.name] = groups
        for row in run(sa.select(i).where(i.c.article_id.in_(chunk))
                       .order_by(i.c.article_id, i.c.n)):
            key = (row["article_id"], row["n"])
            incident = incident_from_rows(row, *(nested[t][key] for t in (
                "incident_mentions", "incident_participants", "incident_figures")))
            fact = facts[row["article_id"]]
            out.append((row["n"], IncidentReport(row["article_id"], incident,
                                                 parse_published(fact["published"]),
                                                 fact["source"])))
    return out


def rebuild_story_incidents(conn: sa.Connection, story_ids: Iterable[str]) -> None:
    """Merge again the incidents of each story's articles and write the story incidents.

    Stories are done a chunk at a time, with one read and one write per table per chunk.
    """
    m, s = schema.story_articles, schema.stories
    for chunk in _chunks(sorted(set(story_ids)), _CHUNK):
        owner = dict(conn.execute(sa.select(m.c.article_id, m.c.story_id)
                                  .where(m.c.story_id.in_(chunk))).all())
        grouped: dict[str, list[tuple[int, IncidentReport]]] = defaultdict(list)
        for n, report in load_reports(conn, sorted(owner)):
            grouped[owner[report.article_id]].append((n, report))
        _clear_story_incidents(conn, chunk)
        merged_all: list[StoryIncident] = []
        numbers: dict[tuple[str, str], int] = {}
        filed: list[dict[str, Any]] = []
        for story_id in chunk:
            reports = grouped.get(story_id, [])
            merged = merge_incidents(story_id, [r for _, r in reports])
            numbers.update({(r.article_id, r.incident.id): n for n, r in reports})
            merged_all.extend(merged)
            if merged:
                kind, country = filed_under(merged)
                filed.append({"sid": story_id, "type": kind, "country": country})
        _write_story_incidents(conn, merged_all, numbers)
        if filed:
            conn.execute(s.update().where(s.c.id == sa.bindparam("sid")).values(
                type=sa.bindparam("type"),
                country=sa.func.coalesce(sa.bindparam("country", type_=sa.String), s.c.country)),
                filed)


def filed_under(merged: Sequence[StoryIncident]) -> tuple[str, str | None]:
    """Return the type and country a story is filed under: its main incident's (the most
    reported, then the deadliest); None for the country where that incident has none."""
    main = max(merged, key=lambda x: (len(x.reports), fatalities(x) or 0, x.id))
    return main.type, main.location.country_code if main.location else None


def _clear_story_incidents(conn: sa.Connection, story_ids: Sequence[str]) -> None:
    x = schema.story_incidents
    ids = sa.select(x.c.id).where(x.c.story_id.in_(list(story_ids)))
    for table in (schema.story_incident_figures, schema.story_incident_members):
        conn.execute(table.delete().where(table.c.incident_id.in_(ids)))
    conn.execute(x.delete().where(x.c.story_id.in_(list(story_ids))))


def fatalities(incident: StoryIncident) -> int | None:
    """Return the latest report's count of the dead (its lower bound if a range), or None."""
    for series in incident.figures:
        if series.predicate.lower() in DEAD:
            latest = series.latest
            value = latest.low if latest.low is not None and latest.low != latest.high \
                else latest.value if latest.value is not None else latest.low
            return int(value) if value is not None else None
    return None


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _write_story_incidents(conn: sa.Connection, merged: Sequence[StoryIncident],
                           numbers: Mapping[tuple[str, str], int]) -> None:
    for table, rows in zip((schema.story_incidents, schema.story_incident_members,
                            schema.story_incident_figures),
                           story_incident_rows(merged, numbers), strict=True):
        if rows:
            conn.execute(table.insert(), rows)


def story_incident_rows(merged: Sequence[StoryIncident], numbers: Mapping[tuple[str, str], int]
                        ) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                   list[dict[str, Any]]]:
    """Return the rows of story_incidents, story_incident_members and story_incident_figures
    for these story incidents; ``numbers`` gives each report's incident number in its article."""
    incidents: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []
    figures: list[dict[str, Any]] = []
    for inc in merged:
        date, loc = inc.date, inc.location
        first = inc.reports[0]
        facts = [r.incident.factuality for r in inc.reports]
        voices = [f.voice for s in inc.figures for f in s.reports]
        incidents.append({
            "id": inc.id, "story_id": inc.story_id, "type": inc.type, "mode": inc.mode,
            "sub_event": inc.sub_event,
            "day": day_of(date.value if date else None)
            or (inc.first_reported.date().isoformat() if inc.first_reported else ""),
            "time_precision": date.time_precision if date else None,
            "location_name": loc.name if loc else None,
            "country": (loc.country_code if loc else None) or "",
            "admin1": loc.admin1 if loc else None, "lat": loc.lat if loc else None,
            "lon": loc.lon if loc else None, "geo_precision": loc.geo_precision if loc else None,
            "factuality": "asserted" if "asserted" in facts else facts[0],
            "actors": json.dumps(list(inc.actors)), "recipients": json.dumps(list(inc.recipients)),
            "context": json.dumps(sorted({c for r in inc.reports for c in r.incident.context})),
            "fatalities": fatalities(inc), "reports": len(inc.reports),
            "article_id": first.article_id,
            "sources": json.dumps(list(dict.fromkeys([*inc.outlets, *voices]))),
            "note": first.incident.note})
        members.extend({"article_id": r.article_id, "n": numbers[(r.article_id, r.incident.id)],
                        "incident_id": inc.id} for r in inc.reports)
        k = 0
        for series in inc.figures:
            for report in series.reports:
                span = _figure_span(inc, report.article_id, report.incident_id, series.predicate,
                                    report.text)
                figures.append({
                    "incident_id": inc.id, "k": k, "predicate": series.predicate,
                    "value": _dec(report.value), "low": _dec(report.low),
                    "high": _dec(report.high), "qualifier": report.qualifier,
                    "source": report.said_by, "publisher": report.outlet,
                    "reported": report.published.isoformat() if report.published else None,
                    "day": report.published.date().isoformat() if report.published else "",
                    "article_id": report.article_id, "start": span[0], "end": span[1],
                    "text": report.text})
                k += 1
    return incidents, members, figures


def _figure_span(inc: StoryIncident, article_id: str, incident_id: str, predicate: str,
                 text: str) -> tuple[int, int]:
    for report in inc.reports:
        if report.article_id == article_id and report.incident.id == incident_id:
            for figure in report.incident.figures:
                if figure.predicate == predicate and figure.text == text:
                    return figure.start, figure.end
    return 0, 0
