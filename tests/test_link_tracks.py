"""Tracks: measures, ordering by as_of, change / disagreement / agreement."""

from __future__ import annotations

from dataclasses import replace

from sitrep.link.entities import link_entities
from sitrep.link.tracks import build_tracks, describe, interval, measure_of, side_of
from sitrep.model import AnalyzedArticle, Track
from test_link_builders import Fig, make


def _track(arts: list[AnalyzedArticle]) -> list[Track]:
    index = link_entities(arts)
    return build_tracks(arts, story_of={a.id: "s1" for a in arts}, index=index)


def test_about_and_approximately_agree() -> None:
    a = make(
        "a",
        "Rebels hold about 460 square kilometers, the army said.",
        orgs=("the army",),
        figures=(
            Fig(
                "about 460 square kilometers",
                460,
                unit="km²",
                qualifier="approximately",
                as_of="2024-12-30",
                source="the army",
            ),
        ),
    )
    b = make(
        "b",
        "Monitors said rebels control approximately 460 square kilometers.",
        orgs=("Monitors",),
        figures=(
            Fig(
                "approximately 460 square kilometers",
                460,
                unit="km²",
                qualifier="approximately",
                as_of="2024-12-31",
                source="Monitors",
            ),
        ),
    )
    (track,) = _track([a, b])
    assert [d.kind for d in track.differences] == ["agreement"]


def test_up_to_is_a_high_estimate() -> None:
    up_to = Fig("up to 5 km", 5, unit="km", qualifier="up_to")
    fig = make("x", "They advanced up to 5 km.", figures=(up_to,)).figures[0]
    assert interval(fig) == (4.5, 5)
    art = make(
        "y",
        "They advanced up to 5 km.",
        figures=(Fig("up to 5 km", 5, unit="km", qualifier="up_to"),),
    )
    assert describe(art.figures[0]) == "up to 5 km"


def test_same_sentence_figures_not_compared() -> None:
    a = make(
        "a",
        "The ministry said it destroyed 14 drones over the border and 18 drones elsewhere.",
        orgs=("The ministry",),
        figures=(
            Fig("14 drones", 14, counts="drones", as_of="2024-08-10", source="The ministry"),
            Fig("18 drones", 18, counts="drones", as_of="2024-08-10", source="The ministry"),
        ),
    )
    assert _track([a]) == []


def test_changes_over_time_in_order() -> None:
    arts = [
        make(
            "late",
            "Rebels now hold 300 km² of land.",
            published="2024-10-01",
            figures=(Fig("300 km²", 300, unit="km²"),),
        ),
        make(
            "early",
            "Rebels seized 900 km² of land.",
            published="2024-06-01",
            figures=(Fig("900 km²", 900, unit="km²"),),
        ),
    ]
    (track,) = _track(arts)
    assert track.figures == ["early:f1", "late:f1"]
    assert [d.kind for d in track.differences] == ["change"]
    assert "900 km²" in track.differences[0].note and "300 km²" in track.differences[0].note


def test_sides_split_territory() -> None:
    assert side_of("Ukrainian-held territory shrank to 460 km²", 30) == "Ukraine"
    assert side_of("Kyiv still holds Sudzha and 500 km²", 30) == "Ukraine"
    assert side_of("Russia continues to control over 100,000 km² of Ukraine", 40) == "Russia"
    assert side_of("the land held by Ukraine totals 500 km²", 35) == "Ukraine"


def test_unrelated_distances_make_no_track() -> None:
    a = make("a", "The village lies 70 km from the city.", figures=(Fig("70 km", 70, unit="km"),))
    b = make("b", "The village lies 15 km from the border.", figures=(Fig("15 km", 15, unit="km"),))
    assert _track([a, b]) == []


# ---- measures read from the clause, and reported counts compared as counts ------------------


def _measures(text: str, *figs: Fig) -> list[str | None]:
    from sitrep.link.tracks import measure_of

    art = make("m", text, figures=figs)
    return [(found[0] if (found := measure_of(art, f)) else None) for f in art.figures]


