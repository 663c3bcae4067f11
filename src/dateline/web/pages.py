"""The HTML pages: articles with their evidence highlighted, events with a timeline, entities,
quotes, and a form to extract a new article (stories, incidents, the map and claims
are in web/stories.py, search in web/search.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dateline.errors import DatelineError
from dateline.records import Doc
from dateline.resources.ontology import PLOVER_TYPES
from dateline.settings import Settings
from dateline.store import Filters, Store, query, views
from dateline.store.query import APPLIES
from dateline.web.charts import time_axis
from dateline.web.entitydata import (
    ENTITY_ROWS,
    PARTS,
    canonical_names,
    entity_articles,
    page_numbers,
)
from dateline.web.errors import APIError, status_of
from dateline.web.extraction import read_untrusted, run_pipeline, save_doc
from dateline.web.filters import ENTITY_LABEL_NAMES, QUOTE_KINDS, loose_filters
from dateline.web.listing import SUMMARY_SECONDS, read_listing
from dateline.web.marks import mark_doc, quote_speaker
from dateline.web.security import require_extract_access, require_token
from dateline.web.storydata import article_links, canonical_profile, evidence_span
from dateline.web.templating import entity_url
from dateline.web.worldmap import world_map

router = APIRouter(include_in_schema=False)
PAGE_ROWS = 50
ENTITY_LABELS = ENTITY_LABEL_NAMES


def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def render(request: Request, template: str, context: dict[str, Any], status: int = 200
           ) -> HTMLResponse:
    templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(request, template, {
        "cursor": request.query_params.get("cursor"), **context},
        status_code=status)
    return response


class _NotKept(Exception):
    """A page rendered with a status other than 200: answered, never cached."""

    def __init__(self, response: HTMLResponse) -> None:
        super().__init__(response.status_code)
        self.response = response


# How long after its cache time a page is still answered as it was, while one request renders
# it again in the background: its counts are kept as long (SUMMARY_SECONDS), so the page is
# never older than its totals and facets may be.
STALE_SECONDS = SUMMARY_SECONDS


async def cached_page(request: Request, build: Callable[[], HTMLResponse]) -> Response:
    """Answer a read-only page from the response cache (web/cache.py: kept for the server's
    ``--cache-seconds``, computed once for concurrent requests of one URL, cleared by the app's
    own writes), or render it with ``build`` in a worker thread: the store's driver and the
    template block, and at most READERS renders run at once. Only a 200 page is kept.

    A page that expired less than STALE_SECONDS ago is answered at once as it was, while one
    request renders it again in the background: under load, readers of a page already shown
    never wait for its render."""
    cache = request.app.state.cache
    key = f"page {request.url.path}?{request.url.query}"

    def compute() -> bytes:
        response = build()
        if response.status_code != 200:
            raise _NotKept(response)
        return bytes(response.body)

    body, refresh = cache.stale(key, STALE_SECONDS)
    if refresh:
        _in_background(request, cache.refresh, key, compute)
    if body is None:
        try:
            body = await anyio.to_thread.run_sync(cache.get, key, compute,
                                                  limiter=request.app.state.readers)
        except _NotKept as refused:
            return refused.response
    return HTMLResponse(body)


def _in_background(request: Request, work: Callable[..., None], *args: Any) -> None:
    """Run ``work(*args)`` in a worker thread after this request is answered, one such render
    at a time (each holds Python's lock most of its time: two at once would slow every other
    request further); a failure is dropped (the page stays as it was until it is too old, then
    a request renders it and answers whatever error it meets)."""
    limiter = request.app.state.refreshers
    pending: set[asyncio.Task[None]] = request.app.state.background

    async def run() -> None:
        try:
            await anyio.to_thread.run_sync(work, *args, limiter=limiter)
        except Exception:  # dropped: see the docstring
            return

    task = asyncio.get_running_loop().create_task(run())
    pending.add(task)  # the loop holds tasks weakly: keep each until it is done
    task.add_done_callback(pending.discard)


def page_filters(request: Request, table: str) -> tuple[Filters, dict[str, str]]:
    """Read a table's filters from the query string; empty form fields mean no filter."""
    given = loose_filters(request.query_params, APPLIES[table])
    return Filters(**given), given


def list_page(request: Request, table: str, template: str, **extra: Any) -> HTMLResponse:
    """Render a list page: its checked filters, one page of rows, the total, the facets and the
    downloads; a bad filter is shown above the form, kept as it was filled (400)."""
    found = read_listing(store_of(request), table, request.query_params,
                         cache=request.app.state.summaries)
    return render(request, template, {**found.context(), **extra},
                  status=400 if found.error else 200)


