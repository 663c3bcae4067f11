from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from dateline.link import InMemoryStoryIndex, Member, Story, article_features
from dateline.store.engine import write_transaction
from dateline.store.linking import StoreLinking, relink
from dateline.store.links import BufferedStoryIndex, SQLStoryIndex, member_of, member_row
from dateline.store.schema import (
    entity_links,
    stories,
    story_articles,
    story_incident_figures,
    story_incidents,
    story_keys,
)

from .link_docs import follow_up_doc, other_attack_doc
from .sample_docs import port_doc, summit_doc


def _count(store, table) -> int:
    return store.execute(sa.select(sa.func.count()).select_from(table))[0]["count_1"]


def _save_and_link(store, docs):
    with StoreLinking(store) as linking:
        out = {}
        for doc in docs:
            store.save(doc)
            out.update(linking.link([doc]))
    return out


def test_store_linking_groups_two_reports_and_keeps_both_figures_with_sources(store):
    port, follow, other, summit = port_doc(), follow_up_doc(), other_attack_doc(), summit_doc()
    story_of = _save_and_link(store, [port, follow, other, summit])
    assert story_of[port.article.id] == story_of[follow.article.id]
    assert story_of[other.article.id] != story_of[port.article.id]
    assert story_of[summit.article.id] not in (story_of[port.article.id],
                                               story_of[other.article.id])
    sid = story_of[port.article.id]
    row = store.execute(sa.select(stories).where(stories.c.id == sid))[0]
    assert row["article_count"] == 2
    assert row["first_article_id"] == port.article.id
    assert row["type"] == "ASSAULT" and row["country"] == "IR"
    merged = store.execute(sa.select(story_incidents).where(story_incidents.c.story_id == sid))
    assert len(merged) == 1 and merged[0]["reports"] == 2
    assert merged[0]["fatalities"] == 15  # the latest report, never an average
    figures = store.execute(sa.select(story_incident_figures).where(
        story_incident_figures.c.incident_id == merged[0]["id"])
        .order_by(story_incident_figures.c.k))
    killed = [(f["value"], f["source"], f["publisher"], f["day"]) for f in figures
              if f["predicate"] == "killed"]
    assert killed == [("12", "provincial officials", "Example Wire", "2026-02-10"),
                      ("15", "Khuzestan police chief", "Gulf Daily", "2026-02-11")]


def test_store_relinking_a_reingested_article_makes_no_duplicates(store):
    docs = [port_doc(), follow_up_doc(), other_attack_doc()]
    first = _save_and_link(store, docs)
    counts = {t.name: _count(store, t) for t in (stories, story_articles, story_incidents,
                                                  story_incident_figures, entity_links)}
    # Re-ingested by another extractor: replaced, then linked again.
    with StoreLinking(store) as linking:
        for doc in docs:
            assert store.save(doc, extractor="another") == "replaced"
            assert linking.link([doc]) == {doc.article.id: first[doc.article.id]}
    assert {t.name: _count(store, t) for t in (stories, story_articles, story_incidents,
                                                story_incident_figures, entity_links)} == counts


def test_store_relink_rebuilds_the_same_stories_from_scratch(store):
    docs = [port_doc(), follow_up_doc(), other_attack_doc(), summit_doc()]
    first = _save_and_link(store, docs)
    seen = []
    result = relink(store, on_progress=lambda phase, done, total: seen.append((phase, done,
                                                                               total)))
    rows = store.execute(sa.select(story_articles))
    assert {r["article_id"]: r["story_id"] for r in rows} == first
    assert (result.articles, result.stories, result.incidents) == (4, 3, 3)
    assert seen[-1] == ("incidents", 3, 3) and ("link", 4, 4) in seen


def test_store_story_index_answers_like_the_in_memory_index(store):
    def story(sid: str, articles: tuple[str, ...]) -> Story:
        return Story(id=sid, title=sid, first_article=articles[0], first_published=None,
                     last_published=None, articles=articles, sources=("X",),
                     terms=(("crane", 0.5),), entities=(("org:nato", 2),),
                     places=(("country:SA", 1),), incident_types=(("ACCIDENT", 1),),
                     dates=("2015-09-11",))

    store.save(port_doc())
    store.save(summit_doc())
    a, b = port_doc().article.id, summit_doc().article.id
    memory = InMemoryStoryIndex()
    with write_transaction(store.engine) as conn:
        sql = SQLStoryIndex(conn)
        for index in (memory, sql):
            index.put(story("s1", (a,)), ["k1", "k2", "k3"])
            index.put(story("s2", (b,)), ["k2", "k3"])
            index.put(story("s2", (b,)), ["k3", "k4"])  # re-posted: k2 no longer
        for keys in (["k1"], ["k2"], ["k3"], ["k3", "k4"], ["k3", "k1"], ["zz"]):
            assert sql.candidates(keys, limit=5) == memory.candidates(keys, limit=5), keys
        assert sql.get("s1") == memory.get("s1")
        assert sql.story_of(b) == memory.story_of(b) == "s2"
        for index in (memory, sql):
            index.delete("s1")
        assert sql.get("s1") is None and sql.story_of(a) is None
        assert sql.candidates(["k1", "k3"], limit=5) == ["s2"]


