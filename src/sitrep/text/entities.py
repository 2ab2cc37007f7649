"""Entity mentions: spaCy's NER, corrected by a GeoNames gazetteer and a few textual rules.

The small English model misses or mislabels many place names of a news story (it tags "Kursk"
as a PRODUCT and "Sumy" as a PERSON). Three general corrections, driven by data in
``data/entity_rules.json`` and by GeoNames (``sitrep.gazetteer``), fix most of that:

1. an entity whose text is a known place name (population above a threshold that is higher
   for PERSON, where a wrong override costs more) becomes a place;
2. a name followed by a place suffix ("Kursk region", "Donetsk Oblast") is a place, suffix
   included;
3. proper nouns after a place trigger ("the village of X", "the villages of X and Y") are places
   even when GeoNames does not know them.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from sitrep import gazetteer
from sitrep.model import Mention
from sitrep.time.lexicon import MONTHS, TIMEZONES, WEEKDAYS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from sitrep.config import Config
    from sitrep.pipeline import Work

_DETERMINERS = {"the", "The"}
_JOINERS = {"and", "of", "for", "&"}  # words inside a name, never its last
_POSSESSIVES = ("'s", "’s", "'", "’")


@dataclass(frozen=True, slots=True)
class Rules:
    place_triggers: frozenset[str]
    place_suffixes: frozenset[str]
    place_joiners: frozenset[str]
    place_labels: frozenset[str]
    correctable_labels: frozenset[str]
    type_of_label: dict[str, str]
    skip_labels: frozenset[str]
    min_pop_person: int
    min_pop_other: int
    not_places: frozenset[str]
    diseases: frozenset[str]  # never a place, whatever the label ("Ebola" GPE, "SARS" a town)
    org_heads: frozenset[str]
    known_orgs: frozenset[str]  # an organisation ("Fitch", "Twitter") unless a person so called
    storm_words: frozenset[str]  # a name with one of these in or before it is a storm
    place_prepositions: frozenset[str]
    titles: frozenset[str]
    equipment_heads: frozenset[str]
    bare_titles: frozenset[str]  # the titles with and without their dot ("Mr." and "Mr")
    event_heads: frozenset[str]  # "the Great Recession", "the Arab Spring": an event
    org_name_heads: frozenset[str]  # "Islamic State": with org_heads, a group's body
    role_nouns: frozenset[str]  # "a spokesman for X, Ann Lee,": the name is a person


@lru_cache(maxsize=1)
def rules() -> Rules:
    raw = json.loads(resources.files("sitrep.data").joinpath("entity_rules.json").read_text())
    return Rules(
        place_triggers=frozenset(raw["place_triggers"]),
        place_suffixes=frozenset(raw["place_suffixes"]),
        place_joiners=frozenset(raw["place_joiners"]),
        place_labels=frozenset(raw["place_labels"]),
        correctable_labels=frozenset(raw["correctable_labels"]),
        type_of_label=dict(raw["type_of_label"]),
        skip_labels=frozenset(raw["skip_labels"]),
        min_pop_person=int(raw["min_population_to_override_person"]),
        min_pop_other=int(raw["min_population_to_override_other"]),
        not_places=frozenset(raw["not_places"]),
        diseases=frozenset(raw["diseases"]),
        org_heads=frozenset(raw["org_heads"]),
        known_orgs=frozenset(raw["known_organizations"]),
        storm_words=frozenset(raw["storm_words"]),
        place_prepositions=frozenset(raw["place_prepositions"]),
        titles=frozenset(raw["titles"]),
        bare_titles=frozenset(raw["titles"]) | {t.rstrip(".") for t in raw["titles"]},
        equipment_heads=frozenset(raw["equipment_heads"]),
        event_heads=frozenset(raw["event_heads"]),
        org_name_heads=frozenset(raw["org_name_heads"]) | frozenset(raw["org_heads"]),
        role_nouns=frozenset(raw["role_nouns"]),
    )


# The population floors of the place test: cities below CITY_FLOOR are too small to override
# spaCy (a 600-soul hamlet is named after many a common word); countries and US states count
# as big places whatever their census says.
CITY_FLOOR = 5000
COUNTRY_POPULATION = 10_000_000
STATE_POPULATION = 1_000_000


@lru_cache(maxsize=65536)
def place_population(name: str, *, primary: bool = False) -> int:
    """Largest population among the places called ``name`` (GeoNames, via ``sitrep.gazetteer``),
    ``-1`` when none is. Cities count from ``CITY_FLOOR`` inhabitants, and by an alternate name
    only when the name looks like one ("Sudzha", "Sudscha": one capitalised ASCII word of four
    letters or more; not codes like "URS"). With ``primary`` only by the place's own name:
    GeoNames' alternates hold "Hamas" (Hamm, in Lithuanian) and "Google"
    (Topeka), so a name spaCy reads as an organisation or a person needs a place's own name."""
    best = -1
    alt_ok = (
        not primary
        and len(name) >= 4
        and name.isascii()
        and name[0].isupper()
        and name[1:].islower()
    )
    for place in gazetteer.lookup(name):
        if place.kind == "country":
            pop = max(place.population, COUNTRY_POPULATION)
        elif place.kind == "state":
            pop = STATE_POPULATION
        elif place.population < CITY_FLOOR:
            continue
        elif alt_ok or _spelled_alike(place.name, name):
            pop = place.population
        else:
            continue
        best = max(best, pop)
    return best


