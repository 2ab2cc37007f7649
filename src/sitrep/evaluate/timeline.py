"""Timeline summarization on the T17 layout, scored as Ghalandari & Ifrim (ACL 2020) do.

Data (``DIR`` = the ``t17`` folder): ``<topic>_<source>/InputDocs/YYYY-MM-DD/*.txt`` (articles by
publication date, PTB-tokenized, about one sentence per line), ``timelines/*.txt`` (gold, tilse
text format) and ``keywords.json``. Folders are grouped by topic prefix (``bpoil_bbc`` ->
``bpoil``); a topic's articles are the union of its folders' InputDocs, and every gold timeline
is one task (protocol of news-tls): the task's input is restricted to the gold timeline's first
to last date, and the system writes as many dates as the gold has and, per date, the gold's
average number of sentences (rounded).

What runs (no spaCy: thousands of articles): each input line is a sentence; time expressions
come from ``sitrep.time.timex.tag_timexes`` anchored on the publication date; the timeline is
``sitrep.link.timeline.select_dates`` / ``rank_rows`` (helpers of the dossier timeline module) over
sentences that mention a day or come from that day's articles.

Scores (our own implementation; tilse is not a dependency), read from tilse 0.x and ROUGE-1.5.5
as called by tilse (``-n 2 -m -s -f A -t 2``):

* ROUGE-1.5.5 token processing: ``-`` split off, characters outside ``[A-Za-z0-9-]`` to spaces,
  lowercased, stopwords of ``smart_common_words.txt`` dropped (the file is read from the data
  folder or its parents, never bundled), tokens not starting with ``[a-z0-9$]`` dropped, words
  of more than 3 letters Porter-stemmed. ROUGE-1.5.5 also consults WordNet exceptions
  ("went" -> "go") before stemming; that table is not applied here. N-grams are counted over a
  summary's sentences joined in order (bigrams cross sentence ends, as in ROUGE's joined text).
* hit / peer / model counts per compared pair, precision = sum(hits)/sum(peer counts) and
  recall = sum(hits)/sum(model counts) over the compared pairs (tilse's micro average);
* ``concat``: all sentences of each timeline concatenated; ``agreement``: the summaries of
  dates in both; ``align+ m:1``: each predicted date (for precision) and each gold date (for
  recall) goes to the date of the other timeline with the least cost ``(1 - 1/(|Δdays|+1)) ·
  (1 - ROUGE-1 approximation)`` (tilse's ``_assign_to_min_cost``: argmin per row, ties to the
  first date), its hits weighted by ``1/(|Δdays|+1)``;
* Date-F1: precision and recall of the predicted date set against the gold dates;
* over the timelines: precision and recall averaged, then F (news-tls ``get_average_results``).
"""

from __future__ import annotations

import bisect
import json
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from sitrep.link.common import in_own_voice
from sitrep.link.timeline import rank_rows, select_dates
from sitrep.time.timex import tag_timexes

log = logging.getLogger(__name__)

__all__ = [
    "Timeline",
    "evaluate_timeline",
    "parse_tilse",
    "porter_stem",
    "rouge_counts",
    "score_timeline",
    "write_tilse",
]

Timeline = dict[str, list[str]]  # ISO day -> sentences (PTB-tokenized)
SEPARATOR = "-" * 32
MAX_SENT_TOKENS = 60  # longer lines are usually glued captions or lists
MIN_SENT_TOKENS = 6
REPORT_LAG = 2  # days after a date in which its own articles report it (published d..d+2)
# sentence choice, tuned on bpoil + H1N1 (8 timelines), checked on Finan, haiti, MJ
# (bench/RESULTS.md): weight of the whole story's centroid next to the date's own centroid,
# boost of a sentence that names the date, cosine at which a sentence repeats one chosen
TOPIC_WEIGHT = 0.5
ANCHOR_BOOST = 1.5
REDUNDANT = 0.3
OWN_VOICE = 0.5  # x score of a line in its writer's own voice (T17: 0.5 and 0.25 alike)


# ---- the tilse text format -------------------------------------------------------------------


def parse_tilse(text: str) -> Timeline:
    """``YYYY-MM-DD`` line, its sentences, a dashes line; repeated. Bad dates are skipped."""
    out: Timeline = {}
    current: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("-----"):
            current = None
            continue
        if current is None and re.fullmatch(r"\d{4}-\d{2}-\d{2}", line):
            try:
                date.fromisoformat(line)
            except ValueError:
                log.warning("skipping malformed timeline date %r", line)
                current = "skip"
                continue
            current = line
            out.setdefault(current, [])
            continue
        if current is None and re.fullmatch(r"\d{4}-\d{2}-\d?", line):
            log.warning("skipping malformed timeline date %r", line)
            current = "skip"
            continue
        if current and current != "skip":
            out[current].append(line)
    return out


