"""(3) Search latency per keystroke over a 1 MB text, and ranking against the naive baseline.

Typing: each 10-character query is typed one key at a time; the figure is the time from the key
(the new query string) to the ranked hit list ready (labels and highlights built), with a fresh
index per query so no earlier keystroke's cache helps. p50/p99 over every keystroke.

Baseline, same run, same candidates (section titles, entity names and aliases, argument labels,
every sentence): rapidfuzz ``process.extract(query, candidates, scorer=WRatio,
processor=default_process, limit=50)`` — the naive way — and a stronger variant with the
candidates processed once up front (``processor=None``).

Ranking: for every entity and section, is the top hit the thing named, when the query is its full
name, its first six letters, or its name with two letters swapped (a typo)? Same check for the
baseline's top candidate.
"""

from __future__ import annotations

import argparse
import gc
import time

from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from benchmarks.common import MB, Table, corpus, human, ingest, median, pct, profiled
from benchmarks.corpus import enrich
from tui.analysis import analyse
from tui.model import Analysis
from tui.search import SearchIndex, split_query

CPU_SAMPLES: dict[bool, list[float]] = {}  # per keystroke CPU time (thread), by freeze
QUERIES = ["Shanghai C", "military b", "the Ukrain", "Tokyaev wi", "#Lessons f", "@Amara Oka", "!defence b",
           "question f", "opportunit", "zqxj kvwpm"]


def build(size: int) -> Analysis:
    source, doc = ingest(corpus(size, seed=7))
    return enrich(analyse(source, doc))


def candidates(a: Analysis) -> list[str]:
    out = [s.title for s in a.sections]
    for e in a.entities:
        out.append(e.name)
        out.extend(e.aliases)
    out.extend(n.label for n in a.arg_nodes())
    out.extend(a.text[s.start:s.end] for s in a.sentences)
    return out


def typing_latency(a: Analysis, queries: list[str], reps: int, freeze: bool = False) -> tuple[list[float], float]:
    """Keystroke latencies. ``freeze``: move everything alive after the index build out of the
    garbage collector's sight (`gc.freeze()`), as an app can once a text is loaded, so that
    full collections stop walking the analysis on a keystroke."""
    samples: list[float] = []
    builds: list[float] = []
    cpu = CPU_SAMPLES.setdefault(freeze, [])
    for _ in range(reps):
        t = time.perf_counter()
        index = SearchIndex(a)
        builds.append(time.perf_counter() - t)
        # The app keeps running (and allocating) between loading a text and the first key typed, so
        # the collection the index build made due happens before typing, not on the first key.
        gc.collect()
        if freeze:
            gc.freeze()
        for q in queries:
            index.clear_cache()
            for k in range(1, len(q) + 1):
                t, c = time.perf_counter(), time.thread_time()
                index.search(q[:k])
                samples.append(time.perf_counter() - t)
                cpu.append(time.thread_time() - c)
        if freeze:
            gc.unfreeze()
    return samples, median(builds)


def baseline_latency(cands: list[str], queries: list[str], processed: bool, keys: int) -> list[float]:
    choices = [default_process(c) for c in cands] if processed else cands
    samples: list[float] = []
    for q in queries:
        body = split_query(q)[1]
        for k in range(1, len(body) + 1):
            if len(samples) >= keys:
                return samples
            t = time.perf_counter()
            if processed:
                process.extract(default_process(body[:k]), choices, scorer=fuzz.WRatio, processor=None, limit=50)
            else:
                process.extract(body[:k], choices, scorer=fuzz.WRatio, processor=default_process, limit=50)
            samples.append(time.perf_counter() - t)
    return samples


def _typo(name: str) -> str:
    i = len(name) // 2
    return name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :] if len(name) > 4 else name


def _unique_prefix(name: str, others: list[str]) -> str | None:
    """The shortest prefix (4 letters or more) of ``name`` that no other name starts with."""
    low = name.lower()
    for k in range(4, len(name) + 1):
        if not any(o != low and o.startswith(low[:k]) for o in others):
            return name[:k]
    return None


