"""``sitrep eval extraction``: main-text extraction on trafilatura's evaluation set.

The data: ``evaldata.json`` maps a page URL to ``{"file", "with": [...], "without": [...]}``
and ``html/<file>.gz`` holds the page. The metric is trafilatura's own (tests/eval_common.py):
whitespace-normalise; for each segment test whether it is a substring of the extracted text;
a "with" segment found is a true positive (else a false negative), a "without" segment found
is a false positive (else a true negative); precision, recall, accuracy and F1 are
micro-averaged over all segments.

Systems: ``sitrep`` (HTML ingestion + cleaning: the text sitrep keeps), ``sitrep_raw``
(ingestion only, to show what cleaning adds or costs) and, with ``baseline=True``,
``trafilatura`` (``trafilatura.extract`` with default options).
"""

from __future__ import annotations

import gzip
import json
import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trafilatura

from sitrep.clean import clean_article
from sitrep.config import Config
from sitrep.ingest.encoding import decode_bytes
from sitrep.ingest.errors import InputError
from sitrep.ingest.html import read_html
from sitrep.model import CleanedArticle

log = logging.getLogger(__name__)

__all__ = ["evaluate_extraction", "find_eval_data", "score_segments"]

EVALDATA = "evaldata.json"


@dataclass(slots=True)
class _Tally:
    tp: int = 0
    fn: int = 0
    fp: int = 0
    tn: int = 0
    seconds: float = 0.0
    failures: int = 0
    lost_by_reason: Counter[str] = field(default_factory=Counter)

    def add(self, counts: tuple[int, int, int, int]) -> None:
        self.tp += counts[0]
        self.fn += counts[1]
        self.fp += counts[2]
        self.tn += counts[3]

    def report(self) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        total = self.tp + self.fn + self.fp + self.tn
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out: dict[str, Any] = {
            "tp": self.tp,
            "fn": self.fn,
            "fp": self.fp,
            "tn": self.tn,
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "accuracy": round((self.tp + self.tn) / total, 4) if total else 0.0,
            "f1": round(f1, 4),
            "seconds": round(self.seconds, 1),
            "failures": self.failures,
        }
        if self.lost_by_reason:
            out["with_segments_removed_by_cleaning"] = dict(self.lost_by_reason.most_common())
        return out


def _normalize(text: str) -> str:
    return " ".join(text.split())


def score_segments(
    text: str, with_segments: list[str], without_segments: list[str]
) -> tuple[int, int, int, int]:
    """``(tp, fn, fp, tn)`` for one extracted text, by whitespace-normalised substring tests."""
    haystack = _normalize(text)
    found_with = sum(1 for segment in with_segments if _normalize(segment) in haystack)
    found_without = sum(1 for segment in without_segments if _normalize(segment) in haystack)
    return (
        found_with,
        len(with_segments) - found_with,
        found_without,
        len(without_segments) - found_without,
    )


def find_eval_data(data_dir: Path) -> Path:
    """The folder holding ``evaldata.json``: ``data_dir`` or its ``trafilatura-eval`` child.

    Raises:
        FileNotFoundError: neither has an ``evaldata.json``.
    """
    candidates = (
        data_dir,
        data_dir / "trafilatura-eval",
        data_dir / "extraction" / "trafilatura-eval",
    )
    for folder in candidates:
        if (folder / EVALDATA).is_file():
            return folder
    raise FileNotFoundError(f"no {EVALDATA} in {data_dir} or its trafilatura-eval folder")


def _load_page(folder: Path, name: str) -> bytes | None:
    for path in (folder / "html" / f"{name}.gz", folder / "html" / name, folder / name):
        if path.is_file():
            data = path.read_bytes()
            return gzip.decompress(data) if path.suffix == ".gz" else data
    return None


def _sitrep(page: bytes, config: Config) -> tuple[str, CleanedArticle | None]:
    """The raw extracted text and the cleaned article (``None`` when extraction failed)."""
    try:
        raw = read_html(decode_bytes(page, html=True), id="page", source="page")
    except InputError:
        return "", None
    return raw.text, clean_article(raw, config=config)


