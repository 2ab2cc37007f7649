"""A trained attribution tagger: SOURCE / CUE / CONTENT spans as BIO tags over spaCy tokens.

PolNeAR's spans of different roles never overlap, nor do two spans of one role (0 of 6,656
spans on dev), so one BIO layer with seven tags (``O``, ``B-``/``I-`` per role) represents all
of them; 27 of those spans (0.4%) do not fall on token boundaries of the product's parse.

* ``token_features``: per token, feature strings from the token, its lemma/POS/dependency, its
  head, its ancestors up to the nearest cue-like word and the dependency relations that lead
  there, the nearest cue-like word in the sentence, the quotation state of its paragraph, its
  place in a transcript line ("NAME: ..."), a window of words, where the relation to the
  nearest cue ancestor changes (span boundaries), the first/last token of each cue child's
  subtree (and the tokens just outside), and, when the model ships them, word clusters learned
  without labels from the training text (``clusters``). Cue-like lemmas are the
  lexicon's cue verbs (``data/attribution.json``) joined with those the training data uses as
  cues (>= 3 times and in >= 15% of their occurrences: "accord", "warn", "criticism", ...),
  shipped with the model.
* A linear model scores each tag per token; ``viterbi`` decodes the best tag sequence of the
  document under the learned tag-transition weights, never letting ``I-X`` follow anything but
  ``B-X``/``I-X``. The weights come from ``bench/attribution_train.py``: an averaged
  structured perceptron, or a first-order linear-chain CRF trained with crfsuite and exported
  to the same format; decoding needs only numpy, never crfsuite.
* The weights ship as JSON (``models/attribution_tagger.json``: feature names, int-quantised
  weights and a scale, the cue lemmas, the word clusters), loaded lazily once per process;
  numpy on CPU, no pickle.

``tag_attributions(doc)`` returns ``[(role, start, end)]`` character spans;
``group_attributions(doc, spans)`` links them into ``(source, cue, contents)`` by proximity.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any

from sitrep.figures import load_data

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = [
    "ROLES",
    "TAGS",
    "TaggerModel",
    "allowed_transitions",
    "group_attributions",
    "lexicon_cues",
    "load_model",
    "spans_to_tags",
    "tag_attributions",
    "tags_to_spans",
    "token_features",
    "viterbi",
]

Frag = tuple[int, int]
ROLES = ("source", "cue", "content")
TAGS = ("O", "B-source", "I-source", "B-cue", "I-cue", "B-content", "I-content")
MODEL_FILE = "attribution_tagger.json"

_OPEN_Q = {"“", "‘"}
_CLOSE_Q = {"”", "’"}
_BOTH_Q = {'"', "''", "``"}
_VERBISH = {"VERB", "AUX"}
_CUE_POS = {"VERB", "AUX", "NOUN", "ADJ", "ADP", "ADV"}
_MAX_UP = 12  # ancestors walked; PolNeAR sentences rarely nest deeper (a path of 12 covers >99%)


@cache
def lexicon_cues() -> frozenset[str]:
    """The cue verbs of the attribution lexicon (``data/attribution.json``)."""
    att = load_data("attribution.json")
    return frozenset(att["cue_verbs"])


def _quote_states(texts: list[str]) -> list[str]:
    """Per token (its text): ``in`` when inside a quotation of its paragraph, else ``out``."""
    out: list[str] = []
    inside = False
    for text in texts:
        if "\n" in text:
            inside = False
        if text in _OPEN_Q:
            out.append("open")
            inside = True
            continue
        if text in _CLOSE_Q and (inside or text == "”"):
            out.append("close")
            inside = False
            continue
        if text in _BOTH_Q:
            out.append("close" if inside else "open")
            inside = not inside
            continue
        out.append("in" if inside else "out")
    return out


_QUOTES = _BOTH_Q | _OPEN_Q


def _line_roles(texts: list[str], is_space: list[bool]) -> list[str]:
    """Per token (its text, whether whitespace), its place in a transcript line "NAME: words"
    (``spk`` the name, ``spkc`` the colon, ``spkx`` what follows), ``lf`` for a line's first
    token, else ``""``."""
    n = len(texts)
    out = [""] * n
    line_start = True
    k = 0
    while k < n:
        text = texts[k]
        if "\n" in text or is_space[k]:
            line_start = True
            k += 1
            continue
        if not line_start:
            k += 1
            continue
        line_start = False
        out[k] = "lf"
        j = k
        while j < n and texts[j] in _QUOTES:
            j += 1
        name_end = j
        while name_end < n and name_end - j < 4 and texts[name_end].isupper():
            name_end += 1
        if name_end > j and name_end < n and texts[name_end] == ":":
            for m in range(j, name_end):
                out[m] = "spk"
            out[name_end] = "spkc"
            m = name_end + 1
            while m < n and "\n" not in texts[m]:
                out[m] = "spkx"
                m += 1
            k = m
            continue
        k += 1
    return out


def _bucket(n: int) -> str:
    if n <= 3:
        return str(n)
    return "4-6" if n <= 6 else ("7-12" if n <= 12 else "13+")


_EDGE_DEPS = {
    "ccomp",
    "xcomp",
    "dobj",
    "nsubj",
    "nsubjpass",
    "advcl",
    "prep",
    "attr",
    "parataxis",
    "pobj",
    "agent",
    "acl",
    "relcl",
    "advmod",
    "npadvmod",
    "conj",
}


def _cue_edges(
    doc: Any, is_cue: list[bool], children: list[list[int]], deps: list[str]
) -> list[list[str]]:
    """Per token: ``ce<=DEP`` / ``ce>=DEP`` when it is the first / last token of the subtree of
    a cue's ``DEP`` child, ``ce<-1=DEP`` / ``ce>+1=DEP`` for the tokens just outside it."""
    n = len(is_cue)
    out: list[list[str]] = [[] for _ in range(n)]
    touched: set[int] = set()
    for i, cue in enumerate(is_cue):
        if not cue:
            continue
        for c in children[i]:
            dep = deps[c] if deps[c] in _EDGE_DEPS else "other"
            side = "L" if c < i else "R"
            child = doc[c]
            left, right = child.left_edge.i, child.right_edge.i
            out[left].append(f"ce<={side}{dep}")
            out[right].append(f"ce>={side}{dep}")
            touched.update((left, right))
            if left > 0:
                out[left - 1].append(f"ce<-1={side}{dep}")
                touched.add(left - 1)
            if right + 1 < n:
                out[right + 1].append(f"ce>+1={side}{dep}")
                touched.add(right + 1)
    for k in touched:
        out[k] = sorted(set(out[k]))
    return out


