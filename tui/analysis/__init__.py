"""Analysis: pure Python, no UI. Sentences → entities → argument outline, into one `Analysis`."""

from __future__ import annotations

from collections.abc import Callable

from tui.analysis.gcpause import collector_paused
from tui.analysis.sentences import sentence_spans
from tui.ingest import Document, SourceInfo
from tui.model import Analysis, Block, Dropped, Section, SentenceTable, Source

Progress = Callable[[str, float], None]


def build_sections(doc: Document) -> list[Section]:
    """The title opens the first section; each heading opens the next. Sections tile the text."""
    heads: list[tuple[int, str, int]] = []
    for block in doc.blocks:
        if block.kind in ("title", "heading"):
            heads.append((block.start, doc.text[block.start:block.end], max(1, block.level)))
    if not heads or heads[0][0] > 0:
        heads.insert(0, (0, doc.title or "Introduction", 1))
    sections = []
    for i, (start, title, level) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else len(doc.text)
        sections.append(Section(id=f"sec-{i}", title=title, level=level, start=start, end=end))
    return sections


def build_sentences(doc: Document, sections: list[Section]) -> SentenceTable:
    """Sentence ``n`` is ``sen-n``; held as a table (a text of short paragraphs has a sentence
    every few characters: model instances for them all took gigabytes)."""
    out = SentenceTable([s.id for s in sections])
    si = 0 if sections else -1
    starts = [s.start for s in sections]
    for start, end, block in sentence_spans(doc.text, doc.blocks):
        while si + 1 < len(starts) and starts[si + 1] <= start:
            si += 1
        out.append(start, end, si, block)
    return out


def analyse(source: Source | SourceInfo, doc: Document, progress: Progress | None = None) -> Analysis:
    """Run every analysis step over an ingested document. ``progress(step, fraction)`` is optional."""
    if isinstance(source, SourceInfo):  # from the app, which shows the text before pydantic is imported
        source = source.to_model()
    with collector_paused():
        return _analyse(source, doc, progress)


def _analyse(source: Source, doc: Document, progress: Progress | None) -> Analysis:
    from tui.analysis.arguments import build_outline
    from tui.analysis.entities import extract_entities

    def report(step: str, fraction: float) -> None:
        if progress is not None:
            progress(step, fraction)

    report("sentences", 0.0)
    sections = build_sections(doc)
    sentences = build_sentences(doc, sections)
    report("entities", 0.2)
    entities = extract_entities(doc.text, sentences, doc.blocks)
    report("arguments", 0.6)
    outline = build_outline(doc.text, doc.title, sentences, sections, doc.blocks, entities)
    report("done", 1.0)
    # unvalidated: every value was computed above, and validating would turn the tables back
    # into a model instance per sentence and block
    return Analysis.trusted(
        source=source,
        title=doc.title or _title_from_name(source.name),
        text=doc.text,
        sections=sections,
        sentences=sentences,
        entities=entities,
        outline=outline,
        blocks=doc.blocks,
        dropped=[Dropped.trusted(text=d.text, reason=d.reason) for d in doc.dropped],
        caveats=doc.notes,
    )


def _title_from_name(name: str) -> str:
    from tui.ingest.clean import clean_inline

    # a file name is untrusted like the text: it may hold escape sequences
    stem = clean_inline(name).rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return stem.replace("-", " ").replace("_", " ").strip() or "Untitled"


__all__ = ["analyse", "build_sections", "build_sentences", "Block"]
