"""Text reuse (helpers/reuse.py): passages shared nearly verbatim between articles."""

from __future__ import annotations

import random

import pytest

from helpers.outlets.reuse import Reuse, ReuseStats, find_reuse, shared_words, tokenize

WIRE = (
    "Government forces backed by Russian air strikes pushed deeper into the last rebel "
    "stronghold on Tuesday, seizing three villages on the southern edge of the province "
    "after a week of heavy fighting that has forced tens of thousands of people to flee "
    "towards the Turkish border."
)
WIRE_EDITED = (
    "Government troops backed by Russian air strikes pushed deeper into the last rebel "
    "stronghold on Tuesday, seizing three villages on the southern edge of the province "
    "after a week of fierce fighting that has forced tens of thousands of residents to flee "
    "towards the Turkish border."
)


def test_wire_paragraph_with_edits_found_with_exact_offsets():
    a = "Our correspondent in Beirut writes about the morning market. " + WIRE + " The bakery reopened."
    b = ("Analysis: what the fall of the villages means for the talks in Geneva.\n\n"
         + WIRE_EDITED + "\n\nDiplomats in New York called for restraint, as they always do.")
    assert len(WIRE.split()) >= 40
    found = find_reuse({"a": a, "b": b})
    assert len(found) == 1
    r = found[0]
    assert (r.doc_a, r.doc_b) == ("a", "b")
    assert (r.start_a, r.end_a) == (a.index("Government"), a.index("border") + len("border"))
    assert (r.start_b, r.end_b) == (b.index("Government"), b.index("border") + len("border"))
    assert r.text == a[r.start_a:r.end_a]
    assert r.text == WIRE.rstrip(".")


def test_doc_order_is_by_id_and_text_is_doc_a_slice():
    a = "Intro words here. " + WIRE
    b = "Something else entirely to start. " + WIRE
    (r,) = find_reuse({"zeta": a, "alpha": b})
    assert (r.doc_a, r.doc_b) == ("alpha", "zeta")
    assert r.text == b[r.start_a:r.end_a]
    assert a[r.start_b:r.end_b] == r.text


QUOTE = ("\u201cWe will not leave our homes while the world watches in silence and does nothing "
         "to stop the bombing,\u201d said one resident")


def test_quote_across_three_articles_found_for_each_pair():
    texts = {
        "x": "In Idlib, fear. " + QUOTE + " of the town, a teacher.",
        "y": "A long day of shelling ended at dusk. " + QUOTE + ". Aid groups warned of hunger.",
        "z": QUOTE + ", speaking by telephone on Sunday night.",
    }
    found = find_reuse(texts)
    assert [(r.doc_a, r.doc_b) for r in found] == [("x", "y"), ("x", "z"), ("y", "z")]
    for r in found:
        assert r.text.startswith("We will not leave") and r.text.endswith("said one resident")
        assert texts[r.doc_b][r.start_b:r.end_b] == r.text


def test_common_short_phrases_on_same_topic_are_not_reuse():
    texts = {
        "a": ("The United Nations said on Monday that aid convoys had reached the besieged "
              "district. Prices of bread have doubled, shopkeepers told reporters in the city."),
        "b": ("Fighting intensified overnight. The United Nations said on Monday it was "
              "alarmed. Thousands of people have fled their homes, according to local officials."),
        "c": ("The United Nations said on Monday that talks would resume. Thousands of people "
              "have fled, a spokesman said in a statement on Tuesday."),
    }
    assert find_reuse(texts) == []


def test_nothing_found_within_one_document():
    doc = WIRE + " Later in the day: " + WIRE
    assert find_reuse({"only": doc}) == []
    assert find_reuse({"only": doc, "other": "Nothing in common with the first article at all."}) == []


def test_repeated_passage_in_one_doc_matched_against_each_copy():
    other = "Preface of another story. " + WIRE
    found = find_reuse({"a": other, "b": WIRE + " Later in the day: " + WIRE})
    assert len(found) == 2
    assert {r.start_a for r in found} == {other.index("Government")}
    assert len({r.start_b for r in found}) == 2


def test_curly_vs_straight_quotes_and_line_breaks_do_not_block():
    a = ("Officials said: \u201cThe insurgent\u2019s convoy was hit near the bridge early on "
         "Saturday morning and nobody survived the attack,\u201d before leaving.")
    b = ("One version, later: \"The insurgent's convoy was hit\nnear the bridge early on\n"
         "Saturday   morning and nobody survived the attack,\" officials added.")
    (r,) = find_reuse({"a": a, "b": b})
    assert r.text == a[a.index("The insurgent"):a.index("attack") + len("attack")]
    assert b[r.start_b:r.end_b].startswith("The insurgent's convoy was hit\nnear")
    assert b[r.start_b:r.end_b].endswith("attack")


