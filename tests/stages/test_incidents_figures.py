"""Incident figures: what a claim's amount becomes on an incident (vague words, zeros)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dateline.records import Claim
from dateline.stages.incidents.figures import figure_of, vague_only

STAGES = ("nlp", "entities", "times", "places", "quotes", "claims", "events", "incidents")


def _claim(text: str, qualifier: str | None, value: int | None = None, low: int | None = None,
           high: int | None = None) -> Claim:
    def dec(x: int | None) -> Decimal | None:
        return None if x is None else Decimal(x)

    return Claim(0, len(text), text, value=dec(value), low=dec(low), high=dec(high),
                 qualifier=qualifier, predicate="killed")


@pytest.mark.parametrize(("text", "qualifier", "low", "high"), [
    ("numerous", "numerous", 2, None),
    ("several", "several", 2, 9),
    ("at least a few", "at least a few", 2, 9),
])
def test_incidents_figures_keep_a_bare_vague_quantifier_as_a_hedge_without_amount(
        text, qualifier, low, high):
    figure = figure_of(_claim(text, qualifier, low=low, high=high), "killed")
    assert (figure.value, figure.low, figure.high, figure.qualifier) == \
        (None, None, None, qualifier)


@pytest.mark.parametrize(("claim", "bounds"), [
    (_claim("several hundred", "several hundred", low=200, high=999), (200, 999)),
    (_claim("at least 107", "at least", value=107, low=107), (107, None)),
    (_claim("dozens", "dozens", low=24), (24, None)),
])
def test_incidents_figures_keep_the_bounds_of_an_amount_with_a_magnitude(claim, bounds):
    assert not vague_only(claim)
    figure = figure_of(claim, "killed")
    assert (figure.low, figure.high) == tuple(None if b is None else Decimal(b) for b in bounds)


@pytest.mark.model
def test_incidents_figures_read_numerous_dead_as_no_count(run):
    doc = run("A car bomb exploded in a market in Baghdad on Tuesday, killing numerous people, "
              "police said.", STAGES)
    (figure,) = [f for i in doc.incidents for f in i.figures if f.predicate == "killed"]
    assert (figure.value, figure.low, figure.high, figure.qualifier) == \
        (None, None, None, "numerous")
    assert "numerous killed" in doc.incidents[0].note and "at least 2" not in doc.incidents[0].note


@pytest.mark.model
@pytest.mark.parametrize(("text", "predicate"), [
    ("A roadside bomb hit a convoy near Kandahar on Monday. There were no casualties, a "
     "spokesman said.", "casualties"),
    ("An earthquake struck Sumatra on Wednesday. No one was killed, officials said.", "killed"),
])
def test_incidents_figures_count_a_stated_zero_with_its_own_predicate(run, text, predicate):
    doc = run(text, STAGES)
    figures = [(f.predicate, f.value) for i in doc.incidents for f in i.figures]
    assert figures == [(predicate, Decimal(0))]
