"""Unit tests for helpers.timeline.timex (own sentences only; no dev data, no spaCy: parses are
built by hand)."""

from __future__ import annotations

import datetime as dt
import inspect
import re

import pytest

from helpers.text.parse import Parse
from helpers.timeline import guards, rules
from helpers.timeline import timex as timex_module
from helpers.timeline.context import Context
from helpers.timeline.tense import CLAUSE_RULES, Clause, clause_tense, governing_verb
from helpers.timeline.timex import (
    Timex,
    find_timexes,
    sentence_tense,
    split_sentences,
    tense_judge,
)

DCT = dt.date(2018, 9, 3)  # a Monday
TUESDAY = dt.date(2018, 9, 4)


def one(text: str, dct: dt.date | None = DCT, surface: str | None = None) -> Timex:
    """The single timex of ``text`` (or the one whose text is ``surface``)."""
    found = find_timexes(text, dct)
    if surface is not None:
        found = [t for t in found if t.text == surface]
    assert len(found) == 1, found
    return found[0]


def values(text: str, dct: dt.date | None = DCT) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, dct)]


# ----------------------------------------------------------------------- absolute dates


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The talks open on September 4th in Geneva.", "September 4th", "2018-09-04"),
        ("Leaders will gather on Sept. 7 in Tehran.", "Sept. 7", "2018-09-07"),
        ("The vote took place on 7 September 2018.", "7 September 2018", "2018-09-07"),
        ("The file is dated 2018-09-07.", "2018-09-07", "2018-09-07"),
        ("It happened on Sep 7, 2018, in Idlib.", "Sep 7, 2018", "2018-09-07"),
        ("It was signed on Dec. 2, 1956.", "Dec. 2, 1956", "1956-12-02"),
    ],
)
def test_absolute_dates(text: str, surface: str, value: str) -> None:
    t = one(text, surface=surface)
    assert (t.type, t.value) == ("DATE", value)


def test_month_day_future_sentence_takes_coming_date() -> None:
    t = one("Putin and Erdogan are expected to meet at the Sept. 7 summit in Tehran.")
    assert t.value == "2018-09-07"
    assert t.anchor == "dct 2018-09-03"


def test_month_day_past_sentence_takes_last_year() -> None:
    t = one("On December 28 he said the offensive would go on.", dt.date(2018, 1, 5))
    assert (t.text, t.value) == ("December 28", "2017-12-28")


def test_month_day_near_future_deadline_in_past_sentence() -> None:
    # a deadline a week ahead is not last year's date just because the verb is past
    t = one("The agency ruled that he must be returned by Jan. 14.", dt.date(2000, 1, 6))
    assert t.value == "2000-01-14"


def test_month_day_without_dct_keeps_unknown_year() -> None:
    assert one("They will meet on Sept. 7.", None).value == "XXXX-09-07"


def test_weekday_with_month_day_picks_matching_year() -> None:
    t = one("Talks resumed on Monday, Sept. 3 in Geneva.", dt.date(2018, 9, 10))
    assert (t.text, t.value) == ("Monday, Sept. 3", "2018-09-03")


# ----------------------------------------------------------------------------- weekdays


def test_weekday_past_tense_is_most_recent() -> None:
    t = one("Trump warned on Monday that an attack would be reckless.", TUESDAY)
    assert (t.text, t.type, t.value) == ("Monday", "DATE", "2018-09-03")


def test_weekday_on_the_reference_day_itself() -> None:
    assert one("Trump warned on Monday that Syria would pay.", DCT).value == "2018-09-03"


def test_weekday_future_tense_is_next() -> None:
    assert one("The leaders will meet on Friday in Tehran.", TUESDAY).value == "2018-09-07"
    assert one("The ministers are due to meet Thursday.", TUESDAY).value == "2018-09-06"


def test_weekday_last_and_next() -> None:
    assert one("He spoke last Friday.", TUESDAY).value == "2018-08-31"
    assert one("He speaks next Monday.", TUESDAY).value == "2018-09-10"


def test_weekday_tense_uses_given_sentences() -> None:
    text = "Rebels will regroup. Officials met Friday"
    # with the default splitter "will" is in another sentence: past → last Friday
    assert one(text, TUESDAY).value == "2018-08-31"
    # a caller's single sentence span puts "will" next to it: future → next Friday
    t = find_timexes(text, TUESDAY, sentences=[(0, len(text))])
    assert len(t) == 1


