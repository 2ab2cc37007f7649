"""Publication dates from the rest of the corpus: what other articles of a build know.

Three steps, all over analyzed articles (no parse), run by ``refine_with_corpus``:

1. **Evidence borrowed** (``_refine_from_evidence``): an article dated from its content whose
   range is wide, or whose year was guessed, is inferred again (``infer_from_content``) with
   the year other articles give the same month-days, their publication dates as year hints,
   the dates of events it names without a date ("more than a week after the dam gave way",
   ``EventIndex``) and of the events it names by weekday only.
2. **Neighbours** (``_date_by_neighbours``): an article not dated outright is dated like the
   articles that read most like it. Coverage of one story published the same day repeats
   that day's events, names and figures ("10,000 barrels a day", "57 days since"), so the
   articles dated by what they state outright (metadata, URL, dateline, timestamp) that are
   most similar to it (TF-IDF cosine over words and word pairs) vote for its day. On T17
   their vote is right to a day twice as often as a range inferred from the article's own
   latest mention ("on Monday"), so it replaces one; an article dated to one day (a
   dateline whose year the corpus gave) keeps it. No vote when they disagree on the year,
   when a lone neighbour is not alike enough or would overturn the article's own estimate,
   or when the day falls outside a range the article states (a URL's month) or before a
   year it names as past. The vote is kept as the point
   ``date`` with an honest range of a week either side, a low confidence and the neighbours
   as evidence. Similarities are computed in blocks (articles to date x dated articles), so
   memory stays bounded; the cost grows with their product.
3. **Story years** (``_outside_story_years``): a day inferred from an article's own mentions
   that falls years away from every other date of the story is a mention misread as the
   present ("That hiatus ended on May 10, 1940"); only its lower bound is kept.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from sitrep.model import AnalyzedArticle, PublishedDate
from sitrep.time.eventindex import EventIndex
from sitrep.time.normalize import iso, parse_iso
from sitrep.time.pubdate import (
    CONF_DATELINE,
    CONF_LOWER_BOUND_ONLY,
    CONF_YEAR_FROM_CORPUS,
    CONF_YEAR_FROM_DATE,
    CONF_YEAR_FROM_WEEKDAY,
    _md_of,
    close_range,
    crawl_bound,
    crawl_evidence,
    infer_from_content,
)

__all__ = ["CONF_NEIGHBOURS", "refine_with_corpus"]

_REVISIT_RANGE = 2  # days: a content date wider than this may be narrowed by the corpus
_HINT_RANGE = 62  # days: other articles dated to within two months give year hints


def _narrow(p: PublishedDate) -> tuple[date, date] | None:
    lo, hi = parse_iso(p.earliest), parse_iso(p.latest)
    if lo is None or hi is None:
        return None
    return lo, hi


def _trusted(p: PublishedDate) -> bool:
    """Dated by metadata or by what the text states, not by a guessed year."""
    if p.method == "none" or p.earliest is None:
        return False
    return p.method not in {"content", "corpus"} or p.confidence > CONF_YEAR_FROM_WEEKDAY


def _latest_year(art: AnalyzedArticle) -> int | None:
    """The latest year an article names outright, not in the future ("in January 2010")."""
    years = [
        int(t.value[:4])
        for t in art.timexes
        if t.rule is None
        and t.type == "DATE"
        and re.match(r"\d{4}(?:-|$)", t.value)
        and t.tense != "future"
    ]
    return max(years) if years else None


def _mentioned_years(articles: Sequence[AnalyzedArticle]) -> list[date]:
    """The latest year each article names outright, as mid-year dates: when no article of the
    corpus is dated, these bound the year of the story."""
    return [date(y, 7, 1) for art in articles if (y := _latest_year(art)) is not None]


_STORY_DATE_SHARE = 0.05  # a month-day named by this share of a corpus (and 3 articles) ...


def _story_dates(articles: Sequence[AnalyzedArticle]) -> frozenset[tuple[int, int]]:
    """... is the story's origin: repeated by its articles for months after."""
    df: Counter[tuple[int, int]] = Counter()
    for art in articles:
        seen: set[tuple[int, int]] = set()
        for t in art.timexes:
            rule = t.rule or ""
            if rule.startswith("md:"):
                month, day, _wd = _md_of(rule)
                seen.add((month, day))
            elif not rule and (d := parse_iso(t.value)) is not None and len(t.value) == 10:
                seen.add((d.month, d.day))
        df.update(seen)
    floor = max(3, _STORY_DATE_SHARE * len(articles))
    return frozenset(md for md, n in df.items() if n >= floor)


