"""Placeholder for the claims stage: being written (produces nothing yet)."""

from __future__ import annotations

from dataclasses import dataclass

from dateline.records import Doc
from dateline.registry import stage


@stage("claims", requires=("parse", "entities", "quotes"), produces=("claims",), components=("tagger", "parser", "ner"))
@dataclass(frozen=True)
class Claims:
    """Placeholder."""

    def __call__(self, doc: Doc) -> Doc:
        return doc
