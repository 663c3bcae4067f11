"""Places: toponyms and demonyms resolved with the article as context, and their roles."""

import importlib

import pytest

from dateline.resources.geo import ADMIN1, ADMIN2, CITY, COUNTRY, REGION, Entry
from dateline.resources.geo.build import ALTERNATE, EXACT_FORM, NAME
from dateline.stages.places.spans import Toponym, link_containers, trim

resolve_module = importlib.import_module("dateline.stages.places.resolve")
resolve, confirm, score = resolve_module.resolve, resolve_module.confirm, resolve_module.score

STAGES = ("nlp", "entities", "places")

# --- the whole stage on sentences ------------------------------------------------------------

# (text, [(surface, name, country, GeoNames id, role, demonym)]) — every place, in order.
CASES = [
    ("The mission will continue its work from a command centre in Naples, Italy, officials said.",
     [("Naples", "Naples", "IT", 3172394, "mention", False),
      ("Italy", "Italy", "IT", 3175395, "mention", False)]),
    ("NAPLES, Italy (AP) — The alliance moved its staff on Friday.",
     [("NAPLES", "Naples", "IT", 3172394, "dateline", False),
      ("Italy", "Italy", "IT", 3175395, "dateline", False)]),
    ("A car bomb exploded in Baghdad on Monday, killing 12 people.",
     [("Baghdad", "Baghdad", "IQ", 98182, "event", False)]),
    ("Officials in Baghdad said the attack near Mosul killed five.",
     [("Baghdad", "Baghdad", "IQ", 98182, "mention", False),
      ("Mosul", "Mosul", "IQ", None, "event", False)]),
    ("Iraqi troops and French advisers met U.S. officials.",
     [("Iraqi", "Iraq", "IQ", 99237, "mention", True),
      ("French", "France", "FR", 3017382, "mention", True),
      ("U.S.", "United States", "US", 6252001, "mention", True)]),
    ("Hostilities grew after joint U.S.-Israeli strikes, and the Israeli-Palestinian talks "
     "stalled. Troops left the U.S. in May.",
     [("U.S.", "United States", "US", 6252001, "mention", True),
      ("Israeli", "Israel", "IL", 294640, "mention", True),
      ("Israeli", "Israel", "IL", 294640, "mention", True),
      ("Palestinian", "Palestinian Territory", "PS", 6254930, "mention", True),
      ("U.S.", "United States", "US", 6252001, "mention", False)]),
    ("The storm flooded Paris, Texas, on Tuesday, and residents of Paris were evacuated.",
     [("Paris", "Paris", "US", None, "mention", False),
      ("Texas", "Texas", "US", 4736286, "mention", False),
      ("Paris", "Paris", "US", None, "mention", False)]),
    ("Officers arrested a man in Alexandria, La., on Friday.",
     [("Alexandria", "Alexandria", "US", 4314550, "mention", False),
      ("La.", "Louisiana", "US", 4331987, "mention", False)]),
    ("Jordan, Israel and Egypt signed the accord.",
     [("Jordan", "Jordan", "JO", 248816, "mention", False),
      ("Israel", "Israel", "IL", 294640, "mention", False),
      ("Egypt", "Egypt", "EG", 357994, "mention", False)]),
    ("She lives in Ohio but was born in Kenya.",
     [("Ohio", "Ohio", "US", 5165418, "mention", False),
      ("Kenya", "Kenya", "KE", 192950, "mention", False)]),
    ("Talks were held in Geneva.", [("Geneva", "Geneva", "CH", None, "event", False)]),
    ("Heavy rain fell across North Texas.", [("Texas", "Texas", "US", 4736286, "event", False)]),
    # Negative cases: people, pronouns, nothing to find.
    ("Paris Hilton arrived late.", []),
    ("Let us know what you think.", []),
    ("The committee approved the budget on Tuesday.", []),
    ("Jean-Marie signed a deal with Coca-Cola.", []),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), CASES)
