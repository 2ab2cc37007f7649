"""Anchor time expressions: turn unanchored values into calendar values and ranges.

Extraction (``extract``) leaves a ``rule`` on every expression whose value depends on a date
outside it. Rules are ``kind:arg:arg`` strings, optionally followed by ``@T..`` (a time-of-day
suffix appended to the anchored day):

==================  ========================================================================
``md:MM-DD[:wD]``   month and day, year unknown; ``wD`` an ISO weekday the date must fall on
``m:MM:DIR``        month; DIR ``last`` | ``this`` | ``next`` | empty (tense decides)
``my:MM:N``         month of the document's year + N ("June last year")
``wd:D:DIR``        weekday (ISO number); DIR as above
``we::``            the weekend (tense decides which)
``season:SU:DIR``   season SP | SU | FA | WI
``part:Q3:N``       quarter or half of a year: N years from the document year, empty = tense
``dct:U:N``         N units from the document date (U: D W WE M Y Q DE H)
``ref:U:N``         N units from the reference date (the date the text is talking about)
``auto:U:N``        ``ref`` in past-tense clauses, else ``dct``
``cur:U``           "the year"/"the month": the unit containing the reference date
``tod:``            a clock time on the reference day
``yy:NN:[s]``       a year (decade with ``s``) written without its century ("since '82")
==================  ========================================================================

The reference date starts at the document date and moves to every later expression that
names a day or a month, so "the next day" follows the narrative.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Iterable
from datetime import date, timedelta

from sitrep.model import DateRange, Timex

__all__ = ["anchor_timexes", "iso", "parse_iso", "resolve_rule", "value_range"]

_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_MAX_RANGE_FOR_ANCHOR = 45  # days: a publication range wider than this anchors nothing


def iso(d: date) -> str:
    return d.isoformat()


def parse_iso(text: str | None) -> date | None:
    """``YYYY-MM-DD`` (or a longer timestamp starting so) as a date, else ``None``."""
    if not text:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _week_value(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y:04d}-W{w:02d}"


def _narrow(lo: date, hi: date, mod: str | None, *, year: bool) -> tuple[date, date]:
    """Narrow a range for ``START``/``MID``/``END`` (thirds; quarters of a year)."""
    if mod not in {"START", "MID", "END"}:
        return lo, hi
    if year:
        spans = {"START": (1, 3), "MID": (5, 8), "END": (10, 12)}[mod]
        return date(lo.year, spans[0], 1), _month_end(lo.year, spans[1])
    days = (hi - lo).days + 1
    third = max(1, days // 3)
    if mod == "START":
        return lo, lo + timedelta(days=third - 1)
    if mod == "MID":
        return lo + timedelta(days=third), lo + timedelta(days=2 * third - 1)
    return lo + timedelta(days=2 * third), hi


def value_range(value: str, mod: str | None = None) -> DateRange | None:
    """The calendar range a TimeML date value covers, ``None`` for durations and ``XXXX``.

    ``date`` keeps the value itself when it is a day, month or year (``"2025-02"``), even when
    a ``mod`` narrows the range ("early 2025" -> 2025, 2025-01-01..2025-03-31).
    """
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?", value)
    if m:
        y = int(m.group(1))
        if m.group(3):
            try:
                d = date(y, int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
            return DateRange(date=iso(d), earliest=iso(d), latest=iso(d))
        if m.group(2):
            mo = int(m.group(2))
            if not 1 <= mo <= 12:
                return None
            lo, hi = _narrow(date(y, mo, 1), _month_end(y, mo), mod, year=False)
            return DateRange(date=f"{y:04d}-{mo:02d}", earliest=iso(lo), latest=iso(hi))
        lo, hi = _narrow(date(y, 1, 1), date(y, 12, 31), mod, year=True)
        return DateRange(date=f"{y:04d}", earliest=iso(lo), latest=iso(hi))
    lo_hi = _coarse_range(value)
    if lo_hi is None:
        return None
    lo, hi = _narrow(lo_hi[0], lo_hi[1], mod, year=False)
    return DateRange(date=None, earliest=iso(lo), latest=iso(hi))


def _coarse_range(value: str) -> tuple[date, date] | None:
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if m:
        try:
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
        if m.group(3):
            return monday + timedelta(days=5), monday + timedelta(days=6)
        return monday, monday + timedelta(days=6)
    m = re.fullmatch(r"(\d{4})-([QH])([1-4])", value)
    if m:
        y, size, n = int(m.group(1)), 3 if m.group(2) == "Q" else 6, int(m.group(3))
        first = (n - 1) * size + 1
        if first > 12:
            return None
        return date(y, first, 1), _month_end(y, first + size - 1)
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        y, start = int(m.group(1)), _SEASON_START[m.group(2)]
        ey, em = _add_months(y, start, 2)
        return date(y, start, 1), _month_end(ey, em)
    m = re.fullmatch(r"(\d{3})", value)
    if m:
        y = int(m.group(1)) * 10
        return date(y, 1, 1), date(y + 9, 12, 31)
    return None


# ---- rules ------------------------------------------------------------------------------------


_TENSE_REACH = 92  # days: the tense may move a month-day to another year only this far


def _pick(cands: Iterable[date], anchor: date, tense: str | None) -> date | None:
    """The candidate closest to ``anchor``, on or before it in the past tense and on or after
    it in the future tense -- unless that one is more than ``_TENSE_REACH`` days away while
    another is nearer: a month-day without a year is of the document's year (news style gives
    the year otherwise), and "payable Dec. 1" or "extended to Nov. 20" in a past-tense
    clause still lie ahead (TimeBank: 25 of 25 such dates)."""
    pool = list(cands)
    if not pool:
        return None

    def key(c: date) -> tuple[int, bool]:
        return abs((c - anchor).days), c > anchor

    nearest = min(pool, key=key)
    if tense == "past":
        honoured = [c for c in pool if c <= anchor]
    elif tense == "future":
        honoured = [c for c in pool if c >= anchor]
    else:
        honoured = pool
    if not honoured:
        return nearest
    best = min(honoured, key=key)
    if abs((best - anchor).days) > _TENSE_REACH and abs((nearest - anchor).days) <= _TENSE_REACH:
        return nearest
    return best


def _pick_span(
    spans: list[tuple[date, date]], anchor: date, tense: str | None, code: str
) -> str | None:
    """The quarter or half nearest to ``anchor`` (0 when it holds it) that the tense allows:
    one not yet over in the future tense, one already begun in the past tense."""
    if tense == "future":
        pool = [s for s in spans if s[1] >= anchor] or spans
    elif tense == "past":
        pool = [s for s in spans if s[0] <= anchor] or spans
    else:
        pool = spans
    if not pool:
        return None

    def gap(s: tuple[date, date]) -> int:
        return (
            0
            if s[0] <= anchor <= s[1]
            else min(abs((s[0] - anchor).days), abs((s[1] - anchor).days))
        )

    chosen = min(pool, key=lambda s: (gap(s), s[0]))
    return f"{chosen[0].year:04d}-{code}"


def _quarter_shift(value: str, n: int) -> str:
    y, q = int(value[:4]), int(value[-1])
    k = y * 4 + (q - 1) + n
    return f"{k // 4:04d}-Q{k % 4 + 1}"


def _md_candidates(month: int, day: int, weekday: int | None, around: int) -> list[date]:
    span = 30 if weekday else 1
    out: list[date] = []
    for y in range(around - span, around + span + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        if weekday is None or d.isoweekday() == weekday:
            out.append(d)
    return out


def md_years(month: int, day: int, weekday: int, *, lo: int, hi: int) -> list[int]:
    """Years in ``lo..hi`` in which month-day falls on ISO ``weekday`` ("Thursday, Feb 6")."""
    out = []
    for y in range(lo, hi + 1):
        try:
            if date(y, month, day).isoweekday() == weekday:
                out.append(y)
        except ValueError:
            continue
    return out


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _holiday_in(args: list[str], year: int) -> date | None:
    if args[0] == "easter":
        return _easter(year)
    if args[0] == "nth":
        month, weekday, n = int(args[1]), int(args[2]), int(args[3])
        days = [
            date(year, month, d)
            for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, d).isoweekday() == weekday
        ]
        return days[n - 1] if n > 0 else days[n]
    return None


def _holiday(args: list[str], anchor: date | None, tense: str | None) -> str | None:
    """``hol:nth:11:4:4:`` (Thanksgiving), ``hol:easter:1998``: the holiday's day."""
    year = args[-1]
    if year:
        d = _holiday_in(args, int(year))
        return iso(d) if d else None
    if anchor is None:
        return None
    cands = [
        d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _holiday_in(args, y))
    ]
    chosen = _pick(cands, anchor, tense)
    return iso(chosen) if chosen else None