def refine_with_corpus(
    articles: list[AnalyzedArticle], *, reference: str | None = None, today: date | None = None
) -> dict[str, PublishedDate]:
    """Better publication dates for articles dated from their content, from the corpus (the
    module docstring: evidence borrowed, then neighbours).

    An article's ``crawl_date`` (a page from a web archive) bounds every step as
    ``reference`` does: nothing dates it after the day it was fetched.

    Returns ``{article id: new date}`` for the changed ones; the caller should re-anchor
    their time expressions (``normalize.anchor_timexes``).
    """
    changed = _refine_from_evidence(articles, reference=reference, today=today)
    current = [replace(a, published=changed.get(a.id, a.published)) for a in articles]
    changed.update(_date_by_neighbours(current, reference=reference, today=today))
    current = [replace(a, published=changed.get(a.id, a.published)) for a in articles]
    changed.update(_outside_story_years(current))
    return changed


def _refine_from_evidence(
    articles: list[AnalyzedArticle], *, reference: str | None = None, today: date | None = None
) -> dict[str, PublishedDate]:
    """Better publication dates for articles dated from their content, from the corpus.

    Articles dated from their content (or not at all) whose range is absent or wider than
    ``_REVISIT_RANGE`` days are inferred again with what the other articles know: the year
    from the other articles' dated mentions of the same month-days, else from their
    publication dates; and the dates of events the article names without a date ("more than
    a week after the dam gave way", ``EventIndex``). A new range is kept only when it is
    narrower and does not contradict the old one. Indexed: one pass to build the month-day
    and event indexes, one lookup per article (no pairwise comparison).

    Returns ``{article id: new date}`` for the changed ones; the caller should re-anchor
    their time expressions (``normalize.anchor_timexes``).
    """
    by_md: dict[str, list[tuple[str, date]]] = defaultdict(list)
    pubs: list[tuple[str, date]] = []
    mentioned = _mentioned_years(articles)
    trusted = [a for a in articles if _trusted(a.published)]
    if not trusted:
        # nothing in the corpus states its date: fall back on the years picked from weekdays
        # ("Thursday, February 6": the latest such year), unless that year is later than any
        # year the corpus names (an archive: "Tuesday, January 12" is 2010 there, not 2021)
        newest = max(mentioned).year if len(mentioned) >= 3 else None
        trusted = [
            a
            for a in articles
            if a.published.confidence >= CONF_YEAR_FROM_WEEKDAY
            and a.published.earliest is not None
            and (newest is None or int(a.published.earliest[:4]) <= newest + 1)
        ]
    for other in trusted:
        rng = _narrow(other.published)
        if rng is None or (rng[1] - rng[0]).days > _HINT_RANGE:
            continue
        pubs.append((other.id, rng[0] + (rng[1] - rng[0]) / 2))
        for t in other.timexes:
            if t.resolved is None or t.resolved.date is None:
                continue
            d = parse_iso(t.resolved.date)
            if d is not None and len(t.resolved.date) == 10:
                by_md[f"{d.month:02d}-{d.day:02d}"].append((other.id, d))
    index = EventIndex(trusted)
    story_dates = _story_dates(articles)
    changed: dict[str, PublishedDate] = {}
    for article in articles:
        p = article.published
        if p.method not in {"content", "none"}:
            continue
        old = _narrow(p)
        guessed = p.confidence <= CONF_YEAR_FROM_WEEKDAY  # a year picked, not read
        if old is not None and (old[1] - old[0]).days <= _REVISIT_RANGE and not guessed:
            continue
        mine = {
            t.rule.split("@")[0].split(":")[1]
            for t in article.timexes
            if t.rule and t.rule.startswith("md:")
        }
        same = [d for md in mine for aid, d in by_md.get(md, ()) if aid != article.id]
        # both the other articles' dates of the same month-days and their publication dates:
        # either alone is thrown by a few old or late articles (an anniversary piece)
        hints = same + [d for aid, d in pubs if aid != article.id]
        crawled = crawl_bound(reference, article.crawl_date)  # a web page's fetch day
        found = infer_from_content(
            article.text,
            article.timexes,
            [s.span for s in article.sentences],
            hints=hints,
            reference=crawled or reference,
            event_lookup=lambda np, aid=article.id: index.lookup(np, exclude=aid),  # type: ignore[misc]
            day_lookup=lambda s, wd, aid=article.id: index.lookup_day(s, wd, exclude=aid),  # type: ignore[misc]
            story_dates=story_dates,
            weak_hints=mentioned,
            today=today,
        )
        found = close_range(found, reference=crawled or reference, today=today)
        if crawled is not None:
            found.evidence = [*found.evidence, crawl_evidence(crawled)]
        new = _narrow(found)
        if new is None or new == old:
            continue
        if old is not None and not guessed and (new[1] < old[0] or new[0] > old[1]):
            continue  # contradicts what the article itself says
        found.method = "corpus"
        found.confidence = min(found.confidence, CONF_YEAR_FROM_CORPUS)
        changed[article.id] = found
    return changed


