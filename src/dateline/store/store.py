"""The store: save Docs atomically, skip what is already stored, record failures and runs."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from dateline.errors import InputError, StoreError
from dateline.records import Doc
from dateline.settings import Settings
from dateline.store import names, schema, search_index, sources, summary
from dateline.store.engine import (
    ARTICLE_LOCKS,
    ORIGIN_LOCKS,
    create_engine,
    lock_keys,
    normalize_url,
    run_write,
)
from dateline.store.migrations import migrate
from dateline.store.rows import article_row, layer_rows, rows_doc

Saved = Literal["inserted", "replaced", "unchanged"]
_LAYERS = {t.name: t for t in schema.LAYER_TABLES}
# Parents before children, for inserts (the reverse of schema.LAYER_TABLES' delete order).
_INSERT_ORDER = ("entities", "mentions", "roles", "times", "places", "quotes", "claims", "events",
                 "event_participants", "event_quantities", "incidents", "incident_mentions",
                 "incident_participants", "incident_figures")
# Tries at migrating a new SQLite file that another process is creating (Store._migrate).
_OPEN_ATTEMPTS = 5
# Keep a batch of ids well under every backend's limit on bound parameters.
_ID_CHUNK = 500


def extractor_id(settings: Settings | None = None) -> str:
    """Return what identifies the extractor: the dateline version and the settings' hash."""
    from dateline import __version__

    return f"{__version__}+{(settings or Settings()).fingerprint()}"


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class RunCounts:
    """What one ingest run did; the runs table keeps the same figures."""

    read: int = 0
    stored: int = 0
    unchanged: int = 0
    failed: int = 0


