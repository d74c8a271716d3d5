"""The quote rules of issue 14, one must and one must-not test each (pure Python unless marked),
and the three seed cases through `helpers.find_quotes` (the pipeline notebook 05 runs)."""

from __future__ import annotations

import pytest

from helpers import paths
from helpers.outlets.claims import find_claims
from helpers.outlets.marks import quoted_spans
from helpers.outlets.quotes import SPEAKER_TYPES, Quote, find_quotes


def quotes(text: str, **kw) -> list[Quote]:
    qs = find_quotes(text, **kw)
    for q in qs:
        assert text[q.start:q.end] == q.quote
        assert q.speaker_start < 0 or text[q.speaker_start:q.speaker_end] == q.speaker
        assert q.speaker_type in SPEAKER_TYPES or (q.speaker_type == "" and q.speaker == "")
    return qs


# ---------------------------------------------------------------- 1. nested and mixed marks
def test_a_quote_inside_a_quote_gives_one_quote_with_its_speaker():
    t = ("“As Trump humiliates his ‘allies’ with “little games”, we’re delighted to engage with "
         "responsible powers today,” Zarif wrote.")
    (q,) = quotes(t)
    assert q.quote.startswith("“As Trump") and q.quote.endswith("today,”")
    assert (q.speaker, q.cue) == ("Zarif", "wrote")


@pytest.mark.parametrize("t, inner", [
    ('"He called it "nonsense" today," Bob Smith said.', "nonsense"),  # straight in straight
    ("''He called it \"nonsense\" today,'' Bob Smith said.", "nonsense"),  # wire '' with straight "
    ("« Il a dit “non” hier », Bob Smith said.", "non"),  # guillemets with curly
    ("‘He said “no” to me,’ Bob Smith said.", "no"),  # single curly outside double
])
def test_mixed_marks_nest_into_one_quote(t, inner):
    (q,) = quotes(t)
    assert inner in q.quote and q.speaker == "Bob Smith"


def test_a_second_opener_that_does_not_nest_still_ends_the_first_quote():
    # must not: an unclosed quote followed by a new one is not read as nesting
    t = '“We will go. “We will win,” he said.'
    spans = quoted_spans(t)
    assert [t[s.start:s.end] for s in spans] == ["“We will go.", "“We will win,”"]
    assert not spans[0].closed


def test_a_block_quote_opening_with_a_quote_gives_the_inner_quote():
    t = 'The paper added:\n\n"“You don’t win by states,” Rubio responded before adding more."\n'
    (q,) = quotes(t)
    assert q.quote == "“You don’t win by states,”" and q.speaker == "Rubio"


def test_tweet_markup_holds_no_quotes_and_gives_no_punctuation_speaker():
    t = ('Cruz wrote:\n\n<tweet tweet-id="667366217527767040"><tweet/>.\n\n'
         '<tweet tweet-author="@tedcruz" tweet-date="January 19, 2016\n">I love Palin.<tweet/>.\n\n'
         '"We will win," Cruz said.')
    (q,) = quotes(t)
    assert q.quote == '"We will win,"' and q.speaker == "Cruz"
    html = 'Trump tweeted <a href="https://t.co/x">“Sad!”</a>.'
    (h,) = quotes(html)
    assert h.quote == "“Sad!”"


# ---------------------------------------------------------------- 2. what a speaker is not
def test_a_prepositional_phrase_is_never_the_speaker():
    t = ("In opening remarks, Erdogan called on Putin to agree to a ceasefire, saying such an "
         "accord would be a “victory” of their summit.")
    (q,) = quotes(t)
    assert q.speaker == "Erdogan"
    t2 = 'During a town hall in Ohio, "We will win," said the senator.'
    assert not quotes(t2)[0].speaker.lower().startswith("during")


def test_a_name_after_a_preposition_keeps_its_speaker_when_the_preposition_is_in_a_title():
    # must not: "Ambassador to the United Nations Nikki Haley" is Haley, not the place
    t = 'U.S. Ambassador to the United Nations Nikki Haley tweeted late Monday "All eyes on Idlib."'
    (q,) = quotes(t)
    assert "Nikki Haley" in q.speaker


def test_a_place_reached_through_visit_to_is_never_the_speaker():
    t = ("Trump's tweet comes as Iran's foreign minister Mohammad Javad Zarif at the start of his "
         'visit to Damascus said that "terrorists must be purged" from the province.')
    (q,) = quotes(t)
    assert q.speaker == "Mohammad Javad Zarif" and "Damascus" not in q.speaker


@pytest.mark.parametrize("t, speaker, kind", [
    ('The report said: "Tehran has 70,000 fighters in Syria."', "The report", "document"),
    ('A statement from the ministry said "the talks will go on."', "A statement from the ministry", "document"),
    ('"We will see," a spokesman for the campaign said.', "a spokesman for the campaign", "person"),
    ('"We will see," officials said.', "officials", "group"),
    ('The Republican National Committee said: "We are united."', "The Republican National Committee",
     "organisation"),
    ('Marco Rubio spoke. "We will see," he said.', "Marco Rubio", "person"),
])
def test_every_speaker_has_a_type_and_a_document_is_never_a_person(t, speaker, kind):
    (q,) = quotes(t)
    assert (q.speaker, q.speaker_type) == (speaker, kind)


