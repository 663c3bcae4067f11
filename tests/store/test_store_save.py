from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa

from dateline.errors import InputError, StoreError
from dateline.records import Doc
from dateline.settings import Settings
from dateline.store import (
    Filters,
    RunCounts,
    extractor_id,
    open_store,
    query,
    search_index,
    sources,
)
from dateline.store import rows as rows_module
from dateline.store import store as store_module
from dateline.store.migrations import LATEST, current_version

from .sample_docs import bare_doc, port_doc, summit_doc


@pytest.mark.parametrize("make", [port_doc, summit_doc, bare_doc])
def test_store_round_trips_every_layer_exactly(store, make):
    doc = make()
    assert store.save(doc) == "inserted"
    loaded = store.load(doc.article.id)
    assert loaded == doc
    # Spans still point into the archived text after the round trip.
    for event in loaded.events:
        assert loaded.article.text[event.start:event.end] == event.text


def test_store_keeps_decimals_and_offsets_exact(store):
    doc = summit_doc()
    store.save(doc)
    claim = store.load(doc.article.id).claims[0]
    assert str(claim.value) == "500.0"
    assert store.load(doc.article.id).article.published == doc.article.published


def test_store_resave_with_same_extractor_is_a_no_op(store):
    doc = port_doc()
    assert store.save(doc, extractor="v1") == "inserted"
    before = store.counts()
    assert store.save(doc, extractor="v1") == "unchanged"
    assert store.counts() == before
    assert before["articles"] == 1 and before["events"] == 1 and before["mentions"] == 3


def test_store_new_extractor_replaces_annotations(store):
    doc = port_doc()
    store.save(doc, extractor="v1")
    smaller = replace(doc, events=(), claims=doc.claims[:1])
    assert store.save(smaller, extractor="v2") == "replaced"
    counts = store.counts()
    assert (counts["articles"], counts["events"], counts["claims"]) == (1, 0, 1)
    assert counts["event_participants"] == 0 and counts["event_quantities"] == 0
    assert store.load(doc.article.id) == smaller
    assert store.stored_extractors([doc.article.id, "missing"]) == {doc.article.id: "v2"}


def test_store_save_many_mixes_new_replaced_unchanged_and_duplicates(store):
    port, summit = port_doc(), summit_doc()
    store.save(port, extractor="v1")
    store.save(summit, extractor="v2")
    outcomes = store.save_many([port, summit, bare_doc(), bare_doc()], extractor="v2",
                               origins=["p", "s", "b", "b"])
    assert outcomes == ["replaced", "unchanged", "inserted", "unchanged"]
    assert store.counts()["articles"] == 3
    assert store.load(port.article.id) == port
    assert store.stored_extractors([port.article.id]) == {port.article.id: "v2"}


def _broken_rows(doc: Doc) -> dict:
    rows = rows_module.layer_rows(doc)
    rows["events"][0]["text"] = None  # violates NOT NULL after earlier layers were inserted
    return rows


def test_store_failed_save_leaves_nothing_behind(store, monkeypatch):
    monkeypatch.setattr(store_module, "layer_rows", _broken_rows)
    with pytest.raises(StoreError, match="Cannot store article"):
        store.save(port_doc())
    counts = store.counts()
    assert counts["articles"] == 0 and counts["entities"] == 0


def test_store_failed_replace_keeps_the_previous_version(store, monkeypatch):
    doc = port_doc()
    store.save(doc, extractor="v1")
    monkeypatch.setattr(store_module, "layer_rows", _broken_rows)
    with pytest.raises(StoreError):
        store.save(doc, extractor="v2")
    monkeypatch.undo()
    assert store.stored_extractors([doc.article.id]) == {doc.article.id: "v1"}
    assert store.load(doc.article.id) == doc


def test_store_failures_are_replaced_per_origin_and_cleared_on_success(store):
    store.record_failure(origin="feed.xml#3", stage="ingest", error="FormatError", message="bad")
    store.record_failure(origin="feed.xml#3", stage="ingest", error="FormatError", message="worse")
    store.record_failure(origin="b.txt", stage="quotes", error="StageError", message="boom",
                         article_id=port_doc().article.id)
    assert store.counts()["failures"] == 2
    store.save(port_doc(), origin="b.txt")
    store.save(summit_doc(), origin="feed.xml#3")
    assert store.counts()["failures"] == 0


def test_store_records_runs_with_counts(store):
    run = store.start_run(Settings(), ["a.jsonl"])
    [row] = store.runs()
    assert (row["id"], row["status"], row["finished"]) == (run, "running", None)
    store.finish_run(run, RunCounts(read=5, stored=3, unchanged=1, failed=1), status="done")
    [row] = store.runs()
    assert (row["status"], row["read"], row["stored"], row["unchanged"], row["failed"]) == \
        ("done", 5, 3, 1, 1)
    assert row["extractor"] == extractor_id(Settings())
    assert row["sources"] == '["a.jsonl"]'


