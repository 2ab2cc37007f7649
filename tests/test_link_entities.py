"""Entity merging rules: transliteration, titles, acronyms, word order, demonyms, ambiguity."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from sitrep.link.entities import link_entities
from sitrep.link.names import fold_token, initials, name_key, strip_title, translit
from sitrep.model import AnalyzedArticle
from test_link_builders import Fig, make


def test_transliteration_variants_fold_together() -> None:
    assert {fold_token(x) for x in ("Zelensky", "Zelenskiy", "Zelenskyy", "Зеленський")} == {
        fold_token("Zelensky")
    }
    assert fold_token("Shoigu") == fold_token("Shoygu")
    assert fold_token("Kharkiv") != fold_token("Kherson")


def test_word_order_and_spelling_of_ministries() -> None:
    keys = {
        name_key(x)
        for x in (
            "Russia's defense ministry",
            "Russian Defense Ministry",
            "the Russian Ministry of Defense",
            "Russia's Ministry of Defence",
        )
    }
    assert len(keys) == 1
    assert name_key("Russian Defense Ministry") != name_key("Russian Foreign Ministry")


def test_titles_and_initials() -> None:
    assert strip_title("Ukrainian President Volodymyr Zelensky") == "Volodymyr Zelensky"
    assert strip_title("Gen. Valery Gerasimov") == "Valery Gerasimov"
    assert strip_title("Chairman Ivo S. Harlow") == "Ivo S. Harlow"
    assert strip_title("Secretary of State Mara Velko") == "Mara Velko"
    assert strip_title("Lt. Gen. Mara Velko") == "Mara Velko"
    assert strip_title("Executive Ivo Harlow") == "Ivo Harlow"  # "Chief" left outside the name
    assert strip_title("Dr Mara Velko") == "Mara Velko"  # British style, no dot
    assert strip_title("Lawyer Ivo Harlow") == "Ivo Harlow"
    # an office, not a titled name: nothing is left to strip the title from
    assert strip_title("Speaker of the House") == "Speaker of the House"
    assert strip_title("President of Lindau") == "President of Lindau"
    assert initials("the Institute for the Study of War") == {"ISW"}
    assert "ISW" in initials("American Institute for the Study of War")


def test_a_short_name_of_an_organisation_is_the_organisation() -> None:
    assert name_key("the Fed") == name_key("Federal Reserve") == name_key("Federal Reserve Board")
    assert name_key("Fed") != name_key("Federal Reserve Bank of Kessel")
    assert name_key("AP") == name_key("Associated Press")
    # a company's legal form does not change whose name it is
    assert (
        name_key("Harlow Drilling PLC")
        == name_key("Harlow Drilling Inc.")
        == name_key("Harlow Drilling")
    )
    assert name_key("Co.") == "co"  # a suffix alone is kept


def test_a_us_state_as_ap_abbreviates_it_is_the_state() -> None:
    assert name_key("La.") == name_key("La") == name_key("Louisiana")
    assert name_key("N.Y.") == name_key("New York")
    # bare words that mean something else are no state
    assert name_key("Miss") != name_key("Mississippi")
    assert name_key("Miss.") == name_key("Mississippi")


def test_group_key_differs_from_country() -> None:
    assert name_key("Ukrainians", group=True) == name_key("Ukrainian", group=True)
    assert name_key("Ukrainian", group=True) != name_key("Ukraine")


def test_surname_is_ambiguous_when_two_full_names_share_it() -> None:
    a = make(
        "a",
        "Anna Kovacs met Peter Kovacs in Lindau. Kovacs said the talks went well.",
        people=("Anna Kovacs", "Peter Kovacs", "Kovacs"),
        places=("Lindau",),
    )
    index = link_entities([a])
    links = index.mention_entities["a"]
    ids = {a.text[s[0] : s[1]]: e for s, e in links.items()}
    assert len(set(ids.values())) == 4  # Anna, Peter, the lone Kovacs, Lindau


def test_surname_resolved_within_its_story() -> None:
    a = make("a", "Anna Kovacs spoke in Lindau. Kovacs left.", people=("Anna Kovacs", "Kovacs"))
    b = make(
        "b", "Peter Kovacs spoke in Greyvale. Kovacs stayed.", people=("Peter Kovacs", "Kovacs")
    )
    index = link_entities([a, b], story_of={"a": "s1", "b": "s2"})
    la, lb = index.mention_entities["a"], index.mention_entities["b"]
    assert len(set(la.values())) == 1
    assert len(set(lb.values())) == 1
    assert set(la.values()) != set(lb.values())


def test_a_lone_surname_resolves_to_the_full_name_it_joined() -> None:
    a = make("a", "Mara Velko spoke in Lindau. Velko left.", people=("Mara Velko", "Velko"))
    index = link_entities([a])
    (eid,) = set(index.mention_entities["a"].values())
    # a claim's "she" carries the antecedent's name, which linking resolves by its key
    assert index.resolve("Velko") == eid
    assert index.resolve("Mara Velko") == eid


def test_acronym_from_initials_only_when_unique() -> None:
    text = "The Institute for the Study of War said so. ISW added a map."
    art = make("a", text, orgs=("Institute for the Study of War", "ISW"))
    assert len(set(link_entities([art]).mention_entities["a"].values())) == 1
    two = make(
        "b",
        text + " The Iberian Society of Wine disagreed.",
        orgs=("Institute for the Study of War", "ISW", "Iberian Society of Wine"),
    )
    assert len(set(link_entities([two]).mention_entities["b"].values())) == 3


def test_acronym_goes_to_the_long_name_most_use() -> None:
    # a typo of the long name is no second long name; "and <word>" may stay out of the acronym
    text = (
        "The Kessel Water Board said so. The Kessel Water Board added a map. "
        "The Kessel Water Board met. The Kessel Water Board left. "
        "KWB staff agreed. The Kessel Watre Board was quoted. "
        "The Lindau Centre for Flood Control and Prevention warned. LCFC sent boats. "
        "The Lindau Center for Flood Control and Prevention is in Lindau."
    )
    names = ("Kessel Water Board", "Kessel Watre Board", "KWB", "LCFC",
             "Lindau Centre for Flood Control and Prevention",
             "Lindau Center for Flood Control and Prevention")  # fmt: skip
    art = make("a", text, orgs=names)
    index = link_entities([art])
    links = index.mention_entities["a"]
    eid = {text[s:e]: v for (s, e), v in links.items()}
    assert eid["KWB"] == eid["Kessel Water Board"] != eid["Kessel Watre Board"]
    assert eid["LCFC"] == eid["Lindau Centre for Flood Control and Prevention"]
    assert eid["LCFC"] == eid["Lindau Center for Flood Control and Prevention"]


def test_cyrillic_mention_joins_latin() -> None:
    a = make("a", "Volodymyr Zelensky spoke.", people=("Volodymyr Zelensky",))
    b = make("b", "Володимир Зеленський виступив.", people=("Володимир Зеленський",))
    index = link_entities([a, b])
    assert len(index.entities) == 1
    assert index.entities[0].name == "Volodymyr Zelensky"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzабвгдежзиклмнопрстухцчшщя", min_size=1))
def test_fold_is_idempotent(word: str) -> None:
    once = fold_token(word)
    assert fold_token(once) == once
    assert translit(once) == once


def test_defined_acronym_used_bare_joins_its_long_name() -> None:
    from sitrep.link.entities import defined_acronyms, link_entities
    from test_link_builders import make

    text = (
        "The Harbour Board of Orlava (HBO) said the pier reopened. HBO inspectors checked the "
        "cranes, and the HBO report was published on Monday."
    )
    art = make("p", text, orgs=("Harbour Board of Orlava",))
    extra = defined_acronyms(art)
    assert [text[m.span[0] : m.span[1]] for m in extra] == ["HBO", "HBO", "HBO"]
    index = link_entities([art])
    board = next(e for e in index.entities if e.name == "Harbour Board of Orlava")
    assert board.aliases == ["HBO"]
    assert board.mentions == 4


def test_bracketed_note_is_not_an_acronym_definition() -> None:
    from sitrep.link.entities import defined_acronyms
    from test_link_builders import make

    art = make("p", "Ilse Brandt (AP) said AP staff left.", people=("Ilse Brandt",))
    assert defined_acronyms(art) == []


def test_acronyms_are_not_folded_like_names() -> None:
    from sitrep.link.names import name_key

    assert name_key("NCCA") != name_key("NCA")
    assert name_key("Zelenskyy") == name_key("Zelensky")


def test_a_photo_credit_never_names_the_agency() -> None:
    a = make(
        "a",
        "Reuters reported the vote. Reuters said turnout rose. Photo: Ann Lee/Reuters.",
        orgs=("Reuters", "Ann Lee/Reuters"),
    )
    index = link_entities([a])
    assert [(e.name, e.aliases) for e in index.entities] == [("Reuters", [])]


def _as_gazetteer_hit(article: AnalyzedArticle, name: str) -> None:
    """Mark ``name``'s mentions as places only because GeoNames knows a town so named."""
    article.mentions = [
        dataclasses.replace(m, label="gazetteer") if m.text == name else m for m in article.mentions
    ]


