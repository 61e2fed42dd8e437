"""Shared helpers: corpora as ingested documents, percentiles, plain-text tables, profiling."""

from __future__ import annotations

import hashlib
import statistics
from dataclasses import dataclass, field

from benchmarks.corpus import make_bytes
from tui.ingest import Document, ingest_bytes
from tui.ingest.sources import RawSource
from tui.model import Source

MB = 1_000_000


def raw_source(data: bytes, name: str = "bench.txt") -> RawSource:
    return RawSource(name=name, data=data, format_hint="text", sha256=hashlib.sha256(data).hexdigest())


def corpus(size: int, seed: int = 0) -> bytes:
    return make_bytes(size, seed)


def ingest(data: bytes, name: str = "bench.txt") -> tuple[Source, Document]:
    return ingest_bytes(raw_source(data, name))


def human(size: int) -> str:
    return f"{size / MB:g} MB" if size >= 100_000 else f"{size / 1000:g} KB"


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank), so p99 of 40 samples is the worst but one."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


@dataclass
class Table:
    """A plain table printed with aligned columns (figures, never pass/fail)."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        self.rows.append([c if isinstance(c, str) else _fmt(c) for c in cells])

    def render(self) -> str:
        widths = [max(len(self.columns[i]), *(len(r[i]) for r in self.rows)) if self.rows else len(self.columns[i])
                  for i in range(len(self.columns))]
        lines = [self.title, "-" * len(self.title)]
        lines.append("  ".join(c.ljust(w) for c, w in zip(self.columns, widths)))
        for r in self.rows:
            lines.append("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)

    def print(self) -> None:
        print(self.render(), end="\n\n", flush=True)


def _fmt(v: object) -> str:
    if isinstance(v, float):
        if v != v:
            return "n/a"
        return f"{v:.3g}" if abs(v) < 100 else f"{v:.0f}"
    return str(v)


def profiled(body, enabled: bool) -> None:
    """Run ``body()``, under pyinstrument (the ``bench`` extra) or else cProfile when ``enabled``,
    and print where the time went."""
    if not enabled:
        body()
        return
    import sys

    try:
        from pyinstrument import Profiler
    except ImportError:
        Profiler = None
    if Profiler is not None:
        profiler = Profiler(interval=0.0005)
        profiler.start()
        try:
            body()
        finally:
            profiler.stop()
        print(profiler.output_text(unicode=True, color=sys.stdout.isatty(), show_all=False))
        return
    import cProfile
    import pstats

    prof = cProfile.Profile()
    try:
        prof.runcall(body)
    finally:
        pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
