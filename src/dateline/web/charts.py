"""Lay out the small charts of the story and incident pages: each figure over report time, one
colour per source, and the reports of a story on a time axis.

The layout is computed here and drawn by the templates as inline SVG (no script, no library):
a chart is numbers in, coordinates out, so it is tested without a browser. Every report is a
point of its own; nothing is averaged. A range ("between 100 and 120") is a vertical bar, a
lower bound ("at least 107") an open point with a caret above it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from dateline.web.marks import format_number

CHART_WIDTH = 360
CHART_HEIGHT = 150
AXIS_WIDTH = 640
# Room for the value labels on the left and the day labels below.
LEFT, RIGHT, TOP, BOTTOM = 44, 14, 12, 26
SOURCE_COLOURS = 8  # CSS classes src-0 .. src-7
LOWER_BOUNDS = frozenset({"at least", "more than", "over", "above", "upwards of", "no fewer than",
                          "not less than", "in excess of", "or more", "plus"})
# Hedges written after the number: "107 or more".
AFTER_NUMBER = frozenset({"or more", "or so", "or less", "or fewer", "plus"})
UPPER_BOUNDS = frozenset({"at most", "up to", "fewer than", "less than", "under", "below",
                          "no more than", "nearly", "almost"})


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One report of a figure, placed on the chart."""

    x: float
    y: float
    source: str
    colour: int
    label: str           # "at least 107"
    day: str
    bound: str           # "lower", "upper" or "" (exact or a range)
    y_low: float | None  # the ends of a range, when the report gives one
    y_high: float | None
    article_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class FigureChart:
    """One figure (killed, injured...) of one incident over report time."""

    predicate: str
    width: int
    height: int
    points: tuple[ChartPoint, ...]
    lines: tuple[tuple[int, str], ...]       # (colour, SVG points) joining one source's reports
    y_ticks: tuple[tuple[float, str], ...]   # (y, label)
    x_ticks: tuple[tuple[float, str], ...]   # (x, day)
    sources: tuple[tuple[int, str], ...]     # (colour, source) for the legend
    latest: str                              # the latest report's figure, "111"
    spread: str                              # "107–111", or "" when every report agrees


@dataclass(frozen=True, slots=True)
class AxisReport:
    """One article of a story on the time axis of its reports."""

    x: float
    row: int
    article_id: str
    title: str
    source: str
    colour: int
    published: str


@dataclass(frozen=True, slots=True)
class ReportAxis:
    width: int
    height: int
    reports: tuple[AxisReport, ...]
    ticks: tuple[tuple[float, str], ...]


def number(value: Any) -> Decimal | None:
    """Read a stored decimal ("107", Decimal) or None."""
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def when(value: Any) -> datetime | None:
    """Read a report time: an ISO date or date-time (naive ones taken as UTC), else None."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and value:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    else:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def source_colours(sources: Iterable[str]) -> dict[str, int]:
    """Give each source a colour class in order of first appearance, shared by a page's charts."""
    out: dict[str, int] = {}
    for source in sources:
        if source not in out:
            out[source] = len(out) % SOURCE_COLOURS
    return out


def source_of(report: Mapping[str, Any]) -> str:
    """Who gives a figure: the source named in the text, else the publisher."""
    return str(report.get("source") or report.get("publisher") or "not attributed")


def figure_label(report: Mapping[str, Any]) -> str:
    """A report's figure as written: "at least 107", "107 or more", "100–120", "≥ 2,000" (a
    bound with no word for it), "numerous" (a word with no number)."""
    low, high, value = (number(report.get(k)) for k in ("low", "high", "value"))
    qualifier = (report.get("qualifier") or "").strip()
    if low is not None and high is not None and low != high:
        text = f"{format_number(low)}–{format_number(high)}"
    elif value is not None or (low is not None and high is not None):
        text = format_number(value if value is not None else low)
    elif low is not None:
        text = format_number(low) if qualifier else f"≥ {format_number(low)}"
    elif high is not None:
        text = format_number(high) if qualifier else f"≤ {format_number(high)}"
    else:
        return qualifier or "?"
    if not qualifier or qualifier == text:
        return text
    return f"{text} {qualifier}" if qualifier.lower() in AFTER_NUMBER else f"{qualifier} {text}"


