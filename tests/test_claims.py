"""Unit tests for helpers.claims (own sentences only; no corpus, no spaCy)."""

from __future__ import annotations

import math

import pytest

from helpers.outlets.claims import Claim, ClaimStats, compare_claims, counted_key, find_claims
from helpers.text.parse import Parse

INF = math.inf


def one(text: str, surface: str | None = None, **kw: object) -> Claim:
    """The single claim of ``text`` (or the one whose text is ``surface``)."""
    found = find_claims(text, **kw)  # type: ignore[arg-type]
    if surface is not None:
        found = [c for c in found if c.text == surface]
    assert len(found) == 1, found
    c = found[0]
    assert text[c.start:c.end] == c.text
    return c


def surfaces(text: str, **kw: object) -> list[str]:
    return [c.text for c in find_claims(text, **kw)]  # type: ignore[arg-type]


# ------------------------------------------------------------------ the brief's cases


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "counted", "modifier"),
    [
        ("UN officials believe an estimated 800,000 people could be displaced.",
         "an estimated 800,000", 8e5, 8e5, "people", "APPROX"),
        ("Idlib is home to some three million civilians.", "some three million", 3e6, 3e6,
         "civilians", "APPROX"),
        ("Approximately 3 million people live in Idlib.", "Approximately 3 million", 3e6, 3e6,
         "people", "APPROX"),
        ("There are 70,000 to 100,000 fighters in the province.", "70,000 to 100,000", 7e4, 1e5,
         "fighters", ""),
        ("More than half a million people have died.", "More than half a million", 5e5, INF,
         "people", "MORE_THAN"),
        ("Hundreds of thousands of people fled.", "Hundreds of thousands", 2e5, 999_999,
         "people", ""),
        ("Tens of thousands of people marched.", "Tens of thousands", 2e4, 99_999, "people", ""),
        ("As many as 800,000 people could be displaced.", "As many as 800,000", 0, 8e5,
         "people", "EQUAL_OR_LESS"),
        ("Thousands of government troops massed near the town.", "Thousands", 2000, 9999,
         "government troops", ""),
        ("Two countries signed.", "Two", 2, 2, "countries", ""),
        ("Three presidents met.", "Three", 3, 3, "presidents", ""),
    ],
)
def test_brief_cases(text: str, surface: str, low: float, high: float, counted: str,
                     modifier: str) -> None:
    c = one(text)
    assert (c.text, c.value_low, c.value_high, c.counted, c.modifier) == (
        surface, low, high, counted, modifier)


def test_missing_noun_leaves_counted_empty_and_keeps_the_verb_phrase() -> None:
    c = one("The war has forced 11 million to flee their homes.")
    assert (c.text, c.value_low, c.counted, c.predicate) == ("11 million", 11e6, "", "to flee their homes")
    c = one("Thousands fled across the border.")
    assert (c.counted, c.predicate) == ("", "fled across the border")
    c = one("More than 500 of them died.")
    assert (c.value_low, c.value_high, c.counted) == (500, INF, "")


def test_money() -> None:
    c = one("The U.S. pledged $3 billion in aid.")
    assert (c.text, c.value_low, c.unit, c.counted) == ("$3 billion", 3e9, "USD", "dollars")
    assert one("It costs £3bn a year.").value_low == 3e9
    assert one("It costs £3bn a year.").counted == "pounds"
    assert one("a fund of €200 million").unit == "EUR"
    c = one("They spent 3 billion dollars.")
    assert (c.value_low, c.unit, c.counted) == (3e9, "USD", "dollars")
    assert one("a $1.5 million grant").value_low == 1.5e6


def test_percentages_are_claims_counting_percent() -> None:
    c = one("The army controls 5% of the province.")
    assert (c.text, c.value_low, c.unit, c.counted) == ("5%", 5.0, "%", "%")
    assert one("Turnout was 62 percent.").text == "62 percent"
    assert one("about 40 per cent of voters").modifier == "APPROX"


# ------------------------------------------------------------------ must-not cases


@pytest.mark.parametrize(
    "text",
    [
        "It is a seven-year war.",
        "After seven years of war, three days of talks began.",
        "A 12-year-old boy was hurt. Aged 12, he fled.",
        "It happened in 2017.",
        "In 2018, the talks failed.",
        "2017 was a hard year; 2017-2018 was worse; the 1990s were calm.",
        "The summit opens on Sept. 7 in Tehran.",
        "The talks open on September 4th in Geneva, and on 7 September in Paris.",
        "The second attack was the 4th this year.",
        "One society cannot survive this. One of them died.",
        "The town is 30 km from the border and 5 miles from the sea.",
        "They met at 10 a.m. and again at 3:30.",
        "Under Resolution 2254 and Article 5, No. 2 flew F-16 jets; MH17 and the G20.",
        "Syria won 2-1.",
        "He has been arrested three times.",
        "They back a two-state solution.",
        "The file is dated 2018-09-07 in the archive, or 7/9/2018.",
    ],
)
def test_not_claims(text: str) -> None:
    assert surfaces(text) == []


