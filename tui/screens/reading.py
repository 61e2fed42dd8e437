"""The reader's own reading on screen (a mixin of `ReaderScreen`): the session with the store, the
corrected analysis laid over the machine's, the panes refreshed after each change, and the reading
position — saved as the reader moves, restored when the article is opened again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.text import label_line

if TYPE_CHECKING:
    from tui.model import Analysis
    from tui.notesearch import NoteSearch
    from tui.search import SearchIndex
    from tui.screens.reader import ReaderScreen
    from tui.session import Session

SAVE_POSITION_AFTER = 1.5  # seconds of stillness before the reading position is written


class ReadingState:
    """See the module's docstring. The screen calls `open_reading` on mount, `corrected` when the
    analysis arrives, and `position_moved` when the reading position changes."""

    session: Session | None = None
    machine: Analysis | None = None  # the analysis as the machine made it; `analysis` is corrected
    _position_timer = None
    _restore_to: int | None = None  # the saved place, for the sentence cursor once sentences are known
    _forgotten = False  # after "Forget this article" the position is not written again this run

    def open_reading(self: ReaderScreen) -> None:
        from tui.session import Session

        store = getattr(self.app, "reading_store", None)
        self._article_widget = self.article  # read again on unmount, when queries find nothing
        self.session = Session(store, self.source.sha256, self.source.name)
        if self.session.problem:
            self.notify(label_line(self.session.problem, 300), title="Reading store", severity="warning", markup=False)
        position = self.session.reading.position
        if position is not None and 0 < position < len(self._text):
            self._restore_to = position
            self.call_after_refresh(self.goto, position, top=True)

    def restore_cursor(self: ReaderScreen) -> None:
        """Once the analysis has cut the sentences, the cursor goes on the saved sentence (the
        text showed at its line before), unless the reader has scrolled it out of sight since."""
        position, self._restore_to = self._restore_to, None
        if position is None:
            return
        top, bottom = self.article.visible_lines
        if top <= self.article.line_of(position) < bottom:
            self.goto(position)

    def corrected(self: ReaderScreen, machine: Analysis) -> Analysis:
        """The machine's analysis with the reader's reading laid over it; orphans said once."""
        self.machine = machine
        if self.session is None:
            return machine
        analysis, orphans = self.session.apply(machine)
        if orphans:
            lines = [o.describe() for o in orphans[:3]] + ([f"… and {len(orphans) - 3} more"] if len(orphans) > 3 else [])
            self.notify(label_line(f"{len(orphans)} of your corrections or notes no longer match this text: "
                                   + "; ".join(lines), 600), title="Kept, not shown", severity="warning",
                        markup=False, timeout=12)
        return analysis

    def refresh_reading(self: ReaderScreen, focus: tuple[int, int] | None = None) -> None:
        """Re-apply the reading to the machine's analysis and refresh every pane that shows it;
        the outline's cursor goes to the unit at `focus` (the one just edited)."""
        from tui.widgets.notes import NotesList
        from tui.widgets.outline import OutlineTree

        if self.machine is None or self.session is None:
            return
        analysis, _orphans = self.session.apply(self.machine)
        self.analysis = analysis
        self.article.set_outline(analysis.outline)  # sentences and entities stay as they were
        self._units = sorted(analysis.arg_nodes(), key=lambda n: (n.start, n.end))
        tree = self.query_one(OutlineTree)
        tree.reload(analysis.outline, focus)
        tree.display = bool(analysis.outline)  # the empty pane's words were set when the analysis came
        self.query_one("#outline-empty").display = not analysis.outline
        self.show_notes(analysis)
        self.reindex(analysis)
        self.query_one(NotesList).follow(self.article.cursor_offset)

    def show_notes(self: ReaderScreen, analysis: Analysis) -> None:
        from tui.widgets.notes import NotesList
        from tui.widgets.outline import OutlineTree

        placed = [(n.start, n.end) for n in analysis.notes if n.start is not None and n.end is not None]
        self.article.set_notes(placed)  # type: ignore[arg-type]  # None filtered out above
        self.query_one(OutlineTree).set_notes(placed)  # type: ignore[arg-type]
        self._fill_pane(self.query_one(NotesList), "#notes-empty", analysis.notes,
                        "No notes yet: a writes one on the current sentence or the highlighted unit.")

    def reindex(self: ReaderScreen, analysis: Analysis) -> None:
        """The search index follows the corrected outline (roles of units); built off the UI thread."""
        # Not exclusive: a cancelled thread runs on anyway, and waiting on it would raise. The
        # latest one's index is taken, older ones' are dropped.
        self._reindex = self.run_worker(lambda: self._build_index(analysis), thread=True, group="reindex",
                                        name="reindex")

    def searchable(self: ReaderScreen, index: SearchIndex | None) -> NoteSearch | None:
        """The search index with the reader's notes (prefix `*`) beside it."""
        from tui.notesearch import NoteSearch

        return NoteSearch(index, lambda: self.analysis.notes if self.analysis is not None else []) if index else None

    def on_worker_state_changed(self: ReaderScreen, event) -> None:  # type: ignore[no-untyped-def]
        from textual.worker import WorkerState

        if event.worker is getattr(self, "_reindex", None) and event.state == WorkerState.SUCCESS:
            self.search_index = event.worker.result

    # ---------------------------------------------------------------- reading position
    def position_moved(self: ReaderScreen) -> None:
        if self.session is None or not self.session.available:
            return
        if self._position_timer is not None:
            self._position_timer.stop()
        self._position_timer = self.set_timer(SAVE_POSITION_AFTER, self.save_position)

    def save_position(self: ReaderScreen) -> None:
        if self.session is not None and self.session.available and self.is_mounted and not self._forgotten:
            if not self.session.set_position(self.article.cursor_offset) and self.session.problem:
                self.notify(label_line(f"Reading position not saved: {self.session.problem}", 300),
                            severity="warning", markup=False, timeout=4)

    def on_unmount(self: ReaderScreen) -> None:
        article = getattr(self, "_article_widget", None)
        if self.session is not None and self.session.available and not self._forgotten and article is not None:
            self.session.set_position(article.cursor_offset)

    # ---------------------------------------------------------------- forgetting
    def action_forget_reading(self: ReaderScreen) -> None:
        from rich.text import Text

        from tui.screens.pickers import ChoiceScreen

        if self.session is None or not self.session.available:
            self.notify("Nothing is kept: the reading store is not available.", markup=False, timeout=3)
            return
        choices = [("keep", Text("Keep them")),
                   ("forget", Text("Forget this article's corrections, notes, bookmarks and place", style="bold"))]

        def chosen(choice: str | None) -> None:
            if choice != "forget" or self.session is None:
                return
            if not self.session.forget():
                self.notify(label_line(f"Not forgotten: {self.session.problem}", 300), severity="error", markup=False)
                return
            self._forgotten = True
            self.refresh_reading()
            self.notify("Forgotten: nothing is kept for this article now.", markup=False, timeout=4)

        self.app.push_screen(ChoiceScreen("Forget this article?", choices, initial="keep"), chosen)
