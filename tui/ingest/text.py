"""Plain text: a title line, headings, paragraphs split on blank lines, hard wraps joined."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tui.ingest.boilerplate import is_boilerplate
from tui.ingest.clean import clean_inline
from tui.ingest.document import Document, DocumentBuilder
from tui.kinds import BlockKind

_BLANK_SPLIT = re.compile(r"\n[ \t]*\n+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·–]|\d{1,3}[.)])\s+")
_CLOSING = tuple(".!?;:,…\"”’'»)]")
_ENDS_SENTENCE = (".", "!", "?", "…", "\"", "”", "’", ")")
_RULE = re.compile(r"^\s*([-=*_~#+.•·])(?:\s*\1){2,}\s*$")
_MAX_TITLE = 200
_MAX_HEADING = 90


def _is_heading_line(line: str, max_len: int = _MAX_HEADING) -> bool:
    """A short standalone line without closing punctuation: a heading, not a sentence."""
    line = line.strip()
    if not line or len(line) > max_len or len(line.split()) > (12 if max_len == _MAX_HEADING else 30):
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


def _paragraphs(lines: list[str]) -> list[tuple[BlockKind, str]]:
    """Split one blank-line-separated block into (kind, text) items, joining hard-wrapped lines.

    Text wrapped at a fixed width has lines of similar length; text with one paragraph per line
    (no blank lines) has long, ragged lines. A short line ending a sentence also ends a paragraph,
    and a short unpunctuated line standing between paragraphs is a heading.
    """
    lines = [line.rstrip() for line in lines if line.strip()]
    if len(lines) <= 1:
        return [_item(line) for line in lines]
    width = max(len(line) for line in lines)
    if width > 110 or all(
        line.endswith(_ENDS_SENTENCE) or (len(line) < 0.6 * width and _is_heading_line(line)) for line in lines
    ):
        # one paragraph per line: lines too long for a wrap width, or every line a whole sentence
        return [_item(line, heading_ok=True) for line in lines]
    out: list[list[str]] = [[]]
    items: list[tuple[BlockKind, str]] = []
    for i, line in enumerate(lines):
        if _LIST_ITEM.match(line) and out[-1]:
            items.append(_item(" ".join(out[-1])))
            out.append([])
        starts_paragraph = not out[-1]
        if starts_paragraph and i + 1 < len(lines) and len(line) < 0.6 * width and _is_heading_line(line):
            items.append(("heading", line.strip()))
            continue
        out[-1].append(line.strip())
        ends_sentence = line.endswith(_ENDS_SENTENCE)
        if i + 1 < len(lines) and ends_sentence and len(line) < 0.6 * width:
            items.append(_item(" ".join(out[-1])))
            out.append([])
    if out[-1]:
        items.append(_item(" ".join(out[-1])))
    return items


def _item(text: str, heading_ok: bool = False) -> tuple[BlockKind, str]:
    text = text.strip()
    if heading_ok and _is_heading_line(text):
        return "heading", text
    return ("list_item" if _LIST_ITEM.match(text) else "paragraph"), text


def _split_title(lines: list[str]) -> tuple[str | None, list[str], bool]:
    """The title is the first non-empty line when it stands apart from the text that follows.

    It stands apart when it is a block of its own, or when it is clearly shorter than the wrapped
    lines below it, or when those lines are one long paragraph each. A title with a few short
    unpunctuated lines under it ("By Jane Doe", a date) heads a header block: the third value
    says the rest are separate lines, not wrapped prose.
    """
    if _is_title_block(lines[:1]) and not _LIST_ITEM.match(lines[0]):
        if len(lines) == 1:
            return lines[0], [], False
        if len(lines) <= 4 and all(len(line.strip()) <= _MAX_HEADING and not line.rstrip().endswith(_ENDS_SENTENCE) for line in lines):
            return lines[0], lines[1:], True
        rest_width = max(len(line.rstrip()) for line in lines[1:])
        if _is_heading_line(lines[0], max_len=_MAX_TITLE) and (rest_width > 110 or len(lines[0].strip()) < 0.6 * rest_width):
            return lines[0], lines[1:], False
    return None, lines, False


def _strip_edge_boilerplate(lines: list[str], doc: DocumentBuilder) -> list[str]:
    """Drop share bars and comment-form lines stuck to the end (or start) of a paragraph.

    Only whole lines go; at the end only when the prose before them ends a sentence, so the last
    line of a hard-wrapped paragraph that happens to read "email" is kept.
    """
    n = len(lines)
    tail = n
    while tail > 1 and is_boilerplate(lines[tail - 1]):
        tail -= 1
    if tail < n and lines[tail - 1].rstrip().endswith(_ENDS_SENTENCE):
        for line in lines[tail:]:
            doc.drop(line, "web boilerplate")
        lines = lines[:tail]
    head = 0
    while head < len(lines) - 1 and is_boilerplate(lines[head]):
        head += 1
    if head:
        for line in lines[:head]:
            doc.drop(line, "web boilerplate")
        lines = lines[head:]
    return lines


def _raw_blocks(text: str) -> Iterator[str]:
    """The pieces between blank lines, as `_BLANK_SPLIT.split` cuts them, one at a time: a text of
    tiny paragraphs would otherwise hold a string for every one of them at once (issue 17)."""
    pos = 0
    for m in _BLANK_SPLIT.finditer(text):
        yield text[pos:m.start()]
        pos = m.end()
    yield text[pos:]


def parse_text(text: str) -> Document:
    doc = DocumentBuilder("text")
    first = True
    for raw in _raw_blocks(text.strip("\n")):
        if not raw.strip():
            continue
        if is_boilerplate(raw):
            doc.drop(raw, "web boilerplate")
            continue
        # rules and underlines ("=====", "-----", "* * *") are decoration: never shown as text
        # and lines of only escape sequences or invisible characters are not lines at all
        lines = [line for line in raw.split("\n") if clean_inline(line) and not _RULE.match(line)]
        if not lines:
            continue
        lines = _strip_edge_boilerplate(lines, doc)
        if first:
            first = False
            title, lines, header = _split_title(lines)
            if title is not None:
                doc.add("title", title)
            if header:  # byline, date: one paragraph each, never headings
                for line in lines:
                    doc.add("paragraph", line)
                continue
            if not lines:
                continue
        if len(lines) == 1 and _is_heading_line(lines[0]):
            doc.add("heading", lines[0], level=2)
            continue
        for kind, para in _paragraphs(lines):
            doc.add(kind, para, level=2 if kind == "heading" else 0)
    return doc.build()