class Store:
    """A dateline database: one schema on SQLite or PostgreSQL, reached through SQLAlchemy."""

    def __init__(self, url: str | None = None, *, migrate_schema: bool = True) -> None:
        self.url = normalize_url(url)
        self.engine = create_engine(self.url)
        try:
            self.version = self._migrate() if migrate_schema else 0
        except sa.exc.OperationalError as exc:
            self.engine.dispose()
            raise StoreError(f"Cannot open the store {self.display_url}: "
                             f"{_first_line(exc.orig)}. Check the --db URL and that the server "
                             "is running.") from None
        except sa.exc.DatabaseError as exc:
            self.engine.dispose()
            raise StoreError(f"Cannot open the store {self.display_url}: "
                             f"{_first_line(exc.orig)}. Is it a dateline database?") from None

    def _migrate(self) -> int:
        """Migrate, trying again if another process was creating the same new SQLite file.

        Two processes opening one new file at once may meet while one of them switches it to
        WAL; SQLite then answers "database is locked" at once instead of waiting (it does so
        where waiting could deadlock), and a second try a moment later succeeds.
        """
        for attempt in range(1, _OPEN_ATTEMPTS + 1):
            try:
                return migrate(self.engine)
            except sa.exc.OperationalError as exc:
                locked = self.backend == "sqlite" and "locked" in str(exc.orig)
                if attempt == _OPEN_ATTEMPTS or not locked:
                    raise
                time.sleep(0.1 * attempt)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        """The URL with any password hidden, for messages."""
        return sa.make_url(self.url).render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Writing ----------------------------------------------------------------------------------

    def save(self, doc: Doc, *, extractor: str | None = None, origin: str | None = None,
             run_id: str | None = None) -> Saved:
        """Store a Doc in one transaction: new, replaced (another extractor) or unchanged."""
        return self.save_many([doc], extractor=extractor, origins=[origin], run_id=run_id)[0]

    def save_many(self, docs: Iterable[Doc], *, extractor: str | None = None,
                  origins: Iterable[str | None] | None = None,
                  run_id: str | None = None) -> list[Saved]:
        """Store Docs in one transaction (all or none); return each one's outcome.

        Rows go in with one statement per table for the whole batch, which is what makes bulk
        loads fast; a single Doc goes through the same path.
        """
        extractor = extractor or extractor_id()
        batch = list(docs)
        where = list(origins) if origins is not None else [None] * len(batch)
        entries = list(zip(batch, where, strict=True))
        try:
            return run_write(self.engine, lambda conn: self._save_all(conn, entries, extractor,
                                                                      run_id))
        except sa.exc.SQLAlchemyError as exc:
            ids = ", ".join(d.article.id for d in batch[:3]) + (" ..." if len(batch) > 3 else "")
            raise StoreError(f"Cannot store article {ids} in {self.display_url}: "
                             f"{_first_line(getattr(exc, 'orig', exc))}") from exc

    def _save_all(self, conn: sa.Connection, entries: list[tuple[Doc, str | None]],
                  extractor: str, run_id: str | None) -> list[Saved]:
        art, fail = schema.articles, schema.failures
        previous: dict[str, str] = {}
        ids = list(dict.fromkeys(doc.article.id for doc, _ in entries))
        # Another writer storing one of these articles now finishes first; what it stored is
        # then seen below, and its rows are replaced or kept, never inserted twice.
        lock_keys(conn, ARTICLE_LOCKS, ids)
        for chunk in _chunks(ids):
            found = conn.execute(sa.select(art.c.id, art.c.extractor).where(art.c.id.in_(chunk)))
            previous.update((row.id, row.extractor) for row in found)
        outcomes: list[Saved] = []
        new: list[dict[str, Any]] = []
        replaced: list[dict[str, Any]] = []
        origins: list[str] = []
        layers: dict[str, list[dict[str, Any]]] = {name: [] for name in _INSERT_ORDER}
        stamp = now()
        for doc, origin in entries:
            aid = doc.article.id
            before = previous.get(aid)
            if before == extractor:
                outcomes.append("unchanged")
                continue
            previous[aid] = extractor  # the same article twice in a batch is stored once
            row = article_row(doc, extractor=extractor, origin=origin, run_id=run_id,
                              stored_at=stamp)
            (new if before is None else replaced).append(row)
            for name, rows in layer_rows(doc).items():
                layers[name].extend(rows)
            if origin:
                origins.append(origin)
            outcomes.append("inserted" if before is None else "replaced")
        stored = [r["id"] for r in new + replaced]
        # An article's annotations are replaced whole, in this transaction: the old rows go,
        # the new ones come, and no reader sees a mix.
        # What the old rows counted goes first, read while they (and the old article) stand.
        summary.subtract(conn, [r["id"] for r in replaced])
        renamed = names.keys_of(conn, [r["id"] for r in replaced])
        for chunk in _chunks([r["id"] for r in replaced]):
            for table in schema.LAYER_TABLES:
                conn.execute(table.delete().where(table.c.article_id.in_(chunk)))
        if new or replaced:
            _upsert(conn, art, sorted(new + replaced, key=lambda r: str(r["id"])))
        for name in _INSERT_ORDER:
            if layers[name]:
                _insert(conn, _LAYERS[name], layers[name])
        search_index.refresh(conn, stored)
        summary.add(conn, stored)
        sources.add(conn, stored)
        names.add(conn, [r["id"] for r in new])
        if replaced:
            names.recount(conn, renamed | names.keys_of(conn, [r["id"] for r in replaced]))
        # The articles are stored now: failures recorded for them earlier are resolved.
        for chunk in _chunks(stored):
            conn.execute(fail.delete().where(fail.c.article_id.in_(chunk)))
        for chunk in _chunks(origins):
            conn.execute(fail.delete().where(fail.c.origin.in_(chunk)))
        return outcomes

    def record_failure(self, *, origin: str, stage: str, error: str, message: str,
                       article_id: str | None = None, run_id: str | None = None) -> None:
        """Record why an input or an article failed; a newer failure of it replaces the older."""
        fail = schema.failures

        def replace_failure(conn: sa.Connection) -> None:
            lock_keys(conn, ORIGIN_LOCKS, [origin])  # two runs failing on one input keep one row
            conn.execute(fail.delete().where(fail.c.origin == origin))
            conn.execute(fail.insert().values(origin=origin, article_id=article_id, stage=stage,
                                              error=error, message=message, run_id=run_id,
                                              created=now()))

        run_write(self.engine, replace_failure)

    # Runs -------------------------------------------------------------------------------------

    def start_run(self, settings: Settings, sources: Sequence[str]) -> str:
        """Record the start of an ingest run and return its id."""
        from dateline import __version__

        run_id = uuid.uuid4().hex
        run_write(self.engine, lambda conn: conn.execute(schema.runs.insert().values(
            id=run_id, dateline_version=__version__, settings_hash=settings.fingerprint(),
            extractor=extractor_id(settings), sources=json.dumps(list(sources)),
            started=now(), status="running")))
        return run_id

    def finish_run(self, run_id: str, counts: RunCounts, status: str = "done") -> None:
        """Record the end of a run with its counts and status (done, interrupted, failed)."""
        run_write(self.engine, lambda conn: conn.execute(
            schema.runs.update().where(schema.runs.c.id == run_id).values(
                finished=now(), status=status, read=counts.read, stored=counts.stored,
                unchanged=counts.unchanged, failed=counts.failed)))

    def runs(self) -> list[dict[str, Any]]:
        """Return every run, newest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(schema.runs).order_by(schema.runs.c.started.desc(),
                                                                schema.runs.c.id))
            return [dict(r._mapping) for r in rows]

    # Reading ----------------------------------------------------------------------------------

    def stored_extractors(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Return ``{article_id: extractor}`` for the ids already stored."""
        ids = list(dict.fromkeys(article_ids))
        found: dict[str, str] = {}
        art = schema.articles
        with self.engine.connect() as conn:
            for i in range(0, len(ids), _ID_CHUNK):
                chunk = ids[i:i + _ID_CHUNK]
                rows = conn.execute(sa.select(art.c.id, art.c.extractor)
                                    .where(art.c.id.in_(chunk)))
                found.update({r.id: r.extractor for r in rows})
        return found

    def resolve_id(self, prefix: str) -> str:
        """Return the full article id that ``prefix`` starts (ids are shown shortened)."""
        prefix = prefix.strip()
        if not prefix:
            raise InputError("Give an article id (or its first characters).")
        art = schema.articles
        pattern = sources.escape_like(prefix) + "%"
        with self.engine.connect() as conn:
            ids = conn.execute(sa.select(art.c.id).where(art.c.id.like(pattern, escape="\\"))
                               .order_by(art.c.id).limit(6)).scalars().all()
        if not ids:
            raise InputError(f"No article with id {prefix!r} in {self.display_url}. List ids "
                             "with: dateline query articles")
        if len(ids) > 1 and prefix not in ids:
            shown = ", ".join(ids[:5])
            raise InputError(f"Article id {prefix!r} is ambiguous: {shown}. Give more characters.")
        return prefix if prefix in ids else ids[0]

    def load(self, article_id: str) -> Doc:
        """Rebuild the stored Doc of one article, exactly as it was saved."""
        art = schema.articles
        with self.engine.connect() as conn:
            found = conn.execute(sa.select(art).where(art.c.id == article_id)).mappings().first()
            if found is None:
                raise InputError(f"No article with id {article_id!r} in {self.display_url}.")
            layers: dict[str, list[dict[str, Any]]] = {}
            for table in schema.LAYER_TABLES:
                order = [table.c.n, table.c.m] if "m" in table.c else [table.c.n]
                layers[table.name] = [dict(r) for r in conn.execute(
                    sa.select(table).where(table.c.article_id == article_id).order_by(*order))
                    .mappings()]
        return rows_doc(dict(found), layers)

    def load_many(self, article_ids: Sequence[str], *,
                  layers: Iterable[str] | None = None) -> Iterator[Doc]:
        """Yield the stored Docs of these articles, in the order given, reading each table
        once per chunk of ids (much faster than ``load`` per article for bulk work).

        ``layers`` names the layer tables to read (all by default); the others stay empty.
        """
        art = schema.articles
        wanted = set(layers) if layers is not None else None
        for i in range(0, len(article_ids), _ID_CHUNK):
            chunk = list(article_ids[i:i + _ID_CHUNK])
            with self.engine.connect() as conn:
                found = {r["id"]: r for r in row_dicts(conn.execute(
                    sa.select(art).where(art.c.id.in_(chunk))))}
                rows: dict[str, dict[str, list[dict[str, Any]]]] = {a: {} for a in chunk}
                for table in schema.LAYER_TABLES:
                    if wanted is not None and table.name not in wanted:
                        continue
                    order = [table.c.article_id, table.c.n]
                    if "m" in table.c:
                        order.append(table.c.m)
                    for r in row_dicts(conn.execute(sa.select(table)
                                                 .where(table.c.article_id.in_(chunk))
                                                 .order_by(*order))):
                        rows[r["article_id"]].setdefault(table.name, []).append(r)
            for aid in chunk:
                if aid not in found:
                    raise InputError(f"No article with id {aid!r} in {self.display_url}.")
                yield rows_doc(found[aid], rows[aid])

    def iter_docs(self, article_ids: Iterable[str] | None = None) -> Iterator[Doc]:
        """Yield stored Docs one by one (all of them, oldest publication first, by default)."""
        if article_ids is None:
            art = schema.articles
            with self.engine.connect() as conn:
                article_ids = list(conn.execute(sa.select(art.c.id)
                                                .order_by(art.c.day, art.c.id)).scalars())
        for aid in article_ids:
            yield self.load(aid)

    def counts(self) -> dict[str, int]:
        """Return the number of rows per table, for summaries."""
        tables = [schema.articles, *(_LAYERS[n] for n in _INSERT_ORDER), schema.failures,
                  schema.runs, schema.stories, schema.story_incidents]
        with self.engine.connect() as conn:
            return {t.name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
                                or 0) for t in tables}

    def execute(self, statement: sa.Executable, params: Mapping[str, Any] | None = None
                ) -> list[dict[str, Any]]:
        """Run a read-only statement and return its rows as dicts (for query modules)."""
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(statement, params or {}).mappings()]


