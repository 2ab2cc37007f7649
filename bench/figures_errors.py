"""Error analysis of sitrep's figures on a NewsQuant-format file, grouped by cause.

    .venv/bin/python bench/figures_errors.py ../shared/data/figures/newsquant-dev.json [--limit N]
        [--show CLASS] [--examples K]

Every gold and predicted quantity of every sentence lands in one class (same one-to-one matching
as ``sitrep eval figures``):

* ``ok``: value and unit match;
* ``unit:<gold kind>-><pred kind>``: the value matches but the unit does not (kinds: ``bare`` for
  "-", ``unit`` for a unit sitrep knows, ``noun`` for a counted noun), e.g. ``unit:noun->bare``
  is "63,150 Model 3s" read as a bare number;
* ``missed:<gold kind>``: no prediction has the gold value (``missed:range`` for ranges);
* ``spurious:<pred kind>``: a prediction whose value is in no gold quantity.

Prints the count of each class and K examples (sentence, gold, predicted) of each, or of one
class with ``--show``.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any


def _kind(unit: str | None, known: frozenset[str]) -> str:
    from sitrep.evaluate.figures import unit_key

    key = unit_key(unit)
    if not key:
        return "bare"
    return "unit" if key in known else "noun"


def _fmt(q: dict[str, Any]) -> str:
    return f"{q['value']} [{q.get('normalized_unit')}] ({q.get('unit', '')!s})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show", default=None, help="print only this class (prefix match)")
    parser.add_argument("--examples", type=int, default=6)
    args = parser.parse_args()

    from sitrep.config import Config
    from sitrep.evaluate.figures import _known_units, _predict, match_sentence, values_equal

    items: list[dict[str, Any]] = json.loads(args.data.read_text(encoding="utf-8"))
    if args.limit is not None:
        items = items[: args.limit]
    known = _known_units()
    config = Config()
    counts: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for item in items:
        text = str(item["text"])
        gold = list(item.get("quantities") or [])
        pred = _predict(text, config)
        vu = match_sentence(pred, gold, with_unit=True, known=known)
        g_done = {g for g, _ in vu}
        p_done = {p for _, p in vu}
        counts["ok"] += len(vu)
        rest_g = [g for g in range(len(gold)) if g not in g_done]
        rest_p = [p for p in range(len(pred)) if p not in p_done]
        for gi in list(rest_g):
            g = gold[gi]
            pi = next(
                (p for p in rest_p if values_equal(str(pred[p]["value"]), str(g["value"]))), None
            )
            if pi is None:
                continue
            rest_g.remove(gi)
            rest_p.remove(pi)
            cls = (
                f"unit:{_kind(g.get('normalized_unit'), known)}"
                f"->{_kind(pred[pi].get('normalized_unit'), known)}"
            )
            counts[cls] += 1
            examples[cls].append(f"{text}\n      gold {_fmt(g)}\n      pred {_fmt(pred[pi])}")
        for gi in rest_g:
            g = gold[gi]
            kind = (
                "range"
                if "-" in str(g["value"]).lstrip("-")
                else _kind(g.get("normalized_unit"), known)
            )
            cls = f"missed:{kind}"
            counts[cls] += 1
            others = "; ".join(_fmt(p) for p in pred) or "none"
            examples[cls].append(f"{text}\n      gold {_fmt(g)}\n      preds {others}")
        for pi in rest_p:
            p = pred[pi]
            cls = f"spurious:{_kind(p.get('normalized_unit'), known)}"
            counts[cls] += 1
            golds = "; ".join(_fmt(g) for g in gold) or "none"
            examples[cls].append(f"{text}\n      pred {_fmt(p)}\n      golds {golds}")
    for cls, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{n:4d}  {cls}")
    for cls in sorted(examples, key=lambda c: -counts[c]):
        if args.show is not None and not cls.startswith(args.show):
            continue
        limit = len(examples[cls]) if args.show else args.examples
        print(f"\n== {cls} ({counts[cls]})")
        for ex in examples[cls][:limit]:
            print(f"  - {ex}")


if __name__ == "__main__":
    main()
