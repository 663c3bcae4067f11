"""The Spark commands: ``dateline spark`` (extract on a cluster) and ``dateline load``."""

from __future__ import annotations

from pathlib import Path

import click

from dateline.settings import load_settings

DB_HELP = "Store: a file path, sqlite:///file.db or postgresql://user@host/db (default: dateline.db)."


@click.command(name="spark")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, help="Output folder (any Hadoop-compatible URI: a path, "
              "file://, hdfs://, s3a://).")
@click.option("--map", "field_map", help="JSON Lines/CSV/Parquet field mapping, e.g. "
              "text=body,published=date,source=outlet.")
@click.option("--input-format", "input_format",
              type=click.Choice(["auto", "text", "html", "json", "jsonl", "csv", "tsv"]),
              default="auto", show_default=True, help="How to read non-Parquet inputs; auto "
              "goes by file name and content (Parquet goes by the .parquet suffix).")
@click.option("--published", help="Publication date for inputs that give none (ISO 8601).")
@click.option("--source", help="Publisher for inputs that name none.")
@click.option("--master", help="Spark master, e.g. local[4], yarn, spark://host:7077 (default: "
              "spark-submit's, else local[*]).")
@click.option("--conf", "conf", multiple=True, metavar="KEY=VALUE",
              help="A Spark setting, e.g. --conf spark.executor.memory=4g (repeatable).")
@click.option("--partitions", type=click.IntRange(min=1), help="Partitions the articles are "
              "spread over (default: 4 per core Spark has).")
@click.pass_context
def spark_command(ctx: click.Context, inputs: tuple[str, ...], out: str, field_map: str | None,
                  input_format: str, published: str | None, source: str | None,
                  master: str | None, conf: tuple[str, ...], partitions: int | None) -> None:
    """Extract INPUTs (files, folders, globs or URIs) on Apache Spark into Parquet tables.

    JSON Lines, CSV/TSV, Parquet and folders of text or HTML are read with ingest's field
    names and --map. OUT gets docs/ (each article's full record, for dateline load) and the
    tables articles, entities, times, places, quotes, claims, events, incidents, stories and
    failures, with the columns of dateline export --format parquet, partitioned by publication
    month. A re-run replaces the months it covers. Needs pip install 'dateline[spark]' and Java
    17+; spark-submit runs it too (README: Running on Spark). Like ingest, it exits 1 when
    nothing was recorded and something failed; an input that matches nothing is refused before
    Spark starts.

    Example: dateline spark archive/*.jsonl --out record/ --master local[4]
    """
    from dateline.ingest.sources import IngestOptions
    from dateline.runners.spark import check_inputs, parse_conf, run, spark_session

    settings = load_settings(ctx.obj.get("config") if ctx.obj else None)
    options = IngestOptions.from_settings(settings, fmt=input_format, field_map=field_map,
                                          published=published, source=source)
    check_inputs(inputs)  # before the JVM starts: a mistyped path is a one-line error
    spark = spark_session(master, parse_conf(conf))
    result = run(spark, list(inputs), out, settings, options, partitions=partitions)
    rate = (result.articles + result.failed) / result.seconds if result.seconds else 0.0
    click.echo(f"Recorded {result.articles} article(s), {result.failed} failed now, in "
               f"{result.stories} story(ies), in {result.seconds:.1f} s ({rate:.1f} articles/s); "
               f"tables in {out}: " + ", ".join(f"{t} {n}" for t, n in result.rows.items()) + ".")
    if result.failed:
        click.echo(f"Failures are in {out}/failures (dateline load, then dateline query "
                   "failures).", err=True)
    if result.failed and not result.articles:
        ctx.exit(1)  # as ingest: nothing recorded and something failed


@click.command(name="load")
@click.argument("folder", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--db", help=DB_HELP)
@click.option("--link/--no-link", default=None, help="Rebuild the stories of the store "
              "afterwards, as dateline link does (default: setting link, on).")
@click.pass_context
def load_command(ctx: click.Context, folder: Path, db: str | None, link: bool | None) -> None:
    """Load the output of dateline spark (FOLDER/docs and FOLDER/failures) into a store.

    Articles go in through the store's usual upserts (one already stored by the same dateline
    and settings is kept), so dateline serve and query work on the result. Copy FOLDER from
    HDFS or S3 first.

    Example: dateline load record/ --db corpus.db
    """
    from dateline.runners.output import load_output
    from dateline.store import open_store
    from dateline.store.linking import relink

    settings = load_settings(ctx.obj.get("config") if ctx.obj else None, db=db, link=link)
    with open_store(settings.db) as store:
        result = load_output(folder, store)
        stories = relink(store).stories if settings.link else None
        where = store.display_url
    linked = f" in {stories} story(ies)" if stories is not None else ""
    click.echo(f"Loaded {result.articles} article(s){linked} and {result.failures} failure(s) "
               f"into {where}.")
