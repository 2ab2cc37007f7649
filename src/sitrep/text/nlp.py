"""spaCy's English pipeline, loaded once per process, and the ``parse`` stage."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sitrep.model import Sentence
from sitrep.text import token_attrs

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from sitrep.config import Config
    from sitrep.pipeline import Work


def _newline_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break: a paragraph never shares a sentence."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text_with_ws and not token.is_space:
            token.is_sent_start = True
    return doc


def use_numpy_gemm(nlp: Language) -> int:
    """Run the matrix products of ``nlp``'s models through NumPy's BLAS instead of thinc's
    bundled BLIS; returns the number of model nodes switched.

    Same models, same weights: only who multiplies the matrices changes. On this project's CPUs
    BLIS runs its generic kernel (18 GFLOP/s on the tok2vec's shapes) where NumPy's OpenBLAS
    runs its Haswell one (69 GFLOP/s), and the whole parse gets 1.7x faster; tags,
    dependencies, heads and entities come out identical on every PolNeAR token
    (``bench/gemm_check.py``). thinc supports this switch (``NumpyOps(use_blis=False)``).
    """
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    switched = 0
    for _name, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if isinstance(node.ops, NumpyOps):
                node.ops = ops
                switched += 1
    return switched


@lru_cache(maxsize=4)
def load_nlp(name: str, *, memo_token_attrs: bool = True, numpy_gemm: bool = True) -> Language:
    """Load the spaCy pipeline ``name`` (cached per process; the model ships as a package).

    With ``memo_token_attrs`` (the default) the pipeline's ``attribute_ruler`` + ``lemmatizer``
    pair runs as ``sitrep_token_attrs``: the same POS, MORPH and LEMMA (and the ruler's TAG/DEP
    fixes on whitespace) on every token, 6-20x faster (a cold / a warm memo; see
    :mod:`sitrep.text.token_attrs`). ``memo_token_attrs=False`` keeps spaCy's own pair, for
    comparison (``bench/token_attrs_check.py``). With ``numpy_gemm`` (the default) the models
    multiply matrices with NumPy's BLAS (:func:`use_numpy_gemm`; ``False``: thinc's BLIS).
    """
    import spacy
    from spacy.language import Language

    if not Language.has_factory("sitrep_newline_boundaries"):
        Language.component("sitrep_newline_boundaries", func=_newline_boundaries)
    if not Language.has_factory(token_attrs.FACTORY):
        # spaCy validates a factory's arguments against its annotations, read as written;
        # postponed (string) annotations name a class confection < 1 cannot resolve.
        token_attrs.make_token_attrs.__annotations__.update(nlp=Language, name=str)
        Language.factory(token_attrs.FACTORY, func=token_attrs.make_token_attrs)
    nlp = spacy.load(name)
    nlp.add_pipe("sitrep_newline_boundaries", before="parser")
    nlp.max_length = 2_000_000
    names = nlp.pipe_names
    pair = ["attribute_ruler", "lemmatizer"]
    if memo_token_attrs and any(names[i : i + 2] == pair for i in range(len(names))):
        nlp.add_pipe(token_attrs.FACTORY, after="lemmatizer")
        for pipe in pair:
            nlp.disable_pipe(pipe)
    if numpy_gemm:
        use_numpy_gemm(nlp)
    return nlp


def parse(text: str, *, model: str) -> Doc:
    return load_nlp(model)(text)


def sentences_of(doc: Doc) -> list[Sentence]:
    """Sentence spans with surrounding whitespace trimmed; empty sentences skipped."""
    out: list[Sentence] = []
    text = doc.text
    for sent in doc.sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Sentence(span=(start, end)))
    return out


def parse_stage(work: Work, config: Config) -> dict[str, Any]:
    if work.cleaned is None:
        raise RuntimeError("parse needs the cleaned text")
    doc = parse(work.cleaned.text, model=config.spacy_model)
    return {"doc": doc, "sentences": sentences_of(doc)}
