"""Any sequence of edits gives a well-formed outline: never a crash, at most one thesis, every
unit a span of the text, and no unit lost except those the reader took out."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from tests.conftest import analyse_bytes
from tui.model import ROLES
from tui.reading.apply import apply_reading
from tui.reading.gold import gold_document
from tui.reading.model import Anchor, Edit, Reading

ARTICLE = """Cities should price parking

Cities should charge for street parking at the rate the market sets. Free parking is never free, because drivers pay for it in rent and in traffic.

Some people argue that paid parking hurts small shops. However, studies of priced districts show that shoppers come back when spaces are easy to find.

Parking minimums also raise the cost of every new home. In conclusion, priced parking makes streets work better for everyone.
"""
A = analyse_bytes(ARTICLE)
SPANS = [(s.start, s.end) for s in A.sentences] + [(A.text.index("because"), A.text.index("traffic.") + 8)]


def anchor(i: int) -> Anchor:
    start, end = SPANS[i % len(SPANS)]
    return Anchor.of(A.text, start, end)


edits = st.builds(
    lambda kind, i, role, parent, relation: Edit(
        kind=kind, anchor=anchor(i), role=(role if kind != "unit" or role != "none" else "premise") if kind in ("role", "unit") else None,
        parent=None if parent is None else anchor(parent), relation=relation),
    st.sampled_from(["role", "unit", "move", "thesis"]),
    st.integers(0, 50),
    st.sampled_from([*ROLES, "none"]),
    st.one_of(st.none(), st.integers(0, 50)),
    st.sampled_from([None, "support", "attack"]),
)


@settings(max_examples=int(__import__("os").environ.get("ARGVIEW_PROP_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, max_size=8))
def test_any_edits_give_a_well_formed_outline(sequence: list[Edit]) -> None:
    out, orphans = apply_reading(A, Reading(sha256="0" * 64, edits=sequence))
    nodes = list(out.arg_nodes())
    assert sum(n.role == "thesis" for n in nodes) <= 1
    assert all(0 <= n.start < n.end <= len(out.text) for n in nodes)
    assert len({id(n) for n in nodes}) == len(nodes) and len({n.id for n in nodes}) == len(nodes)
    removed = {(e.anchor.start, e.anchor.end) for e in sequence if e.kind == "role" and e.role == "none"}
    before = {(n.start, n.end) for n in A.arg_nodes()}
    after = {(n.start, n.end) for n in nodes}
    trimmed = any(e.kind == "unit" for e in sequence)  # a clause may trim the unit it came from
    assert trimmed or before - removed <= after
    assert all(o.item in sequence for o in orphans)
    line = gold_document(out)
    assert len(line["relations"]) == len(nodes) - len(out.outline)
