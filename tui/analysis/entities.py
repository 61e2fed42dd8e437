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

Where each step lives: tokens and runs (1–2) in `entity_tokens`, cutting runs and the edge model
(3, 7) in `entity_edges`, titles, nationality adjectives and each name's cues (4) in
`entity_candidates`, clustering (5) in `entity_clusters`, typing (6–7) in `entity_typing`.
"""

from collections import Counter

from tui.analysis import entity_model
from tui.analysis.entity_candidates import _MEMO_CAP, _Cand, _Lex, _shape
from tui.analysis.entity_clusters import _cluster
from tui.analysis.entity_edges import _common_word, _learned_edges, _term_acronyms, _trim
from tui.analysis.entity_tokens import _CAPSLINE, _INITIAL_POS, _MASKED, _STRICT, _mark_headings, _runs, _tokenise
from tui.analysis.gazetteer import gazetteer
from tui.analysis.gcpause import collector_paused
from tui.model import Block, Entity, Sentence


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
            if len(cuts) >= _MEMO_CAP:
                cuts.clear()  # runs that never repeat (random capitals) would only grow it
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
    cands = _without_one_off_flood(cands, len(tw))
    # The token arrays and memos are done with: free them before the mentions are built (the peak).
    del toks, flags, caps, tw, cuts, lex, cap_reliable
    return _cluster(text, cands, gaz, lower_seen, typer, collect, edges)



# Prose names a new thing every few dozen words at most: a book of 200,000 words has a few thousand
# names, each mostly seen more than once. A text with more names seen once and bare of evidence
# (no title, head word, country or context cue; a shape is none) than this is not prose (random
# capitals, a word list, a table dump), and listing them would only cost memory (~900 bytes an entity).
_ONE_OFF_FLOOR = 2000
_ONE_OFF_PER_TOKEN = 1 / 40


def _without_one_off_flood(cands: list[_Cand], n_tokens: int) -> list[_Cand]:
    """``cands``, less the bare one-off names when there are more of them than prose ever has."""
    cap = _ONE_OFF_FLOOR + n_tokens * _ONE_OFF_PER_TOKEN
    if len(cands) <= cap:
        return cands  # the usual case: too few candidates to have a flood of one-offs
    seen = Counter(c.words for c in cands)
    # shape alone (inner capitals, all capitals, two plain words: cue 1) is no evidence here
    bare = [seen[c.words] == 1 and not c.titled and not c.ctx and max(c.cues.values(), default=0) <= 1
            for c in cands]
    if sum(bare) <= cap:
        return cands
    return [c for c, b in zip(cands, bare) if not b]