def test_store_buffered_story_index_ends_as_the_linker_left_it(store):
    def story(sid: str, articles: tuple[str, ...], day: int) -> Story:
        when = datetime(2026, 1, day, tzinfo=UTC)
        return Story(id=sid, title=sid, first_article=articles[0], first_published=when,
                     last_published=when, articles=articles, sources=("X",),
                     terms=(("crane", 0.5),))

    store.save(port_doc())
    store.save(summit_doc())
    store.save(follow_up_doc())
    a, b, c = port_doc().article.id, summit_doc().article.id, follow_up_doc().article.id
    memory = InMemoryStoryIndex()
    with write_transaction(store.engine) as conn:
        # One story held at a time: every put writes the others, so stories written already
        # are merged, replaced and deleted, as in a rebuild of a large store.
        buffered = BufferedStoryIndex(conn, settle_days=0, max_pending=1)
        for index in (memory, buffered):
            index.put(story("s1", (a,), 1), ["k1"])
            index.put(story("s2", (b,), 2), ["k2"])
            index.put(story("s3", (c,), 3), ["k3"])
            assert index.story_of(a) == "s1" and index.get("s2") == story("s2", (b,), 2)
            index.delete("s2")
            index.put(story("s1", (a, b), 2), ["k1", "k2"])  # s2 merged into s1
            index.delete("s3")
            index.put(story("s3", (c,), 4), ["k4"])  # taken out and put again
        assert buffered.get("s2") is None and buffered.story_of(b) == "s1"
        buffered.flush()
        rows = conn.execute(sa.select(story_articles.c.article_id, story_articles.c.story_id))
        assert dict(rows.all()) == {a: "s1", b: "s1", c: "s3"}
        keys = conn.execute(sa.select(story_keys.c.key, story_keys.c.story_id)).all()
        assert sorted(keys) == [("k1", "s1"), ("k2", "s1"), ("k4", "s3")]
        sql = SQLStoryIndex(conn)
        for sid in ("s1", "s2", "s3"):
            assert sql.get(sid) == memory.get(sid), sid


def test_store_story_candidates_are_found_through_an_index_not_a_scan(tmp_path):
    from dateline.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'plan.db'}")
    with store.engine.connect() as conn:
        stmt = (sa.select(story_keys.c.story_id, sa.func.count())
                .where(story_keys.c.key.in_(["a", "b"])).group_by(story_keys.c.story_id))
        compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
        plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
    store.close()
    assert "SEARCH story_keys USING COVERING INDEX" in plan, plan


def test_store_canonical_entities_match_the_in_memory_resolver(store):
    from dateline.link import resolve_all

    docs = [port_doc(), follow_up_doc(), other_attack_doc(), summit_doc()]
    story_of = _save_and_link(store, docs)
    expected = resolve_all([(d, story_of[d.article.id]) for d in docs])
    by_id = {d.article.id: d for d in docs}
    got = {(r["article_id"], by_id[r["article_id"]].entities[r["n"]].id): r["canonical_id"]
           for r in store.execute(sa.select(entity_links))}
    assert got == {key: entity.id for key, entity in expected.items()}
    # The gunmen of both reports of the attack are one canonical entity.
    assert got[(port_doc().article.id, "e-gunmen")] == got[(follow_up_doc().article.id,
                                                            "e-gunmen")]


def test_store_linking_remembers_members_and_relink_writes_them_again(store):
    docs = [port_doc(), follow_up_doc(), other_attack_doc(), summit_doc()]
    first = _save_and_link(store, docs)
    port, follow = docs[0].article.id, docs[1].article.id

    def remembered() -> dict[str, Member]:
        with write_transaction(store.engine) as conn:
            return SQLStoryIndex(conn).members([d.article.id for d in docs])

    held = remembered()
    assert set(held) == {d.article.id for d in docs}
    assert held[port].ties[0][0] == follow and held[follow].ties[0][0] == port
    assert held[port].features.title == docs[0].article.title
    assert held[port].features.published == docs[0].article.published
    relink(store)
    again = remembered()
    assert set(again) == set(held)
    assert [o for o, _ in again[port].ties] == [o for o, _ in held[port].ties]
    assert again[port].features == held[port].features
    # Linked after a rebuild, a third report joins through the members the rebuild wrote.
    third = replace(follow_up_doc(), article=replace(
        follow_up_doc().article, id="third-report", source="Third Wire",
        published=docs[1].article.published + timedelta(hours=6)))
    story_of = _save_and_link(store, [third])
    assert story_of["third-report"] == first[port]
    assert port in [o for o, _ in remembered()[follow].ties]


def test_store_member_rows_read_back_as_written(store):
    store.save(port_doc())
    features = article_features(port_doc())
    member = Member(features, (("other", 0.5), ("more", 0.25)), None)
    assert member_of(member_row(member)) == member
    with write_transaction(store.engine) as conn:
        index = SQLStoryIndex(conn)
        index.put_members([member])
        index.put_members([replace(member, ties=(("other", 0.75),))])
        assert SQLStoryIndex(conn).members([features.article_id, "absent"]) == {
            features.article_id: replace(member, ties=(("other", 0.75),))}
