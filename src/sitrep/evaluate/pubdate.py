"""``sitrep eval pubdate``: publication dates inferred with the true date hidden.

Two layouts are read:

* **T17** (``tls/t17/<topic>_<outlet>/InputDocs/YYYY-MM-DD/*.txt``): the date folder is the
  truth. T17 files one story's coverage by outlet (``bpoil_bbc``, ``bpoil_reuters``...); by
  default (``by="story"``) the folders of one story are one corpus, as a user following the
  story would give sitrep all its coverage at once; ``by="folder"`` makes each folder its own
  corpus (one outlet alone). Scores are reported per folder either way. The text is
  Penn-Treebank tokenized ("country 's", "`` quoted ''"), so it is detokenized first, as
  sitrep would receive it.
* **TimeML** (``.tml`` files, MEANTIME CAT ``.xml``): the DCT is the truth; each document is its
  own corpus (a TimeML folder is not one story). Only the text is read (the DCT is hidden;
  MEANTIME's date line is blanked out).

Each article is dated as a build would date an article without metadata: cleaned
(``clean_article``), then the ``published`` stage's content inference on the cleaned text,
with the page stamps (bylines, readers' comments, photo captions) read in the text as it came
(``infer_from_content`` + ``close_range``), then ``refine_with_corpus`` over its corpus, all
of whose dates are hidden too.

The point estimate of a range is its day when it is one, else its middle when it spans at
most ``MAX_POINT_RANGE`` days; wider or no range is an abstention, and abstentions count as
misses in every accuracy. ``wrong_year`` is the share of articles whose estimate has the wrong
year; ``contains`` the share whose range holds the true date.
"""

from __future__ import annotations

import logging
import re
import time
from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sitrep.clean import clean_article
from sitrep.config import Config
from sitrep.evaluate.timeml import iter_files, read_cat, read_tml
from sitrep.model import AnalyzedArticle, PublishedDate, RawArticle, Sentence
from sitrep.time.corpusdate import refine_with_corpus
from sitrep.time.extract import extract_timexes
from sitrep.time.normalize import anchor_date, anchor_timexes, parse_iso
from sitrep.time.pubdate import close_range, infer_from_content, page_timexes
from sitrep.time.timex import sentence_spans

__all__ = ["detokenize", "evaluate_pubdate", "point_estimate", "read_articles"]

log = logging.getLogger(__name__)

