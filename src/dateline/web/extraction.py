"""Extract articles sent to the server: read the body into an Article, run the one pipeline.

The pipeline (the spaCy model and the gazetteer) is built on the first request that needs
it, once per process, and runs one article at a time: spaCy's pipelines are not documented as
safe to call from several threads at once, and the server answers requests in a thread pool.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

from dateline.errors import DatelineError, FormatError
from dateline.pipeline import Pipeline
from dateline.records import Article, Doc
from dateline.settings import Settings
from dateline.store import Store, extractor_id

_LOCK = threading.Lock()
_LINK_LOCK = threading.Lock()
# Media types POST /api/extract and POST /api/articles read, and how.
MEDIA_TYPES = {"application/json": "json", "text/plain": "text", "text/html": "html"}


@lru_cache(maxsize=2)
def _pipeline(settings: Settings) -> Pipeline:
    return Pipeline.from_settings(settings)


def run_pipeline(settings: Settings, article: Article) -> Doc:
    """Extract one article with the process's pipeline, one request at a time."""
    with _LOCK:
        return _pipeline(settings)(article)


def save_doc(store: Store, doc: Doc, settings: Settings, *, origin: str) -> str:
    """Store one extracted article and, unless linking is off, put it in its story."""
    from dateline.store.linking import StoreLinking

    outcome = store.save(doc, extractor=extractor_id(settings), origin=origin)
    if settings.link:
        # One writer links at a time: the linker keeps a per-run cache of the story index.
        with _LINK_LOCK, StoreLinking(store) as linking:
            linking.link([doc])
    return outcome


def read_body(body: bytes, content_type: str | None, settings: Settings,
              meta: dict[str, Any]) -> Article:
    """Read a request body (JSON article object, plain text or HTML) into an Article.

    ``meta`` (published, source, url, title from the query string) overrides what the body says.
    """
    media = (content_type or "").split(";")[0].strip().lower()
    if media not in MEDIA_TYPES:
        raise UnsupportedMedia(media)
    if not body.strip():
        raise FormatError("The request body is empty: send an article as JSON "
                          '({"text": ..., "published": ...}), plain text or HTML.')
    return read_untrusted(body, name="the request body", fmt=MEDIA_TYPES[media],
                          settings=settings, **{k: v for k, v in meta.items() if v})


def read_untrusted(data: bytes | str, *, name: str, fmt: str, settings: Settings,
                   **meta: Any) -> Article:
    """Read an article a client sent; anything that cannot be read is a FormatError (400).

    The readers raise DatelineErrors for what they expect; a body built to break a parser
    (JSON nested thousands deep, a lone surrogate escape, a number of thousands of digits) may
    still raise Python's own errors deep inside a library, and those are the client's fault
    too, not the server's.
    """
    from dateline.ingest.documents import read_document

    try:
        return read_document(data, name=name, fmt=fmt,  # type: ignore[arg-type]
                             max_bytes=settings.api_max_body, max_chars=settings.max_chars,
                             max_depth=settings.max_json_depth, **meta)
    except DatelineError:
        raise
    except RecursionError:
        raise FormatError(f"{name} nests too deeply to read (JSON arrays or objects, or HTML "
                          "elements, thousands of levels deep).") from None
    except UnicodeError:
        raise FormatError(f"{name} holds text that is not valid Unicode (a lone surrogate "
                          r"escape such as \ud800?). Send UTF-8 text.") from None
    except (ValueError, OverflowError) as exc:
        if "digits" in str(exc):  # Python's limit on converting long numbers
            raise FormatError(f"{name} holds a number thousands of digits long; no article "
                              "field needs one.") from None
        raise FormatError(f"{name} cannot be read: {_first_words(exc)}.") from None


def _first_words(exc: BaseException, limit: int = 160) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) <= limit else text[:limit] + "..."


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
