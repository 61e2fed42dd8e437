"""The argument map as a Mermaid flowchart (renders on GitHub, GitLab and in many Markdown
editors): a node per unit, shaped and coloured by role, its title ("Premise 2") over its text;
an arrow from each unit to the one it supports, a dotted red one to the one it attacks. The
thesis sits on top (`flowchart BT`).

Article text is untrusted: it only appears inside quoted labels, and every character that
Mermaid or the HTML it renders could read as syntax (quotes, brackets, `#`, `;`, `&`, `<`,
backticks, `|`, `%`…) is written as a `#NNN;` entity code, which Mermaid prints as the character.
"""

from __future__ import annotations

import json

from tui.export.graph import OTHER_LOOK, RELATION_COLOURS, ROLE_LOOKS, titles, units, wrap
from tui.model import Analysis
from tui.text import clean_line

LINE_BREAK = "<br/>"
# Kept as they are: letters, digits, spaces and punctuation with no meaning to Mermaid or HTML.
_SAFE_PUNCTUATION = frozenset(" .,:!?'-+=/*_~^$@()[]{}")


def escape(text: str) -> str:
    """One line of text as the inside of a quoted Mermaid label, printed as written."""
    return "".join(
        ch if ch.isalnum() or ch in _SAFE_PUNCTUATION or (ord(ch) > 127 and ch.isprintable()) else f"#{ord(ch)};"
        for ch in clean_line(text)
    )


def _yaml_string(text: str) -> str:
    """A double-quoted YAML string (the front matter's title): JSON's quoting, which YAML reads,
    with anything unprintable as an escape."""
    return "".join(
        ch if ch.isprintable() else f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else f"\\U{ord(ch):08x}"
        for ch in json.dumps(text, ensure_ascii=False)
    )


def to_mermaid(analysis: Analysis) -> str:
    all_units = units(analysis)
    names = titles(all_units)
    title = clean_line(analysis.title) or "Untitled"
    lines = ["---", f"title: {_yaml_string(title)}", "---", "flowchart BT"]
    if not all_units:
        lines.append(f'  empty["{escape("No argument outline was found.")}"]')
    for unit in all_units:
        opening, closing = ROLE_LOOKS.get(unit.node.role, OTHER_LOOK).mermaid
        text = LINE_BREAK.join(escape(line) for line in [names[unit.index], *wrap(unit.text)])
        lines.append(f'  u{unit.index + 1}{opening}"{text}"{closing}')
    attacks = []
    links = [(u, u.parent) for u in all_units if u.parent is not None]
    for number, (unit, parent) in enumerate(links):
        arrow = "-.->" if unit.kind == "attack" else "-->"
        if unit.kind == "attack":
            attacks.append(str(number))
        lines.append(f"  u{unit.index + 1} {arrow} u{parent.index + 1}")
    for role, look in ROLE_LOOKS.items():
        members = [f"u{u.index + 1}" for u in all_units if u.node.role == role]
        if members:
            width = "2px" if role == "thesis" else "1px"
            lines.append(f"  classDef {role} fill:{look.fill},stroke:{look.border},stroke-width:{width},color:#000")
            lines.append(f"  class {','.join(members)} {role}")
    if links:
        lines.append(f"  linkStyle default stroke:{RELATION_COLOURS['support']}")
    if attacks:
        lines.append(f"  linkStyle {','.join(attacks)} stroke:{RELATION_COLOURS['attack']}")
    return "\n".join(lines) + "\n"
