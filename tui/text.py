"""Untrusted text made safe or comparable, one function per meaning (pure: no Textual, no Rich).

* `fold_aligned`: lower-case with every character where it was, so offsets in the folded text
  are offsets in the original (search matches it, then highlights the original).
* `blank_controls`: control characters and line breaks as spaces, same length (search labels).
* `clean_line`: whitespace collapsed, control characters dropped (export labels and quotes).
* `label_line`: a view's one-line label: escapes and bidi overrides stripped, joined emoji drawn
  as their parts, whitespace collapsed, cut to a length with an ellipsis.
* `unjoin`: joined emoji sequences as their parts, same length (the width every terminal agrees on).

The analysis keeps its own name keys (`analysis.gazetteer.fold`, `analysis.lexicon.folded`):
they compare names and patterns and are not for showing.
"""

from __future__ import annotations

import unicodedata

# Joiners terminals disagree on. With a zero-width joiner (U+200D) Rich counts "👨‍👩‍👧" as one
# 2-cell family, as newer terminals draw it, but tmux, xterm and VTE draw its three people in 6
# cells; variation selector 16 (U+FE0F) makes "❤️" 2 cells for Rich and 1 for them. Views draw
# both as zero-width spaces (same length, so offsets hold): each part keeps its own width, which
# every terminal agrees on, and rows never push the side pane's border.
UNJOIN = {0x200D: "\u200b", 0xFE0F: "\u200b"}
_BLANK = {c: " " for c in [*range(0x20), 0x7F, 0x2028, 0x2029]}


def fold_aligned(s: str) -> str:
    """Lower-case without moving any character (a few letters grow when lower-cased: kept as is)."""
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c if len(lc := c.lower()) != 1 else lc for c in s)


def blank_controls(s: str) -> str:
    """Control characters and line breaks as spaces (same length), so a label stays one line."""
    return s if s.isprintable() else s.translate(_BLANK)


def clean_line(text: str) -> str:
    """Collapse all whitespace (including Unicode line separators) to single spaces and drop
    control characters: article text must never carry terminal or layout controls into an export."""
    cleaned = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return " ".join(cleaned.split())


def unjoin(s: str) -> str:
    """`s` as views draw it: joined emoji sequences as their parts (same length)."""
    return s.translate(UNJOIN) if "\u200d" in s or "\ufe0f" in s else s


def label_line(text: str, limit: int = 200) -> str:
    """Untrusted text squeezed onto one line (Tree keeps only a label's first line), with
    control characters removed so it can never emit a terminal escape sequence, and joined
    emoji drawn as their parts."""
    from tui.ingest.clean import strip_controls  # ingest owns what counts as an escape sequence

    flat = " ".join(unjoin(strip_controls(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
