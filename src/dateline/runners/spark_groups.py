"""The groups of articles their story ties connect, for ``dateline spark``.

    labels, steps = group_labels(spark, edges, articles)   # edges: article_id, other

Every article on an edge gets the least id of its connected component as its ``label``.
Up to ``spark.dateline.groupInDriverArticles`` articles (default 1,000,000) the edges are
collected to the driver as Arrow (at most ``neighbours`` ties and one copy per article, a
few tens of bytes each: under 200 MB at the default) and grouped there by union-find in one
pass; the labels go back as a small DataFrame. A daily or monthly run is then one collect
instead of a pair of jobs per propagation step. Above it (a decade of archives), or with the setting at
0, the driver holds no edge: min-label propagation runs over the edge DataFrame, a join and
an aggregation per step, as many steps as the longest chain of ties.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from dateline.errors import ConfigError

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

GROUP_IN_DRIVER = "spark.dateline.groupInDriverArticles"
GROUP_IN_DRIVER_DEFAULT = 1_000_000
# Most steps of label propagation: a chain of ties longer than this is a bug, not news.
MAX_STEPS = 200


def components(edges: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Return each article on an edge with the least article id of its component."""
    parent: dict[str, str] = {}

    def root(a: str) -> str:
        parent.setdefault(a, a)
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            # The lesser root stays a root, so a root is always its component's least id.
            parent[max(ra, rb)] = min(ra, rb)
    return {a: root(a) for a in list(parent)}


def driver_limit(spark: SparkSession) -> int:
    """The most articles whose ties are grouped in the driver (0: never)."""
    given = spark.conf.get(GROUP_IN_DRIVER, str(GROUP_IN_DRIVER_DEFAULT))
    try:
        limit = int(given or 0)
    except ValueError:
        raise ConfigError(f"--conf {GROUP_IN_DRIVER}={given!r} is not a whole number of "
                          "articles.") from None
    return max(limit, 0)


def group_labels(spark: SparkSession, edges: DataFrame, articles: int) -> tuple[DataFrame, int]:
    """Return (article_id, label) for the articles on an edge (``article_id``, ``other``) and
    the propagation steps taken (0: grouped in the driver). An edge to no article (an
    original text's row among its copies) is no edge."""
    edges = edges.where("article_id IS NOT NULL AND other IS NOT NULL")
    if articles <= driver_limit(spark):
        return _in_driver(spark, edges), 0
    return propagate(edges)


def _in_driver(spark: SparkSession, edges: DataFrame) -> DataFrame:
    import pyarrow as pa

    table = edges.select("article_id", "other").toArrow()
    labels = components(zip(table.column("article_id").to_pylist(),
                            table.column("other").to_pylist(), strict=True))
    found = pa.table({"article_id": pa.array(list(labels), pa.string()),
                      "label": pa.array(list(labels.values()), pa.string())})
    return spark.createDataFrame(found)


def propagate(edges: DataFrame) -> tuple[DataFrame, int]:
    """Min-label propagation over the edge DataFrame, the driver holding no edge."""
    from pyspark.sql import functions as F

    # As many partitions as the cluster has cores: each step is a few small jobs, and the
    # 200 shuffle partitions Spark would keep through a checkpoint cost more than the work.
    width = edges.sparkSession.sparkContext.defaultParallelism
    links = edges.select(F.col("article_id").alias("src"), F.col("other").alias("dst"))
    links = links.unionByName(links.select(F.col("dst").alias("src"),
                                           F.col("src").alias("dst"))).distinct()
    links = links.repartition(width, "src").localCheckpoint()
    labels = (links.select(F.col("src").alias("article_id"), F.col("src").alias("label"))
              .distinct().repartition(width, "article_id").localCheckpoint())
    for step in range(1, MAX_STEPS + 1):
        offered = (links.join(labels.withColumnRenamed("article_id", "src"), "src")
                   .groupBy(F.col("dst").alias("article_id"))
                   .agg(F.min("label").alias("offered")))
        # Checkpointed at once, so the next step reads these labels rather than recomputing
        # every step before it (a lazy checkpoint doubled the tasks of each step).
        lowered = (labels.join(offered, "article_id", "left")
                   .select("article_id", F.least("label", F.coalesce("offered", "label"))
                           .alias("label"), (F.col("offered") < F.col("label")).alias("moved"))
                   .repartition(width, "article_id").localCheckpoint())
        moved = lowered.where("moved").count()
        labels = lowered.select("article_id", "label")
        if moved == 0:
            return labels, step
    raise RuntimeError(f"Story groups did not settle in {MAX_STEPS} steps.")
