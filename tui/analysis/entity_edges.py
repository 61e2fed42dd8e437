"""Where names start and end: runs cut where capitals are explained by position (the rules),
candidates that are no names dropped, and the edge model's cut of an opening word or closing number."""

from __future__ import annotations

import re
from collections import Counter

from tui.analysis import entity_model
from tui.analysis.entity_lexicon import (
    COMMON_ACRONYMS, EVENT_HEADS, FUNCTION_WORDS, ORG_HEADS, ORG_JOINERS, PLACE_HEADS, TITLES,
)
from tui.analysis.entity_candidates import _Cand, _Lex, Suffixes, _bump, _name_cues
from tui.analysis.entity_tokens import (
    _ACRO, _CAPSLINE, _INITIAL_POS, _NUMBER, _STRICT, _is_joiner, _seen_lower,
)

# --------------------------------------------------------------------------- trimming runs


def _trim(run, toks, flags, lower_seen, cap_reliable, gaz):
    """Cut a run where capitals are explained by position; split "and"-runs that are not one org."""
    if any(flags[k] & (_STRICT | _CAPSLINE) for k in run):
        pieces = _heading_pieces(run, toks, flags, lower_seen, cap_reliable, gaz)
    else:
        pieces = _opening_cut(run, toks, flags, lower_seen, cap_reliable, gaz)
    result = []
    for p in _split_of(pieces, toks, lower_seen, gaz):
        while p and _is_joiner(toks.w[p[0]]):
            p = p[1:]
        while p and _is_joiner(toks.w[p[-1]]):
            p = p[:-1]
        if p:
            result.append(p)
    return result


def _known(w: str, cap_reliable, gaz) -> bool:
    """Capitalised mid-sentence elsewhere in the text, a gazetteer place or a nationality."""
    return cap_reliable[w] > 0 or gaz.place_key(w) is not None or gaz.is_demonym(w)


def _heading_pieces(run, toks, flags, lower_seen, cap_reliable, gaz) -> list[list[int]]:
    """Title-case or capitals line: a piece needs a word with evidence from elsewhere; words
    beside it that the text never writes in lower case may complete it ("Brock Holt")."""
    status = []
    for k in run:
        w = toks.w[k]
        fw = w.casefold() in FUNCTION_WORDS
        ok = not fw and (
            (_known(w, cap_reliable, gaz) and (w.casefold() not in lower_seen or cap_reliable[w] > 0))
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
    return pieces


def _opening_cut(run, toks, flags, lower_seen, cap_reliable, gaz) -> list[list[int]]:
    """The run, or its rest when a capital at a sentence or line start is not evidence of a name."""
    words = [toks.w[k] for k in run]
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
        elif multi and (cf.endswith(("ing", "ly"))
                        or cf.endswith("ed") and _known(toks.w[run[1]], cap_reliable, gaz)):
            trusted = False  # "Considering Socotra", "Using Basil": a verb before a name
        else:
            trusted = multi
        if not trusted:
            rest = run[1:]
            while rest and _is_joiner(toks.w[rest[0]]):
                rest = rest[1:]
            pieces = [rest] if rest else []
    return pieces


def _split_of(pieces, toks, lower_seen, gaz) -> list[list[int]]:
    """Each piece, cut before an "of" that says where a named person is from or belongs."""
    # "A of B" is one name when A is a common noun ("Bank of England", "Gulf Coast of Mexico",
    # "Game of Thrones"); after a proper name it says where someone is from or belongs
    # ("Wu Chi-wai of the Democratic Party", "Theodorus of Tabennese"): two names.
    out = []
    for p in pieces:
        cur: list[int] = []
        # the words after each "of", without "the": suffixes of one list (a hostile run of
        # thousands of "X of Y of ..." must not copy its rest at every "of")
        right_words = [toks.w[x] for x in p if toks.w[x] != "the"]
        suffix = Suffixes(right_words, gaz)
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
    return out



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



def _starts_place(words: list[str], gaz) -> bool:
    for n in (2, 3):
        if len(words) >= n and gaz.place_key(" ".join(words[:n])) is not None:
            return True
    return False


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

