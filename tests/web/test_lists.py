"""The list pages and API lists: one validation of filters, several values per filter, totals,
facets, sorting, paging both ways, downloads equal to `dateline export`, the time axis, the
home page's tiles and the entity page's paged lists."""

from __future__ import annotations

import io
import json
import re
from html import unescape
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from web.conftest import TOKEN  # noqa: F401  (the session store's fixtures)

pytestmark = pytest.mark.model  # the session store is filled by the real pipeline


def api(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()


def every_row(client, url: str) -> list[dict]:
    rows, following = [], url
    while following:
        body = api(client, following)
        rows += body["data"]
        following = body["next"]
    return rows


# One validation ------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "field", "words"), [
    ("/events?since=2015-13-45", "since", ["must be a date", "2015-13-45"]),
    ("/events?type=NOPE", "type", ["NOPE", "ASSAULT", "PROTEST"]),
    ("/events?type=ASSAULT&type=NOPE", "type", ["NOPE"]),
    ("/entities?label=BOGUS", "label", ["BOGUS", "PERSON", "ORG"]),
    ("/quotes?kind=BOGUS", "kind", ["BOGUS", "direct", "indirect"]),
    ("/events?label=ORG", "label", ["Unknown parameter label", "type"]),
    ("/events?country=Iran", "country", ["ISO 3166", "Iran"]),
    ("/claims?since=2026-03&until=2026-01", "until", ["before since"]),
    ("/incidents?sort=colour", "sort", ["-day", "type"]),
    ("/stories?actor=x&actor=y", "actor", ["Unknown parameter actor"]),
    ("/events?factuality=maybe", "factuality", ["maybe", "asserted", "hypothetical"]),
    ("/events?what=a&what=b", "what", ["given 2 times", "source take several"]),
    ("/quotes?factuality=asserted", "factuality", ["Unknown parameter factuality"]),
])
def test_lists_refuse_a_bad_filter_inline_and_as_the_api_error(client, url, field, words):
    page = client.get(url)
    assert page.status_code == 400
    html = unescape(page.text)
    shown = re.search(r'<p class="form-error" role="alert" id="filter-error" data-field="(\w+)">'
                      r'(.*?)</p>', html, re.S)
    assert shown and shown.group(1) == field
    assert all(word in shown.group(2) for word in words), shown.group(2)
    assert '<form class="filters"' in html  # the form is kept, not a dead-end page
    answer = client.get("/api" + url)
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid_parameter"
    assert all(word in error["message"] for word in words) and "--" not in error["message"]


def test_lists_keep_the_form_as_it_was_filled(client):
    html = client.get("/events?since=2015-13-45&actor=police&type=ASSAULT").text
    assert 'value="2015-13-45"' in html and 'value="police"' in html
    assert '<option value="ASSAULT" selected>' in html


@pytest.mark.parametrize("url", ["/api/events?limit=many", "/api/events?limit=0",
                                 "/api/quotes?limit=5000", "/api/events?limit=1&limit=2"])
def test_lists_refuse_a_bad_number_naming_the_field(client, url):
    error = client.get(url).json()["error"]
    assert error["status"] == 400 and "limit" in error["message"]


def test_lists_take_several_values_per_filter(client):
    assault = api(client, "/api/events?type=ASSAULT&limit=1")["total"]
    agree = api(client, "/api/events?type=AGREE&limit=1")["total"]
    assert assault and agree
    for url in ("/api/events?type=ASSAULT&type=AGREE", "/api/events?type=ASSAULT,AGREE"):
        both = every_row(client, url + "&limit=200")
        assert {r["type"] for r in both} == {"ASSAULT", "AGREE"}
        assert len(both) == assault + agree == api(client, url)["total"]
    html = client.get("/events?type=ASSAULT&type=AGREE").text
    assert re.search(r'<select name="type" id="f-type" multiple', html)
    assert '<option value="ASSAULT" selected>' in html and '<option value="AGREE" selected>' in html


