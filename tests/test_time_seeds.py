"""Time stages on the real seed articles (skipped when ../shared/data is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.config import Config
from sitrep.model import AnalyzedArticle, CleanedArticle, RawArticle, Sentence
from sitrep.pipeline import Work
from sitrep.time.corpusdate import refine_with_corpus
from sitrep.time.pubdate import published_stage
from sitrep.time.timex import anchor_stage, sentence_spans, tag_timexes, timex_stage

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"
pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/data/seeds is absent"),
]


def _seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def _analyze(path: Path, config: Config) -> AnalyzedArticle:
    text = path.read_text(encoding="utf-8")
    raw = RawArticle(id=path.stem, source=str(path), text=text)
    work = Work(raw=raw, cleaned=CleanedArticle(raw=raw, text=text))
    work.sentences = [Sentence(span=s) for s in sentence_spans(text)]
    work.timexes = timex_stage(work, config)["timexes"]
    work.published = published_stage(work, config)["published"]
    work.timexes = anchor_stage(work, config)["timexes"]
    return AnalyzedArticle(
        id=raw.id, source=raw.source, title=None, outlet=None, author=None, url=None,
        language="en", credits=[], published=work.published, text=text, removed=[],
        sentences=work.sentences, timexes=work.timexes,
    )  # fmt: skip


def test_seed_001_weekday_date_and_end_of_year() -> None:
    timexes = tag_timexes(_seed("001").read_text(encoding="utf-8"), anchor="2025-02-07")
    by_text = {t.text: t for t in timexes}
    assert by_text["Thursday, February 6"].value == "2025-02-06"
    assert by_text["the end of the year"].value == "2024"
    assert by_text["August"].value == "2024-08"


def test_seed_001_published_from_weekday_and_date() -> None:
    p = _analyze(_seed("001"), Config()).published
    assert p.earliest == "2025-02-06"
    assert p.latest is not None and p.latest <= "2025-02-13"


def test_seed_000_dated_by_the_corpus() -> None:
    articles = [_analyze(p, Config()) for p in sorted(SEEDS.glob("*.txt"))]
    changed = refine_with_corpus(articles)
    p = changed[next(a.id for a in articles if a.id.startswith("000"))]
    assert p.earliest == "2025-02-06"
    assert p.latest is not None and p.latest <= "2025-02-13"


def test_seed_000_with_reference_date() -> None:
    p = _analyze(_seed("000"), Config(reference_date="2025-03-01")).published
    assert p.earliest == "2025-02-06"
    assert p.latest is not None and p.latest <= "2025-02-13"


def test_seeds_skip_counts_that_are_not_times() -> None:
    text = _seed("002").read_text(encoding="utf-8")
    assert all("44" not in t.text for t in tag_timexes(text, anchor=None))
