"""Time expressions: extraction (unanchored values) and anchoring, on invented sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.time.extract import extract_timexes
from sitrep.time.normalize import anchor_timexes, value_range
from sitrep.time.timex import sentence_spans, tag_timexes


def _one(text: str, anchor: str | None = None) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in tag_timexes(text, anchor=anchor)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The ferry sank on February 6th.", ("February 6th", "DATE", "XXXX-02-06")),
        ("The vote was held on Thursday.", ("Thursday", "DATE", "XXXX-WXX-4")),
        (
            "Talks began Thursday, February 6, in Oslo.",
            ("Thursday, February 6", "DATE", "XXXX-02-06"),
        ),
        ("Rains came in August.", ("August", "DATE", "XXXX-08")),
        ("The mill closed last August.", ("last August", "DATE", "XXXX-08")),
        ("Repairs ended in early January.", ("early January", "DATE", "XXXX-01")),
        ("The dam was finished by the end of the year.", ("the end of the year", "DATE", "XXXX")),
        ("The bridge opened six months ago.", ("six months ago", "DATE", "XXXX-XX")),
        ("The strike lasted for six days.", ("six days", "DURATION", "P6D")),
        (
            "The train left at 9 a.m. Moscow time.",
            ("9 a.m. Moscow time", "TIME", "XXXX-XX-XXT09:00"),
        ),
        ("The market was quiet in February 2022.", ("February 2022", "DATE", "2022-02")),
        ("The crew returned the next day.", ("the next day", "DATE", "XXXX-XX-XX")),
        ("The crew returned two days later.", ("two days later", "DATE", "XXXX-XX-XX")),
        ("Prices fell that week.", ("that week", "DATE", "XXXX-WXX")),
        ("The ministry posts a report daily.", ("daily", "SET", "P1D")),
        ("Inspectors come each week.", ("each week", "SET", "P1W")),
        ("The plant is now closed.", ("now", "DATE", "PRESENT_REF")),
        ("The roads were recently repaved.", ("recently", "DATE", "PAST_REF")),
        ("The mayor spoke on 3 March 2019.", ("3 March 2019", "DATE", "2019-03-03")),
        (
            "Sales rose in the third quarter of 2023.",
            ("the third quarter of 2023", "DATE", "2023-Q3"),
        ),
        ("The fair ran for nearly six months.", ("nearly six months", "DURATION", "P6M")),
        (
            "The storm hit on the evening of May 4.",
            ("the evening of May 4", "TIME", "XXXX-05-04TEV"),
        ),
        ("The lab opened on 2021-03-15.", ("2021-03-15", "DATE", "2021-03-15")),
        # UTC and GMT are ISO 8601's "Z"; other zones keep the local clock (as TimeBank does)
        ("The quake hit at 18:00 UTC.", ("18:00 UTC", "TIME", "XXXX-XX-XXT18:00Z")),
        ("The polls closed at 8 p.m. EST.", ("8 p.m. EST", "TIME", "XXXX-XX-XXT20:00")),
        # a four-digit clock time after a date is no year
        ("19 MARCH, 1130 GMT: the convoy left Bani.", ("19 MARCH", "DATE", "XXXX-03-19")),
        ("It hit on 4 May, 1653 local time.", ("4 May", "DATE", "XXXX-05-04")),
        # "September 11" and "9/11" as the name of the 2001 attacks
        ("Since the Sept. 11 attacks, rules changed.", ("Sept. 11", "DATE", "2001-09-11")),
        ("The 9/11 Commission met.", ("9/11", "DATE", "2001-09-11")),
        (
            "After the attacks of September 11, flights stopped.",
            ("September 11", "DATE", "2001-09-11"),
        ),
        ("The board met on Sept. 11 in Lindau.", ("Sept. 11", "DATE", "XXXX-09-11")),
    ],
)
def test_extract_finds_expression_with_unanchored_value(
    sentence: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _one(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The monitors counted 44 conflicts and 60,000 troops.",
        "The war enters its fourth year.",
        "They sent 2000 soldiers to the border.",
        "You may march to the square.",
        "The price is 2.5 kilometers of road.",
    ],
)
def test_extract_skips_numbers_that_are_not_times(sentence: str) -> None:
    assert _one(sentence) == []


def test_extract_keeps_since_signal_outside_the_extent() -> None:
    (t,) = tag_timexes("The town has been held since August.", anchor=None)
    assert t.text == "August"
    assert t.signal == "since"


def test_extract_reads_tense_of_the_nearest_verb() -> None:
    past, future = tag_timexes(
        "The council met on Monday; the mayor will visit on Friday.", anchor=None
    )
    assert past.tense == "past"
    assert future.tense == "future"


@pytest.mark.parametrize(
    ("sentence", "anchor", "value"),
    [
        ("The vote was held on Thursday.", "2025-02-08", "2025-02-06"),
        ("The vote will be held on Thursday.", "2025-02-08", "2025-02-13"),
        ("The vote is next Thursday.", "2025-02-06", "2025-02-13"),
        ("Talks began Thursday, February 6, in Oslo.", "2025-02-10", "2025-02-06"),
        ("The ferry sank on August 6.", "2025-02-07", "2024-08-06"),
        ("The ferry will sail on August 6.", "2025-02-07", "2025-08-06"),
        ("The mill closed last August.", "2025-02-07", "2024-08"),
        ("The bridge opened six months ago.", "2025-02-07", "2024-08"),
        ("The crew met yesterday.", "2025-02-07", "2025-02-06"),
        ("Prices fell last week.", "2025-02-07", "2025-W05"),
        ("The plant is now closed.", "2025-02-07", "PRESENT_REF"),
    ],
)
def test_anchor_resolves_by_tense(sentence: str, anchor: str, value: str) -> None:
    values = [t.value for t in tag_timexes(sentence, anchor=anchor)]
    assert value in values


def test_anchor_weekday_with_date_constrains_year_even_far_from_anchor() -> None:
    # February 6 fell on a Thursday in 2020 and 2025, not in 2021-2024
    (t,) = tag_timexes("Talks began Thursday, February 6.", anchor="2023-03-01")
    assert t.value == "2020-02-06"


def test_a_weekday_after_until_is_a_deadline_ahead() -> None:
    # 2031-04-02 is a Wednesday; the vote is put off to the coming Friday, not the last one
    (t,) = tag_timexes("Officials in Lindau postponed the vote until Friday.", anchor="2031-04-02")
    assert t.value == "2031-04-04"
    (t,) = tag_timexes("Officials in Lindau postponed the vote on Friday.", anchor="2031-04-02")
    assert t.value == "2031-03-28"
    # fronted, it tells how long a past state held
    (t,) = tag_timexes("Until Monday, the police had not named a suspect.", anchor="2031-04-02")
    assert t.value == "2031-03-31"


def test_anchor_end_of_year_in_past_clause_is_previous_year() -> None:
    text = (
        "In August, the rebels took 900 km² of land. However, by the end of the year, "
        "counterattacks reduced their hold to about 300 km²."
    )
    timexes = tag_timexes(text, anchor="2025-02-07")
    end = next(t for t in timexes if t.text == "the end of the year")
    assert end.value == "2024"
    assert end.mod == "END"
    assert end.resolved is not None
    assert end.resolved.latest == "2024-12-31"
    assert end.resolved.earliest is not None and end.resolved.earliest >= "2024-10-01"


def test_anchor_relative_expressions_follow_the_narrative_date() -> None:
    text = "The flood began on March 3, 2021. The next day the dam broke. Two days later it rained."
    values = [t.value for t in tag_timexes(text, anchor="2022-06-01")]
    assert values == ["2021-03-03", "2021-03-04", "2021-03-06"]


def test_anchor_clock_time_lands_on_the_reference_day() -> None:
    text = "On January 5 the assault began at around 9 a.m. Moscow time."
    values = [t.value for t in tag_timexes(text, anchor="2025-01-06")]
    assert values == ["2025-01-05", "2025-01-05T09:00"]


def test_anchor_without_document_date_leaves_relative_values() -> None:
    (t,) = tag_timexes("The vote was held on Thursday.", anchor=None)
    assert t.value == "XXXX-WXX-4"
    assert t.resolved is None


def test_anchor_is_repeatable_from_the_kept_rule() -> None:
    text = "The ferry sank on August 6 and sailed again last week."
    from datetime import date

    once = anchor_timexes(extract_timexes(text), dct=date(2025, 2, 7))
    twice = anchor_timexes(once, dct=date(2025, 2, 7))
    assert [t.value for t in once] == [t.value for t in twice]
    other = anchor_timexes(once, dct=date(2026, 2, 7))
    assert next(t.value for t in other) == "2025-08-06"


@pytest.mark.parametrize(
    ("value", "mod", "expected"),
    [
        ("2025-02", None, ("2025-02", "2025-02-01", "2025-02-28")),
        ("2024-02", None, ("2024-02", "2024-02-01", "2024-02-29")),
        ("2025-02-06T09:00", None, ("2025-02-06", "2025-02-06", "2025-02-06")),
        ("2025-W06", None, (None, "2025-02-03", "2025-02-09")),
        ("2024-Q3", None, (None, "2024-07-01", "2024-09-30")),
        ("2025-01", "START", ("2025-01", "2025-01-01", "2025-01-10")),
        ("2024", "END", ("2024", "2024-10-01", "2024-12-31")),
    ],
)
def test_value_range_covers_the_value(
    value: str, mod: str | None, expected: tuple[str | None, str, str]
) -> None:
    r = value_range(value, mod)
    assert r is not None
    assert (r.date, r.earliest, r.latest) == expected


def test_value_range_is_none_for_durations() -> None:
    assert value_range("P6M") is None
    assert value_range("XXXX-08") is None


def test_sentence_spans_split_on_sentence_ends_not_abbreviations() -> None:
    text = "It began at 9 a.m. Monday. Then U.S. troops left. Done"
    spans = sentence_spans(text)
    assert [text[a:b] for a, b in spans] == [
        "It began at 9 a.m. Monday.",
        "Then U.S. troops left.",
        "Done",
    ]


_WORDS = st.sampled_from(
    [
        "on", "Thursday", ",", "February", "6th", "2024", "in", "August", "the", "end", "of",
        "year", "six", "months", "ago", "for", "days", "9", "a.m.", "now", "daily", "next",
        "day", "troops", "44", "İstanbul", "—", "last", "week", "\n", "since", "early",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=40), st.sampled_from([None, "2025-02-07", "1999-12-31"]))
def test_spans_always_slice_the_text(words: list[str], anchor: str | None) -> None:
    text = " ".join(words)
    timexes = tag_timexes(text, anchor=anchor)
    ends = -1
    for t in timexes:
        start, end = t.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == t.text
        assert start >= ends  # in order, no overlap
        ends = end
        if t.resolved is not None and t.resolved.earliest and t.resolved.latest:
            assert t.resolved.earliest <= t.resolved.latest


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_breaks_extraction(text: str) -> None:
    for t in tag_timexes(text, anchor="2025-02-07"):
        assert text[t.span[0] : t.span[1]] == t.text


def test_a_live_pages_line_opening_clocks_are_times_not_years() -> None:
    from sitrep.time.timex import tag_timexes

    live = (
        "Live: the flood at Harlow\n"
        "2056 The water board says 40 homes were evacuated.\n"
        "2012 Ann Lee, the mayor, says the shelters are full.\n"
        "1948 Rescuers reached the Kessel bridge, 30 hurt 1931 Ann Lee says the 2012 Plan "
        "held in 2012 The board agrees.\n"
    )
    found = [(t.text, t.type, t.value) for t in tag_timexes(live, anchor="2031-03-14")]
    assert found == [
        ("2056", "TIME", "2031-03-14T20:56"),
        ("2012", "TIME", "2031-03-14T20:12"),
        ("1948", "TIME", "2031-03-14T19:48"),
        ("1931", "TIME", "2031-03-14T19:31"),  # an entry run into the previous one
        ("2012", "DATE", "2012"),  # "the 2012 Plan"
        ("2012", "DATE", "2012"),  # "in 2012"
    ]
    # a chronology keeps its years: 1967 is no clock time, and 2001-2009 all fall in one hour
    for years in (("1948", "1967", "1991"), ("2001", "2004", "2009")):
        chronology = "Timeline\n" + "".join(f"{y} The dam is raised.\n" for y in years)
        assert [t.value for t in tag_timexes(chronology, anchor="2031-03-14")] == list(years)
