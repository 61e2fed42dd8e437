"""Choose a format: by file extension first, then by sniffing the text."""

from __future__ import annotations

import re

from tui.kinds import Format

_EXTENSIONS: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".asc": "text",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
}
_CONTENT_TYPES: dict[str, Format] = {
    "text/html": "html", "application/xhtml+xml": "html",
    "text/markdown": "markdown", "text/x-markdown": "markdown",
    "text/plain": "text",
}
_HTML = re.compile(r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAGS = re.compile(r"</?(?:p|div|span|a|br|h[1-6]|article|section)\b[^>]*>", re.I)
# Markdown that plain text rarely has: ATX headings, fences, [links](…), **strong**, setext underlines.
_MD_STRONG = re.compile(
    r"^(?:#{1,6}[ \t]+\S|```|~~~)|\[[^\]\n]{1,300}\]\([^)\s]{1,2000}\)|\*\*[^*\n]{1,200}\*\*|(?<=\S\n)(?:=+|-+)[ \t]*$",
    re.M,
)
# Markdown that plain text has too: bullets, numbered items, quotes.
_MD_WEAK = re.compile(r"^(?:\s{0,3}[-*+]\s+\S|\s{0,3}\d+\.\s+\S|>\s)", re.M)


def format_from_name(name: str) -> Format | None:
    lowered = name.lower().split("?", 1)[0].split("#", 1)[0]
    for ext, fmt in _EXTENSIONS.items():
        if lowered.endswith(ext):
            return fmt
    return None


def format_from_content_type(content_type: str | None) -> Format | None:
    if not content_type:
        return None
    return _CONTENT_TYPES.get(content_type.split(";", 1)[0].strip().lower())


def looks_like_html_page(text: str) -> bool:
    """Starts like a whole HTML document (doctype, <html>, <head> or <body>), whatever its name says."""
    return bool(_HTML.match(text[:20000]))


def sniff(text: str) -> Format:
    head = text[:20000]
    if _HTML.match(head) or len(_HTML_TAGS.findall(head)) >= 5:
        return "html"
    # Bullets alone do not make Markdown: a plain-text article with a list keeps its title line.
    strong = len(_MD_STRONG.findall(head))
    if strong >= 2 or (strong and (_MD_WEAK.search(head) or head.lstrip().startswith("#"))):
        return "markdown"
    return "text"
