"""dateline: turn news articles into a sourced record of who did what to whom, where, when, and who says so.

    >>> import dateline
    >>> doc = dateline.extract("NATO said Friday it has relocated its mission.", published="2026-03-20")
    >>> doc.to_dict()["times"][0]["value"]
    '2026-03-20'
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any

from dateline.errors import DatelineError
from dateline.ingest.article import make_article
from dateline.pipeline import Failure, Pipeline
from dateline.records import (
    Article,
    Claim,
    Dateline,
    Doc,
    Entity,
    Event,
    Mention,
    Place,
    Quote,
    Ref,
    Role,
    Span,
    TimeRef,
)
from dateline.settings import Settings, load_settings

__version__ = "0.1.0"
__all__ = [
    "Article",
    "Claim",
    "Dateline",
    "DatelineError",
    "Doc",
    "Entity",
    "Event",
    "Failure",
    "Mention",
    "Pipeline",
    "Place",
    "Quote",
    "Ref",
    "Role",
    "Settings",
    "Span",
    "TimeRef",
    "__version__",
    "extract",
    "factuality",
    "load_settings",
    "open_store",
]


@lru_cache(maxsize=4)
def _pipeline(settings: Settings) -> Pipeline:
    return Pipeline.from_settings(settings)


def extract(text: str, *, published: str | date | datetime | None = None,
            source: str | None = None, url: str | None = None, title: str | None = None,
            settings: Settings | None = None) -> Doc:
    """Extract entities, times, places, quotes, claims and events from one article text."""
    settings = settings or Settings()
    article = make_article(text, published=published, source=source, url=url, title=title,
                           max_chars=settings.max_chars)
    return _pipeline(settings)(article)


def factuality(text: str, spans: Any, *, published: str | date | datetime | None = None,
               settings: Settings | None = None) -> list[Any]:
    """Judge each predicate span of ``text``: asserted, negated, denied, hypothetical, future or
    historical, with a confidence (dateline.learned.factuality)."""
    from dateline.learned.factuality import factuality as judge

    return judge(text, spans, published=published, settings=settings)


def open_store(url: str | None = None, **kwargs: Any) -> Any:
    """Open the store at ``url`` (SQLite by default, or postgresql://...)."""
    from dateline.store import open_store as _open

    return _open(url, **kwargs)
