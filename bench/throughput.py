"""Throughput and memory of the full pipeline against the bare spaCy pipeline, same texts, same process.

    python bench/throughput.py [--corpus data/demo/articles.jsonl] [--passes 2]

Prints articles/s, words/s, the ratio full/bare, and the peak RSS of each phase (the kernel's
high-water mark is reset between phases through /proc/self/clear_refs where Linux allows it).
"""

from __future__ import annotations

import argparse
import json
import os

# As the CLI does: one BLAS thread (see docs/performance.md); must precede the numpy import.
os.environ.setdefault("OMP_NUM_THREADS", "1")
import sys
import time
from pathlib import Path

from common import peak_rss_mb

ROOT = Path(__file__).resolve().parents[1]


def reset_peak() -> bool:
    """Reset the peak RSS mark (Linux >= 4.0); return False where not allowed."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def load_corpus(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _timed(name: str, words: int, work: object) -> tuple[str, float, float, float, bool]:
    resettable = reset_peak()
    start = time.perf_counter()
    count = work()  # type: ignore[operator]
    seconds = time.perf_counter() - start
    return name, count / seconds, words / seconds, peak_rss_mb(), resettable


def _bench_bare(nlp: object, texts: list[str], words: int,
                batch_size: int) -> tuple[str, float, float, float, bool]:
    list(nlp.pipe(texts[:2], batch_size=batch_size))  # type: ignore[attr-defined]
    return _timed("bare spaCy nlp.pipe", words,
                  lambda: sum(1 for _ in nlp.pipe(texts, batch_size=batch_size)))  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "demo" / "articles.jsonl")
    parser.add_argument("--passes", type=int, default=2)
    args = parser.parse_args()

    from dateline.ingest.article import make_article
    from dateline.pipeline import Pipeline
    from dateline.settings import Settings

    settings = Settings()
    records = load_corpus(args.corpus)
    articles = [make_article(r["text"], published=r.get("published"), title=r.get("title"))
                for r in records]
    texts = [a.text for a in articles] * args.passes
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(records)} articles x {args.passes} passes, {words:,} words; "
          f"batch_size {settings.batch_size}; model {settings.model}")

    import gc

    import spacy

    rows = []
    rows.append(_bench_bare(spacy.load(settings.model), texts, words, settings.batch_size))
    gc.collect()  # the bare pipeline is gone; measure dateline without it in memory
    pipeline = Pipeline.from_settings(settings)
    list(pipeline.pipe(articles[:2]))  # warm up: model, gazetteer, date parser load lazily
    rows.append(_timed("dateline pipeline", words,
                       lambda: sum(1 for _ in pipeline.pipe(articles * args.passes))))
    bare_rate = rows[0][1]
    print(f"{'run':<22}{'articles/s':>12}{'words/s':>10}{'ratio':>8}{'peak RSS MB':>13}")
    for name, rate, wps, rss, resettable in rows:
        mark = "" if resettable else " (process peak)"
        print(f"{name:<22}{rate:>12.2f}{wps:>10.0f}{rate / bare_rate:>8.2f}{rss:>13.0f}{mark}")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
