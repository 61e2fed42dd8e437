"""Features of argument units and of (unit, candidate parent) pairs, for the learned outline.

A feature is a short string ("rel=reason", "first_para", "w1=however"); its weight comes from
the models fitted by `python -m tui.analysis.train outline`. The cues computed by the lexicon
(markers by relation, stance, the author's voice, reported speech, clause splits) sit beside
position, centrality and a few lexical features; the model decides how much each is worth.
`describe` turns the strongest features behind a decision back into words for the node's cue.
Linear in the text: each unit is read once; pairs are limited to a window of candidates.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tui.analysis.thesis import thesis_view

if TYPE_CHECKING:  # the Unit dataclass lives with the segmentation
    from tui.analysis.arg_units import Unit

_TOKEN = re.compile(r"[a-z][a-z']*|\d+|[?!]")
# function words and connectives generalise across topics; content words are left to centrality
_LEXICAL = frozenset(
    """i we you he she they it this that these those my our your their his her its one people
    should must need needs ought can could may might will would shall is are was were be been have has had do does
    not no never always often usually more most less least very too also only even just however but yet although
    though while whereas because since so therefore thus hence if unless when then first second third finally
    furthermore moreover addition example instance conclusion sum overall believe think opinion view agree disagree
    argue claim say said says reason reasons why how what which who clearly obviously certainly indeed of_course
    some many others opponents critics some_people however, according study studies research show shows""".split()
)


def _bucket(x: float, edges: tuple[float, ...]) -> int:
    for k, e in enumerate(edges):
        if x < e:
            return k
    return len(edges)


def thesis_features(units: list[Unit], i: int, ctx: dict, f: dict[str, float]) -> dict[str, float]:
    """The unit's features plus the conjunctions the thesis model needs: where in which paragraph
    (an essay states its thesis at the end of its opening paragraph and again in its closing one)."""
    u = units[i]
    if u.kind != "body":
        return f
    g = thesis_view(units, i, ctx, f)  # length, standing alone, restated: thesis.py
    if len(ctx["blocks"]) < 3:
        return g
    members = ctx["in_block"][u.block]
    k = ctx["place"][i]
    rank = ctx["block_rank"][u.block]
    where = "first" if k == 0 else ("last" if k == len(members) - 1 else "mid")
    part = "open" if rank == 0 else ("close" if rank == len(ctx["blocks"]) - 1 else "body")
    g[f"at={part}:{where}"] = 1.0
    if u.author:
        g[f"author@{part}"] = 1.0
    return g


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def doc_context(units: list[Unit], central: list[float]) -> dict:
    """What unit features need to know about the whole document, computed once."""
    body = [i for i, u in enumerate(units) if u.kind == "body"]
    blocks = sorted({units[i].block for i in body})
    block_rank = {b: k for k, b in enumerate(blocks)}
    in_block: dict[int, list[int]] = {}
    for i in body:
        in_block.setdefault(units[i].block, []).append(i)
    place = {i: k for members in in_block.values() for k, i in enumerate(members)}
    title = next((u for u in units if u.kind == "title"), None)
    title_terms = set(title.terms) if title is not None else set()
    return {"body": body, "blocks": blocks, "block_rank": block_rank, "in_block": in_block,
            "title_terms": title_terms, "central": central, "place": place,
            "around": paragraph_context(units, in_block)}


def paragraph_context(units: list[Unit], in_block: dict[int, list[int]]) -> dict[int, tuple[str, ...]]:
    """What the rest of its paragraph says about a unit, from the markers around it (one pass per
    paragraph): inside an objection that a later "However" answers, after that turn, before a
    conclusion the paragraph draws, beside another unit that takes a stance."""
    out: dict[int, tuple[str, ...]] = {}
    for members in in_block.values():
        if len(members) < 2:
            continue
        turns = [k for k, i in enumerate(members) if units[i].rel == "contrast" and not units[i].forced]
        first_turn = turns[0] if turns else len(members)
        answered = _answered(units, members)
        last_result = max((k for k, i in enumerate(members) if units[i].rel in ("result", "summary")), default=-1)
        stances = sum(1 for i in members if units[i].role in ("claim", "conclusion"))
        opened = False  # a unit voiced or conceded the other side, and no turn has answered it yet
        for k, i in enumerate(members):
            u = units[i]
            names = []
            if answered[k]:
                names.append("turn_later")
            if k > first_turn:
                names.append("after_turn")
            if opened and u.rel != "contrast":
                names.append("inside_objection")
            if k < last_result:
                names.append("conclusion_later")
            if stances - (u.role in ("claim", "conclusion")) > 0:
                names.append("stance_beside")
            if u.role == "counter" or u.voice:
                opened = True
            elif u.rel == "contrast":
                opened = False
            if names:
                out[i] = tuple(names)
    return out


def _answered(units: list[Unit], members: list[int]) -> list[bool]:
    """Per unit of a paragraph: a later turn ("However", "But") answers it — a turn follows with no
    other concession or opposing voice between them (that one would be what the turn answers)."""
    out = [False] * len(members)
    ahead = False
    for k in range(len(members) - 1, -1, -1):
        u = units[members[k]]
        out[k] = ahead
        if u.rel == "contrast" and not u.forced:
            ahead = True
        elif u.role == "counter" or u.voice:
            ahead = False
    return out


def unit_features(units: list[Unit], i: int, ctx: dict) -> dict[str, float]:
    """The features of unit ``i`` (a body unit or the headline)."""
    u = units[i]
    f: dict[str, float] = {}
    if u.kind == "title":
        f["headline"] = 1.0
    hint = u.role or "none"
    f["hint=" + hint] = 1.0
    if u.rel:
        f["rel=" + u.rel] = 1.0
    if u.forced:
        f["split"] = 1.0
        f[f"split={hint}"] = 1.0
    if u.link:
        f["link=" + u.link] = 1.0
    if u.weak:
        f["weak_turn"] = 1.0
    if u.stance >= 2:
        f["stance>=2"] = 1.0
    elif u.stance >= 1:
        f["stance=1"] = 1.0
    elif u.stance > 0:
        f["stance=low"] = 1.0
    if u.author:
        f["author"] = 1.0
    if u.voice:
        f["voice"] = 1.0
    if u.reported:
        f["reported"] = 1.0
    if u.question:
        f["question"] = 1.0
    if u.result:
        f["result_adverb"] = 1.0
    if u.announce is not None:
        f["announce"] = 1.0
    _place_features(units, i, ctx, f)
    _content_features(units, i, ctx, f)
    return f


def _place_features(units: list[Unit], i: int, ctx: dict, f: dict[str, float]) -> None:
    """Where the unit stands: its length, its place in the document and its paragraph, its neighbours' markers."""
    u = units[i]
    f[_LEN[u.words] if u.words < 46 else "len=5"] = 1.0
    # position in the document and in the paragraph
    body = ctx["body"]
    nblocks = len(ctx["blocks"])
    if u.kind == "body":
        rank = ctx["block_rank"][u.block]
        members = ctx["in_block"][u.block]
        k = ctx["place"][i]
        if i == body[0]:
            f["first_unit"] = 1.0
        if i == body[-1]:
            f["last_unit"] = 1.0
        if nblocks >= 3:
            # paragraph structure says something only where there is some: an essay's or an
            # op-ed's opening and closing paragraphs, a paragraph's topic sentence
            if rank == 0:
                f["first_para"] = 1.0
            if rank == nblocks - 1:
                f["last_para"] = 1.0
            if 0 < rank < nblocks - 1:
                f["middle_para"] = 1.0
            f["para_first" if k == 0 else "para_later"] = 1.0
            if k == len(members) - 1 and k > 0:
                f["para_last"] = 1.0
            f[_PARA_LEN[len(members)] if len(members) < 9 else "para_len=4"] = 1.0
        # the neighbours' markers: a turn after a unit makes it a concession, a reason after it a claim
        nxt = units[i + 1] if i + 1 < len(units) else None
        if nxt is not None and nxt.kind == "body" and nxt.block == u.block and nxt.rel:
            f["next_rel=" + nxt.rel] = 1.0
        prv = units[i - 1] if i > 0 else None
        if prv is not None and prv.kind == "body" and prv.block == u.block:
            f["prev_hint=" + (prv.role or "none")] = 1.0
            if prv.rel:
                f["prev_rel=" + prv.rel] = 1.0
            if prv.voice:
                f["prev_voice"] = 1.0


