"""The workbook's stages as functions any notebook can call, each cached on disk.

A later notebook opened on its own calls the stage it needs; the stage reads its tables
from the tables folder when they were made from the same inputs, and otherwise rebuilds them
(the model runs only for articles missing from the annotation cache). Each stage declares
its inputs (`cache.Stage`): the helpers code it runs, the reference data it reads, the
packages and the stages it builds on; its fingerprint covers exactly those and the articles.

| stage | function | module | builds on |
|---|---|---|---|
| entities | `entities(cfg)` | `entity_stage` | the corpus, the annotation cache |
| timeline | `timeline(cfg)` | `timeline_stage` | entities |
| places | `places(cfg)` | `place_stage` | entities |
| sources (outlets compared) | `sources(cfg)` | `outlet_stage` | entities, timeline |

Every stage call is recorded (`record`): whether it rebuilt its tables or read them back, in
how many seconds, and whether the spaCy model was loaded for it. `with stages.recording() as
log:` collects the calls of a block (`log.summary()` is one line for a notebook);
`stages.run_log()` has every call of this process, `stages.read_run_log(cfg)` every call
recorded in the cache folder (by a notebook kernel too).

The per-article work (the spaCy parse, dating and time expressions, quotes and claims) runs
in batches of articles (`executor`): in this process for a handful of articles, across
`cfg.processes` local worker processes (by default the cores available) for more, or as tasks
on the Dask scheduler `cfg.dask_scheduler` names (`tcp://host:port`; Dask is imported only
then). Workers get compact inputs (texts, the batch's rows, annotations; never a Doc); the
corpus-wide steps combine their results here in doc_id order, so every table is the same,
byte for byte, however the work was spread.

| per-article work | stage | runs in | function |
|---|---|---|---|
| the spaCy parse | entities | `nlp.pipe(n_process=...)`, or Dask tasks | `annotation.cache.annotate`, `parse_batch` |
| publication dates, time expressions | timeline | `executor.map_batches` | `timeline_stage.timeline_batch` |
| quotes, claims | sources | `executor.map_batches` | `outlet_stage.sources_batch` |

One bad article never stops the run: when a stage's per-article work (the spaCy parse, the
entity spans, dating and time expressions, quotes and claims) raises on an article, that
article is left out of the stage and gets a row of `stage_problems.csv` (stage, doc_id, the
error's first line), and the other articles and the later stages go on. `stage_problems(cfg)`
reads every stage's rows, `left_out(cfg)` counts them by stage. A stage that raises on every
article stops with `StageFailed`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from .. import corpus as corpus_mod
from .. import paths
from ..settings import Settings
from ..tables import StageFailed  # noqa: F401
from .cache import REFERENCE_DATA, Data, Stage, fingerprint, load_corpus, read_stage_problems  # noqa: F401
from .entity_stage import ENTITIES, ENTITY_TABLES, entities  # noqa: F401
from .outlet_stage import SOURCES, SOURCES_TABLES, SourcesResult, sources  # noqa: F401
from .place_stage import PLACE_TABLES, PLACES, gazetteer, places  # noqa: F401
from . import executor  # noqa: F401
from .record import FROM_CACHE, REBUILT, RunLog, StageRun, read_run_log, recording, run_log  # noqa: F401
from .timeline_stage import TIMELINE, TIMELINE_TABLES, TimelineResult, timeline  # noqa: F401

STAGES: Mapping[str, Stage] = {s.name: s for s in (ENTITIES, TIMELINE, PLACES, SOURCES)}
"""Every cached stage, by name, in the order the notebooks run them."""


def fingerprints(cfg: Settings, corpus: corpus_mod.Corpus, root: Path = paths.ROOT) -> dict[str, str]:
    """The fingerprint of every stage for `cfg`, `corpus` and the checkout at `root`."""
    return {name: fingerprint(stage, cfg, corpus, root) for name, stage in STAGES.items()}


GC_THRESHOLD = (50_000, 20, 20)
"""The garbage collector's thresholds while `prepare` builds the stages (Python's are 700, 10,
10). The stages make millions of small objects that live to the end (rows, mentions, the
gazetteer's places); with the default, the collector walks them again every few thousand
allocations, about a tenth of the corpus-wide steps' time. Objects are still freed as soon as
nothing refers to them; only cycles wait longer."""


@contextmanager
def fewer_collections(threshold: tuple[int, int, int] = GC_THRESHOLD) -> Iterator[None]:
    """Run the block with the collector's thresholds at `threshold`, then put them back."""
    before = gc.get_threshold()
    gc.set_threshold(*threshold)
    try:
        yield
    finally:
        gc.set_threshold(*before)


PARSED = "parse"
"""What `prepare` tells, besides each stage built, once every article is parsed (before the entity
stage's corpus-wide step): until then the parse's workers use every core."""


def prepare(cfg: Settings, built: Callable[[str, str], None] | None = None) -> list[str]:
    """Build, or read back when up to date, every stage's tables for `cfg`, in the order the
    notebooks run them (what `make report` does while it runs the notebooks, so that they only
    read tables); one line per stage, of what it did. `built(stage, line)` is told as soon as
    each stage's tables are written, so a notebook that reads only those can start, and
    `built(PARSED, ...)` once the articles are parsed."""
    told: set[str] = set()

    def tell(name: str, line: str) -> None:
        if built is not None and name not in told:
            told.add(name)
            built(name, line)

    corpus = load_corpus(cfg)
    with recording() as log, fewer_collections():

        def done(stage: Stage) -> None:
            tell(stage.name, next(r.line() for r in reversed(log.runs) if r.stage == stage.name and not r.caller))

        entities(cfg, corpus, parsed=lambda: tell(PARSED, f"{PARSED} done"))
        tell(PARSED, f"{PARSED} done (the entity tables were up to date)")
        done(ENTITIES)
        for stage, build in ((TIMELINE, timeline), (PLACES, places), (SOURCES, sources)):
            build(cfg, corpus)
            done(stage)
    return [r.line() for r in log.runs if not r.caller]


def stage_problems(cfg: Settings, doc_ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Every stage's rows of `stage_problems.csv` in `cfg`'s tables folder: the articles each
    stage left out because it raised on them (no row when none was, or no stage has run);
    only those of `doc_ids` when given (the articles of the corpus as it is now)."""
    problems = read_stage_problems(cfg.derived)
    if doc_ids is None:
        return problems
    return problems[problems["doc_id"].isin(set(doc_ids))].reset_index(drop=True)


def left_out(cfg: Settings) -> dict[str, int]:
    """How many articles each stage left out, by stage, in the order the notebooks run them
    (every stage, 0 when it left none out)."""
    problems = stage_problems(cfg)
    counts = problems.drop_duplicates(["stage", "doc_id"])["stage"].value_counts()
    return {name: int(counts.get(name, 0)) for name in STAGES}
