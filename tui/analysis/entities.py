"""Named entities: mentions, aliases merged, types assigned — offline, linear in the text.

How it works, in one pass over the tokens and one over the candidate names:

1. Tokens are words (with inner hyphens and apostrophes), dotted abbreviations ("U.S.") and initials;
   a possessive "’s" is cut off so "Putin’s" yields "Putin".
2. Candidate names are maximal runs of capitalised tokens separated by single spaces, allowing lower-
   case joiners inside ("Bank of England", "Society for the ..."); "A of B" after a proper name is
   split ("Maria Lopes of the Labour Party": two names).
3. A capital that the position explains (sentence start, a title-case heading) is not evidence of a
   name: such a word must be known from elsewhere in the text (capitalised mid-sentence), a gazetteer
   place, an acronym, or — at a sentence start, opening a longer run — a word the text never writes
   in lower case and that is no function word.
4. Titles ("President", "Mr.") are cut from the span but kept as aliases and mark a PERSON;
   nationality adjectives before a lower-case noun ("Russian forces") are not mentions.
5. Mentions are clustered: same folded string or same country (US / U.S. / United States), acronyms
   defined or spelled by a longer name (CSTO ↔ Collective Security Treaty Organization), and a
   surname or first name that belongs to exactly one longer person name.
6. Each cluster is typed from its mentions' cues (titles, head words, gazetteers, the noun after the
   name, context words); a name with no evidence is a person, or a place in a place-heavy text.
7. With the learned models (`entity_model.py`, shipped by default), an edge model first decides
   whether a candidate's opening word or closing number belongs to it, and a type model then
   re-types every cluster from its mentions' features, the rules' verdict of step 6 among them,
   or drops it as no name; a lone word it cannot place is OTHER. Without the weight files the
   rules of step 6 stand alone.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter, defaultdict
from itertools import compress, islice
from operator import not_
from re import Match

from tui.analysis import entity_model
from tui.analysis.gcpause import collector_paused
from tui.analysis.entity_lexicon import (
    AND_HEADS,
    LAW_HEADS,
    POSSESSIVE_OPENERS,
    CLASSIFIER_NOUNS,
    COMMON_ACRONYMS,
    EVENT_HEADS,
    EVENT_ONLY,
    FUNCTION_WORDS,
    JOINERS,
    NEVER_NAMES,
    NOT_NAMES,
    ORG_HEADS,
    ORG_JOINERS,
    AGENT_VERBS,
    PERSON_VERBS,
    PLACE_HEADS,
    PLACE_PREPOSITIONS,
    TITLES,
)
from tui.analysis.gazetteer import fold, gazetteer, initials
from tui.model import Block, Entity, EntityType, Mention, Sentence

# The guards and possessive loops only spare the engine work (a third of the scan): every branch
# starts with a letter or digit, the title and initial branches with an ASCII capital, and a word is
# taken whole either way.
_TOKEN = re.compile(
    r"(?=[^\W_])(?:"
    r"(?:[^\W\d_]\.){2,}"  # dotted abbreviations: U.S., D.C., U.K.
    r"|(?=[A-Z])(?:"
    r"(?:St|Mt|Ft|Mr|Mrs|Ms|Dr|Prof|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Capt|Rev|Sgt|Hon|Pres)\.(?=\s)"
    r"|[A-Z]\.(?=\s+[A-Z])"  # an initial: "George W. Bush"
    r")"
    r"|[^\W_]\w*+(?:[-'’&.][^\W_]\w*+)*+"  # words, with inner hyphens, apostrophes, dots
    r")"
)
# Web addresses and e-mail addresses: their parts are not names.
# Anchored at a token's start and possessive: "\S+@" retried at every position of a long token
# with no "@" (a 1 MB base64 line) was quadratic.
_MASK = re.compile(r"(?<!\S)[^\s@]*+@\S+|\b(?:https?://|www\.)\S+", re.IGNORECASE)
# Every address holds one of these; a scan for them is several times faster than _MASK's own.
_MASK_HINT = re.compile(r"@|://|www\.", re.IGNORECASE)
_ROMAN = re.compile(r"(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_POSSESSIVE = ("’s", "'s")
_DIRECTIONS = frozenset("western eastern northern southern central".split())

# Token flags
_CAP, _ACRO, _INITIAL_POS, _STRICT, _POSS, _MASKED, _CAPSLINE = 1, 2, 4, 8, 16, 32, 64


class _Cand:
    """A candidate mention: its span, words, the titled form seen, and typing evidence."""

    __slots__ = ("start", "end", "words", "titled", "cues", "ctx")

    def __init__(self, start: int, end: int, words: tuple[str, ...], cues: dict[str, float], ctx: int) -> None:
        self.start = start
        self.end = end
        self.words = words  # a tuple: names repeat, and per-name memos are keyed by it
        self.titled: str | None = None  # the form with its title, e.g. "President Putin"
        self.cues = cues  # evidence from the name itself (shared between mentions: never mutate)
        self.ctx = ctx  # evidence from the words around this mention: _CTX_* bits


class _Lex:
    """What the text says about its own words, plus a per-text cache of name evidence."""

    __slots__ = ("seen", "memo", "plans")

    def __init__(self, seen) -> None:
        self.seen = seen  # words the text writes in lower case
        self.memo: dict[tuple[str, ...], dict[str, float]] = {}
        self.plans: dict[tuple[str, ...], tuple[_Step, ...]] = {}  # how _shape cuts each spelling


_CTX_IN, _CTX_THE, _CTX_SAID, _CTX_AGENT = 1, 2, 4, 8  # "in X", "the X", "X said", "the X wants"


def _bump(d: dict, key: str, by: float = 1) -> None:
    d[key] = d.get(key, 0) + by


def extract_entities(text: str, sentences: list[Sentence], blocks: list[Block]) -> list[Entity]:
    if not text:
        return []
    with collector_paused():
        return _extract(text, sentences, blocks, entity_model.models())


def _extract(text: str, sentences: list[Sentence], blocks: list[Block], models=(None, None),
             collect: dict | None = None) -> list[Entity]:
    """``models``: the (edge, type) models, or Nones for the rules alone; ``collect``: training
    examples (candidates and their features) are appended to its "edges" and "mentions" lists."""
    gaz = gazetteer()
    toks, flags, caps, lower_count = _tokenise(text, sentences)
    _mark_headings(text, toks, flags)
    cap_reliable: Counter = Counter(
        toks.w[i] for i in caps if not flags[i] & (_INITIAL_POS | _STRICT | _CAPSLINE | _MASKED))
    lower_seen = lower_count.keys()
    lex = _Lex(lower_seen)
    cands: list[_Cand] = []
    tw = toks.w
    # How a run is cut depends only on its words and their flags: names recur, so each distinct
    # run is trimmed once and its cut (positions in the run) replayed.
    cuts: dict[tuple, tuple[tuple[int, ...], ...]] = {}
    for run in _runs(text, toks, flags, caps):
        key = (tuple([tw[k] for k in run]), bytes([flags[k] for k in run]))
        cut = cuts.get(key)
        if cut is None:
            at = {k: i for i, k in enumerate(run)}
            cut = cuts[key] = tuple(tuple(at[k] for k in piece)
                                    for piece in _trim(run, toks, flags, lower_seen, cap_reliable, gaz))
        for positions in cut:
            cands.extend(_shape(text, [run[i] for i in positions], toks, gaz, lex))
    # A single capitalised word the text writes in lower case at least as often ("Basil" in a
    # recipe, "Black" and "White" as adjectives) is emphasis or a heading word, not a name.
    cands = [c for c in cands if not _common_word(c, lower_count, cap_reliable, gaz)]
    # Acronyms a text defines for ordinary terms ("sea surface salinity (SSS)") name no entity.
    terms = _term_acronyms(text)
    cands = [c for c in cands if not (len(c.words) == 1 and (c.words[0] in terms or len(c.words[0]) == 1))]
    edges, typer = models
    if edges is not None or collect is not None:
        cands = _learned_edges(text, cands, edges, lower_seen, cap_reliable, gaz, lex, collect)
    # The token arrays and memos are done with: free them before the mentions are built (the peak).
    del toks, flags, caps, tw, cuts, lex, cap_reliable
    return _cluster(text, cands, gaz, lower_seen, typer, collect, edges)


# --------------------------------------------------------------------------- tokens

# Where a unit opens besides a sentence start: after a line break or a colon ("the question was:
# Will ..."), or right after an opening quote.
_UNIT_START = re.compile(r"(?:[\n:][^\w]*|[\"“‘])(?=[^\W\d_])")
# Brand names that open in lower case: "eBay", "iPhone", "wikiHow"
_LOWER_CAMEL = re.compile(r"[a-z]{1,4}[A-Z][A-Za-z]+$")
_WORD_START = re.compile(r"(?<![\w'’.-])[^\W\d_]")


class _Tokens:
    """Token starts, ends and words as parallel sequences: millions of tuples would cost the garbage
    collector more than the tokenising itself. Offsets live in machine-int arrays (8 bytes a token
    rather than a 28-byte int object each) and repeated words share one string."""

    __slots__ = ("s", "e", "w")

    def __init__(self) -> None:
        self.s = array("q")
        self.e = array("q")
        self.w: list[str] = []


def _tokenise(text: str, sentences: list[Sentence]):
    """Tokens (start, end, word) and flags; indices of capitalised tokens; lower-case word counts.

    Only capitalised tokens get per-token work: the rest are counted and kept for adjacency.
    """
    masked = _masked_spans(text)
    initial = {m.end() for m in _UNIT_START.finditer(text)}
    initial.add(0)
    for sent in sentences:
        m = _WORD_START.search(text, sent.start, min(len(text), sent.start + 200))
        if m:
            initial.add(m.start())
    first = _WORD_START.search(text)
    if first:
        initial.add(first.start())
    toks = _Tokens()
    words = toks.w
    counts: Counter = Counter()
    shared: dict[str, str] = {}
    share, camel = shared.setdefault, _LOWER_CAMEL.match
    caps: list[int] = []
    cap_flags: list[int] = []
    spelling: dict[str, tuple[str, int] | tuple[()]] = {}
    # Matches in batches, their parts pulled out by C-level maps: a Python loop over every token
    # (most of them lower-case words that only need counting) was most of the stage's time.
    matches = _TOKEN.finditer(text)
    base = 0
    while batch := list(islice(matches, 16384)):
        ws = list(map(Match.group, batch))
        ws = list(map(share, ws, ws))  # one string per spelling: a book's words repeat
        counts.update(ws)
        toks.s.extend(map(Match.start, batch))
        toks.e.extend(map(Match.end, batch))
        words.extend(ws)
        # only tokens that are not all lower case can be capitalised (or "eBay"-like); what a
        # spelling says (possessive, acronym) is worked out once, only the position per token
        starts = toks.s
        for i in compress(range(len(ws)), map(not_, map(str.islower, ws))):
            w = ws[i]
            info = spelling.get(w)
            if info is None:
                info = spelling[w] = _cap_spelling(w, camel, share)
            if not info:
                continue  # a number, or lower case with inner capitals that is no brand
            k = base + i
            bare, f = info
            if starts[k] in initial:
                f |= _INITIAL_POS
            if f & _POSS:
                words[k] = bare
                toks.e[k] -= 2
            caps.append(k)
            cap_flags.append(f)
        base += len(ws)
        del batch, ws
    flags = bytearray(len(words))
    for k, f in zip(caps, cap_flags):
        flags[k] = f
    if masked:
        import bisect

        starts = toks.s
        for a, b in masked:
            for i in range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)):
                flags[i] |= _MASKED
    # Lower-case words, counted per spelling and then folded: each distinct word is judged once.
    lower_count: Counter = Counter()
    for w, n in counts.items():
        c = w[0]
        if c.isalpha() and not c.isupper() and (w.islower() or not camel(w)):
            lower_count[w if w.islower() else w.casefold()] += n
    return toks, flags, caps, lower_count


def _cap_spelling(w: str, camel, share) -> tuple[str, int] | tuple[()]:
    """A capitalised token's word (possessive cut off) and flags; () for a token that is not one."""
    if not w[0].isupper() and not camel(w):
        return ()
    f = _CAP
    if w.endswith(_POSSESSIVE) and len(w) > 2:
        w = share(w[:-2], w[:-2])
        f |= _POSS
    if w.isupper() and sum(1 for ch in w if ch.isalpha()) >= 2:
        f |= _ACRO
    return w, f


