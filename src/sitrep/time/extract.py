"""Find time expressions in text (extraction only; anchoring lives in ``normalize``).

Every rule is one precompiled regular expression built from the word tables in ``lexicon`` and a
handler that turns a match into a ``Timex`` with its *unanchored* TimeML value
(``XXXX-08-06``, ``XXXX-WXX-4``, ``P6M``, ``PRESENT_REF``...) and, when the value needs the
document date or the date the text is talking about, a ``rule`` string that ``normalize`` reads
(grammar in ``normalize``'s docstring). Overlapping matches are settled longest-first.

Extents follow TimeML: the preposition before a date ("on", "since", "by") is not part of the
expression but is kept as ``signal``; modifiers ("early", "the end of", "nearly") are.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from sitrep.model import Span, Timex
from sitrep.time import lexicon as lx

__all__ = ["clause_tense", "extract_timexes"]


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that "sept" wins over "sep"."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_UNITS_1_9 = "one|two|three|four|five|six|seven|eight|nine"
_NUMWORD = (
    rf"(?:(?:{_TENS})[-\s](?:{_UNITS_1_9})|"
    + _alt([w for w in lx.NUMBER_WORDS if w not in {"a", "an", "half a"}])
    + ")"
)
_NUM = rf"(?:\d{{1,3}}(?:\.\d+|\s+1/2)?|{_NUMWORD}|an?|half\s+an?)"
_MONTH_NAMES = frozenset(k for k in lx.MONTHS if len(k) > 4) | {"may", "june", "july"}
_MONTH = rf"(?P<month>{_alt(_MONTH_NAMES)}|(?:{_alt(set(lx.MONTHS) - _MONTH_NAMES)})\.?)"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:,.]\d)(?!\d)"
# a four-digit clock time is no year ("19 January, 1130 GMT", "at 1653 local time")
_CLOCK_AFTER = rf"\s*(?:{_alt(lx.TIMEZONES)}|hrs?|hours|local\s+time)\b"
_YEAR = rf"(?P<year>1[1-9]\d\d|20\d\d)(?![\d,.]\d|\d)(?!{_CLOCK_AFTER})"
_WEEKDAY = rf"(?P<wd>{_alt(lx.WEEKDAY_FULL)}|(?:{_alt(set(lx.WEEKDAYS) - lx.WEEKDAY_FULL)})\.?)"
_POD = rf"(?P<pod>{_alt(lx.PARTS_OF_DAY)})"
_MOD = rf"(?P<mod>{_alt(lx.MODIFIERS)})"
_UNIT = rf"(?P<unit>{_alt(lx.UNITS)})"
_DEICTIC = rf"(?P<deic>{_alt(lx.DEICTIC)})"
_DURMOD = (
    r"(?P<dmod>about|around|nearly|almost|more\s+than|over|less\s+than|under|at\s+least|"
    r"up\s+to|roughly|approximately|some|just|only|barely)"
)
_DUR_MODS: dict[str, str] = {
    "about": "APPROX",
    "around": "APPROX",
    "roughly": "APPROX",
    "approximately": "APPROX",
    "some": "APPROX",
    "nearly": "LESS_THAN",
    "almost": "LESS_THAN",
    "barely": "LESS_THAN",
    "less than": "LESS_THAN",
    "under": "LESS_THAN",
    "up to": "EQUAL_OR_LESS",
    "more than": "MORE_THAN",
    "over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE",
}
_FLAGS = re.IGNORECASE
# Duration modifiers TimeBank leaves out of the extent ("about [five hours]": about 9 in 11,
# "almost" 5 in 8, "just"/"only" 8 in 8); the others ("more than", "nearly") it keeps.
_LEFT_OUT_MODS = frozenset({"about", "almost", "just", "only"})

# Letters that may not touch a match on either side (keeps "Augusta", "Monday's" is fine).
_LB = r"(?<![\w\-/])"
_RB = r"(?![\w/]|-\w)"


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    type: str
    value: str
    mod: str | None = None
    rule: str | None = None
    after: int | None = None  # a range's second part: where its first part starts (same tense)


_Handler = Callable[[re.Match[str], str], "_Hit | None"]


def _span(m: re.Match[str], group: str | int = 0) -> tuple[int, int]:
    return m.start(group), m.end(group)


def _norm(word: str | None) -> str:
    return re.sub(r"\s+", " ", word or "").lower().rstrip(".")


def _capitalised(word: str | None) -> bool:
    return bool(word) and word is not None and word[0].isupper()


def _num_value(word: str) -> float | None:
    """``"six"`` -> 6, ``"2.5"`` -> 2.5, ``"twenty-four"`` -> 24; ``None`` for "several"."""
    w = _norm(word)
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if w.endswith(" 1/2"):  # "2 1/2 years"
        return float(w[:-4]) + 0.5
    if " " in w and not w.startswith(("a ", "half")):  # "twenty four"
        w = w.replace(" ", "-")
    if w.startswith("half"):
        return 0.5
    if "-" in w:
        tens, _, ones = w.partition("-")
        return float(lx.NUMBER_WORDS.get(tens, 0) + lx.NUMBER_WORDS.get(ones, 0))
    n = lx.NUMBER_WORDS.get(w)
    if n is None or n < 0:
        return None
    return float(n)


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration_value(n: float | None, unit: str) -> str:
    """TimeML duration for ``n`` units (``None``: unspecified count, written X)."""
    letter = unit
    if n is not None and unit == "DE":
        n, letter = n * 10, "Y"
    elif n is not None and unit == "CE":
        n, letter = n * 100, "Y"
    elif n is not None and unit == "FN":
        n, letter = n * 2, "W"
    elif n is not None and unit == "Q":
        n, letter = n * 3, "M"
    elif n is not None and n != int(n) and unit in {"Y", "M", "W", "D", "H", "TM"}:
        # a fraction of a unit becomes the next smaller unit, keeping values integral: half a
        # year P6M; with whole units both are written, as TimeML does: 2 1/2 years P2Y6M
        smaller = {
            "Y": ("M", 12),
            "M": ("D", 30),
            "W": ("D", 7),
            "D": ("H", 24),
            "H": ("TM", 60),
            "TM": ("S", 60),
        }
        small, factor = smaller[unit]
        whole, rest = int(n), round((n - int(n)) * factor)
        if whole and float(rest) == (n - whole) * factor:
            big = duration_value(whole, unit)
            part = duration_value(rest, small)
            if "T" in part and "T" not in big:
                return big + part[1:]
            return big + part[2:] if "T" in big else big + part[1:]
        letter, n = small, n * factor
    count = "X" if n is None else _fmt_num(n)
    if letter in {"H", "S"}:
        return f"PT{count}{letter}"
    if letter == "TM":
        return f"PT{count}M"
    return f"P{count}{letter}"


# ---- handlers ---------------------------------------------------------------------------------


_MONTH_PREP = re.compile(
    r"\b(?:in|since|until|by|during|through|from|of|to|early|late|mid|last|this|next|past)"
    r"[\s-]+$",
    re.IGNORECASE,
)


def _month_ok(m: re.Match[str], text: str, *, alone: bool) -> bool:
    """A month name must be capitalised; alone (no day, no year) it must be spelled out, and
    "May"/"March" alone need a time preposition or modifier in front ("in May")."""
    word = m.group("month")
    if not _capitalised(word):
        return False
    name = _norm(word)
    if not alone:
        return True
    if name not in _MONTH_NAMES:
        return False
    if name in lx.AMBIGUOUS_MONTHS:
        lead = text[max(0, m.start("month") - 12) : m.start("month")]
        return bool(_MONTH_PREP.search(lead))
    return True


# "September 11" with no year names the 2001 attacks when the words around it say so
_ATTACKS_AFTER = re.compile(
    r"(?:\s+terror(?:ist)?)?\s+(?:attack|hijack|commission|memorial|museum|victim|famil|era\b|"
    r"plot|terror)",
    re.IGNORECASE,
)
_ATTACKS_BEFORE = re.compile(r"(?:attacks|events)\s+of\s+$", re.IGNORECASE)


def _names_the_attacks(text: str, start: int, end: int) -> bool:
    before = _ATTACKS_BEFORE.search(text, max(0, start - 20), start)  # a bounded look back
    return bool(_ATTACKS_AFTER.match(text, end) or before)


def _h_nine_eleven(m: re.Match[str], _text: str) -> _Hit | None:
    """``9/11``: the day of the 2001 attacks (a date written month/day with no year is no
    usage of English news)."""
    return _Hit(m.start(), m.end(), "DATE", "2001-09-11")


def _h_full_date(m: re.Match[str], text: str) -> _Hit | None:
    if not _month_ok(m, text, alone=False):
        return None
    wd = m.group("wd")
    if wd and not _capitalised(wd):
        return None
    month = lx.MONTHS[_norm(m.group("month"))]
    day = int(m.group("day"))
    if day > (29 if month == 2 else 30 if month in {4, 6, 9, 11} else 31):
        return None
    year = m.group("year")
    pod = m.group("pod")
    suffix = f"T{lx.PARTS_OF_DAY[_norm(pod)]}" if pod else ""
    kind = "TIME" if pod else "DATE"
    if not year and (month, day) == (9, 11) and _names_the_attacks(text, m.start(), m.end()):
        year = "2001"
    if year:
        return _Hit(m.start(), m.end(), kind, f"{year}-{month:02d}-{day:02d}{suffix}")
    rule = f"md:{month:02d}-{day:02d}"
    if wd:
        rule += f":w{lx.WEEKDAYS[_norm(wd)]}"
    if suffix:
        rule += f"@{suffix}"
    return _Hit(m.start(), m.end(), kind, f"XXXX-{month:02d}-{day:02d}{suffix}", rule=rule)


def _h_month(m: re.Match[str], text: str) -> _Hit | None:
    year = m.group("year")
    if not _month_ok(m, text, alone=not year and not m.group("ydeic")):
        return None
    month = lx.MONTHS[_norm(m.group("month"))]
    mod = lx.MODIFIERS.get(_norm(m.group("mod"))) if m.group("mod") else None
    deic = _norm(m.group("deic")) if m.group("deic") else ""
    if year:
        return _Hit(m.start(), m.end(), "DATE", f"{year}-{month:02d}", mod=mod)
    if m.group("ydeic"):
        # "[January] [this year]", "[June] [last year]": two expressions (MEANTIME, half of
        # TimeBank), the month in the document's year or one off
        offset = {"this": 0, "last": -1, "next": 1}[_norm(m.group("ydeic"))]
        return _Hit(
            m.start(),
            m.end(),
            "DATE",
            f"XXXX-{month:02d}",
            mod=mod,
            rule=f"my:{month:02d}:{offset}",
        )
    direction = {"last": "last", "past": "last", "this": "this", "next": "next"}.get(deic, "")
    return _Hit(
        m.start(), m.end(), "DATE", f"XXXX-{month:02d}", mod=mod, rule=f"m:{month:02d}:{direction}"
    )


def _h_iso(m: re.Match[str], _text: str) -> _Hit | None:
    y, mo, d = int(m.group("y")), int(m.group("mo")), int(m.group("d"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return _Hit(m.start(), m.end(), "DATE", f"{y:04d}-{mo:02d}-{d:02d}")


def _h_numeric_date(m: re.Match[str], _text: str) -> _Hit | None:
    """``7/8/07``, ``10/30/1989`` (month first, as in the US wire copy TimeML annotates, unless
    the first part cannot be a month) and ``24.02.2022`` (day first, the dotted European form)."""
    a, b, year = int(m.group("a")), int(m.group("b")), m.group("y")
    y = int(year) if len(year) == 4 else (1900 if int(year) >= 30 else 2000) + int(year)
    if m.group("sep") == "." or a > 12:
        a, b = b, a
    if not (1 <= a <= 12 and _valid_day(a, b)) or not 1800 <= y <= 2099:
        return None
    return _Hit(m.start(), m.end(), "DATE", f"{y:04d}-{a:02d}-{b:02d}")


def _h_short_year(m: re.Match[str], _text: str) -> _Hit | None:
    """ "since '82", "the '90s": a year or decade written with an apostrophe for its century,
    which the anchor supplies (the latest such year not over two years after it)."""
    yy = m.group("yy")
    year = (1900 if int(yy) >= 30 else 2000) + int(yy)  # the value when nothing anchors it
    if m.group("s"):
        return _Hit(m.start("dec"), m.end(), "DATE", f"{year // 10:03d}", rule=f"yy:{yy}:s")
    return _Hit(m.start("dec"), m.end(), "DATE", f"{year:04d}", rule=f"yy:{yy}:")


_OLD_YEAR_LEAD = re.compile(
    r"\b(?:in|of|by|since|until|till|from|to|through|during|after|before|between|and|or|year|"
    r"summer|winter|spring|autumn|fall|early|late|mid)[\s-]+$",
    _FLAGS,
)


def _h_year(m: re.Match[str], text: str) -> _Hit | None:
    after = text[m.end() : m.end() + 24]
    before = text[max(0, m.start() - 3) : m.start()]
    if re.match(r"\s*(%|per\s*cent|percent|km|kilomet|mi\b|miles|m\b|kg|tons?\b|[-–]\d)", after):
        return None
    if "$" in before or "€" in before or "£" in before or re.search(r"\d[,.]$", before):
        return None
    # "2000 troops": a lowercase plural noun right after is a count, not a year
    nxt = re.match(r"\s+([a-z][a-z\-]+)", after)
    not_nouns = {"was", "has", "is", "as", "his", "this", "its", "towards", "us"}
    if nxt and re.fullmatch(r"\w+[^s]s", nxt.group(1)) and nxt.group(1) not in not_nouns:
        return None
    if m.group("decade"):
        return _Hit(m.start(), m.end(), "DATE", m.group("decade")[:3])
    if (
        m.group("year") < "1800"
        and not m.group("mod")
        and not _OLD_YEAR_LEAD.search(text, max(0, m.start() - 20), m.start())
    ):
        return None  # "1500" alone is a count more often than a year before 1800
    mod = lx.MODIFIERS.get(_norm(m.group("mod"))) if m.group("mod") else None
    return _Hit(m.start(), m.end(), "DATE", m.group("year"), mod=mod)


def _h_weekday(m: re.Match[str], _text: str) -> _Hit | None:
    wd = m.group("wd")
    if not _capitalised(wd) or _norm(wd) not in lx.WEEKDAY_FULL:
        return None
    n = lx.WEEKDAYS[_norm(wd)]
    if m.group("pl"):
        return _Hit(m.start(), m.end(), "SET", f"XXXX-WXX-{n}")
    deic = _norm(m.group("deic")) if m.group("deic") else ""
    direction = {"last": "last", "past": "last", "this": "this", "next": "next", "coming": "next"}
    pod = m.group("pod")
    suffix = f"T{lx.PARTS_OF_DAY[_norm(pod)]}" if pod else ""
    rule = f"wd:{n}:{direction.get(deic, '')}" + (f"@{suffix}" if suffix else "")
    return _Hit(m.start(), m.end(), "TIME" if pod else "DATE", f"XXXX-WXX-{n}{suffix}", rule=rule)


def _h_dayword(m: re.Match[str], _text: str) -> _Hit | None:
    word = _norm(m.group("dw"))
    offset = lx.DAY_WORDS[word]
    pod = m.group("pod") or m.group("mpod")
    if pod and _norm(pod) == "day":
        pod = "midday"
    code = lx.PARTS_OF_DAY[_norm(pod)] if pod else ("NI" if word == "tonight" else "")
    suffix = f"T{code}" if code else ""
    rule = f"dct:D:{offset}" + (f"@{suffix}" if suffix else "")
    return _Hit(m.start(), m.end(), "TIME" if suffix else "DATE", f"XXXX-XX-XX{suffix}", rule=rule)


_UNIT_TEMPLATE = {
    "D": "XXXX-XX-XX",
    "W": "XXXX-WXX",
    "WE": "XXXX-WXX-WE",
    "M": "XXXX-XX",
    "Y": "XXXX",
    "Q": "XXXX-QX",
    "DE": "XXX",
    "CE": "XX",
}


def _unit_code(word: str) -> str | None:
    w = _norm(word)
    if w in {"weekend", "weekends"}:
        return "WE"
    if w in lx.PARTS_OF_DAY:
        return "D"
    code = lx.UNITS.get(w)
    return code if code in _UNIT_TEMPLATE else None


def _h_deictic(m: re.Match[str], _text: str) -> _Hit | None:
    deic = _norm(m.group("deic"))
    word = _norm(m.group("unit"))
    if word in lx.SEASONS:
        direction = {-1: "last", 0: "this", 1: "next"}[lx.DEICTIC[deic]]
        code = lx.SEASONS[word]
        return _Hit(m.start(), m.end(), "DATE", f"XXXX-{code}", rule=f"season:{code}:{direction}")
    unit = _unit_code(word)
    if unit is None:
        return None
    if (deic.startswith("the ") and deic != "the current") or (
        deic == "past" or (deic == "coming" and unit != "WE")
    ):
        # "the past week", "the coming months": a stretch of time, not a calendar unit
        if unit in {"WE"} or word in lx.PARTS_OF_DAY:
            return None
        return _Hit(m.start(), m.end(), "DURATION", duration_value(1, unit))
    offset = lx.DEICTIC[deic]
    if word in lx.PARTS_OF_DAY:
        # "this morning" (today), "last night" (yesterday)
        code = lx.PARTS_OF_DAY[word]
        day = -1 if deic == "last" else (1 if deic == "next" else 0)
        return _Hit(m.start(), m.end(), "TIME", f"XXXX-XX-XXT{code}", rule=f"dct:D:{day}@T{code}")
    return _Hit(m.start(), m.end(), "DATE", _UNIT_TEMPLATE[unit], rule=f"dct:{unit}:{offset}")


def _h_modunit(m: re.Match[str], _text: str) -> _Hit | None:
    """``the end of the year``, ``the beginning of last month``, ``mid-year``."""
    mod = lx.MODIFIERS[_norm(m.group("mod"))]
    unit = _unit_code(m.group("unit"))
    if unit not in {"W", "M", "Y", "Q"}:
        return None
    which = _norm(m.group("which"))
    template = _UNIT_TEMPLATE[unit]
    if which in {"the", ""}:
        return _Hit(m.start(), m.end(), "DATE", template, mod=mod, rule=f"cur:{unit}")
    if which == "that":
        return _Hit(m.start(), m.end(), "DATE", template, mod=mod, rule=f"ref:{unit}:0")
    offset = {"this": 0, "last": -1, "next": 1, "the following": 1, "the previous": -1}[which]
    kind = "ref" if which.startswith("the ") else "dct"
    return _Hit(m.start(), m.end(), "DATE", template, mod=mod, rule=f"{kind}:{unit}:{offset}")


def _h_anaphoric(m: re.Match[str], _text: str) -> _Hit | None:
    ana = _norm(m.group("ana"))
    word = _norm(m.group("unit"))
    unit = _unit_code(word)
    if unit is None:
        return None
    offset = lx.ANAPHORIC[ana]
    kind = "ref"
    if ana == "the next" and unit in {"W", "M", "Y", "WE"}:
        kind = "auto"  # "the next month": after the reference date in narrative, else ahead
    if word in lx.PARTS_OF_DAY:
        code = lx.PARTS_OF_DAY[word]
        return _Hit(
            m.start(), m.end(), "TIME", f"XXXX-XX-XXT{code}", rule=f"{kind}:D:{offset}@T{code}"
        )
    return _Hit(m.start(), m.end(), "DATE", _UNIT_TEMPLATE[unit], rule=f"{kind}:{unit}:{offset}")


def _h_offset(m: re.Match[str], _text: str) -> _Hit | None:
    """``six months ago``, ``two days later``, ``a week earlier``."""
    unit = _unit_code(m.group("unit"))
    n = _num_value(m.group("num"))
    direction = _norm(m.group("dir"))
    base, sign = lx.RELATIVE_AFTER[direction]
    if lx.UNITS.get(_norm(m.group("unit"))) in {"H", "TM"}:
        if n is None:
            return None
        hours = n if lx.UNITS[_norm(m.group("unit"))] == "H" else n / 60
        rule = f"{base}:H:{sign * hours:g}"
        return _Hit(m.start(), m.end(), "TIME", "XXXX-XX-XXTXX:XX", rule=rule)
    if unit is None or unit in {"WE"}:
        return None
    if n is None:
        return _Hit(m.start(), m.end(), "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    if n != int(n):
        return None
    # ":q": a year before/after the quarter the text reports on, once it names one (normalize)
    flag = ":q" if unit == "Y" and n == 1 else ""
    dmod = _norm(m.group("dmod"))
    return _Hit(
        m.start("num") if dmod in {"just", "only"} else m.start(),
        m.end(),
        "DATE",
        _UNIT_TEMPLATE[unit],
        rule=f"{base}:{unit}:{sign * int(n)}{flag}",
    )


_A_DURATION_BEFORE = re.compile(
    r"(?:\bfor|\bthan|\babout|\bnearly|\balmost|\bover|\bwithin|\bin|\bpast|\blast|\bhalf|"
    r"\bjust|\bonly|\bsome|\baround|\bof|\bafter|\bbefore|\buntil)\s+$",
    _FLAGS,
)


def _h_duration(m: re.Match[str], text: str) -> _Hit | None:
    unit_word = _norm(m.group("unit"))
    unit = lx.UNITS.get(unit_word)
    if unit is None:
        return None
    if m.group(0).lower().endswith("old"):
        return None  # an age ("a 6-year-old boy"): TimeBank tags none of 30
    start = m.start()
    if not m.group("lead") and _norm(m.group("dmod")) in _LEFT_OUT_MODS:
        start = m.start("num")  # TimeBank: "about [five hours]"
    if (
        _norm(m.group("lead")) == "the"
        and not m.group("dmod")
        and "-" in text[m.end("num") : m.start("unit")]
    ):
        start = m.start("num")  # "the [14-day] waiting period": the adjective alone
    num = _norm(m.group("num"))
    if num in {"a", "an"}:
        # "a day" needs a duration context: "for a day", "more than a year"
        lead_start = m.start("num") if not m.group("dmod") else m.start()
        if not _A_DURATION_BEFORE.search(text[max(0, lead_start - 10) : lead_start]) and not (
            m.group("lead")
        ):
            return None
        if re.match(r"\s+(?:later|earlier|ago|before|after)\b", text[m.end() :]):
            return None
        if unit == "S" and re.match(
            r"[ \t]+(?!(?:and|or|but|then|as|when|while|too|longer)\b)[a-z]", text[m.end() :]
        ):
            return None  # "a second consecutive day", "a second term": an ordinal
    if num in {"one"} and unit == "D" and not m.group("lead") and not m.group("dmod"):
        before = text[max(0, m.start() - 8) : m.start()].lower()
        if not re.search(r"\b(for|in|within|than|after)\s+$", before):
            return None  # "one day" alone is usually "some day"
    n = _num_value(num)
    if m.group("half") or m.group("half2"):
        n = None if n is None else n + 0.5
    value = duration_value(n, unit)
    mod = _DUR_MODS.get(_norm(m.group("dmod"))) if m.group("dmod") else None
    return _Hit(start, m.end(), "DURATION", value, mod=mod)


def _h_bare_duration(m: re.Match[str], _text: str) -> _Hit | None:
    unit = lx.UNITS.get(_norm(m.group("unit")))
    if unit is None:
        return None
    return _Hit(m.start(), m.end(), "DURATION", duration_value(None, unit))


def _h_clock(m: re.Match[str], _text: str) -> _Hit | None:
    hour = int(m.group("h"))
    minute = int(m.group("mi") or 0)
    ap = _norm(m.groupdict().get("ap")).replace(".", "")
    if ap:
        if not 1 <= hour <= 12:
            return None
        if ap == "pm" and hour != 12:
            hour += 12
        if ap == "am" and hour == 12:
            hour = 0
    elif hour > 24 or m.group("mi") is None:
        return None
    if minute > 59:
        return None
    clock = f"T{hour:02d}:{minute:02d}"
    if _UTC.search(m.group(0)):
        clock += "Z"  # ISO 8601's designator of UTC ("18:00 UTC", "10:49 GMT")
    return _Hit(m.start(), m.end(), "TIME", f"XXXX-XX-XX{clock}", rule=f"tod:@{clock}")


_UTC = re.compile(r"\b(?:UTC|GMT)\b", re.IGNORECASE)


def _h_military_clock(m: re.Match[str], _text: str) -> _Hit | None:
    """A four-digit clock: "0800 UTC", "at 2000 hours"."""
    hour, minute = (int(m.group(g)) for g in (("h", "mi") if m.group("h") else ("h2", "mi2")))
    clock = f"T{hour:02d}:{minute:02d}" + ("Z" if _UTC.search(m.group(0)) else "")
    return _Hit(m.start(), m.end(), "TIME", f"XXXX-XX-XX{clock}", rule=f"tod:@{clock}")


def _h_noon(m: re.Match[str], _text: str) -> _Hit | None:
    clock = "T12:00" if _norm(m.group(0)) in {"noon", "midday"} else "T24:00"
    return _Hit(m.start(), m.end(), "TIME", f"XXXX-XX-XX{clock}", rule=f"tod:@{clock}")


def _h_fuzzy(m: re.Match[str], text: str) -> _Hit | None:
    word = _norm(m.group(0))
    if word == "now" and re.match(r"-\w", text[m.end() : m.end() + 2]):
        return None  # "now-defunct"
    if word == "the past":
        # before a noun "past" is an adjective ("the past three summers", "the past decade");
        # alone ("in the past,") it is PAST_REF
        nxt = re.match(r"\s+([a-z]+)", text[m.end() : m.end() + 20])
        if nxt is not None and nxt.group(1) not in {"that", "it", "and", "or", "but", "when"}:
            return None
    return _Hit(m.start(), m.end(), "DATE", lx.FUZZY[word])


def _h_set_word(m: re.Match[str], _text: str) -> _Hit | None:
    return _Hit(m.start(), m.end(), "SET", lx.SET_WORDS[_norm(m.group(0))])


def _h_set_quant(m: re.Match[str], text: str) -> _Hit | None:
    q = _norm(m.group("q"))
    word = m.group("unit")
    if _norm(word) in lx.WEEKDAY_FULL:
        if not _capitalised(word):
            return None
        return _Hit(m.start(), m.end(), "SET", f"XXXX-WXX-{lx.WEEKDAYS[_norm(word)]}")
    unit = lx.UNITS.get(_norm(word))
    if _norm(word) in lx.PARTS_OF_DAY:
        return _Hit(m.start(), m.end(), "SET", f"XXXX-XX-XXT{lx.PARTS_OF_DAY[_norm(word)]}")
    if unit is None:
        return None
    if q in {"a", "an", "per"}:
        # "100 drones a day", "twice a week": a quantity or frequency right before
        before = text[max(0, m.start() - 30) : m.start()]
        if not re.search(
            r"(\d[\d,.]*\s*\w*|\b(?:once|twice|times|dozen|hundred|thousand)\w*)\s+$", before
        ):
            return None
    n = _num_value(m.group("n")) if m.group("n") else 1.0
    return _Hit(m.start(), m.end(), "SET", duration_value(n, unit))


def _h_quarter(m: re.Match[str], text: str) -> _Hit | None:
    start = m.start()
    if "-" in text[m.end("ord") : m.start("qh")] and m.group("the"):
        # "the [third-quarter] loss", "the [fiscal second-quarter] net": the adjective alone
        start = m.start("the") + len(m.group("the"))
        start += len(text[start:]) - len(text[start:].lstrip())
    ordword = _norm(m.group("ord"))
    n = lx.ORDINAL_WORDS.get(ordword) or (4 if ordword in {"final", "last"} else None)
    if n is None:
        digits = re.match(r"\d", ordword)
        n = int(ordword[0]) if digits else None
    kind = "H" if _norm(m.group("qh")) == "half" else "Q"
    if n is None or n > (2 if kind == "H" else 4):
        return None
    year = m.group("year") or m.group("qyear")
    if year:
        return _Hit(start, m.end(), "DATE", f"{year}-{kind}{n}")
    if m.group("ago"):
        # "the year-ago third quarter": the quarter the text names, one year back
        return _Hit(start, m.end(), "DATE", f"XXXX-{kind}{n}", rule=f"part:{kind}{n}::-1")
    which = _norm(m.group("which") or m.group("poss"))
    if m.group("fiscal") and not which:
        # a fiscal quarter is not the calendar's: TimeML gives it the document's year
        which = "this"
    if which in {"this", "last", "next"}:
        offset = {"this": 0, "last": -1, "next": 1}[which]
        return _Hit(start, m.end(), "DATE", f"XXXX-{kind}{n}", rule=f"part:{kind}{n}:{offset}")
    return _Hit(start, m.end(), "DATE", f"XXXX-{kind}{n}", rule=f"part:{kind}{n}:")


def _h_qyear_ref(m: re.Match[str], _text: str) -> _Hit | None:
    """``the 1988 period``, ``the 1989 quarter``: that year's quarter the text reports on."""
    year = m.group("qyear")
    return _Hit(m.start(), m.end(), "DATE", year, rule=f"qyr:{year}")


