"""When was an article published? Metadata, then URL, then file name, then the text itself.

Content inference reads the (unanchored) time expressions:

* the **latest dated event** told in the past tense bounds the publication from below; news is
  published soon after it, so the range closes a few days later (6 days when the text also
  speaks of its own week: "on Thursday", "today"; 10 otherwise) -- but only when the date was
  given without a year or the text shows such recency, as old dates with a year ("On February
  24, 2022, ...") are history, not news;
* which of several year-less dates is the latest is read on the calendar circle: the events of
  a story lie within a year, so the latest is the one followed by the largest gap; an
  **anniversary** ("the six-month anniversary of the August 6 incursion") adds its own date and
  fixes the order;
* the **year** comes from explicit dates, from a weekday given with a date ("Thursday, February
  6" is 2014, 2020, 2025...: the latest not after the reference date), from a dated upload
  path in the page (``/uploads/2025/02/``), from ``config.reference_date``, or not at all --
  then only the evidence is kept and ``refine_with_corpus`` may fix the year from the other
  articles;
* past-tense mentions of months and years ("which began in February 2022") are lower bounds.
"""

from __future__ import annotations

import calendar
import dataclasses
import logging
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from sitrep.model import PublishedDate, Span, Timex
from sitrep.time.extract import extract_timexes
from sitrep.time.lexicon import NUMBER_WORDS, ORDINAL_WORDS
from sitrep.time.normalize import iso, md_years, parse_iso, value_range
from sitrep.time.pagestamps import (
    byline_stamp,
    clock_stamp,
    first_comment,
    photo_caption,
    print_edition,
)
from sitrep.time.relations import count_relations, dateline
from sitrep.time.timex import sentence_spans

if TYPE_CHECKING:
    from sitrep.config import Config
    from sitrep.pipeline import Work

__all__ = [
    "close_range",
    "crawl_bound",
    "crawl_evidence",
    "from_filename",
    "from_folders",
    "from_metadata",
    "from_url",
    "infer_from_content",
    "published_stage",
]

log = logging.getLogger(__name__)

CONF_METADATA = 0.95
CONF_URL_DAY = 0.85
CONF_URL_MONTH = 0.6
CONF_FILENAME = 0.8
CONF_FOLDER = 0.7  # a date folder may also be the day the file was collected
CONF_YEAR_FROM_DATE = 0.55  # a year-less latest event whose year an explicit date fixes
CONF_YEAR_FROM_WEEKDAY = 0.5
CONF_YEAR_CORROBORATED = 0.6  # the weekday's year and a dated upload path agree
CONF_YEAR_FROM_UPLOAD = 0.4
CONF_YEAR_FROM_REFERENCE = 0.25
CONF_YEAR_FROM_CORPUS = 0.35
CONF_LOWER_BOUND_ONLY = 0.1
CONF_NO_YEAR = 0.05
WINDOW_RECENT = 6  # days: "on Thursday" names a day of the past week
WINDOW_WEEKDAY = 2  # days after the latest event named by its weekday ("reached X on Thursday")
WINDOW_DEFAULT = 10
CONF_DATELINE = 0.8
CONF_CAPTION = 0.6  # the latest photo caption's day: published then or up to two days after
CONF_FIRST_COMMENT = 0.6  # published on or just before the day of the first reader comment
_HINT_NEAR = 45  # days: the corpus's dates this close to a candidate year's date count for it
_HINT_DENSE = 3  # ... and this many of them make a year busy
WINDOW_SINCE = 92  # the latest event is only the start of what the text reports

_DAY_RE = re.compile(
    r"(?<![0-9A-Za-z])(19\d\d|20\d\d)([-_/.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?![0-9A-Za-z])"
)
_MONTH_RE = re.compile(r"(?<![0-9A-Za-z])(19\d\d|20\d\d)[-_/](0[1-9]|1[0-2])(?![0-9])")
_UPLOAD_RE = re.compile(r"/(?:uploads|images|media|files|photos?)/(20\d\d)/(0[1-9]|1[0-2])/")
_ANNIVERSARY = re.compile(
    r"\b(?P<n>[\w.]+)[- ](?P<unit>year|month|week|day)s?[- ]anniversary\s+of\s+"
    r"(?P<np>[^.;:!?]{0,60})",
    re.IGNORECASE,
)
_ORD_ANNIVERSARY = re.compile(
    r"\b(?P<n>first|second|third|fourth|fifth|tenth|twentieth|\d{1,3}(?:st|nd|rd|th))\s+"
    r"anniversary\s+of\s+(?P<np>[^.;:!?]{0,60})",
    re.IGNORECASE,
)
_NP_STOP = frozenset(
    {
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "our",
        "into",
        "in",
        "of",
        "on",
        "to",
        "by",
        "against",
        "from",
        "with",
        "and",
        "that",
        "which",
    }
)
_RECENT_RULE = re.compile(r"^(?:wd:|we:|dct:D:|dct:W:0)")