def _cue_keys(
    is_space: list[bool], is_cue: list[bool], heads: list[int], deps: list[str]
) -> list[str]:
    """Per token: the relation under which it hangs from its nearest cue-like ancestor, with
    the side (``ccomp>``), ``cue`` for a cue, ``-`` with no cue above it."""
    out: list[str] = []
    for i, space in enumerate(is_space):
        if space:
            out.append("sp")
            continue
        if is_cue[i]:
            out.append("cue")
            continue
        node, key = i, "-"
        for _ in range(_MAX_UP):
            up = heads[node]
            if up == node:
                break
            if is_cue[up]:
                key = deps[node] + ("<" if i < up else ">")
                break
            node = up
        out.append(key)
    return out


@dataclass(slots=True)
class _DocArrays:
    """A parsed ``Doc``'s token attributes as plain lists, read once (spaCy builds a ``Token``
    and looks its strings up at every attribute access)."""

    text: list[str]
    lower: list[str]
    lemma: list[str]  # lower-cased
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent: list[str]  # IOB + type
    heads: list[int]
    is_space: list[bool]
    is_title: list[bool]
    is_punct: list[bool]
    like_num: list[bool]


_IOB = ("", "I", "O", "B")  # ``Token.ent_iob_`` of each ENT_IOB value


def _doc_arrays(doc: Any) -> _DocArrays:
    import numpy as np

    n = len(doc)
    cols = [
        "ORTH",
        "LOWER",
        "LEMMA",
        "POS",
        "TAG",
        "DEP",
        "ENT_IOB",
        "ENT_TYPE",
        "HEAD",
        "IS_SPACE",
        "IS_TITLE",
        "IS_PUNCT",
        "LIKE_NUM",
    ]
    arr = doc.to_array(cols) if n else np.zeros((0, len(cols)), dtype=np.uint64)
    strings = doc.vocab.strings
    memo: dict[int, str] = {}

    def names(col: int) -> list[str]:
        out: list[str] = []
        for h in arr[:, col].tolist():
            s = memo.get(h)
            if s is None:
                s = memo[h] = strings[h]
            out.append(s)
        return out

    lemma_memo: dict[str, str] = {}
    lemma: list[str] = []
    for s in names(2):
        low = lemma_memo.get(s)
        if low is None:
            low = lemma_memo[s] = s.lower()
        lemma.append(low)
    rel = arr[:, 8].astype(np.int64)
    heads = (rel + np.arange(n, dtype=np.int64)).tolist()
    types = names(7)
    ent = [_IOB[k] + ty for k, ty in zip(arr[:, 6].tolist(), types, strict=True)]
    return _DocArrays(
        text=names(0),
        lower=names(1),
        lemma=lemma,
        pos=names(3),
        tag=names(4),
        dep=names(5),
        ent=ent,
        heads=heads,
        is_space=[bool(x) for x in arr[:, 9].tolist()],
        is_title=[bool(x) for x in arr[:, 10].tolist()],
        is_punct=[bool(x) for x in arr[:, 11].tolist()],
        like_num=[bool(x) for x in arr[:, 12].tolist()],
    )


