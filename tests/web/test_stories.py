"""Story, incident, map and claims pages and the stories/incidents API over a store of hand-built
reports linked by the store's linker: two reports of the Khorramshahr attack (12 then 15 killed,
from different sources), an unrelated attack in Kano, the NATO summit and the floods."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dateline.settings import Settings
from store.link_docs import follow_up_doc, other_attack_doc
from store.sample_docs import port_doc, summit_doc
from web.docs import flood_docs

PORT = port_doc()
FOLLOW = follow_up_doc()
KANO = other_attack_doc()


def linked_store(folder: Path) -> Path:
    """Save the reports and link them as ingest does."""
    from dateline.store import open_store
    from dateline.store.linking import StoreLinking

    db = folder / "linked.db"
    with open_store(str(db)) as store, StoreLinking(store) as linking:
        for doc in (PORT, FOLLOW, KANO, summit_doc(), *flood_docs()):
            store.save(doc, extractor="hand-built", origin="tests/web")
            linking.link([doc])
    return db


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from dateline.web import create_app

    db = linked_store(tmp_path_factory.mktemp("stories"))
    with TestClient(create_app(Settings(db=str(db)), cache_seconds=0),
                    raise_server_exceptions=False) as client:
        yield client


def story_of(client: Any, article_id: str) -> dict[str, Any]:
    rows = client.get(f"/api/stories?article={article_id}").json()["data"]
    assert len(rows) == 1
    return rows[0]  # type: ignore[no-any-return]


def port_incident(client: Any) -> dict[str, Any]:
    rows = client.get(f"/api/incidents?article={FOLLOW.article.id}").json()["data"]
    assert len(rows) == 1
    return rows[0]  # type: ignore[no-any-return]


def test_stories_api_lists_stories_with_filters_and_pages(linked):
    story = story_of(linked, PORT.article.id)
    assert story["articles"] == 2 and story["title"] == "Gunmen attack port police post"
    assert sorted(story["sources"]) == ["Example Wire", "Gulf Daily"]
    assert story_of(linked, KANO.article.id)["id"] != story["id"]
    iranian = linked.get("/api/stories?country=IR").json()["data"]
    assert [s["id"] for s in iranian] == [story["id"]]
    first = linked.get("/api/stories?limit=2").json()
    assert len(first["data"]) == 2 and first["next"]
    rest = linked.get(first["next"]).json()["data"]
    assert not {s["id"] for s in rest} & {s["id"] for s in first["data"]}


def test_stories_api_story_keeps_every_figure_report_with_its_source(linked):
    story = story_of(linked, PORT.article.id)
    body = linked.get(f"/api/stories/{story['id']}").json()
    assert [a["id"] for a in body["articles"]] == [PORT.article.id, FOLLOW.article.id]
    (incident,) = body["incidents"]
    (killed,) = [f for f in incident["figures"] if f["predicate"] == "killed"]
    assert [(r["voice"], r["value"]) for r in killed["reports"]] == [
        ("provincial officials", "12"), ("Khuzestan police chief", "15")]
    assert killed["disagreements"] and killed["latest"]["value"] == "15"


def test_stories_api_incident_by_its_id_or_an_article_incident_id(linked):
    merged = port_incident(linked)
    body = linked.get(f"/api/incidents/{merged['id']}").json()
    assert body["story"]["id"] == merged["story_id"] and body["geo_precision"] == 1
    assert body["reports"] == 2
    assert {r["article_id"] for r in body["articles"]} == {PORT.article.id, FOLLOW.article.id}
    assert any(m["id"] == "ev-port" for r in body["articles"] for m in r["mentions"])
    own = FOLLOW.incidents[0].id
    assert linked.get(f"/api/incidents/{own}").json()["id"] == merged["id"]


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/api/stories/sto_missing", 404, "not_found"),
    ("/api/incidents/sin_missing", 404, "not_found"),
    ("/api/stories?colour=red", 400, "invalid_parameter"),
    ("/api/incidents?limit=0", 400, "invalid_parameter"),
    ("/api/stories/x?extra=1", 400, "invalid_parameter"),
])
def test_stories_api_errors_answer_the_one_error_shape(linked, path, status, code):
    response = linked.get(path)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_stories_openapi_documents_the_story_and_incident_routes(linked):
    paths = linked.get("/openapi.json").json()["paths"]
    for path in ("/api/stories", "/api/stories/{story_id}", "/api/incidents",
                 "/api/incidents/{incident_id}"):
        assert "200" in paths[path]["get"]["responses"], path
    params = {p["name"] for p in paths["/api/incidents"]["get"]["parameters"]}
    assert {"type", "country", "since", "until", "actor", "limit", "cursor"} <= params


def test_stories_story_page_shows_reports_charts_and_the_disagreement(linked):
    story = story_of(linked, PORT.article.id)
    html = linked.get(f"/stories/{story['id']}").text
    assert "Gunmen attack port police post" in html and "2 articles from 2 sources" in html
    assert html.count('class="report src-') == 2  # two reports on the time axis
    killed = re.search(r'<figure class="figure-chart" data-predicate="killed">.*?</figure>', html,
                       re.S)
    assert killed is not None
    points = re.findall(r'data-source="([^"]+)" data-figure="([^"]+)"', killed.group(0))
    assert points == [("provincial officials", "at least 12"), ("Khuzestan police chief", "15")]
    assert "the sources disagree" in html
    revised = re.search(r'<li data-kind="killed">Killed revised: (.*?)</li>', html, re.S)
    assert revised is not None
    assert re.search(r"at least 12.*provincial officials.*→.*15.*Khuzestan police chief",
                     revised.group(1), re.S)
    assert 'class="marker incident precision-1"' in html  # the map of its incidents


def test_stories_incident_page_shows_precisions_how_found_and_evidence_links(linked):
    merged = port_incident(linked)
    html = linked.get(f"/incidents/{merged['id']}").text
    assert "time precision" in html and "the day" in html
    assert "geo precision" in html and "town or exact place" in html
    assert "found in its own clause" in html
    evidence = re.findall(r'href="/articles/([0-9a-f]+)\?evidence=(\d+)-(\d+)#evidence"', html)
    follow = {(a, int(s), int(e)) for a, s, e in evidence if a == FOLLOW.article.id}
    figure = next(f for f in FOLLOW.incidents[0].figures if f.predicate == "killed")
    assert (FOLLOW.article.id, figure.start, figure.end) in follow


def test_stories_article_incident_page_redirects_to_its_story_incident(linked):
    response = linked.get(f"/incidents/{FOLLOW.incidents[0].id}", follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == f"/incidents/{port_incident(linked)['id']}"
    assert linked.get("/incidents/nothing-here").status_code == 404


def test_stories_article_page_links_its_story_and_marks_the_linked_evidence(linked):
    figure = next(f for f in FOLLOW.incidents[0].figures if f.predicate == "killed")
    html = linked.get(f"/articles/{FOLLOW.article.id}?evidence={figure.start}-{figure.end}").text
    story = story_of(linked, FOLLOW.article.id)
    assert f'href="/stories/{story["id"]}"' in html
    marked = re.search(r'<span class="([^"]*hl-focus[^"]*)"[^>]* id="evidence">([^<]*)', html)
    assert marked is not None and marked.group(2) in figure.text
    plain = linked.get(f"/articles/{FOLLOW.article.id}?evidence=9-3").text
    assert "hl-focus" not in plain


def test_stories_map_marks_events_and_incidents_by_precision(linked):
    html = linked.get("/map").text
    incidents = re.findall(r'class="marker incident precision-(\d)"[^>]*data-place="([^"]+)"',
                           html)
    assert ("1", "Khorramshahr") in incidents and ("1", "Kano") in incidents
    assert ("2", "Naples") in incidents  # a wider named area: a larger disc
    assert re.search(r'class="place marker event precision-1"[^>]*data-place="Khorramshahr"',
                     html)
    assert 'id="map-legend"' in html and "region or country" in html


def test_stories_claims_compares_figures_only_within_one_incident(linked):
    html = linked.get("/claims").text
    groups = re.findall(r'<section class="claim-group" data-scope="(\w+)" data-scope-id="(\w+)">'
                        r'(.*?)</section>', html, re.S)
    assert groups, "no comparison"
    for scope, _id, body in groups:
        assert scope == "incident" or scope == "story"
        assert not ("Kano" in body and "Khorramshahr" in body)
    (port,) = [body for scope, _id, body in groups if scope == "incident"]
    assert "at least 12" in port and ">15<" in port and "they differ" in port
    assert "Kano" not in port


def test_stories_lists_of_stories_and_incidents(linked):
    html = linked.get("/stories?country=IR").text
    assert "Gunmen attack port police post" in html and "Kano" not in html
    html = linked.get("/incidents?type=ASSAULT").text
    assert "Khorramshahr" in html and "Kano" in html and "Naples" not in html


def test_stories_event_page_links_its_incident_and_story(linked):
    html = linked.get("/events/ev-port").text
    story = story_of(linked, PORT.article.id)
    assert f'href="/stories/{story["id"]}"' in html
    assert f'href="/incidents/{port_incident(linked)["id"]}"' in html
    assert "Gunmen attacked a police post" in html
    assert linked.get("/events/ev-missing").status_code == 404


def test_stories_entity_page_shows_the_canonical_entity_across_articles(linked):
    html = linked.get("/entities/NORP/Gunmen").text
    across = html.split('id="across-articles"')[1].split("</section>")[0]
    story = story_of(linked, PORT.article.id)
    assert f'href="/stories/{story["id"]}"' in across
    # Its articles, by every name linked to it, are the page's paged list of articles.
    articles = html.split('<h2 id="articles">')[1].split("</ul>")[0]
    assert "(by any of its names)" in articles
    assert f'href="/articles/{PORT.article.id}"' in articles
    assert f'href="/articles/{FOLLOW.article.id}"' in articles


def test_stories_home_lists_the_latest_stories(linked):
    html = linked.get("/").text
    story = story_of(linked, PORT.article.id)
    assert f'<a href="/stories/{story["id"]}">Gunmen attack port police post</a>' in html
    assert "2 reports" in html


@pytest.mark.parametrize("scan,batch", [(1, 1), (2, 1), (3, 200), (1000, 1), (1000, 200)])
def test_stories_claims_compared_are_the_newest_of_linked_stories_whatever_the_batch(
        tmp_path, scan, batch):
    """story_claims reads stories a batch at a time, newest first; it must keep exactly the
    newest claims of stories of two or more articles, in list order, as a scan of every claim
    would."""
    from dateline.store import Filters, open_store
    from dateline.store.query import iter_rows
    from dateline.web.storydata import story_claims

    with open_store(str(linked_store(tmp_path))) as store:
        multi = {r["id"]: r["title"] for r in iter_rows(store, "stories") if r["articles"] >= 2}
        assert multi  # the port attack and its follow-up are one story
        every = [r for r in iter_rows(store, "claims") if r["story_id"] in multi]
        assert every
        found = story_claims(store, Filters(), scan=scan, batch=batch)
        assert [(r["article_id"], r["n"]) for r in found] == [
            (r["article_id"], r["n"]) for r in every[:scan]]
        assert all(r["story_title"] == multi[r["story_id"]] for r in found)