# ---- neighbours ---------------------------------------------------------------------------------

CONF_NEIGHBOURS = 0.3  # at most; scaled down by how alike the nearest dated article is
_ANCHOR_CONF = CONF_DATELINE  # dated by what the article states outright
_NEIGHBOURS = 5  # dated articles that vote
_MIN_SIMILARITY = 0.07  # cosine: below this an article shares no more than the story's topic
_LONE_SIMILARITY = 0.15  # cosine a single neighbour needs to vote alone
_ONE_YEAR_ANCHORS = 10  # dated articles, all in one year, that make a story's year certain
_ONE_YEAR_SIMILARITY = 0.03  # cosine a neighbour needs there (T17: 0.05 / 0.03 / 0 measured)
_LATER_YEAR_SHARE = 0.05  # ... unless this share of the undated articles names a later year
_FULL_SIMILARITY = 0.3  # cosine at which a neighbour's vote counts fully
_NEIGHBOUR_RANGE = 7  # days either side of the voted day: the honest range
_ESTIMATE_RANGE = 31  # days: a range no wider is an estimate of the day
_SMALL_CORPUS = 20  # articles
_FEW_ANCHORS = 3  # articles dated outright: with fewer, those dated within days lend a day too
_BLOCK = 256  # articles to date per block of similarities
_WEEKDAY_WEIGHT = 0.5  # exponent of the weekday prior in the vote (T17: 0.5 and 1 measured)


def _is_anchor(p: PublishedDate) -> bool:
    """Dated to the day by what the article states outright (metadata, URL, dateline), or to
    one of two days (the day of a print edition or the day before)."""
    if p.method in {"corpus", "none"} or p.confidence < _ANCHOR_CONF:
        return False
    if p.date is not None and len(p.date) == 10 and parse_iso(p.date) is not None:
        return True
    rng = _narrow(p)
    return rng is not None and (rng[1] - rng[0]).days <= 1


