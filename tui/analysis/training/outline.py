"""Fit the outline's models from the shared corpora, and validate them on corpora left out.

    python -m tui.analysis.train outline            # fit on everything, write tui/analysis/models/outline_*
    python -m tui.analysis.train outline --report   # first the left-out tables, through the official scorers

Units come from the run-time segmentation (`arguments.read_units`); each is labelled with the gold
unit it overlaps by at least half of the longer span (the scorers' rule), "none" when it overlaps
no gold unit much, and left out of training when it is ambiguous (it straddles gold units).
Each decision is learned only where the corpus annotates it (docs/model-card.md):

  arg     essays, microtexts, editorials   argues / does not ("none")
  side    essays, microtexts               counter / the author's side
  level   essays, editorials               claim (or major claim) / premise
  thesis  essays, microtexts               major claim above another unit of the same document (pairs)
  attach  essays, microtexts               unit i hangs under candidate j / not
  restate essays, microtexts               restates the (gold) thesis / not
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tui.analysis import build_sections, build_sentences
from tui.analysis.arg_features import (RECENT_CLAIMS, PairKeys, candidates, pair_features, thesis_features,
                                      unit_features)
from tui.analysis.arg_model import NAMES
from tui.analysis.arg_restate import candidates as restate_candidates, restate_features
from tui.analysis.arg_model import OutlineModels
from tui.analysis.arguments import decide_roles, read_units
from tui.analysis.linear import LinearModel, dump
from tui.analysis.training.fit import fit_logistic
from tui.ingest import ingest_bytes
from tui.ingest.sources import RawSource

ESSAYS, MICRO, EDITORIALS = "train_argmining.jsonl", "dev_argmining.jsonl", "train_editorials.jsonl"
THESES = "dev_theses_editorials.jsonl"
MIN_COUNT = 3        # a feature seen fewer times in training is dropped (small files, less overfitting)
KEYS = ("arg", "side", "level", "thesis", "attach", "restate")  # as arg_model.NAMES; attach after the role models
C = {"arg": 0.1, "side": 0.1, "level": 0.1, "thesis": 0.01, "attach": 0.1, "restate": 0.1}
# The rarer class counts more where recall matters: counters weigh 3 (they are 9 % of essay units,
# 20 % of microtext units). Premises weigh 1.5 against claims: a unit taken for a claim wrongly takes
# its paragraph's premises with it in the tree (balanced weights, three to one, gave as many role
# errors and 0.03 less attachment F1 on essay folds 0-1; the microtexts did not move).
# C, the counter and premise weights were chosen on essay folds 0-1 and the microtexts; the thesis
# ranker's C (0.01, of 0.01/0.03/0.1/0.3) on the left-out rows of the report (docs/outline.md says so).
WEIGHT: dict[str, object] = {"side": {0: 1.0, 1: 3.0}, "level": {0: 1.5, 1: 1.0}}
FOLDS = 5
# The roles the attachment model is fitted under: the gold ones and those the fitted role models give
# the same texts (as at run time, where some are wrong): "both" beat either alone on essay folds 0-1
# and the microtexts ("predicted" alone lost 0.07 on the microtexts).
ATTACH_ROLES = "both"


@dataclass
class Doc:
    id: str
    corpus: str                 # "essays", "micro", "editorials"
    units: list
    ctx: dict
    gold: list[str | None]      # per unit: major_claim/claim/premise/counter/none, or None (ambiguous)
    gold_unit: list[int | None]  # per unit: index of the matched gold unit
    relations: list[dict] | None
    feats: dict[int, dict] = field(default_factory=dict)


def _norm(s: str) -> tuple[str, list[int]]:
    out, idx, prev = [], [], False
    for i, ch in enumerate(s):
        if ch.isspace():
            if prev:
                continue
            out.append(" ")
            idx.append(i)
            prev = True
        else:
            out.append(ch)
            idx.append(i)
            prev = False
    return "".join(out), idx


def _locate(norm: str, idx: list[int], piece: str, hint: int) -> tuple[int, int] | None:
    p = re.sub(r"\s+", " ", piece).strip()
    if not p:
        return None
    best, start = None, 0
    while (j := norm.find(p, start)) >= 0:
        s, e = idx[j], idx[j + len(p) - 1] + 1
        if best is None or abs(s - hint) < abs(best[0] - hint):
            best = (s, e)
        start = j + 1
    return best


def load_docs(path: Path, corpus: str) -> list[Doc]:
    out = []
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        d = json.loads(line)
        _, doc = ingest_bytes(RawSource(name="doc.txt", data=d["text"].encode("utf-8"), format_hint=None, sha256="0" * 64))
        sentences = build_sentences(doc, build_sections(doc))
        units, ctx = read_units(doc.text, sentences, doc.blocks)
        norm, idx = _norm(d["text"])
        golds = d["units"]
        labels: list[str | None] = []
        matched: list[int | None] = []
        for u in units:
            span = _locate(norm, idx, u.text, u.start)
            role, which = None, None
            if span is not None:
                s, e = span
                best, cover = 0.0, 0
                for g, gu in enumerate(golds):
                    ov = min(e, gu["end"]) - max(s, gu["start"])
                    if ov <= 0:
                        continue
                    if gu["role"] != "none":
                        cover += ov
                    r = ov / max(e - s, gu["end"] - gu["start"])
                    if r >= 0.5 and r > best:
                        best, role, which = r, gu["role"], g
                if role is None and cover < 0.25 * (e - s):
                    role = "none"
            labels.append(role)
            matched.append(which)
        out.append(Doc(d["id"], corpus, units, ctx, labels, matched, d.get("relations")))
    return out


def _feats(doc: Doc, i: int) -> dict:
    f = doc.feats.get(i)
    if f is None:
        f = doc.feats[i] = unit_features(doc.units, i, doc.ctx)
    return f


def _unit_rows(docs: list[Doc]):
    for doc in docs:
        for i, u in enumerate(doc.units):
            if u.kind == "heading" or (u.kind == "body" and u.words < 3):
                continue
            yield doc, i, doc.gold[i]


def datasets(docs: list[Doc]) -> dict[str, tuple[list[dict], list[str]]]:
    data: dict[str, tuple[list, list]] = {k: ([], []) for k in KEYS}

    def add(key: str, f: dict, y: bool) -> None:
        data[key][0].append(f)
        data[key][1].append("1" if y else "0")

    for doc, i, g in _unit_rows(docs):
        if g is None:
            continue
        u = doc.units[i]
        if u.kind == "body":
            add("arg", _feats(doc, i), g != "none")
        if g == "none":
            continue
        if doc.corpus in ("essays", "micro") and u.kind == "body":
            add("side", _feats(doc, i), g == "counter")
        if doc.corpus == "essays" and g in ("claim", "premise", "major_claim") and u.kind == "body":
            add("level", _feats(doc, i), g != "premise")
    for doc in docs:
        if doc.corpus not in ("essays", "micro"):
            continue
        # as at run time: units that argue (not counters, not questions)
        pool = [i for i, u in enumerate(doc.units)
                if u.kind == "body" and u.words >= 3 and not u.question and doc.gold[i] in ("major_claim", "claim", "premise")]
        if not any(doc.gold[i] == "major_claim" for i in pool):
            continue
        doc.ctx["thesis_pool"] = pool  # as at run time: the best-restated unit among the candidates
        group = [(thesis_features(doc.units, i, doc.ctx, _feats(doc, i)), doc.gold[i] == "major_claim") for i in pool]
        for f, y in ranking_pairs(group, len(data["thesis"][1])):
            add("thesis", f, y)
        if ATTACH_ROLES in ("gold", "both"):
            _attach_rows(doc, add, _gold_roles(doc))
        _restate_rows(doc, pool, add)
    return data


def ranking_pairs(group: list[tuple[dict, bool]], parity: int) -> list[tuple[dict, bool]]:
    """A document's thesis candidates as ranking examples: for each major claim and each other
    candidate, the difference of their features, labelled "the first ranks higher" (half of them
    negated and labelled the other way, so the classes balance). A linear model fitted on them
    scores single units on the same scale: the best-scoring unit of a document wins at run time."""
    pos = [f for f, y in group if y]
    neg = [f for f, y in group if not y]
    out = []
    for p in pos:
        for n in neg:
            d = dict(p)
            for k, v in n.items():
                d[k] = d.get(k, 0.0) - v
            d = {k: v for k, v in d.items() if v}
            flip = (parity + len(out)) % 2 == 1
            out.append(({k: -v for k, v in d.items()} if flip else d, not flip))
    return out


def _gold_roles(doc: Doc) -> tuple[list[str | None], int] | None:
    mcs = [i for i, g in enumerate(doc.gold) if g == "major_claim"]
    if not mcs:
        return None
    thesis = mcs[0]
    roles: list[str | None] = []
    for i, g in enumerate(doc.gold):
        r = {"major_claim": "claim", "claim": "claim", "premise": "premise", "counter": "counter"}.get(g or "")
        roles.append("thesis" if i == thesis else r)
    return roles, thesis


def predicted_attach_rows(docs: list[Doc], models: OutlineModels, data: dict) -> None:
    """Attachment rows under the roles the fitted role models give (as at run time), not the gold ones:
    the attachment model learns to hang units whose roles may be wrong."""
    def add(key: str, f: dict, y: bool) -> None:
        data[key][0].append(f)
        data[key][1].append("1" if y else "0")

    for doc in docs:
        if doc.corpus not in ("essays", "micro") or not doc.relations:
            continue
        decided = decide_roles(doc.units, doc.ctx, models)
        if decided is not None:
            _attach_rows(doc, add, decided[:2])


def _attach_rows(doc: Doc, add, decided: tuple[list[str | None], int] | None) -> None:
    if not doc.relations or decided is None:
        return
    roles, thesis = decided
    roles = [r if doc.units[i].kind == "body" else None for i, r in enumerate(roles)]
    ours = {g: i for i, g in enumerate(doc.gold_unit) if g is not None}
    target = {}
    for r in doc.relations:
        if r["from"] in ours and r["to"] in ours:
            target[ours[r["from"]]] = ours[r["to"]]
    kept = [i for i, r in enumerate(roles) if r is not None and doc.units[i].kind == "body"]
    recent: list[int] = []
    keys = PairKeys(doc.units, roles, thesis)
    for k, i in enumerate(kept):
        if i == thesis:
            continue
        if i in target:
            for j in candidates(doc.units, kept, k, thesis, recent):
                add("attach", pair_features(doc.units, i, j, roles, thesis, keys), j == target[i])
        if roles[i] in ("claim", "conclusion"):
            recent = (recent + [i])[-RECENT_CLAIMS:]


def _restate_rows(doc: Doc, pool: list[int], add) -> None:
    """With each gold statement of the thesis taken as the one chosen (the thesis model may pick
    either), each other arguing unit: does it restate the thesis?"""
    for thesis in (i for i in pool if doc.gold[i] == "major_claim"):
        for i in restate_candidates(doc.units, pool, thesis):
            f = restate_features(doc.units, i, thesis, doc.ctx, _feats(doc, i))
            add("restate", f, doc.gold[i] == "major_claim")


def _prune(X: list[dict], min_count: int) -> list[dict]:
    counts = Counter(k for f in X for k in f)
    keep = {k for k, c in counts.items() if c >= min_count}
    return [{k: v for k, v in f.items() if k in keep} for f in X]


def fit(docs: list[Doc], seed: int, note: str) -> list[LinearModel]:
    data = datasets(docs)
    corpora = sorted({d.corpus for d in docs})
    models = []
    for key, name in zip(KEYS, NAMES):
        if key == "attach" and ATTACH_ROLES != "gold":
            # the role models are fitted (attach is fitted after them): the roles they give the training texts
            unfitted = [LinearModel(n, ("0", "1"), {}, (0.0, 0.0)) for n in ("outline_attach", "outline_restate")]
            predicted_attach_rows(docs, OutlineModels.from_list(models + unfitted), data)
        X, y = data[key]
        X = _prune(X, MIN_COUNT)
        meta = {"trained_on": corpora, "examples": len(y), "positives": sum(1 for v in y if v == "1"),
                "C": C[key], "min_count": MIN_COUNT, "note": note}
        models.append(fit_logistic(name, X, y, C=C[key], class_weight=WEIGHT.get(key),
                                   seed=seed, meta=meta))
    return models


def load_all(eval_dir: Path) -> dict[str, list[Doc]]:
    return {"essays": load_docs(eval_dir / ESSAYS, "essays"), "micro": load_docs(eval_dir / MICRO, "micro"),
            "editorials": load_docs(eval_dir / EDITORIALS, "editorials")}


def train(eval_dir: Path, seed: int) -> list[LinearModel]:
    c = load_all(eval_dir)
    return fit(c["essays"] + c["micro"] + c["editorials"], seed, "shipped: fitted on all three corpora")


# --- validation -------------------------------------------------------------------------------------

def essay_folds(docs: list[Doc]) -> list[set[str]]:
    ids = sorted(d.id for d in docs)
    return [set(ids[k::FOLDS]) for k in range(FOLDS)]


def _official(eval_dir: Path, models: list[LinearModel], gold_file: str, ids: set[str], tmp: Path,
              theses: bool = False) -> str:
    """Predict the left-out documents with the fold's models through `python -m tui` and score them
    with the shared scorers; returns the scorers' output."""
    mdir = tmp / "models"
    mdir.mkdir(exist_ok=True)
    for m in models:
        dump(m, mdir / f"{m.name}.json.gz")
    gold = tmp / "gold.jsonl"
    with open(gold, "w", encoding="utf-8") as out:
        for line in open(eval_dir / gold_file, encoding="utf-8"):
            if line.strip() and json.loads(line)["id"] in ids:
                out.write(line)
    pred = tmp / "pred.jsonl"
    env = {**os.environ, "ARGVIEW_MODELS_DIR": str(mdir)}
    subprocess.run([sys.executable, str(eval_dir / "predict.py"), "args", str(gold), str(pred),
                    "--cmd", f"{sys.executable} -m tui"], check=True, env=env, capture_output=True)
    if theses:
        args = [sys.executable, str(eval_dir / "score_theses.py"), str(eval_dir / THESES), str(gold), str(pred)]
    else:
        args = [sys.executable, str(eval_dir / "score_args.py"), str(gold), str(pred), "--json", str(tmp / "s.json")]
    return subprocess.run(args, check=True, env=env, capture_output=True, text=True).stdout