def test_a_surname_a_town_shares_is_the_person_in_his_story() -> None:
    a = make(
        "a",
        "Tom Harlow, head of Kessel Oil, spoke in Lindau. Harlow left.",
        people=("Tom Harlow", "Harlow"),
        places=("Lindau",),
    )
    b = make(
        "b", "Harlow said the well would hold. Harlow left Lindau.", places=("Harlow", "Lindau")
    )
    _as_gazetteer_hit(b, "Harlow")
    index = link_entities([a, b])
    person = index.mention_entities["a"][(0, len("Tom Harlow"))]
    in_b = {b.text[s[0] : s[1]]: e for s, e in index.mention_entities["b"].items()}
    assert in_b["Harlow"] == person
    assert index.by_id[person].type == "person"
    assert index.by_id[in_b["Lindau"]].type == "place"


def test_a_town_named_as_often_as_the_person_stays_a_town() -> None:
    # spaCy's own place label: the town stays unless the person is named twice as often
    a = make("a", "Tom Harlow spoke. Harlow left.", people=("Tom Harlow", "Harlow"))
    b = make(
        "b",
        "Floods hit Harlow. Harlow schools shut. Roads in Harlow closed.",
        places=("Harlow",),
    )
    index = link_entities([a, b])
    in_b = set(index.mention_entities["b"].values())
    assert len(in_b) == 1
    assert index.by_id[next(iter(in_b))].type == "place"


