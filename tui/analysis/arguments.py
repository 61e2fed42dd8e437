"""The argument outline: which sentences (or clauses) argue, in what role, and under what.

Pipeline, linear in the text:
  1. units     sentences, split into clauses where one sentence carries two roles
               ("While X, Y", "Of course X, but Y", "Given that X, this means that Y", "X, because Y");
  2. local     each unit's opening discourse marker, stance/modality and reported opposing voices;
  3. context   "But/However" after a unit makes that unit a counter (and itself the rebuttal);
  4. thesis    one unit (or the headline) by weighted signals: stance, position, centrality, markers;
  5. defaults  unmarked sentences in a paragraph that argues are premises; a closing paragraph concludes;
  6. tree      thesis at the root, claims under it (or under their section's heading claim),
               premises under what they support (an announced "for two reasons" opens slots the
               "First, … Second, …" premises fill), counters under what they oppose, rebuttals
               under their counter, conclusions under the line of reasoning they close.
Every node keeps the cue that decided its role so a reader can judge it (docs/outline.md).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain

from tui.analysis.gcpause import collector_paused
from tui.analysis import lexicon as lx
from tui.model import ArgNode, Block, Entity, Section, Sentence

LABEL_MAX = 90
MAX_DEPTH = 8
SPARSE_MIN_UNITS = 15   # texts shorter than this are read as an argument whatever their density
SPARSE_DENSITY = 0.2    # below this share of units with a committed signal, a long text mostly tells

# Weights of the thesis score (see `_choose_thesis`). Position and stance dominate; centrality
# breaks ties between committed sentences; markers of support push a unit away from the top.
W_STANCE = 1.0
W_CENTRAL = 2.0
CENTRAL_FULL_AT = 20    # units of text from which centrality gets its full weight
W_HEADLINE = 2.5
W_LEDE = 1.0
W_CLOSING = 0.6
W_RESULT = 1.2
W_AUTHOR = 1.5
W_SUPPORT = -1.5
W_QUESTION = -1.5

_SUPPORT = frozenset({"reason", "example", "evidence", "addition", "enumeration"})
_AUX = re.compile(
    r"\b(?:is|are|was|were|be|been|will|would|should|must|can|could|may|might|has|have|had|does|do|did|needs?"
    r"|makes?|means|shows|proves|remains?|becomes?|seems?|wants?|faces?|risks?|threatens?|isn't|aren't|won't)\b",
    re.I,
)
_CONCESSIVE_SUBORDINATORS = frozenset({"although", "though", "even though", "even if", "while", "whilst",
                                        "despite the fact that", "despite", "in spite of", "notwithstanding"})
_PREPOSITIONAL_CONCESSION = frozenset({"despite", "in spite of", "notwithstanding"})
_REASON_SUBORDINATORS = frozenset({"because", "since", "given that", "given the fact that", "seeing that",
                                   "in view of the fact that", "as long as"})
_AFFIRMING = re.compile(
    r"^\W*(?:of course|admittedly|granted|sure|yes|indeed|certainly|clearly|true|naturally|no doubt|undoubtedly"
    r"|it is true|it's true|to be sure)\b",
    re.I,
)


_CLAUSE_WORD = re.compile(r" (?=(?:because|since|although|though|while|whereas|which|who|but|so that|if|when|unless)\b)")
_CONTINUES = re.compile(r"^\W*(?:and|or|plus|also)\b", re.I)


_UNSET = object()  # `Unit.opening` not read yet


@dataclass(slots=True)  # thousands per megabyte: no per-instance dict
class Unit:
    start: int
    end: int
    block: int
    section: str | None
    kind: str                       # "title", "heading" or "body"
    text: str
    rel: str | None = None          # relation of the opening marker
    cue: str | None = None          # the marker or signal that decides the role
    body: int = 0                   # offset in `text` where the content starts (after the marker)
    stance: float = 0.0
    stance_cue: str | None = None
    voice: str | None = None
    announce: int | None = None
    role: str | None = None
    forced: bool = False            # role fixed by the clause split, not open to the context rules
    partner: int | None = None      # the other clause of a split sentence
    link: str | None = None         # how this clause relates to its partner: "supports", "concedes", "answers"
    parent: int | None = None
    question: bool = False
    author: str | None = None       # "I believe", "in my view": the author's own voice
    closing: bool = False           # in the closing paragraph of an article
    weak: bool = False              # role read from a plain "but" alone: dropped when the text hardly argues
    result: bool = False            # a result adverb inside ("… is therefore …")
    words: int = 0
    terms: list[str] = field(default_factory=list)
    opening: object = _UNSET        # the opening marker, when `_split` already read it off the whole sentence


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
        return _outline(text, sentences, blocks)


def _outline(text: str, sentences: list[Sentence], blocks: list[Block]) -> list[ArgNode]:
    units = _units(text, sentences, blocks)
    if not units:
        return []
    for u in units:
        _local_signals(u)
    _contrast(units)
    sparse = _sparse(units)
    if sparse:
        for u in units:
            if u.weak:
                u.role = None
    if not any(_argues(u) for u in units if u.kind == "body") and not any(
            u.kind == "title" and u.stance >= 1 and _propositional(u) for u in units):
        return []
    if sparse and not any(_argues(u) and u.role != "counter" for u in units if u.kind != "heading"):
        return []  # a story that only reports what others think argues nothing of its own
    central = _centrality(units)
    thesis = _choose_thesis(units, central, blocks, sparse)
    _defaults(units, thesis, sparse)
    _attach(units, thesis)
    return _nodes(units, thesis)


# --- 1. units ------------------------------------------------------------------------------------

def _units(text: str, sentences: list[Sentence], blocks: list[Block]) -> list[Unit]:
    starts = [b.start for b in blocks]
    prose = [i for i, b in enumerate(blocks) if b.kind not in ("title", "heading", "code", "table")]
    # the closing paragraph of an article concludes: a plain "X, but Y" there weighs both sides
    # inside the conclusion rather than conceding X
    closing = prose[-1] if len(prose) > 2 else -1
    units: list[Unit] = []
    for sen in sentences:
        bi = bisect_right(starts, sen.start) - 1
        block = blocks[bi] if 0 <= bi < len(blocks) else None
        kind = block.kind if block is not None else "paragraph"
        if kind in ("code", "table"):
            continue
        ukind = kind if kind in ("title", "heading") else "body"
        if ukind != "body":
            units.append(Unit(sen.start, sen.end, bi, sen.section, ukind, text[sen.start:sen.end]))
            continue
        prev = units[-1] if units else None
        if (prev is not None and prev.block == bi and prev.kind == "body" and _ALTERNATIVE_QUESTION.match(text, sen.start)
                and text[sen.start:sen.end].rstrip(_CLOSERS).endswith("?") and prev.text.rstrip(_CLOSERS).endswith("?")):
            # "Should he A? Or can he do both?": the alternative completes the question, it gives no reason
            prev.end, prev.text = sen.end, text[prev.start:sen.end]
            continue
        pieces = _split(text, sen.start, sen.end, plain_but=bi != closing)
        if isinstance(pieces, Unit):  # the sentence whole, its opening marker already read
            pieces.block, pieces.section = bi, sen.section
            units.append(pieces)
            continue
        for s, e, extra in pieces:
            u = Unit(s, e, bi, sen.section, ukind, text[s:e])
            for k, v in extra.items():
                setattr(u, k, v)
            if "partner" in extra:
                u.partner = len(units) + extra["partner"]
            units.append(u)
    return units


_ALTERNATIVE_QUESTION = re.compile(r"[\"“‘(]?Or\b")
_CLOSERS = " \t\n\"'”’)"


def _split(text: str, s: int, e: int, plain_but: bool = True) -> list[tuple[int, int, dict]] | Unit:
    """Clauses of a sentence that carries two roles; else the sentence whole, as a body `Unit`
    that keeps the opening marker read here (its block and section are the caller's to set).

    The `partner` of a clause is given relative to its own position (+1 / -1) and resolved by the caller.
    """
    t = text[s:e]
    op = lx.opening_marker(t)
    low = op.cue.lower().rstrip(",") if op else ""
    if op and op.relation not in ("concession", "reason"):
        # "To sum up, although X, Y": the outer marker belongs to the main clause Y
        inner = lx.opening_marker(t[op.end:])
        in_low = inner.cue.lower().rstrip(",") if inner else ""
        if inner and in_low in _CONCESSIVE_SUBORDINATORS | _REASON_SUBORDINATORS:
            sub = op.end + len(t[op.end:]) - len(t[op.end:].lstrip())
            cut = _clause_comma(t, op.end + inner.end)
            if cut:
                concede = in_low in _CONCESSIVE_SUBORDINATORS
                return [(s + sub, s + cut[0], {"role": "counter" if concede else "premise", "cue": inner.cue,
                                               "rel": inner.relation, "body": op.end + inner.end - sub,
                                               "forced": True, "partner": +1,
                                               "link": "concedes" if concede else "supports"}),
                        (s + cut[1], e, {"partner": -1, "rel": op.relation, "cue": op.cue,
                                         "link": "answers" if concede else None})]
    # "Although X, Y" / "While X, Y": the subordinate clause concedes, the main clause answers.
    if op and op.relation == "concession" and low in _CONCESSIVE_SUBORDINATORS:
        cut = _clause_comma(t, op.end)
        if cut:
            return [(s, s + cut[0], {"role": "counter", "cue": op.cue, "rel": "concession", "body": op.end,
                                     "forced": True, "partner": +1, "link": "concedes"}),
                    (s + cut[1], e, {"partner": -1, "link": "answers"})]
    # "Given that X, this means that Y" / "Because X, Y": the subordinate clause supports the main one.
    if op and op.relation == "reason" and low in _REASON_SUBORDINATORS:
        cut = _clause_comma(t, op.end)
        if cut:
            return [(s, s + cut[0], {"role": "premise", "cue": op.cue, "rel": "reason", "body": op.end,
                                     "forced": True, "partner": +1, "link": "supports"}),
                    (s + cut[1], e, {"partner": -1})]
    # "Of course X, but Y" / "Some may think X, but Y": a conceded point and the author's answer.
    m = lx.INNER_CONTRAST.search(t) if _may_turn(t) else None
    if m and m.start() > 12 and len(t) - m.end() > 12 and not lx.NOT_ONLY.search(t, 0, m.start()):
        head = t[: m.start()]
        voice = lx.opposing_voice(head)
        if _AFFIRMING.match(head) or voice or (not op and len(head.split()) >= 4 and (plain_but or lx.HEDGE.search(head))):
            hedge = lx.HEDGE.search(head)
            cue = voice or (op.cue if op else hedge.group() if hedge else f"before “{m.group().strip(' ,;–—-')}”")
            weak = not (_AFFIRMING.match(head) or voice or hedge)  # a plain "X, but Y"
            b = m.start() + (len(m.group()) - len(m.group().lstrip(",;–—- ")))
            return [(s, s + m.start(), {"role": "counter", "cue": cue, "forced": True, "partner": +1,
                                        "link": "concedes", "body": op.end if op else 0, "weak": weak}),
                    (s + b, e, {"role": "rebuttal", "forced": True, "partner": -1, "link": "answers", "weak": weak})]
    # "X, even if Y": a trailing concession the main clause outweighs.
    m = lx.INNER_CONCESSION.search(t)
    if m and m.start() > 15 and len(t) - m.end() > 12:
        b = m.start() + 1
        while t[b].isspace():
            b += 1
        return [(s, s + m.start(), {"partner": +1}),
                (s + b, e, {"role": "counter", "cue": t[b:m.end()].strip(), "rel": "concession", "body": m.end() - b,
                            "forced": True, "partner": -1, "link": "concedes"})]
    # "X, because Y": the trailing reason clause supports the main clause.
    m = lx.INNER_REASON.search(t)
    if m and m.start() > 15 and len(t) - m.end() > 12:
        b = m.start() + 1
        while t[b].isspace():
            b += 1
        return [(s, s + m.start(), {"partner": +1}),
                (s + b, e, {"role": "premise", "cue": t[b:m.end()].strip(), "rel": "reason", "body": m.end() - b,
                            "forced": True, "partner": -1, "link": "supports"})]
    return Unit(s, e, -1, None, "body", t, opening=op)


def _may_turn(t: str) -> bool:
    """Cheap prefilter for `lx.INNER_CONTRAST`: every match holds ";" or the word "but" or "yet"."""
    if ";" in t:
        return True
    low = t.lower()
    return "but" in low or "yet" in low


def _clause_comma(t: str, after: int) -> tuple[int, int] | None:
    """End of the subordinate clause opened at ``after`` and start of the main clause, or None.

    The first comma with at least three words before it (from ``after``) and three after it;
    linear in the sentence, however many commas it has.
    """
    head = _THREE_WORDS.match(t, after)
    if not head:
        return None
    i = t.find(",", head.end())
    if i < 0 or not _THREE_WORDS.match(t, i + 1):
        return None
    j = i + 1
    while j < len(t) and t[j].isspace():
        j += 1
    return i, j


_THREE_WORDS = re.compile(r"\s*[^\s,]+(?:[\s,]+[^\s,]+){2}")


# --- 2. local signals ----------------------------------------------------------------------------

def _local_signals(u: Unit) -> None:
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
    u.author = None if u.question else lx.author_voice(t, words, fold)
    u.result = lx.inner_result(t, words, fold)
    if not u.author and lx.reported_speech(t, words, fold):
        u.stance, u.stance_cue = 0.0, None  # someone else's stance, reported: evidence at most
    if u.kind != "body":
        u.voice = lx.opposing_voice(t, words, fold)  # a headline reporting what "critics say" is not the thesis
        return
    if not u.forced:
        op = (lx.opening_marker(t) if u.opening is _UNSET else u.opening) or lx.parenthetical_contrast(t)
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


def _argues(u: Unit) -> bool:
    """A unit the text commits to: a marker gave it a role, or it judges, urges or states the author's view."""
    return u.role is not None or u.stance >= 1


# --- 3. context: a turn ("But", "However") after a unit ------------------------------------------

def _contrast(units: list[Unit]) -> None:
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
              and not prev.result):
            # the turn makes what came before a point the author grants and then answers
            prev.role, prev.cue = "counter", f"before “{u.cue.rstrip(',')}”"
            u.role, u.partner, u.link = "rebuttal", j, "answers"
            prev.weak = u.weak = True


