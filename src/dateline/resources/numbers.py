"""Words that write numbers, vague quantities, hedges and units in English news.

Source: compiled by the dateline authors from English grammar references on cardinal
numerals and quantifiers (the closed classes of number words, "dozen"/"score" counting
nouns, approximators such as "about", "nearly", "at least" and "up to" as described in
descriptive grammars of English) and from wire-copy style conventions for money, percentages
and units (AP Stylebook: "percent", "$3 billion", "1.5 million"). These are general English
vocabulary, not drawn from any evaluation set.
"""

from __future__ import annotations

from decimal import Decimal

# Cardinal number words below one hundred.
UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}

# Multipliers: "hundred", "1.5 million"; abbreviations used in headlines and business copy.
MAGNITUDES = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "k": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000,
    "b": 1_000_000_000, "tn": 1_000_000_000_000,
}

# Determiners and pronouns that state an exact number: "both men were killed".
PAIR_WORDS = {"both": 2}

# Multiplicatives that count the victims of one act: "a triple homicide" is three killed,
# "a quadruple shooting" four shot. Only before a noun of such an act (a "double standard" or
# "triple the price" counts nothing).
MULTIPLICATIVES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5, "sextuple": 6}
MULTIPLIED_ACTS = frozenset({"homicide", "murder", "slaying", "killing", "shooting", "stabbing",
                             "fatality", "homicides", "murders", "slayings", "killings",
                             "shootings", "stabbings"})

# Counting nouns with an exact value: "a dozen", "half a dozen", "a score of".
COUNTING_NOUNS = {"dozen": 12, "score": 20}

# Plural counting words that state only a lower bound: "dozens" means at least two dozen.
PLURAL_COUNTS = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2_000, "millions": 2_000_000,
    "billions": 2_000_000_000, "tens": 20,
}

# Vague quantifiers that may stand before a magnitude ("several hundred", "a few thousand"):
# (low multiple, high multiple) of the magnitude that follows, or of one when alone.
# "several hundred" is more than two hundred and fewer than a thousand.
VAGUE_QUANTIFIERS = {
    "several": (2, 9),
    "a few": (2, 9),
    "a couple of": (2, 3),
    "a couple": (2, 3),
    "a handful of": (2, 9),
    "a number of": (2, None),
    "numerous": (2, None),
}

# Hedges written before a figure, longest first when matched. The value keeps the figure; these
# say how it bounds the true number (">=" a lower bound, "<=" an upper bound, "~" approximate).
QUALIFIERS_BEFORE = {
    "at least": ">=", "no fewer than": ">=", "no less than": ">=", "not less than": ">=",
    "more than": ">=", "over": ">=", "just over": ">=", "well over": ">=", "upwards of": ">=",
    "in excess of": ">=", "as many as": "<=", "up to": "<=", "at most": "<=",
    "no more than": "<=", "not more than": "<=", "fewer than": "<=", "less than": "<=",
    "under": "<=", "just under": "<=", "nearly": "<=", "almost": "<=", "close to": "<=",
    "around": "~", "about": "~", "some": "~", "roughly": "~", "approximately": "~",
    "an estimated": "~", "estimated": "~", "approx.": "~", "circa": "~", "c.": "~",
    "as few as": ">=", "only": "=", "exactly": "=", "precisely": "=", "just": "=",
}

# Hedges written after a figure: "300 or more", "a dozen or so".
QUALIFIERS_AFTER = {
    "or more": ">=", "or so": "~", "and counting": ">=", "plus": ">=", "-plus": ">=",
    "or fewer": "<=", "or less": "<=",
}

# Currency symbols and words, normalised to the symbol most news copy prints.
CURRENCIES = {
    "$": "$", "us$": "$", "usd": "$", "dollar": "$", "dollars": "$", "€": "€", "eur": "€",
    "euro": "€", "euros": "€", "£": "£", "gbp": "£", "sterling": "£", "¥": "¥", "yen": "¥",
    "yuan": "CNY", "renminbi": "CNY", "rupee": "INR", "rupees": "INR", "₹": "INR",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "₽": "RUB",
    "shekel": "ILS", "shekels": "ILS", "₪": "ILS", "riyal": "SAR", "riyals": "SAR",
    "dinar": "dinar", "dinars": "dinar", "franc": "franc", "francs": "franc",
}

# Currency marks written before a figure, apart or glued to it ("EUR 40m", "HKD2.5-billion",
# "HK$3bn", "Rs500", "€35m"): symbols, the ISO 4217 codes of currencies English news reports
# most, and the country-prefixed dollars of wire copy. Codes that are also words or names of
# other things glued to numbers are left out: ALL, CUP, TOP, TRY, PEN, COP ("COP26"), PHP
# ("PHP5"). Source: ISO 4217 (the code list) and AP/Reuters style for "US$", "HK$", "S$".
CURRENCY_PREFIXES = {
    "$": "$", "us$": "$", "usd": "$", "€": "€", "eur": "€", "£": "£", "gbp": "£", "¥": "¥",
    "jpy": "¥", "₹": "INR", "inr": "INR", "rs": "INR", "rs.": "INR", "₽": "RUB", "rub": "RUB",
    "₪": "ILS", "ils": "ILS", "cny": "CNY", "rmb": "CNY", "sar": "SAR",
    "s$": "SGD", "sgd": "SGD", "hk$": "HKD", "hkd": "HKD", "a$": "AUD", "au$": "AUD",
    "aud": "AUD", "c$": "CAD", "ca$": "CAD", "cad": "CAD", "nz$": "NZD", "nzd": "NZD",
    "nt$": "TWD", "twd": "TWD", "r$": "BRL", "brl": "BRL", "chf": "CHF", "sek": "SEK",
    "nok": "NOK", "dkk": "DKK", "pln": "PLN", "czk": "CZK", "huf": "HUF", "uah": "UAH",
    "zar": "ZAR", "ngn": "NGN", "kes": "KES", "egp": "EGP", "aed": "AED", "qar": "QAR",
    "kwd": "KWD", "irr": "IRR", "iqd": "IQD", "pkr": "PKR", "bdt": "BDT", "lkr": "LKR",
    "krw": "KRW", "thb": "THB", "myr": "MYR", "idr": "IDR", "vnd": "VND", "mxn": "MXN",
    "ars": "ARS", "clp": "CLP",
}

