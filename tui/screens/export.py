"""Pick an export format; the app writes the file next to the source (never overwriting)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.export import EXPORTS

# (id, name, description) per format; tui.export owns the list
FORMATS: tuple[tuple[str, str, str], ...] = tuple((f.id, f.name, f.description) for f in EXPORTS)
_NAME_WIDTH = max(len(name) for _fmt, name, _what in FORMATS)  # descriptions line up in one column
SUFFIXES = {f.id: f.suffix for f in EXPORTS}


class ExportScreen(ModalScreen["str | None"]):
    BINDINGS = [Binding("escape", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export as…"
            box.border_subtitle = "enter writes · esc closes"
            yield OptionList(
                *(
                    Option(Text.assemble((name.ljust(_NAME_WIDTH), "bold"), f"  {what}"), id=fmt)
                    for fmt, name, what in FORMATS
                ),
                id="export-formats",
            )

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
