"""Find annotations by character offset; shared by stages that link to entities, times and places."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from dateline.records import Claim, Doc, Entity, Mention, Place, Quote, Ref, Span, TimeRef
from dateline.stages.intervals import SpanIndex, cached

S = TypeVar("S", bound=Span)


def overlaps(a: Span, start: int, end: int) -> bool:
    """Return True when ``a`` shares at least one character with [start, end)."""
    return a.start < end and start < a.end


def within(items: Iterable[S], start: int, end: int) -> list[S]:
    """Return the items lying entirely inside [start, end), in text order."""
    return sorted((i for i in items if start <= i.start and i.end <= end), key=lambda i: i.start)


def mention_at(doc: Doc, start: int, end: int) -> tuple[Entity, Mention] | None:
    """Return the entity and mention that [start, end) refers to.

    Among mentions inside the span, a person wins, then the rightmost: the head of an English
    noun phrase comes at its end ("Apple Inc. CEO Steve Jobs", "Saudi Arabia's Civil Defense
    Authority"). Failing that, the longest mention overlapping the span.
    """
    inside: list[tuple[Entity, Mention]] = []
    overlapping: list[tuple[Entity, Mention]] = []
    for entity, mention in mention_index(doc).overlapping(start, end):
        if start <= mention.start and mention.end <= end:
            inside.append((entity, mention))
        else:
            overlapping.append((entity, mention))
    if inside:
        return max(inside, key=lambda em: (em[0].label == "PERSON", em[1].end,
                                           em[1].end - em[1].start))
    if overlapping:
        return max(overlapping, key=lambda em: em[1].end - em[1].start)
    return None


def entity_by_id(doc: Doc, entity_id: str | None) -> Entity | None:
    """Return the entity with this id, or None."""
    if not entity_id:
        return None
    return cached(doc.entities, "by_id", lambda: _first_by(doc.entities, lambda e: e.id)) \
        .get(entity_id)


def entity_named(doc: Doc, name: str) -> Entity | None:
    """Return the first entity whose canonical name is ``name``, or None."""
    if not name:
        return None
    return cached(doc.entities, "by_name", lambda: _first_by(doc.entities, lambda e: e.name)) \
        .get(name)


def _first_by(entities: tuple[Entity, ...], key: Callable[[Entity], str]) -> dict[str, Entity]:
    found: dict[str, Entity] = {}
    for entity in entities:
        found.setdefault(key(entity), entity)
    return found


def mention_index(doc: Doc) -> SpanIndex[tuple[Entity, Mention]]:
    """Return every (entity, mention) of the Doc, indexed by character range."""
    return cached(doc.entities, "mentions", lambda: SpanIndex(
        (m.start, m.end, (e, m)) for e in doc.entities for m in e.mentions))


def place_index(doc: Doc) -> SpanIndex[Place]:
    """Return the Doc's places indexed by character range."""
    return cached(doc.places, "places", lambda: SpanIndex((p.start, p.end, p) for p in doc.places))


def time_index(doc: Doc) -> SpanIndex[TimeRef]:
    """Return the Doc's times indexed by character range."""
    return cached(doc.times, "times", lambda: SpanIndex((t.start, t.end, t) for t in doc.times))


def claim_index(doc: Doc) -> SpanIndex[Claim]:
    """Return the Doc's claims indexed by character range."""
    return cached(doc.claims, "claims", lambda: SpanIndex((c.start, c.end, c) for c in doc.claims))


def quote_content_index(doc: Doc) -> SpanIndex[Quote]:
    """Return the Doc's quotes indexed by the character ranges of their contents."""
    return cached(doc.quotes, "contents", lambda: SpanIndex(
        (c.start, c.end, q) for q in doc.quotes for c in q.contents))


def ref_for(doc: Doc, start: int, end: int) -> Ref:
    """Return a Ref for the span [start, end), linked to the entity it names when there is one."""
    text = doc.article.text[start:end]
    found = mention_at(doc, start, end)
    if found is None:
        return Ref(start, end, text)
    entity, _ = found
    return Ref(start, end, text, entity_id=entity.id, name=entity.name)
