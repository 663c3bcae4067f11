"""Join neighbouring time expressions: a clock time and its day, two ends of an interval.

"9 a.m. Tuesday" is one time; "since May 2025" is an open interval from May 2025; "from March to
May" and "between 2019 and 2021" are closed intervals whose ends keep their own spans.
"""

from __future__ import annotations

import re

from dateline.stages.timex.reading import Reading
from dateline.stages.timex.spans import with_clock

Item = tuple[int, int, Reading]

_CLOCK_GLUE = re.compile(r"\s*(?:,\s*)?(?:on|at|,)?\s*$", re.IGNORECASE)
_SINCE = re.compile(r"(?<![\w-])(?:ever\s+)?since\s+$", re.IGNORECASE)
_FROM = re.compile(r"(?<![\w-])from\s+$", re.IGNORECASE)
_BETWEEN = re.compile(r"(?<![\w-])between\s+$", re.IGNORECASE)
_TO = re.compile(r"^\s*(?:to|until|till|through|thru|-|–|—)\s*$", re.IGNORECASE)
_AND = re.compile(r"^\s*and\s*$", re.IGNORECASE)
_LOOKBACK = 16


def _is_clock(reading: Reading) -> bool:
    return reading.kind == "time" and reading.point is not None and \
        reading.point.suffix.startswith("T") and ":" in reading.point.suffix


def _is_day(reading: Reading) -> bool:
    return reading.kind == "date" and reading.point is not None and \
        reading.point.grain == "day"


def join_clocks(text: str, items: list[Item]) -> list[Item]:
    """Merge a clock time with the day right before or after it into one time."""
    out: list[Item] = []
    i = 0
    while i < len(items):
        if i + 1 < len(items):
            (s1, e1, a), (s2, e2, b) = items[i], items[i + 1]
            if _CLOCK_GLUE.match(text[e1:s2]) and len(text[e1:s2]) <= 6:
                if _is_clock(a) and (_is_day(b) or (b.kind == "date" and b.value is None
                                     and b.precision == "day")):
                    out.append((s1, e2, with_clock(b, a)))
                    i += 2
                    continue
                if _is_clock(b) and (_is_day(a) or (a.kind == "date" and a.value is None
                                     and a.precision == "day")):
                    out.append((s1, e2, with_clock(a, b)))
                    i += 2
                    continue
        out.append(items[i])
        i += 1
    return out


def _is_point(reading: Reading) -> bool:
    return reading.kind in ("date", "time") and (reading.point is not None or reading.value is None) \
        and reading.precision is not None


def join_intervals(text: str, items: list[Item]) -> list[Item]:
    """Turn "since X", "from X to Y" and "between X and Y" into intervals with two parts."""
    out: list[Item] = []
    i = 0
    while i < len(items):
        start, end, reading = items[i]
        before = text[max(0, start - _LOOKBACK):start]
        if _is_point(reading) and i + 1 < len(items):
            s2, e2, second = items[i + 1]
            between = text[end:s2]
            opener = _FROM.search(before) or _BETWEEN.search(before)
            glue = _AND if opener is not None and opener.re is _BETWEEN else _TO
            if opener and _is_point(second) and glue.match(between):
                open_start = start - len(before) + opener.start()
                out.append((open_start, e2, _closed(reading, second, (start, end), (s2, e2))))
                i += 2
                continue
        since = _SINCE.search(before)
        if since and _is_point(reading):
            open_start = start - len(before) + since.start()
            value = f"{reading.value}/.." if reading.value else None
            out.append((open_start, end, Reading(value, reading.precision, "interval",
                                                 reading.mod, reading.anchor, reading.point,
                                                 ((start, end, reading),))))
            i += 1
            continue
        out.append(items[i])
        i += 1
    return out


def _closed(first: Reading, second: Reading, span1: tuple[int, int],
            span2: tuple[int, int]) -> Reading:
    value = f"{first.value}/{second.value}" if first.value and second.value else None
    return Reading(value, first.precision, "interval", None, first.anchor or second.anchor,
                   first.point, ((span1[0], span1[1], first), (span2[0], span2[1], second)))
