"""Framing (helpers/framing.py): descriptor families for armed actors, per outlet."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.outlets.framing import (
    FAMILIES,
    Descriptor,
    count_descriptors,
    family_counts,
    framing_from_counts,
    framing_table,
)


def found(text: str) -> list[tuple[str, str]]:
    ds = count_descriptors(text)
    for d in ds:  # offsets are exact everywhere
        assert text[d.start:d.end] == d.text
    return [(d.text, d.family) for d in ds]


def test_lexicon_is_documented_and_nonempty():
    import helpers.outlets.framing as fr
    assert set(FAMILIES) == {"rebels", "insurgents", "militants", "terrorists", "opposition", "jihadists",
                             "fighters", "government forces", "regime", "civilians"}
    for fam, entries in FAMILIES.items():
        assert entries, fam
        assert f"**{fam}**" in fr.__doc__


def test_counts_on_constructed_sentences():
    text = ("Rebels shelled the town as government forces advanced; militants and terrorists "
            "were blamed by the regime, while civilians fled and the army said two insurgents died.")
    assert found(text) == [
        ("Rebels", "rebels"), ("government forces", "government forces"), ("militants", "militants"),
        ("terrorists", "terrorists"), ("regime", "regime"), ("civilians", "civilians"),
        ("army", "government forces"), ("insurgents", "insurgents"),
    ]


def test_offsets_exact():
    text = "In the north, REBEL-HELD villages\nwere hit; the army's tanks moved."
    ds = count_descriptors(text)
    assert ds == [
        Descriptor(text.index("REBEL"), text.index(" villages"), "REBEL-HELD", "rebels", "rebel"),
        Descriptor(text.index("army"), text.index(" tanks"), "army's", "government forces", "army"),
    ]


@pytest.mark.parametrize("text, expected", [
    ("rebel-held Idlib", [("rebel-held", "rebels")]),
    ("a rebel-controlled area", [("rebel-controlled", "rebels")]),
    ("the insurgent\u2019s car", [("insurgent\u2019s", "insurgents")]),
    ("the insurgent's car", [("insurgent's", "insurgents")]),
    ("the rebels' base", [("rebels", "rebels")]),
    ("a rebel group and rebel groups", [("rebel group", "rebels"), ("rebel groups", "rebels")]),
    ("terrorist groups", [("terrorist groups", "terrorists")]),
    ("a terror group", [("terror group", "terrorists")]),
    ("a terrorist attack", [("terrorist", "terrorists")]),
    ("opposition fighters", [("opposition fighters", "opposition")]),
    ("opposition-held areas", [("opposition-held", "opposition")]),
    ("the armed opposition", [("armed opposition", "opposition")]),
    ("Islamist militants attacked", [("Islamist militants", "jihadists")]),
    ("jihadists and a jihadi", [("jihadists", "jihadists"), ("jihadi", "jihadists")]),
    ("gunmen and a gunman", [("gunmen", "fighters"), ("gunman", "fighters")]),
    ("Assad regime", [("Assad regime", "regime")]),
    ("Assad\u2019s regime", [("Assad\u2019s regime", "regime")]),
    ("regime forces", [("regime forces", "regime")]),
    ("government\ntroops", [("government\ntroops", "government forces")]),
    ("two armies", [("armies", "government forces")]),
    ("REBELS", [("REBELS", "rebels")]),
])
def test_inflections_compounds_and_phrases(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "an armyworm infestation",
    "a rebellion broke out",            # decided: abstract noun, not the actors
    "rebellious teenagers",
    "the insurgency spread",            # decided: abstract noun
    "militancy is rising",
    "a war on terrorism",               # decided: "terrorism" alone is not "terrorists"
    "counter-terrorism police",
    "anti-government forces",           # not government forces
    "fighter jets struck",
    "a fighter plane",
    "firefighters arrived",
    "regime change",
    "the opposition party",             # bare "opposition" not counted
    "Islamist parties",
    "foreign troops and military operations",
    "ex-rebels",
    "terrorists_list",
])
def test_must_not_match(text):
    assert found(text) == []


def test_longest_match_wins_no_double_count():
    assert found("rebel fighters") == [("rebel fighters", "rebels")]
    assert found("Islamist fighters") == [("Islamist fighters", "jihadists")]
    assert found("regime troops") == [("regime troops", "regime")]


def test_deterministic():
    text = "Rebels, jihadists, the regime and civilians. " * 20
    assert count_descriptors(text) == count_descriptors(text)
    assert len(count_descriptors(text)) == 80


def test_framing_table_counts_and_shares():
    df = framing_table({
        "Wire B": ["Terrorists attacked. The terrorists fled.", "Government forces advanced."],
        "Agency A": ["Rebels attacked. Rebel-held towns; the regime replied.", "No labels here."],
        "Empty": [],
    })
    assert list(df.columns) == ["outlet", "family", "count", "share", "docs", "n_docs"]
    assert list(df["outlet"].unique()) == ["Agency A", "Empty", "Wire B"]
    assert len(df) == 3 * len(FAMILIES)
    wide = df.pivot(index="outlet", columns="family", values="count")
    assert wide.loc["Agency A", "rebels"] == 2 and wide.loc["Agency A", "regime"] == 1
    assert wide.loc["Wire B", "terrorists"] == 2 and wide.loc["Wire B", "government forces"] == 1
    share = df.set_index(["outlet", "family"])["share"]
    assert share["Agency A", "rebels"] == pytest.approx(2 / 3)
    assert share["Wire B", "terrorists"] == pytest.approx(2 / 3)
    assert (df[df.outlet == "Empty"]["share"] == 0.0).all()
    docs = df.set_index(["outlet", "family"])["docs"]
    assert docs["Wire B", "terrorists"] == 1
    for outlet in ("Agency A", "Wire B"):
        assert df[df.outlet == outlet]["share"].sum() == pytest.approx(1.0)
    pd.testing.assert_frame_equal(df, framing_table({
        "Empty": [], "Agency A": ["Rebels attacked. Rebel-held towns; the regime replied.", "No labels here."],
        "Wire B": ["Terrorists attacked. The terrorists fled.", "Government forces advanced."]}))


def test_the_table_from_each_articles_counts_is_the_table_from_the_texts():
    """The sources stage keeps each article's counts and sums them: the same table as counting
    the texts, articles with no descriptor included in `n_docs`."""
    texts = {"Wire B": ["Terrorists attacked. The terrorists fled.", "Government forces advanced."],
             "Agency A": ["Rebels attacked. Rebel-held towns; the regime replied.", "No labels here."]}
    assert family_counts("Terrorists attacked. The terrorists fled.") == {"terrorists": 2}
    assert family_counts("No labels here.") == {}
    counts = {o: [family_counts(t) for t in ts] for o, ts in texts.items()}
    pd.testing.assert_frame_equal(framing_from_counts(counts), framing_table(texts))
    assert framing_from_counts(counts).set_index(["outlet", "family"])["n_docs"]["Agency A", "rebels"] == 2
