"""Dates for undated articles, timeline events, and cross-outlet date disagreements."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from helpers import stages
from helpers.text.parse import Parse
from helpers.timeline import events as timeline

D = dt.date


def test_past_and_future_statements_bound_the_date_and_the_weekday_picks_the_day() -> None:
    text = ("On September 4th, the president warned the rebels. Officials met on Wednesday in the capital. "
            "Leaders are expected to meet at the September 7th summit, which will happen in Tehran.")
    inf = timeline.infer_date("a", text, None, [D(2018, 9, 7)])
    assert (inf.earliest, inf.latest) == (D(2018, 9, 4), D(2018, 9, 6))
    assert inf.date == D(2018, 9, 5)  # the Wednesday in range
    assert inf.confidence >= 0.6
    assert any("September 4th" in e for e in inf.evidence) and any("Wednesday" in e for e in inf.evidence)


def test_ahead_of_a_date_is_future_even_in_a_past_tense_sentence() -> None:
    text = ("The minister said on Monday it was necessary to consult allies ahead of the Sept. 7 summit. "
            "Troops massed on Monday near the border.")
    inf = timeline.infer_date("a", text, None, [D(2018, 9, 7)])
    assert inf.latest == D(2018, 9, 6)
    assert inf.date == D(2018, 9, 3)  # the Monday before the summit


def test_own_four_digit_dates_give_the_year_over_the_neighbours() -> None:
    text = "On March 3, 2021, the ministers met. They met again on Friday."
    inf = timeline.infer_date("a", text, None, [D(2018, 9, 7)])
    assert inf.date is not None and inf.date.year == 2021 and inf.date >= D(2021, 3, 3)


def test_no_evidence_and_no_neighbours_gives_no_date_and_says_why() -> None:
    inf = timeline.infer_date("a", "Fighting went on in the north.", None, [])
    assert inf.date is None and inf.confidence == 0.0 and inf.evidence


def test_known_dates_always_win_over_inference() -> None:
    docs = pd.DataFrame({"doc_id": ["a", "b"], "published": ["2018-09-07", ""],
                         "published_from": ["metadata", ""]})
    texts = {"a": "On September 1st the talks began.", "b": "On September 4th, troops moved. On Monday they fired."}
    dates = timeline.reference_dates(docs, texts, {})
    a, b = dates.set_index("doc_id").loc["a"], dates.set_index("doc_id").loc["b"]
    assert (a["published"], a["published_from"], a["confidence"]) == ("2018-09-07", "metadata", 1.0)
    assert b["published_from"] == "inferred" and b["published"] >= "2018-09-04"


@pytest.mark.parametrize("value,span", [
    ("2018-09-03", (D(2018, 9, 3), D(2018, 9, 3), "day")),
    ("2018-09", (D(2018, 9, 1), D(2018, 9, 30), "month")),
    ("2018-W35", (D(2018, 8, 27), D(2018, 9, 2), "week")),
    ("2018-Q3", (D(2018, 7, 1), D(2018, 9, 30), "quarter")),
    ("2017", (D(2017, 1, 1), D(2017, 12, 31), "year")),
    ("2018-09-03T15:30", (D(2018, 9, 3), D(2018, 9, 3), "day")),
])
def test_granularity_is_kept_as_a_span_never_a_made_up_day(value, span) -> None:
    assert timeline.value_span(value) == span


@pytest.mark.parametrize("value", ["P7Y", "PAST_REF", "PRESENT_REF", "XXXX-09-07", "P1W", ""])
def test_durations_references_and_unresolved_values_are_not_events(value) -> None:
    assert timeline.value_span(value) is None


def events_frame(rows: list[dict]) -> pd.DataFrame:
    base = {"event_id": "", "granularity": "day", "sent_id": 0, "places": "", "n_sources": 1,
            "start": 0, "end": 1, "dct_from": "metadata"}
    df = pd.DataFrame([{**base, **r, "date_end": r["date"]} for r in rows], columns=timeline.EVENT_COLUMNS)
    return timeline.group_events(df)


def test_one_statement_in_two_outlets_is_grouped_and_a_different_date_is_flagged() -> None:
    ev = events_frame([
        {"date": "2018-09-03", "doc_id": "a", "outlet": "Wire", "expression": "Monday",
         "actors": "Donald Trump", "places": "Idlib | Iran | Russia",
         "sentence": "President Donald Trump on Monday warned Iran and Russia not to recklessly attack Idlib."},
        {"date": "2018-09-04", "doc_id": "b", "outlet": "Daily", "expression": "September 4th",
         "actors": "Donald Trump", "places": "Idlib | Iran | Russia",
         "sentence": "On September 4th, Donald Trump warned Russia and Iran against a reckless attack on Idlib."},
        {"date": "2018-09-04", "doc_id": "b", "outlet": "Daily", "expression": "Tuesday",
         "actors": "Angela Merkel", "places": "Berlin",
         "sentence": "Angela Merkel opened a car show in Berlin on Tuesday."},
    ])
    trump = ev[ev["actors"] == "Donald Trump"]
    assert trump["event_id"].nunique() == 1 and set(trump["n_sources"]) == {2}
    dis = timeline.disagreements(ev)
    assert set(dis["expression"]) == {"Monday", "September 4th"}
    merkel = ev[ev["actors"] == "Angela Merkel"]
    assert merkel["event_id"].iloc[0] not in set(trump["event_id"])  # must not group unrelated news


def test_sentences_of_one_article_are_never_grouped_as_two_sources() -> None:
    ev = events_frame([
        {"date": "2018-09-03", "doc_id": "a", "outlet": "Wire", "expression": "Monday", "actors": "Donald Trump",
         "places": "Idlib | Iran", "sentence": "Trump on Monday warned Iran about Idlib."},
        {"date": "2018-09-03", "doc_id": "a", "outlet": "Wire", "expression": "Monday", "actors": "Donald Trump",
         "places": "Idlib | Iran", "sentence": "Trump on Monday warned Iran about Idlib again."},
    ])
    assert set(ev["n_sources"]) == {1} and timeline.disagreements(ev).empty


@pytest.fixture(scope="module")
def seed_timeline(seed_run):
    """The session's one seed run (tests/conftest.py), as (settings, timeline result)."""
    return seed_run.cfg, seed_run.timeline


