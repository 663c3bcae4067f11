from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa

from dateline.errors import ConfigError
from dateline.ingest.article import make_article
from dateline.records import Doc, Event, Place, PlaceRef, Span
from dateline.store import open_store, sources
from dateline.store.migrations import LATEST, MIGRATIONS, current_version, versions
from dateline.store.schema import story_members
from dateline.store.search import parse, search, search_kind
from dateline.store.search_index import drop, fold

from .sample_docs import at, numbered_docs, port_doc, summit_doc

CRANE_TEXT = ("MECCA, Saudi Arabia (Reuters) — A crane collapsed onto the Grand Mosque in Mecca "
              "on Friday, officials in BRASÍLIA and Brasilia said.")


def crane_doc() -> Doc:
    text = CRANE_TEXT
    art = make_article(text, published="2015-09-11", title="Crane falls on Grand Mosque",
                       source="Reuters")
    mecca = Place(*at(text, "Mecca"), name="Makkah", country_code="SA", lat=21.43, lon=39.83,
                  role="event", confidence=0.9)
    event = Event(*at(text, "A crane collapsed onto the Grand Mosque in Mecca"), id="ev-crane",
                  type="ACCIDENT", trigger=Span(*at(text, "collapsed")),
                  place=PlaceRef(*at(text, "Mecca"), name="Makkah", country_code="SA"),
                  factuality="asserted", confidence=0.7)
    return Doc(article=art, places=(mecca,), events=(event,))


@pytest.fixture
def filled(store):
    store.save_many([port_doc(), summit_doc(), crane_doc()])
    return store


@pytest.mark.parametrize(("text", "expected"), [
    ("BRASÍLIA", "brasilia"),
    ("Brasília's  Mayor!", "brasilia s mayor"),
    ("Ǆemal ŞAHIN", "dzemal sahin"),
    ("—", ""),
])
def test_search_index_fold_removes_accents_case_and_punctuation(text, expected):
    assert fold(text) == expected


def test_search_parse_keeps_words_once_and_marks_prefixes():
    terms = parse("Kill* crane CRANE, Brasília")
    assert terms.words == ("kill", "crane", "brasilia")
    assert terms.prefixes == (True, False, False)
    assert terms.sqlite() == '"kill"* "crane" "brasilia"'
    assert terms.postgres() == "'kill':* & 'crane' & 'brasilia'"


def test_search_refuses_too_many_words():
    with pytest.raises(ConfigError, match="at most 16 words"):
        parse(" ".join(f"w{i}" for i in range(17)))


@pytest.mark.parametrize(("query", "kind", "expected"), [
    ("Brasília", "articles", ["Crane falls on Grand Mosque"]),
    ("brasilia", "articles", ["Crane falls on Grand Mosque"]),
    ("BRASILIA", "articles", ["Crane falls on Grand Mosque"]),
    ("Mecca crane", "articles", ["Crane falls on Grand Mosque"]),
    ("Makkah", "articles", ["Crane falls on Grand Mosque"]),     # the resolved place name
    ("crane Naples", "articles", []),                             # every word must match
    ("naple*", "articles", ["NATO moves Iraq mission"]),
    ("North Atlantic Treaty", "articles", ["NATO moves Iraq mission"]),   # an alias
])
def test_search_articles_match_all_words_unaccented(filled, query, kind, expected):
    found = search_kind(filled, query, kind)
    assert [r["title"] for r in found.rows] == expected
    assert found.total == len(expected)


def test_search_finds_each_kind_by_its_words(filled):
    found = search(filled, "killed")
    assert [r["what"] for r in found["claims"].rows] == ["officers killed"]
    assert [r["id"] for r in found["events"].rows] == ["ev-port"]
    assert found["quotes"].total == 0
    assert [r["id"] for r in search(filled, "crane Makkah")["events"].rows] == ["ev-crane"]
    assert [r["speaker"] for r in search(filled, "Tavakoli")["quotes"].rows] == ["Reza Tavakoli"]
    entities = search(filled, "tavakoli")["entities"]
    assert [(r["name"], r["label"], r["articles"]) for r in entities.rows] == [
        ("Reza Tavakoli", "PERSON", 1)]
    assert search(filled, "")["articles"].total == 0


def test_search_pages_every_section_to_the_end(store):
    store.save_many(numbered_docs(24))
    first = search_kind(store, "gunmen", "events", limit=10)
    assert first.total == 12
    rest = search_kind(store, "gunmen", "events", limit=10, offset=10)
    ids = [r["id"] for r in first.rows + rest.rows]
    assert len(ids) == len(set(ids)) == 12
    assert search_kind(store, "gunmen", "events", limit=10, offset=20).rows == []
    assert search_kind(store, "item", "articles", limit=5, offset=20).total == 24


def test_search_ranks_the_better_match_first(store):
    store.save_many([port_doc(), summit_doc()])
    found = search_kind(store, "port", "articles")
    assert found.rows[0]["title"] == "Gunmen attack port police post"


def test_search_ranks_the_newest_window_then_pages_older_matches_newest_first(store,
                                                                            monkeypatch):
    import dateline.store.search as searching

    docs = numbered_docs(24)
    for doc in docs:  # one at a time: each article is indexed after the one before
        store.save(doc)
    everything = search_kind(store, "item", "articles", limit=100)
    monkeypatch.setattr(searching, "RANK_WINDOW", 5)
    pages = [search_kind(store, "item", "articles", limit=7, offset=start)
             for start in range(0, 28, 7)]
    ids = [r["id"] for page in pages for r in page.rows]
    assert [page.total for page in pages] == [24] * 4
    assert sorted(ids) == sorted(r["id"] for r in everything.rows)   # each match once
    saved = [d.article.id for d in docs]                                # indexed in this order
    assert set(ids[:5]) == set(saved[19:])      # the five most recently indexed, ranked
    assert ids[5:] == saved[18::-1]             # then the older ones, most recent first
    # Two pages that cut the window differently agree with one page over both.
    assert ids[:14] == [r["id"] for r in search_kind(store, "item", "articles", limit=14).rows]


def test_search_index_follows_replaced_articles(filled):
    doc = crane_doc()
    renamed = replace(doc, events=(replace(doc.events[0], type="DISASTER"),))
    filled.save(renamed, extractor="another")
    assert search_kind(filled, "disaster", "events").total == 1
    assert search_kind(filled, "accident", "events").total == 0
    assert search_kind(filled, "crane", "articles").total == 1


def test_search_index_is_filled_for_a_store_made_before_it(store_url):
    opened = open_store(store_url)
    opened.save_many([port_doc(), crane_doc()])
    with opened.engine.begin() as conn:  # back to version 3, as an older dateline left it
        drop(conn)
        story_members.drop(conn)  # version 6's table
        assert "search_text" not in sa.inspect(conn).get_table_names()
        for table in ("search_fts_names", "entity_names", "list_counts"):  # version 5's
            conn.execute(sa.text(f"DROP TABLE IF EXISTS {table}"))
        sources.drop(conn)  # version 8's table
        conn.execute(versions.delete().where(versions.c.version > 3))
    opened.close()
    assert MIGRATIONS[-1][0] == LATEST == 9
    upgraded = open_store(store_url)
    with upgraded.engine.connect() as conn:
        assert current_version(conn) == 9
    assert [r["title"] for r in search_kind(upgraded, "makkah", "articles").rows] == [
        "Crane falls on Grand Mosque"]
    assert search_kind(upgraded, "killed", "claims").total == 1
    upgraded.close()