def _masked_spans(text: str) -> list[tuple[int, int]]:
    """Spans of _MASK in ``text``: addresses hold no whitespace, so only lines with a hint are scanned."""
    out: list[tuple[int, int]] = []
    done = 0
    for h in _MASK_HINT.finditer(text):
        if h.start() < done:
            continue
        start = text.rfind("\n", 0, h.start()) + 1
        end = text.find("\n", h.start())
        if end < 0:
            end = len(text)
        out.extend((m.start(), m.end()) for m in _MASK.finditer(text, start, end))
        done = end
    return out


def _mark_headings(text: str, toks: _Tokens, flags: list[int]) -> None:
    """Flag tokens on title-case or all-capitals lines: there a capital says nothing about names."""
    import bisect

    starts = toks.s
    n = len(starts)
    i = 0
    while i < n:
        line_end = text.find("\n", toks.s[i])
        if line_end < 0:
            line_end = len(text)
        j = bisect.bisect_left(starts, line_end, i)
        # a heading is short; long lines are prose (or hard-wrapped prose) and need no look
        if j - i <= 40:
            words = [toks.w[k] for k in range(i, j) if toks.w[k][0].isalpha() and not flags[k] & _MASKED]
            content = [w for w in words if len(w) > 3 and w.casefold() not in FUNCTION_WORDS]
            if len(words) >= 2:
                upper = sum(1 for w in words if w.isupper() and len(w) > 1)
                if upper >= 0.8 * len(words) and upper >= 2:
                    for k in range(i, j):
                        flags[k] |= _CAPSLINE
                elif content and len(words) <= 20 and text[line_end - 1 : line_end] not in ".!?":
                    caps = sum(1 for w in content if w[0].isupper())
                    if caps >= 2 and caps >= 0.75 * len(content):
                        for k in range(i, j):
                            flags[k] |= _STRICT
        i = max(j, i + 1)


