"""WARC web archives (``.warc``, ``.warc.gz``): one article per archived HTML page.

Each ``response`` record with HTTP status 200 and an HTML content type goes through the HTML
reader (:func:`~sitrep.ingest.html.read_html`, so the page's meta dates still count), with the
record's ``WARC-Target-URI`` as its URL and its ``WARC-Date`` as ``crawl_date``: the day the page
was fetched, an upper bound on its publication. Every other record (requests, warcinfo,
metadata, revisits, images, redirects) is a crawl's normal content, not an article: they are
counted and logged, and become a problem only when the file holds no HTML page at all. The file
is streamed record by record (warcio), and each page's HTML is read up to ``PAGE_LIMIT`` bytes.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from sitrep.ingest.dates import normalize_date
from sitrep.ingest.encoding import decode_bytes, normalize_newlines
from sitrep.ingest.errors import InputError
from sitrep.ingest.html import read_html
from sitrep.model import Problem, RawArticle

__all__ = ["PAGE_LIMIT", "is_warc", "read_warc"]

log = logging.getLogger(__name__)

# Bytes of one page's HTML: 25 times the 200,000 characters of text an article may keep
# (``Config.max_chars``), well above the markup of any news page; a longer page is cut.
PAGE_LIMIT = 5_000_000
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{2,40})", re.I)
_DRAIN = 1 << 16
# What warcio raises on a corrupt file: its own error, a broken gzip member, a bad length, and
# AttributeError from deep inside its reader when a file ends inside the first header.
_CORRUPT = (ArchiveLoadFailed, EOFError, OSError, ValueError, AttributeError, zlib.error)


def is_warc(head: bytes) -> bool:
    """True for the first bytes of a WARC file, plain or gzipped."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(31).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(b"WARC/")


def _charset(content_type: str) -> str | None:
    match = _CHARSET.search(content_type)
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1)).name
    except LookupError:
        return None


def _decode(payload: bytes, content_type: str) -> str:
    """The page's text: UTF-8 when it decodes, else the HTTP header's charset, else what
    :func:`decode_bytes` finds (the page's own ``<meta charset>``, then detection)."""
    charset = _charset(content_type)
    if charset and charset != "utf-8":
        try:
            payload.decode("utf-8")
        except UnicodeDecodeError:
            try:
                return normalize_newlines(payload.decode(charset))
            except UnicodeDecodeError:
                pass
    return decode_bytes(payload, html=True)


def _skip_reason(record: Any) -> str | None:
    """Why a record is no HTML page, or ``None`` for one."""
    if record.rec_type != "response":
        return str(record.rec_type)
    http = record.http_headers
    if http is None:
        return "response without HTTP headers"
    status = str(http.get_statuscode() or "")
    if status != "200":
        return f"response (HTTP {status or '?'})"
    content_type = (http.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if content_type not in _HTML_TYPES:
        return f"response ({content_type or 'no content type'})"
    return None


def _read_up_to(stream: Any, limit: int) -> bytes:
    """At most ``limit`` bytes of ``stream`` (one ``read`` may return less than asked)."""
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        chunk = stream.read(min(_DRAIN, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _drain(record: Any) -> bool:
    """Read the rest of the record; False when the file ends before its declared length."""
    stream = record.raw_stream
    while stream.read(_DRAIN):
        pass
    return getattr(stream, "limit", 0) == 0


def _summary(skipped: Counter[str]) -> str:
    total = sum(skipped.values())
    parts = ", ".join(f"{n} {reason}" for reason, n in skipped.most_common())
    return f"skipped {total} record(s) that are not HTML pages: {parts}"


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    message = lines[0].removeprefix("ERROR: ") if lines else type(exc).__name__
    return message[:160]


def read_warc(path: Path, *, stem: str, source: str) -> Iterator[RawArticle | Problem]:
    """The HTML pages of a WARC file as articles (``stem#n`` for the n-th page), and problems:
    one per page that yields no text or was cut, one for a corrupt or truncated file (after
    the pages read before the damage), and one listing the skipped records when no page was
    found.

    Raises:
        OSError: the file cannot be opened.
    """
    skipped: Counter[str] = Counter()
    pages = records = 0
    damaged = False
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        archive = ArchiveIterator(handle)
        iterator = iter(archive)
        while True:
            try:
                record = next(iterator, None)
                if record is None:
                    if archive.offset < size:  # warcio ends quietly inside a record's header
                        raise InputError(f"truncated: file ends inside record {records + 1}")
                    break
                if record.format != "warc":
                    raise InputError(f"not a WARC file ({record.format} record {records + 1})")
                records += 1
                reason = _skip_reason(record)
                payload = b""
                if reason is None:
                    payload = _read_up_to(record.content_stream(), PAGE_LIMIT + 1)
                if not _drain(record):
                    raise InputError(f"truncated: file ends inside record {records}")
            except InputError as exc:
                damaged = True
                yield Problem(input=source, error=f"{exc}; {pages} page(s) read before it")
                break
            except _CORRUPT as exc:
                damaged = True
                yield Problem(
                    input=source,
                    error=f"corrupt WARC after {records} record(s) ({pages} page(s) read): "
                    f"{_first_line(exc)}",
                )
                break
            if reason is not None:
                skipped[reason] += 1
                continue
            pages += 1
            yield from _page(record, payload, id=f"{stem}#{pages}", source=source)
    if skipped:
        if pages == 0:
            yield Problem(input=source, error=f"no HTML page; {_summary(skipped)}")
        else:
            log.info("%s: %s", source, _summary(skipped))
    if records == 0 and not damaged:
        yield Problem(input=source, error="no WARC records")


def _page(record: Any, payload: bytes, *, id: str, source: str) -> Iterator[RawArticle | Problem]:
    where = f"{source}#{id.rsplit('#', 1)[1]}"
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    if len(payload) > PAGE_LIMIT:
        payload = payload[:PAGE_LIMIT]
        yield Problem(input=where, error=f"HTML of {url or id} cut to {PAGE_LIMIT} bytes")
    content_type = record.http_headers.get_header("Content-Type") or ""
    warc_date = record.rec_headers.get_header("WARC-Date")
    crawl_date = normalize_date(warc_date) if warc_date else None
    if crawl_date is not None and len(crawl_date) != 10:
        crawl_date = None  # a bound needs a day
    try:
        article = read_html(_decode(payload, content_type), id=id, source=source, url=url)
    except InputError as exc:
        yield Problem(input=where, error=f"{exc} ({url or 'no URL'})")
        return
    article.url = url or article.url
    article.format = "warc"
    article.crawl_date = crawl_date
    log.debug("%s: %s crawled %s", id, url, crawl_date)
    yield article
