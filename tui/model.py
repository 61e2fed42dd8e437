"""The one contract every consumer reads: pydantic models for an analysed article.

All offsets (`start`, `end`) are Python string indices into `Analysis.text`, end exclusive.
The JSON form (``Analysis.to_json()``) is schema ``argview.analysis/2``; adding optional fields is
compatible, renaming or removing one bumps the id. /2 (issue 16): the ingest's `notes` became
`caveats`, so `notes` can hold the reader's own notes; outline nodes say who made them (`by`) and
may carry an explicit `relation`.
"""

from __future__ import annotations

from typing import Any, Self
from collections.abc import Callable, Iterator

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_serializer

# re-exported: the vocabularies and tables live apart so the first paint need not import pydantic
from tui.kinds import BLOCK_KINDS as BLOCK_KINDS, ENTITY_TYPES as ENTITY_TYPES, ROLES as ROLES
from tui.kinds import Author, BlockKind, EntityType, Format, Relation
from tui.kinds import Role as Role
from tui.names import shown
from tui.tables import BlockTable as BlockTable, SentenceTable as SentenceTable, _SpanTable
from tui.tables import span_ends as span_ends, span_starts as span_starts

SCHEMA_ID = "argview.analysis/2"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """Build without validation, for values the analysis computed itself.

        Hot loops make 100,000s of spans on a book; validation and a fields-set per instance would
        cost a third of the time and ~200 bytes each, so instances share one fields set.
        """
        shared = cls.__dict__.get("_shared_fields_set")
        if shared is None:
            shared = set(cls.model_fields)
            setattr(cls, "_shared_fields_set", shared)  # noqa: B010 - undeclared on purpose: pydantic takes a declared `_name` as a private attribute
        return cls.model_construct(_fields_set=shared, **values)

    @classmethod
    def _row(cls, values: dict[str, Any]) -> Self:
        """`trusted` for a table row that gives every field: what `model_construct` would build,
        at a third of its cost (tables build an item each time one is read)."""
        shared = cls.__dict__.get("_shared_fields_set")
        if shared is None:
            shared = set(cls.model_fields)
            setattr(cls, "_shared_fields_set", shared)  # noqa: B010 - undeclared on purpose: pydantic takes a declared `_name` as a private attribute
        m = cls.__new__(cls)
        _set(m, "__dict__", values)
        _set(m, "__pydantic_fields_set__", shared)
        _set(m, "__pydantic_extra__", None)
        _set(m, "__pydantic_private__", None)
        return m


_set = object.__setattr__


