"""The argument outline: which sentences (or clauses) argue, in what role, and under what.

Pipeline, linear in the text:
  1. units     sentences, split into clauses where one sentence carries two roles
               ("While X, Y", "Of course X, but Y", "Given that X, this means that Y", "X, because Y");
  2. signals   each unit's opening discourse marker, stance/modality, the author's voice, reported
               speech, opposing voices; a turn ("But", "However") after a unit marks it conceded;
  3. roles     fitted models (`arg_model`) read these signals with position, centrality and a few
               words (`arg_features`): does the unit argue, on whose side, claim or premise;
  4. thesis    the unit the thesis model scores highest (the headline when it states a claim);
  5. tree      each unit hangs under the candidate the attachment model scores highest (same
               paragraph, nearby units, recent claims, the thesis), never in a cycle.
Every node keeps a cue: the marker or the strongest feature behind its role (docs/outline.md).
"""

from __future__ import annotations

import re

from tui.analysis import lexicon as lx
from tui.analysis.arg_features import doc_context, thesis_features, unit_features
from tui.analysis.arg_model import OutlineModels, cue, load_models, margin, positive
from tui.analysis.arg_restate import RESTATE_MIN, restate_features
from tui.analysis.arg_restate import candidates as restate_candidates
from tui.analysis.arg_signals import centrality, contrast, local_signals
from tui.analysis.arg_tree import attach
from tui.analysis.arg_units import AUX, Unit, units_of
from tui.analysis.gcpause import collector_paused
from tui.analysis.thesis import attributed
from tui.model import ArgNode, Block, Entity, Section, Sentence

LABEL_MAX = 90
THESIS_MIN_ARG = 0.1    # the thesis may be a unit the argument model doubts (an opening paragraph), not one it rejects
_CLAUSE_WORD = re.compile(r" (?=(?:because|since|although|though|while|whereas|which|who|but|so that|if|when|unless)\b)")


def build_outline(
    text: str,
    title: str,
    sentences: list[Sentence],
    sections: list[Section],
    blocks: list[Block],
    entities: list[Entity],
) -> list[ArgNode]:
    """The argument outline of an article: a one-root tree (the thesis) or [] if nothing argues.

    The headline is read from ``blocks`` (kind "title"), where its span is; ``title`` and
    ``entities`` are not needed: recurring names already weigh in through centrality.
    """
    with collector_paused():
        return outline_of(text, sentences, blocks)


def read_units(text: str, sentences: list[Sentence], blocks: list[Block]) -> tuple[list[Unit], dict]:
    """The units of a text with their signals, and the document context the features need."""
    units = units_of(text, sentences, blocks)
    for u in units:
        local_signals(u)
    contrast(units)
    for u in units:
        u.hint = u.role
    return units, doc_context(units, centrality(units) if units else [])


def outline_of(text: str, sentences: list[Sentence], blocks: list[Block], models: OutlineModels | None = None
               ) -> list[ArgNode]:
    units, ctx = read_units(text, sentences, blocks)
    if not units:
        return []
    thesis = decide(units, ctx, models or load_models())
    if thesis is None:
        return []
    return _nodes(units, thesis)


def _propositional(u: Unit) -> bool:
    """A headline or heading that states something (has a verb or a judgement), not just a topic."""
    return u.words >= 3 and (bool(AUX.search(u.text)) or u.stance >= 1)


# --- 3-5. roles, thesis and tree, from the fitted models -------------------------------------------



def decide(units: list[Unit], ctx: dict, models: OutlineModels) -> int | None:
    """Set each unit's role, cue and parent; the thesis's index, or None when nothing argues."""
    decided = decide_roles(units, ctx, models)
    if decided is None:
        return None
    roles, thesis, feats = decided
    nblocks = len(ctx["blocks"])
    last_block = ctx["blocks"][-1] if ctx["blocks"] else -1
    heading_of: dict[str | None, int] = {}
    for i, u in enumerate(units):
        if u.kind == "heading" and _propositional(u):
            roles[i] = "claim"
            heading_of[u.section] = i
    again = restatement(units, roles, thesis, ctx, feats, models)
    attach(units, roles, thesis, models, heading_of)
    if again is not None:
        roles[again], units[again].parent = "thesis", thesis
    for i, u in enumerate(units):
        u.role = roles[i]
        if roles[i] is not None:
            u.cue = _cue(u, roles[i], feats.get(i), models, i == thesis, nblocks > 2 and u.block == last_block)
    return thesis


