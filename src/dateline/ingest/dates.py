"""Read publication dates given by users, metadata and feeds."""

from __future__ import annotations

from datetime import date, datetime, time
from email.utils import parsedate_to_datetime

from dateline.errors import DateError


def parse_published(value: str | date | datetime | None) -> datetime | None:
    """Return a datetime for an ISO 8601 or RFC 2822 date; raise DateError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    raise DateError(f"Cannot read the date {text[:40]!r}. Use ISO 8601, e.g. 2026-03-20 or "
                    "2026-03-20T14:05:00+01:00.")
