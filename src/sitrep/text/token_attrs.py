"""A memoised stand-in for spaCy's ``attribute_ruler`` + ``lemmatizer``: the same output, faster.

On news text the pair cost as much as the parser (PolNeAR dev, one core, 2026-11-21:
attribute_ruler 14k words/s, lemmatizer 19k, parser 13k): the ruler runs a Matcher of 179
patterns over every token (~50 us a token), the lemmatizer a Python call per token. Yet what
they write on a token (TAG, DEP, POS, MORPH, LEMMA) depends on little more than the token.

Why the memo is exact, not an approximation:

* the ruler matches all its patterns on the doc *before* it writes anything, then applies the
  attributes of every match in pattern order (``AttributeRuler.match`` sorts by pattern id) to
  one token of the matched span; applying the same pattern twice changes nothing. A token's
  output is therefore its input updated by the ids of the patterns that hit it, in order;
* a pattern token whose constraints are on ORTH/TEXT/LOWER/IS_SPACE (the lexeme: a function
  of the token's ``orth``), TAG and DEP, each a string (for IS_SPACE a bool), ``IN``,
  ``NOT_IN`` or ``REGEX``, passes a token or not depending on ``(orth, tag, dep)`` alone.
  ``_Specs`` tests those constraints as spaCy's Matcher does (``_get_attr_values``,
  ``_SetPredicate``, ``_RegexPredicate``); a fixed-length pattern of such tokens (no ``OP``)
  matches where each of its tokens passes. That covers all 179 patterns of en_core_web_sm 3.8
  (8 of them two tokens long: "gon na", "there is"...); any other pattern runs as before, as a
  Matcher over the whole doc;
* the ids a multi-token pattern applies to a token (rare) join that token's key;
* the rule lemmatizer reads ``orth``, POS and MORPH (its own cache key since spaCy 3.5) and
  writes only a token whose lemma is unset, after the ruler;
* POS, MORPH and LEMMA are unset before the ruler (no morphologizer); a doc where they are not
  goes through the real components.

So ``(orth, tag, dep, ids from multi-token patterns)`` determines the five attributes. An
unseen key is computed on its token with spaCy's own ``set_token_attrs`` (the ruler's writer)
and the lemmatizer's own ``lemmatize``, then remembered. ``bench/token_attrs_check.py``
compares both paths on every token of PolNeAR train + dev.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import AttributeRuler, Lemmatizer
    from spacy.strings import StringStore
    from spacy.tokens import Doc, Token

FACTORY = "sitrep_token_attrs"

# What a token-local constraint may read: lexeme attributes of the orth (NORM is left out: a
# tokenizer exception may set it per token) and the tagger's and parser's labels.
_ATTRS = ("ORTH", "LOWER", "TAG", "DEP", "IS_SPACE")
# Memos past this size are dropped (a long-running process over a growing vocabulary); the
# PolNeAR train + dev texts (840k tokens) need ~80k keys.
_MAX_KEYS = 1_000_000

_Local = tuple[int, int, int]  # orth, tag, dep
_Key = tuple[int, int, int, tuple[int, ...]]
_Row = tuple[int, int, int, int, int]  # TAG, DEP, POS, MORPH, LEMMA
# A test of one attribute value: ("in", hashes), ("not_in", hashes) or ("regex", pattern).
_Test = tuple[str, Any]


def _tests(attr: str, value: Any, strings: StringStore) -> list[_Test] | None:
    """``value``'s constraint on ``attr`` as tests of the token's value (a string hash, or 0/1
    for IS_SPACE), as the Matcher reads it; None when it is not one this module reads."""
    if attr == "IS_SPACE":
        return [("in", frozenset({int(value)}))] if isinstance(value, bool) else None
    if isinstance(value, str):
        return [("in", frozenset({strings.add(value)}))]
    if not isinstance(value, dict) or not value:
        return None
    out: list[_Test] = []
    for op, arg in value.items():
        if (
            op in {"IN", "NOT_IN"}
            and isinstance(arg, list)
            and all(isinstance(a, str) for a in arg)
        ):
            out.append((op.lower(), frozenset(strings.add(a) for a in arg)))
        elif op == "REGEX" and isinstance(arg, str):
            out.append(("regex", re.compile(arg)))
        else:
            return None
    return out


def _spec_tests(spec: dict[str, Any], strings: StringStore) -> dict[str, list[_Test]] | None:
    """One pattern token's tests per attribute; None when it reads anything else (or has OP)."""
    out: dict[str, list[_Test]] = {}
    for key, value in spec.items():
        attr = {"TEXT": "ORTH"}.get(key.upper(), key.upper())
        tests = _tests(attr, value, strings) if attr in _ATTRS else None
        if tests is None:
            return None
        out.setdefault(attr, []).extend(tests)
    return out


