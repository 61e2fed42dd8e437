"""Sparse linear models: fitted by `python -m tui.analysis.train`, scored here in plain Python.

A model is a table of feature -> one weight per class, plus a bias per class. Scoring a unit
is a few dictionary look-ups, so run time needs no numpy or training library, and the weights
behind a decision can be read back to explain it (the outline's cues, the entity types).
Weights live in `tui/analysis/models/NAME.json.gz`, written deterministically (sorted keys,
rounded weights, no gzip timestamp) so the same training gives byte-identical files.
"""

from __future__ import annotations

import gzip
import json
import math
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from collections.abc import Iterable, Mapping

MODELS_DIR = Path(__file__).with_name("models")
# Validation scores fold models (fitted with a corpus left out) through the real pipeline:
# ARGVIEW_MODELS_DIR points the run time at them. Users never need it.
MODELS_ENV = "ARGVIEW_MODELS_DIR"
DIGITS = 5  # significant digits kept per weight: small files, no visible change in decisions

Features = Mapping[str, float] | Iterable[str]


@dataclass(frozen=True, slots=True)
class LinearModel:
    name: str
    classes: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    meta: dict = field(default_factory=dict)  # training data, features, scores: the model card's facts

    def scores(self, features: Features) -> list[float]:
        """Raw score per class (bias + sum of weight × value over the features the model knows)."""
        out = list(self.bias)
        table = self.weights
        for name, value in _items(features):
            w = table.get(name)
            if w is not None:
                for k, wk in enumerate(w):
                    out[k] += wk * value
        return out

    def probabilities(self, features: Features) -> list[float]:
        return softmax(self.scores(features))

    def predict(self, features: Features) -> str:
        s = self.scores(features)
        return self.classes[max(range(len(s)), key=s.__getitem__)]

    def contributions(self, features: Features, cls: str) -> list[tuple[str, float]]:
        """Each known feature's push towards `cls` against the other classes, strongest first."""
        k = self.classes.index(cls)
        n = len(self.classes)
        out = []
        for name, value in _items(features):
            w = self.weights.get(name)
            if w is None:
                continue
            rest = (sum(w) - w[k]) / (n - 1) if n > 1 else 0.0
            out.append((name, (w[k] - rest) * value))
        out.sort(key=lambda p: -p[1])
        return out

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "classes": list(self.classes),
            "bias": [_round(b) for b in self.bias],
            "weights": {f: [_round(x) for x in w] for f, w in sorted(self.weights.items())},
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        return cls(
            name=data["name"],
            classes=tuple(data["classes"]),
            weights=dict(zip(data["weights"], map(tuple, data["weights"].values()))),  # the fast way: big tables
            bias=tuple(data["bias"]),
            meta=data.get("meta", {}),
        )


def softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def _items(features: Features) -> Iterable[tuple[str, float]]:
    if isinstance(features, Mapping):
        return features.items()
    return ((f, 1.0) for f in features)


def _round(x: float) -> float:
    return float(f"{x:.{DIGITS}g}")


def dump(model: LinearModel, path: Path | None = None) -> Path:
    """Write a model deterministically: the same weights always give the same bytes."""
    path = path or MODELS_DIR / f"{model.name}.json.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = json.dumps(model.to_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    with open(path, "wb") as fh, gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return path


@cache
def load(name: str) -> LinearModel:
    """The committed model `name`, read once per process (off the path to first paint)."""
    folder = Path(os.environ.get(MODELS_ENV) or MODELS_DIR)
    # one decompress of the whole file: gzip's streamed reads took as long again
    return LinearModel.from_json(json.loads(gzip.decompress((folder / f"{name}.json.gz").read_bytes())))
