"""Word lists and tables used by corpus linking (data, not code).

Everything language- or domain-specific that the linking modules consult lives here, so that a
new title, demonym or measure is a one-line change with no logic around it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _wordlist(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ---- general English -------------------------------------------------------------------------

STOPWORDS: frozenset[str] = _wordlist(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    said says say saying told according also would could may might must shall one two three
    new last first since still even however though although per via amid among mr ms mrs
    ago year years month months week weeks day days today yesterday tomorrow time times
    monday tuesday wednesday thursday friday saturday sunday january february march april june
    july august september october november december jan feb mar apr jun jul aug sep sept oct
    nov dec morning evening night earlier later around near including well like
    """
)

# ---- entity names ----------------------------------------------------------------------------

#: Titles and roles stripped from the front of a person's (or an office's) name. Lowercase, with
#: and without the abbreviation dot; multi-word titles are matched before their parts.
TITLES: tuple[str, ...] = (
    "u.s. president-elect",
    "president-elect",
    "elect",  # what is left of "President-elect" when a tagger splits at the hyphen
    "prime minister",
    "foreign minister",
    "defense minister",
    "defence minister",
    "deputy prime minister",
    "lieutenant general",
    "lt. gen.",
    "major general",
    "maj. gen.",
    "human rights commissioner",
    "commander-in-chief",
    "secretary of state",
    "treasury secretary",
    "defense secretary",
    "defence secretary",
    "foreign secretary",
    "home secretary",
    "finance minister",
    "interior minister",
    "secretary-general",
    "secretary general",
    "attorney general",
    "vice president",
    "chief executive officer",
    "chief operating officer",
    "chief financial officer",
    "chief executive",
    "operating officer",
    "brig. gen.",
    "brigadier general",
    "president",
    "pres.",
    "general",
    "gen.",
    "colonel",
    "col.",
    "commander",
    "minister",
    "chancellor",
    "premier",
    "governor",
    "gov.",
    "mayor",
    "senator",
    "sen.",
    "rep.",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "ambassador",
    "envoy",
    "king",
    "queen",
    "pope",
    "dr.",
    "dr",  # British style, no dot: "Dr Murray"
    "prof",
    "dame",
    "lawyer",
    "mr.",
    "mrs.",
    "ms.",
    "mr",
    "mrs",
    "ms",
    "sir",
    "chairman",
    "chairwoman",
    "executive",  # what is left of "Chief Executive" when the tagger starts the name late
    "ceo",
    "deputy",
    "director",
    "speaker",
    "judge",
    "justice",
    "lieutenant",
    "lt.",
    "major",
    "maj.",
    "captain",
    "capt.",
    "sergeant",
    "sgt.",
    "admiral",
    "adm.",
    "rev.",
    "professor",
    "prof.",
    "sheikh",
    "top",
    "acting",
    "former",
    "late",
)

#: Demonyms (adjectives and plural nouns) to the country they name.
DEMONYMS: dict[str, str] = {
    "ukrainian": "Ukraine",
    "ukrainians": "Ukraine",
    "russian": "Russia",
    "russians": "Russia",
    "belarusian": "Belarus",
    "belarusians": "Belarus",
    "american": "United States",
    "americans": "United States",
    "u.s.": "United States",
    "us": "United States",
    "british": "United Kingdom",
    "briton": "United Kingdom",
    "britons": "United Kingdom",
    "french": "France",
    "german": "Germany",
    "germans": "Germany",
    "polish": "Poland",
    "pole": "Poland",
    "poles": "Poland",
    "chinese": "China",
    "north korean": "North Korea",
    "north koreans": "North Korea",
    "south korean": "South Korea",
    "south koreans": "South Korea",
    "iranian": "Iran",
    "iranians": "Iran",
    "israeli": "Israel",
    "israelis": "Israel",
    "palestinian": "Palestine",
    "palestinians": "Palestine",
    "turkish": "Turkey",
    "syrian": "Syria",
    "syrians": "Syria",
    "georgian": "Georgia",
    "moldovan": "Moldova",
    "lithuanian": "Lithuania",
    "latvian": "Latvia",
    "estonian": "Estonia",
    "finnish": "Finland",
    "swedish": "Sweden",
    "norwegian": "Norway",
    "dutch": "Netherlands",
    "italian": "Italy",
    "spanish": "Spain",
    "japanese": "Japan",
    "indian": "India",
    "canadian": "Canada",
    "hungarian": "Hungary",
    "romanian": "Romania",
    "slovak": "Slovakia",
    "czech": "Czechia",
    "soviet": "Soviet Union",
}

