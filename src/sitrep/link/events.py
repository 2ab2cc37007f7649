"""Dated events: sentences that report something happening on a known day or month.

A sentence is an event report when one of its DATE time expressions resolves to a day or a
month and its clause is not in the future tense ("will reopen on March 23" is a plan, not an
event); the tense comes from the timex stage, so no word list of verbs decides what happened.
Reports whose expression follows "since"/"until" describe a state that lasts, and count as
reports of that date only when no other date is named. A report dated more than
``BACKGROUND_DAYS`` before its article was published is *background* (history recalled by the
story, kept but marked, and left out of the brief).

Reports of the same date are merged across articles when their content words (and linked
entities) overlap enough. Dates block the comparison and, inside a date, an inverted index of
words brings only the clusters that share a word, so the work grows with the reports that
could match, not with every pair.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from sitrep.link.common import content_words, date_bounds, in_own_voice, sort_date
from sitrep.model import AnalyzedArticle, DateRange, Event, Evidence, Span, Timex
from sitrep.time.relations import dateline

MERGE_OVERLAP = 0.35  # overlap coefficient of content words (+ entities) to merge two reports
MAX_SENTENCE_CHARS = 600
MIN_CONTENT_WORDS = 3  # besides the date: "14 March 2026" alone or a byline is no event
BACKGROUND_DAYS = 30  # a report this much older than its article is history, not news
STATE_SIGNALS = frozenset({"since", "until", "till", "by"})


@dataclass(slots=True)
class _Report:
    doc: str
    span: Span
    text: str
    date: DateRange
    terms: frozenset[str]
    claims: list[str]
    background: bool = False


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


# The head of a wire story run into its first sentence: "By Ann Lee, Health Editor LONDON |
# Tue Apr 21, 2031 10:19 pm BST LONDON (Reuters) - " -- when it was written, not an event.
_WIRE_HEAD = re.compile(
    r"(?:By [^|\n]{3,80}?\s+)?[A-Z][A-Za-z .'’-]{1,40}\s*\|[^|\n]{4,60}?"
    r"(?:\([A-Z][\w .&/-]{1,30}\)\s*[-—–]{1,2}|\s[-—–]{1,2})(?:\s+|$)"
)
# ... or a dateline after a headline run into the sentence: "<Headline> GENEVA, June 12 (Reuters) -"
_AGENCY_LINE = re.compile(
    r"\b[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]{2,})*, [A-Z][a-z]{2,8}\.? \d{1,2}"
    r" \([A-Z][\w .&/-]{1,30}\) ?[-—–]{1,2}(?:\s+|$)"
)
# ... or a photo credit run into it: "Photograph: Ann Lee/AP Divers reached the wreck ..."
_PHOTO_CREDIT = re.compile(
    r"(?:Photo(?:graph)?s?|Pictures?|Image)\s*:\s*[A-Z][^/\n]{1,60}?/"
    r"(?:(?:AFP/)?Getty Images|[A-Z][\w.&-]*)\s+"
)
_DASH_AFTER = re.compile(r"[^\n]{0,60}?(?:\([A-Z][\w .&/-]{1,30}\)\s*)?[-—–]{1,2}(?:\s+|$)")


_OPENERS = " \t\n\"'“‘(—–-"  # what may come before a clause that opens a sentence


def _lead_end(article: AnalyzedArticle, line: Timex | None, s0: int, s1: int) -> int:
    """Where a sentence's text starts after a dateline or wire head it opens with (``s0``
    when it has none): the part before dates the writing, not what the sentence reports."""
    text = article.text[s0:s1]
    m = _WIRE_HEAD.match(text) or _AGENCY_LINE.search(text, 0, 240) or _PHOTO_CREDIT.match(text)
    if m is not None:
        return s0 + m.end()
    if line is not None and s0 <= line.span[0] < s1:
        dash = _DASH_AFTER.match(article.text, line.span[1], s1)
        return dash.end() if dash is not None else line.span[1]
    return s0


def _report_timex(article: AnalyzedArticle, s0: int, s1: int) -> Timex | None:
    """The timex that dates a sentence: a day before a month, an event before a state. Not
    one that dates only a clause inside it ("He praised the troops, who crossed the border
    on August 6": the crossing, not the praise); a clause that opens the sentence dates it
    ("Police arrested 11 on March 8 and released 4 the next day")."""
    found = [
        t
        for t in article.timexes
        if s0 <= t.span[0] < s1
        and t.type == "DATE"
        and _day_or_month(t.resolved)
        and t.tense != "future"
        and (t.scope is None or not article.text[s0 : t.scope[0]].strip(_OPENERS))
    ]
    if not found:
        return None
    return min(
        found,
        key=lambda t: (
            (t.signal or "") in STATE_SIGNALS,
            len((t.resolved.date if t.resolved else "") or "") != 10,
            t.span,
        ),
    )


def is_background(article: AnalyzedArticle, when: DateRange) -> bool:
    """A date more than ``BACKGROUND_DAYS`` before the article's publication."""
    pub = date_bounds(article.published.as_range())
    at = date_bounds(when)
    if pub is None or at is None:
        return False
    return at[1] < pub[0] - BACKGROUND_DAYS


def event_reports(
    article: AnalyzedArticle, *, mention_entities: dict[Span, str] | None = None
) -> list[_Report]:
    """The event sentences of one article, each with the date of its dating timex."""
    out = []
    links = mention_entities or {}
    line = dateline(article.text, article.timexes)
    for sent in article.sentences:
        s0, s1 = sent.span
        if s1 - s0 > MAX_SENTENCE_CHARS:
            continue
        start = _lead_end(article, line, s0, s1)  # past a dateline: dates the writing only
        timex = _report_timex(article, start, s1)
        if timex is None or timex.resolved is None:
            continue
        text = article.text[start:s1]
        t0, t1 = timex.span[0] - start, timex.span[1] - start
        if len(content_words(text[:t0] + " " + text[t1:])) < MIN_CONTENT_WORDS:
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
                background=is_background(article, timex.resolved),
            )
        )
    return out


