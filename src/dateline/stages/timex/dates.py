"""Read calendar dates: "March 3, 2024", "Feb. 28", "in 2018", "the 1990s", "the third quarter".

A date that names no year ("Feb. 28", "in March", "this summer") gets the year that fits the
publication date and the tense of its verb: in a January article "met on Dec. 28" is last year's
December, "will meet on Feb. 3" this year's February.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from dateline.resources.timex import (
    EASTER_HOLIDAYS,
    FIXED_HOLIDAYS,
    MONTHS,
    ORDINALS,
    SEASONS,
    WEEKDAY_HOLIDAYS,
)
from dateline.stages.timex.calendar import (
    Grain,
    Point,
    containing,
    easter,
    nth_weekday,
    safe_date,
)
from dateline.stages.timex.reading import (
    Context,
    Reading,
    count_of,
    group,
    mod_of,
    point_reading,
)


def month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def day_number(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def year_number(text: str, ctx: Context) -> int | None:
    """Return a four-digit year; "'89" takes the century nearest the publication date."""
    text = text.strip()
    if not text[:1].isdigit() and not text.startswith("'"):
        return spelled_year(text)
    if text.startswith("'"):
        short = int(text[1:])
        if ctx.dct is None:
            return 1900 + short if short > 30 else 2000 + short
        century = ctx.dct.year // 100 * 100
        candidates = [century - 100 + short, century + short, century + 100 + short]
        return min(candidates, key=lambda y: abs(y - ctx.dct.year))  # type: ignore[union-attr]
    return int(text)


# How far back a past tense (or ahead a future tense) may reach for a date that names no year;
# beyond it the nearest date wins ("extended the offer to Nov. 20" in a Nov. 2 article).
TENSE_WINDOW_DAYS = 300


def _choose(candidates: list[date], dct: date, tense: str | None) -> date:
    """Pick the candidate that fits the tense, within a window; else the nearest one."""
    if tense == "past":
        before = [c for c in candidates if c <= dct]
        if before and (dct - max(before)).days <= TENSE_WINDOW_DAYS:
            return max(before)
    elif tense == "future":
        after = [c for c in candidates if c >= dct]
        if after and (min(after) - dct).days <= TENSE_WINDOW_DAYS:
            return min(after)
    return min(candidates, key=lambda c: (abs((c - dct).days), c > dct))


def resolve_month_day(month: int, day: int, ctx: Context) -> Reading:
    """Return the reading of a month and day with no year, by tense."""
    if ctx.dct is None:
        return Reading(None, "day")
    years = (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)
    candidates = [d for y in years if (d := safe_date(y, month, day)) is not None]
    if not candidates:
        return Reading(None, "day")
    chosen = _choose(candidates, ctx.dct, ctx.tense)
    return point_reading(Point("day", chosen), anchor=ctx.dct)


def resolve_period(point_in: Callable[[int], Point], ctx: Context, grain: Grain) -> Reading:
    """Return the reading of a month/season/quarter with no year, by tense.

    ``point_in(year)`` gives the period in a year; with no tense the publication year is kept,
    unless that puts the period more than half a year ahead (a January article's "December").
    """
    if ctx.dct is None:
        return Reading(None, grain)
    points = [point_in(y) for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)]
    dct_start = containing(ctx.dct, grain).start if grain != "season" else ctx.dct
    tense = ctx.tense
    before = [p for p in points if p.start <= dct_start][-1]
    after = next(p for p in points if p.start >= dct_start)
    if tense == "past" and (ctx.dct - before.start).days <= TENSE_WINDOW_DAYS:
        chosen = before
    elif tense == "future" and (after.start - ctx.dct).days <= TENSE_WINDOW_DAYS:
        chosen = after
    else:
        chosen = points[1] if (points[1].start - ctx.dct).days <= 183 else points[0]
    return point_reading(chosen, anchor=ctx.dct)


def read_month_day(m: re.Match[str], ctx: Context) -> Reading | None:
    month, day = month_number(m["month"]), day_number(m["day"])
    if m["year"]:
        year = year_number(m["year"], ctx)
        found = safe_date(year, month, day) if year else None
        return point_reading(Point("day", found)) if found else None
    if safe_date(2000, month, day) is None:
        return None
    rel = (group(m, "rel") or "").lower()
    if rel and ctx.dct is not None:
        # "last Oct. 23" looks back, "next Jan. 5" ahead, "this Dec. 1" stays in the year.
        tense = "past" if "past" in rel or rel == "last" else "future" if rel != "this" else None
        if tense is None:
            found = safe_date(ctx.dct.year, month, day)
            return point_reading(Point("day", found), anchor=ctx.dct) if found else None
        ctx = Context(ctx.dct, lambda s, e: tense, ctx.reference, ctx.span)  # type: ignore[arg-type,return-value]
    return resolve_month_day(month, day, ctx)


def read_numeric_date(m: re.Match[str], ctx: Context) -> Reading | None:
    year = int(m["year"])
    if year < 100:
        year += 1900 if year > 30 else 2000
    found = safe_date(year, int(m["month"]), int(m["day"]))
    return point_reading(Point("day", found)) if found else None


def read_month_year(m: re.Match[str], ctx: Context) -> Reading | None:
    year = year_number(m["year"], ctx)
    if year is None:
        return None
    return point_reading(Point("month", date(year, month_number(m["month"]), 1)),
                         mod=mod_of(m["pos"]))


def read_month(m: re.Match[str], ctx: Context) -> Reading | None:
    month = month_number(m["month"])
    mod = mod_of(m["pos"])
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past", "this past", "next", "coming", "this") and ctx.dct is not None:
        start = date(ctx.dct.year, month, 1)
        current = ctx.dct.replace(day=1)
        if rel in ("last", "past", "this past") and start >= current:
            start = start.replace(year=start.year - 1)
        elif rel in ("next", "coming") and start <= current:
            start = start.replace(year=start.year + 1)
        return point_reading(Point("month", start), anchor=ctx.dct, mod=mod)
    year_rel = (m["yrel"] or "").lower()
    if year_rel and ctx.dct is not None:
        shift = {"this": 0, "last": -1, "next": 1}[year_rel]
        return point_reading(Point("month", date(ctx.dct.year + shift, month, 1)),
                             anchor=ctx.dct, mod=mod)
    reading = resolve_period(lambda y: Point("month", date(y, month, 1)), ctx, "month")
    return Reading(reading.value, reading.precision, reading.kind, mod, reading.anchor,
                   reading.point)


def read_year(m: re.Match[str], ctx: Context) -> Reading | None:
    year = year_number(m["year"], ctx)
    if year is None:
        return None
    return point_reading(Point("year", date(year, 1, 1)), mod=mod_of(group(m, "pos")))


_SPELLED_HIGH = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}


def read_spelled_year(m: re.Match[str], ctx: Context) -> Reading | None:
    """"nineteen ninety-six", "the year two thousand": years as transcripts spell them."""
    year = spelled_year(m.group(0))
    return point_reading(Point("year", date(year, 1, 1))) if year else None


def spelled_year(text: str) -> int | None:
    """Return the year a spelled-out phrase names, or None."""
    words = " ".join(text.lower().replace("-", " ").split()).removeprefix("the year ").split()
    if words[:2] == ["two", "thousand"]:
        rest = count_of(" ".join(w for w in words[2:] if w != "and")) if words[2:] else 0
        return 2000 + int(rest) if rest is not None else None
    if not words or words[0] not in _SPELLED_HIGH:
        return None
    low = [w for w in words[1:] if w != "oh"]
    amount = 0 if low == ["hundred"] else count_of(" ".join(low))
    return _SPELLED_HIGH[words[0]] + int(amount) if amount is not None else None


def read_decade(m: re.Match[str], ctx: Context) -> Reading | None:
    mod = mod_of(m["pos"])
    if m["word"]:
        from dateline.resources.timex import DECADE_WORDS

        tens = DECADE_WORDS[m["word"].lower()]
        century = 1900 if ctx.dct is None or tens * 10 > ctx.dct.year % 100 else \
            ctx.dct.year // 100 * 100
        return point_reading(Point("decade", date(century + tens * 10, 1, 1)), mod=mod)
    digits = m["decade"].lstrip("'")
    if len(digits) == 2:
        year = year_number("'" + digits, ctx)
        if year is None:
            return None
    else:
        year = int(digits)
    if year % 100 == 0 and year != 2000 and len(digits) == 4:
        return point_reading(Point("century", date(year, 1, 1)), mod=mod)
    return point_reading(Point("decade", date(year, 1, 1)), mod=mod)


def read_century(m: re.Match[str], ctx: Context) -> Reading | None:
    mod = mod_of(m["pos"])
    rel = (m["rel"] or "").lower()
    if rel:
        if ctx.dct is None:
            return Reading(None, "century", mod=mod)
        shift = {"this": 0, "the current": 0, "last": -1, "the last": -1, "next": 1,
                 "the next": 1, "the previous": -1}.get(rel, 0)
        point = containing(ctx.dct, "century").shift(shift)
        return point_reading(point, anchor=ctx.dct, mod=mod)
    word = m["ord"].lower()
    number = ORDINALS.get(word) or int(re.sub(r"\D", "", word) or 0)
    if number <= 0:
        return None
    return point_reading(Point("century", date(max(1, (number - 1) * 100), 1, 1)), mod=mod)


def _year_from(m: re.Match[str], ctx: Context) -> tuple[int | None, bool]:
    """Return the year a quarter or half names, and whether the text stated it."""
    if group(m, "year"):
        return year_number(m["year"], ctx), True
    rel = (group(m, "yrel") or "").lower()
    if rel and ctx.dct is not None:
        return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[rel], True
    return None, False


def read_quarter(m: re.Match[str], ctx: Context) -> Reading | None:
    word = (group(m, "ord") or "").lower()
    if group(m, "q"):
        quarter = int(m["q"])
    elif word[:1].isdigit():
        quarter = int(word[0])
    else:
        quarter = ORDINALS.get(word, 0)
    if quarter == -1:
        quarter = 4
    if not 1 <= quarter <= 4:
        return None
    year, stated = _year_from(m, ctx)
    if stated and year is not None:
        return point_reading(Point("quarter", date(year, 3 * quarter - 2, 1)))
    return _undated_quarter(quarter, ctx)


def _undated_quarter(quarter: int, ctx: Context) -> Reading:
    # A quarter named without a year is one of the publication year; a past-tense quarter still
    # to come is last year's ("the fourth quarter" in a February earnings report).
    if ctx.dct is None:
        return Reading(None, "quarter")
    start = date(ctx.dct.year, 3 * quarter - 2, 1)
    if start > ctx.dct and (ctx.tense == "past" or (ctx.dct.month <= 2 and quarter == 4)):
        start = start.replace(year=start.year - 1)
    return point_reading(Point("quarter", start), anchor=ctx.dct)


def read_half(m: re.Match[str], ctx: Context) -> Reading | None:
    half = 1 if m["ord"].lower() == "first" else 2
    year, stated = _year_from(m, ctx)
    if not stated:
        if ctx.reference is not None and ctx.reference.grain in ("year", "half", "quarter"):
            year = ctx.reference.start.year
        elif ctx.dct is not None:
            year = ctx.dct.year
            if half == 2 and ctx.dct.month <= 6 and ctx.tense == "past":
                year -= 1
    if year is None:
        return Reading(None, "half")
    return point_reading(Point("half", date(year, 1 if half == 1 else 7, 1)),
                         anchor=None if stated else ctx.dct)


def read_season(m: re.Match[str], ctx: Context) -> Reading | None:
    code = SEASONS[m["season"].lower()]
    mod = mod_of(m["pos"])
    if m["year"]:
        year = year_number(m["year"], ctx)
        if year is None:
            return None
        return point_reading(containing(date(year, 1, 1), "season", code), mod=mod)
    if ctx.dct is None:
        return Reading(None, "season", mod=mod)
    this = containing(date(ctx.dct.year, 1, 1), "season", code)
    rel = (m["rel"] or "").lower()
    current = containing(ctx.dct, "season")
    if rel in ("last", "past", "this past"):
        point = this if this.start < current.start else this.shift(-1)
    elif rel in ("next", "coming"):
        point = this if this.start > current.start else this.shift(1)
    elif rel == "this":
        point = this
    else:
        reading = resolve_period(lambda y: containing(date(y, 1, 1), "season", code), ctx,
                                 "season")
        return Reading(reading.value, reading.precision, reading.kind, mod, reading.anchor,
                       reading.point)
    return point_reading(point, anchor=ctx.dct, mod=mod)


def holiday_date(name: str, year: int) -> date | None:
    """Return the date of a named holiday in a year, or None if it is not in the tables."""
    key = " ".join(name.lower().split())
    if key in FIXED_HOLIDAYS:
        month, day = FIXED_HOLIDAYS[key]
        return safe_date(year, month, day)
    if key in WEEKDAY_HOLIDAYS:
        month, weekday, nth = WEEKDAY_HOLIDAYS[key]
        return nth_weekday(year, month, weekday, nth)
    if key in EASTER_HOLIDAYS:
        return easter(year) + timedelta(days=EASTER_HOLIDAYS[key])
    return None


def read_holiday(m: re.Match[str], ctx: Context) -> Reading | None:
    name = m["holiday"]
    if m["year"]:
        year = year_number(m["year"], ctx)
        found = holiday_date(name, year) if year else None
        return point_reading(Point("day", found)) if found else None
    if ctx.dct is None:
        return Reading(None, "day")
    candidates = [d for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1)
                  if (d := holiday_date(name, y)) is not None]
    if not candidates:
        return None
    rel = (m["rel"] or "").lower()
    if rel == "last":
        chosen = max(c for c in candidates if c < ctx.dct)
    elif rel == "next":
        chosen = min(c for c in candidates if c > ctx.dct)
    else:
        chosen = _choose(candidates, ctx.dct, ctx.tense)
    return point_reading(Point("day", chosen), anchor=ctx.dct)


def read_year_range(m: re.Match[str], ctx: Context) -> Reading | None:
    first = int(m["year"])
    second_text = m["year2"]
    second = int(second_text) if len(second_text) == 4 else first // 100 * 100 + int(second_text)
    if second <= first or second - first > 100:
        return None
    a = point_reading(Point("year", date(first, 1, 1)))
    b = point_reading(Point("year", date(second, 1, 1)))
    return Reading(f"{a.value}/{b.value}", "year", "interval",
                   parts=((m.start("year"), m.end("year"), a), (m.start("year2"), m.end("year2"), b)))
