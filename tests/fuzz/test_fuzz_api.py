"""The HTTP API and the pages under hostile parameters and bodies: never a 500.

The app serves a store of hand-built Docs and extracts with no stages (so no model loads):
what is fuzzed is the web layer, the filters, the cursors and the readers behind the POST
routes. Every route of the OpenAPI schema is tried with every parameter it declares. Below the
property tests, each input a hostile probe of the API found is kept as a regression test.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dateline.ingest.article import make_article
from dateline.records import Doc
from dateline.settings import Settings
from store.conftest import BACKENDS, fresh_postgres_schema
from store.sample_docs import numbered_docs, port_doc, summit_doc

from .strategies import dump, encode, json_values, mixed_text, nested

TOKEN = "fuzz-token-5c1e"
AUTH = {"authorization": f"Bearer {TOKEN}"}
HOSTILE_URLS = ("javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)",
                "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
                "\x01javascript:alert(1)", "//evil.example/x", "http://[::1")


def hostile_docs() -> list[Doc]:
    """Articles whose URLs would run script if a page linked to them."""
    docs = []
    for i, url in enumerate(HOSTILE_URLS):
        base = port_doc()
        text = base.article.text + f" (Copy {i}.)"
        docs.append(replace(base, article=replace(make_article(text, published="2026-02-11"),
                                                  url=url, title=f"Hostile link {i}")))
    return docs


@pytest.fixture(scope="module", params=BACKENDS)
def api_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
              ) -> Iterator[str]:
    """A store on each backend: PostgreSQL refuses some values SQLite takes (NUL in text)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('fuzz-api') / 'store.db'}"
        return
    yield from fresh_postgres_schema("fuzz")


@pytest.fixture(scope="module")
def api(api_store: str) -> Iterator[Any]:
    """A test client of the app over the hand-built and hostile Docs, on each backend."""
    from fastapi.testclient import TestClient

    from dateline.store import open_store
    from dateline.web import create_app

    url = api_store
    with open_store(url) as store:
        for doc in [port_doc(), summit_doc(), *numbered_docs(6), *hostile_docs()]:
            store.save(doc, extractor="hand-built", origin="tests/fuzz")
    settings = Settings(db=url, api_token=TOKEN, stages=())
    app = create_app(settings, cache_seconds=0)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def assert_answer(response: Any) -> None:
    """No 500, and every API error in the one shape."""
    assert response.status_code < 500, (response.request.url, response.text[:300])
    if response.status_code >= 400 and response.request.url.path.startswith("/api/"):
        body = response.json()
        assert set(body) == {"error"} and set(body["error"]) == {"status", "code", "message"}
        assert body["error"]["status"] == response.status_code


def encoded(value: str) -> str:
    """Percent-encode any string, lone surrogates as the invalid UTF-8 a raw client sends."""
    return quote(encode(value), safe="")


def get_routes(client: Any) -> list[tuple[str, list[dict[str, Any]]]]:
    schema = client.get("/openapi.json").json()
    return [(path, ops["get"].get("parameters", [])) for path, ops in schema["paths"].items()
            if "get" in ops]


def cursor_of(value: Any) -> str:
    return base64.urlsafe_b64encode(dump(value, True).encode()).decode()


parameter_values = st.one_of(
    mixed_text,
    st.sampled_from(["2026-99", "2026-13", "2026-02-30", "0000", "2026-1-1", "2026\n",
                     "٢٠٢٦", "99999999999999999999", "-1", "0", "1e3", "NaN", "%", "_", "\\",
                     "' OR 1=1 --", "\x00", "\ud800"]),
    st.integers(min_value=-10**30, max_value=10**30).map(str),
    json_values.map(cursor_of),
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=",
            max_size=40),
)


@given(st.data())
def test_fuzz_api_every_route_answers_any_parameters_without_a_500(api, data):
    path, parameters = data.draw(st.sampled_from(get_routes(api)))
    url, query = path, []
    for parameter in parameters:
        if parameter["in"] == "path":
            url = url.replace("{" + parameter["name"] + "}", encoded(data.draw(parameter_values)))
        elif data.draw(st.booleans()):
            query.append(f"{parameter['name']}={encoded(data.draw(parameter_values))}")
    if data.draw(st.integers(0, 9)) == 0:
        query.append(f"{encoded(data.draw(mixed_text))}=1")  # a parameter no route knows
    url = re.sub(r"\{[^}]+\}", "x", url) + ("?" + "&".join(query) if query else "")
    assert_answer(api.get(url))


