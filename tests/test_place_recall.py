"""Place recall (issue 12, item 3): toponyms the tagger misses or mistypes, recovered with
evidence, and common words that never become places.

Two rules, each with must and must-not cases:

- names inside organisations' names ("the U.S. Centers for Disease Control") become place
  mentions of their own (`helpers.entities.inside`), the organisation staying an organisation;
- names the tagger calls ORG, PERSON, NORP or PRODUCT are places when the gazetteer has them
  and the text says so (`helpers.places.table.recovered_places`);
- names the tagger leaves untagged in a list of places are mentions of their own
  (`helpers.entities.listed`).

The corpora are written for these tests. Most give the tagger's spans by hand (as
tests/test_place_rules.py does) with the shipped gazetteer; the last ones run the small spaCy
model (as tests/test_entities_tagger.py does) on sentences it is known to mistype.
"""

from __future__ import annotations

import pytest

from helpers import places as geo
from helpers import settings
from helpers.annotation import cache as extract
from helpers.entities import TEXT_ID, canonicalize, inside, listed
from helpers.entities.records import RawSpan
from helpers.gazetteer import store as gaz_store
from helpers.places import table
from test_place_rules import parse, spans_of


places_of = parse  # every test here reads the mentions by their text, as test_place_rules does


def entities(text: str, names: list[tuple[str, str]]):
    raw = [RawSpan(TEXT_ID, 0, s, e, label) for s, e, label in spans_of(text, names)]
    return canonicalize(raw, {TEXT_ID: text}, propagate=False)


# ---------------------------------------------------------------- names inside organisations' names


def test_a_country_opening_an_organisation_name_is_a_place_mention_with_its_own_offsets(shipped) -> None:
    text = "Samples went to the U.S. Centers for Disease Control and Prevention, officials said."
    org = "the U.S. Centers for Disease Control and Prevention"
    out = places_of(text, [(org, "ORG")], shipped)
    assert list(out) == ["U.S."] and out["U.S."].country_code == "US"
    assert text[out["U.S."].start:out["U.S."].end] == "U.S."
    result = entities(text, [(org, "ORG")])
    types = dict(zip(result.mentions.text, result.mentions.type))
    assert types["U.S. Centers for Disease Control and Prevention"] == "ORG", "the organisation stays one"
    us = result.mentions[result.mentions.text == "U.S."].iloc[0]
    assert us.type == "GPE" and us.source == inside.INSIDE_ORGANISATION and us.label == ""


def test_a_region_or_country_opening_or_closing_an_organisation_name(shipped) -> None:
    text = ("The California Department of Public Health issued a warning. Taco Bell Canada recalled "
            "green onions. The Kenya Red Cross sent nurses.")
    out = places_of(text, [("The California Department of Public Health", "ORG"), ("Taco Bell Canada", "ORG"),
                           ("The Kenya Red Cross", "ORG")], shipped)
    assert {n: (m.country_code, m.feature_kind) for n, m in out.items()} == {
        "California": ("US", "admin1"), "Canada": ("CA", "country"), "Kenya": ("KE", "country")}


def test_a_named_region_whose_own_name_ends_in_an_organisation_word_is_still_a_place() -> None:
    text = "A West Bank Health Ministry official said so."
    result = entities(text, [("West Bank Health Ministry", "ORG")])
    assert dict(zip(result.mentions.text, result.mentions.type)) == {
        "West Bank": "LOC", "West Bank Health Ministry": "ORG"}, "'Bank' does not make the region an organisation"


def test_a_town_inside_an_organisation_name_needs_the_article_to_name_it_a_place(shipped) -> None:
    text = "Horses at the Randwick Racecourse fell ill. The town of Randwick is in Sydney."
    org, town = text.index("the Randwick Racecourse"), text.rindex("Randwick")
    spans = [(org, org + len("the Randwick Racecourse"), "ORG"), (town, town + 8, "GPE"),
             (text.index("Sydney"), text.index("Sydney") + 6, "GPE")]
    out = [(m.text, m.start, m.country_code) for m in geo.geoparse(text, gaz=shipped, spans=spans)]
    assert ("Randwick", text.index("Randwick"), "AU") in out, "the Randwick of the racecourse is a mention"
    unsupported = "Doctors at the Ubay Community Hospital treated the children."
    assert places_of(unsupported, [("the Ubay Community Hospital", "ORG")], shipped) == {}, \
        "a town no place mention of the article supports stays inside the organisation"


def test_must_not_pieces_of_longer_names_org_words_or_people(shipped) -> None:
    text = ("The Los Angeles Times reported it. The European Centre for Disease Prevention agreed. "
            "Kerry Group said John Kerry was wrong.")
    out = places_of(text, [("The Los Angeles Times", "ORG"), ("The European Centre for Disease Prevention", "ORG"),
                           ("Kerry Group", "ORG"), ("John Kerry", "PERSON")], shipped)
    assert out == {}, "not 'Angeles' (a piece of a name), 'Centre' (an organisation word), 'Kerry' (a man's name)"


