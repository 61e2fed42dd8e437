"""The header: article title on the left, current section and reading position on the right."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tui.widgets.roles import one_line


class TitleBar(Widget):
    """One line, no clock (snapshots stay deterministic); all text is plain `Text`."""

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article_title = one_line(title, 300)
        self.section = ""
        self.percent = 0
        self.status = ""

    def set_position(self, section: str, percent: int) -> None:
        section = one_line(section, 80)
        if (section, percent) != (self.section, self.percent):
            self.section, self.percent = section, percent
            self.refresh()

    def set_status(self, status: str) -> None:
        if status != self.status:
            self.status = status
            self.refresh()

    def render(self) -> Text:
        width = self.content_region.width or self.size.width
        right = Text()
        if self.status:
            right.append(f"{self.status}  ", "italic")
        if self.section and self.section != self.article_title:
            right.append(f"§ {self.section}  ", "dim")
        right.append(f"{self.percent:>3}%", "bold")
        room = max(0, width - right.cell_len - 2)
        left = Text(self.article_title, style="bold", no_wrap=True, overflow="ellipsis")
        left.truncate(room, overflow="ellipsis")
        if right.cell_len + 2 > width:
            right.truncate(max(0, width - 1), overflow="ellipsis")
        gap = max(1, width - left.cell_len - right.cell_len)
        return Text.assemble(left, " " * gap, right, no_wrap=True, end="")
