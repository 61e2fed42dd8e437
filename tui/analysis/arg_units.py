"""The units of the argument outline: sentences, split into clauses where one sentence carries two roles.

"While X, Y", "Of course X, but Y", "Given that X, this means that Y", "X, because Y": the clauses
take their roles from the sentence's structure (`Unit.forced`) and know their partner. A byline or
a verbless subheading set as a paragraph of its own is no unit; "Should he A? Or B?" is one
question. Linear in the text: each sentence is read once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from tui.analysis import lexicon as lx
from tui.model import Block, Sentence
from tui.tables import SentenceTable, block_kind, span_starts

AUX = re.compile(
    r"\b(?:is|are|was|were|be|been|will|would|should|must|can|could|may|might|has|have|had|does|do|did|needs?"
    r"|makes?|means|shows|proves|remains?|becomes?|seems?|wants?|faces?|risks?|threatens?|isn't|aren't|won't)\b",
    re.I,
)
_CONCESSIVE_SUBORDINATORS = frozenset({"although", "though", "even though", "even if", "while", "whilst",
                                        "despite the fact that", "despite", "in spite of", "notwithstanding"})
_REASON_SUBORDINATORS = frozenset({"because", "since", "given that", "given the fact that", "seeing that",
                                   "in view of the fact that", "as long as"})
_AFFIRMING = re.compile(
    r"^\W*(?:of course|admittedly|granted|sure|yes|indeed|certainly|clearly|true|naturally|no doubt|undoubtedly"
    r"|it is true|it's true|to be sure)\b",
    re.I,
)

UNSET = object()  # `Unit.opening` not read yet


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
    opening: object = UNSET        # the opening marker, when `_split` already read it off the whole sentence


def units_of(text: str, sentences: list[Sentence], blocks: list[Block]) -> list[Unit]:
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
            and not AUX.search(t) and not _FINITE.search(t))


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
        inner = _inner_clauses(t, s, e, op.end, {"rel": op.relation, "cue": op.cue})
        if inner:
            return inner
    voice = _VOICE_LEAD.match(t) if not op or op.relation not in ("concession", "reason") else None
    if voice and "," in t:
        # "In my opinion, although X, Y": the author's voice belongs to the main clause Y
        inner = _inner_clauses(t, s, e, voice.end(), {"author": voice.group().strip(" ,")})
        if inner:
            return inner
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
    low = t.lower()
    # "X, even if Y": a trailing concession the main clause outweighs;
    # "X, because Y": the trailing reason clause supports the main clause.
    for find, role, rel, link in ((lx.inner_concession, "counter", "concession", "concedes"),
                                  (lx.inner_reason, "premise", "reason", "supports")):
        m = find(t, low)
        if m and m.start() > 15 and len(t) - m.end() > 12:
            b = m.start() + 1
            while t[b].isspace():
                b += 1
            return [(s, s + m.start(), {"partner": +1}),
                    (s + b, e, {"role": role, "cue": t[b:m.end()].strip(), "rel": rel, "body": m.end() - b,
                                "forced": True, "partner": -1, "link": link})]
    return Unit(s, e, -1, None, "body", t, opening=op)


# The author's voice leading a sentence, before a subordinate clause: "In my opinion, although …"
_VOICE_LEAD = re.compile(
    r"\W*(?:(?:however|but|therefore|thus|overall|in conclusion|to conclude|to sum up|all in all),?\s+)?"
    r"(?:in my (?:opinion|view|point of view)|from my (?:point of view|perspective)|personally"
    r"|i (?:strongly |firmly |personally |really )?(?:think|believe|feel)(?: that)?)\s*,?\s*",
    re.I,
)


def _inner_clauses(t: str, s: int, e: int, lead: int, main: dict) -> list[tuple[int, int, dict]] | None:
    """"<lead> although X, Y" / "<lead> because X, Y": the subordinate clause after the sentence's
    lead (a marker or the author's voice, which belong to the main clause Y: ``main``) concedes to or
    supports Y; None when no such clause follows the lead."""
    inner = lx.opening_marker(t[lead:])
    in_low = inner.cue.lower().rstrip(",") if inner else ""
    if not inner or in_low not in _CONCESSIVE_SUBORDINATORS | _REASON_SUBORDINATORS:
        return None
    sub = lead + len(t[lead:]) - len(t[lead:].lstrip())
    cut = _clause_comma(t, lead + inner.end)
    if not cut:
        return None
    concede = in_low in _CONCESSIVE_SUBORDINATORS
    return [(s + sub, s + cut[0], {"role": "counter" if concede else "premise", "cue": inner.cue,
                                   "rel": inner.relation, "body": lead + inner.end - sub,
                                   "forced": True, "partner": +1, "link": "concedes" if concede else "supports"}),
            (s + cut[1], e, {"partner": -1, **main, "link": "answers" if concede else None})]


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
