"""Control claims: who is said to hold which place, since when, according to whom.

Three general patterns (lexicon in ``data/controls.json``, holders normalised through
``data/parties.json``):

* "under X control" / "under the control of Y": "the settlements remain under Russian
  control", "Sudzha, which has been under Ukrainian control since August";
* a holding verb, subject holds object: "Kyiv still holds Sudzha";
* a taking verb, subject takes object: "seize numerous settlements, including the town of
  Sudzha", "taking control of parts of the Kursk region, including the city of Sudzha".

Places are place mentions (or bare proper nouns) of the subject/object; "the settlements" and
the like refer back to the places named with such a noun in the previous sentence. A place
reached through "parts of" / "areas of" is only partly held and makes no claim. Pronoun holders
("enabled them to seize") are the last party-named subject of the text so far. ``since`` comes
from a time expression after "since"; ``as_of``, ``claim`` and ``source`` from the claim of the
sentence.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from sitrep.claims import party_words
from sitrep.figures import load_data
from sitrep.model import Claim, ControlClaim, DateRange, Mention, Timex

if TYPE_CHECKING:
    from sitrep.config import Config
    from sitrep.pipeline import Work

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Lex:
    under: frozenset[str]
    control_nouns: frozenset[str]
    hold: frozenset[str]
    take: frozenset[str]
    settlements: frozenset[str]
    partial: frozenset[str]
    partial_adjectives: frozenset[str]
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
        settlements=frozenset(data["settlement_nouns"]),
        partial=frozenset(data["partial_nouns"]),
        partial_adjectives=frozenset(data["partial_adjectives"]),
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
    last_holder: str | None = None
    prev_sent: Any = None
    found: list[ControlClaim] = field(default_factory=list)


def _holder_of(tokens: Any) -> str | None:
    return normalise_holder(" ".join(t.text for t in tokens))


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


def _places_in(
    root: Any, mentions_by_token: dict[int, Mention], lex: _Lex
) -> list[tuple[str, tuple[int, int]]]:
    """Places named in ``root``'s subtree, skipping those only partly held ("parts of X")."""
    out: list[tuple[str, tuple[int, int]]] = []
    seen: set[tuple[int, int]] = set()
    for tok in root.subtree:
        mention = mentions_by_token.get(tok.i)
        if mention is not None and mention.type != "place":
            continue
        if tok.ent_type_ in {"DATE", "TIME"} or tok.lower_ in lex.months:
            continue
        if mention is None and not (tok.pos_ == "PROPN" and tok.dep_ != "compound"):
            continue
        if mention is None and normalise_holder(tok.text) is not None:
            continue
        if _partly(tok, root, lex):
            continue
        if mention is not None:
            name, span = mention.norm, mention.span
        else:
            left = tok.i
            while left > root.left_edge.i and tok.doc[left - 1].dep_ == "compound":
                left -= 1
            span = (tok.doc[left].idx, tok.idx + len(tok.text))
            name = tok.doc.text[span[0] : span[1]]
        if span not in seen:
            seen.add(span)
            out.append((name, span))
    return out


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


def _since(sent: Any, after_char: int, timexes: list[Timex]) -> DateRange | None:
    text = sent.doc.text
    for tx in timexes:
        if sent.start_char <= tx.span[0] < sent.end_char and tx.span[0] >= after_char:
            before = text[max(sent.start_char, tx.span[0] - 8) : tx.span[0]].lower()
            if before.rstrip().endswith("since"):
                return tx.resolved or DateRange(date=None, earliest=None, latest=None)
    return None


def _claim_for(sent: Any, claims: list[Claim], at: int) -> Claim | None:
    here = [c for c in claims if c.sentence[0] <= sent.start_char < c.sentence[1]]
    inside = [c for c in here if c.content_span[0] <= at < c.content_span[1]]
    pick = inside or here
    return pick[0] if pick else None


def _emit(  # noqa: PLR0917 - private helper
    state: _State,
    sent: Any,
    places: list[tuple[str, tuple[int, int]]],
    holder: str,
    since: DateRange | None,
    claims: list[Claim],
) -> None:
    for name, span in places:
        if normalise_holder(name) == holder:
            continue
        at = span[0] if sent.start_char <= span[0] < sent.end_char else sent.start_char
        claim = _claim_for(sent, claims, at)
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