def _is_weak_anchor(p: PublishedDate) -> bool:
    """Dated to within ``_REVISIT_RANGE`` days by the article's own text, with a year it read
    or corroborated (not a weekday's guess, not a neighbours' vote)."""
    rng = _narrow(p)
    return (
        rng is not None
        and (rng[1] - rng[0]).days <= _REVISIT_RANGE
        and p.confidence > CONF_YEAR_FROM_WEEKDAY
        and not any(e.startswith("reads like ") for e in p.evidence)
    )


def _day_of(p: PublishedDate) -> int:
    """The day of an anchor: its date, or the middle of a weak anchor's range."""
    d = parse_iso(p.date) if p.date and len(p.date) == 10 else None
    if d is not None:
        return d.toordinal()
    rng = _narrow(p)
    if rng is None:  # _is_anchor / _is_weak_anchor checked it
        raise ValueError(f"no day in {p}")
    return (rng[0] + (rng[1] - rng[0]) / 2).toordinal()


def _has_day(p: PublishedDate) -> bool:
    """Dated to one day (a dateline whose year the corpus gave, an event told elsewhere)."""
    rng = _narrow(p)
    return rng is not None and rng[0] == rng[1]


def _has_estimate(p: PublishedDate) -> bool:
    """A range narrow enough to stand for a day (a week after the latest weekday named)."""
    rng = _narrow(p)
    return rng is not None and (rng[1] - rng[0]).days <= _ESTIMATE_RANGE


def _past_weekdays(art: AnalyzedArticle) -> list[int]:
    """The weekdays (Monday 0) an article names as past ("on Tuesday", "last Friday")."""
    out = []
    for t in art.timexes:
        rule = t.rule or ""
        if rule.startswith("wd:") and t.tense == "past":
            parts = rule.split("@", maxsplit=1)[0].split(":")
            if len(parts) < 3 or parts[2] in {"", "last"}:
                out.append(int(parts[1]) - 1)
    return out


def _weekday_gap(day: int, weekdays: Sequence[int]) -> int | None:
    """Days from the latest of ``weekdays`` on or before ``day`` to ``day`` (0-6)."""
    if not weekdays:
        return None
    wd = date.fromordinal(day).weekday()
    return min((wd - w) % 7 for w in weekdays)


def _weekday_prior(articles: Sequence[AnalyzedArticle], anchors: Sequence[int]) -> list[float]:
    """How far the latest past weekday an article names lies before its day, learned from the
    corpus's dated articles (add-one smoothed): in news the latest "on Tuesday" is usually the
    day of publication or the day before (T17's dated articles: same day 68%, next day 18%)."""
    counts = [1.0] * 7
    for i in anchors:
        gap = _weekday_gap(_day_of(articles[i].published), _past_weekdays(articles[i]))
        if gap is not None:
            counts[gap] += 1
    total = sum(counts)
    return [c / total for c in counts]


def _vote(
    days: list[int],
    weights: list[float],
    weekdays: Sequence[int] = (),
    prior: Sequence[float] = (),
) -> int:
    """The day most of the weight lies within one day of, each day's weight scaled by how
    likely the weekdays the article names as past are from it (``_weekday_prior``; ties: the
    most weight on the day itself)."""

    def score(d: int) -> tuple[float, float]:
        near = sum(w for x, w in zip(days, weights, strict=True) if abs(x - d) <= 1)
        same = sum(w for x, w in zip(days, weights, strict=True) if x == d)
        gap = _weekday_gap(d, weekdays)
        if gap is not None and prior:
            near *= prior[gap] ** _WEEKDAY_WEIGHT
        return near, same

    return max(sorted(set(days)), key=score)


