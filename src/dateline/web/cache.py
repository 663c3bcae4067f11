"""A short-lived cache of API answers: the same question asked again within seconds is answered
from memory, and only one request at a time computes a given answer.

Dashboards and scripts ask the same few questions over and over (this week's events in a
country, the first page of quotes). Without a cache each of 50 clients asking runs the same
database query, and on a laptop's two cores they queue behind one another; with it, the query
runs once per ``seconds`` per distinct URL and the rest of the requests cost what encoding the
HTTP answer costs. The price is staleness: an answer may be up to ``seconds`` behind an ingest
running in another process. The app's own writes (POST /api/articles, stored uploads) clear the
cache at once. ``seconds = 0`` turns it off.

Pages may also be answered stale (``stale``/``refresh``): an answer that expired a little while
ago is sent at once while one request computes it again in the background, so a busy page
never makes its readers wait for a render once it has been shown.

Hand-written because what it needs (a TTL, an LRU bound, and single flight across the worker
threads of one process) is a few lines on top of ``OrderedDict``, while cache libraries bring a
TTL or an LRU but no single flight.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

DEFAULT_SECONDS = 2.0
# Answers bigger than this are not kept: a few large pages would push out many small ones.
MAX_ENTRY_BYTES = 1_000_000


class ResponseCache:
    """Encoded answers by key, each kept ``seconds``; at most ``max_entries`` of them."""

    def __init__(self, seconds: float = DEFAULT_SECONDS, max_entries: int = 512) -> None:
        self.seconds = seconds
        self.max_entries = max_entries
        self._entries: OrderedDict[str, tuple[float, bytes]] = OrderedDict()
        self._running: dict[str, threading.Event] = {}
        self._refreshing: set[str] = set()   # keys some caller of stale() is computing again
        self._lock = threading.Lock()
        self._generation = 0  # bumped by clear(): an answer computed before a write is dropped
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.seconds > 0

    def peek(self, key: str) -> bytes | None:
        """Return a fresh answer for ``key`` without waiting, or None."""
        if not self.enabled:
            return None
        with self._lock:
            found = self._entries.get(key)
            if found is None or found[0] <= time.monotonic():
                return None
            self._entries.move_to_end(key)
            self.hits += 1
            return found[1]

    def stale(self, key: str, within: float) -> tuple[bytes | None, bool]:
        """Return an answer for ``key`` without waiting, and whether the caller is to compute
        it again (``refresh``): a fresh answer, False; one that expired less than ``within``
        seconds ago, True for the first caller to find it so (False for the others while that
        one computes); else (None, False)."""
        if not self.enabled:
            return None, False
        with self._lock:
            found = self._entries.get(key)
            now = time.monotonic()
            if found is None or found[0] + within <= now:
                return None, False
            self.hits += 1
            if found[0] > now or key in self._refreshing:
                return found[1], False
            self._refreshing.add(key)
            return found[1], True

    def refresh(self, key: str, compute: Callable[[], bytes]) -> None:
        """Compute ``key``'s answer again and keep it: what a caller told so by ``stale`` does
        (blocks: call it from a worker thread)."""
        try:
            self.get(key, compute)
        finally:
            with self._lock:
                self._refreshing.discard(key)

    def get(self, key: str, compute: Callable[[], bytes]) -> bytes:
        """Return the cached answer for ``key``, or compute it; concurrent callers of one key
        wait for the first one's answer instead of computing it again (blocks: call it from a
        worker thread)."""
        if not self.enabled:
            return compute()
        fresh = self.peek(key)
        if fresh is not None:
            return fresh
        with self._lock:
            generation = self._generation
            running = self._running.get(key)
            if running is None:
                running = self._running[key] = threading.Event()
                owner = True
            else:
                owner = False
        if not owner:
            running.wait(timeout=60)
            found = self.peek(key)
            return found if found is not None else compute()
        try:
            self.misses += 1
            answer = compute()
            with self._lock:
                if len(answer) <= MAX_ENTRY_BYTES and generation == self._generation:
                    self._entries[key] = (time.monotonic() + self.seconds, answer)
                    self._entries.move_to_end(key)
                    while len(self._entries) > self.max_entries:
                        self._entries.popitem(last=False)
            return answer
        finally:
            with self._lock:
                self._running.pop(key, None)
            running.set()

    def clear(self) -> None:
        """Forget every answer (after a write)."""
        with self._lock:
            self._entries.clear()
            self._generation += 1
