"""Run the pipeline on Apache Spark: read, extract and link stories in the executors.

    spark = spark_session("local[*]")
    result = run(spark, ["s3a://archive/2026/*.jsonl"], "s3a://out/record", settings)

1. Inputs are read by Spark: Parquet with its own splittable reader, anything else (JSON
   Lines, CSV, folders of text or HTML) one file per row through Spark's binary file source,
   then turned into Articles by ingest's own readers (``read_bytes``, ``read_rows``): the same
   field names, ``--map``, limits and failures as ``dateline ingest``.
2. Articles are spread over partitions and extracted with ``mapInArrow``: each Python worker
   builds the pipeline once (``_pipeline``, a per-process cache that Spark's reused workers
   keep across tasks and batches). A bad article becomes a failure row and the job goes on.
   Article ids are content hashes, so a task Spark retries gives the same rows again. Each
   article gives its store rows (its record), the linker's part of them, and its rows of the
   per-article export tables (``doc_rows``).
3. The executors write each article's record to ``DIR/docs`` and its table rows beside it,
   partitioned by publication month; a re-run replaces the months it covers (dynamic
   partition overwrite) and keeps the others. Spark groups the entities table.
4. Spark links the stories from the linker's part of every record, as ``dateline link``
   does (``runners/spark_stories.py``: blocking keys, candidate pairs, scores, ties, groups,
   then each group's stories and incidents), writes them, and joins each article's story into
   articles and claims (``runners/spark_tables.py``).

Every step scales with the executors; the driver holds the term counts of the linker's model
(a fixed size), the failures and a few numbers (docs/performance.md).
"""

from __future__ import annotations

import glob
import os
import pickle
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateline.errors import ConfigError, DependencyError, InputError
from dateline.ingest.sources import IngestOptions, Item, Read, read_bytes, read_rows
from dateline.pipeline import Failure, Pipeline
from dateline.records import Article
from dateline.runners.doc_rows import export_rows
from dateline.runners.output import RECORD_TABLES, link_record, month_of, record_json
from dateline.runners.spark_steps import step
from dateline.runners.spark_tables import (
    ROW_TABLES,
    extraction_batch,
    extraction_schema,
    write_article_tables,
    write_linked_tables,
)
from dateline.settings import Settings
from dateline.store import extractor_id
from dateline.store.rows import article_row, layer_rows
from dateline.store.store import now

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

# Spark settings dateline relies on; --conf may change them.
DEFAULT_CONF = {
    "spark.app.name": "dateline",
    # A re-run replaces the months of docs/ it writes, never the others.
    "spark.sql.sources.partitionOverwriteMode": "dynamic",
    # Python workers outlive their tasks, so each loads the spaCy pipeline once.
    "spark.python.worker.reuse": "true",
    # An Arrow batch is a few hundred articles: small enough to spread, big enough for spaCy.
    "spark.sql.execution.arrow.maxRecordsPerBatch": "256",
    "spark.ui.showConsoleProgress": "false",
}
_READ_SCHEMA = "article_id string, origin string, article binary, error string, message string"
_DOCS_SCHEMA = "article_id string, origin string, record string, link string, month string"
_PARQUET_SUFFIXES = (".parquet", ".parq")

# One pipeline per Python worker process, by settings fingerprint: built on the first batch,
# reused by every later batch and task the worker runs.
_PIPELINES: dict[str, Pipeline] = {}


@dataclass(frozen=True, slots=True)
class SparkResult:
    """What a Spark run wrote."""

    articles: int  # in the record (docs/), this run's and earlier runs' months
    failed: int
    stories: int
    rows: dict[str, int]
    seconds: float
    # Of ``seconds``, the time until docs/ and the per-article tables were written (reading,
    # extracting and writing, in the executors), and the time linking stories (Spark's jobs
    # from the records to the stories, incidents, articles and claims tables).
    extract_seconds: float
    link_seconds: float


