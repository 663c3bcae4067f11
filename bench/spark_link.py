"""Where the time of a dateline spark run goes after the extraction, step by step.

    python bench/spark_link.py [--copies 4] [--master local[2]] [--again 2]

The demo corpus × ``--copies`` (texts made distinct, as bench/spark.py makes them) runs once
through ``dateline spark``'s ``run`` in one Spark session; then the phase after the extraction
(``write_linked_tables``: the stories, incidents, articles, claims, entities, failures and
counts) runs ``--again`` more times over the record it wrote, in the same warm session. For
each step the driver's wall time (the ``dateline.spark`` debug log) and the Spark jobs, stages
and tasks it started (the Spark UI's REST API, by job description) are printed, for the first
run and for the best of the repeats. The load average is printed before and after: on a
shared machine only figures of one run compare.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import make_corpus  # noqa: E402 - a sibling bench script


class Steps(logging.Handler):
    """Keep the wall time of every step the driver logs, in order."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.times: list[tuple[str, float]] = []

    def emit(self, record: logging.LogRecord) -> None:
        found = re.match(r"step (.+): ([0-9.]+) s$", record.getMessage())
        if found:
            self.times.append((found[1], float(found[2])))


def jobs(spark: Any) -> list[dict[str, Any]]:
    """Every job of the session, from the Spark UI's REST API."""
    context = spark.sparkContext
    url = f"{context.uiWebUrl}/api/v1/applications/{context.applicationId}/jobs"
    with urllib.request.urlopen(url, timeout=30) as response:
        found: list[dict[str, Any]] = json.load(response)
    return found


def per_step(found: list[dict[str, Any]], since: set[int]) -> dict[str, list[int]]:
    """Jobs and tasks (run, skipped) of each step, for the jobs not in ``since``."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for job in found:
        if job["jobId"] in since:
            continue
        name = job.get("description", "").removeprefix("dateline: ") or "(other)"
        if name.startswith("Listing leaf files"):
            name = "(listing files)"
        counts = out[name]
        counts[0] += 1
        counts[1] += job.get("numCompletedTasks", 0)
        counts[2] += job.get("numSkippedTasks", 0)
    return out


def show(title: str, times: list[tuple[str, float]], counts: dict[str, list[int]],
         total: float) -> None:
    print(f"\n{title}: {total:.1f} s")
    print(f"  {'step':<46}{'wall s':>8}{'jobs':>6}{'tasks':>7}{'skipped':>9}")
    summed: dict[str, float] = defaultdict(float)
    for name, seconds in times:
        summed[name] += seconds
    for name in [*summed, *(n for n in counts if n not in summed)]:
        jobs_, tasks, skipped = counts.get(name, [0, 0, 0])
        print(f"  {name:<46}{summed.get(name, 0.0):>8.2f}{jobs_:>6}{tasks:>7}{skipped:>9}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "demo" / "articles.jsonl")
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--again", type=int, default=2,
                        help="runs of the phase after the extraction alone, in the warm session")
    parser.add_argument("--record", type=Path,
                        help="keep the record here; one already there is linked again, "
                        "with no extraction")
    parser.add_argument("--jobs", type=Path, help="write the jobs of the best repeat here (JSON)")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from dateline.runners.spark import _DOCS_SCHEMA, run, spark_session
    from dateline.runners.spark_tables import write_linked_tables

    steps = Steps()
    logger = logging.getLogger("dateline.spark")
    logger.setLevel(logging.DEBUG)
    logger.addHandler(steps)
    with tempfile.TemporaryDirectory() as tmp:
        out = str(args.record or Path(tmp) / "out")
        started = time.monotonic()
        spark = spark_session(args.master)
        print(f"{args.master}, session start {time.monotonic() - started:.1f} s, load average "
              f"{_load()}")
        if not Path(out, "docs").exists():
            corpus = Path(tmp) / "corpus.jsonl"
            count = make_corpus(args.corpus, args.copies, corpus)
            print(f"{count} articles (demo corpus x {args.copies})")
            result = run(spark, [str(corpus)], out)
            show(f"first run (extraction {result.extract_seconds:.1f} s)", steps.times,
                 per_step(jobs(spark), set()), result.seconds - result.extract_seconds)
            if args.jobs and not args.again:
                args.jobs.write_text(json.dumps(jobs(spark), indent=1))
        best: tuple[float, list[tuple[str, float]], list[dict[str, Any]]] | None = None
        for _ in range(args.again):
            seen = {job["jobId"] for job in jobs(spark)}
            steps.times = []
            begun = time.monotonic()
            articles, *_ = write_linked_tables(spark, out, [], _DOCS_SCHEMA)
            took = time.monotonic() - begun
            if best is None or took < best[0]:
                best = (took, steps.times, [j for j in jobs(spark) if j["jobId"] not in seen])
        if best is not None:
            show(f"phase after the extraction alone ({articles} articles), best of "
                 f"{args.again}", best[1], per_step(best[2], set()), best[0])
            if args.jobs:
                args.jobs.write_text(json.dumps(best[2], indent=1))
        spark.stop()
    print(f"\nload average after {_load()}")


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


if __name__ == "__main__":
    main()