def test_weekday_parts_of_day_and_modifiers() -> None:
    t = one("Shelling resumed Monday night near Idlib.", TUESDAY)
    assert (t.type, t.value) == ("TIME", "2018-09-03TNI")
    t = one("The statement came late Monday.", TUESDAY)
    assert (t.text, t.value, t.mod) == ("late Monday", "2018-09-03", "END")


def test_weekday_plural_is_a_set() -> None:
    t = one("Protesters gather on Fridays.")
    assert (t.type, t.value) == ("SET", "XXXX-WXX-5")


# ----------------------------------------------------------------------------- relative


@pytest.mark.parametrize(
    ("text", "surface", "type_", "value"),
    [
        ("Rebels attacked yesterday.", "yesterday", "DATE", "2018-09-02"),
        ("The army said today it had won.", "today", "DATE", "2018-09-03"),
        ("Talks resume tomorrow.", "tomorrow", "DATE", "2018-09-04"),
        ("Jets struck last week.", "last week", "DATE", "2018-W35"),
        ("Talks are held this week.", "this week", "DATE", "2018-W36"),
        ("Elections are due next month.", "next month", "DATE", "2018-10"),
        ("Trade fell last year.", "last year", "DATE", "2017"),
        # TimeML leaves "earlier"/"later" out of the extent; the value is the month
        ("Fighting escalated earlier this month.", "this month", "DATE", "2018-09"),
        ("They left last November.", "last November", "DATE", "2017-11"),
        ("He arrived two days ago.", "two days ago", "DATE", "2018-09-01"),
        ("The siege began three weeks ago.", "three weeks ago", "DATE", "2018-W33"),
        ("The town grew in recent years.", "recent years", "DATE", "PAST_REF"),
        ("The town is now quiet.", "now", "DATE", "PRESENT_REF"),
        ("The town is currently quiet.", "currently", "DATE", "PRESENT_REF"),
        ("Prices rose over the past two years.", "the past two years", "DURATION", "P2Y"),
        ("Profit rose in the third quarter.", "the third quarter", "DATE", "2018-Q3"),
        ("Tourism grew this summer.", "this summer", "DATE", "2018-SU"),
        ("The war began in the 1990s.", "the 1990s", "DATE", "199"),
        ("The region was stable in the early 1990s.", "the early 1990s", "DATE", "199"),
        ("Talks stalled in the past.", "the past", "DATE", "PAST_REF"),
        ("Elections will be held in June.", "June", "DATE", "2019-06"),
        ("A deal is possible in the near future.", "the near future", "DATE", "FUTURE_REF"),
        ("He left the next day.", "the next day", "DATE", "2018-09-04"),
    ],
)
def test_relative(text: str, surface: str, type_: str, value: str) -> None:
    t = one(text, surface=surface)
    assert (t.type, t.value) == (type_, value)
    # relative values say what they were resolved against; durations and decades need nothing
    assert t.anchor == ("" if type_ == "DURATION" or value == "199" else "dct 2018-09-03")


def test_relative_without_dct_has_placeholders() -> None:
    assert one("Rebels attacked yesterday.", None).value == "XXXX-XX-XX"
    assert one("Jets struck last week.", None).value == "XXXX-WXX"
    assert one("Trade fell last year.", None).value == "XXXX"


def test_year_earlier_follows_last_quarter() -> None:
    text = "Profit rose in the third quarter from $4 million a year earlier."
    assert values(text, dt.date(1989, 10, 26)) == [
        ("the third quarter", "DATE", "1989-Q3"), ("a year earlier", "DATE", "1988-Q3")]


def test_last_season() -> None:
    assert one("The camp opened last summer.").value == "2017-SU"
    assert one("The camp opened last summer.", dt.date(2018, 12, 10)).value == "2018-SU"
    # in January the fall just over is "last fall" (no fall ended two months before: this raised)
    assert one("The pipes corroded last fall.", dt.date(2016, 1, 20)).value == "2015-FA"
    assert one("Snow is due next winter.", dt.date(2016, 12, 15)).value == "2018-WI"  # winter 2017 has begun