def _name_like(w: str, f: int) -> bool:
    if not f & _CAP or f & _MASKED:
        return False
    hit = _NAME_WORDS.get(w)
    if hit is None:
        if len(_NAME_WORDS) > 100_000:
            _NAME_WORDS.clear()
        hit = _NAME_WORDS[w] = _name_word(w)
    return hit


_NAME_WORDS: dict[str, bool] = {}  # a word's verdict never changes: judged once per spelling


def _name_word(w: str) -> bool:
    if w in NOT_NAMES:
        return False
    cf = w.casefold()
    if cf in NEVER_NAMES and not (w.isupper() and len(w) > 1):  # "US" is no "us"
        return False
    for apo in ("'", "’"):
        if apo in cf and (cf.split(apo)[0] in NEVER_NAMES or cf.split(apo)[0] == "i"):
            return False  # "I’m", "We'll", "Let's"
    return True


_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*[a-z]?$")


def _runs(text: str, toks: _Tokens, flags: list[int], caps: list[int]):
    """Maximal runs of capitalised tokens (token indices), joiners included."""
    n = len(toks.w)
    done = -1
    for i in caps:
        if i <= done or not _name_like(toks.w[i], flags[i]):
            continue
        run = [i]
        j = i
        while True:
            if flags[j] & _POSS:
                # "People's Daily": a common plural's possessive opens the name, it owns nothing
                k = j + 1
                if (toks.w[j] in POSSESSIVE_OPENERS and k < n and _space_only(text, toks.e[j] + 2, toks.s[k])
                        and _name_like(toks.w[k], flags[k]) and not flags[k] & _INITIAL_POS):
                    run.append(k)
                    j = k
                    continue
                break
            k = j + 1
            if k >= n or not _space_only(text, toks.e[j], toks.s[k]):
                break
            w = toks.w[k]
            if _name_like(w, flags[k]) and not (flags[k] & _INITIAL_POS and not flags[j] & _INITIAL_POS):
                run.append(k)
                j = k
                continue
            # "Figure 1", "Internet Explorer 6", "Wave 3": a small number closes a name
            if _NUMBER.match(w) and (k + 1 >= n or not _space_only(text, toks.e[k], toks.s[k + 1])
                                     or not _name_like(toks.w[k + 1], flags[k + 1])):
                run.append(k)
                j = k
                break
            # lower-case joiners: "Bank of England", "University of the West Indies",
            # "Society for the Protection of ..."
            jn = k
            prev = toks.w[j]
            while jn < n and jn - k < 2:
                wj = toks.w[jn]
                ok = wj in JOINERS or (wj == "for" and prev in ORG_HEADS) or (wj == "the" and prev in ("of", "for"))
                if not ok or jn + 1 >= n or not _space_only(text, toks.e[jn], toks.s[jn + 1]):
                    break
                prev = wj
                jn += 1
            if jn > k and jn < n and _name_like(toks.w[jn], flags[jn]) and not flags[jn] & _INITIAL_POS:
                run.extend(range(k, jn))
                run.append(jn)
                j = jn
                continue
            if w == "and" and (len(run) > 1 or not flags[run[0]] & _ACRO):  # "IMF and World Bank": two
                end = _and_rest(text, toks, flags, k)
                if end > k:
                    run.extend(range(k, end + 1))
                    j = end
                    continue
            break
        yield run
        done = j


def _and_rest(text: str, toks: _Tokens, flags, k: int) -> int:
    """After "and" at token k: the last token of a capitalised run that ends in a law's or an
    organisation's head and closes there ("... Human Rights and Democracy Act"), else k."""
    n = len(toks.w)
    m = k + 1
    while (m < n and m - k <= 6 and _space_only(text, toks.e[m - 1], toks.s[m]) and not flags[m] & (_POSS | _INITIAL_POS)
           and _name_like(toks.w[m], flags[m])):
        m += 1
    last = m - 1
    if last == k or toks.w[last] not in AND_HEADS:
        return k
    if m < n and _space_only(text, toks.e[last], toks.s[m]) and (toks.w[m] in JOINERS or toks.w[m][:1].isupper()):
        return k  # the run goes on ("... and Bank of France"): not one name
    return last


def _space_only(text: str, a: int, b: int) -> bool:
    """One or two spaces (no line break) between offsets a and b."""
    if b - a == 1:  # the usual case: no slice needed
        c = text[a]
        return c != "\n" and c.isspace()
    if b - a == 2:
        gap = text[a:b]
        return gap.isspace() and "\n" not in gap
    return False


def _is_joiner(w: str) -> bool:
    return w in JOINERS or w in ORG_JOINERS


# --------------------------------------------------------------------------- trimming runs


