"""Exact, near and paraphrased duplicates.

Three tests, in order, each only on candidates found by an index (never all pairs):

1. exact: the same word sequence (hash of the lowercased words);
2. near: MinHash (96 permutations, 24 bands of 4 rows) over word 5-grams finds candidates,
   then the true Jaccard of the 5-gram sets must reach ``NEAR_JACCARD``;
3. paraphrase (a rewritten wire story): candidates share at least ``MIN_SHARED_ANCHORS`` rare
   anchors (figures and named-entity names) and were published at most ``MAX_DAYS_APART``
   days apart (undated articles are not compared); then most sentences of *each* text must
   have a TF-IDF cosine partner in the other, and their figures and entities must overlap.
   Requiring it of both texts keeps a page that glues in one paragraph of another from counting.
   A reworded rewrite (same facts, other words: "the dam broke apart" for "the dam gave way")
   keeps few sentences above that cosine; when the facts themselves match (at least
   ``FACT_FIGURES`` shared figures, nearly all figures of the text with fewer, and most names),
   a partner at ``FACT_SENTENCE_COSINE`` is enough. Entity names are compared by
   ``names.name_key``, so "Andriy" and "Andrii" Halushka are one name.

Precision comes first: a false duplicate hides an article from every later step.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from scipy import sparse

from sitrep.link.common import content_words, date_bounds, sort_date, words
from sitrep.link.names import name_key
from sitrep.model import AnalyzedArticle, Duplicate

log = logging.getLogger(__name__)

SHINGLE = 5
PERMUTATIONS = 96
BANDS = 24  # 4 rows each: P(candidate) is 0.99 at Jaccard 0.8, 0.03 at Jaccard 0.2
NEAR_JACCARD = 0.8
SENTENCE_COSINE = 0.5
MAX_DAYS_APART = 3  # a rewritten wire story runs within days of its original
ALIGNED_SHORT = 0.6  # share of the shorter text's sentences that need a partner
ALIGNED_LONG = 0.5  # ... and of the longer text's
MIN_SHARED_ANCHORS = 3
MAX_POSTING = 50  # anchors found in more documents than this are not rare
MAX_LENGTH_RATIO = 2.0
MAX_PARAPHRASE_CANDIDATES = 8  # earlier articles checked per article, most shared anchors first
# a rewrite whose facts match: figures shared, share of the smaller figure set, names overlap,
# and the sentence cosine a partner then needs (same ALIGNED_SHORT/ALIGNED_LONG shares)
FACT_FIGURES = 3
FACT_FIGURE_OVERLAP = 0.8
FACT_ENTITY_OVERLAP = 0.6
FACT_SENTENCE_COSINE = 0.2

_PRIME = np.uint64((1 << 61) - 1)
_rng = np.random.default_rng(20240806)  # fixed seed: the same input gives the same output
_A = _rng.integers(1, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, 1 << 32, size=PERMUTATIONS, dtype=np.uint64)
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?![\w])")
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])")


@dataclass(slots=True)
class _Doc:
    index: int
    n_words: int
    digest: str
    day: tuple[int, int] | None = None
    shingles: npt.NDArray[np.uint32] = field(default_factory=lambda: np.zeros(0, np.uint32))
    sentences: list[Counter[str]] = field(default_factory=list)
    figures: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    matrix: sparse.csr_matrix | None = None


def _shingles(tokens: list[str]) -> set[int]:
    if len(tokens) < SHINGLE:
        return {zlib.crc32(" ".join(tokens).encode())} if tokens else set()
    return {
        zlib.crc32(" ".join(tokens[i : i + SHINGLE]).encode())
        for i in range(len(tokens) - SHINGLE + 1)
    }


def minhash(shingles: set[int]) -> npt.NDArray[np.uint64]:
    """The MinHash signature of a set of 32-bit shingle hashes."""
    if not shingles:
        return np.full(PERMUTATIONS, _PRIME, dtype=np.uint64)
    values = np.fromiter(shingles, dtype=np.uint64, count=len(shingles))
    # splitmix64 first, so that near values (small ints, similar CRCs) spread over 32 bits;
    # then a < 2**32 and h < 2**32, so a*h + b < 2**64: no overflow before the modulo.
    values = (values + np.uint64(0x9E3779B97F4A7C15)) * np.uint64(0xBF58476D1CE4E5B9)
    values = (values ^ (values >> np.uint64(31))) >> np.uint64(32)
    hashed = (np.outer(values, _A) + _B) % _PRIME
    result: npt.NDArray[np.uint64] = hashed.min(axis=0)
    return result


def jaccard(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _jaccard_sorted(a: npt.NDArray[np.uint32], b: npt.NDArray[np.uint32]) -> float:
    if not len(a) or not len(b):
        return 0.0
    both = len(np.intersect1d(a, b, assume_unique=True))
    return both / (len(a) + len(b) - both)


def _sentences(article: AnalyzedArticle) -> list[str]:
    if article.sentences:
        return [article.text[s.span[0] : s.span[1]] for s in article.sentences]
    return [s for s in _SPLIT.split(article.text) if s.strip()]


@lru_cache(maxsize=262144)
def _entity_key(norm: str) -> str:
    return name_key(norm.lower())


def _figure_key(value: float | None, unit: str | None) -> str | None:
    if value is None:
        return None
    return f"{value:g}{unit or ''}"


def _prepare(index: int, article: AnalyzedArticle) -> _Doc:
    tokens = words(article.text)
    doc = _Doc(
        index=index,
        n_words=len(tokens),
        digest=hashlib.sha1(" ".join(tokens).encode()).hexdigest(),
        # a sorted array holds a document's shingles in ~1 kB (a set of ints takes ~20 kB)
        shingles=np.unique(np.fromiter(_shingles(tokens), dtype=np.uint32)),
        day=date_bounds(article.published.as_range()),
    )
    doc.sentences = [Counter(content_words(s)) for s in _sentences(article)]
    doc.sentences = [s for s in doc.sentences if s]
    doc.figures = {
        key for f in article.figures if (key := _figure_key(f.value, f.unit)) is not None
    }
    doc.entities = {
        key for m in article.mentions if m.type != "group" and (key := _entity_key(m.norm))
    }
    return doc


def _matrix(doc: _Doc, idf: dict[str, float], vocab: dict[str, int]) -> sparse.csr_matrix:
    """The document's sentences as L2-normalised TF-IDF rows (built once, on first need)."""
    if doc.matrix is None:
        rows, cols, vals = [], [], []
        for r, sent in enumerate(doc.sentences):
            weights = {t: c * idf.get(t, 1.0) for t, c in sent.items()}
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            for t, w in weights.items():
                rows.append(r)
                cols.append(vocab[t])
                vals.append(w / norm)
        doc.matrix = sparse.csr_matrix(
            (vals, (rows, cols)), shape=(len(doc.sentences), len(vocab)), dtype=np.float64
        )
    return doc.matrix