def test_lists_the_counts_example_killed_finds_events(client):
    html = client.get("/events").text
    assert 'placeholder="killed"' in html  # the example the form gives...
    found = every_row(client, "/api/events?what=killed&limit=200")
    assert found  # ...finds events: a claim's "killed" is stored on the event as "dead"
    assert all(any(q["kind"] in ("dead", "killed") or "killed" in q["text"].lower()
                   for q in e["quantities"]) for e in found)


# Totals, facets, sorting, paging ---------------------------------------------------------------


@pytest.mark.parametrize("table", ["events", "articles", "quotes", "claims", "entities",
                                   "incidents", "stories"])
def test_lists_total_counts_every_page(client, table):
    body = api(client, f"/api/{table}?limit=7")
    assert body["total"] == len(every_row(client, f"/api/{table}?limit=50"))
    html = client.get(f"/{table}").text
    assert re.search(rf'<p class="list-total" id="list-total"><strong>{body["total"]:,}</strong>',
                     html)


def test_lists_total_agrees_with_its_noun(client):
    one = api(client, "/api/articles?limit=1")["data"][0]["id"]
    assert "<strong>1</strong> article matches these filters." in client.get(
        f"/articles?article={one}").text
    many = api(client, "/api/events?limit=1")["total"]
    assert f"<strong>{many:,}</strong> events match these filters." in client.get(
        "/events?sort=day").text


@pytest.mark.parametrize(("table", "extra"), [("events", {"country": "US"}), ("events", {}),
                                              ("events", {"type": "AGREE"}), ("incidents", {}),
                                              ("stories", {}), ("quotes", {}), ("entities", {})])
def test_lists_facet_counts_equal_what_their_links_list(client, table, extra):
    body = client.get(f"/api/{table}", params={"limit": 1, **extra}).json()
    checked = 0
    for facet in body["facets"]:
        if not facet["filter"]:
            continue
        for value in facet["values"][:3]:
            # A facet's link sets its filter to the value (other filters kept).
            narrowed = client.get(f"/api/{table}", params={
                "limit": 1, **extra, facet["filter"]: value["value"]}).json()
            if facet["filter"] == "source":  # a substring match: at least the rows counted
                assert narrowed["total"] >= value["count"]
            else:
                assert narrowed["total"] == value["count"], (facet["column"], value)
            checked += 1
    assert checked >= 2


def test_lists_facets_on_the_page_narrow_with_a_click(client):
    html = unescape(client.get("/events").text)
    links = re.findall(r'<section class="facet" data-facet="type">.*?</section>', html, re.S)
    assert links
    first = re.search(r'<a href="/events\?type=(\w+)">\1</a> <small>([\d,]+)</small>', links[0])
    assert first
    narrowed = client.get(f"/events?type={first.group(1)}").text
    assert f'<strong>{first.group(2)}</strong> event' in narrowed


@pytest.mark.parametrize(("table", "sort", "key"), [
    ("events", "type", lambda r: r["type"]), ("events", "-type", lambda r: r["type"]),
    ("events", "day", lambda r: r["day"]), ("events", "country", lambda r: r["country"]),
    ("entities", "name", lambda r: r["name"]), ("entities", "-mentions", lambda r: r["mentions"]),
    ("incidents", "type", lambda r: r["type"]), ("stories", "-country", lambda r: r["country"]),
])
def test_lists_sort_by_a_column_across_pages(client, table, sort, key):
    rows = every_row(client, f"/api/{table}?sort={sort}&limit=13")
    keys = [key(r) for r in rows]
    assert keys == sorted(keys, reverse=sort.startswith("-"))
    assert len(rows) == api(client, f"/api/{table}?limit=1")["total"]
    assert len({json.dumps(r, sort_keys=True) for r in rows}) == len(rows)


def test_lists_column_headers_sort_and_reverse(client):
    html = unescape(client.get("/events").text)
    assert re.search(r'<th aria-sort="descending"><a class="sort" href="\?sort=day">Day ▼', html)
    by_type = re.search(r'<th aria-sort="none"><a class="sort" href="\?sort=type">Type', html)
    assert by_type
    sorted_html = unescape(client.get("/events?sort=type").text)
    assert re.search(r'<th aria-sort="ascending"><a class="sort" href="\?sort=-type">Type ▲',
                     sorted_html)
    types = re.findall(r'<tr data-type="([A-Z]+)"', sorted_html)
    assert types == sorted(types)


