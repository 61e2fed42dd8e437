"""Cue words for the argument outline: discourse markers by relation, stance and modality.

Everything here is data plus the small matchers that read it. The outline builder
(`tui.analysis.arguments`) weighs these cues with position and centrality; no single cue decides
the thesis. Phrases are lower case; a trailing comma is optional in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# --- discourse markers that open a unit, by the relation they signal --------------------------
# A unit opening with one of these takes its role from the relation (see arguments.ROLE_OF).
OPENING_MARKERS: dict[str, tuple[str, ...]] = {
    # a reason or piece of evidence for something nearby
    "reason": (
        "because", "given that", "given the fact that", "since", "seeing that", "in view of the fact that",
        "after all", "the reason is that", "the reason is", "this is because", "that is because",
        "due to", "owing to", "on account of",
    ),
    # what follows from what came before
    "result": (
        "therefore", "thus", "hence", "consequently", "as a result", "as a consequence", "accordingly",
        "so", "that's why", "that is why", "this is why", "which is why", "for this reason",
        "for these reasons", "for all these reasons", "it follows that", "this means that", "this means",
        "this shows that", "this suggests that", "this proves that", "this implies that", "we can conclude that",
    ),
    # the author winds up
    "summary": (
        "in conclusion", "to conclude", "to sum up", "to sum it up", "in summary", "to summarise",
        "to summarize", "all in all", "all things considered", "in short", "in sum", "in the end",
        "ultimately", "on balance", "taken together", "overall", "in a nutshell",
    ),
    # the author grants a point to the other side
    "concession": (
        "of course", "admittedly", "granted", "it is true that", "it's true that", "true,", "sure,", "yes,",
        "no doubt", "undoubtedly", "to be sure", "although", "though", "even though", "even if",
        "while", "whilst", "despite the fact that", "despite", "in spite of", "notwithstanding", "it must be admitted that",
        "it cannot be denied that", "one must admit that", "it is indisputable that", "it is undeniable that",
        "there is no denying that", "it is undisputed that", "on the one hand",
    ),
    # the author turns against what came before
    "contrast": (
        "however", "but", "yet", "nevertheless", "nonetheless", "still", "even so", "that said",
        "having said that", "on the contrary", "on the other hand", "in contrast", "by contrast",
        "instead", "rather", "then again", "all the same", "regardless",
    ),
    # items of an announced list of reasons
    "enumeration": (
        "first", "firstly", "first of all", "second", "secondly", "third", "thirdly", "fourth", "fifth",
        "finally", "lastly", "last but not least", "to begin with", "for one thing", "for another thing",
        "for another", "in the first place", "in the second place", "next", "on top of that",
    ),
    # another reason on the same side
    "addition": (
        "moreover", "furthermore", "in addition", "additionally", "besides", "what is more", "what's more",
        "also", "plus", "likewise", "similarly", "equally", "not only", "above all", "most importantly",
        "another reason", "another point", "another problem", "another advantage", "another argument",
    ),
    # an example or illustration
    "example": (
        "for example", "for instance", "e.g.", "such as", "to illustrate", "as an example", "take",
        "consider", "in particular", "specifically", "a case in point",
    ),
    # evidence attributed to a source
    "evidence": (
        "according to", "studies show", "research shows", "research suggests", "statistics show",
        "figures show", "data show", "evidence shows", "surveys show", "experts say",
    ),
}

# "since" and "while" also mark time; these continuations make the temporal reading likely.
TEMPORAL_SINCE = re.compile(
    r"^since\s+(?:then|\d|the (?:end|start|beginning|fall|collapse|death|time|days|age|war|turn|early|late|mid)\b"
    r"|(?:last|early|late|january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"|(?:childhood|birth|independence)\b)",
    re.I,
)
# "Since the last election, …" names a time (no verb); "Since he took office, prices have risen"
# counts the time since (the main clause in the present perfect). A reason is a clause of its own
# before a main clause that is not: "Since the routes do not pay, the council should cut them".
_CLAUSE_VERB = re.compile(
    r"\b(?:i|we|you|he|she|they|it|is|are|am|was|were|be|been|has|have|had|do|does|did|can|could|will|would|should"
    r"|must|may|might|[a-z]{2,}ed|[a-z]{2,}s)\b|n't\b", re.I)
_TIME_PHRASE = re.compile(r"\s*(?:the|a|an|this|that|these|those|his|her|their|its|our|my|\d)\b", re.I)
_PERFECT = re.compile(
    r"\s*(?:[\w'’-]+\s+){0,5}?(?:has|have|had)\s+(?:not\s+|never\s+|already\s+|only\s+|steadily\s+|also\s+)?"
    r"(?:been|[a-z]+ed|[a-z]+en|grown|risen|fallen|become|come|gone|seen|made|done|had|won|lost|cut|put|set|kept"
    r"|left|built|spent|sent|met|brought|taught|bought|got|shown|known|begun|run|fought|held|led|paid|said|told)\b",
    re.I)


def temporal_since(unit: str, lead: int, end: int) -> bool:
    """Whether the "Since" opening ``unit`` at ``lead`` (its marker ending at ``end``) marks time, not a reason."""
    if TEMPORAL_SINCE.match(unit, lead):
        return True
    comma = unit.find(",", end)
    if comma < 0:
        return False
    if _TIME_PHRASE.match(unit, end) and not _CLAUSE_VERB.search(unit, end, comma):
        return True
    return _PERFECT.match(unit, comma + 1) is not None


TEMPORAL_WHILE = re.compile(r"^while\s+(?:\w+ing\b|(?:i|we|he|she|they) (?:was|were) \w+ing\b)", re.I)

# --- voices the author reports in order to answer them -----------------------------------------
OPPOSING_VOICE = re.compile(
    r"\b(?:(?:some|many|other|certain)\s+(?:[a-z]+\s+){0,2}?(?:people|critics|observers|experts|commentators|politicians"
    r"|parents|students|economists|analysts|opponents|voices|owners|users|citizens|residents|voters|\w+ers)\s+"
    r"(?:may\s+|might\s+|would\s+|will\s+|do\s+|still\s+)?(?:argue|believe|claim|say|think|feel|hold|insist|object|suggest"
    r"|find|regard|consider|contend|maintain|fear|worry|assume|complain|doubt|point out)"
    r"|(?:some|others)\s+(?:may\s+|might\s+|would\s+|will\s+)?(?:argue|believe|claim|say|think|object|find|regard|contend"
    r"|insist|worry|fear|assume|complain|doubt|point out)"
    r"|(?:critics|opponents|sceptics|skeptics|detractors)\b(?:\s+of\s+\w+)?\s+(?:argue|say|claim|contend|point out|object|insist|warn|fear)"
    r"|it\s+is\s+(?:often|sometimes|frequently|commonly|widely)\s+(?:said|argued|claimed|believed|assumed|held)"
    r"|it\s+(?:can|could|may|might)\s+be\s+(?:argued|said|claimed|objected)"
    r"|one\s+(?:may|might|could)\s+(?:argue|object|say|think|claim)"
    r"|there\s+are\s+(?:those|people|some)\s+who"
    r"|(?:it\s+is|it's)\s+(?:a\s+)?(?:common|popular|widespread)\s+(?:belief|view|claim|argument|objection))\b",
    re.I,
)

# A main clause that answers the first half of its sentence: "X, but Y" / "X; yet Y".
# (", however," after a subject is parenthetical, not a second clause: only ";" joins with it;
# "not only X, but also Y" adds rather than turns.)
INNER_CONTRAST = re.compile(
    r"(?:(?:,|;|\s[–—-])\s+(?:but|yet)(?!\s+also\b)|;\s+(?:however|still|nevertheless|nonetheless),?)\s+", re.I)
NOT_ONLY = re.compile(r"\bnot\s+only\b", re.I)
# A reason clause attached to a main clause: "X, because Y" / "X, as Y" / "X, for Y".
INNER_REASON = re.compile(
    r",\s+(?:because|since|given that|seeing that|as (?=(?:we|it|they|he|she|this|there|that|these|those|one|you|i|the|a|an|our|their|his|her|its|too|many|most|all|no)\b)"
    r"|for (?=(?:we|it|they|he|she|this|there|that|one|you|i|as|the|in|otherwise)\b))\s*,?\s*",
    re.I,
)
# A concession trailing its main clause: "X, even if Y" / "X, although Y".
INNER_CONCESSION = re.compile(r",\s+(?:even if|even though|although|though|whereas|albeit)\s+", re.I)
# The same two without a comma: "X because Y", "X although Y" (searched only when the word occurs:
# a pattern that may start at any space is slow to scan for)
BARE_REASON = re.compile(r"\s+because\s+(?!of\b)", re.I)
BARE_CONCESSION = re.compile(r"\s+(?:even though|although|whereas)\s+", re.I)


def inner_reason(t: str, low: str) -> re.Match[str] | None:
    """A reason clause after its main clause, with or without a comma (``low``: ``t.lower()``)."""
    m = INNER_REASON.search(t) if "," in t else None
    return m or (BARE_REASON.search(t) if "because" in low else None)


def inner_concession(t: str, low: str) -> re.Match[str] | None:
    """A concession after its main clause, with or without a comma (``low``: ``t.lower()``)."""
    m = INNER_CONCESSION.search(t) if "," in t else None
    return m or (BARE_CONCESSION.search(t) if ("though" in low or "whereas" in low) else None)
# A result adverb inside the clause: "Higher fines are therefore the right measure".
# ("… and hence has less time" is a consequence inside a reason, not the conclusion.)
INNER_RESULT_ADVERB = re.compile(r"(?<!\band )(?<!\bor )\b(?:therefore|thus|hence|consequently|accordingly)\b", re.I)
# A result clause after a reason clause: "Given that X, this means that Y".
INNER_RESULT = re.compile(
    r",\s+(?=(?:this|that|it)\s+(?:means|shows|suggests|proves|implies|indicates)\b|(?:so|therefore|thus|hence)\b)",
    re.I,
)

# --- stance and modality: the author commits to something ----------------------------------------
@dataclass(frozen=True)
class Cue:
    pattern: re.Pattern[str]
    weight: float
    name: str
    keys: frozenset[str]   # a unit without one of these words cannot match (a cheap prefilter)
    plain: re.Pattern[str]  # the same without IGNORECASE, for folded text (see `folded`)
    then: frozenset[str] = frozenset()  # a second prefilter, for folded text without an apostrophe (`_ruled_out`)


def _cue(words: str, weight: float, name: str, keys: str, then: str = "") -> Cue:
    """``keys``: every match of ``words`` contains one of these whole words; ``then``: so does every
    match in a text without an apostrophe (which would join a word to the next: "think'st")."""
    pattern = re.compile(r"\b(?:" + words + r")\b", re.I)
    return Cue(pattern, weight, name, frozenset(keys.split()), _plain(pattern), frozenset(then.split()))


def _ruled_out(then: frozenset[str], words: frozenset[str], fold: str | None) -> bool:
    """A cue's second prefilter: ``fold`` (the folded text searched) has none of ``then``'s words.

    Narrative has "I", "we", "had" everywhere; the word after them ("think", "to") is rarer.
    """
    return bool(then) and fold is not None and words.isdisjoint(then) and "'" not in fold


def _plain(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A case-insensitive pattern (all lower case) as a case-sensitive one, to run on folded text."""
    return re.compile(pattern.pattern, pattern.flags & ~re.I)


