"""The thesis ranker's view of a unit: what marks it as the main claim beyond its own words.

`arg_features.thesis_features` adds these to a unit's features for `outline_thesis`, a per-document
ranker (fitted on pairs: the major claim against another unit of the same text). Each cue holds in
more than one of the corpora it learns from:

  stated again             a writer states the main claim more than once: an essay in its
                           introduction and its conclusion, an op-ed in its headline and a late
                           paragraph, a microtext at its start and as its verdict. Read as word
                           overlap (Dice of content words) with the headline, and with the units of
                           the opening and closing paragraphs (any unit two or more places away in a
                           text of one or two paragraphs); the best-restated unit of each is marked.
  place, by length         a short text (a letter, a microtext) often opens with its claim; a long
                           one opens by setting the scene: first/last unit read with the text's length.
  read alone               a thesis says something by itself: not "I think they would." (few content
                           words, an opening pronoun), not a clause cut from its sentence, not "I
                           agree with this statement" (the claim is elsewhere).
  the author's own         `attributed`: "X, the author of …, argued that we should …" is someone
                           else's claim even with a "we should" inside; it never becomes the thesis.

Cost: a set intersection per unit and unit of the opening and closing paragraphs, once per document.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.analysis.arguments import Unit

_EDGES = (0.01, 0.2, 0.35, 0.5)   # Dice buckets: none, a word or two, some, much, a restatement
NEAR = 2                           # in a short text a neighbour's overlap is cohesion, not restatement
SHORT_TEXT = 40                    # units: a one- or two-paragraph text this short is compared unit to unit
HEADLINE_WORDS = 20                # an opening paragraph of one sentence this short, in a text of paragraphs, is its headline


def _bucket(x: float) -> int:
    for k, e in enumerate(_EDGES):
        if x < e:
            return k
    return len(_EDGES)


def restatement(units: list[Unit], ctx: dict) -> dict[int, tuple[float, float]]:
    """Per body unit: (overlap with the headline, best overlap with the other end of the text),
    as Dice coefficients of distinct content words. Computed once per document, kept in ``ctx``;
    the units of the text's two ends are indexed by word, so each unit costs a few look-ups."""
    hit = ctx.get("restated")
    if hit is not None:
        return hit
    # the candidates the ranker compares (ctx["thesis_pool"], set by the caller), else every body unit
    body = [i for i in ctx.get("thesis_pool", ctx["body"]) if units[i].kind == "body" and units[i].terms]
    head = next((u for u in units if u.kind == "title" and u.terms), None)
    blocks = ctx["blocks"]
    paragraphs = len(blocks) >= 3
    first = ctx["body"][0] if ctx["body"] else None
    if head is None and paragraphs and first is not None and units[first].terms and units[first].words <= HEADLINE_WORDS \
            and len(ctx["in_block"][units[first].block]) == 1:
        # a headline that reads as a sentence ("Congress must reassert its authority.") comes in as
        # the first paragraph: one short sentence alone, above the article's paragraphs
        head = units[first]
        ctx["opening_head"] = first
    head_terms = frozenset(head.terms) if head is not None else frozenset()
    ends: list[int] = []
    if paragraphs:
        ends = [i for k in (0, -1) for i in ctx["in_block"][blocks[k]] if units[i].terms]
    elif len(ctx["body"]) <= SHORT_TEXT:
        ends = [i for i in ctx["body"] if units[i].terms]
    size: dict[int, int] = {}
    index: dict[str, list[int]] = {}
    for j in ends:
        distinct = set(units[j].terms)
        size[j] = len(distinct)
        for t in distinct:
            index.setdefault(t, []).append(j)
    out: dict[int, tuple[float, float]] = {}
    best_h = best_e = 0.0
    for i in body:
        distinct = set(units[i].terms)
        n = len(distinct)
        h = 2 * len(distinct & head_terms) / (n + len(head_terms)) if head_terms and units[i] is not head else 0.0
        e = 0.0
        if not index.keys().isdisjoint(distinct):
            shared: dict[int, int] = {}
            for t in distinct:
                for j in index.get(t, ()):
                    shared[j] = shared.get(j, 0) + 1
            blk = units[i].block
            for j, c in shared.items():
                if units[j].block != blk if paragraphs else abs(j - i) >= NEAR:
                    d = 2 * c / (n + size[j])
                    if d > e:
                        e = d
        out[i] = (h, e)
        if h > best_h:
            best_h = h
        if e > best_e:
            best_e = e
    ctx["restated"] = out
    ctx["restated_best"] = (best_h, best_e)
    return out


