"""Write rows as JSON Lines, CSV/TSV or Parquet, streaming, in bounded memory."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import IO, Any

from dateline.errors import DependencyError

FORMATS = ("jsonl", "csv", "tsv", "parquet")
_PARQUET_BATCH = 5000


def flat(value: Any, kind: str) -> Any:
    """Return a value a CSV cell can hold: lists joined by "; ", nested values as JSON."""
    if value is None:
        return ""
    if kind == "list":
        return "; ".join(str(v) for v in value)
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return value


def write_jsonl(rows: Iterable[dict[str, Any]], columns: Sequence[tuple[str, str]],
                out: IO[str]) -> int:
    """Write one JSON object per row, keys in column order; return the row count."""
    count = 0
    names = [name for name, _ in columns]
    for row in rows:
        out.write(json.dumps({n: row.get(n) for n in names}, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict[str, Any]], columns: Sequence[tuple[str, str]], out: IO[str],
              *, delimiter: str = ",") -> int:
    """Write a header and one line per row; return the row count."""
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([name for name, _ in columns])
    count = 0
    for row in rows:
        writer.writerow([flat(row.get(name), kind) for name, kind in columns])
        count += 1
    return count


def write_parquet(rows: Iterable[dict[str, Any]], columns: Sequence[tuple[str, str]],
                  path: Path) -> int:
    """Write a Parquet file with a fixed, typed schema; return the row count."""
    count = 0
    with path.open("wb") as out:
        for chunk, written in _parquet_parts(rows, columns):
            out.write(chunk)
            count = written
    return count


def parquet_chunks(rows: Iterable[dict[str, Any]], columns: Sequence[tuple[str, str]]
                   ) -> Iterator[bytes]:
    """Yield a Parquet file's bytes a row group at a time (a download of any size in bounded
    memory: each group is sent before the next is read)."""
    for chunk, _count in _parquet_parts(rows, columns):
        yield chunk


class _Sink:
    """A write-only stream that hands what was written to whoever drains it."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.position = 0
        self.closed = False

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        return None

    def close(self) -> None:
        self.closed = True

    def drain(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def arrow_schema(columns: Sequence[tuple[str, str]]) -> Any:
    """Return the typed Arrow schema of these (name, kind) columns, as Parquet exports write it."""
    try:
        import pyarrow as pa
    except ImportError:  # pragma: no cover - pyarrow is a core dependency
        raise DependencyError("Parquet export needs pyarrow: pip install pyarrow") from None
    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(),
             "list": pa.list_(pa.string()), "json": pa.string()}
    return pa.schema([(name, types[kind]) for name, kind in columns])


def arrow_table(rows: Sequence[dict[str, Any]], columns: Sequence[tuple[str, str]]) -> Any:
    """Return rows as an Arrow table with the export's typed schema."""
    import pyarrow as pa

    data = {name: [_typed(row.get(name), kind) for row in rows] for name, kind in columns}
    return pa.Table.from_pydict(data, schema=arrow_schema(columns))


def _parquet_parts(rows: Iterable[dict[str, Any]], columns: Sequence[tuple[str, str]]
                   ) -> Iterator[tuple[bytes, int]]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(columns)
    count = 0
    iterator = iter(rows)
    sink = _Sink()
    writer = pq.ParquetWriter(pa.PythonFile(sink, mode="w"), schema, compression="zstd")
    try:
        while batch := list(islice(iterator, _PARQUET_BATCH)):
            writer.write_table(arrow_table(batch, columns))
            count += len(batch)
            yield sink.drain(), count
        if count == 0:
            writer.write_table(schema.empty_table())
    finally:
        writer.close()
    yield sink.drain(), count


def _typed(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "json":
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "list":
        return [str(v) for v in value]
    return str(value)