def _shift(unit: str, base: date, n: int) -> str | None:
    if unit == "D":
        return iso(base + timedelta(days=n))
    if unit == "W":
        return _week_value(base + timedelta(weeks=n))
    if unit == "WE":
        return _week_value(base + timedelta(weeks=n)) + "-WE"
    if unit == "M":
        y, m = _add_months(base.year, base.month, n)
        return f"{y:04d}-{m:02d}"
    if unit == "Y":
        return f"{base.year + n:04d}"
    if unit == "Q":
        y, m = _add_months(base.year, base.month, 3 * n)
        return f"{y:04d}-Q{(m - 1) // 3 + 1}"
    if unit == "DE":
        return f"{(base.year // 10 + n):03d}"
    if unit == "H":
        return iso(base)
    return None


def resolve_rule(rule: str, *, tense: str | None, dct: date | None, ref: date | None) -> str | None:
    """The anchored value for ``rule`` (see the module docstring), or ``None`` if no anchor.

    ``dct`` is the document (publication) date; ``ref`` the date the text is talking about
    (``dct`` when nothing else was mentioned).
    """
    body, _, suffix = rule.partition("@")
    kind, *args = body.split(":")
    value = _resolve(kind, args, tense=tense, dct=dct, ref=ref)
    if value is None:
        return None
    if suffix and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value + suffix
    return value


