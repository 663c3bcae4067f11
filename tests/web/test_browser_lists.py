"""The list pages in headless Chromium: a bad filter shown beside its form, facets that narrow
with a click, sortable headers, paging both ways, the time axis, a download from a filtered
page equal to `dateline query`, the home page's tiles, the entity page, and screenshots of each
page at 1280 and 390 px (test-artifacts/browser/lists-*.png) with nothing wider than a phone.
"""
# The browser, server and tab fixtures are test_browser.py's, imported: tests name them.
# ruff: noqa: F811

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from web.test_browser import ARTIFACTS, base_url, browser, page, pytestmark  # noqa: F401

LIST_PAGES = ["/", "/events", "/events?type=ASSAULT&type=AGREE", "/articles", "/quotes",
              "/claims", "/entities", "/entities/ORG/Airbus", "/incidents", "/stories",
              "/events?since=2015-13-45"]


def total(page: Any) -> int:
    return int(page.locator("#list-total strong").inner_text().replace(",", ""))


def test_browser_lists_bad_date_is_shown_beside_the_kept_form(page, base_url):
    page.goto(f"{base_url}/events?since=2015-13-45&actor=police")
    # The page itself answers 400, which Chromium logs; nothing else may go wrong.
    assert [p for p in page.problems if "status of 400" not in p] == []
    page.problems.clear()
    alert = page.locator("#filter-error")
    assert "since must be a date" in alert.inner_text()
    assert page.input_value("#f-since") == "2015-13-45"
    assert page.input_value("#f-actor") == "police"
    page.fill("#f-since", "2000")
    page.fill("#f-actor", "")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert page.locator("#filter-error").count() == 0
    assert total(page) > 0 and page.locator("tr[data-type]").count() > 0
    assert page.problems == []


def test_browser_lists_facet_click_narrows_and_header_click_sorts(page, base_url):
    page.goto(f"{base_url}/events")
    everything = total(page)
    facet = page.locator('section.facet[data-facet="type"] li a').first
    name = facet.inner_text()
    count = int(facet.locator("xpath=following-sibling::small[1]").inner_text().replace(",", ""))
    with page.expect_navigation():
        facet.click()
    assert f"type={name}" in page.url and total(page) == count < everything
    assert set(page.locator("tr[data-type]").evaluate_all(
        "rows => rows.map(r => r.dataset.type)")) == {name}
    page.goto(f"{base_url}/events")
    with page.expect_navigation():
        page.click("th a.sort:has-text('Type')")
    assert "sort=type" in page.url
    types = page.locator("tr[data-type]").evaluate_all("rows => rows.map(r => r.dataset.type)")
    assert types == sorted(types) and total(page) == everything
    assert page.locator('th[aria-sort="ascending"]').inner_text().startswith("Type")
    assert page.problems == []


def test_browser_lists_page_forward_and_back(page, base_url):
    page.goto(f"{base_url}/events")
    first = page.locator("tr[data-type] td.evidence").all_inner_texts()
    with page.expect_navigation():
        page.click("a[rel=next]")
    second = page.locator("tr[data-type] td.evidence").all_inner_texts()
    assert second and second != first
    with page.expect_navigation():
        page.click("a[rel=prev]")
    assert page.locator("tr[data-type] td.evidence").all_inner_texts() == first
    assert page.locator("a[rel=prev]").count() == 0


def test_browser_lists_time_axis_bar_filters_to_its_rows(page, base_url):
    page.goto(f"{base_url}/events")
    assert page.locator("#time-axis").count() == 1
    bar = page.locator("#time-axis a.axis-bar").last
    expected = int(bar.get_attribute("data-total"))
    since = bar.get_attribute("data-since")
    with page.expect_navigation():
        bar.locator("rect.hit").click(force=True)
    assert f"since={since}" in page.url and total(page) == expected
    days = page.locator("tr[data-day]").evaluate_all("rows => rows.map(r => r.dataset.day)")
    assert days and all(d.startswith(since[:4]) for d in days)
    assert page.problems == []


def test_browser_lists_download_from_a_filtered_page_equals_dateline_query(page, base_url,
                                                                          app_settings,
                                                                          tmp_path: Path):
    page.goto(f"{base_url}/events?type=ASSAULT&since=2000")
    assert "dateline export --table events" in page.locator("#downloads").inner_text()
    with page.expect_download() as waiting:
        page.click("#downloads a:has-text('CSV')")
    saved = tmp_path / "events.csv"
    waiting.value.save_as(saved)
    result = CliRunner().invoke(cli, ["query", "events", "--db", app_settings.db, "--type",
                                      "ASSAULT", "--since", "2000", "--format", "csv",
                                      "--limit", "10000"], catch_exceptions=False)
    assert result.exit_code == 0
    downloaded = saved.read_text(encoding="utf-8")
    assert downloaded == result.stdout
    assert len(list(csv.reader(io.StringIO(downloaded)))) - 1 == total(page) > 0


def test_browser_lists_home_tiles_open_their_lists(page, base_url):
    page.goto(f"{base_url}/")
    with page.expect_navigation():
        page.click(".counts a[href='/events']")
    assert page.url.endswith("/events") and total(page) > 0


def test_browser_lists_entity_page_lists_its_articles(page, base_url):
    page.goto(f"{base_url}/entities/ORG/Airbus")
    assert page.locator("#articles").count() == 1
    assert page.locator("ul.entity-articles li a").count() >= 1


@pytest.mark.parametrize("width", [1280, 390])
def test_browser_lists_screenshots_fit_the_width(browser, base_url, width):
    tab = browser.new_page()
    tab.set_viewport_size({"width": width, "height": 1000})
    try:
        for url in LIST_PAGES:
            tab.goto(f"{base_url}{url}")
            name = re.sub(r"[^A-Za-z0-9]+", "-", url).strip("-") or "home"
            tab.screenshot(path=str(ARTIFACTS / f"lists-{name}-{width}.png"), full_page=False)
            wide = tab.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, f"{url} is {wide} px wide at {width} px"
    finally:
        tab.close()
