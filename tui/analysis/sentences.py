"""Sentence boundaries that survive abbreviations, initials, decimals, quotes and brackets."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from tui.tables import BlockTable

if TYPE_CHECKING:
    from tui.model import Block

# Words whose trailing full stop does not end a sentence (compared lower-case, without the stop).
ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof rev fr sr jr st mt ft gen col lt sgt capt cmdr adm maj gov sen rep pres
    hon supt insp messrs mme mlle sra srta
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    e.g i.e cf viz vs v etc al approx est ca fig figs eq eqs no nos vol vols pp p ch sec art para
    u.s u.k u.n u.s.a e.u a.m p.m ph.d b.a m.a d.c inc ltd co corp bros dept univ assn ave blvd rd
    """.split()
)
# Abbreviations that usually precede a name or number, so even a capital after them continues.
_NEVER_FINAL = frozenset("mr mrs ms mx dr prof rev fr st mt gen col lt sgt capt cmdr adm maj gov sen rep pres hon supt insp messrs e.g i.e cf viz vs v pp p".split())
# Abbreviations only before a number ("No. 5", "Fig. 2", "Art. 51"); elsewhere they are words
# that can end a sentence: "The answer is no. We move on."
_BEFORE_NUMBER = frozenset("no nos vol vols fig figs eq eqs ch sec art para".split())
# Words that start sentences; after an abbreviation such as "U.S." they signal a real boundary.
_STARTERS = frozenset(
    "the a an this that these those it its he she they we i you but and or so yet however in on at "
    "for if when while although though after before since as there here what why how who many most "
    "some all no one our their his her my your".split()
)

# A run of stops is matched only from its first character and possessively: otherwise a long run
# such as "!!!!…x" is retried at every position and splitting turns quadratic.
_END = re.compile(r"(?<![.!?…])(?:\.{3}|…|[.!?…]++)[\"'”’»)\]]*+(?=\s|$)")
_WORD = re.compile(r"[\w’']+")
_OPENERS = "\"'“‘«([¿¡"


def _word_before(text: str, start: int, end: int) -> str:
    """The whitespace-delimited word ending at ``end``, scanning back no further than ``start``.

    Scanning backwards keeps splitting linear: a forward search from the sentence start would
    rescan the whole sentence for every "Mr." or "U.S." inside it.
    """
    i = end
    while i > start and not text[i - 1].isspace():
        i -= 1
    return text[i:end]


def _is_boundary(text: str, start: int, end_match: re.Match[str], limit: int) -> bool:
    punct = end_match.group()
    after = text[end_match.end() : min(limit, end_match.end() + 64)].lstrip()
    if not after:
        return True
    nxt = after[0]
    if nxt in "–—-" and after[1:2] == " " and after[2:3].islower():
        return False  # ". – all of which …": a dash carries the sentence on
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS or not nxt.isalpha() and not nxt.isalnum()):
        return False
    if punct[0] in "!?" or punct.startswith(("...", "…")):
        return True
    token = _word_before(text, start, end_match.start()).lstrip(_OPENERS).lower()
    if not token:
        return True
    # the matched stop is part of the abbreviation (e.g. "u.s" + ".")
    if len(token) == 1 and token.isalpha():
        return False  # an initial: "J. R. R. Tolkien", "Kassym-Jomart K. Tokayev"
    if token in _BEFORE_NUMBER:
        return not nxt.isdigit()
    if token in ABBREVIATIONS:
        if token in _NEVER_FINAL:
            return False
        next_word = _WORD.match(after)
        return bool(next_word) and next_word.group().lower() in _STARTERS
    if re.fullmatch(r"(?:[a-z]\.)+[a-z]", token):
        next_word = _WORD.match(after)
        return bool(next_word) and next_word.group().lower() in _STARTERS
    return True


def split_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) inside text[start:end], trimmed of surrounding spaces."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _END.finditer(text, start, end):
        if _is_boundary(text, cursor, m, end):
            spans.append((cursor, m.end()))
            cursor = m.end()
    spans.append((cursor, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _block_rows(blocks: Sequence[Block]) -> Iterator[tuple[str, int, int]]:
    """(kind, start, end) per block, straight from a table's arrays: no model item per block."""
    if isinstance(blocks, BlockTable):
        kinds = BlockTable.KINDS
        for code, start, end in zip(blocks.kinds, blocks.starts, blocks.ends):
            yield kinds[code], start, end
    else:
        for block in blocks:
            yield block.kind, block.start, block.end


def sentence_spans(text: str, blocks: Sequence[Block]) -> Iterator[tuple[int, int, int]]:
    """Sentences of every block, in order, with the block's index. Titles, headings, list items
    and table rows stay whole or split by line. Yielded, not listed: a text of short paragraphs
    has millions."""
    for index, (kind, start, end) in enumerate(_block_rows(blocks)):
        if kind in ("title", "heading"):
            yield start, end, index
        elif kind in ("code", "table"):
            pos = start
            for line in text[start:end].split("\n"):
                if line.strip():
                    s = pos + (len(line) - len(line.lstrip()))
                    yield s, pos + len(line.rstrip()), index
                pos += len(line) + 1
        else:
            for s, e in split_spans(text, start, end):
                yield s, e, index
