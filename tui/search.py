"""Fuzzy search over an analysed article: sections, entities (by any alias), argument units, sentences.

Pure Python over the `Analysis` model (no Textual). Built once per analysis; `search()` runs per
keystroke, so each call does bounded work:

* Literal first. The query's words become one regular expression (words in order, any punctuation
  or none between them) run over two folded (lower-cased, index-aligned) haystacks: the short
  names (section titles, entity names and aliases, argument labels) joined by NUL, and the whole
  article text, whose matches map to sentences by bisection. Scores rank an exact name, then a
  name that starts with the query, then a word that starts with it, then any substring; shorter
  candidates first within a tier. Sentence matches are scanned in document order and capped.
* Fuzzy only where literal matching leaves room: rapidfuzz WRatio over the short names, and for
  sentences each query word corrected against the article's vocabulary (typos), then sentences
  holding every word in any order. Fuzzy scores always rank below literal ones.

Highlights are indices into the hit's `label`, from the literal match or rapidfuzz's alignment.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from rapidfuzz.utils import default_process

from tui.model import Analysis

SearchKind = Literal["section", "entity", "argument", "sentence"]

KIND_ORDER: dict[str, int] = {"section": 0, "entity": 1, "argument": 2, "sentence": 3}
PREFIXES: dict[str, SearchKind] = {"#": "section", "@": "entity", "!": "argument"}

LABEL_WIDTH = 200          # characters of a sentence shown in a result
MAX_QUERY = 120            # characters of a query considered (typing more only narrows)
MAX_SENTENCE_MATCHES = 1500  # literal matches scanned in the article per keystroke
FUZZY_MIN = 3              # shorter queries are matched literally only
SHORT_CUTOFF = 72          # WRatio needed for a fuzzy hit on a name or label
WORD_CUTOFF = 78           # rapidfuzz ratio needed to take a vocabulary word for a misspelt one

_WORD = re.compile(r"[^\W_]+")
_SEP = r"[^\w\x00]{0,4}"  # between query words: punctuation or spaces (or none), never a NUL joiner
_ONE_LINE = {c: " " for c in [*range(0x20), 0x7F, 0x2028, 0x2029]}


@dataclass(frozen=True)
class SearchHit:
    kind: SearchKind
    label: str                    # one line shown: title, name, argument label or sentence text
    detail: str                   # secondary text: entity type and alias, role, section title
    start: int                    # where to jump in Analysis.text
    end: int
    score: float                  # 0..100
    highlights: tuple[int, ...]   # indices into `label` of the matched characters
    ref: str | None               # id of the section / entity / argument node / sentence
    match: tuple[int, int] | None = None  # span of the matched characters in Analysis.text, if known


def fold(s: str) -> str:
    """Lower-case without moving any character (a few letters grow when lower-cased: kept as is)."""
    low = s.lower()
    if len(low) == len(s):
        return low
    return "".join(c if len(lc := c.lower()) != 1 else lc for c in s)


def one_line(s: str) -> str:
    return s.translate(_ONE_LINE)


def split_query(query: str) -> tuple[SearchKind | None, str]:
    """The kind a leading ``#``/``@``/``!`` asks for, and the query without it."""
    q = query.strip()
    if q[:1] in PREFIXES:
        return PREFIXES[q[0]], q[1:].strip()
    return None, q


def _pattern(body: str) -> re.Pattern[str] | None:
    words = _WORD.findall(fold(body[:MAX_QUERY]))
    if words:
        return re.compile(_SEP.join(re.escape(w) for w in words))
    literal = fold(body[:MAX_QUERY]).strip().replace("\x00", "")
    return re.compile(re.escape(literal)) if literal else None


def _tier(pos: int, length: int, size: int, before: str) -> float:
    """Exact 100; whole-name prefix 90-99; word prefix 80-89; substring 70-79."""
    fill = 9.0 * length / max(size, 1)
    if pos == 0:
        return 100.0 if length >= size else 90.0 + fill
    if not before.isalnum():
        return 80.0 + fill
    return 70.0 + fill


@dataclass
class _Short:
    kind: SearchKind
    owner: int      # index of the section / entity / node this text belongs to
    text: str       # the name, alias or label as written
    is_alias: bool