def test_a_key_word_in_a_later_clause_does_not_name_the_measure() -> None:
    got = _measures(
        "Crews began to feed 20,000 people two weeks after the storm that killed dozens.",
        Fig("20,000 people", 20000, counts="people"),
    )
    assert got == [None]  # fed, not killed


def test_figures_of_history_recalled_join_no_track() -> None:
    arts = [
        make("a", "The flood killed 40 people.", published="2031-05-02",
             figures=(Fig("40 people", 40, counts="people", as_of="2031-05-01"),)),
        make("b", "Officials said 52 people were killed.", published="2031-05-03",
             figures=(Fig("52 people", 52, counts="people"),)),
        make("c", "The great flood killed 3,000 people in its day.", published="2031-05-03",
             figures=(Fig("3,000 people", 3000, counts="people", as_of="1931-06"),)),
    ]  # fmt: skip
    tracks = build_tracks(arts, story_of={a.id: "s1" for a in arts}, index=link_entities(arts))
    (track,) = tracks
    assert track.figures == ["a:f1", "b:f1"]  # May 2031's counts, not 1931's toll


def test_pledges_of_two_givers_neither_disagree_nor_change_into_each_other() -> None:
    arts = [
        make("a", "Norland pledged $5m in aid.", published="2031-05-02",
             figures=(Fig("$5m", 5e6, unit="USD", source="Norland"),)),
        make("b", "Vesk pledged $40m in aid.", published="2031-05-02",
             figures=(Fig("$40m", 4e7, unit="USD", source="Vesk"),)),
        make("c", "Vesk raised its aid pledge to $60m.", published="2031-05-09",
             figures=(Fig("$60m", 6e7, unit="USD", source="Vesk"),)),
    ]  # fmt: skip
    (track,) = build_tracks(arts, story_of={a.id: "s1" for a in arts}, index=link_entities(arts))
    assert track.measure == "money pledged, USD"
    assert [(d.kind, d.figures) for d in track.differences] == [("change", ["b:f1", "c:f1"])]


def test_killed_and_evacuated_in_one_sentence_are_two_measures() -> None:
    got = _measures(
        "At least four people were killed and more than 900 people had been evacuated.",
        Fig("At least four people", 4, counts="people", qualifier="at_least"),
        Fig("more than 900 people", 900, counts="people", qualifier="more_than"),
    )
    assert got == ["people killed", "people evacuated or displaced"]


def test_dead_and_missing_in_one_sentence_are_two_measures() -> None:
    got = _measures(
        "The agency said 12 people had been confirmed dead and 31 were still missing.",
        Fig("12 people", 12, counts="people"),
        Fig("31", 31),
    )
    assert got == ["people killed", "people missing"]


def test_bare_number_counts_what_its_clause_names() -> None:
    got = _measures(
        "The number of confirmed deaths has risen to 17, officials said.", Fig("17", 17)
    )
    assert got == ["people killed"]
    got = _measures(
        "The number of people forced from their homes has climbed to about 6,200.",
        Fig("about 6,200", 6200, qualifier="approximately"),
    )
    assert got == ["people evacuated or displaced"]


def test_returned_evacuees_are_not_evacuated() -> None:
    got = _measures(
        "Some 1,500 evacuees have returned to their homes, the mayor said.",
        Fig("Some 1,500 evacuees", 1500, counts="evacuees", qualifier="approximately"),
    )
    assert got == ["people returned home"]


def test_flooded_area_is_not_territory() -> None:
    got = _measures(
        "Floodwater now covers about 95 square kilometres of farmland.",
        Fig("about 95 square kilometres", 95, unit="km²", qualifier="approximately"),
    )
    assert got == ["area flooded, km²"]


def test_population_is_no_measure() -> None:
    got = _measures(
        "Lorne, a town of about 40,000 people, is cut off.",
        Fig("about 40,000 people", 40000, counts="people", qualifier="approximately"),
    )
    assert got == [None]


def test_what_a_stock_could_serve_is_no_count() -> None:
    text = (
        "Kessel holds drugs sufficient to treat 3 million people but to prevent infection "
        "in only 90,000."
    )
    got = _measures(
        text,
        Fig("3 million people", 3e6, counts="people"),
        Fig("90,000", 90000, counts="people"),
    )
    assert got == [None, None]
    # the same words without the capacity are a count of cases
    assert _measures(
        "Kessel reported infection in 90,000 people.", Fig("90,000 people", 90000, counts="people")
    ) != [None]


