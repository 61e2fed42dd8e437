"""Neutralise what must never reach a terminal: control and escape sequences, bidi overrides.

Article text is untrusted. Everything the views show passes through here once, at ingest, so no
widget has to remember to sanitise. Markup characters such as ``[`` are left alone: they are shown
literally because views never parse article text as markup.
"""

from __future__ import annotations

import re

# ANSI/VT escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other ESC x pairs,
# and their 8-bit C1 forms. Removed whole so no parameter bytes are left lying around.
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]                 # CSI
  | (?:\x1b\]|\x9d).*?(?:\x07|\x1b\\|\x9c|$)         # OSC, e.g. window title, clipboard (OSC 52)
  | (?:\x1bP|\x90|\x1b_|\x9f|\x1b\^|\x9e).*?(?:\x1b\\|\x9c|$)   # DCS, APC, PM strings
  | \x1b[@-Z\\-_]?                                   # other two-byte escapes, or a lone ESC
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates,
# invisible separators and the BOM. ZWJ (U+200D) stays: emoji sequences need it.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
_LINE_SEPARATORS = re.compile("[\u2028\u2029\x85]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise_newlines(text: str) -> str:
    """CRLF, CR and Unicode line/paragraph separators become ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _LINE_SEPARATORS.sub("\n", text)


def strip_controls(text: str) -> str:
    """Remove escape sequences and invisible controls, keeping newlines and tabs."""
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _ESCAPES.sub("", text)
    return _INVISIBLE.sub("", text)


def clean_inline(text: str) -> str:
    """One block's text: controls removed, runs of spaces collapsed, no newlines inside."""
    text = strip_controls(text).replace("\n", " ")
    return _SPACES.sub(" ", text).strip()
