"""Exports: pure writers `Analysis -> str` that read the model (never re-analyse), and
`export_to_file` to save one atomically.

    from tui.export import export_to_file
    export_to_file(analysis, "argdown", "article.argdown", force=False)
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Callable

from tui.export.aif import to_aif
from tui.export.argdown import to_argdown
from tui.export.atomic import NotRegularFileError, check_target, write_atomic
from tui.export.json import to_json
from tui.export.markdown import to_markdown
from tui.model import Analysis

Writer = Callable[[Analysis], str]

WRITERS: dict[str, Writer] = {
    "md": to_markdown,
    "argdown": to_argdown,
    "aif": to_aif,
    "json": to_json,
}
FORMATS: tuple[str, ...] = tuple(WRITERS)
# A file name suffix per format, for callers that propose a file name.
EXTENSIONS: dict[str, str] = {"md": ".md", "argdown": ".argdown", "aif": ".aif.json", "json": ".json"}
DESCRIPTIONS: dict[str, str] = {
    "md": "Markdown outline",
    "argdown": "Argdown argument map",
    "aif": "AIF (AIFdb JSON)",
    "json": "Argview JSON (argview.analysis/1)",
}


def render(analysis: Analysis, fmt: str) -> str:
    """The export of `analysis` in `fmt` (one of FORMATS) as text. Raises ValueError otherwise."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})") from None
    return writer(analysis)


def suggested_name(analysis: Analysis, fmt: str) -> str:
    """A file name for the export, from the source's name: "essay.txt" -> "essay.argdown"."""
    name = analysis.source.name.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    base = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]
    stem = re.sub(r"\.(txt|text|md|markdown|html?|xhtml)$", "", base, flags=re.IGNORECASE)
    stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-")
    if not stem or analysis.source.name == "-":
        stem = "argview"
    return stem + EXTENSIONS[fmt]


def export_to_file(analysis: Analysis, fmt: str, path: str | os.PathLike[str], force: bool = False) -> Path:
    """Write the export to `path` atomically and return the path.

    Raises ValueError for an unknown format, FileExistsError if `path` exists and not `force`,
    and another OSError if it cannot be written; in every failure no file is left behind.
    """
    return write_atomic(path, render(analysis, fmt), force=force)


__all__ = ["DESCRIPTIONS", "EXTENSIONS", "FORMATS", "WRITERS", "NotRegularFileError", "check_target", "export_to_file", "render", "suggested_name", "write_atomic"]
