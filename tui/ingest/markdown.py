"""Markdown via markdown-it-py (already a Textual dependency): structure kept, inline markup removed."""

from __future__ import annotations

import re

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


def parse_markdown(text: str) -> Document:
    doc = DocumentBuilder("markdown")
    fm = _FRONT_MATTER.match(text)
    if fm:
        title = _FM_TITLE.search(fm.group(1))
        if title:
            doc.add("title", title.group(1).strip("\"'"))
        text = text[fm.end():]
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    tokens = md.parse(text)
    depth_list = 0
    depth_quote = 0
    heading_level = 0
    seen_body = False
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        kind = tok.type
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
                if heading_level == 1 and not doc.title and not seen_body:
                    doc.add("title", content)
                else:
                    doc.add("heading", content, level=max(2, heading_level))
                heading_level = 0
            elif is_boilerplate(content):
                doc.drop(content, "web boilerplate")
            else:
                seen_body = True
                if depth_list:
                    doc.add("list_item", content, level=depth_list)
                elif depth_quote:
                    doc.add("quote", content, level=depth_quote)
                else:
                    doc.add("paragraph", content)
        elif kind == "html_block":
            content = _html_text(tok.content)
            if content:
                seen_body = True
                doc.add("paragraph", content)
        elif kind in ("fence", "code_block"):
            seen_body = True
            doc.add("code", tok.content)
        elif kind == "table_open":
            seen_body = True
            table, i = _table_text(tokens, i)
            doc.add("table", table)
            continue
        i += 1
    built = doc.build()
    prose = [b for b in built.blocks if b.kind not in ("code", "table", "title", "heading")]
    if built.blocks and not prose:
        built.notes.append("This Markdown has no prose, only code, tables or headings: shown as it is, with no argument to outline.")
    return built
