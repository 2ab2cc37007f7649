"""Figures: the quantities an article states, with their qualifier, unit and what they count.

``extract_figures`` walks the parsed ``Doc`` sentence by sentence. At each token it tries, in
order: a vague amount ("dozens", "tens of thousands"), a fraction ("half of"), a number in
digits or words ("1,100", "2.5", "fourteen", "$1.2 billion"). It then widens the match left
over a bound or approximator ("more than", "up to", "about") or a range ("between 40 and 50",
"40-50"), right over a unit ("km²", "square kilometers", "%") and over the noun that says what
is counted ("14 Ukrainian drones", "dozens of vehicles"). Change verbs stated as a factor
("halved the territory") are figures too: value = the factor, unit ``"factor"``.

Lexicons live in ``data/numbers.json`` (number words, scales, the vague-amount convention
table), ``data/units.json``, ``data/qualifiers.json`` and ``data/counted.json``.

Not figures: dates ("February 6", "2022"), times of day ("9 a.m."), durations ("six days",
"six-month": the time-expression stage owns them), ordinals ("fourth year"), parts of names
("Su-34", "Tochka-U", "Boeing 737"), phone numbers and "one of".

Values by qualifier: ``exact`` sets value = low = high; ``approximately`` keeps only the value
(the spread is unknown, so low/high stay ``None``); ``more_than``/``at_least`` set low;
``less_than``/``at_most``/``up_to`` set high; ``range`` and ``vague`` keep value ``None`` with
low/high.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from sitrep.model import Figure

if TYPE_CHECKING:
    from sitrep.config import Config
    from sitrep.pipeline import Work

log = logging.getLogger(__name__)

_DIGITS = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(bn|mn|mln|m|k)?$")
_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}$")
_PHONE = re.compile(r"^\+?\d{2,4}[-.]\d{2,4}[-.]\d{2,4}$|^\d{3}-\d{4}$")
_ALNUM = re.compile(r"(?=.*[A-Za-z])(?=.*\d)")
_NOUNS = {"NOUN"}
_SKIP_IN_NP = {"ADJ", "PROPN", "DET", "NUM"}


@cache
def load_data(name: str) -> Any:
    """Load one of sitrep's JSON data files (cached)."""
    path = resources.files("sitrep") / "data" / name
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(slots=True)
class _Lexicon:
    words: dict[str, float]
    scales: dict[str, float]
    vague: list[tuple[list[str], float, float]]
    vague_needs_noun: set[str]
    fractions: list[tuple[list[str], float]]
    change_factors: dict[str, tuple[str, float]]
    change_verbs: dict[str, str]
    months: set[str]
    time_after: set[str]
    units: list[tuple[list[str], str, str]]
    prefixes: dict[str, tuple[str, str]]
    left: list[tuple[list[str], str]]
    right: list[tuple[list[str], str]]
    prepositional: set[str]
    range_left: dict[str, str]
    range_joiners: set[str]
    time_units: set[str]
    containers: set[str]
    area_nouns: set[str]
    default_counts: dict[str, str | None]
    advance_verbs: dict[str, str]
    irregular: dict[str, str]


def _seq(pattern: str) -> list[str]:
    return pattern.split()


