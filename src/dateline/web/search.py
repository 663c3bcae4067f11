"""Search, as a page (``/search?q=``) and as JSON (``/api/search?q=``): the same sections,
totals and order, from the store's full-text index (dateline.store.search).

The page shows the first rows of each kind with its total and a link to all of them; with
``kind=events`` it shows that kind alone, a page at a time, to the last match.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from dateline.store.search import Found, search, search_kind
from dateline.store.search_index import KINDS
from dateline.web.api import ERRORS, answer, check_params, store_of
from dateline.web.errors import APIError
from dateline.web.pages import cached_page, render

PREVIEW_ROWS = 10
PAGE_ROWS = 50
MAX_ROWS = 1000
MAX_OFFSET = 1_000_000
QUERY_HELP = ("Words that must all appear, in any order; case and accents do not matter "
              "(Brasília finds BRASÍLIA and Brasilia); end a word with * to match its prefix.")

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api")


class SearchSection(BaseModel):
    """One kind's matches: a page of rows, best first, and how many match in all."""

    total: int
    offset: int
    data: list[dict[str, Any]] = Field(description="Rows shaped as the kind's list endpoint "
                                                   "shapes them (entities: one per name).")
    next: str | None = Field(description="The URL of the next page of this kind, if any.")


class SearchResult(BaseModel):
    """Every kind searched at once, or only the one asked for with ``kind``."""

    q: str
    articles: SearchSection | None = None
    events: SearchSection | None = None
    quotes: SearchSection | None = None
    claims: SearchSection | None = None
    entities: SearchSection | None = None


def _kind(value: str | None) -> str | None:
    if value and value not in KINDS:
        raise APIError(400, f"Unknown search kind {value!r}. Kinds: {', '.join(KINDS)}.",
                       code="invalid_parameter")
    return value or None


def _section(path: str, q: str, found: Found, limit: int) -> dict[str, Any]:
    following = None
    if found.offset + len(found.rows) < found.total:
        params = {"q": q, "kind": found.kind, "limit": limit, "offset": found.offset + limit}
        following = f"{path}?{urlencode(params)}"
    return {"total": found.total, "offset": found.offset, "data": found.rows, "next": following}


@api.get("/search", tags=["search"], summary="Search articles, events, quotes, claims, entities",
         response_model=SearchResult, responses=ERRORS,
         description="Full-text search over article titles and texts, events, quotes, claims "
                     "and entity names (resolved names and aliases too), ranked best first. "
                     "Without `kind`, the first `limit` rows of each kind with its `total`; "
                     "follow a section's `next` for the rest. The /search page shows the same.")
async def api_search(request: Request,
                     q: str = Query(..., max_length=500, description=QUERY_HELP),
                     kind: str | None = Query(None, description="Only this kind: "
                                              + ", ".join(KINDS) + "."),
                     limit: int = Query(PREVIEW_ROWS, ge=1, le=MAX_ROWS,
                                        description="Rows per kind."),
                     offset: int = Query(0, ge=0, le=MAX_OFFSET,
                                         description="Rows of the kind to skip.")) -> Response:
    check_params(request, {"q", "kind", "limit", "offset"})
    only = _kind(kind)

    def compute() -> dict[str, Any]:
        store = store_of(request)
        kinds = [only] if only else list(KINDS)
        out: dict[str, Any] = {"q": q}
        for name in kinds:
            found = search_kind(store, q, name, limit=limit, offset=offset)
            out[name] = _section(request.url.path, q, found, limit)
        return out

    return await answer(request, compute)


@pages.get("/search", response_class=HTMLResponse)
async def search_page(request: Request) -> Response:
    """Every kind's best matches with its total, or one kind paged to its last match."""
    return await cached_page(request, lambda: _search_page(request))


def _search_page(request: Request) -> HTMLResponse:
    q = (request.query_params.get("q") or "").strip()
    kind = _kind(request.query_params.get("kind"))
    page = _page_number(request.query_params.get("page"))
    context: dict[str, Any] = {"q": q, "kind": kind, "kinds": KINDS, "page": page,
                               "page_rows": PAGE_ROWS, "results": {}}
    if q:
        store = store_of(request)
        if kind:
            found = search_kind(store, q, kind, limit=PAGE_ROWS, offset=(page - 1) * PAGE_ROWS)
            context["results"] = {kind: found}
            context["last_page"] = max(1, -(-found.total // PAGE_ROWS))
        else:
            context["results"] = search(store, q, limit=PREVIEW_ROWS)
    return render(request, "search.html", context)


def _page_number(value: str | None) -> int:
    if not value:
        return 1
    if not value.isdigit() or not 1 <= int(value) <= MAX_OFFSET // PAGE_ROWS:
        raise APIError(400, f"page must be a whole number from 1 to {MAX_OFFSET // PAGE_ROWS}, "
                            f"not {value!r}.", code="invalid_parameter")
    return int(value)
