"""Read publication dates given by users, metadata and feeds."""

from __future__ import annotations

from contextlib import suppress
from datetime import date, datetime, time
from email.utils import parsedate_to_datetime

from dateline.errors import DateError

# Relative dates ("next week", "in 30 years") are resolved against the publication date; a year
# this far from datetime's limits (1 and 9999) leaves them room.
FIRST_YEAR, LAST_YEAR = 100, 9899


def parse_published(value: str | date | datetime | None) -> datetime | None:
    """Return a datetime for an ISO 8601 or RFC 2822 date; raise DateError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return in_range(value)
    if isinstance(value, date):
        return in_range(datetime.combine(value, time()))
    text = str(value).strip()
    found = read_date(text)
    if found is None:
        raise DateError(f"Cannot read the date {text[:40]!r}. Use ISO 8601, e.g. 2026-03-20 or "
                        "2026-03-20T14:05:00+01:00.")
    return in_range(found, text)


def read_date(text: str) -> datetime | None:
    """Read ISO 8601 or RFC 2822, without a range check; None when it is neither."""
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    with suppress(TypeError, ValueError, IndexError):
        return parsedate_to_datetime(text)
    return None


def in_range(when: datetime, text: str = "") -> datetime:
    """Refuse a year so near the calendar's ends that resolving dates against it overflows."""
    if not FIRST_YEAR <= when.year <= LAST_YEAR:
        raise DateError(f"The date {(text or when.isoformat())[:40]!r} is out of range: "
                        f"publication dates run from year {FIRST_YEAR} to {LAST_YEAR}.")
    return when
