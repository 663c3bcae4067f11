"""Story, incident and canonical-entity reads (store/stories.py) over a linked store."""

from __future__ import annotations

import pytest

from dateline.errors import ConfigError
from dateline.store import Filters, open_store, query
from dateline.store import stories as views
from dateline.store.linking import StoreLinking

from .link_docs import follow_up_doc, other_attack_doc
from .sample_docs import port_doc, summit_doc

PORT, FOLLOW, OTHER = port_doc().article.id, follow_up_doc().article.id, other_attack_doc().article.id


@pytest.fixture
def store(store_url):
    with open_store(store_url) as opened, StoreLinking(opened) as linking:
        for doc in (port_doc(), follow_up_doc(), other_attack_doc(), summit_doc()):
            opened.save(doc)
            linking.link([doc])
        yield opened


def test_store_stories_story_has_articles_in_time_order_and_incident_figures(store):
    held = views.story_of_article(store, FOLLOW)
    assert held is not None and held == views.story_of_article(store, PORT)
    full = views.story(store, held["id"])
    assert full["title"] == "Gunmen attack port police post"
    assert (full["first_day"], full["last_day"]) == ("2026-02-10", "2026-02-11")
    assert full["sources"] == ["Example Wire", "Gulf Daily"]
    assert [a["id"] for a in full["articles"]] == [PORT, FOLLOW]
    (merged,) = full["incidents"]
    assert (merged["type"], merged["location"], merged["reports"]) == ("ASSAULT",
                                                                      "Khorramshahr", 2)
    killed = next(f for f in merged["figures"] if f["predicate"] == "killed")
    assert [(r["value"], r["voice"]) for r in killed["reports"]] == [
        ("12", "provincial officials"), ("15", "Khuzestan police chief")]
    assert (killed["lowest"], killed["highest"], killed["latest"]["value"]) == ("12", "15", "15")
    assert [(r["before"]["value"], r["after"]["value"]) for r in killed["revisions"]] == [
        ("12", "15")]
    assert len(killed["disagreements"]) == 1  # kept, never averaged away
    assert set(killed["by_voice"]) == {"provincial officials", "Khuzestan police chief"}
    assert views.story(store, "sto_missing") is None


def test_store_stories_incident_keeps_each_report_with_its_evidence(store):
    held = views.story_of_article(store, PORT)
    (row,) = query(store, "incidents", Filters(article=FOLLOW)).rows
    assert row["story_id"] == held["id"] and row["fatalities"] == 15
    found = views.incident(store, row["id"])
    assert [(r["article_id"], r["publisher"]) for r in found["articles"]] == [
        (PORT, "Example Wire"), (FOLLOW, "Gulf Daily")]
    assert found["articles"][1]["text"].startswith("The toll from Tuesday's attack")
    assert {f["predicate"] for f in found["figures"]} == {"killed", "injured"}
    assert views.incident(store, "sin_missing") is None


def test_store_stories_event_and_entity_lead_to_their_story(store):
    held = views.story_of_event(store, "ev-port")
    assert held["story"]["id"] == views.story_of_article(store, PORT)["id"]
    assert held["incident_id"] == query(store, "incidents", Filters(article=PORT)).rows[0]["id"]
    assert views.story_of_event(store, "ev-none") is None
    (gunmen,) = views.canonical_ids(store, "Gunmen", "NORP")
    assert views.canonical_of(store, FOLLOW, 0) == gunmen == views.canonical_of(store, PORT, 0)
    entity = views.canonical_entity(store, gunmen)
    assert {a["id"] for a in entity["articles"]} == {PORT, FOLLOW}
    assert [s["id"] for s in entity["stories"]] == [held["story"]["id"]]
    assert views.canonical_entity(store, "can_missing") is None


def test_store_stories_map_and_comparisons_stay_within_one_incident(store):
    places = views.incident_places(store)
    assert {(p["location"], p["geo_precision"]) for p in places} == {
        ("Khorramshahr", 1), ("Kano", 1), ("Naples", 2)}
    assert [p["location"] for p in views.incident_places(store, Filters(country="NG"))] == ["Kano"]
    compared = views.figure_comparisons(store)
    # Kano's 4 killed and Khorramshahr's 12 and 15 are never one comparison.
    assert sorted((c["location"], [r["value"] for f in c["figures"] for r in f["reports"]
                                   if f["predicate"] == "killed"]) for c in compared) == [
        ("Kano", ["4"]), ("Khorramshahr", ["12", "15"])]
    with pytest.raises(ConfigError):
        views.incident_places(store, Filters(speaker="x"))


def test_store_stories_query_lists_and_filters_stories_and_incidents(store):
    rows = query(store, "stories").rows
    assert [r["articles"] for r in rows] == [1, 1, 2]  # newest report first: summit, Kano, port
    assert [r["title"] for r in query(store, "stories", Filters(country="NG")).rows] == [
        "Gunmen kill four traders in Kano market"]
    assert len(query(store, "stories", Filters(source="Gulf Daily")).rows) == 1
    assert len(query(store, "stories", Filters(since="2026-03")).rows) == 1
    assert len(query(store, "stories", Filters(until="2026-02-10")).rows) == 1
    assert [r["location"] for r in query(store, "incidents", Filters(type="ASSAULT")).rows] == [
        "Kano", "Khorramshahr"]
    assert query(store, "incidents", Filters(actor="gunmen")).rows[0]["location"] == "Khorramshahr"
    articles = {r["id"]: r["story_id"] for r in query(store, "articles").rows}
    assert articles[PORT] == articles[FOLLOW] != articles[OTHER]
