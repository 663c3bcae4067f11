"""The map page over a small hand-built store: spots as markers, a continent listed, a country
marked by its outline, names beside codes, and links that list exactly what was clicked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from dateline.ingest.article import make_article
from dateline.records import Doc, Event, Place, PlaceRef, Span
from dateline.settings import Settings
from store.sample_docs import at, port_doc, summit_doc

WIDE_TEXT = ("BRUSSELS (AP) — Ministers met across Europe on Monday, and the talks moved to the "
             "United Kingdom on Tuesday.")


def wide_doc() -> Doc:
    """Two events placed no closer than a continent and a country."""
    text = WIDE_TEXT
    art = make_article(text, published="2026-03-02", title="Talks move", source="AP")
    europe = Place(*at(text, "Europe"), name="Europe", lat=48.69, lon=9.14, feature="L",
                   feature_code="CONT", role="event", confidence=0.8)
    britain = Place(*at(text, "United Kingdom"), name="United Kingdom", country_code="GB",
                    lat=54.0, lon=-2.0, feature="A", feature_code="PCLI", role="event",
                    confidence=0.8)
    met = Event(*at(text, "Ministers met across Europe on Monday"), id="ev-europe",
                type="CONSULT", trigger=Span(*at(text, "met")),
                place=PlaceRef(*at(text, "Europe"), name="Europe", lat=48.69, lon=9.14),
                factuality="asserted", confidence=0.7)
    moved = Event(*at(text, "the talks moved to the United Kingdom on Tuesday"), id="ev-uk",
                  type="CONSULT", trigger=Span(*at(text, "moved")),
                  place=PlaceRef(*at(text, "United Kingdom"), name="United Kingdom",
                                 country_code="GB", lat=54.0, lon=-2.0),
                  factuality="asserted", confidence=0.7)
    return Doc(article=art, places=(europe, britain), events=(met, moved))


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from dateline.store import open_store
    from dateline.web import create_app

    db = tmp_path_factory.mktemp("map") / "map.db"
    with open_store(str(db)) as store:
        store.save_many([port_doc(), summit_doc(), wide_doc()])
    with TestClient(create_app(Settings(db=str(db)), cache_seconds=0),
                    raise_server_exceptions=False) as test_client:
        yield test_client


def test_map_lists_a_continent_and_outlines_a_country_instead_of_dots(client):
    html = client.get("/map").text
    dots = re.findall(r'<circle class="place marker event[^"]*"[^>]*data-place="([^"]+)"', html)
    assert sorted(dots) == ["Khorramshahr", "Naples"]
    regions = re.search(r'<section id="map-regions">(.*?)</section>', html, re.S).group(1)
    assert re.findall(r'<tr data-region="([^"]+)">', regions) == ["Europe"]
    assert 'href="/events?place=Europe"' in regions
    assert re.search(r'<path class="shade-\d country-level" data-country="GB" '
                     r'data-country-level="1"', html)
    assert 'data-country="IR" data-country-level="0"' in html


def test_map_names_countries_beside_their_codes(client):
    countries = re.search(r'<section id="map-countries">(.*?)</section>', client.get("/map").text,
                          re.S).group(1)
    rows = re.findall(r'<tr data-country="(\w+)"><td><a href="([^"]+)">([^<]+)</a> '
                      r'<small class="muted">(\w+)</small>', countries)
    assert {(code, name) for code, _, name, _ in rows} == {
        ("IR", "Iran"), ("IT", "Italy"), ("GB", "United Kingdom")}
    assert all(code == shown for code, _, _, shown in rows)
    assert ("GB", "/events?country=GB") in {(code, unescape(href)) for code, href, _, _ in rows}


def test_map_click_lists_exactly_the_events_at_that_place(client):
    html = client.get("/map?type=AGREE").text
    link = re.search(r'<a href="([^"]+)"><circle class="place marker event[^"]*"[^>]*'
                     r'data-place="Naples"', html).group(1)
    assert unescape(link) == "/events?type=AGREE&place=Naples&country=IT"
    events = client.get("/api/events?place=Naples&country=IT").json()["data"]
    assert [e["id"] for e in events] == ["ev-move"]
    europe = client.get("/api/events?place=Europe").json()["data"]
    assert [e["id"] for e in europe] == ["ev-europe"]
    assert client.get("/api/events?place=Europ").json()["data"] == []   # exact, not a prefix
    listed = client.get("/events?place=Europe").text
    assert listed.count('<tr data-type="') == 1


def test_map_keeps_every_source_and_factuality_chosen(client):
    """A repeated source (or several factualities) keeps the places of any of them, and a
    click carries them all, as the list it opens."""
    publishers = sorted({e["publisher"] for e in client.get("/api/events?limit=100").json()
                         ["data"]})
    assert len(publishers) >= 2
    one, other = publishers[:2]
    both = client.get(f"/map?source={one}&source={other}&factuality=asserted,negated").text
    alone = client.get(f"/map?source={other}").text
    places = set(re.findall(r'data-place="([^"]+)"', both))
    assert set(re.findall(r'data-place="([^"]+)"', alone)) <= places
    links = [parse_qs(urlsplit(unescape(link)).query)
             for link in re.findall(r'<a href="(/events\?[^"]+)"><circle', both)]
    assert links and all(q["source"] == [one, other] and q["factuality"] == ["asserted,negated"]
                         for q in links)
