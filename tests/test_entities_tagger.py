"""The entity type vote on the tagger's own labels: short news texts the review found wrong.

Unlike tests/test_entity_rules.py, the spans and labels here are the small spaCy model's (the
workbook's default), so a change of the vote is tested against what the tagger really says.
"""

from __future__ import annotations

import pytest

from helpers import settings
from helpers.annotation import cache as extract
from helpers.entities import EntityResult, canonicalize
from helpers.entities.spans import raw_spans


@pytest.fixture(scope="module")
def entities_of():
    """The entity stage on a few texts, tagged by the default pipeline (loaded once)."""
    def run(texts: dict[str, str]) -> EntityResult:
        anns = {d: extract.annotate_text(t, model=settings.DEFAULT_SPACY_MODEL) for d, t in texts.items()}
        raw = [s for d, a in anns.items() for s in raw_spans(d, a)]
        return canonicalize(raw, texts, sents_by_doc={d: a.sents for d, a in anns.items()})
    return run


def type_of(result: EntityResult, surface: str) -> str:
    types = set(result.mentions.loc[result.mentions.text == surface, "type"])
    assert len(types) == 1, f"{surface!r}: {types}\n{result.mentions}"
    return types.pop()


def test_polls_that_show_a_candidate_leave_him_a_person(entities_of):
    result = entities_of({
        "a": ("Donald Trump held a rally in Ohio on Monday. Trump told supporters he would win. A new poll "
              "shows Trump ahead, and the figures show Trump leading among men. Trump thanked his fans."),
        "b": ("Hillary Clinton leads the race. New polls show Clinton ahead in Ohio, and figures show Clinton "
              "gaining in Florida. Clinton said she was pleased.")})
    assert type_of(result, "Trump") == "PERSON" and type_of(result, "Clinton") == "PERSON"
    assert "WORK_OF_ART" not in set(result.entities.type)


def test_a_company_with_ex_before_it_is_an_organisation(entities_of):
    result = entities_of({"e": ("Shares in Yukos fell. The ex-Yukos boss, Mikhail Khodorkovsky, was freed. An "
                                "ex-Yukos executive said the ex-Yukos shareholders would sue. Yukos was once "
                                "Russia's biggest oil firm.")})
    assert type_of(result, "Yukos") == "ORG"
    assert type_of(result, "Mikhail Khodorkovsky") == "PERSON"


def test_a_bare_surname_of_people_named_is_a_person_though_the_tagger_says_org_more_often(entities_of):
    # the tagger calls bare "Trump" ORG twice and PERSON once here
    result = entities_of({
        "a": ("Donald Trump and his wife Melania Trump arrived in Iowa on Monday. Trump campaign officials said "
              "the rally would be large. Trump told the crowd he would win."),
        "b": ("The Trump campaign raised money in Texas. Trump surrogates appeared on television. "
              "Later, Trump said he would visit Ohio.")})
    labels = result.mentions.loc[result.mentions.text == "Trump", "label"]
    assert (labels == "ORG").sum() > (labels == "PERSON").sum() > 0
    assert type_of(result, "Trump") == "PERSON"
    m = result.mentions
    bare = set(m.loc[m.text == "Trump", "entity_id"])
    assert bare.isdisjoint(set(m.loc[m.text.isin(["Donald Trump", "Melania Trump"]), "entity_id"]))
    assert "ORG" not in set(result.entities.type)