def _pair(text_a: str, fig_a: Fig, text_b: str, fig_b: Fig) -> list[str]:
    a = make("a", text_a, orgs=(fig_a.source or "",), figures=(fig_a,))
    b = make("b", text_b, orgs=(fig_b.source or "",), figures=(fig_b,))
    tracks = _track([a, b])
    assert len(tracks) == 1, tracks
    return [d.kind for d in tracks[0].differences]


def test_at_least_is_a_reported_count_that_disagrees() -> None:
    kinds = _pair(
        "The ministry said 16 people had died.",
        Fig("16 people", 16, counts="people", as_of="2026-01-09", source="The ministry"),
        "At least eleven people have died, the agency reported.",
        Fig(
            "At least eleven people",
            11,
            counts="people",
            qualifier="at_least",
            as_of="2026-01-09",
            source="the agency",
        ),
    )
    assert kinds == ["disagreement"]


def test_as_many_as_disagrees_with_a_lower_count() -> None:
    kinds = _pair(
        "The ministry said 25 people were dead.",
        Fig("25 people", 25, counts="people", as_of="2026-01-12", source="The ministry"),
        "The charity said as many as 44 people may have been killed.",
        Fig(
            "as many as 44 people",
            44,
            counts="people",
            qualifier="up_to",
            as_of="2026-01-12",
            source="The charity",
        ),
    )
    assert kinds == ["disagreement"]


def test_counts_on_successive_days_are_changes_not_disagreements() -> None:
    kinds = _pair(
        "More than 900 people had been evacuated, the ministry said.",
        Fig(
            "More than 900 people",
            900,
            counts="people",
            qualifier="more_than",
            as_of="2026-01-03",
            source="the ministry",
        ),
        "More than 2,400 people have been evacuated, the agency said.",
        Fig(
            "More than 2,400 people",
            2400,
            counts="people",
            qualifier="more_than",
            as_of="2026-01-05",
            source="the agency",
        ),
    )
    assert kinds == ["change"]


def test_one_source_repeated_is_no_agreement() -> None:
    a = make(
        "a",
        "At least four people were killed, the minister said.",
        figures=(
            Fig(
                "At least four people",
                4,
                counts="people",
                qualifier="at_least",
                as_of="2026-01-03",
                source="the minister",
            ),
        ),
    )
    b = make(
        "b",
        "The collapse killed at least four people, the minister said.",
        figures=(
            Fig(
                "at least four people",
                4,
                counts="people",
                qualifier="at_least",
                as_of="2026-01-03",
                source="the minister",
            ),
        ),
    )
    (track,) = _track([a, b])
    assert track.differences == []


def test_undated_article_speaks_as_of_its_dated_figures() -> None:
    dated = make(
        "x",
        "The ministry said on Saturday that 30 people were confirmed dead. "
        "The charity said as many as 52 people may have died.",
        published=None,
        figures=(
            Fig("30 people", 30, counts="people", as_of="2026-01-14", source="The ministry"),
            Fig(
                "as many as 52 people", 52, counts="people", qualifier="up_to", source="The charity"
            ),
        ),
    )
    (track,) = _track([dated])
    assert [d.kind for d in track.differences] == ["disagreement"]
    assert "30 people (ministry) vs up to 52 people (charity)" in track.differences[0].note


def _toll(doc: str, text: str, fig: str, value: float, source: str) -> AnalyzedArticle:
    return make(
        doc,
        text,
        orgs=(source,),
        places=("Lindau", "Harlow", "Kessel"),
        figures=(Fig(fig, value, counts="people", as_of="2031-03-04", source=source),),
    )


