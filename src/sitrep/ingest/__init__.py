"""Reading inputs: files, folders and standard input, in any of the supported formats.

Public entry point: :func:`read_inputs`. Each reader turns one input into ``RawArticle``s; an
input that cannot be read (or only in part) becomes a ``Problem`` and the batch goes on.
Nothing in an input is executed or followed: URLs are metadata, never fetched.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from sitrep.config import Config
from sitrep.ingest.encoding import decode_bytes, normalize_newlines
from sitrep.ingest.errors import InputError
from sitrep.ingest.feed import read_feed
from sitrep.ingest.html import read_html
from sitrep.ingest.records import parse_json, parse_jsonl, record_to_article
from sitrep.ingest.text import read_text
from sitrep.ingest.warc import is_warc, read_warc
from sitrep.model import Problem, RawArticle

__all__ = ["EXTENSIONS", "InputError", "format_of", "read_inputs", "read_string"]

log = logging.getLogger(__name__)

EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",  # read when its root is rss, rdf:RDF or (Atom) feed
    ".warc": "warc",
    ".warc.gz": "warc",
}
STDIN = "-"
# An XML declaration, comments, a DOCTYPE (with its internal subset), then a feed's root.
_FEED_SNIFF = re.compile(
    r"^\s*(?:<\?xml[^>]*\?>\s*)?(?:(?:<!--.*?-->|<\?[^>]*\?>|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)\s*)*"
    r"<(?:rss|feed|(?:\w+:)?RDF)[\s>]",
    re.S,
)
_HTML_SNIFF = re.compile(
    r"^\s*(?:<!doctype\s+html|<html|<head|<body|<!--)|<(?:html|body|article|p|div)[\s>]", re.I
)


class _Batch:
    """Collects articles and problems; keeps ids unique."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.articles: list[RawArticle] = []
        self.problems: list[Problem] = []
        self._ids: set[str] = set()
        self.seen_paths: set[Path] = set()

    def problem(self, input: str, error: str) -> None:
        log.warning("%s: %s", input, error)
        self.problems.append(Problem(input=input, error=error))

    def add(self, article: RawArticle) -> None:
        if article.id in self._ids:  # same stem in two folders: keep both, make the id unique
            n = 2
            while f"{article.id}~{n}" in self._ids:
                n += 1
            log.info("id %s is taken; using %s~%d", article.id, article.id, n)
            article.id = f"{article.id}~{n}"
        self._ids.add(article.id)
        article.text = unicodedata.normalize("NFC", article.text)  # one form for one word
        if article.title:
            article.title = unicodedata.normalize("NFC", article.title)
        limit = self.config.max_chars
        if len(article.text) > limit:
            cut = article.text.rfind("\n", 0, limit + 1)
            cut = cut if cut > limit // 2 else limit
            self.problem(
                article.source,
                f"text of {article.id} cut to {cut} characters (was {len(article.text)})",
            )
            article.text = article.text[:cut].rstrip()
        self.articles.append(article)


