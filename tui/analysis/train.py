"""Fit every learned model from the shared corpora and write the committed weights.

    python -m tui.analysis.train                  # all models, default ../shared/eval
    python -m tui.analysis.train outline          # one of: outline, entities
    python -m tui.analysis.train --report         # also print the left-out-corpus tables
    python -m tui.analysis.train --eval-dir PATH  # where the corpora are

Needs the `train` extra (`pip install -e '.[train]'`). Seeded: the same inputs give byte-identical
weight files in tui/analysis/models/.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

SEED = 20261129
TRAINERS = {  # model family -> module with `train(eval_dir, seed) -> list[LinearModel]` and `report(eval_dir, seed) -> str`
    "outline": "tui.analysis.training.outline",
    "entities": "tui.analysis.training.entities",
}
DEFAULT_EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"


def main(argv: list[str] | None = None) -> int:
    from tui.analysis.linear import dump

    ap = argparse.ArgumentParser(prog="python -m tui.analysis.train", description=__doc__.split("\n")[0])
    ap.add_argument("families", nargs="*", metavar="FAMILY", help=f"which models: {', '.join(TRAINERS)} (default: all)")
    ap.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL)
    ap.add_argument("--report", action="store_true", help="print the validation tables (left-out corpora)")
    args = ap.parse_args(argv)
    unknown = [f for f in args.families if f not in TRAINERS]
    if unknown:
        ap.error(f"unknown model family {unknown[0]!r} (choose from {', '.join(TRAINERS)})")
    if not args.eval_dir.is_dir():
        print(f"train: {args.eval_dir}: no such folder (give --eval-dir)", file=sys.stderr)
        return 1
    for family in args.families or list(TRAINERS):
        module = importlib.import_module(TRAINERS[family])
        if args.report:
            print(module.report(args.eval_dir, SEED), flush=True)
        for model in module.train(args.eval_dir, SEED):
            path = dump(model)
            print(f"{family}: wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path} "
                  f"({path.stat().st_size / 1024:.0f} KB, {len(model.weights)} features)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