def _resolve(
    kind: str, args: list[str], *, tense: str | None, dct: date | None, ref: date | None
) -> str | None:
    anchor = dct or ref
    if kind == "yy":
        if anchor is None:
            return None
        year = anchor.year // 100 * 100 + int(args[0])
        if year > anchor.year + 2:
            year -= 100
        return f"{year // 10:03d}" if args[1] == "s" else f"{year:04d}"
    if kind == "md":
        if anchor is None:
            return None
        month, day = (int(x) for x in args[0].split("-"))
        weekday = int(args[1][1:]) if len(args) > 1 and args[1].startswith("w") else None
        cands = _md_candidates(month, day, weekday, anchor.year)
        chosen = _pick(cands, anchor, tense if dct else None)
        return iso(chosen) if chosen else None
    if kind == "my":
        if dct is None:
            return None
        return f"{dct.year + int(args[1]):04d}-{args[0]}"
    if kind in {"m", "season"}:
        if anchor is None:
            return None
        start = int(args[0]) if kind == "m" else _SEASON_START[args[0]]
        direction = args[1] if len(args) > 1 else ""
        first = date(anchor.year, anchor.month, 1)
        cands = [date(y, start, 1) for y in range(anchor.year - 2, anchor.year + 3)]
        if direction == "last":
            chosen = max(c for c in cands if c < first)
        elif direction == "next":
            chosen = min(c for c in cands if c > first)
        elif direction == "this":
            chosen = date(anchor.year, start, 1)
        else:
            chosen = _pick(cands, first, tense if dct else None) or first
        if kind == "season":
            return f"{chosen.year:04d}-{args[0]}"
        return f"{chosen.year:04d}-{chosen.month:02d}"
    if kind in {"wd", "we"}:
        if anchor is None:
            return None
        weekday = int(args[0]) if args[0] else 6
        direction = args[1] if len(args) > 1 else ""
        back = (anchor.isoweekday() - weekday) % 7  # days back to the latest such day
        if direction == "last":
            d = anchor - timedelta(days=back or 7)
        elif direction == "next":
            d = anchor + timedelta(days=(7 - back) if back else 7)
        elif direction == "this":
            d = anchor + timedelta(days=weekday - anchor.isoweekday())
        elif tense == "future":
            d = anchor + timedelta(days=(7 - back) % 7)
        elif tense in {"past", "present"} or back <= 3:
            # a weekday in a clause without a future cue is one of the past week (TimeBank:
            # "over Thursday's closing price", "from Sept. 14 to Thursday")
            d = anchor - timedelta(days=back)
        else:
            d = anchor + timedelta(days=7 - back)
        return _week_value(d) + "-WE" if kind == "we" else iso(d)
    if kind in {"dct", "ref", "auto"}:
        unit, n = args[0], args[1]
        base = dct if kind == "dct" else ref
        if kind == "auto":
            base = ref if tense == "past" else dct
        if base is None:
            return None
        return _shift(unit, base, int(float(n)) if unit != "H" else 0)
    if kind == "cur":
        base = ref or dct
        if base is None:
            return None
        return _shift(args[0], base, 0)
    if kind == "part":
        if anchor is None:
            return None
        code = args[0]
        if len(args) > 1 and args[1]:
            return f"{anchor.year + int(args[1]):04d}-{code}"
        spans = [
            span
            for y in range(anchor.year - 1, anchor.year + 2)
            if (span := _coarse_range(f"{y:04d}-{code}")) is not None
        ]
        # quarters and halves are reported on as they end or after: the tense of a clause
        # ("expects third-quarter results to ...") says nothing about which year
        picked = _pick_span(spans, anchor, None, code)
        if picked is not None and len(args) > 2 and args[2]:
            picked = f"{int(picked[:4]) + int(args[2]):04d}{picked[4:]}"  # "year-ago"
        return picked
    if kind == "hol":
        return _holiday(args, anchor, tense if dct else None)
    if kind == "tod":
        base = ref or dct
        return iso(base) if base else None
    return None


