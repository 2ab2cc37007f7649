"""Score a ``sitrep.dossier/1`` dossier against a hand-made gold file (demo/gold.json).

Every section is scored recall-like: the fraction of gold items the dossier contains, with a
lenient match so that harmless differences (a figure span that includes or leaves out the noun,
"the ministry" for "Interior Ministry", a date range instead of a day) do not count as misses.

Sections and what "found" means for one gold item:

* ``dates``: the document's published ``date`` lies in the gold range (a single gold day is a
  one-day range); with ``date`` null, the whole ``[earliest, latest]`` lies inside it.
* ``figures``: a figure of the same document whose text contains the gold text or is contained in
  it, with the same value (or, for a vague amount, value null and the same low/high), one of the
  accepted qualifiers, and the same unit when the gold names one.
* ``sources``: the claim of the gold figure (or the claim whose sentence holds ``claim_text``) has a
  source whose text or entity names match one of the gold names; ``via`` and ``polarity`` are
  checked when the gold item gives them.
* ``aliases``: one entity's name plus aliases hold every name of the group.
* ``cleaning``: each ``must_remove`` snippet is absent from the document text, each ``must_keep``
  snippet present, each ``credits`` fragment inside one of the document's credits. Scored per
  snippet, not per document.
* ``timeline``: an entry with that date exists.
* ``disagreements``: one ``tracks[].disagreements`` entry (or a difference of kind disagreement)
  holds a figure matching each of the two gold figures.
* ``tracks``: scored per consecutive pair of the gold list: some track holds both figures, the
  earlier one first.
* ``controls``: a control entry whose place entity is named like the gold place, with a matching
  holder, and, when the gold gives ``since``, a ``since`` range that holds that day.

``score`` gives the fractions; ``misses`` lists what was not found, for failure messages.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

Item = dict[str, Any]

SECTIONS = (
    "dates",
    "figures",
    "sources",
    "aliases",
    "cleaning",
    "timeline",
    "disagreements",
    "tracks",
    "controls",
)

# Spellings of one unit that the dossier may use; everything is compared after _unit().
_UNIT_SYNONYMS = {
    "km2": "km2",
    "sq km": "km2",
    "square kilometres": "km2",
    "square kilometers": "km2",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "metres": "m",
    "meters": "m",
    "metre": "m",
    "meter": "m",
    "percent": "%",
    "per cent": "%",
    "usd": "usd",
    "$": "usd",
    "us$": "usd",
}


def norm(text: str | None) -> str:
    """NFKC, casefold, one space between words, typographic quotes made plain."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.casefold().split())


def _name(text: str | None) -> str:
    """A name for comparison: normalised, accents stripped, leading article and 's dropped."""
    text = norm(text)
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    for article in ("the ", "a "):
        if text.startswith(article):
            text = text[len(article) :]
    if text.endswith("'s"):
        text = text[:-2]
    return text.strip(" .,;:")


def _unit(unit: str | None) -> str | None:
    if unit is None:
        return None
    key = norm(unit)
    return _UNIT_SYNONYMS.get(key, key)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def texts_match(found: str | None, gold: str | None) -> bool:
    """Either text contains the other (after normalisation); empty texts never match."""
    a, b = norm(found), norm(gold)
    return bool(a) and bool(b) and (a in b or b in a)


def names_match(candidates: Iterable[str | None], wanted: Iterable[str]) -> bool:
    """Some candidate name equals, contains or is contained in some wanted name."""
    cands = [c for c in (_name(x) for x in candidates) if len(c) >= 2]
    wants = [w for w in (_name(x) for x in wanted) if len(w) >= 2]
    return any(c == w or c in w or w in c for c in cands for w in wants)