def test_last_and_next_season_have_a_value_on_every_day_of_the_year() -> None:
    """Found at scale: a January article saying "last fall" cost it its whole timeline."""
    day = dt.date(2016, 1, 1)
    while day.year == 2016:
        for how in ("last", "next"):
            for season in ("winter", "spring", "summer", "fall"):
                value = one(f"It happened {how} {season}.", day).value
                year = int(value[:4])
                assert day.year - 2 <= year <= day.year + 2, (how, season, day, value)
        day += dt.timedelta(days=5)


# ---------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("It ended a seven-year war.", "seven-year", "P7Y"),
        ("It ended a seven-year-old war.", "seven-year-old", "P7Y"),
        ("The siege lasted three months.", "three months", "P3M"),
        ("They have 48 hours to leave.", "48 hours", "PT48H"),
        ("The feud has simmered for decades.", "decades", "PXDE"),
        ("Talks lasted 2 1/2 years.", "2 1/2 years", "P2Y6M"),
        ("It took a minute and a half.", "a minute and a half", "PT1M30S"),
        ("It took more than two weeks.", "more than two weeks", "P2W"),
        ("They stayed for several days.", "several days", "PXD"),
    ],
)
def test_durations(text: str, surface: str, value: str) -> None:
    t = one(text, surface=surface)
    assert (t.type, t.value) == ("DURATION", value)
    assert t.anchor == ""


def test_duration_adjective_is_never_a_date() -> None:
    assert values("The seven-year war in Syria.") == [("seven-year", "DURATION", "P7Y")]


def test_person_age_is_not_a_timex() -> None:
    assert find_timexes("The 6-year-old boy was returned.", DCT) == []
    assert find_timexes("Smith, a 44-year-old, was arrested.", DCT) == []


def test_rate_is_not_a_duration() -> None:
    assert find_timexes("It adds four flights a week and saves $2 million a year.", DCT) == []


# ------------------------------------------------------------------------ years, months


def test_year_alone() -> None:
    t = one("The uprising began in 2011.")
    assert (t.text, t.type, t.value, t.anchor) == ("2011", "DATE", "2011", "")
    assert one("Sales fell in 2017.").value == "2017"


def test_month_alone_past_sentence() -> None:
    t = one("The offensive began in June.")
    assert (t.type, t.value) == ("DATE", "2018-06")


def test_month_alone_future_sentence() -> None:
    assert one("Elections will be held in June.").value == "2019-06"


def test_month_year() -> None:
    assert one("The deal was signed in June 2016.").value == "2016-06"
    assert one("The deal was signed in February this year.").value == "2018-02"


def test_month_granularity_is_kept() -> None:
    t = one("Late June was quiet.", surface="Late June")
    assert t.value == "2018-06"
    t = one("Rebels withdrew in late November.", surface="late November")
    assert (t.value, t.mod) == ("2017-11", "END")


def test_spoken_year() -> None:
    assert one("In nineteen ninety-six a bomb exploded.").value == "1996"


# --------------------------------------------------------------------------------- sets


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Patrols run every week.", "every week", "P1W"),
        ("The council meets weekly.", "weekly", "P1W"),
        ("A festival is held each year.", "each year", "P1Y"),
        ("Rallies were held almost daily.", "daily", "P1D"),
        ("They meet twice a month.", "twice a month", "P1M"),
    ],
)
def test_sets(text: str, surface: str, value: str) -> None:
    t = one(text, surface=surface)
    assert (t.type, t.value) == ("SET", value)


def test_recurring_weekday_and_month_sets() -> None:
    assert values("The show airs Tuesday nights.") == [("Tuesday nights", "SET", "XXXX-WXX-2TNI")]
    assert values("Orangemen march each July.") == [("each July", "SET", "XXXX-07")]


def test_quarterly_dividend_is_not_a_set() -> None:
    assert find_timexes("It raised its quarterly dividend.", DCT) == []


# -------------------------------------------------------------------------------- times


def test_clock_time_anchored_to_dct() -> None:
    t = one("The blast occurred at 10 a.m.")
    assert (t.text, t.type, t.value) == ("10 a.m.", "TIME", "2018-09-03T10:00")


def test_clock_time_with_weekday() -> None:
    t = one("The convoy left at 3:30 p.m. Monday.", TUESDAY)
    assert (t.text, t.type, t.value) == ("3:30 p.m. Monday", "TIME", "2018-09-03T15:30")


