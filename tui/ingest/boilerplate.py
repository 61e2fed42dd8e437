"""Web boilerplate that survives copy-and-paste into text files: comment forms, share bars, sign-ups.

Only short blocks made entirely of such lines are dropped, so an article that *discusses*
newsletters keeps its sentences. What is dropped is recorded, never silently lost.
"""

from __future__ import annotations

import re

_PATTERNS = [
    r"leave a (?:comment|reply)",
    r"(?:post|add|write) a comment",
    r"\d+ comments?",
    r"comments? (?:are|is) closed",
    r"cancel reply",
    r"your email address will not be published\.?",
    r"required fields are marked \*?",
    r"(?:name|email|website|comment) ?\*?",
    r"save my name, email,? and website in this browser.*",
    r"notify me of (?:new|follow-up) (?:comments|posts).*",
    r"(?:share|share this|share this article|share this story|share on \w+|tweet|pin it|email this)[:!]?",
    r"click to (?:share|email|print).*",
    r"(?:facebook|twitter|linkedin|whatsapp|reddit|telegram|pinterest|email|print)",
    r"like this:?",
    r"like loading\.*",
    r"loading\.\.\.",
    r"subscribe(?: now| today| to (?:our|the) newsletter)?[.!:]?",
    r"sign up (?:for|to) (?:our|the) newsletter.*",
    r"(?:get|receive) (?:our|the) (?:latest )?(?:news|updates|newsletter)(?: in your inbox| by email)?[.!:]?",
    r"follow us on .*",
    r"related (?:posts|articles|stories)[:]?",
    r"read more[:.]?",
    r"advertisement",
    r"(?:posted|filed) (?:in|under):? .*",
    r"tags?: .*",
    r"all rights reserved\.?",
    r"©.*",
    r"copyright (?:©|\(c\)|\d{4}).*",  # a notice, not a sentence about copyright law
]
_LINE = re.compile(r"^(?:" + "|".join(_PATTERNS) + r")$", re.IGNORECASE)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?*])\s+")
_MAX_BLOCK = 300


def is_boilerplate(block: str) -> bool:
    """True when every line (or sentence) of a short block is boilerplate."""
    text = block.strip()
    if not text or len(text) > _MAX_BLOCK:
        return False
    found = False
    for line in text.splitlines():
        for piece in _SENTENCE_SPLIT.split(line):
            piece = piece.strip()
            if piece:
                if not _LINE.match(piece):
                    return False  # most blocks fail at their first piece: the rest is not split
                found = True
    return found