def test_tolls_in_two_places_are_two_tracks() -> None:
    arts = [
        _toll("a", "The outbreak has killed 40 people in Lindau, the agency said.", "40 people",
              40, "the agency"),
        _toll("b", "In Harlow, the fever killed 3 people, the ministry said.", "3 people", 3,
              "the ministry"),
        _toll("c", "The fever killed 42 people in Lindau and spread east, the mayor said.",
              "42 people", 42, "the mayor"),
    ]  # fmt: skip
    tracks = _track(arts)
    assert sorted(t.measure for t in tracks) == ["people killed in Lindau"]
    (lindau,) = tracks
    assert [d.kind for d in lindau.differences] == ["disagreement"]
    assert "40" in lindau.differences[0].note and "42" in lindau.differences[0].note


def test_place_the_figure_is_in_wins_over_a_nearer_one() -> None:
    arts = [
        _toll("a", "Crews from Lindau found 4 people dead in the Harlow camp, the agency said.",
              "4 people", 4, "the agency"),
        _toll("b", "The flu killed 7 people in Harlow, the ministry said.", "7 people", 7,
              "the ministry"),
        _toll("c", "The flu killed 12 people in Lindau, the mayor said.", "12 people", 12,
              "the mayor"),
        _toll("d", "The flu killed 13 people in Lindau, the governor said.", "13 people", 13,
              "the governor"),
    ]  # fmt: skip
    measures = {t.measure: t for t in _track(arts)}
    assert set(measures) == {"people killed in Harlow", "people killed in Lindau"}
    assert "4" in measures["people killed in Harlow"].differences[0].note


def test_one_place_takes_the_figures_that_name_none() -> None:
    arts = [
        _toll("a", "The storm killed 20 people in Kessel, the agency said.", "20 people", 20,
              "the agency"),
        _toll("b", "The storm killed 25 people, the ministry said.", "25 people", 25,
              "the ministry"),
    ]  # fmt: skip
    (track,) = _track(arts)
    assert track.measure == "people killed in Kessel"
    assert [d.kind for d in track.differences] == ["disagreement"]


def test_a_group_is_not_compared_with_the_whole() -> None:
    arts = [
        make("a", "The fever killed 2 children, the agency said.", orgs=("the agency",),
             figures=(Fig("2 children", 2, counts="children", as_of="2031-03-04",
                          source="the agency"),)),
        make("b", "The fever killed 12 people, the ministry said.", orgs=("the ministry",),
             figures=(Fig("12 people", 12, counts="people", as_of="2031-03-04",
                          source="the ministry"),)),
        make("c", "The fever killed 3 children, the mayor said.", orgs=("the mayor",),
             figures=(Fig("3 children", 3, counts="children", as_of="2031-03-04",
                          source="the mayor"),)),
    ]  # fmt: skip
    (track,) = _track(arts)
    notes = [d.note for d in track.differences]
    assert len(notes) == 1 and "2 children" in notes[0] and "3 children" in notes[0]


def test_a_named_group_is_not_compared_with_the_whole() -> None:
    arts = [
        _toll("a", "The quake killed 300 people in Lindau, the agency said.", "300 people", 300,
              "the agency"),
        _toll("b", "The mayor read out 12 confirmed Velkan fatalities in Lindau.",
              "12 confirmed Velkan fatalities", 12, "The mayor"),
        _toll("c", "The quake killed 340 people in Lindau, the ministry said.", "340 people", 340,
              "the ministry"),
    ]  # fmt: skip
    arts[1] = replace(arts[1], figures=[replace(arts[1].figures[0], counts="fatalities")])
    (track,) = _track(arts)
    assert [d.figures for d in track.differences if d.kind == "disagreement"] == [["a:f1", "c:f1"]]


def test_yearly_rates_join_no_track() -> None:
    arts = [
        _toll("a", "The fever killed 30 people in Lindau, the agency said.", "30 people", 30,
              "the agency"),
        _toll("b", "Ordinary fevers kill 900 people in Lindau each year, the ministry said.",
              "900 people", 900, "the ministry"),
        _toll("c", "Fevers cause 500 deaths a year in Lindau, the mayor said.", "500 deaths",
              500, "the mayor"),
    ]  # fmt: skip
    assert _track(arts) == []


