"""Calendar periods and their TIMEX3 values: a day, a week, a quarter... shifted and written out.

Written by hand because the libraries that parse dates (dateparser, dateutil) return a single
datetime and lose the granularity TIMEX3 values keep: "last week" is "2026-W11", not a day in it.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from dateline.resources.timex import SEASON_START

Grain = Literal["day", "week", "month", "quarter", "half", "season", "year", "decade",
                "century"]
# Order from finest to coarsest, to compare granularities.
GRAINS: tuple[Grain, ...] = ("day", "week", "month", "quarter", "half", "season", "year",
                             "decade", "century")
SEASON_CODES = ("WI", "SP", "SU", "FA")
MIN_YEAR, MAX_YEAR = 1, 9999


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar period: its grain and the first day in it (a season also keeps its code)."""

    grain: Grain
    start: date
    season: str | None = None
    # What TIMEX3 appends to a day or week: "TMO" (morning), "T17:30", "-WE" (weekend).
    suffix: str = ""

    @property
    def value(self) -> str:
        """Return the TIMEX3 value ("2026-03-20", "2026-W12", "2026-Q1", "199")."""
        d = self.start
        if self.grain == "day":
            return f"{d.year:04d}-{d.month:02d}-{d.day:02d}{self.suffix}"
        if self.grain == "week":
            iso_year, iso_week, _ = d.isocalendar()
            return f"{iso_year:04d}-W{iso_week:02d}{self.suffix}"
        if self.grain == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if self.grain == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if self.grain == "half":
            return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
        if self.grain == "season":
            return f"{d.year:04d}-{self.season}"
        if self.grain == "year":
            return f"{d.year:04d}"
        if self.grain == "decade":
            return f"{d.year // 10:03d}"
        return f"{d.year // 100:02d}"

    def shift(self, n: int, unit: Grain | None = None) -> Point | None:
        """Move by ``n`` units (of the point's own grain by default); None off the calendar."""
        unit = unit or self.grain
        try:
            if unit == "day":
                moved = self.start + timedelta(days=n)
            elif unit == "week":
                moved = self.start + timedelta(weeks=n)
            elif unit in ("month", "quarter", "half"):
                moved = add_months(self.start, n * {"month": 1, "quarter": 3, "half": 6}[unit])
            elif unit == "decade":
                moved = add_months(self.start, n * 120)
            elif unit == "century":
                moved = add_months(self.start, n * 1200)
            else:  # year, season
                moved = add_months(self.start, n * 12)
        except (OverflowError, ValueError):
            return None
        if not MIN_YEAR <= moved.year <= MAX_YEAR:
            return None
        if self.grain == "season":
            return replace(self, start=moved)
        return replace(containing(moved, self.grain), suffix=self.suffix)

    def at_grain(self, grain: Grain) -> Point:
        """Return the period of ``grain`` containing this point's start."""
        return containing(self.start, grain)


def add_months(d: date, months: int) -> date:
    """Add calendar months, clamping the day to the end of the target month."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    day = min(d.day, _calendar.monthrange(year, month)[1])
    return date(year, month, day)


def containing(d: date, grain: Grain, season: str | None = None) -> Point:
    """Return the period of ``grain`` that contains day ``d``."""
    if grain == "day":
        return Point("day", d)
    if grain == "week":
        return Point("week", d - timedelta(days=d.weekday()))
    if grain == "month":
        return Point("month", d.replace(day=1))
    if grain == "quarter":
        return Point("quarter", date(d.year, (d.month - 1) // 3 * 3 + 1, 1))
    if grain == "half":
        return Point("half", date(d.year, 1 if d.month <= 6 else 7, 1))
    if grain == "season":
        code = season or season_of(d)
        # Winter starts in December: January and February belong to the winter begun before.
        year = d.year - 1 if code == "WI" and season is None and d.month <= 2 else d.year
        return Point("season", date(year, SEASON_START[code], 1), season=code)
    if grain == "year":
        return Point("year", date(d.year, 1, 1))
    if grain == "decade":
        return Point("decade", date(d.year // 10 * 10 or 1, 1, 1))
    return Point("century", date(d.year // 100 * 100 or 1, 1, 1))


def season_of(d: date) -> str:
    """Return the (northern) season code of a day: December to February is winter."""
    return SEASON_CODES[(d.month % 12) // 3]


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """Return the ``nth`` ISO ``weekday`` of a month (nth=-1 for the last one)."""
    if nth > 0:
        first = date(year, month, 1)
        offset = (weekday - first.isoweekday()) % 7
        return first + timedelta(days=offset + 7 * (nth - 1))
    last = date(year, month, _calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def easter(year: int) -> date:
    """Return Easter Sunday of a Gregorian year (anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    n = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * n) // 451
    month, day = divmod(h + n - 7 * m + 114, 31)
    return date(year, month, day + 1)


def safe_date(year: int, month: int, day: int) -> date | None:
    """Return the date, or None when it does not exist (Feb. 30, year 0)."""
    try:
        return date(year, month, day) if MIN_YEAR <= year <= MAX_YEAR else None
    except ValueError:
        return None
