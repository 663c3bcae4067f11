"""Versioned schema migrations, applied in order when a store is opened.

Written by hand, as llm and sqlite-utils do for their embedded databases: the store migrates
itself on open, inside one transaction, on both backends, and Alembic's script folder and
environment module would add machinery without adding safety for a schema this size.

How to change the schema: edit schema.py, mark each new column, table or index with
``info={"since": N}``, and append migration N below to bring existing databases up to date
(``_add_columns(N)`` for new columns of existing tables, ``_create_tables(N)`` for new tables,
``_create_indexes(N)`` for new indexes of existing tables).
Version 1 creates everything that carries no ``since`` mark, so a fresh database and a migrated
old one end with the same tables (tests/store checks this by reflection).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from dateline.errors import StoreError
from dateline.store import names, search_index, sources, summary
from dateline.store.engine import write_transaction
from dateline.store.schema import metadata

Migration = Callable[[sa.Connection], None]

versions = sa.Table(
    "schema_migrations", sa.MetaData(),
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("applied", sa.String(40), nullable=False),
)


def _since(item: object) -> int:
    return int(getattr(item, "info", {}).get("since", 1))


def _create_version_1(conn: sa.Connection) -> None:
    """Create the tables, columns and indexes of schema version 1."""
    first = sa.MetaData()
    for table in metadata.sorted_tables:
        if _since(table) > 1:
            continue
        # Copied columns keep their primary-key flags and foreign keys (resolved by name).
        columns = [c._copy() for c in table.columns if _since(c) == 1]
        copy = sa.Table(table.name, first, *columns)
        for index in table.indexes:
            if _since(index) == 1:
                sa.Index(index.name, *[_rebind(e, copy) for e in index.expressions])
    first.create_all(conn)


def _rebind(expression: object, table: sa.Table) -> Any:
    """Point an index expression of the live schema at the copied table."""
    if isinstance(expression, sa.Column):
        return table.c[expression.name]
    if isinstance(expression, sa.UnaryExpression) and isinstance(expression.element, sa.Column):
        return table.c[expression.element.name].desc()
    raise StoreError(f"Cannot copy index expression {expression!r} into schema version 1.")


def _add_columns(version: int) -> Migration:
    """Return a step that adds the columns first marked ``since=version`` to existing tables."""

    def step(conn: sa.Connection) -> None:
        for table in metadata.sorted_tables:
            if _since(table) >= version:  # created whole by its own migration
                continue
            for column in table.columns:
                if _since(column) == version:
                    kind = column.type.compile(dialect=conn.dialect)
                    name = conn.dialect.identifier_preparer.quote(column.name)
                    conn.execute(sa.text(f"ALTER TABLE {table.name} ADD COLUMN {name} {kind}"))

    return step


def _create_tables(version: int) -> Migration:
    """Return a step that creates the tables first marked ``since=version``, with their indexes."""

    def step(conn: sa.Connection) -> None:
        for table in metadata.sorted_tables:  # parents before children (foreign keys)
            if _since(table) == version:
                table.create(conn)

    return step


def _create_indexes(version: int) -> Migration:
    """Return a step that creates the indexes first marked ``since=version`` on tables that
    existed before it (an index already there is left as it is)."""

    def step(conn: sa.Connection) -> None:
        for table in metadata.sorted_tables:
            if _since(table) >= version:  # created whole, with its indexes, by its own migration
                continue
            for index in table.indexes:
                if _since(index) == version:
                    index.create(conn, checkfirst=True)

    return step


def _steps(*steps: Migration) -> Migration:
    def step(conn: sa.Connection) -> None:
        for one in steps:
            one(conn)

    return step


MIGRATIONS: tuple[tuple[int, str, Migration], ...] = (
    (1, "articles, layers, failures and runs", _create_version_1),
    (2, "claims keep the span of their predicate", _add_columns(2)),
    (3, "incidents; stories, story incidents and canonical entities across articles",
     _steps(_create_tables(3), _add_columns(3))),
    # Outside schema.py: FTS5 virtual tables and tsvector triggers differ by backend.
    (4, "full-text search index (search_text)", search_index.create),
    (5, "summary counts of the lists (list_counts) and distinct entity names (entity_names)",
     _steps(_create_tables(5), summary.fill, names.create)),
    (6, "story members: what the linker remembers of each linked article", _create_tables(6)),
    (7, "events indexed by country and type together (filtered and sorted lists)",
     _create_indexes(7)),
    (8, "distinct source strings (source_names) with a trigram index, and the source columns "
     "indexed (the source filter)", _steps(_create_tables(8), _create_indexes(8), sources.create)),
    (9, "summary counts keyed by wire agency too (source= answered from them)", summary.rebuild),
)
LATEST = MIGRATIONS[-1][0]


def current_version(conn: sa.Connection) -> int:
    """Return the schema version of the connected database (0 for an empty one)."""
    if not sa.inspect(conn).has_table(versions.name):
        return 0
    found = conn.execute(sa.select(sa.func.max(versions.c.version))).scalar()
    return int(found or 0)


def migrate(engine: sa.Engine) -> int:
    """Bring the database up to the latest schema version and return it."""
    with write_transaction(engine) as conn:
        if conn.dialect.name == "postgresql":
            # Two processes opening one new database must not both create the tables.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(72853101)"))
        versions.create(conn, checkfirst=True)
        version = current_version(conn)
        if version > LATEST:
            raise StoreError(f"The database schema is version {version}, newer than this "
                             f"dateline knows ({LATEST}). Upgrade dateline to use it.")
        for number, name, step in MIGRATIONS:
            if number > version:
                step(conn)
                conn.execute(versions.insert().values(
                    version=number, name=name, applied=datetime.now(UTC).isoformat()))
        return LATEST
