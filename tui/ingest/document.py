"""What ingest hands to analysis: normalised text cut into typed blocks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from tui.ingest.clean import clean_inline, strip_controls
from tui.tables import BlockTable

if TYPE_CHECKING:  # the app shows a document before pydantic is imported (first paint)
    from tui.kinds import BlockKind, Format
    from tui.model import Block, Source


@dataclass(frozen=True)
class SourceInfo:
    """Where a document came from: the fields of `tui.model.Source`, known before that model
    (pydantic) is imported; the analysis turns it into one (`to_model`)."""

    name: str
    format: Format
    encoding: str
    sha256: str

    def to_model(self) -> Source:
        from tui.model import Source

        return Source(name=self.name, format=self.format, encoding=self.encoding, sha256=self.sha256)


class DroppedText(NamedTuple):
    """Text the ingest removed and why: the analysis makes a `tui.model.Dropped` of it (the app
    ingests before pydantic is imported)."""

    text: str
    reason: str


@dataclass
class Document:
    title: str
    text: str
    blocks: Sequence[Block]  # a BlockTable from the builder: rows of arrays, not an object per block
    format: Format
    dropped: list[DroppedText] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


_JOIN_EVERY = 4096


class DocumentBuilder:
    """Appends blocks, separating them with a blank line, and records their offsets.

    Every format module feeds blocks through here, so offsets are correct by construction.
    """

    def __init__(self, fmt: Format) -> None:
        self.format: Format = fmt
        # the text so far: recent pieces, joined into a chunk every _JOIN_EVERY so a text of tiny
        # paragraphs does not hold a string object (and a separator) per block until the end
        self._chunks: list[str] = []
        self._parts: list[str] = []
        self._length = 0
        self.blocks = BlockTable()
        self.title = ""
        self.dropped: list[DroppedText] = []
        self.notes: list[str] = []

    def add(self, kind: BlockKind, text: str, level: int = 0) -> bool:
        """Append a block (False when its text is empty once cleaned)."""
        if kind in ("code", "table"):
            text = strip_controls(text).expandtabs(4).strip("\n")
        else:
            text = clean_inline(text)
        if not text.strip():
            return False
        if kind == "title":
            if self.title:
                kind, level = "heading", max(level, 1)
            else:
                self.title = text
                level = 1
        if self._length:  # not self._parts: it is emptied into a chunk now and then
            self._parts.append("\n\n")
            self._length += 2
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        if len(self._parts) >= _JOIN_EVERY:
            self._chunks.append("".join(self._parts))
            self._parts.clear()
        self.blocks.append(kind, start, self._length, level)
        return True

    @property
    def text(self) -> str:
        return "".join(self._chunks + self._parts)

    def drop(self, text: str, reason: str) -> None:
        # shown to the user too (the app lists what was dropped), so sanitised like article text
        text = strip_controls(text).strip()
        if text:
            self.dropped.append(DroppedText(text, reason))

    def build(self) -> Document:
        return Document(
            title=self.title,
            text=self.text,
            blocks=self.blocks,
            format=self.format,
            dropped=self.dropped,
            notes=self.notes,
        )
