"""Named entities: mentions, aliases merged, types assigned. (Filled in by the entities issue.)"""

from __future__ import annotations

from tui.model import Block, Entity, Sentence


def extract_entities(text: str, sentences: list[Sentence], blocks: list[Block]) -> list[Entity]:
    return []
