"""Story incidents: one real event across articles, every figure kept with its source and time."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from dateline.link import IncidentReport, merge_incidents
from dateline.records import Figure, Incident, IncidentDate, IncidentLocation, Ref

MECCA = IncidentLocation(0, 5, "Mecca", name="Mecca", geonames_id=104515, country_code="SA",
                         lat=21.43, lon=39.83, geo_precision=1)
MEDINA = IncidentLocation(0, 6, "Medina", name="Medina", geonames_id=109223, country_code="SA",
                          lat=24.47, lon=39.61, geo_precision=1)
SAUDI = IncidentLocation(0, 12, "Saudi Arabia", name="Saudi Arabia", country_code="SA",
                         lat=24.0, lon=45.0, geo_precision=3)
SEPT_11 = IncidentDate(0, 6, "Friday", value="2015-09-11", time_precision=1, found="sentence")


def killed(value: int, *, qualifier: str | None = None, source: str | None = None) -> Figure:
    ref = Ref(0, len(source), source, name=source) if source else None
    return Figure(0, 10, f"{value} killed", predicate="killed", value=Decimal(value),
                  qualifier=qualifier, source=ref)


def report(article: str, day: int, outlet: str, *figures: Figure,
           location: IncidentLocation | None = MECCA, type_: str = "ACCIDENT",
           date: IncidentDate | None = SEPT_11) -> IncidentReport:
    incident = Incident(0, 10, "crane", id=f"inc-{article}", type=type_, sub_event="collapse",
                        location=location, date=date, figures=figures)
    return IncidentReport(article, incident, datetime(2015, 9, day, 12), outlet)


def test_incidents_reports_of_one_event_merge_keeping_every_report():
    merged = merge_incidents("s1", [
        report("a", 12, "AP", killed(107, qualifier="at least", source="civil defence")),
        report("b", 13, "Reuters", killed(111, source="civil defence"), location=SAUDI),
    ])
    assert len(merged) == 1
    incident = merged[0]
    assert [r.article_id for r in incident.reports] == ["a", "b"]
    assert incident.location == MECCA  # the most precise of the reports
    assert incident.outlets == ("AP", "Reuters")


def test_incidents_figure_revision_kept_in_report_order_never_averaged():
    incident = merge_incidents("s1", [
        report("b", 13, "AP", killed(111, source="civil defence")),
        report("a", 12, "AP", killed(107, qualifier="at least", source="civil defence")),
    ])[0]
    (series,) = incident.figures
    assert [r.value for r in series.reports] == [Decimal(107), Decimal(111)]
    assert series.reports[0].qualifier == "at least"
    assert series.latest.value == Decimal(111) and series.latest.article_id == "b"
    assert (series.lowest, series.highest) == (Decimal(107), Decimal(111))
    (revision,) = series.revisions
    assert (revision.before.value, revision.after.value) == (Decimal(107), Decimal(111))
    assert revision.before.published < revision.after.published  # type: ignore[operator]
    assert series.disagreements == ()  # one voice that revised its count


def test_incidents_sources_that_disagree_are_named():
    incident = merge_incidents("s1", [
        report("a", 12, "AP", killed(107, source="civil defence")),
        report("b", 12, "Al Jazeera", killed(118, source="hospital officials")),
        report("c", 12, "BBC", killed(107)),
    ])[0]
    (series,) = incident.figures
    assert set(series.by_voice()) == {"civil defence", "hospital officials", "BBC"}
    pairs = {frozenset((d.first.voice, d.second.voice)) for d in series.disagreements}
    assert pairs == {frozenset({"civil defence", "hospital officials"}),
                     frozenset({"BBC", "hospital officials"})}
    assert series.revisions == ()  # same report time: a disagreement, not a revision


def test_incidents_same_kind_in_other_town_or_on_other_day_stay_apart():
    other_day = IncidentDate(0, 6, "Monday", value="2015-09-21", time_precision=1)
    merged = merge_incidents("s1", [
        report("a", 12, "AP", killed(107)),
        report("b", 12, "AP2", killed(3), location=MEDINA),
        report("c", 22, "AP3", killed(2), date=other_day),
        report("d", 12, "AP4", killed(5), type_="ASSAULT"),
    ])
    assert len(merged) == 4
    assert all(len(m.reports) == 1 for m in merged)


def test_incidents_two_incidents_of_one_article_stay_two():
    merged = merge_incidents("s1", [report("a", 12, "AP", killed(107)),
                                    report("a", 12, "AP", killed(2))])
    assert len(merged) == 2
