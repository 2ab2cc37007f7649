"""Two text clues to when an article was written, beyond its time expressions.

* A **dateline**: a day-level date that stands on one of the first lines of the article, alone
  or with an outlet or author ("*The Herald — March 4, 2026*", "14 March 2026"), or that opens
  the text before a full stop or a dash ("Tuesday, March 10. A week after...", "KYIV, March 10
  (Reuters) -"). That is the publication day.
* A **count relation**: "six days after the dam burst on March 3", "more than a week after the
  dam gave way", "the day before the vote". The distance and its modifier (``COUNT_MODS``) put
  the clause's own time -- often a weekday named beside it ("On Monday, six days after ...") --
  at a known distance from the event the noun phrase names, dated in the text or, through
  ``refine_with_corpus``, by other articles.

Both are plain functions of the text and its (unanchored) time expressions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.model import Span, Timex
from sitrep.time import lexicon as lx

__all__ = ["CountRelation", "count_relations", "dateline", "is_day_level"]

_HEAD_CHARS = 600  # a dateline stands within the first 600 characters ...
_HEAD_LINES = 4  # ... and on one of the first four non-empty lines
_LINE_MAX = 100  # a dateline line is short
# after a leading date: a clock time, a place in capitals, "(Reuters)", then a dash, a full stop
# or the end of the line ("Tue Mar 10, 2026 4:05 pm EDT TOLVARIS (Reuters) - ...")
_LEAD_AFTER = re.compile(
    r"\s*(?:\d{1,2}:\d\d(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
    r"(?:\s*[A-Z][A-Z./'’, -]*[A-Z])?\s*(?:\([^()\n]{1,40}\)\s*)?(?:[.:;|]\s|[-–—_]{1,2}\s|\n|$)"
)
_CLOCK_AFTER = re.compile(r"\s*\d{1,2}:\d\d")
_STAMP_AFTER = re.compile(
    r",?\s*(?:(?:last\s+)?updated\s+)?(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?|\s+[A-Z]{2,4}\b)",
    re.IGNORECASE,
)  # "Tuesday 3 August 2010 13.49 BST", "5 May 2031 Last updated at 07:12 GMT"
_NEW_LINE_AFTER = re.compile(
    r"\s*(?:$|\n|[|–—-]\s|[A-Z(\"“])"
)  # what follows a head stamp: a new line, a separator or a capitalised headline ("Ann Lee |
# 18:40 UK time, Saturday, 26 April 2031 Engineers fear ..."), not a clause (", the dam broke")
_AGENCY_AFTER = re.compile(
    r"[^\n]{0,80}?\([A-Z][^()\n]{1,40}\)\s*[-–—_]{1,2}\s"
)  # "... (Reuters) -"
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}(?:T.*)?")
_WORD = re.compile(r"[A-Za-z][A-Za-z.']*")


def is_day_level(t: Timex) -> bool:
    """A calendar day, with or without its year ("March 4, 2026", "Tuesday, March 10")."""
    rule = t.rule or ""
    return t.type in {"DATE", "TIME"} and (
        rule.startswith("md:") or (not rule and _DAY_VALUE.fullmatch(t.value) is not None)
    )


def _lowercase_words(chunk: str) -> list[str]:
    words = [w.rstrip(".'").lower() for w in _WORD.findall(chunk) if w[0].islower()]
    return [w for w in words if w and w not in lx.DATELINE_WORDS]


def dateline(text: str, timexes: Sequence[Timex]) -> Timex | None:
    """The time expression that is the article's dateline, or ``None``."""
    for t in timexes:
        if t.span[0] >= _HEAD_CHARS:
            break
        if not is_day_level(t):
            continue
        line_start = text.rfind("\n", 0, t.span[0]) + 1
        if sum(1 for line in text[:line_start].split("\n") if line.strip()) >= _HEAD_LINES:
            break
        line_end = text.find("\n", t.span[1])
        line_end = len(text) if line_end < 0 else line_end
        before, after = text[line_start : t.span[0]], text[t.span[1] : line_end]
        if t.rule is None and (
            _STAMP_AFTER.match(after)
            or (
                "T" in t.value  # a clock and a date, as a head stamp, not a clause's start
                and not _lowercase_words(before)
                and _NEW_LINE_AFTER.match(after) is not None
            )
        ):
            return t  # a timestamp: "Tuesday 3 August 2010 13.49 BST", wherever in the head
        if _lowercase_words(before):
            continue  # "The vote on March 3 ...": prose
        if line_end - line_start <= _LINE_MAX and not _lowercase_words(after):
            return t
        if (
            _LEAD_AFTER.match(after)
            or _AGENCY_AFTER.match(after)
            or (not before.strip() and _CLOCK_AFTER.match(after))
        ):
            return t
    return None


