"""The Sections pane: the article's headings as an `OptionList` (line API, fine at any length)."""

from __future__ import annotations

from bisect import bisect_right

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.model import Section
from tui.text import label_line
from tui.widgets.panekeys import LIST_MOVES, pane_bindings


class SectionList(OptionList):
    BINDINGS = pane_bindings(LIST_MOVES)
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sections: list[Section] = []
        self._starts: list[int] = []

    def load(self, sections: list[Section]) -> None:
        self.sections = list(sections)
        self._starts = [s.start for s in self.sections]
        self.clear_options()
        self.add_options(
            Option(Text(("  " * (s.level - 1)) + label_line(s.title, 120)), id=s.id) for s in self.sections
        )

    def index_at(self, offset: int) -> int | None:
        if not self.sections:
            return None
        return max(0, bisect_right(self._starts, offset) - 1)

    def follow(self, offset: int) -> None:
        index = self.index_at(offset)
        if index is not None and index != self.highlighted:
            self.highlighted = index