class _Specs:
    """Which pattern tokens ("specs") a token passes, as a bit mask (one bit per spec).

    The mask is the AND of one mask per attribute (the specs whose constraints on that
    attribute the token's value passes), each remembered per value. Equality and ``IN`` are
    looked up (value -> specs), the rest (``NOT_IN``, ``REGEX``: 5 specs in the sm model) tested.
    """

    def __init__(self, strings: StringStore) -> None:
        self.strings = strings
        self.count = 0
        self.free = dict.fromkeys(_ATTRS, 0)  # specs without a constraint on the attribute
        self.index: dict[str, dict[int, int]] = {a: {} for a in _ATTRS}  # value -> specs
        self.tests: dict[str, list[tuple[int, list[_Test]]]] = {a: [] for a in _ATTRS}
        self.masks: dict[str, dict[int, int]] = {a: {} for a in _ATTRS}

    def add(self, tests: dict[str, list[_Test]]) -> int:
        """Add one spec; returns its bit."""
        bit = 1 << self.count
        self.count += 1
        for attr in _ATTRS:
            mine = tests.get(attr)
            if not mine:
                self.free[attr] |= bit
            elif all(kind == "in" for kind, _ in mine):
                index = self.index[attr]
                for value in frozenset.intersection(*(members for _, members in mine)):
                    index[value] = index.get(value, 0) | bit
            else:
                self.tests[attr].append((bit, mine))
        for masks in self.masks.values():
            masks.clear()
        return bit

    def _passes(self, tests: list[_Test], value: int) -> bool:
        for kind, arg in tests:
            if kind == "in":
                ok = value in arg
            elif kind == "not_in":
                ok = value not in arg
            else:
                ok = bool(arg.search(self.strings[value]))
            if not ok:
                return False
        return True

    def _mask(self, attr: str, value: int) -> int:
        masks = self.masks[attr]
        mask = masks.get(value)
        if mask is None:
            mask = self.free[attr] | self.index[attr].get(value, 0)
            for bit, tests in self.tests[attr]:
                if self._passes(tests, value):
                    mask |= bit
            if len(masks) > _MAX_KEYS:
                masks.clear()
            masks[value] = mask
        return mask

    def mask(self, token: Token) -> int:
        return (
            self._mask("ORTH", token.orth)
            & self._mask("LOWER", token.lower)
            & self._mask("TAG", token.tag)
            & self._mask("DEP", token.dep)
            & self._mask("IS_SPACE", int(token.is_space))
        )


def _indexed(lemmatizer: Lemmatizer) -> Lemmatizer:
    """``lemmatizer`` with its ``lemma_index`` word lists as sets (a new one; the same lemmas).

    ``rule_lemmatize`` asks only ``form in index`` of them, a scan of up to 57k words a rule
    (~140 us a new word, half the memo's time on a cold start); a set answers the same.
    """
    from spacy.lookups import Lookups

    if lemmatizer.mode != "rule" or "lemma_index" not in lemmatizer.lookups:
        return lemmatizer
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            lookups.add_table(name, {pos: frozenset(words) for pos, words in table.items()})
        else:
            lookups.set_table(name, table)
    out = type(lemmatizer)(
        lemmatizer.vocab,
        None,
        name=lemmatizer.name,
        mode=lemmatizer.mode,
        overwrite=lemmatizer.overwrite,
    )
    out.initialize(lookups=lookups)
    return out