@dataclass(slots=True, frozen=True)
class CountRelation:
    """``n`` units after (or before) an event named by ``np``.

    The clause's own day is ``base + days + lo .. base + days + hi`` (``months`` calendar months
    are added first); ``base`` is ``base_timex`` when the phrase holds a date, else what the
    corpus says of ``np``. ``weekday`` is the ISO weekday named beside the count, if any.
    """

    span: Span
    np: str
    np_span: Span
    days: int
    months: int
    lo: int
    hi: int
    weekday: int | None
    base_timex: Timex | None
    since: bool = False  # "in the 77 days since the well blew": the count runs to the present

    def shift(self, base: date, offset: int = 0) -> date | None:
        """``base`` moved by the count (its months first, on a day no later than the 28th,
        then its days) and ``offset`` more days; ``None`` off the calendar's ends."""
        try:
            d = base
            if self.months:
                k = d.year * 12 + d.month - 1 + self.months
                d = date(k // 12, k % 12 + 1, min(d.day, 28))
            return d + timedelta(days=self.days + offset)
        except (ValueError, OverflowError):
            return None


_NUM = "|".join(
    sorted(
        (re.escape(w).replace(r"\ ", r"\s+") for w, n in lx.NUMBER_WORDS.items() if n > 0),
        key=len,
        reverse=True,
    )
)
_MODS = "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in lx.COUNT_MODS if m)
_COUNT = re.compile(
    rf"\b(?:(?P<mod>{_MODS})\s+)?(?:(?P<n>\d{{1,3}}|{_NUM})[\s-]+)?"
    rf"(?P<unit>day|week|fortnight|month)s?\s+(?P<dir>after|before|since)\s+"
    r"(?P<np>[^.;:!?\n,]{3,90})",
    re.IGNORECASE,
)


_COUNT_TRIGGER = re.compile(
    r"(?<![\w-])(?:day|week|fortnight|month)s?\s+(?:after|before|since)\b", re.I
)


def _count_of(word: str | None) -> int | None:
    if word is None:
        return 1
    w = re.sub(r"\s+", " ", word).lower()
    if w.isdigit():
        return int(w)
    n = lx.NUMBER_WORDS.get(w)
    return n if n is not None and n > 0 else None


def count_relations(text: str, timexes: Sequence[Timex]) -> list[CountRelation]:
    """The count relations of ``text`` (see the module docstring)."""
    out: list[CountRelation] = []
    for trigger in _COUNT_TRIGGER.finditer(text):
        # the full pattern runs only around its trigger: ~40x faster on long texts
        lo = max(0, trigger.start() - 40)
        m = next(
            (
                c
                for c in _COUNT.finditer(text, lo, trigger.end() + 100)
                if c.start("unit") == trigger.start()
            ),
            None,
        )
        if m is None:
            continue
        n = _count_of(m.group("n"))
        if n is None:
            continue
        if m.group("n") is None and not re.search(
            r"\bthe\s+$", text[max(0, m.start() - 5) : m.start()], re.IGNORECASE
        ):
            continue  # bare "day after": only "the day after"
        unit = m.group("unit").lower()
        sign = -1 if m.group("dir").lower() == "before" else 1
        lo, hi = lx.COUNT_MODS[re.sub(r"\s+", " ", (m.group("mod") or "").lower())]
        if sign < 0:
            lo, hi = -hi, -lo
        np_span = (m.start("np"), m.end("np"))
        base = next(
            (t for t in timexes if np_span[0] <= t.span[0] < np_span[1] and is_day_level(t)),
            None,
        )
        weekday = None
        for t in timexes:
            rule = t.rule or ""
            if rule.startswith("wd:") and m.start() - 45 <= t.span[1] <= m.start():
                weekday = int(rule.split(":")[1].split("@")[0])
        out.append(
            CountRelation(
                span=(m.start(), m.end()),
                np=m.group("np"),
                np_span=np_span,
                days=sign * n * lx.COUNT_UNITS[unit],
                months=sign * n if unit == "month" else 0,
                lo=lo,
                hi=hi,
                weekday=weekday,
                base_timex=base,
                since=m.group("dir").lower() == "since",
            )
        )
    return out