def test_seed_undated_articles_get_dates_from_their_text_and_neighbours(seed_timeline) -> None:
    _, tl = seed_timeline
    dates = tl.dates.set_index("doc_id")
    assert dates.loc["004_ca72791cc1d0016e", "published_from"] == "header"
    assert dates.loc["004_ca72791cc1d0016e", "published"] == "2018-09-07"
    # "Trump on Monday warned ...", before "the Sept. 7 summit": Monday 3 September 2018.
    assert dates.loc["000_24b1d2f398d6a64a", "published"] == "2018-09-03"
    assert dates.loc["000_24b1d2f398d6a64a", "published_from"] == "inferred"
    # After "On September 4th ... warned", before "the expected September 7th summit".
    row = dates.loc["001_49f6b359dfe7bb2c"]
    assert "2018-09-04" <= row["published"] <= "2018-09-06" and row["published_from"] == "inferred"
    assert (row["earliest"], row["latest"]) == ("2018-09-04", "2018-09-06")


def test_seed_expressions_resolve_as_a_reader_would(seed_timeline) -> None:
    _, tl = seed_timeline
    tx = tl.timexes
    val = {(r.doc_id, r.text): r.value for r in tx.itertuples()}
    assert val[("000_24b1d2f398d6a64a", "Sept. 7")] == "2018-09-07"
    assert val[("000_24b1d2f398d6a64a", "seven-year")] == "P7Y"
    assert val[("000_24b1d2f398d6a64a", "2017")] == "2017"
    assert val[("001_49f6b359dfe7bb2c", "September 4th")] == "2018-09-04"
    assert val[("001_49f6b359dfe7bb2c", "June")] == "2018-06"
    assert val[("004_ca72791cc1d0016e", "Friday")] == "2018-09-07"
    assert not ((tx["doc_id"] == "004_ca72791cc1d0016e") & (tx["start"] < 17)).any()  # header is not text
    assert set(tx.loc[tx["doc_id"] != "004_ca72791cc1d0016e", "dct_from"]) == {"inferred"}


def test_seed_trump_warning_is_one_event_dated_differently_by_two_outlets(seed_timeline) -> None:
    _, tl = seed_timeline
    dis = tl.disagreements
    assert {"Monday", "September 4th"} <= set(dis["expression"])
    assert dis.groupby("event_id")["date"].nunique().max() >= 2


def test_timeline_tables_round_trip_and_rerun_is_identical(seed_timeline) -> None:
    cfg, tl = seed_timeline
    again = stages.timeline(cfg)
    pd.testing.assert_frame_equal(again.events, tl.events)
    pd.testing.assert_frame_equal(again.dates, tl.dates)
    events = pd.read_csv(Path(cfg.derived) / "timeline.csv")
    assert list(events.columns[:11]) == ["event_id", "date", "date_end", "granularity", "doc_id", "sent_id",
                                         "expression", "actors", "places", "sentence", "n_sources"]


