"""TempEval-3 scores of sitrep's time expressions on the shared TimeML sets.

    .venv/bin/python bench/timex_te3.py [../shared/data/timex] [--pred-out DIR]

Scores TBAQ (the development set: tune here), then WikiWars and MEANTIME (held out: never tuned
on; they predict the held-out TE3-Platinum figure). Prints one JSON line per set; the scoring
is ``sitrep.evaluate.timex.evaluate_timex`` (TE3's strict/relaxed extent, type and value F1).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sitrep.evaluate.timex import evaluate_timex

SETS = ("tbaq-cleaned", "wikiwars", "meantime-english")


def main() -> None:
    args = sys.argv[1:]
    pred_out = None
    if "--pred-out" in args:
        i = args.index("--pred-out")
        pred_out = Path(args[i + 1])
        del args[i : i + 2]
    root = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "shared/data/timex"
    for name in SETS:
        res = evaluate_timex(root / name, pred_out=pred_out / name if pred_out else None)
        row = {
            "set": name,
            "docs": res["documents"],
            "gold": res["gold"],
            "pred": res["predicted"],
            "strict_f1": res["strict"]["f1"],
            "relaxed_f1": res["relaxed"]["f1"],
            "relaxed_p": res["relaxed"]["p"],
            "relaxed_r": res["relaxed"]["r"],
            "type_f1": res["type"]["f1"],
            "value_f1": res["value"]["f1"],
            "value_acc": res["value"]["accuracy"],
        }
        print(json.dumps(row))


if __name__ == "__main__":
    main()
