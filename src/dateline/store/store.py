"""The store: save Docs atomically, skip what is already stored, record failures and runs."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

import sqlalchemy as sa

from dateline.errors import InputError, StoreError
from dateline.records import Doc
from dateline.settings import Settings
from dateline.store import schema
from dateline.store.engine import create_engine, normalize_url, write_transaction
from dateline.store.migrations import migrate
from dateline.store.rows import article_row, layer_rows, rows_doc

Saved = Literal["inserted", "replaced", "unchanged"]
_LAYERS = {t.name: t for t in schema.LAYER_TABLES}
# Parents before children, for inserts (the reverse of schema.LAYER_TABLES' delete order).
_INSERT_ORDER = ("entities", "mentions", "roles", "times", "places", "quotes", "claims", "events",
                 "event_participants", "event_quantities")
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
            self.version = migrate(self.engine) if migrate_schema else 0
        except sa.exc.OperationalError as exc:
            self.engine.dispose()
            raise StoreError(f"Cannot open the store {self.display_url}: "
                             f"{_first_line(exc.orig)}. Check the --db URL and that the server "
                             "is running.") from None
        except sa.exc.DatabaseError as exc:
            self.engine.dispose()
            raise StoreError(f"Cannot open the store {self.display_url}: "
                             f"{_first_line(exc.orig)}. Is it a dateline database?") from None

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
        extractor = extractor or extractor_id()
        try:
            with write_transaction(self.engine) as conn:
                return self._save(conn, doc, extractor, origin, run_id)
        except sa.exc.SQLAlchemyError as exc:
            raise StoreError(f"Cannot store article {doc.article.id} in {self.display_url}: "
                             f"{_first_line(getattr(exc, 'orig', exc))}") from exc

    def save_many(self, docs: Iterable[Doc], *, extractor: str | None = None,
                  run_id: str | None = None) -> dict[str, int]:
        """Store many Docs in one transaction (bulk loads, benchmarks); return the outcomes."""
        extractor = extractor or extractor_id()
        counts = {"inserted": 0, "replaced": 0, "unchanged": 0}
        with write_transaction(self.engine) as conn:
            for doc in docs:
                counts[self._save(conn, doc, extractor, None, run_id)] += 1
        return counts

    def _save(self, conn: sa.Connection, doc: Doc, extractor: str, origin: str | None,
              run_id: str | None) -> Saved:
        aid = doc.article.id
        art = schema.articles
        previous = conn.execute(sa.select(art.c.extractor).where(art.c.id == aid)).scalar()
        if previous == extractor:
            return "unchanged"
        row = article_row(doc, extractor=extractor, origin=origin, run_id=run_id,
                          stored_at=now())
        if previous is None:
            conn.execute(art.insert(), row)
        else:
            for table in schema.LAYER_TABLES:
                conn.execute(table.delete().where(table.c.article_id == aid))
            conn.execute(art.update().where(art.c.id == aid), row)
        rows = layer_rows(doc)
        for name in _INSERT_ORDER:
            if rows.get(name):
                conn.execute(_LAYERS[name].insert(), rows[name])
        # The article is stored now: failures recorded for it earlier are resolved.
        fail = schema.failures
        resolved = fail.c.article_id == aid
        if origin:
            resolved = sa.or_(resolved, fail.c.origin == origin)
        conn.execute(fail.delete().where(resolved))
        return "inserted" if previous is None else "replaced"

    def record_failure(self, *, origin: str, stage: str, error: str, message: str,
                       article_id: str | None = None, run_id: str | None = None) -> None:
        """Record why an input or an article failed; a newer failure of it replaces the older."""
        fail = schema.failures
        with write_transaction(self.engine) as conn:
            conn.execute(fail.delete().where(fail.c.origin == origin))
            conn.execute(fail.insert().values(origin=origin, article_id=article_id, stage=stage,
                                              error=error, message=message, run_id=run_id,
                                              created=now()))

    # Runs -------------------------------------------------------------------------------------

    def start_run(self, settings: Settings, sources: Sequence[str]) -> str:
        """Record the start of an ingest run and return its id."""
        from dateline import __version__

        run_id = uuid.uuid4().hex
        with write_transaction(self.engine) as conn:
            conn.execute(schema.runs.insert().values(
                id=run_id, dateline_version=__version__, settings_hash=settings.fingerprint(),
                extractor=extractor_id(settings), sources=json.dumps(list(sources)),
                started=now(), status="running"))
        return run_id

    def finish_run(self, run_id: str, counts: RunCounts, status: str = "done") -> None:
        """Record the end of a run with its counts and status (done, interrupted, failed)."""
        with write_transaction(self.engine) as conn:
            conn.execute(schema.runs.update().where(schema.runs.c.id == run_id).values(
                finished=now(), status=status, read=counts.read, stored=counts.stored,
                unchanged=counts.unchanged, failed=counts.failed))

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
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
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
                  schema.runs]
        with self.engine.connect() as conn:
            return {t.name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
                                or 0) for t in tables}

    def execute(self, statement: sa.Executable, params: Mapping[str, Any] | None = None
                ) -> list[dict[str, Any]]:
        """Run a read-only statement and return its rows as dicts (for query modules)."""
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(statement, params or {}).mappings()]


def _first_line(exc: object) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
