"""Claims: who says what, through whom, how hedged.

``extract_claims`` reads each sentence of the parsed ``Doc`` for attributions:

* a cue verb (``data/attribution.json``: said, claimed, stated, confirmed, denied...) whose
  subject, or passive agent, is a plausible source; a cue with a passive and no agent ("were
  reported", "was not confirmed") makes a claim whose source is ``None``;
* "according to X" (X is the source; when the sentence already has a cue verb and the phrase
  closes the sentence, X is a relay: "Zelensky's office said ..., according to REL");
* relays (``via``, outermost first): "in an interview with Reuters, Zelensky stated",
  "Zelensky told Reuters", "Reuters, citing the Russian Defense Ministry, said"; chains of
  cite verbs right after a source, an "according to X" or the cue ("according to MNA, citing
  the health department", "Interfax, citing TASS, quoting the ministry, said", "the agency
  said, citing police sources, that") make the last party cited the source and the others
  relays. A cite verb after the content gives a reason, not a relay ("..., citing losses").

A document source ("a statement released by the Ministry", "the statement from Zelensky's
office") is read as its author. Sources carry over where the text does so: "he"/"she" is the
last person source, "the statement"/"the Ministry" the last source with that head word.
Source kinds come from the registry ``data/source_kinds.json``.

Every figure ends up in a claim: a sentence with figures but no attribution gets one claim
with source ``None``. Hedges are inline ("reportedly") or paragraph-level ("Battlefield
reports cannot be independently verified.", kept whole). Status: ``disputed`` for denials or
when another source in the article gives an incompatible figure for the same measure,
``confirmed`` for an affirmative "confirmed", ``unconfirmed`` for hedged claims, negated
confirmations and the claims of a party (``party_*`` sources), else ``None``.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from sitrep.checkworthy import score_texts
from sitrep.figures import load_data, lower_tokens
from sitrep.model import Claim, Cue, Figure, Mention, Source, Span

if TYPE_CHECKING:
    from sitrep.config import Config
    from sitrep.pipeline import Work

log = logging.getLogger(__name__)

_SUBJ = {"nsubj", "nsubjpass"}
_UP = {"conj", "advcl", "xcomp", "ccomp", "relcl", "acl"}


@dataclass(slots=True)
class _Lex:
    cues: frozenset[str]
    weak: frozenset[str]
    deny: frozenset[str]
    confirm: frozenset[str]
    claim: frozenset[str]
    according: list[list[str]]
    cite: frozenset[str]
    relays: list[list[str]]
    documents: frozenset[str]
    source_heads: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    bad_subjects: frozenset[str]
    generic_sources: frozenset[str]  # "you might think": nobody in particular says it
    inline_hedges: list[str]
    inline_hedge_res: list[tuple[str, re.Pattern[str]]]  # each hedge as a whole-word regex
    paragraph_hedges: list[str]
    kind_rules: list[tuple[str, re.Pattern[str], bool]]  # kind, pattern, case-sensitive
    party_words: dict[str, str]
    party_official_kind: str


@cache
def _lex() -> _Lex:
    att = load_data("attribution.json")
    hedges = load_data("hedges.json")
    kinds = load_data("source_kinds.json")
    return _Lex(
        cues=frozenset(att["cue_verbs"]),
        weak=frozenset(att["weak_cue_verbs"]),
        deny=frozenset(att["deny_verbs"]),
        confirm=frozenset(att["confirm_verbs"]),
        claim=frozenset(att["claim_verbs"]),
        according=att["according_to"],
        cite=frozenset(att["cite_verbs"]),
        relays=att["relay_phrases"],
        documents=frozenset(att["document_nouns"]),
        source_heads=frozenset(att["source_heads"]),
        person_pronouns=frozenset(att["person_pronouns"]),
        group_pronouns=frozenset(att["group_pronouns"]),
        bad_subjects=frozenset(att["bad_subjects"]),
        generic_sources=frozenset(att["generic_sources"]),
        inline_hedges=sorted(hedges["inline"], key=len, reverse=True),
        inline_hedge_res=[
            (h, re.compile(rf"\b{re.escape(h)}\b"))
            for h in sorted(hedges["inline"], key=len, reverse=True)
        ],
        paragraph_hedges=hedges["paragraph"],
        kind_rules=[
            (r["kind"], re.compile(r["pattern"]), bool(r.get("case_sensitive")))
            for r in kinds["rules"]
        ],
        party_words=party_words(),
        party_official_kind=kinds["party_official_kind"],
    )


@cache
def party_words() -> dict[str, str]:
    """Lowercase word or phrase -> canonical party ("kyiv" -> "Ukraine"), from parties.json."""
    table: dict[str, list[str]] = load_data("parties.json")["parties"]
    return {word: party for party, words in table.items() for word in words}


def source_kind(text: str, mention_type: str | None = None, *, apposition: str = "") -> str:
    """The registry kind of a source text ("the Russian Defense Ministry" -> party_military).

    ``apposition`` is extra text describing the source ("the head of Ukraine's presidential
    office"); it can match a rule but does not stop a bare country name being a party.
    """
    lex = _lex()
    bare = re.sub(r"^(the|both|either)\s+", "", text.lower().replace("’", "'")).strip()
    written = f"{text} {apposition}".replace("’", "'")
    low = written.lower()
    for kind, pattern, cased in lex.kind_rules:
        if pattern.search(written if cased else low):
            if kind == "official" and _has_party(low, lex):
                return lex.party_official_kind
            if kind == "company" and mention_type == "person":
                return "person"  # "Ann Velko, a partner at the law firm": she speaks
            return kind
    if mention_type == "person":
        return "person"
    if bare in lex.party_words or bare in _country_names():
        return "party_government"  # "Moscow said", "Mexico said": a government speaks
    return "other"


@cache
def _country_names() -> frozenset[str]:
    """Lowercase names of every country (the gazetteer's): each is a party to its own story."""
    from sitrep import gazetteer

    return frozenset(place.name.lower() for place in gazetteer.of_kind("country"))


def _has_party(low: str, lex: _Lex) -> bool:
    words = re.findall(r"[a-z.'’-]+", low)
    return any(w in lex.party_words for w in words)


# ---- spans ------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    sent: Any
    cue: Any | None  # spaCy Token or Span
    source_tokens: tuple[int, int] | None  # token range
    content: tuple[int, int]  # token range
    via: list[tuple[int, int]] = field(default_factory=list)
    doc_source: bool = False  # the source is a document ("the statement")
    negated: bool = False
    order: int = 0


def _subtree_range(tok: Any) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _np_range(tok: Any) -> tuple[int, int]:
    """A noun phrase without its relative clauses, appositions and trailing punctuation."""
    left = tok.left_edge.i
    right = tok.i + 1
    for child in tok.rights:
        if child.dep_ in {"relcl", "appos", "punct", "acl", "cc", "conj", "advcl"}:
            break
        right = child.right_edge.i + 1
    for child in tok.lefts:
        if child.dep_ in {"punct", "preconj"}:
            left = child.i + 1
    while left < tok.i and tok.doc[left].lower_ in {"both", "either", "neither"}:
        left += 1
    for k in range(tok.i - 1, left - 1, -1):
        if "\n" in tok.doc[k].text:  # a noun phrase never spans a line break
            left = k + 1
            break
    return left, right


def _trim(doc: Any, start: int, end: int) -> tuple[int, int]:
    junk = {"that", ",", "“", "”", '"', "'", ".", ":", ";", "—", "-", "–", "and", "but"}
    while start < end and (doc[start].lower_ in junk or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].lower_ in junk or doc[end - 1].is_space):
        end -= 1
    return start, end


def _text(doc: Any) -> str:
    """``doc.text``, built once: spaCy joins every token on each access (O(n) a call)."""
    text: str | None = doc.user_data.get("sitrep_text")
    if text is None:
        text = doc.user_data["sitrep_text"] = doc.text
    return text


def _span_text(doc: Any, span: Any) -> str:
    """``span.text`` (a sentence's), cut from the cached ``doc.text``: spaCy joins its tokens."""
    return _text(doc)[span.start_char : span.end_char]


def _chars(doc: Any, rng: tuple[int, int]) -> tuple[int, int]:
    s, e = rng
    if e <= s:
        at = doc[s].idx if s < len(doc) else len(_text(doc))
        return at, at
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)