# --- 4. thesis -----------------------------------------------------------------------------------

def _centrality(units: list[Unit]) -> list[float]:
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


def _propositional(u: Unit) -> bool:
    """A headline or heading that states something (has a verb or a judgement), not just a topic."""
    return u.words >= 3 and (bool(_AUX.search(u.text)) or u.stance >= 1)


def _choose_thesis(units: list[Unit], central: list[float], blocks: list[Block], sparse: bool = False) -> int:
    body_blocks = sorted({u.block for u in units if u.kind == "body"}) or [-1]
    first_block, last_block = body_blocks[0], body_blocks[-1]
    body = [i for i, u in enumerate(units) if u.kind == "body"]
    first_body, last_body = (body[0], body[-1]) if body else (0, 0)
    multi_para = len(body_blocks) > 2
    # word recurrence says little in a text of a few sentences: trust centrality as the text grows
    w_central = W_CENTRAL * min(1.0, sum(1 for u in units if u.kind == "body") / CENTRAL_FULL_AT)
    best, best_score = -1, -math.inf
    for i, u in enumerate(units):
        if u.kind == "heading" or (u.kind == "title" and (not _propositional(u) or u.voice)):
            continue
        if u.role in ("counter", "premise") and u.forced:
            continue
        if u.role == "counter" or u.words < 3 or (sparse and not _argues(u)):
            continue
        score = W_STANCE * min(u.stance, 3.0) + w_central * central[i]
        if u.kind == "title":
            score += W_HEADLINE
        elif i == first_body or (u.block == first_block and multi_para):
            score += W_LEDE * (1.0 if i == first_body else 0.5)
        elif i == last_body or (u.block == last_block and multi_para):
            score += W_CLOSING
        if u.author:
            score += W_AUTHOR
        if u.rel in ("result", "summary") or u.result:
            score += W_RESULT
        elif u.rel in _SUPPORT:
            score += W_SUPPORT
        elif u.rel == "contrast":
            score -= 0.3
        if u.question:
            score += W_QUESTION
        if u.role == "rebuttal" and u.forced:
            score -= 1.0  # "…, but Y": the answer to a concession inside one sentence is mostly a reason
        if _CONTINUES.match(u.text):
            score -= 0.7  # "And …" continues a line rather than states the main point
        if u.link == "answers" and u.role != "rebuttal":
            score += 0.3  # main clause that outweighs a concession: the author's own line
        if score > best_score:
            best, best_score = i, score
    if best < 0:
        best = first_body if body else next(i for i, u in enumerate(units) if u.kind == "title")
    t = units[best]
    if t.kind == "title":
        t.cue = "headline"
    elif t.author:
        t.cue = t.author
    elif t.rel in ("result", "summary") and t.cue:
        pass
    elif t.stance_cue:
        t.cue = t.stance_cue
    else:
        t.cue = "lede" if best == first_body else "central"
    t.role = "thesis"
    return best


