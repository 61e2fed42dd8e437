"""Sorted, non-overlapping spans with a value each, queried by range in O(log n) (no Textual)."""

from __future__ import annotations

from bisect import bisect_right
from typing import Generic, TypeVar
from collections.abc import Iterable, Iterator

V = TypeVar("V")


class SpanSet(Generic[V]):
    """Spans sorted by start with no overlaps, so their ends are sorted too and bisect works."""

    def __init__(self, spans: Iterable[tuple[int, int, V]] = ()) -> None:
        self.spans = sorted((s for s in spans if s[1] > s[0]), key=lambda s: (s[0], s[1]))
        self._ends = [end for _start, end, _value in self.spans]

    def __len__(self) -> int:
        return len(self.spans)

    def __bool__(self) -> bool:
        return bool(self.spans)

    def overlapping(self, start: int, end: int) -> Iterator[tuple[int, int, V]]:
        """Spans that share at least one character with [start, end)."""
        i = bisect_right(self._ends, start)
        spans = self.spans
        while i < len(spans) and spans[i][0] < end:
            yield spans[i]
            i += 1

    @classmethod
    def flatten(cls, spans: Iterable[tuple[int, int, int, V]]) -> SpanSet[V]:
        """Resolve overlaps: where spans overlap, the one with the highest priority shows."""
        items = [s for s in spans if s[1] > s[0]]
        if not items:
            return cls()
        bounds = sorted({b for s in items for b in (s[0], s[1])})
        items.sort(key=lambda s: s[0])
        active: list[tuple[int, int, int, V]] = []
        out: list[tuple[int, int, V]] = []
        k = 0
        for lo, hi in zip(bounds, bounds[1:]):
            while k < len(items) and items[k][0] <= lo:
                active.append(items[k])
                k += 1
            active = [s for s in active if s[1] > lo]
            if not active:
                continue
            best = max(active, key=lambda s: s[2])
            if out and out[-1][1] == lo and out[-1][2] is best[3]:
                out[-1] = (out[-1][0], hi, best[3])
            else:
                out.append((lo, hi, best[3]))
        return cls(out)