def _floors(
    anchor_days: Sequence[int], named_years: Sequence[int | None] = ()
) -> tuple[float, float]:
    """The similarity a neighbour needs to vote, and the one a single neighbour needs to vote
    alone. In a story whose dated articles (10 at least) all lie in one year, neighbours
    cannot move the year, only the day, so any at ``_ONE_YEAR_SIMILARITY`` may vote, alone
    too (T17, +-1 day / wrong year: lone at 0.07 47.81 -> 48.69 / 1.35; every neighbour at
    0.03 49.08 / 1.31). Elsewhere ``_MIN_SIMILARITY`` and ``_LONE_SIMILARITY``.

    ``named_years``: the latest year each article to date names as past (``_latest_year``).
    When enough of them (``_LATER_YEAR_SHARE``, and 3) name a year after the dated articles'
    one, the coverage runs on past the dated sample: not a one-year story."""
    years = {date.fromordinal(d).year for d in anchor_days}
    if len(anchor_days) >= _ONE_YEAR_ANCHORS and len(years) == 1:
        (year,) = years
        later = sum(1 for y in named_years if y is not None and y > year)
        if later < max(3, _LATER_YEAR_SHARE * len(named_years)):
            return _ONE_YEAR_SIMILARITY, _ONE_YEAR_SIMILARITY
    return _MIN_SIMILARITY, _LONE_SIMILARITY


def _date_by_neighbours(
    articles: Sequence[AnalyzedArticle], *, reference: str | None = None, today: date | None = None
) -> dict[str, PublishedDate]:
    """Days for the articles not dated outright, voted by the most similar articles that are."""
    anchors = [i for i, a in enumerate(articles) if _is_anchor(a.published)]
    if len(anchors) < _FEW_ANCHORS:
        # a corpus of undated articles: those its own text dates to within days (a weekday
        # with a date, a year read) lend their day too
        anchors += [
            i
            for i, a in enumerate(articles)
            if not _is_anchor(a.published) and _is_weak_anchor(a.published)
        ]
    chosen = set(anchors)
    targets = [i for i, a in enumerate(articles) if i not in chosen and not _has_day(a.published)]
    if not anchors or not targets:
        return {}
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        sublinear_tf=True,
        min_df=2,
        # words in half the articles are the story's, not a day's -- in a corpus big enough to
        # tell; in a handful of articles every shared word counts
        max_df=0.5 if len(articles) >= _SMALL_CORPUS else 1.0,
        stop_words="english",
        ngram_range=(1, 2),
        dtype=np.float32,
    )
    try:
        matrix = vectorizer.fit_transform([a.text for a in articles])
    except ValueError:  # no word left after the document-frequency cuts (tiny corpora)
        return {}
    anchor_rows = matrix[anchors].T.tocsc()
    prior = _weekday_prior(articles, anchors)
    anchor_days = [_day_of(articles[i].published) for i in anchors]
    top = parse_iso(reference) or today or date.today()
    min_sim, lone = _floors(anchor_days, [_latest_year(articles[i]) for i in targets])
    changed: dict[str, PublishedDate] = {}
    for start in range(0, len(targets), _BLOCK):
        block = targets[start : start + _BLOCK]
        sims = (matrix[block] @ anchor_rows).toarray()
        for row, i in zip(sims, block, strict=True):
            order = [int(k) for k in np.argsort(-row)[:_NEIGHBOURS] if row[k] >= min_sim]
            if not order:
                continue
            votes = [(articles[anchors[k]], float(row[k])) for k in order]
            days = [anchor_days[k] for k in order]
            if len({date.fromordinal(d).year for d in days}) > 1:
                continue  # the neighbours disagree on the year: no day to vote for
            if len(days) == 1 and float(row[order[0]]) < lone:
                continue
            if len(days) == 1 and _has_estimate(articles[i].published):
                continue  # one article alike is not enough to overturn the article's own day
            day = _vote(days, [w for _a, w in votes], _past_weekdays(articles[i]), prior)
            own = articles[i].published
            # a range the article states (a URL's month, a weekday and a dated path agreeing)
            # bounds the vote; one inferred from its latest mention does not
            trusted = own.confidence > CONF_YEAR_FROM_DATE
            floor = parse_iso(own.earliest) if trusted else None
            if floor is not None and day < floor.toordinal() - 1:
                continue  # earlier than what the article itself tells
            ceiling = parse_iso(own.latest) if trusted else None
            if ceiling is not None and day > ceiling.toordinal() + 1:
                continue  # later than what the article itself tells
            named = _latest_year(articles[i])
            if named is not None and date.fromordinal(day).year < named:
                continue  # before a year the article names as past
            crawled = parse_iso(crawl_bound(reference, articles[i].crawl_date))
            found = _neighbour_date(date.fromordinal(day), votes, top=min(top, crawled or top))
            if found is not None:
                changed[articles[i].id] = found
    return changed


