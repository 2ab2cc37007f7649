"""TimeML conventions of extents and values (TempEval-3 style), on invented sentences."""

from __future__ import annotations

import pytest

from sitrep.time.timex import tag_timexes


def _tags(text: str, anchor: str | None = "2031-10-27") -> dict[str, str]:
    return {t.text: t.value for t in tag_timexes(text, anchor=anchor)}


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        ("The firm posted a third-quarter loss.", "third-quarter", "2031-Q3"),
        ("Sales rose in the quarter, it said.", "the quarter", "2031-Q3"),
        ("Sales in the third quarter rose 5% from a year earlier.", "a year earlier", "2030-Q3"),
        (
            "Sales in the third quarter beat the year-earlier period.",
            "the year-earlier period",
            "2030-Q3",
        ),
        ("The votes were counted earlier this year.", "earlier this year", "2031"),
        ("The plant closed late yesterday.", "late yesterday", "2031-10-26"),
        ("Trading will resume at 9 a.m. Tuesday.", "9 a.m. Tuesday", "2031-10-28T09:00"),
        ("The deal was signed on Oct. 23.", "Oct. 23", "2031-10-23"),
        ("Profit fell in the nine months to September.", "the nine months", "P9M"),
        ("The talks lasted almost four years ago.", "almost four years ago", "2027"),
        ("Castles of the 11th century still stand.", "the 11th century", "10"),
        ("They were 20th-century wars.", "20th-century", "19"),
        ("Shops close on Thanksgiving Day.", "Thanksgiving Day", "2031-11-27"),
        ("Fighting went on throughout the summer.", "the summer", "2031-SU"),
        ("The index ended the day up 2%.", "the day", "2031-10-27"),
        # a month named before is no day to be in: the reference day stays the DCT
        ("Sales fell in February. The index ended the day up 2%.", "the day", "2031-10-27"),
        # 2026-11-21 round: business years and quarters
        ("Sales for the year rose 4%.", "the year", "2031"),
        ("Net for the year ended June 30 fell.", "the year", "P1Y"),
        ("Shares fell 9% in the month since the Kessel blast.", "the month", "P1M"),
        ("The firm expects to close the sale by year-end.", "year-end", "2031"),
        ("In fiscal 2030, the firm earned $4 million.", "fiscal 2030", "2030"),
        ("Net rose in the fiscal first quarter.", "the fiscal first quarter", "2031-Q1"),
        ("In the 2030 second quarter it lost money.", "the 2030 second quarter", "2030-Q2"),
        (
            "In the third quarter net rose; in the year-ago third quarter it fell.",
            "the year-ago third quarter",
            "2030-Q3",
        ),
        (
            "Net rose in the third quarter from the same period last year.",
            "the same period last year",
            "2030-Q3",
        ),
        (
            "Net rose in the third quarter; in the 2030 period it fell.",
            "the 2030 period",
            "2030-Q3",
        ),
        ("Sales for this year's third quarter rose.", "this year's third quarter", "2031-Q3"),
        ("Demand is weak in the current quarter.", "the current quarter", "2031-Q4"),
        # extents
        ("The firm set a 14-day deadline, then lifted the 14-day limit.", "14-day", "P14D"),
        ("Riots shook the city in the late 1960s.", "the late 1960s", "196"),
        ("Earlier that day, the army left.", "Earlier that day", "2031-10-27"),
        ("Shares fell at mid-afternoon yesterday.", "mid-afternoon yesterday", "2031-10-26TAF"),
        ("The plant will close over the next year or so.", "the next year or so", "P1Y"),
        ("It won't be profitable until 2034 or later.", "2034 or later", "2034"),
        ("They waited 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("The flight took 5 1/2 hours.", "5 1/2 hours", "PT5H30M"),
        ("Shares fell in the last twenty four hours.", "the last twenty four hours", "PT24H"),
        ("Atlanta, nineteen ninety-six: a bomb went off.", "nineteen ninety-six", "1996"),
        ("The plan targets the year two thousand.", "the year two thousand", "2000"),
        # fuzzy references
        ("She came with her current wife.", "current", "PRESENT_REF"),
        ("In the past, the two sides met often.", "the past", "PAST_REF"),
        ("Rates may fall in coming months.", "coming months", "FUTURE_REF"),
        # values: month named with a deictic year, weekday cues of plans
        ("The leaders met in June last year.", "June", "2030-06"),
        ("Prices peaked in January of last year.", "January", "2030-01"),
        ("Protesters were planning to march on Saturday.", "Saturday", "2031-11-01"),
        ("The talks are set to resume Wednesday.", "Wednesday", "2031-10-29"),
    ],
)
def test_extent_and_value(text: str, extent: str, value: str) -> None:
    assert _tags(text).get(extent) == value


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("A 6-year-old boy was rescued.", "6-year-old"),
        ("The quarterly report is due.", "quarterly"),
        ("So far no one has claimed it.", "So far"),
        ("They fired 1500 rounds.", "1500"),
        ("The current account deficit widened.", "current"),
        ("It fell the year before.", "the year"),
        ("He sent two thousand troops.", "two thousand"),
        ("The past decade was hard.", "the past"),
        ("It was the day of reckoning.", "the day"),
        ("They waited for the day when the water fell.", "the day"),
    ],
)
def test_not_time_expressions(text: str, absent: str) -> None:
    assert absent not in _tags(text)


