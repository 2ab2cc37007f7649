"""Publication dates from datelines, counts and the rest of the corpus (invented texts)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sitrep.model import AnalyzedArticle, PublishedDate, Sentence
from sitrep.time.corpusdate import refine_with_corpus
from sitrep.time.eventindex import EventIndex
from sitrep.time.extract import extract_timexes
from sitrep.time.normalize import anchor_date, anchor_timexes
from sitrep.time.pubdate import close_range, infer_from_content
from sitrep.time.timex import sentence_spans

TODAY = date(2031, 11, 20)


def _infer(text: str, **kw: object) -> PublishedDate:
    spans = sentence_spans(text)
    return infer_from_content(text, extract_timexes(text, spans), spans, today=TODAY, **kw)  # type: ignore[arg-type]


def _meta(day: str) -> PublishedDate:
    return PublishedDate(date=day, earliest=day, latest=day, method="metadata", confidence=0.95)


def _article(aid: str, text: str, published: PublishedDate | None = None) -> AnalyzedArticle:
    spans = sentence_spans(text)
    pub = published or close_range(_infer(text), reference=None, today=TODAY)
    dct = anchor_date(pub.date, pub.earliest, pub.latest)
    return AnalyzedArticle(
        id=aid, source=f"{aid}.txt", title=None, outlet=None, author=None, url=None,
        language="en", credits=[], published=pub, text=text, removed=[],
        sentences=[Sentence(span=s) for s in spans],
        timexes=anchor_timexes(extract_timexes(text, spans), dct=dct),
    )  # fmt: skip


def test_dateline_with_year_is_the_publication_day() -> None:
    p = _infer("*The Valley Courier — May 4, 2031*\nThe levee broke on Tuesday afternoon.")
    assert (p.date, p.method) == ("2031-05-04", "content")
    assert p.evidence[0].startswith("dateline:")


def test_yearless_dateline_takes_its_year_from_the_weekday() -> None:
    # 10 May 2031 is a Saturday; so was 10 May 2025 and 2014: the latest before today wins
    p = _infer("Saturday, May 10. A week after the levee broke, the shelter is full.")
    assert (p.earliest, p.latest) == ("2031-05-10", "2031-05-10")


def test_count_from_a_dated_event_and_weekday_fix_the_day() -> None:
    # May 3 + 6 days = May 9, a Friday in 2031 (and 2025, 2014): the weekday checks the count
    p = _infer("On Friday, six days after the levee broke on May 3, the town was still cut off.")
    assert p.earliest == "2031-05-09"
    assert p.latest is not None and p.latest <= "2031-05-11"


def test_open_range_is_closed_by_today_or_the_reference() -> None:
    p = _infer("The dispute, which began in February 2022, has dragged on for six days.")
    assert (p.earliest, p.latest) == ("2022-02-01", None)
    closed = close_range(p, reference=None, today=TODAY)
    assert (closed.earliest, closed.latest) == ("2022-02-01", "2031-11-20")
    assert close_range(p, reference="2030-01-01").latest == "2030-01-01"


def test_event_index_dates_an_event_named_without_a_date() -> None:
    dated = _article(
        "wire",
        "The Harlow Levee on the Brisk River collapsed on Tuesday after a week of rain.",
        _meta("2031-05-06"),  # a Tuesday
    )
    other = _article("misc", "Prices rose on Friday at the market in Harlow.", _meta("2031-05-09"))
    index = EventIndex([dated, other])
    assert index.lookup("the Harlow Levee gave way") == (date(2031, 5, 6), date(2031, 5, 6))
    assert index.lookup("the market closed") is None  # one common word is no evidence
    assert index.lookup("the Harlow Levee gave way", exclude="wire") is None


def test_refine_dates_a_reference_to_an_event_told_elsewhere() -> None:
    dated = _article(
        "wire",
        "The Harlow Levee on the Brisk River collapsed on Tuesday after a week of rain.",
        _meta("2031-05-06"),
    )
    text = "A convoy reached Harlow on Thursday, more than a week after the Harlow Levee gave way."
    undated = _article("convoy", text)
    assert undated.published.earliest is None  # alone, nothing fixes the day
    changed = refine_with_corpus([dated, undated], today=TODAY)
    assert set(changed) == {"convoy"}
    # after May 13 and on a Thursday: May 15, published within two days
    assert changed["convoy"].earliest == "2031-05-15"
    assert changed["convoy"].latest is not None and changed["convoy"].latest <= "2031-05-17"
    assert changed["convoy"].method == "corpus"


def test_a_date_every_article_repeats_is_the_origin_not_the_day_of_writing() -> None:
    origin = "The singer died on 25 June 2029."
    articles = [
        _article(
            f"a{i}", f"{origin} Fans gathered on Sunday in town {i}.", _meta(f"2030-0{i}-1{i}")
        )
        for i in range(1, 4)
    ]
    late = _article("late", f"{origin} On Monday the court met again.")
    changed = refine_with_corpus([*articles, late], today=TODAY)
    p = changed.get("late", late.published)
    assert p.earliest is not None and p.latest is not None
    assert p.latest > "2029-07-31"  # not "published within days of 25 June 2029"


_DAYS = {
    "d1": ("2031-03-02", "Engineers found a crack in the Harlow reservoir dam wall. The water "
           "board closed the footpath over the spillway and called in inspectors."),
    "d5": ("2031-03-06", "Police evacuated 3,400 residents of Millbrook as water seeped through "
           "the cracked Harlow dam. Buses took families to the Kessel sports hall shelter."),
    "d9": ("2031-03-10", "Repair crews poured concrete into the Harlow dam breach overnight, and "
           "the water board said pumps had lowered the reservoir by two metres."),
}  # fmt: skip


def _dated_story() -> list[AnalyzedArticle]:
    return [_article(aid, text, _meta(day)) for aid, (day, text) in _DAYS.items()]


def test_an_undated_article_takes_the_day_of_the_article_it_reads_like() -> None:
    undated = _article(
        "u",
        "Some 3,400 Millbrook residents were evacuated by police, and buses carried the "
        "families to a shelter in the Kessel sports hall as the cracked dam seeped.",
    )
    assert undated.published.date is None
    changed = refine_with_corpus([*_dated_story(), undated], today=TODAY)
    p = changed["u"]
    assert (p.date, p.method) == ("2031-03-06", "corpus")
    assert p.earliest is not None and p.latest is not None
    assert p.earliest < p.date < p.latest  # an honest range around the voted day
    assert p.evidence[0].startswith("reads like d5 ")
    assert 0 < p.confidence <= 0.3


def test_an_article_unlike_any_dated_one_keeps_its_date() -> None:
    other = _article("o", "The orchestra rehearsed a new symphony in the old opera house.")
    assert "o" not in refine_with_corpus([*_dated_story(), other], today=TODAY)


def test_neighbours_never_date_an_article_before_a_year_it_names() -> None:
    later = _article(
        "l",
        "Repair crews who poured concrete into the Harlow dam breach in 2032 said the water "
        "board had lowered the reservoir by two metres.",
    )
    p = refine_with_corpus([*_dated_story(), later], today=TODAY).get("l")
    assert p is None or p.date is None or p.date >= "2032"


def test_neighbours_outvote_a_week_guessed_from_the_latest_mention() -> None:
    twin = _article(
        "d9b",
        "Concrete was poured into the breach of the Harlow dam by repair crews overnight; pumps "
        "lowered the reservoir two metres, the water board said.",
        _meta("2031-03-10"),
    )
    undated = _article(
        "u",
        "Repair crews poured concrete into the Harlow dam breach, found on 2 March 2031, and "
        "pumps lowered the reservoir by two metres, the water board said.",
    )
    # alone, the latest date it names starts a week-long guess
    assert (undated.published.earliest, undated.published.date) == ("2031-03-02", None)
    p = refine_with_corpus([*_dated_story(), twin, undated], today=TODAY)["u"]
    assert (p.date, p.method) == ("2031-03-10", "corpus")


def test_a_day_years_before_the_rest_of_the_story_is_only_a_lower_bound() -> None:
    # alone, the article reads its latest mention as news: published within days of it
    history = _article("h", "That tour ended on May 10, 1940. On Monday the orchestra met again.")
    assert (history.published.earliest, history.published.latest) == ("1940-05-10", "1940-05-16")
    p = refine_with_corpus([*_dated_story(), history], today=TODAY)["h"]
    assert (p.date, p.earliest, p.latest) == (None, "1940-05-10", None)
    assert "lower bound" in p.evidence[-1]


def test_in_a_corpus_of_undated_articles_one_dated_by_its_text_lends_its_day() -> None:
    # dated within days by its own text (a weekday with a month-day, the year corroborated),
    # not outright: no article of the corpus states its date
    within_days = PublishedDate(
        date=None, earliest="2031-03-06", latest="2031-03-08", method="content", confidence=0.6
    )
    dated = _article(
        "w",
        "Police evacuated 3,400 residents of Millbrook on Thursday, March 6, as water "
        "seeped through the cracked Harlow dam; buses took families to the Kessel shelter.",
        within_days,
    )
    undated = _article(
        "u",
        "Some 3,400 Millbrook residents were evacuated by police, and buses carried the "
        "families to the Kessel shelter as the cracked Harlow dam seeped.",
    )
    p = refine_with_corpus([dated, undated], today=TODAY)["u"]
    assert (p.date, p.method) == ("2031-03-07", "corpus")
    assert p.evidence[0].startswith("reads like w (published 2031-03-06..2031-03-08;")
    # a year only guessed from the weekday lends nothing
    guessed = replace(within_days, confidence=0.5)
    assert "u" not in refine_with_corpus([_article("w", dated.text, guessed), undated], today=TODAY)


def test_a_print_edition_line_dates_the_page_to_that_day_or_the_day_before() -> None:
    p = _infer(
        "The levee held overnight.\nThis article appeared on p12 of the News section of the "
        "Valley Courier on 01.20 BST on Friday 9 May 2031."
    )
    assert (p.earliest, p.latest, p.method) == ("2031-05-08", "2031-05-09", "content")
    assert p.confidence >= 0.8 and p.evidence[0].startswith("print: This article appeared")
    q = _infer("A version of this article appears in print on May 9, 2031, on page A1.")
    assert (q.earliest, q.latest) == ("2031-05-08", "2031-05-09")
    # an undated line is no print edition
    assert _infer("This article appeared on our website first.").earliest is None


def test_a_count_since_an_event_dates_the_writing() -> None:
    p = _infer(
        "In the 20 days since the levee broke on March 3, 2031, crews have moved 4,000 people."
    )
    assert (p.earliest, p.latest) == ("2031-03-23", "2031-03-23")
    # "after" places a past event, not the time of writing
    q = _infer("The town flooded again 20 days after the levee broke on March 3, 2031.")
    assert q.earliest == "2031-03-23" and q.latest is not None and q.latest > "2031-03-23"


def test_a_last_updated_stamp_at_the_head_is_the_dateline() -> None:
    # the page's head line and first paragraph arrive as one line
    p = _infer(
        "5 May 2031 Last updated at 07:12 GMT Help Engineers have begun to pump water out of "
        "the Harlow reservoir."
    )
    assert (p.date, p.confidence) == ("2031-05-05", 0.8)


def test_a_clock_and_date_stamp_after_a_byline_is_the_dateline() -> None:
    p = _infer("Ann Lee | 18:00 UK time, Saturday, 26 April 2031 Engineers fear for the dam.")
    assert (p.date, p.confidence) == ("2031-04-26", 0.8)
    q = _infer("Page last updated at 09:14 GMT, Tuesday, 6 May 2031 The dam held overnight.")
    assert q.date == "2031-05-06"
    # a clause that opens with a clock and a date is narrative, not a stamp
    r = _infer("At 11:02 a.m. on August 9, 2030, the dam broke and the valley flooded.")
    assert r.confidence < 0.8 and r.date is None


def test_blog_byline_stamps_and_the_first_reader_comment() -> None:
    body = "\n".join(f"The council met again on the dam, for the {n}th time." for n in range(8))
    p = _infer(f"{body}\nBy Ann Lee | June 17, 2031; 2:46 PM ET | Permalink\nThe vote is on.")
    assert (p.date, p.evidence[0]) == (
        "2031-06-17",
        "byline: By Ann Lee | June 17, 2031; 2:46 PM ET",
    )
    comments = (
        f"{body}\nThe dam held through the night, the water board said.\n"
        "Great work. Posted by: earl | September 24, 2031 3:51 PM | Report abuse\n"
        "Thanks. Posted by: bob | September 23, 2031 9:10 AM | Report abuse"
    )
    q = _infer(comments)
    # published on the day of the first comment or just before: an honest two-day range
    assert (q.earliest, q.latest, q.confidence) == ("2031-09-22", "2031-09-23", 0.6)


def test_a_date_stamped_with_a_clock_anywhere_on_the_page_dates_it() -> None:
    p = _infer(
        "Flood barriers rise along the Kessel (Mara Velko) Tuesday, November 4, 2031; 10:13 PM "
        "The river crested overnight in Lindau, officials said."
    )
    assert (p.earliest, p.latest, p.confidence) == ("2031-11-03", "2031-11-04", 0.8)
    assert p.date == "2031-11-04"  # the stamp's own day is the likeliest
    assert p.evidence[0] == "stamp: Tuesday, November 4, 2031; 10:13 PM"
    # the earliest stamp is the page's; readers' comments come later
    body = "".join(f"The pumps ran for the {n}th night at the Harlow levee.\n" for n in range(5))
    q = _infer(
        body + "Wednesday 5 November 2031 08.12 GMT Another night of rain is forecast.\n"
        "Friday 7 November 2031 10.00 GMT Comment: the barriers held."
    )
    assert (q.earliest, q.latest) == ("2031-11-04", "2031-11-05")
    # a date and a clock in a clause are narrative: no weekday, no semicolon
    r = _infer("The dam broke on March 3, 2031 at 4:05 PM and the valley flooded.")
    assert not r.evidence or not r.evidence[0].startswith("stamp:")


def test_the_latest_photo_caption_dates_the_page_to_that_day_or_the_two_after() -> None:
    text = (
        "Workers stack sandbags on the Kessel canal in Lindau, Monday, July 14, 2031.\n"
        "(AP Photo/Ann Lee) Volunteers fill sandbags at the Harlow depot, Wednesday, "
        "July 16, 2031.\nThe river is expected to crest on Friday, the water board says."
    )
    p = _infer(text)
    assert (p.earliest, p.latest, p.confidence) == ("2031-07-16", "2031-07-18", 0.6)
    assert p.evidence[0] == (
        "caption: (AP Photo/Ann Lee) Volunteers fill sandbags at the Harlow depot, "
        "Wednesday, July 16, 2031"
    )
    # a file photo is old; a date the sentence goes on from is no caption
    for other in (
        "File photo: crews inspect a levee breach in Lindau, Tuesday, Feb. 11, 2031.\n",
        "The special airs on Tuesday, November 4, 2031, at 2100 GMT on Channel Two.\n",
    ):
        q = _infer(other + "Crews have pumped water all week.")
        assert not q.evidence or not q.evidence[0].startswith("caption:")


def test_the_weekday_an_article_names_as_past_breaks_a_tie_between_neighbours() -> None:
    from sitrep.time.corpusdate import _past_weekdays, _vote, _weekday_prior

    # dated articles that say "on <weekday>" of their own day teach the prior
    dated = [
        _article(aid, f"On {weekday} the water board said the reservoir fell.", _meta(day))
        for aid, weekday, day in [
            ("t", "Thursday", "2031-03-06"),
            ("m", "Monday", "2031-03-10"),
            ("s", "Sunday", "2031-03-02"),
        ]
    ]
    prior = _weekday_prior(dated, [0, 1, 2])
    assert prior[0] == max(prior) and abs(sum(prior) - 1) < 1e-9
    undated = _article("u", "Pumps were started on Thursday, the water board said.")
    weekdays = _past_weekdays(undated)
    assert weekdays == [3]  # Thursday, Monday 0
    thursday, monday = date(2031, 3, 6).toordinal(), date(2031, 3, 10).toordinal()
    # equally alike neighbours: the day the article's "on Thursday" fits wins, whichever order
    assert _vote([monday, thursday], [0.2, 0.2], weekdays, prior) == thursday
    assert _vote([thursday, monday], [0.2, 0.2], weekdays, prior) == thursday
    # with no weekday named, the tie goes to the earlier day as before
    assert _vote([monday, thursday], [0.2, 0.2], [], prior) == thursday
    # a clearly stronger vote still wins over the weekday
    assert _vote([monday, thursday], [0.6, 0.1], weekdays, prior) == monday


def test_refine_never_dates_a_crawled_page_after_its_crawl() -> None:
    # Monday, March 3 is 2014, 2025, 2031...: the corpus says 2031, the crawl says 2014 or before
    wire = [
        _article(
            f"wire{n}",
            "The Millbrook dam's spillway gates were opened on Monday, March 3, after heavy "
            "rain, the county water board said.",
            _meta(f"2031-03-0{n}"),
        )
        for n in (3, 4, 5)
    ]
    crawled = replace(
        _article(
            "page",
            "The Millbrook dam's spillway gates were opened on Monday, March 3, after heavy "
            "rain, the water board said. Families left the lower valley.",
            PublishedDate(
                date=None, earliest=None, latest="2014-03-05", method="none", confidence=0.0
            ),
        ),
        crawl_date="2014-03-05",
    )
    changed = refine_with_corpus([*wire, crawled], today=TODAY)
    moved = changed.get("page", crawled.published)
    assert moved.latest is not None and moved.latest <= "2014-03-05"
    assert moved.earliest is None or moved.earliest <= "2014-03-05"
    # the same page without its crawl date follows the corpus into 2031
    free = refine_with_corpus([*wire, replace(crawled, crawl_date=None)], today=TODAY)
    assert free["page"].earliest is not None and free["page"].earliest.startswith("2031")


def test_weak_neighbours_vote_only_in_a_story_of_one_year() -> None:
    from sitrep.time.corpusdate import (
        _LONE_SIMILARITY,
        _MIN_SIMILARITY,
        _ONE_YEAR_SIMILARITY,
        _floors,
    )

    one_year = [date(2031, 3, d).toordinal() for d in range(1, 13)]
    assert _floors(one_year) == (_ONE_YEAR_SIMILARITY, _ONE_YEAR_SIMILARITY)
    # another year among the dated articles, or too few of them: neighbours must be close
    assert _floors([*one_year, date(2030, 12, 30).toordinal()]) == (
        _MIN_SIMILARITY,
        _LONE_SIMILARITY,
    )
    assert _floors(one_year[:3]) == (_MIN_SIMILARITY, _LONE_SIMILARITY)
    assert _ONE_YEAR_SIMILARITY < _MIN_SIMILARITY < _LONE_SIMILARITY
    # undated articles that name a later year as past: the coverage outlasts the dated sample
    undated = [None] * 40 + [2031] * 10
    assert _floors(one_year, undated) == (_ONE_YEAR_SIMILARITY, _ONE_YEAR_SIMILARITY)
    assert _floors(one_year, [*undated, 2032, 2032]) == (
        _ONE_YEAR_SIMILARITY,
        _ONE_YEAR_SIMILARITY,
    )  # two are slips
    assert _floors(one_year, [*undated, 2032, 2032, 2032]) == (_MIN_SIMILARITY, _LONE_SIMILARITY)