def test_strong_compound_is_a_claim_but_other_compounds_are_not() -> None:
    c = one("A 10,000-strong force arrived.")
    assert (c.value_low, c.counted) == (1e4, "force")


def test_minimum_value() -> None:
    assert surfaces("Two countries and 5,000 troops.") == ["Two", "5,000"]
    assert surfaces("Two countries and 5,000 troops.", min_value=10) == ["5,000"]
    # scaled, vague, money and percentages survive any minimum
    assert surfaces("one million people, dozens of towns, $2 and 3%", min_value=10) == [
        "one million", "dozens", "$2", "3%"]
    # "one" alone never counts, even with no minimum
    assert surfaces("one society", min_value=0) == []


def test_year_like_numbers_count_only_with_a_noun_or_a_qualifier() -> None:
    assert one("Some 2000 people fled.").value_low == 2000
    assert one("Officials said 2000 people fled.").counted == "people"
    assert surfaces("Since 2000 people have fled.") == []


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("1.5 million children", 1.5e6, 1.5e6),
        ("a million refugees", 1e6, 1e6),
        ("seventy-five soldiers", 75, 75),
        ("two hundred thousand residents", 2e5, 2e5),
        ("a quarter of a million people", 2.5e5, 2.5e5),
        ("one and a half million people", 1.5e6, 1.5e6),
        ("a dozen soldiers", 12, 12),
        ("dozens of civilians", 24, 99),
        ("scores of civilians", 40, 99),
        ("millions of Syrians", 2e6, 1e7 - 1),
        ("several hundred thousand Syrian refugees", 3e5, 9e5),
        ("a few thousand rebels", 2000, 5000),
        ("between 2 and 3 million people", 2e6, 3e6),
        ("between 70,000 and 100,000 fighters", 7e4, 1e5),
        ("2 to 3 million refugees", 2e6, 3e6),
        ("70,000-100,000 fighters", 7e4, 1e5),
        ("at least 400 civilians", 400, INF),
        ("up to 400 civilians", 0, 400),
        ("fewer than 400 civilians", 0, 400),
        ("nearly 400 civilians", 400, 400),
    ],
)
def test_values(text: str, low: float, high: float) -> None:
    c = one(text)
    assert (c.value_low, c.value_high) == (low, high)


def test_value_field() -> None:
    assert one("70,000 to 100,000 fighters").value == 85_000
    assert one("more than 500 people").value == 500
    assert one("as many as 800,000 people").value == 800_000
    assert one("thousands of people").vague


# ------------------------------------------------------------------ counted


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("800,000 displaced could return.", "displaced"),
        ("800,000 displaced people returned.", "displaced people"),
        ("3 million Syrian refugees live in Turkey.", "Syrian refugees"),
        ("500 Turkish soldiers crossed.", "Turkish soldiers"),
        ("3 million people living in Idlib", "people"),
        ("3 million of the country's people", "people"),
        ("500 more people died", "people"),
        ("500 wounded were taken to hospital", "wounded"),
    ],
)
def test_counted(text: str, counted: str) -> None:
    assert find_claims(text)[0].counted == counted


def test_verb_after_number_is_not_counted() -> None:
    c = one("500 died in the attack.")
    assert (c.counted, c.predicate) == ("", "died in the attack")


# ------------------------------------------------------------------ claimant


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("UN officials believe as many as 800,000 people could be displaced.", "UN officials"),
        ("Some three million civilians live there, according to the United Nations.",
         "United Nations"),
        ("As many as 800,000 people could be displaced, the UN said.", "UN"),
        ("The Syrian Observatory for Human Rights said 400 civilians were killed.",
         "Syrian Observatory for Human Rights"),
        ("The fighting killed 500 people, said Lavrov.", "Lavrov"),
        ("Trump on Monday warned that hundreds of thousands of people could be killed.", "Trump"),
        ("Officials have warned that 3 million people are at risk.", "Officials"),
        ("3 million people live in Idlib.", ""),
        ("He said 400 civilians were killed.", ""),
    ],
)
def test_claimant(text: str, claimant: str) -> None:
    assert one(text).claimant == claimant


