"""The linker's cache bounds memory, never results: a tiny cache links a store as the default."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from dateline.records import Doc, Entity, content_id
from dateline.store.engine import write_transaction
from dateline.store.linking import StoreLinking, relink
from dateline.store.links import LinkCache
from dateline.store.schema import LINK_TABLES, link_state

from .link_docs import follow_up_doc, other_attack_doc
from .sample_docs import at, port_doc, summit_doc

# Copies of the sample reports a few days apart (some join one story, some stay apart) and
# weeks apart (other events of the same kind, naming the same people and places).
SHIFTS = (0, 2, 5, 30, 31, 60, 95)


def _named(doc: Doc, phrase: str, name: str, label: str, *aliases: str) -> Doc:
    """Return ``doc`` naming one more entity (at ``phrase``), as ``name`` and ``aliases``."""
    entity = Entity(*at(doc.article.text, phrase), id=f"e-{name}", name=name, label=label,
                    aliases=aliases)
    return replace(doc, entities=(*doc.entities, entity))


def _docs() -> list[Doc]:
    # An agency named in full first, then with its acronym, then by the acronym alone: the
    # acronym's key points to the entity of the full name. A surname alone in the story of
    # the full name ("Reza Tavakoli") is that person.
    port = _named(port_doc(), "port authority", "Islamic Republic News Agency", "ORG")
    follow = _named(_named(follow_up_doc(), "state media", "IRNA", "ORG",
                           "Islamic Republic News Agency"), "police chief", "Tavakoli", "PERSON")
    other = _named(other_attack_doc(), "police spokesman", "IRNA", "ORG")
    out = []
    for copy, days in enumerate(SHIFTS):
        for doc in (port, follow, other, summit_doc()):
            published = doc.article.published
            article = replace(doc.article, id=content_id(doc.article.id, copy),
                              published=published + timedelta(days=days) if published else None)
            out.append(replace(doc, article=article))
    return out


def _tables(store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every link table, in a stable order (the time a story was written aside)."""
    out = {}
    for table in LINK_TABLES:
        columns = [c for c in table.c if c.name != "updated"]
        query = sa.select(*columns).order_by(*columns)
        if table is link_state:
            query = query.where(link_state.c.name != "generation")  # a random mark per run
        out[table.name] = [tuple(r.values()) for r in store.execute(query)]
    return out


def _clear(store) -> None:
    with write_transaction(store.engine) as conn:
        for table in LINK_TABLES:
            conn.execute(table.delete())


def test_store_link_cache_bound_never_changes_what_relink_writes(store):
    store.save_many(_docs())
    relink(store)
    default = _tables(store)
    tiny = LinkCache(stories=1, keys=2, members=1)
    relink(store, cache=tiny, batch=5)
    assert tiny.evicted > 0  # the canonical keys did not fit: the tables were asked again
    assert _tables(store) == default
    # The acronym alone and the surname alone joined the entities of the full names.
    names = {(r["name"], r["key"]) for r in store.execute(sa.text(
        "SELECT e.name, c.key FROM entities e JOIN entity_links l ON l.article_id = "
        "e.article_id AND l.n = e.n JOIN canonical_entities c ON c.id = l.canonical_id "
        "WHERE e.name IN ('IRNA', 'Tavakoli')"))}
    assert names == {("IRNA", "org:islamic republic news agency"),
                     ("Tavakoli", "person:reza tavakoli")}


def test_store_link_cache_bound_never_changes_what_ingest_links(store):
    docs = _docs()
    store.save_many(docs)
    tables = []
    caches = [LinkCache(), LinkCache(stories=1, keys=2, members=1)]
    for cache in caches:
        _clear(store)
        with StoreLinking(store, cache=cache) as linking:
            for doc in docs:
                linking.link([doc])
            used = linking.cache
        tables.append(_tables(store))
        assert used.max_keys == cache.max_keys  # a new cache after a generation keeps bounds
    assert used.evicted > 0
    assert tables[1] == tables[0]
    assert len({sid for _, sid in tables[0]["story_articles"]}) < len(docs)