def _trafilatura(page: bytes) -> str:
    return trafilatura.extract(page) or ""


def _lost_reasons(cleaned: CleanedArticle, segments: list[str], raw_text: str) -> list[str]:
    """Reasons of the removed pieces that took away "with" segments found before cleaning."""
    kept = _normalize(cleaned.text)
    before = _normalize(raw_text)
    reasons = []
    for segment in segments:
        wanted = _normalize(segment)
        if wanted in before and wanted not in kept:
            reason = next(
                (r.reason for r in cleaned.removed if wanted in _normalize(r.text)), "split"
            )
            reasons.append(reason)
    return reasons


def evaluate_extraction(
    data_dir: Path, *, limit: int | None = None, baseline: bool = False
) -> dict[str, Any]:
    """Score sitrep's HTML ingestion + cleaning on trafilatura's evaluation set.

    Args:
        data_dir: the ``trafilatura-eval`` folder (``evaldata.json`` + ``html/``), or a folder
            that holds it.
        limit: score only the first ``limit`` pages (in ``evaldata.json`` order).
        baseline: also score plain ``trafilatura.extract`` (default options) for comparison.

    Returns:
        ``{"data", "documents", "missing_pages", "segments": {"with", "without"},
        "systems": {name: {tp, fn, fp, tn, precision, recall, accuracy, f1, seconds,
        failures}}}``; systems are ``sitrep``, ``sitrep_raw`` (ingestion without cleaning) and,
        with ``baseline``, ``trafilatura``.

    Raises:
        FileNotFoundError: no ``evaldata.json`` under ``data_dir``.
    """
    folder = find_eval_data(data_dir)
    entries: dict[str, dict[str, Any]] = json.loads((folder / EVALDATA).read_text("utf-8"))
    items = list(entries.items())[: limit if limit is not None else None]
    config = Config()
    systems: dict[str, _Tally] = {"sitrep": _Tally(), "sitrep_raw": _Tally()}
    if baseline:
        systems["trafilatura"] = _Tally()
    missing = 0
    n_with = n_without = 0
    for count, (url, entry) in enumerate(items, start=1):
        page = _load_page(folder, entry["file"])
        if page is None:
            log.warning("%s: page %s missing", url, entry["file"])
            missing += 1
            continue
        with_segments = list(entry.get("with", []))
        without_segments = list(entry.get("without", []))
        n_with += len(with_segments)
        n_without += len(without_segments)

        start = time.perf_counter()
        raw_text, cleaned = _sitrep(page, config)
        systems["sitrep"].seconds += time.perf_counter() - start
        if cleaned is None:
            systems["sitrep"].failures += 1
            systems["sitrep_raw"].failures += 1
        systems["sitrep_raw"].add(score_segments(raw_text, with_segments, without_segments))
        text = cleaned.text if cleaned is not None else ""
        systems["sitrep"].add(score_segments(text, with_segments, without_segments))
        if cleaned is not None:
            systems["sitrep"].lost_by_reason.update(_lost_reasons(cleaned, with_segments, raw_text))

        if baseline:
            start = time.perf_counter()
            baseline_text = _trafilatura(page)
            systems["trafilatura"].seconds += time.perf_counter() - start
            if not baseline_text:
                systems["trafilatura"].failures += 1
            systems["trafilatura"].add(
                score_segments(baseline_text, with_segments, without_segments)
            )
        if count % 100 == 0:
            log.info("extraction eval: %d/%d pages", count, len(items))
    systems["sitrep_raw"].seconds = systems["sitrep"].seconds  # one extraction serves both
    return {
        "data": str(folder),
        "documents": len(items) - missing,
        "missing_pages": missing,
        "segments": {"with": n_with, "without": n_without},
        "systems": {name: tally.report() for name, tally in systems.items()},
    }
