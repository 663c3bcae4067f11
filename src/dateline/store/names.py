"""Distinct entity names: one row per (label, name) with how many articles name it, indexed
for search.

Search by name used to match every entity row (one per article that names it: 25,000 rows for
a name in every fourth article) and group them on each request; ``entity_names`` keeps the
groups, so a name search matches one row per distinct name, ranked by how widely it is named.
Its ``words`` (the name and every alias, folded as search_index.fold folds them) are indexed
with the database's own engine: an FTS5 table on SQLite, a GIN index of their ``tsvector`` on
PostgreSQL.

Kept exact in the transaction that saves articles: the names of new articles are counted in
(``add``), the names that replaced articles had or have are counted again from the entities
layer (``recount``); migration 5 fills the table of an existing store (``create``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from dateline.store import schema
from dateline.store.search_index import fold

_CHUNK = 400
Key = tuple[str, str]  # (label, name)


def create(conn: sa.Connection) -> None:
    """Create the name index (migration 5, after the table) and fill it from the entities."""
    if conn.dialect.name == "postgresql":
        # An index on the expression, matched by search.py's WHERE: no column beside words.
        conn.execute(sa.text("CREATE INDEX ix_entity_names_words ON entity_names "
                             "USING gin (to_tsvector('simple', words))"))
    else:
        # A database rebuilt by hand may keep the index of a dropped table: start afresh.
        conn.execute(sa.text("DROP TABLE IF EXISTS search_fts_names"))
        conn.execute(sa.text(
            "CREATE VIRTUAL TABLE search_fts_names USING fts5(words, content='entity_names', "
            "content_rowid='id', tokenize='unicode61 remove_diacritics 2')"))
        conn.execute(sa.text(
            "CREATE TRIGGER search_fts_names_insert AFTER INSERT ON entity_names BEGIN "
            "INSERT INTO search_fts_names (rowid, words) VALUES (new.id, new.words); END"))
        conn.execute(sa.text(
            "CREATE TRIGGER search_fts_names_delete AFTER DELETE ON entity_names BEGIN "
            "INSERT INTO search_fts_names (search_fts_names, rowid, words) "
            "VALUES ('delete', old.id, old.words); END"))
        conn.execute(sa.text(
            "CREATE TRIGGER search_fts_names_update AFTER UPDATE OF words ON entity_names BEGIN "
            "INSERT INTO search_fts_names (search_fts_names, rowid, words) "
            "VALUES ('delete', old.id, old.words); "
            "INSERT INTO search_fts_names (rowid, words) VALUES (new.id, new.words); END"))
    _insert(conn, _counted(conn, None, None))


def keys_of(conn: sa.Connection, article_ids: Sequence[str]) -> set[Key]:
    """The (label, name) of every entity of these articles."""
    e = schema.entities
    found: set[Key] = set()
    for chunk in _chunks(list(article_ids)):
        found.update((r.label, r.name) for r in conn.execute(
            sa.select(e.c.label, e.c.name).where(e.c.article_id.in_(chunk)).distinct()))
    return found


def add(conn: sa.Connection, article_ids: Sequence[str]) -> None:
    """Count in the entities of articles stored for the first time."""
    n = schema.entity_names
    for chunk in _chunks(list(article_ids)):
        counted = _counted(conn, chunk, None)
        if not counted:
            continue
        known = {(r.label, r.name): r for r in conn.execute(
            sa.select(n).where(sa.tuple_(n.c.label, n.c.name).in_(list(counted))))}
        fresh = {k: v for k, v in counted.items() if k not in known}
        _insert(conn, fresh)
        updates = []
        for key, row in counted.items():
            old = known.get(key)
            if old is None:
                continue
            words = _merge(old.words, row["words"])
            updates.append({"b_id": old.id, "b_articles": old.articles + row["articles"],
                            "b_mentions": old.mentions + row["mentions"],
                            "b_first": min(old.first_day, row["first_day"]),
                            "b_last": max(old.last_day, row["last_day"]), "b_words": words})
        if updates:
            conn.execute(n.update().where(n.c.id == sa.bindparam("b_id")).values(
                articles=sa.bindparam("b_articles"), mentions=sa.bindparam("b_mentions"),
                first_day=sa.bindparam("b_first"), last_day=sa.bindparam("b_last"),
                words=sa.bindparam("b_words")), updates)


def recount(conn: sa.Connection, keys: Iterable[Key]) -> None:
    """Count these names again from the entities layer (after articles were replaced)."""
    n = schema.entity_names
    for chunk in _chunks(sorted(keys)):
        conn.execute(n.delete().where(sa.tuple_(n.c.label, n.c.name).in_(chunk)))
        _insert(conn, _counted(conn, None, chunk))


def _counted(conn: sa.Connection, article_ids: Sequence[str] | None,
             keys: Sequence[Key] | None) -> dict[Key, dict[str, Any]]:
    """Each name's row as the entities of ``article_ids`` (or of names ``keys``; everything
    when both are None) count it."""
    e = schema.entities
    where: list[sa.ColumnElement[bool]] = []
    if article_ids is not None:
        where.append(e.c.article_id.in_(list(article_ids)))
    if keys is not None:
        where.append(sa.tuple_(e.c.label, e.c.name).in_(list(keys)))
    rows: dict[Key, dict[str, Any]] = {}
    for r in conn.execute(sa.select(
            e.c.label, e.c.name, sa.func.count(sa.distinct(e.c.article_id)).label("articles"),
            sa.func.sum(e.c.mention_count).label("mentions"),
            sa.func.min(e.c.day).label("first_day"), sa.func.max(e.c.day).label("last_day"))
            .where(*where).group_by(e.c.label, e.c.name)):
        rows[(r.label, r.name)] = {"label": r.label, "name": r.name, "articles": r.articles,
                                   "mentions": int(r.mentions or 0), "first_day": r.first_day,
                                   "last_day": r.last_day, "words": fold(r.name)}
    for r in conn.execute(sa.select(e.c.label, e.c.name, e.c.aliases).distinct()
                          .where(*where, e.c.aliases != "[]")):
        row = rows.get((r.label, r.name))
        if row is not None:
            row["words"] = _merge(row["words"], fold(" ".join(_aliases(r.aliases))))
    return rows


def _insert(conn: sa.Connection, rows: dict[Key, dict[str, Any]]) -> None:
    values = list(rows.values())
    for start in range(0, len(values), 1000):
        conn.execute(schema.entity_names.insert(), values[start:start + 1000])


def _merge(words: str, more: str) -> str:
    """The words of both, each once, in the order first seen."""
    return " ".join(dict.fromkeys([*words.split(), *more.split()]))


def _aliases(raw: str | None) -> list[str]:
    try:
        found: Any = json.loads(raw or "[]")
    except ValueError:
        return []
    return [str(x) for x in found if isinstance(x, str)] if isinstance(found, list) else []


def _chunks(values: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]
