"""The pages in a real headless Chromium (Debian's package, driven by Playwright): highlights,
hovering a quote, filtering events, the map, the upload form, and a <script> that must not run.

Screenshots are saved under test-artifacts/browser/. ``make test`` installs Chromium first
(scripts/test-browser.sh). Without a Chromium these tests skip, except under CI=true, where
they fail.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from store.sample_docs import port_doc
from web.conftest import TOKEN
from web.docs import script_doc

ARTIFACTS = ROOT / "test-artifacts" / "browser"
# Without the background-networking flags Chromium keeps calling home, which a closed network
# answers with errors and timeouts.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
PORT_ID = port_doc().article.id
SCRIPT_ID = script_doc().article.id


def chromium() -> str | None:
    """The Chromium to drive: $DATELINE_TEST_CHROMIUM, else Debian's chromium on the PATH."""
    given = os.environ.get("DATELINE_TEST_CHROMIUM")
    if given:
        return given if Path(given).exists() else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    import importlib.util

    if chromium() is None:
        return "no chromium executable (apt-get install chromium)"
    if importlib.util.find_spec("playwright") is None:
        return "Playwright for Python is not installed (pip install -e '.[dev]')"
    return None


def unavailable(reason: str) -> None:
    message = f"browser tests need Chromium and Playwright: {reason} (make test installs them)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; under CI=true they must run")
    pytest.skip(message)


# Decided at collection, so that a machine without a browser skips before the session's store
# is built; under CI=true the tests run and fail in the ``browser`` fixture instead.
WHY_NOT = missing()
pytestmark = [pytest.mark.browser, pytest.mark.model,
              pytest.mark.skipif(WHY_NOT is not None and os.environ.get("CI") != "true",
                                 reason=f"browser tests need Chromium and Playwright: {WHY_NOT} "
                                        "(make test installs them)")]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if WHY_NOT is not None:
        unavailable(WHY_NOT)
    executable = chromium()
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dateline-chromium-") as profile, \
            sync_playwright() as playwright:
        # A persistent context on an empty folder is how Playwright takes --user-data-dir.
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=executable, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900})
        yield context
        context.close()


@pytest.fixture(scope="module")
def base_url(app_settings: Any) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread of this process."""
    import uvicorn

    from dateline.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(app_settings), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh tab that records script errors and console errors (CSP violations among them)."""
    tab = browser.new_page()
    tab.problems = []
    tab.on("pageerror", lambda error: tab.problems.append(f"page error: {error}"))
    tab.on("console", lambda msg: tab.problems.append(f"console: {msg.text}")
           if msg.type == "error" else None)
    yield tab
    tab.close()


def shot(page: Any, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=False)


def test_browser_article_highlights_and_hovering_a_quote_shows_its_speaker(page, base_url):
    page.goto(f"{base_url}/articles/{PORT_ID}")
    text = page.locator("#article-text")
    for layer in ("entity", "time", "place", "quote", "claim", "event"):
        assert text.locator(f".hl-{layer}").count() > 0, layer
    time_bg = text.locator(".hl-time").first.evaluate("e => getComputedStyle(e).backgroundColor")
    quote_bg = text.locator(".hl-quote").first.evaluate(
        "e => getComputedStyle(e).backgroundColor")
    assert time_bg != quote_bg and "rgba(0, 0, 0, 0)" not in (time_bg, quote_bg)

    tip = page.locator("#mark-tip")
    assert tip.is_hidden()
    text.get_by_text("We will find those responsible,").hover()
    tip.wait_for(state="visible")
    assert "Quote (direct) by Reza Tavakoli" in tip.inner_text()
    assert tip.locator('dd[data-fact="speaker"]').inner_text() == "Reza Tavakoli"
    assert tip.locator('dd[data-fact="channel"]').inner_text() == "AFP"
    shot(page, "article-quote-hover")

    text.locator(".hl-time", has_text="Tuesday").click()
    inspector = page.locator("#inspector")
    assert inspector.locator('dd[data-fact="value"]').inner_text() == "2026-02-10"
    text.locator(".hl-place", has_text="Khorramshahr").last.click()
    assert inspector.locator('dd[data-fact="coordinates"]').inner_text() == "30.4400, 48.1700"
    shot(page, "article-place-selected")

    page.locator('#layers input[data-layer="quote"]').uncheck()
    assert "hide-quote" in page.locator("body").get_attribute("class")
    assert page.problems == []


def test_browser_script_in_an_article_is_shown_not_run(page, base_url):
    response = page.goto(f"{base_url}/articles/{SCRIPT_ID}")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("load")
    assert page.evaluate("() => window.__pwned") is None
    assert page.title() != "pwned"
    shown = page.locator("#article-text").inner_text()
    assert "<script>window.__pwned = 1; document.title = 'pwned'</script>" in shown
    assert '<img src=x onerror="window.__pwned = 2">' in shown
    assert page.locator("#article-text script, #article-text img").count() == 0
    assert page.locator("h1").inner_text() == "Council site defaced <b>again</b>"
    shot(page, "article-script-shown")
    assert page.problems == []


