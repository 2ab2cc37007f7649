"""RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 feeds: one article per item or entry.

The XML parser is hardened: no DTD is loaded, no entity is expanded, nothing is fetched
(``resolve_entities=False, no_network=True, load_dtd=False``), and ``huge_tree=False`` keeps
libxml2's limits on depth and size. An entity reference a feed makes (``&xxe;``) is left out of
the text and reported. An item whose body is HTML goes through the HTML path
(:func:`~sitrep.ingest.html.extract_html`, as the ``html`` format), else its tags are stripped.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from copy import deepcopy
from typing import Any

import lxml.etree as ET
import lxml.html

from sitrep.ingest.dates import normalize_date
from sitrep.ingest.errors import InputError
from sitrep.ingest.html import extract_html
from sitrep.model import Problem, RawArticle

__all__ = ["feed_kind", "read_feed", "strip_html"]

ATOM = "http://www.w3.org/2005/Atom"
RSS1 = "http://purl.org/rss/1.0/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DC = "http://purl.org/dc/elements/1.1/"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
XHTML = "http://www.w3.org/1999/xhtml"

# RSS 0.9x/2.0 elements have no namespace; RSS 1.0 puts the same names in its own.
_RSS = ("", RSS1)
_ROOTS = {"rss": "rss", f"{{{RDF}}}RDF": "rss", f"{{{ATOM}}}feed": "atom"}
# Tags, or an entity in text, mark a body as HTML ("&lt;p&gt;" in the XML reads as "<p>").
_LOOKS_HTML = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9]*[\s/>]|/[A-Za-z]|!--)|&(?:#\d+|#x[0-9a-f]+|\w+);", re.I
)
_EMAIL_NAME = re.compile(r"^\s*\S+@\S+\s*\((.+)\)\s*$")  # RSS <author>: "jo@x.org (Jo Li)"
_BLOCKS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "pre", "table", "tr", "section", "article", "header", "footer", "figure", "figcaption", "hr",
)  # fmt: skip
_DROP = ("script", "style", "noscript", "iframe", "template", "object", "embed")


def _parser(*, encoding: str | None = None) -> Any:
    """A fresh hardened parser (lxml parsers are not safe to share across threads)."""
    return ET.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        encoding=encoding,
    )


def feed_kind(root: Any) -> str | None:
    """``rss`` (2.0 or 1.0), ``atom``, or ``None`` for a root that is no feed's."""
    return _ROOTS.get(root.tag) if isinstance(root.tag, str) else None


def strip_html(fragment: str) -> str:
    """The text of an HTML fragment, one block (paragraph, list item, heading) per line.

    Scripts, styles and comments are dropped, entities decoded; nothing is fetched.
    """
    if not fragment.strip():
        return ""
    try:
        parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
        root = lxml.html.fragment_fromstring(fragment, create_parent="div", parser=parser)
    except (ValueError, ET.ParserError):  # control characters, or nothing parsable
        return " ".join(html_lib.unescape(re.sub(r"<[^>]*>", " ", fragment)).split())
    for bad in list(root.iter(*_DROP)):
        bad.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.text = "\n" + (el.text or "")
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def html_to_text(fragment: str) -> str:
    """The text of an item's HTML body: trafilatura as for pages, unless it keeps less than
    half of what plain tag stripping finds (a short body, a list, a table: all content here,
    as a feed carries the article, not the page around it)."""
    stripped = strip_html(fragment)
    try:
        extracted = extract_html(f"<html><body><article>{fragment}</article></body></html>")
    except InputError:
        return stripped
    text = (extracted["text"] or "").strip()
    return text if 2 * len(text) >= len(stripped) else stripped


def _local(el: Any) -> tuple[str, str]:
    q = ET.QName(el)
    return q.namespace or "", q.localname


def _children(parent: Any, names: tuple[str, ...], spaces: tuple[str, ...]) -> list[Any]:
    return [
        el
        for el in parent
        if isinstance(el.tag, str) and _local(el)[1] in names and _local(el)[0] in spaces
    ]


