"""The summary tables (store/summary.py: list_counts; store/names.py: entity_names) agree with
a direct count of the rows after ingest, after an article is replaced and after migration 5
builds them for an existing store, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest
import sqlalchemy as sa

from dateline.store import Filters, open_store, schema, sources
from dateline.store.facets import count_capped, count_rows, day_range, day_type_counts, facets
from dateline.store.migrations import LATEST, current_version, versions
from dateline.store.query import iter_rows
from dateline.store.search import search_kind
from dateline.store.search_index import fold
from store.sample_docs import numbered_docs, port_doc, summit_doc
from web.docs import flood_docs, script_doc


def _docs():
    return [port_doc(), summit_doc(), *flood_docs(), script_doc(), *numbered_docs(6)]


def _blank(value):
    return "" if value is None else str(value)


def rows_counted(store) -> Counter:
    """What list_counts should hold, counted from the rows the lists page through."""
    a = schema.articles
    agency = {r["id"]: _blank(r["dateline_agency"])
              for r in store.execute(sa.select(a.c.id, a.c.dateline_agency))}
    expected: Counter = Counter()
    for row in iter_rows(store, "events"):
        expected["events", row["day"], row["type"], _blank(row["country"]),
                 _blank(row["factuality"]), _blank(row["publisher"]),
                 agency[row["article_id"]]] += 1
    for row in iter_rows(store, "quotes"):
        expected["quotes", row["day"], row["kind"], "", "", _blank(row["publisher"]),
                 agency[row["article_id"]]] += 1
    for row in iter_rows(store, "claims"):
        expected["claims", row["day"], _blank(row["what"]), "", "", _blank(row["publisher"]),
                 agency[row["article_id"]]] += 1
    for row in iter_rows(store, "articles"):
        expected["articles", row["day"], "", "", "", _blank(row["source"]),
                 agency[row["id"]]] += 1
    assert any(agency.values())  # the sample docs have wire agencies
    return expected


def summary_counted(store, grain: str = "d") -> Counter:
    lc = schema.list_counts
    return Counter({(r["layer"], r["day"], r["type"], r["country"], r["factuality"],
                     r["publisher"], r["agency"]): r["n"]
                    for r in store.execute(sa.select(lc).where(lc.c.grain == grain))})


def by_month(counted: Counter) -> Counter:
    months: Counter = Counter()
    for (layer, day, *rest), n in counted.items():
        months[(layer, day[:7], *rest)] += n
    return months


def names_counted(store) -> dict:
    """What entity_names should hold, from the entities list's own aggregate of the rows."""
    return {(r["label"], r["name"]): (r["articles"], r["mentions"], r["first_day"],
                                      r["last_day"]) for r in iter_rows(store, "entities")}


def names_stored(store) -> dict:
    n = schema.entity_names
    return {(r["label"], r["name"]): (r["articles"], r["mentions"], r["first_day"],
                                      r["last_day"]) for r in store.execute(sa.select(n))}


def assert_agree(store):
    counted = rows_counted(store)
    assert counted  # the sample docs have events, quotes, claims and articles
    assert summary_counted(store) == counted
    assert summary_counted(store, "m") == by_month(counted)
    assert names_stored(store) == names_counted(store)
    n = schema.entity_names
    for row in store.execute(sa.select(n.c.name, n.c.words)):
        assert set(fold(row["name"]).split()) <= set(row["words"].split())


def test_summary_agrees_with_the_rows_after_ingest(store_url):
    with open_store(store_url) as store:
        store.save_many(_docs()[:4])
        for doc in _docs()[4:]:  # one at a time too, as ingest writes
            store.save(doc)
        assert_agree(store)


def test_summary_agrees_after_articles_are_replaced(store_url):
    with open_store(store_url) as store:
        store.save_many(_docs())
        before = summary_counted(store)
        # Stored again by another extractor with another publication day: the old rows'
        # counts go, the new ones come.
        moved = [port_doc(published="2025-01-05T08:00:00+00:00"),
                 summit_doc(published="2024-12-31")]
        assert store.save_many(moved, extractor="another") == ["replaced", "replaced"]
        assert_agree(store)
        assert summary_counted(store) != before
        # And back, with a smaller doc in place of one: nothing is left over.
        bare = replace(port_doc(), entities=(), quotes=(), claims=(), events=())
        assert store.save(bare, extractor="third") == "replaced"
        assert_agree(store)


def test_summary_is_built_by_migration_for_an_existing_store(store_url):
    with open_store(store_url) as store:
        store.save_many(_docs())
        expected = summary_counted(store)
        with store.engine.begin() as conn:  # back to version 4, as an older dateline left it
            for table in ("search_fts_names", "entity_names", "list_counts"):
                conn.execute(sa.text(f"DROP TABLE IF EXISTS {table}"))
            schema.story_members.drop(conn)  # version 6's table
            sources.drop(conn)  # version 8's table
            conn.execute(versions.delete().where(versions.c.version > 4))
    assert LATEST == 9
    with open_store(store_url) as upgraded:
        with upgraded.engine.connect() as conn:
            assert current_version(conn) == 9
        assert summary_counted(upgraded) == expected
        assert_agree(upgraded)
        # And it is kept up to date from then on.
        upgraded.save(port_doc(published="2023-03-03T10:00:00+00:00"), extractor="later")
        assert_agree(upgraded)


