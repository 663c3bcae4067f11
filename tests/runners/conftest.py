"""Runner fixtures: a slice of the bundled demo corpus for runs of the real pipeline, and the
one Spark session every Spark test shares."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from store.conftest import postgres_url, store_url  # noqa: F401 - the store tests' backends

DEMO = Path(__file__).resolve().parents[2] / "data" / "demo" / "articles.jsonl"


def demo_lines(count: int) -> list[str]:
    return DEMO.read_text(encoding="utf-8").splitlines()[:count]


@pytest.fixture
def demo_subset(tmp_path: Path) -> Path:
    """The first 8 demo articles as a JSON Lines file."""
    path = tmp_path / "demo8.jsonl"
    path.write_text("\n".join(demo_lines(8)) + "\n", encoding="utf-8")
    return path


def _java_or_skip() -> None:
    home = os.environ.get("JAVA_HOME")
    if shutil.which("java") or (home and Path(home, "bin", "java").exists()):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("No Java runtime: run the tests through scripts/test-spark.sh")
    pytest.skip("no Java runtime (scripts/test-spark.sh installs one)")


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    """A local[2] Spark session, started once for every Spark test."""
    _java_or_skip()
    pytest.importorskip("pyspark")
    from dateline.runners.spark import spark_session

    session = spark_session("local[2]", [("spark.sql.shuffle.partitions", "4"),
                                         ("spark.default.parallelism", "2")])
    yield session
    session.stop()
