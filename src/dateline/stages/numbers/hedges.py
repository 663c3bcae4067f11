"""Read the hedge written around a figure and the bounds it implies.

"at least 5" bounds the true number from below, "up to 5" and "nearly 5" from above, "around
5" neither. The figure itself stays the value; ``low``/``high`` record the bound the text
states, so "more than 1,300" gives low 1300 (the text's own figure, not an invented 1301).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from dateline.resources.numbers import QUALIFIERS_AFTER, QUALIFIERS_BEFORE

_LONGEST_BEFORE = max(len(q.split()) for q in QUALIFIERS_BEFORE)
_LONGEST_AFTER = max(len(q.split()) for q in QUALIFIERS_AFTER)
# "plus" after a figure is a hedge only when glued to it ("300-plus", "300 plus").
_GLUED = frozenset({"-plus", "plus"})


@dataclass(frozen=True, slots=True)
class Hedge:
    """A qualifier over words[start:end] and the direction it bounds the figure."""

    start: int
    end: int
    text: str
    direction: str  # ">=" lower bound, "<=" upper bound, "~" approximate, "=" exact


def hedge_before(words: Sequence[str], start: int) -> Hedge | None:
    """Return the longest qualifier that ends right before word ``start``."""
    for length in range(min(_LONGEST_BEFORE, start), 0, -1):
        text = " ".join(words[start - length:start])
        if text in QUALIFIERS_BEFORE:
            return Hedge(start - length, start, text, QUALIFIERS_BEFORE[text])
    return None


def hedge_after(words: Sequence[str], end: int) -> Hedge | None:
    """Return the longest qualifier that starts right after the figure ending at ``end``."""
    if end + 1 < len(words) and words[end] in ("-", "–") and words[end + 1] == "plus":
        return Hedge(end, end + 2, "-plus", QUALIFIERS_AFTER["-plus"])
    for length in range(_LONGEST_AFTER, 0, -1):
        if end + length > len(words):
            continue
        text = " ".join(words[end:end + length])
        if text in QUALIFIERS_AFTER and (length > 1 or text in _GLUED):
            return Hedge(end, end + length, text, QUALIFIERS_AFTER[text])
    return None


def bounds(value: Decimal | None, low: Decimal | None, high: Decimal | None,
           direction: str | None) -> tuple[Decimal | None, Decimal | None]:
    """Return (low, high) once the hedge's direction is applied to an exact figure."""
    if value is None or direction is None:
        return low, high
    if direction == ">=":
        return value, high
    if direction == "<=":
        return low, value
    return low, high
