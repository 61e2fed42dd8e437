"""The learned parts of entity finding: where a name starts and ends, and what kind of thing it names.

The rules in `entities.py` (and the `entity_*` modules it names) find candidate names and cluster
their aliases; two small linear models (fitted by `python -m tui.analysis.train entities`, see
docs/model-card.md) then

* decide the edges the rules guess at: whether a run's first word belongs to the name
  ("Feminist Glenn Fleishman" → "Glenn Fleishman", "President" is cut, "Hong Kong" is not) and
  whether a small number after it does ("Figure 2", but not "Price 72" in a score table);
* type every mention (PERSON, ORG, PLACE, OTHER, or NONE: not a name after all) from the name's
  words and shape, the gazetteers, the words around it, and the rules' own verdict; the scores of a
  cluster's mentions are averaged so an entity gets one type.

Features are plain strings, computed per spelling where they depend only on the words (names
repeat), so typing costs a few dictionary look-ups per mention. Weights load on first use.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from tui.analysis.entity_lexicon import CLASSIFIER_NOUNS, EVENT_HEADS, FUNCTION_WORDS, ORG_HEADS, PLACE_HEADS, TITLES

EDGE_MODEL = "entity_edges"
TYPE_MODEL = "entity_types"
NONE = "NONE"  # the typer's class for a candidate that names nothing
# Below this averaged probability a single-word name is not called a person or a place on the
# model's word: it says OTHER (an honest "some name") rather than guessing.
UNSURE = 0.3
# A candidate is dropped only when the model is this sure it names nothing: a missed name costs a
# reader more than a doubtful one listed.
NOT_A_NAME = 0.6

_WORD = re.compile(r"[^\W_][\w'’.&-]*|[()\"“”:;,%$]")
_DIGITS = re.compile(r"\d")


@lru_cache(maxsize=1)
def models():
    """(edge model, type model), or (None, None) when the weights are missing: the rules alone."""
    from tui.analysis.linear import load

    try:
        return load(EDGE_MODEL), load(TYPE_MODEL)
    except (OSError, ValueError, KeyError):
        return None, None


_FIRST_NAMES: dict[tuple[int, str], frozenset[str]] = {}


def first_names(edges) -> frozenset[str]:
    """Given names seen opening people's names in the training data (kept in the edge model's card)."""
    return _word_list(edges, "first_names")


def common_words(edges) -> frozenset[str]:
    """Words the training texts write in lower case again and again ("easing", "former", "rights"):
    a name made of them is often a capitalised phrase ("Quantitative Easing"), not a proper name."""
    return _word_list(edges, "common_words")


def _word_list(edges, key: str) -> frozenset[str]:
    if edges is None:
        return frozenset()
    got = _FIRST_NAMES.get((id(edges), key))
    if got is None:
        got = _FIRST_NAMES[(id(edges), key)] = frozenset(edges.meta.get(key, ()))
    return got


def lexicons(edges, collect) -> tuple[frozenset[str], frozenset[str]]:
    """(given names, common words): from the training run's collector, else from the edge model."""
    if collect is not None:
        return collect["first_names"], collect.get("common_words", frozenset())
    return first_names(edges), common_words(edges)


# Nouns right before a name that say what it names ("the mortgage companies Fannie Mae",
# "physicist John Wheeler"): one feature per class, so every noun of a class teaches the others.
NOUN_CLASS = {
    **{k: v for k, v in CLASSIFIER_NOUNS.items()},
    **dict.fromkeys("companies firms banks lenders brands networks clubs teams universities groups agencies "
                    "bank lender carmaker automaker insurer retailer airline giant giants rival rivals "
                    "newspaper broadcaster side outfit party parties union unions".split(), "ORG"),
    **dict.fromkeys("cities towns villages countries provinces states regions capital port".split(), "PLACE"),
    **dict.fromkeys("president minister senator governor leader spokesman spokeswoman chairman chief executive "
                    "director actor actress singer musician author writer novelist columnist physicist "
                    "scientist professor coach striker defender midfielder captain player manager "
                    "mr mrs ms dr sir judge general colonel economist analyst lawyer".split(), "PERSON"),
}
# Nouns right after a name ("Ford shares", "the Onion newspaper", "Socotra island").
AFTER_CLASS = {
    **CLASSIFIER_NOUNS,
    **dict.fromkeys("shares stock stocks shareholders investors executives spokesman spokeswoman chairman "
                    "subsidiary subsidiaries unit headquarters plant factory factories employees staff "
                    "stake chief officials lawmakers spokesperson boss".split(), "ORG"),
}
_JOINERS = frozenset("of de da di del della der den van von la le du des dos das y al el bin ibn zu and the for &".split())
_PRONOUNS = {"he": "he", "his": "he", "him": "he", "she": "she", "her": "she", "it": "it", "its": "it",
             "they": "they", "their": "they", "them": "they"}


