"""Dates a web page states about itself outside a dateline: the print edition it appeared in,
a blog byline stamp, its readers' first comment. Each is read from the page's own time
expressions (``Timex`` with a full date), so only what the extractor read as a date counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from sitrep.model import Timex
from sitrep.time.normalize import parse_iso
from sitrep.time.relations import is_day_level

__all__ = ["byline_stamp", "first_comment", "print_edition"]

_PRINT_LINE = re.compile(
    r"\b(?:This (?:article|story)|A version(?: of this (?:article|story))?) (?:appeared|appears)"
    r" (?:in print )?on\b[^\n]{0,160}",
    re.IGNORECASE,
)
_BYLINE_BAR = re.compile(r"\bBy [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}\s*\|\s*$")
_COMMENT_BAR = re.compile(r"\bPosted by:?[^|\n]{1,60}\|\s*$")
_CLOCK_NEXT = re.compile(r"[;,]?\s*\d{1,2}:\d\d\s*[AaPp]\.?[Mm]")


def _stamped_days(
    text: str, timexes: Sequence[Timex], lead: re.Pattern[str]
) -> list[tuple[date, str]]:
    """Days written as ``lead`` + date + clock ("By Ann Lee | June 17, 2031; 2:46 PM ET")."""
    out: list[tuple[date, str]] = []
    for t in timexes:
        d = _day(t)
        if d is None:
            continue
        m = lead.search(text[max(0, t.span[0] - 80) : t.span[0]])
        if m is not None and (_CLOCK_NEXT.match(text, t.span[1]) or "T" in t.value):
            out.append((d, (m.group(0) + text[t.span[0] : t.span[1] + 12]).strip()))
    return out


def _day(t: Timex) -> date | None:
    """The day of an expression that names one with its year ("June 17, 2031"), else None."""
    return parse_iso(t.value[:10]) if not t.rule and is_day_level(t) else None


def byline_stamp(text: str, timexes: Sequence[Timex]) -> tuple[date, str] | None:
    """The day of a blog byline stamp ("By Ann Lee | June 17, 2031; 2:46 PM ET"), when
    the page has one (several: a page of posts; the first is the page's)."""
    days = _stamped_days(text, timexes, _BYLINE_BAR)
    return days[0] if days else None


def first_comment(text: str, timexes: Sequence[Timex]) -> tuple[date, str] | None:
    """The earliest reader comment ("Posted by: bob | September 24, 2031 3:51 PM"): the page
    was published that day or shortly before (T17's Washington Post pages: the same day in
    nearly all)."""
    days = _stamped_days(text, timexes, _COMMENT_BAR)
    return min(days) if days else None


def print_edition(text: str, timexes: Sequence[Timex]) -> tuple[date, str] | None:
    """The day of the print edition a page credits ("This article appeared on p12 of the News
    section of the Valley Courier on Friday 9 May 2031", "A version of this article appears
    in print on May 9, 2031, on page A1"): the article was published online that day or the
    day before (T17's Guardian pages: 31 and 28 of 67; 8 others further off)."""
    for m in _PRINT_LINE.finditer(text):
        days = [
            d
            for t in timexes
            if m.start() <= t.span[0] and t.span[1] <= m.end() and (d := _day(t)) is not None
        ]
        if days:
            return days[-1], m.group(0).strip()
    return None
