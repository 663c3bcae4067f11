"""The source filter reads the index of distinct source strings (store/sources.py) and answers
exactly what LIKE over every row's publisher, wire agency and in-text sources answered, on
both backends: case as each database's ILIKE folds it, accents as it compares them, ``%`` and
``_`` as plain characters."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa

from dateline.records import Dateline, Ref, Span
from dateline.store import Filters, open_store, query, schema, sources
from dateline.store.engine import write_transaction
from dateline.store.facets import count_capped, count_once, count_rows
from dateline.store.migrations import LATEST, current_version, versions
from dateline.store.sources import Reading

from .sample_docs import numbered_docs

PUBLISHERS = ("Example Wire", "TASS", "Agência Brasil", "AGÊNCIA BRASIL", "50% Off_News",
              "Back\\slash Post", 'The "Quoted" Times', None)
AGENCIES = ("AP", "afp", "Agência", None, "Reuters")
IN_TEXT = ("provincial officials", "Ministère de l'Intérieur", "MINISTÈRE", "police_100%", None,
           "the port authority")
VALUES = ("AP", "ap", "a", "é", "É", "%", "_", "\\", '"', "0%", "f_N", "ss", "tass", "TASS",
          "agência", "AGÊNCIA", "agencia", "ministère", "MINISTÈRE", "officials", "port auth",
          "afp", "e W", '"Quoted"', "slash", "s, T", "nothing like this", "ère de l'", "e_1")
TABLES = ("events", "quotes", "claims", "articles", "places", "times")


def _ref(text: str | None, name: str | None) -> Ref | None:
    return None if text is None and name is None else Ref(0, 0, text or "", name=name)


def varied_docs(count: int = 14) -> list:
    """Copies of the sample articles with publishers, agencies and in-text sources of every
    kind: accents in both cases, LIKE wildcards, a backslash, double quotes, none at all."""
    docs = []
    for i, doc in enumerate(numbered_docs(count)):
        agency = AGENCIES[i % len(AGENCIES)]
        dateline = doc.article.dateline or Dateline(0, 0, "")
        article = replace(doc.article, source=PUBLISHERS[i % len(PUBLISHERS)],
                          dateline=replace(dateline, agency=agency))
        text, name = IN_TEXT[i % len(IN_TEXT)], IN_TEXT[(i + 2) % len(IN_TEXT)]
        events = tuple(replace(e, source=_ref(text, name)) for e in doc.events)
        claims = tuple(replace(c, source=_ref(name, text)) for c in doc.claims)
        quotes = tuple(replace(q, channel=Span(0, 0, text) if text else None) for q in doc.quotes)
        docs.append(replace(doc, article=article, events=events, claims=claims, quotes=quotes))
    return docs


def like_keys(store, table: str, value: str) -> list[tuple]:
    """The keys of the rows that plain LIKE over the joined strings matches (the reference)."""
    a = schema.articles
    if table == "articles":
        columns, keys, source = [a.c.source, a.c.dateline_agency], [a.c.id], a
    else:
        t = getattr(schema, table)
        own = [t.c[c] for c in sources.COLUMNS.get(table, ())]
        columns, keys = [a.c.source, a.c.dateline_agency, *own], [t.c.article_id, t.c.n]
        source = t.join(a, a.c.id == t.c.article_id)
    stmt = sa.select(*keys).select_from(source).where(
        sa.or_(*(sources.contains(c, value) for c in columns)))
    return sorted(tuple(r.values()) for r in store.execute(stmt))


# Every way a list may read what a source keeps (query.read_sources chooses one by how many
# rows match; the rows are the same); on PostgreSQL its planner chooses (None).
READINGS = (None, Reading(gather=True), Reading(), Reading(articles_each=True),
            Reading(rows_each=True), Reading(articles_each=True, rows_each=True))


def readings(store) -> tuple:
    return READINGS if store.backend == "sqlite" else (None,)


def filtered_keys(store, table: str, value: str, reading: Reading | None = None) -> list[tuple]:
    rows = query(store, table, Filters(source=value, source_reading=reading), limit=10_000).rows
    names = ("id",) if table == "articles" else ("article_id", "n")
    return sorted(tuple(r[k] for k in names) for r in rows)


@pytest.fixture
def varied(store):
    store.save_many(varied_docs())
    return store


def test_sources_filter_matches_what_like_over_the_rows_matches(varied):
    matched = 0
    for value in VALUES:
        for table in TABLES:
            expected = like_keys(varied, table, value)
            assert filtered_keys(varied, table, value) == expected, (table, value)
            assert count_rows(varied, table, Filters(source=value)) == len(expected)
            matched += bool(expected)
    assert matched > len(VALUES)  # most values find rows: the comparison is not of empties


def test_sources_several_values_keep_the_rows_any_of_them_keeps(varied):
    """Values joined by sources.SEPARATOR match either; a comma is part of a value."""
    for one, other in (("AP", "officials"), ("TASS", "nothing like this"), ("é", "%")):
        both = sources.join([one, other])
        assert sources.values_of(both) == [one, other]
        for table in TABLES:
            expected = sorted(set(like_keys(varied, table, one))
                              | set(like_keys(varied, table, other)))
            for reading in readings(varied):
                assert filtered_keys(varied, table, both, reading) == expected, (table, both)
            assert count_rows(varied, table, Filters(source=both)) == len(expected)
    assert filtered_keys(varied, "events", "a, e") == like_keys(varied, "events", "a, e")
    assert len(like_keys(varied, "events", "a, e")) < len(like_keys(varied, "events", "a"))


@pytest.mark.parametrize("reading", READINGS[1:])
def test_sources_every_reading_keeps_the_same_rows(tmp_path, reading):
    """Few rows (by rowid), many (in list order, by key sets) or most (each row looked up):
    the same rows as LIKE, in the same order, counted the same."""
    store = open_store(f"sqlite:///{tmp_path / 'read.db'}")
    store.save_many(varied_docs())
    for value in ("AP", "a", "é", "%", "officials", "nothing like this", "e_1", "TASS"):
        for table in TABLES:
            expected = like_keys(store, table, value)
            assert filtered_keys(store, table, value, reading) == expected, (table, value)
            plain = query(store, table, Filters(source=value), limit=7).rows
            read = query(store, table, Filters(source=value, source_reading=reading),
                         limit=7).rows
            assert read == plain  # the same page, in the same order
            assert count_rows(store, table, Filters(source=value, source_reading=reading)
                              ) == len(expected)
    store.close()


def test_sources_filter_counts_from_the_summary_agree_with_like(varied):
    for value in ("a", "AP", "officials", "é", "%"):
        assert count_once(varied, "events", Filters(source=value), with_days=True) is None
        expected = len(like_keys(varied, "events", value))
        assert count_capped(varied, "events", Filters(source=value), cap=1) == (expected, False)


def test_sources_short_values_and_case_follow_each_database(varied):
    """Values under three characters skip the trigram index; both paths agree with LIKE, and
    an accented capital matches its small letter only where the database's ILIKE folds it."""
    assert filtered_keys(varied, "articles", "é") == like_keys(varied, "articles", "é")
    folds = varied.backend == "postgresql"  # SQLite's LIKE folds ASCII letters only
    upper = set(filtered_keys(varied, "articles", "AGÊNCIA"))
    lower = set(filtered_keys(varied, "articles", "agência"))
    assert (upper == lower) is folds
    assert upper and lower