def test_places_find_resolve_and_assign_roles(run, text, expected):
    doc = run(text, STAGES)
    got = [(p.text, p.name, p.country_code, p.geonames_id, p.role, p.demonym)
           for p in doc.places]
    for (surface, name, cc, gid, role, demonym), place in zip(expected, doc.places, strict=False):
        if gid is None:  # a derived division or a town whose id the test does not pin
            gid = place.geonames_id
        assert (place.text, place.name, place.country_code, place.geonames_id, place.role,
                place.demonym) == (surface, name, cc, gid, role, demonym), got
    assert len(doc.places) == len(expected), got
    for place in doc.places:
        assert doc.article.text[place.start:place.end] == place.text


@pytest.mark.model
def test_places_naples_has_coordinates_and_admin1(run):
    doc = run("Troops will move to Naples, Italy, next week.", STAGES)
    naples = doc.places[0]
    assert naples.lat == pytest.approx(40.85, abs=0.05)
    assert naples.lon == pytest.approx(14.27, abs=0.05)
    assert (naples.admin1, naples.feature, naples.feature_code) == ("Campania", "P", "PPL")
    assert isinstance(naples.lat, float) and naples.population and naples.confidence > 0.5


@pytest.mark.model
def test_places_regions_stay_regions(run):
    doc = run("Protests spread across the Middle East and the Gulf, and to Southeast Asia and "
              "Europe.", STAGES)
    by_text = {p.text: p for p in doc.places}
    assert set(by_text) == {"Middle East", "Gulf", "Southeast Asia", "Europe"}
    for text in ("Middle East", "Gulf", "Southeast Asia"):
        region = by_text[text]
        assert (region.feature, region.feature_code, region.country_code, region.geonames_id) \
            == ("L", "RGN", None, None)
    assert (by_text["Europe"].feature_code, by_text["Europe"].geonames_id) == ("CONT", 6255148)


@pytest.mark.model
def test_places_context_picks_the_us_state_over_the_country(run):
    doc = run("Flights to Georgia resumed after a fire in Atlanta, the Georgia governor said.",
              STAGES)
    assert [(p.text, p.country_code) for p in doc.places] == \
        [("Georgia", "US"), ("Atlanta", "US"), ("Georgia", "US")]
    doc = run("Russia and Georgia fought a short war in 2008 over South Ossetia.", STAGES)
    georgia = next(p for p in doc.places if p.text == "Georgia")
    assert (georgia.country_code, georgia.feature_code) == ("GE", "PCLI")


@pytest.mark.model
def test_places_place_opening_an_institution_name(run):
    doc = run("The Mansfield Police Department said the suspect fled to Dallas, Texas.", STAGES)
    texts = [p.text for p in doc.places]
    assert texts[0] == "Mansfield"
    assert doc.places[0].country_code == "US"  # the Texas context picks Mansfield, Texas
    assert "Mansfield Police Department" not in texts


@pytest.mark.model
def test_places_unresolved_streets_kept_without_coordinates(run):
    doc = run("The fire started at a house on Orchard Street in Alexandria, La.", STAGES)
    street = [p for p in doc.places if "Orchard" in p.text]
    if street:  # NER may or may not see the street; when kept, it carries no invented data
        assert (street[0].geonames_id, street[0].lat, street[0].lon, street[0].confidence) == \
            (None, None, None, 0.0)
    assert any(p.name == "Alexandria" and p.country_code == "US" for p in doc.places)


# --- words of organisation names are not places (a hamlet named like a common adjective) -----