PAGES = ("/", "/articles", "/events", "/map", "/entities", "/quotes", "/claims", "/search",
         "/upload")
PAGE_PARAMETERS = ("type", "country", "since", "until", "actor", "speaker", "what", "source",
                   "text", "article", "cursor", "q")


@given(st.sampled_from(PAGES),
       st.dictionaries(st.sampled_from(PAGE_PARAMETERS), parameter_values, max_size=4))
def test_fuzz_api_pages_answer_any_filters_without_a_500(api, page, params):
    query = "&".join(f"{k}={encoded(v)}" for k, v in params.items())
    assert_answer(api.get(f"{page}?{query}"))


@given(st.sampled_from(["/articles/{}", "/entities/{}/{}", "/entities/PERSON/{}"]),
       st.lists(parameter_values, min_size=2, max_size=2))
def test_fuzz_api_record_pages_answer_any_key_without_a_500(api, page, keys):
    assert_answer(api.get(page.format(*(encoded(k) for k in keys))))


content_types = st.sampled_from(["application/json", "text/plain", "text/html",
                                 "application/json; charset=latin-1", "text/plain; charset=x",
                                 "application/xml", ""])
bodies = st.one_of(
    st.binary(max_size=500),
    json_values.map(lambda v: encode(dump(v, True))),
    st.fixed_dictionaries({"text": mixed_text}, optional={
        "published": st.one_of(mixed_text, json_values), "title": json_values,
        "url": st.sampled_from(HOSTILE_URLS)}).map(lambda v: encode(dump(v, True))),
    st.integers(1, 3000).map(lambda depth: encode('{"text": ' + nested(depth) + "}")),
)


@given(bodies, content_types, st.sampled_from(["/api/extract", "/api/articles"]))
def test_fuzz_api_extract_and_store_answer_any_body_without_a_500(api, body, content_type,
                                                                   route):
    headers = {**AUTH, **({"content-type": content_type} if content_type else {})}
    assert_answer(api.post(route, content=body, headers=headers))


# Regression: what the hostile probe of the API found (issue 10, points 14 and 15) --------------


@pytest.mark.parametrize("url", [
    "/api/quotes/ID/99999999999999999999", "/api/claims/ID/99999999999999999999",
    "/api/places/ID/2147483648", "/api/times/ID/-1",
])
def test_fuzz_api_row_numbers_past_any_integer_are_422(api, url):
    response = api.get(url)
    assert_answer(response)
    assert response.status_code == 422 and response.json()["error"]["code"] == "invalid"


@pytest.mark.parametrize("value", ["2026-99", "2026-13", "2026-02-30", "2026-00", "2025-02-29",
                                   "0000", "2026-1-1", "2026\n", "٢٠٢٦-٠١"])
@pytest.mark.parametrize("name", ["since", "until"])
@pytest.mark.parametrize("route", ["/api/events", "/api/claims", "/api/articles",
                                   "/api/timeline", "/api/claims/compare"])
def test_fuzz_api_impossible_dates_are_400(api, route, name, value):
    response = api.get(f"{route}?{name}={encoded(value)}")
    assert response.status_code == 400, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_parameter" and "must be a date" in error["message"]


@pytest.mark.parametrize("value", ["2026", "2026-02", "2024-02-29", "2026-12-31"])
def test_fuzz_api_real_dates_are_accepted(api, value):
    assert api.get(f"/api/events?since={value}").status_code == 200


@pytest.mark.parametrize("cursor", [
    cursor_of([None, None, None]), cursor_of(["2026-01-01", "x", 10**30]),
    cursor_of([{}, [], 1.5]), cursor_of(["2026-01-01", "x", True]),
    cursor_of(["\x00", "x", 1]), base64.urlsafe_b64encode(b"[" * 20000).decode(),
])
def test_fuzz_api_forged_cursors_are_400(api, cursor):
    response = api.get(f"/api/events?cursor={cursor}")
    assert response.status_code == 400 and "cursor" in response.json()["error"]["message"]


@pytest.mark.parametrize("url", ["/api/events?text=%00", "/api/articles/%00",
                                 "/api/entities/PERSON/a%00b", "/articles/%00",
                                 "/events?actor=%00"])
def test_fuzz_api_nul_characters_are_400(api, url):
    response = api.get(url)
    assert response.status_code == 400 and "NUL" in response.text


