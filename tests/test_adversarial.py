"""Inputs built to exhaust time or memory, at small sizes: each is refused or runs through.

Their cost at full size, doubled twice, is measured by bench/adversarial.py.
"""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest

from dateline.errors import TooLongError
from dateline.pipeline import Pipeline
from dateline.records import Article
from dateline.settings import Settings

ARMY = "The army said 40 people were killed in Aleppo on Friday. "
ACCORDING = "According to AFP, according to Reuters, "


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.from_settings(Settings())


@pytest.mark.model
def test_adversarial_repeated_sentence_finds_every_claim_time_and_event(pipeline):
    doc = pipeline(Article("a", ARMY * 200))
    assert len(doc.claims) == 200
    assert all(c.value == Decimal(40) for c in doc.claims)
    assert len(doc.times) == 200
    assert len(doc.events) == 200


@pytest.mark.model
def test_adversarial_according_to_chain_runs_through(pipeline):
    doc = pipeline(Article("a", ACCORDING * 150))
    assert doc.article.text == ACCORDING * 150
    assert doc.entities  # AFP, Reuters


@pytest.mark.model
def test_adversarial_nested_brackets_run_through(pipeline):
    pipeline(Article("a", "(" * 1_500 + "no" + ")" * 1_500))


def test_adversarial_too_many_sentences_refused_before_the_parse():
    pipeline = Pipeline.from_settings(Settings(max_sentences=1_000))
    with pytest.raises(TooLongError, match=r"2,000 sentences; limit 1,000, setting `max_sentences`"):
        pipeline(Article("a", "He said. " * 2_000))


@pytest.mark.model
@pytest.mark.parametrize("digits", [29, 10_000])
def test_adversarial_number_too_large_for_decimals_is_skipped(pipeline, digits):
    doc = pipeline(Article("a", "9" * digits + " people were killed in Aleppo, police said. "
                               "Another 12 people were injured."))
    assert [c.value for c in doc.claims] == [Decimal(12)]


def test_adversarial_cli_extract_refuses_a_long_article_with_the_setting_named():
    done = subprocess.run([sys.executable, "-m", "dateline", "extract", "-"],
                          input=("He said. " * 5_001).encode(), capture_output=True, timeout=120,
                          check=False)
    assert done.returncode == 1
    assert b"5,001 sentences; limit 5,000, setting `max_sentences`" in done.stderr
