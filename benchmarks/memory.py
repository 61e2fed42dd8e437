"""(5) Peak memory (RSS) to hold a 1 MB and a 5 MB text analysed and indexed for search.

Each figure comes from a fresh interpreter (peak RSS only ever grows, so one process per
measurement), reading its high-water mark (VmHWM) at its end. Baselines, same run: a bare interpreter, and one
that has imported everything the app imports but analysed nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import MB, Table, corpus, human, profiled

SIZES = (1 * MB, 5 * MB)
ROOT = Path(__file__).resolve().parents[1]


def peak_kib() -> int:
    """This process's peak RSS in KiB. VmHWM, because ru_maxrss survives exec on Linux: a child
    started from a big parent would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def child(mode: str, path: str | None) -> None:
    """Run inside the fresh interpreter: do the work, then print peak RSS in KiB."""
    keep: list[object] = []
    if mode in ("imports", "analysis", "index"):
        import textual.app  # noqa: F401  (the app's import cost belongs in the baseline)

        import tui.pipeline
        import tui.search  # noqa: F401 - imported for its cost
    if mode in ("analysis", "index"):
        from tui.pipeline import analyse_source

        analysis = analyse_source(path, max_bytes=64 * MB)
        keep.append(analysis)
        if mode == "index":
            from tui.search import SearchIndex

            keep.append(SearchIndex(analysis))
    print(peak_kib())


def stages(size: int) -> Table:
    """Python-heap peak per analysis stage (tracemalloc), to see which stage sets the RSS peak."""
    import tracemalloc

    from tui.analysis import analyse
    from benchmarks.common import ingest

    data = corpus(size, seed=3)
    table = Table(f"(5b) Python heap by stage, {human(size)} (tracemalloc; RSS adds allocator overhead)",
                  ["stage", "peak during MB", "held after MB"])
    tracemalloc.start()
    try:
        source, doc = ingest(data)
        cur, peak = tracemalloc.get_traced_memory()
        table.add("ingest", peak / MB, cur / MB)
        tracemalloc.reset_peak()
        names = {"sentences": "sections + sentences", "entities": "entities", "arguments": "outline", "done": "model"}
        last = ["start"]

        def progress(step: str, _f: float) -> None:
            if last[0] != "start":
                cur, peak = tracemalloc.get_traced_memory()
                table.add(names.get(last[0], last[0]), peak / MB, cur / MB)
                tracemalloc.reset_peak()
            last[0] = step

        analysis = analyse(source, doc, progress)
        progress("end", 1.0)
        from tui.search import SearchIndex

        tracemalloc.reset_peak()
        index = SearchIndex(analysis)
        cur, peak = tracemalloc.get_traced_memory()
        table.add("search index", peak / MB, cur / MB)
        top = tracemalloc.take_snapshot().statistics("lineno")[:5]
        table.notes.extend(f"held: {st.size / MB:.0f} MB in {st.count} blocks at "
                           f"{st.traceback[0].filename.rsplit('/', 2)[-1]}:{st.traceback[0].lineno}" for st in top)
        del index, analysis
    finally:
        tracemalloc.stop()
    return table


def measure(mode: str, path: str | None = None) -> float:
    """Peak RSS in MB of a fresh interpreter running ``child(mode, path)``."""
    code = f"from benchmarks.memory import child; child({mode!r}, {path!r})"
    if mode == "bare":
        code = "from benchmarks.memory import peak_kib; print(peak_kib())"
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}")
    return int(out.stdout.strip().splitlines()[-1]) / 1024  # Linux reports KiB


def run(quick: bool = False, sizes: tuple[int, ...] = SIZES) -> dict:
    table = Table("(5) Peak RSS, each in a fresh interpreter",
                  ["process", "peak RSS MB", "over imports MB", "over sample MB", "per MB of text"])
    bare = measure("bare")
    imports = measure("imports")
    table.add("bare python (baseline)", bare, "-", "-", "-")
    table.add("imports only: textual + tui (baseline)", imports, 0.0, "-", "-")
    fixed = imports
    try:
        fixed = measure("index", None)  # the bundled sample: what any text costs (gazetteers, lexicons)
        table.add("sample article analysed + index (baseline)", fixed, fixed - imports, 0.0, "-")
    except RuntimeError as exc:
        table.notes.append(f"sample article: failed: {exc}")
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="argview-bench-") as tmp:
        for size in sizes:
            path = Path(tmp) / f"text-{size}.txt"
            path.write_bytes(corpus(size, seed=3))
            for mode, what in (("analysis", "analysed"), ("index", "analysed + search index")):
                if quick and mode == "analysis":
                    continue
                try:
                    peak = measure(mode, str(path))
                except RuntimeError as exc:
                    table.add(f"{human(size)} {what}", "-", "-", "-", "-")
                    table.notes.append(f"{human(size)} {what}: failed: {exc}")
                    continue
                results[f"{mode}-{size}"] = peak
                table.add(f"{human(size)} {what}", peak, peak - imports, peak - fixed, (peak - fixed) / (size / MB))
    table.notes.append("the app's widgets come on top (wrapped line index, strip cache); see paint.py for the app")
    table.print()
    if not quick:
        stages(max(sizes)).print()
    return results


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks memory", description=__doc__)
    p.add_argument("--quick", action="store_true", help="only the analysed + indexed figure per size")
    p.add_argument("--sizes", type=float, nargs="+", help="sizes in MB (default 1 5)")
    p.add_argument("--profile", action="store_true", help="print where the time went (pyinstrument or cProfile)")
    a = p.parse_args(argv)
    profiled(lambda: run(a.quick, tuple(int(s * MB) for s in a.sizes) if a.sizes else SIZES), a.profile)


if __name__ == "__main__":
    main()
