"""The matches n/N step through (tui.matches), and the worker's messages (tui.messages)."""

from __future__ import annotations

from tui.matches import Matches, first_from, index_at
from tui.messages import AnalysisFailed, AnalysisProgress

SPANS = [(0, 5), (10, 15), (20, 25)]


class TestMatches:
    """The last search's or entity's spans, the current one and the title bar's label."""

    def test_starts_empty_with_no_label(self):
        matches = Matches()
        assert not matches and matches.current is None and matches.status == ""
        assert matches.step(1) is None

    def test_set_shows_the_current_one_of_all(self):
        matches = Matches()
        matches.set(SPANS, 1, "“trains”")
        assert matches and len(matches) == 3
        assert matches.current == (10, 15)
        assert matches.status == "“trains” 2/3"

    def test_steps_wrap_round_both_ways(self):
        matches = Matches()
        matches.set(SPANS, 2, "x")
        assert matches.step(1) == (0, 5) and matches.status == "x 1/3"
        assert matches.step(-1) == (20, 25) and matches.status == "x 3/3"

    def test_no_spans_means_none_is_current_whatever_the_index(self):
        matches = Matches()
        matches.set([], 4, "gone")
        assert matches.index == -1 and matches.current is None and matches.status == ""

    def test_clear_forgets_spans_and_label(self):
        matches = Matches()
        matches.set(SPANS, 0, "x")
        matches.clear()
        assert not matches and matches.label == "" and matches.status == ""


class TestWhereToStart:
    """Which match becomes current after a click, an entity or a search hit."""

    def test_index_at_picks_the_span_holding_the_offset(self):
        assert index_at(SPANS, 12) == 1

    def test_index_at_picks_the_next_span_between_two(self):
        assert index_at(SPANS, 7) == 1

    def test_index_at_wraps_to_the_first_past_the_last(self):
        assert index_at(SPANS, 30) == 0

    def test_first_from_starts_at_or_after_the_offset(self):
        assert first_from(SPANS, 10) == 1 and first_from(SPANS, 11) == 2
        assert first_from(SPANS, 26) == 0
        assert first_from([], 0) == -1


class TestMessages:
    """Progress reports waiting in the queue merge into the latest; other messages never do."""

    def test_progress_replaces_progress(self):
        assert AnalysisProgress("entities", 0.5).can_replace(AnalysisProgress("outline", 0.2))

    def test_progress_never_replaces_a_failure(self):
        assert not AnalysisProgress("entities", 0.5).can_replace(AnalysisFailed("boom"))

    def test_fields_are_named(self):
        progress = AnalysisProgress(step="outline", fraction=0.25)
        assert (progress.step, progress.fraction) == ("outline", 0.25)
