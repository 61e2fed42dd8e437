"""The argument in the Argument Interchange Format, as AIFdb JSON (what OVA and AIFdb read):
an I-node (information) per unit, and per relation an RA node (inference, for support) or a
CA node (conflict, for attack) with an edge from the supporting/attacking I-node into it and
one from it to the I-node it bears on.

The reader's notes are locutions: an L-node per note (its text) with a `locutions` entry by the
person "reader" timestamped when the note was last saved, joined to the I-node of the unit it was
written on by a YA node ("Commenting"); a note on no unit stands alone.

Node and edge ids are strings numbered in document order, so the output is deterministic.
Nodes carry no timestamps: a pure writer has no honest time to give.
"""

from __future__ import annotations

import json
from typing import Any

from tui.export.graph import relations, units
from tui.export.notes import notes_by_unit
from tui.model import Analysis

SCHEME_TEXT = {"support": ("RA", "Default Inference"), "attack": ("CA", "Default Conflict")}


def aif_document(analysis: Analysis) -> dict[str, Any]:
    all_units = units(analysis)
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    node_id: dict[int, str] = {}

    def add_node(text: str, kind: str) -> str:
        nid = str(len(nodes) + 1)
        nodes.append({"nodeID": nid, "text": text, "type": kind})
        return nid

    def add_edge(src: str, dst: str) -> None:
        edges.append({"edgeID": str(len(edges) + 1), "fromID": src, "toID": dst, "formEdgeID": None})

    for unit in all_units:
        node_id[unit.index] = add_node(unit.text, "I")
    for unit in relations(all_units):
        assert unit.parent is not None and unit.kind is not None  # what makes it a relation
        kind, text = SCHEME_TEXT[unit.kind]
        scheme = add_node(text, kind)
        add_edge(node_id[unit.index], scheme)
        add_edge(scheme, node_id[unit.parent.index])
    placed, rest = notes_by_unit(analysis, all_units)
    locutions: list[dict[str, Any]] = []
    on_unit = [(note, node_id[index]) for index, notes in sorted(placed.items()) for note in notes]
    for note, target in [*on_unit, *((note, None) for note in rest)]:
        said = add_node(note.text, "L")
        locutions.append({"nodeID": said, "personID": "reader", "timestamp": note.updated, "start": None, "end": None,
                          "source": None})
        if target is not None:
            speech = add_node("Commenting", "YA")
            add_edge(said, speech)
            add_edge(speech, target)
    return {"nodes": nodes, "edges": edges, "locutions": locutions}


def to_aif(analysis: Analysis) -> str:
    return json.dumps(aif_document(analysis), ensure_ascii=False, indent=2) + "\n"
