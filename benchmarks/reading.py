"""(8) The reading store: what an edit costs the reader, and what the corrected outline costs.

* one edit saved (`ReadingStore.add_edit`: one transaction, WAL, synchronous=FULL) and one undo,
  p50 / p99 ms, in a temporary folder on the same disk as the baseline;
* opening an article with N edits kept: `load` + `apply_reading` on the analysed 100 KB text,
  N = 10, 100, 1000 (edits on its sentences, round-robin over the kinds).

Baseline, same run, same folder: a bare SQLite INSERT + COMMIT of the same JSON with the same
pragmas (the disk's floor for a durable write), and the analysis of the same text (what opening
the article costs anyway).
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from benchmarks.common import Table, corpus, ingest, median, pct

SHA = "b" * 64


def _edits(analysis, n: int) -> list:
    from tui.reading.model import Anchor, Edit

    sents = [s for s in analysis.sentences if s.end - s.start > 3]
    kinds = ["role", "unit", "move", "role"]
    out = []
    for i in range(n):
        s = sents[(i * 7) % len(sents)]
        p = sents[(i * 13 + 1) % len(sents)]
        anchor = Anchor.of(analysis.text, s.start, s.end)
        kind = kinds[i % len(kinds)]
        if kind == "role":
            out.append(Edit(kind="role", anchor=anchor, role=("premise", "claim", "counter", "none")[i % 4]))
        else:
            out.append(Edit(kind=kind, anchor=anchor, role="premise" if kind == "unit" else None,
                            parent=Anchor.of(analysis.text, p.start, p.end), relation="support"))
    return out


def _bare_commits(folder: Path, body: str, count: int) -> list[float]:
    con = sqlite3.connect(folder / "bare.db", isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = FULL")
    con.execute("CREATE TABLE log (seq INTEGER PRIMARY KEY, sha TEXT, body TEXT)")
    times = []
    for _ in range(count):
        t = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO log (sha, body) VALUES (?, ?)", (SHA, body))
        con.execute("COMMIT")
        times.append(time.perf_counter() - t)
    con.close()
    return times


def run(quick: bool = False) -> dict:
    from tui.analysis import analyse
    from tui.reading.apply import apply_reading
    from tui.reading.store import ReadingStore

    source, doc = ingest(corpus(100_000, seed=8))
    t = time.perf_counter()
    analysis = analyse(source, doc)
    analyse_s = time.perf_counter() - t
    edits = _edits(analysis, 1000)
    count = 30 if quick else 200
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="argview-bench-reading-") as tmp:
        folder = Path(tmp)
        store = ReadingStore.open(folder / "reading.db")
        add, undo = [], []
        for edit in edits[:count]:
            t = time.perf_counter()
            store.add_edit(SHA, edit)
            add.append(time.perf_counter() - t)
        for _ in range(min(count, 50)):
            t = time.perf_counter()
            store.undo(SHA)
            undo.append(time.perf_counter() - t)
        bare = _bare_commits(folder, edits[0].model_dump_json(), count)
        table = Table("reading store: one write (ms)", ["what", "p50", "p99", "baseline p50", "baseline p99"])
        table.add("add_edit", median(add) * 1000, pct(add, 99) * 1000, median(bare) * 1000, pct(bare, 99) * 1000)
        table.add("undo", median(undo) * 1000, pct(undo, 99) * 1000, median(bare) * 1000, pct(bare, 99) * 1000)
        table.notes.append("baseline: a bare SQLite INSERT + COMMIT of the same JSON, WAL, synchronous=FULL, same folder")
        table.print()
        results["add_ms"], results["bare_ms"] = median(add) * 1000, median(bare) * 1000

        opened = Table("reading store: opening an article with N edits (ms)",
                       ["edits", "load", "apply_reading", "orphans", "analysis (baseline)"])
        for n in (10, 100, 1000):
            sha = f"{n:064d}"
            for edit in edits[:n]:
                store.add_edit(sha, edit)
            loads, applies = [], []
            for _ in range(3 if quick else 7):
                t = time.perf_counter()
                reading = store.load(sha)
                loads.append(time.perf_counter() - t)
                t = time.perf_counter()
                _, orphans = apply_reading(analysis, reading)
                applies.append(time.perf_counter() - t)
            opened.add(str(n), median(loads) * 1000, median(applies) * 1000, str(len(orphans)), analyse_s * 1000)
            results[f"open_{n}_ms"] = (median(loads) + median(applies)) * 1000
        opened.notes.append(f"text: 100 KB generated ({len(analysis.sentences)} sentences, "
                            f"{sum(1 for _ in analysis.arg_nodes())} units); orphans: moves refused (a unit under itself)")
        opened.print()
        store.close()
    return results


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true")
    run(p.parse_args(argv).quick)


if __name__ == "__main__":
    main()