def _when(p: PublishedDate) -> str:
    if p.date:
        return p.date
    return f"{p.earliest}..{p.latest}"


def _neighbour_date(
    point: date, votes: Sequence[tuple[AnalyzedArticle, float]], *, top: date
) -> PublishedDate | None:
    """The voted day, a week either side of it, and the nearest neighbours as evidence."""
    if point > top:
        return None
    lo = point - timedelta(days=_NEIGHBOUR_RANGE)
    hi = min(point + timedelta(days=_NEIGHBOUR_RANGE), top)
    evidence = [
        f"reads like {other.id} (published {_when(other.published)}; similarity {sim:.2f})"
        for other, sim in votes[:3]
    ]
    best = max(sim for _other, sim in votes)
    return PublishedDate(
        date=iso(point),
        earliest=iso(lo),
        latest=iso(hi),
        method="corpus",
        confidence=round(CONF_NEIGHBOURS * min(1.0, best / _FULL_SIMILARITY), 3),
        evidence=evidence,
    )


# ---- story years --------------------------------------------------------------------------------

_STORY_YEAR_ANCHORS = 3  # articles dated outright that fix the story's years
_STORY_YEAR_SHARE = 0.1  # ... else a year named as latest by this share of articles (and 3)
_YEAR_SLACK = 1  # years either side of the story's that an inferred day may still fall in


def _story_years(articles: Sequence[AnalyzedArticle]) -> tuple[int, int] | None:
    """The years the story runs over: those of its articles dated outright, else the years
    its articles most often name as their latest."""
    years = [
        int(a.published.date[:4]) for a in articles if _is_anchor(a.published) and a.published.date
    ]
    if len(years) < _STORY_YEAR_ANCHORS:
        named = Counter(y for a in articles if (y := _latest_year(a)) is not None)
        floor = max(3, _STORY_YEAR_SHARE * len(articles))
        years = [y for y, n in named.items() if n >= floor]
    return (min(years), max(years)) if years else None


def _outside_story_years(articles: Sequence[AnalyzedArticle]) -> dict[str, PublishedDate]:
    """Days inferred from an article's own mentions that fall years away from the story: the
    latest mention was history, not news ("That hiatus ended on May 10, 1940"), so only the
    lower bound it gives is kept."""
    span = _story_years(articles)
    if span is None:
        return {}
    changed: dict[str, PublishedDate] = {}
    for art in articles:
        p = art.published
        if p.method not in {"content", "corpus"} or _is_anchor(p):
            continue
        if any(e.startswith("reads like ") for e in p.evidence):
            continue  # voted by dated neighbours, which lie within the story
        rng = _narrow(p)
        if rng is None or (
            rng[1].year >= span[0] - _YEAR_SLACK and rng[0].year <= span[1] + _YEAR_SLACK
        ):
            continue  # the range reaches into the story's years
        changed[art.id] = PublishedDate(
            date=None,
            earliest=p.earliest if rng[0].year < span[0] else None,
            latest=crawl_bound(None, art.crawl_date),  # a web archive's fetch day still holds
            method=p.method,
            confidence=CONF_LOWER_BOUND_ONLY,
            evidence=[
                *p.evidence,
                f"the story's other articles date from {span[0]}-{span[1]}: "
                f"{iso(rng[0])} is taken as a lower bound only",
            ],
        )
    return changed
