"""The fitted models behind the argument outline, and how their scores become decisions.

Five small logistic models (`tui/analysis/models/outline_*.json.gz`, fitted by
`python -m tui.analysis.train outline`), each a separate decision so the corpora never contradict
each other (docs/model-card.md):

  outline_arg     does the unit argue at all (editorials and essays mark what does not)
  outline_side    the author's side or the opponent's (essays, microtexts)
  outline_level   a point argued for (claim) or support for one (premise) (essays, editorials)
  outline_thesis  the main claim; the best-scoring unit of a document wins (essays, microtexts)
  outline_attach  does unit i hang under candidate j (essays, microtexts)
  outline_restate does a unit restate the thesis (essays; microtexts have one central claim)
"""

from __future__ import annotations

import math
from itertools import repeat
from dataclasses import dataclass

from tui.analysis import linear
from tui.analysis.arg_features import describe
from tui.analysis.linear import LinearModel

NAMES = ("outline_arg", "outline_side", "outline_level", "outline_thesis", "outline_attach", "outline_restate")


@dataclass(frozen=True, slots=True)
class OutlineModels:
    arg: LinearModel
    side: LinearModel
    level: LinearModel
    thesis: LinearModel
    attach: LinearModel
    restate: LinearModel

    @classmethod
    def from_list(cls, models: list[LinearModel]) -> OutlineModels:
        by = {m.name: m for m in models}
        return cls(*(by[n] for n in NAMES))


def load_models() -> OutlineModels:
    return OutlineModels(*(linear.load(n) for n in NAMES))


_DIFFS: dict[int, tuple[LinearModel, dict[str, float], float, dict[str, float]]] = {}


def _diff(model: LinearModel) -> tuple[dict[str, float], float]:
    """A binary model as one weight per feature (positive minus negative class): one look-up each."""
    hit = _tables(model)
    return hit[1], hit[2]


def _tables(model: LinearModel) -> tuple[LinearModel, dict[str, float], float, dict[str, float]]:
    """The model, its difference table and bias, and the table restricted to features a reader can read."""
    hit = _DIFFS.get(id(model))
    if hit is None or hit[0] is not model:
        table = {f: w[1] - w[0] for f, w in model.weights.items()}
        readable = {f: w for f, w in table.items() if describe(f)}
        hit = _DIFFS[id(model)] = (model, table, model.bias[1] - model.bias[0], readable)
    return hit


def margin(model: LinearModel, features: dict[str, float]) -> float:
    """Score of the positive class ("1") over the negative one ("0"): the log-odds.

    The outline's features are all present-or-absent (value 1.0), so the score is a sum of look-ups.
    """
    table, bias = _diff(model)
    return bias + sum(map(table.get, features, repeat(0.0)))


def positive(model: LinearModel, features: dict[str, float]) -> float:
    """Probability of a binary model's positive class (classes sort "0" < "1")."""
    m = margin(model, features)
    return 1.0 / (1.0 + math.exp(-m)) if m > -500 else 0.0


def cue(model: LinearModel, features: dict[str, float], cls: str, fallback: str | None = None) -> str | None:
    """The strongest readable feature that pushed a binary decision towards ``cls`` ("1" or "0")."""
    readable = _tables(model)[3]
    sign = 1.0 if cls == "1" else -1.0
    best, best_push = fallback, 0.0
    for name in filter(readable.__contains__, features):  # in the features' order: the first wins a tie
        push = sign * readable[name] * features[name]
        if push > best_push:
            best, best_push = describe(name), push
    return best
