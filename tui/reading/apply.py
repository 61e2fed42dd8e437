"""The reader's corrections laid over an analysis: `apply_reading(analysis, reading)` gives the
corrected outline (and the reader's notes) plus the orphans, the edits and notes whose text is no
longer in this analysis. Pure: no store, no Textual; the analysis given is not changed.

Anchors are found again by their text: the same span if it still holds the same words, else the
occurrence of the words nearest to where they were (a new ingest may shift offsets), else — with
whitespace ignored — the same. A unit of the outline is found at an anchor when its span is the
anchor's or overlaps it by at least half of the longer of the two (a new model may cut a unit a
little differently), the rule the eval scorer matches units by.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

from tui.model import Analysis, ArgNode, ReaderNote
from tui.reading.model import NOT_ARGUMENT, Anchor, Edit, Note, Reading
from tui.text import clean_line

YOURS = "yours"  # the cue of a unit the reader made or changed
MIN_OVERLAP = 0.5
LABEL_MAX = 90


@dataclass(frozen=True)
class Orphan:
    """An edit or note kept in the store but not shown: `reason` says why, in a few words."""

    item: Edit | Note
    reason: str

    def describe(self) -> str:
        """One line for the user: what it was, on which words, and why it is not applied."""
        item = self.item
        if isinstance(item, Note):
            what = "note"
        elif item.kind == "role":
            what = f"edit (role {item.role})"
        elif item.kind == "unit":
            what = f"edit (new {item.role or 'premise'})"
        elif item.kind == "move":
            what = f"edit (move, {item.relation or 'support'})"
        else:
            what = "edit (thesis)"
        return f"{what} on \u201c{_short(item.anchor.quote)}\u201d kept but not shown: {self.reason}"


_SERIALS = itertools.count()  # a unit's number while edits are applied: its key in the index


@dataclass(eq=False)
class _Node:
    """A mutable outline node while edits are applied."""

    id: str
    role: str
    start: int
    end: int
    label: str
    cue: str | None
    by: str = "analysis"
    relation: str | None = None
    children: list[_Node] = field(default_factory=list)
    parent: _Node | None = None
    serial: int = field(default_factory=lambda: next(_SERIALS))

    def walk(self) -> Iterator[_Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def mark(self) -> None:
        self.by, self.cue = "reader", YOURS


class _Roots(list[_Node]):
    """The top level of the tree being edited, with an index of every unit in it by span, so
    finding the unit at an anchor does not walk the whole tree (1000 edits on 1000 units: 2 s
    walking, ~0.1 s with the index)."""

    def __init__(self, nodes: Iterable[_Node]) -> None:
        super().__init__(nodes)
        self.spans: list[tuple[int, int, int]] = []  # (start, end, serial), sorted
        self.nodes: dict[int, _Node] = {}
        for root in self:
            for n in root.walk():
                self.nodes[n.serial] = n
        self.spans = sorted((n.start, n.end, k) for k, n in self.nodes.items())

    def add(self, n: _Node) -> None:
        self.nodes[n.serial] = n
        bisect.insort(self.spans, (n.start, n.end, n.serial))

    def drop(self, n: _Node) -> None:
        i = bisect.bisect_left(self.spans, (n.start, n.end, n.serial))
        del self.spans[i]
        del self.nodes[n.serial]

    def near(self, start: int, end: int) -> Iterator[_Node]:
        """Every unit that could overlap [start, end) by half the longer span: one at least half
        as long as its overlap, so starting no earlier than `start - 2 * (end - start)`."""
        lo = bisect.bisect_left(self.spans, (start - 2 * (end - start) - 1,))
        hi = bisect.bisect_left(self.spans, (end,))
        for _, _, k in self.spans[lo:hi]:
            yield self.nodes[k]


def locate(text: str, anchor: Anchor) -> tuple[int, int] | None:
    """Where `anchor`'s words are in `text` now, or None."""
    quote = anchor.quote
    if not quote.strip():
        return None
    if text[anchor.start : anchor.end] == quote:
        return anchor.start, anchor.end
    best: tuple[int, int] | None = None
    i = text.find(quote)
    while i >= 0:
        if best is None or abs(i - anchor.start) < abs(best[0] - anchor.start):
            best = (i, i + len(quote))
        i = text.find(quote, i + 1)
    if best is not None:
        return best
    # the same words with other whitespace (a paragraph re-wrapped, spaces collapsed)
    words = quote.split()
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    for m in pattern.finditer(text):
        if best is None or abs(m.start() - anchor.start) < abs(best[0] - anchor.start):
            best = (m.start(), m.end())
    return best


