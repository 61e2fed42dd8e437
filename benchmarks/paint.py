"""(2) Time to first paint and to interactive, headless, for the sample and a 1 MB text.

Each launch runs in a fresh interpreter and its clock starts before Textual or Argview is
imported, so import time counts (as it does for a reader). Interpreter start-up itself is the same
for every row and is left out.

* first paint: `App.run_test()` has handed over the pilot (the screen is composed, mounted and
  refreshed once) and the article pane has laid out its lines;
* interactive: the analysis worker has finished and the outline, entities and search index are in
  place (`app.reader.analysis` set, workers idle, messages handled).

Baseline, same run: an empty `textual.app.App` launched the same way. Peers (`frogmouth`,
`toolong`) are timed opening the same 1 MB text when they are installed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.common import MB, Table, corpus, median, profiled

ROOT = Path(__file__).resolve().parents[1]
SIZE = (120, 36)


def child(mode: str, path: str | None) -> None:
    """Run inside a fresh interpreter: launch headless, print the figures as JSON."""
    import time

    t0 = time.perf_counter()
    c0 = time.process_time()
    import asyncio

    result: dict[str, float] = {}

    async def empty() -> None:
        from textual.app import App

        app = App()
        async with app.run_test(size=SIZE) as pilot:
            result["paint"] = time.perf_counter() - t0
            await pilot.pause()
            result["ready"] = time.perf_counter() - t0
            result["ready_cpu"] = time.process_time() - c0

    async def argview() -> None:
        from tui.app import ArgviewApp

        app = ArgviewApp.from_path(path)
        async with app.run_test(size=SIZE) as pilot:
            app.animation_level = "none"
            while not app.reader.article.virtual_size.height:
                await pilot.pause()
            result["paint"] = time.perf_counter() - t0
            while app.reader.analysis is None:
                await app.workers.wait_for_complete()
                await pilot.pause()
            await pilot.pause()
            result["ready"] = time.perf_counter() - t0
            result["ready_cpu"] = time.process_time() - c0
            result["outline_nodes"] = sum(1 for _ in app.reader.analysis.arg_nodes())

    asyncio.run({"empty": empty, "argview": argview}[mode]())
    print(json.dumps(result))


def launch(mode: str, path: str | None) -> dict[str, float]:
    if mode in PEERS:
        command = [peer_python(mode), str(ROOT / "benchmarks" / "peer_child.py"), mode, str(path)]
    else:
        command = [sys.executable, "-c", f"from benchmarks.paint import child; child({mode!r}, {path!r})"]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    # a peer that cannot open the text in a minute is reported as such, not waited for
    out = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60 if mode in PEERS else 300)
    if out.returncode != 0:
        lines = out.stderr.strip().splitlines()
        raise RuntimeError(lines[-1] if lines else f"exit {out.returncode}")
    return json.loads(out.stdout.strip().splitlines()[-1])


PEERS = ("toolong", "frogmouth")
# Peers pin older Textual releases, so they usually live in a virtual environment of their own:
# ARGVIEW_PEERS_PYTHON names its interpreter (see the README's Benchmarks section).
PEERS_PYTHON_ENV = "ARGVIEW_PEERS_PYTHON"


def peer_python(module: str) -> str:
    return os.environ.get(PEERS_PYTHON_ENV) or sys.executable


def installed(module: str) -> bool:
    probe = [peer_python(module), "-c", f"import importlib.util, sys; sys.exit(importlib.util.find_spec({module!r}) is None)"]
    try:
        return subprocess.run(probe, capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def run(quick: bool = False) -> dict:
    reps = 1 if quick else 3
    table = Table(f"(2) Launch to first paint and to interactive, headless {SIZE[0]}x{SIZE[1]} "
                  f"(median of {reps}, fresh interpreter each)",
                  ["app", "text", "first paint s", "interactive s", "interactive CPU s", "paint vs empty app"])
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="argview-bench-") as tmp:
        big = Path(tmp) / "book-1mb.txt"
        big.write_bytes(corpus(1 * MB, seed=11))
        rows = [("empty textual App (baseline)", "-", "empty", None),
                ("argview", "sample", "argview", None),
                ("argview", "1 MB", "argview", str(big))]
        rows += [(peer, "1 MB", peer, str(big)) for peer in PEERS if installed(peer)]
        for name, text, mode, path in rows:
            runs = []
            for _ in range(reps):
                try:
                    runs.append(launch(mode, path))
                except subprocess.TimeoutExpired as exc:
                    table.notes.append(f"{name} ({text}): not ready after {exc.timeout:.0f} s, stopped")
                    break
                except RuntimeError as exc:
                    table.notes.append(f"{name} ({text}): failed: {exc}")
                    break
            if not runs:
                table.add(name, text, "-", "-", "-", "-")
                continue
            fig = {k: median([r.get(k, float("nan")) for r in runs]) for k in ("paint", "ready", "ready_cpu")}
            results[f"{name}:{text}"] = fig
            base = results.get("empty textual App (baseline):-", {}).get("paint")
            table.add(name, text, fig["paint"], fig["ready"], fig["ready_cpu"],
                      f"{fig['paint'] / base:.1f}x" if base else "-")
    missing = [p for p in PEERS if not installed(p)]
    if missing:
        table.notes.append(f"peers not installed, not timed: {', '.join(missing)} (set {PEERS_PYTHON_ENV})")
    table.notes.append("interactive = analysis done: outline, entities and search ready; its CPU time "
                       "(all threads) is steadier than wall time on a shared machine")
    table.print()
    return results


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks paint", description=__doc__)
    p.add_argument("--quick", action="store_true", help="one launch per row (default: median of three)")
    p.add_argument("--profile", action="store_true", help="print where the time went (pyinstrument or cProfile)")
    a = p.parse_args(argv)
    profiled(lambda: run(a.quick), a.profile)


if __name__ == "__main__":
    main()
