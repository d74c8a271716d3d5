"""What each stage's tables are made from, and the on-disk cache of those tables.

Every stage declares the helpers code it runs, the reference data it reads, the third-party
packages whose versions shape its output, and the stages it builds on (`Stage`). Its
fingerprint hashes exactly those (file contents, never modification times), plus the
articles it reads; a stage's tables are read back from the tables folder when the
fingerprint written beside them is the same, and rebuilt otherwise. So editing the timeline
code rebuilds the timeline and what is built on it, and leaves the entity tables alone.

The tables are read back from their Parquet files (`tables.read_table`), never from the CSV
exports: a tables folder written before there was Parquet (CSVs only) is rebuilt. The
fingerprint is taken away before a stage writes its tables and written back (atomically) once
they are all written, so a run that stops half way through leaves tables that are rebuilt,
never tables taken for those of the stage's inputs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd

from .. import corpus as corpus_mod
from .. import paths, tables
from ..settings import Settings
from . import record


@dataclass(frozen=True)
class Data:
    """A reference data file a stage reads: a file of the checkout, or a path setting."""

    label: str
    path: str = ""
    """The file, relative to the checkout (`data/gazetteer.tsv.gz`)."""
    setting: str = ""
    """Or the `Settings` attribute naming it (`aliases`); a setting of None means no file."""
    read_by: tuple[str, ...] = ()
    """The helpers modules that read it: a stage running one of them must declare it."""

    def locate(self, cfg: Settings, root: Path = paths.ROOT) -> Path | None:
        """Where the file is for `cfg`, in the checkout at `root`."""
        if self.setting:
            value = getattr(cfg, self.setting)
            return Path(value) if value is not None else None
        return root / self.path


ALIASES = Data("entity overrides", setting="aliases", read_by=("entities/overrides.py",))
PLACE_OVERRIDES = Data("place overrides", setting="places", read_by=("places/resolver.py",))
GAZETTEER = Data("gazetteer", path="data/gazetteer.tsv.gz", read_by=("gazetteer/store.py",))
NAMED_REGIONS = Data("named regions", path="data/named_regions.csv", read_by=("gazetteer/curated.py",))
GEONAMES_DB = Data("GeoNames database", setting="geonames_db", read_by=("gazetteer/geonames.py",))
REFERENCE_DATA: tuple[Data, ...] = (ALIASES, PLACE_OVERRIDES, GAZETTEER, NAMED_REGIONS, GEONAMES_DB)
"""Every reference data file a stage may read."""

TEXT_FIELDS = ("doc_id", "sha256")
"""The article fields of the text: its name and the hash of its bytes."""
METADATA_FIELDS = ("source", "url", "title", "published", "published_from")
"""The article fields of its metadata (header and `metadata.csv`)."""

BASE_CODE = ("stages/cache.py", "stages/record.py", "tables.py", "settings.py", "paths.py", "corpus/__init__.py",
             "corpus/load.py", "corpus/formats.py", "text")
"""Code every stage runs: this module, the record of stage calls, the table schemas, settings,
the corpus loader, the text layer."""
BASE_PACKAGES = ("pandas", "charset-normalizer", "python-dateutil", "trafilatura", "pypdf", "python-docx",
                 "openpyxl", "py3langid", "pyarrow")


@dataclass(frozen=True)
class Stage:
    """What one stage's tables are made from. Code is given relative to `helpers/`: a module
    (`gazetteer/countries.py`) or a folder (`timeline`, every module in it)."""

    name: str
    entry: str
    """The module holding the stage's function (`stages/timeline_stage.py`)."""
    code: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    """Modules of those folders that the stage does not run (its charts)."""
    data: tuple[Data, ...] = ()
    packages: tuple[str, ...] = ()
    """Distributions whose versions shape the tables (`rapidfuzz`)."""
    after: tuple[Stage, ...] = ()
    """The stages whose tables this one reads; their fingerprints are part of this one's."""
    article_fields: tuple[str, ...] = TEXT_FIELDS
    versions: Callable[[Settings], tuple[str, ...]] | None = None
    """Further inputs that are not files, e.g. the spaCy pipeline's name and version."""

    @property
    def own_code(self) -> tuple[str, ...]:
        """The code this stage runs itself (modules and folders), not counting the stages it builds on."""
        return (*BASE_CODE, self.entry, *self.code)

    def code_files(self, helpers_dir: Path) -> list[Path]:
        """The Python files of the code this stage runs itself, sorted."""
        excluded = {helpers_dir / e for e in self.exclude}
        return [p for p in code_files(self.own_code, helpers_dir) if p not in excluded]

    def upstream(self) -> Iterator[Stage]:
        """The stages this one builds on, directly or not (each once)."""
        seen: set[str] = set()
        for up in self.after:
            for s in (*up.upstream(), up):
                if s.name not in seen:
                    seen.add(s.name)
                    yield s


