"""Learned models: what the run time reads back is what training wrote, byte for byte."""

from __future__ import annotations

import gzip
import json

from tui.analysis.linear import LinearModel, dump


def _model() -> LinearModel:
    return LinearModel(
        name="toy",
        classes=("claim", "premise", "counter"),
        weights={"marker=because": (-1.0, 2.0, -1.0), "marker=but": (0.5, -1.0, 0.5), "pos=first": (1.5, 0.0, -0.5)},
        bias=(0.1, 0.2, -0.3),
    )


class TestLinearModel:
    """Scoring, explaining and storing a sparse linear model."""

    def test_decision_follows_the_weights(self) -> None:
        m = _model()
        assert m.predict(["marker=because"]) == "premise"
        assert m.predict(["pos=first"]) == "claim"
        assert m.predict({"marker=because": 1.0, "pos=first": 3.0}) == "claim"
        assert abs(sum(m.probabilities(["unknown-feature"])) - 1.0) < 1e-9

    def test_contributions_name_the_features_behind_a_decision(self) -> None:
        top = _model().contributions(["marker=but", "marker=because", "pos=first"], "premise")
        assert top[0][0] == "marker=because"
        assert top[-1][0] == "marker=but"

    def test_dump_is_deterministic_and_round_trips(self, tmp_path) -> None:
        a, b = tmp_path / "a.json.gz", tmp_path / "b.json.gz"
        dump(_model(), a)
        dump(_model(), b)
        assert a.read_bytes() == b.read_bytes()
        back = LinearModel.from_json(json.loads(gzip.decompress(a.read_bytes())))
        assert back.scores(["marker=because", "pos=first"]) == _model().scores(["marker=because", "pos=first"])
