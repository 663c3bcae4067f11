"""The API reference at /docs: every endpoint of the OpenAPI schema, with a curl command and an
example answer that the app really gives for GET endpoints."""

from __future__ import annotations

import json
import re
import shlex
from html import unescape

import pytest

from dateline.web.apidocs import _trim, code_spans, endpoints

pytestmark = pytest.mark.model  # the session store is filled by the real pipeline


def test_apidocs_lists_every_endpoint_of_the_schema(client):
    html = client.get("/docs").text
    schema = client.get("/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method in operations:
            assert f"<code>{path}</code>" in html, path
            anchor = "-".join([method, *path.strip("/").replace("{", "").replace("}", "")
                               .split("/")])
            assert f'id="{anchor}"' in html and f'href="#{anchor}"' in html
    assert '<a href="/docs" aria-current="page">API</a>' in html
    assert not re.search(r'<(script|link)[^>]+(src|href)="https?://', html)  # nothing from a CDN


def test_apidocs_get_examples_are_the_apps_own_answers(client):
    html = unescape(client.get("/docs").text)
    sections = re.findall(r'<section class="endpoint" id="get-([^"]+)">(.*?)</section>', html,
                          re.S)
    assert len(sections) >= 15
    for anchor, body in sections:
        curl = re.search(r'<pre class="example"><code>(curl [^<]+)</code>', body).group(1)
        url = shlex.split(curl)[-1]
        assert url.startswith("http://testserver/api/"), anchor
        answer = client.get(url.removeprefix("http://testserver"))
        assert answer.status_code == 200, (anchor, url)
        example = re.search(r"Example answer</summary>\s*<pre class=\"example\"><code>(.*?)"
                            r"</code></pre>", body, re.S)
        assert example, anchor
        shown = json.loads(example.group(1))
        # Other tests store articles meanwhile: the answer's shape is checked, not its rows.
        real = answer.json()
        assert type(shown) is type(real), anchor
        if isinstance(real, dict):
            assert set(shown) == set(real), anchor
        if anchor.endswith("-article_id-n") or anchor == "api-events-event_id":
            assert shown == _trim(answer.json()), anchor   # one record, as it stands


def test_apidocs_post_examples_show_the_token_and_a_body():
    schema = {"paths": {"/api/extract": {"post": {"summary": "Extract", "responses": {
        "200": {"content": {"application/json": {"schema": {
            "type": "object", "properties": {"id": {"type": "string"},
                                             "n": {"type": "integer"}}}}}}}}}}}
    [endpoint] = endpoints(schema, "http://localhost:8000/")
    assert endpoint.curl.startswith("curl -X POST -H 'Authorization: Bearer $DATELINE_TOKEN'")
    assert endpoint.curl.endswith(" http://localhost:8000/api/extract")
    assert json.loads(endpoint.example) == {"id": "9c1e0f3a52b7", "n": 0}
    assert endpoint.answer == [("id", "string", ""), ("n", "integer", "")]


@pytest.mark.parametrize(("value", "expected"), [
    ("x" * 200, "x" * 160 + "…"),
    ([1, 2, 3], [1, 2]),
    ({"a": ["y" * 161]}, {"a": ["y" * 160 + "…"]}),
    (None, None),
])
def test_apidocs_trim_shortens_texts_and_lists(value, expected):
    assert _trim(value) == expected


@pytest.mark.parametrize(("text", "pieces"), [
    ("Follow `next` for more.", [("Follow ", False), ("next", True), (" for more.", False)]),
    ("No code here.", [("No code here.", False)]),
    ("", []),
])
def test_apidocs_code_spans_split_at_backticks(text, pieces):
    assert code_spans(text) == pieces
