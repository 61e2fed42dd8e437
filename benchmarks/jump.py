"""(4) Jump and scroll on a 1 MB text, headless.

With the analysed 1 MB text open (120x36), time from the call to the screen settled
(`pilot.pause()`: messages handled and the frame rendered) for:

* a jump to the last section, and to the last mention of the most mentioned entity
  (`ArgviewApp.goto`, what the Sections and Entities panes call);
* one page down while scrolling through the middle of the text (`ArticleView.scroll_pages`);
* rendering one page of the article pane's lines from a cold cache (`render_line` per row), the
  part of a scroll that grows with what a line shows.

Baseline, same run: the same scroll and jump on Textual's own line-API `Log` widget holding the
same text, one line per paragraph (no wrapping, no styling): the framework's floor.
"""

from __future__ import annotations

import argparse
import asyncio
import time

from benchmarks.common import MB, Table, corpus, ingest, median, pct, profiled

SIZE = (120, 36)


async def _settle(pilot) -> None:
    await pilot.pause()


async def measure_argview(data: bytes, pages: int) -> dict[str, list[float]]:
    from tui.analysis import analyse
    from tui.app import ArgviewApp

    source, doc = ingest(data)
    analysis = analyse(source, doc)
    app = ArgviewApp.from_analysis(analysis)
    out: dict[str, list[float]] = {"jump section": [], "jump mention": [], "page": [], "render page": []}
    async with app.run_test(size=SIZE) as pilot:
        app.animation_level = "none"
        await pilot.pause()
        article = app.reader.article
        targets = []
        if analysis.sections:
            targets.append(("jump section", analysis.sections[-1].start, None))
        if analysis.entities:
            ent = max(analysis.entities, key=lambda e: len(e.mentions))
            if ent.mentions:
                targets.append(("jump mention", ent.mentions[-1].start, ent.mentions[-1].end))
        for _rep in range(5):
            for key, start, end in targets:
                app.reader.goto(0, top=True)
                await _settle(pilot)
                t = time.perf_counter()
                app.reader.goto(start, end, top=end is None)
                await _settle(pilot)
                out[key].append(time.perf_counter() - t)
        app.reader.goto(len(analysis.text) // 2, top=True)
        await _settle(pilot)
        height = article.scrollable_content_region.height
        for _ in range(pages):
            t = time.perf_counter()
            article.scroll_pages(1)
            await _settle(pilot)
            out["page"].append(time.perf_counter() - t)
            cache = getattr(article, "_strip_cache", None)
            if cache is not None:
                cache.clear()
            t = time.perf_counter()
            for y in range(height):
                article.render_line(y)
            out["render page"].append(time.perf_counter() - t)
    return out


async def measure_log(data: bytes, pages: int) -> dict[str, list[float]]:
    from textual.app import App, ComposeResult
    from textual.widgets import Log

    text = data.decode("utf-8")
    lines = [p for p in text.split("\n") if p]

    class LogApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Log(auto_scroll=False)

    app = LogApp()
    out: dict[str, list[float]] = {"jump section": [], "page": [], "render page": []}
    async with app.run_test(size=SIZE) as pilot:
        log = app.query_one(Log)
        log.write_lines(lines)
        await pilot.pause()
        for _rep in range(5):
            log.scroll_to(y=0, animate=False, immediate=True)
            await _settle(pilot)
            t = time.perf_counter()
            log.scroll_to(y=len(lines) - 5, animate=False, immediate=True)
            await _settle(pilot)
            out["jump section"].append(time.perf_counter() - t)
        log.scroll_to(y=len(lines) // 2, animate=False, immediate=True)
        await _settle(pilot)
        height = log.scrollable_content_region.height
        for _ in range(pages):
            t = time.perf_counter()
            log.scroll_page_down(animate=False)
            await _settle(pilot)
            out["page"].append(time.perf_counter() - t)
            log._render_line_cache.clear()
            t = time.perf_counter()
            for y in range(height):
                log.render_line(y)
            out["render page"].append(time.perf_counter() - t)
    return out


def run(quick: bool = False, size: int = 1 * MB) -> dict:
    pages = 10 if quick else 40
    data = corpus(size, seed=5)
    ours = asyncio.run(measure_argview(data, pages))
    base = asyncio.run(measure_log(data, pages))
    table = Table(f"(4) Jump and scroll, {size / MB:g} MB text, headless {SIZE[0]}x{SIZE[1]}: ms, call to frame settled",
                  ["action", "argview p50", "argview p99", "Log p50 (baseline)", "Log p99 (baseline)"])
    labels = {"jump section": "jump to the last section", "jump mention": "jump to an entity's last mention",
              "page": "page down (scroll + settle)", "render page": "render one page, cold cache"}
    for key, label in labels.items():
        a = ours.get(key, [])
        b = base.get(key if key != "jump mention" else "", [])
        table.add(label, pct(a, 50) * 1000, pct(a, 99) * 1000, pct(b, 50) * 1000, pct(b, 99) * 1000)
    table.notes.append("the Log baseline jumps to its last line; it holds one unwrapped line per paragraph")
    table.notes.append("'settle' is pilot.pause(): its own overhead is in both columns (see the Log rows)")
    table.print()
    return {k: median(v) for k, v in ours.items()}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks jump", description=__doc__)
    p.add_argument("--quick", action="store_true", help="10 pages (default 40)")
    p.add_argument("--profile", action="store_true", help="print where the time went (pyinstrument or cProfile)")
    a = p.parse_args(argv)
    profiled(lambda: run(a.quick), a.profile)


if __name__ == "__main__":
    main()
