"""The rules: one regular expression per kind of time expression, and the function that reads it.

Spans follow TimeML: determiners, hedges and "ago" belong to the expression ("the third
quarter", "nearly two years ago"), prepositions do not ("in 2018" -> "2018"). Where a rule needs
the word before the expression to decide (only "for years", not "years"), the expression is the
group ``x`` and the rest is context.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dateline.stages.timex import dates, relative, spans
from dateline.stages.timex.patterns import (
    AGE_AFTER,
    CLOCK,
    COUNT,
    DAY_NUM,
    DECADE_WORD,
    HOLIDAY_CAPITALIZED,
    MOD_BEFORE,
    MONTH,
    MONTH_NAME,
    ORDINAL,
    PART_OF_DAY,
    QUARTER_ORDINAL,
    RANGE_COUNT,
    SEASON,
    SPELLED_YEAR,
    UNIT_SINGULAR,
    UNIT_WORDS,
    VAGUE,
    WEEKDAY,
    WEEKDAYS_PLURAL,
    YEAR,
    YEAR_OR_SHORT,
)
from dateline.stages.timex.reading import Context, Reading

if TYPE_CHECKING:
    from spacy.tokens import Doc as Parse

Handler = Callable[[re.Match[str], Context], "Reading | None"]
# A veto on a match, given the text and the spaCy parse (None when there is none).
Check = Callable[[re.Match[str], str, "Parse | None"], bool]


@dataclass(frozen=True)
class Rule:
    """A pattern, the function that reads its matches, and an optional cheap veto."""

    name: str
    pattern: re.Pattern[str]
    read: Handler
    check: Check | None = None
    # A cheap pattern every match contains: the rule runs only around its hits (speed).
    trigger: re.Pattern[str] | None = None

    def span(self, m: re.Match[str]) -> tuple[int, int]:
        """Return the characters of the time expression itself (group ``x`` when present)."""
        if "x" in self.pattern.groupindex and m.start("x") >= 0:
            return m.start("x"), m.end("x")
        return m.start(), m.end()


_MONTHS = (r"\b(?-i:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL"
           r"|AUG|SEP|OCT|NOV|DEC)")
_UNITS = r"\b(?:second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|centur|millenn)"
_TRIGGERS = {
    "month_day": _MONTHS, "day_month": _MONTHS, "month_year": _MONTHS, "month": _MONTHS,
    "numeric_date": r"\d/\d", "iso_date": r"\d-\d", "year_range": r"\d\s*[-–/]",
    "century": r"centur", "decade": r"(?:0'?s|ties)\b", "season": r"spring|summer|fall|autumn|winter",
    "half": r"half", "half_unit": r"half", "quarter": r"quarter", "quarter_of_year": r"quarter",
    "weekday": r"\b(?:mon|tue|wed|thu|fri|sat|sun)", "weekend": r"weekend",
    "year": r"\d{4}", "fiscal_short": r"fiscal|FY", "fiscal_year": r"fiscal",
    "spelled_year": r"\b(?:nineteen|eighteen|twenty|thousand)\b", "quarter_code": r"Q[1-4]",
    "latest": r"quarter|period", "period_ended": r"end(?:ed|ing)\b",
    "vague_ago": r"\b(?:ago|earlier|later)\b",
    "recent_units": r"\b(?:recent|coming|past|next)\b", "long": r"-long", "unit_long": r"-long",
    "set_weekdays": r"days\b", "set_adverb": r"ly\b",
    "deictic": r"\b(?:today|tonight|yesterday|tomorrow|night|morning|afternoon|evening)",
    "ref": r"\b(?:now|current|present|recent|late|former|future|past|these|term)",
    "holiday": r"\b(?-i:[A-Z])", "year_end": r"year",
    "offset": r"\b(?:ago|earlier|later|now|hence|back)\b", "duration": _UNITS,
    "unit_duration": _UNITS, "vague_duration": _UNITS, "set_every": r"\b(?:every|each)\b",
    "set_rate": r"\b(?:once|twice|thrice|times)\b", "clock": r"[ap]\.?\s?m\b|:\d\d|noon|midnight"
                                                          r"|midday|o'clock",
    "relative_unit": _UNITS, "the_unit": _UNITS, "year_ago": r"year[\s-](?:ago|earlier)",
}
# Room before and after a trigger hit for the whole expression to fit.
TRIGGER_BEFORE, TRIGGER_AFTER = 80, 50


def _rule(name: str, pattern: str, read: Handler, check: Check | None = None) -> Rule:
    trigger = _TRIGGERS.get(name)
    return Rule(name, re.compile(r"(?<![\w'-])" + pattern + r"(?![\w]|-\d)", re.IGNORECASE),
                read, check, re.compile(trigger, re.IGNORECASE) if trigger else None)


POS = (r"(?:(?P<pos>early|mid-?|late|earlier|later|the\s+(?:beginning|start|middle|end|close)"
       r"\s+of)[\s-]*)?")
YREL = r"(?:(?:of\s+)?(?:(?P<year>" + YEAR + r")|(?P<yrel>this|last|next)\s+year|the\s+year))"
PREP = r"(?:for|in|within|over|after|during|from|of|through|throughout|across|by|until)"


def _not_a_count(m: re.Match[str], text: str, parse: Parse | None) -> bool:
    """Veto a bare year that is really a quantity: "$1990", "1990 people", "No. 2010"."""
    start = m.start("year")
    before = text[max(0, start - 12):start]
    if re.search(r"(?:[$£€#]|\bNo\.|\bnumber|\bRoute|\bFlight|\bRoom|\bSuite|\bBox|\bp\.)\s*$",
                 before, re.IGNORECASE):
        return False
    after = text[m.end():m.end() + 20]
    if re.match(r"\s*(?:%|percent|per\s*cent|(?:to|and|or|-)\s*\d{3,})", after, re.IGNORECASE) \
            and not re.match(r"\s*(?:to|and|-)\s*(?:1\d{3}|20\d\d)\b", after):
        return False
    if parse is None:
        return True
    span = parse.char_span(start, m.end("year"), alignment_mode="expand")
    if span is None or len(span) == 0:
        return True
    token = span[-1]
    # "2000 troops", "1500 people": a round number counting the plural noun right after it.
    # Wire style writes counts over 999 with a comma, so "1989 sales" stays a year.
    if token.dep_ == "nummod" and token.head.tag_ in ("NNS", "NNPS") \
            and token.head.i == token.i + 1 and int(m["year"]) % 100 == 0:
        return False
    return token.ent_type_ not in ("MONEY", "PERCENT", "QUANTITY")


_RATE_BEFORE = re.compile(r"(?:\d|%|percent|\b(?:million|billion|thousand|dollars?|cents?|"
                          r"pounds?|euros?|yen|[a-z]+s))\s*$", re.IGNORECASE)


def _duration_not_a_rate(m: re.Match[str], text: str, parse: Parse | None) -> bool:
    """Veto "a year" in "$5 million a year", "a second" (the ordinal), "three-quarters of"."""
    count = (m["count"] or "").lower()
    unit = m["unit"].lower()
    if count in ("a", "an") and unit == "second":
        return False
    if count in ("a", "an") and _RATE_BEFORE.search(text[max(0, m.start() - 30):m.start()]):
        return False
    # "three-quarters of the food", "a quarter of voters": a fraction, not three months.
    fraction = unit.startswith("quarter") and ("-" in m.group(0) or count in ("a", "an", "one",
                                                                            "three"))
    return not (fraction and re.match(r"\s+of\b", text[m.end():m.end() + 4]))


def _adverbial(m: re.Match[str], text: str, parse: Parse | None) -> bool:
    """Keep "daily" as a repetition ("rallies held daily"), not as an adjective ("daily volume")."""
    if parse is None:
        return not re.match(r"\s+[a-z]", text[m.end():m.end() + 3])
    span = parse.char_span(m.start(), m.end(), alignment_mode="expand")
    return span is None or len(span) == 0 or span[0].dep_ not in ("amod", "compound", "nmod")


def _season_context(m: re.Match[str], text: str, parse: Parse | None) -> bool:
    """"fall" and "spring" are verbs and nouns too: need a determiner, a year or a preposition."""
    if m["rel"] or m["year"] or m["pos"]:
        return True
    before = text[max(0, m.start() - 12):m.start()]
    return bool(re.search(r"\b(?:in|during|by|until|since|through|over|this|last|next|early|"
                          r"late)\s+$", before, re.IGNORECASE))


def _month_alone(m: re.Match[str], text: str, parse: Parse | None) -> bool:
    """"May" alone is the modal verb unless a preposition, position or 'last/this' precedes."""
    if m["month"].lower() not in ("may", "march"):
        return True
    if m["rel"] or m["pos"] or m["yrel"]:
        return True
    before = text[max(0, m.start() - 10):m.start()]
    return bool(re.search(r"\b(?:in|of|since|until|till|by|before|after|during|through|from|"
                          r"to|early|mid|late|last|next|this|and)\s+$", before, re.IGNORECASE))


RULES: tuple[Rule, ...] = (
    # Calendar dates.
    _rule("month_day", r"(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?:(?P<rel>last|this|next|this\s+past|"
          r"this\s+coming)\s+)?(?P<month>" + MONTH + r")\s+(?P<day>" + DAY_NUM
          + r")(?:,?\s+(?P<year>" + YEAR_OR_SHORT + r"))?",
          dates.read_month_day),
    _rule("day_month", r"(?:(?P<wd>" + WEEKDAY + r"),?\s+)?(?:the\s+)?(?P<day>" + DAY_NUM
          + r")(?:\s+of)?\s+(?P<month>" + MONTH + r")(?:,?\s+(?P<year>" + YEAR_OR_SHORT + r"))?",
          dates.read_month_day),
    _rule("numeric_date", r"(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/"
          r"(?P<year>\d{4}|\d\d)(?!/)", dates.read_numeric_date),
    _rule("iso_date", r"(?P<year>(?:1\d|20)\d\d)-(?P<month>1[0-2]|0[1-9])-"
          r"(?P<day>3[01]|[12]\d|0[1-9])", dates.read_numeric_date),
    _rule("month_year", POS + r"(?P<month>" + MONTH + r"),?\s+(?:of\s+)?(?P<year>"
          + YEAR_OR_SHORT + r")", dates.read_month_year, _not_a_count),
    _rule("month", r"(?:(?P<rel>this|last|next|past|coming|this\s+past)\s+)?" + POS
          + r"(?P<month>" + MONTH_NAME + r")(?:\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year)?",
          dates.read_month, _month_alone),
    _rule("year", POS + r"(?:(?:fiscal(?:\s+year)?|the\s+year|calendar|FY)[\s-]*)?(?P<year>"
          + YEAR + r")(?!\s*[-–/]\s*\d)(?!s\b)", dates.read_year, _not_a_count),
    _rule("year_period", r"the\s+(?P<year>" + YEAR + r")\s+period", dates.read_year),
    _rule("fiscal_short", r"(?:fiscal|FY)\s*(?P<year>'\d\d)", dates.read_year),
    _rule("spelled_year", SPELLED_YEAR, dates.read_spelled_year),
    _rule("year_range", r"(?P<year>" + YEAR + r")\s*[-–/]\s*(?P<year2>" + YEAR + r"|\d\d)(?!\d)",
          dates.read_year_range),
    _rule("decade", r"(?:the\s+)?" + POS + r"(?:(?P<decade>(?:1\d|20)\d0|'\d0)'?s|(?P<word>"
          + DECADE_WORD + r"))", dates.read_decade),
    _rule("century", r"(?:(?P<rel>this|last|next|the\s+(?:current|last|next|previous))\s+"
          r"|(?:the\s+)?" + POS + r"(?P<ord>" + ORDINAL + r")[\s-]+)centur(?:y|ies)",
          dates.read_century),
    _rule("quarter", r"(?:(?:the|this|last|next|(?:this|last|next)\s+year's|the\s+year's)\s+)?"
          r"(?:fiscal[\s-]+)?(?P<ord>" + QUARTER_ORDINAL + r")[\s-]+(?:fiscal[\s-]+)?quarter"
          r"(?:\s+(?:of\s+)?(?:fiscal\s+)?" + YREL + r")?", dates.read_quarter),
    _rule("quarter_of_year", r"(?:the\s+)?(?P<year>" + YEAR + r")(?:'s)?\s+(?:fiscal[\s-]+)?"
          r"(?P<ord>" + QUARTER_ORDINAL + r")[\s-]+(?:fiscal[\s-]+)?quarter", dates.read_quarter),
    _rule("quarter_code", r"(?-i:Q(?P<q>[1-4]))(?:\s+(?P<year>" + YEAR + r"))?",
          dates.read_quarter),
    _rule("half", r"(?:the\s+)?(?P<ord>first|second|last|latter|back)\s+half(?:\s+" + YREL + r")?",
          dates.read_half),
    _rule("season", r"(?:(?P<rel>this|last|next|past|coming|the)\s+)?" + POS + r"(?P<season>"
          + SEASON + r")(?:\s+(?:of\s+)?(?P<year>" + YEAR + r"))?", dates.read_season,
          _season_context),
    _rule("holiday", r"(?:(?P<rel>this|last|next)\s+)?(?P<holiday>" + HOLIDAY_CAPITALIZED
          + r")(?:\s+(?P<year>" + YEAR + r"))?", dates.read_holiday),
    # Times counted from the publication date or the last time named.
    _rule("deictic", POS + r"(?:the\s+day\s+(?P<dir>before|after)\s+)?(?P<deixis>today|tonight"
          r"|yesterday|tomorrow|last\s+night|this\s+(?:morning|afternoon|evening))"
          r"(?:\s+(?P<part>morning|afternoon|evening|night))?", relative.read_deictic_day),
    _rule("weekday", r"(?:(?P<rel>last|next|this|coming|past|this\s+past|this\s+coming|the\s+"
          r"(?:following|next|previous|preceding))\s+)?" + POS + r"(?P<wd>" + WEEKDAY + r")"
          r"(?:\s+(?P<part>" + PART_OF_DAY + r"))?", relative.read_weekday),
    _rule("weekend", r"(?:(?P<rel>last|next|this|coming|past|this\s+past|the)\s+)?" + POS
          + r"weekend", relative.read_weekend),
    _rule("relative_unit", POS + r"(?P<rel>this|last|next|past|coming|current|this\s+past|"
          r"the\s+(?:previous|prior|preceding|following|next|same|current|present|latest)|"
          r"that)\s+(?P<unit>day|week|month|quarter|year|decade)", relative.read_relative_unit),
    _rule("latest", r"the\s+(?P<rel>latest|most\s+recent|past|last|recent)\s+(?P<unit>quarter|"
          r"period)(?!\s+(?:century|of))", relative.read_the_unit),
    _rule("vague_ago", r"(?:just\s+)?(?P<unit>years|months|weeks|days|decades)\s+(?P<dir>ago|"
          r"earlier|later)", relative.read_vague_offset),
    _rule("the_unit", r"(?:(?P<pos>the\s+(?:beginning|start|middle|end|close)\s+of|earlier|"
          r"later)\s+(?:in\s+)?)?the\s+(?P<unit>week|quarter|month|year|day)(?![\s-](?:ago|"
          r"earlier|before|of|two|2))", relative.read_the_unit, lambda m, t, p: bool(
              m["pos"] or m["unit"].lower() in ("week", "quarter"))),
    _rule("year_end", r"year(?:[\s-]|'s\s+)end", relative.read_year_end),
    _rule("offset", r"(?:(?P<mod>" + MOD_BEFORE + r")\s+)?(?P<count>" + COUNT + r"|" + VAGUE
          + r")[\s-]+(?:more\s+)?(?P<unit>" + UNIT_WORDS + r")(?:\s+or\s+so)?\s+(?P<dir>ago|"
          r"earlier|later|from\s+now|hence|back)", relative.read_offset),
    _rule("year_ago", r"(?:the\s+)?year[\s-](?:ago|earlier)(?:\s+(?P<noun>period|quarter|"
          r"months?|weeks?))?", relative.read_year_ago),
    _rule("fiscal_year", r"(?:the\s+)?(?:(?P<rel>current|latest|last|next|previous|past|"
          r"coming|new|prior)\s+)?fiscal\s+year(?!\s*\d)", relative.read_fiscal_year),
    _rule("ref", r"(?P<ref>now|right\s+now|currently|presently|nowadays|these\s+days|"
          r"recently|lately|formerly|current|recent|the\s+(?:near|foreseeable|distant|"
          r"not-too-distant)\s+future|the\s+(?:future|past|present)|the\s+(?:near|short|long)"
          r"\s+term)(?![\s-]+"
          + UNIT_WORDS + r")", relative.read_ref, lambda m, t, p: not _ref_vetoed(m, t)),
    # Lengths of time.
    _rule("duration", r"(?:(?P<mod>" + MOD_BEFORE + r")\s+)?(?:(?:the|another|an\s+additional|"
          r"a\s+further|additional|(?:the\s+)?(?:past|last|next|coming|previous|first|final|"
          r"latest|following|remaining|preceding|ensuing|initial|full|entire|whole|recent)"
          r")\s+){0,2}(?:(?P<range>" + RANGE_COUNT + r")|(?P<count>" + COUNT + r"|" + VAGUE
          + r"))[\s-]+(?:more\s+|full\s+|long\s+)?(?P<unit>" + UNIT_WORDS + r")(?:[\s-]+long)?"
          + AGE_AFTER, spans.read_duration, _duration_not_a_rate),
    _rule("unit_duration", r"(?:(?P<mod>" + MOD_BEFORE + r")\s+)?(?:the\s+(?:past|last|next|"
          r"coming|previous|full|entire|whole)|another|an\s+additional|a\s+further)\s+(?P<unit>"
          + UNIT_SINGULAR + r")(?!\s+(?:of|ago|earlier))", spans.read_unit_duration),
    # "for the year ended Sept. 30": a reporting period, one year long.
    _rule("period_ended", r"the\s+(?:fiscal\s+)?(?P<unit>year|quarter|month|week)(?=\s+end(?:ed|ing)"
          r"\b)(?P<mod>)", spans.read_unit_duration),
    # "in the weeks before": the article goes with the preposition unless "past", "next"... follow.
    _rule("vague_duration", r"(?:(?P<prep>" + PREP + r")\s+(?:the\s+(?!(?:past|last|next|coming|"
          r"recent|following|ensuing)\b))?)(?P<x>(?:the\s+)?(?:(?:past|last|"
          r"next|coming|recent|following|ensuing)\s+)?(?P<unit>years|months|weeks|days|decades|"
          r"hours|minutes|centuries))(?!\s+(?:ago|earlier|later|of\s+age|old))(?P<mod>)",
          spans.read_vague_duration),
    _rule("recent_units", r"(?:(?:the\s+)?(?:recent|coming|past|next)\s+)(?P<unit>years|months|"
          r"weeks|days|decades|quarters)(?P<mod>)", spans.read_vague_duration),
    _rule("long", r"(?P<unit>years|months|weeks|days|decades|hours|centuries)-long(?P<mod>)",
          spans.read_vague_duration),
    _rule("unit_long", r"(?P<unit>day|week|month|year|hour)-long(?P<mod>)",
          spans.read_unit_duration),
    _rule("half_unit", r"(?:(?P<mod>" + MOD_BEFORE + r")\s+)?(?:half\s+an?\s+(?P<u1>"
          + UNIT_SINGULAR + r")|an?\s+half[\s-](?P<u2>" + UNIT_SINGULAR + r")|an?\s+(?P<u3>"
          + UNIT_SINGULAR + r")\s+and\s+a\s+half)", spans.read_half_unit),
    # Repetitions.
    _rule("set_every", r"(?:every|each)\s+(?:(?P<other>other|second)\s+)?(?:(?P<count>"
          + COUNT + r")\s+)?(?P<target>" + UNIT_WORDS + r"|" + WEEKDAY + r"|" + PART_OF_DAY
          + r"|" + MONTH + r"|" + SEASON + r")(?P<part>)", spans.read_set),
    _rule("set_adverb", r"(?P<adverb>daily|nightly|weekly|biweekly|monthly|bimonthly|"
          r"quarterly|yearly|annually|biannually|semiannually|hourly)", spans.read_set,
          _adverbial),
    _rule("set_rate", r"(?P<freq>once|twice|thrice|" + COUNT + r"\s+times)\s+(?:a|an|per|every|each)"
          r"\s+(?P<target>" + UNIT_SINGULAR + r")(?P<count>)(?P<other>)(?P<part>)", spans.read_set),
    _rule("set_weekdays", r"(?P<target>" + WEEKDAYS_PLURAL + r")(?:\s+(?P<part>mornings|"
          r"afternoons|evenings|nights))?(?P<count>)(?P<other>)", spans.read_set),
    # Clock times, joined later to the day they are on.
    _rule("clock", CLOCK, spans.read_clock),
)


def _ref_vetoed(m: re.Match[str], text: str) -> bool:
    word = m["ref"].lower()
    after = text[m.end():m.end() + 12].lower()
    # "current" and "recent" only as time words, not "current account" or "electric current".
    return word in ("current", "recent") and not re.match(r"\s+[a-z]", after)
