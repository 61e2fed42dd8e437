"""Neutralise what must never reach a terminal: control and escape sequences, bidi overrides.

Article text is untrusted. Everything the views show passes through here once, at ingest, so no
widget has to remember to sanitise. Markup characters such as ``[`` are left alone: they are shown
literally because views never parse article text as markup.
"""

from __future__ import annotations

import re

from tui.names import shown

# ANSI/VT escape sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), other ESC x pairs,
# and their 8-bit C1 forms. Removed whole so no parameter bytes are left lying around.
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*+[ -/]*+[@-~]?              # CSI (an unfinished one is removed too)
  | (?:\x1b[\]P_^X]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c\n]*+(?:\x07|\x1b\\|\x9c)?
                                                    # OSC (window title, OSC 52 clipboard), DCS,
                                                    # SOS, PM, APC strings: they end at BEL or ST,
                                                    # and we also end them at the next ESC or line
                                                    # so one stray "ESC ]" cannot eat the article
  | \x1b[ -/]*+[0-~]?                                # other escapes (charset, keypad…), lone ESC
    """,
    re.VERBOSE | re.DOTALL,
)
# C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates,
# invisible separators and the BOM. ZWJ (U+200D) stays: emoji sequences need it.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)
_HAS_ESCAPE = re.compile("[\x1b\x90\x98\x9b\x9d-\x9f]")
# Form feed, vertical tab, the information separators and NEL are line breaks too (as for
# str.splitlines): deleting one would glue "here.<FF>Next" into "here.Next".
_LINE_SEPARATORS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Only runs that change: two or more spaces, or any other kind of space. A single plain space
# matched here would be replaced by itself, thousands of times a paragraph.
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def normalise_newlines(text: str) -> str:
    """CRLF, CR and Unicode line/paragraph separators become ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _LINE_SEPARATORS.sub("\n", text)


def strip_controls(text: str) -> str:
    """Remove escape sequences and invisible controls, keeping newlines and tabs; line and page
    separators become newlines, undecodable bytes of a file name become ``\\xff`` text."""
    if _HAS_ESCAPE.search(text):
        text = _ESCAPES.sub("", text)
    text = _LINE_SEPARATORS.sub("\n", text)
    return shown(_INVISIBLE.sub("", text))


# Anything clean_inline would change besides the ends: controls (newline, tab and escapes among
# them), invisibles, separators, other spaces, a run of spaces, lone surrogates. Most lines of
# prose have none, and one search is cheaper than the three substitutions.
_NOT_INLINE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb"
    "\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ud800-\udfff]|  "
)


def clean_inline(text: str) -> str:
    """One block's text: controls removed, runs of spaces collapsed, no newlines inside."""
    if not _NOT_INLINE.search(text):
        return text.strip()
    text = strip_controls(text).replace("\n", " ")
    return _SPACES.sub(" ", text).strip()
