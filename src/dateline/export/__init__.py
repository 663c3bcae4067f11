"""Export the store: any query table, whole Docs, a GDELT-like event table, or an ACLED-like
incident table.

    >>> export_table(store, "acled", "csv", Path("acled.csv"), Filters(country="IR"))
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from dateline.errors import ConfigError
from dateline.export.analyst import ACLED_COLUMNS, GDELT_COLUMNS, acled_rows, gdelt_rows
from dateline.export.writers import FORMATS, write_csv, write_jsonl, write_parquet
from dateline.store import TABLES, Filters, Store
from dateline.store.columns import COLUMN_KINDS
from dateline.store.query import check_filters, iter_rows

# "docs" is the whole JSON output contract per article; "gdelt" is one row per event mention,
# "acled" one row per incident (merged across the articles of a story).
EXPORT_TABLES = (*TABLES, "docs", "gdelt", "acled")

__all__ = ["EXPORT_TABLES", "FORMATS", "columns_of", "export_table", "rows_of"]


def columns_of(table: str) -> tuple[tuple[str, str], ...]:
    """Return the (name, kind) columns an export table writes."""
    if table == "gdelt":
        return GDELT_COLUMNS
    if table == "acled":
        return ACLED_COLUMNS
    if table in COLUMN_KINDS:
        return COLUMN_KINDS[table]
    raise ConfigError(f"Unknown export table {table!r}. Tables: {', '.join(EXPORT_TABLES)}.")


def rows_of(store: Store, table: str, filters: Filters | None = None) -> Iterator[dict[str, Any]]:
    """Yield the rows of an export table."""
    if table == "gdelt":
        check_filters("events", filters or Filters())
        return gdelt_rows(store, filters)
    if table == "acled":
        check_filters("incidents", filters or Filters())
        return acled_rows(store, filters)
    columns_of(table)
    check_filters(table, filters or Filters())
    return iter_rows(store, table, filters)


def export_table(store: Store, table: str, fmt: str, out: Path | None,
                 filters: Filters | None = None, stdout: IO[str] | None = None) -> int:
    """Write ``table`` in ``fmt`` to the file ``out`` (or standard output); return the row count."""
    if fmt not in FORMATS:
        raise ConfigError(f"Unknown export format {fmt!r}. Formats: {', '.join(FORMATS)}.")
    if table == "docs":
        if fmt != "jsonl":
            raise ConfigError("--table docs writes whole articles as nested JSON: use "
                              "--format jsonl.")
        return _with_output(out, stdout, lambda stream: _write_docs(store, filters, stream))
    columns = columns_of(table)
    rows = rows_of(store, table, filters)
    if fmt == "parquet":
        if out is None:
            raise ConfigError("Parquet is binary: give a file with --out, e.g. --out events.parquet.")
        partial = out.with_name(out.name + ".partial")
        count = write_parquet(rows, columns, partial)
        partial.replace(out)
        return count
    if fmt == "jsonl":
        return _with_output(out, stdout, lambda stream: write_jsonl(rows, columns, stream))
    delimiter = "\t" if fmt == "tsv" else ","
    return _with_output(out, stdout, lambda stream: write_csv(rows, columns, stream,
                                                              delimiter=delimiter))


def _write_docs(store: Store, filters: Filters | None, out: IO[str]) -> int:
    """Write each matching article's whole Doc (the JSON output contract), one per line."""
    from dateline.serialize import doc_to_dict

    count = 0
    for row in rows_of(store, "articles", filters):
        out.write(json.dumps(doc_to_dict(store.load(row["id"])), ensure_ascii=False) + "\n")
        count += 1
    return count


def _with_output(out: Path | None, stdout: IO[str] | None, write: Any) -> int:
    if out is None:
        return int(write(stdout or sys.stdout))
    # Write beside the target and rename, so an interrupted export never leaves half a file.
    partial = out.with_name(out.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as stream:
        count = int(write(stream))
    partial.replace(out)
    return count
