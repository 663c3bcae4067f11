"""Search, the map's links, the API reference, the skip link, phone widths and highlight
toggling in a real headless Chromium (the fixtures of test_browser.py: Debian's chromium driven
by Playwright, the app served by uvicorn over the session's demo store).

Screenshots of each page at 1280 and 390 pixels go to test-artifacts/browser/.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from web import test_browser as chromium
from web.test_browser import ARTIFACTS, PORT_ID, shot

# The Chromium, the served app and the tab of test_browser.py, registered here by name.
browser = chromium.browser
base_url = chromium.base_url
page = chromium.page
pytestmark = chromium.pytestmark

PHONE = {"width": 390, "height": 844}
PAGES = ("/", "/events", "/search?q=police", "/docs", "/map", "/articles", "/quotes",
         "/claims", "/entities", "/stories", "/incidents", f"/articles/{PORT_ID}")
LAYERS = ("entity", "time", "place", "quote", "claim", "event")


def api(base_url: str, path: str) -> Any:
    with urllib.request.urlopen(base_url + path) as answer:
        return json.load(answer)


def test_browser_search_from_the_header_finds_claims_and_pages_to_the_end(page, base_url):
    page.goto(f"{base_url}/")
    page.fill('header input[name="q"]', "killed")
    with page.expect_navigation():
        page.press('header input[name="q"]', "Enter")
    claims = page.locator("section#claims")
    assert int(claims.locator("h2 .count").inner_text().replace(",", "")) >= 1
    assert claims.locator("table.claims-table tbody tr").count() >= 1
    shot(page, "search-killed")

    page.goto(f"{base_url}/search?q={quote('Brasília')}")
    assert page.locator("section#articles li").count() >= 1
    shot(page, "search-brasilia")

    total = api(base_url, "/api/search?q=of&kind=events&limit=1")["events"]["total"]
    assert total > 100, "the demo store has pages of events saying 'of'"
    page.goto(f"{base_url}/search?q=of")
    with page.expect_navigation():
        page.locator("section#events a.more").click()
    seen = page.locator('tr[data-type]').count()
    while page.locator('a[rel="next"]').count():
        with page.expect_navigation():
            page.locator('a[rel="next"]').click()
        seen += page.locator('tr[data-type]').count()
    assert seen == total
    assert page.problems == []


def test_browser_map_click_lists_exactly_that_place(page, base_url):
    page.goto(f"{base_url}/map")
    dot = page.locator("#world-map circle.place[data-place='Khorramshahr']")
    count = int(dot.get_attribute("data-events"))
    with page.expect_navigation():
        dot.click()
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"place": ["Khorramshahr"], "country": ["IR"]}
    places = page.locator("table.events-table tbody tr td:nth-child(5)").all_inner_texts()
    assert len(places) == count and set(places) == {"Khorramshahr (IR)"}

    page.goto(f"{base_url}/map")
    regions = page.locator("#map-regions tr[data-region]")
    if regions.count():   # the demo corpus names continents: listed, never dotted
        name = regions.first.get_attribute("data-region")
        listed = int(regions.first.locator("td.num").inner_text())
        assert page.locator(f"#world-map circle[data-place='{name}']").count() == 0
        with page.expect_navigation():
            regions.first.locator("td:first-child a").click()
        assert page.locator("tr[data-type]").count() == listed
    page.goto(f"{base_url}/map")
    assert page.locator("#map-countries a", has_text="Iran").count() == 1
    assert page.problems == []


def test_browser_api_docs_are_linked_and_load_nothing_from_elsewhere(page, base_url):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(f"{base_url}/")
    with page.expect_navigation():
        page.locator("header nav a", has_text="API").click()
    assert page.url.endswith("/docs")
    page.locator('nav.toc a[href="#get-api-search"]').click()
    section = page.locator("section#get-api-search")
    assert section.locator("pre.example code").first.inner_text().startswith("curl ")
    section.locator("details summary").click()
    assert json.loads(section.locator("details pre code").inner_text())["q"] == "crane Mecca"
    assert hosts == {urlsplit(base_url).netloc}
    shot(page, "docs")
    assert page.problems == []


def test_browser_skip_link_takes_the_keyboard_past_the_navigation(page, base_url):
    page.goto(f"{base_url}/articles/{PORT_ID}")
    page.keyboard.press("Tab")
    skip = page.locator('a.skip-link[href="#main"]')
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 10   # shown when focused
    shot(page, "skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    page.keyboard.press("Tab")
    inside = page.evaluate("() => document.getElementById('main').contains("
                           "document.activeElement)")
    assert inside
    # The article's own skip link passes its highlights (each one a tab stop) in one step.
    for _ in range(10):
        if page.evaluate("() => document.activeElement.getAttribute('href')") == "#after-text":
            break
        page.keyboard.press("Tab")
    shown = page.locator('a.skip-inline[href="#after-text"]').bounding_box()
    assert shown["width"] > 50 and shown["y"] >= 0   # in view while focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('#article-text')") is None
    assert page.evaluate("() => document.activeElement.compareDocumentPosition("
                         "document.getElementById('article-text')) & 2") == 2   # after it
    assert page.problems == []


@pytest.mark.parametrize("path", PAGES)
def test_browser_pages_fit_a_phone_and_a_desktop(browser, base_url, path):
    name = (path.strip("/").replace("/", "-").replace("?", "-").replace("=", "-")
            or "home")[:40]
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        tab = browser.new_page()
        try:
            tab.set_viewport_size(viewport)
            tab.goto(base_url + path)
            width = tab.evaluate("() => document.documentElement.scrollWidth")
            assert width <= viewport["width"], (path, viewport, width)
            tab.screenshot(path=str(ARTIFACTS / f"fit-{name}-{viewport['width']}.png"))
            if viewport is PHONE and tab.locator("td.evidence").count():
                cell = tab.locator("td.evidence").first.bounding_box()
                assert cell["x"] >= 0 and cell["x"] + cell["width"] <= PHONE["width"]
                label = tab.locator("td.evidence").first.get_attribute("data-label")
                assert label in ("Evidence", "Quote")   # its column's header, from app.js
        finally:
            tab.close()


def _quote_article(base_url: str) -> str:
    """The demo article whose quote holds a date and a figure ("in 2004 will be US$3 billion")."""
    found = api(base_url, f"/api/search?q={quote('Brasília Korea')}&kind=articles")
    return str(found["articles"]["data"][0]["id"])


STYLE_OF = """els => els.map(e => { const s = getComputedStyle(e);
    return [s.backgroundColor, s.fontStyle, s.fontWeight, s.boxShadow, s.color]; })"""


def test_browser_highlights_stay_whole_when_layers_are_toggled(page, base_url):
    page.goto(f"{base_url}/articles/{_quote_article(base_url)}")
    text = page.locator("#article-text")
    quoted = text.locator(".hl-quote:not(.hl-quote-speaker):not(.hl-quote-cue)")
    inner = text.locator(".hl-quote.hl-time:not(.hl-quote-speaker):not(.hl-quote-cue)")
    assert quoted.count() > 1 and inner.count() >= 1, "a date inside a quote"
    shown = quoted.evaluate_all(STYLE_OF)
    quote_bg = {s[0] for s in shown}
    assert len(quote_bg) == 1 and "rgba(0, 0, 0, 0)" not in quote_bg
    for layer in LAYERS:
        if layer == "quote":
            continue
        page.locator(f'#layers input[data-layer="{layer}"]').uncheck()
        after = quoted.evaluate_all(STYLE_OF)
        assert {s[0] for s in after} == quote_bg, layer   # no gap in the quote's background
        assert {s[1] for s in after} == {"italic"}, layer
        if layer == "time":
            shot(page, "article-times-off")
        page.locator(f'#layers input[data-layer="{layer}"]').check()
    assert quoted.evaluate_all(STYLE_OF) == shown
    page.locator('#layers input[data-layer="quote"]').uncheck()
    dates = inner.evaluate_all(STYLE_OF)
    assert all(s[0] != "rgba(0, 0, 0, 0)" and "inset" in s[3] for s in dates), dates
    shot(page, "article-quotes-off")
    assert page.problems == []
