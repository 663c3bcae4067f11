"""Pure stages: each turns a Doc into a new Doc and does no I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dateline.registry import missing_requirement

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse

    from dateline.records import Doc


def parse_of(doc: Doc, stage_name: str) -> Parse:
    """Return the document's spaCy parse, or raise the StageError that names the 'nlp' stage."""
    if doc.parse is None:
        raise missing_requirement(stage_name, "parse")
    parse: Parse = doc.parse
    return parse
