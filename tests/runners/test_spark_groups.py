"""The story groups of dateline spark: union-find in the driver and label propagation in
Spark label every article with the least id of its component, alike."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from dateline.errors import ConfigError
from dateline.runners.spark_groups import GROUP_IN_DRIVER, components, group_labels

# Components of every shape the ties make: a chain whose least id is in its middle, a star,
# a cycle, a pair given both ways, a copy of a copy, and a lone self-tie.
EDGES = [("m", "c"), ("c", "q"), ("q", "a"), ("a", "z"), ("z", "k"),
         ("s", "t1"), ("t2", "s"), ("s", "t3"), ("t4", "s"),
         ("x1", "x2"), ("x2", "x3"), ("x3", "x1"),
         ("p", "o"), ("o", "p"),
         ("copy2", "copy1"), ("copy1", "orig"),
         ("self", "self")]
EXPECTED = {**dict.fromkeys("mcqazk", "a"), **dict.fromkeys(["s", "t1", "t2", "t3", "t4"], "s"),
            **dict.fromkeys(["x1", "x2", "x3"], "x1"), "p": "o", "o": "o",
            **dict.fromkeys(["copy2", "copy1", "orig"], "copy1"), "self": "self"}


def test_spark_groups_components_label_each_article_with_its_least_id() -> None:
    assert components(EDGES) == EXPECTED
    # The order of the edges does not matter.
    assert components(reversed(EDGES)) == EXPECTED
    assert components([]) == {}


@pytest.fixture
def limit(spark: Any) -> Iterator[Any]:
    """The session, its driver-grouping limit restored after the test."""
    before = spark.conf.get(GROUP_IN_DRIVER, None)
    yield spark
    if before is None:
        spark.conf.unset(GROUP_IN_DRIVER)
    else:
        spark.conf.set(GROUP_IN_DRIVER, before)


@pytest.mark.spark
@pytest.mark.parametrize(("setting", "in_driver"), [(None, True), ("0", False), ("17", True),
                                                    ("16", False)])
def test_spark_groups_in_the_driver_or_by_propagation_alike(limit: Any, setting: str | None,
                                                            in_driver: bool) -> None:
    spark = limit
    if setting is not None:
        spark.conf.set(GROUP_IN_DRIVER, setting)
    # An original among its copies is a row without an other article: no edge.
    edges = spark.createDataFrame([*EDGES, ("orig", None)], "article_id string, other string")
    labels, steps = group_labels(spark, edges.repartition(3), articles=17)
    assert (steps == 0) is in_driver
    assert {r["article_id"]: r["label"] for r in labels.collect()} == EXPECTED


@pytest.mark.spark
def test_spark_groups_reject_a_limit_that_is_no_number(limit: Any) -> None:
    limit.conf.set(GROUP_IN_DRIVER, "many")
    edges = limit.createDataFrame([], "article_id string, other string")
    with pytest.raises(ConfigError, match=GROUP_IN_DRIVER):
        group_labels(limit, edges, articles=1)


@pytest.mark.spark
@pytest.mark.parametrize("setting", ["1000", "0"])
def test_spark_groups_of_no_ties_are_empty(limit: Any, setting: str) -> None:
    limit.conf.set(GROUP_IN_DRIVER, setting)
    edges = limit.createDataFrame([], "article_id string, other string")
    labels, _ = group_labels(limit, edges, articles=5)
    assert labels.collect() == []
    assert labels.columns == ["article_id", "label"]
