"""Word tables for time expressions (English news). Data only: the patterns in ``timex.py``
are built from these tables, so adding a word here extends every rule that uses its table."""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

# Month names that are also common words: only taken with a day, a year or a time preposition
# directly before them ("in May", "May 4"), never alone ("may", "March" as a verb/noun).
AMBIGUOUS_MONTHS: frozenset[str] = frozenset({"may", "march", "mar", "jan", "dec", "sep"})

# ISO weekday numbers (Monday = 1), as TimeML writes them in XXXX-WXX-d.
WEEKDAYS: dict[str, int] = {
    "monday": 1,
    "mon": 1,
    "tuesday": 2,
    "tue": 2,
    "tues": 2,
    "wednesday": 3,
    "wed": 3,
    "thursday": 4,
    "thu": 4,
    "thur": 4,
    "thurs": 4,
    "friday": 5,
    "fri": 5,
    "saturday": 6,
    "sat": 6,
    "sunday": 7,
    "sun": 7,
}
# Abbreviated weekdays are only taken before a date ("Thu, Feb 6"), as "sun"/"sat" are words.
WEEKDAY_FULL: frozenset[str] = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
)

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a dozen": 12,
    "a couple of": 2,
    "a few": -1,  # -1: an unspecified count, written X in TimeML (P3D vs PXD)
    "few": -1,
    "several": -1,
    "many": -1,
    "some": -1,
    "a couple": 2,
    "dozens of": -1,
    "hundreds of": -1,
    "thousands of": -1,
    "half a": 0,  # handled specially: half a year = P6M
}

ORDINAL_WORDS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "twenty-second": 22,
    "twenty-third": 23,
    "twenty-fourth": 24,
    "twenty-fifth": 25,
    "twenty-sixth": 26,
    "twenty-seventh": 27,
    "twenty-eighth": 28,
    "twenty-ninth": 29,
    "thirtieth": 30,
    "thirty-first": 31,
}

# Calendar units -> TimeML duration letter (Y, M, W, D, H, MIN written as "TM" below).
UNITS: dict[str, str] = {
    "year": "Y",
    "years": "Y",
    "yr": "Y",
    "yrs": "Y",
    "month": "M",
    "months": "M",
    "week": "W",
    "weeks": "W",
    "day": "D",
    "days": "D",
    "hour": "H",
    "hours": "H",
    "hr": "H",
    "hrs": "H",
    "minute": "TM",
    "minutes": "TM",
    "min": "TM",
    "mins": "TM",
    "second": "S",
    "seconds": "S",
    "decade": "DE",
    "decades": "DE",
    "century": "CE",
    "centuries": "CE",
    "quarter": "Q",
    "quarters": "Q",
    "fortnight": "FN",
    "fortnights": "FN",
}

# Words between a count and its unit that keep it a span: "six straight days", "two
# consecutive quarters", "five trading days".
RUN_WORDS: frozenset[str] = frozenset(
    {"straight", "consecutive", "successive", "trading", "business", "working", "full"}
)

# Words before "<unit>" that make the phrase point at the document time ("this week") or one
# unit before/after it ("last week", "next month").
DEICTIC: dict[str, int] = {
    "this": 0,
    "current": 0,
    "the current": 0,
    "last": -1,
    "past": -1,
    "the past": -1,
    "previous": -1,
    "next": 1,
    "coming": 1,
    "the coming": 1,
    "the next": 1,
}

# Words before "<unit>" that point at the reference time (the date the text is talking about).
ANAPHORIC: dict[str, int] = {
    "that": 0,
    "the same": 0,
    "the following": 1,
    "the next": 1,
    "the previous": -1,
    "the preceding": -1,
}

# "<n> <unit>s later / earlier / ago".
RELATIVE_AFTER: dict[str, tuple[str, int]] = {
    "ago": ("dct", -1),
    "before": ("ref", -1),
    "earlier": ("ref", -1),
    "prior": ("ref", -1),
    "later": ("ref", 1),
    "after": ("ref", 1),
    "afterwards": ("ref", 1),
    "afterward": ("ref", 1),
    "hence": ("dct", 1),
    "from now": ("dct", 1),
}

# One-word dates relative to the document creation time: days of offset.
DAY_WORDS: dict[str, int] = {
    "today": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "tonight": 0,
}

# Parts of the day, TimeML codes (MO morning, AF afternoon, EV evening, NI night).
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
    "dawn": "MO",
    "dusk": "EV",
    "midday": "MI",
}

SEASONS: dict[str, str] = {
    "spring": "SP",
    "summer": "SU",
    "autumn": "FA",
    "fall": "FA",
    "winter": "WI",
}

