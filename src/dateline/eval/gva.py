"""Read the Gun Violence Archive set: its incidents joined to the local news articles on them.

Both GVA scorers read the folder this way: casualties (killed and injured counts) and incidents
(the incident's place and day).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dateline.errors import FormatError

INCIDENTS = "incidents.jsonl"
ARTICLES = "articles.jsonl"


@dataclass(frozen=True, slots=True)
class Report:
    """One article with text, and the gold incident it reports (GVA's row, as read)."""

    id: str
    text: str
    published: str | None
    title: str | None
    incident: dict[str, object]
    # Where the article was published (GVA's ``uri``, often a web archive's copy).
    url: str | None = None


def find_sets(data: Path) -> list[Path]:
    """Return the folders holding both GVA files: ``data`` itself, its parent, or below it."""
    folder = data.parent if data.is_file() else data
    found = [p.parent for p in sorted(folder.rglob(INCIDENTS)) if (p.parent / ARTICLES).is_file()]
    if not found:
        raise FormatError(f"No {INCIDENTS} with {ARTICLES} beside it under {data}. Pass the "
                          "folder of the Gun Violence Archive set.")
    return found


def read_reports(folder: Path) -> Iterator[Report]:
    """Yield the articles of a GVA folder that have text and a known incident."""
    incidents = {str(row.get("incident_id")): row for row in _read_jsonl(folder / INCIDENTS)}
    for row in _read_jsonl(folder / ARTICLES):
        incident = incidents.get(str(row.get("incident_id")))
        text = row.get("content")
        if incident is None or not isinstance(text, str) or not text.strip():
            continue
        yield Report(str(row.get("id")), text, _text_or_none(row.get("dct")),
                     _text_or_none(row.get("title")), incident,
                     _text_or_none(row.get("uri") or row.get("url")))


def _read_jsonl(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise FormatError(f"{path.name} line {number} is not JSON ({exc.msg}). Each "
                                  "line must be one JSON object.") from exc
            if isinstance(row, dict):
                yield row


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