# (text, [(surface, country)]) — every place, in order.
NAMES_IN_ORGANISATIONS = [
    ("The country's Supreme Court upheld the ruling on Monday, lawyers in Brasilia said.",
     [("Brasilia", "BR")]),
    ("The Federal Court and the Superior Court in Buenos Aires ruled against the bank.",
     [("Buenos Aires", "AR")]),
    # The unlabelled-name finder leaves the words of organisation names alone.
    ("Workers at the Texas Instruments plant and at General Motors went on strike.", []),
    ("She read The Denver Post and drank an Arizona Iced Tea.", []),
    # A state or a town opening an institution's name is still a place ...
    ("The Louisiana Supreme Court ruled on Monday.", [("Louisiana", "US")]),
    ("The Mansfield Police Department said the suspect fled to Dallas, Texas.",
     [("Mansfield", "US"), ("Dallas", "US"), ("Texas", "US")]),
    # ... and so is a town named like an adjective, where the article places it.
    ("Officers of the Superior Police Department in Wisconsin arrested two men.",
     [("Superior", "US"), ("Wisconsin", "US")]),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), NAMES_IN_ORGANISATIONS)
def test_places_words_of_organisation_names_are_not_toponyms(run, text, expected):
    doc = run(text, STAGES)
    assert [(p.text, p.country_code) for p in doc.places] == expected


# --- a short form of a country the article names in full -------------------------------------

# (text, surface, (name, country code)) — how the last place named ``surface`` resolves.
SHORT_COUNTRY_NAMES = [
    ("Brazil and South Korea signed a trade pact. Officials said business between Brazil and "
     "Korea grew by 10 percent last year.", "Korea", ("South Korea", "KR")),
    ("Exports from North Korea to China fell, and trade with Korea may stop.", "Korea",
     ("North Korea", "KP")),
    ("The Democratic Republic of the Congo accused Rwanda of backing rebels. Congo says the "
     "fighting has displaced thousands.", "Congo", ("Democratic Republic of the Congo", "CD")),
    # A name that is itself a country keeps its reading beside a longer one.
    ("Sudan and South Sudan agreed on oil fees.", "Sudan", ("Sudan", "SD")),
    ("Guinea and Equatorial Guinea signed a border treaty.", "Guinea", ("Guinea", "GN")),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "surface", "expected"), SHORT_COUNTRY_NAMES)
def test_places_short_name_of_a_country_named_in_full(run, text, surface, expected):
    doc = run(text, STAGES)
    place = [p for p in doc.places if p.text == surface][-1]
    assert (place.name, place.country_code) == expected


# --- "City, State": the second part is the state or country holding the first ----------------

# (text, [(surface, name, admin1, feature code)]) — the places of the "X, Y" pair, in order.
CITY_STATE_PAIRS = [
    ("The jet made its first test flight Tuesday in Everett, Washington, after years of delay.",
     [("Everett", "Everett", "Washington", "PPL"),
      ("Washington", "Washington", "Washington", "ADM1")]),
    ("She flew from Washington, D.C., to Paris on Friday.",
     [("Washington", "Washington", "District of Columbia", "PPLC"),
      ("D.C.", "District of Columbia", "District of Columbia", "ADM1")]),
    ("The plant in Ontario, California, closed.",
     [("Ontario", "Ontario", "California", "PPL"),
      ("California", "California", "California", "ADM1")]),
    # A list of states is not a city and its state.
    ("Fires burned across Washington, Oregon and California on Sunday.",
     [("Washington", "Washington", "Washington", "ADM1"),
      ("Oregon", "Oregon", "Oregon", "ADM1")]),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), CITY_STATE_PAIRS)
def test_places_second_part_of_a_pair_contains_the_first(run, text, expected):
    doc = run(text, STAGES)
    got = [(p.text, p.name, p.admin1, p.feature_code) for p in doc.places]
    assert got[:len(expected)] == expected
    assert all(p.country_code == "US" for p in doc.places[:len(expected)])


# --- resolution on hand-built candidates (no model) -------------------------------------------

def entry(pid, name, level, cc=None, a1=None, weight=1000.0, kind=NAME, fcode="PPL",
          members=(), lat=0.0, lon=0.0):
    return Entry(pid, pid, name, cc, a1, None, None, lat, lon, "P" if level == CITY else "A",
                 fcode, int(weight), weight, level, frozenset(members), kind)


