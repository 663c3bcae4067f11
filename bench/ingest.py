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


def extract_only(corpus: Path) -> tuple[int, float]:
    """Time the pipeline alone over the articles (model loaded beforehand, as a worker has it)."""
    from dateline.ingest.sources import IngestOptions, Item, read_sources
    from dateline.pipeline import Pipeline
    from dateline.settings import Settings

    settings = Settings()
    articles = [i.article for i in read_sources([str(corpus)], IngestOptions())
                if isinstance(i, Item)]
    pipeline = Pipeline.from_settings(settings)
    list(pipeline.pipe(articles[:2]))  # load the model and warm up
    start = time.perf_counter()
    done = sum(1 for _ in pipeline.pipe(articles, on_error="record"))
    return done, time.perf_counter() - start


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
        start = time.perf_counter()
        result = ingest([str(corpus)], store, settings, IngestOptions(), workers=workers,
                        on_progress=watch)
        seconds = time.perf_counter() - start
    done = result.counts.stored + result.counts.failed
    steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 2 else 0.0
    return {"articles": done, "seconds": seconds, "rate": done / seconds, "steady": steady,
            "write_share": result.write_seconds / seconds, "failed": result.counts.failed}


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
              f"{os.cpu_count()} CPUs; Python {sys.version.split()[0]}")
        done, seconds = extract_only(corpus)
        base = done / seconds
        print(f"{'extract only (1 process, no store)':<38} {base:7.2f} articles/s "
              f"({done} in {seconds:.1f} s)")
        for workers in (int(w) for w in args.workers.split(",")):
            figures = run_ingest(corpus, workers, folder)
            print(f"{f'ingest --workers {workers}':<38} {figures['rate']:7.2f} articles/s "
                  f"({figures['articles']:.0f} in {figures['seconds']:.1f} s; "
                  f"{figures['rate'] / base:.2f}x extract-only); steady state "
                  f"{figures['steady']:.2f}/s ({figures['steady'] / base:.2f}x); store writes "
                  f"{100 * figures['write_share']:.1f}% of the run; {figures['failed']:.0f} failed")


if __name__ == "__main__":
    main()
