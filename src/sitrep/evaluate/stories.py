"""``evaluate_stories``: story splitting on Timeline17 topics mixed with unrelated articles.

The data: T17 (``tls/t17/<topic>_<source>/InputDocs/<date>/*.txt``; the topic is the part of
the folder name before the underscore, case-insensitive: bpoil, finan, h1n1, haiti, mj) and,
as distractors, any folder of ``.txt`` articles (PolNeAR's ``*/text/*.txt``, whose file names
start ``<publisher>_<YYYY-MM-DD>_``); every distractor is its own gold story.

Articles go through the product's ``find_duplicates`` and ``split_stories`` unchanged, in
date order as the product visits them (one pass: a story may be joined later). Building the
full ``AnalyzedArticle`` of thousands of articles with spaCy takes minutes, so the articles
here are *light*: their text, one sentence per line, the publication date of their folder or
file name, and mentions from ``light_mentions`` (capitalised word sequences, a fast stand-in
for the NER layer; typed ``other``). The story code reads only ``text``, ``mentions`` (their
``norm``) and ``published``, so it sees the same kind of input as in a build.

The score is BCubed precision, recall and F1 averaged over the T17 articles (predicted
clusters include any distractor that joined them), plus the same over all articles, the
number of stories, and how many T17 articles were lost (none may be: every article must get
exactly one story).
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sitrep.link.dedup import find_duplicates
from sitrep.link.lexicon import STOPWORDS
from sitrep.link.stories import split_stories
from sitrep.model import AnalyzedArticle, Mention, PublishedDate, Sentence

log = logging.getLogger(__name__)

__all__ = ["bcubed", "evaluate_stories", "light_article", "light_mentions", "load_t17"]

_DATE_DIR = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FILE_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")
# a capitalised word, then more capitalised words, optionally joined by of/for/the/and/de
_CAP = r"[A-Z][\w'’.-]*[\w]|[A-Z]"
_NAME = re.compile(rf"(?:{_CAP})(?:\s+(?:(?:of|for|the|and|de|al)\s+)?(?:{_CAP}))*")
_CONNECTORS = {"of", "for", "the", "and", "de", "al", "a", "an"}


def light_mentions(text: str) -> list[Mention]:
    """Capitalised word sequences as ``other`` mentions: a fast stand-in for NER.

    Leading common words and connectors are dropped ("But the Harbour Board" -> "Harbour
    Board"), so is a trailing possessive in ``norm``.
    """
    out: list[Mention] = []
    for m in _NAME.finditer(text):
        surface = m.group(0)
        start, end = m.span()
        words = surface.split()
        # drop a leading common word ("The", "But") and any connector after it ("But the X")
        while words and (words[0].lower() in STOPWORDS or words[0].lower() in _CONNECTORS):
            surface = surface[len(words[0]) :].lstrip()
            start = end - len(surface)
            words = words[1:]
        if not words:
            continue
        norm = re.sub(r"\s*['’]s?$", "", surface).strip()
        if len(norm) < 2:
            continue
        out.append(Mention(span=(start, end), text=surface, type="other", label="LIGHT", norm=norm))
    return out


def light_article(doc_id: str, text: str, date: str | None) -> AnalyzedArticle:
    """An ``AnalyzedArticle`` with text, line sentences, a known date and light mentions."""
    sentences = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped)
            sentences.append(Sentence(span=(start, start + len(stripped))))
        pos += len(line) + 1
    published = PublishedDate(
        date=date, earliest=date, latest=date, method="filename" if date else "none", confidence=1.0
    )
    return AnalyzedArticle(
        id=doc_id,
        source=doc_id,
        title=None,
        outlet=None,
        author=None,
        url=None,
        language="en",
        credits=[],
        published=published,
        text=text,
        removed=[],
        sentences=sentences,
        mentions=light_mentions(text),
    )


def load_t17(t17_dir: Path, *, limit: int | None = None) -> list[tuple[str, str, str, str]]:
    """``(id, topic, date, text)`` of every T17 article; ``limit`` keeps the first per folder."""
    out = []
    for folder in sorted(p for p in t17_dir.iterdir() if p.is_dir()):
        topic = folder.name.split("_", 1)[0].lower()
        files = sorted(
            f
            for d in (folder / "InputDocs").iterdir()
            if d.is_dir() and _DATE_DIR.match(d.name)
            for f in d.glob("*.txt")
        )
        for f in files[:limit] if limit else files:
            text = f.read_text(encoding="utf-8", errors="replace")
            out.append((f"{folder.name}/{f.parent.name}/{f.stem}", topic, f.parent.name, text))
    return out


def load_distractors(
    distractor_dir: Path, *, limit: int | None = None
) -> list[tuple[str, str | None, str]]:
    """``(id, date, text)`` of every ``.txt`` under ``distractor_dir`` (date from its name)."""
    files = sorted(distractor_dir.rglob("*.txt"))
    out = []
    for f in files[:limit] if limit else files:
        m = _FILE_DATE.search(f.name)
        text = f.read_text(encoding="utf-8", errors="replace")
        out.append((f"x/{f.relative_to(distractor_dir)}", m.group(1) if m else None, text))
    return out


def bcubed(pred: dict[str, str], gold: dict[str, str], items: Iterable[str]) -> dict[str, float]:
    """BCubed precision, recall and F1 averaged over ``items`` (Amigó et al. 2009).

    Clusters are taken over every item of ``pred``/``gold``, so an unrelated item that joined
    a cluster lowers the precision of that cluster's items.
    """
    pred_members: dict[str, set[str]] = defaultdict(set)
    gold_members: dict[str, set[str]] = defaultdict(set)
    for item, c in pred.items():
        pred_members[c].add(item)
    for item, c in gold.items():
        gold_members[c].add(item)
    ps, rs = [], []
    for item in items:
        p_set = pred_members[pred[item]]
        g_set = gold_members[gold[item]]
        both = len(p_set & g_set)
        ps.append(both / len(p_set))
        rs.append(both / len(g_set))
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def evaluate_stories(
    t17_dir: Path,
    distractor_dir: Path | None,
    *,
    limit: int | None = None,
    threshold: float | None = None,
    merge_threshold: float | None = None,
    dedup: bool = True,
    undated_distractors: bool = False,
) -> dict[str, Any]:
    """Score ``split_stories`` on T17 topics (plus distractors, each its own story).

    ``limit`` keeps the first ``limit`` articles of each T17 folder and ``limit`` distractors;
    ``threshold``/``merge_threshold`` override the stories' defaults; ``dedup=False`` skips
    duplicate detection; ``undated_distractors`` drops the distractors' dates.
    Returns BCubed over the T17 articles (``t17``) and over all articles (``all``), story
    counts, lost articles and timings.
    """
    started = time.perf_counter()
    t17 = load_t17(t17_dir, limit=limit)
    extra = load_distractors(distractor_dir, limit=limit) if distractor_dir else []
    gold: dict[str, str] = {doc_id: topic for doc_id, topic, _, _ in t17}
    gold.update({doc_id: doc_id for doc_id, _, _ in extra})
    articles = [light_article(doc_id, text, date) for doc_id, _, date, text in t17]
    articles += [
        light_article(doc_id, text, None if undated_distractors else date)
        for doc_id, date, text in extra
    ]
    loaded = time.perf_counter()
    duplicates = find_duplicates(articles) if dedup else []
    deduped = time.perf_counter()
    kwargs = {} if threshold is None else {"threshold": threshold}
    if merge_threshold is not None:
        kwargs["merge_threshold"] = merge_threshold
    story_of = split_stories(articles, duplicates=duplicates, **kwargs)
    done = time.perf_counter()
    t17_ids = [doc_id for doc_id, _, _, _ in t17]
    lost = [i for i in gold if i not in story_of]
    pred = {i: story_of.get(i, f"lost:{i}") for i in gold}
    per_topic: dict[str, Counter[str]] = defaultdict(Counter)
    for doc_id, topic, _, _ in t17:
        per_topic[topic][pred[doc_id]] += 1
    t17_stories = {pred[i] for i in t17_ids}
    joined = sum(1 for doc_id, _, _ in extra if pred[doc_id] in t17_stories)
    result: dict[str, Any] = {
        "articles": len(articles),
        "t17_articles": len(t17_ids),
        "distractors": len(extra),
        "t17": bcubed(pred, gold, t17_ids),
        "all": bcubed(pred, gold, list(gold)),
        "stories": len(set(pred.values())),
        "stories_with_t17": len(t17_stories),
        "distractors_in_t17_stories": joined,
        "lost": len(lost),
        "duplicates": len(duplicates),
        "topics": {
            t: {"articles": sum(c.values()), "stories": len(c), "largest": c.most_common(1)[0][1]}
            for t, c in sorted(per_topic.items())
        },
        "seconds": {
            "load": round(loaded - started, 2),
            "dedup": round(deduped - loaded, 2),
            "stories": round(done - deduped, 2),
        },
    }
    log.info("stories: %s", result)
    return result
