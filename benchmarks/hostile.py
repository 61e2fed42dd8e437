"""Pathological inputs (issue 7): seconds per stage, to show ingest and splitting stay linear.

``python -m benchmarks.hostile [--quick]``. Figures, never pass/fail. Each shape is run at two
sizes; the time ratio should be close to the size ratio (linear), never its square.
"""

from __future__ import annotations

import sys
import time

from benchmarks.common import ingest
from tui.analysis import build_sections, build_sentences
from tui.analysis.arguments import build_outline
from tui.analysis.entities import extract_entities

WORDS = "the argument holds because Russia and China disagree while President Putin waits in Moscow".split()


def _prose_line(n: int) -> str:
    out, i = [], 0
    while sum(map(len, out)) + len(out) < n:
        w = WORDS[i % len(WORDS)]
        out.append(w.capitalize() + "." if i % 11 == 10 else w)
        i += 1
    return " ".join(out)[:n]


SHAPES = {
    "one line of prose": _prose_line,
    "one line, no spaces": lambda n: "x" * n,
    "one run of '!'": lambda n: "!" * n + " end",
    "'Mr. ' repeated": lambda n: "Mr. " * (n // 4),
    "tiny paragraphs": lambda n: "".join(f"Tiny point {i}.\n\n" for i in range(n // 16)),
    "escape sequences": lambda n: "word \x1b[31mred\x1b[0m \x1b]0;title\x07 " * (n // 32),
}


def _stages(data: bytes) -> list[float]:
    times = []
    t = time.perf_counter()
    source, doc = ingest(data)
    times.append(time.perf_counter() - t)
    t = time.perf_counter()
    sections = build_sections(doc)
    sentences = build_sentences(doc, sections)
    times.append(time.perf_counter() - t)
    t = time.perf_counter()
    entities = extract_entities(doc.text, sentences, doc.blocks)
    times.append(time.perf_counter() - t)
    t = time.perf_counter()
    build_outline(doc.text, doc.title, sentences, sections, doc.blocks, entities)
    times.append(time.perf_counter() - t)
    return times


def run(quick: bool = False) -> None:
    sizes = (100_000, 500_000) if quick else (200_000, 1_000_000)
    print(f"{'shape':<22} {'size':>8} {'ingest':>8} {'sentences':>10} {'entities':>9} {'outline':>8} {'total':>7}")
    for name, make in SHAPES.items():
        totals = []
        for size in sizes:
            data = make(size).encode()
            t = _stages(data)
            totals.append(sum(t))
            print(f"{name:<22} {len(data) / 1e6:>6.2f}MB " + " ".join(f"{x:>8.2f}s" for x in t) + f" {sum(t):>6.2f}s")
        print(f"{'':<22} time ratio {totals[1] / max(totals[0], 1e-9):.1f} for size ratio {sizes[1] / sizes[0]:.0f}")


if __name__ == "__main__":
    run("--quick" in sys.argv)
