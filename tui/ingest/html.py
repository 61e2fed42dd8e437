"""Saved web pages: the main content found by trafilatura, headings kept, page furniture dropped."""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from tui.ingest.boilerplate import is_boilerplate
from tui.ingest.document import Document, DocumentBuilder

_BLOCK_TAGS = {"p", "figcaption", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt", "div", "section", "article"}
_INVISIBLE_TAGS = {"script", "style", "noscript", "template", "svg", "iframe", "head"}
_MAX_DROPPED = 500
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form", "button", "iframe"}


def _text(el: etree._Element) -> str:
    return "".join(el.itertext())


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _from_trafilatura_xml(xml: str, doc: DocumentBuilder) -> None:
    root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True))
    if root is None:
        return
    # The page's <title> often carries the site's name; an <h1> opening the article is the headline.
    meta_title = root.get("title") or ""
    main = root.find("main")
    if main is None:
        main = root
    for el in main.iter("head", "p", "item", "quote", "code", "row"):
        content = _text(el)
        if not content.strip():
            continue
        if not doc.blocks and not (el.tag == "head" and el.get("rend") == "h1") and meta_title:
            doc.add("title", meta_title)
        if el.tag == "head":
            rend = el.get("rend") or "h2"
            level = int(rend[1]) if len(rend) == 2 and rend[1].isdigit() else 2
            if level == 1 and not doc.title:
                doc.add("title", content)
            elif level == 1 and _same(content, doc.title) and len(doc.blocks) == 1:
                continue  # the headline repeats the page title
            else:
                doc.add("heading", content, level=max(2, level))
        elif el.tag == "p" and el.getparent() is not None and el.getparent().tag in ("item", "quote", "cell"):
            continue  # inner paragraphs are taken with their item or quote
        elif is_boilerplate(content):
            doc.drop(content, "web boilerplate")
        elif el.tag == "item":
            doc.add("list_item", content)
        elif el.tag == "quote":
            doc.add("quote", content)
        elif el.tag == "code":
            doc.add("code", content)
        elif el.tag == "row":
            doc.add("table", " | ".join(_text(c).strip() for c in el))
        else:
            doc.add("paragraph", content)
    if meta_title and not doc.title:
        doc.add("title", meta_title)


def _visible_blocks(page: str, skip: set[str]) -> tuple[str, list[tuple[str, str]]]:
    """The page's <title> and its leaf-most blocks of visible text as (tag, text), in order."""
    try:
        root = lxml_html.document_fromstring(page)
    except Exception:  # noqa: BLE001 - lxml raises ParserError, ValueError, even AssertionError
        return "", []
    for bad in list(root.iter(*skip)):
        if bad.getparent() is not None:
            bad.drop_tree()
    title = root.findtext(".//title") or ""
    body = root.find("body")
    out = []
    for el in (body if body is not None else root).iter(*_BLOCK_TAGS):
        # only leaf-most blocks, so nested divs do not repeat their children's text
        if any(child.tag in _BLOCK_TAGS for child in el.iterdescendants()):
            continue
        content = " ".join(_text(el).split())
        if content:
            out.append((el.tag, content))
    return title, out


def _fallback(page: str, doc: DocumentBuilder) -> None:
    """No article found: show every block of visible page text, so the reader still gets something."""
    title, blocks = _visible_blocks(page, _SKIP_TAGS)
    if blocks and blocks[0][0] == "h1":
        title = blocks[0][1]  # a headline opening the page beats a <title> carrying the site name
        blocks = blocks[1:]
    if title:
        doc.add("title", title)
    for tag, content in blocks:
        if tag == "h1" and _same(content, doc.title):
            continue
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            doc.add("heading", content, level=max(2, int(tag[1])))
        elif is_boilerplate(content):
            doc.drop(content, "web boilerplate")
        else:
            doc.add("list_item" if tag == "li" else "paragraph", content)


def _record_furniture(page: str, doc: DocumentBuilder) -> None:
    """Record the page text the extractor left out (menus, share bars, comments), so it is not lost."""
    text = doc.text
    kept = {" ".join(text[b.start : b.end].split()).casefold() for b in doc.blocks}
    seen: set[str] = set()
    for _tag, content in _visible_blocks(page, _INVISIBLE_TAGS)[1]:
        key = content.casefold()
        if key in seen or key in kept:
            continue
        seen.add(key)
        doc.drop(content, "page furniture" if not is_boilerplate(content) else "web boilerplate")
        if len(doc.dropped) >= _MAX_DROPPED:
            break


def parse_html(page: str) -> Document:
    import logging

    import trafilatura  # imported here: it is slow to import and only HTML needs it

    # it logs parse failures at ERROR; where a program has logging set up, they would show beside
    # our own message, yet the fallback below already handles whatever it could not parse
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

    doc = DocumentBuilder("html")
    xml = None
    try:
        xml = trafilatura.extract(
            page,
            output_format="xml",
            include_comments=False,
            include_tables=True,
            include_formatting=False,
            include_links=False,
            include_images=False,
            with_metadata=True,
            favor_precision=True,
        )
    except Exception:  # noqa: BLE001 - a malformed page must fall back, not crash the reader
        xml = None
    if xml:
        _from_trafilatura_xml(xml, doc)
        if any(b.kind != "title" for b in doc.blocks):
            _record_furniture(page, doc)
    if not any(b.kind != "title" for b in doc.blocks):
        doc = DocumentBuilder("html")
        _fallback(page, doc)
        if not any(b.kind != "title" for b in doc.blocks):
            _last_resort(page, doc)
        doc.notes.append("No article body was found in this page: showing all of its visible text.")
    return doc.build()


_HIDDEN = re.compile(r"<(script|style|template|noscript)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_TAG = re.compile(r"<[^>]{0,2000}>")


def _last_resort(page: str, doc: DocumentBuilder) -> None:
    """The parser gave up (e.g. nesting deeper than libxml2 allows): strip tags, keep the words."""
    import html as html_lib

    text = html_lib.unescape(_TAG.sub("\n", _HIDDEN.sub(" ", page)))
    for block in re.split(r"\n\s*\n", text):
        doc.add("paragraph", block)