@cache
def lexicon() -> _Lexicon:
    """The figure lexicons, loaded once from ``data/``."""
    num = load_data("numbers.json")
    units = load_data("units.json")
    qual = load_data("qualifiers.json")
    counted = load_data("counted.json")
    unit_forms: list[tuple[list[str], str, str]] = []
    prefixes: dict[str, tuple[str, str]] = {}
    for entry in units["units"]:
        for form in entry["forms"]:
            unit_forms.append((_seq(form), entry["unit"], entry["dimension"]))
        for prefix in entry.get("prefix", []):
            prefixes[prefix] = (entry["unit"], entry["dimension"])
    by_length = lambda item: -len(item[0])  # noqa: E731 - longest match first
    change_verbs = {
        verb: direction for direction, verbs in num["change_verbs"].items() for verb in verbs
    }
    return _Lexicon(
        words={k: float(v) for k, v in num["words"].items()},
        scales={k: float(v) for k, v in num["scales"].items()},
        vague=sorted(
            ((_seq(v["pattern"]), float(v["low"]), float(v["high"])) for v in num["vague"]),
            key=by_length,
        ),
        vague_needs_noun=set(num["vague_needs_noun"]),
        fractions=sorted(((_seq(k), float(v)) for k, v in num["fractions"].items()), key=by_length),
        change_factors={k: (v[0], float(v[1])) for k, v in num["change_factors"].items()},
        change_verbs=change_verbs,
        months=set(num["months"]),
        time_after=set(num["time_words_after"]),
        units=sorted(unit_forms, key=by_length),
        prefixes=prefixes,
        left=sorted(((_seq(k), v) for k, v in qual["left"].items()), key=by_length),
        right=sorted(((_seq(k), v) for k, v in qual["right"].items()), key=by_length),
        prepositional=set(qual["prepositional_after_noun"]),
        range_left=dict(qual["range_left"]),
        range_joiners=set(qual["range_joiners"]),
        time_units=set(counted["time_units"]),
        containers=set(counted["containers"]),
        area_nouns=set(counted["area_nouns"]),
        default_counts=dict(counted["default_counts"]),
        advance_verbs=dict(counted["advance_verbs"]),
        irregular=dict(counted["irregular_plurals"]),
    )


# ---- token helpers ----------------------------------------------------------------------------


def _low(doc: Any, i: int) -> str:
    return str(doc[i].lower_)


def _match_seq(doc: Any, i: int, end: int, seq: list[str]) -> bool:
    if i + len(seq) > end:
        return False
    return all(_low(doc, i + k) == word for k, word in enumerate(seq))


def _match_seq_ending(doc: Any, j: int, start: int, seq: list[str]) -> bool:
    """Whether ``seq`` ends at token ``j - 1`` (and starts at or after ``start``)."""
    return _match_seq(doc, j - len(seq), j, seq) if j - len(seq) >= start else False


def pluralize(word: str, irregular: dict[str, str] | None = None) -> str:
    """A small English pluralizer for counted nouns ("soldier" -> "soldiers")."""
    table = irregular if irregular is not None else lexicon().irregular
    if word in table:
        return table[word]
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es" if not word.endswith("s") else word
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


# ---- numbers ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Amount:
    start: int  # token index
    end: int  # exclusive
    value: float | None
    low: float | None
    high: float | None
    kind: str  # digits | words | vague | fraction
    vague_key: str = ""


def _parse_digits(text: str) -> tuple[float, str] | None:
    m = _DIGITS.match(text)
    if not m:
        return None
    value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
    return value, m.group(3) or ""


def _number_at(doc: Any, i: int, end: int, lex: _Lexicon) -> _Amount | None:
    """A plain number starting at token ``i`` (digits with scale words, or number words)."""
    text = _low(doc, i)
    parsed = _parse_digits(text)
    if parsed is not None:
        value, suffix = parsed
        j = i + 1
        if suffix:
            value *= lex.scales.get(suffix, {"m": 1e6, "k": 1e3}.get(suffix, 1.0))
        while j < end and _low(doc, j) in lex.scales and _low(doc, j) not in {"m"}:
            value *= lex.scales[_low(doc, j)]
            j += 1
        return _Amount(i, j, value, value, value, "digits")
    if (
        text == "a"
        and i + 1 < end
        and (_low(doc, i + 1) in lex.scales or _low(doc, i + 1) == "dozen")
    ):
        first = _low(doc, i + 1)
        if first in {"bn", "mn", "mln", "tn"}:
            return None
        val = lex.scales.get(first, 12.0)
        j = i + 2
        while j < end and _low(doc, j) in lex.scales:
            val *= lex.scales[_low(doc, j)]
            j += 1
        return _Amount(i, j, val, val, val, "words")
    if text not in lex.words:
        return None
    total = 0.0
    current = 0.0
    j = i
    while j < end:
        word = _low(doc, j)
        if word in lex.words:
            current += lex.words[word]
        elif word in lex.scales and word not in {"bn", "mn", "mln", "tn"}:
            scale = lex.scales[word]
            if scale == 100:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0
        elif (
            word == "-"
            and j + 1 < end
            and _low(doc, j + 1) in lex.words
            and not doc[j - 1].whitespace_
            and lex.words[_low(doc, j + 1)] < 10
        ):
            j += 1
            continue
        else:
            break
        j += 1
    value = total + current
    return _Amount(i, j, value, value, value, "words")


