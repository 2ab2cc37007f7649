"""``sitrep eval timex``: time expressions scored the TempEval-3 way.

Each document's text is tagged by ``sitrep.time.timex.tag_timexes`` with its DCT as the anchor;
predictions are compared with the gold TIMEX3s as TempEval-3's scorer does
(``evaluate_entities.py``, UzZaman et al. 2013):

* a gold and a predicted expression **match (relaxed)** when their extents overlap; each is
  matched at most once (largest overlap first, as the TimeML normaliser pairs ids);
* a relaxed match is **strict** when the extents are identical;
* extent precision = matched / predicted, recall = matched / gold, F1 their harmonic mean;
* **type** and **value** are compared (exact string equality) on relaxed matches only:
  accuracy = correct / relaxed matches, and the attribute's F1 = accuracy x relaxed F1 (the
  scorer's "Attribute F1"), i.e. P and R over the relaxed-matched pairs with an equal value.

Scores are micro-averaged over all expressions. ``by_folder`` breaks them down by the first
sub-folder of ``data_dir`` (TimeBank / AQUAINT, MEANTIME's four topics).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.evaluate.timeml import GoldTimex, TimeMLDoc, read_corpus, write_tml
from sitrep.time.extract import extract_timexes
from sitrep.time.pubdate import infer_from_content
from sitrep.time.timex import sentence_spans, tag_timexes

__all__ = ["DocResult", "evaluate_timex", "predict", "score_document", "summarize"]

log = logging.getLogger(__name__)


@dataclass(slots=True)
class DocResult:
    """Counts for one document, and the pairs and misses for error analysis."""

    gold: int = 0
    predicted: int = 0
    relaxed: int = 0
    strict: int = 0
    type_ok: int = 0
    value_ok: int = 0
    pairs: list[tuple[GoldTimex, GoldTimex]] = field(default_factory=list)  # (gold, predicted)
    missed: list[GoldTimex] = field(default_factory=list)
    spurious: list[GoldTimex] = field(default_factory=list)

    def add(self, other: DocResult) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.relaxed += other.relaxed
        self.strict += other.strict
        self.type_ok += other.type_ok
        self.value_ok += other.value_ok


def predict(doc: TimeMLDoc) -> list[GoldTimex]:
    """sitrep's time expressions for ``doc``, anchored on its DCT, outside excluded spans.

    A document without a DCT is anchored as sitrep anchors an undated article: on the day its
    text dates itself (a dateline, "October 20, 2031 ..."), when it names one day.
    """
    anchor = doc.dct
    if anchor is None:
        sentences = sentence_spans(doc.text)
        unanchored = extract_timexes(doc.text, sentences)
        published = infer_from_content(doc.text, unanchored, sentences)
        if published.date is not None and published.earliest == published.latest:
            anchor = published.date
    found = tag_timexes(doc.text, anchor=anchor)
    out = []
    for t in found:
        s, e = t.span
        if any(s < x1 and x0 < e for x0, x1 in doc.excluded):
            continue
        out.append(GoldTimex(s, e, t.type, t.value, mod=t.mod))
    return out


def score_document(gold: list[GoldTimex], predicted: list[GoldTimex]) -> DocResult:
    """Match ``predicted`` to ``gold`` one-to-one by largest overlap and count (see module)."""
    res = DocResult(gold=len(gold), predicted=len(predicted))
    cands: list[tuple[int, int, int]] = []
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                cands.append((overlap, i, j))
    cands.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _overlap, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        g, p = gold[i], predicted[j]
        res.relaxed += 1
        res.strict += (g.start, g.end) == (p.start, p.end)
        res.type_ok += g.type == p.type
        res.value_ok += g.value == p.value
        res.pairs.append((g, p))
    res.missed = [g for i, g in enumerate(gold) if i not in used_g]
    res.spurious = [p for j, p in enumerate(predicted) if j not in used_p]
    return res


def _prf(hit: int, sys: int, gold: int) -> dict[str, float]:
    p = hit / sys if sys else 0.0
    r = hit / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(100 * p, 2), "r": round(100 * r, 2), "f1": round(100 * f, 2)}


def summarize(total: DocResult) -> dict[str, Any]:
    """TempEval-3 figures (percentages) from summed counts."""
    relaxed = _prf(total.relaxed, total.predicted, total.gold)
    acc_type = total.type_ok / total.relaxed if total.relaxed else 0.0
    acc_value = total.value_ok / total.relaxed if total.relaxed else 0.0
    return {
        "gold": total.gold,
        "predicted": total.predicted,
        "strict": _prf(total.strict, total.predicted, total.gold),
        "relaxed": relaxed,
        "type": {
            "accuracy": round(100 * acc_type, 2),
            **_prf(total.type_ok, total.predicted, total.gold),
        },
        "value": {
            "accuracy": round(100 * acc_value, 2),
            **_prf(total.value_ok, total.predicted, total.gold),
        },
    }


def evaluate_timex(
    data_dir: Path, *, pred_out: Path | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Score sitrep's time expressions on the TimeML / CAT documents under ``data_dir``.

    Args:
        data_dir: a folder of ``.tml`` files and/or MEANTIME CAT ``.xml`` files (searched
            recursively), or one such file.
        pred_out: when given, each document's predictions are written there as ``.tml``
            (same relative path as its gold file, suffix ``.tml``).
        limit: score only the first ``limit`` documents (sorted by path).

    Returns:
        ``{"documents", "words", "seconds", "words_per_second", "strict", "relaxed", "type",
        "value", "by_folder"}``; each score block has ``p``, ``r``, ``f1`` (percent), the
        attribute blocks also ``accuracy``.

    Example:
        >>> res = evaluate_timex(Path("../shared/data/timex/tbaq-cleaned"))  # doctest: +SKIP
        >>> res["value"]["f1"]  # doctest: +SKIP
        76.9
    """
    root = data_dir if data_dir.is_dir() else data_dir.parent
    docs = read_corpus(data_dir, limit=limit)
    total = DocResult()
    folders: dict[str, DocResult] = {}
    words = 0
    seconds = 0.0
    for doc in docs:
        clock = time.perf_counter()
        predicted = predict(doc)
        seconds += time.perf_counter() - clock
        words += len(doc.text.split())
        res = score_document(doc.timexes, predicted)
        total.add(res)
        rel = doc.path.relative_to(root)
        folder = rel.parts[0] if len(rel.parts) > 1 else "."
        folders.setdefault(folder, DocResult()).add(res)
        if pred_out is not None:
            write_tml(doc, predicted, (pred_out / rel).with_suffix(".tml"))
    log.info("timex: %d documents, %d words in %.2fs", len(docs), words, seconds)
    out: dict[str, Any] = {
        "documents": len(docs),
        "words": words,
        "seconds": round(seconds, 3),
        "words_per_second": round(words / seconds) if seconds else None,
        **summarize(total),
    }
    if len(folders) > 1:
        out["by_folder"] = {name: summarize(r) for name, r in sorted(folders.items())}
    return out