def test_quoted_claim_takes_the_speaker() -> None:
    text = '"Hundreds of thousands of people could be killed," Trump tweeted.'
    c = one(text)
    assert (c.value_low, c.counted, c.claimant) == (2e5, "people", "Trump")
    # the attribution may fall in the next "sentence" of the splitter
    assert one('"Hundreds of thousands could die." Trump tweeted on Monday.').claimant == "Trump"
    assert one('"500 people died," said the monitor.').claimant == "monitor"
    assert one('Trump said: "We could lose 400 soldiers."').claimant == "Trump"
    assert one("“Thousands of civilians are trapped,” Lavrov told reporters.").claimant == "Lavrov"
    # a quotation continued after its attribution keeps the speaker
    text = '"It is a tragedy," Trump tweeted Monday. "Hundreds of thousands could be killed."'
    assert one(text).claimant == "Trump"


def test_apposition_between_subject_and_verb() -> None:
    text = ("Staffan de Mistura, the UN envoy for Syria, warned as many as 800,000 people could "
            "be displaced.")
    assert one(text).claimant == "Staffan de Mistura"


def test_persons_spans_name_the_claimant() -> None:
    text = "Russian Foreign Minister Sergei Lavrov said 3,000 militants remain."
    assert one(text).claimant == "Russian Foreign Minister Sergei Lavrov"
    s = text.index("Sergei")
    e = s + len("Sergei Lavrov")
    assert one(text, persons=[(s, e, "PERSON")]).claimant == "Sergei Lavrov"
    c = one(text, persons=[(s, e, "Sergey Lavrov")])
    assert (c.claimant, c.claimant_start, c.claimant_end) == ("Sergey Lavrov", s, e)


def test_pronoun_resolves_to_the_last_person() -> None:
    text = "Lavrov spoke in Moscow. He said 3,000 militants remain."
    assert one(text).claimant == ""
    assert one(text, persons=[(0, 6, "PERSON")]).claimant == "Lavrov"


def test_claimant_is_per_sentence() -> None:
    text = "The UN said the talks failed. Later 3,000 fighters arrived."
    assert one(text).claimant == ""
    # caller-given sentences are used
    assert one(text, sentences=[(0, len(text))]).claimant == "UN"


# ------------------------------------------------------------------ general


def test_offsets_order_and_determinism() -> None:
    text = ("An estimated 800,000 people could be displaced, UN officials believe. Turkey hosts "
            "3.6 million Syrian refugees. Russia said 70,000 to 100,000 fighters are in Idlib.")
    claims = find_claims(text)
    assert [c.text for c in claims] == ["An estimated 800,000", "3.6 million", "70,000 to 100,000"]
    assert [c.sentence for c in claims] == [0, 1, 2]
    assert all(text[c.start:c.end] == c.text for c in claims)
    assert claims == find_claims(text)
    with pytest.raises(AttributeError):
        claims[0].value_low = 1  # type: ignore[misc]


def test_cost_is_one_engine_run_per_text_and_one_cue_scan_per_sentence() -> None:
    text = ("UN officials believe as many as 800,000 people could be displaced in Idlib, home to "
            "some three million civilians, on Sept. 7 after a seven-year war. ") * 500
    stats = ClaimStats()
    claims = find_claims(text, stats=stats)
    assert len(claims) == 1000
    # cost as work done, not seconds: one regex scan of the text, one run of the quotes'
    # attribution engine, and the cues of each sentence read once for its two figures
    assert (stats.texts, stats.engine_runs, stats.claims) == (1, 1, 1000)
    assert stats.matches == 2000  # "as many as 800,000", "some three million" per sentence
    assert stats.sentences_scanned == 500
    assert {c.claimant for c in claims} == {"UN officials"}


def test_a_text_without_figures_never_runs_the_engine() -> None:
    stats = ClaimStats()
    assert find_claims("He said it was one of those days. Nothing more.", stats=stats) == []
    assert stats.engine_runs == 0 and stats.sentences_scanned == 0


# ------------------------------------------------------------------ comparison


def test_counted_key() -> None:
    assert counted_key("Syrian refugees") == "refugee"
    assert counted_key("civilians") == counted_key("people") == counted_key("displaced") == "people"
    assert counted_key("government troops") == counted_key("soldiers") == "troop"
    assert counted_key("militants") == "fighter"
    assert counted_key("casualties") == "death"
    assert counted_key("") == ""


