"""The readers on any bytes: each input becomes Articles or failures, never an escaped error.

Every format is read through ``read_sources`` from a stream, as ``dateline ingest -`` reads
standard input, so the whole path (format sniffing, decoding, records, metadata) is fuzzed.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from dateline.ingest.article import article_id
from dateline.ingest.sources import IngestOptions, Item, SourceFailure, read_sources
from dateline.records import Article

from .strategies import (
    article_objects,
    dump,
    encode,
    json_values,
    mixed_text,
    nested,
    news_text,
    published_values,
)

MAX_CHARS = 20_000
MAX_BYTES = 100_000
# Generated JSON holds lone surrogate escapes and feeds hold character references to half a
# surrogate pair (&#xD800;): the readers refuse the first and replace the second.
JSON_SURROGATES_READ = True
FEED_SURROGATE_REFS_READ = True


def read_all(data: bytes, fmt: str) -> list[Item | SourceFailure]:
    options = IngestOptions(fmt=fmt, max_chars=MAX_CHARS, max_bytes=MAX_BYTES)  # type: ignore[arg-type]
    return list(read_sources(["-"], options, stdin=io.BytesIO(data)))


def assert_well_formed(found: list[Item | SourceFailure]) -> None:
    for entry in found:
        assert isinstance(entry, Item | SourceFailure)
        if isinstance(entry, SourceFailure):
            assert entry.origin and entry.error and entry.message
            continue
        assert_article(entry.article)


def assert_article(article: Article) -> None:
    text = article.text
    assert text.strip() and len(text) <= MAX_CHARS
    assert article.id == article_id(text)
    assert text.encode("utf-8")  # no lone surrogate reaches an Article
    assert "\x00" not in text
    assert article.published is None or isinstance(article.published, datetime)
    if article.dateline is not None:
        d = article.dateline
        assert 0 <= d.start < d.end <= len(text) and text[d.start:d.end] == d.text
    assert 0 <= article.body_start <= len(text)


@given(st.one_of(st.binary(max_size=2000), news_text.map(encode), mixed_text.map(encode)),
       st.sampled_from(["auto", "text", "html", "json"]))
def test_fuzz_readers_read_any_bytes_as_one_document(data, fmt):
    assert_well_formed(read_all(data, fmt))


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    tags = st.sampled_from(["p", "div", "article", "span", "b", "script", "style", "title",
                            "h1", "time", "meta", "a", "table", "td", "br", "!--", "noscript"])
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(tags)
        body = draw(st.one_of(news_text, mixed_text))
        closed = draw(st.booleans())
        attrs = draw(st.sampled_from(["", ' class="x"', ' datetime="2026-03-20"',
                                      ' href="javascript:alert(1)"', ' content="\x00"']))
        parts.append(f"<{tag}{attrs}>{body}" + (f"</{tag}>" if closed else ""))
    return "<html><head><title>t</title></head><body>" + "".join(parts) + "</body></html>"


@given(html_pages())
def test_fuzz_readers_read_any_html_page(page):
    assert_well_formed(read_all(encode(page), "html"))


@given(article_objects(), st.booleans())
def test_fuzz_readers_read_any_json_article(obj, ascii_only):
    assert_well_formed(read_all(encode(dump(obj, ascii_only, JSON_SURROGATES_READ)), "json"))


@given(st.lists(st.one_of(article_objects(), json_values), max_size=6), st.booleans())
def test_fuzz_readers_read_any_json_array(items, ascii_only):
    assert_well_formed(read_all(encode(dump(items, ascii_only, JSON_SURROGATES_READ)),
                                "json"))


@given(st.lists(st.one_of(article_objects().map(lambda o: dump(o, True, JSON_SURROGATES_READ)),
                          json_values.map(lambda v: dump(v, False)), mixed_text),
                max_size=8),
       st.sampled_from(["\n", "\r\n"]))
def test_fuzz_readers_read_any_json_lines(lines, newline):
    data = encode(newline.join(lines))
    found = read_all(data, "jsonl")
    assert_well_formed(found)
    assert len(found) <= max(1, len(lines) + data.count(b"\r") + data.count(b"\n"))


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    header = draw(st.one_of(st.just(["text", "published", "title"]),
                            st.lists(st.sampled_from(["text", "body", "published", "date",
                                                      "title", "url", "x", ""]),
                                     min_size=1, max_size=4)))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for _ in range(draw(st.integers(0, 6))):
        width = draw(st.integers(0, len(header) + 1))
        row: list[Any] = [draw(st.one_of(news_text, mixed_text, published_values))
                          for _ in range(width)]
        writer.writerow(row)
    raw = encode(out.getvalue())
    if draw(st.booleans()):  # a broken quote, a stray byte, a cut-off last line
        cut = draw(st.integers(0, len(raw)))
        raw = raw[:cut] + draw(st.sampled_from([b'"', b"\xff", b"\x00", b""])) + raw[cut:]
    return raw


@given(csv_files(), st.sampled_from(["csv", "tsv"]))
def test_fuzz_readers_read_any_csv(data, fmt):
    assert_well_formed(read_all(data, fmt))


@st.composite
def feeds(draw: st.DrawFn) -> bytes:
    from xml.sax.saxutils import escape

    items = []
    for _ in range(draw(st.integers(0, 5))):
        title = escape(draw(st.one_of(news_text, mixed_text)))
        body = escape(draw(st.one_of(news_text, mixed_text)))
        date = escape(str(draw(published_values)))
        link = draw(st.sampled_from(["", "<link>javascript:alert(1)</link>",
                                     "<link>http://localhost/x</link>"]))
        items.append(f"<item><title>{title}</title>{link}<pubDate>{date}</pubDate>"
                     f"<description>{body}</description></item>")
    feed = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
            + "".join(items) + "</channel></rss>")
    raw = encode(feed)
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(raw)))
        tails = [b"<", b"&bogus;", b"\xff", b"&#0;", b""]
        raw = raw[:cut] + draw(st.sampled_from(
            [*tails, b"&#xD800;"] if FEED_SURROGATE_REFS_READ else tails))
    return raw


@given(feeds())
def test_fuzz_readers_read_any_feed(data):
    assert_well_formed(read_all(data, "feed"))


# Inputs that once broke the readers (issue point 8), kept as regression tests.


@given(st.sampled_from(["json", "jsonl", "auto"]))
@example(fmt="json")
def test_fuzz_readers_read_json_nested_100000_deep(fmt):
    assert_well_formed(read_all(('{"text": ' + nested(100_000) + "}").encode(), fmt))


@given(st.sampled_from(["json", "jsonl", "auto"]))
@example(fmt="json")
def test_fuzz_readers_read_json_with_a_lone_surrogate_escape(fmt):
    assert_well_formed(read_all(b'{"text": "NATO said \\udfff on Friday"}', fmt))


def test_fuzz_readers_read_a_feed_with_a_surrogate_character_reference():
    feed = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
            b"<item><title>&#xD800;</title></item></channel></rss>")
    assert_well_formed(read_all(feed, "feed"))


def test_fuzz_readers_read_a_feed_dated_year_zero_as_undated():
    feed = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
            b"<item><title>NATO said on Friday that it would move its mission.</title>"
            b"<pubDate>0000-00-00</pubDate><description>NATO said on Friday that it would move "
            b"its training mission to Naples.</description></item></channel></rss>")
    [item] = read_all(feed, "feed")
    assert isinstance(item, Item) and item.article.published is None
