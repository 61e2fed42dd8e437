"""SVG snapshots of the reader on the bundled sample (regenerate with `--snapshot-update` when the
analysis or the layout changes on purpose, and look at the new SVGs before committing them)."""

from __future__ import annotations

import pytest

from tui.app import ArgviewApp


async def _ready(pilot) -> None:
    app = pilot.app
    app.animation_level = "none"
    await pilot.pause()  # the analysis worker starts after the first refresh
    await app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_main_screen(snap_compare, size):
    assert snap_compare(ArgviewApp.from_path(None), terminal_size=size, run_before=_ready)


def test_after_next_section_with_the_side_pane_open_on_a_narrow_terminal(snap_compare):
    assert snap_compare(ArgviewApp.from_path(None), press=["s", "right_square_bracket"], terminal_size=(80, 24), run_before=_ready)