def token_features(
    doc: Any, cues: frozenset[str] | None = None, clusters: dict[str, str] | None = None
) -> list[list[str]]:
    """Feature strings of every token of a parsed ``Doc`` (the same list at training and use).

    ``cues``: the lemmas that count as cue-like (the model's own list, learned from the
    training data and joined with the lexicon); the lexicon's cue verbs by default.
    ``clusters``: word (lower case) -> cluster id, learned without labels from the training
    text and shipped with the model (none by default: no cluster features).

    The token attributes are read once into lists (``_DocArrays``) and the tree walked over
    head indices: the same strings, in the same order, as reading each ``Token``.
    """
    if cues is None:
        cues = lexicon_cues()
    a = _doc_arrays(doc)
    n = len(a.text)
    lower, lemmas, pos, deps, heads = a.lower, a.lemma, a.pos, a.dep, a.heads
    tags, ents, is_space = a.tag, a.ent, a.is_space
    quotes = _quote_states(a.text)
    lines = _line_roles(a.text, is_space)
    is_cue = [lm in cues and p in _CUE_POS for lm, p in zip(lemmas, pos, strict=True)]
    children: list[list[int]] = [[] for _ in range(n)]
    for i, h in enumerate(heads):
        if h != i:
            children[h].append(i)
    # each token's sentence (start, end, root), found once: ``Token.sent`` scans the document
    sent_start = [0] * n
    sent_last = [0] * n  # the sentence's last token that is not whitespace
    sent_root = [0] * n
    for sentence in doc.sents:
        s0, s1, r = sentence.start, sentence.end, sentence.root.i
        last = s1 - 1
        while last > s0 and is_space[last]:
            last -= 1
        for k in range(s0, s1):
            sent_start[k] = s0
            sent_last[k] = last
            sent_root[k] = r
    sent_cues: dict[int, list[int]] = {}
    for i in range(n):
        if is_cue[i]:
            sent_cues.setdefault(sent_start[i], []).append(i)
    edges = _cue_edges(doc, is_cue, children, deps)
    keys = _cue_keys(is_space, is_cue, heads, deps)
    buckets = [_bucket(k) for k in range(_MAX_UP + 1)]
    out: list[list[str]] = []
    for i in range(n):
        if is_space[i]:
            out.append(["b", "space"])
            continue
        lw = lower[i]
        lemma = lemmas[i]
        p = pos[i]
        dep = deps[i]
        h = heads[i]
        hl = lemmas[h]
        hp = pos[h]
        q = quotes[i]
        f = [
            "b",
            "w=" + lw,
            "l=" + lemma,
            "p=" + p,
            "t=" + tags[i],
            "d=" + dep,
            "pd=" + p + "|" + dep,
            "hl=" + hl,
            "hp=" + hp,
            "dhl=" + dep + "|" + hl,
            "dhp=" + dep + "|" + hp,
            "q=" + q,
            "e=" + ents[i],
            "s3=" + lw[-3:],
        ]
        if lines[i]:
            f.append("ln=" + lines[i])
        if p in _VERBISH:
            f.append("ld=" + lemma + "|" + dep)
        f.append("hd=" + deps[h] + "|" + dep)
        if a.is_title[i]:
            f.append("title")
        if a.is_punct[i]:
            f.append("punct")
        if a.like_num[i]:
            f.append("num")
        for k in (-2, -1, 1, 2):
            j = i + k
            if 0 <= j < n and not is_space[j]:
                f.append(f"w{k}={lower[j]}")
                f.append(f"p{k}={pos[j]}")
                f.append(f"q{k}={quotes[j]}")
            else:
                f.append(f"w{k}=<B>")
        f.append("w-1w0=" + (lower[i - 1] if i else "<B>") + "|" + lw)
        f.append("w0w1=" + lw + "|" + (lower[i + 1] if i + 1 < n else "<B>"))
        s0 = sent_start[i]
        if i == s0 or (i > 0 and is_space[i - 1]):
            f.append("ss")
        last = sent_last[i]
        if i == last:
            f.append("se")
        elif i == last - 1:
            f.append("se-1")
        root = sent_root[i]
        rs = "=" if i == root else ("<" if i < root else ">")
        f.append("r" + rs)
        f.append("rl=" + lemmas[root] + rs)
        if is_cue[i]:
            f.append("cue")
            kids = {deps[c] for c in children[i]}
            f.extend("cd=" + d for d in kids)
            f.extend("cdl=" + d + "|" + lemma for d in kids if d in {"ccomp", "nsubj", "dobj"})
        elif p in _VERBISH:
            f.extend(
                "vcd=" + deps[c] for c in children[i] if deps[c] in {"ccomp", "nsubj", "xcomp"}
            )
        # the path up the tree: the first three ancestors, the first verb, the first cue
        node = i
        seen_verb = seen_cue = False
        n_cues = 0
        path: list[str] = []
        for depth in range(1, _MAX_UP + 1):
            up = heads[node]
            if up == node:
                break
            rel = deps[node]
            path.append(rel)
            ul = lemmas[up]
            if seen_cue and n_cues == 1 and is_cue[up]:
                n_cues = 2
                f.append("ac2=" + rel + "|" + ul)
            if depth <= 3:
                f.append(f"a{depth}={rel}|{ul}")
            if not seen_verb and pos[up] in _VERBISH:
                seen_verb = True
                f.append("av=" + rel + "|" + ul)
                f.append("avr=" + rel)
            if not seen_cue and is_cue[up]:
                seen_cue = True
                side = "<" if i < up else ">"
                f.append("ac=" + rel + "|" + ul)
                f.append("acr=" + rel)
                f.append("acd=" + buckets[depth])
                f.append("acs=" + side)
                f.append("acq=" + rel + "|" + q)
                n_cues = 1
                f.append("acx=" + rel + "|" + side + buckets[depth])
                if len(path) > 1:
                    f.append("acp=" + rel + "|" + path[-2])
            node = up
        if not seen_cue:
            f.append("ac=none")
        # where the relation to the nearest cue ancestor changes: span boundaries
        key = keys[i]
        prev_key = keys[i - 1] if i else "<B>"
        next_key = keys[i + 1] if i + 1 < n else "<B>"
        if prev_key != key:
            f.append("kb<=" + prev_key + "|" + key)
        if next_key != key:
            f.append("kb>=" + key + "|" + next_key)
        if edges[i]:
            f.extend(edges[i])
        if clusters:
            # fine cluster of the word and its neighbours, coarse one ("12" of "12.201") alone
            for k in (-1, 0, 1):
                j = i + k
                c = clusters.get(lower[j], "?") if 0 <= j < n else "<B>"
                f.append(f"c{k}={c}")
                if k == 0:
                    f.append("cc=" + c.split(".")[0])
                    f.append("cld=" + c + "|" + dep)
        # the nearest cue-like word of the sentence
        near = sent_cues.get(s0)
        if near:
            # the nearest by index, the earlier of two as near (as ``min`` over the list)
            at = bisect_left(near, i)
            if at == len(near) or (at and i - near[at - 1] <= near[at] - i):
                at -= 1
            j = near[at]
            side = "=" if j == i else ("<" if i < j else ">")
            f.append("nc=" + side + _bucket(abs(j - i)))
            f.append("ncl=" + side + lemmas[j])
            f.append("ncq=" + side + q)
        else:
            f.append("nc=none")
        out.append(f)
    return out


