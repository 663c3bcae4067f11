"""Score where and when the incident an article reports happened, on the Gun Violence Archive.

Each article (joined to its incident on ``incident_id``) runs through the whole default
pipeline with its own publication date and URL (``uri``), as ``dateline ingest`` keeps them.
The incident it reports is the one with the most people killed and injured (the largest
killed figure plus the largest injured figure among its figures); among equals, one of
violence, an accident or a disaster, the first told.

- location: great-circle distance from the incident's location to GVA's geocoded address
  (``lat_long``); ``loc_acc_25km`` (the same town) and ``loc_acc_161km`` (100 miles) are over
  all articles, an article with no location counting as a miss; ``loc_median_km`` is over the
  located ones; ``located`` is their share.
- date: the incident's first day against GVA's ``date``; ``date_exact`` and ``date_within1``
  over all articles, an undated one counting as a miss; ``dated`` is their share.

Baselines from the same run: the first place with coordinates in the article (dateline
included) for the location, the publication day for the date. The setting ``workers``
(``DATELINE_WORKERS``) spreads the articles over that many processes; figures do not change.
An article the pipeline fails on, or that runs past ``ARTICLE_SECONDS``, counts in ``failed``
and as a miss for dateline (the baseline keeps its publication day). An article that cannot be
read at all (empty, not English: ``InputError``) is left out of the figures and counts in
``failed`` only: it is no report for either side to place.
"""

from __future__ import annotations

import signal
import statistics
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from dateline.errors import InputError
from dateline.eval import EvalResult
from dateline.eval.gva import find_sets, read_reports
from dateline.ingest.article import make_article
from dateline.pipeline import Pipeline
from dateline.records import Article, Doc, Incident
from dateline.settings import DEFAULT_STAGES, Settings
from dateline.stages.incidents.dates import day_of
from dateline.stages.incidents.grouping import distance_km

HARM_TYPES = frozenset({"ASSAULT", "ACCIDENT", "DISASTER"})
TOWN_KM = 25.0
REGION_KM = 161.0


@dataclass(frozen=True)
class Case:
    """One article with the gold place and day of the incident it reports."""

    article_id: str
    text: str
    published: str | None
    title: str | None
    day: date | None
    point: tuple[float, float] | None
    url: str | None = None


@dataclass
class Tally:
    """Distances and day differences of one predictor over all articles."""

    n: int = 0
    distances: list[float] = field(default_factory=list)
    day_errors: list[int] = field(default_factory=list)
    with_point: int = 0
    with_day: int = 0

    def add(self, case: Case, point: tuple[float, float] | None, day: date | None) -> None:
        self.n += 1
        if case.point is not None:
            self.with_point += 1
            if point is not None:
                self.distances.append(distance_km(point, case.point))
        if case.day is not None:
            self.with_day += 1
            if day is not None:
                self.day_errors.append(abs((day - case.day).days))

    def as_dict(self, prefix: str = "") -> dict[str, float | int]:
        def share(x: int, n: int) -> float:
            return round(x / n, 4) if n else 0.0
        near = sum(d <= TOWN_KM for d in self.distances)
        region = sum(d <= REGION_KM for d in self.distances)
        median = round(statistics.median(self.distances), 1) if self.distances else 0.0
        return {
            f"{prefix}loc_acc_25km": share(near, self.with_point),
            f"{prefix}loc_acc_161km": share(region, self.with_point),
            f"{prefix}loc_median_km": median,
            f"{prefix}located": share(len(self.distances), self.with_point),
            f"{prefix}date_exact": share(sum(e == 0 for e in self.day_errors), self.with_day),
            f"{prefix}date_within1": share(sum(e <= 1 for e in self.day_errors), self.with_day),
            f"{prefix}dated": share(len(self.day_errors), self.with_day),
        }


