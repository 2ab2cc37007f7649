"""Dated events: sentences that report something happening on a known day or month.

A sentence is an event when it has a past-tense event verb (``lexicon.EVENT_VERBS``) and a
DATE time expression resolved to a day or a month. Events of the same date are merged across
articles when their content words (and linked entities) overlap enough; dates block the
comparison, so the work grows with the number of sentences per date, not with the corpus.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sitrep.link.common import content_words, sort_date, words
from sitrep.link.lexicon import EVENT_VERBS
from sitrep.model import AnalyzedArticle, DateRange, Event, Evidence, Span

MERGE_OVERLAP = 0.35  # overlap coefficient of content words (+ entities) to merge two reports
MAX_SENTENCE_CHARS = 600


@dataclass(slots=True)
class _Report:
    doc: str
    span: Span
    text: str
    date: DateRange
    terms: frozenset[str]
    claims: list[str]


@dataclass(slots=True)
class _Cluster:
    reports: list[_Report] = field(default_factory=list)


def _score(rep: _Report, cluster: _Cluster) -> float:
    # against its first few reports, not their union: a union grows and would swallow all
    return max(overlap(rep.terms, r.terms) for r in cluster.reports[:5])


def overlap(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _day_or_month(dr: DateRange | None) -> bool:
    return dr is not None and dr.date is not None and len(dr.date) >= 7


def event_reports(
    article: AnalyzedArticle, *, mention_entities: dict[Span, str] | None = None
) -> list[_Report]:
    """The event sentences of one article, each with the date of its first day/month timex."""
    out = []
    links = mention_entities or {}
    for sent in article.sentences:
        s0, s1 = sent.span
        if s1 - s0 > MAX_SENTENCE_CHARS:
            continue
        text = article.text[s0:s1]
        if not EVENT_VERBS.intersection(words(text)):
            continue
        timex = next(
            (
                t
                for t in sorted(article.timexes, key=lambda t: t.span)
                if s0 <= t.span[0] < s1 and t.type == "DATE" and _day_or_month(t.resolved)
            ),
            None,
        )
        if timex is None or timex.resolved is None:
            continue
        ents = {f"@{e}" for span, e in links.items() if s0 <= span[0] < s1}
        claims = [c.id for c in article.claims if c.sentence[0] < s1 and s0 < c.sentence[1]]
        out.append(
            _Report(
                doc=article.id,
                span=sent.span,
                text=text.strip(),
                date=timex.resolved,
                terms=frozenset(content_words(text)) | ents,
                claims=claims,
            )
        )
    return out


def build_events(
    articles: list[AnalyzedArticle],
    *,
    mention_entities: dict[str, dict[Span, str]] | None = None,
    skip: set[str] | None = None,
) -> list[Event]:
    """Events of the corpus, ids ``v1``... by (date, descending support, text)."""
    skip = skip or set()
    by_date: dict[str, list[_Cluster]] = defaultdict(list)
    for art in sorted(articles, key=lambda a: (sort_date(a), a.id)):
        if art.id in skip:
            continue
        for rep in event_reports(art, mention_entities=(mention_entities or {}).get(art.id)):
            key = rep.date.date or ""
            clusters = by_date[key]
            scored = [(_score(rep, c), i) for i, c in enumerate(clusters)]
            best = max(scored, default=(0.0, -1))
            if best[0] >= MERGE_OVERLAP:
                clusters[best[1]].reports.append(rep)
            else:
                clusters.append(_Cluster(reports=[rep]))
    drafts = []
    for key, clusters in by_date.items():
        for c in clusters:
            docs = sorted({r.doc for r in c.reports})
            drafts.append((key, -len(docs), c.reports[0].text, c, docs))
    drafts.sort(key=lambda d: (d[0], d[1], d[2]))
    events = []
    for n, (_, _, text, c, docs) in enumerate(drafts, start=1):
        claims = sorted({cid for r in c.reports for cid in r.claims})
        events.append(
            Event(
                id=f"v{n}",
                date=c.reports[0].date,
                text=text,
                documents=docs,
                claims=claims,
                evidence=[Evidence(document=r.doc, span=r.span) for r in c.reports],
            )
        )
    return events