# Python's case-insensitive matching pairs four non-ASCII letters with ASCII ones (dotted and
# dotless i, long s, the Kelvin sign), and "İ" lower-cases to two characters.
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")


def folded(unit: str) -> str | None:
    """``unit.lower()`` when it lines up with ``unit`` character for character and a case-insensitive
    pattern here matches ``unit`` exactly where its plain twin matches the folded text; else None.

    Plain matching is about twice as fast: the regex engine skips an alternative on its first
    character only when it compares characters as they are.
    """
    if not unit.isascii() and _CASE_TRAPS.search(unit):
        return None
    return unit.lower()


def _find(pattern: re.Pattern[str], plain: re.Pattern[str], unit: str, fold: str | None) -> tuple[int, int] | None:
    """Span of the first match of ``pattern`` in ``unit``, read off the folded text when there is one."""
    m = pattern.search(unit) if fold is None else plain.search(fold)
    return m.span() if m else None


def words_of(unit: str, lower: str | None = None) -> frozenset[str]:
    """The unit's lower-case word forms, for the cue prefilters (``lower``: ``unit.lower()`` if at hand)."""
    return frozenset(_TOKEN.findall(unit.lower() if lower is None else lower))


_TOKEN = re.compile(r"[a-z']+")


STANCE_CUES: tuple[Cue, ...] = (
    # deontic modality: what ought to be done
    _cue(r"should(?:n't| not)?|must(?:n't| not)?|ought (?:not )?to|need(?:s)? to|have to|has to|had better"
         r"|it is (?:high )?time|is (?:essential|necessary|imperative|vital|crucial) (?:that|to)", 2.0, "deontic modal",
         "should shouldn't must mustn't ought need needs have has had better time essential necessary imperative vital crucial",
         "should must ought to better time that"),
    # "is (not) to be supported": the same obligation in the passive
    _cue(r"(?:is|are) (?:not )?to be (?:\w+ed|done|taken|made|given|paid|kept|seen)", 2.0, "deontic modal", "be"),
    # the author's own voice
    _cue(r"i (?:strongly |firmly |really |personally |do |would )?(?:believe|think|argue|contend|maintain|am convinced|feel|find|consider|agree|disagree|support|oppose|favou?r|prefer|side with|am inclined to (?:believe|think|agree)|am (?:for|against|in favou?r of))"
         r"|in my (?:opinion|view)|from my (?:point of view|perspective)|my (?:view|position|opinion) is"
         r"|we (?:should|must|need|ought)", 2.0, "author's stance", "i my we",
         "believe think argue contend maintain am feel find consider agree disagree support oppose favour favor prefer "
         "side opinion view point perspective position should must need ought"),
    # evaluation and judgement
    _cue(r"makes? (?:no )?sense|is (?:un)?(?:likely|fair|just|wise|reasonable|acceptable|justified|justifiable)"
         r"|(?:the )?(?:right|wrong|best|only) (?:way|measure|solution|choice|thing|answer|approach)"
         r"|(?:more|less) (?:important|risky|dangerous|useful|effective|efficient|sensible)"
         r"|(?:better|worse) than|(?:un)?desirable|(?:un)?acceptable|(?:un)?fair|(?:un)?justified|(?:un)?reasonable"
         r"|mistake|absurd|nonsense|ridiculous|harmful|beneficial|worthwhile|pointless|outrageous"
         r"|understandable|tempting|plausible|(?:in)?valid|has (?:a )?point|has merit|[a-z]{3,}er than"
         r"|(?:is|are|was|were|be|not) worth|deserves?|matters"
         r"|(?:im)?practicable|(?:in)?appropriate|(?:ir)?responsible|(?:un)?necessary|(?:in)?feasible"
         r"|(?:il)?legitimate|indispensable|(?:in)?adequate|counterproductive|(?:good|bad|great|terrible) idea"
         r"|it is (?:quite |very |perfectly )?(?:clear|obvious|evident) that"
         r"|(?:an?|the) (?:[a-z]+ )?(?:opportunity|threat|danger|risk|problem|solution|failure|success)"
         r"|clearly|obviously|certainly|surely|undeniably|evidently", 1.0, "evaluation",
         "sense likely unlikely fair unfair just unjust wise unwise reasonable unreasonable acceptable unacceptable "
         "justified unjustified justifiable unjustifiable right wrong best only important risky dangerous useful "
         "effective efficient sensible better worse desirable undesirable mistake absurd nonsense ridiculous harmful "
         "beneficial worthwhile pointless outrageous worth deserve deserves matters opportunity threat danger risk problem solution failure success "
         "clearly obviously certainly surely undeniably evidently practicable impracticable appropriate "
         "understandable tempting plausible valid invalid point merit than "
         "inappropriate responsible irresponsible necessary unnecessary feasible infeasible legitimate illegitimate "
         "indispensable adequate inadequate counterproductive idea clear obvious evident"),
    # prediction and possibility: weaker commitment
    _cue(r"will(?! be (?:held|published))|won't|would|could|may well|is bound to|is set to|is going to", 0.5, "prediction",
         "will won't would could may bound set going"),
    # the author frames the issue
    _cue(r"the (?:real |key |central |main )?question (?:is|was|remains)|raises (?:a|the) question|the point is"
         r"|the problem is|the fact is|the truth is", 1.0, "framing",
         "question point problem fact truth"),
)

