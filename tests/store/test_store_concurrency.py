"""Two writers on one store at once: both finish, nothing is missing or stored twice.

Each writer has its own Store (its own engine and connections), as two `dateline ingest`
processes would; threads start them together so their transactions overlap. psycopg and
sqlite3 release the GIL while the database works, so the writes really interleave.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from dateline.records import Doc
from dateline.runners import ingest
from dateline.serialize import doc_to_dict
from dateline.settings import Settings
from dateline.store import Store, open_store
from dateline.store.engine import run_write

from .sample_docs import numbered_docs


def run_together(*jobs: Callable[[], Any]) -> list[Any]:
    """Run the jobs in threads started at the same moment; return results, raise errors."""
    start = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)
    errors: list[BaseException] = []

    def work(i: int, job: Callable[[], Any]) -> None:
        try:
            start.wait()
            results[i] = job()
        except BaseException as exc:  # handed to the test below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a writer hung"
    if errors:
        raise errors[0]
    return results


def export(url: str) -> list[dict[str, Any]]:
    """Every stored Doc as extraction JSON, in id order, plus the failure origins."""
    with open_store(url) as store:
        docs = sorted((doc_to_dict(d) for d in store.iter_docs()), key=lambda d: d["article"]["id"])
        failures = store.execute(sa.text("SELECT origin, error FROM failures ORDER BY origin"))
    return [*docs, *failures]


def single_writer(tmp_path: Path, write: Callable[[str], Any]) -> tuple[dict[str, int], list]:
    url = f"sqlite:///{tmp_path / 'single.db'}"
    write(url)
    with open_store(url) as store:
        counts = store.counts()
    return counts, export(url)


def without_runs(counts: dict[str, int]) -> dict[str, int]:
    return {k: v for k, v in counts.items() if k != "runs"}


def save_each(url: str, docs: list[Doc], extractor: str = "x") -> list[str]:
    """Store Docs one transaction each, as the ingest runner does."""
    with open_store(url) as store:
        return [store.save(doc, extractor=extractor, origin=f"corpus/{doc.article.id}")
                for doc in docs]


def test_store_concurrent_writers_of_overlapping_docs_store_each_once(store_url, tmp_path):
    docs = numbered_docs(48)
    # Both start on the 24 articles they share, in the same order, to meet on every one.
    first, second = docs[:36], docs[:24] + docs[36:]
    outcomes = run_together(lambda: save_each(store_url, first),
                            lambda: save_each(store_url, second))
    inserted = sum(o.count("inserted") for o in outcomes)
    unchanged = sum(o.count("unchanged") for o in outcomes)
    assert (inserted, unchanged) == (48, 24)
    with open_store(store_url) as store:
        counts = store.counts()
    expected_counts, expected = single_writer(tmp_path, lambda url: save_each(url, docs))
    assert counts == expected_counts and counts["articles"] == 48
    assert export(store_url) == expected


def test_store_concurrent_writers_replacing_one_extractor_keep_one_version(store_url, tmp_path):
    docs = numbered_docs(20)
    save_each(store_url, docs, extractor="v1")
    outcomes = run_together(lambda: save_each(store_url, docs, extractor="v2"),
                            lambda: save_each(store_url, docs[::-1], extractor="v2"))
    assert sorted(o for run in outcomes for o in run) == ["replaced"] * 20 + ["unchanged"] * 20
    with open_store(store_url) as store:
        assert set(store.stored_extractors(d.article.id for d in docs).values()) == {"v2"}
        counts = store.counts()
    expected_counts, expected = single_writer(tmp_path, lambda url: save_each(url, docs, "v2"))
    assert counts == expected_counts
    assert export(store_url) == expected


def test_store_concurrent_failures_of_one_input_keep_one_row(store_url):
    origins = [f"feed.xml#{i}" for i in range(30)]
    writers = [open_store(store_url), open_store(store_url)]  # opened (migrated) beforehand

    def fail_all(store: Store) -> Callable[[], None]:
        def job() -> None:
            for origin in origins:
                store.record_failure(origin=origin, stage="ingest", error="FormatError",
                                     message="bad")
        return job

    run_together(*(fail_all(w) for w in writers))
    assert writers[0].counts()["failures"] == 30
    for writer in writers:
        writer.close()


def write_corpus(path: Path, texts: list[str]) -> str:
    path.write_text("".join(json.dumps({"text": t, "published": "2026-03-01"}) + "\n"
                            for t in texts), encoding="utf-8")
    return str(path)


def test_store_concurrent_ingests_of_overlapping_corpora_lose_nothing(store_url, tmp_path):
    # The ingest runner end to end (reading, skipping what is stored, writing, failure rows,
    # runs), with no stages so no model is loaded: the writes are what is tested here.
    texts = [f"Officials in district {i} said on Monday that the bridge would reopen."
             for i in range(40)]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    both_bad = [tmp_path / name / "empty.txt" for name in ("a", "b")]
    for bad in both_bad:
        bad.write_text("")
    a = [write_corpus(tmp_path / "a" / "corpus.jsonl", texts[:30]), str(both_bad[0])]
    b = [write_corpus(tmp_path / "b" / "corpus.jsonl", texts[10:]), str(both_bad[1])]
    settings = Settings(stages=())

    def run(sources: list[str], url: str) -> Any:
        with open_store(url) as store:
            return ingest(sources, store, settings)

    results = run_together(lambda: run(a, store_url), lambda: run(b, store_url))
    assert sum(r.counts.stored for r in results) == 40
    assert sum(r.counts.unchanged for r in results) == 20
    assert [r.counts.failed for r in results] == [1, 1]
    with open_store(store_url) as store:
        counts = store.counts()
        statuses = [r["status"] for r in store.runs()]
    assert statuses == ["done", "done"]
    expected_counts, expected = single_writer(tmp_path, lambda url: (run(a, url), run(b, url)))
    assert without_runs(counts) == without_runs(expected_counts)
    assert counts["articles"] == 40 and counts["failures"] == 2
    assert export(store_url) == expected


@pytest.mark.postgres
def test_store_write_retries_a_transaction_postgres_aborts_in_a_deadlock(postgres_url):
    engine = open_store(postgres_url).engine
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE pair (id int PRIMARY KEY, n int)"))
        conn.execute(sa.text("INSERT INTO pair VALUES (1, 0), (2, 0)"))
    both_hold_one = threading.Barrier(2)
    attempts = {1: 0, 2: 0}

    def bump(first: int, then: int) -> Callable[[sa.Connection], None]:
        def work(conn: sa.Connection) -> None:
            attempts[first] += 1
            conn.execute(sa.text("UPDATE pair SET n = n + 1 WHERE id = :id"), {"id": first})
            if attempts[first] == 1:  # only the first try meets the other writer head-on
                both_hold_one.wait(timeout=30)
            conn.execute(sa.text("UPDATE pair SET n = n + 1 WHERE id = :id"), {"id": then})
        return work

    run_together(lambda: run_write(engine, bump(1, 2)), lambda: run_write(engine, bump(2, 1)))
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT sum(n) FROM pair")).scalar() == 4
    assert sorted(attempts.values()) == [1, 2]  # PostgreSQL aborted one; it ran again
    engine.dispose()
