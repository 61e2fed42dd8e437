"""Alias clusters: mentions of one name, a country's spellings, acronyms and their long forms, and
a surname with the one person it belongs to; each cluster typed and built into an Entity."""

from __future__ import annotations

from collections import Counter, defaultdict

from tui.analysis.entity_candidates import _CTX_AGENT, _CTX_IN, _CTX_SAID, _CTX_THE, _Cand
from tui.analysis.entity_tokens import _is_joiner
from tui.analysis.entity_typing import _NO_CUES, _decide_type, _learned_types, _members
from tui.analysis.gazetteer import fold, initials
from tui.model import Entity, EntityType, Mention


class _Names:
    """Per-name tables of one text: each mention's name key, the spellings and strongest cues of each
    name, its context counts, and the union-find that merges names into clusters."""

    __slots__ = ("keys", "forms", "cues", "ctx", "parent")

    def __init__(self, cands: list[_Cand], gaz) -> None:
        self.keys: list[str] = []
        self.forms: dict[str, list[tuple[str, ...]]] = defaultdict(list)  # key → word tuples seen
        self.cues: dict[str, Counter] = defaultdict(Counter)  # per name: the strongest cue of each type
        self.ctx: dict[str, Counter] = defaultdict(Counter)
        self.parent: dict[str, str] = {}
        key_of: dict[tuple[str, ...], str] = {}  # names repeat: each spelling is keyed once
        for c in cands:
            k = key_of.get(c.words)
            if k is None:
                name = " ".join(c.words)
                pk = gaz.place_key(name)
                k = key_of[c.words] = pk if pk and pk.startswith("country:") else fold(name)
                self.forms[k].append(c.words)
            self.keys.append(k)
            self.parent.setdefault(k, k)
            # a table entry only for names with evidence: random capitals make ~50,000 bare names per MB
            if c.cues:
                kc = self.cues[k]
                for t, v in c.cues.items():
                    if v > kc.get(t, 0):
                        kc[t] = v
            if c.ctx:
                self._count_context(k, c.ctx)
        # An acronym is evidence of an organisation unless it is only a capitals heading's spelling
        # of a name written normally elsewhere ("EEGIMAA" beside "Eegimaa").
        for k, cue in self.cues.items():
            if cue.pop("ACRO", 0) and all(w.isupper() for ws in self.forms[k] for w in ws):
                cue["ORG"] = max(cue["ORG"], 1)

    def _count_context(self, k: str, ctx: int) -> None:
        kx = self.ctx[k]
        if ctx & _CTX_IN:
            kx["in"] += 1
        if ctx & _CTX_THE:
            kx["the"] += 1
        if ctx & _CTX_SAID:
            kx["said"] += 1
        if ctx & _CTX_AGENT:
            kx["agent"] += 1

    def find(self, x: str) -> str:
        parent = self.parent
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra

    def groups(self) -> list[list[int]]:
        """Mention indices of each cluster, in order of first mention."""
        clusters: dict[str, list[int]] = {}
        for i, k in enumerate(self.keys):
            clusters.setdefault(self.find(k), []).append(i)
        return list(clusters.values())


def _cluster(text: str, cands: list[_Cand], gaz, lower_seen: set[str], typer=None,
             collect: dict | None = None, edges=None) -> list[Entity]:
    if not cands:
        return []
    cands = _without_overlaps(cands)
    names = _Names(cands, gaz)
    _merge_acronyms(text, cands, names)
    _merge_people(names)
    groups = names.groups()
    # keys in first-mention order, never a set: tied votes must not depend on the hash seed
    decided = [_decide_type(_members(idxs, cands), list(dict.fromkeys(names.keys[i] for i in idxs)), names.cues,
                            names.ctx, lower_seen) for idxs in groups]
    # A name with no evidence at all takes the text's own leaning: a travel guide full of sure
    # places names more places, a biography more people.
    sure = Counter(t for t, path in decided if path == "sure")
    default: EntityType = "PLACE" if sure["PLACE"] > 3 * max(1, sure["PERSON"]) else "PERSON"
    types: list[EntityType | None] = [default if path == "default" else etype for etype, path in decided]
    if typer is not None or collect is not None:
        types = _learned_types(text, cands, groups, types, [path for _t, path in decided], typer, lower_seen,
                               collect, edges)
    # The per-name tables are done with: free them before the entities are built (the stage's
    # peak on a text of random capitals, a name every few words).
    del names, decided
    return _entities(text, cands, groups, types)


def _without_overlaps(cands: list[_Cand]) -> list[_Cand]:
    """In text order, overlaps dropped (the earlier, longer one kept)."""
    cands.sort(key=lambda c: (c.start, c.end))
    kept: list[_Cand] = []
    for c in cands:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    return kept


def _merge_acronyms(text: str, cands: list[_Cand], names: _Names) -> None:
    """Acronyms: defined in parentheses right after the long form, or spelled by a longer name."""
    keys, union = names.keys, names.union
    by_initials: dict[str, set[str]] = defaultdict(set)
    for k, ws_list in names.forms.items():
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
            if len({names.find(x) for x in longs}) == 1:
                union(next(iter(longs)), k)


def _person_tables(names: _Names):
    """(surname → person names, first name → person names, surname → every name that could own it)."""
    by_last: dict[str, set[str]] = defaultdict(set)
    by_first: dict[str, set[str]] = defaultdict(set)
    any_last: dict[str, set[str]] = defaultdict(set)  # every name that could own the surname
    for k, ws_list in names.forms.items():
        cue = names.cues.get(k, _NO_CUES)
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
    return by_last, by_first, any_last


def _merge_people(names: _Names) -> None:
    """A surname (or, failing that, a first name) alone joins the one longer person name it belongs
    to; a town name alone only as a surname ("Montalvo" ↔ "Daniel Montalvo")."""
    by_last, by_first, any_last = _person_tables(names)
    find, forms, key_cues = names.find, names.forms, names.cues
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
            names.union(next(iter(supers)), k)
        for w in wanted:
            with_word[(last, w)].append((ws, k))
    del person_forms, with_word
    first_seen: dict[str, int] = {}
    for i, k in enumerate(names.keys):
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
            names.union(next(iter(targets)), k)
            key_cues[k]["PERSON"] = max(key_cues[k]["PERSON"], 2)  # used as a surname


def _entities(text: str, cands: list[_Cand], groups: list[list[int]], types: list[EntityType | None]) -> list[Entity]:
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

