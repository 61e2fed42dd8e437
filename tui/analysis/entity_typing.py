"""Typing alias clusters: the rules' verdict from their mentions' cues and context, then the type
model's, averaged over a cluster's first mentions."""

from __future__ import annotations

import math
from collections import Counter

from tui.analysis import entity_model
from tui.analysis.entity_lexicon import (
    LAW_HEADS,
    ORGS_NAMED_LIKE_PEOPLE,
)
from tui.analysis.entity_candidates import _Cand
from tui.analysis.entity_tokens import _is_joiner, _seen_lower
from tui.model import EntityType

_COORDINATED = (" and ", " or ", ", ", " & ", " nor ")  # between two names of one list


def _learned_types(text: str, cands: list[_Cand], groups: list[list[int]], rule_types: list, paths: list[str], typer,
                   lower_seen, collect, edges) -> list[EntityType | None]:
    """Each cluster's type from the type model: its mentions' log-probabilities averaged.
    None for a cluster the model takes for no name; OTHER for a lone word it cannot place."""
    style = entity_model.text_style(text)
    given = entity_model.lexicons(edges, collect)
    # A name listed after another takes the noun before the list as its own context: in "the
    # mortgage companies Fannie Mae and Freddie Mac" both are companies.
    listed: dict[int, list[str]] = {}
    head = 0
    for i in range(1, len(cands)):
        if text[cands[i - 1].end : cands[i].start] in _COORDINATED:
            cls = entity_model.noun_class_before(text, cands[head].start)
            listed[cands[i].start] = ["listed"] + ([f"p1class:{cls}"] if cls else [])  # the same noun, the same weight
        else:
            head = i
    means = [_cluster_scores(text, _members(idxs, cands), rule_types[g], paths[g], typer, lower_seen, collect, g,
                             style, given, listed) for g, idxs in enumerate(groups)]
    if typer is None:
        return rule_types
    none = typer.classes.index(entity_model.NONE)
    out: list[EntityType | None] = []
    for g, idxs in enumerate(groups):
        mean = means[g]
        if math.exp(mean[none]) >= entity_model.NOT_A_NAME:
            out.append(None)
            continue
        best = max((k for k in range(len(mean)) if k != none), key=mean.__getitem__)
        label = typer.classes[best]
        rule = rule_types[g]
        if any(cands[i].words in ORGS_NAMED_LIKE_PEOPLE for i in idxs):
            label = "ORG"  # a firm or paper named like a person: too rare in the corpora to learn
        elif all(len(cands[i].words) > 1 and cands[i].words[-1] in LAW_HEADS for i in idxs):
            label = "OTHER"  # a law's name ("... Democracy Act"): the corpora hold too few laws to learn it
        elif rule in ("GROUP", "EVENT") and label == "OTHER":
            label = rule  # the corpora have no such class: the rules' finer word stands
        elif (label != "OTHER" and math.exp(mean[best]) < entity_model.UNSURE
              and all(len(cands[i].words) == 1 for i in idxs)):
            label = "OTHER"  # a lone word the model cannot place is said to be some name, not guessed
        out.append(label)  # type: ignore[arg-type]
    return out


_SCORED_MENTIONS = 5  # a cluster's type is read from its first mentions: a book's hero has thousands


def _cluster_scores(text: str, members: list[_Cand], rule_type: str, path: str, typer, lower_seen, collect,
                    cluster: int, style: str, given: tuple[frozenset[str], frozenset[str]], listed: dict
                    ) -> list[float] | None:
    """The mean log-probability of each class over a cluster's (first) mentions."""
    forms = list(dict.fromkeys(c.words for c in members))
    shared = entity_model.cluster_features(rule_type, path, len(members), forms)
    # plain feature names scored against the weights with their style's copies folded in
    table = None if typer is None else entity_model.weights_for(typer, style)
    statics: dict = {}
    total = None
    base = None if typer is None else entity_model.add_table(table, list(typer.bias), shared)
    scored = members if collect is not None else members[:_SCORED_MENTIONS]
    for c in scored:
        key = (c.words, id(c.cues), bool(c.titled))
        got = statics.get(key)
        if got is None:
            feats = entity_model.static_features(c.words, c.cues, bool(c.titled), *given)
            got = statics[key] = (feats, None if typer is None else entity_model.add_table(table, base, feats))
        ctx = entity_model.context_features(text, c.start, c.end, c.words, c.ctx, lower_seen)
        if c.start in listed:
            ctx.extend(listed[c.start])
        if collect is not None:
            collect["mentions"].append((c.start, c.end, cluster, rule_type,
                                        entity_model.styled(got[0] + ctx + shared, style)))
        if typer is not None:
            lp = entity_model.log_softmax(entity_model.add_table(table, got[1], ctx))
            total = lp if total is None else [a + b for a, b in zip(total, lp)]
    if total is None:
        return None
    return [t / len(scored) for t in total]



def _members(idxs: list[int], cands: list[_Cand]) -> list[_Cand]:
    return [cands[i] for i in idxs]


_NO_CUES: Counter = Counter()  # read-only: the cues of a name with none


def _decide_type(members: list[_Cand], keys: list[str], key_cues, key_ctx, lower_seen) -> tuple[EntityType, str]:
    """The type and the rule that decided it: "sure" when the names themselves say it."""
    votes: Counter = Counter()
    ctx: Counter = Counter()
    for k in keys:
        votes.update(key_cues.get(k, _NO_CUES))
        ctx.update(key_ctx.get(k, _NO_CUES))
    if any(k.startswith("country:") for k in keys):
        return "PLACE", "sure"
    if votes:
        best, score = votes.most_common(1)[0]
        if score >= 1 and list(votes.values()).count(score) == 1:
            return best, "sure"  # type: ignore[return-value]
    n = max(1, len(members))  # every mention of the cluster's names
    ws = max(members, key=lambda c: len(c.words)).words
    if ctx["said"] and not ctx["the"]:
        return "PERSON", "context"
    if ctx["the"] * 2 >= n:
        # people are not "the X": a longer "the X Y" is mostly an organisation
        if len(ws) > 1 or ctx["agent"]:
            return "ORG", "context"  # "the Kremlin wants": a bare "the X" that decides or speaks
        return ("PLACE", "context") if ctx["in"] * 3 >= n else ("OTHER", "context")
    if ctx["in"] * 3 >= n and votes["PERSON"] < 2:
        return "PLACE", "context"
    if votes:
        best, score = votes.most_common(1)[0]
        if score >= 1:
            return best, "weak"  # type: ignore[return-value]
    if any(_seen_lower(w.casefold(), lower_seen) for w in ws if not _is_joiner(w)):
        return "OTHER", "shape"  # "the Internet", "Public Domain": capitalised common words
    if any(_is_joiner(w) for w in ws):
        return "OTHER", "shape"  # "Game of Thrones": a titled work rather than a person
    return "PERSON", "default"

