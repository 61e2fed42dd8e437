"""Pick an export format; the app writes the file next to the source (never overwriting)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

FORMATS: tuple[tuple[str, str, str], ...] = (
    ("md", "Markdown", "the outline as a nested list"),
    ("argdown", "Argdown", "the argument map for the Argdown tools"),
    ("aif", "AIF", "Argument Interchange Format (JSON)"),
    ("json", "JSON", "the full analysis, argview.analysis/1"),
)
_NAME_WIDTH = max(len(name) for _fmt, name, _what in FORMATS)  # descriptions line up in one column
SUFFIXES = {"md": ".outline.md", "argdown": ".argdown", "aif": ".aif.json", "json": ".analysis.json"}


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