def test_compare_claims_groups_and_flags() -> None:
    docs = {
        "a": find_claims("Idlib is home to 3 million civilians. 70,000 to 100,000 fighters are there."),
        "b": find_claims("Approximately 3 million people live in Idlib."),
        "c": find_claims("As many as 800,000 people could be displaced."),
        "d": find_claims("5% of them left. 800,000 displaced could flee."),
    }
    rows = {r["key"]: r for r in compare_claims(docs)}
    assert set(rows) == {"people", "fighter"}  # percentages are ignored by default
    fighters = rows["fighter"]
    assert fighters["n_claims"] == 1 and fighters["consistent"]
    people = rows["people"]
    assert people["n_docs"] == 4 and not people["consistent"]
    texts = [[people["claims"][i]["text"] for i in cl] for cl in people["clusters"]]
    assert sorted(map(sorted, texts)) == [["3 million", "Approximately 3 million"],
                                          ["800,000", "As many as 800,000"]]
    assert people["low"] == 0 and people["high"] == 3e6


def test_compare_claims_agreement_and_tolerance() -> None:
    docs = {"a": find_claims("about 3 million people"), "b": find_claims("3.1 million people")}
    assert compare_claims(docs)[0]["consistent"]
    assert not compare_claims(docs, tolerance=0)[0]["consistent"]
    docs = {"a": find_claims("800,000 displaced"), "b": find_claims("800,000 people")}
    (row,) = compare_claims(docs)
    assert row["consistent"] and row["clusters"] == [[0, 1]]
    open_ended = {"a": find_claims("more than 500,000 people"),
                  "b": find_claims("hundreds of thousands of people")}
    assert compare_claims(open_ended)[0]["consistent"]
    assert compare_claims({"a": find_claims("5% and 90%")}, ignore=()) [0]["consistent"] is False


# ------------------------------------------------------------------ one attribution engine


def test_a_figure_quoted_after_a_colon_paragraph_takes_the_quotes_speaker() -> None:
    # the case: the quotation is attributed in the previous paragraph
    text = 'Trump tweeted on Monday:\n\n"Hundreds of thousands of people could be killed."'
    c = one(text)
    assert (c.claimant, text[c.claimant_start:c.claimant_end]) == ("Trump", "Trump")
    # and in a quote-only paragraph continuing an attributed one
    text = ('"It is a tragedy," the envoy said.\n\n'
            '"As many as 800,000 people could be displaced by the fighting."')
    assert one(text).claimant == "envoy"


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("The monitor counted 400 dead in the province.", "monitor"),  # ESTIMATING_VERBS
        ("The agency put the toll at 500 people.", "agency"),
        ("Aid groups fear 300 families are trapped.", "Aid groups"),
        ("According to the report, the meeting set three conditions.", "report"),  # capital A
    ],
)
def test_estimating_verbs_and_according_to_attribute_figures(text: str, claimant: str) -> None:
    assert one(text).claimant == claimant


@pytest.mark.parametrize(
    "text",
    [
        "Trump continues to lead the field with 40 percent.",  # QUOTE_ONLY_VERBS
        "Health care spending shot back up by 5.3 percent.",
        "In the briefing, reporters asked about the three leaders.",
        "Khizr Khan, 66, said the flights were full.",  # the figure describes the subject
        "Trump, who has nearly 9 million followers, tweeted at dawn.",
    ],
)
def test_figures_the_cue_does_not_attribute(text: str) -> None:
    c = find_claims(text)
    assert c and all(x.claimant == "" for x in c), c


def test_a_passive_cue_names_no_speaker() -> None:
    text = "The F.A.A. kept records. It was widely reported that Trump paid $100 million."
    assert one(text, persons=[(4, 10, "ORG")]).claimant == ""
    assert one("The F.A.A. kept records. It reported that Trump paid $100 million.",
               persons=[(4, 10, "ORG")]).claimant == "F.A.A."


def test_a_subject_holding_a_figure_states_no_other_figure() -> None:
    text = "In the poll, 70 percent of voters said they back the two candidates."
    assert [(c.text, c.claimant) for c in find_claims(text)] == [("70 percent", ""), ("two", "")]


def test_a_quotation_continued_or_quoted_keeps_its_speaker_even_with_quote_only_verbs() -> None:
    assert one('"We have 40 percent," Trump continued.').claimant == "Trump"


def test_an_ing_cue_shares_the_subject_of_the_sentence() -> None:
    text = "Trump warned Assad on Monday, warning that hundreds of thousands could be killed."
    assert one(text).claimant == "Trump"
    text = "The campaign sued the DNC, claiming the move would cost $600,000 a day."
    assert one(text).claimant == "campaign"


def test_the_claimant_stays_in_the_figures_paragraph() -> None:
    text = "Mohammed Zayada, 62\nZayada was on his way to Cairo, according to the AP."
    assert one(text, sentences=[(0, len(text))]).claimant == ""