def _spelled_alike(a: str, b: str) -> bool:
    """One name with hyphens or spaces ("Port-au-Prince", "Port au Prince")."""
    return a.casefold().replace("-", " ") == b.casefold().replace("-", " ")


def is_known_place(name: str, *, min_population: int, primary: bool = False) -> bool:
    if name in rules().not_places or name in rules().diseases:
        return False
    return place_population(name, primary=primary) >= min_population


_JOINED_TOKENS = 7  # tokens a joined place name may run to ("Stratford - upon - Avon")


def _joined_place_end(doc: Doc, start: int, end: int, r: Rules) -> int:
    """Where a place name starting at ``start`` ends when it runs on past ``end`` through
    joiners to a longer name the gazetteer knows ("Port" + "-au-Prince", "Rio" + " de
    Janeiro"); ``end`` when none does."""
    best = end
    k = end
    while k < len(doc) and k - start < _JOINED_TOKENS:
        tok = doc[k]
        if tok.text in r.place_joiners or tok.lower_ in r.place_joiners:
            k += 1
            continue
        if not _is_name_token(tok):
            break
        k += 1
        if is_known_place(doc[start:k].text, min_population=r.min_pop_other):
            best = k
    return best


def _trim(doc: Doc, start: int, end: int, *, extend: bool = False) -> tuple[int, int]:
    """Drop a leading "the" and a trailing possessive from a token range, and a joining word
    it ends on. With ``extend`` (an organisation's name), a name cut after a joining word
    ("Centers for Disease Control and" | "Prevention") takes the capitalised words after it."""
    while extend and end < len(doc) and end > start and doc[end - 1].lower_ in _JOINERS:
        if doc[end].text[:1].isupper() and doc[end].is_alpha:
            while end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha:
                end += 1
        else:
            end -= 1
    while end > start and doc[end - 1].lower_ in _JOINERS:
        end -= 1
    while start < end and doc[start].text in _DETERMINERS:
        start += 1
    while end > start and doc[end - 1].text in _POSSESSIVES:
        end -= 1
    return start, end


_CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS)
_OVERRUN_LABELS = frozenset({"EVENT", "FAC", "LAW", "WORK_OF_ART", "PRODUCT"})
_SAYS = frozenset({"said", "says", "told", "tells", "added", "adds"})