class _Index:
    """Lookups over one dossier."""

    def __init__(self, dossier: dict[str, Any]) -> None:
        self.dossier = dossier
        self.documents: dict[str, Item] = {d.get("id"): d for d in dossier.get("documents") or []}
        self.entities: dict[str, Item] = {e.get("id"): e for e in dossier.get("entities") or []}
        self.claims: dict[str, Item] = {c.get("id"): c for c in dossier.get("claims") or []}
        self.figures: dict[str, Item] = {f.get("id"): f for f in dossier.get("figures") or []}
        self.figures_by_doc: dict[str, list[Item]] = {}
        for fig in dossier.get("figures") or []:
            self.figures_by_doc.setdefault(fig.get("document"), []).append(fig)
        self.claims_by_doc: dict[str, list[Item]] = {}
        for claim in dossier.get("claims") or []:
            self.claims_by_doc.setdefault(claim.get("document"), []).append(claim)

    def entity_names(self, entity_id: Any) -> list[str]:
        entity = self.entities.get(entity_id) if isinstance(entity_id, str) else None
        if entity is None:
            return []
        return [entity.get("name") or "", *(entity.get("aliases") or [])]

    def source_names(self, source: Any) -> list[str]:
        """Text and entity names of a source given as a dict, an entity id or plain text."""
        if source is None:
            return []
        if isinstance(source, str):
            return [source, *self.entity_names(source)]
        if isinstance(source, dict):
            return [source.get("text") or "", *self.entity_names(source.get("entity"))]
        return []

    def claim_of(self, figure: Item) -> Item | None:
        """The figure's claim, or else a claim of its document whose sentence holds its span."""
        claim = self.claims.get(figure.get("claim")) if figure.get("claim") else None
        if claim is not None:
            return claim
        span = figure.get("span") or [None, None]
        for cand in self.claims_by_doc.get(figure.get("document"), []):
            sent = cand.get("span") or [None, None]
            if None not in (*span, *sent) and sent[0] <= span[0] and span[1] <= sent[1]:
                return cand
        return None


# ---- per-section matchers --------------------------------------------------------------------


def _date_found(idx: _Index, doc_id: str, gold: Any) -> bool:
    doc = idx.documents.get(doc_id)
    if doc is None:
        return False
    lo, hi = (gold, gold) if isinstance(gold, str) else (gold[0], gold[1])
    pub = doc.get("published") or {}
    date = pub.get("date")
    if isinstance(date, str) and len(date) == 10:
        return lo <= date <= hi
    earliest, latest = pub.get("earliest"), pub.get("latest")
    if isinstance(earliest, str) and isinstance(latest, str):
        return len(earliest) == len(latest) == 10 and lo <= earliest and latest <= hi
    return False


def figure_matches(figure: Item, gold: Item, *, check_values: bool = True) -> bool:
    """Whether a dossier figure is the gold figure (same document is checked by the caller)."""
    if not texts_match(figure.get("text"), gold.get("text")):
        return False
    if not check_values:
        return True
    value = gold.get("value")
    if value is not None:
        got = figure.get("value")
        if got is None:
            got_ok = _close(figure.get("low"), value) or _close(figure.get("high"), value)
        else:
            got_ok = _close(got, value)
        if not got_ok:
            return False
    else:
        if figure.get("value") is not None:
            return False
        for bound in ("low", "high"):
            if gold.get(bound) is not None and not _close(figure.get(bound), gold[bound]):
                return False
    qualifiers = _as_list(gold.get("qualifier"))
    if qualifiers and figure.get("qualifier") not in qualifiers:
        return False
    return gold.get("unit") is None or _unit(figure.get("unit")) == _unit(gold["unit"])


def _gold_figure(gold: dict[str, Any], document: str, text: str) -> Item | None:
    for item in gold.get("figures") or []:
        if item.get("document") == document and item.get("text") == text:
            return item
    return None


