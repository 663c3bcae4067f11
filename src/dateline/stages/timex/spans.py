"""Read lengths of time, repetitions and clock times: "for three years", "every Monday", "5:30 p.m."."""

from __future__ import annotations

import re
from fractions import Fraction

from dateline.resources.timex import MONTHS, PARTS_OF_DAY, SEASONS, SET_ADVERBS, UNITS, WEEKDAYS
from dateline.stages.timex.calendar import Point
from dateline.stages.timex.reading import (
    Context,
    Reading,
    count_of,
    duration_value,
    mod_of,
    point_reading,
    unit_of,
)


def _precision(unit: str) -> str:
    return UNITS[unit][2]


def read_duration(m: re.Match[str], ctx: Context) -> Reading | None:
    """"three years", "the past two months", "30-year", "nearly an hour", "several days"."""
    unit = unit_of(m["unit"])
    if unit not in UNITS:
        return None
    count_text = m["count"]
    if m.groupdict().get("range"):
        count_text = re.split(r"\s*(?:to|or|-|–)\s*", m["range"])[0]
    amount = count_of(count_text)
    if amount is None and count_text and not re.match(r"(?i)a\s+few|few|several|many|some"
                                                      r"|numerous|a\s+number|dozens|hundreds",
                                                      count_text.strip()):
        return None
    return Reading(duration_value(amount, unit), _precision(unit), "duration", mod_of(m["mod"]))


def read_unit_duration(m: re.Match[str], ctx: Context) -> Reading | None:
    """"the past year", "the next week": one unit counted back or ahead of now."""
    unit = unit_of(m["unit"])
    return Reading(duration_value(count_of("1"), unit), _precision(unit), "duration",
                   mod_of(m["mod"]))


def read_vague_duration(m: re.Match[str], ctx: Context) -> Reading | None:
    """"for years", "in recent months", "the coming weeks": a length with no number."""
    unit = unit_of(m["unit"])
    return Reading(duration_value(None, unit), _precision(unit), "duration", mod_of(m["mod"]))


def read_half_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    """"half an hour", "a year and a half", "a half-day"."""
    unit = unit_of(m["u1"] or m["u2"] or m["u3"])
    if unit not in UNITS:
        return None
    amount = Fraction(3, 2) if m["u3"] else Fraction(1, 2)
    return Reading(duration_value(amount, unit), _precision(unit), "duration", mod_of(m["mod"]))


def read_set(m: re.Match[str], ctx: Context) -> Reading | None:
    """"every Monday", "each year", "every other week", "twice a year", "daily"."""
    groups = m.groupdict()
    if groups.get("adverb"):
        value = SET_ADVERBS[m["adverb"].lower()]
        return Reading(value, _set_precision(value), "set")
    target = m["target"]
    lowered = target.lower().rstrip(".")
    step = 2 if groups.get("other") else 1
    if groups.get("count"):
        amount = count_of(m["count"])
        if amount is None or amount.denominator != 1:
            return None
        step = int(amount)
    if lowered in WEEKDAYS or lowered.rstrip("s") in WEEKDAYS:
        weekday = WEEKDAYS.get(lowered) or WEEKDAYS[lowered.rstrip("s")]
        part = groups.get("part")
        suffix = "T" + PARTS_OF_DAY[part.lower().rstrip("s")] if part else ""
        return Reading(f"XXXX-WXX-{weekday}{suffix}", "day", "set")
    if lowered in PARTS_OF_DAY:
        return Reading(f"XXXX-XX-XXT{PARTS_OF_DAY[lowered]}", "day", "set")
    if lowered in MONTHS:
        return Reading(f"XXXX-{MONTHS[lowered]:02d}", "month", "set")
    if lowered in SEASONS:
        return Reading(f"XXXX-{SEASONS[lowered]}", "season", "set")
    unit = unit_of(lowered)
    if unit not in UNITS:
        return None
    value = duration_value(Fraction(step), unit)
    return Reading(value, _precision(unit), "set")


def _set_precision(value: str) -> str:
    letter = value[-1]
    if value.startswith("PT"):
        return {"H": "hour", "M": "minute", "S": "second"}[letter]
    return {"D": "day", "W": "week", "M": "month", "Y": "year"}[letter]


def clock_time(m: re.Match[str]) -> tuple[int, int, bool] | None:
    """Return (hour, minute, minute stated) from a CLOCK match, on the 24-hour clock."""
    if m["named"]:
        named = m["named"].lower()
        return (0, 0, False) if named == "midnight" else (12, 0, False)
    if m["hour24"] is not None:
        return int(m["hour24"]), int(m["minute24"]), True
    if m["hourword"] is not None:
        amount = count_of(m["hourword"])
        if amount is None or not 1 <= amount <= 12:
            return None
        return int(amount), 0, False
    hour = int(m["hour"])
    minute = int(m["minute"] or 0)
    if not 1 <= hour <= 12:
        return None
    pm = m["ampm"].lower().startswith("p")
    if pm and hour != 12:
        hour += 12
    elif not pm and hour == 12:
        hour = 0
    return hour, minute, m["minute"] is not None


def read_clock(m: re.Match[str], ctx: Context) -> Reading | None:
    """"5:30 p.m.", "noon", "10 a.m. EST": a clock time on the publication day."""
    found = clock_time(m)
    if found is None:
        return None
    hour, minute, exact = found
    precision = "minute" if exact else "hour"
    if ctx.dct is None:
        return Reading(None, precision, "time")
    point = Point("day", ctx.dct, suffix=f"T{hour:02d}:{minute:02d}")
    return point_reading(point, anchor=ctx.dct, kind="time", precision=precision)


def with_clock(day: Reading, clock: Reading) -> Reading:
    """Join a clock time to the day it is on: "9 a.m. Tuesday" -> 2026-03-17T09:00."""
    if day.point is None or clock.point is None or day.point.grain != "day":
        return Reading(None, clock.precision, "time", day.mod)
    point = Point("day", day.point.start, suffix=clock.point.suffix)
    return Reading(point.value, clock.precision, "time", day.mod, day.anchor, point)
