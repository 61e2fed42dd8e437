"""The argument map for Graphviz (DOT): a node per unit, shaped and coloured by role, its title
("Premise 2") over its text wrapped to a few words a line; an edge from each unit to the one it
supports (solid green) or attacks (dashed red). The thesis sits on top (rankdir=BT).

Article text is untrusted: it only ever appears inside double-quoted DOT strings, where `"` and
`\\` are escaped and `&` is written `&amp;` (Graphviz reads HTML entities in every label, so
"&lt;" in an article would otherwise print as "<"). `<` and `>` are literal in a quoted string.
"""

from __future__ import annotations

from tui.export.graph import OTHER_LOOK, RELATION_COLOURS, ROLE_LOOKS, Unit, titles, units, wrap
from tui.model import Analysis
from tui.text import clean_line

def quote(text: str) -> str:
    """Any text as one double-quoted DOT string that Graphviz prints as written."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return f'"{escaped}"'


def label(lines: list[str]) -> str:
    """Lines as a quoted DOT label (each centred); the line breaks are DOT's `\\n` escapes."""
    return '"' + "\\n".join(quote(clean_line(line))[1:-1] for line in lines) + '"'


def node_id(unit: Unit) -> str:
    return f"u{unit.index + 1}"


def to_dot(analysis: Analysis) -> str:
    all_units = units(analysis)
    names = titles(all_units)
    title = clean_line(analysis.title) or "Untitled"
    lines = [
        "digraph argument {",
        f'  graph [label={label(wrap(title, 60))}, labelloc=t, fontname="Helvetica", fontsize=16, rankdir=BT, nodesep=0.3, ranksep=0.5];',
        '  node [fontname="Helvetica", fontsize=11, margin="0.15,0.08"];',
        "  edge [arrowsize=0.8];",
    ]
    if not all_units:
        lines.append(f"  empty [shape=plaintext, label={quote('No argument outline was found.')}];")
    for unit in all_units:
        look = ROLE_LOOKS.get(unit.node.role, OTHER_LOOK)
        lines.append(
            f"  {node_id(unit)} [label={label([names[unit.index], *wrap(unit.text)])}, shape={look.dot_shape}, "
            f'style="{look.dot_style}", fillcolor="{look.fill}", color="{look.border}"];'
        )
    for unit in all_units:
        if unit.parent is None:
            continue
        colour = RELATION_COLOURS[unit.kind or "support"]
        dashed = ", style=dashed" if unit.kind == "attack" else ""
        lines.append(f'  {node_id(unit)} -> {node_id(unit.parent)} [color="{colour}"{dashed}];')
    lines.append("}")
    return "\n".join(lines) + "\n"