def apply_reading(analysis: Analysis, reading: Reading | None) -> tuple[Analysis, list[Orphan]]:
    """The analysis with the reader's edits and notes; the orphans in the order they were made."""
    if reading is None or (not reading.edits and not reading.notes):
        return analysis, []
    text = analysis.text
    roots = _Roots(_thaw(n, None) for n in analysis.outline)
    orphans: list[Orphan] = []
    for edit in reading.edits:
        reason = _apply(text, roots, edit)
        if reason is not None:
            orphans.append(Orphan(edit, reason))
    notes: list[ReaderNote] = []
    for note in reading.notes:
        where = locate(text, note.anchor)
        if where is None:
            orphans.append(Orphan(note, "its text is no longer in the article"))
        notes.append(ReaderNote(
            id=note.id, start=where[0] if where else None, end=where[1] if where else None,
            quote=note.anchor.quote, text=note.text, created=_iso(note.created), updated=_iso(note.updated)))
    notes.sort(key=lambda n: (n.start is None, n.start or 0))
    if reading.edits:
        _one_thesis(roots)
    outline = [_freeze(n) for n in roots] if reading.edits else analysis.outline
    return analysis.model_copy(update={"outline": outline, "notes": notes}), orphans


# --- the edits -----------------------------------------------------------------------------------

def _apply(text: str, roots: _Roots, edit: Edit) -> str | None:
    """Apply one edit to the tree in place; the reason it cannot be, or None."""
    where = locate(text, edit.anchor)
    if where is None:
        return "its text is no longer in the article"
    parent: _Node | None = None
    if edit.parent is not None and edit.kind in ("unit", "move"):
        at = locate(text, edit.parent)
        if at is None:
            return "the unit it went under is no longer in the article"
        parent = _find(roots, at)
        if parent is None:
            return "the unit it went under is no longer in the outline"
    node = _find(roots, where)
    if edit.kind == "role":
        if edit.role == NOT_ARGUMENT:
            if node is None:
                return None  # already not a unit: nothing to do, nothing lost
            _splice_out(roots, node)
            return None
        if node is None:  # the analysis no longer makes it a unit; the reader's role makes it one
            node = _new(text, where, edit)
            roots.add(node)
            _attach(roots, node, None)
        if edit.role == "thesis":
            _promote(roots, node)
        else:
            node.role = edit.role or node.role
        node.mark()
        return None
    if edit.kind == "unit":
        if node is not None and (node.start, node.end) == where:
            if parent is not None and (parent is node or _under(parent, node)):
                return "it would go under itself"
            node.role = edit.role or node.role  # it is a unit already: the edit says its role and place
        else:
            _trim_around(text, roots, where)
            node = _new(text, where, edit)
            roots.add(node)
        _detach(roots, node)
        _attach(roots, node, parent)
        node.relation = edit.relation
        if node.role == "thesis":
            _promote(roots, node)
        node.mark()
        return None
    if node is None:
        return "the unit is no longer in the outline"
    if edit.kind == "move":
        if parent is not None and (parent is node or _under(parent, node)):
            return "it would go under itself"
        _detach(roots, node)
        _attach(roots, node, parent)
        node.relation = edit.relation
        node.mark()
        return None
    _promote(roots, node)  # "thesis"
    node.mark()
    return None


def _promote(roots: _Roots, node: _Node) -> None:
    """`node` becomes the only thesis, first at the top level; a former thesis becomes a claim
    under it (with what it held)."""
    _detach(roots, node)
    former = sorted((n for n in roots.nodes.values() if n.role == "thesis" and n is not node), key=lambda n: n.serial)
    node.role, node.relation = "thesis", None
    roots.insert(0, node)
    for old in former:
        old.role = "claim"
        old.mark()
        if old.parent is None:
            _detach(roots, old)
            _attach(roots, old, node)


def _one_thesis(roots: _Roots) -> None:
    """One thesis: the first at the top level. The analysis may show a restatement of it as a thesis
    node directly beneath it (the essays annotate both as the major claim); a thesis node anywhere
    else after the edits (a restatement moved away, a second top-level thesis) reads as a claim."""
    top = roots[0] if roots and roots[0].role == "thesis" else None
    for n in roots.nodes.values():
        if n.role == "thesis" and n is not top and (top is None or n.parent is not top):
            n.role = "claim"
            n.mark()


