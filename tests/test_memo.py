"""Incremental runs (issue 11, item 4): each article's result of the per-article work is kept,
so articles added to a corpus are the only ones parsed and cleaned, dated, searched for time
expressions, quotes and claims again, and the tables are those of a run from nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpers import settings, stages
from helpers.stages import memo
from test_executor import csv_tables, write_corpus

ADDED = ("The mayor Joan Added said on Tuesday 4 March 2020 that 40 families had left Lyon. "
         "\"We need help before the winter,\" she said.\n")


def config(corpus: Path, out: Path) -> settings.Settings:
    return settings.Settings(corpus=corpus, out=out, spacy_model=settings.DEFAULT_SPACY_MODEL, processes=1)


def run_all(cfg: settings.Settings) -> stages.RunLog:
    """Every stage on `cfg`; the log of the calls."""
    with stages.recording() as log:
        corpus = stages.load_corpus(cfg)
        for stage in (stages.entities, stages.timeline, stages.places, stages.sources):
            stage(cfg, corpus)
    return log


def direct(log: stages.RunLog, stage: str) -> stages.StageRun:
    return next(r for r in log.runs if r.stage == stage and r.rebuilt)


def run_once(tmp_path: Path, n_generated: int) -> tuple[settings.Settings, int]:
    """A generated corpus run through every stage; its settings and its number of articles."""
    cfg = config(write_corpus(tmp_path / "corpus", n_generated=n_generated), tmp_path / "out")
    run_all(cfg)
    return cfg, len(stages.load_corpus(cfg).articles)


def tables_differing_from_a_run_from_nothing(cfg: settings.Settings, out: Path) -> list[str]:
    """The exported tables of `cfg` that differ from those of its corpus run from nothing into `out`."""
    fresh = config(cfg.corpus, out)
    run_all(fresh)
    a, b = csv_tables(cfg), csv_tables(fresh)
    return [name for name in a if a[name] != b[name]]


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A corpus run once, then again with one undated article added, and that grown corpus
    run from nothing in another folder."""
    root = tmp_path_factory.mktemp("memo")
    corpus = write_corpus(root / "corpus", n_generated=10)
    cfg = config(corpus, root / "out")
    first = run_all(cfg)
    (corpus / "zz_added.txt").write_text(ADDED, encoding="utf-8")
    second = run_all(cfg)
    fresh = config(corpus, root / "fresh")
    from_nothing = run_all(fresh)
    return {"cfg": cfg, "fresh": fresh, "first": first, "second": second, "from_nothing": from_nothing,
            "n": len(stages.load_corpus(cfg).articles)}


@pytest.mark.parametrize("stage", ["entities", "timeline", "sources"])
def test_an_added_article_is_the_only_one_the_per_article_work_runs_on(grown, stage) -> None:
    n = grown["n"]
    assert (direct(grown["first"], stage).articles_run, direct(grown["first"], stage).articles_reused) == (n - 1, 0)
    again = direct(grown["second"], stage)
    assert (again.articles_run, again.articles_reused) == (1, n - 1)
    assert "(1 article run, " in again.line()


def test_the_tables_of_an_incremental_run_are_those_of_a_run_from_nothing(grown) -> None:
    a, b = csv_tables(grown["cfg"]), csv_tables(grown["fresh"])
    assert "timexes.csv" in a and "quotes.csv" in a and "claims.csv" in a
    assert [name for name in a if a[name] != b[name]] == []
    timexes = stages.timeline(grown["cfg"]).timexes
    assert "zz_added" in set(timexes["doc_id"]), "the added article's own work did run"
    quotes = stages.sources(grown["cfg"]).quotes
    assert "zz_added" in set(quotes["doc_id"])


