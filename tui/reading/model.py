"""What a reader keeps of an article: corrections to the outline, notes, bookmarks, the place
they stopped. Pure data (pydantic), no Textual, no SQLite: `store.py` saves it, `apply.py` reads it.

Everything is anchored to a character span of the analysis text *and* the text it covered, so a
new analysis (a changed model, a new ingest) can find the span again or report it as an orphan.
"""

from __future__ import annotations

import time
import uuid
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tui.model import Role

# "Not an argument": the reader says a unit is no part of the argument. Written "none" as the
# eval gold format writes a non-argumentative unit, so corrections export as-is.
from tui.kinds import NOT_ARGUMENT as NOT_ARGUMENT  # re-exported: the reading's vocabulary
EditRole = Role | Literal["none"]
EditKind = Literal["role", "unit", "move", "thesis"]
Relation = Literal["support", "attack"]
BOOKMARK_KEYS = "abcdefghijklmnopqrstuvwxyz"


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def now() -> float:
    return time.time()


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Anchor(_Data):
    """A span of the analysis text (`text[start:end]`) and the text it covered when anchored."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str

    @model_validator(mode="after")
    def _ordered(self) -> Anchor:
        if self.end < self.start:
            raise ValueError("an anchor ends before it starts")
        return self

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Anchor:
        """The anchor of `text[start:end]` (what a UI calls with the analysis text)."""
        return cls(start=start, end=end, quote=text[start:end])


class Edit(_Data):
    """One correction of the outline, applied in order on top of the machine's outline.

    kind "role":   the unit at `anchor` gets `role` ("none": not an argument — it leaves the
                   outline, its children go to its parent).
    kind "unit":   `anchor` (a sentence or a clause of one) becomes a unit with `role` (default
                   premise), under `parent` (None: at the top level, beside the thesis) with
                   `relation` (None: implied by the role).
    kind "move":   the unit at `anchor` moves under `parent` (None: the top level) with
                   `relation`; moving to the same parent with the other relation flips it.
    kind "thesis": the unit at `anchor` becomes the one thesis, at the top of the outline; the
                   former thesis becomes a claim under it.
    """

    id: str = Field(default_factory=new_id)
    kind: EditKind
    anchor: Anchor
    role: EditRole | None = None
    parent: Anchor | None = None
    relation: Relation | None = None
    created: float = Field(default_factory=now)

    @model_validator(mode="after")
    def _consistent(self) -> Edit:
        if self.kind == "role" and self.role is None:
            raise ValueError("a role edit needs a role ('none' for not an argument)")
        if self.kind == "unit" and self.role == NOT_ARGUMENT:
            raise ValueError("a new unit cannot be 'not an argument'")
        return self


class Note(_Data):
    """A reader's note on a sentence, a node or any span."""

    id: str = Field(default_factory=new_id)
    anchor: Anchor
    text: str
    created: float = Field(default_factory=now)
    updated: float = Field(default_factory=now)


class Bookmark(_Data):
    key: str = Field(pattern=r"^[a-z]$")
    offset: int = Field(ge=0)


class Reading(_Data):
    """All a reader keeps of one article (keyed by the sha256 of its bytes)."""

    sha256: str
    name: str = ""
    edits: list[Edit] = Field(default_factory=list, description="Applied, oldest first.")
    redo: list[Edit] = Field(default_factory=list, description="Undone, the next to redo first.")
    notes: list[Note] = Field(default_factory=list)
    bookmarks: dict[str, Bookmark] = Field(default_factory=dict)
    position: int | None = None

    @property
    def corrected(self) -> bool:
        return bool(self.edits)

    @property
    def empty(self) -> bool:
        return not (self.edits or self.redo or self.notes or self.bookmarks) and self.position is None
