"""The outline's tree: where each unit hangs, decoded from the attachment model's pair scores.

First the links a sentence states itself (the clause a "because" clause supports, the concession a
"But" answers, the claim whose announced reasons a "First," fills), then for each other unit the
best-scoring candidate of a bounded set (`arg_features.candidates`: its paragraph's neighbours,
the latest claims, the thesis), never in a cycle; deep chains are cut to keep the tree readable.
Linear in the text: the candidates are few and the pair scores are looked up by a small key.
"""

from __future__ import annotations

from operator import neg

from tui.analysis.arg_features import RECENT_CLAIMS, PairKeys, candidates, key_features
from tui.analysis.arg_model import OutlineModels, margin
from tui.analysis.arg_units import Unit

MAX_DEPTH = 8
_OWN = ("claim", "premise", "conclusion")


def attach(units: list[Unit], roles: list[str | None], thesis: int, models: OutlineModels,
            heading_of: dict[str | None, int]) -> None:
    kept = [i for i, r in enumerate(roles) if r is not None and units[i].kind != "heading"]
    parent: dict[int, int] = {}
    recent: list[int] = []
    trees = _Forest()       # hanging i under j loops exactly when j's tree is rooted at i
    slots: list[int] = []   # an announced count of reasons ("for two reasons"), one entry per open slot
    for i in kept:          # first the links the sentences state, then the model for the rest
        if i == thesis:
            continue
        if units[i].announce and roles[i] in ("claim", "conclusion"):
            slots = [i] * units[i].announce
        fixed = _structural(units, roles, i, slots)
        if fixed is not None and fixed != thesis and trees.root(fixed) != i:
            parent[i] = fixed
            trees.join(i, fixed)
    scores = _Scores(models.attach)  # pair key -> attachment score: few distinct keys in a long text
    pair_keys = PairKeys(units, roles, thesis)
    for k, i in enumerate(kept):
        if i != thesis and i not in parent:
            js = candidates(units, kept, k, thesis, recent)
            # the best score, the nearest earlier candidate on a tie, unless hanging there loops
            ranked = list(zip(map(scores.__getitem__, pair_keys.keys(i, js)), map(neg, js)))
            best = -max(ranked)[1]
            if trees.root(best) == i:
                ranked.sort(reverse=True)
                best = next((-mj for _, mj in ranked if trees.root(-mj) != i), thesis)
            parent[i] = best
            trees.join(i, best)
        if roles[i] in ("claim", "conclusion"):
            recent = (recent + [i])[-RECENT_CLAIMS:]
    for i, u in enumerate(units):
        if u.kind == "heading" and roles[i] is not None:
            parent[i] = thesis
        elif parent.get(i) == thesis and u.section in heading_of and roles[i] != "conclusion":
            parent[i] = heading_of[u.section]  # a heading that states a point gathers its section's points
    for i, p in parent.items():
        if roles[i] in _OWN and roles[p] == "counter" and units[i].link != "supports":
            roles[i] = "rebuttal"  # the author's answer to an objection (a "because" clause is its reason)
    _shallow(parent, thesis)
    for i, p in parent.items():
        units[i].parent = p


def _structural(units: list[Unit], roles: list[str | None], i: int, slots: list[int]) -> int | None:
    """A parent the sentence's own structure states, when the roles agree with it: the clause a
    "Given that" / "because" clause supports, the clause a "While" / "Of course" clause concedes to,
    the concession a "But" answers, the claim whose announced reasons ("for two reasons") a
    "First," / "Second," fills."""
    u = units[i]
    p = u.partner
    if p is not None and roles[p] is not None:
        if u.link == "supports" and roles[i] == "premise":
            return p
        if u.link == "concedes" and roles[i] == "counter" and roles[p] != "counter" and units[p].hint != "rebuttal":
            return p
        if u.link == "answers" and roles[p] == "counter" and roles[i] != "counter" and u.hint == "rebuttal":
            return p
    if u.rel == "enumeration" and slots and roles[i] == "premise":
        return slots.pop(0)
    return None


class _Scores(dict):
    """Attachment scores by pair key, each computed the first time it is asked for."""

    def __init__(self, model) -> None:
        super().__init__()
        self.model = model

    def __missing__(self, key: tuple) -> float:
        score = self[key] = margin(self.model, key_features(key))
        return score


class _Forest:
    """The trees built so far, as union-find: the root of a unit's tree in near-constant time, so
    the cycle check stays linear however long the chains (a unit has no parent until it is hung)."""

    def __init__(self) -> None:
        self.up: dict[int, int] = {}

    def root(self, i: int) -> int:
        up = self.up
        while i in up:
            nxt = up[i]
            if nxt in up:
                up[i] = up[nxt]  # path halving
            i = nxt
        return i

    def join(self, child: int, parent: int) -> None:
        self.up[child] = self.root(parent)


def _shallow(parent: dict[int, int], thesis: int) -> None:
    """Keep the tree shallow enough to read (and to serialise): deep chains hang from an ancestor."""
    depth: dict[int, int] = {thesis: 0}

    def depth_of(i: int) -> int:
        chain_ = []
        while i not in depth:
            chain_.append(i)
            i = parent[i]
        d = depth[i]
        for j in reversed(chain_):
            if d + 1 > MAX_DEPTH:
                parent[j] = _ancestor(parent, j, d + 1 - MAX_DEPTH)
                d = depth[parent[j]]
            d += 1
            depth[j] = d
        return depth[chain_[0]] if chain_ else d

    for i in list(parent):
        depth_of(i)


def _ancestor(parent: dict[int, int], i: int, up: int) -> int:
    for _ in range(up + 1):
        i = parent.get(i, i)
    return i