def _amount_at(doc: Any, i: int, end: int, lex: _Lexicon) -> _Amount | None:
    for seq, low, high in lex.vague:
        if _match_seq(doc, i, end, seq):
            return _Amount(i, i + len(seq), None, low, high, "vague", " ".join(seq))
    for seq, frac in lex.fractions:
        if _match_seq(doc, i, end, seq) and i + len(seq) < end and _low(doc, i + len(seq)) == "of":
            return _Amount(i, i + len(seq), frac, frac, frac, "fraction")
    return _number_at(doc, i, end, lex)


def _is_excluded(doc: Any, amount: _Amount, sent_start: int, sent_end: int, lex: _Lexicon) -> bool:
    """Dates, years, times, name parts, phone numbers, 'one of' (see module docstring)."""
    i, j = amount.start, amount.end
    tok = doc[i]
    text = tok.text
    nxt = _low(doc, j) if j < sent_end else ""
    prev = _low(doc, i - 1) if i > sent_start else ""
    if amount.kind in {"vague", "fraction"}:
        return False
    if _CLOCK.match(text) or _PHONE.match(text) or nxt in lex.time_after:
        return True
    if amount.kind == "digits" and _ALNUM.search(text) and not _DIGITS.match(text.lower()):
        return True
    if prev in lex.months or nxt in lex.months:
        return True
    if nxt in {"th", "st", "nd", "rd"}:
        return True
    if (
        amount.kind == "digits"
        and re.fullmatch(r"\d{4}", text)
        and 1800 <= int(text) <= 2100
        and not (j < sent_end and doc[j].tag_ == "NNS")
    ):
        return True
    if i > sent_start and not doc[i - 1].whitespace_ and prev in {"-", "#", "/"}:
        return True  # Su-34, #3, 24/7
    if j < sent_end and not doc[j - 1].whitespace_ and nxt in {"-", "/"} and j + 1 < sent_end:
        after = doc[j + 1]
        if after.is_alpha and after.text[:1].isupper():
            return True  # 9-K
    if amount.kind == "words" and text.lower() == "one" and nxt in {"of", "another", "day"}:
        return True
    if i > sent_start and doc[i - 1].pos_ == "PROPN" and doc[i - 1].text[:1].isupper():
        # "Boeing 737", "Article 5": a number right after a name, with no noun of its own.
        return not ((j < sent_end and doc[j].pos_ in {"NOUN", "ADJ", "SYM"}) or nxt == "%")
    return False


# ---- qualifiers, units, counted nouns ---------------------------------------------------------


def _left_qualifier(doc: Any, i: int, sent_start: int, lex: _Lexicon) -> tuple[int, str] | None:
    for seq, qual in lex.left:
        if not _match_seq_ending(doc, i, sent_start, seq):
            continue
        first = i - len(seq)
        if seq[0] in lex.prepositional and len(seq) == 1 and first > sent_start:
            before = doc[first - 1]
            if before.pos_ in {"NOUN", "PROPN"} or before.lower_ in {"is", "was", "are", "were"}:
                continue
        return first, qual
    return None