# --- 5. defaults ---------------------------------------------------------------------------------

def _sparse(units: list[Unit]) -> bool:
    """A long text that mostly tells rather than argues (a report, a biography, a guide).

    There, only sentences with a committed signal of their own enter the outline: no default
    premises, no topic sentences, no counters read from a plain "but". A short text is read as an
    argument whatever its density: it is too short to tell, and someone asked for its argument.
    """
    body = [u for u in units if u.kind == "body"]
    if len(body) < SPARSE_MIN_UNITS:
        return False
    strong = sum(1 for u in body if u.stance >= 1 or u.author or u.voice or u.announce
                 or u.rel in ("reason", "result", "summary", "concession", "example", "enumeration", "addition"))
    return strong / len(body) < SPARSE_DENSITY


def _defaults(units: list[Unit], thesis: int, sparse: bool = False) -> None:
    body_blocks = sorted({u.block for u in units if u.kind == "body"})
    last_block = body_blocks[-1] if body_blocks else -1
    # a paragraph's topic sentence claims; later stance-only sentences elaborate it
    seen_blocks: set[int] = set()
    for i, u in enumerate(units):
        if u.kind != "body" or u.role is None:
            continue
        if (u.block in seen_blocks and u.role == "claim" and u.rel is None and u.announce is None
                and not u.forced and i != thesis):
            u.role, u.cue = "premise", None
        if u.role != "counter":
            seen_blocks.add(u.block)
    arguing_blocks = {u.block for u in units if u.role is not None and u.kind == "body"}
    led_blocks: set[int] = {u.block for u in units if u.role in ("claim", "thesis", "rebuttal") and u.kind == "body"}
    multi_para = len(body_blocks) > 1
    for i, u in enumerate(units):
        if u.kind == "title" and i != thesis:
            continue
        if u.kind == "heading":
            if _propositional(u) and (u.stance >= 1 or not sparse):
                u.role, u.cue = "claim", "heading"
            continue
        if u.role is not None:
            if u.role != "counter":
                led_blocks.add(u.block)
            continue
        if u.words < 3 or (sparse and u.stance < 1):
            continue
        elif u.block in arguing_blocks and not sparse:
            if multi_para and u.block not in led_blocks:
                # the paragraph's first point, after at most a concession: its topic sentence
                u.role, u.cue = "claim", "topic sentence"
            else:
                u.role = "premise"
            led_blocks.add(u.block)
        elif u.stance > 0:
            u.role, u.cue = "claim", u.stance_cue
            arguing_blocks.add(u.block)
            led_blocks.add(u.block)
    # the closing paragraph of an article closes its reasoning
    if len(body_blocks) > 2:
        for i, u in enumerate(units):
            if u.block == last_block and i != thesis and u.role in ("claim", "premise") and u.rel not in _SUPPORT \
                    and not u.forced:
                u.role, u.cue = "conclusion", u.cue if u.rel in ("result", "summary") else "closing paragraph"
            if u.block == last_block and u.role == "conclusion":
                u.closing = True


