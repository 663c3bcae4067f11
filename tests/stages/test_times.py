"""Times: every time expression, resolved against the publication date with a precision and kind.

The articles are dated Friday 2026-03-20 (ISO week 12) unless a test says otherwise.
"""

from datetime import date
from fractions import Fraction

import pytest

from dateline.stages.timex import find_times
from dateline.stages.timex.calendar import Point, containing, easter
from dateline.stages.timex.reading import count_of, duration_value

STAGES = ("nlp", "times")
model = pytest.mark.model


def times_of(doc):
    return [(t.text, t.value, t.precision, t.kind) for t in doc.times]


def only_time(doc):
    assert len(doc.times) == 1, f"expected one time, got {times_of(doc)}"
    return doc.times[0]


@model
@pytest.mark.parametrize(("text", "expected"), [
    ("The treaty was signed on March 3, 2024.", ("March 3, 2024", "2024-03-03", "day", "date")),
    ("The mission began in 2018.", ("2018", "2018", "year", "date")),
    ("Parliament passed the 2018 budget.", ("2018", "2018", "year", "date")),
    ("She moved to the city in August 1988.", ("August 1988", "1988-08", "month", "date")),
    ("Prices were stable in the 1990s.", ("the 1990s", "199", "decade", "date")),
    ("The fort was built in the 19th century.", ("the 19th century", "18", "century", "date")),
    ("Profit rose in the third quarter of 2025.",
     ("the third quarter of 2025", "2025-Q3", "quarter", "date")),
    ("Sales fell in the first half of 2024.", ("the first half of 2024", "2024-H1", "half", "date")),
    ("They married in the summer of 1998.", ("the summer of 1998", "1998-SU", "season", "date")),
    ("The attack happened on 12/25/2023.", ("12/25/2023", "2023-12-25", "day", "date")),
    ("The shops closed on Christmas Day 2020.", ("Christmas Day 2020", "2020-12-25", "day", "date")),
    ("The law dates from nineteen ninety-six.", ("nineteen ninety-six", "1996", "year", "date")),
    ("Revenue topped fiscal 1989 sales.", ("fiscal 1989", "1989", "year", "date")),
])
def test_times_reads_calendar_dates(run, text, expected):
    assert times_of(run(text, STAGES)) == [expected]


@model
@pytest.mark.parametrize(("text", "expected"), [
    # Weekdays: the nearest fitting day by the tense of the governing verb.
    ("NATO said Friday that the last personnel had left.", ("Friday", "2026-03-20", "day")),
    ("The ministers will meet on Tuesday.", ("Tuesday", "2026-03-24", "day")),
    ("The ministers met on Tuesday.", ("Tuesday", "2026-03-17", "day")),
    ("The ministers are expected to meet on Tuesday.", ("Tuesday", "2026-03-24", "day")),
    ("It happened last Friday.", ("last Friday", "2026-03-13", "day")),
    # A month and day with no year: the year that fits the publication date and tense.
    ("Strikes began on Feb. 28.", ("Feb. 28", "2026-02-28", "day")),
    ("The offer was extended to April 2.", ("April 2", "2026-04-02", "day")),
    # Counted from the publication date.
    ("The deal was signed last week.", ("last week", "2026-W11", "week")),
    ("Earlier this month, officials warned of shortages.", ("Earlier this month", "2026-03", "month")),
    ("Unemployment fell last year.", ("last year", "2025", "year")),
    ("The talks ended two days ago.", ("two days ago", "2026-03-18", "day")),
    ("The vote will be held next month.", ("next month", "2026-04", "month")),
    ("The bridge reopened yesterday.", ("yesterday", "2026-03-19", "day")),
    ("Talks resume tomorrow.", ("tomorrow", "2026-03-21", "day")),
    ("Exports slowed this year.", ("this year", "2026", "year")),
    ("Exports slowed in the fourth quarter.", ("the fourth quarter", "2025-Q4", "quarter")),
    ("The merger should close by year's end.", ("year's end", "2026", "year")),
])
def test_times_resolves_relative_dates_against_publication(run, text, expected):
    found = only_time(run(text, STAGES))
    assert (found.text, found.value, found.precision) == expected
    assert found.kind == "date"
    assert found.anchor == "2026-03-20"