def _named_role(doc: Doc, start: int, end: int, r: Rules) -> bool:
    """A two- or three-word name set off by commas after a role ("A spokesman for the
    Southern Forces, Ann Lee, said"): the person in the role, whatever else spaCy took it for."""
    if not _short_name(doc, start, end) or start < 2:
        return False
    names = doc[start:end]
    if names[-1].text in r.org_heads or names.text in r.known_orgs:
        return False
    if doc[start - 1].text != "," or doc[end].text not in {",", "said", "says"}:
        return False
    sent_start = names[0].sent.start
    return any(t.lower_ in r.role_nouns for t in doc[max(sent_start, start - 12) : start - 1])


def _short_name(doc: Doc, start: int, end: int) -> bool:
    """Two or three capitalised words, with a token after them."""
    return (
        2 <= end - start <= 3
        and end < len(doc)
        and all(t.text[:1].isupper() and t.is_alpha for t in doc[start:end])
    )


def _speaks(doc: Doc, start: int, end: int) -> bool:
    """A name of two or three capitalised words that says something right after it ("Ann
    Byrs said"): a person, whatever else spaCy took it for."""
    return _short_name(doc, start, end) and doc[end].lower_ in _SAYS


def _named_part(doc: Doc, ent: Span, r: Rules) -> tuple[int, int]:
    """The tokens of ``ent`` that name something. spaCy runs an event's name on into its
    verb ("the Korean War ended in"): a trailing lower-case word goes. A group adjective
    before a body's word is the body's name: "Islamic" + "State", "Islamic" (NORP) + "State"
    (ORG) both give "Islamic State"."""
    start, end = ent.start, ent.end
    if ent.label_ in _OVERRUN_LABELS:
        while end - start > 1 and not doc[end - 1].text[:1].isupper() and not doc[end - 1].like_num:
            end -= 1
    if (
        ent.label_ == "NORP"
        and end < len(doc)
        and doc[end].text in r.org_name_heads
        and not doc[end].is_sent_start
    ):
        end += 1
    if (
        ent.label_ == "ORG"
        and end - start == 1
        and doc[start].text in r.org_name_heads
        and start > 0
        and doc[start - 1].ent_type_ in {"", "NORP"}
        and doc[start - 1].text[:1].isupper()
        and doc[start - 1].is_alpha
        and not doc[start - 1].is_sent_start
        and doc[start - 1].text not in r.bare_titles
    ):
        start -= 1
    return start, end


def _norm(text: str) -> str:
    for suffix in _POSSESSIVES:
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return " ".join(text.split())


def _is_name_token(token: Token) -> bool:
    return token.pos_ == "PROPN" or (
        token.text[:1].isupper() and token.is_alpha and not token.is_sent_start
    )


_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "«", "»"})


def _quoted(doc: Doc, start: int, end: int) -> bool:
    """A name in quotes of its own (a horse called "Lindau", the cruiser "Moskva"): a name given
    to something, not the place the gazetteer knows by it."""
    return (
        start > 0 and end < len(doc) and doc[start - 1].text in _QUOTES and doc[end].text in _QUOTES
    )


def _entity_type(span: Span, label: str, r: Rules) -> tuple[str, str]:
    """(type, label) of a spaCy entity after gazetteer correction."""
    text = _norm(span.text)
    if text in r.diseases:
        return "other", label
    if text in r.known_orgs:
        return "organization", label
    if label != "PERSON" and len(span) > 1 and span[-1].text in r.event_heads:
        return "other", "event"  # "the Great Recession" (tagged FAC), "the Arab Spring"
    if label in r.place_labels:
        return "place", label
    if label in r.correctable_labels and not _quoted(span.doc, span.start, span.end):
        single = len(span) == 1
        threshold = r.min_pop_person if label in {"PERSON", "ORG", "NORP"} else r.min_pop_other
        if label == "NORP" and span[-1].text not in r.org_name_heads:
            return "group", label
        if (single or label not in {"PERSON", "ORG"}) and is_known_place(
            text, min_population=threshold, primary=label in {"PERSON", "ORG"}
        ):
            return "place", "gazetteer"
    if span[-1].text in r.org_heads:
        return "organization", label
    if label == "NORP" and span[-1].text in r.org_name_heads:
        return "organization", label  # "Islamic State": a body, not a people
    return r.type_of_label.get(label, "other"), label


