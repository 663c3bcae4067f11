"""The record tables of ``dateline spark``: written by the executors where one article makes
them, grouped by Spark where they count over articles or join articles into stories.

- times, places, quotes, events: each article's rows (``doc_rows``) straight from the
  executors, partitioned by publication month; a re-run replaces the months it covers.
- articles, claims: the same, kept in ``DIR/_unlinked/`` (a re-run replaces its months
  there), then joined with every article's story into the tables, rewritten whole.
- entities: each article's entity rows (``DIR/_unlinked/entity_mentions``) grouped by name and
  label as the export's query groups them, over every month, rewritten whole.
- stories, incidents: built in Spark from the linker's part of every record of docs/, as
  ``dateline link`` builds them (``runners/spark_stories.py``), rewritten whole; articles and
  claims then get each article's story.
- failures: this run's, from the executors, through a scratch store that numbers them as
  ingest does (the driver holds the failures, never the articles).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from dateline.export import columns_of
from dateline.export.writers import arrow_schema, arrow_table
from dateline.runners.doc_rows import ENTITY_MENTION_COLUMNS, ENTITY_MENTIONS, PER_ARTICLE_TABLES
from dateline.runners.output import load_records, record_tables
from dateline.runners.spark_steps import step
from dateline.store import Store

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

# Written from the executors, by month, as they are final.
MONTHLY_TABLES = ("times", "places", "quotes", "events")
# Written from the executors into _unlinked/, then completed over the whole record.
UNLINKED_TABLES = ("articles", "claims", ENTITY_MENTIONS)
UNLINKED = "_unlinked"
# Table writes in flight at once: each is mostly one task, so a few keep the cores busy.
_CONCURRENT_WRITES = 4
# Shuffle partitions while the stories are linked, unless --conf gives them: one per this
# many articles, at least one per core. Spark's 200 would make every step of a small corpus
# 200 tasks (adaptive execution does not coalesce the partitions of a cached DataFrame),
# and a few per core cannot hold the pairs of millions of articles.
ARTICLES_PER_SHUFFLE_PARTITION = 1_000
_SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions"
# Reading a table whose months are more folders than this lists them in a Spark job (Spark's
# default: 32, so a table of three years of months was a job of its own before every read).
_LISTING_THRESHOLD = "spark.sql.sources.parallelPartitionDiscovery.threshold"
# Where the driver lists instead (``lists_in_driver``): a century of months.
LISTED_IN_DRIVER = 1_200
_FAST_LISTING = ("file", "hdfs", "viewfs")
# Where the month of a row comes from, in Spark SQL: month_of() of the column.
_MONTH_SQL = ("CASE WHEN {c} RLIKE '^[0-9]{{4}}.[0-9]{{2}}' THEN substr({c}, 1, 7) "
              "ELSE 'undated' END")
# The extraction's output, a row per article: its record or failure (these columns), and its
# rows of each table of ROW_TABLES, typed as the export types them (a list column each).
RESULT_COLUMNS = ("article_id", "month", "origin", "record", "link", "stage", "error",
                  "message")
ROW_TABLES = (*PER_ARTICLE_TABLES, ENTITY_MENTIONS)


def row_column(table: str) -> str:
    """The column of the extraction's output that holds an article's rows of ``table``."""
    return f"rows_{table}"


def _table_columns(table: str) -> tuple[tuple[str, str], ...]:
    return ENTITY_MENTION_COLUMNS if table == ENTITY_MENTIONS else columns_of(table)


def _columns(table: str) -> tuple[tuple[str, str], ...]:
    return (*_table_columns(table), ("month", "str"))


def extraction_arrow_schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema([*((name, pa.string()) for name in RESULT_COLUMNS),
                      *((row_column(t), pa.list_(pa.struct(list(arrow_schema(
                          _table_columns(t)))))) for t in ROW_TABLES)])


def extraction_schema() -> Any:
    """The extraction's output as a Spark schema."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(extraction_arrow_schema())


def extraction_batch(rows: list[dict[str, Any]], tables: Mapping[str, list[list[dict[str, Any]]]]
                     ) -> pa.RecordBatch:
    """Return the extraction's output for a batch: ``rows`` (a dict of RESULT_COLUMNS each) and
    each article's rows of every table of ROW_TABLES, in the same order."""
    import pyarrow as pa

    columns = {name: pa.array([r.get(name) for r in rows], pa.string())
               for name in RESULT_COLUMNS}
    for table in ROW_TABLES:
        per_article = tables[table]
        offsets = [0]
        for found in per_article:
            offsets.append(offsets[-1] + len(found))
        flat = [row for found in per_article for row in found]
        structs = arrow_table(flat, _table_columns(table)).to_struct_array().combine_chunks()
        columns[row_column(table)] = pa.ListArray.from_arrays(pa.array(offsets, pa.int32()),
                                                              structs)
    return pa.RecordBatch.from_pydict(columns, schema=extraction_arrow_schema())