def _aligned(
    a: _Doc, b: _Doc, idf: dict[str, float], vocab: dict[str, int], cosines: tuple[float, ...]
) -> list[tuple[float, float]]:
    """For each of ``cosines``: the share of the sentences of ``a`` and of ``b`` that have a
    partner at least that close in the other (TF-IDF rows, one sparse product per pair)."""
    if not a.sentences or not b.sentences:
        return [(0.0, 0.0) for _ in cosines]
    sims = (_matrix(a, idf, vocab) @ _matrix(b, idf, vocab).T).toarray()
    best_a, best_b = sims.max(axis=1), sims.max(axis=0)
    return [
        (
            int((best_a >= c - 1e-9).sum()) / len(a.sentences),
            int((best_b >= c - 1e-9).sum()) / len(b.sentences),
        )
        for c in cosines
    ]


def _overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _paraphrase(a: _Doc, b: _Doc, idf: dict[str, float], vocab: dict[str, int]) -> str | None:
    """Evidence text when ``a`` and ``b`` are the same story rewritten, else ``None``."""
    if a.day is None or b.day is None:
        return None
    if a.day[0] - b.day[1] > MAX_DAYS_APART or b.day[0] - a.day[1] > MAX_DAYS_APART:
        return None
    la, lb = a.n_words, b.n_words
    if min(la, lb) == 0 or max(la, lb) / min(la, lb) > MAX_LENGTH_RATIO:
        return None
    fig = _overlap(a.figures, b.figures)
    ent = _overlap(a.entities, b.entities)
    if (a.figures and b.figures and fig < 0.5) or ent < 0.4:
        return None
    facts = (
        len(a.figures & b.figures) >= FACT_FIGURES
        and fig >= FACT_FIGURE_OVERLAP
        and ent >= FACT_ENTITY_OVERLAP
    )
    cosines = (SENTENCE_COSINE, FACT_SENTENCE_COSINE) if facts else (SENTENCE_COSINE,)
    for cosine, (share_a, share_b) in zip(
        cosines, _aligned(a, b, idf, vocab, cosines), strict=True
    ):
        if len(a.sentences) <= len(b.sentences):
            short, long_ = share_a, share_b
        else:
            short, long_ = share_b, share_a
        if short >= ALIGNED_SHORT and long_ >= ALIGNED_LONG:
            return (
                f"paraphrase: {min(share_a, share_b):.0%}/{max(share_a, share_b):.0%} of "
                f"sentences aligned (tf-idf cosine >= {cosine}), figures overlap {fig:.2f}, "
                f"entities overlap {ent:.2f}"
            )
    return None