# A capitalised word opening a sentence is a place only when it is a city this large and
# parsed as a name ("Kyiv and Moscow deny ..."; not "Reading the report ...").
_BIG_PLACE = 100_000
_EQUIPMENT_GAP = 3  # lower-case words between a name and its equipment noun ("tactical ballistic")


def _equipment_end(doc: Doc, start: int, end: int, r: Rules) -> int | None:
    """Where the name of a weapon ends when ``doc[start:end]`` names one: "Tochka-U tactical
    ballistic missiles", "Bayraktar TB2 drones" (the noun left out), else ``None``. A people's
    adjective ("Ukrainian drones"), an owner ("US Navy helicopters") or a place before an
    attack ("the Odesa missile strike") is no such name."""
    if end - start == 1 and doc[start].pos_ == "ADJ":
        return None
    if doc[end - 1].text in r.org_heads or is_known_place(
        doc[start:end].text, min_population=r.min_pop_other
    ):
        return None  # "US Navy helicopters", "Lindau drones": whose, not which
    last = doc[end - 1]
    if end - start > 1 and _equipment_noun(last, r):
        return end - 1
    for k in range(end, min(len(doc), end + _EQUIPMENT_GAP + 1)):
        token = doc[k]
        if not token.is_lower or token.pos_ not in {"ADJ", "NOUN"} or token.lower_ == "think":
            return None
        if _equipment_noun(token, r):
            return end
    return None


@lru_cache(maxsize=2)
def _weapon_after(heads: frozenset[str]) -> re.Pattern[str]:
    """A weapon noun after a name, up to ``_EQUIPMENT_GAP`` lower-case words later."""
    words = "|".join(sorted(heads))
    return re.compile(rf"(?:\s+[a-z][\w-]*){{0,{_EQUIPMENT_GAP}}}?\s+(?:{words})(?:s|es)?\b")


