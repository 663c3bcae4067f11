"""What a rule reads from a match (a Reading) and what it reads it against (a Context)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from dateline.resources.timex import CARDINALS, MODIFIERS, POSITIONS, UNIT_FACTOR, UNIT_PLURALS, UNITS
from dateline.stages.timex.calendar import Grain, Point
from dateline.stages.timex.tense import Tense


@dataclass(frozen=True, slots=True)
class Reading:
    """The meaning of one time expression: its TIMEX3 value and how it was found."""

    value: str | None
    precision: str | None
    kind: str = "date"
    mod: str | None = None
    # The value of the time this one was computed from (the publication date, or an earlier
    # expression for "a year earlier"); None for absolute dates.
    anchor: str | None = None
    point: Point | None = None
    # Sub-expressions with their own span, for intervals: (start, end, reading).
    parts: tuple[tuple[int, int, Reading], ...] = ()


@dataclass
class Context:
    """What a time expression is read against: the publication date, tense, the last time named."""

    dct: date | None
    tense_of: Callable[[int, int], Tense | None]
    # The last date mentioned, which "a year earlier" and "the next day" count from.
    reference: Point | None = None
    # (start, end) of the match being read, for the tense lookup.
    span: tuple[int, int] = field(default=(0, 0))

    @property
    def tense(self) -> Tense | None:
        return self.tense_of(*self.span)

    @property
    def anchor(self) -> Point | None:
        """The reference time if there is one, else the publication day."""
        if self.reference is not None:
            return self.reference
        return Point("day", self.dct) if self.dct else None


def group(m: re.Match[str], name: str) -> str | None:
    """Return a named group's text, or None when the rule's pattern has no such group."""
    return m.groupdict().get(name)


def point_reading(point: Point | None, *, anchor: Point | date | None = None, mod: str | None = None,
                  kind: str = "date", precision: str | None = None,
                  grain: Grain | None = None) -> Reading:
    """Return the Reading of a calendar point; a missing point keeps the precision, no value."""
    if isinstance(anchor, date):
        anchor = Point("day", anchor)
    # A calendar grain is named as records.TimeRef names precisions ("week", "quarter"...).
    prec = precision or (point.grain if point else (grain or "day"))
    if point is None:
        return Reading(None, prec, kind, mod)
    return Reading(point.value, prec, kind, mod, anchor.value if anchor else None, point)


def ref_reading(value: str, mod: str | None = None) -> Reading:
    """Return PRESENT_REF, PAST_REF or FUTURE_REF: a time with no calendar position."""
    return Reading(value, None, "date", mod)


def unit_of(word: str) -> str:
    """Return the singular unit word for "years", "centuries", "two-week"."""
    word = word.lower().strip()
    if word in UNIT_PLURALS:
        return UNIT_PLURALS[word]
    if word not in UNITS and word.endswith("s") and word[:-1] in UNITS:
        return word[:-1]
    return word


_FRACTIONS = {"1/2": Fraction(1, 2), "1/4": Fraction(1, 4), "3/4": Fraction(3, 4),
              "half": Fraction(1, 2), "quarter": Fraction(1, 4)}


def count_of(text: str | None) -> Fraction | None:
    """Return the number a count phrase states ("twenty-four", "5 1/2", "a"), None if vague."""
    if not text:
        return None
    phrase = " ".join(text.lower().replace("-", " ").replace(",", "").split())
    phrase = re.sub(r"\b(?:a )?(?:couple|pair)(?: of)?\b", "2", phrase)
    phrase = re.sub(r"\ban\b", "a", phrase)
    words = phrase.split()
    if words[:1] == ["half"] or words[:2] == ["a", "half"]:
        return Fraction(1, 2)
    current, seen = Fraction(0), False
    for w in words:
        if w in ("and", "of") or (w == "a" and seen):
            continue
        if w in _FRACTIONS and seen:
            current += _FRACTIONS[w]
        elif re.fullmatch(r"\d+(?:\.\d+)?", w):
            current += Fraction(w)
            seen = True
        elif w in ("hundred", "thousand", "dozen"):
            current = (current or Fraction(1)) * {"hundred": 100, "thousand": 1000, "dozen": 12}[w]
            seen = True
        elif w in CARDINALS:
            current += CARDINALS[w]
            seen = True
        else:
            return None
    return current if seen else None


_SMALLER = {"Y": (12, "M", False), "M": (30, "D", False), "W": (7, "D", False),
            "D": (24, "H", True), "H": (60, "M", True), "MIN": (60, "S", True)}


def duration_value(amount: Fraction | None, unit: str) -> str:
    """Return an ISO 8601 duration: P3Y, PT2H, P1Y6M, PXW for an unknown amount."""
    letter, is_time, _ = UNITS[unit]
    prefix = "PT" if is_time else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    amount *= UNIT_FACTOR.get(unit, 1)
    if letter == "DE":
        letter, amount = "Y", amount * 10
    elif letter == "CE":
        letter, amount = "Y", amount * 100
    elif letter == "ML":
        letter, amount = "Y", amount * 1000
    elif letter == "Q":
        letter, amount = "M", amount * 3
    elif letter == "WE":
        letter, amount = "D", amount * 2
    whole = int(amount)
    rest = amount - whole
    if rest == 0:
        return f"{prefix}{whole}{letter}"
    key = "MIN" if (is_time and letter == "M") else letter
    if key in _SMALLER:
        factor, smaller, smaller_is_time = _SMALLER[key]
        part = rest * factor
        if part.denominator == 1:
            head = f"{whole}{letter}" if whole else ""
            if smaller_is_time and not is_time:
                return f"P{head}T{int(part)}{smaller}"
            return f"{prefix}{head}{int(part)}{smaller}"
    return f"{prefix}{float(amount):g}{letter}"


def mod_of(text: str | None) -> str | None:
    """Return the TIMEX3 mod for a hedge ("nearly") or a position ("early", "the end of")."""
    if not text:
        return None
    key = " ".join(text.lower().split()).rstrip("-")
    return MODIFIERS.get(key) or POSITIONS.get(key) or POSITIONS.get(key + "-")