def test_parts_of_day() -> None:
    assert one("Jets struck this morning.").value == "2018-09-03TMO"
    assert one("Jets struck last night.").value == "2018-09-02TNI"
    assert one("They will strike tonight.").value == "2018-09-03TNI"


# ----------------------------------------------------------------------------- must not


@pytest.mark.parametrize(
    "text",
    [
        "The war displaced 3 million people.",
        "The army has 70,000 to 100,000 fighters.",
        "About 800,000 fled.",
        "Some 2000 soldiers were deployed.",
        "They may attack the city.",
        "May I ask a question?",
        "Thousands joined a march through Damascus.",
        "They march on the capital.",
        "Turkey closed its border.",
        "The sign said Sept. only.",
        "Ankara sent 1,500 troops.",
        "He paid $2018 in fees.",
        "Baker told ABC's This Week With David Brinkley about it.",
    ],
)
def test_must_not(text: str) -> None:
    assert find_timexes(text, DCT) == []


def test_capitalised_march_needs_date_context() -> None:
    assert find_timexes("March organisers said the route was safe.", DCT) == []
    assert one("Rebels seized the town in March.").value == "2018-03"


# --------------------------------------------------------------------- record contract


def test_offsets_sorted_non_overlapping_and_deterministic() -> None:
    text = ("On Monday, the army said 3 million people had fled since 2011. The leaders will "
            "meet on Sept. 7, and talks resume next week. Shelling lasted three hours.")
    first = find_timexes(text, TUESDAY)
    assert first == find_timexes(text, TUESDAY)
    assert [t.text for t in first] == ["Monday", "2011", "Sept. 7", "next week", "three hours"]
    for t in first:
        assert text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert t.rule
    for a, b in zip(first, first[1:]):
        assert a.end <= b.start


def test_timex_is_frozen() -> None:
    t = one("Rebels attacked yesterday.")
    with pytest.raises(AttributeError):
        t.value = "x"  # type: ignore[misc]


def test_datetime_dct_is_reduced_to_date() -> None:
    assert one("Rebels attacked yesterday.", dt.datetime(2018, 9, 3, 23, 59)).value == "2018-09-02"


def test_never_reads_the_clock() -> None:
    source = inspect.getsource(timex_module)
    assert "today()" not in source and ".now(" not in source


# ----------------------------------------------------------------- sentences and tense


def test_split_sentences_keeps_abbreviations() -> None:
    text = "Talks begin Sept. 7 in Tehran. Mr. Putin will attend. The U.S. said no."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Talks begin Sept. 7 in Tehran.", "Mr. Putin will attend.", "The U.S. said no."]


@pytest.mark.parametrize(
    ("sentence", "expr", "tense"),
    [
        ("Trump warned on Monday.", "Monday", "past"),
        ("They will meet on Friday.", "Friday", "future"),
        ("The summit is scheduled for Friday.", "Friday", "future"),
        ("The summit will take place Friday, officials said.", "Friday", "future"),
        ("He said on Monday that talks will resume.", "Monday", "past"),
        ("Talks on Friday.", "Friday", ""),
    ],
)
def test_sentence_tense(sentence: str, expr: str, tense: str) -> None:
    i = sentence.index(expr)
    assert sentence_tense(sentence, i, i + len(expr)) == tense


# ------------------------------------------------------------------ the package's shape


TIMELINE_MODULES = ("timex", "tense", "rules", "guards", "handlers", "context", "patterns", "values", "events")


def test_no_timeline_module_reads_the_clock() -> None:
    import importlib

    for name in TIMELINE_MODULES:
        source = inspect.getsource(importlib.import_module(f"helpers.timeline.{name}"))
        assert "today()" not in source and ".now(" not in source, name


def test_rule_table_reads_as_names() -> None:
    assert "lambda" not in inspect.getsource(rules)
    names = [r.name for r in rules.RULES]
    assert len(names) == len(set(names))
    for r in rules.RULES:
        assert r.handler.__name__ != "<lambda>" and r.handler.__doc__, r.name
        assert r.guard is None or getattr(r.guard, "__doc__", None), r.name
    assert all(isinstance(m, rules.LeftModifier) for m in rules.LEFT_MODIFIERS)


