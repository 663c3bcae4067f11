"""The API reference at /docs: one server-rendered page drawn from the app's own OpenAPI schema.

Each endpoint shows its parameters, the shape of its answer, a curl command and an example
answer. A GET example is real: the page asks the app itself (in process, once per process)
for the store's first rows, so ids in the examples exist and the answers show this store's
data, trimmed; other examples are built from the schema. Nothing is loaded from elsewhere (the
usual Swagger page pulls its script from a CDN and runs inline script, which the
Content-Security-Policy forbids).
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlencode

import httpx
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response

from dateline.web.filters import TYPE_VALUES
from dateline.web.pages import render

router = APIRouter(include_in_schema=False)

# Example values by field or parameter name, so examples read like the store's own rows.
EXAMPLES: dict[str, Any] = {
    "q": "crane Mecca", "type": "ASSAULT", "country": "IR", "since": "2026-02",
    "until": "2026-03-20", "day": "2026-02-10", "first_day": "2026-02-10",
    "last_day": "2026-02-12", "published": "2026-02-10T09:30:00+03:30", "label": "PERSON",
    "name": "Reza Tavakoli", "speaker": "Reza Tavakoli", "actor": "Gunmen", "what": "killed",
    "source": "AFP", "text": "Gunmen attacked a police post near the port of Khorramshahr",
    "title": "Gunmen attack port police post", "place": "Khorramshahr", "kind": "direct",
    "article_id": "9c1e0f3a52b7", "article": "9c1e0f3a52b7", "id": "9c1e0f3a52b7",
    "event_id": "ev-9c1e0f3a52b7-0", "story_id": "st-4b0d", "incident_id": "in-7e21",
    "n": 0, "limit": 2, "lat": 30.44, "lon": 48.17, "url": "https://news.example/port-attack",
    "factuality": "asserted", "value": "12", "status": 404, "code": "not_found",
    "message": "No event with id 'ev-1'.",
}
# Optional query parameters an example request shows (required ones are always shown).
EXAMPLE_QUERY = frozenset({"type", "limit"})


@dataclass(frozen=True)
class Endpoint:
    """One method and path, as the page shows it."""

    method: str
    path: str
    anchor: str
    summary: str
    description: str
    tag: str
    parameters: list[dict[str, Any]]
    answer: list[tuple[str, str, str]]   # (field, type, description) of the success answer
    status: str
    url: str          # the example request's path and query
    curl: str
    example: str


def endpoints(schema: dict[str, Any], base: str) -> list[Endpoint]:
    """Every endpoint of the OpenAPI ``schema``, with a curl command against ``base``."""
    found = []
    for path, operations in schema.get("paths", {}).items():
        for method, op in operations.items():
            status, body = _success(op)
            resolved = _resolve(schema, body) if body else {}
            found.append(Endpoint(
                method=method.upper(), path=path,
                anchor=_anchor(method, path),
                summary=op.get("summary", ""), description=op.get("description", ""),
                tag=(op.get("tags") or ["other"])[0],
                parameters=[_parameter(p) for p in op.get("parameters", [])],
                answer=_fields(schema, resolved), status=status,
                url=_example_url(path, op, EXAMPLES),
                curl=_curl(base, method.upper(), _example_url(path, op, EXAMPLES)),
                example=json.dumps(_example(schema, resolved, depth=0), indent=2,
                                   ensure_ascii=False) if body else ""))
    return found


def code_spans(text: str) -> list[tuple[str, bool]]:
    """Split a description at its Markdown backticks: (text, is_code) pieces, code every
    second one, so the page shows `next` as code without rendering any other markup."""
    return [(piece, i % 2 == 1) for i, piece in enumerate(text.split("`")) if piece]


def _anchor(method: str, path: str) -> str:
    """``get-api-events-event_id`` for GET /api/events/{event_id}."""
    return "-".join([method, *path.strip("/").replace("{", "").replace("}", "").split("/")])


def _success(op: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
    for status, answer in sorted(op.get("responses", {}).items()):
        if status.startswith("2"):
            content = answer.get("content", {}).get("application/json", {})
            return status, content.get("schema")
    return "200", None


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str):
        name = ref.rsplit("/", 1)[-1]
        return dict(schema["components"]["schemas"][name])
    return node


def _type(schema: dict[str, Any], node: dict[str, Any]) -> str:
    """A short type name: ``string``, ``integer or null``, ``list of EventsRow``."""
    if "$ref" in node:
        return str(node["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in node:
        return " or ".join(_type(schema, n) for n in node["anyOf"])
    if node.get("type") == "array":
        return f"list of {_type(schema, node.get('items', {}))}"
    if node.get("type") == "object" and "additionalProperties" in node:
        return "object"
    return str(node.get("type", "any"))


def _parameter(p: dict[str, Any]) -> dict[str, Any]:
    node = p.get("schema", {})
    limits = [f"{word} {node[key]}" for key, word in (("minimum", "from"), ("maximum", "to"),
                                                      ("maxLength", "at most"))
              if key in node]
    return {"name": p["name"], "in": p.get("in", "query"), "required": p.get("required", False),
            "type": _type({}, node), "default": node.get("default"),
            "description": p.get("description") or node.get("description", ""),
            "limits": ", ".join(limits)}


def _fields(schema: dict[str, Any], node: dict[str, Any]) -> list[tuple[str, str, str]]:
    props = node.get("properties", {})
    return [(name, _type(schema, sub), sub.get("description", ""))
            for name, sub in props.items()]


def _example(schema: dict[str, Any], node: dict[str, Any], *, depth: int, name: str = "") -> Any:
    """An example value for ``node``: named fields take a value from EXAMPLES."""
    node = _resolve(schema, node)
    if depth > 4:
        return None
    if "anyOf" in node:
        kinds = [n for n in node["anyOf"] if n.get("type") != "null"]
        return _example(schema, kinds[0], depth=depth, name=name) if kinds else None
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        props = node.get("properties", {})
        return {key: _example(schema, sub, depth=depth + 1, name=key) for key, sub in props.items()}
    if kind == "array":
        item = _example(schema, node.get("items", {}), depth=depth + 1, name=name)
        return [] if item in (None, {}) else [item]
    if name in EXAMPLES:
        return EXAMPLES[name]
    return {"string": "…", "integer": 1, "number": 0.5, "boolean": True}.get(str(kind))


def _example_url(path: str, op: dict[str, Any], values: dict[str, Any]) -> str:
    """The example request's path and query: path parameters filled, a few query ones set."""
    url = path
    query: list[tuple[str, str]] = []
    for p in op.get("parameters", []):
        value = values.get(p["name"], EXAMPLES.get(p["name"]))
        if p["name"] == "type":
            value = _type_example(path, value)
        if p.get("in") == "path":
            url = url.replace("{" + p["name"] + "}", str(value if value is not None else "…"))
        elif p.get("in") == "query" and value is not None and (
                p.get("required") or p["name"] in EXAMPLE_QUERY):
            query.append((p["name"], str(value)))
    return url + ("?" + urlencode(query) if query else "")


