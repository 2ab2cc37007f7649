"""``sitrep eval figures``: quantity extraction on NewsQuant (CQE's news benchmark).

The data: a JSON list of ``{"text": sentence, "quantities": [{"change", "value", "unit",
"normalized_unit", "referred_concepts"}]}`` (``newsquant-dev.json``; the Recognizers-Text test
sets in ``recognizers/`` have the same shape with only ``value`` and ``normalized_unit``).
``value`` is a string: a number ("19.0", "-1.4", "1.99E-29") or a range "low-high"
("252.0-287.0", "3.0 - 4.0"). ``normalized_unit`` is CQE's unit name ("percentage", "dollar",
"mile per hour"), a noun lemma for counted things ("people", "european country") or "-" for a
bare number. ``change`` is one of ``= ~ > < up down``.

The protocol, as we read CQE's NewsQuant evaluation (Almasian et al., EMNLP 2023; the gold has
no character offsets, so matching is by content within a sentence):

* per sentence, gold and predicted quantities are matched one to one, greedily in gold order;
* **value+unit**: a pair matches when the values are equal and the normalised units are equal;
* **value**: a pair matches when the values are equal (a separate matching);
* values are equal when they are the same number within a relative tolerance of 1e-3 (the gold
  writes 2/3 as 0.6666666666666666, a figure may say 0.6667), ranges when both ends are;
  "dozens"-style amounts are ranges on both sides;
* units are equal after normalisation: lowercase, the last word singular ("European countries"
  and "european country"), a few spellings of one unit folded ("percent" / "percentage",
  "US$" / "dollar"); a counted noun is compared by its head (the last word), since the gold's
  lemma keeps adjectives ("good wireless speaker") that no two extractors write alike; "-" is
  the unit of a bare number;
* precision, recall and F1 are micro-averaged over all quantities of all sentences; ``change``
  accuracy is reported on the value+unit matches.

Published anchors on the full NewsQuant (not this half): value+unit F1 CQE 85.6, GPT-3 59.1,
quantulum3 47.2, Recognizers-Text 34.2; value F1 CQE 92.0.

sitrep's side: each sentence is parsed with ``sitrep.text.nlp.parse`` and run through
``sitrep.figures.extract_figures`` with ``durations=True`` (NewsQuant counts "three years" as
a quantity, the build leaves durations to the time-expression stage). A figure becomes one
quantity: value (or "low-high" for ranges and vague amounts; the open end of "more than" is not
a range), unit = the unit's CQE name (units.json ``name``) or the counted noun, change from the
qualifier and the change verb.
"""

from __future__ import annotations

import json
import logging
import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.config import Config
from sitrep.figures import extract_figures, lexicon, load_data, unit_name
from sitrep.model import Figure
from sitrep.text.nlp import parse

log = logging.getLogger(__name__)

__all__ = ["evaluate_figures", "figure_to_quantity", "match_sentence", "unit_key"]

_TOLERANCE = 1e-3
_RANGE = re.compile(r"^\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*-\s*(-?[\d.]+(?:[eE][-+]?\d+)?)\s*$")

# Spellings of one unit in the gold or in sitrep's names, folded before comparing.
_UNIT_SYNONYMS = {
    "%": "percentage",
    "percent": "percentage",
    "per cent": "percentage",
    "pc": "percentage",
    "$": "dollar",
    "us$": "dollar",
    "usd": "dollar",
    "united states dollar": "dollar",
    "us dollar": "dollar",
    "person": "people",
    "persons": "people",
    "-": "",
    "count": "",
    # CQE names "p" after a price "point" ("118.5p", "down 68 p"): NewsQuant's gold follows
    # it, sitrep's unit is the penny
    "penny": "point",
}

_CHANGE = {
    "exact": "=",
    "approximately": "~",
    "more_than": ">",
    "at_least": ">",
    "less_than": "<",
    "at_most": "<",
    "up_to": "<",
    "range": "=",
    "vague": "~",
}


def _singular(word: str) -> str:
    irregular = {v: k for k, v in lexicon().irregular.items() if k != v}
    if word in irregular:
        return irregular[word]
    if word.endswith("men") and len(word) > 4:
        return word[:-3] + "man"  # fishermen, servicemen
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def unit_key(unit: str | None) -> str:
    """A unit name for comparison: "" for none, else lowercase with the last word singular."""
    if unit is None:
        return ""
    low = " ".join(unit.lower().replace("’", "'").split())
    low = _UNIT_SYNONYMS.get(low, low)
    if not low:
        return ""
    words = low.split()
    words[-1] = _singular(words[-1])
    low = " ".join(words)
    return _UNIT_SYNONYMS.get(low, low)


def _unit_head(key: str) -> str:
    return key.rsplit(" ", 1)[-1] if key else key


