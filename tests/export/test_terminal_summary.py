"""The terminal summary's figure cells and the evidence it shows."""

import pytest

from dateline.export.layout import evidence, fit_evidence
from dateline.export.terminal import _figure
from dateline.records import Span


@pytest.mark.parametrize(("row", "shown"), [
    ({"value": "1300", "low": None, "high": None, "qualifier": "around"}, "around 1,300"),
    ({"value": None, "low": "2000", "high": None, "qualifier": "thousands"}, "thousands (≥ 2,000)"),
    ({"value": None, "low": "200", "high": "999", "qualifier": "several hundred"},
     "several hundred (200–999)"),
    ({"value": "1.50", "low": None, "high": None, "qualifier": None}, "1.5"),
    ({"value": None, "low": None, "high": "10", "qualifier": "up to"}, "up to (≤ 10)"),
    ({"value": "107", "low": "107", "high": None, "qualifier": "or more"}, "107 or more"),
    ({"value": None, "low": None, "high": None, "qualifier": "numerous"}, "numerous"),
    ({"value": "42", "low": None, "high": None, "qualifier": None, "unit": "%"}, "42%"),
    ({"value": "7200000000", "low": None, "high": None, "qualifier": None, "unit": "$"},
     "$7,200,000,000"),
    ({"value": "500", "low": None, "high": None, "qualifier": "about", "unit": "mile"},
     "about 500 mile"),
])
def test_summary_figure_keeps_the_hedge_and_never_invents_a_number(row, shown):
    assert _figure(row) == shown


def test_summary_evidence_cuts_long_sentences_between_words_around_the_span():
    sentence = "word " * 60 + "TRIGGER happened " + "more " * 60
    spans = (Span(0, len(sentence), sentence),)
    start = sentence.index("TRIGGER")
    text = fit_evidence(evidence(spans, start, start + 7, "fallback"), 80)
    plain = text.plain
    assert plain.startswith("…") and plain.endswith("…") and "TRIGGER" in plain
    assert len(plain) <= 82
    assert all(w in ("word", "more", "TRIGGER", "happened") for w in plain.strip("…").split())
    bold = [plain[s.start:s.end] for s in text.spans if s.style == "bold"]
    assert bold == ["TRIGGER"]
    assert evidence(spans, None, None, "a fallback\ntext").plain == "a fallback text"
