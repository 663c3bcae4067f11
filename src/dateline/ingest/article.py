"""Make a validated Article from text and metadata; the one door every input goes through."""

from __future__ import annotations

from datetime import date, datetime

from dateline.errors import LanguageError
from dateline.ingest.datelines import parse_dateline
from dateline.ingest.dates import parse_published
from dateline.ingest.language import guess_language
from dateline.ingest.text import check_text, refuse_surrogates
from dateline.records import Article, content_id

DEFAULT_MAX_CHARS = 1_000_000


def article_id(text: str) -> str:
    """Return the content-hash id of an article text."""
    return content_id(text, length=16)


def make_article(text: str, *, published: str | date | datetime | None = None,
                 title: str | None = None, source: str | None = None, url: str | None = None,
                 author: str | None = None, max_chars: int = DEFAULT_MAX_CHARS,
                 name: str = "input", check_language: bool = True) -> Article:
    """Validate text and metadata and return an Article with its dateline parsed."""
    refuse_surrogates(name, text=text, title=title, source=source, url=url, author=author,
                      published=published)
    text = check_text(text, max_chars=max_chars, name=name)
    when = parse_published(published)
    if check_language and guess_language(text) != "en":
        raise LanguageError(f"{name} does not look like English; dateline extracts from English "
                            "news only.")
    return Article(id=article_id(text), text=text, title=_clean(title), source=_clean(source),
                   url=_clean(url), published=when, dateline=parse_dateline(text),
                   author=_clean(author))


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None
