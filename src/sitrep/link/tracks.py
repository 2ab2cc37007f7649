"""Group figures that measure the same thing into tracks, and say how they differ.

A figure's measure comes from ``lexicon.MEASURES``: its unit or what it counts, plus a key word
near it in its sentence ("held", "advanced", "evacuated"); when several measures fit, the one
whose key word is nearest the figure wins. Measures marked ``scoped`` are split by side: the
first country, demonym or capital in the sentence before the figure ("Ukrainian-held
territory", "Kyiv still holds ...", or "held by Ukraine"). Tracks are per story, and need at
least two figures from two different sentences; duplicates' figures are left out.

Differences, figures ordered by ``as_of`` (else the article's publication date):

* same time (ranges overlap, both at most a week wide, or the very same range): values
  compared as intervals; overlapping -> **agreement**, apart -> **disagreement**. "up to X" is
  a high estimate, read as [0.9·X, X], so "2.5 km" and "up to 5 km" disagree;
* successive times -> **change** from the last figure of one time to the first of the next.

Figures stated in one sentence are never compared (they count different things: "14 drones
over Kursk ... 18 drones over other regions").
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from sitrep.link.common import date_bounds, describe_date, sort_date
from sitrep.link.entities import EntityIndex
from sitrep.link.lexicon import COUNT_SYNONYMS, MEASURES, QUALIFIER_WORDS, UNIT_SYNONYMS, Measure
from sitrep.link.places import as_country
from sitrep.link.sources import figure_source
from sitrep.model import AnalyzedArticle, DateRange, Difference, Figure, Track

WINDOW_BEFORE = 120  # characters of the sentence before the figure searched for key words
WINDOW_AFTER = 60
SAME_TIME_WIDTH = 7  # days: only ranges this narrow count as "the same time"
SAME_TIME_GAP = 3  # days between midpoints
APPROX = 0.025  # "about 460" covers 460 ± 2.5 %
UP_TO_LOW = 0.9  # "up to X" is a high estimate: [0.9·X, X]
MAX_PAIRS = 45  # per same-time group

_WORD = re.compile(r"[A-Za-z][\w'’.]*")
_PASSIVE = re.compile(
    r"\b(?:held|controlled|occupied|captured|seized|taken)\s+by\s+(?:the\s+)?([A-Z][\w’'.]*(?:\s+[A-Z][\w’'.]*)?)"
)


@dataclass(slots=True)
class _Item:
    doc: str
    figure: Figure
    sentence: tuple[int, int]
    as_of: DateRange
    bounds: tuple[int, int] | None
    order: tuple[float, float, str, int]


def norm_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    return UNIT_SYNONYMS.get(unit.lower(), unit)


def norm_counts(counts: str | None) -> str | None:
    if not counts:
        return None
    last = counts.lower().split()[-1]
    return COUNT_SYNONYMS.get(last, last)


def _keyword_distance(measure: Measure, window: str, at: int) -> int | None:
    low = window.lower()
    best: int | None = None
    for kw in measure.keywords:
        for m in re.finditer(r"\b" + re.escape(kw), low):
            d = min(abs(m.start() - at), abs(m.end() - at))
            best = d if best is None else min(best, d)
    return best


def side_of(sentence: str, figure_at: int) -> str | None:
    """The side a sentence credits with a figure: "held by X", else its first country word."""
    passive = _PASSIVE.search(sentence)
    if passive:
        found = as_country(passive.group(1)) or as_country(passive.group(1).split()[0])
        if found:
            return found
    text = sentence[:figure_at].replace("-", " ")
    words = _WORD.findall(text)
    for i, w in enumerate(words):
        pair = f"{w} {words[i + 1]}" if i + 1 < len(words) else ""
        found = (as_country(pair) if pair else None) or as_country(w.rstrip("."))
        if found:
            return found
    return None


def measure_of(article: AnalyzedArticle, figure: Figure) -> tuple[str, str | None] | None:
    """``(measure label, unit)`` of a figure, or ``None`` when it measures nothing tracked."""
    if figure.sentence is None:
        return None
    s0, s1 = figure.sentence
    sentence = article.text[s0:s1]
    start = max(0, figure.span[0] - s0 - WINDOW_BEFORE)
    window = sentence[start : figure.span[1] - s0 + WINDOW_AFTER]
    at = figure.span[0] - s0 - start
    unit, counts = norm_unit(figure.unit), norm_counts(figure.counts)
    best: tuple[int, Measure] | None = None
    for measure in MEASURES:
        if not ((unit and unit in measure.units) or (counts and counts in measure.counts)):
            continue
        if unit and measure.units and unit not in measure.units:
            continue
        dist = _keyword_distance(measure, window, at)
        if dist is not None and (best is None or dist < best[0]):
            best = (dist, measure)
    if best is None:
        return None
    measure = best[1]
    label = measure.name
    if measure.scoped:
        side = side_of(sentence, figure.span[0] - s0)
        if side:
            label = f"{label} by {side}"
    if unit:
        label = f"{label}, {unit}"
    return label, unit


def interval(f: Figure) -> tuple[float, float]:
    v, q = f.value, f.qualifier
    if v is None:
        return (f.low if f.low is not None else 0.0, f.high if f.high is not None else math.inf)
    if q == "approximately":
        return (v * (1 - APPROX), v * (1 + APPROX))
    if q in {"more_than", "at_least"}:
        return (v, math.inf)
    if q in {"less_than", "at_most"}:
        return (0.0, v)
    if q == "up_to":
        return (v * UP_TO_LOW, v)
    if q == "range":
        return (f.low if f.low is not None else v, f.high if f.high is not None else v)
    return (v, v)


def _overlap(a: Figure, b: Figure) -> bool:
    (a0, a1), (b0, b1) = interval(a), interval(b)
    return a0 <= b1 + 1e-9 and b0 <= a1 + 1e-9


def _number(v: float) -> str:
    if v == int(v):
        return f"{int(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def describe(f: Figure) -> str:
    """A figure as a note shows it: "up to 5 km", "approximately 460 km²", "1,100 km²"."""
    if f.value is None:
        return f.text
    if f.qualifier == "range" and f.low is not None and f.high is not None:
        amount = f"{_number(f.low)}–{_number(f.high)}"
    else:
        amount = _number(f.value)
        if f.qualifier in QUALIFIER_WORDS:
            amount = f"{QUALIFIER_WORDS[f.qualifier]} {amount}"
    what = norm_unit(f.unit) or f.counts
    return f"{amount} {what}" if what else amount


def _same_time(a: _Item, b: _Item) -> bool:
    if a.bounds is None or b.bounds is None:
        return False
    if a.bounds == b.bounds:
        return True
    (a0, a1), (b0, b1) = a.bounds, b.bounds
    if max(a1 - a0, b1 - b0) > SAME_TIME_WIDTH:
        return False
    return abs((a0 + a1) / 2 - (b0 + b1) / 2) <= SAME_TIME_GAP


def build_tracks(
    articles: list[AnalyzedArticle],
    *,
    story_of: dict[str, str],
    index: EntityIndex,
    skip: set[str] | None = None,
) -> list[Track]:
    """Tracks of the corpus (``skip``: document ids left out, e.g. duplicates)."""
    skip = skip or set()
    by_id = {a.id: a for a in articles}
    groups: dict[tuple[str, str, str | None], list[_Item]] = defaultdict(list)
    for art in sorted(articles, key=lambda a: (sort_date(a), a.id)):
        if art.id in skip:
            continue
        for fig in art.figures:
            found = measure_of(art, fig)
            if found is None:
                continue
            label, unit = found
            as_of = fig.as_of or art.published.as_range()
            bounds = date_bounds(as_of) or date_bounds(art.published.as_range())
            mid = (bounds[0] + bounds[1]) / 2 if bounds else math.inf
            last = bounds[1] if bounds else math.inf
            sentence = fig.sentence or fig.span
            item = _Item(art.id, fig, sentence, as_of, bounds, (mid, last, art.id, fig.span[0]))
            groups[(story_of.get(art.id, ""), label, unit)].append(item)
    _fold_unscoped(groups)
    drafts = []
    for (story, label, unit), items in groups.items():
        if len({(i.doc, i.sentence) for i in items}) < 2:
            continue
        items.sort(key=lambda i: i.order)
        drafts.append((story, items[0].order, label, unit, items))
    drafts.sort(key=lambda d: (_story_num(d[0]), d[1], d[2]))
    tracks = []
    for n, (_, _, label, unit, items) in enumerate(drafts, start=1):
        tracks.append(
            Track(
                id=f"t{n}",
                measure=label,
                unit=unit,
                figures=[i.figure.id for i in items],
                differences=_differences(items, by_id, index),
            )
        )
    return tracks


def _story_num(sid: str) -> int:
    return int(sid[1:]) if sid[1:].isdigit() else 0


def _fold_unscoped(groups: dict[tuple[str, str, str | None], list[_Item]]) -> None:
    """A scoped measure with no side found joins the story's one sided track of that measure."""
    for measure in MEASURES:
        if not measure.scoped:
            continue
        for key in list(groups):
            story, label, unit = key
            if not label.startswith(measure.name + ",") and label != measure.name:
                continue
            sided = [
                k
                for k in groups
                if k[0] == story and k[2] == unit and k[1].startswith(measure.name + " by ")
            ]
            if len(sided) == 1:
                groups[sided[0]].extend(groups.pop(key))