def rule_of(text: str, surface: str, dct: dt.date | None = DCT) -> str | None:
    """The rule that produced the timex `surface` in `text`, or None if none did."""
    found = [t for t in find_timexes(text, dct) if t.text == surface]
    return found[0].rule if found else None


@pytest.mark.parametrize(
    ("text", "surface", "rule_name"),
    [
        # season_is_anchored
        ("They met in the summer.", "the summer", "season"),
        ("Summer 2016 was hot.", "Summer 2016", "season"),
        # quarter_is_ordinal
        ("Profit rose in the third quarter.", "the third quarter", "quarter"),
        # not_futures_market
        ("Prices may rise in the future.", "the future", "future"),
        ("Talks will start soon.", "soon", "future"),
        # holiday_is_capitalised
        ("They met on Christmas Eve.", "Christmas Eve", "holiday"),
        # AFTER_SPAN_WORD, AFTER_DURATION_WORD
        ("They waited for a while.", "a while", "while"),
        ("The war lasted for years.", "years", "vague_units"),
    ],
)
def test_guards_let_their_rule_through(text: str, surface: str, rule_name: str) -> None:
    assert rule_of(text, surface) == rule_name


@pytest.mark.parametrize(
    ("text", "surface", "rule_name"),
    [
        ("Past summers were hot.", "Past summers", "season"),
        ("Summer is hot.", "Summer", "season"),
        ("Growth slowed in the last quarter.", "last quarter", "quarter"),
        ("The future contracts fell.", "The future", "future"),
        ("It rained soon after dawn.", "soon", "future"),
        ("A christmas tree stood there.", "christmas", "holiday"),
        ("It was a while back.", "a while", "while"),
        ("The years passed.", "years", "vague_units"),
    ],
)
def test_guards_keep_their_rule_out(text: str, surface: str, rule_name: str) -> None:
    assert rule_of(text, surface) != rule_name


@pytest.mark.parametrize(
    ("guard", "text", "word", "allowed"),
    [
        (guards.AFTER_PERIOD_WORD, "Prices doubled over past decade.", "past decade", True),
        (guards.AFTER_PERIOD_WORD, "Past decade data were lost.", "Past decade", False),
        (guards.AFTER_SPAN_WORD, "It took a while.", "a while", True),
        (guards.AFTER_DURATION_WORD, "Talks took hours.", "hours", True),
        (guards.AFTER_DURATION_WORD, "Hours later it ended.", "Hours", False),
    ],
)
def test_preceded_guards(guard, text: str, word: str, allowed: bool) -> None:
    m = re.search(re.escape(word), text)
    assert m is not None
    ctx = Context(text, DCT, tense_judge(text))
    assert guard(m, ctx) is allowed


# ------------------------------------------------------------- tense from the cached parse


def parsed(text: str, tokens: list[tuple[str, str, str, int, str]]) -> Parse:
    """A hand-made `Parse` of one sentence: (word, Penn tag, dependency, head index, lemma)."""
    idx, pos = [], 0
    for word, *_ in tokens:
        pos = text.index(word, pos)
        idx.append(pos)
        pos += len(word)
    columns = {"idx": idx, "len": [len(t[0]) for t in tokens], "tag": [t[1] for t in tokens],
               "pos": ["" for _ in tokens], "dep": [t[2] for t in tokens], "head": [t[3] for t in tokens],
               "lemma": [t[4] for t in tokens], "ent_iob": ["O" for _ in tokens]}
    return Parse([(0, len(text))], columns)


WARNED = ("Trump warned on Monday.", [
    ("Trump", "NNP", "nsubj", 1, "Trump"), ("warned", "VBD", "ROOT", 1, "warn"), ("on", "IN", "prep", 1, "on"),
    ("Monday", "NNP", "pobj", 2, "Monday"), (".", ".", "punct", 1, ".")])
WILL_MEET = ("They will meet and talk on Friday.", [
    ("They", "PRP", "nsubj", 2, "they"), ("will", "MD", "aux", 2, "will"), ("meet", "VB", "ROOT", 2, "meet"),
    ("and", "CC", "cc", 2, "and"), ("talk", "VB", "conj", 2, "talk"), ("on", "IN", "prep", 4, "on"),
    ("Friday", "NNP", "pobj", 5, "Friday"), (".", ".", "punct", 2, ".")])