def spans_to_tags(doc: Any, spans: list[tuple[str, int, int]]) -> list[str]:
    """BIO tags of ``doc``'s tokens for ``(role, start, end)`` character spans (training)."""
    tags = ["O"] * len(doc)
    for role, start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        if any(tags[k] != "O" for k in range(span.start, span.end)):
            continue
        tags[span.start] = "B-" + role
        for k in range(span.start + 1, span.end):
            tags[k] = "I-" + role
    return tags


def _trimmed(doc: Any, text: str, first: int, last: int) -> tuple[int, int] | None:
    """Character span of tokens ``first..last`` of ``doc`` (whose text is ``text``: spaCy
    rebuilds ``doc.text`` at every access) without whitespace at either end."""
    start, end = doc[first].idx, doc[last].idx + len(doc[last].text)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def tags_to_spans(doc: Any, tags: list[str]) -> list[tuple[str, int, int]]:
    """``(role, start, end)`` character spans of a BIO tag sequence (whitespace trimmed)."""
    out: list[tuple[str, int, int]] = []
    text = doc.text
    cur: list[Any] | None = None  # [role, first token, last token]
    for k, tag in enumerate([*tags, "O"]):
        if cur is not None and not (tag.startswith("I-") and tag[2:] == cur[0]):
            span = _trimmed(doc, text, cur[1], cur[2])
            if span is not None:
                out.append((cur[0], *span))
            cur = None
        if tag.startswith("B-") or (tag.startswith("I-") and cur is None):
            cur = [tag[2:], k, k]
        elif cur is not None and tag.startswith("I-"):
            cur[2] = k
    return out