@model
def test_times_marks_the_position_inside_a_period(run):
    found = only_time(run("Earlier this month, officials warned of shortages.", STAGES))
    assert found.mod == "START"
    found = only_time(run("The plant will close in late November.", STAGES))
    assert (found.text, found.value, found.mod) == ("late November", "2026-11", "END")


@model
@pytest.mark.parametrize(("published", "text", "expected"), [
    ("2026-01-10", "The fire broke out on Dec. 28.", "2025-12-28"),
    ("2025-12-01", "The summit will open on Jan. 5.", "2026-01-05"),
    ("2026-01-10", "The plant closed in December.", "2025-12"),
    ("2026-02-06", "Hiring picked up last fall.", "2025-FA"),
])
def test_times_crosses_the_year_boundary_by_tense(run, published, text, expected):
    assert only_time(run(text, STAGES, published=published)).value == expected


@model
def test_times_counts_a_year_earlier_from_the_time_last_named(run):
    doc = run("Profit rose 5% in the third quarter of 2025. A year earlier it fell.", STAGES)
    assert times_of(doc) == [("the third quarter of 2025", "2025-Q3", "quarter", "date"),
                             ("A year earlier", "2024-Q3", "quarter", "date")]
    assert doc.times[1].anchor == "2025-Q3"


@model
@pytest.mark.parametrize(("text", "expected"), [
    ("The economy is growing now.", ("now", "PRESENT_REF")),
    ("Prices have risen recently.", ("recently", "PAST_REF")),
    ("More cuts may come in the future.", ("the future", "FUTURE_REF")),
    ("Analysts expect weak sales in the near term.", ("the near term", "FUTURE_REF")),
])
def test_times_reads_present_past_and_future_references(run, text, expected):
    found = only_time(run(text, STAGES))
    assert (found.text, found.value, found.precision) == (*expected, None)


@model
@pytest.mark.parametrize(("text", "expected"), [
    ("The minister will speak tonight.", ("tonight", "2026-03-20TNI", "day")),
    ("The minister spoke this morning.", ("this morning", "2026-03-20TMO", "day")),
    ("The blast came at 5:30 p.m.", ("5:30 p.m.", "2026-03-20T17:30", "minute")),
    ("The plane will land at 9 a.m. Tuesday.", ("9 a.m. Tuesday", "2026-03-24T09:00", "hour")),
    ("The ship sank Sunday night.", ("Sunday night", "2026-03-15TNI", "day")),
])
def test_times_reads_times_of_day(run, text, expected):
    found = only_time(run(text, STAGES))
    assert (found.text, found.value, found.precision) == expected
    assert found.kind == "time"


@model
def test_times_reads_since_as_an_open_interval(run):
    found = only_time(run("NATO has kept a mission in Iraq since May 2025.", STAGES))
    assert (found.text, found.value, found.precision, found.kind) == (
        "since May 2025", "2025-05/..", "month", "interval")
    assert [(p.text, p.value) for p in found.parts] == [("May 2025", "2025-05")]


@model
@pytest.mark.parametrize(("text", "expected", "parts"), [
    ("Output grew between 2019 and 2021.", ("between 2019 and 2021", "2019/2021", "year"),
     [("2019", "2019"), ("2021", "2021")]),
    ("The festival ran from March 3 to March 9.",
     ("from March 3 to March 9", "2026-03-03/2026-03-09", "day"),
     [("March 3", "2026-03-03"), ("March 9", "2026-03-09")]),
    ("Sales rose in 2019-21.", ("2019-21", "2019/2021", "year"), [("2019", "2019"), ("21", "2021")]),
])
def test_times_reads_closed_intervals_with_their_ends(run, text, expected, parts):
    found = only_time(run(text, STAGES))
    assert (found.text, found.value, found.precision) == expected
    assert found.kind == "interval"
    assert [(p.text, p.value) for p in found.parts] == parts


