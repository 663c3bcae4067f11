"""Words that name times in English news, with the TIMEX3 codes they normalize to.

Sources: the Gregorian calendar (month and weekday names, their AP Stylebook abbreviations
"Jan.", "Sept.", "Thu."); the TimeML 1.2.1 / TIMEX3 annotation guidelines (ISO-TimeML) for the
value codes: seasons SP/SU/FA/WI, parts of day MO/AF/EV/NI, weekend WE, quarters Q1-Q4, halves
H1/H2, the duration units Y/M/W/D/H/M/S and the references PRESENT_REF, PAST_REF, FUTURE_REF,
and the modifiers START/MID/END, APPROX, LESS_THAN, MORE_THAN, EQUAL_OR_LESS, EQUAL_OR_MORE;
the dates of public holidays from their legal definitions (US federal holidays: 5 U.S.C. 6103;
Christian feasts from the Gregorian computus). The time-zone abbreviations are those used in
wire datelines (AP Stylebook "time zones"). Number words are the closed class of English
cardinals and ordinals. Nothing here is drawn from an evaluation set.
"""

from __future__ import annotations

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

# ISO weekday numbers (Monday = 1), as TIMEX3 writes them in "XXXX-WXX-1".
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6,
    "sat": 6, "sunday": 7, "sun": 7,
}

# The names and abbreviations the date patterns match, in the order their regular expressions
# try them: a full name before its abbreviation ("March" before "Mar"), "sept" before "sep".
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept", "sep", "oct",
                       "nov", "dec")
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY_ABBREVIATIONS = ("mon", "tues", "tue", "wed", "thurs", "thur", "thu", "fri", "sat",
                         "sun")

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# The month each season starts in, to order seasons against a date (northern hemisphere).
SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}

PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "overnight": "NI"}

# Units of duration: TIMEX3 letter, whether it is a time unit (after "T"), and its precision.
UNITS = {
    "second": ("S", True, "second"), "minute": ("M", True, "minute"),
    "hour": ("H", True, "hour"), "day": ("D", False, "day"), "night": ("D", False, "day"),
    "week": ("W", False, "week"), "weekend": ("WE", False, "day"),
    "fortnight": ("W", False, "week"), "month": ("M", False, "month"),
    "quarter": ("Q", False, "quarter"), "year": ("Y", False, "year"),
    "decade": ("DE", False, "decade"), "century": ("CE", False, "century"),
    "millennium": ("ML", False, "century"),
}
# How many of the unit written in the value one unit word stands for ("a fortnight" = P2W).
UNIT_FACTOR = {"fortnight": 2}
UNIT_PLURALS = {"centuries": "century", "millennia": "millennium", "millenniums": "millennium"}

CARDINALS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1, "dozen": 12,
    "a dozen": 12, "a couple of": 2, "a couple": 2, "couple of": 2, "a pair of": 2,
}

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "last": -1, "final": -1,
}

# Decades written as words: "the nineties".
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}

# Hedges before a duration or date, and the TIMEX3 mod they set. "over" is left out: before a
# time it is nearly always the preposition ("over the past two months").
MODIFIERS = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "approximately": "APPROX", "nearly": "APPROX", "almost": "LESS_THAN",
    "more than": "MORE_THAN", "at least": "EQUAL_OR_MORE",
    "less than": "LESS_THAN", "under": "LESS_THAN", "no more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "at most": "EQUAL_OR_LESS", "just over": "MORE_THAN",
    "just under": "LESS_THAN", "well over": "MORE_THAN", "fewer than": "LESS_THAN",
}

# Position inside a period: "early 1991", "mid-November", "late yesterday", "the end of 1989".
POSITIONS = {
    "early": "START", "earlier": "START", "the beginning of": "START", "the start of": "START",
    "mid": "MID", "mid-": "MID", "the middle of": "MID", "late": "END", "later": "END",
    "the end of": "END", "the close of": "END",
}