def _summary(tmp: Path) -> dict:
    res = json.loads((tmp / "s.json").read_text())
    out = {}
    for key in ("system", "b1_first_sentence", "b1b_first_body_sentence", "b2_markers"):
        s = res[key]["ALL"]
        out[key] = {"macro": s["macro_f1"], "mc": s["mc_acc"], "att": (s.get("attachment") or {}).get("f1"),
                    "claim_r": (s["roles"].get("claim") or {}).get("r"), "tp": s["roles"]}
    return out


def report(eval_dir: Path, seed: int) -> str:
    c = load_all(eval_dir)
    rows = []
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        # microtexts left out entirely
        models = fit(c["essays"] + c["editorials"], seed, "fold: microtexts left out")
        _official(eval_dir, models, MICRO, {d.id for d in c["micro"]}, tmp)
        rows.append(("microtexts, left out (fit: essays + editorials)", _summary(tmp)))
        # essays, 5-fold by document, the other corpora always in training
        pooled: dict[str, dict] = {}
        for k, fold in enumerate(essay_folds(c["essays"])):
            train_docs = [d for d in c["essays"] if d.id not in fold] + c["micro"] + c["editorials"]
            models = fit(train_docs, seed, f"fold {k}: essays {k} left out")
            _official(eval_dir, models, ESSAYS, fold, tmp)
            (tmp / f"essays{k}.json").write_text((tmp / "s.json").read_text())
            pooled[str(k)] = _summary(tmp)
        rows.append(("essays, 5-fold CV by document (mean of folds)", _mean(list(pooled.values()))))
        # editorials left out
        models = fit(c["essays"] + c["micro"], seed, "fold: editorials left out")
        _official(eval_dir, models, EDITORIALS, {d.id for d in c["editorials"]}, tmp)
        ed = _summary(tmp)
        theses = {json.loads(line)["id"] for line in open(eval_dir / THESES, encoding="utf-8") if line.strip()}
        thesis_out = _official(eval_dir, models, EDITORIALS, theses, tmp, theses=True)
    lines = ["| left out | system: macro-F1 / central claim / attachment F1 | B1 first sentence | B1b first body sentence | B2 markers |",
             "|---|---|---|---|---|"]
    for name, s in rows:
        lines.append(f"| {name} | " + " | ".join(_fmt(s[k]) for k in ("system", "b1_first_sentence", "b1b_first_body_sentence", "b2_markers")) + " |")
    lines.append(f"| editorials, left out (fit: essays + microtexts) | macro-F1 {ed['system']['macro']:.3f}, claim recall "
                 f"{ed['system']['claim_r']:.3f} | {ed['b1_first_sentence']['macro']:.3f} | "
                 f"{ed['b1b_first_body_sentence']['macro']:.3f} | {ed['b2_markers']['macro']:.3f}, claim recall {ed['b2_markers']['claim_r']:.3f} |")
    lines.append("")
    lines.append("Thesis against the reader's note, 40 editorials (score_theses.py, models fitted without the editorials):")
    lines.append("```\n" + thesis_out.rstrip() + "\n```")
    return "\n".join(lines)


def _fmt(s: dict) -> str:
    mc = "–" if s["mc"] is None else f"{s['mc']:.3f}"
    att = "–" if s["att"] is None else f"{s['att']:.3f}"
    return f"{s['macro']:.3f} / {mc} / {att}"


def _mean(rows: list[dict]) -> dict:
    out = {}
    for key in rows[0]:
        out[key] = {}
        for m in ("macro", "mc", "att", "claim_r"):
            vals = [r[key][m] for r in rows if r[key][m] is not None]
            out[key][m] = sum(vals) / len(vals) if vals else None
    return out