@model
@pytest.mark.parametrize(("text", "expected"), [
    ("He served in the army for three years.", ("three years", "P3Y", "year", None)),
    ("The talks lasted 5 1/2 hours.", ("5 1/2 hours", "PT5H30M", "hour", None)),
    ("The ceasefire held for nearly two weeks.", ("nearly two weeks", "P2W", "week", "APPROX")),
    ("She worked there for several months.", ("several months", "PXM", "month", None)),
    ("The Treasury sold a 30-year bond.", ("30-year", "P30Y", "year", None)),
    ("Prices rose over the past two months.", ("the past two months", "P2M", "month", None)),
    ("The siege went on for years.", ("years", "PXY", "year", None)),
    ("They waited half an hour.", ("half an hour", "PT30M", "hour", None)),
    ("The loan may be extended for an additional year.", ("an additional year", "P1Y", "year", None)),
    ("It made money after several quarters of losses.", ("several quarters", "PXQ", "quarter", None)),
    ("The two-week strike ended.", ("two-week", "P2W", "week", None)),
    ("Police watched him in the weeks before the vote.", ("weeks", "PXW", "week", None)),
])
def test_times_reads_durations(run, text, expected):
    found = only_time(run(text, STAGES))
    assert (found.text, found.value, found.precision, found.mod) == expected
    assert found.kind == "duration"


@model
def test_times_reads_a_reporting_period_as_a_year_long(run):
    doc = run("Net income for the year ended Sept. 30 rose.", STAGES)
    assert times_of(doc) == [("the year", "P1Y", "year", "duration"),
                             ("Sept. 30", "2025-09-30", "day", "date")]


@model
@pytest.mark.parametrize(("text", "expected"), [
    ("The council meets every Monday.", ("every Monday", "XXXX-WXX-1")),
    ("The bulletin is published weekly.", ("weekly", "P1W")),
    ("Flights leave twice a week.", ("twice a week", "P1W")),
    ("Protesters gather on Fridays.", ("Fridays", "XXXX-WXX-5")),
])
def test_times_reads_repetitions_as_sets(run, text, expected):
    found = only_time(run(text, STAGES))
    assert (found.text, found.value, found.kind) == (*expected, "set")


@model
@pytest.mark.parametrize("text", [
    "He is 56 years old.",
    "A 56-year-old man was arrested.",
    "Officials said 2,018 people were evacuated.",
    "The company may cut jobs.",
    "Prices fall when supply rises.",
    "The index closed at 2082.1 points.",
    "Czech Foreign Minister Jan Kavan spoke to reporters.",
    "The plant pays $5 million a year in taxes.",
    "He gave a second speech.",
    "About three-quarters of the food is imported.",
    "The company raised its quarterly dividend.",
    "Police found 2000 rounds of ammunition.",
])
def test_times_ignores_numbers_and_words_that_are_not_times(run, text):
    assert times_of(run(text, STAGES)) == []


@model
@pytest.mark.parametrize(("text", "expected"), [
    ("The talks ended last week.", ("last week", None, "week")),
    ("Strikes began on Feb. 28.", ("Feb. 28", None, "day")),
    ("The mission began in 2018.", ("2018", "2018", "year")),
    ("The treaty was signed on March 3, 2024.", ("March 3, 2024", "2024-03-03", "day")),
])
def test_times_without_publication_date_resolves_only_absolute_dates(run, text, expected):
    found = only_time(run(text, STAGES, published=None))
    assert (found.text, found.value, found.precision) == expected


@model
def test_times_leaves_the_printed_dateline_to_the_article(run):
    doc = run("WASHINGTON, March 19 (AP) -- The vote was held Thursday.", STAGES)
    assert doc.article.dateline is not None
    assert times_of(doc) == [("Thursday", "2026-03-19", "day", "date")]


