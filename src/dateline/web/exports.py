"""Download exactly the rows a list page shows, every page of them: ``/events.csv?type=ASSAULT``,
``/events.jsonl?...``, ``/events.parquet?...``, and the same for every list.

The filters are the page's (checked by web/filters.py); the rows and columns are those of
``dateline export --table TABLE`` (dateline.export), read a thousand at a time and sent as
they are written, so a download of any size holds one batch in memory.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response, StreamingResponse

from dateline.export import columns_of
from dateline.export.writers import flat, parquet_chunks
from dateline.store import Store
from dateline.store.query import iter_rows
from dateline.web.errors import APIError
from dateline.web.filters import InvalidFilter, read_list_request
from dateline.web.listing import EXPORT_FORMATS, EXPORTABLE

router = APIRouter(include_in_schema=False)
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
               "parquet": "application/vnd.apache.parquet"}
_FLUSH_ROWS = 500


def csv_chunks(rows: Iterable[dict[str, Any]], columns: tuple[tuple[str, str], ...]
               ) -> Iterator[bytes]:
    """Yield CSV text (a header, then the rows as `dateline export --format csv` writes them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([name for name, _ in columns])
    for n, row in enumerate(rows, 1):
        writer.writerow([flat(row.get(name), kind) for name, kind in columns])
        if n % _FLUSH_ROWS == 0:
            yield _take(buffer)
    yield _take(buffer)


def jsonl_chunks(rows: Iterable[dict[str, Any]], columns: tuple[tuple[str, str], ...]
                 ) -> Iterator[bytes]:
    """Yield JSON Lines as `dateline export --format jsonl` writes them."""
    names = [name for name, _ in columns]
    lines: list[str] = []
    for row in rows:
        lines.append(json.dumps({n: row.get(n) for n in names}, ensure_ascii=False) + "\n")
        if len(lines) >= _FLUSH_ROWS:
            yield "".join(lines).encode()
            lines.clear()
    yield "".join(lines).encode()


def _take(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    return data


WRITERS = {"csv": csv_chunks, "jsonl": jsonl_chunks, "parquet": parquet_chunks}


def _add_export_route(table: str, fmt: str) -> None:
    def download(request: Request) -> Response:
        try:
            asked = read_list_request(table, request.query_params)
        except InvalidFilter as exc:
            raise APIError(400, str(exc), code="invalid_parameter") from None
        store: Store = request.app.state.store
        rows = iter_rows(store, table, asked.filters, sort=asked.sort)
        first = next(rows, None)  # a bad sort or filter fails here, before the status is sent
        body = WRITERS[fmt](_chain(first, rows), columns_of(table))
        return StreamingResponse(body, media_type=MEDIA_TYPES[fmt], headers={
            "Content-Disposition": f'attachment; filename="{table}.{fmt}"'})

    download.__name__ = f"export_{table}_{fmt}"
    router.add_api_route(f"/{table}.{fmt}", download, methods=["GET"])


def _chain(first: dict[str, Any] | None, rest: Iterator[dict[str, Any]]
           ) -> Iterator[dict[str, Any]]:
    if first is None:
        return
    yield first
    yield from rest


for _table in EXPORTABLE:
    for _fmt, _label in EXPORT_FORMATS:
        _add_export_route(_table, _fmt)
