"""The timeline: key dates, each summarised by its best supported, non-redundant sentences.

A date's weight is the number of distinct documents reporting events on it (ties: more
events, then earlier). The ``max_dates`` heaviest dates are kept and listed in date order; each
gets up to ``per_date`` event sentences, most supported first, skipping a sentence whose
content words mostly repeat one already chosen.
"""

from __future__ import annotations

from collections import defaultdict

from sitrep.link.common import content_words
from sitrep.link.entities import EntityIndex
from sitrep.link.events import overlap
from sitrep.link.sources import attribution
from sitrep.model import AnalyzedArticle, Event, Evidence, TimelineEntry

REDUNDANT = 0.5


def build_timeline(
    events: list[Event],
    articles: list[AnalyzedArticle],
    *,
    index: EntityIndex,
    max_dates: int = 20,
    per_date: int = 3,
) -> list[TimelineEntry]:
    by_id = {a.id: a for a in articles}
    claims = {c.id: (a, c) for a in articles for c in a.claims}
    by_date: dict[str, list[Event]] = defaultdict(list)
    for ev in events:
        if ev.date.date:
            by_date[ev.date.date].append(ev)

    def weight(date: str) -> tuple[int, int, str]:
        docs = {d for ev in by_date[date] for d in ev.documents}
        return (-len(docs), -len(by_date[date]), date)

    keep = sorted(sorted(by_date, key=weight)[:max_dates])
    entries = []
    for date in keep:
        chosen: list[Event] = []
        for ev in sorted(by_date[date], key=lambda e: (-len(e.documents), e.id)):
            terms = set(content_words(ev.text))
            if any(overlap(terms, set(content_words(c.text))) >= REDUNDANT for c in chosen):
                continue
            chosen.append(ev)
            if len(chosen) == per_date:
                break
        sources: list[str] = []
        for ev in chosen:
            names = [attribution(*claims[cid], index) for cid in ev.claims if cid in claims]
            if not names:
                names = [by_id[d].outlet or d for d in ev.documents if d in by_id]
            for name in names:
                if name not in sources:
                    sources.append(name)
        entries.append(
            TimelineEntry(
                date=date,
                summary=[ev.text for ev in chosen],
                evidence=[
                    Evidence(document=e.document, span=e.span) for ev in chosen for e in ev.evidence
                ],
                sources=sources,
            )
        )
    return entries