def _h_qref(m: re.Match[str], _text: str) -> _Hit | None:
    """``the quarter``, ``the year-earlier period``: the quarter the text reports on."""
    words = _norm(m.group(0))
    offset = lx.QUARTER_REFS[words]
    # "the latest quarter" is the last one completed, whatever quarter the text named before
    latest = ":latest" if "latest" in words or "recent" in words else ""
    if "month" in words:
        return _Hit(m.start(), m.end(), "DATE", "XXXX-XX", rule=f"qref:{offset}:month")
    if not latest and "period" in words:
        latest = ":period"  # a period is the month the text reports on, if that came last
    return _Hit(m.start(), m.end(), "DATE", "XXXX-QX", rule=f"qref:{offset}{latest}")


def _title(name: str) -> str:
    """ "new year's day" -> "New Year's Day", "the fourth of july" -> "the Fourth of July"."""
    words = name.split(" ")
    return " ".join(
        w if (i == 0 and w == "the") or w in {"of", "the"} else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def _h_holiday(m: re.Match[str], _text: str) -> _Hit | None:
    """``Christmas``, ``Thanksgiving Day``, ``Easter 1998``: the day of the holiday."""
    code = lx.HOLIDAYS[_norm(m.group("hol")).replace("’", "'")]
    year = m.group("year")
    if ":" not in code and code != "easter":
        if year:
            return _Hit(m.start(), m.end(), "DATE", f"{year}-{code}")
        return _Hit(m.start(), m.end(), "DATE", f"XXXX-{code}", rule=f"md:{code}")
    if year:
        return _Hit(m.start(), m.end(), "DATE", "XXXX-XX-XX", rule=f"hol:{code}:{year}")
    return _Hit(m.start(), m.end(), "DATE", "XXXX-XX-XX", rule=f"hol:{code}:")


def _h_century(m: re.Match[str], _text: str) -> _Hit | None:
    """``the 20th century`` -> ``19`` (TimeML writes a century as its first two digits)."""
    n = int(m.group("n"))
    if not 1 <= n <= 21:
        return None
    mod = lx.MODIFIERS.get(_norm(m.group("mod"))) if m.group("mod") else None
    start = m.start()
    if m.group(0).lower().startswith("the ") and "-century" in m.group(0).lower() and not mod:
        start = m.start("n")  # "the [20th-century] wars": the adjective alone
    return _Hit(start, m.end(), "DATE", f"{n - 1:02d}", mod=mod)


def _h_qyear(m: re.Match[str], _text: str) -> _Hit | None:
    return _Hit(m.start(), m.end(), "DATE", f"{m.group('year')}-Q{m.group('q')}")


def _h_season(m: re.Match[str], text: str) -> _Hit | None:
    word = _norm(m.group("season"))
    code = lx.SEASONS[word]
    mod = lx.MODIFIERS.get(_norm(m.group("mod"))) if m.group("mod") else None
    if m.group("year"):
        return _Hit(m.start(), m.end(), "DATE", f"{m.group('year')}-{code}", mod=mod)
    if word == "fall" and not mod:
        return None
    before = text[max(0, m.start() - 12) : m.start()].lower()
    if not mod and not re.search(
        r"\b(in|the|during|by|since|until|this|over|throughout|through|after|before|same)\s+$",
        before,
    ):
        return None
    if re.match(r"\s+of\b", text[m.end() : m.end() + 4]):
        return None  # "the fall of Kabul"
    return _Hit(m.start(), m.end(), "DATE", f"XXXX-{code}", mod=mod, rule=f"season:{code}:")


_DAY_LEAD = re.compile(
    r"\b(?:end|ends|ended|ending|finish|finishes|finished|finishing|close|closes|closed|closing|"
    r"start|starts|started|starting|began|begin|begins|for|(?:later|earlier|early|late)\s+in|"
    r"during|throughout)\s+\Z",
    _FLAGS,
)


# "waited for the day when ...", "the day that", "the day of the vote": a day the clause defines
_DAY_OF = re.compile(r"\s+(?:when|that|which|of|on\s+which|before|after)\b", _FLAGS)


def _h_the_unit(m: re.Match[str], text: str) -> _Hit | None:
    """``the year``, ``the full year``, ``the fiscal year``, ``the week``: the unit the text
    is in (TimeML: DATE of the document's year); ``the year ended Sept. 30``, ``in the month
    since the blast``: a DURATION."""
    unit = _unit_code(m.group("unit"))
    if unit not in {"Y", "M", "W", "D"}:
        return None
    if unit == "D" and (
        m.group(0).lower() != "the day"
        or not _DAY_LEAD.search(text[max(0, m.start() - 24) : m.start()])
        or _DAY_OF.match(text, m.end())
    ):
        return None  # only the day a text is in: "ended the day up 2%", "later in the day"
    after = text[m.end() : m.end() + 30]
    if re.match(r"\s*(?:that\s+)?(?:ended|ending|ends|to\s+date)\b|\s+since\b", after):
        # "the year ended Sept. 30"; "in the month since the blast": a span, not a calendar unit
        return _Hit(m.start(), m.end(), "DURATION", duration_value(1, unit))
    if re.match(r"\s+(?:before|after|earlier|later|of\s+(?:the|\w+\s+\d))\b", after):
        return None  # "the year before", "the week of March 6"
    return _Hit(m.start(), m.end(), "DATE", _UNIT_TEMPLATE[unit], rule=f"cur:{unit}")


def _h_year_end(m: re.Match[str], text: str) -> _Hit | None:
    """``by year-end``, ``around year end``: the end of the current year."""
    if not _YEAR_END_LEAD.search(text, max(0, m.start() - 12), m.start()):
        return None
    return _Hit(m.start(), m.end(), "DATE", "XXXX", mod="END", rule="cur:Y")


_YEAR_END_LEAD = re.compile(
    r"\b(?:by|at|since|until|till|before|after|around|toward|towards|through|near|of)\s+$",
    _FLAGS,
)


_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_SPELLED_YEAR = (
    rf"(?:(?P<cent>eighteen|nineteen)[\s-]+(?P<yy>(?:{_TENS})(?:[\s-](?:{_UNITS_1_9}))?|{_TEENS}|"
    rf"(?:oh|o)[\s-](?:{_UNITS_1_9}))|"
    rf"(?:the\s+year\s+)?(?P<mill>two\s+thousand)(?:(?:\s+and)?\s+(?P<y2>{_UNITS_1_9}|{_TEENS}))?)"
)


def _spelled_number(words: str) -> int:
    total = 0
    for w in re.split(r"[\s-]+", words.lower()):
        if w in {"oh", "o"}:
            continue
        total += lx.NUMBER_WORDS.get(w, 0)
    return total


def _h_spelled_year(m: re.Match[str], text: str) -> _Hit | None:
    """``nineteen ninety-six``, ``the year two thousand`` (transcripts spell years out)."""
    if m.group("mill"):
        if not m.group(0).lower().startswith("the year") and not _OLD_YEAR_LEAD.search(
            text, max(0, m.start() - 20), m.start()
        ):
            return None  # "two thousand troops"
        year = 2000 + (_spelled_number(m.group("y2")) if m.group("y2") else 0)
    else:
        year = (1800 if _norm(m.group("cent")) == "eighteen" else 1900) + _spelled_number(
            m.group("yy")
        )
    if re.match(r"[\s-]+(?:hundred|thousand|million|percent|per\s+cent)\b", text[m.end() :]):
        return None
    return _Hit(m.start(), m.end(), "DATE", f"{year:04d}")


def _h_current(m: re.Match[str], text: str) -> _Hit | None:
    """The adjective ``current`` ("its current financial difficulties"): PRESENT_REF; ``then
    current``: PAST_REF. Not in names of things ("current account", "electric current")."""
    nxt = re.match(r"\s+([a-z][\w-]*)", text[m.end() : m.end() + 30])
    if nxt is None or nxt.group(1) in _CURRENT_NOT:
        return None
    if m.group(0).lower().startswith("then"):
        return _Hit(m.start(), m.end(), "DATE", "PAST_REF")
    return _Hit(m.start(), m.end(), "DATE", "PRESENT_REF")


_CURRENT_NOT = frozenset(
    {"account", "accounts", "affairs", "events", "assets", "liabilities", "ratio", "flows"}
    | set(lx.UNITS)
    | {"and", "or", "of", "in", "is", "was", "to"}
)


def _h_era_year(m: re.Match[str], text: str) -> _Hit | None:
    """A year with its era: "241 BC", "146 B.C.", "AD 9", "the spring of 480 BC" (TimeML
    writes a year before Christ as ``BC0480``)."""
    era = re.sub(r"[\s.]", "", m.group("era") or m.group("era_pre")).upper()
    year = int(m.group("eyear") or m.group("eyear_pre"))
    if year == 0:
        return None
    if (
        era.startswith("BC")
        and m.group("eyear")
        and year >= 1000
        and re.match(r"\s+[A-Z]", text[m.end() : m.end() + 2])
    ):
        return None  # "2010 BC Hydro": British Columbia, not an era
    value = f"BC{year:04d}" if era.startswith("BC") else f"{year:04d}"
    if m.group("month"):
        value += f"-{lx.MONTHS[_norm(m.group('month'))]:02d}"
    elif m.group("season"):
        value += "-" + lx.SEASONS[_norm(m.group("season"))]
    mod = lx.MODIFIERS.get(_norm(m.group("mod"))) if m.group("mod") else None
    return _Hit(m.start(), m.end(), "DATE", value, mod=mod)


def _h_weekend(m: re.Match[str], _text: str) -> _Hit | None:
    return _Hit(m.start(), m.end(), "DATE", "XXXX-WXX-WE", rule="we::")


# ---- the rule table ---------------------------------------------------------------------------

_NP_SIGNALS = frozenset({"before", "after", "prior"})
_TZ = rf"(?:\s+(?:{_alt(lx.TIMEZONES)})\b|\s+(?:[A-Z][a-z]+|local)\s+time\b)"
_PODOF = rf"(?:(?:the\s+)?{_POD}\s+of\s+)?"
_WDPRE = rf"(?:{_WEEKDAY},?\s+)?"

RULES: list[tuple[re.Pattern[str], _Handler]] = [
    (
        re.compile(rf"{_LB}{_PODOF}{_WDPRE}{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?{_RB}", _FLAGS),
        _h_full_date,
    ),
    (
        re.compile(
            rf"{_LB}{_PODOF}{_WDPRE}{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?{_RB}", _FLAGS
        ),
        _h_full_date,
    ),
    (
        re.compile(
            rf"{_LB}(?:(?P<deic>last|this|next|past)\s+|{_MOD}\s*)?{_MONTH}"
            rf"(?:,?\s+(?:of\s+)?{_YEAR}|(?=\s+(?:of\s+)?(?P<ydeic>this|last|next)\s+year\b))?"
            rf"(?!,?\s+(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b){_RB}",
            _FLAGS,
        ),
        _h_month,
    ),
    (
        re.compile(
            r"(?<![\w/.-])(?P<y>1[89]\d\d|20\d\d)([-/.])(?P<mo>\d\d)\2(?P<d>\d\d)(?![\w/]|-\d)"
        ),
        _h_iso,
    ),
    (
        re.compile(
            rf"{_LB}(?:the\s+(?=(?:early|late|mid)[\s-]*(?:1[89]|20)\d0'?s))?(?:{_MOD}\s*)?"
            rf"(?:(?:fiscal(?:\s+year)?\s+)?{_YEAR}|(?:the\s+)?(?P<decade>(?:1[89]|20)\d0)'?s){_RB}",
            _FLAGS,
        ),
        _h_year,
    ),
    (
        re.compile(
            rf"{_LB}(?:(?P<deic>last|this|next|past|coming)\s+|early\s+)?{_WEEKDAY}(?P<pl>s)?"
            rf"(?:\s+{_POD})?{_RB}",
            _FLAGS,
        ),
        _h_weekday,
    ),
    (
        re.compile(
            rf"{_LB}(?:(?:late|early|earlier|later)\s+|mid-?(?P<mpod>morning|afternoon|day)\s+)?"
            rf"(?P<dw>{_alt(lx.DAY_WORDS)})(?:\s+{_POD})?{_RB}",
            _FLAGS,
        ),
        _h_dayword,
    ),
    (
        re.compile(
            rf"{_LB}(?:(?:earlier|later)\s+)?{_DEICTIC}\s+(?P<unit>week|month|year|weekend|quarter|decade|century|"
            rf"{_alt(lx.SEASONS)}|morning|afternoon|evening|night){_RB}",
            _FLAGS,
        ),
        _h_deictic,
    ),
    (
        re.compile(
            rf"{_LB}{_MOD}\s*(?P<which>the\s+following|the\s+previous|the|this|last|next|that)"
            rf"\s+(?P<unit>week|month|year|quarter){_RB}",
            _FLAGS,
        ),
        _h_modunit,
    ),
    (
        re.compile(
            rf"{_LB}(?:(?:earlier|later)\s+(?=that\b))?(?P<ana>{_alt(lx.ANAPHORIC)})\s+"
            rf"(?P<unit>day|week|month|year|weekend|"
            rf"morning|afternoon|evening|night){_RB}",
            _FLAGS,
        ),
        _h_anaphoric,
    ),
    (
        re.compile(
            rf"{_LB}(?:{_DURMOD}\s+)?(?P<num>{_NUM}|several|a\s+few|a\s+couple\s+of|few)[\s-]+{_UNIT}s?\s+"
            # "two days before/after" only at a clause end: before a noun it is a duration
            # ("two days after the vote": TimeML tags "two days" and the signal "after")
            rf"(?P<dir>(?:{_alt(k for k in lx.RELATIVE_AFTER if k not in _NP_SIGNALS)})\b|"
            rf"(?:{_alt(_NP_SIGNALS)})(?=\s*(?:[,.;:)\"”]|$)))",
            _FLAGS,
        ),
        _h_offset,
    ),
    (
        re.compile(
            rf"{_LB}(?:(?P<lead>the\s+(?:past|last|next|coming|first|final|previous)|"
            rf"(?:past|last|next|first)|the)\s+)?(?:{_DURMOD}\s+)?"
            rf"(?P<num>{_NUM}|several|a\s+few|a\s+couple\s+of|few|many|dozens\s+of|hundreds\s+of)"
            rf"(?:\s+(?:to|or)\s+(?P<num2>\d{{1,3}}|{_NUMWORD}))?"
            rf"(?P<half>\s+and\s+a\s+half)?[\s-]+(?:(?:{_alt(lx.RUN_WORDS)})\s+)?{_UNIT}s?"
            rf"(?P<half2>\s+and\s+a\s+half)?"
            rf"(?:[\s-]+(?:long|old))?{_RB}",
            _FLAGS,
        ),
        _h_duration,
    ),
    (
        re.compile(
            r"(?:(?<=\bfor )|(?<=\bover )|(?<=\bwithin )|(?<=\bFor )|(?<=\bafter )|"
            r"(?<=\bin ))(?P<unit>days|weeks|months|years|decades|hours|minutes)\b"
            # "in years" is a span; "in days to come", "in months' time" are not
            r"(?!\s+(?:to\s+come|ahead)|')",
            _FLAGS,
        ),
        _h_bare_duration,
    ),
    (
        re.compile(
            r"(?<![\d:.,$])(?P<h>\d{1,2})(?::(?P<mi>[0-5]\d))?\s*"
            r"(?P<ap>a\.m\.|p\.m\.|a\.m(?!\w)|p\.m(?!\w)|am\b|pm\b)" + rf"(?:{_TZ})?",
            _FLAGS,
        ),
        _h_clock,
    ),
    (
        re.compile(
            rf"(?<![\d:.,$])(?P<h>[01]?\d|2[0-4]):(?P<mi>[0-5]\d)(?![\d:])(?:{_TZ}|\s+hours\b)?",
            _FLAGS,
        ),
        _h_clock,
    ),
    (
        re.compile(
            # "0800 UTC", "at 2000 hours" ("2000 hours of flying" is a count)
            rf"(?<![\w.,$:/-])(?:(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d){_TZ}|"
            rf"(?<=\bat\s)(?P<h2>[01]\d|2[0-3])(?P<mi2>[0-5]\d)\s+(?:hrs|hours)\b)",
            _FLAGS,
        ),
        _h_military_clock,
    ),
    (re.compile(rf"{_LB}(?:noon|midday|midnight){_RB}", _FLAGS), _h_noon),
    (re.compile(rf"{_LB}(?:{_alt(lx.FUZZY)}){_RB}", _FLAGS), _h_fuzzy),
    (re.compile(rf"{_LB}(?:{_alt(lx.SET_WORDS)}){_RB}", _FLAGS), _h_set_word),
    (
        re.compile(
            rf"{_LB}(?P<q>every|each|per|a|an)\s+(?:(?P<n>{_NUMWORD}|\d+|other)\s+)?"
            rf"(?P<unit>{_alt(lx.UNITS)}|{_alt(lx.WEEKDAY_FULL)}|morning|evening|night)s?{_RB}",
            _FLAGS,
        ),
        _h_set_quant,
    ),
    (
        re.compile(
            rf"{_LB}(?:(?P<the>the)\s+)?(?:(?P<poss>this|last|next)\s+year's\s+)?"
            rf"(?:(?P<qyear>(?:1[89]|20)\d\d)\s+|(?P<ago>year-ago|year-earlier|prior-year)\s+)?"
            rf"(?:(?P<fiscal>fiscal)[\s-]+)?"
            rf"(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+"
            rf"(?P<qh>quarter|half)(?:\s+of\s+(?:(?P<which>this|last|next|the)\s+year|{_YEAR}))?"
            rf"{_RB}",
            _FLAGS,
        ),
        _h_quarter,
    ),
    (re.compile(rf"{_LB}Q(?P<q>[1-4])\s+{_YEAR}{_RB}"), _h_qyear),
    (
        re.compile(
            rf"{_LB}(?:the\s+)?(?:{_MOD}[\s-]*)?(?P<n>\d{{1,2}})(?:st|nd|rd|th)[\s-]+century{_RB}",
            _FLAGS,
        ),
        _h_century,
    ),
    (re.compile(rf"{_LB}(?:{_alt(lx.QUARTER_REFS)}){_RB}", _FLAGS), _h_qref),
    (
        re.compile(rf"{_LB}the\s+(?P<qyear>(?:1[89]|20)\d\d)\s+(?:period|quarter){_RB}", _FLAGS),
        _h_qyear_ref,
    ),
    (
        re.compile(
            rf"{_LB}(?:{_MOD}\s*)?(?:the\s+)?(?P<season>{_alt(lx.SEASONS)})"
            rf"(?:\s+(?:of\s+)?{_YEAR})?{_RB}",
            _FLAGS,
        ),
        _h_season,
    ),
    (
        re.compile(
            rf"{_LB}(?i:(?:{_MOD}\s*)?(?:(?:the\s+)?(?P<season>{_alt(lx.SEASONS)})\s+(?:of\s+)?|"
            rf"{_MONTH}\s+)?)(?:(?P<eyear>\d{{1,4}})\s*(?P<era>B\.\s?C\.(?:\s?E\.)?|BCE?|A\.\s?D\.|CE)"
            rf"|(?P<era_pre>A\.\s?D\.|AD)\s+(?P<eyear_pre>\d{{1,4}}))(?![\w/]|-\w)"
        ),
        _h_era_year,
    ),
    (re.compile(rf"{_LB}(?:the|this)\s+weekend{_RB}", _FLAGS), _h_weekend),
    (re.compile(rf"{_LB}(?:then[\s-]+)?current{_RB}", _FLAGS), _h_current),
    (re.compile(rf"{_LB}{_SPELLED_YEAR}{_RB}", _FLAGS), _h_spelled_year),
    (
        re.compile(
            rf"{_LB}the\s+(?:(?:full|current|latest|entire|whole)\s+)?(?:fiscal\s+)?"
            rf"(?P<unit>year|week|month|day)(?![\w/]|-\w|'s\s+(?:end|first|second|third|fourth))",
            _FLAGS,
        ),
        _h_the_unit,
    ),
    (
        re.compile(
            rf"{_LB}(?:the\s+)?(?:year[-\s]end|year's\s+end|end[-\s]of[-\s]year){_RB}", _FLAGS
        ),
        _h_year_end,
    ),
    (
        # capitalised only: "christmas" in lower case is rare, "labor day" mostly a name
        re.compile(
            rf"{_LB}(?P<hol>{_alt(_title(k) for k in lx.HOLIDAYS)})"
            rf"(?:,?\s+{_YEAR})?{_RB}"
        ),
        _h_holiday,
    ),
    (re.compile(r"(?<![\w/.-])9/11(?![\w/]|\.\d)"), _h_nine_eleven),
    (
        re.compile(
            r"(?<![\w/.,-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
            r"(?![\w/]|[.,]\d)"
        ),
        _h_numeric_date,
    ),
    (
        re.compile(
            r"(?:(?<=\bsince )|(?<=\bin )|(?<=\bof )|(?<=\buntil )|(?<=\bthe )|(?<=\bmid-)|"
            r"(?<=\band ))(?P<dec>['\u2019](?P<yy>\d\d)(?P<s>s)?)(?![\w'\u2019])",
            _FLAGS,
        ),
        _h_short_year,
    ),
]

# Each rule runs only in windows around its trigger words, found in the lower-cased text with a
# plain alternation (no case folding, no look-behind): on the seeds this takes extraction from
# ~22k to well over 100k words/s. A match never reaches farther than _WINDOW from its trigger.
_UNIT_WORDS = r"year|month|week|day|hour|minute|second|decade|centur|quarter|fortnight|yr|hr|min"
_PARTS = _alt(lx.PARTS_OF_DAY)
_MONTH_TRIGGER = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_TRIGGERS: list[str | None] = [
    _MONTH_TRIGGER,  # full date, month first
    _MONTH_TRIGGER,  # full date, day first
    _MONTH_TRIGGER,  # month
    None,  # ISO date
    r"1[1-9]\d\d|20\d\d",  # year, decade
    r"day",  # weekday
    _alt(lx.DAY_WORDS),
    rf"{_UNIT_WORDS}|{_alt(lx.SEASONS)}|{_PARTS}",  # this week, last summer
    _UNIT_WORDS,  # the end of the year
    rf"{_UNIT_WORDS}|{_PARTS}",  # the next day
    _alt(lx.RELATIVE_AFTER),  # six months ago
    _UNIT_WORDS,  # durations
    r"days|weeks|months|years|decades|hours|minutes",  # for months
    r"[ap]\.?m\b",  # 9 a.m.
    r"\d:\d\d",  # 14:30
    r"\d{4}\s",  # 0800 UTC
    r"noon|midday|midnight",
    _alt(lx.FUZZY),
    _alt(lx.SET_WORDS),
    rf"{_UNIT_WORDS}|{_PARTS}",  # every week, every Thursday
    r"quarter|half",
    r"q[1-4]",
    r"century",
    r"quarter|period|year-|same month",
    r"period|quarter",  # the 1988 period
    _alt(lx.SEASONS),
    r"\d\s*(?:b\.?\s?c|a\.\s?d\.|ce\b)|\ba\.?\s?d\.?\s+\d",  # 241 BC, AD 9
    r"weekend",
    r"current",
    r"nineteen|eighteen|two thousand",  # spelled-out years
    r"year|week|month|day",  # the year
    r"end",  # year-end
    r"christmas|new year|valentine|halloween|independence|fourth of july|boxing|thanksgiving|"
    r"labor day|memorial day|easter",
    r"9/11",
    r"\d[/.]\d",  # 7/8/07, 24.02.2022
    r"['\u2019]\d\d",  # since '82
]
_WINDOW = 70
if len(_TRIGGERS) != len(RULES):  # pragma: no cover - a table edit out of step
    raise RuntimeError("extract: _TRIGGERS must have one entry per rule")
_TRIGGER_RES = [re.compile(t) if t else None for t in _TRIGGERS]


def _windows(trigger: re.Pattern[str], lowered: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    n = len(lowered)
    for m in trigger.finditer(lowered):
        lo, hi = max(0, m.start() - _WINDOW), min(n, m.end() + _WINDOW)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


_SIGNAL = re.compile(
    r"\b(as\s+of|since|from|by|on|in|at|until|till|through|throughout|during|before|after|"
    r"starting|between|to|of|for|within)\s*$",
    _FLAGS,
)


# a date that names an event: "since the March 6 incursion" counts from it as "since March 6"
_EVENT_SIGNAL = re.compile(r"\b(since)\s+the\s+$", _FLAGS)


def _signal(text: str, start: int) -> str | None:
    m = _SIGNAL.search(text, max(0, start - 14), start) or _EVENT_SIGNAL.search(
        text, max(0, start - 18), start
    )
    return _norm(m.group(1)) if m else None


# ---- tense of the clause ----------------------------------------------------------------------

_FUTURE = re.compile(
    r"\b(?:will|shall|won't|going\s+to|plans?\s+to|planned\s+to|scheduled|due\s+to|"
    r"(?:is|are|was|were|be)\s+(?:planning|preparing|scheduled|slated|set|due|expected|going)"
    r"\s+to|planning\s+to|preparing\s+to|set\s+to|slated\s+to|as\s+early\s+as|"
    r"expected\s+to|(?:is|are)\s+(?:set\s+)?to|upcoming|intends?\s+to|would|might|as\s+soon\s+as|"
    r"planned\s+an?|next|(?:should|must)\s+be\s+\w+(?:ed|en|ing)\b)"
    r"\b|'ll\b",
    _FLAGS,
)
_PAST = re.compile(
    rf"\b(?:{_alt(lx.PAST_IRREGULAR - {'ago', 'earlier', 'last', 'since'})}|[a-z]{{2,}}ed)\b",
    _FLAGS,
)
_PERFECT = re.compile(r"\b(?:has|have|had|'ve)\b(?!\s+to\b)", _FLAGS)
_PRESENT = re.compile(
    r"\b(?:is|are|am|says|remains?|continues?|marks|holds?|keeps?|stands?|does|comes|begins|"
    r"starts|takes|arrives|meets|opens|ends)\b",
    _FLAGS,
)
_CLAUSE_BREAK = re.compile(
    r"[;:—–]|\.\s|,\s+(?:and|but|while|whereas|although|who|which|where|whose)\b", _FLAGS
)


_CUES = re.compile(
    "|".join(
        f"(?P<{name}>{pattern.pattern})"
        for name, pattern in (
            ("future", _FUTURE),
            ("perfect", _PERFECT),
            ("present", _PRESENT),
            ("past", _PAST),
        )
    ),
    _FLAGS,
)
_VERB_GROUP = 10  # characters from "will" to a participle in the same verb group
# A cue after the expression loses to one before it at up to this many characters more: the
# verb that governs a time adverbial mostly comes first ("will double its flights by August
# in markets untouched by ..."), a participle after it is often an adjective.
_AFTER_PENALTY = 20
_CueList = tuple[list[tuple[int, int]], list[tuple[int, int, str]]]


def _sentence_cues(text: str, sentence: Span) -> _CueList:
    """Clause breaks and tense cues ``(start, end, tense)`` of one sentence."""
    s0, s1 = sentence
    breaks = [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text, s0, s1)]
    cues: list[tuple[int, int, str]] = []
    last_future = -100
    for m in _CUES.finditer(text, s0, s1):
        kind = m.lastgroup or "present"
        if kind == "past" and m.group(0).lower() in lx.ED_NOT_PAST:
            continue
        if kind == "future":
            last_future = m.end()
        elif m.start() - last_future <= _VERB_GROUP:
            kind = "future"  # "will be held", "will have left": one future verb group
        cues.append((m.start(), m.end(), "past" if kind == "perfect" else kind))
    return breaks, cues


# lower case: a fronted "Until Thursday, they had not ..." tells how long a past state held
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|as soon as|no later than)\s+$")


