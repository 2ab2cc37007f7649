"""Which clause a time expression dates: its scope, read from the dependency parse.

A date dates the clause it sits in, and the clauses below it, but not every figure of its
sentence. "The brigade, which crossed the border on August 6, holds 40 villages": August 6
dates the crossing, not the 40 villages, which hold as of the publication. Four kinds of
clause keep their dates to themselves:

* a clause that describes a noun (``relcl``, ``acl``): "the council, which was elected in
  2028, ...", "the hospital, damaged in an air strike in 2030, ..." -- but not a present
  participle after the subject, which tells when the subject acted ("The mayor, speaking on
  Monday, said ...");
* an adverbial clause that places its event before, after or apart from the main one
  (``advcl`` marked by "since", "after", "before", "once", "until", "because", "although",
  "if"...): "Since the offensive began on August 6, troops have taken ..."; one marked by
  "when", "as" or "while", or none ("speaking on Monday, the mayor said"), shares its time;
* a verb's first conjunct when the date follows that verb: "police arrested 11 people on
  March 8 and released 4 of them the next day" -- March 8 dates the arrests only (a date
  before the verb, "On March 8 police arrested 11 and released 4", dates both).

``scope_timexes`` sets ``Timex.scope`` to the characters of that clause; ``None`` means the
whole sentence. ``asof.governing_timex`` skips an expression whose scope does not hold the
figure or claim it dates. The scope is kept with the expression, so a build that re-anchors
expressions later (``link``) keeps it without the parse.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sitrep.model import Span, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from sitrep.config import Config
    from sitrep.pipeline import Work

__all__ = ["scope_stage", "scope_timexes"]

_CLAUSE_DEPS = frozenset(
    {"ROOT", "relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "parataxis", "csubj", "pcomp"}
)
_NOUN_CLAUSES = frozenset({"relcl", "acl"})
_APART_MARKS = frozenset(
    {"since", "after", "before", "once", "until", "till", "because", "although", "though",
     "if", "unless", "whereas"}
)  # fmt: skip
_VERBS = frozenset({"VERB", "AUX"})
_MAX_CLIMB = 64  # head steps: a parse is a tree, this only bounds a malformed one


def _clause_head(token: Token) -> Token:
    """The nearest clause head at or above ``token`` (the root if none is nearer)."""
    for _ in range(_MAX_CLIMB):
        if token.dep_ in _CLAUSE_DEPS and (token.pos_ in _VERBS or token.dep_ == "ROOT"):
            return token
        if token.head.i == token.i:
            return token
        token = token.head
    return token


def _circumstance(head: Token) -> bool:
    """A present participle set off after its clause's subject: "The mayor, speaking on Monday,
    said ..." tells when the subject acted, so it dates the clause ("damaged in 2030" does not)."""
    return head.dep_ == "acl" and head.tag_ == "VBG" and head.head.dep_ in {"nsubj", "nsubjpass"}


def _chars(doc: Doc, first: int, last: int) -> Span:
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _scope(doc: Doc, start: int, end: int) -> Span | None:
    """The characters of the clause that keeps a date at ``start..end`` (chars) to itself."""
    tokens = doc.char_span(start, end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return None
    head = _clause_head(tokens.root)
    if head.dep_ in _NOUN_CLAUSES and not _circumstance(head):
        return _chars(doc, head.left_edge.i, head.right_edge.i)
    if head.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _APART_MARKS for c in head.children
    ):
        return _chars(doc, head.left_edge.i, head.right_edge.i)
    if tokens.start > head.i:
        conjuncts = [c for c in head.rights if c.dep_ == "conj" and c.pos_ in _VERBS]
        if conjuncts and conjuncts[0].left_edge.i > tokens.end:
            last = conjuncts[0].left_edge.i - 1
            while last > head.i and doc[last].dep_ in {"cc", "punct"}:
                last -= 1
            return _chars(doc, head.left_edge.i, last)
    return None


def scope_timexes(doc: Doc, timexes: Sequence[Timex]) -> list[Timex]:
    """The expressions with ``scope`` set from ``doc``'s parse (new objects)."""
    return [dataclasses.replace(t, scope=_scope(doc, *t.span)) for t in timexes]


def scope_stage(work: Work, config: Config) -> dict[str, Any]:
    """Stage ``scope``: the clause each time expression dates (the module docstring)."""
    del config
    return {"timexes": scope_timexes(work.doc, work.timexes)}
