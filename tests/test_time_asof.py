"""As-of dates of claims and figures, on invented sentences."""

from __future__ import annotations

from sitrep.config import Config
from sitrep.model import (
    Claim,
    CleanedArticle,
    DateRange,
    Figure,
    PublishedDate,
    RawArticle,
    Sentence,
)
from sitrep.pipeline import Work
from sitrep.time.asof import as_of_stage
from sitrep.time.timex import sentence_spans, tag_timexes

TEXT = (
    "In August, the rebels seized the valley, initially holding 900 km². "
    "However, by the end of the year, counterattacks reduced their hold to about 300 km². "
    "As of February 6, the rebels still hold 250 km² of farmland. "
    "The army says 40 villages are empty. "
    "The rebels have held the pass since August, with 120 fighters. "
    "The army has lost 3,000 troops since the August 6 incursion. "
    "Refugees have fled since the August 7 raid that killed 12 people. "
    "Six weeks after the August 6 incursion, the rebels held 700 km². "
    "Losses since August 9 had reached 4,500 troops. "
    "The rebels have taken 12 villages since the start of the offensive on August 6."
)
PUB = PublishedDate(
    date="2025-02-07", earliest="2025-02-07", latest="2025-02-07", method="metadata",
    confidence=0.95,
)  # fmt: skip


def _figure(fid: str, needle: str, *, with_sentence: bool = True) -> Figure:
    start = TEXT.index(needle)
    span = (start, start + len(needle))
    sentence = next(s for s in sentence_spans(TEXT) if s[0] <= start < s[1])
    return Figure(
        id=fid, span=span, text=needle, value=None, low=None, high=None, qualifier="exact",
        unit=None, counts=None, sentence=sentence if with_sentence else None,
    )  # fmt: skip


def _run() -> tuple[list[Claim], list[Figure]]:
    raw = RawArticle(id="t", source="t.txt", text=TEXT)
    work = Work(raw=raw, cleaned=CleanedArticle(raw=raw, text=TEXT))
    work.sentences = [Sentence(span=s) for s in sentence_spans(TEXT)]
    work.timexes = tag_timexes(TEXT, anchor="2025-02-07")
    work.published = PUB
    work.figures = [
        _figure("f1", "900 km²"),
        _figure("f2", "300 km²"),
        _figure("f3", "250 km²", with_sentence=False),
        _figure("f4", "40 villages"),
        _figure("f5", "120 fighters"),
        _figure("f6", "3,000 troops"),
        _figure("f7", "12 people"),
        _figure("f8", "700 km²"),
        _figure("f9", "4,500 troops"),
        _figure("f10", "12 villages"),
    ]
    s4 = work.sentences[3].span
    work.claims = [Claim(id="c1", sentence=s4, content_span=(s4[0] + 14, s4[1]), source=None)]
    out = as_of_stage(work, Config())
    assert set(out) == {"claims", "figures"}
    return out["claims"], out["figures"]


def _dates(r: DateRange | None) -> tuple[str | None, str | None, str | None]:
    assert r is not None
    return (r.date, r.earliest, r.latest)


def test_month_in_the_same_sentence_governs() -> None:
    _, figures = _run()
    assert _dates(figures[0].as_of) == ("2024-08", "2024-08-01", "2024-08-31")


def test_end_of_year_holds_in_the_previous_year() -> None:
    _, figures = _run()
    date, earliest, latest = _dates(figures[1].as_of)
    assert date == "2024" and latest == "2024-12-31" and earliest is not None
    assert earliest >= "2024-10-01"


def test_as_of_date_found_without_figure_sentence() -> None:
    _, figures = _run()
    assert _dates(figures[2].as_of) == ("2025-02-06", "2025-02-06", "2025-02-06")


def test_no_date_falls_back_to_publication() -> None:
    claims, figures = _run()
    assert _dates(figures[3].as_of) == ("2025-02-07", "2025-02-07", "2025-02-07")
    assert _dates(claims[0].as_of) == ("2025-02-07", "2025-02-07", "2025-02-07")


def test_since_opens_an_interval_and_does_not_govern() -> None:
    _, figures = _run()
    assert _dates(figures[4].as_of) == ("2025-02-07", "2025-02-07", "2025-02-07")
    # a date naming the event counted from: a total since then, as of publication
    assert _dates(figures[5].as_of) == ("2025-02-07", "2025-02-07", "2025-02-07")


def test_a_date_dates_its_events_own_clause() -> None:
    _, figures = _run()
    assert _dates(figures[6].as_of) == ("2024-08-07", "2024-08-07", "2024-08-07")


def test_a_count_from_a_date_holds_where_it_reaches() -> None:
    _, figures = _run()
    assert _dates(figures[7].as_of) == ("2024-09-17", "2024-09-17", "2024-09-17")


def test_stage_returns_new_objects() -> None:
    claims, figures = _run()
    assert all(f.as_of is not None for f in figures)
    assert all(c.as_of is not None for c in claims)


def test_a_total_since_a_date_holds_now() -> None:
    # "since August 9 had reached": the date opens the count, the total holds at publication
    _, figures = _run()
    assert _dates(figures[8].as_of) == ("2025-02-07", "2025-02-07", "2025-02-07")


def test_a_date_closing_a_since_phrase_opens_the_count() -> None:
    _, figures = _run()
    assert _dates(figures[9].as_of) == ("2025-02-07", "2025-02-07", "2025-02-07")
