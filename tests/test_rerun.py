"""Rerun in seconds: once the seeds have been through every stage, editing the entity
overrides (`data/aliases.csv`) or the place overrides (`data/places.csv`) and rerunning
notebook 02 or 04 rebuilds only the stages built on the edited file, and never loads the
spaCy model: every parse comes from the annotation cache.

Each test starts from the session's one run of the seeds (`seed_run`), copied with its
caches into a fresh OUT folder, with copies of the override files to edit. What the stages
did is read from their record (`stages.recording()`, and `stages.read_run_log(cfg)` for a
notebook kernel); nothing here is timed against a limit, but the seconds are printed (`-s`).
"""

from __future__ import annotations

import dataclasses
import shutil
import time
from pathlib import Path

import pandas as pd
import pytest

from helpers import paths, report, settings, stages
from helpers.annotation import cache as extract
from helpers.stages import record

ALL = {"entities", "timeline", "places", "sources"}
NEVER_ASSAD = "Assad,Bashar al-Assad,,never\n"
"""Keep the surname apart from the president: the seeds' 19 bare `Assad` mentions become an
entity of their own (today `Assad` is merged into `Bashar al-Assad` as its short form)."""
TEHRAN_PROVINCE = "Tehran,gn:110791\n"
"""Put `Tehran` on the province of Tehran (a GeoNames admin1 entry) instead of the city."""


@pytest.fixture
def rerun(seed_run, tmp_path: Path) -> settings.Settings:
    """The session's seed run, copied (tables, annotation cache, gazetteer copy) into a
    fresh OUT folder, with copies of the override files as settings (as WORKBOOK_ALIASES
    and WORKBOOK_PLACES name them)."""
    out = tmp_path / "out"
    shutil.copytree(seed_run.cfg.derived, out / "derived")
    aliases, places = tmp_path / "aliases.csv", tmp_path / "places.csv"
    shutil.copyfile(seed_run.cfg.aliases, aliases)
    shutil.copyfile(seed_run.cfg.places, places)
    return dataclasses.replace(seed_run.cfg, out=out, aliases=aliases, places=places)


def notebook_02(cfg: settings.Settings) -> tuple[object, extract.RunStats]:
    """The stage call of notebook 02 ("Extract and canonicalise"), with its annotation counts."""
    stats = extract.RunStats()
    return stages.entities(cfg, stages.load_corpus(cfg), stats=stats), stats


def notebook_04(cfg: settings.Settings) -> pd.DataFrame:
    """The stage calls of notebook 04's first cell: entities, timeline, then the places."""
    docs = stages.load_corpus(cfg)
    stages.entities(cfg, docs)
    stages.timeline(cfg, docs)
    return stages.places(cfg, docs)


def shown(label: str, log: stages.RunLog, seconds: float) -> None:
    """Print what a rerun did (pytest -s), for the report of how long a rerun takes."""
    print(f"\n{label}: {seconds:.2f} s — {log.summary()} (rebuilt: {sorted(log.rebuilt()) or 'none'})")


def test_a_rerun_with_nothing_changed_rebuilds_nothing_and_loads_no_model(rerun, seed_run) -> None:
    start = time.perf_counter()
    with stages.recording() as log:
        ents, stats = notebook_02(rerun)
        table = notebook_04(rerun)
        stages.sources(rerun)
    shown("unchanged rerun of notebooks 02, 04, 05", log, time.perf_counter() - start)
    assert log.rebuilt() == set()
    assert log.from_cache() == ALL
    assert log.model_loads() == []
    assert (stats.parsed, stats.cached) == (0, 0)  # the tables were read back: no annotation read either
    pd.testing.assert_frame_equal(ents.entities, seed_run.entities.entities, check_exact=True)
    pd.testing.assert_frame_equal(table, seed_run.places, check_exact=True)


def test_an_entity_override_rebuilds_the_entities_and_what_is_built_on_them_without_the_model(
        rerun, seed_run) -> None:
    before = seed_run.entities.entities.set_index("entity_id")
    assert "person:assad" not in before.index  # the edit below is a change
    with rerun.aliases.open("a", encoding="utf-8") as f:
        f.write(NEVER_ASSAD)
    start = time.perf_counter()
    with stages.recording() as log:
        ents, stats = notebook_02(rerun)
    shown("notebook 02 after an aliases.csv edit", log, time.perf_counter() - start)
    assert log.rebuilt() == {"entities"} and log.model_loads() == []
    assert (stats.parsed, stats.cached) == (0, len(seed_run.corpus.articles))  # every parse from the cache

    start = time.perf_counter()
    with stages.recording() as log04:
        table = notebook_04(rerun)
    shown("notebook 04 after the same edit", log04, time.perf_counter() - start)
    assert log04.rebuilt() == {"timeline", "places"}, "the timeline and places are built on the entities"
    assert "entities" not in log04.rebuilt(), "notebook 02 has already rebuilt them"
    assert log04.model_loads() == []

    after = ents.entities.set_index("entity_id")
    assert after.loc["person:assad", "name"] == "Assad"
    assert after.loc["person:bashar-al-assad", "n_mentions"] == (
        before.loc["person:bashar-al-assad", "n_mentions"] - after.loc["person:assad", "n_mentions"])
    assert set(ents.merges.loc[ents.merges["alias"] == "Assad", "entity_id"]) == {"person:assad"}
    on_disk = pd.read_csv(rerun.derived / "entities.csv", keep_default_na=False)
    assert "Assad" in set(on_disk["name"])
    assert len(table) == len(seed_run.places)  # a person's name: the map keeps its places