def _trim(run, toks, flags, lower_seen, cap_reliable, gaz):
    """Cut a run where capitals are explained by position; split "and"-runs that are not one org."""
    words = [toks.w[k] for k in run]

    def known(k: int) -> bool:
        w = toks.w[k]
        return cap_reliable[w] > 0 or gaz.place_key(w) is not None or gaz.is_demonym(w)

    if any(flags[k] & (_STRICT | _CAPSLINE) for k in run):
        # Title-case or capitals line: a piece needs a word with evidence from elsewhere; words
        # beside it that the text never writes in lower case may complete it ("Brock Holt").
        status = []
        for k in run:
            w = toks.w[k]
            fw = w.casefold() in FUNCTION_WORDS
            ok = not fw and (
                (known(k) and (w.casefold() not in lower_seen or cap_reliable[w] > 0))
                or (flags[k] & _ACRO and not flags[k] & _CAPSLINE and w not in COMMON_ACRONYMS)
            )
            if flags[k] & _CAPSLINE and not ok:
                # "THE OLMEC": an all-capitals word counts when its title form is known
                t = w[:1] + w[1:].lower()
                ok = not fw and cap_reliable[t] > 0
            maybe = not ok and not fw and not flags[k] & _CAPSLINE and (
                not _seen_lower(w.casefold(), lower_seen) or w.rstrip(".") in TITLES)
            status.append("ok" if ok else "maybe" if maybe or _is_joiner(w) else "no")
        # a gazetteer place of several words is evidence for all of them ("United Kingdom")
        for size in (3, 2):
            for i in range(len(run) - size + 1):
                if gaz.place_key(" ".join(toks.w[k] for k in run[i : i + size])) is not None:
                    for j in range(i, i + size):
                        status[j] = "ok"
        st_of = dict(zip(run, status))
        pieces, cur, has_ok, n_maybe = [], [], False, 0
        for k, st in zip(run + [None], status + ["no"]):
            if st == "no":
                # two or more words never written in lower case make a name by themselves
                # ("Claire Bailey-Ross" on an author line)
                if cur and (has_ok or n_maybe >= 2):
                    if n_maybe and st_of[cur[0]] == "ok" and gaz.place_key(toks.w[cur[0]]) is not None:
                        # "Lagos Keeps Growing": a known place does not vouch for the words after it
                        lead = 0
                        while lead < len(cur) and st_of[cur[lead]] == "ok":
                            lead += 1
                        cur = cur[:lead]
                    pieces.append(cur)
                cur, has_ok, n_maybe = [], False, 0
            else:
                cur.append(k)
                has_ok = has_ok or st == "ok"
                n_maybe += st == "maybe" and toks.w[k][0].isalpha() and not _is_joiner(toks.w[k])
    else:
        pieces = [list(run)]
        first = run[0]
        if flags[first] & _INITIAL_POS:
            w = toks.w[first]
            cf = w.casefold()
            # a longer run: the next token is a name word or a name joiner ("Bank of ...")
            multi = len(run) > 1 and toks.w[run[1]] not in ORG_JOINERS
            trusted = False
            if cf in FUNCTION_WORDS and not (multi and gaz.place_key(" ".join(words[:2])) is not None):
                trusted = False
            elif cap_reliable[w] > 0 or flags[first] & _ACRO or w.rstrip(".") in TITLES:
                trusted = True
            elif gaz.place_key(w) is not None or gaz.is_demonym(w):
                trusted = cf not in lower_seen
            elif multi and (cf in gaz.place_starts or _starts_place(words, gaz)):
                trusted = True
            elif _seen_lower(cf, lower_seen):
                trusted = False
            elif multi and (cf.endswith(("ing", "ly")) or cf.endswith("ed") and known(run[1])):
                trusted = False  # "Considering Socotra", "Using Basil": a verb before a name
            else:
                trusted = multi
            if not trusted:
                rest = run[1:]
                while rest and _is_joiner(toks.w[rest[0]]):
                    rest = rest[1:]
                pieces = [rest] if rest else []
    # "A of B" is one name when A is a common noun ("Bank of England", "Gulf Coast of Mexico",
    # "Game of Thrones"); after a proper name it says where someone is from or belongs
    # ("Wu Chi-wai of the Democratic Party", "Theodorus of Tabennese"): two names.
    out = []
    for p in pieces:
        cur: list[int] = []
        # the words after each "of", without "the": suffixes of one list (a hostile run of
        # thousands of "X of Y of ..." must not copy its rest at every "of")
        right_words = [toks.w[x] for x in p if toks.w[x] != "the"]
        suffix = _Suffixes(right_words, gaz)
        j = 0  # position in right_words of the next word that is not "the"
        for k in p:
            w = toks.w[k]
            if w != "the":
                j += 1
            if w == "of" and cur:
                left = toks.w[cur[-1]].rstrip(".")
                if not (left in ORG_HEADS or left in PLACE_HEADS or left in EVENT_HEADS or left in TITLES
                        or left.isupper() or _seen_lower(left.casefold(), lower_seen)):
                    right_named = j < len(right_words) and (
                        right_words[j].isupper() or suffix.head_type(j) in ("ORG", "PLACE")
                        or gaz.place_key(right_words[j]) is not None)
                    if right_named:
                        out.append(cur)
                        cur = []
                        continue
            cur.append(k)
        if cur:
            out.append(cur)
    result = []
    for p in out:
        while p and _is_joiner(toks.w[p[0]]):
            p = p[1:]
        while p and _is_joiner(toks.w[p[-1]]):
            p = p[:-1]
        if p:
            result.append(p)
    return result


class _Suffixes:
    """``_head_type`` of the suffixes ``words[j:]`` of one word list, each in constant time.

    Short suffixes are typed directly; long ones (only hostile input has names of dozens of
    words) from running facts gathered once: where the next "of" is, whether an organisation
    head follows. A long suffix is never a gazetteer place: no place has that many words.
    """

    __slots__ = ("words", "gaz", "next_of", "org_after")

    def __init__(self, words: list[str], gaz) -> None:
        self.words = words
        self.gaz = gaz
        self.next_of: list[int] | None = None
        self.org_after: list[bool] | None = None

    def head_type(self, j: int) -> str | None:
        words = self.words
        n = len(words)
        if n - j <= _LONG_NAME or n - j <= self.gaz.most_place_words():
            return _head_type(words[j:], self.gaz)
        if self.next_of is None:
            self.next_of = [n] * (n + 1)
            self.org_after = [False] * (n + 1)
            for m in range(n - 1, -1, -1):
                self.next_of[m] = m if words[m] == "of" else self.next_of[m + 1]
                self.org_after[m] = words[m] in ORG_HEADS or self.org_after[m + 1]
        # as _head_type_uncached, for words[j:] (more than one word, no place)
        of_after_first = self.next_of[j + 1]
        if of_after_first < n:
            first_of = j if words[j] == "of" else of_after_first
            head = words[first_of - 1] if first_of > j else words[-1]
        else:
            head = words[-1]
        head = head.rstrip(".")
        if head in EVENT_ONLY:
            return "EVENT"
        if head in ORG_HEADS:
            return "ORG"
        if head in PLACE_HEADS or words[j].rstrip(".") in ("Mount", "Mt", "Lake", "Fort", "Ft", "Cape"):
            return "PLACE"
        if self.org_after[j]:
            return "ORG"
        if self.gaz.place_key(words[-1]) is not None and words[j] in _REGION_WORDS:
            return "PLACE"
        return None


_LONG_NAME = 12


_PAREN_ACRO = re.compile(r"\(([A-Z][A-Za-z0-9]{1,7})s?\)")
_SMALL = frozenset("of and the a an for to in on".split())


def _term_acronyms(text: str) -> set[str]:
    """Acronyms introduced after a lower-case phrase whose initials spell them."""
    out = set()
    for m in _PAREN_ACRO.finditer(text):
        acro = m.group(1)
        letters = "".join(ch for ch in acro.lower() if ch.isalpha())
        words = []
        for w in reversed(text[max(0, m.start() - 120) : m.start()].split()):
            if not w[:1].islower():
                break
            words.append(w)
        words.reverse()
        if len(words) < min(len(letters), 1) or not letters:
            continue
        parts = [p for w in words for p in re.split(r"[-’']", w) if p]
        content = [w for w in words if w not in _SMALL]
        for seq in (words, parts, content):
            if len(seq) >= len(letters) and "".join(w[0] for w in seq[-len(letters):]) == letters:
                out.add(acro)
                break
    return out


