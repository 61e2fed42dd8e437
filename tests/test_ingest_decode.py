"""Bytes to text: UTF-8 with and without BOM, UTF-16 with BOM, cp1252/latin-1, line endings."""

from __future__ import annotations

import codecs

import pytest
from conftest import analyse_bytes, assert_offsets_valid

from tui.ingest import SourceError
from tui.ingest.decode import decode

ARTICLE = "Café Society\n\n“Naïve” readers pay 5 € for a crème brûlée — don’t they?\n\nA second paragraph.\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16"),
        (ARTICLE.encode("utf-16"), "utf-16"),  # Python's own BOM, native order
        (codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"), "utf-32"),
        (ARTICLE.encode("cp1252"), "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16-native", "utf32le-bom", "cp1252"],
)
def test_encodings_decode_to_the_same_article(data, encoding):
    a = analyse_bytes(data, hint="text")
    assert a.source.encoding == encoding
    assert a.title == "Café Society"
    assert "“Naïve” readers pay 5 € for a crème brûlée — don’t they?" in a.text
    assert "\ufeff" not in a.text
    assert_offsets_valid(a)


def test_latin1_bytes_are_not_mangled():
    text = "Ærøskøbing\n\nÉtude: la façade à côté du marché, naïve et sûre.\n"
    a = analyse_bytes(text.encode("latin-1"), hint="text")
    assert a.title == "Ærøskøbing"
    assert "la façade à côté du marché, naïve et sûre." in a.text


def test_latin1_with_bytes_cp1252_leaves_undefined():
    # 0x81 is undefined in cp1252: the text must be read as latin-1 and the control dropped
    d = decode(b"caf\xe9 \x81ok")
    assert d.encoding == "latin-1"
    assert d.text == "café \x81ok"  # decoding keeps it; ingest strips C1 controls (see hostile tests)


def test_utf16_without_bom_is_recognised():
    d = decode("Plain words in UTF-16 with no byte order mark at all.".encode("utf-16-le"))
    assert d.text.startswith("Plain words") and d.encoding == "utf-16"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"], ids=["crlf", "cr", "lf"])
def test_line_endings_are_normalised(newline):
    text = "Title\n\nFirst line of a paragraph\nwrapped onto a second.\n\nNext.\n".replace("\n", newline)
    a = analyse_bytes(text, hint="text")
    assert "\r" not in a.text
    assert [a.span_text(b) for b in a.blocks] == ["Title", "First line of a paragraph wrapped onto a second.", "Next."]


def test_mixed_line_endings():
    a = analyse_bytes("Title\r\n\r\nOne paragraph.\r\rAnother one.\n\nA third that\u2028wraps once.", hint="text")
    assert [a.span_text(b) for b in a.blocks][1:] == ["One paragraph.", "Another one.", "A third that wraps once."]


def test_a_wrong_bom_claim_is_a_clear_error():
    with pytest.raises(SourceError, match="utf-16"):
        decode(codecs.BOM_UTF16_LE + b"\x00\xd8")  # a lone surrogate


def test_utf8_with_a_few_cp1252_bytes_keeps_both():
    data = "It’s “fine” — café".encode() + b" and \x93quoted\x94 for \x805."
    d = decode(data)
    assert d.text == "It’s “fine” — café and “quoted” for €5."
    assert d.encoding == "utf-8 (with some cp1252)"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_in_another_script(encoding):
    text = "Россия и Китай спорят о будущем Центральной Азии. Это важно для всех."
    d = decode(text.encode(encoding))
    assert d.text == text and d.encoding == "utf-16"


def test_nul_bytes_that_are_not_utf16_are_refused():
    with pytest.raises(SourceError, match="NUL bytes"):
        decode(b"hello\x00world" * 100)


def test_html_meta_charset_is_used_for_legacy_cyrillic():
    page = (
        '<html><head><meta charset="windows-1251"><title>Россия</title></head><body><article>'
        "<p>Россия и Китай спорят о будущем Центральной Азии, и это важно для всех соседей в регионе.</p>"
        "<p>Второй абзац продолжает мысль первого и завершает статью.</p></article></body></html>"
    )
    a = analyse_bytes(page.encode("cp1251"), hint="html")
    assert a.source.encoding == "cp1251"
    assert "Россия и Китай спорят" in a.text


def test_a_wrong_charset_claim_does_not_beat_utf8():
    page = '<html><head><meta charset="koi8-r"></head><body><p>Café “quoted” — fine.</p></body></html>'
    a = analyse_bytes(page.encode("utf-8"), hint="html")
    assert a.source.encoding == "utf-8" and "Café “quoted” — fine." in a.text
