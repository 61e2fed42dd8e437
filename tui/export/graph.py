"""The argument as a graph: the units of the outline and the support/attack relation of each.

Shared by the exporters so Argdown and AIF say the same thing. Mapping (DESIGN.md roles):
premise, claim and conclusion support their parent; a counter attacks its parent; a rebuttal
attacks the counter it answers (and supports its parent when that is not a counter). Units the
outline puts beside the thesis at the top level relate to the thesis, since it is the article's
main claim; with no thesis they stand alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tui.model import Analysis, ArgNode
from tui.text import clean_line

Kind = Literal["support", "attack"]

@dataclass(frozen=True)
class RoleLook:
    """How the exports show a role: its name in headings and titles; in the pictures (DOT,
    Mermaid) a fill and a border colour, in the hues the app tints roles with, light enough for
    black text; and a shape per picture, so a black-and-white print still tells roles apart."""

    title: str
    fill: str
    border: str
    dot_shape: str
    dot_style: str                   # DOT's border style
    mermaid: tuple[str, str]         # opening and closing brackets of the Mermaid node


# Mermaid shapes: subroutine (a box with double sides), rounded box, box, hexagon, parallelogram, stadium.
ROLE_LOOKS: dict[str, RoleLook] = {
    "thesis": RoleLook("Thesis", "#cfe2f3", "#1f5f99", "box", "rounded,filled,bold", ("[[", "]]")),
    "claim": RoleLook("Claim", "#e4daf2", "#5b3f8c", "box", "rounded,filled", ("(", ")")),
    "premise": RoleLook("Premise", "#dcefd6", "#2e7d32", "box", "filled", ("[", "]")),
    "counter": RoleLook("Counter", "#f8d7d7", "#b71c1c", "hexagon", "filled", ("{{", "}}")),
    "rebuttal": RoleLook("Rebuttal", "#fde7c2", "#a65e00", "note", "filled", ("[/", "/]")),
    "conclusion": RoleLook("Conclusion", "#fff1a8", "#7f6a00", "box", "filled,diagonals", ("([", "])")),
}
OTHER_LOOK = RoleLook("Unit", "#eeeeee", "#555555", "box", "filled", ("[", "]"))  # a role the model may add
# Relations: support green, attack red (dashed).
RELATION_COLOURS = {"support": "#2e7d32", "attack": "#c62828"}
LABEL_WIDTH = 40  # characters per line in a picture's node


@dataclass(eq=False)
class Unit:
    """One argument unit, with its place in the relation tree the exporters write."""

    index: int                       # position in document (pre-order) walk of the outline
    node: ArgNode
    text: str                        # the unit's text as one clean line (never empty)
    parent: Unit | None = field(default=None, repr=False)  # the unit this one supports or attacks
    kind: Kind | None = None         # how it relates to `parent`
    children: list[Unit] = field(default_factory=list, repr=False)


def unit_text(analysis: Analysis, node: ArgNode) -> str:
    """The quoted text of a unit: its span in the article, else its label, else its role."""
    return clean_line(analysis.span_text(node)) or clean_line(node.label) or node.role


def wrap(text: str, width: int = LABEL_WIDTH) -> list[str]:
    """Lines of at most `width` characters, broken at spaces only, so joining them with spaces
    gives `text` back (a long word or URL stays whole on a line of its own)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def titles(all_units: list[Unit]) -> dict[int, str]:
    """A unique title per unit: the role and its number in document order ("Claim 2"); the
    first thesis is just "Thesis"."""
    counts: dict[str, int] = {}
    out: dict[int, str] = {}
    for unit in all_units:
        role = unit.node.role
        counts[role] = counts.get(role, 0) + 1
        base = ROLE_LOOKS.get(role, OTHER_LOOK).title
        out[unit.index] = base if role == "thesis" and counts[role] == 1 else f"{base} {counts[role]}"
    return out


def relation_kind(node: ArgNode, parent: ArgNode) -> Kind:
    if node.relation is not None:  # the reader said so
        return node.relation
    if node.role == "counter":
        return "attack"
    if node.role == "rebuttal" and parent.role == "counter":
        return "attack"
    return "support"


def units(analysis: Analysis) -> list[Unit]:
    """Every unit of the outline in document order, linked into the relation tree."""
    out: list[Unit] = []

    def visit(node: ArgNode, parent: Unit | None) -> Unit:
        unit = Unit(index=len(out), node=node, text=unit_text(analysis, node))
        out.append(unit)
        if parent is not None:
            _link(unit, parent)
        for child in node.children:
            visit(child, unit)
        return unit

    roots = [visit(node, None) for node in analysis.outline]
    thesis = next((u for u in roots if u.node.role == "thesis"), None)
    if thesis is not None:
        for unit in roots:
            if unit is not thesis and unit.node.role != "thesis":
                _link(unit, thesis)
        thesis.children.sort(key=lambda u: u.index)
    return out


def roots(all_units: list[Unit]) -> list[Unit]:
    return [u for u in all_units if u.parent is None]


def relations(all_units: list[Unit]) -> list[Unit]:
    """The units that support or attack another; each stands for exactly one relation."""
    return [u for u in all_units if u.parent is not None]


def _link(unit: Unit, parent: Unit) -> None:
    unit.parent = parent
    unit.kind = relation_kind(unit.node, parent.node)
    parent.children.append(unit)