COULD = ("He could not be reached Friday.", [
    ("He", "PRP", "nsubjpass", 4, "he"), ("could", "MD", "aux", 4, "could"), ("not", "RB", "neg", 4, "not"),
    ("be", "VB", "auxpass", 4, "be"), ("reached", "VBN", "ROOT", 4, "reach"), ("Friday", "NNP", "npadvmod", 4, "Friday"),
    (".", ".", "punct", 4, ".")])
MAY_HAVE = ("He may have left Friday.", [
    ("He", "PRP", "nsubj", 3, "he"), ("may", "MD", "aux", 3, "may"), ("have", "VB", "aux", 3, "have"),
    ("left", "VBN", "ROOT", 3, "leave"), ("Friday", "NNP", "npadvmod", 3, "Friday"), (".", ".", "punct", 3, ".")])
EXPECTED = ("Leaders are expected to meet on Friday.", [
    ("Leaders", "NNS", "nsubjpass", 2, "leader"), ("are", "VBP", "auxpass", 2, "be"),
    ("expected", "VBN", "ROOT", 2, "expect"), ("to", "TO", "aux", 4, "to"), ("meet", "VB", "xcomp", 2, "meet"),
    ("on", "IN", "prep", 4, "on"), ("Friday", "NNP", "pobj", 5, "Friday"), (".", ".", "punct", 2, ".")])
HAD_BEEN_DUE = ("It had been due to expire Friday.", [
    ("It", "PRP", "nsubj", 2, "it"), ("had", "VBD", "aux", 2, "have"), ("been", "VBN", "ROOT", 2, "be"),
    ("due", "JJ", "acomp", 2, "due"), ("to", "TO", "aux", 5, "to"), ("expire", "VB", "xcomp", 3, "expire"),
    ("Friday", "NNP", "npadvmod", 5, "Friday"), (".", ".", "punct", 2, ".")])
WENT_TO_MEET = ("He went to Paris to meet them Friday.", [
    ("He", "PRP", "nsubj", 1, "he"), ("went", "VBD", "ROOT", 1, "go"), ("to", "IN", "prep", 1, "to"),
    ("Paris", "NNP", "pobj", 2, "Paris"), ("to", "TO", "aux", 5, "to"), ("meet", "VB", "advcl", 1, "meet"),
    ("them", "PRP", "dobj", 5, "they"), ("Friday", "NNP", "npadvmod", 5, "Friday"), (".", ".", "punct", 1, ".")])
PLANS = ("The league plans a rally on Tuesday.", [
    ("The", "DT", "det", 1, "the"), ("league", "NN", "nsubj", 2, "league"), ("plans", "VBZ", "ROOT", 2, "plan"),
    ("a", "DT", "det", 4, "a"), ("rally", "NN", "dobj", 2, "rally"), ("on", "IN", "prep", 2, "on"),
    ("Tuesday", "NNP", "pobj", 5, "Tuesday"), (".", ".", "punct", 2, ".")])
HAS_MET = ("She has met him on Monday.", [
    ("She", "PRP", "nsubj", 2, "she"), ("has", "VBZ", "aux", 2, "have"), ("met", "VBN", "ROOT", 2, "meet"),
    ("him", "PRP", "dobj", 2, "he"), ("on", "IN", "prep", 2, "on"), ("Monday", "NNP", "pobj", 4, "Monday"),
    (".", ".", "punct", 2, ".")])
BEGIN = ("Talks begin Monday.", [
    ("Talks", "NNS", "nsubj", 1, "talk"), ("begin", "VBP", "ROOT", 1, "begin"),
    ("Monday", "NNP", "npadvmod", 1, "Monday"), (".", ".", "punct", 1, ".")])
RECORD_SET = ("It hit the record set on Aug. 6.", [
    ("It", "PRP", "nsubj", 1, "it"), ("hit", "VBD", "ROOT", 1, "hit"), ("the", "DT", "det", 3, "the"),
    ("record", "NN", "dobj", 1, "record"), ("set", "VBN", "acl", 3, "set"), ("on", "IN", "prep", 4, "on"),
    ("Aug.", "NNP", "pobj", 5, "Aug."), ("6", "CD", "nummod", 6, "6"), (".", ".", "punct", 1, ".")])