def test_browser_filter_events_by_type(page, base_url):
    page.goto(f"{base_url}/events")
    assert page.locator("#timeline a.axis-bar").count() > 0
    types_before = set(page.locator("tr[data-type]").evaluate_all(
        "rows => rows.map(r => r.dataset.type)"))
    assert len(types_before) > 1
    with page.expect_navigation():
        page.select_option("#f-type", "ASSAULT")  # the form submits itself on change
    assert "type=ASSAULT" in page.url
    types_after = set(page.locator("tr[data-type]").evaluate_all(
        "rows => rows.map(r => r.dataset.type)"))
    assert types_after == {"ASSAULT"}
    assert page.locator("#timeline rect.type-assault").count() > 0
    assert page.locator("#timeline rect:not(.type-assault):not(.hit)").count() == 0
    shot(page, "events-filtered-assault")

    page.fill("#f-country", "IR")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert page.locator("tr[data-type]").count() >= 1
    assert "Khorramshahr (IR)" in page.locator("table.events-table").inner_text()
    assert page.problems == []


def test_browser_map_renders_outlines_and_places(page, base_url):
    outlines = []
    page.on("response", lambda r: outlines.append(r.status) if r.url.endswith("/map/world.svg")
            else None)
    page.goto(f"{base_url}/map")
    page.wait_for_load_state("networkidle")
    assert outlines == [200]
    box = page.locator("#world-map").bounding_box()
    assert box["width"] > 800 and box["height"] > 300
    circles = page.locator("#world-map circle.place")
    assert circles.count() > 0
    assert page.locator('#world-map path[data-country="IR"]').count() == 1
    iran = page.locator("#world-map circle.place[data-place='Khorramshahr']")
    iran.hover()
    assert page.locator("#map-readout").inner_text().startswith("Khorramshahr: 1 event")
    drawn = page.evaluate("""() => {
        const img = document.querySelector('#world-map image');
        return img.getBBox().width;
    }""")
    assert drawn > 800
    shot(page, "map")
    assert page.problems == []


def test_browser_upload_a_new_article_and_see_it_highlighted(page, base_url):
    page.goto(f"{base_url}/upload")
    page.fill("textarea[name=text]", "Volunteers planted 4,000 trees along the river on "
              "Saturday, the city's parks director Ana Ruiz said. \"The banks will hold next "
              "spring,\" Ruiz told reporters.")
    page.fill("input[name=published]", "2026-03-21")
    page.fill("input[name=title]", "Trees for the river")
    page.fill("input[name=token]", TOKEN)  # extracting needs the token, storing too
    with page.expect_navigation():
        page.click("form.upload button[type=submit]")
    assert page.locator("h1").inner_text() == "Trees for the river"
    assert "Extracted, not stored." in page.locator(".notice").inner_text()
    assert page.locator("#article-text .hl-time").count() >= 1
    page.locator("#article-text .hl-quote").first.hover()
    assert "Ruiz" in page.locator("#mark-tip").inner_text()
    shot(page, "upload-result")
    assert page.problems == []


def _port_story(base_url: str) -> str:
    import json
    import urllib.request

    with urllib.request.urlopen(f"{base_url}/api/stories?article={PORT_ID}") as answer:
        return str(json.load(answer)["data"][0]["id"])


def test_browser_story_page_charts_each_figure_and_links_to_the_evidence(page, base_url):
    page.goto(f"{base_url}/stories/{_port_story(base_url)}")
    assert page.locator("svg.report-axis circle.report").count() == 2
    chart = page.locator('figure.figure-chart[data-predicate="killed"] svg.chart')
    box = chart.bounding_box()
    assert box["width"] > 300 and box["height"] > 100
    points = chart.locator("circle.point")
    assert points.count() == 2
    colours = points.evaluate_all("ps => ps.map(p => getComputedStyle(p).stroke)")
    assert colours[0] != colours[1]  # two sources, two colours
    assert "the sources disagree" in page.locator("#changes").inner_text()
    assert page.locator("#story-map svg.world circle.marker.incident").count() == 1
    shot(page, "story")
    with page.expect_navigation():
        points.nth(1).click()
    assert "?evidence=" in page.url
    focus = page.locator("#evidence")
    assert "15 officers killed" in focus.inner_text()
    assert focus.evaluate("e => { const r = e.getBoundingClientRect(); "
                          "return r.top >= 0 && r.bottom <= window.innerHeight; }")
    assert page.problems == []


def test_browser_story_page_fits_a_phone(browser, base_url):
    phone = browser.new_page()
    try:
        phone.set_viewport_size({"width": 390, "height": 844})
        phone.goto(f"{base_url}/stories/{_port_story(base_url)}")
        chart = phone.locator('figure.figure-chart[data-predicate="killed"]').bounding_box()
        assert chart["x"] >= 0 and chart["x"] + chart["width"] <= 390
        overflow = phone.evaluate("() => document.documentElement.scrollWidth")
        assert overflow <= 390
        phone.screenshot(path=str(ARTIFACTS / "story-phone.png"), full_page=True)
    finally:
        phone.close()


def test_browser_map_marks_incidents_by_geo_precision(page, base_url):
    page.goto(f"{base_url}/map")
    town = page.locator("#world-map circle.marker.incident.precision-1").first
    area = page.locator("#world-map circle.marker.incident.precision-2").first
    assert town.count() == 1 and area.count() == 1
    fill = [m.evaluate("e => getComputedStyle(e).fill") for m in (town, area)]
    assert fill[0] != fill[1] and "rgba" in fill[1]  # a solid dot, a shaded disc
    assert float(area.get_attribute("r")) > float(town.get_attribute("r"))
    legend = page.locator("#map-legend")
    assert legend.is_visible() and "region or country" in legend.inner_text()
    ring = area.bounding_box()  # its rim: an event place's dot may sit on its centre
    page.mouse.move(ring["x"] + ring["width"] / 2, ring["y"] + 1.5)
    assert "place known to the nearby or larger named area" in page.locator(
        "#map-readout").inner_text()
    shot(page, "map-precision")
    assert page.problems == []