class SearchIndex:
    """Built once per `Analysis` (tens of ms for a megabyte); `search()` is cheap per keystroke."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        text = analysis.text
        self._folded = fold(text)
        self._sections = list(analysis.sections)
        self._section_titles = {s.id: s.title for s in self._sections}
        self._entities = list(analysis.entities)
        self._nodes = list(analysis.arg_nodes())
        self._sentences = list(analysis.sentences)
        self._sent_starts = [s.start for s in self._sentences]
        self._sent_ends = [s.end for s in self._sentences]

        shorts: list[_Short] = []
        for i, sec in enumerate(self._sections):
            shorts.append(_Short("section", i, one_line(sec.title), False))
        for i, ent in enumerate(self._entities):
            shorts.append(_Short("entity", i, one_line(ent.name), False))
            seen = {fold(ent.name)}
            for alias in ent.aliases:
                if fold(alias) not in seen:
                    seen.add(fold(alias))
                    shorts.append(_Short("entity", i, one_line(alias), True))
        for i, node in enumerate(self._nodes):
            shorts.append(_Short("argument", i, one_line(node.label), False))
        self._shorts = shorts
        # One NUL-joined haystack for every short text, so one regex pass finds all literal hits.
        starts, pos, parts = [], 0, []
        for s in shorts:
            starts.append(pos)
            parts.append(fold(s.text.replace("\x00", " ")))
            pos += len(s.text) + 1
        self._short_starts = starts
        self._short_hay = "\x00".join(parts)
        self._short_proc = [default_process(s.text) for s in shorts]
        self._short_all = dict(enumerate(self._short_proc))
        self._short_by_kind: dict[str, dict[int, str]] = {}
        for i, s in enumerate(shorts):
            self._short_by_kind.setdefault(s.kind, {})[i] = self._short_proc[i]
        # A sentence that is just a heading is found as its section, not twice.
        heads = {(sec.start, fold(sec.title).strip()) for sec in self._sections}
        self._heading_sentences = {
            i for i, sen in enumerate(self._sentences)
            if (sen.start, self._folded[sen.start:sen.end].strip()) in heads
        }
        # The article's words, for correcting a misspelt query word.
        self._vocab_set: frozenset[str] = frozenset(_WORD.findall(self._folded))
        self._vocab: list[str] = sorted(self._vocab_set)
        self._cache: dict[tuple[str, int], list[SearchHit]] = {}

    # ----------------------------------------------------------------- public
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Ranked hits for ``query`` (best first). Never raises for any string."""
        if not isinstance(query, str) or limit <= 0:
            return []
        key = (query, limit)
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        kind, body = split_query(query)
        if not body:
            hits = self._listing(kind, limit) if kind else []
        else:
            hits = self._search(kind, body, limit)
        if len(self._cache) > 256:
            self._cache.clear()
        self._cache[key] = hits
        return hits

    def occurrences(self, query: str) -> list[tuple[int, int]]:
        """Case-insensitive literal matches of the query (prefix stripped) in the text, in order."""
        if not isinstance(query, str):
            return []
        _kind, body = split_query(query)
        needle = fold(body)
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
        """What a bare prefix shows: every section / entity / argument, in reading order."""
        hits: list[SearchHit] = []
        if kind == "section":
            hits = [self._section_hit(i, 100.0, ()) for i in range(len(self._sections))]
        elif kind == "entity":
            order = sorted(range(len(self._entities)), key=lambda i: -len(self._entities[i].mentions))
            hits = [self._entity_hit(i, 100.0, None, None) for i in order]
        elif kind == "argument":
            hits = [self._node_hit(i, 100.0, ()) for i in range(len(self._nodes))]
        return hits[:limit]

    # ----------------------------------------------------------------- search
    def _search(self, kind: SearchKind | None, body: str, limit: int) -> list[SearchHit]:
        pattern = _pattern(body)
        if pattern is None:
            return []
        words = _WORD.findall(fold(body[:MAX_QUERY]))
        processed = " ".join(words)

        # Short texts, literal: the best-scoring text per owner (an entity has several).
        best: dict[tuple[str, int], tuple[float, int, tuple[int, int] | None]] = {}
        for m in pattern.finditer(self._short_hay):
            i = bisect_right(self._short_starts, m.start()) - 1
            s = self._shorts[i]
            if kind is not None and s.kind != kind:
                continue
            local = m.start() - self._short_starts[i]
            before = self._short_hay[m.start() - 1] if local else " "
            score = _tier(local, m.end() - m.start(), len(s.text), before)
            key = (s.kind, s.owner)
            if key not in best or score > best[key][0]:
                best[key] = (score, i, (local, m.end() - self._short_starts[i]))
        found: dict[int, tuple[float, list[tuple[int, int]]]] = {}
        if kind is None:
            found = self._sentence_matches(pattern)
        # Fuzzy matches score below every literal one, so they are only worth computing when the
        # literal ones leave places free in the top `limit`.
        if len(best) + len(found) < limit and len(processed) >= FUZZY_MIN:
            pool = self._short_by_kind.get(kind, []) if kind else self._short_all
            for _c, raw, i in process.extract(
                processed, pool, scorer=fuzz.WRatio, processor=None, score_cutoff=SHORT_CUTOFF, limit=limit
            ):
                s = self._shorts[i]
                # Map WRatio's cutoff..100 into 40..69: always below any literal match.
                score = 40.0 + 29.0 * (raw - SHORT_CUTOFF) / (100 - SHORT_CUTOFF)
                key = (s.kind, s.owner)
                if key not in best or score > best[key][0]:
                    best[key] = (score, i, None)
            if kind is None and len(best) + len(found) < limit:
                found.update(self._loose_sentence_matches(words, found, limit - len(best) - len(found)))

        # Rank cheap tuples; build hits (labels, highlights) for the top `limit` only.
        ranked: list[tuple[float, int, int, str, int]] = []
        for (k, owner), (score, _i, _span) in best.items():
            ranked.append((-score, KIND_ORDER[k], self._owner_start(k, owner), k, owner))
        for si, (score, _spans) in found.items():
            ranked.append((-score, 3, self._sent_starts[si], "sentence", si))
        ranked.sort()
        hits: list[SearchHit] = []
        for neg, _o, _s, k, owner in ranked[:limit]:
            score = -neg
            if k == "sentence":
                hits.append(self._sentence_hit(owner, score, found[owner][1]))
                continue
            _score, i, span = best[(k, owner)]
            s = self._shorts[i]
            if k == "entity":
                hits.append(self._entity_hit(owner, score, s if s.is_alias else None, span, processed))
            else:
                marks = _span_marks(s.text, span) if span else _fuzzy_marks(processed, s.text)
                hits.append(self._section_hit(owner, score, marks) if k == "section" else self._node_hit(owner, score, marks))
        return hits

    def _owner_start(self, kind: str, owner: int) -> int:
        if kind == "section":
            return self._sections[owner].start
        if kind == "argument":
            return self._nodes[owner].start
        ment = self._entities[owner].mentions
        return ment[0].start if ment else 0

    def _sentence_matches(self, pattern: re.Pattern[str]) -> dict[int, tuple[float, list[tuple[int, int]]]]:
        """Literal matches in the article, mapped to sentences; document order, capped."""
        found: dict[int, tuple[float, list[tuple[int, int]]]] = {}
        starts, ends, folded, skip = self._sent_starts, self._sent_ends, self._folded, self._heading_sentences
        for n, m in enumerate(pattern.finditer(folded)):
            if n >= MAX_SENTENCE_MATCHES:
                break
            pos = m.start()
            si = bisect_right(starts, pos) - 1
            if si < 0 or pos >= ends[si] or si in skip:
                continue
            local = pos - starts[si]
            score = _tier(local, m.end() - pos, ends[si] - starts[si], folded[pos - 1] if local else " ")
            if si not in found or score > found[si][0]:
                found[si] = (score, [(pos, m.end())])
        return found

    def _loose_sentence_matches(
        self, words: list[str], skip: dict, limit: int
    ) -> dict[int, tuple[float, list[tuple[int, int]]]]:
        """Sentences holding every query word at a word start, in any order, each word as typed or
        corrected to a close word of the article's vocabulary (typos)."""
        uniq = [w for w in dict.fromkeys(words) if w]
        if not uniq:
            return {}
        alts: list[re.Pattern[str]] = []
        exact = True
        for w in uniq:
            forms = {w}
            if len(w) > FUZZY_MIN and w not in self._vocab_set:
                exact = False
                for cand, _score, _i in process.extract(
                    w, self._vocab, scorer=fuzz.ratio, processor=None, score_cutoff=WORD_CUTOFF, limit=6
                ):
                    forms.add(cand)
            alts.append(re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))))
        if len(alts) < 2 and exact:
            return {}  # one word as typed: the literal pass already found everything there is
        # Drive the scan with the longest (likely rarest) word; check the others per sentence.
        order = sorted(range(len(alts)), key=lambda i: -len(uniq[i]))
        lead, rest = alts[order[0]], [alts[i] for i in order[1:]]
        starts, ends, folded, headings = self._sent_starts, self._sent_ends, self._folded, self._heading_sentences
        out: dict[int, tuple[float, list[tuple[int, int]]]] = {}
        for n, m in enumerate(lead.finditer(folded)):
            if n >= MAX_SENTENCE_MATCHES or len(out) >= limit:
                break
            pos = m.start()
            if pos and folded[pos - 1].isalnum():
                continue
            si = bisect_right(starts, pos) - 1
            if si < 0 or si in skip or si in out or si in headings or pos >= ends[si]:
                continue
            a, b = starts[si], ends[si]
            spans = [(pos, m.end())]
            for alt in rest:
                for mm in alt.finditer(folded, a, b):
                    if mm.start() == 0 or not folded[mm.start() - 1].isalnum():
                        spans.append((mm.start(), mm.end()))
                        break
                else:
                    break
            else:
                score = (62.0 if exact else 48.0) + 7.0 * min(1.0, sum(e - s for s, e in spans) / max(b - a, 1))
                out[si] = (score, sorted(spans))
        return out

    # ------------------------------------------------------------- hit makers
    def _section_hit(self, i: int, score: float, marks: tuple[int, ...]) -> SearchHit:
        sec = self._sections[i]
        return SearchHit("section", one_line(sec.title), f"section · level {sec.level}", sec.start, sec.end,
                         round(score, 2), marks, sec.id)

    def _node_hit(self, i: int, score: float, marks: tuple[int, ...]) -> SearchHit:
        node = self._nodes[i]
        detail = node.role + (f" · “{one_line(node.cue)}”" if node.cue else "")
        return SearchHit("argument", one_line(node.label), detail, node.start, node.end, round(score, 2), marks, node.id)

    def _entity_hit(
        self, i: int, score: float, alias: _Short | None, span: tuple[int, int] | None, processed: str = ""
    ) -> SearchHit:
        ent = self._entities[i]
        label = one_line(ent.name)
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
            at = self._folded.find(fold(ent.name)) if ent.name else -1
            start, end = (at, at + len(ent.name)) if at >= 0 else (0, 0)
        return SearchHit("entity", label, detail, start, end, round(score, 2), marks, ent.id)

    def _sentence_hit(self, si: int, score: float, spans: list[tuple[int, int]]) -> SearchHit:
        sen = self._sentences[si]
        a, b = sen.start, sen.end
        lo, hi = a, b
        if b - a > LABEL_WIDTH:
            # Show the part of a long sentence around the first match.
            first = spans[0][0] if spans else a
            lo = max(a, min(first - 60, b - LABEL_WIDTH))
            hi = min(b, lo + LABEL_WIDTH)
        lead = "…" if lo > a else ""
        label = lead + one_line(self.analysis.text[lo:hi]) + ("…" if hi < b else "")
        marks = tuple(
            i - lo + len(lead)
            for s, e in spans
            for i in range(max(s, lo), min(e, hi))
            if not self.analysis.text[i].isspace()
        )
        detail = self._section_titles.get(sen.section or "", "")
        return SearchHit("sentence", label, one_line(detail), a, b, round(score, 2), marks, sen.id,
                         spans[0] if spans else None)


