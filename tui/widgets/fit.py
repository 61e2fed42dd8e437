"""Side-pane tree labels cut to the pane with an ellipsis, instead of cropped mid-word at its edge."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Tree
from textual.widgets.tree import TreeNode


def fit_label(tree: Tree[Any], node: TreeNode[Any], label: Text) -> Text:
    """`label` truncated to the cells left after the node's guides (`guide_depth` per ancestor
    below the hidden root, as `Tree` draws them)."""
    depth = 0
    parent = node.parent
    while parent is not None and parent is not tree.root:
        depth += 1
        parent = parent.parent
    room = tree.scrollable_content_region.width - depth * tree.guide_depth
    if room > 1 and label.cell_len > room:
        label = label.copy()
        label.truncate(room, overflow="ellipsis")
    return label
