"""Where an incident happened, from the most direct evidence: the place of its own clause, a
place of its sentences, of the article's lead, the dateline city, the town the article names
most, else the state or country the article names (a coarse location beats none).

The most direct evidence wins; where it is coarse (a country, a state), a finer place inside
it from less direct evidence refines it ("in Iraq" in the clause, "BAGHDAD" in the dateline),
else any town of the article inside it.
Local news is about one state or province: a town resolved to another one than the state the
article is about ("Homewood" read as the Alabama town in a Pittsburgh story) is passed over
while evidence placed in that state remains; so is a town resolved to a country the article
names nothing else in, where the article is about another country ("Park Avenue" read as a
town in Australia in a Kansas City story). Where passing over them would leave only a state or
country, the towns stay. A town named as a reference point ("a Houston-area home", "20 miles
north of Dallas") places the incident only where nothing else does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from dateline.records import Doc, IncidentLocation, Place, PlaceRef
from dateline.resources.geo import Entry
from dateline.resources.incidents import GEO_PRECISION
from dateline.resources.places import DIVISION_WORDS
from dateline.stages.incidents.dates import lead_of
from dateline.stages.incidents.grouping import Group, Sentences, distance_km
from dateline.stages.places.outlet import Outlet

_FINE_CLASSES = frozenset({"P", "S"})


def geo_precision(place: Place) -> int:
    """Return ACLED's geo precision of a resolved place: 1 town, 2 larger area, 3 region."""
    if place.feature_code in GEO_PRECISION:
        return GEO_PRECISION[place.feature_code]
    if place.feature in _FINE_CLASSES:
        return 1
    if place.feature in ("A", "L", "H", "T", "V"):
        return 2
    return 1 if place.admin1 else 3


def _located(place: Place, found: str) -> IncidentLocation:
    return IncidentLocation(place.start, place.end, place.text, name=place.name or place.text,
                            geonames_id=place.geonames_id, country_code=place.country_code,
                            admin1=place.admin1, lat=place.lat, lon=place.lon,
                            geo_precision=geo_precision(place), found=found)  # type: ignore[arg-type]


def headline_location(town: Entry) -> IncidentLocation:
    """Return the location of the town the headline names; its span is empty, as the
    headline is not in the text."""
    return IncidentLocation(0, 0, "", name=town.name, geonames_id=town.geonameid,
                            country_code=town.cc, admin1=town.admin1, lat=town.lat,
                            lon=town.lon, geo_precision=1, found="article")


def with_headline(location: IncidentLocation | None, town: Entry | None
                  ) -> IncidentLocation | None:
    """Return the incident's location, or the town the headline names where the text places
    the incident nowhere or only in a county, state or country that holds that town.

    A report often names its town in the headline alone and writes only the county or state
    in the text ("Boy killed in Plymouth shooting" over "... Orange County deputies said"):
    the headline's town is the finer place, as a town of the text inside a state would be.
    """
    if town is None:
        return location
    if location is None:
        return headline_location(town)
    if location.geo_precision > 1 and _holds(location, town):
        return headline_location(town)
    return location


def _holds(location: IncidentLocation, town: Entry) -> bool:
    """Return True when a coarse location holds ``town``: its country, its state, or a county
    of its state within ``COUNTY_KM`` of the county's centre."""
    if location.country_code is None or location.country_code != town.cc:
        return False
    if location.admin1 is None:
        return location.geo_precision == 3
    if location.admin1 != town.admin1:
        return False
    if location.geo_precision == 3:
        return True
    return _near_county_centre((town.lat, town.lon), (location.lat, location.lon))


_REFERENCE_BEFORE = re.compile(
    r"\b(?:miles|kilometers|km)\s+(?:(?:north|south|east|west)(?:east|west)?\s+of|outside(?:\s+of)?"
    r"|from)\s+(?:downtown\s+)?$|\bsuburbs?\s+of\s+(?:the\s+city\s+of\s+)?$", re.IGNORECASE)
_REFERENCE_AFTER = re.compile(r"^(?:-area\b|\s+suburbs?\b)", re.IGNORECASE)


def is_reference_point(text: str, place: Place) -> bool:
    """Return True for a town named only to say where another place lies ("a Houston-area
    home", "a suburb of Houston", "20 miles north of Atlanta")."""
    return geo_precision(place) == 1 and bool(
        _REFERENCE_BEFORE.search(text[max(0, place.start - 40):place.start]) or
        _REFERENCE_AFTER.match(text[place.end:place.end + 12]))