# An announced list: "This makes sense for two reasons." — a claim whose premises follow.
ANNOUNCED = re.compile(
    r"\b(?:for|because of|there are|has|have|with)\s+(two|three|four|five|several|a few|a number of|many)\s+"
    r"(?:\w+\s+)?(?:reasons|grounds|arguments|points|factors|considerations|motives)\b",
    re.I,
)
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5}

# Hedged first halves that concede before a "but": "X may be true, but …".
HEDGE = re.compile(r"\b(?:may|might|can|could)\b|\b(?:admittedly|granted|of course|sure|indeed|certainly|clearly|true)\b", re.I)

# Function words left out of centrality (content words carry the topic).
STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are aren't as at be because been before being below
    between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each
    even every few for from further had hadn't has hasn't have haven't having he he's her here hers herself him
    himself his how however i i'm if in into is isn't it it's its itself just let's like made make makes many may
    me might more most much must my myself no nor not now of off on once one only or other others ought our ours
    ourselves out over own same shall she should so some such than that that's the their theirs them themselves
    then there there's these they they're this those though through thus to too under until up upon us very
    was wasn't we were weren't what when where which while who whom why will with without would yet you your
    yours yourself also still first second third another new way well really already since given therefore
    mr mrs ms said says say according per via
    """.split()
)


# One alternation of the phrases of each first word, longest first, so the first alternative that
# matches is the longest marker ("first of all" before "first"); the phrase then tells its relation.
# (A phrase can only match where the unit's first word is its own: splitting the one alternation of
# every phrase by first word finds the same marker without trying the other eighty-odd words.)
_RELATION_OF = {" ".join(p.rstrip(",").split()): rel for rel, ps in OPENING_MARKERS.items() for p in ps}
_PHRASES_BY_FIRST: dict[str, list[str]] = {}
for _p in sorted(_RELATION_OF, key=len, reverse=True):
    _PHRASES_BY_FIRST.setdefault(_p.split()[0], []).append(_p)
_OPENING_BY_FIRST = {
    w: re.compile(r"(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ps) + r")(?![\w’'-])", re.I)
    for w, ps in _PHRASES_BY_FIRST.items()
}
del _p
_COMMA_AFTER = re.compile(r"\s*,?")
# `_OPENING_BY_FIRST` is also the cheap prefilter: most sentences open with a word no marker starts
# with ("The", a name, …).
_FIRST_WORD = re.compile(r"[^\W\d_][\w’'.]*")
_LEAD = re.compile(r"[\s\"'“‘«(\[*_–—-]*")
_SOFT_LEAD = re.compile(r"(?:and|or|so|well|now|indeed|thus)\s*,?\s+(?=\S)", re.I)
_SOFT_FIRST_WORDS = frozenset({"and", "or", "so", "well", "now", "indeed", "thus"})


@dataclass(frozen=True)
class Opening:
    relation: str
    cue: str          # the marker as written in the text ("First,", "Given that")
    end: int          # offset just after the marker (and its comma) inside the unit


def opening_marker(unit: str) -> Opening | None:
    """The discourse marker that opens ``unit``, by relation; the longest match wins."""
    lead = _LEAD.match(unit).end()
    first = _FIRST_WORD.match(unit, lead)
    if first is None:
        return None  # markers and soft openers alike start with a letter
    word = first.group().lower()
    best = _marker_at(unit, lead, word) if word in _OPENING_BY_FIRST else None
    if best is None:
        # after a soft opener ("And", "So", "Indeed,") a second marker may follow: "And yet …";
        # an ASCII first word that is no soft opener cannot start one (others go to the regex:
        # case-insensitive matching pairs a few non-ASCII letters with ASCII ones)
        if word in _SOFT_FIRST_WORDS or not word.isascii():
            offset = _soft_lead_end(unit, lead)
            if offset is not None:
                second = _FIRST_WORD.match(unit, offset)
                if second:
                    best = _marker_at(unit, offset, second.group().lower())
    if best is None:
        return None
    if best.relation == "reason" and best.cue.lower() == "since" and temporal_since(unit, lead, best.end):
        return None
    if best.relation == "concession" and best.cue.lower() == "while" and TEMPORAL_WHILE.match(unit, lead):
        return None
    if best.relation == "example" and best.cue.lower() in ("take", "consider", "such as"):
        # imperative "Take the case of …" is an example; "Take action now" is not
        if not re.match(r"\s*(?:the (?:case|example)|for example)", unit[best.end:], re.I):
            return None
    if best.cue.lower() == "so" and _SO_DEGREE.match(unit, best.end):
        return None  # "So far, …", "So many people …": time or degree, not a conclusion drawn
    if best.cue.lower() in _NEEDS_COMMA:
        return None  # "True friends …", "Sure enough", "Yes" without its comma are no concession
    if best.relation == "contrast" and best.cue.lower() == "still":
        # "Still waters…": only with a comma or before a clause subject
        if not re.match(r"\s*(?:the|a|an|this|that|these|those|it|he|she|they|we|i|you|there|[A-Z])\b", unit[best.end:]):
            return None
    return best


_PARENTHETICAL = re.compile(r"[^,.;:]{1,60}?,\s*(however|though|nevertheless|nonetheless|on the other hand|by contrast|in contrast),\s*", re.I)


def parenthetical_contrast(unit: str) -> Opening | None:
    """A contrast marker set off after the subject: "The residents, however, …". The content keeps its subject."""
    m = _PARENTHETICAL.match(unit)
    if not m:
        return None
    return Opening("contrast", m.group(1), 0)


_SO_DEGREE = re.compile(r"\s*(?:far|much|many|long|few|little|often|too)\b", re.I)
_NEEDS_COMMA = frozenset({"true", "sure", "yes", "next", "rather", "instead"})


def _marker_at(unit: str, offset: int, word: str) -> Opening | None:
    """The marker starting at ``offset`` (whose first word, lower-cased, is ``word``), before the checks on its reading."""
    phrases = _OPENING_BY_FIRST.get(word)
    if phrases is None:
        return None
    m = phrases.match(unit, offset)
    if not m:
        return None
    relation = _RELATION_OF[" ".join(m.group().lower().split())]
    end = _COMMA_AFTER.match(unit, m.end()).end()
    return Opening(relation, unit[offset:end].strip(), end)


def _soft_lead_end(unit: str, lead: int) -> int | None:
    """After a soft opener ("And", "So", "Indeed,") a second marker may follow: "And yet …"."""
    m = _SOFT_LEAD.match(unit, lead)
    return m.end() if m else None


def stance(unit: str, words: frozenset[str] | None = None, question: bool = False,
           fold: str | None = None) -> tuple[float, str | None]:
    """Weighted stance/modality of a unit and the words of its strongest cue.

    A question asks rather than commits: only its framing ("raises a question") counts.
    ``fold``: ``folded(unit)`` if at hand (the same answer, faster).
    """
    words = words_of(unit) if words is None else words
    total, best, best_w = 0.0, None, 0.0
    for keys, then, pattern, plain, weight in (_FRAMING_CUE if question else _STANCE_CUES):
        if words.isdisjoint(keys) or _ruled_out(then, words, fold):
            continue
        m = pattern.search(unit) if fold is None else plain.search(fold)
        if m:
            total += weight
            if weight > best_w:
                best, best_w = unit[m.start():m.end()], weight
    return total, best


# what `stance` reads of each cue, in order; a question only by its framing
_STANCE_CUES = tuple((c.keys, c.then, c.pattern, c.plain, c.weight) for c in STANCE_CUES)
_FRAMING_CUE = tuple((c.keys, c.then, c.pattern, c.plain, c.weight) for c in STANCE_CUES if c.name == "framing")


_AUTHOR = next(c for c in STANCE_CUES if c.name == "author's stance")


def author_voice(unit: str, words: frozenset[str] | None = None, fold: str | None = None) -> str | None:
    """The author speaking for themselves ("I believe", "in my view"), the surest sign of a thesis."""
    words = words_of(unit) if words is None else words
    if words.isdisjoint(_AUTHOR.keys) or _ruled_out(_AUTHOR.then, words, fold):
        return None
    span = _find(_AUTHOR.pattern, _AUTHOR.plain, unit, fold)
    return unit[span[0]:span[1]] if span else None


# Reported speech: a view the article attributes to someone else. Its modals are that person's
# stance, not the author's ("She said the bridge would cut commuting times").
REPORTED = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|added|adds|explained|explains|announced|noted|reported|wrote|writes"
    r"|acknowledged|admitted|warned|declared|insisted|according to|quoted)\b",
    re.I,
)
_REPORTED_PLAIN = _plain(REPORTED)
_REPORTED_KEYS = frozenset("said says say told tells stated states added adds explained explains announced noted reported "
                           "wrote writes according quoted acknowledged admitted warned declared insisted".split())


_QUOTE_OPEN = re.compile(r"^\s*[\"“‘«]")


def reported_speech(unit: str, words: frozenset[str] | None = None, fold: str | None = None) -> str | None:
    """The reporting verb (or the opening quotation mark) that attributes a unit to someone else."""
    if _QUOTE_OPEN.match(unit):
        return unit.lstrip()[0]  # a quotation: the words are the quoted speaker's
    words = words_of(unit) if words is None else words
    if words.isdisjoint(_REPORTED_KEYS):
        return None
    span = _find(REPORTED, _REPORTED_PLAIN, unit, fold)
    return unit[span[0]:span[1]] if span else None


_ANNOUNCED_KEYS = frozenset("reasons grounds arguments points factors considerations motives".split())
_RESULT_KEYS = frozenset("therefore thus hence consequently accordingly".split())


def inner_result(unit: str, words: frozenset[str] | None = None, fold: str | None = None) -> bool:
    """A result adverb inside the clause ("Higher fines are therefore the right measure")."""
    words = words_of(unit) if words is None else words
    return not words.isdisjoint(_RESULT_KEYS) and _find(INNER_RESULT_ADVERB, _INNER_RESULT_ADVERB_PLAIN, unit, fold) is not None


_INNER_RESULT_ADVERB_PLAIN = _plain(INNER_RESULT_ADVERB)


def announced_count(unit: str, words: frozenset[str] | None = None, fold: str | None = None) -> int | None:
    """How many reasons a unit announces ("for two reasons" → 2); None if it announces none."""
    words = words_of(unit) if words is None else words
    if words.isdisjoint(_ANNOUNCED_KEYS):
        return None
    m = ANNOUNCED.search(unit) if fold is None else _ANNOUNCED_PLAIN.search(fold)
    if not m:
        return None
    return NUMBER_WORDS.get(m.group(1).lower(), 0)


_ANNOUNCED_PLAIN = _plain(ANNOUNCED)


_VOICE_KEYS = frozenset(
    """argue believe claim say think feel hold insist object suggest find regard consider contend maintain fear
    worry assume complain doubt point said argued claimed believed assumed held objected who belief view argument
    objection""".split()
)


def opposing_voice(unit: str, words: frozenset[str] | None = None, fold: str | None = None) -> str | None:
    words = words_of(unit) if words is None else words
    if words.isdisjoint(_VOICE_KEYS):
        return None
    span = _find(OPPOSING_VOICE, _OPPOSING_VOICE_PLAIN, unit, fold)
    return unit[span[0]:span[1]] if span else None


_OPPOSING_VOICE_PLAIN = _plain(OPPOSING_VOICE)


_WORD = re.compile(r"[^\W\d_][\w’'-]*")


def content_terms(unit: str, lower: str | None = None) -> list[str]:
    """Lower-case content words with a light suffix strip, for centrality (``lower``: ``unit.lower()``)."""
    if len(_TERMS) > _TERMS_MAX:
        _TERMS.clear()
    return list(filter(None, map(_TERMS.__getitem__, _WORD.findall(unit.lower() if lower is None else lower))))


class _TermCache(dict):
    """word → centrality term; a hit is a plain dict lookup (cheaper than a cached call per word)."""

    def __missing__(self, w: str) -> str:
        t = self[w] = _term(w)
        return t


_TERMS = _TermCache()
_TERMS_MAX = 1 << 17   # a book's vocabulary fits; cleared past it so memory stays bounded


def _term(w: str) -> str:
    """A word's centrality term, or "" for function words and short words (cached: vocabularies are small)."""
    w = w.replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) < 3 or w in STOPWORDS:
        return ""
    for suf in ("ies", "es", "s"):
        if len(w) > 4 and w.endswith(suf) and not w.endswith("ss"):
            return w[: -len(suf)] + ("y" if suf == "ies" else "")
    return w


# Narration: what happened, told in the past ("The council met on Monday and voted…"). An account
# of events is evidence at most; a point argued for is put in the present, or with a modal.
_PAST_WORDS = frozenset("was were had did wasn't weren't hadn't didn't".split())
_PRESENT_WORDS = frozenset(
    """is are am will can cannot must should would could may might shall has have does do isn't aren't won't can't
    don't doesn't hasn't haven't wouldn't couldn't shouldn't""".split())
_ED = re.compile(r"[a-z]{2}ed\b")


def narrates(lower: str, words: frozenset[str]) -> bool:
    """A past-tense verb and no present or modal one (``lower``: the unit lower-cased; ``words``: its word forms)."""
    if not words.isdisjoint(_PRESENT_WORDS):
        return False
    return not words.isdisjoint(_PAST_WORDS) or _ED.search(lower) is not None
