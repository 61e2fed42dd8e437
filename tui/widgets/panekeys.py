"""The side panes' own j/k/g/G (from the command table's "pane" scope): bound on each pane, so
with a pane focused they move its cursor, while the reader screen's j/k/g/G scroll the article.
Each binding keeps its command id (a settings file rebinds it) and runs the pane's own cursor
action. Each pane class sets `BINDINGS` itself: Textual only reads BINDINGS from widget classes."""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding

from tui.commands import bindings

# The cursor actions of Textual's widgets, per pane command.
TREE_MOVES = {"pane_down": "cursor_down", "pane_up": "cursor_up", "pane_first": "scroll_home", "pane_last": "scroll_end"}
LIST_MOVES = {"pane_down": "cursor_down", "pane_up": "cursor_up", "pane_first": "first", "pane_last": "last"}


def pane_bindings(moves: dict[str, str]) -> list[Binding]:
    """The pane commands' bindings, each running the widget action `moves` names for it."""
    return [replace(binding, action=moves[binding.id or ""]) for binding in bindings("pane")]
