"""Fit a logistic regression on feature dicts and turn it into a run-time `LinearModel`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tui.analysis.linear import LinearModel

MIN_WEIGHT = 1e-4  # weights smaller than this change no decision: dropped to keep files small


def fit_logistic(
    name: str,
    X: Sequence[Mapping[str, float]],
    y: Sequence[str],
    *,
    C: float = 1.0,
    class_weight: str | dict | None = None,
    seed: int = 0,
    meta: dict | None = None,
    max_iter: int = 2000,
) -> LinearModel:
    """Multinomial (or binary) logistic regression; deterministic for the same inputs and seed."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    matrix = vec.fit_transform(X)
    clf = LogisticRegression(C=C, class_weight=class_weight, random_state=seed, max_iter=max_iter, solver="lbfgs")
    clf.fit(matrix, list(y))
    classes = tuple(str(c) for c in clf.classes_)
    coef = clf.coef_
    bias = clf.intercept_
    if len(classes) == 2:  # sklearn keeps one row for two classes: score the first class 0
        coef = [[0.0] * coef.shape[1], list(coef[0])]
        bias = [0.0, float(bias[0])]
    else:
        coef = [list(row) for row in coef]
        bias = [float(b) for b in bias]
    weights: dict[str, tuple[float, ...]] = {}
    for j, feature in enumerate(vec.get_feature_names_out()):
        w = tuple(float(coef[k][j]) for k in range(len(classes)))
        if max(abs(x) for x in w) >= MIN_WEIGHT:
            weights[str(feature)] = w
    return LinearModel(name=name, classes=classes, weights=weights, bias=tuple(bias), meta=dict(meta or {}))
