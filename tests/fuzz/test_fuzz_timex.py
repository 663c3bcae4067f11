"""The time resolver on any text against any publication date.

Every time expression found must point into the text, carry a TIMEX3 value of a known shape
(or none), and the whole run may raise nothing but a DatelineError. Publication dates range
over everything a date can hold: feeds do carry 0001-01-01 and 9999-12-31.
"""

from __future__ import annotations

import re
import typing
from datetime import UTC, datetime, time

from hypothesis import example, given
from hypothesis import strategies as st

from dateline.ingest.article import article_id
from dateline.records import Article, Doc, Precision, TimeKind, TimeRef
from dateline.stages.times import Times

from .strategies import any_day, mixed_text, news_day, scrub

TIME_WORDS = (
    "the a of in on at by last next this coming past previous week month year day days weeks "
    "months years decade century ago earlier later before after since until till between and "
    "from to through early late mid end beginning start Monday Tuesday Friday Sunday weekend "
    "yesterday today tomorrow tonight morning afternoon evening night noon midnight January "
    "February March May September December Jan. Sept. spring summer autumn fall winter "
    "Christmas Easter Ramadan Thanksgiving 2025 2026 1999 0001 9999 10000 1990s '90s 90s 19th "
    "21st century Q1 Q4 H2 first second third fourth half quarter 5 p.m. 9 a.m. 10:30 23:59 "
    "24:00 two three twenty 20 1 15 31 32 0 29 30 now currently recently 2026-03-20 2026-02-30 "
    "03/20/2026 13/13/2026 20.3.2026 2026-W53 FY2026 , . ; -"
).split()
# An Article's text never holds a lone surrogate (the readers refuse them): scrubbed here.
time_text = st.one_of(st.lists(st.sampled_from(TIME_WORDS), min_size=1, max_size=30)
                      .map(" ".join), mixed_text.map(scrub))

_POINT = (r"(?:\d{2,4}(?:-(?:\d{2}(?:-\d{2}(?:T(?:\d{2}:\d{2}(?::\d{2})?|MO|AF|EV|NI))?)?"
          r"|W\d{2}(?:-WE)?|Q[1-4]|H[12]|SP|SU|FA|WI))?)")
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"(?:P(?:(?:{_AMOUNT}[YMWD])+(?:T(?:{_AMOUNT}[HMS])+)?|T(?:{_AMOUNT}[HMS])+))"
_REF = r"(?:PRESENT_REF|PAST_REF|FUTURE_REF)"
TIMEX_VALUE = re.compile(
    rf"{_REF}|{_DURATION}|{_POINT}|(?:{_POINT}|\.\.)/(?:{_POINT}|\.\.)")
PRECISIONS = set(typing.get_args(Precision))
KINDS = set(typing.get_args(TimeKind))


def article(text: str, published: datetime | None) -> Article:
    return Article(id=article_id(text), text=text, published=published)


def assert_time(ref: TimeRef, text: str, within: tuple[int, int]) -> None:
    assert within[0] <= ref.start < ref.end <= within[1]
    assert text[ref.start:ref.end] == ref.text
    assert ref.value is None or TIMEX_VALUE.fullmatch(ref.value), ref.value
    assert ref.precision is None or ref.precision in PRECISIONS
    assert ref.kind in KINDS
    for part in ref.parts:
        assert_time(part, text, (ref.start, ref.end))


def check(text: str, published: datetime | None) -> None:
    doc = Times()(Doc(article=article(text, published)))
    previous_end = 0
    for ref in doc.times:
        assert_time(ref, text, (0, len(text)))
        assert ref.start >= previous_end  # in text order, never overlapping
        previous_end = ref.end


@given(time_text, st.one_of(st.none(), news_day))
def test_fuzz_timex_resolves_any_text_against_news_dates(text, day):
    check(text, datetime.combine(day, time(12), UTC) if day else None)


@given(time_text, any_day, st.sampled_from([time(0), time(23, 59)]))
@example("Q4", datetime(1, 1, 1).date(), time(0))
@example("last year", datetime(1, 1, 1).date(), time(0))
@example("next week", datetime(9999, 12, 31).date(), time(23, 59))
@example("the 19th century", datetime(1, 1, 1).date(), time(0))
def test_fuzz_timex_resolves_any_text_against_any_date(text, day, clock):
    check(text, datetime.combine(day, clock))
