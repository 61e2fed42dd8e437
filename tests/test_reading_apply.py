"""The reader's corrections laid over an analysis: each kind of edit, the one-thesis rule, notes,
and a re-analysis of changed text that keeps what it can and reports the rest."""

from __future__ import annotations

from tests.conftest import analyse_bytes
from tui.model import Analysis, ArgNode
from tui.reading.apply import apply_reading
from tui.reading.model import Anchor, Edit, Note, Reading

ARTICLE = """Cities should price parking

Cities should charge for street parking at the rate the market sets. Free parking is never free, because drivers pay for it in rent and in traffic.

Some people argue that paid parking hurts small shops. However, studies of priced districts show that shoppers come back when spaces are easy to find.

In conclusion, priced parking makes streets work better for everyone.
"""
THESIS = "Cities should charge for street parking at the rate the market sets."
FREE = "Free parking is never free, because drivers pay for it in rent and in traffic."
SHOPS = "Some people argue that paid parking hurts small shops."
STUDIES = "However, studies of priced districts show that shoppers come back when spaces are easy to find."
END = "In conclusion, priced parking makes streets work better for everyone."


def at(a: Analysis, quote: str) -> Anchor:
    start = a.text.index(quote)
    return Anchor.of(a.text, start, start + len(quote))


def tree(a: Analysis) -> list[tuple[int, str, str, str]]:
    """(depth, role, the unit's words, who) in outline order."""
    out: list[tuple[int, str, str, str]] = []

    def visit(node: ArgNode, depth: int) -> None:
        out.append((depth, node.role, a.span_text(node), node.by))
        for child in node.children:
            visit(child, depth + 1)

    for node in a.outline:
        visit(node, 0)
    return out


def reading(*edits: Edit, notes: tuple[Note, ...] = ()) -> Reading:
    return Reading(sha256="0" * 64, edits=list(edits), notes=list(notes))


def test_the_machine_outline_this_test_starts_from() -> None:
    a = analyse_bytes(ARTICLE)
    assert [(d, r, t) for d, r, t, _ in tree(a)] == [
        (0, "thesis", THESIS, ), (1, "counter", SHOPS), (2, "rebuttal", STUDIES), (3, "premise", END)]


def test_a_role_change_is_marked_as_yours() -> None:
    a = analyse_bytes(ARTICLE)
    out, orphans = apply_reading(a, reading(Edit(kind="role", anchor=at(a, END), role="conclusion")))
    assert orphans == []
    node = next(n for n in out.arg_nodes() if out.span_text(n) == END)
    assert (node.role, node.by, node.cue) == ("conclusion", "reader", "yours")
    assert next(a.arg_nodes()).by == "analysis"
    assert [n.role for n in a.arg_nodes()][-1] == "premise"  # the analysis given is not changed


def test_not_an_argument_takes_a_unit_out_and_keeps_what_it_held() -> None:
    a = analyse_bytes(ARTICLE)
    out, _ = apply_reading(a, reading(Edit(kind="role", anchor=at(a, SHOPS), role="none")))
    assert [(d, r, t) for d, r, t, _ in tree(out)] == [
        (0, "thesis", THESIS), (1, "rebuttal", STUDIES), (2, "premise", END)]


def test_a_sentence_becomes_a_unit_under_a_parent() -> None:
    a = analyse_bytes(ARTICLE)
    edit = Edit(kind="unit", anchor=at(a, FREE), role="premise", parent=at(a, THESIS), relation="support")
    out, _ = apply_reading(a, reading(edit))
    assert (1, "premise", FREE, "reader") in tree(out)
    assert [t for _, _, t, _ in tree(out)][:2] == [THESIS, FREE]  # in text order among its siblings
    node = next(n for n in out.arg_nodes() if out.span_text(n) == FREE)
    assert node.cue == "yours" and node.relation == "support" and node.label == FREE


def test_a_clause_of_a_unit_becomes_a_unit_and_the_unit_keeps_the_rest() -> None:
    a = analyse_bytes(ARTICLE)
    clause = "because drivers pay for it in rent and in traffic."
    first = Edit(kind="unit", anchor=at(a, FREE), role="claim", parent=at(a, THESIS))
    second = Edit(kind="unit", anchor=at(a, clause), role="premise", parent=at(a, FREE))
    out, orphans = apply_reading(a, reading(first, second))
    assert orphans == []
    rows = tree(out)
    assert (1, "claim", "Free parking is never free,", "reader") in rows
    assert (2, "premise", clause, "reader") in rows