def _shift_range_for_tense(
    value: str, mod: str | None, rule: str, tense: str | None, dct: date | None
) -> str:
    """For ``cur:Y`` and friends: "by the end of the year" in a past-tense clause of a February
    article is the end of the *previous* year; move one unit until the tense holds."""
    if dct is None or not rule.startswith("cur:"):
        return value
    unit = rule.split(":")[1]
    for _ in range(2):
        span = value_range(value, mod)
        if span is None or span.earliest is None or span.latest is None:
            return value
        lo, hi = parse_iso(span.earliest), parse_iso(span.latest)
        if lo is None or hi is None:
            return value
        if tense == "past" and lo > dct:
            step = -1
        elif tense == "future" and hi < dct:
            step = 1
        else:
            return value
        shifted = _shift(unit, lo, step)
        if shifted is None:
            return value
        value = shifted
    return value


def _granularity(value: str) -> str | None:
    if re.match(r"\d{4}-\d{2}-\d{2}", value):
        return "D"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "M"
    return None


def anchor_date(
    published_date: str | None, earliest: str | None, latest: str | None
) -> date | None:
    """The date to anchor on: the publication day, else the end of a narrow range."""
    d = parse_iso(published_date)
    if d is not None:
        return d
    lo, hi = parse_iso(earliest), parse_iso(latest)
    if lo is not None and hi is not None and 0 <= (hi - lo).days <= _MAX_RANGE_FOR_ANCHOR:
        return hi
    return None


def _quarter_value(
    rule: str | None, ref_quarter: str | None, dct: date | None, ref_month: date | None = None
) -> str | None:
    """Values at quarter granularity: ``qref`` ("the quarter", "the year-earlier period"), and
    "a year ago/earlier" once the text reports on a quarter (TimeML: 1988-Q3, not 1988).
    ``ref_month``: the month the text named after its last quarter, which "the same period"
    and "the same month" compare with."""
    if rule is None:
        return None
    if rule.startswith("qref:") and rule.endswith((":month", ":period")):
        month = ref_month or (dct if rule.endswith(":month") else None)
        if month is not None:
            y, mo = _add_months(month.year, month.month, 3 * int(rule.split(":")[1]))
            return f"{y:04d}-{mo:02d}"
        if rule.endswith(":month"):
            return None
    if rule.startswith("qref:"):
        base = None if rule.endswith(":latest") else ref_quarter
        if base is None and dct is not None:
            # no quarter named yet: the last one completed before the document date
            base = _quarter_shift(f"{dct.year:04d}-Q{(dct.month - 1) // 3 + 1}", -1)
        return _quarter_shift(base, int(rule.split(":")[1])) if base else None

    if rule.startswith("qyr:"):
        # "the 1988 period": that year's quarter once the text reports on one, else the year
        year = rule.split(":")[1]
        return f"{year}-Q{ref_quarter[-1]}" if ref_quarter else year

    m = re.fullmatch(r"(?:dct|ref|auto):Y:(-?1):q", rule)
    if m and ref_quarter is not None:
        return _quarter_shift(ref_quarter, 4 * int(m.group(1)))
    return None


_NARRATIVE_YEARS = 2  # a text talking of dates this many years before its DCT is a history
_HISTORY_MIN = 5
_HISTORY_SHARE = 0.8


def _narrative(rule: str, story: date | None, dct: date | None) -> bool:
    if (
        story is None
        or not rule.startswith(("md:", "m:", "season:", "cur:Y", "yy:"))
        or rule.endswith(("next", "last", "this"))
    ):
        return False
    return dct is None or abs(dct.year - story.year) >= _NARRATIVE_YEARS


def _is_history(timexes: list[Timex], dct: date | None) -> bool:
    """A text whose dates with a year lie mostly years before its DCT (a history, not news):
    at least 5 such dates, 80% of all (19 of 22 WikiWars articles, 3 of 256 TimeBank/AQUAINT
    ones). In news the DCT anchors "in March" even after "in 1994" (TimeBank: 29 of 29)."""
    years = [int(t.value[:4]) for t in timexes if t.rule is None and re.match(r"\d{4}", t.value)]
    if dct is None:
        return bool(years)
    far = sum(abs(dct.year - y) >= _NARRATIVE_YEARS for y in years)
    return far >= _HISTORY_MIN and far >= _HISTORY_SHARE * len(years)


