"""Markdown via markdown-it-py (already a Textual dependency): structure kept, inline markup removed."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from tui.ingest.boilerplate import is_boilerplate
from tui.ingest.document import Document, DocumentBuilder

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.DOTALL)
_FM_TITLE = re.compile(r"^title:\s*(.+?)\s*$", re.MULTILINE)


def _inline_text(token: Token) -> str:
    """Plain text of an inline token: link text kept, images by alt text, markup dropped."""
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append(child.content or "")
    return "".join(out)


def _html_text(fragment: str) -> str:
    """Visible text of a raw HTML block (comments, scripts and styles give none)."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - lxml raises ParserError, ValueError, even AssertionError ("<HTML>")
        return ""
    for bad in list(root.iter("script", "style", "template", etree.Comment)):
        if bad.getparent() is not None:
            bad.drop_tree()
    return " ".join("".join(root.itertext()).split())


def _table_text(tokens: list[Token], i: int) -> tuple[str, int]:
    """Rows of a table as 'cell | cell' lines; returns the text and the index after table_close."""
    rows: list[list[str]] = []
    while i < len(tokens) and tokens[i].type != "table_close":
        tok = tokens[i]
        if tok.type == "tr_open":
            rows.append([])
        elif tok.type == "inline" and rows:
            rows[-1].append(_inline_text(tok).strip())
        i += 1
    return "\n".join(" | ".join(r) for r in rows), i + 1


# markdown-it stops descending at `maxNesting` levels and skips the rest of that container
# silently (the commonmark preset's 20 lost item "j" of a list nested 10 deep, and everything
# after it). 50 (a list 25 deep, a quote 49 deep) holds any real document and keeps the cost per
# line and the parser's recursion small; past it, the lines the parser skipped are recovered
# flat, in place, with a note (see _skipped_runs).
MAX_NESTING = 50
# Block tokens that carry text and a line map: a line inside none of them was never read.
_LEAVES = frozenset({"paragraph_open", "heading_open", "fence", "code_block", "html_block", "table_open", "hr"})
# Container markers at the start of a skipped line: quote ">", bullets, "1." / "1)".
_MARKERS = re.compile(r"^(?:[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*")
_ITEM = re.compile(r"[-*+]|\d[.)]")


def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable("table").enable("strikethrough")


def _skipped_runs(tokens: list[Token], lines: list[str]) -> list[tuple[int, str]]:
    """(first line, text without container markers) of each run of lines the parser skipped.

    Only called when the nesting limit was reached, so link definitions (which make no token
    either) are not mistaken for lost text.
    """
    covered = bytearray(len(lines) + 1)
    for tok in tokens:
        if tok.type in _LEAVES and tok.map:
            covered[tok.map[0]:tok.map[1]] = b"\x01" * (tok.map[1] - tok.map[0])
    runs: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    for n, line in enumerate(lines):
        marker = _MARKERS.match(line).group() if not covered[n] else ""  # type: ignore[union-attr]  # every part of the pattern is optional: it always matches
        flat = line[len(marker):] if not covered[n] else ""
        if flat.strip():
            if not current:
                first = n
            elif _ITEM.search(marker):
                current.append("")  # each list item stays its own paragraph
            current.append(flat)
        elif current and (covered[n] or not line.strip()):
            runs.append((first, "\n".join(current)))
            current = []
    if current:
        runs.append((first, "\n".join(current)))
    return runs


def _hit_limit(tokens: list[Token]) -> bool:
    return any(tok.level >= MAX_NESTING - 1 for tok in tokens)


class _Walker:
    """Turns block tokens into Document blocks; the title rule spans every walk of one document."""

    def __init__(self, doc: DocumentBuilder, parser: MarkdownIt) -> None:
        self.doc = doc
        self.parser = parser
        self.seen_body = False

    def walk(self, tokens: list[Token], skipped: Sequence[tuple[int, str]] = ()) -> None:
        """Add the blocks of `tokens`; each run of `skipped` lines goes in before the first leaf after it."""
        doc = self.doc
        pending = 0  # the next run of `skipped` to add
        depth_list = 0
        depth_quote = 0
        heading_level = 0
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if pending < len(skipped) and kind in _LEAVES and tok.map:
                while pending < len(skipped) and skipped[pending][0] < tok.map[0]:
                    self._recover(skipped[pending][1])
                    pending += 1
            if kind in ("bullet_list_open", "ordered_list_open"):
                depth_list += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                depth_list -= 1
            elif kind == "blockquote_open":
                depth_quote += 1
            elif kind == "blockquote_close":
                depth_quote -= 1
            elif kind == "heading_open":
                heading_level = int(tok.tag[1])
            elif kind == "inline":
                content = _inline_text(tok)
                if heading_level:
                    # The first top-level heading before any body text is the article's title.
                    if heading_level == 1 and not doc.title and not self.seen_body:
                        doc.add("title", content)
                    else:
                        doc.add("heading", content, level=max(2, heading_level))
                    heading_level = 0
                elif is_boilerplate(content):
                    doc.drop(content, "web boilerplate")
                else:
                    self.seen_body = True
                    if depth_list:
                        doc.add("list_item", content, level=depth_list)
                    elif depth_quote:
                        doc.add("quote", content, level=depth_quote)
                    else:
                        doc.add("paragraph", content)
            elif kind == "html_block":
                content = _html_text(tok.content)
                if content:
                    self.seen_body = True
                    doc.add("paragraph", content)
            elif kind in ("fence", "code_block"):
                self.seen_body = True
                doc.add("code", tok.content)
            elif kind == "table_open":
                self.seen_body = True
                table, i = _table_text(tokens, i)
                doc.add("table", table)
                continue
            i += 1
        for _line, text in skipped[pending:]:
            self._recover(text)

    def _recover(self, text: str) -> None:
        """Skipped lines, their markers removed, parsed again: now flat, they cannot hit the limit."""
        tokens = self.parser.parse(text)
        if _hit_limit(tokens):  # cannot happen with the markers gone; never recurse regardless
            for para in text.split("\n\n"):
                self.seen_body = True
                self.doc.add("paragraph", para)
            return
        self.walk(tokens)


def parse_markdown(text: str) -> Document:
    doc = DocumentBuilder("markdown")
    fm = _FRONT_MATTER.match(text)
    if fm:
        title = _FM_TITLE.search(fm.group(1))
        if title:
            doc.add("title", title.group(1).strip("\"'"))
        text = text[fm.end():]
    parser = _parser()
    tokens = parser.parse(text)
    skipped = _skipped_runs(tokens, text.split("\n")) if _hit_limit(tokens) else []
    _Walker(doc, parser).walk(tokens, skipped)
    built = doc.build()
    if skipped:
        built.notes.append(
            f"Parts of this Markdown are nested deeper than {MAX_NESTING} levels: they are shown as plain paragraphs, without their nesting."
        )
    prose = [b for b in built.blocks if b.kind not in ("code", "table", "title", "heading")]
    if built.blocks and not prose:
        built.notes.append("This Markdown has no prose, only code, tables or headings: shown as it is, with no argument to outline.")
    return built
