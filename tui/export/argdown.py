"""The argument map in Argdown: positions (thesis, claims, conclusions) as statements
``[Title]: text``, reasons and objections (premises, counters, rebuttals) as arguments
``<Title>: text``, each nested under the unit it bears on with ``+`` (supports) or ``-`` (attacks).
The reader's notes are ``//`` comments under the unit they were written on, the rest at the end.

Article text is untrusted and Argdown gives meaning to much punctuation, so text is escaped
against the Argdown lexer (@argdown/core): ``\\x`` always reads as a literal ``x``.
"""

from __future__ import annotations

import re

from tui.export.graph import Unit, roots, titles, units
from tui.export.notes import note_lines, notes_by_unit
from tui.model import Analysis, ReaderNote
from tui.text import clean_line

STATEMENT_ROLES = frozenset({"thesis", "claim", "conclusion"})
# Always special: escapes, references/mentions/links [ ] < > @, tags and headings #, bold and
# italic * _, data { }, comments / (// and /*).
_ALWAYS = r"\\\[\]<>@#*_{}/"
# Special only as a run or before a non-space: shortcodes .x. and :x: (".A." becomes ∀),
# inference rules -- and front matter ===.
_ESCAPE = re.compile(rf"[{_ALWAYS}]|[.:](?=\S)|-(?=-)|=(?==)")


def escape(text: str) -> str:
    """Article text as one line of literal Argdown text."""
    return _ESCAPE.sub(lambda m: "\\" + m[0], clean_line(text))


def to_argdown(analysis: Analysis) -> str:
    all_units = units(analysis)
    names = titles(all_units)
    placed, rest = notes_by_unit(analysis, all_units)
    lines = [f"# {escape(analysis.title) or 'Untitled'}", ""]
    if not all_units:
        lines.append("// No argument outline was found.")
    for root in roots(all_units):
        _write(root, 0, names, lines, placed)
        lines.append("")
    for note in rest:
        where = "no longer in the article" if note.start is None else "in the text"
        lines.append(f"// Note on \u201c{clean_line(note.quote)}\u201d ({where}):")
        _comment(note, "", lines)
    return "\n".join(lines).rstrip("\n") + "\n"


def _comment(note: ReaderNote, pad: str, lines: list[str]) -> None:
    # a line comment runs to the end of its line, so one clean line each is all it needs
    lines.extend(f"{pad}// {clean_line(line)}".rstrip() for line in note_lines(note))


def _write(unit: Unit, depth: int, names: dict[int, str], lines: list[str], notes: dict[int, list[ReaderNote]]) -> None:
    title = names[unit.index]
    ref = f"[{title}]" if unit.node.role in STATEMENT_ROLES else f"<{title}>"
    sign = "" if unit.kind is None else ("+ " if unit.kind == "support" else "- ")
    lines.append(f"{'  ' * depth}{sign}{ref}: {escape(unit.text)}")
    for note in notes.get(unit.index, []):
        _comment(note, "  " * (depth + 1), lines)
    for child in unit.children:
        _write(child, depth + 1, names, lines, notes)

