"""The help screen: every key, from the same command table that builds the bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.commands import COMMANDS, LOCAL_KEYS


def help_text(keymap: dict[str, str] | None = None) -> Table:
    """Every key in two columns, grouped; rebuilt from the command table each time, with the keys
    the settings' `[keys]` table (`keymap`: binding id → keys) gave some commands instead."""
    keymap = keymap or {}
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column(ratio=1)
    group = None
    rows = [
        (c.group, keymap[c.action].replace(",", " ") if c.action in keymap else c.display_keys, f"{c.title} — {c.help}")
        for c in COMMANDS
    ] + list(LOCAL_KEYS)
    for where, keys, what in rows:
        if where != group:
            group = where
            table.add_row(Text(f"\n{where}", style="bold underline"), "")
        table.add_row(keys, Text(what))
    table.add_row("", "")
    table.add_row("prefixes", Text("# sections, @ entities, ! arguments, * your notes; no prefix searches everything", style="dim"))
    return table


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close"),
        Binding("j", "scroll(1)", show=False),
        Binding("k", "scroll(-1)", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Argview keys"
            box.border_subtitle = "esc closes"
            settings = getattr(self.app, "settings", None)
            yield Static(help_text(settings.keys if settings is not None else None), id="help-text")

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_scroll(self, delta: int) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        # immediate: a deferred scroll reads the old scroll_y, so a burst of j's moved one line
        box.scroll_to(y=box.scroll_y + delta, animate=False, immediate=True)

    def action_close(self) -> None:
        self.dismiss(None)