#: Other names of countries: the same entity as the country.
COUNTRY_ALIASES: dict[str, str] = {
    "u.s.": "United States",
    "u.s.a.": "United States",
    "us": "United States",
    "usa": "United States",
    "america": "United States",
    "united states of america": "United States",
    "the united states": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "russian federation": "Russia",
    "the russian federation": "Russia",
    "dprk": "North Korea",
    "türkiye": "Turkey",
    "turkiye": "Turkey",
}

#: US states as AP style abbreviates them after a town ("Venice, La."): the same entity as the
#: state. Without the dot only where the bare word means nothing else ("Miss", "Ill", "Wash",
#: "Mass" do).
US_STATE_ABBREVIATIONS: dict[str, str] = {
    **{
        f"{abbr}.": name
        for abbr, name in {
            "ala": "Alabama", "ariz": "Arizona", "ark": "Arkansas", "calif": "California",
            "colo": "Colorado", "conn": "Connecticut", "del": "Delaware", "fla": "Florida",
            "ga": "Georgia", "ill": "Illinois", "ind": "Indiana", "kan": "Kansas",
            "ky": "Kentucky", "la": "Louisiana", "md": "Maryland", "mass": "Massachusetts",
            "mich": "Michigan", "minn": "Minnesota", "miss": "Mississippi", "mo": "Missouri",
            "mont": "Montana", "neb": "Nebraska", "nev": "Nevada", "okla": "Oklahoma",
            "ore": "Oregon", "pa": "Pennsylvania", "tenn": "Tennessee", "tex": "Texas",
            "vt": "Vermont", "va": "Virginia", "wash": "Washington", "wis": "Wisconsin",
            "wyo": "Wyoming", "n.h": "New Hampshire", "n.j": "New Jersey", "n.m": "New Mexico",
            "n.y": "New York", "n.c": "North Carolina", "n.d": "North Dakota",
            "r.i": "Rhode Island", "s.c": "South Carolina", "s.d": "South Dakota",
            "w.va": "West Virginia",
        }.items()
    },
    **{
        abbr: name
        for abbr, name in {
            "ala": "Alabama", "ariz": "Arizona", "calif": "California", "colo": "Colorado",
            "conn": "Connecticut", "fla": "Florida", "la": "Louisiana", "mich": "Michigan",
            "minn": "Minnesota", "okla": "Oklahoma", "tenn": "Tennessee", "wyo": "Wyoming",
        }.items()
    },
}  # fmt: skip

#: Words after a company's name that do not change whose name it is ("BP PLC" is BP).
CORPORATE_SUFFIXES: frozenset[str] = frozenset(
    {"plc", "inc", "corp", "ltd", "llc", "ag", "nv", "sa", "co"}
)

#: Other names of organisations that are no acronym of theirs ("the Fed"): the same entity.
ORG_ALIASES: dict[str, str] = {
    # two-letter acronyms are not matched to initials (too many names share them); these are
    "ap": "Associated Press",
    "un": "United Nations",
    "u.n.": "United Nations",
    "eu": "European Union",
    "e.u.": "European Union",
    "fed": "Federal Reserve",
    "the fed": "Federal Reserve",
    "u.s. fed": "Federal Reserve",
    "us fed": "Federal Reserve",
    "federal reserve board": "Federal Reserve",
    "federal reserve system": "Federal Reserve",
    "u.s. federal reserve": "Federal Reserve",
    "us federal reserve": "Federal Reserve",
}

