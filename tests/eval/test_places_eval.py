"""The places scorer on tiny hand-written gold files in the LGL, GeoVirus and GeoWebNews formats."""

from pathlib import Path

import pytest

from dateline.eval import places as ev
from dateline.records import Place
from dateline.resources.geo import open_gazetteer
from dateline.settings import Settings

GEO = Path(__file__).resolve().parents[1] / "fixtures" / "geo"


def docs(name, kind):
    return ev.read_gold(GEO / name, kind)


def test_places_eval_finds_each_format_by_content():
    found = {(name, kind, path.name) for name, kind, path in ev.find_datasets(GEO)}
    assert found == {("LGL", "gaztag", "lgl.xml"), ("GeoVirus", "geovirus", "GeoVirus.xml"),
                     ("GeoWebNews", "geowebnews", "GWN.xml")}
    assert ev.detect_format(GEO / "not-geo.xml") is None


def test_places_eval_reads_lgl_and_realigns_shifted_offsets():
    first, second = docs("lgl.xml", "gaztag")
    assert first.published == "2024-05-06"
    spans = [(first.text[t.start:t.end], t.located, t.country_name) for t in first.toponyms]
    # The third toponym's offsets are one character late in the file; it is found anyway.
    assert spans == [("Naples", True, "Italy"), ("Italy", True, "Italy"),
                     ("Naples", True, "Italy"), ("Via Roma", False, None)]
    assert first.toponyms[2].start == first.text.rindex("Naples")
    assert [t.text for t in second.toponyms] == ["Alexandria", "Rapides Parish"]


def test_places_eval_reads_geovirus_and_geowebnews_types():
    (virus,) = docs("GeoVirus.xml", "geovirus")
    assert [(t.text, t.lat, t.lon) for t in virus.toponyms] == \
        [("Kenya", 0.5, 38.0), ("Kisumu", -0.1, 34.75), ("Europe", 48.69, 9.14)]
    (gwn,) = docs("GWN.xml", "geowebnews")
    assert [(t.text, t.scored) for t in gwn.toponyms] == \
        [("Moscow", False), ("Russian", False), ("Kherson", True), ("Ukraine", False),
         ("Kherson", True)]


def place(text, start, lat=None, lon=None, cc=None, demonym=False):
    return Place(start, start + len(text), text, name=text, lat=lat, lon=lon, country_code=cc,
                 demonym=demonym)


def test_places_eval_scores_spans_distances_countries_and_the_baseline():
    gazetteer = open_gazetteer(None)
    (doc, _) = docs("lgl.xml", "gaztag")
    text = doc.text
    predicted = (
        place("Naples", text.index("Naples"), 40.85, 14.27, "IT"),      # right, 0 km
        place("Italy", text.index("Italy"), 42.83, 12.83, "IT"),        # right
        place("Naples", text.rindex("Naples"), 26.14, -81.79, "US"),    # Naples, Florida: wrong
        place("Roma", text.index("Roma")),                               # overlaps Via Roma
        place("Monday", text.index("Monday")),                           # a false positive
    )
    tally = ev.Tally()
    ev.score_doc(tally, doc, predicted, gazetteer)
    m = tally.metrics()
    assert (m["gold_toponyms"], m["scored_toponyms"]) == (4, 3)
    assert m["span_precision"] == pytest.approx(3 / 5, abs=1e-4)
    assert m["span_recall"] == pytest.approx(3 / 4, abs=1e-4)
    assert m["span_f1_overlap"] == pytest.approx(2 * 0.8 * 1.0 / 1.8, abs=1e-4)
    assert m["recall"] == 1.0                       # all 3 located gold toponyms were found
    assert m["acc_161km"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["resolved_recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert m["median_km"] < 5
    assert m["country_accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    # The most-populous Naples is Naples, Italy: the baseline gets all three right.
    assert m["baseline_acc_161km"] == 1.0


def test_places_eval_a_found_place_without_coordinates_is_the_largest_error():
    gazetteer = open_gazetteer(None)
    (doc,) = docs("GeoVirus.xml", "geovirus")
    tally = ev.Tally()
    predicted = (place("Kenya", doc.text.index("Kenya")),
                 place("Health", doc.text.index("Health"), 1.0, 38.0, "KE", demonym=True))
    ev.score_doc(tally, doc, predicted, gazetteer)
    m = tally.metrics()
    assert (m["scored_toponyms"], m["acc_161km"], m["median_km"]) == (1, 0.0, ev.MAX_ERROR_KM)
    assert m["recall"] == pytest.approx(1 / 3, abs=1e-4)
    # The demonym is a false positive for span_f1, and left out of span_f1_names.
    assert m["span_precision"] == 0.5
    assert m["span_f1_names"] == pytest.approx(2 * 1.0 * (1 / 3) / (1 + 1 / 3), abs=1e-4)


def test_places_eval_ignores_predictions_on_metonymic_toponyms():
    gazetteer = open_gazetteer(None)
    (doc,) = docs("GWN.xml", "geowebnews")
    text = doc.text
    predicted = (place("Moscow", text.index("Moscow"), 55.75, 37.62, "RU"),
                 place("Kherson", text.index("Kherson"), 46.64, 32.61, "UA"))
    tally = ev.Tally()
    ev.score_doc(tally, doc, predicted, gazetteer)
    m = tally.metrics()
    # Moscow (metonymic) is neither a hit nor a false positive; one of two literals found.
    assert (m["span_precision"], m["span_recall"]) == (1.0, 0.5)
    assert m["acc_161km"] == 1.0


@pytest.mark.parametrize(("lat", "lon", "cc"), [
    (41.9, 12.5, "IT"), (-1.29, 36.82, "KE"), (39.8, -98.6, "US"), (0.0, -30.0, None),
])
def test_places_eval_country_of_a_gold_point(lat, lon, cc):
    assert ev.country_at(lat, lon) == cc


@pytest.mark.model
def test_places_eval_run_end_to_end_on_the_fixtures():
    results = {r.dataset: r for r in ev.run(GEO, limit=5, settings=Settings())}
    assert set(results) == {"LGL", "GeoVirus", "GeoWebNews"}
    lgl = results["LGL"]
    assert lgl.docs == 2 and lgl.metrics["failed_docs"] == 0
    for key in ("span_f1", "acc_161km", "median_km", "country_accuracy", "baseline_acc_161km",
                "recall"):
        assert key in lgl.metrics
    assert lgl.metrics["acc_161km"] >= 0.75
    assert results["GeoVirus"].metrics["recall"] >= 2 / 3
    assert lgl.to_dict()["task"] == "places"
