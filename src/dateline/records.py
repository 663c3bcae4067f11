"""Frozen records that flow through dateline: an Article in, a Doc of stand-off annotations out.

Every annotation carries ``start``/``end`` character offsets into ``Article.text`` and the
``text`` they cover, so each field of the output points back to its evidence. Records are data,
not behaviour; stages build new ones with ``dataclasses.replace``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse

Precision = Literal["second", "minute", "hour", "day", "week", "month", "quarter", "half",
                    "season", "year", "decade", "century"]
TimeKind = Literal["date", "time", "interval", "duration", "set"]
PlaceRole = Literal["dateline", "event", "mention"]
QuoteKind = Literal["direct", "indirect", "partial", "mixed"]
Factuality = Literal["asserted", "negated", "denied", "hypothetical", "future", "historical"]
# How an incident's date or location was found, from the most to the least direct evidence.
Found = Literal["clause", "sentence", "lead", "dateline", "published", "article"]


def content_id(*parts: object, prefix: str = "", length: int = 16) -> str:
    """Hash the parts into a short stable id, so a re-run updates instead of duplicating."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:length]}"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Dateline(Span):
    """The wire dateline printed before the body ("NAPLES, Italy (AP) —")."""

    place: str | None = None
    date: str | None = None
    agency: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as it was received; ``text`` is the archived copy every span points into."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: datetime | None = None
    dateline: Dateline | None = None
    language: str = "en"
    author: str | None = None

    @property
    def body_start(self) -> int:
        """Offset where the body begins, after any printed dateline."""
        return self.dateline.end if self.dateline else 0


@dataclass(frozen=True, slots=True)
class Role(Span):
    """A title, role, nationality or affiliation phrase attached to an entity."""

    kind: Literal["title", "role", "nationality", "affiliation", "descriptor"] = "role"


@dataclass(frozen=True, slots=True)
class Mention(Span):
    """One mention of an entity: a name, an alias, a description or a pronoun."""

    label: str = ""
    kind: Literal["name", "alias", "acronym", "nominal", "pronoun"] = "name"


@dataclass(frozen=True, slots=True)
class Entity(Span):
    """One real-world referent within the article; the span is its most complete mention."""

    id: str = ""
    name: str = ""
    label: str = ""
    mentions: tuple[Mention, ...] = ()
    roles: tuple[Role, ...] = ()
    aliases: tuple[str, ...] = ()
    affiliation: str | None = None
    affiliation_id: str | None = None
    nationality: str | None = None


@dataclass(frozen=True, slots=True)
class Ref(Span):
    """A pointer from an annotation to who or what it names: a speaker, source, actor."""

    entity_id: str | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class TimeRef(Span):
    """A time expression resolved against the publication date (ISO 8601 value)."""

    value: str | None = None
    precision: Precision | None = None
    kind: TimeKind = "date"
    anchor: str | None = None
    mod: str | None = None
    # The ends of an interval, each with its own span and value ("since May 2025" -> "May 2025").
    parts: tuple[TimeRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Place(Span):
    """A toponym or demonym resolved to a GeoNames entry, or kept as a named region."""

    name: str = ""
    geonames_id: int | None = None
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    feature_code: str | None = None
    population: int | None = None
    role: PlaceRole = "mention"
    confidence: float = 0.0
    demonym: bool = False


@dataclass(frozen=True, slots=True)
class Quote(Span):
    """Reported speech: content spans, the cue, the speaker and the channel it came through."""

    kind: QuoteKind = "direct"
    contents: tuple[Span, ...] = ()
    cue: Span | None = None
    speaker: Ref | None = None
    speaker_descriptor: str | None = None
    channel: Span | None = None
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Claim(Span):
    """A number stated in the text with its hedge, what it counts and who asserts it."""

    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str | None = None
    what: str | None = None
    predicate: str | None = None
    source: Ref | None = None
    cue: Span | None = None
    unit: str | None = None
    # The word the figure goes with ("killed" in "killed around 1,300 people"), so events and
    # readers can join figures that share one predicate ("killing 12 soldiers and one civilian").
    predicate_span: Span | None = None


@dataclass(frozen=True, slots=True)
class Quantity(Span):
    """A count attached to an event: dead, injured, arrested..."""

    kind: str = ""
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class PlaceRef(Span):
    """Where an event happened, as a pointer to a resolved place."""

    name: str | None = None
    geonames_id: int | None = None
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class TimeValue(Span):
    """When an event happened, as a pointer to a resolved time expression."""

    value: str | None = None
    precision: Precision | None = None


@dataclass(frozen=True, slots=True)
class Event(Span):
    """Who did what to whom; the span is the evidence clause, ``trigger`` the word that signals it."""

    id: str = ""
    type: str = ""
    mode: str | None = None
    trigger: Span | None = None
    actors: tuple[Ref, ...] = ()
    recipients: tuple[Ref, ...] = ()
    place: PlaceRef | None = None
    time: TimeValue | None = None
    quantities: tuple[Quantity, ...] = ()
    factuality: Factuality = "asserted"
    source: Ref | None = None
    confidence: float = 0.0
    # PLOVER contexts (why or within what it happened: "military", "crime_drugs",
    # "natural_hazard"...); see resources/plover_contexts.tsv.
    context: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Figure(Span):
    """A figure of an incident, taken from a claim: "at least 107 killed", and who says so."""

    predicate: str = ""
    value: Decimal | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    qualifier: str | None = None
    source: Ref | None = None


@dataclass(frozen=True, slots=True)
class IncidentDate(Span):
    """When an incident happened, with ACLED's time precision (1 day, 2 week, 3 month).

    The span is the time expression it was read from; empty (0, 0, "") where the date is the
    publication date.
    """

    value: str | None = None
    time_precision: int = 3
    found: Found = "published"


@dataclass(frozen=True, slots=True)
class IncidentLocation(Span):
    """Where an incident happened, with ACLED's geo precision (1 town, 2 area, 3 region)."""

    name: str = ""
    geonames_id: int | None = None
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: int = 3
    found: Found = "sentence"


@dataclass(frozen=True, slots=True)
class Incident(Span):
    """One real happening in an article: the events that describe it merged into one record.

    ``type`` is a PLOVER type, or ACCIDENT or DISASTER where PLOVER has none; ``mentions`` are
    the ids of the events merged into it; the span is the evidence of its main mention.
    """

    id: str = ""
    type: str = ""
    mode: str | None = None
    sub_event: str = ""
    actors: tuple[Ref, ...] = ()
    recipients: tuple[Ref, ...] = ()
    date: IncidentDate | None = None
    location: IncidentLocation | None = None
    figures: tuple[Figure, ...] = ()
    mentions: tuple[str, ...] = ()
    factuality: Factuality = "asserted"
    confidence: float = 0.0
    context: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Doc:
    """An article and every annotation the stages have produced for it."""

    article: Article
    sentences: tuple[Span, ...] = ()
    entities: tuple[Entity, ...] = ()
    times: tuple[TimeRef, ...] = ()
    places: tuple[Place, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    events: tuple[Event, ...] = ()
    incidents: tuple[Incident, ...] = ()
    # The spaCy parse, shared between stages in one process; never serialized or stored.
    parse: Parse | None = field(default=None, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON output contract (docs/schema.md)."""
        from dateline.serialize import doc_to_dict

        return doc_to_dict(self)
