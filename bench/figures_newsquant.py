"""NewsQuant value+unit and value F1 of sitrep's figures (CQE's protocol, see
sitrep.evaluate.figures), on the dev half and the Recognizers-Text test sets.

    .venv/bin/python bench/figures_newsquant.py [../shared/data/figures] [--pred-out DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "data", nargs="?", type=Path, default=Path("../shared/data/figures"), help="figures folder"
    )
    parser.add_argument("--pred-out", type=Path, default=None, help="write predictions here")
    args = parser.parse_args()

    from sitrep.evaluate.figures import evaluate_figures

    files = [args.data / "newsquant-dev.json", *sorted((args.data / "recognizers").glob("*.json"))]
    rows = {}
    for path in files:
        out = args.pred_out / f"pred-{path.name}" if args.pred_out else None
        if out is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
        result = evaluate_figures(path, pred_out=out)
        rows[path.name] = {
            "sentences": result["sentences"],
            "value_unit": result["value_unit"],
            "value": result["value"],
            "change_accuracy": result["change_accuracy"],
        }
    json.dump(rows, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
