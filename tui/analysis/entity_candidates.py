"""Candidate mentions: a run of capitalised words shaped into names (titles and nationality
adjectives cut off, country codes split), each with the evidence that types it."""

from __future__ import annotations


from tui.analysis.entity_lexicon import (
    ORGS_NAMED_LIKE_PEOPLE,
    AGENT_VERBS, CLASSIFIER_NOUNS, COMMON_ACRONYMS, EVENT_ONLY, FUNCTION_WORDS, LAW_HEADS, ORG_HEADS, PERSON_VERBS, PLACE_HEADS, PLACE_PREPOSITIONS,
    TITLES,
)
from tui.analysis.entity_tokens import _NUMBER, _is_joiner, _seen_lower, _space_only

_DIRECTIONS = frozenset("western eastern northern southern central".split())


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


# Prose has a few thousand distinct runs; a text with more (random capitals) is no prose, and
# memos keyed by runs that never repeat only grow: they are cleared at this size.
_MEMO_CAP = 50_000
_CTX_IN, _CTX_THE, _CTX_SAID, _CTX_AGENT = 1, 2, 4, 8  # "in X", "the X", "X said", "the X wants"


def _bump(d: dict, key: str, by: float = 1) -> None:
    d[key] = d.get(key, 0) + by



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
        if len(low.plans) >= _MEMO_CAP:
            low.plans.clear()  # spellings that never repeat (random capitals) would only grow it
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
    suffixes = Suffixes(list(words), gaz)
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
    # "US Congress", "U.S. Labor Day": a country code before a name is a mention of its own, unless
    # the name is an institution's or an event's ("U.S. Air Force", "US Census Bureau", "U.S. Open
    # Championship"): in both corpora those are one name three times as often as two
    first = words[0]
    if (len(words) > 1 and first.replace(".", "").isupper() and (gaz.place_key(first) or "").startswith("country:")
            and _head_type(words[1:], gaz) not in ("ORG", "EVENT", "OTHER")):
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
    if words in ORGS_NAMED_LIKE_PEOPLE:
        cues["ORG"] = 3
    elif pk is not None:
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
        return head_type_direct(words, gaz)  # hostile runs of thousands of words: memo keys would be quadratic
    key = tuple(words)
    hit = _HEAD_MEMO.get(key, False)
    if hit is False:
        if len(_HEAD_MEMO) > 50_000:
            _HEAD_MEMO.clear()
        hit = _HEAD_MEMO[key] = head_type_direct(words, gaz)
    return hit


_HEAD_MEMO: dict[tuple[str, ...], str | None] = {}


def head_type_direct(words: list[str], gaz) -> str | None:
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



class Suffixes:
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
        # as head_type_direct, for words[j:] (more than one word, no place)
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
