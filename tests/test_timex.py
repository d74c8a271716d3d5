"""Unit tests for helpers.timex (own sentences only; no dev data, no spaCy)."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest

from helpers.timeline import timex as timex_module
from helpers.timeline.timex import Timex, find_timexes, sentence_tense, split_sentences

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
