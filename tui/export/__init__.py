"""Exports: pure writers `Analysis -> str` that read the model (never re-analyse), and
`export_to_file` to save one atomically.

    from tui.export import export_to_file
    export_to_file(analysis, "argdown", "article.argdown", force=False)

This module owns the list of formats (the CLI's --export choices, the app's export dialog and
the file suffixes all read EXPORTS). It imports no writer until one is used, so `argview --help`
stays light.
"""

from __future__ import annotations

import importlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Callable

from tui.export.atomic import NotRegularFileError, check_target, write_atomic

if TYPE_CHECKING:
    from tui.model import Analysis

Writer = Callable[["Analysis"], str]


@dataclass(frozen=True)
class ExportFormat:
    id: str            # the --export name
    name: str          # as the export dialog shows it
    description: str   # one short line
    suffix: str        # file name suffix; never a source's own (.md), so an export never replaces its source
    writer: str        # "module:function" under tui.export
    needs: str | None = None  # a program it runs ("dot")


EXPORTS: tuple[ExportFormat, ...] = (
    ExportFormat("md", "Markdown", "the outline as a nested list", ".outline.md", "markdown:to_markdown"),
    ExportFormat("argdown", "Argdown", "the argument map for the Argdown tools", ".argdown", "argdown:to_argdown"),
    ExportFormat("aif", "AIF", "Argument Interchange Format (JSON)", ".aif.json", "aif:to_aif"),
    ExportFormat("json", "JSON", "the full analysis, argview.analysis/2", ".analysis.json", "json:to_json"),
    ExportFormat("dot", "DOT", "the map as a Graphviz graph", ".dot", "dot:to_dot"),
    ExportFormat("mermaid", "Mermaid", "the map as a Mermaid flowchart", ".mmd", "mermaid:to_mermaid"),
    ExportFormat("svg", "SVG", "the map drawn by Graphviz (needs dot)", ".svg", "svg:to_svg", needs="dot"),
)
FORMATS: tuple[str, ...] = tuple(f.id for f in EXPORTS)
BY_ID: dict[str, ExportFormat] = {f.id: f for f in EXPORTS}


def writer(fmt: str) -> Writer:
    """The writer of `fmt` (one of FORMATS). Raises ValueError otherwise."""
    try:
        module, function = BY_ID[fmt].writer.split(":")
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})") from None
    found: Writer = getattr(importlib.import_module(f"tui.export.{module}"), function)
    return found


def unavailable(fmt: str) -> str | None:
    """Why `fmt` cannot be produced on this machine (a program it needs is missing), or None."""
    if BY_ID.get(fmt) is not None and BY_ID[fmt].needs == "dot":
        from tui.export.svg import graphviz_missing

        return graphviz_missing()
    return None


def render(analysis: Analysis, fmt: str) -> str:
    """The export of `analysis` in `fmt` as text. Raises ValueError for an unknown format and
    RenderError (an OSError) when a program it needs fails or is missing."""
    return writer(fmt)(analysis)


def suggested_name(analysis: Analysis, fmt: str, *, title: str | None = None) -> str:
    """A file name for the export, from the source's name: "essay.txt" -> "essay.argdown".

    Standard input has no name: the export is named after `title` when given, else "argview".
    No name starts with "-" or "." (an option to rm, a hidden file).
    """
    name = analysis.source.name.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    if analysis.source.name == "-":
        base = title or ""
    else:
        base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = re.sub(r"\.(txt|text|md|markdown|html?|xhtml)$", "", base, flags=re.IGNORECASE)
    stem = re.sub(r"[^\w.-]+", "-", stem)[:80].strip(".-") or "argview"
    return stem + BY_ID[fmt].suffix


def export_beside(analysis: Analysis, fmt: str, title: str, directory: Path | None = None) -> Path:
    """Write a new export file in `directory`, by default beside the source file (else the current
    directory), named by `suggested_name` and numbered ("essay-1.argdown") rather than overwrite one."""
    if directory is None:
        source = Path(analysis.source.name)
        directory = source.parent if source.is_file() and os.access(source.parent, os.W_OK) else Path.cwd()
    name = suggested_name(analysis, fmt, title=title)
    stem, suffix = name[: -len(BY_ID[fmt].suffix)], BY_ID[fmt].suffix
    for n in range(1000):
        path = directory / (name if n == 0 else f"{stem}-{n}{suffix}")
        if path.exists():
            continue
        try:
            return export_to_file(analysis, fmt, path, force=False)
        except FileExistsError:
            continue
    raise FileExistsError(f"too many exports of {stem} in {directory}")


def export_to_file(analysis: Analysis, fmt: str, path: str | os.PathLike[str], force: bool = False) -> Path:
    """Write the export to `path` atomically and return the path.

    Raises ValueError for an unknown format, FileExistsError if `path` exists and not `force`,
    and another OSError if it cannot be rendered or written; in every failure no file is left behind.
    """
    return write_atomic(path, render(analysis, fmt), force=force)


__all__ = ["BY_ID", "EXPORTS", "ExportFormat", "FORMATS", "NotRegularFileError", "check_target", "export_beside", "export_to_file", "render",
           "suggested_name", "unavailable", "write_atomic", "writer"]
