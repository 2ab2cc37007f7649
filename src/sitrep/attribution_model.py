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
from dataclasses import dataclass
from functools import cache
from importlib import resources
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


def _quote_states(doc: Any) -> list[str]:
    """Per token: ``in`` when inside a quotation of its paragraph, else ``out``."""
    out: list[str] = []
    inside = False
    for tok in doc:
        if "\n" in tok.text:
            inside = False
        text = tok.text
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


def _line_roles(doc: Any) -> list[str]:
    """Per token, its place in a transcript line "NAME: words" (``spk`` the name, ``spkc`` the
    colon, ``spkx`` what follows), ``lf`` for a line's first token, else ``""``."""
    out = [""] * len(doc)
    line_start = True
    k = 0
    toks = list(doc)
    while k < len(toks):
        tok = toks[k]
        if "\n" in tok.text or tok.is_space:
            line_start = True
            k += 1
            continue
        if not line_start:
            k += 1
            continue
        line_start = False
        out[k] = "lf"
        j = k
        while j < len(toks) and toks[j].text in _BOTH_Q | _OPEN_Q:
            j += 1
        name_end = j
        while name_end < len(toks) and name_end - j < 4 and toks[name_end].text.isupper():
            name_end += 1
        if name_end > j and name_end < len(toks) and toks[name_end].text == ":":
            for m in range(j, name_end):
                out[m] = "spk"
            out[name_end] = "spkc"
            m = name_end + 1
            while m < len(toks) and "\n" not in toks[m].text:
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


def _cue_edges(toks: list[Any], is_cue: list[bool]) -> list[list[str]]:
    """Per token: ``ce<=DEP`` / ``ce>=DEP`` when it is the first / last token of the subtree of
    a cue's ``DEP`` child, ``ce<-1=DEP`` / ``ce>+1=DEP`` for the tokens just outside it."""
    n = len(toks)
    out: list[set[str]] = [set() for _ in range(n)]
    for t in toks:
        if not is_cue[t.i]:
            continue
        for child in t.children:
            dep = child.dep_ if child.dep_ in _EDGE_DEPS else "other"
            side = "L" if child.i < t.i else "R"
            left, right = child.left_edge.i, child.right_edge.i
            out[left].add(f"ce<={side}{dep}")
            out[right].add(f"ce>={side}{dep}")
            if left > 0:
                out[left - 1].add(f"ce<-1={side}{dep}")
            if right + 1 < n:
                out[right + 1].add(f"ce>+1={side}{dep}")
    return [sorted(s) for s in out]


def _cue_keys(toks: list[Any], is_cue: list[bool]) -> list[str]:
    """Per token: the relation under which it hangs from its nearest cue-like ancestor, with
    the side (``ccomp>``), ``cue`` for a cue, ``-`` with no cue above it."""
    out: list[str] = []
    for t in toks:
        if t.is_space:
            out.append("sp")
            continue
        if is_cue[t.i]:
            out.append("cue")
            continue
        node, key = t, "-"
        for _ in range(_MAX_UP):
            up = node.head
            if up.i == node.i:
                break
            if is_cue[up.i]:
                key = node.dep_ + ("<" if t.i < up.i else ">")
                break
            node = up
        out.append(key)
    return out