PLANNED_FOR = ("A rally planned for Saturday drew crowds.", [
    ("A", "DT", "det", 1, "a"), ("rally", "NN", "nsubj", 5, "rally"), ("planned", "VBN", "acl", 1, "plan"),
    ("for", "IN", "prep", 2, "for"), ("Saturday", "NNP", "pobj", 3, "Saturday"), ("drew", "VBD", "ROOT", 5, "draw"),
    ("crowds", "NNS", "dobj", 5, "crowd"), (".", ".", "punct", 5, ".")])
NO_VERB = ("Talks on Friday.", [
    ("Talks", "NNS", "ROOT", 0, "talk"), ("on", "IN", "prep", 0, "on"), ("Friday", "NNP", "pobj", 1, "Friday"),
    (".", ".", "punct", 0, ".")])


@pytest.mark.parametrize(
    ("case", "expr", "tense", "rule_name"),
    [
        (WILL_MEET, "Friday", "future", "non_finite"),  # "talk" shares the "will" of "meet"
        (COULD, "Friday", "", "modal_auxiliary"),
        (MAY_HAVE, "Friday", "past", "modal_auxiliary"),
        (EXPECTED, "Friday", "future", "infinitive_complement"),
        (HAD_BEEN_DUE, "Friday", "past", "infinitive_complement"),
        (WENT_TO_MEET, "Friday", "past", "infinitive_complement"),
        (WARNED, "Monday", "past", "simple_past"),
        (PLANS, "Tuesday", "future", "present_intention"),
        (HAS_MET, "Monday", "past", "present_perfect"),
        (BEGIN, "Monday", "", "present"),
        (RECORD_SET, "Aug. 6", "past", "bare_participle"),
        (PLANNED_FOR, "Saturday", "future", "bare_participle"),
    ],
)
def test_clause_tense_from_the_parse(case, expr: str, tense: str, rule_name: str) -> None:
    text, tokens = case
    parse = parsed(text, tokens)
    i = text.index(expr)
    assert clause_tense(parse, i, i + len(expr)) == tense
    verb = Clause(parse, governing_verb(parse, i, i + len(expr)))
    deciding = next(r for r in CLAUSE_RULES if r(verb, 0) is not None)
    assert deciding.__name__ == rule_name


@pytest.mark.parametrize("rule_fn", CLAUSE_RULES, ids=lambda r: r.__name__)
def test_each_clause_rule_passes_on_a_clause_it_does_not_cover(rule_fn) -> None:
    # A noun-only "verb" slot: no rule may claim a tensed clause that is not there.
    text, tokens = NO_VERB
    parse = parsed(text, tokens)
    assert rule_fn(Clause(parse, 0), 0) is None


def test_no_verb_above_the_expression_falls_back_to_cue_words() -> None:
    text, tokens = NO_VERB
    parse = parsed(text, tokens)
    i = text.index("Friday")
    assert clause_tense(parse, i, i + 6) is None
    assert governing_verb(parse, i, i + 6) == -1


def test_find_timexes_reads_tense_from_the_parse() -> None:
    text = "On Friday, the government planned to pay claims."
    tokens = [("On", "IN", "prep", 5, "on"), ("Friday", "NNP", "pobj", 0, "Friday"), (",", ",", "punct", 5, ","),
              ("the", "DT", "det", 4, "the"), ("government", "NN", "nsubj", 5, "government"),
              ("planned", "VBD", "ROOT", 5, "plan"), ("to", "TO", "aux", 7, "to"), ("pay", "VB", "xcomp", 5, "pay"),
              ("claims", "NNS", "dobj", 7, "claim"), (".", ".", "punct", 5, ".")]
    # Cue words: "planned to" is the nearest cue, so the coming Friday.
    assert one(text).value == "2018-09-07"
    # The parse: "Friday" belongs to "planned", a simple past, so the Friday just gone.
    assert find_timexes(text, DCT, parse=parsed(text, tokens))[0].value == "2018-08-31"


def test_with_a_parse_its_sentences_are_the_sentences() -> None:
    text, tokens = WARNED
    parse = parsed(text, tokens)
    assert tense_judge(text, sentences=[(0, 5)], parse=parse).sentences == parse.sents
    assert tense_judge(text, sentences=[(0, 5)]).sentences == [(0, 5)]