def _common_word(c: _Cand, lower_count: Counter, cap_reliable: Counter, gaz) -> bool:
    if len(c.words) != 1 or c.titled or c.cues:
        return False
    w = c.words[0]
    if w.isupper() or gaz.place_key(w) is not None:
        return False
    cf = w.casefold()
    low = lower_count.get(cf, 0) + lower_count.get(cf + "s", 0)
    if cf.endswith("s"):
        low += lower_count.get(cf[:-1], 0)
    return low > 0 and low >= cap_reliable[w]


def _seen_lower(cf: str, lower_seen: set[str]) -> bool:
    """The text writes this word (or its singular) in lower case somewhere."""
    if cf in lower_seen:
        return True
    if cf.endswith("ies") and cf[:-3] + "y" in lower_seen:
        return True
    if cf.endswith("es") and cf[:-2] in lower_seen:
        return True
    return cf.endswith("s") and cf[:-1] in lower_seen


def _starts_place(words: list[str], gaz) -> bool:
    for n in (2, 3):
        if len(words) >= n and gaz.place_key(" ".join(words[:n])) is not None:
            return True
    return False


# --------------------------------------------------------------------------- shaping candidates


def _shape(text: str, piece: list[int], toks, gaz, low: _Lex) -> list[_Cand]:
    """Cut titles and nationality adjectives off a run; attach the cues that type it.

    What to cut depends on the words alone, so it is worked out once per spelling (names repeat
    heavily) as a plan; only a nationality adjective's next word is looked up per mention.
    """
    tw = toks.w
    words = tuple([tw[k] for k in piece])
    plan = low.plans.get(words)
    if plan is None:
        plan = []
        _plan_shape(words, 0, gaz, plan)
        plan = low.plans[words] = tuple(plan)
    out: list[_Cand] = []
    for i0, i1, bump, titled, unless_adjectival in plan:
        if unless_adjectival:
            k = piece[i0]
            if (k + 1 < len(tw) and _space_only(text, toks.e[k], toks.s[k + 1])
                    and tw[k + 1][:1].islower() and tw[k + 1] not in FUNCTION_WORDS):
                continue  # "Russian forces", "Western countries" are no mentions
        c = _cand(text, piece[i0:i1], toks, gaz, low, words if i1 - i0 == len(words) else words[i0:i1], bump)
        if titled >= 0:
            c.titled = text[toks.s[piece[titled]] : c.end]
        out.append(c)
    return out


# One step of a shaping plan: words [i0, i1) of the piece make a mention; add 3 to the cue
# ``bump``; ``titled`` ≥ 0: the titled form starts at that word; ``unless_adjectival``: no
# mention when a lower-case word follows ("Russian forces").
_Step = tuple[int, int, str | None, int, bool]


def _plan_shape(words: tuple[str, ...], off: int, gaz, out: list[_Step]) -> None:
    # a loop, not recursion, over leading country codes: "USA USA USA ..." must not overflow the stack
    if len(words) > _LONG_NAME:
        return _plan_long(words, off, gaz, out)
    rest: tuple[tuple[str, ...], int] | None = (words, off)
    while rest is not None:
        rest = _plan_step(*rest, gaz, out)


def _plan_long(words: tuple[str, ...], off: int, gaz, out: list[_Step]) -> None:
    """``_plan_step`` repeated over a hostile run of thousands of words in linear time.

    Only a leading country code makes a step continue; up to there the steps differ only in
    where they start, so the first title and each suffix's head type are found once, not per step.
    """
    has_title = any(w.rstrip(".") in TITLES for w in words)  # country codes are no titles
    suffixes = _Suffixes(list(words), gaz)
    j = 0
    while len(words) - j > _LONG_NAME:
        first = words[j]
        if (has_title and suffixes.head_type(j) is None) or not (
                first.replace(".", "").isupper() and (gaz.place_key(first) or "").startswith("country:")):
            _plan_step(words[j:], off + j, gaz, out)  # a title or an ordinary start: no further step
            return
        out.append((off + j, off + j + 1, None, -1, False))
        j += 1
    _plan_shape(words[j:], off + j, gaz, out)


def _plan_step(words: tuple[str, ...], off: int, gaz, out: list[_Step]) -> tuple[tuple[str, ...], int] | None:
    """Plan the start of ``words``; returns the words still to plan (after a country code), if any."""
    bare = [w.rstrip(".") for w in words]
    heads = _head_type(words, gaz)
    # Titles: "President Putin", "Russian President Vladimir Putin", "U.S. Senator John Cornyn"
    t = next((i for i, w in enumerate(bare) if w in TITLES), None)
    if t is not None and heads is None:
        e = t
        while e < len(bare) and (bare[e] in TITLES or (e > t and _is_joiner(words[e]))):
            e += 1
        # What stands before the title says whose office it is: a place or an organisation is a
        # mention of its own ("NASA Administrator Charles Bolden", "U.S. Senator John Cornyn"),
        # a nationality adjective or a portfolio ("Russian", "Education") is not.
        prefix_words = words[:t]
        if prefix_words and (_head_type(prefix_words, gaz) in ("ORG", "PLACE")
                             or all(w.isupper() and len(w) > 1 for w in prefix_words)):
            _plan_shape(prefix_words, off, gaz, out)
        else:
            for i, w in enumerate(prefix_words):
                if gaz.place_key(w) is not None and not gaz.is_demonym(w):
                    out.append((off + i, off + i + 1, None, -1, False))
        if e == len(words):
            return
        # "Duke of York", "Professor of Linguistics": the office is not followed by a name
        rest_words = words[e:]
        rest_key = gaz.place_key(" ".join(rest_words)) or ""
        rest_head = None if rest_key.startswith("city:") else _head_type(rest_words, gaz)
        if e - t == sum(1 for w in bare[t:e] if w in TITLES) and not rest_head:
            out.append((off + e, off + len(words), "PERSON", off, False))
        else:
            out.append((off + e, off + len(words), None, -1, False))
        return
    # "US Congress", "U.S. Air Force": a country code before a name is a mention of its own
    first = words[0]
    if len(words) > 1 and first.replace(".", "").isupper() and (gaz.place_key(first) or "").startswith("country:"):
        out.append((off, off + 1, None, -1, False))
        return words[1:], off + 1
    if len(words) > 1 and all(gaz.is_demonym(w) for w in words):
        out.append((off, off + len(words), "GROUP", -1, False))  # "African American"
        return
    if len(words) == 1:
        w = words[0]
        if w.casefold() in _DIRECTIONS:
            return
        if gaz.is_demonym(w) and gaz.place_key(w) is None:
            # Nationality adjective: "Russian forces" is no mention, "Russians" always one
            out.append((off, off + 1, "GROUP", -1, not w.endswith("s")))
            return
        if w.isupper() and w in COMMON_ACRONYMS:
            return
        if w.rstrip(".") in TITLES:
            return
    out.append((off, off + len(words), None, -1, False))


