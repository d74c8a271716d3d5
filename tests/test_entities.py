"""Behaviour of entity canonicalisation (helpers/entities/, helpers/gazetteer/countries.py).

No tagger is loaded here: every article is a small synthetic text, and the tagger's spans
are given by locating substrings (`span`). The names are invented or taken from many parts
of the world, because the rules must hold on any English news, not on one corpus.

Each rule has a test of what it must do and, where a wrong merge is possible, of what it
must NOT do (two people sharing a surname, George W. and George H. W. Bush, John and Joan
Smith, an acronym with two expansions, a demonym and its country).
"""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from helpers.entities import (
    MERGE_RULES,
    Cleaned,
    Clusters,
    CorpusGroups,
    EntityResult,
    Override,
    RawSpan,
    canonicalize,
    clean_span,
    compatible_person_names,
    corpus_groups,
    fuzzy_key,
    name_key,
    name_tokens,
    read_overrides,
    role_apposition,
    rules,
    sift_mentions,
    skeleton,
)
from helpers.gazetteer import countries as gazetteer

# ---------------------------------------------------------------------------- helpers


def span(text: str, surface: str, label: str, nth: int = 0) -> tuple[int, int, str]:
    """Offsets of the `nth` occurrence (0-based) of `surface` in `text`, with `label`."""
    start = -1
    for _ in range(nth + 1):
        start = text.find(surface, start + 1)
        if start < 0:
            raise AssertionError(f"{surface!r} occurs fewer than {nth + 1} times in {text!r}")
    return start, start + len(surface), label