# --- 6. tree -------------------------------------------------------------------------------------

def _attach(units: list[Unit], thesis: int) -> None:
    section_claim: int | None = None
    current: int | None = None          # latest claim in the section: what premises and counters attach to
    slots: list[int] = []               # announcing claim, repeated once per open slot
    section = None
    prev: int | None = None             # previous unit in the outline
    before: dict[int, int | None] = {}
    depth: dict[int, int] = {thesis: 0}
    last_enum: int | None = None        # latest "First/Second/Finally" item: the next one is its sibling
    block_lead: dict[int, int] = {}     # first unit of each paragraph that is not a counter
    block_claim: dict[int, int] = {}    # first claim (or the thesis) of each paragraph
    multi_para = len({u.block for u in units if u.kind == "body"}) > 1
    list_items: Counter[int] = Counter()  # enumeration/addition items per paragraph
    for i, u in enumerate(units):
        if u.role in ("claim", "thesis") and u.kind == "body":
            block_claim.setdefault(u.block, i)
        if u.role == "premise" and u.rel in ("enumeration", "addition") and not u.forced:
            list_items[u.block] += 1
    for i, u in enumerate(units):
        if u.section != section:
            section, section_claim, current, slots, last_enum = u.section, None, None, [], None
        if u.role is None or i == thesis:
            if i == thesis:
                prev = i
            continue
        top = section_claim if section_claim is not None else thesis
        partner = u.partner if u.partner is not None and units[u.partner].role is not None else None
        if u.link == "answers" and partner is not None and partner < i and units[partner].role == "counter" \
                and u.role != "rebuttal":
            prev = before.get(partner)  # "Although X, Y": Y continues what came before X
        same_block = prev is not None and units[prev].block == u.block and units[prev].kind == "body"
        before[i] = prev
        lead = block_lead.get(u.block)
        if u.role != "counter" and u.kind == "body" and u.link != "supports":
            block_lead.setdefault(u.block, i)
        if (u.role == "premise" and u.rel in ("enumeration", "addition") and not slots and not same_block
                and multi_para and u.kind == "body" and list_items[u.block] == 1):
            # "Secondly, …" / "Moreover, …" opening a paragraph of an essay: the paragraph's point,
            # one of the thesis's reasons, which the paragraph's other sentences then support
            # (a paragraph that lists several items is a list of reasons, not one point)
            u.role = "claim"
        if u.kind == "heading":
            u.parent = thesis
            section_claim = current = i
        elif u.role == "claim":
            u.parent = top
            current = i
            if u.announce:
                slots = [i] * u.announce
        elif u.role == "premise":
            if u.link == "supports" and partner is not None:
                u.parent = partner
            elif u.rel == "enumeration" and slots:
                u.parent = slots.pop(0)
            elif u.rel in ("example", "reason") and prev is not None and same_block:
                u.parent = prev
            elif u.rel in ("addition", "enumeration", "evidence"):
                # another item of a list: beside the previous item, else beside the previous premise
                sibling = last_enum if last_enum is not None else (
                    prev if prev is not None and units[prev].role == "premise" and units[prev].section == u.section
                    else None)
                u.parent = units[sibling].parent if sibling is not None else (current if current is not None else top)
            elif not same_block and block_claim.get(u.block, -1) > i:
                u.parent = block_claim[u.block]  # context given before the paragraph's claim
            elif same_block:
                # a paragraph's unmarked sentences support its first arguing unit, side by side
                pp = units[prev].parent
                chained = (units[prev].role == "premise" and units[prev].rel is None and not units[prev].forced
                           and pp is not None and units[pp].block == u.block)
                u.parent = units[prev].parent if chained and units[prev].parent is not None else prev
            else:
                u.parent = current if current is not None else top
        elif u.role == "counter":
            if u.link == "concedes" and partner is not None and units[partner].role != "rebuttal":
                u.parent = partner
            elif not same_block:
                u.parent = top  # a paragraph that opens with an objection answers the main line
            elif units[prev].role == "counter":
                u.parent = units[prev].parent  # a second objection beside the first
            else:
                u.parent = current if current is not None else top
        elif u.role == "rebuttal":
            u.parent = partner if partner is not None else (current if current is not None else top)
        elif u.role == "conclusion":
            if u.closing:
                u.parent = thesis
            elif lead is not None and lead != i:
                u.parent = lead  # closes the paragraph's line of reasoning
            else:
                u.parent = top if current is None else current
        if u.role in ("counter", "rebuttal") and u.parent == u.partner and units[u.partner].parent == i:
            u.parent = current if current is not None else top  # never a cycle
        # keep the tree shallow enough to read (and to serialise): long chains hang from an ancestor
        while u.parent is not None and u.parent < i and depth.get(u.parent, 0) >= MAX_DEPTH:
            u.parent = units[u.parent].parent
        depth[i] = depth.get(u.parent, 0) + 1 if u.parent is not None and u.parent < i else 1
        if u.rel == "enumeration" and u.role == "premise":
            last_enum = i
        prev = i