@pytest.mark.parametrize("url", ["/api/events?limit=9", "/api/events?limit=9&sort=type",
                                 "/api/entities?limit=9&sort=name", "/api/articles?limit=9"])
def test_lists_page_back_to_the_rows_before(client, url):
    first = api(client, url)
    assert first["prev"] is None
    second = api(client, first["next"])
    third = api(client, second["next"])
    assert api(client, third["prev"])["data"] == second["data"]
    back = api(client, second["prev"])
    assert back["data"] == first["data"] and back["prev"] is None


def test_lists_pages_link_first_previous_and_next(client):
    first = unescape(client.get("/events").text)
    following = re.search(r'<a rel="next" href="\?([^"]+)"', first).group(1)
    second = unescape(client.get("/events?" + following).text)
    assert "« First" in second
    previous = re.search(r'<a rel="prev" href="\?([^"]+)"', second).group(1)
    again = unescape(client.get("/events?" + previous).text)
    rows = re.findall(r'<td class="evidence">(.*?)<br>', first, re.S)
    assert re.findall(r'<td class="evidence">(.*?)<br>', again, re.S) == rows


# Downloads -------------------------------------------------------------------------------------


def cli_export(app_settings, table: str, fmt: str, *filters: str, out=None) -> str:
    args = ["export", "--table", table, "--format", fmt, "--db", app_settings.db, *filters]
    if out is not None:
        args += ["--out", str(out)]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize(("table", "query", "flags"), [
    ("events", "type=ASSAULT", ["--type", "ASSAULT"]),
    ("events", "type=ASSAULT&type=AGREE&since=2000", ["--type", "ASSAULT,AGREE", "--since",
                                                        "2000"]),
    ("articles", "", []), ("quotes", "type=direct", ["--type", "direct"]),
    ("claims", "what=killed", ["--what", "killed"]), ("entities", "type=PERSON",
                                                      ["--type", "PERSON"]),
    ("incidents", "", []), ("stories", "", []),
])
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_lists_download_equals_dateline_export(client, app_settings, table, query, flags, fmt):
    response = client.get(f"/{table}.{fmt}?{query}")
    assert response.status_code == 200
    assert f'filename="{table}.{fmt}"' in response.headers["content-disposition"]
    expected = cli_export(app_settings, table, fmt, *flags)
    assert response.text == expected
    assert len(expected.splitlines()) > (1 if fmt == "csv" else 0)


def test_lists_download_parquet_equals_dateline_export(client, app_settings, tmp_path):
    import pyarrow.parquet as pq

    response = client.get("/events.parquet?type=ASSAULT&type=AGREE")
    assert response.status_code == 200
    cli_export(app_settings, "events", "parquet", "--type", "ASSAULT,AGREE",
               out=tmp_path / "e.parquet")
    served = pq.read_table(io.BytesIO(response.content))
    assert served.equals(pq.read_table(tmp_path / "e.parquet")) and served.num_rows > 0


@pytest.mark.parametrize("value", ["AP", "afp", "officials", "a", "%", "No Such Wire"])
@pytest.mark.parametrize("table", ["events", "quotes", "claims", "articles"])
def test_lists_source_lists_the_rows_like_matches_on_page_api_and_download(
        client, app_settings, table, value):
    """``source=`` reads the index of distinct source strings; the page, the API and the CSV
    list exactly the rows that LIKE over publisher, wire agency and in-text source matches."""
    import csv

    from dateline.store import open_store
    from store.test_store_sources import like_keys

    with open_store(app_settings.db) as store:
        expected = like_keys(store, table, value)
    keys = ("id",) if table == "articles" else ("article_id", "n")
    rows = every_row(client, f"/api/{table}?" + urlencode({"source": value, "limit": 100}))
    assert sorted(tuple(r[k] for k in keys) for r in rows) == expected
    assert api(client, f"/api/{table}?" + urlencode({"source": value}))["total"] == len(expected)
    download = client.get(f"/{table}.csv", params={"source": value})
    assert download.status_code == 200
    listed = list(csv.DictReader(io.StringIO(download.text)))
    assert sorted(tuple(r[k] if k != "n" else int(r[k]) for k in keys) for r in listed) == expected
    page = client.get(f"/{table}", params={"source": value})
    assert page.status_code == 200
    assert f'id="list-total"><strong>{len(expected):,}</strong>' in page.text
    if value == "a":
        assert expected  # the demo store holds rows of each: the comparisons are not of empties


