"""Places: the outlet's home read from the article's URL, as a prior for towns named alone."""

import pytest

from dateline.resources.geo import ADMIN1, CITY, Entry, open_gazetteer
from dateline.resources.geo.build import NAME
from dateline.stages.places.outlet import Outlet, outlet_host, read_outlet, title_home
from dateline.stages.places.resolve import resolve
from dateline.stages.places.spans import Toponym


@pytest.mark.parametrize(("url", "host"), [
    ("https://www.chicagotribune.com/news/a.html", "chicagotribune.com"),
    ("http://web.archive.org/web/20151026092316/http://q13fox.com/2014/05/16/x/", "q13fox.com"),
    ("web.archive.org/web/2016/https://m.ksla.com/story/1", "ksla.com"),
    ("nbcnewyork.com/news", "nbcnewyork.com"),
    ("not a url", None),
    (None, None),
])
def test_places_outlet_host_unwraps_archives_and_prefixes(url, host):
    assert outlet_host(url) == host


@pytest.mark.parametrize(("url", "name", "a1"), [
    ("https://www.chicagotribune.com/x", "Chicago", "IL"),
    ("https://abc7chicago.com/x", "Chicago", "IL"),
    ("https://www.nbcnewyork.com/x", "New York", "NY"),
    ("https://www.mysanantonio.com/x", "San Antonio", "TX"),
    ("https://pittsburgh.cbslocal.com/x", "Pittsburgh", "PA"),
    ("https://stlouis.cbslocal.com/x", "St. Louis", "MO"),  # "st" spelled short
    ("https://www.arkansasonline.com/x", "Arkansas", "AR"),
    # A newspaper's word that is also a town's name ("Enterprise") does not win.
    ("https://www.beaumontenterprise.com/x", "Beaumont", "TX"),
])
def test_places_outlet_home_from_a_town_or_state_in_the_host(url, name, a1):
    outlet = read_outlet(url, open_gazetteer())
    assert outlet is not None and outlet.home is not None
    assert (outlet.home.name, outlet.home.cc, outlet.home.a1) == (name, "US", a1)
    assert outlet.side is None


@pytest.mark.parametrize("url", [
    "https://www.washingtonpost.com/x",  # the state, or the capital in another place
    "https://www.burlingtoncountytimes.com/x",  # a county, not the towns of its name
    "https://www.springfieldnewssun.com/x",  # several towns of one size
    "https://www.reuters.com/x",
])
def test_places_outlet_no_home_where_the_host_is_ambiguous_or_silent(url):
    outlet = read_outlet(url, open_gazetteer())
    assert outlet is not None and outlet.home is None


@pytest.mark.parametrize(("url", "side"), [
    ("https://www.ksla.com/story/1", "west"),
    ("https://www.wsbtv.com/news/1", "east"),
    ("https://www.wdbj7.com/x", "east"),
    ("https://www.kirotv.com/x", "west"),
    ("https://www.bbc.co.uk/news/1", None),  # call signs are American
])
def test_places_outlet_side_from_a_call_sign(url, side):
    outlet = read_outlet(url, open_gazetteer())
    assert outlet is not None and outlet.side == side
    # A call sign says the outlet is American.
    assert (outlet.country.cc if outlet.country else None) == ("US" if side else None)


def _entry(pid: int, name: str, level: int, a1: str, weight: float, lat: float, lon: float
           ) -> Entry:
    return Entry(pid, pid, name, "US", a1, None, None, lat, lon, "P" if level == CITY else "A",
                 "PPL" if level == CITY else "ADM1", int(weight), weight, level, frozenset(), NAME)


PEORIA_IL = _entry(1, "Peoria", CITY, "IL", 113_000, 40.69, -89.59)
PEORIA_AZ = _entry(2, "Peoria", CITY, "AZ", 190_000, 33.58, -112.24)
ILLINOIS = _entry(3, "Illinois", ADMIN1, "IL", 12_800_000, 40.0, -89.0)


def _peoria() -> Toponym:
    return Toponym(0, 6, "Peoria", "GPE", (PEORIA_AZ, PEORIA_IL))


