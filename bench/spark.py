"""Spark against the local runner: the same articles through local[1], local[2] and ingest with
2 workers, in one run.

    python bench/spark.py [--corpus data/demo/articles.jsonl] [--copies 2] [--pin]

The demo corpus is repeated ``--copies`` times (each copy's texts made distinct). Each run is
a fresh process (its Spark session or worker pool started from cold, as a user would), watched
from here for the peak resident memory of every Python process it starts (the pipeline
workers). For Spark the time is split into the executors' part (reading, extraction, writing
docs/ and the per-article tables) and the linking's (Spark's jobs from the records to the
stories, incidents, articles and claims tables). The load average is printed before and
after: on a shared machine the figures are only comparable within one run. The last lines
project 10 million articles from the measured rate per core.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import make_corpus  # noqa: E402 - a sibling bench script

TEN_MILLION = 10_000_000


def one_spark(master: str, corpus: str, out: str) -> None:
    """Run dateline spark once (in this process) and print its figures as JSON."""
    from dateline.runners.spark import run, spark_session

    started = time.monotonic()
    spark = spark_session(master)
    session = time.monotonic() - started
    result = run(spark, [corpus], out)
    spark.stop()
    print(json.dumps({"articles": result.articles, "failed": result.failed,
                      "seconds": time.monotonic() - started, "session": session,
                      "extract": result.extract_seconds, "link": result.link_seconds,
                      "driver": result.seconds - result.extract_seconds}))


def one_local(corpus: str, db: str) -> None:
    """Ingest once with 2 workers (in this process) and print its figures as JSON."""
    from dateline.runners import ingest
    from dateline.settings import Settings
    from dateline.store import open_store

    started = time.monotonic()
    with open_store(db) as store:
        result = ingest([corpus], store, Settings(), workers=2)
    print(json.dumps({"articles": result.counts.stored, "failed": result.counts.failed,
                      "seconds": time.monotonic() - started}))


class PeakMemory:
    """Watch the processes descended from ``root`` and keep each one's peak RSS (VmHWM)."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.peaks: dict[int, tuple[str, int]] = {}
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        while not self.stop.wait(0.2):
            parents: dict[int, int] = {}
            for entry in os.listdir("/proc"):
                if entry.isdigit():
                    try:
                        stat = Path(f"/proc/{entry}/stat").read_text()
                        parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
                    except (OSError, ValueError, IndexError):
                        continue
            for pid in parents:
                ancestor = parents.get(pid)
                while ancestor and ancestor != self.root:
                    ancestor = parents.get(ancestor)
                if ancestor != self.root:
                    continue
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                    name = Path(f"/proc/{pid}/comm").read_text().strip()
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        kb = int(line.split()[1])
                        self.peaks[pid] = (name, max(kb, self.peaks.get(pid, ("", 0))[1]))

    def worker_peak_mb(self) -> float:
        """The largest peak of the Python processes started under the run (the workers)."""
        self.stop.set()
        self.thread.join()
        python = [kb for name, kb in self.peaks.values() if name.startswith("python")]
        return max(python, default=0) / 1024


def measure(args: list[str], cpus: int | None = None) -> dict[str, float]:
    """Run one leg in a fresh process; with ``cpus``, it and everything it starts (the JVM, the
    Python workers) may use only the first ``cpus`` cores."""
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    pin = None if cpus is None else partial(os.sched_setaffinity, 0, range(cpus))
    process = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, env=env, text=True, preexec_fn=pin)
    watch = PeakMemory(process.pid)
    out, _ = process.communicate()
    figures: dict[str, float] = json.loads(out.strip().splitlines()[-1])
    figures["worker_mb"] = watch.worker_peak_mb()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "demo" / "articles.jsonl")
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--pin", action="store_true",
                        help="give each run only the cores its master names: local[1] one core "
                             "for the JVM and its Python worker together, as one executor core "
                             "of a cluster has (unpinned, its JVM threads use the idle second "
                             "core); local[2] and ingest two")
    parser.add_argument("--one-spark", nargs=3, metavar=("MASTER", "CORPUS", "OUT"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--one-local", nargs=2, metavar=("CORPUS", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_spark:
        one_spark(*args.one_spark)
        return
    if args.one_local:
        one_local(*args.one_local)
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        count = make_corpus(args.corpus, args.copies, corpus)
        print(f"{count} articles (demo corpus x {args.copies}), {os.cpu_count()} CPUs, load "
              f"average {_load()}" + (", each run pinned to its cores" if args.pin else ""))
        single, double = (1, 2) if args.pin else (None, None)
        runs = {
            "local[1]": measure(["--one-spark", "local[1]", str(corpus), f"{tmp}/out1"], single),
            "local[2]": measure(["--one-spark", "local[2]", str(corpus), f"{tmp}/out2"], double),
            "ingest --workers 2": measure(["--one-local", str(corpus), f"{tmp}/local.db"], double),
        }
    print(f"load average after the runs {_load()}")
    print(f"{'run':<20}{'articles/s':>11}{'start s':>9}{'extract/s':>11}{'link/s':>9}"
          f"{'driver s':>10}{'worker MB':>11}")
    for name, r in runs.items():
        line = f"{name:<20}{r['articles'] / r['seconds']:>11.2f}"
        if "extract" in r:
            line += (f"{r['session']:>9.1f}{r['articles'] / r['extract']:>11.2f}"
                     f"{r['articles'] / r['link']:>9.1f}{r['driver']:>10.1f}")
        else:
            line += f"{'-':>9}{'-':>11}{'-':>9}{'-':>10}"
        print(line + f"{r['worker_mb']:>11.0f}")
    one, two = runs["local[1]"], runs["local[2]"]
    rate = {name: r["articles"] / r["seconds"] for name, r in runs.items()}
    local = rate["ingest --workers 2"]
    print(f"whole runs: local[2] / local[1] {rate['local[2]'] / rate['local[1]']:.2f}x (goal "
          f"1.7x); local[2] / ingest --workers 2 {rate['local[2]'] / local:.2f}x (goal 0.8x)")
    extract = {name: r["articles"] / r["extract"] for name, r in (("one", one), ("two", two))}
    print(f"extraction alone (executors, after the session started): local[2] / local[1] "
          f"{extract['two'] / extract['one']:.2f}x; local[2] / ingest --workers 2 "
          f"{extract['two'] / local:.2f}x")
    per_core = extract["one"]
    link_rate = {name: r["articles"] / r["link"] for name, r in (("one", one), ("two", two))}
    core_hours = TEN_MILLION / per_core / 3600
    print(f"10 million articles: {core_hours:,.0f} core-hours of extraction at {per_core:.2f} "
          f"articles/s per core (local[1]); on 100 cores {core_hours / 100:.1f} h, on 1,000 "
          f"cores {core_hours / 1000:.1f} h. Linking stories (Spark jobs) ran at "
          f"{link_rate['one']:.0f} articles/s on local[1] and {link_rate['two']:.0f} on "
          f"local[2]: {TEN_MILLION / link_rate['one'] / 3600:.1f} core-hours for 10 million "
          "at that rate, spread over the cluster's cores.")


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())

if __name__ == "__main__":
    main()
