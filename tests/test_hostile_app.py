"""Hostile input in the app (issue 17): the search box, short queries, the end key, signals,
quitting mid-analysis, the locale and terminal size, wide emoji sequences."""

from __future__ import annotations

import asyncio
import signal

import pytest
from textual import events
from textual.geometry import Region
from textual.widgets import Input

from tests.ptyterm import RESTORE, Terminal
from tests.pilot import app_for, hand_built, settle, settled, sync
from tui.app import ArgviewApp
from tui.screens.search import SearchScreen

QUERY_LIMIT = 300  # the search box's limit (the README's figure)


async def _paste_into_search(pilot, text: str, typed: str = "") -> Input:
    """Open the search box, type `typed`, paste `text` as a terminal would; the box's input."""
    await pilot.press("slash", *typed)
    box = pilot.app.screen.query_one(Input)
    box.post_message(events.Paste(text))
    await settle(pilot.app, pilot)
    return box


class TestSearchBoxPaste:
    """A huge or escape-laden paste is cleaned and capped once; the box stays usable."""

    @sync
    async def test_a_100_kb_paste_with_colour_codes_is_capped_and_cleaned(self):
        """Pasting 100 KB with `ESC[31m` froze the box: it now holds one clean line of the limit."""
        app = ArgviewApp.from_analysis(hand_built())
        async with settled(app, (100, 30)) as pilot:
            box = await _paste_into_search(pilot, ("night \x1b[31mtrains\x1b[0m\nsleeper " * 5000)[:100_000])
            assert len(box.value) == QUERY_LIMIT
            assert box.value.startswith("night trains sleeper night trains")
            assert not any(ord(c) < 32 for c in box.value)
            assert isinstance(app.screen, SearchScreen)

    @sync
    async def test_keys_past_the_limit_are_dropped_and_esc_closes(self):
        """Typing after a full paste changes nothing; esc closes the box at once."""
        app = ArgviewApp.from_analysis(hand_built())
        async with settled(app, (100, 30)) as pilot:
            box = await _paste_into_search(pilot, "trains " * 100)
            full = box.value
            await pilot.press("x", "y", "z")
            assert box.value == full and len(full) <= QUERY_LIMIT
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, SearchScreen)

    @sync
    async def test_a_paste_fills_only_the_room_left(self):
        """A paste into a partly typed query keeps what was typed and cuts the paste."""
        app = ArgviewApp.from_analysis(hand_built())
        async with settled(app, (100, 30)) as pilot:
            box = await _paste_into_search(pilot, "g" * 1000, typed="ni")
            assert box.value == "ni" + "g" * (QUERY_LIMIT - 2)


class TestShortQueries:
    """Queries of one digit or of punctuation find the sentences that hold them."""

    TEXT = (
        "Budget notes\n\nThe Compiler Club met in Cairo. Tickets cost $5 each (cash only). Turnout rose 40% "
        "in year 2 of the plan. Most members write C++ every day. Carla Conti chaired.\n"
    )

    @staticmethod
    def _top(query: str) -> str:
        from tests.conftest import analyse_bytes
        from tui.search import SearchIndex

        analysis = analyse_bytes(TestShortQueries.TEXT, name="club.txt")
        hits = SearchIndex(analysis).search(query)
        assert hits, f"no match for {query!r}"
        return analysis.text[hits[0].start:hits[0].end]

    def test_punctuation_and_digits_are_found(self):
        """`(`, `$5`, `%` and `2` said "No match" although the text holds them."""
        assert self._top("(") == "Tickets cost $5 each (cash only)."
        assert self._top("$5") == "Tickets cost $5 each (cash only)."
        assert self._top("%") == "Turnout rose 40% in year 2 of the plan."
        assert self._top("2") == "Turnout rose 40% in year 2 of the plan."

    def test_cpp_finds_the_sentence_not_a_name_with_c(self):
        """`C++` ranked an unrelated entity (any name with a "c") first."""
        assert self._top("C++") == "Most members write C++ every day."

    def test_words_with_other_punctuation_still_match(self):
        """Punctuation that does not occur falls back to the words: `Cairo!` finds Cairo."""
        assert "Cairo" in self._top("Cairo!")


def _app_for(text: str, name: str = "hostile.txt") -> ArgviewApp:
    """The app on text as the command line opens it, its format sniffed."""
    return app_for(text, name, hint=None)


class TestEndKey:
    """`G` reaches the last line even when the last sentence is longer than the screen."""

    @sync
    async def test_g_shows_the_end_of_one_long_sentence(self):
        """Thousands of one-word lines make one sentence: `G` stayed at 0 %, showing its start."""
        words = [f"w{i}" for i in range(4000)]
        app = _app_for("Words\n\n" + "\n".join(words) + "\n")
        async with settled(app, (80, 24)) as pilot:
            await pilot.press("G")
            await pilot.pause()
            article = app.reader.article
            shown = " ".join(article.render_line(y).text for y in range(article.scrollable_content_region.height))
            assert "w3999" in shown
            assert app.reader.titlebar.render().plain.rstrip().endswith("100%")

    @sync
    async def test_g_on_wide_cjk_text(self):
        """A CJK text (no sentence stops the splitter knows) is one long sentence too."""
        app = _app_for("题目\n\n" + "这是一个很长的句子没有句号" * 400 + "终点\n")
        async with settled(app, (80, 24)) as pilot:
            await pilot.press("G")
            await pilot.pause()
            article = app.reader.article
            assert article.scroll_y == article.max_scroll_y > 0
            last = [article.render_line(y).text for y in range(article.scrollable_content_region.height)]
            assert any("终点" in line for line in last)


