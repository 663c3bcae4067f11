"""Group name mentions into one entity per real-world referent within the article."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from dateline.records import Doc, Entity, Mention, content_id
from dateline.registry import stage

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT",
                           "WORK_OF_ART", "LAW"})


@stage("entities", requires=("parse",), produces=("entities",), components=("ner", "parser"))
@dataclass(frozen=True)
class Entities:
    """Find named entities and merge their mentions (first version: exact names)."""

    labels: frozenset[str] = ENTITY_LABELS

    def __call__(self, doc: Doc) -> Doc:
        groups: dict[tuple[str, str], list[Any]] = {}
        for ent in doc.parse.ents:
            if ent.label_ in self.labels:
                groups.setdefault((ent.label_, ent.text), []).append(ent)
        entities = []
        for (label, name), ents in groups.items():
            mentions = tuple(Mention(e.start_char, e.end_char, e.text, label=label) for e in ents)
            first = mentions[0]
            entities.append(Entity(first.start, first.end, first.text,
                                   id=content_id(doc.article.id, label, name, prefix="ent_", length=12),
                                   name=name, label=label, mentions=mentions))
        entities.sort(key=lambda e: e.start)
        return replace(doc, entities=tuple(entities))
