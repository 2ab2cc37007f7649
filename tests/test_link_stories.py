"""Story splitting: topical separation, ids, and invariants under input order (Hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.link.stories import LARGE_STORY, build_stories, split_stories
from sitrep.model import AnalyzedArticle, Duplicate
from test_link_builders import make

TOPICS = {
    "port": (
        "The river port of {p} reopened after repairs to the eastern pier. Shipping firms said "
        "vessels diverted during the closure would return. The harbour authority dredged the "
        "channel and inspected the cranes.",
        ("Orlava", "Kessin"),
    ),
    "vote": (
        "The council of {p} approved the budget after a long vote. The opposition said the "
        "budget neglected schools and rural roads. Council members debated spending until "
        "midnight.",
        ("Marta Voss", "Lindau"),
    ),
    "fire": (
        "A forest fire near {p} forced evacuations as firefighters battled flames overnight. "
        "Water-dropping aircraft joined crews on the ridge. Smoke closed the highway and "
        "schools.",
        ("Tamsin Reach", "Greyvale"),
    ),
}


def _article(doc_id: str, topic: str, variant: int, day: int) -> AnalyzedArticle:
    template, names = TOPICS[topic]
    text = template.format(p=names[variant % 2]) + f" Update number {variant}."
    return make(doc_id, text, published=f"2024-03-{day:02d}", places=names)


ARTICLES = [
    _article(f"{topic}{i}", topic, i, 1 + (i * 3 + n) % 20)
    for n, topic in enumerate(TOPICS)
    for i in range(4)
]


def test_topics_split_into_stories() -> None:
    story_of = split_stories(ARTICLES)
    for topic in TOPICS:
        assert len({story_of[f"{topic}{i}"] for i in range(4)}) == 1
    assert len(set(story_of.values())) == 3


def test_ids_follow_first_article_date() -> None:
    story_of = split_stories(ARTICLES)
    first = min(ARTICLES, key=lambda a: (a.published.date, a.id))
    assert story_of[first.id] == "s1"
    assert sorted(set(story_of.values())) == ["s1", "s2", "s3"]


def test_duplicate_joins_its_original() -> None:
    copy = make("copy", ARTICLES[0].text, published="2024-01-01")
    story_of = split_stories(
        [*ARTICLES, copy],
        duplicates=[Duplicate(document="copy", duplicate_of="port0", evidence="")],
    )
    assert story_of["copy"] == story_of["port0"]


def test_labels_name_top_entities() -> None:
    story_of = split_stories(ARTICLES)
    stories = build_stories(ARTICLES, story_of)
    fire = next(s for s in stories if "fire0" in s.documents)
    assert "Greyvale" in fire.label or "Tamsin Reach" in fire.label
    assert sorted(d for s in stories for d in s.documents) == sorted(a.id for a in ARTICLES)


@settings(max_examples=30, deadline=None)
@given(st.permutations(ARTICLES))
def test_order_independent_and_every_article_in_one_story(order: list[AnalyzedArticle]) -> None:
    expected = split_stories(ARTICLES)
    got = split_stories(list(order))
    assert got == expected
    assert set(got) == {a.id for a in ARTICLES}
    stories = build_stories(list(order), got)
    members = [d for s in stories for d in s.documents]
    assert sorted(members) == sorted(a.id for a in ARTICLES)
    assert len(members) == len(set(members))


def _port_wave(n: int) -> list[AnalyzedArticle]:
    return [_article(f"wave{i}", "port", i, 1 + i) for i in range(n)]


SIDE = (
    "Dock workers at Orlava said the harbour authority still owes them overtime for the pier "
    "repairs. Kessin shipping firms want the dredged channel inspected again."
)


def _split(articles: list[AnalyzedArticle], attach: float) -> dict[str, str]:
    # a high assignment threshold leaves the side article alone, so that only attach can move it
    return split_stories(articles, threshold=0.7, merge_threshold=0.95, attach_threshold=attach)


def test_small_story_attaches_to_large_story_it_falls_within() -> None:
    side = make("side", SIDE, published="2024-03-05", places=("Orlava", "Kessin"))
    wave = _port_wave(LARGE_STORY)
    assert _split([*wave, side], attach=0.99)["side"] != _split(wave, 0.99)["wave0"]
    got = _split([*wave, side], attach=0.1)
    assert got["side"] == got["wave0"]
    assert len(set(got.values())) == 1


def test_small_story_does_not_attach_when_undated_late_or_to_a_small_story() -> None:
    undated = make("side", SIDE, published=None, places=("Orlava", "Kessin"))
    late = make("side", SIDE, published="2024-09-01", places=("Orlava", "Kessin"))
    for side in (undated, late):
        got = _split([*_port_wave(LARGE_STORY), side], attach=0.1)
        assert got["side"] != got["wave0"]
    side = make("side", SIDE, published="2024-03-05", places=("Orlava", "Kessin"))
    got = _split([*_port_wave(LARGE_STORY - 1), side], attach=0.1)
    assert got["side"] != got["wave0"]


def test_labels_leave_out_the_news_outlets_that_cover_the_story() -> None:
    articles = [
        make(
            f"w{i}",
            f"HARLOW (Reuters) - The Harlow dam in Kessel leaked again on day {i}.",
            orgs=("Reuters",),
            places=("Harlow", "Kessel"),
        )
        for i in range(3)
    ]
    (story,) = build_stories(articles, {a.id: "s1" for a in articles})
    assert "Reuters" not in story.label
    assert "Harlow" in story.label and "Kessel" in story.label