def _referent_places(
    np_head: Any, state: _State, mentions_by_token: dict[int, Mention], lex: _Lex
) -> list[tuple[str, tuple[int, int]]]:
    """'the settlements' -> the places named with a settlement noun in the previous sentence."""
    if np_head.lower_ not in lex.settlements or state.prev_sent is None:
        return []
    if not any(c.lower_ in {"the", "these", "those"} for c in np_head.lefts):
        return []
    out: list[tuple[str, tuple[int, int]]] = []
    for tok in state.prev_sent:
        if tok.lower_ in lex.settlements:
            out.extend(_places_in(tok, mentions_by_token, lex))
    return out


def extract_controls(
    doc: Any, mentions: list[Mention], claims: list[Claim], timexes: list[Timex]
) -> list[ControlClaim]:
    """Control claims of one parsed article (see module docstring).

    Example:
        "Kyiv still holds Sudzha." gives place "Sudzha", holder "Ukraine".
    """
    lex = _lex()
    mentions_by_token: dict[int, Mention] = {}
    for m in mentions:
        span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
        if span is not None:
            for k in range(span.start, span.end):
                mentions_by_token[k] = m
    state = _State()
    for sent in doc.sents:
        _sentence_controls(sent, state, mentions_by_token, claims, timexes, lex)
        for tok in sent:
            if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.dep_ == "ROOT":
                holder = _holder_of(tok.subtree)
                if holder is not None:
                    state.last_holder = holder
        state.prev_sent = sent
    return state.found


def _holder_from_subject(subj: Any, state: _State) -> str | None:
    if subj is None:
        return None
    if subj.lower_ in {"they", "them", "it", "we"}:
        return state.last_holder
    return _holder_of(subj.subtree)


def _sentence_controls(  # noqa: PLR0917 - private; the article state travels together
    sent: Any,
    state: _State,
    mentions_by_token: dict[int, Mention],
    claims: list[Claim],
    timexes: list[Timex],
    lex: _Lex,
) -> None:
    for tok in sent:
        lemma = tok.lemma_.lower()
        # "under Russian control", "under the control of Ukraine"
        if tok.lower_ in lex.control_nouns and tok.head.lower_ in lex.under:
            holder = _holder_of([c for c in tok.children if c.dep_ in {"amod", "compound", "poss"}])
            if holder is None:
                of = next((c for c in tok.children if c.lower_ == "of"), None)
                if of is not None:
                    holder = _holder_of(of.subtree)
            prep = tok.head
            attach = prep.head
            if holder is None or attach.pos_ not in {"VERB", "AUX"}:
                continue
            subj = _subject(attach)
            if subj is None:
                continue
            places = _places_in(subj, mentions_by_token, lex) or _referent_places(
                subj, state, mentions_by_token, lex
            )
            if subj.lower_ in lex.partial and not places:
                continue
            _emit(state, sent, places, holder, _since(sent, tok.idx, timexes), claims)
            continue
        if tok.pos_ != "VERB" or any(c.dep_ == "neg" for c in tok.children):
            continue
        if lemma in lex.hold or lemma in lex.take:
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is None:
                continue
            if any(c.lower_ in lex.partial_adjectives for c in obj.children):
                continue  # "gained partial control of Kursk"
            if obj.lower_ in lex.control_nouns:  # "take control of X"
                of = next((c for c in obj.children if c.lower_ == "of"), None)
                obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
                if obj is None:
                    continue
            holder = _holder_from_subject(_subject(tok), state)
            if holder is None:
                continue
            places = _places_in(obj, mentions_by_token, lex)
            for prep in tok.children:  # "taking control of parts of X, including the city of Y"
                if prep.dep_ == "prep" and prep.lower_ == "including":
                    for pobj in prep.children:
                        places.extend(_places_in(pobj, mentions_by_token, lex))
            _emit(state, sent, places, holder, _since(sent, tok.idx, timexes), claims)


def controls_stage(work: Work, config: Config) -> dict[str, Any]:
    """Pipeline stage ``controls``: reads ``doc``, ``mentions``, ``claims``, ``timexes``."""
    del config
    if work.doc is None:
        return {"controls": []}
    found = extract_controls(work.doc, work.mentions, work.claims, work.timexes)
    log.debug("%s: %d control claims", work.raw.id, len(found))
    return {"controls": found}
