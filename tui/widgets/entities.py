"""The Entities pane: a `Tree` of entities grouped by type, with mention counts."""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.model import ENTITY_TYPES, Entity
from tui.text import label_line
from tui.widgets.panekeys import TREE_MOVES, pane_bindings
from tui.widgets.fit import fit_label
from tui.widgets.roles import TYPE_NAMES


class EntityTree(Tree[Entity | None]):
    BINDINGS = pane_bindings(TREE_MOVES)
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Entities", id=id)
        self.show_root = False
        self.guide_depth = 2
        self._by_id: dict[str, TreeNode[Entity | None]] = {}

    def load(self, entities: list[Entity]) -> None:
        self.clear()
        self._by_id.clear()
        for kind in ENTITY_TYPES:
            members = [e for e in entities if e.type == kind]
            if not members:
                continue
            members.sort(key=lambda e: (-len(e.mentions), e.name.lower()))
            group = self.root.add(
                Text.assemble((TYPE_NAMES[kind], "bold"), (f"  {len(members)}", "dim")), data=None, expand=True
            )
            for entity in members:
                label = Text.assemble(label_line(entity.name, 60), (f"  ×{len(entity.mentions)}", "dim"))
                aliases = [a for a in entity.aliases if a != entity.name]
                if aliases:
                    label.append(f"  ({label_line(', '.join(aliases), 60)})", "dim italic")
                self._by_id[entity.id] = group.add_leaf(label, data=entity)
        self.root.expand()

    def render_label(self, node: TreeNode[Entity | None], base_style: Style, style: Style) -> Text:
        return fit_label(self, node, super().render_label(node, base_style, style))

    def tree_node(self, entity_id: str) -> TreeNode[Entity | None] | None:
        return self._by_id.get(entity_id)
