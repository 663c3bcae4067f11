"""When an incident happened, from the most direct evidence: a time expression of its own
clause, of its sentences, of the article's lead, the dateline's date, the first day the
article names in the week before publication, else the publication day.

A coarse date ("in February", "the weekend") is refined by a finer one inside it named in the
article ("Feb. 6", "Saturday night"); of two days a sentence names, the earlier is the
happening's. A bare clock time ("around 2 a.m.") says no
day: the times stage anchors it on the publication day, so it is passed over for the day; and
a page's own time stamp ("Posted: Monday, March 31, 2014 3:48 PM EDT") is no evidence either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from dateline.records import Doc, IncidentDate, Span, TimeRef
from dateline.resources.incidents import TIME_PRECISION
from dateline.stages.events.circumstances import time_bounds
from dateline.stages.incidents.grouping import Group, Sentences

# Sentences of the body that make its lead.
LEAD_SENTENCES = 3
# A bare year this many years before publication is read as a clock time, not a date.
OLD_YEARS = 100
# Days before publication within which a day named anywhere in the article may date its lead.
RECENT_DAYS = 7
_DAY_PRECISIONS = frozenset({"second", "minute", "hour", "day"})
_CLOCK = re.compile(r"(?:about|around|approximately|at|just|shortly|before|after|\s)*"
                    r"(?:\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?|o'clock|hours)?|noon|midnight)",
                    re.IGNORECASE)
_STAMP = re.compile(r"\b(?:19|20)\d\d\b.*\d{1,2}:\d{2}", re.DOTALL)


def says_day(time: TimeRef, published: datetime | None) -> bool:
    """Return False for a bare clock time and for a page's own time stamp."""
    if _CLOCK.fullmatch(time.text.strip()):
        return False
    stamped = bool(published and (time.value or "").startswith(published.date().isoformat()))
    return not (stamped and _STAMP.search(time.text))


def _usable(value: str | None, published: datetime | None) -> bool:
    """Return True for a value with a calendar anchor that does not start after publication,
    and is no bare year centuries back: "1100" and "1500" in police copy are clock times."""
    bounds = time_bounds(value)
    if bounds is None:
        return False
    if published is None:
        return True
    if value and value.isdigit() and bounds[0].year < published.year - OLD_YEARS:
        return False
    return bounds[0] <= published.date()


def _value(time: TimeRef | Span, value: str, precision: str | None) -> str:
    return value[:10] if precision in _DAY_PRECISIONS and "/" not in value else value


def _from_time(time: Span, value: str, precision: str | None, found: str) -> IncidentDate:
    level = TIME_PRECISION.get(precision or "", 3)
    if "/" in value:
        bounds = time_bounds(value)
        level = 1 if bounds and bounds[0] == bounds[1] else 3
    return IncidentDate(time.start, time.end, time.text, value=_value(time, value, precision),
                        time_precision=level, found=found)  # type: ignore[arg-type]


def _best(times: Iterable[TimeRef], near: int, earliest: bool = False) -> TimeRef | None:
    """Return the finest time, the nearest to ``near`` among equals; with ``earliest``, the
    earliest day first: a sentence that names two days tells of the happening, then of what
    followed it ("shot at 3:30 a.m. Saturday ... police said Sunday")."""
    found = list(times)
    if not found:
        return None

    def key(t: TimeRef) -> tuple[int, date, int]:
        bounds = time_bounds(t.value)
        first = bounds[0] if bounds and earliest else date.min
        return TIME_PRECISION.get(t.precision or "", 3), first, abs(t.start - near)
    return min(found, key=key)


def incident_date(doc: Doc, group: Group, sentences: Sentences) -> IncidentDate | None:
    """Return the incident's date and how it was found; None with no publication date either."""
    published = doc.article.published
    at = group.events[0].trigger.start if group.events and group.events[0].trigger else \
        group.cue.start if group.cue else 0
    times = [t for t in doc.times if t.value and t.kind in ("date", "time", "interval")
             and _usable(t.value, published) and says_day(t, published)]
    starts = {(e.time.start, e.time.end) for e in group.events
              if e.time is not None and e.time.text}
    own = [t for t in times if (t.start, t.end) in starts]
    spans = [s for n in sorted(group.sentences) if (s := sentences.span(n)) is not None]
    in_sentences = [t for t in times if any(s.start <= t.start < s.end for s in spans)]
    lead = lead_of(doc, group, sentences)
    in_lead = [t for t in times if lead is not None and lead.start <= t.start < lead.end]
    levels: Sequence[tuple[str, list[TimeRef]]] = (
        ("clause", own), ("sentence", in_sentences), ("lead", in_lead))
    for found, found_times in levels:
        chosen = _best(found_times, at, earliest=found != "clause")
        if chosen is None:
            continue
        if TIME_PRECISION.get(chosen.precision or "", 3) > 1:
            # "the weekend" or "in February", told more precisely elsewhere in the article.
            finer = _finer(chosen, times, at)
            if finer is not None:
                return _from_time(finer, finer.value or "", finer.precision, found)
        return _from_time(chosen, chosen.value or "", chosen.precision, found)
    dateline = doc.article.dateline
    if dateline is not None and dateline.date and _usable(dateline.date, published):
        bounds = time_bounds(dateline.date)
        precise = bounds is not None and bounds[0] == bounds[1]
        return IncidentDate(dateline.start, dateline.end, dateline.text, value=dateline.date,
                            time_precision=1 if precise else 3, found="dateline")
    if published is not None:
        # A happening dated nowhere near its mentions, in the lead or told further down (a local
        # story tells of one happening, and its later sentences of the same one): the first
        # day named in the article within the week before publication is most often its day.
        recent = [t for t in times if t.precision in _DAY_PRECISIONS
                  and (b := time_bounds(t.value)) is not None
                  and 0 <= (published.date() - b[0]).days <= RECENT_DAYS]
        if recent:
            first = min(recent, key=lambda t: t.start)
            return IncidentDate(first.start, first.end, first.text,
                                value=(first.value or "")[:10], time_precision=2,
                                found="article")
    if published is not None:
        # Reported news tells of the last days: the publication day, known to the week.
        return IncidentDate(0, 0, "", value=published.date().isoformat(), time_precision=2,
                            found="published")
    return None


def _finer(coarse: TimeRef, times: Sequence[TimeRef], near: int) -> TimeRef | None:
    """Return the finest time inside a coarse one's bounds ("Feb. 6" inside "February")."""
    bounds = time_bounds(coarse.value)
    if bounds is None:
        return None
    level = TIME_PRECISION.get(coarse.precision or "", 3)
    inside = [t for t in times if TIME_PRECISION.get(t.precision or "", 3) < level
              and (b := time_bounds(t.value)) is not None
              and bounds[0] <= b[0] and b[1] <= bounds[1]]
    return _best(inside, near)


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
