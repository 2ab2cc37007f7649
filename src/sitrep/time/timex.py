"""Time-expression stages: ``timex`` (find, unanchored) and ``anchor`` (normalise).

Extraction is regex-only (``extract``), so these stages need no spaCy model; the anchoring rules
live in ``normalize``. ``tag_timexes`` runs both on a bare string, for evaluation and the CLI.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from sitrep.model import Span, Timex
from sitrep.time.extract import extract_timexes
from sitrep.time.normalize import anchor_date, anchor_timexes, parse_iso

if TYPE_CHECKING:
    from sitrep.config import Config
    from sitrep.pipeline import Work

__all__ = ["anchor_stage", "sentence_spans", "tag_timexes", "timex_stage"]

log = logging.getLogger(__name__)

# A light sentence splitter for callers without a parse: ends at ., ! or ? (plus closing
# quotes) before whitespace and a capital or an opening quote, or at a line break.
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_ABBREV = re.compile(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|U\.S|a\.m|p\.m|No|vs)\.$")


def sentence_spans(text: str) -> list[Span]:
    """Sentence spans for ``text`` without a parser (used when no sentences are given)."""
    spans: list[Span] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if _ABBREV.search(text, max(0, m.start() - 5), m.start()) and "\n" not in m.group(0):
            continue
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def tag_timexes(text: str, *, anchor: str | None) -> list[Timex]:
    """Extract and anchor the time expressions of ``text`` in one go.

    Args:
        text: plain text.
        anchor: ISO date to anchor relative expressions on (the document creation time), or
            ``None`` to leave them unanchored.

    Example:
        >>> [t.value for t in tag_timexes("He left on Thursday.", anchor="2025-02-08")]
        ['2025-02-06']
    """
    found = extract_timexes(text, sentence_spans(text))
    return anchor_timexes(found, dct=parse_iso(anchor))


def timex_stage(work: Work, config: Config) -> dict[str, Any]:
    """Stage ``timex``: unanchored time expressions of the cleaned text."""
    del config
    if work.cleaned is None:
        return {"timexes": []}
    text = work.cleaned.text
    spans = sorted(s.span for s in work.sentences) or sentence_spans(text)
    timexes = extract_timexes(text, spans)
    log.debug("%s: %d time expressions", work.raw.id, len(timexes))
    return {"timexes": timexes}


def anchor_stage(work: Work, config: Config) -> dict[str, Any]:
    """Stage ``anchor``: re-normalise the time expressions on the publication date."""
    del config
    pub = work.published
    dct = anchor_date(pub.date, pub.earliest, pub.latest) if pub is not None else None
    return {"timexes": anchor_timexes(work.timexes, dct=dct)}