def test_sources_keep_the_strings_of_replaced_articles_harmlessly(store):
    first = varied_docs(2)
    store.save_many(first, extractor="one")
    renamed = [replace(d, article=replace(d.article, source="Fresh Herald")) for d in first]
    store.save_many(renamed, extractor="two")  # a re-extraction replaces the articles
    assert filtered_keys(store, "articles", "fresh herald") == like_keys(store, "articles",
                                                                         "fresh herald")
    assert len(filtered_keys(store, "articles", "fresh herald")) == 2
    gone = PUBLISHERS[0]
    assert filtered_keys(store, "articles", gone) == like_keys(store, "articles", gone) == []
    n = schema.source_names
    values = {r["value"] for r in store.execute(sa.select(n.c.value))}
    assert {"Fresh Herald", gone} <= values  # the old string stays and matches no row


def stored_strings(conn: sa.Connection) -> set[str]:
    """Every distinct string of the source columns, read from the tables themselves."""
    found: set[str] = set()
    for table, columns in sources.COLUMNS.items():
        for column in columns:
            found.update(v for (v,) in conn.execute(sa.select(getattr(schema, table).c[column])
                                                    .distinct()) if v is not None)
    return found


def test_sources_index_holds_every_source_string_once(varied):
    n = schema.source_names
    kept = [r["value"] for r in varied.execute(sa.select(n.c.value))]
    with varied.engine.connect() as conn:
        assert sorted(kept) == sorted(stored_strings(conn))
    assert {v for v in (*PUBLISHERS, *AGENCIES, *IN_TEXT) if v is not None} <= set(kept)


NEW_INDEXES = {"articles": {"ix_articles_agency"}, "quotes": {"ix_quotes_channel"},
               "events": {"ix_events_source_name", "ix_events_source_text"},
               "claims": {"ix_claims_source_name", "ix_claims_source_text"}}


def test_store_upgrades_a_version_7_database_with_the_source_index_of_version_8(store_url):
    """Migration 8 builds the distinct source strings and their indexes on a store written
    by version 7; the filter then answers as LIKE did."""
    opened = open_store(store_url)
    opened.save_many(varied_docs())
    with write_transaction(opened.engine) as conn:
        sources.drop(conn)
        for names in NEW_INDEXES.values():
            for name in names:
                conn.execute(sa.text(f"DROP INDEX {name}"))
        conn.execute(versions.delete().where(versions.c.version >= 8))
        assert current_version(conn) == 7
    opened.close()
    upgraded = open_store(store_url)
    with upgraded.engine.connect() as conn:
        assert current_version(conn) == LATEST == 9
        inspector = sa.inspect(conn)
        for table, names in NEW_INDEXES.items():
            assert names <= {i["name"] for i in inspector.get_indexes(table)}
        kept = [r[0] for r in conn.execute(sa.select(schema.source_names.c.value))]
        assert sorted(kept) == sorted(stored_strings(conn))
    for value in ("a", "AP", "ministère", "%", "officials"):
        for table in ("events", "quotes", "claims", "articles"):
            assert filtered_keys(upgraded, table, value) == like_keys(upgraded, table, value)
    upgraded.close()