# ---- finding attributions ---------------------------------------------------------------------


def _subject(verb: Any) -> tuple[Any | None, bool]:
    """The subject of a cue verb (walking up conj/advcl/xcomp chains); (token, passive)."""
    tok = verb
    for step in range(4):
        if step > 0:
            shared = next((c for c in tok.children if c.dep_ in _SUBJ), None)
            if shared is not None:
                return shared, False
        passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)
        if passive and step == 0:
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                return pobj, False
            return None, True
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            if subj.lower_ in {"who", "which", "that"} and tok.dep_ == "relcl":
                return tok.head, False
            return subj, False
        if tok.dep_ in {"conj", "advcl", "xcomp"} and tok.head.i != tok.i:
            tok = tok.head
            continue
        break
    return _apposed_speaker(verb), False


def _speaker_range(tok: Any) -> tuple[int, int]:
    """A source's tokens: its noun phrase, or, for a speaker the parse hung on the content as
    an apposition, the whole apposition ("the regional governor, Ivo Harlow")."""
    if tok.dep_ != "appos":
        return _np_range(tok)
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    while end > start + 1 and tok.doc[end - 1].is_punct:
        end -= 1
    return start, end


def _apposed_speaker(verb: Any) -> Any | None:
    """The speaker the parse hung on the content's last noun: in "... a strike on Odesa, the
    regional governor, Ivo Harlow, said." "governor" is an apposition of "Odesa" and "said"
    has no subject. The highest apposition of the chain that ends right before ", said"."""
    doc = verb.doc
    i = verb.i
    if i < 2 or doc[i - 1].text != "," or verb.sent.end - i > 3:
        return None  # only a cue that closes its sentence: ", X, said."
    tok = doc[i - 2]
    if tok.dep_ != "appos":
        tok = tok.head if tok.head.dep_ == "appos" and tok.head.i < i else tok
    if tok.dep_ != "appos":
        return None
    while tok.head.dep_ == "appos" and tok.head.i < tok.i:
        tok = tok.head
    return tok


def _plausible_source(tok: Any, mentions_at: set[int], lex: _Lex) -> bool:
    low = tok.lower_
    if low in lex.bad_subjects or tok.like_num or tok.ent_type_ in {"DATE", "TIME"}:
        return False
    if low in lex.person_pronouns or low in {"they", "we", "i"}:
        return True
    if tok.pos_ == "PROPN" or tok.i in mentions_at:
        return True
    if low in lex.source_heads or low in lex.party_words:
        return True
    return any(
        t.i in mentions_at and t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} for t in tok.subtree
    )


def _content_of(doc: Any, verb: Any, sent: Any, src: tuple[int, int] | None) -> tuple[int, int]:
    if (
        verb.dep_ in {"relcl", "acl", "appos", "conj"}
        and src is not None
        and src[0] > sent.start
        and doc[src[0] - 1].text == ","
        and src[1] <= verb.i
    ):
        # "X captured Y, the ministry said on Monday": the parse hung "said" on Y; what was
        # said runs from the sentence start to the comma before the speaker
        return _trim(doc, sent.start, src[0] - 1)
    # a "relative clause" with no relative word in it is a misparse ("news agency TASS
    # reported, citing X, that ..."): its content follows the cue
    relative = (
        verb.dep_ != "relcl"
        or any(c.lower_ in {"who", "whom", "which", "that"} for c in verb.children)
        or not any(c.dep_ == "nsubj" for c in verb.children)
    )
    if verb.dep_ == "relcl" and verb.head.i < verb.i and relative:
        return _trim(doc, *_np_range(verb.head))  # "a counteroffensive that has been reported by"
    parts = [
        _subtree_range(c)
        for c in verb.children
        if c.dep_ in {"ccomp", "xcomp", "dobj", "parataxis", "attr", "oprd"}
        and not (src and src[0] <= c.i < src[1])
    ]
    if parts:
        start, end = min(p[0] for p in parts), max(p[1] for p in parts)
        if start > verb.i:
            end = sent.end  # the statement runs to the end of the sentence
        return _trim(doc, start, end)
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is not None:
        return _trim(doc, *_subtree_range(subj))  # "a new offensive was not confirmed"
    if src is not None and src[0] > verb.i:
        return _trim(doc, sent.start, src[0])
    return _trim(doc, verb.i + 1, sent.end)


def _has_clause(verb: Any) -> bool:
    return any(c.dep_ in {"ccomp", "xcomp", "parataxis", "oprd"} for c in verb.children)