def _type_example(path: str, value: Any) -> Any:
    """A ``type`` the list at ``path`` accepts: each list has its own kinds (quotes: direct...),
    and the example request must be one the app answers."""
    table = path.removeprefix("/api/").split("/")[0]
    allowed = TYPE_VALUES.get(table)
    if allowed is None or value in allowed:
        return value
    return "ASSAULT" if "ASSAULT" in allowed else allowed[0]


def _curl(base: str, method: str, url: str) -> str:
    url = base.rstrip("/") + url
    parts = ["curl"]
    if method != "GET":
        parts += ["-X", method, "-H", "Authorization: Bearer $DATELINE_TOKEN", "-H",
                  "Content-Type: application/json", "--data",
                  '{"text": "KHORRAMSHAHR, Iran (AP) — Gunmen attacked a police post.", '
                  '"published": "2026-02-10"}']
    parts.append(url)
    return " ".join(shlex.quote(p) for p in parts)


# Live examples ---------------------------------------------------------------------------------

MAX_TEXT = 160
MAX_ITEMS = 2
# Which field of a list's first row fills each path parameter.
_PATH_FIELDS = {"event_id": "id", "story_id": "id", "incident_id": "id", "n": "n",
                "label": "label", "name": "name"}


async def live_examples(app: FastAPI, found: list[Endpoint], base: str) -> list[Endpoint]:
    """Replace each GET example with the app's own answer over the store, trimmed."""
    transport = httpx.ASGITransport(app=app)
    out = []
    async with httpx.AsyncClient(transport=transport, base_url="http://docs") as client:
        first: dict[str, dict[str, Any]] = {}
        for endpoint in found:
            if endpoint.method != "GET":
                out.append(endpoint)
                continue
            values = await _path_values(client, endpoint.path, first)
            url = _example_url(endpoint.path, _operation(app, endpoint), values)
            answer = await client.get(url)
            if answer.status_code != 200 or "json" not in answer.headers.get("content-type", ""):
                out.append(endpoint)
                continue
            out.append(replace(endpoint, url=url, curl=_curl(base, "GET", url), example=json.dumps(
                _trim(answer.json()), indent=2, ensure_ascii=False)))
    return out


def _operation(app: FastAPI, endpoint: Endpoint) -> dict[str, Any]:
    return app.openapi()["paths"][endpoint.path][endpoint.method.lower()]  # type: ignore[no-any-return]


async def _path_values(client: httpx.AsyncClient, path: str, first: dict[str, dict[str, Any]]
                       ) -> dict[str, Any]:
    """Path parameter values from the first row of the path's list (/api/events for
    /api/events/{event_id}), so the example asks for a record that exists."""
    if "{" not in path:
        return {}
    table = path.split("/")[2]
    if table not in first:
        answer = await client.get(f"/api/{table}", params={"limit": 1})
        rows = answer.json().get("data", []) if answer.status_code == 200 else []
        first[table] = rows[0] if rows else {}
    row = first[table]
    values = {name: row[field] for name, field in _PATH_FIELDS.items() if field in row}
    if row:
        values["article_id"] = row["id"] if table == "articles" else row.get("article_id")
    return {k: v for k, v in values.items() if v is not None}


def _trim(value: Any) -> Any:
    """Shorten long texts and lists, so an example shows the shape, not a whole article."""
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return value[:MAX_TEXT] + "…"
    if isinstance(value, list):
        return [_trim(v) for v in value[:MAX_ITEMS]]
    if isinstance(value, dict):
        return {k: _trim(v) for k, v in value.items()}
    return value


@router.get("/docs", response_class=HTMLResponse)
async def api_docs(request: Request) -> Response:
    """Every endpoint with its parameters, answer, a curl command and an example answer."""
    base = str(request.base_url)
    found = getattr(request.app.state, "api_docs", None)
    if found is None:  # once per process: the examples illustrate, they need not be fresh
        found = await live_examples(request.app, endpoints(request.app.openapi(), base), base)
        request.app.state.api_docs = found
    tags: dict[str, list[Endpoint]] = {}
    for endpoint in found:
        tags.setdefault(endpoint.tag, []).append(endpoint)
    return render(request, "apidocs.html", {"tags": tags, "info": request.app.openapi()["info"],
                                            "code_spans": code_spans})
