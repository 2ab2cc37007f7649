"""sitrep.evaluate.checkworthy: TSV reading, positive-class F1, submission file, quality gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.evaluate.checkworthy import evaluate_checkworthy, positive_f1, read_tsv

CT24 = Path(__file__).resolve().parents[2] / "shared" / "data" / "checkworthy"

ROWS = [
    ("1", "The ministry said 14 drones were shot down over the border region on Friday.", "Yes"),
    ("2", "Unemployment fell to 4.1 percent last year, the lowest in a decade.", "Yes"),
    ("3", "Thank you very much, everybody.", "No"),
    ("4", "What do you think about that?", "No"),
    ("5", "I love this country and its people.", "No"),
]


def write(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    lines = ["Sentence_id\tText\tclass_label"] + ["\t".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_positive_f1_counts() -> None:
    out = positive_f1([True, True, False, False], [True, False, True, False])
    assert (out["tp"], out["fp"], out["fn"]) == (1, 1, 1)
    assert out["precision"] == out["recall"] == out["f1"] == 0.5
    assert positive_f1([False], [False])["f1"] == 0.0


def test_read_tsv_keeps_quotes_and_labels(tmp_path: Path) -> None:
    path = write(tmp_path / "x.tsv", [("7", '"We will win," he said.', "Yes")])
    assert read_tsv(path) == [("7", '"We will win," he said.', True)]


def test_evaluate_and_submission_file(tmp_path: Path) -> None:
    path = write(tmp_path / "t.tsv", ROWS)
    out = evaluate_checkworthy(path, pred_out=tmp_path / "sub.tsv")
    assert out["sentences"] == 5 and out["positives"] == 2 and out["threshold"] == 0.5
    assert out["model"]["f1"] == 1.0, out
    lines = (tmp_path / "sub.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "id\tclass_label\trun_id"
    assert [ln.split("\t")[1] for ln in lines[1:]] == ["Yes", "Yes", "No", "No", "No"]


def test_threshold_moves_the_decision(tmp_path: Path) -> None:
    path = write(tmp_path / "t.tsv", ROWS)
    everything = evaluate_checkworthy(path, threshold=0.0)
    assert everything["model"]["recall"] == 1.0 and everything["model"]["fp"] == 3


def test_unlabelled_file_gives_predictions_only(tmp_path: Path) -> None:
    path = write(tmp_path / "u.tsv", [(i, t, "") for i, t, _ in ROWS])
    out = evaluate_checkworthy(path)
    assert "model" not in out and out["predicted_positives"] == 2


def test_missing_file_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        evaluate_checkworthy(tmp_path / "nope.tsv")


@pytest.mark.shared
@pytest.mark.skipif(not (CT24 / "ct24_dev-test.tsv").is_file(), reason="../shared/data is absent")
def test_quality_gate_devtest_first_200(tmp_path: Path) -> None:
    """First 200 lines of ct24 dev-test (< 2 s). The floor sits just under the measured F1
    (0.8073 on this sample, 0.8252 on all 318 lines) and only ever rises."""
    rows = read_tsv(CT24 / "ct24_dev-test.tsv")[:200]
    path = write(tmp_path / "s.tsv", [(i, t, "Yes" if y else "No") for i, t, y in rows])
    assert evaluate_checkworthy(path)["model"]["f1"] >= FLOOR


FLOOR = 0.80  # measured 0.8073 on 2026-11-21 (bench/RESULTS.md); floors only rise