PARIS_FR = entry(1, "Paris", CITY, "FR", "11", 2_000_000, fcode="PPLC", lat=48.9, lon=2.35)
PARIS_TX = entry(2, "Paris", CITY, "US", "TX", 25_000, lat=33.66, lon=-95.56)
TEXAS = entry(3, "Texas", ADMIN1, "US", "TX", 25_000_000, fcode="ADM1", lat=31.2, lon=-100.1)
FRANCE = entry(4, "France", COUNTRY, "FR", None, 67_000_000, fcode="PCLI")
CHINA = entry(5, "China", COUNTRY, "CN", None, 1_400_000_000, fcode="PCLI")
CHINA_JP = entry(6, "China", CITY, "JP", "26", 2_500)
JAPAN = entry(7, "Japan", COUNTRY, "JP", None, 126_000_000, fcode="PCLI")
BAGHDAD_GOV = entry(8, "Baghdad", ADMIN1, "IQ", "07", 7_600_000, fcode="ADM1")
BAGHDAD = entry(9, "Baghdad", CITY, "IQ", "07", 7_200_000, fcode="PPLC")
PACIFIC_TOWN = entry(10, "Pacific", CITY, "US", "MO", 7_000)


def toponym(text, start, candidates, label="GPE", demonym=False):
    return Toponym(start, start + len(text), text, label, tuple(candidates), demonym=demonym)


def test_places_resolve_a_city_by_the_state_written_after_it():
    text = "Paris, Texas"
    paris, texas = toponym("Paris", 0, [PARIS_FR, PARIS_TX]), toponym("Texas", 7, [TEXAS])
    link_containers(text, [paris, texas])
    assert paris.container is texas
    first, second = resolve([paris, texas])
    assert (first.entry, second.entry) == (PARIS_TX, TEXAS)
    assert first.confidence > 0.9


def test_places_resolve_without_context_prefers_the_larger_capital():
    (only,) = resolve([toponym("Paris", 0, [PARIS_TX, PARIS_FR])])
    assert only.entry is PARIS_FR


def test_places_resolve_a_list_of_countries_is_not_a_container():
    text = "China, Japan"
    china, japan = toponym("China", 0, [CHINA, CHINA_JP]), toponym("Japan", 7, [JAPAN])
    link_containers(text, [china, japan])
    assert [r.entry for r in resolve([china, japan])] == [CHINA, JAPAN]


def test_places_resolve_the_city_over_its_namesake_division():
    (only,) = resolve([toponym("Baghdad", 0, [BAGHDAD_GOV, BAGHDAD])])
    assert only.entry is BAGHDAD
    (division,) = resolve([toponym("Baghdad Province", 0, [BAGHDAD_GOV, BAGHDAD])])
    assert division.entry is BAGHDAD_GOV


def test_places_resolve_a_loc_is_not_a_small_town():
    (ocean,) = resolve([toponym("Pacific", 0, [PACIFIC_TOWN], label="LOC")])
    assert (ocean.entry, ocean.confidence) == (None, 0.0)
    (town,) = resolve([toponym("Pacific", 0, [PACIFIC_TOWN], label="GPE")])
    assert town.entry is PACIFIC_TOWN


def test_places_resolve_same_name_same_place_and_demonyms_are_fixed():
    first = toponym("Paris", 0, [PARIS_FR, PARIS_TX])
    again = toponym("Paris", 40, [PARIS_FR, PARIS_TX])
    french = toponym("French", 20, [FRANCE], label="NORP", demonym=True)
    results = resolve([first, french, again])
    assert results[0].entry is results[2].entry is PARIS_FR
    assert (results[1].entry, results[1].confidence) == (FRANCE, 0.9)
    assert resolve([toponym("Nowhere", 0, [])])[0].entry is None


