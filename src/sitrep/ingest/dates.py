"""Dates from metadata fields and URLs, normalised to ISO ``YYYY-MM-DD`` (or ``YYYY-MM``)."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?:[T\s].*)?$")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T.*)?$")
_DMY = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_DAY_YEAR = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
# /2025/02/06/, /2025-02-06/, /20250206/ and /2025/02/ in a URL path.
_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])(?:[/-](0?[1-9]|[12]\d|3[01]))?(?=[/_.-]|$)"
    r"|/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[/_.-]|$)"
)


def _iso(year: int, month: int, day: int | None) -> str | None:
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_date(value: str) -> str | None:
    """An ISO date for a metadata date string, or ``None`` when it cannot be read.

    Accepts ISO 8601 (with or without time), ``YYYY/MM/DD``, ``YYYYMMDD``, ``DD.MM.YYYY``,
    RFC 2822 (feeds), "February 6, 2025" and "6 Feb 2025". A bare year is kept as ``YYYY``.

    >>> normalize_date("2025-02-06T18:30:00Z")
    '2025-02-06'
    """
    text = value.strip()
    if re.fullmatch(r"(?:19|20)\d{2}", text):
        return text
    for pattern in (_ISO, _COMPACT):
        match = pattern.match(text)
        if match:
            day = match.group(3)
            return _iso(int(match.group(1)), int(match.group(2)), int(day) if day else None)
    match = _DMY.match(text)
    if match:
        return _iso(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    match = _MONTH_DAY_YEAR.search(text)
    if match and match.group(1).lower() in _MONTHS:
        return _iso(int(match.group(3)), _MONTHS[match.group(1).lower()], int(match.group(2)))
    match = _DAY_MONTH_YEAR.search(text)
    if match and match.group(2).lower() in _MONTHS:
        return _iso(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    try:
        parsed: datetime = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date().isoformat()


def url_date(url: str) -> str | None:
    """The date written in a URL's path (``/2025/02/06/``), as ISO, or ``None``."""
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url.strip(), flags=re.I)
    for match in _URL_DATE.finditer(path):
        if match.group(1):
            day = match.group(3)
            found = _iso(int(match.group(1)), int(match.group(2)), int(day) if day else None)
        else:
            found = _iso(int(match.group(4)), int(match.group(5)), int(match.group(6)))
        if found:
            return found
    return None
