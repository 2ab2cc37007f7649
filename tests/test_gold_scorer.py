"""The gold scorer (tests/gold.py) on a tiny dossier built by hand."""

from __future__ import annotations

import copy

import pytest

from gold import SECTIONS, misses, norm, score, texts_match

DAY = {"date": "2026-05-02", "earliest": "2026-05-02", "latest": "2026-05-02"}
TEXT = (
    "The ministry said 40 houses burned. Aid workers said up to 90 houses burned. "
    "Pinewick remains under army control."
)


def _dossier() -> dict:
    return {
        "schema": "sitrep.dossier/1",
        "documents": [
            {
                "id": "a",
                "text": TEXT,
                "credits": ["Harbor Radio's night desk"],
                "published": {
                    "date": "2026-05-02",
                    "earliest": "2026-05-02",
                    "latest": "2026-05-02",
                },
            },
            {
                "id": "b#1",
                "text": "Later, 55 houses were counted.",
                "credits": [],
                "published": {"date": None, "earliest": "2026-05-03", "latest": "2026-05-04"},
            },
        ],
        "entities": [
            {
                "id": "e1",
                "name": "Ministry of Forests",
                "type": "organization",
                "aliases": ["MoF", "the ministry"],
            },
            {"id": "e2", "name": "Pinewick", "type": "place", "aliases": ["Pinewik"]},
            {"id": "e3", "name": "army", "type": "organization", "aliases": []},
        ],
        "claims": [
            {
                "id": "a:c1",
                "document": "a",
                "sentence": "The ministry said 40 houses burned.",
                "span": [0, 35],
                "source": {"text": "The ministry", "span": [0, 12], "entity": "e1"},
                "via": [],
                "polarity": "asserted",
            },
            {
                "id": "a:c2",
                "document": "a",
                "sentence": "Aid workers said up to 90 houses burned.",
                "span": [36, 76],
                "source": {"text": "Aid workers", "span": [36, 47], "entity": None},
                "via": [{"text": "Harbor Radio", "span": [0, 0], "entity": None}],
                "polarity": "asserted",
            },
        ],
        "figures": [
            {
                "id": "a:f1",
                "document": "a",
                "claim": "a:c1",
                "text": "40 houses",
                "span": [18, 27],
                "value": 40,
                "low": 40,
                "high": 40,
                "qualifier": "exact",
                "unit": None,
            },
            {
                "id": "a:f2",
                "document": "a",
                "claim": None,
                "text": "up to 90 houses",
                "span": [53, 68],
                "value": 90,
                "low": None,
                "high": 90,
                "qualifier": "up_to",
                "unit": None,
            },
            {
                "id": "b#1:f1",
                "document": "b#1",
                "claim": None,
                "text": "55 houses",
                "span": [7, 16],
                "value": 55,
                "low": 55,
                "high": 55,
                "qualifier": "exact",
                "unit": None,
            },
        ],
        "tracks": [
            {
                "id": "t1",
                "measure": "houses",
                "unit": None,
                "figures": ["a:f1", "a:f2", "b#1:f1"],
                "differences": [],
                "disagreements": [{"figures": ["a:f1", "a:f2"], "note": "40 vs up to 90"}],
            },
        ],
        "controls": [
            {
                "place": "e2",
                "holder": "e3",
                "since": None,
                "as_of": DAY,
                "claim": None,
                "source": None,
                "document": "a",
            },
        ],
        "timeline": [{"date": "2026-05-02", "summary": ["Houses burned."], "evidence": []}],
    }


GOLD = {
    "dates": {"a": "2026-05-02", "b#1": ["2026-05-02", "2026-05-05"]},
    "figures": [
        {
            "document": "a",
            "text": "40 houses burned",
            "value": 40,
            "qualifier": "exact",
            "unit": None,
        },
        {
            "document": "a",
            "text": "up to 90",
            "value": 90,
            "qualifier": ["up_to", "at_most"],
            "unit": None,
        },
    ],
    "sources": [
        {"document": "a", "figure_text": "40 houses", "source": ["Ministry of Forests"]},
        {
            "document": "a",
            "figure_text": "up to 90",
            "source": ["aid workers"],
            "via": ["Harbor Radio"],
        },
    ],
    "aliases": [["Ministry of Forests", "MoF"]],
    "cleaning": [
        {
            "document": "a",
            "must_remove": ["Read more"],
            "must_keep": ["40 houses"],
            "credits": ["Harbor Radio"],
        },
    ],
    "timeline": [{"date": "2026-05-02", "keyword": "burned"}],
    "disagreements": [
        {"figures": [{"document": "a", "text": "40 houses"}, {"document": "a", "text": "up to 90"}]}
    ],
    "tracks": [
        {
            "measure": "houses",
            "figures": [
                {"document": "a", "text": "40 houses"},
                {"document": "b#1", "text": "55 houses"},
            ],
        }
    ],
    "controls": [{"document": "a", "place": "Pinewick", "holder": ["army"]}],
}


