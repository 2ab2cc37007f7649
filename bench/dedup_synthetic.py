"""Duplicate detection on generated copies of T17 articles: precision and recall.

    .venv/bin/python bench/dedup_synthetic.py [--per-topic N] [--seed S]

For each sampled T17 article (the "original") it writes one variant of each kind:

* ``exact``      the same text;
* ``headline``   a new first line (the headline of another article of the topic);
* ``boiler``     boilerplate lines added at the top and bottom, and the last paragraph dropped;
* ``paraphrase`` neighbouring sentences swapped, common words swapped for synonyms
  (``SYNONYMS``, written for this bench), one sentence in six dropped;

dated the same day or the next. The negatives are the other originals of the same topic (hard
negatives: same names, same vocabulary, different article). Articles are light
(``sitrep.evaluate.stories.light_article``: text, line sentences, date, capitalised-sequence
mentions; no figures), and go through the product's ``find_duplicates`` unchanged.
``--figures`` gives every article its numbers as figures (a regex stand-in for the figure
layer), which turns on the fact-matched paraphrase test on the hard negatives too.

A found pair (copy -> target) is right when the target is the copy's original (or another
variant of it); pairs between two originals are counted apart (T17 holds real reposts) and
also counted as errors in the strict precision.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

from sitrep.evaluate.stories import light_article, load_t17
from sitrep.link.dedup import find_duplicates
from sitrep.model import AnalyzedArticle, Figure

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"

BOILER_TOP = ["Skip to main content", "Share this article", "Follow us on social media"]
BOILER_BOTTOM = [
    "Sign up for our daily newsletter .",
    "Copyright 2010 . All rights reserved .",
    "Comments are closed .",
]
SYNONYMS = {
    "said": "stated",
    "says": "states",
    "told": "informed",
    "big": "large",
    "large": "big",
    "help": "assist",
    "show": "indicate",
    "shows": "indicates",
    "began": "started",
    "started": "began",
    "buy": "purchase",
    "about": "around",
    "quickly": "rapidly",
    "people": "residents",
    "officials": "authorities",
    "also": "additionally",
    "however": "but",
    "many": "numerous",
    "important": "key",
    "major": "significant",
    "increase": "rise",
    "decrease": "fall",
    "before": "prior to",
    "after": "following",
    "week": "seven days",
    "try": "attempt",
    "tried": "attempted",
    "used": "employed",
}


_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*(?![\w])")


def _with_figures(article: AnalyzedArticle) -> AnalyzedArticle:
    """The article with each number of its text as an exact figure (no unit)."""
    for n, m in enumerate(_NUMBER.finditer(article.text)):
        raw = m.group(0).replace(",", "")
        try:
            value = float(raw)
        except ValueError:
            continue
        article.figures.append(
            Figure(
                id=f"f{n}",
                span=m.span(),
                text=m.group(0),
                value=value,
                low=None,
                high=None,
                qualifier="exact",
                unit=None,
                counts=None,
            )
        )
    return article


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z`\"])|\n+", text) if s.strip()]


def _paraphrase(text: str, rng: random.Random) -> str:
    sents = _sentences(text)
    for i in range(0, len(sents) - 1, 3):  # swap neighbours
        if rng.random() < 0.5:
            sents[i], sents[i + 1] = sents[i + 1], sents[i]
    kept = [s for n, s in enumerate(sents) if n == 0 or rng.random() > 1 / 6]
    out = []
    for s in kept:
        words = s.split(" ")
        out.append(" ".join(SYNONYMS.get(w, w) if rng.random() < 0.7 else w for w in words))
    return "\n".join(out)


def _variants(text: str, other_title: str, rng: random.Random) -> dict[str, str]:
    lines = text.split("\n")
    paras = [p for p in lines if p.strip()]
    body = paras[:-1] if len(paras) > 3 else paras
    boiler = "\n".join([*BOILER_TOP, *body, *BOILER_BOTTOM])
    return {
        "exact": text,
        "headline": "\n".join([other_title, *lines[1:]])
        if len(lines) > 1
        else other_title + " " + text,
        "boiler": boiler,
        "paraphrase": _paraphrase(text, rng),
    }


def run(
    per_topic: int, seed: int, min_words: int = 120, figures: bool = False
) -> dict[str, object]:
    rng = random.Random(seed)
    by_topic: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for doc_id, topic, day, text in load_t17(DATA / "tls" / "t17"):
        if len(text.split()) >= min_words:
            by_topic[topic].append((doc_id, day, text))
    articles = []
    original_of: dict[str, str] = {}
    kind_of: dict[str, str] = {}
    for _topic, docs in sorted(by_topic.items()):
        sample = rng.sample(docs, min(per_topic, len(docs)))
        negatives = rng.sample(docs, min(per_topic, len(docs)))
        seen = {d[0] for d in sample}
        for doc_id, day, text in sample:
            articles.append(light_article(doc_id, text, day))
            original_of[doc_id] = doc_id
            other = rng.choice(docs)[2].split("\n", 1)[0]
            for kind, variant in _variants(text, other, rng).items():
                vid = f"{doc_id}~{kind}"
                shift = date.fromisoformat(day) + timedelta(days=rng.choice((0, 1)))
                articles.append(light_article(vid, variant, shift.isoformat()))
                original_of[vid] = doc_id
                kind_of[vid] = kind
        for doc_id, day, text in negatives:
            if doc_id not in seen:
                articles.append(light_article(doc_id, text, day))
                original_of[doc_id] = doc_id
                seen.add(doc_id)
    rng.shuffle(articles)
    if figures:
        articles = [_with_figures(a) for a in articles]
    start = time.perf_counter()
    found = find_duplicates(articles)
    seconds = time.perf_counter() - start
    right = wrong = between_originals = 0
    recalled: Counter[str] = Counter()
    for d in found:
        same = original_of[d.document] == original_of[d.duplicate_of]
        if same:
            right += 1
            if d.document in kind_of:
                recalled[kind_of[d.document]] += 1
        elif d.document not in kind_of and d.duplicate_of not in kind_of:
            between_originals += 1
        else:
            wrong += 1
    # a copy counts as found when it, or its original, points into the same group
    groups: dict[str, set[str]] = defaultdict(set)
    for d in found:
        groups[d.duplicate_of].add(d.document)
    member_of = {m: root for root, ms in groups.items() for m in ms | {root}}
    found_copies: Counter[str] = Counter()
    for vid, kind in kind_of.items():
        orig = original_of[vid]
        if vid in member_of and member_of.get(orig) == member_of[vid]:
            found_copies[kind] += 1
    per_kind = Counter(kind_of.values())
    total = sum(per_kind.values())
    return {
        "articles": len(articles),
        "copies": total,
        "found_pairs": len(found),
        "precision": round(right / max(1, right + wrong), 4),
        "precision_strict": round(right / max(1, right + wrong + between_originals), 4),
        "recall": round(sum(found_copies.values()) / max(1, total), 4),
        "recall_by_kind": {k: round(found_copies[k] / per_kind[k], 4) for k in sorted(per_kind)},
        "false_pairs_with_copies": wrong,
        "pairs_between_originals": between_originals,
        "seconds": round(seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-topic", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--figures", action="store_true", help="numbers as figures")
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"no shared data at {DATA}")
    print(json.dumps(run(args.per_topic, args.seed, figures=args.figures), indent=1))


if __name__ == "__main__":
    main()
