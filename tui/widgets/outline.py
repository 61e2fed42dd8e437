"""The Outline pane: the argument as a `Tree` with role badges and cues; follows the reader."""

from __future__ import annotations

from bisect import bisect_left

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.model import ArgNode
from tui.text import label_line
from tui.widgets.panekeys import TREE_MOVES, pane_bindings
from tui.widgets.fit import fit_label
from tui.widgets.roles import BADGES


class OutlineTree(Tree[ArgNode]):
    BINDINGS = pane_bindings(TREE_MOVES)
    COMPONENT_CLASSES = {
        "outline--thesis",
        "outline--claim",
        "outline--premise",
        "outline--counter",
        "outline--rebuttal",
        "outline--conclusion",
        "outline--cue",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Argument", id=id)
        self.show_root = False
        self.guide_depth = 3
        self.auto_expand = False
        self._by_id: dict[str, TreeNode[ArgNode]] = {}
        self._order: list[tuple[int, int, int, str]] = []  # (start, -depth, end, id)
        self._starts: list[int] = []

    def load(self, outline: list[ArgNode]) -> None:
        self.clear()
        self._by_id.clear()
        self._order.clear()

        def add(parent: TreeNode[ArgNode], nodes: list[ArgNode], depth: int) -> None:
            for node in nodes:
                label = Text(label_line(node.label or node.role))
                tree_node = parent.add(label, data=node, expand=True, allow_expand=bool(node.children))
                self._by_id[node.id] = tree_node
                self._order.append((node.start, -depth, node.end, node.id))
                add(tree_node, node.children, depth + 1)

        add(self.root, outline, 0)
        self._order.sort()
        self._starts = [item[0] for item in self._order]
        self.root.expand()

    def render_label(self, node: TreeNode[ArgNode], base_style: Style, style: Style) -> Text:
        data = node.data
        if data is None:
            return super().render_label(node, base_style, style)
        badge_style = self.get_component_rich_style(f"outline--{data.role}", partial=True)
        label = node.label.copy() if isinstance(node.label, Text) else Text(str(node.label))
        label.stylize(style)
        parts: list[Text | tuple[str, Style] | str] = [(f" {BADGES[data.role]} ", badge_style), " "]
        if data.cue:  # before the label, so a narrow pane never cuts it off
            cue_style = self.get_component_rich_style("outline--cue", partial=True)
            parts.append((f"«{label_line(data.cue, 30)}» ", style + cue_style))
        parts.append(label)
        return fit_label(self, node, Text.assemble(*parts))

    def node_at(self, start: int, end: int | None = None) -> TreeNode[ArgNode] | None:
        """The latest-starting unit overlapping [start, end), else the last one before `start`."""
        if not self._order:
            return None
        end = max(start + 1, end or start + 1)
        i = bisect_left(self._starts, end) - 1
        if i < 0:  # before the first unit: the outline rests on its top
            return self._by_id[self._order[0][3]]
        # Units rarely nest deeply; a short walk back finds one that still covers the span.
        for j in range(i, max(-1, i - 64), -1):
            u_start, _depth, u_end, node_id = self._order[j]
            if u_end > start:
                return self._by_id[node_id]
        return self._by_id[self._order[i][3]]

    def follow(self, start: int, end: int | None = None) -> None:
        current = self.cursor_node
        if current is not None and current.data is not None:
            unit = current.data  # already on a unit in this sentence (e.g. the one just chosen): stay
            if unit.start < max(start + 1, end or start + 1) and unit.end > start:
                return
        node = self.node_at(start, end)
        if node is not None and node is not self.cursor_node:
            self.move_cursor(node)

    def tree_node(self, node_id: str) -> TreeNode[ArgNode] | None:
        return self._by_id.get(node_id)

    def copy_text(self, text: str) -> tuple[str, int]:
        """The highlighted unit's text (from the article's `text`) and how many units under it are
        included: when it is expanded, its shown children follow as an indented Markdown list."""
        node = self.cursor_node
        if node is None or node.data is None:
            return "", 0
        if not (node.is_expanded and node.children):
            return text[node.data.start : node.data.end], 0
        lines: list[str] = []

        def add(item: TreeNode[ArgNode], depth: int) -> None:
            assert item.data is not None
            lines.append("  " * depth + "- " + " ".join(text[item.data.start : item.data.end].split()))
            if item.is_expanded:
                for child in item.children:
                    add(child, depth + 1)

        add(node, 0)
        return "\n".join(lines) + "\n", len(lines) - 1
