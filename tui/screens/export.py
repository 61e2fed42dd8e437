"""Pick an export format; the reader writes it through `tui.export.export_beside` (never overwriting)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.export import EXPORTS

_NAME_WIDTH = max(len(f.name) for f in EXPORTS)  # descriptions line up in one column


class ExportScreen(ModalScreen["str | None"]):
    BINDINGS = [Binding("escape", "close", "Close")]

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export as…"
            box.border_subtitle = "enter writes · esc closes"
            yield OptionList(
                *(
                    Option(Text.assemble((f.name.ljust(_NAME_WIDTH), "bold"), f"  {f.description}"), id=f.id)
                    for f in EXPORTS
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
