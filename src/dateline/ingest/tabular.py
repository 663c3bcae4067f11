"""Read article records from JSON Lines and CSV, with an optional field mapping.

    dateline ingest archive.csv --map text=body,published=date,source=outlet

Without a mapping the usual names are tried (text/body/content/article, published/date...).
Files are streamed record by record, so a corpus of any size reads in bounded memory, and a bad
record becomes a failure of its own ("archive.jsonl:17") while the rest are read.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from typing import IO, Any

from dateline.errors import ConfigError, DatelineError, FormatError
from dateline.ingest.documents import article_fields

FIELDS = ("text", "title", "published", "source", "url", "author")
# Large enough for a long article in one cell, small enough to stop a runaway quote.
_CSV_FIELD_LIMIT = 20_000_000


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


def read_jsonl(stream: Iterable[bytes], origin: str, field_map: Mapping[str, str]
               ) -> Iterator[tuple[str, dict[str, Any] | DatelineError]]:
    """Yield ``(origin:line, fields)`` per record, or ``(origin:line, error)`` for a bad one."""
    for number, raw in enumerate(stream, 1):
        where = f"{origin}:{number}"
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield where, FormatError(f"{where} is not valid UTF-8 (byte offset {exc.start}).")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield where, FormatError(f"{where} is not valid JSON: {exc.msg} at column "
                                     f"{exc.colno}.")
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
             delimiter: str = ",") -> Iterator[tuple[str, dict[str, Any] | DatelineError]]:
    """Yield the records of a CSV (or TSV) file with a header row; row numbers count lines."""
    csv.field_size_limit(min(_CSV_FIELD_LIMIT, sys.maxsize))
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    reader = csv.DictReader(text, delimiter=delimiter)
    try:
        header = reader.fieldnames
    except (UnicodeDecodeError, csv.Error) as exc:
        yield origin, FormatError(f"{origin} has no readable CSV header: {exc}.")
        return
    if not header:
        yield origin, FormatError(f"{origin} is empty: a CSV file needs a header row.")
        return
    while True:
        where = f"{origin}:{reader.line_num + 1}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            yield where, FormatError(f"{where} is not valid UTF-8 (byte 0x{exc.object[exc.start]:02x}); "
                                     "the rest of the file is skipped. Convert it to UTF-8.")
            return
        except csv.Error as exc:
            yield where, FormatError(f"{where} is not valid CSV: {exc}; the rest of the file "
                                     "is skipped.")
            return
        where = f"{origin}:{reader.line_num}"
        if None in row:
            yield where, FormatError(f"{where} has more cells than the header has columns.")
            continue
        yield from _fields(where, {k: v for k, v in row.items() if k is not None}, field_map)


def _fields(where: str, obj: Mapping[str, Any], field_map: Mapping[str, str]
            ) -> Iterator[tuple[str, dict[str, Any] | DatelineError]]:
    try:
        yield where, record_fields(obj, where, field_map)
    except DatelineError as exc:
        yield where, exc
