"""Query latency on a synthetic 100,000-article SQLite store built from repeated demo docs.

    python bench/query.py [--articles 100000] [--db /tmp/bench-query.db] [--keep]

The demo corpus is extracted once; its Docs are then stored again and again under new article
ids, with publication dates spread over two years, until the store holds ``--articles``
articles. Each query runs once to warm the page cache, then ``--repeat`` times; the median and
the slowest run are printed. With ``--keep`` an existing store of the right size is reused.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def demo_docs(corpus: Path) -> list[Any]:
    from dateline.ingest.sources import IngestOptions, Item, read_sources
    from dateline.pipeline import Pipeline
    from dateline.records import Doc

    articles = [i.article for i in read_sources([str(corpus)], IngestOptions())
                if isinstance(i, Item)]
    pipeline = Pipeline.from_settings()
    return [d for d in pipeline.pipe(articles, on_error="record") if isinstance(d, Doc)]


def clones(docs: list[Any], total: int) -> Iterator[Any]:
    """Yield ``total`` Docs: the demo docs under new ids, one day later per round, over 2 years."""
    from dateline.records import content_id

    for i in range(total):
        doc = docs[i % len(docs)]
        round_ = i // len(docs)
        published = doc.article.published
        if published is not None:
            published = published + timedelta(days=round_ % 730)
        article = replace(doc.article, id=content_id(doc.article.id, round_), published=published)
        yield replace(doc, article=article)


def build(db: Path, corpus: Path, total: int, batch: int = 2000) -> float:
    from dateline.store import open_store

    docs = demo_docs(corpus)
    start = time.perf_counter()
    with open_store(str(db)) as store:
        stream = clones(docs, total)
        while True:
            chunk = [d for _, d in zip(range(batch), stream, strict=False)]
            if not chunk:
                break
            store.save_many(chunk, extractor="bench")
    return time.perf_counter() - start


def prepare_store(db: Path | None, corpus: Path, articles: int,
                  keep: bool) -> tuple[Path, tempfile.TemporaryDirectory[str] | None]:
    """Return the synthetic store's path (built unless --keep finds it full) and its temp dir."""
    from dateline.store import open_store

    tmp = None
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="dateline-bench-")
        db = Path(tmp.name) / "bench.db"
    reuse = keep and db.exists() and open_store(str(db)).counts()["articles"] == articles
    if not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        seconds = build(db, corpus, articles)
        print(f"built {articles:,} articles in {seconds:.0f} s "
              f"({articles / seconds:,.0f} articles/s through save_many)")
    return db, tmp


def timed(run: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    result = run()  # warm the cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "demo" / "articles.jsonl")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None, help="Store file (default: a temp file).")
    parser.add_argument("--keep", action="store_true", help="Reuse --db when it is full already.")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    import sqlalchemy as sa

    from dateline.store import Filters, open_store, query

    db, tmp = prepare_store(args.db, args.corpus, args.articles, args.keep)
    store = open_store(str(db))
    counts = store.counts()
    size = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists())
    print(f"store: {counts['articles']:,} articles, {counts['events']:,} events, "
          f"{counts['quotes']:,} quotes, {counts['entities']:,} entities; {size / 1e6:,.0f} MB")
    with store.engine.connect() as conn:
        country, in_country = conn.execute(sa.text(
            "SELECT country, count(*) FROM events WHERE country != '' GROUP BY country "
            "ORDER BY 2 DESC LIMIT 1")).one()
        busy_month = conn.execute(sa.text(
            "SELECT substr(day, 1, 7) FROM events WHERE country = :c GROUP BY 1 "
            "ORDER BY count(*) DESC LIMIT 1"), {"c": country}).scalar()
        top_type = conn.execute(sa.text(
            "SELECT type FROM events GROUP BY type ORDER BY count(*) DESC LIMIT 1")).scalar()
    print(f"the most frequent event country is {country} with {in_country:,} events\n")

    def deep_page(filters: Filters, pages: int) -> Callable[[], Any]:
        cursor = None
        for _ in range(pages - 1):
            cursor = query(store, "events", filters, limit=50, cursor=cursor).next_cursor
        return lambda: query(store, "events", filters, limit=50, cursor=cursor)

    month = Filters(country=country, since=busy_month, until=busy_month)
    cases: list[tuple[str, Callable[[], Any]]] = [
        (f"events --country {country} (first page of 50)",
         lambda: query(store, "events", Filters(country=country), limit=50)),
        (f"events --country {country} (page 20, by cursor)",
         deep_page(Filters(country=country), 20)),
        (f"events --country {country} --since/--until {busy_month}",
         lambda: query(store, "events", month, limit=50)),
        (f"events --type {top_type} (first page)",
         lambda: query(store, "events", Filters(type=top_type), limit=50)),
        ("events, no filter (first page)", lambda: query(store, "events", limit=50)),
        ("quotes --speaker (substring scan)",
         lambda: query(store, "quotes", Filters(speaker="minister"), limit=50)),
        ("entities --type PERSON (aggregate over the corpus)",
         lambda: query(store, "entities", Filters(type="PERSON"), limit=50)),
    ]
    for name, run in cases:
        median, slowest, page = timed(run, args.repeat)
        print(f"{name:<55} median {median:8.1f} ms  max {slowest:8.1f} ms  "
              f"({len(page.rows)} rows)")
    store.close()
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