def _fact_bag(text: str) -> Counter[str]:
    bag = Counter(content_words(text))
    bag.update("#" + n.replace(",", "") for n in _NUMBER.findall(text))
    return bag


def novel_sentences(
    duplicate: AnalyzedArticle, original: AnalyzedArticle, *, cosine: float = FACT_SENTENCE_COSINE
) -> list[tuple[int, int]]:
    """Spans of the sentences of ``duplicate`` with no partner in ``original`` (TF-IDF cosine
    below ``cosine``, IDF over the two texts' sentences; numbers count as words, since the
    same figure in other words is the same fact).

    A rewrite may add a fact to the wire it rewords (a declaration made the next day): those
    sentences are news, the rest repeat the original and are no new source for it.
    """
    spans = [s.span for s in duplicate.sentences] or [(0, len(duplicate.text))]
    dup = [_fact_bag(duplicate.text[a:b]) for a, b in spans]
    orig = [_fact_bag(t) for t in _sentences(original)]
    orig = [c for c in orig if c]
    df: Counter[str] = Counter()
    for c in dup + orig:
        df.update(c.keys())
    n = len(dup) + len(orig)
    idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
    vocab = {t: i for i, t in enumerate(sorted(df))}
    a = _Doc(index=0, n_words=0, digest="", sentences=dup)
    b = _Doc(index=1, n_words=0, digest="", sentences=orig)
    if not orig:
        return [span for span, c in zip(spans, dup, strict=True) if c]
    sims = (_matrix(a, idf, vocab) @ _matrix(b, idf, vocab).T).toarray()
    best = sims.max(axis=1)
    return [
        span for span, c, sim in zip(spans, dup, best, strict=True) if c and sim < cosine - 1e-9
    ]


class _Roots:
    """Union of duplicates, each group rooted at its earliest member."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def root(self, i: int) -> int:
        while i in self.parent:
            i = self.parent[i]
        return i


def find_duplicates(articles: list[AnalyzedArticle]) -> list[Duplicate]:
    """Duplicates among ``articles``; each points to the earliest-published (else first) copy.

    Articles are visited by publication date (undated last, then input order), so the copy a
    duplicate points to never depends on the order of the input list beyond ties.
    """
    order = sorted(range(len(articles)), key=lambda i: (sort_date(articles[i]), i))
    docs = {i: _prepare(i, articles[i]) for i in order}
    df: Counter[str] = Counter()
    for d in docs.values():
        df.update({t for s in d.sentences for t in s})
    n = max(1, len(articles))
    idf = {t: math.log((1 + n) / (1 + c)) + 1.0 for t, c in df.items()}
    anchor_df: Counter[str] = Counter()
    for d in docs.values():
        anchor_df.update(d.figures | d.entities)

    vocab = {t: n for n, t in enumerate(sorted(df))}
    exact: dict[str, int] = {}
    bands: dict[tuple[int, bytes], list[int]] = defaultdict(list)
    anchors: dict[str, list[int]] = defaultdict(list)
    roots = _Roots()
    found: dict[int, Duplicate] = {}
    rows = PERMUTATIONS // BANDS
    for i in order:
        doc = docs[i]
        art = articles[i]
        if not doc.n_words:
            continue
        digest = doc.digest
        match: tuple[int, str] | None = None
        if digest in exact:
            match = (exact[digest], "exact: same words after cleaning")
        else:
            exact[digest] = i
        sig = minhash(set(doc.shingles.tolist()))
        keys = [(b, sig[b * rows : (b + 1) * rows].tobytes()) for b in range(BANDS)]
        if match is None:
            best, best_j = NEAR_JACCARD, -1
            for j in sorted({j for k in keys for j in bands.get(k, ())}):
                score = _jaccard_sorted(doc.shingles, docs[j].shingles)
                if score >= best:
                    best, best_j = score, j
            if best_j >= 0:
                match = (best_j, f"near: jaccard {best:.2f} over word {SHINGLE}-grams")
        if match is None:
            rare = [a for a in doc.figures | doc.entities if anchor_df[a] <= MAX_POSTING]
            shared: Counter[int] = Counter(j for a in rare for j in anchors.get(a, ()))
            ranked = sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))
            for j, count in ranked[:MAX_PARAPHRASE_CANDIDATES]:
                if count < MIN_SHARED_ANCHORS:
                    break
                evidence = _paraphrase(doc, docs[j], idf, vocab)
                if evidence:
                    match = (j, evidence)
                    break
            for a in rare:
                anchors[a].append(i)
        for k in keys:
            bands[k].append(i)
        if match is not None:
            target = roots.root(match[0])
            roots.parent[i] = target
            found[i] = Duplicate(
                document=art.id, duplicate_of=articles[target].id, evidence=match[1]
            )
            log.debug("duplicate %s of %s (%s)", art.id, articles[target].id, match[1])
    return [found[i] for i in sorted(found)]