def _gold_day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    for fmt in ("%B %d, %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    return None


def _gold_point(value: object) -> tuple[float, float] | None:
    if isinstance(value, list | tuple) and len(value) == 2 and all(
            isinstance(v, int | float) for v in value):
        return float(value[0]), float(value[1])
    return None


def read_cases(folder: Path) -> Iterator[Case]:
    """Yield the articles of a GVA folder joined to their incidents' gold place and day."""
    for report in read_reports(folder):
        yield Case(report.id, report.text, report.published, report.title,
                   _gold_day(report.incident.get("date")),
                   _gold_point(report.incident.get("lat_long")), report.url)


def _largest(incident: Incident, kind: str) -> Decimal:
    values = [f.value if f.value is not None else f.high for f in incident.figures
              if f.predicate == kind]
    return max((v for v in values if v is not None), default=Decimal(0))


def reported_incident(incidents: Sequence[Incident]) -> Incident | None:
    """Return the incident an article reports: the most people killed and injured."""
    if not incidents:
        return None
    order = {i.id: n for n, i in enumerate(incidents)}
    return max(incidents, key=lambda i: (_largest(i, "killed") + _largest(i, "injured"),
                                         i.type in HARM_TYPES, -order[i.id]))


def first_place(doc: Doc) -> tuple[float, float] | None:
    """Return the coordinates of the first place with coordinates in the article."""
    for place in sorted(doc.places, key=lambda p: p.start):
        if place.lat is not None and place.lon is not None:
            return place.lat, place.lon
    return None


def _articles(cases: Sequence[Case]) -> Iterator[Article | None]:
    for case in cases:
        try:
            yield make_article(case.text, published=case.published, title=case.title,
                               url=case.url, check_language=False, name=case.article_id)
        except InputError:
            yield None


Point = tuple[float, float]
# What one article yields: the incident's point and day, and the baseline's first place; None
# when the pipeline failed on it.
Prediction = tuple[Point | None, date | None, Point | None] | None
_PIPELINE: Pipeline | None = None
_CHUNK = 20
# An article still running after this many seconds counts as failed (and as a miss).
ARTICLE_SECONDS = 120


def predict(doc: Doc) -> Prediction:
    """Return the reported incident's point and day, and the first place's point."""
    incident = reported_incident(doc.incidents)
    location = incident.location if incident else None
    point = (location.lat, location.lon) if location is not None and \
        location.lat is not None and location.lon is not None else None
    day = day_of(incident.date.value) if incident and incident.date else None
    return point, day, first_place(doc)


def _start(settings: Settings) -> None:
    global _PIPELINE
    _PIPELINE = Pipeline.from_settings(settings)


class _TooSlow(Exception):
    """An article ran past ARTICLE_SECONDS."""


def _alarm(signum: int, frame: object) -> None:
    raise _TooSlow


def _predict_one(article: Article) -> Prediction:
    """Return the prediction for one article, or None when the pipeline fails or runs past
    ARTICLE_SECONDS (a few very long pages make a stage walk the parse for minutes)."""
    assert _PIPELINE is not None, "worker started without its pipeline"
    previous = signal.signal(signal.SIGALRM, _alarm)
    # The alarm repeats each second once due: the pipeline retries a failed batch one article
    # at a time, and the retry must be cut short too.
    signal.setitimer(signal.ITIMER_REAL, ARTICLE_SECONDS, 1)
    try:
        # A stage cut short by the alarm is recorded as a failure, like any other.
        doc = next(iter(_PIPELINE.pipe([article], on_error="record")))
    except _TooSlow:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return predict(doc) if isinstance(doc, Doc) else None


def _predict_chunk(articles: list[Article]) -> list[Prediction]:
    return [_predict_one(a) for a in articles]


def predictions(articles: list[Article], settings: Settings) -> Iterator[Prediction]:
    """Yield one prediction per article, in order; ``settings.workers`` processes share them."""
    chunks = [articles[n:n + _CHUNK] for n in range(0, len(articles), _CHUNK)]
    if settings.workers <= 1:
        _start(settings)
        for chunk in chunks:
            yield from _predict_chunk(chunk)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(settings.workers, initializer=_start,
                             initargs=(settings,)) as pool:
        for found in pool.map(_predict_chunk, chunks):
            yield from found


def run(data: Path, *, limit: int | None, settings: Settings) -> list[EvalResult]:
    """Score incident location and date for each GVA folder found under ``data``."""
    stages = settings.stages if "incidents" in settings.stages else DEFAULT_STAGES
    settings = replace(settings, stages=stages)
    results = []
    for folder in find_sets(data):
        cases = list(read_cases(folder))[:limit]
        ours, baseline = Tally(), Tally()
        articles = list(_articles(cases))
        kept = [(c, a) for c, a in zip(cases, articles, strict=True) if a is not None]
        failed = len(cases) - len(kept)
        found = predictions([a for _, a in kept], settings)
        for (case, article), prediction in zip(kept, found, strict=True):
            published = article.published.date() if article.published else None
            if prediction is None:
                failed += 1
                ours.add(case, None, None)
                baseline.add(case, None, published)
                continue
            point, day, first = prediction
            ours.add(case, point, day)
            baseline.add(case, first, published)
        metrics: dict[str, float | int] = ours.as_dict()
        metrics |= baseline.as_dict("baseline_")
        metrics["failed"] = failed
        results.append(EvalResult("incidents", f"Gun Violence Archive ({folder.name})", ours.n,
                                  metrics))
    return results