def test_must_not_the_place_in_a_newspapers_or_broadcasters_name(shipped) -> None:
    text = ("The New York Times and China Daily reported it; Radio Pyongyang denied it. "
            "The U.S. Food and Drug Administration said more.")
    out = places_of(text, [("The New York Times", "ORG"), ("China Daily", "ORG"), ("Radio Pyongyang", "ORG"),
                           ("The U.S. Food and Drug Administration", "ORG")], shipped)
    assert set(out) == {"U.S."}, "a title is no place the story names; the agency's country is"
    assert inside.names_a_publication("The Washington Post") and not inside.names_a_publication("Kenya Red Cross")


def test_the_place_closing_an_organisation_name_is_still_placed_through_the_organisation(shipped) -> None:
    text = "Students of the American University of Beirut marched."
    org = "American University of Beirut"
    out = geo.geoparse(text, gaz=shipped, spans=[(text.index(org), text.index(org) + len(org), "ORG")])
    assert [(m.text, m.country_code, m.entity_id) for m in out] == [
        ("Beirut", "LB", "org:american-university-of-beirut")]


def test_place_spans_inside_reads_only_capitalised_runs_that_stand_apart() -> None:
    def names(text: str, tagged: set[str] = frozenset(), people: set[str] = frozenset()) -> list[str]:
        return [text[s:e] for s, e in inside.place_spans_inside(text, set(tagged), set(people))]
    assert names("US Centers for Disease Control") == ["US"], "'US' in capitals is no pronoun"
    assert names("West Bank Health Ministry") == ["West Bank"]
    assert "England" not in names("New England Journal of Medicine"), "a piece between capitalised words"
    assert inside.names_a_publication("New England Journal of Medicine")  # so New England gives no mention
    assert names("May Department Stores") == [], "a month"
    assert names("Randwick Racecourse") == [] and names("Randwick Racecourse", {"randwick"}) == ["Randwick"]
    assert names("Georgia Tech", people={"georgia"}) == []
    assert names("Canada") == [], "never the whole name"


# ---------------------------------------------------------------- names the tagger calls ORG, PERSON, NORP


def test_a_place_tagged_person_after_a_locative_preposition_is_a_place(shipped) -> None:
    text = "The student was infected in Nottingham. Doctors in Glasgow treated him, and Scotland was told."
    out = places_of(text, [("Nottingham", "PERSON"), ("Glasgow", "PERSON"), ("Scotland", "GPE")], shipped)
    assert out["Nottingham"].country_code == "GB" and out["Glasgow"].country_code == "GB"
    assert "tagged PERSON, a place: after a locative preposition" in out["Glasgow"].reason


def test_a_place_tagged_org_before_its_country_or_in_a_list_of_places(shipped) -> None:
    text = ("Krasnodar, Russia reported dead swans. Birds died in Egypt - in Cairo, Tanta, and Luxor. "
            "Rogaland ordered farmers to keep poultry indoors.")
    out = places_of(text, [("Krasnodar", "ORG"), ("Russia", "GPE"), ("Egypt", "GPE"), ("Cairo", "GPE"),
                           ("Tanta", "PERSON"), ("Luxor", "GPE"), ("Rogaland", "ORG")], shipped)
    assert out["Krasnodar"].country_code == "RU" and "followed by its country" in out["Krasnodar"].reason
    assert out["Tanta"].country_code == "EG" and "in a list with places" in out["Tanta"].reason
    assert (out["Rogaland"].country_code, out["Rogaland"].feature_kind) == ("NO", "admin1")


def test_a_list_recovers_its_names_round_by_round(shipped) -> None:
    text = "Farms in Rogaland, Vestfold and Telemark were closed."
    out = places_of(text, [("Rogaland", "ORG"), ("Vestfold", "PERSON"), ("Telemark", "ORG")], shipped)
    assert {n: m.country_code for n, m in out.items()} == {"Rogaland": "NO", "Vestfold": "NO", "Telemark": "NO"}


def test_must_not_a_person_a_month_an_abbreviation_or_a_man_named_like_a_town(shipped) -> None:
    text = ("Theresa May spoke in Berlin. The vote is due in May. Researchers at UGA in Georgia agreed. "
            "The man, known as Lu, came from Lu. Lu was diagnosed with pneumonia. Lu is recovering in China.")
    out = places_of(text, [("Theresa May", "PERSON"), ("Berlin", "GPE"), ("May", "PERSON"), ("UGA", "ORG"),
                           ("Georgia", "GPE"), ("Lu", "PERSON"), ("China", "GPE")], shipped)
    assert set(out) == {"Berlin", "Georgia", "China"}


