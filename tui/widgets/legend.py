"""A one-line legend of the role tints used in the article pane."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tui.model import ROLES
from tui.widgets.roles import BADGES


class RoleLegend(Widget):
    COMPONENT_CLASSES = {f"legend--{role}" for role in ROLES}

    def render(self) -> Text:
        text = Text("Roles ", style="dim", no_wrap=True, overflow="ellipsis", end="")
        for role in ROLES:
            text.append(f" {BADGES[role]} ", self.get_component_rich_style(f"legend--{role}", partial=True))
            text.append(" ")
        return text
