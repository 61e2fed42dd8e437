"""Article layout: blocks of text → display lines of a given width (no Textual, no styling).

The article pane renders only the lines on screen, so it needs an index of where each display
line starts and ends in `Analysis.text`. Wrapping is by terminal cells (wide CJK, emoji), so
lines stay aligned. Re-run on resize; it is linear in the text length.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.cells import cell_len

from tui.tables import INDEX, BlockTable  # not tui.model: the article is laid out before pydantic is imported
from tui.text import unjoin

if TYPE_CHECKING:
    from tui.model import Block

_WORD = re.compile(r"\S+")
# Characters that certainly take one terminal cell (checked against rich.cells for every one).
# Text made only of them, with single spaces, wraps by counting characters: no per-word cell sums.
_NOT_ONE_CELL = re.compile(
    "[^\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u0370-\u0482\u048a-\u04ff"
    "\u2010-\u2027\u2030-\u205e\u20a0-\u20bf]"
)


@dataclass(frozen=True, slots=True)
class Line:
    start: int  # offset in the text of the first character shown
    end: int  # offset after the last character shown (== start for a blank line)
    block: int  # index into the blocks, -1 for the blank line between blocks
    prefix: str = ""  # bullet, quote bar or hanging indent drawn before the text


class LineTable(Sequence):
    """Display lines held as arrays, ~30 bytes a line instead of ~150 for a `Line` object: a
    text of short paragraphs has two lines (text and blank) every few characters. Reading an
    item builds its `Line`."""

    __slots__ = ("starts", "ends", "blocks", "_prefix", "_prefixes", "_codes")
    __hash__ = None  # type: ignore[assignment]  # a mutable sequence: unhashable, as list is

    def __init__(self) -> None:
        self.starts = array(INDEX)  # 4 bytes each: a text of tiny paragraphs has a line every few characters
        self.ends = array(INDEX)
        self.blocks = array(INDEX)
        self._prefix = array(INDEX)
        self._prefixes: list[str] = [""]
        self._codes: dict[str, int] = {"": 0}

    def append(self, start: int, end: int, block: int, prefix: str = "") -> None:
        code = self._codes.get(prefix)
        if code is None:
            code = self._codes[prefix] = len(self._prefixes)
            self._prefixes.append(prefix)
        self.starts.append(start)
        self.ends.append(end)
        self.blocks.append(block)
        self._prefix.append(code)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i):  # type: ignore[override]  # one index or a slice, as Sequence allows
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self.starts)))]
        if i < 0:
            i += len(self.starts)
        if not 0 <= i < len(self.starts):
            raise IndexError(i)
        return Line(self.starts[i], self.ends[i], self.blocks[i], self._prefixes[self._prefix[i]])

    def __iter__(self) -> Iterator[Line]:
        for i in range(len(self.starts)):
            yield self[i]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented


def _cells(s: str) -> int:
    return len(s) if s.isascii() else cell_len(unjoin(s))


def _split_by_cells(text: str, base: int, width: int) -> list[tuple[int, int]]:
    """Hard-break one long word into pieces of at most `width` cells."""
    out: list[tuple[int, int]] = []
    start, cells = 0, 0
    for i, ch in enumerate(text):
        w = _cells(ch)
        if cells + w > width and i > start:
            out.append((base + start, base + i))
            start, cells = i, 0
        cells += w
    out.append((base + start, base + len(text)))
    return out


def wrap_span(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of text[start:end] into (start, end) pieces of at most `width` cells."""
    width = max(1, width)
    segment = text[start:end]
    if segment.isascii() and len(segment) <= width:
        return [(start, end)]
    if "  " not in segment and not _NOT_ONE_CELL.search(segment):
        return _wrap_one_cell(segment, start, width)
    pieces: list[tuple[int, int]] = []
    line_start = -1
    line_end = 0
    cells = 0
    for match in _WORD.finditer(segment):
        w_start, w_end = match.span()
        word_cells = _cells(match.group())
        gap = 0 if line_start < 0 else _cells(segment[line_end:w_start])
        if line_start >= 0 and cells + gap + word_cells <= width:
            line_end = w_end
            cells += gap + word_cells
            continue
        if line_start >= 0:
            pieces.append((start + line_start, start + line_end))
        if word_cells > width:
            parts = _split_by_cells(match.group(), start + w_start, width)
            pieces.extend(parts[:-1])
            last_start, last_end = parts[-1]
            line_start, line_end = last_start - start, last_end - start
            cells = _cells(text[last_start:last_end])
        else:
            line_start, line_end, cells = w_start, w_end, word_cells
    if line_start >= 0:
        pieces.append((start + line_start, start + line_end))
    return pieces or [(start, start)]


