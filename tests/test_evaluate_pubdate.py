"""Publication-date evaluation with hidden dates (sitrep.evaluate.pubdate)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.evaluate.pubdate import detokenize, evaluate_pubdate, point_estimate
from sitrep.model import PublishedDate


def test_detokenize_undoes_penn_treebank() -> None:
    text = "The country 's leader said `` no '' -LRB- twice -RRB- , and left ."
    assert detokenize(text) == 'The country\'s leader said "no" (twice), and left.'


@pytest.mark.parametrize(
    ("earliest", "latest", "day", "expected"),
    [
        ("2031-05-04", "2031-05-04", "2031-05-04", "2031-05-04"),
        ("2031-05-04", "2031-05-08", None, "2031-05-06"),
        ("2031-05-04", "2031-09-08", None, None),  # too wide: an abstention
        (None, None, None, None),
    ],
)
def test_point_estimate(
    earliest: str | None, latest: str | None, day: str | None, expected: str | None
) -> None:
    p = PublishedDate(date=day, earliest=earliest, latest=latest, method="content", confidence=0.5)
    est = point_estimate(p)
    assert (est.isoformat() if est else None) == expected


def test_t17_layout_with_hidden_dates(tmp_path: Path) -> None:
    day = tmp_path / "ferry_wire" / "InputDocs" / "2021-05-09"
    day.mkdir(parents=True)
    (day / "1.txt").write_text(
        "HARBOURTOWN , May 9 -LRB- Wirewire -RRB- - The ferry sank on Thursday , May 8 , 2021 .\n",
        encoding="utf-8",
    )
    (day / "2.txt").write_text("The river is wide and the bridge is old .\n", encoding="utf-8")
    res = evaluate_pubdate(tmp_path)
    assert res["articles"] == 2
    assert res["exact"] == 50.0  # the dateline; the other abstains
    assert res["abstained"] == 50.0
    assert res["wrong_year"] == 0.0


T17 = Path(__file__).resolve().parents[2] / "shared" / "data" / "tls" / "t17"


@pytest.mark.shared
@pytest.mark.skipif(not (T17 / "bpoil_reuters").is_dir(), reason="../shared/data is absent")
def test_quality_gate_t17_sample() -> None:
    # first 20 bpoil_reuters articles, measured 2026-11: exact 65%, +-1 day 70%, wrong year 0%.
    # Floors sit just under the measure and only ever rise (wrong_year: only ever falls).
    res = evaluate_pubdate(T17 / "bpoil_reuters", limit=20)
    assert res["within_1"] >= 65.0
    assert res["wrong_year"] <= 5.0


def _t17_article(root: Path, folder: str, day: str, name: str, text: str) -> None:
    path = root / folder / "InputDocs" / day
    path.mkdir(parents=True, exist_ok=True)
    (path / name).write_text(text, encoding="utf-8")


@pytest.mark.parametrize(("by", "dated"), [("story", 2), ("folder", 1)])
def test_outlets_of_one_story_are_dated_together(tmp_path: Path, by: str, dated: int) -> None:
    wire = (
        "Sunday 9 May 2021 14.05 BST\nDivers reached the sunken Kestrel ferry today and "
        "lifted 14 cars from the harbour mud .\n"
    )
    paper = "Divers who reached the sunken Kestrel ferry lifted 14 cars from the harbour mud .\n"
    other = "Harbour divers trained on an old wreck , far from any ferry .\n"
    _t17_article(tmp_path, "ferry_wire", "2021-05-09", "1.txt", wire)
    _t17_article(tmp_path, "ferry_paper", "2021-05-09", "2.txt", paper)
    _t17_article(tmp_path, "ferry_paper", "2021-05-02", "3.txt", other)
    res = evaluate_pubdate(tmp_path, by=by)
    assert set(res["by_corpus"]) == {"ferry_wire", "ferry_paper"}  # scored per folder
    assert res["exact"] == round(100 * dated / 3, 2)


def test_unknown_grouping_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="story"):
        evaluate_pubdate(tmp_path, by="outlet")