# Modifiers before a month, year, season or week: TimeML ``mod``.
MODIFIERS: dict[str, str] = {
    "early": "START",
    "the beginning of": "START",
    "the start of": "START",
    "beginning of": "START",
    "start of": "START",
    "mid": "MID",
    "mid-": "MID",
    "the middle of": "MID",
    "middle of": "MID",
    "late": "END",
    "the end of": "END",
    "end of": "END",
    "the close of": "END",
}

# Fuzzy references to the present, past and future (TimeML PRESENT_REF, PAST_REF, FUTURE_REF).
# Left out, as TimeBank/AQUAINT annotators seldom tag them: "so far", "soon" (5 of 18),
# "shortly", "previously" (3 of 23); "the past" alone is tagged (4 of 4); the preposition of
# "in recent years" is a signal, not part of it.
FUZZY: dict[str, str] = {
    "now": "PRESENT_REF",
    "right now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "at present": "PRESENT_REF",
    "at the moment": "PRESENT_REF",
    "at this time": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "to date": "PRESENT_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "recent days": "PAST_REF",
    "recent weeks": "PAST_REF",
    "recent months": "PAST_REF",
    "recent years": "PAST_REF",
    "the future": "FUTURE_REF",
    "the coming days": "FUTURE_REF",
    "the coming weeks": "FUTURE_REF",
    "the coming months": "FUTURE_REF",
    "the coming years": "FUTURE_REF",
    "coming days": "FUTURE_REF",
    "coming weeks": "FUTURE_REF",
    "coming months": "FUTURE_REF",
    "coming years": "FUTURE_REF",
    "coming quarters": "FUTURE_REF",
    "future quarters": "FUTURE_REF",
    "future years": "FUTURE_REF",
    "recent quarters": "PAST_REF",
    "past years": "PAST_REF",
    "the near future": "FUTURE_REF",
    "the past": "PAST_REF",  # alone only: "the past two years" is a duration (extract)
}

# Sets: "daily", "each week", "every Thursday". "quarterly" and "annually" are left out: mostly
# adjectives of reports and dividends, tagged 3 times in 16 in TimeBank/AQUAINT.
SET_WORDS: dict[str, str] = {
    "daily": "P1D",
    "nightly": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "yearly": "P1Y",
    "hourly": "PT1H",
}

# Time zones named after a clock time ("9 a.m. Moscow time", "10:00 GMT").
TIMEZONES: frozenset[str] = frozenset(
    {
        "gmt",
        "utc",
        "et",
        "est",
        "edt",
        "cst",
        "cdt",
        "mst",
        "mdt",
        "pst",
        "pdt",
        "cet",
        "cest",
        "eet",
        "eest",
        "msk",
        "bst",
    }
)

# ---- tense cues (for resolving "on Thursday", "August 6" without a year) --------------------
# Future cues ("will", "plans to") are a regular expression in ``extract`` (_FUTURE).

# Irregular past forms common in news; regular ones are caught by their "-ed" ending.
PAST_IRREGULAR: frozenset[str] = frozenset(
    {
        "was",
        "were",
        "had",
        "did",
        "said",
        "told",
        "began",
        "took",
        "made",
        "came",
        "went",
        "saw",
        "gave",
        "found",
        "left",
        "held",
        "led",
        "struck",
        "fought",
        "met",
        "sent",
        "won",
        "lost",
        "fell",
        "rose",
        "hit",
        "shot",
        "brought",
        "thought",
        "wrote",
        "spoke",
        "broke",
        "chose",
        "drove",
        "flew",
        "knew",
        "ran",
        "became",
        "kept",
        "stood",
        "withdrew",
        "overran",
        "seized",
        "killed",
        "announced",
        "launched",
        "got",
        "paid",
        "sold",
        "built",
        "heard",
        "meant",
        "felt",
        "sank",
        "shrank",
        "swam",
        "drank",
        "rang",
        "sang",
        "fled",
        "fed",
        "dealt",
        "sought",
        "caught",
        "taught",
        "bought",
        "froze",
        "stole",
        "swore",
        "tore",
        "wore",
        "woke",
        "rode",
        "threw",
        "grew",
        "blew",
        "drew",
        "lay",
        "laid",
        "lit",
        "slid",
        "spun",
        "stuck",
        "swung",
        "hung",
        "dug",
        "underwent",
        "undertook",
        "overtook",
        "upheld",
        "arose",
        "bore",
        "sat",
        "slept",
        "spent",
        "swept",
        "wept",
        "forgave",
        "sprang",
        "ago",
        "earlier",
        "last",
        "since",
    }
)

