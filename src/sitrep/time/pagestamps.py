"""Dates a web page states about itself outside a dateline: the print edition it appeared in,
a blog byline stamp, its readers' first comment, a date-and-clock stamp anywhere on the page,
the photo captions of the day. Each is read from the page's own time expressions (``Timex``
with a full date), so only what the extractor read as a date counts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from sitrep.model import Timex
from sitrep.time import lexicon as lx
from sitrep.time.normalize import parse_iso
from sitrep.time.relations import is_day_level

__all__ = ["byline_stamp", "clock_stamp", "first_comment", "photo_caption", "print_edition"]

_PRINT_LINE = re.compile(
    r"\b(?:This (?:article|story)|A version(?: of this (?:article|story))?) (?:appeared|appears)"
    r" (?:in print )?on\b[^\n]{0,160}",
    re.IGNORECASE,
)
_BYLINE_BAR = re.compile(r"\bBy [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}\s*\|\s*$")
_COMMENT_BAR = re.compile(r"\bPosted by:?[^|\n]{1,60}\|\s*$")
_CLOCK_NEXT = re.compile(r"[;,]?\s*\d{1,2}:\d\d\s*[AaPp]\.?[Mm]")
# a clock with its zone or half of the day, right after the date: "; 10:13 PM", " 10.00 BST"
_STAMP_CLOCK = re.compile(
    r"[;,]?[ \t]*\d{1,2}[:.]\d\d[ \t]*"
    rf"(?:[ap]\.?m\b\.?|(?:{'|'.join(sorted(lx.TIMEZONES, key=len, reverse=True))})\b)",
    re.IGNORECASE,
)
_WEEKDAY_WORD = re.compile(
    rf"\b(?:{'|'.join(sorted(lx.WEEKDAYS, key=len, reverse=True))})\b", re.IGNORECASE
)
# what may follow a caption's date before the caption ends: a place ("in Camp David, Md."), a
# full stop, the line's end or the photo credit ("(AP Photo/...)")
_CAPTION_END = re.compile(
    r"(?:,?[ \t]+in[ \t]+[A-Z][^.\n(]{0,50})?[ \t]*\.?[ \t]*(?:\n|$|\(?(?:AP|Reuters|AFP|Getty)\b)"
)
_FILE_PHOTO = re.compile(r"\b(?:file|archive)\s+(?:photo|picture|image)", re.IGNORECASE)


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


def clock_stamp(text: str, timexes: Sequence[Timex]) -> tuple[date, str] | None:
    """The earliest date stamped with a clock and its zone anywhere on the page ("Tuesday,
    November 2, 2031; 10:13 PM", "Friday 17 September 2031 10.00 BST"): the page's own stamp,
    or a reader's comment, which comes later (T17: the page's day in 17 of 17 pages whose
    only stamps stood outside a byline or dateline). The date must name its weekday, or be
    joined to the clock by a semicolon: "On March 3, 2031 at 4:05 PM" is narrative."""
    days: list[tuple[date, str]] = []
    for t in timexes:
        d = _day(t)
        if d is None:
            continue
        m = _STAMP_CLOCK.match(text, t.span[1])
        if m is None or not (_WEEKDAY_WORD.search(t.text) or m.group(0).startswith(";")):
            continue
        days.append((d, text[t.span[0] : m.end()].strip()))
    return min(days) if days else None


def photo_caption(text: str, timexes: Sequence[Timex]) -> tuple[date, str] | None:
    """The latest day of the page's photo captions ("Crews stack sandbags on the Kessel in
    Lindau, Wednesday, July 16, 2031." then "(AP Photo/...)"): a caption ends on the weekday and
    full date of the picture, in the present tense, and news pages show the pictures of the
    day or the days before. Not a file photo, not a date a clause looks forward to ("is
    broadcast on Tuesday, 9 November 2031 at 2100 GMT" goes on after the date)."""
    days: list[tuple[date, str]] = []
    for t in timexes:
        d = _day(t)
        if d is None or t.tense != "present" or t.signal not in {None, "on"}:
            continue
        if not _WEEKDAY_WORD.search(t.text) or not _CAPTION_END.match(text, t.span[1]):
            continue
        start = text.rfind("\n", 0, t.span[0]) + 1
        if _FILE_PHOTO.search(text, start, t.span[1] + 12):
            continue
        days.append((d, text[start : t.span[1]].strip()))
    return max(days) if days else None
