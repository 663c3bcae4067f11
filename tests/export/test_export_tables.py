from __future__ import annotations

import csv
import io
import json

import pytest

from dateline.errors import ConfigError
from dateline.export import EXPORT_TABLES, columns_of, export_table
from dateline.export.analyst import country_name
from dateline.resources.ontology import acled_type, cameo_roots
from dateline.serialize import doc_to_dict
from dateline.store import Filters, open_store
from dateline.store.linking import StoreLinking
from store.link_docs import follow_up_doc
from store.sample_docs import port_doc, summit_doc


@pytest.fixture
def store(tmp_path):
    opened = open_store(str(tmp_path / "export.db"))
    with StoreLinking(opened) as linking:
        for doc in (port_doc(), summit_doc()):
            opened.save(doc)
            linking.link([doc])
    yield opened
    opened.close()


def _export(store, table, fmt="jsonl", filters=None):
    out = io.StringIO()
    count = export_table(store, table, fmt, None, filters, stdout=out)
    return count, out.getvalue()


@pytest.mark.parametrize("table", [t for t in EXPORT_TABLES if t != "docs"])
def test_export_jsonl_and_csv_agree_on_rows_and_columns(store, table):
    count, text = _export(store, table)
    rows = [json.loads(line) for line in text.splitlines()]
    assert len(rows) == count
    names = [name for name, _ in columns_of(table)]
    assert all(list(row) == names for row in rows)
    csv_count, csv_text = _export(store, table, "csv")
    parsed = list(csv.reader(io.StringIO(csv_text)))
    assert parsed[0] == names and len(parsed) - 1 == csv_count == count


def test_export_events_counts_and_filters(store):
    assert _export(store, "events")[0] == 2
    count, text = _export(store, "events", filters=Filters(country="IR"))
    assert count == 1 and json.loads(text)["id"] == "ev-port"
    count, tsv = _export(store, "quotes", "tsv")
    assert count == 2 and tsv.splitlines()[0].startswith("article_id\tn\tday\tkind\tspeaker")


def test_export_csv_flattens_lists_and_nested_values(store):
    _, text = _export(store, "events", "csv", Filters(country="IR"))
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["actors"] == "Gunmen" and row["mode"] == "firearms"
    assert json.loads(row["quantities"])[0]["qualifier"] == "at least"
    assert row["lat"] == "30.44" and row["context"] == ""


def test_export_parquet_is_typed(store, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    assert export_table(store, "events", "parquet", out) == 2
    table = pq.read_table(out)
    assert table.num_rows == 2
    assert str(table.schema.field("lat").type) == "double"
    assert str(table.schema.field("actors").type) == "list<element: string>"
    assert str(table.schema.field("start").type) == "int64"
    assert sorted(table.column("type").to_pylist()) == ["AGREE", "ASSAULT"]
    assert not (tmp_path / "events.parquet.partial").exists()


def test_export_parquet_of_nothing_has_the_schema(store, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "none.parquet"
    assert export_table(store, "acled", "parquet", out, Filters(country="FR")) == 0
    assert pq.read_table(out).column_names == [n for n, _ in columns_of("acled")]


def test_export_docs_are_the_json_contract(store, tmp_path):
    out = tmp_path / "docs.jsonl"
    assert export_table(store, "docs", "jsonl", out) == 2
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines == [doc_to_dict(summit_doc()), doc_to_dict(port_doc())]  # newest first


def test_export_gdelt_rows(store):
    _, text = _export(store, "gdelt", filters=Filters(type="ASSAULT"))
    [row] = [json.loads(line) for line in text.splitlines()]
    assert row["SQLDATE"] == "20260210" and row["EventRootCode"] == cameo_roots("ASSAULT")[0]
    assert (row["Actor1Name"], row["Actor2Name"]) == ("Gunmen", "police post")
    assert row["ActionGeo_FullName"] == "Khorramshahr, Khuzestan, Iran"
    assert (row["ActionGeo_CountryCode"], row["ActionGeo_Lat"]) == ("IR", 30.44)
    assert row["SOURCEURL"] == "https://news.example/port-attack"
    text_of = port_doc().article.text
    assert text_of[row["EvidenceStart"]:row["EvidenceEnd"]] == row["EvidenceText"]


def test_export_acled_has_one_row_per_incident_that_happened(store):
    _, text = _export(store, "acled")
    rows = [json.loads(line) for line in text.splitlines()]
    # The NATO move is "future": ACLED codes what took place, so only the attack is exported.
    assert [r["plover_type"] for r in rows] == ["ASSAULT"]
    row = rows[0]
    assert row["event_id_cnty"].startswith("sin_")
    assert (row["event_type"], row["sub_event_type"]) == acled_type("ASSAULT", "firearms", ())
    assert row["event_type"] is not None
    assert (row["event_date"], row["time_precision"], row["country"], row["admin1"],
            row["location"], row["geo_precision"]) == (
        "2026-02-10", 1, "Iran", "Khuzestan", "Khorramshahr", 1)
    assert (row["fatalities"], row["reports"]) == (12, 1)
    assert row["source"] == "Example Wire; provincial officials"
    assert row["notes"].startswith("Gunmen attacked a police post")
    assert row["source_url"] == "https://news.example/port-attack"


def test_export_acled_merges_the_reports_of_one_incident(store):
    follow = follow_up_doc()
    store.save(follow)
    with StoreLinking(store) as linking:
        linking.link([follow])
    _, text = _export(store, "acled")
    (row,) = [json.loads(line) for line in text.splitlines()]
    assert (row["fatalities"], row["reports"]) == (15, 2)  # the latest report's toll
    assert row["source"] == ("Example Wire; Gulf Daily; provincial officials; "
                             "Khuzestan police chief; Iranian state media")
    assert row["article_id"] == port_doc().article.id  # the first report


@pytest.mark.parametrize("table", ["stories", "incidents"])
def test_export_story_tables_in_every_format(store, table, tmp_path):
    import pyarrow.parquet as pq

    count, text = _export(store, table)
    assert count == 2 and len(text.splitlines()) == 2
    out = tmp_path / f"{table}.parquet"
    assert export_table(store, table, "parquet", out) == 2
    assert pq.read_table(out).column_names == [n for n, _ in columns_of(table)]


def test_export_articles_carry_their_url_and_story_id(store):
    _, text = _export(store, "articles")
    rows = {json.loads(line)["url"]: json.loads(line)["story_id"] for line in text.splitlines()}
    assert set(rows) == {"https://news.example/port-attack", "https://news.example/nato-naples"}
    assert all(story.startswith("sto_") for story in rows.values())


@pytest.mark.parametrize(("code", "name"), [("IR", "Iran"), ("it", "Italy"), ("", None),
                                            (None, None)])
def test_export_country_names(code, name):
    assert country_name(code) == name


@pytest.mark.parametrize(("table", "fmt", "filters", "message"), [
    ("events", "parquet", None, "Parquet is binary: give a file with --out"),
    ("docs", "csv", None, "use --format jsonl"),
    ("gdelt", "jsonl", Filters(speaker="Hart"), "--speaker does not apply to events"),
    ("events", "xml", None, "Unknown export format 'xml'"),
])
def test_export_rejects_impossible_requests(store, table, fmt, filters, message):
    with pytest.raises(ConfigError, match=message):
        export_table(store, table, fmt, None, filters, stdout=io.StringIO())
