"""The Notes pane: the reader's notes in text order, each with the words it was written on.

Notes whose words are no longer in the article (a new version of the text) stay listed, last,
marked as such: nothing kept is hidden. Note and quote are untrusted text: `Text`, never markup.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.model import ReaderNote
from tui.text import label_line
from tui.widgets.panekeys import LIST_MOVES, pane_bindings
from tui.widgets.roles import NOTE_MARK



class NotesList(OptionList):
    BINDINGS = pane_bindings(LIST_MOVES)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.notes: list[ReaderNote] = []

    def load(self, notes: list[ReaderNote]) -> None:
        keep = self.highlighted_note.id if self.highlighted_note is not None else None
        self.notes = list(notes)
        self.clear_options()
        self.add_options(Option(_prompt(n), id=n.id) for n in self.notes)
        ids = [n.id for n in self.notes]
        if keep in ids:
            self.highlighted = ids.index(keep)

    @property
    def highlighted_note(self) -> ReaderNote | None:
        i = self.highlighted
        return self.notes[i] if i is not None and 0 <= i < len(self.notes) else None

    def follow(self, offset: int) -> None:
        """Highlight the last note starting at or before `offset` (the reading position)."""
        best = None
        for i, note in enumerate(self.notes):
            if note.start is not None and note.start <= offset:
                best = i
        if best is not None and best != self.highlighted:
            self.highlighted = best


def _prompt(note: ReaderNote) -> Text:
    text = Text(no_wrap=False)
    text.append(f"{NOTE_MARK} ", style="bold")
    text.append(label_line(note.text, 400))
    quote = f"“{label_line(note.quote, 70)}”"
    if note.start is None:
        quote += " — no longer in the article"
    text.append("\n  " + quote, style="dim italic")
    return text