def clause_tense(
    text: str, start: int, end: int, sentence: Span, cues: _CueList | None = None
) -> str:
    """``past`` | ``present`` | ``future``: the tense of the verb nearest to ``text[start:end]``.

    Looks only inside the clause (sentence cut at ``;``, ``—``, ", but"...), and takes the verb
    cue nearest to the expression, so "He said Trump will visit on Monday" reads as future.
    ``cues`` (from ``_sentence_cues``) saves rescanning a sentence with several expressions.
    """
    breaks, found = cues if cues is not None else _sentence_cues(text, sentence)
    left, right = sentence
    for b0, b1 in breaks:
        if b1 <= start:
            left = b1
        elif b0 >= end:
            right = b0
            break
    best: tuple[int, str] | None = None
    for c0, c1, tense in found:
        if c0 < left or c1 > right or start <= c0 < end:
            continue
        dist = start - c1 if c1 <= start else c0 - end + _AFTER_PENALTY
        if tense == "present":
            dist += 15  # a present cue loses to a past one at the same distance
        if best is None or dist < best[0]:
            best = (dist, tense)
    return best[1] if best else "present"


# ---- ranges ------------------------------------------------------------------------------------


# A range written with a dash is two expressions, as TimeML annotates it: "22-25 April 1951" is
# [22] and [25 April 1951], "May 3-5" [May 3] and [5], "31 May-1 June" [31 May] and [1 June],
# "1861-65" [1861] and [65]; each part takes the month and year the range gives it. The single
# date rules refuse a dash on either side (a score, a phone number), so the forms live here.
def _renamed(pattern: str, **names: str) -> str:
    for old, new in names.items():
        pattern = pattern.replace(f"(?P<{old}>", f"(?P<{new}>")
    return pattern


