"""Timeline summarization on T17 (../shared/data/tls/t17), protocol of Ghalandari & Ifrim 2020.

Usage: .venv/bin/python bench/timeline_t17.py [--topics bpoil,H1N1] [--pred-out DIR]

Prints per-timeline align+ m:1 ROUGE-1/2 F and Date-F1, then the averages of every metric
(P and R averaged over timelines, then F), and the wall time. See sitrep.evaluate.timeline for
what runs and how it is scored. Anchors (all 9 T17 topics, the paper): DATEWISE align+ m:1
ROUGE-1 .120, ROUGE-2 .035, Date-F1 .544. Settings are tuned on ``--topics bpoil,H1N1`` only;
report ``--topics Finan,haiti,MJ`` as the held-out figure (bench/RESULTS.md).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sitrep.evaluate.timeline import evaluate_timeline

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "tls" / "t17"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--topics", default="")
    parser.add_argument("--pred-out", type=Path, default=None)
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    args = parser.parse_args()
    topics = [t for t in args.topics.split(",") if t] or None
    start = time.perf_counter()
    result = evaluate_timeline(args.data, pred_out=args.pred_out, topics=topics)
    took = time.perf_counter() - start
    if args.json:
        print(json.dumps(result, indent=1))
        return
    for row in result["timelines"]:
        s = row["scores"]
        print(
            f"{row['timeline']:<70} dates {row['dates']:>3} x {row['per_date']}  "
            f"R1 {s['align+ m:1']['rouge_1']['f']:.3f}  R2 {s['align+ m:1']['rouge_2']['f']:.3f}"
            f"  Date-F1 {s['date']['date']['f']:.3f}"
        )
    for metric, keys in result["average"].items():
        cells = "  ".join(
            f"{k} P {v['p']:.4f} R {v['r']:.4f} F {v['f']:.4f}" for k, v in keys.items()
        )
        print(f"{metric:<11} {cells}")
    print(f"timelines {len(result['timelines'])}, wall {took:.1f} s")


if __name__ == "__main__":
    main()
