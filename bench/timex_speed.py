"""Time-expression tagging speed, words per second on one core (extraction + anchoring).

    .venv/bin/python bench/timex_speed.py [../shared/data/timex/tbaq-cleaned] [repeats]

Reads the TimeML texts once, then times ``tag_timexes`` over all of them ``repeats`` times
(default 3) in this single process and reports the best pass (the first pass also pays for
regex compilation caches). Target: >= 50k words/s per core.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from sitrep.evaluate.timeml import read_corpus
from sitrep.time.timex import tag_timexes


def main() -> None:
    root = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else (Path(__file__).resolve().parents[2] / "shared/data/timex/tbaq-cleaned")
    )
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    docs = read_corpus(root)
    words = sum(len(d.text.split()) for d in docs)
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        for d in docs:
            tag_timexes(d.text, anchor=d.dct)
        best = min(best, time.process_time() - start)
    print(
        json.dumps(
            {
                "data": str(root),
                "docs": len(docs),
                "words": words,
                "cpu_seconds": round(best, 3),
                "words_per_second": round(words / best),
            }
        )
    )


if __name__ == "__main__":
    main()
