"""Acceptance tests on the five real seed articles about the Kursk incursion (../shared/data/seeds).

What a reader of the dossier needs from that coverage, written as checks on the dossier. The seed
text itself never enters the repository: only short names and numbers appear here. Skipped when
the shared data is absent (``seeds_dossier`` in conftest.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import pytest

from gold import norm

pytestmark = pytest.mark.shared

Item = dict[str, Any]


# ---- helpers ---------------------------------------------------------------------------------


def _doc(dossier: Item, prefix: str) -> Item:
    docs = [d for d in dossier["documents"] if d["id"].startswith(prefix)]
    assert docs, f"no document with id {prefix}*"
    return docs[0]


def _names(entity: Item) -> list[str]:
    return [entity.get("name") or "", *(entity.get("aliases") or [])]


def _words(names: list[str]) -> set[str]:
    return {w for n in names for w in re.findall(r"[\w/]+", norm(n))}


def _entities(dossier: Item) -> dict[str, Item]:
    return {e["id"]: e for e in dossier.get("entities") or []}


def _ref_names(dossier: Item, ref: Any) -> list[str]:
    """Names of a source/holder given as a dict ``{text, entity}``, an entity id or text."""
    entities = _entities(dossier)
    if isinstance(ref, dict):
        entity = entities.get(ref.get("entity"))
        return [ref.get("text") or "", *(_names(entity) if entity else [])]
    if isinstance(ref, str):
        return _names(entities[ref]) if ref in entities else [ref]
    return []


def _is(value: Any, target: float) -> bool:
    return value is not None and math.isclose(float(value), target, rel_tol=1e-6)


def _unit(fig: Item) -> str:
    return norm(fig.get("unit")).replace("²", "2")


def _amount(fig: Item) -> Any:
    """The figure's value, or its one bound when only a bound is known."""
    if fig.get("value") is not None:
        return fig["value"]
    return fig.get("high") if fig.get("high") is not None else fig.get("low")


def _figures(dossier: Item, prefix: str, pred: Callable[[Item], bool]) -> list[Item]:
    return [
        f
        for f in dossier.get("figures") or []
        if str(f.get("document", "")).startswith(prefix) and pred(f)
    ]


def _claim(dossier: Item, fig: Item) -> Item | None:
    claims = {c["id"]: c for c in dossier.get("claims") or []}
    return claims.get(fig.get("claim"))


def _soldiers(f: Item) -> bool:
    counts = norm(f.get("counts"))
    return f.get("qualifier") == "more_than" and _is(_amount(f), 200) and "soldier" in counts


def _vehicles(f: Item) -> bool:
    return (
        f.get("qualifier") == "vague"
        and f.get("value") is None
        and _is(f.get("low"), 24)
        and _is(f.get("high"), 99)
        and "vehicle" in norm(f.get("counts"))
    )


def _up_to_5_km(f: Item) -> bool:
    return f.get("qualifier") == "up_to" and _is(_amount(f), 5) and _unit(f) == "km"


def _km_2_5(f: Item) -> bool:
    return _is(f.get("value"), 2.5) and _unit(f) == "km"


def _km2(value: float) -> Callable[[Item], bool]:
    return lambda f: _is(_amount(f), value) and _unit(f) == "km2"


def _about_460_km2(f: Item) -> bool:
    return f.get("qualifier") == "approximately" and _km2(460)(f)


def _evacuated(f: Item) -> bool:
    return f.get("qualifier") == "more_than" and _is(_amount(f), 76000)


FIGURES = {
    "more than 200 soldiers": ("000_", _soldiers),
    "dozens of vehicles": ("000_", _vehicles),
    "up to 5 km": ("001_", _up_to_5_km),
    "2.5 km": ("001_", _km_2_5),
    "approximately 460 km²": ("001_", _about_460_km2),
    "1,100 km²": ("001_", _km2(1100)),
    "over 76,000 people": ("003_", _evacuated),
}


# ---- entities --------------------------------------------------------------------------------


def test_three_zelensky_spellings_are_one_entity(seeds_dossier: Item) -> None:
    spellings = {"zelensky", "zelenskiy", "zelenskyy"}
    holders = [e for e in seeds_dossier["entities"] if spellings & _words(_names(e))]
    assert any(spellings <= _words(_names(e)) for e in holders), [_names(e) for e in holders]


def test_isw_and_its_full_name_are_one_entity(seeds_dossier: Item) -> None:
    def has_both(e: Item) -> bool:
        names = [norm(n) for n in _names(e)]
        full = any("institute for the study of war" in n for n in names)
        return full and "isw" in _words(names)

    candidates = [e for e in seeds_dossier["entities"] if "isw" in _words(_names(e))]
    assert any(has_both(e) for e in seeds_dossier["entities"]), [_names(e) for e in candidates]