class TokenAttrs:
    """Writes what ``ruler`` then ``lemmatizer`` would write, from memos keyed per token."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer) -> None:
        from spacy.matcher import Matcher
        from spacy.tokens._retokenize import set_token_attrs

        if lemmatizer.mode not in {"rule", "lookup"}:
            msg = f"sitrep_token_attrs: lemmatizer mode {lemmatizer.mode!r} is not token-local"
            raise ValueError(msg)
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self._lemmatize = _indexed(lemmatizer).lemmatize
        self._set_token_attrs = set_token_attrs
        strings = ruler.vocab.strings
        self._specs = _Specs(strings)
        self._single: dict[int, int] = {}  # spec bit -> pattern id, for one-token patterns
        # (pattern id, index of the token it writes, spec bit of each of its tokens)
        self._multi: list[tuple[int, int, list[int]]] = []
        self._matcher = Matcher(ruler.vocab)  # the patterns _Specs cannot read (none in sm)
        for attr_id, entry in enumerate(ruler.patterns):
            patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
            tests = [[_spec_tests(s, strings) for s in p] for p in patterns]
            if not all(p and all(t is not None for t in p) for p in tests):
                self._matcher.add(str(attr_id), patterns)
                continue
            for pattern in tests:
                bits = [self._specs.add(t) for t in pattern if t is not None]
                if len(bits) == 1:
                    self._single[bits[0]] = attr_id
                else:
                    self._multi.append((attr_id, ruler.indices[attr_id], bits))
        self._singles = sum(self._single)  # the one-token patterns' specs
        self._starts = 0  # first-token specs of the multi-token patterns
        for _, _, bits in self._multi:
            self._starts |= bits[0]
        self._local: dict[_Local, tuple[int, tuple[int, ...]]] = {}  # -> (mask, single ids)
        self._rows: dict[_Key, _Row] = {}

    def __call__(self, doc: Doc) -> Doc:
        import numpy
        from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG

        if not len(doc):
            return doc
        before = doc.to_array([ORTH, TAG, DEP, POS, MORPH, LEMMA])
        if before[:, 3:].any():
            return self.lemmatizer(self.ruler(doc))
        if len(self._local) > _MAX_KEYS or len(self._rows) > _MAX_KEYS:
            self._local.clear()
            self._rows.clear()
        keys = list(zip(*before[:, :3].T.tolist(), strict=True))
        local = self._local
        found = [local.get(k) or self._learn(doc[i], k) for i, k in enumerate(keys)]
        extra = self._multi_ids(doc, found)
        rows = self._rows
        out: list[_Row] = []
        for i, (key, (_, ids)) in enumerate(zip(keys, found, strict=True)):
            more = extra.get(i, ()) if extra else ()
            full = (*key, more)
            row = rows.get(full)
            if row is None:
                row = rows[full] = self._compute(doc[i], tuple(sorted({*ids, *more})))
            out.append(row)
        values = numpy.array(out, dtype=numpy.uint64)
        doc.from_array([TAG, DEP, POS, MORPH, LEMMA], values)  # type: ignore[arg-type]
        return doc

    def _learn(self, token: Token, key: _Local) -> tuple[int, tuple[int, ...]]:
        mask = self._specs.mask(token)
        hit, found = mask & self._singles, set()
        while hit:
            bit = hit & -hit  # the lowest set bit
            found.add(self._single[bit])
            hit ^= bit
        ids = tuple(sorted(found))
        self._local[key] = (mask, ids)
        return mask, ids

    def _multi_ids(
        self, doc: Doc, found: list[tuple[int, tuple[int, ...]]]
    ) -> dict[int, tuple[int, ...]]:
        """Token index -> ids of the multi-token (and Matcher) patterns the ruler applies to it."""
        from spacy.tokens import Span

        hits: dict[int, set[int]] = {}
        n = len(found)
        starts = self._starts
        if starts:
            for i, (mask, _) in enumerate(found):
                if not mask & starts:
                    continue
                for attr_id, index, bits in self._multi:
                    end = i + len(bits)
                    if end <= n and all(found[i + k][0] & bit for k, bit in enumerate(bits)):
                        # Span indexing as the ruler does it (negative counts from the end)
                        hits.setdefault(Span(doc, i, end)[index].i, set()).add(attr_id)
        if len(self._matcher):
            strings = doc.vocab.strings
            for match_id, start, end in self._matcher(doc, allow_missing=True):
                attr_id = int(strings[match_id])
                token = Span(doc, start, end)[self.ruler.indices[attr_id]]
                hits.setdefault(token.i, set()).add(attr_id)
        return {i: tuple(sorted(ids)) for i, ids in hits.items()}

    def _compute(self, token: Token, ids: tuple[int, ...]) -> _Row:
        """The real components' output on ``token`` (still as the parser left it)."""
        for attr_id in ids:
            self._set_token_attrs(token, self.ruler.attrs[attr_id])
        lemmatizer = self.lemmatizer
        if lemmatizer.overwrite or token.lemma == 0:
            token.lemma_ = self._lemmatize(token)[0]
        return (token.tag, token.dep, token.pos, token.morph.key, token.lemma)  # type: ignore[attr-defined]


def make_token_attrs(nlp: Language, name: str) -> TokenAttrs:
    """spaCy factory: wraps the pipeline's own ``attribute_ruler`` and ``lemmatizer``."""
    del name
    return TokenAttrs(nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer"))  # type: ignore[arg-type]