def test_a_place_override_rebuilds_only_the_places_without_the_model(rerun, seed_run) -> None:
    assert seed_run.places.set_index("name").loc["Tehran", "gazetteer_id"] != "gn:110791"
    with rerun.places.open("a", encoding="utf-8") as f:
        f.write(TEHRAN_PROVINCE)
    start = time.perf_counter()
    with stages.recording() as log:
        table = notebook_04(rerun)
        stages.sources(rerun)
    shown("notebook 04 (and 05) after a places.csv edit", log, time.perf_counter() - start)
    assert log.rebuilt() == {"places"}
    assert log.from_cache() == {"entities", "timeline", "sources"}  # nothing else is built on the places
    assert log.model_loads() == []
    tehran = table.set_index("name").loc["Tehran"]
    assert (tehran["gazetteer_id"], tehran["reason"]) == ("gn:110791", "user override (places.csv)")
    on_disk = pd.read_csv(rerun.derived / "places.csv", keep_default_na=False).set_index("name")
    assert on_disk.loc["Tehran", "gazetteer_id"] == "gn:110791"
    unchanged = table[table["name"] != "Tehran"].reset_index(drop=True)
    expected = seed_run.places[seed_run.places["name"] != "Tehran"].reset_index(drop=True)
    pd.testing.assert_frame_equal(unchanged, expected, check_exact=True)


def test_the_record_counts_a_model_load_when_an_article_needs_parsing(rerun, seed_run, tmp_path) -> None:
    """The counts above are not zero by construction: a new article is parsed, and that load is counted."""
    corpus = tmp_path / "corpus"
    shutil.copytree(seed_run.cfg.corpus, corpus)
    (corpus / "zz_new.txt").write_text("Talks in Geneva\n\nThe envoy met officials in Geneva on Monday.\n",
                                       encoding="utf-8")
    cfg = dataclasses.replace(rerun, corpus=corpus)
    start = time.perf_counter()
    with stages.recording() as log:
        _, stats = notebook_02(cfg)
    shown("notebook 02 with one new article", log, time.perf_counter() - start)
    # The new article is parsed; the others' cleaned spans are read back from the stage's
    # memo, without reading their annotations.
    assert (stats.parsed, stats.cached, stats.remembered) == (1, 0, len(seed_run.corpus.articles))
    (run,) = log.runs
    assert (run.articles_run, run.articles_reused) == (1, len(seed_run.corpus.articles))
    assert run.stage == "entities" and run.rebuilt
    assert [m.name for m in run.model_loads] == [cfg.spacy_model]
    with stages.recording() as again:
        notebook_02(cfg)
    assert again.rebuilt() == set() and again.model_loads() == []
    assert "the spaCy model was loaded once" in log.summary() and "was not loaded" in again.summary()


def test_a_stage_called_by_another_is_recorded_once_with_its_caller(rerun) -> None:
    with rerun.places.open("a", encoding="utf-8") as f:
        f.write(TEHRAN_PROVINCE)
    with stages.recording() as log:
        stages.places(rerun)
    assert [(r.stage, r.outcome, r.caller) for r in log.runs] == [
        ("entities", stages.FROM_CACHE, "places"), ("places", stages.REBUILT, "")]
    assert log.summary().startswith("places rebuilt in ")
    on_disk = stages.read_run_log(rerun).of_process(record.PROCESS).runs[-2:]
    assert on_disk == log.runs  # the cache folder's record says the same
    with record.run_log_path(rerun).open("a", encoding="utf-8") as f:
        f.write('{"stage": "entities", "outc')  # a line cut short
    assert stages.read_run_log(rerun).of_process(record.PROCESS).runs[-2:] == log.runs
    assert stages.run_log().runs[-2:] == log.runs


def test_notebook_02_in_a_kernel_reruns_an_override_edit_without_the_model(rerun, seed_run) -> None:
    with rerun.aliases.open("a", encoding="utf-8") as f:
        f.write(NEVER_ASSAD)
    earlier = {r.process for r in stages.read_run_log(rerun).runs}
    start = time.perf_counter()
    report.execute_notebook(paths.NOTEBOOKS / "02-extract-entities.ipynb", report.report_parameters(rerun),
                            env=settings.kernel_environment(rerun))
    seconds = time.perf_counter() - start
    kernel = [r for r in stages.read_run_log(rerun).runs if r.process not in earlier]
    log = stages.RunLog(kernel)
    shown("notebook 02 executed in a kernel after an aliases.csv edit", log, seconds)
    assert kernel, "the kernel recorded no stage call"
    assert log.rebuilt() == {"entities"}
    assert log.model_loads() == []
    entities = pd.read_csv(rerun.derived / "entities.csv", keep_default_na=False)
    assert "Assad" in set(entities["name"])
