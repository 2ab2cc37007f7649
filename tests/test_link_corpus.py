"""link_corpus end to end on an invented story shaped like the Kursk seeds (texts are ours)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitrep.config import Config
from sitrep.link import link_corpus
from sitrep.link.entities import link_entities
from sitrep.model import AnalyzedArticle, Corpus
from test_link_builders import Fig, make

PEOPLE = (
    "Ukrainian President Volodymyr Zelensky",
    "Volodymyr Zelensky",
    "Zelensky",
    "Zelenskiy",
    "Zelenskyy",
    "Gen. Oleksandr Syrskyi",
    "Syrskyi",
    "Elena Marquez",
)
ORGS = (
    "Institute for the Study of War",
    "ISW",
    "Russia's defence ministry",
    "Russian Defense Ministry",
    "Russia's Ministry of Defence",
    "the General Staff",
    "Reuters",
)
PLACES = (
    "Kursk region",
    "Kursk Oblast",
    "Kursk",
    "Sudzha",
    "Ukraine",
    "Russia",
    "Kyiv",
    "Valencia",
    "Spain",
)
GROUPS = ("Ukrainian", "Russian")


def _a(doc_id: str, text: str, **kw: object) -> AnalyzedArticle:
    return make(doc_id, text, people=PEOPLE, orgs=ORGS, places=PLACES, groups=GROUPS, **kw)  # type: ignore[arg-type]


FEB = (
    "Volodymyr Zelensky told Reuters that Ukrainian troops have advanced 2.5 km since the new "
    "push in the Kursk region began on February 6. The Institute for the Study of War (ISW) "
    "said Ukrainian units were advancing up to 5 km west of Sudzha. Ukrainian forces still hold "
    "Sudzha, the General Staff said. Zelenskyy called the push a message to Moscow."
)
JAN = (
    "Kyiv still holds Sudzha and roughly 500 square kilometers of Russian territory in the "
    "Kursk Oblast, according to the General Staff. The Russian Defense Ministry said its units "
    "repelled eight attacks near Sudzha on January 5. Zelenskiy said the operation in Kursk "
    "gives Ukraine leverage."
)
DEC = (
    "Ukrainian troops captured about 1,100 square kilometers of the Kursk region in August, "
    "Syrskyi said. By the end of December Ukraine held about 460 square kilometers there, "
    "the General Staff said. Russia's Ministry of Defence claimed its troops recaptured "
    "several villages near Sudzha."
)
AUG = (
    "Ukrainian forces crossed into Russia's Kursk region on August 6 and captured the town of "
    "Sudzha, Gen. Oleksandr Syrskyi said. Russia's defence ministry said more than 76,000 people "
    "were evacuated from the Kursk region. Zelensky said the operation would continue."
)
SPAIN = (
    "Floods hit the Spanish city of Valencia on October 29 after record rainfall, killing more "
    "than 200 people. Mayor Elena Marquez said rescue crews evacuated thousands of residents "
    "from flooded districts. Spain declared three days of mourning as the waters receded."
)


def corpus_articles() -> list[AnalyzedArticle]:
    return [
        _a(
            "feb",
            FEB,
            published="2025-02-07",
            outlet="Kyiv Wire",
            figures=(
                Fig(
                    "2.5 km",
                    2.5,
                    unit="km",
                    as_of="2025-02-07",
                    source="Volodymyr Zelensky",
                    via=["Reuters"],
                ),
                Fig(
                    "up to 5 km",
                    5,
                    unit="km",
                    qualifier="up_to",
                    as_of="2025-02-07",
                    source="The Institute for the Study of War (ISW)",
                ),
            ),
            timexes=(("February 6", "2025-02-06"),),
            controls=(("Sudzha", "Ukrainian forces", "the General Staff"),),
        ),
        _a(
            "jan",
            JAN,
            published="2025-01-06",
            figures=(
                Fig(
                    "roughly 500 square kilometers",
                    500,
                    unit="km²",
                    qualifier="approximately",
                    as_of="2025-01-06",
                    source="the General Staff",
                ),
            ),
            timexes=(("January 5", "2025-01-05"),),
            controls=(("Sudzha", "Kyiv", "the General Staff"),),
        ),
        _a(
            "dec",
            DEC,
            published="2024-12-31",
            figures=(
                Fig(
                    "about 1,100 square kilometers",
                    1100,
                    unit="km²",
                    qualifier="approximately",
                    as_of="2024-08",
                    source="Syrskyi",
                ),
                Fig(
                    "about 460 square kilometers",
                    460,
                    unit="km²",
                    qualifier="approximately",
                    as_of="2024-12-31",
                    source="the General Staff",
                ),
            ),
        ),
        _a(
            "aug",
            AUG,
            published="2024-08-07",
            figures=(
                Fig(
                    "more than 76,000 people",
                    76000,
                    counts="people",
                    qualifier="more_than",
                    as_of="2024-08-07",
                    source="Russia's defence ministry",
                ),
            ),
            timexes=(("August 6", "2024-08-06"),),
            controls=(("Sudzha", "Ukrainian forces", "Gen. Oleksandr Syrskyi"),),
        ),
        _a(
            "spain",
            SPAIN,
            published="2024-10-30",
            figures=(Fig("more than 200 people", 200, counts="people", qualifier="more_than"),),
            timexes=(("October 29", "2024-10-29"),),
        ),
        # an exact copy of "jan", published later
        _a("jan-copy", JAN, published="2025-01-07"),
    ]


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return link_corpus(corpus_articles(), config=Config())


def _entity(corpus: Corpus, name: str) -> str:
    for doc, links in corpus.mention_entities.items():
        art = next(a for a in corpus.articles if a.id == doc)
        for span, eid in links.items():
            if art.text[span[0] : span[1]] == name:
                return eid
    raise AssertionError(f"no mention {name!r}")


def test_zelensky_spellings_are_one_person(corpus: Corpus) -> None:
    ids = {_entity(corpus, n) for n in ("Zelensky", "Zelenskiy", "Zelenskyy", "Volodymyr Zelensky")}
    assert len(ids) == 1
    ent = next(e for e in corpus.entities if e.id in ids)
    assert ent.type == "person"
    assert ent.name == "Volodymyr Zelensky"


def test_defense_ministry_variants_merge(corpus: Corpus) -> None:
    names = (
        "Russia's defence ministry",
        "Russian Defense Ministry",
        "Russia's Ministry of Defence",
    )
    assert len({_entity(corpus, n) for n in names}) == 1


def test_acronym_defined_in_text_merges(corpus: Corpus) -> None:
    assert _entity(corpus, "Institute for the Study of War") == _entity(corpus, "ISW")


def test_demonym_stays_apart_from_country(corpus: Corpus) -> None:
    ukrainian, ukraine = _entity(corpus, "Ukrainian"), _entity(corpus, "Ukraine")
    assert ukrainian != ukraine
    types = {e.id: e.type for e in corpus.entities}
    assert types[ukrainian] == "group"
    assert types[ukraine] == "place"


def test_titles_stripped_and_surname_joined(corpus: Corpus) -> None:
    assert _entity(corpus, "Syrskyi") == _entity(corpus, "Gen. Oleksandr Syrskyi")
    ent = next(e for e in corpus.entities if e.id == _entity(corpus, "Syrskyi"))
    assert ent.name == "Oleksandr Syrskyi"


def test_sudzha_geocoded_and_held_by_ukraine(corpus: Corpus) -> None:
    sudzha = _entity(corpus, "Sudzha")
    ent = next(e for e in corpus.entities if e.id == sudzha)
    assert ent.geo is not None
    assert ent.geo.country == "RU"
    assert abs(ent.geo.lat - 51.19) < 0.1
    assert ent.geo.region in {"Kursk region", "Kursk Oblast"}
    ukraine = _entity(corpus, "Ukraine")
    holders = {c.holder for c in corpus.controls if c.place == sudzha}
    assert holders == {ukraine}
    assert {c.document for c in corpus.controls if c.place == sudzha} >= {"feb", "jan", "aug"}


def test_region_variants_are_one_place(corpus: Corpus) -> None:
    assert _entity(corpus, "Kursk region") == _entity(corpus, "Kursk Oblast")
    assert _entity(corpus, "Kursk region") != _entity(corpus, "Kursk")


def test_territory_track_in_order_with_changes(corpus: Corpus) -> None:
    track = next(t for t in corpus.tracks if t.measure.startswith("territory held"))
    assert "Ukraine" in track.measure
    assert track.figures == ["dec:f1", "dec:f2", "jan:f1"]
    kinds = [d.kind for d in track.differences]
    assert kinds == ["change", "change"]
    assert "1,100" in track.differences[0].note
    assert "460" in track.differences[0].note


def test_advance_disagreement_names_both_sources(corpus: Corpus) -> None:
    track = next(t for t in corpus.tracks if t.measure.startswith("advance"))
    (diff,) = [d for d in track.differences if d.kind == "disagreement"]
    assert set(diff.figures) == {"feb:f1", "feb:f2"}
    assert "2.5 km (Zelensky, via Reuters)" in diff.note
    assert "up to 5 km (ISW)" in diff.note


def test_exact_duplicate_points_to_earliest(corpus: Corpus) -> None:
    assert [(d.document, d.duplicate_of) for d in corpus.duplicates] == [("jan-copy", "jan")]
    assert corpus.story_of["jan-copy"] == corpus.story_of["jan"]


def test_unrelated_story_split(corpus: Corpus) -> None:
    kursk = {corpus.story_of[d] for d in ("feb", "jan", "dec", "aug")}
    assert len(kursk) == 1
    assert corpus.story_of["spain"] not in kursk
    assert sorted(corpus.story_of) == sorted(a.id for a in corpus.articles)
    label = next(s.label for s in corpus.stories if s.id in kursk)
    assert "Sudzha" in label or "Kursk" in label


def test_events_timeline_brief(corpus: Corpus) -> None:
    dates = [e.date.date or "" for e in corpus.events]
    assert "2024-08-06" in dates
    assert dates == sorted(dates)
    assert all(e.id == f"v{n}" for n, e in enumerate(corpus.events, start=1))
    assert [t.date for t in corpus.timeline] == sorted(t.date for t in corpus.timeline)
    assert "jan-copy" not in {ev.document for t in corpus.timeline for ev in t.evidence}
    assert 1 <= len(corpus.brief) <= 10
    assert any("disagree" in s and "ISW" in s for s in corpus.brief)


def test_claim_sources_linked_to_entities(corpus: Corpus) -> None:
    feb = next(a for a in corpus.articles if a.id == "feb")
    src = feb.claims[0].source
    assert src is not None
    assert src.entity == _entity(corpus, "Zelensky")


def test_entity_ids_ordered_by_mentions(corpus: Corpus) -> None:
    keys = [(-e.mentions, e.name) for e in corpus.entities]
    assert keys == sorted(keys)
    assert [e.id for e in corpus.entities] == [f"e{n}" for n in range(1, len(keys) + 1)]


# ---- events, timeline, brief on hand-made articles -----------------------------------------


def _dated(
    doc_id: str, text: str, published: str, timexes: tuple[tuple[str, str], ...]
) -> AnalyzedArticle:
    return make(doc_id, text, published=published, timexes=timexes)


def test_events_need_no_verb_list_but_skip_bare_dates() -> None:
    from sitrep.link.events import event_reports

    art = _dated(
        "a",
        "Water levels climbed to a record on March 6. 6 March 2026. The levee was patched.",
        "2026-03-07",
        (("March 6", "2026-03-06"), ("6 March 2026", "2026-03-06")),
    )
    reps = event_reports(art)
    assert [r.text for r in reps] == ["Water levels climbed to a record on March 6."]


def test_a_wire_head_dates_the_writing_not_an_event() -> None:
    from sitrep.link.events import event_reports

    head = "By Ann Lee, Health Editor GENEVA | Tue Apr 21, 2031 10:19 pm BST GENEVA (Reuters) - "
    art = _dated(
        "a",
        head + "The agency said 40 new cases were found on Monday. "
        "MANILA | Wed Apr 22, 2031 9:00 am BST MANILA (Reuters) -",
        "2031-04-21",
        (
            ("Tue Apr 21, 2031", "2031-04-21"),
            ("Monday", "2031-04-20"),
            ("Wed Apr 22, 2031", "2031-04-22"),
        ),
    )
    reps = event_reports(art)
    # the head is cut off; the sentence is dated by what it reports; the bare stamp is no event
    late = _dated(
        "b",
        "Pumps arrive LINDAU, April 23 (Reuters) - Crews pumped the cellars dry on Wednesday.",
        "2031-04-23",
        (("April 23", "2031-04-23"), ("Wednesday", "2031-04-23")),
    )
    assert [r.text for r in event_reports(late)] == ["Crews pumped the cellars dry on Wednesday."]
    photo = _dated(
        "c",
        "Photograph: Ann Lee/AP Divers reached the wreck of the ferry on Thursday.",
        "2031-04-25",
        (("Thursday", "2031-04-24"),),
    )
    assert [r.text for r in event_reports(photo)] == [
        "Divers reached the wreck of the ferry on Thursday."
    ]
    assert [(r.text, r.date.date) for r in reps] == [
        ("The agency said 40 new cases were found on Monday.", "2031-04-20")
    ]


def test_future_plans_are_not_events() -> None:
    from dataclasses import replace

    from sitrep.link.events import event_reports

    art = _dated(
        "a", "Schools will reopen on March 23.", "2026-03-16", (("March 23", "2026-03-23"),)
    )
    art = replace(art, timexes=[replace(t, tense="future") for t in art.timexes])
    assert event_reports(art) == []


def test_background_history_is_marked_and_left_out_of_the_brief() -> None:
    from sitrep.link.events import is_background

    art = _dated(
        "a",
        "The region was annexed in March 1998. Rescuers reached the village on May 2.",
        "2026-05-03",
        (("March 1998", "1998-03"), ("May 2", "2026-05-02")),
    )
    assert is_background(art, art.timexes[0].resolved)  # type: ignore[arg-type]
    assert not is_background(art, art.timexes[1].resolved)  # type: ignore[arg-type]
    corpus = link_corpus([art], config=Config())
    assert not any("1998" in s for s in corpus.brief)
    assert any("Rescuers reached the village" in s for s in corpus.brief)


def test_timeline_ranks_dates_by_support_and_strips_datelines() -> None:
    from sitrep.link.events import build_events
    from sitrep.link.timeline import build_timeline

    arts = [
        _dated(
            "a",
            "HARLOW, April 2 (Wire) — The levee near Harlow failed on 2 April after heavy rain.",
            "2026-04-02",
            (("April 2", "2026-04-02"), ("2 April", "2026-04-02")),
        ),
        _dated(
            "b",
            "The Harlow levee failed on April 2, flooding farms. A road reopened on April 5.",
            "2026-04-06",
            (("April 2", "2026-04-02"), ("April 5", "2026-04-05")),
        ),
    ]
    events = build_events(arts)
    index = link_entities(arts)
    (top,) = build_timeline(events, arts, index=index, max_dates=1)
    assert top.date == "2026-04-02"
    assert top.summary[0].startswith("The levee near Harlow failed")
    assert len(top.summary) == 1  # the second report repeats the first
    assert {e.document for e in top.evidence} == {"a", "b"}


def test_a_page_stamp_summarises_no_date() -> None:
    from sitrep.link.events import build_events
    from sitrep.link.timeline import build_timeline, says_something, strip_dateline

    stamp = "HARLOW | Tue Apr 2 , 2030 6:06 am GMT HARLOW (Wire)"
    assert strip_dateline(stamp + " - The levee failed.") == "The levee failed."
    paper = "Wednesday, April 2, 2030; 10:13 AM The agency told the mayor late Tuesday."
    assert strip_dateline(paper) == "The agency told the mayor late Tuesday."
    assert not says_something(stamp) and says_something("More than 40 people died.")
    arts = [
        _dated("a", stamp + "\nThe mayor spoke on 3 April.", "2030-04-03",
               (("Apr 2 , 2030", "2030-04-02"), ("3 April", "2030-04-03"))),
        _dated("b", stamp + "\nShops reopened.", "2030-04-04", (("Apr 2 , 2030", "2030-04-02"),)),
    ]  # fmt: skip
    events = build_events(arts)
    timeline = build_timeline(events, arts, index=link_entities(arts))
    assert [t.date for t in timeline] == ["2030-04-03"]  # the stamps' day has nothing to say


def test_brief_has_at_most_ten_sentences_and_names_who_disagrees(corpus: Corpus) -> None:
    assert 1 <= len(corpus.brief) <= 10
    dispute = next(s for s in corpus.brief if s.startswith("Sources disagree"))
    assert "Zelensky" in dispute and "ISW" in dispute
    assert not any("Valencia" in s for s in corpus.brief)  # not the main story


def test_an_organisation_held_is_no_control() -> None:
    # "Harlow Motors" is a company in both articles: its owner holds no ground
    text = "Harlow Motors is held by Kessel Group, the filing said. Harlow Motors shares rose."
    arts = [
        make("a", text, orgs=("Harlow Motors", "Kessel Group"),
             controls=(("Harlow Motors", "Kessel Group", None),)),
        make("b", "Rebels hold Lindau, the army said.", places=("Lindau",),
             controls=(("Lindau", "Rebels", "the army"),)),
    ]  # fmt: skip
    corpus = link_corpus(arts, config=Config())
    names = {e.id: e.name for e in corpus.entities}
    assert [names[c.place] for c in corpus.controls] == ["Lindau"]


def test_a_reported_line_summarises_a_date_before_a_readers_own_voice() -> None:
    from sitrep.link.common import in_own_voice
    from sitrep.link.events import build_events
    from sitrep.link.timeline import build_timeline

    assert in_own_voice("I called the helpline twice on Tuesday and nobody answered.")
    assert in_own_voice("Should we all stay at home this week?")
    assert in_own_voice("At 8:17 pm on 3 Apr 2030 , Mara Velko wrote : the dam is fine .")
    assert not in_own_voice('"We will rebuild the levee," the mayor of Harlow said on Monday.')
    assert not in_own_voice("The US sent 40 engineers to Harlow on 3 April.")  # "US" is no "us"
    assert not in_own_voice("The Harlow levee was built after World War I by Kessel engineers.")
    assert in_own_voice("After the flood I moved to Lindau.")
    comment = "I watched the levee near Harlow fail on 3 April from my window."
    news = "The levee near Harlow failed on 3 April after a week of rain, officials said."
    day = (("3 April", "2030-04-03"),)
    arts = [
        _dated("a", comment, "2030-04-03", day),
        _dated("b", comment, "2030-04-04", day),
        _dated("c", news, "2030-04-04", day),
    ]
    (entry,) = build_timeline(build_events(arts), arts, index=link_entities(arts), per_date=1)
    # the comment is in two documents, the report in one: the report still comes first
    assert entry.summary == [news]


def test_brief_follows_one_giver_of_a_pledge_track() -> None:
    arts = [
        make("a", "Norland pledged $5m in aid.", published="2031-05-02", orgs=("Norland",),
             figures=(Fig("$5m", 5e6, unit="USD", source="Norland"),)),
        make("b", "Vesk pledged $40m in aid.", published="2031-05-03", orgs=("Vesk",),
             figures=(Fig("$40m", 4e7, unit="USD", source="Vesk"),)),
        make("c", "Vesk raised its aid pledge to $60m.", published="2031-05-09", orgs=("Vesk",),
             figures=(Fig("$60m", 6e7, unit="USD", source="Vesk"),)),
    ]  # fmt: skip
    corpus = link_corpus(arts, config=Config())
    (line,) = [s for s in corpus.brief if s.startswith("Money pledged")]
    assert "60,000,000 USD (Vesk)" in line and "after 40,000,000 USD" in line  # not Norland's 5m


def test_brief_follows_no_track_of_figures_that_name_no_place_beside_placed_ones() -> None:
    def cases(doc: str, text: str, fig: Fig, day: str, places: tuple[str, ...]) -> AnalyzedArticle:
        return make(doc, text, published=day, orgs=(fig.source or "",), places=places,
                    figures=(fig,))  # fmt: skip

    arts = [
        cases("a", "Lindau has 2 cases, the agency said.",
              Fig("2 cases", 2, counts="cases", source="the agency"), "2031-03-04", ("Lindau",)),
        cases("b", "Lindau has 9 cases, the agency said.",
              Fig("9 cases", 9, counts="cases", source="the agency"), "2031-03-09", ("Lindau",)),
        cases("c", "Kessel has 5 cases, the agency said.",
              Fig("5 cases", 5, counts="cases", source="the agency"), "2031-03-05", ("Kessel",)),
        cases("d", "Kessel has 8 cases, the agency said.",
              Fig("8 cases", 8, counts="cases", source="the agency"), "2031-03-10", ("Kessel",)),
        # no place: one town's, another's or the world's, the texts do not say
        cases("e", "Officials have confirmed 3 cases, the agency said.",
              Fig("3 cases", 3, counts="cases", source="the agency"), "2031-03-06", ()),
        cases("f", "There are now 7,000 cases, the agency said.",
              Fig("7,000 cases", 7000, counts="cases", source="the agency"), "2031-03-12", ()),
        cases("g", "There are now 9,000 cases, the agency said.",
              Fig("9,000 cases", 9000, counts="cases", source="the agency"), "2031-03-14", ()),
        cases("h", "Officials have confirmed 40 cases, the ministry said.",
              Fig("40 cases", 40, counts="cases", source="the ministry"), "2031-03-06", ()),
    ]  # fmt: skip
    corpus = link_corpus(arts, config=Config())
    measures = {t.measure for t in corpus.tracks}
    assert {"cases", "cases in Lindau", "cases in Kessel"} <= measures
    trends = [s for s in corpus.brief if " as of " in s and ", after " in s]
    assert trends and not any(s.startswith("Cases:") for s in trends)
    assert not any(s.startswith("Sources disagree on cases:") for s in corpus.brief)


def test_brief_takes_no_trend_from_two_figures_of_one_day() -> None:
    several = Fig("several cases", None, counts="cases", qualifier="vague", as_of="2031-03-01",
                  source="the agency")  # fmt: skip
    arts = [
        make("a", "Kessel has several cases, the agency said.", published="2031-03-01",
             places=("Kessel",), orgs=("the agency",), figures=(several,)),
        make("b", "Kessel reported 26 cases. Later Kessel counted 23 cases.",
             published="2031-03-04", places=("Kessel",),
             figures=(Fig("26 cases", 26, counts="cases", as_of="2031-03-04"),
                      Fig("23 cases", 23, counts="cases", as_of="2031-03-04"))),
    ]  # fmt: skip
    vague = replace(arts[0].figures[0], low=3.0, high=9.0)  # as extraction reads it
    arts[0] = replace(arts[0], figures=[vague])
    corpus = link_corpus(arts, config=Config())
    (track,) = corpus.tracks
    assert "change" in [d.kind for d in track.differences]
    # its two totals are of one day: no trend from 26 to 23
    assert not any(s.startswith("Cases in Kessel") for s in corpus.brief)


def test_brief_names_a_dispute_between_totals_before_a_vague_one() -> None:
    def toll(doc: str, text: str, fig: Fig, day: str) -> AnalyzedArticle:
        return make(doc, text, published=day, orgs=(fig.source or "",), places=("Lindau",),
                    figures=(fig,))  # fmt: skip

    arts = [
        toll("a", "The flood killed 40 people in Lindau, the agency said.",
             Fig("40 people", 40, counts="people", as_of="2031-03-04", source="the agency"),
             "2031-03-04"),
        toll("b", "The flood killed 90 people in Lindau, the mayor said.",
             Fig("90 people", 90, counts="people", as_of="2031-03-04", source="the mayor"),
             "2031-03-04"),
        toll("c", "The flood killed 70 people in Lindau, the ministry said.",
             Fig("70 people", 70, counts="people", as_of="2031-03-06", source="the ministry"),
             "2031-03-06"),
        toll("d", "The flood killed thousands of people in Lindau, the blogger said.",
             Fig("thousands of people", None, counts="people", qualifier="vague",
                 as_of="2031-03-06", source="the blogger"),
             "2031-03-06"),
    ]  # fmt: skip
    vague = replace(arts[3].figures[0], low=2000.0, high=9999.0)  # as extraction reads it
    arts[3] = replace(arts[3], figures=[vague])
    corpus = link_corpus(arts, config=Config())
    (line,) = [s for s in corpus.brief if s.startswith("Sources disagree")]
    assert "40 people" in line and "90 people" in line and "thousands" not in line


def test_a_sentence_dated_only_by_now_is_no_event_of_the_brief() -> None:
    from sitrep.model import DateRange, Timex

    comment = "The harbour crisis now demands a response from every party in Lindau."
    arts = [
        _dated("a", "The levee near Lindau failed on April 2, the agency said.", "2031-04-03",
               (("April 2", "2031-04-02"),)),
        make("b", comment, published="2031-04-05", places=("Lindau",)),
        make("c", comment, published="2031-04-05", places=("Lindau",)),
    ]  # fmt: skip
    for k in (1, 2):
        at = comment.index("now")
        now = Timex(span=(at, at + 3), text="now", type="DATE", value="PRESENT_REF",
                    resolved=DateRange(date="2031-04-05", earliest="2031-04-05",
                                       latest="2031-04-05"))  # fmt: skip
        arts[k] = replace(arts[k], timexes=[now])
    corpus = link_corpus(arts, config=Config())
    assert any("levee" in s for s in corpus.brief)
    assert not any("demands a response" in s for s in corpus.brief)
    # a recurrence beside "now" dates nothing either: "each day now"
    daily = "Each day now, the harbour crisis demands more of every party in Lindau."
    at = daily.index("now")
    now = Timex(span=(at, at + 3), text="now", type="DATE", value="PRESENT_REF",
                resolved=DateRange(date="2031-04-05", earliest="2031-04-05",
                                   latest="2031-04-05"))  # fmt: skip
    each = Timex(span=(0, 8), text="Each day", type="SET", value="P1D")
    for k, doc_id in ((1, "b"), (2, "c")):
        arts[k] = replace(make(doc_id, daily, published="2031-04-05", places=("Lindau",)),
                          timexes=[each, now])  # fmt: skip
    corpus = link_corpus(arts, config=Config())
    assert not any("demands more" in s for s in corpus.brief)


def test_a_question_or_a_reader_in_the_first_person_is_no_event_of_the_brief() -> None:
    lines = [
        "I phoned the helpline on April 4 because my son had been to Lindau.",
        "Who remembers the crowds in Lindau on April 4 in the first seconds of this clip?",
    ]
    for line in lines:
        arts = [
            _dated("a", "The levee near Lindau failed on April 2, the agency said.",
                   "2031-04-03", (("April 2", "2031-04-02"),)),
            _dated("b", line, "2031-04-05", (("April 4", "2031-04-04"),)),
            _dated("c", line, "2031-04-05", (("April 4", "2031-04-04"),)),
        ]  # fmt: skip
        corpus = link_corpus(arts, config=Config())
        assert any("levee" in s for s in corpus.brief)
        assert not any("April 4" in s or "2031-04-04" in s for s in corpus.brief), line


def test_a_timeline_date_leads_with_an_event_before_a_comment_dated_by_now() -> None:
    from sitrep.link.events import build_events
    from sitrep.link.timeline import build_timeline
    from sitrep.model import DateRange, Timex

    comment = "The harbour crisis now demands a response from every party."
    arts = [
        _dated("a", "The mayor reopened the Lindau bridge on April 5.", "2031-04-05",
               (("April 5", "2031-04-05"),)),
        make("b", comment, published="2031-04-05"),
        make("c", comment, published="2031-04-05"),
    ]  # fmt: skip
    at = comment.index("now")
    now = Timex(span=(at, at + 3), text="now", type="DATE", value="PRESENT_REF",
                resolved=DateRange(date="2031-04-05", earliest="2031-04-05",
                                   latest="2031-04-05"))  # fmt: skip
    arts[1] = replace(arts[1], timexes=[now])
    arts[2] = replace(arts[2], timexes=[now])
    (entry,) = build_timeline(build_events(arts), arts, index=link_entities(arts))
    assert entry.summary[0].startswith("The mayor reopened")


def test_a_timeline_source_is_never_a_bare_pronoun() -> None:
    from sitrep.link.events import build_events
    from sitrep.link.timeline import build_timeline

    arts = [
        make("a", "We counted 40 people dead in Lindau on April 2.", published="2031-04-03",
             outlet="Lindau Post", places=("Lindau",), timexes=(("April 2", "2031-04-02"),),
             figures=(Fig("40 people", 40, counts="people", as_of="2031-04-02", source="We"),)),
    ]  # fmt: skip
    events = build_events(arts)
    assert any(ev.claims for ev in events)  # the claim is the event's: its source is "We"
    (entry,) = build_timeline(events, arts, index=link_entities(arts))
    assert entry.sources == ["Lindau Post"]


def test_a_date_inside_a_clause_dates_the_clause_not_the_sentence() -> None:
    import dataclasses

    from sitrep.link.events import event_reports

    text = (
        "The mayor praised the crews, who reopened the bridge at Lindau on March 6. "
        "On March 8 police arrested 11 people near the Velko dam."
    )
    art = _dated("a", text, "2026-03-09", (("March 6", "2026-03-06"), ("March 8", "2026-03-08")))
    clause = text.index("who reopened")
    opener = text.index("On March 8")
    scopes = [(clause, text.index(" on March 6") + len(" on March 6")), (opener, len(text) - 1)]
    art.timexes = [
        dataclasses.replace(t, scope=s) for t, s in zip(art.timexes, scopes, strict=True)
    ]
    # the praise is not of March 6; a clause that opens its sentence dates it
    assert [r.text for r in event_reports(art)] == [
        "On March 8 police arrested 11 people near the Velko dam."
    ]
