"""The dossier timeline in tilse's text format (the format of T17's gold timelines).

``YYYY-MM-DD`` on a line, that date's sentences one per line, then a line of 32 dashes; dates in
order. Only day-precise entries are written (tilse reads days only; a month entry such as
``2024-08`` is left out). Sentences are tokenized Penn-Treebank style, as T17's articles and
gold timelines are, because tilse's ROUGE splits on whitespace.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["SEPARATOR", "day_entries", "ptb_tokenize", "to_tilse"]

SEPARATOR = "-" * 32
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_BRACKETS = {"(": "-LRB-", ")": "-RRB-", "[": "-LSB-", "]": "-RSB-", "{": "-LCB-", "}": "-RCB-"}
# applied in order; each pads a piece of punctuation or a clitic with spaces
_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r'^["“]'), " `` "),
    (re.compile(r'(?<=[\s(\[{<])["“]'), " `` "),
    (re.compile(r"[”\"]"), " '' "),
    (re.compile(r"\.\.\.|…"), " ... "),
    (re.compile(r"([,;:@#%&?!])(?!\d)"), r" \1 "),
    (re.compile(r"\$"), " $ "),
    (re.compile(r"([()\[\]{}])"), r" \1 "),
    (re.compile(r"\s*[—–]\s*|\s--\s"), " -- "),
    (re.compile(r"([^.])(\.)([\]\)}>\"'’]*)\s*$"), r"\1 \2\3 "),
    (re.compile(r"(?<=\s)['‘](?=\w)"), " ` "),
    (re.compile(r"(?i)([a-z])(n['’]t)\b"), r"\1 \2"),
    (re.compile(r"(?i)(['’](?:s|re|ve|ll|d|m))\b"), r" \1"),
    (re.compile(r"(?<=\w)['’](?=\s)"), " ' "),
)


def ptb_tokenize(sentence: str) -> str:
    """A sentence with PTB-style tokens separated by single spaces.

    >>> ptb_tokenize('BP said "it will pay" $20bn (£13bn) to victims.')
    "BP said `` it will pay '' $ 20bn -LRB- £13bn -RRB- to victims ."
    """
    text = " " + sentence.strip() + " "
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    tokens = [_BRACKETS.get(t, t).replace("’", "'") for t in text.split()]
    return " ".join(tokens)


def day_entries(dossier: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """``(day, sentences)`` of the dossier's day-precise timeline entries, in date order."""
    out = []
    for entry in dossier.get("timeline") or []:
        day = str(entry.get("date") or "")
        sentences = [s for s in entry.get("summary") or [] if s and s.strip()]
        if _DAY.match(day) and sentences:
            out.append((day, sentences))
    return sorted(out, key=lambda e: e[0])


def to_tilse(dossier: dict[str, Any]) -> str:
    """The dossier's timeline as tilse text (empty string for an empty timeline)."""
    blocks = []
    for day, sentences in day_entries(dossier):
        lines = "".join(ptb_tokenize(s) + "\n" for s in sentences)
        blocks.append(f"{day}\n{lines}{SEPARATOR}\n")
    return "".join(blocks)