def build_events(
    articles: list[AnalyzedArticle],
    *,
    mention_entities: dict[str, dict[Span, str]] | None = None,
    skip: set[str] | None = None,
    only: dict[str, set[Span]] | None = None,
) -> list[Event]:
    """Events of the corpus, ids ``v1``... by (date, descending support, text).

    ``skip``: documents left out (copies); ``only``: for a document, the sentence spans that
    may report events (what a paraphrase adds to its original).
    """
    skip = skip or set()
    only = only or {}
    by_date: dict[str, list[_Cluster]] = defaultdict(list)
    index: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for art in sorted(articles, key=lambda a: (sort_date(a), a.id)):
        if art.id in skip:
            continue
        allowed = only.get(art.id)
        for rep in event_reports(art, mention_entities=(mention_entities or {}).get(art.id)):
            if allowed is not None and rep.span not in allowed:
                continue
            key = rep.date.date or ""
            clusters, words_of = by_date[key], index[key]
            near = {i for term in rep.terms for i in words_of.get(term, ())}
            scored = [(_score(rep, clusters[i]), -i) for i in near]
            best = max(scored, default=(0.0, 1))
            if best[0] >= MERGE_OVERLAP:
                at = -best[1]
                clusters[at].reports.append(rep)
            else:
                at = len(clusters)
                clusters.append(_Cluster(reports=[rep]))
            if len(clusters[at].reports) <= 5:  # _score reads the first five reports only
                for term in rep.terms:
                    words_of[term].add(at)
    drafts = []
    for key, clusters in by_date.items():
        for c in clusters:
            docs = sorted({r.doc for r in c.reports})
            # the event reads as its first report, the first in a reporting voice if any
            text = next((r.text for r in c.reports if not in_own_voice(r.text)), c.reports[0].text)
            drafts.append((key, -len(docs), text, c, docs))
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
