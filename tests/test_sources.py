"""Outlets compared on the seeds: quotes tied to entities, the same quote across outlets,
figures compared, reuse found, framing counted, and the coverage matrix."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import paths, stages
from helpers.outlets import compare as sources


@pytest.fixture(scope="module")
def seed_sources(seed_run):
    """The shared seed run's settings and outlet tables."""
    return seed_run.cfg, seed_run.sources


def test_quotes_are_tied_to_canonical_speakers(seed_sources) -> None:
    _, src = seed_sources
    q = src.quotes
    trump = q[q["speaker_entity_id"] == "person:donald-trump"]
    assert set(trump["cue"]) >= {"tweeted"}
    assert "person:mohammad-javad-zarif" in set(q["speaker_entity_id"])
    assert "person:vladimir-putin" in set(q["speaker_entity_id"])
    texts = {p.stem: p.read_bytes().decode("utf-8") for p in paths.SEEDS.glob("*.txt")}
    for r in q.itertuples(index=False):
        assert texts[r.doc_id][r.start:r.end] == r.quote


def test_a_role_phrase_is_not_the_entity_it_names(seed_sources) -> None:
    _, src = seed_sources
    q = src.quotes
    role = q[q["speaker"].str.contains("foreign minister", case=False)]
    assert (role["speaker_entity_id"] != "gpe:iran").all()


def test_the_same_trump_tweet_is_found_in_two_outlets_worded_differently(seed_sources) -> None:
    _, src = seed_sources
    same = src.same_quotes
    trump = same[same["speaker_entity_id"] == "person:donald-trump"]
    assert not trump.empty and (~trump["identical"]).any()


def test_figures_are_compared_across_outlets(seed_sources) -> None:
    _, src = seed_sources
    people = src.claim_comparison[src.claim_comparison["counted"] == "people"]
    assert people["outlet"].nunique() >= 2
    assert {"an estimated 800,000", "as many as 800,000"} & set(people["text"])


def test_reused_passages_point_at_the_shared_text(seed_sources) -> None:
    _, src = seed_sources
    texts = {p.stem: p.read_bytes().decode("utf-8") for p in paths.SEEDS.glob("*.txt")}
    assert not src.reuse.empty
    for r in src.reuse.itertuples(index=False):
        assert texts[r.doc_a][r.start_a:r.end_a] == r.text
    joined = " ".join(src.reuse["text"])
    assert "grave humanitarian mistake" in joined
    html = sources.side_by_side(texts, src.reuse, {k: k for k in texts})
    assert "<mark" in html and "<script" not in html


def test_framing_counts_each_outlets_descriptors(seed_sources) -> None:
    _, src = seed_sources
    f = src.framing
    assert {"outlet", "family", "count"} <= set(f.columns)
    rebels = f[(f["family"] == "rebels")].set_index("outlet")["count"]
    assert rebels.sum() > 0


def test_coverage_matrix_lists_entities_quotes_figures_and_events(seed_sources) -> None:
    _, src = seed_sources
    kinds = set(src.coverage["kind"])
    assert {"entity", "quotes of", "figure", "event"} <= kinds


def test_tables_round_trip_through_the_cache(seed_sources) -> None:
    cfg, src = seed_sources
    again = stages.sources(cfg)
    pd.testing.assert_frame_equal(again.quotes, src.quotes)
    pd.testing.assert_frame_equal(again.coverage, src.coverage)
    pd.testing.assert_frame_equal(again.claim_comparison, src.claim_comparison, check_dtype=False)


def test_a_figure_quoted_from_a_tweet_takes_the_quotes_speaker(seed_sources) -> None:
    # 001: 'Trump tweeted ...:' ends one paragraph, the tweet is quoted in the next
    _, src = seed_sources
    c = src.claims
    tweet = c[(c["doc_id"] == "001_49f6b359dfe7bb2c") & (c["text"] == "Hundreds of thousands")]
    assert list(tweet["claimant"]) == ["Donald Trump"]
    q = src.quotes
    holding = q[(q["doc_id"] == "001_49f6b359dfe7bb2c") & (q["start"] < tweet["start"].iloc[0])
                & (q["end"] > tweet["end"].iloc[0])]
    assert list(holding["speaker"]) == ["Donald Trump"]