def decide_roles(units: list[Unit], ctx: dict, models: OutlineModels
                 ) -> tuple[list[str | None], int, dict[int, dict[str, float]]] | None:
    """Each body unit's role and the thesis (the tree is `arg_tree.attach`'s), with the units'
    features; None when nothing argues."""
    body = [i for i, u in enumerate(units) if u.kind == "body" and u.words >= 3]
    if not any(_commits(units[i]) for i in body) and not any(u.kind == "title" and _commits(u) for u in units):
        return None  # nothing in the text judges, urges or reasons: a story, not an argument
    feats = {i: unit_features(units, i, ctx) for i in body}
    roles: list[str | None] = [None] * len(units)
    argues = {i: positive(models.arg, feats[i]) for i in body}
    level: dict[int, float] = {}
    for i in body:
        if argues[i] >= 0.5:
            roles[i] = _side_and_level(units, i, feats[i], models, level)
    _fill_announced(units, body, roles)
    if len(ctx["blocks"]) >= 3:
        _main_points(units, ctx, body, roles, feats, level, models)
    thesis = _thesis(units, ctx, body, roles, argues, feats, models)
    if thesis is None:
        return None
    roles[thesis] = "thesis"
    feats[thesis] = thesis_features(units, thesis, ctx, feats[thesis])  # its cue may be "stated again at the other end"
    nblocks = len(ctx["blocks"])
    last_block = ctx["blocks"][-1] if ctx["blocks"] else -1
    for i in body:
        u = units[i]
        if roles[i] == "claim" and (u.rel in ("result", "summary") or (nblocks > 2 and u.block == last_block)):
            roles[i] = "conclusion"
    return roles, thesis, feats


def _side_and_level(units: list[Unit], i: int, f: dict[str, float], models: OutlineModels,
                    level: dict[int, float]) -> str:
    """The role of a unit that argues: counter, or on the author's side a claim or a premise
    (the claim probability is kept in ``level``)."""
    u = units[i]
    # the two clauses of a split sentence take their sides from its structure ("While X, Y")
    # and a turn ("But", "However") right after a concession answers it
    side = {"concedes": "counter", "answers": "own"}.get(u.link or "") if u.partner is not None \
        and u.link and (_split_pair(units, i) or u.link == "answers") else None
    if side == "counter" or (side is None and positive(models.side, f) >= 0.5):
        return "counter"
    if u.reported:
        return "premise"  # someone else's words are testimony: evidence at most, never a point of the author's
    level[i] = positive(models.level, f)
    return "claim" if level[i] >= 0.5 else "premise"


def _fill_announced(units: list[Unit], body: list[int], roles: list[str | None]) -> None:
    """"for two reasons … First, … Second, …": the items fill the announced reasons, they are no new points."""
    slots = 0
    for i in body:
        if units[i].announce is not None:
            slots = units[i].announce if roles[i] == "claim" else 0
        elif slots and units[i].rel == "enumeration":
            slots -= 1
            if roles[i] == "claim":
                roles[i] = "premise"


def _main_points(units: list[Unit], ctx: dict, body: list[int], roles: list[str | None], feats: dict,
                 level: dict[int, float], models: OutlineModels) -> None:
    """Each paragraph that argues contributes its main point: the unit most like a claim."""
    announced = next((i for i in body if units[i].announce), len(units))
    for members in ctx["in_block"].values():
        # ("Second, …" after "for two reasons" is a reason given for that claim, not a new point)
        own = [i for i in members if roles[i] in ("claim", "premise") and not units[i].reported
               and not units[i].question
               and not (units[i].rel == "enumeration" and i > announced)]
        if not own and not any(roles[i] for i in members):
            # a paragraph the argument model skipped entirely still argues if it commits to something
            own = [i for i in members if i in feats and _commits(units[i]) and not units[i].reported
                   and not units[i].question]
        if all(units[i].narrates for i in members):
            # a paragraph that only tells what happened makes no point of its own: its
            # sentences support the points around them
            for i in members:
                if roles[i] == "claim":
                    roles[i] = "premise"
            continue
        if own and not any(roles[i] == "claim" for i in members):
            roles[max(own, key=lambda i: (level[i] if i in level else positive(models.level, feats[i]), -i))] = "claim"


def _thesis(units: list[Unit], ctx: dict, body: list[int], roles: list[str | None], argues: dict[int, float],
            feats: dict, models: OutlineModels) -> int | None:
    """The unit the thesis model ranks first among the author's own claims, or None."""
    pool = [i for i in body if roles[i] != "counter" and not units[i].question and not units[i].reported and argues[i] >= THESIS_MIN_ARG]
    # the thesis is the author's own claim: a unit that judges, urges, predicts or says "I think",
    # when the text has one (measured on essays, microtexts and editorials: docs/outline.md)
    committed = [i for i in pool if units[i].stance > 0 or units[i].author or units[i].hint in ("claim", "conclusion")]
    # … and not the "but Y" of "X, but Y": a reply to the concession the sentence makes, not its main claim
    committed = [i for i in committed if not (units[i].forced and units[i].hint == "rebuttal")] or committed
    # … nor someone else's claim reported with the author's "we should" inside it (thesis.py)
    committed = [i for i in committed if not attributed(units[i])]
    pool = committed or pool
    head = next((i for i, u in enumerate(units) if u.kind == "title"), None)
    if head is not None and _claims(units[head]):
        # the headline competes on what it says, read like a body sentence (the thesis model never
        # saw a title: the essays' titles are prompts set by someone else)
        feats[head] = {k: v for k, v in unit_features(units, head, ctx).items() if k != "headline"}
        pool.append(head)
    if not pool or not (any(roles[i] for i in body) or (head in pool and positive(models.arg, feats[head]) >= 0.5)):
        return None
    ctx["thesis_pool"] = pool  # what "the best-restated candidate" is read among (thesis.py)
    return max(pool, key=lambda i: (margin(models.thesis, thesis_features(units, i, ctx, feats[i])), -i))


