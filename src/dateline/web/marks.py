"""Lay a Doc's annotations over its text: segments to highlight and what each mark resolves to.

Annotations overlap and cross (a quote holds a date and a name; a place is also an entity
mention), so they cannot be nested HTML elements. The text is cut at every annotation boundary
instead; each piece lists the marks that cover it, and the page gives it one class per layer.
What a mark resolves to (a date's value, a place's coordinates, a quote's speaker) travels as
JSON beside the text and is shown on hover or selection by static/app.js.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from dateline.records import Claim, Doc, Entity, Event, Place, Quote, Span, TimeRef

LAYERS = ("entity", "time", "place", "quote", "claim", "event")


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted stretch: its layer, where it is, and the facts to show for it."""

    id: str
    layer: str
    start: int
    end: int
    title: str
    facts: tuple[tuple[str, str], ...] = ()
    link: str | None = None
    # A sub-class within the layer: an entity label, a quote's speaker or cue part...
    part: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"layer": self.layer, "title": self.title, "facts": [list(f) for f in self.facts],
                "link": self.link}


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of the text and the marks that cover it (none for plain text)."""

    text: str
    marks: tuple[Mark, ...] = ()

    @property
    def classes(self) -> str:
        names = {f"hl-{m.layer}" for m in self.marks}
        names.update(f"hl-{m.layer}-{m.part}" for m in self.marks if m.part)
        return " ".join(["hl", *sorted(names)])

    @property
    def ids(self) -> str:
        return " ".join(m.id for m in self.marks)


@dataclass(frozen=True)
class Marked:
    """An article cut into segments, and every mark by id for the page's script."""

    segments: tuple[Segment, ...]
    marks: dict[str, Mark] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def data(self) -> dict[str, dict[str, Any]]:
        return {mark_id: mark.to_dict() for mark_id, mark in self.marks.items()}


def mark_doc(doc: Doc, *, entity_link: Any = None, focus: tuple[int, int] | None = None
             ) -> Marked:
    """Cut ``doc``'s text into segments carrying its entities, times, places, quotes, claims
    and event triggers. ``entity_link(name, label)`` gives an entity's page URL, if any;
    ``focus`` (start, end) marks the evidence a link pointed at (layer "focus")."""
    text = doc.article.text
    found = list(_all_marks(doc, entity_link))
    if focus is not None:
        found.append(Mark("f0", "focus", focus[0], focus[1], "Evidence linked to",
                          (("characters", f"{focus[0]}–{focus[1]}"),)))
    marks = [m for m in found if 0 <= m.start < m.end <= len(text)]
    counts = {layer: 0 for layer in LAYERS}
    for layer, ids in _layer_ids(marks).items():
        counts[layer] = len(ids)
    return Marked(segments=tuple(segment_text(text, marks)),
                  marks={m.id: m for m in marks}, counts=counts)


def _layer_ids(marks: Iterable[Mark]) -> dict[str, set[str]]:
    """Distinct annotations per layer (a quote's speaker part is the same quote)."""
    out: dict[str, set[str]] = {}
    for m in marks:
        out.setdefault(m.layer, set()).add(m.id.split(".")[0])
    return out


def segment_text(text: str, marks: list[Mark]) -> Iterator[Segment]:
    """Yield the pieces of ``text`` between annotation boundaries, each with its covering marks.

    A sweep over sorted boundaries: O((n + k) log k) for n characters and k marks, with no
    per-character work.
    """
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    by_start: dict[int, list[Mark]] = {}
    for m in marks:
        by_start.setdefault(m.start, []).append(m)
    active: list[Mark] = []
    for left, right in itertools.pairwise(cuts):
        active = [m for m in active if m.end > left] + by_start.get(left, [])
        if right > left:
            # Longest first: the page's tooltip lists the enclosing quote before the name in it.
            covering = tuple(sorted(active, key=lambda m: (m.start - m.end, m.id)))
            yield Segment(text[left:right], covering)


# Marks per layer ----------------------------------------------------------------------------


def _all_marks(doc: Doc, entity_link: Any) -> Iterator[Mark]:
    for i, entity in enumerate(doc.entities):
        yield from _entity_marks(i, entity, entity_link)
    for i, time in enumerate(doc.times):
        yield _time_mark(i, time)
    for i, place in enumerate(doc.places):
        yield _place_mark(i, place)
    for i, quote in enumerate(doc.quotes):
        yield from _quote_marks(i, quote, entity_link)
    for i, claim in enumerate(doc.claims):
        yield _claim_mark(i, claim)
    for i, event in enumerate(doc.events):
        if event.trigger is not None:
            yield _event_mark(i, event)


