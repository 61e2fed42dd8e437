"""The one contract every consumer reads: pydantic models for an analysed article.

All offsets (`start`, `end`) are Python string indices into `Analysis.text`, end exclusive.
The JSON form (``Analysis.to_json()``) is schema ``argview.analysis/1``; adding optional fields is
compatible, renaming or removing one bumps the id.
"""

from __future__ import annotations

from typing import Any, Iterator, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_serializer

from tui.names import shown

SCHEMA_ID = "argview.analysis/1"

Format = Literal["text", "markdown", "html"]
BlockKind = Literal["title", "heading", "paragraph", "list_item", "quote", "code", "table"]
EntityType = Literal["PERSON", "ORG", "PLACE", "GROUP", "EVENT", "OTHER"]
Role = Literal["thesis", "claim", "premise", "counter", "rebuttal", "conclusion"]

ENTITY_TYPES: tuple[EntityType, ...] = ("PERSON", "ORG", "PLACE", "GROUP", "EVENT", "OTHER")
ROLES: tuple[Role, ...] = ("thesis", "claim", "premise", "counter", "rebuttal", "conclusion")


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
            setattr(cls, "_shared_fields_set", shared)
        return cls.model_construct(_fields_set=shared, **values)


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
    cue: str | None = Field(None, description="The marker or signal that decided the role.")
    children: list[ArgNode] = Field(default_factory=list)

    def walk(self) -> Iterator[ArgNode]:
        yield self
        for child in self.children:
            yield from child.walk()


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
    notes: list[str] = Field(default_factory=list, description="What a reader should know about this view.")

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def arg_nodes(self) -> Iterator[ArgNode]:
        for node in self.outline:
            yield from node.walk()

    def to_json(self, *, indent: int | None = None) -> str:
        return self.model_dump_json(by_alias=True, indent=indent)

    @classmethod
    def json_schema(cls) -> dict:
        schema = cls.model_json_schema(by_alias=True)
        schema["$id"] = SCHEMA_ID
        return schema


ArgNode.model_rebuild()