def token_features(
    doc: Any, cues: frozenset[str] | None = None, clusters: dict[str, str] | None = None
) -> list[list[str]]:
    """Feature strings of every token of a parsed ``Doc`` (the same list at training and use).

    ``cues``: the lemmas that count as cue-like (the model's own list, learned from the
    training data and joined with the lexicon); the lexicon's cue verbs by default.
    ``clusters``: word (lower case) -> cluster id, learned without labels from the training
    text and shipped with the model (none by default: no cluster features).
    """
    if cues is None:
        cues = lexicon_cues()
    toks = list(doc)
    n = len(toks)
    lower = [t.lower_ for t in toks]
    pos = [t.pos_ for t in toks]
    quotes = _quote_states(doc)
    lines = _line_roles(doc)
    is_cue = [t.lemma_.lower() in cues and t.pos_ in _CUE_POS for t in toks]
    # each token's sentence, found once: ``Token.sent`` scans the document at every access
    sent_of: list[Any] = [None] * n
    for sentence in doc.sents:
        for k in range(sentence.start, sentence.end):
            sent_of[k] = sentence
    roots = {sentence.start: sentence.root for sentence in doc.sents}
    sent_cues: dict[int, list[int]] = {}
    for t in toks:
        if is_cue[t.i]:
            sent_cues.setdefault(sent_of[t.i].start, []).append(t.i)
    edges = _cue_edges(toks, is_cue)
    keys = _cue_keys(toks, is_cue)
    out: list[list[str]] = []
    for t in toks:
        i = t.i
        lw = lower[i]
        lemma = t.lemma_.lower()
        if t.is_space:
            out.append(["b", "space"])
            continue
        head = t.head
        f = [
            "b",
            "w=" + lw,
            "l=" + lemma,
            "p=" + pos[i],
            "t=" + t.tag_,
            "d=" + t.dep_,
            "pd=" + pos[i] + "|" + t.dep_,
            "hl=" + head.lemma_.lower(),
            "hp=" + head.pos_,
            "dhl=" + t.dep_ + "|" + head.lemma_.lower(),
            "dhp=" + t.dep_ + "|" + head.pos_,
            "q=" + quotes[i],
            "e=" + t.ent_iob_ + t.ent_type_,
        ]
        f.append("s3=" + lw[-3:])
        if lines[i]:
            f.append("ln=" + lines[i])
        if pos[i] in _VERBISH:
            f.append("ld=" + lemma + "|" + t.dep_)
        f.append("hd=" + head.dep_ + "|" + t.dep_)
        if t.is_title:
            f.append("title")
        if t.is_punct:
            f.append("punct")
        if t.like_num:
            f.append("num")
        for k in (-2, -1, 1, 2):
            j = i + k
            if 0 <= j < n and not toks[j].is_space:
                f.append(f"w{k}={lower[j]}")
                f.append(f"p{k}={pos[j]}")
                f.append(f"q{k}={quotes[j]}")
            else:
                f.append(f"w{k}=<B>")
        f.append("w-1w0=" + (lower[i - 1] if i else "<B>") + "|" + lw)
        f.append("w0w1=" + lw + "|" + (lower[i + 1] if i + 1 < n else "<B>"))
        sent = sent_of[i]
        if i == sent.start or (i > 0 and toks[i - 1].is_space):
            f.append("ss")
        last = sent.end - 1
        while last > sent.start and toks[last].is_space:
            last -= 1
        if i == last:
            f.append("se")
        elif i == last - 1:
            f.append("se-1")
        root = roots[sent.start]
        f.append("r" + ("=" if i == root.i else ("<" if i < root.i else ">")))
        f.append(
            "rl=" + root.lemma_.lower() + ("=" if i == root.i else ("<" if i < root.i else ">"))
        )
        if is_cue[i]:
            f.append("cue")
            kids = {c.dep_ for c in t.children}
            f.extend("cd=" + d for d in kids)
            f.extend("cdl=" + d + "|" + lemma for d in kids if d in {"ccomp", "nsubj", "dobj"})
        elif pos[i] in _VERBISH:
            f.extend("vcd=" + c.dep_ for c in t.children if c.dep_ in {"ccomp", "nsubj", "xcomp"})
        # the path up the tree: the first three ancestors, the first verb, the first cue
        node = t
        seen_verb = seen_cue = False
        n_cues = 0
        path: list[str] = []
        for depth in range(1, _MAX_UP + 1):
            up = node.head
            if up.i == node.i:
                break
            rel = node.dep_
            path.append(rel)
            ul = up.lemma_.lower()
            if seen_cue and is_cue[up.i] and n_cues == 1:
                n_cues = 2
                f.append("ac2=" + rel + "|" + ul)
            if depth <= 3:
                f.append(f"a{depth}={rel}|{ul}")
            if not seen_verb and up.pos_ in _VERBISH:
                seen_verb = True
                f.append("av=" + rel + "|" + ul)
                f.append("avr=" + rel)
            if not seen_cue and is_cue[up.i]:
                seen_cue = True
                f.append("ac=" + rel + "|" + ul)
                f.append("acr=" + rel)
                f.append("acd=" + _bucket(depth))
                f.append("acs=" + ("<" if i < up.i else ">"))
                f.append("acq=" + rel + "|" + quotes[i])
                n_cues = 1
                side = "<" if i < up.i else ">"
                f.append("acx=" + rel + "|" + side + _bucket(depth))
                if len(path) > 1:
                    f.append("acp=" + rel + "|" + path[-2])
            node = up
        if not seen_cue:
            f.append("ac=none")
        # where the relation to the nearest cue ancestor changes: span boundaries
        prev_key = keys[i - 1] if i else "<B>"
        next_key = keys[i + 1] if i + 1 < n else "<B>"
        if prev_key != keys[i]:
            f.append("kb<=" + prev_key + "|" + keys[i])
        if next_key != keys[i]:
            f.append("kb>=" + keys[i] + "|" + next_key)
        f.extend(edges[i])
        if clusters:
            # fine cluster of the word and its neighbours, coarse one ("12" of "12.201") alone
            for k in (-1, 0, 1):
                j = i + k
                c = clusters.get(lower[j], "?") if 0 <= j < n else "<B>"
                f.append(f"c{k}={c}")
                if k == 0:
                    f.append("cc=" + c.split(".")[0])
                    f.append("cld=" + c + "|" + t.dep_)
        # the nearest cue-like word of the sentence
        near = sent_cues.get(sent.start, [])
        if near:
            j = min(near, key=lambda c: abs(c - i))
            side = "=" if j == i else ("<" if i < j else ">")
            f.append("nc=" + side + _bucket(abs(j - i)))
            f.append("ncl=" + side + toks[j].lemma_.lower())
            f.append("ncq=" + side + quotes[i])
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
    (the last row scores the first tag); forbidden transitions are never taken."""
    import numpy as np

    n, k = emissions.shape
    if n == 0:
        return []
    trans = np.where(allowed_transitions(), transitions, -1e9)
    score = trans[k] + emissions[0]
    back = np.zeros((n, k), dtype=np.int64)
    body = trans[:k]
    for t in range(1, n):
        cand = score[:, None] + body
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + emissions[t]
    best = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        best.append(int(back[t, best[-1]]))
    best.reverse()
    return best


@dataclass(slots=True)
class TaggerModel:
    """Feature index, weights [features, tags], transitions [tags + 1, tags]."""

    index: dict[str, int]
    weights: npt.NDArray[np.float64]
    transitions: npt.NDArray[np.float64]
    cues: frozenset[str]
    clusters: dict[str, str] | None = None

    def emissions(self, feats: list[list[str]]) -> npt.NDArray[np.float64]:
        import numpy as np

        out = np.zeros((len(feats), len(TAGS)), dtype=np.float64)
        index, weights = self.index, self.weights
        for t, names in enumerate(feats):
            rows = [index[f] for f in names if f in index]
            if rows:
                out[t] = weights[rows].sum(axis=0)
        return out

    def tag(self, doc: Any) -> list[str]:
        feats = token_features(doc, self.cues, self.clusters)
        path = viterbi(self.emissions(feats), self.transitions)
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


def tag_attributions(doc: Any) -> list[tuple[str, int, int]]:
    """The tagger's ``(role, start, end)`` spans over ``doc`` (role: source | cue | content).

    Spans are character offsets into ``doc.text``; they are not linked into attributions (a
    span's role is all the tagger says).
    """
    model = load_model()
    return tags_to_spans(doc, model.tag(doc))


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
