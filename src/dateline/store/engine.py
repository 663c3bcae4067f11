"""Turn a store URL into a configured SQLAlchemy engine: SQLite (WAL) or PostgreSQL (psycopg)."""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from dateline.errors import DependencyError, StoreError

DEFAULT_URL = "sqlite:///dateline.db"
BUSY_TIMEOUT_MS = 30_000


def normalize_url(url: str | None) -> str:
    """Accept ``sqlite:///path``, ``postgresql://...`` or a plain file path; return a URL."""
    url = (url or DEFAULT_URL).strip()
    if url.startswith(("postgres://", "postgresql://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if url.startswith(("postgresql+", "sqlite:")):
        return url
    if "://" in url:
        scheme = url.split("://", 1)[0]
        raise StoreError(f"Unknown store URL scheme {scheme!r}. Use sqlite:///path/to/file.db, a "
                         "plain file path, or postgresql://user@host/dbname.")
    return f"sqlite:///{url}"


def create_engine(url: str | None) -> sa.Engine:
    """Create the engine for ``url`` with the settings the store relies on."""
    full = normalize_url(url)
    if full.startswith("postgresql"):
        return _postgres_engine(full)
    return _sqlite_engine(full)


def _sqlite_engine(url: str) -> sa.Engine:
    database = sa.make_url(url).database
    if database and database != ":memory:":
        parent = Path(database).expanduser().resolve().parent
        if not parent.is_dir():
            raise StoreError(f"Cannot create the store {database}: the folder {parent} does "
                             "not exist. Create it or give another --db path.")
    engine = sa.create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @sa.event.listens_for(engine, "connect")
    def _configure(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (the
        # documented pysqlite recipe), so DDL and writes are transactional as on PostgreSQL.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        # WAL: readers (query, the web app) never block the writer, nor it them.
        if database and database != ":memory:":
            cursor.execute("PRAGMA journal_mode=WAL")
        # NORMAL is durable against process crashes (kill -9) in WAL mode; only a power loss
        # may drop the last commits, which a re-run restores.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        # A writer takes the lock up front: a deferred transaction that reads and then writes
        # can fail at once with "database is locked" instead of waiting its turn.
        immediate = conn.get_execution_options().get("dateline_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _postgres_engine(url: str) -> sa.Engine:
    if importlib.util.find_spec("psycopg") is None:
        raise DependencyError("PostgreSQL needs: pip install 'dateline[postgres]'")
    return sa.create_engine(url, pool_pre_ping=True)


@contextlib.contextmanager
def write_transaction(engine: sa.Engine) -> Iterator[sa.Connection]:
    """Open a connection and a write transaction; commit on success, roll back on error."""
    with engine.connect().execution_options(dateline_write=True) as conn, conn.begin():
        yield conn
