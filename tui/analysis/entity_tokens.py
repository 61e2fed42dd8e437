"""Tokens of a text for the entity finder, and the runs of capitalised words that may be names.

Only capitalised tokens get per-token work; each carries flags (_CAP, _ACRO, ...) saying what its
spelling and position tell about it (a sentence start, a heading line, an address).
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from itertools import accumulate, compress
from operator import not_

from tui.analysis.entity_lexicon import (
    AND_HEADS, FUNCTION_WORDS, JOINERS,
    NEVER_NAMES, NOT_NAMES, ORG_HEADS, ORG_JOINERS, POSSESSIVE_OPENERS,
)
from tui.model import Sentence

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
_POSSESSIVE = ("’s", "'s")

# Token flags
_CAP, _ACRO, _INITIAL_POS, _STRICT, _POSS, _MASKED, _CAPSLINE = 1, 2, 4, 8, 16, 32, 64


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
    initial = _unit_starts(text, sentences)
    toks = _Tokens()
    words = toks.w
    counts: Counter = Counter()
    shared: dict[str, str] = {}
    share, camel = shared.setdefault, _LOWER_CAMEL.match
    # indices of capitalised tokens and every token's flags: machine ints and bytes, not int objects
    caps = array("q")
    flags = bytearray()
    spelling: dict[str, tuple[str, int] | tuple[()]] = {}
    # Tokens in chunks, pulled out by a capturing split (words and the gaps between them, whose
    # lengths give the offsets) and C-level maps: a Python loop over every token (most of them
    # lower-case words that only need counting) was most of the stage's time, and a Match object
    # per token half of what remained.
    base = 0
    for a, b in _chunks(text):
        parts = _SPLIT_TOKENS.split(text[a:b])
        ws = parts[1::2]
        at = list(accumulate(map(len, parts), initial=a))
        del parts
        ws = list(map(share, ws, ws))  # one string per spelling: a book's words repeat
        counts.update(ws)
        toks.s.extend(at[1:-1:2])
        toks.e.extend(at[2::2])
        del at
        words.extend(ws)
        flags.extend(bytes(len(ws)))
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
            if initial[starts[k]]:
                f |= _INITIAL_POS
            if f & _POSS:
                words[k] = bare
                toks.e[k] -= 2
            caps.append(k)
            flags[k] = f
        base += len(ws)
        del ws
    del initial
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


def _unit_starts(text: str, sentences: list[Sentence]) -> bytearray:
    """1 at each offset where a unit opens, as one byte per character: a set of int offsets cost
    ~70 bytes each, and a text of short sentences ("Ab.\n\n" repeated) has one every few characters."""
    initial = bytearray(len(text) + 1)
    for m in _UNIT_START.finditer(text):
        initial[m.end()] = 1
    initial[0] = 1
    for sent in sentences:
        m = _WORD_START.search(text, sent.start, min(len(text), sent.start + 200))
        if m:
            initial[m.start()] = 1
    first = _WORD_START.search(text)
    if first:
        initial[first.start()] = 1
    return initial


_SPLIT_TOKENS = re.compile(f"({_TOKEN.pattern})")
# A safe place to cut the text into chunks: at the end of a run of white space. No token spans
# white space, and the token pattern's look-aheads past it ("W." before a capital, "Mr." before a
# space) see the same there, unless the run follows a capital and a dot ("W.") and precedes a
# capital. Only that case is refused: a text whose every run of white space precedes a capital
# ("Ab.\n\n" repeated) must still be cut, or it is split whole (~25 bytes a character at once).
_CUT = re.compile(r"\s(?=[^\sA-Z])|(?<=\S)(?<![A-Z]\.)\s+(?=[A-Z])")
_CHUNK = 1 << 18


def _chunks(text: str):
    """(start, end) of consecutive pieces of ``text`` of about _CHUNK characters, cut where
    tokenising each alone gives the same tokens as tokenising the whole."""
    start, n = 0, len(text)
    while start < n:
        end = start + _CHUNK
        if end >= n:
            end = n
        else:
            m = _CUT.search(text, end)
            end = m.end() if m else n
        yield start, end
        start = end


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


def _runs(text: str, toks: _Tokens, flags: bytearray, caps: array):
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



def _seen_lower(cf: str, lower_seen: set[str]) -> bool:
    """The text writes this word (or its singular) in lower case somewhere."""
    if cf in lower_seen:
        return True
    if cf.endswith("ies") and cf[:-3] + "y" in lower_seen:
        return True
    if cf.endswith("es") and cf[:-2] in lower_seen:
        return True
    return cf.endswith("s") and cf[:-1] in lower_seen

