"""Check-worthiness: how much a sentence asserts a checkable fact, as a transparent score.

``score_sentence`` adds feature weights (``data/checkworthy.json``) to a base and clips to 0..1:
figures, named entities, attribution, dates and past events raise it; questions, first-person
opinion, evaluative words, promotional calls to action and very short fragments lower it.
``sentence_features`` returns the features so a score can always be explained.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from sitrep.figures import lexicon, load_data

_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


@cache
def _table() -> dict[str, Any]:
    data: dict[str, Any] = load_data("checkworthy.json")
    return data


@cache
def _cue_lemmas() -> frozenset[str]:
    return frozenset(load_data("attribution.json")["cue_verbs"])


def _phrase_in(text: str, phrases: list[str]) -> bool:
    return any(re.search(rf"\b{re.escape(p)}\b", text) for p in phrases)


def sentence_features(sent: Any) -> dict[str, float]:
    """The features of a spaCy sentence ``Span`` that ``score_sentence`` weighs (counts/flags)."""
    table = _table()
    lex = lexicon()
    lower = sent.text.lower()
    tokens = [t for t in sent if not t.is_space]
    number = any(
        (t.like_num or t.lower_ in lex.words or t.lower_ in {"dozens", "hundreds", "thousands"})
        and not re.fullmatch(r"(1[89]|20)\d\d", t.text)
        and t.ent_type_ not in {"DATE", "TIME", "ORDINAL"}
        for t in tokens
    )
    in_quote = sent.text.count("“") + sent.text.count('"') > 0
    feats: dict[str, float] = {
        "number": float(number),
        "year_or_date": float(any(e.label_ == "DATE" for e in sent.ents)),
        "named_entity": float(
            min(table["entity_cap"], sum(1 for e in sent.ents if e.label_ in _ENTITY_LABELS))
        ),
        "attribution": float(
            any(t.lemma_.lower() in _cue_lemmas() and t.pos_ == "VERB" for t in tokens)
            or "according to" in lower
        ),
        "event_verb": float(
            any(t.tag_ in {"VBD", "VBN"} and t.pos_ in {"VERB", "AUX"} for t in tokens)
        ),
        "question": float(sent.text.rstrip().rstrip("”\"'").endswith("?")),
        "first_person": float(
            not in_quote and any(t.lower_ in table["first_person"] for t in tokens)
        ),
        "opinion": float(_phrase_in(lower, table["opinion_words"])),
        "promo": float(_phrase_in(lower, table["promo_words"])),
        "short": float(len(tokens) < table["short_tokens"]),
    }
    return feats


def score_sentence(sent: Any) -> float:
    """Check-worthiness of a spaCy sentence ``Span`` in 0..1 (see module docstring).

    Example:
        "The ministry said 14 drones were shot down over Kursk on Tuesday." scores high
        (number, attribution, entities, date); "What happens next?" scores low.
    """
    table = _table()
    weights: dict[str, float] = table["weights"]
    score = float(table["base"])
    for name, value in sentence_features(sent).items():
        score += weights.get(name, 0.0) * value
    return round(min(1.0, max(0.0, score)), 3)
