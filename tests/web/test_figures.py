"""The layout of figure charts and report axes, markers by geo precision, and comparisons kept
within one incident or one story: numbers in, positions and groups out, no browser."""

from __future__ import annotations

import pytest

from dateline.web.charts import figure_chart, figure_label, nice_ceiling, report_axis
from dateline.web.comparisons import changes, incident_comparisons, story_comparisons
from dateline.web.mapmarks import (
    country_level,
    event_markers,
    incident_markers,
    place_scope,
    precision_of_feature,
    regions,
    zoom,
)


def report(source, value, reported, predicate="killed", qualifier=None, low=None, high=None,
           article="a1"):
    return {"predicate": predicate, "value": value, "low": low, "high": high,
            "qualifier": qualifier, "source": source, "publisher": "Wire", "reported": reported,
            "article_id": article, "start": 0, "end": 3, "text": "107"}


TOLL = [report("civil defence", "107", "2015-09-12T10:00:00+00:00", qualifier="at least",
               low="107"),
        report("civil defence", "111", "2015-09-13T09:00:00+00:00", article="a2"),
        report("hospital", "115", "2015-09-13T09:00:00+00:00", article="a2")]


@pytest.mark.parametrize(("value", "top"), [(107, 200), (15, 20), (4, 5), (1, 1), (0, 1),
                                            (1000, 1000), (0.4, 0.5)])
def test_charts_nice_ceiling_reads_well(value, top):
    assert nice_ceiling(value) == top


@pytest.mark.parametrize(("row", "label"), [
    ({"value": "107", "qualifier": "at least", "low": "107"}, "at least 107"),
    ({"value": None, "low": "100", "high": "120"}, "100–120"),
    ({"value": "1300"}, "1,300"),
    ({"value": "107", "qualifier": "or more"}, "107 or more"),
    ({"value": None}, "?"),
    ({"value": None, "low": "2000"}, "≥ 2,000"),
    ({"value": None, "qualifier": "numerous"}, "numerous"),
])
def test_charts_figure_label_writes_the_hedge_and_range(row, label):
    assert figure_label(row) == label


def test_charts_figure_chart_places_reports_by_time_and_value():
    chart = figure_chart("killed", TOLL)
    assert chart is not None
    first, second, third = chart.points
    assert first.x < second.x == third.x  # report time left to right
    assert first.y > second.y > third.y   # larger figures higher (y grows downwards)
    assert first.bound == "lower" and second.bound == ""
    assert [t[1] for t in chart.y_ticks] == ["0", "100", "200"]
    assert [c for c, _ in chart.lines] == [chart.points[0].colour]  # one source, two reports
    assert chart.latest == "115" and chart.spread == "107–115"


def test_charts_figure_chart_without_numbers_or_dates_is_none():
    assert figure_chart("killed", [report("x", None, "2015-09-12")]) is None
    assert figure_chart("killed", [report("x", "3", None)]) is None


def test_charts_report_axis_puts_close_reports_on_separate_rows():
    axis = report_axis([
        {"article_id": "a", "published": "2015-09-11T10:00:00", "source": "AP", "title": "A"},
        {"article_id": "b", "published": "2015-09-11T10:05:00", "source": "AFP", "title": "B"},
        {"article_id": "c", "published": "2015-09-14T10:00:00", "source": "AP", "title": "C"},
        {"article_id": "d", "published": None, "source": "AP", "title": "undated"}])
    assert [r.article_id for r in axis.reports] == ["a", "b", "c"]
    assert [r.row for r in axis.reports] == [0, 1, 0]
    assert axis.reports[0].colour == axis.reports[2].colour != axis.reports[1].colour


def voiced(row):
    """A stored figure row as dateline.link's series reports write it."""
    return {"value": row["value"], "low": row["low"], "high": row["high"],
            "qualifier": row["qualifier"], "voice": row["source"], "article_id": row["article_id"],
            "reported": row["reported"], "text": row["text"]}


def test_comparisons_changes_spell_out_each_side_with_its_evidence():
    rows = [{**r, "start": 10 * i, "end": 10 * i + 3} for i, r in enumerate(TOLL)]
    series = [{"predicate": "killing",
               "revisions": [{"before": voiced(rows[0]), "after": voiced(rows[1])}],
               "disagreements": [{"first": voiced(rows[1]), "second": voiced(rows[2])}]}]
    (revision,), (disagreement,) = changes(series, rows)
    assert revision["kind"] == "killed"
    assert (revision["before"]["figure"], revision["after"]["figure"]) == ("at least 107", "111")
    assert revision["before"]["day"] == "2015-09-12" and revision["after"]["report"] == {
        "article_id": "a2", "start": 10, "end": 13}
    assert [(s["source"], s["figure"]) for s in disagreement["sides"]] == [
        ("civil defence", "111"), ("hospital", "115")]


