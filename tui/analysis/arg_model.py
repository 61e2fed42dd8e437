"""The fitted models behind the argument outline, and how their scores become decisions.

Five small logistic models (`tui/analysis/models/outline_*.json.gz`, fitted by
`python -m tui.analysis.train outline`), each a separate decision so the corpora never contradict
each other (docs/model-card.md):

  outline_arg     does the unit argue at all (editorials and essays mark what does not)
  outline_side    the author's side or the opponent's (essays, microtexts)
  outline_level   a point argued for (claim) or support for one (premise) (essays, editorials)
  outline_thesis  the main claim; the best-scoring unit of a document wins (essays, microtexts)
  outline_attach  does unit i hang under candidate j (essays, microtexts)
"""

from __future__ import annotations

import math
from itertools import repeat
from dataclasses import dataclass

from tui.analysis import linear
from tui.analysis.arg_features import describe
from tui.analysis.linear import LinearModel

NAMES = ("outline_arg", "outline_side", "outline_level", "outline_thesis", "outline_attach")


@dataclass(frozen=True, slots=True)
class OutlineModels:
    arg: LinearModel
    side: LinearModel
    level: LinearModel
    thesis: LinearModel
    attach: LinearModel

    @classmethod
    def from_list(cls, models: list[LinearModel]) -> "OutlineModels":
        by = {m.name: m for m in models}
        return cls(*(by[n] for n in NAMES))


def load_models() -> OutlineModels:
    return OutlineModels(*(linear.load(n) for n in NAMES))


_DIFFS: dict[int, tuple[LinearModel, dict[str, float], float]] = {}


def _diff(model: LinearModel) -> tuple[dict[str, float], float]:
    """A binary model as one weight per feature (positive minus negative class): one look-up each."""
    hit = _DIFFS.get(id(model))
    if hit is None or hit[0] is not model:
        table = {f: w[1] - w[0] for f, w in model.weights.items()}
        hit = _DIFFS[id(model)] = (model, table, model.bias[1] - model.bias[0])
    return hit[1], hit[2]


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
    table, _ = _diff(model)
    sign = 1.0 if cls == "1" else -1.0
    best, best_push = fallback, 0.0
    for name, value in features.items():
        push = sign * table.get(name, 0.0) * value
        if push > best_push:
            phrase = describe(name)
            if phrase:
                best, best_push = phrase, push
    return best
