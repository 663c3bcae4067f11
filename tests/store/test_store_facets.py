"""Totals, facets, sort orders and paging back (store/facets.py, store/sorting.py) on SQLite and
PostgreSQL, over hand-built Docs: every count equals the rows query() pages through."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dateline.errors import ConfigError
from dateline.store import Filters, open_store, query
from dateline.store.facets import (
    count_capped,
    count_once,
    count_rows,
    day_range,
    day_type_counts,
    facets,
)
from dateline.store.query import iter_rows
from dateline.store.sorting import sorts_of
from store.link_docs import follow_up_doc, other_attack_doc
from store.sample_docs import port_doc, summit_doc
from web.docs import flood_docs, script_doc


@pytest.fixture
def store(store_url):
    from dateline.store.linking import StoreLinking

    with open_store(store_url) as opened:
        with StoreLinking(opened) as linking:  # stories and incidents too
            for doc in (port_doc(), summit_doc(), follow_up_doc(), other_attack_doc(),
                        *flood_docs(), script_doc()):
                opened.save(doc)
                linking.link([doc])
        yield opened


FILTERS = [Filters(), Filters(type="ASSAULT"), Filters(country="IR"), Filters(source="AFP"),
           Filters(type="ASSAULT,AGREE"), Filters(since="2026-03"), Filters(what="killed"),
           Filters(country="ir,it")]


@pytest.mark.parametrize("filters", FILTERS)
def test_store_facets_count_equals_every_row(store, filters):
    assert count_rows(store, "events", filters) == len(list(iter_rows(store, "events", filters)))


@pytest.mark.parametrize("table", ["events", "quotes", "claims", "articles", "entities",
                                   "incidents", "stories"])
def test_store_facets_values_count_the_rows_with_that_value(store, table):
    rows = list(iter_rows(store, table))
    assert count_rows(store, table) == len(rows)
    for facet in facets(store, table):
        for value, count in facet.values:
            assert count == sum(1 for r in rows if str(r[facet.column]) == value)


def test_store_facets_leave_out_their_own_filter(store):
    chosen = {f.column: dict(f.values) for f in facets(store, "events", Filters(type="ASSAULT"))}
    everything = {f.column: dict(f.values) for f in facets(store, "events")}
    assert chosen["type"] == everything["type"] and len(chosen["type"]) > 1
    assert set(chosen["factuality"]) <= set(everything["factuality"])


def test_store_facets_several_values_match_either(store):
    either = count_rows(store, "events", Filters(type="ASSAULT,AGREE"))
    assert either == (count_rows(store, "events", Filters(type="ASSAULT"))
                      + count_rows(store, "events", Filters(type="AGREE"))) > 0


def test_store_facets_day_counts_by_day_month_and_year(store):
    by_day = day_type_counts(store)
    total = count_rows(store, "events")
    assert sum(n for _, _, n in by_day) == total
    for prefix in (7, 4):
        grouped = day_type_counts(store, prefix=prefix)
        assert sum(n for _, _, n in grouped) == total
        assert all(len(day) in (0, prefix) for day, _, _ in grouped)
    first, last = day_range(store) or ("", "")
    assert first == min(d for d, _, _ in by_day if d) and last == max(d for d, _, _ in by_day)
    assert day_range(store, Filters(country="ZZ")) is None


@pytest.mark.parametrize(("table", "sort"), [(t, s) for t in ("events", "entities", "incidents",
                                                               "stories", "articles")
                                              for s in sorts_of(t)])
def test_store_sorting_pages_cover_every_row_in_order(store, table, sort):
    everything = list(iter_rows(store, table))
    rows, cursor = [], None
    while True:
        page = query(store, table, limit=2, cursor=cursor, sort=sort)
        rows += page.rows
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert sorted(map(repr, rows)) == sorted(map(repr, everything))
    column = sort.lstrip("-")
    keys = [r[column] for r in rows]
    assert len(keys) >= 2
    if store.engine.dialect.name == "sqlite" or not isinstance(keys[0], str):
        # PostgreSQL orders text by its collation, which Python's sorted() does not know.
        assert keys == sorted(keys, reverse=sort.startswith("-"))


def test_store_sorting_before_reads_the_page_back(store):
    first = query(store, "events", limit=2, sort="type")
    second = query(store, "events", limit=2, sort="type", cursor=first.next_cursor)
    assert first.prev_cursor is None and second.prev_cursor
    back = query(store, "events", limit=2, sort="type", before=second.prev_cursor)
    assert back.rows == first.rows and back.prev_cursor is None
    assert back.next_cursor == first.next_cursor


def test_store_sorting_refuses_an_unknown_order_and_two_cursors(store):
    with pytest.raises(ConfigError, match="Cannot sort events by 'colour'"):
        query(store, "events", sort="colour")
    page = query(store, "events", limit=1)
    with pytest.raises(ConfigError, match="not both"):
        query(store, "events", cursor=page.next_cursor, before=page.next_cursor)


ROW_FILTERS = [Filters(actor="a", source="AFP"), Filters(what="killed"), Filters(text="the"),
               Filters(text="the", type="ASSAULT,AGREE"), Filters(text="a", source="a,IR"),
               Filters(text="zzz-nowhere"), Filters(text="e", since="2026-03")]


@pytest.mark.parametrize("filters", ROW_FILTERS)
@pytest.mark.parametrize("cap", [1, 3, 10_000])
def test_store_facets_one_pass_equals_each_count(store, filters, cap):
    """The one-statement count of a row-counted list answers what each count answers alone
    (total and cap, every facet, the day range and the per-day counts)."""
    once = count_once(store, "events", filters, cap=cap, with_days=True, other_cap=cap)
    assert once is not None
    total, capped = count_capped(store, "events", filters, cap=cap)
    assert (once.total, once.capped) == (total, capped)
    first = cap if capped else None
    assert once.facets == expected_facets(store, "events", filters, cap)
    assert once.span == day_range(store, filters, cap=first)
    assert once.days == day_type_counts(store, filters, cap=first)


def expected_facets(store, table, filters, cap):
    """Each facet counted alone: with every filter but its own, among the newest ``cap`` rows
    of that list when more match (the summary counts stay exact)."""
    out = []
    for facet in facets(store, table, filters):
        narrowed = replace(filters, **{facet.filter: None}) if facet.filter else filters
        over = count_capped(store, table, narrowed, cap=cap)[1]
        alone = {f.column: f for f in facets(store, table, narrowed, cap=cap if over else None)}
        out.append(replace(alone[facet.column], newest=cap if over else None))
    return out


@pytest.mark.parametrize("table", ["quotes", "claims", "articles", "incidents", "stories"])
@pytest.mark.parametrize("cap", [2, 10_000])
def test_store_facets_one_pass_counts_every_list(store, table, cap):
    filters = Filters(text="a")
    once = count_once(store, table, filters, cap=cap, other_cap=cap)
    assert once is not None
    total, capped = count_capped(store, table, filters, cap=cap)
    assert (once.total, once.capped) == (total, capped)
    assert once.facets == expected_facets(store, table, filters, cap)


def test_store_facets_one_pass_leaves_summarized_lists_to_the_summary(store):
    assert count_once(store, "events", Filters(type="ASSAULT", since="2026")) is None
    assert count_once(store, "events", Filters(source="AFP", country="IR")) is None


def test_store_facets_one_pass_bounds_the_facets_of_a_wider_list(store):
    """A facet whose own filter is set counts the newest ``other_cap`` rows of its own list
    and says so; the page's own counts keep their cap."""
    filters = Filters(text="e", type="ASSAULT")
    once = count_once(store, "events", filters, other_cap=2)
    assert once is not None and not once.capped
    by_column = {f.column: f for f in once.facets}
    assert by_column["type"].newest == 2 and sum(n for _, n in by_column["type"].values) == 2
    assert by_column["factuality"].newest is None
    assert sum(n for _, n in by_column["factuality"].values) == once.total
