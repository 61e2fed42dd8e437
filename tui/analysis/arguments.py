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

import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import chain
from operator import neg

from tui.analysis.gcpause import collector_paused
from tui.analysis import lexicon as lx
from tui.analysis.arg_features import (RECENT_CLAIMS, PairKeys, candidates, doc_context, key_features,
                                      thesis_features, unit_features)
from tui.analysis.arg_model import OutlineModels, cue, load_models, margin, positive
from tui.model import ArgNode, Block, Entity, Section, Sentence
from tui.tables import SentenceTable, block_kind, span_starts

LABEL_MAX = 90
MAX_DEPTH = 8
THESIS_MIN_ARG = 0.1    # the thesis may be a unit the argument model doubts (an opening paragraph), not one it rejects

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


_QUOTED = re.compile(r"\s*[\"“‘«]")  # a unit that opens with a quotation mark is someone's words

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
    role: str | None = None          # the role read off the markers; the models decide the final one
    hint: str | None = None          # the marker-read role, kept as a feature once the models decide
    reported: bool = False          # someone else's words ("she said", a quotation)
    forced: bool = False            # role fixed by the clause split, not open to the context rules
    partner: int | None = None      # the other clause of a split sentence
    link: str | None = None         # how this clause relates to its partner: "supports", "concedes", "answers"
    parent: int | None = None
    question: bool = False
    author: str | None = None       # "I believe", "in my view": the author's own voice
    weak: bool = False              # a turn read from a plain "but" alone (a feature: weaker than "Of course")
    result: bool = False            # a result adverb inside ("… is therefore …")
    narrates: bool = False          # tells what happened: a past verb, no present or modal one
    words: int = 0
    terms: list[str] = ()           # content words, for centrality (set with the signals)
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
        return outline_of(text, sentences, blocks)


def read_units(text: str, sentences: list[Sentence], blocks: list[Block]) -> tuple[list[Unit], dict]:
    """The units of a text with their signals, and the document context the features need."""
    units = _units(text, sentences, blocks)
    for u in units:
        _local_signals(u)
    _contrast(units)
    for u in units:
        u.hint = u.role
    return units, doc_context(units, _centrality(units) if units else [])


def outline_of(text: str, sentences: list[Sentence], blocks: list[Block], models: OutlineModels | None = None
               ) -> list[ArgNode]:
    units, ctx = read_units(text, sentences, blocks)
    if not units:
        return []
    thesis = decide(units, ctx, models or load_models())
    if thesis is None:
        return []
    return _nodes(units, thesis)

# --- 1. units ------------------------------------------------------------------------------------

def _units(text: str, sentences: list[Sentence], blocks: list[Block]) -> list[Unit]:
    # Read from the block and sentence tables, not copied into lists of Python ints: a text of
    # tiny paragraphs has a block and a sentence every few characters (issue 17).
    starts = span_starts(blocks)
    n_prose, closing = 0, -1
    for i in range(len(blocks)):
        if block_kind(blocks, i) not in ("title", "heading", "code", "table"):
            n_prose, closing = n_prose + 1, i
    # the closing paragraph of an article concludes: a plain "X, but Y" there weighs both sides
    # inside the conclusion rather than conceding X
    closing = closing if n_prose > 2 else -1
    units: list[Unit] = []
    located = sentences.blocks if isinstance(sentences, SentenceTable) else [
        bisect_right(starts, sen.start) - 1 for sen in sentences]
    last = len(located) - 1
    for si, (sen, bi) in enumerate(zip(sentences, located)):
        # a paragraph of a single sentence: sentences come in order, so only its neighbours can share it
        single = (si == 0 or located[si - 1] != bi) and (si == last or located[si + 1] != bi)
        kind = block_kind(blocks, bi) if 0 <= bi < len(blocks) else "paragraph"
        if kind in ("code", "table"):
            continue
        ukind = kind if kind in ("title", "heading") else "body"
        if ukind == "body" and single and _aside(text[sen.start:sen.end]):
            continue  # a byline or a subheading set as a paragraph of its own argues nothing
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


def _aside(t: str) -> bool:
    """A line of its own that is no sentence of the argument: a byline ("By Anthony Quinn."), or a
    subheading, short and verbless ("A profit-driven industry.", "Unpleasant state of affairs.")."""
    if _BYLINE.match(t):
        return True
    words = t.split()
    return (len(words) <= _ASIDE_WORDS and not t.rstrip(_CLOSERS).endswith(("?", "!", ":"))
            and not _AUX.search(t) and not _FINITE.search(t))


