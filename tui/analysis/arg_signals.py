"""The signals of each argument unit, read off its words, and its centrality in the text.

Each unit's opening discourse marker, stance and modality, the author's voice, reported speech and
opposing voices (`local_signals`); a turn ("But", "However") after a unit marks it conceded
(`contrast`); how central its content words are to the whole text (`centrality`). The role a
unit's markers suggest is kept as a hint: the fitted models decide the final one (`arguments`).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import chain

from tui.analysis import lexicon as lx
from tui.analysis.arg_units import UNSET, Unit

_SUPPORT = frozenset({"reason", "example", "evidence", "addition", "enumeration"})
_PREPOSITIONAL_CONCESSION = frozenset({"despite", "in spite of", "notwithstanding"})
_QUOTED = re.compile(r"\s*[\"“‘«]")  # a unit that opens with a quotation mark is someone's words


# --- 2. local signals ----------------------------------------------------------------------------

def local_signals(u: Unit) -> None:
    t = u.text
    # lower-cased once: tokenised for content terms and the cue prefilter's word set, and (when it
    # lines up with the text) searched by the cue patterns in their faster case-sensitive form
    fold = lx.folded(t)
    low = t.lower() if fold is None else fold
    u.words = len(t.split())
    u.terms = lx.content_terms(t, low)
    u.question = t.rstrip(" \"'”’)").endswith("?")
    words = lx.words_of(t, low)
    u.stance, u.stance_cue = lx.stance(t[u.body:], words, u.question, None if fold is None else fold[u.body:])
    # (the voice that led the sentence, when a clause split left it outside the unit: "In my view, although …")
    u.author = None if u.question else (lx.author_voice(t, words, fold) or u.author)
    u.result = lx.inner_result(t, words, fold)
    u.narrates = lx.narrates(low, words)
    said = lx.reported_speech(t, words, fold)
    if said and (not u.author or _QUOTED.match(t)):
        # someone else's stance, reported ("We should …," she said): evidence at most
        u.reported = True
        u.author, u.stance, u.stance_cue = None, 0.0, None
    if u.kind != "body":
        u.voice = lx.opposing_voice(t, words, fold)  # a headline reporting what "critics say" is not the thesis
        return
    if not u.forced:
        op = (lx.opening_marker(t) if u.opening is UNSET else u.opening) or lx.parenthetical_contrast(t)
        if op:
            u.rel, u.body = op.relation, op.end
            if u.cue is None or u.role is None:
                u.cue = op.cue
        u.voice = lx.opposing_voice(t, words, fold)
        u.announce = lx.announced_count(t, words, fold)
    elif u.role == "rebuttal":
        op = lx.opening_marker(t)
        if op:
            u.cue, u.body = op.cue, op.end
    if u.forced:
        return
    if u.rel == "concession" and u.cue and u.cue.lower() in _PREPOSITIONAL_CONCESSION:
        # "Despite the cost there are …": a conceded circumstance inside the author's own statement
        u.rel, u.cue, u.body = None, None, 0
    if u.rel == "concession" or (u.voice and u.rel not in ("contrast", "result", "summary")):
        u.role, u.cue = "counter", u.cue if u.rel == "concession" else u.voice
    elif u.rel in _SUPPORT:
        u.role = "premise"
    elif u.rel in ("result", "summary"):
        u.role = "conclusion"
    elif u.announce is not None:
        u.role, u.cue = "claim", lx.ANNOUNCED.search(t).group()
    elif u.rel == "contrast":
        u.role = "claim" if u.stance >= 1 else None  # settled by `_contrast`
    elif u.stance >= 1:
        u.role, u.cue = "claim", u.stance_cue



# --- 3. context: a turn ("But", "However") after a unit ------------------------------------------

def contrast(units: list[Unit]) -> None:
    for i, u in enumerate(units):
        if u.kind != "body" or u.rel != "contrast" or u.forced:
            continue
        j = i - 1
        prev = units[j] if j >= 0 else None
        if prev is None or prev.kind != "body" or (prev.block != u.block and prev.block != u.block - 1):
            continue
        if prev.role == "counter":
            u.role, u.partner, u.link = "rebuttal", j, "answers"
        elif prev.link == "supports" and prev.partner is not None and units[prev.partner].role == "counter":
            # "Admittedly X, since Y. Nevertheless Z": Z answers X
            u.role, u.partner, u.link = "rebuttal", prev.partner, "answers"
        elif prev.partner == i - 2 and prev.link == "answers" and units[j - 1].role == "counter" and prev.role is None:
            # "While X, Y. But Z": Z answers the concession along with Y
            u.role, u.partner, u.link = "rebuttal", j - 1, "answers"
        elif (not prev.forced and prev.role in (None, "claim") and prev.rel in (None, "contrast")
              and not prev.result and (prev.stance > 0 or prev.role == "claim")):
            # the turn makes what came before a point the author grants and then answers
            # (when it judged or claimed something: "The drivers moved. But the buses stayed." tells a story)
            prev.role, prev.cue = "counter", f"before “{u.cue.rstrip(',')}”"
            u.role, u.partner, u.link = "rebuttal", j, "answers"
            prev.weak = u.weak = True


def centrality(units: list[Unit]) -> list[float]:
    """Cosine of each unit's tf-idf vector with the centroid of all the others, scaled to [0, 1].

    Linear: document and total frequencies are counted once; with C the sum of all vectors,
    v·(C - v) = v·C - |v|² and |C - v|² = |C|² - 2 v·C + |v|².
    """
    terms = [u.terms for u in units]
    distinct = [dict.fromkeys(ts) for ts in terms]  # each unit's terms once, in first-seen order
    # counted in one C-level pass each; first-seen order (hence the float sums) as unit by unit
    df: Counter[str] = Counter(chain.from_iterable(distinct))
    total: Counter[str] = Counter(chain.from_iterable(terms))
    n = len(units)
    idf2 = {t: (math.log((n + 1) / k) + 1.0) ** 2 for t, k in df.items()}
    c_norm2 = sum(idf2[t] * f * f for t, f in total.items())
    # most units use each term once: with f = 1, idf2·f·f and idf2·f·total are exactly these
    idf2_total = {t: idf2[t] * total[t] for t in idf2}
    raw = []
    for ts, once in zip(terms, distinct):
        if not ts:
            raw.append(0.0)
            continue
        if len(once) == len(ts):
            v_norm2 = sum(map(idf2.__getitem__, ts))
            dot = sum(map(idf2_total.__getitem__, ts))
        else:
            c = dict.fromkeys(once, 0)
            for t in ts:
                c[t] += 1
            items = c.items()
            v_norm2 = sum([idf2[t] * f * f for t, f in items])
            dot = sum([idf2[t] * f * total[t] for t, f in items])
        rest_norm2 = max(c_norm2 - 2 * dot + v_norm2, 1e-12)
        raw.append(max(0.0, dot - v_norm2) / math.sqrt(v_norm2 * rest_norm2))
    top = max(raw) or 1.0
    return [r / top for r in raw]
