"""The response cache: time to live, size bound, single flight, and clearing on writes."""

from __future__ import annotations

import threading
import time

import pytest

from dateline.web import cache as cache_module
from dateline.web.cache import ResponseCache


def test_cache_answers_within_its_lifetime_then_recomputes(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(cache_module.time, "monotonic", lambda: now[0])
    cache = ResponseCache(seconds=2)
    calls = []

    def compute():
        calls.append(1)
        return f"answer {len(calls)}".encode()

    assert cache.get("k", compute) == b"answer 1"
    now[0] += 1.9
    assert cache.get("k", compute) == b"answer 1" and cache.peek("k") == b"answer 1"
    now[0] += 0.2
    assert cache.peek("k") is None
    assert cache.get("k", compute) == b"answer 2"
    assert (cache.hits, cache.misses) == (2, 2)


def test_cache_off_computes_every_time():
    cache = ResponseCache(seconds=0)
    answers = iter([b"1", b"2"])
    assert cache.get("k", lambda: next(answers)) == b"1"
    assert cache.get("k", lambda: next(answers)) == b"2"
    assert cache.peek("k") is None


def test_cache_keeps_the_most_recent_keys():
    cache = ResponseCache(seconds=60, max_entries=2)
    for key in ("a", "b", "a", "c"):  # reading "a" again makes "b" the oldest
        cache.get(key, lambda k=key: k.encode())
    assert cache.peek("a") == b"a" and cache.peek("c") == b"c" and cache.peek("b") is None


def test_cache_does_not_keep_huge_answers(monkeypatch):
    monkeypatch.setattr(cache_module, "MAX_ENTRY_BYTES", 10)
    cache = ResponseCache(seconds=60)
    assert cache.get("big", lambda: b"x" * 11) == b"x" * 11
    assert cache.peek("big") is None


def test_cache_computes_once_for_concurrent_callers():
    cache = ResponseCache(seconds=60)
    started, release = threading.Event(), threading.Event()
    calls = []

    def slow():
        calls.append(1)
        started.set()
        release.wait(5)
        return b"once"

    results = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("k", slow)))
               for _ in range(8)]
    threads[0].start()
    started.wait(5)
    for t in threads[1:]:
        t.start()
    time.sleep(0.05)
    release.set()
    for t in threads:
        t.join(5)
    assert results == [b"once"] * 8 and len(calls) == 1


def test_cache_errors_are_raised_not_kept():
    cache = ResponseCache(seconds=60)

    def broken():
        raise LookupError("no such row")

    with pytest.raises(LookupError):
        cache.get("k", broken)
    assert cache.peek("k") is None
    assert cache.get("k", lambda: b"fine") == b"fine"


def test_cache_drops_an_answer_computed_across_a_clear():
    cache = ResponseCache(seconds=60)

    def compute_then_write():
        cache.clear()  # a write lands while the answer is being computed
        return b"stale"

    assert cache.get("k", compute_then_write) == b"stale"
    assert cache.peek("k") is None


def test_cache_answers_a_recently_expired_answer_and_asks_one_caller_to_refresh(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(cache_module.time, "monotonic", lambda: now[0])
    cache = ResponseCache(seconds=2)
    assert cache.stale("k", 60) == (None, False)           # never computed
    cache.get("k", lambda: b"old")
    assert cache.stale("k", 60) == (b"old", False)         # fresh: nothing to do
    now[0] += 30
    assert cache.stale("k", 60) == (b"old", True)          # expired: this caller refreshes
    assert cache.stale("k", 60) == (b"old", False)         # the others are answered meanwhile
    cache.refresh("k", lambda: b"new")
    assert cache.stale("k", 60) == (b"new", False) and cache.peek("k") == b"new"
    now[0] += 63
    assert cache.stale("k", 60) == (None, False)           # too old: computed while waiting
    cache.clear()
    assert cache.stale("k", 1e9) == (None, False)
    assert ResponseCache(seconds=0).stale("k", 60) == (None, False)


def test_cache_refresh_that_fails_lets_the_next_caller_refresh():
    cache = ResponseCache(seconds=0.01)
    cache.get("k", lambda: b"old")
    time.sleep(0.02)
    assert cache.stale("k", 60) == (b"old", True)

    def broken():
        raise RuntimeError("store gone")

    with pytest.raises(RuntimeError):
        cache.refresh("k", broken)
    assert cache.stale("k", 60) == (b"old", True)
