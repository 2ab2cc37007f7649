"""Tracks: measures, ordering by as_of, change / disagreement / agreement."""

from __future__ import annotations

from sitrep.link.entities import link_entities
from sitrep.link.tracks import build_tracks, describe, interval, side_of
from sitrep.model import AnalyzedArticle, Track
from test_link_builders import Fig, make


def _track(arts: list[AnalyzedArticle]) -> list[Track]:
    index = link_entities(arts)
    return build_tracks(arts, story_of={a.id: "s1" for a in arts}, index=index)


def test_about_and_approximately_agree() -> None:
    a = make(
        "a",
        "Rebels hold about 460 square kilometers, the army said.",
        orgs=("the army",),
        figures=(
            Fig(
                "about 460 square kilometers",
                460,
                unit="km²",
                qualifier="approximately",
                as_of="2024-12-30",
                source="the army",
            ),
        ),
    )
    b = make(
        "b",
        "Monitors said rebels control approximately 460 square kilometers.",
        orgs=("Monitors",),
        figures=(
            Fig(
                "approximately 460 square kilometers",
                460,
                unit="km²",
                qualifier="approximately",
                as_of="2024-12-31",
                source="Monitors",
            ),
        ),
    )
    (track,) = _track([a, b])
    assert [d.kind for d in track.differences] == ["agreement"]


def test_up_to_is_a_high_estimate() -> None:
    up_to = Fig("up to 5 km", 5, unit="km", qualifier="up_to")
    fig = make("x", "They advanced up to 5 km.", figures=(up_to,)).figures[0]
    assert interval(fig) == (4.5, 5)
    art = make(
        "y",
        "They advanced up to 5 km.",
        figures=(Fig("up to 5 km", 5, unit="km", qualifier="up_to"),),
    )
    assert describe(art.figures[0]) == "up to 5 km"


def test_same_sentence_figures_not_compared() -> None:
    a = make(
        "a",
        "The ministry said it destroyed 14 drones over the border and 18 drones elsewhere.",
        orgs=("The ministry",),
        figures=(
            Fig("14 drones", 14, counts="drones", as_of="2024-08-10", source="The ministry"),
            Fig("18 drones", 18, counts="drones", as_of="2024-08-10", source="The ministry"),
        ),
    )
    assert _track([a]) == []


def test_changes_over_time_in_order() -> None:
    arts = [
        make(
            "late",
            "Rebels now hold 300 km² of land.",
            published="2024-10-01",
            figures=(Fig("300 km²", 300, unit="km²"),),
        ),
        make(
            "early",
            "Rebels seized 900 km² of land.",
            published="2024-06-01",
            figures=(Fig("900 km²", 900, unit="km²"),),
        ),
    ]
    (track,) = _track(arts)
    assert track.figures == ["early:f1", "late:f1"]
    assert [d.kind for d in track.differences] == ["change"]
    assert "900 km²" in track.differences[0].note and "300 km²" in track.differences[0].note


def test_sides_split_territory() -> None:
    assert side_of("Ukrainian-held territory shrank to 460 km²", 30) == "Ukraine"
    assert side_of("Kyiv still holds Sudzha and 500 km²", 30) == "Ukraine"
    assert side_of("Russia continues to control over 100,000 km² of Ukraine", 40) == "Russia"
    assert side_of("the land held by Ukraine totals 500 km²", 35) == "Ukraine"


def test_unrelated_distances_make_no_track() -> None:
    a = make("a", "The village lies 70 km from the city.", figures=(Fig("70 km", 70, unit="km"),))
    b = make("b", "The village lies 15 km from the border.", figures=(Fig("15 km", 15, unit="km"),))
    assert _track([a, b]) == []