def listing(request: Request, table: str, filters: Filters) -> tuple[list[dict[str, Any]],
                                                                     str | None]:
    """One page of rows for a list page, following ?cursor=."""
    page = query(store_of(request), table, filters, limit=PAGE_ROWS,
                 cursor=request.query_params.get("cursor") or None)
    return page.rows, page.next_cursor


# Home, articles -----------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
async def home(request: Request) -> Response:
    return await cached_page(request, lambda: _home(request))


def _home(request: Request) -> HTMLResponse:
    store = store_of(request)
    articles = query(store, "articles", limit=10).rows
    events = latest_across_articles(query(store, "events", limit=200).rows)
    stories = query(store, "stories", limit=10).rows
    return render(request, "index.html", {"stats": views.stats(store), "articles": articles,
                                          "events": events, "stories": stories})


def latest_across_articles(rows: list[dict[str, Any]], *, shown: int = 10, per_article: int = 2
                           ) -> list[dict[str, Any]]:
    """The newest rows, at most ``per_article`` from any one article (a long article's events
    would fill the list otherwise), newest first."""
    taken: dict[str, int] = {}
    out = []
    for row in rows:
        if taken.get(row["article_id"], 0) < per_article:
            taken[row["article_id"]] = taken.get(row["article_id"], 0) + 1
            out.append(row)
            if len(out) == shown:
                break
    return out


@router.get("/articles", response_class=HTMLResponse)
async def articles_page(request: Request) -> Response:
    return await cached_page(request, lambda: list_page(request, "articles", "articles.html"))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> Response:
    store = store_of(request)
    doc = views.article_doc(store, article_id)
    if doc is None:
        raise APIError(404, f"No article with id {article_id!r} in this store.")
    return render_article(request, doc, info=views.article_info(store, article_id),
                          focus=evidence_span(request.query_params.get("evidence")),
                          linked=article_links(store, article_id))


def render_article(request: Request, doc: Doc, *, info: dict[str, Any] | None,
                   notice: str | None = None, focus: tuple[int, int] | None = None,
                   linked: dict[str, Any] | None = None) -> HTMLResponse:
    """The article page, for a stored article or one just extracted from the upload form;
    ``focus`` is the evidence a link points at, ``linked`` its story and incidents."""
    marked = mark_doc(doc, entity_link=entity_url, focus=focus)
    return render(request, "article.html", {
        "doc": doc, "marked": marked, "info": info, "notice": notice,
        "speaker": quote_speaker, "labels": {e.id: e.label for e in doc.entities},
        "linked": linked or {"story": None, "incidents": []}})


# Events, timeline, map ------------------------------------------------------------------------


@router.get("/events", response_class=HTMLResponse)
async def events_page(request: Request) -> Response:
    """Events with their time axis over the whole filtered range, facets and downloads."""
    return await cached_page(request, lambda: _events(request))


def _events(request: Request) -> HTMLResponse:
    store = store_of(request)
    summaries = request.app.state.summaries
    found = read_listing(store, "events", request.query_params, cache=summaries, with_days=True)
    counted = found.summary  # one count of the total, facets and time axis together
    axis = time_axis(counted.days, counted.unit) if counted else None
    return render(request, "events.html", {**found.context(), "types": PLOVER_TYPES,
                                           "axis": axis},
                  status=400 if found.error else 200)


@lru_cache(maxsize=1)
def _world_svg() -> bytes:
    world = world_map()
    paths = "".join(f'<path d="{c.path}"><title>{c.name}</title></path>' for c in world.countries)
    # Presentation attributes, not a <style> element: the CSP forbids inline styles.
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {world.width:g} '
            f'{world.height:g}" width="{world.width:g}" height="{world.height:g}">'
            f'<rect width="100%" height="100%" fill="#eaf1f7"/>'
            f'<g fill="#f7f5ef" stroke="#9aa5b1" stroke-width="0.5">{paths}</g></svg>'
            ).encode()


@router.get("/map/world.svg")
def world_svg() -> Response:
    """The country outlines alone, drawn once per process and cached by the browser."""
    return Response(_world_svg(), media_type="image/svg+xml",
                    headers={"Cache-Control": "public, max-age=86400"})


# Entities, quotes, claims ---------------------------------------------------------------------


@router.get("/entities", response_class=HTMLResponse)
async def entities_page(request: Request) -> Response:
    return await cached_page(request, lambda: _entities(request))


def _entities(request: Request) -> HTMLResponse:
    store = store_of(request)
    found = read_listing(store, "entities", request.query_params,
                         cache=request.app.state.summaries)
    return render(request, "entities.html", {
        **found.context(), "labels": ENTITY_LABELS,
        "canonical": canonical_names(store, found.rows)}, status=400 if found.error else 200)


