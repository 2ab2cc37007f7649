"""clean_article: one test per rule, on invented articles; plus invariants."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitrep.clean import clean_article, clean_stage, detect_language
from sitrep.config import Config
from sitrep.model import RawArticle
from sitrep.pipeline import Work

CONFIG = Config()

# An invented story: a harbour strike in a fictional port city.
NEWS = [
    "Dock workers in the port city of Velmora walked off the job on Tuesday, halting cargo "
    "traffic at the harbour for the first time in a decade.",
    "The Velmora dock workers' union said the strike would continue until the harbour "
    "authority agreed to restore the night-shift pay cut last spring.",
    "The harbour authority said 40 ships were waiting offshore and warned that the strike "
    "could cost the port more than 3 million euros a day.",
    "Union leader Mara Okonjo told reporters that dock workers had offered talks twice and "
    "that the authority had refused both times.",
    "A spokesman for the harbour authority denied refusing talks and said it remained open "
    "to meeting the union later this week.",
    "Shipping companies said they were diverting some cargo to ports further along the coast "
    "while the Velmora strike lasts.",
]


def article(lines: list[str], *, title: str | None = None) -> RawArticle:
    return RawArticle(id="t", source="test", text="\n".join(lines), title=title)


def reasons(lines: list[str]) -> dict[str, str]:
    cleaned = clean_article(article(lines), config=CONFIG)
    return {r.text: r.reason for r in cleaned.removed}


def test_clean_keeps_every_news_sentence() -> None:
    cleaned = clean_article(article(NEWS), config=CONFIG)
    assert cleaned.removed == []
    assert cleaned.text == "\n".join(NEWS)
    assert cleaned.language == "en"


def test_clean_comment_stubs() -> None:
    found = reasons([*NEWS, "Comments are closed.", "Comment:"])
    assert found == {"Comments are closed.": "comments", "Comment:": "comments"}


def test_clean_comment_section_at_the_end() -> None:
    lines = [*NEWS, "3 Comments", "Great article, thanks!", "I disagree with the union."]
    cleaned = clean_article(article(lines), config=CONFIG)
    assert cleaned.text == "\n".join(NEWS)
    assert [r.reason for r in cleaned.removed] == ["comments"] * 3


def test_clean_views_disclaimers() -> None:
    lines = [
        "Views expressed in reader comments do not reflect the policy of the Harbour Daily.",
        "The opinions expressed in this column are the author's own.",
    ]
    found = reasons([*NEWS, *lines])
    assert found == dict.fromkeys(lines, "boilerplate")
    kept = "Views expressed by the union were mixed, and the vote on the strike was delayed."
    assert reasons([*NEWS, kept]) == {}


def test_clean_promo_lines() -> None:
    promo = (
        "The Harbour Daily briefing keeps you informed about the latest developments in the "
        "strike. For full coverage of the dispute, visit our website."
    )
    found = reasons([NEWS[0], promo, "Subscribe now!", *NEWS[1:], "Sign up for our newsletter"])
    assert found == {
        promo: "promo",
        "Subscribe now!": "promo",
        "Sign up for our newsletter": "promo",
    }


def test_clean_image_links_and_captions() -> None:
    lines = [
        NEWS[0],
        "![dock](https://cdn.example/2024/strike.jpg)",
        "https://cdn.example/photos/harbour.png",
        "Photo: Harbour Daily",
        "Фото: пресслужба порта",
        *NEWS[1:],
    ]
    found = reasons(lines)
    assert found == {
        "![dock](https://cdn.example/2024/strike.jpg)": "image_link",
        "https://cdn.example/photos/harbour.png": "image_link",
        "Photo: Harbour Daily": "caption",
        "Фото: пресслужба порта": "caption",
    }


def test_a_wire_caption_without_its_credit_is_a_caption() -> None:
    caption = "Dock workers wave flags outside the harbour gates in Lindau March 3, 2031."
    prose = [
        "The strike in Lindau began on March 3, 2031.",
        "Talks resumed on Tuesday, March 4, 2031.",
        "The union was founded in Lindau in 1931, its leader said on Thursday.",
    ]
    found = reasons([NEWS[0], caption, *prose, *NEWS[1:]])
    assert found == {caption: "caption"}  # prose says "on <date>"


def test_clean_inline_image_is_cut_from_its_line() -> None:
    line = NEWS[0] + " ![](https://cdn.example/a.webp)"
    cleaned = clean_article(article([line, *NEWS[1:]]), config=CONFIG)
    assert cleaned.text.split("\n")[0] == NEWS[0]
    assert [(r.text, r.reason) for r in cleaned.removed] == [
        ("![](https://cdn.example/a.webp)", "image_link")
    ]


def test_clean_credit_lines_go_to_credits() -> None:
    lines = [
        *NEWS,
        "The article is reported by Harbour Daily's Coastal Service and Reuters.",
        "Reporting by Ana Lind; Editing by Tom Berg",
    ]
    cleaned = clean_article(article(lines), config=CONFIG)
    assert cleaned.text == "\n".join(NEWS)
    assert cleaned.credits == [
        "Harbour Daily's Coastal Service and Reuters",
        "Ana Lind",
        "Tom Berg",
    ]
    assert {r.reason for r in cleaned.removed} == {"credit"}


def test_clean_tag_lines() -> None:
    found = reasons([*NEWS[:3], "Velmora, Harbours and Strikes", *NEWS[3:], "Tags: strike, port"])
    assert found == {"Velmora, Harbours and Strikes": "tags", "Tags: strike, port": "tags"}


def test_clean_boilerplate_lines() -> None:
    found = reasons(
        [
            *NEWS[:2],
            "Advertisement",
            *NEWS[2:],
            "Share this article",
            "© 2024 Harbour Daily. All rights reserved.",
        ]
    )
    assert set(found.values()) == {"boilerplate"}
    assert len(found) == 3


def test_clean_foreign_language_line_relative_to_article() -> None:
    german = (
        "Die Hafenarbeiter haben am Dienstag ihre Arbeit niedergelegt und wollen weiter streiken, "
        "bis die Behörde einlenkt."
    )
    found = reasons([*NEWS[:3], german, *NEWS[3:]])
    assert found == {german: "foreign_language"}
    # the same line in a German article is at home
    german_article = [
        "Die Hafenarbeiter in Velmora haben am Dienstag die Arbeit niedergelegt und den Hafen "
        "lahmgelegt, zum ersten Mal seit zehn Jahren.",
        german,
        "Die Gewerkschaft sagte, der Streik werde fortgesetzt, bis die Hafenbehörde die Kürzung "
        "der Nachtschichtzulage zurücknimmt.",
    ]
    cleaned = clean_article(article(german_article), config=CONFIG)
    assert cleaned.language == "de"
    assert cleaned.removed == []


def test_clean_english_line_with_names_is_not_foreign() -> None:
    line = "Coinbase Pro offers a mobile app on both the iOS and Android platforms."
    assert reasons([*NEWS[:3], line, *NEWS[3:]]) == {}


def test_clean_off_topic_pasted_paragraph() -> None:
    recipe = (
        "To make the perfect sponge cake, whisk four eggs with caster sugar until pale and "
        "fluffy, then gently fold in sifted flour, melted butter and a pinch of vanilla before "
        "baking for twenty minutes in a preheated oven."
    )
    found = reasons([*NEWS[:3], recipe, *NEWS[3:]])
    assert found == {recipe: "off_topic"}


def test_clean_off_topic_with_topical_hook_sentence() -> None:
    pasted = (
        "Strikes at the harbour are nothing new for dock workers. In the eighteenth century, "
        "clockmakers in alpine villages carved intricate wooden gears by candlelight and sold "
        "elaborate cuckoo mechanisms to travelling merchants at seasonal markets."
    )
    found = reasons([*NEWS, pasted])
    assert found == {pasted: "off_topic"}


def test_clean_short_article_is_not_judged_off_topic() -> None:
    recipe = "Whisk four eggs with caster sugar until pale, fold in sifted flour and bake gently."
    assert reasons([NEWS[0], recipe]) == {}


def test_clean_stage_returns_declared_field() -> None:
    out = clean_stage(Work(raw=article(NEWS)), CONFIG)
    assert set(out) == {"cleaned"}
    assert out["cleaned"].text == "\n".join(NEWS)


def test_clean_detect_language() -> None:
    assert detect_language(" ".join(NEWS)) == "en"


LINES = st.lists(
    st.sampled_from(
        [
            *NEWS,
            "Comments are closed.",
            "Subscribe now!",
            "Photo: Harbour Daily",
            "![](https://cdn.example/a.jpg)",
            "Reporting by Ana Lind",
            "Velmora, Harbours and Strikes",
            "",
            "   ",
            "* * *",
        ]
    ),
    max_size=14,
)


@settings(max_examples=60, deadline=None)
@given(LINES)
def test_clean_nothing_dropped_silently(lines: list[str]) -> None:
    cleaned = clean_article(article(lines), config=CONFIG)
    kept = cleaned.text.split("\n") if cleaned.text else []
    pieces = [*kept, *(r.text for r in cleaned.removed)]
    for line in lines:
        if line.strip():
            assert any(piece in line or line in piece for piece in pieces), line
    # the text is exactly the kept lines: no empty lines, no padding
    assert all(k and k == k.strip() for k in kept)
    # idempotent: cleaning the cleaned text removes nothing more
    again = clean_article(article(kept), config=CONFIG)
    assert again.text == cleaned.text


def test_clean_comment_thread_known_by_its_signatures() -> None:
    thread = [
        "The union should have struck years ago. Posted by: dockhand | March 3, 2031 9:41 AM"
        " | Report abuse",
        "Shipping costs will rise for everyone now.",
        "Posted by: velmoran | March 3, 2031 10:02 AM | Report abuse",
    ]
    cleaned = clean_article(article([*NEWS, *thread]), config=CONFIG)
    assert cleaned.text == "\n".join(NEWS)
    assert [r.reason for r in cleaned.removed] == ["comments"] * 3
    # one signature alone may be a byline: nothing goes
    assert reasons([*NEWS, thread[2]]) == {}


def test_clean_comment_thread_signed_before_each_comment() -> None:
    thread = [
        "At 09:12 4th Mar 2031, dockhand wrote: The union should have struck years ago.",
        "Shipping costs will rise for everyone now.",
        "At 3:40 pm on 04 Mar 2031, velmoran wrote: 40 ships a day used to call here.",
    ]
    cleaned = clean_article(article([*NEWS, *thread]), config=CONFIG)
    assert cleaned.text == "\n".join(NEWS)
    assert [r.reason for r in cleaned.removed] == ["comments"] * 3
    # a clock time that opens a sentence of the article is no signature
    assert reasons([*NEWS, "At 9:40 on Monday, the crane operators wrote to the board."]) == {}


def test_clean_print_edition_note_ends_the_article() -> None:
    tail = [
        "A version appeared on p12 of the Main section of the Harbour Daily on Monday 3 March "
        "2031 Follow the latest port news on Twitter dockhand: 40 ships queued today",
        "Buy the ebook from our shop.",
    ]
    cleaned = clean_article(article([*NEWS, *tail]), config=CONFIG)
    assert cleaned.text == "\n".join(NEWS)
    assert [r.reason for r in cleaned.removed] == ["boilerplate"] * 2
    # a sentence of the article that tells where a story appeared stays
    said = "The report, which appeared on page 3 of the Lindau Courier, named no source."
    assert reasons([*NEWS, said]) == {}


def test_clean_a_closed_debate_opens_the_comments_wherever_it_stands() -> None:
    page = [
        "How should the port of Velmora recover from the strike?",
        "This debate is now closed.",
        "The union should have struck years ago.",
        "Ann Velko, Lindau",
        *NEWS,
    ]
    cleaned = clean_article(article(page), config=CONFIG)
    assert cleaned.text == page[0]
    assert {r.reason for r in cleaned.removed} == {"comments"}
    # a wire's signature, twice, makes a thread
    thread = [
        "The union should have struck years ago. Mar 04, 2031 6:19 pm EDT -- Report as abuse",
        "Shipping costs will rise now. Mar 04, 2031 7:02 pm EDT -- Report as abuse",
    ]
    assert set(reasons([*NEWS, *thread]).values()) == {"comments"}


def test_article_language_from_script_and_from_english_words() -> None:
    from sitrep.clean import article_language

    # a script lingua is not asked about names its language
    assert article_language("নদীর উপর নতুন সেতুটি আজ খুলে দেওয়া হয়েছে বলে জানিয়েছেন কর্মকর্তারা।") == "bn"
    assert (
        article_language("Kyiv says 12 drones were downed over the region on Tuesday night.")
        == "en"
    )
    assert (
        article_language(
            "Die Hafenarbeiter in Velmora haben am Dienstag die Arbeit niedergelegt und den Hafen "
            "lahmgelegt, zum ersten Mal seit zehn Jahren."
        )
        == "de"
    )