def spark_session(master: str | None = None, conf: Sequence[tuple[str, str]] = ()) -> SparkSession:
    """Return the active Spark session, or start one (``local[*]`` unless a master is given
    here or by spark-submit), with dateline's defaults under ``conf``."""
    try:
        from pyspark import SparkConf
        from pyspark.sql import SparkSession
    except ImportError:
        raise DependencyError("dateline spark needs PySpark: pip install 'dateline[spark]' "
                              "(and a Java 17+ runtime).") from None
    given = SparkConf()  # what spark-submit passed, if it started this process
    master = master or given.get("spark.master", "local[*]")
    if master.startswith("local"):
        # Local workers run this Python (with dateline installed), not the first on the PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master)
    for key, value in DEFAULT_CONF.items():
        if not given.contains(key):
            builder = builder.config(key, value)
    for key, value in conf:
        builder = builder.config(key, value)
    return builder.getOrCreate()


def parse_conf(pairs: Iterable[str]) -> list[tuple[str, str]]:
    """Read ``key=value`` settings given with --conf."""
    out: list[tuple[str, str]] = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"--conf {pair!r} is not key=value, e.g. --conf "
                              "spark.executor.memory=4g.")
        out.append((key.strip(), value.strip()))
    return out


def run(spark: SparkSession, inputs: Sequence[str], out: str, settings: Settings | None = None,
        options: IngestOptions | None = None, *, partitions: int | None = None) -> SparkResult:
    """Extract everything ``inputs`` hold into ``out``; return what was written."""
    from pyspark.storagelevel import StorageLevel

    started = time.monotonic()
    settings = settings or Settings()
    options = options or IngestOptions.from_settings(settings)
    out = out.rstrip("/")
    count = partitions or 4 * spark.sparkContext.defaultParallelism
    # One read and one shuffle: the copies of an article (the same text, so the same id) meet
    # in one partition, where the extraction keeps one of them; an input that could not be
    # read passes through as its failure.
    found = in_input_order(read_inputs(spark, inputs, options).repartition(count, "article_id"))
    extracted = (found.mapInArrow(partial(_extract, settings, now()), extraction_schema())
                 .persist(StorageLevel.MEMORY_AND_DISK))
    try:
        # Collecting the failures extracts every article into the cache, once; the writes
        # that follow, side by side, read the cache.
        with step(spark, "read and extract"):
            failures = [row.asDict() for row in extracted.where("record IS NULL")
                        .select("article_id", "origin", "stage", "error", "message").collect()]
        write_article_tables(extracted, out)
    finally:
        extracted.unpersist()
    extract_seconds = time.monotonic() - started
    articles_linked, stories, rows, link_seconds = write_linked_tables(
        spark, out, failures, _DOCS_SCHEMA)
    return SparkResult(articles_linked, len(failures), stories,
                       {t: rows[t] for t in RECORD_TABLES}, time.monotonic() - started,
                       extract_seconds, link_seconds)


def in_input_order(found: DataFrame) -> DataFrame:
    """Sort each partition's reads by article, then by input path and line, so the copy of an
    article the extraction keeps is the first in the inputs (as ``dateline ingest`` keeps it),
    whatever order the shuffle delivered them in."""
    from pyspark.sql import functions as F

    line = F.regexp_extract("origin", r":(\d+)$", 1)
    return found.sortWithinPartitions(
        "article_id", F.regexp_replace("origin", r":\d+$", ""),
        F.when(line == "", None).otherwise(line.cast("long")))


# Reading -------------------------------------------------------------------------------------


def read_inputs(spark: SparkSession, inputs: Sequence[str], options: IngestOptions) -> DataFrame:
    """Return one row per article read (or per input that failed), as ``_READ_SCHEMA``."""
    frames: list[DataFrame] = []
    parquet = [p for p in inputs if p.lower().rstrip("/").endswith(_PARQUET_SUFFIXES)]
    files = [p for p in inputs if p not in parquet]
    if parquet:
        table = spark.read.parquet(*parquet).selectExpr(
            "*", "_metadata.file_path AS _dateline_path", "_metadata.row_index AS _dateline_row")
        frames.append(table.mapInArrow(partial(_read_parquet, options), _READ_SCHEMA))
    check_inputs(inputs)
    if files:
        binary = (spark.read.format("binaryFile").option("recursiveFileLookup", "true")
                  .load(files).select("path", "content"))
        frames.append(binary.mapInArrow(partial(_read_files, options), _READ_SCHEMA))
    if not frames:
        raise ConfigError("Give at least one input: a file, folder or glob.")
    result = frames[0]
    for frame in frames[1:]:
        result = result.unionByName(frame)
    return result


