"""Incidents: grouping events of one happening, accidents from casualty claims, date, location,
figures and note.

Most tests build the Doc by hand (events, claims, places, times written out), so they test the
stage alone; the ones marked ``model`` run the whole pipeline on short sentences written here.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from dateline.records import (
    Article,
    Claim,
    Dateline,
    Doc,
    Event,
    Place,
    PlaceRef,
    Ref,
    Span,
    TimeRef,
    TimeValue,
)
from dateline.stages.events.duplicates import distinct_events
from dateline.stages.incidents import Incidents
from dateline.stages.incidents.grouping import is_anaphoric, stem
from dateline.stages.incidents.locations import home_region

INCIDENTS = Incidents()
model = pytest.mark.model


def at(text: str, part: str, nth: int = 0) -> tuple[int, int, str]:
    """Return (start, end, part) of the nth occurrence of ``part`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return start, start + len(part), part


def sentences_of(text: str) -> tuple[Span, ...]:
    spans, start = [], 0
    for n, char in enumerate(text):
        if char == "." and (n + 1 == len(text) or text[n + 1] == " "):
            spans.append(Span(start, n + 1, text[start:n + 1]))
            start = n + 2
    return tuple(spans)


def doc_of(text: str, published: str = "2026-03-20", **layers) -> Doc:
    article = Article(id="t", text=text, published=datetime.fromisoformat(published),
                      dateline=layers.pop("dateline", None))
    return Doc(article=article, sentences=sentences_of(text), **layers)


def event(text: str, trigger: str, type_: str, *, nth: int = 0, mode: str | None = None,
          place: Place | None = None, time: TimeRef | None = None, recipients=(),
          factuality: str = "asserted", event_id: str = "") -> Event:
    start, end, word = at(text, trigger, nth)
    sentence = next(s for s in sentences_of(text) if s.start <= start < s.end)
    place_ref = PlaceRef(place.start, place.end, place.text, name=place.name,
                         geonames_id=place.geonames_id, country_code=place.country_code,
                         admin1=place.admin1, lat=place.lat, lon=place.lon) if place else None
    when = TimeValue(time.start, time.end, time.text, value=time.value,
                     precision=time.precision) if time else None
    return Event(sentence.start, sentence.end, sentence.text, id=event_id or f"evt_{start}",
                 type=type_, mode=mode, trigger=Span(start, end, word), place=place_ref,
                 time=when, recipients=tuple(recipients), factuality=factuality,  # type: ignore[arg-type]
                 confidence=0.8)


def place(text: str, part: str, name: str, *, cc: str, admin1: str | None, lat: float,
          lon: float, code: str = "PPL", role: str = "mention", nth: int = 0,
          geonames_id: int = 1) -> Place:
    start, end, word = at(text, part, nth)
    return Place(start, end, word, name=name, geonames_id=geonames_id, country_code=cc,
                 admin1=admin1, lat=lat, lon=lon, feature="P" if code.startswith("PPL") else "A",
                 feature_code=code, role=role)  # type: ignore[arg-type]


def time(text: str, part: str, value: str, precision: str = "day", nth: int = 0) -> TimeRef:
    start, end, word = at(text, part, nth)
    return TimeRef(start, end, word, value=value, precision=precision)  # type: ignore[arg-type]


def claim(text: str, part: str, value: int | None, predicate: str, *, qualifier=None,
          low=None, source: Ref | None = None) -> Claim:
    start, end, word = at(text, part)
    return Claim(start, end, word, value=None if value is None else Decimal(value),
                 low=None if low is None else Decimal(low), qualifier=qualifier,
                 predicate=predicate, source=source)


ATTACK = ("Gunmen attacked a market in Mandera on Monday. Officials said the attack killed "
          "12 people.")


def test_incidents_merge_a_later_anaphoric_mention_and_attach_its_tally():
    mandera = place(ATTACK, "Mandera", "Mandera", cc="KE", admin1="Mandera", lat=3.94, lon=41.86,
                    role="event")
    monday = time(ATTACK, "Monday", "2026-03-16")
    doc = doc_of(ATTACK, places=(mandera,), times=(monday,), events=(
        event(ATTACK, "attacked", "ASSAULT", place=mandera, time=monday),
        event(ATTACK, "attack", "ASSAULT", nth=1)),
        claims=(claim(ATTACK, "12 people", 12, "killed"),))
    (incident,) = INCIDENTS(doc).incidents
    assert incident.type == "ASSAULT" and incident.sub_event == "attack"
    assert incident.mentions == (doc.events[0].id, doc.events[1].id)
    assert (incident.date.value, incident.date.found, incident.date.time_precision) == \
        ("2026-03-16", "clause", 1)
    assert (incident.location.name, incident.location.found, incident.location.geo_precision) \
        == ("Mandera", "clause", 1)
    assert [(f.predicate, f.value) for f in incident.figures] == [("killed", Decimal(12))]
    assert incident.note == "Attack in Mandera, Kenya on 2026-03-16: 12 killed."


def test_incidents_keep_apart_one_type_on_two_days():
    text = "Rebels attacked Goma on Monday. Rebels attacked Beni on Friday."
    doc = doc_of(text, times=(time(text, "Monday", "2026-03-16"),
                              time(text, "Friday", "2026-03-13")),
                 events=(event(text, "attacked", "ASSAULT",
                               time=time(text, "Monday", "2026-03-16")),
                         event(text, "attacked", "ASSAULT", nth=1,
                               time=time(text, "Friday", "2026-03-13"))))
    incidents = INCIDENTS(doc).incidents
    assert [i.date.value for i in incidents] == ["2026-03-16", "2026-03-13"]


def test_incidents_keep_a_denial_apart_from_the_report():
    text = "The army shelled the town. The army denied that it shelled the town."
    doc = doc_of(text, events=(event(text, "shelled", "ASSAULT", mode="shelling"),
                               event(text, "shelled", "ASSAULT", nth=1, mode="shelling",
                                     factuality="denied")))
    assert len(INCIDENTS(doc).incidents) == 2


def test_incidents_make_an_accident_from_casualty_claims_with_no_event():
    text = ("A crane collapsed onto the Grand Mosque in Mecca on Friday. At least 107 people "
            "were killed, the civil defence said.")
    mecca = place(text, "Mecca", "Mecca", cc="SA", admin1="Makkah", lat=21.43, lon=39.83)
    source = Ref(*at(text, "the civil defence"))
    doc = doc_of(text, published="2015-09-12", places=(mecca,),
                 times=(time(text, "Friday", "2015-09-11"),),
                 claims=(claim(text, "At least 107 people", 107, "killed", qualifier="at least",
                               low=107, source=source),))
    (incident,) = INCIDENTS(doc).incidents
    assert (incident.type, incident.sub_event, incident.mentions) == \
        ("ACCIDENT", "crane collapse", ())
    assert incident.context == ("accident",)
    assert incident.location.name == "Mecca" and incident.date.value == "2015-09-11"
    assert incident.note == ("Crane collapse in Mecca, Saudi Arabia on 2015-09-11: at least 107 killed "
                             "(according to the civil defence).")


@pytest.mark.parametrize(("text", "expected"), [
    ("An earthquake struck the coast. Eight people died.", ("DISASTER", "earthquake")),
    ("The bus crash left 12 people dead.", ("ACCIDENT", "bus crash")),
    ("A fire in a factory killed 30 workers.", ("ACCIDENT", "factory fire")),
    # Deliberate harm is no accident: an attack, even where no event was coded for it.
    ("A bomb blast killed 12 people.", ("ASSAULT", "attack")),
    # No casualties, no incident.
    ("The bridge collapsed in the storm.", None),
])
def test_incidents_type_accidents_and_disasters_from_their_words(text, expected):
    words = {"died": "died", "dead": "dead", "killed": "killed"}
    found = next((w for w in words if w in text), None)
    claims = ()
    if found:
        number = next(w for w in text.split() if w.isdigit() or w == "Eight")
        claims = (claim(text, number, 8 if number == "Eight" else int(number), found),)
    incidents = INCIDENTS(doc_of(text, claims=claims)).incidents
    got = (incidents[0].type, incidents[0].sub_event) if incidents else None
    assert got == expected


def test_incidents_refine_a_country_with_the_dateline_city_inside_it():
    text = "BAGHDAD (AP) — A car bomb exploded in Iraq on Monday."
    dateline = Dateline(0, 14, "BAGHDAD (AP) —", place="BAGHDAD", agency="AP")
    iraq = place(text, "Iraq", "Iraq", cc="IQ", admin1=None, lat=33.0, lon=44.0, code="PCLI",
                 geonames_id=2)
    baghdad = place(text, "BAGHDAD", "Baghdad", cc="IQ", admin1="Baghdad", lat=33.34,
                    lon=44.4, role="dateline", geonames_id=3)
    doc = doc_of(text, dateline=dateline, places=(baghdad, iraq),
                 events=(event(text, "exploded", "ASSAULT", mode="explosives", place=iraq),))
    location = INCIDENTS(doc).incidents[0].location
    assert (location.name, location.found, location.geo_precision) == ("Baghdad", "dateline", 1)


def test_incidents_pass_over_a_town_read_in_another_state_than_the_story():
    text = ("PITTSBURGH — One man was shot in Homewood. Allegheny County police said the "
            "shooting happened Saturday.")
    homewood_al = place(text, "Homewood", "Homewood", cc="US", admin1="Alabama", lat=33.47,
                        lon=-86.8, role="event", geonames_id=4)
    pittsburgh = place(text, "PITTSBURGH", "Pittsburgh", cc="US", admin1="Pennsylvania",
                       lat=40.44, lon=-80.0, role="dateline", geonames_id=5)
    county = place(text, "Allegheny County", "Allegheny County", cc="US",
                   admin1="Pennsylvania", lat=40.47, lon=-79.98, code="ADM2", geonames_id=6)
    places = (pittsburgh, homewood_al, county)
    assert home_region(places) == ("US", "Pennsylvania")
    doc = doc_of(text, places=places,
                 events=(event(text, "shot", "ASSAULT", mode="firearms", place=homewood_al),))
    location = INCIDENTS(doc).incidents[0].location
    assert (location.name, location.found) == ("Pittsburgh", "dateline")


def test_incidents_fall_back_on_the_state_the_article_names_where_no_town_places_it():
    text = ("A man was shot overnight. He was taken to a hospital. No arrest was made. Tips may "
            "be left by phone. Ohio State Highway Patrol troopers are investigating.")
    ohio = place(text, "Ohio", "Ohio", cc="US", admin1="Ohio", lat=40.25, lon=-83.0,
                 code="ADM1", geonames_id=7)
    doc = doc_of(text, places=(ohio,), events=(event(text, "shot", "ASSAULT", mode="firearms"),))
    location = INCIDENTS(doc).incidents[0].location
    assert (location.name, location.found, location.geo_precision) == ("Ohio", "article", 3)


def test_incidents_date_skips_a_bare_clock_time_and_refines_a_month():
    text = ("The boy was shot in February. The shooting happened Feb. 6 around 2 a.m. at a "
            "home.")
    doc = doc_of(text, published="2026-05-16",
                 times=(time(text, "February", "2026-02", "month"),
                        time(text, "Feb. 6", "2026-02-06"),
                        time(text, "2 a.m.", "2026-05-16T02:00", "minute")),
                 events=(event(text, "shot", "ASSAULT",
                               time=time(text, "February", "2026-02", "month")),
                         event(text, "shooting", "ASSAULT")))
    date = INCIDENTS(doc).incidents[0].date
    assert (date.value, date.text, date.time_precision) == ("2026-02-06", "Feb. 6", 1)


def test_incidents_date_a_happening_told_after_the_lead_by_the_first_recent_day():
    text = ("Police were called to Elm Street on Tuesday night. Officers found a crowd. Nobody "
            "spoke. A report was filed last year. The teen was struck once in the hand.")
    doc = doc_of(text, published="2026-03-20",
                 times=(time(text, "Tuesday night", "2026-03-17TNI"),
                        time(text, "last year", "2025", "year")),
                 events=(event(text, "struck", "ASSAULT"),))
    date = INCIDENTS(doc).incidents[0].date
    assert (date.value, date.found, date.time_precision) == ("2026-03-17", "article", 2)


def test_incidents_fall_back_on_the_publication_day_known_to_the_week():
    text = "Police arrested two men."
    doc = doc_of(text, events=(event(text, "arrested", "COERCE", mode="arrest"),),
                 claims=(claim(text, "two men", 2, "arrested"),))
    (incident,) = INCIDENTS(doc).incidents
    assert (incident.date.value, incident.date.found, incident.date.time_precision) == \
        ("2026-03-20", "published", 2)
    assert incident.location is None and incident.sub_event == "arrest"
    assert incident.note == "Arrest around 2026-03-20: 2 arrested."


@pytest.mark.parametrize(("words", "same"), [
    (("relocated", "relocation"), True),
    (("relocating", "relocation"), True),
    (("attacked", "attack"), True),
    (("withdrawal", "withdrew"), False),
    (("attack", "arrest"), False),
])
def test_incidents_stem_joins_the_forms_of_one_word(words, same):
    assert (stem(words[0]) == stem(words[1])) is same


def test_incidents_read_a_determiner_as_a_later_mention():
    text = "Officials said the crash was caused by fog. A crash was reported."
    assert is_anaphoric(text, Span(*at(text, "crash")))
    assert not is_anaphoric(text, Span(*at(text, "crash", 1)))


def _plain_event(type_, trigger_at, *, recipients=(), confidence=0.8, source=None, fact="asserted"):
    return Event(0, 40, "x" * 40, id=f"e{trigger_at}{type_}", type=type_,
                 trigger=Span(trigger_at, trigger_at + 2, "xx"), recipients=recipients,
                 confidence=confidence, source=source, factuality=fact)  # type: ignore[arg-type]


def test_events_duplicates_keep_one_event_per_happening_in_a_sentence():
    police = Ref(0, 6, "police", entity_id="e1")
    crowd = Ref(10, 15, "crowd", entity_id="e2")
    speaker = Ref(20, 25, "Smith", entity_id="e3")
    kept = distinct_events([
        _plain_event("ASSAULT", 5, recipients=(police,)),
        _plain_event("ASSAULT", 12, confidence=0.6),                  # same happening, fewer names
        _plain_event("ASSAULT", 20, recipients=(crowd,)),              # another victim: kept
        _plain_event("ASSAULT", 30, fact="future"),                    # a threat to attack: kept
        _plain_event("AGREE", 33, source=speaker, confidence=0.7),
        _plain_event("REJECT", 35, source=speaker, confidence=0.5),   # contradicts the agreement
    ])
    assert [(e.type, e.trigger.start) for e in kept] == [
        ("ASSAULT", 5), ("ASSAULT", 20), ("ASSAULT", 30), ("AGREE", 33)]


@model
def test_incidents_crane_collapse_is_one_located_dated_accident_with_its_toll(run):
    doc = run("A crane collapsed onto the Grand Mosque in Mecca, Saudi Arabia on Friday, killing "
              "at least 107 people, the civil defence authority said.",
              ("nlp", "entities", "times", "places", "quotes", "claims", "events", "incidents"),
              published="2015-09-12")
    accidents = [i for i in doc.incidents if i.type == "ACCIDENT"]
    assert len(accidents) == 1 and not [i for i in doc.incidents if i.type == "ASSAULT"]
    crane = accidents[0]
    assert crane.sub_event == "crane collapse"
    assert crane.location.country_code == "SA" and crane.location.geo_precision == 1
    assert (crane.date.value, crane.date.time_precision) == ("2015-09-11", 1)
    killed = [f for f in crane.figures if f.predicate == "killed"]
    assert [(f.value, f.qualifier) for f in killed] == [(Decimal(107), "at least")]


@model
def test_incidents_one_attack_reported_twice_in_a_sentence_is_one_incident(run):
    doc = run("Gunmen attacked a police station in Kandahar on Tuesday, and the attack killed "
              "five officers, officials said.",
              ("nlp", "entities", "times", "places", "quotes", "claims", "events", "incidents"))
    assaults = [i for i in doc.incidents if i.type == "ASSAULT"]
    assert len(assaults) == 1
    assert assaults[0].location.text == "Kandahar" and assaults[0].location.country_code == "AF"
    assert assaults[0].date.value == "2026-03-17"
    assert [(f.predicate, f.value) for f in assaults[0].figures] == [("killed", Decimal(5))]


def test_incidents_pass_over_a_lone_town_abroad_in_a_story_about_one_country():
    text = ("KANSAS CITY, Mo. — Two men were shot on Park Avenue in Kansas City, Missouri "
            "early Sunday.")
    kansas_city = place(text, "KANSAS CITY", "Kansas City", cc="US", admin1="Missouri",
                        lat=39.1, lon=-94.58, role="dateline", geonames_id=7)
    park_avenue = place(text, "Park Avenue", "Park Avenue", cc="AU", admin1="Queensland",
                        lat=-23.3, lon=150.5, role="event", geonames_id=8)
    again = place(text, "Kansas City", "Kansas City", cc="US", admin1="Missouri", lat=39.1,
                  lon=-94.58, role="event", geonames_id=7)
    missouri = place(text, "Missouri", "Missouri", cc="US", admin1="Missouri", lat=38.3,
                     lon=-92.4, code="ADM1", geonames_id=9)
    doc = doc_of(text, places=(kansas_city, park_avenue, again, missouri),
                 events=(event(text, "shot", "ASSAULT", mode="firearms", place=park_avenue),))
    location = INCIDENTS(doc).incidents[0].location
    assert (location.text, location.found) == ("Kansas City", "sentence")


def test_incidents_refine_a_state_with_any_town_of_the_article_inside_it():
    text = ("A boy was shot in Alaska on Monday. He is in stable condition. No one was "
            "arrested. Hutton said he heard the shot. Hutton called for help. Hutton waited. "
            "The boy was taken to Fairbanks. Fairbanks is the largest town of Alaska nearby.")
    alaska = [place(text, "Alaska", "Alaska", cc="US", admin1="Alaska", lat=64.0, lon=-150.0,
                    code="ADM1", role="event" if n == 0 else "mention", nth=n, geonames_id=12)
              for n in range(2)]
    hutton = [place(text, "Hutton", "Hutton", cc="GB", admin1="England", lat=51.6, lon=0.35,
                    nth=n, geonames_id=13) for n in range(3)]
    fairbanks = [place(text, "Fairbanks", "Fairbanks", cc="US", admin1="Alaska", lat=64.84,
                       lon=-147.7, nth=n, geonames_id=14) for n in range(2)]
    doc = doc_of(text, places=(alaska[0], *hutton, fairbanks[0], fairbanks[1], alaska[1]),
                 events=(event(text, "shot", "ASSAULT", mode="firearms", place=alaska[0]),))
    location = INCIDENTS(doc).incidents[0].location
    assert (location.name, location.found, location.geo_precision) == ("Fairbanks", "article", 1)


def test_incidents_make_an_assault_from_deaths_told_with_a_word_of_violence():
    text = ("Two children and their mother were found dead in an apparent murder-suicide in "
            "New Orleans. Police made the discovery on Thursday.")
    orleans = place(text, "New Orleans", "New Orleans", cc="US", admin1="Louisiana",
                    lat=29.95, lon=-90.07, geonames_id=15)
    doc = doc_of(text, places=(orleans,), times=(time(text, "Thursday", "2026-03-19"),),
                 claims=(claim(text, "Two children and their mother", 3, "found dead"),))
    (incident,) = INCIDENTS(doc).incidents
    assert (incident.type, incident.mentions, incident.location.name) == \
        ("ASSAULT", (), "New Orleans")
    assert [(f.predicate, f.value) for f in incident.figures] == [("killed", Decimal(3))]
    # Without a word of violence a death is no incident of its own; nor is it one where an
    # event of the article already accounts for the harm.
    quiet = "Two men were found dead in a home. Police made the discovery on Thursday."
    assert INCIDENTS(doc_of(quiet, claims=(claim(quiet, "Two men", 2, "found dead"),))
                     ).incidents == ()
    assert not Incidents(violence=False)(doc).incidents


def test_incidents_the_outlets_state_votes_for_the_state_the_article_is_about():
    from dateline.resources.geo import open_gazetteer
    from dateline.stages.places.outlet import read_outlet

    text = "A man was shot in Monroe on Friday. He was taken to a hospital in Bridgeport."
    monroe = place(text, "Monroe", "Monroe", cc="US", admin1="Louisiana", lat=32.5,
                   lon=-92.1, role="event", geonames_id=16)
    bridgeport = place(text, "Bridgeport", "Bridgeport", cc="US", admin1="Connecticut",
                       lat=41.18, lon=-73.19, geonames_id=17)
    outlet = read_outlet("https://www.nbcconnecticut.com/news/1", open_gazetteer())
    assert home_region((monroe, bridgeport), outlet) == ("US", "Connecticut")
    doc = doc_of(text, places=(monroe, bridgeport),
                 events=(event(text, "shot", "ASSAULT", mode="firearms", place=monroe),))
    assert INCIDENTS(doc).incidents[0].location.name == "Monroe"
    article = Article(id="t", text=text, published=datetime(2026, 3, 20),
                      url="https://www.nbcconnecticut.com/news/1")
    located = INCIDENTS(Doc(article=article, sentences=doc.sentences, places=doc.places,
                            events=doc.events)).incidents[0].location
    assert located.name == "Bridgeport"


def test_incidents_an_outlet_vote_that_leaves_no_place_is_set_aside():
    # The outlet (Connecticut) outvotes the one town the article names (in Louisiana), which
    # would leave the incident unlocated: the town is read as if the outlet were unknown.
    text = "A man was shot in Monroe on Friday. Police are looking for a suspect."
    monroe = place(text, "Monroe", "Monroe", cc="US", admin1="Louisiana", lat=32.5,
                   lon=-92.1, role="event", geonames_id=16)
    article = Article(id="t", text=text, published=datetime(2026, 3, 20),
                      url="https://www.nbcconnecticut.com/news/1")
    sentences = doc_of(text).sentences
    events = (event(text, "shot", "ASSAULT", mode="firearms", place=monroe),)
    doc = Doc(article=article, sentences=sentences, places=(monroe,), events=events)
    (incident,) = INCIDENTS(doc).incidents
    assert incident.location is not None and incident.location.name == "Monroe"


def test_incidents_a_county_named_without_its_word_is_no_location():
    # "Riley" is Riley Hospital, not Riley County, Kansas; the town of the article places it.
    text = "A boy was shot near Riley on Friday. He was taken to a hospital in Indianapolis."
    riley = place(text, "Riley", "Riley County", cc="US", admin1="Kansas", lat=39.3,
                  lon=-96.7, code="ADM2", role="event", geonames_id=20)
    indy = place(text, "Indianapolis", "Indianapolis", cc="US", admin1="Indiana", lat=39.77,
                 lon=-86.16, geonames_id=21)
    doc = doc_of(text, places=(riley, indy),
                 events=(event(text, "shot", "ASSAULT", mode="firearms", place=riley),))
    assert INCIDENTS(doc).incidents[0].location.name == "Indianapolis"
    # Written with its word, the county is where it happened.
    text = "A boy was shot in Anderson County on Friday. Police in Lexington said little."
    county = place(text, "Anderson County", "Anderson County", cc="US", admin1="Kentucky",
                   lat=38.0, lon=-84.99, code="ADM2", role="event", geonames_id=22)
    # Lexington lies about 35 km from the county's centre, in the next county: no refinement.
    lexington = place(text, "Lexington", "Lexington", cc="US", admin1="Kentucky", lat=38.05,
                      lon=-84.5, geonames_id=23)
    doc = doc_of(text, places=(county, lexington),
                 events=(event(text, "shot", "ASSAULT", mode="firearms", place=county),))
    assert INCIDENTS(doc).incidents[0].location.name == "Anderson County"


def test_incidents_the_headline_places_an_incident_the_text_does_not():
    text = "Six people were shot at a party on Saturday. Two were taken to a hospital."
    article = Article(id="t", text=text, published=datetime(2026, 3, 20),
                      title="Six injured in shooting at Fort Worth party - Example News",
                      url="https://www.example.com/news/1")
    doc = Doc(article=article, sentences=doc_of(text).sentences,
              events=(event(text, "shot", "ASSAULT", mode="firearms"),))
    (incident,) = INCIDENTS(doc).incidents
    location = incident.location
    assert location is not None and (location.name, location.admin1, location.found) == \
        ("Fort Worth", "Texas", "article")
    assert (location.start, location.end, location.text) == (0, 0, "")
    assert Incidents(headline=False)(doc).incidents[0].location is None


def test_incidents_the_headline_town_refines_a_county_or_state_that_holds_it():
    # The text names only the county; the headline names the town inside it.
    text = "A man was shot at a home on Saturday. Larimer County deputies are investigating."
    county = place(text, "Larimer County", "Larimer County", cc="US", admin1="Colorado",
                   lat=40.51, lon=-105.27, code="ADM2", geonames_id=30)

    def located(title: str):
        article = Article(id="t", text=text, published=datetime(2026, 3, 20), title=title,
                          url="https://www.example.com/news/1")
        doc = Doc(article=article, sentences=doc_of(text).sentences, places=(county,),
                  events=(event(text, "shot", "ASSAULT", mode="firearms"),))
        return INCIDENTS(doc).incidents[0].location

    # Loveland lies inside the county (about 20 km from its centre).
    location = located("Man shot at Loveland home - Example News")
    assert (location.name, location.geo_precision) == ("Loveland", 1)
    # Denver lies in the same state but far outside the county: the county stands.
    location = located("Man shot at Denver home - Example News")
    assert (location.name, location.geo_precision) == ("Larimer County", 2)


def test_incidents_a_page_that_lost_its_report_keeps_the_incident_its_headline_tells():
    text = "Sign up for our newsletter. Get the latest headlines in your inbox every morning."
    article = Article(id="t", text=text, published=datetime(2026, 3, 20),
                      title="Teen shot to death outside Fort Worth store - Example News",
                      url="https://www.example.com/news/1")
    doc = Doc(article=article, sentences=doc_of(text).sentences)
    (incident,) = INCIDENTS(doc).incidents
    assert (incident.type, incident.mentions, incident.text) == ("ASSAULT", (), "")
    assert incident.location is not None and (incident.location.name,
                                              incident.location.admin1) == ("Fort Worth", "Texas")
    assert incident.date is not None and incident.date.value == "2026-03-20"
    # A headline that tells of no harm makes no incident; nor does a headline without it.
    quiet = Article(id="t", text=text, published=datetime(2026, 3, 20),
                    title="Library opens a new wing in Fort Worth - Example News")
    assert INCIDENTS(Doc(article=quiet, sentences=doc.sentences)).incidents == ()
    assert Incidents(headline=False)(doc).incidents == ()


def test_incidents_a_state_named_in_passing_does_not_drop_the_only_town():
    text = "A man was shot in Mesa on Friday. He had moved from Missouri last year."
    mesa = place(text, "Mesa", "Mesa", cc="US", admin1="Arizona", lat=33.42, lon=-111.82,
                 role="event", geonames_id=40)
    missouri = place(text, "Missouri", "Missouri", cc="US", admin1="Missouri", lat=38.25,
                     lon=-92.5, code="ADM1", geonames_id=41)
    places = (mesa, missouri)
    # Missouri, named outright, outvotes the town ...
    assert home_region(places) == ("US", "Missouri")
    doc = doc_of(text, places=places,
                 events=(event(text, "shot", "ASSAULT", mode="firearms", place=mesa),))
    # ... but passing over Mesa would leave only the state: the town places the incident.
    location = INCIDENTS(doc).incidents[0].location
    assert (location.name, location.found, location.geo_precision) == ("Mesa", "clause", 1)


def test_incidents_a_town_named_as_a_reference_point_is_not_where_it_happened():
    text = "PLANO, Texas (AP) — A man was shot at a Dallas-area gas station on Friday."
    dateline = Dateline(0, 20, "PLANO, Texas (AP) —", place="PLANO, Texas", agency="AP")
    plano = place(text, "PLANO", "Plano", cc="US", admin1="Texas", lat=33.02, lon=-96.7,
                  role="dateline", geonames_id=50)
    dallas = place(text, "Dallas", "Dallas", cc="US", admin1="Texas", lat=32.78, lon=-96.8,
                   role="event", geonames_id=51)
    doc = doc_of(text, dateline=dateline, places=(plano, dallas),
                 events=(event(text, "shot", "ASSAULT", mode="firearms", place=dallas),))
    location = INCIDENTS(doc).incidents[0].location
    assert (location.name, location.found) == ("Plano", "dateline")
    # Where nothing else places it, the reference town still does.
    text = "A man was shot 20 miles north of Dallas on Friday."
    dallas = place(text, "Dallas", "Dallas", cc="US", admin1="Texas", lat=32.78, lon=-96.8,
                   role="event", geonames_id=51)
    doc = doc_of(text, places=(dallas,),
                 events=(event(text, "shot", "ASSAULT", mode="firearms", place=dallas),))
    assert INCIDENTS(doc).incidents[0].location.name == "Dallas"