def restatement(units: list[Unit], roles: list[str | None], thesis: int, ctx: dict, feats: dict,
                models: OutlineModels) -> int | None:
    """The unit after the thesis that restates it, when the restatement model is confident of one
    (a restatement before it would read, in the text's order, as the thesis itself)."""
    if units[thesis].kind != "body":
        return None
    pool = restate_candidates(units, [i for i in feats if roles[i] in ("claim", "conclusion", "premise") and i > thesis
                                      and not units[i].question and not units[i].reported], thesis)
    if not pool:
        return None
    scored = [(positive(models.restate, restate_features(units, i, thesis, ctx, feats[i])), -i) for i in pool]
    p, best = max(scored)
    return -best if p >= RESTATE_MIN else None


def _commits(u: Unit) -> bool:
    """The unit commits to something: a marker of argument, a judgement, an urging, the author's view."""
    return u.hint is not None or u.stance >= 1 or bool(u.author)


def _split_pair(units: list[Unit], i: int) -> bool:
    """Whether unit i and its partner are the two clauses of one sentence."""
    p = units[i].partner
    a, b = (units[p], units[i]) if p < i else (units[i], units[p])
    return a.end <= b.start and not any(ch in ".!?" for ch in a.text.rstrip()[-1:])


def _claims(u: Unit) -> bool:
    """A headline that states a claim of the author's (not a topic, a question or someone's words)."""
    return _propositional(u) and not u.question and not u.voice and not u.reported


def _cue(u: Unit, role: str, f: dict | None, models: OutlineModels, is_thesis: bool, closing: bool) -> str | None:
    """Why the node has its role: the marker when it agrees with the model, else the strongest feature."""
    if u.kind == "heading":
        return "heading"
    if role == "thesis" and not is_thesis:
        return "restates the thesis"
    if is_thesis:
        if u.kind == "title":
            return "headline"
        return u.author or cue(models.thesis, f or {}, "1", u.stance_cue or "central")
    if role == "counter":
        if u.hint == "counter" and u.cue:
            return u.cue
        return cue(models.side, f or {}, "1", "objection")
    if role == "rebuttal":
        return u.cue if u.rel == "contrast" or u.hint == "rebuttal" else "answers an objection"
    if role == "conclusion":
        if u.rel in ("result", "summary") and u.cue:
            return u.cue
        return "closing paragraph" if closing else cue(models.level, f or {}, "1", None)
    if role == "claim":
        if u.announce is not None:
            found = lx.ANNOUNCED.search(u.text)
            return found.group() if found else u.cue
        if u.hint in ("claim", "conclusion") and u.cue:
            return u.cue
        return cue(models.level, f or {}, "1", u.stance_cue)
    if u.hint in ("premise", None) and u.cue and u.rel:
        return u.cue
    return cue(models.level, f or {}, "0", None)


def _nodes(units: list[Unit], thesis: int) -> list[ArgNode]:
    kept = [i for i, u in enumerate(units) if u.role is not None]
    nodes: dict[int, ArgNode] = {}
    for n, i in enumerate(kept):
        u = units[i]
        # unvalidated, every field given in order: every value is the analysis's own (a book has thousands of nodes)
        nodes[i] = ArgNode._row({"start": u.start, "end": u.end, "id": f"arg-{n}", "role": u.role, "label": _label(u),
                                 "cue": u.cue, "by": "analysis", "relation": None, "children": []})
    for i in kept:
        if i != thesis:
            nodes[units[i].parent if units[i].parent in nodes else thesis].children.append(nodes[i])
    return [nodes[thesis]]



def _label(u: Unit) -> str:
    """The unit's content without its opening connective, on one line, cut at a clause boundary."""
    s = " ".join(u.text[u.body:].split()).lstrip(" ,;:–—-")
    if not s:
        s = " ".join(u.text.split())
    if not s[1:2].isupper():  # "iPhone", "eBay" keep their case
        s = s[:1].upper() + s[1:]
    if len(s) <= LABEL_MAX:
        return s
    window = s[: LABEL_MAX - 1]
    cut = max(window.rfind(", "), window.rfind("; "), window.rfind(": "), window.rfind(" – "), window.rfind(" — "),
              window.rfind(" ("))
    if cut < 35:
        # no punctuation far enough in: before a word that opens a clause, else between words
        cut = max((m.start() for m in _CLAUSE_WORD.finditer(window, 50)), default=-1)
    if cut < 35:
        cut = window.rfind(" ")
    if cut <= 0:
        cut = LABEL_MAX - 1
    return s[:cut].rstrip(" ,;:–—-(") + "…"
