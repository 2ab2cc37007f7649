"""Datelines and count relations (sitrep.time.relations), on invented texts."""

from __future__ import annotations

import pytest

from sitrep.time.extract import extract_timexes
from sitrep.time.relations import count_relations, dateline
from sitrep.time.timex import sentence_spans


def _line(text: str) -> str | None:
    t = dateline(text, extract_timexes(text, sentence_spans(text)))
    return t.text if t is not None else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*The Valley Courier — May 4, 2031*\nThe bridge reopened on Tuesday.", "May 4, 2031"),
        ("4 May 2031\nThe bridge reopened on Tuesday after repairs.", "4 May 2031"),
        ("Friday, May 9. A week after the storm, the harbour is quiet again.", "Friday, May 9"),
        ("PORTVILLE, May 9 (Wirewire) - The harbour reopened on Friday.", "May 9"),
        (
            "HARBOURTOWN | Fri May 9, 2031 4:15 pm EDT HARBOURTOWN (Wirewire) - Ships left.",
            "Fri May 9, 2031",
        ),
        ("Posted by staff | Updated: 12 June 2031\nThe council met.", "12 June 2031"),
    ],
)
def test_dateline_forms(text: str, expected: str) -> None:
    assert _line(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The council voted on May 4, 2031 to close the bridge.",  # prose, not a dateline
        "On May 4 the council voted to close the bridge, officials said.",
        "The bridge, first opened in 1931, was closed on Friday.",  # no day-level date
        "\n".join(
            ["Line one of the story.", "Line two.", "Line three.", "Line four.", "May 4, 2031"]
        ),
    ],
)
def test_no_dateline_in_prose_or_below_the_head(text: str) -> None:
    assert _line(text) is None


def test_count_relation_with_a_dated_base_and_a_weekday() -> None:
    text = "On Monday, six days after the levee broke on May 3, the town was still flooded."
    rels = count_relations(text, extract_timexes(text, sentence_spans(text)))
    assert len(rels) == 1
    rel = rels[0]
    assert (rel.days, rel.lo, rel.hi, rel.weekday) == (6, 0, 0, 1)
    assert rel.base_timex is not None and rel.base_timex.text == "May 3"


def test_count_relation_modifiers_and_direction() -> None:
    text = (
        "The ferry arrived more than a week after the levee broke. "
        "Talks began nearly two weeks before the vote."
    )
    rels = count_relations(text, extract_timexes(text, sentence_spans(text)))
    assert [(r.days, r.lo, r.hi) for r in rels] == [(7, 1, 7), (-14, 1, 6)]
    assert rels[0].base_timex is None and "levee broke" in rels[0].np


def test_bare_day_after_needs_the() -> None:
    text = "Day after day the rain fell. The day after the vote, the mayor resigned."
    rels = count_relations(text, extract_timexes(text, sentence_spans(text)))
    assert [r.days for r in rels] == [1]