def _same_noun(a: str, b: str) -> bool:
    """Head nouns equal up to a plural ending our singulariser missed ("viruse" / "virus")."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 2


def _parse_value(text: str) -> tuple[float, float] | None:
    text = text.strip()
    try:
        v = float(text)
        return v, v
    except ValueError:
        pass
    m = _RANGE.match(text)
    if m:
        try:
            return float(m.group(1)), float(m.group(2))
        except ValueError:
            return None
    return None


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=_TOLERANCE, abs_tol=1e-9)


def values_equal(a: str, b: str) -> bool:
    """Whether two NewsQuant value strings are the same number (or the same range)."""
    pa, pb = _parse_value(a), _parse_value(b)
    if pa is None or pb is None:
        return a.strip() == b.strip()
    return _close(pa[0], pb[0]) and _close(pa[1], pb[1])


def units_equal(pred: str | None, gold: str | None, *, known: frozenset[str]) -> bool:
    """Whether two unit names are the same unit (see module docstring)."""
    a, b = unit_key(pred), unit_key(gold)
    if a == b:
        return True
    if not a or not b or a in known or b in known:
        return False
    return _same_noun(_unit_head(a), _unit_head(b))  # counted nouns: compare the head noun


def match_sentence(
    pred: list[dict[str, Any]],
    gold: list[dict[str, Any]],
    *,
    with_unit: bool,
    known: frozenset[str],
) -> list[tuple[int, int]]:
    """One-to-one matches (gold index, predicted index), greedy in gold order."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi in used or not values_equal(str(p["value"]), str(g["value"])):
                continue
            if with_unit and not units_equal(
                p.get("normalized_unit"), g.get("normalized_unit"), known=known
            ):
                continue
            used.add(pi)
            pairs.append((gi, pi))
            break
    return pairs


def _num(value: float) -> str:
    return repr(float(value))


_VAGUE_BASE = {"dozens": 12.0, "tens": 10.0, "scores": 20.0, "hundreds": 100.0}
_SCALE_WORDS = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}


def _cqe_vague(fig: Figure) -> tuple[float, float] | None:
    """A vague amount in NewsQuant's convention, [b, 10 b] for the scale word b ("dozens" =
    12-120, "tens of thousands" = 10,000-100,000, "millions" = 1e6-1e7); sitrep's own
    convention (numbers.json: "dozens" = 24-99) is a reading, this is a format adapter."""
    words = fig.text.lower().split()
    base = None
    for k, word in enumerate(words[:4]):
        if word in _VAGUE_BASE:
            base = _VAGUE_BASE[word]
            if k + 2 < len(words) and words[k + 1] == "of" and words[k + 2] in _SCALE_WORDS:
                base *= _SCALE_WORDS[words[k + 2]]
            break
        if word in _SCALE_WORDS:
            base = _SCALE_WORDS[word]
            break
    return (base, 10 * base) if base is not None else None


def figure_to_quantity(fig: Figure) -> dict[str, Any]:
    """A sitrep figure in NewsQuant's record shape (see module docstring)."""
    cqe = _cqe_vague(fig) if fig.qualifier == "vague" else None
    if cqe is not None:
        value = f"{_num(cqe[0])}-{_num(cqe[1])}"
    elif fig.value is not None:
        value = _num(fig.value)
    elif fig.low is not None and fig.high is not None:
        value = f"{_num(fig.low)}-{_num(fig.high)}"
    else:
        value = _num(fig.low if fig.low is not None else fig.high or 0.0)
    if fig.unit == "fraction":
        unit = _fraction_unit(fig.counts)
    elif fig.unit is not None:
        unit = unit_name(fig.unit)
    elif fig.counts:
        unit = fig.counts.rsplit(" of ", 1)[-1]
    else:
        unit = "-"
    change = _CHANGE.get(fig.qualifier, "=")
    if fig.change and fig.change.endswith("_by"):
        change = "up" if fig.change.startswith("increased") else "down"
    return {
        "change": change,
        "value": value,
        "unit": fig.text,
        "normalized_unit": unit,
        "referred_concepts": fig.counts or "-",
    }


def _fraction_unit(counts: str | None) -> str:
    """NewsQuant's unit for a fraction: the unit it is a fraction of ("1/16 of a pint": pint),
    else a share of what is counted ("a third of the population": "% population")."""
    if counts is None:
        return "% -"
    entry = _unit_forms().get(counts.lower())
    return entry if entry is not None else f"% {counts}"


def _unit_forms() -> dict[str, str]:
    units = load_data("units.json")
    return {
        form: e.get("name", e["unit"])
        for e in units["units"]
        for form in e["forms"]
        if " " not in form and form not in units["glued_only"]
    }


def _known_units() -> frozenset[str]:
    """Keys of the units sitrep knows: these compare whole, never by head noun."""
    units = load_data("units.json")
    names = {e["unit"]: e.get("name", e["unit"]) for e in units["units"] + units["durations"]}
    return frozenset(unit_key(n) for n in names.values()) | frozenset(unit_key(n) for n in names)