def test_store_resolves_id_prefixes(store):
    doc = port_doc()
    store.save(doc)
    assert store.resolve_id(doc.article.id[:6]) == doc.article.id
    with pytest.raises(InputError, match="No article with id 'zzzz'"):
        store.resolve_id("zzzz")


def test_store_iterates_docs_by_publication_day(store):
    store.save(summit_doc())
    store.save(port_doc())
    assert [d.article.title for d in store.iter_docs()] == [
        "Gunmen attack port police post", "NATO moves Iraq mission"]


def test_store_schema_is_migrated_once_and_matches_the_declared_tables(store_url):
    from dateline.store.schema import metadata

    first = open_store(store_url)
    second = open_store(store_url)  # reopening runs no migration twice
    with first.engine.connect() as conn:
        assert current_version(conn) == LATEST
        inspector = sa.inspect(conn)
        for table in metadata.sorted_tables:
            columns = {c["name"] for c in inspector.get_columns(table.name)}
            assert columns == set(table.c.keys()), table.name
            indexes = {i["name"] for i in inspector.get_indexes(table.name)}
            assert {i.name for i in table.indexes} <= indexes, table.name
        versions = conn.execute(sa.text("SELECT count(*) FROM schema_migrations")).scalar()
    assert versions == LATEST
    first.close()
    second.close()


def test_store_refuses_a_newer_schema(store_url):
    opened = open_store(store_url)
    with opened.engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO schema_migrations (version, name, applied) "
                             "VALUES (999, 'future', 'x')"))
    opened.close()
    with pytest.raises(StoreError, match="version 999, newer than this dateline"):
        open_store(store_url)


def test_store_sqlite_uses_wal(tmp_path):
    opened = open_store(str(tmp_path / "plain-path.db"))
    with opened.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert opened.backend == "sqlite"
    opened.close()


@pytest.mark.parametrize(("url", "message"), [
    ("sqlite:///{tmp}/missing-folder/x.db", "the folder .* does not exist"),
    ("mysql://localhost/x", "Unknown store URL scheme 'mysql'"),
    ("sqlite:///{tmp}/not-a-db.db", "Is it a dateline database"),
])
def test_store_open_errors_are_clear(tmp_path, url, message):
    (tmp_path / "not-a-db.db").write_bytes(b"this is not an SQLite file at all, " * 40)
    with pytest.raises(StoreError, match=message):
        open_store(url.format(tmp=tmp_path))


@pytest.mark.postgres
def test_store_postgres_unreachable_server_is_a_clear_error():
    with pytest.raises(StoreError, match=r"Cannot open the store postgresql.*server is running"):
        open_store("postgresql://nobody:secret@127.0.0.1:9/none?connect_timeout=2")


@pytest.mark.postgres
def test_store_postgres_hides_password_in_messages():
    with pytest.raises(StoreError) as info:
        open_store("postgresql://nobody:secret@127.0.0.1:9/none?connect_timeout=2")
    assert "secret" not in str(info.value)


# Every field of every record, as the store maps it. A new field fails this test until the store
# keeps it: add a column (schema.py), map it both ways (rows.py), then list it here.
STORED_FIELDS = {
    "Article": "id text title source url published dateline language author",
    "Dateline": "start end text place date agency",
    "Entity": "start end text id name label mentions roles aliases affiliation affiliation_id "
              "nationality",
    "Mention": "start end text label kind",
    "Role": "start end text kind",
    "Ref": "start end text entity_id name",
    "TimeRef": "start end text value precision kind anchor mod parts",
    "Place": "start end text name geonames_id country_code admin1 lat lon feature feature_code "
             "population role confidence demonym",
    "Quote": "start end text kind contents cue speaker speaker_descriptor channel confidence",
    "Claim": "start end text value low high qualifier what predicate source cue unit "
             "predicate_span",
    "Quantity": "start end text kind value low high qualifier",
    "PlaceRef": "start end text name geonames_id country_code admin1 lat lon",
    "TimeValue": "start end text value precision",
    "Event": "start end text id type mode trigger actors recipients place time quantities "
             "factuality source confidence context",
    "Figure": "start end text predicate value low high qualifier source",
    "IncidentDate": "start end text value time_precision found",
    "IncidentLocation": "start end text name geonames_id country_code admin1 lat lon "
                        "geo_precision found",
    "Incident": "start end text id type mode sub_event actors recipients date location figures "
                "mentions factuality confidence context note",
    "Doc": "article sentences entities times places quotes claims events incidents parse",
}


@pytest.mark.parametrize("name", sorted(STORED_FIELDS))
def test_store_maps_every_record_field(name):
    import dataclasses

    from dateline import records

    fields = {f.name for f in dataclasses.fields(getattr(records, name))}
    assert fields == set(STORED_FIELDS[name].split()), (
        f"{name} fields changed: the store must keep {sorted(fields - set(STORED_FIELDS[name].split()))}")


