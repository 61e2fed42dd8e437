"""Messages the reader screen receives from its analysis worker (posted from a thread).

Handlers are named after the class: `on_analysis_progress`, `on_analysis_ready`, `on_analysis_failed`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui.model import Analysis
    from tui.search import SearchIndex


@dataclass
class AnalysisProgress(Message):
    """A step of the analysis began; `fraction` of the work is done."""

    step: str
    fraction: float

    def can_replace(self, message: Message) -> bool:
        # Only the latest report matters: a burst of them waiting in the queue shows as one.
        return isinstance(message, AnalysisProgress)


@dataclass
class AnalysisReady(Message):
    """The analysis and its search index are built."""

    analysis: Analysis
    index: SearchIndex


@dataclass
class AnalysisFailed(Message):
    """The analysis raised; `error` is one line for the reader."""

    error: str
