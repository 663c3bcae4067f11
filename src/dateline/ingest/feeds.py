"""Read RSS and Atom feeds into article records, refusing XML that declares entities.

feedparser reads every feed dialect and date format found in the wild, loosely. It is given
bytes only (given a string, it would fetch URLs itself, around the fetcher's guards), and only
after defusedxml has checked that the document declares no entities: entity declarations are
what XML bombs ("billion laughs") and external-entity attacks are made of, and real feeds
never need them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from typing import Any
from xml.etree.ElementTree import ParseError

from dateline.errors import FormatError

# The root element after the prolog (XML declaration, comments, a DOCTYPE) names the dialect.
_FEED_ROOT = re.compile(rb"(?:<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>|\s)*"
                        rb"<(?:rss|feed|rdf:rdf)[\s>]", re.I | re.S)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_CHAR_REF = re.compile(rb"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")
_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
           "section", "article", "table", "tr", "pre", "figure", "header", "footer")


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One feed entry: its text (from content or summary) and metadata."""

    index: int
    text: str
    title: str | None
    link: str | None
    published: datetime | str | None
    author: str | None
    source: str | None


def looks_like_feed(data: bytes) -> bool:
    """Tell an RSS/Atom document from HTML and other XML by its root element."""
    return _FEED_ROOT.match(data[:8192].lstrip(b"\xef\xbb\xbf \t\r\n")) is not None


def check_safe_xml(data: bytes, name: str) -> None:
    """Raise FormatError when the XML declares entities (XML bombs, external entities)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    if _ENTITY_DECL.search(data):
        raise FormatError(f"{name} declares XML entities, which feeds never need and XML bombs "
                          "are made of; refused.")
    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise FormatError(f"{name} is unsafe XML ({type(exc).__name__}); refused.") from None
    except ParseError:
        # Not well-formed: feedparser's lenient parser may still read it, without expanding
        # entities; if it cannot, read_feed reports the feed as malformed.
        pass


def read_feed(data: bytes, name: str) -> Iterator[FeedItem]:
    """Yield the items of an RSS or Atom feed; raise FormatError when there are none to read."""
    import feedparser

    check_safe_xml(data, name)
    # A character reference to half a surrogate pair (or past U+10FFFF) names no character, and
    # feedparser's lenient parser fails on one: read it as U+FFFD, the replacement character.
    data = _CHAR_REF.sub(_no_surrogate, data)
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    except Exception as exc:  # a third-party parser's failure on bad input is bad input
        raise FormatError(f"{name} is a malformed feed: {type(exc).__name__}: {exc}. Give an "
                          "RSS or Atom feed.") from None
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not any(_entry_text(e) for e in entries):
        # Broken XML that the lenient parser turned into empty items is a malformed feed.
        entries = []
    if not entries:
        problem = parsed.get("bozo_exception")
        why = f": {problem}" if parsed.get("bozo") and problem else ""
        kind = "a malformed feed" if parsed.get("bozo") else "a feed with no items"
        raise FormatError(f"{name} is {kind}{why}. Give an RSS or Atom feed.")
    source = _text(parsed.get("feed", {}).get("title"))
    for index, entry in enumerate(entries):
        yield FeedItem(index=index, text=_entry_text(entry), title=_text(entry.get("title")),
                       link=entry.get("link") or None, published=_entry_date(entry),
                       author=_text(entry.get("author")), source=source)


def _no_surrogate(ref: re.Match[bytes]) -> bytes:
    number = ref.group(1)
    code = int(number[1:], 16) if number[:1] in b"xX" else int(number)
    return b"&#xFFFD;" if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF else ref.group()


def _entry_text(entry: Any) -> str:
    contents = [c.get("value", "") for c in entry.get("content") or []]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return html_fragment_text(best if len(best) >= len(summary) else summary)


def _entry_date(entry: Any) -> datetime | str | None:
    for key in ("published", "updated", "created"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:  # feedparser normalizes every date format to a UTC struct_time
            year, month, day, hour, minute, second = parsed[:6]
            try:
                return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
            except ValueError:  # "0000-00-00" comes back as year -1: no date, not an error
                continue
    return None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(unescape(value).split()) or None


def html_fragment_text(fragment: str) -> str:
    """Turn an HTML fragment (a feed summary) into plain text with paragraph breaks."""
    if "<" not in fragment:
        return unescape(fragment).strip()
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return unescape(re.sub(r"<[^>]+>", " ", fragment)).strip()
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    for element in root.iter():
        if element.tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif element.tag in _BLOCKS:
            element.tail = "\n\n" + (element.tail or "")
    text = root.text_content()
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