def _story_anchor(value: str) -> date | None:
    """Where a named date puts the narrative: its day, its month's first, or mid-year."""
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if m is None:
        return None
    y = int(m.group(1))
    if y < 1:
        return None
    try:
        if m.group(3):
            return date(y, int(m.group(2)), int(m.group(3)))
        if m.group(2):
            return date(y, int(m.group(2)), 1)
    except ValueError:
        return None
    return date(y, 7, 1)


def _mid_year(day: date) -> date:
    """A day from which every month and month-day nearest lies in ``day``'s year."""
    return date(day.year, 7, 2)


def _looks_back(rule: str | None, value: str, ref_quarter: str) -> bool:
    """A quarter named in comparison ("the year-ago third quarter", "the 1988 second quarter")
    does not replace the quarter the text reports on."""
    if rule is not None and rule.startswith("part:") and rule.count(":") > 2:
        return True
    return rule is None and value < ref_quarter


def anchor_timexes(timexes: Iterable[Timex], *, dct: date | None) -> list[Timex]:
    """Anchored copies of ``timexes`` (in text order): values filled, ``resolved`` set.

    Each expression is anchored from its own ``rule`` (the unanchored form is kept, so this can
    be run again with another ``dct``). Without a ``dct`` only absolute dates and expressions
    relative to them ("the next day" after "March 3, 2021") are resolved.
    """
    out: list[Timex] = []
    ref, ref_gran = dct, "D"
    ref_quarter: str | None = None  # the last quarter named ("the third quarter"): 1989-Q3
    story: date | None = None  # the last date with a year the text names (its narrative time)
    ref_month: date | None = None  # a month named after the last quarter: "sales in May"
    timexes = list(timexes)
    history = _is_history(timexes, dct)
    for t in timexes:
        value = t.value
        quarterly = _quarter_value(t.rule, ref_quarter, dct, ref_month)
        if quarterly is not None:
            value = quarterly
        elif (
            t.rule is not None and story is not None and history and _narrative(t.rule, story, dct)
        ):
            # a history ("In 1945 ... In March"): a month without a year is of the narrative's
            # year, not of a document date years later (HeidelTime's convention for narratives;
            # WikiWars: 22 fixed, 11 broken against the month nearest the last date named)
            value = resolve_rule(t.rule, tense=None, dct=None, ref=_mid_year(story)) or value
        elif t.rule is not None:
            # day-level rules ("the next day", "9 a.m.") need a reference day, not a month
            day_level = (
                re.match(r"(?:(?:ref|auto|tod):(?:[DWH]|WE)?|cur:D)(?::|@|$)", t.rule) is not None
            )
            use_ref = ref if (ref_gran == "D" or not day_level) else None
            if t.rule.startswith("tod") and use_ref is None:
                use_ref = dct
            anchored = resolve_rule(t.rule, tense=t.tense, dct=dct, ref=use_ref)
            if anchored is not None:
                value = _shift_range_for_tense(anchored, t.mod, t.rule, t.tense, dct)
        resolved = None
        if t.type in {"DATE", "TIME"}:
            if value == "PRESENT_REF" and dct is not None:
                resolved = DateRange(date=iso(dct), earliest=iso(dct), latest=iso(dct))
            else:
                resolved = value_range(value, t.mod)
        if t.rule is None and t.type in {"DATE", "TIME"}:
            story = _story_anchor(value) or story
        if (
            re.fullmatch(r"\d{4}-Q[1-4]", value)
            and (t.rule is None or t.rule.startswith(("part:", "qref:0")))
            and (ref_quarter is None or not _looks_back(t.rule, value, ref_quarter))
        ):
            ref_quarter = value  # named quarters only: "a year earlier" must not chain
            ref_month = None
        if re.fullmatch(r"\d{4}-\d{2}", value) and (t.rule is None or t.rule.startswith("m:")):
            ref_month = date(int(value[:4]), int(value[5:]), 1)
        gran = _granularity(value) if t.type in {"DATE", "TIME"} else None
        if gran is not None and (t.rule is None or not t.rule.startswith(("tod", "dct:H"))):
            ref, ref_gran = parse_iso(value) or parse_iso(value + "-01"), gran
        out.append(dataclasses.replace(t, value=value, resolved=resolved))
    return out
