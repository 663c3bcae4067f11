"""Placeholder for the events stage: being written (produces nothing yet)."""

from __future__ import annotations

from dataclasses import dataclass

from dateline.records import Doc
from dateline.registry import stage


@stage("events", requires=("parse", "entities", "times", "places", "quotes", "claims"), produces=("events",), components=("tagger", "parser", "ner"))
@dataclass(frozen=True)
class Events:
    """Placeholder."""

    def __call__(self, doc: Doc) -> Doc:
        return doc
