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
("Su-34", "Tochka-U", "Boeing 737", "11 Pro", "575 Wilbraham Road", "COVID -19"), labels
("category 4", ``label_nouns`` in counted.json), scores ("89-89"), phone numbers and "one of"
(read only with ``one_of=True``, NewsQuant's convention).

Earthquake magnitudes ("magnitude 6.1", "a 7.0-magnitude quake", "7.0 on the Richter scale")
carry the unit ``magnitude``; they count no earthquakes.

Units from context: a bare number takes the unit of a figure it parallels in its sentence
(the same preposition before both, or "280 million of the 1.5 billion shekels"), a range
states its unit once ("from 208 pounds to 193"), a counted noun can be a rate ("3,000 tests
per day"), money after "a" is a rate over a unit or a phrase-final noun ("$1,271 an ounce").

Values by qualifier: ``exact`` sets value = low = high; ``approximately`` keeps only the value
(the spread is unknown, so low/high stay ``None``); ``more_than``/``at_least`` set low;
``less_than``/``at_most``/``up_to`` set high; ``range`` and ``vague`` keep value ``None`` with
low/high.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from sitrep.model import Figure

if TYPE_CHECKING:
    from sitrep.config import Config
    from sitrep.pipeline import Work

log = logging.getLogger(__name__)

_DIGITS = re.compile(r"^(?=\.?\d)(\d{1,3}(?:,\d{3})+|\d*)(\.\d+)?(bn|mn|mln|tn|m|k|b)?$")
# a number with something glued on: "HK$2", "RM1.2", "US55,931,000", "640bhp", "5,000mah", "1.38pc"
_GLUED = re.compile(r"^(\D*?)(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?((?:[^\d\s.,][^\s]*)?)$")
_SIGNS = {"+": 1.0, "-": -1.0, "−": -1.0, "minus-": -1.0, "minus": -1.0, "minus−": -1.0}
_APPROX = ("~", "≈", "c.")  # "~45g", "≈32m2": approximately, glued to the digits
# "1/16 of a pint", "1⁄32 of a quart": a fraction written in digits (read only before "of")
_YEAR_LIKE = re.compile(r"1[5-9]\d\d|20\d\d")  # "killed 15 in 2010": a year, no fraction
_SLASHED = re.compile(r"^(\d{1,3})[/⁄](\d{1,4})$")
_GLUED_SCALES = {"bn": 1e9, "b": 1e9, "mn": 1e6, "mln": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12}
_EXTENT_WORDS = {"tall", "long", "high", "wide", "deep", "thick", "away"}
_CLOCK = re.compile(r"^\d{1,2}:\d{2}$")  # "7.36" is a decimal; "7.36 pm" is caught by time words
_HHMM = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")  # "0600", "1422": a 24-hour clock
_CLOCK_PREPOSITIONS = frozenset({"at", "after", "before", "until", "till", "since"})
_PHONE = re.compile(r"^\+?\d{2,4}[-.]\d{2,4}[-.]\d{2,4}$|^\d{3}-\d{4}$")
_ALNUM = re.compile(r"(?=.*[A-Za-z])(?=.*\d)")
_NOUNS = {"NOUN"}
_SKIP_IN_NP = {"ADJ", "PROPN", "DET", "NUM"}
Index = dict[str, list[tuple[list[str], Any]]]  # patterns by first (or last) word


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
    durations: list[tuple[list[str], str, str]]
    prefixes: list[tuple[list[str], str, str]]
    glued_prefixes: dict[str, tuple[str, str]]
    glued_suffixes: dict[str, tuple[str, str]]
    glued_only: frozenset[str]
    ascii_prefixes: dict[str, tuple[str, str]]
    spaced_glued: frozenset[str]
    names: dict[str, str]
    dims: dict[str, str]
    cased: dict[str, tuple[str, str]]
    after_dollar: dict[str, tuple[str, str]]
    left: list[tuple[list[str], str]]
    right: list[tuple[list[str], str]]
    prepositional: set[str]
    range_left: dict[str, frozenset[str]]  # "between" -> and, to ("between 5,000 to 10,000")
    range_joiners: set[str]
    time_units: set[str]
    containers: set[str]
    area_nouns: set[str]
    default_counts: dict[str, str | None]
    advance_verbs: dict[str, str]
    irregular: dict[str, str]
    label_nouns: set[str]
    people_states: frozenset[str]  # "80 dead": the dead are counted
    measure_nouns: dict[str, str | None]
    measure_modifiers: dict[str, str]
    unit_index: Index = field(default_factory=dict)
    duration_index: Index = field(default_factory=dict)
    prefix_index: Index = field(default_factory=dict)
    vague_index: Index = field(default_factory=dict)
    fraction_index: Index = field(default_factory=dict)
    left_index: Index = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.unit_index = _index([(s, (u, d)) for s, u, d in self.units])
        self.duration_index = _index([(s, (u, d)) for s, u, d in self.durations])
        self.prefix_index = _index([(s, (u, d)) for s, u, d in self.prefixes], last=True)
        self.vague_index = _index([(s, (lo, hi)) for s, lo, hi in self.vague])
        self.fraction_index = _index(list(self.fractions))
        self.left_index = _index(list(self.left), last=True)


def _seq(pattern: str) -> list[str]:
    """The tokens of a form as spaCy splits them: a hyphen between letters is a token of its
    own ("gigawatt-hours" -> gigawatt, -, hours)."""
    return re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", " - ", pattern).split()


@cache
def lexicon() -> _Lexicon:
    """The figure lexicons, loaded once from ``data/``."""
    num = load_data("numbers.json")
    units = load_data("units.json")
    qual = load_data("qualifiers.json")
    counted = load_data("counted.json")
    unit_forms: list[tuple[list[str], str, str]] = []
    duration_forms: list[tuple[list[str], str, str]] = []
    prefixes: list[tuple[list[str], str, str]] = []
    glued_prefixes: dict[str, tuple[str, str]] = {}
    glued_suffixes: dict[str, tuple[str, str]] = {}
    glued_only = frozenset(units["glued_only"])
    names: dict[str, str] = {}
    dims: dict[str, str] = {}
    for entry in units["units"] + units["durations"]:
        code, dim = entry["unit"], entry["dimension"]
        dims[code] = dim
        names[code] = entry.get("name", code)
        for form in entry["forms"]:
            if " " not in form:
                glued_suffixes.setdefault(form, (code, dim))
            if form not in glued_only:
                (duration_forms if dim == "time" else unit_forms).append((_seq(form), code, dim))
        for prefix in entry.get("prefix", []):
            prefixes.append((_seq(prefix), code, dim))
        for prefix in entry.get("glued", []):
            glued_prefixes[prefix] = (code, dim)
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
        durations=sorted(duration_forms, key=by_length),
        prefixes=sorted(prefixes, key=by_length),
        glued_prefixes=glued_prefixes,
        glued_suffixes=glued_suffixes,
        glued_only=glued_only,
        spaced_glued=frozenset(units["spaced_glued"]),
        ascii_prefixes={k: (code, dims[code]) for k, code in units["ascii_prefixes"].items()},
        names=names,
        dims=dims,
        cased={text: (code, dims[code]) for text, code in units["cased"].items()},
        after_dollar={k: (code, dims[code]) for k, code in units["after_dollar"].items()},
        left=sorted(((_seq(k), v) for k, v in qual["left"].items()), key=by_length),
        right=sorted(((_seq(k), v) for k, v in qual["right"].items()), key=by_length),
        prepositional=set(qual["prepositional_after_noun"]),
        range_left={k: frozenset(v) for k, v in qual["range_left"].items()},
        range_joiners=set(qual["range_joiners"]),
        time_units=set(counted["time_units"]),
        containers=set(counted["containers"]),
        area_nouns=set(counted["area_nouns"]),
        default_counts=dict(counted["default_counts"]),
        advance_verbs=dict(counted["advance_verbs"]),
        irregular=dict(counted["irregular_plurals"]),
        label_nouns=set(counted["label_nouns"]),
        people_states=frozenset(counted["people_states"]),
        measure_nouns=dict(counted["measure_nouns"]),
        measure_modifiers=dict(counted["measure_modifiers"]),
    )


# ---- token helpers ----------------------------------------------------------------------------


_LOWS = "sitrep_lower_tokens"


def lower_tokens(doc: Any) -> list[str]:
    """The lowercased tokens of ``doc``, computed once (token access in spaCy is costly)."""
    lows: list[str] | None = doc.user_data.get(_LOWS)
    if lows is None or len(lows) != len(doc):
        lows = [t.lower_ for t in doc]
        doc.user_data[_LOWS] = lows
    return lows


def _low(doc: Any, i: int) -> str:
    return lower_tokens(doc)[i]


def _index(patterns: list[tuple[list[str], Any]], *, last: bool = False) -> Index:
    """Patterns keyed by their first (or last) word, longest first within a key."""
    out: Index = {}
    for seq, payload in patterns:
        out.setdefault(seq[-1] if last else seq[0], []).append((seq, payload))
    for items in out.values():
        items.sort(key=lambda item: -len(item[0]))
    return out


def _match_seq(doc: Any, i: int, end: int, seq: list[str]) -> bool:
    if i < 0 or i + len(seq) > end:
        return False
    return lower_tokens(doc)[i : i + len(seq)] == seq


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
    unit: tuple[str, str] | None = None  # a unit glued to the digits: ("USD", "money")
    approx: bool = False  # "~45g": an approximator glued to the digits
    glued: bool = False  # letters around the digits were read (a sign, a currency, a unit)


def _parse_digits(text: str) -> tuple[float, str] | None:
    m = _DIGITS.match(text)
    if not m:
        return None
    value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
    return value, m.group(3) or ""


def _parse_glued(
    text: str, lex: _Lexicon, *, after_dollar: bool = False, raw: str = ""
) -> tuple[float, tuple[str, str] | None, bool] | None:
    """A number with a currency glued before it or a scale/unit glued after ("HK$2", "640bhp"):
    (value, unit, approximate). ``raw`` is the token as written, for case-sensitive prefixes."""
    m = _GLUED.match(text)
    if not m:
        return None
    pre, suf = m.group(1), m.group(4)
    digits = m.group(2) + (m.group(3) or "")
    value = float(digits.replace(",", ""))
    unit: tuple[str, str] | None = None
    approx = pre.startswith(_APPROX)
    if approx:
        pre = pre[1:] if pre[:1] in _APPROX else pre[2:]
    if pre in _SIGNS:  # "+0.2", "minus-130"
        value *= _SIGNS[pre]
        pre = ""
    elif pre.endswith("-") and pre[:-1] in _SIGNS:  # "$-50.8bn" reads "$" then "-50.8bn"
        value *= _SIGNS[pre[:-1]]
        pre = ""
    if pre:
        unit = lex.glued_prefixes.get(pre)
        if unit is None and after_dollar:
            unit = lex.after_dollar.get(pre)
        if unit is None and raw:
            unit = _ascii_prefix(re.sub(r"\d.*$", "", raw), digits, suf, lex)
        if unit is None:
            return None
    if suf:
        if suf in _GLUED_SCALES:
            value *= _GLUED_SCALES[suf]
        elif suf in lex.glued_suffixes and unit is None:
            if suf in lex.glued_only and raw and not raw.endswith(suf):
                return None  # "5G", "3D": a capital single letter is a name, not g or d
            unit = lex.glued_suffixes[suf]
        else:
            return None
    return value, unit, approx


def _millions_of(doc: Any, k: int, end: int, lex: _Lexicon) -> bool:
    """Whether the token after a glued "m" makes it millions, not metres: a currency word ("3m
    euros") or a plural noun ("3m people", "1.5m barrels"); "a 3m wall", "3m high" and "3m
    (10ft)" stay metres."""
    if k >= end:
        return False
    unit = _unit_form_at(doc, k, end, lex.unit_index, lex)
    if unit is not None:
        return unit[2] != "length"  # "3m euros", "2.5m barrels"
    tok = doc[k]
    return tok.tag_ == "NNS" and tok.is_alpha and tok.lower_ not in _EXTENT_WORDS


def _ascii_prefix(pre: str, digits: str, suf: str, lex: _Lexicon) -> tuple[str, str] | None:
    """A currency sign transliterated to ASCII ("PS2.7m" for "£2.7m", as unidecode writes it):
    read only in its exact case and on an amount ("PS21,700", "PS8.1bn", "PS250"), so that
    "PS5" (a console) stays a name."""
    unit = lex.ascii_prefixes.get(pre.lstrip("~≈"))
    if unit is None:
        return None
    if suf in _GLUED_SCALES or "," in digits or "." in digits or len(digits) >= 3:
        return unit
    return None


def _number_at(doc: Any, i: int, end: int, lex: _Lexicon) -> _Amount | None:
    """A plain number starting at token ``i`` (digits with scale words, or number words)."""
    text = _low(doc, i)
    parsed = _parse_digits(text)
    glued: tuple[str, str] | None = None
    approx = False
    found_glued = False
    if parsed is None and any(c.isdigit() for c in text):
        found = _parse_glued(
            text, lex, after_dollar=i > 0 and doc[i - 1].text == "$", raw=doc[i].text
        )
        if found is not None:
            parsed = (found[0], "")
            glued = found[1]
            approx = found[2]
            found_glued = True
    if parsed is not None:
        value, suffix = parsed
        j = i + 1
        money = (glued is not None and glued[1] == "money") or (
            i > 0 and _prefix_before(doc, i, 0, lex) is not None
        )
        if suffix == "m" and not money and j < end and _low(doc, j) in _EXTENT_WORDS:
            suffix, glued = "", ("m", "length")  # "1.8m tall" is metres, "£1.8m" millions
        if suffix:
            value *= _GLUED_SCALES.get(suffix, 1.0)
        while j < end and (
            (_low(doc, j) in lex.scales and _low(doc, j) != "m")
            or doc[j].text == "M"
            or (
                doc[j].text in {"m", "m.", "bn."}
                and (money or (not doc[j - 1].whitespace_ and _millions_of(doc, j + 1, end, lex)))
            )
        ):  # "€5m", "$4.37 m", "HK $5.4m." (the tokenizer keeps a sentence's last period on
            # the scale), "3m euros"; "3 m" alone is metres
            value *= lex.scales.get(_low(doc, j).rstrip("."), 1e6)
            j += 1
        if i > 0 and _low(doc, i - 1) == "minus":
            value = -value
        return _Amount(
            i, j, value, value, value, "digits", unit=glued, approx=approx, glued=found_glued
        )
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
    word = _low(doc, i)
    for seq, (low, high) in lex.vague_index.get(word, ()):
        if _match_seq(doc, i, end, seq):
            return _Amount(i, i + len(seq), None, low, high, "vague", " ".join(seq))
    for seq, frac in lex.fraction_index.get(word, ()):
        if _match_seq(doc, i, end, seq) and i + len(seq) < end and _low(doc, i + len(seq)) == "of":
            return _Amount(i, i + len(seq), frac, frac, frac, "fraction")
    slashed = _SLASHED.match(word)
    if slashed and i + 1 < end and _low(doc, i + 1) == "of" and int(slashed.group(2)) > 0:
        frac = int(slashed.group(1)) / int(slashed.group(2))
        if frac < 1:
            return _Amount(i, i + 1, frac, frac, frac, "fraction")
    amount = _number_at(doc, i, end, lex)
    if (
        amount is not None
        and amount.value
        and _match_seq(doc, amount.end, end, ["out", "of"])
        and amount.end + 2 < end
    ):
        whole = _number_at(doc, amount.end + 2, end, lex)
        if whole is not None and whole.value and amount.value < whole.value:
            frac = amount.value / whole.value  # "one out of three Germans"
            return _Amount(i, whole.end, frac, frac, frac, "fraction", "out of")
    if amount is not None and amount.value and amount.end < end and _low(doc, amount.end) == "in":
        ratio = _in_every(doc, amount, end, lex)
        if ratio is not None:
            return ratio
    return amount


_EVERY = frozenset({"every", "each"})


def _in_every(doc: Any, part: _Amount, end: int, lex: _Lexicon) -> _Amount | None:
    """ "one in five adults", "four in every 1,000 people": a fraction, not two counts. Not
    "15 in 2010" (a year) nor "5 in 10 minutes" (a time)."""
    k = part.end + 1
    every = k < end and _low(doc, k) in _EVERY
    k += every
    whole = _number_at(doc, k, end, lex) if k < end else None
    if whole is None or not whole.value or part.value is None or part.value >= whole.value:
        return None
    if whole.unit is not None or whole.kind not in {"digits", "words"}:
        return None
    if not every and _YEAR_LIKE.fullmatch(doc[whole.start : whole.end].text):
        return None
    if whole.end < end and _low(doc, whole.end) in lex.time_units:
        return None
    frac = part.value / whole.value
    return _Amount(part.start, whole.end, frac, frac, frac, "fraction", "in")


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
    if (
        amount.kind == "digits"
        and _ALNUM.search(text)
        and not _DIGITS.match(text.lower())
        and not amount.glued
    ):
        return True
    if (
        amount.glued
        and text[:1] in {"-", "−"}
        and i > sent_start
        and any(c.isupper() for c in doc[i - 1].text)
    ):
        return True  # "COVID -19": a name's number, not a negative one
    if prev.rstrip(".") in lex.months or nxt.rstrip(".") in lex.months:
        return True  # "a Nov. 29 meeting"
    if nxt in {"th", "st", "nd", "rd", "'s", "’s"}:
        return True  # ordinals; "iPhone 14's screen" is a name
    if _age_apposition(doc, amount, sent_start, sent_end):
        return True
    if (
        amount.kind == "digits"
        and re.fullmatch(r"\d{4}", text)
        and 1800 <= int(text) <= 2199
        and _prefix_before(doc, i, sent_start, lex) is None  # "$2000" is money
    ):
        before_noun = j < sent_end and doc[j].tag_ == "NNS"
        # "2,000 soldiers" has a comma; "the 2018 sales", "Merck's 2018 sales" are years
        if not before_noun or prev in {"the", "its", "their", "his", "her", "'s", "’s"}:
            return True
        if i > sent_start and doc[i - 1].pos_ == "PROPN":
            return True
    if (
        amount.kind == "digits"
        and _HHMM.fullmatch(text)
        and amount.unit is None
        and _prefix_before(doc, i, sent_start, lex) is None
        and (
            text.startswith("0")  # "withdrew at 0600": a clock's time
            # "stopped breathing shortly after 1100", not "after 1100 people fled"
            or (prev in _CLOCK_PREPOSITIONS and not (j < sent_end and doc[j].pos_ == "NOUN"))
        )
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
    if (
        i > sent_start
        and doc[i - 1].pos_ == "PROPN"
        and any(c.isupper() for c in doc[i - 1].text)
        and amount.unit is None
        # "Boeing 737", "Article 5": a number right after a name, with no noun of its own.
        and not ((j < sent_end and doc[j].pos_ in {"NOUN", "ADJ", "SYM"}) or nxt == "%")
    ):
        return True
    if prev in lex.label_nouns:
        return True  # "category 4 hurricane", "level 3": a label, not an amount
    return _before_name(doc, amount, sent_end, lex)


def _before_name(doc: Any, amount: _Amount, sent_end: int, lex: _Lexicon) -> bool:
    """ "11 Pro", "787 Dreamliner", "575 Wilbraham Road", "the 90049 ZIP Code": digits right
    before a capitalised name that is not a plural noun phrase ("14 Ukrainian drones") nor a
    unit ("5 GW")."""
    j = amount.end
    if amount.kind != "digits" or amount.unit is not None or j >= sent_end:
        return False
    tok = doc[j]
    if not (tok.text[:1].isupper() and tok.is_alpha) or tok.pos_ not in {"PROPN", "NOUN", "ADJ"}:
        return False
    if _prefix_before(doc, amount.start, 0, lex) is not None:
        return False  # "$31.20 US"
    if _unit_at(doc, j, sent_end, lex) is not None or _prefix_before(doc, j + 1, j, lex):
        return False
    head = _noun_run_end(doc, j, sent_end)
    if head is not None and doc[head].tag_ in {"NNS", "NNPS"}:
        return False
    return head is None or doc[head].tag_ in {"NN", "NNP"}


# ---- qualifiers, units, counted nouns ---------------------------------------------------------


def _left_qualifier(doc: Any, i: int, sent_start: int, lex: _Lexicon) -> tuple[int, str] | None:
    if i <= sent_start:
        return None
    for seq, qual in lex.left_index.get(_low(doc, i - 1), ()):
        if not _match_seq_ending(doc, i, sent_start, seq):
            continue
        first = i - len(seq)
        if seq[0] in lex.prepositional and len(seq) == 1 and first > sent_start:
            before = doc[first - 1]
            if before.pos_ in {"NOUN", "PROPN"} or before.lower_ in {"is", "was", "are", "were"}:
                continue
        return first, qual
    return None


def _unit_at(
    doc: Any, j: int, end: int, lex: _Lexicon, *, durations: bool = False
) -> tuple[int, str, str] | None:
    """A unit starting at token ``j``: (end token, code, dimension); a rate ("$58 per barrel",
    "100 km/h" is one form) when "per" or "/" and a unit or a noun follow."""
    found = _unit_form_at(doc, j, end, lex.duration_index, lex) if durations else None
    found = found or _unit_form_at(doc, j, end, lex.unit_index, lex, cased=True)
    if found is None:
        return None
    k, unit, dim = found
    rate = _rate_after(doc, k, end, lex, money=dim == "money") if dim != "time" else None
    if rate is not None:
        return rate[0], f"{unit}/{rate[1]}", dim
    return found


def _rate_after(
    doc: Any, k: int, end: int, lex: _Lexicon, *, money: bool
) -> tuple[int, str] | None:
    """The rate of a unit that ends at token ``k``: right after it ("5,000 barrels a day"),
    after what it measures ("5,000 barrels of oil a day"), after its conversion in parentheses
    ("4,000 barrels (168,000 gallons) per day"), or after both, in either order."""
    rate = _rate(doc, k, end, lex, money=money)
    if rate is not None:
        return rate
    for _ in range(2):
        after = _after_parenthesis(doc, k, end)
        if after is None and k < end and doc[k].lower_ == "of":
            m = k + 1
            while m < end and m <= k + 2 and doc[m].pos_ in {"NOUN", "ADJ"} and doc[m].is_alpha:
                m += 1
            after = m if m > k + 1 else None
        if after is None:
            return None
        rate = _rate(doc, after, end, lex, money=money)
        if rate is not None:
            return rate
        k = after
    return None


def _daily_of(doc: Any, start: int, s0: int) -> str | None:
    """The time unit of a rate named before the figure: "a daily seepage of 900 barrels",
    "the daily flow estimate of 700 barrels", "hourly output of 40 tonnes"."""
    if start - 1 <= s0 or _low(doc, start - 1) != "of":
        return None
    for k in range(start - 2, max(s0, start - 5) - 1, -1):
        word = _low(doc, k)
        if word in _PER_ADVERBS and doc[k].pos_ == "ADJ":
            return _PER_ADVERBS[word]
        if doc[k].pos_ not in {"NOUN", "ADJ"}:
            return None
    return None


_PARENTHESIS_SPAN = 12  # tokens a parenthesis between a unit and its rate may hold


def _after_parenthesis(doc: Any, k: int, end: int) -> int | None:
    """The token after the parenthesis opening at ``k`` ("(168,000 gallons)"), if it closes
    within ``_PARENTHESIS_SPAN`` tokens."""
    if k >= end or doc[k].text != "(":
        return None
    for m in range(k + 1, min(end, k + _PARENTHESIS_SPAN + 1)):
        if doc[m].text == ")":
            return m + 1
    return None


_PER_ADVERBS = {"daily": "day", "hourly": "hour", "weekly": "week", "monthly": "month"}


def _rate(
    doc: Any, k: int, end: int, lex: _Lexicon, *, money: bool = False
) -> tuple[int, str] | None:
    """The denominator of a rate at token ``k``: "per barrel", "/ h", "a month"; after "a" a
    time unit or a unit ("5 km a day", "$3 a gallon"), and for money also a singular noun
    that ends the phrase ("$76 a barrel", "$5 a share"); (end token, code)."""
    word = _low(doc, k) if k < end else ""
    if word in _PER_ADVERBS:  # "5,000 barrels daily"
        return k + 1, _PER_ADVERBS[word]
    if k + 1 >= end:
        return None
    if word in {"each", "every"}:  # "each day": a time unit only ("$5 each" is a price)
        den = _unit_form_at(doc, k + 1, end, lex.duration_index, lex)
        return (den[0], den[1]) if den is not None and den[0] == k + 2 else None
    if word in {"a", "an"}:
        after = _low(doc, k + 2) if k + 2 < end else ""
        if after in {"of", "-"}:
            return None
        den = _unit_form_at(doc, k + 1, end, lex.duration_index, lex)
        if den is not None and after in {"earlier", "ago", "later", "before", "after", "on"}:
            return None  # "$6.78 billion a year earlier"
        den = den or _unit_form_at(doc, k + 1, end, lex.unit_index, lex)
        if den is not None and den[0] == k + 2:
            return den[0], den[1]
        tok = doc[k + 1]
        if not money or tok.tag_ != "NN" or not tok.is_alpha:
            return None
        if k + 2 < end and doc[k + 2].pos_ in {"NOUN", "PROPN", "ADJ", "VERB", "AUX", "NUM"}:
            return None  # "$5 million a new stadium", "$1m a source said"
        return k + 2, str(tok.lemma_).lower()
    if word not in {"per", "/"}:
        return None
    den = _unit_form_at(doc, k + 1, end, lex.unit_index, lex, cased=True) or _unit_form_at(
        doc, k + 1, end, lex.duration_index, lex
    )
    if den is not None:
        return den[0], den[1]
    tok = doc[k + 1]
    if tok.pos_ == "NOUN" and tok.is_alpha:
        return k + 2, str(tok.lemma_).lower()
    if tok.lower_ == "square" and k + 2 < end and doc[k + 2].pos_ == "NOUN":
        return k + 3, f"square {str(doc[k + 2].lemma_).lower()}"
    return None


def _unit_form_at(
    doc: Any, j: int, end: int, forms: Index, lex: _Lexicon, *, cased: bool = False
) -> tuple[int, str, str] | None:
    if j >= end:
        return None
    if cased and doc[j].text in lex.cased:
        code, dim = lex.cased[doc[j].text]
        return j + 1, code, dim
    if cased and j > 0 and doc[j - 1].text[-1:].isdigit():
        low = _low(doc, j)
        glued = not doc[j - 1].whitespace_ and low in lex.glued_only and doc[j].text == low
        if (
            low == "m"
            and not doc[j - 1].whitespace_
            and j + 1 < end
            and _low(doc, j + 1) in _EXTENT_WORDS
        ):
            return j + 1, "m", "length"  # "2.4m high" (a bare "m" is too ambiguous)
        known = lex.glued_suffixes.get(low.rstrip("."))
        if known is not None and (glued or low in lex.spaced_glued):  # "down 68 p at 1112 p"
            return j + 1, known[0], known[1]
    for seq, (unit, dim) in forms.get(_low(doc, j), ()):
        if _match_seq(doc, j, end, seq):
            if seq == ["m"] or (seq == ["ha"] and doc[j].text != "ha"):
                continue
            return j + len(seq), unit, dim
    return None


def unit_name(code: str) -> str:
    """The full name of a unit code ("km²" -> "square kilometre", "USD/barrel" -> "dollar per
    barrel"); a code sitrep does not know names itself."""
    names = lexicon().names
    if "/" in code and code not in names:
        num, den = code.split("/", 1)
        return f"{names.get(num, num)} per {names.get(den, den)}"
    return names.get(code, code)


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
        if (
            tok.pos_ == "CCONJ"
            and m > k
            and doc[m - 1].pos_ in {"ADJ", "PROPN"}
            and m + 1 < limit
            and doc[m + 1].pos_ in {"ADJ", "PROPN"}
        ):  # "digital and physical sales", "Kia and Hyundai vehicles"
            m += 1
            continue
        return None
    return None


def _of_noun(doc: Any, j: int, end: int) -> int | None:
    """``of`` + noun phrase starting at ``j``: the head noun index."""
    if j < end and _low(doc, j) == "of":
        return _noun_run_end(doc, j + 1, end)
    return None


def _counts_text(doc: Any, head: int, lex: _Lexicon, *, count: bool = True) -> str:
    """What a figure counts, in the plural ("200 soldier" -> soldiers); what a measure with a
    unit weighs or costs stays as written ("500 tons of carbon dioxide", "$5m of aid")."""
    tok = doc[head]
    word = str(tok.lower_)
    if count and tok.tag_ in {"NN", "NNP"} and word not in lex.area_nouns:
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
        text=doc[start:end].text,  # not doc.text[s:e]: spaCy rebuilds doc.text at each access
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


def _age_apposition(doc: Any, amount: _Amount, s0: int, s1: int) -> bool:
    """ "Maddon, 66, said": a whole number in commas right after a name is an age."""
    i, j = amount.start, amount.end
    if amount.kind not in {"digits", "words"} or amount.value is None or j != i + 1:
        return False
    if not (i - 2 >= s0 and j < s1 and doc[i - 1].text == "," and doc[j].text == ","):
        return False
    name = doc[i - 2]
    return name.pos_ == "PROPN" and amount.value == int(amount.value) and amount.value <= 120


def _age_figure(doc: Any, amount: _Amount, sent: Any) -> Figure:
    value = amount.value
    return _make(
        doc,
        start=amount.start,
        end=amount.end,
        value=value,
        low=value,
        high=value,
        qualifier="exact",
        unit="years old",
        counts=None,
        change=None,
        sent=sent,
    )


def _sentence_figures(
    doc: Any, sent: Any, lex: _Lexicon, *, durations: bool, one_of: bool = False
) -> list[Figure]:
    out: list[Figure] = []
    starts: list[int] = []  # first token of each figure of ``out``
    s0, s1 = sent.start, sent.end
    i = s0
    while i < s1:
        fig = _factor_figure(doc, i, sent, lex)
        if fig is not None:
            out.append(fig)
            starts.append(_first_token(doc, fig))
            i += 1
            continue
        amount = _amount_at(doc, i, s1, lex)
        if amount is None or amount.end == amount.start:
            i += 1
            continue
        if durations and _age_apposition(doc, amount, s0, s1):
            out.append(_age_figure(doc, amount, sent))
            starts.append(amount.start)
            i = amount.end
            continue
        if one_of:
            fig = _one_of_figure(doc, amount, sent)
            if fig is not None:
                out.append(fig)
                starts.append(amount.start)
                i = amount.end + 1
                continue
        if _is_excluded(doc, amount, s0, s1, lex):
            i = amount.end
            continue
        fig, next_i = _build(doc, amount, sent, lex, out, durations)
        if fig is not None:
            if durations and fig.unit is None and fig.counts is None and _said_age(doc, amount):
                fig.unit = "years old"
            if fig.unit is None and _aged(doc, amount, s0):
                fig.unit, fig.counts = "years old", None  # "40 people aged over 70": no count
            out.append(fig)
            starts.append(_first_token(doc, fig))
        # a fraction's noun phrase may hold a number of its own ("two-thirds of the 4.3M sales")
        i = amount.end if amount.kind == "fraction" else max(next_i, i + 1)
    _share_units(doc, out, starts, s0, lex)
    return out


def _first_token(doc: Any, fig: Figure) -> int:
    """Index of the first token of ``fig``'s span."""
    return int(doc.char_span(fig.span[0], fig.span[1], alignment_mode="expand").start)


_PERSONAL = {"he", "she", "i", "you", "we", "they"}


_AGED = {"aged", "age", "ages"}


def _aged(doc: Any, amount: _Amount, s0: int) -> bool:
    """ "aged 41", "aged between 25 and 45", "ages 5 to 11": numbers after "aged" are ages."""
    k = amount.start - 1
    while k >= s0 and _low(doc, k) in {"between", "from", "of", "the", "over", "under"}:
        k -= 1
    value = amount.value if amount.value is not None else amount.high
    if k < s0 or _low(doc, k) not in _AGED or value is None:
        return False
    return value == int(value) and 0 < value <= 120


def _said_age(doc: Any, amount: _Amount) -> bool:
    """ "She will be 41 next spring": a whole number that a person *is* is an age."""
    tok = doc[amount.end - 1]
    if amount.value is None or amount.value != int(amount.value) or not 0 < amount.value <= 120:
        return False
    if tok.dep_ not in {"attr", "acomp"} or str(tok.head.lemma_) != "be":
        return False
    return any(c.dep_ == "nsubj" and c.lower_ in _PERSONAL for c in tok.head.children)


def _one_of_figure(doc: Any, amount: _Amount, sent: Any) -> Figure | None:
    """ "one of the best speakers": 1, counting speakers (NewsQuant annotates it; the build
    does not: it names a member of a group, it states no amount)."""
    i, j = amount.start, amount.end
    if amount.kind != "words" or amount.value != 1 or j != i + 1 or _low(doc, i) != "one":
        return None
    head = _of_noun(doc, j, sent.end)
    if head is None or doc[head].tag_ not in {"NNS", "NNPS"}:
        return None
    return _make(
        doc,
        start=i,
        end=head + 1,
        value=1.0,
        low=1.0,
        high=1.0,
        qualifier="exact",
        unit=None,
        counts=str(doc[head].lower_),
        change=None,
        sent=sent,
    )


_PARALLEL = {"by", "at", "to", "from"}
_NO_SHARE = {"time", "fraction", "ratio-factor"}


def _share_units(doc: Any, figs: list[Figure], starts: list[int], s0: int, lex: _Lexicon) -> None:
    """A bare number takes the unit of a figure it parallels in its sentence: the same
    preposition before both ("rose by 2 percent but fell by 1", "ended at 1,463.78 points,
    while ... ended at 1,334.20"), or "of the" before the other ("280 million of the 1.5
    billion shekels"). NewsQuant reads these as one unit said once; so does an analyst."""
    for n, fig in enumerate(figs):
        if fig.unit is not None or fig.counts is not None or fig.qualifier == "vague":
            continue
        first = starts[n]
        prep = _low(doc, first - 1) if first > s0 else ""
        donor: Figure | None = None
        if prep in _PARALLEL:
            for m in range(n - 1, -1, -1):
                other = figs[m]
                if other.unit is None or _unit_dim(other.unit, lex) in _NO_SHARE:
                    continue
                if starts[m] > s0 and _low(doc, starts[m] - 1) == prep:
                    donor = other
                    break
        end = doc.char_span(fig.span[0], fig.span[1], alignment_mode="expand").end
        if donor is None and n + 1 < len(figs) and figs[n + 1].unit is not None:
            gap = [_low(doc, k) for k in range(end, starts[n + 1])]
            if gap in (["of", "the"], ["of"], ["out", "of"]):
                donor = figs[n + 1]
        if donor is not None and donor.unit is not None:
            fig.unit = donor.unit
            fig.counts = donor.counts


def _unit_dim(code: str, lex: _Lexicon) -> str:
    if code == "factor":
        return "ratio-factor"
    if code == "fraction":
        return "fraction"
    return lex.dims.get(code.split("/", 1)[0], "")


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


def _unit_range(  # noqa: PLR0917 - private
    doc: Any,
    amount: _Amount,
    start: int,
    j: int,
    s1: int,
    unit: str,
    lex: _Lexicon,
    durations: bool,
) -> tuple[int, float, float, int | None, str] | None:
    """A range whose ends both carry the unit: (end token, low, high, new start or None, the
    second end's unit: "a day" said once, at the end, is the range's)."""
    if j + 1 >= s1 or amount.value is None:
        return None
    left = _low(doc, start - 1) if start > 0 else ""
    after = _after_parenthesis(doc, j, s1)
    if after is not None and after + 1 < s1:
        j = after  # "from 2,000 barrels (84,000 gallons) to 3,000 barrels a day"
    joiner = _low(doc, j)
    if left in lex.range_left:
        if joiner not in lex.range_left[left]:
            return None
    elif joiner not in {"to", "-", "–", "—"} or left == "by":
        return None
    k = j + 1
    prefix = _prefix_before(doc, k + 1, k, lex)
    if prefix is not None:
        k += 1  # "from $370,000 to $5.5 million"
    second = _number_at(doc, k, s1, lex)
    if second is None or second.value is None:
        return None
    if prefix is not None:
        second_unit: str | None = prefix[1]
        end = second.end
    else:
        found = _unit_at(doc, second.end, s1, lex, durations=durations)
        second_unit = found[1] if found is not None else None
        end = found[0] if found is not None else second.end
        if (
            found is None
            and left == "from"
            and joiner == "to"
            and (end >= s1 or doc[end].pos_ not in {"NOUN", "PROPN", "NUM", "SYM"})
        ):
            second_unit = unit  # "from 208 pounds to 193": the unit is said once
    if (
        second_unit is None
        or unit_name(second_unit).split(" per ")[0] != unit_name(unit).split(" per ")[0]
    ):
        return None
    new_start = start - 1 if left in lex.range_left else None
    return end, amount.value, second.value, new_start, second_unit


def _years(doc: Any, first: _Amount, second: _Amount) -> bool:
    def year(a: _Amount) -> bool:
        text = doc[a.start].text
        return a.end == a.start + 1 and re.fullmatch(r"\d{4}", text) is not None

    return year(first) and year(second)


def _prefix_before(doc: Any, start: int, s0: int, lex: _Lexicon) -> tuple[int, str, str] | None:
    """A currency written before the number ("$", "US $", "A$"): (first token, code, dim)."""
    if start <= s0:
        return None
    for seq, (unit, dim) in lex.prefix_index.get(_low(doc, start - 1), ()):
        if _match_seq_ending(doc, start, s0, seq):
            return start - len(seq), unit, dim
    return None


def _range_end(
    doc: Any, amount: _Amount, j: int, s1: int, lex: _Lexicon
) -> tuple[_Amount, float] | None:
    """The second number of a range after the joiner at ``j`` ("to $5 billion"), and the value
    of the first number once it shares the second's scale ("$89 to $93 billion": 89e9)."""
    k = j + 1
    if k < s1 and _prefix_before(doc, k + 1, k, lex) is not None:
        k += 1  # "from $750,000 to $1 million"
    second = _number_at(doc, k, s1, lex) if k < s1 else None
    if second is None or second.end <= second.start or second.value is None:
        return None
    first = amount.value or 0.0
    scales = [_low(doc, m) for m in range(second.start + 1, second.end)]
    if amount.end - amount.start == 1 and scales and amount.kind == "digits":
        factor = 1.0
        for word in scales:
            factor *= lex.scales.get(word, 1e6)
        if first <= (second.value or 0.0) / factor:  # "$89 to $93 billion", not "$200 to $4m"
            first *= factor
    return second, first


def _build(  # noqa: PLR0917 - private; the sentence state travels together
    doc: Any,
    amount: _Amount,
    sent: Any,
    lex: _Lexicon,
    previous: list[Figure],
    durations: bool = False,
) -> tuple[Figure | None, int]:
    s0, s1 = sent.start, sent.end
    start, j = amount.start, amount.end
    value, low, high = amount.value, amount.low, amount.high
    qualifier = "vague" if amount.kind == "vague" else "exact"
    unit: str | None = None
    dim: str | None = None
    if amount.kind == "fraction":
        unit, dim = "fraction", "ratio"
    # currency prefix: "$1.2 billion", "US $58"; a glued one wins: "$US55,931,000"
    prefix = _prefix_before(doc, start, s0, lex)
    if prefix is not None:
        start, unit, dim = prefix
    if amount.unit is not None:
        unit, dim = amount.unit
    # ranges: "between 40 and 50", "from 40 to 50", "40-50", "40 to 50"
    if amount.kind in {"digits", "words"} and j < s1:
        left_word = _low(doc, start - 1) if start > s0 else ""
        joiner = _low(doc, j)
        if (left_word in lex.range_left and joiner in lex.range_left[left_word]) or (
            joiner in lex.range_joiners
            and left_word not in lex.range_left
            and (left_word != "by" or (unit is None and amount.end == amount.start + 1))
        ):  # "rose by $43 billion to $419 billion" is a change and a level, not a range
            found_range = _range_end(doc, amount, j, s1, lex)
            second = found_range[0] if found_range else None
            if (
                second is not None
                and joiner == "-"
                and (doc[j + 1].text.startswith("0") or (second.value or 0) <= (amount.value or 0))
            ):
                return None, second.end  # "555-0142" is a phone number, "89-89" a score
            if found_range is not None and second is not None and _years(doc, amount, second):
                return None, second.end  # "between 1600 and 1900" is a period
            if found_range is not None and second is not None:
                if left_word in lex.range_left:
                    start -= 1
                low, high, value = found_range[1], second.value, None
                qualifier = "range"
                j = second.end
                if unit is None and second.unit is not None:
                    unit, dim = second.unit
    if qualifier in {"exact", "vague"}:
        left = _left_qualifier(doc, start, s0, lex)
        if left is not None and qualifier == "exact":
            start, qualifier = left
        elif left is not None and left[1] == "approximately":
            start = left[0]
    if amount.approx and qualifier == "exact":
        qualifier = "approximately"
    # unit after the number (after "of" for vague amounts: "tens of square kilometers")
    k = j
    if amount.kind == "vague" and k < s1 and _low(doc, k) == "of" and amount.vague_key[-2:] != "of":
        found = _unit_at(doc, k + 1, s1, lex)
        if found is not None:
            k = k + 1
    elif k < s1 and doc[k].text == "-" and not doc[k - 1].whitespace_:
        # "six-month", "10-km": hyphenated adjectives are durations or unit adjectives
        found = _unit_at(doc, k + 1, s1, lex, durations=durations)
        if found is None:
            return None, k + 1
        if found[2] == "time" and not found[1].endswith(" old") and found[0] < s1:
            after = doc[found[0]]
            if after.pos_ in {"NOUN", "PROPN", "ADJ", "NUM", "SYM"}:
                return None, found[0]  # "a five-year $700,000 award": a duration as modifier
        k += 1
    found = (
        _unit_at(doc, k, s1, lex, durations=durations)
        if unit is None or (dim == "money" and amount.unit is None)
        else None
    )
    if found is not None and (unit is None or found[2] == "money"):
        j, unit, dim = found
        if "/" not in unit and dim not in {"money", "time"}:
            per = _daily_of(doc, start, s0)
            if per is not None:  # "a daily seepage of 900 barrels"
                unit = f"{unit}/{per}"
    elif unit is not None and dim != "time":
        rate = _rate(doc, j, s1, lex, money=dim == "money")  # "$10 per gram", "$62 a share"
        if rate is not None:
            j, unit = rate[0], f"{unit}/{rate[1]}"
    if unit is not None and qualifier in {"exact", "approximately"} and dim != "fraction":
        ranged = _unit_range(doc, amount, start, j, s1, unit, lex, durations)
        if ranged is not None:  # "between 5% and 6%", "from 2 per cent to 2.5 per cent"
            j, low, high, value, qualifier = ranged[0], ranged[1], ranged[2], None, "range"
            if ranged[3] is not None:
                start = ranged[3]
            if "/" in ranged[4] and "/" not in unit:
                unit = ranged[4]  # "from 2,000 barrels to 3,000 barrels a day"
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
        if head is None and amount.vague_key in {"out of", "in"}:
            head = _noun_run_end(doc, j, s1)  # "one out of three Germans", "one in five adults"
    if head is not None:
        head_low = str(doc[head].lower_)
        as_unit = _unit_at(doc, head, s1, lex, durations=durations)
        if as_unit is None and head + 1 < s1 and doc[head + 1].tag_ == "NNS":
            as_unit = _unit_at(doc, head + 1, s1, lex)  # "412 rushing yards" (head: rushing)
        if (
            as_unit is not None
            and unit is None
            and head >= j
            and (as_unit[2] != "time" or (durations and doc[as_unit[0] - 1].tag_ == "NNS"))
        ):
            # a unit behind modifiers: "517 rushing yards", "the 50 previous years"
            j, unit, dim = as_unit
            head = None
        elif head_low in lex.time_units and unit != "fraction":
            return None, head + 1
        elif as_unit is not None and unit != "fraction":  # "1/16 of a pint" counts pints
            head = None
    if head is not None:
        head_low = str(doc[head].lower_)
        if head_low in lex.containers:
            inner = _of_noun(doc, head + 1, s1)
            if inner is not None:
                counts = f"{head_low} of {_counts_text(doc, inner, lex)}"
                head = inner
        if counts is None:
            counts = _counts_text(doc, head, lex, count=unit is None)
        anchor = doc[head]
        j = head + 1
        rate = _rate(doc, j, s1, lex)
        if rate is not None:  # "3,000 tests per day", "52,000 barrels a day"
            counts = f"{counts} per {unit_name(rate[1])}"
            j = rate[0]
    elif amount.kind in {"vague"} and amount.vague_key in lex.vague_needs_noun and unit is None:
        return None, amount.end
    measured = (
        _measure_counts(doc, doc[amount.end - 1], lex) if head is None and unit is None else None
    )
    if measured is not None:
        counts = measured
    elliptic = bool(previous and previous[-1].counts and not previous[-1].unit)
    if (
        amount.kind == "words"
        and head is None
        and unit is None
        and measured is None
        and (amount.value == 1 or not elliptic)
    ):
        return None, amount.end  # a bare number word counts nothing ("one", "two of them")
    if counts is None and unit is not None and dim is not None:
        counts = _default_counts(doc, sent, anchor, dim, lex)
    if counts is None and unit is None and head is None and j < s1:
        state = str(doc[j].lower_)
        after = doc[j + 1] if j + 1 < s1 else None
        if state in lex.people_states and (after is None or after.pos_ not in {"NOUN", "PROPN"}):
            counts, anchor, j = state, doc[j], j + 1  # "80 dead", "200 injured"
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


def _measure_counts(doc: Any, num: Any, lex: _Lexicon) -> str | None:
    """What a bare number counts when it is the value of a measure noun ("put the death toll at
    seven", "the number of deaths has risen to 23"; ``measure_nouns`` in counted.json)."""
    gov = num.head.head if num.dep_ == "pobj" else num.head
    if gov.i == num.i:
        return None
    if gov.pos_ in {"NOUN", "PROPN"}:
        nouns = [gov]  # "a toll of seven"
    elif gov.pos_ in {"VERB", "AUX"}:
        nouns = [
            c
            for c in gov.children
            if c.dep_ in {"nsubj", "nsubjpass", "dobj", "attr"} and c.i != num.i
        ]
    else:
        return None
    for noun in nouns:
        lemma = str(noun.lemma_).lower()
        if lemma not in lex.measure_nouns:
            continue
        default = lex.measure_nouns[lemma]
        if default is not None:
            for mod in noun.children:
                mapped = lex.measure_modifiers.get(str(mod.lemma_).lower())
                if mod.dep_ in {"compound", "amod"} and mapped is not None:
                    return mapped
            return default
        inner = _of_noun(doc, noun.i + 1, noun.sent.end)
        if inner is not None:
            return _counts_text(doc, inner, lex)
    return None


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


def extract_figures(
    doc: Any, *, doc_id: str, durations: bool = False, one_of: bool = False
) -> list[Figure]:
    """All figures of a parsed document, in text order, ids ``{doc_id}:f1``, ``:f2``...

    Args:
        doc: a spaCy ``Doc`` with sentences, tags, lemmas and a dependency parse.
        doc_id: the article id used to build figure ids.
        durations: also read durations and ages ("three years", "a 50-year-old man") as
            figures with a time unit; the build leaves them to the time-expression stage.
        one_of: also read "one of the best speakers" as 1 speaker (NewsQuant's convention;
            in a dossier it names a member of a group and states no amount).

    Example:
        "Russia claimed more than 200 soldiers and dozens of vehicles were lost." gives
        ``more than 200 soldiers`` (more_than, 200, counts soldiers) and ``dozens of vehicles``
        (vague, 24..99, counts vehicles).
    """
    lex = lexicon()
    figures: list[Figure] = []
    for sent in doc.sents:
        figures.extend(_sentence_figures(doc, sent, lex, durations=durations, one_of=one_of))
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
