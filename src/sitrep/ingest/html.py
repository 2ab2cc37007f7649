"""HTML pages: main text and metadata with trafilatura, publication date with htmldate."""

from __future__ import annotations

import html as html_lib
import json
import logging
import re
import unicodedata
from typing import Any

import trafilatura

from sitrep.ingest.dates import normalize_date, url_date
from sitrep.ingest.errors import InputError
from sitrep.model import RawArticle

log = logging.getLogger(__name__)

# trafilatura hands these to htmldate's find_date. original_date: the first publication, not
# the last update. extensive_search off: a date guessed from the page's free text is not
# metadata (the publication-date stage reads the text itself).
_DATE_PARAMS: dict[str, Any] = {"original_date": True, "extensive_search": False}


_LD_SCRIPT = re.compile(
    r"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", re.IGNORECASE | re.DOTALL
)
_LD_SHARE = 3  # the structured body wins when it is this many times longer than the page's


def _ld_bodies(node: Any, depth: int = 0) -> list[str]:
    if depth > 6:
        return []
    if isinstance(node, list):
        return [b for item in node for b in _ld_bodies(item, depth + 1)]
    if not isinstance(node, dict):
        return []
    body = node.get("articleBody")
    found = [body] if isinstance(body, str) else []
    return found + _ld_bodies(node.get("@graph"), depth + 1)


def structured_body(html: str) -> str:
    """The longest ``articleBody`` in the page's JSON-LD (schema.org), or "": the article as
    the publisher describes it to search engines, for pages whose markup holds no text (it is
    written by scripts) or only a caption."""
    best = ""
    for match in _LD_SCRIPT.finditer(html):
        try:
            data = json.loads(match.group(1))
        except ValueError:
            continue
        for body in _ld_bodies(data):
            text = html_lib.unescape(re.sub(r"<[^>]+>", " ", body)).strip()
            if len(text) > len(best):
                best = text
    return best


def extract_html(html: str | bytes, *, url: str | None = None) -> dict[str, str | None]:
    """Main text and metadata of a page: text, title, outlet, author, url, date.

    The text has one paragraph per line. Comments are left out: they are not the article.
    Nothing is fetched: ``url`` only helps metadata and is never opened. When the page's
    JSON-LD gives an ``articleBody`` several times longer than the text in its markup, that
    body is the text (see :func:`structured_body`).

    Raises:
        InputError: the page has no text trafilatura recognises as the main content.
    """
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            include_comments=False,
            with_metadata=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except (ValueError, TypeError) as exc:  # malformed markup deep inside lxml
        raise InputError(f"could not parse HTML: {exc}") from exc
    if doc is None or isinstance(doc, dict):
        raise InputError("no article text found in the HTML")
    # NFC as trafilatura's own text output has it: "geprüft" with a combining diaeresis would
    # not match the same word typed on a keyboard.
    text = unicodedata.normalize("NFC", doc.text or "")
    page = html if isinstance(html, str) else html.decode("utf-8", errors="replace")
    body = unicodedata.normalize("NFC", structured_body(page))
    if len(body) > _LD_SHARE * len(text.strip()):
        text = body
    if not text.strip():
        raise InputError("no article text found in the HTML")
    return {
        "text": text,
        "title": doc.title or None,
        "outlet": doc.sitename or None,
        "author": doc.author or None,
        "url": doc.url or url,
        "date": doc.date or None,
    }


def read_html(
    html: str | bytes, *, id: str, source: str, url: str | None = None, fmt: str = "html"
) -> RawArticle:
    """An article from an HTML page (see :func:`extract_html`).

    ``meta_date`` comes from the page's metadata (``html_meta``, via htmldate), else from a
    date in the URL's path (``url``).
    """
    found = extract_html(html, url=url)
    page_url = found["url"]
    meta_date = normalize_date(found["date"]) if found["date"] else None
    method = "html_meta" if meta_date else None
    if meta_date is None and page_url:
        meta_date = url_date(page_url)
        method = "url" if meta_date else None
    return RawArticle(
        id=id,
        source=source,
        text=found["text"] or "",
        title=found["title"],
        outlet=found["outlet"],
        author=found["author"],
        url=page_url,
        meta_date=meta_date,
        meta_date_method=method,
        format=fmt,
    )