def test_summary_is_rebuilt_with_agencies_by_migration_9(store_url):
    """A version 8 store's list_counts (keyed without the agency) is rebuilt and refilled."""
    with open_store(store_url) as store:
        store.save_many(_docs())
        expected = summary_counted(store)
        with store.engine.begin() as conn:
            schema.list_counts.drop(conn)
            old = sa.Table("list_counts", sa.MetaData(),
                           *(sa.Column(c.name, c.type, nullable=False)
                             for c in schema.list_counts.columns if c.name != "agency"))
            old.create(conn)
            conn.execute(old.insert().values(layer="events", grain="d", day="2026-01-01",
                                             type="X", country="", factuality="",
                                             publisher="stale", n=7))
            conn.execute(versions.delete().where(versions.c.version > 8))
    with open_store(store_url) as upgraded:
        with upgraded.engine.connect() as conn:
            assert current_version(conn) == 9
        assert summary_counted(upgraded) == expected
        assert_agree(upgraded)


@pytest.mark.parametrize("table,filters", [
    ("events", Filters()), ("events", Filters(type="ASSAULT,PROTEST")),
    ("events", Filters(country="IR", since="2026-01")), ("quotes", Filters(type="direct")),
    ("claims", Filters(until="2026-02")), ("articles", Filters(since="2026-02-10")),
    ("events", Filters(since="2026-02-11", until="2026-03-20")), ("events", Filters(until="2026")),
])
def test_summary_totals_and_facets_equal_the_rows(store_url, table, filters):
    with open_store(store_url) as store:
        store.save_many(_docs())
        rows = list(iter_rows(store, table, filters))
        assert count_capped(store, table, filters, cap=1) == (len(rows), False)  # exact
        days = sorted(r["day"] for r in rows if r["day"])
        assert day_range(store, filters, table) == ((days[0], days[-1]) if days else None)
        for prefix in (4, 7, 10):
            counted = Counter((r["day"][:prefix], r.get("type") or "") for r in rows)
            if table == "events":
                assert {(d, t): n for d, t, n in day_type_counts(
                    store, filters, table, prefix=prefix)} == dict(counted)
        for facet in facets(store, table, filters):
            if facet.filter and getattr(filters, facet.filter):
                continue  # counted without its own filter
            counted = Counter(_blank(r[facet.column]) for r in rows)
            assert dict(facet.values) == {v: n for v, n in counted.items() if v}


def test_summary_other_filters_count_rows_up_to_the_cap(store_url):
    with open_store(store_url) as store:
        store.save_many(_docs())
        text = Filters(text="the")
        n = count_rows(store, "events", text)
        assert n > 2
        assert count_capped(store, "events", text, cap=2) == (2, True)
        assert count_capped(store, "events", text, cap=n) == (n, False)
        # Past the cap, facets count the first rows of the list (newest first).
        newest = list(iter_rows(store, "events", text))[:2]
        sampled = {f.column: dict(f.values) for f in facets(store, "events", text, cap=2)}
        assert sampled["type"] == dict(Counter(r["type"] for r in newest))


def test_summary_entity_search_matches_each_name_once(store_url):
    with open_store(store_url) as store:
        store.save_many(_docs())
        names = names_counted(store)
        label, name = max(names, key=lambda k: (names[k][0], k[1]))
        found = search_kind(store, name, "entities", limit=100)
        assert (label, name) in {(r["label"], r["name"]) for r in found.rows}
        row = next(r for r in found.rows if (r["label"], r["name"]) == (label, name))
        assert row["articles"] == names[label, name][0]
        assert found.total == len({(r["label"], r["name"]) for r in found.rows})


@pytest.mark.parametrize("name", ["type", "country"])
def test_summary_several_values_page_both_ways_in_list_order(store_url, name):
    """Several values of an indexed filter are read one index at a time and merged: the pages
    hold exactly the matching rows of the unfiltered list, in its order, forward and back."""
    from dateline.store import query

    with open_store(store_url) as store:
        store.save_many(_docs())
        every = list(iter_rows(store, "events"))
        common = Counter(r[name] for r in every if r[name]).most_common(3)
        assert len(common) >= 2
        values = [v for v, _ in common]
        expected = [(r["article_id"], r["n"]) for r in every if r[name] in values]
        filters = Filters(**{name: ",".join(v.lower() for v in values)})
        pages, cursor = [], None
        while True:
            page = query(store, "events", filters, limit=2, cursor=cursor)
            pages.append(page)
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        assert [(r["article_id"], r["n"]) for p in pages for r in p.rows] == expected
        back = query(store, "events", filters, limit=2, before=pages[-1].prev_cursor)
        assert [(r["article_id"], r["n"]) for r in back.rows] == [
            (r["article_id"], r["n"]) for r in pages[-2].rows]