def _candidates(places: Iterable[Place]) -> list[Place]:
    return [p for p in places if p.lat is not None and p.lon is not None and not p.demonym
            and not _bare_county(p)]


def _bare_county(place: Place) -> bool:
    """Return True for a county read from its name alone ("Riley", "Gratiot", "Grand"): in a
    report, such a name is far more often a street, a hospital or a person than the county,
    which is written with its word ("Riley County", "Jefferson Co.")."""
    if place.feature_code != "ADM2":
        return False
    words = {w.strip(".").lower() for w in place.text.split()}
    return not words & (DIVISION_WORDS | {"co"})


def _best(places: Sequence[Place], near: int) -> Place | None:
    """Return the place told as where something happened, the finest, the nearest."""
    if not places:
        return None
    return min(places, key=lambda p: (p.role != "event", geo_precision(p), abs(p.start - near)))


# A place counts as inside a county (which places carry no code for) when it is in the same
# state and this close to the county's centre: about the radius of a typical US county.
COUNTY_KM = 30.0


def _near_county_centre(point: tuple[float | None, float | None],
                        centre: tuple[float | None, float | None]) -> bool:
    """Return True when ``point`` lies within COUNTY_KM of a county's ``centre``."""
    if None in point or None in centre:
        return False
    return distance_km(point, centre) <= COUNTY_KM  # type: ignore[arg-type]


def _inside(fine: Place, coarse: Place) -> bool:
    """Return True when ``fine`` lies inside ``coarse`` as far as the codes tell."""
    if fine.country_code is None or fine.country_code != coarse.country_code:
        return False
    if coarse.feature_code in ("ADM1", "ADM1H"):
        return fine.admin1 is not None and fine.admin1 == coarse.admin1
    if coarse.feature_code == "ADM2":
        # "Anderson County" is not refined by Lexington, a city of the next county.
        return fine.admin1 == coarse.admin1 and \
            _near_county_centre((fine.lat, fine.lon), (coarse.lat, coarse.lon))
    return True


def _place_of(doc: Doc, ref: PlaceRef) -> Place | None:
    return next((p for p in doc.places if p.start == ref.start and p.end == ref.end), None)


# Votes for the state an article is about: the dateline names it, a state or a county named
# outright says it, a town resolved into it only suggests it; the outlet's home (from its URL)
# counts as a state named once.
_VOTES = {"dateline": 3, "ADM1": 2, "ADM2": 2}
_OUTLET_VOTE = 2
# The leading state must have at least this share of the votes to count as the article's.
_REGION_SHARE = 0.5


def home_region(places: Sequence[Place], outlet: Outlet | None = None
                ) -> tuple[str, str] | None:
    """Return the (country code, admin1) the article is about, or None when it is unclear."""
    votes: Counter[tuple[str, str]] = Counter()
    home = outlet.home if outlet is not None else None
    if home is not None and home.cc is not None and home.admin1 is not None:
        votes[(home.cc, home.admin1)] += _OUTLET_VOTE
    for place in places:
        if place.country_code is None or place.admin1 is None or place.demonym or \
                _bare_county(place):
            continue
        weight = _VOTES.get(place.role, 0) or _VOTES.get(place.feature_code or "", 1)
        votes[(place.country_code, place.admin1)] += weight
    if not votes:
        return None
    (region, count), = votes.most_common(1)
    return region if count >= _REGION_SHARE * sum(votes.values()) else None


def home_country(places: Sequence[Place], outlet: Outlet | None = None) -> str | None:
    """Return the country most of the article's places lie in, or None when it is unclear."""
    votes = Counter(p.country_code for p in places if p.country_code and not p.demonym)
    prior = outlet.prior if outlet is not None else None
    if prior is not None and prior.cc is not None:
        votes[prior.cc] += _OUTLET_VOTE
    if not votes:
        return None
    (country, count), = votes.most_common(1)
    return country if count >= _REGION_SHARE * sum(votes.values()) else None


def _lone_countries(places: Sequence[Place]) -> frozenset[str]:
    """Return the countries the article names one place in, once, and nothing else."""
    seen: dict[str, set[str]] = {}
    for place in places:
        if place.country_code and not place.demonym:
            seen.setdefault(place.country_code, set()).add(place.text.lower())
    counts = Counter(p.country_code for p in places if p.country_code and not p.demonym)
    return frozenset(c for c, names in seen.items() if len(names) == 1 and counts[c] <= 2)