def allowed_transitions() -> npt.NDArray[np.bool_]:
    """``[prev, next]``: ``I-X`` only after ``B-X`` or ``I-X``; the first tag is never ``I-``."""
    import numpy as np

    n = len(TAGS)
    ok = np.ones((n + 1, n), dtype=bool)  # row n: the start of the document
    for k, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            role = tag[2:]
            for p, prev in enumerate(TAGS):
                ok[p, k] = prev in {"B-" + role, "I-" + role}
            ok[n, k] = False
    return ok


def viterbi(emissions: npt.NDArray[np.float64], transitions: npt.NDArray[np.float64]) -> list[int]:
    """Best tag indices for ``emissions`` [tokens, tags] under ``transitions`` [tags + 1, tags]
    (the last row scores the first tag); forbidden transitions are never taken.

    In plain floats (a tag set of 7 makes numpy's per-call cost dominate): the same sums in
    the same order as the array form, ties to the lowest previous tag like ``argmax``.
    """
    import numpy as np

    n, k = emissions.shape
    if n == 0:
        return []
    trans = np.where(allowed_transitions(), transitions, -1e9).tolist()
    ems = emissions.tolist()
    score = [a + b for a, b in zip(trans[k], ems[0], strict=True)]
    cols = [[trans[p][j] for p in range(k)] for j in range(k)]  # cols[next][prev]
    back: list[list[int]] = [[0] * k]
    for em in ems[1:]:
        ptr = [0] * k
        new = [0.0] * k
        for j in range(k):
            col = cols[j]
            best_p = 0
            best = score[0] + col[0]
            for p in range(1, k):
                v = score[p] + col[p]
                if v > best:
                    best, best_p = v, p
            ptr[j] = best_p
            new[j] = best + em[j]
        back.append(ptr)
        score = new
    best_k = max(range(k), key=score.__getitem__)
    path = [best_k]
    for t in range(n - 1, 0, -1):
        path.append(back[t][path[-1]])
    path.reverse()
    return path


@dataclass(slots=True)
class TaggerModel:
    """Feature index, weights [features, tags], transitions [tags + 1, tags]."""

    index: dict[str, int]
    weights: npt.NDArray[np.float64]
    transitions: npt.NDArray[np.float64]
    cues: frozenset[str]
    clusters: dict[str, str] | None = None

    def emissions(self, feats: list[list[str]]) -> npt.NDArray[np.float64]:
        """Per token, the sum of its known features' weight rows ([tokens, tags]); the rows
        are added in feature order from 0.0 (``bincount``), to the last bit as summing each
        token's rows in turn."""
        import numpy as np

        n = len(feats)
        counts = np.fromiter(map(len, feats), dtype=np.intp, count=n)
        flat = list(chain.from_iterable(feats))
        ids = np.fromiter(map(self.index.get, flat, repeat(-1)), dtype=np.intp, count=len(flat))
        known = ids >= 0
        picked = self.weights[ids[known]]
        who = np.repeat(np.arange(n, dtype=np.intp), counts)[known]
        out = np.empty((n, len(TAGS)), dtype=np.float64)
        for k in range(len(TAGS)):
            out[:, k] = np.bincount(who, weights=picked[:, k], minlength=n)
        return out

    def tag(self, doc: Any, extra: npt.NDArray[np.float64] | None = None) -> list[str]:
        """BIO tags of ``doc``'s tokens; ``extra`` ([tokens, tags]) is added to the
        emissions (the contextual tagger's weighted log-probabilities)."""
        feats = token_features(doc, self.cues, self.clusters)
        emissions = self.emissions(feats)
        if extra is not None:
            emissions = emissions + extra
        path = viterbi(emissions, self.transitions)
        return [TAGS[k] for k in path]


