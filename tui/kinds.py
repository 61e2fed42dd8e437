"""The model's closed vocabularies: formats, block kinds, entity types, argument roles and relations.

Kept apart from `tui.model` (pydantic) so the start-up path (ingest, the article pane) can name
them without importing pydantic before the first screen is painted; `tui.model` re-exports them.
"""

from __future__ import annotations

from typing import Literal

Format = Literal["text", "markdown", "html"]
BlockKind = Literal["title", "heading", "paragraph", "list_item", "quote", "code", "table"]
EntityType = Literal["PERSON", "ORG", "PLACE", "GROUP", "EVENT", "OTHER"]
Role = Literal["thesis", "claim", "premise", "counter", "rebuttal", "conclusion"]
Relation = Literal["support", "attack"]
NOT_ARGUMENT = "none"  # the reader's "not an argument", the word the eval gold format uses
Author = Literal["analysis", "reader"]  # who decided a unit: the analysis, or the reader's correction

BLOCK_KINDS: tuple[BlockKind, ...] = ("title", "heading", "paragraph", "list_item", "quote", "code", "table")
ENTITY_TYPES: tuple[EntityType, ...] = ("PERSON", "ORG", "PLACE", "GROUP", "EVENT", "OTHER")
ROLES: tuple[Role, ...] = ("thesis", "claim", "premise", "counter", "rebuttal", "conclusion")
