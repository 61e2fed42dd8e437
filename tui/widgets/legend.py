"""A one-line legend of the role tints used in the article pane."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tui.model import ROLES
from tui.widgets.article import component_style
from tui.widgets.roles import BADGES


class RoleLegend(Widget):
    COMPONENT_CLASSES = {f"legend--{role}" for role in ROLES}

    def render(self) -> Text:
        text = Text("Roles ", style="dim", end="")
        for role in ROLES:
            text.append(f" {BADGES[role]} ", component_style(self, f"legend--{role}"))
            text.append(" ")
        return text
