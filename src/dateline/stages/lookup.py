"""Find annotations by character offset; shared by stages that link to entities, times and places."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from dateline.records import Doc, Entity, Mention, Ref, Span

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
    for entity in doc.entities:
        for mention in entity.mentions:
            if start <= mention.start and mention.end <= end:
                inside.append((entity, mention))
            elif overlaps(mention, start, end):
                overlapping.append((entity, mention))
    if inside:
        return max(inside, key=lambda em: (em[0].label == "PERSON", em[1].end,
                                           em[1].end - em[1].start))
    if overlapping:
        return max(overlapping, key=lambda em: em[1].end - em[1].start)
    return None


def entity_by_id(doc: Doc, entity_id: str | None) -> Entity | None:
    """Return the entity with this id, or None."""
    return next((e for e in doc.entities if e.id == entity_id), None) if entity_id else None


def ref_for(doc: Doc, start: int, end: int) -> Ref:
    """Return a Ref for the span [start, end), linked to the entity it names when there is one."""
    text = doc.article.text[start:end]
    found = mention_at(doc, start, end)
    if found is None:
        return Ref(start, end, text)
    entity, _ = found
    return Ref(start, end, text, entity_id=entity.id, name=entity.name)
