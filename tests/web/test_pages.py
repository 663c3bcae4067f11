"""The HTML pages through the test client: what each shows, that untrusted text stays text, and
the upload form."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from store.sample_docs import port_doc, summit_doc
from web.conftest import TOKEN
from web.docs import script_doc

pytestmark = pytest.mark.model  # the session store is filled by the real pipeline

PORT = port_doc().article.id
SUMMIT = summit_doc().article.id
SCRIPT = script_doc().article.id


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def marks_data(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="marks-data">(.*?)</script>', html, re.S)
    assert found, "no marks data"
    return json.loads(found.group(1))


def test_pages_home_counts_and_latest(client):
    html = page(client, "/")
    assert "Latest articles" in html and "Latest events" in html
    assert "Council site defaced &lt;b&gt;again&lt;/b&gt;" in html


def test_pages_article_highlights_every_layer_with_its_resolution(client):
    html = page(client, f"/articles/{PORT}")
    for layer in ("entity", "time", "place", "quote", "claim", "event"):
        assert re.search(rf'<span class="hl[^"]* hl-{layer}[ "]', html), layer
    data = marks_data(html)
    assert dict(data["q0.0"]["facts"])["speaker"] == "Reza Tavakoli"
    assert dict(data["t0"]["facts"])["value"] == "2026-02-10"
    assert dict(data["p1"]["facts"])["coordinates"] == "30.4400, 48.1700"
    assert dict(data["c0"]["facts"])["source"] == "provincial officials"
    assert data["e1.0"]["link"] == "/entities/PERSON/Reza%20Tavakoli"
    text = re.search(r'<div class="article-text" id="article-text">(.*?)</div>', html, re.S)
    assert unescape(re.sub(r"<[^>]+>", "", text.group(1))) == port_doc().article.text
    assert "Published 2026-02-10T09:30:00+03:30" in html


def test_pages_article_shows_markup_in_the_text_as_text(client):
    html = page(client, f"/articles/{SCRIPT}")
    assert "&lt;script&gt;window.__pwned = 1;" in html
    assert "&lt;img src=x onerror=" in html
    assert "<script>window" not in html and "<img src=x" not in html
    assert "Council site defaced &lt;b&gt;again&lt;/b&gt;" in html
    # The data island for the script cannot close its own tag either.
    island = re.search(r'id="marks-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in island and "\\u003cscript\\u003e" in island
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts == ['<script src="/static/app.js" defer>',
                       '<script type="application/json" id="marks-data">']


def test_pages_unknown_article_is_a_404_page(client):
    html = page(client, "/articles/0000000000000000", status=404)
    assert "No article with id &#39;0000000000000000&#39;" in html


def test_pages_events_filter_and_timeline(client):
    html = page(client, "/events?type=ASSAULT&since=2026")
    types = re.findall(r'<tr data-type="([A-Z]+)"', html)
    assert types and set(types) == {"ASSAULT"}
    assert '<option value="ASSAULT" selected>' in html
    assert re.search(r'data-since="2026-02-10"', html)
    assert re.search(r'<rect class="type-assault" x="[\d.]+" y="[\d.]+"', html)
    assert 'Khorramshahr (IR)' in html


def test_pages_events_empty_and_bad_filters(client):
    assert "No event matches these filters." in page(client, "/events?country=ZZ")
    html = page(client, "/events?since=yesterday", status=400)
    assert "since must be a date" in html
    assert 'value="yesterday"' in html  # the form is kept as it was filled


def test_pages_events_paginate_by_cursor(client):
    first = page(client, "/events")
    following = re.search(r'<a rel="next" href="\?([^"]+)"', first)
    assert following
    second = page(client, "/events?" + unescape(following.group(1)))
    assert "« First" in second and 'rel="prev"' in second
    rows_1 = re.findall(r'<td class="evidence">(.*?)<br>', first, re.S)
    rows_2 = re.findall(r'<td class="evidence">(.*?)<br>', second, re.S)
    assert rows_1 and rows_2 and rows_1 != rows_2


def test_pages_map_draws_places_and_countries(client):
    html = page(client, "/map?since=2026")
    circles = re.findall(r'<circle class="place marker event precision-\d" cx="([\d.]+)" '
                         r'cy="([\d.]+)" r="[\d.]+" data-place="([^"]+)"', html)
    places = {name: (float(x), float(y)) for x, y, name in circles}
    assert set(places) == {"Khorramshahr", "Naples"}
    assert places["Naples"][0] < places["Khorramshahr"][0]  # west of it
    assert places["Naples"][1] < places["Khorramshahr"][1]  # north of it
    assert {"IR", "IT"} == set(re.findall(r'data-country="([A-Z]+)"', html))
    assert '<image href="/map/world.svg"' in html


def test_pages_world_outline_is_cached_svg(client):
    response = client.get("/map/world.svg")
    assert response.headers["content-type"] == "image/svg+xml"
    assert "max-age" in response.headers["cache-control"]
    assert response.text.startswith("<svg") and response.text.count("<path") > 160
    assert "<style" not in response.text and "<script" not in response.text


def test_pages_entity_page_lists_roles_quotes_events_and_claims(client):
    html = page(client, "/entities/PERSON/Reza%20Tavakoli")
    assert "Governor" in html and "We will find those responsible," in html
    html = page(client, "/entities/NORP/Gunmen")
    assert re.search(r'<tr data-type="ASSAULT">', html) and "<td>actor</td>" in html
    assert "No entity" in page(client, "/entities/ORG/Nobody%20Inc", status=404)


def test_pages_entities_and_quotes_lists(client):
    assert "/entities/PERSON/Allison%20Hart" in page(client, "/entities?type=PERSON&text=Hart")
    html = page(client, "/quotes?speaker=Hart")
    assert "the move was temporary" in html and "Reza Tavakoli" not in html


def test_pages_claims_compares_sources_only_within_one_incident(client):
    html = page(client, "/claims?since=2026-02")
    port = re.search(r'<section class="claim-group" data-scope="incident" data-scope-id="\w+">'
                     r"\s*<h3>.*?killed <small>(.*?)</small></h3>(.*?)</section>", html, re.S)
    assert port, "no comparison within the port attack"
    assert "2 sources" in port.group(1) and "12 to 15" in port.group(1)
    assert "provincial officials" in port.group(2) and "Khuzestan police chief" in port.group(2)
    assert "Red Crescent" in html.split('id="all-claims"')[1]  # and every claim, listed


def test_pages_search_finds_articles_entities_and_quotes(client):
    html = page(client, "/search?q=Tavakoli")
    assert "/entities/PERSON/Reza%20Tavakoli" in html
    assert "We will find those responsible," in html
    assert f"/articles/{PORT}" in html
    assert "<h1>Search</h1>" in page(client, "/search")


STORY = ("Divers recovered a second anchor from the harbour floor on Thursday, the port "
         "authority said. \"It is in remarkable condition,\" said archaeologist Lena Varga.")


def test_pages_upload_form_offers_storing_only_with_a_token(client, app_settings):
    assert 'name="token"' in page(client, "/upload")
    from fastapi.testclient import TestClient

    from dateline.settings import Settings
    from dateline.web import create_app

    open_to_all = TestClient(create_app(Settings(db=app_settings.db, api_open_extract=True)))
    html = open_to_all.get("/upload").text
    assert 'name="token"' not in html and "stores nothing" in html
    closed = TestClient(create_app(Settings(db=app_settings.db)))
    assert "Extraction is off" in closed.get("/upload").text


def test_pages_upload_extracts_and_shows_without_storing(client):
    response = client.post("/upload", data={"text": STORY, "published": "2026-03-19",
                                            "title": "Anchor <found>", "token": TOKEN})
    assert response.status_code == 200, response.text[:300]
    html = response.text
    assert "Extracted, not stored." in html and "Anchor &lt;found&gt;" in html
    assert any(f[0] == "speaker" and "Varga" in f[1]
               for mark in marks_data(html).values() for f in mark["facts"])
    assert client.get("/api/articles?text=second anchor").json()["data"] == []


def test_pages_upload_reads_a_file(client):
    response = client.post("/upload", data={"published": "2026-03-19", "token": TOKEN},
                           files={"file": ("anchor.txt", STORY.encode(), "text/plain")})
    assert response.status_code == 200 and "Lena Varga" in response.text


@pytest.mark.parametrize(("data", "status", "message"), [
    ({"text": "", "token": TOKEN}, 422, "is empty"),
    ({"text": STORY, "published": "someday", "token": TOKEN}, 400, "someday"),
    ({"text": STORY}, 401, "Authorization"),
    ({"text": STORY, "store": "yes"}, 401, "Authorization"),
    ({"text": STORY, "token": "wrong"}, 401, "not valid"),
    ({"text": STORY, "store": "yes", "token": "wrong"}, 401, "not valid"),
])
def test_pages_upload_errors_show_on_the_form(client, data, status, message):
    response = client.post("/upload", data=data)
    assert response.status_code == status
    assert 'class="error-message"' in response.text and message in response.text
    assert "<form class=\"upload\"" in response.text


def test_pages_upload_stores_with_the_token_and_redirects(client):
    text = STORY.replace("second anchor", "third anchor")
    response = client.post("/upload", data={"text": text, "store": "yes", "token": TOKEN,
                                            "source": "Harbour Desk"}, follow_redirects=False)
    assert response.status_code == 303
    target = response.headers["location"]
    assert target.startswith("/articles/")
    assert "third anchor" in page(client, target)
    stored = client.get("/api/articles?source=Harbour Desk").json()["data"]
    assert [a["id"] for a in stored] == [target.rsplit("/", 1)[1]]



def test_pages_upload_over_the_body_limit_is_refused_with_a_page(app_settings):
    from fastapi.testclient import TestClient

    from dateline.settings import Settings
    from dateline.web import create_app

    small = TestClient(create_app(Settings(db=app_settings.db, api_max_body=1000,
                                           api_open_extract=True)))
    response = small.post("/upload", data={"text": STORY * 20})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "1,000 bytes" in response.text


def test_pages_answer_an_expired_page_at_once_then_render_it_again(app_settings, monkeypatch):
    import time

    from fastapi.testclient import TestClient

    from dateline.web import create_app, pages

    with TestClient(create_app(app_settings, cache_seconds=0.2)) as fresh:
        cache = fresh.app.state.cache
        first = fresh.get("/events?type=ASSAULT")
        assert first.status_code == 200 and cache.misses == 1
        assert fresh.get("/events?type=ASSAULT").text == first.text and cache.misses == 1
        time.sleep(0.3)
        # Expired: answered as it was at once, and rendered again after the answer.
        assert fresh.get("/events?type=ASSAULT").text == first.text
        deadline = time.monotonic() + 10
        while cache.misses < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert cache.misses == 2
        # Past the grace, the request renders the page itself before answering.
        monkeypatch.setattr(pages, "STALE_SECONDS", 0.0)
        time.sleep(0.3)
        assert fresh.get("/events?type=ASSAULT").status_code == 200 and cache.misses == 3
        # A bad filter is shown (400) and never kept.
        assert fresh.get("/events?since=2015-13-45").status_code == 400
        assert fresh.get("/events?since=2015-13-45").status_code == 400
        assert cache.misses == 5
