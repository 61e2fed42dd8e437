"""The argument as a graph: the units of the outline and the support/attack relation of each.

Shared by the exporters so Argdown and AIF say the same thing. Mapping (DESIGN.md roles):
premise, claim and conclusion support their parent; a counter attacks its parent; a rebuttal
attacks the counter it answers (and supports its parent when that is not a counter). Units the
outline puts beside the thesis at the top level relate to the thesis, since it is the article's
main claim; with no thesis they stand alone.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from tui.model import Analysis, ArgNode

Kind = Literal["support", "attack"]

# How each role is named in the exports' headings and titles.
ROLE_TITLES = {
    "thesis": "Thesis",
    "claim": "Claim",
    "premise": "Premise",
    "counter": "Counter",
    "rebuttal": "Rebuttal",
    "conclusion": "Conclusion",
}


@dataclass(eq=False)
class Unit:
    """One argument unit, with its place in the relation tree the exporters write."""

    index: int                       # position in document (pre-order) walk of the outline
    node: ArgNode
    text: str                        # the unit's text as one clean line (never empty)
    parent: Unit | None = field(default=None, repr=False)  # the unit this one supports or attacks
    kind: Kind | None = None         # how it relates to `parent`
    children: list[Unit] = field(default_factory=list, repr=False)


def one_line(text: str) -> str:
    """Collapse all whitespace (including Unicode line separators) to single spaces and drop
    control characters: article text must never carry terminal or layout controls into an export."""
    cleaned = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return " ".join(cleaned.split())


def unit_text(analysis: Analysis, node: ArgNode) -> str:
    """The quoted text of a unit: its span in the article, else its label, else its role."""
    return one_line(analysis.span_text(node)) or one_line(node.label) or node.role


def relation_kind(node: ArgNode, parent: ArgNode) -> Kind:
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
