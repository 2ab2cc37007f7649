"""Small helpers shared by the linking modules: words, dates, sentence text."""

from __future__ import annotations

import re
from datetime import date

from sitrep.link.lexicon import STOPWORDS
from sitrep.model import AnalyzedArticle, DateRange, Span

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)
_NUMBER = re.compile(r"^\d[\d,.]*$")


def words(text: str) -> list[str]:
    """Lowercased word tokens (letters/digits, inner hyphens and apostrophes kept)."""
    return _WORD.findall(text.lower().replace("’", "'"))


def content_words(text: str) -> list[str]:
    """Words that carry content: no stopwords, no bare numbers, at least three characters."""
    return [
        w
        for w in words(text)
        if len(w) >= 3 and w not in STOPWORDS and not _NUMBER.match(w) and not w.isdigit()
    ]


def sentence_text(article: AnalyzedArticle, span: Span) -> str:
    return article.text[span[0] : span[1]]


def sentence_of(article: AnalyzedArticle, span: Span) -> Span:
    """The sentence span that contains ``span`` (the span itself when no sentence does)."""
    for sent in article.sentences:
        if sent.span[0] <= span[0] and span[1] <= sent.span[1]:
            return sent.span
    return span


# ---- dates -----------------------------------------------------------------------------------


def _bounds(iso: str, *, upper: bool) -> int | None:
    """Ordinal day of an ISO date, month or year (first or last day when ``upper``)."""
    parts = iso.split("-")
    try:
        year = int(parts[0])
        if len(parts) >= 3:
            return date(year, int(parts[1]), int(parts[2][:2])).toordinal()
        if len(parts) == 2:
            month = int(parts[1])
            if not upper:
                return date(year, month, 1).toordinal()
            nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
            return nxt.toordinal() - 1
        return date(year, 12, 31).toordinal() if upper else date(year, 1, 1).toordinal()
    except (ValueError, IndexError):
        return None


def date_bounds(dr: DateRange | None) -> tuple[int, int] | None:
    """``(first, last)`` ordinal days a date range covers, or ``None`` when it is open."""
    if dr is None:
        return None
    lo_s = dr.earliest or dr.date
    hi_s = dr.latest or dr.date
    if lo_s is None and hi_s is None:
        return None
    lo = _bounds(lo_s, upper=False) if lo_s else None
    hi = _bounds(hi_s, upper=True) if hi_s else None
    if dr.date and (lo is None or hi is None):
        lo = lo if lo is not None else _bounds(dr.date, upper=False)
        hi = hi if hi is not None else _bounds(dr.date, upper=True)
    if lo is None or hi is None:
        return None
    return (lo, hi) if lo <= hi else (hi, lo)


def published_range(article: AnalyzedArticle) -> DateRange:
    return article.published.as_range()


def sort_date(article: AnalyzedArticle) -> str:
    """A sortable key for publication: earliest known day, undated articles last."""
    pub = article.published
    return pub.date or pub.earliest or pub.latest or "9999"


def iso_day(ordinal: int) -> str:
    return date.fromordinal(ordinal).isoformat()


def describe_date(dr: DateRange | None) -> str:
    """Short human form of a date range: its date, or ``earliest..latest``."""
    if dr is None:
        return "undated"
    if dr.date:
        return dr.date
    if dr.earliest or dr.latest:
        return f"{dr.earliest or '?'}..{dr.latest or '?'}"
    return "undated"


_QUOTED = re.compile(r"``.*?''|\"[^\"]*\"|“[^”]*”", re.S)
# "us", not "US"; "I", not the numeral of "World War I", "Phase I", "Title I"
_FIRST_PERSON = re.compile(
    r"\b(?:(?<!War )(?<!Phase )(?<!Part )(?<!Title )(?<!Chapter )I|I'm|I've|I'd|I'll"
    r"|[Mm]y|me|mine|myself|[Ww]e|[Oo]urs?|us)\b"
)
_COMMENT_STAMP = re.compile(r"\bwrote\s*:|\bvia these feeds\b", re.I)


def in_own_voice(sentence: str) -> bool:
    """Whether a sentence speaks for its writer rather than reports: a question, the first
    person outside quotation marks ("I called the helpline", "we should all wash our hands"),
    or a reader comment's stamp ("At 8:17 pm on 12 Jun, Lindau wrote:"). Such lines (reader
    comments, blog asides, appeals) come after reported ones: as the text of an event, and
    in a date's summary."""
    text = sentence.strip()
    if text.endswith("?") or _COMMENT_STAMP.search(text):
        return True
    return bool(_FIRST_PERSON.search(_QUOTED.sub(" ", text)))
