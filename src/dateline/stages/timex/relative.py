"""Read times that count from the publication date or from the last time named.

"yesterday", "Friday", "last week", "earlier this month", "two days ago" count from the
publication date; "a year earlier", "the next day", "the same month" count from the time the
text last named (TimeML's reference time), which defaults to the publication date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateline.resources.timex import DEICTIC_DAYS, PARTS_OF_DAY, RELATIVE_SHIFTS, TIME_REFERENCES, WEEKDAYS
from dateline.stages.timex.calendar import GRAINS, Grain, Point, containing
from dateline.stages.timex.reading import (
    Context,
    Reading,
    count_of,
    group,
    mod_of,
    point_reading,
    ref_reading,
    unit_of,
)

_GRAIN_OF_UNIT: dict[str, Grain] = {
    "day": "day", "night": "day", "week": "week", "fortnight": "week", "weekend": "week",
    "month": "month", "quarter": "quarter", "year": "year", "decade": "decade",
    "century": "century",
}


def _kind(suffix: str) -> str:
    # TIMEX3 types a part of the day ("Friday morning") as a TIME.
    return "time" if suffix else "date"


def _part(text: str | None) -> str:
    return "T" + PARTS_OF_DAY[text.lower()] if text else ""


def _day(d: date, suffix: str = "") -> Point:
    return Point("day", d, suffix=suffix)


def read_deictic_day(m: re.Match[str], ctx: Context) -> Reading:
    """"today", "yesterday morning", "last night", "the day after tomorrow"."""
    word = m["deixis"].lower()
    mod = mod_of(m["pos"])
    if ctx.dct is None:
        return Reading(None, "day", mod=mod)
    if word in ("last night", "overnight"):
        return point_reading(_day(ctx.dct - timedelta(days=1), "TNI"), anchor=ctx.dct, mod=mod,
                             kind="time", precision="day")
    if word.startswith("this "):
        return point_reading(_day(ctx.dct, _part(word.split()[1])), anchor=ctx.dct, mod=mod,
                             kind="time", precision="day")
    offset = DEICTIC_DAYS[word]
    if m["dir"]:
        offset += -1 if m["dir"].lower() == "before" else 1
    suffix = "TNI" if word == "tonight" else _part(m["part"])
    return point_reading(_day(ctx.dct + timedelta(days=offset), suffix), anchor=ctx.dct, mod=mod,
                         kind=_kind(suffix), precision="day")


def weekday_date(weekday: int, dct: date, how: str | None) -> date:
    """Return the day with ISO ``weekday`` nearest ``dct`` in the direction ``how``."""
    back = (dct.isoweekday() - weekday) % 7
    ahead = (weekday - dct.isoweekday()) % 7
    if how == "last":
        return dct - timedelta(days=back or 7)
    if how == "next":
        return dct + timedelta(days=ahead or 7)
    if how == "future":
        return dct + timedelta(days=ahead)
    if how == "nearest":
        return dct + timedelta(days=ahead) if ahead < back else dct - timedelta(days=back)
    return dct - timedelta(days=back)


def read_weekday(m: re.Match[str], ctx: Context) -> Reading:
    """"Friday", "last Tuesday", "Sunday night": the nearest fitting day by tense."""
    weekday = WEEKDAYS[m["wd"].lower().rstrip(".")]
    mod = mod_of(m["pos"])
    suffix = _part(m["part"])
    rel = (m["rel"] or "").lower()
    if rel in ("the following", "the next", "the previous", "the preceding"):
        base = ctx.anchor
        if base is None:
            return Reading(None, "day", mod=mod)
        day = weekday_date(weekday, base.start,
                           "next" if rel in ("the following", "the next") else "last")
        return point_reading(_day(day, suffix), anchor=base, mod=mod, kind=_kind(suffix),
                             precision="day")
    if ctx.dct is None:
        return Reading(None, "day", mod=mod)
    if rel in ("last", "past", "this past"):
        how: str | None = "last"
    elif rel in ("next", "coming", "this coming"):
        how = "next"
    else:
        tense = ctx.tense
        how = "future" if tense == "future" else "nearest" if tense == "present" else "past"
    return point_reading(_day(weekday_date(weekday, ctx.dct, how), suffix), anchor=ctx.dct,
                         mod=mod, kind=_kind(suffix), precision="day")


def read_weekend(m: re.Match[str], ctx: Context) -> Reading:
    """"the weekend", "last weekend", "this weekend": the Saturday-Sunday of a week."""
    mod = mod_of(m["pos"])
    if ctx.dct is None:
        return Reading(None, "week", mod=mod)
    rel = (m["rel"] or "").lower()
    if rel in ("last", "past", "this past"):
        saturday = weekday_date(6, ctx.dct, "last") if ctx.dct.isoweekday() < 6 else \
            ctx.dct - timedelta(days=ctx.dct.isoweekday() - 6 + 7)
    elif rel in ("next", "coming", "this coming"):
        saturday = weekday_date(6, ctx.dct, "next")
    elif rel == "this" or ctx.tense == "future":
        saturday = weekday_date(6, ctx.dct, "future") if ctx.dct.isoweekday() != 7 else \
            ctx.dct - timedelta(days=1)
    else:
        saturday = weekday_date(6, ctx.dct, "past") if ctx.dct.isoweekday() >= 6 else \
            weekday_date(6, ctx.dct, "last")
    point = Point("week", saturday - timedelta(days=5), suffix="-WE")
    return point_reading(point, anchor=ctx.dct, mod=mod, precision="week")


def read_relative_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    """"last week", "this year", "next month", "earlier this month", "the previous year"."""
    unit = unit_of(m["unit"])
    grain = _GRAIN_OF_UNIT.get(unit)
    if grain is None:
        return None
    rel = " ".join((m["rel"] or "").lower().split())
    mod = mod_of(m["pos"])
    from_reference = rel.startswith(("the ", "that")) and rel not in ("the current", "the present")
    rel_word = rel.removeprefix("the ").removeprefix("that").strip() or "same"
    shift = RELATIVE_SHIFTS.get(rel_word, 0)
    base = ctx.anchor if from_reference else (Point("day", ctx.dct) if ctx.dct else None)
    if base is None:
        return Reading(None, grain, mod=mod)
    if rel_word == "latest" or (grain == "quarter" and rel_word in ("last", "past")):
        return _latest(grain, ctx, mod)
    if GRAINS.index(base.grain) > GRAINS.index(grain):
        # "the next day" after "in 1998": the day cannot be known.
        return Reading(None, grain, mod=mod)
    point = containing(base.start, grain).shift(shift)
    return point_reading(point, anchor=base, mod=mod)


def _latest(grain: Grain, ctx: Context, mod: str | None) -> Reading:
    # "the latest quarter" in a report is the last one completed before publication, unless
    # the text has just named one.
    if ctx.reference is not None and ctx.reference.grain == grain:
        return point_reading(ctx.reference, anchor=ctx.reference, mod=mod)
    if ctx.dct is None:
        return Reading(None, grain, mod=mod)
    return point_reading(containing(ctx.dct, grain).shift(-1), anchor=ctx.dct, mod=mod)


def read_the_unit(m: re.Match[str], ctx: Context) -> Reading | None:
    """"the quarter", "the week", "the end of the month": the period being reported on."""
    unit = unit_of(m["unit"])
    # "the latest period" in an earnings report is the quarter reported on.
    grain = _GRAIN_OF_UNIT.get(unit, "quarter")
    mod = mod_of(group(m, "pos"))
    if grain == "quarter" and not mod:
        return _latest("quarter", ctx, mod)
    base = ctx.anchor
    if base is None:
        return Reading(None, grain, mod=mod)
    if GRAINS.index(base.grain) > GRAINS.index(grain):
        return Reading(None, grain, mod=mod)
    return point_reading(containing(base.start, grain), anchor=base, mod=mod)


def read_offset(m: re.Match[str], ctx: Context) -> Reading | None:
    """"two days ago", "a year earlier", "three weeks later", "a month from now"."""
    unit = unit_of(m["unit"])
    grain = _GRAIN_OF_UNIT.get(unit)
    direction = " ".join(m["dir"].lower().split())
    mod = mod_of(m["mod"])
    count = count_of(m["count"])
    sign = -1 if direction in ("ago", "earlier", "before", "back", "previously") else 1
    if grain is None:
        # "two hours ago": the publication time of day is not kept, so no value is given.
        return Reading(None, "hour" if unit == "hour" else "minute", mod=mod)
    if count is None or count.denominator != 1:
        return ref_reading("PAST_REF" if sign < 0 else "FUTURE_REF", mod)
    steps = int(count) * sign
    if grain in ("decade", "century"):
        steps, grain = steps * (10 if grain == "decade" else 100), "year"
    from_reference = direction in ("earlier", "later", "before", "after")
    if unit == "fortnight":
        steps *= 2
    if from_reference or (direction == "ago" and _financial_reference(ctx, grain)):
        base = ctx.anchor
    else:
        base = Point("day", ctx.dct) if ctx.dct else None
    if base is None:
        return Reading(None, grain, mod=mod)
    if base.grain != "day" and GRAINS.index(base.grain) <= GRAINS.index(grain):
        # "a year earlier" than "the third quarter" is a quarter: keep the finer grain.
        point = base.shift(steps, grain)
        return point_reading(point, anchor=base, mod=mod)
    if base.grain != "day":
        return Reading(None, grain, mod=mod)
    moved = Point("day", base.start).shift(steps, grain)
    if moved is None:
        return Reading(None, grain, mod=mod)
    return point_reading(containing(moved.start, grain), anchor=base, mod=mod)


def read_vague_offset(m: re.Match[str], ctx: Context) -> Reading:
    """"years ago", "months later": some time before or after, with no number."""
    direction = m["dir"].lower()
    return ref_reading("PAST_REF" if direction in ("ago", "earlier") else "FUTURE_REF")


def _financial_reference(ctx: Context, grain: Grain) -> bool:
    # "a year ago" next to "the third quarter" compares quarters, as business copy does.
    ref = ctx.reference
    return (grain == "year" and ref is not None and ref.grain in ("quarter", "half")
            and ctx.dct is not None and abs(ref.start.year - ctx.dct.year) <= 1)


def read_year_end(m: re.Match[str], ctx: Context) -> Reading:
    """"year-end": the end of the publication year."""
    if ctx.dct is None:
        return Reading(None, "year", mod="END")
    return point_reading(containing(ctx.dct, "year"), anchor=ctx.dct, mod="END")


def read_year_ago(m: re.Match[str], ctx: Context) -> Reading | None:
    """"the year-ago period", "year-earlier": the period last named, one year back."""
    base = ctx.reference
    if base is not None and base.grain in ("day", "month", "quarter", "half", "year", "season"):
        return point_reading(base.shift(-1, "year"), anchor=base)
    if ctx.dct is None:
        return Reading(None, "year")
    return point_reading(containing(ctx.dct, "year").shift(-1), anchor=ctx.dct)


def read_fiscal_year(m: re.Match[str], ctx: Context) -> Reading | None:
    """"the current fiscal year", "the latest fiscal year", "fiscal 1989" (no offset known)."""
    rel = (m["rel"] or "").lower()
    if ctx.dct is None:
        return Reading(None, "year")
    shift = {"latest": -1, "last": -1, "previous": -1, "past": -1, "prior": -1, "next": 1,
             "coming": 1, "new": 0}.get(rel, 0)
    return point_reading(containing(ctx.dct, "year").shift(shift), anchor=ctx.dct)


def read_ref(m: re.Match[str], ctx: Context) -> Reading:
    """"now", "currently", "recently", "the past", "the future"."""
    key = " ".join(m["ref"].lower().split())
    return ref_reading(TIME_REFERENCES[key])