def _span_marks(label: str, span: tuple[int, int]) -> tuple[int, ...]:
    s, e = span
    return tuple(i for i in range(max(0, s), min(e, len(label))) if not label[i].isspace())


def _literal_marks(label: str, processed: str) -> tuple[int, ...]:
    """Where the query's words occur in ``label`` (for an entity found by an alias)."""
    pattern = _pattern(processed) if processed else None
    m = pattern.search(fold(label)) if pattern else None
    return _span_marks(label, (m.start(), m.end())) if m else _fuzzy_marks(processed, label)


def _fuzzy_marks(processed: str, label: str) -> tuple[int, ...]:
    """Characters of ``label`` that rapidfuzz aligns with the query."""
    if not processed or not label:
        return ()
    folded = fold(label)
    try:
        al = fuzz.partial_ratio_alignment(processed, folded)
        if al is None or al.score < 50:
            return ()
        seg = folded[al.dest_start : al.dest_end]
        marks = []
        for op in Levenshtein.opcodes(processed[al.src_start : al.src_end], seg):
            if op.tag == "equal":
                marks.extend(range(al.dest_start + op.dest_start, al.dest_start + op.dest_end))
    except Exception:  # alignment is decoration: never let it break a search
        return ()
    return tuple(i for i in marks if not label[i].isspace())