#: Capitals and seats of power that stand for their country as a *side* ("Kyiv still holds
#: Sudzha"). They stay places of their own as entities; only holders and scopes use this.
METONYMS: dict[str, str] = {
    "kyiv": "Ukraine",
    "kiev": "Ukraine",
    "moscow": "Russia",
    "kremlin": "Russia",
    "the kremlin": "Russia",
    "washington": "United States",
    "white house": "United States",
    "the white house": "United States",
    "london": "United Kingdom",
    "minsk": "Belarus",
    "beijing": "China",
    "pyongyang": "North Korea",
    "tehran": "Iran",
}

#: Spelling variants folded before names are compared (British -> American, etc.).
SPELLING: dict[str, str] = {
    "defence": "defense",
    "armour": "armor",
    "armoured": "armored",
    "centre": "center",
    "centres": "centers",
    "defences": "defenses",
    "organisations": "organizations",
    "programmes": "programs",
    "programme": "program",
    "organisation": "organization",
    "labour": "labor",
}

#: Words that do not count towards an acronym's initials ("Institute for the Study of War" ->
#: ISW) and that are ignored when names are compared as bags of words.
ACRONYM_STOPWORDS: frozenset[str] = frozenset(
    {"of", "the", "for", "and", "on", "in", "at", "to", "a", "an", "&"}
)

#: Acronyms that are never expanded from initials (too short or too common to trust).
ACRONYM_BLOCKLIST: frozenset[str] = frozenset({"AM", "PM", "TV", "OK", "ID", "II", "III", "IV"})

#: Region words: "Kursk region" = "Kursk Oblast" = "Kursk province".
REGION_WORDS: frozenset[str] = frozenset(
    {"region", "oblast", "province", "krai", "kray", "governorate", "district", "raion", "rayon"}
)

#: Words after a demonym that make a holder text name a country's side ("Ukrainian forces").
HOLDER_WORDS: frozenset[str] = frozenset(
    {
        "forces",
        "force",
        "troops",
        "army",
        "military",
        "armed",
        "soldiers",
        "units",
        "control",
        "government",
        "authorities",
        "side",
        "hands",
    }
)

#: Cyrillic to Latin, a simple practical transliteration (BGN/PCGN-like, Ukrainian letters too).
CYRILLIC: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "є": "ye",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "і": "i",
    "ї": "yi",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}

# ---- figures ---------------------------------------------------------------------------------

#: Normalised unit spellings (the figures stage should already emit the left-hand side).
UNIT_SYNONYMS: dict[str, str] = {
    "km2": "km²",
    "sq km": "km²",
    "square kilometers": "km²",
    "square kilometres": "km²",
    "square km": "km²",
    "kilometers": "km",
    "kilometres": "km",
    "kilometer": "km",
    "kilometre": "km",
    "mi": "miles",
    "mile": "miles",
    "sq mi": "mi²",
    "acre": "acres",
    "square miles": "mi²",
}

#: What is counted, folded to one word per kind of thing.
COUNT_SYNONYMS: dict[str, str] = {
    "soldier": "soldiers",
    "troops": "soldiers",
    "troop": "soldiers",
    "servicemen": "soldiers",
    "serviceman": "soldiers",
    "personnel": "soldiers",
    "fighters": "soldiers",
    "men": "soldiers",
    "drone": "drones",
    "uav": "drones",
    "uavs": "drones",
    "person": "people",
    "persons": "people",
    "residents": "people",
    "resident": "people",
    "civilians": "people",
    "civilian": "people",
    "inhabitants": "people",
    "missile": "missiles",
    "vehicle": "vehicles",
    "tank": "tanks",
    "prisoner": "prisoners",
    "pows": "prisoners",
    "settlement": "settlements",
    "village": "settlements",
    "villages": "settlements",
}