def _content_features(units: list[Unit], i: int, ctx: dict, f: dict[str, float]) -> None:
    """What the rest of its paragraph says, how central and how like the headline it is, its words."""
    u = units[i]
    for name in ctx["around"].get(i, ()):
        f[name] = 1.0
    c = ctx["central"][i]
    f[f"central={_bucket(c, (0.25, 0.5, 0.75))}"] = 1.0
    if ctx["title_terms"] and u.kind == "body" and u.terms:
        overlap = len(ctx["title_terms"].intersection(u.terms)) / len(ctx["title_terms"])
        f[f"title_sim={_bucket(overlap, (0.01, 0.34, 0.67))}"] = 1.0
    # lexical: opening words and connective/function unigrams
    raw = _tokens(u.text)
    # the words after the opening marker: the marker's own words dropped (one short split, not a second long one)
    toks = raw[len(_tokens(u.text[:u.body])):] if u.body else raw
    if raw:
        f["w1=" + raw[0]] = 1.0
        if len(raw) > 1:
            f["w12=" + raw[0] + "_" + raw[1]] = 1.0
    for t in _LEXICAL.intersection(toks):
        f["u=" + t] = 1.0


# the bucketed features of small counts, spelt once
_LEN = tuple(f"len={_bucket(n, (6, 12, 20, 30, 45))}" for n in range(46))
_PARA_LEN = tuple(f"para_len={_bucket(n, (2, 3, 5, 8))}" for n in range(9))


