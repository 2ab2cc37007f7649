"""Control claims: who is said to hold which place, since when, according to whom.

Patterns (lexicon in ``data/controls.json``):

* "under X control" / "under the control of Y" / "in rebel hands" / "in the hands of Y": "both
  villages are still under army control", "Halvik, which has stayed under rebel control since
  May", "the town has been in the hands of the Front since March 2";
* a holding or taking verb, subject holds object: "the army still holds Brenna", "captured three
  villages, among them the town of Marsk", "taking control of ... the city of Orsk";
* the same verbs in the passive with an agent: "Kostivar has been held by fighters of the Front";
* a hyphenated holder adjective: "the rebel-held town of Kostivar", "Russian-occupied Melitopol";
* "Y fell to X", "lost Y to X".

Holders are any phrase that can hold ground: a party (normalised through ``data/parties.json``:
"Ukrainian forces" -> "Ukraine"), else an organisation or group mention inside the phrase
("fighters of the Dravska Popular Front (DPF)" -> "Dravska Popular Front"), else a phrase headed
by a holder noun kept as text without its determiner ("the government" -> "government",
"rebel fighters"). Pronouns ("they", "its") and a bare "the group" refer back to the last holder
(or organisation) that was a sentence subject.

Places are place mentions (or bare proper nouns; a name the tagger called an organisation counts
as a place unless it contains an organisation word such as "Front" or "Ministry"); names in "the
villages of X and Y" are places whatever their tag. "the settlements" and the like refer back to
the places named with such a noun in the previous sentence. A place reached through "parts of" /
"areas of" is only partly held and makes no claim; a negated verb makes no claim.

``since`` is the time expression after "since" ("since March 2"), or the date of a "since"
clause ("since the rebels took it on March 2"); ``as_of``, ``claim`` and ``source`` come from the
claim of the sentence.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from sitrep.claims import party_words, source_kind
from sitrep.figures import load_data
from sitrep.model import Claim, ControlClaim, DateRange, Mention, Timex

if TYPE_CHECKING:
    from sitrep.config import Config
    from sitrep.pipeline import Work

log = logging.getLogger(__name__)

_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "punct", "cc", "conj", "prep"})
_MENTION_RANK = {"place": 0, "organization": 1, "group": 2, "other": 3, "person": 4}


@dataclass(slots=True)
class _Lex:
    under: frozenset[str]
    control_nouns: frozenset[str]
    hold: frozenset[str]
    take: frozenset[str]
    take_particles: frozenset[str]
    aims: frozenset[str]
    read_as: frozenset[str]
    loose: frozenset[str]
    held_adjectives: frozenset[str]
    fall: frozenset[str]
    lose: frozenset[str]
    settlements: frozenset[str]
    partial: frozenset[str]
    partial_adjectives: frozenset[str]
    holder_nouns: frozenset[str]
    anaphoric: frozenset[str]
    pronouns: frozenset[str]
    org_words: frozenset[str]
    modifier_plurals: dict[str, str]
    months: frozenset[str]
    parties: dict[str, str]


@cache
def _lex() -> _Lex:
    data = load_data("controls.json")
    return _Lex(
        under=frozenset(data["under_words"]),
        control_nouns=frozenset(data["control_nouns"]),
        hold=frozenset(data["hold_verbs"]),
        take=frozenset(data["take_verbs"]),
        take_particles=frozenset(data["take_particles"]),
        aims=frozenset(data["aim_words"]),
        read_as=frozenset(data["read_as_words"]),
        loose=frozenset(data["loose_verbs"]),
        held_adjectives=frozenset(data["held_adjectives"]),
        fall=frozenset(data["fall_verbs"]),
        lose=frozenset(data["lose_verbs"]),
        settlements=frozenset(data["settlement_nouns"]),
        partial=frozenset(data["partial_nouns"]),
        partial_adjectives=frozenset(data["partial_adjectives"]),
        holder_nouns=frozenset(data["holder_nouns"]),
        anaphoric=frozenset(data["anaphoric_holders"]),
        pronouns=frozenset(data["pronoun_holders"]),
        org_words=frozenset(data["organisation_words"]),
        modifier_plurals=dict(data["modifier_plurals"]),
        months=frozenset(load_data("numbers.json")["months"]),
        parties=party_words(),
    )


def normalise_holder(text: str) -> str | None:
    """A party name for a holder phrase ("Ukrainian forces" -> "Ukraine", "Kyiv" -> "Ukraine")."""
    parties = _lex().parties
    low = text.lower().replace("’", "'")
    words = re.findall(r"[a-z][a-z.]*(?:'s)?", low)
    words = [w.removesuffix("'s") for w in words]
    for n in (3, 2, 1):
        for k in range(len(words) - n + 1):
            phrase = " ".join(words[k : k + n])
            if phrase in parties:
                return parties[phrase]
    return None


@dataclass(slots=True)
class _State:
    mentions: dict[int, Mention]
    timexes: list[Timex]
    claims: list[Claim]
    last_holder: str | None = None
    last_org: str | None = None
    last_org_holder: str | None = None  # the last organisation read as a holder in a pattern
    prev_sent: Any = None
    found: list[ControlClaim] = field(default_factory=list)


# ---- holders ----------------------------------------------------------------------------------


def _np_tokens(head: Any) -> list[Any]:
    """The noun phrase of ``head`` without clauses hanging off it ("the group, which ...")."""
    out = [head]
    for child in head.children:
        if child.dep_ in _CLAUSE_DEPS and not (child.dep_ == "prep" and child.lower_ == "of"):
            continue
        out.extend(_np_tokens(child))
    return sorted(out, key=lambda t: t.i)


_OWNER_PRONOUNS = frozenset({"its", "their", "our"})


def _owning_party(head: Any) -> str | None:
    """The party of "its forces", "our troops": the subject of a clause above the phrase's
    own, when that subject is a party ("Moscow said its forces ...", "Kyiv says our units
    ...")."""
    if not any(c.dep_ == "poss" and c.lower_ in _OWNER_PRONOUNS for c in head.children):
        return None
    verb = head.head
    while verb.head.i != verb.i:
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.i != head.i:
            text = " ".join(t.text for t in subject.subtree)
            return normalise_holder(text)
    return None


def _holder_np(head: Any, state: _State, lex: _Lex) -> str | None:
    """The holder a noun phrase names (see module docstring), or ``None`` if it names none."""
    low = head.lower_
    if low in lex.pronouns:
        return state.last_holder
    tokens = _np_tokens(head)
    party = normalise_holder(" ".join(t.text for t in tokens))
    if party is not None:
        return party
    owner = _owning_party(head)
    if owner is not None:
        return owner  # "Moscow said its forces had retaken X": Russia
    for tok in tokens:
        mention = state.mentions.get(tok.i)
        if mention is not None and mention.type in {"organization", "group"}:
            state.last_org_holder = mention.norm
            return mention.norm
    if low in lex.anaphoric and not any(t.pos_ in {"ADJ", "PROPN"} for t in tokens):
        return state.last_org_holder or state.last_org
    if low in lex.holder_nouns or head.lemma_.lower() in lex.holder_nouns:
        words = [
            t.text if t.pos_ == "PROPN" else t.lower_
            for t in tokens
            if (t.i <= head.i and t.dep_ in {"compound", "amod", "nmod", "npadvmod"})
            or t.i == head.i
        ]
        if len(words) == 1 and head.dep_ != "nsubj":
            # "rebel-held", "under rebel control": held by rebels
            words = [lex.modifier_plurals.get(words[0], words[0])]
        return " ".join(words) or None
    if head.pos_ == "PROPN" and state.mentions.get(head.i) is None:
        return " ".join(t.text for t in tokens if t.pos_ == "PROPN" and t.i <= head.i)
    return None


def _modifier_holder(noun: Any, state: _State, lex: _Lex) -> str | None:
    """Holder from the modifiers of a control noun ("Russian control", "its grip", "rebel hands")
    or from its "of" object ("the control of Ukraine", "the hands of the Front")."""
    mods = [c for c in noun.children if c.dep_ in {"amod", "compound", "poss", "nmod"}]
    for mod in mods:
        holder = _holder_np(mod, state, lex)
        if holder is not None:
            return holder
    of = next((c for c in noun.children if c.lower_ == "of"), None)
    pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return _holder_np(pobj, state, lex) if pobj is not None else None


# ---- places -----------------------------------------------------------------------------------


# registry kinds (source_kinds.json) of organisations that are never a place mistagged
_NO_PLACE_KINDS = frozenset({"media", "state_media", "international_body", "think_tank"})


def _is_place_mention(mention: Mention, tok: Any, lex: _Lex) -> bool:
    if mention.type == "place":
        return True
    if _under_settlement(tok, lex):
        return True  # "the villages of Marsk and Vel Selo": names there are places
    if mention.type != "organization":
        return False
    if source_kind(mention.norm) in _NO_PLACE_KINDS:
        return False  # "broadcasters including the BBC and Channel 5": outlets, bodies
    words = set(re.findall(r"[a-z]+", mention.norm.lower()))
    return not (words & lex.org_words) and normalise_holder(mention.norm) is None


def _under_settlement(tok: Any, lex: _Lex) -> bool:
    cur = tok
    for _ in range(5):
        link = cur.dep_ in {"pobj", "conj", "appos", "compound", "nmod"} or (
            cur.dep_ == "prep" and cur.lower_ == "of"
        )
        if not link or cur.head.i == cur.i:
            return False
        cur = cur.head
        if cur.lower_ in lex.settlements:
            return True
    return False


def _places_in(
    root: Any, state: _State, lex: _Lex, *, strict: bool = False
) -> list[tuple[str, tuple[int, int]]]:
    """Places named in ``root``'s subtree, skipping those only partly held ("parts of X").
    ``strict``: only place mentions and names after a settlement noun ("the town of X")."""
    out: list[tuple[str, tuple[int, int]]] = []
    seen: set[tuple[int, int]] = set()
    for tok in root.subtree:
        if tok.dep_ in {"relcl", "acl"} and tok.i != root.i:
            continue
        mention = state.mentions.get(tok.i)
        if mention is not None and not _is_place_mention(mention, tok, lex):
            continue
        if tok.ent_type_ in {"DATE", "TIME"} or tok.lower_ in lex.months:
            continue
        if mention is None and not (tok.pos_ == "PROPN" and tok.dep_ != "compound"):
            continue
        if strict and not (
            (mention is not None and mention.type == "place") or _after_settlement(tok, lex)
        ):
            continue
        if mention is None and normalise_holder(tok.text) is not None:
            continue
        if _partly(tok, root, lex) or _in_clause(tok, root) or not _place_path(tok, root, lex):
            continue
        if mention is not None:
            name, span = mention.norm, mention.span
        else:
            left = tok.i
            while left > root.left_edge.i and tok.doc[left - 1].dep_ == "compound":
                left -= 1
            span = (tok.doc[left].idx, tok.idx + len(tok.text))
            name = tok.doc[left : tok.i + 1].text  # doc.text would be rebuilt per call
        if span not in seen:
            seen.add(span)
            out.append((name, span))
    return out


def _after_settlement(tok: Any, lex: _Lex) -> bool:
    """ "the town of X": ``tok`` is the object of "of" after a settlement noun."""
    prep = tok.head
    return tok.dep_ == "pobj" and prep.lower_ == "of" and prep.head.lower_ in lex.settlements


def _place_path(tok: Any, root: Any, lex: _Lex) -> bool:
    """Whether ``tok`` names the place ``root`` stands for (see ``_place_path`` in the data)."""
    cur = tok
    while cur.i not in (root.i, cur.head.i):
        dep = cur.dep_
        if dep == "pobj":
            prep = cur.head
            if prep.lower_ == "including":
                cur = prep
                continue
            if prep.lower_ != "of" or prep.head.i == prep.i:
                return False
            owner = prep.head
            if owner.lower_ not in lex.settlements and owner.lower_ not in lex.partial:
                return False
        elif dep not in {"conj", "appos", "compound", "prep", "flat", "cc", "nmod"}:
            return False
        if (
            cur.head.i == root.i
            and root.pos_ == "NOUN"
            and root.lower_ not in lex.settlements
            and root.lower_ not in lex.partial
            and root.lower_ not in lex.control_nouns
        ):
            # what is held is a thing, not a place: "seized key US companies", "take
            # donations and broadcasters including the BBC"
            return False
        cur = cur.head
    return True


def _in_clause(tok: Any, root: Any) -> bool:
    """Whether ``tok`` sits in a clause under ``root`` ("Brenna, which borders X": not X)."""
    cur = tok
    while cur.i not in (root.i, cur.head.i):
        if cur.dep_ in {"relcl", "acl", "advcl"}:
            return True
        cur = cur.head
    return False


def _partly(tok: Any, root: Any, lex: _Lex) -> bool:
    last_prep = ""
    cur = tok
    while cur.i not in {root.i, cur.head.i}:
        parent = cur.head
        if cur.dep_ == "prep":
            last_prep = cur.lower_
        if parent.lower_ in lex.partial and last_prep == "of" and cur.lower_ == "of":
            return True
        cur = parent
    return root.lower_ in lex.partial and last_prep == "of"


def _referent_places(np_head: Any, state: _State, lex: _Lex) -> list[tuple[str, tuple[int, int]]]:
    """'the settlements' -> the places named with a settlement noun in the previous sentence."""
    if np_head.lower_ not in lex.settlements or state.prev_sent is None:
        return []
    if not any(c.lower_ in {"the", "these", "those"} for c in np_head.lefts):
        return []
    out: list[tuple[str, tuple[int, int]]] = []
    for tok in state.prev_sent:
        if tok.lower_ in lex.settlements:
            out.extend(_places_in(tok, state, lex))
    return out


def _subject_places(verb: Any, state: _State, lex: _Lex) -> list[tuple[str, tuple[int, int]]]:
    subj = _subject(verb)
    if subj is None:
        # the parser sometimes leaves a name before the verb unattached ("Bakhmut fell to ...")
        left = [c for c in verb.lefts if state.mentions.get(c.i) or c.pos_ == "PROPN"]
        return [p for c in left for p in _places_in(c, state, lex)]
    places = _places_in(subj, state, lex) or _referent_places(subj, state, lex)
    if subj.lower_ in lex.partial and not places:
        return []
    return places


def _subject(verb: Any) -> Any | None:
    tok = verb
    for _ in range(4):
        subj = next((c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None and tok.i != verb.i and tok.dep_ != "conj" and verb.dep_ == "xcomp":
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None:  # "enabled them to seize": the object of 'enabled' seizes
                return obj
        if subj is not None:
            if subj.lower_ in {"which", "that", "who"} and tok.dep_ == "relcl":
                return tok.head  # "Sudzha, which has been under Ukrainian control"
            return subj
        if tok.dep_ == "acl" and not any(c.dep_ == "agent" for c in tok.children):
            return tok.head  # "forces crossing the border, taking control of ..."
        if tok.dep_ in {"conj", "advcl", "xcomp", "relcl"} and tok.head.i != tok.i:
            if tok.dep_ == "relcl":
                return tok.head
            tok = tok.head
            continue
        break
    return None


# ---- since, claims, output --------------------------------------------------------------------


def _since(sent: Any, after_char: int, state: _State) -> DateRange | None:
    """The date after "since" (a time expression, or the date inside a "since" clause)."""
    doc = sent.doc
    text = doc.text
    for tx in state.timexes:
        if not (sent.start_char <= tx.span[0] < sent.end_char and tx.span[0] >= after_char):
            continue
        before = text[max(sent.start_char, tx.span[0] - 8) : tx.span[0]].lower()
        found = tx.signal == "since" or before.rstrip().endswith("since")
        if not found:
            span = doc.char_span(tx.span[0], tx.span[1], alignment_mode="expand")
            found = span is not None and _in_since_clause(span.root)
        if found:
            return tx.resolved or DateRange(date=None, earliest=None, latest=None)
    return None


def _taken_on(verb: Any, state: _State) -> DateRange | None:
    """The date a taking verb names ("seized Kostivar on March 2"): held since then."""
    doc = verb.doc
    for tx in state.timexes:
        if tx.type != "DATE" or tx.resolved is None or tx.signal not in {"on", "in", None}:
            continue
        span = doc.char_span(tx.span[0], tx.span[1], alignment_mode="expand")
        if span is None:
            continue
        cur = span.root
        for _ in range(3):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            if cur.i == verb.i:
                return tx.resolved
            if cur.pos_ in {"VERB", "AUX"}:
                break
    return None


def _in_since_clause(tok: Any) -> bool:
    cur = tok
    for _ in range(6):
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in cur.children):
            return True
        if cur.head.i == cur.i or cur.dep_ in {"ROOT", "ccomp"}:
            return False
        cur = cur.head
    return False


def _claim_for(sent: Any, claims: list[Claim], at: int) -> Claim | None:
    here = [c for c in claims if c.sentence[0] <= sent.start_char < c.sentence[1]]
    inside = [c for c in here if c.content_span[0] <= at < c.content_span[1]]
    pick = inside or here
    return pick[0] if pick else None


def _emit(
    state: _State,
    sent: Any,
    places: list[tuple[str, tuple[int, int]]],
    holder: str,
    since: DateRange | None,
) -> None:
    known = {(c.place_span, c.holder) for c in state.found}
    for name, span in places:
        if normalise_holder(name) == holder or name.lower() == holder.lower():
            continue
        if (span, holder) in known:
            continue
        at = span[0] if sent.start_char <= span[0] < sent.end_char else sent.start_char
        claim = _claim_for(sent, state.claims, at)
        state.found.append(
            ControlClaim(
                place=name,
                place_span=span,
                holder=holder,
                since=since,
                as_of=claim.as_of if claim else None,
                claim=claim.id if claim else None,
                source=claim.source.text if claim and claim.source else None,
                sentence=(sent.start_char, sent.end_char),
            )
        )


def _negated(verb: Any) -> bool:
    return any(
        c.dep_ == "neg" or (c.lower_ == "longer" and c.dep_ == "advmod") for c in verb.children
    )


# ---- the patterns -----------------------------------------------------------------------------


def _under_control(tok: Any, sent: Any, state: _State, lex: _Lex) -> None:
    """'X remains under government control', 'the town of X has been in the hands of Y'."""
    holder = _modifier_holder(tok, state, lex)
    prep = tok.head
    attach = prep.head
    if holder is None or attach.i == prep.i or _negated(attach):
        return
    if attach.pos_ in {"VERB", "AUX"}:
        places = _subject_places(attach, state, lex)
    elif attach.pos_ in {"NOUN", "PROPN"}:
        places = _places_in(attach, state, lex)  # "the town under rebel control"
    else:
        return
    _emit(state, sent, places, holder, _since(sent, tok.idx, state))


def _held_adjective(tok: Any, sent: Any, state: _State, lex: _Lex) -> None:
    """'the rebel-held town of Kostivar', 'Russian-occupied Melitopol'."""
    doc = tok.doc
    if tok.i < 2 or doc[tok.i - 1].text not in {"-", "–"} or doc[tok.i - 2].whitespace_:
        return
    noun = tok.head
    if noun.i == tok.i or noun.pos_ not in {"NOUN", "PROPN"}:
        return
    holder = _holder_np(doc[tok.i - 2], state, lex)
    if holder is None:
        return
    _emit(state, sent, _places_in(noun, state, lex), holder, _since(sent, tok.idx, state))


def _verb_claim(tok: Any, sent: Any, state: _State, lex: _Lex) -> None:
    lemma = tok.lemma_.lower()
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    if agent is not None and (lemma in lex.hold or lemma in lex.take):
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        holder = _holder_np(pobj, state, lex) if pobj is not None else None
        if holder is None:
            return
        if tok.dep_ == "acl":  # "areas controlled by X"
            places = _places_in(tok.head, state, lex)
        else:
            places = _subject_places(tok, state, lex)
        _emit(state, sent, places, holder, _since(sent, tok.idx, state))
        return
    if lemma in lex.fall or lemma in lex.lose:
        to = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        holder = _holder_np(pobj, state, lex) if pobj is not None else None
        if holder is None:
            return
        if lemma in lex.fall:
            places = _subject_places(tok, state, lex)
        else:
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            places = _places_in(obj, state, lex) if obj is not None else []
        _emit(state, sent, places, holder, _since(sent, tok.idx, state))
        return
    if lemma not in lex.hold and lemma not in lex.take:
        return
    if any(c.dep_ == "prt" and c.lower_ not in lex.take_particles for c in tok.children):
        return  # "took off from X, bound for Y": another verb
    if _aimed_at(tok, lex) or _imperative(tok, lex):
        return
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None:
        return
    if any(c.lower_ in lex.partial_adjectives for c in obj.children):
        return  # "gained partial control of Kursk"
    strict = lemma in lex.loose  # "took the bait": a loose verb needs a place named as one
    if strict and any(c.dep_ == "poss" and c.tag_ == "PRP$" for c in obj.children):
        return  # "took his Kessel to market", "kept their Lindau": what one owns
    if obj.lower_ in lex.control_nouns:  # "take control of X"
        of = next((c for c in obj.children if c.lower_ == "of"), None) or next(
            # "took control of X" parsed with "of" on the verb, right after "control"
            (c for c in tok.children if c.lower_ == "of" and c.i == obj.i + 1),
            None,
        )
        obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if obj is None:
            return
        strict = False
    subj = _subject(tok)
    holder = _holder_np(subj, state, lex) if subj is not None else None
    if holder is None:
        return
    places = _places_in(obj, state, lex, strict=strict)
    for prep in tok.children:  # "taking control of parts of X, including the city of Y"
        if prep.dep_ == "prep" and prep.lower_ == "including":
            for pobj in prep.children:
                places.extend(_places_in(pobj, state, lex, strict=strict))
    since = _since(sent, tok.idx, state)
    if since is None and lemma in lex.take:
        since = _taken_on(tok, state)
    _emit(state, sent, places, holder, since)


def _aimed_at(verb: Any, lex: _Lex) -> bool:
    """Whether ``verb`` is an aim, not a deed: the infinitive of "tried to take X", "the
    firm's efforts to control the spill", "a bid to seize X" (``aim_words``)."""
    if verb.dep_ not in {"xcomp", "acl", "advcl"} or verb.head.i == verb.i:
        return False
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return verb.head.lemma_.lower() in lex.aims


def _imperative(verb: Any, lex: _Lex) -> bool:
    """Whether ``verb`` opens its sentence as an order or an aside ("Take X as an example"):
    a bare verb with no subject of its own; "took X as a sign" reads X as a thing too (but
    "took X as a bargaining chip" still takes it)."""
    if any(
        p.dep_ == "pobj" and p.lower_ in lex.read_as
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ == "as"
        for p in prep.children
    ):
        return True
    first = next((t for t in verb.sent if not t.is_punct and not t.is_space), None)
    return (
        first is not None
        and first.i == verb.i
        and verb.tag_ == "VB"
        and not any(c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in verb.children)
    )


def _sentence_controls(sent: Any, state: _State, lex: _Lex) -> None:
    for tok in sent:
        if tok.lower_ in lex.control_nouns and tok.head.lower_ in lex.under:
            _under_control(tok, sent, state, lex)
        elif tok.lower_ in lex.held_adjectives and tok.tag_ == "VBN" and tok.dep_ == "amod":
            _held_adjective(tok, sent, state, lex)
        elif tok.pos_ == "VERB" and not _negated(tok):
            _verb_claim(tok, sent, state, lex)


def _remember_subjects(sent: Any, state: _State, lex: _Lex) -> None:
    """The subject of the main verb, when it names a holder, is what 'they' refers to next."""
    for tok in sent:
        if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.head.dep_ != "ROOT":
            continue
        if tok.lower_ in lex.pronouns or tok.lower_ in lex.anaphoric:
            continue
        party = normalise_holder(" ".join(t.text for t in _np_tokens(tok)))
        if party is not None:
            state.last_holder = party
            continue
        org = next(
            (
                m.norm
                for t in _np_tokens(tok)
                if (m := state.mentions.get(t.i)) is not None and m.type == "organization"
            ),
            None,
        )
        head = state.mentions.get(tok.i)
        if org is not None and (head is None or not _is_place_mention(head, tok, lex)):
            state.last_holder = state.last_org = org


def _mentions_by_token(doc: Any, mentions: list[Mention]) -> dict[int, Mention]:
    """Token index -> mention; where mentions overlap, a place beats other types."""
    out: dict[int, Mention] = {}
    for m in mentions:
        span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
        if span is None:
            continue
        for k in range(span.start, span.end):
            old = out.get(k)
            if old is None or _MENTION_RANK.get(m.type, 3) < _MENTION_RANK.get(old.type, 3):
                out[k] = m
    return out


def extract_controls(
    doc: Any, mentions: list[Mention], claims: list[Claim], timexes: list[Timex]
) -> list[ControlClaim]:
    """Control claims of one parsed article (see module docstring).

    Example:
        "Kyiv still holds Sudzha." gives place "Sudzha", holder "Ukraine"; "Brenna remains under
        government control." gives place "Brenna", holder "government".
    """
    lex = _lex()
    state = _State(mentions=_mentions_by_token(doc, mentions), timexes=timexes, claims=claims)
    for sent in doc.sents:
        _sentence_controls(sent, state, lex)
        _remember_subjects(sent, state, lex)
        state.prev_sent = sent
    return state.found


def controls_stage(work: Work, config: Config) -> dict[str, Any]:
    """Pipeline stage ``controls``: reads ``doc``, ``mentions``, ``claims``, ``timexes``."""
    del config
    if work.doc is None:
        return {"controls": []}
    found = extract_controls(work.doc, work.mentions, work.claims, work.timexes)
    log.debug("%s: %d control claims", work.raw.id, len(found))
    return {"controls": found}
