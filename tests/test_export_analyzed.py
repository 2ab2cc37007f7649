"""analyzed.jsonl: analyzed articles survive a round trip unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.config import Config
from sitrep.export.analyzed import dumps, load
from sitrep.model import RawArticle
from sitrep.pipeline import analyze_article


def test_analyzed_round_trip_gives_equal_articles(tmp_path: Path) -> None:
    raw = RawArticle(
        id="ferry#2",
        source="ferry.jsonl",
        title="Ferry capsizes off Lindholm",
        text=(
            "The coast guard said on Tuesday that at least 14 people died when the ferry "
            "capsized near the port of Lindholm. Rescuers, according to the regional "
            "governor, pulled more than 80 passengers from the water. The harbour remains "
            "under navy control."
        ),
        meta_date="2026-05-12",
        meta_date_method="metadata",
    )
    article = analyze_article(raw, Config())
    assert article.figures and article.claims and article.timexes
    path = tmp_path / "analyzed.jsonl"
    path.write_text(dumps([article]), encoding="utf-8")
    assert load(path) == [article]


def test_analyzed_refuses_another_file(tmp_path: Path) -> None:
    path = tmp_path / "analyzed.jsonl"
    path.write_text('{"schema": "sitrep.dossier/1"}\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"sitrep\.analyzed/1"):
        load(path)