def _pd(lo: date, hi: date | None, method: str, conf: float, evidence: list[str]) -> PublishedDate:
    return PublishedDate(
        date=iso(lo) if hi == lo else None,
        earliest=iso(lo),
        latest=iso(hi) if hi else None,
        method=method,
        confidence=round(conf, 3),
        evidence=evidence,
    )


def _none() -> PublishedDate:
    return PublishedDate(date=None, earliest=None, latest=None, method="none", confidence=0.0)


# ---- metadata, URL, file name -------------------------------------------------------------------


def from_metadata(meta_date: str | None, method: str | None) -> PublishedDate | None:
    """A publication date from metadata (``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``, timestamps)."""
    if not meta_date:
        return None
    m = re.match(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", meta_date)
    if not m:
        return None
    value = "-".join(g for g in m.groups() if g)
    span = value_range(value)
    if span is None:
        return None
    return PublishedDate(
        date=span.date,
        earliest=span.earliest,
        latest=span.latest,
        method=method or "metadata",
        confidence=CONF_METADATA,
        evidence=[f"metadata: {meta_date}"],
    )


def _date_in(text: str, method: str, conf_day: float, conf_month: float) -> PublishedDate | None:
    m = _DAY_RE.search(text)
    if m:
        d = parse_iso(f"{m.group(1)}-{m.group(3)}-{m.group(4)}")
        if d is not None:
            return _pd(d, d, method, conf_day, [f"{method}: {text}"])
    mm = _MONTH_RE.search(text)
    if mm and conf_month > 0:
        span = value_range(f"{mm.group(1)}-{mm.group(2)}")
        if span is not None:
            return PublishedDate(
                date=span.date,
                earliest=span.earliest,
                latest=span.latest,
                method=method,
                confidence=conf_month,
                evidence=[f"{method}: {text}"],
            )
    return None


def from_url(url: str | None) -> PublishedDate | None:
    """``.../2025/02/06/...`` (a day) or ``.../2025/02/...`` (a month) in the URL."""
    return _date_in(url, "url", CONF_URL_DAY, CONF_URL_MONTH) if url else None


def from_folders(source: str | None) -> PublishedDate | None:
    """A local file filed under its day: ``news/2010-01-14/1003.txt`` (a folder named as a
    full date) or ``news/2010/01/14/quake.html`` (year, month and day folders), the layouts
    of news archives and crawls. Only the folders right above the file are read."""
    if not source or "://" in source:
        return None
    parents = PurePath(source).parts[:-1]
    if parents and _DAY_RE.fullmatch(parents[-1]):
        return _date_in(parents[-1], "folder", CONF_FOLDER, 0.0)
    if len(parents) >= 3 and re.fullmatch(r"(19|20)\d\d/\d\d/\d\d", "/".join(parents[-3:])):
        return _date_in("/".join(parents[-3:]), "folder", CONF_FOLDER, 0.0)
    return None


def from_filename(source: str | None) -> PublishedDate | None:
    """``2025-02-06_kursk.html`` or ``20250206-kursk.txt``: a full date in the file name."""
    if not source or "://" in source:
        return None
    return _date_in(PurePath(source).name, "filename", CONF_FILENAME, 0.0)


# ---- content ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Event:
    """A dated past event of the text; ``year`` is ``None`` when the text gave none."""

    month: int
    day: int  # 1 for a month-level mention
    year: int | None
    weekday: int | None
    month_level: bool
    evidence: str
    timex: Timex | None = None
    pos: int = 0  # where the text mentions it
    derived: bool = False  # from a count ("six days after March 3"), not named in the text
    dateline: bool = False
    now: bool = False  # a count that runs to the time of writing ("77 days since ...")


def _sentence_of(span: Span, sentences: Sequence[Span], text: str) -> str:
    for s0, s1 in sentences:
        if s0 <= span[0] < s1:
            return text[s0:s1].strip()
    lo = text.rfind("\n", 0, span[0]) + 1
    hi = text.find("\n", span[1])
    return text[lo : hi if hi >= 0 else len(text)].strip()


def _md_of(rule: str) -> tuple[int, int, int | None]:
    """Month, day and weekday of an ``md:MM-DD[:wD][@T..]`` rule."""
    parts = rule.split("@", maxsplit=1)[0].split(":")
    month, day = (int(x) for x in parts[1].split("-"))
    weekday = int(parts[2][1:]) if len(parts) > 2 and parts[2].startswith("w") else None
    return month, day, weekday


def _doy(month: int, day: int) -> int:
    """Day of a (leap) year, for ordering month-days on the calendar circle."""
    return date(2024, month, min(day, 29 if month == 2 else day)).timetuple().tm_yday


_OLD_CUES = re.compile(r"\b(?:first|initially|originally|began|since)\b", re.IGNORECASE)


def _latest_on_circle(events: list[_Event], origin: tuple[int, int] | None) -> _Event:
    """The latest of year-less events, assuming all lie within one year.

    With an anniversary, its base event (``origin``) is the oldest and the latest is the
    farthest from it. Otherwise each event is tried as the latest: the cost is the stretch of
    time the events would then cover (in months), less bonuses for what marks recent news --
    a weekday with the date, a day rather than a month, being the first date in the text --
    and plus one where the sentence marks an old event ("first", "initially", "since").
    """
    if origin is not None:
        o = _doy(*origin)
        return max(events, key=lambda e: ((_doy(e.month, e.day) - o) % 366, not e.month_level))
    first_pos = min(e.pos for e in events)

    def cost(c: _Event) -> float:
        dc = _doy(c.month, c.day)
        stretch = max((dc - _doy(e.month, e.day)) % 366 for e in events)
        bonus = 3.0 * (c.weekday is not None) + 2.0 * (not c.month_level)
        bonus += 1.0 * (c.pos == first_pos)
        bonus -= 1.0 * bool(_OLD_CUES.search(c.evidence)) + 1.0 * (
            c.timex is not None and c.timex.signal == "since"
        )
        return stretch / 30.5 - bonus

    return min(events, key=lambda e: (cost(e), e.pos))


def _add_months(month: int, day: int, n: int) -> tuple[int, int]:
    k = (month - 1 + n) % 12 + 1
    return k, min(day, 28 if k == 2 else day)


def _anniversaries(
    text: str, timexes: Sequence[Timex], sentences: Sequence[Span]
) -> list[tuple[_Event, tuple[int, int]]]:
    """Events made by "the six-month anniversary of the incursion" + "the incursion on Aug 6"."""
    out: list[tuple[_Event, tuple[int, int]]] = []
    if "anniversary" not in text.lower():
        return out
    dated = [t for t in timexes if t.rule and t.rule.startswith("md:")]
    for pattern in (_ANNIVERSARY, _ORD_ANNIVERSARY):
        for m in pattern.finditer(text):
            raw_n = m.group("n").lower()
            unit = m.groupdict().get("unit") or "year"
            n = ORDINAL_WORDS.get(raw_n) or NUMBER_WORDS.get(raw_n)
            if n is None and raw_n[:1].isdigit():
                n = int(re.sub(r"\D", "", raw_n) or 0) or None
            if n is None or unit.lower() not in {"month", "year"}:
                continue
            words = [w.lower().strip("’'\",") for w in m.group("np").split()[:4]]
            # a possessive names whose event it is ("the country's incursion"), not the event
            keys = [w for w in words if w not in _NP_STOP and len(w) > 3 and not w.endswith("'s")][
                :1
            ]
            if not keys:
                continue
            key = re.compile(rf"\b{re.escape(keys[0])}", re.IGNORECASE)
            for t in dated:
                # the event noun must lead up to the date: "the incursion on August 6th"
                if not key.search(text, max(0, t.span[0] - 50), t.span[0]) or t.tense == "future":
                    continue
                month, day, _wd = _md_of(t.rule or "")
                months = n if unit.lower() == "month" else 12 * n
                am, ad = _add_months(month, day, months)
                ev = _Event(
                    month=am,
                    day=ad,
                    year=None,
                    weekday=None,
                    month_level=False,
                    evidence=_sentence_of((m.start(), m.end()), sentences, text),
                    pos=m.start(),
                )
                out.append((ev, (month, day)))
                break
    out.sort(key=lambda pair: pair[0].pos)
    return out


def _upload_months(raw_text: str) -> list[date]:
    return sorted({date(int(y), int(m), 1) for y, m in _UPLOAD_RE.findall(raw_text)})


def _pick_year(
    latest: _Event,
    events: Sequence[_Event],
    *,
    lower: date | None,
    upper: date | None,
    uploads: Sequence[date],
    reference: date | None,
    today: date,
    hints: Sequence[date],
    weak_hints: Sequence[date] = (),
) -> tuple[int | None, float, list[str]]:
    """The year of the latest event, with a confidence and the evidence that decided it.

    In order: a weekday given with a date, a dated upload path, the corpus (``hints``: other
    articles' dates), a date with a year in the text, the years the corpus names
    (``weak_hints``), the reference date. A date with a year comes after the corpus because
    news gives the year only for other years ("since Sept. 11, 2001").
    """

    def pick_near(years: list[int], target: date) -> int:
        return min(years, key=lambda y: abs((_on(y, latest.month, latest.day) - target).days))

    def pick_dense(years: list[int]) -> int:
        """The year in which most of the corpus's dates lie near the latest event (a story
        covered for two years has two Aprils: the busy one wins), then the one nearest to
        their median."""
        ordinals = sorted(h.toordinal() for h in hints)
        middle = date.fromordinal(ordinals[len(ordinals) // 2])

        def near(y: int) -> int:
            d = _on(y, latest.month, latest.day).toordinal()
            return bisect_right(ordinals, d + _HINT_NEAR) - bisect_left(ordinals, d - _HINT_NEAR)

        best = max(near(y) for y in years)
        dense = [y for y in years if near(y) == best] if best >= _HINT_DENSE else years
        return pick_near(dense, middle)

    limit = min(d for d in (reference, today, upper) if d is not None)
    # 2. a weekday given with a date
    for e in sorted(events, key=lambda x: (not x.dateline, x.pos)):
        if e.weekday is None or (e.derived and e.year is not None):
            continue  # an event dated by another article: its weekday fixes no year here
        hi = (reference or today).year + 1
        years = md_years(e.month, e.day, e.weekday, lo=1900, hi=hi)
        # e's year, then the latest event's: the same, or the next if it comes earlier in the
        # calendar (the story crossed a new year)
        years = [
            y if _doy(e.month, e.day) <= _doy(latest.month, latest.day) else y + 1 for y in years
        ]
        years = [y for y in years if _on(y, latest.month, latest.day) <= limit]
        if lower is not None:
            years = [y for y in years if _on(y, latest.month, latest.day) >= lower] or years
        if years:
            evidence = [e.evidence]
            conf = CONF_YEAR_FROM_WEEKDAY
            if uploads:
                chosen = pick_near(years, uploads[-1])
                evidence.append(f"upload path {uploads[-1]:%Y/%m}")
                if abs(chosen - uploads[-1].year) <= 1:
                    conf = CONF_YEAR_CORROBORATED  # two clues agree
            elif hints:
                chosen = pick_dense(years)
            elif weak_hints:
                # the years the text (or corpus) names: the weekday's year is the first one
                # not before the latest of them ("in 1997 ... on Thursday, Feb. 5" is 1998)
                floor = max(weak_hints).year
                later = [y for y in years if y >= floor]
                chosen = min(later) if later else max(years)
            else:
                chosen = max(years)
            return chosen, conf, evidence
    cand_years = list(range(1900, (reference or today).year + 2))
    # 3. an upload path in the page
    if uploads:
        u = uploads[-1]
        years = [y for y in cand_years if _on(y, latest.month, latest.day) >= u - timedelta(31)]
        if years:
            return min(years), CONF_YEAR_FROM_UPLOAD, [f"upload path {u:%Y/%m}"]
    # 4. other articles of the corpus (refine_with_corpus)
    if hints:
        return pick_dense(cand_years), CONF_YEAR_FROM_CORPUS, []
    # 1. an event with an explicit year: the latest event is the same month-day nearest to it
    with_year = [e for e in events if e.year is not None and not e.month_level]
    if with_year:
        e = max(with_year, key=lambda x: (x.year or 0, x.month, x.day))
        anchor = _on(e.year or 1, e.month, e.day)
        years = [(e.year or 1) + k for k in (-1, 0, 1)]
        ok = [y for y in years if _on(y, latest.month, latest.day) <= limit] or years
        return pick_near(ok, anchor), CONF_YEAR_FROM_DATE, [e.evidence]
    if weak_hints:
        target = sorted(weak_hints)[len(weak_hints) // 2]
        return pick_near(cand_years, target), CONF_YEAR_FROM_CORPUS * 0.8, []
    # 5. the configured reference date
    if reference is not None:
        years = [y for y in cand_years if _on(y, latest.month, latest.day) <= reference]
        if years:
            return max(years), CONF_YEAR_FROM_REFERENCE, [f"reference date {reference}"]
    return None, CONF_NO_YEAR, []


def _on(year: int, month: int, day: int) -> date:
    """``date(year, month, day)``, with 29 February moved to the 28th in common years."""
    if month == 2 and day == 29 and not calendar.isleap(year):
        day = 28
    return date(year, month, day)


def _is_past_event(t: Timex) -> bool:
    return t.tense == "past" or (t.tense == "present" and t.signal in {"as of", "since"})


EventLookup = Callable[[str], "tuple[date, date] | None"]


def _count_events(
    text: str,
    timexes: Sequence[Timex],
    sentences: Sequence[Span],
    event_lookup: EventLookup | None,
) -> list[_Event]:
    """Events placed by counts: "On Monday, six days after the dam burst on March 3"."""
    out: list[_Event] = []
    for rel in count_relations(text, timexes):
        sentence = _sentence_of(rel.span, sentences, text)
        base_timex = rel.base_timex
        if base_timex is not None and base_timex.rule and base_timex.rule.startswith("md:"):
            # the base has no year: only an exact count places the day; a weekday beside it
            # then constrains the year
            if rel.lo != 0 or rel.hi != 0 or base_timex.tense == "future":
                continue
            month, day, _wd = _md_of(base_timex.rule)
            d = rel.shift(date(2024, month, min(day, 29 if month == 2 else day)))
            if d is None:
                continue
            out.append(_Event(d.month, d.day, None, rel.weekday, False, sentence, None,
                              rel.span[0], derived=True))  # fmt: skip
            continue
        if base_timex is not None:
            span = value_range(base_timex.value, None)
            rng = (parse_iso(span.earliest), parse_iso(span.latest)) if span else (None, None)
        elif event_lookup is not None:
            rng = event_lookup(rel.np) or (None, None)
        else:
            continue
        b_lo, b_hi = rng
        if b_lo is None or b_hi is None:
            continue
        lo, hi = rel.shift(b_lo, rel.lo), rel.shift(b_hi, rel.hi)
        if lo is None or hi is None:
            continue
        if rel.weekday is not None:
            days = [lo + timedelta(k) for k in range((hi - lo).days + 1)]
            days = [d for d in days if d.isoweekday() == rel.weekday]
            if len(days) != 1:
                continue
            lo = hi = days[0]
        if lo != hi:
            continue
        out.append(_Event(lo.month, lo.day, lo.year, rel.weekday, False, sentence, None,
                          rel.span[0], derived=True, now=rel.since))  # fmt: skip
    return out


DayLookup = Callable[[str, int], "date | None"]


def _weekday_events(
    text: str, timexes: Sequence[Timex], sentences: Sequence[Span], day_lookup: DayLookup
) -> list[_Event]:
    """Past events named by a weekday ("BP said on Tuesday it would ...") that another article
    of the corpus dates: the same event, told there with its date."""
    out: list[_Event] = []
    for t in timexes:
        rule = t.rule or ""
        if not rule.startswith("wd:") or t.tense == "future" or rule.split(":")[2:3] == ["next"]:
            continue
        weekday = int(rule.split(":")[1].split("@")[0])
        sentence = _sentence_of(t.span, sentences, text)
        d = day_lookup(sentence, weekday)
        if d is not None:
            out.append(_Event(d.month, d.day, d.year, weekday, False, sentence, None, t.span[0],
                              derived=True))  # fmt: skip
    return out


# What a page states of its own day (``pagestamps``): how to find it, how many days before and
# after it the article may have been published, the confidence, the evidence label; in order.
_PAGE_STAMPS: tuple[
    tuple[Callable[[str, Sequence[Timex]], tuple[date, str] | None], int, int, float, str], ...
] = (
    (byline_stamp, 0, 0, CONF_DATELINE, "byline"),  # "By Ann Lee | June 17, 2031; 2:46 PM ET"
    (print_edition, 1, 0, CONF_DATELINE, "print"),  # that day's paper: online that day or before
    (first_comment, 1, 0, CONF_FIRST_COMMENT, "comment"),  # readers comment the day it appears
    (clock_stamp, 1, 0, CONF_DATELINE, "stamp"),  # the page's stamp, or a later comment's
    (photo_caption, 0, 2, CONF_CAPTION, "caption"),  # the day's pictures, or the days before's
)


def _dateline_event(
    text: str, timexes: Sequence[Timex], sentences: Sequence[Span]
) -> _Event | None:
    t = dateline(text, timexes)
    if t is None:
        return None
    sentence = _sentence_of(t.span, sentences, text)
    if t.rule:
        month, day, weekday = _md_of(t.rule)
        return _Event(month, day, None, weekday, False, sentence, t, t.span[0], dateline=True)
    d = parse_iso(t.value)
    if d is None:
        return None
    return _Event(d.month, d.day, d.year, None, False, sentence, t, t.span[0], dateline=True)


def infer_from_content(
    text: str,
    timexes: Sequence[Timex],
    sentences: Sequence[Span],
    *,
    raw_text: str = "",
    raw_timexes: Sequence[Timex] | None = None,
    reference: str | None = None,
    hints: Sequence[date] = (),
    today: date | None = None,
    event_lookup: EventLookup | None = None,
    day_lookup: DayLookup | None = None,
    story_dates: frozenset[tuple[int, int]] = frozenset(),
    weak_hints: Sequence[date] = (),
) -> PublishedDate:
    """A publication range read from the text (see the module docstring).

    Args:
        text: the cleaned text that ``timexes`` and ``sentences`` index into.
        timexes: its time expressions, unanchored (``rule`` and ``tense`` set).
        sentences: sentence spans.
        raw_text: the text as ingested (image links with dated upload paths live there).
        raw_timexes: the time expressions of ``raw_text``, when cleaning moved some of it out:
            page stamps (bylines, readers' comments, photo captions) are read in the page as
            it came, for the comments and captions cleaning removes still date it; ``None``:
            they are read in ``text``.
        reference: ``config.reference_date``: nothing is published after it; used to pick a
            year only when nothing else can.
        hints: dates of the same story from other articles (``refine_with_corpus``).
        today: stands in for today's date (tests).
        event_lookup: the dates of events named by a noun phrase, from other articles
            (``EventIndex.lookup``), for "more than a week after the dam gave way".
        day_lookup: the day another article gives the event of a sentence that names it by
            its weekday only (``EventIndex.lookup_day``).
        story_dates: month-days that many articles of the corpus repeat: the story's origin
            ("Jackson died on 25 June 2009"), a lower bound but never the latest event.
    """
    today = today or date.today()
    ref = parse_iso(reference)
    lower: date | None = None
    lower_evidence: list[str] = []
    upper: date | None = ref
    events: list[_Event] = []
    recent = False
    line = _dateline_event(text, timexes, sentences)
    if line is not None and line.year is not None:
        d = _on(line.year, line.month, line.day)
        if ref is None or d <= ref:
            return _pd(d, d, "content", CONF_DATELINE, [f"dateline: {line.evidence}"])
    page, stamps = (raw_text, raw_timexes) if raw_timexes is not None else (text, timexes)
    for find, days_before, days_after, conf, label in _PAGE_STAMPS:
        found = find(page, stamps)
        if found is not None and (ref is None or found[0] <= ref):
            stamp_day, line_text = found
            earliest = stamp_day - timedelta(days=days_before)
            latest = stamp_day + timedelta(days=days_after)
            if ref is not None:
                latest = min(latest, ref)
            found_pd = _pd(earliest, latest, "content", conf, [f"{label}: {line_text}"])
            if not days_after:
                found_pd.date = iso(stamp_day)  # the likeliest day of the range: the stamp's
            return found_pd
    for t in timexes:
        if t.type not in {"DATE", "TIME"}:
            continue
        rule = t.rule or ""
        if _RECENT_RULE.match(rule) and t.tense != "future":
            recent = True
        sentence = _sentence_of(t.span, sentences, text)
        if not rule:
            span = value_range(t.value, None)
            if span is None or span.earliest is None:
                continue
            lo = parse_iso(span.earliest)
            if lo is None:
                continue
            if t.tense == "future" and t.signal not in {"since", "from"}:
                hi = parse_iso(span.latest)
                if hi is not None and (upper is None or hi < upper):
                    upper = hi
                continue
            if t.tense != "past" and t.signal not in {"since", "as of"}:
                continue  # "in 2050", "the May 28 deadline": not yet, or not an event
            if lo > (upper or today):
                continue
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", t.value):
                events.append(
                    _Event(lo.month, lo.day, lo.year, None, False, sentence, t, t.span[0])
                )
            if lower is None or lo > lower:
                lower, lower_evidence = lo, [sentence]
            continue
        if rule.startswith("md:") and (_is_past_event(t) or (line is not None and t is line.timex)):
            month, day, weekday = _md_of(rule)
            is_line = line is not None and t is line.timex
            events.append(
                _Event(month, day, None, weekday, False, sentence, t, t.span[0], dateline=is_line)
            )
        elif rule.startswith("m:") and _is_past_event(t):
            month = int(rule.split(":")[1])
            day = {"START": 1, "MID": 11, "END": 21}.get(t.mod or "", 1)
            events.append(_Event(month, day, None, None, True, sentence, t, t.span[0]))
    if story_dates:
        for e in events:
            if not e.dateline and (e.month, e.day) in story_dates and e.year is not None:
                d = _on(e.year, e.month, e.day)
                if lower is None or d > lower:
                    lower, lower_evidence = d, [e.evidence]
        events = [e for e in events if e.dateline or (e.month, e.day) not in story_dates]
    derived = _count_events(text, timexes, sentences, event_lookup)
    if day_lookup is not None:
        derived.extend(_weekday_events(text, timexes, sentences, day_lookup))
    events.extend(derived)
    anniversaries = _anniversaries(text, timexes, sentences)
    for ev, _base in anniversaries:
        events.append(ev)
    uploads = _upload_months(raw_text)
    if not events:
        if lower is not None:
            hi = upper if upper is not None and upper >= lower else None
            return _pd(lower, hi, "content", CONF_LOWER_BOUND_ONLY, lower_evidence)
        return _none()

    yearless = [e for e in events if e.year is None]
    dated_derived = [e for e in events if e.year is not None and e.derived]
    if not yearless:
        latest_ev = max(events, key=lambda e: (e.derived, e.year or 0, e.month, e.day))
        year: int | None = latest_ev.year
        conf = CONF_YEAR_FROM_DATE
        year_evidence: list[str] = []
        if not recent and not latest_ev.derived:
            # an explicit full date alone may be history: keep the range open
            lo = date(year or 1, latest_ev.month, latest_ev.day)
            hi = upper if upper is not None and upper >= lo else None
            return _pd(lo, hi, "content", CONF_LOWER_BOUND_ONLY, [latest_ev.evidence])
    else:
        origin = anniversaries[0][1] if anniversaries else None
        lines = [e for e in yearless if e.dateline]
        latest_ev = lines[0] if lines else _latest_on_circle(yearless, origin)
        year, conf, year_evidence = _pick_year(
            latest_ev,
            events,
            lower=lower,
            upper=upper,
            uploads=uploads,
            reference=ref,
            today=today,
            hints=hints,
            weak_hints=weak_hints,
        )
        if any(e.weekday for e in events):
            recent = True
        if year is not None and dated_derived and not latest_ev.dateline:
            later = max(dated_derived, key=lambda e: (e.year or 0, e.month, e.day))
            if _on(later.year or 1, later.month, later.day) > _on(
                year, latest_ev.month, latest_ev.day
            ):
                latest_ev, year = later, later.year
    evidence = [latest_ev.evidence, *year_evidence]
    if anniversaries:
        evidence.insert(0, anniversaries[0][0].evidence)
    if latest_ev.dateline:
        evidence.insert(0, f"dateline: {latest_ev.evidence}")
    evidence = list(dict.fromkeys(e for e in evidence if e))
    if year is None:
        # the month and day are known but not the year: keep only the evidence
        return PublishedDate(
            date=None,
            earliest=None,
            latest=None,
            method="content",
            confidence=conf,
            evidence=evidence,
        )
    lo = _on(year, latest_ev.month, latest_ev.day)
    if latest_ev.dateline or latest_ev.now:
        window = 0  # a dateline, or a count to the present: the day of writing
    elif latest_ev.weekday is not None:
        window = WINDOW_WEEKDAY
    else:
        window = WINDOW_RECENT if recent else WINDOW_DEFAULT
    if (latest_ev.timex is not None and latest_ev.timex.signal == "since") or re.match(
        r"\s*Since\b", latest_ev.evidence
    ):
        # "Since the push in early January, Ukraine has made gains": written well after it
        window, conf = WINDOW_SINCE, conf * 0.8
    if latest_ev.month_level and latest_ev.timex is not None:
        span = value_range(f"{year:04d}-{latest_ev.month:02d}", latest_ev.timex.mod)
        hi_ev = parse_iso(span.latest) if span else None
        hi = (hi_ev or lo) + timedelta(days=window)
    else:
        hi = lo + timedelta(days=window)
    if lower is not None and lower > hi:
        # what the text states as past lies after the window: the window was wrong
        top = upper if upper is not None and upper >= lower else None
        return _pd(lower, top, "content", CONF_LOWER_BOUND_ONLY, lower_evidence)
    if lower is not None and lower > lo:
        lo = lower
    if uploads and uploads[-1] > lo and uploads[-1] <= hi:
        lo = uploads[-1]
    if upper is not None and lo <= upper < hi:
        hi = upper
    hi = max(hi, lo)
    if hi > lo + timedelta(days=window) and latest_ev.month_level:
        conf *= 0.8
    return _pd(lo, hi, "content", conf, evidence)


def close_range(
    found: PublishedDate, *, reference: str | None, today: date | None = None
) -> PublishedDate:
    """An open range (``earliest`` only) closed by what is certain: nothing is published after
    ``reference`` (``config.reference_date``) or today."""
    if found.earliest is None or found.latest is not None:
        return found
    lo = parse_iso(found.earliest)
    top = parse_iso(reference) or today or date.today()
    if lo is None or top < lo:
        return found
    return dataclasses.replace(
        found, latest=iso(top), evidence=[*found.evidence, f"not after {iso(top)}"]
    )


# ---- the stage ----------------------------------------------------------------------------------


def crawl_bound(reference: str | None, crawl_date: str | None) -> str | None:
    """The crawl day when it comes before ``reference`` (or there is none), else ``None``:
    a page was published on or before the day a web archive fetched it."""
    crawled = parse_iso(crawl_date)
    if crawled is None:
        return None
    ref = parse_iso(reference)
    return iso(crawled) if ref is None or crawled < ref else None


def crawl_evidence(crawled: str) -> str:
    """The evidence line a crawl-bounded date carries."""
    return f"crawled on {crawled}: published then or before"


def page_timexes(raw_text: str, text: str) -> list[Timex] | None:
    """The time expressions of a page as ingested, for its page stamps (``infer_from_content``'s
    ``raw_timexes``); ``None`` when cleaning left the page as it was (``text``)."""
    if text == raw_text:
        return None
    return extract_timexes(raw_text, sentence_spans(raw_text))


def published_stage(work: Work, config: Config) -> dict[str, Any]:
    """Stage ``published``: metadata first, then URL, file name, date folders, then the text.

    A page from a web archive (``raw.crawl_date``) was published on or before the day it was
    crawled: that day closes the range content inference finds, as ``config.reference_date``
    does (the earlier of the two wins). The archive's file name dates the crawl, not the page,
    so it is not read for a date.
    """
    raw = work.raw
    found = from_metadata(raw.meta_date, raw.meta_date_method) or from_url(raw.url)
    if found is None and raw.format != "warc":
        found = from_filename(raw.source) or from_filename(raw.id) or from_folders(raw.source)
    if found is None:
        crawled = crawl_bound(config.reference_date, raw.crawl_date)
        reference = crawled or config.reference_date
        text = work.cleaned.text if work.cleaned is not None else raw.text
        found = infer_from_content(
            text,
            work.timexes,
            sorted(s.span for s in work.sentences),
            raw_text=raw.text,
            # the page as it came: its comments and captions date it (cleaning moved them out)
            raw_timexes=page_timexes(raw.text, text),
            reference=reference,
        )
        found = close_range(found, reference=reference)
        if crawled is not None:
            found = dataclasses.replace(
                found,
                # nothing read from the text: the crawl is still an upper bound
                latest=found.latest if found.earliest is not None else crawled,
                evidence=[*found.evidence, crawl_evidence(crawled)],
            )
    log.debug("%s published %s (%s)", raw.id, found.date or found.earliest, found.method)
    return {"published": found}
