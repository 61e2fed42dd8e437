"""Fuzzy search over an analysed article: sections, entities (by any alias), argument units, sentences.

Pure Python over the `Analysis` model (no Textual). Built once per analysis (about 50 ms for a
megabyte); `search()` runs per keystroke, so each call does bounded work:

* Literal first. The query's words become one regular expression (words in order, any punctuation
  or none between them) run over folded (lower-cased, index-aligned) haystacks: the names (section
  titles, entity names and aliases) joined by NUL and scanned in full; the argument labels joined
  by NUL, and the article itself, whose matches map to sentences by bisection — those two scanned
  in document order up to a cap, and when a key is typed at the end of the query, only the texts
  the previous complete scan found are rescanned. Scores rank an exact name, then a name that
  starts with the query, then a word that starts with it, then any substring; shorter texts first
  within a tier.
* Fuzzy only where literal matches leave room in the top `limit`: rapidfuzz WRatio over the names,
  and for labels and sentences each query word taken as typed or corrected to close words of the
  article's vocabulary (typos), every word present in any order. Fuzzy scores rank below literal.

Highlights are indices into the hit's `label`, from the literal match or rapidfuzz's alignment.
"""

from __future__ import annotations

import heapq
import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any, Literal
from collections.abc import Iterator, Sequence, Set as AbstractSet

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from rapidfuzz.utils import default_process

from tui.model import Analysis, Role, span_ends, span_starts
from tui.tables import INDEX
from tui.text import blank_controls, fold_aligned

SearchKind = Literal["section", "entity", "argument", "sentence", "note"]  # notes: tui.notesearch

KIND_ORDER: dict[str, int] = {"section": 0, "entity": 1, "argument": 2, "sentence": 3}
PREFIXES: dict[str, SearchKind] = {"#": "section", "@": "entity", "!": "argument", "*": "note"}

# Role names a reader may type after "!": the model's names and the outline pane's badges.
ROLE_NAMES: dict[str, str] = {
    "thesis": "thesis", "claim": "claim", "premise": "premise", "reason": "premise",
    "counter": "counter", "objection": "counter", "rebuttal": "rebuttal", "reply": "rebuttal",
    "conclusion": "conclusion",
}
LABEL_WIDTH = 200          # characters of a sentence shown in a result
MAX_QUERY = 120            # characters of a query considered (typing more only narrows)
MAX_SENTENCE_MATCHES = 500   # matches scanned among sentences (or labels) per keystroke
FUZZY_MIN = 3              # shorter queries are matched literally only
SHORT_CUTOFF = 72          # WRatio needed for a fuzzy hit on a name
WORD_CUTOFF = 78           # rapidfuzz ratio needed to take a vocabulary word for a misspelt one

_WORD = re.compile(r"[^\W_]+")
_SEP = r"[^\w\x00]{0,4}"  # between query words: punctuation or spaces (or none), never a NUL joiner
_PUNCT = re.compile(r"[^\w\s]")


@dataclass(frozen=True)
class SearchHit:
    kind: SearchKind
    label: str                    # one line shown: title, name, argument label or sentence text
    detail: str                   # secondary text: entity type and alias, an argument's cue, section title
    start: int                    # where to jump in Analysis.text
    end: int
    score: float                  # 0..100
    highlights: tuple[int, ...]   # indices into `label` of the matched characters
    ref: str | None               # id of the section / entity / argument node / sentence
    match: tuple[int, int] | None = None  # span of the matched characters in Analysis.text, if known
    role: Role | None = None      # an argument unit's role (a view names it its own way)


def split_query(query: str) -> tuple[SearchKind | None, str]:
    """The kind a leading ``#``/``@``/``!`` asks for, and the query without it."""
    q = query.strip()
    if q[:1] in PREFIXES:
        return PREFIXES[q[0]], q[1:].strip()
    return None, q


