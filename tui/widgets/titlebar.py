"""The header: article title on the left, current section and reading position on the right."""

from __future__ import annotations

import re

from rich.text import Text
from textual.widget import Widget

from tui.text import label_line


class TitleBar(Widget):
    """One line, no clock (snapshots stay deterministic); all text is plain `Text`."""

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article_title = label_line(title, 300)
        self.section = ""
        self.percent = 0
        self.status = ""

    def set_position(self, section: str, percent: int) -> None:
        section = label_line(section, 80)
        if (section, percent) != (self.section, self.percent):
            self.section, self.percent = section, percent
            self.refresh()

    def set_title(self, title: str) -> None:
        self.article_title = label_line(title, 300)
        self.refresh()

    def set_status(self, status: str) -> None:
        status = label_line(status, 200)  # holds the reader's query: untrusted like the title
        if status != self.status:
            self.status = status
            self.refresh()

    def render(self) -> Text:
        """Title left; status, section and percentage right. When they do not all fit, the
        percentage stays whole, the title keeps a few words, and status then section give way."""
        width = self.content_region.width or self.size.width
        percent = Text(f"{self.percent:>3}%", "bold")
        title = Text(self.article_title, style="bold", no_wrap=True)
        keep_title = min(title.cell_len, max(8, width // 4))
        room = width - percent.cell_len - keep_title - 2  # cells for status and section
        extras: list[Text] = []
        for value, style in ((self.status, "italic"), (self._shown_section(), "dim")):
            if not value or room < 6:
                continue
            part = _cut(value, style, room - 2)
            extras.append(part)
            room -= part.cell_len + 2
        right = Text(no_wrap=True, end="")
        for part in extras:
            right.append_text(part)
            right.append("  ")
        right.append_text(percent)
        title.truncate(max(0, width - right.cell_len - 2), overflow="ellipsis")
        gap = max(1, width - title.cell_len - right.cell_len)
        line = Text.assemble(title, " " * gap, right, no_wrap=True, end="")
        line.truncate(width)
        return line

    def _shown_section(self) -> str:
        if self.section and self.section != self.article_title:
            return f"§ {self.section}"
        return ""


_COUNTER = re.compile(r"\s\d+/\d+$")  # "Putin 3/10": the count outlives the label when cut


def _cut(value: str, style: str, cells: int) -> Text:
    """`value` in at most `cells` cells with an ellipsis, keeping a trailing "n/m" counter whole."""
    counter = _COUNTER.search(value)
    tail = value[counter.start() :] if counter else ""
    head = Text(value[: len(value) - len(tail)], style=style, no_wrap=True)
    if head.cell_len + len(tail) > cells:
        head.truncate(max(1, cells - len(tail)), overflow="ellipsis")
    head.append(tail)
    head.truncate(cells, overflow="ellipsis")
    return head