def _always_armed(text: str, name: str, r: Rules) -> bool:
    """Whether every use of ``name`` in ``text`` comes before a weapon noun: "Patriot" in
    "Patriot missiles" is a weapon's name; "Hamas" in "Hamas rockets" is not when the article
    also says "Hamas said"."""
    after = _weapon_after(r.equipment_heads)
    uses = [m.end() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    return all(after.match(text, end) for end in uses)


def _equipment_noun(token: Token, r: Rules) -> bool:
    """A weapon noun that heads its phrase: "missiles", not the "missile" of "missile strike"."""
    return token.is_lower and token.lemma_ in r.equipment_heads and token.dep_ != "compound"


# words before a place that qualify it rather than run its name on ("western Lindau")
_PLACE_QUALIFIERS = frozenset(
    {
        "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "central", "upper", "lower", "greater", "inner", "outer", "occupied", "downtown",
        "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
        "southeastern", "southwestern", "mid", "new", "old", "rural", "coastal",
    }
)  # fmt: skip


def _name_runs_on_before(doc: Doc, start: int, r: Rules) -> bool:
    """Whether the capitalised word before a tagged place, tagged nothing itself, is the start
    of the same name ("Deepwater" of "Deepwater Horizon"; not a title: "Mr Hayward")."""
    if start == 0:
        return False
    prev = doc[start - 1]
    return (
        prev.pos_ == "PROPN"
        and not prev.ent_type_
        and prev.text[:1].isupper()
        and prev.text.isalpha()
        and not prev.is_sent_start
        and prev.lower_ not in _PLACE_QUALIFIERS
        and prev.text not in r.bare_titles
    )


def _after_place_trigger(
    doc: Doc, i: int, found: list[tuple[int, int, str, str]], r: Rules
) -> bool:
    """Is token ``i`` introduced as a place ("the village of X", "near X", "towns of A and B")?"""
    prev = doc[i - 1].text.lower() if i else ""
    prev2 = doc[i - 2].text.lower() if i > 1 else ""
    if prev == "of" and prev2 in r.place_triggers:
        return True
    if prev in r.place_prepositions:
        return True
    # coordinated names: "the villages of A and B"
    if prev == "and" and found and found[-1][1] == i - 1 and found[-1][2] == "place":
        return found[-1][3] == "trigger" or _after_place_trigger(doc, found[-1][0], found[:-1], r)
    return False


def _harmonize(doc: Doc, found: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """Make the types of one name agree within an article.

    A single word that ends a multi-word PERSON ("Trump" after "Donald Trump") is that person
    unless spaCy or a trigger made it a place (GeoNames alone does not: "Hayward" after "Tony
    Hayward"); else a name that is a place anywhere in the article (GeoNames, a trigger or
    spaCy's GPE) is a place everywhere; a demonym spaCy tagged GPE ("Ukrainian" as an
    adjective, not "a Kyiv court") is a group; an all-capital single word tagged PERSON ("REL")
    is an organization; a single capitalised word tagged ORG that is the subject of a verb of
    saying is a person ("Zelenskiy stated").
    """
    groups = {doc[s:e].text for s, e, t, label in found if label == "NORP" and t == "group"}
    places = {doc[s:e].text for s, e, t, _ in found if t == "place"} - groups
    # a place by spaCy's label or a trigger, not only because GeoNames knows a town so named
    named_places = {
        doc[s:e].text for s, e, t, label in found if t == "place" and label != "gazetteer"
    }
    surnames = {doc[e - 1].text for s, e, t, _ in found if t == "person" and e - s > 1}
    # how often spaCy tags each one-word name a person and a place
    place_labels = rules().place_labels
    votes: Counter[tuple[str, str]] = Counter(
        (ent.text, "person" if ent.label_ == "PERSON" else "place")
        for ent in doc.ents
        if len(ent) == 1 and (ent.label_ == "PERSON" or ent.label_ in place_labels)
    )
    out = []
    for start, end, found_type, label in found:
        etype = found_type
        text = doc[start:end].text
        if text in rules().known_orgs and text not in surnames:
            # "Fitch cut the rating" (but "Ann Fitch ... Fitch said" is her)
            out.append((start, end, "organization", label))
            continue
        single = end - start == 1
        token = doc[start]
        if text in groups or (
            etype == "place"
            and single
            and token.pos_ == "ADJ"
            and not is_known_place(text, min_population=rules().min_pop_other)  # "a Kyiv court"
        ):
            etype = "group"
        elif (
            single
            and text in surnames
            and (
                votes[text, "person"] > votes[text, "place"]
                or (
                    (text not in named_places or not _locative(doc, start, end))
                    # a country is a surname only where spaCy says so more often than not
                    # ("Helping Haiti" tagged a person does not make "Haiti" one)
                    and not is_known_place(text, min_population=COUNTRY_POPULATION)
                )
            )
        ):
            # "Hayward" after "Tony Hayward", though a town is so named and spaCy tags it a
            # place more often than not, unless the mention reads as a place ("in Hayward");
            # "Jackson" after "Michael Jackson"
            etype = "person"
        elif text in places:
            etype = "place"
        elif single and etype == "person" and text.isupper():
            etype = "organization"
        elif (
            single
            and etype == "organization"
            and not text.isupper()
            and text not in rules().org_heads
            and token.dep_ == "nsubj"
            and token.head.lemma_ in _SAYING
        ):
            etype = "person"
        out.append((start, end, etype, label))
    return out


def _runs_into_name(token: Token, r: Rules) -> bool:
    """Whether a proper noun right before a person's name is part of it ("Mayor Ilona Varga",
    tagged from "Varga"): not a title, a zone, a day or month, a word in lower case, nor a
    city ("on Thursday Michael Jackson", "Cardiff Janet Jackson": a caption run into text)."""
    text = token.text
    return (
        token.pos_ == "PROPN"
        and text[:1].isupper()
        and text not in r.titles
        and not _is_zone(token)
        and text.lower().rstrip(".") not in _CALENDAR_WORDS
        and not is_known_place(text, min_population=_BIG_PLACE)
    )


def _named_storm(doc: Doc, ent: Span) -> bool:
    """A storm's name, with its kind in the name or right before it ("Hurricane Katrina",
    "Tropical Storm Bonnie", "windstorm Xynthia"): no person, no place."""
    storms = rules().storm_words
    if any(t.lower_ in storms for t in ent[:-1]):
        return True
    return ent.start > 0 and doc[ent.start - 1].lower_ in storms and len(ent) == 1


def _is_zone(token: Token) -> bool:
    """An all-capitals time zone ("BST", "GMT")."""
    return token.text.isupper() and token.text.lower() in TIMEZONES


def _after_zone(doc: Doc, ent: Span) -> Span | None:
    """An entity without the time zone a page's stamp ran into it: "13.31 BST Thad Allen
    said" -> "Thad Allen"; ``None`` when no name follows the zone ("BST Oil is seen": one word
    tagged neither person nor place is the next sentence's first). Others as they are."""
    if len(ent) < 2 or not _is_zone(ent[0]):
        return ent
    rest = ent[1:]
    if not any(t.pos_ == "PROPN" for t in rest):
        return None
    if len(rest) == 1 and ent.label_ not in {"PERSON", "GPE", "LOC"}:
        return None
    return doc.char_span(rest[0].idx, rest[-1].idx + len(rest[-1]), label=ent.label_)


# words before a name that read it as a place, beside the rules' place prepositions ("of" and
# "at" do not: "the words of Hayward", "angry at Hayward")
_LOCATIVE = frozenset({"in", "across", "into"})


def _locative(doc: Doc, start: int, end: int) -> bool:
    """Whether a name reads as a place where it stands: after "in", "near"... or before a
    comma and a known place ("Hayward, California")."""
    before = doc[start - 1].lower_ if start > 0 else ""
    if before in _LOCATIVE or before in rules().place_prepositions:
        return True
    return (
        end + 1 < len(doc)
        and doc[end].text == ","
        and is_known_place(doc[end + 1].text, min_population=0)
        and doc[end + 1].text[:1].isupper()
    )


_SAYING = frozenset(
    {
        "say",
        "state",
        "tell",
        "claim",
        "announce",
        "add",
        "note",
        "write",
        "confirm",
        "express",
        "call",
        "urge",
        "warn",
        "deny",
        "insist",
        "argue",
        "discuss",
        "stress",
        "emphasize",
    }
)


def extract_mentions(doc: Doc) -> list[Mention]:
    """Entity mentions of ``doc`` with spans into ``doc.text``, in text order, not overlapping."""
    r = rules()
    taken: list[tuple[int, int]] = []  # token ranges already claimed
    found: list[tuple[int, int, str, str]] = []  # token start, end, type, label

    armed_memo: dict[str, bool] = {}

    def armed(name: str) -> bool:
        if name not in armed_memo:
            armed_memo[name] = _always_armed(doc.text, name, r)
        return armed_memo[name]

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def claim(start: int, end: int, etype: str, label: str) -> None:
        start, end = _trim(doc, start, end, extend=etype == "organization")
        if end <= start or not free(start, end):
            return
        taken.append((start, end))
        found.append((start, end, etype, label))

    for tagged in doc.ents:
        ent = _after_zone(doc, tagged)
        if ent is None:
            continue
        head = ent[1:] if ent[0].lower_ == "the" and len(ent) > 1 else ent
        if ent.label_ in r.skip_labels or not head.text[:1].isupper():
            continue  # names start with a capital; "km²" tagged PERSON is not one
        if head.text.isupper() and head.text.lower() in TIMEZONES:
            continue  # "BST" tagged ORG: a clock's zone, no one's name
        start, end = _named_part(doc, ent, r)
        kit = _equipment_end(doc, *_trim(doc, start, end), r)
        if kit is not None and armed(doc[_trim(doc, start, end)[0] : kit].text):
            claim(start, kit, "other", "equipment")  # a weapon's name: no group, person, place
            continue
        if _named_storm(doc, ent):
            if start > 0 and doc[start - 1].lower_ in {"tropical", "super"}:
                start -= 1
            claim(start, end, "other", "storm")  # "Tropical Storm Bonnie", "windstorm Xynthia"
            continue
        etype, label = _entity_type(doc[start:end], ent.label_, r)
        if (
            ent.label_ in {"WORK_OF_ART", "PRODUCT"}
            and label != "event"
            and _speaks(doc, start, end)
        ) or (ent.label_ == "ORG" and etype == "organization" and _named_role(doc, start, end, r)):
            # "Elisabeth Byrs said" tagged a work of art, "a spokesman for X, Ann Lee, said"
            # tagged an organisation: a name that speaks
            etype = "person"
        if etype != "place" and _after_place_trigger(doc, ent.start, found, r):
            etype, label = "place", "trigger"
        if etype == "person":
            # "Mayor Ilona Varga": spaCy often starts the name late; titles stay outside.
            while start > 0 and _runs_into_name(doc[start - 1], r):
                start -= 1
            # "Varga of Sumy": a person "of" a known place is two mentions.
            of = next((t.i for t in doc[start:end] if t.lower_ == "of"), None)
            if of is not None and is_known_place(doc[of + 1 : end].text, min_population=0):
                claim(start, of, "person", label)
                claim(of + 1, end, "place", "gazetteer")
                continue
        if etype == "place" and _name_runs_on_before(doc, start, r):
            # "Deepwater Horizon": spaCy tags the last word a place; the whole is a rig's name
            if not is_known_place(doc[start - 1 : end].text, min_population=0):
                claim(start - 1, end, "other", "name")
                continue
            start -= 1
        if etype == "place":
            end = _joined_place_end(doc, start, end, r)  # "Port" of "Port au Prince"
        # "Kursk region", "Donetsk Oblast": the suffix belongs to the place.
        if (
            end < len(doc)
            and doc[end].text in r.place_suffixes
            and (etype in {"place", "other"} or doc[end - 1].pos_ == "PROPN")
        ):
            end += 1
            etype, label = "place", "gazetteer" if label not in r.place_labels else label
        claim(start, end, etype, label)

    # Proper nouns spaCy did not tag: gazetteer hits and names after a place trigger. A word
    # the article also writes in lower case is that word ("Economy in ruins", "the economy"),
    # and a name starts with a capital ("the ministry of commerce")
    common = {t.lower_ for t in doc if t.is_lower}
    i = 0
    while i < len(doc):
        token = doc[i]
        if not _is_name_token(token) or not free(i, i + 1):
            i += 1
            continue
        j = i
        while j < len(doc) and _is_name_token(doc[j]) and free(j, j + 1):
            j += 1
        joined = _joined_place_end(doc, i, j, r)
        if joined > j and free(i, joined):
            claim(i, joined, "place", "gazetteer")  # "Port-au-Prince", not "Port"
            i = joined
            continue
        name = doc[i:j].text
        triggered = _after_place_trigger(doc, i, found, r)
        kit = _equipment_end(doc, i, j, r)
        if kit is not None and armed(doc[i:kit].text):
            claim(i, kit, "other", "equipment")
        elif j < len(doc) and doc[j].text in r.place_suffixes:
            claim(i, j + 1, "place", "gazetteer")
        elif triggered:
            claim(i, j, "place", "trigger")
        elif (
            name[:1].isupper()
            and not (j == i + 1 and token.lower_ in common)
            and not _quoted(doc, i, j)
            and is_known_place(name, min_population=r.min_pop_other)
            and (
                not token.is_sent_start
                or (token.pos_ == "PROPN" and is_known_place(name, min_population=_BIG_PLACE))
            )
        ):
            claim(i, j, "place", "gazetteer")
        i = j

    found.sort()
    found = _harmonize(doc, found)
    out: list[Mention] = []
    for start, end, etype, label in found:
        span = doc[start:end]
        out.append(
            Mention(
                span=(span.start_char, span.end_char),
                text=span.text,
                type=etype,
                label=label,
                norm=_norm(span.text),
            )
        )
    return out


def mentions_stage(work: Work, config: Config) -> dict[str, Any]:
    return {"mentions": extract_mentions(work.doc)}