def _pattern(body: str) -> re.Pattern[str] | None:
    words = _WORD.findall(fold_aligned(body[:MAX_QUERY]))
    if words:
        return re.compile(_SEP.join(re.escape(w) for w in words))
    literal = fold_aligned(body[:MAX_QUERY]).strip().replace("\x00", "")
    return re.compile(re.escape(literal)) if literal else None


def _exact_query(body: str) -> str | None:
    """The folded query with its spaces made single, when it holds punctuation worth matching."""
    if not _PUNCT.search(body):
        return None
    exact = " ".join(fold_aligned(body[:MAX_QUERY]).replace("\x00", " ").split())
    return exact or None


def _matches(pattern: re.Pattern[str], words: list[str], hay: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    """Non-overlapping matches of the query in ``hay[a:b]``. A one-word query is a plain string:
    `str.find` scans several times faster than the regex engine."""
    if len(words) == 1:
        word = words[0]
        n = len(word)
        i = hay.find(word, a, b)
        while i >= 0:
            yield i, i + n
            i = hay.find(word, i + n, b)
        return
    for m in pattern.finditer(hay, a, b):
        yield m.start(), m.end()


def _extends(words: list[str], before: list[str]) -> bool:
    """Whether every match of the query ``words`` starts with a match of the query ``before``."""
    k = len(before)
    return 0 < k <= len(words) and words[: k - 1] == before[: k - 1] and words[k - 1].startswith(before[k - 1])


def _tier(pos: int, length: int, size: int, before: str) -> float:
    """Exact 100; whole-name prefix 90-99; word prefix 80-89; substring 70-79."""
    fill = 9.0 * length / max(size, 1)
    if pos == 0:
        return 100.0 if length >= size else 90.0 + fill
    if not before.isalnum():
        return 80.0 + fill
    return 70.0 + fill


@dataclass(slots=True)  # one per entity name and alias: thousands on a long text
class _Name:
    kind: SearchKind
    owner: int      # index of the section / entity this name belongs to
    text: str       # the title, name or alias as written (one line)
    is_alias: bool


class _Hay:
    """Many texts in one folded string, each a [start, end) span of it, for one regex pass.

    Sentences use the article itself (spans are sentence offsets); argument labels are joined
    with NUL (which no query matches). Scans run in document order and stop after `cap` matches,
    which bounds the work of a one-letter query on a book.
    """

    def __init__(self, folded: str, starts: Sequence[int], ends: Sequence[int], skip: AbstractSet[int] = frozenset()) -> None:
        self.folded, self.starts, self.ends, self.skip = folded, starts, ends, skip
        # The last complete literal scan: (query words, texts found).
        self._last: tuple[list[str], dict[int, tuple[float, list[tuple[int, int]]]]] | None = None

    def literal(self, pattern: re.Pattern[str], words: list[str], cap: int
                ) -> dict[int, tuple[float, list[tuple[int, int]]]]:
        """Best literal match per text. When the query only extends the previous one (a key typed
        at the end) and that scan was complete, only the texts it found can match: rescan those."""
        last = self._last
        if last is not None and words and _extends(words, last[0]):
            rescanned = self._rescan(pattern, words, last[1])
            self._last = (words, rescanned)
            return rescanned
        found: dict[int, tuple[float, list[tuple[int, int]]]] = {}
        starts, ends, folded, skip = self.starts, self.ends, self.folded, self.skip
        complete = True
        for n, (pos, end) in enumerate(_matches(pattern, words, folded, 0, len(folded))):
            if n >= cap:
                complete = False
                break
            i = bisect_right(starts, pos) - 1
            if i < 0 or end > ends[i] or i in skip:  # a match must lie within one text
                continue
            local = pos - starts[i]
            score = _tier(local, end - pos, ends[i] - starts[i], folded[pos - 1] if local else " ")
            if i not in found or score > found[i][0]:
                found[i] = (score, [(pos, end)])
        self._last = (words, found) if complete and words else None
        return found

    def _rescan(self, pattern: re.Pattern[str], words: list[str], previous: dict[int, Any]) -> dict[int, tuple[float, list[tuple[int, int]]]]:
        found: dict[int, tuple[float, list[tuple[int, int]]]] = {}
        starts, ends, folded = self.starts, self.ends, self.folded
        for i in sorted(previous):
            a, b = starts[i], ends[i]
            for pos, end in _matches(pattern, words, folded, a, b):
                score = _tier(pos - a, end - pos, b - a, folded[pos - 1] if pos > a else " ")
                if i not in found or score > found[i][0]:
                    found[i] = (score, [(pos, end)])
        return found

    def loose(self, alts: list[re.Pattern[str]], exact: bool, have: dict[int, Any], limit: int, cap: int
              ) -> dict[int, tuple[float, list[tuple[int, int]]]]:
        """Texts holding every word pattern at a word start, in any order. The first pattern
        (the longest word, likely the rarest) drives the scan; the others are checked per text."""
        lead, rest = alts[0], alts[1:]
        starts, ends, folded, skip = self.starts, self.ends, self.folded, self.skip
        out: dict[int, tuple[float, list[tuple[int, int]]]] = {}
        for n, m in enumerate(lead.finditer(folded)):
            if n >= cap or len(out) >= limit:
                break
            pos = m.start()
            if pos and folded[pos - 1].isalnum():
                continue
            i = bisect_right(starts, pos) - 1
            if i < 0 or i in have or i in out or i in skip or pos >= ends[i]:
                continue
            a, b = starts[i], ends[i]
            spans = [(pos, m.end())]
            for alt in rest:
                for mm in alt.finditer(folded, a, b):
                    if mm.start() == 0 or not folded[mm.start() - 1].isalnum():
                        spans.append((mm.start(), mm.end()))
                        break
                else:
                    break
            else:
                cover = min(1.0, sum(e - s for s, e in spans) / max(b - a, 1))
                out[i] = ((62.0 if exact else 48.0) + 7.0 * cover, sorted(spans))
        return out


class SearchIndex:
    """Built once per `Analysis` (tens of ms for a megabyte); `search()` is cheap per keystroke."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self._folded = fold_aligned(analysis.text)
        self._sections = list(analysis.sections)
        self._section_titles = {s.id: s.title for s in self._sections}
        self._entities = list(analysis.entities)
        self._nodes = list(analysis.arg_nodes())
        self._sentences = analysis.sentences  # a table on a long text: items are built when read

        # Names (section titles, entity names and aliases): few, short, matched exhaustively.
        names: list[_Name] = []
        for i, sec in enumerate(self._sections):
            names.append(_Name("section", i, blank_controls(sec.title), False))
        for i, ent in enumerate(self._entities):
            names.append(_Name("entity", i, blank_controls(ent.name), False))
            seen = {fold_aligned(ent.name)}
            for alias in ent.aliases:
                if fold_aligned(alias) not in seen:
                    seen.add(fold_aligned(alias))
                    names.append(_Name("entity", i, blank_controls(alias), True))
        self._names = names
        starts, pos = array(INDEX), 0  # arrays, not lists of ints: random capitals make ~45,000 names per MB
        for n in names:
            starts.append(pos)
            pos += len(n.text) + 1
        self._name_starts = starts
        self._name_hay = "\x00".join(fold_aligned(n.text.replace("\x00", " ")) for n in names)
        # one list of processed names; sections come first, then entities, so a kind is a range of it
        self._name_procs: list[str] = [default_process(n.text) for n in names]
        n_sections = len(self._sections)
        self._kind_range: dict[str | None, tuple[int, int]] = {
            None: (0, len(names)), "section": (0, n_sections), "entity": (n_sections, len(names))}

        # Argument labels: as many as sentences on a long text, so scanned like them.
        self._labels = [blank_controls(node.label) for node in self._nodes]
        lstarts, lends, pos = array(INDEX), array(INDEX), 0
        for lab in self._labels:
            lstarts.append(pos)
            lends.append(pos + len(lab))
            pos += len(lab) + 1
        self._arg_hay = _Hay("\x00".join(fold_aligned(label.replace("\x00", " ")) for label in self._labels), lstarts, lends)

        # Sentences: spans of the article itself. One that is just a heading is found as its section.
        heads = {(sec.start, fold_aligned(sec.title).strip()) for sec in self._sections}
        sstarts, sends = span_starts(self._sentences), span_ends(self._sentences)
        skip = set()
        for sec in self._sections:  # only a sentence starting where a section does can be its heading
            i = bisect_right(sstarts, sec.start) - 1
            if i >= 0 and sstarts[i] == sec.start and (sec.start, self._folded[sec.start:sends[i]].strip()) in heads:
                skip.add(i)
        self._sent_hay = _Hay(self._folded, sstarts, sends, skip)

        # The article's words, for correcting a misspelt query word.
        # sorted, looked up by bisection: a set beside it held as much again (~10 MB per MB of random text)
        self._vocab: list[str] = sorted(set(_WORD.findall(self._folded)))
        self._cache: dict[tuple[str, int], list[SearchHit]] = {}

    # ----------------------------------------------------------------- public
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Ranked hits for ``query`` (best first). Never raises for any string."""
        if not isinstance(query, str) or limit <= 0:
            return []
        key = (query, limit)
        hit = self._cache.get(key)
        if hit is not None:
            return list(hit)
        kind, body = split_query(query)
        if not body:
            hits = self._listing(kind, limit) if kind else []
        else:
            hits = self._search(kind, body, limit)
        if len(self._cache) > 256:
            self._cache.clear()
        self._cache[key] = hits
        return list(hits)

    def occurrences(self, query: str) -> list[tuple[int, int]]:
        """Case-insensitive literal matches of the query (prefix stripped) in the text, in order."""
        if not isinstance(query, str):
            return []
        _kind, body = split_query(query)
        needle = fold_aligned(body)
        if not needle:
            return []
        out, hay, n = [], self._folded, len(needle)
        i = hay.find(needle)
        while i >= 0:
            out.append((i, i + n))
            i = hay.find(needle, i + n)
        return out

    # ---------------------------------------------------------------- listing
    def _listing(self, kind: SearchKind, limit: int) -> list[SearchHit]:
        """What a bare prefix shows: sections and arguments in reading order, entities by mentions."""
        if kind == "section":
            return [self._section_hit(i, 100.0, ()) for i in range(min(limit, len(self._sections)))]
        if kind == "entity":
            order = sorted(range(len(self._entities)), key=lambda i: -len(self._entities[i].mentions))
            return [self._entity_hit(i, 100.0, None, None) for i in order[:limit]]
        if kind == "argument":
            return [self._node_hit(i, 100.0, ()) for i in range(min(limit, len(self._nodes)))]
        return []

    def clear_cache(self) -> None:
        """Forget remembered results (benchmarks use it so that no keystroke is answered from memory)."""
        self._cache.clear()
        self._arg_hay._last = self._sent_hay._last = None

    # ----------------------------------------------------------------- search
    def _search(self, kind: SearchKind | None, body: str, limit: int) -> list[SearchHit]:
        words = _WORD.findall(fold_aligned(body[:MAX_QUERY]))
        processed = " ".join(words)
        found = self._literal_pass(kind, body, words, processed)
        if found is None:
            return []
        best, args, sents = found
        # Fuzzy matches score below every literal one, so they are only worth computing when the
        # literal ones leave places free in the top `limit`.
        if len(best) + len(args) + len(sents) < limit and len(processed) >= FUZZY_MIN:
            if kind in (None, "section", "entity"):
                self._fuzzy_names(kind, processed, limit, best)
            self._loose_words(kind, words, limit - len(best), args, sents)
        # "!objection", "!reply", "!thesis": under the argument prefix a role's name lists its units.
        if kind == "argument" and len(processed) >= 3:
            roles = {role for name, role in ROLE_NAMES.items() if name.startswith(processed)}
            for i, node in enumerate(self._nodes):
                if node.role in roles and i not in args:
                    args[i] = (85.0, [])
        return self._hits(best, args, sents, limit, processed)

    def _literal_pass(self, kind: SearchKind | None, body: str, words: list[str], processed: str
                      ) -> tuple[dict[Any, Any], dict[int, Any], dict[int, Any]] | None:
        """The literal matches of the query (None when it has nothing to match)."""
        # One letter matches thousands of sentences and labels, none of them meaningfully: names
        # only, unless the reader asked for arguments. A digit or punctuation ("2", "(", "%")
        # is rare enough to look for everywhere.
        exact = _exact_query(body)
        wide = len(processed) >= 2 or exact is not None or processed.isdigit()
        if exact is not None:
            # Punctuation typed is meant ("$5", "C++", "U.S."): the text as typed first, and the
            # words alone only when it does not occur.
            found = self._literal(kind, re.compile(re.escape(exact)), [exact], wide)
            if any(found) or not words:
                return found
        pattern = _pattern(body)
        if pattern is None:
            return None
        return self._literal(kind, pattern, words, wide)

    def _fuzzy_names(self, kind: SearchKind | None, processed: str, limit: int,
                     best: dict[tuple[str, int], tuple[float, int, tuple[int, int] | None]]) -> None:
        """Names close to the query (rapidfuzz WRatio), added to `best` below every literal score."""
        lo, hi = self._kind_range[kind]
        procs = self._name_procs if (lo, hi) == (0, len(self._name_procs)) else self._name_procs[lo:hi]
        for _c, raw, j in process.extract(
            processed, procs, scorer=fuzz.WRatio, processor=None, score_cutoff=SHORT_CUTOFF, limit=limit,
        ):
            i = lo + j
            n = self._names[i]
            proc = self._name_procs[i]
            if len(proc) < len(processed):
                # WRatio scores a name found inside the query ("eu" in "eurasai") as highly
                # as the query found inside a name; only the latter is what a reader types.
                raw = max(fuzz.ratio(processed, proc), fuzz.token_sort_ratio(processed, proc))
                if raw < SHORT_CUTOFF:
                    continue
            # Map WRatio's cutoff..100 into 40..69: always below any literal match.
            score = 40.0 + 29.0 * (raw - SHORT_CUTOFF) / (100 - SHORT_CUTOFF)
            key = (n.kind, n.owner)
            if key not in best or score > best[key][0]:
                best[key] = (score, i, None)

    def _loose_words(self, kind: SearchKind | None, words: list[str], room: int,
                     args: dict[int, Any], sents: dict[int, Any]) -> None:
        """Labels and sentences holding every query word (as typed or corrected), in any order,
        added to `args` and `sents` while `room` places are left."""
        loose = self._word_patterns(words)
        if loose is None:
            return
        alts, as_typed = loose
        room -= len(args) + len(sents)
        if kind in (None, "argument") and room > 0:
            more = self._arg_hay.loose(alts, as_typed, args, room, MAX_SENTENCE_MATCHES)
            args.update(more)
            room -= len(more)
        if kind is None and room > 0:
            sents.update(self._sent_hay.loose(alts, as_typed, sents, room, MAX_SENTENCE_MATCHES))

    def _hits(self, best: dict[Any, Any], args: dict[int, Any], sents: dict[int, Any], limit: int, processed: str
              ) -> list[SearchHit]:
        """Rank cheap tuples; build hits (labels, highlights) for the top `limit` only."""
        ranked: list[tuple[float, int, int, str, int]] = []
        for (k, owner), (score, _i, _span) in best.items():
            ranked.append((-score, KIND_ORDER[k], self._owner_start(k, owner), k, owner))
        # Thousands of sentences can match: take each kind's best `limit` before the full sort.
        for i in heapq.nlargest(limit, args, key=lambda i: args[i][0]):
            ranked.append((-args[i][0], 2, self._nodes[i].start, "argument", i))
        for i in heapq.nlargest(limit, sents, key=lambda i: sents[i][0]):
            ranked.append((-sents[i][0], 3, self._sent_hay.starts[i], "sentence", i))
        ranked.sort()
        hits: list[SearchHit] = []
        for neg, _o, _s, k, owner in ranked[:limit]:
            score = -neg
            if k == "sentence":
                hits.append(self._sentence_hit(owner, score, sents[owner][1]))
            elif k == "argument":
                base = self._arg_hay.starts[owner]
                spans = [(a - base, b - base) for a, b in args[owner][1]]
                marks = tuple(sorted({m for sp in spans for m in _span_marks(self._labels[owner], sp)}))
                hits.append(self._node_hit(owner, score, marks))
            else:
                _score, i, span = best[(k, owner)]
                n = self._names[i]
                if k == "entity":
                    hits.append(self._entity_hit(owner, score, n if n.is_alias else None, span, processed))
                else:
                    marks = _span_marks(n.text, span) if span else _fuzzy_marks(processed, n.text)
                    hits.append(self._section_hit(owner, score, marks))
        return hits

    def _literal(self, kind: SearchKind | None, pattern: re.Pattern[str], words: list[str], wide: bool
                 ) -> tuple[dict[Any, Any], dict[int, Any], dict[int, Any]]:
        """Literal matches: the best-scoring name per owner (an entity has several), and the
        argument labels and sentences holding the query (when `wide`)."""
        best: dict[tuple[str, int], tuple[float, int, tuple[int, int] | None]] = {}
        if kind in (None, "section", "entity"):
            for m in pattern.finditer(self._name_hay):
                i = bisect_right(self._name_starts, m.start()) - 1
                n = self._names[i]
                if kind is not None and n.kind != kind:
                    continue
                local = m.start() - self._name_starts[i]
                before = self._name_hay[m.start() - 1] if local else " "
                score = _tier(local, m.end() - m.start(), len(n.text), before)
                key = (n.kind, n.owner)
                if key not in best or score > best[key][0]:
                    best[key] = (score, i, (local, m.end() - self._name_starts[i]))
        args = self._arg_hay.literal(pattern, words, MAX_SENTENCE_MATCHES) if kind == "argument" or (
            kind is None and wide) else {}
        sents = self._sent_hay.literal(pattern, words, MAX_SENTENCE_MATCHES) if kind is None and wide else {}
        return best, args, sents

    def _owner_start(self, kind: str, owner: int) -> int:
        if kind == "section":
            return self._sections[owner].start
        ment = self._entities[owner].mentions
        return ment[0].start if ment else 0

    def _word_patterns(self, words: list[str]) -> tuple[list[re.Pattern[str]], bool] | None:
        """One pattern per query word (longest word first): the word as typed, or if the article
        never uses it, also the article's words closest to it (typos). None when the literal pass
        already found everything there is (a single word spelt as in the article)."""
        uniq = sorted(dict.fromkeys(w for w in words if w), key=len, reverse=True)
        if not uniq:
            return None
        alts: list[re.Pattern[str]] = []
        exact = True
        for w in uniq:
            forms = {w}
            if len(w) > FUZZY_MIN and not self._in_vocab(w):
                exact = False
                for cand, _score, _i in process.extract(
                    w, self._vocab, scorer=fuzz.ratio, processor=None, score_cutoff=WORD_CUTOFF, limit=6
                ):
                    forms.add(cand)
            alts.append(re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))))
        if len(alts) < 2 and exact:
            return None
        return alts, exact

    def _in_vocab(self, word: str) -> bool:
        i = bisect_left(self._vocab, word)
        return i < len(self._vocab) and self._vocab[i] == word

    # ------------------------------------------------------------- hit makers
    def _section_hit(self, i: int, score: float, marks: tuple[int, ...]) -> SearchHit:
        sec = self._sections[i]
        return SearchHit("section", blank_controls(sec.title), f"section · level {sec.level}", sec.start, sec.end,
                         round(score, 2), marks, sec.id)

    def _node_hit(self, i: int, score: float, marks: tuple[int, ...]) -> SearchHit:
        node = self._nodes[i]
        detail = f"“{blank_controls(node.cue)}”" if node.cue else ""
        return SearchHit("argument", blank_controls(node.label), detail, node.start, node.end, round(score, 2), marks,
                         node.id, role=node.role)

    def _entity_hit(
        self, i: int, score: float, alias: _Name | None, span: tuple[int, int] | None, processed: str = ""
    ) -> SearchHit:
        ent = self._entities[i]
        label = blank_controls(ent.name)
        detail = ent.type.lower()
        if alias is not None:
            detail += f" · alias “{alias.text}”"
            marks = _literal_marks(label, processed)
        elif span is not None:
            marks = _span_marks(label, span)
        else:
            marks = _fuzzy_marks(processed, label) if processed else ()
        if ent.mentions:
            start, end = ent.mentions[0].start, ent.mentions[0].end
        else:
            at = self._folded.find(fold_aligned(ent.name)) if ent.name else -1
            start, end = (at, at + len(ent.name)) if at >= 0 else (0, 0)
        return SearchHit("entity", label, detail, start, end, round(score, 2), marks, ent.id)

    def _sentence_hit(self, si: int, score: float, spans: list[tuple[int, int]]) -> SearchHit:
        spans = sorted(spans)
        sen = self._sentences[si]
        a, b = sen.start, sen.end
        lo, hi = a, b
        if b - a > LABEL_WIDTH:
            # Show the part of a long sentence around the first match.
            first = spans[0][0] if spans else a
            lo = max(a, min(first - 60, b - LABEL_WIDTH))
            hi = min(b, lo + LABEL_WIDTH)
        lead = "…" if lo > a else ""
        label = lead + blank_controls(self.analysis.text[lo:hi]) + ("…" if hi < b else "")
        marks = tuple(sorted({
            i - lo + len(lead)
            for s, e in spans
            for i in range(max(s, lo), min(e, hi))
            if not self.analysis.text[i].isspace()
        }))
        detail = self._section_titles.get(sen.section or "", "")
        return SearchHit("sentence", label, blank_controls(detail), a, b, round(score, 2), marks, sen.id,
                         spans[0] if spans else None)