SAMPLE_WORD = b"Kazakhstan"  # on the bundled sample's first screen


class TestEndingSignals:
    """Every signal that ends the app restores the terminal (alternate screen, cursor, mouse)."""

    @pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=lambda s: s.name)
    def test_signal_restores_the_terminal(self, sig):
        """`kill -TERM` left the terminal on the alternate screen with the cursor hidden."""
        term = Terminal.spawn(["-m", "tui"])
        assert term.read_until(SAMPLE_WORD), bytes(term.output[-500:])
        term.kill(sig)
        assert term.wait() == 128 + sig
        tail = term.after(SAMPLE_WORD)
        for sequence in RESTORE:
            assert sequence in tail, (sequence, tail[-300:])


BLOCKED_ANALYSIS = (
    "import os, sys, threading, tui.analysis\n"
    "def analyse(*args, **kwargs):  # an analysis that never ends, and says when it has begun\n"
    "    os.write(2, b'<analysis started>')\n"
    "    threading.Event().wait()\n"
    "tui.analysis.analyse = analyse\n"
    "from tui.cli import main\n"
    "raise SystemExit(main(sys.argv[1:]))\n"
)


class TestQuitDuringAnalysis:
    """Quitting while the article is analysed ends the process at once and stops the analysis."""

    def test_q_exits_although_the_analysis_is_still_running(self):
        """`q` restored the screen but the process waited for the analysis (18–20 s on 3 MB)."""
        term = Terminal.spawn(["-c", BLOCKED_ANALYSIS])
        assert term.read_until(b"<analysis started>"), bytes(term.output[-500:])
        term.send(b"q")
        assert term.wait(timeout=20) == 0, "the process waited for the analysis"
        for sequence in RESTORE:
            assert sequence in term.after(b"<analysis started>")

    @sync
    async def test_a_cancelled_analysis_stops_at_its_next_step(self, monkeypatch):
        """The analysis checks for cancellation whenever it reports progress."""
        import threading

        import tui.analysis

        started, release, stopped = threading.Event(), threading.Event(), threading.Event()
        reached: list[str] = []
        real = tui.analysis.analyse

        def slow(source, doc, progress=None):
            started.set()
            release.wait(10)
            try:
                progress("entities", 0.2)
                reached.append("entities")
                return real(source, doc, progress)
            finally:
                stopped.set()

        monkeypatch.setattr(tui.analysis, "analyse", slow)
        app = _app_for("Title\n\nOne sentence here. Another one there.\n")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert await asyncio.to_thread(started.wait, 10)
            await pilot.press("q")
        release.set()
        assert await asyncio.to_thread(stopped.wait, 10)
        assert reached == [], "the analysis went on after the app had quit"


class TestTerminalSetup:
    """The locale, exported sizes and a suspend do not spoil what the terminal shows."""

    def test_c_locale_still_draws_box_characters(self):
        """Under `LC_ALL=C` the screen filled with `\\u2578\\u2501` text instead of lines."""
        env = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
        term = Terminal.spawn(["-m", "tui"], env=env, drop_env=("PYTHONIOENCODING",))
        assert term.read_until("━".encode()), bytes(term.output[-300:])
        term.kill(signal.SIGTERM)
        term.wait()
        assert b"\\u25" not in term.output and SAMPLE_WORD in term.output

    def test_exported_columns_and_lines_do_not_shrink_the_screen(self):
        """`COLUMNS=50 LINES=10` made the app draw a 50x10 screen in a 100x30 terminal."""
        term = Terminal.spawn(["-m", "tui"], env={"COLUMNS": "50", "LINES": "10"}, size=(100, 30))
        assert term.read_until(b"\x1b[30;"), "nothing drawn on the terminal's last row"
        term.kill(signal.SIGTERM)
        term.wait()

    def test_the_screen_is_painted_again_after_a_suspend(self):
        """After SIGTSTP and `fg` (SIGCONT) the screen stayed blank until a key was pressed."""
        term = Terminal.spawn(["-m", "tui"])
        assert term.read_until(SAMPLE_WORD)
        term.read_until(b"\x1b[?1049l\x1b[?25h", timeout=0.5)  # let the first frames settle
        term.kill(signal.SIGTSTP)
        assert term.wait_stopped(), "the app did not suspend"
        assert b"\x1b[?1049l" in term.after(SAMPLE_WORD), "the suspend left the alternate screen"
        mark = len(term.output)
        term.kill(signal.SIGCONT)
        assert term.read_until(SAMPLE_WORD, timeout=20), bytes(term.output[mark:])[-300:]
        term.kill(signal.SIGTERM)
        term.wait()


def _terminal_cells(row: str) -> int:
    """Cells a terminal that measures each code point on its own (tmux, xterm, VTE) gives a row."""
    from rich.cells import get_character_cell_size

    return sum(get_character_cell_size(c) for c in row)


class TestJoinedEmoji:
    """Joined emoji sequences take the cells every terminal gives them: no row grows wider."""

    @sync
    async def test_zwj_family_does_not_push_the_side_pane(self):
        """👨‍👩‍👧 shifted the side pane's border: Rich counted 2 cells, tmux drew 6."""
        text = "Family\n\nThe family 👨\u200d👩\u200d👧 went out. Then 👩\u200d💻 coded. A heart ❤\ufe0f too.\n"
        app = _app_for(text)
        async with settled(app, (100, 20)):
            article = app.reader.article  # the side pane's border is drawn right after its rows
            rows = [strip.text for strip in article.render_lines(Region(0, 0, *article.outer_size))]
            assert any("👨" in row for row in rows)
            assert [_terminal_cells(row) for row in rows] == [article.outer_size.width] * len(rows)
