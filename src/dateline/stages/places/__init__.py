"""Find the places an article names and resolve each offline to a GeoNames entry or a region.

Toponyms (GPE, LOC, FAC) and demonyms ("Iraqi" -> Iraq) are looked up in a compact gazetteer
index built once from registry packages (resources/geo), then resolved together using the
article as context ("Naples, Italy"; the other places named). Each place gets a role: the
dateline city, an event location, or a mention.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from dateline.records import Doc, Place
from dateline.registry import stage
from dateline.resources.geo import COUNTRY, Entry, open_gazetteer
from dateline.resources.geo.gazetteer import CACHE_ENV
from dateline.stages.places.outlet import read_outlet
from dateline.stages.places.resolve import confirm, resolve
from dateline.stages.places.roles import attributive, place_role
from dateline.stages.places.spans import Toponym, find_toponyms, link_containers

# Names kept without a gazetteer entry: streets, buildings, rivers. An unknown "GPE" is more
# often a person or a product NER mislabelled than a village the gazetteer lacks.
UNRESOLVED_LABELS = frozenset({"FAC", "LOC", "EMBEDDED"})


@stage("places", requires=("parse", "entities"), produces=("places",),
       components=("tagger", "parser", "ner"))
@dataclass(frozen=True)
class Places:
    """Find toponyms and demonyms and resolve them to GeoNames places, countries or regions."""

    # Where the gazetteer index is kept; empty: $DATELINE_CACHE_DIR, else ~/.cache/dateline.
    cache_dir: str = ""
    demonyms: bool = True
    # Also take capitalized words NER missed when they exactly name a country, state or region.
    find_unlabelled: bool = True
    # Keep facility and location names the gazetteer cannot resolve (streets, buildings,
    # rivers), without coordinates.
    keep_unresolved: bool = True
    # Read the outlet's home from the article's URL ("chicagotribune.com", a station's call
    # sign) as a prior for towns named without their state.
    outlet_prior: bool = True

    def __call__(self, doc: Doc) -> Doc:
        gazetteer = open_gazetteer(self.cache_dir or os.environ.get(CACHE_ENV) or None)
        sure, doubtful = find_toponyms(doc, gazetteer, demonyms=self.demonyms,
                                       unlabelled=self.find_unlabelled)
        link_containers(doc.article.text, sure)
        outlet = read_outlet(doc.article.url, gazetteer, doc.article.title) \
            if self.outlet_prior else None
        confirmed = confirm(doubtful, sure, resolve(sure, outlet))
        toponyms = sorted(sure + confirmed, key=lambda t: t.start)
        if confirmed:
            link_containers(doc.article.text, toponyms)
        resolutions = resolve(toponyms, outlet)
        dateline = doc.article.dateline
        places = []
        for toponym, resolution in zip(toponyms, resolutions, strict=True):
            if resolution.entry is None and not (self.keep_unresolved and
                                                 toponym.label in UNRESOLVED_LABELS):
                continue
            in_dateline = dateline is not None and dateline.start <= toponym.start < dateline.end
            role = place_role(doc.parse, toponym.start, toponym.end, in_dateline)
            entry = resolution.entry
            if entry is not None and entry.level == COUNTRY and not toponym.demonym:
                # "U.S. officials", "U.S.-Israeli attacks": a country name used as a nationality.
                toponym.demonym = attributive(doc.parse, toponym.start, toponym.end)
            places.append(_place(toponym, entry, resolution.confidence, role))
        return replace(doc, places=tuple(places))


def _place(toponym: Toponym, entry: Entry | None, confidence: float, role: str) -> Place:
    if entry is None:
        return Place(toponym.start, toponym.end, toponym.text, name=toponym.text, role=role,  # type: ignore[arg-type]
                     confidence=0.0, demonym=toponym.demonym)
    return Place(toponym.start, toponym.end, toponym.text, name=entry.name,
                 geonames_id=entry.geonameid, country_code=entry.cc, admin1=entry.admin1,
                 lat=entry.lat, lon=entry.lon, feature=entry.feature, feature_code=entry.fcode,
                 population=entry.population, role=role, confidence=confidence,  # type: ignore[arg-type]
                 demonym=toponym.demonym)
