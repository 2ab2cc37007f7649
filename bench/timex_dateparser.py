"""Baseline for bench/RESULTS.md: dateparser's ``search_dates`` scored with sitrep's TE3 scorer.

dateparser is not a dependency of sitrep: install it into a throwaway virtual environment and
name that environment's site-packages in ``DATEPARSER_SITE`` (appended to ``sys.path``, so the
project's own packages win):

    python3 -m venv /tmp/dpvenv && /tmp/dpvenv/bin/pip install dateparser
    DATEPARSER_SITE=$(ls -d /tmp/dpvenv/lib/python*/site-packages) \\
        .venv/bin/python bench/timex_dateparser.py ../shared/data/timex/tbaq-cleaned

Each found string is located in the text in order; DATE (day value) unless it carries a clock
time; ``RELATIVE_BASE`` = the DCT, ``PREFER_DATES_FROM`` = past.
"""

from __future__ import annotations

import os
import sys
import time
import warnings
from datetime import datetime
from pathlib import Path
from typing import Any

from sitrep.evaluate.timeml import GoldTimex, TimeMLDoc, read_corpus
from sitrep.evaluate.timex import DocResult, score_document, summarize


def _predict(doc: TimeMLDoc, search_dates: Any) -> list[GoldTimex]:
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
    if doc.dct:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(doc.dct)
    try:
        found = search_dates(doc.text, languages=["en"], settings=settings) or []
    except Exception:  # noqa: BLE001 - a baseline: a failing document predicts nothing
        found = []
    out: list[GoldTimex] = []
    pos = 0
    for s, d in found:
        i = doc.text.find(s, pos)
        if i < 0:
            i = doc.text.find(s)
            if i < 0:
                continue
        else:
            pos = i + len(s)
        e = i + len(s)
        if any(i < x1 and x0 < e for x0, x1 in doc.excluded):
            continue
        timed = bool(d.hour or d.minute)
        value = d.strftime("%Y-%m-%dT%H:%M") if timed else d.strftime("%Y-%m-%d")
        out.append(GoldTimex(i, e, "TIME" if timed else "DATE", value))
    return out


def main() -> None:
    site = os.environ.get("DATEPARSER_SITE")
    if site:
        sys.path.append(site)
    warnings.filterwarnings("ignore")
    from dateparser.search import search_dates  # optional, outside the project

    for arg in sys.argv[1:]:
        total = DocResult()
        words = 0
        t0 = time.process_time()
        for doc in read_corpus(Path(arg)):
            words += len(doc.text.split())
            total.add(score_document(doc.timexes, _predict(doc, search_dates)))
        s = summarize(total)
        secs = time.process_time() - t0
        row = {
            "set": Path(arg).name,
            "strict_f1": s["strict"]["f1"],
            "relaxed": s["relaxed"],
            "type_f1": s["type"]["f1"],
            "value_f1": s["value"]["f1"],
            "value_acc": s["value"]["accuracy"],
            "words_per_second": round(words / secs) if secs else None,
        }
        print(row)


if __name__ == "__main__":
    main()
