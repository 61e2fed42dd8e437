"""The note editor: a small box over the reader, the noted text above a text area.

ctrl+s saves (an emptied note is deleted); esc closes, and asks a second esc before it drops
changes, so a typed note is never lost to one key. Returns the note's text, or None: unchanged.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from tui.text import label_line

MAX_NOTE = 20_000  # characters a note keeps: a paste of a whole article is cut here


class NoteEditor(ModalScreen["str | None"]):
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "close", "Close", priority=True),
    ]

    def __init__(self, quote: str, text: str = "", *, title: str = "Note") -> None:
        super().__init__()
        self.quote = quote
        self.initial = text
        self.title_text = title
        self._warned = False

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="dialog") as box:
            box.border_title = Text(self.title_text)  # names article text: never markup
            box.border_subtitle = "ctrl+s saves · esc closes"
            yield Static(Text(label_line(self.quote, 300), style="italic dim"), id="note-quote")
            yield TextArea(self.initial, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static(Text("An empty note is deleted when saved.", style="dim"), id="note-hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text[:MAX_NOTE]

    def action_save(self) -> None:
        self.dismiss(None if self.text == self.initial else self.text)

    def action_close(self) -> None:
        if self.text != self.initial and not self._warned:
            self._warned = True
            hint = self.query_one("#note-hint", Static)
            hint.update(Text("Unsaved: ctrl+s saves, esc again drops the change.", style="bold"))
            return
        self.dismiss(None)
