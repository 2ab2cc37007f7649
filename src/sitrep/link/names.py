"""Name normalisation for entity linking: general rules, no per-name exceptions.

* ``translit`` folds Cyrillic to Latin and strips accents;
* ``fold_token`` folds spelling variants of transliterated names (Zelensky / Zelenskiy /
  Zelenskyy -> ``zelenski``; kh/h, tz/ts, y/i, doubled letters);
* ``strip_title`` drops titles and roles ("President", "Gen.");
* ``name_key`` gives the key two mentions of one entity share: possessives and articles
  dropped, demonyms read as their country, British/American spelling folded, region words
  folded ("Kursk Oblast" = "Kursk region"), and word order ignored, so "Russia's defense
  ministry", "Russian Defense Ministry" and "the Russian Ministry of Defence" share one key;
* ``initials`` gives the acronym of a long name ("Institute for the Study of War" -> ISW).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from sitrep.link.lexicon import (
    ACRONYM_STOPWORDS,
    CORPORATE_SUFFIXES,
    COUNTRY_ALIASES,
    CYRILLIC,
    DEMONYMS,
    METONYMS,
    ORG_ALIASES,
    REGION_WORDS,
    SPELLING,
    TITLES,
    US_STATE_ABBREVIATIONS,
)

_TOKEN = re.compile(r"[^\W_]+(?:\.[^\W_])*\.?|&", re.UNICODE)
_POSSESSIVE = re.compile(r"['’]s?\b", re.UNICODE)
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_TITLES_SORTED = sorted(TITLES, key=len, reverse=True)
_OFFICE_JOINERS = frozenset({"of", "for", "and", "to", "at", "in", "on", "'s"})


def translit(text: str) -> str:
    """Cyrillic letters to Latin ones, accents stripped (``Зеленський`` -> ``Zelenskyi``)."""
    out = []
    for ch in text:
        low = ch.lower()
        if low in CYRILLIC:
            latin = CYRILLIC[low]
            out.append(latin.capitalize() if ch != low else latin)
        else:
            out.append(ch)
    decomposed = unicodedata.normalize("NFKD", "".join(out))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def fold_token(token: str) -> str:
    """Fold transliteration variants of one name token to a common spelling.

    Order matters: endings first (``-iy``, ``-yy``, ``-yi``, ``-ii``, ``-ij`` -> ``-i``), then
    digraphs (``kh`` -> ``h``, ``tz`` -> ``ts``, ``ie`` -> ``e`` after i/y folding), then
    ``y`` -> ``i`` and doubled letters collapsed.
    """
    t = translit(token).lower().replace(".", "")
    while True:  # to a fixed point: "кх" -> "kkh" -> "kh" -> "h", so folding is idempotent
        before = t
        t = re.sub(r"(iy|yy|yi|ii|ij|yj|y|j)$", "i", t)
        t = t.replace("kh", "h").replace("tz", "ts").replace("ph", "f").replace("w", "v")
        t = t.replace("iy", "i").replace("y", "i").replace("ie", "e")
        t = re.sub(r"(.)\1+", r"\1", t)
        if t == before:
            return t


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def strip_possessive(text: str) -> str:
    """``Russia's defense ministry`` -> ``Russia defense ministry``; ``forces'`` -> ``forces``."""
    return _POSSESSIVE.sub("", text.replace("’", "'"))


def _titled(low: str, title: str) -> bool:
    """Whether ``low`` (lowercased) starts with ``title`` followed by a name, not by the rest
    of an office ("secretary of the treasury", "speaker of the house")."""
    if not low.startswith(title + " ") or len(low) <= len(title) + 1:
        return False
    return low[len(title) + 1 :].split(" ", 1)[0] not in _OFFICE_JOINERS


def strip_title(name: str) -> str:
    """Drop leading articles, titles and roles: ``Ukrainian President Volodymyr Zelensky``
    keeps ``Ukrainian President`` off only when followed by a name; the demonym before a
    title goes with it."""
    s = " ".join(name.split())
    changed = True
    while changed:
        changed = False
        low = s.lower()
        if low.startswith("the "):
            s, changed = s[4:], True
            continue
        for title in _TITLES_SORTED:
            if _titled(low, title):
                s, changed = s[len(title) + 1 :], True
                break
        if changed:
            continue
        # "Ukrainian President Volodymyr Zelensky", "U.S. President-elect Donald Trump"
        first, _, rest = s.partition(" ")
        if first.lower() in DEMONYMS and rest:
            low_rest = rest.lower()
            for title in _TITLES_SORTED:
                if _titled(low_rest, title):
                    s, changed = rest[len(title) + 1 :], True
                    break
    return s


def is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text.replace(".", ""))) and len(text.replace(".", "")) <= 8


def country_of(text: str) -> str | None:
    """The country a name, demonym, alias or capital stands for (``Kyiv`` -> ``Ukraine``)."""
    low = " ".join(strip_possessive(text).lower().split())
    if low.startswith("the "):
        low = low[4:]
    return DEMONYMS.get(low) or COUNTRY_ALIASES.get(low) or METONYMS.get(low)


def _word(token: str) -> str:
    low = token.lower()
    low = SPELLING.get(low, low)
    if low in DEMONYMS:
        return DEMONYMS[low].lower()
    if low in REGION_WORDS:
        return "region"
    return low


@lru_cache(maxsize=262144)
def display_form(norm: str, *, titles: bool = True, possessives: bool = True) -> str:
    """A mention's surface form as a name: articles, (with ``possessives``) possessives and
    (with ``titles``) titles dropped. Organisations keep their titles: "General Staff" is not
    "Staff"; names shown to people keep inner possessives ("Ukraine's Security Council")."""
    text = " ".join((strip_possessive(norm) if possessives else norm).split())
    if titles:
        text = strip_title(text)
    elif text.lower().startswith("the "):
        text = text[4:]
    return text.strip(" ,;:-")


@lru_cache(maxsize=262144)
def name_key(norm: str, *, group: bool = False, titles: bool = True) -> str:
    """The key shared by spelling variants of one name.

    Groups (nationalities: "Ukrainians") key as ``group:<country>`` so that they stay apart
    from the country itself.
    """
    form = display_form(norm, titles=titles)
    low = " ".join(form.lower().split())
    if group:
        return "group:" + (DEMONYMS.get(low, low)).lower()
    if low in COUNTRY_ALIASES:
        form = COUNTRY_ALIASES[low]  # and on through the same folding as the country's name
    elif low in ORG_ALIASES:
        form = ORG_ALIASES[low]
    elif low in US_STATE_ABBREVIATIONS:
        form = US_STATE_ABBREVIATIONS[low]
    raw = [t for t in tokens(form) if t.lower() not in ACRONYM_STOPWORDS]
    if len(raw) > 1 and raw[-1].lower().replace(".", "") in CORPORATE_SUFFIXES:
        raw = raw[:-1]  # "BP PLC" is BP
    if not raw:
        return low
    folded: list[str] = []
    for t in raw:
        if is_acronym(t) and t.lower() not in DEMONYMS and t.lower() not in COUNTRY_ALIASES:
            # acronyms are spelled, not transliterated: NCCA is not NCA
            folded.append(t.replace(".", "").lower())
            continue
        folded.extend(fold_token(part) for part in _word(t).split())
    return " ".join(sorted(folded))


def person_parts(norm: str) -> list[str]:
    """Folded tokens of a person's name in written order (surname last)."""
    return [fold_token(t) for t in tokens(display_form(norm)) if not t.endswith(".")]


def initials(name: str) -> set[str]:
    """Initials of the capitalised words: ``Institute for the Study of War`` -> ``{"ISW"}``.

    A leading demonym may or may not belong to the name ("the American Institute for the Study
    of War"), so initials are given with and without it; so may a last word joined by "and"
    ("Centers for Disease Control and Prevention" is the CDC).
    """
    all_words = tokens(display_form(name))
    variants = [all_words]
    if len(all_words) >= 4 and all_words[-2].lower() == "and":
        variants.append(all_words[:-2])
    out = set()
    for variant in variants:
        words = [t for t in variant if t.lower() not in ACRONYM_STOPWORDS]
        for start in (0, 1) if words and words[0].lower() in DEMONYMS else (0,):
            letters = [t[0] for t in words[start:] if t[:1].isupper()]
            if len(letters) >= 2 and len(letters) == len(words[start:]):
                out.add("".join(letters))
    return out