def _document_author(tok: Any, lex: _Lex) -> Any | None:
    """For a document noun ("a statement released by X", "the statement from X", "X's
    statement"), the author's head token; None when the document has no named author."""
    for child in tok.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ in {"prep"} and child.lower_ in {"from", "by"}:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        if child.dep_ == "acl":
            for grand in child.children:
                if grand.dep_ == "agent":
                    pobj = next((c for c in grand.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return pobj
    return None


_Phrase = tuple[tuple[int, int], Any, list[tuple[int, int]]]


def _according(doc: Any, sent: Any, lex: _Lex) -> list[_Phrase]:
    """ "according to X" phrases: (phrase token range, head of X, relay chain after X).

    The range covers the chain: "according to MNA, citing the health department" is one
    phrase whose source is the health department, relayed by MNA.
    """
    found: list[_Phrase] = []
    low = lower_tokens(doc)[sent.start : sent.end]  # one Token per word, not one per pattern step
    firsts = {seq[0] for seq in lex.according}
    for i in range(sent.start, sent.end):
        if low[i - sent.start] not in firsts:
            continue
        for seq in lex.according:
            n = len(seq)
            at = i - sent.start
            if i + n < sent.end and low[at : at + n] == seq:
                if seq == ["per"] and doc[i + 1].pos_ not in {"PROPN", "DET"}:
                    continue
                last = doc[i + n - 1]
                pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
                if pobj is None:
                    pobj = doc[i + n] if doc[i + n].pos_ in {"PROPN", "NOUN"} else None
                    if pobj is None:
                        nxt = i + n
                        while nxt < sent.end and doc[nxt].pos_ in {"DET", "ADJ", "PROPN", "PART"}:
                            nxt += 1
                        pobj = doc[nxt] if nxt < sent.end and doc[nxt].pos_ == "NOUN" else None
                if pobj is None:
                    continue
                end = pobj.right_edge.i + 1
                chain, chain_end = _cite_chain(doc, sent, end, lex)
                found.append(((i, chain_end if chain else end), pobj, chain))
    return found


def _cite_chain(doc: Any, sent: Any, after: int, lex: _Lex) -> tuple[list[tuple[int, int]], int]:
    """Relay chains: the noun phrases of ", citing X, quoting Y" right after token ``after - 1``.

    Returns the cited phrases in order (each one the source of the one before) and the token
    index where the chain ends (``after`` when there is none). Only a cite verb that follows
    the source or cue directly (a comma between) counts: "the ministry said the army withdrew,
    citing heavy losses" gives a reason, not a relay, because the cite verb follows the content.
    """
    chain: list[tuple[int, int]] = []
    k = after
    end = after
    while True:
        while k < sent.end and doc[k].text in {",", "—", "–", "("}:
            k += 1
        if k >= sent.end or doc[k].lemma_.lower() not in lex.cite or doc[k].tag_ != "VBG":
            break
        obj = next((c for c in doc[k].children if c.dep_ == "dobj"), None)
        if obj is None:  # the parser may hang the object elsewhere: take the next noun phrase
            j = k + 1
            while j < sent.end and doc[j].pos_ in {"DET", "ADJ", "PROPN", "NOUN", "NUM", "PART"}:
                j += 1
            if j == k + 1:
                break
            rng = (k + 1, j)
        else:
            rng = _np_range(obj)
            if rng[0] <= k:
                break
            nxt = doc[rng[1]] if rng[1] < sent.end else None
            if nxt is not None and nxt.dep_ == "prep" and nxt.head.i == k:
                rng = (rng[0], nxt.right_edge.i + 1)  # "quoting a source in the ministry"
        chain.append(rng)
        k = end = rng[1]
    return chain, end


def _relays(doc: Any, sent: Any, verb: Any, lex: _Lex) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    low = lower_tokens(doc)[sent.start : sent.end]
    firsts = {seq[0] for seq in lex.relays}
    for i in range(sent.start, sent.end):
        if low[i - sent.start] not in firsts:
            continue
        for seq in lex.relays:
            n = len(seq)
            at = i - sent.start
            if i + n < sent.end and low[at : at + n] == seq:
                if seq == ["told"]:
                    if i != verb.i:
                        continue
                    obj = next((c for c in verb.children if c.dep_ in {"dobj", "dative"}), None)
                    if obj is not None and obj.pos_ == "PROPN":
                        out.append(_np_range(obj))
                    continue
                k = i + n
                while k < sent.end and doc[k].pos_ in {"DET", "ADJ", "PROPN", "NOUN", "PUNCT"}:
                    if doc[k].pos_ == "PUNCT" and doc[k].text in {",", ".", ";", ":"}:
                        break
                    k += 1
                if k > i + n:
                    out.append((i + n, k))
    return out


def _entity(
    doc: Any, rng: tuple[int, int], mentions: list[Mention], head: Any = None
) -> tuple[str | None, str | None]:
    s, e = _chars(doc, rng)
    if head is not None:
        s, e = head.idx, head.idx + len(head.text)
        mentions = [m for m in mentions if m.span[0] <= s and e <= m.span[1]]
        s, e = min([s, *(m.span[0] for m in mentions)]), max([e, *(m.span[1] for m in mentions)])
    best: Mention | None = None
    for m in mentions:
        fits = m.span[0] >= s and m.span[1] <= e
        if fits and m.type in {"person", "organization", "place", "group"}:  # noqa: SIM102
            if best is None or m.span[1] - m.span[0] > best.span[1] - best.span[0]:
                best = m
    if best is None:
        return None, None
    return best.norm, best.type


# ---- the extractor ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Memory:
    """What earlier sentences said about sources, for "he", "the statement", "the Ministry"."""

    sources: list[Source] = field(default_factory=list)
    person: Source | None = None
    kind_by_key: dict[str, str] = field(default_factory=dict)
    checkworthy: dict[int, float] = field(default_factory=dict)  # sentence start -> score


def _resolve(  # noqa: PLR0917 - one call shape, read at every call site
    doc: Any,
    rng: tuple[int, int],
    head: Any,
    mentions: list[Mention],
    mem: _Memory,
    lex: _Lex,
    *,
    is_document: bool,
) -> Source:
    s, e = _chars(doc, rng)
    text = _text(doc)[s:e]
    low = head.lower_
    if low in _RELATIVE and head.head.dep_ == "relcl" and head.head.head.i != head.i:
        # "Ms Velko, who described ...": who is the noun the clause hangs on
        ante = head.head.head
        found = _resolve(
            doc, (ante.left_edge.i, ante.i + 1), ante, mentions, mem, lex, is_document=False
        )
        return Source(text=text, span=(s, e), kind=found.kind, entity=found.entity)

    def earlier() -> list[Source]:
        """The sources named before this one (the tagger's pass comes after every sentence's)."""
        return sorted((x for x in mem.sources if x.span[1] <= s), key=lambda x: x.span[0])

    if low in lex.person_pronouns:
        named = _last_person(doc, s, mentions, mem, earlier())
        if named is not None:
            return Source(text=text, span=(s, e), kind=named[1], entity=named[0])
    if low in lex.group_pronouns and e - s <= 4:
        prev_group = next((x for x in reversed(earlier()) if x.kind != "person"), None)
        if prev_group is not None:
            return Source(text=text, span=(s, e), kind=prev_group.kind, entity=prev_group.entity)
    entity, mtype = _entity(doc, rng, mentions, head)
    if mtype is None and head.ent_type_ == "PERSON":
        mtype = "person"
    apposition = " ".join(c.text for c in head.children if c.dep_ == "appos" for c in c.subtree)
    kind = source_kind(text, mtype, apposition=apposition)
    definite = doc[rng[0]].lower_ in {"the", "this", "that"} and entity is None
    before = earlier() if is_document or (definite and low.isalpha()) else []
    if before:
        # "the ministry" is the ministry named before (a whole word: a head the parse got
        # wrong, "'s", is no name)
        word = re.compile(rf"\b{re.escape(low)}\b")
        prev_src = next(
            (x for x in reversed(before) if is_document or word.search(x.text.lower())),
            None,
        )
        if prev_src is not None:
            return Source(text=text, span=(s, e), kind=prev_src.kind, entity=prev_src.entity)
    key = (entity or head.text).split()[-1].lower()
    if kind in {"person", "other"} and key in mem.kind_by_key:
        kind = mem.kind_by_key[key]
    elif kind not in {"other", "person"} and (mtype == "person" or head.pos_ == "PROPN"):
        mem.kind_by_key[key] = kind
    return Source(text=text, span=(s, e), kind=kind, entity=entity)


def _last_person(
    doc: Any, before: int, mentions: list[Mention], mem: _Memory, earlier: list[Source]
) -> tuple[str | None, str] | None:
    """The person a "he"/"she" at ``before`` refers to: the last person mention or source,
    or, when that one is no subject, the person who was the subject a sentence before ("Ann
    met commander Lee. She said": Ann)."""
    named = [m for m in mentions if m.type == "person" and m.span[1] <= before]
    last = max(named, key=lambda m: m.span[0]) if named else None
    person = mem.person if mem.person is not None and mem.person.span[1] <= before else None
    if last is not None and not _is_subject(doc, last.span):
        subject = _previous_subject(doc, before, named)
        # a source is a subject too, when it names a person of the article ("Zelenskiy
        # discussed ... with commander Syrskyi ... He highlighted": Zelenskiy)
        surnames = {m.norm.split()[-1].lower() for m in mentions if m.type == "person" and m.norm}
        spoke = [
            x
            for x in earlier
            if x.text.split()
            and x.text.split()[-1].lower() in surnames
            and _in_previous_sentences(doc, before, x.span)
        ]
        if spoke and (subject is None or spoke[-1].span[0] > subject.span[0]):
            return spoke[-1].entity or spoke[-1].text, spoke[-1].kind
        if subject is not None:
            last = subject
    if person is not None and (
        last is None
        or person.span[0] >= last.span[0]
        or _inside_phrase(doc, person.span, last.span)  # "Ann Lee, the mayor of X, said"
    ):
        # the antecedent's name when no mention was found for it: linking resolves the name
        # ("Zelensky stated ... He also noted": "He" is Zelensky's entity, not none)
        return person.entity or person.text, person.kind
    if last is None:
        return None
    key = last.norm.split()[-1].lower()
    if key in mem.kind_by_key:
        return last.norm, mem.kind_by_key[key]
    span = doc.char_span(last.span[0], last.span[1], alignment_mode="expand")
    titled = doc[span.root.left_edge.i : span.end].text if span is not None else last.text
    kind = source_kind(titled, "person")
    return last.norm, kind


def _is_subject(doc: Any, span: Span) -> bool:
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return found is not None and found.root.dep_ in {"nsubj", "nsubjpass"}


def _in_previous_sentences(doc: Any, at: int, span: Span) -> bool:
    """Whether ``span`` lies in the sentence of ``at`` or the one before it."""
    here = doc.char_span(at, at + 1, alignment_mode="expand")
    if here is None:
        return False
    sent = here[0].sent
    start: int = doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    return start <= span[0] < at


def _previous_subject(doc: Any, at: int, named: list[Mention]) -> Mention | None:
    """The last person mention that is a subject, in the sentence of ``at`` or the one before."""
    subjects = [
        m for m in named if _in_previous_sentences(doc, at, m.span) and _is_subject(doc, m.span)
    ]
    return max(subjects, key=lambda m: m.span[0]) if subjects else None


def _inside_phrase(doc: Any, head_span: Span, span: Span) -> bool:
    """Whether ``span`` lies in the noun phrase headed at ``head_span`` (an apposition)."""
    head = doc.char_span(head_span[0], head_span[1], alignment_mode="expand")
    if head is None:
        return False
    right = head.root.right_edge
    return head_span[1] <= span[0] and span[1] <= right.idx + len(right.text)


def _remember(src: Source, mtype_person: bool, mem: _Memory) -> None:
    mem.sources.append(src)
    if mtype_person or src.kind == "person":
        mem.person = src


def extract_claims(
    doc: Any,
    mentions: list[Mention],
    figures: list[Figure],
    *,
    doc_id: str,
    tagger: bool = True,
    contextual: bool = False,
) -> tuple[list[Claim], list[Figure]]:
    """Claims of one parsed article, and its figures linked to them (``Figure.claim``).

    Args:
        doc: spaCy ``Doc`` of the cleaned text.
        mentions: entity mentions (spans into the same text); used for ``Source.entity``.
        figures: the figures of the article (from ``sitrep.figures``); returned as copies with
            ``claim`` set.
        doc_id: the article id, for claim ids ``{doc_id}:c1``...
        tagger: merge the attributions of the trained tagger (``sitrep.attribution_model``)
            with the rules' (``_tagger_claims``): its spans, the attributions the rules miss,
            and rule claims it does not confirm only on evidence of their own.
        contextual: the tagger mixes in the fine-tuned transformer
            (``sitrep.attribution_contextual``; the ``contextual`` extra).

    Example:
        "Russia claimed that Ukrainian forces lost more than 200 soldiers." gives one claim,
        source "Russia" (party_government), cue "claimed", status unconfirmed.
    """
    lex = _lex()
    mem = _Memory()
    sents = list(doc.sents)
    # one model call per article, not per claim (~3 ms a call)
    scores = score_texts([_span_text(doc, x) for x in sents])
    mem.checkworthy = dict(zip([x.start_char for x in sents], scores, strict=True))
    mention_tokens: set[int] = set()
    for m in mentions:
        span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
        if span is not None:
            mention_tokens.update(range(span.start, span.end))
    person_spans = [m.span for m in mentions if m.type == "person"]
    claims: list[Claim] = []
    for sent in sents:
        claims.extend(_sentence_claims(doc, sent, mentions, mention_tokens, person_spans, mem, lex))
    if tagger:
        claims = _tagger_claims(doc, claims, mentions, mem, lex, contextual=contextual)
    for claim in claims:
        src = claim.source
        c0, c1 = claim.content_span
        if src is not None and c0 < src.span[0] and src.span[1] <= c1:
            # "... on Odesa, the governor, Ivo Harlow, said": the speaker is no part of it
            claim.content_span = (c0, c0 + len(doc.text[c0 : src.span[0]].rstrip(" ,;:—–-")))
    claims = _past_datelines(doc.text, claims)
    claims = _add_unattributed(doc, claims, figures, mem.checkworthy)
    claims.sort(key=lambda c: (c.sentence[0], c.cue.span[0] if c.cue else c.content_span[0]))
    for n, claim in enumerate(claims, start=1):
        claim.id = f"{doc_id}:c{n}"
    for claim in claims:  # a title seen later still says who a bare name is
        for src in [claim.source, *claim.via]:
            if src is not None and src.kind in {"person", "other"}:
                key = (src.entity or src.text).split()[-1].lower()
                src.kind = mem.kind_by_key.get(key, src.kind)
    _paragraph_hedges(doc, claims, lex)
    linked = _link_figures(claims, figures)
    _disputes(doc, claims, linked)
    for claim in claims:
        claim.status = _status(claim, claim.status)
    log.debug("%s: %d claims", doc_id, len(claims))
    return claims, linked


def _sentence_claims(  # noqa: PLR0917 - private; the article state travels together
    doc: Any,
    sent: Any,
    mentions: list[Mention],
    mention_tokens: set[int],
    person_spans: list[tuple[int, int]],
    mem: _Memory,
    lex: _Lex,
) -> list[Claim]:
    out: list[Claim] = []
    sent_span = (sent.start_char, sent.end_char)
    hedges = _inline_hedges(_span_text(doc, sent), lex)
    according = _according(doc, sent, lex)
    used_according: set[int] = set()
    verb_claims: list[tuple[Claim, Any]] = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if lemma not in lex.cues or tok.pos_ not in {"VERB", "AUX"}:
            continue
        if tok.dep_ in {"amod", "compound"}:
            continue
        if lemma in lex.weak and not _has_clause(tok):
            continue
        subj, passive = _subject(tok)
        negated = any(c.dep_ == "neg" for c in tok.children)
        if subj is None and (not passive or lemma in lex.weak):
            continue
        if subj is not None and not _plausible_source(subj, mention_tokens, lex):
            # any noun may speak when it takes a clause: "Organisers said 900 were detained"
            nominal = subj.pos_ == "NOUN" and lemma not in lex.weak and _has_clause(tok)
            if not (subj.lower_ in lex.documents or nominal):
                continue
        sources: list[Source] = []
        vias: list[Source] = []
        src_range: tuple[int, int] | None = None
        if subj is not None:
            heads = [subj, *[c for c in subj.conjuncts if c.i > subj.i]]
            for head in heads:
                author = _document_author(head, lex) if head.lower_ in lex.documents else None
                target = author if author is not None else head
                rng = _speaker_range(target)
                if head.i == subj.i:
                    src_range = _speaker_range(subj)
                src = _resolve(
                    doc,
                    rng,
                    target,
                    mentions,
                    mem,
                    lex,
                    is_document=head.lower_ in lex.documents and author is None,
                )
                sources.append(src)
            # "Reuters, citing the ministry, said" / "the agency said, citing police sources,":
            # the last party cited is the source; the others relay, outermost first.
            chain, _ = _cite_chain(doc, sent, src_range[1], lex) if src_range else ([], 0)
            cue_chain, cue_chain_end = _cite_chain(doc, sent, tok.i + 1, lex)
            chain = chain or cue_chain
            if chain:
                cited = [
                    _resolve(
                        doc, rng, doc[_head_of(doc, rng)], mentions, mem, lex, is_document=False
                    )
                    for rng in chain
                ]
                vias = [*sources, *cited[:-1]]
                sources = [cited[-1]]
        else:
            cue_chain, cue_chain_end = [], 0
        for rng in _relays(doc, sent, tok, lex):
            v_entity, v_type = _entity(doc, rng, mentions)
            s, e = _chars(doc, rng)
            vias.append(
                Source(
                    text=_text(doc)[s:e],
                    span=(s, e),
                    kind=source_kind(_text(doc)[s:e], v_type),
                    entity=v_entity,
                )
            )
        content = _content_of(doc, tok, sent, src_range)
        if cue_chain and content[0] <= cue_chain_end <= content[1]:
            content = _trim(doc, cue_chain_end, content[1])  # "said, citing X, that ..."
        # a closing "according to X" after a cue verb is a relay of the whole statement
        for n, (rng, head, chain) in enumerate(according):
            if rng[0] > tok.i and _only_punct_after(doc, rng[1], sent.end) and sources:
                used_according.add(n)
                author = _document_author(head, lex) if head.lower_ in lex.documents else head
                relay = _resolve(
                    doc,
                    _np_range(author or head),
                    author or head,
                    mentions,
                    mem,
                    lex,
                    is_document=False,
                )
                cited = [
                    _resolve(doc, r, doc[_head_of(doc, r)], mentions, mem, lex, is_document=False)
                    for r in chain
                ]
                vias[:0] = [relay, *cited]
                content = (content[0], min(content[1], rng[0]))
                content = _trim(doc, *content)
        cue = Cue(text=tok.text, span=(tok.idx, tok.idx + len(tok.text)))
        polarity = "denied" if lemma in lex.deny and not negated else "asserted"
        status = _initial_status(lemma, negated, polarity, lex)
        speakers: list[Source | None] = [*sources] if sources else [None]
        for speaker in speakers:
            claim = Claim(
                id="",
                sentence=sent_span,
                content_span=_chars(doc, content),
                source=speaker,
                via=list(vias),
                cue=cue,
                hedges=list(hedges),
                polarity=polarity,
                status=status,
                checkworthiness=mem.checkworthy.get(sent.start_char, 0.0),
            )
            verb_claims.append((claim, tok))
    for n, (rng, head, chain) in enumerate(according):
        if n in used_according:
            continue
        is_doc = head.lower_ in lex.documents
        author = _document_author(head, lex) if is_doc else None
        target = author if author is not None else head
        src = _resolve(
            doc,
            _np_range(target),
            target,
            mentions,
            mem,
            lex,
            is_document=is_doc and author is None,
        )
        if chain:  # "according to MNA, citing the health department": MNA relays
            cited = [
                _resolve(doc, r, doc[_head_of(doc, r)], mentions, mem, lex, is_document=False)
                for r in chain
            ]
            via = [src, *cited[:-1]]
            src = cited[-1]
        else:
            via = []
        content = _according_content(doc, sent, rng)
        s, e = _chars(doc, (rng[0], rng[0] + (3 if doc[rng[0] + 1].lower_ == "reported" else 2)))
        if doc[rng[0]].lower_ == "per":
            s, e = _chars(doc, (rng[0], rng[0] + 1))
        claim = Claim(
            id="",
            sentence=sent_span,
            content_span=_chars(doc, content),
            source=src,
            via=via,
            cue=Cue(text=_text(doc)[s:e], span=(s, e)),
            hedges=list(hedges),
            checkworthiness=mem.checkworthy.get(sent.start_char, 0.0),
        )
        out.append(claim)
        _remember(src, _overlaps(src.span, person_spans), mem)
    for claim, _tok in verb_claims:
        out.append(claim)
        if claim.source is not None:
            _remember(claim.source, _overlaps(claim.source.span, person_spans), mem)
    return out


def _tagger_claims(
    doc: Any,
    claims: list[Claim],
    mentions: list[Mention],
    mem: _Memory,
    lex: _Lex,
    *,
    contextual: bool = False,
) -> list[Claim]:
    """Merge the trained tagger's attributions (``sitrep.attribution_model``) with the rules'.

    Returns the merged claims; the rules' claims are updated in place (round 3 of the merge,
    bench/RESULTS.md: on PolNeAR dev at or above the tagger alone on every role):

    * a rule claim whose cue the tagger also tagged takes the tagger's cue and content spans,
      and its source span when both found one (``_merged_source``); relays, polarity, status
      and hedges stay the rules', and a relay chain keeps the rules' source ("Reuters, citing
      the ministry, said": the ministry, via Reuters), conjoined speakers theirs ("Kyiv and
      Moscow deny": a claim and an entity each; the PolNeAR scorer joins them). A quote its
      cue splits gives one claim per piece (pieces under three words that are not quoted are
      left out: "It was revealed that ..." is one claim).
    * a rule claim whose cue the tagger did not tag stays only on evidence of its own
      (``_vouched``); on PolNeAR dev 9 in 10 of the others are not attributions (a "say"
      inside a quote, "what she calls", "tell more jokes").
    * a tagged attribution whose cue no kept claim has becomes a claim of its own unless a
      kept claim, with the tagger's spans taken, already reads it (its source or relays cover
      the tagged cue or content, or its content overlaps the tagged content in the same
      sentence: mostly nested events, "he said, the campaign decided to ..."). With no
      tagged source, the rules' subject of the cue speaks ("Trump spoke ..., promising to
      lift"); with none, only a lexicon cue makes a claim ("is believed to"; not "aimed to
      defend"). With no tagged content, the rules read the cue's clause ("cautioned ... that
      ..."), if any.
    """
    from sitrep.attribution_model import group_attributions, tag_attributions

    tagged_all = group_attributions(doc, tag_attributions(doc, contextual=contextual))
    tag_cues = [cue for _, cue, _ in tagged_all]
    confirmed = [c for c in claims if c.cue is not None and _overlaps(c.cue.span, tag_cues)]
    # an attribution nested in a confirmed claim's or a tagged content: no evidence
    outer = [c.content_span for c in confirmed] + [x for _, _, xs in tagged_all for x in xs]
    kept = [
        c
        for c in claims
        if c.cue is None
        or any(c is x for x in confirmed)
        or (_vouched(c, lex) and not _overlaps(c.cue.span, outer))
    ]
    mention_tokens: set[int] = set()
    for m in mentions:
        span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
        if span is not None:
            mention_tokens.update(range(span.start, span.end))
    out: list[Claim] = []
    pending: list[_Tagged] = []
    for src, cue_span, tagged in tagged_all:
        one = _read_tagged(doc, src, cue_span, tagged, mentions, mem, lex)
        if one is None:
            continue
        same = [c for c in kept if c.cue is not None and _overlaps(cue_span, [c.cue.span])]
        # conjoined speakers ("bloggers and the ministry reported"): one claim and one
        # entity each, as the rules read them (the scorer joins them into one source span)
        speakers = {c.source.span for c in same if c.source is not None}
        for claim in same:
            claim.cue = one.cue
            if one.content is not None:
                claim.content_span = one.content
            single = not claim.via and len(speakers) < 2  # a relay chain: the rules' source
            if single and claim.source is not None and one.source is not None:
                claim.source = _merged_source(claim.source, one.source)
            out.extend(
                dataclasses.replace(
                    claim, content_span=part, via=list(claim.via), hedges=list(claim.hedges)
                )
                for part in one.rest
            )
        if not same:
            pending.append(one)
    # what the kept claims read once they took the tagger's spans: "Kerry said the US would
    # act, and he urged ..." -- "said" no longer reads the "urged" clause
    taken = [s.span for c in kept for s in [c.source, *c.via] if s is not None]
    covered = {c.sentence for c in kept}
    read = [c.content_span for c in kept if c.cue is not None]
    for one in pending:
        if _overlaps(one.cue.span, taken):
            continue  # the rules read this attribution: their relays and carried sources stand
        new = _tagged_claim(doc, one, mentions, mention_tokens, mem, lex)
        if new is None or _overlaps(new.content_span, taken):
            continue
        if new.sentence in covered and _overlaps(new.content_span, read):
            continue  # a nested event: "he said, the campaign decided to ..."
        out.append(new)
        out.extend(
            dataclasses.replace(new, content_span=part, hedges=list(new.hedges))
            for part in one.rest
        )
    return [*kept, *out]


@dataclass(slots=True)
class _Tagged:
    """One tagged attribution, read: its cue, source (read by the rules) and contents."""

    cue: Cue
    root: Any  # the cue's syntactic head
    source: Source | None
    src_rng: tuple[int, int] | None  # token range of the source
    content: tuple[int, int] | None  # the nearest content, without "that"
    rest: list[tuple[int, int]]  # the further pieces that make claims (``_pieces``)


def _read_tagged(  # noqa: PLR0917 - private; one call site
    doc: Any,
    src: tuple[int, int] | None,
    cue_span: tuple[int, int],
    tagged: list[tuple[int, int]],
    mentions: list[Mention],
    mem: _Memory,
    lex: _Lex,
) -> _Tagged | None:
    text = _text(doc)
    cue_toks = doc.char_span(cue_span[0], cue_span[1], alignment_mode="expand")
    if cue_toks is None or not len(cue_toks):
        return None
    source, src_rng = None, None
    if src is not None:
        src_toks = doc.char_span(src[0], src[1], alignment_mode="expand")
        if src_toks is not None and len(src_toks):
            src_rng = (src_toks.start, src_toks.end)
            source = _resolve(doc, src_rng, src_toks.root, mentions, mem, lex, is_document=False)
    content: tuple[int, int] | None = None
    rest: list[tuple[int, int]] = []
    if tagged:  # the nearest content, the longer of two as near ("It was revealed that")
        near = min(tagged, key=lambda c: (_gap(c, cue_span), c[0] - c[1]))
        content = _no_complementizer(text, near)
        rest = _pieces(text, [_no_complementizer(text, c) for c in tagged if c != near])
    cue = Cue(text=text[cue_span[0] : cue_span[1]], span=cue_span)
    return _Tagged(cue, cue_toks.root, source, src_rng, content, rest)


def _tagged_claim(  # noqa: PLR0917 - private; one call site
    doc: Any,
    one: _Tagged,
    mentions: list[Mention],
    mention_tokens: set[int],
    mem: _Memory,
    lex: _Lex,
) -> Claim | None:
    """A claim of its own for a tagged attribution the rules did not read (None: no claim)."""
    root = one.root
    sent = root.sent
    content = one.content
    if content is None:
        if not _has_clause(root):
            return None
        content = _chars(doc, _content_of(doc, root, sent, one.src_rng))
        if content[1] <= content[0]:
            return None
    lemma = root.lemma_.lower()
    if _aspectual(root, one.cue.span, lex):
        return None
    source = one.source
    if source is not None and _generic(source.text, root, lex):
        return None  # "Reading the papers, you might think ...": nobody claims it
    if source is None:
        subj, _passive = _subject(root)
        if subj is not None and _plausible_source(subj, mention_tokens, lex):
            source = _resolve(doc, _np_range(subj), subj, mentions, mem, lex, is_document=False)
        elif lemma not in lex.cues:
            return None  # "aimed to defend": an intention nobody is said to hold, no claim
    negated = any(c.dep_ == "neg" for c in root.children)
    polarity = "denied" if lemma in lex.deny and not negated else "asserted"
    return Claim(
        id="",
        sentence=(sent.start_char, sent.end_char),
        content_span=content,
        source=source,
        cue=one.cue,
        hedges=_inline_hedges(_span_text(doc, sent), lex),
        polarity=polarity,
        status=_initial_status(lemma, negated, polarity, lex),
        checkworthiness=mem.checkworthy.get(sent.start_char, 0.0),
    )


_MODALS = frozenset({"might", "may", "can", "could", "would", "will", "should", "must"})


def _generic(source: str, root: Any, lex: _Lex) -> bool:
    """A source that is nobody in particular: "everyone knows", or a generic "you" with a modal
    ("you might think", "you can see"); "you said" to someone interviewed stays a claim."""
    low = source.lower()
    if low not in lex.generic_sources:
        return False
    if low != "you":
        return True
    return any(c.dep_ == "aux" and c.lower_ in _MODALS for c in root.children)


_ASPECTUAL = frozenset({"continue", "begin", "start", "keep", "remain", "stop", "cease", "resume"})


def _aspectual(root: Any, cue: tuple[int, int], lex: _Lex) -> bool:
    """Whether a tagged cue is only an aspect verb of a deed: "the troops continue to hold
    'a strip of land'" quotes someone, but the troops say nothing. "He continued: '...'" and
    "continued to insist" (its complement is a cue) stay cues."""
    if root.lemma_.lower() not in _ASPECTUAL:
        return False
    return any(
        c.dep_ == "xcomp" and not cue[0] <= c.idx < cue[1] and c.lemma_.lower() not in lex.cues
        for c in root.children
    )


# "LINDAU, May 4 (Kessel) - Ann Lee, the mayor, said": a dateline or wire head the parse ran
# into the sentence's subject; its place name, date or agency is not who speaks
_DATELINE_HEAD = re.compile(
    r"(?:[A-Z][A-Z.'\u2019-]{2,}(?:\s+[A-Z][A-Z.'\u2019-]+)*(?:,\s*[^,\n()]{1,30}){0,3}"
    r"(?:\s*\([^)\n]{1,30}\))?"
    r"|(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
    r"(?:uary|ruary|ch|il|e|y|ust|ember|tember|ober|day|sday|nesday|rsday|urday)?\b\.?|\d)"
    r"[^\n]{0,40}?)"
    r"\s*(?:--?|\u2013|\u2014)\s+(?=[A-Z\"\u201c])"
)


def _past_datelines(text: str, claims: list[Claim]) -> list[Claim]:
    """The claims with no dateline in their sources: a source that runs into the head loses
    it; one inside the head is no source (its claim goes when another has the same cue: the
    parse read "LINDAU (Wire) - Ann Lee" as two speakers)."""
    out: list[Claim] = []
    for claim in claims:
        src = claim.source
        m = _DATELINE_HEAD.match(text, claim.sentence[0], claim.sentence[1])
        if src is None or m is None or src.span[0] >= m.end():
            out.append(claim)
        elif src.span[1] > m.end():
            cut = m.end() - src.span[0]
            claim.source = dataclasses.replace(
                src, text=src.text[cut:], span=(m.end(), src.span[1])
            )
            out.append(claim)
        elif not any(
            o is not claim
            and o.cue is not None
            and claim.cue is not None
            and o.cue.span == claim.cue.span
            for o in claims
        ):
            out.append(claim)
    return out


_RELATIVE = frozenset({"who", "which", "that", "whom"})
_QUOTES = "\"“”'‘’"


def _merged_source(rules: Source, tagged: Source) -> Source:
    """The source of a claim the rules and the tagger both read: the tagger's span (PolNeAR
    dev: right more often); the rules' kind and entity where the spans overlap or the tagger's
    is a relative pronoun ("Democrats, who have argued": "who" is the Democrats the rules
    found), else the tagger's own reading ("the channel reported ..., indicating that")."""
    if _overlaps(rules.span, [tagged.span]) or tagged.text.lower() in _RELATIVE:
        return dataclasses.replace(tagged, kind=rules.kind, entity=rules.entity)
    return tagged


def _pieces(text: str, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The further pieces of a split content that make claims: quotes, or three words and
    more (not the "It" of "It was revealed that ...")."""
    return [
        (s, e)
        for s, e in parts
        if len(text[s:e].split()) >= 3 or any(q in text[s:e] for q in _QUOTES)
    ]


def _vouched(claim: Claim, lex: _Lex) -> bool:
    """Whether a rule claim the tagger did not confirm stands on its own evidence: a relay
    chain, "according to", a passive with no agent (a status: "was not confirmed"), or a
    document as the source (a carried source: "The statement maintains that"). The caller
    also drops those nested in a confirmed claim's content ("he said the videos show")."""
    if claim.cue is None or claim.via or claim.source is None:
        return True
    if claim.cue.text.lower().split()[0] in {"according", "as"}:
        return True  # not "per": "per the plan" is no source more often than "per Reuters" is
    words = claim.source.text.lower().split()
    return bool(words) and words[-1] in lex.documents


def _gap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(a[0] - b[1], b[0] - a[1], 0)


def _no_complementizer(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """A content span without its leading "that" (PolNeAR keeps it; sitrep's claims do not)."""
    s, e = span
    if text[s : s + 5].lower() == "that " and e - s > 5:
        return s + 5, e
    return span


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def _only_punct_after(doc: Any, i: int, end: int) -> bool:
    return all(doc[k].is_punct or doc[k].is_space for k in range(i, end))


def _head_of(doc: Any, rng: tuple[int, int]) -> int:
    """The token of ``rng`` whose syntactic head lies outside it (its last token if none)."""
    for i in range(rng[0], rng[1]):
        head = doc[i].head.i
        if head == i or not rng[0] <= head < rng[1]:
            return i
    return rng[1] - 1


def _according_content(doc: Any, sent: Any, rng: tuple[int, int]) -> tuple[int, int]:
    before = _trim(doc, sent.start, rng[0])
    after = _trim(doc, rng[1], sent.end)
    if after[1] > after[0] and doc[after[0]].lower_ in {"which", "who", "whose", "where"}:
        after = (after[0], after[0])  # ", which counts only ...": describes the source
    if before[1] - before[0] >= after[1] - after[0]:
        if after[1] - after[0] > 0 and rng[0] - sent.start > 2:
            # "which, according to X, “brought ...”": the phrase sits inside the statement
            return _trim(doc, sent.start, sent.end)
        return before
    return after


def _inline_hedges(text: str, lex: _Lex) -> list[str]:
    low = text.lower()
    found: list[str] = []
    for hedge, pattern in lex.inline_hedge_res:
        # the substring test first: a hedge not in the text cannot match (~10x fewer searches)
        if hedge in low and pattern.search(low) and not any(hedge in f for f in found):
            found.append(hedge)
    return found


def _initial_status(lemma: str, negated: bool, polarity: str, lex: _Lex) -> str | None:
    if polarity == "denied":
        return "disputed"
    if lemma in lex.confirm:
        return "unconfirmed" if negated else "confirmed"
    if lemma in lex.claim:
        return "unconfirmed"
    return None


def _status(claim: Claim, current: str | None) -> str | None:
    if current in {"disputed", "confirmed"}:
        return current
    if current == "unconfirmed" or claim.hedges:
        return "unconfirmed"
    if claim.source is not None and claim.source.kind.startswith("party_"):
        return "unconfirmed"
    return None


def _add_unattributed(
    doc: Any, claims: list[Claim], figures: list[Figure], checkworthy: dict[int, float]
) -> list[Claim]:
    covered = {c.sentence for c in claims}
    extra: dict[tuple[int, int], Claim] = {}
    for fig in figures:
        sent = fig.sentence
        if sent is None or sent in covered or sent in extra:
            continue
        span = doc.char_span(sent[0], sent[1], alignment_mode="expand")
        s, e = sent
        text = _text(doc)[s:e]
        stripped = text.rstrip(' .\n"”')
        lex = _lex()
        extra[sent] = Claim(
            id="",
            sentence=sent,
            content_span=(s, s + len(stripped)),
            source=None,
            hedges=_inline_hedges(text, lex),
            checkworthiness=checkworthy.get(span[0].sent.start_char, 0.0) if span else 0.0,
        )
    clauses = _own_clauses(_text(doc), claims, figures, checkworthy, doc)
    return [*claims, *extra.values(), *clauses]


_CONTRAST = re.compile(r"[,;]\s*(?:although|though|even though|but|while|whereas|yet)\b", re.I)


def _own_clauses(
    text: str, claims: list[Claim], figures: list[Figure], checkworthy: dict[int, float], doc: Any
) -> list[Claim]:
    """Unattributed claims for figures the writer states in a contrasting clause after an
    attribution ("Both Lorin and Vesk deny shelling the market, although the fighting has
    killed hundreds of traders"): the figure is the writer's, not the speakers'."""
    out: dict[tuple[int, int], Claim] = {}
    for fig in figures:
        mine = [c for c in claims if c.sentence[0] <= fig.span[0] and fig.span[1] <= c.sentence[1]]
        if not mine or any(
            c.content_span[0] <= fig.span[0] and fig.span[1] <= c.content_span[1] for c in mine
        ):
            continue
        last = max(c.content_span[1] for c in mine)
        if last > fig.span[0]:
            continue
        turn = _CONTRAST.search(text, last, fig.span[0])
        if turn is None or any(c.cue is not None and c.cue.span[0] > turn.start() for c in mine):
            continue  # no turn, or a cue after it speaks for the figure ("but X said ...")
        sent = mine[0].sentence
        start = turn.end() - len(turn.group(0).lstrip(",; "))
        stripped = text[start : sent[1]].rstrip(' .\n"”')
        if (start, sent[1]) in out or not stripped:
            continue
        span = doc.char_span(sent[0], sent[1], alignment_mode="expand")
        out[(start, sent[1])] = Claim(
            id="",
            sentence=sent,
            content_span=(start, start + len(stripped)),
            source=None,
            hedges=_inline_hedges(text[sent[0] : sent[1]], _lex()),
            checkworthiness=checkworthy.get(span[0].sent.start_char, 0.0) if span else 0.0,
        )
    return list(out.values())


def _paragraph_hedges(doc: Any, claims: list[Claim], lex: _Lex) -> None:
    text = _text(doc)
    for sent in doc.sents:
        sent_text = _span_text(doc, sent)
        low = sent_text.lower()
        if not any(p in low for p in lex.paragraph_hedges):
            continue
        hedge = sent_text.strip()
        para_start = text.rfind("\n", 0, sent.start_char) + 1
        para_end = text.find("\n", sent.end_char)
        para_end = len(text) if para_end < 0 else para_end
        targets = [
            c
            for c in claims
            if para_start <= c.sentence[0] < para_end
            and c.sentence != (sent.start_char, sent.end_char)
        ]
        if not targets:
            before = [c for c in claims if c.sentence[1] <= sent.start_char]
            targets = before[-1:]
        for claim in targets:
            if hedge not in claim.hedges:
                claim.hedges.append(hedge)


def _link_figures(claims: list[Claim], figures: list[Figure]) -> list[Figure]:
    linked: list[Figure] = []
    for fig in figures:
        best: Claim | None = None
        for claim in claims:
            if claim.sentence[0] <= fig.span[0] and fig.span[1] <= claim.sentence[1]:
                inside = (
                    claim.content_span[0] <= fig.span[0] and fig.span[1] <= claim.content_span[1]
                )
                if best is None or (
                    inside
                    and not (
                        best.content_span[0] <= fig.span[0] and fig.span[1] <= best.content_span[1]
                    )
                ):
                    best = claim
        linked.append(dataclasses.replace(fig, claim=best.id if best else None))
    return linked


def _point(fig: Figure) -> float | None:
    if fig.value is not None:
        return fig.value
    if fig.low is not None and fig.high is not None:
        return (fig.low + fig.high) / 2
    return None


def _figure_verb(doc: Any, figure: Figure) -> str | None:
    """The lemma of the verb a figure hangs on ("4,000 people had been evacuated": evacuate)."""
    span = doc.char_span(figure.span[0], figure.span[1], alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    for _ in range(6):
        if tok.pos_ == "VERB" or tok.head.i == tok.i:
            break
        tok = tok.head
    return str(tok.lemma_).lower() if tok.pos_ in {"VERB", "ADJ", "AUX"} else None


def _disputes(doc: Any, claims: list[Claim], figures: list[Figure]) -> None:
    """Claims whose figure another source contradicts: the same thing counted with the same
    verb ("200 soldiers killed" against "50 soldiers killed"; not "4,000 people evacuated"
    against "3.7 million people displaced"), values more than 10% apart."""
    by_id = {c.id: c for c in claims}
    sourced = [
        (f, by_id[f.claim], _figure_verb(doc, f))
        for f in figures
        if f.claim in by_id and by_id[f.claim].source is not None and f.counts and f.change is None
    ]
    for i, (fa, ca, va) in enumerate(sourced):
        for fb, cb, vb in sourced[i + 1 :]:
            if (fa.counts, fa.unit, va) != (fb.counts, fb.unit, vb) or ca is cb:
                continue
            sa, sb = ca.source, cb.source
            if sa is None or sb is None or (sa.entity or sa.text) == (sb.entity or sb.text):
                continue
            pa, pb = _point(fa), _point(fb)
            if pa is None or pb is None or max(pa, pb) == 0:
                continue
            if abs(pa - pb) / max(pa, pb) > 0.1:
                ca.status = cb.status = "disputed"


def claims_stage(work: Work, config: Config) -> dict[str, Any]:
    """Pipeline stage ``claims``: reads ``doc``, ``mentions``, ``figures``."""
    if work.doc is None:
        return {"claims": [], "figures": work.figures}
    claims, figures = extract_claims(
        work.doc,
        work.mentions,
        work.figures,
        doc_id=work.raw.id,
        tagger=config.attribution_tagger,
        contextual=config.attribution_contextual,
    )
    return {"claims": claims, "figures": figures}