def _new(text: str, where: tuple[int, int], edit: Edit) -> _Node:
    start, end = where
    role: str = edit.role if edit.role is not None and edit.role != NOT_ARGUMENT else "premise"
    return _Node(id=f"you-{edit.id}", role=role, start=start, end=end, label=_short(text[start:end], LABEL_MAX), cue=YOURS,
                 by="reader")


def _trim_around(text: str, roots: _Roots, where: tuple[int, int]) -> None:
    """A clause made a unit out of a sentence that is one: the sentence's unit keeps the rest
    (when the clause is at one end of it; a clause in the middle leaves it whole)."""
    start, end = where
    for n in list(roots.near(start, end)):
        if not (n.start <= start and end <= n.end) or (n.start, n.end) == where:
            continue
        if n.start == start:
            rest = (end, n.end)
        elif n.end == end:
            rest = (n.start, start)
        else:
            continue
        if text[rest[0] : rest[1]].strip():  # nothing but spaces left: the unit stays whole
            roots.drop(n)
            n.start, n.end = rest
            _strip(n, text)
            roots.add(n)
            n.mark()


def _strip(n: _Node, text: str) -> None:
    while n.start < n.end and text[n.start].isspace():
        n.start += 1
    while n.end > n.start and text[n.end - 1].isspace():
        n.end -= 1


def _find(roots: _Roots, where: tuple[int, int]) -> _Node | None:
    """The unit at `where`: the same span, else the one overlapping it most (≥ half the longer)."""
    start, end = where
    best, score = None, 0.0
    for n in roots.near(start, end):
        if (n.start, n.end) == where:
            return n
        overlap = min(end, n.end) - max(start, n.start)
        if overlap > 0:
            ratio = overlap / max(end - start, n.end - n.start, 1)
            if ratio >= MIN_OVERLAP and ratio > score:
                best, score = n, ratio
    return best


def _under(node: _Node, ancestor: _Node) -> bool:
    p = node.parent
    while p is not None:
        if p is ancestor:
            return True
        p = p.parent
    return False


def _siblings(roots: list[_Node], node: _Node) -> list[_Node]:
    return roots if node.parent is None else node.parent.children


def _detach(roots: list[_Node], node: _Node) -> None:
    sibs = _siblings(roots, node)
    if node in sibs:
        sibs.remove(node)
    node.parent = None


def _attach(roots: list[_Node], node: _Node, parent: _Node | None) -> None:
    """Put `node` among `parent`'s children (the top level for None) in text order."""
    sibs = roots if parent is None else parent.children
    i = 0
    while i < len(sibs) and (sibs[i].start, sibs[i].end) <= (node.start, node.end):
        i += 1
    if parent is None and i == 0 and sibs and sibs[0].role == "thesis" and node.role != "thesis":
        i = 1  # the thesis stays first at the top level
    sibs.insert(i, node)
    node.parent = parent


def _splice_out(roots: _Roots, node: _Node) -> None:
    """Take `node` out of the outline; its children take its place under its parent."""
    roots.drop(node)
    sibs = _siblings(roots, node)
    i = sibs.index(node)
    sibs[i : i + 1] = node.children
    for child in node.children:
        child.parent = node.parent
    node.children = []
    node.parent = None


# --- conversion ----------------------------------------------------------------------------------

def _thaw(node: ArgNode, parent: _Node | None) -> _Node:
    n = _Node(id=node.id, role=node.role, start=node.start, end=node.end, label=node.label, cue=node.cue,
              by=node.by, relation=node.relation, parent=parent)
    n.children = [_thaw(c, n) for c in node.children]
    return n


def _freeze(n: _Node) -> ArgNode:
    # trusted: every value came from a valid ArgNode or an Edit the models validated
    return ArgNode.trusted(id=n.id, role=n.role, start=n.start, end=n.end, label=n.label, cue=n.cue, by=n.by,
                           relation=n.relation, children=[_freeze(c) for c in n.children])


def _short(quote: str, width: int = 60) -> str:
    """`quote` on one line, cut to `width` characters with an ellipsis."""
    line = clean_line(quote)
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