def test_sudzha_is_a_located_place_held_by_ukraine(seeds_dossier: Item) -> None:
    places = [
        e
        for e in seeds_dossier["entities"]
        if e["type"] == "place" and "sudzha" in _words(_names(e))
    ]
    assert places, "Sudzha should be a place entity"
    assert any(e.get("geo") and e["geo"].get("lat") is not None for e in places)
    ids = {e["id"] for e in places}
    holders = [
        _ref_names(seeds_dossier, c.get("holder"))
        for c in seeds_dossier.get("controls") or []
        if c.get("place") in ids
    ]
    assert any(re.search(r"ukrain|kyiv", norm(" ".join(h))) for h in holders), holders


# ---- figures ---------------------------------------------------------------------------------


@pytest.mark.parametrize("label", list(FIGURES))
def test_figure_is_extracted_with_its_qualifier(seeds_dossier: Item, label: str) -> None:
    prefix, pred = FIGURES[label]
    found = _figures(seeds_dossier, prefix, pred)
    near = [
        (f.get("text"), f.get("value"), f.get("qualifier"), f.get("unit"), f.get("counts"))
        for f in seeds_dossier.get("figures") or []
        if str(f.get("document", "")).startswith(prefix)
    ]
    assert found, f"{label} not found in {prefix}*; figures there: {near}"


def test_2_5_km_advance_is_zelensky_via_reuters(seeds_dossier: Item) -> None:
    figs = _figures(seeds_dossier, "001_", _km_2_5)
    assert figs
    claims = [c for c in (_claim(seeds_dossier, f) for f in figs) if c]
    assert claims, "the 2.5 km figure should belong to a claim"
    sources = [norm(" ".join(_ref_names(seeds_dossier, c.get("source")))) for c in claims]
    relays = [
        norm(" ".join(n for v in c.get("via") or [] for n in _ref_names(seeds_dossier, v)))
        for c in claims
    ]
    assert any("zelensk" in s for s in sources), sources
    assert any("reuters" in v for v in relays), relays


def test_up_to_5_km_advance_is_isw(seeds_dossier: Item) -> None:
    figs = _figures(seeds_dossier, "001_", _up_to_5_km)
    assert figs
    claims = [c for c in (_claim(seeds_dossier, f) for f in figs) if c]
    sources = [norm(" ".join(_ref_names(seeds_dossier, c.get("source")))) for c in claims]
    assert any("isw" in s or "study of war" in s for s in sources), sources


# ---- tracks ----------------------------------------------------------------------------------


def test_territory_track_runs_1100_then_460_then_500(seeds_dossier: Item) -> None:
    figures = {f["id"]: f for f in seeds_dossier.get("figures") or []}
    orders = []
    for track in seeds_dossier.get("tracks") or []:
        values = [_amount(figures[fid]) for fid in track["figures"] if fid in figures]
        units = {_unit(figures[fid]) for fid in track["figures"] if fid in figures}
        orders.append((track.get("unit"), values))
        if "km2" not in units:
            continue
        pos = {
            target: [i for i, v in enumerate(values) if _is(v, target)]
            for target in (1100, 460, 500)
        }
        if all(pos.values()) and min(pos[1100]) < max(pos[460]) < max(pos[500]):
            return
    pytest.fail(f"no km² track with 1,100 then ~460 then ~500; tracks: {orders}")


def test_2_5_and_5_km_are_a_disagreement(seeds_dossier: Item) -> None:
    figures = {f["id"]: f for f in seeds_dossier.get("figures") or []}
    groups = []
    for track in seeds_dossier.get("tracks") or []:
        groups += [d.get("figures") or [] for d in track.get("disagreements") or []]
        groups += [
            d.get("figures") or []
            for d in track.get("differences") or []
            if d.get("kind") == "disagreement"
        ]
    for group in groups:
        figs = [figures[fid] for fid in group if fid in figures]
        if any(_km_2_5(f) for f in figs) and any(_up_to_5_km(f) for f in figs):
            return
    pytest.fail("no disagreement holds both the 2.5 km and the up-to-5 km advance")


# ---- documents -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "snippets"),
    [
        ("001_", ["![](", ".jpeg", "Фото"]),
        ("002_", ["Comments are closed."]),
        ("003_", ["Comment:"]),
    ],
)
def test_boilerplate_is_cleaned_out(seeds_dossier: Item, prefix: str, snippets: list[str]) -> None:
    text = _doc(seeds_dossier, prefix)["text"]
    assert [s for s in snippets if s in text] == []


def test_credit_line_is_kept_as_a_credit(seeds_dossier: Item) -> None:
    credits = _doc(seeds_dossier, "002_").get("credits") or []
    assert any("rfe/rl" in norm(c) for c in credits), credits


def test_every_seed_is_a_document_with_a_date_range(seeds_dossier: Item) -> None:
    docs = seeds_dossier["documents"]
    assert sorted(d["id"][:4] for d in docs) == ["000_", "001_", "002_", "003_", "004_"]
    undated = [
        d["id"]
        for d in docs
        if not (d["published"].get("earliest") and d["published"].get("latest"))
    ]
    assert undated == []