def row_dicts(result: sa.CursorResult[Any]) -> Iterator[dict[str, Any]]:
    """Yield a result's rows as dicts (zipped with the column names read once: building a
    mapping per row and asking it for its keys cost more than the query on bulk reads)."""
    columns = list(result.keys())
    for row in result:
        yield dict(zip(columns, row, strict=True))


def _insert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]], *,
            upsert: bool = False) -> None:
    """Insert many rows with one driver-level executemany (with ``upsert``, replace a row
    whose primary key is taken).

    SQLAlchemy's executemany builds and type-processes a parameter dict per row, which cost more
    than SQLite's own insert on bulk loads; the values here are already plain str, int, float,
    bool or None, so the statement is compiled once per dialect and the rows go to the driver
    as they are.
    """
    compiled = _compiled_insert(table, conn.dialect, upsert)
    if compiled.positiontup:  # qmark/format styles (SQLite): values in statement order
        keys = list(compiled.positiontup)
        conn.exec_driver_sql(compiled.string, [tuple(row[k] for k in keys) for row in rows])
    else:  # named styles (psycopg): the row dicts as they are
        conn.exec_driver_sql(compiled.string, rows)


def _upsert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    _insert(conn, table, rows, upsert=True)


_COMPILED: dict[tuple[str, str, bool], Any] = {}


def _compiled_insert(table: sa.Table, dialect: sa.Dialect, upsert: bool) -> Any:
    key = (table.name, dialect.name, upsert)
    if key not in _COMPILED:
        columns: dict[str, Any] = {c.name: sa.bindparam(c.name) for c in table.columns
                                   if not (c.autoincrement is True and c.primary_key)}
        statement: Any = table.insert().values(columns)
        if upsert:
            # INSERT ... ON CONFLICT (primary key) DO UPDATE, in each backend's own dialect.
            insert = postgresql.insert if dialect.name == "postgresql" else sqlite.insert
            statement = insert(table).values(columns)
            keys = [c.name for c in table.primary_key.columns]
            statement = statement.on_conflict_do_update(index_elements=keys, set_={
                name: statement.excluded[name] for name in columns if name not in keys})
        _COMPILED[key] = statement.compile(dialect=dialect)
    return _COMPILED[key]


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(values), _ID_CHUNK):
        yield values[i:i + _ID_CHUNK]


def _first_line(exc: object) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