@router.get("/entities/{label}/{name:path}", response_class=HTMLResponse)
def entity_page(request: Request, label: str, name: str) -> Response:
    """One entity: who it is across articles, then its articles, quotes, events and claims,
    each list paged on its own (``?quotes=2``)."""
    unknown = sorted(set(request.query_params) - set(PARTS))
    if unknown:
        raise APIError(400, f"Unknown parameter {', '.join(unknown)}. Parameters: "
                            f"{', '.join(PARTS)} (page numbers of each list).",
                       code="invalid_parameter")
    try:
        pages = page_numbers(dict(request.query_params))
    except ValueError as exc:
        raise APIError(400, str(exc), code="invalid_parameter") from None
    store = store_of(request)
    deepest = max(pages[p] for p in ("quotes", "events", "claims"))
    profile = views.entity_profile(store, name, label, limit=deepest * ENTITY_ROWS + 1)
    if profile is None:
        raise APIError(404, f"No entity {name!r} with label {label.upper()!r} in this store.")
    canonical = canonical_profile(store, name, label)
    articles, total = entity_articles(store, name, label, canonical["id"] if canonical else None,
                                      offset=(pages["articles"] - 1) * ENTITY_ROWS)
    lists = {"articles": {"rows": articles, "page": pages["articles"], "total": total,
                          "more": pages["articles"] * ENTITY_ROWS < total}}
    for part in ("quotes", "events", "claims"):
        start = (pages[part] - 1) * ENTITY_ROWS
        rows = profile[part][start:start + ENTITY_ROWS]
        lists[part] = {"rows": rows, "page": pages[part], "total": None,
                       "more": len(profile[part]) > start + ENTITY_ROWS}
    return render(request, "entity.html", {"e": profile, "canonical": canonical,
                                           "lists": lists, "pages": pages,
                                           "page_rows": ENTITY_ROWS})


@router.get("/quotes", response_class=HTMLResponse)
async def quotes_page(request: Request) -> Response:
    return await cached_page(request, lambda: list_page(request, "quotes", "quotes.html",
                                                        kinds=QUOTE_KINDS))


# Upload ---------------------------------------------------------------------------------------


@router.get("/upload", response_class=HTMLResponse)
def upload_form(request: Request) -> Response:
    return render(request, "upload.html", {**_upload_access(request.app.state.settings),
                                           "error": None, "form": {}})


def _upload_access(settings: Settings) -> dict[str, bool]:
    """What the upload form offers: storing needs the token; so does extracting, unless open."""
    return {"writable": bool(settings.api_token), "open": settings.api_open_extract}


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request) -> Response:
    """Extract the article in the form and show it; store it when the form carries the token."""
    settings = request.app.state.settings
    form = await request.form(max_files=1, max_fields=20)
    fields = {k: v.strip() for k, v in form.items() if isinstance(v, str)}
    upload_file = form.get("file")
    data: bytes | str = fields.get("text", "")
    name = "the form"
    if upload_file is not None and not isinstance(upload_file, str) and upload_file.filename:
        data = await upload_file.read()
        name = upload_file.filename
    store_it = fields.get("store") == "yes"
    shown = {k: fields.get(k, "") for k in ("title", "published", "source", "url", "text")}
    access = _upload_access(settings)
    given = fields.get("token", "")
    bearer = f"Bearer {given}" if given else None
    try:
        require_extract_access(bearer, settings)
        if store_it:
            require_token(bearer, settings.api_token)
        article = read_untrusted(data, name=name, fmt="auto", settings=settings,
                                 published=fields.get("published") or None,
                                 source=fields.get("source") or None,
                                 url=fields.get("url") or None,
                                 title=fields.get("title") or None)
        doc = await run_in_threadpool(run_pipeline, settings, article)
    except DatelineError as exc:
        return render(request, "upload.html", {**access, "form": shown,
                                               "error": str(exc)}, status=status_of(exc))
    except APIError as exc:
        return render(request, "upload.html", {**access, "form": shown,
                                               "error": exc.message}, status=exc.status)
    if store_it:
        store = store_of(request)
        await run_in_threadpool(save_doc, store, doc, settings, origin="upload")
        request.app.state.cache.clear()
        request.app.state.summaries.clear()
        return RedirectResponse(f"/articles/{doc.article.id}", status_code=303)
    return render_article(request, doc, info=None, notice=(
        "Extracted, not stored." + ("" if access["writable"] else " This server keeps no "
                                    "uploads: it has no api_token.")))
