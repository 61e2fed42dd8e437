"""The reader's notes in the search box: `*` lists or searches only them, a query without a prefix
finds them beside sections, entities, arguments and sentences (pure: no Textual).

Notes change while the article is read, so they are matched at each query, not indexed: a reader
writes tens of notes, not thousands. `NoteSearch` answers as `SearchIndex` does and passes every
other query to it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from tui.search import SearchHit, split_query
from tui.text import blank_controls, fold_aligned

if TYPE_CHECKING:
    from tui.model import ReaderNote
    from tui.search import SearchIndex

NOTE_PREFIX = "*"  # as a footnote is marked; the gutter and the outline mark noted text with it
LABEL_WIDTH = 200
FUZZY_CUTOFF = 75


class NoteSearch:
    def __init__(self, index: SearchIndex, notes: Callable[[], Sequence[ReaderNote]]) -> None:
        self.index = index
        self.notes = notes

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        kind, body = split_query(query)
        if kind == "note":
            return note_hits(self.notes(), body, limit)
        hits = self.index.search(query, limit)
        if kind is not None or not body:
            return hits
        found = note_hits(self.notes(), body, limit)
        # stable: on equal scores the index's hits (names, arguments) stay first
        return sorted(hits + found, key=lambda h: -h.score)[:limit]

    def occurrences(self, query: str) -> list[tuple[int, int]]:
        kind, _body = split_query(query)
        return [] if kind == "note" else self.index.occurrences(query)


def note_hits(notes: Sequence[ReaderNote], body: str, limit: int) -> list[SearchHit]:
    """Notes whose text (or the words they are on) hold the query; all of them, in text order,
    for an empty query. Literal matches score 70-95, fuzzy ones 40-69, as the index scores."""
    placed = [n for n in notes if n.start is not None and n.end is not None]
    needle = " ".join(fold_aligned(body).split())
    scored: list[tuple[float, int, ReaderNote, tuple[int, ...]]] = []
    for i, note in enumerate(placed):
        label = _label(note.text)
        if not needle:
            scored.append((100.0, i, note, ()))
            continue
        folded = " ".join(fold_aligned(note.text).split())
        at = _label_find(label, needle)
        if at >= 0:
            score = 95.0 if at == 0 else 85.0
            scored.append((score, i, note, tuple(range(at, at + len(needle)))))
        elif needle in " ".join(fold_aligned(note.quote).split()):
            scored.append((75.0, i, note, ()))
        else:
            raw = fuzz.partial_ratio(needle, folded) if len(needle) >= 3 else 0
            if raw >= FUZZY_CUTOFF:
                scored.append((40.0 + 29.0 * (raw - FUZZY_CUTOFF) / (100 - FUZZY_CUTOFF), i, note, ()))
    scored.sort(key=lambda s: (-s[0], s[1]))
    return [_hit(note, score, marks) for score, _i, note, marks in scored[:limit]]


def _label(text: str) -> str:
    flat = " ".join(blank_controls(text).split())
    return flat if len(flat) <= LABEL_WIDTH else flat[: LABEL_WIDTH - 1] + "…"


def _label_find(label: str, needle: str) -> int:
    return fold_aligned(label).find(needle)


def _hit(note: ReaderNote, score: float, marks: tuple[int, ...]) -> SearchHit:
    quote = " ".join(blank_controls(note.quote).split())
    detail = f"note on “{quote[:80]}{'…' if len(quote) > 80 else ''}”"
    assert note.start is not None and note.end is not None
    return SearchHit("note", _label(note.text), detail, note.start, note.end, round(score, 2), marks, note.id)
