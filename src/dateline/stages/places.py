"""Placeholder for the places stage: being written (produces nothing yet)."""

from __future__ import annotations

from dataclasses import dataclass

from dateline.records import Doc
from dateline.registry import stage


@stage("places", requires=("parse", "entities"), produces=("places",), components=("tagger", "parser", "ner"))
@dataclass(frozen=True)
class Places:
    """Placeholder."""

    def __call__(self, doc: Doc) -> Doc:
        return doc
