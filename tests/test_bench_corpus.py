"""The benchmark texts: sized as asked, repeatable, and different enough that no cache helps."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # benchmarks/ is not an installed package

from benchmarks.corpus import make_text


def test_size_and_repeatability():
    a = make_text(50_000, seed=1)
    assert 50_000 <= len(a.encode()) < 52_000
    assert make_text(50_000, seed=1) == a


def test_seeds_and_sizes_give_different_texts():
    a, b = make_text(50_000, seed=1), make_text(50_000, seed=2)
    assert a != b
    # Few paragraphs repeat between two seeds: the generator varies names, numbers and order.
    pa = set(a.split("\n\n"))
    pb = set(b.split("\n\n"))
    assert len(pa & pb) < 0.1 * len(pa)
    assert not make_text(60_000, seed=1).startswith(a[:2000])


def test_has_headings_and_paragraphs():
    text = make_text(30_000, seed=3)
    blocks = text.split("\n\n")
    assert len(blocks) > 20
    assert any(len(b) < 80 and not b.endswith(".") for b in blocks[1:])  # headings