_DASH = r"\s*[-\u2013]\s*"
_D1, _D2 = _renamed(_DAY, day="d1"), _renamed(_DAY, day="d2")
_M1, _M2 = _renamed(_MONTH, month="m1"), _renamed(_MONTH, month="m2")
_WORD_TO = r"\s+(?:to|and|until|till|through)\s+"
_RANGE_YEAR = rf"(?:,?\s+{_YEAR})?"
_RANGES = [
    # 22-25 April 1951 | 31 May-1 June 1916
    re.compile(rf"{_LB}{_D1}(?:\s+{_M1})?{_DASH}{_D2}\s+{_M2}{_RANGE_YEAR}{_RB}", _FLAGS),
    # May 3-5, 2031 | May 27-June 2
    re.compile(rf"{_LB}{_M1}\s+{_D1}{_DASH}(?:{_M2}\s+)?{_D2}{_RANGE_YEAR}{_RB}", _FLAGS),
    # from 22 to 25 April 2031 | between 3 and 5 May
    re.compile(
        rf"\b(?:from|between)\s+{_D1}(?:\s+{_M1})?{_WORD_TO}{_D2}\s+{_M2}{_RANGE_YEAR}{_RB}", _FLAGS
    ),
    # from April 22 to 25, 2031
    re.compile(
        rf"\b(?:from|between)\s+{_M1}\s+{_D1}{_WORD_TO}(?:{_M2}\s+)?{_D2}{_RANGE_YEAR}{_RB}",
        _FLAGS,
    ),
]
_YEAR_RANGE = re.compile(
    r"(?<![\w/.,-])(?P<y1>1[1-9]\d\d|20\d\d)[-\u2013](?P<y2>\d\d(?:\d\d)?)(?![\w/.,]\d|-\d|\d)"
)
# 499-493 BC | from 264 to 241 BC: the era written once, after the second year
_ERA_RANGE = re.compile(
    r"(?<![\w/.,-])(?P<y1>\d{1,4})(?:[-\u2013]|\s+(?:to|and|until)\s+)(?P<y2>\d{1,4})\s*"
    r"(?P<era>B\.\s?C\.(?:\s?E\.)?|BCE?)(?![\w/]|-\w)"
)


