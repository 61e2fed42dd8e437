"""Bytes to text: BOMs, UTF-8, UTF-16/32, declared and guessed legacy encodings; binaries refused."""

from __future__ import annotations

import codecs
import encodings.aliases
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from tui.ingest.errors import SourceError
from tui.ingest.clean import normalise_newlines

# Signatures of common binary formats, so the error can say what the file is.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# Signatures made of letters ("MZ", "ID3", "RIFF"…) also start ordinary sentences ("MZ Wallace
# makes bags."), so they only count when control bytes follow, as they do in the real formats.
_STRONG_MAGIC = frozenset(m for m, _ in _MAGIC if not m.isascii() or not m.decode().isprintable()) | {b"%PDF-"}
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")

_OVERSTRIKE = re.compile(r"[^\n\x08]\x08")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    note: str | None = None  # what a reader should know about the decoding (a guessed encoding)


def _guess_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM has NUL in every other byte for ASCII-range characters.

    Text in another script (Cyrillic, Greek) has NULs only at its spaces and punctuation, so the
    test is which byte order decodes the sample into text with NULs and controls nowhere.
    """
    sample = data[:4096]
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) - len(sample) % 2]
    half = len(sample) // 2
    even = sample[0::2].count(0) / half
    odd = sample[1::2].count(0) / half
    # NULs (ASCII high bytes) in one byte position only, and at least at every space
    if max(even, odd) < 0.08 or min(even, odd) > 0.01:
        return None
    order = ("utf-16-le",) if odd > even else ("utf-16-be",)
    for encoding in order:
        try:
            text = sample.decode(encoding, errors="strict" if len(sample) == len(data) else "ignore")
        except UnicodeDecodeError:
            continue
        # real text has spaces or line breaks; ASCII bytes misread as UTF-16 give none (CJK-looking noise)
        spaces = sum(text.count(c) for c in " \n\t\u3000")
        if text and not _CONTROL_CHARS.search(text) and spaces >= max(1, len(text) // 40):
            return encoding
    return None


_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


# C0 controls other than tab, newline, form feed, carriage return and ESC; and DEL
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\x7f]")


def _looks_binary(text: str) -> bool:
    """Many control characters (besides whitespace) mean it is not prose."""
    sample = text[:65536]
    if not sample:
        return False
    controls = len(_BINARY_CONTROLS.findall(sample))  # one regex pass, not a Python loop per character
    return controls / len(sample) > 0.05


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """The charset a server's Content-Type or a page's <meta> declares, if Python knows it."""
    match = _CHARSET.search(content_type or "") or _META_CHARSET.search(data[:4096])
    if not match:
        return None
    found = match.group(1)
    name = found.decode("ascii", "ignore") if isinstance(found, bytes) else str(found)
    try:
        codec = codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None
    return codec if codec in _text_charsets() else None


@cache
def _text_charsets() -> frozenset[str]:
    """Codecs that are character sets, so a declaration may name them. Python also has codecs
    that transform text (unicode_escape turns "C:\\new" into "C:" + newline + "ew"; idna,
    punycode, rot13, base64, zlib…): a page declaring one of those is ignored."""
    names = set(encodings.aliases.aliases.values()) | {"koi8_u", "koi8_t", "cp720", "cp737", "cp856", "cp874", "cp875", "cp1006"}
    text = set()
    for name in names:
        try:
            codec = codecs.lookup(name)
        except LookupError:
            continue
        if codec._is_text_encoding and codec.name not in ("utf-7", "undefined", "charmap"):
            text.add(codec.name)
    return frozenset(text)


_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]{1,40})", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([\w.:-]{1,40})", re.I)


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode bytes of an article; raise SourceError for binaries and undecodable data.

    ``declared`` is the charset the source claims (HTTP header, HTML <meta>). It is used only when
    there is no BOM and the bytes are not UTF-8: claims are often wrong, byte order marks never.
    """
    for magic, what in _MAGIC:
        if data.startswith(magic) and (magic in _STRONG_MAGIC or _CONTROL_BYTES.search(data, 0, 1024)):
            raise SourceError(f"this is {what}, not a text article")
    encoding = None
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            data = data[len(bom):] if name != "utf-8-sig" else data
            break
    if encoding is None and b"\x00" in data[:4096]:
        encoding = _guess_utf16_without_bom(data)
        if encoding is None:
            raise SourceError("this looks like a binary file (it contains NUL bytes), not a text article")
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            raise SourceError(f"the file claims to be {encoding} but is not valid {encoding} (byte {err.start})") from None
        shown = {"utf-8-sig": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16", "utf-32-le": "utf-32", "utf-32-be": "utf-32"}
        encoding, note = shown.get(encoding, encoding), None
    else:
        text, encoding, note = _decode_unmarked(data, declared)
    if "\b" in text:
        # overstrike from `man` or a terminal capture: "B\bBo\bol\bld" is bold "Bold", "_\bx" underlined x
        text = _OVERSTRIKE.sub("", text)
    if "\x00" in text or _looks_binary(text):
        raise SourceError("this looks like a binary file, not a text article")
    return Decoded(normalise_newlines(text), encoding, note)


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Decode error handler: read the offending bytes as cp1252 (latin-1 where cp1252 has a hole)."""
    assert isinstance(err, UnicodeDecodeError)
    chunk = err.object[err.start : err.end]
    return "".join(bytes([b]).decode("cp1252", errors="strict") if b not in _CP1252_HOLES else chr(b) for b in chunk), err.end


codecs.register_error("argview-cp1252", _cp1252_fallback)
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def _decode_unmarked(data: bytes, declared: str | None = None) -> tuple[str, str, str | None]:
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    # (a UTF-16/32 claim on bytes without NULs, or a Western one, leaves it to the steps below)
    if declared and not declared.startswith("utf-") and declared not in ("iso8859-1", "ascii", "cp1252"):
        try:  # e.g. windows-1251 or koi8-r: read as cp1252 it would be mojibake
            return data.decode(declared), declared, None
        except (UnicodeDecodeError, LookupError):
            pass
    # Mostly UTF-8 with a few Windows-1252 bytes pasted in (a common mix): decoding it all as
    # cp1252 would turn every "’" into "â€™", so only the stray bytes are read as cp1252.
    sequences = _UTF8_MULTIBYTE.findall(data)
    if sequences:
        stray = len(_HIGH_BYTE.findall(data)) - sum(map(len, sequences))
        if stray <= len(sequences):
            return data.decode("utf-8", errors="argview-cp1252"), "utf-8 (with some cp1252)", None
    # Legacy single-byte text. cp1252 is what Windows saves and a superset of latin-1's printable
    # range; its five undefined bytes mean the text is really latin-1 (or something rarer).
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "latin-1"
    if declared is None and not _reads_as_western(text):
        guessed = _guess_legacy(data)
        if guessed is not None:
            text, encoding = guessed
            return text, encoding, f"No encoding was declared and the text is not UTF-8: it was read as {encoding}, a guess."
    return text, encoding, None


# charset-normalizer looks at this much (cut at a space or line break: no legacy encoding uses
# those bytes inside a character)
_GUESS_BYTES = 64 * 1024
# A guess of a superset is safer: the text may use its extra characters
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "shift_jis": "cp932", "euc_kr": "cp949"}
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


def _reads_as_western(text: str) -> bool:
    """Western European text read as cp1252 has accents on a few letters among ASCII ones; text
    in another script read as cp1252 is mostly accented-letter soup ("Ãîðîäñêîé"). Short Western
    text is where statistical detectors guess wrong, so it never reaches them."""
    sample = text[:_GUESS_BYTES]
    letters = sum(1 for ch in sample if ch.isalpha())
    foreign = sum(1 for ch in sample if ch.isalpha() and not ch.isascii())
    return foreign * 4 <= letters


def _guess_legacy(data: bytes) -> tuple[str, str] | None:
    """The encoding charset-normalizer chooses, when it reads as a non-Latin script (Cyrillic,
    Greek, Japanese, Chinese…) in whole words; None keeps the cp1252 reading."""
    from charset_normalizer import from_bytes

    sample = data[:_GUESS_BYTES]
    cut = max(sample.rfind(b"\n"), sample.rfind(b" "))  # never inside a multibyte character
    if len(data) > _GUESS_BYTES and cut > _GUESS_BYTES // 2:
        sample = sample[:cut]
    best = from_bytes(sample).best()
    if best is None:
        return None
    try:
        name = codecs.lookup(best.encoding).name
    except LookupError:
        return None
    if name.startswith("utf-"):  # no NULs, so not UTF-16/32 (and it is not UTF-8)
        return None
    for encoding in dict.fromkeys((name, _SUPERSETS.get(name, name))):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return (text, encoding) if _reads_as_other_script(text) else None
    return None


def _reads_as_other_script(text: str) -> bool:
    """Mostly non-Latin letters, in runs of their own: a wrong guess for Western text glues odd
    letters inside Latin words ("Cafй", "naпve")."""
    sample = text[:_GUESS_BYTES]
    runs = glued = letters = latin = 0
    for match in _NON_ASCII_RUN.finditer(sample):
        found = [ch for ch in match.group() if ch.isalpha()]
        if not found:
            continue
        runs += 1
        letters += len(found)
        latin += sum(1 for ch in found if unicodedata.name(ch, "").startswith("LATIN"))
        around = sample[max(match.start() - 1, 0) : match.start()] + sample[match.end() : match.end() + 1]
        glued += any(ch.isascii() and ch.isalpha() for ch in around)
    return runs > 0 and latin * 2 < letters and glued * 4 <= runs
