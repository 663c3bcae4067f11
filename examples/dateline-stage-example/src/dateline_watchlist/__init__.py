"""An example dateline stage: find the names of a watch list in the text, as entities.

A newsroom follows a few organisations that the statistical model does not always tag
("Acme Holdings", "the Harbour Trust"); this stage adds each name found in the article as an
entity with its mentions, unless an entity found earlier already covers it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from dateline.records import Doc, Entity, Mention, content_id
from dateline.registry import stage


@stage("watchlist", produces=("entities",))
@dataclass(frozen=True)
class Watchlist:
    """Add the names of a watch list found in the text as entities."""

    # The names to look for, matched as whole words and case-sensitively.
    names: tuple[str, ...] = ()
    # The entity label the names get.
    label: Literal["ORG", "PERSON", "GPE", "NORP", "FAC"] = "ORG"

    def __call__(self, doc: Doc) -> Doc:
        text = doc.article.text
        covered = [(m.start, m.end) for e in doc.entities for m in e.mentions]
        found = []
        for name in self.names:
            mentions = tuple(
                Mention(m.start(), m.end(), m.group(), label=self.label)
                for m in re.finditer(rf"\b{re.escape(name)}\b", text)
                if not any(s < m.end() and m.start() < e for s, e in covered))
            if mentions:
                first = mentions[0]
                found.append(Entity(first.start, first.end, first.text,
                                    id=content_id(doc.article.id, "watchlist", name, prefix="w"),
                                    name=name, label=self.label, mentions=mentions))
        entities = sorted(doc.entities + tuple(found), key=lambda e: (e.start, e.end))
        return replace(doc, entities=tuple(entities))
