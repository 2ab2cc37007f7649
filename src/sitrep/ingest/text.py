"""Plain-text and Markdown articles."""

from __future__ import annotations

import re

from sitrep.ingest.dates import normalize_date
from sitrep.model import RawArticle

_TITLE_MAX_WORDS = 20
_SENTENCE_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]]*$")
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.S)
_FRONT_FIELD = re.compile(r"^([A-Za-z_]+)\s*:\s*(.*?)\s*$")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
_MD_BULLET = re.compile(r"^\s{0,3}[-*+]\s+")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")
# [text](url) but not ![alt](url): images stay, cleaning removes them with a reason.
_MD_LINK = re.compile(r"(?<!!)\[([^\]\n]*)\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_FRONT_KEYS = {
    "title": "title",
    "date": "date",
    "published": "date",
    "url": "url",
    "author": "author",
    "outlet": "outlet",
    "source": "outlet",
    "site": "outlet",
}


def _is_title(line: str, rest: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= _TITLE_MAX_WORDS and not _SENTENCE_END.search(line) and bool(rest.strip())
    )


def split_title(text: str) -> tuple[str | None, str]:
    """``(title, body)``: the first non-empty line is a title when it is short (at most 20
    words), does not end like a sentence, and more text follows."""
    stripped = text.lstrip("\n")
    first, _, rest = stripped.partition("\n")
    if _is_title(first.strip(), rest):
        return first.strip(), rest.lstrip("\n")
    return None, text


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        field = _FRONT_FIELD.match(line)
        if field and field.group(1).lower() in _FRONT_KEYS:
            fields[_FRONT_KEYS[field.group(1).lower()]] = field.group(2).strip("\"'")
    return fields, text[match.end() :]


def markdown_to_text(text: str) -> str:
    """Strip Markdown markup that is not content: heading marks, quote marks, bullets, rules,
    bold markers and link targets. Image links stay (cleaning removes them with a reason)."""
    out: list[str] = []
    for raw_line in text.split("\n"):
        line = raw_line
        if _MD_SETEXT.match(line) and out and out[-1].strip():
            continue  # the underline of a setext heading
        if _MD_RULE.match(line):
            out.append("")
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
        line = _MD_QUOTE.sub("", line)
        line = _MD_BULLET.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        out.append(line)
    return "\n".join(out)


def read_text(text: str, *, id: str, source: str, fmt: str = "txt") -> RawArticle:
    """An article from plain text (``fmt="txt"``) or Markdown (``fmt="md"``).

    A first line that looks like a title becomes ``title`` and leaves the text. Markdown front
    matter (``title:``, ``date:``, ``url:``, ``author:``, ``outlet:``) fills the metadata.
    """
    fields: dict[str, str] = {}
    if fmt == "md":
        fields, text = _front_matter(text)
        text = markdown_to_text(text)
    title, body = split_title(text)
    if fields.get("title"):
        if title is not None and title != fields["title"]:
            body = text  # the first line was not the title after all
        title = fields["title"]
    meta_date = normalize_date(fields["date"]) if fields.get("date") else None
    return RawArticle(
        id=id,
        source=source,
        text=body.strip("\n"),
        title=title,
        outlet=fields.get("outlet") or None,
        author=fields.get("author") or None,
        url=fields.get("url") or None,
        meta_date=meta_date,
        meta_date_method="metadata" if meta_date else None,
        format=fmt,
    )
