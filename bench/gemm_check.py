"""Proof that NumPy's BLAS parses exactly as thinc's BLIS does (``text.nlp.use_numpy_gemm``).

    OMP_NUM_THREADS=1 .venv/bin/python bench/gemm_check.py --polnear DIR [--limit N]

Every text of PolNeAR train + dev (read, never copied; the first N with ``--limit``) goes
through the whole pipeline twice, ``load_nlp(..., numpy_gemm=False)`` and ``=True``, and each
token's TAG, DEP, HEAD, POS, LEMMA, sentence start and entity tag, and each doc's entities,
are compared; so is the largest difference between the two tok2vec outputs (``doc.tensor``).
Prints one JSON line: tokens compared, mismatches (and the first few), the largest tensor
difference, and words per second of each path (CPU time, one thread).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from token_attrs_check import MODEL, _texts  # a sibling bench script: bench/ is on sys.path


def _rows(doc: Any) -> list[tuple[Any, ...]]:
    return [
        (t.i, t.tag_, t.dep_, t.head.i, t.pos_, t.lemma_, t.is_sent_start, t.ent_iob_, t.ent_type_)
        for t in doc
    ] + [("ents", [(e.start, e.end, e.label_) for e in doc.ents])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    texts = _texts(args.polnear / "train" / "text") + _texts(args.polnear / "dev" / "text")
    if args.limit:
        texts = texts[: args.limit]
    words = sum(len(t.split()) for t in texts)

    import numpy

    from sitrep.text.nlp import load_nlp

    docs: dict[str, list[Any]] = {}
    seconds: dict[str, float] = {}
    for name, numpy_gemm in (("blis", False), ("numpy", True)):
        nlp = load_nlp(MODEL, numpy_gemm=numpy_gemm)
        start = time.process_time()
        docs[name] = list(nlp.pipe(texts, batch_size=32))
        seconds[name] = time.process_time() - start
    tokens = mismatches = 0
    worst = 0.0
    examples: list[Any] = []
    for a, b in zip(docs["blis"], docs["numpy"], strict=True):
        tokens += len(a)
        if a.tensor.shape == b.tensor.shape and a.tensor.size:
            worst = max(worst, float(numpy.abs(a.tensor - b.tensor).max()))
        for x, y in zip(_rows(a), _rows(b), strict=True):
            if x != y:
                mismatches += 1
                if len(examples) < 5:
                    examples.append([x, y])
    print(
        json.dumps(
            {
                "texts": len(texts),
                "words": words,
                "tokens": tokens,
                "mismatches": mismatches,
                "examples": examples,
                "max_tensor_diff": worst,
                "words_per_second": {k: round(words / v) for k, v in seconds.items()},
            }
        )
    )


if __name__ == "__main__":
    main()