def _candidates(idx: _Index, gold: dict[str, Any], ref: Item) -> list[Item]:
    """Dossier figures that a gold reference ``{document, text}`` may mean.

    When the gold ``figures`` list has the same document and text, its value must agree too, so
    that a "23" is not confused with another "23" of the same article.
    """
    doc, text = ref.get("document"), ref.get("text")
    full = _gold_figure(gold, doc, text)
    out = []
    for fig in idx.figures_by_doc.get(doc, []):
        if not texts_match(fig.get("text"), text):
            continue
        if full is not None and full.get("value") is not None:
            got = fig.get("value")
            if got is None:
                got = fig.get("high") if fig.get("high") is not None else fig.get("low")
            if not _close(got, full["value"]):
                continue
        out.append(fig)
    return out


def _source_found(idx: _Index, gold: dict[str, Any], item: Item) -> bool:
    doc = item.get("document")
    claims: list[Item] = []
    if item.get("figure_text"):
        for fig in _candidates(idx, gold, {"document": doc, "text": item["figure_text"]}):
            claim = idx.claim_of(fig)
            if claim is not None:
                claims.append(claim)
    if item.get("claim_text"):
        claims += [
            c
            for c in idx.claims_by_doc.get(doc, [])
            if norm(item["claim_text"]) in norm(c.get("sentence"))
        ]
    for claim in claims:
        if not names_match(idx.source_names(claim.get("source")), _as_list(item.get("source"))):
            continue
        if item.get("via"):
            relays = [n for v in claim.get("via") or [] for n in idx.source_names(v)]
            if not names_match(relays, _as_list(item["via"])):
                continue
        if item.get("polarity") and claim.get("polarity") != item["polarity"]:
            continue
        return True
    return False


def _alias_found(idx: _Index, group: list[str]) -> bool:
    wanted = {_name(n) for n in group}
    for entity_id in idx.entities:
        names = {_name(n) for n in idx.entity_names(entity_id)}
        if wanted <= names:
            return True
    return False


def _cleaning_checks(idx: _Index, item: Item) -> list[tuple[str, bool]]:
    doc = idx.documents.get(item.get("document"))
    text = norm(doc.get("text")) if doc else None
    credits = [norm(c) for c in (doc.get("credits") or [])] if doc else []
    checks = []
    for snippet in item.get("must_remove") or []:
        checks.append((f"remove {snippet!r}", text is not None and norm(snippet) not in text))
    for snippet in item.get("must_keep") or []:
        checks.append((f"keep {snippet!r}", text is not None and norm(snippet) in text))
    for snippet in item.get("credits") or []:
        checks.append((f"credit {snippet!r}", any(norm(snippet) in c for c in credits)))
    return checks


def _disagreement_groups(dossier: dict[str, Any]) -> list[set[str]]:
    groups = []
    for track in dossier.get("tracks") or []:
        for dis in track.get("disagreements") or []:
            groups.append(set(dis.get("figures") or []))
        for diff in track.get("differences") or []:
            if diff.get("kind") == "disagreement":
                groups.append(set(diff.get("figures") or []))
    return groups


def _disagreement_found(idx: _Index, gold: dict[str, Any], item: Item) -> bool:
    first, second = (
        {f.get("id") for f in _candidates(idx, gold, ref)} for ref in item["figures"][:2]
    )
    return any(group & first and group & second for group in _disagreement_groups(idx.dossier))


def _track_pairs(idx: _Index, gold: dict[str, Any], item: Item) -> list[tuple[str, bool]]:
    refs = item.get("figures") or []
    tracks = [t.get("figures") or [] for t in idx.dossier.get("tracks") or []]
    out = []
    for before, after in itertools.pairwise(refs):
        ids_a = {f.get("id") for f in _candidates(idx, gold, before)}
        ids_b = {f.get("id") for f in _candidates(idx, gold, after)}
        ok = False
        for figs in tracks:
            pos_a = [i for i, f in enumerate(figs) if f in ids_a]
            pos_b = [i for i, f in enumerate(figs) if f in ids_b]
            if pos_a and pos_b and min(pos_a) < max(pos_b):
                ok = True
                break
        label = f"{item.get('measure')}: {before.get('text')!r} before {after.get('text')!r}"
        out.append((label, ok))
    return out


