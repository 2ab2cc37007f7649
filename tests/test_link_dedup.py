"""Duplicates: exact, near (MinHash over word 5-grams), paraphrased; precision first."""

from __future__ import annotations

from sitrep.link.dedup import find_duplicates, jaccard, minhash
from sitrep.model import AnalyzedArticle
from test_link_builders import Fig, make

STORY = (
    "The river port of Orlava reopened on Tuesday after three weeks of repairs, the harbour "
    "authority said. Crews replaced 40 meters of the eastern pier and dredged the main channel. "
    "Shipping firms had diverted some 120 vessels to the port of Kessin during the closure. "
    "Harbour master Ilse Brandt said traffic should return to normal by the end of the month. "
    "Local traders estimated their losses at 2 million euros."
)
REWRITE = (
    "After three weeks of repair work, Orlava's river port opened again on Tuesday, according "
    "to the harbour authority. Work crews replaced 40 meters of the eastern pier and dredged "
    "the main channel. During the closure, shipping firms diverted some 120 vessels to Kessin's "
    "port. Traffic should be back to normal by the end of the month, harbour master Ilse Brandt "
    "said. Traders in the area put their losses at 2 million euros."
)
OTHER = (
    "The regional council of Orlava approved a new budget on Tuesday. Council leader Marta Voss "
    "said spending on schools would rise by 4 percent. The opposition voted against the plan, "
    "saying it neglected rural roads. The budget takes effect in January."
)

NAMES = ("Orlava", "Kessin", "Ilse Brandt", "Marta Voss")
FIGS = (
    Fig("40 meters", 40, unit="m"),
    Fig("120 vessels", 120, counts="vessels"),
    Fig("2 million euros", 2_000_000, unit="EUR"),
)


def _doc(
    doc_id: str, text: str, published: str | None, figs: tuple[Fig, ...] = FIGS
) -> AnalyzedArticle:
    return make(doc_id, text, published=published, places=NAMES[:2], people=NAMES[2:], figures=figs)


def test_exact_copy_points_to_earliest_published() -> None:
    later, earlier = _doc("b", STORY, "2024-05-02"), _doc("a", STORY, "2024-05-01")
    dups = find_duplicates([later, earlier])
    assert [(d.document, d.duplicate_of) for d in dups] == [("b", "a")]
    assert dups[0].evidence.startswith("exact")


def test_near_copy_with_extra_line() -> None:
    near = STORY + " Comments are closed."
    dups = find_duplicates([_doc("a", STORY, "2024-05-01"), _doc("b", near, "2024-05-01")])
    assert [(d.document, d.duplicate_of) for d in dups] == [("b", "a")]
    assert "jaccard" in dups[0].evidence


def test_paraphrased_wire_story_found() -> None:
    dups = find_duplicates([_doc("a", STORY, "2024-05-01"), _doc("b", REWRITE, "2024-05-01")])
    assert [(d.document, d.duplicate_of) for d in dups] == [("b", "a")]
    assert dups[0].evidence.startswith("paraphrase")


def test_same_place_different_story_is_not_duplicate() -> None:
    other = make("c", OTHER, published="2024-05-01", places=("Orlava",), people=("Marta Voss",))
    assert find_duplicates([_doc("a", STORY, "2024-05-01"), other]) == []


def test_glued_page_is_not_a_duplicate_of_its_part() -> None:
    glued = STORY + " " + OTHER + " " + OTHER.replace("Orlava", "Kessin")
    assert find_duplicates([_doc("a", STORY, "2024-05-01"), _doc("b", glued, "2024-05-02")]) == []


def test_chain_of_copies_points_to_root() -> None:
    docs = [_doc(x, STORY, f"2024-05-0{i}") for i, x in enumerate("abc", start=1)]
    assert {d.duplicate_of for d in find_duplicates(docs)} == {"a"}


def test_minhash_estimates_jaccard() -> None:
    a, b = set(range(0, 1000)), set(range(200, 1200))
    est = float((minhash(a) == minhash(b)).mean())
    assert abs(est - jaccard(a, b)) < 0.15
