"""The matches n/N step through: the spans of the last search or entity, which one is current,
and the label the title bar shows ("“query” 2/5"). Pure: the reader screen paints it."""

from __future__ import annotations

from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass
class Matches:
    spans: list[Span] = field(default_factory=list)
    index: int = -1  # -1: none is current
    label: str = ""

    def __bool__(self) -> bool:
        return bool(self.spans)

    def __len__(self) -> int:
        return len(self.spans)

    def set(self, spans: list[Span], index: int, label: str) -> None:
        self.spans = list(spans)
        self.index = index if spans else -1
        self.label = label

    def clear(self) -> None:
        self.set([], -1, "")

    @property
    def current(self) -> Span | None:
        return self.spans[self.index] if self.spans and 0 <= self.index < len(self.spans) else None

    def step(self, delta: int) -> Span | None:
        """Move `delta` matches on, wrapping round at either end; the new current span."""
        if not self.spans:
            return None
        self.index = (self.index + delta) % len(self.spans)
        return self.spans[self.index]

    @property
    def status(self) -> str:
        """"label i/N" while a match is current, else ""."""
        if self.current is None:
            return ""
        return f"{self.label} {self.index + 1}/{len(self.spans)}"


def index_at(spans: list[Span], offset: int) -> int:
    """The span holding `offset`, else the first after it, else 0 (wrap to the first)."""
    return next((i for i, (s, e) in enumerate(spans) if s <= offset < e or s >= offset), 0)


def first_from(spans: list[Span], offset: int) -> int:
    """The first span starting at or after `offset`, else 0; -1 when there are none."""
    if not spans:
        return -1
    return next((i for i, (s, _e) in enumerate(spans) if s >= offset), 0)
