"""Duplicates: exact, near (MinHash over word 5-grams), paraphrased; precision first."""

from __future__ import annotations

from sitrep.link.dedup import find_duplicates, jaccard, minhash, novel_sentences
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


# A wire story and a newspaper's rewrite of it: the same facts, figures and names, in other
# words and another order (few sentences keep a close word-for-word partner).
WIRE = (
    "The ferry Aldra capsized in the Sarnow Strait on Friday morning in high winds, killing "
    "at least 14 people, the coast guard said. Rescue boats pulled 212 passengers from the "
    "water, and 9 are still missing. Transport Minister Oskar Lind told reporters the vessel "
    "had been carrying 40 more passengers than its licence allowed. The ferry, built in 1988, "
    "failed its last safety inspection, according to port records. Lind said an inquiry "
    "would report within 30 days."
)
WIRE_REWRITE = (
    "At least 14 people died when the Aldra overturned in rough seas off Sarnow Strait "
    "early on Friday, according to coast guard officials. Crews in lifeboats rescued 212 of "
    "those on board; 9 remain unaccounted for. Speaking to journalists, Oskar Lind, the "
    "transport minister, said the ship held 40 passengers over its permitted limit. Records "
    "at the port show the 1988 vessel did not pass its most recent safety check. An inquiry "
    "will deliver findings inside 30 days, Lind said."
)
FOLLOW_UP = (
    "Divers recovered two more bodies from the wreck of the ferry Aldra in the Sarnow Strait "
    "on Sunday, raising the toll to 16, the coast guard said. Families of the 7 still missing "
    "gathered at the harbour. Transport Minister Oskar Lind visited survivors in hospital and "
    "promised compensation of 50,000 crowns per family. Opposition deputies called on Lind to "
    "resign over the 1988 ferry's failed inspection."
)
FERRY_NAMES = ("Aldra", "Sarnow Strait", "Oskar Lind")
FERRY_FIGS = (
    Fig("14", 14, counts="people"),
    Fig("212", 212, counts="passengers"),
    Fig("9", 9, counts="people"),
    Fig("40", 40, counts="passengers"),
    Fig("30 days", 30, unit="day"),
)
FOLLOW_UP_FIGS = (
    Fig("16", 16, counts="people"),
    Fig("7 still missing", 7, counts="people"),
    Fig("50,000 crowns", 50_000, unit="crown"),
)


def _ferry(doc_id: str, text: str, day: str, figs: tuple[Fig, ...]) -> AnalyzedArticle:
    return make(
        doc_id, text, published=day, places=FERRY_NAMES[:2], people=FERRY_NAMES[2:], figures=figs
    )


def test_reworded_rewrite_with_same_facts_is_a_duplicate() -> None:
    wire = _ferry("wire", WIRE, "2025-06-06", FERRY_FIGS)
    rewrite = _ferry("paper", WIRE_REWRITE, "2025-06-07", FERRY_FIGS)
    dups = find_duplicates([rewrite, wire])
    assert [(d.document, d.duplicate_of) for d in dups] == [("paper", "wire")]
    assert dups[0].evidence.startswith("paraphrase")


def test_reworded_rewrite_needs_its_figures_to_match() -> None:
    # the same wording with only two of the five figures in common is not the same report
    other_figs = (*FERRY_FIGS[:2], Fig("9", 11), Fig("40", 55), Fig("30 days", 20, unit="day"))
    wire = _ferry("wire", WIRE, "2025-06-06", FERRY_FIGS)
    rewrite = _ferry("paper", WIRE_REWRITE, "2025-06-07", other_figs)
    assert find_duplicates([wire, rewrite]) == []


def test_follow_up_with_same_names_is_not_a_duplicate() -> None:
    wire = _ferry("wire", WIRE, "2025-06-06", FERRY_FIGS)
    follow = _ferry("later", FOLLOW_UP, "2025-06-08", FOLLOW_UP_FIGS)
    rewrite = _ferry("paper", WIRE_REWRITE, "2025-06-07", FERRY_FIGS)
    dups = find_duplicates([wire, follow, rewrite])
    assert [(d.document, d.duplicate_of) for d in dups] == [("paper", "wire")]


def test_novel_sentences_of_a_rewrite_are_its_added_facts() -> None:
    extra = "On Saturday the government declared three days of national mourning."
    wire = _ferry("wire", WIRE, "2025-06-06", FERRY_FIGS)
    rewrite = _ferry("paper", WIRE_REWRITE + " " + extra, "2025-06-07", FERRY_FIGS)
    dups = find_duplicates([wire, rewrite])
    assert [(d.document, d.duplicate_of) for d in dups] == [("paper", "wire")]
    spans = novel_sentences(rewrite, wire)
    assert [rewrite.text[a:b] for a, b in spans] == [extra]
    assert novel_sentences(wire, wire) == []