def test_a_pronoun_takes_a_person_never_a_guessed_word() -> None:
    text = "Lavrov spoke in Moscow. On Monday he said 3,000 militants remain."
    assert one(text).claimant == ""  # no person is known: not "Moscow"
    persons = [(0, 6, "PERSON"), (16, 22, "GPE")]
    assert one(text, persons=persons).claimant == "Lavrov"


def test_a_person_span_names_the_claimant_over_an_organisation_span() -> None:
    text = "Joel Pollak of Breitbart California wrote that 300 voters attended."
    persons = [(0, 11, "PERSON"), (15, 35, "ORG")]
    assert one(text, persons=persons).claimant == "Joel Pollak"


# ------------------------------------------------------------------ with the cached parse


def _parse(text: str, rows: list[tuple[str, str, str, int]]) -> Parse:
    """A hand-made parse: (word, tag, dep, head index) per token, found in order in ``text``."""
    idx, pos = [], 0
    for word, *_ in rows:
        pos = text.index(word, pos)
        idx.append(pos)
        pos += len(word)
    tokens = {"idx": idx, "len": [len(r[0]) for r in rows], "tag": [r[1] for r in rows],
              "pos": [""] * len(rows), "dep": [r[2] for r in rows], "head": [r[3] for r in rows],
              "lemma": [r[0].lower() for r in rows], "ent_iob": ["O"] * len(rows)}
    return Parse([(0, len(text))], tokens)


MONITOR = "The war, which began in 2011, killed 400 people, the monitor said on Monday."
MONITOR_PARSE = [
    ("The", "DT", "det", 1), ("war", "NN", "nsubj", 8), (",", ",", "punct", 1), ("which", "WDT", "nsubj", 4),
    ("began", "VBD", "relcl", 1), ("in", "IN", "prep", 4), ("2011", "CD", "pobj", 5), (",", ",", "punct", 1),
    ("killed", "VBD", "ccomp", 14), ("400", "CD", "nummod", 10), ("people", "NNS", "dobj", 8),
    (",", ",", "punct", 14), ("the", "DT", "det", 13), ("monitor", "NN", "nsubj", 14), ("said", "VBD", "ROOT", 14),
    ("on", "IN", "prep", 14), ("Monday", "NNP", "pobj", 15), (".", ".", "punct", 14),
]


def test_with_the_parse_the_subject_is_the_cue_verbs_nsubj() -> None:
    c = one(MONITOR, parse=_parse(MONITOR, MONITOR_PARSE))
    assert (c.text, c.claimant, c.sentence) == ("400", "monitor", 0)
    assert MONITOR[c.claimant_start:c.claimant_end] == "the monitor"


SINCE = "Trump flew home. A company he owns charged the campaign $3.7 million since he announced his bid."
SINCE_PARSE = [
    ("Trump", "NNP", "nsubj", 1), ("flew", "VBD", "ROOT", 1), ("home", "RB", "advmod", 1), (".", ".", "punct", 1),
    ("A", "DT", "det", 5), ("company", "NN", "nsubj", 8), ("he", "PRP", "nsubj", 7), ("owns", "VBZ", "relcl", 5),
    ("charged", "VBD", "ROOT", 8), ("the", "DT", "det", 10), ("campaign", "NN", "dobj", 8),
    ("$", "$", "quantmod", 13), ("3.7", "CD", "compound", 13), ("million", "CD", "dobj", 8),
    ("since", "IN", "mark", 16), ("he", "PRP", "nsubj", 16), ("announced", "VBD", "advcl", 8),
    ("his", "PRP$", "poss", 18), ("bid", "NN", "dobj", 16), (".", ".", "punct", 8),
]


def test_with_the_parse_a_cue_in_a_subordinate_clause_does_not_attribute() -> None:
    persons = [(0, 5, "PERSON")]
    sentences = [(0, 16), (17, len(SINCE))]
    parse = _parse(SINCE, SINCE_PARSE)
    parse = Parse(sentences, parse.tokens)
    assert one(SINCE, parse=parse, persons=persons).claimant == ""  # "since he announced" qualifies
    # without the parse the nearest cue ("he announced" -> Trump) attributes it
    assert one(SINCE, persons=persons, sentences=sentences).claimant == "Trump"


def test_a_broken_clause_is_no_claimant() -> None:
    text = "Democrats controlled the Senate and had confirmed 68 judicial nominees."
    assert one(text).claimant == ""
    text = ("Clinton, during a town hall meeting in Columbus, Ohio, said she would sink "
            "$30 billion into Appalachia.")
    assert one(text, persons=[(0, 7, "PERSON")]).claimant == "Clinton"
