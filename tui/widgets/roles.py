"""How argument roles and entity types are named and coloured in the views (no Textual)."""

from __future__ import annotations

from tui.ingest.clean import strip_controls
from tui.model import EntityType, Role
from tui.widgets.layout import unjoin

# The badge a reader sees; "premise"/"counter"/"rebuttal" read better as REASON/OBJECTION/REPLY.
BADGES: dict[Role, str] = {
    "thesis": "THESIS",
    "claim": "CLAIM",
    "premise": "REASON",
    "counter": "OBJECTION",
    "rebuttal": "REPLY",
    "conclusion": "CONCLUSION",
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


def one_line(text: str, limit: int = 200) -> str:
    """Untrusted text squeezed onto one line (Tree keeps only a label's first line), with
    control characters removed so it can never emit a terminal escape sequence, and joined
    emoji drawn as their parts (see `layout.UNJOIN`)."""
    flat = " ".join(unjoin(strip_controls(text)).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