def write_tilse(timeline: Timeline) -> str:
    """A timeline in tilse text format, dates in order."""
    parts = []
    for day in sorted(timeline):
        parts.append(day + "\n" + "".join(s.strip() + "\n" for s in timeline[day]) + SEPARATOR)
    return "\n".join(parts) + ("\n" if parts else "")


# ---- ROUGE-1.5.5 as tilse calls it -----------------------------------------------------------


def _cons(w: str, i: int) -> bool:
    ch = w[i]
    if ch in "aeiou":
        return False
    if ch == "y":
        return i == 0 or not _cons(w, i - 1)
    return True


def _m(stem: str) -> int:
    """Porter's measure: the number of VC sequences in ``stem``."""
    n, i, size = 0, 0, len(stem)
    while i < size and _cons(stem, i):
        i += 1
    while i < size:
        while i < size and not _cons(stem, i):
            i += 1
        if i >= size:
            break
        n += 1
        while i < size and _cons(stem, i):
            i += 1
    return n


def _has_vowel(stem: str) -> bool:
    return any(not _cons(stem, i) for i in range(len(stem)))


def _double_c(w: str) -> bool:
    return len(w) >= 2 and w[-1] == w[-2] and _cons(w, len(w) - 1)


def _cvc(w: str) -> bool:
    if len(w) < 3:
        return False
    i = len(w) - 1
    return _cons(w, i - 2) and not _cons(w, i - 1) and _cons(w, i) and w[i] not in "wxy"


