"""Correcting the outline in place: the reader screen's edit commands (a mixin of `ReaderScreen`).

Each edit acts on the highlighted outline node when the outline has the focus, else on the unit
at the current sentence. It is saved as one `Edit` in the reading store, anchored to the unit's
span and words, and the screen re-applies the whole reading to the machine's analysis it holds
(`refresh_reading`): the text is never analysed again. Undo and redo step through the store's log.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from rich.text import Text

from tui.kinds import NOT_ARGUMENT
from tui.text import label_line
from tui.widgets.roles import BADGES

if TYPE_CHECKING:  # the model (pydantic) is not imported before the first paint
    from tui.model import ArgNode
    from tui.reading.model import Anchor, Edit
    from tui.screens.reader import ReaderScreen

def _edit(**fields: Any) -> Edit:
    from tui.reading.model import Edit  # pydantic: imported when the reader first corrects something

    return Edit(**fields)


# The roles a reader can give (named by their outline badges), with what each means.
ROLE_MEANINGS: dict[str, str] = {
    "thesis": "what the whole piece argues",
    "claim": "a point made for the thesis",
    "premise": "a reason given for its parent",
    "counter": "an objection raised against its parent",
    "rebuttal": "an answer to an objection",
    "conclusion": "what the argument concludes",
    NOT_ARGUMENT: "take it out of the outline (what it holds moves up)",
}
# Where a sentence may be cut into clauses: after , ; : and dashes, before a few joining words.
_SPLIT = re.compile(r"(?<=[,;:])\s+|\s+[—–]\s+|\s+(?=(?:because|since|but|although|though|while|whereas|so that|which)\b)",
                    re.IGNORECASE)


def role_choices(current: str | None = None) -> list[tuple[str, Text]]:
    badges = {role: BADGES.get(role, "NOT AN ARGUMENT") for role in ROLE_MEANINGS}  # type: ignore[call-overload]
    width = max(map(len, badges.values()))
    out = []
    for role, what in ROLE_MEANINGS.items():
        badge = badges[role]
        label = Text.assemble((badge.ljust(width), "bold"), "  ", (what, "dim"))
        if role == current:
            label.append("  (now)", style="italic")
        out.append((role, label))
    return out


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The whole sentence, then its clauses: the pieces between split points, and for each split
    point the part before and the part after it. Spans into `text`, stripped, distinct."""
    cuts = [(m.start(), m.end()) for m in _SPLIT.finditer(text, start, end)]
    bounds = [start] + [c for cut in cuts for c in cut] + [end]
    spans = [(start, end)]
    pieces = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    spans += pieces
    for a, b in cuts:
        spans += [(start, a), (b, end)]
    out: list[tuple[int, int]] = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and (text[e - 1].isspace() or (e < end and text[e - 1] in ",;:—–")):
            e -= 1  # a clause cut at a comma ends before it; the sentence keeps its own full stop
        if e - s >= 3 and (s, e) not in out:
            out.append((s, e))
    return out


def parents(outline: list[ArgNode]) -> dict[str, ArgNode | None]:
    """Each node's parent by node id (None at the top level)."""
    from tui.model import with_parents

    return {node.id: parent for node, parent in with_parents(outline)}


def relation_of(node: ArgNode, parent: ArgNode | None) -> str:
    """How a unit bears on its parent: the reader's word if given, else what its role implies."""
    if parent is None:
        return node.relation or "support"
    from tui.export.graph import relation_kind  # the reader's word first, as the exports read it

    return relation_kind(node, parent)


def node_choice(node: ArgNode) -> Text:
    return Text.assemble((f"{BADGES[node.role]:<10}", "bold"), " ", label_line(node.label, 100))


