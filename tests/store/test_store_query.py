from __future__ import annotations

import pytest

from dateline.errors import ConfigError
from dateline.store import Filters, query
from dateline.store.columns import COLUMNS
from dateline.store.query import iter_rows

from .sample_docs import numbered_docs, port_doc, summit_doc


@pytest.fixture
def filled(store):
    store.save(port_doc(), origin="port.txt")
    store.save(summit_doc(), origin="summit.txt")
    store.record_failure(origin="broken.jsonl:3", stage="ingest", error="FormatError",
                         message="broken.jsonl line 3 is not valid JSON")
    return store


def _ids(page, key="id"):
    return [row[key] for row in page.rows]


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), ["ev-move", "ev-port"]),                       # newest first
    (Filters(type="assault"), ["ev-port"]),
    (Filters(type="PROTEST"), []),
    (Filters(country="ir"), ["ev-port"]),
    (Filters(country="IT"), ["ev-move"]),
    (Filters(country="IQ"), []),                              # Iraq is named, not the event place
    (Filters(since="2026-03"), ["ev-move"]),
    (Filters(until="2026-02"), ["ev-port"]),                   # inclusive month
    (Filters(since="2026-02-10", until="2026-02-10"), ["ev-port"]),
    (Filters(since="2027"), []),
    (Filters(actor="nato"), ["ev-move"]),
    (Filters(actor="police"), []),                             # a recipient, not an actor
    (Filters(what="killed"), ["ev-port"]),
    (Filters(source="TASS"), ["ev-move"]),                     # the publisher
    (Filters(source="AP"), ["ev-port"]),                       # the wire agency in the dateline
    (Filters(source="provincial"), ["ev-port"]),               # the in-text source
    (Filters(text="training mission"), ["ev-move"]),
    (Filters(text="100%"), []),                                # LIKE wildcards are literal
    (Filters(country="IR", type="AGREE"), []),
])
def test_query_events_filters(filled, filters, expected):
    assert _ids(query(filled, "events", filters)) == expected


def test_query_events_rows_carry_actors_quantities_and_evidence(filled):
    [row] = query(filled, "events", Filters(country="IR")).rows
    assert row["actors"] == ["Gunmen"] and row["recipients"] == ["police post"]
    assert row["context"] == []
    assert query(filled, "events", Filters(country="IT")).rows[0]["context"] == [
        "military", "diplomatic"]
    assert row["quantities"] == [{"kind": "killed", "value": "12", "low": "12", "high": None,
                                  "qualifier": "at least", "text": "at least 12 officers"}]
    assert (row["lat"], row["lon"], row["admin1"], row["day"]) == (30.44, 48.17, "Khuzestan",
                                                                  "2026-02-10")
    assert port_doc().article.text[row["start"]:row["end"]] == row["text"]
    assert set(row) == set(COLUMNS["events"])


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), ["Allison Hart", "Reza Tavakoli"]),
    (Filters(speaker="tavakoli"), ["Reza Tavakoli"]),
    (Filters(speaker="governor"), ["Reza Tavakoli"]),          # matches the speaker's words
    (Filters(type="indirect"), ["Allison Hart"]),
    (Filters(source="AFP"), ["Reza Tavakoli"]),                # the channel: "told AFP"
    (Filters(country="IQ"), ["Allison Hart"]),                 # an article naming a place in Iraq
    (Filters(text="temporary"), ["Allison Hart"]),
])
def test_query_quotes_filters(filled, filters, expected):
    assert _ids(query(filled, "quotes", filters), "speaker") == expected


def test_query_quote_rows_join_their_contents(filled):
    row = query(filled, "quotes", Filters(speaker="Tavakoli")).rows[0]
    assert row["content"] == "We will find those responsible,"
    assert (row["cue"], row["channel"], row["kind"]) == ("told", "AFP", "direct")


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), ["500.0", "12", "300"]),
    (Filters(what="killed"), ["12"]),
    (Filters(what="dockworkers"), ["300"]),
    (Filters(source="port authority"), ["300"]),
    (Filters(country="IR"), ["12", "300"]),
])
def test_query_claims_filters(filled, filters, expected):
    assert _ids(query(filled, "claims", filters), "value") == expected


def test_query_entities_aggregate_across_articles(store):
    for doc in numbered_docs(4):
        store.save(doc)
    rows = query(store, "entities", Filters(type="person")).rows
    assert [(r["name"], r["articles"], r["mentions"]) for r in rows] == [
        ("Allison Hart", 2, 2), ("Reza Tavakoli", 2, 2)]
    assert rows[0]["first_day"] == "2026-01-02" and rows[0]["last_day"] == "2026-01-04"
    assert [r["name"] for r in query(store, "entities", Filters(text="nat")).rows] == ["NATO"]


def test_query_articles_places_times_and_failures(filled):
    assert _ids(query(filled, "articles", Filters(source="example"))) == [port_doc().article.id]
    assert _ids(query(filled, "articles", Filters(text="dockworkers"))) == [port_doc().article.id]
    assert _ids(query(filled, "places", Filters(country="IT")), "name") == ["Naples"]
    assert _ids(query(filled, "places", Filters(type="dateline")), "name") == ["Khorramshahr"]
    assert _ids(query(filled, "times", Filters(type="date")), "text") == ["Friday", "Tuesday"]
    assert _ids(query(filled, "times", Filters(type="interval")), "text") == ["in 2025"]
    [failure] = query(filled, "failures", Filters(type="ingest")).rows
    assert failure["origin"] == "broken.jsonl:3" and "not valid JSON" in failure["message"]
    assert query(filled, "failures", Filters(text="quotes")).rows == []


@pytest.mark.parametrize("table", ["events", "quotes", "claims", "articles", "places", "times",
                                   "entities"])
def test_query_pages_cover_every_row_once_in_order(store, table):
    store.save_many(numbered_docs(7))
    everything = query(store, table, limit=1000).rows
    pages, cursor = [], None
    while True:
        page = query(store, table, limit=3, cursor=cursor)
        pages.extend(page.rows)
        assert len(page.rows) <= 3
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert pages == everything and len(everything) >= 5
    assert list(iter_rows(store, table, batch=2)) == everything


def test_query_events_newest_first_across_pages(store):
    store.save_many(numbered_docs(6))
    days = [r["day"] for r in iter_rows(store, "events", batch=4)]
    assert days == sorted(days, reverse=True) and len(set(days)) == 6


@pytest.mark.parametrize(("table", "filters", "message"), [
    ("events", Filters(speaker="Hart"), "--speaker does not apply to events"),
    ("claims", Filters(actor="NATO"), "--actor does not apply to claims"),
    ("events", Filters(since="March 2026"), "--since must be a date like"),
    ("nothing", Filters(), "Unknown table 'nothing'"),
])
def test_query_rejects_filters_that_do_not_apply(store, table, filters, message):
    with pytest.raises(ConfigError, match=message):
        query(store, table, filters)


def test_query_rejects_a_tampered_cursor(filled):
    with pytest.raises(ConfigError, match="cursor is not valid"):
        query(filled, "events", cursor="bm90LWEtY3Vyc29y")