def test_a_name_written_family_name_first_takes_its_honorific_form() -> None:
    from sitrep.link.sources import short_name
    from sitrep.model import Source

    arts = [
        make("a", "Envoy Park Min-seo visited Lindau on Monday.", people=("Park Min-seo",)),
        make("b", "Mr Park said the port would reopen.", people=("Park",)),
        make("d", "Mr Park met the mayor.", people=("Mr Park",)),  # the title in the mention
        # a first name alone, with no honorific, is no one's
        make("c", "Park rangers closed the trail.", people=("Park",)),
    ]
    index = link_entities(arts)
    full = index.resolve("Park Min-seo")
    assert full is not None
    assert index.at("b", (3, 7)) == full
    assert index.at("d", (0, 7)) == full
    assert index.at("c", (0, 4)) != full
    assert short_name(Source(text="Mr Park", span=(0, 7), kind="person", entity=full), index) == (
        "Park"
    )


def test_a_source_linked_to_a_person_is_a_person() -> None:
    a = make(
        "a",
        "Ivo Harlow runs the Kessel Agency. Harlow said 3 km were lost. The agency said 4 km.",
        people=("Ivo Harlow", "Harlow"),
        orgs=("Kessel Agency", "The agency"),
        figures=(
            Fig("3 km", 3, unit="km", source="Harlow"),
            Fig("4 km", 4, unit="km", source="The agency"),
        ),
    )
    assert [c.source.kind for c in a.claims if c.source] == ["other", "other"]
    link_entities([a])
    # the article's tagger left the surname's kind open; the corpus knows it is a person
    assert [c.source.kind for c in a.claims if c.source] == ["person", "other"]


