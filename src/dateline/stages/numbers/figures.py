"""Find number phrases in a list of lower-case words and read their value or bounds.

Works on plain words (one per spaCy token) so it is cheap and testable without a model.
Parsers exist for number words (text2num, word2number), but none reads what news prints in
one pass: figures mixing digits and words ("1.5 million", "$3bn"), counting nouns ("half a
dozen"), vague quantities with honest bounds ("several hundred", "hundreds of thousands")
and ranges ("between 10 and 15", "two or three"). The grammar of English cardinals is a
small closed class, so a short accumulator is simpler than stitching a library around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import overload

from dateline.resources.numbers import (
    COUNTING_NOUNS,
    CURRENCIES,
    CURRENCY_PREFIXES,
    HALF,
    MAGNITUDES,
    MULTIPLICATIVES,
    MULTIPLIED_ACTS,
    NOT_A_BOUND,
    PAIR_WORDS,
    PERCENT_WORDS,
    PLURAL_COUNTS,
    UNITS,
    VAGUE_QUANTIFIERS,
)

_DIGITS = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^\.\d+$")
_DIGITS_MAGNITUDE = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|mln|bn|b|tn)$")
_SPELLED_MAGNITUDES = {w: v for w, v in MAGNITUDES.items() if len(w) > 2}
# A currency mark glued to a figure, as one token: "sgd2.4", "hk$3bn", "rs500", "€35".
_GLUED_MONEY = re.compile(r"^([a-z]{1,3}\$|[a-z]{2,3}\.?|[^\w\s])(\.?\d.*)$")
# Magnitudes written apart from a money figure, or split off it by the tokenizer: "€35 m".
_MONEY_MAGNITUDES = {**{w: v for w, v in MAGNITUDES.items() if len(w) <= 3}, "m.": 1_000_000}
_DASHES = frozenset({"-", "–", "—"})
_MAX_VAGUE_WORDS = 3


# Significant digits a figure may have: the precision of the default decimal context, within
# which every sum and product of the reading stays exact.
MAX_DIGITS = 28


class _Replaced(Sequence[str]):
    """The words with one of them replaced, without copying the list (it may be long)."""

    def __init__(self, words: Sequence[str], at: int, word: str) -> None:
        self.words, self.at, self.word = words, at, word

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.words)))]
        if index < 0:
            index += len(self.words)
        return self.word if index == self.at else self.words[index]


@dataclass(frozen=True, slots=True)
class Figure:
    """A number phrase over words[start:end]: an exact value, or bounds and the vague words."""

    start: int
    end: int
    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    vague: str | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class _Core:
    end: int
    value: Decimal
    magnitude: int  # the largest magnitude word read ("15 million" -> 1_000_000), else 1


def digit_value(word: str) -> Decimal | None:
    """Return the value of a figure written in digits ("1,300", "2.5", "3bn"), else None.

    A figure with more digits than MAX_DIGITS is no count a news text states: None.
    """
    if len(word) > MAX_DIGITS and sum(ch.isdigit() for ch in word) > MAX_DIGITS:
        return None
    if _DIGITS.match(word):
        try:
            return Decimal(word.replace(",", ""))
        except InvalidOperation:
            return None
    match = _DIGITS_MAGNITUDE.match(word)
    if match:
        return Decimal(match.group(1)) * MAGNITUDES[match.group(2)]
    return None


def scan(words: Sequence[str]) -> list[Figure]:
    """Return every number phrase in ``words`` (lower-case, one per token), in order."""
    found: list[Figure] = []
    i = 0
    while i < len(words):
        figure = read_figure(words, i)
        if figure is None:
            i += 1
            continue
        found.append(figure)
        i = figure.end
    return found


def read_figure(words: Sequence[str], i: int) -> Figure | None:
    """Read the number phrase starting at word ``i``, with its currency or percent unit.

    A phrase whose value is too large for exact decimal arithmetic ("a billion billion
    billion", 29 digits or more) is skipped: it is no count, and it would not survive rounding.
    """
    try:
        figure = _read_figure(words, i)
    except ArithmeticError:  # decimal.Overflow or InvalidOperation: far too large to count
        return None
    if figure is None or not all(_fits(x) for x in (figure.value, figure.low, figure.high)):
        return None
    return figure


def _fits(value: Decimal | None) -> bool:
    return value is None or (value.is_finite() and abs(value).adjusted() < MAX_DIGITS)


def _read_figure(words: Sequence[str], i: int) -> Figure | None:
    if i >= 2 and words[i - 1] in _DASHES and digit_value(words[i - 2]) is not None:
        return None  # the tail of a code or a score ("714-796-7802", "3-2")
    unit = None
    start = i
    glued = split_currency(words[i])
    if glued is not None:
        unit, number = glued  # "HKD2.5-billion": read on as if the code stood apart
        words = _Replaced(words, i, number)
    elif words[i] in CURRENCY_PREFIXES:
        unit = CURRENCY_PREFIXES[words[i]]
        i += 1
        if i >= len(words):
            return None
    if words[i] in PAIR_WORDS and unit is None:
        return Figure(i, i + 1, Decimal(PAIR_WORDS[words[i]]))
    if words[i] in MULTIPLICATIVES and unit is None:
        act = [w for w in words[i + 1:i + 3] if w not in ("fatal", "deadly")][:1]
        if act and act[0] in MULTIPLIED_ACTS:
            return Figure(i, i + 1, Decimal(MULTIPLICATIVES[words[i]]))  # "a triple homicide"
    figure = _read_vague(words, i) or _read_plural(words, i) or _read_range_or_exact(words, i)
    if figure is None:
        return None
    value, low, high, end = figure.value, figure.low, figure.high, figure.end
    if unit is not None and end < len(words) and words[end] in _MONEY_MAGNITUDES and \
            digit_value(words[end - 1]) is not None and not _DIGITS_MAGNITUDE.match(words[end - 1]):
        scale = _MONEY_MAGNITUDES[words[end]]  # "€35m" comes as "€", "35", "m"
        value, low, high = (x * scale if x is not None else None for x in (value, low, high))
        end += 1
    end, suffix_unit = _read_unit_after(words, end)
    unit = unit or suffix_unit
    return Figure(start, end, tidy(value), tidy(low), tidy(high), figure.vague, unit)


def split_currency(word: str) -> tuple[str, str] | None:
    """Return (unit, figure) of a currency mark glued to a figure ("sgd2.4" -> SGD, "2.4")."""
    match = _GLUED_MONEY.match(word)
    if match is None or match.group(1) not in CURRENCY_PREFIXES:
        return None
    number = match.group(2)
    if digit_value(number) is None:
        return None
    return CURRENCY_PREFIXES[match.group(1)], number


def tidy(value: Decimal | None) -> Decimal | None:
    """Drop a trailing ".0" that arithmetic left ("1.5 million" -> 1500000, not 1500000.0)."""
    if value is None or not _fits(value) or value != value.to_integral_value():
        return value
    return value.quantize(Decimal(1))


def _read_unit_after(words: Sequence[str], i: int) -> tuple[int, str | None]:
    for length in (2, 1):
        phrase = " ".join(words[i:i + length])
        if len(words[i:i + length]) == length and phrase in PERCENT_WORDS:
            return i + length, PERCENT_WORDS[phrase]
    if i < len(words) and words[i] in CURRENCIES and words[i] not in ("franc", "dinar"):
        return i + 1, CURRENCIES[words[i]]
    return i, None


def _read_exact(words: Sequence[str], i: int) -> _Core | None:
    """Accumulate one cardinal: digits, number words, magnitudes, "a dozen", "half a million"."""
    n = len(words)
    total = Decimal(0)
    group: Decimal | None = None
    factor = Decimal(1)
    magnitude = 1
    numeric = False
    j = i
    last = ""
    if j + 1 < n and words[j] == "half" and words[j + 1] in ("a", "an"):
        factor, j = HALF, j + 1
    while j < n:
        word = words[j]
        digits = digit_value(word)
        if digits is not None:
            if last:
                break
            group, last, numeric = digits, "digit", True
            suffixed = _DIGITS_MAGNITUDE.match(word)
            if suffixed:
                magnitude = MAGNITUDES[suffixed.group(2)]
        elif word in UNITS:
            small = UNITS[word]
            after_hundred = last in ("hundred", "and") and group is not None and group % 100 == 0
            after_tens = last in ("tens", "dash") and small < 10  # "twenty-five"
            if last in ("", "big", "and") and group is None:
                group = Decimal(small)
            elif after_hundred or after_tens:
                group = (group if group is not None else Decimal(0)) + small
            else:
                break
            last, numeric = ("tens" if small >= 20 and small % 10 == 0 else "unit"), True
        elif word in ("a", "an") and not last and j + 1 < n and (
                words[j + 1] in _SPELLED_MAGNITUDES or words[j + 1] in COUNTING_NOUNS):
            group, last = Decimal(1), "a"
        elif word == "hundred" and group is not None and group < 100 and last != "hundred":
            group = (group if group is not None else Decimal(1)) * 100
            last, numeric = "hundred", True
            magnitude = max(magnitude, 100)
        elif word in _SPELLED_MAGNITUDES and word != "hundred" and group is not None:
            total += (group if group is not None else Decimal(1)) * _SPELLED_MAGNITUDES[word]
            group, last, numeric = None, "big", True
            magnitude = max(magnitude, _SPELLED_MAGNITUDES[word])
        elif word in COUNTING_NOUNS and last in ("a", "unit", "tens", "digit") and word != "score":
            group = (group if group is not None else Decimal(1)) * COUNTING_NOUNS[word]
            last, numeric = "dozen", True
        elif word in _DASHES and last == "tens" and j + 1 < n and words[j + 1] in UNITS:
            last = "dash"
        elif word in _DASHES and last == "digit" and magnitude == 1 and j + 1 < n and \
                words[j + 1] in _SPELLED_MAGNITUDES and words[j + 1] != "hundred":
            last = "dash"  # "$1.2-billion", "a 1.5-million-strong army"
        elif word == "and" and last in ("hundred", "big") and j + 1 < n and words[j + 1] in UNITS:
            last = "and"
        else:
            break
        j += 1
    if not numeric or last in ("a", "dash", "and"):
        return None
    value = (total + (group if group is not None else Decimal(0))) * factor
    return _Core(j, value, magnitude)


def _read_range_or_exact(words: Sequence[str], i: int) -> Figure | None:
    first = _read_exact(words, i)
    if first is None:
        return None
    j = first.end
    before = words[i - 1] if i > 0 else ""
    # "between 10 and 15" is a range; "rose from 10 to 15" is a change, read as two figures.
    joiners = _DASHES | ({"and"} if before == "between" else {"or"} if before == "from"
                         else {"to", "or"})
    if j + 1 < len(words) and words[j] in joiners and words[j + 1] not in NOT_A_BOUND:
        second = _read_exact(words, j + 1)
        if second is not None and not _continues_code(words, second.end):
            low = first.value
            if first.magnitude == 1 and second.magnitude > 1 and low < second.value / 10:
                low *= second.magnitude
            if low < second.value:
                return Figure(i, second.end, None, low, second.value)
        if words[j] in _DASHES and second is not None:
            # "714-796-7802", "3-2": a code or a score, not two figures.
            return None
    return Figure(i, j, first.value)


def _continues_code(words: Sequence[str], j: int) -> bool:
    return j + 1 < len(words) and words[j] in _DASHES and digit_value(words[j + 1]) is not None


def _read_plural(words: Sequence[str], i: int) -> Figure | None:
    """Read "dozens", "hundreds", "tens of thousands": a lower bound only."""
    word = words[i]
    if word not in PLURAL_COUNTS:
        return None
    low = Decimal(PLURAL_COUNTS[word])
    end = i + 1
    if end + 1 < len(words) and words[end] == "of" and words[end + 1] in ("thousands", "millions",
                                                                           "billions"):
        # "tens of thousands": at least twenty thousand.
        low *= MAGNITUDES[words[end + 1].removesuffix("s")]
        end += 2
    elif word == "tens" or (word == "scores" and not (end < len(words) and words[end] == "of")):
        return None  # "tens" only in "tens of thousands"; "scores" only in "scores of people"
    return Figure(i, end, None, low, None, " ".join(words[i:end]))


def _read_vague(words: Sequence[str], i: int) -> Figure | None:
    """Read "several hundred", "a few", "a couple of dozen": bounds, never a precise value."""
    for length in range(_MAX_VAGUE_WORDS, 0, -1):
        phrase = " ".join(words[i:i + length])
        if len(words[i:i + length]) != length or phrase not in VAGUE_QUANTIFIERS:
            continue
        low_times, high_times = VAGUE_QUANTIFIERS[phrase]
        end = i + length
        scale = 1
        if end < len(words) and words[end] in _SPELLED_MAGNITUDES:
            scale = _SPELLED_MAGNITUDES[words[end]]
            end += 1
        elif end < len(words) and words[end] in COUNTING_NOUNS and words[end] != "score":
            scale = COUNTING_NOUNS[words[end]]
            end += 1
        low = Decimal(low_times * scale)
        high = Decimal((high_times + 1) * scale - 1) if high_times is not None else None
        return Figure(i, end, None, low, high, " ".join(words[i:end]))
    return None
