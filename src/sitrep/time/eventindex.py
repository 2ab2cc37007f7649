"""An index of dated events across a corpus: "when did *the Orlen Dam give way*?".

Built once from the articles whose publication date is known to within a few days: every
sentence with a time expression resolved to a day (or to a week at most) is indexed by its
content words. ``lookup`` takes a noun phrase from another article ("the Orlen Dam gave way"),
finds the sentences that share at least two of its content words -- one of them a capitalised
name, or three words in all -- takes in each the time expression nearest to where the shared
words stand, and returns the range most sentences agree on. Lookups cost one dictionary probe
per word of the phrase, so refining n articles is O(n) lookups, not O(n²) comparisons.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sitrep.model import AnalyzedArticle, Timex
from sitrep.time.normalize import parse_iso

__all__ = ["EventIndex"]

_MAX_PUB_RANGE = 3  # days: only articles dated this precisely vouch for their events
_MAX_EVENT_RANGE = 7  # days: a week at most ("last week")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "into",
        "after",
        "before",
        "since",
        "when",
        "while",
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "has",
        "have",
        "had",
        "that",
        "which",
        "who",
        "this",
        "those",
        "these",
        "its",
        "their",
        "his",
        "her",
        "our",
        "said",
        "says",
        "say",
        "than",
        "more",
        "over",
        "about",
        "some",
        "just",
        "only",
        "near",
        "also",
        "but",
        "not",
        "no",
        "it",
        "as",
    ]
)


def _keys(text: str) -> dict[str, bool]:
    """Content words (lower-cased) of ``text`` -> whether one occurrence is capitalised."""
    out: dict[str, bool] = {}
    for w in _WORD.findall(text):
        low = w.lower().rstrip("'’s") if w.lower().endswith(("'s", "’s")) else w.lower()
        if len(low) < 3 or low in _STOP:
            continue
        out[low] = out.get(low, False) or w[0].isupper()
    return out


@dataclass(slots=True)
class _Sentence:
    text: str
    start: int  # offset of the sentence in its article
    timexes: list[tuple[int, date, date]]  # (centre offset in sentence, earliest, latest)


def _range(t: Timex) -> tuple[date, date] | None:
    if t.type not in {"DATE", "TIME"} or t.resolved is None:
        return None
    lo, hi = parse_iso(t.resolved.earliest), parse_iso(t.resolved.latest)
    if lo is None or hi is None or (hi - lo).days >= _MAX_EVENT_RANGE:
        return None
    return lo, hi


class EventIndex:
    """Dated sentences of precisely dated articles, indexed by content word."""

    def __init__(self, articles: Iterable[AnalyzedArticle]) -> None:
        self._sentences: list[tuple[str, _Sentence]] = []  # (article id, sentence)
        self._by_word: dict[str, list[int]] = defaultdict(list)
        for art in articles:
            p = art.published
            lo, hi = parse_iso(p.earliest), parse_iso(p.latest)
            if lo is None or hi is None or (hi - lo).days > _MAX_PUB_RANGE:
                continue
            timexes = sorted(art.timexes, key=lambda t: t.span)
            for s in art.sentences:
                s0, s1 = s.span
                dated = []
                for t in timexes:
                    if s0 <= t.span[0] < s1:
                        rng = _range(t)
                        if rng is not None:
                            dated.append(((t.span[0] + t.span[1]) // 2 - s0, *rng))
                if not dated:
                    continue
                idx = len(self._sentences)
                self._sentences.append((art.id, _Sentence(art.text[s0:s1], s0, dated)))
                for word in _keys(art.text[s0:s1]):
                    self._by_word[word].append(idx)

    def __len__(self) -> int:
        return len(self._sentences)

    def lookup_day(self, sentence: str, weekday: int, *, exclude: str | None = None) -> date | None:
        """The day, on ISO ``weekday``, that other articles give the event ``sentence`` tells.

        Stricter than ``lookup``: a whole sentence shares common words with many others, so
        half of its content words (and 4 at least) must be shared, and the day must fall on the
        weekday the sentence names -- which rejects 6 chance matches in 7. (A third, 3 at
        least, let a 2011 "Obama toured the area Sunday" date a 2010 caption on T17: wrong
        year 3.0% -> 1.9% with half.)
        """
        keys = _keys(sentence)
        need = max(4, len(keys) // 2)
        hits: Counter[int] = Counter()
        for word in keys:
            for idx in self._by_word.get(word, ()):
                hits[idx] += 1
        votes: Counter[date] = Counter()
        for idx, shared in hits.items():
            aid, sent = self._sentences[idx]
            if aid == exclude or shared < need:
                continue
            for _pos, lo, hi in sent.timexes:
                if lo == hi and lo.isoweekday() == weekday:
                    votes[lo] += shared
        if not votes:
            return None
        ranked = votes.most_common(2)
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None
        return ranked[0][0]

    def lookup(self, phrase: str, *, exclude: str | None = None) -> tuple[date, date] | None:
        """The date range of the event ``phrase`` names, agreed by most indexed sentences."""
        keys = _keys(phrase)
        if len(keys) < 2:
            return None
        hits: Counter[int] = Counter()
        for word in keys:
            for idx in self._by_word.get(word, ()):
                hits[idx] += 1
        votes: Counter[tuple[date, date]] = Counter()
        for idx, shared in hits.items():
            aid, sent = self._sentences[idx]
            if aid == exclude or shared < 2:
                continue
            low = sent.text.lower()
            found = [w for w in keys if w in low]
            if shared < 3 and not any(keys[w] for w in found):
                continue  # two common words ("water", "town") are no evidence
            names = [w for w in found if keys[w]] or found
            where = [low.find(w) for w in names if low.find(w) >= 0]
            if not where:
                continue
            centre = sum(where) / len(where)
            _pos, lo, hi = min(sent.timexes, key=lambda x: abs(x[0] - centre))
            votes[(lo, hi)] += shared
        if not votes:
            return None
        # a range gets the votes of every range that holds it: a day inside "last week" is
        # supported by both, so the precise day wins over the week that agrees with it
        support = {
            r: sum(v for o, v in votes.items() if o[0] <= r[0] and r[1] <= o[1]) for r in votes
        }
        ranked = sorted(support.items(), key=lambda kv: (-kv[1], (kv[0][1] - kv[0][0]).days))
        if (
            len(ranked) > 1
            and ranked[1][1] == ranked[0][1]
            and (ranked[1][0][1] - ranked[1][0][0]) == (ranked[0][0][1] - ranked[0][0][0])
        ):
            return None  # a tie between equally precise ranges: the corpus does not agree
        return ranked[0][0]
