"""JSON (one object or a list of objects) and JSON Lines inputs."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sitrep.ingest.dates import normalize_date, url_date
from sitrep.ingest.errors import InputError
from sitrep.ingest.html import read_html
from sitrep.ingest.text import split_title
from sitrep.model import RawArticle

# Field names accepted for each RawArticle field, in order of preference.
FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body"),
    "html": ("html", "raw_html"),
    "url": ("url", "link"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publication_date", "published_at", "pubdate", "datePublished"),
    "outlet": ("outlet", "source", "site", "sitename"),
    "author": ("author", "authors", "byline"),
}


def _field(record: dict[str, Any], name: str) -> str | None:
    for key in FIELDS[name]:
        value = record.get(key)
        if isinstance(value, dict):  # {"name": "Reuters", "id": ...} as news APIs give it
            value = value.get("name")
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            value = ", ".join(item.strip() for item in value if item.strip())
        if isinstance(value, (int, float)) and not isinstance(value, bool) and name == "date":
            value = str(value)
        if isinstance(value, str) and value.strip():
            return value.strip() if name not in ("text", "html") else value
    return None


def record_to_article(
    record: object, *, id: str, source: str, fmt: str, problems: list[str]
) -> RawArticle:
    """One JSON record as an article. Field values the record gives win over what its HTML says.

    ``problems`` receives notes on parts that were ignored (an unreadable date).

    Raises:
        InputError: the record is not an object, or has neither ``text`` nor ``html``.
    """
    if not isinstance(record, dict):
        raise InputError(f"record is a JSON {type(record).__name__}, not an object")
    text = _field(record, "text")
    html = _field(record, "html")
    url = _field(record, "url")
    date_value = _field(record, "date")
    meta_date = normalize_date(date_value) if date_value else None
    if date_value and meta_date is None:
        problems.append(f"unrecognised date {date_value[:40]!r} ignored")
    if text is not None:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        title = _field(record, "title")
        if title is None:
            title, text = split_title(text)
        article = RawArticle(id=id, source=source, text=text.strip("\n"), title=title, format=fmt)
    elif html is not None:
        article = read_html(html, id=id, source=source, url=url, fmt=fmt)
    else:
        raise InputError("record has neither 'text' nor 'html'")
    article.url = url or article.url
    article.title = _field(record, "title") or article.title
    article.outlet = _field(record, "outlet") or article.outlet
    article.author = _field(record, "author") or article.author
    if meta_date:
        article.meta_date, article.meta_date_method = meta_date, "metadata"
    elif article.meta_date is None and article.url:
        article.meta_date = url_date(article.url)
        article.meta_date_method = "url" if article.meta_date else None
    return article


def _json_error(exc: json.JSONDecodeError, line: int | None = None) -> InputError:
    return InputError(f"invalid JSON on line {line or exc.lineno}: {exc.msg}")


def parse_json(text: str) -> list[tuple[int | None, object]]:
    """The records of a JSON document: ``[(None, obj)]`` for one object, ``[(n, obj), ...]``
    (1-based) for a list.

    Raises:
        InputError: invalid JSON, or a top-level value that is neither an object nor a list.
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise _json_error(exc) from exc
    if isinstance(value, list):
        return list(enumerate(value, start=1))
    if isinstance(value, dict):
        return [(None, value)]
    raise InputError(f"JSON top level is a {type(value).__name__}, not an object or a list")


def parse_jsonl(text: str) -> Iterator[tuple[int, object | InputError]]:
    """``(n, record)`` for each non-blank line (n is 1-based), or ``(n, InputError)``."""
    number = 0
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        number += 1
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, _json_error(exc, line_no)