def test_a_dated_article_added_dates_the_undated_ones_again(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", n_generated=3)
    cfg = config(corpus, tmp_path / "out")
    run_all(cfg)
    documents = stages.load_corpus(cfg).documents
    undated = int((documents["published"].fillna("") == "").sum())
    assert 0 < undated < len(documents)
    (corpus / "zz_dated.txt").write_text("date 2020-03-05\n\n" + ADDED, encoding="utf-8")
    log = run_all(cfg)
    timeline = direct(log, "timeline")
    # Each undated article is dated against the corpus's given dates, which changed; a dated
    # one keeps its date.
    assert (timeline.articles_run, timeline.articles_reused) == (undated + 1, len(documents) - undated)
    sources = direct(log, "sources")
    assert sources.articles_run == 1, "quotes and claims do not read the dates"
    assert tables_differing_from_a_run_from_nothing(cfg, tmp_path / "fresh") == []


RENAMING = ("Karim Haddad, the mayor of Lyon, asked for help on Wednesday. Karim Haddad said the city had "
            "no more beds. Officials said Karim Haddad would travel to Paris.\n")


def test_an_article_that_renames_a_speaker_reties_the_old_quotes_without_searching_them_again(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a1.txt").write_text('"We will not leave our homes," said Haddad, the mayor of Lyon, on Monday. '
                                   "The river rose through the night and the roads north were closed.\n", encoding="utf-8")
    (corpus / "a2.txt").write_text('The water had run out by Tuesday, Haddad said. "There is nothing left for the '
                                   'families," Haddad told reporters in Lyon.\n', encoding="utf-8")
    cfg = config(corpus, tmp_path / "out")
    run_all(cfg)
    assert set(stages.sources(cfg).quotes["speaker_entity_id"]) == {"person:haddad"}
    (corpus / "zz_renames.txt").write_text(RENAMING, encoding="utf-8")
    log = run_all(cfg)
    # The entity is now Karim Haddad in every article: a1's and a2's mentions have a new
    # entity id, but not new offsets, so their quotes are read back and tied again.
    assert (direct(log, "sources").articles_run, direct(log, "sources").articles_reused) == (1, 2)
    quotes = stages.sources(cfg).quotes
    assert set(quotes.loc[quotes["doc_id"].isin(["a1", "a2"]), "speaker_entity_id"]) == {"person:karim-haddad"}
    assert tables_differing_from_a_run_from_nothing(cfg, tmp_path / "fresh") == []


def test_articles_whose_annotation_was_deleted_are_parsed_again_not_left_out(tmp_path: Path) -> None:
    import shutil

    from helpers.annotation import cache as extract

    cfg, n = run_once(tmp_path, n_generated=2)
    corpus = cfg.corpus
    for folder in cfg.cache.glob(f"{cfg.spacy_model}-*"):  # the annotations, not the memos
        shutil.rmtree(folder)
    (corpus / "zz_added.txt").write_text(ADDED, encoding="utf-8")
    stats = extract.RunStats()
    docs = stages.load_corpus(cfg)
    stages.entities(cfg, docs, stats=stats)
    for stage in (stages.timeline, stages.places, stages.sources):
        stage(cfg, docs, refresh=True)  # every article's parse read again
    assert (stats.parsed, stats.remembered) == (n + 1, 0), "spans kept, but no parse to build on: parsed again"
    assert stages.stage_problems(cfg).empty
    assert tables_differing_from_a_run_from_nothing(cfg, tmp_path / "fresh") == []


def test_a_kept_result_of_another_shape_is_made_again_not_an_error(tmp_path: Path) -> None:
    from helpers.annotation import cache as extract

    cfg, n = run_once(tmp_path, n_generated=1)
    corpus = cfg.corpus
    damaged = next(memo.ArticleMemo.of(stages.ENTITIES, cfg).folder.rglob("*.json"))
    damaged.write_text(json.dumps({"v": memo.FORMAT_VERSION, "result": {
        "kept": [{"doc_id": "x", "no such field": 1}], "dropped": [], "sents": []}}), encoding="utf-8")
    (corpus / "zz_added.txt").write_text(ADDED, encoding="utf-8")
    stats = extract.RunStats()
    stages.entities(cfg, stages.load_corpus(cfg), stats=stats)
    # The added article parsed; the damaged one cleaned again from its annotation; the rest read back.
    assert (stats.parsed, stats.cached, stats.remembered) == (1, 1, n - 1)
    run_all(cfg)
    assert tables_differing_from_a_run_from_nothing(cfg, tmp_path / "fresh") == []


def test_edited_code_starts_an_empty_memo_and_only_the_versions_used_last_are_kept(tmp_path: Path) -> None:
    import os

    cfg = config(tmp_path / "corpus", tmp_path / "out")
    home = cfg.cache / memo.MEMO_FOLDER / "timeline"
    stale = [home / f"{i:08x}-v1" for i in range(4)]
    for age, folder in enumerate(stale):
        folder.mkdir(parents=True)
        (folder / "x.json").write_text("{}")
        os.utime(folder, (1_000_000 + age, 1_000_000 + age))  # stale[3] was used last
    current = memo.ArticleMemo.of(stages.TIMELINE, cfg)
    assert current.folder.name == f"{stages.cache.code_fingerprint(stages.TIMELINE, cfg)[:32]}-v{memo.FORMAT_VERSION}"
    kept = sorted(p.name for p in home.iterdir())
    assert kept == sorted([current.folder.name, stale[3].name, stale[2].name]), "the two used last stay"
    assert len(kept) == memo.KEPT_VERSIONS


def test_refresh_makes_every_article_again(grown) -> None:
    with stages.recording() as log:
        stages.timeline(grown["cfg"], refresh=True)
    run = direct(log, "timeline")
    assert (run.articles_run, run.articles_reused) == (grown["n"], 0)


def test_a_result_that_cannot_be_kept_is_skipped_and_leaves_no_file(tmp_path: Path) -> None:
    kept = memo.ArticleMemo(tmp_path / "memo")
    key = memo.article_key("text")
    kept.put(key, {"rows": [{"when": object()}]})  # not JSON: not kept, no error
    assert kept.get(key) is None
    assert not list((tmp_path / "memo").rglob("*.tmp")) and not list((tmp_path / "memo").rglob("*.json"))


def test_a_result_that_is_not_one_counts_as_missing_and_nothing_is_unpickled(tmp_path: Path) -> None:
    kept = memo.ArticleMemo(tmp_path / "memo")
    key = memo.article_key("text", ["row"])
    kept.put(key, {"dates": [{"doc_id": "a", "confidence": 1.0, "n": 3}]})
    assert kept.get(key) == {"dates": [{"doc_id": "a", "confidence": 1.0, "n": 3}]}
    assert json.loads(kept.path(key).read_text())["v"] == memo.FORMAT_VERSION  # plain JSON on disk
    for broken in ('{"v": 1, "res', "[1, 2]", '{"v": 999, "result": {}}', "\x80\x04\x95 pickle",
                   '{"v": 1, "result": {}}', '{"v": 1, "result": {"dates": 3}}'):
        kept.path(key).write_text(broken, encoding="latin-1")
        assert kept.get(key, ("dates",)) is None
    assert memo.article_key("a", 1) != memo.article_key("a", "1") != memo.article_key("a1")
