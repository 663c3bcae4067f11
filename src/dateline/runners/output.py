"""The output folder of ``dateline spark``, and the store it is loaded into.

    DIR/docs/month=2026-03/part-*.parquet     one row per extracted article: article_id,
                                              origin, record (its store rows as JSON) and
                                              link (the part of them the linker reads)
    DIR/<table>/month=2026-03/part-*.parquet  articles, entities, times, places, quotes,
                                              claims, events, incidents, stories, failures:
                                              the columns of ``dateline export --format parquet``
    DIR/_unlinked/<table>/month=2026-03/...   articles and claims before their stories are
                                              joined in, and each article's entity rows
                                              (entity_mentions): what every run regroups

A record holds the rows the store writes for the article (``store.rows``), so a Doc comes back
from it exactly. The per-article tables are made from the same rows (``doc_rows``); the tables
that need the whole corpus's links (stories, incidents) are read out of a store that holds the
linker's part of every record, through the export's own queries, so Spark's columns and values
are the export's.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from dateline.errors import InputError
from dateline.export import columns_of, rows_of
from dateline.export.writers import arrow_table
from dateline.records import Doc
from dateline.store import Store
from dateline.store.linking import LINK_LAYERS
from dateline.store.rows import article_row, layer_rows, rows_doc

# The tables written beside docs/, as the export names them.
RECORD_TABLES = ("articles", "entities", "times", "places", "quotes", "claims", "events",
                 "incidents", "stories", "failures")
# Partition value for rows without a publication date.
UNDATED = "undated"
# The column each table's month comes from (the publication date, where the table has it).
_MONTH_COLUMN = {"entities": "first_day", "stories": "first_day", "incidents": "day",
                 "failures": "created"}
# Columns of a failure, as the failures table and the store keep them.
FAILURE_FIELDS = ("origin", "article_id", "stage", "error", "message")
_BATCH = 200
# The layer tables the linker reads (relink): LINK_LAYERS and the parts of incidents.
_LINK_TABLES = frozenset({*LINK_LAYERS, "incident_mentions", "incident_participants",
                          "incident_figures"})


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What a load put in the store."""

    articles: int
    failures: int


def month_column(table: str) -> str:
    """Return the column a row's month (its partition) comes from in ``table``."""
    return _MONTH_COLUMN.get(table, "published")


def record_of(doc: Doc, *, origin: str | None, extractor: str) -> str:
    """Return the record of an extracted article: its store rows, as JSON."""
    article = article_row(doc, extractor=extractor, origin=origin, run_id=None, stored_at="")
    return record_json(article, layer_rows(doc))


def record_json(article: Mapping[str, Any], layers: Mapping[str, Any]) -> str:
    return json.dumps({"article": article, "layers": layers}, ensure_ascii=False)


def link_record(article: Mapping[str, Any], layers: Mapping[str, Any]) -> str:
    """Return the part of a record the linker reads: the article and its linked layers."""
    return record_json(article, {t: rows for t, rows in layers.items() if t in _LINK_TABLES})


def doc_of(record: str) -> tuple[Doc, str]:
    """Return the Doc a record holds and the extractor that made it."""
    data = json.loads(record)
    return rows_doc(data["article"], data["layers"]), str(data["article"]["extractor"])


def month_of(value: str | None) -> str:
    """Return ``YYYY-MM`` of an ISO date or time, or ``undated``."""
    if value and len(value) >= 7 and value[:4].isdigit() and value[5:7].isdigit():
        return value[:7]
    return UNDATED


def load_records(store: Store, records: Iterable[tuple[str | None, str]],
                 failures: Iterable[Mapping[str, Any]] = ()) -> LoadResult:
    """Save ``(origin, record)`` pairs and failure rows into ``store`` through its upserts.

    Failures go first, so an article stored later resolves an earlier failure of it, as at
    ingest. An article saved before by the same extractor is left as it is.
    """
    failed = 0
    for row in failures:
        store.record_failure(origin=str(row["origin"]), stage=str(row["stage"]),
                             error=str(row["error"]), message=str(row["message"]),
                             article_id=row.get("article_id"))
        failed += 1
    loaded = 0
    iterator = iter(records)
    while batch := list(islice(iterator, _BATCH)):
        by_extractor: dict[str, list[tuple[Doc, str | None]]] = {}
        for origin, record in batch:
            doc, extractor = doc_of(record)
            by_extractor.setdefault(extractor, []).append((doc, origin))
        for extractor, entries in by_extractor.items():
            store.save_many([d for d, _ in entries], extractor=extractor,
                            origins=[o for _, o in entries])
        loaded += len(batch)
    return LoadResult(loaded, failed)


def record_tables(store: Store, tables: Iterable[str] = RECORD_TABLES, chunk: int = 50_000
                  ) -> Iterator[tuple[str, Any]]:
    """Yield ``(table, Arrow table)`` for each of ``tables``, ``chunk`` rows at a time (at
    least once per table, empty if need be), each with its ``month`` column."""
    import pyarrow as pa

    for table in tables:
        columns = columns_of(table)
        column = month_column(table)
        found = iter(rows_of(store, table))
        rows = list(islice(found, chunk))
        while True:
            months = pa.array([month_of(row.get(column)) for row in rows], pa.string())
            yield table, arrow_table(rows, columns).append_column("month", months)
            rows = list(islice(found, chunk))
            if not rows:
                break


def load_output(folder: Path, store: Store) -> LoadResult:
    """Load what ``dateline spark`` wrote in ``folder`` (docs and failures) into ``store``."""
    import pyarrow.dataset as ds

    docs_dir, failures_dir = folder / "docs", folder / "failures"
    if not docs_dir.is_dir():
        raise InputError(f"{folder} holds no docs/ folder: give the --out folder of a "
                         "dateline spark run.")

    def rows(path: Path, names: list[str]) -> Iterator[dict[str, Any]]:
        if not path.is_dir():
            return
        dataset = ds.dataset(str(path), format="parquet", partitioning="hive")
        if not dataset.files:
            return
        for batch in dataset.to_batches(columns=names, batch_size=_BATCH):
            yield from batch.to_pylist()

    failures = list(rows(failures_dir, list(FAILURE_FIELDS)))
    docs = ((row["origin"], row["record"]) for row in rows(docs_dir, ["origin", "record"]))
    return load_records(store, docs, failures)
