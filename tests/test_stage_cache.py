"""The stage caches: each stage's fingerprint covers exactly what its tables are made from.

Every dependency is edited in a temporary copy of the checkout (`helpers/` and `data/`), and
exactly the stages that depend on it must get a new fingerprint. The declarations are then
checked against the code itself: whatever helpers module a stage imports (transitively,
read with `ast`, imports inside functions included) must be declared, with the packages and
reference data it uses, so a declaration cannot go stale.
"""

from __future__ import annotations

import ast
import copy
import re
import dataclasses
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import pandas as pd
import pytest

from helpers import paths, settings, stages
from helpers.gazetteer import store as gaz_store
from helpers.stages import cache, entity_stage

ALL = {"entities", "timeline", "places", "sources"}
NONE: set[str] = set()


@pytest.fixture(scope="module")
def checkout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the checkout's code and reference data."""
    root = tmp_path_factory.mktemp("checkout")
    shutil.copytree(paths.ROOT / "helpers", root / "helpers", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(paths.DATA, root / "data", ignore=shutil.ignore_patterns("derived", "topojson"))
    return root


@pytest.fixture(scope="module")
def seeds():
    """The seed corpus, loaded (no stage run)."""
    return stages.load_corpus(settings.Settings(corpus=paths.SEEDS, out=None, spacy_model=settings.DEFAULT_SPACY_MODEL))


def settings_in(root: Path) -> settings.Settings:
    """Settings whose reference data are the copy's."""
    return settings.Settings(corpus=paths.SEEDS, out=root / "out", spacy_model=settings.DEFAULT_SPACY_MODEL,
                             aliases=root / "data" / "aliases.csv", places=root / "data" / "places.csv",
                             geonames_db=root / "data" / "geonames.sqlite")


def changed_stages(root: Path, corpus, edit: Callable[[], object], cfg: settings.Settings | None = None) -> set[str]:
    """The stages whose fingerprint `edit` changes."""
    cfg = cfg or settings_in(root)
    before = stages.fingerprints(cfg, corpus, root)
    edit()
    after = stages.fingerprints(cfg, corpus, root)
    return {name for name in before if before[name] != after[name]}


@contextmanager
def restored(path: Path) -> Iterator[None]:
    """Put the file back as it was (or remove it) afterwards."""
    old = path.read_bytes() if path.exists() else None
    try:
        yield
    finally:
        if old is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(old)


FILE_EDITS = [
    # the demonym and country table: entity typing, and places
    ("helpers/gazetteer/countries.py", ALL),
    ("helpers/gazetteer/curated.py", ALL),
    ("helpers/entities/canonical.py", ALL),
    ("helpers/annotation/cache.py", ALL),
    ("helpers/annotation/pipeline.py", ALL),
    ("helpers/corpus/load.py", ALL),
    ("helpers/text/names.py", ALL),
    ("helpers/tables.py", ALL),
    ("helpers/stages/cache.py", ALL),
    ("helpers/stages/entity_stage.py", ALL),
    ("helpers/timeline/timex.py", {"timeline", "sources"}),
    ("helpers/timeline/events.py", {"timeline", "sources"}),
    ("helpers/stages/timeline_stage.py", {"timeline", "sources"}),
    ("helpers/places/resolver.py", {"places"}),
    ("helpers/places/table.py", {"places"}),
    ("helpers/gazetteer/store.py", {"places"}),
    ("helpers/gazetteer/geonames.py", {"places"}),
    ("helpers/stages/place_stage.py", {"places"}),
    ("helpers/outlets/quotes.py", {"sources"}),
    ("helpers/outlets/claims.py", {"sources"}),
    ("helpers/outlets/compare.py", {"sources"}),
    ("helpers/stages/outlet_stage.py", {"sources"}),
    ("data/aliases.csv", ALL),
    ("data/places.csv", {"places"}),
    ("data/gazetteer.tsv.gz", {"places"}),
    ("data/named_regions.csv", ALL),  # entity typing knows the named regions too
    # code no stage runs: charts, the network export, the reports, the text geoparser
    ("helpers/entities/charts.py", NONE),
    ("helpers/entities/network.py", NONE),
    ("helpers/timeline/charts.py", NONE),
    ("helpers/places/charts.py", NONE),
    ("helpers/places/geoparsing.py", NONE),
    ("helpers/outlets/charts.py", NONE),
    ("helpers/corpus/charts.py", NONE),
    ("helpers/display/figures.py", NONE),
    ("helpers/report/export.py", NONE),
]


@pytest.mark.parametrize("rel,expected", FILE_EDITS, ids=[rel for rel, _ in FILE_EDITS])
def test_editing_a_file_changes_exactly_the_stages_built_from_it(checkout, seeds, rel, expected) -> None:
    path = checkout / rel
    assert path.is_file(), f"{rel} is not in the checkout: update this test"
    with restored(path):
        assert changed_stages(checkout, seeds, lambda: path.write_bytes(path.read_bytes() + b"\n# edited\n")) == expected


NEW_MODULES = [("text", ALL), ("entities", ALL), ("timeline", {"timeline", "sources"}), ("places", {"places"}),
               ("gazetteer", {"places"}), ("outlets", {"sources"}), ("display", NONE), ("report", NONE)]


@pytest.mark.parametrize("package,expected", NEW_MODULES, ids=[p for p, _ in NEW_MODULES])
def test_a_new_module_changes_the_stages_of_its_package(checkout, seeds, package, expected) -> None:
    new = checkout / "helpers" / package / "new_module.py"
    with restored(new):
        assert changed_stages(checkout, seeds, lambda: new.write_text("WORDS = ()\n")) == expected


def test_a_geonames_database_changes_only_the_places(checkout, seeds) -> None:
    db = checkout / "data" / "geonames.sqlite"
    with restored(db):
        assert changed_stages(checkout, seeds, lambda: db.write_bytes(b"SQLite format 3\0")) == {"places"}
        assert changed_stages(checkout, seeds, lambda: db.write_bytes(b"SQLite format 3\0 more")) == {"places"}


def test_naming_another_override_file_changes_its_stages(checkout, seeds, tmp_path) -> None:
    cfg = settings_in(checkout)
    other = tmp_path / "places.csv"
    other.write_text("name,gazetteer_id\nDamascus,p:damascus-us\n")
    before = stages.fingerprints(cfg, seeds, checkout)
    after = stages.fingerprints(dataclasses.replace(cfg, places=other), seeds, checkout)
    assert {k for k in before if before[k] != after[k]} == {"places"}
    after = stages.fingerprints(dataclasses.replace(cfg, aliases=other), seeds, checkout)
    assert {k for k in before if before[k] != after[k]} == ALL


def test_the_pipeline_version_and_the_cache_format_change_every_stage(checkout, seeds, monkeypatch) -> None:
    real = entity_stage.check_pipeline

    def newer(name: str):
        return dataclasses.replace(real(name), version="9.9.9")

    assert changed_stages(checkout, seeds, lambda: monkeypatch.setattr(entity_stage, "check_pipeline", newer)) == ALL
    monkeypatch.undo()
    format_version = entity_stage.extract.FORMAT_VERSION + 1
    assert changed_stages(checkout, seeds, lambda: monkeypatch.setattr(
        entity_stage.extract, "FORMAT_VERSION", format_version)) == ALL


def test_a_package_version_changes_the_stages_using_it(checkout, seeds, monkeypatch) -> None:
    real = cache._package_version

    def bumped(name: str) -> str:
        return "0.0-test" if name == "countryinfo" else real(name)

    assert changed_stages(checkout, seeds, lambda: monkeypatch.setattr(cache, "_package_version", bumped)) == ALL


def test_an_edited_article_changes_every_stage_and_its_metadata_only_what_reads_it(checkout, seeds) -> None:
    cfg = settings_in(checkout)
    before = stages.fingerprints(cfg, seeds, checkout)
    edited = copy.deepcopy(seeds)
    edited.articles[0].sha256 = "0" * 64
    after = stages.fingerprints(cfg, edited, checkout)
    assert {k for k in before if before[k] != after[k]} == ALL
    redated = copy.deepcopy(seeds)
    redated.articles[0].source = "Another Outlet"
    after = stages.fingerprints(cfg, redated, checkout)
    assert {k for k in before if before[k] != after[k]} == {"timeline", "sources"}


def test_fingerprints_are_stable_and_differ_between_stages(checkout, seeds) -> None:
    cfg = settings_in(checkout)
    first = stages.fingerprints(cfg, seeds, checkout)
    assert first == stages.fingerprints(cfg, seeds, checkout)
    assert len(set(first.values())) == len(first)


# ---------------------------------------------------------------------------- a real rebuild


def test_new_place_overrides_rebuild_the_places_and_read_the_rest(seed_run, tmp_path, monkeypatch) -> None:
    out = tmp_path / "out"
    shutil.copytree(seed_run.cfg.derived, out / "derived")
    overrides = tmp_path / "places.csv"
    overrides.write_text(seed_run.cfg.places.read_text() + "Damascus,,33.0,36.0,SY,populated_place\n")
    cfg = dataclasses.replace(seed_run.cfg, out=out, places=overrides)

    def no_canonicalize(*args, **kw):  # pragma: no cover - must not be called
        raise AssertionError("the entity tables were rebuilt")

    monkeypatch.setattr(entity_stage.entities_mod, "canonicalize", no_canonicalize)
    stamps = {p.name: p.read_text() for p in cfg.derived.glob(".*.fingerprint")}
    table = stages.places(cfg)
    assert stages.timeline(cfg).events.equals(seed_run.timeline.events)
    damascus = table.set_index("name").loc["Damascus"]
    assert (damascus["lat"], damascus["lon"], damascus["gazetteer_id"]) == (33.0, 36.0, "user:damascus")
    now = {p.name: p.read_text() for p in cfg.derived.glob(".*.fingerprint")}
    assert {name for name in stamps if stamps[name] != now[name]} == {".places.fingerprint"}


# ---------------------------------------------------------------------------- declarations against the code


def module_file(root: Path, dotted: list[str]) -> Path | None:
    """The file of module `a.b.c` under `root` (a package's `__init__.py`), or None."""
    base = root.joinpath(*dotted)
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return base.with_suffix(".py") if base.with_suffix(".py").is_file() else None


def imports_of(path: Path, root: Path = paths.ROOT) -> tuple[set[Path], set[str]]:
    """The helpers modules whose names `path` imports, anywhere in it, and the third-party
    top-level modules it imports. `from pkg import sub` reaches the submodule only, and
    `from pkg import name` the package's `__init__.py` (which then re-exports it)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    package = parts[:-1]
    found: set[Path] = set()
    third: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                top = alias.name.split(".")
                if top[0] == "helpers":
                    found |= {f for f in [module_file(root, top)] if f}
                else:
                    third.add(top[0])
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1] + (node.module.split(".") if node.module else [])
            else:
                base = (node.module or "").split(".")
                if base[0] != "helpers":
                    third.add(base[0])
                    continue
            for alias in node.names:
                f = module_file(root, [*base, alias.name]) or module_file(root, base)
                if f:
                    found.add(f)
    return found, third - set(sys.stdlib_module_names) - {"__future__"}


def closure(entry: Path) -> tuple[set[Path], set[str]]:
    """Every helpers module `entry` reaches through imports, and the third-party modules they import."""
    seen: set[Path] = set()
    third: set[str] = set()
    todo = [entry]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        found, outside = imports_of(path)
        third |= outside
        todo.extend(found)
    return seen, third


def declared_code(stage: cache.Stage) -> set[Path]:
    """The files a stage's fingerprint covers: its own code and that of the stages it builds on."""
    files = set(stage.code_files(paths.ROOT / "helpers"))
    for up in stage.upstream():
        files |= set(up.code_files(paths.ROOT / "helpers"))
    return files


@pytest.mark.parametrize("name", sorted(stages.STAGES))
def test_declared_code_covers_every_module_the_stage_imports(name: str) -> None:
    stage = stages.STAGES[name]
    reached, _ = closure(paths.ROOT / "helpers" / stage.entry)
    missing = sorted(p.relative_to(paths.ROOT / "helpers").as_posix() for p in reached - declared_code(stage))
    assert not missing, (f"stage {name!r} runs {missing}: add them to its `code` "
                         f"(helpers/{stage.entry}) or to the stage it builds on")


@pytest.mark.parametrize("name", sorted(stages.STAGES))
def test_declared_code_exists(name: str) -> None:
    stage = stages.STAGES[name]
    for entry in (*stage.own_code, *stage.exclude):
        assert (paths.ROOT / "helpers" / entry).exists(), f"stage {name!r} declares helpers/{entry}, which is gone"


def normalise(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


@lru_cache(maxsize=1)
def _distributions() -> dict[str, list[str]]:
    return metadata.packages_distributions()


@pytest.mark.parametrize("name", sorted(stages.STAGES))
def test_declared_packages_cover_every_third_party_import(name: str) -> None:
    stage = stages.STAGES[name]
    _, third = closure(paths.ROOT / "helpers" / stage.entry)
    dists = _distributions()
    declared = {normalise(p) for p in (*cache.BASE_PACKAGES, *stage.packages,
                                       *(p for up in stage.upstream() for p in up.packages))}
    missing = sorted(m for m in third if not {normalise(d) for d in dists.get(m, [m])} & declared)
    assert not missing, f"stage {name!r} imports {missing}: add their distributions to its `packages`"


@pytest.mark.parametrize("name", sorted(stages.STAGES))
def test_a_stage_declares_the_data_its_modules_read(name: str) -> None:
    stage = stages.STAGES[name]
    reached, _ = closure(paths.ROOT / "helpers" / stage.entry)
    reached_rel = {p.relative_to(paths.ROOT / "helpers").as_posix() for p in reached}
    declared = {*stage.data, *(d for up in stage.upstream() for d in up.data)}
    for data in cache.REFERENCE_DATA:
        if reached_rel & set(data.read_by):
            assert data in declared, f"stage {name!r} runs {data.read_by} but does not declare {data.label}"


def test_every_reference_data_file_is_declared() -> None:
    declared = {paths.ROOT / d.path for d in cache.REFERENCE_DATA if d.path}
    defaults = settings.Settings(corpus=paths.SEEDS, out=None, spacy_model="x")
    declared |= {d.locate(defaults) for d in cache.REFERENCE_DATA if d.setting and d.locate(defaults)}
    files = {p for p in paths.DATA.iterdir() if p.is_file() and p.suffix != ".md"}
    assert files <= declared, f"not declared as any stage's data: {sorted(p.name for p in files - declared)}"
    assert paths.ROOT / cache.GAZETTEER.path == gaz_store.GAZETTEER


def test_the_import_reader_sees_imports_inside_functions() -> None:
    found, third = imports_of(paths.ROOT / "helpers" / "stages" / "place_stage.py")
    assert paths.ROOT / "helpers" / "gazetteer" / "geonames.py" in found  # imported inside gazetteer()
    assert "pandas" in third and "copy" not in third


def test_stage_results_read_back_from_the_tables_equal_the_fresh_ones(seed_run) -> None:
    cfg = seed_run.cfg
    ents = stages.entities(cfg)
    for key in stages.ENTITY_TABLES:
        pd.testing.assert_frame_equal(getattr(ents, key), getattr(seed_run.entities, key), check_exact=True)
    tl = stages.timeline(cfg)
    for key in stages.TIMELINE_TABLES:
        pd.testing.assert_frame_equal(getattr(tl, key), getattr(seed_run.timeline, key), check_exact=True)
    pd.testing.assert_frame_equal(stages.places(cfg), seed_run.places, check_exact=True)
    src = stages.sources(cfg)
    for key in stages.SOURCES_TABLES:
        pd.testing.assert_frame_equal(getattr(src, key), getattr(seed_run.sources, key), check_exact=True)


def test_the_stages_collect_garbage_less_often_and_put_the_thresholds_back() -> None:
    import gc

    before = gc.get_threshold()
    with stages.fewer_collections():
        assert gc.get_threshold() == stages.GC_THRESHOLD
    assert gc.get_threshold() == before
    with pytest.raises(RuntimeError), stages.fewer_collections():
        raise RuntimeError("a stage stopped")
    assert gc.get_threshold() == before