#: How qualifiers read in a note ("up to 5 km").
QUALIFIER_WORDS: dict[str, str] = {
    "approximately": "approximately",
    "more_than": "more than",
    "at_least": "at least",
    "less_than": "less than",
    "at_most": "at most",
    "up_to": "up to",
}

# ---- figure tracks: what is measured (link.tracks) ------------------------------------------


@dataclass(frozen=True, slots=True)
class TrackMeasure:
    """A kind of quantity worth tracking across a story: what is counted, and what happened to it.

    A figure gets this measure when its normalised unit is in ``units`` (a unit-less figure:
    when what it counts, read from the figure or its clause, is in ``counts``) and its sentence
    says what happened: one of ``keywords`` (word prefixes, whole words when they end in "$";
    nearest one in the figure's own clause first, then anywhere in the sentence), or what is
    counted is itself in ``nouns`` ("deaths", "evacuees" name the measure on their own).
    ``scoped`` measures are split by the
    side the sentence credits ("territory held by Ukraine" and "... by Russia" are two tracks).
    ``additive`` measures are amounts many give (pledges): two givers' figures neither agree nor
    disagree, and one follows another as a change only from the same source. ``located``
    measures are split by the place the figure counts in ("cases in Mexico", "cases in Canada",
    "deaths worldwide" are three tracks). ``own_clause`` measures need their key word in the
    figure's own clause ("the spill has cost BP $2bn", not "$360m" in "Clean-up costs so far:
    $990m. Estimated price of the barrier: $360m").
    ``no_sizes`` measures leave out hyphenated amounts, the size of a thing ("a 100-ton dome").
    ``not_keywords`` (a lowercase regex) marks phrases a key word inside of which says nothing
    of the measure: "fund" in "hedge funds", "loss" in "a third-quarter loss".
    """

    name: str
    units: frozenset[str]
    counts: frozenset[str]
    keywords: tuple[str, ...]
    nouns: frozenset[str] = frozenset()
    scoped: bool = False
    additive: bool = False
    located: bool = False
    own_clause: bool = False
    no_sizes: bool = False
    not_keywords: re.Pattern[str] | None = None


_PEOPLE = frozenset({"people", "dead", "deaths", "victims", "fatalities", "evacuees"})
_SPILL_WORDS = (
    "leak",
    "spill",
    "spew",
    "gush",
    "pour",
    "escap",
    "discharg",
    "seep",
    "releas",
    "dump",
)

#: Units a track may convert between: a measure's figures in units of one dimension join the
#: track of its most used unit ("210,000 gallons a day" is 5,000 barrels a day). Factors to
#: litres, and to litres per day for rates (US gallons, oil barrels).
TRACK_UNIT_FACTORS: dict[str, tuple[str, float]] = {
    **{
        f"{vol}{per}": (f"volume{per and '/t'}", f_vol * f_per)
        for vol, f_vol in {
            "l": 1.0,
            "m³": 1000.0,
            "gallon": 3.785411784,
            "bbl": 158.987294928,
        }.items()
        for per, f_per in {"": 1.0, "/day": 1.0, "/hour": 24.0, "/minute": 1440.0}.items()
    },
    **{unit: ("distance", f) for unit, f in {"km": 1.0, "miles": 1.609344, "m": 0.001}.items()},
    **{
        unit: ("area", f)
        for unit, f in {
            "km²": 1.0,
            "mi²": 2.589988110336,
            "ha": 0.01,
            "acres": 0.0040468564224,
        }.items()
    },
}
_CURRENCIES = frozenset({"USD", "EUR", "GBP", "JPY", "CHF", "CNY", "RUB", "UAH", "INR", "CAD"})


def _rate(name: str, *keywords: str) -> TrackMeasure:
    """A rate of the economy: a level at a time in per cent, its key word in the figure's own
    clause ("the unemployment rate rose to 6.1 percent"), per place ("inflation in Kessel")."""
    return TrackMeasure(
        name,
        units=frozenset({"%"}),
        counts=frozenset(),
        keywords=keywords,
        located=True,
        own_clause=True,
    )


