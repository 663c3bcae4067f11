"""Search through the test client: the page and /api/search answer the same sections, totals
and order, unaccented, every word in any order, each section paged to its last match."""

from __future__ import annotations

import re
from html import unescape

import pytest

from store.sample_docs import port_doc

pytestmark = pytest.mark.model  # the session store is filled by the real pipeline

PORT = port_doc().article.id
KINDS = ("articles", "events", "quotes", "claims", "entities")


def get_json(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.text[:500]
    return response.json()


def section_total(html: str, kind: str) -> int:
    found = re.search(rf'<section class="search-section" id="{kind}">\s*<h2>\w+ '
                      r'<small class="count">([\d,]+)</small>', html)
    assert found, kind
    return int(found.group(1).replace(",", ""))


@pytest.mark.parametrize("query", ["Brasília", "BRASILIA", "brasilia"])
def test_search_finds_accented_words_either_way(client, query):
    answer = get_json(client, f"/api/search?q={query}")
    titles = [a["title"] for a in answer["articles"]["data"]]
    assert answer["articles"]["total"] >= 1 and titles
    text = client.get(f"/api/articles/{answer['articles']['data'][0]['id']}").json()
    assert "BRASÍLIA" in text["article"]["text"] or "Brasilia" in text["article"]["text"]


def test_search_matches_every_word_in_any_order(client):
    one = get_json(client, "/api/search?q=crane Mecca")
    other = get_json(client, "/api/search?q=Mecca crane")
    assert one["articles"]["total"] >= 1
    assert one["articles"]["data"] == other["articles"]["data"]
    assert get_json(client, "/api/search?q=crane Naples zzyzx")["articles"]["total"] == 0


def test_search_finds_claims_by_what_they_count(client):
    claims = get_json(client, "/api/search?q=killed&kind=claims&limit=100")["claims"]
    assert claims["total"] >= 1
    assert any(c["what"] == "officers killed" for c in claims["data"])


def test_search_api_has_every_section_with_its_total_and_the_page_agrees(client):
    answer = get_json(client, "/api/search?q=police")
    assert set(answer) == {"q", *KINDS}
    html = client.get("/search?q=police").text
    for kind in KINDS:
        section = answer[kind]
        assert set(section) == {"total", "offset", "data", "next"}
        assert len(section["data"]) == min(10, section["total"])
        assert section_total(html, kind) == section["total"], kind


def test_search_pages_a_section_to_its_last_match(client):
    first = get_json(client, "/api/search?q=said&kind=events&limit=10")["events"]
    assert first["total"] > 10, "the demo store has more than ten events saying 'said'"
    seen = [(e["article_id"], e["n"]) for e in first["data"]]
    following = first["next"]
    while following:
        more = get_json(client, following)["events"]
        seen += [(e["article_id"], e["n"]) for e in more["data"]]
        following = more["next"]
    assert len(seen) == len(set(seen)) == first["total"]
    html = client.get("/search?q=said").text
    assert f'href="/search?q=said&amp;kind=events">All {first["total"]} events →' in html
    last = -(-first["total"] // 50)
    paged = client.get(f"/search?q=said&kind=events&page={last}").text
    rows = paged.count('<tr data-type="')
    assert rows == first["total"] - 50 * (last - 1)
    assert f"Page {last} of {last}" in unescape(paged)


def test_search_refuses_an_unknown_kind_and_page(client):
    error = get_json(client, "/api/search?q=x&kind=nope", status=400)["error"]
    assert "Kinds: articles, events, quotes, claims, entities" in error["message"]
    assert client.get("/search?q=x&page=0").status_code == 400
    assert get_json(client, "/api/search?q=x&typo=1", status=400)["error"]["code"] == \
        "invalid_parameter"


def test_search_page_links_each_kind_to_its_records(client):
    html = client.get("/search?q=Tavakoli").text
    assert "/entities/PERSON/Reza%20Tavakoli" in html
    assert "We will find those responsible," in html
    assert f"/articles/{PORT}" in html
