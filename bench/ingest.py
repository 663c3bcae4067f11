"""Ingest throughput: extract-only against `ingest` with 1 and 2 workers, same articles, one run.

    python bench/ingest.py [--corpus data/demo/articles.jsonl] [--copies 4] [--workers 1,2]

The demo corpus is repeated ``--copies`` times (each copy's texts made distinct, so every copy
is a new article) to give the workers enough to do. For each ingest it prints the articles/s
over the whole run (reading, worker start-up with its model load, extraction, writing) and in
steady state (from the first stored article to the last), and the share of the run the single
writer spent in store transactions.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_corpus(source: Path, copies: int, out: Path) -> int:
    """Write ``copies`` copies of the corpus as JSON Lines, each text made unique; return count."""
    lines = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    count = 0
    with out.open("w", encoding="utf-8") as stream:
        for copy in range(copies):
            for record in lines:
                # A trailing line keeps the article's content while giving it a new content id.
                record = {**record, "text": record["text"] + f"\n\n(Archive copy {copy + 1}.)"}
                stream.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    return count


def extract_only(corpus: Path) -> tuple[int, float, float]:
    """Time the pipeline alone over the articles (model loaded beforehand, as a worker has it)."""
    from dateline.ingest.sources import IngestOptions, Item, read_sources
    from dateline.pipeline import Pipeline
    from dateline.settings import Settings

    settings = Settings()
    articles = [i.article for i in read_sources([str(corpus)], IngestOptions())
                if isinstance(i, Item)]
    pipeline = Pipeline.from_settings(settings)
    list(pipeline.pipe(articles[:2]))  # load the model and warm up
    start, cpu = time.perf_counter(), time.process_time()
    done = sum(1 for _ in pipeline.pipe(articles, on_error="record"))
    return done, time.perf_counter() - start, time.process_time() - cpu


def run_ingest(corpus: Path, workers: int, folder: Path) -> dict[str, float]:
    from dateline.ingest.sources import IngestOptions
    from dateline.runners import Progress, ingest
    from dateline.settings import Settings
    from dateline.store import open_store

    stamps: list[float] = []

    def watch(progress: Progress) -> None:
        if progress.stored + progress.failed > len(stamps):
            stamps.append(time.perf_counter())

    db = folder / f"ingest-{workers}.db"
    settings = Settings(db=str(db))
    with open_store(str(db)) as store:
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        start, cpu = time.perf_counter(), time.process_time()
        result = ingest([str(corpus)], store, settings, IngestOptions(), workers=workers,
                        on_progress=watch)
        seconds = time.perf_counter() - start
        main_cpu = time.process_time() - cpu
    # Workers are joined when ingest returns, so their CPU time is counted by now.
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    done = result.counts.stored + result.counts.failed
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 2 else 0.0
    return {"articles": done, "seconds": seconds, "rate": done / seconds, "steady": steady,
            "write_share": result.write_seconds / seconds, "failed": result.counts.failed,
            "main_cpu": main_cpu, "worker_cpu": worker_cpu}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "demo" / "articles.jsonl")
    parser.add_argument("--copies", type=int, default=4)
    parser.add_argument("--workers", default="1,2", help="Comma-separated worker counts.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dateline-bench-") as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        count = make_corpus(args.corpus, args.copies, corpus)
        print(f"corpus: {count} articles ({args.copies} copies of {args.corpus.name}); "
              f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}; load average "
              f"{os.getloadavg()[0]:.1f} (other work on the machine slows every figure)")
        done, seconds, cpu = extract_only(corpus)
        base = done / seconds
        print(f"{'extract only (1 process, no store)':<36} {base:6.2f} articles/s "
              f"({done} in {seconds:.1f} s; {1000 * cpu / done:.0f} ms CPU/article)")
        for workers in (int(w) for w in args.workers.split(",")):
            f = run_ingest(corpus, workers, folder)
            cpu_each = 1000 * (f["main_cpu"] + f["worker_cpu"]) / f["articles"]
            print(f"{f'ingest --workers {workers}':<36} {f['rate']:6.2f} articles/s "
                  f"({f['articles']:.0f} in {f['seconds']:.1f} s; {f['rate'] / base:.2f}x "
                  f"extract-only); steady {f['steady']:.2f}/s ({f['steady'] / base:.2f}x); "
                  f"store writes {100 * f['write_share']:.1f}% of the run; {cpu_each:.0f} ms "
                  f"CPU/article (writer {1000 * f['main_cpu'] / f['articles']:.0f} ms, with "
                  f"worker start-up); {f['failed']:.0f} failed")
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
