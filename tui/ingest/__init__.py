"""Ingest: bytes from a source → decoded, normalised text in typed blocks (one module per format)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.ingest.decode import declared_charset, decode
from tui.ingest.detect import looks_like_html_page, sniff
from tui.ingest.document import Document, SourceInfo
from tui.ingest.errors import SourceError
from tui.ingest.sources import DEFAULT_MAX_BYTES, URL_TIMEOUT, RawSource, read_source, sample_path

if TYPE_CHECKING:
    from tui.kinds import Format
    from tui.model import Source

__all__ = ["Document", "SourceError", "SourceInfo", "ingest", "ingest_bytes", "load", "read_source", "sample_path", "DEFAULT_MAX_BYTES", "URL_TIMEOUT"]


def _parse(text: str, fmt: Format) -> Document:
    if fmt == "markdown":
        from tui.ingest.markdown import parse_markdown

        return parse_markdown(text)
    if fmt == "html":
        from tui.ingest.html import parse_html

        return parse_html(text)
    from tui.ingest.text import parse_text

    return parse_text(text)


def ingest_bytes(raw: RawSource) -> tuple[Source, Document]:
    """Decode and parse a source's bytes. Raises SourceError for empty or binary input."""
    info, doc = ingest(raw)
    return info.to_model(), doc


def ingest(raw: RawSource) -> tuple[SourceInfo, Document]:
    """`ingest_bytes` without importing the model (pydantic): what the app needs to show the text."""
    if not raw.data:
        raise SourceError("it is empty")
    decoded = decode(raw.data, raw.charset or declared_charset(raw.data))
    if not decoded.text.strip():
        raise SourceError("it contains only whitespace")
    fmt = raw.format_hint or sniff(decoded.text)
    if fmt == "text" and looks_like_html_page(decoded.text):
        fmt = "html"  # a saved page named .txt (or served as text/plain): tags are not the article
    doc = _parse(decoded.text, fmt)
    if decoded.note:
        doc.notes.insert(0, decoded.note)
    if not doc.blocks:
        raise SourceError("no readable text was found in it")
    return SourceInfo(name=raw.name, format=fmt, encoding=decoded.encoding, sha256=raw.sha256), doc


def load(name: str | None, *, max_bytes: int = DEFAULT_MAX_BYTES, timeout: float = URL_TIMEOUT) -> tuple[Source, Document]:
    return ingest_bytes(read_source(name, max_bytes=max_bytes, timeout=timeout))