def check_inputs(inputs: Sequence[str]) -> None:
    """Raise InputError naming the local inputs that match no file or folder."""
    missing = [p for p in inputs if not _local_input_exists(p)]
    if missing:
        raise InputError(f"No file or folder matches {', '.join(missing)}.")


def _local_input_exists(uri: str) -> bool:
    """Whether a local input (a path, a glob or ``file:``) names something; other schemes
    (hdfs://, s3a://) are Spark's to find. Checked before Spark reads, so a mistyped path is a
    one-line error rather than a Java stack trace."""
    if "://" in uri and not uri.startswith("file://"):
        return True
    path = local_path(uri)
    return Path(path).exists() or bool(glob.glob(path))


def local_path(uri: str) -> str:
    """Show a local file as a path (``file:/data/a.jsonl`` -> ``/data/a.jsonl``), like ingest."""
    if uri.startswith("file://"):
        return uri[len("file://"):]
    if uri.startswith("file:"):
        return uri[len("file:"):]
    return uri


def _read_files(options: IngestOptions, batches: Iterator[pa.RecordBatch]
                ) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        found: list[Read] = []
        for path, content in zip(batch.column("path").to_pylist(),
                                 batch.column("content").to_pylist(), strict=True):
            found.extend(read_bytes(content, local_path(path), options))
        yield _read_batch(found)


def _read_parquet(options: IngestOptions, batches: Iterator[pa.RecordBatch]
                  ) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        rows = batch.to_pylist()
        origins = [f"{local_path(r.pop('_dateline_path'))}:{r.pop('_dateline_row') + 1}"
                   for r in rows]
        yield _read_batch(list(read_rows(zip(origins, rows, strict=True), options)))


def _read_batch(found: list[Read]) -> pa.RecordBatch:
    import pyarrow as pa

    rows = [{"article_id": f.article.id, "origin": f.origin, "article": pickle.dumps(f.article),
             "error": None, "message": None} if isinstance(f, Item) else
            {"article_id": None, "origin": f.origin, "article": None, "error": f.error,
             "message": f.message} for f in found]
    schema = pa.schema([("article_id", pa.string()), ("origin", pa.string()),
                        ("article", pa.binary()), ("error", pa.string()), ("message", pa.string())])
    return pa.RecordBatch.from_pylist(rows, schema=schema)


# Extracting (in the executors) -----------------------------------------------------------------


def _pipeline(settings: Settings) -> Pipeline:
    key = settings.fingerprint()
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline.from_settings(settings)
    return _PIPELINES[key]


def _extract(settings: Settings, stored_at: str, batches: Iterator[pa.RecordBatch]
             ) -> Iterator[pa.RecordBatch]:
    """Extract each batch's articles; yield a record (with its table rows) or a failure row
    per article, and once each article that comes more than once."""

    extractor = extractor_id(settings)
    seen: set[str] = set()
    for batch in batches:
        rows: list[dict[str, Any]] = []
        articles: list[Article] = []
        origins: dict[str, str] = {}
        tables: dict[str, list[list[dict[str, Any]]]] = {t: [] for t in ROW_TABLES}
        for read in batch.to_pylist():
            if read["article"] is None:  # the reader's failure: no rows of any table
                rows.append({"article_id": read["article_id"], "month": month_of(None),
                             "origin": read["origin"], "stage": "ingest",
                             "error": read["error"], "message": read["message"]})
                for found in tables.values():
                    found.append([])
            elif read["article_id"] not in seen:
                seen.add(read["article_id"])
                origins[read["article_id"]] = read["origin"]
                articles.append(pickle.loads(read["article"]))
        for result in _pipeline(settings).pipe(articles, on_error="record"):
            article = result.article
            published = article.published.isoformat() if article.published else None
            row: dict[str, Any] = {"article_id": article.id, "month": month_of(published),
                                   "origin": origins[article.id]}
            made: Mapping[str, list[dict[str, Any]]] = {}
            if isinstance(result, Failure):
                row.update(stage=result.stage, error=result.error, message=result.message)
            else:
                record = article_row(result, extractor=extractor, origin=row["origin"],
                                     run_id=None, stored_at="")
                layers = layer_rows(result)
                row.update(record=record_json(record, layers), link=link_record(record, layers))
                made = export_rows({**record, "stored_at": stored_at}, layers)
            rows.append(row)
            for table, found in tables.items():
                found.append(made.get(table, []))
        yield extraction_batch(rows, tables)
