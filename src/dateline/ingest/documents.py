"""Read one document (plain text, an HTML page or a JSON article object) into an Article."""

from __future__ import annotations

import re
from typing import Any, Literal

from dateline.errors import FormatError
from dateline.ingest.article import DEFAULT_MAX_CHARS, make_article
from dateline.ingest.jsontext import MAX_DEPTH, load_json
from dateline.ingest.text import decode_text
from dateline.records import Article

Format = Literal["auto", "text", "html", "json"]
_HTML_HINT = re.compile(r"<\s*(?:!doctype\s+html|html|head|body|article|p|div)\b", re.I)
TEXT_KEYS = ("text", "body", "content", "article")
DATE_KEYS = ("published", "date", "pubdate", "datePublished", "published_at")


def sniff_format(text: str) -> Format:
    """Guess whether decoded input is JSON, HTML or plain text."""
    head = text.lstrip()[:2000]
    if head.startswith(("{", "[")):
        return "json"
    if head.startswith("<") and _HTML_HINT.search(head):
        return "html"
    return "text"


def read_document(data: bytes | str, *, name: str = "input", fmt: Format = "auto",
                  published: Any = None, source: str | None = None, url: str | None = None,
                  title: str | None = None, max_bytes: int = 10_000_000,
                  max_chars: int = DEFAULT_MAX_CHARS, max_depth: int = MAX_DEPTH) -> Article:
    """Decode, detect the format and return a validated Article; explicit metadata wins."""
    text = decode_text(data, max_bytes=max_bytes, name=name) if isinstance(data, bytes) else data
    kind = sniff_format(text) if fmt == "auto" else fmt
    meta: dict[str, Any] = {}
    if kind == "json":
        meta = json_article(text, name, max_depth)
    elif kind == "html":
        meta = html_article(text, name)
    else:
        meta = {"text": text}
    given = {"published": published, "source": source, "url": url, "title": title}
    meta.update({k: v for k, v in given.items() if v is not None})
    return make_article(meta.pop("text"), max_chars=max_chars, name=name, **meta)


def json_article(text: str, name: str, max_depth: int = MAX_DEPTH) -> dict[str, Any]:
    """Read a JSON article object (or an array holding one): text plus optional metadata."""
    obj = load_json(text, name, max_depth)
    if isinstance(obj, list):
        articles = [item for item in obj if isinstance(item, dict)]
        if not obj:
            raise FormatError(f"{name} is an empty JSON array: no article in it. Give one JSON "
                              "object with a \"text\" field.")
        if len(obj) > 1:
            raise FormatError(f"{name} is a JSON array of {len(obj):,} items; this reads one "
                              "article. Read many with dateline ingest.")
        if not articles:
            raise FormatError(f"{name} is a JSON array with no article object in it: give one "
                              "JSON object with a \"text\" field.")
        obj = articles[0]
    if not isinstance(obj, dict):
        raise FormatError(f"{name} must hold one JSON object with a \"text\" field.")
    return article_fields(obj, name)


def article_fields(obj: dict[str, Any], name: str) -> dict[str, Any]:
    """Pick the article text and metadata out of a JSON-like record."""
    body = next((obj[k] for k in TEXT_KEYS if isinstance(obj.get(k), str)), None)
    if body is None:
        raise FormatError(f"{name} has no article text: expected one of the fields "
                          f"{', '.join(TEXT_KEYS)}.")
    published = next((obj[k] for k in DATE_KEYS if obj.get(k)), None)
    return {"text": body, "published": published, "title": _str(obj.get("title")),
            "source": _str(obj.get("source")), "url": _str(obj.get("url")),
            "author": _str(obj.get("author"))}


def html_article(html: str, name: str) -> dict[str, Any]:
    """Extract the main text and metadata of an HTML page with trafilatura."""
    import trafilatura

    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                             favor_precision=True)
    except Exception as exc:
        raise FormatError(f"{name} is HTML that cannot be parsed: {exc}.") from None
    if result is None:
        raise FormatError(f"{name} is HTML with no article text that could be found.")
    data: dict[str, Any] = dict(result if isinstance(result, dict) else result.as_dict())
    body = data.get("text") or ""
    if not body.strip():
        raise FormatError(f"{name} is HTML with no article text that could be found.")
    return {"text": body, "title": data.get("title"), "published": data.get("date"),
            "source": data.get("sitename"), "url": data.get("url"),
            "author": data.get("author")}


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None
