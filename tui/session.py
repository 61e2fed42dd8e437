"""The reader's session with the reading store: the `Reading` of the article on screen, and the
corrected analysis it gives over the machine's. No Textual: the reader screen calls it and shows
what it says.

One store per app (`open_store`); a store that cannot be opened becomes a session in memory and
one line saying so, never an exception. Each write is the store's transaction; a write that fails
(`StoreError`) changes nothing and comes back as one line for a toast. The screen never re-analyses
the text: every change re-applies the reading to the machine's analysis it already holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.reading.apply import Orphan, apply_reading
from tui.reading.model import Anchor, Edit, Note, Reading, now

if TYPE_CHECKING:
    from tui.model import Analysis
    from tui.reading.store import ReadingStore


def open_store() -> tuple[ReadingStore | None, str | None]:
    """The user's store and the one-line problem to show, if any (then the session is in memory)."""
    from tui.reading.store import ReadingStore

    try:
        store = ReadingStore.open()
    except Exception as err:  # noqa: BLE001 - the reader reads on, without a store
        return None, f"reading store: {type(err).__name__}: {err}; corrections and notes will not be kept"
    return store, store.problem


class Session:
    """What the reader keeps of one article (`sha` of its bytes): writes through the store, the
    latest `reading`, and `apply` to lay it over an analysis."""

    def __init__(self, store: ReadingStore | None, sha: str, name: str) -> None:
        self.store = store
        self.sha = sha
        self.name = name
        self.text: str | None = None  # the analysis text, kept by the store with the first edit or note
        self.reading = Reading(sha256=sha, name=name)
        self.problem: str | None = None  # the last write that failed, for the screen to show
        self.reload()

    @property
    def available(self) -> bool:
        return self.store is not None

    def reload(self) -> Reading:
        if self.store is not None:
            try:
                self.reading = self.store.load(self.sha)
            except Exception as err:  # noqa: BLE001 - a store that cannot be read is an empty one
                self.problem = f"could not read the reading store: {err}"
        return self.reading

    def apply(self, machine: Analysis) -> tuple[Analysis, list[Orphan]]:
        self.text = machine.text
        return apply_reading(machine, self.reading)

    def _write(self, method: str, *args: object, **kwargs: object) -> object | None:
        """Run a store write; on failure keep its one line in `problem` and return None."""
        from tui.reading.store import StoreError

        self.problem = None
        if self.store is None:
            self.problem = "the reading store is not available: nothing can be kept"
            return None
        try:
            result = getattr(self.store, method)(self.sha, *args, **kwargs)
        except (StoreError, ValueError) as err:
            self.problem = str(err)
            return None
        self.reload()
        return result if result is not None else True

    # ------------------------------------------------------------- edits
    def add_edit(self, edit: Edit) -> bool:
        return self._write("add_edit", edit, name=self.name, text=self.text) is not None

    def undo(self) -> Edit | None:
        result = self._write("undo")
        return result if isinstance(result, Edit) else None

    def redo(self) -> Edit | None:
        result = self._write("redo")
        return result if isinstance(result, Edit) else None

    # ------------------------------------------------------------- notes
    def note_at(self, start: int, end: int) -> Note | None:
        """The note anchored exactly on [start, end), if any."""
        return next((n for n in self.reading.notes if (n.anchor.start, n.anchor.end) == (start, end)), None)

    def note(self, note_id: str) -> Note | None:
        return next((n for n in self.reading.notes if n.id == note_id), None)

    def put_note(self, text: str, anchor: Anchor, note_id: str | None = None) -> bool:
        """Save a note's text (a new note, or a new version of `note_id`); empty text deletes it."""
        old = self.note(note_id) if note_id else None
        if not text.strip():
            return old is None or self._write("delete_note", old.id) is not None
        if old is not None:
            note = old.model_copy(update={"text": text, "updated": now()})
        else:
            note = Note(anchor=anchor, text=text)
        return self._write("put_note", note, name=self.name, text=self.text) is not None

    def delete_note(self, note_id: str) -> bool:
        return self._write("delete_note", note_id) is not None

    # ------------------------------------------------------------- places
    def set_bookmark(self, key: str, offset: int) -> bool:
        return self._write("set_bookmark", key, offset, name=self.name) is not None

    def set_position(self, offset: int) -> bool:
        if offset == self.reading.position:
            return True
        return self._write("set_position", offset, name=self.name) is not None

    def forget(self) -> bool:
        return self._write("forget") is not None
