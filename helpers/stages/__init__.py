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
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .. import corpus as corpus_mod
from .. import paths
from ..settings import Settings
from .cache import REFERENCE_DATA, Data, Stage, fingerprint, load_corpus  # noqa: F401
from .entity_stage import ENTITIES, ENTITY_TABLES, entities  # noqa: F401
from .outlet_stage import SOURCES, SOURCES_TABLES, SourcesResult, sources  # noqa: F401
from .place_stage import PLACE_TABLES, PLACES, gazetteer, places  # noqa: F401
from .record import FROM_CACHE, REBUILT, RunLog, StageRun, read_run_log, recording, run_log  # noqa: F401
from .timeline_stage import TIMELINE, TIMELINE_TABLES, TimelineResult, timeline  # noqa: F401

STAGES: Mapping[str, Stage] = {s.name: s for s in (ENTITIES, TIMELINE, PLACES, SOURCES)}
"""Every cached stage, by name, in the order the notebooks run them."""


def fingerprints(cfg: Settings, corpus: corpus_mod.Corpus, root: Path = paths.ROOT) -> dict[str, str]:
    """The fingerprint of every stage for `cfg`, `corpus` and the checkout at `root`."""
    return {name: fingerprint(stage, cfg, corpus, root) for name, stage in STAGES.items()}