def code_files(entries: tuple[str, ...], helpers_dir: Path) -> list[Path]:
    """The Python files of `entries` (modules or folders relative to `helpers_dir`), sorted."""
    files: set[Path] = set()
    for entry in entries:
        path = helpers_dir / entry
        files |= set(path.rglob("*.py")) if path.is_dir() else {path}
    return sorted(files)


_DIGESTS: dict[tuple[str, int, int], str] = {}


def file_digest(path: Path) -> str:
    """SHA-256 of the file's content ("absent" if there is no file), computed once per process
    for a given path, size and modification time (the time is a memo key, never hashed)."""
    try:
        st = path.stat()
    except OSError:
        return "absent"
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    if key not in _DIGESTS:
        with path.open("rb") as f:
            _DIGESTS[key] = hashlib.file_digest(f, "sha256").hexdigest()
    return _DIGESTS[key]


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _hash_code(h: Any, stage: Stage, cfg: Settings, root: Path) -> None:
    """Feed `h` what `stage` runs and reads besides the articles: its code files, reference
    data, package versions and further versions (the pipeline's)."""
    helpers_dir = root / "helpers"
    for path in stage.code_files(helpers_dir):
        h.update(f"{path.relative_to(helpers_dir).as_posix()}\0{file_digest(path)}\0".encode())
    for data in stage.data:
        where = data.locate(cfg, root)
        h.update(f"{data.label}\0{file_digest(where) if where is not None else 'none'}\0".encode())
    for name in sorted({*BASE_PACKAGES, *stage.packages}):
        h.update(f"{name}=={_package_version(name)}\0".encode())
    for value in stage.versions(cfg) if stage.versions else ():
        h.update(f"{value}\0".encode())


def fingerprint(stage: Stage, cfg: Settings, corpus: corpus_mod.Corpus, root: Path = paths.ROOT) -> str:
    """The hash of everything `stage`'s tables are made from, for the checkout at `root`."""
    h = hashlib.sha256(f"{stage.name}\0".encode())
    for up in stage.after:
        h.update(f"after {up.name}\0{fingerprint(up, cfg, corpus, root)}\0".encode())
    _hash_code(h, stage, cfg, root)
    for a in sorted(corpus.articles, key=lambda a: a.doc_id):
        record = a.record()
        h.update("\0".join(str(record[f]) for f in stage.article_fields).encode() + b"\n")
    return h.hexdigest()


def code_fingerprint(stage: Stage, cfg: Settings, root: Path = paths.ROOT) -> str:
    """The hash of what `stage` and the stages it builds on run and read, the articles left
    out: what one article's result of the stage's per-article work is made from, besides that
    article's own inputs (`memo`)."""
    h = hashlib.sha256(f"code of {stage.name}\0".encode())
    for up in stage.upstream():
        h.update(f"after {up.name}\0".encode())
        _hash_code(h, up, cfg, root)
    _hash_code(h, stage, cfg, root)
    return h.hexdigest()


def load_corpus(cfg: Settings) -> corpus_mod.Corpus:
    """The corpus the extraction stages read (fast: reads the folder): every article loaded
    from `cfg.corpus` but those in a language the settings leave out (`cfg.languages`,
    English by default; their `not English` problem rows say so)."""
    corpus = corpus_mod.load_corpus(cfg.corpus, source_from=cfg.source_from, day_first=cfg.day_first,
                                    field_map=cfg.field_map)
    kept = [a for a in corpus.articles if cfg.reads_language(a.language)]
    if len(kept) == len(corpus.articles):
        return corpus
    if not kept:
        found = ", ".join(sorted({a.language for a in corpus.articles}))
        raise corpus_mod.CorpusError(
            f"Every article of {paths.shown(cfg.corpus)} is in a language the extraction stages leave out "
            f"({found}); set WORKBOOK_LANGUAGES (for example to {found.split(', ')[0]} or all) to read them.")
    return dataclasses.replace(corpus, articles=kept)


def _stamp(folder: Path, stage: Stage) -> Path:
    return folder / f".{stage.name}.fingerprint"


class StaleTables(RuntimeError):
    """A stage's tables were rebuilt (or are being rebuilt) after a result was read from them."""