def sentences(text: str) -> list[tuple[int, int]]:
    """Naive sentence spans (enough for synthetic articles)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+[.!?]?", text)]


def sent_of(text: str, offset: int) -> int:
    return next((i for i, (s, e) in enumerate(sentences(text)) if s <= offset < e), -1)


def raw_spans(texts: dict[str, str], tags: dict[str, list[tuple]]) -> list[RawSpan]:
    """Tagger spans from `{doc_id: [(surface, label[, nth[, role]]), ...]}`."""
    raw = []
    for doc_id, items in tags.items():
        for surface, label, *rest in items:
            nth = rest[0] if rest else 0
            start, end, label = span(texts[doc_id], surface, label, nth)
            raw.append(RawSpan(doc_id, sent_of(texts[doc_id], start), start, end, label, *rest[1:]))
    return raw


def run(texts: dict[str, str], tags: dict[str, list[tuple]], **kw) -> EntityResult:
    kw.setdefault("sents_by_doc", {d: sentences(t) for d, t in texts.items()})
    return canonicalize(raw_spans(texts, tags), texts, **kw)


def mention(result: EntityResult, texts: dict[str, str], doc_id: str, surface: str, nth: int = 0) -> pd.Series:
    """The mention row lying exactly on the `nth` occurrence of `surface` in `doc_id`."""
    start, end, _ = span(texts[doc_id], surface, "", nth)
    m = result.mentions
    rows = m[(m.doc_id == doc_id) & (m.start == start) & (m.end == end)]
    assert len(rows) == 1, f"no single mention of {surface!r} at {start}:{end} in {doc_id}:\n{m}"
    return rows.iloc[0]


def entity(result: EntityResult, name: str) -> pd.Series:
    rows = result.entities[result.entities.name == name]
    assert len(rows) == 1, f"no single entity named {name!r}:\n{result.entities}"
    return rows.iloc[0]


def ids_of(result: EntityResult, surface: str) -> set[str]:
    return set(result.mentions.loc[result.mentions.text == surface, "entity_id"])


def cleaned(text: str, surface: str, label: str, nth: int = 0) -> Cleaned | str:
    start, end, _ = span(text, surface, label, nth)
    return clean_span(text, start, end, label)


def cleaned_text(text: str, surface: str, label: str, nth: int = 0) -> str:
    c = cleaned(text, surface, label, nth)
    assert isinstance(c, Cleaned), f"{surface!r} ({label}) was dropped: {c}"
    return text[c.start:c.end]


def check_invariants(result: EntityResult, texts: dict[str, str]) -> None:
    """What every result must satisfy, whatever the corpus."""
    m, e = result.mentions, result.entities
    for row in m.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text, row
        assert row.text and row.text == row.text.strip(), row
        assert row.entity_id and row.type, row
    assert set(m.entity_id) == set(e.entity_id)
    for row in e.itertuples():
        part = m[m.entity_id == row.entity_id]
        assert row.n_mentions == len(part)
        assert row.n_docs == part.doc_id.nunique()
        assert set(row.aliases.split(" | ")) == set(part.text)
    assert set(result.merges.entity_id) <= set(e.entity_id)
    for row in result.merges.itertuples():
        assert isinstance(row.rule, str) and row.rule.strip(), row
        assert isinstance(row.detail, str) and row.detail.strip(), row
    for row in result.dropped.itertuples():
        assert row.reason.strip(), row
    # A propagated mention never overlaps another mention of its article.
    for doc_id, part in m.groupby("doc_id"):
        rows = list(part.itertuples())
        for p in (r for r in rows if r.source == "propagated"):
            for o in rows:
                if o is not p:
                    assert not (p.start < o.end and o.start < p.end), (p, o)


def assert_results_equal(a: EntityResult, b: EntityResult) -> None:
    for table in ("mentions", "entities", "merges", "dropped", "relations"):
        assert_frame_equal(getattr(a, table), getattr(b, table), obj=table)


# ---------------------------------------------------------------------------- step 1: clean_span

CLEAN_CASES = [
    # (text, tagger span, label, expected cleaned text)
    ("He met the United Nations team.", "the United Nations", "ORG", "United Nations"),
    ("The Kremlin denied it.", "The Kremlin", "ORG", "Kremlin"),
    ("President Emmanuel Macron spoke.", "President Emmanuel Macron", "PERSON", "Emmanuel Macron"),
    ("Secretary of State Antony Blinken spoke.", "Secretary of State Antony Blinken", "PERSON", "Antony Blinken"),
    ("Foreign Minister Sergei Lavrov spoke.", "Foreign Minister Sergei Lavrov", "PERSON", "Sergei Lavrov"),
    ("Mr. Smith spoke.", "Mr. Smith", "PERSON", "Smith"),
    ("Mrs Thatcher spoke.", "Mrs Thatcher", "PERSON", "Thatcher"),
    ("Sen. John McCain spoke.", "Sen. John McCain", "PERSON", "John McCain"),
    ("Lt. Gen. Jane Roe spoke.", "Lt. Gen. Jane Roe", "PERSON", "Jane Roe"),
    ("Iranian Foreign Minister Mohammad Javad Zarif spoke.", "Iranian Foreign Minister Mohammad Javad Zarif",
     "PERSON", "Mohammad Javad Zarif"),
    ("UN Secretary-General Antonio Guterres spoke.", "UN Secretary-General Antonio Guterres", "PERSON",
     "Antonio Guterres"),
    ("Crown Prince Mohammed bin Salman spoke.", "Crown Prince Mohammed bin Salman", "PERSON", "Mohammed bin Salman"),
    ("President Macron spoke.", "President Macron", "ORG", "Macron"),
    ("Ambassador Nikki Haley spoke.", "Ambassador Nikki Haley", "ORG", "Nikki Haley"),
    ("Dr. Jane Goodall spoke.", "Dr. Jane Goodall", "GPE", "Jane Goodall"),
    ("General Motors said.", "General Motors", "ORG", "General Motors"),
    ("The Supreme Court ruled.", "The Supreme Court", "ORG", "Supreme Court"),
    ("Russia's army moved.", "Russia's", "GPE", "Russia"),
    ("Russia\u2019s army moved.", "Russia\u2019s", "GPE", "Russia"),
    ("Reuters' report.", "Reuters'", "ORG", "Reuters"),
    ("Mr. Smith's plan.", "Mr. Smith's", "PERSON", "Smith"),
    ("Amnesty International's report.", "Amnesty International's", "ORG", "Amnesty International"),
    ("Talks in Geneva\nThe next day", "Geneva\nThe", "GPE", "Geneva"),
    ("Kremlin\n\nspokesman said", "Kremlin\n\nspokesman", "ORG", "Kremlin"),
    ("x\nThe Kremlin said", "\nThe Kremlin", "ORG", "Kremlin"),
    ("A report by the Council for Foreign Affairs said.", "the Council for", "ORG", "Council for Foreign Affairs"),
    ("the Syrian Observatory for Human Rights said", "the Syrian Observatory for", "ORG",
     "Syrian Observatory for Human Rights"),
    ("the Bank of England said", "the Bank of", "ORG", "Bank of England"),
    ("the Hudson Institute for years said", "the Hudson Institute for", "ORG", "Hudson Institute"),
    ("It hurts U.S credibility & humiliates all.", "U.S credibility & humiliates", "GPE", "U.S"),
    ("Hay'at Tahrir al-Sham fighters left.", "Hay'at Tahrir al-Sham fighters", "ORG", "Hay'at Tahrir al-Sham"),
    ("UN envoy Staffan de Mistura said", "Staffan de Mistura", "PERSON", "Staffan de Mistura"),
    ("Abu Bakr al-Baghdadi spoke", "Abu Bakr al-Baghdadi", "PERSON", "Abu Bakr al-Baghdadi"),
    ("Strikes hit northwestern Syria on Monday.", "northwestern Syria", "GPE", "Syria"),
    ("Shelling in eastern Ukraine.", "eastern Ukraine", "GPE", "Ukraine"),
    ("Fires in Southern California.", "Southern California", "LOC", "California"),
    ("Tension in North Korea.", "North Korea", "GPE", "North Korea"),
    ("Tension in South Africa.", "South Africa", "GPE", "South Africa"),
    ("Tension in the West Bank.", "the West Bank", "GPE", "West Bank"),
    ("Tension in Northern Ireland.", "Northern Ireland", "GPE", "Northern Ireland"),
    ("Rain in the Western Cape.", "the Western Cape", "GPE", "Western Cape"),
    ("Trade in Central Asia.", "Central Asia", "LOC", "Central Asia"),
    ("the U.S. said", "the U.S.", "GPE", "U.S."),
    ("Apple Inc. said", "Apple Inc.", "ORG", "Apple Inc."),
    ("They fled Idlib.", "Idlib.", "GPE", "Idlib"),
    ("Recep Tayyip Erdo\u011fan's plan", "Recep Tayyip Erdo\u011fan's", "PERSON", "Recep Tayyip Erdo\u011fan"),
]

EXTENDED = {"the Council for", "the Syrian Observatory for", "the Bank of"}


@pytest.mark.parametrize("text,surface,label,expected", CLEAN_CASES, ids=[c[1] for c in CLEAN_CASES])
def test_clean_span_gives_the_bare_name_and_offsets_that_point_at_it(text, surface, label, expected):
    start, end, _ = span(text, surface, label)
    c = clean_span(text, start, end, label)
    assert isinstance(c, Cleaned), c
    assert text[c.start:c.end] == expected
    assert c.start >= start, "clean-up never moves before the tagger's span"
    if surface not in EXTENDED:
        assert c.end <= end, "only a span cut short before a connector is extended"


@pytest.mark.parametrize("text,surface,label", [
    ("President Emmanuel Macron spoke.", "President Emmanuel Macron", "PERSON"),
    ("Secretary of State Antony Blinken spoke.", "Secretary of State Antony Blinken", "PERSON"),
    ("Mr. Smith spoke.", "Mr. Smith", "PERSON"),
    ("President Macron spoke.", "President Macron", "ORG"),
])
def test_a_stripped_title_is_remembered_as_evidence_for_a_person(text, surface, label):
    c = cleaned(text, surface, label)
    assert isinstance(c, Cleaned) and c.titled


def test_title_words_other_than_strong_titles_stay_in_non_person_names():
    assert cleaned_text("General Motors said.", "General Motors", "ORG") == "General Motors"
    assert cleaned_text("The Foreign Ministry said.", "The Foreign Ministry", "ORG") == "Foreign Ministry"
    assert cleaned_text("The Supreme Court ruled.", "The Supreme Court", "ORG") == "Supreme Court"
    assert not cleaned("General Motors said.", "General Motors", "ORG").titled


def test_multi_word_title_is_stripped_whole_or_not_at_all_from_an_org_span():
    text = "Prime Minister Boris Johnson spoke in London."
    assert cleaned_text(text, "Prime Minister Boris Johnson", "ORG") in (
        "Boris Johnson", "Prime Minister Boris Johnson")
    texts = {"a": text, "b": "Boris Johnson resigned."}
    result = run(texts, {"a": [("Prime Minister Boris Johnson", "ORG")], "b": [("Boris Johnson", "PERSON")]})
    assert entity(result, "Boris Johnson").type == "PERSON"


@pytest.mark.parametrize("text,expected", [
    pytest.param("the Syrian Observatory for Human Rights and Amnesty International said",
                 "Syrian Observatory for Human Rights", id="and-next-name"),
    pytest.param("the Syrian Observatory for Human Rights and the U.N. refugee agency met",
                 "Syrian Observatory for Human Rights", id="and-the-U.N."),
    pytest.param("the Council for Foreign Affairs on Monday said", "Council for Foreign Affairs", id="on-Monday"),
])
def test_extension_stops_before_the_next_name(text, expected):
    surface = text.split(" for ")[0] + " for"
    assert cleaned_text(text, surface, "ORG") == expected


@pytest.mark.parametrize("text,surface,label,expected", [
    ("President Zia ul-Haq ruled.", "President Zia ul-Haq", "PERSON", "Zia ul-Haq"),
    ("Fighting in Salah ed-Din province.", "Salah ed-Din", "GPE", "Salah ed-Din"),
    ("Hizb ut-Tahrir marched.", "Hizb ut-Tahrir", "ORG", "Hizb ut-Tahrir"),
])
def test_names_with_other_article_particles_are_not_cut(text, surface, label, expected):
    assert cleaned_text(text, surface, label) == expected


def test_directional_qualifier_is_kept_aside_but_not_from_real_names():
    c = cleaned("Strikes hit northwestern Syria on Monday.", "northwestern Syria", "GPE")
    assert isinstance(c, Cleaned) and c.qualifier == "northwestern"
    c = cleaned("Fires in Southern California.", "Southern California", "LOC")
    assert isinstance(c, Cleaned) and c.qualifier == "southern"
    for text, surface in [("Tension in North Korea.", "North Korea"), ("Tension in South Africa.", "South Africa"),
                          ("In the West Bank.", "West Bank"), ("In Northern Ireland.", "Northern Ireland"),
                          ("In the Western Cape.", "Western Cape"), ("In Central Asia.", "Central Asia")]:
        c = cleaned(text, surface, "GPE")
        assert isinstance(c, Cleaned) and c.qualifier == "" and text[c.start:c.end] == surface


def test_qualifier_reaches_the_mentions_table():
    texts = {"a": "Strikes hit northwestern Syria. Syria denied it."}
    result = run(texts, {"a": [("northwestern Syria", "GPE"), ("Syria", "GPE", 1)]})
    first, second = mention(result, texts, "a", "Syria"), mention(result, texts, "a", "Syria", 1)
    assert first.qualifier == "northwestern" and second.qualifier == ""
    assert first.entity_id == second.entity_id


@pytest.mark.parametrize("text,surface,label,reason", [
    ("Tweet #idlib now", "idlib", "PERSON", "hashtag"),
    ("Ask @johndoe now", "johndoe", "PERSON", "hashtag or handle"),
    ("we saw idlib today", "idlib", "GPE", "no capital"),
    ("On September 7th they met", "September 7th", "EVENT", "date"),
    ("On 7 September they met", "7 September", "EVENT", "date"),
    ("On Sept. 7 they met", "Sept. 7", "ORG", "date"),
    ("The State said", "State", "ORG", "generic"),
    ("The Government said", "Government", "ORG", "generic"),
    ("the Government said", "the Government", "ORG", "generic"),
    ("Secretary of State said", "Secretary of State", "PERSON", "generic"),
    ("In 1990 it fell", "1990", "GPE", "no letters"),
])
def test_spans_that_are_not_names_are_dropped_with_a_reason(text, surface, label, reason):
    c = cleaned(text, surface, label)
    assert isinstance(c, str), f"kept {c}"
    assert reason in c


def test_dropped_spans_are_reported_and_non_entity_labels_ignored():
    texts = {"a": "On September 7th the Government said the State would pay 5 dollars."}
    raw = raw_spans(texts, {"a": [("September 7th", "EVENT"), ("the Government", "ORG"), ("State", "ORG")]})
    raw.append(RawSpan("a", 0, *span(texts["a"], "5 dollars", "MONEY")))
    result = canonicalize(raw, texts)
    assert result.mentions.empty and result.entities.empty
    d = result.dropped
    assert list(d.text) == ["September 7th", "the Government", "State"]
    assert all(d.reason.str.len() > 0)
    assert "5 dollars" not in set(d.text), "labels outside ENTITY_LABELS are simply not entities"


def test_hashtag_counts_only_when_the_articles_use_the_name_as_a_word():
    texts = {"a": "Crowds in Aleppo. #Aleppo trended and #Kharkiv too."}
    result = run(texts, {"a": [("Aleppo", "GPE"), ("Aleppo", "PERSON", 1), ("Kharkiv", "PERSON")]})
    assert mention(result, texts, "a", "Aleppo", 1).entity_id == mention(result, texts, "a", "Aleppo").entity_id
    d = result.dropped
    assert list(d.text) == ["#Kharkiv"] and "hashtag" in d.reason.iloc[0]
    assert texts["a"][d.start.iloc[0]:d.end.iloc[0]] == "#Kharkiv"
    assert "Kharkiv" not in set(result.mentions.text), "not even propagated after the '#'"


def test_cleaned_offsets_hold_over_a_whole_corpus_of_awkward_spans():
    texts = {f"d{i:02d}": case[0] for i, case in enumerate(CLEAN_CASES)}
    tags = {f"d{i:02d}": [(case[1], case[2])] for i, case in enumerate(CLEAN_CASES)}
    result = run(texts, tags, propagate=False)
    check_invariants(result, texts)
    got = dict(zip(result.mentions.doc_id, result.mentions.text))
    assert got == {f"d{i:02d}": case[3] for i, case in enumerate(CLEAN_CASES)}


# ---------------------------------------------------------------------------- step 2: keys


def test_arabic_article_spellings_share_one_key():
    assert name_key("Bashar al-Assad") == name_key("Bashar al Assad") == name_key("Bashar Assad") == "bashar assad"
    assert name_key("Jabhat al-Nusra") == name_key("Jabhat Nusra")
    assert name_tokens("the United Nations") == ["united", "nations"]


def test_dotted_abbreviations_share_one_key():
    assert name_key("U.S.") == name_key("U.S") == name_key("US") == "us"
    assert name_key("U.N.") == name_key("UN") == "un"
    assert name_key("US") != name_key("UN")


def test_accents_and_curly_apostrophes_are_folded():
    assert name_key("Erdo\u011fan") == name_key("Erdogan")
    assert name_key("Recep Tayyip Erdo\u011fan") == name_key("Recep Tayyip Erdogan")
    assert name_key("Fran\u00e7ois Hollande") == name_key("Francois Hollande")
    assert gazetteer.fold("C\u00f4te d\u2019Ivoire") == gazetteer.fold("Cote d'Ivoire")


def test_different_names_keep_different_keys():
    assert name_key("Bashar al-Assad") != name_key("Hafez al-Assad")
    assert name_key("Hillary Clinton") != name_key("Bill Clinton")


# ---------------------------------------------------------------------------- transliteration


def test_transliteration_variants_share_a_skeleton():
    assert skeleton("muallem") == skeleton("moallem")
    assert skeleton("mohammad") == skeleton("muhammad") == skeleton("mohammed")
    assert fuzzy_key("Walid al-Moallem") == fuzzy_key("Walid Muallem")
    assert skeleton("omar") != skeleton("umar"), "the first letter is kept"


def test_transliteration_variants_join_one_entity():
    texts = {"a": "Walid al-Muallem spoke. Mohammad Javad Zarif listened.",
             "b": "Walid Moallem replied. Mohammed Javad Zarif nodded.",
             "c": "Foreign Minister Walid al-Moallem left. Muhammad Javad Zarif too."}
    result = run(texts, {"a": [("Walid al-Muallem", "PERSON"), ("Mohammad Javad Zarif", "PERSON")],
                         "b": [("Walid Moallem", "PERSON"), ("Mohammed Javad Zarif", "PERSON")],
                         "c": [("Foreign Minister Walid al-Moallem", "PERSON"), ("Muhammad Javad Zarif", "PERSON")]})
    assert len(ids_of(result, "Walid al-Muallem") | ids_of(result, "Walid Moallem")
               | ids_of(result, "Walid al-Moallem")) == 1
    assert len(ids_of(result, "Mohammad Javad Zarif") | ids_of(result, "Mohammed Javad Zarif")
               | ids_of(result, "Muhammad Javad Zarif")) == 1
    assert len(result.entities) == 2
    assert "transliteration" in set(result.merges.rule)
    check_invariants(result, texts)


def test_transliteration_variant_joins_through_the_closest_spelling():
    texts = {"a": "Mohamed Salah scored.", "b": "Mohammed Salah ran.", "c": "Muhammad Salah smiled."}
    result = run(texts, {"a": [("Mohamed Salah", "PERSON")], "b": [("Mohammed Salah", "PERSON")],
                         "c": [("Muhammad Salah", "PERSON")]})
    assert len(result.entities) == 1


@pytest.mark.parametrize("a,b", [
    ("Ali Hassan", "Ali Hussein"),
    ("John Smith", "Joan Smith"),
    ("Maria Lopez", "Mario Lopez"),
    ("Adam Smith", "Adham Smith"),
])
def test_different_people_with_similar_names_stay_apart(a, b):
    texts = {"a": f"{a} spoke in Madrid.", "b": f"{b} spoke in Lima."}
    result = run(texts, {"a": [(a, "PERSON")], "b": [(b, "PERSON")]})
    assert ids_of(result, a).isdisjoint(ids_of(result, b))
    assert len(result.entities[result.entities.type == "PERSON"]) == 2


def test_long_arabic_name_variants_join_as_one_spelling():
    """Transliteration variants of longer tokens join ('Moallem', 'Muallem'); see also the
    must-not cases above for short or gender-inflected Latin-script names."""
    texts = {"a": "Walid Muallem spoke.", "b": "Walid Moallem replied."}
    result = run(texts, {"a": [("Walid Muallem", "PERSON")], "b": [("Walid Moallem", "PERSON")]})
    assert ids_of(result, "Walid Muallem") == ids_of(result, "Walid Moallem")
    row = result.merges[result.merges.alias.isin(["Walid Muallem", "Walid Moallem"])
                        & (result.merges.rule != "canonical name")].iloc[0]
    assert row.rule == "transliteration"


# ---------------------------------------------------------------------------- person names


@pytest.mark.parametrize("a,b,same", [
    ("Mohammad Zarif", "Mohammad Javad Zarif", True),
    ("Javad Zarif", "Mohammad Javad Zarif", True),
    ("Bashar al-Assad", "Bashar Assad", True),
    ("Hillary Clinton", "Hillary Rodham Clinton", True),
    ("Bashar Assad", "Hafez Assad", False),
    ("Hillary Clinton", "Bill Clinton", False),
    ("Zarif Mohammad", "Mohammad Javad Zarif", False),
    ("Mohammad Zarif", "Mohammad Javad Rouhani", False),
    ("George W. Bush", "George H. W. Bush", False),
])
def test_compatible_person_names(a, b, same):
    assert compatible_person_names(a, b) is same
    assert compatible_person_names(b, a) is same


def test_father_and_son_with_different_middle_initials_stay_apart():
    texts = {"a": "George H. W. Bush died. His son George W. Bush spoke."}
    result = run(texts, {"a": [("George H. W. Bush", "PERSON"), ("George W. Bush", "PERSON")]})
    assert ids_of(result, "George W. Bush").isdisjoint(ids_of(result, "George H. W. Bush"))


def test_longer_form_of_a_person_joins_the_fuller_name():
    texts = {"a": "Mohammad Javad Zarif arrived.", "b": "Mohammad Zarif's team met Hillary Clinton.",
             "c": "Hillary Rodham Clinton replied."}
    result = run(texts, {"a": [("Mohammad Javad Zarif", "PERSON")],
                         "b": [("Mohammad Zarif's", "PERSON"), ("Hillary Clinton", "PERSON")],
                         "c": [("Hillary Rodham Clinton", "PERSON")]})
    assert len(result.entities) == 2
    assert entity(result, "Mohammad Javad Zarif").n_mentions == 2
    assert entity(result, "Hillary Rodham Clinton").n_mentions == 2
    assert set(result.merges.rule) == {"canonical name", "longer form"}


def test_two_partial_forms_of_one_full_name_both_join_it():
    texts = {"a": "Mohammad Javad Zarif arrived.", "b": "Mohammad Zarif's team met Javad Zarif."}
    result = run(texts, {"a": [("Mohammad Javad Zarif", "PERSON")],
                         "b": [("Mohammad Zarif's", "PERSON"), ("Javad Zarif", "PERSON")]})
    assert len(result.entities) == 1


def test_multi_word_short_form_with_two_candidates_stays_apart():
    texts = {"a": "Maria Elena Lopez met Maria Jose Lopez.", "b": "Maria Lopez spoke."}
    result = run(texts, {"a": [("Maria Elena Lopez", "PERSON"), ("Maria Jose Lopez", "PERSON")],
                         "b": [("Maria Lopez", "PERSON")]})
    short = ids_of(result, "Maria Lopez")
    assert short.isdisjoint(ids_of(result, "Maria Elena Lopez") | ids_of(result, "Maria Jose Lopez"))


# ---------------------------------------------------------------------------- short forms


def test_surname_joins_the_only_person_of_that_name():
    texts = {"a": "Hillary Clinton spoke in Ohio.", "b": "Clinton visited Kenya."}
    result = run(texts, {"a": [("Hillary Clinton", "PERSON"), ("Ohio", "GPE")],
                         "b": [("Clinton", "PERSON"), ("Kenya", "GPE")]})
    assert mention(result, texts, "b", "Clinton").entity_id == mention(result, texts, "a", "Hillary Clinton").entity_id
    row = result.merges[result.merges.alias == "Clinton"].iloc[0]
    assert row.rule == "short form" and "Hillary Clinton" in row.detail


CLINTONS = {
    "hillary": "Hillary Clinton spoke in Ohio. Clinton said more.",
    "bill": "Bill Clinton visited Kenya. Clinton smiled.",
    "both": "Hillary Clinton and Bill Clinton came. Clinton waved.",
    "neither": "Clinton was cheered in Texas.",
}
CLINTON_TAGS = {
    "hillary": [("Hillary Clinton", "PERSON"), ("Clinton", "PERSON", 1)],
    "bill": [("Bill Clinton", "PERSON"), ("Clinton", "PERSON", 1)],
    "both": [("Hillary Clinton", "PERSON"), ("Bill Clinton", "PERSON"), ("Clinton", "PERSON", 2)],
    "neither": [("Clinton", "PERSON")],
}


def test_surname_follows_the_person_named_in_its_article():
    result = run(CLINTONS, CLINTON_TAGS)
    hillary = mention(result, CLINTONS, "hillary", "Hillary Clinton").entity_id
    bill = mention(result, CLINTONS, "bill", "Bill Clinton").entity_id
    assert hillary != bill, "Bill and Hillary Clinton must never merge"
    assert mention(result, CLINTONS, "both", "Hillary Clinton").entity_id == hillary
    assert mention(result, CLINTONS, "both", "Bill Clinton").entity_id == bill
    assert mention(result, CLINTONS, "hillary", "Clinton", 1).entity_id == hillary
    assert mention(result, CLINTONS, "bill", "Clinton", 1).entity_id == bill
    apart = mention(result, CLINTONS, "both", "Clinton", 2).entity_id
    assert apart not in (hillary, bill), "with both named, 'Clinton' is ambiguous"
    assert mention(result, CLINTONS, "neither", "Clinton").entity_id == apart
    assert "short form in article" in set(result.merges.rule)
    check_invariants(result, CLINTONS)


def test_people_sharing_a_surname_stay_apart():
    texts = {"a": "Bashar al-Assad met envoys. Hafez al-Assad ruled before. Assad said.",
             "b": "Bashar Assad spoke. Assad left.",
             "c": "Hafez Assad died. Assad was buried.",
             "d": "Ali Hassan met Omar Hassan in Cairo. Hassan said yes."}
    result = run(texts, {"a": [("Bashar al-Assad", "PERSON"), ("Hafez al-Assad", "PERSON"), ("Assad", "PERSON", 2)],
                         "b": [("Bashar Assad", "PERSON"), ("Assad", "PERSON", 1)],
                         "c": [("Hafez Assad", "PERSON"), ("Assad", "PERSON", 1)],
                         "d": [("Ali Hassan", "PERSON"), ("Omar Hassan", "PERSON"), ("Hassan", "PERSON", 2)]})
    bashar = mention(result, texts, "a", "Bashar al-Assad").entity_id
    hafez = mention(result, texts, "a", "Hafez al-Assad").entity_id
    assert bashar != hafez
    assert mention(result, texts, "b", "Bashar Assad").entity_id == bashar
    assert mention(result, texts, "c", "Hafez Assad").entity_id == hafez
    assert mention(result, texts, "b", "Assad", 1).entity_id == bashar
    assert mention(result, texts, "c", "Assad", 1).entity_id == hafez
    assert mention(result, texts, "a", "Assad", 2).entity_id not in (bashar, hafez)
    ali, omar = (mention(result, texts, "d", s).entity_id for s in ("Ali Hassan", "Omar Hassan"))
    assert ali != omar
    assert mention(result, texts, "d", "Hassan", 2).entity_id not in (ali, omar)


def test_surname_that_is_also_a_province_stays_a_person():
    texts = {"a": "Secretary of State John Kerry flew to Geneva. Kerry said talks would go on.",
             "b": "Kerry met Lavrov."}
    result = run(texts, {"a": [("Secretary of State John Kerry", "PERSON"), ("Geneva", "GPE"), ("Kerry", "PERSON", 1)],
                         "b": [("Kerry", "PERSON"), ("Lavrov", "PERSON")]})
    assert mention(result, texts, "b", "Kerry").type == "PERSON"
    assert mention(result, texts, "b", "Kerry").entity_id == mention(result, texts, "a", "John Kerry").entity_id


# ---------------------------------------------------------------------------- abbreviations


def test_un_spellings_are_one_entity():
    texts = {"a": "The United Nations said the UN would act.", "b": "U.N. officials met in Geneva."}
    result = run(texts, {"a": [("The United Nations", "ORG"), ("UN", "ORG")], "b": [("U.N.", "ORG"), ("Geneva", "GPE")]})
    un = entity(result, "United Nations")
    assert set(un.aliases.split(" | ")) == {"United Nations", "UN", "U.N."}
    assert set(result.merges.loc[result.merges.alias.isin(["UN", "U.N."]), "rule"]) == {"abbreviation"}


def test_nato_joins_its_expansion():
    texts = {"a": "NATO and the North Atlantic Treaty Organization agreed."}
    result = run(texts, {"a": [("NATO", "ORG"), ("the North Atlantic Treaty Organization", "ORG")]})
    assert len(result.entities) == 1 and result.entities.name.iloc[0] == "North Atlantic Treaty Organization"


def test_acronym_with_two_possible_expansions_stays_apart():
    texts = {"a": "The African National Congress won. The Arm\u00e9e Nationale Congolaise retreated.",
             "b": "The ANC said so."}
    result = run(texts, {"a": [("The African National Congress", "ORG"), ("The Arm\u00e9e Nationale Congolaise", "ORG")],
                         "b": [("The ANC", "ORG")]})
    anc = ids_of(result, "ANC")
    assert len(anc) == 1
    assert anc.isdisjoint(ids_of(result, "African National Congress") | ids_of(result, "Arm\u00e9e Nationale Congolaise"))
    assert len(result.entities) == 3


def test_us_tagged_as_place_joins_united_states():
    texts = {"a": "US diplomats came from the United States.", "b": "The U.S. said no."}
    result = run(texts, {"a": [("US", "GPE"), ("the United States", "GPE")], "b": [("The U.S.", "GPE")]})
    assert len(result.entities) == 1
    us = result.entities.iloc[0]
    assert us["name"] == "United States" and us["type"] == "GPE" and us["n_mentions"] == 3


# ---------------------------------------------------------------------------- country-prefixed orgs


def test_short_form_joins_the_only_country_prefixed_organisation():
    texts = {"a": "The US State Department warned. The State Department said more.",
             "b": "A State Department official spoke."}
    result = run(texts, {"a": [("The US State Department", "ORG"), ("The State Department", "ORG")],
                         "b": [("State Department", "ORG")]})
    orgs = result.entities[result.entities.type == "ORG"]
    assert len(orgs) == 1 and orgs.name.iloc[0] == "US State Department"
    # the country inside the organisation's name is a place mention of its own (issue 12, item 3)
    assert set(result.entities.type) == {"ORG", "GPE"}
    us = result.mentions[result.mentions.entity_id.isin(result.entities.loc[result.entities.type == "GPE", "entity_id"])]
    assert list(us.source) == ["inside organisation"] and texts["a"][us.start.iloc[0]:us.end.iloc[0]] == "US"
    row = result.merges[result.merges.alias == "State Department"].iloc[0]
    assert row.rule == "short form" and "without its country" in row.detail


def test_short_form_with_two_country_prefixed_organisations_stays_apart():
    texts = {"a": "The Russian Foreign Ministry said. The Iranian Foreign Ministry replied.",
             "b": "The Foreign Ministry denied it."}
    result = run(texts, {"a": [("The Russian Foreign Ministry", "ORG"), ("The Iranian Foreign Ministry", "ORG")],
                         "b": [("The Foreign Ministry", "ORG")]})
    short = ids_of(result, "Foreign Ministry")
    assert short.isdisjoint(ids_of(result, "Russian Foreign Ministry"))
    assert short.isdisjoint(ids_of(result, "Iranian Foreign Ministry"))
    assert len(result.entities) == 3


# ---------------------------------------------------------------------------- type vote


def test_place_mistagged_in_a_minority_of_mentions_is_a_place_everywhere():
    texts = {"a": "Fighting in Idlib continued. Idlib is under siege. Residents of Idlib fled.",
             "b": "Ontario said no. Officials in Ontario and Ontario voters agreed."}
    result = run(texts, {"a": [("Idlib", "PERSON"), ("Idlib", "GPE", 1), ("Idlib", "GPE", 2)],
                         "b": [("Ontario", "ORG"), ("Ontario", "GPE", 1), ("Ontario", "PERSON", 2)]})
    for name in ("Idlib", "Ontario"):
        rows = result.mentions[result.mentions.text == name]
        assert set(rows.type) == {"GPE"} and rows.entity_id.nunique() == 1
        assert entity(result, name).type == "GPE"
    detail = result.merges[result.merges.alias == "Idlib"].detail.iloc[0]
    assert "gazetteer" in detail


def test_role_noun_before_a_name_makes_it_a_person():
    texts = {"a": "UN envoy Staffan de Mistura said talks would resume."}
    result = run(texts, {"a": [("Staffan de Mistura", "ORG")]})
    assert entity(result, "Staffan de Mistura").type == "PERSON"
    assert "role noun" in result.merges.detail.iloc[0]


def test_role_apposition_flag_makes_a_person_and_its_absence_does_not():
    texts = {"a": "Pedersen, the UN envoy, spoke."}
    with_role = run(texts, {"a": [("Pedersen", "ORG", 0, True)]})
    without = run(texts, {"a": [("Pedersen", "ORG", 0, False)]})
    assert with_role.entities.type.iloc[0] == "PERSON"
    assert without.entities.type.iloc[0] == "ORG"


def test_role_apposition_reads_the_dependency_table():
    # "Geir Pedersen, the UN envoy, said."
    tokens = {"idx": [0, 5, 13, 15, 19, 22, 27, 29, 33],
              "dep": ["compound", "nsubj", "punct", "det", "compound", "appos", "punct", "ROOT", "punct"],
              "head": [1, 7, 1, 5, 5, 1, 1, 7, 7],
              "lemma": ["Geir", "Pedersen", ",", "the", "UN", "envoy", ",", "say", "."]}
    assert role_apposition(tokens, 0, 13)
    not_role = {**tokens, "lemma": ["Geir", "Pedersen", ",", "the", "UN", "building", ",", "say", "."]}
    assert not role_apposition(not_role, 0, 13)
    not_appos = {**tokens, "dep": ["compound", "nsubj", "punct", "det", "compound", "dobj", "punct", "ROOT", "punct"]}
    assert not role_apposition(not_appos, 0, 13)


def test_organisation_words_make_an_organisation():
    texts = {"a": "Jabhat al-Nusra denied it. The Hudson Institute published a report. Jaish-e-Mohammed hid."}
    result = run(texts, {"a": [("Jabhat al-Nusra", "PERSON"), ("The Hudson Institute", "LOC"),
                               ("Jaish-e-Mohammed", "PERSON")]})
    for name in ("Jabhat al-Nusra", "Hudson Institute", "Jaish-e-Mohammed"):
        assert entity(result, name).type == "ORG", name


# ---------------------------------------------------------------------------- demonyms


def test_demonym_is_linked_to_its_country_and_never_merged():
    texts = {"a": "Iranian officials visited Iran's neighbours.", "b": "Iran said no. American troops left the US."}
    result = run(texts, {"a": [("Iranian", "NORP"), ("Iran's", "GPE")],
                         "b": [("Iran", "GPE"), ("American", "NORP"), ("US", "GPE")]})
    iran = entity(result, "Iran").entity_id
    iranian = entity(result, "Iranian").entity_id
    assert iran != iranian
    assert entity(result, "Iranian").type == "NORP" and entity(result, "Iran").type == "GPE"
    rel = result.relations.set_index("entity_id")
    assert rel.loc[iranian, "relation"] == "demonym of"
    assert rel.loc[iranian, "target_name"] == "Iran" and rel.loc[iranian, "target_entity_id"] == iran
    american = entity(result, "American").entity_id
    assert rel.loc[american, "target_name"] == "United States"
    assert rel.loc[american, "target_entity_id"] == entity(result, "United States").entity_id


def test_demonym_of_an_unmentioned_country_has_no_target_entity():
    texts = {"a": "Kenyan runners won in Berlin."}
    result = run(texts, {"a": [("Kenyan", "NORP"), ("Berlin", "GPE")]})
    (row,) = result.relations.itertuples()
    assert row.target_name == "Kenya" and row.target_entity_id == ""


def test_plural_and_singular_demonym_are_one_group():
    texts = {"a": "Russians and a Russian diplomat watched.", "b": "Russian officials spoke."}
    result = run(texts, {"a": [("Russians", "NORP"), ("Russian", "NORP", 1)], "b": [("Russian", "NORP")]})
    assert len(result.entities) == 1
    assert set(result.entities.aliases.iloc[0].split(" | ")) == {"Russian", "Russians"}
    assert "plural" in set(result.merges.rule)


def test_gazetteer_lookups():
    assert gazetteer.country_of_demonym("Iranians") == "Iran"
    assert gazetteer.country_of_demonym("pro-Iranian") == "Iran"
    assert gazetteer.country_of_demonym("American") == "United States"
    assert gazetteer.country_of_demonym("Smith") is None
    assert gazetteer.country_name("U.S.") == gazetteer.country_name("US") == "United States"
    assert gazetteer.place_kind("Syria") == "country"
    assert gazetteer.place_kind("Idlib") == "province"
    assert gazetteer.place_kind("West Bank") == "region"
    assert gazetteer.place_kind("Emmanuel Macron") is None


# ---------------------------------------------------------------------------- propagation

PROP = {
    "a": "President Volodymyr Zelensky spoke in Kyiv. Zelensky said more.",
    "b": "Crowds cheered. Zelensky waved. #Zelensky trended. Zelenskyy is a spelling. Zelensky_fan wrote.",
    "c": "Nobody named here. Zelensky's aides met. The Zelensky Foundation paid.",
    "d": "Volodymyr Zelensky arrived late.",
}
PROP_TAGS = {
    "a": [("President Volodymyr Zelensky", "PERSON"), ("Kyiv", "GPE"), ("Zelensky", "PERSON", 1)],
    "c": [("The Zelensky Foundation", "ORG")],
}


def test_propagation_finds_a_name_again_where_the_tagger_missed_it():
    result = run(PROP, PROP_TAGS)
    zelensky = mention(result, PROP, "a", "Volodymyr Zelensky").entity_id
    got = mention(result, PROP, "b", "Zelensky")
    assert got.source == "propagated" and got.entity_id == zelensky and got.type == "PERSON"
    assert got.sent_id == 1 and got.label == ""
    assert mention(result, PROP, "c", "Zelensky").source == "propagated"  # "Zelensky's"
    full = mention(result, PROP, "d", "Volodymyr Zelensky")  # the longer alias wins
    assert full.source == "propagated" and full.entity_id == zelensky
    assert set(result.mentions.loc[result.mentions.source == "model", "doc_id"]) == {"a", "c"}
    check_invariants(result, PROP)


def test_propagation_skips_longer_words_hashtags_and_existing_mentions():
    result = run(PROP, PROP_TAGS)
    m = result.mentions
    b = m[m.doc_id == "b"]
    assert list(b.start) == [PROP["b"].index("Zelensky")], "not #Zelensky, Zelenskyy or Zelensky_fan"
    c = m[m.doc_id == "c"]
    foundation = mention(result, PROP, "c", "Zelensky Foundation")
    assert len(c) == 2, "nothing propagated inside the tagged 'Zelensky Foundation'"
    assert foundation.source == "model"
    d = m[m.doc_id == "d"]
    assert len(d) == 1, "'Zelensky' is not propagated again inside 'Volodymyr Zelensky'"
    assert len(m[(m.doc_id == "a") & (m.source == "propagated")]) == 0


def test_propagation_can_be_turned_off():
    result = run(PROP, PROP_TAGS, propagate=False)
    assert set(result.mentions.source) == {"model"}


def test_ambiguous_short_form_is_not_propagated():
    texts = {**CLINTONS, "late": "Later that day Clinton spoke again. Bill Clinton agreed."}
    result = run(texts, CLINTON_TAGS)
    late = result.mentions[result.mentions.doc_id == "late"]
    assert list(late.text) == ["Bill Clinton"] and list(late.source) == ["propagated"]


def test_short_form_resolved_in_one_article_is_not_propagated_to_another():
    texts = {"a": "Hillary Clinton spoke in Ohio. Later Clinton said more.",
             "b": "Bill Clinton visited Kenya. Clinton smiled.",
             "c": "Hillary Clinton and Bill Clinton came."}
    result = run(texts, {"a": [("Hillary Clinton", "PERSON")],
                         "b": [("Bill Clinton", "PERSON"), ("Clinton", "PERSON", 1)],
                         "c": [("Hillary Clinton", "PERSON"), ("Bill Clinton", "PERSON")]})
    bill = mention(result, texts, "b", "Bill Clinton").entity_id
    a = result.mentions[result.mentions.doc_id == "a"]
    assert bill not in set(a.entity_id)


# ---------------------------------------------------------------------------- user overrides

OV_TEXTS = {
    "a": "The Islamic State claimed it. Daesh fighters fled. Reuters reported it.",
    "b": "Daesh lost ground. Walid Muallem wrote. Reuters said so.",
    "c": "Walid Moallem replied in Amman.",
}
OV_TAGS = {
    "a": [("The Islamic State", "ORG"), ("Daesh", "PERSON"), ("Reuters", "ORG")],
    "b": [("Daesh", "ORG"), ("Walid Muallem", "PERSON"), ("Reuters", "ORG")],
    "c": [("Walid Moallem", "PERSON"), ("Amman", "GPE")],
}


def write_aliases(tmp_path, body: str):
    path = tmp_path / "aliases.csv"
    path.write_text("alias,canonical,type,rule\n" + body, encoding="utf-8")
    return path


def test_read_overrides_reads_rows_with_their_line_numbers(tmp_path):
    path = write_aliases(tmp_path, "Daesh,Islamic State,org,same\n,ignored,,\nReuters,,,not_entity\n"
                                   "Adham Smith,Adam Smith,,NEVER\nISIS,Islamic State,,\n")
    rows = read_overrides(path)
    assert [(o.alias, o.canonical, o.type, o.rule, o.line) for o in rows] == [
        ("Daesh", "Islamic State", "ORG", "same", 2),
        ("Reuters", "", "", "not_entity", 4),
        ("Adham Smith", "Adam Smith", "", "never", 5),
        ("ISIS", "Islamic State", "", "same", 6),
    ]


def test_read_overrides_without_a_file_means_no_overrides(tmp_path):
    assert read_overrides(tmp_path / "missing.csv") == []
    assert read_overrides(None) == []


def test_read_overrides_rejects_an_unknown_rule_naming_the_line(tmp_path):
    path = write_aliases(tmp_path, "Daesh,Islamic State,ORG,same\nFoo,Bar,ORG,merge\n")
    with pytest.raises(ValueError, match=r"aliases\.csv line 3.*'merge'"):
        read_overrides(path)


def test_override_same_forces_an_alias_into_the_canonical_entity(tmp_path):
    before = run(OV_TEXTS, OV_TAGS)
    assert ids_of(before, "Daesh").isdisjoint(ids_of(before, "Islamic State"))
    overrides = read_overrides(write_aliases(tmp_path, "Daesh,Islamic State,ORG,same\n"))
    result = run(OV_TEXTS, OV_TAGS, overrides=overrides)
    isis = entity(result, "Islamic State")
    assert ids_of(result, "Daesh") == {isis.entity_id} and isis.type == "ORG"
    assert set(result.mentions.loc[result.mentions.text == "Daesh", "type"]) == {"ORG"}
    row = result.merges[result.merges.alias == "Daesh"].iloc[0]
    assert row.rule == "user alias" and "line 2" in row.detail and row.entity_id == isis.entity_id
    check_invariants(result, OV_TEXTS)


def test_override_never_splits_what_the_rules_merged(tmp_path):
    before = run(OV_TEXTS, OV_TAGS)
    assert ids_of(before, "Walid Moallem") == ids_of(before, "Walid Muallem")
    overrides = read_overrides(write_aliases(tmp_path, "Walid Moallem,Walid Muallem,,never\n"))
    result = run(OV_TEXTS, OV_TAGS, overrides=overrides)
    adham, adam = ids_of(result, "Walid Moallem"), ids_of(result, "Walid Muallem")
    assert len(adham) == 1 and len(adam) == 1 and adham != adam
    assert not (result.merges.alias.eq("Walid Moallem") & result.merges.entity_id.isin(adam)).any()
    check_invariants(result, OV_TEXTS)


def test_override_not_entity_drops_every_mention_of_the_alias(tmp_path):
    overrides = read_overrides(write_aliases(tmp_path, "Daesh,Islamic State,ORG,same\nReuters,,,not_entity\n"))
    result = run(OV_TEXTS, OV_TAGS, overrides=overrides)
    assert "Reuters" not in set(result.mentions.text)
    assert "Reuters" not in set(result.merges.alias)
    assert not result.entities.aliases.str.contains("Reuters").any()
    d = result.dropped[result.dropped.text == "Reuters"]
    assert list(d.doc_id) == ["a", "b"]
    assert all("not an entity" in r and "line 3" in r for r in d.reason)
    check_invariants(result, OV_TEXTS)


# ---------------------------------------------------------------------------- audit and determinism

BIG = {
    "wire1": ("President Emmanuel Macron met Chancellor Olaf Scholz in Paris on September 7th. "
              "Macron's aides said the European Union would act.\nThe EU agreed. French officials "
              "and the US State Department welcomed it."),
    "wire2": ("Scholz flew to Berlin. The State Department said Germany's Foreign Ministry was consulted. "
              "#Berlin trended while #peace did not. Germans and a German diplomat watched."),
    "wire3": ("UN envoy Staffan de Mistura, the Syrian Observatory for Human Rights, and the U.N. refugee "
              "agency met in Geneva. De Mistura said northwestern Syria was calm. The Hudson Institute disagreed."),
    "wire4": ("Hillary Clinton spoke in Ohio.\nClinton said the United Nations must act. Iranian and "
              "Russian diplomats listened; Iran's envoy left early."),
    "wire5": "Zelensky thanked Macron. Government sources in Kyiv said the State would pay. Olaf Scholz agreed.",
}
BIG_TAGS = {
    "wire1": [("President Emmanuel Macron", "PERSON"), ("Olaf Scholz", "PERSON"), ("Paris", "GPE"),
              ("September 7th", "DATE"), ("Macron's", "PERSON"), ("the European Union", "ORG"), ("EU", "ORG"),
              ("French", "NORP"), ("the US State Department", "ORG")],
    "wire2": [("Scholz", "PERSON"), ("Berlin", "GPE"), ("The State Department", "ORG"), ("Germany's", "GPE"),
              ("Foreign Ministry", "ORG"), ("Berlin", "PERSON", 1), ("peace", "PERSON"), ("Germans", "NORP"),
              ("German", "NORP", 2)],
    "wire3": [("Staffan de Mistura", "ORG"), ("the Syrian Observatory for", "ORG"), ("the U.N.", "ORG"),
              ("Geneva", "GPE"), ("De Mistura", "PERSON"), ("northwestern Syria", "GPE"),
              ("The Hudson Institute", "PERSON")],
    "wire4": [("Hillary Clinton", "PERSON"), ("Ohio", "GPE"), ("Clinton", "PERSON", 1), ("the United Nations", "ORG"),
              ("Iranian", "NORP"), ("Russian", "NORP"), ("Iran's", "GPE")],
    "wire5": [("Zelensky", "PERSON"), ("Kyiv", "GPE"), ("Government", "ORG"), ("State", "ORG")],
}


@pytest.fixture(scope="module")
def big() -> EntityResult:
    return run(BIG, BIG_TAGS)


def test_big_corpus_satisfies_the_invariants(big):
    check_invariants(big, BIG)
    names = dict(zip(big.entities.name, big.entities.type))
    assert names["Emmanuel Macron"] == "PERSON" and names["Staffan de Mistura"] == "PERSON"
    assert names["Hudson Institute"] == "ORG" and names["US State Department"] == "ORG"
    assert names["Syrian Observatory for Human Rights"] == "ORG"
    assert entity(big, "United Nations").n_docs == 2  # "the U.N." in wire3, "the United Nations" in wire4
    assert entity(big, "Emmanuel Macron").n_docs == 2  # "Macron" propagated into wire5
    assert entity(big, "German").aliases.split(" | ") == ["German", "Germans"]
    assert entity(big, "Syria").n_mentions == 1
    assert set(big.mentions.loc[big.mentions.text == "Syria", "qualifier"]) == {"northwestern"}
    dropped = dict(zip(big.dropped.text, big.dropped.reason))
    assert dropped == {"peace": "hashtag or handle", "Government": "a generic word, not a name",
                       "State": "a generic word, not a name"}
    assert "September 7th" not in set(big.mentions.text)  # DATE is not an entity label
    propagated = big.mentions[big.mentions.source == "propagated"]
    assert set(zip(propagated.doc_id, propagated.text)) == {("wire5", "Macron"), ("wire5", "Olaf Scholz")}


def test_every_merge_has_a_rule_and_a_detail(big):
    assert len(big.merges) >= len(big.entities)
    assert big.merges.rule.str.strip().str.len().gt(0).all()
    assert big.merges.detail.str.strip().str.len().gt(0).all()
    assert set(big.merges.columns) == {"entity_id", "name", "alias", "rule", "detail", "n_mentions"}


def test_canonicalize_is_deterministic(big):
    assert_results_equal(big, run(BIG, BIG_TAGS))


@pytest.mark.parametrize("seed", range(5))
def test_input_order_does_not_change_the_output(big, seed):
    raw = raw_spans(BIG, BIG_TAGS)
    random.Random(seed).shuffle(raw)
    texts = dict(sorted(BIG.items(), key=lambda kv: random.Random(seed).random()))
    result = canonicalize(raw, texts, sents_by_doc={d: sentences(t) for d, t in BIG.items()})
    assert_results_equal(big, result)


def test_overrides_keep_the_output_deterministic(tmp_path):
    overrides = read_overrides(write_aliases(tmp_path, "Daesh,Islamic State,ORG,same\nReuters,,,not_entity\n"
                                                       "Adham Smith,Adam Smith,,never\n"))
    first = run(OV_TEXTS, OV_TAGS, overrides=overrides)
    raw = raw_spans(OV_TEXTS, OV_TAGS)[::-1]
    second = canonicalize(raw, OV_TEXTS, sents_by_doc={d: sentences(t) for d, t in OV_TEXTS.items()},
                          overrides=overrides)
    assert_results_equal(first, second)


def test_merges_explain_every_alias_of_every_entity():
    result = run(CLINTONS, CLINTON_TAGS, propagate=False)
    explained = set(zip(result.merges.entity_id, result.merges.alias))
    shown = set(zip(result.mentions.entity_id, result.mentions.text))
    assert shown <= explained
    for row in result.merges.itertuples():
        m = result.mentions
        assert row.n_mentions == len(m[(m.entity_id == row.entity_id) & (m.text == row.alias)]), row


def test_same_name_rule_is_only_used_for_the_same_key():
    texts = {"a": "Walid al-Muallem spoke.", "b": "Walid Moallem replied.", "c": "Walid al-Moallem left."}
    result = run(texts, {"a": [("Walid al-Muallem", "PERSON")], "b": [("Walid Moallem", "PERSON")],
                         "c": [("Walid al-Moallem", "PERSON")]})
    assert len(result.entities) == 1
    for row in result.merges.itertuples():
        if row.rule == "same name":
            assert name_key(row.alias) == name_key(row.name), row


# ---------------------------------------------------------------------------- merge rules, one at a time


def groups_of(texts: dict[str, str], tags: dict[str, list[tuple]], overrides=()) -> CorpusGroups:
    """The corpus groups the merge rules start from (typed, each its own cluster)."""
    return corpus_groups(sift_mentions(raw_spans(texts, tags), texts).kept, texts, overrides)


def joined(corpus: CorpusGroups, a: str, b: str) -> bool:
    return corpus.find(name_key(a)) == corpus.find(name_key(b))


def test_merge_rules_run_in_their_documented_order():
    assert [r.__name__ for r in MERGE_RULES] == [
        "transliteration", "country_names", "translation", "party_members", "longer_form", "abbreviation",
        "short_form_without_country", "plural", "short_form_surname"]


def test_rule_transliteration_joins_spellings_of_one_name():
    corpus = groups_of({"a": "Walid Muallem spoke.", "b": "Walid Moallem replied."},
                       {"a": [("Walid Muallem", "PERSON")], "b": [("Walid Moallem", "PERSON")]})
    (link,) = rules.transliteration(corpus)
    assert link.rule == "transliteration" and "skeleton 'wld mlm'" in link.detail
    assert joined(corpus, "Walid Muallem", "Walid Moallem")


def test_rule_transliteration_leaves_different_names_and_never_pairs_apart():
    corpus = groups_of({"a": "John Smith spoke.", "b": "Joan Smith replied."},
                       {"a": [("John Smith", "PERSON")], "b": [("Joan Smith", "PERSON")]})
    assert rules.transliteration(corpus) == []
    texts = {"a": "Walid Muallem spoke.", "b": "Walid Moallem replied."}
    tags = {"a": [("Walid Muallem", "PERSON")], "b": [("Walid Moallem", "PERSON")]}
    corpus = groups_of(texts, tags, [Override("Walid Moallem", "Walid Muallem", rule="never")])
    assert rules.transliteration(corpus) == []
    assert not joined(corpus, "Walid Muallem", "Walid Moallem")


def test_rule_longer_form_joins_a_name_to_its_only_fuller_form():
    corpus = groups_of({"a": "Mohammad Javad Zarif arrived.", "b": "Mohammad Zarif spoke."},
                       {"a": [("Mohammad Javad Zarif", "PERSON")], "b": [("Mohammad Zarif", "PERSON")]})
    (link,) = rules.longer_form(corpus)
    assert (link.key, link.target, link.rule) == ("mohammad zarif", "mohammad javad zarif", "longer form")
    assert joined(corpus, "Mohammad Zarif", "Mohammad Javad Zarif")


def test_rule_longer_form_leaves_a_name_with_two_fuller_forms_apart():
    corpus = groups_of({"a": "Maria Elena Lopez met Maria Jose Lopez.", "b": "Maria Lopez spoke."},
                       {"a": [("Maria Elena Lopez", "PERSON"), ("Maria Jose Lopez", "PERSON")],
                        "b": [("Maria Lopez", "PERSON")]})
    assert rules.longer_form(corpus) == []
    assert sorted(corpus.ambiguous["maria lopez"]) == ["Maria Elena Lopez", "Maria Jose Lopez"]
    corpus = groups_of({"a": "Bashar Assad met Hafez Assad."},
                       {"a": [("Bashar Assad", "PERSON"), ("Hafez Assad", "PERSON")]})
    assert rules.longer_form(corpus) == []


def test_rule_abbreviation_joins_an_acronym_to_its_only_expansion():
    corpus = groups_of({"a": "NATO and the North Atlantic Treaty Organization agreed."},
                       {"a": [("NATO", "ORG"), ("the North Atlantic Treaty Organization", "ORG")]})
    (link,) = rules.abbreviation(corpus)
    assert link.rule == "abbreviation" and link.key == "nato"
    assert joined(corpus, "NATO", "North Atlantic Treaty Organization")


def test_rule_abbreviation_leaves_an_acronym_with_two_expansions_apart():
    texts = {"a": "The African National Congress won. The Arm\u00e9e Nationale Congolaise retreated.",
             "b": "The ANC said so."}
    corpus = groups_of(texts, {"a": [("The African National Congress", "ORG"),
                                     ("The Arm\u00e9e Nationale Congolaise", "ORG")], "b": [("The ANC", "ORG")]})
    assert rules.abbreviation(corpus) == []


def test_rule_short_form_without_country_joins_the_only_country_prefixed_name():
    corpus = groups_of({"a": "The US State Department warned.", "b": "The State Department said more."},
                       {"a": [("The US State Department", "ORG")], "b": [("The State Department", "ORG")]})
    (link,) = rules.short_form_without_country(corpus)
    assert link.rule == "short form" and "without its country" in link.detail
    assert joined(corpus, "State Department", "US State Department")


def test_rule_short_form_without_country_leaves_ambiguous_and_non_country_prefixes_apart():
    corpus = groups_of({"a": "The Russian Foreign Ministry said. The Iranian Foreign Ministry replied.",
                        "b": "The Foreign Ministry denied it."},
                       {"a": [("The Russian Foreign Ministry", "ORG"), ("The Iranian Foreign Ministry", "ORG")],
                        "b": [("The Foreign Ministry", "ORG")]})
    assert rules.short_form_without_country(corpus) == []
    corpus = groups_of({"a": "The Acme Science Council met.", "b": "The Science Council agreed."},
                       {"a": [("The Acme Science Council", "ORG")], "b": [("The Science Council", "ORG")]})
    assert rules.short_form_without_country(corpus) == [], "'Acme' is not a country"


def test_rule_plural_joins_the_plural_of_a_demonym():
    corpus = groups_of({"a": "Russians and a Russian diplomat watched."},
                       {"a": [("Russians", "NORP"), ("Russian", "NORP")]})
    (link,) = rules.plural(corpus)
    assert (link.key, link.target, link.rule) == ("russians", "russian", "plural")


def test_rule_plural_leaves_a_country_named_like_a_plural_apart():
    corpus = groups_of({"a": "The Philippines said Philippine troops would stay."},
                       {"a": [("The Philippines", "GPE"), ("Philippine", "NORP")]})
    assert corpus.groups["philippines"].type == "GPE"
    assert rules.plural(corpus) == []


def test_rule_short_form_surname_joins_the_only_person_of_that_surname():
    corpus = groups_of({"a": "Hillary Clinton spoke in Ohio.", "b": "Clinton visited Kenya."},
                       {"a": [("Hillary Clinton", "PERSON")], "b": [("Clinton", "PERSON")]})
    (link,) = rules.short_form_surname(corpus)
    assert link.rule == "short form" and "Hillary Clinton" in link.detail
    assert joined(corpus, "Clinton", "Hillary Clinton")


def test_rule_short_form_surname_joins_only_within_articles_when_ambiguous():
    texts = {"a": "Bashar Assad met envoys. Assad said.", "b": "Hafez Assad died.", "c": "Assad was cheered."}
    corpus = groups_of(texts, {"a": [("Bashar Assad", "PERSON"), ("Assad", "PERSON", 1)],
                               "b": [("Hafez Assad", "PERSON")], "c": [("Assad", "PERSON")]})
    (link,) = rules.short_form_surname(corpus)
    assert (link.key, link.target, link.rule) == ("assad", "", "short form in article")
    assert not joined(corpus, "Assad", "Bashar Assad") and not joined(corpus, "Assad", "Hafez Assad")
    assert list(corpus.in_article.values()) == ["bashar assad"], "only article a names one Assad"
    assert sorted(corpus.ambiguous["assad"]) == ["Bashar Assad", "Hafez Assad"]


def test_rule_short_form_surname_leaves_a_place_named_like_a_surname_apart():
    corpus = groups_of({"a": "Michael Jordan played.", "b": "Troops crossed into Jordan."},
                       {"a": [("Michael Jordan", "PERSON")], "b": [("Jordan", "GPE")]})
    assert corpus.groups["jordan"].type == "GPE"
    assert rules.short_form_surname(corpus) == []


def test_every_merge_rule_name_is_one_the_audit_table_documents():
    documented = {"canonical name", "same name", "gazetteer name", "longer form", "short form",
                  "short form in article", "transliteration", "abbreviation", "plural", "user alias",
                  "user: never merge", "country name", "translation", "party member form", "official name"}
    texts = {**BIG, **CLINTONS, **OV_TEXTS}
    result = run(texts, {**BIG_TAGS, **CLINTON_TAGS, **OV_TAGS})
    assert set(result.merges.rule) <= documented


@pytest.mark.parametrize("order", [0, 1, 2])
def test_clusters_are_named_by_their_least_key_whatever_the_union_order(order):
    keys = ["delta", "alpha", "charlie", "bravo", "echo"]
    unions = [("delta", "charlie"), ("charlie", "echo"), ("bravo", "delta"), ("alpha", "echo")]
    random.Random(order).shuffle(unions)
    clusters = Clusters(keys)
    for a, b in unions[:3]:
        clusters.union(a, b)
    for k in keys:
        assert clusters.find(k) == min(clusters.members(k)) and k in clusters.members(k)
    clusters.union(*unions[3])
    assert {clusters.find(k) for k in keys} == {"alpha"}
    assert clusters.members("echo") == tuple(sorted(keys))


def test_a_name_made_only_of_article_particles_is_dropped_not_kept_without_an_entity():
    texts = {"a": "El Al flew to Paris. Later El Al landed."}
    result = run(texts, {"a": [("El Al", "ORG")]})
    assert list(result.dropped.reason) == ["empty after clean-up"]
    assert result.mentions.empty and result.entities.empty
