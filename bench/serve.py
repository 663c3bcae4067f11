"""Load check of the HTTP API: requests/s and latency of /api/events?country=... under 50 clients.

    python bench/serve.py [--db /tmp/bench-query.db --keep] [--clients 50] [--requests 5000]
                          [--workers 1] [--country US] [--search]
    python bench/serve.py --lists [--db ... --keep] [--page-clients 10] [--page-requests 300]
    python bench/serve.py --lists --vary [--db ... --keep] [--cache-seconds 0] [--shapes ...]
    python bench/serve.py --search --vary [--db ... --keep] [--cache-seconds 0]

``--lists`` measures the list pages instead (each with its total, facet counts and, for events,
the time axis: the first view of each page, then a load over them) and downloads of every
article as CSV and Parquet (100,000 rows) and of two event types as CSV, with the server's
peak memory before and after.

``--vary`` asks each URL once (bench/mixes.py): list pages with distinct filter combinations
(types, countries, months, days, sorts, page sizes, a publisher, a word), first one at a time
(``--page-requests`` of them), then from ``--page-clients`` clients (as many others); searches
with distinct words. No answer can come from the response cache, as when analysts each send
their own filters; figures are printed per shape of filter too.

``--search`` times full-text search instead: ``GET /api/search?q=...`` (every kind with its
total, ten rows each), the clients cycling through SEARCHES, so each answer is computed (use
``--cache-seconds 0`` too, or repeated words are answered from the cache).

The store is the synthetic 100,000-article SQLite store of bench/query.py (built the same way,
or reused with --keep). ``dateline serve`` runs in its own process(es) on a free loopback port;
the clients run here, in asyncio loops over httpx spread over 10 processes, each sending
its next request as soon as the previous answer is in (a closed loop: latency includes waiting
behind the other clients). The server and the clients share this machine's CPUs; the CPU time
each side spends per request is printed with the figures.
After a warm-up, ``--requests`` requests are timed; every answer must be 200 with 50 rows.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from common import bench_module

ROOT = Path(__file__).resolve().parents[1]
# Searches as an analyst types them: one rare word, common words, a name, two words in any order.
SEARCHES = ("Brasília", "police", "killed", "president said", "crane Mecca", "Airbus",
            "earthquake", "NATO", "refugees Afghanistan", "Ottawa")


def bench_query() -> Any:
    """bench/query.py as a module: the synthetic store is built exactly as it builds it."""
    return bench_module("query")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def country_events(db: Path, country: str) -> int:
    """Return how many events the store has in ``country`` (a full page holds at most 50)."""
    import sqlalchemy as sa

    from dateline.store import open_store

    with open_store(str(db)) as store, store.engine.connect() as conn:
        return int(conn.execute(sa.text("SELECT count(*) FROM events WHERE country = :c"),
                                {"c": country}).scalar() or 0)


def busiest_country(db: Path) -> str:
    import sqlalchemy as sa

    from dateline.store import open_store

    with open_store(str(db)) as store, store.engine.connect() as conn:
        return str(conn.execute(sa.text(
            "SELECT country FROM events WHERE country != '' GROUP BY country "
            "ORDER BY count(*) DESC LIMIT 1")).scalar())


def start_server(db: Path, port: int, workers: int, cache_seconds: float
                 ) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "dateline", "serve", "--db", str(db), "--port", str(port),
               "--workers", str(workers), "--cache-seconds", str(cache_seconds)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True)
    import httpx

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"dateline serve exited: {server.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    stop_server(server)
    raise SystemExit("dateline serve did not answer within 120 s")


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server process and its children (the workers)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields[2] is the parent pid, fields[11:13] utime and stime (man 5 proc).
        if int(proc.name) == pid or int(fields[1]) == pid:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def server_peak_rss(pid: int) -> float:
    """Peak resident memory (MB) of the server process and its workers, the largest one."""
    peaks = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            status = (proc / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        if int(proc.name) == pid or fields.get("PPid", "").strip() == str(pid):
            peaks.append(int(fields.get("VmHWM", "0 kB").split()[0]) / 1024)
    return max(peaks, default=0.0)


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


async def load(urls: list[str], clients: int, total: int, expect_rows: int
               ) -> tuple[list[float], float, float, int, float]:
    """Send ``total`` requests from ``clients`` concurrent clients, cycling through ``urls``;
    return latencies (ms), the start and end (wall clock), the number of bad answers and the
    CPU seconds used here. ``expect_rows`` 0: any 200 JSON answer is good."""
    import httpx

    latencies: list[float] = []
    bad = 0
    remaining = total

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal remaining, bad
        checked = False
        while remaining > 0:
            remaining -= 1
            start = time.perf_counter()
            response = await http.get(urls[remaining % len(urls)])
            latencies.append((time.perf_counter() - start) * 1000)
            # Every answer is read in full; decoding the JSON is the client's work, not the
            # server's, so each client checks the rows of its first answer only.
            ok = response.status_code == 200 and response.content.startswith(
                b'{"data":[' if expect_rows else b'{"q":')
            if ok and not checked and expect_rows:
                ok = len(response.json()["data"]) == expect_rows
                checked = True
            bad += not ok

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    cpu = time.process_time()
    async with httpx.AsyncClient(limits=limits, timeout=60) as http:
        started = time.time()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        ended = time.time()
    return latencies, started, ended, bad, time.process_time() - cpu


def run_load(job: tuple[list[str], int, int, int]
             ) -> tuple[list[float], float, float, int, float]:
    urls, clients, total, rows = job
    # The clients stand in for other machines: on a shared laptop they must not starve the
    # server of CPU, or the figures measure the scheduler rather than the server.
    os.nice(10)
    return asyncio.run(load(urls, clients, total, rows))


def load_from_processes(urls: list[str], clients: int, total: int, processes: int, rows: int
                        ) -> tuple[list[float], float, int, float]:
    """Spread the clients over ``processes`` client processes, so that the clients' own CPU
    (httpx in Python costs more per request than the server does) is not what is measured."""
    from concurrent.futures import ProcessPoolExecutor

    # Distinct URLs (--vary), as many as requests: each process asks its own share of them.
    shares = [(urls[i::processes] if len(urls) >= total else urls,
               clients // processes + (i < clients % processes),
               total // processes + (i < total % processes), rows) for i in range(processes)]
    with ProcessPoolExecutor(processes) as pool:
        results = list(pool.map(run_load, shares))
    latencies = [ms for r in results for ms in r[0]]
    wall = max(r[2] for r in results) - min(r[1] for r in results)
    return latencies, wall, sum(r[3] for r in results), sum(r[4] for r in results)


# List pages and downloads -------------------------------------------------------------------


def list_page_urls(db: Path) -> list[str]:
    """Event list pages as analysts open them: unfiltered, by country, by type (two at once),
    sorted by type, and a date range; each with its total, facets and time axis."""
    import sqlalchemy as sa

    from dateline.store import open_store

    with open_store(str(db)) as store, store.engine.connect() as conn:
        countries = [r[0] for r in conn.execute(sa.text(
            "SELECT country FROM events WHERE country != '' GROUP BY country "
            "ORDER BY count(*) DESC LIMIT 6"))]
    return ["/events", "/events?type=ASSAULT&type=PROTEST", "/events?sort=type",
            "/events?since=2025-06&until=2025-08", "/articles", "/quotes", "/claims",
            *(f"/events?country={c}" for c in countries)]


async def page_load(base: str, urls: list[str], clients: int, total: int) -> list[float]:
    """Request the pages round-robin from ``clients`` clients; return latencies (ms)."""
    import httpx

    latencies: list[float] = []
    sent = 0

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal sent
        while sent < total:
            url = urls[sent % len(urls)]
            sent += 1
            start = time.perf_counter()
            response = await http.get(base + url)
            latencies.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200 or b'id="list-total"' not in response.content:
                raise SystemExit(f"{url} answered {response.status_code}")

    async with httpx.AsyncClient(timeout=120) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    return latencies


def download(url: str) -> tuple[int, int, float]:
    """Stream a download to nowhere; return (rows, bytes, seconds)."""
    import httpx

    size = lines = 0
    start = time.perf_counter()
    with httpx.stream("GET", url, timeout=600) as response:
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        for chunk in response.iter_bytes():
            size += len(chunk)
            lines += chunk.count(b"\n")
    return lines, size, time.perf_counter() - start


def bench_lists(db: Path, port: int, server: subprocess.Popen[bytes], clients: int,
                requests: int) -> None:
    base = f"http://127.0.0.1:{port}"
    urls = list_page_urls(db)
    print("page: first view (counts the total, facets and time axis) / then p50, p95 of 20 "
          "views one at a time")
    for url in urls:
        cold = asyncio.run(page_load(base, [url], 1, 1))[0]
        warm = asyncio.run(page_load(base, [url], 1, 20))
        print(f"  {url}: {cold:,.0f} ms / {statistics.median(warm):.0f} ms, "
              f"{percentile(warm, .95):.0f} ms")
    events = [u for u in urls if u.startswith("/events")]
    loaded = asyncio.run(page_load(base, events, clients, requests))
    print(f"{len(loaded)} requests over the {len(events)} event pages from {clients} clients: "
          f"p50 {statistics.median(loaded):.0f} ms, p95 {percentile(loaded, .95):.0f} ms, "
          f"p99 {percentile(loaded, .99):.0f} ms")
    before = server_peak_rss(server.pid)
    for url in ("/articles.csv", "/events.csv?type=AGREE&type=ASSAULT", "/articles.parquet"):
        lines, size, seconds = download(base + url)
        rows = f"{lines - 1:,} CSV lines" if ".csv" in url else "Parquet"
        print(f"GET {url}: {rows}, {size / 1e6:,.1f} MB in {seconds:.1f} s "
              f"({size / 1e6 / seconds:,.1f} MB/s); server peak RSS {before:,.0f} MB before, "
              f"{server_peak_rss(server.pid):,.0f} MB after")


async def page_load_each(base: str, urls: list[str], clients: int) -> dict[str, float]:
    """Request each URL once from ``clients`` clients; return its latency (ms) by URL."""
    import httpx

    taken: dict[str, float] = {}
    queue = list(reversed(urls))

    async def client(http: httpx.AsyncClient) -> None:
        while queue:
            url = queue.pop()
            start = time.perf_counter()
            response = await http.get(base + url)
            taken[url] = (time.perf_counter() - start) * 1000
            if response.status_code != 200 or b'id="list-total"' not in response.content:
                raise SystemExit(f"{url} answered {response.status_code}")

    async with httpx.AsyncClient(timeout=120) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    return taken


def bench_varied_lists(db: Path, corpus: Path, port: int, server: subprocess.Popen[bytes],
                       clients: int, requests: int, seed: int,
                       shapes: list[str] | None = None) -> None:
    """Distinct list pages, one at a time then from ``clients`` clients (bench/mixes.py)."""
    mixes = bench_module("mixes")
    base = f"http://127.0.0.1:{port}"
    mix = mixes.list_mix(db, corpus, 2 * requests + 20, seed, shapes)
    shape_of = dict((url, shape) for shape, url in mix)
    urls = [url for _, url in mix]
    asyncio.run(page_load_each(base, urls[:20], 1))   # the server's first requests
    for title, share, n in (("one at a time", urls[20:20 + requests], 1),
                            (f"from {clients} clients", urls[20 + requests:], clients)):
        load_before, cpu_before = os.getloadavg()[0], server_cpu(server.pid)
        taken = asyncio.run(page_load_each(base, share, n))
        cpu = (server_cpu(server.pid) - cpu_before) / len(share) * 1000
        print(f"{len(share)} distinct list pages {title} (load {load_before:.1f} -> "
              f"{os.getloadavg()[0]:.1f}; server CPU {cpu:.0f} ms per page): "
              f"{mixes.summary_line(list(taken.values()), percentile)}")
        shapes = mixes.by_shape([(shape_of[u], ms) for u, ms in taken.items()])
        for shape in mixes.LIST_SHAPES:
            if shape in shapes:
                print(f"  {shape}: {mixes.summary_line(shapes[shape], percentile)}")
        slowest = sorted(taken.items(), key=lambda item: -item[1])[:3]
        print("  slowest: " + ", ".join(f"{u} {ms:,.0f} ms" for u, ms in slowest))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "data" / "demo" / "articles.jsonl")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--db", type=Path, default=None, help="Store file (default: a temp file).")
    parser.add_argument("--keep", action="store_true", help="Reuse --db when it is full already.")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=5000, help="Timed requests.")
    parser.add_argument("--warmup", type=int, default=500)
    parser.add_argument("--workers", type=int, default=1, help="dateline serve --workers.")
    parser.add_argument("--client-processes", type=int, default=10,
                        help="Processes the clients are spread over (httpx spends more CPU per "
                             "request the more connections one client holds).")
    parser.add_argument("--country", help="Default: the country with most events.")
    parser.add_argument("--cache-seconds", type=float, default=2.0,
                        help="dateline serve --cache-seconds (0: every request queries the store).")
    parser.add_argument("--lists", action="store_true",
                        help="Bench the list pages (total, facets, time axis) and downloads of "
                             "100,000 rows instead of the API.")
    parser.add_argument("--page-clients", type=int, default=10)
    parser.add_argument("--page-requests", type=int, default=300)
    parser.add_argument("--search", action="store_true",
                        help="Time GET /api/search?q=... over SEARCHES instead of events.")
    parser.add_argument("--vary", action="store_true",
                        help="Ask each list page or search once: distinct filters and words "
                             "(bench/mixes.py), so the response cache cannot answer.")
    parser.add_argument("--seed", type=int, default=12, help="Seed of the --vary mix.")
    parser.add_argument("--shapes", help="With --lists --vary: draw only these shapes of "
                                         "bench/mixes.py, comma-separated (\"source,source "
                                         "alone,source none,source quotes/claims\").")
    args = parser.parse_args()

    if args.lists:
        db, tmp = bench_query().prepare_store(args.db, args.corpus, args.articles, args.keep)
        port = free_port()
        server = start_server(db, port, args.workers, args.cache_seconds)
        try:
            print(f"{args.articles:,} articles, {args.workers} server process(es), response cache "
                  f"{args.cache_seconds:g} s, {os.cpu_count()} CPUs shared with the clients")
            if args.vary:
                bench_varied_lists(db, args.corpus, port, server, args.page_clients,
                                   args.page_requests, args.seed,
                                   args.shapes.split(",") if args.shapes else None)
            else:
                bench_lists(db, port, server, args.page_clients, args.page_requests)
        finally:
            stop_server(server)
            if tmp is not None:
                tmp.cleanup()
        return

    db, tmp = bench_query().prepare_store(args.db, args.corpus, args.articles, args.keep)
    country = args.country or busiest_country(db)
    port = free_port()
    server = start_server(db, port, args.workers, args.cache_seconds)
    urls = [f"http://127.0.0.1:{port}/api/events?country={country}&limit=50"]
    what = f"GET /api/events?country={country}&limit=50"
    if args.search:
        from urllib.parse import quote

        urls = [f"http://127.0.0.1:{port}/api/search?q={quote(q)}" for q in SEARCHES]
        what = f"GET /api/search?q=... ({len(SEARCHES)} searches in turn)"
        if args.vary:
            words = bench_module("mixes").search_mix(args.corpus, args.warmup + args.requests,
                                                     args.seed)
            urls = [f"http://127.0.0.1:{port}/api/search?q={quote(q)}" for q in words]
            what = f"GET /api/search?q=... ({len(words)} distinct searches, each once)"
    warm_urls, urls = ((urls[:args.warmup], urls[args.warmup:]) if args.vary and args.search
                       else (urls, urls))
    try:
        rows = 0 if args.search else min(50, country_events(db, country))
        load_from_processes(warm_urls, args.clients, args.warmup, args.client_processes, rows)
        server_before = server_cpu(server.pid)
        load_before = os.getloadavg()[0]
        latencies, wall, bad, client_cpu = load_from_processes(
            urls, args.clients, args.requests, args.client_processes, rows)
        server_cpu_s = server_cpu(server.pid) - server_before
        peak_rss = server_peak_rss(server.pid)
    finally:
        stop_server(server)
        if tmp is not None:
            tmp.cleanup()
    print(f"{what} on {args.articles:,} articles, "
          f"{args.clients} concurrent clients in {args.client_processes} process(es), "
          f"{args.workers} server process(es), response cache "
          f"{args.cache_seconds:g} s, "
          f"{os.cpu_count()} CPUs shared with the clients")
    print(f"{len(latencies)} requests in {wall:.1f} s: {len(latencies) / wall:,.0f} requests/s; "
          f"latency p50 {statistics.median(latencies):.1f} ms, p95 {percentile(latencies, .95):.1f} "
          f"ms, p99 {percentile(latencies, .99):.1f} ms, max {max(latencies):.1f} ms; "
          f"{bad} bad answers; load average {load_before:.1f} -> {os.getloadavg()[0]:.1f}")
    print(f"CPU time per request: server {server_cpu_s / len(latencies) * 1000:.2f} ms, "
          f"clients {client_cpu / len(latencies) * 1000:.2f} ms; server peak RSS "
          f"{peak_rss:,.0f} MB")


if __name__ == "__main__":
    main()