def _unit_at(doc: Any, j: int, end: int, lex: _Lexicon) -> tuple[int, str, str] | None:
    for seq, unit, dim in lex.units:
        if _match_seq(doc, j, end, seq):
            if seq == ["m"] or (seq == ["ha"] and doc[j].text != "ha"):
                continue
            return j + len(seq), unit, dim
    return None


def _noun_run_end(doc: Any, k: int, end: int) -> int | None:
    """From token ``k``, skip modifiers to the head noun of a noun phrase; its index or None."""
    limit = min(end, k + 7)
    m = k
    while m < limit:
        tok = doc[m]
        if tok.pos_ in _NOUNS or tok.tag_ == "NNPS":
            if m + 1 < limit and doc[m + 1].pos_ in _NOUNS and tok.dep_ == "compound":
                m += 1
                continue
            if m + 1 < limit and doc[m + 1].tag_ == "POS":  # "the offensive's seized land"
                m += 2
                continue
            return m
        if tok.tag_ == "POS":
            m += 1
            continue
        if tok.pos_ in _SKIP_IN_NP or (
            tok.tag_ in {"VBN", "VBG"} and tok.dep_ in {"amod", "compound"}
        ):
            m += 1
            continue
        if tok.text in {"-", "–"} and not doc[m - 1].whitespace_:
            m += 1
            continue
        if tok.pos_ == "ADV" and m + 1 < limit and doc[m + 1].pos_ == "ADJ":
            m += 1
            continue
        return None
    return None


def _of_noun(doc: Any, j: int, end: int) -> int | None:
    """``of`` + noun phrase starting at ``j``: the head noun index."""
    if j < end and _low(doc, j) == "of":
        return _noun_run_end(doc, j + 1, end)
    return None


def _counts_text(doc: Any, head: int, lex: _Lexicon) -> str:
    tok = doc[head]
    word = str(tok.lower_)
    if tok.tag_ in {"NN", "NNP"} and word not in lex.area_nouns:
        word = pluralize(str(tok.lemma_).lower(), lex.irregular)
    return word


def _governing_verb(tok: Any) -> Any:
    seen = 0
    while tok.head.i != tok.i and seen < 6:
        tok = tok.head
        seen += 1
        if tok.pos_ in {"VERB", "AUX"}:
            return tok
    return None


def _change(anchor: Any, lex: _Lexicon) -> str | None:
    prep = anchor.head
    if prep.i == anchor.i or prep.lower_ not in {"to", "by"}:
        return None
    verb = prep.head
    direction = lex.change_verbs.get(str(verb.lemma_).lower())
    if direction is None:
        return None
    return f"{direction}_{prep.lower_}"


def _make(
    doc: Any,
    *,
    start: int,
    end: int,
    value: float | None,
    low: float | None,
    high: float | None,
    qualifier: str,
    unit: str | None,
    counts: str | None,
    change: str | None,
    sent: Any,
) -> Figure:
    s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
    return Figure(
        id="",
        span=(s, e),
        text=doc.text[s:e],
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit,
        counts=counts,
        change=change,
        sentence=(sent.start_char, sent.end_char),
    )


def _bounds(qualifier: str, value: float | None) -> tuple[float | None, float | None]:
    if qualifier == "exact":
        return value, value
    if qualifier in {"more_than", "at_least"}:
        return value, None
    if qualifier in {"less_than", "at_most", "up_to"}:
        return None, value
    return None, None


def _sentence_figures(doc: Any, sent: Any, lex: _Lexicon) -> list[Figure]:
    out: list[Figure] = []
    s0, s1 = sent.start, sent.end
    i = s0
    while i < s1:
        fig = _factor_figure(doc, i, sent, lex)
        if fig is not None:
            out.append(fig)
            i += 1
            continue
        amount = _amount_at(doc, i, s1, lex)
        if amount is None or amount.end == amount.start:
            i += 1
            continue
        if _is_excluded(doc, amount, s0, s1, lex):
            i = amount.end
            continue
        fig, next_i = _build(doc, amount, sent, lex, out)
        if fig is not None:
            out.append(fig)
        i = max(next_i, i + 1)
    return out