def _wrap_one_cell(segment: str, start: int, width: int) -> list[tuple[int, int]]:
    """`wrap_span` for text of one-cell characters and single spaces: the same lines, found by
    looking for the last space that fits instead of measuring every word."""
    pieces: list[tuple[int, int]] = []
    n = len(segment)
    pos = 0
    while pos < n:
        if segment[pos] == " ":
            pos += 1
            continue
        if n - pos <= width:
            pieces.append((start + pos, start + n))
            break
        cut = segment.rfind(" ", pos, pos + width + 1)
        if cut <= pos:  # a word longer than the line: hard-break it
            cut = pos + width
            nxt = cut
        else:
            nxt = cut + 1
        pieces.append((start + pos, start + cut))
        pos = nxt
    return pieces or [(start, start)]


def _prefixes(kind: str, level: int) -> tuple[str, str]:
    """What to draw before the first and the following lines of a block."""
    if kind == "list_item":
        indent = "  " * max(0, level - 1)
        return indent + "• ", indent + "  "
    if kind == "quote":
        return "▌ ", "▌ "
    if kind in ("code", "table"):
        return "  ", "  "
    return "", ""


def _block_rows(blocks: Sequence[Block]) -> Iterator[tuple[str, int, int, int]]:
    """(kind, start, end, level) per block; read straight from a table's arrays when it is one."""
    if isinstance(blocks, BlockTable):
        kinds = BlockTable.KINDS
        for code, start, end, level in zip(blocks.kinds, blocks.starts, blocks.ends, blocks.levels):
            yield kinds[code], start, end, level
    else:
        for block in blocks:
            yield block.kind, block.start, block.end, block.level


def layout_lines(text: str, blocks: Sequence[Block], width: int) -> LineTable:
    """Display lines for the blocks at `width` cells, with one blank line between blocks."""
    width = max(8, width)
    lines = LineTable()
    if not blocks:
        if text:
            blocks = BlockTable()
            blocks.append("paragraph", 0, len(text))
    prefixes: dict[tuple[str, int], tuple[str, str, int]] = {}
    for index, (kind, start, end, level) in enumerate(_block_rows(blocks)):
        if lines:
            lines.append(start, start, -1)
        known = prefixes.get((kind, level))
        if known is None:
            first, rest = _prefixes(kind, level)
            known = prefixes[(kind, level)] = (first, rest, max(4, width - _cells(first)))
        first, rest, avail = known
        if kind in ("code", "table"):
            pos = start
            for raw in text[start:end].split("\n"):
                for s, e in _split_by_cells(raw, pos, avail) if raw else [(pos, pos)]:
                    lines.append(s, e, index, first)
                pos += len(raw) + 1
            continue
        for n, (s, e) in enumerate(wrap_span(text, start, end, avail)):
            lines.append(s, e, index, first if n == 0 else rest)
    return lines


class LineIndex:
    """Display lines plus a bisectable list of their starts: offset ↔ line in O(log n)."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self.lines = lines
        self._starts = lines.starts if isinstance(lines, LineTable) else [line.start for line in lines]

    def __len__(self) -> int:
        return len(self.lines)

    def line_of(self, offset: int) -> int:
        """The display line showing `offset` (the last line starting at or before it)."""
        if not self.lines:
            return 0
        return max(0, bisect_right(self._starts, offset) - 1)