def test_score_perfect_dossier_scores_one_everywhere():
    assert score(_dossier(), GOLD) == dict.fromkeys(SECTIONS, 1.0)


def test_score_empty_dossier_scores_zero_everywhere():
    result = score({}, GOLD)
    assert all(result[name] == 0.0 for name in SECTIONS if name != "cleaning")
    # Nothing to find: "must_remove" trivially fails too because the document is missing.
    assert result["cleaning"] == 0.0


def test_score_section_without_gold_items_scores_one():
    assert score(_dossier(), {})["figures"] == 1.0


def test_dates_point_outside_range_is_a_miss():
    dossier = _dossier()
    dossier["documents"][0]["published"]["date"] = "2026-05-09"
    assert misses(dossier, GOLD, "dates") == ["a: 2026-05-02"]


def test_dates_open_range_is_a_miss():
    dossier = _dossier()
    dossier["documents"][1]["published"] = {"date": None, "earliest": None, "latest": None}
    assert score(dossier, GOLD)["dates"] == 0.5


def test_figures_wrong_qualifier_is_a_miss():
    dossier = _dossier()
    dossier["figures"][1]["qualifier"] = "exact"
    assert score(dossier, GOLD)["figures"] == 0.5


def test_figures_wrong_value_is_a_miss():
    dossier = _dossier()
    dossier["figures"][0]["value"] = 4
    assert misses(dossier, GOLD, "figures") == ["a: '40 houses burned'"]


def test_figures_unit_checked_only_when_gold_names_one():
    gold = copy.deepcopy(GOLD)
    gold["figures"][0]["unit"] = "km²"
    assert score(_dossier(), gold)["figures"] == 0.5
    dossier = _dossier()
    dossier["figures"][0]["unit"] = "km2"
    assert score(dossier, gold)["figures"] == 1.0


def test_sources_via_and_claim_fallback_by_span():
    # a:f2 has no claim id: the claim whose sentence holds its span is used.
    dossier = _dossier()
    dossier["claims"][1]["via"] = []
    assert misses(dossier, GOLD, "sources") == ["a: 'up to 90' <- ['aid workers']"]


def test_sources_entity_alias_matches():
    dossier = _dossier()
    dossier["claims"][0]["source"]["text"] = "MoF"
    assert score(dossier, GOLD)["sources"] == 1.0
    dossier["claims"][0]["source"]["entity"] = None
    assert score(dossier, GOLD)["sources"] == 0.5


def test_aliases_split_entity_is_a_miss():
    dossier = _dossier()
    dossier["entities"][0]["aliases"] = []
    dossier["entities"].append({"id": "e9", "name": "MoF", "type": "organization", "aliases": []})
    assert score(dossier, GOLD)["aliases"] == 0.0


def test_cleaning_counts_each_snippet():
    dossier = _dossier()
    dossier["documents"][0]["text"] += " Read more"
    dossier["documents"][0]["credits"] = []
    assert score(dossier, GOLD)["cleaning"] == pytest.approx(1 / 3)


def test_disagreement_needs_both_figures_in_one_entry():
    dossier = _dossier()
    dossier["tracks"][0]["disagreements"] = [{"figures": ["a:f1", "b#1:f1"], "note": ""}]
    assert score(dossier, GOLD)["disagreements"] == 0.0
    dossier["tracks"][0]["differences"] = [
        {"figures": ["a:f2", "a:f1"], "kind": "disagreement", "note": ""}
    ]
    assert score(dossier, GOLD)["disagreements"] == 1.0


def test_tracks_order_matters():
    dossier = _dossier()
    dossier["tracks"][0]["figures"] = ["b#1:f1", "a:f1"]
    assert score(dossier, GOLD)["tracks"] == 0.0


def test_controls_holder_and_since():
    gold = copy.deepcopy(GOLD)
    gold["controls"][0]["since"] = "2026-04-30"
    assert score(_dossier(), gold)["controls"] == 0.0
    dossier = _dossier()
    dossier["controls"][0]["since"] = {
        "date": None,
        "earliest": "2026-04-01",
        "latest": "2026-04-30",
    }
    assert score(dossier, gold)["controls"] == 1.0
    dossier["controls"][0]["holder"] = "rebels"
    assert score(dossier, gold)["controls"] == 0.0


def test_timeline_missing_date_is_a_miss():
    dossier = _dossier()
    dossier["timeline"] = [{"date": "2026-05-01", "summary": [], "evidence": []}]
    assert score(dossier, GOLD)["timeline"] == 0.0


def test_texts_match_is_symmetric_containment_after_normalisation():
    assert texts_match("about 120 km²", "About  120 km2")
    assert texts_match("40", "40 houses")
    assert not texts_match("", "40")
    assert norm("“Quoted”  TEXT") == '"quoted" text'
