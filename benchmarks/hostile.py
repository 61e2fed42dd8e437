"""Pathological inputs (issues 7 and 17): seconds per stage, and peak memory of the worst shapes.

``python -m benchmarks.hostile [--quick]``. Figures, never pass/fail. Each shape is run at two
sizes; the time ratio should be close to the size ratio (linear), never its square.

The worst shapes for memory (a sentence and a block every five characters; one line of random
letters and punctuation, a name candidate every few) run in a fresh interpreter each, as
`argview --json` does (read, analyse, write the JSON) and as the app does (plus the search index
and the article's line layout), beside the bundled sample in the same run. Target (issue 17):
≤ 400 MB at 9 MB, time(9 MB) / time(1 MB) ≤ 10.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def _random_line(n: int) -> str:
    rng = random.Random(17)
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,;:!?()-'\" "
    return "".join(rng.choices(alphabet, k=n))


# Shapes whose analysis holds the most per byte: an object per sentence, block, token or name.
WORST = {
    "'Ab.' paragraphs": lambda n: "Ab.\n\n" * (n // 5),
    "random letters + punct": _random_line,
}
ROOT = Path(__file__).resolve().parents[1]


def child(mode: str, path: str | None) -> None:
    """In a fresh interpreter: the CLI's --json work, or the app's data (index + layout); prints
    seconds and peak RSS (VmHWM, KiB) as JSON."""
    from benchmarks.memory import peak_kib
    from tui.pipeline import analyse_source

    t = time.perf_counter()
    analysis = analyse_source(path, max_bytes=64 * 1024 * 1024)
    if mode == "json":
        with open(os.devnull, "w", encoding="utf-8") as out:
            analysis.write_json(out.write)
    else:
        from tui.search import SearchIndex
        from tui.widgets.layout import layout_lines

        keep = (SearchIndex(analysis), layout_lines(analysis.text, analysis.blocks, 100))  # noqa: F841 - held so their memory counts in the peak
    print(json.dumps({"seconds": time.perf_counter() - t, "kib": peak_kib()}))


def _measure(mode: str, path: str | None) -> tuple[float, float]:
    code = f"from benchmarks.hostile import child; child({mode!r}, {path!r})"
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}")
    got = json.loads(out.stdout.strip().splitlines()[-1])
    return got["seconds"], got["kib"] / 1024


def worst(sizes: tuple[int, int]) -> None:
    """Peak RSS and time of the worst shapes at two sizes, each in a fresh interpreter."""
    print(f"\n{'worst shape (fresh process)':<30} {'work':<5} {'size':>7} {'seconds':>8} {'peak RSS':>9} "
          f"{'MB per MB':>9}")
    base = {}
    _measure("json", None)  # the first run of an installation builds the gazetteer cache: not counted
    for mode in ("json", "app"):
        sec, rss = _measure(mode, None)
        base[mode] = rss
        print(f"{'the bundled sample (baseline)':<30} {mode:<5} {'6 KB':>7} {sec:>7.2f}s {rss:>6.0f} MB {'-':>9}")
    with tempfile.TemporaryDirectory(prefix="argview-hostile-") as tmp:
        for name, make in WORST.items():
            for mode in ("json", "app"):
                figures = []
                for size in sizes:
                    path = Path(tmp) / f"shape-{size}.txt"
                    path.write_text(make(size), encoding="utf-8")
                    try:
                        sec, rss = _measure(mode, str(path))
                    except RuntimeError as exc:
                        print(f"{name:<30} {mode:<5} {size / 1e6:>5.1f}MB failed: {exc}")
                        continue
                    figures.append((sec, rss))
                    per = (rss - base[mode]) / (size / 1e6)
                    print(f"{name:<30} {mode:<5} {size / 1e6:>5.1f}MB {sec:>7.2f}s {rss:>6.0f} MB {per:>9.0f}")
                if len(figures) == 2:
                    (t0, r0), (t1, r1) = figures
                    print(f"{'':<30} {mode:<5} time ratio {t1 / max(t0, 1e-9):.1f}, RSS ratio {r1 / r0:.1f} "
                          f"for size ratio {sizes[1] / sizes[0]:.0f} (target ≤ 400 MB, time ratio ≤ 10)")


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
    worst((1_000_000, 3_000_000) if quick else (1_000_000, 9_000_000))


if __name__ == "__main__":
    run("--quick" in sys.argv)