def format_of(path: Path) -> str | None:
    """The format a file's name says (``EXTENSIONS``; ``.warc.gz`` has two suffixes)."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return "warc"
    return EXTENSIONS.get(path.suffix.lower())


def _stem(path: Path) -> str:
    return path.name[: -len(".warc.gz")] if path.name.lower().endswith(".warc.gz") else path.stem


def sniff_format(text: str) -> str:
    """Guess the format of unnamed input: ``jsonl``, ``json``, ``feed``, ``html`` or ``txt``."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if lines and lines[0].startswith("["):
        return "json"
    if lines and all(line.startswith("{") for line in lines):
        return "jsonl" if len(lines) > 1 else "json"
    if lines and lines[0].startswith("{"):
        return "json"  # one pretty-printed object
    if _FEED_SNIFF.match(text[:4096]):
        return "feed"
    if _HTML_SNIFF.search(text[:4096]):
        return "html"
    return "txt"


def _read_records(batch: _Batch, text: str, *, stem: str, source: str, fmt: str) -> None:
    records: list[tuple[int | None, object | InputError]]
    if fmt == "json":
        try:
            records = list(parse_json(text))
        except InputError as exc:
            batch.problem(source, str(exc))
            return
    else:
        records = list(parse_jsonl(text))
    if not records:
        batch.problem(source, "no records")
        return
    for number, record in records:
        name = stem if number is None else f"{stem}#{number}"
        where = source if number is None else f"{source}#{number}"
        if isinstance(record, InputError):
            batch.problem(source, str(record))
            continue
        notes: list[str] = []
        try:
            article = record_to_article(record, id=name, source=source, fmt=fmt, problems=notes)
        except InputError as exc:
            batch.problem(where, str(exc))
            continue
        for note in notes:
            batch.problem(where, note)
        batch.add(article)


def read_string(
    text: str, *, stem: str, source: str, fmt: str | None = None, config: Config
) -> tuple[list[RawArticle], list[Problem]]:
    """Read already-decoded ``text`` (for callers that hold a string, e.g. a web form).

    ``fmt`` is ``txt``, ``md``, ``html``, ``json``, ``jsonl`` or ``feed``; sniffed when
    ``None``.
    """
    batch = _Batch(config)
    text = normalize_newlines(text)
    fmt = fmt or sniff_format(text)
    _read_text(batch, text, stem=stem, source=source, fmt=fmt)
    return batch.articles, batch.problems


def _add_all(batch: _Batch, found: Iterable[RawArticle | Problem]) -> None:
    """Articles and problems as a multi-article reader (feed, WARC) yields them."""
    for item in found:
        if isinstance(item, Problem):
            batch.problem(item.input, item.error)
        elif not item.text.strip():
            batch.problem(f"{item.source}#{item.id.rsplit('#', 1)[-1]}", "no text")
        else:
            batch.add(item)


def _read_text(batch: _Batch, text: str, *, stem: str, source: str, fmt: str) -> None:
    if fmt in ("json", "jsonl"):
        _read_records(batch, text, stem=stem, source=source, fmt=fmt)
        return
    if fmt == "feed":
        _add_all(batch, read_feed(text, stem=stem, source=source))
        return
    try:
        if fmt == "html":
            article = read_html(text, id=stem, source=source)
        else:
            article = read_text(text, id=stem, source=source, fmt=fmt)
    except InputError as exc:
        batch.problem(source, str(exc))
        return
    if not article.text.strip():
        batch.problem(source, "no text")
        return
    batch.add(article)


def _read_file(batch: _Batch, path: Path, *, fmt: str | None, source: str) -> None:
    resolved = path.resolve()
    if resolved in batch.seen_paths:
        log.info("%s: already read", source)
        return
    batch.seen_paths.add(resolved)
    try:
        size = path.stat().st_size
        if size > batch.config.max_file_bytes:
            batch.problem(
                source, f"file too large ({size} bytes; limit {batch.config.max_file_bytes})"
            )
            return
        if fmt is None:
            with path.open("rb") as handle:
                fmt = "warc" if is_warc(handle.read(512)) else None
        if fmt == "warc":  # streamed, record by record
            _add_all(batch, read_warc(path, stem=_stem(path), source=source))
            return
        data = path.read_bytes()
    except OSError as exc:
        batch.problem(source, f"cannot read file: {exc.strerror or exc}")
        return
    if fmt == "feed":  # bytes: the XML declaration names the encoding
        _add_all(batch, read_feed(data, stem=path.stem, source=source))
        return
    try:
        text = decode_bytes(data, html=fmt == "html")
    except InputError as exc:
        batch.problem(source, str(exc))
        return
    _read_text(batch, text, stem=path.stem, source=source, fmt=fmt or sniff_format(text))


def _walk(batch: _Batch, folder: Path) -> None:
    found: list[Path] = []

    def unreadable(exc: OSError) -> None:
        batch.problem(exc.filename or str(folder), f"cannot read folder: {exc.strerror or exc}")

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        found.extend(Path(root) / name for name in files if not name.startswith("."))
    for path in sorted(found):
        fmt = format_of(path)
        if fmt is None:
            batch.problem(str(path), f"unsupported format ({path.suffix or 'no extension'})")
            continue
        _read_file(batch, path, fmt=fmt, source=str(path))


def _read_stdin(batch: _Batch, stdin: TextIO | None) -> None:
    if stdin is None:
        batch.problem(STDIN, "standard input is not available")
        return
    limit = batch.config.max_file_bytes
    text = stdin.read(limit + 1)
    if len(text) > limit:
        batch.problem("stdin", f"input too large (more than {limit} characters)")
        return
    text = normalize_newlines(text)
    _read_text(batch, text, stem="stdin", source="stdin", fmt=sniff_format(text))


def read_inputs(
    inputs: list[str], *, config: Config, stdin: TextIO | None = None
) -> tuple[list[RawArticle], list[Problem]]:
    """Read every input into raw articles; what cannot be read becomes a problem.

    Args:
        inputs: file paths, folders (walked recursively in sorted order, hidden entries
            skipped) and ``"-"`` for ``stdin``.
        config: limits (``max_file_bytes``, ``max_chars``).
        stdin: the stream ``"-"`` reads; its format is sniffed (JSON Lines, JSON, RSS/Atom feed,
            HTML, text).

    Returns:
        ``(articles, problems)``, articles in input order. Ids are file stems, ``stem#n`` for
        the n-th record of a JSON list or JSON Lines file, the n-th item of a feed (``.rss``,
        ``.atom``, ``.xml``) or the n-th HTML page of a WARC file (``.warc``, ``.warc.gz``),
        ``stdin``/``stdin#n`` for stdin.
    """
    batch = _Batch(config)
    for item in inputs:
        if item == STDIN:
            _read_stdin(batch, stdin)
            continue
        path = Path(item)
        if not path.exists():
            batch.problem(item, "no such file or directory")
            continue
        if path.is_dir():
            _walk(batch, path)
        else:
            _read_file(batch, path, fmt=format_of(path), source=item)
    return batch.articles, batch.problems