def test_counts_of_more_and_earlier_values_are_no_totals() -> None:
    arts = [
        _toll("a", "The fever has killed 30 people in Lindau, the agency said.", "30 people",
              30, "the agency"),
        _toll("b", "The fever killed 12 other people in Lindau, the ministry said.",
              "12 other people", 12, "the ministry"),
        _toll("c", "Deaths in Lindau rose to 33, up from 25 people, the mayor said.",
              "25 people", 25, "the mayor"),
        _toll("d", "The fever has killed 31 people in Lindau, the governor said.", "31 people",
              31, "the governor"),
    ]  # fmt: skip
    (track,) = _track(arts)
    notes = [d.note for d in track.differences if d.kind != "change"]
    assert len(notes) == 1 and "30" in notes[0] and "31" in notes[0]


def test_figures_across_many_countries_count_worldwide() -> None:
    arts = [
        _toll("a", "The fever has killed 30 people in 12 countries, the agency said.",
              "30 people", 30, "the agency"),
        _toll("b", "The fever killed 4 people in Lindau, the ministry said.", "4 people", 4,
              "the ministry"),
        _toll("c", "The fever has killed 35 people worldwide, the mayor said.", "35 people",
              35, "the mayor"),
    ]  # fmt: skip
    (track,) = _track(arts)
    assert track.measure == "people killed worldwide"
    assert [d.kind for d in track.differences] == ["disagreement"]


def test_key_words_that_must_be_whole_words() -> None:
    # "billion" holds "bill", "deadline" holds "dead": neither says what happened
    money = [
        make(d, text, figures=(Fig(fig, v, unit="USD", as_of="2031-03-04"),))
        for d, text, fig, v in (
            ("a", "Harlow raised $2 billion in bonds last week.", "$2 billion", 2e9),
            ("b", "Kessel sold $5 billion of notes last week.", "$5 billion", 5e9),
        )
    ]
    assert _track(money) == []
    tolls = [
        _toll("a", "Talks missed the deadline as 30 people in Lindau waited, the agency said.",
              "30 people", 30, "the agency"),
        _toll("b", "The deadline passed and 45 people in Lindau left, the ministry said.",
              "45 people", 45, "the ministry"),
    ]  # fmt: skip
    assert _track(tolls) == []
    cost = [
        make(d, text, figures=(Fig(fig, v, unit="USD", as_of="2031-03-04"),))
        for d, text, fig, v in (
            ("a", "The repair bill reached $2 billion, the agency said.", "$2 billion", 2e9),
            ("b", "The flood has cost Kessel $3 billion, the mayor said.", "$3 billion", 3e9),
        )
    ]
    (track,) = _track(cost)
    assert track.measure == "cost or damage, USD"


def test_figures_naming_no_place_join_the_dominant_place() -> None:
    def arts(harlow: int) -> list[AnalyzedArticle]:
        out = [
            _toll(f"l{n}", f"The storm killed {v} people in Lindau, the agency {n} said.",
                  f"{v} people", v, f"the agency {n}")
            for n, v in enumerate((20, 22, 24))
        ]  # fmt: skip
        out += [
            _toll(f"h{n}", f"The storm killed {v} people in Harlow, the office {n} said.",
                  f"{v} people", v, f"the office {n}")
            for n, v in enumerate((3, 5)[:harlow])
        ]  # fmt: skip
        out.append(_toll("u", "The storm killed 40 people, the ministry said.", "40 people", 40,
                         "the ministry"))  # fmt: skip
        return out

    # Harlow named once: in passing; the unplaced toll is Lindau's
    measures = {t.measure: len(t.figures) for t in _track(arts(1))}
    assert measures == {"people killed in Lindau": 4}
    # Harlow named twice: two places, the unplaced toll stays apart (alone: no track)
    measures = {t.measure: len(t.figures) for t in _track(arts(2))}
    assert measures == {"people killed in Lindau": 3, "people killed in Harlow": 2}


def test_a_place_that_says_whose_or_whither_is_not_where() -> None:
    arts = [
        _toll("a", "The quake killed 300 people in Lindau, the agency said.", "300 people", 300,
              "the agency"),
        # whose: "Harlow network", "Kessel Secretary"; whither: "flown to Harlow"
        _toll("b", "Later the mayor told Harlow network RTK he believed 400 people had died.",
              "400 people", 400, "the mayor"),
        _toll("c", "Kessel Secretary Mara Velko says the quake killed 500 people.",
              "500 people", 500, "Mara Velko"),
        _toll("d", "The injured were flown to Harlow after the quake killed 450 people, the office"
              " said.",
              "450 people", 450, "the office"),
    ]  # fmt: skip
    (track,) = _track(arts)
    assert track.measure == "people killed in Lindau"
    assert len(track.figures) == 4


