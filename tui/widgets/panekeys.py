"""The side panes' own j/k/g/G (from the command table's "pane" scope): bound on each pane, so
with a pane focused they move its cursor, while the reader screen's j/k/g/G scroll the article.
Each pane class sets `BINDINGS = PANE_BINDINGS` itself: Textual only reads BINDINGS from widget classes."""

from __future__ import annotations

from tui.commands import bindings

PANE_BINDINGS = bindings("pane")


class TreeKeys:
    """For a `Tree` pane (outline, entities)."""

    def action_pane_down(self) -> None:
        self.action_cursor_down()  # type: ignore[attr-defined]

    def action_pane_up(self) -> None:
        self.action_cursor_up()  # type: ignore[attr-defined]

    def action_pane_first(self) -> None:
        self.action_scroll_home()  # type: ignore[attr-defined]

    def action_pane_last(self) -> None:
        self.action_scroll_end()  # type: ignore[attr-defined]


class ListKeys:
    """For an `OptionList` pane (sections)."""

    def action_pane_down(self) -> None:
        self.action_cursor_down()  # type: ignore[attr-defined]

    def action_pane_up(self) -> None:
        self.action_cursor_up()  # type: ignore[attr-defined]

    def action_pane_first(self) -> None:
        self.action_first()  # type: ignore[attr-defined]

    def action_pane_last(self) -> None:
        self.action_last()  # type: ignore[attr-defined]
