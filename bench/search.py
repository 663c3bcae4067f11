"""Time full-text search on the synthetic store: each search of bench/serve.py, each kind, one
request at a time (no server, no clients), and the /search page in process.

    python bench/search.py [--db /tmp/bench-query.db --keep] [--articles 100000] [--repeat 5]

The store is bench/query.py's (built the same way, or reused with --keep). Each search runs
once to warm the page cache, then ``--repeat`` times; the median is printed, in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path
from typing import Any

from common import bench_module

ROOT = Path(__file__).resolve().parents[1]


def median_ms(run: Any, repeat: int) -> tuple[float, Any]:
    result = run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "demo" / "articles.jsonl")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from fastapi.testclient import TestClient

    from dateline.settings import Settings
    from dateline.store import open_store
    from dateline.store.search import search_kind
    from dateline.store.search_index import KINDS
    from dateline.web import create_app

    db, tmp = bench_module("query").prepare_store(args.db, args.corpus, args.articles, args.keep)
    searches = bench_module("serve").SEARCHES
    print(f"median of {args.repeat} runs, ms; total matches in brackets")
    print("| search | " + " | ".join(KINDS) + " | /api/search | /search page |")
    print("|---" * (len(KINDS) + 3) + "|")
    with open_store(str(db)) as store, TestClient(create_app(Settings(db=str(db)),
                                                             cache_seconds=0)) as client:
        for words in searches:
            cells = []
            for kind in KINDS:
                ms, found = median_ms(lambda k=kind, w=words: search_kind(store, w, k),
                                      args.repeat)
                cells.append(f"{ms:.0f} ({found.total:,})")
            api, _ = median_ms(lambda w=words: client.get("/api/search", params={"q": w}),
                               args.repeat)
            page, _ = median_ms(lambda w=words: client.get("/search", params={"q": w}),
                                args.repeat)
            print(f"| {words} | " + " | ".join(cells) + f" | {api:.0f} | {page:.0f} |")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