def test_people_in_a_state_make_their_tracks() -> None:
    arts = [
        make(d, text, orgs=(src,), places=("Lindau",),
             figures=(Fig(fig, v, counts=counts, as_of="2031-03-04", source=src),))
        for d, text, fig, v, counts, src in (
            ("a", "The flood left 40 missing in Lindau, the agency said.", "40 missing", 40,
             "missing", "the agency"),
            ("b", "The flood left 45 missing in Lindau, the mayor said.", "45 missing", 45,
             "missing", "the mayor"),
            ("c", "The flood left 12 hurt in Lindau, the agency said.", "12 hurt", 12, "hurt",
             "the agency"),
            ("d", "The flood left 15 hurt in Lindau, the mayor said.", "15 hurt", 15, "hurt",
             "the mayor"),
        )
    ]  # fmt: skip
    measures = sorted(t.measure for t in _track(arts))
    assert measures == ["people injured in Lindau", "people missing in Lindau"]


def test_a_leak_rate_in_gallons_joins_the_barrels_track_converted() -> None:
    # 5,000 barrels a day is 210,000 gallons a day: the two sources agree
    a = make(
        "a",
        "The Harlow well is leaking 5,000 barrels a day, the operator said.",
        orgs=("the operator",),
        figures=(
            Fig(
                "5,000 barrels a day",
                5000,
                unit="bbl/day",
                as_of="2031-05-03",
                source="the operator",
            ),
        ),
    )
    b = make(
        "b",
        "About 200,000 gallons a day are pouring into the bay, the coast guard said.",
        orgs=("the coast guard",),
        figures=(
            Fig(
                "About 200,000 gallons a day",
                200000,
                unit="gallon/day",
                qualifier="approximately",
                as_of="2031-05-03",
                source="the coast guard",
            ),
        ),
    )
    c = make(
        "c",
        "Scientists said the well spews up to 60,000 barrels a day.",
        orgs=("Scientists",),
        figures=(
            Fig(
                "up to 60,000 barrels a day",
                60000,
                unit="bbl/day",
                qualifier="up_to",
                as_of="2031-05-03",
                source="Scientists",
            ),
        ),
    )
    (track,) = _track([a, b, c])
    assert (track.measure, track.unit) == ("flow leaked or spilled, bbl/day", "bbl/day")
    assert sorted(track.figures) == ["a:f1", "b:f1", "c:f1"]
    kinds = {tuple(d.figures): (d.kind, d.note) for d in track.differences}
    kind, note = kinds[("a:f1", "b:f1")]
    assert kind == "agreement"
    # the converted figure keeps the words it was stated in, and shows the conversion
    assert "approximately 200,000 gallon/day, ≈approximately 4,760 bbl/day" in note
    assert kinds[("a:f1", "c:f1")][0] == "disagreement"
    assert kinds[("b:f1", "c:f1")][0] == "disagreement"


def test_the_size_of_a_thing_is_no_amount_spilled() -> None:
    got = _measures(
        "Crews lowered a 100-ton dome over the leak, and the spill has released 3,000 tons.",
        Fig("100-ton", 100, unit="t"),
        Fig("3,000 tons", 3000, unit="t"),
    )
    assert got == [None, "amount leaked or spilled, t"]