def _fits_region(place: Place, region: tuple[str, str] | None, country: str | None = None,
                 lone: frozenset[str] = frozenset()) -> bool:
    """Return False for a place inside another state of the article's country, and for a
    town in a country the article names nothing else in, away from the article's country."""
    if country is not None and place.country_code not in (None, country) \
            and place.country_code in lone and geo_precision(place) == 1:
        return False
    if region is None or place.country_code != region[0] or place.admin1 is None:
        return True
    return place.admin1 == region[1]


def _most_named(places: Sequence[Place]) -> list[Place]:
    """Return the first mention of the finest place the article names most often."""
    counts = Counter(p.geonames_id for p in places if p.geonames_id)
    if not counts:
        return []
    ranked = sorted(places, key=lambda p: (geo_precision(p), -counts[p.geonames_id or 0], p.start))
    return ranked[:1]


def incident_location(doc: Doc, group: Group, sentences: Sentences,
                      outlet: Outlet | None = None) -> IncidentLocation | None:
    """Return the incident's location and how it was found, or None where nothing places it;
    ``outlet`` is what the article's URL says of where its outlet is.

    The outlet's vote only passes over places: where it leaves nothing (a story from another
    state than the outlet's), the places are read as if the outlet were unknown.
    """
    found = _locate(doc, group, sentences, outlet)
    if found is None and outlet is not None:
        return _locate(doc, group, sentences, None)
    return found


def _locate(doc: Doc, group: Group, sentences: Sentences,
            outlet: Outlet | None) -> IncidentLocation | None:
    at = group.events[0].trigger.start if group.events and group.events[0].trigger else \
        group.cue.start if group.cue else 0
    region = home_region(doc.places, outlet)
    country, lone = home_country(doc.places, outlet), _lone_countries(doc.places)
    places = [p for p in _candidates(doc.places) if _fits_region(p, region, country, lone)]
    if region is not None and not any(geo_precision(p) < 3 for p in places):
        # The state voted for passes over towns of other states so that a town of its own
        # places the incident; where no town or county of it is left, a state named in
        # passing ("a Missouri native" in a Phoenix story) is not worth the towns it drops.
        region = None
        places = [p for p in _candidates(doc.places) if _fits_region(p, None, country, lone)]
    # "a Houston-area home", "20 miles north of Atlanta": a town named as a reference point
    # is not where it happened; it still places the incident where nothing else does.
    text = doc.article.text
    everywhere = places
    places = [p for p in places if not is_reference_point(text, p)]
    told = [_place_of(doc, e.place) for e in group.events if e.place is not None]
    own = [p for p in _candidates(p for p in told if p is not None)
           if _fits_region(p, region, country, lone) and not is_reference_point(text, p)]
    spans = [s for n in sorted(group.sentences) if (s := sentences.span(n)) is not None]
    in_sentences = [p for p in places if p.role != "dateline"
                    and any(s.start <= p.start < s.end for s in spans)]
    lead = lead_of(doc, group, sentences)
    in_lead = [p for p in places if p.role != "dateline" and lead is not None
               and lead.start <= p.start < lead.end]
    dateline = [p for p in places if p.role == "dateline"]
    named = _most_named([p for p in places if p.role != "dateline" and geo_precision(p) == 1])
    levels: tuple[tuple[str, list[Place]], ...] = (
        ("clause", own), ("sentence", in_sentences), ("lead", in_lead), ("dateline", dateline),
        ("article", named))
    for n, (found, group_places) in enumerate(levels):
        chosen = _best(group_places, at)
        if chosen is None:
            continue
        location = _located(chosen, found)
        if location.geo_precision == 1:
            return location
        # A coarse place: a finer one inside it, from the same or less direct evidence.
        for finer_found, finer_places in levels[n:]:
            inside = [p for p in finer_places if geo_precision(p) < location.geo_precision
                      and _inside(p, chosen)]
            finer = _best(inside, at)
            if finer is not None:
                return _located(finer, finer_found)
        # Any town of the article inside it ("Fairbanks" in a story told "in Alaska").
        towns = [p for p in places if geo_precision(p) < location.geo_precision
                 and _inside(p, chosen)]
        finer = _best(_most_named(towns), at)
        return _located(finer, "article") if finer is not None else location
    # No town anywhere: the state or country the article names is still where it happened.
    coarse = _best([p for p in everywhere if p.role != "dateline"], at)
    return _located(coarse, "article") if coarse is not None else None