# "-ed" words that are usually adjectives or names in news, not past verbs.
ED_NOT_PAST: frozenset[str] = frozenset(
    {
        "united",
        "armed",
        "based",
        "red",
        "need",
        "speed",
        "indeed",
        "proceed",
        "hundred",
        "bed",
        "seed",
        "feed",
        "breed",
        "shed",
        "embed",
        "ahmed",
        "mohammed",
        "muhammed",
        "limited",
        "detailed",
        "alleged",
        "allegedly",
        "unexpected",
        "expected",
        "continued",
        "advanced",
        "occupied",
        "planned",
        "scheduled",
        "related",
        "so-called",
        "supposed",
        "dedicated",
        "experienced",
        "skilled",
        "wounded",
    }
)

# Prepositions that open an interval from a date ("since August"): such a date says when
# something began, not when a figure holds (the as-of stage skips it).
SINCE_SIGNALS: frozenset[str] = frozenset({"since", "from", "after", "starting"})

# Lower-case words a dateline line may hold besides its date ("Updated on 4 March 2026, 10:02
# GMT"); a line with other lower-case words is prose, not a dateline.
DATELINE_WORDS: frozenset[str] = frozenset(
    {
        "by",
        "on",
        "at",
        "the",
        "of",
        "and",
        "updated",
        "published",
        "posted",
        "last",
        "first",
        "modified",
        "filed",
        "am",
        "pm",
        "a.m",
        "p.m",
        "gmt",
        "utc",
        "local",
        "time",
        "staff",
        "reporter",
        "correspondent",
        "news",
        "in",
    }
)

# Modifiers of a count of days before "after"/"before" ("more than a week after the flood"):
# how the true distance relates to the count.  ``exact`` counts fix the day, the others a
# window (in days) relative to the count: (low offset, high offset).
COUNT_MODS: dict[str, tuple[int, int]] = {
    "": (0, 0),
    "just": (0, 0),
    "only": (0, 0),
    "exactly": (0, 0),
    "more than": (1, 7),
    "over": (1, 7),
    "nearly": (-6, -1),
    "almost": (-6, -1),
    "less than": (-6, -1),
    "about": (-3, 3),
    "around": (-3, 3),
    "some": (-3, 3),
    "roughly": (-3, 3),
}

# Units of such counts, in days (a month is counted on the calendar, not as 30 days).
COUNT_UNITS: dict[str, int] = {"day": 1, "week": 7, "fortnight": 14, "month": 0}

# Business-news references to "the quarter" being reported: 0 = that quarter, -4 = the same
# quarter a year before ("the year-earlier period"). TimeML values them as quarters (1989-Q3);
# a "period" after a month is that month ("sales in May, against the same period last year"),
# and "the same month" always a month.
QUARTER_REFS: dict[str, int] = {
    "the quarter": 0,
    "the latest quarter": 0,
    "the most recent quarter": 0,
    "the latest period": 0,
    "the fiscal quarter": 0,
    "the year-earlier quarter": -4,
    "the year-ago quarter": -4,
    "the year-earlier period": -4,
    "the year-ago period": -4,
    "year-earlier": -4,
    "year-ago": -4,
    "that quarter": 0,
    "the year-before period": -4,
    "the prior-year period": -4,
    "the prior-year quarter": -4,
    "the comparable year-ago quarter": -4,
    "the comparable year-earlier quarter": -4,
    "the comparable year-ago period": -4,
    "the comparable year-earlier period": -4,
    "the same period last year": -4,
    "the same quarter last year": -4,
    "the corresponding period last year": -4,
    "the corresponding quarter last year": -4,
    "the comparable period last year": -4,
    "the comparable quarter last year": -4,
    "the quarter a year ago": -4,
    "the quarter a year earlier": -4,
    "the period a year ago": -4,
    "the period a year earlier": -4,
    "the same month last year": -4,
    "the same month a year ago": -4,
    "the same month a year earlier": -4,
    "last year's quarter": -4,
    "last year's period": -4,
}

# Holidays: fixed month-days, or the rule of a movable one (``nth:MM:WEEKDAY:N``, N = -1 for the
# last; ``easter``). TimeML values them as the day (Christmas 1998 -> 1998-12-25).
HOLIDAYS: dict[str, str] = {
    "christmas": "12-25",
    "christmas day": "12-25",
    "christmas eve": "12-24",
    "new year's day": "01-01",
    "new year's eve": "12-31",
    "valentine's day": "02-14",
    "halloween": "10-31",
    "independence day": "07-04",
    "the fourth of july": "07-04",
    "boxing day": "12-26",
    "thanksgiving": "nth:11:4:4",
    "thanksgiving day": "nth:11:4:4",
    "labor day": "nth:09:1:1",
    "memorial day": "nth:05:1:-1",
    "easter": "easter",
    "easter sunday": "easter",
}