def test_lists_several_sources_match_any_and_keep_their_commas(client, app_settings):
    """``source`` repeated keeps the rows either value keeps, on the API, the page (one box per
    value, written back repeated) and the download, as ``dateline export --source`` repeated;
    a comma stays part of its value."""
    from dateline.store import open_store
    from store.test_store_sources import like_keys

    with open_store(app_settings.db) as store:
        expected = sorted(set(like_keys(store, "events", "AP"))
                          | set(like_keys(store, "events", "officials")))
        whole = like_keys(store, "events", "a, e")
    query = urlencode([("source", "AP"), ("source", "officials")])
    rows = every_row(client, f"/api/events?{query}&limit=100")
    assert sorted((r["article_id"], r["n"]) for r in rows) == expected
    assert api(client, f"/api/events?{query}")["total"] == len(expected) > 0
    html = unescape(client.get(f"/events?{query}").text)
    assert 'name="source" id="f-source" value="AP"' in html
    assert 'name="source" value="officials"' in html
    assert f'href="/events.csv?{query}" download' in html
    assert "--source AP --source officials" in html
    assert client.get(f"/events.csv?{query}").text == cli_export(
        app_settings, "events", "csv", "--source", "AP", "--source", "officials")
    comma = api(client, "/api/events?" + urlencode({"source": "a, e"}))
    assert comma["total"] == len(whole)  # not "a" or " e"


def test_lists_facets_add_a_publisher_and_a_factuality(client):
    """A facet click on a publisher or a factuality narrows as type and country do, and its
    + adds the value beside the chosen ones."""
    body = api(client, "/api/events?limit=1")
    facet = {f["column"]: f for f in body["facets"]}
    assert facet["factuality"]["filter"] == "factuality"
    assert facet["publisher"]["filter"] == "source"
    for value in facet["factuality"]["values"]:
        narrowed = api(client, "/api/events?" + urlencode({"factuality": value["value"]}))
        assert narrowed["total"] == value["count"]
    publishers = [v["value"] for v in facet["publisher"]["values"]][:2]
    assert len(publishers) == 2
    html = unescape(client.get("/events?" + urlencode({"source": publishers[0]})).text)
    added = urlencode([("source", publishers[0]), ("source", publishers[1])])
    assert f'href="/events?{added}" aria-label="Add {publishers[1]}"' in html
    either = api(client, f"/api/events?{added}")["total"]
    assert either >= sum(v["count"] for v in facet["publisher"]["values"][:2])
    html = client.get("/events?factuality=asserted&factuality=negated").text
    assert re.search(r'<select name="factuality" id="f-factuality" multiple', html)
    assert '<option value="negated" selected>' in html
    several = api(client, "/api/events?factuality=asserted,negated")["total"]
    assert several == sum(v["count"] for v in facet["factuality"]["values"]
                          if v["value"] in ("asserted", "negated"))


def test_lists_download_refuses_a_bad_filter(client):
    response = client.get("/events.csv?type=NOPE")
    assert response.status_code == 400 and "NOPE" in response.text


def test_lists_pages_link_their_downloads_and_the_cli(client):
    html = unescape(client.get("/events?type=ASSAULT&country=IR").text)
    for fmt in ("csv", "jsonl", "parquet"):
        assert f'href="/events.{fmt}?country=IR&type=ASSAULT" download' in html
    assert ("dateline export --table events --format csv --country IR --type ASSAULT "
            "--out events.csv") in html
    for table in ("articles", "quotes", "claims", "entities", "incidents", "stories"):
        assert f'href="/{table}.csv" download' in client.get(f"/{table}").text


# The time axis ---------------------------------------------------------------------------------


