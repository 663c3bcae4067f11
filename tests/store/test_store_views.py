"""Store views for the web (store/views.py) on SQLite and PostgreSQL, over hand-built Docs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dateline.errors import ConfigError
from dateline.store import Filters, open_store, views
from store.sample_docs import port_doc, summit_doc
from web.docs import flood_docs, script_doc

PORT, SUMMIT = port_doc().article.id, summit_doc().article.id


@pytest.fixture
def store(store_url):
    with open_store(store_url) as opened:
        for doc in (port_doc(), summit_doc(), *flood_docs(), script_doc()):
            opened.save(doc)
        yield opened


def test_store_views_article_doc_and_info(store):
    assert views.article_doc(store, PORT) == port_doc()
    assert views.article_doc(store, "0" * 16) is None
    assert views.article_doc(store, PORT[:6]) is None  # exact ids only
    info = views.article_info(store, SUMMIT)
    assert info is not None and info["extractor"] and info["stored_at"]


def test_store_views_rows_by_key_match_query_rows(store):
    from dateline.store import query

    listed = query(store, "events", Filters(article=PORT)).rows[0]
    assert views.event_row(store, "ev-port") == listed
    assert views.event_row(store, "ev-nothing") is None
    quote = views.keyed_row(store, "quotes", SUMMIT, 0)
    assert quote == query(store, "quotes", Filters(article=SUMMIT)).rows[0]
    assert views.keyed_row(store, "claims", PORT, 1)["value"] == "300"
    assert views.keyed_row(store, "places", SUMMIT, 1)["name"] == "Iraq"
    assert views.keyed_row(store, "times", PORT, 0)["value"] == "2026-02-10"
    assert views.keyed_row(store, "times", PORT, 5) is None


def test_store_views_stats(store):
    stats = views.stats(store)
    assert stats["counts"]["articles"] == 5 and stats["counts"]["events"] == 3
    assert (stats["first_day"], stats["last_day"]) == ("2026-02-10", "2026-03-20")


@pytest.mark.parametrize(("filters", "expected"), [
    (Filters(), [("2026-03-20", {"AGREE": 1}), ("2026-03-09", {"ASSAULT": 1}),
                 ("2026-02-10", {"ASSAULT": 1})]),
    (Filters(type="ASSAULT"), [("2026-03-09", {"ASSAULT": 1}), ("2026-02-10", {"ASSAULT": 1})]),
    (Filters(country="IR"), [("2026-02-10", {"ASSAULT": 1})]),
    (Filters(since="2026-03"), [("2026-03-20", {"AGREE": 1}), ("2026-03-09", {"ASSAULT": 1})]),
    (Filters(actor="NATO"), [("2026-03-20", {"AGREE": 1})]),
    (Filters(country="ZZ"), []),
])
def test_store_views_timeline_counts_by_day_and_type(store, filters, expected):
    days = views.event_timeline(store, filters)
    assert [(d["day"], d["types"]) for d in days] == expected
    assert all(d["total"] == sum(d["types"].values()) for d in days)


def test_store_views_timeline_keeps_the_most_recent_days(store):
    assert [d["day"] for d in views.event_timeline(store, days=2)] == ["2026-03-20",
                                                                        "2026-03-09"]


def test_store_views_timeline_refuses_filters_events_do_not_have(store):
    with pytest.raises(ConfigError, match="--speaker"):
        views.event_timeline(store, Filters(speaker="Hart"))


def test_store_views_event_places_and_countries(store):
    places = views.event_places(store)
    assert [(p["place"], p["country"], p["events"], p["types"]) for p in places] == [
        ("Khorramshahr", "IR", 1, {"ASSAULT": 1}), ("Naples", "IT", 1, {"AGREE": 1})]
    assert places[0]["lat"] == pytest.approx(30.44)
    assert views.event_places(store, Filters(type="AGREE"))[0]["place"] == "Naples"
    assert views.event_countries(store) == {"IR": 1, "IT": 1}
    assert views.event_countries(store, Filters(since="2026-03")) == {"IT": 1}


def test_store_views_claim_groups_merge_inflections_of_one_tally(store):
    groups = views.claim_groups(store)
    assert [(g.kind, g.what, g.total) for g in groups] == [("killed", "people", 2)]
    (toll,) = groups
    assert toll.label == "people killed"
    assert toll.sources == ["Red Crescent", "regional governor"]
    assert toll.spread == (Decimal("40"), Decimal("52")) and toll.articles == 2
    assert toll.to_dict()["min"] == "40" and toll.to_dict()["max"] == "52"
    singles = views.claim_groups(store, min_claims=1)
    assert ("injured", "people") in {(g.kind, g.what) for g in singles}
    assert views.claim_groups(store, Filters(source="Red Crescent"), min_claims=1)[0].sources == [
        "Red Crescent"]
    assert views.claim_groups(store, Filters(since="2026-04")) == []


@pytest.mark.parametrize(("predicate", "kind"), [
    ("killing", "killed"), ("Died", "killed"), ("deaths", "killed"), ("wounded", "injured"),
    ("detained", "detained"), ("elected", "elected"), (None, ""),
])
def test_store_views_predicate_kind(predicate, kind):
    assert views.predicate_kind(predicate) == kind


def test_store_views_entity_profile(store):
    tavakoli = views.entity_profile(store, "Reza Tavakoli", "person")
    assert tavakoli is not None
    assert (tavakoli["label"], tavakoli["articles"], tavakoli["mentions"]) == ("PERSON", 1, 1)
    assert tavakoli["aliases"] == ["Tavakoli"] and tavakoli["nationalities"] == ["IR"]
    assert tavakoli["roles"] == [{"kind": "title", "text": "Governor", "count": 1}]
    assert [q["content"] for q in tavakoli["quotes"]] == ["We will find those responsible,"]
    assert tavakoli["events"] == [] and tavakoli["claims"] == []
    nato = views.entity_profile(store, "NATO", "ORG")
    assert [(e["id"], e["entity_roles"]) for e in nato["events"]] == [("ev-move", ["actor"])]
    police = views.entity_profile(store, "police post", "ORG")
    assert [(e["id"], e["entity_roles"]) for e in police["events"]] == [("ev-port", ["recipient"])]
    governor = views.entity_profile(store, "regional governor", "PERSON")
    assert [(c["value"], c["source"]) for c in governor["claims"]] == [("40", "regional governor")]
    assert views.entity_profile(store, "Reza Tavakoli", "ORG") is None
    assert views.entity_profile(store, "Nobody", "PERSON") is None


def test_store_views_entity_profile_links_unresolved_parts_by_their_mentions(store):
    # The script article's event names "Hackers" with no entity id; Berg's quote is linked by id.
    berg = views.entity_profile(store, "Tomas Berg", "PERSON")
    assert [q["speaker"] for q in berg["quotes"]] == ["Tomas Berg"]
    assert berg["mentions"] == 2


def test_store_views_claim_groups_bounds_the_work(store):
    (toll,) = views.claim_groups(store, per_group=1)
    assert toll.total == 2 and [c["source"] for c in toll.claims] == ["Red Crescent"]  # newest
    # Only the newest claims are grouped: the two newest (summit, script) count nothing alike.
    assert views.claim_groups(store, scan=2) == []
    assert [g.total for g in views.claim_groups(store, scan=5)] == [2]
