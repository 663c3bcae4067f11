"""Placeholder for the times stage: being written (produces nothing yet)."""

from __future__ import annotations

from dataclasses import dataclass

from dateline.records import Doc
from dateline.registry import stage


@stage("times", requires=("parse",), produces=("times",), components=("tagger", "parser", "ner"))
@dataclass(frozen=True)
class Times:
    """Placeholder."""

    def __call__(self, doc: Doc) -> Doc:
        return doc
