"""The corpus the scale benchmark (`bench/bench_scale.py`) builds: distinct, deterministic,
with plausible outlets and dates, and loadable by the workbook as written.

Only the corpus functions are tested here (fast, no spaCy, no report run); the timings are
the benchmark's, never a test's.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from helpers import load_corpus

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import bench_scale as bs  # noqa: E402


def base_articles() -> list[bs.BenchArticle]:
    """Six small articles from three outlets, with paragraphs to recombine."""
    out = []
    for i in range(6):
        paragraphs = [f"Article {i} paragraph {j} says the council met on Tuesday. It voted {i * 10 + j} to one."
                      for j in range(6)]
        out.append(bs.BenchArticle(f"outlet{i % 3}_2016-0{1 + i}-10_story", "\n\n".join(paragraphs),
                                   f"outlet{i % 3}", dt.date(2016, 1 + i, 10), f"Story {i}"))
    return out


def test_recombining_past_the_corpus_size_gives_distinct_texts_that_keep_outlets_and_near_dates() -> None:
    base = base_articles()
    made = bs.recombine(base, 40, seed=3)
    assert len(made) == 40
    assert len({bs.normalised(a.text) for a in made}) == 40, "two articles with the same text would share a cache entry"
    assert len({a.doc_id for a in made}) == 40
    by_id = {a.doc_id: a for a in base}
    assert {a.doc_id for a in made[:6]} == set(by_id), "the corpus's own articles come first, copied"
    assert all(by_id[a.doc_id].text == a.text for a in made[:6])
    for a in made[6:]:
        origin = by_id[a.doc_id.rsplit("-r", 1)[0]]
        assert a.source == origin.source
        assert abs((a.published - origin.published).days) <= 3
        assert a.title and a.text.count("\n\n") >= 1
        # Recombined from several articles, not a copy of one.
        assert len({p.split(" paragraph")[0] for p in a.text.split("\n\n")}) >= 2


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another() -> None:
    base = base_articles()
    assert bs.recombine(base, 25, seed=5) == bs.recombine(base, 25, seed=5)
    assert [a.text for a in bs.recombine(base, 25, seed=5)] != [a.text for a in bs.recombine(base, 25, seed=6)]


def test_a_smaller_size_copies_articles_without_making_any() -> None:
    made = bs.recombine(base_articles(), 4, seed=1)
    assert len(made) == 4
    assert {a.doc_id for a in made} <= {a.doc_id for a in base_articles()}


def test_the_ten_added_articles_repeat_no_text_of_the_corpus() -> None:
    base = base_articles()
    corpus = bs.recombine(base, 30, seed=2)
    extra = bs.recombine(base, 10, seed=1002, taken=[a.text for a in corpus], id_prefix="new", copy_first=False)
    assert len(extra) == 10
    assert not {bs.normalised(a.text) for a in extra} & {bs.normalised(a.text) for a in corpus}
    assert not {a.doc_id for a in extra} & {a.doc_id for a in corpus}


def test_a_written_corpus_loads_with_its_outlets_dates_and_titles_and_grows_by_the_appended_ones(tmp_path: Path) -> None:
    base = base_articles()
    made = bs.recombine(base, 12, seed=4)
    bs.write_corpus(made, tmp_path)
    loaded = load_corpus(tmp_path)
    assert not loaded.problems
    got = {a.doc_id: a for a in loaded.articles}
    assert set(got) == {a.doc_id for a in made}
    for a in made:
        assert (got[a.doc_id].source, got[a.doc_id].published, got[a.doc_id].title) == (a.source, a.published, a.title)
    extra = bs.recombine(base, 3, seed=99, taken=[a.text for a in made], id_prefix="new", copy_first=False)
    bs.write_corpus(extra, tmp_path, append=True)
    again = load_corpus(tmp_path)
    assert len(again.articles) == 15 and not again.problems


def test_the_outlet_and_date_are_read_from_a_polnear_file_name_and_nothing_is_invented_otherwise() -> None:
    assert bs.outlet_and_date_from_name("wash-post_2016-03-03_push-inside-gop") == ("wash-post", dt.date(2016, 3, 3))
    assert bs.outlet_and_date_from_name("000_24b1d2f398d6a64a") == ("", None)
    assert bs.outlet_and_date_from_name("breitbart_2016-02-30_bad-date") == ("breitbart", None)


def test_the_seeds_are_recombined_sentence_by_sentence_into_plausible_articles() -> None:
    seeds = bs.read_base(bs.paths.SEEDS, use_seed_metadata=True)
    assert seeds and all(a.source in bs.SEED_OUTLETS and a.published for a in seeds)
    made = bs.recombine(seeds, 20, seed=1)
    assert len({bs.normalised(a.text) for a in made}) == 20
    seed_sentences = sorted({s for a in seeds for s in bs.units_of(a, by_sentence=True)}, key=len, reverse=True)
    for a in made[len(seeds):]:
        for paragraph in a.text.split("\n\n"):
            assert made_of(paragraph, seed_sentences), f"not only the seeds' own sentences: {paragraph[:80]!r}"


def made_of(paragraph: str, sentences: list[str]) -> bool:
    """Whether `paragraph` is a sequence of `sentences` joined by spaces."""
    rest = paragraph.strip()
    while rest:
        head = next((s for s in sentences if rest.startswith(s)), None)
        if head is None:
            return False
        rest = rest[len(head):].lstrip()
    return True


def test_sizes_must_be_positive_counts() -> None:
    assert bs.parse_sizes("1000,10000") == [1000, 10000]
    with pytest.raises(argparse.ArgumentTypeError):
        bs.parse_sizes("0")


def fake_result(n: int, pages: list[bs.PageFigure]) -> dict[str, object]:
    """One size's result as `bench_size` returns it, with made-up figures."""
    runs = [bs.ReportRun(label, seconds, 0, 2 * bs.GIB, bs.GIB, 9)
            for label, seconds in (("cold", 100.0), ("warm", 30.0), (f"+{bs.ADDED}", 40.0))]
    bare = {"model_load_s": 1.0, "pipe_s": 50.0}
    return {"articles": n, "bare_spacy": bare, "runs": [asdict(r) for r in runs],
            "pages": [asdict(p) for p in pages], "ratios": bs.ratios(bare, *runs)}


def test_the_table_gives_the_ratios_and_says_when_a_report_did_not_load_instead_of_a_time() -> None:
    loaded = bs.PageFigure("02-extract-entities.html", 3_000_000, 1.25, 12_000, 0, 0)
    late = bs.PageFigure("05-outlets-compared.html", 9_000_000, None, None, 0, 0, timed_out=True)
    text = bs.table([fake_result(1000, [loaded, late])])
    rows = {line.split(" | ")[0].strip("| "): line for line in text.splitlines()}
    assert "| 2.00 |" in rows["cold / bare spaCy"]
    assert "| 0.30 |" in rows["warm / cold"] and "| 0.40 |" in rows[f"+{bs.ADDED} / cold"]
    assert "> 30 s (05-outlets-compared.html)" in rows["slowest report load (s)"]
    assert "1.25" not in rows["slowest report load (s)"]
    assert "| 9.00 |" in rows["largest report (MB)"] and "12,000" in rows["tallest report at 1,280 px (px)"]


def test_without_a_browser_no_report_is_said_to_have_timed_out() -> None:
    unmeasured = bs.PageFigure("01-load-corpus.html", 1_000, None, None, 0, 0)
    assert bs.slowest([asdict(unmeasured)]) == "n/a"
