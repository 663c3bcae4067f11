"""Find time expressions and resolve them against the publication date, with a precision.

"Friday" in an article published on Friday 2026-03-20 is 2026-03-20; "Feb. 28" is 2026-02-28;
"since May 2025" is the open interval "2025-05/.."; "last week" is "2026-W11". Without a
publication date, relative expressions keep their precision but get no value.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from dateline.records import Doc, TimeRef
from dateline.registry import stage
from dateline.stages.timex import Item, find_times


@stage("times", requires=("parse",), produces=("times",), components=("tagger", "parser", "lemmatizer"))
@dataclass(frozen=True)
class Times:
    """Find every time expression and give it a TIMEX3 value, precision and kind."""

    # Read relative expressions against the publication date; off, they get no value.
    anchor_to_published: bool = True

    def __call__(self, doc: Doc) -> Doc:
        published = doc.article.published
        anchor: date | None = published.date() if published and self.anchor_to_published else None
        text = doc.article.text
        items = find_times(text, anchor, doc.parse)
        # The printed dateline's date is the filing date, kept on Article.dateline.
        dateline = doc.article.dateline
        if dateline is not None:
            items = [i for i in items if not (dateline.start <= i[0] and i[1] <= dateline.end)]
        return replace(doc, times=tuple(to_time_ref(text, item) for item in items))


def to_time_ref(text: str, item: Item) -> TimeRef:
    """Build the record for one (start, end, reading) found in ``text``."""
    start, end, reading = item
    parts = tuple(to_time_ref(text, part) for part in reading.parts)
    return TimeRef(start, end, text[start:end], value=reading.value,
                   precision=reading.precision,  # type: ignore[arg-type]
                   kind=reading.kind,  # type: ignore[arg-type]
                   anchor=reading.anchor, mod=reading.mod, parts=parts)
