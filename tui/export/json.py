"""The `argview.analysis/2` document, exactly as `argview --json` prints it."""

from __future__ import annotations

from tui.model import Analysis


def to_json(analysis: Analysis) -> str:
    return analysis.to_json() + "\n"
