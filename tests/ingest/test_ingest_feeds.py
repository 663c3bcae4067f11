from __future__ import annotations

import pytest

from dateline.errors import FormatError
from dateline.ingest.feeds import check_safe_xml, html_fragment_text, looks_like_feed, read_feed
from dateline.ingest.sources import IngestOptions, Item, SourceFailure, read_sources

from .texts import FERRY, FLOOD, STRIKE, VOTE, XML_BOMB, atom, rss


def test_feeds_rss_items_become_articles_with_metadata(tmp_path):
    path = tmp_path / "herald.xml"
    path.write_text(rss([("Ferry aground", FERRY, "https://news.example/ferry"),
                         ("Port strike", STRIKE, None)]))
    ferry, strike = read_sources([str(path)], IngestOptions())
    assert ferry.article.text == FERRY and ferry.article.title == "Ferry aground"
    assert ferry.article.source == "Harbour Herald"
    assert ferry.article.url == "https://news.example/ferry"
    assert ferry.article.published.isoformat() == "2026-03-18T09:00:00+00:00"
    assert ferry.origin == "https://news.example/ferry"
    assert strike.origin == f"{path}#2" and strike.article.url is None


def test_feeds_atom_html_content_becomes_plain_text(tmp_path):
    path = tmp_path / "river.atom"
    path.write_text(atom([("Flood", FLOOD), ("Vote", VOTE)]))
    flood, vote = read_sources([str(path)], IngestOptions())
    assert flood.article.text == FLOOD and vote.article.text == VOTE
    assert flood.article.source == "River Desk"
    assert flood.article.published.isoformat() == "2026-03-19T12:00:00+00:00"


@pytest.mark.parametrize(("data", "message"), [
    (XML_BOMB, "declares XML entities"),
    ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     "<rss><channel><item><description>&x;</description></item></channel></rss>",
     "declares XML entities"),
    ("<rss><channel><item><title>unclosed", "malformed feed"),
    ('<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>',
     "a feed with no items"),
])
def test_feeds_unsafe_or_malformed_feeds_fail_clearly(tmp_path, data, message):
    bad = tmp_path / "bad.xml"
    bad.write_text(data)
    good = tmp_path / "good.rss"
    good.write_text(rss([("Vote", VOTE, None)]))
    found = list(read_sources([str(bad), str(good)], IngestOptions()))
    assert isinstance(found[0], SourceFailure) and found[0].error == "FormatError"
    assert message in found[0].message and found[0].origin == str(bad)
    assert isinstance(found[1], Item) and found[1].article.text == VOTE


def test_feeds_safety_check_runs_before_any_parser():
    with pytest.raises(FormatError, match="XML bombs"):
        check_safe_xml(XML_BOMB.encode(), "bomb.xml")
    with pytest.raises(FormatError, match="no items"):
        list(read_feed(b"<rss version='2.0'><channel></channel></rss>", "empty.xml"))


@pytest.mark.parametrize(("data", "expected"), [
    (b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', True),
    (b'\xef\xbb\xbf<feed xmlns="http://www.w3.org/2005/Atom">', True),
    (b"<rdf:RDF xmlns:rdf='x'>", True),
    (b"<!DOCTYPE html><html><body><p>see our feed</p>", False),
    (b"<html><head><link rel='alternate' href='/rss'></head>", False),
    (b"Plain text about a feed of <rss> tags", False),
])
def test_feeds_are_told_from_pages(data, expected):
    assert looks_like_feed(data) is expected


@pytest.mark.parametrize(("html", "text"), [
    ("<p>One.</p><p>Two &amp; three.</p>", "One.\n\nTwo & three."),
    ("Line<br/>next", "Line\nnext"),
    ("No markup &amp; entities", "No markup & entities"),
    ("<div><script>alert(1)</script>Kept</div>", "Kept"),
])
def test_feeds_html_fragments_to_text(html, text):
    assert html_fragment_text(html) == text


@pytest.mark.parametrize("ref", ["&#xD800;", "&#57343;", "&#x110000;"])
def test_feeds_a_character_reference_to_no_character_reads_as_a_replacement(tmp_path, ref):
    # feedparser's lenient parser raised UnicodeEncodeError (or ValueError) on these.
    path = tmp_path / "feed.xml"
    path.write_text(f"<rss><channel><item><title>Ferry {ref}</title><description>{FERRY} {ref}"
                    "</description></item></channel></rss>")
    [item] = read_sources([str(path)], IngestOptions())
    assert isinstance(item, Item) and item.article.text == f"{FERRY} \ufffd"
    assert item.article.title == "Ferry \ufffd"