def _cand(text: str, piece: list[int], toks, gaz, low: _Lex, key: tuple[str, ...], bump: str | None = None) -> _Cand:
    """A mention of ``key`` over ``piece``: the name's own cues, its context, and ``bump`` (+3) if given."""
    start, end = toks.s[piece[0]], toks.e[piece[-1]]
    static = low.memo.get(key)
    if static is None:
        static = low.memo[key] = _name_cues(key, gaz, low.seen)
    ctx = 0
    # context: "in Kazakhstan" leans PLACE (a tie-breaker only), "Tokayev said" leans PERSON
    before = text[max(0, start - 12) : start].split()
    if before:
        if before[-1] in PLACE_PREPOSITIONS:
            ctx = _CTX_IN
        elif before[-1] in ("the", "The"):
            ctx = _CTX_THE  # people are not "the Onion" or "the Confederacy"
    # a name alone in quotation marks is mostly a title of a work ("Takekurabe", "Wrecking Ball")
    close = text[end : end + 2]
    quoted = bool(start and text[start - 1] in "\"“" and close and (close[0] in "\"”" or close in (',"', ".\"", ",”", ".”")))
    noun_type = None
    after = text[end : end + 16].split()
    if after:
        verb = after[0].strip(",")
        if verb in PERSON_VERBS:
            ctx |= _CTX_SAID
        if ctx & _CTX_THE and verb in AGENT_VERBS and text[end : end + 1] == " ":
            ctx |= _CTX_AGENT
        noun = after[0].rstrip(".,;:!?)")
        if noun in CLASSIFIER_NOUNS and text[end : end + 1] == " ":
            noun_type = CLASSIFIER_NOUNS[noun]
    if quoted or noun_type or bump:
        cues = dict(static)  # this mention's own evidence; the shared dict stays as it is
        if quoted:
            cues["OTHER"] = max(cues.get("OTHER", 0), 1.5)
        if noun_type:
            cues[noun_type] = max(cues.get(noun_type, 0), 1.5)
        if bump:
            _bump(cues, bump, 3)
    else:
        cues = static  # most mentions add nothing: share the name's dict (read-only from here on)
    return _Cand(start, end, key, cues, ctx)


def _name_cues(words: tuple[str, ...], gaz, low) -> dict[str, float]:
    """Evidence from the name alone: gazetteers, head words, shape."""
    cues: dict[str, float] = {}
    ht = _head_type(words, gaz)
    w0 = words[0]
    pk = gaz.place_key(" ".join(words))
    if pk is not None:
        cues["PLACE"] = 1 if pk.startswith("city:") and len(words) == 1 else 3
    elif ht:
        cues[ht] = 2
    elif _NUMBER.match(words[-1]) or (len(words) == 1 and any(ch.isdigit() for ch in w0)):
        cues["OTHER"] = 1  # "Figure 2", "Wave 3", "IE6"
    elif len(words) == 1 and w0.isupper() and len(w0) > 1:
        cues["ACRO"] = 1  # a bare acronym not in the gazetteer is most often an organisation
    elif len(words) == 1 and _camel(w0):
        cues["ORG"] = 1  # "YouTube", "LibriVox": inner capitals name products and companies
    elif len(words) == 1 and w0 in ORG_HEADS:
        cues["ORG"] = 1  # "the Church", "the Army"
    elif len(words) == 1 and w0 in PLACE_HEADS:
        cues["PLACE"] = 1
    if (not ht and pk is None and 2 <= len(words) <= 3
            and all(_plain_name_word(w) for w in words)
            and (gaz.place_key(w0) or "city:").startswith("city:")  # towns are first names too: "George"
            and not _seen_lower(w0.casefold(), low)):
        cues["PERSON"] = cues.get("PERSON", 0) + 1  # "Claire Warwick": two or three plain capitalised words
    return cues


def _plain_name_word(w: str) -> bool:
    """A word that can be part of a person's name: "Kassym-Jomart", "O'Brien", "J."."""
    if (len(w) == 2 and w[1] == "." and w[0].isupper()) or (len(w) == 1 and w.isupper() and w != "I"):
        return True  # "J." and the undotted "W" of "George W Bush"
    core = w.replace("-", "").replace("'", "").replace("’", "")
    return core.isalpha() and w[0].isupper() and not w.isupper()


def _camel(w: str) -> bool:
    """Inner capitals of product and company names ("YouTube"), not of surnames ("McDonald", "L'Enfant")."""
    if w.isupper() or "-" in w or "'" in w or "’" in w:
        return False
    return any(ch.isupper() for ch in w[3:]) or (w[1:2].isupper() and w[0].islower())


_COMPASS = frozenset("North South East West Northeast Northwest Southeast Southwest Midwest".split())


def _head_type(words: list[str], gaz) -> str | None:
    if len(words) > 12:
        return _head_type_uncached(words, gaz)  # hostile runs of thousands of words: memo keys would be quadratic
    key = tuple(words)
    hit = _HEAD_MEMO.get(key, False)
    if hit is False:
        if len(_HEAD_MEMO) > 50_000:
            _HEAD_MEMO.clear()
        hit = _HEAD_MEMO[key] = _head_type_uncached(words, gaz)
    return hit


_HEAD_MEMO: dict[tuple[str, ...], str | None] = {}


def _head_type_uncached(words: list[str], gaz) -> str | None:
    name = " ".join(words)
    if len(words) == 1 and words[0] in _COMPASS:
        return "PLACE"  # "the West", "the South"
    key = gaz.place_key(name)
    if key is not None:
        return "PLACE"
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    head = head.rstrip(".")
    if len(words) > 1 or head in ("Congress", "Parliament", "Senate", "Kremlin", "Pentagon"):
        if head in EVENT_ONLY:
            return "EVENT"
        if head in LAW_HEADS and len(words) > 1:
            return "OTHER"
        if head in ORG_HEADS:
            return "ORG"
        if head in PLACE_HEADS or words[0].rstrip(".") in ("Mount", "Mt", "Lake", "Fort", "Ft", "Cape"):
            return "PLACE"
        if len(words) > 1 and any(w in ORG_HEADS for w in words):
            return "ORG"
    if len(words) > 1 and gaz.place_key(words[-1]) is not None and words[0] in _REGION_WORDS:
        return "PLACE"
    return None


_REGION_WORDS = ("North", "South", "East", "West", "Central", "Northern", "Southern", "Eastern", "Western", "New",
                 "Upper", "Lower", "Greater")


# --------------------------------------------------------------------------- learned edges