_DIST = tuple(_bucket(d, (2, 3, 4, 6, 10)) for d in range(11))
_SHARED = (0, 1, 2, 2, 3)


class PairKeys:
    """What the pair features of (unit, candidate parent) depend on, as small tuples: few distinct
    values, so the attachment scores of a long text are looked up rather than recomputed.

    What a key reads of each unit under the given roles is gathered once per document.
    """

    __slots__ = ("side", "block", "body", "terms", "rel", "partner", "link", "enum", "announces", "para_first")

    def __init__(self, units: list[Unit], roles: list[str | None], thesis: int) -> None:
        self.side = [_side(r) for r in roles]
        self.side[thesis] = "thesis"
        self.block = [u.block for u in units]
        self.body = [u.kind == "body" for u in units]
        self.terms = [frozenset(u.terms) if u.terms else None for u in units]
        self.rel = [u.rel for u in units]
        self.partner = [u.partner for u in units]
        self.link = [u.link for u in units]
        self.enum = [u.rel == "enumeration" for u in units]
        self.announces = [u.announce is not None for u in units]
        self.para_first = [j == 0 or units[j - 1].block != u.block for j, u in enumerate(units)]

    def key(self, i: int, j: int) -> tuple:
        return self.keys(i, (j,))[0]

    def keys(self, i: int, js) -> list[tuple]:
        """The keys of unit ``i`` under each candidate of ``js``."""
        side, block, body, terms = self.side, self.block, self.body, self.terms
        si, bi, ti, rel, enum = side[i], block[i], terms[i], self.rel[i], self.enum[i]
        partner, link = self.partner[i], self.link[i]
        announces, para_first = self.announces, self.para_first
        out = []
        for j in js:
            d = j - i
            ad = -d if d < 0 else d
            same = bi == block[j] and body[j]
            tj = terms[j]
            if ti is None or tj is None:
                shared = None
            else:
                n = len(ti & tj)
                shared = _SHARED[n] if n < 4 else 3
            out.append((si, side[j], d < 0, _DIST[ad] if ad < 11 else 5, ad == 1, same, rel,
                        link if partner == j else False, announces[j] and enum and d < 0,
                        same and para_first[j], shared))
        return out


def pair_features(units: list[Unit], i: int, j: int, roles: list[str | None], thesis: int,
                  keys: PairKeys | None = None) -> dict[str, float]:
    """Features of "unit ``i`` hangs under unit ``j``", given the roles decided so far
    (``keys``: the document's `PairKeys` under these roles, when the caller keeps them)."""
    return key_features((keys or PairKeys(units, roles, thesis)).key(i, j))