_ASIDE_WORDS = 10
_BYLINE = re.compile(r"\s*(?:(?:written|words|text|reporting) )?by\s+(?:[A-Z][\w.'’-]*,?\s*(?:and\s+|&\s*)?){1,5}\.?\s*$", re.I)
# a verb or a subject that makes a short line a sentence: "Nobody listened.", "They lost.", "This matters."
_FINITE = re.compile(r"\b(?:[a-z]{2,}ed|i|we|you|he|she|they|it|this|that|there|who|nobody|everyone|none|not|no one)\b"
                     r"|\b[a-z]{3,}s\b(?=\s+(?:the|a|an|to|that|no|more|less|on|in|with|for|it|them|us|our|their)\b)"
                     r"|\b(?:let|do|say|think|know|see|look|stop|go)\b"
                     # a plural subject and its verb: "Cooking lessons cost little" (not "state of affairs")
                     r"|\b[a-z]{3,}s\s+(?!(?:of|and|or|in|for|to|with|on|at|from|by|across|over|under|between|among"
                     r"|after|before|without|against|into|beyond|about|like|than|as)\b)[a-z]{2,}\b", re.I)


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
        if _AFFIRMING.match(head) or voice or (not op and len(head.split()) >= 4 and (
                (plain_but and _argues(head)) or lx.HEDGE.search(head))):
            hedge = lx.HEDGE.search(head)
            cue = voice or (op.cue if op else hedge.group() if hedge else f"before “{m.group().strip(' ,;–—-')}”")
            weak = not (_AFFIRMING.match(head) or voice or hedge)  # a plain "X, but Y"
            b = m.start() + (len(m.group()) - len(m.group().lstrip(",;–—- ")))
            return [(s, s + m.start(), {"role": "counter", "cue": cue, "forced": True, "partner": +1,
                                        "link": "concedes", "body": op.end if op else 0, "weak": weak}),
                    (s + b, e, {"role": "rebuttal", "forced": True, "partner": -1, "link": "answers", "weak": weak})]
    # "X, even if Y": a trailing concession the main clause outweighs.
    low = t.lower()
    m = lx.inner_concession(t, low)
    if m and m.start() > 15 and len(t) - m.end() > 12:
        b = m.start() + 1
        while t[b].isspace():
            b += 1
        return [(s, s + m.start(), {"partner": +1}),
                (s + b, e, {"role": "counter", "cue": t[b:m.end()].strip(), "rel": "concession", "body": m.end() - b,
                            "forced": True, "partner": -1, "link": "concedes"})]
    # "X, because Y": the trailing reason clause supports the main clause.
    m = lx.inner_reason(t, low)
    if m and m.start() > 15 and len(t) - m.end() > 12:
        b = m.start() + 1
        while t[b].isspace():
            b += 1
        return [(s, s + m.start(), {"partner": +1}),
                (s + b, e, {"role": "premise", "cue": t[b:m.end()].strip(), "rel": "reason", "body": m.end() - b,
                            "forced": True, "partner": -1, "link": "supports"})]
    return Unit(s, e, -1, None, "body", t, opening=op)


def _argues(head: str) -> bool:
    """The first half of "X, but Y" may be conceded: it is no plain account of what happened."""
    low = head.lower()
    return not lx.narrates(low, lx.words_of(head, low))


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
              and not prev.result and (prev.stance > 0 or prev.role == "claim")):
            # the turn makes what came before a point the author grants and then answers
            # (when it judged or claimed something: "The drivers moved. But the buses stayed." tells a story)
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




# --- 3-5. roles, thesis and tree, from the fitted models -------------------------------------------

_OWN = ("claim", "premise", "conclusion")


