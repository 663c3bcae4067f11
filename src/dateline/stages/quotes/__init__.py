"""Placeholder for the quotes stage: being written (produces nothing yet)."""

from __future__ import annotations

from dataclasses import dataclass

from dateline.records import Doc
from dateline.registry import stage


@stage("quotes", requires=("parse", "entities"), produces=("quotes",), components=("tagger", "parser", "ner"))
@dataclass(frozen=True)
class Quotes:
    """Placeholder."""

    def __call__(self, doc: Doc) -> Doc:
        return doc
