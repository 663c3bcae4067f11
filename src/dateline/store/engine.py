"""Turn a store URL into a configured SQLAlchemy engine: SQLite (WAL) or PostgreSQL (psycopg)."""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import random
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa

from dateline.errors import DependencyError, StoreError

DEFAULT_URL = "sqlite:///dateline.db"
BUSY_TIMEOUT_MS = 30_000
# A write transaction PostgreSQL aborted because another writer won a race is run again, at
# most this many times in all, after a short random pause that grows with each try.
WRITE_ATTEMPTS = 6
# serialization_failure, deadlock_detected: the transaction was rolled back and may be retried.
_RETRY_SQLSTATES = frozenset({"40001", "40P01"})

T = TypeVar("T")


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


def run_write(engine: sa.Engine, work: Callable[[sa.Connection], T]) -> T:
    """Run ``work`` in a write transaction and commit; run it again if PostgreSQL aborted it.

    Concurrent writers (two ingests into one database) may meet in a deadlock or a
    serialization failure; PostgreSQL then rolls one of them back and says it may be retried,
    which this does. Any other error is raised at once. On SQLite a writer waits its turn
    (BEGIN IMMEDIATE with a busy timeout), so nothing is retried there.
    """
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with write_transaction(engine) as conn:
                return work(conn)
        except sa.exc.DBAPIError as exc:
            if attempt == WRITE_ATTEMPTS or not is_retryable(exc):
                raise
            time.sleep(random.uniform(0.0, 0.02 * 2 ** attempt))
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def is_retryable(exc: sa.exc.DBAPIError) -> bool:
    """Whether the database rolled the transaction back for a race that a retry resolves."""
    return getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES


# Advisory-lock namespaces (the first key of pg_advisory_xact_lock(int, int)).
ARTICLE_LOCKS = 72853102
ORIGIN_LOCKS = 72853103


def lock_keys(conn: sa.Connection, namespace: int, keys: Iterable[str]) -> None:
    """On PostgreSQL, hold a transaction lock on each key (an article id, an origin).

    Two writers of the same article then take turns: the second one's reads see what the first
    committed, so it neither inserts the same row twice nor misjudges what is stored. Locks are
    taken in one global order (by hash), so two writers cannot wait on each other. SQLite needs
    none: a write transaction there holds the whole database.
    """
    if conn.dialect.name != "postgresql":
        return
    hashed = sorted({_lock_key(key) for key in keys})
    if hashed:
        # One statement for the batch; PostgreSQL runs a volatile function of the select list
        # after ORDER BY, so the locks are taken in the array's (sorted) order.
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:space, k) FROM "
                             "unnest(CAST(:keys AS integer[])) WITH ORDINALITY AS t(k, i) "
                             "ORDER BY i"), {"space": namespace, "keys": hashed})


def _lock_key(key: str) -> int:
    """A stable signed 32-bit number for ``key`` (Python's hash() changes per process)."""
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=4).digest()
    return int.from_bytes(digest, "big", signed=True)
