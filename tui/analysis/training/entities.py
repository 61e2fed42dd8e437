"""Fit the entity edge and type models on CoNLL-2003 (Reuters news) and GUM (seven web genres).

Examples come from the run-time pipeline itself: every document is analysed by `entities._extract`
with a collector, which records each candidate the rules produce (with its features) before the
models decide. Labels come from the gold mentions:

* edges: a candidate whose first word (or closing number) cut off gives a gold span is "drop",
  one that is itself a gold span is "keep"; others teach nothing;
* types: a candidate that is a gold span takes its type; one that overlaps no gold mention is
  NONE (a name the rules found that is none); one that overlaps a gold mention takes its type.

`report` fits fold models with a corpus (or fold) left out, writes them to a temporary folder and
scores them through the real command line with the shared scorer (`predict.py` + `score_ner.py`),
so the figures are the ones a user's run gives.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from tui.analysis.linear import LinearModel, dump
from tui.analysis.training.fit import fit_logistic

C_EDGE = 0.5
C_TYPE = 0.3
FOLDS = 5
COMMON_MIN = 5  # how often a lower-case word must occur in the training texts to count as common
GUM_WEIGHT = 3  # GUM documents count this many times: 133 web texts beside 1,162 wire stories


def load_docs(eval_dir: Path) -> tuple[list[dict], list[dict], list[dict]]:
    """(CoNLL train, CoNLL dev, GUM) documents."""
    conll = [json.loads(line) for line in open(eval_dir / "train_ner_conll2003.jsonl", encoding="utf-8") if line.strip()]
    gum = [json.loads(line) for line in open(eval_dir / "dev_ner.jsonl", encoding="utf-8") if line.strip()]
    return ([d for d in conll if d["id"].startswith("conll2003_train")],
            [d for d in conll if d["id"].startswith("conll2003_dev")], gum)


def _analyse(doc: dict, models, given=(frozenset(), frozenset())) -> dict | None:
    """The collected candidates of one document (None when ingest changed its text)."""
    from tui.analysis import build_sections, build_sentences
    from tui.analysis.entities import _extract
    from tui.ingest import ingest_bytes
    from tui.ingest.sources import RawSource

    data = doc["text"].encode("utf-8")
    _src, d = ingest_bytes(RawSource(name="doc.txt", data=data, format_hint="text", sha256=hashlib.sha256(data).hexdigest()))
    sents = build_sentences(d, build_sections(d))
    collect: dict = {"edges": [], "mentions": [], "first_names": given[0], "common_words": given[1]}
    _extract(d.text, sents, d.blocks, models, collect)
    if d.text == doc["text"]:
        return collect
    # ingest may add blank lines between paragraphs: map offsets through the non-space characters
    ours = [i for i, ch in enumerate(d.text) if not ch.isspace()]
    theirs = [i for i, ch in enumerate(doc["text"]) if not ch.isspace()]
    if len(ours) != len(theirs):
        return None
    rank = {i: k for k, i in enumerate(ours)}

    def span(s: int, e: int) -> tuple[int, int]:
        return theirs[rank[s]], theirs[rank[e - 1]] + 1

    collect["edges"] = [(k, *span(s, e), *span(s2, e2), f) for k, s, e, s2, e2, f in collect["edges"]]
    collect["mentions"] = [(*span(s, e), c, r, f) for s, e, c, r, f in collect["mentions"]]
    return collect


def _name_counts(doc: dict) -> tuple[Counter, Counter]:
    """(first words of gold people's names of two or more words, lower-case words) in one document."""
    counts: Counter = Counter()
    for m in doc["mentions"]:
        if m["type"] == "PERSON":
            words = doc["text"][m["start"]:m["end"]].split()
            if len(words) > 1 and words[0][:1].isupper() and words[0].isalpha() and not words[0].isupper():
                counts[words[0].casefold()] += 1
    return counts, Counter(re.findall(r"[a-z]+", doc["text"]))


def _given_tables(docs: list[dict]):
    counts: Counter = Counter()
    lower: Counter = Counter()
    for doc in docs:
        c, low = _name_counts(doc)
        counts.update(c)
        lower.update(low)
    return counts, lower


def _is_given(w: str, n: int, lower_n: int, gaz) -> bool:
    # not words written in lower case as often ("political", "team"), places or nationalities
    return n >= 2 and lower_n < n and gaz.place_key(w) is None and not gaz.is_demonym(w.title())


def given_names(docs: list[dict]) -> list[str]:
    """First words of people's names of two or more words in the gold data, seen at least twice."""
    from tui.analysis.gazetteer import gazetteer

    gaz = gazetteer()
    counts, lower = _given_tables(docs)
    return sorted(w for w, n in counts.items() if _is_given(w, n, lower[w], gaz))


def given_names_without(docs: list[dict]):
    """For each document, the given-name list as if it were not among `docs` (every copy of it):
    a document's own gold names must not feed its own features. A biography repeats its subject's
    full name and GUM counts thrice, so with them every gold person of a training document was on
    the list, while at run time a new text's names mostly are not: the model learnt to trust
    "given_name" far more than a reader's text allows."""
    from tui.analysis.gazetteer import gazetteer

    gaz = gazetteer()
    counts, lower = _given_tables(docs)
    full = frozenset(w for w, n in counts.items() if _is_given(w, n, lower[w], gaz))
    copies = Counter(d["id"] for d in docs)
    out: dict[str, frozenset[str]] = {}
    for doc in docs:
        if doc["id"] in out:
            continue
        own, low = _name_counts(doc)
        k = copies[doc["id"]]
        out[doc["id"]] = full - {w for w in own if w in full
                                 and not _is_given(w, counts[w] - k * own[w], lower[w] - k * low[w], gaz)}
    return out


def common_words(docs: list[dict]) -> list[str]:
    """Lower-case words written at least COMMON_MIN times in the training texts."""
    counts: Counter = Counter()
    for doc in docs:
        counts.update(re.findall(r"(?<![\w'’-])[a-z]+(?:-[a-z]+)*(?![\w'’-])", doc["text"]))
    return sorted(w for w, n in counts.items() if n >= COMMON_MIN and len(w) > 2)


def edge_examples(docs: list[dict], given, own=None) -> tuple[list[list[str]], list[str]]:
    X, y = [], []
    for doc in docs:
        got = _analyse(doc, (None, None), (own[doc["id"]], given[1]) if own else given)
        if got is None:
            continue
        gold = {(m["start"], m["end"]) for m in doc["mentions"]}
        for _kind, s, e, s2, e2, feats in got["edges"]:
            if (s2, e2) in gold:
                X.append(feats)
                y.append("drop")
            elif (s, e) in gold:
                X.append(feats)
                y.append("keep")
    return X, y


def type_examples(docs: list[dict], edges: LinearModel | None, given, own=None) -> tuple[list[list[str]], list[str]]:
    X, y = [], []
    for doc in docs:
        got = _analyse(doc, (edges, None), (own[doc["id"]], given[1]) if own else given)
        if got is None:
            continue
        exact = {}
        for m in doc["mentions"]:
            exact.setdefault((m["start"], m["end"]), m["type"])
        spans = sorted(exact.items())
        for s, e, _cluster, _rule, feats in got["mentions"]:
            label = exact.get((s, e))
            if label is None:
                best = 0
                label = "NONE"
                for (gs, ge), t in spans:
                    ov = min(e, ge) - max(s, gs)
                    if ov > best:
                        best, label = ov, t
            X.append(feats)
            y.append(label)
    return X, y


MIN_COUNT = 3  # a feature seen once teaches nothing general and costs load time
MIN_WEIGHT = 0.15  # smaller weights cost a third of the load time and under 0.002 of F1 (measured)


def _dicts(X: list[list[str]]) -> list[dict[str, float]]:
    counts = Counter(f for feats in X for f in set(feats))
    return [{f: 1.0 for f in feats if counts[f] >= MIN_COUNT} for feats in X]


def _pruned(m: LinearModel) -> LinearModel:
    weights = {f: w for f, w in m.weights.items() if max(abs(x) for x in w) >= MIN_WEIGHT}
    return LinearModel(name=m.name, classes=m.classes, weights=weights, bias=m.bias,
                       meta={**m.meta, "features": len(weights)})


def fit(docs: list[dict], seed: int, meta: dict | None = None) -> list[LinearModel]:
    """The edge model, then the type model on candidates cut by it."""
    from tui.analysis.entity_model import EDGE_MODEL, TYPE_MODEL

    names = given_names(docs)
    common = common_words(docs)
    given = (frozenset(names), frozenset(common))
    # each document's type features see only the other documents' names; the edge model keeps the
    # full list (without it, "Feminist Glenn Fleishman" keeps its adjective: measured)
    own = given_names_without(docs)
    Xe, ye = edge_examples(docs, given)
    edges = _pruned(fit_logistic(EDGE_MODEL, _dicts(Xe), ye, C=C_EDGE, seed=seed,
                                 meta={**(meta or {}), "examples": len(ye), "C": C_EDGE}))
    edges.meta["first_names"] = names
    edges.meta["common_words"] = common
    Xt, yt = type_examples(docs, edges, given, own)
    types = _pruned(fit_logistic(TYPE_MODEL, _dicts(Xt), yt, C=C_TYPE, seed=seed,
                                 meta={**(meta or {}), "examples": len(yt), "C": C_TYPE}))
    return [edges, types]


def train(eval_dir: Path, seed: int) -> list[LinearModel]:
    """Shipped weights: every document of CoNLL-2003 train and dev and of GUM."""
    ctrain, cdev, gum = load_docs(eval_dir)
    meta = {"data": f"CoNLL-2003 train+dev ({len(ctrain) + len(cdev)} docs), GUM ({len(gum)} docs, x{GUM_WEIGHT})",
            "seed": seed}
    return fit(ctrain + cdev + gum * GUM_WEIGHT, seed, meta)


# --------------------------------------------------------------------------- validation


def _score(eval_dir: Path, gold_file: str, ids: list[str], models_dir: str | None) -> dict:
    """Run the command line over the documents `ids` with the models in `models_dir` and score them."""
    from tui.analysis.entity_model import EDGE_MODEL, TYPE_MODEL
    from tui.analysis.linear import MODELS_DIR

    root = Path(__file__).resolve().parents[3]
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        # the run time reads every model from one folder: the shipped ones (the outline's) beside
        # the entity models under test, or none of those for the rules alone
        models = Path(tmp) / "models"
        models.mkdir()
        for f in MODELS_DIR.glob("*.json.gz"):
            if f.name not in (f"{EDGE_MODEL}.json.gz", f"{TYPE_MODEL}.json.gz"):
                shutil.copy(f, models / f.name)
        for f in Path(models_dir).glob("*.json.gz") if models_dir else ():
            shutil.copy(f, models / f.name)
        env["ARGVIEW_MODELS_DIR"] = str(models)
        gold = Path(tmp) / "gold.jsonl"
        pred = Path(tmp) / "pred.jsonl"
        wanted = set(ids)
        with open(eval_dir / gold_file, encoding="utf-8") as src, open(gold, "w", encoding="utf-8") as out:
            for line in src:
                if line.strip() and json.loads(line)["id"] in wanted:
                    out.write(line)
        cmd = f"{sys.executable} -m tui"
        subprocess.run([sys.executable, str(eval_dir / "predict.py"), "ner", str(gold), str(pred), "--cmd", cmd],
                       check=True, env=env, cwd=root, capture_output=True)
        res = subprocess.run([sys.executable, str(eval_dir / "score_ner.py"), str(gold), str(pred), "--json"],
                             check=True, capture_output=True, text=True)
        return json.loads(res.stdout)


def _row(name: str, r: dict) -> str:
    t = r["per_type_exact"]
    return (f"| {name} | {r['detection_exact']['f1']:.3f} | {r['typed_exact']['f1']:.3f} | "
            f"{t['PERSON']['f1']:.3f} | {t['ORG']['f1']:.3f} | {t['PLACE']['f1']:.3f} | {t['OTHER']['f1']:.3f} | "
            f"{r['bcubed']['exact']['f1']:.3f} |")


def _pooled(results: list[dict]) -> dict:
    """Micro-average of fold results (counts summed), in the scorer's own shape."""
    def prf(parts):
        tp = sum(p["tp"] for p in parts)
        npred = sum(p["n_pred"] for p in parts)
        ngold = sum(p["n_gold"] for p in parts)
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        return {"tp": tp, "n_pred": npred, "n_gold": ngold, "f1": 2 * p * r / (p + r) if p + r else 0.0}

    out = {k: prf([r[k] for r in results]) for k in ("detection_exact", "typed_exact")}
    out["per_type_exact"] = {t: prf([r["per_type_exact"][t] for r in results]) for t in results[0]["per_type_exact"]}
    n = sum(r["bcubed"]["exact"]["mentions"] for r in results)
    out["bcubed"] = {"exact": {"f1": sum(r["bcubed"]["exact"]["f1"] * r["bcubed"]["exact"]["mentions"] for r in results) / max(1, n)}}
    return out


def report(eval_dir: Path, seed: int) -> str:
    ctrain, cdev, gum = load_docs(eval_dir)
    lines = ["Entities, exact-span F1 on documents left out of training (shared scorer, through `python -m tui --json`)",
             "", "| set / models | detection | typed | PERSON | ORG | PLACE | OTHER | B3 |", "|---|---|---|---|---|---|---|---|"]

    def fold_score(train_docs, gold_file, ids):
        with tempfile.TemporaryDirectory() as tmp:
            for m in fit(train_docs, seed):
                dump(m, Path(tmp) / f"{m.name}.json.gz")
            return _score(eval_dir, gold_file, ids, tmp)

    dev_ids = [d["id"] for d in cdev]
    lines.append(_row("CoNLL dev, rules alone", _score(eval_dir, "train_ner_conll2003.jsonl", dev_ids, None)))
    lines.append(_row("CoNLL dev, fit on CoNLL train", fold_score(ctrain, "train_ner_conll2003.jsonl", dev_ids)))
    lines.append(_row("CoNLL dev, fit on CoNLL train + GUM", fold_score(ctrain + gum * GUM_WEIGHT,
                                                                        "train_ner_conll2003.jsonl", dev_ids)))
    gum_ids = [d["id"] for d in gum]
    lines.append(_row("GUM, rules alone", _score(eval_dir, "dev_ner.jsonl", gum_ids, None)))
    lines.append(_row("GUM, fit on CoNLL train + dev", fold_score(ctrain + cdev, "dev_ner.jsonl", gum_ids)))
    order = gum[:]
    random.Random(seed).shuffle(order)
    folds = [order[k::FOLDS] for k in range(FOLDS)]
    results = []
    for held in folds:
        held_ids = {d["id"] for d in held}
        rest = [d for d in gum if d["id"] not in held_ids]
        results.append(fold_score(ctrain + cdev + rest * GUM_WEIGHT, "dev_ner.jsonl", sorted(held_ids)))
    lines.append(_row(f"GUM, {FOLDS}-fold by document (CoNLL + other GUM folds)", _pooled(results)))
    return "\n".join(lines)
