"""Read and write TimeML: ``.tml`` files (TempEval-3, WikiWars) and MEANTIME's CAT XML.

Every reader returns a ``TimeMLDoc``: the plain text the annotations index into, the document
creation time (DCT) and the gold TIMEX3s as ``(start, end)`` character offsets. For ``.tml`` the
text is what lies between ``<TEXT>`` and ``</TEXT>`` with the tags removed and the XML entities
decoded, as the TempEval-3 scorer reads it. CAT XML holds tokens only: the text is rebuilt by
joining them with single spaces (no space before closing punctuation, none after opening
brackets), one sentence a line; its DCT is a span of that text, which the scorer leaves out
(TempEval-3 does not score the DCT).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "GoldTimex",
    "TimeMLDoc",
    "read_cat",
    "read_corpus",
    "read_tml",
    "tml_string",
    "write_tml",
]


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One TIMEX3 of a document: ``[start, end)`` into ``TimeMLDoc.text``."""

    start: int
    end: int
    type: str
    value: str
    tid: str = ""
    mod: str | None = None


@dataclass(slots=True)
class TimeMLDoc:
    id: str
    path: Path
    text: str
    dct: str | None
    timexes: list[GoldTimex] = field(default_factory=list)
    excluded: list[tuple[int, int]] = field(default_factory=list)  # spans not scored (the DCT)
    # .tml only: EVENT spans by event id, and the TLINKs between an event and a TIMEX3 as
    # (event id, timex id, relation read from the event: "IS_INCLUDED" = the event lies in it)
    events: dict[str, tuple[int, int]] = field(default_factory=dict)
    time_links: list[tuple[str, str, str]] = field(default_factory=list)


# a TLINK written from the time's side ("t85 INCLUDES ei379") read from the event's side
_INVERSE = {
    "INCLUDES": "IS_INCLUDED", "IS_INCLUDED": "INCLUDES", "BEFORE": "AFTER", "AFTER": "BEFORE",
    "IBEFORE": "IAFTER", "IAFTER": "IBEFORE", "BEGINS": "BEGUN_BY", "BEGUN_BY": "BEGINS",
    "ENDS": "ENDED_BY", "ENDED_BY": "ENDS", "DURING": "DURING_INV", "DURING_INV": "DURING",
}  # fmt: skip


def _time_links(raw: str) -> list[tuple[str, str, str]]:
    """Event-time TLINKs of a ``.tml`` file, each read from the event's side."""
    instance = {
        a.get("eiid", ""): a.get("eventID", "")
        for a in (_attrs(m.group(1)) for m in re.finditer(r"<MAKEINSTANCE([^>]*)>", raw))
    }
    links: list[tuple[str, str, str]] = []
    for m in re.finditer(r"<TLINK([^>]*)>", raw):
        a = _attrs(m.group(1))
        rel = a.get("relType", "")
        if "eventInstanceID" in a and "relatedToTime" in a:
            links.append((instance.get(a["eventInstanceID"], ""), a["relatedToTime"], rel))
        elif "timeID" in a and "relatedToEventInstance" in a:
            event = instance.get(a["relatedToEventInstance"], "")
            links.append((event, a["timeID"], _INVERSE.get(rel, rel)))
    return [link for link in links if link[0]]


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')


def _attrs(chunk: str) -> dict[str, str]:
    return {k: html.unescape(v) for k, v in _ATTR.findall(chunk)}


def _dct_value(value: str | None) -> str | None:
    if not value:
        return None
    m = re.match(r"\d{4}-\d{2}-\d{2}", value)
    return m.group(0) if m else None