class EditActions:
    """The correction commands of the reader screen; see the module's docstring."""

    _cut: ArgNode | None = None

    # ---------------------------------------------------------------- what an edit acts on
    def _target(self: ReaderScreen, *, quiet: bool = False) -> ArgNode | None:
        """The highlighted outline node (outline focused), else the unit at the current sentence."""
        from tui.widgets.outline import OutlineTree

        if not self._can_edit():
            return None
        tree = self.query_one(OutlineTree)
        if tree.has_focus:
            node = tree.cursor_node
            if node is not None and node.data is not None:
                return node.data
        span = self.article.cursor_span
        best, best_overlap = None, 0
        if span is not None and self.analysis is not None:
            for unit in self.analysis.arg_nodes():
                overlap = min(span[1], unit.end) - max(span[0], unit.start)
                if overlap > best_overlap or (overlap == best_overlap > 0 and best and unit.end - unit.start < best.end - best.start):
                    best, best_overlap = unit, overlap
        if best is None and not quiet:
            self.notify("No argument unit here: U makes the current sentence one.", markup=False, timeout=3)
        return best

    def _can_edit(self: ReaderScreen) -> bool:
        if self.analysis is None:
            self.notify("The outline is not ready: the article is still being analysed.", markup=False, timeout=3)
            return False
        if self.session is None or not self.session.available:
            self.notify("Corrections cannot be kept: the reading store is not available.", markup=False, timeout=4)
            return False
        return True

    def _anchor(self: ReaderScreen, start: int, end: int) -> Anchor:
        assert self.analysis is not None
        from tui.reading.model import Anchor

        return Anchor.of(self.analysis.text, start, end)

    def _parent_of(self: ReaderScreen, node: ArgNode) -> ArgNode | None:
        assert self.analysis is not None
        return parents(self.analysis.outline).get(node.id)

    def _save_edit(self: ReaderScreen, edit: Edit, done: str) -> None:
        assert self.session is not None
        if not self.session.add_edit(edit):
            self.notify(label_line(f"Not saved: {self.session.problem}", 300), severity="error", markup=False)
            return
        self.refresh_reading((edit.anchor.start, edit.anchor.end))
        self.notify(label_line(done, 200) + " · z undoes", markup=False, timeout=3)

    # ---------------------------------------------------------------- role
    def action_change_role(self: ReaderScreen) -> None:
        node = self._target()
        if node is None:
            return
        from tui.screens.pickers import ChoiceScreen

        def chosen(role: str | None) -> None:
            if role is None or role == node.role:
                return
            edit = _edit(kind="role", anchor=self._anchor(node.start, node.end), role=role)
            name = "not an argument" if role == NOT_ARGUMENT else BADGES[role].lower()  # type: ignore[index]
            self._save_edit(edit, f"“{label_line(node.label, 40)}” is now {name}")

        title = f"Role of “{label_line(node.label, 40)}”"
        self.app.push_screen(ChoiceScreen(title, role_choices(node.role), initial=node.role), chosen)

    def action_promote_thesis(self: ReaderScreen) -> None:
        node = self._target()
        if node is None:
            return
        if node.role == "thesis" and self._parent_of(node) is None:
            self.notify("This is the thesis already.", markup=False, timeout=2)
            return
        edit = _edit(kind="thesis", anchor=self._anchor(node.start, node.end))
        self._save_edit(edit, f"“{label_line(node.label, 40)}” is now the thesis")

    # ---------------------------------------------------------------- new unit
    def action_make_unit(self: ReaderScreen) -> None:
        if not self._can_edit():
            return
        span = self.article.cursor_span
        assert self.analysis is not None
        if span is None:
            self.notify("No sentence here to make a unit of.", markup=False, timeout=2)
            return
        from tui.screens.pickers import ChoiceScreen

        text = self.analysis.text
        spans = clauses(text, *span)
        options = [(f"{s}:{e}", Text.assemble(("whole sentence  " if (s, e) == spans[0] else "clause  ", "dim"),
                                              label_line(text[s:e], 150))) for s, e in spans]

        def clause_chosen(choice: str | None) -> None:
            if choice is None:
                return
            s, e = (int(x) for x in choice.split(":"))
            self.app.push_screen(ChoiceScreen("Role of the new unit", role_choices()[:-1], initial="premise"),
                                 lambda role: self._add_unit(s, e, role))

        if len(spans) == 1:
            clause_chosen(options[0][0])
        else:
            self.app.push_screen(ChoiceScreen("Make a unit of…", options), clause_chosen)

    def _add_unit(self: ReaderScreen, start: int, end: int, role: str | None) -> None:
        if role is None or self.analysis is None:
            return
        # Under the unit that holds it (a clause of a unit), else beside an equal unit, else under the thesis.
        same = next((n for n in self.analysis.arg_nodes() if (n.start, n.end) == (start, end)), None)
        holder = min((n for n in self.analysis.arg_nodes() if n.start <= start and end <= n.end and n is not same),
                     key=lambda n: n.end - n.start, default=None)
        if same is not None:
            parent = self._parent_of(same)
        elif holder is not None:
            parent = holder
        else:
            parent = next((n for n in self.analysis.outline if n.role == "thesis"), None) if role != "thesis" else None
        edit = _edit(kind="unit", anchor=self._anchor(start, end), role=role,
                    parent=self._anchor(parent.start, parent.end) if parent is not None else None)
        self._save_edit(edit, f"New {BADGES[role].lower()}: “{label_line(self.analysis.text[start:end], 40)}”")  # type: ignore[index]

    # ---------------------------------------------------------------- moving
    def action_move_to(self: ReaderScreen) -> None:
        node = self._target()
        if node is None or self.analysis is None:
            return
        from tui.screens.pickers import ChoiceScreen

        below = {n.id for n in node.walk()}
        choices = [("", Text("Top level (beside the thesis)", style="italic"))]
        choices += [(n.id, node_choice(n)) for n in self.analysis.arg_nodes() if n.id not in below]
        title = f"Move “{label_line(node.label, 40)}” under…"
        self.app.push_screen(ChoiceScreen(title, choices, filter=True, hint="type to narrow · enter moves · esc closes"),
                             lambda choice: self._move_under(node, choice))

    def _move_under(self: ReaderScreen, node: ArgNode, parent_id: str | None) -> None:
        if parent_id is None or self.analysis is None:
            return
        parent = next((n for n in self.analysis.arg_nodes() if n.id == parent_id), None)
        if parent is not None and parent.id in {n.id for n in node.walk()}:
            self.notify("A unit cannot go under itself or what it holds.", markup=False, timeout=3)
            return
        edit = _edit(kind="move", anchor=self._anchor(node.start, node.end), relation=node.relation,
                    parent=self._anchor(parent.start, parent.end) if parent is not None else None)
        where = f"under “{label_line(parent.label, 30)}”" if parent is not None else "to the top level"
        self._save_edit(edit, f"Moved “{label_line(node.label, 30)}” {where}")

    def action_cut_node(self: ReaderScreen) -> None:
        node = self._target()
        if node is None:
            return
        self._cut = node
        self.titlebar.set_status(f"cut: {label_line(node.label, 30)} — p puts it under the highlighted unit")
        self.refresh_bindings()

    def action_paste_node(self: ReaderScreen) -> None:
        cut = self._cut
        if cut is None:
            self.notify("Nothing cut: ctrl+x cuts the highlighted unit first.", markup=False, timeout=3)
            return
        target = self._target(quiet=True)
        if target is None:
            self.notify("Highlight the unit to put it under (tab, then j/k in the outline).", markup=False, timeout=3)
            return
        self._cut = None
        self.titlebar.set_status("")
        self._move_under(cut, target.id)

    def action_flip_relation(self: ReaderScreen) -> None:
        node = self._target()
        if node is None:
            return
        parent = self._parent_of(node)
        if parent is None:
            self.notify("A top-level unit supports or attacks nothing: move it under another first (M).",
                        markup=False, timeout=4)
            return
        flipped = "support" if relation_of(node, parent) == "attack" else "attack"
        edit = _edit(kind="move", anchor=self._anchor(node.start, node.end), relation=flipped,
                    parent=self._anchor(parent.start, parent.end))
        self._save_edit(edit, f"“{label_line(node.label, 30)}” now {'supports' if flipped == 'support' else 'attacks'} "
                              f"“{label_line(parent.label, 30)}”")

    # ---------------------------------------------------------------- undo / redo
    def action_undo(self: ReaderScreen) -> None:
        self._step_history("undo")

    def action_redo(self: ReaderScreen) -> None:
        self._step_history("redo")

    def _step_history(self: ReaderScreen, op: str) -> None:
        if not self._can_edit():
            return
        assert self.session is not None
        edit = self.session.undo() if op == "undo" else self.session.redo()
        if edit is None:
            if self.session.problem:
                self.notify(label_line(f"Not saved: {self.session.problem}", 300), severity="error", markup=False)
            else:
                self.notify(f"Nothing to {op}.", markup=False, timeout=2)
            return
        self.refresh_reading((edit.anchor.start, edit.anchor.end))
        what = {"role": "role change", "unit": "new unit", "move": "move", "thesis": "new thesis"}[edit.kind]
        self.notify(f"{'Undone' if op == 'undo' else 'Redone'}: {what} of “{label_line(edit.anchor.quote, 40)}”",
                    markup=False, timeout=3)