def test_common_words_and_people_never_become_places() -> None:
    ri = table.RecoveryInputs(gaz_store.Gazetteer(), {"d": "Harden the borders, they said. Prices harden."}, {},
                              {"d": {"jackson": "Michael Jackson"}})

    def seen(before: str, etype: str = "ORG") -> list[table.Sighting]:
        return [table.Sighting("d", 0, 6, before, "", etype)]
    assert table.a_common_word("tsunami", seen("in "), ri) == "a lower-case word"
    assert table.a_common_word("Western", seen("in "), ri) == "a common word"
    assert table.a_common_word("Monday", seen("on "), ri) == "a common word"
    assert "sentence's start" in table.a_common_word("Harden", seen(""), ri)
    assert table.a_common_word("Glasgow", seen("in "), ri) == ""
    assert table.a_persons_name("Jackson", seen("in "), ri) == "the name of Michael Jackson"
    assert table.a_persons_name("Ubay", seen("said Mayor "), ri) == "after a title"
    assert table.a_persons_name("Iranian", seen("the "), ri) == "a demonym"
    assert table.a_persons_name("Glasgow", seen("in "), ri) == ""


def test_a_recovered_name_that_finds_no_place_keeps_the_taggers_type(shipped) -> None:
    text = "Officials in Zzyzxqville said so."
    assert places_of(text, [("Zzyzxqville", "ORG")], shipped) == {}


# ---------------------------------------------------------------- untagged names in a list of places


def test_an_untagged_region_in_a_list_of_places_is_a_place(shipped) -> None:
    text = "Poultry must stay indoors in Rogaland, Vestfold, Telemark and Oslo until March."
    out = places_of(text, [("Oslo", "GPE")], shipped)
    assert {n: (m.country_code, m.feature_kind) for n, m in out.items()} == {
        "Rogaland": ("NO", "admin1"), "Vestfold": ("NO", "admin1"), "Telemark": ("NO", "admin1"),
        "Oslo": ("NO", "populated_place")}
    result = entities(text, [("Oslo", "GPE")])
    assert set(result.mentions.loc[result.mentions.text != "Oslo", "source"]) == {inside.LISTED_WITH_PLACES}


def test_must_not_a_list_without_a_place_nor_a_person_of_the_article(shipped) -> None:
    text = "Smith, Jordan and Victoria won the prizes. John Kerry praised Ohio, Kerry and Texas."
    out = places_of(text, [("John Kerry", "PERSON"), ("Ohio", "GPE"), ("Texas", "GPE")], shipped)
    assert set(out) == {"Ohio", "Texas"}, "no place in the first list; Kerry is the man the article names"


def test_list_items_read_capitals_of_any_latin_alphabet() -> None:
    text = "Rogaland, Østfold and Łódź. In Cairo, Giza and Luxor. cats, dogs and mice."
    assert [[text[s:e] for s, e in items] for items in listed.list_items(text)] == [
        ["Rogaland", "Østfold", "Łódź"], ["Cairo", "Giza", "Luxor"]]


# ---------------------------------------------------------------- the small spaCy model's own labels


@pytest.fixture(scope="module")
def tagged_places(shipped):
    def run(text: str) -> dict[str, geo.GeoMention]:
        ann = extract.annotate_text(text, model=settings.DEFAULT_SPACY_MODEL)
        return {m.text: m for m in geo.geoparse(text, gaz=shipped, spans=ann.ents)}
    return run


def test_the_taggers_mistyped_places_are_recovered(tagged_places) -> None:
    # the small model calls Nottingham and Glasgow PERSON, Krasnodar ORG, Giza PERSON here
    out = tagged_places("A nurse was infected in Nottingham last week. Officials in Glasgow said she is well.")
    assert out["Nottingham"].country_code == "GB" and out["Glasgow"].country_code == "GB"
    out = tagged_places("Krasnodar, Russia officials said yesterday they had found the virus.")
    assert out["Krasnodar"].country_code == "RU"
    out = tagged_places("Dead birds were found in three areas in Egypt - namely Cairo, Giza, and Al-Minya.")
    assert out["Giza"].country_code == "EG"


def test_the_taggers_organisation_names_give_their_places(tagged_places) -> None:
    out = tagged_places("Samples were tested by the U.S. Centers for Disease Control and Prevention. "
                        "The Kenya Red Cross said more.")
    assert {n: m.country_code for n, m in out.items()} == {"U.S.": "US", "Kenya": "KE"}


def test_a_place_inside_a_recovered_places_name_is_a_piece_of_it(shipped) -> None:
    text = "Three people died in Egypt, in Beni Suef and in Cairo."
    out = places_of(text, [("Egypt", "GPE"), ("Beni Suef", "ORG"), ("Cairo", "GPE")], shipped)
    assert set(out) == {"Egypt", "Beni Suef", "Cairo"}, "not 'Beni' (a Bolivian department) inside 'Beni Suef'"
    assert (out["Beni Suef"].country_code, out["Beni Suef"].feature_kind) == ("EG", "admin1")