def _in_range(date_obj: Any, day: str) -> bool:
    if not isinstance(date_obj, dict):
        return False
    if date_obj.get("date"):
        return str(date_obj["date"])[:10] == day
    lo, hi = date_obj.get("earliest"), date_obj.get("latest")
    return bool(lo and hi) and str(lo)[:10] <= day <= str(hi)[:10]


def _control_found(idx: _Index, item: Item) -> bool:
    for control in idx.dossier.get("controls") or []:
        place_names = idx.entity_names(control.get("place")) or [str(control.get("place") or "")]
        if not names_match(place_names, [item["place"]]):
            continue
        holder = control.get("holder")
        if not names_match(idx.source_names(holder), _as_list(item.get("holder"))):
            continue
        if item.get("since") and not _in_range(control.get("since"), item["since"]):
            continue
        if item.get("document"):
            doc = control.get("document")
            if doc is None and control.get("claim") in idx.claims:
                doc = idx.claims[control["claim"]].get("document")
            if doc is not None and doc != item["document"]:
                continue
        return True
    return False


# ---- public API ------------------------------------------------------------------------------


def check(dossier: dict[str, Any], gold: dict[str, Any]) -> dict[str, list[tuple[str, bool]]]:
    """Every gold item, labelled, with whether the dossier has it; keyed by section."""
    idx = _Index(dossier)
    out: dict[str, list[tuple[str, bool]]] = {name: [] for name in SECTIONS}

    for doc_id, gold_date in (gold.get("dates") or {}).items():
        out["dates"].append((f"{doc_id}: {gold_date}", _date_found(idx, doc_id, gold_date)))

    for item in gold.get("figures") or []:
        found = any(figure_matches(f, item) for f in idx.figures_by_doc.get(item["document"], []))
        out["figures"].append((f"{item['document']}: {item['text']!r}", found))

    for item in gold.get("sources") or []:
        what = item.get("figure_text") or item.get("claim_text")
        label = f"{item['document']}: {what!r} <- {item.get('source')}"
        out["sources"].append((label, _source_found(idx, gold, item)))

    for group in gold.get("aliases") or []:
        out["aliases"].append((" = ".join(group), _alias_found(idx, group)))

    for item in gold.get("cleaning") or []:
        for label, ok in _cleaning_checks(idx, item):
            out["cleaning"].append((f"{item['document']}: {label}", ok))

    dates_present = {str(entry.get("date")) for entry in dossier.get("timeline") or []}
    for item in gold.get("timeline") or []:
        out["timeline"].append(
            (f"{item['date']} ({item.get('keyword')})", item["date"] in dates_present)
        )

    for item in gold.get("disagreements") or []:
        label = " vs ".join(f"{r['document']}: {r['text']!r}" for r in item["figures"])
        out["disagreements"].append((label, _disagreement_found(idx, gold, item)))

    for item in gold.get("tracks") or []:
        out["tracks"].extend(_track_pairs(idx, gold, item))

    for item in gold.get("controls") or []:
        label = f"{item['place']} held by {item.get('holder')}"
        out["controls"].append((label, _control_found(idx, item)))

    return out


def _fraction(results: list[tuple[str, bool]]) -> float:
    return sum(ok for _, ok in results) / len(results) if results else 1.0


def score(dossier: dict[str, Any], gold: dict[str, Any]) -> dict[str, float]:
    """Per-section recall-like scores in 0..1 (a section with no gold items scores 1.0)."""
    return {name: _fraction(results) for name, results in check(dossier, gold).items()}


def misses(dossier: dict[str, Any], gold: dict[str, Any], section: str) -> list[str]:
    """Labels of the gold items of one section that the dossier lacks."""
    return [label for label, ok in check(dossier, gold)[section] if not ok]


def find_figures(dossier: dict[str, Any], predicate: Callable[[Item], bool]) -> list[Item]:
    """All figures of a dossier for which ``predicate`` holds (a helper for the seed tests)."""
    return [f for f in dossier.get("figures") or [] if predicate(f)]
