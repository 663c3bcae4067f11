"""Where an incident happened, from the most direct evidence: the place of its own clause, a
place of its sentences, of the article's lead, the dateline city.

The most direct evidence wins; where it is coarse (a country, a state), a finer place inside
it from less direct evidence refines it ("in Iraq" in the clause, "BAGHDAD" in the dateline).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from dateline.records import Doc, IncidentLocation, Place, PlaceRef
from dateline.resources.incidents import GEO_PRECISION
from dateline.stages.incidents.dates import lead_of
from dateline.stages.incidents.grouping import Group, Sentences

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


def _candidates(places: Iterable[Place]) -> list[Place]:
    return [p for p in places if p.lat is not None and p.lon is not None and not p.demonym]


def _best(places: Sequence[Place], near: int) -> Place | None:
    """Return the place told as where something happened, the finest, the nearest."""
    if not places:
        return None
    return min(places, key=lambda p: (p.role != "event", geo_precision(p), abs(p.start - near)))


def _inside(fine: Place, coarse: Place) -> bool:
    """Return True when ``fine`` lies inside ``coarse`` as far as the codes tell."""
    if fine.country_code is None or fine.country_code != coarse.country_code:
        return False
    if coarse.feature_code in ("ADM1", "ADM1H"):
        return fine.admin1 is not None and fine.admin1 == coarse.admin1
    return True


def _place_of(doc: Doc, ref: PlaceRef) -> Place | None:
    return next((p for p in doc.places if p.start == ref.start and p.end == ref.end), None)


def incident_location(doc: Doc, group: Group, sentences: Sentences) -> IncidentLocation | None:
    """Return the incident's location and how it was found, or None where nothing places it."""
    at = group.events[0].trigger.start if group.events and group.events[0].trigger else \
        group.cue.start if group.cue else 0
    places = _candidates(doc.places)
    own = _candidates(p for e in group.events if e.place is not None
                      and (p := _place_of(doc, e.place)) is not None)
    spans = [s for n in sorted(group.sentences) if (s := sentences.span(n)) is not None]
    in_sentences = [p for p in places if p.role != "dateline"
                    and any(s.start <= p.start < s.end for s in spans)]
    lead = lead_of(doc, group, sentences)
    in_lead = [p for p in places if p.role != "dateline" and lead is not None
               and lead.start <= p.start < lead.end]
    dateline = [p for p in places if p.role == "dateline"]
    levels = (("clause", own), ("sentence", in_sentences), ("lead", in_lead),
              ("dateline", dateline))
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
        return location
    return None