@pytest.mark.parametrize(("body", "words"), [
    (b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", ["nests JSON", "max_json_depth"]),
    (b"[" * 100_000 + b"]" * 100_000, []),
    (b'{"text": "NATO said \\ud800 on Friday"}', []),
    (b'{"text": "NATO said \\udfff on Friday", "published": "2026-03-20"}', []),
    (b'{"text": "NATO said on Friday that it would move.", "published": ' + b"9" * 10_000
     + b"}", ["digits"]),
    (b'{"text": "NATO said on Friday that it would move.", "published": "' + b"9" * 10_000
     + b'"}', []),
    (b"[]", ["JSON object"]),
    (b'{"text": 5}', []),
])
def test_fuzz_api_bodies_that_break_parsers_are_4xx(api, body, words):
    for route in ("/api/extract", "/api/articles"):
        response = api.post(route, content=body,
                            headers={**AUTH, "content-type": "application/json"})
        assert_answer(response)
        assert response.status_code in (400, 413, 422), response.text
        message = response.json()["error"]["message"]
        assert "internal error" not in message.lower() and "English" not in message
        for word in words:
            assert word in message


def test_fuzz_api_upload_form_with_a_body_that_breaks_parsers_is_400(api):
    deep = '{"text": ' + nested(100_000) + "}"
    response = api.post("/upload", data={"token": TOKEN},
                        files={"file": ("deep.json", deep.encode(), "application/json")})
    assert response.status_code == 400 and "max_json_depth" in response.text


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value or "" for name, value in attrs if name in ("href", "src", "action")]


def links_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.urls


def test_fuzz_api_pages_link_only_to_http_urls_and_their_own_paths(api):
    ids = [d.article.id for d in hostile_docs()]
    pages = ["/", "/articles", "/search?q=Hostile", *(f"/articles/{aid}" for aid in ids)]
    for page in pages:
        response = api.get(page)
        assert response.status_code == 200
        for url in links_in(response.text):
            scheme = url.split(":", 1)[0].lower() if ":" in url.split("/", 1)[0] else ""
            assert scheme in ("", "http", "https") and not url.startswith("//"), (page, url)
            assert not any(ord(c) < 0x20 for c in url), (page, url)


def test_fuzz_api_article_page_shows_a_script_url_as_text_only(api):
    doc = hostile_docs()[0]
    html = api.get(f"/articles/{doc.article.id}").text
    assert "javascript:alert(1)" in html  # shown, escaped, as the article's URL...
    assert 'href="javascript:' not in html and ">original</a>" not in html  # ...never a link
    port = api.get(f"/articles/{port_doc().article.id}").text
    assert 'href="https://news.example/port-attack"' in port


def test_fuzz_api_extract_needs_the_token_unless_opened(api, app_factory):
    body = {"content": json.dumps({"text": ""}).encode(),
            "headers": {"content-type": "application/json"}}
    response = api.post("/api/extract", **body)
    assert response.status_code == 401 and response.json()["error"]["code"] == "unauthorized"
    closed = app_factory()
    response = closed.post("/api/extract", **body)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "extract_disabled"
    assert "api_open_extract".upper() in response.text.upper()
    opened = app_factory(api_open_extract=True)
    response = opened.post("/api/extract", **body)  # past the door: the empty text is refused
    assert response.status_code == 422 and response.json()["error"]["code"] == "empty_input"
    response = opened.post("/api/articles", **body)  # storing still needs the token
    assert response.status_code == 403 and response.json()["error"]["code"] == "writes_disabled"


@pytest.fixture
def app_factory(api: Any) -> Any:
    from fastapi.testclient import TestClient

    from dateline.web import create_app

    db = api.app.state.settings.db

    def build(**settings: Any) -> Any:
        return TestClient(create_app(Settings(db=db, stages=(), **settings), cache_seconds=0),
                          raise_server_exceptions=False)

    return build


@pytest.mark.parametrize(("error", "status", "code"), [
    ("TooLargeError", 413, "too_large"), ("InputError", 422, "input"),
    ("StageError", 422, "stage"), ("LanguageError", 422, "language"),
])
def test_fuzz_api_extraction_errors_map_to_4xx(api, monkeypatch, error, status, code):
    from dateline import errors
    from dateline.web import api as api_module

    def fail(_settings: Settings, _article: Any) -> Doc:
        cls = getattr(errors, error)
        raise cls("claims", "over the limit") if cls is errors.StageError else cls("too much")

    monkeypatch.setattr(api_module, "run_pipeline", fail)
    response = api.post("/api/extract", content=b"NATO said on Friday that it would move.",
                        headers={**AUTH, "content-type": "text/plain"})
    assert response.status_code == status and response.json()["error"]["code"] == code
