"""Find annotations by character range without scanning them all: a grid of fixed-width cells.

Stages ask, for each of their findings, which entities, places, times or claims lie near it.
Scanning every annotation for every finding costs the product of their numbers, which grows
with the square of an article's length; the grid answers from the few cells a range touches.
Answers come in the order the items were added, so a caller that takes the first or the
largest match picks the same one a full scan would.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from threading import Lock
from typing import Generic, TypeVar

T = TypeVar("T")
V = TypeVar("V")

# Characters per cell: a name or a date spans one or two cells, a sentence a handful.
_WIDTH = 64


class SpanIndex(Generic[T]):
    """Items with a character range [start, end), looked up by overlap or by where they start."""

    def __init__(self, items: Iterable[tuple[int, int, T]] = (), width: int = _WIDTH) -> None:
        self.width = width
        self._covering: dict[int, list[int]] = {}  # cell -> positions of items touching it
        self._starting: dict[int, list[int]] = {}  # cell -> positions of items starting in it
        self._items: list[tuple[int, int, T]] = []
        for start, end, item in items:
            self.add(start, end, item)

    def __len__(self) -> int:
        return len(self._items)

    def add(self, start: int, end: int, item: T) -> None:
        """Add an item covering [start, end)."""
        position = len(self._items)
        self._items.append((start, end, item))
        first = start // self.width
        self._starting.setdefault(first, []).append(position)
        for cell in range(first, max(first, (end - 1) // self.width) + 1):
            self._covering.setdefault(cell, []).append(position)

    def overlapping(self, start: int, end: int) -> list[T]:
        """Return the items sharing a character with [start, end) (``start < item.end`` and
        ``item.start < end``), in added order."""
        return [self._items[p][2] for p in self._positions(start, end)]

    def any_overlapping(self, start: int, end: int) -> bool:
        """Return True when some item shares a character with [start, end)."""
        return bool(self._positions(start, end))

    def starting_in(self, lo: int, hi: int) -> list[T]:
        """Return the items whose start lies in [lo, hi), in added order."""
        if hi <= lo:
            return []
        found: list[int] = []
        for cell in range(lo // self.width, (hi - 1) // self.width + 1):
            found.extend(p for p in self._starting.get(cell, ()) if lo <= self._items[p][0] < hi)
        return [self._items[p][2] for p in sorted(found)]

    def _positions(self, start: int, end: int) -> list[int]:
        # The test is the one a scan makes (``lookup.overlaps``); for an empty range it takes the
        # items around that point, as the scan does.
        seen: set[int] = set()
        first, last = min(start, end), max(start, end - 1)
        for cell in range(first // self.width, last // self.width + 1):
            for p in self._covering.get(cell, ()):
                s, e, _ = self._items[p]
                if s < end and start < e:
                    seen.add(p)
        return sorted(seen)


# The last few indexes built, keyed by the identity of the tuple they index. Each entry holds
# the tuple itself, so its id cannot be reused by another object while the entry lives.
_CACHE: OrderedDict[tuple[int, str], tuple[object, object]] = OrderedDict()
_CACHE_SIZE = 16
_LOCK = Lock()


def cached(owner: tuple[object, ...], kind: str, build: Callable[[], V]) -> V:
    """Return what ``build`` makes for ``owner`` (a Doc's tuple of annotations), built once."""
    key = (id(owner), kind)
    with _LOCK:
        hit = _CACHE.get(key)
        if hit is not None and hit[0] is owner:
            _CACHE.move_to_end(key)
            return hit[1]  # type: ignore[return-value]
    index = build()
    with _LOCK:
        _CACHE[key] = (owner, index)
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return index