def test_places_resolve_a_town_named_alone_in_the_outlets_state():
    assert resolve([_peoria()])[0].entry is PEORIA_AZ  # the larger namesake, with no prior
    outlet = Outlet("chicagotribune.com", home=ILLINOIS)
    assert resolve([_peoria()], outlet)[0].entry is PEORIA_IL


def test_places_resolve_a_call_sign_breaks_a_tie_between_us_namesakes():
    assert resolve([_peoria()], Outlet("wmbd.com", side="east"))[0].entry is PEORIA_IL
    assert resolve([_peoria()], Outlet("kpho.com", side="west"))[0].entry is PEORIA_AZ


def test_places_resolve_the_text_outweighs_the_outlet():
    text_state = _entry(4, "Arizona", ADMIN1, "AZ", 7_000_000, 34.0, -111.0)
    arizona = Toponym(10, 17, "Arizona", "GPE", (text_state,))
    found = resolve([_peoria(), arizona], Outlet("chicagotribune.com", home=ILLINOIS))
    assert found[0].entry is PEORIA_AZ


def test_places_resolve_the_outlets_home_supports_its_own_reading():
    peoria_fr = Entry(5, 5, "Peoria", "FR", "93", None, None, 43.3, 5.4, "P", "PPL", 300_000,
                      300_000.0, CITY, frozenset(), NAME)
    toponym = Toponym(0, 6, "Peoria", "GPE", (peoria_fr, PEORIA_IL))
    assert resolve([toponym])[0].entry is peoria_fr
    assert resolve([toponym], Outlet("peoriajournal.com", home=PEORIA_IL))[0].entry is PEORIA_IL


@pytest.mark.parametrize(("title", "name", "a1"), [
    ("Two dead in shooting - Action News 5 - Memphis, Tennessee", "Memphis", "TN"),
    ("Man shot on Main St - Birmingham, AL", "Birmingham", "AL"),
    ("Teen killed | WBTV Charlotte", "Charlotte", "NC"),
    ("Trial set - KSLA News 12 Shreveport, Louisiana News Weather & Sports", "Shreveport", "LA"),
    # The state the site names picks among namesakes of equal size.
    ("Man shot - WOWK 13 Charleston, Huntington WV News, Weather, Sports", "Charleston", "WV"),
    ("Man shot - WTVM.com-Columbus, GA News Weather & Sports", "Columbus", "GA"),
    # A region of a state names the state; a town inside it is read first.
    ("Man shot - KiiiTV.com South Texas, Corpus Christi, Coastal Bend", "Corpus Christi", "TX"),
    ("Crash - WSIL-TV 3 Southern Illinois", "Illinois", "IL"),
    # "Kansas" inside "Kansas City" is not the state.
    ("Man shot - Kansas City News", "Kansas City", "MO"),
])
def test_places_outlet_home_from_the_site_name_in_the_title(title, name, a1):
    home = title_home(title, open_gazetteer())
    assert home is not None and (home.name, home.cc, home.a1) == (name, "US", a1)


@pytest.mark.parametrize("title", [
    "Man shot in Springfield",  # no site name: a headline only
    "Man shot - Breaking News, Weather & Sports",  # a site name naming no place
    "Man shot - WSMV Channel 4",
])
def test_places_outlet_no_home_from_a_title_without_a_place_in_its_site_name(title):
    assert title_home(title, open_gazetteer()) is None


def test_places_outlet_title_gives_a_home_only_where_the_host_gives_none():
    gazetteer = open_gazetteer()
    title = "Two dead - Action News 5 - Memphis, Tennessee"
    station = read_outlet("http://www.wmctv.com/story/1", gazetteer, title)
    assert station is not None and station.home is not None and station.from_title
    assert (station.home.name, station.side) == ("Memphis", "east")  # the call sign's side kept
    paper = read_outlet("https://www.chicagotribune.com/x", gazetteer, title)
    assert paper is not None and paper.home is not None and paper.home.name == "Chicago"
    assert read_outlet(None, gazetteer, title) is None