def ranking(a: Analysis, cands: list[str], max_targets: int) -> Table:
    index = SearchIndex(a)
    choices = [default_process(c) for c in cands]
    targets: list[tuple[str, str, set[str]]] = []   # (kind, name, texts the baseline may return)
    for e in a.entities:
        targets.append(("entity:" + e.id, e.name, {default_process(x) for x in [e.name, *e.aliases]}))
    seen = set()
    for s in a.sections:
        if s.title not in seen:
            seen.add(s.title)
            targets.append(("section", s.title, {default_process(s.title)}))
    lowered = [n.lower() for _k, n, _ok in targets]  # a prefix must be unique among all names
    if len(targets) > max_targets:  # an even sample keeps the (slow) baseline short
        step = len(targets) / max_targets
        targets = [targets[int(i * step)] for i in range(max_targets)]
    table = Table("(3b) Ranking: share of names whose top hit is the thing named",
                  ["query form", "names", "argview top-1", "WRatio top-1"])
    forms = (("full name", lambda n: n), ("shortest unique prefix (4+ letters)", lambda n: _unique_prefix(n, lowered)),
             ("typo (2 letters swapped)", _typo))
    for form, make in forms:
        ours = base = total = 0
        for kind, name, ok in targets:
            q = make(name)
            if not q:
                continue
            total += 1
            hits = index.search(q, limit=5)
            if hits:
                h = hits[0]
                if kind == "section":
                    ours += h.kind == "section" and h.label == name
                else:
                    ours += h.kind == "entity" and h.ref == kind.split(":", 1)[1]
            top = process.extractOne(default_process(q), choices, scorer=fuzz.WRatio, processor=None)
            base += bool(top) and top[0] in ok
        table.add(form, total, f"{ours / max(total, 1):.0%}", f"{base / max(total, 1):.0%}")
    table.notes.append("for the baseline, a candidate with the same text as the name counts as right "
                       "(it cannot tell a section from a sentence with the same words)")
    return table


def run(quick: bool = False, size: int = 1 * MB) -> dict:
    a = build(size)
    cands = candidates(a)
    reps = 1 if quick else 5
    ours, build_s = typing_latency(a, QUERIES, reps)
    frozen, _ = typing_latency(a, QUERIES, reps, freeze=True)
    keys = len(ours) // reps
    naive = baseline_latency(cands, QUERIES, processed=False, keys=keys)
    pre = baseline_latency(cands, QUERIES, processed=True, keys=keys)
    units = sum(1 for _ in a.arg_nodes())
    table = Table(
        f"(3) Search latency per keystroke, {human(size)} text: {len(a.sentences)} sentences, "
        f"{len(a.entities)} entities, {units} argument units, {len(a.sections)} sections ({len(cands)} candidates)",
        ["engine", "keystrokes", "p50 ms", "p99 ms", "max ms", "within 16 ms", "p50 / argview", "p99 / argview"],
    )
    p50, p99 = pct(ours, 50), pct(ours, 99)
    for name, s in (("argview SearchIndex", ours), ("argview, gc.freeze() after loading", frozen),
                    ("WRatio, naive (processor per call)", naive), ("WRatio, choices pre-processed", pre)):
        within = sum(1 for x in s if x <= 0.016) / len(s)
        table.add(name, len(s), pct(s, 50) * 1000, pct(s, 99) * 1000, max(s) * 1000, f"{within:.0%}",
                  f"{pct(s, 50) / p50:.1f}x", f"{pct(s, 99) / p99:.1f}x")
    cpu = CPU_SAMPLES.get(False, [])
    table.notes.append(f"argview CPU time per keystroke (steadier on a shared machine): p50 {pct(cpu, 50) * 1000:.2f} ms, "
                       f"p99 {pct(cpu, 99) * 1000:.2f} ms, max {max(cpu, default=0) * 1000:.1f} ms")
    table.notes.append(f"queries typed: {', '.join(repr(q) for q in QUERIES)}")
    table.notes.append(f"index build (once per analysis): {build_s * 1000:.0f} ms")
    table.print()
    ranking(a, cands, 40 if quick else 120).print()
    return {"p50": pct(ours, 50), "p99": p99, "naive_p99": pct(naive, 99)}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks search", description=__doc__)
    p.add_argument("--quick", action="store_true", help="type each query once (default: five times)")
    p.add_argument("--size", type=float, default=1.0, help="text size in MB (default 1)")
    p.add_argument("--profile", action="store_true", help="print where the time went (pyinstrument or cProfile)")
    a = p.parse_args(argv)
    profiled(lambda: run(a.quick, int(a.size * MB)), a.profile)


if __name__ == "__main__":
    main()
