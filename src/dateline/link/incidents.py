"""Merge, within one story, the incidents its articles report that are one real event.

Each article's incident (``records.Incident``) is one report. Reports of one story are grouped
when their type, place and date agree (every pair in a group agrees, so groups never chain two
different events through a vague third). A story incident keeps every report, and for each
figure (killed, injured...) the values by source and by report time: their spread, the latest,
the revisions ("at least 107" on the 12th, "111" on the 13th) and who disagrees with whom.
Figures are never averaged: a disagreement stays visible.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from itertools import pairwise

from dateline.records import Figure, Incident, IncidentDate, IncidentLocation, content_id

# Two located reports further apart than this are two events, whatever else they share.
SAME_PLACE_KM = 50.0
# Two reports dated to the day further apart than this are two events.
SAME_DAY_SLACK = 1


@dataclass(frozen=True, slots=True)
class IncidentReport:
    """One article's incident, with the article facts needed to order and attribute it."""

    article_id: str
    incident: Incident
    published: datetime | None = None
    # The outlet that published the article.
    outlet: str | None = None


@dataclass(frozen=True, slots=True)
class FigureReport:
    """One figure as one article gave it: value, hedge, who says so, when it was reported."""

    article_id: str
    incident_id: str
    predicate: str
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    qualifier: str | None
    text: str
    published: datetime | None
    outlet: str | None
    # Who the article says gives the figure ("police", "the Saudi civil defence"), if anyone.
    said_by: str | None

    @property
    def voice(self) -> str:
        """Return who stands behind the figure: the named source, else the outlet."""
        return self.said_by or self.outlet or self.article_id

    @property
    def amount(self) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
        """Return what is compared: the value and its bounds (the hedge word is not)."""
        return self.value, self.low, self.high


