"""(6) Entities on real prose: seconds per MB on ../shared/bench/holmes.txt, with the learned edge and
type models against the rules alone (the baseline, measured in the same run), and the models' cold
load. Budgets: 0.4 s per MB, 50 ms to load.

holmes.txt is used at its own size (repeating it would let caches help as real text never does).
"""

from __future__ import annotations

import time
from pathlib import Path

from benchmarks.common import MB, Table, ingest, median

HOLMES = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "holmes.txt"


def run(quick: bool = False) -> dict:
    from tui.analysis import build_sections, build_sentences, entity_model, linear
    from tui.analysis.entities import _extract
    from tui.analysis.gcpause import collector_paused

    table = Table("(6) Entities on real prose (holmes.txt), median of runs",
                  ["models", "entities", "mentions", "s", "s/MB", "CPU s/MB"])
    if not HOLMES.is_file():
        table.notes.append(f"{HOLMES}: not found, nothing measured")
        table.print()
        return {}
    loads = []
    for _ in range(3):
        linear.load.cache_clear()
        entity_model.models.cache_clear()
        t = time.perf_counter()
        models = entity_model.models()
        loads.append(time.perf_counter() - t)
    _src, doc = ingest(HOLMES.read_bytes(), "holmes.txt")
    sentences = build_sentences(doc, build_sections(doc))
    mb = len(doc.text.encode("utf-8")) / MB
    results = {}
    for name, pair in (("rules alone", (None, None)), ("learned edges and types", models)):
        times, cpu, out = [], [], []
        for _ in range(2 if quick else 5):
            with collector_paused():
                t, c = time.perf_counter(), time.process_time()
                out = _extract(doc.text, sentences, doc.blocks, pair)
                times.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
        s = median(times)
        results[name] = s / mb
        # CPU time: what the stage costs, less the waiting that a loaded machine adds to the wall clock
        table.add(name, len(out), sum(len(e.mentions) for e in out), s, s / mb, median(cpu) / mb)
    table.notes.append(f"weights load cold (best of 3): {min(loads) * 1000:.0f} ms; text {mb:.2f} MB after ingest")
    table.print()
    return {"s_per_mb": results, "load_ms": min(loads) * 1000}


def main(argv: list[str] | None = None) -> None:
    import argparse

    p = argparse.ArgumentParser(prog="python -m benchmarks entities", description=__doc__)
    p.add_argument("--quick", action="store_true")
    run(p.parse_args(argv).quick)


if __name__ == "__main__":
    main()
