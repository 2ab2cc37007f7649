"""Cleaning on the real seed articles (../shared/data/seeds; skipped when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.clean import clean_article
from sitrep.config import Config
from sitrep.ingest import read_inputs
from sitrep.model import CleanedArticle

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "data" / "seeds"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/data/seeds is absent"),
]


@pytest.fixture(scope="module")
def cleaned() -> dict[str, CleanedArticle]:
    articles, problems = read_inputs([str(SEEDS)], config=Config())
    assert problems == []
    return {a.id[:3]: clean_article(a, config=Config()) for a in articles}


def removed(article: CleanedArticle, reason: str) -> list[str]:
    return [r.text for r in article.removed if r.reason == reason]


def test_clean_seeds_expected_removals(cleaned: dict[str, CleanedArticle]) -> None:
    s001, s002, s003, s004 = cleaned["001"], cleaned["002"], cleaned["003"], cleaned["004"]
    assert any(t.startswith("![](https://") for t in removed(s001, "image_link"))
    assert [t for t in removed(s001, "caption") if t.startswith("Фото:")]
    assert "Comments are closed." in removed(s002, "comments")
    assert [t for t in removed(s002, "promo") if "Live Briefing" in t]
    assert "Comment:" in removed(s003, "comments")
    assert [t for t in removed(s004, "off_topic") if "World War II" in t]
    assert s002.credits == ["RFE/RL’s Ukrainian Service and dpa"]
    for article in cleaned.values():
        assert article.language == "en"
        for gone in ("![](", "Фото", "Comments are closed", "Live Briefing", "World War II"):
            assert gone not in article.text
        assert "Comment:" not in article.text.split("\n")
        assert "The article is reported by" not in article.text


def test_clean_seeds_every_news_sentence_stays(cleaned: dict[str, CleanedArticle]) -> None:
    """Each removed piece has a reason from the expected set; nothing else leaves."""
    expected = {
        "001": {"image_link", "caption"},
        "002": {"promo", "credit", "comments"},
        "003": {"comments"},
        "004": {"off_topic", "tags"},
        "000": set(),
    }
    for key, article in cleaned.items():
        assert {r.reason for r in article.removed} <= expected[key], key
    counts = {key: len(article.removed) for key, article in cleaned.items()}
    assert counts == {"000": 0, "001": 2, "002": 3, "003": 1, "004": 2}
    # the raw text's news lines are all still there
    raw_lines = [line for a in cleaned.values() for line in a.raw.text.split("\n") if line.strip()]
    kept = {line for a in cleaned.values() for line in a.text.split("\n")}
    removed_texts = {r.text for a in cleaned.values() for r in a.removed}
    assert all(line.strip() in kept or line.strip() in removed_texts for line in raw_lines)