_STEP2 = (
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("abli", "able"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
)
_STEP3 = (
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
)
_STEP4 = (
    "al",
    "ance",
    "ence",
    "er",
    "ic",
    "able",
    "ible",
    "ant",
    "ement",
    "ment",
    "ent",
    "ion",
    "ou",
    "ism",
    "ate",
    "iti",
    "ous",
    "ive",
    "ize",
)


def porter_stem(word: str) -> str:
    """The original Porter (1980) stemmer, as ROUGE-1.5.5's ``Porter.pm`` implements it."""
    w = word
    if len(w) <= 2:
        return w
    # step 1a
    if w.endswith(("sses", "ies")):
        w = w[:-2]
    elif w.endswith("ss"):
        pass
    elif w.endswith("s"):
        w = w[:-1]
    # step 1b
    extra = False
    if w.endswith("eed"):
        if _m(w[:-3]) > 0:
            w = w[:-1]
    elif w.endswith("ed") and _has_vowel(w[:-2]):
        w, extra = w[:-2], True
    elif w.endswith("ing") and _has_vowel(w[:-3]):
        w, extra = w[:-3], True
    if extra:
        if w.endswith(("at", "bl", "iz")):
            w += "e"
        elif _double_c(w) and w[-1] not in "lsz":
            w = w[:-1]
        elif _m(w) == 1 and _cvc(w):
            w += "e"
    # step 1c
    if w.endswith("y") and _has_vowel(w[:-1]):
        w = w[:-1] + "i"
    # step 2
    for suffix, repl in _STEP2:
        if w.endswith(suffix):
            if _m(w[: -len(suffix)]) > 0:
                w = w[: -len(suffix)] + repl
            break
    # step 3
    for suffix, repl in _STEP3:
        if w.endswith(suffix):
            if _m(w[: -len(suffix)]) > 0:
                w = w[: -len(suffix)] + repl
            break
    # step 4
    for suffix in _STEP4:
        if w.endswith(suffix):
            stem = w[: -len(suffix)]
            if _m(stem) > 1 and (suffix != "ion" or stem.endswith(("s", "t"))):
                w = stem
            break
    # step 5
    if w.endswith("e"):
        stem = w[:-1]
        if _m(stem) > 1 or (_m(stem) == 1 and not _cvc(stem)):
            w = stem
    if _m(w) > 1 and _double_c(w) and w.endswith("l"):
        w = w[:-1]
    return w


def load_stopwords(data_dir: Path) -> frozenset[str]:
    """ROUGE-1.5.5's ``smart_common_words.txt`` from ``data_dir`` or a parent of it."""
    for folder in (data_dir, *data_dir.resolve().parents[:2]):
        path = folder / "smart_common_words.txt"
        if path.is_file():
            return frozenset(w.strip() for w in path.read_text(encoding="utf-8").split())
    raise FileNotFoundError(f"smart_common_words.txt not found in {data_dir} or its parents")


_NON_ROUGE = re.compile(r"[^A-Za-z0-9\-]")
_STEM_CACHE: dict[str, str] = {}


def rouge_tokens(sentences: Iterable[str], stopwords: frozenset[str]) -> list[str]:
    """ROUGE-1.5.5 tokens of a summary (``-m -s``), sentences joined in order."""
    out = []
    for sent in sentences:
        text = _NON_ROUGE.sub(" ", sent.replace("-", " - ")).lower()
        for tok in text.split():
            if tok in stopwords or not re.match(r"[a-z0-9$]", tok):
                continue
            stem = tok
            if len(tok) > 3:
                stem = _STEM_CACHE.get(tok) or _STEM_CACHE.setdefault(tok, porter_stem(tok))
            out.append(stem)
    return out


def _ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(slots=True)
class _Counts:
    """hit, peer (predicted) and model (gold) n-gram counts."""

    hit: float = 0.0
    peer: int = 0
    model: int = 0


def rouge_counts(pred: Sequence[str], gold: Sequence[str], n: int) -> _Counts:
    """ROUGE-N counts of predicted against gold tokens."""
    p, g = _ngrams(pred, n), _ngrams(gold, n)
    hit = sum(min(c, g[k]) for k, c in p.items() if k in g)
    return _Counts(hit=hit, peer=sum(p.values()), model=sum(g.values()))


def _approx_rouge1(pred: list[str], gold: list[str]) -> float:
    """tilse's ``compute_rouge_approximation``: unigram F1 over whitespace tokens, no stemming."""
    p = Counter(t for s in pred for t in s.split())
    g = Counter(t for s in gold for t in s.split())
    match = sum(min(c, g[t]) for t, c in p.items())
    prec = match / sum(p.values()) if p else 0.0
    rec = match / sum(g.values()) if g else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def _days(a: str, b: str) -> int:
    return abs(date.fromisoformat(a).toordinal() - date.fromisoformat(b).toordinal())


def score_timeline(
    pred: Timeline, gold: Timeline, *, stopwords: frozenset[str]
) -> dict[str, dict[str, tuple[float, float]]]:
    """``{metric: {rouge_1|rouge_2|date: (precision, recall)}}`` of one predicted timeline."""
    toks: dict[tuple[str, str], list[str]] = {}

    def tokens(which: str, tl: Timeline, day: str) -> list[str]:
        key = (which, day)
        if key not in toks:
            toks[key] = rouge_tokens(tl.get(day, []), stopwords)
        return toks[key]

    out: dict[str, dict[str, tuple[float, float]]] = {}
    pdays, gdays = sorted(pred), sorted(gold)

    # concat
    all_p = [t for d in pdays for t in tokens("p", pred, d)]
    all_g = [t for d in gdays for t in tokens("g", gold, d)]
    concat: dict[str, tuple[float, float]] = {}
    for n in (1, 2):
        c = rouge_counts(all_p, all_g, n)
        concat[f"rouge_{n}"] = (_div(c.hit, c.peer), _div(c.hit, c.model))
    out["concat"] = concat
    # agreement
    agree: dict[str, tuple[float, float]] = {}
    for n in (1, 2):
        hp = pp = hr = mr = 0.0
        for d in sorted(set(pdays) | set(gdays)):
            c = rouge_counts(tokens("p", pred, d), tokens("g", gold, d), n)
            if d in pred:
                hp, pp = hp + c.hit, pp + c.peer
            if d in gold:
                hr, mr = hr + c.hit, mr + c.model
        agree[f"rouge_{n}"] = (_div(hp, pp), _div(hr, mr))
    out["agreement"] = agree
    # align+ m:1
    align: dict[str, tuple[float, float]] = {}
    to_gold = {p: _min_cost(p, gdays, pred, gold, pred_side=True) for p in pdays}
    to_pred = {g: _min_cost(g, pdays, pred, gold, pred_side=False) for g in gdays}
    for n in (1, 2):
        hp = pp = hr = mr = 0.0
        for p in pdays:
            g = to_gold[p]
            c = rouge_counts(tokens("p", pred, p), tokens("g", gold, g) if g else [], n)
            w = 1 / (_days(p, g) + 1) if g else 0.0
            hp, pp = hp + w * c.hit, pp + c.peer
        for g in gdays:
            p = to_pred[g]
            c = rouge_counts(tokens("p", pred, p) if p else [], tokens("g", gold, g), n)
            w = 1 / (_days(p, g) + 1) if p else 0.0
            hr, mr = hr + w * c.hit, mr + c.model
        align[f"rouge_{n}"] = (_div(hp, pp), _div(hr, mr))
    out["align+ m:1"] = align
    shared = len(set(pdays) & set(gdays))
    out["date"] = {"date": (_div(shared, len(pdays)), _div(shared, len(gdays)))}
    return out


def _min_cost(
    day: str, others: list[str], pred: Timeline, gold: Timeline, *, pred_side: bool
) -> str:
    best: tuple[float, str] | None = None
    for other in others:
        dfac = 1 - 1 / (_days(day, other) + 1)
        if pred_side:
            content = 1 - _approx_rouge1(pred[day], [*gold[other]])
        else:
            content = 1 - _approx_rouge1(pred[other], [*gold[day]])
        cost = dfac * content
        if best is None or cost < best[0]:
            best = (cost, other)
    return best[1] if best else ""


def _div(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# ---- the system ------------------------------------------------------------------------------


@dataclass(slots=True)
class _Sent:
    text: str
    published: str
    mentions: tuple[str, ...]  # ISO days the sentence's DATE time expressions name (not future)
    position: int = 0  # index among the article's kept sentences (0 = the lead)


@dataclass(slots=True)
class _Topic:
    name: str
    sentences: list[_Sent] = field(default_factory=list)
    published: Counter[str] = field(default_factory=Counter)
    keywords: list[str] = field(default_factory=list)


def _read_doc(args: tuple[str, str]) -> list[_Sent]:
    path, pub = args
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    lines = text.split("\n")
    # one sentence per line: tag the whole text once, then give each line its time expressions
    timexes = tag_timexes(text, anchor=pub)
    starts = []
    pos = 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    by_line: dict[int, list[str]] = defaultdict(list)
    for t in timexes:
        if t.type != "DATE" or t.resolved is None or t.resolved.date is None:
            continue
        if len(t.resolved.date) != 10 or t.tense == "future":
            continue
        by_line[bisect.bisect_right(starts, t.span[0]) - 1].append(t.resolved.date)
    out: list[_Sent] = []
    for i, line in enumerate(lines):
        n = len(line.split())
        if n < MIN_SENT_TOKENS or n > MAX_SENT_TOKENS:
            continue
        out.append(
            _Sent(
                text=line.strip(),
                published=pub,
                mentions=tuple(by_line.get(i, ())),
                position=len(out),
            )
        )
    return out


def load_topics(data_dir: Path, topics: list[str] | None = None) -> dict[str, list[Path]]:
    """Topic prefix -> its ``<topic>_<source>`` folders."""
    groups: dict[str, list[Path]] = defaultdict(list)
    for folder in sorted(p for p in data_dir.iterdir() if (p / "InputDocs").is_dir()):
        topic = folder.name.split("_")[0]
        if topics and topic not in topics and folder.name not in topics:
            continue
        groups[topic].append(folder)
    return dict(groups)


def _read_topic(name: str, folders: list[Path], *, workers: int) -> _Topic:
    jobs = []
    seen: set[tuple[str, str, int]] = set()
    for folder in folders:
        for day_dir in sorted((folder / "InputDocs").iterdir()):
            if not day_dir.is_dir() or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day_dir.name):
                continue
            for f in sorted(day_dir.iterdir()):
                if f.suffix != ".txt" or f.stat().st_size == 0:
                    continue
                key = (day_dir.name, f.name, f.stat().st_size)
                if key in seen:
                    continue  # the same article filed under two sources of the topic
                seen.add(key)
                jobs.append((str(f), day_dir.name))
    topic = _Topic(name=name)
    for folder in folders:
        kw = folder / "keywords.json"
        if kw.is_file():
            topic.keywords += [k for k in json.loads(kw.read_text()) if k not in topic.keywords]
    for _, pub in jobs:
        topic.published[pub] += 1
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for sents in pool.map(_read_doc, jobs, chunksize=16):
                topic.sentences.extend(sents)
    else:
        for job in jobs:
            topic.sentences.extend(_read_doc(job))
    return topic


def predict(topic: _Topic, *, start: str, end: str, n_dates: int, per_date: int) -> Timeline:
    """A timeline of ``n_dates`` dates in ``[start, end]`` with ``per_date`` sentences each.

    Dates: sentences naming the day + 0.5 x articles published that day. Sentences: the pool
    of a date is the sentences naming it plus its own articles' sentences naming no other day;
    one TF-IDF space over every pool of the timeline (shared IDF); a sentence scores by cosine
    to its date's centroid + TOPIC_WEIGHT x cosine to the centroid of all pools (the story's own
    keywords, derived from the corpus), times ANCHOR_BOOST when it names the date and OWN_VOICE
    when it speaks in its writer's own voice (``in_own_voice``); REDUNDANT cosine filter within
    a date.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    lo, hi = date.fromisoformat(start), date.fromisoformat(end)
    mentions: Counter[str] = Counter()
    pools: dict[str, dict[str, bool]] = defaultdict(dict)  # day -> text -> names the day
    for s in topic.sentences:
        pub = date.fromisoformat(s.published)
        if pub < lo or pub > hi + timedelta(days=REPORT_LAG):
            continue
        named = [d for d in set(s.mentions) if start <= d <= end and d <= s.published]
        for d in named:
            mentions[d] += 1
            pools[d][s.text] = True
        if not named and s.published <= end:
            pools[s.published].setdefault(s.text, False)
    support = {
        d: mentions[d] + 0.5 * topic.published.get(d, 0)
        for d in set(mentions) | {p for p in topic.published if start <= p <= end}
    }
    days = select_dates(support, n_dates)
    texts = sorted({t for d in days for t in pools.get(d, {})})
    if not texts:
        return {}
    row = {t: i for i, t in enumerate(texts)}
    try:
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # nothing but stopwords
        return {d: list(pools[d])[:per_date] for d in days if pools.get(d)}
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    story = centroid / norm if norm else centroid
    out: Timeline = {}
    for d in days:
        pool = pools.get(d, {})
        rows = [row[t] for t in pool]
        boost = [
            (ANCHOR_BOOST if named else 1.0) * (OWN_VOICE if in_own_voice(text) else 1.0)
            for text, named in pool.items()
        ]
        picked = rank_rows(
            matrix,
            rows,
            per_date,
            topic=story,
            topic_weight=TOPIC_WEIGHT,
            boost=boost,
            redundant=REDUNDANT,
        )
        if picked:
            out[d] = [texts[i] for i in picked]
    return out


def evaluate_timeline(
    data_dir: Path,
    *,
    pred_out: Path | None = None,
    topics: list[str] | None = None,
    workers: int = 2,
) -> dict[str, Any]:
    """Run and score sitrep's timeline on every gold timeline of a T17-layout folder.

    Returns per-timeline scores and the averages (P and R averaged over timelines, then F):
    ``{"timelines": [...], "average": {metric: {rouge_1|rouge_2|date: {p, r, f}}}, ...}``.
    With ``pred_out``, each predicted timeline is written (tilse text format) to
    ``pred_out/<topic_source>/<gold file name>``.
    """
    stopwords = load_stopwords(data_dir)
    groups = load_topics(data_dir, topics)
    if not groups:
        raise FileNotFoundError(f"no <topic>_<source>/InputDocs folders in {data_dir}")
    rows: list[dict[str, Any]] = []
    for name, folders in groups.items():
        topic = _read_topic(name, folders, workers=workers)
        log.info("topic %s: %d sentences", name, len(topic.sentences))
        for folder in folders:
            for gold_path in sorted((folder / "timelines").glob("*.txt")):
                gold = parse_tilse(gold_path.read_text(encoding="utf-8", errors="replace"))
                if not gold:
                    continue
                days = sorted(gold)
                per_date = max(1, round(sum(len(v) for v in gold.values()) / len(gold)))
                pred = predict(
                    topic, start=days[0], end=days[-1], n_dates=len(days), per_date=per_date
                )
                if pred_out is not None:
                    target = pred_out / folder.name / gold_path.name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_text(write_tilse(pred), encoding="utf-8")
                scores = score_timeline(pred, gold, stopwords=stopwords)
                rows.append(
                    {
                        "topic": name,
                        "timeline": f"{folder.name}/{gold_path.name}",
                        "dates": len(days),
                        "per_date": per_date,
                        "scores": {
                            m: {k: {"p": p, "r": r, "f": _f(p, r)} for k, (p, r) in v.items()}
                            for m, v in scores.items()
                        },
                    }
                )
    average: dict[str, dict[str, dict[str, float]]] = {}
    for metric in ("concat", "agreement", "align+ m:1", "date"):
        average[metric] = {}
        for key in rows[0]["scores"][metric] if rows else ():
            p = sum(r["scores"][metric][key]["p"] for r in rows) / len(rows)
            r_ = sum(r["scores"][metric][key]["r"] for r in rows) / len(rows)
            average[metric][key] = {"p": p, "r": r_, "f": _f(p, r_)}
    return {
        "data": str(data_dir),
        "timelines": rows,
        "average": average,
        "method": (
            "per-line sentences; tag_timexes anchored on publication dates; dates by mentions "
            "+ 0.5 x articles published; sentences by TF-IDF cosine to the date centroid + "
            "0.5 x the story centroid, x1.5 when naming the date, redundancy filter 0.3"
        ),
    }
