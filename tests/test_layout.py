"""Article layout: the one-cell fast path wraps exactly as the cell-measuring path does."""

import random
import re

import pytest
from rich.cells import cell_len

from tui.widgets import layout


def _measured(text: str, start: int, end: int, width: int, monkeypatch: pytest.MonkeyPatch) -> list:
    # make every text look as if it had wide characters, forcing the per-word cell measuring path
    with monkeypatch.context() as m:
        m.setattr(layout, "_NOT_ONE_CELL", re.compile("."))
        return layout.wrap_span(text, start, end, width)


def test_fast_wrap_matches_measured_wrap(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    words = ["a", "bb", "ccc", "Putin’s", "–", "naïve", "(CSTO),", "x" * 31, "overlong" * 4]
    for _ in range(2000):
        seg = " ".join(rng.choice(words) for _ in range(rng.randint(1, 40)))
        text = "ab " + seg + " cd"
        width = rng.randint(1, 40)
        fast = layout.wrap_span(text, 3, 3 + len(seg), width)
        assert fast == _measured(text, 3, 3 + len(seg), width, monkeypatch), (seg, width)
        assert all(cell_len(text[s:e]) <= width for s, e in fast)


def test_wide_characters_wrap_by_cells() -> None:
    text = "漢字漢字 漢字漢字 漢字漢字"  # each ideograph takes two cells
    lines = layout.wrap_span(text, 0, len(text), 10)
    assert [text[s:e] for s, e in lines] == ["漢字漢字", "漢字漢字", "漢字漢字"]
    assert all(cell_len(text[s:e]) <= 10 for s, e in lines)
