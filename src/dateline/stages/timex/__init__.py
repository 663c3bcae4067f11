"""Find time expressions in news text and resolve them to TIMEX3 values (a HeidelTime-style tagger).

Why by hand: dateparser and dateutil parse a string already cut out of the text and return one
datetime, losing the span, the granularity ("2026-W11", "2026-Q1") and the tense that picks which
Friday is meant; their ``search_dates`` is slow and finds many false dates in running prose. The
temporal taggers that do this (HeidelTime, SUTime) are Java; the Python ports are unmaintained.
So dateline keeps its own rules (``grammar``) and resolver (``dates``, ``relative``, ``spans``),
following the TIMEX3 conventions of TimeML so the output can be scored against TimeBank.
Adding spaCy's DATE/TIME entities that no rule found, valued by dateparser, was measured on
TimeBank+AQUAINT and lowered value F1 from 0.787 to 0.756 (ages, scores, "the day"), so it is
not done; ``dateline eval times`` reports that pairing as its baseline instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from dateline import budget
from dateline.stages.intervals import SpanIndex
from dateline.stages.timex.grammar import RULES, TRIGGER_AFTER, TRIGGER_BEFORE, Rule
from dateline.stages.timex.joins import Item, join_clocks, join_intervals
from dateline.stages.timex.reading import Context, Reading
from dateline.stages.timex.tense import tense_at

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse

__all__ = ["Item", "Reading", "find_times"]


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    order: int
    rule: Rule
    match: re.Match[str]


def find_times(text: str, published: date | None, parse: Parse | None = None) -> list[Item]:
    """Return (start, end, reading) for each time expression in ``text``, in text order."""
    chosen = _select(_candidates(text, parse))
    context = Context(published, lambda s, e: tense_at(parse, s, e))
    items: list[Item] = []
    for cand in chosen:
        context.span = (cand.start, cand.end)
        try:
            reading = cand.rule.read(cand.match, context)
        except (ValueError, OverflowError):
            # Calendar arithmetic past year 1 or 9999 ("Q4" in an article dated 0001-01-01,
            # "next week" in one dated 9999-12-31): a time no calendar holds is left unread.
            reading = None
        if reading is None:
            continue
        items.append((cand.start, cand.end, reading))
        if cand.rule.name not in _COUNTED and _sets_reference(reading, published):
            context.reference = reading.point
    return join_intervals(text, join_clocks(text, items))


def _candidates(text: str, parse: Parse | None) -> list[_Candidate]:
    found: list[_Candidate] = []
    for order, rule in enumerate(RULES):
        budget.check()  # once a rule: each reads the whole text
        for m in _matches(rule, text):
            start, end = rule.span(m)
            if end <= start or (rule.check is not None and not rule.check(m, text, parse)):
                continue
            start += _modifier_article(text, start, end)
            found.append(_Candidate(start, end, order, rule, m))
    return found


def _matches(rule: Rule, text: str) -> Iterator[re.Match[str]]:
    """Run the rule over the whole text, or only in windows around its trigger's hits."""
    if rule.trigger is None:
        yield from rule.pattern.finditer(text)
        return
    windows: list[list[int]] = []
    for hit in rule.trigger.finditer(text):
        lo, hi = max(0, hit.start() - TRIGGER_BEFORE), hit.end() + TRIGGER_AFTER
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        # Lookbehinds see the text before ``lo``; the end moves to a space so no word is cut.
        space = text.find(" ", min(hi, len(text)))
        yield from rule.pattern.finditer(text, lo, len(text) if space < 0 else space)


# "the two-week strike", "the third-quarter results": the article belongs to the noun that the
# hyphenated time modifies, not to the time.
_ARTICLE_OF_MODIFIER = re.compile(r"the\s+(?=(?:[\w]+[\s-])*[\w]+-(?:second|minute|hour|day|week|"
                                  r"month|quarter|year|decade|century)$)", re.IGNORECASE)


def _modifier_article(text: str, start: int, end: int) -> int:
    """Return how many characters of a leading "the" to drop before a hyphenated modifier."""
    found = _ARTICLE_OF_MODIFIER.match(text, start, end)
    if found is None or not re.match(r"\s+[a-z]", text[end:end + 2]):
        return 0
    return found.end() - start


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Keep the longest non-overlapping matches; on a tie, the rule listed first."""
    taken: list[_Candidate] = []
    occupied: SpanIndex[None] = SpanIndex()
    for cand in sorted(candidates, key=lambda c: (-(c.end - c.start), c.order, c.start)):
        if occupied.any_overlapping(cand.start, cand.end):
            continue
        taken.append(cand)
        occupied.add(cand.start, cand.end, None)
    return sorted(taken, key=lambda c: c.start)


# Rules whose times are counted from another ("a year ago"): they never become the reference.
_COUNTED = frozenset({"offset", "year_ago", "vague_ago"})


def _sets_reference(reading: Reading, published: date | None) -> bool:
    # Only times read from the calendar or from the publication date move the reference time;
    # one computed from the reference ("a year earlier") would make the next one drift.
    if reading.point is None or reading.kind not in ("date", "time"):
        return False
    return reading.anchor is None or (published is not None
                                      and reading.anchor == published.isoformat())
