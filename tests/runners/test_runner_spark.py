"""dateline spark on local[2]: the same record as the local runner, table by table.

One Spark session (tests/runners/conftest.py) serves every Spark test, and the corpus is
extracted once by each runner, so the module costs two Spark runs and one local run of a dozen
articles.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from dateline.cli import cli
from dateline.export import export_table
from dateline.ingest.article import article_id
from dateline.ingest.sources import IngestOptions
from dateline.runners import ingest
from dateline.runners.output import RECORD_TABLES
from dateline.settings import Settings
from dateline.store import Store
from dateline.store.linking import relink

from .conftest import demo_lines

pytestmark = [pytest.mark.model, pytest.mark.spark]
# Columns that say when or in which run a row was written, not what was extracted.
RUN_COLUMNS = {"stored_at", "created", "run_id", "month"}
# Demo articles 82 to 91: ten reports of two years, two of them of one story (iPhone 4).
SLICE = slice(82, 92)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Ten demo articles, one record without text (a reader's failure) and one article over
    the sentence budget (a failure in the executors), as JSON Lines."""
    folder = tmp_path_factory.mktemp("corpus")
    path = folder / "articles.jsonl"
    lines = demo_lines(SLICE.stop)[SLICE]
    endless = {"text": "The minister said the talks would resume on Monday. " * 5_001,
               "title": "Endless", "published": "2010-06-10"}
    path.write_text("\n".join([*lines, json.dumps({"text": 5, "title": "broken"}),
                               json.dumps(endless)]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def spark_out(spark: Any, corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dateline.runners.spark import run

    out = tmp_path_factory.mktemp("spark") / "record"
    result = run(spark, [str(corpus)], str(out), Settings(), partitions=3)
    assert result.articles == SLICE.stop - SLICE.start
    assert result.failed == 2
    return out


@pytest.fixture(scope="module")
def local_store(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The same corpus through the local runner, stories rebuilt as dateline link does."""
    db = tmp_path_factory.mktemp("local") / "local.db"
    with Store(f"sqlite:///{db}") as store:
        ingest([str(corpus)], store, Settings(), IngestOptions(), workers=1)
        relink(store)
    return Store(f"sqlite:///{db}")


def _read(folder: Path) -> list[dict[str, Any]]:
    import pyarrow.dataset as ds

    files = sorted(str(p) for p in folder.rglob("*.parquet"))
    if not files:
        return []
    return [{k: v for k, v in row.items() if k not in RUN_COLUMNS}
            for row in ds.dataset(files, format="parquet").to_table().to_pylist()]


def _exported(store: Store, table: str, tmp: Path) -> list[dict[str, Any]]:
    target = tmp / f"{table}.parquet"
    export_table(store, table, "parquet", target)
    return _read_file(target)


def _read_file(path: Path) -> list[dict[str, Any]]:
    import pyarrow.parquet as pq

    return [{k: v for k, v in row.items() if k not in RUN_COLUMNS}
            for row in pq.read_table(path).to_pylist()]


def _key(row: dict[str, Any]) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, float) and math.isnan(value):
            return "nan"
        return value

    return json.dumps({k: plain(v) for k, v in sorted(row.items()) if k != "id"
                       or not isinstance(v, int)}, sort_keys=True, default=str)


@pytest.mark.parametrize("table", RECORD_TABLES)
def test_spark_tables_equal_the_local_export(spark_out: Path, local_store: Store, table: str,
                                             tmp_path: Path) -> None:
    mine = Counter(_key(r) for r in _read(spark_out / table))
    theirs = Counter(_key(r) for r in _exported(local_store, table, tmp_path))
    assert sum(theirs.values()) > 0
    assert mine == theirs


def test_spark_stories_group_reports_as_dateline_link(spark_out: Path) -> None:
    stories = _read(spark_out / "stories")
    # The slice holds reports of one story at least: linking, not one story per article.
    assert len(stories) < SLICE.stop - SLICE.start
    assert max(s["articles"] for s in stories) >= 2


def test_spark_bad_articles_land_in_failures(spark_out: Path, corpus: Path) -> None:
    failures = sorted(_read(spark_out / "failures"), key=lambda f: f["origin"])
    size = SLICE.stop - SLICE.start
    assert [(f["origin"], f["stage"], f["error"]) for f in failures] == [
        (f"{corpus}:{size + 1}", "ingest", "FormatError"),
        (f"{corpus}:{size + 2}", "budget", "TooLongError")]
    assert "no article text" in failures[0]["message"]
    assert failures[1]["article_id"] is not None


def test_spark_partitions_by_publication_month(spark_out: Path) -> None:
    months = {p.name for p in (spark_out / "articles").iterdir() if p.is_dir()}
    published = {r["published"][:7] for r in _read(spark_out / "articles")}
    assert months == {f"month={m}" for m in published}
    assert {p.name for p in (spark_out / "docs").iterdir() if p.is_dir()} == months


def test_spark_rerun_leaves_counts_equal(spark: Any, spark_out: Path, corpus: Path) -> None:
    from dateline.runners.spark import run

    before = {t: len(_read(spark_out / t)) for t in (*RECORD_TABLES, "docs")}
    result = run(spark, [str(corpus)], str(spark_out), Settings(), partitions=2)
    after = {t: len(_read(spark_out / t)) for t in (*RECORD_TABLES, "docs")}
    assert after == before
    assert result.rows["articles"] == before["articles"]


def test_spark_load_round_trips(spark_out: Path, local_store: Store, store_url: str,
                                tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["load", str(spark_out), "--db", store_url])
    assert result.exit_code == 0, result.output
    assert f"Loaded {SLICE.stop - SLICE.start} article(s)" in result.output
    with Store(store_url) as loaded:
        for table in RECORD_TABLES:
            assert Counter(_key(r) for r in _exported(loaded, table, tmp_path)) == \
                Counter(_key(r) for r in _exported(local_store, table, tmp_path)), table
        # Loading again stores nothing twice.
        again = CliRunner().invoke(cli, ["load", str(spark_out), "--db", store_url])
        assert again.exit_code == 0, again.output
        assert len(_exported(loaded, "articles", tmp_path)) == SLICE.stop - SLICE.start


def test_spark_reads_parquet_with_a_field_map(spark: Any, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dateline.runners.spark import read_inputs

    records = [json.loads(line) for line in demo_lines(3)]
    path = tmp_path / "archive.parquet"
    pq.write_table(pa.table({"body": [r["text"] for r in records],
                             "headline": [r["title"] for r in records],
                             "date": [r["published"] for r in records]}), path)
    options = IngestOptions(field_map={"text": "body", "title": "headline", "published": "date"})
    rows = read_inputs(spark, [str(path)], options).collect()
    assert sorted(r["article_id"] for r in rows) == sorted(article_id(r["text"])
                                                           for r in records)
    assert sorted(r["origin"] for r in rows) == [f"{path}:{n}" for n in (1, 2, 3)]


def test_spark_keeps_the_first_copy_of_an_article_in_input_order(spark: Any) -> None:
    from dateline.runners.spark import in_input_order

    origins = ["b.jsonl:10", "a.jsonl:10", "a.jsonl:2", "folder/c.html", "a.jsonl:9"]
    reads = spark.createDataFrame([("same", o) for o in origins],
                                  "article_id string, origin string").repartition(1)
    kept = [r["origin"] for r in in_input_order(reads).collect()]
    assert kept == ["a.jsonl:2", "a.jsonl:9", "a.jsonl:10", "b.jsonl:10", "folder/c.html"]


def test_spark_rejects_conf_without_a_value() -> None:
    from dateline.errors import ConfigError
    from dateline.runners.spark import parse_conf

    assert parse_conf(["spark.executor.memory=4g", "a.b = c=d"]) == [
        ("spark.executor.memory", "4g"), ("a.b", "c=d")]
    with pytest.raises(ConfigError, match="key=value"):
        parse_conf(["spark.executor.memory"])
