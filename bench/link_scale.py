"""Scale of corpus linking: time and peak memory of dedup + stories + entities on synthetic
light articles.

    .venv/bin/python bench/link_scale.py 10000 30000 100000

Each size runs in a fresh process (peak RSS is that process's). Articles are generated from
invented words: ``size / 25`` stories, each with 40 story words and 6 names of its own; an
article has 250 words (60 % from its story, the rest from a 20,000-word general vocabulary), 12
mentions drawn from its story's names and 2 % of articles are near copies of an earlier one.
Dates run over a year in story order. Articles are built by
``sitrep.evaluate.stories.light_article``-like code with the mentions given, not found.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import time

from sitrep.link.dedup import find_duplicates
from sitrep.link.entities import link_entities
from sitrep.link.stories import split_stories
from sitrep.model import AnalyzedArticle, Mention, PublishedDate

WORDS_PER_ARTICLE = 250
ARTICLES_PER_STORY = 25


def _word(rng: random.Random, n: int = 7) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(n // 2))


def corpus(size: int, seed: int = 7) -> list[AnalyzedArticle]:
    rng = random.Random(seed)
    general = [_word(rng, rng.choice((4, 6, 8))) for _ in range(20000)]
    n_stories = max(1, size // ARTICLES_PER_STORY)
    stories = []
    for _ in range(n_stories):
        words = [_word(rng, 8) for _ in range(40)]
        names = [f"{_word(rng, 6).title()} {_word(rng, 8).title()}" for _ in range(6)]
        stories.append((words, names))
    out: list[AnalyzedArticle] = []
    for i in range(size):
        s = rng.randrange(n_stories)
        words, names = stories[s]
        if out and rng.random() < 0.02:
            base = rng.choice(out)
            text = base.text + " Comments are closed ."
            mentions = list(base.mentions)
        else:
            toks = [
                rng.choice(words) if rng.random() < 0.6 else rng.choice(general)
                for _ in range(WORDS_PER_ARTICLE)
            ]
            parts = []
            mentions = []
            pos = 0
            for k in range(0, WORDS_PER_ARTICLE, 20):
                name = rng.choice(names)
                chunk = " ".join(toks[k : k + 20])
                sentence = f"{name} {chunk} ."
                mentions.append(
                    Mention(
                        span=(pos, pos + len(name)),
                        text=name,
                        type="person",
                        label="PERSON",
                        norm=name,
                    )
                )
                parts.append(sentence)
                pos += len(sentence) + 1
            text = " ".join(parts)
        day = f"2024-{1 + (s * 12) // n_stories:02d}-{1 + rng.randrange(28):02d}"
        out.append(
            AnalyzedArticle(
                id=f"a{i}",
                source=f"a{i}",
                title=None,
                outlet=None,
                author=None,
                url=None,
                language="en",
                credits=[],
                published=PublishedDate(
                    date=day, earliest=day, latest=day, method="metadata", confidence=1.0
                ),
                text=text,
                removed=[],
                sentences=[],
                mentions=mentions,
            )
        )
    return out


def measure(size: int) -> dict[str, object]:
    articles = corpus(size)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    dups = find_duplicates(articles)
    t1 = time.perf_counter()
    story_of = split_stories(articles, duplicates=dups)
    t2 = time.perf_counter()
    index = link_entities(articles, story_of=story_of)
    t3 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "articles": size,
        "duplicates": len(dups),
        "stories": len(set(story_of.values())),
        "entities": len(index.entities),
        "seconds": {
            "dedup": round(t1 - t0, 1),
            "stories": round(t2 - t1, 1),
            "entities": round(t3 - t2, 1),
        },
        "peak_rss_mb": round(peak / 1024),
        "rss_added_by_linking_mb": round((peak - base) / 1024),
    }


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10000]
    if len(sizes) == 1:
        print(json.dumps(measure(sizes[0])))
        return
    for size in sizes:
        proc = subprocess.run(
            [sys.executable, __file__, str(size)], capture_output=True, text=True, check=False
        )
        print(proc.stdout.strip() or proc.stderr[-2000:], flush=True)


if __name__ == "__main__":
    main()
