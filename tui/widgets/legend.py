"""A one-line legend of the role tints and gutter marks used in the article pane."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from tui.kinds import ROLES
from tui.widgets.article import component_style
from tui.widgets.roles import BADGES, MARKS


class RoleLegend(Widget):
    COMPONENT_CLASSES = {f"legend--{role}" for role in ROLES}

    def render(self) -> Text:
        # mark and name side by side, no "Roles" heading: the six fit the article pane at 120 columns
        text = Text(end="")
        for role in ROLES:
            text.append(f" {MARKS[role]} {BADGES[role]} ", component_style(self, f"legend--{role}"))
        return text
