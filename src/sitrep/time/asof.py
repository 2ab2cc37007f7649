"""As-of dates: the date at which each claim and figure holds.

A date expression in the same sentence governs a figure or claim ("By the end of the year,
counterattacks reduced the territory to 460 km²" holds at the end of that year, whenever the
article was published). The nearest one wins, one before the figure over one after it; an
expression that opens an interval ("since August") says when something began, not when it
holds, and is skipped. Without one, a claim holds as of the publication date (range).
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sitrep.model import DateRange, Span, Timex
from sitrep.time.lexicon import SINCE_SIGNALS
from sitrep.time.normalize import iso, parse_iso
from sitrep.time.relations import count_relations

if TYPE_CHECKING:
    from sitrep.config import Config
    from sitrep.pipeline import Work

__all__ = ["as_of_stage", "counted_timexes", "governing_date", "governing_timex"]

_AFTER_PENALTY = 1.5  # a date after the figure is weighed as if 1.5x farther ...
_AFTER_OFFSET = 20  # ... and 20 characters more: "In August, ... 1,100 km²" reads forward


def _usable(t: Timex, target: Span, text: str) -> bool:
    opens = t.signal in SINCE_SIGNALS or _SINCE_PHRASE.search(
        text, max(0, t.span[0] - 70), t.span[0]
    )
    return (
        t.type in {"DATE", "TIME"}
        and t.resolved is not None
        and t.resolved.earliest is not None
        and (not opens or _describes_the_event(t, target, text))
    )


# a date at the end of a "since" phrase opens the interval too: "since the start of the
# offensive on February 20"
_SINCE_PHRASE = re.compile(
    r"\bsince\s+the\s+(?:start|beginning|launch|outbreak)\b[^,;:.]{0,50}$", re.IGNORECASE
)


# after "since the March 3": the event's noun ("blast") or its own relative clause
# ("blast that killed 9 crew"); not a predicate ("since February 24 had reached 700,000": the
# total holds now)
_EVENT_CLAUSE = re.compile(
    r"\s*(?:(?!(?:had|has|have|was|were|is|are|be|been|will|would|stood|stands|reached|"
    r"rose|risen|totalled|totaled)\b)[\w'’-]+\s+){0,2}"
    r"|[\w\s,.'’-]{0,60}?\b(?:that|which|who)\b[^,;:.()]*",
    re.IGNORECASE,
)


def _describes_the_event(t: Timex, target: Span, text: str) -> bool:
    """Whether ``target`` sits in the clause describing the event a "since" date names: "since
    the March 3 blast that killed 9 crew" dates the 9 deaths."""
    if not text or target[0] < t.span[1]:
        return False
    return _EVENT_CLAUSE.fullmatch(text, t.span[1], target[0]) is not None


def governing_timex(
    sentence: Span, target: Span, timexes: Sequence[Timex], text: str = ""
) -> Timex | None:
    """The date expression in ``sentence`` that governs ``target`` (the module docstring).

    ``timexes`` must be sorted by start; expressions inside ``target`` count as before it.
    ``text`` (the article's) lets a "since" date govern its event's own clause.
    """
    starts = [t.span[0] for t in timexes]
    i = bisect.bisect_left(starts, sentence[0])
    best: tuple[float, Timex] | None = None
    while i < len(timexes) and timexes[i].span[0] < sentence[1]:
        t = timexes[i]
        i += 1
        if not _usable(t, target, text) or t.span[1] > sentence[1]:
            continue
        if t.scope is not None and not (t.scope[0] <= target[0] and target[1] <= t.scope[1]):
            continue  # it dates another clause ("the council, which was elected in 2028, ...")
        if t.span[0] < target[1]:  # before the target, or inside it
            dist: float = max(0, target[0] - t.span[1])
        else:
            dist = (t.span[0] - target[1]) * _AFTER_PENALTY + _AFTER_OFFSET
        if best is None or dist < best[0]:
            best = (dist, t)
    return best[1] if best is not None else None


def governing_date(
    sentence: Span, target: Span, timexes: Sequence[Timex], text: str = ""
) -> DateRange | None:
    """The resolved range of ``governing_timex``, or ``None``."""
    found = governing_timex(sentence, target, timexes, text)
    if found is None or found.resolved is None:
        return None
    r = found.resolved
    return DateRange(date=r.date, earliest=r.earliest, latest=r.latest)


def _sentence_for(span: Span, sentences: Sequence[Span]) -> Span | None:
    starts = [s for s, _ in sentences]
    i = bisect.bisect_right(starts, span[0]) - 1
    if i >= 0 and sentences[i][0] <= span[0] < sentences[i][1]:
        return sentences[i]
    return None


def counted_timexes(text: str, timexes: Sequence[Timex]) -> list[Timex]:
    """``timexes`` with each day a count relation counts from ("six weeks after the March 3
    blast") replaced by the day the count reaches, spanning the whole phrase: the clause holds
    six weeks after March 3, not on it."""
    shifted: dict[int, Timex] = {}
    for rel in count_relations(text, timexes) if text else []:
        base = rel.base_timex
        day = parse_iso(base.resolved.date) if base and base.resolved else None
        if base is None or day is None or (rel.days == 0 and rel.months == 0):
            continue
        # a count off the calendar's ends ("999 months after" a year 9999) dates nothing
        lo, hi, day = rel.shift(day, rel.lo), rel.shift(day, rel.hi), rel.shift(day)
        if day is None or lo is None or hi is None:
            continue
        shifted[id(base)] = dataclasses.replace(
            base,
            span=(rel.span[0], base.span[1]),
            signal=None,
            resolved=DateRange(
                date=iso(day) if lo == hi else None, earliest=iso(lo), latest=iso(hi)
            ),
        )
    return [shifted.get(id(t), t) for t in timexes]


def as_of_stage(work: Work, config: Config) -> dict[str, Any]:
    """Stage ``as_of``: set ``as_of`` on every claim and figure (new objects)."""
    del config
    pub = work.published
    fallback = (
        pub.as_range() if pub is not None else DateRange(date=None, earliest=None, latest=None)
    )
    text = work.cleaned.text if work.cleaned is not None else ""
    timexes = sorted(counted_timexes(text, work.timexes), key=lambda t: t.span)
    sentences = sorted(s.span for s in work.sentences)

    def as_of(sentence: Span | None, target: Span) -> DateRange:
        sentence = sentence or _sentence_for(target, sentences)
        found = governing_date(sentence, target, timexes, text) if sentence else None
        return found or dataclasses.replace(fallback)

    claims = [dataclasses.replace(c, as_of=as_of(c.sentence, c.content_span)) for c in work.claims]
    figures = [dataclasses.replace(f, as_of=as_of(f.sentence, f.span)) for f in work.figures]
    return {"claims": claims, "figures": figures}