def test_store_upgrades_a_version_1_database_in_place_and_keeps_its_rows(store_url):
    from dateline.store.engine import write_transaction
    from dateline.store.migrations import MIGRATIONS, versions
    from dateline.store.schema import articles, claims, metadata

    engine = open_store(store_url).engine
    # Rebuild the database as schema version 1 left it, with one claim stored.
    with write_transaction(engine) as conn:
        search_index.drop(conn)  # it refers to the articles
        metadata.drop_all(conn)
        versions.drop(conn, checkfirst=True)
        versions.create(conn)
        MIGRATIONS[0][2](conn)
        conn.execute(versions.insert().values(version=1, name="v1", applied="then"))
        conn.execute(sa.insert(sa.table("articles", *[sa.column(c) for c in (
            "id", "text", "extractor", "stored_at")])).values(
                id="a1", text="x", extractor="old", stored_at="then"))
        conn.execute(sa.insert(sa.table("claims", *[sa.column(c) for c in (
            "article_id", "n", "start", "end", "text", "day")])).values(
                article_id="a1", n=0, start=0, end=1, text="x", day="2026-01-01"))
        assert "predicate_start" not in {c["name"] for c in sa.inspect(conn).get_columns("claims")}
    engine.dispose()
    upgraded = open_store(store_url)
    with upgraded.engine.connect() as conn:
        assert current_version(conn) == LATEST
        columns = {c["name"] for c in sa.inspect(conn).get_columns("claims")}
        assert {"predicate_start", "predicate_end", "predicate_text"} <= columns
        rows = conn.execute(sa.select(claims.c.text, claims.c.predicate_text)).all()
        assert [tuple(r) for r in rows] == [("x", None)]
        assert conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar() == 1
    upgraded.close()


def test_store_upgrades_a_version_6_database_with_the_events_indexes_of_version_7(store_url):
    """Migration 7 adds the country-and-type indexes of events to a store that lacks them;
    the events read back the same, and the query that both filters name is read off one."""
    from dateline.store.engine import write_transaction
    from dateline.store.migrations import versions

    new = {"ix_events_country_type_day", "ix_events_type_country_day"}
    opened = open_store(store_url)
    opened.save_many([port_doc(), summit_doc()])
    before = query(opened, "events", Filters(type="ASSAULT", country="IR")).rows
    with write_transaction(opened.engine) as conn:
        for name in new:
            conn.execute(sa.text(f"DROP INDEX {name}"))
        sources.drop(conn)  # version 8's table
        conn.execute(versions.delete().where(versions.c.version >= 7))
        assert not new & {i["name"] for i in sa.inspect(conn).get_indexes("events")}
    opened.close()
    upgraded = open_store(store_url)
    with upgraded.engine.connect() as conn:
        assert current_version(conn) == LATEST == 9
        assert new <= {i["name"] for i in sa.inspect(conn).get_indexes("events")}
    assert query(upgraded, "events", Filters(type="ASSAULT", country="IR")).rows == before
    assert before  # the sample docs hold such an event
    upgraded.close()


def test_store_upgrades_a_version_2_database_with_articles_and_loses_nothing(store_url):
    """A store written by schema version 2 (before incidents and stories) opens, migrates to
    the latest version, and every stored article reads back as it was saved."""
    from dateline.store.engine import write_transaction
    from dateline.store.migrations import MIGRATIONS, versions
    from dateline.store.rows import article_row, layer_rows
    from dateline.store.schema import metadata

    engine = open_store(store_url).engine
    docs = [port_doc(), summit_doc()]
    with write_transaction(engine) as conn:
        search_index.drop(conn)  # it refers to the articles
        metadata.drop_all(conn)
        versions.drop(conn, checkfirst=True)
        versions.create(conn)
        for number, name, step in MIGRATIONS[:2]:
            step(conn)
            conn.execute(versions.insert().values(version=number, name=name, applied="then"))
        old_tables = set(sa.inspect(conn).get_table_names())
        assert "incidents" not in old_tables and "stories" not in old_tables
        for doc in docs:
            rows = {"articles": [article_row(doc, extractor="old", origin=None, run_id=None,
                                             stored_at="then")], **layer_rows(doc)}
            for table in metadata.sorted_tables:  # parents first
                if table.name in old_tables and rows.get(table.name):
                    conn.execute(table.insert(), rows[table.name])
    engine.dispose()
    upgraded = open_store(store_url)
    with upgraded.engine.connect() as conn:
        assert current_version(conn) == LATEST == 9
        tables = set(sa.inspect(conn).get_table_names())
        assert {"incidents", "incident_figures", "stories", "story_articles", "story_incidents",
                "canonical_entities", "entity_links", "story_members"} <= tables
    for doc in docs:
        assert upgraded.load(doc.article.id) == replace(doc, incidents=())
    # The upgraded store takes the new layers.
    assert upgraded.save(port_doc()) == "replaced"
    assert upgraded.load(port_doc().article.id) == port_doc()
    upgraded.close()