def restatement_features(units: list[Unit], i: int, ctx: dict) -> dict[str, float]:
    """The thesis ranker's restatement features of body unit ``i`` (empty for other units)."""
    r = restatement(units, ctx).get(i)
    if r is None:
        return {}
    h, e = r
    best_h, best_e = ctx["restated_best"]
    f: dict[str, float] = {}
    if ctx.get("title_terms") or ctx.get("opening_head", i) != i:
        f[f"hl_dice={_bucket(h)}"] = 1.0
        if h > 0 and h == best_h:
            f["hl_best"] = 1.0
    f[f"echo={_bucket(e)}"] = 1.0
    if e > 0 and e == best_e:
        f["echo_best"] = 1.0
    return f


_ANAPHORS = frozenset("it this that these those they them he she so such there".split())
# "I agree with this statement", "I disagree with the above view": the claim itself is elsewhere
_POINTS_BACK = re.compile(r"\b(?:this|that|these|the above|the following|the given|such an?) (?:statement|opinion|view|notion"
                          r"|idea|argument|claim|point|assertion|position|question|topic|issue|saying|proposition)s?\b", re.I)
SHORT_DOC = 8   # body units: a text this short states its claim anywhere, often first (a letter, a microtext)


_OPENING = re.compile(r"[\s\"'“‘(,]*([A-Za-z]*)")
_BACK_NOUNS = frozenset("statement opinion view notion idea argument claim point assertion position question topic "
                        "issue saying proposition statements opinions views notions ideas arguments claims points".split())
_SIZE = ("terms=few", "terms=few", "terms=few", "terms=some", "terms=some", "terms=some")


def thesis_view(units: list[Unit], i: int, ctx: dict, f: dict[str, float]) -> dict[str, float]:
    """The thesis ranker's features of body unit ``i``: the unit's own features, where it stands in
    a text of that length, whether it can stand alone, and whether it is stated again."""
    g = dict(f)
    g.update(restatement_features(units, i, ctx))
    u = units[i]
    size = "short" if len(ctx["body"]) <= SHORT_DOC else "long"
    if "first_unit" in f:
        g["first_unit|" + size] = 1.0
    if "last_unit" in f:
        g["last_unit|" + size] = 1.0
    # a thesis can be read alone: not a clause cut from its sentence, not "They would." or "So it is."
    terms = u.terms
    n = len(terms) if len(terms) < 3 else len(set(terms))
    g[_SIZE[n] if n < 6 else "terms=many"] = 1.0
    first = _OPENING.match(u.text, u.body).group(1)
    if first.lower() in _ANAPHORS:
        g["opens_anaphor"] = 1.0
    if first[:1].islower():
        g["fragment"] = 1.0
    if u.stance > 0 or u.author or u.hint in ("claim", "conclusion"):
        g["commits"] = 1.0
    if not _BACK_NOUNS.isdisjoint(terms) and _POINTS_BACK.search(u.text):
        g["points_back"] = 1.0
    return g


# "Os Guinness, the author of …, argued that we should …": someone else's claim, even with the
# author's "we should" inside it
_ATTRIBUTED = re.compile(r"\b(?!I\b|[Ww]e\b|is\b|are\b|was\b|were\b|be\b|been\b)(\w+)(?:,[^,]{0,120},)? (?:has |had )?(?:argued|contended|claimed|insisted|maintained"
                         r"|suggested|wrote|said|declared|warned) that\b")


_REPORTING_THAT = re.compile(r"(?:argued|contended|claimed|insisted|maintained|suggested|wrote|said|declared|warned) that\b")


def attributed(u: Unit) -> bool:
    """The unit reports what someone else argued (a premise at most, never the thesis)."""
    return u.reported or (u.words > 4 and _REPORTING_THAT.search(u.text) is not None
                          and _ATTRIBUTED.search(u.text) is not None)
