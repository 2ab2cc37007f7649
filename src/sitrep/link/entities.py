"""Merge entity mentions across articles into entities.

Steps (each general, none keyed to a particular name):

1. every mention gets a name key (``names.name_key``): titles, articles, possessives dropped,
   demonyms read as countries inside names, Defence/Defense folded, word order ignored,
   transliteration variants folded (Zelensky / Zelenskiy / Zelenskyy / Зеленський);
   nationalities (NORP, type ``group``) key apart from their country;
2. keys are united when
   * an acronym is defined in the text: "the Institute for the Study of War (ISW)";
   * an acronym equals the initials of exactly one long name in the corpus, or of one that
     holds 80% of the records of such names (the others being typos and run-ins);
   * two person or place keys of the same length are near-identical (rapidfuzz ratio >= 90,
     compared only within blocks of the same first letter and word count);
3. a one-word person mention ("Zelensky") joins the one full name with that surname in its
   story, else the one in the corpus; when several match it stays apart (ambiguous); after an
   honorific, a one-word name no full name ends with joins the one full name it begins ("Mr
   Ban" is Ban Ki-moon: a name written family name first);
4. type by majority vote over mentions, places overriding when a mention came from the
   gazetteer or the name is a country; canonical name = the most frequent multi-word form
   (the most complete), else the most frequent form.

Ids ``e1``... follow (descending mention count, name). After linking, claim sources
(``Source.entity``) hold entity ids instead of mention norms.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from sitrep.link.lexicon import ACRONYM_BLOCKLIST, ACRONYM_STOPWORDS, CORPORATE_SUFFIXES
from sitrep.link.names import (
    country_of,
    display_form,
    initials,
    is_acronym,
    name_key,
    person_parts,
    tokens,
)
from sitrep.link.places import as_country, is_country
from sitrep.model import AnalyzedArticle, Entity, Mention, Source, Span

FUZZY_RATIO = 90.0
FUZZY_MIN_LENGTH = 6
_DEFINED_ACRONYM = re.compile(r"^\s*\(\s*([A-Z][A-Za-z0-9&]{1,7})\s*\)")
_TYPE_PRIORITY = {"place": 0, "person": 1, "organization": 2, "group": 3, "other": 4}


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent.setdefault(x, x)
        if parent == x:
            return x
        root = self.find(parent)
        self.parent[x] = root
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller key wins: the result does not depend on the order of unions
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


@dataclass(slots=True)
class _Rec:
    doc: str
    mention: Mention
    key: str
    form: str
    story: str
    shown: str = ""  # the form as people read it (inner possessives kept)


@dataclass(slots=True)
class EntityIndex:
    """Entities with the lookups later steps need."""

    entities: list[Entity] = field(default_factory=list)
    mention_entities: dict[str, dict[Span, str]] = field(default_factory=dict)
    by_key: dict[str, str] = field(default_factory=dict)  # name key -> entity id
    by_id: dict[str, Entity] = field(default_factory=dict)

    def get(self, eid: str | None) -> Entity | None:
        return self.by_id.get(eid) if eid else None

    def resolve(self, name: str, *, group: bool = False) -> str | None:
        """The entity id of a name, by its key (``None`` when the corpus has no such entity)."""
        return self.by_key.get(name_key(name, group=group, titles=False)) or self.by_key.get(
            name_key(name, group=group)
        )

    def at(self, doc: str, span: Span) -> str | None:
        """The entity of the mention at, or inside, ``span`` of ``doc`` (the longest one)."""
        links = self.mention_entities.get(doc, {})
        if span in links:
            return links[span]
        inside = [(s, e) for s, e in links.items() if span[0] <= s[0] and s[1] <= span[1]]
        if not inside:
            return None
        return max(inside, key=lambda se: (se[0][1] - se[0][0], -se[0][0]))[1]

    def country(self, name: str) -> str | None:
        """The entity of the country a name, demonym or capital stands for."""
        country = country_of(name) or name
        return self.by_key.get(name_key(country))


_HONORIFIC = r"\b(?:Mr|Mrs|Ms|Dr)\.?\s+"
_HONORIFIC_BEFORE = re.compile(_HONORIFIC + r"\Z")
_HONORIFIC_FIRST = re.compile(_HONORIFIC)


def _after_honorific(r: _Rec, texts: dict[str, str]) -> bool:
    """Whether a mention is a name after "Mr", "Ms", "Dr"...: in the mention ("Mr Ban") or
    right before it."""
    return bool(
        _HONORIFIC_FIRST.match(r.mention.text)
        or _HONORIFIC_BEFORE.search(texts.get(r.doc, ""), 0, r.mention.span[0])
    )


_DOMINANT = 0.8  # share of the records a full name needs to take a lone surname from others


def _dominant(roots: set[str], clusters: dict[str, list[_Rec]]) -> str | None:
    """The one of ``roots`` (full names sharing a surname) that a lone surname means: the only
    one, or the one with 80% of their records ("Tony Hayward" over a caption's run-in
    "Guardian Tony Hayward"); ``None`` when two are in real use ("Ann Lee", "Tom Lee")."""
    if not roots:
        return None
    sizes = {root: len(clusters[root]) for root in roots}
    best = max(sorted(sizes), key=sizes.__getitem__)
    return best if sizes[best] >= _DOMINANT * sum(sizes.values()) else None


def _majority_type(recs: list[_Rec]) -> str:
    if any(r.mention.label == "storm" for r in recs):
        return "other"  # "windstorm Xynthia" once, "damage from Xynthia" after: the storm
    votes = Counter(r.mention.type for r in recs)
    # a name the gazetteer made a place is one, unless the article's own rules made it a
    # person after all ("Hayward" after "Tony Hayward": type person, label gazetteer)
    gazetteer = any(r.mention.label == "gazetteer" and r.mention.type == "place" for r in recs)
    if gazetteer and votes.get("group", 0) < len(recs):
        return "place"
    best = max(votes.items(), key=lambda kv: (kv[1], -_TYPE_PRIORITY.get(kv[0], 9)))[0]
    if best in {"organization", "other"} and is_country(recs[0].form):
        return "place"
    return best


def _legal_form(token: str) -> bool:
    return token.lower().replace(".", "") in CORPORATE_SUFFIXES


def _canonical(recs: list[_Rec]) -> tuple[str, list[str]]:
    forms = Counter(r.shown or r.form for r in recs)
    multi = {  # a full name, not an acronym nor a name with its legal form ("Transocean Ltd")
        f: c
        for f, c in forms.items()
        if len([t for t in tokens(f) if not is_acronym(t) and not _legal_form(t)]) >= 2
    }
    pool = multi or forms

    def rank(kv: tuple[str, int]) -> tuple[int, int, int, int, str]:
        words = tokens(kv[0])
        core = len([t for t in words if not _legal_form(t)])
        return (kv[1], core, core - len(words), -len(kv[0]), kv[0])

    name = max(pool.items(), key=rank)[0]
    aliases = sorted({f for f in forms if f != name})
    return name, aliases


def link_entities(
    articles: list[AnalyzedArticle],
    *,
    story_of: dict[str, str] | None = None,
    extra: dict[str, list[Mention]] | None = None,
) -> EntityIndex:
    """Merge the mentions of ``articles`` (plus ``extra`` pseudo-mentions per document, e.g.
    places named only in control claims) into entities."""
    story_of = story_of or {}
    recs: list[_Rec] = []
    for art in articles:
        story = story_of.get(art.id, "")
        defined = defined_acronyms(art)
        for m in [*art.mentions, *(extra or {}).get(art.id, []), *defined]:
            titles = m.type in {"person", "other"}
            form = display_form(m.norm or m.text, titles=titles)
            if not form or not any(ch.isalpha() for ch in form):
                continue
            if "/" in form:
                continue  # a photo credit ("Ann Lee/Reuters", "REUTERS/"), no one's name
            key = name_key(form, group=m.type == "group", titles=titles)
            shown = display_form(m.norm or m.text, titles=titles, possessives=False)
            shown = re.sub(r"['’]s?$", "", shown).strip() or form
            recs.append(_Rec(art.id, m, key, form, story, shown))

    uf = _UnionFind()
    by_key: dict[str, list[_Rec]] = defaultdict(list)
    for r in recs:
        by_key[r.key].append(r)
        uf.find(r.key)
    _unite_acronyms(articles, recs, by_key, uf)
    key_type = {k: _majority_type(rs) for k, rs in by_key.items()}
    _unite_fuzzy(by_key, key_type, uf)

    # one-word person names join the full name with that surname (story first, then corpus)
    clusters: dict[str, list[_Rec]] = defaultdict(list)
    for r in recs:
        clusters[uf.find(r.key)].append(r)
    ctype = {root: _majority_type(rs) for root, rs in clusters.items()}
    surnames: dict[str, set[str]] = defaultdict(set)
    surnames_in_story: dict[tuple[str, str], set[str]] = defaultdict(set)
    first_names: dict[str, set[str]] = defaultdict(set)  # "Ban" of "Ban Ki-moon"
    for root, rs in clusters.items():
        if ctype[root] != "person":
            continue
        for r in rs:
            parts = person_parts(r.form)
            if len(parts) >= 2:
                surnames[parts[-1]].add(root)
                surnames_in_story[(r.story, parts[-1])].add(root)
                first_names[parts[0]].add(root)
    texts = {a.id: a.text for a in articles}
    place_forms = Counter(  # places by spaCy's label: "Hayward" the town, not the surname
        (r.story, r.form)
        for r in recs
        if r.mention.type == "place" and r.mention.label != "gazetteer"
    )
    assigned: list[tuple[_Rec, str]] = []
    for r in recs:
        root = uf.find(r.key)
        parts = person_parts(r.form)
        if len(parts) == 1 and (
            ctype[root] in {"person", "other", "organization"} or r.mention.type == "person"
        ):
            if root in surnames.get(parts[0], set()):
                pass  # already the full name's cluster
            else:
                local = surnames_in_story.get((r.story, parts[0]), set())
                wide = surnames.get(parts[0], set())
                if local:
                    root = _dominant(local, clusters) or root
                elif len(wide) == 1:
                    root = next(iter(wide))
                elif _after_honorific(r, texts) and (
                    family := _dominant(first_names.get(parts[0], set()), clusters)
                ):
                    # "Mr Ban" is Ban Ki-moon: a name written family name first
                    root = family
                if ctype.get(root) == "person" and r.mention.label == "gazetteer":
                    # a surname that is also a town: it no longer votes its person a place
                    r.mention = dataclasses.replace(r.mention, label="surname")
        elif len(parts) == 1 and r.mention.type == "place" and r.mention.label != "trigger":
            # in a story of "Tony Hayward", a lone "Hayward" is him, not the Californian town
            # GeoNames knows (or spaCy took for one, when he is named twice as often as it)
            person = _dominant(surnames_in_story.get((r.story, parts[0]), set()), clusters)
            if person is not None and (
                r.mention.label == "gazetteer"
                or len(clusters[person]) >= 2 * place_forms[(r.story, r.form)]
            ):
                root = person
                r.mention = dataclasses.replace(r.mention, type="person", label="surname")
        assigned.append((r, root))

    final: dict[str, list[_Rec]] = defaultdict(list)
    for r, root in assigned:
        final[root].append(r)
    drafts = []
    for root, rs in final.items():
        name, aliases = _canonical(rs)
        etype = _majority_type(rs)
        country = as_country(name) if etype == "place" else None
        if country and country != name and country in aliases:
            # a country goes by its short name ("Russia", not "Russian Federation")
            aliases = sorted({*aliases, name} - {country})
            name = country
        docs = sorted({r.doc for r in rs})
        drafts.append((root, name, etype, aliases, docs, len(rs)))
    drafts.sort(key=lambda d: (-d[5], d[1], d[0]))
    index = EntityIndex()
    root_to_id: dict[str, str] = {}
    for n, (root, name, etype, aliases, docs, count) in enumerate(drafts, start=1):
        eid = f"e{n}"
        root_to_id[root] = eid
        index.entities.append(
            Entity(id=eid, name=name, type=etype, aliases=aliases, documents=docs, mentions=count)
        )
    for r, root in assigned:
        index.mention_entities.setdefault(r.doc, {})[r.mention.span] = root_to_id[root]
    # a key names the entity its records went to: a lone surname joined to the full name
    # ("Zelensky" -> "Volodymyr Zelensky") resolves to that entity, not to none
    roots_of_key: dict[str, Counter[str]] = defaultdict(Counter)
    for r, root in assigned:
        roots_of_key[r.key][root] += 1
    for key in by_key:
        root = roots_of_key[key].most_common(1)[0][0] if roots_of_key[key] else uf.find(key)
        if root in root_to_id:
            index.by_key[key] = root_to_id[root]
    for root, eid in root_to_id.items():
        index.by_key.setdefault(root, eid)
    index.by_id = {e.id: e for e in index.entities}
    _link_sources(articles, index)
    return index


def defined_acronyms(article: AnalyzedArticle) -> list[Mention]:
    """Mentions of acronyms the article defines ("the Northbridge Centre for Crisis Analysis
    (NCCA)"): the bracketed acronym and its later uses, wherever no mention covers them yet.

    The tagger often misses a bare acronym ("NCCA estimates..."); once the text has defined
    it, every use of the same capitals as a word is that name.
    """
    text = article.text
    covered = [m.span for m in article.mentions]
    out: list[Mention] = []
    seen: set[str] = set()
    for m in article.mentions:
        if m.type not in {"organization", "other", "place"}:
            continue
        match = _DEFINED_ACRONYM.match(text[m.span[1] : m.span[1] + 14])
        if match is None or is_acronym(m.norm) or not _starts_like(match.group(1), m.norm):
            continue
        acronym = match.group(1)
        if acronym in seen or acronym in ACRONYM_BLOCKLIST:
            continue
        seen.add(acronym)
        for use in re.finditer(rf"(?<![\w&]){re.escape(acronym)}(?![\w&])", text):
            span = use.span()
            if any(s <= span[0] and span[1] <= e for s, e in covered):
                continue
            out.append(Mention(span=span, text=acronym, type=m.type, label="acronym", norm=acronym))
    return out


def _unite_acronyms(
    articles: list[AnalyzedArticle],
    recs: list[_Rec],
    by_key: dict[str, list[_Rec]],
    uf: _UnionFind,
) -> None:
    texts = {a.id: a.text for a in articles}
    # defined in the text: "the Institute for the Study of War (ISW)"
    for r in recs:
        after = texts[r.doc][r.mention.span[1] : r.mention.span[1] + 14]
        m = _DEFINED_ACRONYM.match(after)
        # the acronym must start like the name ("Islamic State (ISIS)"), so that a note in
        # brackets after a name ("Smith (AP)") is not read as its acronym
        if m and not is_acronym(r.form) and _starts_like(m.group(1), r.form):
            uf.union(r.key, name_key(m.group(1)))
    # initials of exactly one long name in the corpus
    long_names: dict[str, set[str]] = defaultdict(set)
    for key, rs in by_key.items():
        for r in rs:
            if not is_acronym(r.form) and r.mention.type != "group":
                for ini in initials(r.form):
                    long_names[ini].add(key)
    for key, rs in by_key.items():
        form = rs[0].form.replace(".", "")
        if not is_acronym(form) or form in ACRONYM_BLOCKLIST or len(form) < 3:
            continue
        # the one long name, or the one holding 80% of the records of the long names with
        # those initials ("World Health Organization" over a typo's "World Heath Organization")
        sizes: Counter[str] = Counter()
        for k in long_names.get(form, set()):
            sizes[uf.find(k)] += len(by_key[k])
        if not sizes:
            continue
        best = max(sorted(sizes), key=sizes.__getitem__)
        if sizes[best] >= _DOMINANT * sum(sizes.values()):
            uf.union(key, best)


def _starts_like(acronym: str, name: str) -> bool:
    words = [t for t in tokens(name) if t.lower() not in ACRONYM_STOPWORDS]
    return bool(words) and (
        acronym in initials(name) or (words[0][:1].upper() == acronym[0] and len(words) >= 2)
    )


def _unite_fuzzy(by_key: dict[str, list[_Rec]], key_type: dict[str, str], uf: _UnionFind) -> None:
    blocks: dict[tuple[str, int], list[str]] = defaultdict(list)
    for key, etype in key_type.items():
        if etype in {"person", "place"} and len(key) >= FUZZY_MIN_LENGTH:
            blocks[(key[0], key.count(" "))].append(key)
    for block in blocks.values():
        if len(block) < 2:
            continue
        block.sort()
        for i, key in enumerate(block[:-1]):
            rest = block[i + 1 :]
            for _, score, j in process.extract(
                key, rest, scorer=fuzz.ratio, score_cutoff=FUZZY_RATIO, limit=None
            ):
                other = rest[j]
                if key_type[other] == key_type[key] and score >= FUZZY_RATIO:
                    uf.union(key, other)


def _link_sources(articles: list[AnalyzedArticle], index: EntityIndex) -> None:
    companies = _companies(articles, index)
    done: set[int] = set()  # claims of one sentence may share a Source: link it once
    for art in articles:
        for claim in art.claims:
            for src in [claim.source, *claim.via]:
                if src is not None and id(src) not in done:
                    done.add(id(src))
                    _link_source(art.id, src, index, art.text)
                    if src.kind == "other" and src.entity in companies:
                        src.kind = "company"  # "BP said": a company the corpus knows as one


# what only a company has, said right after its name ("BP's shares", "BP chief executive") or
# before it ("shares in BP", "the oil company BP")
_COMPANY_AFTER = re.compile(
    r"(?:['’]s)?\s+(?:shares?|share price|stock|shareholders|chief executive|ceo|"
    r"quarterly|(?:first|second|third|fourth)[- ]quarter|annual results|profits?)\b",
    re.IGNORECASE,
)
_COMPANY_BEFORE = re.compile(
    r"(?:shares (?:in|of)|the (?:oil |drilling |energy |insurance )?(?:company|firm|giant))\s+\Z",
    re.IGNORECASE,
)


def _companies(articles: list[AnalyzedArticle], index: EntityIndex) -> frozenset[str]:
    """Organisations the texts show to be companies: a legal form among their names ("BP
    Plc") or a company's attribute next to a mention ("BP's shares", "shares in BP")."""
    found = {
        e.id
        for e in index.entities
        if e.type == "organization"
        and any(_legal_form(name.split()[-1]) for name in [e.name, *e.aliases] if " " in name)
    }
    for art in articles:
        for span, eid in index.mention_entities.get(art.id, {}).items():
            entity = index.get(eid)
            if entity is None or entity.type != "organization" or eid in found:
                continue
            if _COMPANY_AFTER.match(art.text, span[1]) or _COMPANY_BEFORE.search(
                art.text[max(0, span[0] - 40) : span[0]]
            ):
                found.add(eid)
    return frozenset(found)


def _person_in(doc: str, span: Span, index: EntityIndex, text: str) -> str | None:
    """The first person mentioned inside ``span``, if any; not one who owns the phrase's head
    ("Putin's spokesman")."""
    links = index.mention_entities.get(doc, {})
    for (start, end), eid in sorted(links.items()):
        if text[end : end + 2] in {"'s", "’s"}:
            continue
        if span[0] <= start and end <= span[1]:
            entity = index.get(eid)
            if entity is not None and entity.type == "person":
                return eid
    return None


_APPOSITION = re.compile(r",|\s+(?:who|which)\b|\s+\(")


def _link_source(doc: str, src: Source, index: EntityIndex, text: str) -> None:
    # the person named before an apposition speaks ("Ann Lee, director of the X Institute"),
    # else one named in it ("A spokesperson for the Southern Forces, Ann Lee", "Putin's
    # spokesman, Ivo Harlow"), else the name before it ("the ministry, which ..."): not the
    # longest name in the source
    cut = _APPOSITION.search(src.text)
    head = (src.span[0], src.span[0] + cut.start()) if cut and cut.start() > 0 else None
    eid = _person_in(doc, head or src.span, index, text)
    if eid is None and head is not None:
        eid = _person_in(doc, (head[1], src.span[1]), index, text)
    if eid is None:
        eid = (index.at(doc, head) if head else None) or index.at(doc, src.span)
    if eid is None:
        # "Jindal, who visited ...": the name before an apposition or a relative clause
        for name in (src.entity, src.text, src.text.split(",")[0].strip()):
            # a name has a capital: "us" or "experts" spell no entity ("US")
            if name and any(ch.isupper() for ch in name):
                eid = index.resolve(name)
                if eid:
                    break
    src.entity = eid
    entity = index.get(eid)
    if src.kind == "other" and entity is not None and entity.type == "person":
        src.kind = "person"  # a surname the article's tagger missed ("Suttles said")