def decide(units: list[Unit], ctx: dict, models: OutlineModels) -> int | None:
    """Set each unit's role, cue and parent; the thesis's index, or None when nothing argues."""
    body = [i for i, u in enumerate(units) if u.kind == "body" and u.words >= 3]
    if not any(_commits(units[i]) for i in body) and not any(u.kind == "title" and _commits(u) for u in units):
        return None  # nothing in the text judges, urges or reasons: a story, not an argument
    feats = {i: unit_features(units, i, ctx) for i in body}
    roles: list[str | None] = [None] * len(units)
    argues = {i: positive(models.arg, feats[i]) for i in body}
    level: dict[int, float] = {}
    for i in body:
        f = feats[i]
        if argues[i] < 0.5:
            continue
        # the two clauses of a split sentence take their sides from its structure ("While X, Y")
        # and a turn ("But", "However") right after a concession answers it
        side = {"concedes": "counter", "answers": "own"}.get(units[i].link or "") if units[i].partner is not None \
            and units[i].link and (_split_pair(units, i) or units[i].link == "answers") else None
        if side == "counter" or (side is None and positive(models.side, f) >= 0.5):
            roles[i] = "counter"
        elif units[i].reported:
            roles[i] = "premise"  # someone else's words are testimony: evidence at most, never a point of the author's
        else:
            level[i] = positive(models.level, f)
            roles[i] = "claim" if level[i] >= 0.5 else "premise"
    slots = 0
    for i in body:
        # "for two reasons … First, … Second, …": the items fill the announced reasons, they are no new points
        if units[i].announce is not None:
            slots = units[i].announce if roles[i] == "claim" else 0
        elif slots and units[i].rel == "enumeration":
            slots -= 1
            if roles[i] == "claim":
                roles[i] = "premise"
    if len(ctx["blocks"]) >= 3:
        # each paragraph that argues contributes its main point: the unit most like a claim
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
    pool = [i for i in body if roles[i] != "counter" and not units[i].question and not units[i].reported and argues[i] >= THESIS_MIN_ARG]
    # the thesis is the author's own claim: a unit that judges, urges, predicts or says "I think",
    # when the text has one (measured on essays, microtexts and editorials: docs/outline.md)
    committed = [i for i in pool if units[i].stance > 0 or units[i].author or units[i].hint in ("claim", "conclusion")]
    # … and not the "but Y" of "X, but Y": a reply to the concession the sentence makes, not its main claim
    committed = [i for i in committed if not (units[i].forced and units[i].hint == "rebuttal")] or committed
    pool = committed or pool
    head = next((i for i, u in enumerate(units) if u.kind == "title"), None)
    if head is not None and _claims(units[head]):
        # the headline competes on what it says, read like a body sentence (the thesis model never
        # saw a title: the essays' titles are prompts set by someone else)
        feats[head] = {k: v for k, v in unit_features(units, head, ctx).items() if k != "headline"}
        pool.append(head)
    if not pool or not (any(roles[i] for i in body) or (head in pool and positive(models.arg, feats[head]) >= 0.5)):
        return None
    thesis = max(pool, key=lambda i: (margin(models.thesis, thesis_features(units, i, ctx, feats[i])), -i))
    roles[thesis] = "thesis"
    nblocks = len(ctx["blocks"])
    last_block = ctx["blocks"][-1] if ctx["blocks"] else -1
    for i in body:
        u = units[i]
        if roles[i] == "claim" and (u.rel in ("result", "summary") or (nblocks > 2 and u.block == last_block)):
            roles[i] = "conclusion"
    heading_of: dict[str | None, int] = {}
    for i, u in enumerate(units):
        if u.kind == "heading" and _propositional(u):
            roles[i] = "claim"
            heading_of[u.section] = i
    _attach(units, roles, thesis, models, heading_of)
    for i, u in enumerate(units):
        u.role = roles[i]
        if roles[i] is not None:
            u.cue = _cue(u, roles[i], feats.get(i), models, i == thesis, nblocks > 2 and u.block == last_block)
    return thesis


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


