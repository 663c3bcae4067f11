"""Read article records from JSON Lines and CSV, with an optional field mapping.

    dateline ingest archive.csv --map text=body,published=date,source=outlet

Without a mapping the usual names are tried (text/body/content/article, published/date...).
Files are streamed record by record, so a corpus of any size reads in bounded memory, and a bad
record becomes a failure of its own ("archive.jsonl:17") while the rest are read.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator, Mapping
from typing import IO, Any

from dateline.errors import ConfigError, DatelineError, FormatError
from dateline.ingest.bounded import bounded_lines, csv_records, too_large
from dateline.ingest.documents import article_fields
from dateline.ingest.jsontext import MAX_DEPTH, load_json

FIELDS = ("text", "title", "published", "source", "url", "author")
# The default limit of one JSON Lines line or CSV record (setting max_bytes).
MAX_RECORD_BYTES = 10_000_000


def parse_field_map(spec: str | Mapping[str, str] | None) -> dict[str, str]:
    """Read ``text=body,published=date`` (article field = input field) into a dict."""
    if not spec:
        return {}
    pairs = spec.items() if isinstance(spec, Mapping) else [
        tuple(part.split("=", 1)) if "=" in part else (part, "")
        for part in (p.strip() for p in spec.split(",")) if part]
    mapping: dict[str, str] = {}
    for target, source in pairs:
        target, source = str(target).strip(), str(source).strip()
        if not source:
            raise ConfigError(f"--map entry {target!r} needs a field name: write "
                              f"{target}=COLUMN, e.g. --map text=body,published=date.")
        if target not in FIELDS:
            raise ConfigError(f"--map cannot set {target!r}. Article fields: {', '.join(FIELDS)}.")
        mapping[target] = source
    return mapping


def record_fields(obj: Mapping[str, Any], name: str, field_map: Mapping[str, str]) -> dict[str, Any]:
    """Pick an article's text and metadata out of one record, through the mapping if given."""
    if not field_map:
        return article_fields(dict(obj), name)
    # Without text= in the mapping, the usual names still find the text and metadata.
    found = article_fields(dict(obj), name) if "text" not in field_map else {}
    for target, source in field_map.items():
        if source not in obj:
            if target == "text":
                available = ", ".join(list(obj)[:12]) or "none"
                raise FormatError(f"{name} has no field {source!r} (mapped to text). Fields: "
                                  f"{available}.")
            found[target] = None
            continue
        value = obj[source]
        if target == "text" and not isinstance(value, str):
            raise FormatError(f"{name}: field {source!r} (mapped to text) is not a string.")
        found[target] = value if target == "text" or value not in ("", None) else None
    return found


def read_jsonl(stream: IO[bytes], origin: str, field_map: Mapping[str, str], *,
               max_bytes: int = MAX_RECORD_BYTES, max_depth: int = MAX_DEPTH
               ) -> Iterator[tuple[str, dict[str, Any] | DatelineError]]:
    """Yield ``(origin:line, fields)`` per record, or ``(origin:line, error)`` for a bad one.

    No line longer than ``max_bytes`` is held: it is skipped to its end and reported.
    """
    for number, raw in bounded_lines(stream, max_bytes):
        where = f"{origin}:{number}"
        if raw is None:
            yield where, too_large(where, max_bytes, what=" (one JSON Lines line)")
            continue
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield where, FormatError(f"{where} is not valid UTF-8 (byte offset {exc.start}).")
            continue
        try:
            obj = load_json(line, where, max_depth)
        except DatelineError as exc:
            yield where, exc
            continue
        if not isinstance(obj, dict):
            yield where, FormatError(f"{where} must hold a JSON object, not "
                                     f"{type(obj).__name__}.")
            continue
        yield from _fields(where, obj, field_map)


def read_json_list(items: list[Any], origin: str, field_map: Mapping[str, str]
                   ) -> Iterator[tuple[str, dict[str, Any] | DatelineError]]:
    """Yield the records of a JSON array of article objects, numbered from 1."""
    for number, obj in enumerate(items, 1):
        where = f"{origin}#{number}"
        if not isinstance(obj, dict):
            yield where, FormatError(f"{where} must be a JSON object, not {type(obj).__name__}.")
            continue
        yield from _fields(where, obj, field_map)


def read_csv(stream: IO[bytes], origin: str, field_map: Mapping[str, str], *,
             delimiter: str = ",", max_bytes: int = MAX_RECORD_BYTES
             ) -> Iterator[tuple[str, dict[str, Any] | DatelineError]]:
    """Yield the records of a CSV (or TSV) file with a header row, each named by its first line.

    A record over ``max_bytes``, one that is not UTF-8 and one with more or fewer cells than
    the header has columns each become an error of their own; the next record is still read.
    """
    # Records are at most max_bytes, so no field can be longer; the csv module's own limit
    # (process-wide) need only be at least that.
    csv.field_size_limit(max(csv.field_size_limit(), min(max_bytes, sys.maxsize)))
    header: list[str] | None = None
    for line, raw in csv_records(stream, max_bytes, delimiter.encode()):
        where = f"{origin}:{line}"
        cells = _csv_cells(raw, where, delimiter, max_bytes)
        if isinstance(cells, DatelineError):
            if header is None:
                yield origin, FormatError(f"{origin} has no readable CSV header: {cells}")
                return
            yield where, cells
            continue
        if header is None:
            header = cells
            continue
        if len(cells) != len(header):
            more_or_fewer = "more" if len(cells) > len(header) else "fewer"
            yield where, FormatError(f"{where} has {more_or_fewer} cells ({len(cells)}) than the "
                                     f"header has columns ({len(header)}); the row is skipped. "
                                     "Quote cells that hold the delimiter or a line break.")
            continue
        yield from _fields(where, dict(zip(header, cells, strict=True)), field_map)
    if header is None:
        yield origin, FormatError(f"{origin} is empty: a CSV file needs a header row.")


def _csv_cells(raw: bytes | None, where: str, delimiter: str, max_bytes: int
               ) -> list[str] | DatelineError:
    """Parse one record found by csv_records into its cells, or say why it cannot be."""
    if raw is None:
        return too_large(where, max_bytes, what=" (one CSV record)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return FormatError(f"{where} is not valid UTF-8 (byte 0x{raw[exc.start]:02x}); the row "
                           "is skipped. Convert the file to UTF-8.")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        return FormatError(f"{where} is not valid CSV: {exc}; the row is skipped.")
    return rows[0] if rows else []


def _fields(where: str, obj: Mapping[str, Any], field_map: Mapping[str, str]
            ) -> Iterator[tuple[str, dict[str, Any] | DatelineError]]:
    try:
        yield where, record_fields(obj, where, field_map)
    except DatelineError as exc:
        yield where, exc