def test_places_confirm_keeps_a_doubtful_name_only_near_the_sure_places():
    texas = toponym("Texas", 0, [TEXAS])
    sure = [texas]
    resolutions = resolve(sure)
    near = toponym("Paris", 10, [PARIS_TX, PARIS_FR], label="PERSON")
    far = toponym("Lyon", 20, [entry(11, "Lyon", CITY, "FR", "84", 500_000)], label="PERSON")
    alternate = toponym("Tex", 30, [entry(12, "Tex", CITY, "US", "TX", 900, kind=ALTERNATE)],
                        label="ORG")
    kept = confirm([near, far, alternate], sure, resolutions)
    assert kept == [near]
    assert near.candidates == (PARIS_TX,)


WASHINGTON_STATE = entry(13, "Washington", ADMIN1, "US", "WA", 7_000_000, fcode="ADM1",
                         lat=47.5, lon=-120.5)
WASHINGTON_DC = entry(14, "Washington", CITY, "US", "DC", 5_000_000, fcode="PPLC", lat=38.9,
                      lon=-77.0)
EVERETT = entry(15, "Everett", CITY, "US", "WA", 110_000, lat=47.98, lon=-122.2)
OREGON = entry(16, "Oregon", ADMIN1, "US", "OR", 4_000_000, fcode="ADM1", lat=44.0, lon=-120.5)
WASHINGTON_COUNTY_OR = entry(17, "Washington County", ADMIN2, "US", "OR", 600_000,
                             kind=ALTERNATE, fcode="ADM2", lat=45.5, lon=-123.0)


def test_places_resolve_the_state_written_after_its_city():
    text = "Everett, Washington. Officials in Washington"
    everett = toponym("Everett", 0, [EVERETT])
    state = toponym("Washington", 9, [WASHINGTON_DC, WASHINGTON_STATE])
    elsewhere = toponym("Washington", 34, [WASHINGTON_DC, WASHINGTON_STATE])
    link_containers(text, [everett, state, elsewhere])
    assert (everett.container, state.contained, elsewhere.contained) == (state, everett, None)
    assert [r.entry for r in resolve([everett, state, elsewhere])] == \
        [EVERETT, WASHINGTON_STATE, WASHINGTON_DC]


def test_places_resolve_a_list_of_states_is_not_a_container():
    text = "Washington, Oregon"
    first = toponym("Washington", 0, [WASHINGTON_DC, WASHINGTON_STATE, WASHINGTON_COUNTY_OR])
    second = toponym("Washington", 12, [OREGON])
    link_containers(text, [first, second])
    assert [r.entry for r in resolve([first, second])] == [WASHINGTON_STATE, OREGON]


KOREA_SOUTH = entry(18, "South Korea", COUNTRY, "KR", None, 51_000_000, fcode="PCLI")
KOREA_VILLAGE = entry(19, "Koréa", CITY, "CI", "96", 3_000)
BRAZIL = entry(20, "Brazil", COUNTRY, "BR", None, 209_000_000, fcode="PCLI")
SUDAN = entry(21, "Sudan", COUNTRY, "SD", None, 41_000_000, fcode="PCLI")
SOUTH_SUDAN = entry(22, "South Sudan", COUNTRY, "SS", None, 8_000_000, fcode="PCLI")


def test_places_resolve_a_short_name_to_the_country_named_in_full():
    named = [toponym("Brazil", 0, [BRAZIL]), toponym("South Korea", 11, [KOREA_SOUTH])]
    short = toponym("Korea", 40, [KOREA_VILLAGE])
    assert resolve([*named, short])[-1].entry == KOREA_SOUTH
    # Without the full name in the article, the village is all there is.
    assert resolve([named[0], short])[-1].entry == KOREA_VILLAGE
    # A name that is a country of its own is not read as a longer one.
    assert [r.entry for r in resolve([toponym("Sudan", 0, [SUDAN]),
                                      toponym("South Sudan", 10, [SOUTH_SUDAN])])] == \
        [SUDAN, SOUTH_SUDAN]