def _attach(units: list[Unit], roles: list[str | None], thesis: int, models: OutlineModels,
            heading_of: dict[str | None, int]) -> None:
    kept = [i for i, r in enumerate(roles) if r is not None and units[i].kind != "heading"]
    parent: dict[int, int] = {}
    recent: list[int] = []
    trees = _Forest()       # hanging i under j loops exactly when j's tree is rooted at i
    slots: list[int] = []   # an announced count of reasons ("for two reasons"), one entry per open slot
    for i in kept:          # first the links the sentences state, then the model for the rest
        if i == thesis:
            continue
        if units[i].announce and roles[i] in ("claim", "conclusion"):
            slots = [i] * units[i].announce
        fixed = _structural(units, roles, i, slots)
        if fixed is not None and fixed != thesis and trees.root(fixed) != i:
            parent[i] = fixed
            trees.join(i, fixed)
    scores = _Scores(models.attach)  # pair key -> attachment score: few distinct keys in a long text
    pair_keys = PairKeys(units, roles, thesis)
    for k, i in enumerate(kept):
        if i != thesis and i not in parent:
            js = candidates(units, kept, k, thesis, recent)
            # the best score, the nearest earlier candidate on a tie, unless hanging there loops
            ranked = list(zip(map(scores.__getitem__, pair_keys.keys(i, js)), map(neg, js)))
            best = -max(ranked)[1]
            if trees.root(best) == i:
                ranked.sort(reverse=True)
                best = next((-mj for _, mj in ranked if trees.root(-mj) != i), thesis)
            parent[i] = best
            trees.join(i, best)
        if roles[i] in ("claim", "conclusion"):
            recent = (recent + [i])[-RECENT_CLAIMS:]
    for i, u in enumerate(units):
        if u.kind == "heading" and roles[i] is not None:
            parent[i] = thesis
        elif parent.get(i) == thesis and u.section in heading_of and roles[i] != "conclusion":
            parent[i] = heading_of[u.section]  # a heading that states a point gathers its section's points
    for i, p in parent.items():
        if roles[i] in _OWN and roles[p] == "counter" and units[i].link != "supports":
            roles[i] = "rebuttal"  # the author's answer to an objection (a "because" clause is its reason)
    _shallow(parent, thesis)
    for i, p in parent.items():
        units[i].parent = p


def _structural(units: list[Unit], roles: list[str | None], i: int, slots: list[int]) -> int | None:
    """A parent the sentence's own structure states, when the roles agree with it: the clause a
    "Given that" / "because" clause supports, the clause a "While" / "Of course" clause concedes to,
    the concession a "But" answers, the claim whose announced reasons ("for two reasons") a
    "First," / "Second," fills."""
    u = units[i]
    p = u.partner
    if p is not None and roles[p] is not None:
        if u.link == "supports" and roles[i] == "premise":
            return p
        if u.link == "concedes" and roles[i] == "counter" and roles[p] != "counter" and units[p].hint != "rebuttal":
            return p
        if u.link == "answers" and roles[p] == "counter" and roles[i] != "counter" and u.hint == "rebuttal":
            return p
    if u.rel == "enumeration" and slots and roles[i] == "premise":
        return slots.pop(0)
    return None


class _Scores(dict):
    """Attachment scores by pair key, each computed the first time it is asked for."""

    def __init__(self, model) -> None:
        super().__init__()
        self.model = model

    def __missing__(self, key: tuple) -> float:
        score = self[key] = margin(self.model, key_features(key))
        return score


class _Forest:
    """The trees built so far, as union-find: the root of a unit's tree in near-constant time, so
    the cycle check stays linear however long the chains (a unit has no parent until it is hung)."""

    def __init__(self) -> None:
        self.up: dict[int, int] = {}

    def root(self, i: int) -> int:
        up = self.up
        while i in up:
            nxt = up[i]
            if nxt in up:
                up[i] = up[nxt]  # path halving
            i = nxt
        return i

    def join(self, child: int, parent: int) -> None:
        self.up[child] = self.root(parent)


def _shallow(parent: dict[int, int], thesis: int) -> None:
    """Keep the tree shallow enough to read (and to serialise): deep chains hang from an ancestor."""
    depth: dict[int, int] = {thesis: 0}

    def depth_of(i: int) -> int:
        chain_ = []
        while i not in depth:
            chain_.append(i)
            i = parent[i]
        d = depth[i]
        for j in reversed(chain_):
            if d + 1 > MAX_DEPTH:
                parent[j] = _ancestor(parent, j, d + 1 - MAX_DEPTH)
                d = depth[parent[j]]
            d += 1
            depth[j] = d
        return depth[chain_[0]] if chain_ else d

    for i in list(parent):
        depth_of(i)


def _ancestor(parent: dict[int, int], i: int, up: int) -> int:
    for _ in range(up + 1):
        i = parent.get(i, i)
    return i


def _cue(u: Unit, role: str, f: dict | None, models: OutlineModels, is_thesis: bool, closing: bool) -> str | None:
    """Why the node has its role: the marker when it agrees with the model, else the strongest feature."""
    if u.kind == "heading":
        return "heading"
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
        nodes[i] = ArgNode(id=f"arg-{n}", role=u.role, start=u.start, end=u.end, label=_label(u), cue=u.cue)
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
