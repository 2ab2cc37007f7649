"""evaluate_extraction: the metric, on a tiny invented benchmark, and a floor on the real one."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from sitrep.evaluate import evaluate_extraction
from sitrep.evaluate.extraction import score_segments

EVAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "extraction" / "trafilatura-eval"

PAGE = """<html><head><title>Bakery wins prize</title></head><body>
<nav>Home | Town news | Sports</nav>
<article><h1>Bakery wins prize</h1>
<p>The corner bakery on Mill Street won the regional bread prize on Saturday, beating
forty other bakeries from across the province with its rye loaf.</p>
<p>Owner Lina Brandt said the recipe came from her grandmother and that the bakery
would celebrate with free rolls for every customer next Monday morning.</p>
<p>The jury praised the crust and the sour, nutty flavour of the winning loaf.</p>
<p>Subscribe now!</p>
</article>
<footer>Imprint · Privacy policy</footer>
</body></html>"""


def test_evaluate_score_segments_counts() -> None:
    text = "The  quick brown\nfox jumps over the lazy dog."
    counts = score_segments(text, ["quick brown fox", "lazy cat"], ["over the lazy", "Imprint"])
    assert counts == (1, 1, 1, 1)


def test_evaluate_extraction_on_invented_benchmark(tmp_path: Path) -> None:
    (tmp_path / "html").mkdir()
    (tmp_path / "html" / "bakery.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    evaldata = {
        "https://town.example/bakery": {
            "file": "bakery.html",
            "with": ["won the regional bread prize", "free rolls for every customer"],
            "without": ["Privacy policy", "Subscribe now!"],
        },
        "https://town.example/missing": {"file": "gone.html", "with": ["x"], "without": []},
    }
    (tmp_path / "evaldata.json").write_text(json.dumps(evaldata), encoding="utf-8")
    result = evaluate_extraction(tmp_path, baseline=True)
    assert result["documents"] == 1
    assert result["missing_pages"] == 1
    sitrep = result["systems"]["sitrep"]
    assert (sitrep["tp"], sitrep["fn"], sitrep["fp"], sitrep["tn"]) == (2, 0, 0, 2)
    assert sitrep["f1"] == 1.0
    # cleaning removed the promo line that ingestion alone keeps
    assert result["systems"]["sitrep_raw"]["fp"] == 1
    assert set(result["systems"]) == {"sitrep", "sitrep_raw", "trafilatura"}


def test_evaluate_extraction_missing_data(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        evaluate_extraction(tmp_path)


@pytest.mark.shared
@pytest.mark.skipif(not (EVAL / "evaldata.json").is_file(), reason="../shared/data is absent")
def test_evaluate_extraction_floor_on_trafilatura_eval() -> None:
    # The first 40 pages (~10-30 s). Measured: sitrep F1 0.936, trafilatura 0.919 (full set of
    # 990 pages: 0.926 vs 0.921). The floor may only rise.
    result = evaluate_extraction(EVAL, limit=40, baseline=True)
    assert result["documents"] == 40
    systems = result["systems"]
    assert systems["sitrep"]["f1"] >= 0.93
    assert systems["sitrep"]["f1"] >= systems["trafilatura"]["f1"]
