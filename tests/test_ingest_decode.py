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


# Undeclared legacy encodings: a few sentences of prose per script, written for these tests.
LEGACY = {
    "cp1251": "Городской совет снова отложил решение о новом мосте.\n\nСторонники проекта говорят, что без моста район останется отрезанным от центра. Противники отвечают, что денег на ремонт школ и так не хватает. Однако именно транспорт определяет, куда придут новые рабочие места.\n",
    "koi8-r": "Почему библиотеки всё ещё нужны\n\nМногие считают, что интернет заменил библиотеки. Но это не так: библиотека остаётся единственным местом, где любой человек может бесплатно читать и учиться. Кроме того, библиотекари помогают отличать проверенные источники от слухов.\n",
    "cp1253": "Η αξία της δημόσιας συγκοινωνίας\n\nΠολλοί πιστεύουν ότι το αυτοκίνητο είναι πάντα πιο γρήγορο. Ωστόσο, στις μεγάλες πόλεις η κίνηση καθυστερεί τους οδηγούς περισσότερο από τους επιβάτες του μετρό. Επομένως, η επένδυση στις συγκοινωνίες ωφελεί όλους.\n",
    "shift_jis": "図書館はなぜ今も必要なのか\n\n多くの人はインターネットが図書館の代わりになったと考えている。しかし、図書館は誰もが無料で本を読み、静かに学べる唯一の場所である。さらに、司書は信頼できる情報と噂を見分ける手助けをしてくれる。\n",
    "gb18030": "城市为什么需要更多的公园\n\n有人认为公园占用了宝贵的土地，应该用来建造住房。但是，公园能够降低夏天的气温，减少空气污染，并为孩子们提供安全的游戏场所。因此，城市规划者应当把公园视为基础设施。\n",
}
# what the guess may be called: the encoding itself or a superset that reads the same bytes the same way
SAME = {"cp1251": {"cp1251"}, "koi8-r": {"koi8-r"}, "cp1253": {"cp1253", "iso8859-7"}, "shift_jis": {"shift_jis", "cp932"}, "gb18030": {"gb18030"}}


@pytest.mark.parametrize("encoding", list(LEGACY))
def test_undeclared_legacy_encodings_are_guessed_and_said_to_be(encoding):
    text = LEGACY[encoding]
    a = analyse_bytes(text.encode(encoding), hint="text")
    assert a.text == analyse_bytes(text.encode("utf-8"), hint="text").text  # the same as if saved as UTF-8
    assert a.title == text.split("\n", 1)[0]
    assert a.source.encoding in SAME[encoding]
    assert any(a.source.encoding in note and "guess" in note for note in a.caveats), a.caveats


@pytest.mark.parametrize(
    "text",
    [
        "Le café du coin ferme à midi. Où aller ensuite ? Peut-être à la crêperie, où l'on sert des galettes été comme hiver.\n",
        "Die Brücke über den Fluß wurde gestern geöffnet. Für Fußgänger ist sie gebührenfrei, sagt der Bürgermeister.\n",
        "¿Por qué el niño llegó tarde? Él dijo que el autobús no pasó. ¡Qué mañana!\n",
        "A educação pública é a base da nação. Não há desenvolvimento sem investimento em ciência.\n",
        "Café naïve.\n",
        "He said “yes” — and left. It cost 5 €.\n",
    ],
    ids=["fr", "de", "es", "pt", "short", "punctuation"],
)
def test_western_text_is_still_cp1252_where_a_detector_would_guess_wrong(text):
    # charset-normalizer alone reads these as cp1250 ("à" -> "ŕ") or cp1006 ("Cafﻠ naﺅve")
    d = decode(text.encode("cp1252"))
    assert (d.text, d.encoding, d.note) == (text, "cp1252", None)


@pytest.mark.parametrize("encoding", ["cp1251", "gb18030"])
def test_a_long_legacy_text_is_guessed_from_its_start_and_read_whole(encoding):
    text = LEGACY[encoding] * 2000  # ~500 KB: the detector sees the first 64 KB
    d = decode(text.encode(encoding))
    assert d.encoding == encoding and d.text == text


def test_a_declared_charset_is_not_second_guessed():
    page = "<html><head><meta charset='koi8-r'></head><body><p>" + LEGACY["koi8-r"] + "</p></body></html>"
    a = analyse_bytes(page.encode("koi8-r"), hint="html")
    assert a.source.encoding == "koi8-r" and not any("guess" in note for note in a.caveats)
    assert "Многие считают, что интернет заменил библиотеки." in a.text


@pytest.mark.parametrize(
    "codec", ["unicode_escape", "raw_unicode_escape", "rot13", "base64", "hex", "zlib", "idna", "punycode", "uu", "bz2", "utf-7"]
)
def test_a_python_only_codec_declared_by_a_page_is_ignored(codec):
    page = f'<html><head><meta charset="{codec}"></head><body><p>Files live in C:\\new\\table on the caf\xe9 server, said the admin.</p></body></html>'
    a = analyse_bytes(page.encode("cp1252"), hint="html")
    assert "C:\\new\\table on the café server" in a.text
    assert a.source.encoding == "cp1252"


@pytest.mark.parametrize("codec", ["unicode_escape", "rot13", "punycode"])
def test_a_python_only_codec_in_a_content_type_header_is_ignored(codec, local_server):
    from conftest import Page

    from tui.pipeline import analyse_source

    body = "<html><body><p>Files live in C:\\new\\table on the caf\xe9 server, said the admin.</p></body></html>"
    local_server.pages["/p"] = Page(body.encode("cp1252"), content_type=f"text/html; charset={codec}")
    a = analyse_source(local_server.url("/p"))
    assert "C:\\new\\table on the café server" in a.text