#: The measures of figure tracks, most specific first (ties between equally near key words go
#: to the earlier measure).
TRACK_MEASURES: tuple[TrackMeasure, ...] = (
    TrackMeasure(
        "territory held",
        units=frozenset({"km²", "mi²", "ha", "acres"}),
        counts=frozenset({"territory", "land"}),
        keywords=(
            "hold",
            "held",
            "control",
            "territor",
            "seiz",
            "captur",
            "occup",
            "secur",
            "gain",
            "retak",
            "recaptur",
            "liberat",
        ),
        scoped=True,
    ),
    TrackMeasure(
        "area flooded",
        units=frozenset({"km²", "mi²", "ha", "acres"}),
        counts=frozenset(),
        keywords=("flood", "under water", "underwater", "inundat", "submerg", "floodwater"),
    ),
    TrackMeasure(
        "area burned",
        units=frozenset({"km²", "mi²", "ha", "acres"}),
        counts=frozenset(),
        keywords=("burn", "fire", "blaze", "scorch", "wildfire"),
    ),
    TrackMeasure(
        "advance",
        units=frozenset({"km", "miles", "m"}),
        counts=frozenset(),
        keywords=("advanc", "push", "progress", "penetrat", "breakthrough", "moved forward"),
    ),
    TrackMeasure(
        "people killed",
        units=frozenset(),
        counts=_PEOPLE - {"evacuees"},
        keywords=(
            "kill",
            "dead$",
            "died",
            "die ",
            "death",
            "fatal",
            "perish",
            "lost their lives",
            "drown",
        ),
        # "bodies" is left out on purpose: "two bodies were recovered on Sunday" is an
        # increment, not a toll, and would read as a disagreement with the toll of that day
        nouns=frozenset({"dead", "deaths", "victims", "fatalities"}),
        located=True,
    ),
    TrackMeasure(
        "people missing",
        units=frozenset(),
        counts=(_PEOPLE - {"dead", "deaths", "fatalities"}) | {"missing"},
        keywords=("missing", "unaccounted"),
        nouns=frozenset({"missing"}),
        located=True,
    ),
    TrackMeasure(
        "people injured",
        units=frozenset(),
        counts=_PEOPLE | {"injured", "wounded"},
        keywords=("injur", "wound", "hurt", "hospital"),
        nouns=frozenset({"injured", "wounded"}),
        located=True,
    ),
    TrackMeasure(
        "people returned home",
        units=frozenset(),
        counts=_PEOPLE,
        keywords=("return", "went home", "gone home", "back home", "back to their homes"),
        located=True,
    ),
    TrackMeasure(
        "people evacuated or displaced",
        units=frozenset(),
        counts=_PEOPLE | {"refugees", "displaced", "homeless"},
        keywords=(
            "evacuat",
            "displac",
            "fled",
            "flee",
            "forced from",
            "driven from",
            "forced out",
            "moved to safety",
            "relocat",
            "homeless",
            "refugee",
            "lost their homes",
        ),
        nouns=frozenset({"evacuees", "refugees", "displaced", "homeless"}),
        located=True,
    ),
    TrackMeasure(
        "people stranded",
        units=frozenset(),
        counts=_PEOPLE,
        keywords=("strand", "trapped", "cut off", "stuck"),
        located=True,
    ),
    TrackMeasure(
        "people arrested",
        units=frozenset(),
        counts=_PEOPLE | {"protesters", "suspects"},
        keywords=("arrest", "detain", "custody"),
        located=True,
    ),
    TrackMeasure(
        "cases",
        units=frozenset(),
        counts=frozenset({"cases", "infections", "people"}),
        keywords=("infect", "case", "tested positive", "confirmed cases"),
        nouns=frozenset({"cases", "infections"}),
        located=True,
    ),
    TrackMeasure(
        "soldiers killed or lost",
        units=frozenset(),
        counts=frozenset({"soldiers"}),
        keywords=("kill", "lost", "loss", "casualt", "dead$", "died", "eliminat", "wound"),
    ),
    TrackMeasure(
        "soldiers captured",
        units=frozenset(),
        counts=frozenset({"soldiers", "prisoners"}),
        keywords=("captur", "prisoner", "surrender", "taken captive"),
    ),
    TrackMeasure(
        "soldiers deployed",
        units=frozenset(),
        counts=frozenset({"soldiers"}),
        keywords=("deploy", "sent", "send", "station", "redeploy", "withdr", "divert"),
    ),
    TrackMeasure(
        "drones destroyed",
        units=frozenset(),
        counts=frozenset({"drones"}),
        keywords=("destroy", "downed", "shot down", "intercept", "neutrali"),
    ),
    TrackMeasure(
        "missiles destroyed",
        units=frozenset(),
        counts=frozenset({"missiles"}),
        keywords=("destroy", "downed", "shot down", "intercept"),
    ),
    TrackMeasure(
        "drones launched",
        units=frozenset(),
        counts=frozenset({"drones"}),
        keywords=("launch", "fired", "sent", "attacked with"),
    ),
    TrackMeasure(
        "missiles launched",
        units=frozenset(),
        counts=frozenset({"missiles"}),
        keywords=("launch", "fired", "attacked with"),
    ),
    TrackMeasure(
        "settlements captured",
        units=frozenset(),
        counts=frozenset({"settlements"}),
        keywords=("captur", "seiz", "liberat", "took", "taken", "control"),
    ),
    TrackMeasure(
        "vehicles destroyed",
        units=frozenset(),
        counts=frozenset({"vehicles", "tanks"}),
        keywords=("destroy", "lost", "loss", "disabled", "hit"),
    ),
    TrackMeasure(
        "homes damaged",
        units=frozenset(),
        counts=frozenset({"homes", "houses", "buildings"}),
        keywords=("damag", "destroy", "flood", "collaps", "razed"),
    ),
    TrackMeasure(
        "flow leaked or spilled",
        units=frozenset(
            f"{v}/{t}" for v in ("bbl", "gallon", "l", "m³") for t in ("day", "hour", "minute")
        ),
        counts=frozenset(),
        keywords=(*_SPILL_WORDS, "flow", "rate"),
        no_sizes=True,
    ),
    TrackMeasure(
        "amount leaked or spilled",
        units=frozenset({"bbl", "gallon", "l", "m³", "t"}),
        counts=frozenset(),
        keywords=_SPILL_WORDS,
        own_clause=True,
        no_sizes=True,
    ),
    # rates a crisis is read by (``_rate``)
    _rate("unemployment rate", "unemploy", "jobless"),
    _rate(
        "interest rate",
        "interest rate",
        "funds rate",
        "key rate",
        "benchmark rate",
        "base rate",
        "policy rate",
        "lending rate",
        "mortgage rate",
    ),
    _rate("inflation rate", "inflation$", "consumer price"),
    TrackMeasure(
        "money pledged",
        units=_CURRENCIES,
        counts=frozenset(),
        # not "releas": "released in cinemas, it earned $20m", "released on $75,000 bail"
        keywords=("pledg", "donat", "aid$", "fund", "relief", "set aside", "allocat"),
        additive=True,
        # funds that invest, not money given
        not_keywords=re.compile(
            r"\b(?:hedge|mutual|pension|index|money[- ]market|investment|equity|wealth|"
            r"exchange[- ]traded|bond|stock|retirement)\s+funds?\b|\bfunds?\s+(?:manager|research)|"
            r"\bfundament"
        ),
    ),
    TrackMeasure(
        "cost or damage",
        units=_CURRENCIES,
        counts=frozenset(),
        keywords=("cost", "damage", "loss", "bill$", "bills$"),
        own_clause=True,
        # a company's result, not a cost
        not_keywords=re.compile(
            r"\b(?:net|quarterly|annual|operating|pre-?tax|trading|full[- ]year|"
            r"(?:first|second|third|fourth)[- ]quarter|q[1-4])\s+loss(?:es)?\b"
        ),
    ),
)

