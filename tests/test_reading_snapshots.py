"""SVG snapshots of your reading on screen: a corrected unit (its new badge, «yours», the relation
the reader gave, the gutter mark) and the Notes tab (regenerate with `--snapshot-update` when the
layout changes on purpose, and look at the new SVGs before committing them)."""

from __future__ import annotations

from tests.test_app import hand_built
from tests.test_reading_ui import choose, open_outline_on
from tui.app import ArgviewApp

SIZE = (110, 28)


async def _settle(pilot) -> None:
    app = pilot.app
    app.animation_level = "none"
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def test_a_corrected_unit_in_the_outline_and_the_article(snap_compare):
    async def correct(pilot) -> None:
        await _settle(pilot)
        await open_outline_on(pilot.app, pilot, "sleeper cabins")
        await pilot.press("c")
        await choose(pilot, "CLAIM")
        await pilot.press("f")  # and it attacks the thesis, said explicitly
        await pilot.app.workers.wait_for_complete()
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(ArgviewApp.from_analysis(hand_built()), terminal_size=SIZE, run_before=correct)


def test_the_notes_tab_lists_a_note_marked_in_the_gutter_and_the_outline(snap_compare):
    async def write(pilot) -> None:
        await _settle(pilot)
        await pilot.press("right_parenthesis", "a")
        await pilot.pause()
        await pilot.press(*"Check the 2019 figures: [bold]not markup[/bold]", "ctrl+s")
        await pilot.pause()
        await pilot.press("4")
        await pilot.app.workers.wait_for_complete()
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(ArgviewApp.from_analysis(hand_built()), terminal_size=SIZE, run_before=write)
