"""The timeline: key dates, each summarised by its best supported, non-redundant sentences.

A date's weight is its support across the corpus: the distinct documents reporting events on
it (a document recalling the date as background, ``events.is_background``, counts half), then
the distinct sources those reports are attributed to, then the number of events. The
``max_dates`` heaviest dates are kept and listed in date order; each gets up to ``per_date``
event sentences, most supported first, skipping a sentence whose content words mostly repeat
one already chosen. Summaries drop a leading dateline ("TOLVARIS, March 5 (MNA) — "); the
evidence keeps the sentence spans.

``select_dates`` and ``rank_rows`` at the bottom are the parts shared with
the T17 evaluation (``sitrep.evaluate.timeline``), which has no claims or entities to weigh.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sitrep.link.common import content_words, in_own_voice
from sitrep.link.entities import EntityIndex
from sitrep.link.events import is_background, overlap
from sitrep.link.sources import attribution
from sitrep.model import AnalyzedArticle, Claim, Event, Evidence, TimelineEntry
from sitrep.time.lexicon import TIMEZONES

REDUNDANT = 0.5
BACKGROUND_WEIGHT = 0.5

_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’-]{2,40}"  # TOLVARIS
    r"(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?"  # , March 5
    r"\s*(?:\([^)]{1,40}\))?"  # (MNA)
    r"\s*[—–-]{1,2}\s+"
)


# a page's stamp before its text: a wire's "TOLVARIS | Tue Mar 5, 2031 6:06am GMT" before its
# dateline, a paper's "Wednesday, March 5, 2031; 10:13 AM"
_STAMP = re.compile(
    r"^(?:[A-Z][A-Z .'’-]{2,40}\s*\|\s*)?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+"
    r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*,?\s*\d{4}\s*[;,]?\s+\d{1,2}:\d{2}\s*[AaPp]\.?[Mm]\.?"
    rf"(?:\s*(?:{'|'.join(sorted((z.upper() for z in TIMEZONES), key=len, reverse=True))})\b)?"
    r"\s*"
)
MIN_SUMMARY_WORDS = 3  # a sentence with fewer words than this, once stripped, says nothing


def strip_dateline(sentence: str) -> str:
    """``TOLVARIS, March 5 (MNA) — More than...`` -> ``More than...``; a wire page's stamp
    before it ("TOLVARIS | Tue Mar 5, 2031 6:06am GMT") goes too."""
    return _DATELINE.sub("", _STAMP.sub("", sentence, count=1), count=1)


def says_something(sentence: str) -> bool:
    """Whether a sentence, stripped of its dateline, has words enough to summarise a date
    (not a page stamp cut off by the sentence splitter)."""
    words = re.findall(r"[A-Za-z]*[a-z][A-Za-z]*", strip_dateline(sentence))  # not "HONG KONG"
    return len(words) >= MIN_SUMMARY_WORDS


def event_background(event: Event, by_id: dict[str, AnalyzedArticle]) -> bool:
    """Every article reporting the event recalls it as background."""
    docs = [by_id[d] for d in event.documents if d in by_id]
    return bool(docs) and all(is_background(a, event.date) for a in docs)


_DATING = frozenset({"DATE", "TIME"})


def dated_by_now(ev: Event, by_id: dict[str, AnalyzedArticle]) -> bool:
    """Whether the only time an event's sentence names is the present ("now", "currently"): a
    state or a comment ("the crisis now demands a global response"), not something that
    happened on the day."""
    for evidence in ev.evidence:
        art = by_id.get(evidence.document)
        if art is None:
            continue
        s, e = evidence.span
        # spans and recurrences date nothing: "each day now", "for two years now"
        values = {t.value for t in art.timexes if s <= t.span[0] < e and t.type in _DATING}
        return values == {"PRESENT_REF"}
    return False


def _sources(
    ev: Event,
    by_id: dict[str, AnalyzedArticle],
    claims: dict[str, tuple[AnalyzedArticle, Claim]],
    index: EntityIndex,
) -> list[str]:
    names = [attribution(*claims[cid], index) for cid in ev.claims if cid in claims]
    # a pronoun left unresolved ("I", "we") names no one: the outlet speaks for it
    names = [n for n in names if n.split(",")[0].lower() not in _PRONOUN_SOURCES]
    if not names:
        names = [by_id[d].outlet or d for d in ev.documents if d in by_id]
    return names


_PRONOUN_SOURCES = frozenset({"i", "we", "you", "he", "she", "they", "it", "who", "that", "which"})


def build_timeline(
    events: list[Event],
    articles: list[AnalyzedArticle],
    *,
    index: EntityIndex,
    max_dates: int = 20,
    per_date: int = 3,
) -> list[TimelineEntry]:
    by_id = {a.id: a for a in articles}
    claims: dict[str, tuple[AnalyzedArticle, Claim]] = {
        c.id: (a, c) for a in articles for c in a.claims
    }
    by_date: dict[str, list[Event]] = defaultdict(list)
    for ev in events:
        if ev.date.date and says_something(ev.text):
            by_date[ev.date.date].append(ev)

    def weight(date: str) -> tuple[float, int, int, str]:
        docs: dict[str, float] = {}
        sources: set[str] = set()
        for ev in by_date[date]:
            w = BACKGROUND_WEIGHT if event_background(ev, by_id) else 1.0
            for d in ev.documents:
                docs[d] = max(docs.get(d, 0.0), w)
            sources.update(_sources(ev, by_id, claims, index))
        return (-sum(docs.values()), -len(sources), -len(by_date[date]), date)

    keep = sorted(sorted(by_date, key=weight)[:max_dates])
    entries = []
    for date in keep:
        chosen: list[Event] = []
        for ev in sorted(
            by_date[date],
            key=lambda e: (
                in_own_voice(strip_dateline(e.text)),
                dated_by_now(e, by_id),  # a comment ("the crisis now demands...") after events
                -len(e.documents),
                e.id,
            ),
        ):
            terms = set(content_words(ev.text))
            if any(overlap(terms, set(content_words(c.text))) >= REDUNDANT for c in chosen):
                continue
            chosen.append(ev)
            if len(chosen) == per_date:
                break
        sources: list[str] = []
        for ev in chosen:
            for name in _sources(ev, by_id, claims, index):
                if name not in sources:
                    sources.append(name)
        entries.append(
            TimelineEntry(
                date=date,
                summary=[strip_dateline(ev.text) for ev in chosen],
                evidence=[
                    Evidence(document=e.document, span=e.span) for ev in chosen for e in ev.evidence
                ],
                sources=sources,
            )
        )
    return entries


# ---- shared with the T17 evaluation (sitrep.evaluate.timeline) -------------------------------


def select_dates(support: dict[str, float], n: int) -> list[str]:
    """The ``n`` best supported dates, in date order (ties: the earlier date)."""
    ranked = sorted(support, key=lambda d: (-support[d], d))
    return sorted(ranked[:n])


def rank_rows(
    matrix: Any,
    rows: Sequence[int],
    k: int,
    *,
    topic: Any = None,
    topic_weight: float = 0.5,
    boost: Sequence[float] | None = None,
    redundant: float = 0.3,
) -> list[int]:
    """Up to ``k`` of ``rows`` (indices into an L2-normalised TF-IDF ``matrix`` shared by the
    whole timeline) scored by cosine to the rows' own centroid plus ``topic_weight`` x cosine to
    the ``topic`` centroid (a unit vector of the whole input), times ``boost`` per row (e.g.
    ``1.5`` for a sentence naming the date). A row whose cosine to one already chosen is
    ``redundant`` or more is skipped. Returns matrix indices, best first."""
    import numpy as np

    if not rows:
        return []
    sub = matrix[list(rows)]
    centroid = np.asarray(sub.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    scores = sub @ (centroid / norm if norm else centroid)
    if topic is not None:
        scores = scores + topic_weight * (sub @ topic)
    if boost is not None:
        scores = scores * np.asarray(boost, dtype=float)
    chosen: list[int] = []
    for j in np.argsort(-scores, kind="stable"):
        i = rows[int(j)]
        if chosen and (matrix[chosen] @ matrix[i].T).max() >= redundant:
            continue
        chosen.append(i)
        if len(chosen) == k:
            break
    return chosen
