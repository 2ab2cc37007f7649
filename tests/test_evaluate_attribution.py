"""sitrep.evaluate.attribution: brat reading/writing, the span metric, PolNeAR conventions.

The articles and annotations here are written for these tests; the quality gate at the end reads
a fixed sample of PolNeAR dev and skips when ../shared/data is absent.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitrep.evaluate.attribution import (
    Attribution,
    evaluate_attribution,
    polnear_content,
    read_ann,
    role_spans,
    write_ann,
)

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "attribution" / "polnear"

TEXT = "The mayor said the bridge is closed. “It will reopen soon,” she added.\n"
ANN = (
    "T1\tSource 0 9\tThe mayor\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 35\tthe bridge is closed\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    "T5\tContent 37 59\t“It will reopen soon,”\n"
    "T6\tSource 60 63\tshe\n"
    "T7\tCue 64 69\tadded\n"
    "T8\tAttribution 64 69\tadded\n"
    "E2\tAttribution:T8 Content:T5 Cue:T7 Source:T6\n"
    "T9\tSource 0 3\tThe\n"  # not linked by an event: not gold
)


def test_read_ann_resolves_events_and_fragments() -> None:
    atts = read_ann(
        ANN + "T10\tContent 0 3;4 9\tThe mayor\nT11\tCue 10 14\tsaid\n"
        "E3\tAttribution-no-source:T11 Cue:T11 Content:T10\n"
    )
    assert atts[0] == Attribution(source=((0, 9),), cue=((10, 14),), content=((15, 35),))
    assert atts[2].source == () and atts[2].content == ((0, 3), (4, 9))
    spans = role_spans(TEXT, atts)
    assert (0, 3) not in spans["source"]  # T9 is in no event
    assert spans["content"] >= {(0, 3), (4, 9), (15, 35)}


def test_write_then_read_round_trips() -> None:
    atts = read_ann(ANN)
    again = read_ann(write_ann(TEXT, atts))
    assert again == atts
    no_source = Attribution(source=(), cue=((10, 14),), content=((15, 35),))
    assert "Attribution-no-source" in write_ann(TEXT, [no_source])


def test_role_spans_trim_whitespace_and_dedupe() -> None:
    atts = [
        Attribution(source=((0, 10),), cue=((10, 14),), content=((14, 35),)),
        Attribution(source=((0, 9),), cue=((10, 14),), content=()),
    ]
    spans = role_spans(TEXT, atts)
    assert spans["source"] == {(0, 9)} and spans["cue"] == {(10, 14)}
    assert spans["content"] == {(15, 35)}


def test_conjoined_speakers_score_as_one_source() -> None:
    from sitrep.evaluate.attribution import claims_to_attributions
    from sitrep.model import Claim, Cue, Source

    text = "Both the mayor and the fire chief said the road is shut; the mayor said so."

    def claim(source: str, nth: int = 0) -> Claim:
        at = text.index(source) if nth == 0 else text.rindex(source)
        cue_at = text.index("said") if nth == 0 else text.rindex("said")
        src = Source(text=source, span=(at, at + len(source)), kind="official")
        return Claim(
            id="",
            sentence=(0, len(text)),
            content_span=(cue_at + 5, cue_at + 21) if nth == 0 else (cue_at + 5, cue_at + 7),
            source=src,
            cue=Cue(text="said", span=(cue_at, cue_at + 4)),
        )

    atts = claims_to_attributions(
        [claim("the mayor"), claim("the fire chief"), claim("the mayor", 1)], text
    )
    sources = sorted(text[a.source[0][0] : a.source[0][1]] for a in atts)
    assert sources == ["Both the mayor and the fire chief", "the mayor"]
    apart = claims_to_attributions([claim("the mayor"), claim("the fire chief")])  # no text
    assert len(apart) == 2


@pytest.mark.parametrize(
    ("text", "inner", "expected"),
    [
        ("He said that the bridge is closed.", "the bridge is closed", "that the bridge is closed"),
        ("“It will reopen soon,” she added.", "It will reopen soon", "“It will reopen soon,”"),
        ("But the dam held, he said.", "the dam held", "But the dam held"),
        ("“One. Two,” he said.", "Two", "“One. Two,”"),
        ("The dam held, he said.", "The dam held", "The dam held"),
    ],
)
def test_polnear_content_conventions(text: str, inner: str, expected: str) -> None:
    start = text.index(inner)
    s, e = polnear_content(text, (start, start + len(inner)))
    assert text[s:e] == expected


def _write_split(root: Path) -> None:
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir(parents=True)
    (root / "dev" / "text" / "a1.txt").write_text(TEXT, encoding="utf-8")
    (root / "dev" / "attributions" / "a1_x1.ann").write_text(ANN, encoding="utf-8")
    # a second annotator of the same article is ignored (first file in name order is gold)
    (root / "dev" / "attributions" / "a1_x2.ann").write_text("", encoding="utf-8")


def test_evaluate_on_a_written_split(tmp_path: Path) -> None:
    _write_split(tmp_path / "polnear")
    out = evaluate_attribution(tmp_path, pred_out=tmp_path / "pred")
    assert out["articles"] == 1 and out["gold_attributions"] == 2
    assert out["cue"]["tp"] + out["cue"]["fn"] == 2
    assert out["source"]["tp"] >= 1 and out["cue"]["tp"] >= 1  # "The mayor said" is easy
    assert out["cue"]["precision"] == 1.0
    pred = read_ann((tmp_path / "pred" / "a1.ann").read_text(encoding="utf-8"))
    assert len(pred) == out["predicted_attributions"]
    json.dumps(out)


def test_evaluate_with_the_tagger(tmp_path: Path) -> None:
    _write_split(tmp_path / "polnear")
    out = evaluate_attribution(tmp_path, system="tagger", pred_out=tmp_path / "pred")
    assert out["system"] == "tagger" and out["articles"] == 1
    assert out["source"]["tp"] >= 1 and out["cue"]["tp"] >= 1  # "The mayor said"
    pred = read_ann((tmp_path / "pred" / "a1.ann").read_text(encoding="utf-8"))
    assert len(pred) == out["predicted_attributions"] and all(a.cue for a in pred)
    said = [a for a in pred if TEXT[a.cue[0][0] : a.cue[0][1]] == "said"]
    assert said and said[0].source == ((0, 9),)  # linked to its own sentence's source
    with pytest.raises(ValueError, match="unknown attribution system"):
        evaluate_attribution(tmp_path, system="neural")


def test_missing_split_raises(tmp_path: Path) -> None:
    _write_split(tmp_path)
    with pytest.raises(FileNotFoundError):
        evaluate_attribution(tmp_path, split="test")


@pytest.mark.shared
@pytest.mark.skipif(not (POLNEAR / "dev").is_dir(), reason="../shared/data PolNeAR is absent")
def test_quality_gate_polnear_dev_sample() -> None:
    """First 8 dev articles (~20 s), sitrep's claims as the product makes them (rules and
    tagger). Floors sit just under the measured F1 and only ever rise."""
    out: dict[str, Any] = evaluate_attribution(POLNEAR, split="dev", limit=8, system="sitrep")
    measured = {r: out[r]["f1"] for r in ("source", "cue", "content")}
    floors = {"source": FLOORS[0], "cue": FLOORS[1], "content": FLOORS[2]}
    assert all(measured[r] >= floors[r] for r in floors), (measured, floors)


# measured 0.5238 / 0.5227 / 0.3011 with the rules alone, 0.7059 / 0.6226 / 0.3390 with the
# rules and the tagger merged, 0.7273 / 0.6729 / 0.4068 with the round-3 merge (unconfirmed
# rule claims need evidence; 2026-11-21, bench/RESULTS.md). Floors only rise; they sit ~.02-.03
# under the measure because the tagger's model may be retrained (8 articles move by ~.03).
FLOORS = (0.70, 0.65, 0.38)