def test_holiday_in_a_past_clause_is_the_last_one() -> None:
    assert (
        _tags("Shops closed on Christmas Eve.", anchor="2031-01-10")["Christmas Eve"]
        == "2030-12-24"
    )


def test_old_years_need_a_preposition() -> None:
    assert _tags("The fort fell in 1777 after a siege.")["1777"] == "1777"


def test_yearless_date_ahead_in_a_past_clause_stays_in_the_document_year() -> None:
    # "extended to Nov. 20" in a past-tense clause written on Oct. 27: still ahead
    assert _tags("The offer was extended to Nov. 20.")["Nov. 20"] == "2031-11-20"


def test_weekday_without_future_cue_is_in_the_past_week() -> None:
    # 2031-10-27 is a Monday; "Thursday's close" is the Thursday before
    assert _tags("Shares rose over Thursday's closing price.")["Thursday"] == "2031-10-23"


def test_history_anchors_months_on_the_narrative_year() -> None:
    text = (
        "The siege began in May 1775. In 1776 and 1777 the army crossed the river twice. "
        "The treaty of 1778 was broken in 1779. In March the fort was rebuilt."
    )
    assert _tags(text, anchor="2009-12-19")["March"] == "1779-03"


def test_history_keeps_a_later_month_in_the_narrative_year() -> None:
    # the last date named is in February 1917: "December" is that year's, not the nearer
    # December of 1916
    text = (
        "The siege began in May 1915. In 1916 and 1917 the army crossed the river. "
        "The treaty of 1917 was broken on 3 February 1917. In December the fort fell."
    )
    assert _tags(text, anchor="2009-12-19")["December"] == "1917-12"


def test_news_keeps_the_document_year_after_an_old_date() -> None:
    text = "The company, founded in 1994, reported on Monday that in March sales rose."
    assert _tags(text)["March"] == "2031-03"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # a dash range is two expressions, each with the month and year the range gives it
        ("The fair ran 22-25 April 2029.", {"22": "2029-04-22", "25 April 2029": "2029-04-25"}),
        ("The fair ran April 22-25, 2029.", {"April 22": "2029-04-22", "25, 2029": "2029-04-25"}),
        ("It ran 31 May-1 June 2029.", {"31 May": "2029-05-31", "1 June 2029": "2029-06-01"}),
        (
            "It ran December 28-January 3, 2031.",
            {"December 28": "2030-12-28", "January 3, 2031": "2031-01-03"},
        ),
        ("The Lindau war (1861-65) ended.", {"1861": "1861", "65": "1865"}),
        # "from ... to" and "between ... and" ranges: the first bare day is a date too
        ("It ran from 22 to 25 April 2029.", {"22": "2029-04-22", "25 April 2029": "2029-04-25"}),
        ("It ran between 3 and 5 May 2029.", {"3": "2029-05-03", "5 May 2029": "2029-05-05"}),
    ],
)
def test_a_dash_range_is_two_expressions(text: str, parts: dict[str, str]) -> None:
    assert _tags(text) == parts


@pytest.mark.parametrize(
    "text", ["A 3-5 vote in May.", "Call 2031-4567 now.", "Rates of 2030-35%."]
)
def test_a_dash_between_numbers_alone_is_no_range(text: str) -> None:
    assert not any(v.startswith(("2030", "2031")) and len(v) > 7 for v in _tags(text).values())


def test_both_parts_of_a_range_read_the_clause_tense() -> None:
    # the dash ends no clause: "14 July" is as past as "12" (July lies ahead of the DCT)
    parts = _tags("They met on 12\u201314 July in Lindau.", anchor="2031-03-14")
    assert parts == {"12": "2030-07-12", "14 July": "2030-07-14"}
    parts = _tags("They met from 12 to 14 July in Lindau.", anchor="2031-03-14")
    assert parts == {"12": "2030-07-12", "14 July": "2030-07-14"}


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        # TimeML writes a year before Christ as BC and four digits
        ("Lindau fell in 212 BC after a long siege.", {"212 BC": "BC0212"}),
        ("Kessel was razed in 146 B.C. by its rivals.", {"146 B.C.": "BC0146"}),
        ("The legions were lost in AD 9.", {"AD 9": "0009"}),
        ("They met in the spring of 480 BC.", {"the spring of 480 BC": "BC0480-SP"}),
        ("In August 480 BC the fleet sailed.", {"August 480 BC": "BC0480-08"}),
        ("The revolt (499-493 BC) failed.", {"499": "BC0499", "493 BC": "BC0493"}),
        ("It lasted from 264 to 241 BC.", {"264": "BC0264", "241 BC": "BC0241"}),
    ],
)
def test_years_with_an_era(text: str, parts: dict[str, str]) -> None:
    assert _tags(text) == parts


