"""Shared fixtures: the stages run once on the seeds, a hostile corpus, a report run on it,
and headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from helpers import corpus as corpus_mod
from helpers import entities as entities_mod
from helpers import paths, settings, stages
from helpers.annotation import cache as extract

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
INSTALL_HINT = ("headless Chromium is not installed: `sudo apt-get install chromium` (Debian/Ubuntu), "
                "or set WORKBOOK_CHROMIUM=/path/to/chrome")

EVIL_TEXT = (
    "Hostile <script>window.__pwned = 'script'</script> headline\n\n"
    "The minister said on Monday that <img src=x onerror=\"window.__pwned = 'img'\"> talks "
    "would go on in Geneva, and <a href=\"javascript:window.__pwned='link'\">click</a> "
    "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe> was reported by "
    "<b onmouseover=\"window.__pwned='hover'\">officials</b>.\n"
)


def chromium_path() -> str | None:
    """Where headless Chromium is, or None."""
    env = os.environ.get("WORKBOOK_CHROMIUM")
    if env and Path(env).exists():
        return env
    return next((c for c in CHROMIUM_CANDIDATES if Path(c).exists()), None)


@dataclass
class SeedRun:
    """Every stage run once on a copy of the seeds, into a fresh OUT folder."""

    cfg: settings.Settings
    corpus: corpus_mod.Corpus
    entities: entities_mod.EntityResult
    entity_stats: extract.RunStats
    """What the entity stage's cold run parsed (every article) and read from the cache (none)."""
    timeline: stages.TimelineResult
    places: pd.DataFrame
    sources: stages.SourcesResult


def entity_tables(corpus: Path, out: Path) -> settings.Settings:
    """The settings of a run on the articles of `corpus` with tables in `out`, after notebook
    01's tables and the entities stage were written there (what the table tests read back)."""
    cfg = settings.Settings(corpus=corpus, out=out, spacy_model=settings.DEFAULT_SPACY_MODEL)
    loaded = stages.load_corpus(cfg)
    corpus_mod.write_tables(loaded, cfg.derived)
    stages.entities(cfg, loaded)
    return cfg


@pytest.fixture(scope="session")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> SeedRun:
    """The seeds through every stage, once per test session (the model runs once).

    Tests may rerun a stage on `cfg` (its tables are then read back) or with other settings,
    but must leave the tables as the default settings make them.
    """
    corpus_dir = tmp_path_factory.mktemp("seeds")
    for f in sorted(p for p in paths.SEEDS.iterdir() if p.is_file()):
        shutil.copy2(f, corpus_dir / f.name)
    cfg = settings.Settings(corpus=corpus_dir, out=tmp_path_factory.mktemp("seed-out"),
                            spacy_model=settings.DEFAULT_SPACY_MODEL)
    corpus = stages.load_corpus(cfg)
    stats = extract.RunStats()
    ents = stages.entities(cfg, corpus, stats=stats)
    return SeedRun(cfg=cfg, corpus=corpus, entities=ents, entity_stats=stats, timeline=stages.timeline(cfg, corpus),
                   places=stages.places(cfg, corpus), sources=stages.sources(cfg, corpus))


@pytest.fixture(scope="session")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus an article full of markup that must never run, and two bad files."""
    folder = tmp_path_factory.mktemp("corpus")
    for f in sorted(p for p in paths.SEEDS.iterdir() if p.is_file()):
        shutil.copy2(f, folder / f.name)
    (folder / "zz_hostile.txt").write_text(EVIL_TEXT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (folder / "metadata.csv").write_text(
        "doc_id,source,url,published\n"
        "zz_hostile,<b onmouseover=\"window.__pwned='source'\">Evil Daily</b>,,2018-09-05\n",
        encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def hostile_run(hostile_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make report`'s command run on the hostile corpus into a fresh OUT folder."""
    out = tmp_path_factory.mktemp("out")
    seed_run = {p: p.stat().st_mtime_ns for d in (paths.DERIVED, paths.REPORTS) if d.exists()
                for p in d.rglob("*") if p.is_file()}
    env = {k: v for k, v in os.environ.items() if not k.startswith("WORKBOOK_")}
    proc = subprocess.run(
        [sys.executable, "-m", "helpers.report", "--corpus", str(hostile_corpus), "--out", str(out)],
        cwd=paths.ROOT, env=env, capture_output=True, text=True, timeout=3600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (out / "stdout.txt").write_text(proc.stdout)
    touched = [p for p, t in seed_run.items() if not p.exists() or p.stat().st_mtime_ns != t]
    (out / "seed_run_touched.txt").write_text("\n".join(map(str, touched)))
    return out


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium driven by Playwright; skips (or fails in CI) when absent."""
    exe = chromium_path()
    if exe is None:
        if os.environ.get("WORKBOOK_REQUIRE_BROWSER"):
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def shipped():
    """The shipped gazetteer with its curated places (`helpers.gazetteer.store.load_gazetteer`),
    read once per process: the places tests' must-place and must-not cases run on it."""
    from helpers.gazetteer import store

    return store.load_gazetteer()
