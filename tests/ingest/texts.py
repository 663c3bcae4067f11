"""Short English articles written for the ingest tests, and feeds and pages built from them."""

from __future__ import annotations

from html import escape

FERRY = ("ATHENS, Greece (AP) — A ferry carrying 212 passengers ran aground off the island of "
         "Naxos on Sunday, the coast guard said, and all of them were taken ashore by evening.")
STRIKE = ("Dock workers in the port of Antwerp began a two-day strike on Monday over pay, "
          "halting the loading of container ships, a union spokesman said.")
FLOOD = ("Heavy rain flooded the lower town of Passau on Wednesday and the mayor said that "
         "schools would stay closed until the water has gone down.")
VOTE = ("Lawmakers in the regional assembly voted on Thursday to delay the budget by a month, "
        "after the finance minister said the figures were not yet final.")


def page(title: str, body: str, published: str = "2026-03-18") -> str:
    """An HTML news page with metadata trafilatura reads."""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
    return (f"<!DOCTYPE html><html><head><title>{escape(title)}</title>"
            f'<meta property="og:site_name" content="Harbour Herald">'
            f'<meta property="article:published_time" content="{published}">'
            f"</head><body><article><h1>{escape(title)}</h1>{paragraphs}"
            f"<p>{escape(body)}</p></article></body></html>")


def rss(items: list[tuple[str, str, str | None]], title: str = "Harbour Herald") -> str:
    """An RSS 2.0 feed; items are (title, description, link)."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><description>{escape('<p>' + d + '</p>')}</description>"
        + (f"<link>{escape(link)}</link>" if link else "")
        + "<pubDate>Wed, 18 Mar 2026 09:00:00 GMT</pubDate></item>"
        for t, d, link in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(title)}</title>{entries}</channel></rss>")


def atom(items: list[tuple[str, str]]) -> str:
    """An Atom feed with HTML content; items are (title, content)."""
    entries = "".join(
        f"<entry><title>{escape(t)}</title><id>urn:x:{i}</id>"
        f"<updated>2026-03-19T12:00:00Z</updated>"
        f'<content type="html">{escape("<p>" + c + "</p>")}</content></entry>'
        for i, (t, c) in enumerate(items))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>River Desk</title><id>urn:x</id><updated>2026-03-19T12:00:00Z</updated>"
            f"{entries}</feed>")


XML_BOMB = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
            '<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
            '<rss version="2.0"><channel><title>&d;</title><item><title>x</title>'
            '<description>&d;</description></item></channel></rss>')
