"""The number grammar on any words: figures in order, inside the words, with sane bounds."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from dateline.resources.numbers import (
    COUNTING_NOUNS,
    CURRENCIES,
    CURRENCY_PREFIXES,
    MAGNITUDES,
    MULTIPLICATIVES,
    PERCENT_WORDS,
    PLURAL_COUNTS,
    UNITS,
    VAGUE_QUANTIFIERS,
)
from dateline.stages.numbers.figures import scan

from .strategies import HOSTILE_WORDS

GRAMMAR_WORDS = sorted({*UNITS, *MAGNITUDES, *COUNTING_NOUNS, *PLURAL_COUNTS, *MULTIPLICATIVES,
                        *CURRENCIES, *CURRENCY_PREFIXES, *PERCENT_WORDS,
                        *(w for phrase in VAGUE_QUANTIFIERS for w in phrase.split()),
                        "a", "an", "and", "or", "to", "between", "from", "half", "-", "–", "of",
                        "more", "than", "people", "killed", "homicide", "fatal"})


def figures_in(max_digits: int) -> st.SearchStrategy[str]:
    digits = st.integers(min_value=0, max_value=10 ** max_digits - 1)
    return st.one_of(
        digits.map(str), digits.map(lambda n: f"{n:,}"),
        st.tuples(digits, st.integers(0, 99)).map(lambda p: f"{p[0]}.{p[1]}"),
        st.tuples(st.integers(0, 999), st.sampled_from(["k", "m", "bn", "tn", "mln"]))
        .map(lambda p: f"{p[0]}{p[1]}"),
        st.tuples(st.sampled_from(["$", "€", "£", "sgd", "rs"]), digits)
        .map(lambda p: f"{p[0]}{p[1]}"))


def sentences(max_digits: int) -> st.SearchStrategy[list[str]]:
    hostile = [w.lower() for w in HOSTILE_WORDS if sum(c.isdigit() for c in w) <= max_digits]
    word = st.one_of(st.sampled_from(GRAMMAR_WORDS), figures_in(max_digits),
                     st.sampled_from(hostile))
    return st.lists(word, max_size=40)


def check(words: list[str]) -> None:
    previous_end = 0
    for figure in scan(words):
        assert previous_end <= figure.start < figure.end <= len(words)
        previous_end = figure.end
        for value in (figure.value, figure.low, figure.high):
            assert value is None or (isinstance(value, Decimal) and value.is_finite())
            assert value is None or value >= 0
        assert figure.value is not None or figure.low is not None or figure.high is not None
        if figure.low is not None and figure.high is not None:
            assert figure.low <= figure.high


@given(sentences(max_digits=12))
@example(["between", "10", "and", "15"])
@example(["tens", "of", "thousands"])
@example(["$", "1.2", "-", "billion"])
def test_fuzz_numbers_scan_reads_any_words(words):
    check(words)


@given(sentences(max_digits=60))
@example(["99999999999999999999999999999", "people", "were", "killed"])
@example(["9999999999", "trillion", "trillion"])
def test_fuzz_numbers_scan_reads_figures_of_any_length(words):
    check(words)