def test_places_score_small_place_in_a_country_the_article_never_names():
    village = toponym("Korea", 40, [KOREA_VILLAGE])
    key = ("korea", 0)
    brazil = (("brazil", 0), BRAZIL, 1.0, False)
    ivorian_town = (("abidjan", 0), entry(23, "Abidjan", CITY, "CI", "82", 4_000_000), 1.0,
                    False)
    alone = score(village, KOREA_VILLAGE, None, resolve_module.Context([]), key)
    among_others = score(village, KOREA_VILLAGE, None, resolve_module.Context([brazil]), key)
    in_its_country = score(village, KOREA_VILLAGE, None,
                           resolve_module.Context([brazil, ivorian_town]), key)
    assert among_others == pytest.approx(alone - resolve_module.UNNAMED_COUNTRY_PENALTY)
    assert in_its_country == pytest.approx(alone + resolve_module.COUNTRY_CONTEXT)


def test_places_region_and_division_levels_are_ordered():
    assert REGION < COUNTRY < ADMIN1 < ADMIN2 < CITY


@pytest.mark.parametrize(("text", "span"), [
    ("the Gulf's", "Gulf"), ("Iraq's", "Iraq"), ("The Hague", "Hague"), ("Texas,", "Texas"),
    ("Naples", "Naples"),
])
def test_places_trim_articles_and_possessives(text, span):
    start, end = trim(text, 0, len(text))
    assert text[start:end] == span


# --- local news: wire datelines, streets, residents ------------------------------------------

# (text, surface, (name, country, admin1) or None where the name must not be placed)
LOCAL_NEWS = [
    ("LAWRENCE, KAN. - Police in Lawrence say the shooting was an accident.", "KAN.",
     ("Kansas", "US", "Kansas")),
    ("CHARLESTOWN, IN (WAVE) - A teenager was shot and killed outside town.", "IN",
     ("Indiana", "US", "Indiana")),
    ("LEBANON, Tenn. (WKRN) – A boy found a weapon and shot himself.", "LEBANON",
     ("Lebanon", "US", "Tennessee")),
    ("PHILADELPHIA (CBS) — A five-year-old boy was shot in his hand on Sunday.",
     "PHILADELPHIA", ("Philadelphia", "US", "Pennsylvania")),
    ("An Allentown man will stand trial on charges he shot and killed a man.", "Allentown",
     ("Allentown", "US", "Pennsylvania")),
    ("Police responded to a shooting on Thomaston Road in Macon on Sunday.", "Thomaston", None),
    ("Officers found him in the 2700 block of West Lexington on Friday.", "Lexington", None),
    ("Metro police said the victim died at the scene.", "Metro", None),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "surface", "expected"), LOCAL_NEWS)
def test_places_local_news_states_written_short_streets_and_residents(run, text, surface,
                                                                       expected):
    doc = run(text, STAGES)
    found = [(p.name, p.country_code, p.admin1) for p in doc.places
             if surface in p.text and p.lat is not None]
    assert found[:1] == ([expected] if expected else []), [(p.text, p.name) for p in doc.places]


def test_places_score_a_capital_prior_only_under_its_own_name():
    amman = entry(20, "Amman", CITY, "JO", "11", 1_300_000, kind=ALTERNATE, fcode="PPLC")
    philadelphia = entry(21, "Philadelphia", CITY, "US", "PA", 1_500_000)
    (only,) = resolve([toponym("Philadelphia", 0, [amman, philadelphia])])
    assert only.entry is philadelphia


def test_places_resolve_a_small_towns_code_is_an_acronym():
    coded = entry(22, "Narrandera", CITY, "AU", "02", 4_000, kind=EXACT_FORM)
    (acronym,) = resolve([toponym("NRA", 0, [coded], label="ORG")])
    assert acronym.entry is None
    city = entry(23, "Los Angeles", CITY, "US", "CA", 3_900_000, kind=EXACT_FORM)
    assert resolve([toponym("LA", 0, [city])])[0].entry is city
