"""Regular-expression pieces for English time expressions, built from the word tables.

Month names must be capitalized ("May", not the modal "may"); everything else matches in any
case. Pieces are plain strings so the rules in ``grammar`` can compose them.
"""

from __future__ import annotations

import re

from dateline.resources.timex import (
    DECADE_WORDS,
    EASTER_HOLIDAYS,
    FIXED_HOLIDAYS,
    MODIFIERS,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    TIME_ZONES,
    WEEKDAY_ABBREVIATIONS,
    WEEKDAY_HOLIDAYS,
    WEEKDAY_NAMES,
)


def alternation(words: object, *, escape: bool = True) -> str:
    """Return a non-capturing alternation, longest words first so they win."""
    items = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))  # type: ignore[attr-defined]
    return "(?:" + "|".join(re.escape(w) if escape else w for w in items) + ")"


def _capitalized(words: tuple[str, ...]) -> str:
    return "(?-i:" + "|".join(w[0].upper() + w[1:] for w in words) + ")"


MONTH = (r"(?:" + _capitalized(MONTH_NAMES) + r"|" + _capitalized(MONTH_ABBREVIATIONS)
         + r"\.?"
         + r"|(?-i:JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER"
           r"|DECEMBER))(?![\w-])")
# Month names alone ("in March"): abbreviations without a day or year are too often names
# ("Jan Kavan") or words ("Mar", "Sep").
MONTH_NAME = (r"(?:" + _capitalized(MONTH_NAMES)
              + r"|(?-i:JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY"
              r"|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER))(?![\w-])")
WEEKDAY = (r"(?:(?i:" + "|".join(WEEKDAY_NAMES) + r")|"
           + _capitalized(WEEKDAY_ABBREVIATIONS) + r"\.)(?![\w-])")
WEEKDAYS_PLURAL = r"(?:" + "|".join(w + "s" for w in WEEKDAY_NAMES) + r")\b"

DAY_NUM = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?:1\d{3}|20\d{2})(?![\d,]\d|\.\d)"
PART_OF_DAY = alternation(PARTS_OF_DAY)
SEASON = alternation(SEASONS)

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
NUM_WORD = (rf"(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|{_ONES}|ten|eleven|twelve|thirteen|fourteen"
            r"|fifteen|sixteen|seventeen|eighteen|nineteen|zero)")
DIGITS = r"\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\d/])"
MAGNITUDE = r"(?:\s+(?:hundred|thousand))"
FRACTION = r"(?:\s+(?:1/2|1/4|3/4)|\s+and\s+(?:a\s+)?(?:half|quarter)|\.5)"
# An exact count: "three", "30", "twenty-four", "a", "a couple of", "5 1/2", "two hundred".
COUNT = (rf"(?:(?:{NUM_WORD}|{DIGITS}){MAGNITUDE}?{FRACTION}?|(?:a|an|one)\s+(?:hundred|thousand)"
         r"|a\s+dozen|a\s+couple(?:\s+of)?|a\s+pair\s+of|an?(?:\s+and\s+a\s+half)?(?=[\s-])"
         r"|(?:a\s+)?half(?:\s+an?)?)")
VAGUE = r"(?:a\s+few|few|several|many|some|numerous|a\s+number\s+of|dozens\s+of|hundreds\s+of)"
RANGE_COUNT = rf"(?:{COUNT}\s*(?:to|or|-|–)\s*{COUNT})"

UNIT_WORDS = (r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?"
              r"|quarters?|years?|decades?|century|centuries|millenni(?:um|a|ums))")
UNIT_SINGULAR = (r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year"
                 r"|decade|century|millennium)")
CALENDAR_UNIT = r"(?:day|week|weekend|month|quarter|year|decade|century)"
MOD_BEFORE = alternation(MODIFIERS)
# Not a duration but an age: "56 years old", "a 56-year-old", "aged 56 years".
AGE_AFTER = r"(?![\w-]*-old\b|\s+old\b|\s+of\s+age\b)"

ORDINAL = r"(?:" + alternation(ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"
QUARTER_ORDINAL = r"(?:first|second|third|fourth|last|final|1st|2nd|3rd|4th)"
DECADE_WORD = alternation(DECADE_WORDS)

HOLIDAY = r"(?i:" + alternation(list(FIXED_HOLIDAYS) + list(WEEKDAY_HOLIDAYS)
                                + list(EASTER_HOLIDAYS)) + r")(?!\w)"
# Holidays are proper names: the first letter capitalized ("Christmas", not "christmas tree").
HOLIDAY_CAPITALIZED = r"(?=(?-i:[A-Z]|the F))" + HOLIDAY

TIME_ZONE = r"(?-i:" + alternation(TIME_ZONES) + r")\b"
AM_PM = r"(?:a\.m\.?|p\.m\.?|am\b|pm\b|a\.\s?m\.|p\.\s?m\.)"
CLOCK = (r"(?:(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>" + AM_PM + r")"
         r"|(?P<hour24>[01]?\d|2[0-3]):(?P<minute24>[0-5]\d)(?=\s+" + TIME_ZONE + r"|\s*h\b)"
         r"|(?P<hourword>" + NUM_WORD + r"|\d{1,2})\s+o'clock"
         r"|(?P<named>noon|midnight|midday))"
         r"(?:\s+(?P<tz>" + TIME_ZONE + r"))?")

# Years said in words, as broadcast transcripts write them: "nineteen ninety-six".
_TEEN = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_HUNDREDS_YEAR = (rf"(?:nineteen|eighteen|twenty)[\s-]+(?:(?:{_TENS})(?:[\s-](?:{_ONES}))?|{_TEEN}"
                  rf"|hundred|oh[\s-](?:{_ONES}))")
_THOUSANDS_YEAR = rf"two\s+thousand(?:\s+(?:and\s+)?(?:{_ONES}|{_TEEN}))?"
# Alone, "two thousand" is a count: only "the year two thousand" is a year.
SPELLED_YEAR = (rf"(?:(?:the\s+year\s+)?{_HUNDREDS_YEAR}|the\s+year\s+{_THOUSANDS_YEAR})"
                rf"(?![\s-](?:{_ONES}|{_TENS}|hundred|thousand)\b)")
# A year after a month or day may be abbreviated ("Sept. '89") or spelled out.
YEAR_OR_SHORT = r"(?:" + YEAR + r"|'\d\d|" + _HUNDREDS_YEAR + r"|" + _THOUSANDS_YEAR + r")"
