"""Group figures that measure the same thing into tracks, and say how they differ.

A figure's measure (``lexicon.TRACK_MEASURES``, data) is what is counted plus what happened to
it, read from the figure and its sentence: its unit, or what it counts (for a bare number, the
count noun of its clause: "the number of confirmed deaths has risen to 23"); then a key word
in the figure's own clause ("At least three were killed | and more than 2,000 evacuated"),
else a counted noun that names the measure ("deaths", "evacuees"), else the nearest key word
in the sentence. Sizes ("a town of about 30,000 people") and yearly rates ("the fever
kills 900 people each year", "700 deaths a year") join no track. Measures marked
``scoped`` are split by side: the first country, demonym or capital in the sentence before the
figure, or "held by X". Measures marked ``located`` (tolls, cases, evacuees) are split by the
place the figure counts in (``place_of``: "40 people in Lindau", "deaths worldwide"); figures
that name no place join the story's place of that measure when its country holds three
quarters of the placed ones, else stay apart. Tracks are per story and need two figures from
two sentences; duplicates' figures are left out, and so are figures dated more than
``HISTORY_DAYS`` before their article (history it recalls: "the 1918 pandemic killed
millions"). A figure with no date of its own in an undated article speaks as of the article's
newest dated statement.

Differences, figures ordered by ``as_of`` (else the article's publication date):

* same time (the same range; overlapping ranges at most a week wide; or days one apart whose
  figures agree), different sources: reported amounts compared (``reported``). A bound is a
  reported count: "at least 9" reports 9 and "up to 30" reports 30 (a high estimate), so they
  disagree with "14"; only "about", ranges and vague amounts widen a figure, so "about 460"
  and "approximately 460" **agree**. One source repeated is not a second opinion;
* successive times -> **change**, from a source's own earlier figure when it gives one.

A figure counting a group inside a measure's people ("2 children", "40 civilians":
``lexicon.TRACK_SUBGROUPS``) is compared only with counts of the same group, never with the
whole; so are counts of more ("40 other deaths", "12 new cases") and the value a change starts
from ("up from 1,180"). Figures stated in one sentence are never compared (they count
different things: "14 drones over Kursk ... 18 drones over other regions").
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sitrep.link.common import date_bounds, describe_date, iso_day, sort_date
from sitrep.link.entities import EntityIndex
from sitrep.link.lexicon import (
    CLAUSE_BREAKS,
    COUNT_SYNONYMS,
    PLACE_MODIFIED_NOUNS,
    POPULATION_CUES,
    QUALIFIER_WORDS,
    TRACK_COUNT_SYNONYMS,
    TRACK_MEASURES,
    TRACK_SUBGROUPS,
    TRACK_UNIT_FACTORS,
    UNIT_SYNONYMS,
    TrackMeasure,
)
from sitrep.link.places import as_country, is_country
from sitrep.link.sources import figure_source
from sitrep.model import AnalyzedArticle, DateRange, Difference, Figure, Mention, Track

_OWN_PARTICIPLE = re.compile(r"\s+(?:more\s+|others?\s+)?[a-z]+ed\b")
_LATER_CLAUSE = re.compile(r"\b(?:after|before|since|which|who|that|when|because|following)\b")
HISTORY_DAYS = 365  # a figure dated this much before its article is history, not the story
WINDOW_BEFORE = 120  # characters of the sentence before the figure searched for key words
WINDOW_AFTER = 60
SAME_TIME_WIDTH = 7  # days: only ranges this narrow count as "the same time"
NEXT_DAY = 1  # days apart that still read as one time when the two figures agree
POPULATION_WINDOW = 24  # characters before a figure searched for "a town of" and the like
APPROX = 0.025  # "about 460" covers 460 ± 2.5 %
CONVERTED_APPROX = 0.05  # a figure converted to another unit: its round number is about so much
UP_TO_LOW = 0.9  # "up to X" is a high estimate: [0.9·X, X]
MAX_PAIRS = 45  # per same-time group
DOMINANT_PLACE = 0.75  # share of a measure's placed figures that makes a story's place

_WORD = re.compile(r"[A-Za-z][\w'’.]*")
_ATTRIBUTIVE = re.compile(r"\d[-‐–]\s?[a-zA-Z]")  # a hyphenated amount: "100-ton", "5,000-barrel"
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
    source: str = ""
    group: str | None = None  # the group counted, when a part of the measure's people
    stated: str | None = None  # the figure as stated, when converted to the track's unit


def subgroup(f: Figure) -> str | None:
    """The group a figure counts when it is one part of the people a measure counts ("two
    children", "40 civilians": ``lexicon.TRACK_SUBGROUPS``; "85 UN fatalities", "three
    Kessel victims": a name between the number and what it counts), else ``None``."""
    if not f.counts:
        return None
    words = f.counts.lower().split()
    found = TRACK_SUBGROUPS.get(" ".join(words[-2:])) or TRACK_SUBGROUPS.get(words[-1])
    if found is not None:
        return found
    if f.unit is not None:
        return None
    words_of = f.text.split()
    last = next((k for k, w in enumerate(words_of) if w.lower() == words[-1]), len(words_of) - 1)
    inner = words_of[1:last]  # between the number and what it counts
    named = [w for w in inner if _NAME.fullmatch(w)]
    if not named or all(w[:1].isupper() for w in f.text.split() if w.isalpha()):
        return None  # none, or a headline's capitals ("More Than 100 People")
    return f"{' '.join(named)} {words[-1]}"


_NAME = re.compile(r"[A-Z][A-Za-z]+")


_INCREMENT = re.compile(
    r"\b(?:other|more(?!\s+than)|new|additional|further|extra)\b", re.IGNORECASE
)
# the size of a change, not a total: "raised its estimate of the costs by $7bn to $40bn"
_BY_DELTA = re.compile(
    r"\b(?:rais|increas|boost|lift|cut|reduc|lower|slash|trim|revis|ris|rose|fell|fall|"
    r"drop|grew|grow|jump|climb|swell|swoll|shrank|shrink|declin|doubl)\w*\b[^.;]{0,40}?"
    r"\bby\s+\Z",
    re.IGNORECASE,
)
_EARLIER = re.compile(
    r"\b(?:(?:up|down|increased?|rose|rising|risen|fell|fallen|drop(?:ped)?)\s+from|"
    r"compared\s+(?:with|to))\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)


# an item of a total: "the $1bn bill includes $25m in claims", "including 12 children"
_INCLUDED = re.compile(
    r"\b(?:includ(?:es|ed|ing)|among them|of (?:which|whom))\s+(?:about |some |nearly |almost |"
    r"at least |more than |over |up to |around |roughly |an estimated )?\Z",
    re.IGNORECASE,
)


def aside(text: str, f: Figure) -> str | None:
    """What keeps a figure from being compared with a story's totals: ``increment`` for a
    count of more ("40 other deaths", "12 new cases") or the size of a change ("raised the
    estimate by $7bn to $40bn"), ``earlier`` for the value a change
    starts from ("1,310 cases, up from 1,180"), ``part <id>`` for an item of a total ("the
    bill includes $25m in claims": compared with nothing), the group a count is a part of
    ("56 of its staff": ``lexicon.TRACK_SUBGROUPS``); else ``None``."""
    if _INCREMENT.search(text[f.span[0] : f.span[1]]) or _BY_DELTA.search(
        text[max(0, f.span[0] - 60) : f.span[0]]
    ):
        return "increment"
    if _EARLIER.search(text[max(0, f.span[0] - 40) : f.span[0]]):
        return "earlier"
    if _INCLUDED.search(text[max(0, f.span[0] - 40) : f.span[0]]):
        return f"part {f.id}"  # one item of a total, like no other figure
    part = _PARTITIVE.match(text, f.span[1])
    if part is not None and (group := TRACK_SUBGROUPS.get(part.group(1).lower())) is not None:
        return group
    return None


# a count of some of a group: "at least 56 of its staff", "12 of their own soldiers"
_PARTITIVE = re.compile(r"\s+of\s+(?:its|their|our|his|her)\s+(?:own\s+)?([A-Za-z]+)")


def norm_unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    return UNIT_SYNONYMS.get(unit.lower(), unit)


def norm_counts(counts: str | None) -> str | None:
    if not counts:
        return None
    last = counts.lower().split()[-1]
    return COUNT_SYNONYMS.get(last, last)


def _keyword_distance(
    keywords: tuple[str, ...], window: str, at: int, exclude: re.Pattern[str] | None = None
) -> int | None:
    low = window.lower()
    best: int | None = None
    # key words inside another thing's name ("hedge funds", "a third-quarter loss") do not count
    hidden = [m.span() for m in exclude.finditer(low)] if exclude else []
    for kw in keywords:
        # a word prefix ("kill" in "killed"), or a whole word when it ends in "$" ("bill$" is
        # no "billion", "dead$" no "deadline")
        # a whole word is no part of a hyphenated one ("inflation-adjusted")
        pattern = r"\b" + re.escape(kw.removesuffix("$")) + (r"\b(?!-)" if kw.endswith("$") else "")
        for m in re.finditer(pattern, low):
            if any(h0 <= m.start() < h1 for h0, h1 in hidden):
                continue
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


_WORLD = re.compile(
    r"\b(?:worldwide|world-wide|globally|(?:around|across|in|throughout) the (?:world|globe))\b",
    re.IGNORECASE,
)
WORLD = "worldwide"
_COUNTRIES = re.compile(r"\b(?:in|across)\s+(?:at least\s+|more than\s+)?[\d,]+\s+countries\b")
# between a figure and a place it counts in: "40 [people] in Lindau", "cases across the region"
_LOCATIVE = re.compile(
    r"\s*(?:[\w-]+\s+){0,2}?(?:in|across|throughout|inside|within|at)\s+(?:the\s+)?\Z",
    re.IGNORECASE,
)

_TOWARDS = re.compile(r"\b(?:to|towards?)\s+(?:the\s+)?\Z", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([\w-]+)")


def _modifies(sentence: str, start: int, end: int) -> bool:
    """Whether the place at ``[start, end)`` of ``sentence`` names whose a thing is, not where:
    right before a title or a noun it owns ("US Secretary", "US network", "Kessel officials";
    ``lexicon.PLACE_MODIFIED_NOUNS``), or where something goes ("evacuated to the US")."""
    if _TOWARDS.search(sentence, 0, start):
        return True
    nxt = _NEXT_WORD.match(sentence, end)
    if nxt is None:
        return False
    word = nxt.group(1)
    return word.lower() in PLACE_MODIFIED_NOUNS or (word[:1].isupper() and word.isalpha())


def _placed(
    article: AnalyzedArticle, figure: Figure
) -> tuple[int, int, str, int, int, int, int] | None:
    """A figure in its sentence: the sentence's bounds and text, the figure's and its clause's
    offsets in it (``None`` for a figure with no sentence)."""
    if figure.sentence is None:
        return None
    s0, s1 = figure.sentence
    sentence = article.text[s0:s1]
    f0, f1 = figure.span[0] - s0, figure.span[1] - s0
    return (s0, s1, sentence, f0, f1, *_clause(sentence, f0, f1))


def place_of(
    article: AnalyzedArticle, figure: Figure, index: EntityIndex
) -> tuple[str, str | None] | None:
    """Where a figure counts, read in its clause first: "worldwide" for "in 29 countries", else
    the place it is *in* ("three in Harlow"), else the place named nearest to it
    ("Lindau, with 300 cases"), else "worldwide" said there; then in its sentence:
    the nearest place named before it, else "worldwide" said anywhere in it. A place that
    names whose a thing is or where it goes (``_modifies``: "told US network X", "flown to
    Harlow") is no place a figure counts in. Returns the
    place's entity name (aliases merged) and its country code when the gazetteer located it;
    ``None`` when the sentence names no place."""
    where = _placed(article, figure)
    if where is None:
        return None
    s0, s1, sentence, f0, f1, c0, c1 = where
    places = [
        m
        for m in article.mentions
        if m.type == "place"
        and s0 <= m.span[0]
        and m.span[1] <= s1
        and not (m.span[0] < figure.span[1] and figure.span[0] < m.span[1])
    ]

    def name(m: Mention) -> tuple[str, str | None]:
        entity = index.get(index.at(article.id, m.span))
        if entity is None:
            return m.norm, None
        return entity.name, entity.geo.country if entity.geo is not None else None

    def gap(m: Mention) -> int:
        return max(m.span[0] - s0 - f1, f0 - (m.span[1] - s0), 0)

    if _COUNTRIES.search(sentence[c0:c1]):
        return WORLD, None  # "300 people infected in 12 countries"
    # a place listed with others ("claims from Lindau, Kessel and Harlow") is one of several:
    # no single place a figure counts in
    places = [m for m in places if not _listed(article.text, m, places)]
    inside = [m for m in places if c0 <= m.span[0] - s0 and m.span[1] - s0 <= c1]
    located = [m for m in inside if _LOCATIVE.match(sentence[f1 : m.span[0] - s0])]
    if located:  # "three in Harlow": the place the figure is *in*
        return name(min(located, key=gap))
    # else a place that is neither whose ("told US network X he believed 100 had died") nor
    # whither ("flown to Harlow since the quake that killed 300")
    inside = [m for m in inside if not _modifies(sentence, m.span[0] - s0, m.span[1] - s0)]
    if inside:
        return name(min(inside, key=gap))
    if _WORLD.search(sentence[c0:c1]):
        return WORLD, None
    before = [
        m
        for m in places
        if m.span[1] - s0 <= f0 and not _modifies(sentence, m.span[0] - s0, m.span[1] - s0)
    ]
    if before:
        return name(min(before, key=gap))
    return (WORLD, None) if _WORLD.search(sentence) else None


_LIST_JOINER = re.compile(r"\s*,?\s*(?:(and|or|&)\s+)?", re.IGNORECASE)


def _listed(text: str, mention: Mention, places: list[Mention]) -> bool:
    """Whether ``mention`` is one of a list of places ("Lindau, Kessel and Harlow"): a run of
    places joined by commas with an *and* / *or* in it. "Kessel, Lindau" alone is a town and
    its region, no list."""
    ordered = sorted(places, key=lambda m: m.span)
    k = next(i for i, m in enumerate(ordered) if m is mention)
    lo = hi = k
    conjunction = False
    while lo > 0:
        gap = _LIST_JOINER.fullmatch(text[ordered[lo - 1].span[1] : ordered[lo].span[0]])
        if gap is None or ordered[lo - 1].span[1] >= ordered[lo].span[0]:
            break
        conjunction |= gap.group(1) is not None
        lo -= 1
    while hi + 1 < len(ordered):
        gap = _LIST_JOINER.fullmatch(text[ordered[hi].span[1] : ordered[hi + 1].span[0]])
        if gap is None or ordered[hi].span[1] >= ordered[hi + 1].span[0]:
            break
        conjunction |= gap.group(1) is not None
        hi += 1
    return hi > lo and conjunction


def _clause(sentence: str, f0: int, f1: int) -> tuple[int, int]:
    """The clause of ``sentence`` around the figure at ``[f0, f1)`` (``lexicon.CLAUSE_BREAKS``)."""
    low = sentence.lower()
    start, end = 0, len(sentence)
    for brk in CLAUSE_BREAKS:
        i = low.rfind(brk, 0, f0)
        if i >= 0:
            start = max(start, i + len(brk))
        j = low.find(brk, f1)
        if j >= 0:
            end = min(end, j)
    return start, end


def _fold_count(word: str) -> str:
    word = word.lower()
    word = COUNT_SYNONYMS.get(word, word)
    return TRACK_COUNT_SYNONYMS.get(word, word)


def _count_words() -> frozenset[str]:
    found: set[str] = set(COUNT_SYNONYMS) | set(COUNT_SYNONYMS.values())
    found |= set(TRACK_COUNT_SYNONYMS) | set(TRACK_COUNT_SYNONYMS.values())
    for m in TRACK_MEASURES:
        found |= m.counts | m.nouns
    return frozenset(found)


_COUNT_WORDS = _count_words()
# what a number can inherit from an earlier clause: things counted, not what befell them
# ("12 people were confirmed dead and 31 were missing": the 31 are people, not dead)
_INHERITED_WORDS = _COUNT_WORDS - {n for m in TRACK_MEASURES for n in m.nouns}


def counted_in_clause(clause: str, at: int, *, before: str = "") -> str | None:
    """What a bare number counts, read from its clause: the first count noun before it
    ("the number of confirmed deaths has risen to 23"), else the first one after it, else the
    nearest one in ``before`` (the sentence before the clause: "12 people had been confirmed
    dead and 31 were still missing")."""
    found = [m for m in _WORD.finditer(clause[:at]) if m.group(0).lower() in _COUNT_WORDS]
    if found:
        return _fold_count(found[0].group(0))
    found = [m for m in _WORD.finditer(clause[at:]) if m.group(0).lower() in _COUNT_WORDS]
    if found:
        return _fold_count(found[0].group(0))
    found = [m for m in _WORD.finditer(before) if m.group(0).lower() in _INHERITED_WORDS]
    return _fold_count(found[-1].group(0)) if found else None


def _is_population(sentence: str, f0: int) -> bool:
    """ "a town of about 30,000 people": a size, not something that happened."""
    low = sentence[max(0, f0 - POPULATION_WINDOW) : f0].lower()
    return any(cue in low for cue in POPULATION_CUES)


# a rate of every year, not a count of the story: "kills 900 people each year",
# "700 deaths a year", "puts 2,000 in hospital annually"
_HABITUAL = re.compile(
    r"\b(?:(?:each|every|per) (?:year|winter|summer|season)|annually|year after year|"
    r"in an? (?:typical|normal|usual|average|ordinary) (?:year|season))\b",
    re.IGNORECASE,
)
_A_YEAR_AFTER = re.compile(
    r"\s*(?:[\w-]+\s+){0,3}?a year\b(?!\s+(?:ago|earlier|later|before|after|on|since))",
    re.IGNORECASE,
)


def _is_habitual(sentence: str, f1: int) -> bool:
    """A figure of a sentence about every year ("the fever kills 900 people each year"), or
    followed by "a year" ("700 deaths a year"): a rate, not what happened in the story."""
    return bool(_HABITUAL.search(sentence) or _A_YEAR_AFTER.match(sentence[f1:]))


# what a stock or a plan could serve, not what happened: "drugs enough to treat 2 million
# people", "shelters able to house 5,000"
_CAPACITY = re.compile(
    r"\b(?:sufficient|enough|capacity|able|capable|designed|built)\s+(?:\w+\s+){0,2}?"
    r"(?:to|for)\s+(?:treat|vaccinate|immuni[sz]e|protect|cover|house|feed|supply|shelter|"
    r"accommodate|serve|hold|carry|evacuate|test)\b",
    re.IGNORECASE,
)
CAPACITY_WINDOW = 120  # characters before a figure searched for a capacity


def _is_capacity(sentence: str, f0: int) -> bool:
    return bool(_CAPACITY.search(sentence, max(0, f0 - CAPACITY_WINDOW), f0))


# "men" and "personnel" are soldiers only in a sentence about an army ("lost 200 men at the
# front"); elsewhere they are people ("the blast killed 11 men on the rig")
_MILITARY = re.compile(
    r"\b(?:soldiers?|troops?|army|armies|military|(?:armed|ground|special|enemy) forces|"
    r"battalions?|brigades?|regiments?|fighters|militias?|militants|rebels|insurgents|"
    r"infantry|marines|servicem[ae]n|combat|front ?lines?|the front|battle\w*|in action|"
    r"offensive|war)\b",
    re.IGNORECASE,
)


_PART_OF = re.compile(r"\s+of\s+(?:the\s+)?[\d,.]+\b")
_MAIN_AUX = re.compile(r"\b(?:were|was|are|is|have been|has been|had been)\b")


def _past_the_whole(sentence: str, f1: int, c1: int) -> str:
    """For "110 of the 130 drones launched overnight were shot down", the 110's sentence with
    the whole and what the whole says of itself blanked out, up to the verb of the part:
    the 110 were shot down, the 130 were launched."""
    if not _PART_OF.match(sentence, f1):
        return sentence
    aux = _MAIN_AUX.search(sentence, f1, c1)
    if aux is None:
        return sentence
    return sentence[:f1] + " " * (aux.start() - f1) + sentence[aux.start() :]


_PRISON = re.compile(r"\b(?:prisons?|jails?|inmates?|penitentiar\w*|convicts?|cells?)\b", re.I)


def measure_of(article: AnalyzedArticle, figure: Figure) -> tuple[str, str | None] | None:
    """``(measure label, unit)`` of a figure, or ``None`` when it measures nothing tracked.

    Candidates are the measures whose unit (or, for unit-less figures, counted thing) fits; the
    one that wins has a key word in the figure's own clause (nearest first), else its counted
    noun names it ("deaths"), else a key word elsewhere in the sentence within a window.
    """
    where = _placed(article, figure)
    if where is None:
        return None
    _, _, whole_sentence, f0, f1, c0, c1 = where
    sentence = _past_the_whole(whole_sentence, f1, c1)
    clause = sentence[c0:c1]
    if _is_population(sentence, f0) or _is_habitual(sentence, f1) or _is_capacity(sentence, f0):
        return None
    unit = norm_unit(figure.unit)
    counts = None
    if unit is None:
        counts = norm_counts(figure.counts)
        if counts is not None:
            counts = _fold_count(counts)
        if counts is None:  # a bare number: what its clause counts ("deaths ... 23")
            counts = counted_in_clause(whole_sentence[c0:c1], f0 - c0, before=whole_sentence[:c0])
        if counts == "soldiers" and not _MILITARY.search(sentence):
            counts = "people"  # "the blast killed 11 men": no army in sight
        if counts == "prisoners" and _PRISON.search(sentence) and not _MILITARY.search(sentence):
            return None  # "4,000 prisoners escaped when the jail fell": inmates, no captives
    w0 = max(0, f0 - WINDOW_BEFORE)
    after = sentence[f1 : f1 + WINDOW_AFTER]
    # a key word after the figure but in a later clause tells of something else: "feed two
    # million people three weeks after the quake that killed ..."
    cut = _LATER_CLAUSE.search(after)
    window = sentence[w0:f1] + (after[: cut.start()] if cut else after)
    # a figure with a participle of its own says what it counts there ("the flood drowned 300,
    # with 40,000 more stranded"): no key word of another clause names its measure
    own_predicate = _OWN_PARTICIPLE.match(after) is not None
    best: tuple[tuple[int, int, int], TrackMeasure] | None = None
    for rank, measure in enumerate(TRACK_MEASURES):
        if unit is not None:
            if unit not in measure.units:
                continue
            if measure.no_sizes and _ATTRIBUTIVE.search(figure.text):
                continue  # "a 100-ton dome", "a 5,000-barrel tanker": the size of a thing
        elif counts is None or counts not in measure.counts:
            continue
        in_clause = _keyword_distance(measure.keywords, clause, f0 - c0, measure.not_keywords)
        if in_clause is not None:
            key = (0, in_clause, rank)
        elif counts is not None and counts in measure.nouns:
            key = (1, 0, rank)
        else:
            near = (
                None
                if measure.own_clause or own_predicate
                else _keyword_distance(measure.keywords, window, f0 - w0, measure.not_keywords)
            )
            if near is None:
                continue
            key = (2, near, rank)
        if best is None or key < best[0]:
            best = (key, measure)
    if best is None:
        return None
    measure = best[1]
    label = measure.name
    if measure.scoped:
        side = side_of(sentence, f0)
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
        return _about(f)
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


def reported(f: Figure) -> tuple[float, float]:
    """The amount a figure *reports*, for comparing two sources.

    A bound is a reported count, not an open interval: "at least 9" reports 9 and "up to 30"
    reports 30 (DESIGN.md: "up to X" is a high estimate), so "at least 9" and "14" disagree.
    Only what a figure itself states widens it: "about 460" covers 460 ± 2.5 %, a range or a
    vague amount ("dozens") its low..high.
    """
    v, q = f.value, f.qualifier
    if v is None or q in {"range", "vague"}:
        lo = f.low if f.low is not None else (v if v is not None else 0.0)
        hi = f.high if f.high is not None else (v if v is not None else math.inf)
        return (lo, hi)
    if q == "approximately":
        return _about(f)
    return (v, v)


def _about(f: Figure) -> tuple[float, float]:
    """What "about" a value covers: ``APPROX`` either side, or the wider low..high a
    conversion gave it (``_converted``)."""
    v = f.value if f.value is not None else 0.0
    lo, hi = v * (1 - APPROX), v * (1 + APPROX)
    return (
        min(lo, f.low if f.low is not None else lo),
        max(hi, f.high if f.high is not None else hi),
    )


def agrees(a: Figure, b: Figure) -> bool:
    """Two reports agree when their reported amounts are equal within what both state."""
    (a0, a1), (b0, b1) = reported(a), reported(b)
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
    """Two figures speak of the same time: the very same range, overlapping ranges both at
    most ``SAME_TIME_WIDTH`` days wide, or days ``NEXT_DAY`` apart that agree (a count that
    differs a day later is an update, a change; the same count a day later confirms it)."""
    if a.bounds is None or b.bounds is None:
        return False
    if a.bounds == b.bounds:
        return True
    (a0, a1), (b0, b1) = a.bounds, b.bounds
    if a0 == a1 and b0 == b1:
        return abs(a0 - b0) <= NEXT_DAY and agrees(a.figure, b.figure)
    if max(a1 - a0, b1 - b0) > SAME_TIME_WIDTH:
        return False
    return a0 <= b1 and b0 <= a1


def _article_time(art: AnalyzedArticle) -> tuple[int, int] | None:
    """When an undated article speaks: its publication date, else the latest narrow ``as_of``
    of its own figures and claims (an article reports as of its newest dated statement)."""
    pub = date_bounds(art.published.as_range())
    if pub is not None:
        return pub
    dated = [f.as_of for f in art.figures] + [c.as_of for c in art.claims]
    spans = [
        b
        for when in dated
        if (b := date_bounds(when)) is not None and b[1] - b[0] <= SAME_TIME_WIDTH
    ]
    return max(spans, key=lambda b: (b[1], b[0])) if spans else None


def build_tracks(
    articles: list[AnalyzedArticle],
    *,
    story_of: dict[str, str],
    index: EntityIndex,
    skip: set[str] | None = None,
) -> list[Track]:
    """Tracks of the corpus (``skip``: document ids left out, e.g. duplicates)."""
    skip = skip or set()
    groups: dict[tuple[str, str, str | None], list[_Item]] = defaultdict(list)
    countries: dict[str, str] = {}  # a located label -> the country of its place
    for art in sorted(articles, key=lambda a: (sort_date(a), a.id)):
        if art.id in skip:
            continue
        art_time = _article_time(art)
        for fig in art.figures:
            found = measure_of(art, fig)
            if found is None:
                continue
            label, unit = found
            base = label.removesuffix(f", {unit}") if unit else label
            if _located(base):
                found_place = place_of(art, fig, index)
                if found_place is not None:
                    place, country = found_place
                    base = f"{base} {place}" if place == WORLD else f"{base} in {place}"
                    label = f"{base}, {unit}" if unit else base  # "unemployment rate in X, %"
                    countries[label] = country or place
            as_of = fig.as_of or art.published.as_range()
            bounds = date_bounds(as_of) or art_time
            if date_bounds(as_of) is None and art_time is not None:
                as_of = DateRange(
                    date=iso_day(art_time[0]) if art_time[0] == art_time[1] else None,
                    earliest=iso_day(art_time[0]),
                    latest=iso_day(art_time[1]),
                )
            if bounds and art_time and bounds[1] < art_time[0] - HISTORY_DAYS:
                continue  # history the article recalls ("the 1918 pandemic killed millions")
            mid = (bounds[0] + bounds[1]) / 2 if bounds else math.inf
            last = bounds[1] if bounds else math.inf
            sentence = fig.sentence or fig.span
            item = _Item(art.id, fig, sentence, as_of, bounds, (mid, last, art.id, fig.span[0]))
            item.source = figure_source(art, fig, index)
            item.group = aside(art.text, fig) or subgroup(fig)
            groups[(story_of.get(art.id, ""), label, unit)].append(item)
    _fold_unscoped(groups)
    _fold_unlocated(groups, countries)
    _fold_units(groups)
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
                differences=_differences(items, additive=is_additive(label)),
            )
        )
    return tracks


def _story_num(sid: str) -> int:
    return int(sid[1:]) if sid[1:].isdigit() else 0


def _fold_unscoped(groups: dict[tuple[str, str, str | None], list[_Item]]) -> None:
    """A scoped measure with no side found joins the story's one sided track of that measure."""
    for measure in TRACK_MEASURES:
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


def _fold_unlocated(
    groups: dict[tuple[str, str, str | None], list[_Item]], countries: dict[str, str]
) -> None:
    """A located measure's figures with no place join the story's place of that measure, when
    its country holds ``DOMINANT_PLACE`` of the placed figures of the countries named more than
    once (a story about one place names it now and then, and other places in passing): they
    join that country's own track, else its largest. Otherwise they stay apart."""
    for measure in TRACK_MEASURES:
        if not measure.located:
            continue
        for key in list(groups):
            story, label, unit = key
            if label not in {measure.name, f"{measure.name}, {unit}"}:
                continue
            placed = [
                k
                for k in groups
                if k[0] == story and k[2] == unit and _label_in_place(k[1], measure.name)
            ]
            # the places of one country together: "in Port-au-Prince" counts for Haiti
            by_country: dict[str, int] = defaultdict(int)
            for k in placed:
                by_country[countries.get(k[1], k[1])] += len(groups[k])
            top = max(by_country, key=lambda c: (by_country[c], c), default=None)
            # a place named once is a mention in passing ("as in Chile last year")
            named = sum(n for n in by_country.values() if n > 1)
            if top is None or (
                len(by_country) > 1 and by_country[top] < max(2, DOMINANT_PLACE * named)
            ):
                continue
            # the track of the country itself when there is one ("in Haiti", not "in Jacmel")
            target = max(
                (k for k in placed if countries.get(k[1], k[1]) == top),
                key=lambda k: (is_country(k[1].rpartition(" in ")[2]), len(groups[k]), k[1]),
            )
            groups[target].extend(groups.pop(key))


def _fold_units(groups: dict[tuple[str, str, str | None], list[_Item]]) -> None:
    """A measure's figures in other units of one dimension (``TRACK_UNIT_FACTORS``) join the
    track of the story's most used unit, converted: "about 200,000 gallons a day" is about
    4,760 barrels a day. A converted figure is "about" its value, ``CONVERTED_APPROX`` either
    side (a round number in one unit is rarely round in another), and keeps its stated form
    for the notes."""
    same: dict[tuple[str, str, str], list[tuple[str, str, str | None]]] = defaultdict(list)
    for key in groups:
        story, label, unit = key
        if unit is None or unit not in TRACK_UNIT_FACTORS or not label.endswith(f", {unit}"):
            continue
        base = label[: -len(unit) - 2]
        same[(story, base, TRACK_UNIT_FACTORS[unit][0])].append(key)
    for keys in same.values():
        if len(keys) < 2:
            continue
        target = max(keys, key=lambda k: (len(groups[k]), str(k[2])))
        unit = target[2] or ""
        to = TRACK_UNIT_FACTORS[unit][1]
        for key in keys:
            if key == target:
                continue
            factor = TRACK_UNIT_FACTORS[key[2] or ""][1] / to
            for item in groups.pop(key):
                item.stated = describe(item.figure)
                item.figure = _converted(item.figure, factor, unit)
                groups[target].append(item)


def _converted(f: Figure, factor: float, unit: str) -> Figure:
    def times(x: float | None) -> float | None:
        return None if x is None else x * factor

    value, low, high, qualifier = times(f.value), times(f.low), times(f.high), f.qualifier
    if value is not None and qualifier in {"exact", "approximately"}:
        qualifier = "approximately"
        low, high = value * (1 - CONVERTED_APPROX), value * (1 + CONVERTED_APPROX)
    return replace(f, value=value, low=low, high=high, qualifier=qualifier, unit=unit)


def _significant(x: float | None, digits: int = 3) -> float | None:
    """``x`` to ``digits`` significant digits, for showing a converted figure."""
    if x is None or x == 0 or not math.isfinite(x):
        return x
    return round(x, digits - 1 - math.floor(math.log10(abs(x))))


def _located(label: str) -> bool:
    """Whether the measure of a track label (without its unit) is ``located``."""
    return any(m.name == label and m.located for m in TRACK_MEASURES)


def _label_in_place(label: str, measure: str) -> bool:
    """Whether a track label (without its unit) is ``measure`` in a place, or worldwide."""
    return label.startswith(f"{measure} in ") or label == f"{measure} {WORLD}"


def unplaced_beside_placed(track: Track, tracks: Sequence[Track]) -> bool:
    """Whether ``track`` holds the figures of a located measure that name no place, while the
    story has tracks of that measure by place: which place each counts in, no text says, so
    its figures need not follow one another ("cases": two in one town, then a world total)."""
    base, sep, unit = track.measure.partition(", ")
    if not _located(base):
        return False
    for other in tracks:
        o_base, o_sep, o_unit = other.measure.partition(", ")
        if (o_sep, o_unit) == (sep, unit) and _label_in_place(o_base, base):
            return True
    return False


def _label(i: _Item) -> str:
    f = i.figure
    if i.stated is not None and f.qualifier != "vague":
        lo, hi = _significant(f.low), _significant(f.high)
        if f.value is None and lo is not None and hi is not None:
            shown = f"{_number(lo)}–{_number(hi)} {f.unit}"  # a range stated as words
        else:
            shown = describe(replace(f, value=_significant(f.value), low=lo, high=hi))
        return f"{i.stated}, ≈{shown} ({i.source})"
    return f"{describe(i.figure)} ({i.source})"


def _same_source(a: _Item, b: _Item) -> bool:
    return a.source.casefold() == b.source.casefold()


def is_additive(label: str) -> bool:
    """Whether the measure of a track label ("money pledged, USD") is ``additive``: amounts many
    give, whose figures from two sources are two amounts, not two readings of one."""
    base = label.split(",", maxsplit=1)[0].split(" by ", maxsplit=1)[0]
    return any(m.name == base and m.additive for m in TRACK_MEASURES)


def _differences(items: list[_Item], *, additive: bool = False) -> list[Difference]:
    """Same-time pairs from different sources (agreement / disagreement), then the changes
    between successive times, each from one time's figure to the next time's. For an
    ``additive`` measure only a source's own successive figures are compared."""
    times: list[list[_Item]] = []
    for item in items:
        if item.bounds is None:
            continue  # undated figures stay in the track, but change from nothing to nothing
        if times and _same_time(times[-1][0], item):
            times[-1].append(item)
        else:
            times.append([item])
    out: list[Difference] = []
    for group in [] if additive else times:
        pairs = 0
        seen: set[tuple[str, str, str]] = set()
        for x, a in enumerate(group):
            for b in group[x + 1 :]:
                if pairs >= MAX_PAIRS or (a.doc, a.sentence) == (b.doc, b.sentence):
                    continue
                if _same_source(a, b):
                    continue  # one source repeated (or relayed twice) is not a second opinion
                if a.group != b.group:
                    continue  # a part and the whole, or two parts: they count different people
                agree = agrees(a.figure, b.figure)
                key = (describe(a.figure), describe(b.figure), f"{a.source}|{b.source}")
                if key in seen:
                    continue  # the same two reports relayed again by another article
                seen.add(key)
                pairs += 1
                when = describe_date(a.as_of)
                out.append(
                    Difference(
                        figures=[a.figure.id, b.figure.id],
                        kind="agreement" if agree else "disagreement",
                        note=f"{_label(a)} {'and' if agree else 'vs'} {_label(b)}, as of {when}",
                    )
                )
    for prev, nxt in itertools.pairwise(times):
        # like with like: a source's own earlier figure when it gives one, else last to first
        pair = next(
            (
                (x, y)
                for y in nxt
                for x in reversed(prev)
                if _same_source(x, y) and x.group == y.group
            ),
            None
            if additive
            else next(((x, y) for y in nxt for x in reversed(prev) if x.group == y.group), None),
        )
        if pair is None:
            # one giver's pledge does not change into another's, nor a group's count into the
            # whole's
            continue
        a, b = pair
        same = agrees(a.figure, b.figure)
        out.append(
            Difference(
                figures=[a.figure.id, b.figure.id],
                kind="change",
                note=(
                    f"{_label(a)} as of {describe_date(a.as_of)} → {_label(b)} as of "
                    f"{describe_date(b.as_of)}" + (" (unchanged)" if same else "")
                ),
            )
        )
    return out
