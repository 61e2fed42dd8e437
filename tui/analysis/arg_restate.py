"""The thesis restated: the unit that says the main claim again, usually in the closing paragraph.

Essays state their thesis in the opening paragraph and restate it in the closing one ("In
conclusion, I am convinced that …"); annotators mark both as the major claim. A reader gains from
seeing the restatement as such (a "thesis" node under the thesis, cue "restates the thesis")
rather than as one more claim. Whether a unit restates the thesis is decided by a fitted model
(`outline_restate`, `python -m tui.analysis.train outline`) on the features below: how much it
shares with the thesis, where it stands relative to it, its own signals. The microtexts (a
single central claim each) teach it when not to fire; the editorials annotate no thesis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.analysis.arg_units import Unit

RESTATE_MIN = 0.5   # probability above which the best candidate is shown as a restatement
# the unit's own features the restatement model leaves out: the words inside (its opening words stay)
_WORDS = ("w12=", "u=")


def candidates(units: list[Unit], pool: list[int], thesis: int) -> list[int]:
    """The units of ``pool`` that may restate the thesis: those that share a content word with it
    (a restatement says the thesis again; the rest are never scored, in training or at run time)."""
    tt = frozenset(units[thesis].terms)
    return [i for i in pool if i != thesis and not tt.isdisjoint(units[i].terms)]


def restate_features(units: list[Unit], i: int, thesis: int, ctx: dict, f: dict[str, float]) -> dict[str, float]:
    """Features of "unit ``i`` restates the thesis ``thesis``": what it shares with the thesis, where
    it stands relative to it, and its own signals and place (its features ``f``, but the words inside)."""
    u, t = units[i], units[thesis]
    g = {"r:" + k: v for k, v in f.items() if not k.startswith(_WORDS)}
    g["r:bias"] = 1.0
    ti, tt = set(u.terms), set(t.terms)
    share = len(ti & tt) / min(len(ti), len(tt)) if ti and tt else 0.0
    g[f"r:share={_bucket(share)}"] = 1.0
    g["r:after" if i > thesis else "r:before"] = 1.0
    if u.kind == "body" and t.kind == "body" and len(ctx["blocks"]) >= 3:
        rank, trank = ctx["block_rank"][u.block], ctx["block_rank"][t.block]
        last = len(ctx["blocks"]) - 1
        if rank == trank:
            g["r:same_para"] = 1.0
        where = "open" if rank == 0 else "close" if rank == last else "body"
        twhere = "open" if trank == 0 else "close" if trank == last else "body"
        g[f"r:{twhere}>{where}"] = 1.0
    return g


def _bucket(share: float) -> int:
    return 0 if share < 0.15 else 1 if share < 0.35 else 2 if share < 0.6 else 3
