"""Run the benchmarks: ``python -m benchmarks [names...] [--quick] [--profile]``.

Figures, never pass/fail. Each benchmark measures its own baseline in the same run:

  throughput  (1) analysis MB/s at 0.1, 1 and 5 MB, per stage, 5 MB / 1 MB time ratio
  paint       (2) launch to first paint and to interactive (sample, 1 MB) vs an empty Textual app
  search      (3) search latency per keystroke on 1 MB vs rapidfuzz WRatio, and ranking
  jump        (4) jump to a section / mention and page scrolling on 1 MB vs Textual's Log
  memory      (5) peak RSS at 1 and 5 MB, each in a fresh interpreter
  launch      (6) launch to the first line on screen in a real terminal (tmux) vs an empty app and toolong
  hostile     pathological inputs: seconds per stage at two sizes (linearity)
  entities    (7) entities s/MB on holmes.txt, learned models vs the rules alone; weights' cold load
  reading     (8) the reading store: one edit saved, opening with N edits kept, vs bare SQLite and the analysis

``--profile`` runs the chosen benchmarks under pyinstrument (``pip install -e '.[bench]'``) or,
without it, cProfile, and prints where the time went (benchmarks that launch subprocesses —
paint, memory — profile only the parent; profile the analysis with ``throughput``).
"""

from __future__ import annotations

import argparse
import platform
import time

NAMES = ("throughput", "paint", "launch", "search", "jump", "memory", "hostile", "entities", "reading")


def _module(name: str):
    import importlib

    return importlib.import_module({"search": "benchmarks.search_latency"}.get(name, f"benchmarks.{name}"))


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("names", nargs="*", choices=[[], *NAMES], metavar="NAME",
                   help=f"benchmarks to run (default: all): {', '.join(NAMES)}")
    p.add_argument("--quick", action="store_true", help="fewer repetitions, for a first look (about a minute)")
    p.add_argument("--profile", action="store_true", help="profile the run and print where the time went")
    a = p.parse_args(argv)
    names = a.names or list(NAMES)

    import os

    print(f"argview benchmarks: python {platform.python_version()}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, {'quick' if a.quick else 'full'} run, {time.strftime('%Y-%m-%d %H:%M:%S')}\n",
          flush=True)

    def body() -> None:
        for name in names:
            t = time.perf_counter()
            _module(name).run(a.quick)
            print(f"[{name}: {time.perf_counter() - t:.1f} s]\n", flush=True)

    from benchmarks.common import profiled

    profiled(body, a.profile)

if __name__ == "__main__":
    main()