def test_a_province_after_a_year_is_no_era() -> None:
    assert _tags("The 2029 BC Hydro report was late.") == {"2029": "2029"}


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        # a count, a run word, a unit: a span
        ("Prices fell for six straight days.", "six straight days", "P6D"),
        ("For the past five trading days, stocks slid.", "the past five trading days", "P5D"),
        ("The talks lasted three full days.", "three full days", "P3D"),
        # a four-digit clock with its zone, or "at ... hours"
        ("At 0800 UTC the ferry left Velko.", "0800 UTC", "2031-10-27T08:00Z"),
        ("The convoy moved at 2130 hours.", "2130 hours", "2031-10-27T21:30"),
        # a bare plural unit after "in" or "within"
        ("Shares hit their highest level in years.", "years", "PXY"),
        ("The shelter filled within minutes.", "minutes", "PTXM"),
        # numeric dates: month first with slashes, day first with dots
        ("The deal was signed on 7/8/29.", "7/8/29", "2029-07-08"),
        ("The deal was signed on 24/8/2029.", "24/8/2029", "2029-08-24"),
        ("The deal was signed on 03.04.2029.", "03.04.2029", "2029-04-03"),
        # a year or decade without its century
        ("The index is at its lowest since '82.", "'82", "1982"),
        ("Cars of the '70s were boxy.", "'70s", "197"),
    ],
)
def test_spans_clocks_and_short_dates(text: str, extent: str, value: str) -> None:
    assert _tags(text).get(extent) == value


@pytest.mark.parametrize(
    "text",
    [
        "The pilot logged 2000 hours of flying.",  # a count of hours
        "They will arrive in days to come.",
        "Version 1.2.3 shipped with 3/4 of the fixes.",
        "The crate was labelled 40/13/2029.",  # no month 40 nor 13
    ],
)
def test_counts_and_versions_are_no_times(text: str) -> None:
    tags = _tags(text)
    assert "2000 hours" not in tags and "days" not in tags
    assert not any("/" in k or "1.2.3" in k for k in tags)


def test_a_short_year_in_a_history_takes_the_narrative_century() -> None:
    text = (
        "The siege began in May 1775. In 1776 and 1777 the army crossed the river. "
        "The treaty of 1778 was broken in 1779. The rebels held out until '81."
    )
    assert _tags(text, anchor="2009-12-19")["'81"] == "1781"


def test_a_second_before_a_noun_is_an_ordinal() -> None:
    assert _tags("Shares fell for a second consecutive day.") == {}
    assert _tags("He paused for a second and left.") == {"a second": "PT1S"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # "should"/"must be" + participle looks ahead; "should have" looks back, and advice
        # ("we should be humble") says nothing of when
        ("The sale should be completed in October.", "2031-10"),
        ("The sale must be signed by October.", "2031-10"),
        ("The sale should have closed in October.", "2030-10"),
        ("In October we should all be humble, she said.", "2030-10"),
    ],
)
def test_modal_verbs_set_the_direction_of_a_month(text: str, value: str) -> None:
    assert _tags(text, anchor="2031-06-05")["October"] == value


@pytest.mark.parametrize(
    ("text", "extent", "value"),
    [
        # after a month, "the same period" is that month a year before; after a quarter, the
        # quarter; "the same month" is a month, of the document when none was named
        (
            "Sales rose in February against the same period last year.",
            "the same period last year",
            "2030-02",
        ),
        (
            "Sales rose in the third quarter against the same period last year.",
            "the same period last year",
            "2030-Q3",
        ),
        (
            "Sales fell in January, against the same month a year ago.",
            "the same month a year ago",
            "2030-01",
        ),
        ("Sales fell against the same month last year.", "the same month last year", "2030-06"),
    ],
)
def test_the_same_period_takes_the_grain_of_the_last_named(
    text: str, extent: str, value: str
) -> None:
    assert _tags(text, anchor="2031-06-05")[extent] == value


def test_a_clock_after_a_month_falls_on_the_document_day() -> None:
    # a month is no day to put a clock on: "08:30" is of the document's day
    tags = _tags("Sales fell in January. At 08:30 UTC the market opened.", anchor="2031-06-05")
    assert tags["08:30 UTC"] == "2031-06-05T08:30Z"