def test_min_words_threshold():
    phrase = "alpha bravo charlie delta echo foxtrot golf"  # 7 words
    texts = {"a": "one two " + phrase + " three four", "b": "five six " + phrase + " seven eight"}
    assert find_reuse(texts) == []
    (r,) = find_reuse(texts, min_words=7)
    assert r.text == phrase


def test_larger_edit_splits_passage():
    words = [f"w{i}" for i in range(30)]
    a = " ".join(words)
    b_words = words[:12] + ["x1", "x2", "x3", "x4", "x5"] + words[17:]
    found = find_reuse({"a": a, "b": " ".join(b_words)})
    assert [r.text for r in found] == [" ".join(words[:12]), " ".join(words[17:])]


def test_insertion_and_deletion_of_words_bridged():
    words = [f"w{i}" for i in range(30)]
    b_words = words[:10] + ["new", "words"] + words[10:20] + words[21:]  # insert 2, delete 1
    (r,) = find_reuse({"a": " ".join(words), "b": " ".join(b_words)})
    assert r.text == " ".join(words)


def test_deterministic_and_sorted():
    rng = random.Random(7)
    texts = {f"d{i}": " ".join(rng.choice(["red", "blue"]) for _ in range(5)) + " " + WIRE for i in range(6)}
    first = find_reuse(texts)
    assert first == find_reuse(dict(reversed(list(texts.items()))))
    keys = [(r.doc_a, r.doc_b, r.start_a, r.start_b) for r in first]
    assert keys == sorted(keys)
    assert len(first) == 15
    assert all(isinstance(r, Reuse) and r.doc_a < r.doc_b for r in first)
    with pytest.raises(Exception):
        first[0].text = "changed"  # frozen


def test_shared_words_marks_aligned_words_only():
    a = WIRE
    b = WIRE_EDITED
    spans = shared_words(a, b)
    marked = [a[s:e] for s, e in spans]
    assert "forces" not in marked and "heavy" not in marked and "people" not in marked
    assert marked[:2] == ["Government", "backed"]
    assert len(marked) == len(tokenize(a)) - 3
    spans_b = shared_words(b, a)
    assert "troops" not in [b[s:e] for s, e in spans_b]


def _synthetic_corpus(n: int, seed: int = 1) -> tuple[dict[str, str], set[tuple[str, str]]]:
    rng = random.Random(seed)
    vocab = [f"word{i}" for i in range(3000)]
    boiler = "Reporting by the staff of the agency in the capital editing by the night desk"
    texts = {f"doc{i:03d}": " ".join(rng.choice(vocab) for _ in range(250)) + ". " + boiler for i in range(n)}
    planted: set[tuple[str, str]] = set()
    for _ in range(20):
        i, j = sorted(rng.sample(range(n), 2))
        a, b = f"doc{i:03d}", f"doc{j:03d}"
        passage = " ".join(rng.choice(vocab) for _ in range(30))
        texts[a] = passage + " " + texts[a]
        texts[b] = texts[b] + " " + passage
        planted.add((a, b))
    return texts, planted


def test_scaling_candidates_come_from_shared_shingles_only():
    texts, planted = _synthetic_corpus(300)
    stats = ReuseStats()
    found = find_reuse(texts, stats=stats)
    assert {(r.doc_a, r.doc_b) for r in found} == planted
    assert stats.all_pairs == 300 * 299 // 2
    # Only pairs that actually share a shingle are ever compared (20 planted + chance ones).
    assert stats.doc_pairs_compared < 100 < stats.all_pairs
    assert stats.skipped_shingles > 0  # the boilerplate line shared by all 300 docs
    # Cost as work done, not seconds: the postings pairs looked at and the blocks grown scale
    # with the shared text (20 passages of 30 words, about 26 shingles each), not with the
    # 44,850 document pairs.
    assert stats.seed_pairs <= 2 * 20 * 30
    assert stats.extensions <= stats.doc_pairs_compared * 2


def test_each_tokens_sentence_edges_are_read_from_the_gaps_around_it():
    """A token starts a sentence when the text before it (back to the previous token) has a
    sentence end or a line break, and ends one when the text after it does; the first token
    starts one and the last ends one."""
    from helpers.outlets import reuse

    for text in ["Government forces advanced. Rebels fled!\nThen, quiet?", "One", "", "a . b ... c\n\nd e"]:
        spans = [m.span() for m in reuse._TOKEN.finditer(text)]
        starts, ends = reuse._sentence_edges(text, spans)
        gaps = [text[spans[x - 1][1]:s] if x else "." for x, (s, _) in enumerate(spans)]
        after = [text[e:spans[x + 1][0]] if x + 1 < len(spans) else "." for x, (_, e) in enumerate(spans)]
        assert starts == [any(c in ".!?\n" for c in g) for g in gaps], text
        assert ends == [any(c in ".!?\n" for c in g) for g in after], text