class Span(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Source(_Model):
    name: str = Field(description="Path, URL, '-' for stdin, or the bundled sample's file name (bytes that are not UTF-8 written as \\xff).")
    format: Format
    encoding: str = Field(description="The encoding the bytes were decoded from.")
    sha256: str = Field(description="Hex digest of the raw bytes read.")

    @field_serializer("name")
    def _name_as_text(self, name: str) -> str:
        # in memory the name still opens the file; in JSON it must be valid Unicode
        return shown(name)


class Block(Span):
    """A unit of layout: the title, a heading, a paragraph, a list item, a quote, code or a table."""

    kind: BlockKind
    level: int = Field(0, description="Heading level (1 = title); list nesting depth for items.")


class Section(Span):
    id: str
    title: str
    level: int = Field(ge=1)


class Sentence(Span):
    id: str
    section: str | None = Field(description="Id of the section the sentence belongs to.")


class Mention(Span):
    pass


class Entity(_Model):
    id: str
    name: str = Field(description="The most complete form of the name found in the text.")
    type: EntityType
    aliases: list[str] = Field(default_factory=list, description="Other names of the entity in the text.")
    mentions: list[Mention] = Field(default_factory=list)


class ArgNode(Span):
    id: str
    role: Role
    label: str = Field(description="A one-line form of the unit (at most 90 characters).")
    cue: str | None = Field(None, description="The marker or signal that decided the role (\"yours\" for the reader's).")
    by: Author = Field("analysis", description="Who decided this unit: the analysis, or the reader's correction.")
    relation: Relation | None = Field(None, description="How it bears on its parent when the reader said so; "
                                      "null: implied by the role (counters attack, the rest support).")
    children: list[ArgNode] = Field(default_factory=list)

    def walk(self) -> Iterator[ArgNode]:
        yield self
        for child in self.children:
            yield from child.walk()


def with_parents(outline: list[ArgNode]) -> Iterator[tuple[ArgNode, ArgNode | None]]:
    """Every unit of an outline with its parent (None at the top level), in tree order."""
    stack: list[tuple[ArgNode, ArgNode | None]] = [(root, None) for root in reversed(outline)]
    while stack:
        node, parent = stack.pop()
        yield node, parent
        stack.extend((child, node) for child in reversed(node.children))


class ReaderNote(_Model):
    """A note the reader wrote on a span of the text (kept in the reading store, carried into exports)."""

    id: str
    start: int | None = Field(description="Where the note is anchored; null when its text is no longer in the article.")
    end: int | None
    quote: str = Field(description="The text the note was written on.")
    text: str
    created: str = Field(description="ISO 8601, UTC.")
    updated: str


class Dropped(_Model):
    """Text the ingest removed as web boilerplate, kept so the user can see what was dropped."""

    text: str
    reason: str


class Analysis(_Model):
    schema_id: str = Field(SCHEMA_ID, alias="schema")
    source: Source
    title: str
    text: str
    sections: list[Section] = Field(default_factory=list)
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    outline: list[ArgNode] = Field(default_factory=list)
    blocks: list[Block] = Field(default_factory=list)
    dropped: list[Dropped] = Field(default_factory=list)
    caveats: list[str] = Field(default_factory=list, description="What a reader should know about this view.")
    notes: list[ReaderNote] = Field(default_factory=list, description="The reader's own notes, in text order.")

    @field_serializer("sentences", "blocks", mode="wrap")
    def _tables_as_lists(self, value: Any, handler: Any) -> Any:
        # `model_dump*` see the tables as the lists they stand for
        return handler(list(value) if isinstance(value, _SpanTable) else value)

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def arg_nodes(self) -> Iterator[ArgNode]:
        for node in self.outline:
            yield from node.walk()

    def to_json(self, *, indent: int | None = None) -> str:
        if indent is not None:
            return self.model_dump_json(by_alias=True, indent=indent)
        parts: list[str] = []
        self.write_json(parts.append)
        return "".join(parts)

    def write_json(self, write: Callable[[str], Any]) -> None:
        """Write the compact JSON form piece by piece, the same characters as `to_json()`.

        A text of short paragraphs has a sentence and a block every few characters, so its JSON
        is ~25 times the text: built whole it was a 235 MB string for 9 MB (with pydantic's own
        buffer beside it). The lists that grow with the text are written in slices instead.
        """
        frame = self.model_copy(update={name: [] for name in _STREAMED}).model_dump_json(by_alias=True)
        rest = frame
        for name in _STREAMED:  # the order the fields are declared, so the order in the frame
            # a key's quotes are never escaped, the same characters inside a string value always are
            head, sep, rest = rest.partition(f'"{name}":[]')
            assert sep, name
            write(head + f'"{name}":[')
            items = getattr(self, name)
            adapter = _LIST_ADAPTERS[name]
            for i in range(0, len(items), _SLICE):
                piece = adapter.dump_json(items[i : i + _SLICE], by_alias=True).decode()
                write(("," if i else "") + piece[1:-1])
            write("]")
        write(rest)

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        schema = cls.model_json_schema(by_alias=True)
        schema["$id"] = SCHEMA_ID
        return schema


ArgNode.model_rebuild()

# The lists with an item every few characters of text (entities: on random capitals), written in
# slices by `write_json`.
_STREAMED = ("sentences", "entities", "blocks")
_LIST_ADAPTERS: dict[str, TypeAdapter[Any]] = {"sentences": TypeAdapter(list[Sentence]), "entities": TypeAdapter(list[Entity]),
                  "blocks": TypeAdapter(list[Block])}
_SLICE = 4096
