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
from tui.widgets.roles import BADGES, NOTE_MARK


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
        "outline--yours",
        "outline--note",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Argument", id=id)
        self.show_root = False
        self.guide_depth = 3
        self.auto_expand = False
        self._by_id: dict[str, TreeNode[ArgNode]] = {}
        self._order: list[tuple[int, int, int, str]] = []  # (start, -depth, end, id)
        self._starts: list[int] = []
        self._noted: set[tuple[int, int]] = set()  # spans the reader wrote a note on
        self._shape: list[tuple[str, str | None, int, int]] = []  # (id, parent id, start, end) in tree order

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
        self._shape = _shape(outline)
        self._order.sort()
        self._starts = [item[0] for item in self._order]
        self.root.expand()

    def reload(self, outline: list[ArgNode], focus: tuple[int, int] | None = None) -> None:
        """Load a corrected outline keeping what the reader had folded, the cursor on the unit at
        `focus` (the one just edited), else on the unit it was on."""
        was = self.cursor_node.data if self.cursor_node is not None else None
        if _shape(outline) == self._shape:
            self._update_in_place(outline)  # a role, a relation, a mark: 10,000 nodes are not rebuilt for it
        else:
            folded = {n.data.id for n in self._by_id.values() if n.data is not None and n.children and not n.is_expanded}
            self.load(outline)
            for node_id in folded:
                node = self._by_id.get(node_id)
                if node is not None:
                    node.collapse()
        target = None
        if focus is not None:
            target = next((n for n in self._by_id.values() if n.data and (n.data.start, n.data.end) == focus), None)
            target = target or self.node_at(*focus)
        elif was is not None:
            target = self._by_id.get(was.id) or self.node_at(was.start, was.end)
        if target is not None:
            parent = target.parent
            while parent is not None:
                parent.expand()
                parent = parent.parent
            self.call_after_refresh(self.move_cursor, target)

    def _update_in_place(self, outline: list[ArgNode]) -> None:
        """Same units in the same places: give each tree node its new data, repaint those that changed."""
        for root in outline:
            for unit in root.walk():
                tree_node = self._by_id[unit.id]
                old = tree_node.data
                tree_node.data = unit
                if old is None or _looks(old) != _looks(unit):
                    tree_node.set_label(Text(label_line(unit.label or unit.role)))

    def set_notes(self, spans: list[tuple[int, int]]) -> None:
        """Mark the units the reader wrote a note on (a note on exactly a unit's words)."""
        self._noted = set(spans)
        self._invalidate()

    def render_label(self, node: TreeNode[ArgNode], base_style: Style, style: Style) -> Text:
        data = node.data
        if data is None:
            return super().render_label(node, base_style, style)
        badge_style = self.get_component_rich_style(f"outline--{data.role}", partial=True)
        label = node.label.copy() if isinstance(node.label, Text) else Text(str(node.label))
        label.stylize(style)
        parts: list[Text | tuple[str, Style] | str] = [(f" {BADGES[data.role]} ", badge_style), " "]
        if (data.start, data.end) in self._noted:
            parts.append((f"{NOTE_MARK} ", style + self.get_component_rich_style("outline--note", partial=True)))
        if data.cue:  # before the label, so a narrow pane never cuts it off
            cue_class = "outline--yours" if data.by == "reader" else "outline--cue"
            cue_style = self.get_component_rich_style(cue_class, partial=True)
            parts.append((f"«{label_line(data.cue, 30)}» ", style + cue_style))
        if data.relation is not None:  # the reader said it: shown, as it may differ from what the role implies
            parts.append(("attacks: " if data.relation == "attack" else "supports: ", style))
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


def _shape(outline: list[ArgNode]) -> list[tuple[str, str | None, int, int]]:
    out: list[tuple[str, str | None, int, int]] = []

    def visit(nodes: list[ArgNode], parent: str | None) -> None:
        for node in nodes:
            out.append((node.id, parent, node.start, node.end))
            visit(node.children, node.id)

    visit(outline, None)
    return out


def _looks(node: ArgNode) -> tuple[object, ...]:
    """What a node's line shows (children aside)."""
    return node.role, node.label, node.cue, node.by, node.relation
