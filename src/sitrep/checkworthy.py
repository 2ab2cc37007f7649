"""Check-worthiness: how much a sentence asserts a checkable fact.

Two scorers:

* ``score_sentence`` / ``score_texts``: a logistic regression on TF-IDF word and character
  n-grams, trained on CheckThat! 2024 (``bench/checkworthy_train.py``) and shipped pickle-free as
  JSON in ``models/checkworthy.json`` (vocabulary, idf and coefficients; rebuilt into
  scikit-learn vectorizers at load time). 0.82 positive-class F1 on ct24 dev-test at the 0.5
  threshold, against 0.77 for the hand weights (bench/RESULTS.md).
* ``hand_score``: the transparent score the model replaced, a base plus feature weights
  (``data/checkworthy.json``) clipped to 0..1: figures, named entities, attribution, dates and past
  events raise it; questions, first-person opinion, evaluative words, promotional calls to action
  and very short fragments lower it. ``sentence_features`` returns those features so a score can
  always be explained.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from sitrep.figures import lexicon, load_data

_ENTITY_LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


@cache
def _table() -> dict[str, Any]:
    data: dict[str, Any] = load_data("checkworthy.json")
    return data


@cache
def _cue_lemmas() -> frozenset[str]:
    return frozenset(load_data("attribution.json")["cue_verbs"])


def _phrase_in(text: str, phrases: list[str]) -> bool:
    return any(re.search(rf"\b{re.escape(p)}\b", text) for p in phrases)


def sentence_features(sent: Any) -> dict[str, float]:
    """The features of a spaCy sentence ``Span`` that ``score_sentence`` weighs (counts/flags)."""
    table = _table()
    lex = lexicon()
    lower = sent.text.lower()
    tokens = [t for t in sent if not t.is_space]
    number = any(
        (t.like_num or t.lower_ in lex.words or t.lower_ in {"dozens", "hundreds", "thousands"})
        and not re.fullmatch(r"(1[89]|20)\d\d", t.text)
        and t.ent_type_ not in {"DATE", "TIME", "ORDINAL"}
        for t in tokens
    )
    in_quote = sent.text.count("“") + sent.text.count('"') > 0
    feats: dict[str, float] = {
        "number": float(number),
        "year_or_date": float(any(e.label_ == "DATE" for e in sent.ents)),
        "named_entity": float(
            min(table["entity_cap"], sum(1 for e in sent.ents if e.label_ in _ENTITY_LABELS))
        ),
        "attribution": float(
            any(t.lemma_.lower() in _cue_lemmas() and t.pos_ == "VERB" for t in tokens)
            or "according to" in lower
        ),
        "event_verb": float(
            any(t.tag_ in {"VBD", "VBN"} and t.pos_ in {"VERB", "AUX"} for t in tokens)
        ),
        "question": float(sent.text.rstrip().rstrip("”\"'").endswith("?")),
        "first_person": float(
            not in_quote and any(t.lower_ in table["first_person"] for t in tokens)
        ),
        "opinion": float(_phrase_in(lower, table["opinion_words"])),
        "promo": float(_phrase_in(lower, table["promo_words"])),
        "short": float(len(tokens) < table["short_tokens"]),
    }
    return feats


def hand_score(sent: Any) -> float:
    """Hand-weighted check-worthiness of a spaCy sentence ``Span`` in 0..1.

    Example:
        "The ministry said 14 drones were shot down over Kursk on Tuesday." scores high
        (number, attribution, entities, date); "What happens next?" scores low.
    """
    table = _table()
    weights: dict[str, float] = table["weights"]
    score = float(table["base"])
    for name, value in sentence_features(sent).items():
        score += weights.get(name, 0.0) * value
    return round(min(1.0, max(0.0, score)), 3)


@dataclass(frozen=True, slots=True)
class CheckworthyModel:
    """The shipped model: vectorizers, coefficients, intercept and decision threshold."""

    vectorizers: tuple[Any, ...]
    coef: Any  # numpy array, one weight per column of the stacked vectorizers
    intercept: float
    threshold: float

    def scores(self, texts: list[str]) -> list[float]:
        """Probability that each text is check-worthy."""
        import numpy as np
        from scipy.sparse import hstack

        if not texts:
            return []
        x = hstack([vec.transform(texts) for vec in self.vectorizers]).tocsr()
        z = x @ self.coef + self.intercept
        return [float(p) for p in 1.0 / (1.0 + np.exp(-z))]


_WORD_MEMO_SIZE = 200_000  # words whose n-gram columns are remembered (~50 MB at most)


@cache
def _counting_vectorizer() -> type:
    """``TfidfVectorizer`` whose ``char_wb`` counts come from n-grams remembered per word.

    scikit-learn's ``_count_vocab`` cuts every word into n-grams and counts them in a Python
    loop: ~60% of the rules' time in ``extract_claims`` (PolNeAR dev, 2026-11-21). ``char_wb``
    n-grams never cross a space, so a text's are the concatenation of its words' (each word cut
    by scikit-learn's own ``_char_wb_ngrams``); they are looked up once per distinct word and
    counted by ``collections.Counter`` (in C). Same counts, same sorted CSR matrix: the same
    scores to the last bit (compared on the 21k PolNeAR paragraphs).
    """
    from collections import Counter
    from itertools import chain

    import numpy as np
    import scipy.sparse as sp
    from sklearn.feature_extraction import text

    class CountingTfidfVectorizer(text.TfidfVectorizer):  # type: ignore[misc]
        def _count_vocab(self, raw_documents: Any, fixed_vocab: bool) -> Any:
            if not fixed_vocab or self.analyzer != "char_wb" or self.strip_accents is not None:
                return super()._count_vocab(raw_documents, fixed_vocab)
            vocabulary = self.vocabulary_
            memo: dict[str, list[int]] = self.__dict__.setdefault("_sitrep_word_columns", {})
            columns: list[int] = []
            values: list[int] = []
            indptr = [0]
            for doc in raw_documents:
                per_word: list[list[int]] = []
                for word in (doc.lower() if self.lowercase else doc).split():
                    found = memo.get(word)
                    if found is None:
                        if len(memo) > _WORD_MEMO_SIZE:
                            memo.clear()
                        grams = self._char_wb_ngrams(word)
                        found = memo[word] = [vocabulary[g] for g in grams if g in vocabulary]
                    per_word.append(found)
                counts = Counter(chain.from_iterable(per_word))
                columns.extend(counts)
                values.extend(counts.values())
                indptr.append(len(columns))
            x = sp.csr_array(
                (
                    np.asarray(values, dtype=np.intc),
                    np.asarray(columns, dtype=np.int32),
                    np.asarray(indptr, dtype=np.int32),
                ),
                shape=(len(indptr) - 1, len(vocabulary)),
                dtype=self.dtype,
            )
            x.sort_indices()
            return vocabulary, text._align_api_if_sparse(x)

    return CountingTfidfVectorizer


def _vectorizer(spec: dict[str, Any]) -> Any:
    import numpy as np

    params = dict(spec["params"])
    params["ngram_range"] = tuple(params["ngram_range"])
    vec = _counting_vectorizer()(**params)
    vec.vocabulary_ = {term: i for i, term in enumerate(spec["vocabulary"])}
    vec.idf_ = np.asarray(spec["idf"], dtype=np.float64)
    return vec


@cache
def load_model() -> CheckworthyModel:
    """The shipped model (``models/checkworthy.json``), loaded once per process."""
    import numpy as np

    path = resources.files("sitrep") / "models" / "checkworthy.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return CheckworthyModel(
        vectorizers=tuple(_vectorizer(v) for v in data["vectorizers"]),
        coef=np.asarray(data["coef"], dtype=np.float64),
        intercept=float(data["intercept"]),
        threshold=float(data["threshold"]),
    )


def score_texts(texts: list[str]) -> list[float]:
    """Check-worthiness in 0..1 of each text (the trained model), rounded to 3 digits."""
    return [round(p, 3) for p in load_model().scores([" ".join(t.split()) for t in texts])]


def score_sentence(sent: Any) -> float:
    """Check-worthiness of a spaCy sentence ``Span`` (or any object with ``.text``) in 0..1.

    Example:
        "The ministry said 14 drones were shot down over Kursk on Tuesday." scores high;
        "What happens next?" scores low.
    """
    return score_texts([sent.text])[0]