@dataclass(frozen=True, slots=True)
class Revision:
    """A figure that changed from one report time to a later one."""

    before: FigureReport
    after: FigureReport


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Two voices whose latest figures for one predicate differ."""

    first: FigureReport
    second: FigureReport


@dataclass(frozen=True, slots=True)
class FigureSeries:
    """Every report of one figure of a story incident, in report order."""

    predicate: str
    reports: tuple[FigureReport, ...]
    # The smallest and largest amount any report gives (bounds included).
    lowest: Decimal | None
    highest: Decimal | None
    latest: FigureReport
    revisions: tuple[Revision, ...]
    disagreements: tuple[Disagreement, ...]

    def by_voice(self) -> dict[str, tuple[FigureReport, ...]]:
        """Return the reports grouped by who gives them."""
        grouped: dict[str, list[FigureReport]] = {}
        for report in self.reports:
            grouped.setdefault(report.voice, []).append(report)
        return {voice: tuple(reports) for voice, reports in grouped.items()}


@dataclass(frozen=True, slots=True)
class StoryIncident:
    """One real event of a story, merged from the incidents of its articles."""

    id: str
    story_id: str
    type: str
    mode: str | None
    sub_event: str
    date: IncidentDate | None
    location: IncidentLocation | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    reports: tuple[IncidentReport, ...]
    figures: tuple[FigureSeries, ...]
    outlets: tuple[str, ...]
    first_reported: datetime | None
    last_reported: datetime | None


def _when(report: IncidentReport | FigureReport) -> tuple[int, float]:
    if report.published is None:
        return (1, 0.0)
    stamp = report.published
    return (0, stamp.timestamp() if stamp.tzinfo else stamp.replace(tzinfo=None).toordinal()
            * 86400.0 + stamp.hour * 3600 + stamp.minute * 60 + stamp.second)


def _km(a: IncidentLocation, b: IncidentLocation) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((lat2 - lat1) / 2) ** 2 + \
        math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def places_agree(a: IncidentLocation | None, b: IncidentLocation | None) -> bool:
    """Return False only when two locations name different places: other towns, other countries."""
    if a is None or b is None:
        return True
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return True
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    if a.geo_precision >= 3 or b.geo_precision >= 3:
        return True
    distance = _km(a, b)
    if distance is not None:
        return distance <= SAME_PLACE_KM or max(a.geo_precision, b.geo_precision) >= 2
    return a.name.casefold() == b.name.casefold()


def dates_agree(a: IncidentDate | None, b: IncidentDate | None) -> bool:
    """Return False only when two dates cannot be the same day (to their precision)."""
    if a is None or b is None or not a.value or not b.value:
        return True
    if a.time_precision == 1 and b.time_precision == 1 and len(a.value) >= 10 \
            and len(b.value) >= 10:
        try:
            day_a = datetime.fromisoformat(a.value[:10]).toordinal()
            day_b = datetime.fromisoformat(b.value[:10]).toordinal()
        except ValueError:
            return a.value[:10] == b.value[:10]
        return abs(day_a - day_b) <= SAME_DAY_SLACK
    shared = min(len(a.value), len(b.value), 7)
    return a.value[:shared] == b.value[:shared]


def incidents_agree(a: Incident, b: Incident) -> bool:
    """Return True when two reports can be one event: type, place and date compatible."""
    if a.type and b.type and a.type != b.type:
        return False
    return places_agree(a.location, b.location) and dates_agree(a.date, b.date)


def _figure_report(report: IncidentReport, figure: Figure) -> FigureReport:
    return FigureReport(report.article_id, report.incident.id, figure.predicate, figure.value,
                        figure.low, figure.high, figure.qualifier, figure.text, report.published,
                        report.outlet, figure.source.name or figure.source.text
                        if figure.source else None)


def _bounds(reports: Sequence[FigureReport]) -> tuple[Decimal | None, Decimal | None]:
    amounts = [v for r in reports for v in r.amount if v is not None]
    return (min(amounts), max(amounts)) if amounts else (None, None)


def _revisions(reports: Sequence[FigureReport]) -> list[Revision]:
    """Changes from the reports of one time to those of the next (same voice preferred)."""
    times = sorted({_when(r) for r in reports if r.published is not None})
    revisions: list[Revision] = []
    for previous_time, time in pairwise(times):
        before = [r for r in reports if _when(r) == previous_time]
        for report in (r for r in reports if _when(r) == time):
            if any(b.amount == report.amount for b in before):
                continue
            same_voice = [b for b in before if b.voice == report.voice]
            revisions.append(Revision((same_voice or before)[0], report))
    return revisions


def _disagreements(reports: Sequence[FigureReport]) -> list[Disagreement]:
    latest: dict[str, FigureReport] = {}
    for report in reports:
        latest[report.voice] = report
    voices = sorted(latest)
    return [Disagreement(latest[a], latest[b]) for i, a in enumerate(voices)
            for b in voices[i + 1:] if latest[a].amount != latest[b].amount]


def figure_series(reports: Sequence[IncidentReport]) -> tuple[FigureSeries, ...]:
    """Return one series per figure predicate over the reports, in report order."""
    by_predicate: dict[str, list[FigureReport]] = {}
    for report in sorted(reports, key=_when):
        for figure in report.incident.figures:
            by_predicate.setdefault(figure.predicate, []).append(_figure_report(report, figure))
    series = []
    for predicate, figures in by_predicate.items():
        lowest, highest = _bounds(figures)
        series.append(FigureSeries(predicate, tuple(figures), lowest, highest, figures[-1],
                                   tuple(_revisions(figures)), tuple(_disagreements(figures))))
    return tuple(series)


def _group(reports: Sequence[IncidentReport]) -> list[list[IncidentReport]]:
    groups: list[list[IncidentReport]] = []
    for report in sorted(reports, key=lambda r: (_when(r), r.article_id, r.incident.id)):
        for group in groups:
            if all(incidents_agree(report.incident, other.incident)
                   and other.article_id != report.article_id for other in group):
                group.append(report)
                break
        else:
            groups.append([report])
    return groups


def _most_precise_location(group: Sequence[IncidentReport]) -> IncidentLocation | None:
    located = [r.incident.location for r in group if r.incident.location is not None]
    return min(located, key=lambda loc: loc.geo_precision) if located else None


def _most_precise_date(group: Sequence[IncidentReport]) -> IncidentDate | None:
    dated = [r.incident.date for r in group if r.incident.date is not None and r.incident.date.value]
    return min(dated, key=lambda d: d.time_precision) if dated else None


def _names(refs: Sequence[Sequence[object]]) -> tuple[str, ...]:
    names = [getattr(ref, "name", None) or getattr(ref, "text", "") for group in refs
             for ref in group]
    return tuple(dict.fromkeys(n for n in names if n))


def merge_incidents(story_id: str, reports: Sequence[IncidentReport]) -> tuple[StoryIncident, ...]:
    """Return the story incidents of a story's incident reports, each keeping every report."""
    merged = []
    for group in _group(reports):
        first = group[0]
        typed = next((r.incident for r in group if r.incident.type), first.incident)
        published = [r.published for r in group if r.published is not None]
        merged.append(StoryIncident(
            id=content_id(story_id, first.article_id, first.incident.id, prefix="sin_",
                          length=16),
            story_id=story_id, type=typed.type, mode=typed.mode, sub_event=typed.sub_event,
            date=_most_precise_date(group), location=_most_precise_location(group),
            actors=_names([r.incident.actors for r in group]),
            recipients=_names([r.incident.recipients for r in group]),
            reports=tuple(group), figures=figure_series(group),
            outlets=tuple(dict.fromkeys(r.outlet for r in group if r.outlet)),
            first_reported=published[0] if published else None,
            last_reported=published[-1] if published else None))
    return tuple(merged)