def _first(parent: Any, name: str, spaces: tuple[str, ...]) -> Any | None:
    found = _children(parent, (name,), spaces)
    return found[0] if found else None


def _text(el: Any | None) -> str | None:
    if el is None:
        return None
    value = "".join(el.itertext()).strip()
    return value or None


def _plain(value: str | None) -> str | None:
    """A title or a name: tags stripped and entities decoded when it has any."""
    if value is None:
        return None
    if _LOOKS_HTML.search(value):
        value = " ".join(strip_html(value).split())
    return value.strip() or None


def _body(value: str | None, *, html: bool | None) -> str | None:
    """Text of an item body; ``html`` None: decide by looking."""
    if not value or not value.strip():
        return None
    if html is None:
        html = bool(_LOOKS_HTML.search(value))
    if html:
        return html_to_text(value) or None
    lines = (" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line) or None


def _atom_text(el: Any | None) -> str | None:
    """The text of an Atom text construct (``type`` text, html or xhtml); ``None`` for
    out-of-line content (``src=``), which is never fetched."""
    if el is None or el.get("src"):
        return None
    kind = (el.get("type") or "text").lower()
    if kind == "xhtml":
        parts = []
        for child in el:
            copy = deepcopy(child)
            for node in copy.iter():
                if isinstance(node.tag, str):
                    node.tag = ET.QName(node).localname
            ET.cleanup_namespaces(copy)
            parts.append(ET.tostring(copy, method="html", encoding="unicode", with_tail=False))
        return _body("".join(parts) or _text(el), html=True)
    if kind in ("html", "text/html"):
        return _body(_text(el), html=True)
    if kind.startswith("text") or kind == "plain":
        return _body(_text(el), html=False)
    return None  # base64 or other media: not an article body


def _drop_entities(root: Any) -> list[str]:
    """Remove the unexpanded entity references the parser left in the tree, keeping the text
    around them; their names, for the report."""
    names: list[str] = []
    for node in list(root.iter(ET.Entity)):
        names.append(node.text)
        parent = node.getparent()
        if parent is None:
            continue
        tail = node.tail or ""
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
        parent.remove(node)
    return names


def _author(item: Any, kind: str) -> str | None:
    """The item's author; an Atom entry without one has its feed's."""
    if kind == "atom":
        names = [_text(_first(a, "name", (ATOM,))) for a in _children(item, ("author",), (ATOM,))]
        found = ", ".join(n for n in names if n)
        parent = item.getparent()
        if not found and parent is not None and _local(parent) == (ATOM, "feed"):
            return _author(parent, kind)
        return _plain(found)
    value = _text(_first(item, "creator", (DC,))) or _text(_first(item, "author", _RSS))
    if value:
        match = _EMAIL_NAME.match(value)
        value = match.group(1) if match else value
    return _plain(value)


def _url(item: Any, kind: str) -> str | None:
    if kind == "atom":
        links = _children(item, ("link",), (ATOM,))
        for link in links:
            if (link.get("rel") or "alternate") == "alternate" and link.get("href"):
                return str(link.get("href")).strip()
        return None
    link = _text(_first(item, "link", _RSS))
    if link:
        return link
    guid = _first(item, "guid", _RSS)
    value = _text(guid) or ""
    permalink = guid is not None and guid.get("isPermaLink", "true") != "false"
    if permalink and re.match(r"https?://", value):
        return value
    about = item.get(f"{{{RDF}}}about")
    return str(about).strip() if about else None


def _dates(item: Any, kind: str) -> tuple[str | None, str | None]:
    """``(published, updated)`` as the item gives them."""
    if kind == "atom":
        published = _text(_first(item, "published", (ATOM,)))
        return published, _text(_first(item, "updated", (ATOM,)))
    published = _text(_first(item, "pubDate", _RSS)) or _text(_first(item, "date", (DC,)))
    return published, _text(_first(item, "modified", ("http://purl.org/dc/terms/",)))


def _item_text(item: Any, kind: str) -> str | None:
    if kind == "atom":
        return _atom_text(_first(item, "content", (ATOM,))) or _atom_text(
            _first(item, "summary", (ATOM,))
        )
    encoded = _text(_first(item, "encoded", (CONTENT,)))
    return _body(encoded, html=True) or _body(_text(_first(item, "description", _RSS)), html=None)


def _items(root: Any, kind: str) -> tuple[Any | None, list[Any]]:
    """The channel (or feed) element and its items, in document order."""
    if kind == "atom":
        return root, _children(root, ("entry",), (ATOM,))
    channel = _first(root, "channel", _RSS)
    items = _children(root, ("item",), _RSS)  # RSS 1.0: items beside the channel
    if channel is not None:
        items += _children(channel, ("item",), _RSS)  # RSS 2.0: inside it
    return channel, items


def parse_feed(data: str | bytes) -> Any:
    """The root element of a feed document, parsed with the hardened parser.

    Raises:
        InputError: not well-formed XML.
    """
    if isinstance(data, str):
        # a string is already decoded: its XML declaration's encoding no longer applies
        data, parser = data.encode("utf-8"), _parser(encoding="utf-8")
    else:
        parser = _parser()
    try:
        root = ET.fromstring(data, parser)
    except ET.XMLSyntaxError as exc:
        message = str(exc).split(" (<string>", maxsplit=1)[0]
        raise InputError(f"not well-formed XML: {message}") from exc
    if root is None:
        raise InputError("not well-formed XML: empty document")
    return root


def read_feed(data: str | bytes, *, stem: str, source: str) -> Iterator[RawArticle | Problem]:
    """The articles of a feed, ``stem#n`` for its n-th item (1-based), and its problems.

    Each item gives title, url (``link``; Atom: ``link rel=alternate``), author, outlet (the
    channel's or feed's title) and ``meta_date`` from ``pubDate``/``published``/``dc:date``
    (method ``feed``), else from ``updated``/``dcterms:modified`` (method ``feed_updated``).
    Its text is ``content:encoded`` or Atom ``content``, else ``description``/``summary``;
    an item with a title and no text keeps its title as text (a headline is still coverage).
    """
    try:
        root = parse_feed(data)
    except InputError as exc:
        yield Problem(input=source, error=str(exc))
        return
    kind = feed_kind(root)
    if kind is None:
        name = ET.QName(root).localname if isinstance(root.tag, str) else "?"
        yield Problem(input=source, error=f"XML root <{name}> is not an RSS or Atom feed")
        return
    entities = _drop_entities(root)
    if entities:
        shown = ", ".join(sorted(set(entities))[:5])
        yield Problem(
            input=source,
            error=f"{len(entities)} entity reference(s) left unexpanded ({shown})",
        )
    channel, items = _items(root, kind)
    spaces = (ATOM,) if kind == "atom" else _RSS
    outlet = _plain(_text(_first(channel, "title", spaces))) if channel is not None else None
    if not items:
        yield Problem(input=source, error="feed has no items")
        return
    for number, item in enumerate(items, start=1):
        where = f"{source}#{number}"
        title = _plain(_text(_first(item, "title", spaces)))
        text = _item_text(item, kind)
        if text is None and title is None:
            yield Problem(input=where, error="feed item has neither text nor title; skipped")
            continue
        published, updated = _dates(item, kind)
        meta_date = method = None
        for value, label in ((published, "feed"), (updated, "feed_updated")):
            if value is None:
                continue
            meta_date = normalize_date(value)
            if meta_date is None:
                yield Problem(input=where, error=f"unrecognised date {value[:40]!r} ignored")
                continue
            method = label
            break
        yield RawArticle(
            id=f"{stem}#{number}",
            source=source,
            text=text if text is not None else title or "",
            title=title,
            outlet=outlet,
            author=_author(item, kind),
            url=_url(item, kind),
            meta_date=meta_date,
            meta_date_method=method,
            format=kind,
        )
