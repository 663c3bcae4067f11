"""``source=`` answered from the summary counts (store/facets.py ``_counts``, summary.py
``own_source_counts``): for many random filter combinations on a store with several
publishers, wire agencies and in-text sources, the total, every facet and the time axis equal
what the matching rows themselves give, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

from dateline.store import Filters, sources
from dateline.store.facets import count_capped, day_range, day_type_counts, facets, summarized
from dateline.store.query import iter_rows
from store.link_docs import follow_up_doc, other_attack_doc
from store.sample_docs import numbered_docs, port_doc, summit_doc
from web.docs import flood_docs, script_doc

# Pieces of publishers ("Example Wire", "TASS", "Valley Herald"), of an agency alone ("AP"),
# of in-text sources ("provincial officials", a quote's "AFP", "the port authority"), of both
# ("a", "e"), and of none.
SOURCES = ("Wire", "tass", "AP", "ap", "Herald", "officials", "AFP", "port", "staff", "Red",
           "a", "e", "Times", "zzq", "ia", "%", "Desk")
TYPE_COLUMN = {"events": "type", "quotes": "kind", "claims": "what", "articles": None}
TYPES = {"events": ("ASSAULT", "AGREE", "PROTEST", "DISASTER", "AID"),
         "quotes": ("direct", "indirect", "mixed")}
MONTHS = ("2025-12", "2026-01", "2026-02", "2026-03", "2026-04")


def _blank(value):
    return "" if value is None else str(value)


def _draw(rng: random.Random, table: str) -> Filters:
    given = {"source": sources.join(rng.sample(SOURCES, rng.choice((1, 1, 1, 2, 3))))}
    if table in TYPES and rng.random() < 0.5:
        given["type"] = ",".join(rng.sample(TYPES[table], rng.choice((1, 2))))
    if table == "events" and rng.random() < 0.3:
        given["country"] = rng.choice(("IR", "IR,IT", "NG"))
    if rng.random() < 0.4:
        first, last = sorted(rng.sample(MONTHS, 2))
        given["since"] = first
        if rng.random() < 0.5:
            given["until"] = last if rng.random() < 0.5 else f"{last}-1{rng.randrange(10)}"
    return Filters(**given)


def _rows(store, table, filters):
    return list(iter_rows(store, table, filters))


def test_store_source_counts_equal_the_rows(store):
    for doc in (port_doc(), summit_doc(), follow_up_doc(), other_attack_doc(), *flood_docs(),
                script_doc(), *numbered_docs(6)):
        store.save(doc)
    rng = random.Random(9)
    seen_own = seen_both = 0
    for i in range(48):
        table = ("events", "quotes", "claims", "articles")[i % 4]
        filters = _draw(rng, table)
        where = f"{table} {filters}"
        assert summarized(table, filters), where
        rows = _rows(store, table, filters)
        assert count_capped(store, table, filters, cap=1) == (len(rows), False), where
        days = sorted(r["day"] for r in rows if r["day"])
        assert day_range(store, filters, table) == ((days[0], days[-1]) if days else None), where
        kind = TYPE_COLUMN[table]
        for prefix in (4, 7, 10):
            counted = Counter((r["day"][:prefix], _blank(r[kind]) if kind else "") for r in rows)
            found = day_type_counts(store, filters, table, prefix=prefix)
            assert {(d, t): n for d, t, n in found} == dict(counted), (where, prefix)
        for facet in facets(store, table, filters):
            own = facet.filter and getattr(filters, facet.filter)
            among = _rows(store, table, replace(filters, **{facet.filter: None})) if own else rows
            counted = Counter(_blank(r[facet.column]) for r in among)
            assert dict(facet.values) == {v: n for v, n in counted.items() if v}, (where, facet)
        publishers = {_blank(r.get("publisher", r.get("source"))).lower() for r in rows}
        values = [v.lower() for v in sources.values_of(filters.source)]
        if any(not any(v in p for v in values) for p in publishers):
            seen_own += 1  # a row kept by its own in-text source alone
        if rows and any(v in p for v in values for p in publishers):
            seen_both += 1
    # The draws reach both parts of the count: publisher/agency counts and own-source rows.
    assert seen_own >= 3 and seen_both >= 10
