"""Error analysis for time expressions on a TimeML folder: what sitrep misses, adds and misvalues.

Usage: .venv/bin/python bench/timex_errors.py ../shared/data/timex/tbaq-cleaned [N]
Prints the N most frequent missed extents, spurious extents, boundary errors and wrong values.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from sitrep.evaluate.timeml import read_corpus
from sitrep.evaluate.timex import predict, score_document


def main() -> None:
    data = Path(sys.argv[1])
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    bounds: Counter[str] = Counter()
    values: Counter[str] = Counter()
    for doc in read_corpus(data):
        res = score_document(doc.timexes, predict(doc))
        text = doc.text
        for g in res.missed:
            missed[text[g.start : g.end].lower()] += 1
        for p in res.spurious:
            spurious[text[p.start : p.end].lower()] += 1
        for g, p in res.pairs:
            if (g.start, g.end) != (p.start, p.end):
                bounds[f"{text[g.start : g.end]!r} ~ {text[p.start : p.end]!r}"] += 1
            if g.value != p.value:
                values[
                    f"{text[g.start : g.end]!r} gold={g.value} ours={p.value} dct={doc.dct}"
                ] += 1
    for name, counter in (
        ("missed", missed),
        ("spurious", spurious),
        ("boundary", bounds),
        ("value", values),
    ):
        print(f"== {name} ({sum(counter.values())})")
        for key, n in counter.most_common(top):
            print(f"{n:4d}  {key}")


if __name__ == "__main__":
    main()
