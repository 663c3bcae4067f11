"""A second report of the sample port attack (another outlet, a day later, other figures) and an
unrelated attack of the same kind, written for the linking tests."""

from __future__ import annotations

from decimal import Decimal

from dateline.ingest.article import make_article
from dateline.records import (
    Doc,
    Entity,
    Figure,
    Incident,
    IncidentDate,
    IncidentLocation,
    Mention,
    Place,
    Ref,
    Span,
)

from .sample_docs import at

FOLLOW_UP_TEXT = (
    "KHORRAMSHAHR, Iran — The toll from Tuesday's attack by gunmen on a police post in "
    "Khorramshahr rose to 15 officers killed, the Khuzestan police chief said on Wednesday. "
    "Iranian state media said 20 officers were wounded at the police post near the port."
)

OTHER_TEXT = (
    "KANO, Nigeria — Gunmen attacked a market in Kano on Saturday, killing 4 traders, "
    "police spokesman Abdullahi Haruna said. Traders in Kano closed their stalls."
)


def _place(text: str, name: str, gid: int, cc: str, admin1: str, lat: float, lon: float,
           nth: int = 0) -> Place:
    return Place(*at(text, name, nth), name=name, geonames_id=gid, country_code=cc,
                 admin1=admin1, lat=lat, lon=lon, feature="P", feature_code="PPL",
                 role="event", confidence=0.9)


def follow_up_doc(published: str = "2026-02-11T08:00:00+00:00") -> Doc:
    """Another outlet's report of the port attack a day later: 15 killed, 20 wounded."""
    text = FOLLOW_UP_TEXT
    art = make_article(text, published=published, title="Toll in Khorramshahr police post "
                       "attack rises to 15", source="Gulf Daily",
                       url="https://gulf.example/khorramshahr-toll")
    place = _place(text, "Khorramshahr", 127319, "IR", "Khuzestan", 30.44, 48.17)
    gunmen = Entity(*at(text, "gunmen"), id="e-gunmen", name="Gunmen", label="NORP",
                    mentions=(Mention(*at(text, "gunmen"), label="NORP", kind="nominal"),))
    chief = Ref(*at(text, "the Khuzestan police chief"), name="Khuzestan police chief")
    media = Ref(*at(text, "Iranian state media"), name="Iranian state media")
    incident = Incident(
        *at(text, "The toll from Tuesday's attack by gunmen on a police post in Khorramshahr "
                  "rose to 15 officers killed"),
        id="inc-toll", type="ASSAULT", mode="firearms", sub_event="Armed clash",
        actors=(Ref(*at(text, "gunmen"), entity_id="e-gunmen", name="Gunmen"),),
        date=IncidentDate(*at(text, "Tuesday"), value="2026-02-10", time_precision=1,
                          found="clause"),
        location=IncidentLocation(*at(text, "Khorramshahr"), name="Khorramshahr",
                                  geonames_id=127319, country_code="IR", admin1="Khuzestan",
                                  lat=30.44, lon=48.17, geo_precision=1, found="clause"),
        figures=(Figure(*at(text, "15 officers killed"), predicate="killed",
                        value=Decimal("15"), source=chief),
                 Figure(*at(text, "20 officers were wounded"), predicate="injured",
                        value=Decimal("20"), source=media)),
        mentions=("ev-toll",), confidence=0.8, note="The toll rose to 15 officers killed.")
    return Doc(article=art, sentences=(Span(0, len(text), text),), entities=(gunmen,),
               places=(place,), incidents=(incident,))


def other_attack_doc(published: str = "2026-02-14T10:00:00+00:00") -> Doc:
    """An unrelated attack of the same kind, elsewhere, a few days later."""
    text = OTHER_TEXT
    art = make_article(text, published=published, title="Gunmen kill four traders in Kano "
                       "market", source="Lagos Times", url="https://lagos.example/kano-market")
    place = _place(text, "Kano", 2335204, "NG", "Kano", 12.0, 8.52, 1)
    haruna = Entity(*at(text, "Abdullahi Haruna"), id="e-haruna", name="Abdullahi Haruna",
                    label="PERSON", mentions=(Mention(*at(text, "Abdullahi Haruna"),
                                                      label="PERSON"),))
    incident = Incident(
        *at(text, "Gunmen attacked a market in Kano on Saturday, killing 4 traders"),
        id="inc-kano", type="ASSAULT", mode="firearms", sub_event="Attack",
        date=IncidentDate(*at(text, "Saturday"), value="2026-02-14", time_precision=1,
                          found="clause"),
        location=IncidentLocation(*at(text, "Kano", 1), name="Kano", geonames_id=2335204,
                                  country_code="NG", admin1="Kano", lat=12.0, lon=8.52,
                                  geo_precision=1, found="clause"),
        figures=(Figure(*at(text, "4 traders"), predicate="killed", value=Decimal("4"),
                        source=Ref(*at(text, "police spokesman Abdullahi Haruna"),
                                   name="Abdullahi Haruna")),),
        mentions=("ev-kano",), confidence=0.8)
    return Doc(article=art, sentences=(Span(0, len(text), text),), entities=(haruna,),
               places=(place,), incidents=(incident,))
