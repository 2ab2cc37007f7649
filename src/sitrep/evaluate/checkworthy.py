"""``sitrep eval checkworthy``: check-worthy sentences on CheckThat! 2024 Task 1 (English).

The data: a TSV with a header, ``Sentence_id<TAB>Text<TAB>class_label`` (``Yes``/``No``). The
metric is the lab's: F1 of the positive (``Yes``) class, with its precision and recall.

Systems: ``model`` (the shipped logistic regression, ``sitrep.checkworthy.score_texts``) and
``hand`` (the hand-weighted feature score, which needs a spaCy parse of every sentence; scored
only with ``baseline=True``). A sentence is predicted check-worthy when its score is at least
the threshold: the model's own (0.5) unless one is given.

``pred_out`` writes the lab's submission format: a header ``id<TAB>class_label<TAB>run_id``, then
one line per sentence with ``Yes``/``No``.
"""

from __future__ import annotations

import csv
import logging
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

__all__ = ["evaluate_checkworthy", "positive_f1", "read_tsv"]

RUN_ID = "sitrep"


def read_tsv(path: Path) -> list[tuple[str, str, bool | None]]:
    """``(id, text, label)`` rows of a CheckThat! TSV; ``label`` is None when the file has none.

    Raises:
        ValueError: a row has fewer than two columns.
    """
    rows: list[tuple[str, str, bool | None]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header is None:
            return rows
        for n, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) < 2:
                raise ValueError(f"{path}:{n}: expected id<TAB>text[<TAB>label], got {row!r}")
            label = row[2].strip().lower() == "yes" if len(row) >= 3 and row[2].strip() else None
            rows.append((row[0], row[1], label))
    return rows


def positive_f1(gold: list[bool], pred: list[bool]) -> dict[str, Any]:
    """Precision, recall and F1 of the positive class (plus the confusion counts)."""
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
    }


def _hand_scores(texts: list[str]) -> list[float]:
    from sitrep.checkworthy import hand_score
    from sitrep.config import Config
    from sitrep.text.nlp import load_nlp

    nlp = load_nlp(Config().spacy_model)
    out: list[float] = []
    for doc in nlp.pipe(texts, batch_size=256):
        sents = list(doc.sents)
        out.append(max((hand_score(s) for s in sents), default=0.0))
    return out


def evaluate_checkworthy(
    path: Path,
    *,
    pred_out: Path | None = None,
    threshold: float | None = None,
    baseline: bool = False,
) -> dict[str, Any]:
    """Positive-class F1, precision and recall of sitrep's check-worthiness on one TSV.

    Args:
        path: a CheckThat! 2024 Task 1 TSV (``ct24_dev-test.tsv``...).
        pred_out: when given, the model's predictions in the lab's submission format.
        threshold: decision threshold in 0..1 (default: the model's own, 0.5).
        baseline: also score the hand-weighted features (parses every sentence; slower).

    Returns:
        ``{"file", "sentences", "positives", "threshold", "model": {tp, fp, fn, precision,
        recall, f1}, "seconds", ["hand": {...}]}``; without gold labels only the counts.

    Raises:
        FileNotFoundError: ``path`` does not exist.
    """
    from sitrep.checkworthy import load_model, score_texts

    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    rows = read_tsv(path)
    texts = [text for _, text, _ in rows]
    cut = load_model().threshold if threshold is None else threshold
    started = time.perf_counter()
    scores = score_texts(texts)
    seconds = time.perf_counter() - started
    pred = [s >= cut for s in scores]
    if pred_out is not None:
        pred_out.parent.mkdir(parents=True, exist_ok=True)
        lines = ["id\tclass_label\trun_id"]
        lines += [
            f"{sid}\t{'Yes' if p else 'No'}\t{RUN_ID}"
            for (sid, _, _), p in zip(rows, pred, strict=True)
        ]
        pred_out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out: dict[str, Any] = {"file": str(path), "sentences": len(rows), "threshold": cut}
    labels = [label for _, _, label in rows]
    if any(label is None for label in labels):
        log.info("%s has no gold labels: predictions only", path)
        out["predicted_positives"] = sum(pred)
        return out
    gold = [bool(label) for label in labels]
    out["positives"] = sum(gold)
    out["model"] = positive_f1(gold, pred)
    out["seconds"] = round(seconds, 2)
    if baseline:
        hand = _hand_scores(texts)
        hand_cut = 0.35 if threshold is None else threshold  # the hand weights' tuned cut
        out["hand"] = positive_f1(gold, [s >= hand_cut for s in hand])
        out["hand"]["threshold"] = hand_cut
    return out
