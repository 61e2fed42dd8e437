"""File names as the operating system hands them over, and as Argview shows or saves them.

A name holding bytes that are not UTF-8 (``b"bad\\xff.txt"``) reaches Python as a str with lone
surrogates (PEP 383). Kept as it is, that str opens the file; but it cannot be encoded for a
terminal or a UTF-8 file, so whatever shows or saves a name passes it through `shown` first.
"""

from __future__ import annotations

import re

_SURROGATES = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    # U+DC80..U+DCFF stand for the undecodable bytes 0x80..0xFF: show the byte, as a shell would
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def shown(name: str) -> str:
    """`name` with undecodable bytes written as ``\\xff`` text: safe to print, encode, or save."""
    return _SURROGATES.sub(_escape, name) if _SURROGATES.search(name) else name
