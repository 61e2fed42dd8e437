"""The outline as a Markdown document: title and thesis on top, the argument as a nested list
(role, label, the quoted text, the reader's notes on it as quotes), the other notes, then the
entities. Nesting follows the outline exactly."""

from __future__ import annotations

import re

from tui.export.graph import ROLE_LOOKS, unit_text, units
from tui.export.notes import note_lines, notes_by_unit
from tui.model import Analysis, ArgNode, Entity, ReaderNote
from tui.names import shown
from tui.text import clean_line

# Characters that start inline Markdown (emphasis, code, links, HTML, entities, tables, strike):
# backslash-escaped so article text renders as the words it is, never as markup.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~&!$])")
# What would open a block at the start of a line: list items, headings, quotes, rules, setext.
_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([-+=])")


def escape(text: str) -> str:
    """One line of article text as literal Markdown inline content."""
    escaped = _INLINE.sub(r"\\\1", clean_line(text))
    return _LINE_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def to_markdown(analysis: Analysis) -> str:
    lines = [f"# {escape(analysis.title) or 'Untitled'}", "", f"Source: {escape(shown(analysis.source.name))}", ""]
    thesis = next((n for n in analysis.arg_nodes() if n.role == "thesis"), None)
    if thesis is not None:
        lines += [f"**Thesis:** {escape(unit_text(analysis, thesis))}", ""]
    lines += ["## Argument", ""]
    all_units = units(analysis)
    placed, rest = notes_by_unit(analysis, all_units)
    notes = {id(u.node): placed[u.index] for u in all_units if u.index in placed}
    if analysis.outline:
        for node in analysis.outline:
            _item(analysis, node, 0, lines, notes)
    else:
        lines.append("No argument outline was found.")
    if rest:
        lines += ["", "## Notes", ""]
        for note in rest:
            where = "no longer in the article" if note.start is None else "in the text"
            lines.append(f"- On \u201c{escape(note.quote)}\u201d ({where}):")
            _quote(note, "  ", lines)
    lines += ["", "## Entities", ""]
    if analysis.entities:
        lines += [_entity(entity) for entity in analysis.entities]
    else:
        lines.append("No named entities were found.")
    return "\n".join(lines) + "\n"


def _quote(note: ReaderNote, pad: str, lines: list[str]) -> None:
    lines.extend(f"{pad}> {escape(line)}".rstrip() for line in note_lines(note))


def _item(analysis: Analysis, node: ArgNode, depth: int, lines: list[str], notes: dict[int, list[ReaderNote]]) -> None:
    pad = "  " * depth
    head = f"**{ROLE_LOOKS[node.role].title if node.role in ROLE_LOOKS else node.role.title()}**"
    if node.cue:
        head += f" ({escape(node.cue)})"
    label = escape(node.label) or escape(unit_text(analysis, node))
    lines.append(f"{pad}- {head}: {label}")
    lines.append(f"{pad}  > {escape(unit_text(analysis, node))}")
    for note in notes.get(id(node), []):
        lines.append(f"{pad}  - *Your note:*")
        _quote(note, pad + "    ", lines)
    for child in node.children:
        _item(analysis, child, depth + 1, lines, notes)


def _entity(entity: Entity) -> str:
    line = f"- **{escape(entity.name)}** ({entity.type.lower()})"
    aliases = [escape(a) for a in entity.aliases if clean_line(a)]
    if aliases:
        line += " — also " + "; ".join(aliases)
    count = len(entity.mentions)
    return line + f" — {count} mention{'s' if count != 1 else ''}"
