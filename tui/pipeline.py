"""Source → ingest → analysis → model, in one call for the CLI, the app and scripts."""

from __future__ import annotations

from tui.analysis import Progress, analyse
from tui.ingest import DEFAULT_MAX_BYTES, URL_TIMEOUT, ingest_bytes, read_source
from tui.model import Analysis


def analyse_source(
    name: str | None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = URL_TIMEOUT,
    progress: Progress | None = None,
) -> Analysis:
    """Read, ingest and analyse a source (``None`` = the bundled sample). Raises SourceError.

    ``timeout`` bounds fetching a URL (seconds, for the whole download, not per read).
    """
    source, doc = ingest_bytes(read_source(name, max_bytes=max_bytes, timeout=timeout))
    return analyse(source, doc, progress)