def _span_marks(label: str, span: tuple[int, int]) -> tuple[int, ...]:
    s, e = span
    return tuple(i for i in range(max(0, s), min(e, len(label))) if not label[i].isspace())


def _literal_marks(label: str, processed: str) -> tuple[int, ...]:
    """Where the query's words occur in ``label`` (for an entity found by an alias)."""
    pattern = _pattern(processed) if processed else None
    m = pattern.search(fold_aligned(label)) if pattern else None
    return _span_marks(label, (m.start(), m.end())) if m else _fuzzy_marks(processed, label)


def _fuzzy_marks(processed: str, label: str) -> tuple[int, ...]:
    """Characters of ``label`` that rapidfuzz aligns with the query."""
    if not processed or not label:
        return ()
    folded = fold_aligned(label)
    try:
        al = fuzz.partial_ratio_alignment(processed, folded)
        if al is None or al.score < 50:
            return ()
        seg = folded[al.dest_start : al.dest_end]
        marks: list[int] = []
        for op in Levenshtein.opcodes(processed[al.src_start : al.src_end], seg):
            if op.tag == "equal":
                marks.extend(range(al.dest_start + op.dest_start, al.dest_start + op.dest_end))
    except Exception:  # noqa: BLE001 - alignment is decoration: never let it break a search
        return ()
    return tuple(i for i in marks if not label[i].isspace())