def _learned_edges(text: str, cands: list[_Cand], model, lower_seen, cap_reliable, gaz, lex: _Lex,
                   collect: dict | None) -> list[_Cand]:
    """Let the edge model cut a closing number ("Price 72" in a score table) or an opening word
    ("Feminist Glenn Fleishman", "Police Chief ...") the rules kept."""
    names = {c.words for c in cands}
    style = entity_model.text_style(text)
    given, common = entity_model.lexicons(model, collect)
    memo: dict = {}
    out: list[_Cand] = []
    drop = None if model is None else model.classes.index("drop")
    for c in cands:
        words = c.words
        if len(words) >= 2 and _NUMBER.match(words[-1]) and words[-2][:1].isalpha():
            cut = text.rfind(words[-2], c.start, c.end) + len(words[-2])
            c = _edge(text, c, "num", c.start, cut, words[:-1], model, drop, lower_seen, cap_reliable, names,
                      gaz, lex, collect, style, (given, common), memo)
            words = c.words
        # the first word, with the joiners after it ("Shares of Fannie Mae"), when a name is left
        r = 1
        while r < len(words) and _is_joiner(words[r]):
            r += 1
        if (r < len(words) and words[0] not in ("St.", "Mt.", "Ft.") and words[-1][:1].isalpha()
                and not (r > 1 and words[0] in _HEADS)
                and gaz.place_key(" ".join(words[:2])) is None):  # "Hong Kong ..." is never cut
            at = c.start + len(words[0])
            for w in words[1 : r + 1]:
                at = text.find(w, at, c.end) + len(w)
            at -= len(words[r])
            if at > c.start:
                c = _edge(text, c, "first", at, c.end, words[r:], model, drop, lower_seen, cap_reliable, names,
                          gaz, lex, collect, style, (given, common), memo)
        out.append(c)
    return out


_HEADS = ORG_HEADS | PLACE_HEADS | EVENT_HEADS  # "Bank of England" is not "Bank" before a name


def _edge(text, c: _Cand, kind, start, end, rest, model, drop, lower_seen, cap_reliable, names, gaz, lex,
          collect, style, given, memo) -> _Cand:
    # the features depend on the words and little around them: a name's hundredth mention reuses its verdict
    if kind == "first":  # its features read only the word before and whether a line starts here
        key = (kind, c.words, entity_model.word_before(text, c.start), entity_model.line_start(text, c.start))
    else:
        key = (kind, c.words, text[max(0, c.start - 60) : c.start], text[c.end : c.end + 60])
    cut = memo.get(key)
    if cut is None or collect is not None:
        feats = entity_model.edge_features(kind, text, c.start, c.end, c.words, lower_seen, cap_reliable, names,
                                           *given)
        if collect is not None:
            collect["edges"].append((kind, c.start, c.end, start, end, entity_model.styled(list(feats), style)))
        cut = False
        if model is not None:
            s = entity_model.add_table(entity_model.weights_for(model, style), list(model.bias), feats)
            cut = s[drop] > s[1 - drop]
        memo[key] = cut
    if not cut:
        return c
    cues = lex.memo.get(rest)
    if cues is None:
        cues = lex.memo[rest] = _name_cues(rest, gaz, lex.seen)
    if kind == "first" and c.words[0].rstrip(".") in TITLES:
        cues = dict(cues)
        _bump(cues, "PERSON", 3)
    new = _Cand(start, end, rest, cues, c.ctx if kind == "num" else 0)
    new.titled = c.titled
    return new


# --------------------------------------------------------------------------- clustering and typing


