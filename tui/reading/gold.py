"""A corrected article in the `../shared/eval` gold format (what `score_args.py` reads and the
outline's training reads), for `argview --corrections-out`: every reader correction becomes a
labelled example.

One JSON object per article: `text` (the analysis text), `units` (`start`, `end`, `role` in the
gold roles, `id`), `relations` (`from`, `to`: unit indices, `type`: support | attack). Roles map
as `predict.py` maps an outline (thesis → major_claim, claim and conclusion → claim, premise and
rebuttal → premise, counter → counter), and relations are the tree's edges, typed as the reader
chose or, where they did not, as `predict.py` types them (counters and rebuttals attack), so the
corrected outline scores 1.0 against its own export. A span the reader marked "not an argument"
is a unit with role `none` (scorers ignore it; training can use it as a negative).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tui import __version__
from tui.model import Analysis, with_parents
from tui.names import shown

GOLD_ROLES = {"thesis": "major_claim", "claim": "claim", "conclusion": "claim", "premise": "premise",
              "rebuttal": "premise", "counter": "counter"}
LABEL_SET = ["major_claim", "claim", "premise", "counter"]
ATTACKS = frozenset({"counter", "rebuttal"})
SOURCE = "argview_reader"


def gold_document(corrected: Analysis, *, not_argument: Sequence[tuple[int, int]] = ()) -> dict[str, Any]:
    """The gold line of a corrected analysis; `not_argument`: spans the reader took out."""
    flat = list(with_parents(corrected.outline))
    flat.sort(key=lambda np: (np[0].start, np[0].end))
    index = {id(node): i for i, (node, _) in enumerate(flat)}
    units: list[dict[str, Any]] = [
        {"start": n.start, "end": n.end, "role": GOLD_ROLES[n.role], "id": i, "by": n.by} for i, (n, _) in enumerate(flat)]
    relations = [
        {"from": index[id(n)], "to": index[id(p)], "type": n.relation or ("attack" if n.role in ATTACKS else "support")}
        for n, p in flat if p is not None]
    taken = {(n.start, n.end) for n, _ in flat}
    for start, end in sorted(set(not_argument)):
        if (start, end) not in taken:
            units.append({"start": start, "end": end, "role": "none", "id": len(units), "by": "reader"})
    sha = corrected.source.sha256
    return {
        "id": f"argview_{sha[:16]}",
        "source": SOURCE,
        "split": "reader",
        "text": corrected.text,
        "units": units,
        "relations": relations,
        "label_set": LABEL_SET,
        "meta": {"name": shown(corrected.source.name), "sha256": sha, "title": corrected.title, "argview": __version__},
    }
