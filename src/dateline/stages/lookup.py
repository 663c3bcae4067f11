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
    """Return the entity and mention best covering [start, end): inside it, then overlapping it."""
    best: tuple[int, Entity, Mention] | None = None
    for entity in doc.entities:
        for mention in entity.mentions:
            if not overlaps(mention, start, end):
                continue
            inside = start <= mention.start and mention.end <= end
            score = (2 if inside else 1) * 1000 + (mention.end - mention.start)
            if best is None or score > best[0]:
                best = (score, entity, mention)
    return (best[1], best[2]) if best else None


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
