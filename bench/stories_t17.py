"""Story splitting on Timeline17 mixed with PolNeAR distractors: BCubed over T17 articles.

    .venv/bin/python bench/stories_t17.py [--limit N] [--undated-distractors]

Runs ``sitrep.evaluate.stories.evaluate_stories`` (light articles: text, folder/file-name date,
capitalised-sequence mentions; the product's ``find_duplicates`` and ``split_stories``
unchanged). PolNeAR (2015-16) and T17 (2008-11) do not overlap in time, which the stories'
time decay exploits; ``--undated-distractors`` drops the distractors' dates to measure the
harder case where only the words separate them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sitrep.evaluate.stories import evaluate_stories

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--undated-distractors", action="store_true")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"no shared data at {DATA}")
    result = evaluate_stories(
        DATA / "tls" / "t17",
        DATA / "attribution" / "polnear",
        limit=args.limit,
        undated_distractors=args.undated_distractors,
    )
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