def _factor_figure(doc: Any, i: int, sent: Any, lex: _Lexicon) -> Figure | None:
    tok = doc[i]
    if tok.pos_ != "VERB":
        return None
    factor = lex.change_factors.get(str(tok.lemma_).lower())
    if factor is None:
        return None
    name, value = factor
    obj = next((c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    end = i + 1
    counts = None
    if obj is not None and obj.i > i:
        end = obj.i + 1
        counts = str(obj.lower_)  # what was halved, as written (not a count)
    return _make(
        doc,
        start=i,
        end=end,
        value=value,
        low=value,
        high=value,
        qualifier="exact",
        unit="factor",
        counts=counts,
        change=name,
        sent=sent,
    )


def _build(
    doc: Any, amount: _Amount, sent: Any, lex: _Lexicon, previous: list[Figure]
) -> tuple[Figure | None, int]:
    s0, s1 = sent.start, sent.end
    start, j = amount.start, amount.end
    value, low, high = amount.value, amount.low, amount.high
    qualifier = "vague" if amount.kind == "vague" else "exact"
    unit: str | None = None
    dim: str | None = None
    if amount.kind == "fraction":
        unit, dim = "fraction", "ratio"
    # currency prefix: "$1.2 billion"
    if start > s0 and _low(doc, start - 1) in lex.prefixes:
        unit, dim = lex.prefixes[_low(doc, start - 1)]
        start -= 1
    # ranges: "between 40 and 50", "from 40 to 50", "40-50", "40 to 50"
    if amount.kind in {"digits", "words"} and j < s1:
        left_word = _low(doc, start - 1) if start > s0 else ""
        joiner = _low(doc, j)
        if (left_word in lex.range_left and joiner == lex.range_left[left_word]) or (
            joiner in lex.range_joiners and left_word not in lex.range_left
        ):
            second = _number_at(doc, j + 1, s1, lex) if j + 1 < s1 else None
            if (
                second is not None
                and joiner == "-"
                and (doc[j + 1].text.startswith("0") or (second.value or 0) < (amount.value or 0))
            ):
                return None, second.end  # "555-0142" is a phone number, not a range
            if second is not None and second.end > second.start and second.value is not None:
                if left_word in lex.range_left:
                    start -= 1
                low, high, value = amount.value, second.value, None
                qualifier = "range"
                j = second.end
    if qualifier in {"exact", "vague"}:
        left = _left_qualifier(doc, start, s0, lex)
        if left is not None and qualifier == "exact":
            start, qualifier = left
        elif left is not None and left[1] == "approximately":
            start = left[0]
    # unit after the number (after "of" for vague amounts: "tens of square kilometers")
    k = j
    if amount.kind == "vague" and k < s1 and _low(doc, k) == "of" and amount.vague_key[-2:] != "of":
        found = _unit_at(doc, k + 1, s1, lex)
        if found is not None:
            k = k + 1
    elif k < s1 and doc[k].text == "-" and not doc[k - 1].whitespace_:
        # "six-month", "10-km": hyphenated adjectives are durations or unit adjectives
        found = _unit_at(doc, k + 1, s1, lex)
        if found is None:
            return None, k + 1
        k += 1
    found = _unit_at(doc, k, s1, lex) if unit is None or dim == "money" else None
    if found is not None and (unit is None or found[2] == "money"):
        j, unit, dim = found
    elif amount.kind == "vague" and k != j:
        pass
    # counted noun
    counts: str | None = None
    anchor = doc[j - 1]
    head: int | None = None
    if unit is None or dim in {"area", "length", "money", "mass"}:
        of_head = _of_noun(doc, j, s1)
        if unit is None and amount.kind in {"digits", "words"}:
            head = _noun_run_end(doc, j, s1)
        elif of_head is not None:
            head = of_head
        elif unit is None and amount.kind == "vague":
            head = _noun_run_end(doc, j, s1)
    if unit == "fraction":
        head = _of_noun(doc, j, s1)
    if head is not None:
        head_low = str(doc[head].lower_)
        if head_low in lex.time_units:
            return None, head + 1
        if _unit_at(doc, head, s1, lex) is not None:
            head = None
    if head is not None:
        head_low = str(doc[head].lower_)
        if head_low in lex.containers:
            inner = _of_noun(doc, head + 1, s1)
            if inner is not None:
                counts = f"{head_low} of {_counts_text(doc, inner, lex)}"
                head = inner
        if counts is None:
            counts = _counts_text(doc, head, lex)
        anchor = doc[head]
        j = head + 1
    elif amount.kind in {"vague"} and amount.vague_key in lex.vague_needs_noun and unit is None:
        return None, amount.end
    elliptic = bool(previous and previous[-1].counts and not previous[-1].unit)
    if (
        amount.kind == "words"
        and head is None
        and unit is None
        and (amount.value == 1 or not elliptic)
    ):
        return None, amount.end  # a bare number word counts nothing ("one", "two of them")
    if counts is None and unit is not None and dim is not None:
        counts = _default_counts(doc, sent, anchor, dim, lex)
    if counts is None and unit is None and previous and previous[-1].unit is None:
        counts = previous[-1].counts  # ellipsis: "44 conflicts ..., at least nine still ongoing"
    # right qualifiers: "200 or more"
    if qualifier == "exact":
        for seq, qual in lex.right:
            if _match_seq(doc, j, s1, seq):
                qualifier = qual
                j += len(seq)
                break
    if amount.kind == "fraction" and qualifier == "exact":
        low = high = value
    elif qualifier not in {"range", "vague"}:
        low, high = _bounds(qualifier, value)
    change = _change(anchor, lex)
    fig = _make(
        doc,
        start=start,
        end=j,
        value=value,
        low=low,
        high=high,
        qualifier=qualifier,
        unit=unit,
        counts=counts,
        change=change,
        sent=sent,
    )
    return fig, j


def _default_counts(doc: Any, sent: Any, anchor: Any, dim: str, lex: _Lexicon) -> str | None:
    if dim == "area":
        for tok in sent:
            if tok.lower_ in lex.area_nouns and tok.pos_ == "NOUN":
                return str(tok.lower_)
    if dim == "length":
        verb = _governing_verb(anchor)
        if verb is not None:
            mapped = lex.advance_verbs.get(str(verb.lemma_).lower())
            if mapped is not None:
                return mapped
    return lex.default_counts.get(dim)


def extract_figures(doc: Any, *, doc_id: str) -> list[Figure]:
    """All figures of a parsed document, in text order, ids ``{doc_id}:f1``, ``:f2``...

    Args:
        doc: a spaCy ``Doc`` with sentences, tags, lemmas and a dependency parse.
        doc_id: the article id used to build figure ids.

    Example:
        "Russia claimed more than 200 soldiers and dozens of vehicles were lost." gives
        ``more than 200 soldiers`` (more_than, 200, counts soldiers) and ``dozens of vehicles``
        (vague, 24..99, counts vehicles).
    """
    lex = lexicon()
    figures: list[Figure] = []
    for sent in doc.sents:
        figures.extend(_sentence_figures(doc, sent, lex))
    for n, fig in enumerate(figures, start=1):
        fig.id = f"{doc_id}:f{n}"
    log.debug("%s: %d figures", doc_id, len(figures))
    return figures


def figures_stage(work: Work, config: Config) -> dict[str, Any]:
    """Pipeline stage ``figures``: reads ``doc``, writes ``figures``."""
    del config
    if work.doc is None:
        return {"figures": []}
    return {"figures": extract_figures(work.doc, doc_id=work.raw.id)}