def _differences(
    items: list[_Item], by_id: dict[str, AnalyzedArticle], index: EntityIndex
) -> list[Difference]:
    def label(i: _Item) -> str:
        return f"{describe(i.figure)} ({figure_source(by_id[i.doc], i.figure, index)})"

    times: list[list[_Item]] = []
    for item in items:
        if item.bounds is None:
            continue  # undated figures stay in the track, but change from nothing to nothing
        if times and _same_time(times[-1][0], item):
            times[-1].append(item)
        else:
            times.append([item])
    out: list[Difference] = []
    for group in times:
        pairs = 0
        for x, a in enumerate(group):
            for b in group[x + 1 :]:
                if (a.doc, a.sentence) == (b.doc, b.sentence) or pairs >= MAX_PAIRS:
                    continue
                pairs += 1
                agree = _overlap(a.figure, b.figure)
                when = describe_date(a.as_of)
                out.append(
                    Difference(
                        figures=[a.figure.id, b.figure.id],
                        kind="agreement" if agree else "disagreement",
                        note=f"{label(a)} {'and' if agree else 'vs'} {label(b)}, as of {when}",
                    )
                )
    for prev, nxt in itertools.pairwise(times):
        a, b = prev[-1], nxt[0]
        same = _overlap(a.figure, b.figure)
        out.append(
            Difference(
                figures=[a.figure.id, b.figure.id],
                kind="change",
                note=(
                    f"{label(a)} as of {describe_date(a.as_of)} → {label(b)} as of "
                    f"{describe_date(b.as_of)}" + (" (unchanged)" if same else "")
                ),
            )
        )
    return out
