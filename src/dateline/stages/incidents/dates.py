"""When an incident happened, from the most direct evidence: a time expression of its own
clause, of its sentences, of the article's lead, the dateline's date, else the publication day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from dateline.records import Doc, IncidentDate, Span, TimeRef
from dateline.resources.incidents import TIME_PRECISION
from dateline.stages.events.circumstances import time_bounds
from dateline.stages.incidents.grouping import Group, Sentences

# Sentences of the body that make its lead.
LEAD_SENTENCES = 3
_DAY_PRECISIONS = frozenset({"second", "minute", "hour", "day"})


def _usable(value: str | None, published: datetime | None) -> bool:
    """Return True for a value with a calendar anchor that does not start after publication."""
    bounds = time_bounds(value)
    if bounds is None:
        return False
    return published is None or bounds[0] <= published.date()


def _value(time: TimeRef | Span, value: str, precision: str | None) -> str:
    return value[:10] if precision in _DAY_PRECISIONS and "/" not in value else value


def _from_time(time: Span, value: str, precision: str | None, found: str) -> IncidentDate:
    level = TIME_PRECISION.get(precision or "", 3)
    if "/" in value:
        bounds = time_bounds(value)
        level = 1 if bounds and bounds[0] == bounds[1] else 3
    return IncidentDate(time.start, time.end, time.text, value=_value(time, value, precision),
                        time_precision=level, found=found)  # type: ignore[arg-type]


def _best(times: Iterable[TimeRef], near: int) -> TimeRef | None:
    """Return the finest time, the nearest to ``near`` among equals."""
    found = list(times)
    if not found:
        return None
    return min(found, key=lambda t: (TIME_PRECISION.get(t.precision or "", 3), abs(t.start - near)))


def incident_date(doc: Doc, group: Group, sentences: Sentences) -> IncidentDate | None:
    """Return the incident's date and how it was found; None with no publication date either."""
    published = doc.article.published
    at = group.events[0].trigger.start if group.events and group.events[0].trigger else \
        group.cue.start if group.cue else 0
    own = [e.time for e in group.events if e.time is not None and e.time.text and e.time.value
           and _usable(e.time.value, published)]
    if own:
        first = min(own, key=lambda t: (TIME_PRECISION.get(t.precision or "", 3), t.start))
        return _from_time(first, first.value or "", first.precision, "clause")
    times = [t for t in doc.times if t.value and t.kind in ("date", "time", "interval")
             and _usable(t.value, published)]
    spans = [s for n in sorted(group.sentences) if (s := sentences.span(n)) is not None]
    chosen = _best((t for t in times if any(s.start <= t.start < s.end for s in spans)), at)
    if chosen is not None:
        return _from_time(chosen, chosen.value or "", chosen.precision, "sentence")
    lead = lead_of(doc, group, sentences)
    if lead is not None:
        chosen = _best((t for t in times if lead.start <= t.start < lead.end), at)
        if chosen is not None:
            return _from_time(chosen, chosen.value or "", chosen.precision, "lead")
    dateline = doc.article.dateline
    if dateline is not None and dateline.date and _usable(dateline.date, published):
        bounds = time_bounds(dateline.date)
        precise = bounds is not None and bounds[0] == bounds[1]
        return IncidentDate(dateline.start, dateline.end, dateline.text, value=dateline.date,
                            time_precision=1 if precise else 3, found="dateline")
    if published is not None:
        # Reported news tells of the last days: the publication day, known to the week.
        return IncidentDate(0, 0, "", value=published.date().isoformat(), time_precision=2,
                            found="published")
    return None


def lead_of(doc: Doc, group: Group, sentences: Sentences) -> Span | None:
    """Return the lead when the incident is told in it: the lead's time and place are those
    of the happening it opens with, not of one told further down."""
    lead = _lead(doc, sentences)
    if lead is None or not any(lead.start <= s.start < lead.end for n in group.sentences
                               if (s := sentences.span(n)) is not None):
        return None
    return lead


def _lead(doc: Doc, sentences: Sentences) -> Span | None:
    """Return the span of the body's first sentences (after any printed dateline)."""
    body = doc.article.body_start
    first = sentences.index(body)
    spans = [s for n in range(first, first + LEAD_SENTENCES) if (s := sentences.span(n))]
    if not spans:
        return None
    return Span(spans[0].start, spans[-1].end, "")


def day_of(value: str | None) -> date | None:
    """Return the first day a date value covers, or None."""
    bounds = time_bounds(value)
    return bounds[0] if bounds else None