@model
def test_times_spans_point_into_the_article_text(run):
    doc = run("Strikes began on Feb. 28 and continued for three weeks, officials said Friday.",
              STAGES)
    assert [t.text for t in doc.times] == ["Feb. 28", "three weeks", "Friday"]
    for t in doc.times:
        assert doc.article.text[t.start:t.end] == t.text


# Without a parse there is no tense: the rules still find and resolve what needs none.
@pytest.mark.parametrize(("text", "expected"), [
    ("in the 1990s", [("the 1990s", "199")]),
    ("by mid-2027", [("mid-2027", "2027")]),
    ("on Sept. 11, 2001", [("Sept. 11, 2001", "2001-09-11")]),
    ("the year-ago quarter", [("the year-ago quarter", "2025")]),
    ("for 72 hours", [("72 hours", "PT72H")]),
    ("a year and a half", [("a year and a half", "P1Y6M")]),
    ("every other week", [("every other week", "P2W")]),
    ("May 2026 and in May", [("May 2026", "2026-05"), ("May", "2026-05")]),
    ("you may go", []),
    ("Route 2020 and No. 1999", []),
])
def test_times_rules_without_parse(text, expected):
    found = [(text[s:e], r.value) for s, e, r in find_times(text, date(2026, 3, 20))]
    assert found == expected


@pytest.mark.parametrize(("point", "value"), [
    (Point("day", date(2026, 3, 20)), "2026-03-20"),
    (containing(date(2026, 3, 20), "week"), "2026-W12"),
    (containing(date(2026, 1, 1), "week"), "2026-W01"),
    (containing(date(2026, 3, 20), "quarter"), "2026-Q1"),
    (containing(date(2026, 8, 1), "half"), "2026-H2"),
    (containing(date(2026, 1, 15), "season"), "2025-WI"),
    (containing(date(1994, 6, 1), "decade"), "199"),
    (containing(date(1994, 6, 1), "century"), "19"),
])
def test_times_calendar_writes_timex3_values(point, value):
    assert point.value == value


def test_times_calendar_shifts_by_its_grain_and_by_other_units():
    assert containing(date(2026, 1, 1), "week").shift(-1).value == "2025-W52"
    assert containing(date(2026, 3, 31), "month").shift(-1).value == "2026-02"
    assert containing(date(2026, 2, 1), "quarter").shift(-1).value == "2025-Q4"
    assert containing(date(2026, 8, 1), "quarter").shift(-1, "year").value == "2025-Q3"
    assert Point("day", date(2024, 2, 29)).shift(1, "year").value == "2025-02-28"
    assert Point("year", date(9999, 1, 1)).shift(1) is None


def test_times_easter_follows_the_gregorian_computus():
    assert [easter(y) for y in (2000, 2024, 2026)] == [
        date(2000, 4, 23), date(2024, 3, 31), date(2026, 4, 5)]


@pytest.mark.parametrize(("text", "amount"), [
    ("three", Fraction(3)), ("twenty-four", Fraction(24)), ("5 1/2", Fraction(11, 2)),
    ("a", Fraction(1)), ("a couple of", Fraction(2)), ("two hundred", Fraction(200)),
    ("a dozen", Fraction(12)), ("1,000", Fraction(1000)), ("several", None), ("", None),
])
def test_times_count_of_reads_number_words(text, amount):
    assert count_of(text) == amount


@pytest.mark.parametrize(("amount", "unit", "value"), [
    (Fraction(3), "year", "P3Y"), (Fraction(2), "hour", "PT2H"), (None, "week", "PXW"),
    (Fraction(3, 2), "year", "P1Y6M"), (Fraction(1, 2), "day", "PT12H"),
    (Fraction(2), "decade", "P20Y"), (Fraction(1), "fortnight", "P2W"),
    (Fraction(3, 2), "minute", "PT1M30S"),
])
def test_times_duration_value_writes_iso_8601(amount, unit, value):
    assert duration_value(amount, unit) == value