def test_similar_quotes_are_paired_across_outlets_only_in_table_order() -> None:
    """Every pair of two outlets' quotes at or above the threshold, as scoring each pair one by
    one finds them; never two quotes of one outlet, however alike."""
    from rapidfuzz import fuzz

    said = ["we will not retreat from idlib", "we will not retreat from idlib at all",
            "the offensive starts tomorrow", "we will never retreat from idlib",
            "the offensive starts tomorrow morning", "nothing alike here"]
    outlets = ["A", "A", "B", "B", "C", "A"]
    got = sources.similar_pairs(said, outlets, 70.0)
    expected = [(i, j, fuzz.token_set_ratio(said[i], said[j])) for i in range(len(said))
                for j in range(i + 1, len(said))
                if outlets[i] != outlets[j] and fuzz.token_set_ratio(said[i], said[j]) >= 70.0]
    assert got == expected and expected
    assert (0, 1) not in {(i, j) for i, j, _ in got}  # one outlet's two near-identical quotes
    assert [(i, j) for i, j, _ in got] == sorted((i, j) for i, j, _ in got)


def test_the_same_quote_table_holds_one_row_per_pair_across_outlets() -> None:
    quotes = pd.DataFrame({
        "speaker_entity_id": ["e1", "e1", "e1", "e2", "e2", ""],
        "outlet": ["A", "B", "A", "B", "C", "C"],
        "quote": ["We will not retreat.", "We will not retreat!", "We will not  retreat.", "We stay.",
                  "We  stay.", "We will not retreat."]})
    got = sources.same_quote_different_wording(quotes)
    assert got[["speaker_entity_id", "outlet_a", "quote_a", "outlet_b", "quote_b"]].values.tolist() == [
        ["e1", "A", "We will not retreat.", "B", "We will not retreat!"],
        ["e1", "B", "We will not retreat!", "A", "We will not  retreat."],
        ["e2", "B", "We stay.", "C", "We  stay."]]
    assert got["identical"].tolist() == [False, False, True]
    assert got["similarity"].tolist() == [95.0, 95.0, 100.0]
    # quotes read back from quotes.csv: no speaker is NaN, and is left out as groupby left it
    read_back = quotes.astype({"speaker_entity_id": object})
    read_back.loc[0, "speaker_entity_id"], read_back.loc[5, "speaker_entity_id"] = None, float("nan")
    assert sources.same_quote_different_wording(read_back)["quote_a"].tolist() == [
        "We will not retreat!", "We stay."]


def _mentions(rows: list[tuple[str, int, int, str]]) -> pd.DataFrame:
    return pd.DataFrame([{"doc_id": d, "start": s, "end": e, "entity_id": eid, "type": "PERSON"}
                         for d, s, e, eid in rows])


def _found(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame([{**{c: "" for c in sources.FOUND_QUOTE_COLUMNS}, "doc_id": d, "start": 0, "end": 1,
                          "speaker_start": s, "speaker_end": e} for d, s, e in rows],
                        columns=list(sources.FOUND_QUOTE_COLUMNS))


def test_a_speaker_is_tied_to_the_mention_of_its_span_else_to_one_covering_its_head_word() -> None:
    mentions = _mentions([
        ("a", 0, 10, "person:first"), ("a", 0, 10, "person:last-of-the-span"),  # one span twice: the last
        ("a", 20, 25, "gpe:iran"),  # "Iran's foreign minister": Iran does not cover the head word
        ("a", 40, 50, "person:one"), ("a", 44, 50, "person:two"),  # both cover the head: the first
        ("b", 0, 10, "person:elsewhere"),
    ])
    found = _found([("a", 0, 10), ("a", 20, 38), ("a", 42, 50), ("a", -1, -1), ("a", 60, 70), ("c", 0, 10)])
    tied = sources.tie_speakers(found, mentions)
    assert list(tied.columns) == list(sources.QUOTE_COLUMNS)
    assert list(tied["speaker_entity_id"]) == ["person:last-of-the-span", "", "person:one", "", "", ""]


def test_tying_no_quotes_gives_the_quote_table_with_no_rows() -> None:
    tied = sources.tie_speakers(_found([]), _mentions([("a", 0, 10, "person:x")]))
    assert tied.empty and list(tied.columns) == list(sources.QUOTE_COLUMNS)


def test_the_per_article_search_reads_only_the_speakers_offsets_and_types() -> None:
    mentions = _mentions([("a", 0, 10, "person:x")]).assign(type=["PERSON"])
    mentions = pd.concat([mentions, _mentions([("a", 20, 25, "gpe:iran")]).assign(type=["GPE"])])
    assert sources.speaker_mentions(mentions).to_dict("records") == [
        {"doc_id": "a", "start": 0, "end": 10, "type": "PERSON"}]
