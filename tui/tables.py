"""Spans held as array tables: the sentences and blocks of a text, a row of numbers each.

A text of short paragraphs has a sentence and a block every few characters: as model instances
they cost ~400 bytes each (2.7 GB for 9 MB of "Ab." paragraphs), as array rows ~20. Reading an
item builds the `tui.model` instance it stands for. This module does not import pydantic, so
ingest can fill a BlockTable and the article can lay it out before `tui.model` is imported.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, overload

from tui.kinds import BLOCK_KINDS, BlockKind

if TYPE_CHECKING:
    from types import ModuleType

    from tui.model import Block, Sentence, Span

# Array type of text offsets and indexes: a C int, 4 bytes (half of "q"). Offsets stay below
# 2**31: the size limit is 1 GB of text (`argview --max-size`, at most 1024 MB).
INDEX = "i"

_model_module: ModuleType | None = None


def _models() -> ModuleType:
    """`tui.model`, imported when the first item is read (not at start-up)."""
    global _model_module
    if _model_module is None:
        import tui.model

        _model_module = tui.model
    return _model_module


class _SpanTable(Sequence[Any]):
    """A read-only list of spans held as arrays; reading an item builds an equal, unshared
    model instance (changing it changes nothing)."""

    __slots__ = ("starts", "ends")
    __hash__ = None  # type: ignore[assignment]  # mutable, so unhashable as list is; typeshed wants a method

    def __init__(self) -> None:
        self.starts = array(INDEX)
        self.ends = array(INDEX)

    def __len__(self) -> int:
        return len(self.starts)

    @overload
    def __getitem__(self, i: int) -> Any: ...
    @overload
    def __getitem__(self, i: slice) -> list[Any]: ...
    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return [self._item(j) for j in range(*i.indices(len(self.starts)))]
        n = len(self.starts)
        j = i + n if i < 0 else i
        if not 0 <= j < n:
            raise IndexError(i)
        return self._item(j)

    def __iter__(self) -> Iterator[Any]:
        item = self._item
        for i in range(len(self.starts)):
            yield item(i)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, (str, bytes)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __repr__(self) -> str:
        return f"{type(self).__name__}({len(self)} items)"

    def _item(self, i: int) -> Any:
        raise NotImplementedError


class SentenceTable(_SpanTable):
    """The sentences of an analysis: sentence ``i`` has id ``sen-i``.

    `blocks[i]` is the index of the block holding sentence ``i`` (-1 if unknown): the stages that
    need it read it here rather than each bisecting the block starts into a list of their own.
    """

    __slots__ = ("sections", "section_ids", "blocks")

    def __init__(self, section_ids: Sequence[str]) -> None:
        super().__init__()
        self.sections = array(INDEX)  # index into section_ids, -1 for none
        self.section_ids = list(section_ids)
        self.blocks = array(INDEX)

    def append(self, start: int, end: int, section: int, block: int = -1) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.sections.append(section)
        self.blocks.append(block)

    def _item(self, i: int) -> Sentence:
        sec = self.sections[i]
        return _models().Sentence._row({"start": self.starts[i], "end": self.ends[i], "id": f"sen-{i}",
                              "section": self.section_ids[sec] if sec >= 0 else None})


class BlockTable(_SpanTable):
    """The blocks of a document, in order."""

    __slots__ = ("kinds", "levels")
    KINDS = BLOCK_KINDS
    _CODES = {k: n for n, k in enumerate(KINDS)}

    def __init__(self) -> None:
        super().__init__()
        self.kinds = array("b")
        self.levels = array(INDEX)

    def append(self, kind: BlockKind, start: int, end: int, level: int = 0) -> None:
        self.kinds.append(self._CODES[kind])
        self.starts.append(start)
        self.ends.append(end)
        self.levels.append(level)

    def _item(self, i: int) -> Block:
        return _models().Block._row({"start": self.starts[i], "end": self.ends[i], "kind": self.KINDS[self.kinds[i]],
                           "level": self.levels[i]})


def span_starts(spans: Sequence[Span]) -> Sequence[int]:
    """The spans' starts, without building an item per span where they are held as a table."""
    return spans.starts if isinstance(spans, _SpanTable) else array(INDEX, (s.start for s in spans))


def span_ends(spans: Sequence[Span]) -> Sequence[int]:
    return spans.ends if isinstance(spans, _SpanTable) else array(INDEX, (s.end for s in spans))


def block_kind(blocks: Sequence[Block], i: int) -> BlockKind:
    """Block `i`'s kind, read from a table's array where the blocks are one (no item built)."""
    return BLOCK_KINDS[blocks.kinds[i]] if isinstance(blocks, BlockTable) else blocks[i].kind