def spark_schema(columns: tuple[tuple[str, str], ...]) -> Any:
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(arrow_schema(columns))


def _write(frame: DataFrame, path: str, *, by_month: bool) -> None:
    """Write ``frame`` partitioned by month: replacing only its months (``by_month``), or the
    whole folder."""
    # Rows of a month meet before the write, so a month is a few files rather than one per
    # task (a task of hashed articles holds most months, and small files cost most of a run).
    # Spark's rebalance hint lets adaptive execution split a big month over several tasks.
    with step(frame.sparkSession, f"write {path.rsplit('/', 1)[-1]}"):
        (frame.hint("rebalance", "month").write.mode("overwrite")
         .option("partitionOverwriteMode", "dynamic" if by_month else "static")
         .partitionBy("month").parquet(path))


def write_article_tables(extracted: DataFrame, out: str) -> None:
    """Write each extracted article's record to ``out/docs`` and its rows of the per-article
    tables (the executors made them: Spark only lays them out)."""
    from pyspark.sql import functions as F

    done = extracted.where("record IS NOT NULL")
    writes = [(done.select("article_id", "origin", "record", "link", "month"), f"{out}/docs")]
    for table in (*MONTHLY_TABLES, *UNLINKED_TABLES):
        rows = (done.select("month", F.explode(row_column(table)).alias("row"))
                .select("row.*", "month"))
        target = f"{out}/{table}" if table in MONTHLY_TABLES else f"{out}/{UNLINKED}/{table}"
        writes.append((rows, target))
    # Each write is a small job over the cached extraction; submitted from threads, Spark
    # runs them side by side instead of leaving cores idle between them.
    with ThreadPoolExecutor(max_workers=_CONCURRENT_WRITES) as pool:
        for done_write in [pool.submit(_write, rows, target, by_month=True)
                           for rows, target in writes]:
            done_write.result()


def write_linked_tables(spark: SparkSession, out: str, failures: list[dict[str, Any]],
                        docs_schema: str) -> tuple[int, int, dict[str, int], float]:
    """Link every article of ``out/docs`` into stories in Spark and write the tables that
    need them.

    Return the articles linked, the stories, the rows of each table written, and the seconds
    the linking took (Spark's jobs, from the records to the written stories, incidents,
    articles, claims, entities and failures).
    """
    import time

    from pyspark.sql import functions as F

    begun = time.monotonic()
    with _linking_conf(spark, out) as sized:
        docs = spark.read.schema(docs_schema).parquet(f"{out}/docs").select(
            "article_id", F.coalesce("link", "record").alias("link"))
        articles, rows = _link_and_write(spark, out, docs, sized, failures, docs_schema)
        link_seconds = time.monotonic() - begun
        with step(spark, "count the tables"):
            rows.update(_count(spark, out, (*MONTHLY_TABLES, "articles", "claims",
                                            "entities")))
    return articles, rows["stories"], rows, link_seconds