def _all_maximal_blocks(toks: list[list[int]], k: int, max_doc_freq: int) -> set[tuple[int, int, int, int, int]]:
    """By brute force, every maximal exact run shared by two documents that contains at least
    one seed shingle (one found in 2 .. max_doc_freq documents): ``(i, j, pa, pb, length)``."""
    docs_of: dict[tuple[int, ...], set[int]] = {}
    for d, seq in enumerate(toks):
        for p in range(len(seq) - k + 1):
            docs_of.setdefault(tuple(seq[p:p + k]), set()).add(d)
    seed = {s for s, ds in docs_of.items() if 2 <= len(ds) <= max_doc_freq}
    found = set()
    for i in range(len(toks)):
        for j in range(i + 1, len(toks)):
            a, b = toks[i], toks[j]
            for diagonal in range(-len(a), len(b) + 1):
                p = max(0, -diagonal)
                while p < len(a) and p + diagonal < len(b):
                    if a[p] != b[p + diagonal]:
                        p += 1
                        continue
                    s = p
                    while p < len(a) and p + diagonal < len(b) and a[p] == b[p + diagonal]:
                        p += 1
                    if any(tuple(a[x:x + k]) in seed for x in range(s, p - k + 1)):
                        found.add((i, j, s, s + diagonal, p - s))
    return found


@pytest.mark.parametrize("seed", range(6))
def test_blocks_grown_only_where_one_can_start_are_every_shared_block(seed):
    """Seeds are taken only where a block can start (`_seeds`), which keeps a paragraph copied
    into many articles from costing a pair of postings at each of its words. The blocks must
    still be exactly all the maximal shared runs with a seed shingle in them: paragraphs
    copied into many documents, a line in more than max_doc_freq documents (in and around
    copied text), phrases repeated inside one document, documents shorter than a shingle."""
    from helpers.outlets import reuse

    rng = random.Random(seed)
    words = [f"w{n}" for n in range(40)]
    paragraphs = [" ".join(rng.choice(words) for _ in range(rng.randint(3, 25))) for _ in range(12)]
    boiler = "reporting by the desk editing by the night"
    texts = {}
    for d in range(rng.randint(2, 14)):
        parts = [rng.choice(paragraphs) if rng.random() < 0.6 else rng.choice(words) for _ in range(rng.randint(0, 6))]
        if rng.random() < 0.5:
            parts.insert(rng.randint(0, len(parts)), boiler)
        if parts and rng.random() < 0.3:
            parts.append(parts[0])
        texts[f"d{d:02d}"] = " ".join(parts)
    docs = reuse._Docs.of(texts)
    k, max_doc_freq = 5, 3
    sh = reuse._Shingles.of(docs.toks, k)
    blocks = dict(reuse._exact_blocks(sh, docs.toks, k, max_doc_freq, ReuseStats()))
    got = {(i, j, *b) for (i, j), bl in blocks.items() for b in bl}
    assert sum(map(len, blocks.values())) == len(got)  # each block grown once
    assert got == _all_maximal_blocks(docs.toks, k, max_doc_freq)


def test_a_paragraph_in_many_articles_costs_pairs_at_its_start_only():
    """Twelve articles each with the same 60-word paragraph, after a different opening: one
    pair of postings per pair of articles (66), not one per shared shingle (56 x 66)."""
    rng = random.Random(3)
    paragraph = " ".join(f"p{n}" for n in range(60))
    texts = {f"a{n:02d}": " ".join(rng.choice(["x", "y", "z"]) + str(n) for _ in range(5)) + ". " + paragraph
             for n in range(12)}
    stats = ReuseStats()
    found = find_reuse(texts, stats=stats)
    assert len(found) == 66 and {r.text for r in found} == {paragraph}
    assert stats.seed_pairs == 66 and stats.extensions == 66


def test_a_corpus_with_no_shared_passage_gives_an_empty_table_of_text_columns():
    from helpers.outlets import compare

    table = compare.reuse_table({"a": "One story about a market.", "b": "Another about the weather today."})
    assert table.empty and list(table.columns) == list(compare.REUSE_COLUMNS)
    assert all(table[c].dtype == object for c in table.columns)