# Every unit that makes a figure an amount of money.
MONEY_UNITS = frozenset(CURRENCIES.values()) | frozenset(CURRENCY_PREFIXES.values())

PERCENT_WORDS = {"%": "%", "percent": "%", "per cent": "%", "pct": "%", "percentage points": "pp",
                 "percentage point": "pp"}

# Units of measure: the figure measures, it does not count; the unit is kept.
MEASURE_UNITS = {
    "mile": "mile", "miles": "mile", "kilometer": "km", "kilometers": "km", "kilometre": "km",
    "kilometres": "km", "km": "km", "meter": "m", "meters": "m", "metre": "m", "metres": "m",
    "foot": "ft", "feet": "ft", "ft": "ft", "inch": "in", "inches": "in", "yard": "yd",
    "yards": "yd", "acre": "acre", "acres": "acre", "hectare": "ha", "hectares": "ha",
    "kilogram": "kg", "kilograms": "kg", "kg": "kg", "gram": "g", "grams": "g", "tonne": "t",
    "tonnes": "t", "ton": "ton", "tons": "ton", "pound": "lb", "pounds": "lb", "lb": "lb",
    "lbs": "lb", "ounce": "oz", "ounces": "oz", "gallon": "gal", "gallons": "gal", "liter": "l",
    "liters": "l", "litre": "l", "litres": "l", "barrel": "bbl", "barrels": "bbl",
    "degree": "degree", "degrees": "degree", "mph": "mph", "magnitude": "magnitude",
    "megawatt": "MW", "megawatts": "MW", "kilowatt": "kW", "kilowatts": "kW",
}

# Nouns naming a weapon's bore or a calibre: "9 mm", ".38 caliber", "12-gauge" describe a gun.
WEAPON_SPECS = frozenset({"caliber", "calibre", "gauge", "mm", "millimeter", "millimetre", "cal"})

# Nouns that make a figure a time, a date or an age; the times stage reads those.
TIME_NOUNS = frozenset("""
second seconds minute minutes hour hours day days night nights week weeks weekend weekends
month months year years decade decades century centuries a.m. p.m. am pm o'clock morning
evening afternoon quarter quarters semester season seasons
""".split())

# Month and weekday names (and their wire abbreviations) around a day or year number.
CALENDAR_WORDS = frozenset("""
january february march april may june july august september october november december
jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct oct.
nov nov. dec dec. monday tuesday wednesday thursday friday saturday sunday mon tue tues wed
thu thur thurs fri sat sun
""".split())

# Nouns after a number that make it part of an address or a label: "2300 block", "Room 201".
ADDRESS_NOUNS = frozenset("""
block street st st. avenue ave ave. road rd rd. drive dr dr. boulevard blvd blvd. lane ln
ln. way court ct ct. place pl pl. highway hwy route terrace circle parkway pkwy trail
""".split())

# Nouns that count people or things in the singular form: "1,300 personnel", "50 staff".
COLLECTIVE_NOUNS = frozenset("""
personnel staff police people crew military infantry cavalry militia security cattle
livestock poultry aircraft artillery equipment ammunition clergy faculty youth offspring
""".split())

HALF = Decimal("0.5")

# "one" as a pronoun or in a fixed phrase, not a count: "no one", "the one who", "one another".
NOT_ONE_BEFORE = frozenset({"no", "any", "every", "each", "the", "this", "that", "which",
                            "no-", "someone", "anyone", "everyone", "little", "such", "another"})

# Words after "one" that make it a pronoun or part of a phrase: "one another", "one's",
# "one way or another", "on the one hand".
NOT_ONE_AFTER = frozenset({"another", "'s", "’s", "point", "way", "thing", "reason",
                           "side", "hand", "else"})

# Heads of a partitive whose "of" phrase names the whole set: "one of the six", "none of the 12".
SET_QUANTIFIERS = frozenset({"one", "none", "some", "all", "most", "many", "each", "both",
                             "several", "few", "any", "either", "neither", "half"})

# Words of a figure that head it in the parse without being what it counts.
COUNTING_WORDS = frozenset({"dozens", "hundreds", "thousands", "millions", "billions", "tens",
                            "few", "couple", "dozen", "scores", "number", "handful", "several",
                            "numerous", *PERCENT_WORDS, *CURRENCIES})

# Determiners before a singular noun that do not make it one counted person: "no victim",
# "every resident".
NOT_SINGULAR_DETERMINERS = frozenset({"no", "every", "each", "any", "all", "some"})

# Words for an amount, never a party: "dozens of rounds".
AMOUNT_NOUNS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score",
                          "scores", "number", "lot", "lots", "some", "many", "several", "few"})

# "two or more", "a dozen or so": a hedge after the figure, not the upper end of a range.
NOT_A_BOUND = frozenset({"more", "so", "less", "fewer"})

# Nouns of two people counted as one phrase: "a couple", "a pair of brothers".
PAIR_NOUNS = frozenset({"couple", "pair"})