def _facts(*pairs: tuple[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((k, _show(v)) for k, v in pairs if v not in (None, "", (), []))


def _show(value: Any) -> str:
    if isinstance(value, Decimal):
        return format_number(value)
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, tuple | list):
        return ", ".join(_show(v) for v in value)
    return str(value)


def format_number(value: Decimal | str | None) -> str:
    """Write a decimal with thousands separators, without a trailing .0 ("1,300")."""
    if value is None or value == "":
        return ""
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    return f"{number:,f}".rstrip("0").rstrip(".")


def _entity_marks(i: int, entity: Entity, entity_link: Any) -> Iterator[Mark]:
    roles = tuple(r.text for r in entity.roles)
    facts = _facts(("name", entity.name), ("label", entity.label), ("roles", roles),
                   ("affiliation", entity.affiliation), ("nationality", entity.nationality),
                   ("mentions", len(entity.mentions) or None))
    link = entity_link(entity.name, entity.label) if entity_link else None
    spans: Iterable[Span] = entity.mentions or (entity,)
    for j, mention in enumerate(spans):
        yield Mark(f"e{i}.{j}", "entity", mention.start, mention.end,
                   f"{entity.label or 'Entity'}: {entity.name}", facts, link,
                   part=(entity.label or "other").lower())


def _time_mark(i: int, time: TimeRef) -> Mark:
    facts = _facts(("value", time.value or "unresolved"), ("precision", time.precision),
                   ("kind", time.kind), ("modifier", time.mod), ("anchor", time.anchor))
    return Mark(f"t{i}", "time", time.start, time.end, f"Time: {time.text}", facts)


def _place_mark(i: int, place: Place) -> Mark:
    coordinates = (f"{place.lat:.4f}, {place.lon:.4f}" if place.lat is not None
                   and place.lon is not None else None)
    facts = _facts(("place", place.name), ("country", place.country_code),
                   ("region", place.admin1), ("coordinates", coordinates),
                   ("geonames", place.geonames_id), ("feature", place.feature_code),
                   ("role", place.role), ("confidence", round(place.confidence, 2)))
    return Mark(f"p{i}", "place", place.start, place.end, f"Place: {place.name or place.text}",
                facts, part=place.role)


def quote_speaker(quote: Quote) -> str:
    """The best name for who is quoted: the resolved entity, the words, or the description."""
    speaker = quote.speaker
    return ((speaker.name or speaker.text) if speaker else None) or quote.speaker_descriptor \
        or "unattributed"


def _quote_marks(i: int, quote: Quote, entity_link: Any) -> Iterator[Mark]:
    speaker = quote_speaker(quote)
    facts = _facts(("speaker", speaker),
                   ("speaker words", quote.speaker.text if quote.speaker else None),
                   ("described as", quote.speaker_descriptor), ("kind", quote.kind),
                   ("cue", quote.cue.text if quote.cue else None),
                   ("channel", quote.channel.text if quote.channel else None),
                   ("confidence", round(quote.confidence, 2)))
    title = f"Quote ({quote.kind}) by {speaker}"
    contents = quote.contents or (quote,)
    for j, content in enumerate(contents):
        yield Mark(f"q{i}.{j}", "quote", content.start, content.end, title, facts)
    extra = ((quote.speaker, "speaker"), (quote.cue, "cue"))
    for k, (span, part) in enumerate(extra):
        if span is not None and span.end > span.start:
            yield Mark(f"q{i}.{part}{k}", "quote", span.start, span.end, title, facts,
                       part=part)


def _claim_mark(i: int, claim: Claim) -> Mark:
    source = (claim.source.name or claim.source.text) if claim.source else None
    if claim.low is not None and claim.high is not None and claim.low != claim.high:
        figure = f"{format_number(claim.low)}–{format_number(claim.high)}"
    else:
        figure = format_number(claim.value if claim.value is not None else
                               claim.low if claim.low is not None else claim.high)
    facts = _facts(("value", figure), ("qualifier", claim.qualifier), ("unit", claim.unit),
                   ("counts", claim.what), ("predicate", claim.predicate),
                   ("source", source or "not attributed"),
                   ("cue", claim.cue.text if claim.cue else None))
    return Mark(f"c{i}", "claim", claim.start, claim.end, f"Claim: {claim.text}", facts)


def _event_mark(i: int, event: Event) -> Mark:
    assert event.trigger is not None
    actors = tuple(a.name or a.text for a in event.actors)
    recipients = tuple(r.name or r.text for r in event.recipients)
    place = event.place.name or event.place.text if event.place else None
    when = (event.time.value or event.time.text) if event.time else None
    source = (event.source.name or event.source.text) if event.source else None
    facts = _facts(("type", event.type), ("mode", event.mode), ("factuality", event.factuality),
                   ("actors", actors), ("recipients", recipients), ("place", place),
                   ("time", when), ("source", source),
                   ("counts", tuple(f"{format_number(q.value)} {q.kind}" if q.value is not None
                                    else q.text for q in event.quantities)),
                   ("confidence", round(event.confidence, 2)))
    return Mark(f"v{i}", "event", event.trigger.start, event.trigger.end,
                f"Event: {event.type}", facts, part=event.type.lower())
