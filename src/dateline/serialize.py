"""Turn records into the JSON output contract and back (docs/schema.md)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from dateline.records import Doc

SCHEMA_VERSION = "1"
_LAYERS = ("entities", "times", "places", "quotes", "claims", "events", "incidents")


def to_jsonable(value: Any) -> Any:
    """Convert a record tree into plain JSON values; Decimals become JSON numbers."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)
                if f.name != "parse"}
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, frozenset | set):
        return sorted(to_jsonable(v) for v in value)
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value


def article_to_dict(doc: Doc) -> dict[str, Any]:
    """Return the ``article`` part of the contract."""
    art: dict[str, Any] = to_jsonable(doc.article)
    art["published"] = _published(doc)
    return art


def doc_to_dict(doc: Doc) -> dict[str, Any]:
    """Return the whole output object for one Doc."""
    out: dict[str, Any] = {"schema": SCHEMA_VERSION, "article": article_to_dict(doc)}
    for layer in _LAYERS:
        out[layer] = to_jsonable(getattr(doc, layer))
    return out


def dumps(doc: Doc, *, indent: int | None = 2) -> str:
    """Serialize one Doc as JSON text."""
    return json.dumps(doc_to_dict(doc), ensure_ascii=False, indent=indent)


def _published(doc: Doc) -> str | None:
    published = doc.article.published
    if published is None:
        return None
    # A date given without a time of day is written as a plain date, as the user gave it.
    if (published.hour, published.minute, published.second, published.microsecond) == (0, 0, 0, 0) \
            and published.tzinfo is None:
        return published.date().isoformat()
    return published.isoformat()
