"""The HTTP API through FastAPI's test client, over the demo corpus and hand-built articles:
every route, every filter, every error, and the one error shape."""

from __future__ import annotations

import json

import pytest

from dateline.store.query import APPLIES
from dateline.web.filters import TYPE_ALIASES
from store.sample_docs import PORT_TEXT, port_doc, summit_doc
from web.conftest import TOKEN
from web.docs import flood_docs

AUTH = {"authorization": f"Bearer {TOKEN}"}

pytestmark = pytest.mark.model  # the session store is filled by the real pipeline

PORT = port_doc().article.id
SUMMIT = summit_doc().article.id
FLOOD_A, FLOOD_B = (d.article.id for d in flood_docs())
LIST_TABLES = ("articles", "events", "quotes", "claims", "entities", "places", "times")


def assert_error(response, status: int, code: str, *words: str) -> dict:
    """The one error shape: {"error": {"status", "code", "message"}}, and nothing else."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    for word in words:
        assert word in body["error"]["message"]
    assert "Traceback" not in response.text
    return body["error"]


# Schema --------------------------------------------------------------------------------------


def test_api_openapi_lists_every_route_and_no_cdn_docs(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for table in LIST_TABLES:
        assert "get" in paths[f"/api/{table}"]
        documented = {p["name"] for p in paths[f"/api/{table}"]["get"]["parameters"]}
        alias = {TYPE_ALIASES[table]} if table in TYPE_ALIASES else set()
        assert documented == set(APPLIES[table]) | {"limit", "cursor", "before", "sort"} | alias
    for path in ("/api/articles/{article_id}", "/api/events/{event_id}",
                 "/api/quotes/{article_id}/{n}", "/api/claims/{article_id}/{n}",
                 "/api/places/{article_id}/{n}", "/api/times/{article_id}/{n}",
                 "/api/entities/{label}/{name}", "/api/claims/compare", "/api/timeline",
                 "/api/stats"):
        assert "get" in paths[path], path
    assert "post" in paths["/api/extract"] and "post" in paths["/api/articles"]
    body = paths["/api/extract"]["post"]["requestBody"]["content"]
    assert set(body) == {"application/json", "text/plain", "text/html"}
    docs = client.get("/docs")  # our own page (web/apidocs.py), not Swagger's from a CDN
    assert docs.status_code == 200 and "swagger" not in docs.text.lower()
    assert client.get("/redoc").status_code == 404


# Lists and filters ---------------------------------------------------------------------------


@pytest.mark.parametrize("table", LIST_TABLES)
def test_api_list_pages_cover_every_row_once(client, table):
    first = client.get(f"/api/{table}", params={"limit": 7})
    assert first.status_code == 200
    body = first.json()
    assert set(body) == {"data", "total", "capped", "facets", "next_cursor", "next",
                         "prev_cursor", "prev", "exports"}
    assert body["capped"] is False  # the test store is far under the cap
    assert len(body["data"]) == 7 and body["total"] > 7 and body["prev"] is None
    seen = [json.dumps(row, sort_keys=True) for row in body["data"]]
    following = body["next"]
    pages = 1
    while following and pages < 4:
        assert following.startswith(f"/api/{table}?") and "limit=7" in following
        page = client.get(following).json()
        seen += [json.dumps(row, sort_keys=True) for row in page["data"]]
        following = page["next"]
        pages += 1
    assert len(seen) == len(set(seen))


def test_api_articles_pages_add_up_to_the_store(client):
    total = client.get("/api/stats").json()["counts"]["articles"]
    ids, url = [], "/api/articles?limit=25"
    while url:
        page = client.get(url).json()
        ids += [row["id"] for row in page["data"]]
        url = page["next"]
    assert len(ids) == len(set(ids)) == total >= 44 + 5


def rows(client, table: str, **params) -> list[dict]:
    response = client.get(f"/api/{table}", params={"limit": 500, **params})
    assert response.status_code == 200, response.text
    return response.json()["data"]


FILTERS = [
    # (table, filters, what every row satisfies, (key, value) of a row that must be found)
    ("events", {"type": "ASSAULT"}, lambda r: r["type"] == "ASSAULT", PORT),
    ("events", {"type": "assault", "country": "IR"},
     lambda r: r["type"] == "ASSAULT" and r["country"] == "IR", PORT),
    ("events", {"country": "IT"}, lambda r: r["country"] == "IT", SUMMIT),
    ("events", {"since": "2026-03", "until": "2026-03-31"},
     lambda r: "2026-03-01" <= r["day"] <= "2026-03-31", SUMMIT),
    ("events", {"actor": "gunmen"}, lambda r: "Gunmen" in r["actors"], PORT),
    ("events", {"what": "killed"}, lambda r: any(
        q["kind"] in ("killed", "dead") or "killed" in q["text"] for q in r["quantities"]), PORT),
    ("events", {"source": "provincial"}, lambda r: r["source"] == "provincial officials", PORT),
    ("events", {"text": "police post"}, lambda r: "police post" in r["text"], PORT),
    ("events", {"article": SUMMIT}, lambda r: r["article_id"] == SUMMIT, SUMMIT),
    ("quotes", {"speaker": "hart"}, lambda r: "Hart" in r["speaker"], SUMMIT),
    ("quotes", {"type": "direct", "source": "AFP"}, lambda r: r["kind"] == "direct", PORT),
    ("quotes", {"country": "IR"}, lambda r: r["article_id"] != SUMMIT, PORT),
    ("quotes", {"text": "responsible"}, lambda r: "responsible" in r["text"], PORT),
    ("claims", {"what": "killed"}, lambda r: "kill" in (r["what"] or "") + (r["predicate"] or ""),
     PORT),
    ("claims", {"source": "red crescent"}, lambda r: r["source"] == "Red Crescent", FLOOD_B),
    ("claims", {"since": "2026-03-02", "until": "2026-03-02"},
     lambda r: r["day"] == "2026-03-02", FLOOD_A),
    ("entities", {"type": "PERSON", "text": "Tavakoli"},
     lambda r: r["label"] == "PERSON" and "Tavakoli" in r["name"], ("name", "Reza Tavakoli")),
    ("entities", {"source": "TASS", "since": "2026-03-20"},
     lambda r: r["first_day"] >= "2026-03-20", ("name", "Allison Hart")),
    ("places", {"type": "event", "country": "IT"},
     lambda r: r["role"] == "event" and r["country_code"] == "IT", SUMMIT),
    ("places", {"type": "dateline"}, lambda r: r["role"] == "dateline", PORT),
    ("times", {"type": "interval"}, lambda r: r["kind"] == "interval", SUMMIT),
    ("times", {"text": "Tuesday"}, lambda r: "Tuesday" in r["text"], PORT),
    ("articles", {"source": "TASS"}, lambda r: "TASS" in (r["source"] or r["dateline"] or ""),
     SUMMIT),
    ("articles", {"text": "Khorramshahr"}, lambda r: r["id"] != SUMMIT, PORT),
    ("articles", {"country": "IR", "since": "2026"}, lambda r: r["day"] >= "2026", PORT),
]


@pytest.mark.parametrize(("table", "params", "holds", "expected"), FILTERS,
                         ids=[f"{t}-{'-'.join(p)}" for t, p, _, _ in FILTERS])
def test_api_filters_keep_only_matching_rows(client, table, params, holds, expected):
    found = rows(client, table, **params)
    assert all(holds(r) for r in found), [r for r in found if not holds(r)][:2]
    key, value = expected if isinstance(expected, tuple) else (
        "id" if table == "articles" else "article_id", expected)
    assert value in {r[key] for r in found}, f"{value} not among {table} for {params}"
    everything = rows(client, table)
    assert len(found) < len(everything), "the filter kept every row"


@pytest.mark.parametrize(("table", "params"), [
    ("events", {"country": "ZZ"}),
    ("events", {"type": "ASSAULT", "since": "2099"}),
    ("quotes", {"speaker": "nobody-by-this-name"}),
    ("claims", {"what": "unicorns"}),
    ("entities", {"text": "Xyzzy Plugh"}),
    ("places", {"country": "ZZ"}),
    ("times", {"until": "1900"}),
    ("articles", {"source": "No Such Wire"}),
])
def test_api_filters_that_match_nothing_answer_an_empty_page(client, table, params):
    response = client.get(f"/api/{table}", params=params)
    assert response.status_code == 200
    body = response.json()
    assert (body["data"], body["total"], body["next"], body["prev"]) == ([], 0, None, None)
    # A facet counts with every filter but its own: only the others are empty.
    assert all(facet["values"] == [] for facet in body["facets"] if facet["filter"] not in params)


def test_api_event_rows_carry_their_evidence_offsets(client):
    event = rows(client, "events", article=PORT)[0]
    assert PORT_TEXT[event["start"]:event["end"]] == event["text"]
    assert event["trigger"] == "attacked" and event["place"] == "Khorramshahr"
    assert event["lat"] == pytest.approx(30.44) and event["time"] == "2026-02-10"


# Single records ------------------------------------------------------------------------------


def test_api_get_article_returns_the_extraction_contract(client):
    body = client.get(f"/api/articles/{PORT}").json()
    assert body["schema"] == "1"
    text = body["article"]["text"]
    assert text == PORT_TEXT
    for layer in ("entities", "times", "places", "quotes", "claims", "events"):
        for item in body[layer]:
            assert text[item["start"]:item["end"]] == item["text"]
    assert body["quotes"][0]["speaker"]["name"] == "Reza Tavakoli"
    assert body["stored"]["extractor"] == "hand-built"


def test_api_get_records_by_key(client):
    event = client.get("/api/events/ev-port").json()
    assert (event["type"], event["article_id"]) == ("ASSAULT", PORT)
    quote = client.get(f"/api/quotes/{SUMMIT}/0").json()
    assert (quote["speaker"], quote["kind"], quote["content"]) == (
        "Allison Hart", "indirect", "the move was temporary")
    claim = client.get(f"/api/claims/{PORT}/0").json()
    assert (claim["value"], claim["qualifier"], claim["source"]) == (
        "12", "at least", "provincial officials")
    place = client.get(f"/api/places/{SUMMIT}/0").json()
    assert (place["name"], place["country_code"], place["lat"]) == ("Naples", "IT", 40.85)
    time = client.get(f"/api/times/{SUMMIT}/1").json()
    assert (time["value"], time["kind"]) == ("2025", "interval")


def test_api_entity_profile_links_quotes_roles_and_events(client):
    hart = client.get("/api/entities/person/Allison Hart").json()
    assert (hart["name"], hart["label"], hart["articles"]) == ("Allison Hart", "PERSON", 1)
    assert hart["roles"] == [{"kind": "role", "text": "Spokesperson", "count": 1}]
    assert [q["content"] for q in hart["quotes"]] == ["the move was temporary"]
    assert hart["affiliations"] == ["NATO"]
    gunmen = client.get("/api/entities/NORP/Gunmen").json()
    assert [(e["id"], e["entity_roles"]) for e in gunmen["events"]] == [("ev-port", ["actor"])]
    governor = client.get("/api/entities/PERSON/regional governor").json()
    assert [c["value"] for c in governor["claims"]] == ["40"]


def test_api_entity_names_may_hold_slashes_and_spaces(client):
    response = client.get("/api/entities/ORG/AC%2FDC Records")
    assert_error(response, 404, "not_found", "AC/DC Records")


# Views ---------------------------------------------------------------------------------------


def test_api_compare_claims_only_within_one_incident_or_story(client):
    groups = client.get("/api/claims/compare", params={"since": "2026-02"}).json()
    port = next(g for g in groups if g["scope"] == "incident" and g["kind"] == "killed"
                and "provincial officials" in g["sources"])
    assert sorted(port["sources"]) == ["Khuzestan police chief", "provincial officials"]
    assert (port["min"], port["max"], port["disagree"]) == ("12", "15", True)
    assert port["href"] == f"/incidents/{port['scope_id']}"
    for group in groups:  # one story's articles in every group
        stories = {client.get("/api/stories", params={"article": r["article_id"]}
                              ).json()["data"][0]["id"] for r in group["reports"]}
        assert len(stories) == 1, group["label"]


def test_api_timeline_counts_events_by_day_and_type(client):
    days = client.get("/api/timeline", params={"since": "2026-02-10", "until": "2026-03-31"}
                      ).json()
    by_day = {d["day"]: d for d in days}
    assert by_day["2026-02-10"]["types"] == {"ASSAULT": 1}
    assert by_day["2026-03-20"] == {"day": "2026-03-20", "total": 1, "types": {"AGREE": 1}}
    assert [d["day"] for d in days] == sorted(by_day, reverse=True)
    assert len(client.get("/api/timeline", params={"days": 2}).json()) == 2
    # Several values of a filter mean any of them, as on the lists: a repeated source too.
    for name in ("type", "source"):
        values = sorted({t for d in days for t in d["types"]} if name == "type" else
                        {e["publisher"] for e in client.get("/api/events").json()["data"]})[:2]
        assert len(values) == 2
        either = client.get("/api/timeline", params=[(name, v) for v in values]).json()
        alone = [client.get("/api/timeline", params={name: v}).json() for v in values]
        assert sum(d["total"] for d in either) == sum(d["total"] for a in alone for d in a)


def test_api_stats_counts_every_table(client):
    stats = client.get("/api/stats").json()
    assert stats["counts"]["articles"] >= 49 and stats["counts"]["events"] > 0
    assert stats["first_day"] <= stats["last_day"]


# Errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "status", "code", "words"), [
    ("/api/events?speaker=Hart", 400, "invalid_parameter", ["speaker", "actor"]),
    ("/api/claims?type=x", 400, "invalid_parameter", ["type"]),
    ("/api/events?since=last-week", 400, "invalid_parameter", ["since must be a date"]),
    ("/api/quotes?until=2026-3", 400, "invalid_parameter", ["until"]),
    ("/api/events?cursor=not-a-cursor", 400, "invalid_parameter", ["cursor"]),
    ("/api/events?limit=0", 400, "invalid_parameter", ["limit", "1 to 1000"]),
    ("/api/events?limit=many", 400, "invalid_parameter", ["limit", "1 to 1000"]),
    ("/api/events?limit=100000", 400, "invalid_parameter", ["limit"]),
    ("/api/timeline?days=0", 422, "invalid", ["days"]),
    ("/api/claims/compare?groups=x", 422, "invalid", ["groups"]),
    ("/api/stats?verbose=1", 400, "invalid_parameter", ["verbose"]),
    ("/api/articles/0000000000000000", 404, "not_found", ["0000000000000000"]),
    ("/api/events/evt_missing", 404, "not_found", ["evt_missing"]),
    ("/api/quotes/0000000000000000/0", 404, "not_found", ["quote"]),
    (f"/api/claims/{PORT}/99", 404, "not_found", ["claim number 99"]),
    (f"/api/places/{PORT}/-1", 422, "invalid", ["n"]),
    (f"/api/times/{PORT}/one", 422, "invalid", ["n"]),
    ("/api/entities/PERSON/Nobody Atall", 404, "not_found", ["Nobody Atall"]),
    ("/api/nothing-here", 404, "not_found", ["/api/nothing-here"]),
])
def test_api_errors_have_one_shape(client, url, status, code, words):
    assert_error(client.get(url), status, code, *words)


def test_api_wrong_method_is_405_in_the_error_shape(client):
    assert_error(client.delete("/api/events"), 405, "method_not_allowed", "DELETE")
    assert_error(client.put(f"/api/articles/{PORT}", json={}), 405, "method_not_allowed")


def test_api_internal_error_hides_the_traceback(client, monkeypatch):
    from dateline.store import views

    def broken(_store):
        raise RuntimeError("secret detail from /srv/private/path")

    monkeypatch.setattr(views, "stats", broken)
    client.app.state.cache.clear()  # an earlier answer may still be cached
    error = assert_error(client.get("/api/stats"), 500, "internal_error", "RuntimeError")
    assert "secret" not in error["message"] and "/srv" not in error["message"]
    page = client.get("/")
    assert page.status_code == 500 and "secret" not in page.text and "Traceback" not in page.text


# Extraction ----------------------------------------------------------------------------------

STORY = ("Firefighters contained a warehouse fire in the port district on Tuesday, the city's "
         "fire chief Maria Lopez said. \"The building is a total loss,\" Lopez told reporters.")


def test_api_extract_reads_json_and_answers_the_contract(client):
    response = client.post("/api/extract", json={"text": STORY, "published": "2026-03-20",
                                                  "title": "Warehouse fire"}, headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["article"]["text"] == STORY and body["article"]["published"] == "2026-03-20"
    assert "Tuesday" in [t["text"] for t in body["times"]]
    assert any(q["speaker"] and "Lopez" in (q["speaker"]["name"] or "") for q in body["quotes"])
    assert client.get(f"/api/articles/{body['article']['id']}").status_code == 404  # not stored


def test_api_extract_reads_plain_text_and_html_with_query_metadata(client):
    plain = client.post("/api/extract?published=2026-03-20&source=Metro",
                        content=STORY.encode(), headers={"content-type": "text/plain", **AUTH})
    assert plain.status_code == 200, plain.text
    assert plain.json()["article"]["source"] == "Metro"
    assert plain.json()["article"]["published"] == "2026-03-20"
    page = (f"<html><head><title>Fire</title></head><body><article><h1>Fire</h1><p>{STORY}</p>"
            "<p>Investigators said the cause of the blaze was not yet known.</p></article>"
            "</body></html>")
    html = client.post("/api/extract", content=page.encode(),
                       headers={"content-type": "text/html; charset=utf-8", **AUTH})
    assert html.status_code == 200, html.text
    assert "Maria Lopez" in html.json()["article"]["text"]


@pytest.mark.parametrize(("content", "content_type", "status", "code", "words"), [
    (b"", "text/plain", 400, "format", ["empty"]),
    (b"{not json", "application/json", 400, "format", ["not valid JSON"]),
    (b'{"title": "no text"}', "application/json", 400, "format", ["text"]),
    (STORY.encode(), "application/pdf", 415, "unsupported_media_type", ["application/pdf"]),
    (STORY.encode(), None, 415, "unsupported_media_type", ["Content-Type"]),
    ("Die Feuerwehr hat den Brand im Hafen am Dienstag unter Kontrolle gebracht, sagte die "
     "Sprecherin der Stadt. Das Gebäude sei völlig zerstört.".encode(), "text/plain", 422,
     "language", ["English"]),
    (b'{"text": "A quake hit the coast.", "published": "not a date"}', "application/json", 400,
     "date", ["not a date"]),
])
def test_api_extract_refuses_bad_bodies(client, content, content_type, status, code, words):
    headers = {"content-type": content_type, **AUTH} if content_type else AUTH
    assert_error(client.post("/api/extract", content=content, headers=headers), status, code,
                 *words)


def test_api_extract_refuses_unknown_parameters(client):
    assert_error(client.post("/api/extract?lang=de", json={"text": STORY}, headers=AUTH), 400,
                 "invalid_parameter", "lang")


def small_client(**settings):
    from fastapi.testclient import TestClient

    from dateline.settings import Settings
    from dateline.web import create_app

    return TestClient(create_app(Settings(**settings)), raise_server_exceptions=False)


def test_api_body_limit_refuses_declared_and_streamed_bodies(app_settings):
    client = small_client(db=app_settings.db, api_max_body=200, api_token=TOKEN)
    big = json.dumps({"text": STORY * 3}).encode()
    assert len(big) > 200
    assert_error(client.post("/api/extract", content=big,
                             headers={"content-type": "application/json", **AUTH}),
                 413, "too_large", "200 bytes", "api_max_body")

    def chunks():  # no Content-Length: the limit must be applied while reading
        for i in range(0, len(big), 64):
            yield big[i:i + 64]

    assert_error(client.post("/api/extract", content=chunks(),
                             headers={"content-type": "application/json", **AUTH}), 413,
                 "too_large")
    small = client.post("/api/extract?published=2026-03-20", content=b"Rain fell in Oslo.",
                        headers={"content-type": "text/plain", **AUTH})
    assert small.status_code != 413


# Writes --------------------------------------------------------------------------------------


def test_api_writes_are_off_without_a_token(app_settings):
    client = small_client(db=app_settings.db)
    assert_error(client.post("/api/articles", json={"text": STORY},
                             headers={"authorization": f"Bearer {TOKEN}"}),
                 403, "writes_disabled", "api_token")


@pytest.mark.parametrize(("header", "words"), [
    (None, ["Authorization: Bearer"]),
    ("Basic dXNlcjpwdw==", ["Authorization: Bearer"]),
    ("Bearer ", ["Authorization: Bearer"]),
    ("Bearer wrong-token", ["not valid"]),
    (f"Bearer {TOKEN}x", ["not valid"]),
])
def test_api_writes_need_the_right_token(client, header, words):
    headers = {"authorization": header} if header else {}
    response = client.post("/api/articles", json={"text": STORY}, headers=headers)
    assert_error(response, 401, "unauthorized", *words)
    assert response.headers["www-authenticate"].startswith("Bearer")


def test_api_store_article_with_the_token_then_read_it_back(client):
    text = STORY.replace("warehouse fire", "warehouse fire near pier 9")
    headers = {"authorization": f"Bearer {TOKEN}"}
    first = client.post("/api/articles", json={"text": text, "published": "2026-03-21",
                                                "source": "Harbour News"}, headers=headers)
    assert first.status_code == 201, first.text
    stored = first.json()
    assert stored["outcome"] == "inserted" and first.headers["location"] == stored["article"]
    back = client.get(stored["article"]).json()
    assert back["article"]["text"] == text and back["stored"]["origin"] == "api"
    listed = {r["id"]: r for r in rows(client, "articles", source="Harbour News")}
    # A stored article is linked into a story, as ingest links it.
    assert listed[stored["id"]]["story_id"]
    again = client.post("/api/articles", json={"text": text, "published": "2026-03-21",
                                                "source": "Harbour News"}, headers=headers)
    assert again.status_code == 201 and again.json()["outcome"] == "unchanged"


# Headers -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", f"/articles/{PORT}", "/api/events?limit=1",
                                 "/static/app.js", "/map/world.svg", "/api/nothing",
                                 "/no-such-page", "/openapi.json"])
def test_api_and_pages_send_security_headers(client, url):
    headers = client.get(url).headers
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"


# Cache ---------------------------------------------------------------------------------------


def test_api_repeated_reads_come_from_the_cache_and_writes_clear_it(client):
    cache = client.app.state.cache
    cache.clear()
    url = "/api/articles?source=Harbour Cache&limit=5"
    first = client.get(url).json()
    hits = cache.hits
    assert client.get(url).json() == first and cache.hits == hits + 1
    text = STORY.replace("warehouse fire", "warehouse fire at the cache depot")
    stored = client.post("/api/articles", json={"text": text, "source": "Harbour Cache"},
                         headers={"authorization": f"Bearer {TOKEN}"})
    assert stored.status_code == 201
    after = client.get(url).json()  # not the cached empty page
    assert [row["id"] for row in after["data"]] == [stored.json()["id"]]
