"""Story linking at scale: `dateline link` over a synthetic store, and ingest with linking on/off.

    python bench/link.py [--articles 100000] [--sample 1000] [--spacing-days 30] [--db PATH]
                         [--reuse] [--profile N]

The store is built as bench/query.py builds its store: the demo articles, extracted once,
stored again and again under new ids. Here copy ``k`` of an article is published
``k * --spacing-days`` days after the original, so that with the default (30: more than the
linker's 14-day window plus the nine days the reports of one demo event span) each copy
reports a separate event, as a real archive does, and stories stay news-sized. (With 15 days,
copy ``k``'s last report fell within the window of copy ``k + 1``'s first and the copies of
one demo event chained across the years; with a spacing of 1, bench/query.py's dates, every
copy of an article is a report of the same event one day later.) Copies of an undated demo
article are identical undated texts: the linker makes them duplicates of one report, one
story joined to at most one dated event.

In one run, each leg in its own process (so each peak RSS is its own):
1. ``dateline link`` over the whole store: wall time and peak RSS;
2. ingest of ``--sample`` new articles into that linked store, one transaction per article as
   ``dateline ingest`` writes them, with linking off and then on (each into its own copy of
   the store): articles/s and peak RSS;
3. the overhead linking adds, to the store writes alone and to a whole ingest (the pipeline's
   extraction time per article measured on the demo corpus in the same run).

The load average is printed before and after: on a shared machine wall times stretch with it,
CPU times much less. ``--reuse`` keeps a store built by an earlier run at ``--db`` (same
``--articles``; its stories are rebuilt from scratch by the link leg anyway) instead of
building it again. ``--profile N`` prints cProfile's N costliest functions of the link leg and
of the ingest leg with linking on.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

from common import peak_rss_mb

ROOT = Path(__file__).resolve().parents[1]


def clones(docs: list[Any], start: int, total: int, spacing: int) -> list[Any]:
    """Return Docs ``start`` to ``start + total`` of the synthetic stream (copies of the docs)."""
    from dateline.records import content_id

    out = []
    for i in range(start, start + total):
        doc = docs[i % len(docs)]
        copy = i // len(docs)
        published = doc.article.published
        if published is not None:
            published = published + timedelta(days=copy * spacing)
        article = replace(doc.article, id=content_id(doc.article.id, copy), published=published)
        out.append(replace(doc, article=article))
    return out


def extract(corpus: Path) -> tuple[list[Any], float, float]:
    """Extract the demo corpus once; return its Docs, and wall and CPU seconds per article."""
    from dateline.ingest.sources import IngestOptions, Item, read_sources
    from dateline.pipeline import Pipeline
    from dateline.records import Doc

    articles = [i.article for i in read_sources([str(corpus)], IngestOptions())
                if isinstance(i, Item)]
    pipeline = Pipeline.from_settings()
    list(pipeline.pipe(articles[:2]))  # load the model first, as a worker has it
    started, cpu = time.perf_counter(), time.process_time()
    docs = [d for d in pipeline.pipe(articles, on_error="record") if isinstance(d, Doc)]
    seconds = (time.perf_counter() - started) / max(1, len(docs))
    cpu = (time.process_time() - cpu) / max(1, len(docs))
    return [replace(d, parse=None) for d in docs], seconds, cpu


def build(db: Path, docs: list[Any], total: int, spacing: int, batch: int = 5000,
          cache_mb: int = 1024) -> tuple[float, float]:
    """Store the synthetic stream with ``save_many``; return wall and CPU seconds.

    The build is scaffolding, not a measured leg: its connections get a page cache of
    ``cache_mb`` (SQLite's default, 2 MB, made every insert into the large indexes of a big
    store read pages from disk again: 25-35 articles/s at 50,000 articles) and skip syncing.
    """
    import sqlalchemy as sa

    from dateline.store import open_store

    started, cpu = time.perf_counter(), time.process_time()
    with open_store(str(db)) as store:
        @sa.event.listens_for(store.engine, "connect")
        def _bulk(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute(f"PRAGMA cache_size=-{cache_mb * 1024}")
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA temp_store=MEMORY")
            cursor.close()

        store.engine.dispose()  # the pooled connections reconnect with the pragmas above
        for at in range(0, total, batch):
            store.save_many(clones(docs, at, min(batch, total - at), spacing), extractor="bench")
            if at and at % (4 * batch) == 0:
                print(f"  built {at:,} articles in {time.perf_counter() - started:.0f} s",
                      flush=True)
    return time.perf_counter() - started, time.process_time() - cpu


# Legs, each run in a child process ----------------------------------------------------------


def leg_link(db: Path, profile: int = 0) -> dict[str, Any]:
    import sqlalchemy as sa

    from dateline.store import open_store
    from dateline.store.linking import relink

    cpu = time.process_time()
    with open_store(str(db)) as store:
        if profile:  # where the time goes, on standard error (times inflated by the profiler)
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            result = profiler.runcall(relink, store, batch=500)
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(profile)
        else:
            result = relink(store, batch=500)
        cpu = time.process_time() - cpu
        sizes = store.execute(sa.text(
            "SELECT max(article_count) AS biggest, avg(article_count) AS mean FROM stories"))[0]
    return {"seconds": result.seconds, "cpu": cpu, "articles": result.articles,
            "stories": result.stories,
            "incidents": result.incidents, "entities": result.entities,
            "biggest_story": sizes["biggest"], "mean_story": float(sizes["mean"] or 0),
            "peak_mb": peak_rss_mb()}


def leg_ingest(db: Path, docs_file: Path, link: bool, profile: int = 0) -> dict[str, Any]:
    from dateline.store import open_store
    from dateline.store.linking import StoreLinking

    docs = pickle.loads(docs_file.read_bytes())
    with open_store(str(db)) as store:
        linking = StoreLinking(store) if link else None

        def ingest() -> None:
            for doc in docs:  # one transaction per article, as the ingest runner writes
                store.save(doc, extractor="bench")
                if linking is not None:
                    linking.link([doc])
            if linking is not None:
                linking.close()

        started, cpu = time.perf_counter(), time.process_time()
        if profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.runcall(ingest)
            pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(profile)
        else:
            ingest()
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {"seconds": seconds, "cpu": cpu, "articles": len(docs), "peak_mb": peak_rss_mb()}


def load() -> str:
    """Return the load average (1, 5 and 15 minutes), to say how busy the machine was."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def stored(db: Path) -> int:
    """Return how many articles a store built earlier holds (0 when there is none)."""
    if not db.exists():
        return 0
    import sqlite3

    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def child(args: list[str]) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True,
                          check=False)
    if proc.returncode != 0:
        raise SystemExit(f"leg {args[:2]} failed:\n{proc.stderr}")
    if "--profile" in args and args[args.index("--profile") + 1] != "0":
        print(proc.stderr, file=sys.stderr)
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "demo" / "articles.jsonl")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--sample", type=int, default=1000)
    parser.add_argument("--spacing-days", type=int, default=30)
    parser.add_argument("--db", type=Path, default=None, help="Store file (default: temp).")
    parser.add_argument("--reuse", action="store_true",
                        help="Keep the store at --db when it holds --articles articles already.")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="Profile `dateline link` and ingest with linking (cProfile) and "
                             "print the N costliest functions of each.")
    parser.add_argument("--leg", choices=["link", "ingest-on", "ingest-off"], help=argparse.SUPPRESS)
    parser.add_argument("--docs", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.leg == "link":
        print(json.dumps(leg_link(args.db, args.profile)))
        return
    if args.leg in ("ingest-on", "ingest-off"):
        print(json.dumps(leg_ingest(args.db, args.docs, args.leg == "ingest-on",
                                    args.profile if args.leg == "ingest-on" else 0)))
        return

    print(f"load average before: {load()} ({os.cpu_count()} CPUs), "
          f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}", flush=True)
    tmp = tempfile.TemporaryDirectory(prefix="dateline-link-bench-")
    folder = Path(tmp.name)
    db = args.db or folder / "bench.db"
    reuse = args.reuse and args.db is not None and stored(db) == args.articles
    if not reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    docs, extract_seconds, extract_cpu = extract(args.corpus)
    print(f"extraction: {1 / extract_seconds:.2f} articles/s ({extract_seconds * 1000:.0f} ms "
          f"per article, CPU {extract_cpu * 1000:.0f} ms; {len(docs)} demo articles)", flush=True)
    if reuse:
        print(f"reusing the {args.articles:,}-article store at {db}")
    else:
        seconds, cpu = build(db, docs, args.articles, args.spacing_days)
        print(f"built {args.articles:,} articles in {seconds:.0f} s, CPU {cpu:.0f} s "
              f"({args.articles / seconds:,.0f} articles/s; save_many, not linked)", flush=True)

    linked = child(["--leg", "link", "--db", str(db), "--profile", str(args.profile)])
    print(f"dateline link: {linked['articles']:,} articles in {linked['seconds']:.0f} s "
          f"({linked['articles'] / linked['seconds']:,.0f} articles/s; CPU {linked['cpu']:.0f} s,"
          f" {linked['cpu'] / linked['articles'] * 1000:.1f} ms per article) -> "
          f"{linked['stories']:,} "
          f"stories (mean {linked['mean_story']:.2f} articles, biggest {linked['biggest_story']})"
          f", {linked['incidents']:,} incidents, {linked['entities']:,} canonical entities; "
          f"peak RSS {linked['peak_mb']:.0f} MB", flush=True)

    sample = clones(docs, args.articles, args.sample, args.spacing_days)
    docs_file = folder / "sample.pickle"
    docs_file.write_bytes(pickle.dumps(sample))
    legs = {}
    for leg in ("ingest-off", "ingest-on"):
        copy = folder / f"{leg}.db"
        for suffix in ("", "-wal"):
            if Path(f"{db}{suffix}").exists():
                shutil.copyfile(f"{db}{suffix}", f"{copy}{suffix}")
        legs[leg] = child(["--leg", leg, "--db", str(copy), "--docs", str(docs_file),
                           "--profile", str(args.profile)])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
        rate = legs[leg]["articles"] / legs[leg]["seconds"]
        print(f"{leg}: {args.sample:,} articles into the {args.articles:,}-article store, "
              f"{rate:,.1f} articles/s ({1000 / rate:.1f} ms per article; CPU "
              f"{legs[leg]['cpu'] / args.sample * 1000:.1f} ms), peak RSS "
              f"{legs[leg]['peak_mb']:.0f} MB", flush=True)
    off = legs["ingest-off"]["seconds"] / args.sample
    on = legs["ingest-on"]["seconds"] / args.sample
    print(f"linking adds {(on - off) * 1000:.1f} ms per article: {on / off - 1:+.0%} to the "
          f"store writes alone, {(on - off) / (extract_seconds + off):+.1%} to a whole ingest "
          f"(extraction {extract_seconds * 1000:.0f} ms + writes {off * 1000:.1f} ms per article)")
    cpu_off = legs["ingest-off"]["cpu"] / args.sample
    cpu_on = legs["ingest-on"]["cpu"] / args.sample
    print(f"in CPU time: linking adds {(cpu_on - cpu_off) * 1000:.1f} ms per article, "
          f"{(cpu_on - cpu_off) / (extract_cpu + cpu_off):+.1%} to a whole ingest (extraction "
          f"{extract_cpu * 1000:.0f} ms CPU per article)")
    print(f"load average after: {load()}")
    tmp.cleanup()


if __name__ == "__main__":
    main()