def noun_class_before(text: str, start: int) -> str | None:
    """The class of the noun right before ``start`` ("companies" → ORG), if it has one."""
    words = _WORD.findall(text, max(0, start - 30), start)
    return NOUN_CLASS.get(_low(words[-1])) if words else None


def shape(w: str) -> str:
    """A word's shape, runs collapsed: "Tsai" → "Xx", "U.S." → "X.X.", "Ing-wen" → "Xx-x", "1996" → "d"."""
    out = []
    for ch in w:
        c = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def _low(w: str) -> str:
    return w.casefold().replace("’", "'")


def context(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """Two words (or brackets and quotes) on each side of a span, lower-cased."""
    before = [_low(w) for w in _WORD.findall(text, max(0, start - 40), start)[-2:]]
    after = [_low(w) for w in _WORD.findall(text, end, end + 40)[:2]]
    return before, after


def word_before(text: str, start: int) -> str:
    """The word (or bracket, quote) right before ``start``, lower-cased, as `context` reads it."""
    words = _WORD.findall(text, max(0, start - 40), start)
    return _low(words[-1]) if words else ""


def line_start(text: str, start: int) -> bool:
    """Nothing but space or an opening quote between the line's start (or a sentence end) and ``start``."""
    i = start - 1
    while i >= 0 and text[i] in " \t\"“‘'(":
        i -= 1
    return i < 0 or text[i] in "\n.!?:"


@lru_cache(maxsize=1 << 15)
def name_features(words: tuple[str, ...]) -> tuple[str, ...]:
    """What the words of a name say about it, whatever the text around it."""
    low = [_low(w) for w in words]
    last = words[-1].rstrip(".")
    f = [f"suf3:{low[-1][-3:]}", f"len:{min(len(words), 5)}", f"shape:{' '.join(shape(w) for w in words[:4])}"]
    f.extend(f"w:{w}" for w in low)
    if len(words) > 1:
        f.extend((f"first:{low[0]}", f"last:{low[-1]}", f"pre3:{low[0][:3]}"))
    if all(w.isupper() for w in words if w[:1].isalpha()):
        f.append("allcaps")
    if last in ORG_HEADS:
        f.append("head:org")
    if last in PLACE_HEADS:
        f.append("head:place")
    if last in EVENT_HEADS:
        f.append("head:event")
    if any(w.rstrip(".") in TITLES for w in words):
        f.append("has_title")
    if any(_DIGITS.search(w) for w in words):
        f.append("digit")
    if "of" in low[1:]:
        f.append("has_of")
    if "and" in low or "&" in low:
        f.append("has_and")
    return tuple(f)


@lru_cache(maxsize=1 << 15)
def gaz_features(words: tuple[str, ...]) -> tuple[str, ...]:
    from tui.analysis.gazetteer import gazetteer

    gaz = gazetteer()
    f = []
    key = gaz.place_key(" ".join(words))
    if key is not None:
        f.append(f"gaz:{key.split(':', 1)[0]}")
    if len(words) > 1:
        k0 = gaz.place_key(words[0])
        if k0 is not None:
            f.append(f"gaz0:{k0.split(':', 1)[0]}")
        kl = gaz.place_key(words[-1])
        if kl is not None:
            f.append(f"gazl:{kl.split(':', 1)[0]}")
    if all(gaz.is_demonym(w) for w in words):
        f.append("demonym")
    return tuple(f)


def static_features(words: tuple[str, ...], cues: dict, titled: bool, names: frozenset[str],
                    common: frozenset[str] = frozenset()) -> list[str]:
    """Features of a mention that do not depend on where it stands: its name, gazetteer hits, the rules' cues."""
    f = list(name_features(words))
    if _low(words[0]) in names:
        f.append("given_name" if len(words) > 1 else "given_name_alone")
    if common:
        content = [w for w in words if w not in _JOINERS]
        n = sum(1 for w in content if _low(w) in common)
        if n:
            f.append("common_alone" if len(words) == 1 else "all_common" if n == len(content) else "some_common")
    f.extend(gaz_features(words))
    for t, v in cues.items():
        f.append(f"cue:{t}:{min(3, int(v + 0.5))}")
    if titled:
        f.append("titled")
    return f


def context_features(text: str, start: int, end: int, words: tuple[str, ...], ctx: int, lower_seen) -> list[str]:
    """Features of a mention's surroundings: two words each side, a line start, the rules' context bits."""
    f = []
    before = [_low(w) for w in _WORD.findall(text, max(0, start - 40), start)[-2:]]
    following = _WORD.findall(text, end, end + 60)[:8]  # one scan for the next words and the next pronoun
    after = [_low(w) for w in following[:2]]
    if before:
        f.append(f"p1:{before[-1]}")
        cls = NOUN_CLASS.get(before[-1])
        if cls:
            f.append(f"p1class:{cls}")
        if len(before) > 1:
            f.append(f"p2:{before[-2]}")
            f.append(f"p21:{before[-2]}_{before[-1]}")
    else:
        f.append("p1:<s>")
    if after:
        f.append(f"n1:{after[0]}")
        if len(after) > 1:
            f.append(f"n12:{after[0]}_{after[1]}")
            if after[0] in ("'s", "'", "s"):
                f.append(f"poss_n:{after[1]}")
    else:
        f.append("n1:</s>")
    if after:
        cls = AFTER_CLASS.get(after[0])
        if cls:
            f.append(f"n1class:{cls}")
    for w in following:
        pron = _PRONOUNS.get(w.casefold())
        if pron:
            f.append(f"pron:{pron}")
            break
    if line_start(text, start):
        f.append("initial")
    if ctx & 1:
        f.append("ctx:in")
    if ctx & 2:
        f.append("ctx:the")
    if ctx & 4:
        f.append("ctx:said")
    if ctx & 8:
        f.append("ctx:agent")
    if len(words) == 1 and _low(words[0]) in lower_seen:
        f.append("seen_lower")
    if following and following[0].isalpha() and following[0].islower() and following[0] not in FUNCTION_WORDS:
        # a name before a lower-case noun is often an adjective ("Victorian houses", "Confederate
        # troops") or a modifier ("the Charlie Hebdo attack"), which the corpora do not mark
        if len(words) == 1:
            f.append("n1low1")
            f.append(f"n1low_suf:{_low(words[0])[-3:]}")
        else:
            f.append("n1low")
    return f


def cluster_features(rule_type: str, path: str, n: int, forms: list[tuple[str, ...]]) -> list[str]:
    """What the whole alias cluster says: the rules' verdict, how often and how fully it is named."""
    longest = max(forms, key=len)
    f = [f"rule:{rule_type}", f"rule:{rule_type}:{path}", f"cl_n:{min(n, 4)}", f"cl_len:{min(len(longest), 4)}"]
    if len(forms) > 1:
        f.append("cl_aliases")
        f.append(f"cl_last:{_low(longest[-1])}")
    return f


def edge_features(kind: str, text: str, start: int, end: int, words: tuple[str, ...], lower_seen,
                  cap_reliable, names: set, given: frozenset[str] = frozenset(),
                  common: frozenset[str] = frozenset()) -> list[str]:
    """Features for cutting a candidate's first word (kind "first") or its closing number ("num")."""
    before, after = context(text, start, end)
    if kind == "first":
        w = words[0]
        lw = _low(w)
        rest = words[1:]
        f = [f"w0:{lw}", f"w1:{_low(words[1])}", f"shape0:{shape(w)}", f"suf0:{lw[-3:]}", f"len:{min(len(words), 4)}"]
        if w.rstrip(".") in TITLES:
            f.append("title")
        if lw in given:
            f.append("w0_given")
        if lw in common:
            f.append("w0_common")
        if _low(words[1]) in common:
            f.append("w1_common")
        if _low(words[1]) in given:
            f.append("w1_given")
        cls = NOUN_CLASS.get(lw)
        if cls:
            f.append(f"w0class:{cls}")
        if lw in lower_seen:
            f.append("w0_seen_lower")
        if cap_reliable.get(w, 0):
            f.append("w0_cap_elsewhere")
        if rest in names:
            f.append("rest_named")
        if (w,) in names:
            f.append("w0_named")
        if line_start(text, start):
            f.append("initial")
        f.append(f"p1:{before[-1] if before else '<s>'}")
        f.extend(f"g:{x}" for x in gaz_features((w,)))
        f.extend(f"gr:{x}" for x in gaz_features(rest))
        if all(x.isupper() for x in words if x[:1].isalpha()):
            f.append("allcaps")
    else:
        num = words[-1]
        f = [f"wl:{_low(words[-2])}", f"numlen:{min(len(num), 4)}", f"len:{min(len(words), 4)}"]
        if "." in num:
            f.append("num_dot")
        if after and after[0][:1].isdigit():
            f.append("num_next")
        if before and before[-1][:1].isdigit():
            f.append("num_before")
        f.append(f"n1:{after[0] if after else '</s>'}")
        if words[:-1] in names:
            f.append("rest_named")
        # a score table has numbers all around; "Wave 4 interviews" or "Figure 2 shows" has one
        around = sum(1 for w in _WORD.findall(text, max(0, start - 60), end + 60) if w[:1].isdigit())
        f.append(f"numbers_near:{min(around, 6)}")
        if line_start(text, start):
            f.append("initial")
    return [f"{kind}|{x}" for x in f]


def text_style(text: str) -> str:
    """"wire" for news-agency copy (an all-capitals headline, a "CITY 1996-08-22" dateline, score
    tables), "prose" for other writing. Every feature also fires in a copy marked with the style, so
    the models learn what holds for both and what only for one (Daumé's "frustratingly easy" domain
    adaptation): the team names of sports results are not allowed to teach a reader's op-ed."""
    head = text[:400].split("\n", 3)[:3]
    if head and head[0].isupper():
        return "wire"
    if any(_DATELINE.match(line) for line in head):
        return "wire"
    return "prose"


_DATELINE = re.compile(r"[A-Z][A-Z .'-]+ \d{4}-\d\d-\d\d\s*$")


def styled(features: list[str], style: str) -> list[str]:
    features.extend([f"{style}|{f}" for f in features if not f.startswith(_LEXICAL)])
    return features


# Features on particular words get no styled copy: they would double the weights file, and what a
# word says about a name rarely depends on the kind of text.
_LEXICAL = ("w:", "first:", "last:", "cl_last:", "suf3:", "pre3:", "p2:", "p21:", "n12:", "poss_n:", "w0:", "w1:",
            "wl:", "first|w", "first|suf0", "first|p1", "n1low_suf:")


_MERGED: dict[tuple[int, str], dict[str, tuple[float, ...]]] = {}


def weights_for(model, style: str) -> dict[str, tuple[float, ...]]:
    """The model's weights with each feature's ``style|`` copy folded into it: scoring plain feature
    names against this table equals scoring them and their styled copies against the model, without
    building the copies' strings for every mention. Built once per model and style."""
    key = (id(model), style)
    got = _MERGED.get(key)
    if got is None:
        prefix = style + "|"
        table = dict(model.weights)
        for f, w in model.weights.items():
            if f.startswith(prefix):
                plain = f[len(prefix):]
                g = model.weights.get(plain)
                table[plain] = w if g is None else tuple(a + b for a, b in zip(g, w))
        got = _MERGED[key] = table
    return got


def add_table(table: dict, acc: list[float], features) -> list[float]:
    """``acc`` plus the weights in ``table`` of ``features`` (see `weights_for`)."""
    ws = [w for w in map(table.get, features) if w is not None]
    if not ws:
        return list(acc)
    return [a + sum(col) for a, col in zip(acc, zip(*ws))]


def add_weights(model, acc: list[float], features) -> list[float]:
    """``acc`` plus the weights of ``features`` (no bias): a mention's score is the sum of its
    name's part, worked out once per spelling, and its context's part."""
    ws = [w for w in map(model.weights.get, features) if w is not None]
    if not ws:
        return list(acc)
    return [a + sum(col) for a, col in zip(acc, zip(*ws))]


def log_softmax(s: list[float]) -> list[float]:
    top = max(s)
    z = top + math.log(sum(math.exp(x - top) for x in s))
    return [x - z for x in s]