@dataclass(slots=True)
class _Score:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    def report(self) -> dict[str, float | int]:
        p = self.tp / self.n_pred if self.n_pred else 0.0
        r = self.tp / self.n_gold if self.n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(100 * p, 2),
            "recall": round(100 * r, 2),
            "f1": round(100 * f, 2),
            "tp": self.tp,
            "predicted": self.n_pred,
            "gold": self.n_gold,
        }


@dataclass(slots=True)
class _Run:
    value_unit: _Score = field(default_factory=_Score)
    value: _Score = field(default_factory=_Score)
    change_right: int = 0
    words: int = 0
    seconds: float = 0.0


_UNANNOTATED = ("several", "a few", "a couple", "a handful")


def _in_scope(fig: Figure) -> bool:
    """NewsQuant annotates "dozens" and "millions" but not "several", "a few", "a couple" or "a
    handful" (nor "several hundred"): those are left out of the comparison."""
    if fig.qualifier != "vague":
        return True
    return not (fig.low is not None and fig.low < 12) and not fig.text.lower().startswith(
        _UNANNOTATED
    )


def _from_to(text: str, a: Figure, b: Figure) -> dict[str, Any] | None:
    """ "from $61 a barrel to $52.10", "from 18 miles per gallon in 2010 to 31 mpg":
    NewsQuant writes a movement stated as "from X ... to Y" as one quantity "X-Y" (in the
    order written). sitrep keeps two figures (two values at two times); this adapter joins
    them when "from" opens the first, "to" closes a short gap and the units agree."""
    if a.sentence is None or a.sentence != b.sentence or a.value is None or b.value is None:
        return None
    before = text[a.sentence[0] : a.span[0]].rstrip().lower()
    gap = text[a.span[1] : b.span[0]].lower()
    if not before.endswith(("from", "from up to")) or not gap.endswith(" to ") or len(gap) > 40:
        return None
    qa, qb = figure_to_quantity(a), figure_to_quantity(b)
    unit_a, unit_b = unit_key(qa["normalized_unit"]), unit_key(qb["normalized_unit"])
    if unit_b not in {"", unit_a}:
        return None
    return {**qa, "value": f"{_num(a.value)}-{_num(b.value)}", "unit": f"{a.text} ... {b.text}"}


def _predict(text: str, config: Config) -> list[dict[str, Any]]:
    doc = parse(text, model=config.spacy_model)
    figures = [
        f for f in extract_figures(doc, doc_id="s", durations=True, one_of=True) if _in_scope(f)
    ]
    out: list[dict[str, Any]] = []
    n = 0
    while n < len(figures):
        joined = _from_to(text, figures[n], figures[n + 1]) if n + 1 < len(figures) else None
        if joined is not None:
            out.append(joined)
            n += 2
            continue
        out.append(figure_to_quantity(figures[n]))
        n += 1
    return out


def evaluate_figures(
    path: Path, *, pred_out: Path | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Score sitrep's figures on a NewsQuant-format file (see module docstring).

    Args:
        path: the gold JSON (``newsquant-dev.json`` or a ``recognizers/*.json`` file).
        pred_out: where to write sitrep's predictions, in the gold's format.
        limit: score only the first ``limit`` sentences.

    Returns:
        ``{"data", "sentences", "value_unit": {precision, recall, f1, tp, predicted, gold},
        "value": {...}, "change_accuracy", "words_per_second", "anchors"}``; scores in percent.
    """
    items: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    if limit is not None:
        items = items[:limit]
    config = Config()
    known = _known_units()
    run = _Run()
    out: list[dict[str, Any]] = []
    for item in items:
        text = str(item["text"])
        gold = list(item.get("quantities") or [])
        t0 = time.perf_counter()
        pred = _predict(text, config)
        run.seconds += time.perf_counter() - t0
        run.words += len(text.split())
        vu = match_sentence(pred, gold, with_unit=True, known=known)
        v = match_sentence(pred, gold, with_unit=False, known=known)
        for score, pairs in ((run.value_unit, vu), (run.value, v)):
            score.tp += len(pairs)
            score.n_pred += len(pred)
            score.n_gold += len(gold)
        run.change_right += sum(
            1 for gi, pi in vu if gold[gi].get("change", "=") == pred[pi]["change"]
        )
        out.append({"text": text, "quantities": pred})
    if pred_out is not None:
        pred_out.write_text(json.dumps(out, indent=1, ensure_ascii=False), encoding="utf-8")
    log.info("figures eval: %d sentences from %s", len(items), path)
    matched = run.value_unit.tp
    return {
        "data": str(path),
        "sentences": len(items),
        "value_unit": run.value_unit.report(),
        "value": run.value.report(),
        "change_accuracy": round(100 * run.change_right / matched, 2) if matched else 0.0,
        "words_per_second": round(run.words / run.seconds) if run.seconds else 0,
        "anchors": {
            "value_unit_f1": {"CQE": 85.6, "GPT-3": 59.1, "quantulum3": 47.2, "Recognizers": 34.2},
            "value_f1": {"CQE": 92.0},
        },
    }
