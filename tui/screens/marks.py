"""Notes and bookmarks (a mixin of `ReaderScreen`).

`a` writes a note on what the reader is on: the highlighted note (Notes tab), the highlighted
unit (Outline), else the current sentence; a note already there is opened for editing. `m` then a
letter marks the current sentence, `'` then a letter goes back to it, as in less and vim (`''`
returns to where the last jump left). All are saved in the reading store at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.text import label_line
from tui.widgets.roles import strip_unsafe

if TYPE_CHECKING:
    from tui.model import ReaderNote
    from tui.screens.reader import ReaderScreen


class MarkActions:
    _before_jump: int | None = None

    # ---------------------------------------------------------------- notes
    def _note_target(self: ReaderScreen) -> tuple[int, int, str | None] | None:
        """(start, end, id of the note there) of what a note goes on, or None (said why)."""
        from tui.widgets.notes import NotesList
        from tui.widgets.outline import OutlineTree

        notes = self.query_one(NotesList)
        if notes.has_focus and notes.highlighted_note is not None:
            note = notes.highlighted_note
            if note.start is None or note.end is None:
                return -1, -1, note.id  # its words are gone: the text can still be edited
            return note.start, note.end, note.id
        tree = self.query_one(OutlineTree)
        if tree.has_focus and tree.cursor_node is not None and tree.cursor_node.data is not None:
            unit = tree.cursor_node.data
            span = (unit.start, unit.end)
        else:
            span = self.article.cursor_span
        if span is None:
            self.notify("No sentence here to write a note on.", markup=False, timeout=2)
            return None
        here = self._note_at(*span)
        return span[0], span[1], here.id if here is not None else None

    def _note_at(self: ReaderScreen, start: int, end: int) -> ReaderNote | None:
        if self.analysis is None:
            return None
        return next((n for n in self.analysis.notes if (n.start, n.end) == (start, end)), None)

    def action_note(self: ReaderScreen) -> None:
        if self.analysis is None:
            self.notify("Notes open once the article is analysed.", markup=False, timeout=3)
            return
        if self.session is None or not self.session.available:
            self.notify("Notes cannot be kept: the reading store is not available.", markup=False, timeout=4)
            return
        target = self._note_target()
        if target is None:
            return
        start, end, note_id = target
        from tui.screens.note_editor import NoteEditor

        old = self.session.note(note_id) if note_id else None
        quote = old.anchor.quote if old is not None else self.analysis.text[start:end]
        title = "Edit note" if old is not None else "New note"
        self.app.push_screen(NoteEditor(quote, old.text if old else "", title=title),
                             lambda text: self._note_saved(text, start, end, note_id))

    def _note_saved(self: ReaderScreen, text: str | None, start: int, end: int, note_id: str | None) -> None:
        if text is None or self.session is None or self.analysis is None:
            return
        from tui.reading.model import Anchor

        text = strip_unsafe(text).strip()
        anchor = Anchor.of(self.analysis.text, start, end) if start >= 0 else None
        if anchor is None and note_id is None:
            return
        old = self.session.note(note_id) if note_id else None
        if not self.session.put_note(text, anchor or old.anchor, note_id):  # type: ignore[union-attr]  # one of the two
            self.notify(label_line(f"Note not saved: {self.session.problem}", 300), severity="error", markup=False)
            return
        self.refresh_reading()
        said = "Note deleted." if not text else ("Note saved." if old is not None else "Note added: 4 lists your notes.")
        self.notify(said, markup=False, timeout=3)

    def jump_to_note(self: ReaderScreen, note_id: str) -> None:
        note = next((n for n in self.analysis.notes if n.id == note_id), None) if self.analysis else None
        if note is None:
            return
        if note.start is None or note.end is None:
            self.notify("This note's words are no longer in the article: a edits it, an empty note deletes it.",
                        markup=False, timeout=4)
            return
        self._mark(note.start, note.end)

    # ---------------------------------------------------------------- bookmarks
    def _marks(self: ReaderScreen) -> dict[str, str]:
        if self.session is None:
            return {}
        text = self._text
        out = {}
        for key, mark in self.session.reading.bookmarks.items():
            line_end = text.find("\n", mark.offset)
            out[key] = text[mark.offset : line_end if 0 <= line_end < mark.offset + 80 else mark.offset + 80]
        return out

    def action_set_bookmark(self: ReaderScreen) -> None:
        if self.session is None or not self.session.available:
            self.notify("Bookmarks cannot be kept: the reading store is not available.", markup=False, timeout=4)
            return
        from tui.screens.pickers import KeyPrompt

        offset = self.article.cursor_offset
        self.app.push_screen(KeyPrompt("Set bookmark: press a letter", self._marks()),
                             lambda key: self._bookmark_set(key, offset))

    def _bookmark_set(self: ReaderScreen, key: str | None, offset: int) -> None:
        if key is None or self.session is None:
            return
        if not self.session.set_bookmark(key, offset):
            self.notify(label_line(f"Bookmark not saved: {self.session.problem}", 300), severity="error", markup=False)
            return
        self.notify(f"Bookmark {key} set: ' {key} comes back here.", markup=False, timeout=3)

    def action_jump_bookmark(self: ReaderScreen) -> None:
        from tui.screens.pickers import KeyPrompt

        self.app.push_screen(KeyPrompt("Go to bookmark: press its letter", self._marks(), back=True),
                             self._bookmark_jump)

    def _bookmark_jump(self: ReaderScreen, key: str | None) -> None:
        if key is None:
            return
        here = self.article.cursor_offset
        if key == "'":
            if self._before_jump is None:
                self.notify("No jump to go back from yet.", markup=False, timeout=2)
                return
            target = self._before_jump
        else:
            mark = self.session.reading.bookmarks.get(key) if self.session is not None else None
            if mark is None:
                self.notify(f"No bookmark {key}: m {key} sets it.", markup=False, timeout=3)
                return
            target = min(mark.offset, max(0, len(self._text) - 1))
        self._before_jump = here
        self.goto(target)