#: What is counted, folded further for tracks (on top of ``COUNT_SYNONYMS``): the last word of
#: a figure's ``counts`` or of the noun read from its clause.
TRACK_COUNT_SYNONYMS: dict[str, str] = {
    # the people in a state ("80 dead", "200 injured": ``counted.json`` people_states)
    "killed": "dead",
    "hurt": "injured",
    "evacuated": "evacuees",
    "stranded": "people",
    "unaccounted": "missing",
    "death": "deaths",
    "body": "bodies",
    "victim": "victims",
    "fatality": "fatalities",
    "evacuee": "evacuees",
    "refugee": "refugees",
    "case": "cases",
    "infection": "infections",
    "house": "houses",
    "home": "homes",
    "building": "buildings",
    "protester": "protesters",
    "suspect": "suspects",
    "toll": "deaths",
    "individuals": "people",
    "adults": "people",
    "children": "people",
    "families": "people",
    "women": "people",
    "passengers": "people",
    "workers": "people",
    "crew": "people",
    "staff": "people",
    "employees": "people",
    "members": "people",
    "migrants": "people",
    "residents": "people",
    "inhabitants": "people",
    "civilians": "people",
}

#: Groups a figure may count among a measure's people ("two children", "40 civilians"), each
#: with its plural: a count of one group is compared only with counts of the same group, never
#: with the whole or with another group ("2 children" does not disagree with "12 cases", nor
#: "11 workers" with "11 people": which of them holds, the texts do not say).
TRACK_SUBGROUPS: dict[str, str] = {
    word: plural
    for plural, forms in {
        "children": ("child", "children", "kids", "boys", "girls"),
        "adults": ("adult", "adults"),
        "women": ("woman", "women"),
        "men": ("man", "men"),
        "passengers": ("passenger", "passengers"),
        "workers": ("worker", "workers", "employees", "staff"),
        "migrants": ("migrant", "migrants"),
        "civilians": ("civilian", "civilians"),
        "students": ("student", "students", "pupils"),
        "tourists": ("tourist", "tourists"),
        "journalists": ("journalist", "journalists"),
        "patients": ("patient", "patients"),
        "foreigners": ("foreigner", "foreigners", "foreign nationals"),
    }.items()
    for word in forms
}

