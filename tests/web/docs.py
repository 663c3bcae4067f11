"""Hand-built Docs for the web tests: two reports of one toll from different sources, and an
article whose text carries markup that must be shown, never run. Written for these tests."""

from __future__ import annotations

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
    Quote,
    Ref,
    Span,
    TimeRef,
)
from store.sample_docs import at

FLOOD_A = (
    "Flash floods swept through the river valley on Sunday, killing at least 40 people, the "
    "regional governor said. Rescue teams were still searching villages near the dam."
)
FLOOD_B = (
    "The death toll from Sunday's floods in the river valley rose to 52 people, according to "
    "the Red Crescent. Hospital staff said more than 100 people were injured."
)
SCRIPT_TEXT = (
    "Hackers defaced the city council website on Monday, leaving the message "
    "<script>window.__pwned = 1; document.title = 'pwned'</script> and an image tag "
    "<img src=x onerror=\"window.__pwned = 2\"> on its front page, the council's spokesman "
    "Tomas Berg said. \"Nobody's data was taken,\" Berg told reporters."
)


def flood_docs() -> list[Doc]:
    """Two articles that give different death tolls for the same floods, from two sources."""
    first = make_article(FLOOD_A, published="2026-03-02", title="Floods kill 40 in valley",
                         source="Valley Herald")
    governor = Entity(*at(FLOOD_A, "the regional governor"), id="e-governor",
                      name="regional governor", label="PERSON",
                      mentions=(Mention(*at(FLOOD_A, "the regional governor"), label="PERSON",
                                        kind="nominal"),))
    toll_a = Claim(*at(FLOOD_A, "at least 40 people"), value=Decimal("40"), low=Decimal("40"),
                   qualifier="at least", what="people", predicate="killing",
                   source=Ref(*at(FLOOD_A, "the regional governor"), entity_id="e-governor",
                              name="regional governor"))
    second = make_article(FLOOD_B, published="2026-03-03", title="Flood toll rises to 52",
                          source="Coast Times")
    toll_b = Claim(*at(FLOOD_B, "52 people"), value=Decimal("52"), what="people",
                   predicate="killed", source=Ref(*at(FLOOD_B, "the Red Crescent"),
                                                  name="Red Crescent"),
                   cue=Span(*at(FLOOD_B, "according to")))
    injured = Claim(*at(FLOOD_B, "more than 100 people"), value=Decimal("100"),
                    low=Decimal("100"), qualifier="more than", what="people",
                    predicate="injured", source=Ref(*at(FLOOD_B, "Hospital staff"),
                                                    name="Hospital staff"))
    sunday = TimeRef(*at(FLOOD_A, "Sunday"), value="2026-03-01", precision="day")
    flood_a = _flood(FLOOD_A, "Flash floods swept through the river valley on Sunday, killing "
                     "at least 40 people", "Sunday", (toll_a,))
    flood_b = _flood(FLOOD_B, "The death toll from Sunday's floods in the river valley rose to "
                     "52 people", "Sunday", (toll_b, injured))
    return [Doc(article=first, entities=(governor,), times=(sunday,), claims=(toll_a,),
                incidents=(flood_a,)),
            Doc(article=second, claims=(toll_b, injured), incidents=(flood_b,))]


def _flood(text: str, evidence: str, day: str, claims: tuple[Claim, ...]) -> Incident:
    """The floods as one article's incident: a disaster in an area the gazetteer cannot place,
    with the article's figures."""
    return Incident(
        *at(text, evidence), id=f"inc-flood-{text[:4].lower()}", type="DISASTER",
        sub_event="Flood",
        date=IncidentDate(*at(text, day), value="2026-03-01", time_precision=1, found="clause"),
        location=IncidentLocation(*at(text, "the river valley"), name="river valley",
                                  geo_precision=2, found="clause"),
        figures=tuple(Figure(c.start, c.end, c.text, predicate=c.predicate or "", value=c.value,
                             low=c.low, high=c.high, qualifier=c.qualifier, source=c.source)
                      for c in claims),
        confidence=0.7, note=evidence + ".")


def script_doc() -> Doc:
    """An article whose text holds a <script> and an <img onerror>: data, not markup."""
    text = SCRIPT_TEXT
    art = make_article(text, published="2026-03-09", title="Council site defaced <b>again</b>",
                       source="City Desk")
    berg = Entity(*at(text, "Tomas Berg"), id="e-berg", name="Tomas Berg", label="PERSON",
                  mentions=(Mention(*at(text, "Tomas Berg"), label="PERSON"),
                            Mention(*at(text, "Berg", 1), label="PERSON", kind="alias")))
    script = "<script>window.__pwned = 1; document.title = 'pwned'</script>"
    quote = Quote(*at(text, "\"Nobody's data was taken,\" Berg told reporters"), kind="direct",
                  contents=(Span(*at(text, "Nobody's data was taken,")),),
                  cue=Span(*at(text, "told")),
                  speaker=Ref(*at(text, "Berg", 1), entity_id="e-berg", name="Tomas Berg"),
                  channel=Span(*at(text, "reporters")), confidence=0.9)
    event = Event(*at(text, "Hackers defaced the city council website on Monday"),
                  id="ev-deface", type="ASSAULT", mode="cyber", trigger=Span(*at(text, "defaced")),
                  actors=(Ref(*at(text, "Hackers"), name="Hackers"),), factuality="asserted",
                  confidence=0.7)
    claim = Claim(*at(text, script), what=script, value=Decimal("1"))
    return Doc(article=art, entities=(berg,), quotes=(quote,), events=(event,), claims=(claim,))
