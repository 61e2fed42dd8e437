"""Plain text: a title line, headings, paragraphs split on blank lines, hard wraps joined."""

from __future__ import annotations

import re

from tui.ingest.boilerplate import is_boilerplate
from tui.ingest.document import Document, DocumentBuilder

_BLANK_SPLIT = re.compile(r"\n[ \t]*\n+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·–]|\d{1,3}[.)])\s+")
_CLOSING = tuple(".!?;:,…\"”’'»)]")
_MAX_TITLE = 200
_MAX_HEADING = 90


def _is_heading_line(line: str) -> bool:
    """A short standalone line without closing punctuation: a heading, not a sentence."""
    line = line.strip()
    if not line or len(line) > _MAX_HEADING or len(line.split()) > 12:
        return False
    if line.endswith(_CLOSING) or _LIST_ITEM.match(line):
        return False
    return line[0].isupper() or line[0].isdigit()


def _is_title_block(lines: list[str]) -> bool:
    """The first block is the title if it is one short line that does not read as a paragraph."""
    if len(lines) != 1:
        return False
    line = lines[0].strip()
    if len(line) > _MAX_TITLE:
        return False
    # A single sentence ending in a full stop is a lede, not a headline, unless it is short.
    return not line.endswith((".", "!")) or len(line.split()) <= 8


def _paragraphs(block: str) -> list[str]:
    """Split one blank-line-separated block into paragraphs, joining hard-wrapped lines.

    Text wrapped at a fixed width has lines of similar length; text with one paragraph per line
    (no blank lines) has long, ragged lines. A short line ending a sentence also ends a paragraph.
    """
    lines = [l.rstrip() for l in block.split("\n") if l.strip()]
    if len(lines) <= 1:
        return [l.strip() for l in lines]
    width = max(len(l) for l in lines)
    if width > 110:
        return [l.strip() for l in lines]
    out: list[list[str]] = [[]]
    for i, line in enumerate(lines):
        if _LIST_ITEM.match(line) and out[-1]:
            out.append([])
        out[-1].append(line.strip())
        ends_sentence = line.endswith(_CLOSING[:3] + ("\"", "”", "’", ")"))
        if i + 1 < len(lines) and ends_sentence and len(line) < 0.6 * width:
            out.append([])
    return [" ".join(p) for p in out if p]


def parse_text(text: str) -> Document:
    doc = DocumentBuilder("text")
    blocks = [b for b in _BLANK_SPLIT.split(text.strip("\n")) if b.strip()]
    first = True
    for raw in blocks:
        if is_boilerplate(raw):
            doc.drop(raw, "web boilerplate")
            continue
        lines = [l for l in raw.split("\n") if l.strip()]
        if first:
            first = False
            if _is_title_block(lines):
                doc.add("title", lines[0])
                continue
        if len(lines) == 1 and _is_heading_line(lines[0]):
            doc.add("heading", lines[0], level=2)
            continue
        for para in _paragraphs(raw):
            kind = "list_item" if _LIST_ITEM.match(para) else "paragraph"
            doc.add(kind, para)
    return doc.build()
