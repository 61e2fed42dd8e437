"""The Textual app (first cut: article text; the explorer issue builds the full layout)."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Static

from tui.ingest import Document
from tui.model import Source


class ArgviewApp(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def __init__(self, source: Source, doc: Document) -> None:
        super().__init__()
        self.source = source
        self.doc = doc

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(Text(self.doc.text))
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.doc.title or self.source.name