def _cluster(text: str, cands: list[_Cand], gaz, lower_seen: set[str], typer=None,
             collect: dict | None = None, edges=None) -> list[Entity]:
    if not cands:
        return []
    cands.sort(key=lambda c: (c.start, c.end))
    # drop overlaps (keep the earlier, longer one)
    kept: list[_Cand] = []
    for c in cands:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    cands = kept
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra

    keys: list[str] = []
    forms: dict[str, list[tuple[str, ...]]] = defaultdict(list)  # key → word tuples seen
    key_cues: dict[str, Counter] = defaultdict(Counter)  # per name: the strongest cue of each type
    key_ctx: dict[str, Counter] = defaultdict(Counter)
    key_of: dict[tuple[str, ...], str] = {}  # names repeat: each spelling is keyed once
    for c in cands:
        k = key_of.get(c.words)
        if k is None:
            name = " ".join(c.words)
            pk = gaz.place_key(name)
            k = key_of[c.words] = pk if pk and pk.startswith("country:") else fold(name)
            forms[k].append(c.words)
        keys.append(k)
        parent.setdefault(k, k)
        # a table entry only for names with evidence: random capitals make ~50,000 bare names per MB
        if c.cues:
            kc = key_cues[k]
            for t, v in c.cues.items():
                if v > kc.get(t, 0):
                    kc[t] = v
        ctx = c.ctx
        if ctx:
            kx = key_ctx[k]
            if ctx & _CTX_IN:
                kx["in"] += 1
            if ctx & _CTX_THE:
                kx["the"] += 1
            if ctx & _CTX_SAID:
                kx["said"] += 1
            if ctx & _CTX_AGENT:
                kx["agent"] += 1

    # An acronym is evidence of an organisation unless it is only a capitals heading's spelling of
    # a name written normally elsewhere ("EEGIMAA" beside "Eegimaa").
    for k, cue in key_cues.items():
        if cue.pop("ACRO", 0) and all(w.isupper() for ws in forms[k] for w in ws):
            cue["ORG"] = max(cue["ORG"], 1)

    # Acronyms: defined in parentheses right after the long form, or spelled by a longer name.
    by_initials: dict[str, set[str]] = defaultdict(set)
    for k, ws_list in forms.items():
        for ws in ws_list:
            if len(ws) > 1:
                by_initials[initials(ws)].add(k)
                by_initials[initials(ws, with_joiners=True)].add(k)
    for i, c in enumerate(cands):
        if len(c.words) == 1 and c.words[0].replace(".", "").isupper() and len(c.words[0]) > 1:
            acro = c.words[0].replace(".", "")
            k = keys[i]
            # "Long Form (ACR)" and "ACR (Long Form)"
            if i > 0 and text[cands[i - 1].end : c.start] in (" (", " [") and acro in (
                    initials(cands[i - 1].words), initials(cands[i - 1].words, with_joiners=True)):
                union(keys[i - 1], k)
                continue
            if i + 1 < len(cands) and text[c.end : cands[i + 1].start] in (" (", " [") and acro in (
                    initials(cands[i + 1].words), initials(cands[i + 1].words, with_joiners=True)):
                union(k, keys[i + 1])
                continue
            longs = by_initials.get(acro, set()) - {k}
            if len({find(x) for x in longs}) == 1:
                union(next(iter(longs)), k)

    # People: a surname (or, failing that, a first name) alone joins the one longer person name it
    # belongs to; a town name alone only as a surname ("Montalvo" ↔ "Daniel Montalvo").
    by_last: dict[str, set[str]] = defaultdict(set)
    by_first: dict[str, set[str]] = defaultdict(set)
    any_last: dict[str, set[str]] = defaultdict(set)  # every name that could own the surname
    for k, ws_list in forms.items():
        cue = key_cues.get(k, _NO_CUES)
        if not (cue["ORG"] or cue["EVENT"] or cue["GROUP"] or cue["PLACE"] >= 3):
            for ws in ws_list:
                if 2 <= len(ws) <= 4 and not any(_is_joiner(w) for w in ws):
                    any_last[ws[-1]].add(k)
        if cue["PERSON"] < 1 or cue["ORG"] or cue["EVENT"] or cue["GROUP"] or cue["PLACE"] > cue["PERSON"]:
            continue
        for ws in ws_list:
            if 2 <= len(ws) <= 4 and not any(_is_joiner(w) for w in ws):
                by_last[ws[-1]].add(k)
                by_first[ws[0]].add(k)
    # Longer person names that contain a shorter one with the same surname are one person
    # ("Joshua Abraham Norton" ⊇ "Joshua Norton", "Charles J. Fillmore" ⊇ "J. Fillmore").
    person_forms = sorted(((ws, k) for last in by_last.values() for k in last for ws in forms[k]
                           if 2 <= len(ws) <= 4), key=lambda p: -len(p[0]))
    # Only earlier forms with the same surname that hold every word of this one can contain it:
    # they are looked up by (surname, word) for its rarest word. Scanning all earlier forms was
    # quadratic in the number of people (16,000 names took seconds).
    with_word: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for ws, k in person_forms:
        last = ws[-1]
        wanted = set(ws)
        earlier = min((with_word.get((last, w), ()) for w in wanted), key=len)
        supers = {find(k2) for ws2, k2 in earlier if len(ws2) > len(ws) and wanted <= set(ws2)}
        if len(supers) == 1:
            union(next(iter(supers)), k)
        for w in wanted:
            with_word[(last, w)].append((ws, k))
    first_seen: dict[str, int] = {}
    for i, k in enumerate(keys):
        first_seen.setdefault(k, i)
    for k, ws_list in list(forms.items()):
        single = next((ws[0] for ws in ws_list if len(ws) == 1), None)
        cue = key_cues.get(k, _NO_CUES)
        if single is None or single.isupper() or cue["ORG"] >= 2 or cue["GROUP"] or cue["PLACE"] >= 2:
            continue
        targets = {find(x) for x in by_last.get(single, ()) if x != k}
        if cue["PLACE"] > cue["PERSON"]:
            # a town's name is a surname only once the full name has introduced the person
            targets = {find(x) for x in by_last.get(single, ()) if x != k and first_seen[x] < first_seen[k]}
        if not targets and not cue["PLACE"]:
            targets = {find(x) for x in by_first.get(single, ()) if x != k}
        owners = {find(x) for x in any_last.get(single, ()) if x != k}
        if len(targets) == 1 and len(owners) <= 1:
            union(next(iter(targets)), k)
            key_cues[k]["PERSON"] = max(key_cues[k]["PERSON"], 2)  # used as a surname

    # Gather clusters in order of first mention.
    clusters: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        clusters.setdefault(find(k), []).append(i)
    # keys in first-mention order, never a set: tied votes must not depend on the hash seed
    decided = [_decide_type(_members(idxs, cands), list(dict.fromkeys(keys[i] for i in idxs)), key_cues, key_ctx, lower_seen)
               for idxs in clusters.values()]
    # A name with no evidence at all takes the text's own leaning: a travel guide full of sure
    # places names more places, a biography more people.
    sure = Counter(t for t, path in decided if path == "sure")
    default: EntityType = "PLACE" if sure["PLACE"] > 3 * max(1, sure["PERSON"]) else "PERSON"
    groups = list(clusters.values())
    types: list[EntityType | None] = [default if path == "default" else etype for etype, path in decided]
    if typer is not None or collect is not None:
        types = _learned_types(text, cands, groups, types, [path for _t, path in decided], typer, lower_seen,
                               collect, edges)
    # The per-name tables are done with: free them before the entities are built (the stage's
    # peak on a text of random capitals, a name every few words).
    parent.clear()  # the closures find/union still see it: emptied, not deleted
    del keys, forms, key_cues, key_ctx, key_of, by_initials, by_last, by_first, any_last
    del person_forms, with_word, first_seen, clusters, decided, sure
    entities: list[Entity] = []
    for idxs, etype in zip(groups, types):
        if etype is None:
            continue  # the model says: no name after all
        members = _members(idxs, cands)
        n = len(entities)
        surface = list(dict.fromkeys([text[c.start : c.end] for c in members]))  # first-seen order
        name = max(surface, key=lambda s: (len(s.split()) if not s.isupper() else 0, len(s)))
        aliases = [s for s in surface if s != name]
        listed = set(aliases)
        for c in members:
            if c.titled and c.titled not in listed and c.titled != name:
                aliases.append(c.titled)
                listed.add(c.titled)
        # trusted: every value here is the analysis's own, and a text of random capitals has
        # ~50,000 entities per MB (validation cost a third of their memory; `model_construct` its
        # own copy of each one's fields)
        entities.append(Entity._row({"id": f"ent-{n}", "name": name, "type": etype, "aliases": aliases,
                                     "mentions": _mentions(members)}))
    return entities


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
        if all(len(cands[i].words) > 1 and cands[i].words[-1] in LAW_HEADS for i in idxs):
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


_FIELDS_SET = {"start", "end"}


def _mentions(members: list[_Cand]) -> list[Mention]:
    """Mentions built the way ``Mention.model_construct`` builds them, at a quarter of its cost.

    Offsets come from the tokeniser, so validation would only cost time; a book has 100,000s of
    mentions, and model_construct's generic per-call work was a tenth of the whole stage.
    """
    if not _FAST_MENTIONS:
        return [Mention.model_construct(start=c.start, end=c.end) for c in members]
    return _construct_mentions([(c.start, c.end) for c in members])


def _construct_mentions(spans: list[tuple[int, int]]) -> list[Mention]:
    new, put, fields = object.__new__, object.__setattr__, _FIELDS_SET
    out = []
    for start, end in spans:
        m = new(Mention)
        put(m, "__dict__", {"start": start, "end": end})
        put(m, "__pydantic_fields_set__", fields)
        put(m, "__pydantic_extra__", None)
        put(m, "__pydantic_private__", None)
        out.append(m)
    return out


def _fast_mentions_agree() -> bool:
    """The shortcut relies on pydantic's instance layout: use it only while it gives equal models."""
    try:
        (m,) = _construct_mentions([(3, 5)])
        ref = Mention.model_construct(start=3, end=5)
        return (m == ref and m.model_dump() == ref.model_dump() and m.model_fields_set == ref.model_fields_set
                and m.model_copy(update={"end": 6}).end == 6)
    except Exception:  # noqa: BLE001 - any surprise means: take the documented path
        return False


_FAST_MENTIONS = _fast_mentions_agree()


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
