"""Highlighting: a Doc's annotations laid over its text, on hand-built Docs (no model)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dateline.records import Quote, Ref
from dateline.web.marks import Mark, format_number, mark_doc, quote_speaker, segment_text
from dateline.web.templating import entity_url, figure, with_params
from store.sample_docs import PORT_TEXT, port_doc, summit_doc
from web.docs import SCRIPT_TEXT, script_doc


def segment_at(marked, phrase: str):
    """The segment holding the start of ``phrase`` in the article."""
    where = PORT_TEXT.index(phrase)
    offset = 0
    for segment in marked.segments:
        if offset <= where < offset + len(segment.text):
            return segment
        offset += len(segment.text)
    raise AssertionError(phrase)


def test_marks_segments_rebuild_the_text_exactly():
    for doc in (port_doc(), summit_doc(), script_doc()):
        marked = mark_doc(doc)
        assert "".join(s.text for s in marked.segments) == doc.article.text
        assert all(s.text for s in marked.segments)


def test_marks_count_each_layer_once():
    assert mark_doc(port_doc()).counts == {"entity": 3, "time": 1, "place": 2, "quote": 1,
                                           "claim": 2, "event": 1}
    assert mark_doc(summit_doc()).counts == {"entity": 2, "time": 2, "place": 2, "quote": 1,
                                             "claim": 1, "event": 1}


@pytest.mark.parametrize(("phrase", "classes", "facts"), [
    ("We will find", {"hl-quote"}, {"speaker": "Reza Tavakoli", "channel": "AFP",
                                    "cue": "told", "kind": "direct"}),
    ("Reza Tavakoli", {"hl-entity", "hl-entity-person", "hl-quote", "hl-quote-speaker"},
     {"speaker": "Reza Tavakoli", "name": "Reza Tavakoli", "roles": "Governor"}),
    ("Tuesday", {"hl-time"}, {"value": "2026-02-10", "precision": "day"}),
    ("Khorramshahr on", {"hl-place", "hl-place-event"},
     {"coordinates": "30.4400, 48.1700", "country": "IR", "geonames": "127319"}),
    ("at least 12", {"hl-claim"},
     {"value": "12", "qualifier": "at least", "source": "provincial officials"}),
    ("attacked", {"hl-event", "hl-event-assault"},
     {"type": "ASSAULT", "actors": "Gunmen", "place": "Khorramshahr", "time": "2026-02-10"}),
])
def test_marks_give_each_piece_its_layers_and_resolution(phrase, classes, facts):
    marked = mark_doc(port_doc(), entity_link=entity_url)
    segment = segment_at(marked, phrase)
    assert classes <= set(segment.classes.split())
    shown = {k: v for mark in segment.marks for k, v in mark.facts}
    assert facts.items() <= shown.items()


def test_marks_link_entities_to_their_pages():
    marked = mark_doc(port_doc(), entity_link=entity_url)
    data = marked.data()
    assert data["e1.0"]["link"] == "/entities/PERSON/Reza%20Tavakoli"
    assert data["q0.0"] == {"layer": "quote", "title": "Quote (direct) by Reza Tavakoli",
                            "facts": [["speaker", "Reza Tavakoli"],
                                      ["speaker words", "Governor Reza Tavakoli"],
                                      ["kind", "direct"], ["cue", "told"], ["channel", "AFP"],
                                      ["confidence", "0.92"]],
                            "link": None}


def test_marks_keep_markup_in_the_text_as_text():
    marked = mark_doc(script_doc())
    joined = "".join(s.text for s in marked.segments)
    assert "<script>window.__pwned = 1;" in joined  # escaping is the template's job
    assert joined == SCRIPT_TEXT


def m(mark_id: str, start: int, end: int) -> Mark:
    return Mark(mark_id, "entity", start, end, mark_id)


@pytest.mark.parametrize(("marks", "expected"), [
    ([], [("abcdefghij", "")]),
    ([m("a", 0, 10)], [("abcdefghij", "a")]),
    ([m("a", 2, 5)], [("ab", ""), ("cde", "a"), ("fghij", "")]),
    # Crossing spans cannot nest: three pieces, the middle one under both.
    ([m("a", 0, 5), m("b", 3, 8)], [("abc", "a"), ("de", "a b"), ("fgh", "b"), ("ij", "")]),
    # Nested: the longer mark is listed first.
    ([m("b", 4, 6), m("a", 2, 8)],
     [("ab", ""), ("cd", "a"), ("ef", "a b"), ("gh", "a"), ("ij", "")]),
    ([m("a", 0, 3), m("b", 3, 6)], [("abc", "a"), ("def", "b"), ("ghij", "")]),
])
def test_marks_segment_text_cuts_at_every_boundary(marks, expected):
    got = [(s.text, s.ids) for s in segment_text("abcdefghij", marks)]
    assert got == expected


def test_marks_drop_spans_outside_the_text():
    doc = port_doc()
    broken = Quote(len(PORT_TEXT) - 2, len(PORT_TEXT) + 40, "x", contents=())
    marked = mark_doc(type(doc)(article=doc.article, quotes=(broken,)))
    assert marked.counts["quote"] == 0
    assert [s.text for s in marked.segments] == [PORT_TEXT]


@pytest.mark.parametrize(("value", "shown"), [
    ("1300", "1,300"), (Decimal("1300.0"), "1,300"), ("12.50", "12.5"), ("0.25", "0.25"),
    ("2500000", "2,500,000"), (None, ""), ("", ""),
])
def test_marks_format_number(value, shown):
    assert format_number(value) == shown


@pytest.mark.parametrize(("row", "shown"), [
    ({"value": "1300", "low": None, "high": None, "qualifier": "around"}, "around 1,300"),
    ({"value": None, "low": "10", "high": "15", "qualifier": "between"}, "between 10–15"),
    ({"value": "12", "low": "12", "high": None, "qualifier": "at least"}, "at least 12"),
    # A bound with no word for it is shown as a bound, never as the figure itself.
    ({"value": None, "low": "2000", "high": None, "qualifier": None}, "≥ 2,000"),
    ({"value": None, "low": None, "high": None, "qualifier": None}, "?"),
])
def test_marks_figure_keeps_range_and_hedge(row, shown):
    assert figure(row) == shown


@pytest.mark.parametrize(("quote", "speaker"), [
    (Quote(0, 1, "x", speaker=Ref(0, 1, "he", name="Allison Hart")), "Allison Hart"),
    (Quote(0, 1, "x", speaker=Ref(0, 1, "the spokesman")), "the spokesman"),
    (Quote(0, 1, "x", speaker_descriptor="a French military source"), "a French military source"),
    (Quote(0, 1, "x"), "unattributed"),
])
def test_marks_quote_speaker_prefers_the_resolved_name(quote, speaker):
    assert quote_speaker(quote) == speaker


@pytest.mark.parametrize(("name", "label", "url"), [
    ("Allison Hart", "person", "/entities/PERSON/Allison%20Hart"),
    ("AC/DC", "ORG", "/entities/ORG/AC%2FDC"),
    ("Gen. <b>", "PERSON", "/entities/PERSON/Gen.%20%3Cb%3E"),
    (None, "ORG", None),
    ("NATO", None, None),
])
def test_marks_entity_url_quotes_every_character(name, label, url):
    assert entity_url(name, label) == url


def test_marks_with_params_replaces_and_drops_keys():
    assert with_params({"type": "ASSAULT", "country": "IR"}, country=None, cursor="abc") == \
        "type=ASSAULT&cursor=abc"
    assert with_params({"text": "a&b=c"}) == "text=a%26b%3Dc"
