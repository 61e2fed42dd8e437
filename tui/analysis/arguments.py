"""The argument outline: roles, cues and the tree. (Filled in by the argument-outline issue.)"""

from __future__ import annotations

from tui.model import ArgNode, Block, Entity, Section, Sentence


def build_outline(
    text: str,
    title: str,
    sentences: list[Sentence],
    sections: list[Section],
    blocks: list[Block],
    entities: list[Entity],
) -> list[ArgNode]:
    return []