MAX_POINT_RANGE = 31  # days: a wider range is no estimate of the day
_CONFIG = Config()
_T17_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def detokenize(text: str) -> str:
    """Undo Penn-Treebank tokenization: "country 's" -> "country's", "`` a ''" -> '"a"'."""
    text = text.replace("-LRB-", "(").replace("-RRB-", ")").replace("\\/", "/")
    text = re.sub(r"``\s*", '"', text)
    text = re.sub(r"\s*''", '"', text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r" ([,.;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    return re.sub(r"[ \t]+\n", "\n", text)


def read_articles(
    data_dir: Path, *, limit: int | None = None, by: str = "story"
) -> dict[str, list[tuple[str, str, date]]]:
    """``{corpus name: [(article id, text, true date)]}`` for either layout; T17 article ids
    start with their folder's name (see the module docstring for ``by``)."""
    if by not in {"story", "folder"}:
        raise ValueError(f"by must be 'story' or 'folder', not {by!r}")
    corpora: dict[str, list[tuple[str, str, date]]] = defaultdict(list)
    count = 0
    t17 = sorted(data_dir.rglob("InputDocs"))
    if t17:
        for inputs in t17:
            topic = inputs.parent.name
            corpus = topic.split("_")[0].lower() if by == "story" else topic
            for path in sorted(inputs.glob("*/*.txt")):
                if limit is not None and count >= limit:
                    return corpora
                day = parse_iso(path.parent.name) if _T17_DAY.fullmatch(path.parent.name) else None
                if day is None:
                    continue
                text = detokenize(path.read_text(encoding="utf-8", errors="replace"))
                corpora[corpus].append((f"{topic}/{path.parent.name}/{path.name}", text, day))
                count += 1
        return corpora
    for path in iter_files(data_dir):
        if limit is not None and count >= limit:
            break
        doc = read_cat(path) if path.suffix == ".xml" else read_tml(path)
        day = parse_iso(doc.dct)
        if day is None:
            continue
        text = doc.text
        for s0, s1 in sorted(doc.excluded, reverse=True):
            text = text[:s0] + " " * (s1 - s0) + text[s1:]  # hide MEANTIME's date line
        # a TimeML folder is no story (TimeBank spans 1989-1998): each document is its own
        # corpus, so this measures what one article's text alone gives
        corpora[str(path.relative_to(data_dir))].append((doc.id, text, day))
        count += 1
    return corpora


def point_estimate(p: PublishedDate) -> date | None:
    """The day a range stands for, or ``None`` (abstention; see the module docstring)."""
    d = parse_iso(p.date) if p.date and len(p.date) == 10 else None
    if d is not None:
        return d
    lo, hi = parse_iso(p.earliest), parse_iso(p.latest)
    if lo is None or hi is None or (hi - lo).days > MAX_POINT_RANGE:
        return None
    return lo + timedelta(days=(hi - lo).days // 2)


def _analyze(aid: str, raw_text: str, *, today: date) -> AnalyzedArticle:
    """An article dated as a build dates one with no metadata: cleaned first, its page stamps
    read in the page as it came (``published_stage``)."""
    text = clean_article(RawArticle(id=aid, source=aid, text=raw_text), config=_CONFIG).text
    spans = sentence_spans(text)
    timexes = extract_timexes(text, spans)
    found = infer_from_content(
        text,
        timexes,
        spans,
        raw_text=raw_text,
        raw_timexes=page_timexes(raw_text, text),
        today=today,
    )
    found = close_range(found, reference=None, today=today)
    dct = anchor_date(found.date, found.earliest, found.latest)
    return AnalyzedArticle(
        id=aid, source=aid, title=None, outlet=None, author=None, url=None, language="en",
        credits=[], published=found, text=text, removed=[],
        sentences=[Sentence(span=s) for s in spans],
        timexes=anchor_timexes(timexes, dct=dct),
    )  # fmt: skip


def evaluate_pubdate(
    data_dir: Path, *, limit: int | None = None, by: str = "story"
) -> dict[str, Any]:
    """Infer each article's publication date with all dates hidden, and score it.

    Args:
        data_dir: a T17 folder (``<topic>/InputDocs/<date>/*.txt``, one or many topics) or a
            folder of TimeML / CAT files.
        limit: read only the first ``limit`` articles (sorted by path).
        by: ``story`` (T17 folders of one story together) or ``folder`` (each alone).

    Returns:
        ``{"articles", "exact", "within_1", "within_7", "wrong_year", "abstained",
        "contains", "median_width_days", "seconds", "by_corpus"}``; rates in percent.
    """
    clock = time.perf_counter()
    corpora = read_articles(data_dir, limit=limit, by=by)
    today = date.today()
    rows: list[tuple[str, date, PublishedDate]] = []
    for name, items in sorted(corpora.items()):
        articles = [_analyze(aid, text, today=today) for aid, text, _day in items]
        changed = refine_with_corpus(articles)
        articles = [replace(a, published=changed.get(a.id, a.published)) for a in articles]
        rows.extend(
            (aid.split("/")[0] if "/" in aid else name, day, a.published)
            for a, (aid, _t, day) in zip(articles, items, strict=True)
        )
    out = _scores(rows)
    out["seconds"] = round(time.perf_counter() - clock, 2)
    folders = sorted({r[0] for r in rows})
    if 1 < len(folders) <= 50:
        out["by_corpus"] = {name: _scores([r for r in rows if r[0] == name]) for name in folders}
    log.info("pubdate: %d articles in %.1fs", len(rows), out["seconds"])
    return out


def _scores(rows: list[tuple[str, date, PublishedDate]]) -> dict[str, Any]:
    n = len(rows)
    exact = near = week = wrong_year = abstained = contains = 0
    widths: list[int] = []
    for _name, truth, p in rows:
        lo, hi = parse_iso(p.earliest), parse_iso(p.latest)
        if lo is not None and hi is not None:
            widths.append((hi - lo).days + 1)
            contains += lo <= truth <= hi
        est = point_estimate(p)
        if est is None:
            abstained += 1
            continue
        gap = abs((est - truth).days)
        exact += gap == 0
        near += gap <= 1
        week += gap <= 7
        wrong_year += est.year != truth.year

    def pct(k: int) -> float:
        return round(100 * k / n, 2) if n else 0.0

    widths.sort()
    return {
        "articles": n,
        "exact": pct(exact),
        "within_1": pct(near),
        "within_7": pct(week),
        "wrong_year": pct(wrong_year),
        "abstained": pct(abstained),
        "contains": pct(contains),
        "median_width_days": widths[len(widths) // 2] if widths else None,
    }