class LazyTables(Mapping[str, pd.DataFrame]):
    """A stage's tables read back from their Parquet files, each the first time it is asked
    for and then kept: a notebook that shows two of a stage's seven tables holds two.

    Each file must still be the one found when the result was read back (the same file on
    disk, and the stage's fingerprint unchanged), before and after it is read; if the stage
    was rebuilt since (by another notebook, or `make report`, on the same folder),
    StaleTables says to ask the stage again rather than mix two builds."""

    def __init__(self, folder: Path, schemas: Mapping[str, tables.Schema], fingerprint_: str,
                 stage: Stage) -> None:
        self._folder, self._schemas, self._fingerprint, self._stage = folder, dict(schemas), fingerprint_, stage
        self._files = {key: self._file(schema) for key, schema in self._schemas.items()}
        self._frames: dict[str, pd.DataFrame] = {}

    def _file(self, schema: tables.Schema) -> tuple[int, int, int] | None:
        """The table's file as it is on disk now (a rewrite replaces it: a new inode)."""
        try:
            st = tables.parquet_path(self._folder, schema).stat()
        except OSError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size

    def _check_unchanged(self, key: str) -> None:
        stamp = _stamp(self._folder, self._stage)
        same = stamp.exists() and stamp.read_text().strip() == self._fingerprint
        if not same or self._file(self._schemas[key]) != self._files[key]:
            raise StaleTables(f"the {self._stage.name} tables in {self._folder} were rebuilt after this "
                              f"result was read: call stages.{self._stage.name}(...) again")

    def __getitem__(self, key: str) -> pd.DataFrame:
        if key not in self._frames:
            schema = self._schemas[key]
            self._check_unchanged(key)
            try:
                frame = tables.read_table(self._folder, schema)
            except (OSError, ValueError) as exc:
                self._check_unchanged(key)
                raise ValueError(f"{schema.file} in {self._folder} cannot be read ({exc}): rebuild the stage "
                                 f"with stages.{self._stage.name}(cfg, refresh=True)") from exc
            self._check_unchanged(key)
            self._frames[key] = frame
        return self._frames[key]

    def __contains__(self, key: object) -> bool:
        return key in self._schemas

    def __iter__(self) -> Iterator[str]:
        return iter(self._schemas)

    def __len__(self) -> int:
        return len(self._schemas)


class StageTables:
    """A stage's result: each of its tables an attribute (`result.mentions`), taken from a
    mapping of frames when first used -- so a result read back from the cache (`LazyTables`)
    reads only the tables used."""

    def __init__(self, frames: Mapping[str, pd.DataFrame]) -> None:
        self.__dict__["_frames"] = frames

    def __getattr__(self, name: str) -> Any:
        frames = self.__dict__.get("_frames", {})
        if name.startswith("_") or name not in frames:
            raise AttributeError(f"{type(self).__name__!r} has no table {name!r}")
        value = self.__dict__[name] = frames[name]
        return value

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every table, by name (all read, for a result read back from the cache)."""
        return {name: getattr(self, name) for name in self.__dict__["_frames"]}


def read_cached(folder: Path, schemas: Mapping[str, tables.Schema], fingerprint_: str,
                stage: Stage) -> LazyTables | None:
    """The stage's tables from `folder` (their Parquet files, each read when first used),
    typed by their schemas, if they were made from the inputs of `fingerprint_`; None when
    they must be rebuilt (a table missing, unreadable or not of its schema, or only there as
    CSV: the files' footers are checked here, their rows when read)."""
    stamp = _stamp(folder, stage)
    if not stamp.exists() or stamp.read_text().strip() != fingerprint_:
        return None
    try:
        for schema in schemas.values():
            tables.check_table(folder, schema)
    except (OSError, ValueError):
        return None
    return LazyTables(folder, schemas, fingerprint_, stage)


def write_cached(folder: Path, frames: Mapping[str, pd.DataFrame], schemas: Mapping[str, tables.Schema],
                 fingerprint_: str, stage: Stage, problems: tables.ArticleProblems | None = None) -> None:
    """Write the stage's tables to `folder`, and its rows of `stage_problems.csv` (the articles
    it left out, `problems`), then the fingerprint that says what they are made from; the
    stage's call is recorded as rebuilt (`record`). The old fingerprint goes first, so tables
    a crash leaves half rewritten are rebuilt on the next run."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = _stamp(folder, stage)
    stamp.unlink(missing_ok=True)
    for key, schema in schemas.items():
        tables.write_table(frames[key], folder, schema)
    write_stage_problems(folder, stage.name, problems)
    tmp = stamp.with_name(f"{stamp.name}.tmp")
    tmp.write_text(fingerprint_)
    os.replace(tmp, stamp)
    record.note_rebuilt(stage.name)


def read_stage_problems(folder: Path) -> pd.DataFrame:
    """Every stage's rows of `folder/stage_problems.csv`, read from its Parquet file (no row
    when there is no such table)."""
    try:
        return tables.read_table(folder, tables.STAGE_PROBLEMS)
    except (OSError, ValueError):
        return tables.ArticleProblems("").frame()


def write_stage_problems(folder: Path, stage: str, problems: tables.ArticleProblems | None) -> Path:
    """Make `stage`'s rows of `folder/stage_problems.csv` those of `problems` (none when None),
    keeping the other stages' rows; rows in stage, then doc_id, order."""
    kept = [tables.StageProblem(*row) for row in read_stage_problems(folder).itertuples(index=False, name=None)
            if row[0] != stage]
    rows = sorted([*kept, *(problems.rows if problems else [])], key=lambda r: (r.stage, r.doc_id))
    frame = pd.DataFrame([(r.stage, r.doc_id, r.error) for r in rows], columns=tables.STAGE_PROBLEMS.names)
    return tables.write_table(frame, folder, tables.STAGE_PROBLEMS)