def test_a_move_and_a_flip_of_support_to_attack() -> None:
    a = analyse_bytes(ARTICLE)
    move = Edit(kind="move", anchor=at(a, END), parent=at(a, THESIS), relation="support")
    flip = Edit(kind="move", anchor=at(a, END), parent=at(a, THESIS), relation="attack")
    out, _ = apply_reading(a, reading(move))
    assert (1, "premise", END, "reader") in tree(out)
    out, _ = apply_reading(a, reading(move, flip))
    assert next(n for n in out.arg_nodes() if out.span_text(n) == END).relation == "attack"


def test_a_move_under_its_own_child_is_refused_and_reported() -> None:
    a = analyse_bytes(ARTICLE)
    bad = Edit(kind="move", anchor=at(a, SHOPS), parent=at(a, END))
    out, orphans = apply_reading(a, reading(bad))
    assert [o.item for o in orphans] == [bad] and "under itself" in orphans[0].describe()
    assert tree(out) == tree(a)


def test_promoting_a_unit_leaves_one_thesis() -> None:
    a = analyse_bytes(ARTICLE)
    out, _ = apply_reading(a, reading(Edit(kind="thesis", anchor=at(a, END))))
    rows = tree(out)
    assert [t for _, r, t, _ in rows if r == "thesis"] == [END]
    assert rows[0] == (0, "thesis", END, "reader")
    assert (1, "claim", THESIS, "reader") in rows  # the former thesis, under the new one
    assert len(rows) == len(tree(a))


def test_a_role_edit_to_thesis_keeps_one_thesis_too() -> None:
    a = analyse_bytes(ARTICLE)
    out, _ = apply_reading(a, reading(Edit(kind="role", anchor=at(a, STUDIES), role="thesis")))
    assert [t for _, r, t, _ in tree(out) if r == "thesis"] == [STUDIES]


def test_a_new_analysis_keeps_edits_whose_text_remains_and_reports_the_rest() -> None:
    a = analyse_bytes(ARTICLE)
    keep = Edit(kind="role", anchor=at(a, END), role="conclusion")
    lost = Edit(kind="role", anchor=at(a, SHOPS), role="premise")
    note_kept = Note(anchor=at(a, STUDIES), text="which studies?")
    note_lost = Note(anchor=at(a, SHOPS), text="who says so?")
    changed = ARTICLE.replace(SHOPS + " ", "").replace(
        "Cities should price parking\n\n", "Cities should price parking\n\nA new opening paragraph moves every offset.\n\n")
    b = analyse_bytes(changed)
    out, orphans = apply_reading(b, reading(keep, lost, notes=(note_kept, note_lost)))
    assert next(n for n in out.arg_nodes() if out.span_text(n) == END).role == "conclusion"
    assert [o.item for o in orphans] == [lost, note_lost]
    assert all("no longer in the article" in o.describe() for o in orphans)
    assert "who says so?" not in orphans[1].describe() and "Some people argue" in orphans[1].describe()
    kept = [n for n in out.notes if n.start is not None]
    assert [(out.text[n.start:n.end], n.text) for n in kept] == [(STUDIES, "which studies?")]
    assert [n.quote for n in out.notes if n.start is None] == [SHOPS]  # an orphan note is still exported


def test_no_reading_gives_the_analysis_as_it_is() -> None:
    a = analyse_bytes(ARTICLE)
    assert apply_reading(a, reading()) == (a, [])
    assert apply_reading(a, None) == (a, [])


def test_a_unit_freed_by_not_an_argument_can_then_move() -> None:
    a = analyse_bytes(ARTICLE)
    out, orphans = apply_reading(a, reading(
        Edit(kind="role", anchor=at(a, SHOPS), role="none"),
        Edit(kind="move", anchor=at(a, STUDIES), parent=None),
    ))
    assert orphans == []
    assert [(d, t) for d, _, t, _ in tree(out)] == [(0, THESIS), (0, STUDIES), (1, END)]


def test_a_flipped_relation_is_in_the_gold_line() -> None:
    from tui.reading.gold import gold_document

    a = analyse_bytes(ARTICLE)
    out, _ = apply_reading(a, reading(Edit(kind="move", anchor=at(a, END), parent=at(a, THESIS), relation="attack")))
    line = gold_document(out)
    index = {line["text"][u["start"]:u["end"]]: u["id"] for u in line["units"]}
    assert {"from": index[END], "to": index[THESIS], "type": "attack"} in line["relations"]
    assert {"from": index[SHOPS], "to": index[THESIS], "type": "attack"} in line["relations"]  # a counter, implied
    assert {"from": index[STUDIES], "to": index[SHOPS], "type": "attack"} in line["relations"]