#: Where a clause ends inside a sentence, for reading what happened to a figure ("At least
#: three people were killed | and more than 2,000 people had been evacuated").
CLAUSE_BREAKS: tuple[str, ...] = (
    ",",
    ";",
    ":",
    " and ",
    " but ",
    " while ",
    " whereas ",
    " as ",
    " after ",
    " — ",
    " – ",
    "(",
)

#: Nouns a place names the owner of when it stands right before them ("US network X", "the
#: Kessel army", "Harlow officials"): such a place says whose, not where a figure counts.
PLACE_MODIFIED_NOUNS: frozenset[str] = _wordlist(
    """
    agency aid ambassador army authorities citizens commander commanders companies company
    consulate correspondent department diplomats doctors embassy envoy firm firms forces
    general generals government leader leaders marines media medics military ministry nationals
    navy network newspaper officers official officials police president radio rescue rescuers
    search-and-rescue secretary soldiers spokesman spokeswoman state team teams television
    troops tv
    """
)

#: Words just before a figure that make it a size, not an event ("a town of about 30,000
#: people", "home to 2 million"): such figures join no track.
POPULATION_CUES: tuple[str, ...] = (
    "town of",
    "city of",
    "village of",
    "country of",
    "nation of",
    "region of",
    "province of",
    "population of",
    "population",
    "home to",
    "inhabited by",
)
