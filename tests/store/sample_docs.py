"""Hand-built Docs with every layer filled, for fast store, query and export tests.

The articles are written for these tests; offsets are computed from the text so every span is
exact, as the pipeline's would be.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from dateline.ingest.article import make_article
from dateline.records import (
    Claim,
    Doc,
    Entity,
    Event,
    Figure,
    Incident,
    IncidentDate,
    IncidentLocation,
    Mention,
    Place,
    PlaceRef,
    Quantity,
    Quote,
    Ref,
    Role,
    Span,
    TimeRef,
    TimeValue,
)

PORT_TEXT = (
    "KHORRAMSHAHR, Iran (AP) — Gunmen attacked a police post near the port of Khorramshahr on "
    "Tuesday, killing at least 12 officers, provincial officials said. \"We will find those "
    "responsible,\" Governor Reza Tavakoli told AFP. Around 300 dockworkers stayed home the "
    "next day, according to the port authority."
)

SUMMIT_TEXT = (
    "BRUSSELS, March 20 /TASS/. NATO agreed on Friday to move its training mission from Baghdad "
    "to Naples, Italy. Spokesperson Allison Hart said the move was temporary. The alliance had "
    "about 500 personnel in Iraq in 2025."
)


def at(text: str, phrase: str, nth: int = 0) -> tuple[int, int, str]:
    """Return (start, end, phrase) of the nth occurrence of ``phrase`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase), phrase


def port_doc(published: str = "2026-02-10T09:30:00+03:30") -> Doc:
    """An assault in Iran with a casualty count, a direct quote and a hedged claim."""
    text = PORT_TEXT
    art = make_article(text, published=published, title="Gunmen attack port police post",
                       source="Example Wire", url="https://news.example/port-attack")
    sentences = (Span(*at(text, text[art.body_start:text.index(".") + 1])),)
    gunmen = Entity(*at(text, "Gunmen"), id="e-gunmen", name="Gunmen", label="NORP",
                    mentions=(Mention(*at(text, "Gunmen"), label="NORP", kind="nominal"),))
    tavakoli = Entity(*at(text, "Reza Tavakoli"), id="e-tavakoli", name="Reza Tavakoli",
                      label="PERSON",
                      mentions=(Mention(*at(text, "Reza Tavakoli"), label="PERSON"),),
                      roles=(Role(*at(text, "Governor"), kind="title"),),
                      aliases=("Tavakoli",), nationality="IR")
    police = Entity(*at(text, "police post"), id="e-police", name="police post", label="ORG",
                    mentions=(Mention(*at(text, "police post"), label="ORG", kind="nominal"),))
    tuesday = TimeRef(*at(text, "Tuesday"), value="2026-02-10", precision="day", kind="date",
                      anchor="2026-02-10")
    place = Place(*at(text, "Khorramshahr"), name="Khorramshahr", geonames_id=127319,
                  country_code="IR", admin1="Khuzestan", lat=30.44, lon=48.17, feature="P",
                  feature_code="PPL", population=133097, role="event", confidence=0.9)
    dateline_place = replace(place, start=0, end=len("KHORRAMSHAHR"), text="KHORRAMSHAHR",
                             role="dateline", confidence=0.95)
    quote = Quote(*at(text, "\"We will find those responsible,\" Governor Reza Tavakoli told AFP"),
                  kind="direct", contents=(Span(*at(text, "We will find those responsible,")),),
                  cue=Span(*at(text, "told")),
                  speaker=Ref(*at(text, "Governor Reza Tavakoli"), entity_id="e-tavakoli",
                              name="Reza Tavakoli"),
                  channel=Span(*at(text, "AFP")), confidence=0.92)
    claim = Claim(*at(text, "Around 300 dockworkers"), value=Decimal("300"), qualifier="around",
                  what="dockworkers stayed home", predicate="stayed home",
                  source=Ref(*at(text, "the port authority"), name="port authority"),
                  cue=Span(*at(text, "according to")))
    killed = Claim(*at(text, "at least 12 officers"), value=Decimal("12"), low=Decimal("12"),
                   qualifier="at least", what="officers killed", predicate="killed",
                   source=Ref(*at(text, "provincial officials"), name="provincial officials"))
    event = Event(*at(text, "Gunmen attacked a police post near the port of Khorramshahr on "
                            "Tuesday, killing at least 12 officers"),
                  id="ev-port", type="ASSAULT", mode="firearms", trigger=Span(*at(text, "attacked")),
                  actors=(Ref(*at(text, "Gunmen"), entity_id="e-gunmen", name="Gunmen"),),
                  recipients=(Ref(*at(text, "a police post"), entity_id="e-police",
                                  name="police post"),),
                  place=PlaceRef(*at(text, "Khorramshahr"), name="Khorramshahr",
                                 geonames_id=127319, country_code="IR", admin1="Khuzestan",
                                 lat=30.44, lon=48.17),
                  time=TimeValue(*at(text, "Tuesday"), value="2026-02-10", precision="day"),
                  quantities=(Quantity(*at(text, "at least 12 officers"), kind="killed",
                                       value=Decimal("12"), low=Decimal("12"),
                                       qualifier="at least"),),
                  factuality="asserted",
                  source=Ref(*at(text, "provincial officials"), name="provincial officials"),
                  confidence=0.81)
    incident = Incident(
        *at(text, event.text), id="inc-port", type="ASSAULT", mode="firearms",
        sub_event="Armed clash", actors=event.actors, recipients=event.recipients,
        date=IncidentDate(*at(text, "Tuesday"), value="2026-02-10", time_precision=1,
                          found="clause"),
        location=IncidentLocation(*at(text, "Khorramshahr"), name="Khorramshahr",
                                  geonames_id=127319, country_code="IR", admin1="Khuzestan",
                                  lat=30.44, lon=48.17, geo_precision=1, found="clause"),
        figures=(Figure(*at(text, "at least 12 officers"), predicate="killed",
                        value=Decimal("12"), low=Decimal("12"), qualifier="at least",
                        source=killed.source),),
        mentions=("ev-port",), factuality="asserted", confidence=0.81,
        note="Gunmen attacked a police post near Khorramshahr; at least 12 killed.")
    return Doc(article=art, sentences=sentences, entities=(gunmen, tavakoli, police),
               times=(tuesday,), places=(dateline_place, place), quotes=(quote,),
               claims=(killed, claim), events=(event,), incidents=(incident,))


def summit_doc(published: str = "2026-03-20") -> Doc:
    """An agreement with an indirect quote, a decimal-free claim and a future event."""
    text = SUMMIT_TEXT
    art = make_article(text, published=published, title="NATO moves Iraq mission",
                       source="TASS", url="https://news.example/nato-naples")
    nato = Entity(*at(text, "NATO"), id="e-nato", name="NATO", label="ORG",
                  mentions=(Mention(*at(text, "NATO"), label="ORG"),
                            Mention(*at(text, "The alliance"), label="ORG", kind="nominal")),
                  aliases=("North Atlantic Treaty Organization",))
    hart = Entity(*at(text, "Allison Hart"), id="e-hart", name="Allison Hart", label="PERSON",
                  mentions=(Mention(*at(text, "Allison Hart"), label="PERSON"),),
                  roles=(Role(*at(text, "Spokesperson"), kind="role"),),
                  affiliation="NATO", affiliation_id="e-nato")
    friday = TimeRef(*at(text, "Friday"), value="2026-03-20", precision="day", anchor="2026-03-20")
    year = TimeRef(*at(text, "in 2025"), value="2025", precision="year", kind="interval",
                   parts=(TimeRef(*at(text, "2025"), value="2025", precision="year"),))
    naples = Place(*at(text, "Naples"), name="Naples", geonames_id=3172394, country_code="IT",
                   admin1="Campania", lat=40.85, lon=14.27, role="event", confidence=0.8)
    iraq = Place(*at(text, "Iraq"), name="Iraq", geonames_id=99237, country_code="IQ", lat=33.0,
                 lon=44.0, feature="A", feature_code="PCLI", role="mention", confidence=0.7)
    quote = Quote(*at(text, "Spokesperson Allison Hart said the move was temporary"),
                  kind="indirect", contents=(Span(*at(text, "the move was temporary")),),
                  cue=Span(*at(text, "said")),
                  speaker=Ref(*at(text, "Spokesperson Allison Hart"), entity_id="e-hart",
                              name="Allison Hart"), confidence=0.7)
    claim = Claim(*at(text, "about 500 personnel"), value=Decimal("500.0"), qualifier="about",
                  what="personnel", unit=None)
    move = Event(*at(text, "NATO agreed on Friday to move its training mission from Baghdad to "
                           "Naples, Italy"),
                 id="ev-move", type="AGREE", trigger=Span(*at(text, "agreed")),
                 actors=(Ref(*at(text, "NATO"), entity_id="e-nato", name="NATO"),),
                 place=PlaceRef(*at(text, "Naples"), name="Naples", country_code="IT",
                                admin1="Campania", lat=40.85, lon=14.27),
                 time=TimeValue(*at(text, "Friday"), value="2026-03-20", precision="day"),
                 factuality="future", confidence=0.6, context=("military", "diplomatic"))
    return Doc(article=art, sentences=(Span(*at(text, "NATO agreed on Friday to move its training "
                                                  "mission from Baghdad to Naples, Italy.")),),
               entities=(nato, hart), times=(friday, year), places=(naples, iraq),
               quotes=(quote,), claims=(claim,), events=(move,),
               incidents=(Incident(*at(text, move.text), id="inc-move", type="AGREE",
                                   sub_event="Agreement", actors=move.actors,
                                   date=IncidentDate(0, 0, "", value="2026-03-20",
                                                     time_precision=1, found="published"),
                                   location=IncidentLocation(
                                       *at(text, "Naples"), name="Naples", country_code="IT",
                                       admin1="Campania", lat=40.85, lon=14.27,
                                       geo_precision=2, found="sentence"),
                                   mentions=("ev-move",), factuality="future",
                                   confidence=0.6, context=move.context),))


def bare_doc(text: str = "Officials said on Monday that the bridge would reopen next month.",
             published: str | None = None) -> Doc:
    """A Doc with no annotations at all (and no publication date)."""
    return Doc(article=make_article(text, published=published))


def numbered_docs(count: int, start: datetime | None = None) -> list[Doc]:
    """Distinct copies of the two sample articles, one day apart, for paging tests."""
    start = start or datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    docs = []
    for i in range(count):
        base = port_doc() if i % 2 == 0 else summit_doc()
        text = base.article.text + f" (Item {i}.)"
        day = start + timedelta(days=i)
        art = replace(make_article(text, published=day.isoformat()), title=base.article.title,
                      source=base.article.source)
        events = tuple(replace(e, id=f"{e.id}-{i}", time=None) for e in base.events)
        incidents = tuple(replace(x, id=f"{x.id}-{i}", date=None,
                                  mentions=tuple(f"{m}-{i}" for m in x.mentions))
                          for x in base.incidents)
        docs.append(replace(base, article=art, events=events, incidents=incidents))
    return docs
