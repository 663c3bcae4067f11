"""Extract articles sent to the server: read the body into an Article, run the one pipeline.

The pipeline (the spaCy model and the gazetteer) is built on the first request that needs
it, once per process, and runs one article at a time: spaCy's pipelines are not documented as
safe to call from several threads at once, and the server answers requests in a thread pool.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from dateline.errors import FormatError
from dateline.pipeline import Pipeline
from dateline.records import Article, Doc
from dateline.settings import Settings

_LOCK = threading.Lock()
# Media types POST /api/extract and POST /api/articles read, and how.
MEDIA_TYPES = {"application/json": "json", "text/plain": "text", "text/html": "html"}


@lru_cache(maxsize=2)
def _pipeline(settings: Settings) -> Pipeline:
    return Pipeline.from_settings(settings)


def run_pipeline(settings: Settings, article: Article) -> Doc:
    """Extract one article with the process's pipeline, one request at a time."""
    with _LOCK:
        return _pipeline(settings)(article)


def read_body(body: bytes, content_type: str | None, settings: Settings,
              meta: dict[str, Any]) -> Article:
    """Read a request body (JSON article object, plain text or HTML) into an Article.

    ``meta`` (published, source, url, title from the query string) overrides what the body says.
    """
    from dateline.ingest.documents import read_document

    media = (content_type or "").split(";")[0].strip().lower()
    if media not in MEDIA_TYPES:
        raise UnsupportedMedia(media)
    if not body.strip():
        raise FormatError("The request body is empty: send an article as JSON "
                          '({"text": ..., "published": ...}), plain text or HTML.')
    return read_document(body, name="the request body", fmt=MEDIA_TYPES[media],  # type: ignore[arg-type]
                         max_bytes=settings.api_max_body, max_chars=settings.max_chars,
                         **{k: v for k, v in meta.items() if v})


class UnsupportedMedia(Exception):
    """The body's media type is not one the API reads."""

    def __init__(self, media: str) -> None:
        super().__init__(media)
        self.media = media

    @property
    def message(self) -> str:
        given = f"'{self.media}'" if self.media else "no Content-Type"
        return (f"Cannot read a body sent with {given}. Send application/json "
                '({"text": ..., "published": ...}), text/plain or text/html.')
