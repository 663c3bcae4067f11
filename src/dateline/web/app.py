"""Build the web app: the HTTP API, the HTML pages and their static files, over one store.

    >>> from dateline.web import create_app
    >>> app = create_app(load_settings(db="corpus.db"))     # serve with: uvicorn, or `dateline serve`
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from dateline import __version__
from dateline.errors import DependencyError
from dateline.settings import Settings

# Store reads running at once in one server process (see create_app).
READERS = 2

if TYPE_CHECKING:  # FastAPI is an optional dependency, imported when the app is built
    from fastapi import FastAPI

DESCRIPTION = """\
The dateline store over HTTP: events, quotes, claims, entities, places, times and articles with
the same filters as `dateline query`, newest first, a page at a time (follow `next`).

Every error answers one JSON shape: `{"error": {"status", "code", "message"}}`.
`POST /api/extract` extracts an article without storing it; `POST /api/articles` stores one.
Both need `Authorization: Bearer <token>` and are off unless the server has an `api_token`;
the setting `api_open_extract` lets anyone extract.
"""


def create_app(settings: Settings | None = None, *, cache_seconds: float | None = None
               ) -> FastAPI:
    """Return the FastAPI app serving ``settings.db``; the store is opened (and migrated) now.

    API answers are cached for ``cache_seconds`` (default 2; 0 turns the cache off), see
    dateline.web.cache.
    """
    try:
        from fastapi import FastAPI
    except ImportError:  # pragma: no cover - depends on the install
        raise DependencyError("The web app needs: pip install 'dateline[web]'") from None
    import anyio
    from fastapi import Depends
    from fastapi.staticfiles import StaticFiles

    from dateline.store import open_store
    from dateline.web import api, apidocs, errors, exports, pages, search, stories, stories_api
    from dateline.web.cache import DEFAULT_SECONDS, ResponseCache
    from dateline.web.listing import SUMMARY_SECONDS
    from dateline.web.security import BodyLimit, SecurityHeaders, refuse_nul_parameters
    from dateline.web.templating import make_templates

    settings = settings or Settings()
    store = open_store(settings.db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    # FastAPI's /docs and /redoc load scripts from a CDN and run inline script, which the
    # Content-Security-Policy forbids: /docs is our own page (web/apidocs.py) instead.
    app = FastAPI(title="dateline", version=__version__, description=DESCRIPTION,
                  openapi_url="/openapi.json", docs_url=None, redoc_url=None,
                  lifespan=lifespan, dependencies=[Depends(refuse_nul_parameters)])
    app.state.settings = settings
    app.state.store = store
    app.state.templates = make_templates()
    app.state.cache = ResponseCache(DEFAULT_SECONDS if cache_seconds is None else cache_seconds)
    # Totals and facets of lists: kept longer than answers (a minute), off with the cache.
    app.state.summaries = ResponseCache(SUMMARY_SECONDS if app.state.cache.enabled else 0)
    # Store reads run in worker threads, at most READERS at once: Python runs one thread at a
    # time, so more threads mostly add switching (bench/serve.py, uncached: 7.0 ms of server
    # CPU per events page with anyio's 40 threads, 5.5 ms with 1 reader). Two let a slow read
    # (a substring scan) overlap the others instead of holding them all up.
    app.state.readers = anyio.CapacityLimiter(READERS)
    # Pages rendered again after a stale answer (pages.py), one at a time beside the readers.
    app.state.background = set()
    app.state.refreshers = anyio.CapacityLimiter(1)
    errors.install(app)
    app.include_router(api.router)
    app.include_router(exports.router)
    app.include_router(search.api)
    app.include_router(search.pages)
    app.include_router(apidocs.router)
    app.include_router(pages.router)
    app.include_router(stories.router)
    app.include_router(stories_api.router)
    static = Path(str(resources.files("dateline.web").joinpath("static")))
    app.mount("/static", StaticFiles(directory=static), name="static")
    # Added last = outermost: headers wrap everything, even a refused body or a crash.
    app.add_middleware(errors.CatchAll)
    app.add_middleware(BodyLimit, max_bytes=settings.api_max_body)
    app.add_middleware(SecurityHeaders)
    return app