def _valid_day(month: int, day: int) -> bool:
    return 1 <= day <= (29 if month == 2 else 30 if month in {4, 6, 9, 11} else 31)


def _month_of(word: str | None) -> int | None:
    return lx.MONTHS[_norm(word)] if word and _capitalised(word) else None


_RANGE_TRIGGER = re.compile(
    r"\d\s*[-\u2013]|[-\u2013]\s*\d|\d\s+(?:to|and|until|till|through)\s+(?:\d|[A-Z])"
)


def _range_matches(
    pattern: re.Pattern[str], text: str, windows: list[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    n = len(text)
    for lo, hi in windows:
        for m in pattern.finditer(text, lo, hi):
            if hi == n or m.end() < hi:  # else cut by the window: a later window holds it
                yield m


def _range_hits(text: str) -> list[_Hit]:
    """The two parts of every dash range of days or years in ``text``."""
    hits: list[_Hit] = []
    windows = _windows(_RANGE_TRIGGER, text)
    if not windows:
        return hits
    for pattern in _RANGES:
        for m in _range_matches(pattern, text, windows):
            words = [w for w in (m.group("m1"), m.group("m2")) if w]
            if not all(_capitalised(w) for w in words):
                continue
            m1, m2 = _month_of(m.group("m1")), _month_of(m.group("m2"))
            first_month = m1 or m2
            last_month = m2 or m1
            if first_month is None or last_month is None:
                continue
            d1, d2 = int(m.group("d1")), int(m.group("d2"))
            if (first_month, d1) >= (last_month, d2) and (first_month, last_month) != (12, 1):
                continue  # "May 5-3" is no range
            if not (_valid_day(first_month, d1) and _valid_day(last_month, d2)):
                continue
            year = m.group("year")
            cut = m.start("d2") if m2 is None or m.start("m2") > m.start("d2") else m.start("m2")
            first_end = (
                m.end("m1") if m1 is not None and m.start("m1") > m.start("d1") else m.end("d1")
            )
            first = min(m.start("d1"), m.start("m1") if m1 is not None else m.end())
            parts = ((first, first_end, first_month, d1), (cut, m.end(), last_month, d2))
            for i, (start, end, month, day) in enumerate(parts):
                y = int(year) - (i == 0 and first_month > last_month) if year else None
                value = f"{y}-{month:02d}-{day:02d}" if y else f"XXXX-{month:02d}-{day:02d}"
                rule = None if y else f"md:{month:02d}-{day:02d}"
                hits.append(_Hit(start, end, "DATE", value, rule=rule, after=first if i else None))
    for m in _range_matches(_ERA_RANGE, text, windows):
        b1, b2 = int(m.group("y1")), int(m.group("y2"))
        if b1 > b2 > 0:  # counting down to Christ
            hits.append(_Hit(m.start("y1"), m.end("y1"), "DATE", f"BC{b1:04d}"))
            hits.append(_Hit(m.start("y2"), m.end(), "DATE", f"BC{b2:04d}", after=m.start("y1")))
    for m in _range_matches(_YEAR_RANGE, text, windows):
        y1, tail = m.group("y1"), m.group("y2")
        y2 = y1[: 4 - len(tail)] + tail
        if not int(y1) < int(y2) <= int(y1) + 99 or re.match(
            r"\s*(?:%|per\s*cent)", text[m.end() : m.end() + 12]
        ):
            continue
        hits.append(_Hit(m.start("y1"), m.end("y1"), "DATE", y1))
        hits.append(_Hit(m.start("y2"), m.end("y2"), "DATE", y2, after=m.start("y1")))
    return hits


# ---- driver -------------------------------------------------------------------------------------


def _resolve_overlaps(hits: list[_Hit], size: int) -> list[_Hit]:
    """Keep the longest of overlapping hits (earlier first on ties), in text order."""
    hits.sort(key=lambda h: (-(h.end - h.start), h.start))
    taken = bytearray(size)
    kept: list[_Hit] = []
    for hit in hits:
        if taken.find(1, hit.start, hit.end) != -1:
            continue
        taken[hit.start : hit.end] = b"\x01" * (hit.end - hit.start)
        kept.append(hit)
    kept.sort(key=lambda h: h.start)
    return kept


# Vague tails that TimeML keeps inside the expression: "the next year or so", "1994 or later",
# "1990 and beyond", "a year or two", "weeks or months".
_TAIL = re.compile(
    r"\s+(?:or\s+so|or\s+(?:later|earlier|longer|more|sooner)|and\s+beyond|"
    r"or\s+(?:two|three)(?=\s*[,.;:)]|\s+(?:more|before|after|ago)\b)|"
    r"or\s+(?:days|weeks|months|years|decades))\b",
    _FLAGS,
)


def _extend_tails(hits: list[_Hit], text: str) -> None:
    for i, h in enumerate(hits):
        if h.type not in {"DATE", "DURATION"}:
            continue
        m = _TAIL.match(text, h.end)
        if m is None or (i + 1 < len(hits) and hits[i + 1].start < m.end()):
            continue
        h.end = m.end()


_CLOCK_DAY_GAP = re.compile(r"[ \t]*,?[ \t]*(?:on[ \t]+)?")


def _merge_clock_day(hits: list[_Hit], text: str) -> list[_Hit]:
    """ "9 a.m. Tuesday", "noon Thursday": one TIME expression, the day with its clock."""
    out: list[_Hit] = []
    i = 0
    while i < len(hits):
        h = hits[i]
        nxt = hits[i + 1] if i + 1 < len(hits) else None
        if (
            nxt is not None
            and h.rule is not None
            and h.rule.startswith("tod:@")
            and _CLOCK_DAY_GAP.fullmatch(text, h.end, nxt.start)
            and nxt.type == "DATE"
        ):
            clock = h.rule.split("@", 1)[1]
            day_rule = nxt.rule or ""
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", nxt.value):
                out.append(_Hit(h.start, nxt.end, "TIME", nxt.value + clock))
                i += 2
                continue
            if re.match(r"(?:md|wd|dct:D):", day_rule) and "@" not in day_rule:
                out.append(
                    _Hit(h.start, nxt.end, "TIME", nxt.value + clock, rule=f"{day_rule}@{clock}")
                )
                i += 2
                continue
        out.append(h)
        i += 1
    return out


# A live page's entries open with a 24-hour clock: "2056 Reuters quotes the minister ...".
_LINE_NUMBER = re.compile(r"(?m)^(\d{4}) (?=[A-Z\"'‘“])")
_LIVE_STAMPS = 3  # line-opening clock times that make a page a live page
_YEAR_DETERMINER = re.compile(r"\b(?:the|a|an|this|that|last|next|every)\s+$", re.IGNORECASE)


def _live_clock_stamps(hits: list[_Hit], text: str) -> list[_Hit]:
    """On a live page, the four-digit numbers that open lines are clock times, not years.

    A page is live when at least ``_LIVE_STAMPS`` lines open with a four-digit number, every
    one of them a valid 24-hour time (a chronology of years has 1967, 1991...), spread over
    more than one hour (one of 2001, 2004, 2009 reads as 20:01, 20:04, 20:09). Their year hits
    become times of the page's day, as "20:56" is -- and so do clock-like "years" before a
    capitalised word elsewhere on such a page, unless a word that leads a year comes first.
    """
    stamps = [m.group(1) for m in _LINE_NUMBER.finditer(text)]
    if len(stamps) < _LIVE_STAMPS:
        return hits
    if not all(int(x[:2]) <= 23 and int(x[2:]) <= 59 for x in stamps):
        return hits
    if len({x[:2] for x in stamps}) < 2:
        return hits
    out = []
    for h in hits:
        word = text[h.start : h.end]
        at_line_start = h.start == 0 or text[h.start - 1] == "\n"
        if (
            h.type == "DATE"
            and h.rule is None
            and h.mod is None
            and word == h.value
            and int(word[:2]) <= 23
            and int(word[2:]) <= 59
            and re.match(r" [A-Z\"'‘“]", text[h.end : h.end + 2])
            # an entry run into the previous one ("... 250 injured 2032 Gen Ann Lee says"),
            # unless a word that leads a year comes first ("in 2012 The ...")
            and (
                at_line_start
                or not (
                    _OLD_YEAR_LEAD.search(text, max(0, h.start - 20), h.start)
                    or _YEAR_DETERMINER.search(text, max(0, h.start - 8), h.start)
                )
            )
        ):
            clock = f"{word[:2]}:{word[2:]}"
            out.append(_Hit(h.start, h.end, "TIME", f"XXXX-XX-XXT{clock}", rule=f"tod:@T{clock}"))
        else:
            out.append(h)
    return out


def extract_timexes(text: str, sentences: Sequence[Span] | None = None) -> list[Timex]:
    """All time expressions in ``text``, in text order, with unanchored values.

    ``sentences`` (``(start, end)`` pairs, sorted) bound the clause used to read tense; when
    omitted the whole text is one sentence.
    """
    hits: list[_Hit] = []
    lowered = text.lower()
    same_length = len(lowered) == len(text)  # lower() may lengthen rare letters ("İ")
    n = len(text)
    hits.extend(_range_hits(text))  # first: a range's part wins a tie with the same text alone
    for (pattern, handler), trigger in zip(RULES, _TRIGGER_RES, strict=True):
        windows = [(0, n)] if trigger is None or not same_length else _windows(trigger, lowered)
        for lo, hi in windows:
            for m in pattern.finditer(text, lo, hi):
                if hi < n and m.end() >= hi:
                    continue  # may be cut by the window; its trigger's window holds it whole
                hit = handler(m, text)
                if hit is not None and hit.end > hit.start:
                    hits.append(hit)
    kept = _live_clock_stamps(_merge_clock_day(_resolve_overlaps(hits, n), text), text)
    _extend_tails(kept, text)
    spans = list(sentences) if sentences else [(0, len(text))]
    sent_starts = [s for s, _ in spans]
    out: list[Timex] = []
    cue_cache: dict[Span, _CueList] = {}
    tense_at: dict[int, str | None] = {}  # a range's first part: its second reads the same
    for hit in kept:
        i = max(0, bisect.bisect_right(sent_starts, hit.start) - 1)
        sentence = spans[i] if spans[i][0] <= hit.start < spans[i][1] else (0, len(text))
        needs_tense = hit.rule is not None or hit.type == "DATE"
        if needs_tense and sentence not in cue_cache:
            cue_cache[sentence] = _sentence_cues(text, sentence)
        if hit.after is not None and hit.after in tense_at:
            tense = tense_at[hit.after]
        elif needs_tense:
            tense = clause_tense(text, hit.start, hit.end, sentence, cue_cache[sentence])
        else:
            tense = None
        if (
            hit.rule is not None
            and hit.rule.startswith(("wd:", "we:"))
            and _UNTIL_BEFORE.search(text, max(0, hit.start - 20), hit.start)
        ):
            tense = "future"  # a deadline: "postponed until Tuesday", "as soon as Friday"
        tense_at[hit.start] = tense
        out.append(
            Timex(
                span=(hit.start, hit.end),
                text=text[hit.start : hit.end],
                type=hit.type,
                value=hit.value,
                mod=hit.mod,
                rule=hit.rule,
                tense=tense,
                signal=_signal(text, hit.start),
            )
        )
    return out