def test_an_unattributed_quote_has_no_speaker_type():
    (q,) = quotes('The so-called "deal" is dead.')
    assert q.speaker == "" and q.speaker_type == ""


# ---------------------------------------------------------------- 3. empty quotes
def test_empty_quotes_are_dropped_and_figures_are_not():
    t = 'Empty "" here, and "  , " there, and "5," Bob Smith said.'
    assert [q.quote for q in quotes(t)] == ['"5,"']


# ---------------------------------------------------------------- 4. pronouns by gender and number
def test_she_never_goes_to_a_man_known_by_title_first_name_or_surname():
    t = 'Hillary Clinton spoke. Later Mr. Obama arrived.\n\n"We will see," she said.'
    assert quotes(t)[0].speaker == "Hillary Clinton"
    t2 = 'Barack Obama spoke in Ohio.\n\n"The minimum wage should be $15 an hour," she said.'
    (q2,) = quotes(t2)
    assert q2.speaker == "" and q2.mention == "she"  # no woman named: unattributed, not Obama or Ohio
    t3 = 'Ms. Warren spoke. Warren left. Then Mr. Sanders came.\n\n"No," she said.'
    assert quotes(t3)[0].speaker == "Warren"  # the surname carries the title's gender


def test_he_never_goes_to_a_woman_and_unknown_names_stay_candidates():
    t = 'Donald Trump spoke. Then Hillary Clinton left.\n\n"We will see," he said.'
    assert quotes(t)[0].speaker == "Donald Trump"
    t2 = 'Donald Trump spoke. Then Jordan Smith left.\n\n"We will see," he said.'
    assert quotes(t2)[0].speaker == "Jordan Smith"  # "Jordan" is given to both: nearest person


def test_they_goes_to_an_organisation_never_to_a_single_person():
    t = 'Marco Rubio met the RNC. "We are united," they said.'
    (q,) = quotes(t)
    assert q.speaker == "RNC" and q.speaker_type == "organisation"
    (q2,) = quotes('Marco Rubio spoke. "We are united," they said.')
    assert q2.speaker == "" and q2.mention == "they"


# ---------------------------------------------------------------- 5. cue words
def test_answers_is_a_reporting_verb_but_a_stock_answer_is_not():
    assert quotes('"I would say this," Trump answers.')[0].cue == "answers"
    assert quotes('"Fine," Trump answered.')[0].speaker == "Trump"
    assert quotes('Bill Clinton gave his stock answer, "It depends."')[0].cue != "answer"


def test_capitalised_according_to_is_a_quote_cue():
    (q,) = quotes('According to Sen. Bob Corker, "the deal is dead."')
    assert (q.cue, q.speaker) == ("According to", "Sen. Bob Corker")


# ---------------------------------------------------------------- 6. claims use the same engine
def test_a_claim_in_a_nested_quote_takes_the_quotes_speaker():
    t = "“As Trump humiliates his ‘allies’ with “little games”, we’re sending 500 troops,” Zarif wrote."
    (c,) = find_claims(t)
    assert c.claimant == "Zarif"


def test_a_claim_after_she_said_never_goes_to_a_man():
    for t in ('Barack Obama spoke in Ohio.\n\n"The minimum wage should be $15 an hour," she said.',
              "Barack Obama spoke in Ohio. She said 500 people came."):
        (c,) = find_claims(t)
        assert c.claimant == "", t


# ---------------------------------------------------------------- the seeds, through the pipeline
@pytest.fixture(scope="module")
def seed_quotes() -> dict[str, list[Quote]]:
    from helpers import find_quotes as pipeline_quotes
    return {p.name[:3]: pipeline_quotes(p.read_text(encoding="utf-8")) for p in sorted(paths.SEEDS.glob("*.txt"))}


def test_seed_zarifs_tweet_with_nested_marks_is_one_quote_by_zarif(seed_quotes):
    tweet = [q for q in seed_quotes["004"] if "little games" in q.quote]
    assert len(tweet) == 1 and tweet[0].speaker == "Zarif" and tweet[0].speaker_type == "person"


def test_seed_terrorists_must_be_purged_is_said_by_the_minister_not_damascus(seed_quotes):
    said = [q for k in ("000", "001") for q in seed_quotes[k] if "terrorists must be purged" in q.quote]
    assert len(said) == 2
    assert all(q.speaker in ("Iran's foreign minister", "Mohammad Javad Zarif") for q in said)
    assert all(q.speaker_type == "person" for q in said)


def test_seed_speakers_are_no_prepositional_phrase_empty_quote_or_document_person(seed_quotes):
    every = [q for qs in seed_quotes.values() for q in qs]
    assert not [q for q in every if q.speaker.lower().startswith(("in ", "at ", "on "))]
    assert not [q for q in every if not any(c.isalnum() for c in q.quote)]
    assert [q.speaker for q in seed_quotes["004"] if "victory" in q.quote] == ["Erdogan"]
    reports = [q for q in every if q.speaker.lower() == "the report"]
    assert reports and all(q.speaker_type == "document" for q in reports)
