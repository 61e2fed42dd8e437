"""The reader's notes in the exports: each note goes with the unit of the outline it was written
on (the unit whose span holds it, else the one it overlaps most), the rest stand apart."""

from __future__ import annotations

from tui.export.graph import Unit
from tui.model import Analysis, ReaderNote


def notes_by_unit(analysis: Analysis, all_units: list[Unit]) -> tuple[dict[int, list[ReaderNote]], list[ReaderNote]]:
    """{unit index: its notes} and the notes on no unit (or whose words are no longer in the text)."""
    placed: dict[int, list[ReaderNote]] = {}
    rest: list[ReaderNote] = []
    for note in analysis.notes:
        unit = None if note.start is None or note.end is None else _unit_at(all_units, note.start, note.end)
        if unit is None:
            rest.append(note)
        else:
            placed.setdefault(unit.index, []).append(note)
    return placed, rest


def _unit_at(all_units: list[Unit], start: int, end: int) -> Unit | None:
    best, best_overlap = None, 0
    for unit in all_units:
        node = unit.node
        if node.start <= start and end <= node.end and node.end > node.start:
            return unit
        overlap = min(end, node.end) - max(start, node.start)
        if overlap > best_overlap:
            best, best_overlap = unit, overlap
    return best


def note_lines(note: ReaderNote) -> list[str]:
    """The note's text as lines, blank lines dropped (each exporter escapes them its own way)."""
    return [line for line in note.text.splitlines() if line.strip()] or [""]