def test_a_rate_of_the_economy_makes_its_track() -> None:
    arts = [
        make("a", "The jobless rate rose to 6.1 percent in Kessel, the bureau said.",
             published="2031-09-05", orgs=("the bureau",), places=("Kessel",),
             figures=(Fig("6.1 percent", 6.1, unit="%", as_of="2031-08", source="the bureau"),)),
        make("b", "The unemployment rate in Kessel climbed to 6.5 percent, the bureau said.",
             published="2031-10-03", orgs=("the bureau",), places=("Kessel",),
             figures=(Fig("6.5 percent", 6.5, unit="%", as_of="2031-09", source="the bureau"),)),
        # a hyphenated word is not its key word: no inflation rate
        make("c", "Inflation-adjusted pay fell 1.9 percent, the bureau said.",
             published="2031-10-03", orgs=("the bureau",),
             figures=(Fig("1.9 percent", 1.9, unit="%", as_of="2031-09", source="the bureau"),)),
        make("d", "Inflation-adjusted pay fell 2.2 percent, the office said.",
             published="2031-10-04", orgs=("the office",),
             figures=(Fig("2.2 percent", 2.2, unit="%", as_of="2031-09", source="the office"),)),
    ]  # fmt: skip
    (track,) = _track(arts)
    assert track.measure == "unemployment rate in Kessel, %"
    assert [d.kind for d in track.differences] == ["change"]


def test_money_released_is_no_pledge() -> None:
    arts = [
        make("a", "Released in cinemas on Friday, the film earned $20m.", published="2031-05-02",
             figures=(Fig("$20m", 2e7, unit="USD"),)),
        make("b", "He was released on $75,000 bail.", published="2031-05-03",
             figures=(Fig("$75,000", 75000, unit="USD"),)),
    ]  # fmt: skip
    assert _track(arts) == []


def test_some_of_a_group_is_not_compared_with_the_whole() -> None:
    arts = [
        _toll("a", "The agency said 56 of its staff were injured in Lindau.", "56", 56,
              "The agency"),
        _toll("b", "The quake injured 3,000 people in Lindau, the ministry said.", "3,000 people",
              3000, "the ministry"),
        _toll("c", "The quake injured 3,400 people in Lindau, the mayor said.", "3,400 people",
              3400, "the mayor"),
    ]  # fmt: skip
    arts[0] = replace(arts[0], figures=[replace(arts[0].figures[0], counts="injured")])
    (track,) = _track(arts)
    assert [d.figures for d in track.differences if d.kind == "disagreement"] == [["b:f1", "c:f1"]]


def test_investment_funds_and_company_losses_are_no_pledges_or_costs() -> None:
    arts = [
        make("a", "Assets of hedge funds reached $1.7 trillion by June, a survey found.",
             published="2031-07-02", figures=(Fig("$1.7 trillion", 1.7e12, unit="USD"),)),
        make("b", "Donors pledged $6 billion in aid to Lindau.", published="2031-07-03",
             places=("Lindau",), figures=(Fig("$6 billion", 6e9, unit="USD"),)),
        make("c", "The lender reported a third-quarter loss of $412 million.",
             published="2031-07-04", figures=(Fig("$412 million", 4.12e8, unit="USD"),)),
        make("d", "The storm caused damage of $2 billion, the insurers said.",
             published="2031-07-05", orgs=("the insurers",),
             figures=(Fig("$2 billion", 2e9, unit="USD", source="the insurers"),)),
    ]  # fmt: skip
    measures = {f.text: measure_of(a, f) for a in arts for f in a.figures}
    # the pledge and the damage keep their measures; the fund's capital and the loss have none
    assert measures == {
        "$1.7 trillion": None,
        "$6 billion": ("money pledged, USD", "USD"),
        "$412 million": None,
        "$2 billion": ("cost or damage, USD", "USD"),
    }


def test_a_place_listed_with_others_is_no_place_of_a_toll() -> None:
    arts = [
        _toll("a", "Claims came from Lindau, Harlow and Kessel, which the crash of the ferry "
              "that killed 11 men left without a link, the agency said.", "11 men", 11,
              "the agency"),
        _toll("b", "The ferry crash killed 11 people, the ministry said.", "11 people", 11,
              "the ministry"),
    ]  # fmt: skip
    (track,) = _track(arts)
    assert track.measure == "people killed"  # not "in Kessel", the last of the list


def test_a_town_with_its_region_is_still_one_place() -> None:
    arts = [
        _toll("a", "In Kessel, Lindau, the fever killed 3 people, the agency said.", "3 people",
              3, "the agency"),
        _toll("b", "The fever killed 5 people in Lindau, the ministry said.", "5 people", 5,
              "the ministry"),
    ]  # fmt: skip
    assert [t.measure for t in _track(arts)] == ["people killed in Lindau"]