def _nodes(units: list[Unit], thesis: int) -> list[ArgNode]:
    kept = [i for i, u in enumerate(units) if u.role is not None]
    nodes: dict[int, ArgNode] = {}
    for n, i in enumerate(kept):
        u = units[i]
        nodes[i] = ArgNode(id=f"arg-{n}", role=u.role, start=u.start, end=u.end, label=_label(u), cue=u.cue)
    reaches: dict[int, bool] = {}  # parent links are fixed by now: whether one leads to the thesis, once each
    for i in kept:
        if i == thesis:
            continue
        p = units[i].parent
        if p is None or p == i or p not in nodes:
            # climb to a kept ancestor; guard against loops by falling back to the thesis
            seen = {i}
            while p is not None and p not in nodes and p not in seen:
                seen.add(p)
                p = units[p].parent
            if p is None or p in seen:
                p = thesis
        if p != thesis:
            ok = reaches.get(p)
            if ok is None:
                ok = reaches[p] = _reaches(units, p, thesis)
            if not ok:
                p = thesis
        nodes[p].children.append(nodes[i])
    return [nodes[thesis]]


def _reaches(units: list[Unit], start: int, thesis: int) -> bool:
    seen = set()
    p: int | None = start
    while p is not None and p not in seen:
        if p == thesis:
            return True
        seen.add(p)
        p = units[p].parent
    return False


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
