"""The web app and HTTP API (the ``web`` extra): ``create_app(settings)``, served by ``dateline serve``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fastapi import FastAPI

    from dateline.settings import Settings

__all__ = ["create_app"]


def create_app(settings: Settings | None = None, *, cache_seconds: float | None = None
               ) -> FastAPI:
    """Return the FastAPI app over ``settings.db`` (see dateline.web.app)."""
    from dateline.web.app import create_app as _create

    return _create(settings, cache_seconds=cache_seconds)