def key_features(key: tuple) -> dict[str, float]:
    ri, rj, before, dist, adjacent, same, rel, link, fills, para_first, shared = key
    side = "before" if before else "after"
    f: dict[str, float] = {
        "bias": 1.0,
        f"dir={side}": 1.0,
        f"dist={dist}": 1.0,
        f"roles={ri}>{rj}": 1.0,
        "same_para" if same else "other_para": 1.0,
        f"roles={ri}>{rj}|{'same' if same else 'other'}": 1.0,
        f"roles={ri}>{rj}|{side}": 1.0,
    }
    if adjacent:
        f["adjacent" + ("_prev" if before else "_next")] = 1.0
    if rel:
        f[f"rel={rel}|{side}"] = 1.0
        f[f"rel={rel}>{rj}"] = 1.0
    if link is not False:
        f["partner"] = 1.0
        if link:
            f["partner_link=" + link] = 1.0
    if fills:
        f["fills_announced"] = 1.0
    if para_first:
        f["parent_para_first"] = 1.0
    if shared is not None:
        f[f"shared={shared}"] = 1.0
    return f


def _side(role: str | None) -> str:
    if role in ("counter",):
        return "counter"
    if role in ("claim", "conclusion"):
        return "claim"
    if role == "thesis":
        return "thesis"
    return "premise"


# --- cues: the strongest features behind a decision, in words ---------------------------------------

_PHRASES = {
    "headline": "the headline",
    "author": "the author's own view",
    "voice": "an opposing voice",
    "reported": "reported speech",
    "question": "a question",
    "result_adverb": "“therefore” inside",
    "announce": "announces reasons",
    "first_para": "opening paragraph",
    "last_para": "closing paragraph",
    "first_unit": "opening sentence",
    "last_unit": "closing sentence",
    "para_first": "opens its paragraph",
    "para_last": "closes its paragraph",
    "stance>=2": "a call to act",
    "stance=1": "a judgement",
    "split": "clause of a split sentence",
    "weak_turn": "before a turn",
    "link=concedes": "concedes",
    "link=answers": "answers a concession",
    "link=supports": "gives a reason",
    "rel=concession": "a concession marker",
    "rel=contrast": "a turn (“but”, “however”)",
    "rel=reason": "a reason marker",
    "rel=result": "a result marker",
    "rel=summary": "a summing-up marker",
    "rel=example": "an example marker",
    "rel=evidence": "cites evidence",
    "rel=enumeration": "an item of a list",
    "rel=addition": "adds a point",
    "next_rel=contrast": "before “but”",
    "turn_later": "a turn follows in its paragraph",
    "inside_objection": "inside an objection",
    "conclusion_later": "its paragraph concludes later",
    "next_rel=reason": "a reason follows",
    "next_rel=example": "an example follows",
    "hl_best": "restates the headline",
    "echo_best": "stated again at the other end",
    "title_sim=3": "restates the headline",
    "title_sim=2": "echoes the headline",
    "central=3": "central to the text",
    "hint=counter": "concedes a point",
    "hint=claim": "takes a stance",
    "hint=conclusion": "draws a conclusion",
    "hint=premise": "gives support",
}


def describe(feature: str) -> str | None:
    """A reader's phrase for a feature, or None when it says nothing a reader could check."""
    return _PHRASES.get(feature)


WINDOW = 6          # attachment candidates: this many outline units either side, in the same paragraph
RECENT_CLAIMS = 3   # … the latest claims before the unit, and the thesis


def candidates(units: list[Unit], kept: list[int], k: int, thesis: int, recent: list[int]) -> list[int]:
    """Where unit ``kept[k]`` may hang: a bounded set, so attachment stays linear in the text."""
    i = kept[k]
    block = units[i].block
    out = {thesis, *recent}
    for j in kept[max(0, k - WINDOW):k + WINDOW + 1]:
        if units[j].block == block:
            out.add(j)
    out.discard(i)
    return sorted(out)