def test_a_source_with_a_clause_is_named_by_its_head() -> None:
    from sitrep.link.sources import short_name
    from sitrep.model import Source

    a = make("a", "Ivo Harlow toured Lindau on Monday.", people=("Ivo Harlow",))
    # the tagger found no mention inside the source of the second article
    b = make(
        "b",
        "Ivo Harlow, who toured the dunes Sunday, said 3 km were lost.",
        figures=(Fig("3 km", 3, unit="km", source="Ivo Harlow, who toured the dunes Sunday"),),
    )
    index = link_entities([a, b])
    source = b.claims[0].source
    assert source is not None and source.entity == index.resolve("Ivo Harlow")
    unlinked = Source(text="Mara Velko, who fled Kessel", span=(0, 27), kind="person")
    assert short_name(unlinked, index) == "Mara Velko"


def test_a_surname_the_gazetteer_knows_stays_a_person_when_its_article_made_it_one() -> None:
    # two full names share the surname: the lone "Jackson" stays an entity of its own
    a = make("a", "Ivo Jackson toured Kessel with Ann Jackson. Jackson said the leak slowed.",
             people=("Ivo Jackson", "Ann Jackson", "Jackson"), places=("Kessel",))  # fmt: skip
    # the article's rules typed it a person, though the gazetteer's label stays on it
    a.mentions = [
        dataclasses.replace(m, label="gazetteer") if m.text == "Jackson" else m for m in a.mentions
    ]
    index = link_entities([a])
    lone = index.at("a", (44, 51))
    assert lone is not None and index.by_id[lone].name == "Jackson"
    assert index.by_id[lone].type == "person"


def test_a_company_is_named_without_its_legal_form() -> None:
    a = make("a", "Kessel Drilling Ltd owns the rig. Kessel Drilling said it was safe.",
             orgs=("Kessel Drilling Ltd", "Kessel Drilling"))  # fmt: skip
    b = make("b", "Harlow Ltd. said the well held. Harlow Ltd. shares fell.", orgs=("Harlow Ltd.",))
    index = link_entities([a, b])
    assert {e.name for e in index.entities} == {"Kessel Drilling", "Harlow Ltd."}


def test_a_pronoun_source_links_to_no_name_it_spells() -> None:
    a = make("a", "The US sent 40 ships to Kessel.", places=("US",))
    b = make(
        "b",
        "Nothing is certain for 40 families of us, as one of us said.",
        figures=(Fig("40 families", 40, counts="families", source="us"),),
    )
    link_entities([a, b])
    source = b.claims[0].source
    assert source is not None and source.entity is None  # "us", not the US


def test_a_source_linked_to_a_company_is_a_company() -> None:
    a = make(
        "a",
        "Velko Oil said 40 barrels leaked. Velko Oil's shares fell. The agency said 50 leaked.",
        orgs=("Velko Oil", "The agency"),
        figures=(
            Fig("40 barrels", 40, unit="bbl", source="Velko Oil"),
            Fig("50", 50, source="The agency"),
        ),
    )
    b = make(
        "b",
        "Kessel Port said 60 ships waited.",
        orgs=("Kessel Port",),
        figures=(Fig("60 ships", 60, counts="ships", source="Kessel Port"),),
    )
    link_entities([a, b])
    assert [c.source.kind for c in a.claims if c.source] == ["company", "other"]
    assert [c.source.kind for c in b.claims if c.source] == ["other"]  # no sign of a company


def test_a_name_read_once_as_a_storm_is_the_storm() -> None:
    from dataclasses import replace

    from sitrep.model import Mention

    a = make("a", "Insurers counted the cost of windstorm Velma in Kessel.", places=("Kessel",))
    at = a.text.index("Velma")
    storm = Mention(span=(at, at + 5), text="Velma", type="other", label="storm", norm="Velma")
    a = replace(a, mentions=sorted([*a.mentions, storm], key=lambda m: m.span))
    b = make("b", "Claims from Velma reached $2m.", places=("Velma",))
    index = link_entities([a, b])
    entity = index.get(index.resolve("Velma"))
    assert entity is not None and entity.type == "other"
