"""Publication dates: metadata, URL, file name, and inference from invented texts."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from sitrep.config import Config
from sitrep.model import (
    AnalyzedArticle,
    CleanedArticle,
    PublishedDate,
    RawArticle,
    Sentence,
)
from sitrep.pipeline import Work
from sitrep.time.corpusdate import refine_with_corpus
from sitrep.time.extract import extract_timexes
from sitrep.time.normalize import anchor_date, anchor_timexes
from sitrep.time.pubdate import (
    from_filename,
    from_folders,
    from_metadata,
    from_url,
    infer_from_content,
    published_stage,
)
from sitrep.time.timex import sentence_spans

TODAY = date(2026, 11, 21)


def _infer(text: str, **kw: object) -> PublishedDate:
    spans = sentence_spans(text)
    return infer_from_content(text, extract_timexes(text, spans), spans, today=TODAY, **kw)  # type: ignore[arg-type]


def _work(text: str, *, meta_date: str | None = None, meta_method: str | None = None) -> Work:
    art = RawArticle(
        id="a1", source="a1.txt", text=text, meta_date=meta_date, meta_date_method=meta_method
    )
    work = Work(raw=art, cleaned=CleanedArticle(raw=art, text=text))
    work.sentences = [Sentence(span=s) for s in sentence_spans(text)]
    work.timexes = extract_timexes(text, sentence_spans(text))
    return work


def test_metadata_wins_with_its_method() -> None:
    work = _work(
        "The bridge opened on Thursday, March 5.",
        meta_date="2020-03-06T10:00:00Z",
        meta_method="html_meta",
    )
    p = published_stage(work, Config())["published"]
    assert (p.date, p.method) == ("2020-03-06", "html_meta")
    assert p.confidence >= 0.9


def test_url_day_and_month() -> None:
    day = from_url("https://news.example/2023/07/14/storm-hits-coast")
    month = from_url("https://news.example/2023/07/storm-hits-coast")
    assert day is not None and day.date == "2023-07-14" and day.method == "url"
    assert month is not None and (month.earliest, month.latest) == ("2023-07-01", "2023-07-31")
    assert from_url("https://news.example/story/123456") is None


def test_filename_date_but_not_hex_ids() -> None:
    p = from_filename("/in/2024-11-03_flood.html")
    assert p is not None and p.date == "2024-11-03" and p.method == "filename"
    assert from_filename("000_ba2ac43760806526.txt") is None
    assert from_filename("20190412-report.txt") is not None


def test_metadata_month_only_is_a_range() -> None:
    p = from_metadata("2022-09", None)
    assert p is not None and p.date == "2022-09" and p.latest == "2022-09-30"


def test_weekday_with_date_picks_latest_year_not_after_today() -> None:
    p = _infer("The mayor said the bridge reopened on Thursday, February 6, after repairs.")
    # Thursday February 6: 2014, 2020, 2025, 2031 -> 2025 (2031 is after today)
    assert p.earliest == "2025-02-06"
    assert p.latest is not None and "2025-02-06" <= p.latest <= "2025-02-16"
    assert p.method == "content"
    assert any("Thursday, February 6" in e for e in p.evidence)


def test_anniversary_orders_yearless_dates() -> None:
    text = (
        "The city marked the six-month anniversary of the blockade. "
        "Troops began the blockade on August 6th. "
        "The governor spoke on the evening of February 6th. "
        "Aid groups said on Thursday that food was short."
    )
    p = _infer(text, reference="2025-03-01")
    assert p.earliest == "2025-02-06"
    assert p.latest is not None and p.latest <= "2025-02-12"


def test_yearless_dates_without_any_year_clue_keep_only_evidence() -> None:
    p = _infer("The ferry sank on March 3. Rescuers said on Monday they found 12 people.")
    assert (p.date, p.earliest, p.latest) == (None, None, None)
    assert p.method == "content"
    assert p.evidence and p.confidence < 0.2


def test_past_year_mention_is_a_lower_bound_only() -> None:
    p = _infer("The dispute, which began in February 2022, has dragged on for six days.")
    assert (p.date, p.earliest, p.latest) == (None, "2022-02-01", None)


def test_explicit_recent_date_gives_a_short_range() -> None:
    p = _infer("The council voted on March 3, 2021. On Friday the mayor signed the order.")
    assert p.earliest == "2021-03-03"
    assert p.latest is not None and p.latest <= "2021-03-09"


def test_future_date_is_an_upper_bound() -> None:
    p = _infer(
        "Voters went to the polls on Thursday, March 5, and the count will end on March 20, 2020."
    )
    assert p.earliest == "2020-03-05"
    assert p.latest is not None and p.latest <= "2020-03-11"


def test_nothing_known_is_method_none() -> None:
    p = _infer("The river is wide and the bridge is old.")
    assert (p.date, p.earliest, p.latest, p.method, p.confidence) == (None, None, None, "none", 0.0)


def test_dated_upload_path_in_raw_text_fixes_the_year() -> None:
    text = "The dam broke on March 3. Officials said on Monday that 40 homes flooded."
    spans = sentence_spans(text)
    p = infer_from_content(
        text, extract_timexes(text, spans), spans,
        raw_text="![](https://x.example/wp-content/uploads/2019/03/dam.jpg)\n" + text,
        today=TODAY,
    )  # fmt: skip
    assert p.earliest == "2019-03-03"


def _analyzed(aid: str, text: str, published: PublishedDate) -> AnalyzedArticle:
    spans = sentence_spans(text)
    dct = anchor_date(published.date, published.earliest, published.latest)
    return AnalyzedArticle(
        id=aid, source=f"{aid}.txt", title=None, outlet=None, author=None, url=None,
        language="en", credits=[], published=published, text=text, removed=[],
        sentences=[Sentence(span=s) for s in spans],
        timexes=anchor_timexes(extract_timexes(text, spans), dct=dct),
    )  # fmt: skip


def test_refine_with_corpus_borrows_the_year_of_the_same_day() -> None:
    dated_text = "The blockade began on Thursday, February 6. Ships waited at the port."
    dated = _analyzed("d", dated_text, _infer(dated_text))
    undated_text = "Ships were turned back on February 6th, officials said on Friday."
    undated = _analyzed("u", undated_text, _infer(undated_text))
    assert undated.published.earliest is None
    changed = refine_with_corpus([dated, undated])
    assert set(changed) == {"u"}
    assert changed["u"].method == "corpus"
    assert changed["u"].earliest == "2025-02-06"


def test_refine_with_corpus_leaves_dated_articles_alone() -> None:
    text = "The vote was held on March 3, 2021. On Friday it was confirmed."
    a = _analyzed("a", text, _infer(text))
    meta = PublishedDate(
        date="2021-03-04",
        earliest="2021-03-04",
        latest="2021-03-04",
        method="metadata",
        confidence=0.95,
    )
    b = _analyzed("b", text, meta)
    changed = refine_with_corpus([a, b])
    assert "b" not in changed  # metadata is never overruled
    # the undated copy may take the day of the dated one it reads like, within its own range
    own = a.published
    assert own.earliest is not None and own.latest is not None
    if "a" in changed:
        assert changed["a"].date == "2021-03-04"
        assert own.earliest <= "2021-03-04" <= own.latest


@pytest.mark.parametrize("reference", ["2025-03-01", None])
def test_stage_content_never_after_reference(reference: str | None) -> None:
    work = _work("The dam broke on Thursday, February 6. Crews said on Friday it was fixed.")
    p = published_stage(work, Config(reference_date=reference))["published"]
    assert p.latest is not None
    if reference:
        assert p.latest <= reference


def test_date_folders_above_a_file() -> None:
    p = from_folders("/archive/2031-04-02/0457.txt")
    assert p is not None and p.date == "2031-04-02" and p.method == "folder"
    p = from_folders("crawl/2031/04/02/harbour-fire.html")
    assert p is not None and p.date == "2031-04-02"
    # only whole folder names right above the file: no guess from a folder further up,
    # a name holding a date among other words, or a URL
    assert from_folders("/archive/2031-04-02/raw/0457.txt") is None
    assert from_folders("/in/report-2031-04-02-draft/a.txt") is None
    assert from_folders("/in/2031/13/02/a.txt") is None
    assert from_folders("https://news.example/2031/04/02/a.html") is None
    assert from_folders("a.txt") is None


def test_stage_reads_a_date_folder_after_the_file_name() -> None:
    work = _work("The ferry to Kessel sank on Tuesday.")
    work.raw = dataclasses.replace(work.raw, source="/archive/2031-04-02/0457.txt")
    p = published_stage(work, Config())["published"]
    assert (p.date, p.method) == ("2031-04-02", "folder")
    work.raw = dataclasses.replace(work.raw, source="/archive/2031-04-02/2031-03-30_ferry.txt")
    p = published_stage(work, Config())["published"]
    assert (p.date, p.method) == ("2031-03-30", "filename")


def test_a_build_dates_a_page_by_the_comments_cleaning_moved_out() -> None:
    from sitrep.pipeline import analyze_article

    text = (
        "Dock workers in Velmora walked off the job, halting cargo traffic at the harbour.\n"
        "The union said the strike would go on until the night-shift pay cut was restored.\n"
        "The harbour authority said 40 ships were waiting offshore.\n"
        "The union should have struck years ago. Posted by: dockhand | March 3, 2031 9:41 AM"
        " | Report abuse\n"
        "Shipping costs will rise for everyone now.\n"
        "Posted by: velmoran | March 4, 2031 10:02 AM | Report abuse\n"
    )
    article = analyze_article(RawArticle(id="strike", source="strike.txt", text=text), Config())
    assert "Posted by" not in article.text  # the thread is cleaned out of the text ...
    assert [r.reason for r in article.removed] == ["comments"] * 3
    # ... and still dates the page: its first comment, that day or the day before
    assert (article.published.earliest, article.published.latest) == ("2031-03-02", "2031-03-03")