def test_men_are_soldiers_only_beside_an_army() -> None:
    rig = make("a", "The blast on the rig killed 11 men, the agency said.", orgs=("the agency",),
               figures=(Fig("11 men", 11, counts="men", as_of="2031-03-04",
                            source="the agency"),))  # fmt: skip
    front = make("b", "The brigade lost 40 men at the front, the ministry said.",
                 orgs=("the ministry",),
                 figures=(Fig("40 men", 40, counts="men", as_of="2031-03-04",
                              source="the ministry"),))  # fmt: skip
    assert measure_of(rig, rig.figures[0]) == ("people killed", None)
    assert measure_of(front, front.figures[0]) == ("soldiers killed or lost", None)


def test_an_item_of_a_total_is_compared_with_nothing() -> None:
    arts = [
        make("a", "The clean-up bill stood at $870m, the company said.", orgs=("the company",),
             figures=(Fig("$870m", 870e6, unit="USD", as_of="2031-06-01",
                          source="the company"),)),
        make("b", "The bill for the clean-up includes $25m in claims, the agency said.",
             orgs=("the agency",),
             figures=(Fig("$25m", 25e6, unit="USD", as_of="2031-06-01",
                          source="the agency"),)),
        make("c", "The clean-up cost has reached $1.2bn, the mayor said.", orgs=("the mayor",),
             figures=(Fig("$1.2bn", 1.2e9, unit="USD", as_of="2031-06-01",
                          source="the mayor"),)),
    ]  # fmt: skip
    (track,) = _track(arts)
    notes = [d.note for d in track.differences]
    assert notes and not any("25" in n for n in notes)


def test_the_size_of_a_change_is_no_total() -> None:
    arts = [
        make("a", "The firm raised its estimate of the clean-up costs by $6bn to $31bn, the "
             "firm said.", orgs=("the firm",),
             figures=(Fig("$6bn", 6e9, unit="USD", as_of="2031-06-01", source="the firm"),
                      Fig("$31bn", 31e9, unit="USD", as_of="2031-06-01", source="the firm"))),
        make("b", "The clean-up costs have reached $30bn, the agency said.", orgs=("the agency",),
             figures=(Fig("$30bn", 30e9, unit="USD", as_of="2031-06-01",
                          source="the agency"),)),
    ]  # fmt: skip
    (track,) = _track(arts)
    notes = [d.note for d in track.differences]
    assert notes and not any("6,000,000,000" in n or "$6bn" in n for n in notes), notes


def test_crew_and_staff_are_people() -> None:
    for counts in ("crew", "staff", "members"):
        art = make("a", f"The blast on the ferry killed 11 {counts}, the agency said.",
                   orgs=("the agency",),
                   figures=(Fig(f"11 {counts}", 11, counts=counts, as_of="2031-03-04",
                                source="the agency"),))  # fmt: skip
        assert measure_of(art, art.figures[0]) == ("people killed", None), counts


def test_inmates_of_a_fallen_jail_are_no_captives() -> None:
    got = _measures(
        "Up to 4,000 prisoners escaped when the Lindau jail collapsed in the quake.",
        Fig("Up to 4,000 prisoners", 4000, counts="prisoners", qualifier="up_to"),
    )
    assert got == [None]
    got = _measures(
        "Kessel's army said it had captured 120 prisoners near the front.",
        Fig("120 prisoners", 120, counts="prisoners"),
    )
    assert got == ["soldiers captured"]


def test_a_figure_with_its_own_participle_borrows_no_key_word() -> None:
    got = _measures(
        "The flood in Lindau killed 300 people, with 40,000 more affected by it.",
        Fig("300 people", 300, counts="people"),
        Fig("40,000", 40_000),
    )
    assert got == ["people killed", None]


def test_a_part_of_a_whole_takes_the_parts_verb() -> None:
    got = _measures(
        "The air force said 110 of the 130 drones launched overnight were shot down.",
        Fig("110", 110),
        Fig("130 drones", 130, counts="drones"),
    )
    assert got == ["drones destroyed", "drones launched"]