# Fixed-date holidays (month, day), and those defined by a weekday of a month:
# (month, ISO weekday, nth; -1 = last).
FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "new year's eve": (12, 31), "new year's": (1, 1),
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "boxing day": (12, 26), "independence day": (7, 4), "the fourth of july": (7, 4),
    "fourth of july": (7, 4), "halloween": (10, 31), "valentine's day": (2, 14),
    "veterans day": (11, 11), "veterans' day": (11, 11), "armistice day": (11, 11),
    "st. patrick's day": (3, 17), "may day": (5, 1), "bastille day": (7, 14),
}
WEEKDAY_HOLIDAYS = {
    "thanksgiving": (11, 4, 4), "thanksgiving day": (11, 4, 4), "labor day": (9, 1, 1),
    "memorial day": (5, 1, -1), "martin luther king day": (1, 1, 3),
    "presidents day": (2, 1, 3), "presidents' day": (2, 1, 3), "columbus day": (10, 1, 2),
    "mother's day": (5, 7, 2), "father's day": (6, 7, 3),
}
# Days counted from Easter Sunday (Gregorian computus).
EASTER_HOLIDAYS = {"easter": 0, "easter sunday": 0, "easter day": 0, "good friday": -2,
                   "easter monday": 1, "palm sunday": -7, "ash wednesday": -46,
                   "pentecost": 49}

# Time zones printed after clock times in wire copy; values are left as local time.
TIME_ZONES = frozenset("""
GMT UTC BST CET CEST EET EEST WET MSK IST JST KST HKT SGT AEST AEDT
EST EDT CST CDT MST MDT PST PDT AKST HST ET PT CT MT
""".split())

# Auxiliaries and verbs that place an event before or after the time it mentions (the closed
# classes of English auxiliaries and modals; verbs of planning whose infinitive lies ahead).
# Verbs whose infinitive complement lies ahead of them: "plans to meet Tuesday".
FORWARD_VERBS = frozenset("""
plan expect schedule set due intend hope aim prepare propose want seek vow promise agree decide
threaten pledge go aspire need wish try call urge ask await begin start resume
""".split())
# Modals of possibility point at what has not happened yet: "could arrive as early as Tuesday".
POSSIBILITY_MODALS = frozenset({"could", "might", "may", "should", "must", "can", "ca"})
# Auxiliaries of the perfect ("has met") and of the future ("will meet", "'ll meet").
PERFECT_AUXILIARIES = frozenset({"has", "have", "had", "'ve", "having"})
FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall", "wo", "would", "'d"})

# Words that name a day by its distance from the publication date, in days.
DEICTIC_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}

# Words that shift a named period from the one containing the publication date: "last week",
# "next month", "this coming year", in periods.
RELATIVE_SHIFTS = {"this": 0, "current": 0, "present": 0, "last": -1, "past": -1,
                   "previous": -1, "prior": -1, "preceding": -1, "next": 1, "coming": 1,
                   "following": 1, "this past": -1, "this coming": 1, "latest": -1, "upcoming": 1}

# Vague references to the present, past and future, by their TIMEX3 value (TimeML's
# PRESENT_REF, PAST_REF, FUTURE_REF).
TIME_REFERENCES = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "presently": "PRESENT_REF", "present": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "the moment": "PRESENT_REF",
    "the present": "PRESENT_REF", "at present": "PRESENT_REF", "recently": "PAST_REF",
    "recent": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "formerly": "PAST_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF",
    "the near future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the not-too-distant future": "FUTURE_REF",
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
}

# Adverbs of frequency, by the period of the TIMEX3 SET they make ("weekly" is every P1W).
SET_ADVERBS = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W",
               "monthly": "P1M", "bimonthly": "P2M", "quarterly": "P3M", "yearly": "P1Y",
               "annually": "P1Y", "biannually": "P6M", "semiannually": "P6M", "hourly": "PT1H"}