def read_tml(path: Path) -> TimeMLDoc:
    """A ``.tml`` file: the text of ``<TEXT>``, its TIMEX3s and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct = None
    m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    if m:
        dct = _dct_value(_attrs(m.group(1)).get("value"))
    docid = re.search(r"<DOCID>([^<]*)</DOCID>", raw)
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.DOTALL)
    inner = body.group(1) if body else ""
    parts: list[str] = []
    size = 0
    open_timexes: list[tuple[int, dict[str, str]]] = []
    open_events: list[tuple[int, str]] = []
    events: dict[str, tuple[int, int]] = {}
    timexes: list[GoldTimex] = []
    pos = 0
    for tag in _TAG.finditer(inner):
        chunk = html.unescape(inner[pos : tag.start()])
        parts.append(chunk)
        size += len(chunk)
        pos = tag.end()
        closing, name, attrs, selfclosing = tag.groups()
        if name == "EVENT":
            if closing and open_events:
                start, eid = open_events.pop()
                events[eid] = (start, size)
            elif not closing and not selfclosing:
                open_events.append((size, _attrs(attrs).get("eid", "")))
            continue
        if name != "TIMEX3":
            continue
        if closing:
            if open_timexes:
                start, a = open_timexes.pop()
                timexes.append(
                    GoldTimex(start, size, a.get("type", ""), a.get("value", ""),
                              a.get("tid", ""), a.get("mod"))
                )  # fmt: skip
        elif not selfclosing:
            open_timexes.append((size, _attrs(attrs)))
    parts.append(html.unescape(inner[pos:]))
    text = "".join(parts)
    timexes.sort(key=lambda t: (t.start, t.end))
    name = docid.group(1).strip() if docid else path.stem
    return TimeMLDoc(
        id=name, path=path, text=text, dct=dct, timexes=timexes, events=events,
        time_links=_time_links(raw),
    )  # fmt: skip


_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}]|'s|'S|n't|'re|'ve|'ll|'d|'m|''|’s)$")
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "``", "#"})


def read_cat(path: Path) -> TimeMLDoc:
    """A MEANTIME CAT XML file: text rebuilt from its tokens, TIMEX3 markables as spans."""
    root = ET.parse(path).getroot()
    spans: dict[str, tuple[int, int]] = {}
    sentence_of: dict[str, int] = {}
    parts: list[str] = []
    size = 0
    prev_sentence: str | None = None
    prev_token = ""
    for tok in root.iter("token"):
        word = tok.text or ""
        sentence = tok.get("sentence")
        if parts:
            if sentence != prev_sentence:
                sep = "\n"
            elif _NO_SPACE_BEFORE.match(word) or prev_token in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            size += len(sep)
        spans[tok.get("t_id", "")] = (size, size + len(word))
        sentence_of[tok.get("t_id", "")] = int(sentence or 0)
        parts.append(word)
        size += len(word)
        prev_sentence, prev_token = sentence, word
    text = "".join(parts)
    dct: str | None = None
    timexes: list[GoldTimex] = []
    excluded: list[tuple[int, int]] = []
    markables = root.find("Markables")
    # MEANTIME annotates the first sentences of each article only (title, date and about
    # four more): the text after the last sentence holding any markable is left unscored.
    annotated = [
        sentence_of[a.get("t_id", "")]
        for a in (markables.iter("token_anchor") if markables is not None else ())
        if a.get("t_id") in sentence_of
    ]
    if annotated:
        last = max(annotated)
        cut = min((spans[t][0] for t, s in sentence_of.items() if s > last), default=len(text))
        if cut < len(text):
            excluded.append((cut, len(text)))
    for tx in markables.iter("TIMEX3") if markables is not None else ():
        anchors = [
            spans[a.get("t_id", "")] for a in tx.iter("token_anchor") if a.get("t_id") in spans
        ]
        value = tx.get("value", "")
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = _dct_value(value)
            if anchors:
                excluded.append((min(a[0] for a in anchors), max(a[1] for a in anchors)))
            continue
        if not anchors:
            continue  # an empty markable (a begin or end point), not in the text
        start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
        timexes.append(GoldTimex(start, end, tx.get("type", ""), value, tx.get("m_id", "")))
    timexes.sort(key=lambda t: (t.start, t.end))
    excluded.sort()
    return TimeMLDoc(
        id=root.get("doc_name") or path.stem,
        path=path,
        text=text,
        dct=dct,
        timexes=timexes,
        excluded=excluded,
    )


def _is_cat(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as fh:
        head = fh.read(400)
    return "<Document" in head


def iter_files(data_dir: Path) -> Iterator[Path]:
    """The ``.tml`` and CAT ``.xml`` files under ``data_dir`` (or ``data_dir`` itself), sorted."""
    if data_dir.is_file():
        yield data_dir
        return
    for path in sorted(data_dir.rglob("*")):
        if path.suffix == ".tml" or (path.suffix == ".xml" and _is_cat(path)):
            yield path


def read_corpus(data_dir: Path, *, limit: int | None = None) -> list[TimeMLDoc]:
    """Every document under ``data_dir``, at most ``limit`` of them."""
    docs: list[TimeMLDoc] = []
    for path in iter_files(data_dir):
        if limit is not None and len(docs) >= limit:
            break
        docs.append(read_cat(path) if path.suffix == ".xml" else read_tml(path))
    return docs


def tml_string(doc: TimeMLDoc, timexes: Iterable[GoldTimex]) -> str:
    """``doc`` as a ``.tml`` document holding ``timexes`` (predictions) as TIMEX3 tags."""
    out: list[str] = []
    pos = 0
    for n, t in enumerate(sorted(timexes, key=lambda x: (x.start, x.end)), start=1):
        if t.start < pos:
            continue  # overlapping predictions cannot both be inline tags
        out.append(html.escape(doc.text[pos : t.start], quote=False))
        mod = f' mod="{html.escape(t.mod)}"' if t.mod else ""
        out.append(
            f'<TIMEX3 tid="t{n}" type="{html.escape(t.type)}" value="{html.escape(t.value)}"{mod}>'
            + html.escape(doc.text[t.start : t.end], quote=False)
            + "</TIMEX3>"
        )
        pos = t.end
    out.append(html.escape(doc.text[pos:], quote=False))
    dct = doc.dct or ""
    return (
        '<?xml version="1.0" ?>\n<TimeML>\n'
        f"<DOCID>{html.escape(doc.id)}</DOCID>\n\n"
        f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" temporalFunction="false" '
        f'functionInDocument="CREATION_TIME">{dct}</TIMEX3></DCT>\n\n'
        f"<TEXT>{''.join(out)}</TEXT>\n\n</TimeML>\n"
    )


def write_tml(doc: TimeMLDoc, timexes: Iterable[GoldTimex], path: Path) -> None:
    """Write ``tml_string(doc, timexes)`` to ``path`` (folders created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tml_string(doc, timexes), encoding="utf-8")
