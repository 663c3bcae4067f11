"""Run the web app under uvicorn: what ``dateline serve`` does."""

from __future__ import annotations

import os
from collections.abc import Callable

from dateline.errors import DependencyError
from dateline.settings import Settings

# Environment variables through which worker processes rebuild the same settings.
_SETTINGS_ENV = "DATELINE_WEB_SETTINGS"
_CACHE_ENV = "DATELINE_WEB_CACHE_SECONDS"


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 8000, workers: int = 1,
          cache_seconds: float | None = None,
          echo: Callable[[str], None] = lambda _line: None) -> None:
    """Open the store, then serve until interrupted; with ``workers`` > 1, in that many
    processes sharing the port. ``cache_seconds``: see dateline.web.cache."""
    try:
        import uvicorn
    except ImportError:
        raise DependencyError("dateline serve needs: pip install 'dateline[web]'") from None
    from dateline.store import open_store

    with open_store(settings.db) as store:  # fail here, with one line, if the store is bad
        where = store.display_url
    writes = "need the API token" if settings.api_token else "are off"
    extract = ("open to anyone" if settings.api_open_extract else
               "needs the API token" if settings.api_token else "is off")
    echo(f"dateline: serving {where} on http://{host}:{port}/ (API at /api/, schema at "
         f"/openapi.json); writes {writes}, extraction {extract}. Ctrl-C stops.")
    if workers > 1:
        # Worker processes import the app by name: hand them the settings through the
        # environment (they hold no secret beyond the token, which the parent already has).
        os.environ[_SETTINGS_ENV] = _encode(settings)
        os.environ[_CACHE_ENV] = "" if cache_seconds is None else str(cache_seconds)
        uvicorn.run("dateline.web.serve:app_from_environment", factory=True, host=host,
                    port=port, workers=workers, log_level="warning", proxy_headers=False,
                    server_header=False)
        return
    from dateline.web.app import create_app

    uvicorn.run(create_app(settings, cache_seconds=cache_seconds), host=host, port=port, log_level="warning",
                proxy_headers=False, server_header=False)


def app_from_environment() -> object:
    """Build the app in a worker process from the settings its parent put in the environment."""
    from dateline.web.app import create_app

    seconds = os.environ.get(_CACHE_ENV) or None
    return create_app(_decode(os.environ[_SETTINGS_ENV]),
                      cache_seconds=float(seconds) if seconds else None)


def _encode(settings: Settings) -> str:
    import dataclasses
    import json

    return json.dumps(dataclasses.asdict(settings), default=list)


def _decode(text: str) -> Settings:
    import json

    from dateline.settings import make_settings

    return make_settings(json.loads(text))