def test_comparisons_never_cross_incidents_or_stories():
    one = {"id": "sin_1", "sub_event": "Crane collapse", "figures": TOLL}
    other = {"id": "sin_2", "sub_event": "Shuttle", "figures": [report("NASA", "6", "2015-09-12")]}
    echo = {"id": "sin_3", "sub_event": "Death", "figures": [
        report("police", "1", "2009-05-08"), report("court", "1", "2009-05-08")]}
    (group,) = incident_comparisons([one, other, echo])  # one article saying 1 twice: nothing
    assert group.scope_id == "sin_1" and len(group.reports) == 3 and group.disagree
    claims = [
        {"story_id": "s1", "story_title": "Crane", "what": "people", "predicate": "killed",
         "value": "107", "article_id": "a1", "day": "2015-09-12"},
        {"story_id": "s1", "story_title": "Crane", "what": "people", "predicate": "killing",
         "value": "111", "article_id": "a2", "day": "2015-09-13"},
        {"story_id": "s2", "story_title": "Shuttle", "what": "people", "predicate": "killed",
         "value": "6", "article_id": "a3", "day": "2015-09-12"},
        # Four vote totals in one article: never a disagreement between reports.
        *({"story_id": "s3", "story_title": "Vote", "what": "votes", "predicate": "won",
           "value": v, "article_id": "a4", "day": "2015-09-12"} for v in ("10", "20", "30")),
    ]
    (group,) = story_comparisons(claims)
    assert group.scope_id == "s1" and group.kind == "killed" and group.articles == 2


@pytest.mark.parametrize(("code", "precision"), [
    ("PPLA", 1), ("PPL", 1), (None, 1), ("ADM2", 2), ("PRK", 2), ("ADM1", 3), ("PCLI", 3),
    ("CONT", 3)])
def test_mapmarks_precision_of_a_geonames_feature(code, precision):
    assert precision_of_feature(code) == precision


def test_mapmarks_vaguer_places_get_wider_markers_drawn_first():
    spots = incident_markers([
        {"id": "i1", "lat": 21.42, "lon": 39.83, "geo_precision": 1, "location": "Mecca"},
        {"id": "i2", "lat": 24.0, "lon": 45.0, "geo_precision": 3, "location": "Saudi Arabia"},
        {"id": "i3", "lat": None, "lon": None, "geo_precision": 1}])
    assert [m.precision for m in spots] == [3, 1] and spots[0].r > spots[1].r
    assert spots[1].href == "/incidents/i1"
    events = event_markers([{"place": "Mecca", "country": "SA", "lat": 21.42, "lon": 39.83,
                             "events": 4, "types": {"ASSAULT": 4}, "feature_code": "PPLA"}],
                           lambda p: "/events?country=SA")
    assert events[0].precision == 1 and events[0].count == 4


def test_mapmarks_zoom_frames_the_markers_within_the_map():
    spots = incident_markers([{"id": "i1", "lat": 21.42, "lon": 39.83, "geo_precision": 1}])
    view, scale = zoom(spots, 960.0, 378.7)
    x, y, w, h = map(float, view.split())
    assert x <= spots[0].x <= x + w and y <= spots[0].y <= y + h
    assert x >= 0 and y >= 0 and x + w <= 960.0 and y + h <= 378.8 and 0 < scale < 1


MAP_PLACES = [
    {"place": "Europe", "country": "", "lat": 48.69, "lon": 9.14, "events": 2,
     "types": {"CONSULT": 2}, "feature_code": "CONT"},
    {"place": "Sahel", "country": None, "lat": 14.0, "lon": 0.0, "events": 1, "types": {},
     "feature_code": None},
    {"place": "United Kingdom", "country": "GB", "lat": 54.0, "lon": -2.0, "events": 3,
     "types": {"AGREE": 3}, "feature_code": "PCLI"},
    {"place": "Texas", "country": "US", "lat": 31.16, "lon": -100.1, "events": 1,
     "types": {"ACCIDENT": 1}, "feature_code": "ADM1"},
    {"place": "Paris", "country": "FR", "lat": 48.85, "lon": 2.35, "events": 2,
     "types": {"PROTEST": 2}, "feature_code": "PPLC"},
]


@pytest.mark.parametrize(("index", "scope"), [(0, "region"), (1, "region"), (2, "country"),
                                              (3, "spot"), (4, "spot")])
def test_mapmarks_place_scope_keeps_regions_and_countries_off_the_dots(index, scope):
    assert place_scope(MAP_PLACES[index]) == scope


def test_mapmarks_lists_regions_outlines_countries_and_dots_the_rest():
    def href(p):
        return f"/events?place={p['place']}"

    assert [(m.place, m.precision) for m in event_markers(MAP_PLACES, href)] == [
        ("Texas", 3), ("Paris", 1)]
    assert [(r.place, r.count, r.summary, r.href) for r in regions(MAP_PLACES, href)] == [
        ("Europe", 2, "CONSULT 2", "/events?place=Europe"), ("Sahel", 1, "", "/events?place=Sahel")]
    assert country_level(MAP_PLACES) == {"GB": 3}


def test_mapmarks_incidents_in_a_region_are_listed_not_dotted():
    incidents = [
        {"id": "i1", "lat": 48.69, "lon": 9.14, "geo_precision": 3, "location": "Europe",
         "country": "", "feature_code": "CONT", "sub_event": "Protest", "day": "2026-03-01"},
        {"id": "i2", "lat": 54.0, "lon": -2.0, "geo_precision": 3, "location": "United Kingdom",
         "country": "GB", "feature_code": "PCLI"},
        {"id": "i3", "lat": 48.85, "lon": 2.35, "geo_precision": 1, "location": "Paris",
         "country": "FR", "feature_code": "PPLC"},
    ]
    assert [m.place for m in incident_markers(incidents)] == ["United Kingdom", "Paris"]
    listed = regions(MAP_PLACES, lambda p: f"/events?place={p['place']}", incidents)
    europe = next(r for r in listed if r.place == "Europe")
    assert europe.count == 2 and europe.incidents == (("Protest (2026-03-01)", "/incidents/i1"),)
