"""The HTTP API under /api/: the query tables with the filters of ``dateline query``, single
records by key, the views the pages use, and article extraction and storage."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import anyio
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from dateline.serialize import doc_to_dict
from dateline.settings import Settings
from dateline.store import Filters, Store, views
from dateline.store.query import APPLIES
from dateline.store.sorting import sorts_of
from dateline.web import schemas
from dateline.web.cache import ResponseCache
from dateline.web.errors import APIError, ErrorResponse
from dateline.web.extraction import UnsupportedMedia, read_body, run_pipeline, save_doc
from dateline.web.filters import TYPE_ALIASES, InvalidFilter, loose_filters, read_list_request
from dateline.web.listing import export_urls, fill
from dateline.web.security import require_extract_access, require_token
from dateline.web.storydata import comparisons_within

LIST_TABLES = ("articles", "events", "quotes", "claims", "entities", "places", "times",
               "stories", "incidents")
MAX_PAGE = 1000
FILTER_HELP = {
    "type": "Event type (PLOVER, e.g. ASSAULT), quote kind, entity label, place role or time kind.",
    "country": "ISO 3166 alpha-2 code: where the event happened; for places, the place's "
               "country; for other tables, a place the article names.",
    "since": "First day, inclusive: 2026-02-01, 2026-02 or 2026.",
    "until": "Last day, inclusive: 2026-03-20, 2026-03 or 2026.",
    "actor": "Words of an event actor's name.",
    "speaker": "Words of a quote speaker's name or description.",
    "what": "What a number counts, e.g. killed.",
    "source": "Publisher, wire agency or in-text source, e.g. AFP (contained, any case); "
              "several repeated (source=AFP&source=Reuters), each value whole, commas "
              "included.",
    "factuality": "Whether the event happened as told: asserted, negated, denied, "
                  "hypothetical, future or historical; several repeated or comma-separated.",
    "text": "Words of the evidence text (for articles: title or text).",
    "article": "One article id.",
    "place": "An event's place by its resolved name, exactly (Khorramshahr, Europe).",
}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "A filter, cursor or body is invalid."},
    404: {"model": ErrorResponse, "description": "No such record."},
    422: {"model": ErrorResponse, "description": "A parameter has the wrong type."},
}

# Row numbers fit PostgreSQL's integer; a larger n is refused (422), not an overflow (500).
MAX_N = 2 ** 31 - 1

AUTH_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "No or a wrong bearer token."},
    403: {"model": ErrorResponse, "description": "Off on this server (it has no api_token)."},
}
BODY_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorResponse, "description": "The body, or the article's extraction, is "
                                                 "over a limit."},
    415: {"model": ErrorResponse, "description": "Unsupported Content-Type."},
}

router = APIRouter(prefix="/api")


def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def settings_of(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def check_params(request: Request, allowed: set[str]) -> None:
    """Refuse query parameters the route does not know: a mistyped filter must not be ignored."""
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise APIError(400, f"Unknown parameter {', '.join(unknown)} for {request.url.path}. "
                            f"Parameters: {', '.join(sorted(allowed))}.",
                       code="invalid_parameter")


def filters_from(values: dict[str, Any]) -> Filters:
    return Filters(**{k: (v or None) for k, v in values.items() if k in FILTER_HELP})


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None
                  ) -> JSONResponse:
    return JSONResponse(data, status_code=status, headers=headers)


def encode(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


async def answer(request: Request, compute: Callable[[], Any]) -> Response:
    """Answer a read from the response cache, or compute it in a worker thread (the database
    driver blocks) and keep it there; errors are raised, never cached."""
    cache: ResponseCache = request.app.state.cache
    key = f"{request.url.path}?{request.url.query}"
    body = cache.peek(key)
    if body is None:
        body = await anyio.to_thread.run_sync(cache.get, key, lambda: encode(compute()),
                                              limiter=request.app.state.readers)
    return Response(body, media_type="application/json")


# Lists ----------------------------------------------------------------------------------------


def _filter_parameters(names: set[str]) -> list[inspect.Parameter]:
    return [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=str | None,
                              default=Query(None, description=FILTER_HELP[name]))
            for name in sorted(names)]


def _with_signature(function: Callable[..., Any], extra: list[inspect.Parameter]
                    ) -> Callable[..., Any]:
    """Give ``function(request, **kw)`` an explicit signature, so FastAPI documents each table's
    own filters (and only those) in the OpenAPI schema."""
    request = inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD,
                                annotation=Request)
    function.__signature__ = inspect.Signature([request, *extra])  # type: ignore[attr-defined]
    return function


def _add_list_route(table: str) -> None:
    names = set(APPLIES[table])
    sorts = ", ".join(sorts_of(table))
    alias = TYPE_ALIASES.get(table)
    paging = [
        inspect.Parameter("sort", inspect.Parameter.KEYWORD_ONLY, annotation=str | None,
                          default=Query(None, description=f"Order: {sorts} (a leading - "
                                                          "reverses; default newest first).")),
        inspect.Parameter("limit", inspect.Parameter.KEYWORD_ONLY, annotation=str | None,
                          default=Query(None, description=f"Rows per page, 1 to {MAX_PAGE} "
                                                          "(default 50).")),
        inspect.Parameter("cursor", inspect.Parameter.KEYWORD_ONLY, annotation=str | None,
                          default=Query(None, description="The next_cursor of the previous "
                                                          "page.")),
        inspect.Parameter("before", inspect.Parameter.KEYWORD_ONLY, annotation=str | None,
                          default=Query(None, description="The prev_cursor of the next page: "
                                                          "reads the page before it.")),
    ]
    if alias:
        paging.append(inspect.Parameter(alias, inspect.Parameter.KEYWORD_ONLY,
                                        annotation=str | None,
                                        default=Query(None, description="Same as type.")))

    async def list_rows(request: Request, **_params: Any) -> Response:
        try:
            asked = read_list_request(table, request.query_params)
        except InvalidFilter as exc:
            raise APIError(400, str(exc), code="invalid_parameter") from None

        def compute() -> dict[str, Any]:
            try:
                found = fill(store_of(request), asked, cache=request.app.state.summaries)
            except InvalidFilter as exc:
                raise APIError(400, str(exc), code="invalid_parameter") from None
            given = [(k, v) for k, v in request.query_params.multi_items()
                     if k not in ("cursor", "before")]

            def link(name: str, value: str | None) -> str | None:
                return (f"{request.url.path}?{urlencode([*given, (name, value)])}"
                        if value else None)

            return {"data": found.rows, "total": found.total, "capped": found.capped,
                    "facets": [f.to_dict() for f in found.facets],
                    "next_cursor": found.next_cursor, "next": link("cursor", found.next_cursor),
                    "prev_cursor": found.prev_cursor, "prev": link("before", found.prev_cursor),
                    "exports": export_urls(table, asked.params)}

        return await answer(request, compute)

    list_rows.__name__ = f"list_{table}"
    router.add_api_route(
        f"/{table}", _with_signature(list_rows, [*_filter_parameters(names), *paging]),
        methods=["GET"], tags=[table], summary=f"List {table}, newest first",
        description=f"One page of {table} matching the filters (combined with AND; `type`, "
                    "`country` and `factuality` take several values, repeated or "
                    "comma-separated; `source` several repeated), newest "
                    "first or in the `sort` order, like `dateline query " + table + "`, with "
                    "the `total` of matching rows and `facets` (counts per value). Follow "
                    "`next` or `prev` for more; `exports` download every matching row.",
        response_model=schemas.page_model(table), responses=ERRORS)


for _table in LIST_TABLES:
    _add_list_route(_table)


# Single records -------------------------------------------------------------------------------


@router.get("/articles/{article_id}", tags=["articles"], responses=ERRORS,
            summary="One article with everything extracted from it")
async def get_article(request: Request, article_id: str = Path(description="The article id.")
                      ) -> Response:
    """The article's whole extraction, as `dateline extract` prints it (docs/schema.md), and how
    it was stored."""
    check_params(request, set())

    def compute() -> dict[str, Any]:
        store = store_of(request)
        doc = views.article_doc(store, article_id)
        if doc is None:
            raise APIError(404, f"No article with id {article_id!r}. List ids with GET "
                                "/api/articles.")
        return {**doc_to_dict(doc), "stored": views.article_info(store, article_id)}

    return await answer(request, compute)


@router.get("/events/{event_id}", tags=["events"], responses=ERRORS,
            response_model=schemas.ROW_MODELS["events"], summary="One event by its id")
async def get_event(request: Request, event_id: str) -> Response:
    check_params(request, set())

    def compute() -> dict[str, Any]:
        row = views.event_row(store_of(request), event_id)
        if row is None:
            raise APIError(404, f"No event with id {event_id!r}. Event ids are listed by GET "
                                "/api/events.")
        return row

    return await answer(request, compute)


def _add_keyed_route(table: str) -> None:
    singular = table[:-1]

    async def get_keyed(request: Request, article_id: str, n: int = Path(ge=0, le=MAX_N)
                        ) -> Response:
        check_params(request, set())

        def compute() -> dict[str, Any]:
            row = views.keyed_row(store_of(request), table, article_id, n)
            if row is None:
                raise APIError(404, f"No {singular} number {n} in article {article_id!r}. Its "
                                    f"{table} are listed by GET /api/{table}?article="
                                    f"{article_id}.")
            return row

        return await answer(request, compute)

    get_keyed.__name__ = f"get_{singular}"
    router.add_api_route(f"/{table}/{{article_id}}/{{n}}", get_keyed, methods=["GET"],
                         tags=[table], responses=ERRORS, response_model=schemas.ROW_MODELS[table],
                         summary=f"One {singular}: the n-th of an article (n counts from 0)")


@router.get("/claims/compare", tags=["claims"], responses=ERRORS,
            response_model=list[schemas.ComparisonOut],
            summary="Figures side by side within one incident or one story")
async def compare_claims(request: Request, what: str | None = Query(None, description=FILTER_HELP["what"]),
                   source: str | None = Query(None, description=FILTER_HELP["source"]),
                   country: str | None = Query(None, description=FILTER_HELP["country"]),
                   since: str | None = Query(None, description=FILTER_HELP["since"]),
                   until: str | None = Query(None, description=FILTER_HELP["until"]),
                   text: str | None = Query(None, description=FILTER_HELP["text"]),
                   article: str | None = Query(None, description=FILTER_HELP["article"]),
                   groups: int = Query(30, ge=1, le=200, description="Groups to return."),
                   per_group: int = Query(20, ge=1, le=200, description="Reports per group."),
                   ) -> Response:
    """Every report of a figure of one incident (by source and report time), then the claims
    of one story that count the same thing in two or more of its articles: never figures of
    unrelated events side by side."""
    check_params(request, {"what", "source", "country", "since", "until", "text", "article",
                           "groups", "per_group"})
    filters = filters_from({"what": what, "source": source, "country": country, "since": since,
                            "until": until, "text": text, "article": article})
    return await answer(request, lambda: [g.to_dict() for g in comparisons_within(
        store_of(request), filters, groups=groups, per_group=per_group)])


for _table in ("quotes", "claims", "places", "times"):
    _add_keyed_route(_table)


@router.get("/entities/{label}/{name:path}", tags=["entities"], responses=ERRORS,
            response_model=schemas.EntityProfile, summary="One entity across the corpus")
async def get_entity(request: Request, label: str, name: str,
                     limit: int = Query(50, ge=1, le=MAX_PAGE, description="Rows per list.")
                     ) -> Response:
    """Roles and titles, quotes by the entity, events it takes part in and claims it is the
    source of, across every stored article. ``label`` and ``name`` as GET /api/entities lists
    them."""
    check_params(request, {"limit"})

    def compute() -> dict[str, Any]:
        profile = views.entity_profile(store_of(request), name, label, limit=limit)
        if profile is None:
            raise APIError(404, f"No entity {name!r} with label {label.upper()!r}. Names are "
                                "listed by GET /api/entities.")
        return profile

    return await answer(request, compute)


# Views ----------------------------------------------------------------------------------------


async def _timeline(request: Request, **params: Any) -> Response:
    check_params(request, set(APPLIES["events"]) | {"days"})
    given = loose_filters(request.query_params, APPLIES["events"])
    return await answer(request, lambda: views.event_timeline(
        store_of(request), Filters(**given), days=params["days"]))


router.add_api_route(
    "/timeline", _with_signature(_timeline, [*_filter_parameters(set(APPLIES["events"])),
                                             inspect.Parameter("days", inspect.Parameter.KEYWORD_ONLY,
                                                               annotation=int,
                                                               default=Query(60, ge=1, le=3660))]),
    methods=["GET"], tags=["events"], responses=ERRORS, response_model=list[schemas.TimelineDay],
    summary="Events per day and type",
    description="Matching events counted per day and PLOVER type over the most recent `days` "
                "days that have events, newest first.")


@router.get("/stats", tags=["store"], summary="Row counts of the store")
async def get_stats(request: Request) -> Response:
    check_params(request, set())
    return await answer(request, lambda: views.stats(store_of(request)))


# Extraction and storage -----------------------------------------------------------------------


_META = ("published", "source", "url", "title")


async def _article_from(request: Request) -> Any:
    check_params(request, set(_META))
    settings = settings_of(request)
    body = await request.body()
    meta = {k: request.query_params.get(k) for k in _META}
    try:
        return read_body(body, request.headers.get("content-type"), settings, meta)
    except UnsupportedMedia as exc:
        raise APIError(415, exc.message) from None


@router.post("/extract", tags=["extract"], openapi_extra=schemas.request_body(
    "The article: a JSON object with `text` (and optional `title`, `published`, `source`, "
    "`url`), or the text itself as text/plain or text/html. Query parameters published, "
    "source, url and title override what the body says."),
    responses={**ERRORS, **AUTH_ERRORS, **BODY_ERRORS},
    summary="Extract one article (nothing is stored; needs the bearer token)")
async def extract(request: Request) -> Response:
    """Run the pipeline on the article in the body and answer its extraction JSON
    (docs/schema.md), as `dateline extract` prints it. Needs `Authorization: Bearer <token>`
    like a write, unless the server was started with `api_open_extract`. The body may not
    exceed the `api_max_body` setting; an article over the extraction budget is refused with
    413 or 422."""
    require_extract_access(request.headers.get("authorization"), settings_of(request))
    article = await _article_from(request)
    doc = await run_in_threadpool(run_pipeline, settings_of(request), article)
    return json_response(doc_to_dict(doc))


@router.post("/articles", tags=["articles"], status_code=201, response_model=schemas.Stored,
             openapi_extra=schemas.request_body("The article, as for POST /api/extract."),
             responses={**ERRORS, **AUTH_ERRORS, **BODY_ERRORS},
             summary="Extract and store one article (needs the bearer token)")
async def store_article(request: Request) -> Response:
    """Extract the article in the body and store it. Off unless the server was started with an
    `api_token`; then the request needs `Authorization: Bearer <token>`. Storing the same text
    again is a no-op (`unchanged`)."""
    settings = settings_of(request)
    require_token(request.headers.get("authorization"), settings.api_token)
    article = await _article_from(request)
    doc = await run_in_threadpool(run_pipeline, settings, article)
    store = store_of(request)
    outcome = await run_in_threadpool(save_doc, store, doc, settings, origin="api")
    request.app.state.cache.clear()
    request.app.state.summaries.clear()
    counts = {layer: len(getattr(doc, layer)) for layer in
              ("entities", "times", "places", "quotes", "claims", "events")}
    aid = doc.article.id
    return json_response({"id": aid, "outcome": outcome, "article": f"/api/articles/{aid}",
                          "page": f"/articles/{aid}", "counts": counts}, status=201,
                         headers={"Location": f"/api/articles/{aid}"})
