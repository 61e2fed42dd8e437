"""How argument roles and entity types are named and coloured in the views (no Textual)."""

from __future__ import annotations

from tui.ingest.clean import strip_controls
from tui.kinds import EntityType, Role

# The badge a reader sees; "premise"/"counter"/"rebuttal" read better as REASON/OBJECTION/REPLY.
BADGES: dict[Role, str] = {
    "thesis": "THESIS",
    "claim": "CLAIM",
    "premise": "REASON",
    "counter": "OBJECTION",
    "rebuttal": "REPLY",
    "conclusion": "CONCLUSION",
}

# The mark in the article's left gutter on a unit's first line: the role without colour (NO_COLOR,
# 16 colours). One cell each: letters, and symbols of neutral East Asian width (∴ is ambiguous,
# two cells in CJK terminals, so the conclusion takes ∎).
NOTE_MARK = "*"  # beside a noted sentence in the article's gutter and a noted unit in the outline
MARKS: dict[Role, str] = {
    "thesis": "T",
    "claim": "C",
    "premise": "R",
    "counter": "O",
    "rebuttal": "↩",
    "conclusion": "∎",
}

TYPE_NAMES: dict[EntityType, str] = {
    "PERSON": "People",
    "ORG": "Organisations",
    "PLACE": "Places",
    "GROUP": "Groups",
    "EVENT": "Events",
    "OTHER": "Other",
}


def strip_unsafe(text: str) -> str:
    """`text` without escape sequences, control characters or bidi overrides. Ingest cleans the
    article this way, but file names, pasted queries and paths reach the views without it."""
    return strip_controls(text)
