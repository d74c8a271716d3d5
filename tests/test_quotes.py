"""Unit tests for helpers.quotes (pure Python, no data files, no ../shared)."""

from __future__ import annotations

import dataclasses

import pytest

from helpers.outlets.quotes import Quote, find_quotes


def _check_offsets(text: str, qs: list[Quote]) -> None:
    assert [q.start for q in qs] == sorted(q.start for q in qs)
    for q in qs:
        assert text[q.start:q.end] == q.quote
        if q.speaker_start >= 0:
            assert text[q.speaker_start:q.speaker_end] == q.speaker
        else:
            assert q.speaker == "" and q.speaker_end == -1
        if q.cue_start >= 0:
            assert text[q.cue_start:q.cue_end] == q.cue
        if q.mention_start >= 0:
            assert text[q.mention_start:q.mention_end] == q.mention


def quotes(text: str, **kw) -> list[Quote]:
    qs = find_quotes(text, **kw)
    _check_offsets(text, qs)
    return qs


def test_frozen_dataclass_fields():
    q = quotes('"Hello," Trump said.')[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        q.speaker = "x"  # type: ignore[misc]
    for f in ("start", "end", "quote", "speaker", "speaker_start", "speaker_end", "cue"):
        assert hasattr(q, f)


def test_straight_quote_after_attribution():
    t = 'The talks went on. "We will not back down," Trump said on Tuesday.'
    (q,) = quotes(t)
    assert q.quote == '"We will not back down,"'
    assert (q.speaker, q.cue) == ("Trump", "said")


def test_curly_quote_inverted_said_x():
    t = "“We will win,” said Sen. Ted Cruz, R-Texas."
    (q,) = quotes(t)
    assert q.quote == "“We will win,”"
    assert q.speaker == "Sen. Ted Cruz"
    assert q.cue == "said" and q.method == "inverted"


def test_speaker_before_said_that_and_tweeted_colon():
    t = ('Iranian Foreign Minister Mohammad Javad Zarif said that "the war must end."\n\n'
         'Donald Trump tweeted: "This is a total disaster!"')
    a, b = quotes(t)
    assert "Zarif" in a.speaker and a.cue == "said"
    assert b.speaker == "Donald Trump" and b.cue == "tweeted"


def test_wrote_in_a_twitter_post():
    t = 'Hillary Clinton wrote in a Twitter post: “Love trumps hate.”'
    (q,) = quotes(t)
    assert q.speaker == "Hillary Clinton" and q.cue == "wrote"


def test_split_quote_two_records_same_speaker():
    t = ("Zarif met Assad in Damascus. \"Syria's integrity should be safeguarded,\" Zarif said, "
         "\"and the refugees should return.\"")
    a, b = quotes(t)
    assert a.quote == "\"Syria's integrity should be safeguarded,\""
    assert b.quote == '"and the refugees should return."'
    assert a.speaker == b.speaker == "Zarif"
    assert a.speaker_start == b.speaker_start
    assert a.cue == b.cue == "said"


def test_multi_paragraph_quote_news_convention():
    t = ("Brafman spoke for an hour.\n\n"
         "“This case is unusual. It was brought with zeal.\n\n"
         "“I have never seen anything like it,” he said.\n\nThe judge listened.")
    (q,) = quotes(t)
    assert q.quote.startswith("“This case") and q.quote.endswith("like it,”")
    assert "\n\n“I have never" in q.quote
    assert q.speaker == "Brafman" and q.mention == "he"


def test_multi_sentence_quote_one_record():
    t = '"It is late. We are tired. We go home," the mayor said.'
    (q,) = quotes(t)
    assert q.quote == '"It is late. We are tired. We go home,"'
    assert q.speaker == "the mayor"


def test_according_to():
    t = 'The plan was "dead on arrival," according to Sen. Bob Corker.'
    (q,) = quotes(t)
    assert q.cue == "according to" and q.speaker == "Sen. Bob Corker"


def test_pronoun_he_resolves_to_nearest_preceding_person():
    t = ("Donald Trump spoke in Iowa. Later Jeb Bush arrived.\n\n"
         '"I am the best candidate," he said.')
    (q,) = quotes(t)
    assert q.mention == "he" and q.speaker == "Jeb Bush"  # nearest, not checked for gender


def test_pronoun_she_never_resolves_to_a_man_known_as_such():
    t = 'John Kerry met reporters. "We will see," she said.'
    (q,) = quotes(t)
    assert q.speaker == "" and q.mention == "she" and q.cue == "said"  # John is a man's name
    t2 = 'Hillary Clinton met John Kerry. "We will see," she said.'
    (q2,) = quotes(t2)
    assert q2.speaker == "Hillary Clinton"
    t3 = 'Jordan Smith met reporters. "We will see," she said.'
    (q3,) = quotes(t3)
    assert q3.speaker == "Jordan Smith"  # no gender known: the nearest person


def test_pronoun_skips_names_inside_quotes():
    t = 'Marco Rubio spoke. "Hillary Clinton is wrong," he said.'
    (q,) = quotes(t)
    assert q.speaker == "Marco Rubio"


def test_they_resolves_to_org_or_stays_unattributed():
    t = 'The Republican National Committee met. "We are united," they said.'
    (q,) = quotes(t)
    assert q.speaker == "The Republican National Committee" or q.speaker == "Republican National Committee"
    t2 = 'Voters lined up early. "We are united," they said.'
    (q2,) = quotes(t2)
    assert q2.speaker == "" and q2.mention == "they" and q2.cue == "said"


def test_persons_argument_used():
    t = 'The senator arrived. "No comment," he said.'
    (q,) = quotes(t, persons=[(4, 11, "PERSON")])
    assert (q.speaker_start, q.speaker_end) == (4, 11)
    t2 = 'Acme Corp said it would fight. "We will appeal," it said.'
    (q2,) = quotes(t2, persons=[(0, 9, "ORG")])
    assert q2.speaker == "Acme Corp"


def test_scare_quotes_unattributed():
    t = 'Donald Trump spoke on Monday. The so-called "victors" held a rally in the rain.'
    (q,) = quotes(t)
    assert q.quote == '"victors"' and q.speaker == "" and q.cue == ""


def test_single_words_no_cue_not_attributed_from_far_away():
    t = ('Donald Trump said on Monday that the talks had failed.\n\n'
         'The strike was condemned as a "reckless attack" by many observers.')
    (q,) = quotes(t)
    assert q.speaker == "" and q.speaker_start == -1


def test_continuation_inherits_speaker():
    t = '"We will win," Trump said. "And we will win big."'
    a, b = quotes(t)
    assert a.speaker == b.speaker == "Trump"
    assert b.method == "continued"


@pytest.mark.parametrize("t", [
    'He said "this never ends',
    '"', '""', '“', '”', "“a” ”b“ “", 'a "b" c "d', "‘", "’’‘", "''", "\n\n“\n\n“",
    '"Unclosed quote\n\n"continued\n\nno more', "Trump said: \"", "",
])
def test_unbalanced_never_crash(t):
    quotes(t)


def test_unclosed_quote_ends_at_paragraph():
    t = 'Trump said, "We will build it\n\nThe crowd cheered.'
    (q,) = quotes(t)
    assert q.quote == '"We will build it' and not q.closed
    assert q.speaker == "Trump"


def test_ascii_double_apostrophe_wire_quotes():
    t = "''Who would Trump appoint to anything? He's a wild card,'' Ms. Epstein said."
    (q,) = quotes(t)
    assert q.quote.endswith("card,''")
    assert q.speaker == "Ms. Epstein"


def test_apostrophes_are_not_quotes():
    t = "Trump’s plan isn’t new, and the candidates’ views don’t change."
    assert quotes(t) == []


def test_headline_colon():
    t = "Kasich: ‘We Are Going To Go All The Way’\n\nText follows."
    (q,) = quotes(t)
    assert q.speaker == "Kasich"


def test_sorted_and_sentences_argument():
    t = '"A," Bob Smith said. "B," Jane Doe said.'
    qs = quotes(t, sentences=[(0, 20), (21, len(t))])
    assert [q.speaker for q in qs] == ["Bob Smith", "Jane Doe"]


# ------------------------------------------------------------------ the passes


def test_quote_finding_is_an_ordered_list_of_named_passes():
    from helpers.outlets.quotes import QUOTE_PASSES
    assert [p.__name__ for p in QUOTE_PASSES] == [
        "pair_marks", "drop_empty", "collect_names", "find_cues", "find_speakers", "resolve_pronouns",
        "continue_quotes", "type_speakers"]


def test_each_pass_fills_its_part_of_the_state():
    from helpers.outlets import quotes as q
    t = 'Marco Rubio spoke. "We will win," he said. "And win big."'
    st = q.QuoteState(t)
    q.pair_marks(st)
    assert [(s.start, s.end, s.closed) for s in st.spans] == [(19, 33, True), (43, len(t), True)]
    q.collect_names(st)
    assert st.eng.guessed and any(t[n.start:n.end] == "Marco Rubio" for n in st.eng.names)
    q.find_cues(st)
    assert st.found[0].method == "after" and st.found[0].cue.word == "said" and st.found[1] is None
    q.find_speakers(st)
    assert st.speakers == [(-1, -1), (-1, -1)]  # a pronoun is not a name
    q.resolve_pronouns(st)
    assert t[slice(*st.speakers[0])] == "Marco Rubio"
    q.continue_quotes(st)
    assert [(r.speaker, r.method) for r in st.quotes] == [("Marco Rubio", "after"), ("Marco Rubio", "continued")]
    q.type_speakers(st)
    assert [r.speaker_type for r in st.quotes] == ["person", "person"]


def test_a_time_phrase_between_a_name_and_its_cue_is_not_the_speaker():
    t = 'The monument, which President Obama on Friday declared "a place of struggle," opened.'
    (qq,) = quotes(t)
    assert (qq.speaker, qq.mention, qq.method) == ("President Obama", "President Obama", "before")
    # must not: a time phrase with no name before it stays as it was
    (qq,) = quotes('On Wednesday said "no more" was the rule.')
    assert qq.mention != "On"


def test_parse_argument_gives_the_sentences():
    from helpers.text.parse import Parse
    t = '"A," Bob Smith said. "B," Jane Doe said.'
    qs = quotes(t, parse=Parse([(0, 20), (21, len(t))]))
    assert [q.speaker for q in qs] == ["Bob Smith", "Jane Doe"]