def _central(report: Mapping[str, Any]) -> Decimal | None:
    value = number(report.get("value"))
    if value is not None:
        return value
    low, high = number(report.get("low")), number(report.get("high"))
    if low is not None and high is not None:
        return (low + high) / 2
    return low if low is not None else high


def _bound(report: Mapping[str, Any]) -> str:
    qualifier = (report.get("qualifier") or "").strip().lower()
    low, high = number(report.get("low")), number(report.get("high"))
    if low is not None and high is not None and low != high:
        return ""
    if qualifier in LOWER_BOUNDS:
        return "lower"
    if qualifier in UPPER_BOUNDS:
        return "upper"
    return ""


def nice_ceiling(value: float) -> float:
    """Round up to 1, 2 or 5 times a power of ten, so the top tick reads well (107 -> 200)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def _x_scale(times: Sequence[datetime], left: float, right: float
             ) -> tuple[list[float], list[tuple[float, str]]]:
    """Place the times between ``left`` and ``right``; one time alone goes in the middle."""
    first, last = min(times), max(times)
    span = (last - first).total_seconds()
    if span <= 0:
        middle = round((left + right) / 2, 1)
        return [middle] * len(times), [(middle, first.date().isoformat())]
    xs = [round(left + (t - first).total_seconds() / span * (right - left), 1) for t in times]
    ticks = [(round(left, 1), first.date().isoformat()), (round(right, 1), last.date().isoformat())]
    if ticks[0][1] == ticks[1][1]:
        ticks = [(round((left + right) / 2, 1), first.date().isoformat())]
    return xs, ticks


def figure_chart(predicate: str, reports: Sequence[Mapping[str, Any]],
                 colours: Mapping[str, int] | None = None, *, width: int = CHART_WIDTH,
                 height: int = CHART_HEIGHT) -> FigureChart | None:
    """Lay out one figure's reports: x the report time, y the figure from 0 up, one colour per
    source, a line joining each source's successive reports. None when no report has a number.

    ``reports`` carry ``value``, ``low``, ``high``, ``qualifier``, ``source`` (or
    ``publisher``), ``reported`` (or ``day``), ``article_id`` and the evidence ``start``,
    ``end``, ``text``.
    """
    usable = [(r, when(r.get("reported")) or when(r.get("day"))) for r in reports
              if _central(r) is not None]
    dated = [(r, t) for r, t in usable if t is not None]
    if not dated:
        return None
    dated.sort(key=lambda rt: (rt[1], source_of(rt[0])))
    colours = dict(colours) if colours is not None else source_colours(
        source_of(r) for r, _ in dated)
    for r, _ in dated:
        colours.setdefault(source_of(r), len(colours) % SOURCE_COLOURS)
    top_value = max(float(max(number(r.get(k)) or Decimal(0) for k in ("value", "low", "high")))
                    for r, _ in dated)
    top = nice_ceiling(top_value)
    inner = height - TOP - BOTTOM

    def y_of(value: Decimal | None) -> float | None:
        return None if value is None else round(TOP + inner * (1 - float(value) / top), 1)

    xs, x_ticks = _x_scale([t for _, t in dated], LEFT + 8, width - RIGHT - 8)
    points = []
    for (r, t), x in zip(dated, xs, strict=True):
        source = source_of(r)
        low, high = number(r.get("low")), number(r.get("high"))
        ranged = low is not None and high is not None and low != high
        y = y_of(_central(r))
        assert y is not None
        points.append(ChartPoint(
            x=x, y=y, source=source, colour=colours[source], label=figure_label(r),
            day=(t.date().isoformat()), bound=_bound(r),
            y_low=y_of(low) if ranged else None, y_high=y_of(high) if ranged else None,
            article_id=str(r.get("article_id") or ""), start=int(r.get("start") or 0),
            end=int(r.get("end") or 0), text=str(r.get("text") or "")))
    lines = []
    for source, colour in colours.items():
        own = [p for p in points if p.source == source]
        if len({p.x for p in own}) > 1:
            lines.append((colour, " ".join(f"{p.x:g},{p.y:g}" for p in own)))
    middle = nice_ceiling(top / 2) if top >= 2 else None
    y_ticks = [(float(TOP + inner), "0"), (float(TOP), format_number(Decimal(str(top))))]
    if middle is not None and middle < top:
        y_ticks.insert(1, (round(TOP + inner * (1 - middle / top), 1),
                           format_number(Decimal(str(middle)))))
    values = sorted({_central(r) for r, _ in dated}, key=lambda d: d or 0)
    spread = "" if len(values) < 2 else f"{format_number(values[0])}–{format_number(values[-1])}"
    return FigureChart(
        predicate=predicate, width=width, height=height, points=tuple(points),
        lines=tuple(lines), y_ticks=tuple(y_ticks), x_ticks=tuple(x_ticks),
        sources=tuple(sorted(((c, s) for s, c in colours.items()
                              if any(p.source == s for p in points)), key=lambda cs: cs[0])),
        latest=points[-1].label, spread=spread)


def figure_charts(reports: Sequence[Mapping[str, Any]], colours: Mapping[str, int] | None = None
                  ) -> list[FigureChart]:
    """One chart per figure (predicate) of an incident, the most reported first."""
    by_predicate: dict[str, list[Mapping[str, Any]]] = {}
    for report in reports:
        by_predicate.setdefault(str(report.get("predicate") or "figure"), []).append(report)
    charts = [figure_chart(p, rs, colours) for p, rs in
              sorted(by_predicate.items(), key=lambda kv: (-len(kv[1]), kv[0]))]
    return [c for c in charts if c is not None]


def report_axis(articles: Sequence[Mapping[str, Any]], colours: Mapping[str, int] | None = None,
                *, width: int = AXIS_WIDTH) -> ReportAxis:
    """Place a story's articles on one time axis by publication time.

    Articles published close together (within a label's width) go on separate rows, so
    their dots and labels do not cover each other. ``articles`` carry ``article_id``,
    ``title``, ``source`` and ``published``.
    """
    dated = [(a, when(a.get("published")) or when(a.get("day"))) for a in articles]
    placed = sorted(((a, t) for a, t in dated if t is not None), key=lambda at: at[1])
    if not placed:
        return ReportAxis(width, 0, (), ())
    colours = dict(colours) if colours is not None else source_colours(
        str(a.get("source") or "unknown") for a, _ in placed)
    xs, ticks = _x_scale([t for _, t in placed], 16, width - 16)
    rows_end: list[float] = []
    reports = []
    gap = 28.0
    for (a, t), x in zip(placed, xs, strict=True):
        row = next((i for i, end in enumerate(rows_end) if x - end >= gap), len(rows_end))
        if row == len(rows_end):
            rows_end.append(x)
        rows_end[row] = x
        source = str(a.get("source") or "unknown")
        colours.setdefault(source, len(colours) % SOURCE_COLOURS)
        reports.append(AxisReport(x=x, row=row, article_id=str(a.get("article_id") or ""),
                                  title=str(a.get("title") or a.get("article_id") or ""),
                                  source=source, colour=colours[source],
                                  published=t.isoformat(timespec="minutes")))
    height = 30 + 14 * len(rows_end)
    return ReportAxis(width, height, tuple(reports), tuple(ticks))


# The time axis of a list of events: counts per day, week, month or year ---------------------

TIME_AXIS_WIDTH = 900
TIME_AXIS_HEIGHT = 190
# The longest span (in days) each unit draws; beyond the month, years.
_UNITS = (("day", 62), ("week", 7 * 105), ("month", 366 * 16))


@dataclass(frozen=True, slots=True)
class AxisSegment:
    """One type's part of a bar: its count, where it is drawn, and the rows it links to."""

    type: str
    count: int
    y: float
    height: float


@dataclass(frozen=True, slots=True)
class AxisBar:
    """One day, week, month or year of the range; an empty one draws nothing (a gap)."""

    since: str       # the first day it covers, as a filter value (2026-03-02, 2026-03, 2026)
    until: str       # the last, as a filter value
    label: str
    x: float
    width: float
    total: int
    segments: tuple[AxisSegment, ...]


@dataclass(frozen=True, slots=True)
class TimeAxis:
    """Events counted per ``unit`` over the whole range they span, stacked by type."""

    unit: str
    width: int
    height: int
    bars: tuple[AxisBar, ...]
    y_ticks: tuple[tuple[float, str], ...]
    x_ticks: tuple[tuple[float, str], ...]
    types: tuple[tuple[str, int], ...]    # every type and its count, undated rows included
    undated: int
    first: str
    last: str


def time_unit(first: date, last: date) -> str:
    """The unit that draws ``first`` to ``last`` in a readable number of bars."""
    span = (last - first).days
    return next((unit for unit, most in _UNITS if span <= most), "year")


def bucket_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    if unit == "year":
        return day.replace(month=1, day=1)
    return day


def _next_bucket(start: date, unit: str) -> date:
    if unit == "day":
        return start + timedelta(days=1)
    if unit == "week":
        return start + timedelta(days=7)
    if unit == "month":
        return (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return start.replace(year=start.year + 1)


def _bounds(start: date, unit: str) -> tuple[str, str, str]:
    """(since, until, label) of the bucket starting at ``start``."""
    if unit == "year":
        return str(start.year), str(start.year), str(start.year)
    if unit == "month":
        text = start.strftime("%Y-%m")
        return text, text, text
    end = _next_bucket(start, unit) - timedelta(days=1)
    label = start.isoformat() if unit == "day" else f"week of {start.isoformat()}"
    return start.isoformat(), end.isoformat(), label


def _day(text: str) -> date | None:
    """The first day of ``2026-03-20``, ``2026-03`` or ``2026``; None for anything else."""
    padded = text + {4: "-01-01", 7: "-01"}.get(len(text), "")
    try:
        return date.fromisoformat(padded[:10])
    except ValueError:
        return None


def axis_unit(first: str, last: str) -> str | None:
    """The unit of the time axis from the day ``first`` to the day ``last``."""
    start, end = _day(first), _day(last)
    return time_unit(start, end) if start is not None and end is not None else None


def time_axis(counts: Sequence[tuple[str, str, int]], unit: str | None = None
              ) -> TimeAxis | None:
    """Lay out (day, type, count) rows as stacked bars over every bucket of their range;
    None when no row has a day. Rows without a usable day are counted in ``undated``. The
    days may be months or years already ("2026-03", "2026"); ``unit`` then says which."""
    totals: dict[str, int] = {}
    per_bucket: dict[date, dict[str, int]] = {}
    dated = [(d, t, n) for text, t, n in counts if (d := _day(text)) is not None]
    undated = sum(n for text, _t, n in counts if _day(text) is None)
    for _text, type_, n in counts:
        totals[type_] = totals.get(type_, 0) + n
    if not dated:
        return None
    unit = unit or time_unit(min(d for d, _, _ in dated), max(d for d, _, _ in dated))
    for day, type_, n in dated:
        bucket = per_bucket.setdefault(bucket_start(day, unit), {})
        bucket[type_] = bucket.get(type_, 0) + n
    starts = [bucket_start(min(per_bucket), unit)]
    while starts[-1] < max(per_bucket):
        starts.append(_next_bucket(starts[-1], unit))
    busiest = max(sum(b.values()) for b in per_bucket.values())
    top = nice_ceiling(busiest)
    plot_w = TIME_AXIS_WIDTH - LEFT - RIGHT
    plot_h = TIME_AXIS_HEIGHT - TOP - BOTTOM
    step = plot_w / len(starts)
    order = [t for t, _ in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))]
    bars = []
    for i, start in enumerate(starts):
        found = per_bucket.get(start, {})
        y = float(TOP + plot_h)
        segments = []
        for type_ in order:
            if found.get(type_):
                height = found[type_] / top * plot_h
                y -= height
                segments.append(AxisSegment(type_, found[type_], round(y, 1), round(height, 1)))
        since, until, label = _bounds(start, unit)
        bars.append(AxisBar(since, until, label, round(LEFT + i * step, 1),
                            round(max(step * 0.86, 0.6), 1), sum(found.values()),
                            tuple(segments)))
    every = max(1, math.ceil(len(starts) / 8))
    x_ticks = tuple((round(b.x + b.width / 2, 1), b.since) for b in bars[::every])
    y_ticks = tuple((round(TOP + plot_h - v / top * plot_h, 1), format_number(Decimal(int(v))))
                    for v in (0, top / 2, top) if v == int(v))
    return TimeAxis(unit, TIME_AXIS_WIDTH, TIME_AXIS_HEIGHT, tuple(bars), y_ticks, x_ticks,
                    tuple((t, totals[t]) for t in order), undated, bars[0].since, bars[-1].until)
