"""How dateline spark sizes the shuffles of its story linking."""

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
