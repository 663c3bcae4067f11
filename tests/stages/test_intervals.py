"""The span index answers what a scan over every span would, in the same order."""

from __future__ import annotations

import random

from dateline.stages.intervals import SpanIndex, cached


def test_intervals_agree_with_a_full_scan():
    rng = random.Random(7)
    spans = []
    for n in range(400):
        start = rng.randrange(0, 5_000)
        spans.append((start, start + rng.choice([0, 1, 5, 40, 300, 2_000]), n))
    index = SpanIndex(spans)
    for _ in range(300):
        lo = rng.randrange(0, 5_200)
        hi = lo + rng.choice([0, 1, 3, 64, 500])
        assert index.overlapping(lo, hi) == [n for s, e, n in spans if s < hi and lo < e]
        assert index.any_overlapping(lo, hi) == any(s < hi and lo < e for s, e, _ in spans)
        assert index.starting_in(lo, hi) == [n for s, _, n in spans if lo <= s < hi]


def test_intervals_grow_as_items_are_added():
    index: SpanIndex[str] = SpanIndex()
    assert not index.any_overlapping(0, 10)
    index.add(5, 8, "a")
    index.add(100, 200, "b")
    assert index.overlapping(0, 6) == ["a"]
    assert index.overlapping(8, 100) == []
    assert index.overlapping(150, 151) == ["b"]
    assert len(index) == 2


def test_intervals_cache_builds_once_per_tuple():
    built = []
    owner = ((1, 2), (3, 4))

    def build() -> list[int]:
        built.append(1)
        return [1]

    assert cached(owner, "x", build) is cached(owner, "x", build)
    assert len(built) == 1
    cached(((1, 2), (3, 4), (5, 6)), "x", build)
    assert len(built) == 2
