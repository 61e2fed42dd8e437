"""Large benchmark texts built from the project's own sample, varied so no cache can cheat.

The bundled sample (data/) is a few kilobytes; a book is a megabyte. We cut the sample into
sentences and rebuild text of any size from them: sentences shuffled within and across
paragraphs, names swapped for others from lists written here, numbers changed, a heading every
few paragraphs. The output is deterministic for a (size, seed) pair, and two sizes never share
long runs of identical text, so neither the analysis nor the search can reuse earlier work.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache

from tui.ingest import sample_path

# Invented or common names, written for these benchmarks (never taken from evaluation texts).
PEOPLE = [
    "Vladimir Putin", "Kassym-Jomart Tokayev", "Amara Okafor", "Lena Vasquez", "Tomas Berg",
    "Ingrid Solheim", "Rafael Montoya", "Mei Lin Zhou", "Oskar Nowak", "Priya Raman",
    "Hugo Laurent", "Yusuf Demir", "Clara Whitfield", "Dmitri Orlov", "Nadia Haddad",
    "Samuel Adeyemi", "Elena Popescu", "Kenji Watanabe", "Fatima Benali", "Jonas Keller",
]
PLACES = [
    "Kazakhstan", "Ukraine", "Russia", "China", "Central Asia", "Moscow", "Beijing", "Georgia",
    "Moldova", "Pakistan", "Iran", "India", "Eurasia", "Norvania", "Port Callis", "Estmark",
    "the Baltic coast", "Upper Vell", "Kirrin Valley", "Saltmere",
]
ORGS = [
    "the Collective Security Treaty Organization", "the Shanghai Cooperation Organization", "NATO",
    "the EU", "the Kremlin", "the Northern Grain Council", "Meridian Bank", "the Harbour Authority",
    "the Institute for Open Borders", "Calder Energy",
]
HEADINGS = [
    "Opportunities and risks", "The view from {place}", "What {person} wants", "A question of trust",
    "After the crisis", "The limits of cooperation", "Chapter {n}: {place}", "Why {org} matters",
    "Counting the cost", "The southern flank", "Lessons from {place}", "Part {n}",
]

LEADS = [
    "According to {org},", "As {person} put it in {n},", "By contrast,", "In {n},", "Even so,",
    "Some argue that", "Critics reply that", "In short,", "Therefore,", "Moreover,", "For example,",
]
SHORT = [
    "{person} disagreed.", "That is the point.", "Trade with {place} rose by {n} percent.",
    "{org} said nothing.", "The vote came in {year}.", "Nobody expected {place} to move first.",
    "{person} left for {place} on day {n}.", "The numbers tell another story.", "It did not last.",
    "Prices fell {n} percent in {year}.", "{person} denied it.", "Why does {place} matter?",
]
_SYNONYMS = {
    "huge": ["huge", "vast", "large", "great"], "risky": ["risky", "dangerous", "uncertain"],
    "important": ["important", "pressing", "urgent"], "opportunity": ["opportunity", "chance", "opening"],
    "situation": ["situation", "position", "state of affairs"], "military": ["military", "armed", "defence"],
    "border": ["border", "frontier", "boundary"], "influence": ["influence", "sway", "leverage"],
    "government": ["government", "administration", "cabinet"], "goal": ["goal", "aim", "objective"],
    "easily": ["easily", "readily", "plausibly"], "relations": ["relations", "ties", "dealings"],
}
_WORDS_RE = re.compile(r"\b(?:" + "|".join(_SYNONYMS) + r")\b")
_SENT = re.compile(r"[^.!?]+[.!?]+[\"'”’)]*\s*")
_NUM = re.compile(r"\d+")


@lru_cache(maxsize=1)
def _seed_sentences() -> list[str]:
    text = sample_path().read_text(encoding="utf-8")
    # Paragraphs of prose only: the page furniture at the end ("Your email address ...") is left out.
    body = [p.strip() for p in text.split("\n\n")[1:] if len(p.split()) > 8 and "email" not in p]
    sentences: list[str] = []
    for para in body:
        sentences.extend(s.strip() for s in _SENT.findall(para) if len(s.split()) >= 4)
    return sentences


_KNOWN = sorted(PEOPLE + PLACES + ["Putin", "Tokayev", "Moscow", "Beijing"], key=len, reverse=True)
_KNOWN_RE = re.compile("|".join(re.escape(n) for n in _KNOWN))


def _vary(sentence: str, rng: random.Random) -> str:
    """Swap names for others of the same kind and change every number."""

    def swap(m: re.Match[str]) -> str:
        name = m.group(0)
        if name in PEOPLE or name in ("Putin", "Tokayev"):
            pick = rng.choice(PEOPLE)
            return pick if " " in name or rng.random() < 0.5 else pick.rsplit(" ", 1)[-1]
        return rng.choice(PLACES)

    out = _KNOWN_RE.sub(swap, sentence)
    out = _NUM.sub(lambda m: str(rng.randint(2, 2099)), out)
    out = _WORDS_RE.sub(lambda m: rng.choice(_SYNONYMS[m.group(0)]) if rng.random() < 0.5 else m.group(0), out)
    r = rng.random()
    if r < 0.25:
        lead = rng.choice(LEADS).format(person=rng.choice(PEOPLE), org=rng.choice(ORGS), n=rng.randint(1990, 2030))
        out = f"{lead} {out[0].lower()}{out[1:]}"
    return out


def _short(rng: random.Random) -> str:
    out = rng.choice(SHORT).format(
        person=rng.choice(PEOPLE).rsplit(" ", 1)[-1], place=rng.choice(PLACES), org=rng.choice(ORGS),
        n=rng.randint(2, 999), year=rng.randint(1950, 2030),
    )
    return out[0].upper() + out[1:]


def make_text(size_bytes: int, seed: int = 0) -> str:
    """A plain-text article of about ``size_bytes`` UTF-8 bytes (title, headings, paragraphs)."""
    rng = random.Random(f"argview-bench-{size_bytes}-{seed}")
    seeds = _seed_sentences()
    parts = [f"The long view: {rng.choice(PLACES)} and the century's opportunity\n\n"]
    size = len(parts[0].encode())
    chapter = 0
    while size < size_bytes:
        if rng.random() < 0.12:
            chapter += 1
            heading = rng.choice(HEADINGS).format(
                place=rng.choice(PLACES), person=rng.choice(PEOPLE), org=rng.choice(ORGS).removeprefix("the "), n=chapter
            )
            block = heading[0].upper() + heading[1:]
        else:
            n = rng.randint(2, 6)
            block = " ".join(_vary(rng.choice(seeds), rng) if rng.random() < 0.6 else _short(rng) for _ in range(n))
        block += "\n\n"
        parts.append(block)
        size += len(block.encode())
    return "".join(parts).rstrip() + "\n"


def make_bytes(size_bytes: int, seed: int = 0) -> bytes:
    return make_text(size_bytes, seed).encode("utf-8")


if __name__ == "__main__":  # pragma: no cover - handy for a look: python -m benchmarks.corpus 20000
    import sys

    print(make_text(int(sys.argv[1]) if len(sys.argv) > 1 else 4000))


def enrich(analysis):  # -> Analysis
    """Entities and argument units for a benchmark text when the analysis produced none yet.

    Search and memory figures should count the candidates a real analysis yields (an entity per
    name with its aliases and mentions, an argument unit every few sentences), so while those
    stages are still stubs we add stand-ins built from the generator's own name lists.
    """
    from tui.model import ArgNode, Entity, Mention

    update: dict = {}
    if not analysis.entities:
        entities = []
        for n, name in enumerate(PEOPLE + PLACES + [o.removeprefix("the ") for o in ORGS]):
            short = name.rsplit(" ", 1)[-1] if name in PEOPLE else None
            pat = re.compile(re.escape(name) + (f"|{re.escape(short)}" if short else ""))
            mentions = [Mention(start=m.start(), end=m.end()) for m in pat.finditer(analysis.text)]
            if mentions:
                kind = "PERSON" if name in PEOPLE else "PLACE" if name in PLACES else "ORG"
                entities.append(Entity(id=f"ent-{n}", name=name, type=kind, aliases=[short] if short else [], mentions=mentions))
        update["entities"] = entities
    if not analysis.outline:
        roles = ["claim", "premise", "premise", "counter", "rebuttal"]
        children = []
        for i, sen in enumerate(analysis.sentences[1::3]):
            words = analysis.text[sen.start:sen.end].split()
            label = " ".join(words)[:90]
            children.append(ArgNode(id=f"arg-{i + 1}", role=roles[i % len(roles)], start=sen.start, end=sen.end, label=label))
        first = analysis.sentences[0] if analysis.sentences else None
        if first is not None:
            update["outline"] = [ArgNode(id="arg-0", role="thesis", start=first.start, end=first.end,
                                         label=analysis.text[first.start:first.end][:90], children=children)]
    return analysis.model_copy(update=update) if update else analysis