# ------------------------------------------------------------- with the cached parse

PLANNED_TEXT = "On September 4th, the government planned to pay claims."
PLANNED_TOKENS = [("On", "IN", "prep", 6, "on"), ("September", "NNP", "pobj", 0, "September"),
                  ("4th", "NN", "nummod", 1, "4th"), (",", ",", "punct", 6, ","), ("the", "DT", "det", 5, "the"),
                  ("government", "NN", "nsubj", 6, "government"), ("planned", "VBD", "ROOT", 6, "plan"),
                  ("to", "TO", "aux", 8, "to"), ("pay", "VB", "xcomp", 6, "pay"), ("claims", "NNS", "dobj", 8, "claim"),
                  (".", ".", "punct", 6, ".")]


def planned_parse() -> Parse:
    """A hand-made parse of `PLANNED_TEXT` (word, tag, dependency, head, lemma)."""
    idx, pos = [], 0
    for word, *_ in PLANNED_TOKENS:
        pos = PLANNED_TEXT.index(word, pos)
        idx.append(pos)
        pos += len(word)
    cols = {"idx": idx, "len": [len(t[0]) for t in PLANNED_TOKENS], "tag": [t[1] for t in PLANNED_TOKENS],
            "pos": [""] * len(idx), "dep": [t[2] for t in PLANNED_TOKENS], "head": [t[3] for t in PLANNED_TOKENS],
            "lemma": [t[4] for t in PLANNED_TOKENS], "ent_iob": ["O"] * len(idx)}
    return Parse([(0, len(PLANNED_TEXT))], cols)


def test_infer_date_reads_tense_from_the_parse() -> None:
    # Cue words: "planned to" makes September 4th still ahead; the parse: "planned" is a past.
    without = timeline.infer_date("a", PLANNED_TEXT, None, [D(2018, 9, 7)])
    assert without.latest == D(2018, 9, 3) and any(e.startswith("future: 'September 4th'") for e in without.evidence)
    with_parse = timeline.infer_date("a", PLANNED_TEXT, None, [D(2018, 9, 7)], parse=planned_parse())
    assert with_parse.earliest == D(2018, 9, 4) and any(e.startswith("past: 'September 4th'") for e in with_parse.evidence)


def test_timex_table_uses_each_articles_parse() -> None:
    dates = pd.DataFrame({"doc_id": ["a"], "published": ["2018-09-07"], "published_from": ["metadata"]})
    texts = {"a": PLANNED_TEXT}
    plain = timeline.timex_table(dates, texts, {"a": [(0, 10), (10, len(PLANNED_TEXT))]})
    parsed = timeline.timex_table(dates, texts, {"a": [(0, 10), (10, len(PLANNED_TEXT))]},
                                  parses={"a": planned_parse()})
    assert list(plain["sent_id"]) == [0] and list(parsed["sent_id"]) == [0]
    assert list(parsed["value"]) == ["2018-09-04"]
    documents = pd.DataFrame({"doc_id": ["a", "b"], "published": ["", "2018-09-07"],
                              "published_from": ["", "metadata"]})
    reference = timeline.reference_dates(documents, {**texts, "b": "Talks went on."}, {},
                                         parses={"a": planned_parse()})
    assert reference.set_index("doc_id").loc["a", "earliest"] == "2018-09-04"


def test_event_groups_are_numbered_by_their_first_sentence() -> None:
    trump_a = {"date": "2018-09-03", "doc_id": "a", "outlet": "Wire", "expression": "Monday",
               "actors": "Donald Trump", "places": "Idlib | Iran | Russia",
               "sentence": "President Donald Trump on Monday warned Iran and Russia not to recklessly attack Idlib."}
    merkel = {"date": "2018-09-04", "doc_id": "c", "outlet": "Post", "expression": "Tuesday",
              "actors": "Angela Merkel", "places": "Berlin", "sentence": "Angela Merkel opened a car show in Berlin."}
    trump_b = {**trump_a, "date": "2018-09-05", "doc_id": "b", "outlet": "Daily", "expression": "Wednesday"}
    ev = events_frame([trump_b, merkel, trump_a])
    assert list(ev["event_id"]) == ["ev0001", "ev0002", "ev0001"]
    assert list(ev["doc_id"]) == ["a", "c", "b"]