def test_lists_time_axis_bars_link_to_exactly_their_rows(client):
    html = unescape(client.get("/events").text)
    bars = re.findall(r'<a class="axis-bar" href="/events\?([^"]+)" data-since="([^"]+)" '
                      r'data-until="([^"]+)" data-total="(\d+)">', html)
    assert bars
    assert "the 30 most recent days" not in html
    for query, _since, _until, total in bars[:6]:
        assert api(client, f"/api/events?limit=1&{query}")["total"] == int(total)


def test_lists_time_axis_legend_counts_equal_their_links(client):
    html = unescape(client.get("/events?since=2000").text)
    keys = re.findall(r'<li><a href="/events\?([^"]+)"><span class="swatch type-\w+"></span>'
                      r'(\w+) <small>([\d,]+)</small>', html)
    assert len(keys) >= 3
    for query, type_, count in keys:
        assert f"type={type_}" in query
        assert api(client, f"/api/events?limit=1&{query}")["total"] == int(count.replace(",", ""))


def test_lists_time_axis_says_when_nothing_matches(client):
    html = client.get("/events?country=ZZ").text
    assert "No dated event matches these filters." in html and "the 0 most" not in html


# Home and entity pages -------------------------------------------------------------------------


def test_lists_home_tiles_link_and_latest_events_span_articles(client):
    html = unescape(client.get("/").text)
    for href in ("/articles", "/events", "/quotes", "/claims", "/entities"):
        assert re.search(rf'<li><a href="{href}"><strong>[\d,]+</strong>', html), href
    latest = html.split("Latest events", 1)[1]
    articles = re.findall(r'<a href="/articles/(\w+)">', latest)
    assert len(articles) >= 5 and len(set(articles)) >= 3
    assert max(articles.count(a) for a in set(articles)) <= 2


def test_lists_entity_page_lists_its_articles_paged(client):
    entities = api(client, "/api/entities?limit=1&type=ORG")["data"]
    name = entities[0]["name"]
    html = unescape(client.get(f"/entities/ORG/{name}").text)
    heading = re.search(r'<h2 id="articles">Articles naming .*?<small>1–(\d+) of (\d+)</small>',
                        html)
    assert heading and int(heading.group(2)) >= entities[0]["articles"] >= 1
    listed = re.findall(r'<ul class="entity-articles">(.*?)</ul>', html, re.S)[0]
    assert len(re.findall(r'<li><a href="/articles/', listed)) == int(heading.group(1))
    assert client.get(f"/entities/ORG/{name}?quotes=x").status_code == 400
    assert client.get(f"/entities/ORG/{name}?color=1").status_code == 400


def test_lists_entities_point_each_name_to_its_canonical_entity(client):
    html = unescape(client.get("/entities?type=GPE&limit=200").text)
    same = re.findall(r'<td><a href="([^"]+)">([^<]+)</a> <small class="muted canonical">same as '
                      r'<a href="([^"]+)">([^<]+)</a>', html)
    assert same  # several spellings of one place (US, United States) name one entity
    for _own, name, target, canonical in same:
        assert name != canonical
        assert client.get(target).status_code == 200


def test_lists_count_other_filters_up_to_the_cap_and_say_so(app_settings, monkeypatch):
    """A filter the summary counts do not answer (words) is counted up to the cap: past it the
    total is the cap, marked, on the page and in the API; summary filters stay exact."""
    from fastapi.testclient import TestClient

    import dateline.web.listing as listing
    from dateline.web import create_app

    monkeypatch.setattr(listing, "CAP", 3)
    with TestClient(create_app(app_settings, cache_seconds=0)) as fresh:
        assert len(every_row(fresh, "/api/events?text=the&limit=500")) > 3
        body = api(fresh, "/api/events?text=the&limit=2")
        assert body["capped"] is True and body["total"] == 3
        page = fresh.get("/events?text=the").text
        assert 'data-capped="true"' in page and "<strong>3+</strong>" in page
        assert "Counted up to 3" in page
        exact = api(fresh, "/api/events?type=ASSAULT&limit=2")
        assert exact["capped"] is False
        assert exact["total"] == len(every_row(fresh, "/api/events?type=ASSAULT&limit=500")) > 3
