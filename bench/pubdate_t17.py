"""Publication dates inferred with every date hidden, on T17 (and TimeML sets).

    .venv/bin/python bench/pubdate_t17.py [../shared/data/tls/t17] [more folders...]

Runs ``sitrep.evaluate.pubdate.evaluate_pubdate`` on each folder (each T17 topic folder is
one corpus, as a story would be) and prints the overall figures and those per corpus.
Targets: within +-1 day >= 70%, wrong year < 2% (abstentions count as misses).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sitrep.evaluate.pubdate import evaluate_pubdate


def main() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared/data"
    folders = [Path(a) for a in sys.argv[1:]] or [shared / "tls/t17"]
    for folder in folders:
        res = evaluate_pubdate(folder)
        by = res.pop("by_corpus", {})
        print(json.dumps({"data": str(folder), **res}))
        for name, row in by.items():
            print(json.dumps({"corpus": name, **row}))


if __name__ == "__main__":
    main()