def model_from_json(data: dict[str, Any]) -> TaggerModel:
    """A ``TaggerModel`` from the shipped JSON's content (see ``bench/attribution_train.py``)."""
    import numpy as np

    if list(data["tags"]) != list(TAGS):
        raise ValueError("attribution model: tag set differs from this version's")
    names: list[str] = data["features"]
    scale = float(data["scale"])
    flat = np.asarray(data["weights"], dtype=np.float64) * scale
    weights = flat.reshape(len(names), len(TAGS))
    transitions = np.asarray(data["transitions"], dtype=np.float64)
    return TaggerModel(
        index={name: k for k, name in enumerate(names)},
        weights=weights,
        transitions=transitions,
        cues=frozenset(data.get("cue_lemmas", ())) | lexicon_cues(),
        clusters=_clusters_from_json(data.get("clusters")),
    )


def _clusters_from_json(data: dict[str, list[str]] | None) -> dict[str, str] | None:
    """``{cluster id: [words]}`` (as shipped, compact) -> ``{word: cluster id}``."""
    if not data:
        return None
    return {word: cid for cid, words in data.items() for word in words}


@cache
def load_model() -> TaggerModel:
    """The shipped tagger (``models/attribution_tagger.json``), loaded once per process."""
    path = resources.files("sitrep") / "models" / MODEL_FILE
    return model_from_json(json.loads(path.read_text(encoding="utf-8")))


def tag_attributions(doc: Any, *, contextual: bool = False) -> list[tuple[str, int, int]]:
    """The tagger's ``(role, start, end)`` spans over ``doc`` (role: source | cue | content).

    Spans are character offsets into ``doc.text``; they are not linked into attributions (a
    span's role is all the tagger says). ``contextual``: the fine-tuned transformer of
    ``sitrep.attribution_contextual`` votes in the emissions (needs the ``contextual``
    extra).
    """
    model = load_model()
    extra = None
    if contextual:
        from sitrep.attribution_contextual import MIX, load_tagger, token_scores

        words, logprobs = load_tagger().word_logprobs(doc.text)
        extra = MIX * token_scores(doc, words, logprobs)
    return tags_to_spans(doc, model.tag(doc, extra))


def group_attributions(
    doc: Any, spans: list[tuple[str, int, int]]
) -> list[tuple[Frag | None, Frag, list[Frag]]]:
    """Link tagged spans into attributions, one per cue: ``(source, cue, contents)``.

    The source is the source span of the cue's sentence nearest to the cue (none when the
    sentence has none); the contents are the content spans of the cue's paragraph that no
    nearer cue claims (distance in characters between the spans). A rough linking for use
    next to the rules of ``sitrep.claims``: the tagger itself does not link.
    """
    text = doc.text
    cues = sorted((s, e) for role, s, e in spans if role == "cue")
    sources = sorted((s, e) for role, s, e in spans if role == "source")
    contents = sorted((s, e) for role, s, e in spans if role == "content")

    def sentence_of(pos: int) -> tuple[int, int]:
        sent = doc.char_span(pos, pos + 1, alignment_mode="expand")
        if sent is None or not len(sent):
            return pos, pos + 1
        whole = sent[0].sent
        return whole.start_char, whole.end_char

    def paragraph_of(pos: int) -> tuple[int, int]:
        start = text.rfind("\n", 0, pos) + 1
        end = text.find("\n", pos)
        return start, len(text) if end < 0 else end

    def gap(a: Frag, b: Frag) -> int:
        return max(a[0] - b[1], b[0] - a[1], 0)

    out: list[tuple[Frag | None, Frag, list[Frag]]] = [(None, cue, []) for cue in cues]
    for k, cue in enumerate(cues):
        s_start, s_end = sentence_of(cue[0])
        near = [src for src in sources if s_start <= src[0] and src[1] <= s_end]
        if near:
            out[k] = (min(near, key=lambda src: gap(src, cue)), cue, [])
    for content in contents:
        p_start, p_end = paragraph_of(content[0])
        owners = [k for k, cue in enumerate(cues) if p_start <= cue[0] < p_end]
        if owners:
            best = min(owners, key=lambda k: gap(cues[k], content))
            out[best][2].append(content)
    return out
