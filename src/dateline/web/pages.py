"""The HTML pages: articles with their evidence highlighted, events with a timeline, entities,
quotes, and a form to extract a new article (stories, incidents, the map and claims
are in web/stories.py, search in web/search.py)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from dateline.errors import DatelineError
from dateline.records import Doc
from dateline.resources.ontology import PLOVER_TYPES
from dateline.settings import Settings
from dateline.store import Filters, Store, query, views
from dateline.store.query import APPLIES
from dateline.web.errors import APIError, status_of
from dateline.web.extraction import read_untrusted, run_pipeline, save_doc
from dateline.web.marks import mark_doc, quote_speaker
from dateline.web.security import require_extract_access, require_token
from dateline.web.storydata import article_links, canonical_profile, evidence_span
from dateline.web.templating import entity_url
from dateline.web.worldmap import world_map

router = APIRouter(include_in_schema=False)
PAGE_ROWS = 50
TIMELINE_DAYS = 30
TIMELINE_WIDTH = 640
QUOTE_KINDS = ("direct", "indirect", "partial", "mixed")
ENTITY_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW",
                 "WORK_OF_ART")
PLACE_ROLES = ("event", "dateline", "mention")


def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def render(request: Request, template: str, context: dict[str, Any], status: int = 200
           ) -> HTMLResponse:
    templates = request.app.state.templates
    response: HTMLResponse = templates.TemplateResponse(request, template, {
        "cursor": request.query_params.get("cursor"), **context},
        status_code=status)
    return response


def page_filters(request: Request, table: str) -> tuple[Filters, dict[str, str]]:
    """Read a table's filters from the query string; empty form fields mean no filter."""
    given = {k: v.strip() for k, v in request.query_params.items()
             if k in APPLIES[table] and v.strip()}
    return Filters(**given), given


def listing(request: Request, table: str, filters: Filters) -> tuple[list[dict[str, Any]],
                                                                     str | None]:
    """One page of rows for a list page, following ?cursor=."""
    page = query(store_of(request), table, filters, limit=PAGE_ROWS,
                 cursor=request.query_params.get("cursor") or None)
    return page.rows, page.next_cursor


# Home, articles -----------------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    store = store_of(request)
    articles = query(store, "articles", limit=10).rows
    events = query(store, "events", limit=10).rows
    stories = query(store, "stories", limit=10).rows
    return render(request, "index.html", {"stats": views.stats(store), "articles": articles,
                                          "events": events, "stories": stories})


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request) -> Response:
    filters, given = page_filters(request, "articles")
    rows, following = listing(request, "articles", filters)
    return render(request, "articles.html", {"rows": rows, "next_cursor": following,
                                             "params": given})


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
def events_page(request: Request) -> Response:
    filters, given = page_filters(request, "events")
    rows, following = listing(request, "events", filters)
    days = views.event_timeline(store_of(request), filters, days=TIMELINE_DAYS)
    return render(request, "events.html", {
        "rows": rows, "next_cursor": following, "params": given, "types": PLOVER_TYPES,
        "timeline": timeline_bars(days), "timeline_width": TIMELINE_WIDTH,
        "type_totals": _type_totals(days)})


def timeline_bars(days: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lay out one stacked bar per day: a segment per event type, widths scaled to the busiest."""
    busiest = max((d["total"] for d in days), default=0)
    unit = TIMELINE_WIDTH / busiest if busiest else 0.0
    out = []
    for day in days:
        x = 0.0
        bars = []
        for type_, count in sorted(day["types"].items(), key=lambda kv: (-kv[1], kv[0])):
            width = count * unit
            bars.append({"type": type_, "count": count, "x": f"{x:.1f}".removesuffix(".0"),
                         "width": f"{width:.1f}".removesuffix(".0")})
            x += width
        out.append({"day": day["day"], "total": day["total"], "bars": bars})
    return out


def _type_totals(days: list[dict[str, Any]]) -> list[tuple[str, int]]:
    totals: dict[str, int] = {}
    for day in days:
        for type_, count in day["types"].items():
            totals[type_] = totals.get(type_, 0) + count
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))


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
def entities_page(request: Request) -> Response:
    filters, given = page_filters(request, "entities")
    rows, following = listing(request, "entities", filters)
    return render(request, "entities.html", {"rows": rows, "next_cursor": following,
                                             "params": given, "labels": ENTITY_LABELS})


@router.get("/entities/{label}/{name:path}", response_class=HTMLResponse)
def entity_page(request: Request, label: str, name: str) -> Response:
    store = store_of(request)
    profile = views.entity_profile(store, name, label)
    if profile is None:
        raise APIError(404, f"No entity {name!r} with label {label.upper()!r} in this store.")
    return render(request, "entity.html", {"e": profile,
                                           "canonical": canonical_profile(store, name, label)})


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request) -> Response:
    filters, given = page_filters(request, "quotes")
    rows, following = listing(request, "quotes", filters)
    return render(request, "quotes.html", {"rows": rows, "next_cursor": following,
                                           "params": given, "kinds": QUOTE_KINDS})


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
        return RedirectResponse(f"/articles/{doc.article.id}", status_code=303)
    return render_article(request, doc, info=None, notice=(
        "Extracted, not stored." + ("" if access["writable"] else " This server keeps no "
                                    "uploads: it has no api_token.")))
