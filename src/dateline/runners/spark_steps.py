"""Name and time the steps of a ``dateline spark`` run.

    with step(spark, "features and term counts"):
        counted = frame.groupBy("bucket").count().collect()

The Spark jobs a step starts carry its name as their description, so the Spark UI (and its
REST API, ``/api/v1/applications/<id>/jobs``) lists them under it, and the driver logs the
step's wall time at debug level to the ``dateline.spark`` logger: ``bench/spark_link.py``
reads both to say where a run's time goes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

log = logging.getLogger("dateline.spark")
# The description of a job: "dateline: <step>".
PREFIX = "dateline: "


@contextmanager
def step(spark: SparkSession, name: str) -> Iterator[None]:
    """Describe the jobs started in the block (from this thread) as ``name``; log its time."""
    context = spark.sparkContext
    # A thread's own property: the writes side by side each name their jobs.
    context.setJobDescription(PREFIX + name)
    started = time.monotonic()
    try:
        yield
    finally:
        context.setJobDescription(None)  # type: ignore[arg-type]  # None clears it
        log.debug("step %s: %.2f s", name, time.monotonic() - started)