def story_partitions(articles: int, cores: int) -> int:
    """The shuffle partitions for linking ``articles`` on ``cores``."""
    return max(cores, -(-articles // ARTICLES_PER_SHUFFLE_PARTITION))


def lists_in_driver(out: str) -> bool:
    """Whether the months of a table under ``out`` are listed faster by the driver than by a
    Spark job: on a local or HDFS file system a listing is a few milliseconds, where a job
    costs a fraction of a second; an object store's listing is a request of its own."""
    scheme = out.split("://", 1)[0].lower() if "://" in out else "file"
    return scheme in _FAST_LISTING


@contextmanager
def _linking_conf(spark: SparkSession, out: str) -> Iterator[Callable[[int], None]]:
    """Set, while the stories are linked and written, what --conf does not give: shuffle
    partitions sized to the articles (at first one per core; the block calls the function
    it is given with the articles once they are counted), and each table's months listed in
    the driver where that is faster (``lists_in_driver``)."""
    given = spark.sparkContext.getConf()
    cores = spark.sparkContext.defaultParallelism
    before: dict[str, str | None] = {}

    def put(key: str, value: int) -> None:
        if not given.contains(key):
            before.setdefault(key, spark.conf.get(key))
            spark.conf.set(key, str(value))

    put(_SHUFFLE_PARTITIONS, cores)
    if lists_in_driver(out):
        put(_LISTING_THRESHOLD, LISTED_IN_DRIVER)
    try:
        yield lambda articles: put(_SHUFFLE_PARTITIONS, story_partitions(articles, cores))
    finally:
        for key, value in before.items():
            if value is None:
                spark.conf.unset(key)
            else:
                spark.conf.set(key, value)


def _link_and_write(spark: SparkSession, out: str, docs: DataFrame,
                    sized: Callable[[int], None], failures: list[dict[str, Any]],
                    docs_schema: str) -> tuple[int, dict[str, int]]:
    """Link the stories of ``docs`` and write stories, incidents, articles, claims, entities
    and failures; return the articles linked and the rows of the stories, incidents and
    failures tables."""
    from pyspark.sql import functions as F

    from dateline.runners.spark_groups import driver_limit
    from dateline.runners.spark_stories import link_stories

    # Output of an earlier dateline kept whole records only: those are linked whole.
    linked = link_stories(spark, docs, stories_schema=spark_schema(_columns("stories")),
                          incidents_schema=spark_schema(_columns("incidents")), sized=sized)
    try:
        writes = [(linked.stories, f"{out}/stories"), (linked.incidents, f"{out}/incidents")]
        # A row an article, a few tens of bytes: up to the bound below which the driver holds
        # the ties, sent whole to every task, so the articles and claims are joined where
        # they are read, with no shuffle; past it, a shuffled join.
        small = linked.articles <= driver_limit(spark)
        for table, key in (("articles", "id"), ("claims", "article_id")):
            names = [name for name, _ in _columns(table)]
            unlinked = spark.read.schema(spark_schema(_columns(table))).parquet(
                f"{out}/{UNLINKED}/{table}").drop("story_id")
            owners = linked.owners.withColumnRenamed("article_id", key)
            joined = unlinked.join(F.broadcast(owners) if small else owners, key, "left")
            writes.append((joined.select(*names), f"{out}/{table}"))
        mentions = spark.read.schema(spark_schema(_columns(ENTITY_MENTIONS))).parquet(
            f"{out}/{UNLINKED}/{ENTITY_MENTIONS}")
        entities = mentions.groupBy("label", "name").agg(
            F.countDistinct("article_id").alias("articles"),
            F.sum("mention_count").alias("mentions"), F.min("day").alias("first_day"),
            F.max("day").alias("last_day")).withColumn(
            "month", F.expr(_MONTH_SQL.format(c="first_day")))
        writes.append((entities.select(*(name for name, _ in _columns("entities"))),
                       f"{out}/entities"))
        # Small jobs over the cached stories and the written tables, run side by side, with
        # the failures (a scratch store in the driver, then a write).
        with ThreadPoolExecutor(max_workers=len(writes) + 1) as pool:
            failed = pool.submit(_write_failures, spark, out, failures, docs_schema)
            for done_write in [pool.submit(_write, frame, target, by_month=False)
                               for frame, target in writes]:
                done_write.result()
            rows = {"failures": failed.result(), **linked.counts}
    finally:
        linked.release()
    return linked.articles, rows


def _unresolved(spark: SparkSession, out: str, docs_schema: str,
                failures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the failures the record does not resolve: as in a store, a failure of an
    article (or an input) recorded in docs/ is gone."""
    from pyspark.sql import functions as F

    ids = sorted({f["article_id"] for f in failures if f.get("article_id")})
    origins = sorted({f["origin"] for f in failures})
    if not failures:
        return []
    docs = spark.read.schema(docs_schema).parquet(f"{out}/docs")
    stored = docs.where(F.col("article_id").isin(ids) | F.col("origin").isin(origins)).select(
        "article_id", "origin").collect()
    done_ids = {r["article_id"] for r in stored}
    done_origins = {r["origin"] for r in stored}
    return [f for f in failures if f.get("article_id") not in done_ids
            and f["origin"] not in done_origins]


def _write_failures(spark: SparkSession, out: str, found: list[dict[str, Any]],
                    docs_schema: str) -> int:
    """Write this run's failures that the record does not resolve (replacing the table) as
    the export writes a store's; return how many. They pass through a scratch store holding
    them alone, which numbers and dates them as ingest does."""
    with step(spark, "failures"):
        failures = _unresolved(spark, out, docs_schema, found)
    with tempfile.TemporaryDirectory(prefix="dateline-spark-") as scratch, \
            Store(f"sqlite:///{scratch}/failures.db") as store:
        load_records(store, (), failures)
        _, data = next(record_tables(store, ("failures",), chunk=max(1, len(failures))))
    frame = spark.createDataFrame(data) if data.num_rows else \
        spark.createDataFrame([], spark_schema(_columns("failures")))
    _write(frame, f"{out}/failures", by_month=False)
    return int(data.num_rows)


def _count(spark: SparkSession, out: str, tables: tuple[str, ...]) -> dict[str, int]:
    """The rows in each of these tables (all months), in one Spark job."""
    from pyspark.sql import functions as F

    frames = [spark.read.schema(spark_schema(_columns(t))).parquet(f"{out}/{t}")
              .select(F.lit(t).alias("table")) for t in tables]
    union = frames[0]
    for frame in frames[1:]:
        union = union.unionByName(frame)
    counted = {r["table"]: int(r["count"]) for r in union.groupBy("table").count().collect()}
    return {t: counted.get(t, 0) for t in tables}
