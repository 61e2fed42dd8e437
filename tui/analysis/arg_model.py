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


def positive(model: LinearModel, features: dict[str, float]) -> float:
    """Probability of a binary model's second class (the positive one: classes sort "0" < "1")."""
    return model.probabilities(features)[1]


def margin(model: LinearModel, features: dict[str, float]) -> float:
    s = model.scores(features)
    return s[1] - s[0]


def cue(model: LinearModel, features: dict[str, float], cls: str, fallback: str | None = None) -> str | None:
    """The strongest readable feature that pushed the decision towards ``cls``."""
    for name, push in model.contributions(features, cls):
        if push <= 0:
            break
        phrase = describe(name)
        if phrase:
            return phrase
    return fallback
