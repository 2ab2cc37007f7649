"""Split a corpus into stories: one pass in date order, then a merge of similar stories.

Each article is a TF-IDF vector over its content words plus its entity names (names count
``ENTITY_WEIGHT`` times and are keyed by ``names.name_key``, so "Zelenskiy" and "Zelensky"
are one term), cut to its ``ARTICLE_TERMS`` heaviest terms. Articles are visited by
(publication date, id), so the result does not depend on input order:

1. *assign*: an article joins the story whose centroid (the sum of its members' vectors) is
   most similar by cosine, if that reaches ``threshold``, else it starts a story. Candidate
   stories come from an inverted index over the centroids' heaviest terms, so an article is
   compared with a few stories, not all of them; a story keeps at most ``CENTROID_TERMS``
   terms (bounds memory and time).
2. *merge*: a long story is reported in several waves (the spill, the cap, the hearings), and
   one article at a time sees only part of it; once all are in, stories whose centroids reach
   ``MERGE_THRESHOLD`` cosine are merged, the most similar pair first, until none is left.
   Centroids average out each article's own words, so two waves of one story are far more
   alike than any two of their articles, and than two different stories.
3. *attach*: an article that arrived early, or off the main vocabulary (a side angle, a short
   brief), may be left alone or in a pair. A story of at most ``SMALL_STORY`` articles joins
   the most similar story of at least ``LARGE_STORY`` articles if their centroids reach
   ``ATTACH_THRESHOLD`` (lower than ``threshold``): a large centroid holds the whole
   vocabulary of its story, so a weak match to it is better evidence than a weak match to
   one article, while stories of comparable size never merge at that level. A weak word
   match needs the calendar to agree: the small story must be dated, within
   ``ATTACH_GAP_DAYS`` of the dates the large story covers (undated articles never attach,
   since nothing but words would vouch for them). Every decision is
   taken against the centroids as they stand after the merge, so the result does not depend
   on the order in which small stories are visited.

Weights are damped TF-IDF: in a corpus about one story (sitrep's usual input) the words that
define the story are in most documents, and a plain IDF weighs them least. On T17 mixed with
PolNeAR, same-topic pairs rank above different-topic pairs with AUC 0.87 under plain IDF and
0.95 with an offset of ``log(1 + n)`` added to every IDF (0.96 for raw term frequency, which
lets generic words bind unrelated stories). The offset grows with the corpus so that the
weighting looks the same at a dozen articles as at thousands. A term only one article has
cannot tie it to anything: it is dropped from the vector but counts in its norm.
Duplicates join the story of the copy they duplicate.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from sitrep.claims import source_kind
from sitrep.link.common import content_words, date_bounds, sort_date
from sitrep.link.names import name_key
from sitrep.model import AnalyzedArticle, Duplicate, Entity, Story

# T17 x PolNeAR (bench/stories_t17.py): BCubed F1 0.946 alone, 0.960 with the attach step;
# 0.06 here (0.955) merges stories of comparable size (the toy stories of the tests)
THRESHOLD = 0.08
MERGE_THRESHOLD = 0.3  # centroid-to-centroid cosine
ENTITY_WEIGHT = 2.0
IDF_DAMPING = 1.0  # idf = log((1 + n) / (1 + df)) + IDF_DAMPING * log(1 + n), see below
ARTICLE_TERMS = 80  # an article keeps its heaviest terms
QUERY_TERMS = 25  # an article looks up stories by its heaviest terms
HALF_LIFE_DAYS = 60.0  # see _decay
CENTROID_TERMS = 300  # a centroid keeps its heaviest terms (pruned when it doubles)
MAX_POSTING = 1000  # a term in more stories than this is not used to look stories up
CANDIDATES = 50  # stories compared per article: those sharing most of its query terms
SMALL_STORY = 3  # stories of at most this many articles may attach to a large one ...
LARGE_STORY = 8  # ... of at least this many articles
ATTACH_THRESHOLD = 0.06  # centroid-to-centroid cosine (time decay included)
ATTACH_GAP_DAYS = 7  # ... and the small story dated at most this far outside the large one


@dataclass(slots=True)
class _Story:
    members: list[str] = field(default_factory=list)
    sums: dict[str, float] = field(default_factory=dict)
    norm2: float = 0.0
    alive: bool = True
    first: int | None = None  # ordinal days its dated members span
    last: int | None = None

    def span(self, days: tuple[int, int] | None) -> None:
        if days is None:
            return
        self.first = days[0] if self.first is None else min(self.first, days[0])
        self.last = days[1] if self.last is None else max(self.last, days[1])

    def add(self, vec: dict[str, float]) -> None:
        sums = self.sums
        for t, v in vec.items():
            old = sums.get(t, 0.0)
            sums[t] = old + v
            self.norm2 += (old + v) ** 2 - old * old
        if len(sums) > 2 * CENTROID_TERMS:
            self.prune()

    def prune(self) -> None:
        top = heapq.nlargest(CENTROID_TERMS, self.sums.items(), key=lambda kv: (kv[1], kv[0]))
        self.sums = dict(top)
        self.norm2 = sum(v * v for _, v in top)

    def cosine(self, vec: dict[str, float]) -> float:
        if self.norm2 <= 0:
            return 0.0
        sums = self.sums
        return sum(v * sums.get(t, 0.0) for t, v in vec.items()) / math.sqrt(self.norm2)


@lru_cache(maxsize=262144)
def _entity_term(norm: str) -> str:
    return "@" + name_key(norm)


def _terms(article: AnalyzedArticle) -> dict[str, float]:
    terms: dict[str, float] = dict(Counter(content_words(article.text)))
    for m in article.mentions:
        key = _entity_term(m.norm or m.text)
        if key != "@":
            terms[key] = terms.get(key, 0.0) + ENTITY_WEIGHT
    return terms


def _vector(terms: dict[str, float], idf: dict[str, float], lone: float) -> dict[str, float]:
    """Unit TF-IDF vector of an article, kept to its ``ARTICLE_TERMS`` heaviest shared terms.

    Terms no other article has (weight ``lone``) cannot match anything, so they are not kept,
    but they count in the norm: an article made mostly of its own words stays far from all.
    """
    vec: dict[str, float] = {}
    norm2 = 0.0
    for t, c in terms.items():
        if c <= 0:
            continue
        w = (1.0 + math.log(c)) * idf.get(t, lone)
        norm2 += w * w
        if t in idf:
            vec[t] = w
    if len(vec) > ARTICLE_TERMS:
        vec = dict(heapq.nlargest(ARTICLE_TERMS, vec.items(), key=lambda kv: (kv[1], kv[0])))
    norm = math.sqrt(norm2) or 1.0
    return {t: v / norm for t, v in vec.items()}


def _decay(
    a_first: int | None, a_last: int | None, b_first: int | None, b_last: int | None
) -> float:
    """Similarity factor for the days between two date spans (1 when they overlap or one is
    undated): a story quiet for ``HALF_LIFE_DAYS`` needs twice the similarity to be joined."""
    if a_first is None or a_last is None or b_first is None or b_last is None:
        return 1.0
    gap = max(0, b_first - a_last, a_first - b_last)
    return 1.0 / (1.0 + gap / HALF_LIFE_DAYS)


def _centroid_cosine(a: _Story, b: _Story) -> float:
    if a.norm2 <= 0 or b.norm2 <= 0:
        return 0.0
    if len(a.sums) > len(b.sums):
        a, b = b, a
    dot = sum(v * b.sums.get(t, 0.0) for t, v in a.sums.items())
    return dot / math.sqrt(a.norm2 * b.norm2) * _decay(a.first, a.last, b.first, b.last)


def split_stories(
    articles: list[AnalyzedArticle],
    *,
    duplicates: list[Duplicate] | None = None,
    threshold: float = THRESHOLD,
    merge_threshold: float = MERGE_THRESHOLD,
    attach_threshold: float = ATTACH_THRESHOLD,
) -> dict[str, str]:
    """Map each article id to a story id ("s1", "s2"... in order of each story's first article).

    Every article gets exactly one story.
    """
    dup_of = {d.document: d.duplicate_of for d in duplicates or []}
    order = sorted(articles, key=lambda a: (sort_date(a), a.id))
    terms = {a.id: _terms(a) for a in order if a.id not in dup_of}
    df: Counter[str] = Counter()
    for bag in terms.values():
        df.update(bag.keys())
    n = len(terms)
    offset = IDF_DAMPING * math.log(1 + n)
    idf = {t: math.log((1 + n) / (1 + c)) + offset for t, c in df.items() if c > 1}
    lone = math.log((1 + n) / 2) + offset  # the weight of a term only one article has

    stories: list[_Story] = []
    index: dict[str, set[int]] = defaultdict(set)
    story_of_index: dict[str, int] = {}
    for art in order:
        if art.id in dup_of:
            continue
        vec = _vector(terms.pop(art.id), idf, lone)
        days = date_bounds(art.published.as_range())
        best, best_s = -1.0, -1
        candidates = _candidates(index, vec, idf)
        for s in candidates:
            st = stories[s]
            sim = st.cosine(vec)
            if days is not None:
                sim *= _decay(st.first, st.last, days[0], days[1])
            if sim > best:
                best, best_s = sim, s
        if best < threshold:
            stories.append(_Story())
            best_s = len(stories) - 1
        st = stories[best_s]
        old = set(st.sums)
        st.members.append(art.id)
        st.span(days)
        st.add(vec)
        _reindex(index, best_s, old, set(st.sums))
        story_of_index[art.id] = best_s
    _merge(stories, index, idf, merge_threshold)
    _attach(stories, attach_threshold)

    # story ids in order of each story's first article
    root: dict[int, int] = {}
    for s, st in enumerate(stories):
        for doc in st.members:
            root[story_of_index[doc]] = s
    story_of: dict[str, str] = {}
    numbers: dict[int, int] = {}
    for art in order:
        if art.id in dup_of:
            continue
        s = root[story_of_index[art.id]]
        numbers.setdefault(s, len(numbers) + 1)
        story_of[art.id] = f"s{numbers[s]}"
    for art in order:
        if art.id in dup_of and art.id not in story_of:
            target = dup_of[art.id]
            if target not in story_of:
                numbers[-len(numbers) - 1] = len(numbers) + 1
                story_of[target] = f"s{len(numbers)}"
            story_of[art.id] = story_of[target]
    return story_of


def _reindex(index: dict[str, set[int]], s: int, old: set[str], new: set[str]) -> None:
    for t in new - old:
        index[t].add(s)
    for t in old - new:
        index[t].discard(s)


def _candidates(
    index: dict[str, set[int]], vec: dict[str, float], idf: dict[str, float]
) -> list[int]:
    """Stories sharing most of the ``QUERY_TERMS`` most specific heavy terms of ``vec``."""
    query = heapq.nlargest(QUERY_TERMS, ((v, t) for t, v in vec.items() if t in idf))
    shared: Counter[int] = Counter()
    for _, t in query:
        posting = index.get(t)
        if posting and len(posting) <= MAX_POSTING:
            shared.update(posting)
    if len(shared) <= CANDIDATES:
        return sorted(shared)
    return sorted(
        s for s, _ in heapq.nlargest(CANDIDATES, shared.items(), key=lambda kv: (kv[1], -kv[0]))
    )


def _merge(
    stories: list[_Story], index: dict[str, set[int]], idf: dict[str, float], threshold: float
) -> None:
    """Merge stories whose centroids reach ``threshold`` cosine, most similar pair first.

    Members move into the older story (the one with the earlier first article).
    """
    heap: list[tuple[float, int, int]] = []

    def push_pairs(s: int) -> None:
        st = stories[s]
        for o in _candidates(index, st.sums, idf):
            if o != s and stories[o].alive:
                sim = _centroid_cosine(st, stories[o])
                if sim >= threshold:
                    heapq.heappush(heap, (-sim, min(s, o), max(s, o)))

    for s in range(len(stories)):
        push_pairs(s)
    version = [0] * len(stories)
    seen: dict[tuple[int, int], tuple[int, int]] = {}
    while heap:
        neg, a, b = heapq.heappop(heap)
        if not (stories[a].alive and stories[b].alive):
            continue
        if seen.get((a, b)) == (version[a], version[b]):
            continue
        seen[(a, b)] = (version[a], version[b])
        sim = _centroid_cosine(stories[a], stories[b])
        if sim < threshold:
            continue
        if sim < -neg - 1e-12:  # stale entry: a or b changed since; try again at its new value
            heapq.heappush(heap, (-sim, a, b))
            continue
        keep, gone = stories[a], stories[b]
        old = set(keep.sums)
        for t, v in gone.sums.items():
            keep.sums[t] = keep.sums.get(t, 0.0) + v
        keep.norm2 = sum(v * v for v in keep.sums.values())
        if len(keep.sums) > 2 * CENTROID_TERMS:
            keep.prune()
        keep.members.extend(gone.members)
        keep.span(None if gone.first is None or gone.last is None else (gone.first, gone.last))
        gone.alive = False
        _reindex(index, b, set(gone.sums), set())
        _reindex(index, a, old, set(keep.sums))
        gone.members = []
        gone.sums = {}
        version[a] += 1
        push_pairs(a)


def _attach(stories: list[_Story], threshold: float) -> None:
    """Move each story of at most ``SMALL_STORY`` articles into the most similar story of at
    least ``LARGE_STORY`` articles, if their centroid cosine reaches ``threshold``.

    Similarities are computed against the large centroids before any move (order-free);
    ties go to the older story.
    """
    large = [s for s, st in enumerate(stories) if st.alive and len(st.members) >= LARGE_STORY]
    if not large:
        return
    index: dict[str, list[int]] = defaultdict(list)
    for s in large:
        for t in stories[s].sums:
            index[t].append(s)
    moves: list[tuple[int, int]] = []
    for s, st in enumerate(stories):
        if not st.alive or not st.members or len(st.members) > SMALL_STORY or st.first is None:
            continue
        near = sorted({o for t in st.sums for o in index.get(t, ())})
        best, best_o = threshold, -1
        for o in near:
            big = stories[o]
            if big.first is None or big.last is None or st.last is None:
                continue
            if max(big.first - st.last, st.first - big.last) > ATTACH_GAP_DAYS:
                continue
            sim = _centroid_cosine(st, big)
            if sim > best + 1e-12 or (best_o < 0 and sim >= threshold):
                best, best_o = sim, o
        if best_o >= 0:
            moves.append((s, best_o))
    for s, o in moves:
        stories[o].members.extend(stories[s].members)
        stories[s].members = []
        stories[s].alive = False


_OUTLET_KINDS = frozenset({"media", "state_media"})


def build_stories(
    articles: list[AnalyzedArticle],
    story_of: dict[str, str],
    *,
    entities: list[Entity] | None = None,
    mention_entities: dict[str, dict[tuple[int, int], str]] | None = None,
    label_size: int = 3,
) -> list[Story]:
    """The ``Story`` list, labelled with the entities most documents of each story mention
    (news outlets left out: they name who covers the story, not what it is about).

    Without entities, the label uses the most frequent mention names.
    """
    names = {e.id: e.name for e in entities or []}
    members: dict[str, list[str]] = defaultdict(list)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for art in sorted(articles, key=lambda a: (sort_date(a), a.id)):
        sid = story_of[art.id]
        members[sid].append(art.id)
        per_doc: set[str] = set()
        links = (mention_entities or {}).get(art.id, {})
        for m in art.mentions:
            if m.type == "group":
                continue
            eid = links.get(m.span)
            per_doc.add(names.get(eid or "", m.norm))
        counts[sid].update(per_doc)
    stories = []
    for sid in sorted(members, key=lambda s: int(s[1:])):
        # news outlets name the coverage, not its topic ("LONDON (Reuters) -" in every article)
        topical = [kv for kv in counts[sid].items() if source_kind(kv[0]) not in _OUTLET_KINDS]
        top = sorted(topical, key=lambda kv: (-kv[1], kv[0]))[:label_size]
        label = " · ".join(name for name, _ in top) or members[sid][0]
        stories.append(Story(id=sid, label=label, documents=members[sid]))
    return stories
