"""Hostile input in the app (issue 17): the search box, short queries, the end key, signals,
quitting mid-analysis, the locale and terminal size, wide emoji sequences."""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tests.test_app import hand_built, settle, sync
from tui.app import ArgviewApp
from tui.screens.search import SearchScreen

QUERY_LIMIT = 300  # the search box's limit (the README's figure)


class TestSearchBoxPaste:
    """A huge or escape-laden paste is cleaned and capped once; the box stays usable."""

    @sync
    async def test_a_100_kb_paste_with_colour_codes_is_capped_and_cleaned(self):
        """Pasting 100 KB with `ESC[31m` froze the box: it now holds one clean line of the limit."""
        app = ArgviewApp.from_analysis(hand_built())
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            await pilot.press("slash")
            box = app.screen.query_one(Input)
            paste = ("night \x1b[31mtrains\x1b[0m\nsleeper " * 5000)[:100_000]
            box.post_message(events.Paste(paste))
            await settle(app, pilot)
            assert len(box.value) == QUERY_LIMIT
            assert box.value.startswith("night trains sleeper night trains")
            assert not any(ord(c) < 32 for c in box.value)
            assert isinstance(app.screen, SearchScreen)

    @sync
    async def test_keys_past_the_limit_are_dropped_and_esc_closes(self):
        """Typing after a full paste changes nothing; esc closes the box at once."""
        app = ArgviewApp.from_analysis(hand_built())
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            await pilot.press("slash")
            box = app.screen.query_one(Input)
            box.post_message(events.Paste("trains " * 100))
            await settle(app, pilot)
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
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            await pilot.press("slash", "n", "i")
            box = app.screen.query_one(Input)
            box.post_message(events.Paste("g" * 1000))
            await settle(app, pilot)
            assert box.value == "ni" + "g" * (QUERY_LIMIT - 2)
