"""How dateline spark sizes the shuffles of its story linking and lists its tables."""

from __future__ import annotations

from dateline.runners.spark_tables import ARTICLES_PER_SHUFFLE_PARTITION, story_partitions


def test_spark_tables_shuffle_partitions_follow_the_articles() -> None:
    # A small corpus: one partition per core, not Spark's 200.
    assert story_partitions(186, cores=2) == 2
    assert story_partitions(0, cores=1) == 1
    # A large one: a partition per slice of articles, the last one partly full.
    per = ARTICLES_PER_SHUFFLE_PARTITION
    assert story_partitions(10_000 * per, cores=64) == 10_000
    assert story_partitions(100 * per + 1, cores=8) == 101


def test_spark_tables_list_months_in_the_driver_on_file_systems_only() -> None:
    from dateline.runners.spark_tables import lists_in_driver

    for out in ("record", "/data/record", "file:/data/record", "file:///data/record",
                "hdfs://namenode/dateline/record", "HDFS://nn/r"):
        assert lists_in_driver(out), out
    # An object store lists a folder per request: Spark's listing jobs spread them.
    for out in ("s3a://bucket/record", "gs://bucket/record", "abfss://c@a.dfs.core/record"):
        assert not lists_in_driver(out), out
